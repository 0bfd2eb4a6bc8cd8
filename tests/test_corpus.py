"""Reading a corpus folder, and every kind of bad input it can hold."""

import pytest

import kg
from kg.corpus import read_annotations, read_corpus, read_registry, read_text

from .conftest import write


def test_the_build_computes_offsets_from_the_quote(tiny_corpus):
    corpus = read_corpus(tiny_corpus)
    a1 = corpus.articles[0]
    claim = a1.claims[0]
    assert a1.article.text[claim.span.start : claim.span.end] == "Tajikistan repatriated 84 minors from Iraq"
    assert claim.span.start == a1.article.text.index("Tajikistan repatriated")


def test_speaker_defaults_to_the_outlet(tiny_corpus):
    thanked = read_corpus(tiny_corpus).articles[0].claims[1]
    assert (thanked.predicate, thanked.speaker) == ("thanked", "wire")


def test_mentions_skip_the_repeated_paragraph(tiny_corpus):
    a2 = read_corpus(tiny_corpus).articles[1]
    tajikistan = [m for m in a2.mentions if m.entities == ("tajikistan",)]
    assert len(tajikistan) == 2  # title and first copy; the repeated copy is not counted


def test_longest_surface_form_wins(tiny_corpus):
    a1 = read_corpus(tiny_corpus).articles[0]
    forms = [m.span.quote for m in a1.mentions if m.entities == ("rahmon",)]
    assert forms == ["President Rahmon", "Rahmon"]


def test_on_key_is_a_date_not_a_yaml_boolean(tiny_corpus):
    op = read_corpus(tiny_corpus).articles[0].operations[0]
    assert op.on == "2019-04-30"


def _error(call) -> str:
    with pytest.raises(kg.KGError) as info:
        call()
    return str(info.value)


def test_quote_not_in_the_article_names_file_and_line(tiny_corpus):
    path = tiny_corpus / "a1.yaml"
    path.write_text(path.read_text().replace("Rahmon thanked Iraq for its help.", "Rahmon thanked Iran for its help."))
    message = _error(lambda: read_corpus(tiny_corpus))
    assert message.startswith("E101 ")
    assert "a1.yaml:24 (claims[1])" in message
    assert "Rahmon thanked Iran" in message
    assert "closest passage: 'Rahmon thanked Iraq for its help.'" in message


def test_unknown_entity_suggests_the_closest_id(tiny_corpus):
    path = tiny_corpus / "a1.yaml"
    path.write_text(path.read_text().replace("object: iraq", "object: irak"))
    message = _error(lambda: read_corpus(tiny_corpus))
    assert "E102" in message and "'irak'" in message and "did you mean 'iraq'" in message


def test_unknown_predicate_is_refused(tiny_corpus):
    path = tiny_corpus / "a1.yaml"
    path.write_text(path.read_text().replace("predicate: thanked", "predicate: thankd"))
    message = _error(lambda: read_corpus(tiny_corpus))
    assert "E106" in message and "did you mean 'thanked'" in message


def test_malformed_yaml_reports_the_line(tiny_corpus):
    path = tiny_corpus / "a2.yaml"
    path.write_text(path.read_text().replace("  - {quote: Iraq, entity: iraq}", "  - {quote: Iraq, entity: [iraq}"))
    message = _error(lambda: read_corpus(tiny_corpus))
    assert message.startswith("E103 ") and "a2.yaml:7" in message


def test_missing_article_text(tiny_corpus):
    (tiny_corpus / "a2.txt").unlink()
    message = _error(lambda: read_corpus(tiny_corpus))
    assert message.startswith("E104 ") and "a2.txt" in message


def test_non_utf8_text_is_reported_with_its_encoding(tiny_corpus):
    text = (tiny_corpus / "a2.txt").read_text()
    (tiny_corpus / "a2.txt").write_bytes(text.replace("Tajikistan says", "Tadjikistan déclare").encode("latin-1"))
    message = _error(lambda: read_corpus(tiny_corpus))
    assert message.startswith("E105 ") and "a2.txt" in message and "not UTF-8" in message


