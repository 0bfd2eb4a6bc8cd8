"""The query page (``/``), YASGUI, in a real browser: headless Chromium (Debian's package) driven by Playwright."""

from __future__ import annotations

import csv
import io

import pytest

import kg

CLAIMS = "SELECT ?claim WHERE { ?claim a kg:Claim }"  # more than the endpoint's cap of 100


class Editor:
    """YASGUI open in Chromium, with every request it made and every error it printed."""

    def __init__(self, browser, url: str) -> None:
        self.page = browser.new_page(accept_downloads=True, viewport={"width": 1280, "height": 900})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.goto(url)
        self.page.wait_for_selector(".tabPanel.active .CodeMirror")

    def type_query(self, sparql: str) -> None:
        self.page.evaluate(
            "(text) => document.querySelector('.tabPanel.active .CodeMirror').CodeMirror.setValue(text)", sparql
        )

    def query_text(self) -> str:
        return self.page.evaluate("() => document.querySelector('.tabPanel.active .CodeMirror').CodeMirror.getValue()")

    def run(self) -> None:
        """Run the active tab's query (its run button) and wait for the answer."""
        panel = ".tabPanel.active"
        self.page.click(f"{panel} .yasqe_queryButton")
        self.page.wait_for_selector(f"{panel} .yasqe_queryButton:not(.busy)")
        self.page.wait_for_selector(f"{panel} .yasr_results > *")

    def column(self, name: str) -> list[str]:
        table = ".tabPanel.active .yasr table.dataTable"
        headers = [h.strip() for h in self.page.locator(f"{table} thead th").all_inner_texts()]
        n = headers.index(name) + 1
        return self.page.locator(f"{table} tbody td:nth-child({n})").all_inner_texts()


@pytest.fixture
def editor(browser, endpoint):
    opened = Editor(browser, endpoint.url)
    yield opened
    opened.page.close()


def local(url: str, endpoint) -> bool:
    return url.startswith(endpoint.url) or url.startswith(("data:", "blob:"))


def test_the_page_highlights_the_query_and_runs_it_against_this_endpoint(editor, endpoint, seed_store):
    start = editor.query_text()
    assert start.startswith("PREFIX kg: <https://kg.example.org/ontology#>\nPREFIX rdfs: <")
    assert editor.page.locator(".tabPanel.active .CodeMirror .cm-keyword").count() >= 5  # SELECT, WHERE, ...
    assert editor.page.input_value(".tabPanel.active .autocompleteWrapper input") == endpoint.query_url
    expected = [str(row[0]) for row in kg.query(start, store=seed_store).rows]
    editor.run()
    assert editor.column("label") == expected and len(expected) == 20
    assert editor.page.inner_text("#cap-note") == ""
    assert editor.errors == []
    assert editor.requests and all(local(url, endpoint) for url in editor.requests), editor.requests


def test_a_named_query_opens_in_its_own_tab_with_its_prefixes_and_runs(editor, endpoint, seed_store):
    named = kg.named_queries()["conflicting-claims"]
    expected = kg.query(named.sparql, store=seed_store)
    editor.page.select_option("#examples", "conflicting-claims")
    assert editor.page.input_value("#examples") == ""  # the menu does not go on naming a query
    assert editor.page.locator(".tabsList .tab.active a").first.inner_text().split("\n")[0] == "conflicting-claims"
    text = editor.query_text()
    assert text.endswith(named.sparql)
    assert "PREFIX kg: <https://kg.example.org/ontology#>\n" in text
    editor.run()
    claims = editor.column("claim")
    assert len(claims) == len(expected.rows) == 7
    in_store = [str(r["claim"]).replace("https://kg.example.org/id/", "id:") for r in expected.records()]
    assert sorted(claims) == sorted(in_store)  # IRIs shown compact, with kg's prefixes
    assert editor.errors == []
    assert all(local(url, endpoint) for url in editor.requests), editor.requests


