"""A corpus that grows: ``kg add``, ``kg remove`` and ``kg build`` in place give exactly the graph a
full build of the resulting corpus gives, and a change that fails leaves the store as it was."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

import kg
from kg.build import build
from kg.compile import LISTINGS, CompiledCorpus, listing_graph
from kg.compile.crosssource import compile_crosssource
from kg.incremental import add_articles, remove_articles
from kg.store import LineTerms, OxigraphTerms, StoreEdit, open_store, parse_lines, read_store_meta
from kg.terms import CROSSSOURCE_GRAPH

from .conftest import DATA, SEEDS, run_kg

ROOT = Path(__file__).resolve().parent.parent

STATUS = """SELECT ?quote ?status WHERE { ?c kg:quote ?quote ; kg:status ?status }"""


def quads(store: str) -> set[str]:
    with open_store(store) as opened:
        return {str(q) for q in opened.quads()}


def full_build(seeds: Path, tmp_path: Path) -> set[str]:
    """The graph a full build of the corpus folder as it is now gives."""
    fresh = tmp_path / f"full-{time.monotonic_ns()}"
    build(seeds, store=str(fresh), out=None, incremental=False)
    return quads(str(fresh))


def statuses(store: str) -> dict[str, str]:
    return {
        quote: status.rsplit("/", 1)[-1].rsplit("#", 1)[-1] for quote, status in kg.open_store(store).select(STATUS)
    }


def corpus_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def generated(folder: Path, articles: int) -> None:
    """A corpus of ``articles`` articles from bench/generate.py in ``folder``."""
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "--articles", str(articles), "--out", str(folder)],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def split(tmp_path) -> tuple[Path, Path]:
    """tests/data/tiny as a corpus of a1 only, with a2 (which conflicts with a1) in a folder of new articles."""
    corpus, new = tmp_path / "corpus", tmp_path / "new"
    shutil.copytree(DATA / "tiny", corpus)
    new.mkdir()
    for name in ("a2.yaml", "a2.txt"):
        shutil.move(corpus / name, new / name)
    return corpus, new


def weekly(folder: Path) -> Path:
    """a3: The Weekly, in its own words, gives a2's figure (86 children): it corroborates a2."""
    (folder / "a3.txt").write_text(
        "Weekly round-up\n\nOfficials confirmed this week that 86 children came back from Iraq.\n\n"
        "The children were taken to a rehabilitation centre near the capital.\n",
        encoding="utf-8",
    )
    (folder / "a3.yaml").write_text(
        "article:\n  title: Weekly round-up\n  outlet: weekly\n  language: en\n"
        "mentions:\n  - {quote: Iraq, entity: iraq}\n"
        "claims:\n  - quote: 86 children came back from Iraq\n    subject: tajikistan\n    predicate: returned\n"
        "    quantity: {value: 86, counted: children, kind: children}\n    about: tajik-repatriation\n",
        encoding="utf-8",
    )
    return folder / "a3.yaml"


# --- the same graph as a full build --------------------------------------------------------------


@pytest.mark.parametrize("backend", ["embedded", "memory"])
def test_adding_a_conflicting_article_gives_the_graph_of_a_full_build(split, tmp_path, backend):
    corpus, new = split
    store = str(tmp_path / "store") if backend == "embedded" else f"memory:add-{tmp_path.name}"
    build(corpus, store=store, out=None)
    assert statuses(store)["Tajikistan repatriated 84 minors from Iraq"] == "SingleSource"

    report = add_articles([new], store)

    assert report.added == ["a2"]
    assert statuses(store)["Tajikistan repatriated 84 minors from Iraq"] == "Conflicting"
    assert (corpus / "a2.yaml").read_bytes() == (new / "a2.yaml").read_bytes()
    assert quads(store) == full_build(corpus, tmp_path)


def test_removing_the_only_corroboration_makes_a_claim_single_source_again(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "tiny", corpus)
    for name in ("a1.yaml", "a1.txt"):
        (corpus / name).unlink()
    weekly(corpus)
    store = str(tmp_path / "store")
    build(corpus, store=store, out=None)
    assert statuses(store)["Tajikistan says it returned 86 children from Iraq"] == "Corroborated"

    report = remove_articles(["a3"], store)

    assert report.removed == ["a3"]
    assert statuses(store)["Tajikistan says it returned 86 children from Iraq"] == "SingleSource"
    assert not (corpus / "a3.yaml").exists() and (corpus / ".removed" / "a3.yaml").is_file()
    assert quads(store) == full_build(corpus, tmp_path)
    assert not any("article/a3" in q for q in quads(store))


