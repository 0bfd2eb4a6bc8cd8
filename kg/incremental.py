"""A corpus that grows: add, replace and remove articles in a built store without rebuilding it.

The store records the corpus it was built from (``kg-store.json``: the corpus folder, a digest
of its registry and of kg's compiler, and per article its file, its text file and a digest of
both). Beside the store, a cache keeps what the comparison across sources needs of each article,
keyed by those digests (``cache.sqlite`` in an embedded store's folder; in memory for a
``memory:`` store): its claims ready to compare, its mention counts and its outlet.

A change then compiles only the articles it adds, recomputes the cross-source graph and the
listing indexes from the cached claims of all articles (in the order a full build reads them, so
the result is the same), and replaces in one transaction the graphs of the articles it touches
and the quads of the cross-source and listing graphs that differ. Those graphs are not read back
from the store to find what differs: the cache keeps a snapshot of them (N-Quads lines, under a
token the store's meta names as ``derived``), written by the full build and by each change; a
change cut short (the meta says ``pending``) or a lost cache makes the next change read the store.
A failure, an interrupt or a killed process leaves the store as it was.

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
from .compile.crosssource import compare, compared_claims, compile_crosssource
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
        self.db.execute("CREATE TABLE IF NOT EXISTS derived (token TEXT PRIMARY KEY, quads BLOB NOT NULL)")

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

    def put_derived(self, token: str, quads: Iterable[str]) -> None:
        """Keep the quads computed across articles (N-Quads lines) under ``token``, once :meth:`commit` is called.

        The store's meta names the token of the snapshot that matches it (``derived``); a change
        then diffs against the snapshot instead of reading those graphs back from the store.
        """
        packed = zlib.compressobj(1)
        blob = b"".join([*(packed.compress(f"{line}\n".encode()) for line in quads), packed.flush()])
        self.put_packed(token, blob)

    def put_packed(self, token: str, blob: bytes) -> None:
        """Keep a snapshot already packed (zlib, each line ended by a newline): see :meth:`put_derived`."""
        self.db.execute("INSERT OR REPLACE INTO derived VALUES (?, ?)", (token, blob))

    def derived(self, token: str | None) -> set[str] | None:
        """The snapshot kept under ``token`` (see :meth:`put_derived`), or ``None``."""
        if not token:
            return None
        row = self.db.execute("SELECT quads FROM derived WHERE token = ?", (token,)).fetchone()
        if row is None:
            return None
        lines = set(zlib.decompress(row[0]).decode().split("\n"))
        lines.discard("")  # after the last newline
        return lines

    def keep_derived(self, token: str) -> None:
        """Forget every snapshot but ``token``'s, once :meth:`commit` is called."""
        self.db.execute("DELETE FROM derived WHERE token != ?", (token,))

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
    """Records each article of a full build: its manifest line and its cache entry.

    ``kg build`` passes :meth:`__call__` as the compiler's ``on_compared``.
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
        self._packed = zlib.compressobj(1)  # the snapshot of the derived quads, packed as they pass
        self._parts: list[bytes] = []
        self._terms = OxigraphTerms()

    def __call__(self, annotated: Annotated, compared: list | None = None) -> None:
        if not self.keep:
            return
        a = annotated.article
        source = Path(annotated.source or self.seeds / f"{a.id}.yaml")
        text = a.source_file or source.with_suffix(".txt").name
        digest = article_digest(source, text)
        self.manifest[a.id] = [source.name, text, digest]
        self.cache.put(
            ArticleCache.key(self.compiler, self.registry_digest, digest),
            _entry(annotated, self.registry, compared=compared),
        )

    def derived(self, quad: Any) -> None:
        """Records a quad computed across articles; ``kg build`` passes this as the compiler's ``on_derived``."""
        if self.keep:
            line = str(quad if type(quad) is ox.Quad else next(self._terms.quads([quad])))
            self._parts.append(self._packed.compress(f"{line}\n".encode()))

    def meta(self) -> dict[str, Any]:
        """What the store records of its corpus; ``manifest`` is the recorder's own, filled as articles pass."""
        meta = {
            "seeds": str(self.seeds.resolve()),
            "compiler": self.compiler,
            "registry": self.registry_digest,
            "manifest": self.manifest,
        }
        return {**meta, "derived": self.token} if self.keep else meta

    def commit(self) -> None:
        """Keep the cache once the store is in: cached articles and the snapshot of the derived quads."""
        if self.keep:
            self.cache.put_packed(self.token, b"".join([*self._parts, self._packed.flush()]))
            self._parts = []
        self.cache.commit()


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
    if _registry_digest(seeds) != meta.get("registry"):
        raise KGError("E211", what=f"the registry {seeds / REGISTRY_FILE}", path=url)
    if compiler_digest() != meta.get("compiler"):
        raise KGError("E211", what="kg's compiler", path=url)
    return meta, seeds, read_registry(seeds / REGISTRY_FILE)


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
    """The body of :func:`_change`: compile, compare, diff the derived graphs, apply, record."""
    compiler, registry_digest = meta["compiler"], meta["registry"]
    old: dict[str, list[str]] = meta["manifest"]
    terms = OxigraphTerms()
    insert: list = []
    keys = {i: ArticleCache.key(compiler, registry_digest, line[2]) for i, line in manifest.items()}
    if upsert:
        _phase(on_phase, f"compile {len(upsert)} article{'s' if len(upsert) != 1 else ''}")
    for new in upsert:
        claims = keyed_claims(new.annotated)
        insert.extend(terms.quads(compile_article(new.annotated, terms, claims=claims)))
        cache.put(keys[new.annotated.article.id], _entry(new.annotated, registry, claims))
    _phase(on_phase, "read the cached claims")
    entries = cache.get(set(keys.values()))
    for article_id, line in manifest.items():  # a cache lost or pruned: read the article again
        if keys[article_id] not in entries:
            entries[keys[article_id]] = _entry(read_annotations(seeds / line[0], registry), registry)
            cache.put(keys[article_id], entries[keys[article_id]])
    # the comparison sees the articles in the order a full build reads them: by file name
    compared: list = []
    mentions: Counter[str] = Counter()
    outlets: Counter[str] = Counter()
    for article_id in sorted(manifest, key=lambda i: manifest[i][0]):
        entry = pickle.loads(entries[keys[article_id]])  # noqa: S301 - our own cache
        compared.extend(entry["claims"])
        mentions.update(entry["mentions"])
        outlets[entry["outlet"]] += 1
    _phase(on_phase, "compare claims across sources")
    groups = compare(compared, registry=registry)
    statuses = Counter(m.status for g in groups for m in g.members)
    report.claims, report.conflicting, report.corroborated = (
        len(compared),
        statuses["conflicting"],
        statuses["corroborated"],
    )
    # compared as N-Quads lines, as the snapshot keeps them; only the lines that differ become quads
    _phase(on_phase, "recompute the cross-source and listing graphs")
    as_lines = LineTerms()
    lines = set(compile_crosssource(groups, registry, mentions, as_lines, outlets))
    derived_graphs = {str(CROSSSOURCE_GRAPH), *(str(listing_graph(n)) for n in LISTINGS)}
    derived_graphs |= {g[1:-1] for g in as_lines.graphs}  # every derived quad is in a named graph
    present = set(edit.graphs())
    # what the store holds across articles: the snapshot the last change or build kept, unless a
    # change was cut short (its store may be ahead of the snapshot); else read from the store
    before = None if meta.get("pending") else cache.derived(meta.get("derived"))
    if before is None:
        before = {str(q) for g in derived_graphs & present for q in edit.graph(g)}
    delete, add = parse_lines(before - lines), parse_lines(lines - before)
    token = uuid.uuid4().hex
    cache.put_derived(token, lines)
    touched = {*report.removed, *(n.annotated.article.id for n in upsert), *meta.get("pending", [])}
    kept = {str(ONTOLOGY_GRAPH), str(REGISTRY_GRAPH), *derived_graphs}
    kept |= {str(article_graph(i)) for i in manifest}
    drop = {str(article_graph(i)) for i in touched} & present
    drop |= present - kept  # graph:analysis and the like: they describe the old corpus
    for article_id in set(meta.get("pending", [])) & set(manifest) - {n.annotated.article.id for n in upsert}:
        # a change cut short: its articles are put in again from the corpus
        again = read_annotations(seeds / manifest[article_id][0], registry)
        insert.extend(terms.quads(compile_article(again, terms)))
    insert = list(dict.fromkeys(insert))  # an article may state a triple twice: the store holds it once
    dropped = sum(len(edit.graph(g)) for g in drop)
    report.changed_quads = dropped + len(insert) + len(delete) + len(add)
    report.quads = int(meta.get("quads", 0)) - dropped - len(delete) + len(insert) + len(add)
    report.articles = len(manifest)
    cache.commit()  # entries are keyed by content: keeping them is harmless if the change fails
    edit.set_meta({**meta, "pending": sorted(touched)})
    _phase(on_phase, "write the store")
    with files if files is not None else contextlib.nullcontext():
        edit.apply(drop=sorted(drop), delete=delete, insert=[*insert, *add], dump_to=dump_to)
    unused = {ArticleCache.key(compiler, registry_digest, line[2]) for line in old.values()}
    cache.discard(unused - set(keys.values()))
    new_meta = {k: v for k, v in meta.items() if k != "pending"}
    new_meta.update(articles=len(manifest), manifest=manifest, quads=report.quads, derived=token)
    edit.set_meta(new_meta)
    cache.keep_derived(token)
    cache.commit()


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
