"""The store: all-or-nothing builds, idempotent rebuilds, clear errors for what is not a store."""

import sys

import pytest

import kg
from kg.store import MARKER

COUNT_CLAIMS = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a kg:Claim }"


def claims_in(store):
    return kg.query(COUNT_CLAIMS, store=store).rows[0][0].toPython()


def test_build_writes_store_and_trig(tiny_corpus, tmp_path):
    report = kg.build(tiny_corpus, store=tmp_path / "store", out=tmp_path / "out")
    assert (tmp_path / "store" / MARKER).is_file()
    assert (tmp_path / "out" / "kg.trig").stat().st_size > 1000
    assert report.articles == 2
    assert claims_in(tmp_path / "store") == report.claims


def test_rebuilding_gives_the_same_graph(tiny_corpus, tmp_path):
    kg.build(tiny_corpus, store=tmp_path / "s", out=tmp_path / "o1")
    kg.build(tiny_corpus, store=tmp_path / "s", out=tmp_path / "o2")
    first = (tmp_path / "o1" / "kg.trig").read_text()
    assert first == (tmp_path / "o2" / "kg.trig").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o1", "o2", "s", "tiny"]


def test_separate_runs_write_identical_trig(tiny_corpus, tmp_path):
    from .conftest import run_kg

    for n in (1, 2):
        result = run_kg(
            "build", "--seeds", str(tiny_corpus), "--store", str(tmp_path / "s"), "--out", str(tmp_path / f"o{n}")
        )
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "o1" / "kg.trig").read_bytes() == (tmp_path / "o2" / "kg.trig").read_bytes()


def test_a_failed_build_leaves_the_previous_store_intact(tiny_corpus, tmp_path):
    store = tmp_path / "store"
    kg.build(tiny_corpus, store=store, out=tmp_path / "out")
    trig = (tmp_path / "out" / "kg.trig").read_text()
    before = claims_in(store)
    path = tiny_corpus / "a2.yaml"
    path.write_text(path.read_text().replace("86 children from Iraq", "68 children from Iraq"))
    with pytest.raises(kg.KGError, match="E101"):
        kg.build(tiny_corpus, store=store, out=tmp_path / "out")
    assert claims_in(store) == before
    assert (tmp_path / "out" / "kg.trig").read_text() == trig


def test_an_interrupted_build_leaves_the_previous_store_intact(tiny_corpus, tmp_path, monkeypatch):
    store = tmp_path / "store"
    kg.build(tiny_corpus, store=store, out=None)
    before = claims_in(store)

    compiler = sys.modules["kg.compile.corpus"]  # the streaming compiler kg build runs
    real = compiler.compile_article

    def interrupted(annotated, terms, **kwargs):
        yield from real(annotated, terms, **kwargs)
        raise KeyboardInterrupt  # Ctrl-C after the first article has been loaded

    monkeypatch.setattr(compiler, "compile_article", interrupted)
    with pytest.raises(KeyboardInterrupt):
        kg.build(tiny_corpus, store=store, out=None, incremental=False)
    assert claims_in(store) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store", "tiny"]


