"""The ``kg`` command: a thin layer over the library; each command parses its options and calls one function.

One module per command group: :mod:`.core` (build, query, export, validate), :mod:`.analyze`,
:mod:`.annotate` (annotate, eval), :mod:`.serve` and :mod:`.viz`; the options they share are in
:mod:`.options`. Every group is registered here, and nowhere else.

``kg --version`` prints the package's version; ``kg --install-completion`` installs shell completion
(bash, zsh, fish, PowerShell) and ``kg --show-completion`` prints the script to install it by hand.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer

from .. import __version__
from ..errors import KGError
from . import analyze, annotate, core, corpus, serve, viz

__all__ = ["app", "main"]

app = typer.Typer(
    name="kg",
    help="Turn news articles into a knowledge graph of actors, operations and claims.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def kg(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version of kg and exit."),
    ] = False,
) -> None:
    """Turn news articles into a knowledge graph of actors, operations and claims."""


for command in (core.build, core.query, core.export, core.validate, corpus.add, corpus.remove, viz.viz, serve.serve):
    app.command()(command)
app.add_typer(analyze.app, name="analyze")
app.command("annotate")(annotate.annotate)
app.command("eval")(annotate.eval)


def main() -> None:
    """Entry point: run the app, turning errors into one line on stderr and a non-zero exit."""
    try:
        command = typer.main.get_command(app)
        _quiet_flags(command)
        command(prog_name="kg")
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


def _quiet_flags(command: Any) -> None:
    """Show on/off flags in --help without a ``<bool>`` type, as options that take no value."""
    context = typer.Context(command, info_name=command.name)
    for param in command.get_params(context):  # the --help option too, which is kept once made
        if getattr(param, "is_flag", False):
            # typer's rich help prints display_type_rich() for every option, a flag's metavar aside
            param.display_type_rich = _no_type  # type: ignore[method-assign]
    for sub in getattr(command, "commands", {}).values():
        _quiet_flags(sub)


def _no_type(ctx: typer.Context) -> None:
    return None