def test_a_sequence_of_add_replace_remove_equals_a_full_build_at_every_step(split, tmp_path):
    corpus, new = split
    store = str(tmp_path / "store")
    build(corpus, store=store, out=None)
    add_articles([new / "a2.yaml"], store)
    assert quads(store) == full_build(corpus, tmp_path)
    weekly(new)
    add_articles([new / "a3.yaml"], store)
    assert quads(store) == full_build(corpus, tmp_path)
    changed = (new / "a2.yaml").read_text().replace("counted: children, kind: children", "counted: children")
    (new / "a2.yaml").write_text(changed.replace("value: 86", "value: 84"))
    with pytest.raises(kg.KGError, match="E212"):
        add_articles([new / "a2.yaml"], store)
    assert add_articles([new / "a2.yaml"], store, replace=True).replaced == ["a2"]
    assert quads(store) == full_build(corpus, tmp_path)
    remove_articles(["a1", "a2"], store)
    assert quads(store) == full_build(corpus, tmp_path)
    assert read_store_meta(store)["articles"] == 1


def test_a_change_after_a_build_does_not_read_the_cross_source_graph_back_from_the_store(split, tmp_path, monkeypatch):
    corpus, new = split
    store = str(tmp_path / "store")
    build(corpus, store=store, out=None)
    read: list[str] = []
    graph = StoreEdit.graph

    def recorded(self, name):
        read.append(str(name))
        return graph(self, name)

    monkeypatch.setattr(StoreEdit, "graph", recorded)
    add_articles([new / "a2.yaml"], store)
    weekly(new)
    add_articles([new / "a3.yaml"], store)
    remove_articles(["a1"], store)
    monkeypatch.undo()

    derived = {str(CROSSSOURCE_GRAPH), *(str(listing_graph(name)) for name in LISTINGS)}
    assert [g for g in read if g in derived] == []
    assert quads(store) == full_build(corpus, tmp_path)


def test_a_store_whose_cache_is_lost_changes_from_what_it_holds(split, tmp_path):
    corpus, new = split
    store = str(tmp_path / "store")
    build(corpus, store=store, out=None)
    (Path(store) / "cache.sqlite").unlink()
    add_articles([new / "a2.yaml"], store)
    assert quads(store) == full_build(corpus, tmp_path)
    (Path(store) / "cache.sqlite").unlink()
    remove_articles(["a2"], store)
    assert quads(store) == full_build(corpus, tmp_path)


def test_the_seeds_grown_by_one_article_equal_the_seeds_built_whole(tmp_path):
    corpus, new = tmp_path / "corpus", tmp_path / "new"
    shutil.copytree(SEEDS, corpus)
    new.mkdir()
    last = sorted(corpus.glob("*.yaml"))[-2]  # registry.yaml sorts last
    for path in (last, last.with_suffix(".txt")):
        shutil.move(path, new / path.name)
    store = str(tmp_path / "store")
    build(corpus, store=store, out=None)
    added = add_articles([new], store)
    assert quads(store) == full_build(corpus, tmp_path)
    assert added.quads == len(quads(store))  # the count the change reports and records is the store's
    removed = remove_articles([sorted(p.stem for p in corpus.glob("0*.yaml"))[0]], store)
    assert quads(store) == full_build(corpus, tmp_path)
    assert removed.quads == len(quads(store))


def test_a_generated_corpus_changed_in_place_equals_its_full_build(tmp_path):
    corpus, new = tmp_path / "corpus", tmp_path / "new"
    generated(corpus, 60)
    new.mkdir()
    articles = sorted(p for p in corpus.glob("*.yaml") if p.name != "registry.yaml")
    for path in articles[::6]:  # ten articles spread over the corpus
        for part in (path, path.with_suffix(".txt")):
            shutil.move(part, new / part.name)
    store = str(tmp_path / "store")
    build(corpus, store=store, out=None)
    before = statuses(store)
    add_articles([new], store)
    after = statuses(store)
    assert {q: after[q] for q in before} != before  # the new articles change statuses of claims already there
    assert quads(store) == full_build(corpus, tmp_path)
    remove_articles([p.stem for p in articles[1:50:7]], store)
    assert quads(store) == full_build(corpus, tmp_path)


