"""A corpus that grows: add, replace and remove articles in a built store without rebuilding it.

The store records the corpus it was built from (``kg-store.json``: the corpus folder, a digest
of its registry and of kg's compiler, and per article its file, its text file and a digest of
both). Beside the store, a cache keeps what the comparison across sources needs of each article,
keyed by those digests (``cache.sqlite`` in an embedded store's folder; in memory for a
``memory:`` store): its claims ready to compare, its mention counts and its outlet.

A change then compiles only the articles it adds and compares again only the claims it can reach.
Two articles change each other's comparison only through what their claims share (an event, an
acting country, the month of a figure whose country is unknown, the key of another claim, a
timeline entry: :func:`kg.compile.crosssource.comparison_nodes`) or through a copy cluster (copy
detection runs over the fingerprints of the whole corpus, cached, at each change). The cache
records each article's nodes; a change follows them from the articles it adds, replaces or removes
and from those whose copy cluster it changes, to every article connected to them, and compares
those articles' claims together, in the order a full build reads them: what they get is what
comparing all would give them, and the claims of the others are unchanged. It then compiles again
the parts of the cross-source and listing graphs those claims are in (their groups, timeline
entries, outlets, and the entities whose mention counts change:
:func:`kg.compile.crosssource.crosssource_parts`), diffs them against the same parts as the cache
keeps them (N-Quads lines, with each article's tally: its outlet, its parts, its claims' statuses),
and replaces in one transaction the graphs of the articles it touches and the quads that differ.
The cache describes the store whose meta names its token as ``derived``; a change cut short (the
meta says ``pending``), a lost cache or another token makes the next change compare every article
and read the derived graphs back from the store, and record the cache afresh. A failure, an
interrupt or a killed process leaves the store as it was.

Where added articles live: :func:`add_articles` copies them into the corpus folder the store was
built from, so a later full ``kg build`` gives the same graph; :func:`remove_articles` moves an
article's files to ``FOLDER/.removed/`` (out of the corpus, not deleted). Graphs a build does not
make (``graph:analysis`` of ``kg analyze --write``) describe the old corpus and are dropped, as a
full build drops them.
"""

from __future__ import annotations

import contextlib
import difflib
import gc
import hashlib
import os
import pickle
import shutil
import sqlite3
import time
import uuid
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .compile import LISTINGS, compile_article, keyed_claims, listing_graph
from .compile.crosssource import (
    ClaimGroup,
    CrossSourceParts,
    compare,
    compared_claims,
    comparison_nodes,
    crosssource_parts,
    mechanisms_off,
)
from .compile.listings import timeline_key
from .compile.sources import (
    MAX_CANDIDATES,
    THRESHOLD,
    Fingerprint,
    candidates,
    components,
    copy_edges,
    earliest,
    jaccard,
)
from .corpus import REGISTRY_FILE, annotation_files, read_annotations, read_registry
from .errors import KGError
from .model import Annotated, Registry
from .ontology import ontology_dir
from .store import (
    LineTerms,
    OxigraphTerms,
    StoreEdit,
    cache_path,
    edit_store,
    parse_lines,
    read_store_meta,
    store_editable,
)
from .terms import CROSSSOURCE_GRAPH, ONTOLOGY_GRAPH, REGISTRY_GRAPH, article_graph, id_segment

__all__ = [
    "ArticleCache",
    "ChangeReport",
    "Recorder",
    "add_articles",
    "article_digest",
    "compiler_digest",
    "copied_into_corpus",
    "corpus_changes",
    "remove_articles",
    "status_counts",
    "store_corpus",
    "update_from_corpus",
]

REMOVED = ".removed"
"""The folder of a corpus where :func:`remove_articles` moves an article's files."""

_COMPILER = ("compile", "corpus.py", "model.py", "terms.py", "vocab.py", "ontology.py", "namespace.py", "text.py")
"""What an article's compiled form depends on, besides its files and the registry (under ``kg/``)."""


def compiler_digest() -> str:
    """A digest of kg's compiler (its modules and the ontology): cached articles of another are not reused."""
    here = Path(__file__).resolve().parent
    files: list[Path] = []
    for name in _COMPILER:
        path = here / name
        files += sorted(path.glob("*.py")) if path.is_dir() else [path]
    files += sorted(ontology_dir().glob("*.ttl"))
    h = hashlib.sha256()
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def article_digest(yaml_path: Path, text_name: str) -> str:
    """A digest of an article's annotation file and its text (``NAME.yaml``, ``NAME.txt``).

    Returns ``""`` when a file cannot be read (the article then counts as changed).
    """
    h = hashlib.sha256()
    try:
        h.update(yaml_path.read_bytes() + b"\0")
        h.update((yaml_path.parent / text_name).read_bytes())
    except OSError:
        return ""
    return h.hexdigest()


def _registry_digest(seeds: Path) -> str:
    try:
        return hashlib.sha256((seeds / REGISTRY_FILE).read_bytes()).hexdigest()
    except OSError:
        return ""


# --- the cache of compiled articles ---------------------------------------------------------------

_MEMORY_CACHES: dict[str, sqlite3.Connection] = {}


