"""``kg add``, ``kg remove`` and ``kg build`` in place on a REAL Oxigraph server: the graph a full build
of the resulting corpus gives, a change that fails leaves the server as it was, two writers never mix."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg.build import build
from kg.incremental import add_articles, remove_articles
from kg.remote import RemoteEdit
from kg.store import cache_path, read_store_meta

from ..conftest import DATA, SEEDS, run_kg
from ..test_incremental import corpus_files, full_build, quads, statuses, weekly
from .conftest import FailingProxy, oxigraph_server


def assert_full_build_equal(url: str, corpus: Path, tmp_path: Path) -> None:
    """The server holds the quads a full build of ``corpus`` into an embedded store holds.

    Blank nodes (in the ontology graph only) are named by each store: those quads are counted.
    """
    remote, full = quads(url), full_build(corpus, tmp_path)
    assert len(remote) == len(full)
    assert {q for q in remote if "_:" not in q} == {q for q in full if "_:" not in q}


def export(url: str) -> list[str]:
    return sorted(kg.export_graph(url, "nquads").splitlines())


# --- the same graph as a full build --------------------------------------------------------------


def test_adding_a_conflicting_article_to_a_server_gives_the_graph_of_a_full_build(split, oxigraph, tmp_path):
    corpus, new = split
    build(corpus, store=oxigraph, out=None)
    assert statuses(oxigraph)["Tajikistan repatriated 84 minors from Iraq"] == "SingleSource"

    report = add_articles([new], oxigraph)

    assert report.added == ["a2"]
    assert statuses(oxigraph)["Tajikistan repatriated 84 minors from Iraq"] == "Conflicting"
    assert_full_build_equal(oxigraph, corpus, tmp_path)
    assert read_store_meta(oxigraph)["articles"] == 2


def test_removing_the_only_corroboration_on_a_server_makes_a_claim_single_source_again(oxigraph, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "tiny", corpus)
    for name in ("a1.yaml", "a1.txt"):
        (corpus / name).unlink()
    weekly(corpus)
    build(corpus, store=oxigraph, out=None)
    assert statuses(oxigraph)["Tajikistan says it returned 86 children from Iraq"] == "Corroborated"

    remove_articles(["a3"], oxigraph)

    assert statuses(oxigraph)["Tajikistan says it returned 86 children from Iraq"] == "SingleSource"
    assert not any("article/a3" in q for q in quads(oxigraph))
    assert_full_build_equal(oxigraph, corpus, tmp_path)


def test_a_sequence_of_add_replace_remove_on_a_server_equals_a_full_build_at_every_step(split, oxigraph, tmp_path):
    corpus, new = split
    build(corpus, store=oxigraph, out=None)
    add_articles([new / "a2.yaml"], oxigraph)
    assert_full_build_equal(oxigraph, corpus, tmp_path)
    weekly(new)
    add_articles([new / "a3.yaml"], oxigraph)
    assert_full_build_equal(oxigraph, corpus, tmp_path)
    changed = (new / "a2.yaml").read_text().replace("counted: children, kind: children", "counted: children")
    (new / "a2.yaml").write_text(changed.replace("value: 86", "value: 84"))
    with pytest.raises(kg.KGError, match="E212"):
        add_articles([new / "a2.yaml"], oxigraph)
    assert add_articles([new / "a2.yaml"], oxigraph, replace=True).replaced == ["a2"]
    assert_full_build_equal(oxigraph, corpus, tmp_path)
    remove_articles(["a1", "a2"], oxigraph)
    assert_full_build_equal(oxigraph, corpus, tmp_path)
    assert read_store_meta(oxigraph)["articles"] == 1


def test_kg_build_on_a_server_compiles_only_changed_articles_and_equals_a_full_build(split, oxigraph, tmp_path):
    corpus, new = split
    assert build(corpus, store=oxigraph, out=None).compiled is None
    for path in new.iterdir():
        shutil.copy(path, corpus / path.name)
    weekly(corpus)

    again = build(corpus, store=oxigraph, out=tmp_path / "out")

    assert (again.compiled, again.articles) == (2, 3)
    assert_full_build_equal(oxigraph, corpus, tmp_path)
    in_file = {str(q) for q in ox.parse(path=str(tmp_path / "out" / "kg.trig"), format=ox.RdfFormat.TRIG)}
    assert {q for q in in_file if "_:" not in q} == {q for q in quads(oxigraph) if "_:" not in q}
    (corpus / "a3.yaml").unlink()
    assert build(corpus, store=oxigraph, out=None).compiled == 0
    assert_full_build_equal(oxigraph, corpus, tmp_path)


def test_the_seeds_on_a_server_grown_by_one_article_equal_the_seeds_built_whole(oxigraph, tmp_path):
    corpus, new = tmp_path / "corpus", tmp_path / "new"
    shutil.copytree(SEEDS, corpus)
    new.mkdir()
    last = sorted(corpus.glob("*.yaml"))[-2]  # registry.yaml sorts last
    for path in (last, last.with_suffix(".txt")):
        shutil.move(path, new / path.name)
    build(corpus, store=oxigraph, out=None)
    add_articles([new], oxigraph)
    assert_full_build_equal(oxigraph, corpus, tmp_path)


# --- the cache of compiled articles, on this machine ------------------------------------------


def test_a_new_kg_add_process_reads_only_the_new_articles_thanks_to_the_cache_on_this_machine(
    split, oxigraph, tmp_path, local_cache
):
    corpus, new = split
    build(corpus, store=oxigraph, out=None)
    cache = cache_path(oxigraph)
    assert cache is not None and cache.is_file() and cache.is_relative_to(local_cache)
    a1 = (corpus / "a1.yaml").read_bytes()
    (corpus / "a1.yaml").write_text("not: [an annotation\n")  # reading a1 again would fail
    before = export(oxigraph)

    elsewhere = {**os.environ, "KG_CACHE_DIR": str(tmp_path / "empty-cache")}
    without = run_kg("add", str(new), "--store", oxigraph, env=elsewhere)
    assert without.returncode == 1 and "a1.yaml" in without.stderr  # the test can fail: a1 is read then
    assert export(oxigraph) == before

    added = run_kg("add", str(new), "--store", oxigraph)
    assert added.returncode == 0, added.stderr
    (corpus / "a1.yaml").write_bytes(a1)
    assert_full_build_equal(oxigraph, corpus, tmp_path)


def test_a_cache_copied_from_another_store_is_not_trusted(split, tmp_path):
    corpus, _ = split
    both = tmp_path / "both"
    shutil.copytree(DATA / "tiny", both)
    with oxigraph_server(tmp_path / "a") as a, oxigraph_server(tmp_path / "b") as b:
        build(corpus, store=a, out=None)  # a1 only
        build(both, store=b, out=None)  # a1 and a2: other cross-source quads
        shutil.copyfile(cache_path(a), cache_path(b))  # as if b's URL had named a's server before

        remove_articles(["a1"], b)

        assert_full_build_equal(b, both, tmp_path)


# --- bad input and faults: the server and the corpus as they were ------------------------------


def test_removing_an_unknown_id_from_a_server_is_one_line_and_changes_nothing(split, oxigraph):
    corpus, _ = split
    build(corpus, store=oxigraph, out=None)
    before = export(oxigraph)
    result = run_kg("remove", "a11", "--store", oxigraph)
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: E213 no article 'a11' in the store at {oxigraph} (did you mean 'a1'?)")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert export(oxigraph) == before


@pytest.mark.parametrize("mode", ["500", "drop"])
@pytest.mark.parametrize("writes", [0, 1], ids=["refuses-the-first-request", "refuses-the-change"])
def test_a_server_refusing_a_change_midway_leaves_store_and_corpus_as_they_were(
    mode, writes, split, oxigraph, tmp_path
):
    corpus, new = split
    build(corpus, store=oxigraph, out=None)
    before, files = export(oxigraph), corpus_files(corpus)

    with FailingProxy(oxigraph, writes=writes, mode=mode) as proxy:
        with pytest.raises(kg.KGError) as error:
            add_articles([new], proxy.url)

    assert error.value.code == ("E901" if mode == "500" else "E900")
    assert "\n" not in error.value.message
    assert export(oxigraph) == before and corpus_files(corpus) == files
    add_articles([new], oxigraph)  # the change cut short is settled by the next one
    assert_full_build_equal(oxigraph, corpus, tmp_path)


def test_a_server_refusing_the_record_after_the_change_says_so_and_kg_build_settles_it(split, oxigraph, tmp_path):
    corpus, new = split
    build(corpus, store=oxigraph, out=None)
    with FailingProxy(oxigraph, writes=2) as proxy:  # the record of the change to come, the change
        with pytest.raises(kg.KGError) as error:
            add_articles([new], proxy.url)
    assert error.value.code == "E909"
    assert error.value.message.startswith(f"E909 the change is in the store {proxy.url}, but recording it there failed")
    assert (corpus / "a2.yaml").is_file()
    assert_full_build_equal(oxigraph, corpus, tmp_path)
    assert build(corpus, store=oxigraph, out=None).compiled == 1  # the change cut short is compiled again
    assert_full_build_equal(oxigraph, corpus, tmp_path)


def test_of_two_writers_at_once_the_later_one_is_refused_and_the_store_stays_whole(
    split, oxigraph, tmp_path, monkeypatch
):
    corpus, new = split
    weekly(new)
    build(corpus, store=oxigraph, out=None)
    update = RemoteEdit.update

    def meanwhile(self, *args, **kwargs):
        monkeypatch.setattr(RemoteEdit, "update", update)
        add_articles([new / "a3.yaml"], oxigraph)  # another writer changes the store first
        return update(self, *args, **kwargs)

    monkeypatch.setattr(RemoteEdit, "update", meanwhile)
    with pytest.raises(kg.KGError) as error:
        add_articles([new / "a2.yaml"], oxigraph)

    assert error.value.code == "E908"
    assert error.value.message.endswith("this change was not made: run it again")
    assert not (corpus / "a2.yaml").exists() and (corpus / "a3.yaml").is_file()
    assert_full_build_equal(oxigraph, corpus, tmp_path)
    add_articles([new / "a2.yaml"], oxigraph)  # run again, it goes in
    assert_full_build_equal(oxigraph, corpus, tmp_path)


def test_a_server_written_with_put_is_rebuilt_whole_and_refuses_a_change_in_place(split, oxigraph, tmp_path):
    corpus, new = split
    url = oxigraph + "#write=gsp"
    build(corpus, store=url, out=None)
    with pytest.raises(kg.KGError) as error:
        add_articles([new], url)
    assert error.value.message == (
        f"E209 the store {url} cannot be changed in place (it is written with #write=gsp, one graph a request: "
        "a change would not be one transaction); rebuild it with `kg build`"
    )
    for path in new.iterdir():
        shutil.copy(path, corpus / path.name)
    assert build(corpus, store=url, out=None).compiled is None  # rebuilt whole
    assert_full_build_equal(url, corpus, tmp_path)