def test_binary_text_is_refused(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"abc\x00def")
    assert "NUL bytes" in _error(lambda: read_text(path))


def test_byte_order_mark_is_dropped(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes("\ufeffHello".encode())
    assert read_text(path) == "Hello"


def test_bad_date_is_refused(tiny_corpus):
    path = tiny_corpus / "a1.yaml"
    path.write_text(path.read_text().replace("published: 2019-05-01", "published: 2019-13-01"))
    assert "E108" in _error(lambda: read_corpus(tiny_corpus))


def test_quantity_needs_a_number(tiny_corpus):
    path = tiny_corpus / "a1.yaml"
    path.write_text(path.read_text().replace("value: 84,", "value: eighty-four,"))
    assert "is not a number" in _error(lambda: read_corpus(tiny_corpus))


def test_speaker_must_be_an_actor(tiny_corpus):
    path = tiny_corpus / "a2.yaml"
    path.write_text(
        path.read_text().replace("speaker: tajikistan\n    subject", "speaker: tajik-repatriation\n    subject")
    )
    assert "is a Operation, not a" in _error(lambda: read_corpus(tiny_corpus))


def test_occurrence_that_does_not_exist(tiny_corpus):
    path = tiny_corpus / "a1.yaml"
    path.write_text(
        path.read_text().replace("{quote: Iraq, entity: iraq}", "{quote: Iraq, entity: iraq, occurrence: 9}")
    )
    assert "E112" in _error(lambda: read_corpus(tiny_corpus))


def test_folder_without_articles(tmp_path):
    write(tmp_path / "registry.yaml", "entities: {}\n")
    assert "E111" in _error(lambda: read_corpus(tmp_path))


def test_missing_folder(tmp_path):
    assert "E100" in _error(lambda: read_corpus(tmp_path / "nope"))


def test_registry_with_unknown_type(tmp_path):
    path = write(tmp_path / "registry.yaml", "entities:\n  x: {type: Persn, label: X}\n")
    message = _error(lambda: read_registry(path))
    assert "E109" in message and "registry.yaml:2" in message


def test_hostile_html_in_article_text_is_kept_as_text(tiny_corpus):
    text = (tiny_corpus / "a1.txt").read_text() + "\n<script>alert(1)</script><img src=x onerror=alert(2)>\n"
    (tiny_corpus / "a1.txt").write_text(text)
    registry = read_registry(tiny_corpus / "registry.yaml")
    article = read_annotations(tiny_corpus / "a1.yaml", registry).article
    assert "<script>alert(1)</script>" in article.text


def _with_claim_keys(tiny_corpus, keys: str):
    path = tiny_corpus / "a1.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    about: tajik-repatriation\n", f"    about: tajik-repatriation\n{keys}", 1))
    return path


def test_claims_read_modality_scope_and_as_of(tiny_corpus):
    _with_claim_keys(tiny_corpus, "    modality: planned\n    scope: cumulative\n    as_of: 2019-08\n")
    claim = read_corpus(tiny_corpus).articles[0].claims[0]
    assert (claim.modality, claim.scope, claim.as_of) == ("planned", "cumulative", "2019-08")
    other = read_corpus(tiny_corpus).articles[0].claims[1]
    assert (other.modality, other.scope, other.as_of) == ("actual", None, None)


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ("    modality: hoped\n", "modality 'hoped' is not one of actual, planned, estimated"),
        ("    scope: weekly\n", "scope 'weekly' is not one of cumulative, increment"),
        ("    as_of: August\n", "as_of 'August' is not a date"),
    ],
)
def test_a_bad_modality_scope_or_as_of_is_a_one_line_error(tiny_corpus, keys, message):
    _with_claim_keys(tiny_corpus, keys)
    with pytest.raises(kg.KGError) as raised:
        read_corpus(tiny_corpus)
    text = str(raised.value)
    assert message in text and "a1.yaml" in text and "\n" not in text
