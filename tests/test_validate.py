from rdflib import RDF, SH, Graph, URIRef

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


def _breaks(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """The tiny graph's N-Quads with one fault of each kind; the node each fault is on, by kind.

    Faults in an article graph (a missing speaker, a speaker that is no actor, a date that is no date,
    evidence from another article: a SPARQL constraint), in the cross-source graph (a missing status,
    a claim count of 0, a value that agrees with itself: a SPARQL constraint) and in the registry (no label).
    """
    graph = {"article": "<https://kg.example.org/graph/article/", "cross": "<https://kg.example.org/graph/crosssource>"}
    graph["registry"] = "<https://kg.example.org/graph/registry>"
    article_iris = sorted({ln.split()[0] for ln in lines if "schema.org/NewsArticle>" in ln and "#type>" in ln})
    faults = {  # kind: (graph, predicate, the new object or None to drop the quad)
        "no speaker": ("article", "<http://www.w3.org/ns/prov#wasAttributedTo>", None),
        "speaker not an actor": ("article", "<http://www.w3.org/ns/prov#wasAttributedTo>", article_iris[0]),
        "date": ("article", "<https://schema.org/datePublished>", '"May 2019"'),
        "evidence source": ("article", "<http://www.w3.org/ns/oa#hasSource>", "OTHER"),
        "no status": ("cross", "<https://kg.example.org/ontology#status>", None),
        "count": (
            "cross",
            "<https://kg.example.org/ontology#claimCount>",
            '"0"^^<http://www.w3.org/2001/XMLSchema#integer>',
        ),
        "agrees with itself": ("cross", "<https://kg.example.org/ontology#agreesWithValue>", "SELF"),
        "no label": ("registry", "<http://www.w3.org/2000/01/rdf-schema#label>", None),
    }
    out, on = [], {}
    for line in lines:
        s, p, rest = line.split(" ", 2)
        o, g = rest.removesuffix(" .").rsplit(" ", 1)
        kind = next(
            (k for k, (gr, pr, _) in faults.items() if k not in on and p == pr and g.startswith(graph[gr])), None
        )
        if kind is None or (kind == "speaker not an actor" and "no speaker" not in on):
            out.append(line)
            continue
        on[kind] = s
        new = faults[kind][2]
        if new is not None:
            new = {"SELF": s, "OTHER": next((a for a in article_iris if a != o), None)}.get(new, new)
            out.append(f"{s} {p} {new} {g} .")
            if kind == "evidence source":
                on[kind] = new  # reported on the claim, with the other article as the value
    return out, on


def _as_lines(results: Graph) -> set[tuple[str, str, str, str, str]]:
    def short(term: object) -> str:
        return "" if term is None else short_iri(term) if isinstance(term, URIRef) else str(term)

    return {
        (
            str(results.value(r, SH.resultSeverity)).rpartition("#")[2],
            short(results.value(r, SH.focusNode)),
            short(results.value(r, SH.resultPath)),
            str(results.value(r, SH.resultMessage)),
            short(results.value(r, SH.value)),
        )
        for r in results.subjects(RDF.type, SH.ValidationResult)
    }


def test_faults_in_article_crosssource_and_registry_graphs_are_reported_as_pyshacl_reports_them(tmp_path, tiny_corpus):
    # kg validate checks property shapes on their own and SPARQL constraints once, on Oxigraph: the results
    # must be those of pyshacl with the shapes as written, from a store and from a file alike
    from pyshacl import validate as shacl_validate
    from rdflib import Dataset

    from kg.ontology import read_ontology
    from kg.store import write_store

    kg.build(tiny_corpus, store=str(tmp_path / "store"), out=None)
    lines, on = _breaks(kg.export_graph(str(tmp_path / "store"), "nquads").splitlines())
    assert len(on) == 8, on  # every fault found a place
    broken = tmp_path / "broken.nq"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dataset = Dataset()
    dataset.parse(broken, format="nquads")
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    _, results, _ = shacl_validate(
        union, shacl_graph=read_shapes(), ont_graph=read_ontology(), inference="none", allow_warnings=True
    )
    expected = _as_lines(results)

    write_store("memory:validate-broken", dataset.quads((None, None, None, None)))
    for report in (kg.validate("memory:validate-broken"), kg.validate(file=broken), validate_graph(union)):
        assert not report.conforms
        assert {(v.severity, v.focus, v.path, v.message, v.value) for v in report.violations} == expected
        assert len(report.violations) == len(expected)

    def messages(kind: str) -> set[str]:
        node = short_iri(URIRef(on[kind].strip("<>")))
        return {m for _, focus, _, m, value in expected if node in (focus, value)}

    assert any("exactly one speaker" in m for m in messages("no speaker"))
    assert any("must be a registry actor" in m for m in messages("speaker not an actor"))
    assert any("publication date" in m for m in messages("date"))
    assert any("quote the same article" in m for m in messages("evidence source"))  # SPARQL, article graph
    assert any("cross-source status" in m for m in messages("no status"))
    assert any("claim count" in m for m in messages("count"))
    assert any("must be different values" in m for m in messages("agrees with itself"))  # SPARQL, cross-source
    assert messages("no label")
