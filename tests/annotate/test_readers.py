"""Reading new articles: plain text kept verbatim, HTML main text, JSON Lines, and every kind of bad input."""

import random
import shutil
from pathlib import Path

import pytest

from kg.annotate import Skipped, find_boilerplate, read_inputs
from kg.corpus import read_annotations, read_registry
from kg.errors import KGError
from kg.model import Article

DATA = Path(__file__).resolve().parent / "data"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def read_one(path, **options):
    items = list(read_inputs([path], **options))
    assert len(items) == 1, items
    return items[0]


def quotes(spans):
    return [span.quote for span in spans]


# --- plain text -----------------------------------------------------------------------------------


def test_a_text_file_is_kept_verbatim():
    article = read_one(DATA / "furniture.txt")
    assert article.text == (DATA / "furniture.txt").read_text(encoding="utf-8")
    assert article.source_file == str(DATA / "furniture.txt")


def test_text_furniture_is_reported_as_boilerplate_spans_over_the_text():
    article = read_one(DATA / "furniture.txt")
    assert quotes(article.boilerplate) == [
        "Home\n\nNews",
        "Share on Facebook",
        "Advertisement",
        "Dilnoza Karimova\n\nDilnoza Karimova is a correspondent covering Central Asia. She has reported for regional"
        " outlets since 2010.\n\nRelated Articles\n\nKazakhstan evacuates 231 citizens from Syria\n\nTajikistan brings"
        " home 84 children from Iraq\n\nBack to top",
    ]
    assert all(article.text[s.start : s.end] == s.quote for s in article.boilerplate)


def test_text_metadata_title_byline_and_defaults():
    article = read_one(DATA / "furniture.txt")
    assert (article.id, article.title, article.author) == (
        "furniture",
        "Uzbekistan brings back 156 women and children from Syria",
        "Dilnoza Karimova",
    )
    assert (article.outlet, article.language, article.published, article.url) == ("unknown", "en", None, None)


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("000_39d5fae97a4a7a49", ["Sergey Kwan\n\nTCA\n\nSergey Kwan has worked for"]),
        ("001_1094f3a3a48ed6b8", ["Middle EastWar", "Related Articles\n\nBack to top button"]),
        ("002_2c2364af855f4b29", ["Vestnik Kavkaza\n\nin Telegram"]),
        ("003_d01bb139fd1d611d", ["Connect with us\n\nHi, what are you looking for?\n\nWorld", "-", "AFP\nWritten By"]),
        ("004_609f6d418b59efb3", ["Do you like this article?\n\n0 Comment(s)\n\nComment Policy * Denotes Required"]),
    ],
)
def test_seed_boilerplate_is_found_by_general_rules(seed, expected):
    article = read_one(SEEDS / f"{seed}.txt")
    found = quotes(article.boilerplate)
    assert len(found) == len(expected)
    assert all(f.startswith(e) for f, e in zip(found, expected, strict=True))
    # what the curator kept as prose stays prose: no curated annotation falls in the boilerplate
    curated = read_annotations(SEEDS / f"{seed}.yaml", read_registry(SEEDS / "registry.yaml"))
    spans = [m.span for m in curated.mentions] + [c.span for c in curated.claims] + [s.span for s in curated.statements]
    hits = [s.quote for s in spans if any(b.start < s.end and s.start < b.end for b in article.boilerplate)]
    assert hits == []


def test_seed_boilerplate_ends_where_the_page_ends():
    text = (SEEDS / "003_d01bb139fd1d611d.txt").read_text(encoding="utf-8")
    last = read_one(SEEDS / "003_d01bb139fd1d611d.txt").boilerplate[-1]
    assert last.quote.endswith("Europe’s highest rights body on Tuesday called on Britain...")
    assert last.end == len(text.rstrip())


def test_credit_line_at_the_end_stays_prose():
    article = read_one(SEEDS / "001_1094f3a3a48ed6b8.txt")
    credit = article.text.index("With reporting from AFP")
    assert not any(b.start <= credit < b.end for b in article.boilerplate)


def test_seed_titles_skip_navigation_lines():
    titles = [read_one(SEEDS / f"{s}.txt").title for s in ("001_1094f3a3a48ed6b8", "003_d01bb139fd1d611d")]
    assert titles == [
        "Kazakhstan repatriates 156 children of ISIS fighters from Syria",
        "Kazakhstan says dozens of ‘hostages’ evacuated from Syria",
    ]


def test_repeated_paragraphs_are_counted_once():
    article = read_one(SEEDS / "003_d01bb139fd1d611d.txt")
    assert len(article.repeats) == 12
    assert article.repeats[0].quote.startswith("Kazakhstan on Wednesday said dozens of its citizens")


