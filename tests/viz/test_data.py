"""Reading the graph for the views: entities, numbers, claims with their provenance, conflicts."""

from kg.namespace import local_name

ID = "https://kg.example.org/id/"


def test_the_seed_claims_carry_quote_speaker_outlet_and_date(seed_data):
    tajik = [c for c in seed_data.claims if c.subject == ID + "tajikistan" and c.predicate_label == "repatriated"]
    assert [(c.quote, c.outlet_label, c.date) for c in tajik] == [
        ("On April 30, neighboring Tajikistan repatriated 84 minors from Iraq", "The Times of Central Asia", "2019-05")
    ]
    assert seed_data.nodes[tajik[0].object].value == "84"


def test_the_january_repatriation_values_conflict(seed_data):
    claims = {c.iri: c for c in seed_data.claims}
    pairs = {
        tuple(sorted((seed_data.nodes[claims[a].object].value, seed_data.nodes[claims[b].object].value)))
        for a, b in seed_data.conflicts
    }
    assert ("43", "47") in pairs
    assert ("about 400", "about 500") in pairs


def test_entities_have_their_type_label_and_aliases(seed_data):
    tokayev = seed_data.nodes[ID + "tokayev"]
    assert (tokayev.type, tokayev.label) == ("Person", "Kassym-Jomart Tokayev")
    assert "Tokayev" in tokayev.aliases
    assert seed_data.nodes[ID + "afp"].aliases == ["AFP"]


def test_without_analysis_there_are_no_metrics(seed_data):
    assert seed_data.has_analysis is False
    assert all(not n.metrics for n in seed_data.nodes.values())


def test_local_names_of_vocabulary_terms():
    assert local_name("http://semanticweb.cs.vu.nl/2009/11/sem/hasTimeStamp") == "hasTimeStamp"


def test_an_entity_with_several_classes_gets_the_most_specific(seed_data):
    assert seed_data.nodes[ID + "kazakhstan"].type == "Country"  # also a kg:Place
    assert seed_data.nodes[ID + "zhusan-1"].type == "Operation"  # also a kg:Event
