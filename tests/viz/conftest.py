"""Fixtures for the views: pages built from the seeds, a hostile corpus, and headless Chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import kg
import kg.viz

from ..conftest import write

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"


@pytest.fixture(scope="session")
def seed_data(seed_store) -> kg.viz.GraphData:
    return kg.viz.read_graph(seed_store)


@pytest.fixture(scope="session")
def seed_pages(seed_store, seed_data, tmp_path_factory) -> dict[str, tuple[kg.viz.View, Path]]:
    """Each view of the seeds, written to a page in a folder of its own (as a user would send it)."""
    folder = tmp_path_factory.mktemp("pages")
    pages = {}
    for name, options in {
        "graph": {},
        "ego": {"focus": "Tokayev", "depth": 2},
        "operations": {"view": "operations"},
        "claims": {"view": "claims"},
        "afp": {"since": "2019-01-01", "until": "2019-06-30", "source": "AFP"},
    }.items():
        view = kg.viz.build_view(seed_store, data=seed_data, **options)
        pages[name] = (view, view.write(folder / name / f"{name}.html"))
    return pages


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory) -> str:
    """A corpus whose entity name and quote carry markup that must never run."""
    folder = tmp_path_factory.mktemp("hostile")
    corpus = folder / "corpus"
    corpus.mkdir()
    write(
        corpus / "registry.yaml",
        f"""
        kinds:
          people: {{label: people}}
        entities:
          evil: {{type: Organisation, label: "Evil {SCRIPT} Corp", aliases: [Evil Corp]}}
          iraq: {{type: Country, label: Iraq}}
          wire: {{type: MediaOutlet, label: "Wire {IMG}"}}
        """,
    )
    write(corpus / "a1.txt", f"Evil Corp\n\nEvil Corp helped Iraq {IMG} yesterday.\n")
    write(
        corpus / "a1.yaml",
        f"""
        article:
          title: "Evil {SCRIPT}"
          outlet: wire
          published: 2019-05-01
          language: en
        mentions:
          - {{quote: Evil Corp, entity: evil}}
          - {{quote: Iraq, entity: iraq}}
        claims:
          - quote: "Evil Corp helped Iraq {IMG} yesterday."
            subject: evil
            predicate: helped
            object: iraq
        """,
    )
    store = str(folder / "store")
    kg.build(corpus, store=store, out=None)
    return store


@pytest.fixture(scope="session")
def disputes_store(tmp_path_factory) -> str:
    """Two outlets that disagree on a figure: one claim proposed by a machine, names and quotes with markup,
    and a ``javascript:`` URL that must never become a link."""
    folder = tmp_path_factory.mktemp("disputes")
    corpus = folder / "corpus"
    corpus.mkdir()
    write(
        corpus / "registry.yaml",
        f"""
        kinds:
          people: {{label: people}}
          children: {{label: children, broader: people, aliases: [minors]}}
        entities:
          tajikistan: {{type: Country, label: "Tajikistan {SCRIPT}", aliases: [Tajikistan]}}
          iraq: {{type: Country, label: Iraq}}
          op: {{type: Operation, label: "Repatriation {IMG}"}}
          wire: {{type: MediaOutlet, label: "Wire {IMG}"}}
          daily: {{type: MediaOutlet, label: The Daily}}
        """,
    )
    write(corpus / "a1.txt", f"Children home\n\nTajikistan repatriated 84 minors {IMG} from Iraq.\n")
    write(
        corpus / "a1.yaml",
        f"""
        article: {{title: "Home {SCRIPT}", outlet: wire, published: 2019-05-01, language: en, url: "javascript:alert(3)"}}
        mentions:
          - {{quote: Tajikistan, entity: tajikistan}}
          - {{quote: Iraq, entity: iraq}}
        claims:
          - quote: "Tajikistan repatriated 84 minors {IMG} from Iraq."
            subject: tajikistan
            predicate: repatriated
            quantity: {{value: 84, counted: minors, kind: children}}
            about: op
            method: machine
            component: quantities
            confidence: 0.7
        """,
    )
    write(corpus / "a2.txt", "Children return\n\nTajikistan returned about 90 children from Iraq.\n")
    write(
        corpus / "a2.yaml",
        """
        article: {title: Children return, outlet: daily, published: 2019-05-02, language: en, url: "https://daily.example/a2"}
        mentions:
          - {quote: Tajikistan, entity: tajikistan}
          - {quote: Iraq, entity: iraq}
        claims:
          - quote: Tajikistan returned about 90 children from Iraq.
            subject: tajikistan
            predicate: returned
            quantity: {value: 90, approximate: true, counted: children, kind: children}
            about: op
        """,
    )
    store = str(folder / "store")
    kg.build(corpus, store=store, out=None)
    return store


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (no browser is downloaded)."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium package "
            "(apt-get install chromium), or KG_CHROMIUM=/path/to/chromium"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the browser tests need the playwright package: pip install -e '.[test]'")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Page:
    """A page opened in Chromium, with everything it printed, requested and tried to pop up."""

    def __init__(self, browser, url: str | None = None, html: str | None = None) -> None:
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        if url is not None:
            self.page.goto(url)
            self.wait_ready()
        elif html is not None:
            self.page.set_content(html)

    def wait_ready(self) -> None:
        # a selector, not a JavaScript predicate: the page's Content-Security-Policy forbids eval
        self.page.wait_for_selector("html[data-kg-ready='1']", state="attached", timeout=30_000)

    def evaluate(self, js: str, arg=None):
        return self.page.evaluate(js, arg)

    def node_id(self, iri: str) -> int:
        found = self.evaluate("iri => kg.nodes.get({filter: n => n.iri === iri}).map(n => n.id)", iri)
        assert len(found) == 1, (iri, found)
        return found[0]

    def point_of(self, node_id: int) -> tuple[float, float]:
        """Centre a node in the view and return a point of it on the screen that no other node covers."""
        return tuple(
            self.evaluate(
                """id => {
                  kg.network.moveTo({position: kg.network.getPosition(id), scale: 1.2});
                  const r = document.getElementById('kg-network').getBoundingClientRect();
                  const c = kg.network.getPosition(id), b = kg.network.getBoundingBox(id);
                  const w = (b.right - b.left) / 2, h = (b.bottom - b.top) / 2;
                  for (const [fx, fy] of [[0, 0], [-.6, 0], [.6, 0], [0, -.5], [0, .5], [-.6, -.5], [.6, .5]]) {
                    const p = kg.network.canvasToDOM({x: c.x + fx * w, y: c.y + fy * h});
                    if (kg.network.getNodeAt(p) === id) return [r.left + p.x, r.top + p.y];
                  }
                  const p = kg.network.canvasToDOM(c);
                  return [r.left + p.x, r.top + p.y];
                }""",
                node_id,
            )
        )

    def click_node(self, node_id: int) -> None:
        x, y = self.point_of(node_id)
        self.page.mouse.click(x, y)
        self.page.wait_for_selector("#kg-info:not([hidden])")

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def open_page(browser):
    pages = []

    def opener(path: Path | None = None, html: str | None = None) -> Page:
        page = Page(browser, url=path.resolve().as_uri() if path else None, html=html)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()


def copy_alone(page: Path, folder: Path) -> Path:
    """The page copied to a folder with nothing else in it."""
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(page, folder / page.name))
