"""Every error kg reports, named and numbered in one place.

The CLI prints ``KGError`` as one line (``error: E101 seeds/x.yaml:12: ...``) and exits non-zero;
library callers catch ``KGError``. A value shown in a message is cut to a bounded excerpt
(:func:`excerpt`), so that no input, however large, makes a large message.

Examples
--------
>>> print(KGError("E108", where="a.yaml:3", field="published", value=["lol"] * 1_000_000))
E108 a.yaml:3: published ['lol', 'lol', 'lol', 'lol', … (1000000 items)] is not a date (YYYY-MM-DD, YYYY-MM or YYYY)
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

__all__ = ["Errors", "KGError", "excerpt"]


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
    E113 = "{where}: its aliases (*name) expand it past {limit} nodes; write the repeated values out"
    # stores
    E200 = "{path} is not a kg store (no {marker}); use a store `kg build` made, or build one in a new folder: `kg build --store NEW_FOLDER`"
    E201 = "no store at {path}; build one first with `kg build`"
    E202 = "unknown store {url!r}: use a folder path, 'oxigraph:PATH', 'memory:NAME' or an http(s):// SPARQL endpoint"
    E203 = "the store at {path} is in use by another process ({detail})"
    E204 = "cannot write the store at {path}: {detail}"
    E205 = "another build is running (pid {pid}) on the store at {path}; wait for it to finish, then try again"
    E206 = "the store at {path} changed while reading (a build replaced it); try again"
    E207 = "cannot write {path} ({detail}); the store at {store} and {path} are unchanged"
    E208 = "the store at {store} is built, but {path} could not be written ({detail}); it holds the previous build"
    E209 = "the store {url} cannot be changed in place ({reason}); rebuild it with `kg build`"
    E210 = "the store at {path} has no record of the corpus it was built from; run `kg build --seeds FOLDER` once"
    E211 = "{what} changed since the store at {path} was built; run `kg build` first"
    E212 = "{where}: article {id!r} is already in the store at {path}; use --replace to replace it"
    E213 = "no article {id!r} in the store at {path}{hint}"
    E214 = "{where}: article {id!r} is given twice (also in {other})"
    E215 = "{path}: no annotated articles (NAME.yaml beside NAME.txt) to add"
    E216 = "{where}: cannot annotate this article: {reason}; nothing was added to the store at {path}"
    # queries
    E300 = "invalid SPARQL{where}: {detail}"
    E301 = "unknown named query {name!r}; available: {available}"
    E302 = "cannot read the query file {path}: {detail}"
    E303 = "unknown format {name!r}; use one of: {choices}"
    E304 = "give a query, --file or --name (exactly one)"
    E305 = "the query failed: {detail}"
    E306 = "--limit, --offset and --all page the named queries; write LIMIT and OFFSET in your own SPARQL"
    E307 = "{what} must be a whole number of rows, 0 or more (got {value})"
    E308 = "unknown entity type {name!r}; use one of: {choices}"
    E309 = "--type filters `kg export entities` only"
    E310 = "unknown prefix {prefix!r} at {where}: declare it (PREFIX {prefix}: <IRI>) or use a predeclared one: {known}"
    E311 = "{what} needs pandas: pip install pandas"
    # validation
    E400 = "cannot read {path} as RDF: {detail}"
    # build
    E500 = "build interrupted; the previous store at {path} is unchanged"
    E501 = "KG_CROSSSOURCE_OFF: no mechanism {names} (one of {choices}, or all)"
    # annotation (kg annotate, kg eval): E600-E699
    E600 = "{path}: no such file or folder"
    E601 = "{path}: no .txt, .html, .htm or .jsonl files in this folder"
    E602 = "{path} already exists; use --force to overwrite it"
    E603 = "cannot write {path}: {detail}"
    E604 = "{where}: cannot write this annotation: {detail}"
    E605 = "{where}: cannot write this registry entry: {detail}"
    E606 = "reading {what} needs {package}: pip install 'kg[nlp]'"
    E650 = "{where}: malformed pipeline configuration: {detail}"
    E651 = "unknown annotation component {name!r}; known: {known}"
    E652 = "pipeline: component {name!r} requires {needs!r}, which no earlier component assigns"
    E653 = "cannot load the spaCy model {model!r} ({detail}); install it: pip install 'kg[nlp]'"
    E654 = "{where}: the article is {size} characters long; the limit is {limit} (split it into articles)"
    E655 = "{where}: annotation failed in component {name!r}: {detail}"
    E656 = "nothing annotated: {detail}"
    E657 = "{path}: not a folder of curated seeds ({detail})"
    E658 = "--processes must be 0 (one per core) or more, not {n}"
    E659 = "{path}: not a gold folder: {missing} is missing (it needs corpus.jsonl, gold/*.json, gold/facts.json)"
    E660 = "{where}: not valid JSON: {detail}"
    E661 = "{where}: {item}: the quote is not in the text of article {article!r}: {quote!r}"
    E662 = "{where}: {item}: {detail}"
    E663 = "cannot use the Dask scheduler {address}: {detail}"
    E664 = "--scheduler needs the distributed package: pip install 'kg[dask]'"
    E665 = "a batch of articles killed a Dask worker on every try ({detail}); see the workers' logs"
    E666 = (
        "--scheduler {value!r}: use a scheduler address (tcp://HOST:8786) or local:N with N a whole number, 1 or more"
    )
    # @@ E600 @@
    # analysis (kg analyze): E700-E799
    E700 = "the {view} view of the graph is empty ({detail}); build a corpus with claims first (`kg build`)"
    E703 = "no path between {source} and {target} in the {view} view: they are not connected"
    E704 = "unknown view {view!r}; use one of: {choices}"
    E705 = "networkx backend {backend!r} is not usable: {detail}"
    E706 = "cannot write analysis results into the store {url}: {detail}"
    E707 = "{name!r} names {id} ({type}), which is not in the {view} view: {why}"
    E708 = "cannot write {path}: {detail}"
    E709 = "unknown measure {name!r}; use one of: {choices}"
    E710 = "--write stores results of the actors view only (not {view!r}): drop --write or use --view actors"
    E711 = "no path between {source} and {target} in the {view} view {why}"
    E712 = "--{option} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
    # @@ E700 @@
    # views (kg viz): E800-E899
    E800 = "unknown view {name!r}; use one of: {choices}"
    E801 = "unknown {what} {name!r}{where}; closest: {hint}"
    E802 = "ambiguous {what} {name!r}: it names {candidates}; give the full name or the id"
    E803 = "{option} {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
    E804 = "--since {since} is after --until {until}"
    E805 = "{option} must be {rule}, not {value}"
    E806 = "{name!r} takes part in no relation shown in the {view} view (a speaker's claims are on the edges they back)"
    E807 = "cannot write {path}: {detail}"
    # @@ E800 @@
    # endpoint and remote stores (kg serve, http stores): E900-E999
    E900 = "cannot reach the store {url}: {detail}"
    E901 = "the store {url} answered HTTP {status}: {detail}"
    E902 = "the store {url} sent an answer kg cannot read: {detail}"
    E903 = (
        "writing to {url} failed at batch {batch} of {batches} ({detail}): {done} of {total} graphs were "
        "replaced{done_names}; {left} were not{left_names}; every graph holds either its previous or its new "
        "version, never part of one (Virtuoso: unless it died while loading a graph): build again to finish"
    )
    E904 = "bad store URL {url}: {detail}"
    E905 = "a remote store keeps quads in named graphs only; this build has {count} in the default graph"
    E906 = (
        "the new graphs are all written to {url}, but removing {count} graphs of the previous build failed "
        "({detail}); build again to finish"
    )
    E907 = (
        "the store {url} cut the answer at its limit of {cap} results; ask for fewer (LIMIT and OFFSET) or "
        "raise the limit (kg serve --max-results)"
    )
    E908 = (
        "another writer ({writer}) changed the store {url} while this change was being made; this change "
        "was not made: run it again"
    )
    E909 = "the change is in the store {url}, but recording it there failed ({detail}); run `kg build` to settle it"
    E910 = "kg serve serves an embedded or in-memory store, not {url}: a SPARQL endpoint is already an endpoint"
    E911 = "cannot find the oxigraph server program; install it with: pip install oxigraph"
    E912 = "the query engine (oxigraph) did not start: {detail}"
    E913 = "cannot listen on {host}:{port}: {detail}"
    E914 = "{option} must be {rule}, not {value}"
    # answers of the endpoint (kg serve), sent as the body of an HTTP error
    E920 = "no query: give query= (GET, or a POST form) or a POST body of type application/sparql-query"
    E921 = "this endpoint is read-only: updates are refused (start it with `kg serve --allow-updates`)"
    E922 = "the query ran past the {timeout} s time limit and was stopped"
    E923 = "cannot send {kind} results as {accept}; acceptable types: {choices}"
    E924 = "unsupported content type {type!r}: send application/x-www-form-urlencoded or {expected}"
    E925 = "this is an update, not a query: send it to /update (POST update= or application/sparql-update)"
    E926 = "the query engine failed: {detail}"
    E927 = "give one of query= and name=, once"
    E928 = (
        "the query engine was restarted (a query used more memory than allowed, or the store was rebuilt); "
        "send the query again"
    )
    E930 = "SERVICE {target} is refused: {reason}; {hint}"
    E931 = "cannot check the query for SERVICE (refused unless allowed): {detail}"
    E932 = "the request body is over the limit of {limit} bytes ({option})"
    E933 = "write refused: {reason}"
    # @@ E900 @@


_REPR_LIMIT = 200  # characters of a value shown with !r: the input a message echoes
_TEXT_LIMIT = 1000  # characters of a field shown as text: paths, details and hints kg composed
_ITEMS = 4  # items of a list or mapping shown, at each of _DEPTH levels
_DEPTH = 3
# a message is one line: control characters in a file name or a detail show escaped
_CONTROL = {i: f"\\x{i:02x}" for i in (*range(32), 127)} | {9: "\\t", 10: "\\n", 13: "\\r"}


def excerpt(value: object, limit: int = _REPR_LIMIT) -> str:
    """``repr(value)`` cut to at most ``limit`` characters, made without building the whole of it.

    What an error message shows of an input value: a string is cut, a list or a mapping shows its
    first items, nested ones to a few levels, and says how many there are. A value built from YAML
    aliases or a huge file costs no more to show than a short one.

    Parameters
    ----------
    value : object
        Any value (a string, a number, a list or mapping read from YAML ...).
    limit : int
        The most characters returned.

    Returns
    -------
    str
        One line.

    Examples
    --------
    >>> excerpt("2019-13-01")
    "'2019-13-01'"
    >>> excerpt("x" * 1000, limit=12)
    "'xxxxxxxxxx…"
    >>> excerpt({"a": [[1, 2], [3, [4, [5]]]], "b": list(range(10))})
    "{'a': [[1, 2], [3, […]]], 'b': [0, 1, 2, 3, … (10 items)]}"
    """
    text = _bounded(value, _DEPTH, limit)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bounded(value: object, depth: int, limit: int) -> str:
    if isinstance(value, str):
        return repr(value[:limit])
    if isinstance(value, (list, tuple, set, frozenset, Mapping)):
        opening, closing = "[]" if isinstance(value, list) else "()" if isinstance(value, tuple) else "{}"
        if depth == 0:
            return f"{opening}…{closing}" if value else opening + closing
        if isinstance(value, Mapping):
            shown = [
                f"{_bounded(k, depth - 1, limit)}: {_bounded(v, depth - 1, limit)}"
                for k, v in itertools.islice(value.items(), _ITEMS)
            ]
        else:
            shown = [_bounded(v, depth - 1, limit) for v in itertools.islice(value, _ITEMS)]
        if len(value) > _ITEMS:
            shown.append(f"… ({len(value)} items)")
        return opening + ", ".join(shown) + closing
    return _cut(value, limit).translate(_CONTROL)


def _cut(value: object, limit: int, text: bool = False) -> str:
    """``repr`` (or ``str``) of a scalar, cut to ``limit`` characters."""
    try:
        shown = str(value) if text else repr(value)
    except ValueError:  # an int too long to convert to text
        return f"<a {type(value).__name__} too long to show>"
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


class _Shown:
    """A field of a message: its ``repr`` is an :func:`excerpt`; its text is cut and kept to one line."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __repr__(self) -> str:
        return excerpt(self.value)

    def __str__(self) -> str:
        if isinstance(self.value, (list, tuple, set, frozenset, Mapping)):
            return excerpt(self.value, _TEXT_LIMIT)
        return _cut(self.value, _TEXT_LIMIT, text=True).translate(_CONTROL)

    def __format__(self, spec: str) -> str:
        if spec and isinstance(self.value, (int, float)):
            return format(self.value, spec)
        return format(str(self), spec)


class KGError(Exception):
    """An error with a code and a one-line message meant for the user.

    ``fields`` keeps the values as given; the message shows each through :func:`excerpt`.
    """

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        template = getattr(Errors, code)
        message = template.format(**{name: _Shown(value) for name, value in fields.items()})
        super().__init__(f"{code} {message}")

    @property
    def message(self) -> str:
        return str(self)
