"""The pages in a real browser: headless Chromium (Debian's package) driven by Playwright."""

import pytest

import kg
import kg.viz

from .conftest import IMG, SCRIPT, copy_alone

ID = "https://kg.example.org/id/"


@pytest.mark.parametrize("name", ["graph", "ego", "operations", "claims", "afp"])
def test_each_view_loads_offline_with_no_error_and_all_its_nodes_and_edges(name, seed_pages, open_page, tmp_path):
    view, path = seed_pages[name]
    page = open_page(copy_alone(path, tmp_path / "elsewhere"))  # works from any folder, alone
    assert page.errors == []
    assert all(url.startswith(("file:", "data:")) for url in page.requests), page.requests
    in_page = page.evaluate("[kg.nodes.length, kg.edges.length, kg.nodeView.length, kg.edgeView.length]")
    assert in_page == [len(view.nodes), len(view.edges), len(view.nodes), len(view.edges)]
    assert in_page[0] == view.counts["nodes"] and in_page[1] == sum(v for k, v in view.counts.items() if k != "nodes")
    drawn = page.evaluate("Object.keys(kg.network.getPositions()).length")
    assert drawn == len(view.nodes)


def test_clicking_a_number_shows_its_quote_speaker_outlet_and_date(seed_store, seed_pages, open_page):
    quantity, quote, outlet = kg.query(
        "SELECT ?q ?quote ?outlet WHERE { ?c rdf:object ?q ; kg:evidence/oa:hasSelector/oa:exact ?quote ;"
        " prov:wasDerivedFrom/schema:publisher/rdfs:label ?outlet . ?q kg:value 43 }",
        store=seed_store,
    ).rows[0]
    page = open_page(seed_pages["graph"][1])
    page.click_node(page.node_id(str(quantity)))
    assert page.page.text_content("#kg-info-title") == "43 Kazakhs"
    panel = page.page.inner_text("#kg-info-claims")
    assert f"“{quote}”" in panel
    assert f"— {outlet} · 2019-05-10 · conflicting" in panel  # the outlet is the speaker: named once


def test_hovering_a_node_shows_a_plain_text_tooltip(seed_pages, open_page):
    page = open_page(seed_pages["graph"][1])
    x, y = page.point_of(page.node_id(ID + "tokayev"))
    page.page.mouse.move(x, y)
    page.page.wait_for_selector("div.vis-tooltip", state="visible")
    tooltip = page.page.inner_text("div.vis-tooltip")
    assert tooltip.splitlines()[:2] == ["Kassym-Jomart Tokayev", "person · named 10 times in the articles"]


def test_the_search_finds_tokayev(seed_pages, open_page):
    page = open_page(seed_pages["graph"][1])
    page.page.fill("#kg-search", "Tokayev")
    page.page.press("#kg-search", "Enter")
    page.page.wait_for_selector("#kg-info:not([hidden])")
    assert page.page.text_content("#kg-info-title") == "Kassym-Jomart Tokayev"
    assert page.evaluate("kg.network.getSelectedNodes()") == [page.node_id(ID + "tokayev")]
    assert "Kassym-Jomart Tokayev ordered Operation Zhusan, May 2019" in page.page.inner_text("#kg-info-claims")


def test_filtering_by_outlet_and_date_in_the_page_matches_the_library(seed_store, seed_data, seed_pages, open_page):
    page = open_page(seed_pages["graph"][1])
    page.page.click("#kg-outlets-none")
    page.page.check("input[data-outlet='0']")  # Agence France-Presse, the first outlet
    page.page.fill("#kg-since", "2019-01-01")
    page.page.fill("#kg-until", "2019-06-30")
    shown = page.evaluate("kg.edgeView.get().filter(e => e.kind === 'relation').length")
    built = kg.viz.build_view(seed_store, since="2019-01-01", until="2019-06-30", source="AFP", data=seed_data)
    assert shown == built.counts["relation"] == seed_pages["afp"][0].counts["relation"]
    assert page.page.inner_text("#kg-visible").startswith("showing ")


