"""The ``kg`` command: a thin layer over the library; each command parses its options and calls one function.

One module per command group: :mod:`.core` (build, query, export, validate), :mod:`.analyze`,
:mod:`.annotate` (annotate, eval), :mod:`.serve` and :mod:`.viz`; the options they share are in
:mod:`.options`. Every group is registered here, and nowhere else.
"""

from __future__ import annotations

import os
import sys

import typer

from ..errors import KGError
from . import analyze, annotate, core, serve, viz

__all__ = ["app", "main"]

app = typer.Typer(
    name="kg",
    help="Turn news articles into a knowledge graph of actors, operations and claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for command in (core.build, core.query, core.export, core.validate, viz.viz, serve.serve):
    app.command()(command)
app.add_typer(analyze.app, name="analyze")
app.command("annotate")(annotate.annotate)
app.command("eval")(annotate.eval)


def main() -> None:
    """Entry point: run the app, turning errors into one line on stderr and a non-zero exit."""
    try:
        app()
    except KGError as exc:
        _err(exc.message)
        sys.exit(1)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
    except Exception as exc:  # a bug: still one line, with a way to see more
        if os.environ.get("KG_DEBUG"):
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (set KG_DEBUG=1 for the traceback)")
        sys.exit(2)


def _err(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
