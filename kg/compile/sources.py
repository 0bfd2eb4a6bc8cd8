"""Original sources: which outlet an article's text first comes from.

Counting outlets is only a measure of independent confirmation when each outlet counts once.
A wire story republished on two sites is one source, not two; so is an article that relays
another outlet. An article's *original source* is:

- the outlet it relays (:attr:`~kg.model.Article.via`; when it names several, the first);
- for articles whose body texts are copies or near-copies of each other (a *copy cluster*), the
  original source of the cluster's earliest published article, whatever each copy says;
- else its own outlet.

Near-copies are found with word shingles: the body (the text without its first line, the
headline, and without boilerplate and repeated paragraphs) is cut into overlapping runs of
:data:`SHINGLE` words, and two bodies are copies when the Jaccard similarity of their shingle
sets is at least :data:`THRESHOLD`. To stay linear in the number of articles, only the articles
that share a MinHash band (locality-sensitive hashing: :data:`BANDS` bands of :data:`ROWS` rows)
are compared exactly, and each article with at most :data:`MAX_CANDIDATES` of them. Bodies shorter
than :data:`MIN_WORDS` words are never called copies: short texts match by chance.

Examples
--------
>>> from kg.model import Article
>>> story = " ".join(f"word{i}" for i in range(40))
>>> wire = Article(id="w", text="Headline\\n" + story, title="t", outlet="afp", published="2019-05-09")
>>> copy = Article(id="c", text="Other headline\\n" + story + " Read more.", title="t", outlet="site")
>>> own = Article(id="o", text="Headline\\n" + story[::-1], title="t", outlet="daily")
>>> relay = Article(id="r", text="Short.", title="t", outlet="tca", via=("rferl",))
>>> original_sources([fingerprint(a) for a in (wire, copy, own, relay)])
{'w': 'afp', 'c': 'afp', 'o': 'daily', 'r': 'rferl'}
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from ..model import Article

__all__ = [
    "BANDS",
    "MAX_CANDIDATES",
    "MIN_WORDS",
    "ROWS",
    "SHINGLE",
    "THRESHOLD",
    "Fingerprint",
    "body_words",
    "candidates",
    "components",
    "copied_from",
    "copy_clusters",
    "copy_edges",
    "earliest",
    "fingerprint",
    "jaccard",
    "original_sources",
    "relayed_source",
]

SHINGLE = 5
"""Words per shingle."""
THRESHOLD = 0.6
"""Jaccard similarity of shingle sets from which two bodies are copies of one text."""
MIN_WORDS = 12
"""Bodies with fewer words are never called copies."""
BANDS, ROWS = 20, 3
"""MinHash bands and rows per band: a pair at the threshold shares a band with probability 0.99."""
MAX_CANDIDATES = 50
"""At most this many earlier articles sharing a band are compared with each article."""

_WORD = re.compile(r"\w+")
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_rng = np.random.default_rng(20190509)  # fixed: the same corpus gives the same clusters
_A = _rng.integers(1, 2**63, size=BANDS * ROWS, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 2**63, size=BANDS * ROWS, dtype=np.uint64)
del _rng


def relayed_source(article: Article) -> str:
    """The outlet the article relays (the first of its ``via``), else its own outlet.

    >>> relayed_source(Article(id="a", text="", title="", outlet="tca", via=("rferl", "afp")))
    'rferl'
    """
    return article.via[0] if article.via else article.outlet


def body_words(article: Article) -> list[str]:
    """The words of the article's body, lower-cased: without the first line, boilerplate and repeats."""
    text = article.text
    cuts = sorted((s.start, s.end) for s in (*article.boilerplate, *article.repeats))
    kept, at = [], 0
    for start, end in cuts:
        if start > at:
            kept.append(text[at:start])
        at = max(at, end)
    kept.append(text[at:])
    body = "\n".join(kept)
    newline = body.find("\n")
    body = body[newline + 1 :] if newline >= 0 else ""
    return _WORD.findall(body.lower())


def _shingles(words: list[str]) -> np.ndarray:
    """The distinct hashes of the runs of :data:`SHINGLE` words, sorted."""
    hashed = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    n = len(words) - SHINGLE + 1
    combined = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):  # a polynomial hash of each run, wrapping at 2**64
        combined = combined * _MULTIPLIER + hashed[k : k + n]
    return np.unique(combined)