def test_a_short_title_before_the_lead_is_not_navigation():
    text = "Kazakhstan repatriates citizens\n\nKazakhstan said on Friday it had evacuated 231 of its citizens from Syria.\n"
    assert find_boilerplate(text) == ()


def test_a_tail_marker_early_in_a_long_article_removes_only_its_line():
    long = "Kazakhstan said on Friday it had evacuated 231 of its citizens from Syria, most of them children. " * 5
    text = f"Kazakhstan evacuates 231 citizens\n\n{long}\n\nRelated Articles\n\n{long}\n\n{long}\n"
    assert quotes(find_boilerplate(text)) == ["Related Articles"]


def test_a_last_paragraph_about_a_journalist_is_not_an_author_blurb():
    text = (
        "Kazakhstan evacuates 231 citizens\n\nThe evacuation was filmed by a journalist from the state broadcaster.\n"
    )
    assert find_boilerplate(text) == ()


# --- HTML -------------------------------------------------------------------------------------------------


def test_html_main_text_has_no_script_code_and_no_site_furniture():
    article = read_one(DATA / "scripts-and-furniture.html")
    assert article.text == (
        "Tajikistan brings home 84 children from Iraq\n\n"
        "DUSHANBE — Tajikistan repatriated 84 minors from Iraq on April 30, the foreign ministry said on Thursday,"
        " in the first such operation by a Central Asian country this year.\n\n"
        "The children, whose mothers are held in Iraqi prisons on charges of belonging to the Islamic State group,"
        " were flown to Dushanbe on a government plane, according to the ministry's statement.\n\n"
        '"We will not leave any Tajik child behind," Foreign Minister Sirojiddin Muhriddin said, thanking Kuwait and'
        " the UNICEF office in Baghdad for their help with the repatriation.\n\n"
        "Hundreds of Tajik citizens travelled to Iraq and Syria to join the militants, according to the Tajik"
        " authorities.\n"
    )
    assert article.boilerplate == ()


def test_html_metadata_comes_from_the_page():
    article = read_one(DATA / "scripts-and-furniture.html")
    assert (article.id, article.title, article.outlet, article.author) == (
        "scripts-and-furniture",
        "Tajikistan brings home 84 children from Iraq",
        "Steppe Herald",
        "Dilnoza Karimova",
    )
    assert (article.url, article.published, article.language) == (
        "https://steppe-herald.example/2019/05/02/tajikistan-84-children",
        "2019-05-02",
        "en",
    )


def test_furniture_left_inside_the_html_article_is_reported():
    article = read_one(DATA / "furniture-inside.html")
    assert "ADVERT CODE" not in article.text and "dataLayer" not in article.text
    assert quotes(article.boilerplate) == [
        "Share this article",
        "You may also like:\n\nUzbekistan repatriates 156 women and children\n\nTajikistan brings home 84 children"
        " from Iraq",
    ]
    assert (article.outlet, article.published) == ("unknown", None)  # the page names neither


def test_html_with_only_scripts_is_skipped():
    skipped = read_one(DATA / "scripts-only.html")
    assert skipped == Skipped(str(DATA / "scripts-only.html"), "HTML with no extractable article text")


def test_html_in_the_encoding_it_declares_is_read(tmp_path):
    html = (
        '<html><head><meta charset="windows-1251"><title>Казахстан вернул 231 гражданина</title></head><body>'
        "<article><h1>Казахстан вернул 231 гражданина</h1><p>Казахстан вернул из Сирии 231 гражданина, в том числе"
        " 156 детей, сообщил президент Касым-Жомарт Токаев.</p></article></body></html>"
    )
    (tmp_path / "ru.html").write_bytes(html.encode("cp1251"))
    article = read_one(tmp_path / "ru.html")
    assert article.text.startswith("Казахстан вернул 231 гражданина\n\nКазахстан вернул из Сирии 231 гражданина")


# --- JSON Lines --------------------------------------------------------------------------------------------


def test_jsonl_gives_one_article_or_one_skip_per_line():
    items = list(read_inputs([DATA / "corpus.jsonl"]))
    got = [(i.source_file.rsplit(":", 1)[1], i.id) if isinstance(i, Article) else (i.path, i.reason) for i in items]
    where = str(DATA / "corpus.jsonl")
    assert got == [
        ("1", "tca-2019-05-10"),
        ("2", "tajikistan-brings-home-84-children-from-iraq-2"),
        (f"{where}:3", "malformed JSON: Unterminated string starting at column 26"),
        (f"{where}:4", "each line must be a JSON object, not list"),
        (f"{where}:5", "no 'text' or 'html' key"),
        (f"{where}:6", "empty text"),
        ("8", "tca-2019-05-10-2"),
        ("9", "corpus-9"),
    ]


