"""A smoke run of bench/bench_annotate.py: a handful of articles, one run; the fields it prints."""

import sys

from ..conftest import ROOT


def test_the_benchmark_runs_and_prints_its_fields(capsys):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import bench_annotate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    texts = bench_annotate.make_articles(3)
    assert all(400 <= len(t.split()) <= 900 for t in texts)
    assert "Tokayev" not in " ".join(texts)  # names are varied
    assert bench_annotate.main(["--articles", "3", "--runs", "1", "--cores", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split() == ["what", "processes", "seconds", "articles/s", "words/s", "ratio", "cpu", "s",
                                "articles/cpu", "s"]  # fmt: skip
    assert [line.split()[0] for line in lines[2:4]] == ["spacy", "kg"]
    assert lines[-2].startswith("ratio: ") and lines[-1].startswith("cpu s: ")
