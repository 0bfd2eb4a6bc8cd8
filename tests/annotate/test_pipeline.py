import pytest

from kg.annotate.components import Draft, component, unregister
from kg.annotate.pipeline import DEFAULT_PIPELINE, Pipeline, PipelineConfig, read_pipeline_config
from kg.annotate.readers import Skipped
from kg.annotate.registrations import get_component
from kg.errors import KGError
from kg.model import Article

from ..conftest import write


def test_the_default_pipeline_is_checked_and_named_in_order():
    assert Pipeline.check(DEFAULT_PIPELINE) == list(DEFAULT_PIPELINE)
    assert get_component("entities").requires == ("doc",)
    assert "mentions" in get_component("entities").assigns


def test_a_component_whose_input_nobody_assigns_is_rejected():
    with pytest.raises(KGError, match="E652 pipeline: component 'quantities' requires 'mentions'"):
        Pipeline.check(["nlp", "quantities"])


def test_an_unknown_component_is_named_with_the_known_ones():
    with pytest.raises(KGError, match=r"E651 unknown annotation component 'ner2'; known: .*entities"):
        Pipeline.check(["nlp", "ner2"])


def test_a_registered_component_runs_in_a_configured_pipeline(registry):
    @component("shout", requires=("article",), assigns=("title",))
    def shout(doc: Draft) -> Draft:
        doc.article.title = doc.article.title.upper()
        return doc

    try:
        pipe = Pipeline(registry, PipelineConfig(("shout",)))
        article = Article(id="a", text="Tokayev spoke.", title="tokayev spoke", outlet="x")
        assert pipe(article).article.title == "TOKAYEV SPOKE"
        assert article.title == "tokayev spoke"  # the input is not changed
    finally:
        unregister("shout")


def test_pipeline_config_from_toml_and_yaml(tmp_path, registry):
    toml = write(
        tmp_path / "p.toml",
        """
        [pipeline]
        components = ["nlp", "entities"]
        [nlp]
        batch_size = 4
        """,
    )
    config = read_pipeline_config(toml)
    assert (config.components, config.settings) == (("nlp", "entities"), {"nlp": {"batch_size": 4}})
    yaml_file = write(
        tmp_path / "p.yaml", "pipeline:\n  components: [nlp, entities, dates]\nentities:\n  generic_government: false\n"
    )
    assert read_pipeline_config(yaml_file).settings == {"entities": {"generic_government": False}}
    pipe = Pipeline(registry, toml)
    annotated = pipe(Article(id="a", text="Tokayev visited Syria.", title="", outlet="x"))
    assert ([m.span.quote for m in annotated.mentions], annotated.claims) == (["Tokayev", "Syria"], [])


def test_a_malformed_config_names_the_file(tmp_path):
    bad = write(tmp_path / "bad.toml", "[pipeline]\ncomponents = 'nlp'\n")
    with pytest.raises(KGError, match=r"E650 .*bad.toml: malformed pipeline configuration: pipeline.components"):
        read_pipeline_config(bad)


def test_an_article_too_long_is_skipped_and_the_batch_goes_on(registry):
    pipe = Pipeline(registry, PipelineConfig(settings={"nlp": {"max_chars": 200}}))
    articles = [
        Article(id="long", text="Tokayev visited Syria. " * 20, title="", outlet="x", source_file="long.txt"),
        Article(id="short", text="Tokayev visited Syria.", title="", outlet="x"),
    ]
    long, short = pipe.pipe(articles)
    assert isinstance(long, Skipped)
    assert (long.path, long.reason) == (
        "long.txt",
        "the article is 460 characters long; the limit is 200 (split it into articles) (E654)",
    )
    assert [m.span.quote for m in short.mentions] == ["Tokayev", "Syria"]


def test_an_article_with_no_entities_gets_no_annotations(annotate_text):
    annotated = annotate_text("It rained all day and nobody went out.")
    assert (annotated.mentions, annotated.claims, annotated.operations, annotated.statements) == ([], [], [], [])


def test_two_processes_give_the_same_annotations_as_one(registry):
    texts = [
        "Tajikistan repatriated 84 minors from Iraq, the Tajik government said.",
        "Kasym-Zhomart Tokayev thanked UNICEF.",
        "About 400 Kazakhstanis have left for Syria.",
    ]
    articles = [Article(id=f"a{i}", text=t, title="", outlet="x") for i, t in enumerate(texts)]

    def summary(results):
        return [([m.span.quote for m in r.mentions], [(c.subject, c.predicate) for c in r.claims]) for r in results]

    one = list(Pipeline(registry).pipe(articles, batch_size=2))
    two_pipe = Pipeline(registry)
    two = list(two_pipe.pipe(articles, batch_size=1, processes=2))
    assert summary(two) == summary(one)
    assert set(two_pipe.proposed) >= {"x"}  # the outlet proposed in a worker comes back


def test_annotate_with_nothing_new_returns_a_report_that_says_so_and_writes_nothing(tmp_path, registry):
    from kg.annotate.pipeline import annotate

    write(tmp_path / "a.txt", "Tajikistan repatriated 84 minors from Iraq.\n")
    write(tmp_path / "a.yaml", "# curated by hand\n")
    report = annotate([tmp_path], tmp_path, registry=registry)
    assert (report.nothing_new, report.annotated, report.skipped) == (True, [], [])
    assert report.existing == [tmp_path / "a.yaml"]
    assert report.summary() == (
        f"nothing new to annotate: the 1 article read already has annotations in {tmp_path} (--force annotates again)"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "a.yaml"]  # no registry.yaml written
