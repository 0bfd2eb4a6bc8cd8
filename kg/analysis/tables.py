"""Results as rows, printed as an aligned table, CSV or JSON.

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
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from ..errors import KGError

__all__ = ["TABLE_FORMATS", "Table", "format_table"]

TABLE_FORMATS = ("table", "csv", "json")


@dataclass
class Table:
    """Rows (dicts keyed by ``columns``) and an optional note for the user (printed on stderr)."""

    columns: list[str]
    rows: list[dict] = field(default_factory=list)
    note: str | None = None
    shown: list[str] | None = None
    """The columns an aligned text table shows (default: all); CSV and JSON always have all."""


def _cell(value, width: int) -> str:
    if value is None:
        text = ""
    elif isinstance(value, float):
        text = f"{value:.4f}"
    elif isinstance(value, list | tuple):
        text = ", ".join(str(v) for v in value)
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _csv_cell(value) -> object:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " | ".join(str(v) for v in value)
    return value


def format_table(table: Table, format: str = "table", *, width: int = 48) -> str:
    """The rows as an aligned ``table``, ``csv`` (lists joined by ``" | "``) or ``json`` (a list of objects).

    Parameters
    ----------
    table : Table
    format : {"table", "csv", "json"}
    width : int
        The widest a table cell gets; longer text is cut with an ellipsis (CSV and JSON keep all).
    """
    if format not in TABLE_FORMATS:
        raise KGError("E303", name=format, choices=", ".join(TABLE_FORMATS))
    if format == "json":
        return (
            json.dumps([{c: row.get(c) for c in table.columns} for row in table.rows], ensure_ascii=False, indent=1)
            + "\n"
        )
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows([_csv_cell(row.get(c)) for c in table.columns] for row in table.rows)
        return buffer.getvalue()
    columns = table.shown or table.columns
    cells = [[_cell(row.get(c), width) for c in columns] for row in table.rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells)
    lines.append(f"({len(cells)} row{'' if len(cells) == 1 else 's'})")
    return "\n".join(lines) + "\n"
