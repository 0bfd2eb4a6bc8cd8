"""The views: what each shows of the seed graph, the filters, the focus and the cap."""

import pytest

import kg
import kg.graphdata
import kg.viz
from kg.errors import KGError
from kg.vocab import date_period as period_of

ID = "https://kg.example.org/id/"


def date_period(date: str) -> tuple[str, str]:
    """The first and last day a partial date names, as ISO text."""
    start, end = period_of(date)
    return start.isoformat(), end.isoformat()


def _count(store, sparql) -> int:
    return int(kg.query(sparql, store=store).rows[0][0])


RELATIONS = """SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE {
  ?c a kg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o FILTER(isIRI(?o)) } }"""
NODES = """SELECT (COUNT(DISTINCT ?n) AS ?count) WHERE {
  ?c a kg:Claim ; rdf:object ?o FILTER(isIRI(?o)) { ?c rdf:subject ?n } UNION { ?c rdf:object ?n } }"""


def _links(store, which: str) -> int:
    """Distinct pairs of objects of claims that conflict (or agree), as the one reader gives them."""
    data = kg.graphdata.read_graph_data(store, ["claims", "triples", which])
    objects = {c.iri: c.object for c in data.claims if c.object_is_iri}
    pairs = {tuple(sorted((objects[a], objects[b]))) for a, b in getattr(data, which) if a in objects and b in objects}
    return sum(1 for a, b in pairs if a != b)


def test_the_whole_graph_has_every_relation_and_every_node_the_store_has(seed_store, seed_pages):
    view = seed_pages["graph"][0]
    expected = {
        "nodes": _count(seed_store, NODES),
        "relation": _count(seed_store, RELATIONS),
        "conflict": _links(seed_store, "conflicts"),
        "agreement": _links(seed_store, "agreements"),
        "source": 0,
    }
    assert view.counts == expected
    assert (len(view.nodes), len(view.edges)) == (expected["nodes"], sum(expected.values()) - expected["nodes"])
    assert expected["conflict"] == 5  # 47 (four claims) against 43, and about 400 against about 500


def test_conflicting_numbers_are_joined_by_a_red_dashed_edge(seed_pages):
    view = seed_pages["graph"][0]
    labels = {n["id"]: n["label"] for n in view.nodes}
    conflicts = {tuple(sorted((labels[e["from"]], labels[e["to"]]))) for e in view.edges if e["kind"] == "conflict"}
    assert ("43 Kazakhs", "47 Kazakh citizens") in conflicts
    red = {e["color"]["color"] for e in view.edges if e["kind"] == "conflict"} | {
        e.get("dashes") for e in view.edges if e["kind"] == "conflict"
    }
    assert red == {"#d62728", True}


def test_relations_are_coloured_by_the_status_of_their_claims(seed_pages):
    view = seed_pages["graph"][0]
    by_status = {}
    for e in view.edges:
        if e["kind"] == "relation":
            by_status.setdefault(e["status"], set()).add(e["color"]["color"])
    assert by_status == {"conflicting": {"#d62728"}, "corroborated": {"#2ca02c"}, "single-source": {"#8c8c8c"}}
    widest = max(e["width"] for e in view.edges if e["kind"] == "relation")
    assert widest == max(e["width"] for e in view.edges if e.get("status") == "corroborated")


def test_edge_labels_are_predicates_and_tooltips_quote_speaker_outlet_and_date(seed_pages):
    view = seed_pages["graph"][0]
    labels = {n["id"]: n["label"] for n in view.nodes}
    edge = next(e for e in view.edges if labels[e["to"]] == "84 minors")
    assert edge["label"] == "repatriated"
    assert edge["title"].splitlines()[:4] == [
        "Tajikistan — repatriated → 84 minors",
        "",
        "“On April 30, neighboring Tajikistan repatriated 84 minors from Iraq”",
        "— The Times of Central Asia · 2019-05 · single-source",
    ]


def test_the_ego_view_keeps_what_is_within_depth_of_the_focus(seed_store, seed_data):
    near = kg.viz.build_view(seed_store, focus="tokayev", depth=1, data=seed_data)
    tokayev = ID + "tokayev"
    neighbours = {c.object for c in seed_data.claims if c.subject == tokayev and c.object_is_node}
    neighbours |= {c.subject for c in seed_data.claims if c.object == tokayev}
    assert {n.get("iri") for n in near.nodes} == neighbours | {tokayev}
    assert near.title == "Whole graph around Kassym-Jomart Tokayev (depth 1)"
    further = kg.viz.build_view(seed_store, focus="Tokayev", depth=2, data=seed_data)
    assert len(further.nodes) > len(near.nodes)


def test_source_and_dates_keep_the_claims_of_the_outlet_about_the_period(seed_store, seed_data, seed_pages):
    view = seed_pages["afp"][0]
    assert view.outlets == ["Agence France-Presse"]
    for claim in view.claims:
        first, last = claim["when"]
        assert last >= "2019-01-01" and first <= "2019-06-30", claim
    afp = [
        c
        for c in seed_data.claims
        if c.outlet_label == "Agence France-Presse" and c.object_is_node and c.period[1] >= "2019-01-01"
    ]
    assert view.counts["relation"] == len({(c.subject, c.predicate, c.object) for c in afp}) == 8