class ArticleCache:
    """What the comparison across sources needs of each article, keyed by a digest of its inputs.

    An SQLite file in the store's folder (:func:`kg.store.cache_path`), or a database in memory for a
    ``memory:`` store. An entry is never wrong, only unused: its key digests the article's files,
    the registry and the compiler.
    """

    def __init__(self, url: str, *, fresh: bool = False) -> None:
        path = cache_path(url, fresh=fresh)
        self._target = cache_path(url) if fresh else None  # a full build's cache moves in when it is done
        self.path = path
        if path is None:
            if fresh or url not in _MEMORY_CACHES:
                _MEMORY_CACHES[url] = sqlite3.connect(":memory:")
            self.db = _MEMORY_CACHES[url]
        else:
            if fresh:
                with contextlib.suppress(OSError):
                    path.unlink()
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(path)
            except (OSError, sqlite3.Error) as exc:
                raise KGError("E204", path=path, detail=str(exc)) from None
        self.db.execute("CREATE TABLE IF NOT EXISTS article (key TEXT PRIMARY KEY, entry BLOB NOT NULL)")
        for table in (
            "state (token TEXT NOT NULL)",
            "part (owner TEXT PRIMARY KEY, lines BLOB NOT NULL)",
            "node (node TEXT NOT NULL, article TEXT NOT NULL)",
            "tally (article TEXT PRIMARY KEY, outlet TEXT NOT NULL, owners TEXT NOT NULL, claims INTEGER NOT NULL,"
            " conflicting INTEGER NOT NULL, corroborated INTEGER NOT NULL, single INTEGER NOT NULL)",
            "mention (entity TEXT PRIMARY KEY, n INTEGER NOT NULL)",
            "print (article TEXT PRIMARY KEY, fingerprint BLOB NOT NULL)",
            "copy (article TEXT PRIMARY KEY, first TEXT NOT NULL)",
            "band (band INTEGER NOT NULL, pos TEXT NOT NULL, k INTEGER NOT NULL, article TEXT NOT NULL)",
            "edge (article TEXT NOT NULL, other TEXT NOT NULL)",
            "registry (digest TEXT PRIMARY KEY, registry BLOB NOT NULL)",
        ):
            self.db.execute(f"CREATE TABLE IF NOT EXISTS {table}")
        self.db.execute("CREATE INDEX IF NOT EXISTS node_by_node ON node (node)")
        self.db.execute("CREATE INDEX IF NOT EXISTS node_by_article ON node (article)")
        self.db.execute("CREATE INDEX IF NOT EXISTS band_by_band ON band (band, pos)")
        self.db.execute("CREATE INDEX IF NOT EXISTS band_by_article ON band (article)")
        self.db.execute("CREATE INDEX IF NOT EXISTS edge_by_article ON edge (article)")
        self.db.execute("CREATE INDEX IF NOT EXISTS edge_by_other ON edge (other)")

    @staticmethod
    def key(compiler: str, registry: str, article: str) -> str:
        """The cache key of an article: its digest with those of the registry and the compiler."""
        return hashlib.sha256(f"{compiler}:{registry}:{article}".encode()).hexdigest()

    def put(self, key: str, entry: bytes) -> None:
        """Keep ``entry`` (a pickled article) under ``key``, once :meth:`commit` is called."""
        self.db.execute("INSERT OR REPLACE INTO article VALUES (?, ?)", (key, entry))

    def get(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The entries of ``keys`` that the cache holds."""
        wanted = list(keys)
        found: dict[str, bytes] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self.db.execute(
                f"SELECT key, entry FROM article WHERE key IN ({','.join('?' * len(chunk))})",  # noqa: S608
                chunk,
            )
            found.update(rows)
        return found

    def discard(self, keys: Iterable[str]) -> None:
        """Forget the entries of ``keys`` (articles no longer in the store), once :meth:`commit` is called."""
        self.db.executemany("DELETE FROM article WHERE key = ?", [(k,) for k in keys])

    def registry(self, digest: str, path: Path) -> Registry:
        """The registry at ``path`` whose bytes (and kg's compiler) have ``digest``: read from the cache if
        a build or a change kept it (:meth:`put_registry`), else parsed."""
        row = self.db.execute("SELECT registry FROM registry WHERE digest = ?", (digest,)).fetchone()
        if row is not None:
            return pickle.loads(row[0])  # noqa: S301 - our own cache
        return read_registry(path)

    def put_registry(self, digest: str, registry: Registry) -> None:
        """Keep the parsed registry under ``digest``, once :meth:`commit` is called."""
        if self.db.execute("SELECT 1 FROM registry WHERE digest = ?", (digest,)).fetchone() is None:
            self.db.execute("DELETE FROM registry")
            self.db.execute("INSERT INTO registry VALUES (?, ?)", (digest, pickle.dumps(registry)))

    # what lies across articles, in parts (kg.compile.crosssource.crosssource_parts), and what a change
    # needs to find the parts it reaches: each article's comparison nodes, its tally, the mention counts.
    # They describe the store whose meta names their token as ``derived``; another token: not used.

    def token(self) -> str | None:
        """The token of the store state the parts describe, if any."""
        row = self.db.execute("SELECT token FROM state").fetchone()
        return row[0] if row else None

    def reset(self, token: str) -> None:
        """Forget every part, node, tally and mention count; what is put next describes ``token``'s state."""
        for table in ("state", "part", "node", "tally", "mention", "print", "copy", "band", "edge"):
            self.db.execute(f"DELETE FROM {table}")  # noqa: S608 - our own table names
        self.db.execute("INSERT INTO state VALUES (?)", (token,))

    def set_token(self, token: str) -> None:
        self.db.execute("UPDATE state SET token = ?", (token,))

    def put_part(self, owner: str, lines: Iterable[str]) -> None:
        """Keep a part's quads (N-Quads lines) under its owner."""
        blob = zlib.compress("\n".join(lines).encode(), 1)
        self.db.execute("INSERT OR REPLACE INTO part VALUES (?, ?)", (owner, blob))

    def parts(self, owners: Iterable[str]) -> dict[str, list[str]]:
        """The lines of the parts of ``owners`` that the cache holds."""
        return {
            owner: _unpacked(blob) for owner, blob in self._chunked("SELECT owner, lines FROM part", "owner", owners)
        }

    def drop_parts(self, owners: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM part WHERE owner = ?", [(o,) for o in owners])

    def derived(self, token: str | None) -> set[str] | None:
        """Every line of every part, if they describe ``token``'s state, else ``None``."""
        if not token or self.token() != token:
            return None
        lines: set[str] = set()
        for (blob,) in self.db.execute("SELECT lines FROM part"):
            lines.update(_unpacked(blob))
        return lines

    def put_nodes(self, article: str, nodes: Iterable[str]) -> None:
        self.db.executemany("INSERT INTO node VALUES (?, ?)", [(n, article) for n in nodes])

    def nodes_of(self, articles: Iterable[str]) -> set[str]:
        return {n for (n,) in self._chunked("SELECT node FROM node", "article", articles)}

    def articles_at(self, nodes: Iterable[str]) -> set[str]:
        return {a for (a,) in self._chunked("SELECT article FROM node", "node", nodes)}

    def put_tally(self, article: str, outlet: str, owners: Iterable[str], counts: Counter[str]) -> None:
        """An article's outlet, the parts its claims are in and how many of them have each status."""
        self.db.execute(
            "INSERT OR REPLACE INTO tally VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                article,
                outlet,
                "\n".join(sorted(owners)),
                counts.total(),
                counts["conflicting"],
                counts["corroborated"],
                counts["single-source"],
            ),
        )

    def tallies(self, articles: Iterable[str]) -> dict[str, tuple[str, list[str]]]:
        """The outlet and the parts of each of ``articles`` the cache holds a tally of."""
        rows = self._chunked("SELECT article, outlet, owners FROM tally", "article", articles)
        return {a: (outlet, owners.split("\n") if owners else []) for a, outlet, owners in rows}

    def drop_tallies(self, articles: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM tally WHERE article = ?", [(a,) for a in articles])
        self.db.executemany("DELETE FROM node WHERE article = ?", [(a,) for a in articles])

    def outlet_counts(self, outlets: Iterable[str]) -> dict[str, tuple[int, dict[str, int]]]:
        """Per outlet with claims: its articles, and its claims' counts as ``_outlet_counts`` gives them."""
        found = {}
        for outlet, articles, claims, conflicting, corroborated, single in self._chunked(
            "SELECT outlet, COUNT(*), SUM(claims), SUM(conflicting), SUM(corroborated), SUM(single) FROM tally",
            "outlet",
            outlets,
            group="outlet",
        ):
            if claims:
                counts = {
                    "claimCount": claims,
                    "conflictingCount": conflicting,
                    "corroboratedCount": corroborated,
                    "singleSourceCount": single,
                }
                found[outlet] = (articles, counts)
        return found

    def totals(self) -> tuple[int, int, int]:
        """Claims, conflicting and corroborated claims of all the articles tallied."""
        row = self.db.execute("SELECT SUM(claims), SUM(conflicting), SUM(corroborated) FROM tally").fetchone()
        return tuple(int(n or 0) for n in row)

    def mentions(self, entities: Iterable[str]) -> dict[str, int]:
        return dict(self._chunked("SELECT entity, n FROM mention", "entity", entities))

    def put_mentions(self, counts: dict[str, int]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO mention VALUES (?, ?)", list(counts.items()))

    # copy detection (kg.compile.sources), kept so that a change finds the copies it makes or unmakes:
    # each article's fingerprint, its bands (in order, with its place in the corpus), the pairs of
    # copies each article found among its candidates, and which article each copy's cluster copies

    def put_print(self, article: str, fingerprint: Fingerprint, pos: str) -> None:
        """An article's fingerprint and its bands; ``pos`` orders the articles as a full build reads them."""
        self.db.execute("INSERT OR REPLACE INTO print VALUES (?, ?)", (article, pickle.dumps(fingerprint)))
        if fingerprint.shingles is not None:
            rows = [(band, pos, k, article) for k, band in enumerate(fingerprint.bands)]
            self.db.executemany("INSERT INTO band VALUES (?, ?, ?, ?)", rows)

    def drop_prints(self, articles: Iterable[str]) -> None:
        """Forget the fingerprints, bands and copy pairs of ``articles``."""
        for table, column in (("print", "article"), ("band", "article"), ("edge", "article"), ("edge", "other")):
            self.db.executemany(f"DELETE FROM {table} WHERE {column} = ?", [(a,) for a in articles])  # noqa: S608

    def prints(self, articles: Iterable[str]) -> dict[str, Fingerprint]:
        rows = self._chunked("SELECT article, fingerprint FROM print", "article", articles)
        return {a: pickle.loads(b) for a, b in rows}  # noqa: S301 - our own cache

    def bands(self, articles: Iterable[str]) -> dict[str, tuple[str, list[int]]]:
        """Each article's place and bands, in order."""
        found: dict[str, tuple[str, list[tuple[int, int]]]] = {}
        for article, pos, k, band in self._chunked("SELECT article, pos, k, band FROM band", "article", articles):
            found.setdefault(article, (pos, []))[1].append((k, band))
        return {a: (pos, [b for _, b in sorted(bands)]) for a, (pos, bands) in found.items()}

    def band_mates(self, bands: Iterable[int]) -> set[str]:
        return {a for (a,) in self._chunked("SELECT article FROM band", "band", bands)}

    def earlier(self, band: int, pos: str) -> list[str]:
        """The articles before ``pos`` with ``band``, the latest first (as many as candidates can take)."""
        rows = self.db.execute(
            "SELECT article FROM band WHERE band = ? AND pos < ? ORDER BY pos DESC LIMIT ?", (band, pos, MAX_CANDIDATES)
        )
        return [a for (a,) in rows]

    def put_edges(self, edges: Iterable[tuple[str, str]]) -> None:
        self.db.executemany("INSERT INTO edge VALUES (?, ?)", list(edges))

    def drop_edges(self, edges: Iterable[tuple[str, str]]) -> None:
        self.db.executemany("DELETE FROM edge WHERE article = ? AND other = ?", list(edges))

    def linked(self, articles: Iterable[str]) -> list[tuple[str, str]]:
        """The copy pairs ``articles`` are in, either way."""
        wanted = list(articles)
        found = list(self._chunked("SELECT article, other FROM edge", "article", wanted))
        found += self._chunked("SELECT article, other FROM edge", "other", wanted)
        return found

    def put_copies(self, copies: dict[str, str], articles: Iterable[str] | None = None) -> None:
        """Which article each copy's cluster copies, for ``articles`` (default: all, replacing the last)."""
        if articles is None:
            self.db.execute("DELETE FROM copy")
        else:
            self.db.executemany("DELETE FROM copy WHERE article = ?", [(a,) for a in articles])
        self.db.executemany("INSERT INTO copy VALUES (?, ?)", list(copies.items()))

    def copies(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT article, first FROM copy"))

    def _chunked(self, select: str, column: str, values: Iterable[str], group: str | None = None) -> Iterator[tuple]:
        wanted = list(values)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            sql = f"{select} WHERE {column} IN ({','.join('?' * len(chunk))})"
            yield from self.db.execute(sql + (f" GROUP BY {group}" if group else ""), chunk)

    def commit(self) -> None:
        """Keep what was put; a fresh cache replaces the old one now."""
        self.db.commit()
        if self._target is not None and self.path is not None:
            self.db.close()
            os.replace(self.path, self._target)
            self.path, self._target = self._target, None
            self.db = sqlite3.connect(self.path)

    def close(self) -> None:
        """Let the file go; a fresh cache that was never committed is removed."""
        if self.path is None:
            return
        self.db.close()
        if self._target is not None:  # a fresh cache never committed
            with contextlib.suppress(OSError):
                self.path.unlink()


def _unpacked(blob: bytes) -> list[str]:
    text = zlib.decompress(blob).decode()
    return text.split("\n") if text else []


def _entry(annotated: Annotated, registry: Registry, claims: list | None = None, compared: list | None = None) -> bytes:
    a = annotated.article
    mentions = Counter(e for m in annotated.mentions for e in m.entities)
    if compared is None:
        keyed = keyed_claims(annotated) if claims is None else claims
        compared = list(compared_claims(annotated, keyed, registry=registry))
    return pickle.dumps(
        {"id": a.id, "outlet": a.outlet, "mentions": dict(mentions), "claims": compared},
        protocol=pickle.HIGHEST_PROTOCOL,
    )


@dataclass
class Recorder:
    """Records each article of a full build: its manifest line, its cache entry, and the derived parts.

    ``kg build`` passes :meth:`__call__` as the compiler's ``on_compared``, :meth:`part` as its
    ``on_part`` and :meth:`derived` as its ``on_derived``, then :meth:`commit` with the claim groups.
    """

    url: str
    seeds: Path
    registry: Registry
    cache: ArticleCache = field(init=False)
    manifest: dict[str, list[str]] = field(default_factory=dict)
    compiler: str = field(default_factory=compiler_digest)
    registry_digest: str = ""

    def __post_init__(self) -> None:
        self.registry_digest = _registry_digest(self.seeds)
        self.cache = ArticleCache(self.url, fresh=True)
        self.keep = store_editable(self.url)  # nothing to cache for a store that is only ever rebuilt
        self.token = uuid.uuid4().hex
        self.cache.reset(self.token)
        self._owner: str | None = None
        self._lines: list[str] = []
        self._terms = OxigraphTerms()
        self._outlets: dict[str, str] = {}
        self._mentions: Counter[str] = Counter()
        self._prints: list[tuple[str, Fingerprint]] = []

    def __call__(self, annotated: Annotated, compared: list | None = None) -> None:
        if not self.keep:
            return
        a = annotated.article
        source = Path(annotated.source or self.seeds / f"{a.id}.yaml")
        text = a.source_file or source.with_suffix(".txt").name
        digest = article_digest(source, text)
        self.manifest[a.id] = [source.name, text, digest]
        if compared is None:
            compared = list(compared_claims(annotated, keyed_claims(annotated), registry=self.registry))
        self.cache.put(
            ArticleCache.key(self.compiler, self.registry_digest, digest),
            _entry(annotated, self.registry, compared=compared),
        )
        self.cache.put_nodes(a.id, comparison_nodes(compared))  # before compare() fills in what they lack
        if compared and compared[0].fingerprint is not None:
            self._prints.append((source.name, compared[0].fingerprint))
        self._outlets[a.id] = a.outlet
        self._mentions.update(e for m in annotated.mentions for e in m.entities)

    def part(self, owner: str) -> None:
        """The quads :meth:`derived` records next are ``owner``'s (``kg.compile.crosssource_parts``)."""
        self._flush()
        self._owner = owner

    def derived(self, quad: Any) -> None:
        """Records a quad computed across articles; ``kg build`` passes this as the compiler's ``on_derived``."""
        if self.keep:
            self._lines.append(str(quad if type(quad) is ox.Quad else next(self._terms.quads([quad]))))

    def _flush(self) -> None:
        if self.keep and self._owner is not None:
            self.cache.put_part(self._owner, self._lines)
        self._lines = []

    def meta(self) -> dict[str, Any]:
        """What the store records of its corpus; ``manifest`` is the recorder's own, filled as articles pass."""
        meta = {
            "seeds": str(self.seeds.resolve()),
            "compiler": self.compiler,
            "registry": self.registry_digest,
            "manifest": self.manifest,
        }
        return {**meta, "derived": self.token} if self.keep else meta

    def commit(self, groups: list[ClaimGroup]) -> None:
        """Keep the cache once the store is in: cached articles, the derived parts and each article's tally."""
        if self.keep:
            self._flush()
            _put_tallies(self.cache, groups, self._outlets)
            self.cache.put_mentions(self._mentions)
            self.cache.put_registry(f"{self.compiler}:{self.registry_digest}", self.registry)
            _record_copies(self.cache, self._prints)
        self.cache.commit()


def _cluster(first: str) -> str:
    """The comparison node of a copy cluster, named by the article it copies."""
    return f"c {first}"


def _record_copies(cache: ArticleCache, prints: list[tuple[str, Fingerprint]]) -> dict[str, Fingerprint]:
    """Copy detection over ``prints`` ((place, fingerprint), in the order a full build reads them), kept in
    the cache with the copy clusters as comparison nodes; returns :func:`kg.compile.sources.copied_from`."""
    for pos, printed in prints:
        cache.put_print(printed.article, printed, pos)
    edges = copy_edges(f for _, f in prints)
    cache.put_edges(edges)
    by_id = {f.article: f for _, f in prints}
    copies = {}
    for cluster in components(by_id, edges):
        first = earliest([by_id[a] for a in cluster])
        copies.update((a, first) for a in cluster)
    cache.put_copies({a: f.article for a, f in copies.items()})
    for article, first in copies.items():
        cache.put_nodes(article, [_cluster(first.article)])
    return copies


def _recopy(
    cache: ArticleCache, manifest: dict[str, list[str]], gone: Iterable[str], fresh: dict[str, Fingerprint]
) -> set[str]:
    """Copy detection brought up to date after ``gone`` left and ``fresh`` came in (a replaced article is
    both); returns the articles whose cluster's first article changed (those the change reaches).

    The candidates of an article depend only on the articles before it
    (:func:`kg.compile.sources.candidates`): only the articles sharing a band with a changed one look
    for copies again, each comparing the candidates it gained (the cache keeps the pairs it found), and
    the clusters those pairs link are worked out again.
    """
    gone = set(gone)
    before = cache.bands(gone)
    changed_bands = {b for _, bands in before.values() for b in bands}
    changed_bands |= {b for f in fresh.values() if f.shingles is not None for b in f.bands}
    examiners = cache.bands(cache.band_mates(changed_bands) - gone)
    old = {
        a: candidates(bands, lambda band, pos=pos: cache.earlier(band, pos)) for a, (pos, bands) in examiners.items()
    }
    old_links = cache.linked(examiners.keys() | gone | fresh.keys())
    cache.drop_prints(gone | fresh.keys())
    for article, printed in fresh.items():
        cache.put_print(article, printed, manifest[article][0])
        if printed.shingles is not None:
            examiners[article] = (manifest[article][0], list(printed.bands))
            old[article] = []
    new = {
        a: candidates(bands, lambda band, pos=pos: cache.earlier(band, pos)) for a, (pos, bands) in examiners.items()
    }
    gained = {a: [o for o in new[a] if o not in set(old[a])] for a in examiners}
    shingles = {
        a: f.shingles for a, f in cache.prints(examiners.keys() | {o for g in gained.values() for o in g}).items()
    }
    cache.drop_edges([(a, o) for a in examiners if a not in fresh for o in set(old[a]) - set(new[a])])
    cache.put_edges(
        [(a, o) for a, mine in gained.items() for o in mine if jaccard(shingles[a], shingles[o]) >= THRESHOLD]
    )
    # the clusters the changed pairs were or are in, worked out again
    was = cache.copies()
    touched = set(examiners) | gone | {a for link in old_links for a in link}
    firsts = {was[a] for a in touched if a in was}
    members = touched | {a for a, first in was.items() if first in firsts}
    present = {a for a in members if a in manifest and (a not in gone or a in fresh)}
    seen, frontier, links = set(present), set(present), set()
    while frontier:
        found = cache.linked(frontier)
        links.update(found)
        frontier = {a for link in found for a in link} - seen
        seen |= frontier
    prints = cache.prints(seen)
    ordered = sorted(seen & prints.keys(), key=lambda a: manifest[a][0])
    now = {}
    for cluster in components(ordered, links):
        first = earliest([prints[a] for a in cluster]).article
        now.update((a, first) for a in cluster)
    everyone = members | seen
    cache.put_copies(now, everyone)
    return {a for a in everyone if was.get(a) != now.get(a)}


def _put_tallies(cache: ArticleCache, groups: list[ClaimGroup], outlets: dict[str, str]) -> None:
    """Each article's tally (:meth:`ArticleCache.put_tally`) from the groups its claims are in."""
    owners: dict[str, set[str]] = {a: set() for a in outlets}
    counts: dict[str, Counter[str]] = {a: Counter() for a in outlets}
    for group in groups:
        mine = f"g {group.iri}"
        for m in group.members:
            owners[m.article].add(mine)
            counts[m.article][m.status] += 1
            when = timeline_key(m.claim)
            if when is not None:
                owners[m.article].add(f"t {when}")
    for article, outlet in outlets.items():
        cache.put_tally(article, outlet, owners[article], counts[article])


# --- one change -------------------------------------------------------------------------------------


@dataclass
class ChangeReport:
    """What an in-place change did."""

    store: str
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    articles: int = 0
    quads: int = 0
    changed_quads: int = 0
    """Quads deleted and inserted (article graphs dropped count their quads)."""
    claims: int = 0
    conflicting: int = 0
    corroborated: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for the terminal: what changed, how large the store is now, how long it took."""
        parts = [
            f"{len(v)} {k}"
            for k, v in (("added", self.added), ("replaced", self.replaced), ("removed", self.removed))
            if v
        ]
        return (
            f"{', '.join(parts) or 'nothing changed'} in {self.store}: {self.articles} articles, "
            f"{self.quads} quads ({self.changed_quads} changed) in {self.seconds:.1f} s"
        )


def _state(url: str) -> tuple[dict[str, Any], Path, Registry]:
    meta = read_store_meta(url)
    if "manifest" not in meta or "seeds" not in meta:
        raise KGError("E210", path=url)
    seeds = Path(meta["seeds"])
    if not seeds.is_dir():
        raise KGError("E100", path=seeds)
    digest = _registry_digest(seeds)
    if digest != meta.get("registry"):
        raise KGError("E211", what=f"the registry {seeds / REGISTRY_FILE}", path=url)
    compiler = compiler_digest()
    if compiler != meta.get("compiler"):
        raise KGError("E211", what="kg's compiler", path=url)
    cache = ArticleCache(url)
    try:
        return meta, seeds, cache.registry(f"{compiler}:{digest}", seeds / REGISTRY_FILE)
    finally:
        cache.close()


@dataclass
class _New:
    """An article about to go in: where it is read from and what it becomes."""

    annotated: Annotated
    source: Path
    text: str
    digest: str


def _read_new(path: Path, registry: Registry) -> _New:
    annotated = read_annotations(path, registry)
    text = annotated.article.source_file or path.with_suffix(".txt").name
    return _New(annotated, path, text, article_digest(path, text))


def _change(
    edit: StoreEdit,
    meta: dict[str, Any],
    registry: Registry,
    seeds: Path,
    *,
    upsert: list[_New],
    remove: Iterable[str],
    files: contextlib.AbstractContextManager | None = None,
    dump_to: Path | None = None,
    on_phase: Callable[[str], None] | None = None,
) -> ChangeReport:
    """Put ``upsert`` in, take ``remove`` out and recompute what lies across articles, in one transaction.

    ``files`` (entered right before the transaction) moves the corpus files; it undoes that if the
    transaction fails. ``dump_to``: also write the changed store there (``kg.trig``). ``on_phase``:
    called with the name of each step as it starts.
    """
    started = time.perf_counter()
    report = ChangeReport(store=edit.url)
    old: dict[str, list[str]] = meta["manifest"]
    manifest = dict(old)
    for article_id in remove:
        manifest.pop(article_id, None)
        report.removed.append(article_id)
    for new in upsert:
        article_id = new.annotated.article.id
        (report.replaced if article_id in old else report.added).append(article_id)
        manifest[article_id] = [new.source.name, new.text, new.digest]
    cache = ArticleCache(edit.url)
    with _no_gc():
        try:
            _recompute(edit, meta, registry, seeds, upsert, cache, manifest, report, files, dump_to, on_phase)
        finally:
            cache.close()
    report.seconds = time.perf_counter() - started
    return report


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """No cyclic garbage collection while a change makes its millions of short-lived, acyclic objects
    (each collection would walk all of them again)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _recompute(
    edit: StoreEdit,
    meta: dict[str, Any],
    registry: Registry,
    seeds: Path,
    upsert: list[_New],
    cache: ArticleCache,
    manifest: dict[str, list[str]],
    report: ChangeReport,
    files: contextlib.AbstractContextManager | None,
    dump_to: Path | None,
    on_phase: Callable[[str], None] | None = None,
) -> None:
    """The body of :func:`_change`: compile, compare, diff the derived graphs, apply, record.

    What lies across articles is recomputed only for the articles the change reaches through
    comparison nodes (:func:`_reach`) when the cache describes the store; else for all articles.
    """
    compiler, registry_digest = meta["compiler"], meta["registry"]
    old: dict[str, list[str]] = meta["manifest"]
    terms = OxigraphTerms()
    insert: list = []
    keys = _Keys(compiler, registry_digest, manifest)
    if upsert:
        _phase(on_phase, f"compile {len(upsert)} article{'s' if len(upsert) != 1 else ''}")
    fresh: dict[str, bytes] = {}
    for new in upsert:
        claims = keyed_claims(new.annotated)
        insert.extend(terms.quads(compile_article(new.annotated, terms, claims=claims)))
        fresh[new.annotated.article.id] = entry = _entry(new.annotated, registry, claims)
        cache.put(keys[new.annotated.article.id], entry)
    token = uuid.uuid4().hex
    touched = {*report.removed, *(n.annotated.article.id for n in upsert), *meta.get("pending", [])}
    gone = {i: ArticleCache.key(compiler, registry_digest, old[i][2]) for i in touched if i in old}
    scoped = not meta.get("pending") and not mechanisms_off() and cache.token() == meta.get("derived")
    scoped = scoped and len(cache.get(set(gone.values()))) == len(set(gone.values()))  # the old entries, to undo
    present = _present(edit, meta)
    as_lines = LineTerms()
    if scoped:
        _phase(on_phase, "find the claims the change reaches")
        before, lines = _reach(cache, manifest, keys, gone, fresh, registry, seeds, report, as_lines, token, on_phase)
    else:
        before = None if meta.get("pending") else cache.derived(meta.get("derived"))
        lines = _everything(cache, manifest, keys, registry, seeds, report, as_lines, token, on_phase)
    derived_graphs = {str(CROSSSOURCE_GRAPH), *(str(listing_graph(n)) for n in LISTINGS)}
    derived_graphs |= {g[1:-1] for g in as_lines.graphs}  # every derived quad is in a named graph
    if before is None:  # a change cut short (its store may be ahead of the cache) or a lost cache: read the store
        held = derived_graphs & present if present is not None else {g for g in derived_graphs if edit.has_graph(g)}
        before = {str(q) for g in held for q in edit.graph(g)}
    delete, add = parse_lines(before - lines), parse_lines(lines - before)
    kept = {str(ONTOLOGY_GRAPH), str(REGISTRY_GRAPH), *derived_graphs}
    articles = str(article_graph(""))
    if present is None:  # only kg's graphs: the old corpus's articles and those above
        present = {g for g in kept if edit.has_graph(g)} | {str(article_graph(i)) for i in touched if i in old}
    drop = {str(article_graph(i)) for i in touched} & present
    # graph:analysis and the like: they describe the old corpus
    drop |= {g for g in present - kept if not (g.startswith(articles) and g[len(articles) :] in manifest)}
    for article_id in set(meta.get("pending", [])) & set(manifest) - {n.annotated.article.id for n in upsert}:
        # a change cut short: its articles are put in again from the corpus
        again = read_annotations(seeds / manifest[article_id][0], registry)
        insert.extend(terms.quads(compile_article(again, terms)))
    insert = list(dict.fromkeys(insert))  # an article may state a triple twice: the store holds it once
    dropped = sum(len(edit.graph(g)) for g in drop)
    report.changed_quads = dropped + len(insert) + len(delete) + len(add)
    report.quads = int(meta.get("quads", 0)) - dropped - len(delete) + len(insert) + len(add)
    report.articles = len(manifest)
    # entries are keyed by content, and the parts name the token the store will name: keeping them is
    # harmless if the change fails (the store then names the old token, and the next change reads it)
    cache.put_registry(f"{compiler}:{registry_digest}", registry)
    cache.commit()
    edit.set_meta({**meta, "pending": sorted(touched)})
    _phase(on_phase, "write the store")
    with files if files is not None else contextlib.nullcontext():
        edit.apply(drop=sorted(drop), delete=delete, insert=[*insert, *add], dump_to=dump_to)
    # the entries of the articles gone or replaced (those of unchanged articles stay as they were)
    unused = {ArticleCache.key(compiler, registry_digest, old[i][2]) for i in touched if i in old}
    cache.discard(unused - {keys[i] for i in touched if i in manifest})
    new_meta = {k: v for k, v in meta.items() if k != "pending"}
    new_meta.update(articles=len(manifest), manifest=manifest, quads=report.quads, derived=token)
    edit.set_meta(new_meta)
    cache.commit()


def _present(edit: StoreEdit, meta: dict[str, Any]) -> set[str] | None:
    """The store's named graphs; ``None`` when they are only kg's own: one per article of the corpus the
    meta records, and graphs of :data:`FIXED` (told by counting them, which is cheap, not by listing)."""
    if not meta.get("pending"):
        count = edit.graph_count()
        if count is not None and count == len(meta["manifest"]) + sum(edit.has_graph(g) for g in FIXED):
            return None
    return set(edit.graphs())


FIXED = (str(ONTOLOGY_GRAPH), str(REGISTRY_GRAPH), str(CROSSSOURCE_GRAPH), *(str(listing_graph(n)) for n in LISTINGS))
"""The graphs of a store besides its articles' graphs."""


class _Keys(dict):
    """Article id -> cache key (:meth:`ArticleCache.key`), each worked out when first asked for: a change
    needs the keys of the articles it reaches, not of all."""

    def __init__(self, compiler: str, registry: str, manifest: dict[str, list[str]]) -> None:
        super().__init__()
        self.compiler, self.registry, self.manifest = compiler, registry, manifest

    def __missing__(self, article_id: str) -> str:
        key = self[article_id] = ArticleCache.key(self.compiler, self.registry, self.manifest[article_id][2])
        return key


def _entries(
    cache: ArticleCache, ids: Iterable[str], manifest: dict[str, list[str]], keys: _Keys, registry, seeds
) -> dict[str, dict]:
    """The cached entries of articles ``ids``, unpickled (an article the cache lost is read again)."""
    wanted = {i: keys[i] for i in ids}
    found = cache.get(set(wanted.values()))
    out = {}
    for article_id, key in wanted.items():
        if key not in found:
            found[key] = _entry(read_annotations(seeds / manifest[article_id][0], registry), registry)
            cache.put(key, found[key])
        out[article_id] = pickle.loads(found[key])  # noqa: S301 - our own cache
    return out


def _compared(
    entries: dict[str, dict],
    manifest: dict[str, list[str]],
    cache: ArticleCache,
    registry: Registry,
    copies: dict[str, Fingerprint],
) -> tuple[list[ClaimGroup], dict[str, str]]:
    """Compare the entries' claims (in the order a full build reads the articles: by file name), after
    keeping each article's comparison nodes; returns the groups and each article's outlet.

    ``copies``: the copy clusters of the whole corpus (:func:`kg.compile.sources.copied_from`)."""
    compared: list = []
    outlets: dict[str, str] = {}
    for article_id in sorted(entries, key=lambda i: manifest[i][0]):
        entry = entries[article_id]
        cache.put_nodes(article_id, comparison_nodes(entry["claims"]))  # before compare() fills in what they lack
        compared.extend(entry["claims"])
        outlets[article_id] = entry["outlet"]
    return compare(compared, registry=registry, copies=copies), outlets


def _prints(entries: Iterable[tuple[str, dict]], manifest: dict[str, list[str]]) -> list[tuple[str, Fingerprint]]:
    """The fingerprints of the articles that have claims, with their places, in the order a full build reads them."""
    found = [(manifest[i][0], e["claims"][0].fingerprint) for i, e in entries if e["claims"]]
    return sorted(((pos, f) for pos, f in found if f is not None), key=lambda pf: pf[0])


def _everything(
    cache: ArticleCache,
    manifest: dict[str, list[str]],
    keys: _Keys,
    registry: Registry,
    seeds: Path,
    report: ChangeReport,
    as_lines: LineTerms,
    token: str,
    on_phase: Callable[[str], None] | None,
) -> set[str]:
    """What lies across articles, recomputed from every article's cached claims; the cache's parts,
    nodes, tallies and mention counts replaced by the new ones (under ``token``)."""
    _phase(on_phase, "read the cached claims")
    entries = _entries(cache, manifest, manifest, keys, registry, seeds)
    cache.reset(token)
    mentions: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    for entry in entries.values():
        mentions.update(entry["mentions"])
        articles[entry["outlet"]] += 1
    _phase(on_phase, "compare claims across sources")
    copies = _record_copies(cache, _prints(entries.items(), manifest))
    groups, outlets = _compared(entries, manifest, cache, registry, copies)
    report.claims, report.conflicting, report.corroborated = status_counts(groups)
    _phase(on_phase, "recompute the cross-source and listing graphs")
    lines: set[str] = set()
    for owner, quads in crosssource_parts(groups, registry, mentions, as_lines, articles):
        cache.put_part(owner, quads)
        lines.update(quads)
    _put_tallies(cache, groups, outlets)
    cache.put_mentions(mentions)
    return lines


def status_counts(groups: list[ClaimGroup]) -> tuple[int, int, int]:
    """How many claims the groups hold, and how many of them are conflicting and corroborated."""
    statuses = Counter(m.status for g in groups for m in g.members)
    return sum(statuses.values()), statuses["conflicting"], statuses["corroborated"]


def _reach(
    cache: ArticleCache,
    manifest: dict[str, list[str]],
    keys: _Keys,
    gone: dict[str, str],
    fresh: dict[str, bytes],
    registry: Registry,
    seeds: Path,
    report: ChangeReport,
    as_lines: LineTerms,
    token: str,
    on_phase: Callable[[str], None] | None,
) -> tuple[set[str], set[str]]:
    """What lies across articles, recomputed for the articles the change reaches only.

    ``gone``: the cache keys of the articles the change removes or replaces (their old entries);
    ``fresh``: the entries of the articles it puts in. The articles reached are those connected to
    them through comparison nodes (:func:`kg.compile.crosssource.comparison_nodes`), as the cache
    records them for the old corpus and as the new entries give them: their claims are compared
    again, together, and their groups, timeline entries, outlets and the entities whose mention counts
    change are compiled again. Returns the lines of those parts before and after.
    """
    blobs = cache.get(gone.values())
    old_entries = {i: pickle.loads(blobs[k]) for i, k in gone.items()}  # noqa: S301 - our own cache
    new_entries = {i: pickle.loads(b) for i, b in fresh.items()}  # noqa: S301 - our own cache
    # copy clusters: the articles whose cluster changes are reached
    printed = {i: e["claims"][0].fingerprint for i, e in new_entries.items() if e["claims"]}
    recopied = _recopy(cache, manifest, gone, {i: f for i, f in printed.items() if f is not None})
    first = cache.copies()
    seeds = set(gone) | set(fresh) | recopied
    # the articles reached: through the nodes of the old corpus and those of the new articles
    nodes = cache.nodes_of(seeds) | {n for e in new_entries.values() for n in comparison_nodes(e["claims"])}
    nodes |= {_cluster(first[a]) for a in seeds if a in first}
    reached = set(seeds)
    frontier = nodes
    while frontier:
        found = cache.articles_at(frontier) - reached
        reached |= found
        frontier = cache.nodes_of(found) - nodes
        nodes |= frontier
    old_tallies = cache.tallies(reached)
    owners = {o for _, mine in old_tallies.values() for o in mine}
    outlets_touched = {outlet for outlet, _ in old_tallies.values()}
    cache.drop_tallies(reached)
    _phase(on_phase, f"compare the claims of {len(reached)} article{'s' if len(reached) != 1 else ''}")
    again = [i for i in reached if i in manifest and i not in fresh]
    entries = {**_entries(cache, again, manifest, keys, registry, seeds), **new_entries}
    scope = [i for i in reached if i in manifest]
    firsts = cache.prints({first[i] for i in scope if i in first})
    groups, outlets = _compared(entries, manifest, cache, registry, {i: firsts[first[i]] for i in scope if i in first})
    # the articles not reached keep their cluster's node: their cluster is the same
    for article_id in scope:
        if article_id in first:
            cache.put_nodes(article_id, [_cluster(first[article_id])])
    _put_tallies(cache, groups, outlets)
    outlets_touched |= set(outlets.values())
    # mention counts: less the old entries', plus the new ones'
    delta: Counter[str] = Counter()
    for entry in old_entries.values():
        delta.subtract(entry["mentions"])
    for entry in new_entries.values():
        delta.update(entry["mentions"])
    changed = {e for e, n in delta.items() if n}
    counts = cache.mentions(changed)
    counts = {e: counts.get(e, 0) + delta[e] for e in changed}
    cache.put_mentions(counts)
    _phase(on_phase, "recompute the cross-source and listing graphs")
    parts = CrossSourceParts(registry, as_lines)
    after: dict[str, list[str]] = {f"g {group.iri}": parts.group(group) for group in groups}
    after.update((f"t {iri}", quads) for iri, quads in parts.rows.timeline(groups))
    entities = [e for e in changed if e in registry.entities]
    after.update((f"e {e}", parts.entity(e, counts[e])) for e in entities)
    for outlet, (articles, tally) in cache.outlet_counts(outlets_touched).items():
        after[f"o {outlet}"] = parts.outlet(outlet, articles, tally)
    owners |= {f"e {e}" for e in entities} | {f"o {o}" for o in outlets_touched}
    before = cache.parts(owners)
    cache.drop_parts(owners)
    for owner, quads in after.items():
        cache.put_part(owner, quads)
    cache.set_token(token)
    report.claims, report.conflicting, report.corroborated = cache.totals()
    return {line for quads in before.values() for line in quads}, {line for quads in after.values() for line in quads}


@contextlib.contextmanager
def _moves(moves: list[tuple[Path, Path, bool]]) -> Iterator[None]:
    """Copy files into the corpus, or move them (``True``) out of it; undone when the block fails.

    A file a copy overwrites is kept aside until the block is through.
    """
    done: list[tuple[Path, Path, bool, Path | None]] = []
    try:
        for source, target, move in moves:
            if source.resolve() == target.resolve():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            backup = None
            if target.exists():
                backup = target.with_name(f".{target.name}.{os.getpid()}.bak")
                os.replace(target, backup)
            done.append((source, target, move, backup))
            if move:
                os.replace(source, target)
            else:
                shutil.copyfile(source, target)
        yield
    except BaseException:
        for source, target, move, backup in reversed(done):
            with contextlib.suppress(OSError):
                if move:
                    os.replace(target, source)
                else:
                    target.unlink()
                if backup is not None:
                    os.replace(backup, target)
        raise
    for *_, backup in done:
        if backup is not None:
            with contextlib.suppress(OSError):
                backup.unlink()


def _sources(paths: Iterable[str | os.PathLike]) -> list[Path]:
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files = annotation_files(p)
            if not files:
                raise KGError("E215", path=p)
            found += files
        elif p.is_file():
            found.append(p)
        else:
            raise KGError("E100", path=p)
    return found


def add_articles(
    paths: Iterable[str | os.PathLike],
    store: str | os.PathLike | None = None,
    *,
    replace: bool = False,
    on_phase: Callable[[str], None] | None = None,
) -> ChangeReport:
    """Add annotated articles to a built store, and copy their files into its corpus folder.

    Only the new articles are compiled; the cross-source graph and the listing indexes are
    recomputed from the cached claims of every article, and the store is changed in one
    transaction, so that it holds what a full ``kg build`` of the grown corpus gives.

    Parameters
    ----------
    paths : iterable of path
        Annotation files (``NAME.yaml`` beside ``NAME.txt``) and folders of them.
    store : str, optional
        Store URL (default ``$KG_STORE`` or ``.kg``).
    replace : bool
        Replace articles whose id the store holds already (else E212).
    on_phase : callable, optional
        Called with the name of each phase as it starts (``kg add`` shows them as progress).

    Returns
    -------
    ChangeReport

    Raises
    ------
    KGError
        The first problem in an article (nothing changed); E212 for an id the store holds already;
        E211 when the registry or kg changed since the store was built; E205 when another writer
        holds the store.
    """
    from .store import default_store_url

    url = str(store) if store is not None else default_store_url()
    sources = _sources(paths)
    with edit_store(url) as edit:
        meta, seeds, registry = _state(url)
        _phase(on_phase, f"read {len(sources)} article{'s' if len(sources) != 1 else ''}")
        new: list[_New] = []
        seen: dict[str, Path] = {}
        for path in sources:
            item = _read_new(path, registry)
            article_id = item.annotated.article.id
            if article_id in seen:
                raise KGError("E214", where=path, id=article_id, other=seen[article_id])
            if article_id in meta["manifest"] and not replace:
                raise KGError("E212", where=path, id=article_id, path=url)
            seen[article_id] = path
            new.append(item)
        moves = []
        for item in new:
            moves.append((item.source, seeds / item.source.name, False))
            moves.append((item.source.parent / item.text, seeds / item.text, False))
        for item in new:  # the corpus holds them under their own names from now on
            item.source = seeds / item.source.name
        return _change(edit, meta, registry, seeds, upsert=new, remove=(), files=_moves(moves), on_phase=on_phase)


def remove_articles(
    ids: Iterable[str], store: str | os.PathLike | None = None, *, on_phase: Callable[[str], None] | None = None
) -> ChangeReport:
    """Remove articles from a built store: their graphs, claims, mentions and what they did across sources.

    Their files are moved out of the corpus folder to ``FOLDER/.removed/``.

    Parameters
    ----------
    ids : iterable of str
        Article ids (the annotation file's name without ``.yaml``).
    store : str, optional
        Store URL (default ``$KG_STORE`` or ``.kg``).
    on_phase : callable, optional
        Called with the name of each phase as it starts (``kg remove`` shows them as progress).

    Raises
    ------
    KGError
        E213 for an id the store does not hold (nothing changed).
    """
    from .store import default_store_url

    url = str(store) if store is not None else default_store_url()
    ids = list(dict.fromkeys(ids))
    with edit_store(url) as edit:
        meta, seeds, registry = _state(url)
        manifest = meta["manifest"]
        moves = []
        for article_id in ids:
            if article_id not in manifest:
                close = difflib.get_close_matches(article_id, list(manifest), n=1)
                raise KGError("E213", id=article_id, path=url, hint=f" (did you mean {close[0]!r}?)" if close else "")
            yaml_name, text, _ = manifest[article_id]
            moves.append((seeds / yaml_name, seeds / REMOVED / yaml_name, True))
            if text == Path(yaml_name).with_suffix(".txt").name and (seeds / text).is_file():
                moves.append((seeds / text, seeds / REMOVED / text, True))
        return _change(edit, meta, registry, seeds, upsert=[], remove=ids, files=_moves(moves), on_phase=on_phase)


def corpus_changes(seeds: Path, meta: dict[str, Any]) -> tuple[list[Path], list[str]] | None:
    """What changed in the corpus folder since the store was built: (files to read again, ids gone).

    ``None`` when the store cannot be brought up to date in place: it records no corpus, another
    folder, another registry or another compiler.
    """
    if "manifest" not in meta or Path(meta.get("seeds", "")) != seeds.resolve():
        return None
    if meta.get("registry") != _registry_digest(seeds) or meta.get("compiler") != compiler_digest():
        return None
    manifest: dict[str, list[str]] = meta["manifest"]
    pending = set(meta.get("pending", []))
    files = annotation_files(seeds)
    present = {id_segment(p.stem): p for p in files}
    changed = [
        p
        for article_id, p in present.items()
        if article_id in pending
        or article_id not in manifest
        or manifest[article_id][0] != p.name
        or article_digest(p, manifest[article_id][1]) != manifest[article_id][2]
    ]
    gone = [i for i in manifest if i not in present]
    return changed, gone


def update_from_corpus(
    seeds: Path,
    store: str,
    *,
    dump_to: Path | None = None,
    limit: float = 0.2,
    least: int = 100,
    on_phase: Callable[[str], None] | None = None,
) -> ChangeReport | None:
    """Bring a store up to date with its corpus folder in place, compiling only changed articles.

    Returns ``None`` (nothing done) when a full build is needed or faster: see
    :func:`corpus_changes`, or more than ``least`` articles and more than ``limit`` of them changed
    (a full build loads a store faster than many in-place changes). ``dump_to``: write the store
    there once changed (E207, and the store as it was, when that fails). ``on_phase``: called with
    the name of each phase as it starts.
    """
    with contextlib.ExitStack() as stack:
        try:
            edit = stack.enter_context(edit_store(store))
            meta = read_store_meta(store)
        except KGError as exc:
            if exc.code in ("E200", "E201", "E203", "E209"):  # no store yet, in use, or one that cannot change
                return None
            raise
        _phase(on_phase, "compare the corpus with the store")
        found = corpus_changes(seeds, meta)
        if found is None:
            return None
        changed, gone = found
        if len(changed) + len(gone) > max(least, limit * len(meta["manifest"])):
            return None
        registry = read_registry(seeds / REGISTRY_FILE)
        _phase(on_phase, f"read {len(changed)} changed article{'s' if len(changed) != 1 else ''}")
        new = [_read_new(p, registry) for p in changed]
        return _change(edit, meta, registry, seeds, upsert=new, remove=gone, dump_to=dump_to, on_phase=on_phase)
    return None


# --- helpers for callers that change the corpus themselves (kg add --annotate) ---------------------


def _phase(on_phase: Callable[[str], None] | None, name: str) -> None:
    if on_phase is not None:
        on_phase(name)


def store_corpus(store: str | os.PathLike | None = None) -> tuple[dict[str, Any], Path, Registry]:
    """The corpus a store was built from, checked: its meta, its folder and its registry.

    Parameters
    ----------
    store : str, optional
        Store URL (default ``$KG_STORE`` or ``.kg``).

    Returns
    -------
    tuple
        The store's meta (:func:`kg.store.read_store_meta`), the corpus folder and its registry.

    Raises
    ------
    KGError
        E210 when the store records no corpus, E100 when its folder is gone, E211 when the registry
        or kg's compiler changed since the store was built.
    """
    from .store import default_store_url

    return _state(str(store) if store is not None else default_store_url())


def copied_into_corpus(files: Iterable[Path], seeds: Path) -> contextlib.AbstractContextManager[None]:
    """Copy ``files`` into the corpus folder ``seeds`` (under their own names) for a ``with`` block.

    If the block fails or is interrupted, the copies are removed and a file they replaced is put back.
    """
    return _moves([(Path(f), seeds / Path(f).name, False) for f in files])
