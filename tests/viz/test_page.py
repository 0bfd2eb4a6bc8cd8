"""The page: one self-contained file, nothing fetched, data embedded so that no text can become markup."""

import json
import re

import kg.viz
from kg.viz.page import safe_json

from .conftest import IMG, SCRIPT


def test_the_page_references_nothing_outside_itself(seed_pages):
    html = seed_pages["graph"][1].read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//|[\w./-]+\.(js|css))""", html, flags=re.I)
    assert "cdn" not in html.lower().replace("cdnjs", "")  # no CDN link
    assert "default-src 'none'" in html  # and the browser is told to fetch nothing
    assert html.count("</script>") == 3  # the data, vis-network, the page's script


def test_the_embedded_data_is_the_view(seed_pages):
    view, path = seed_pages["graph"]
    html = path.read_text(encoding="utf-8")
    raw = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', html, flags=re.S).group(1)
    data = json.loads(raw)
    assert (len(data["nodes"]), len(data["edges"])) == (len(view.nodes), len(view.edges))
    assert data["claims"][0] == view.claims[0]


def test_markup_in_the_data_cannot_close_the_script_element():
    text = safe_json({"quote": f"{SCRIPT} {IMG} & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"quote": f"{SCRIPT} {IMG} & \u2028"}


def test_hostile_names_and_quotes_appear_only_escaped_in_the_page(hostile_store, tmp_path):
    view = kg.viz.build_view(hostile_store)
    assert {n["label"] for n in view.nodes} == {f"Evil {SCRIPT} Corp", "Iraq"}
    html = view.html()
    assert SCRIPT not in html and IMG not in html and "onerror=alert" in html  # present, as \\u003c-escaped JSON
    assert "<title>kg · Whole graph</title>" in html


def test_a_view_shows_itself_in_a_notebook_as_a_sandboxed_iframe(seed_pages):
    view = seed_pages["ego"][0]
    shown = view._repr_html_()
    assert shown.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;') and 'sandbox="allow-scripts"' in shown
    assert "<script" not in shown  # the whole page is an attribute value
