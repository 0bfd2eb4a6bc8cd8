"""The plain query page (``/plain``) in a real browser: headless Chromium (Debian's package) driven by Playwright."""

from __future__ import annotations

import time

import pytest

import kg

OUTLETS = "SELECT ?label WHERE { ?outlet a kg:MediaOutlet ; rdfs:label ?label } ORDER BY ?label"
MARKUP = '<img src=x onerror="alert(1)">'


class Page:
    """The query page open in Chromium, with every request it made, error it printed and dialog it tried."""

    def __init__(self, browser, url: str) -> None:
        self.page = browser.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(url)

    def run(self, sparql: str | None = None) -> None:
        if sparql is not None:
            self.page.fill("#query", sparql)
        self.page.click("#run")
        # polled from here: Playwright's wait_for_function evaluates a string, which the page's CSP forbids
        done = "() => !document.getElementById('run').disabled && document.getElementById('status').textContent !== 'Running…'"
        deadline = time.monotonic() + 30
        while not self.page.evaluate(done):
            assert time.monotonic() < deadline, "the query page did not finish"
            time.sleep(0.02)

    def column(self, n: int) -> list[str]:
        return self.page.locator(f"#results tbody td:nth-child({n})").all_inner_texts()


@pytest.fixture
def page(browser, endpoint):
    opened = Page(browser, endpoint.url + "plain")
    yield opened
    opened.page.close()


def test_typing_a_query_and_running_it_shows_the_rows_as_a_table(page, endpoint, seed_store):
    expected = [str(row[0]) for row in kg.query(OUTLETS, store=seed_store).rows]
    page.run(OUTLETS)
    assert page.page.locator("#results th").all_inner_texts() == ["label"]
    assert page.column(1) == expected
    assert page.page.inner_text("#status").startswith(f"{len(expected)} rows in ")
    assert page.errors == [] and page.dialogs == []
    assert page.requests and all(url.startswith(endpoint.url) for url in page.requests), page.requests


def test_choosing_a_named_query_fills_the_box_and_ctrl_enter_runs_it(page, seed_store):
    named = kg.named_queries()["conflicting-claims"]
    expected = kg.query(named.sparql, store=seed_store)
    page.page.select_option("#examples", "conflicting-claims")
    assert page.page.input_value("#query") == named.sparql
    assert page.page.inner_text("#description") == named.description
    page.page.press("#query", "Control+Enter")
    page.page.wait_for_selector("#results tbody tr")
    assert page.page.locator("#results th").all_inner_texts() == expected.variables
    claims = page.column(expected.variables.index("claim") + 1)
    assert len(claims) == len(expected.rows) == 7
    in_store = [str(record["claim"]).replace("https://kg.example.org/id/", "id:") for record in expected.records()]
    assert sorted(claims) == sorted(in_store)  # IRIs shown compact, as kg query does


def test_markup_in_results_stays_text_and_errors_show_the_message(page):
    page.run(f"SELECT ?x WHERE {{ BIND('{MARKUP}' AS ?x) }}")
    assert page.column(1) == [MARKUP]
    assert page.page.locator("#results img").count() == 0
    page.run("SELECT ?x WHERE { ?x a kg:Claim } LIMT 3")
    assert page.page.inner_text("#status") == (
        "HTTP 400: E300 invalid SPARQL: error at 1:41: expected one of HAVING, OFFSET, OPTIONAL, VALUES"
    )
    assert page.page.get_attribute("#status", "class") == "error"
    assert page.dialogs == []


def test_a_cut_answer_says_so(page):
    page.run("SELECT ?c WHERE { ?c a kg:Claim }")
    assert len(page.column(1)) == 100
    assert page.page.inner_text("#status").endswith("cut at the endpoint's limit of 100 results")
