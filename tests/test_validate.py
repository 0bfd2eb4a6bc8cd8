from rdflib import SH, Graph, URIRef

import kg
from kg.namespace import short_iri
from kg.ontology import read_shapes
from kg.validate import sparql_constraints, validate_graph

from .conftest import run_kg


def test_the_seed_graph_conforms(seed_store):
    report = kg.validate(seed_store)
    assert report.conforms, [v.message for v in report.violations[:5]]


def test_a_claim_without_a_speaker_fails_with_a_readable_message(tmp_path, seed_store):
    broken = tmp_path / "broken.trig"
    trig = kg.export_graph(seed_store, "nquads")
    lines = [ln for ln in trig.splitlines() if not ("/claim/000_39d5fae97a4a7a49/" in ln and "wasAttributedTo" in ln)]
    broken.with_suffix(".nq").write_text("\n".join(lines) + "\n")
    report = kg.validate(file=broken.with_suffix(".nq"))
    assert not report.conforms
    assert any("speaker" in v.message and "claim/000_39d5fae97a4a7a49/" in v.focus for v in report.violations)


def test_bounds_the_wrong_way_round_fail(seed_store):
    from rdflib import Graph, Literal

    from kg.namespace import KG

    g = Graph()
    for triple in kg.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", store=seed_store).triples:
        g.add(triple)
    q = next(iter(g.subjects(KG.upperBound, Literal(500))))
    g.set((q, KG.lowerBound, Literal(600)))
    report = validate_graph(g)
    assert not report.conforms
    assert any("lower bound" in v.message for v in report.violations)


def test_cli_validate_exits_1_on_a_broken_file(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix kg: <https://kg.example.org/ontology#> .\n<https://kg.example.org/id/claim/x> a kg:Claim .\n"
    )
    result = run_kg("validate", "--file", str(bad))
    assert result.returncode == 1
    assert "does not conform" in result.stderr


def test_unreadable_rdf_file_is_one_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <")
    result = run_kg("validate", "--file", str(bad))
    assert result.returncode == 1
    assert result.stderr.startswith("error: E400") and "Traceback" not in result.stderr


def test_a_reified_claim_whose_triple_is_not_asserted_fails_the_sparql_constraint(tmp_path, seed_store):
    # the SPARQL constraints run once over the whole graph: they still find the one claim broken
    from rdflib import RDF

    claim = next(
        line.split()[0].strip("<>")
        for line in kg.export_graph(seed_store, "ntriples").splitlines()
        if "/claim/000_39d5fae97a4a7a49/" in line and str(RDF.subject) in line
    )
    g = Graph()
    g.parse(data=kg.export_graph(seed_store, "ntriples"), format="nt")
    c = URIRef(claim)
    s, p, o = g.value(c, RDF.subject), g.value(c, RDF.predicate), g.value(c, RDF.object)
    g.remove((s, p, o))
    report = validate_graph(g)
    assert not report.conforms
    broken = [v for v in report.violations if "asserted as a plain triple" in v.message]
    assert [v.focus for v in broken] == [short_iri(claim)]


def test_sparql_constraints_are_taken_out_of_the_shapes_pyshacl_runs():
    core, constraints = sparql_constraints(read_shapes())
    assert len(constraints) == len(list(read_shapes().objects(None, SH.sparql)))
    assert not list(core.objects(None, SH.sparql))
    assert all(c.classes and "$this" in c.select for c in constraints)
