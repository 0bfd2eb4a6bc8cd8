"""``kg eval --gold DIR``: scoring proposals and statuses against a hand-made gold folder.

``data/gold-mini`` holds three short articles: 01 (Asia Wire) says 84 children and 12 women were
returned, 02 (Pamir Herald) says 86 children and 12 women, and 03 (Central Times) republishes 01. So
the children conflict, the women are corroborated, and 01's "about 300" in camps, repeated only by
its copy, stays single-source. The proposals below are written by hand, each right or wrong on
purpose, so that every number of the report is known.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.annotate.gold import (
    GOLD_LAYERS,
    GoldReport,
    evaluate_gold,
    format_gold_report,
    read_gold,
    score_gold,
)
from kg.errors import KGError
from kg.model import Annotated, Article, Claim, Entity, Kind, Mention, Operation, Quantity, Registry, Span, Statement
from kg.terms import claim_iri

from ..conftest import SEEDS, run_kg

GOLD = Path(__file__).parent / "data" / "gold-mini"
WIRE, HERALD, COPY = "01_wire_tajik", "02_herald_tajik", "03_times_copy"

REGISTRY = Registry(
    entities={
        e.id: e
        for e in (
            Entity("tajikistan", "Country", "Tajikistan"),
            Entity("iraq", "Country", "Iraq"),
            Entity("syria", "Country", "Syria"),
            Entity("dushanbe", "Person", "Dushanbe"),  # a city typed as a person: the wrong top type
            Entity("baghdad", "Place", "Baghdad"),
            Entity("asia-wire", "MediaOutlet", "Asia Wire"),
            Entity("pamir-herald", "MediaOutlet", "Pamir Herald"),
            Entity("tuesday", "Organisation", "Tuesday"),  # junk
            Entity("tajik-mfa", "GovernmentBody", "Ministry of Foreign Affairs of Tajikistan"),
            Entity("tajik-government", "GovernmentBody", "Government of Tajikistan"),
            Entity("anvar-rahimov", "Person", "Anvar Rahimov"),
            Entity("tajik-citizens", "Group", "Tajik citizens"),  # unnamed group: not scored
            Entity("tajik-return-2019-04", "Operation", "Tajik return of children, April 2019"),
            Entity("tajikistan-iraq-return", "Operation", "Tajikistan Iraq return"),
        )
    },
    kinds={k.id: k for k in (Kind("people", "people"), Kind("children", "children"), Kind("women", "women"))},
)


def _mentions(text: str, forms: dict[str, str]) -> list[Mention]:
    return [Mention(Span.of(text, form), (entity,)) for form, entity in forms.items()]


def _claim(text: str, sentence: str, speaker: str, value: int, kind: str | None, counted: str, **q) -> Claim:
    quantity = Quantity(value=value, counted=counted, kind=kind, **q)
    return Claim(Span.of(text, sentence), speaker, "tajikistan", "returned", quantity=quantity)


@pytest.fixture(scope="module")
def gold():
    return read_gold(GOLD)


@pytest.fixture(scope="module")
def proposed(gold):
    """Hand-made proposals for the three articles."""
    wire, herald, copy = (gold.articles[a].text for a in (WIRE, HERALD, COPY))
    s1 = "DUSHANBE, April 30 (Asia Wire) - Tajikistan repatriated 84 children and 12 women from Iraq on Tuesday"
    s2 = "About 300 Tajik citizens remain in camps in Syria, according to Anvar Rahimov, a ministry spokesman."
    t1 = "Eighty-six children and 12 women were flown from Baghdad on April 30, the Tajik government said."
    t2 = "The plane landed in Dushanbe, the capital of Tajikistan."
    wire_forms = {"Tajikistan": "tajikistan", "Iraq": "iraq", "DUSHANBE": "dushanbe", "Asia Wire": "asia-wire",
                  "Tuesday": "tuesday", "Foreign Ministry": "tajik-mfa", "Tajik citizens": "tajik-citizens",
                  "Syria": "syria"}  # fmt: skip
    one = Annotated(
        Article(WIRE, wire, "", "asia-wire"),
        mentions=_mentions(wire, wire_forms),
        operations=[
            Operation(
                "tajik-return-2019-04",
                Span.of(wire, s1),
                "asia-wire",
                on="2019-04-30",
                agents=("tajikistan",),
                origin=("iraq",),
            )
        ],
        claims=[
            _claim(wire, "Tajikistan brings home 84 children from Iraq", "asia-wire", 84, "children", "children"),
            _claim(wire, s1, "tajik-mfa", 84, "children", "children"),
            _claim(wire, s1, "asia-wire", 12, "women", "women"),
            _claim(wire, s2, "anvar-rahimov", 300, "people", "Tajik citizens", approximate=True),
        ],
        statements=[
            Statement(Span.of(wire, s1), "asia-wire"),  # the gold says the Foreign Ministry
            Statement(Span.of(wire, s2), "anvar-rahimov"),
        ],
    )
    two = Annotated(
        Article(HERALD, herald, "", "pamir-herald"),
        mentions=_mentions(
            herald, {"Baghdad": "baghdad", "Tajik government": "tajik-government", "Tajikistan": "tajikistan"}
        ),
        claims=[
            _claim(herald, t1, "tajik-government", 86, "children", "children"),
            _claim(herald, t1, "pamir-herald", 12, "children", "women"),  # the wrong kind
            Claim(Span.of(herald, t2), "pamir-herald", "dushanbe", "locatedIn", object="tajikistan"),
            Claim(Span.of(herald, t2), "pamir-herald", "dushanbe", "thanked", object="tajikistan"),  # not scored
        ],
        statements=[Statement(Span.of(herald, t1), "tajik-government")],  # its gold lists no statements
    )
    three = Annotated(
        Article(COPY, copy, "", "asia-wire"),
        mentions=_mentions(copy, {k: v for k, v in wire_forms.items() if k != "Tuesday"}),
        operations=[Operation("tajikistan-iraq-return", Span.of(copy, s1), "asia-wire")],
        claims=[
            _claim(copy, s1, "tajik-mfa", 84, "children", "children"),
            _claim(copy, s1, "tajik-mfa", 12, None, "women"),  # no kind: "women" is counted
        ],
    )
    return {WIRE: one, HERALD: two, COPY: three}


@pytest.fixture(scope="module")
def report(gold, proposed) -> GoldReport:
    """Statuses and claim groups as a build might give them, one right or wrong on purpose."""
    wire, herald, copy = proposed[WIRE].claims, proposed[HERALD].claims, proposed[COPY].claims

    def iri(article: str, claim: Claim) -> str:
        return str(claim_iri(article, claim))

    statuses = {
        iri(WIRE, wire[0]): ("conflicting", "g:children"),  # the headline: not in the gold
        iri(WIRE, wire[1]): ("conflicting", "g:children"),
        iri(WIRE, wire[2]): ("corroborated", "g:women"),
        iri(WIRE, wire[3]): ("conflicting", "g:children"),  # should be single-source, in a group of its own
        iri(HERALD, herald[0]): ("single-source", "g:children-2"),  # should conflict
        iri(HERALD, herald[1]): ("corroborated", "g:women"),  # matches no gold claim
        iri(COPY, copy[0]): ("conflicting", "g:children"),
        iri(COPY, copy[1]): ("single-source", "g:women"),  # should be corroborated
    }
    return score_gold(gold, proposed, REGISTRY, statuses)


def _counts(report: GoldReport, article: str) -> dict[str, tuple[int, int, int]]:
    layers = report.overall() if article == "all" else report.articles[article]
    return {layer: (layers[layer].tp, layers[layer].predicted, layers[layer].gold) for layer in GOLD_LAYERS}


def test_the_gold_folder_is_read_with_its_groups_and_statuses(gold):
    assert list(gold.articles) == [WIRE, HERALD, COPY]
    assert [len(a.actors) for a in gold.articles.values()] == [7, 4, 7]
    assert [len(a.claims) for a in gold.articles.values()] == [3, 2, 3]
    assert [(g.id, g.verdict, len(g.members)) for g in gold.groups] == [
        ("G1_children", "conflict", 3), ("G2_women", "agree", 3), ("G3_camps", "agree", 2)]  # fmt: skip
    assert sorted(gold.statuses.values()).count("conflicting") == 3
    assert gold.statuses[(COPY, 2)] == "single-source"
    assert gold.articles[WIRE].claims[2].label == "about 300 Tajik citizens in camps in Syria"


def test_actors_match_by_surface_form_and_a_wrong_top_type_is_counted(report):
    # 01: 7 proposed (the unnamed group left out), 6 right; "Tuesday" is junk, Anvar Rahimov is missed
    assert _counts(report, WIRE)["actors"] == (6, 7, 7)
    assert _counts(report, HERALD)["actors"] == (3, 3, 4)  # Dushanbe not proposed
    assert _counts(report, COPY)["actors"] == (6, 6, 7)
    assert report.wrong_type == {WIRE: 1, HERALD: 0, COPY: 1}  # the city proposed as a person
    wrong = [(m.article, m.gold, m.proposed) for m in report.misses if m.what == "wrong top type"]
    assert wrong == [(WIRE, "Dushanbe (Place)", "Dushanbe (Person)"), (COPY, "Dushanbe (Place)", "Dushanbe (Person)")]
    missed = [(m.article, m.gold) for m in report.misses if m.layer == "actors" and m.what == "missed"]
    assert missed == [(WIRE, "Anvar Rahimov (Person): Anvar Rahimov"), (HERALD, "Dushanbe (Place): Dushanbe"),
                      (COPY, "Anvar Rahimov (Person): Anvar Rahimov")]  # fmt: skip
    junk = [(m.article, m.proposed) for m in report.misses if m.layer == "actors" and m.what == "false positive"]
    assert junk == [(WIRE, "Tuesday (Organisation)")]


def test_operations_match_by_name_or_by_date_and_participants(report):
    assert _counts(report, WIRE)["operations"] == (1, 1, 1)  # same date, same agent and origin
    assert _counts(report, HERALD)["operations"] == (0, 0, 1)
    assert _counts(report, COPY)["operations"] == (1, 1, 1)  # the gold name without "(Apr 2019)"


def test_quantity_claims_need_the_number_the_kind_and_the_sentence(report):
    # 01: the headline repeats the body's figure in another sentence: a false positive
    assert _counts(report, WIRE)["quantities"] == (3, 4, 3)
    # 02: 12 children where the gold says 12 women: missed, and proposed instead
    assert _counts(report, HERALD)["quantities"] == (1, 2, 2)
    assert _counts(report, COPY)["quantities"] == (2, 2, 3)
    missed = [(m.article, m.gold, m.proposed) for m in report.misses if m.layer == "quantities" and m.what == "missed"]
    assert missed == [
        (HERALD, "12 women flown from Baghdad [women]", "86 children [children]; 12 women [children]"),
        (COPY, "about 300 Tajik citizens in camps in Syria [people]", ""),
    ]


def test_speakers_are_scored_on_matched_claims_that_name_one(report):
    assert _counts(report, WIRE)["quantity speakers"] == (2, 3, 3)  # 12 women given to the outlet
    assert _counts(report, HERALD)["quantity speakers"] == (1, 1, 1)
    assert _counts(report, COPY)["quantity speakers"] == (2, 2, 2)
    wrong = [(m.gold, m.proposed) for m in report.misses if m.layer == "quantity speakers"]
    assert wrong == [("12 women returned from Iraq: Ministry of Foreign Affairs of Tajikistan",
                      "12 women [women]: Asia Wire")]  # fmt: skip


def test_statement_speakers_are_scored_where_the_gold_lists_statements(report):
    assert _counts(report, WIRE)["statement speakers"] == (1, 2, 2)  # the ministry's words given to the outlet
    assert _counts(report, HERALD)["statement speakers"] == (0, 0, 0)  # no gold statements: not scored
    wrong = [(m.what, m.gold, m.proposed) for m in report.misses if m.layer == "statement speakers"]
    assert wrong == [
        ("wrong speaker", "Ministry of Foreign Affairs of Tajikistan", "Asia Wire"),
        ("false positive", "", "Asia Wire"),
    ]
    shown = {(r["article"], r["layer"]) for r in report.rows()}
    assert {(WIRE, "statement speakers"), ("all", "statement speakers")} <= shown
    assert (HERALD, "statement speakers") not in shown


def test_relations_with_a_kg_predicate_are_scored_and_the_others_counted(report):
    assert _counts(report, HERALD)["relations"] == (1, 1, 1)  # located_in = locatedIn; "thanked" not scored
    assert _counts(report, WIRE)["relations"] == (0, 0, 0)
    assert report.unscored_relations == {WIRE: 1, HERALD: 0, COPY: 1}  # official_of has no kg predicate


def test_overall_scores_sum_the_articles(report):
    assert _counts(report, "all") == {
        "actors": (15, 16, 18),
        "operations": (2, 2, 3),
        "quantities": (6, 8, 8),
        "quantity speakers": (5, 6, 6),
        "statement speakers": (1, 2, 2),
        "relations": (1, 1, 1),
    }
    rows = {(r["article"], r["layer"]): r for r in report.rows()}
    assert (rows["all", "actors"]["precision"], rows["all", "actors"]["recall"]) == (0.938, 0.833)
    assert rows["all", "actors"]["wrong_top_type"] == 2
    assert rows["all", "quantities"]["f1"] == 0.75
    assert rows["all", "quantity speakers"]["recall"] == 0.833
    assert rows["all", "relations"]["unscored"] == 2


def test_statuses_get_a_precision_over_every_claim_with_them_and_a_recall(report):
    rows = {
        r["status"]: (r["tp"], r["predicted"], r["gold"], r["precision"], r["recall"]) for r in report.status_rows()
    }
    # conflicting: 4 given (one is the headline, one the "about 300"), 2 of the 3 gold conflicts found
    assert rows["conflicting"] == (2, 4, 3, 0.5, 0.667)
    assert rows["corroborated"] == (1, 2, 3, 0.5, 0.333)
    assert rows["single-source"] == (0, 2, 2, 0.0, 0.0)
    assert report.confusion["conflicting"] == {"conflicting": 2, "corroborated": 0, "single-source": 1,
                                               "no status": 0, "no claim": 0}  # fmt: skip
    assert report.confusion["corroborated"] == {"conflicting": 0, "corroborated": 1, "single-source": 1,
                                                "no status": 0, "no claim": 1}  # fmt: skip
    assert report.confusion["single-source"] == {"conflicting": 1, "corroborated": 0, "single-source": 0,
                                                 "no status": 0, "no claim": 1}  # fmt: skip
    wrong = [(m.article, m.what, m.gold, m.proposed) for m in report.misses if m.layer == "statuses"]
    assert wrong == [
        (WIRE, "expected single-source", "about 300 Tajik citizens in camps in Syria", "about 300 Tajik citizens [people]: conflicting"),
        (HERALD, "expected conflicting", "86 children flown from Baghdad", "86 children [children]: single-source"),
        (HERALD, "expected corroborated", "12 women flown from Baghdad", "no claim"),
        (COPY, "expected corroborated", "12 women returned from Iraq", "12 women [no kind]: single-source"),
        (COPY, "expected single-source", "about 300 Tajik citizens in camps in Syria", "no claim"),
        (WIRE, "false positive", "", "84 children [children]: conflicting"),
        (HERALD, "false positive", "", "12 women [children]: corroborated"),
    ]  # fmt: skip


def test_each_gold_group_is_found_whole_split_or_merged(report):
    outcomes = {g.id: (g.matched, g.members, g.machine_groups, g.outcome, g.merged_with, g.unmatched)
                for g in report.groups}  # fmt: skip
    assert outcomes == {
        "G1_children": (3, 3, 2, "split", ("G3_camps",), 1),  # 86 in a group of its own; the camps figure inside
        "G2_women": (2, 3, 1, "whole", (), 1),  # the 12 "children" of 02 sits in it
        "G3_camps": (1, 2, 1, "whole", ("G1_children",), 1),
    }
    first = report.groups[0]
    assert (first.verdict, first.expected, first.given) == (
        "conflict", {"conflicting": 3}, {"conflicting": 2, "single-source": 1})  # fmt: skip
    assert first.merged == "G3_camps, 1 unmatched"


def test_the_table_csv_and_json_give_the_same_numbers(report):
    table = format_gold_report(report, misses=True)
    lines = table.splitlines()
    assert lines[0].split() == ["article", "layer", "P", "R", "F1", "tp", "pred", "gold"]
    cells = [line.split() for line in lines]
    assert ["all", "quantities", "0.750", "0.750", "0.750", "6", "8", "8"] in cells
    assert ["conflicting", "0.500", "0.667", "0.571", "2", "4", "3"] in cells
    assert ["conflicting", "2", "0", "1", "0", "0"] in cells  # expected conflicting, given ...
    assert ["G1_children", "conflict", "3", "conflicting", "2", "conflicting,", "1", "single-source", "3/3", "2",
            "split", "G3_camps,", "1", "unmatched"] in cells  # fmt: skip
    assert "Tuesday (Organisation)" in table  # the misses
    assert "Tuesday (Organisation)" not in format_gold_report(report)
    csv_rows = format_gold_report(report, "csv").splitlines()
    assert csv_rows[0] == "article,layer,tp,predicted,gold,precision,recall,f1,wrong_top_type,unscored"
    assert "all,quantities,6,8,8,0.75,0.75,0.75,," in csv_rows
    assert "all,status conflicting,2,4,3,0.5,0.667,0.571,," in csv_rows
    document = json.loads(format_gold_report(report, "json"))
    assert {r["status"]: r["tp"] for r in document["statuses"]} == {"conflicting": 2, "corroborated": 1,
                                                                    "single-source": 0}  # fmt: skip
    assert len(document["misses"]) == len(report.misses)
    assert document["groups"][0]["merged_with"] == ["G3_camps"]
    with pytest.raises(KGError, match="E303"):
        format_gold_report(report, "xml")


def test_the_pipeline_runs_on_the_gold_folder_end_to_end():
    """Annotated and built for real: the gold side of every count is fixed, the proposals are the pipeline's."""
    report = evaluate_gold(GOLD, registry=SEEDS / "registry.yaml")
    overall = report.overall()
    assert list(report.articles) == [WIRE, HERALD, COPY]
    assert {layer: overall[layer].gold for layer in GOLD_LAYERS} == {
        "actors": 18, "operations": 3, "quantities": 8, "quantity speakers": overall["quantity speakers"].gold,
        "statement speakers": 2, "relations": 1}  # fmt: skip
    assert all(c.tp <= min(c.predicted, c.gold) for c in overall.values())
    assert {s: c.gold for s, c in report.statuses.items()} == {"conflicting": 3, "corroborated": 3, "single-source": 2}
    assert sum(sum(row.values()) for row in report.confusion.values()) == 8
    assert [g.id for g in report.groups] == ["G1_children", "G2_women", "G3_camps"]
    assert report.skipped == [] and report.unscored_articles == []
    assert report.seconds > 0