def test_a_folder_that_is_not_a_store_is_refused_and_left_alone(tiny_corpus, tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    with pytest.raises(kg.KGError, match="E200"):
        kg.query(COUNT_CLAIMS, store=folder)
    with pytest.raises(kg.KGError, match="E200"):
        kg.build(tiny_corpus, store=folder, out=None)
    assert (folder / "notes.txt").read_text() == "keep me"


def test_a_missing_store_says_to_build_first(tmp_path):
    with pytest.raises(kg.KGError, match=r"E201.*kg build"):
        kg.query(COUNT_CLAIMS, store=tmp_path / "nothing")


def test_unknown_store_scheme(tmp_path):
    with pytest.raises(kg.KGError, match="E202"):
        kg.query(COUNT_CLAIMS, store="ftp://example.org/store")


def test_memory_store_round_trip(tiny_corpus):
    report = kg.build(tiny_corpus, store="memory:tiny-test", out=None)
    assert claims_in("memory:tiny-test") == report.claims


def test_a_swap_cut_between_its_renames_is_recovered(tiny_corpus, tmp_path):
    store = tmp_path / "store"
    kg.build(tiny_corpus, store=store, out=None)
    store.rename(tmp_path / ".store.old-12345")
    assert claims_in(store) > 0


def test_select_gives_rows_of_plain_strings_and_none_when_unbound(seed_store):
    from kg.store import Store, open_store

    sparql = "SELECT ?s ?label ?nothing WHERE { ?s a kg:Country ; rdfs:label ?label } ORDER BY ?s LIMIT 2"
    with open_store(seed_store) as store:
        fast = store.select(sparql)
        plain = Store.select(store, sparql)  # the interface's implementation, from query()
    assert fast == plain
    assert len(fast) == 2
    assert all(type(s) is str and s.startswith("https://kg.example.org/id/") and n is None for s, _, n in fast)


def test_select_refuses_bad_sparql_with_a_numbered_error(seed_store):
    from kg.store import open_store

    with open_store(seed_store) as store, pytest.raises(kg.KGError, match="E300"):
        store.select("SELEC ?s")


def test_the_remote_backend_is_imported_only_when_a_url_needs_it():
    import subprocess

    code = (
        "import sys, kg, kg.store; assert 'kg.remote' not in sys.modules; "
        "kg.store.open_store('http://127.0.0.1:9/'); assert 'kg.remote' in sys.modules"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).returncode == 0


# --- changing a store in place ---------------------------------------------------------------------


def _graph_quads(store, graph):
    with kg.open_store(store) as opened:
        return {str(q) for q in opened.quads() if str(q.graph_name) == f"<{graph}>"}


def test_an_edit_drops_deletes_and_inserts_in_one_go(tiny_corpus, tmp_path):
    import pyoxigraph as ox

    from kg.store import edit_store

    store = str(tmp_path / "s")
    kg.build(tiny_corpus, store=store, out=None)
    a1, extra = "https://kg.example.org/graph/article/a1", "https://kg.example.org/graph/extra"
    added = ox.Quad(
        ox.NamedNode("https://x.example/s"), ox.NamedNode("https://x.example/p"), ox.Literal("o"), ox.NamedNode(extra)
    )
    with edit_store(store) as edit:
        assert a1 in edit.graphs()
        edit.apply(drop=[a1], insert=[added])
    assert _graph_quads(store, a1) == set()
    assert _graph_quads(store, extra) == {str(added)}


def test_an_edit_that_fails_midway_changes_nothing(tiny_corpus, tmp_path):
    import pyoxigraph as ox

    from kg.store import edit_store

    store = str(tmp_path / "s")
    kg.build(tiny_corpus, store=store, out=None)
    a1 = "https://kg.example.org/graph/article/a1"
    before = _graph_quads(store, a1)
    bad = ox.Quad(
        ox.NamedNode("https://x.example/s"), ox.NamedNode("https://x.example/p"), ox.BlankNode("b"), ox.NamedNode(a1)
    )
    with edit_store(store) as edit, pytest.raises(SyntaxError):  # DELETE DATA takes no blank node
        edit.apply(drop=[a1], delete=[bad])
    assert _graph_quads(store, a1) == before and before


def test_a_store_records_the_corpus_it_was_built_from(tiny_corpus, tmp_path):
    from kg.store import cache_path, read_store_meta

    kg.build(tiny_corpus, store=tmp_path / "s", out=None)
    meta = read_store_meta(tmp_path / "s")
    assert meta["seeds"] == str(tiny_corpus.resolve())
    assert sorted(meta["manifest"]) == ["a1", "a2"]
    assert meta["manifest"]["a1"][:2] == ["a1.yaml", "a1.txt"]
    assert cache_path(tmp_path / "s") == tmp_path / "s" / "cache.sqlite"
    assert cache_path(tmp_path / "s").is_file()
