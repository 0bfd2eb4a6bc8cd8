"""Results as rows, printed as an aligned table, CSV, TSV, JSON or JSON Lines.

Examples
--------
>>> table = Table(["label", "degree", "via"], [{"label": "Tokayev", "degree": 0.5, "via": ["a", "b"]}])
>>> print(format_table(table), end="")
label    degree  via
-------  ------  ----
Tokayev  0.5000  a, b
(1 row)
>>> print(format_table(table, "csv"), end="")
label,degree,via
Tokayev,0.5,a | b
>>> print(format_table(table, "jsonl"), end="")
{"label": "Tokayev", "degree": 0.5, "via": ["a", "b"]}
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from ..errors import KGError
from ..io import format_table as render_table
from ..io import spreadsheet_cell
from .options import TABLE_FORMATS

__all__ = ["TABLE_FORMATS", "Table", "format_table"]


@dataclass
class Table:
    """Rows (dicts keyed by ``columns``) and an optional note for the user (printed on stderr)."""

    columns: list[str]
    rows: list[dict] = field(default_factory=list)
    note: str | None = None
    shown: list[str] | None = None
    """The columns an aligned text table shows (default: all); CSV and JSON always have all."""


def _cell(value) -> object:
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


def _csv_cell(value) -> object:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return spreadsheet_cell(" | ".join(str(v) for v in value))
    return spreadsheet_cell(value)


def format_table(table: Table, format: str = "table", *, wide: bool = False, width: int | None = None) -> str:
    """The rows as an aligned ``table``, ``csv`` or ``tsv`` (lists joined by ``" | "``), ``json`` (a list
    of records) or ``jsonl`` (one record a line): what these mean for ``kg query`` too.

    A CSV or TSV cell that a spreadsheet would run as a formula gets a ``'`` in front
    (:func:`kg.io.spreadsheet_cell`); JSON keeps every value exact (lists stay lists).

    Parameters
    ----------
    table : Table
    format : {"table", "csv", "tsv", "json", "jsonl"}
    wide : bool
        Show every table cell whole (CSV and JSON always keep all).
    width : int, optional
        The widest a table's line gets (default: the terminal's width); its widest cells are cut with an
        ellipsis (see :func:`kg.io.format_table`).
    """
    if format not in TABLE_FORMATS:
        raise KGError("E303", name=format, choices=", ".join(TABLE_FORMATS))
    records = [{c: row.get(c) for c in table.columns} for row in table.rows]
    if format == "json":
        return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    if format == "jsonl":
        return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    if format in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n", delimiter="," if format == "csv" else "\t")
        writer.writerow(table.columns)
        writer.writerows([_csv_cell(row.get(c)) for c in table.columns] for row in table.rows)
        return buffer.getvalue()
    columns = table.shown or table.columns
    cells = [[_cell(row.get(c)) for c in columns] for row in table.rows]
    return render_table(columns, cells, wide=wide, width=width)
