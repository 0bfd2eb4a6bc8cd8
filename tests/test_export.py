import csv
import io
import json

import pytest
from rdflib import Dataset, Graph

import kg
from kg.export import ACTOR_COLUMNS, CLAIM_COLUMNS

from .conftest import HYPERLINK, run_kg


def test_claims_csv_has_the_documented_columns(seed_store):
    rows = list(csv.DictReader(io.StringIO(kg.export_claims(seed_store, "csv"))))
    assert tuple(rows[0]) == CLAIM_COLUMNS == (
        "id", "subject", "subject_label", "predicate", "object", "object_label", "value", "lower", "upper",
        "counted", "speaker", "speaker_label", "article", "outlet", "date", "quote", "start", "end", "status",
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
