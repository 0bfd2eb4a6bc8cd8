from kg.namespace import GRAPH, ID, KG, SEM, local_name, short_iri


def test_local_name_is_the_part_after_the_last_hash_or_slash():
    assert local_name(KG.leftFor) == "leftFor"
    assert local_name(SEM.hasTimeStamp) == "hasTimeStamp"
    assert local_name(ID["claim/a1/0f3e"]) == "0f3e"
    assert local_name("https://kg.example.org/id/tokayev/") == "tokayev"


def test_short_iri_uses_the_longest_prefix():
    assert short_iri(KG.repatriated) == "kg:repatriated"
    assert short_iri(ID.tokayev) == "id:tokayev"
    assert short_iri(GRAPH["article/a1"]) == "graph:article/a1"
    assert short_iri(ID["claim/a1/0f3e"]) == "id:claim/a1/0f3e"


def test_short_iri_writes_other_iris_whole():
    assert short_iri("https://example.com/x") == "<https://example.com/x>"
    assert short_iri("https://schema.org/a/b") == "<https://schema.org/a/b>"