def test_hiding_a_type_hides_its_nodes(seed_pages, open_page):
    page = open_page(seed_pages["graph"][1])
    page.page.click("#kg-types label:has-text('number stated')")
    types = page.evaluate("[...new Set(kg.nodeView.get().map(n => n.kgType))]")
    assert "Quantity" not in types and "Person" in types


def test_the_cap_note_is_visible(seed_store, seed_data, open_page, tmp_path):
    path = kg.viz.build_view(seed_store, max_nodes=10, data=seed_data).write(tmp_path / "capped.html")
    page = open_page(path)
    assert page.page.is_visible("#kg-note")
    assert page.page.inner_text("#kg-note").startswith("Showing 10 of ")


def test_hostile_text_is_shown_literally_and_never_runs(hostile_store, open_page, tmp_path):
    page = open_page(kg.viz.render(hostile_store, output=tmp_path / "hostile.html"))
    page.page.fill("#kg-search", "evil corp")
    page.page.press("#kg-search", "Enter")
    page.page.wait_for_selector("#kg-info:not([hidden])")
    page.click_node(page.node_id(ID + "evil"))
    x, y = page.point_of(page.node_id(ID + "evil"))
    page.page.mouse.move(x, y)
    page.page.wait_for_selector("div.vis-tooltip", state="visible")
    assert page.page.text_content("#kg-info-title") == f"Evil {SCRIPT} Corp"
    assert f"“Evil Corp helped Iraq {IMG} yesterday.”" in page.page.inner_text("#kg-info-claims")
    assert f"Wire {IMG}" in page.page.inner_text("#kg-outlets")
    assert page.page.inner_text("div.vis-tooltip").startswith(f"Evil {SCRIPT} Corp")
    assert page.evaluate("[document.scripts.length, document.images.length]") == [3, 0]
    page.page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.errors == []
    assert all(url.startswith("file:") for url in page.requests), page.requests


def test_the_notebook_display_runs_in_its_iframe(seed_pages, open_page):
    view = seed_pages["ego"][0]
    page = open_page(html=view._repr_html_())
    frame = page.page.frame_locator("iframe")
    frame.locator("html[data-kg-ready='1']").wait_for(timeout=30_000)
    count = page.page.frames[1].evaluate("kg.nodes.length")
    assert count == len(view.nodes)
    assert page.errors == []


def test_a_large_page_labels_the_edges_in_view_once_zoomed_in(seed_store, seed_data, open_page, tmp_path, monkeypatch):
    import kg.viz.views

    monkeypatch.setattr(kg.viz.views, "DEFER_LABELS", 10)  # the seeds' 158 edges count as many
    view = kg.viz.build_view(seed_store, physics_limit=0, data=seed_data)
    page = open_page(view.write(tmp_path / "large.html"))
    labelled = "kg.edges.get().filter(e => e.label).length"
    assert page.evaluate(labelled) == 0
    tokayev = page.node_id(ID + "tokayev")
    labels = page.evaluate(
        """id => { kg.network.selectNodes([id]); kg.network.moveTo({position: kg.network.getPosition(id), scale: 1.5});
                   kg.labelView();
                   return kg.network.getConnectedEdges(id).map(e => [kg.edges.get(e).label, kg.edges.get(e).predicate]); }""",
        tokayev,
    )
    assert labels and all(label == predicate for label, predicate in labels)  # the selected node's edges
    assert "ordered" in {label for label, _ in labels}
    assert len(labels) <= page.evaluate(labelled) <= 600
    page.evaluate("() => { kg.network.unselectAll(); kg.network.moveTo({scale: 0.2}); kg.labelView(); }")
    assert page.evaluate(labelled) == 0  # zoomed out, where vis-network would not draw them
    assert page.errors == []


# --- the disputes board ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def disputes_page(seed_store, tmp_path_factory):
    return kg.viz.disputes(seed_store).write(tmp_path_factory.mktemp("disputes") / "disputes.html")


def _row_of(page, event: str, value: str):
    rows = page.page.locator("section.kg-row", has_text=event).filter(has=page.page.locator(f"[data-text='{value}']"))
    assert rows.count() == 1
    return rows.first


