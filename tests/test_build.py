"""`kg build` against hostile input and faults: alias bombs, odd file names, a full disk, killed
and concurrent builds. Whatever happens, the store already built keeps answering as before."""

from __future__ import annotations

import errno
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest

import kg
from kg.cli import main
from kg.terms import id_segment

from .conftest import SEEDS, run_kg

COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def quads_in(store) -> int:
    return kg.query(COUNT_QUADS, store=store).rows[0][0].toPython()


def kg_cli(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """Run the ``kg`` command in this process (so that a test can make a write fail): exit code, stderr."""
    monkeypatch.setattr(sys, "argv", ["kg", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    return exit_.value.code or 0, capsys.readouterr().err


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# --- YAML alias bombs (billion laughs) -----------------------------------------------------------


def alias_bomb(levels: int = 7, width: int = 9) -> str:
    """``&L6 [&L5 [... &L0 [lol, ...], *L0, ...], *L5, ...]``: a few hundred bytes, width**levels values."""
    text = "&L0 [" + ", ".join(["lol"] * width) + "]"
    for level in range(1, levels):
        text = f"&L{level} [{text}" + f", *L{level - 1}" * (width - 1) + "]"
    return text


@pytest.mark.parametrize("field", ["published", "via"])
def test_an_alias_bomb_is_refused_at_once_in_one_short_line(tiny_corpus, tmp_path, monkeypatch, capsys, field):
    path = tiny_corpus / "a1.yaml"
    path.write_text(path.read_text().replace("  language: en\n", f"  language: en\n  {field}: {alias_bomb()}\n"))
    assert len(path.read_bytes()) < 2_000
    started = time.perf_counter()
    code, err = kg_cli(monkeypatch, capsys, "build", "--seeds", str(tiny_corpus), "--store", str(tmp_path / "s"))
    assert time.perf_counter() - started < 5
    assert code == 1
    assert err.startswith(f"error: E113 {path}: its aliases")
    assert len(err) < 500 and err.count("\n") == 1
    assert not (tmp_path / "s").exists()


def test_a_file_that_contains_itself_through_an_alias_is_refused(tiny_corpus):
    path = tiny_corpus / "a1.yaml"
    path.write_text(path.read_text().replace("  language: en\n", "  language: en\n  via: &me [wire, *me]\n"))
    with pytest.raises(kg.KGError, match="E113"):
        kg.read_corpus(tiny_corpus)


def test_aliases_that_repeat_a_little_still_load(tiny_corpus):
    path = tiny_corpus / "a1.yaml"
    text = path.read_text().replace("agents: [tajikistan]", "agents: &actors [tajikistan]")
    path.write_text(text + "statements:\n  - {quote: Rahmon thanked Iraq for its help., about: tajik-repatriation}\n")
    corpus = kg.read_corpus(tiny_corpus)
    assert corpus.articles[0].operations[0].agents == ("tajikistan",)


def test_a_huge_value_is_shown_as_a_short_excerpt(tiny_corpus, monkeypatch, capsys, tmp_path):
    path = tiny_corpus / "a1.yaml"
    path.write_text(path.read_text().replace("published: 2019-05-01", "published: 2019-05-01" + "x" * 1_000_000))
    code, err = kg_cli(monkeypatch, capsys, "build", "--seeds", str(tiny_corpus), "--store", str(tmp_path / "s"))
    assert code == 1 and err.startswith("error: E108 ") and "a1.yaml:" in err
    assert "'2019-05-01xxxx" in err and len(err) < 500


def test_a_list_given_as_an_id_is_shown_as_an_excerpt(tiny_corpus):
    path = tiny_corpus / "a1.yaml"
    path.write_text(path.read_text().replace("outlet: wire", f"outlet: wire\n  via: [[{', '.join(['x'] * 100_000)}]]"))
    with pytest.raises(kg.KGError) as error:
        kg.read_corpus(tiny_corpus)
    assert str(error.value).startswith("E102 ") and "['x', 'x', 'x', 'x', … (100000 items)]" in str(error.value)
    assert len(str(error.value)) < 500


# --- file names an IRI cannot hold as they are -------------------------------------------------


@pytest.mark.parametrize(
    ("char", "encoded"),
    [(" ", "%20"), ('"', "%22"), ("<", "%3C"), ("#", "%23"), ("\\", "%5C"), ("{", "%7B"), ("\n", "%0A")],
)
def test_an_article_file_name_with_a_character_an_iri_cannot_hold_builds(
    tiny_corpus, tmp_path, monkeypatch, capsys, char, encoded
):
    for suffix in (".yaml", ".txt"):
        (tiny_corpus / f"a1{suffix}").rename(tiny_corpus / f"a{char}1{suffix}")
    store, out = tmp_path / "store", tmp_path / "out"
    code, err = kg_cli(
        monkeypatch, capsys, "build", "--seeds", str(tiny_corpus), "--store", str(store), "--out", str(out)
    )
    assert (code, err.split(":")[0]) == (0, f"built 2 articles into {store} and {out / 'kg.trig'}")
    rows = kg.query("SELECT ?article ?file WHERE { ?article kg:sourceFile ?file }", store=store).rows
    assert {(str(a), str(f)) for a, f in rows} == {
        (f"https://kg.example.org/id/article/a{encoded}1", f"a{char}1.txt"),
        ("https://kg.example.org/id/article/a2", "a2.txt"),
    }
    prefix = f"https://kg.example.org/id/claim/a{encoded}1/"
    claims = f'SELECT ?c WHERE {{ ?c a kg:Claim FILTER(STRSTARTS(STR(?c), "{prefix}")) }}'
    assert len(kg.query(claims, store=store).rows) == 5  # as many as when the file is a1.yaml


def test_ordinary_file_names_keep_their_ids():
    names = [p.stem for p in SEEDS.glob("*.yaml") if p.name != "registry.yaml"]
    assert names and [id_segment(n) for n in names] == names
    assert id_segment("Пресс-релиз_2019") == "Пресс-релиз_2019"


def test_two_file_names_never_mint_one_id():
    assert id_segment("a b") == "a%20b"
    assert id_segment("a%20b") == "a%2520b"


# --- a full disk, killed builds ----------------------------------------------------------------


def test_a_full_disk_while_writing_kg_trig_names_the_file_and_changes_nothing(
    tiny_corpus, tmp_path, monkeypatch, capsys
):
    store, out = tmp_path / "store", tmp_path / "out"
    kg.build(tiny_corpus, store=store, out=out)
    before, trig = quads_in(store), (out / "kg.trig").read_bytes()
    for suffix in (".yaml", ".txt"):
        (tiny_corpus / f"a2{suffix}").unlink()  # the next build would hold fewer quads

    def full(self, output, format):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sys.modules["kg.store"].OxigraphStore, "dump", full)
    code, err = kg_cli(
        monkeypatch, capsys, "build", "--seeds", str(tiny_corpus), "--store", str(store), "--out", str(out)
    )
    assert code == 1 and err.count("\n") == 1
    assert err.startswith(f"error: E207 cannot write {out / 'kg.trig'} (No space left on device); ")
    monkeypatch.undo()
    assert quads_in(store) == before
    assert (out / "kg.trig").read_bytes() == trig
    assert sorted(p.name for p in out.iterdir()) == ["kg.trig"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "store", "tiny"]


def test_the_next_build_removes_what_killed_builds_left(tiny_corpus, tmp_path):
    store, out = tmp_path / "store", tmp_path / "out"
    kg.build(tiny_corpus, store=store, out=out)
    dead = dead_pid()
    (tmp_path / f".store.building-{dead}" / "oxigraph").mkdir(parents=True)
    (tmp_path / f".store.old-{dead}").mkdir()
    (out / f".kg.trig.{dead}.tmp").write_text("half a graph")
    (tmp_path / ".store.building-1").mkdir()  # pid 1 runs: not a leftover
    result = run_kg("build", "--seeds", str(tiny_corpus), "--store", str(store), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".store.building-1", "out", "store", "tiny"]
    assert sorted(p.name for p in out.iterdir()) == ["kg.trig"]


def test_kg_trig_holds_what_the_store_holds(tiny_corpus, tmp_path):
    store, out = tmp_path / "store", tmp_path / "out"
    kg.build(tiny_corpus, store=store, out=out)
    for suffix in (".yaml", ".txt"):
        (tiny_corpus / f"a2{suffix}").unlink()
    kg.build(tiny_corpus, store=store, out=out)
    dumped = list(ox.parse(path=out / "kg.trig", format=ox.RdfFormat.TRIG))
    assert len(dumped) == quads_in(store) and all(q.graph_name != ox.DefaultGraph() for q in dumped)


# --- one build at a time -----------------------------------------------------------------------

HOLD = """
import sys, time
from kg.store import lock_store
with lock_store(sys.argv[1]):
    print("holding", flush=True)
    time.sleep(120)
"""


def test_a_second_build_fails_at_once_while_another_holds_the_store(tiny_corpus, tmp_path):
    store = tmp_path / "store"
    kg.build(tiny_corpus, store=store, out=None)
    before = quads_in(store)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(store)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "holding\n"
        (tiny_corpus / "a2.yaml").rename(tmp_path / "a2.yaml")  # work to do (with none, the lock is not needed)
        result = run_kg("build", "--seeds", str(tiny_corpus), "--store", str(store), "--no-trig")
        assert result.returncode == 1
        assert result.stderr.startswith(f"error: E205 another build is running (pid {holder.pid}) on the store at ")
        assert result.stderr.count("\n") == 1
        assert quads_in(store) == before  # readers are not held up
    finally:
        holder.kill()
        holder.wait()
    (tmp_path / "a2.yaml").rename(tiny_corpus / "a2.yaml")
    # a killed holder leaves its lock file unlocked: the next build takes it
    assert kg.build(tiny_corpus, store=store, out=None).quads == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store", "tiny"]


def test_a_reader_whose_store_a_build_replaced_is_told_to_try_again(tiny_corpus, tmp_path):
    store = tmp_path / "store"
    kg.build(tiny_corpus, store=store, out=None)

    class Swapped:  # what the engine says when the files it read are replaced under it
        def query(self, *args, **kwargs):
            raise OSError(
                "Corruption: Sst file size mismatch: 000012.sst. Size recorded in manifest 4391, actual size 0"
            )

    with kg.open_store(store) as reader:
        reader.ox = Swapped()
        with pytest.raises(kg.KGError, match=r"E305 .*Corruption"):
            reader.query(COUNT_QUADS)  # the store is the one it opened: the engine's own words
        kg.build(tiny_corpus, store=store, out=None, incremental=False)  # a build that replaces the store
        with pytest.raises(kg.KGError) as error:
            reader.query(COUNT_QUADS)
    assert str(error.value) == f"E206 the store at {store} changed while reading (a build replaced it); try again"
    assert quads_in(store) > 0


def test_readers_during_builds_never_see_a_corrupt_store(tiny_corpus, tmp_path):
    store = tmp_path / "store"
    kg.build(tiny_corpus, store=store, out=None)
    before = quads_in(store)
    builds = "import sys, kg\nfor _ in range(4): kg.build(sys.argv[1], store=sys.argv[2], out=None)"
    builder = subprocess.Popen([sys.executable, "-c", builds, str(tiny_corpus), str(store)])
    failures = []
    try:
        while builder.poll() is None:
            try:
                assert quads_in(store) == before
            except kg.KGError as exc:
                failures.append(str(exc))
    finally:
        builder.wait()
    assert builder.returncode == 0
    assert all(f.startswith("E206 ") and "corrupt" not in f.lower() for f in failures), failures
