import csv
import io
import json

import pytest
from rdflib import Dataset, Graph

import kg
from kg.export import ACTOR_COLUMNS, CLAIM_COLUMNS, ENTITY_COLUMNS, ENTITY_KINDS
from kg.vocab import ENTITY_TYPES, UNNAMED_OUTLET

from .conftest import HYPERLINK, run_kg, write


def test_claims_csv_has_the_documented_columns(seed_store):
    rows = list(csv.DictReader(io.StringIO(kg.export_claims(seed_store, "csv"))))
    assert tuple(rows[0]) == CLAIM_COLUMNS == (
        "id", "subject", "subject_label", "predicate", "object", "object_label", "value", "lower", "upper",
        "counted", "speaker", "speaker_label", "article", "outlet", "date", "quote", "start", "end", "status",
        "basis",
    )  # fmt: skip
    tajik = [r for r in rows if r["subject_label"] == "Tajikistan" and r["value"] == "84"]
    assert len(tajik) == 1
    assert tajik[0]["counted"] == "minors"
    assert tajik[0]["outlet"] == "The Times of Central Asia"
    assert tajik[0]["status"] == "single-source"
    assert {r["status"] for r in rows} == {"conflicting", "corroborated", "single-source"}


def test_claims_jsonl_numbers_are_numbers(seed_store):
    lines = kg.export_claims(seed_store, "jsonl").splitlines()
    claims = [json.loads(line) for line in lines]
    forty_three = [c for c in claims if c["value"] == 43]
    assert len(forty_three) == 1
    assert forty_three[0]["status"] == "conflicting"
    assert isinstance(forty_three[0]["start"], int)


def test_actors_export_lists_aliases_and_mentions(seed_store):
    rows = {r["id"].rsplit("/", 1)[1]: r for r in csv.DictReader(io.StringIO(kg.export_actors(seed_store, "csv")))}
    assert tuple(next(iter(rows.values()))) == ACTOR_COLUMNS
    assert rows["tokayev"]["type"] == "Person"
    assert "Kasym-Zhomart Tokayev" in rows["tokayev"]["aliases"].split(" | ")
    assert int(rows["tokayev"]["mentions"]) >= 8
    assert "syria-civil-war" not in rows  # events are not actors


