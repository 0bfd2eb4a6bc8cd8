"""Copy detection kept up to date in place: after any adds and removes, the copy pairs and clusters the
cache holds are those a full build finds, also where an article's candidates are capped."""

from __future__ import annotations

import random

import numpy as np

from kg.compile.sources import MAX_CANDIDATES, Fingerprint, copied_from, copy_edges
from kg.incremental import ArticleCache, _recopy, _record_copies

STORIES = 7


def printed(n: int) -> Fingerprint:
    """Article n: one of seven stories (its copies share every shingle); every article shares band 0 with
    every other, so the candidates of the later ones are capped at MAX_CANDIDATES and shift as articles come
    and go."""
    story = n % STORIES
    shingles = np.arange(story * 1000, story * 1000 + 40, dtype=np.uint64)
    if n % 3 == 0:  # a near-copy: a quarter of its shingles its own
        shingles = np.unique(np.concatenate([shingles[:30], np.arange(10) + 100_000 + n * 100]).astype(np.uint64))
    bands = (0, story + 1, *(10_000 + n * 20 + k for k in range(18)))
    return Fingerprint(
        f"a{n:03d}", f"outlet{n % 5}", published=f"2019-{1 + n % 12:02d}-01", shingles=shingles, bands=bands
    )


def test_copies_kept_in_place_equal_copy_detection_over_the_whole_corpus():
    rng = random.Random(5)
    assert MAX_CANDIDATES < 90
    corpus = {f"a{n:03d}": printed(n) for n in range(0, 180, 2)}  # 90 articles; the odd ones come later
    manifest = {a: [f"{a}.yaml"] for a in corpus}
    cache = ArticleCache("memory:copies-in-place", fresh=True)
    _record_copies(cache, [(manifest[a][0], corpus[a]) for a in sorted(corpus)])
    for step in range(12):
        gone = set(rng.sample(sorted(corpus), 3)) if step % 3 else set()
        fresh = {f.article: f for f in map(printed, rng.sample(range(1, 180, 2), 4)) if f.article not in corpus}
        for a in gone:
            del corpus[a], manifest[a]
        corpus.update(fresh)
        manifest.update({a: [f"{a}.yaml"] for a in fresh})
        _recopy(cache, manifest, gone, fresh)

        ordered = [corpus[a] for a in sorted(corpus)]
        assert set(cache.db.execute("SELECT article, other FROM edge")) == set(copy_edges(ordered))
        assert cache.copies() == {a: f.article for a, f in copied_from(ordered).items()}
