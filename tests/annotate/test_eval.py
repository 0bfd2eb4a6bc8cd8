import csv
import io

from kg.annotate.eval import LAYERS, EvalReport, LayerScore, evaluate, format_report, held_out_registry, score
from kg.model import Entity, Kind, Registry


def test_precision_recall_and_f1():
    assert score(tp=8, predicted=10, gold=16) == (0.8, 0.5, 0.615)
    assert score(tp=0, predicted=0, gold=3) == (0.0, 0.0, 0.0)


def test_aliases_only_the_scored_article_contains_are_held_out():
    registry = Registry(
        entities={"tokayev": Entity("tokayev", "Person", "Kassym-Jomart Tokayev", aliases=("Tokayev", "Toqaev"))},
        kinds={"children": Kind("children", "children", aliases=("minors", "kids"))},
    )
    held, count = held_out_registry(registry, ["Tokayev spoke of minors."])
    assert held.entities["tokayev"].aliases == ("Tokayev",)
    assert held.kinds["children"].aliases == ("minors",)
    assert held.entities["tokayev"].label == "Kassym-Jomart Tokayev"
    assert count == 2


def test_seed_scores_meet_the_targets(seed_corpus):
    """The figures recorded in BENCHMARKS.md: leave-one-article-out on the five seed articles."""
    report = evaluate("seeds")
    overall = report.overall()
    assert set(report.articles) == {a.article.id for a in seed_corpus.articles}
    assert overall["actors"].prf[2] >= 0.90
    assert overall["quantities"].prf[2] >= 0.85
    assert overall["quantities"].extra_right / overall["quantities"].tp >= 0.80
    assert overall["relations"].prf[2] >= 0.60
    table = format_report(report)
    assert table.splitlines()[0].split() == ["article", "layer", "P", "R", "F1", "tp", "pred", "gold"]
    assert "leave-one-article-out" in table.splitlines()[-1]


def test_layer_scores_add_up():
    total = LayerScore()
    total.add(LayerScore(tp=2, predicted=3, gold=4))
    total.add(LayerScore(tp=1, predicted=1, gold=2))
    assert (total.tp, total.predicted, total.gold, total.prf) == (3, 4, 6, (0.75, 0.5, 0.6))


def test_csv_report_cells_that_a_spreadsheet_would_run_get_a_quote_in_front():
    report = EvalReport(articles={"=cmd|' /C calc'!A0": {layer: LayerScore(1, 2, 2) for layer in LAYERS}})
    rows = list(csv.DictReader(io.StringIO(format_report(report, "csv"))))
    assert rows[0]["article"] == "'=cmd|' /C calc'!A0"
    assert (rows[0]["tp"], rows[0]["precision"]) == ("1", "0.5")
