"""The disputes board: the figures more than one outlet states, side by side, with who says what."""

import pytest

import kg
import kg.viz
from kg.errors import KGError

from ..conftest import run_kg


@pytest.fixture(scope="module")
def board(seed_store) -> kg.viz.Board:
    return kg.viz.disputes(seed_store)


def _row(board, event, *values):
    found = [
        r for r in board.rows if board.events[r["event"]] == event and {v["number"] for v in r["values"]} >= set(values)
    ]
    assert len(found) == 1, [(board.events[r["event"]], r["what"]) for r in board.rows]
    return found[0]


def test_the_seed_board_lists_47_against_43_with_both_quotes(board):
    row = _row(board, "Operation Zhusan, January 2019", "47", "43")
    assert row["status"] == "conflicting"
    quotes = {v["number"]: v["quote"] for v in row["values"]}
    assert quotes["43"].startswith("The evacuation follows a similar operation in January that saw 43 Kazakhs")
    assert "47" in quotes["47"]
    assert {board.outlets[v["outlet"]] for v in row["values"] if v["number"] == "43"} == {"The Defense Post"}


def test_contested_figures_come_first(board):
    statuses = [r["status"] for r in board.rows]
    assert statuses == sorted(statuses, key=["conflicting", "corroborated", "not compared"].index)
    assert board.counts["contested"] == statuses.count("conflicting") == 2


def test_about_400_and_about_500_are_intervals(board):
    row = _row(board, "Departures of Kazakhstanis to join armed groups in Syria and Iraq", "about 400", "about 500")
    bounds = {v["number"]: (v["lo"], v["hi"], v["point"]) for v in row["values"]}
    assert bounds["about 400"] == (360, 440, False)
    assert bounds["about 500"] == (450, 550, False)
    assert bounds["hundreds"] == (200, 999, False)


def test_a_lower_bound_is_open_ended_and_written_as_the_text_gives_it(board):
    row = _row(board, "Operation Zhusan, May 2019", "more than 200", "231")
    more = next(v for v in row["values"] if v["number"] == "more than 200")
    assert (more["lo"], more["hi"]) == (201, None)
    assert more["text"] in {"more than 200 Kazakhstan citizens", "more than 200 citizens of Kazakhstan"}


def test_only_figures_of_two_or_more_outlets_are_rows(board):
    for row in board.rows:
        assert len({v["outlet"] for v in row["values"]}) >= 2


def test_the_board_filters_by_outlet_and_says_so_in_its_title(seed_store):
    afp = kg.viz.disputes(seed_store, source="AFP", since="2019-05")
    assert afp.title == "Disputes: the figures sources give (outlet Agence France-Presse, since 2019-05)"
    assert all(any(afp.outlets[v["outlet"]] == "Agence France-Presse" for v in r["values"]) for r in afp.rows)
    assert 0 < afp.counts["rows"] < kg.viz.disputes(seed_store).counts["rows"]


def test_a_machine_claim_is_marked_and_a_javascript_url_is_no_link(disputes_store):
    board = kg.viz.disputes(disputes_store)
    values = {v["number"]: v for v in board.rows[0]["values"]}
    assert values["84"]["machine"] is True and values["about 90"]["machine"] is False
    assert values["84"]["url"] == "" and values["about 90"]["url"] == "https://daily.example/a2"


def test_build_view_and_render_make_the_board(seed_store, tmp_path):
    assert isinstance(kg.viz.build_view(seed_store, "disputes"), kg.viz.Board)
    page = kg.viz.render(seed_store, "disputes", output=tmp_path / "d.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "default-src 'none'" in page
    assert "saw 43 Kazakhs returned to the country" in page


def test_bad_dates_are_one_error(seed_store):
    with pytest.raises(KGError, match="E804"):
        kg.viz.disputes(seed_store, since="2020", until="2019")


def test_kg_viz_view_disputes_writes_the_board(seed_store, tmp_path):
    result = run_kg("viz", "--view", "disputes", "--store", seed_store, "-o", str(tmp_path / "d.html"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote {tmp_path / 'd.html'}: Disputes: the figures sources give: 5 figures, 2 contested\n"


def test_the_unnamed_outlet_placeholder_is_never_shown_as_a_speaker(tmp_path):
    from ..test_export import unnamed_outlet_corpus

    store = str(tmp_path / "store")
    kg.build(unnamed_outlet_corpus(tmp_path / "corpus"), store=store, out=None)
    board = kg.viz.disputes(store)
    speakers = {v["number"]: v["speaker"] for r in board.rows for v in r["values"]}
    assert speakers == {"84": "", "90": "The Daily"}
    claims = {c.quote: c.speaker_label for c in kg.viz.read_graph(store).claims}
    assert claims["Tajikistan repatriated 84 minors from Iraq."] == ""
    assert claims["Tajikistan returned 90 children from Iraq."] == "The Daily"
