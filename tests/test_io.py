"""kg.io: files written whole or not at all, and the text tables every command prints."""

from __future__ import annotations

import io
import sys

import pytest

from kg.io import atomic_open, atomic_write, format_table, spreadsheet_cell

from .conftest import HYPERLINK


def test_atomic_write_replaces_the_file_whole(tmp_path):
    target = tmp_path / "claims.csv"
    target.write_text("old\n")
    atomic_write(target, "id,value\r\nc1,231\r\n")
    assert target.read_bytes() == b"id,value\r\nc1,231\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.csv"]


def test_atomic_write_writes_bytes(tmp_path):
    atomic_write(tmp_path / "page.html", "Ақорда".encode())
    assert (tmp_path / "page.html").read_text(encoding="utf-8") == "Ақорда"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "kg.trig"
    target.write_text("the old graph\n")
    with pytest.raises(RuntimeError, match="disk on fire"), atomic_open(target) as handle:
        handle.write("half of the new")
        raise RuntimeError("disk on fire")
    assert target.read_text() == "the old graph\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kg.trig"]


def test_a_failed_first_write_leaves_no_file(tmp_path):
    with pytest.raises(ValueError), atomic_open(tmp_path / "new.txt", "wb") as handle:
        handle.write(b"part")
        raise ValueError
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        atomic_write(tmp_path / "no" / "such.txt", "x")


def test_atomic_open_refuses_reading_modes(tmp_path):
    with pytest.raises(ValueError, match="mode"), atomic_open(tmp_path / "a.txt", "r"):
        pass


def test_the_written_file_is_readable_by_others(tmp_path):
    atomic_write(tmp_path / "a.txt", "x")
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644


def test_table_is_aligned_with_a_rule_and_a_row_count():
    text = format_table(["label", "degree", "via"], [["Tokayev", "0.5000", "a, b"], ["Rahmon", None, "c"]])
    assert text.splitlines() == [
        "label    degree  via",
        "-------  ------  ----",
        "Tokayev  0.5000  a, b",
        "Rahmon           c",
        "(2 rows)",
    ]


def test_table_fits_the_width_and_cuts_the_widest_cells():
    quote = "Kazakhstan said on Friday it had evacuated 231 of its citizens from the Al-Hol camp in Syria"
    lines = format_table(["id", "quote", "outlet"], [["c1", quote, "AFP"]], width=50).splitlines()
    assert max(len(line) for line in lines) <= 50
    assert lines[2].startswith("c1  Kazakhstan said") and lines[2].endswith("…  AFP")


def test_wide_table_shows_every_cell_whole():
    quote = "Kazakhstan said on Friday it had evacuated 231 of its citizens from the Al-Hol camp in Syria"
    lines = format_table(["id", "quote", "outlet"], [["c1", quote, "AFP"]], width=50, wide=True).splitlines()
    assert lines[2] == f"c1  {quote}  AFP"


def test_cells_are_one_line_and_markup_is_text():
    text = format_table(["text"], [["[bold]two[/bold]\n  lines :smile:"]], count=False)
    assert text.splitlines() == ["text", "-" * 30, "[bold]two[/bold] lines :smile:"]


def test_a_none_row_ends_a_section_with_a_blank_line():
    text = format_table(["article", "layer"], [["a", "actors"], ["a", "claims"], None, ["b", "actors"]], count=False)
    assert text.splitlines() == [
        "article  layer",
        "-------  ------",
        "a        actors",
        "a        claims",
        "",
        "b        actors",
    ]


def test_a_none_row_at_the_end_leaves_a_blank_line_before_the_count():
    assert format_table(["article"], [["a"], None]).splitlines() == ["article", "-------", "a", "", "(1 row)"]


def test_an_empty_table_has_its_header():
    assert format_table(["label", "degree"], []).splitlines() == ["label  degree", "-----  ------", "(0 rows)"]


@pytest.mark.parametrize("columns", [None, "40"])
def test_output_that_is_not_a_terminal_is_not_cut(monkeypatch, columns):
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:  # a parent process exported COLUMNS, as test runners do
        monkeypatch.setenv("COLUMNS", columns)
    quote = "Kazakhstan said on Friday it had evacuated 231 of its citizens from the Al-Hol camp in Syria " * 3
    assert quote.strip() in format_table(["quote"], [[quote]])


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_columns_sets_the_width_on_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stdout", _Terminal())
    monkeypatch.setenv("COLUMNS", "40")
    lines = format_table(["quote"], [["Kazakhstan said on Friday it had evacuated 231 of its citizens"]]).splitlines()
    assert lines[2] == "Kazakhstan said on Friday it had evacua…"


# --- cells a spreadsheet would run (issue 13) ---------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [HYPERLINK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "\n=1+1", "  =1+1", "＝1+1"],
)
def test_a_cell_a_spreadsheet_would_run_gets_a_quote_in_front(cell):
    assert spreadsheet_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", [-3, -0.5, 84, "-3", "-0.5", "+5", "-1e3", " -3 ", "Tokayev", "", None, "a=b", "'=1"])
def test_numbers_and_plain_text_stay_as_they_are(cell):
    assert spreadsheet_cell(cell) == cell


# --- control characters in tables (issue 13) ----------------------------------------------------------


def test_control_characters_in_a_table_are_shown_as_escapes():
    title = "Tajikistan\x1b]0;pwned\x07 brings\x9b2J children\x7f home"
    shown = "Tajikistan\\x1b]0;pwned\\x07 brings\\x9b2J children\\x7f home"
    text = format_table(["title\x1b[31m"], [[title]], count=False)
    assert text.splitlines() == ["title\\x1b[31m", "-" * len(shown), shown]
    assert not any((ord(ch) < 32 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F for ch in text)


def test_line_breaks_in_a_cell_stay_out_of_the_table():
    text = format_table(["quote"], [["one\r\ntwo\x85three\u2028four\x0bfive"]], count=False)
    assert text.splitlines()[2] == "one two three four five"