def test_the_date_filter_applies_to_the_date_of_the_event_a_claim_is_about(seed_data, seed_pages):
    # AFP said in January 2019 that the civil war (begun in 2011) killed more than 360,000 people, and
    # that Kazakhstan blocked the Daily Mail in 2014: neither is about the first half of 2019
    said_in_2019 = {
        (seed_data.label(c.subject), c.predicate_label, seed_data.label(c.object))
        for c in seed_data.claims
        if c.outlet_label == "Agence France-Presse" and c.date == "2019-01"
    }
    war = ("Syrian civil war", "killed", "more than 360,000 people")
    blocked = ("Government of Kazakhstan", "blocked", "The Daily Mail")
    assert {war, blocked} <= said_in_2019
    says = {c["says"] for c in seed_pages["afp"][0].claims}
    assert " ".join(war) not in says and " ".join(blocked) not in says
    assert "Kazakhstan evacuated 47 citizens of Kazakhstan" in says  # about Operation Zhusan, January 2019
    dated = {c["says"]: (c["when"], c["datedBy"]) for c in seed_pages["graph"][0].claims}
    assert dated[" ".join(war)] == (["2011-01-01", "2011-12-31"], "event")


def test_a_claim_about_no_dated_event_is_dated_by_when_it_was_said(seed_store, seed_data):
    view = kg.viz.build_view(seed_store, since="2019-05-10", until="2019-05-10", data=seed_data)
    assert ("2019-05-10", ("2019-05-10", "2019-05-10"), "said") in {
        (c["date"], tuple(c["when"]), c["datedBy"]) for c in view.claims
    }
    assert all(c["when"][0] <= "2019-05-10" <= c["when"][1] for c in view.claims)
    # said on May 10 about Operation Zhusan of May 7-9: not about May 10
    zhusan = [c for c in seed_data.claims if c.about == ID + "zhusan-2" and c.date == "2019-05-10"]
    assert zhusan and {c.period for c in zhusan} == {("2019-05-07", "2019-05-09")}
    assert not {c.quote for c in zhusan} & {c["quote"] for c in view.claims}


def test_the_legend_says_how_claims_are_dated(seed_pages):
    dated = seed_pages["graph"][0].legend["dated"]
    assert set(dated) == {"event", "said"} and dated["event"] > dated["said"] > 0


def test_the_operations_view_shows_agents_counts_and_sources(seed_pages):
    view = seed_pages["operations"][0]
    labels = {n["id"]: n["label"] for n in view.nodes}
    zhusan1 = next(n["id"] for n in view.nodes if n["label"] == "Operation Zhusan, January 2019")
    around = {
        (e["label"], labels[e["from"]] if e["to"] == zhusan1 else labels[e["to"]])
        for e in view.edges
        if zhusan1 in (e["from"], e["to"])
    }
    assert ("reported", "Agence France-Presse") in around
    assert ("Kazakhstan returned", "43 Kazakhs") in around
    assert any(label == "agent" for label, _ in around)
    assert {n["kgType"] for n in view.nodes} >= {"Operation", "MediaOutlet", "Quantity", "Country"}


def test_the_claims_view_groups_values_by_what_they_count(seed_pages):
    view = seed_pages["claims"][0]
    group = next(
        n["id"]
        for n in view.nodes
        if n["kgType"] == "ClaimGroup"
        and n["label"].startswith("Operation Zhusan, January 2019\n")
        and n["label"].endswith("people")
    )
    values = {n["id"]: n["label"] for n in view.nodes if n["kgType"] == "Value"}
    stated = {values[e["to"]] for e in view.edges if e["from"] == group}
    assert stated == {"47 people", "43 people", "24–99 people"}
    colours = {
        values[n["id"]]: n["color"]["border"] for n in view.nodes if n["id"] in values and values[n["id"]] in stated
    }
    assert colours["47 people"] == colours["43 people"] == "#d62728"
    conflict = {
        tuple(sorted((values[e["from"]], values[e["to"]])))
        for e in view.edges
        if e["kind"] == "conflict" and e["from"] in values
    }
    assert ("43 people", "47 people") in conflict


def test_the_cap_leaves_out_the_least_connected_and_says_so(seed_store, seed_data):
    view = kg.viz.build_view(seed_store, max_nodes=10, data=seed_data)
    assert len(view.nodes) == 10
    full = kg.viz.build_view(seed_store, data=seed_data)
    assert view.left_out["nodes"] == len(full.nodes) - 10
    assert view.left_out["edges"] == len(full.edges) - len(view.edges)
    assert view.note.startswith(f"Showing 10 of {len(full.nodes)} nodes: the most connected (number of edges")
    assert "Kazakhstan" in {n["label"] for n in view.nodes}


