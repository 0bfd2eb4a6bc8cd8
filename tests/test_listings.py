"""The listing indexes: each named listing query pages through exactly the rows its question asks for."""

import pytest

import kg
from kg.compile.listings import LISTINGS, listing_graph
from kg.query import named_queries

# What each listing means, asked the slow way (joins and filters over every claim, no index):
# the rows of the indexed query must be exactly these.
MEANING = {
    "actor-actions": """SELECT ?claim WHERE {
        ?p a kg:Relation . ?claim rdf:predicate ?p ; rdf:subject ?actor . ?actor a kg:Actor }""",
    "conflicting-claims": "SELECT ?claim WHERE { ?claim kg:status kg:Conflicting }",
    "actors": "SELECT DISTINCT ?actor WHERE { ?actor a ?class . ?class rdfs:subClassOf kg:Actor }",
    "operation-quantities": """SELECT ?claim WHERE {
        ?claim kg:about ?operation ; rdf:object ?q . ?operation a kg:Operation . ?q a kg:Quantity }""",
    "operations": """SELECT ?claim WHERE {
        { VALUES ?p { kg:announced kg:ordered kg:carriedOut kg:participatedIn }
          ?claim rdf:predicate ?p ; rdf:object ?operation . ?operation a kg:Operation }
        UNION
        { VALUES ?p { kg:agent kg:partner } ?claim rdf:predicate ?p ; rdf:subject ?operation . ?operation a kg:Operation }
    }""",
    "timeline": """SELECT DISTINCT ?event ?p ?date WHERE {
        VALUES ?p { sem:hasBeginTimeStamp sem:hasEndTimeStamp sem:hasTimeStamp }
        ?claim a kg:Claim ; rdf:predicate ?p ; rdf:subject ?event ; rdf:object ?date }""",
}


def _rows(results, *columns):
    return [tuple(str(r[c]) for c in columns) for r in results.records()]


@pytest.mark.parametrize("name", LISTINGS)
def test_a_listing_has_exactly_the_rows_its_question_asks_for(seed_store, name):
    every = kg.query(name=name, store=seed_store, limit=None)
    meant = kg.query(MEANING[name], store=seed_store)
    if name == "timeline":
        got = {(str(r["event"]), str(r["when"]), str(r["date"])) for r in every.records()}
        when = {"hasBeginTimeStamp": "begins", "hasEndTimeStamp": "ends", "hasTimeStamp": "on"}
        expected = {(str(r["event"]), when[str(r["p"]).rsplit("/", 1)[1]], str(r["date"])) for r in meant.records()}
    elif name == "actors":
        got = {str(r["actor"]) for r in every.records()}
        expected = {str(r["actor"]) for r in meant.records()}
        assert len(every) == len(got)
    else:
        got = [str(r["claim"]) for r in every.records()]
        assert len(got) == len(set(got)), "a claim listed twice"
        got, expected = set(got), {str(r["claim"]) for r in meant.records()}
    assert got == expected and got


@pytest.mark.parametrize("name", named_queries())
def test_pages_put_together_give_every_row_in_order(seed_store, name):
    every = kg.query(name=name, store=seed_store, limit=None)
    pages, offset = [], 0
    while True:
        page = kg.query(name=name, store=seed_store, limit=7, offset=offset)
        assert len(page) <= 7
        pages.extend(page.rows)
        if len(page) < 7:
            break
        offset += 7
    assert pages == every.rows


def test_the_first_page_is_the_default_and_listings_sort_by_label(seed_store):
    assert (
        kg.query(name="actor-actions", store=seed_store).rows
        == kg.query(name="actor-actions", store=seed_store, limit=100).rows
    )
    actors = [
        label.casefold()
        for (label,) in _rows(kg.query(name="actor-actions", store=seed_store, limit=None), "actorLabel")
    ]
    assert actors == sorted(actors)
    rows = _rows(kg.query(name="operation-quantities", store=seed_store, limit=None), "operationLabel", "kind", "value")
    keys = [(op.casefold(), kind.casefold(), float(v) if v != "None" else -1) for op, kind, v in rows]
    assert keys == sorted(keys) and len({k[0] for k in keys}) > 1


def test_every_row_of_a_listing_has_one_key_and_no_two_rows_share_one(seed_store):
    for name in LISTINGS:
        ranks = kg.query(
            f"SELECT ?row ?rank WHERE {{ GRAPH <{listing_graph(name)}> {{ ?row kg:rank ?rank }} }}",
            store=seed_store,
        )
        rows = [str(r[0]) for r in ranks.rows]
        assert len(rows) == len(set(rows)) and rows, name
        assert len({str(r[1]) for r in ranks.rows}) == len(rows), name


def test_a_new_article_leaves_the_keys_of_every_other_row_as_they_were(seed_corpus):
    """The keys depend on the row alone: a change of the corpus rewrites its own rows, not half the index."""
    from dataclasses import replace

    from kg.compile import CompiledCorpus
    from kg.terms import RDFLIB_TERMS

    def keys(articles):
        quads = CompiledCorpus(seed_corpus.registry, articles, ontology=False, terms=RDFLIB_TERMS)
        names = {str(listing_graph(n)): n for n in LISTINGS}
        return {(names[str(g)], str(s)): str(o) for s, p, o, g in quads if str(g) in names and str(p).endswith("rank")}

    first, *rest = seed_corpus.articles
    copy = replace(first, article=replace(first.article, id=first.article.id + "-again", outlet="afp"))
    before, after = keys(rest), keys([*rest, copy])
    kept = {row: key for row, key in before.items() if row[0] != "actors"}  # mention counts change actors' keys
    assert len(after) > len(before)
    moved = {row for row, key in kept.items() if after.get(row) != key}
    assert not moved, sorted(moved)[:5]


def test_paging_arguments_are_checked(seed_store):
    with pytest.raises(kg.KGError, match="E307"):
        kg.query(name="actors", store=seed_store, limit=-1)
    with pytest.raises(kg.KGError, match="E306"):
        kg.query("SELECT * { ?s ?p ?o }", store=seed_store, limit=5)


def test_the_pair_queries_give_every_pair_of_claims_the_statuses_rest_on(seed_store, seed_corpus):
    from kg.compile.crosssource import compare_claims

    groups = compare_claims(seed_corpus)
    meant = {
        which: {tuple(sorted((str(m.iri), str(o.iri)))) for g in groups for m in g.members for o in getattr(m, which)}
        for which in ("conflicts", "corroborations")
    }
    for name, which in (("conflicting-pairs", "conflicts"), ("corroborating-pairs", "corroborations")):
        rows = kg.query(name=name, store=seed_store, limit=None)
        got = [(str(r["claimA"]), str(r["claimB"])) for r in rows.records()]
        assert len(got) == len(set(got)) and set(got) == meant[which] and got, name
    january = {
        (str(r["valueA"]), str(r["outletA"]), str(r["valueB"]), str(r["outletB"]))
        for r in kg.query(name="conflicting-pairs", store=seed_store, limit=None).records()
    }
    assert ("43 people", "The Defense Post", "47 people", "Agence France-Presse") in january