# --- bad input: one line naming the file and the item, exit 1 ---------------------------------------


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "gold-folder"
    shutil.copytree(GOLD, copy)
    return copy


@pytest.mark.parametrize("missing, named", [("corpus.jsonl", "corpus.jsonl"), ("gold", "gold/"),
                                            ("gold/facts.json", "gold/facts.json")])  # fmt: skip
def test_a_missing_file_is_named(folder, missing, named):
    path = folder / missing
    shutil.rmtree(path) if path.is_dir() else path.unlink()
    with pytest.raises(KGError) as error:
        read_gold(folder)
    assert error.value.code == "E659"
    assert f"{named} is missing" in error.value.message


def test_a_gold_file_that_is_not_json_is_named_with_its_line(folder):
    path = folder / "gold" / f"{HERALD}.json"
    path.write_text('{"article": "02_herald_tajik",\n "actors": [}\n')
    with pytest.raises(KGError) as error:
        read_gold(folder)
    assert error.value.code == "E660"
    assert error.value.message.startswith(f"E660 {path}: not valid JSON:")
    assert "line 2" in error.value.message


def test_a_quote_not_in_the_text_names_the_file_and_the_item(folder):
    path = folder / "gold" / f"{HERALD}.json"
    data = json.loads(path.read_text())
    data["quantity_claims"][1]["quote"] = "Twelve women were flown home."
    path.write_text(json.dumps(data))
    with pytest.raises(KGError) as error:
        read_gold(folder)
    assert error.value.message == (
        f"E661 {path}: quantity_claims[1]: the quote is not in the text of article '{HERALD}': "
        "'Twelve women were flown home.'"
    )


