"""``kg add --annotate``: raw articles into a built store give the graph ``kg annotate`` + a full ``kg build``
give, and bad input leaves the corpus and the store as they were; a ``kg build`` with nothing to do does not
wait for the writer's lock."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.annotate.pipeline import annotate
from kg.build import annotate_and_add, build
from kg.incremental import add_articles, remove_articles
from kg.store import open_store

from .conftest import DATA, run_kg

A4 = (
    "Tajikistan brings more children home\n\n"
    "On May 10, Tajikistan repatriated 86 minors from Iraq, President Rahmon said.\n\n"
    "Rahmon thanked Iraq again.\n"
)
A5 = (
    '{"id": "a5", "outlet": "Wire Agency", "text": "Tajikistan brings children home\\n\\n'
    'On May 12, Tajikistan repatriated 86 minors from Iraq, President Rahmon said.\\n"}\n'
)


def quads(store: str) -> set[str]:
    with open_store(store) as opened:
        return {str(q) for q in opened.quads()}


def files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def grown(tmp_path) -> tuple[Path, str, Path]:
    """tests/data/tiny built into a store, and a folder of raw articles: a4.txt (a wire story with no outlet
    named, whose events are new) and a5.jsonl (The Wire Agency's, about events a4 proposes)."""
    corpus, raw = tmp_path / "corpus", tmp_path / "raw"
    shutil.copytree(DATA / "tiny", corpus)
    raw.mkdir()
    (raw / "a4.txt").write_text(A4, encoding="utf-8")
    (raw / "a5.jsonl").write_text(A5, encoding="utf-8")
    store = str(tmp_path / "store")
    build(corpus, store=store, out=None)
    return corpus, store, raw


def test_raw_articles_added_with_annotate_equal_kg_annotate_and_a_full_build(grown, tmp_path):
    corpus, store, raw = grown
    expected = tmp_path / "expected"
    shutil.copytree(DATA / "tiny", expected)

    first = annotate_and_add([raw / "a4.txt"], store)
    annotate([raw / "a4.txt"], expected)
    # a4 proposes entities: registry.yaml changed, so the store was rebuilt from the corpus
    assert first.rebuilt is not None and first.change is None
    assert first.annotated.proposed > 0
    assert "new entities proposed): rebuilt in full: built 3 articles into" in first.summary()
    assert files(corpus) == files(expected)
    build(expected, store=str(tmp_path / "full-1"), out=None, incremental=False)
    assert quads(store) == quads(str(tmp_path / "full-1"))

    second = annotate_and_add([raw / "a5.jsonl"], store)
    annotate([raw / "a5.jsonl"], expected)
    # a5 names only what the registry holds now: added in place, registry.yaml as it was
    assert second.change is not None and second.rebuilt is None
    assert second.change.added == ["a5"]
    assert files(corpus) == files(expected)
    build(expected, store=str(tmp_path / "full-2"), out=None, incremental=False)
    assert quads(store) == quads(str(tmp_path / "full-2"))


def test_a_bad_raw_file_leaves_the_corpus_and_the_store_byte_identical(grown, tmp_path):
    corpus, store, raw = grown
    (raw / "empty.txt").write_bytes(b"")
    before_corpus, before_store = files(corpus), files(Path(store))

    refused = run_kg("add", "--annotate", str(raw), "--store", store)

    assert refused.returncode == 1
    assert refused.stderr == (
        f"error: E216 {raw / 'empty.txt'}: cannot annotate this article: empty file; "
        f"nothing was added to the store at {store}\n"
    )
    assert files(corpus) == before_corpus and files(Path(store)) == before_store


def test_an_article_the_pipeline_cannot_annotate_fails_after_the_others_are_annotated_and_changes_nothing(
    grown, tmp_path
):
    corpus, store, raw = grown
    (raw / "long.txt").write_text("Tajikistan said it. " * 10, encoding="utf-8")  # 200 characters
    config = tmp_path / "pipeline.toml"
    config.write_text("[nlp]\nmax_chars = 180\n", encoding="utf-8")  # a4 fits, long.txt does not
    before_corpus, before_store = files(corpus), files(Path(store))

    refused = run_kg("add", "--annotate", str(raw / "a4.txt"), str(raw / "long.txt"), "--config", str(config),
                     "--store", store)  # fmt: skip

    assert refused.returncode == 1
    assert refused.stderr.startswith(
        f"error: E216 {raw / 'long.txt'}: cannot annotate this article: the article is 200"
    )
    assert refused.stderr.count("\n") == 1
    assert files(corpus) == before_corpus and files(Path(store)) == before_store


def test_articles_the_store_holds_are_nothing_new_and_a_changed_text_needs_replace(grown):
    corpus, store, raw = grown
    (raw / "a1.txt").write_bytes((corpus / "a1.txt").read_bytes())  # a1 as the store holds it
    before = files(corpus)

    same = run_kg("add", "--annotate", str(raw / "a1.txt"), "--store", store)
    assert same.returncode == 0, same.stderr
    assert same.stderr == (
        f"nothing new to add: the 1 article read is in the store at {store} already, with the same text "
        "(--replace annotates them again)\n"
    )
    (raw / "a1.txt").write_text("Tajikistan brings children home\n\nSomething else happened.\n", encoding="utf-8")
    changed = run_kg("add", "--annotate", str(raw / "a1.txt"), "--store", store)
    assert changed.returncode == 1
    assert changed.stderr == (
        f"error: E212 {raw / 'a1.txt'}: article 'a1' is already in the store at {store}; use --replace to replace it\n"
    )
    assert files(corpus) == before


def test_annotation_options_without_annotate_are_refused(grown):
    _, store, raw = grown
    result = run_kg("add", str(raw), "--processes", "2", "--store", store)
    assert result.returncode == 2
    assert "--processes" in result.stderr and "applies to --annotate only" in result.stderr


def test_add_and_remove_report_their_phases(grown):
    corpus, store, _ = grown
    phases: list[str] = []
    shutil.move(corpus / "a2.yaml", corpus.parent / "a2.yaml")
    shutil.move(corpus / "a2.txt", corpus.parent / "a2.txt")
    remove_articles(["a1"], store, on_phase=phases.append)
    assert "write the store" in phases[-1]
    phases.clear()
    add_articles([corpus.parent / "a2.yaml"], store, replace=True, on_phase=phases.append)
    assert phases[0] == "read 1 article" and len(phases) >= 2


# --- kg build with nothing to do --------------------------------------------------------------------

HOLD = """
import sys, time
from kg.store import lock_store
with lock_store(sys.argv[1]):
    print("holding", flush=True)
    time.sleep(120)
"""


def test_a_build_with_nothing_changed_succeeds_while_another_writer_holds_the_store(tmp_path):
    corpus, store, out = tmp_path / "corpus", str(tmp_path / "store"), tmp_path / "out"
    shutil.copytree(DATA / "tiny", corpus)
    built = build(corpus, store=store, out=None)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, store], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "holding\n"
        started = time.perf_counter()
        result = run_kg("build", "--seeds", str(corpus), "--store", store, "--out", str(out))
        assert time.perf_counter() - started < 30
        assert result.returncode == 0, result.stderr
        assert result.stderr.startswith(
            f"nothing changed: the store at {store} holds the corpus as it is (2 articles, {built.quads} quads, "
            f"{built.claims} claims: {built.conflicting} conflicting, {built.corroborated} corroborated); "
            f"wrote {out / 'kg.trig'} from it in "
        )
        dumped = {str(q) for q in ox.parse(path=out / "kg.trig", format=ox.RdfFormat.TRIG)}
        assert dumped == quads(store)
        # a corpus that did change still needs the lock: the holder is not overlooked
        (corpus / "a2.yaml").unlink()
        blocked = run_kg("build", "--seeds", str(corpus), "--store", store, "--no-trig")
        assert blocked.returncode == 1 and blocked.stderr.startswith("error: E205 ")
    finally:
        holder.kill()
        holder.wait()