def test_jsonl_metadata_and_title_as_first_line():
    first = next(read_inputs([DATA / "corpus.jsonl"]))
    assert first.text.startswith("Over 200 Kazakhstan citizens repatriated from Syria\n\nNUR-SULTAN (TCA) — ")
    assert (first.title, first.outlet, first.author, first.url, first.published) == (
        "Over 200 Kazakhstan citizens repatriated from Syria",
        "The Times of Central Asia",
        "Sergey Kwan",
        "https://timesca.com/over-200",
        "2019-05-10",
    )


def test_jsonl_html_records_are_extracted_and_dates_and_languages_normalised():
    items = [i for i in read_inputs([DATA / "corpus.jsonl"]) if isinstance(i, Article)]
    html, russian = items[1], items[3]
    assert (html.outlet, html.published) == ("Steppe Herald", "2019-05-02")
    assert "tracker" not in html.text and html.text.startswith("Tajikistan brings home 84 children from Iraq\n\n")
    assert (russian.language, russian.published) == ("ru", "2019-05-10")


# --- bad input -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("blank.txt", "whitespace only"),
        ("image.txt", "binary file (NUL bytes)"),
        ("utf16.txt", "not UTF-8: it starts with a utf_16 byte-order mark; convert it to UTF-8"),
    ],
)
def test_bad_input_is_skipped_with_its_reason(name, reason):
    assert read_one(DATA / name) == Skipped(str(DATA / name), reason)


def test_latin1_text_is_read_with_a_warning_naming_the_encoding():
    warnings = []
    article = read_one(DATA / "latin1.txt", warn=warnings.append)
    assert article.text == (DATA / "latin1.txt").read_bytes().decode("latin-1")
    assert article.text.startswith("Le président a annoncé le retour de 47 ressortissants.")
    assert warnings == [f"{DATA / 'latin1.txt'}: not UTF-8 (byte 0xe9 at offset 5): read as cp1252; if its accented letters look wrong, convert it to UTF-8"]  # fmt: skip


def test_a_latin1_article_is_decoded_not_taken_for_cp1250(tmp_path):
    text = (
        "Kassym-Jomart Tokayev said on Friday that 231 citizens had come home. At a café in Almaty, "
        "relatives waited; a delegation from São Paulo, Zürich and Besançon watched the ceremony.\n"
    )
    (tmp_path / "tokayev.txt").write_bytes(text.encode("latin-1"))
    with pytest.warns(UnicodeWarning, match=r"tokayev\.txt: not UTF-8 \(byte 0xe9 at offset 78\): read as cp1252"):
        article = read_one(tmp_path / "tokayev.txt")
    assert article.text == text


def test_text_in_another_script_is_read_in_the_encoding_the_detector_finds(tmp_path):
    text = (
        "Казахстан вернул из Сирии 231 гражданина, в том числе 156 детей, сообщил президент Касым-Жомарт Токаев.\n" * 3
    )
    (tmp_path / "ru.txt").write_bytes(text.encode("cp1251"))
    warnings = []
    assert read_one(tmp_path / "ru.txt", warn=warnings.append).text == text
    assert warnings[0].endswith("read as cp1251; if its accented letters look wrong, convert it to UTF-8")


def test_binary_data_without_nul_bytes_is_skipped(tmp_path):
    (tmp_path / "noise.txt").write_bytes(random.Random(0).randbytes(4096).replace(b"\x00", b"\x01"))
    (tmp_path / "controls.txt").write_bytes(bytes(range(1, 32)) * 50)
    reasons = [item.reason for item in read_inputs([tmp_path])]
    assert reasons == [
        "binary file (1300 control characters in the first 1550)",
        "binary file (not text in any known encoding)",
    ]