def test_large_views_start_with_physics_off(seed_store, seed_data):
    assert kg.viz.build_view(seed_store, data=seed_data).physics is True
    still = kg.viz.build_view(seed_store, physics_limit=50, data=seed_data)
    assert still.physics is False and still.options["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in still.nodes)


@pytest.mark.parametrize(
    "options, code",
    [
        ({"view": "timeline"}, "E800"),
        ({"focus": "Tokaev"}, "E801"),
        ({"focus": "Zhusan, 2019"}, "E801"),
        ({"source": "Reuters"}, "E801"),
        ({"since": "2019-02-30"}, "E803"),
        ({"since": "2019-07", "until": "2019-06"}, "E804"),
        ({"max_nodes": 0}, "E805"),
        ({"depth": -1}, "E805"),
        ({"focus": "Denisenko"}, "E806"),
    ],
)
def test_bad_options_are_one_numbered_error(seed_store, seed_data, options, code):
    with pytest.raises(KGError) as caught:
        kg.viz.build_view(seed_store, data=seed_data, **options)
    assert caught.value.code == code
    assert "\n" not in str(caught.value)


def test_analysis_results_size_the_nodes(seed_data, seed_store):
    import copy

    data = copy.deepcopy(seed_data)
    for node in data.nodes.values():
        node.metrics = {"pagerank": 0.001, "community": 1.0}
    data.nodes[ID + "tokayev"].metrics = {"pagerank": 0.5, "community": 2.0}
    data.has_analysis = True
    view = kg.viz.build_view(seed_store, data=data)
    sizes = {n["label"]: n.get("size") for n in view.nodes}
    assert sizes["Kassym-Jomart Tokayev"] == 36.0 and sizes["Kazakhstan"] < 15
    assert view.legend["size"] == "PageRank (kg analyze)" and view.legend["communities"] is True


def test_a_large_page_folds_the_numbers_about_one_thing_into_one_box_and_says_so(seed_store, seed_data):
    full = kg.viz.build_view(seed_store, data=seed_data)
    view = kg.viz.build_view(seed_store, fold_above=80, data=seed_data)
    assert len(full.nodes) > 80 >= len(view.nodes)
    boxes = {n["label"]: n for n in view.nodes if n["kgType"] == "Folded"}
    january = boxes["Operation Zhusan, January 2019\n6 numbers · people"]
    assert january["color"]["border"] == "#d62728"  # 47 against 43: the box is contested
    assert "47 Kazakh citizens" in january["title"] and "43 Kazakhs" in january["title"]
    into = {e["from"] for e in view.edges if e["to"] == january["id"]}
    assert {n["label"] for n in view.nodes if n["id"] in into} >= {"Kazakhstan"}
    claims = {i for e in view.edges if e["to"] == january["id"] for i in e["claims"]}
    assert {view.claims[i]["quote"] for i in claims} >= {
        c.quote for c in seed_data.claims if c.object_is_node and seed_data.label(c.object) == "43 Kazakhs"
    }
    assert view.note.startswith("Folded 25 numbers into 6 boxes and nodes, one per thing counted (the page would")
    assert f"the page would have had {len(full.nodes)} nodes" in view.note and "raise --fold-above" in view.note
    assert full.note == "" and not any(n["kgType"] == "Folded" for n in full.nodes)


def test_a_page_still_too_large_folds_the_numbers_into_their_event(seed_store, seed_data):
    view = kg.viz.build_view(seed_store, fold_above=50, data=seed_data)
    labels = {n["label"]: n for n in view.nodes}
    assert not any(
        n["kgType"] in ("Quantity", "Folded") and n["label"].startswith("Operation Zhusan") for n in view.nodes
    )
    january = labels["Operation Zhusan, January 2019\n+ 8 numbers"]
    assert january["kgType"] == "Operation" and "43 Kazakhs" in january["title"]
    claims = {view.claims[i]["quote"] for e in view.edges if january["id"] in (e["from"], e["to"]) for i in e["claims"]}
    assert any("saw 43 Kazakhs returned" in q for q in claims)
    assert view.note.startswith("Folded 39 numbers into 11 boxes and nodes, one per event")


def test_machine_proposed_claims_are_drawn_dashed_and_counted(disputes_store):
    view = kg.viz.build_view(disputes_store)
    nodes = {n["label"]: n for n in view.nodes}
    machine = nodes["84 minors"]
    assert machine["machine"] is True and machine["shapeProperties"] == {"borderDashes": kg.viz.views.MACHINE_DASHES}
    assert "machine" not in nodes["about 90 children"]
    edge = next(e for e in view.edges if e["to"] == machine["id"] and e["kind"] == "relation")
    assert edge["dashes"] == kg.viz.views.MACHINE_DASHES and "proposed by a machine" in edge["title"]
    assert view.legend["machine"] == 1
    assert [c["machine"] for c in view.claims if c["says"].endswith("84 minors")] == [True]
