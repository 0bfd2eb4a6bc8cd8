"""Every error kg reports, named and numbered in one place.

The CLI prints ``KGError`` as one line (``error: E101 seeds/x.yaml:12: ...``) and exits non-zero;
library callers catch ``KGError``.
"""

from __future__ import annotations

__all__ = ["Errors", "KGError"]


class Errors:
    # reading a corpus
    E100 = "no corpus folder at {path}"
    E101 = "{where}: quote not found in {text}: {quote!r}{hint}"
    E102 = "{where}: unknown entity {name!r}{hint}"
    E103 = "{where}: malformed annotation file: {detail}"
    E104 = "{where}: the article text {text} is missing"
    E105 = "{where}: {text} is not UTF-8 text ({detail})"
    E106 = "{where}: unknown predicate {name!r}{hint}"
    E107 = "{where}: unknown quantity kind {name!r}{hint}"
    E108 = "{where}: {field} {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
    E109 = "{where}: malformed registry: {detail}"
    E110 = "{where}: {detail}"
    E111 = "{path}: no articles (no NAME.yaml beside a NAME.txt) in this folder"
    E112 = "{where}: occurrence {n} of {quote!r} does not exist (it occurs {count} times)"
    # stores
    E200 = "{path} is not a kg store (no {marker}); build one with `kg build --store {path}`"
    E201 = "no store at {path}; build one first with `kg build`"
    E202 = "unknown store {url!r}: use a folder path, 'memory:' or 'oxigraph:PATH'"
    E203 = "the store at {path} is in use by another process ({detail})"
    E204 = "cannot write the store at {path}: {detail}"
    # queries
    E300 = "invalid SPARQL{where}: {detail}"
    E301 = "unknown named query {name!r}; available: {available}"
    E302 = "cannot read the query file {path}: {detail}"
    E303 = "unknown format {name!r}; use one of: {choices}"
    E304 = "give a query, --file or --name (exactly one)"
    E305 = "the query failed: {detail}"
    # validation
    E400 = "cannot read {path} as RDF: {detail}"
    # build
    E500 = "build interrupted; the previous store at {path} is unchanged"
    # annotation (kg annotate, kg eval): E600-E699
    # @@ E600 @@
    # analysis (kg analyze): E700-E799
    # @@ E700 @@
    # views (kg viz): E800-E899
    # @@ E800 @@
    # endpoint and remote stores (kg serve, http stores): E900-E999
    # @@ E900 @@


class KGError(Exception):
    """An error with a code and a one-line message meant for the user."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        template = getattr(Errors, code)
        message = template.format(**fields)
        super().__init__(f"{code} {message}")

    @property
    def message(self) -> str:
        return str(self)