@pytest.mark.parametrize("fmt,parser", [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_graph_exports_keep_the_named_graphs(seed_store, fmt, parser):
    ds = Dataset()
    ds.parse(data=kg.export_graph(seed_store, fmt), format=parser)
    names = {str(g.identifier) for g in ds.graphs()}
    assert "https://kg.example.org/graph/article/000_39d5fae97a4a7a49" in names
    assert "https://kg.example.org/graph/crosssource" in names


def test_jsonld_export_is_compacted_with_kg_prefixes_and_loses_no_quad(seed_store):
    text = kg.export_graph(seed_store, "jsonld")
    document = json.loads(text)
    assert document["@context"]["kg"] == "https://kg.example.org/ontology#"
    assert document["@context"]["prov"] == "http://www.w3.org/ns/prov#"
    nodes = [node for graph in document["@graph"] for node in graph.get("@graph", [])]
    tokayev = next(n for n in nodes if n["@id"] == "id:tokayev" and "@type" in n)
    assert "kg:Person" in tokayev["@type"] and "rdfs:label" in tokayev
    assert not any(key.startswith("http") for node in nodes for key in node)  # every property compacted
    ds, quads = Dataset(), Dataset()
    ds.parse(data=text, format="json-ld")
    quads.parse(data=kg.export_graph(seed_store, "nquads"), format="nquads")
    assert len(list(ds.quads())) == len(list(quads.quads())) > 5000


@pytest.mark.parametrize("format", ["tsv", "json"])
def test_actor_tables_in_every_format_hold_the_same_records(seed_store, format):
    expected = [json.loads(line) for line in kg.export_actors(seed_store, "jsonl").splitlines()]
    text = kg.export_actors(seed_store, format)
    if format == "json":
        assert json.loads(text) == expected
    else:
        rows = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
        assert [r["id"] for r in rows] == [r["id"] for r in expected]
        assert [int(r["mentions"]) for r in rows] == [r["mentions"] for r in expected]


def test_turtle_export_is_the_union(seed_store):
    g = Graph().parse(data=kg.export_graph(seed_store, "turtle"), format="turtle")
    assert len(g) > 5000


def test_unknown_export_format(seed_store):
    with pytest.raises(kg.KGError, match="E303"):
        kg.export_claims(seed_store, "xlsx")


# --- CSV a spreadsheet opens (issue 13) ---------------------------------------------------------------


def export(what, format, store, tmp_path):
    output = tmp_path / f"{what}.{format}"
    result = run_kg("export", what, "--format", format, "--output", str(output), "--store", store)
    assert result.returncode == 0, result.stderr
    return output.read_text(encoding="utf-8")


def test_claims_csv_cells_that_a_spreadsheet_would_run_get_a_quote_in_front(hostile_store, tmp_path):
    rows = list(csv.DictReader(io.StringIO(export("claims", "csv", hostile_store, tmp_path))))
    repatriated = next(r for r in rows if r["value"] == "84")
    assert repatriated["quote"] == "'" + HYPERLINK + " On April 30, Tajikistan repatriated 84 minors from Iraq"
    assert repatriated["speaker_label"] == "'" + HYPERLINK
    assert repatriated["outlet"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert repatriated["object_label"] == "84 minors"
    assert (repatriated["start"], repatriated["end"]) == ("33", "140")


def test_actors_csv_cells_that_a_spreadsheet_would_run_get_a_quote_in_front(hostile_store, tmp_path):
    rows = {r["id"].rsplit("/", 1)[1]: r for r in csv.DictReader(io.StringIO(export("actors", "csv", hostile_store, tmp_path)))}  # fmt: skip
    assert rows["rahmon"]["label"] == "'" + HYPERLINK
    assert rows["wire"]["label"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert rows["tajikistan"]["label"] == "Tajikistan"


def test_jsonl_exports_keep_the_text_exact(hostile_store, tmp_path):
    claims = [json.loads(line) for line in export("claims", "jsonl", hostile_store, tmp_path).splitlines()]
    repatriated = next(c for c in claims if c["value"] == 84)
    assert repatriated["quote"] == HYPERLINK + " On April 30, Tajikistan repatriated 84 minors from Iraq"
    actors = [json.loads(line) for line in export("actors", "jsonl", hostile_store, tmp_path).splitlines()]
    assert HYPERLINK in {a["label"] for a in actors}


# --- kg export entities (issue 15) ------------------------------------------------------------------


def entities_by_name(rows):
    return {r["id"].rsplit("/", 1)[1]: r for r in rows}


def test_entities_list_places_with_their_type(seed_store):
    places = entities_by_name(kg.read_entities(seed_store, type="Place"))
    assert (places["almaty"]["label"], places["almaty"]["type"], places["almaty"]["superclasses"]) == (
        "Almaty",
        "Place",
        None,
    )
    assert places["astana"]["type"] == "Place"
    assert (places["kazakhstan"]["type"], places["kazakhstan"]["superclasses"]) == ("Country", "Actor | Place")
    assert "tokayev" not in places  # a person is not a place


def test_entities_list_operations_with_their_type_and_dates(seed_store):
    events = entities_by_name(kg.read_entities(seed_store, type="Event"))
    zhusan_2 = events["zhusan-2"]
    assert (zhusan_2["label"], zhusan_2["type"], zhusan_2["superclasses"]) == (
        "Operation Zhusan, May 2019",
        "Operation",
        "Event",
    )
    assert (zhusan_2["begin"], zhusan_2["end"], zhusan_2["date"]) == ("2019-05-07", "2019-05-09", None)
    assert events["zhusan-1"]["date"] == "2019-01 | 2019-01-06"  # two sources, two precisions
    assert events["syrian-civil-war"]["type"] == "Event"
    assert events["syrian-civil-war"]["begin"] == "2011"


def test_entities_of_each_type_are_as_many_as_sparql_counts(seed_store):
    for kind in ENTITY_KINDS:
        counted = kg.query(
            f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a kg:{kind} ; rdfs:label ?l }}", store=seed_store
        )
        assert len(kg.read_entities(seed_store, type=kind)) == int(counted.rows[0][0]), kind
    places = kg.query("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kg:Place }", store=seed_store)
    assert int(places.rows[0][0]) == 25


def test_entities_without_a_type_are_every_entity(seed_store):
    rows = kg.read_entities(seed_store)
    assert {r["type"] for r in rows} == set(ENTITY_TYPES)
    values = " ".join(f"kg:{t}" for t in ENTITY_TYPES)
    counted = kg.query(f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?c {{ {values} }} ?e a ?c ; rdfs:label ?l }}", store=seed_store)  # fmt: skip
    assert len(rows) == int(counted.rows[0][0])
    assert len({r["id"] for r in rows}) == len(rows)  # a country is listed once, not as an actor and a place


def test_entities_of_type_actor_are_the_actors_export(seed_store):
    actors = entities_by_name(kg.read_entities(seed_store, type="actor"))  # any case
    assert actors.keys() == entities_by_name(kg.read_actors(seed_store)).keys()
    assert actors["tokayev"]["mentions"] == entities_by_name(kg.read_actors(seed_store))["tokayev"]["mentions"] >= 8


def test_entities_csv_round_trips(seed_store):
    rows = list(csv.DictReader(io.StringIO(kg.export_entities(seed_store, "csv"))))
    assert tuple(rows[0]) == ENTITY_COLUMNS == (
        "id", "label", "type", "superclasses", "aliases", "mentions", "begin", "end", "date",
    )  # fmt: skip
    expected = [{k: "" if v is None else str(v) for k, v in r.items()} for r in kg.read_entities(seed_store)]
    assert rows == expected


def test_entities_jsonl_round_trips(seed_store):
    lines = kg.export_entities(seed_store, "jsonl", type="Operation").splitlines()
    rows = [json.loads(line) for line in lines]
    assert rows == kg.read_entities(seed_store, type="Operation")
    assert {r["type"] for r in rows} == {"Operation"}
    assert isinstance(entities_by_name(rows)["zhusan-1"]["mentions"], int)


def test_unknown_entity_type(seed_store):
    with pytest.raises(kg.KGError, match="E308 unknown entity type 'Planet'"):
        kg.read_entities(seed_store, type="Planet")


def test_export_entities_command_filters_by_type(seed_store, tmp_path):
    output = tmp_path / "places.jsonl"
    result = run_kg("export", "entities", "--type", "Place", "--format", "jsonl", "-o", str(output), "--store", seed_store)  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert rows == kg.read_entities(seed_store, type="Place")
    assert {"Almaty", "Astana", "Kazakhstan"} <= {r["label"] for r in rows}


@pytest.mark.parametrize(
    "args,code",
    [(["export", "entities", "--type", "Planet"], "E308"), (["export", "actors", "--type", "Place"], "E309")],
)
def test_export_entities_bad_type_is_a_one_line_error(seed_store, args, code):
    result = run_kg(*args, "--store", seed_store)
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {code} ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_entities_csv_cells_that_a_spreadsheet_would_run_get_a_quote_in_front(hostile_store, tmp_path):
    rows = entities_by_name(csv.DictReader(io.StringIO(export("entities", "csv", hostile_store, tmp_path))))
    assert rows["rahmon"]["label"] == "'" + HYPERLINK
    assert rows["tajikistan"]["label"] == "Tajikistan"


def unnamed_outlet_corpus(folder):
    """Two reports of one figure: one from an outlet with a name, one from an article that names none
    (``kg annotate`` gives it the placeholder outlet ``unnamed outlet``)."""
    folder.mkdir()
    write(
        folder / "registry.yaml",
        f"""
        kinds:
          children: {{label: children, aliases: [minors]}}
        entities:
          tajikistan: {{type: Country, label: Tajikistan}}
          iraq: {{type: Country, label: Iraq}}
          op: {{type: Operation, label: Repatriation of children from Iraq}}
          daily: {{type: MediaOutlet, label: The Daily}}
          unnamed-outlet: {{type: MediaOutlet, label: {UNNAMED_OUTLET}, proposed: true}}
        """,
    )
    for name, outlet, sentence, quantity in (
        ("a1", "unnamed-outlet", "Tajikistan repatriated 84 minors from Iraq.", "{value: 84, counted: minors, kind: children}"),
        ("a2", "daily", "Tajikistan returned 90 children from Iraq.", "{value: 90, counted: children, kind: children}"),
    ):  # fmt: skip
        write(folder / f"{name}.txt", f"Children home\n\n{sentence}\n")
        write(
            folder / f"{name}.yaml",
            f"""
            article: {{title: Children home, outlet: {outlet}, published: 2019-05-01, language: en}}
            mentions:
              - {{quote: Tajikistan, entity: tajikistan}}
              - {{quote: Iraq, entity: iraq}}
            claims:
              - quote: {sentence}
                subject: tajikistan
                predicate: repatriated
                quantity: {quantity}
                about: op
            """,
        )
    return folder


@pytest.fixture(scope="module")
def unnamed_outlet_store(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("unnamed")
    store = str(folder / "store")
    kg.build(unnamed_outlet_corpus(folder / "corpus"), store=store, out=None)
    return store


def test_a_claim_of_an_article_that_names_no_outlet_has_no_speaker_label(unnamed_outlet_store):
    rows = {r["value"]: r for r in csv.DictReader(io.StringIO(kg.export_claims(unnamed_outlet_store, "csv")))}
    assert rows["84"]["speaker"] == "https://kg.example.org/id/unnamed-outlet"  # still its source in the graph
    assert rows["84"]["speaker_label"] == ""
    assert rows["90"]["speaker_label"] == "The Daily"
    assert rows["84"]["status"] == rows["90"]["status"] == "conflicting"