def test_the_disputes_board_lists_47_against_43_with_both_quotes(disputes_page, open_page):
    page = open_page(disputes_page)
    row = _row_of(page, "Operation Zhusan, January 2019", "43")
    assert row.locator(".kg-badge").inner_text() == "conflicting"
    assert row.locator("[data-text='47']").count() == 1 and row.locator("[data-text='43']").count() == 1
    row.locator("[data-text='43']").click()  # a value's mark opens its quote
    quotes = row.locator("blockquote:visible").all_inner_texts()
    assert any("saw 43 Kazakhs returned to the country" in q for q in quotes)
    row.locator("[data-text='47']").click()
    quotes = row.locator("blockquote:visible").all_inner_texts()
    assert any("47" in q for q in quotes) and any("43 Kazakhs" in q for q in quotes)
    assert page.errors == []


def test_the_board_draws_about_400_and_about_500_as_intervals_on_one_axis(disputes_page, open_page):
    page = open_page(disputes_page)
    row = _row_of(page, "Departures of Kazakhstanis", "about 400")
    boxes = {t: row.locator(f"[data-text='{t}']").bounding_box() for t in ("about 400", "about 500", "hundreds")}
    assert row.locator("[data-text='about 400']").evaluate("e => e.tagName") == "rect"
    four, five, hundreds = boxes["about 400"], boxes["about 500"], boxes["hundreds"]
    assert four["width"] > 20 and five["width"] > 20
    assert four["x"] + four["width"] < five["x"]  # 360-440 ends before 450-550 begins
    # one scale: 200-999 spans ten times the width of 360-440 (80 of 799)
    assert hundreds["width"] == pytest.approx(four["width"] * 799 / 80, rel=0.02)


def test_the_board_filters_and_counts_what_it_shows(disputes_page, open_page):
    page = open_page(disputes_page)
    assert page.page.inner_text("#kg-shown") == "showing 5 of 5 figures"
    page.page.select_option("#kg-status", "conflicting")
    assert page.page.inner_text("#kg-shown") == "showing 2 of 5 figures (3 filtered out)"
    assert page.page.locator("section.kg-row").count() == 2
    page.page.select_option("#kg-status", "")
    page.page.fill("#kg-search", "orphans")
    page.page.wait_for_selector("#kg-shown:has-text('showing 1 of 5 figures')")  # the search waits for typing to pause
    page.page.fill("#kg-search", "")
    page.page.wait_for_selector("#kg-shown:has-text('showing 5 of 5 figures')")
    page.page.fill("#kg-until", "2018")
    assert page.page.locator("section.kg-row").count() == 1  # only the departures were dated before 2019


def test_a_machine_claim_is_marked_and_hostile_text_never_runs_on_the_board(disputes_store, open_page, tmp_path):
    path = kg.viz.disputes(disputes_store).write(tmp_path / "hostile-disputes.html")
    page = open_page()
    page.page.route("**/*", lambda route: (page.requests.append(route.request.url), route.continue_()))
    page.page.goto(path.resolve().as_uri())
    page.wait_ready()
    machine = page.page.locator("[data-machine='1']")
    assert machine.count() == 1 and machine.get_attribute("data-text") == "84"
    assert "kg-machine" in machine.get_attribute("class")
    assert page.page.locator(".kg-values li", has_text="84 minors").locator(".kg-tag").inner_text() == "machine"
    machine.click()
    assert f"“Tajikistan repatriated 84 minors {IMG} from Iraq.”" in page.page.inner_text("section.kg-row")
    assert f"Home {SCRIPT}" in page.page.inner_text("section.kg-row")
    links = page.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    assert links == ["https://daily.example/a2"]  # the javascript: URL is no link
    assert page.evaluate("[document.scripts.length, document.images.length]") == [2, 0]
    page.page.wait_for_timeout(300)
    assert page.dialogs == [] and page.errors == []
    assert page.requests and all(url.startswith("file:") for url in page.requests), page.requests


# --- reading the graph views: the panel, tooltips, filters, conflicts, machine claims, folding ---------

PANEL_LEFT = "document.getElementById('kg-info').getBoundingClientRect().left"