def test_kg_build_compiles_only_changed_articles_and_equals_a_full_build(split, tmp_path):
    corpus, new = split
    store = str(tmp_path / "store")
    first = build(corpus, store=store, out=tmp_path / "out")
    assert first.compiled is None
    for path in new.iterdir():
        shutil.copy(path, corpus / path.name)
    weekly(corpus)

    again = build(corpus, store=store, out=tmp_path / "out")

    assert again.compiled == 2 and again.articles == 3
    assert quads(store) == full_build(corpus, tmp_path)
    trig = kg.open_store(store)
    assert (tmp_path / "out" / "kg.trig").stat().st_size > 0 and trig is not None
    (corpus / "a3.yaml").unlink()
    assert build(corpus, store=store, out=None).compiled == 0
    assert quads(store) == full_build(corpus, tmp_path)


def test_a_changed_registry_rebuilds_the_store_whole(split, tmp_path):
    corpus, _ = split
    store = str(tmp_path / "store")
    build(corpus, store=store, out=None)
    registry = corpus / "registry.yaml"
    registry.write_text(registry.read_text().replace("label: The Weekly", "label: The Weekly Digest"))
    assert build(corpus, store=store, out=None).compiled is None
    with pytest.raises(kg.KGError, match="E211"):
        registry.write_text(registry.read_text().replace("Digest", "Review"))
        add_articles([DATA / "tiny" / "a2.yaml"], store)


def test_analysis_written_to_the_store_is_dropped_as_a_full_build_drops_it(split, tmp_path):
    corpus, new = split
    store = str(tmp_path / "store")
    build(corpus, store=store, out=None)
    kg.store.replace_graph(store, "https://kg.example.org/graph/analysis", [])
    from rdflib import Literal, URIRef

    analysis = "https://kg.example.org/graph/analysis"
    kg.store.replace_graph(
        store, analysis, [(URIRef("https://x.example/a"), URIRef("https://x.example/b"), Literal(1))]
    )
    add_articles([new], store)
    assert not any(analysis in q for q in quads(store))


# --- bad input and faults: the store and the corpus as they were ----------------------------------


def test_an_article_with_a_bad_quote_is_refused_and_nothing_changes(split, tmp_path):
    corpus, new = split
    store = str(tmp_path / "store")
    build(corpus, store=store, out=None)
    before, files = quads(store), corpus_files(corpus)
    path = new / "a2.yaml"
    path.write_text(path.read_text().replace("returned 86 children from Iraq on", "returned 99 goats on"))
    with pytest.raises(kg.KGError, match="E101"):
        add_articles([new], store)
    assert quads(store) == before and corpus_files(corpus) == files


def test_an_unknown_id_is_refused_with_the_closest_one(split, tmp_path):
    corpus, _ = split
    store = str(tmp_path / "store")
    build(corpus, store=store, out=None)
    with pytest.raises(kg.KGError, match=r"E213 no article 'a11' .*did you mean 'a1'"):
        remove_articles(["a11"], store)


def test_an_interrupt_during_the_write_leaves_store_and_corpus_as_they_were(split, tmp_path, monkeypatch):
    corpus, new = split
    store = str(tmp_path / "store")
    build(corpus, store=store, out=None)
    before, files = quads(store), corpus_files(corpus)

    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(StoreEdit, "apply", interrupted)
    with pytest.raises(KeyboardInterrupt):
        add_articles([new], store)
    with pytest.raises(KeyboardInterrupt):
        remove_articles(["a1"], store)
    monkeypatch.undo()
    assert quads(store) == before and corpus_files(corpus) == files
    assert (corpus / ".removed").exists() is False or not any((corpus / ".removed").iterdir())
    build(corpus, store=store, out=None)  # the change cut short is settled: still the corpus as it is
    assert quads(store) == full_build(corpus, tmp_path)


def test_a_killed_add_leaves_the_old_or_the_new_graph_and_kg_build_settles_it(split, tmp_path):
    corpus, new = split
    store = str(tmp_path / "store")
    build(corpus, store=store, out=None)
    old = quads(store)
    shutil.copytree(corpus, tmp_path / "grown")
    shutil.copy(new / "a2.yaml", tmp_path / "grown")
    shutil.copy(new / "a2.txt", tmp_path / "grown")
    grown = full_build(tmp_path / "grown", tmp_path)
    for delay in (0.5, 1.0, 1.5, 2.5):
        process = subprocess.Popen([sys.executable, "-m", "kg.cli", "add", str(new), "--store", store, "--replace"])
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = quads(store)
        assert now in (old, grown)
    build(corpus, store=store, out=None)
    assert quads(store) == full_build(corpus, tmp_path)


