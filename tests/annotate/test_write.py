"""Writing annotated articles and the registry so that they read back the same, and never half or over."""

import difflib
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

import kg.annotate.write as write_module
from kg.annotate import read_inputs, write_annotations, write_registry
from kg.corpus import read_annotations, read_corpus, read_registry
from kg.errors import KGError
from kg.model import (
    Annotated,
    Article,
    Claim,
    Entity,
    Kind,
    Mention,
    Operation,
    Provenance,
    Quantity,
    Registry,
    Role,
    Span,
    Statement,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
DATA = Path(__file__).resolve().parent / "data"
SEED_FILES = sorted(p.name for p in SEEDS.glob("*.yaml") if p.name != "registry.yaml")


def layers(annotated: Annotated) -> dict:
    """Everything an annotation file says, as comparable values."""
    a = annotated.article
    return {
        "article": (a.id, a.text, a.title, a.outlet, a.language, a.via, a.author, a.url, a.published),
        "dating": (a.published_inferred, a.published_basis, a.outlet_basis, a.boilerplate, a.repeats),
        "mentions": sorted((m.span.start, m.span, m.entities, m.provenance) for m in annotated.mentions),
        "events": [
            (o.event, o.span, o.speaker, o.date, o.start, o.end, o.on, o.agents, o.partners)
            for o in annotated.operations
        ],
        "event places": [(o.origin, o.destination, o.phase_of, o.provenance) for o in annotated.operations],
        "claims": [
            (c.span, c.speaker, c.subject, c.predicate, c.object, c.quantity, c.about, c.date, c.provenance)
            for c in annotated.claims
        ],
        "statements": [(s.span, s.speaker, s.date, s.about, s.provenance) for s in annotated.statements],
    }


@pytest.fixture(scope="module")
def seed_registry() -> Registry:
    return read_registry(SEEDS / "registry.yaml")


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_annotations_round_trip_exactly(name, seed_registry, tmp_path):
    curated = read_annotations(SEEDS / name, seed_registry)
    written = write_annotations(curated, tmp_path)
    assert written == tmp_path / name
    assert (tmp_path / name).with_suffix(".txt").read_bytes() == (SEEDS / name).with_suffix(".txt").read_bytes()
    again = read_annotations(written, seed_registry)
    assert layers(again) == layers(curated)


def test_the_written_seed_folder_builds_as_a_corpus(seed_registry, tmp_path):
    for name in SEED_FILES:
        write_annotations(read_annotations(SEEDS / name, seed_registry), tmp_path)
    write_registry(seed_registry, tmp_path)
    corpus = read_corpus(tmp_path)
    assert [a.article.id for a in corpus.articles] == [n.removesuffix(".yaml") for n in SEED_FILES]
    assert sum(len(a.claims) for a in corpus.articles) == 97


# --- a small article built by hand ---------------------------------------------------------------------

TEXT = (
    "Kazakh citizens return home\n\n"
    "On May 10, Kazakh citizens returned from Syria, Tokayev said. Kazakh citizens left in 2014.\n\n"
    "Tokayev thanked UNICEF. Kazakh citizens were flown home on May 9.\n\n"
    "Related Articles\n"
)
NER = Provenance(method="machine", component="ner", confidence=0.87)
LINK = Provenance(method="machine", component="linker", confidence=0.6)
QUANT = Provenance(method="machine", component="quantities", confidence=0.9)


def at(quote: str, n: int = 1) -> Span:
    start = -1
    for _ in range(n):
        start = TEXT.index(quote, start + 1)
    return Span(start, start + len(quote), quote)


def registry() -> Registry:
    return Registry(
        entities={
            "wire": Entity("wire", "MediaOutlet", "Wire Agency"),
            "tokayev": Entity("tokayev", "Person", "Kassym-Jomart Tokayev", aliases=("Tokayev",)),
            "kazakh-returnees": Entity("kazakh-returnees", "Group", "Kazakh returnees"),
            "kazakh-fighters": Entity("kazakh-fighters", "Group", "Kazakh foreign fighters"),
            "kazakhstan": Entity("kazakhstan", "Country", "Kazakhstan"),
            "syria": Entity("syria", "Country", "Syria"),
            "unicef": Entity("unicef", "Organisation", "UNICEF"),
            "zhusan": Entity("zhusan", "Operation", "Operation Zhusan"),
        },
        kinds={"people": Kind("people", "people")},
    )


def machine_article() -> Annotated:
    article = Article(
        id="kz-returns",
        text=TEXT,
        title="Kazakh citizens return home",
        outlet="wire",
        published="2019-05",
        boilerplate=(at("Related Articles"),),
    )
    return Annotated(
        article=article,
        mentions=[
            Mention(at("Kazakh citizens", 1), ("kazakh-returnees",), NER),
            Mention(at("Kazakh citizens", 2), ("kazakh-returnees",), NER),
            Mention(at("Kazakh citizens", 3), ("kazakh-fighters",), NER),
            Mention(at("Kazakh citizens", 4), ("kazakh-returnees",), NER),
            Mention(at("Syria"), ("syria",), LINK),
            Mention(at("Tokayev", 1), ("tokayev",), NER),
            Mention(at("Tokayev", 2), ("tokayev",), NER),
            Mention(at("UNICEF"), ("unicef", "kazakhstan"), LINK),
        ],
        operations=[
            Operation(
                event="zhusan",
                span=at("Kazakh citizens were flown home on May 9."),
                speaker="wire",
                on="2019-05-09",
                agents=("kazakhstan",),
                origin=("syria",),
                destination=("kazakhstan",),
                provenance=QUANT,
            )
        ],
        claims=[
            Claim(
                span=at("Kazakh citizens", 2),
                speaker="tokayev",
                subject="kazakhstan",
                predicate="repatriated",
                quantity=Quantity(value=Decimal("2.5"), lower=2, upper=3, approximate=True, counted="citizens"),
                date="2019-05-10",
                about="zhusan",
                provenance=QUANT,
            ),
            Claim(
                span=at("Tokayev thanked UNICEF."),
                speaker="wire",
                subject="tokayev",
                predicate="thanked",
                object="unicef",
                provenance=LINK,
            ),
        ],
        statements=[Statement(span=at("Kazakh citizens", 3), speaker="tokayev", about="zhusan", provenance=NER)],
    )


def test_machine_annotations_round_trip_with_their_provenance(tmp_path):
    write_registry(registry(), tmp_path)
    annotated = machine_article()
    again = read_annotations(write_annotations(annotated, tmp_path), read_registry(tmp_path / "registry.yaml"))
    assert layers(again) == layers(annotated)
    assert {m.provenance for m in again.mentions} == {NER, LINK}


def test_mentions_are_written_once_per_form_with_occurrence_only_where_needed(tmp_path):
    text = write_annotations(machine_article(), tmp_path).read_text(encoding="utf-8")
    mentions = text.split("mentions:\n")[1].split("\n\n")[0].splitlines()
    tail = "method: machine, component: ner, confidence: 0.87}"
    assert mentions == [
        f"  - {{quote: Kazakh citizens, entity: kazakh-returnees, occurrence: 1, {tail}",
        f"  - {{quote: Kazakh citizens, entity: kazakh-returnees, occurrence: 2, {tail}",
        f"  - {{quote: Kazakh citizens, entity: kazakh-returnees, occurrence: 4, {tail}",
        "  - {quote: Syria, entity: syria, method: machine, component: linker, confidence: 0.6}",
        f"  - {{quote: Tokayev, entity: tokayev, {tail}",
        f"  - {{quote: Kazakh citizens, entity: kazakh-fighters, occurrence: 3, {tail}",
        "  - {quote: UNICEF, entity: [unicef, kazakhstan], method: machine, component: linker, confidence: 0.6}",
    ]


def test_claims_not_at_the_first_occurrence_get_one_and_the_outlet_speaker_is_left_out(tmp_path):
    text = write_annotations(machine_article(), tmp_path).read_text(encoding="utf-8")
    claims = text.split("claims:\n")[1].split("\n\n")[0]
    assert claims.splitlines()[:4] == [
        "  - quote: Kazakh citizens",
        "    occurrence: 2",
        "    speaker: tokayev",
        "    date: 2019-05-10",
    ]
    assert "    quantity: {value: 2.5, lower: 2, upper: 3, approximate: true, counted: citizens}" in claims
    assert "  - quote: Tokayev thanked UNICEF.\n    subject: tokayev\n" in claims


def test_values_that_yaml_would_misread_are_quoted(tmp_path):
    reg = registry()
    reg.entities["on"] = Entity("on", "MediaOutlet", "On")
    write_registry(reg, tmp_path)
    text = "yes\n\nno 2019 null on true\n"
    article = Article(id="tricky", text=text, title="yes", outlet="on", author="no", published="2019-05")
    mentions = [Mention(Span(text.index(q), text.index(q) + len(q), q), ("on",)) for q in ("2019", "null", "true")]
    path = write_annotations(Annotated(article, mentions=mentions), tmp_path)
    again = read_annotations(path, read_registry(tmp_path / "registry.yaml"))
    assert (again.article.title, again.article.outlet, again.article.author, again.article.published) == (
        "yes",
        "on",
        "no",
        "2019-05",
    )
    assert [m.span.quote for m in again.mentions] == ["2019", "null", "true"]


def test_awkward_boilerplate_passages_round_trip(tmp_path):
    write_registry(registry(), tmp_path)
    text = "Kazakh citizens return home\n\n  Share:  \n   Twitter\t\n\nBody text here.\n\n# Tags: a, b\n"
    passages = ("Share:  \n   Twitter\t", "# Tags: a, b\n")
    spans = tuple(Span(text.index(p), text.index(p) + len(p), p) for p in passages)
    article = Article(id="odd", text=text, title="Kazakh citizens return home", outlet="wire", boilerplate=spans)
    again = read_annotations(write_annotations(Annotated(article), tmp_path), read_registry(tmp_path / "registry.yaml"))
    assert again.article.boilerplate == spans


def test_an_html_input_is_written_and_reads_back(tmp_path):
    [article] = read_inputs([DATA / "furniture-inside.html"])
    article.outlet = "wire"
    write_registry(registry(), tmp_path)
    again = read_annotations(write_annotations(Annotated(article), tmp_path), read_registry(tmp_path / "registry.yaml"))
    assert again.article.text == article.text
    assert again.article.boilerplate == article.boilerplate
    assert again.article.title == "Kazakhstan returns 47 citizens from Syria"


# --- refusing to overwrite, and writing whole files only -------------------------------------------------------


def test_an_existing_annotation_file_is_not_overwritten_without_force(tmp_path):
    path = write_annotations(machine_article(), tmp_path)
    path.write_text("# corrected by hand\n", encoding="utf-8")
    with pytest.raises(KGError, match=r"^E602 .*kz-returns\.yaml already exists; use --force to overwrite it$"):
        write_annotations(machine_article(), tmp_path)
    assert path.read_text(encoding="utf-8") == "# corrected by hand\n"
    write_annotations(machine_article(), tmp_path, force=True)
    assert path.read_text(encoding="utf-8").startswith("# Annotations of kz-returns.txt proposed by kg annotate.")


def test_an_article_text_with_other_content_is_not_overwritten(tmp_path):
    (tmp_path / "kz-returns.txt").write_text("another article\n", encoding="utf-8")
    with pytest.raises(KGError, match=r"^E602 .*kz-returns\.txt already exists"):
        write_annotations(machine_article(), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kz-returns.txt"]


def test_the_input_folder_can_be_the_output_folder(tmp_path):
    shutil.copy(DATA / "furniture.txt", tmp_path)
    [article] = read_inputs([tmp_path])
    before = os.stat(tmp_path / "furniture.txt").st_mtime_ns
    write_annotations(Annotated(article), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["furniture.txt", "furniture.yaml"]
    assert os.stat(tmp_path / "furniture.txt").st_mtime_ns == before


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = write_annotations(machine_article(), tmp_path)
    before = path.read_bytes()

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(write_module.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_annotations(machine_article(), tmp_path, force=True)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kz-returns.txt", "kz-returns.yaml"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda a: a.mentions.append(Mention(Span(0, 6, "Kazakx"), ("kazakhstan",))),
            "E604 kz-returns.yaml (mentions[8]): cannot write this annotation: 'Kazakx' is not the text at 0-6",
        ),
        (
            lambda a: a.mentions.append(Mention(Span(0, 6, "Kazakh"), ("kazakhstan",))),
            "E604 kz-returns.yaml (mentions): cannot write this annotation: the mention 'Kazakh' at 0 overlaps",
        ),
        (
            lambda a: a.claims.append(
                Claim(
                    span=a.claims[1].span,
                    speaker="wire",
                    subject="zhusan",
                    predicate="sem:hasTimeStamp",
                    literal="2019-05-09",
                )
            ),
            "E604 kz-returns.yaml (claims[2]): cannot write this annotation: a date claim is written as an event's",
        ),
        (
            lambda a: a.statements.append(
                Statement(span=Span(TEXT.index("Related") + 1, TEXT.index("Related") + 2, "e"), speaker="wire")
            ),
            f"E604 kz-returns.yaml (statements[1]): cannot write this annotation: 'e' at {TEXT.index('Related') + 1} lies in",
        ),
    ],
)
def test_annotations_that_would_not_read_back_the_same_are_refused_and_nothing_is_written(change, message, tmp_path):
    annotated = machine_article()
    change(annotated)
    with pytest.raises(KGError) as info:
        write_annotations(annotated, tmp_path / "out")
    assert str(info.value).startswith(message)
    assert not (tmp_path / "out").exists()


def test_a_statement_in_boilerplate_that_is_only_there_is_kept(tmp_path):
    annotated = machine_article()
    annotated.statements.append(Statement(span=annotated.article.boilerplate[0], speaker="wire"))
    annotated.article.boilerplate = ()
    text = write_annotations(annotated, tmp_path).read_text(encoding="utf-8")
    assert "  - quote: Related Articles\n" in text


@pytest.mark.parametrize("bad_id", ["registry", "../escape", ""])
def test_article_ids_that_are_not_file_names_are_refused(bad_id, tmp_path):
    annotated = machine_article()
    annotated.article.id = bad_id
    with pytest.raises(KGError, match=r"^E604 .*is not a usable file name"):
        write_annotations(annotated, tmp_path)


# --- the registry ------------------------------------------------------------------------------------------------


def test_a_new_registry_marks_proposed_entities(tmp_path):
    proposed = [
        Entity(
            "muhriddin",
            "Person",
            "Sirojiddin Muhriddin",
            aliases=("Muhriddin",),
            roles=(Role("Foreign Minister of Tajikistan", start="2013-11-29"),),
        )
    ]
    path = write_registry(registry(), tmp_path, proposed=proposed)
    assert "  muhriddin:\n    type: Person\n    label: Sirojiddin Muhriddin\n    aliases: [Muhriddin]\n" in (
        path.read_text(encoding="utf-8")
    )
    assert "      - {title: Foreign Minister of Tajikistan, from: 2013-11-29}\n    proposed: true\n" in (
        path.read_text(encoding="utf-8")
    )
    again = read_registry(path)
    assert sorted(again.entities) == sorted([*registry().entities, "muhriddin"])
    assert again.entities["muhriddin"].roles == (Role("Foreign Minister of Tajikistan", "2013-11-29"),)


def inserted_lines(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``; fails when it changes or drops any."""
    old, new = before.splitlines(), after.splitlines()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    assert {op for op, *_ in matcher.get_opcodes()} <= {"equal", "insert"}
    return [line for op, _, _, j1, j2 in matcher.get_opcodes() if op == "insert" for line in new[j1:j2]]


def test_merging_keeps_every_existing_entry_and_comment_and_adds_new_ids(tmp_path):
    shutil.copy(SEEDS / "registry.yaml", tmp_path)
    before = (tmp_path / "registry.yaml").read_text(encoding="utf-8")
    given = read_registry(SEEDS / "registry.yaml")
    given.entities["tokayev"] = Entity("tokayev", "Person", "Someone else")  # must not replace the curated entry
    given.kinds["elderly"] = Kind("elderly", "elderly people", broader="people")
    proposed = [Entity("muhriddin", "Person", "Sirojiddin Muhriddin"), Entity("syria", "Place", "Syria again")]
    path = write_registry(given, tmp_path, proposed=proposed)
    after = path.read_text(encoding="utf-8")
    assert inserted_lines(before, after) == [
        "  elderly: {label: elderly people, broader: people}",
        "  muhriddin:",
        "    type: Person",
        "    label: Sirojiddin Muhriddin",
        "    proposed: true",
    ]
    merged = read_registry(path)
    assert (merged.entities["tokayev"].label, merged.entities["syria"].type) == ("Kassym-Jomart Tokayev", "Country")


def test_merging_with_nothing_new_leaves_the_file_alone(tmp_path):
    shutil.copy(SEEDS / "registry.yaml", tmp_path)
    before = os.stat(tmp_path / "registry.yaml").st_mtime_ns
    write_registry(read_registry(SEEDS / "registry.yaml"), tmp_path)
    assert os.stat(tmp_path / "registry.yaml").st_mtime_ns == before


@pytest.mark.parametrize(
    ("existing", "merged"),
    [
        ("entities:\n", "entities:\n{new}"),
        ("entities: {}\n", "entities:\n{new}"),
        ("kinds:\n  people: {label: people}\n", "kinds:\n  people: {label: people}\n\nentities:\n{new}"),
        ("# only a comment", "# only a comment\n\nentities:\n{new}"),
        (
            "entities:\n  iraq:\n    type: Country\n    label: Iraq\n    description: |\n      A country.\n\n# the end\n",
            "entities:\n  iraq:\n    type: Country\n    label: Iraq\n    description: |\n      A country.\n\n{new}# the end\n",
        ),
    ],
)
def test_merging_into_sparse_registries(existing, merged, tmp_path):
    (tmp_path / "registry.yaml").write_text(existing, encoding="utf-8")
    path = write_registry(Registry(), tmp_path, proposed=[Entity("unicef", "Organisation", "UNICEF")])
    new = "  unicef:\n    type: Organisation\n    label: UNICEF\n    proposed: true\n"
    assert path.read_text(encoding="utf-8") == merged.replace("{new}", new)
    assert read_registry(path).entities["unicef"].label == "UNICEF"


def test_force_writes_the_registry_afresh(tmp_path):
    shutil.copy(SEEDS / "registry.yaml", tmp_path)
    write_registry(registry(), tmp_path, force=True)
    assert sorted(read_registry(tmp_path / "registry.yaml").entities) == sorted(registry().entities)


def test_an_entity_that_cannot_be_written_changes_nothing(tmp_path):
    shutil.copy(SEEDS / "registry.yaml", tmp_path)
    before = (tmp_path / "registry.yaml").read_bytes()
    with pytest.raises(KGError, match=r"^E605 registry\.yaml \(entities\.Bad Id\): .*use lower-case letters"):
        write_registry(registry(), tmp_path, proposed=[Entity("Bad Id", "Person", "Bad")])
    with pytest.raises(KGError, match=r"^E603 .*registry\.yaml: the result would not read back: E102"):
        write_registry(registry(), tmp_path, proposed=[Entity("phase", "Event", "A phase", phase_of="nowhere")])
    assert (tmp_path / "registry.yaml").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["registry.yaml"]


def test_confidences_are_written_with_two_decimals(tmp_path):
    write_registry(registry(), tmp_path)
    annotated = machine_article()
    annotated.mentions = [
        Mention(at("Tokayev", 1), ("tokayev",), Provenance("machine", "ner", 0.8712)),
        Mention(at("Tokayev", 2), ("tokayev",), Provenance("machine", "ner", 0.8749)),
    ]
    path = write_annotations(annotated, tmp_path)
    assert "  - {quote: Tokayev, entity: tokayev, method: machine, component: ner, confidence: 0.87}\n" in (
        path.read_text(encoding="utf-8")
    )
    again = read_annotations(path, read_registry(tmp_path / "registry.yaml"))
    assert [m.provenance.confidence for m in again.mentions] == [0.87, 0.87]


def test_modality_scope_and_as_of_are_written_only_when_not_the_default(tmp_path):
    write_registry(registry(), tmp_path)
    annotated = machine_article()
    annotated.claims[0].modality, annotated.claims[0].scope, annotated.claims[0].as_of = (
        "planned",
        "cumulative",
        "2019-05",
    )
    path = write_annotations(annotated, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert (text.count("modality: planned"), text.count("scope: cumulative"), text.count("as_of: 2019-05")) == (1, 1, 1)
    assert "modality: actual" not in text
    again = read_annotations(path, read_registry(tmp_path / "registry.yaml"))
    assert [(c.modality, c.scope, c.as_of) for c in again.claims] == [
        ("planned", "cumulative", "2019-05"),
        ("actual", None, None),
    ]


# --- events the registry does not name: proposed in registry.yaml, then renamed or merged by a person ------

_TAJIK = """Tajikistan brings home children

On April 30, 2019, Tajikistan repatriated 84 minors from Iraq.
"""
_TAJIK_AGAIN = """More children home

On October 12, 2019, Tajikistan repatriated 30 minors from Iraq.
"""


def _annotate_into(inputs: Path, out: Path, registry: Path | None = None) -> dict:
    import yaml

    from kg.annotate.pipeline import annotate

    annotate([inputs], out, registry=registry, force=True)
    return yaml.safe_load((out / "registry.yaml").read_text(encoding="utf-8"))["entities"]


def _event_of(out: Path, name: str) -> str:
    import yaml

    (event,) = {e["event"] for e in yaml.safe_load((out / f"{name}.yaml").read_text(encoding="utf-8"))["events"]}
    return event


def test_a_new_event_is_proposed_in_the_registry_and_a_second_run_reuses_it(tmp_path, registry_file):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "tajik.txt").write_text(_TAJIK, encoding="utf-8")
    entities = _annotate_into(inputs, out, registry_file)
    event = _event_of(out, "tajik")
    assert event == "repatriation-by-tajikistan-from-iraq-2019-04-30"
    assert entities[event]["type"] == "Operation"
    assert entities[event]["label"] == "Repatriation by Tajikistan from Iraq, 2019-04-30"
    assert entities[event]["proposed"] is True
    assert "on 2019-04-30 (country: Tajikistan)" in entities[event]["description"]

    first = (out / "tajik.yaml").read_text(encoding="utf-8")
    again = _annotate_into(inputs, out)  # the registry is now OUT/registry.yaml, with the proposed event
    assert _event_of(out, "tajik") == event
    assert (out / "tajik.yaml").read_text(encoding="utf-8") == first  # still a proposal: the same confidence
    assert [e for e in again if e.startswith("repatriation-by")] == [event]


def test_two_proposed_events_a_person_merges_are_one_event_after_build(tmp_path, registry_file):
    import yaml

    from kg.build import build
    from kg.store import open_store

    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "april.txt").write_text(_TAJIK, encoding="utf-8")
    (inputs / "october.txt").write_text(_TAJIK_AGAIN, encoding="utf-8")
    entities = _annotate_into(inputs, out, registry_file)
    april, october = _event_of(out, "april"), _event_of(out, "october")
    assert april != october and entities[april]["proposed"] and entities[october]["proposed"]

    def events_in_graph() -> dict[str, str]:
        store = str(tmp_path / "store")
        build(out, store=store, out=None)
        with open_store(store) as opened:
            rows = opened.select(
                "SELECT DISTINCT ?e ?label WHERE { ?c rdf:subject ?e . ?e a kg:Operation ; rdfs:label ?label }"
            )
        return {str(e).rsplit("/", 1)[1]: str(label) for e, label in rows}

    assert events_in_graph() == {april: entities[april]["label"], october: entities[october]["label"]}
    # a person merges October's repatriation into April's, renamed: one entry, the other's id an alias
    data = yaml.safe_load((out / "registry.yaml").read_text(encoding="utf-8"))
    del data["entities"][october]
    data["entities"][april].update(label="Tajik repatriations from Iraq, 2019", aliases=[october])
    (out / "registry.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert events_in_graph() == {april: "Tajik repatriations from Iraq, 2019"}