def _bands(shingles: np.ndarray) -> tuple[int, ...]:
    # multiply-shift hashing: one pseudo-random permutation of the shingles per row
    signature = ((_A[:, None] * shingles[None, :] + _B[:, None]) >> np.uint64(32)).min(axis=1)
    # a digest, not hash(): Python salts the hash of bytes per process, and the bands of an article cached
    # by one process (kg build) must meet those of an article another process reads (kg add)
    return tuple(
        int.from_bytes(
            hashlib.blake2b(
                signature[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8, person=band.to_bytes(2, "big")
            ).digest(),
            "big",
            signed=True,
        )
        for band in range(BANDS)
    )


@dataclass(eq=False)
class Fingerprint:
    """What copy detection keeps of an article: its ids and dates, its shingles, their MinHash bands."""

    article: str
    outlet: str
    via: tuple[str, ...] = ()
    published: str | None = None
    shingles: np.ndarray | None = field(default=None, repr=False)
    """Sorted distinct shingle hashes; ``None`` for a body too short to compare."""
    bands: tuple[int, ...] = field(default=(), repr=False)

    @property
    def relayed(self) -> str:
        """The outlet the article relays, else its own (:func:`relayed_source`)."""
        return self.via[0] if self.via else self.outlet


def fingerprint(article: Article) -> Fingerprint:
    """The article's :class:`Fingerprint` (its text is not kept)."""
    words = body_words(article)
    found = Fingerprint(article.id, article.outlet, tuple(article.via), article.published)
    if len(words) >= max(MIN_WORDS, SHINGLE):
        found.shingles = _shingles(words)
        found.bands = _bands(found.shingles)
    return found


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sorted arrays of distinct shingle hashes.

    >>> jaccard(np.array([1, 2, 3]), np.array([2, 3, 4]))
    0.5
    """
    common = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - common
    return common / union if union else 0.0


def candidates(bands: Iterable[int], earlier: Callable[[int], Iterable[str]]) -> list[str]:
    """The earlier articles an article is compared with: for each of its bands in turn, the articles
    before it with that band, the latest first (``earlier(band)``), at most :data:`MAX_CANDIDATES` in all.

    Depends only on the articles before it: adding or removing an article changes the candidates of
    later articles that share a band with it, and of no other.
    """
    seen: dict[str, None] = {}
    for band in bands:
        if len(seen) >= MAX_CANDIDATES:
            break
        for other in earlier(band):
            if len(seen) >= MAX_CANDIDATES:
                break
            seen.setdefault(other, None)
    return list(seen)


def copy_edges(fingerprints: Iterable[Fingerprint]) -> list[tuple[str, str]]:
    """The pairs (article, earlier article) of copies: each article with its :func:`candidates` whose
    shingle sets are at least :data:`THRESHOLD` alike. Copy clusters are their connected components."""
    buckets: dict[int, list[str]] = {}
    shingles: dict[str, np.ndarray] = {}
    edges: list[tuple[str, str]] = []
    for f in fingerprints:
        if f.shingles is None:
            continue
        for other in candidates(f.bands, lambda band: reversed(buckets.get(band, ()))):
            if jaccard(f.shingles, shingles[other]) >= THRESHOLD:
                edges.append((f.article, other))
        shingles[f.article] = f.shingles
        for band in f.bands:
            buckets.setdefault(band, []).append(f.article)
    return edges


def components(articles: Iterable[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The connected components of two or more ``articles`` that ``edges`` link, in order of first appearance."""
    order = list(dict.fromkeys(articles))
    parent = {a: a for a in order}

    def root(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in edges:
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    found: dict[str, list[str]] = {}
    for a in order:
        found.setdefault(root(a), []).append(a)
    return [members for members in found.values() if len(members) > 1]


def copy_clusters(fingerprints: Iterable[Fingerprint]) -> list[list[Fingerprint]]:
    """Groups of two or more articles whose bodies are copies or near-copies, in order of first appearance.

    Copying is transitive here: when A copies B and B copies C, the three are one cluster.
    """
    prints = {f.article: f for f in fingerprints if f.shingles is not None}
    return [[prints[a] for a in members] for members in components(prints, copy_edges(prints.values()))]


def earliest(cluster: list[Fingerprint]) -> Fingerprint:
    """The article a cluster copies: the earliest published (dates as written, ISO, so a month
    sorts before its days; undated last), then one whose outlet a member names in ``via``, then
    the article id."""
    named = {v for f in cluster for v in f.via}
    return min(cluster, key=lambda f: (f.published is None, f.published or "", f.outlet not in named, f.article))


def copied_from(fingerprints: Iterable[Fingerprint]) -> dict[str, Fingerprint]:
    """For each article of a copy cluster, by article id, the article the cluster copies: the
    earliest published (undated last), then one whose outlet a member names in ``via``, then by id.

    >>> story = " ".join(f"word{i}" for i in range(40))
    >>> wire = Article(id="w", text="H\\n" + story, title="t", outlet="afp", published="2019-05-09")
    >>> copy = Article(id="c", text="H\\n" + story, title="t", outlet="site")
    >>> {a: f.article for a, f in copied_from([fingerprint(wire), fingerprint(copy)]).items()}
    {'w': 'w', 'c': 'w'}
    """
    found: dict[str, Fingerprint] = {}
    for cluster in copy_clusters(fingerprints):
        first = earliest(cluster)
        for f in cluster:
            found[f.article] = first
    return found


def original_sources(
    fingerprints: Iterable[Fingerprint], copies: dict[str, Fingerprint] | None = None
) -> dict[str, str]:
    """Each article's original source outlet, by article id (see the module's description).

    ``copies``: :func:`copied_from` of the same fingerprints, when the caller has it already.
    """
    prints = list(fingerprints)
    copies = copied_from(prints) if copies is None else copies
    return {f.article: copies[f.article].relayed if f.article in copies else f.relayed for f in prints}