def test_a_statement_quote_not_in_the_text_names_the_file_and_the_item(folder):
    path = folder / "gold" / f"{WIRE}.json"
    data = json.loads(path.read_text())
    data["statements"][1]["quote"] = "Nobody said this."
    path.write_text(json.dumps(data))
    with pytest.raises(KGError, match=r"E661 .*: statements\[1\]: the quote is not in the text of article"):
        read_gold(folder)


def test_a_status_entry_that_matches_no_claim_is_named(folder):
    path = folder / "gold" / "facts.json"
    data = json.loads(path.read_text())
    data["expected_status"][4]["value"] = 13
    path.write_text(json.dumps(data))
    with pytest.raises(KGError, match=r"E662 .*facts.json: expected_status\[4\]: value 13 and quote match no "):
        read_gold(folder)


def test_the_command_prints_one_line_and_exits_1(folder):
    facts = folder / "gold" / "facts.json"
    facts.write_text(facts.read_text().replace("Tajik citizens remain", "Tajik citizens stay", 1))
    result = run_kg("eval", "--gold", str(folder))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: E661 {facts}: groups[2] (G3_camps).claims[0]: the quote is not in")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


def test_the_command_scores_a_gold_folder_as_json(tmp_path):
    result = run_kg("eval", "--gold", str(GOLD), "--format", "json", "--registry", str(SEEDS / "registry.yaml"))
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert [r["layer"] for r in document["rows"][: len(GOLD_LAYERS)]] == list(GOLD_LAYERS)
    assert {r["status"]: r["gold"] for r in document["statuses"]} == {"conflicting": 3, "corroborated": 3,
                                                                      "single-source": 2}  # fmt: skip
    assert {"groups", "misses", "confusion"} <= set(document)


def test_misses_without_gold_is_refused():
    result = run_kg("eval", "--misses")
    assert result.returncode == 2
    assert "--misses" in result.stderr
