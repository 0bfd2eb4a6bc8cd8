"""The seed graph says what the five articles say: checked through SPARQL, as an analyst asks."""

import kg


def values(store, sparql):
    return [tuple(None if t is None else t.toPython() for t in row) for row in kg.query(sparql, store=store).rows]


def test_one_tokayev_node_whatever_the_spelling(seed_store):
    forms = {
        r[0]
        for r in values(
            seed_store, "SELECT DISTINCT ?form WHERE { ?m a kg:Mention ; oa:hasBody id:tokayev ; kg:surfaceForm ?form }"
        )
    }
    assert {"Interim President Kasym-Zhomart Tokayev", "Tokayev", "Kazakhstan’s interim president"} <= forms
    assert any("Kassym-Jomart Tokayev" in f for f in forms)
    tokayevs = values(seed_store, 'SELECT ?e WHERE { ?e a kg:Person ; rdfs:label ?l FILTER(CONTAINS(?l, "Tokayev")) }')
    assert tokayevs == [("https://kg.example.org/id/tokayev",)]


def test_nazarbayev_misspelling_is_the_same_person(seed_store):
    rows = values(seed_store, 'SELECT ?e WHERE { ?m kg:surfaceForm "Nazabayev" ; oa:hasBody ?e }')
    assert rows == [("https://kg.example.org/id/nazarbayev",)]


def test_january_2019_figures_47_and_43_conflict(seed_store):
    rows = values(
        seed_store,
        """SELECT ?value ?outlet ?quote ?status WHERE {
             ?c kg:about id:zhusan-1 ; rdf:object ?q ; kg:status ?status ;
                prov:wasDerivedFrom/schema:publisher/rdfs:label ?outlet ;
                kg:evidence/oa:hasSelector/oa:exact ?quote .
             ?q kg:value ?value ; kg:kind <https://kg.example.org/id/kind/people> . }""",
    )
    by_value = {}
    for value, outlet, quote, status in rows:
        by_value.setdefault(value, set()).add((outlet, status.rsplit("#", 1)[1]))
        assert str(value) in quote
    assert set(by_value) == {43, 47}
    assert by_value[43] == {("The Defense Post", "Conflicting")}
    assert {o for o, _ in by_value[47]} == {"The Times of Central Asia", "Vestnik Kavkaza", "Agence France-Presse"}
    assert {s for _, s in by_value[47]} == {"Conflicting"}


def test_47_conflicts_with_43_directly(seed_store):
    # through the values of the group: the claim of 47 supports a value that conflicts with the value 43 claims
    assert kg.query(
        """ASK { ?a kg:supportsValue/kg:conflictsWithValue/^kg:supportsValue ?b .
                 ?a rdf:object/kg:value 47 . ?b rdf:object/kg:value 43 }""",
        store=seed_store,
    ).boolean


def test_tajikistan_repatriated_84_minors_with_its_quote(seed_store):
    rows = values(
        seed_store,
        """SELECT ?label ?quote ?start ?end ?article WHERE {
             id:tajikistan kg:repatriated ?q . ?q kg:value 84 ; rdfs:label ?label .
             ?c rdf:subject id:tajikistan ; rdf:predicate kg:repatriated ; rdf:object ?q ;
                prov:wasDerivedFrom ?article ; kg:evidence/oa:hasSelector ?s1, ?s2 .
             ?s1 oa:exact ?quote . ?s2 oa:start ?start ; oa:end ?end . }""",
    )
    assert len(rows) == 1
    label, quote, start, end, article = rows[0]
    assert label == "84 minors"
    assert quote == "On April 30, neighboring Tajikistan repatriated 84 minors from Iraq"
    text = open("seeds/000_39d5fae97a4a7a49.txt", encoding="utf-8").read()
    assert text[start:end] == quote
    assert article.endswith("/article/000_39d5fae97a4a7a49")


def test_tokayev_announced_or_ordered_operation_zhusan(seed_store):
    rows = values(seed_store, "SELECT ?p WHERE { id:tokayev ?p ?op . ?op kg:phaseOf id:zhusan }")
    assert ("https://kg.example.org/ontology#ordered",) in rows


def test_231_is_corroborated_by_three_outlets(seed_store):
    rows = values(
        seed_store,
        """SELECT DISTINCT ?outlets ?status WHERE {
             ?c kg:about id:zhusan-2 ; rdf:object/kg:value 231 ; kg:outletCount ?outlets ; kg:status ?status }""",
    )
    assert rows == [(3, "https://kg.example.org/ontology#Corroborated")]


def test_about_400_and_about_500_who_left_conflict(seed_store):
    rows = values(
        seed_store,
        """SELECT ?value ?speaker WHERE {
             ?c kg:status kg:Conflicting ; rdf:object ?q ; prov:wasAttributedTo ?speaker .
             ?q kg:approximate true ; kg:value ?value . }""",
    )
    assert set(rows) == {(400, "https://kg.example.org/id/nazarbayev"), (500, "https://kg.example.org/id/ashikbayev")}


def test_the_repeated_afp_text_is_one_source(seed_corpus):
    afp = next(a for a in seed_corpus.articles if a.article.id.startswith("003"))
    second_copy = afp.article.text.index("Kazakhstan on Wednesday said", 200)
    assert all(c.span.start < second_copy for c in afp.claims)
    assert all(
        m.span.start < second_copy or m.span.start > afp.article.text.index("It has left", second_copy)
        for m in afp.mentions
    )


def test_every_quote_is_verbatim_at_its_offsets(seed_corpus):
    for annotated in seed_corpus.articles:
        text = annotated.article.text
        items = [*annotated.claims, *annotated.statements, *annotated.mentions, *annotated.operations]
        assert items
        for item in items:
            assert text[item.span.start : item.span.end] == item.span.quote


def test_publication_dates_are_inferred_and_marked(seed_store):
    rows = dict(
        (file, str(date))
        for file, date in values(
            seed_store,
            "SELECT ?file ?date WHERE { ?a kg:sourceFile ?file ; schema:datePublished ?date ; kg:datePublishedInferred true }",
        )
    )
    assert rows["003_d01bb139fd1d611d.txt"] == "2019-01"
    assert rows["004_609f6d418b59efb3.txt"] == "2017-11"


def test_every_article_has_its_outlet(seed_store):
    rows = values(
        seed_store, "SELECT ?file ?outlet WHERE { ?a kg:sourceFile ?file ; schema:publisher/rdfs:label ?outlet }"
    )
    assert dict(rows) == {
        "000_39d5fae97a4a7a49.txt": "The Times of Central Asia",
        "001_1094f3a3a48ed6b8.txt": "The Defense Post",
        "002_2c2364af855f4b29.txt": "Vestnik Kavkaza",
        "003_d01bb139fd1d611d.txt": "Agence France-Presse",
        "004_609f6d418b59efb3.txt": "Caravanserai",
    }