def test_the_command_line_adds_and_removes(split, tmp_path):
    corpus, new = split
    store = str(tmp_path / "store")
    assert run_kg("build", "--seeds", str(corpus), "--store", store, "--no-trig").returncode == 0
    added = run_kg("add", str(new), "--store", store)
    assert added.returncode == 0, added.stderr
    assert added.stderr.startswith("1 added in")
    again = run_kg("add", str(new), "--store", store)
    assert again.returncode == 1
    assert again.stderr.startswith("error: E212 ") and again.stderr.count("\n") == 1
    removed = run_kg("remove", "a2", "--store", store)
    assert removed.returncode == 0 and removed.stderr.startswith("1 removed in")
    unknown = run_kg("remove", "nope", "--store", store)
    assert unknown.returncode == 1 and unknown.stderr.startswith("error: E213 no article 'nope'")


def test_derived_quads_as_lines_are_the_lines_pyoxigraph_writes(tmp_path):
    """An in-place change diffs the cross-source and listing graphs as N-Quads lines; they must be the
    lines ``str`` of the quads a full build loads, or every change would rewrite all of them."""
    corpus = kg.read_corpus(SEEDS)
    compiled = CompiledCorpus(corpus.registry, corpus.articles, ontology=False, terms=OxigraphTerms())
    list(compiled)
    mentions = {"x": 1}
    as_quads = {str(q) for q in compile_crosssource(compiled.groups, corpus.registry, mentions, OxigraphTerms())}
    as_lines = set(compile_crosssource(compiled.groups, corpus.registry, mentions, LineTerms()))
    assert len(as_lines) > 1000
    assert as_lines == as_quads
    odd = 'a "quoted"\tline\\ with\x00 controls\x7f and \u00e9\ufffe\n'
    t = LineTerms()
    assert t.literal(odd) == str(OxigraphTerms().literal(odd))
    assert (
        parse_lines([t.quad(t.iri("http://x/s"), t.iri("http://x/p"), t.literal(odd), t.iri("http://x/g"))])[
            0
        ].object.value
        == odd
    )


def copy_of(corpus: Path, article: str, name: str, outlet: str, published: str, to: Path) -> Path:
    """A wire copy of ``article``: the same text, republished by ``outlet`` on ``published``, under ``name``,
    annotated as a copy may be: its figures only, without their event, said of another country."""
    text = yaml.safe_load((corpus / f"{article}.yaml").read_text(encoding="utf-8"))
    text["article"].update(outlet=outlet, published=published)
    text.pop("events", None)
    text["claims"] = [claim for claim in text.get("claims", []) if "quantity" in claim]
    for claim in text["claims"]:
        claim.pop("about", None)
        claim["subject"] = "c0"
    (to / f"{name}.yaml").write_text(yaml.safe_dump(text, sort_keys=False), encoding="utf-8")
    shutil.copyfile(corpus / f"{article}.txt", to / f"{name}.txt")
    return to / f"{name}.yaml"


def test_a_change_compares_again_only_the_articles_it_reaches_and_equals_a_full_build(tmp_path):
    """Articles about other countries and events are not compared again; copies of one text are, with the
    copy clusters of the whole corpus: a copy added after or before its original, the original removed."""
    corpus, new = tmp_path / "corpus", tmp_path / "new"
    generated(corpus, 80)
    new.mkdir()
    store = str(tmp_path / "store")
    build(corpus, store=store, out=None)
    entities = yaml.safe_load((corpus / "registry.yaml").read_text(encoding="utf-8"))["entities"]
    outlets = sorted(e for e, about in entities.items() if about["type"] == "MediaOutlet")
    phases: list[str] = []

    later = copy_of(corpus, "a000010", "z-later", outlets[-1], "2030-01-01", new)
    add_articles([later], store, on_phase=phases.append)
    reached = [int(p.split()[4]) for p in phases if p.startswith("compare the claims of")]
    assert reached and reached[-1] < 40
    assert quads(store) == full_build(corpus, tmp_path)
    original = kg.query(
        "SELECT ?o WHERE { ?c kg:originalSource ?o ; kg:quote ?q . FILTER(CONTAINS(STR(?c), 'z-later')) }", store=store
    )
    assert len(original) > 0  # the copy's claims count for the outlet it copies

    earlier = copy_of(corpus, "a000020", "z-earlier", outlets[0], "1990-01-01", new)
    add_articles([earlier], store)  # now the first of its cluster: the original's claims count for it
    assert quads(store) == full_build(corpus, tmp_path)
    remove_articles(["a000010"], store)  # z-later stands alone again
    assert quads(store) == full_build(corpus, tmp_path)
    remove_articles(["z-earlier"], store)
    assert quads(store) == full_build(corpus, tmp_path)
