"""Options shared by the ``kg`` commands."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

__all__ = ["StoreOption", "WideOption"]

StoreOption = Annotated[
    Optional[str],
    typer.Option(
        "--store",
        "-s",
        help="Store: a folder (embedded Oxigraph), 'oxigraph:PATH', 'memory:NAME' or a SPARQL endpoint URL "
        "(http://...). Default: $KG_STORE or .kg",
        show_default=False,
    ),
]

WideOption = Annotated[
    bool,
    typer.Option("--wide", help="Show table cells whole (by default a table is cut to the terminal width)."),
]