def _place(page, node_id: int, x_from_right: float) -> tuple[float, float]:
    """Move the view so that a node lies ``x_from_right`` pixels from the right edge; its screen position."""
    return tuple(
        page.evaluate(
            """([id, dx]) => {
              const r = document.getElementById('kg-network').getBoundingClientRect();
              kg.network.moveTo({position: kg.network.getPosition(id), scale: 1.2, offset: {x: r.width / 2 - dx, y: 0}});
              const p = kg.network.canvasToDOM(kg.network.getPosition(id));
              return [r.left + p.x, r.top + p.y];
            }""",
            [node_id, x_from_right],
        )
    )


def _screen_x(page, node_id: int) -> float:
    return page.evaluate(
        """id => document.getElementById('kg-network').getBoundingClientRect().left
                + kg.network.canvasToDOM(kg.network.getPosition(id)).x""",
        node_id,
    )


def test_a_node_clicked_where_the_panel_opens_is_panned_clear_of_it(seed_pages, open_page):
    page = open_page(seed_pages["graph"][1])
    tokayev = page.node_id(ID + "tokayev")
    x, y = _place(page, tokayev, 120)  # where the panel (360 pixels wide) will be
    page.page.mouse.click(x, y)
    page.page.wait_for_selector("#kg-info:not([hidden])")
    assert page.page.text_content("#kg-info-title") == "Kassym-Jomart Tokayev"
    assert x > page.evaluate(PANEL_LEFT)  # it was under the panel
    page.page.wait_for_timeout(600)  # the view moves in 300 ms
    assert _screen_x(page, tokayev) < page.evaluate(PANEL_LEFT) - 40
    assert page.evaluate("kg.network.getSelectedNodes()") == [tokayev]


def test_a_tooltip_never_covers_the_panel(seed_pages, open_page):
    page = open_page(seed_pages["graph"][1])
    page.click_node(page.node_id(ID + "tokayev"))
    panel_left = page.evaluate(PANEL_LEFT)
    kazakhstan = page.node_id(ID + "kazakhstan")
    x, y = _place(page, kazakhstan, 360 + 60)  # just left of the panel: the tooltip would run over it
    page.page.mouse.move(x, y)
    page.page.wait_for_selector("div.vis-tooltip", state="visible")
    box = page.page.locator("div.vis-tooltip").bounding_box()
    assert page.page.inner_text("div.vis-tooltip").startswith("Kazakhstan\ncountry")
    assert box["width"] > 100 and box["x"] + box["width"] <= panel_left
    assert page.errors == []


def test_a_tooltip_goes_when_the_filters_hide_its_node(seed_pages, open_page):
    page = open_page(seed_pages["graph"][1])
    quantity = page.evaluate("kg.nodes.get({filter: n => n.label === '43 Kazakhs'}).map(n => n.id)")[0]
    x, y = page.point_of(quantity)
    page.page.mouse.move(x, y)
    page.page.wait_for_selector("div.vis-tooltip", state="visible")
    page.page.click("#kg-types label:has-text('number stated')")
    assert quantity not in page.evaluate("kg.nodeView.getIds()")
    page.page.wait_for_selector("div.vis-tooltip", state="hidden")


def test_a_filtered_page_names_its_filters_in_its_title_and_controls(seed_pages, open_page):
    page = open_page(seed_pages["afp"][1])
    title = "Whole graph (outlet Agence France-Presse, since 2019-01-01, until 2019-06-30)"
    assert page.page.inner_text("#kg-title") == title
    assert page.page.title() == f"kg · {title}"
    assert page.page.input_value("#kg-since") == "2019-01-01" and page.page.input_value("#kg-until") == "2019-06-30"
    assert page.page.inner_text("#kg-outlets").split("\n")[0] == "Agence France-Presse"
    assert page.page.is_visible("#kg-dates-note")
    assert page.page.inner_text("#kg-dates-note").startswith(
        "A claim is shown when the period it is about overlaps these dates. That period is the dates of the event"
    )


def test_the_date_boxes_filter_by_the_date_of_the_event_a_claim_is_about(seed_pages, open_page):
    page = open_page(seed_pages["graph"][1])
    shown = "kg.nodeView.get().map(n => n.label)"
    assert "more than 360,000 people" in page.evaluate(shown)
    page.page.fill("#kg-since", "2019-01-01")  # said in 2019, about the civil war that began in 2011
    labels = page.evaluate(shown)
    assert "more than 360,000 people" not in labels and "43 Kazakhs" in labels


