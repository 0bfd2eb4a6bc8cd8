"""Source independence: copies, near-copies and relayed reports count as one original source."""

import json
import os
import subprocess
import sys

from kg.compile.crosssource import compare, compared_claims
from kg.compile.sources import copy_clusters, fingerprint
from kg.model import Annotated, Article, Claim, Quantity, Span

STORY = (
    "Kazakhstan has flown home 231 of its citizens from Syria, the National Security Committee said on Friday. "
    "Most of those brought back in the operation, the second of its kind this year, are children. "
    "The returnees were taken to a rehabilitation centre in the Mangistau region, where they will receive "
    "medical care and psychological support before rejoining their families. "
    "Officials said more flights would follow once the security situation allows."
)
OTHER_STORY = (
    "Uzbekistan brought back 231 people from camps in northeast Syria in an operation it called Mehr. "
    "Officials in Tashkent said the women and children would be housed in a sanatorium outside the capital. "
    "Relatives gathered outside the building on Friday hoping to see daughters and grandchildren. "
    "The foreign ministry said the operation had been prepared for months with several partners."
)


def article(ident, outlet, body, published=None, via=()):
    text = f"Headline of {ident}\n\n{body}\n"
    a = Article(id=ident, text=text, title=f"Headline of {ident}", outlet=outlet, published=published, via=via)
    start = text.index("231")
    claim = Claim(
        span=Span(start, start + 3, "231"),
        speaker=outlet,
        subject="kazakhstan",
        predicate="repatriated",
        quantity=Quantity(value=231, kind="people"),
        about="zhusan-2",
    )
    return Annotated(article=a, claims=[claim])


def statuses(*articles):
    claims = [c for a in articles for c in compared_claims(a)]
    compare(claims)
    return {(c.article, c.status, c.outlet_count, c.original) for c in claims}


def test_two_independent_outlets_agreeing_corroborate():
    assert statuses(article("a", "kazinform", STORY), article("b", "reuters", OTHER_STORY)) == {
        ("a", "corroborated", 2, "kazinform"),
        ("b", "corroborated", 2, "reuters"),
    }


def test_the_same_text_on_two_sites_is_one_source_named_by_the_earliest():
    assert statuses(
        article("copy", "arab-news", STORY),
        article("first", "france24", STORY, published="2019-05-09"),
    ) == {("copy", "single-source", 1, "france24"), ("first", "single-source", 1, "france24")}


def test_a_copy_that_relays_a_wire_counts_as_the_wire():
    assert statuses(
        article("site", "arab-news", STORY, published="2019-05-10", via=("afp",)),
        article("wire", "afp", STORY, published="2019-05-09"),
    ) == {("site", "single-source", 1, "afp"), ("wire", "single-source", 1, "afp")}


def test_an_article_relaying_afp_agreeing_with_afp_is_single_source():
    assert statuses(
        article("relay", "tca", OTHER_STORY, via=("afp",)),
        article("wire", "afp", STORY),
    ) == {("relay", "single-source", 1, "afp"), ("wire", "single-source", 1, "afp")}


def test_a_near_copy_with_one_sentence_changed_counts_once():
    edited = STORY.replace(
        "Officials said more flights would follow once the security situation allows.",
        "A further flight is planned for the summer, a spokesman added.",
    )
    assert statuses(article("a", "france24", STORY, "2019-05-09"), article("b", "arab-news", edited)) == {
        ("a", "single-source", 1, "france24"),
        ("b", "single-source", 1, "france24"),
    }


def test_two_different_articles_on_one_topic_are_not_merged():
    prints = [fingerprint(article(i, o, s).article) for i, o, s in (("a", "x", STORY), ("b", "y", OTHER_STORY))]
    assert copy_clusters(prints) == []


def test_a_third_independent_outlet_makes_the_copies_corroborated_by_two_sources():
    assert statuses(
        article("first", "france24", STORY, "2019-05-09"),
        article("copy", "arab-news", STORY),
        article("own", "kazinform", OTHER_STORY),
    ) == {
        ("first", "corroborated", 2, "france24"),
        ("copy", "corroborated", 2, "france24"),
        ("own", "corroborated", 2, "kazinform"),
    }


def test_short_texts_are_never_copies():
    short = [fingerprint(Article(id=i, text="Headline\n231 people returned.", title="", outlet=i)) for i in "ab"]
    assert copy_clusters(short) == []


def test_copy_detection_is_linear_enough_for_many_articles():
    import time

    bodies = [f"{STORY} Report number {i} from desk {i * 7} on day {i % 28} with note {i * 13}." for i in range(2000)]
    started = time.perf_counter()
    clusters = copy_clusters(
        fingerprint(Article(id=str(i), text="H\n" + b, title="", outlet="o")) for i, b in enumerate(bodies)
    )
    assert [len(c) for c in clusters] == [2000]
    assert time.perf_counter() - started < 10


def test_the_graph_names_the_original_source_of_a_copy():
    from kg.compile.corpus import CompiledCorpus, to_dataset
    from kg.model import Registry
    from kg.namespace import KG
    from kg.terms import entity_iri

    compiled = CompiledCorpus(
        Registry(),
        [article("first", "france24", STORY, "2019-05-09"), article("copy", "arab-news", STORY)],
        ontology=False,
    )
    ds = to_dataset(compiled)
    copy = next(m.iri for g in compiled.groups for m in g.members if m.article == "copy")
    assert {o for _, _, o, _ in ds.quads((copy, KG.originalSource, None, None))} == {entity_iri("france24")}
    first = next(m.iri for g in compiled.groups for m in g.members if m.article == "first")
    assert list(ds.quads((first, KG.originalSource, None, None))) == []


def test_an_articles_bands_are_the_same_in_every_process():
    """kg build caches the bands; kg add, another process, must find a copy of a cached article by them."""
    story = " ".join(f"word{i}" for i in range(60))
    code = (
        "from kg.compile.sources import fingerprint; from kg.model import Article; "
        f"print(list(fingerprint(Article(id='w', text='H\\n{story}', title='t', outlet='afp')).bands))"
    )
    mine = list(fingerprint(Article(id="w", text=f"H\n{story}", title="t", outlet="afp")).bands)
    for seed in ("1", "2"):
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert json.loads(out.stdout) == mine