def test_a_file_over_the_size_limit_is_skipped_unread(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Kazakhstan evacuated 231 citizens. " * 300_000)  # 10.5 MB
    assert read_one(path, max_bytes=5_000_000).reason == "too large: 10.5 MB (the limit is 5.0 MB)"


def test_a_missing_path_is_an_error_before_anything_is_read(tmp_path):
    with pytest.raises(KGError, match=r"^E600 .*nope\.txt: no such file or folder$"):
        read_inputs([DATA / "furniture.txt", tmp_path / "nope.txt"])


def test_a_folder_without_input_files_is_an_error(tmp_path):
    (tmp_path / "registry.yaml").write_text("entities: {}\n")
    with pytest.raises(KGError, match=r"^E601 .*: no \.txt, \.html, \.htm or \.jsonl files in this folder$"):
        read_inputs([tmp_path])


def test_an_unsupported_file_given_by_name_is_skipped(tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    assert read_one(tmp_path / "report.pdf").reason == "unsupported file type .pdf: use .txt, .html, .htm, .jsonl"


def test_a_folder_is_read_in_name_order_skipping_other_files_and_the_batch_goes_on():
    warned = []
    items = list(read_inputs([DATA], warn=warned.append))
    assert [i.id if isinstance(i, Article) else Path(i.path).name for i in items] == [
        "blank.txt",
        "tca-2019-05-10",
        "tajikistan-brings-home-84-children-from-iraq-2",
        "corpus.jsonl:3",
        "corpus.jsonl:4",
        "corpus.jsonl:5",
        "corpus.jsonl:6",
        "tca-2019-05-10-2",
        "corpus-9",
        "empty.txt",
        "furniture-inside",
        "furniture",
        "image.txt",
        "latin1",
        "scripts-and-furniture",
        "scripts-only.html",
        "utf16.txt",
    ]
    assert [Path(w.split(":")[0]).name for w in warned] == ["latin1.txt"]


def test_ids_are_filesystem_safe_and_unique_in_a_batch(tmp_path):
    for name in ("Report 1.txt", "report-1.htm", "registry.txt", ".hidden.txt", "notes.md"):
        (tmp_path / name).write_text("<p>Kazakhstan said on Friday it had evacuated 231 citizens from Syria.</p>")
    ids = [item.id for item in read_inputs([tmp_path])]
    assert ids == ["report-1", "registry-2", "report-1-2"]


def test_a_text_without_a_headline_gets_a_short_title(tmp_path):
    words = "Kazakhstan said on Friday it had evacuated 231 of its citizens from Syria, most of them children"
    (tmp_path / "lead.txt").write_text(f"{words}, {words}, {words}.\n", encoding="utf-8")
    assert (
        read_one(tmp_path / "lead.txt").title == "Kazakhstan said on Friday it had evacuated 231 of its citizens from …"
    )


def test_the_text_written_beside_a_page_is_not_read_again(tmp_path):
    shutil.copy(DATA / "furniture-inside.html", tmp_path / "kz.html")
    (tmp_path / "kz.txt").write_text(read_one(tmp_path / "kz.html").text, encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    assert [(type(i).__name__, getattr(i, "id", None) or i.reason) for i in items] == [
        ("Article", "kz"),
        ("Skipped", "the text of kz.html, which is read instead"),
    ]


def test_a_sentence_that_starts_like_furniture_stays_prose():
    text = (
        "Kazakhstan evacuates 231 citizens\n\n"
        "Kazakhstan said on Friday it had evacuated 231 of its citizens from Syria.\n\n"
        "More from the ministry is expected next week, officials said.\n\n"
        "Follow us on Telegram\n\n"
        "© 2019 Steppe Herald. All rights reserved.\n"
    )
    assert quotes(find_boilerplate(text)) == ["Follow us on Telegram\n\n© 2019 Steppe Herald. All rights reserved."]


def test_a_closing_list_of_figures_stays_prose():
    text = (
        "Central Asia brings its citizens home\n\n"
        "Several countries have repatriated citizens from Syria and Iraq this year.\n\n"
        "Repatriated so far:\n"
        "Kazakhstan – 595\n"
        "Tajikistan – 84\n\n"
        "Related Articles\n"
    )
    assert quotes(find_boilerplate(text)) == ["Related Articles"]


# --- symbolic links ---------------------------------------------------------------------------------------------


def test_a_symbolic_link_loop_in_a_folder_is_listed_as_skipped(tmp_path):
    (tmp_path / "tajik.txt").write_text("On April 30, Tajikistan repatriated 84 minors from Iraq.\n", encoding="utf-8")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")
    items = list(read_inputs([tmp_path]))
    assert [(Path(i.path).name, i.reason) if isinstance(i, Skipped) else i.id for i in items] == [
        ("a.txt", "symbolic link loop: following it never reaches a file"),
        ("b.txt", "symbolic link loop: following it never reaches a file"),
        ("gone.txt", "broken symbolic link: its target nowhere.txt does not exist"),
        ("loop.txt", "symbolic link loop: following it never reaches a file"),
        "tajik",
    ]


def test_a_symbolic_link_loop_given_by_name_is_skipped(tmp_path):
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    assert read_one(tmp_path / "loop.txt") == Skipped(
        str(tmp_path / "loop.txt"), "symbolic link loop: following it never reaches a file"
    )


def test_a_folder_of_only_a_symbolic_link_loop_reports_it_instead_of_being_empty(tmp_path):
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    assert [i.reason for i in read_inputs([tmp_path])] == ["symbolic link loop: following it never reaches a file"]


def test_a_symbolic_link_to_an_article_is_read(tmp_path):
    (tmp_path / "real.txt").write_text("On April 30, Tajikistan repatriated 84 minors from Iraq.\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("real.txt")
    assert [i.id for i in read_inputs([tmp_path])] == ["link", "real"]