def test_the_show_link_of_a_conflict_selects_both_values_and_their_claims(seed_pages, open_page):
    page = open_page(seed_pages["graph"][1])
    items = page.page.locator("#kg-conflicts li")
    assert items.count() == 5 and page.page.inner_text("#kg-conflict-count") == "(5)"
    item = items.filter(has_text="47 citizens of Kazakhstan (Agence France-Presse)")
    assert item.inner_text().startswith("43 Kazakhs (The Defense Post) vs 47 citizens of Kazakhstan")
    assert "Operation Zhusan, January 2019" in item.inner_text()
    item.locator("a", has_text="show").click()
    page.page.wait_for_selector("#kg-info:not([hidden])")
    page.page.wait_for_timeout(600)
    selected = page.evaluate("kg.network.getSelectedNodes()")
    labels = page.evaluate("ids => ids.map(id => kg.nodes.get(id).label)", selected)
    assert sorted(labels) == ["43 Kazakhs", "47 citizens of Kazakhstan"]
    claims = page.page.inner_text("#kg-info-claims")
    assert "saw 43 Kazakhs returned to the country" in claims and "47 citizens of Kazakhstan" in claims
    assert page.page.text_content("#kg-info-claims-title") == "2 claims behind this edge"
    panel_left = page.evaluate(PANEL_LEFT)
    assert all(_screen_x(page, n) < panel_left - 40 for n in selected)
    page.page.fill("#kg-since", "2020")
    assert page.page.inner_text("#kg-conflict-count") == "(0 of 5; the others hidden by the filters)"
    assert page.page.locator("#kg-conflicts a").count() == 0


def test_a_machine_claim_is_dashed_can_be_hidden_and_hostile_text_never_runs(disputes_store, open_page, tmp_path):
    page = open_page(kg.viz.render(disputes_store, output=tmp_path / "machine.html"))
    machine = page.evaluate("kg.nodes.get({filter: n => n.label === '84 minors'})")[0]
    assert machine["shapeProperties"]["borderDashes"] == kg.viz.views.MACHINE_DASHES
    assert page.page.inner_text("#kg-machine-section label").split() == ["proposed", "by", "a", "machine", "1"]
    page.click_node(machine["id"])
    assert "proposed by a machine" in page.page.inner_text("#kg-info-claims .kg-meta")
    assert f"“Tajikistan repatriated 84 minors {IMG} from Iraq.”" in page.page.inner_text("#kg-info-claims")
    page.page.uncheck("#kg-machine")
    assert machine["id"] not in page.evaluate("kg.nodeView.getIds()")
    assert page.page.is_hidden("#kg-info")  # the panel went with its node
    assert "about 90 children" in page.evaluate("kg.nodeView.get().map(n => n.label)")
    page.page.check("#kg-machine")
    assert machine["id"] in page.evaluate("kg.nodeView.getIds()")
    assert f"Tajikistan {SCRIPT}" in page.evaluate("kg.nodeView.get().map(n => n.label)")
    page.page.wait_for_timeout(300)
    assert page.dialogs == [] and page.errors == []
    assert page.evaluate("[document.scripts.length, document.images.length]") == [3, 0]
    assert all(url.startswith("file:") for url in page.requests), page.requests


def test_a_folded_page_draws_boxes_that_open_their_claims(seed_store, seed_data, open_page, tmp_path):
    view = kg.viz.build_view(seed_store, fold_above=80, data=seed_data)
    page = open_page(view.write(tmp_path / "folded.html"))
    assert page.page.inner_text("#kg-note").startswith("Folded ")
    box = page.evaluate(
        "kg.nodes.get({filter: n => n.label === 'Operation Zhusan, January 2019\\n6 numbers · people'}).map(n => n.id)"
    )
    page.click_node(box[0])
    assert "saw 43 Kazakhs returned to the country" in page.page.inner_text("#kg-info-claims")
    assert page.errors == []
