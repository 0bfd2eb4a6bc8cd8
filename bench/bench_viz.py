"""How fast a large view becomes interactive in headless Chromium, and how long Python takes to make it.

A synthetic corpus (``bench/generate.py``) is built into a store; the whole-graph view is made with
up to ``--max-nodes`` nodes and opened ``--runs`` times in Debian's Chromium (headless, through
Playwright). For each run:

- ``ready``: from navigation start (``performance.timeOrigin``) until vis-network's first
  ``afterDrawing`` event, when the page sets ``window.kg.ready`` (physics is off above 300 nodes,
  so the first drawing is the final layout);
- ``click``: a click on a node right after ``ready``, from the ``pointerdown`` event until the
  panel with its quotes is shown (measured in the page);
- ``zoom``: a large page labels only the edges in view once zoomed in (vis-network spends half
  its start-up on labels it would not draw at the zoom that shows the whole graph): the time to
  label the edges in view (at most 600, nearest the centre) and draw the view, zoomed to scale 1
  on the busiest node.

With ``--view disputes`` the page is the disputes board (every claim group that two or more outlets
speak to, 50 rows a page): ``ready`` is from navigation start until the first page of rows is drawn
and the page sets ``window.kg.ready``; ``filter`` the time from a status filter's change until the
rows it keeps are drawn; ``page`` the time to draw the next page of rows.

The graph page is measured unfolded (``fold_above=10**9``: every number its own node, as before
views folded numbers above ``--fold-above`` nodes, default 1,000), so that figures compare with earlier
ones; ``--folded`` also times the page ``kg viz`` makes by default (its rows start with ``folded page:``).

    python bench/bench_viz.py --articles 4500 --max-nodes 5000 --runs 7
    python bench/bench_viz.py --articles 4500 --max-nodes 5000 --runs 7 --folded   # also the default page
    python bench/bench_viz.py --store /tmp/kg-bench/s4500 --max-nodes 5000   # an existing store
    python bench/bench_viz.py --store /tmp/kg-bench/store-10000-7 --view disputes --runs 7
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import kg  # noqa: E402
import kg.viz  # noqa: E402
from kg.viz.options import FOLD_ABOVE  # noqa: E402

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
UNFOLDED = 10**9
"""``fold_above`` for the page as it was measured before views folded numbers above 1,000 nodes."""

_CLICK = """async (id) => {
  const net = kg.network;
  net.moveTo({position: net.getPosition(id), scale: 1.0});
  const p = net.canvasToDOM(net.getPosition(id));
  const r = document.getElementById('kg-network').getBoundingClientRect();
  window.__down = null; window.__shown = null;
  document.addEventListener('pointerdown', () => { window.__down = performance.now(); }, {capture: true, once: true});
  new MutationObserver((_, obs) => {
    if (!document.getElementById('kg-info').hidden) { window.__shown = performance.now(); obs.disconnect(); }
  }).observe(document.getElementById('kg-info'), {attributes: true});
  return [r.left + p.x, r.top + p.y];
}"""


def _summary(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f} ms (min {min(values):,.0f}, max {max(values):,.0f}, n={len(values)})"


def _store(args: argparse.Namespace, work: Path) -> str:
    if args.store:
        return args.store
    corpus, store = work / f"c{args.articles}", work / f"s{args.articles}"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "--articles", str(args.articles), "--out", str(corpus)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    t = time.perf_counter()
    kg.build(corpus, store=str(store), out=None)
    print(f"built {args.articles} synthetic articles in {time.perf_counter() - t:.1f} s")
    return str(store)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--articles", type=int, default=4500, help="synthetic articles to generate (4,500: ~5,300 nodes)"
    )
    parser.add_argument("--store", help="use this built store instead of generating a corpus")
    parser.add_argument("--max-nodes", type=int, default=5000, help="nodes on the page")
    parser.add_argument("--runs", type=int, default=7, help="page loads to time")
    parser.add_argument("--work", help="folder for the corpus, store and page (default: a temporary folder)")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("--view", choices=("graph", "disputes"), default="graph", help="the page to time")
    parser.add_argument(
        "--folded",
        action="store_true",
        help=f"also time the page kg viz makes by default (numbers folded above {FOLD_ABOVE:,} nodes)",
    )
    args = parser.parse_args(argv)
    if args.view == "disputes":
        return _disputes(args)

    from playwright.sync_api import sync_playwright

    work = Path(args.work or tempfile.mkdtemp(prefix="kg-bench-viz-"))
    work.mkdir(parents=True, exist_ok=True)
    store = _store(args, work)

    t = time.perf_counter()
    data = kg.viz.read_graph(store)
    read_s = time.perf_counter() - t
    # the unfolded page, as measured before views folded numbers; then, on request, the page kg viz makes
    pages = [("", UNFOLDED)] + ([("folded page: ", FOLD_ABOVE)] if args.folded else [])
    figures = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for prefix, fold_above in pages:
            name = "graph.html" if fold_above == UNFOLDED else "graph-folded.html"
            figures["unfolded" if fold_above == UNFOLDED else "folded"] = _time_graph(
                browser, args, store, data, read_s, work / name, fold_above, prefix
            )
        browser.close()
    if args.json:
        unfolded = figures.pop("unfolded")
        Path(args.json).write_text(json.dumps({**unfolded, **figures}, indent=2))
    return 0


def _time_graph(browser, args, store, data, read_s: float, path: Path, fold_above: int, prefix: str) -> dict:
    """Make the whole-graph page with ``fold_above`` and time ``args.runs`` loads of it; print one row per figure."""
    t = time.perf_counter()
    view = kg.viz.build_view(store, data=data, max_nodes=args.max_nodes, fold_above=fold_above)
    build_s = time.perf_counter() - t
    t = time.perf_counter()
    page = view.write(path)
    write_s = time.perf_counter() - t
    edges = len(view.edges)
    fold = "unfolded" if fold_above == UNFOLDED else f"--fold-above {fold_above:,}"
    print(
        f"{prefix}view: {len(view.nodes):,} nodes, {edges:,} edges ({view.counts}; {fold}); "
        f"page {page.stat().st_size / 1e6:.1f} MB; "
        f"python: read {read_s:.1f} s, build and lay out {build_s:.1f} s, write {write_s:.1f} s"
    )

    ready, click, zoom = [], [], []
    for _ in range(args.runs):
        tab = browser.new_page(viewport={"width": 1200, "height": 800})
        errors: list[str] = []
        tab.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        tab.goto(page.resolve().as_uri())
        # waiting on selectors, not on JavaScript predicates: the page's CSP forbids eval
        tab.wait_for_selector("html[data-kg-ready='1']", state="attached", timeout=120_000)
        ready.append(tab.evaluate("kg.readyAt"))
        assert tab.evaluate("[kg.nodes.length, kg.edges.length]") == [len(view.nodes), edges]
        hub = max(view.nodes, key=lambda n: n.get("size", 0))["id"]
        x, y = tab.evaluate(_CLICK, hub)
        tab.mouse.click(x, y)
        tab.wait_for_selector("#kg-info:not([hidden])", timeout=60_000)
        click.append(tab.evaluate("window.__shown - window.__down"))
        zoom.append(
            tab.evaluate(
                """id => { kg.network.unselectAll(); kg.network.moveTo({scale: 0.1}); kg.labelView();
                   kg.network.moveTo({position: kg.network.getPosition(id), scale: 1.0});
                   const t = performance.now(); kg.labelView(); kg.network.redraw(); return performance.now() - t; }""",
                hub,
            )
        )
        assert not errors, errors
        tab.close()

    print(f"{prefix}ready (navigation start to first drawing): {_summary(ready)}")
    print(f"{prefix}click on a node to its panel shown:        {_summary(click)}")
    print(f"{prefix}zoom in on the busiest node (label, draw): {_summary(zoom)}")
    figures = {
        "nodes": len(view.nodes),
        "edges": edges,
        "page_bytes": page.stat().st_size,
        "read_s": read_s,
        "build_s": build_s,
        "write_s": write_s,
        "ready_ms": ready,
        "click_ms": click,
        "zoom_ms": zoom,
    }
    return figures


def _disputes(args: argparse.Namespace) -> int:
    from playwright.sync_api import sync_playwright

    work = Path(args.work or tempfile.mkdtemp(prefix="kg-bench-viz-"))
    work.mkdir(parents=True, exist_ok=True)
    store = _store(args, work)
    t = time.perf_counter()
    board = kg.viz.disputes(store)
    build_s = time.perf_counter() - t
    t = time.perf_counter()
    page = board.write(work / "disputes.html")
    write_s = time.perf_counter() - t
    print(
        f"board: {board.counts}; page {page.stat().st_size / 1e6:.1f} MB; "
        f"python: read and build {build_s:.1f} s, write {write_s:.1f} s"
    )
    ready, filter_, next_ = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(args.runs):
            tab = browser.new_page(viewport={"width": 1200, "height": 800})
            errors: list[str] = []
            tab.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            tab.goto(page.resolve().as_uri())
            tab.wait_for_selector("html[data-kg-ready='1']", state="attached", timeout=120_000)
            ready.append(tab.evaluate("kg.readyAt"))
            assert tab.locator("section.kg-row").count() == min(board.page_size, len(board.rows))
            filter_.append(
                tab.evaluate(
                    """() => { const t = performance.now(); const s = document.getElementById('kg-status');
                       s.value = 'corroborated'; s.dispatchEvent(new Event('change'));
                       document.body.offsetHeight; return performance.now() - t; }"""
                )
            )
            next_.append(
                tab.evaluate(
                    """() => { const s = document.getElementById('kg-status'); s.value = '';
                       s.dispatchEvent(new Event('change')); const t = performance.now();
                       document.getElementById('kg-next').click(); document.body.offsetHeight;
                       return performance.now() - t; }"""
                )
            )
            assert not errors, errors
            tab.close()
        browser.close()
    print(f"ready (navigation start to first rows drawn): {_summary(ready)}")
    print(f"status filter to rows drawn:                 {_summary(filter_)}")
    print(f"next page drawn:                             {_summary(next_)}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    **board.counts,
                    "page_bytes": page.stat().st_size,
                    "build_s": build_s,
                    "write_s": write_s,
                    "ready_ms": ready,
                    "filter_ms": filter_,
                    "next_ms": next_,
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
