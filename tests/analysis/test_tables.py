"""Tables as users read them: aligned text, CSV, JSON."""

import json

import pytest

import kg
from kg.analysis import Table, format_table

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