def test_the_results_download_as_csv(editor, seed_store):
    sparql = "SELECT ?label WHERE { ?outlet a kg:MediaOutlet ; rdfs:label ?label } ORDER BY ?label"
    editor.type_query(sparql)
    editor.run()
    with editor.page.expect_download() as download:
        editor.page.click(".tabPanel.active .yasr_downloadIcon")
    rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert rows == [["label"], *([str(r[0])] for r in kg.query(sparql, store=seed_store).rows)]
    assert len(rows) > 3


def test_an_answer_cut_at_the_cap_says_so_on_the_page(editor):
    editor.type_query(CLAIMS)
    editor.run()
    assert editor.page.inner_text("#cap-note").startswith("This answer was cut at the endpoint's limit of 100 results")
    assert editor.page.inner_text(".tabPanel.active .yasr_response_chip").startswith("100 results")
    editor.type_query("SELECT ?claim WHERE { ?claim a kg:Claim } LIMIT 3")
    editor.run()
    assert editor.page.inner_text("#cap-note") == ""


def test_a_syntax_error_shows_the_endpoint_message(editor):
    editor.type_query("SELECT ?x WHERE { ?x a kg:Claim } LIMT 3")
    editor.page.click(".tabPanel.active .yasqe_queryButton")
    editor.page.wait_for_selector(".tabPanel.active .yasr .errorResult")
    assert "E300 invalid SPARQL" in editor.page.inner_text(".tabPanel.active .yasr .errorResult")


def test_clicking_an_iri_in_the_results_describes_it(editor, seed_store):
    editor.type_query("SELECT ?outlet WHERE { ?outlet a kg:MediaOutlet ; rdfs:label 'The Defense Post' }")
    editor.run()
    editor.page.click(".tabPanel.active .yasr table.dataTable tbody a.iri")
    editor.page.wait_for_selector(".tabPanel.active .yasr table.dataTable tbody tr")
    iri = "https://kg.example.org/id/the-defense-post"
    assert editor.query_text() == f"DESCRIBE <{iri}>"
    assert editor.page.locator(".tabsList .tab.active a").first.inner_text().split("\n")[0] == "id:the-defense-post"
    described = kg.query(f"DESCRIBE <{iri}>", store=seed_store)
    assert set(editor.column("subject")) == {"id:the-defense-post"}
    assert len(editor.column("predicate")) == len(described.triples) > 5
    assert any("The Defense Post" in value for value in editor.column("object"))


def test_a_permalink_opens_the_query_it_was_made_from(editor, browser):
    sparql = "SELECT ?label WHERE { ?outlet a kg:MediaOutlet ; rdfs:label ?label } LIMIT 2"
    editor.type_query(sparql)
    editor.page.click(".tabPanel.active .yasqe_share")
    link = editor.page.input_value(".tabPanel.active .yasqe_sharePopup input")
    assert link.startswith(editor.page.url.split("#")[0] + "#")
    other = Editor(browser, link)
    try:
        assert other.query_text() == sparql
        other.run()
        assert len(other.column("label")) == 2
    finally:
        other.page.close()


def test_results_start_in_the_simple_view_and_its_switch_shows_datatypes(editor, seed_store):
    sparql = (
        "SELECT ?status ?outlets WHERE { ?claim kg:status ?status ; kg:outletCount ?outlets } ORDER BY ?claim LIMIT 5"
    )
    expected = kg.query(sparql, store=seed_store)
    editor.type_query(sparql)
    editor.run()
    statuses = [str(r["status"]).replace("https://kg.example.org/ontology#", "kg:") for r in expected.records()]
    assert editor.column("status") == statuses and statuses[0].startswith("kg:")
    assert editor.column("outlets") == [str(r["outlets"]) for r in expected.records()]  # no ^^xsd:integer
    simple = editor.page.locator(".tabPanel.active .yasr .tableControls label.switch", has_text="Simple view")
    assert simple.locator("input").is_checked()
    simple.click()  # off: the full view, with datatypes
    assert not simple.locator("input").is_checked()
    assert editor.column("outlets") == [f'"{r["outlets"]}"^^xsd:integer' for r in expected.records()]
    assert editor.errors == []
