"""Options shared by the ``kg`` commands (a module of its own so every command module can import it)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

__all__ = ["StoreOption"]

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
