"""Tables as users read them: aligned text, CSV, JSON."""

import csv
import io
import json

import pytest

import kg
from kg.analysis import Table, format_table

from ..conftest import HYPERLINK, run_kg

TABLE = Table(["label", "score", "names"], [{"label": "Tokayev", "score": 0.123456, "names": ["a", "b"]}])


def test_text_table_rounds_and_joins():
    assert format_table(TABLE).splitlines() == [
        "label    score   names",
        "-------  ------  -----",
        "Tokayev  0.1235  a, b",
        "(1 row)",
    ]


def test_csv_keeps_full_values():
    assert format_table(TABLE, "csv") == "label,score,names\nTokayev,0.123456,a | b\n"


def test_json_keeps_lists():
    assert json.loads(format_table(TABLE, "json")) == [{"label": "Tokayev", "score": 0.123456, "names": ["a", "b"]}]


def test_an_unknown_format_is_an_error():
    with pytest.raises(kg.KGError, match="E303"):
        format_table(TABLE, "xml")


# --- CSV a spreadsheet opens (issue 13) ---------------------------------------------------------------


def test_csv_cells_that_a_spreadsheet_would_run_get_a_quote_in_front_and_numbers_stay():
    table = Table(["label", "names", "value", "text"], [{"label": HYPERLINK, "names": ["@SUM(A1)", "b"], "value": -3, "text": "-0.5"}])  # fmt: skip
    rows = list(csv.reader(io.StringIO(format_table(table, "csv"))))
    assert rows[1] == ["'" + HYPERLINK, "'@SUM(A1) | b", "-3", "-0.5"]
    assert json.loads(format_table(table, "json"))[0]["label"] == HYPERLINK


def test_analyze_claims_csv_through_the_command(hostile_store):
    result = run_kg("analyze", "claims", "--format", "csv", "--store", hostile_store)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    eighty_four = next(r for r in rows if r["value"] == "84")
    assert eighty_four["topic"] == "'+Tajik repatriation from Iraq"
    assert eighty_four["outlet_names"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert eighty_four["speakers"] == "'" + HYPERLINK
    assert eighty_four["outlets_stating"] == "1"
