from rdflib import RDF, Literal

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
