from rdflib import RDF, XSD, Literal

from kg.compile import compile_corpus, to_dataset
from kg.corpus import read_corpus
from kg.namespace import GRAPH, ID, KG, OA


def test_plain_triple_is_in_the_article_graph_and_leads_to_its_claim(tiny_corpus):
    ds = to_dataset(compile_corpus(read_corpus(tiny_corpus)))
    g = ds.graph(GRAPH["article/a1"])
    (quantity,) = g.objects(ID.tajikistan, KG.repatriated)
    (claim,) = g.subjects(RDF.object, quantity)
    assert g.value(claim, RDF.subject) == ID.tajikistan
    assert g.value(claim, RDF.predicate) == KG.repatriated
    evidence = g.value(claim, KG.evidence)
    exact = {g.value(s, OA.exact) for s in g.objects(evidence, OA.hasSelector)} - {None}
    assert exact == {Literal("Tajikistan repatriated 84 minors from Iraq")}


def test_compiling_twice_gives_the_same_quads(tiny_corpus):
    first = set(compile_corpus(read_corpus(tiny_corpus)))
    second = set(compile_corpus(read_corpus(tiny_corpus)))
    assert first == second


def test_event_dates_become_claims_with_the_event_as_subject(tiny_corpus):
    ds = to_dataset(compile_corpus(read_corpus(tiny_corpus)))
    g = ds.graph(GRAPH["article/a1"])
    from rdflib import Namespace

    sem = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    assert str(g.value(ID["tajik-repatriation"], sem.hasTimeStamp)) == "2019-04-30"
    assert g.value(ID["tajik-repatriation"], KG.agent) == ID.tajikistan


def test_the_build_stores_exactly_the_quads_compile_corpus_yields(tiny_corpus, tmp_path):
    import kg

    kg.build(tiny_corpus, store=f"memory:{tmp_path.name}", out=None)
    with kg.open_store(f"memory:{tmp_path.name}") as store:
        stored = set(store.select("SELECT ?s ?p ?o ?g { GRAPH ?g { ?s ?p ?o } }"))
    compiled = {(str(s), str(p), str(o), str(g)) for s, p, o, g in compile_corpus(read_corpus(tiny_corpus))}
    assert stored == compiled


def test_the_streaming_compiler_keeps_the_claim_groups(tiny_corpus):
    from kg.compile import CompiledCorpus, compare_claims

    corpus = read_corpus(tiny_corpus)
    compiled = CompiledCorpus(corpus.registry, iter(corpus.articles), ontology=False)
    assert compiled.groups is None
    quads = list(compiled)
    assert len(quads) > 100
    statuses = [(m.iri, m.status) for g in compiled.groups for m in g.members]
    assert statuses == [(m.iri, m.status) for g in compare_claims(corpus) for m in g.members]


def test_modality_scope_and_as_of_compile_only_when_given(tiny_corpus):
    from kg.compile import compile_article

    annotated = read_corpus(tiny_corpus).articles[0]
    plain = set(compile_article(annotated))
    claim = annotated.claims[0]
    claim.modality, claim.scope, claim.as_of = "planned", "increment", "2019-04"
    quads = set(compile_article(annotated))
    added = {(p, o) for s, p, o, g in quads - plain if p in (KG.modality, KG.scope, KG.asOf)}
    assert added == {
        (KG.modality, KG.Planned),
        (KG.scope, KG.Increment),
        (KG.asOf, Literal("2019-04", datatype=XSD.gYearMonth)),
    }
    assert not any(p in (KG.modality, KG.scope, KG.asOf) for s, p, o, g in plain)
