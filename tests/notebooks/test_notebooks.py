"""The notebooks in notebooks/ run top to bottom, use kg's public API, and show what they promise.

Each notebook is executed once (nbclient, with the kernel of the Python running the tests), in
notebooks/ as `jupyter lab notebooks/` runs it; it builds its own store under out/. A cell that
raises fails the run. The checks then read what the notebook wrote (stores, CSV, PNG, HTML) and
what its cells displayed.
"""

from __future__ import annotations

import ast
import importlib
import re
from functools import cache
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

import kg

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "out"
NAMES = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT = 300  # seconds per cell


def read(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS / name, as_version=4)


@cache
def executed(name: str) -> nbformat.NotebookNode:
    """The notebook run top to bottom in notebooks/ (once per test session); a cell error raises."""
    nb = read(name)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",  # ipykernel's own spec: jupyter_client starts it with this Python
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    return nb


def code_cells(nb: nbformat.NotebookNode) -> list:
    return [c for c in nb.cells if c.cell_type == "code"]


def printed(nb: nbformat.NotebookNode) -> str:
    """Everything the cells printed, and the plain-text form of what they displayed."""
    parts = []
    for cell in code_cells(nb):
        for output in cell.outputs:
            if output.output_type == "stream":
                parts.append(output.text)
            elif "data" in output:
                parts.append(output.data.get("text/plain", ""))
    return "\n".join(parts)


def displayed(nb: nbformat.NotebookNode, mimetype: str) -> list[str]:
    return [
        output.data[mimetype]
        for cell in code_cells(nb)
        for output in cell.outputs
        if "data" in output and mimetype in output.data
    ]


def rows(sparql: str, store: Path) -> list[dict]:
    return [
        {k: None if v is None else v.toPython() for k, v in r.items()} for r in kg.query(sparql, store=store).records()
    ]


# --- what is committed ----------------------------------------------------------------------------


def test_the_four_notebooks_are_there():
    assert NAMES == ["01-tour.ipynb", "02-who-said-what.ipynb", "03-network.ipynb", "04-new-article.ipynb"]


@pytest.mark.parametrize("name", NAMES)
def test_a_notebook_is_committed_without_outputs(name):
    nb = read(name)
    nbformat.validate(nb)
    assert [(c.id, c.outputs, c.execution_count) for c in code_cells(nb) if c.outputs or c.execution_count] == []
    assert (NOTEBOOKS / name).stat().st_size < 50_000


def _submodule(module: str, attr: str) -> bool:
    try:
        importlib.import_module(f"{module}.{attr}")
    except ModuleNotFoundError:
        return False
    return True


def _kg_names(tree: ast.AST) -> list[tuple[str, str]]:
    """(module, name) for every name a notebook takes from kg: imports and kg.x.y attribute chains."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "kg":
            found += [(node.module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Attribute) and not isinstance(getattr(node, "ctx", None), ast.Store):
            chain = []
            inner: ast.AST = node
            while isinstance(inner, ast.Attribute):
                chain.append(inner.attr)
                inner = inner.value
            if isinstance(inner, ast.Name) and inner.id == "kg":
                chain.reverse()
                module = "kg"
                for attr in chain:
                    found.append((module, attr))
                    if not _submodule(module, attr):
                        break
                    module = f"{module}.{attr}"
    return found


@pytest.mark.parametrize("name", NAMES)
def test_a_notebook_uses_only_kg_public_api_and_no_shell(name):
    source = "\n\n".join(c.source for c in code_cells(read(name)))
    assert not re.search(r"^\s*[!%]", source, re.MULTILINE), "no shell escapes or magics"
    assert "subprocess" not in source and "os.system" not in source
    names = _kg_names(ast.parse(source))
    assert names, "the notebook uses kg"
    private = [(m, n) for m, n in names if n.startswith("_")]
    assert private == []
    for module, attr in names:
        public = set(importlib.import_module(module).__all__)
        assert attr in public or _submodule(module, attr), f"{module}.{attr} is not in {module}.__all__"


def test_the_notebooks_use_kg_dataframes_not_a_helper_of_their_own():
    sources = {name: "\n".join(c.source for c in code_cells(read(name))) for name in NAMES}
    assert [name for name, source in sources.items() if "def frame(" in source] == []
    assert all(".to_dataframe()" in sources[name] for name in NAMES if "kg.query(" in sources[name])
    assert "kg.claims_frame(" in sources["01-tour.ipynb"] and "kg.dataset(" in sources["01-tour.ipynb"]


# --- running them ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_a_notebook_runs_top_to_bottom(name):
    nb = executed(name)
    cells = code_cells(nb)
    assert [c.execution_count for c in cells] == list(range(1, len(cells) + 1))
    assert [o for c in cells for o in c.outputs if o.output_type == "error"] == []


def test_the_tour_builds_the_seeds_and_finds_one_actor_under_many_names():
    nb = executed("01-tour.ipynb")
    text = printed(nb)
    assert re.search(r"built 5 articles into \S+nb-tour\.kg", text)
    assert "Interim President Kasym-Zhomart Tokayev" in text  # a spelling of id:tokayev, from SPARQL
    assert "On April 30, neighboring Tajikistan repatriated 84 minors from Iraq\n" in text  # sliced by offsets
    assert "conforms: True" in text
    built = rows("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?c prov:wasDerivedFrom ?a }", OUT / "nb-tour.kg")
    assert built == [{"n": 5}]


def test_who_said_what_counts_the_outlets_behind_each_disputed_figure():
    nb = executed("02-who-said-what.ipynb")
    table = pd.read_csv(OUT / "nb-who-said-what" / "disagreements.csv", dtype=str)
    outlets = {(r.topic, r.value): int(r.outlets_stating) for r in table.itertuples()}
    assert outlets[("Operation Zhusan, January 2019", "47")] == 3
    assert outlets[("Operation Zhusan, January 2019", "43")] == 1
    departures = {v for t, v in outlets if t.startswith("Departures of Kazakhstanis")}
    assert {"about 400", "about 500"} <= departures
    png = OUT / "nb-who-said-what" / "figures-by-source.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size < 200_000
    assert len(displayed(nb, "image/png")) == 1


def test_the_network_notebook_ranks_actors_and_shows_a_view_inline():
    nb = executed("03-network.ipynb")
    centrality = pd.read_csv(OUT / "nb-network" / "centrality.csv")
    assert centrality["label"].iloc[0] == "Kazakhstan"
    assert "Kassym-Jomart Tokayev to Tajikistan: 4 links in the network view" in printed(nb)
    assert any("<iframe" in html and "srcdoc=" in html for html in displayed(nb, "text/html"))
    for page in ("graph.html", "claims.html", "tokayev.html"):
        assert (OUT / "nb-network" / page).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


ZHUSAN_PEOPLE = """
SELECT ?operation ?value ?status ?outlets ?outlet ?speaker
WHERE {
  ?group kg:topic ?op ; kg:kind/rdfs:label "people" .
  VALUES ?op { id:zhusan-1 id:zhusan-2 }
  ?op rdfs:label ?operation .
  ?claim kg:inGroup ?group ; rdf:object/kg:value ?value ; kg:status ?status ; kg:outletCount ?outlets ;
         kg:outlet/rdfs:label ?outlet ; prov:wasAttributedTo/rdfs:label ?speaker .
}
"""


def test_a_new_article_adds_actors_and_contests_the_may_figure():
    executed("04-new-article.ipynb")
    before = rows(ZHUSAN_PEOPLE, OUT / "nb-new-article-before.kg")
    after = rows(ZHUSAN_PEOPLE, OUT / "nb-new-article.kg")
    conflicting = "https://kg.example.org/ontology#Conflicting"

    def may_conflicts(found):
        return {r["value"] for r in found if r["operation"].endswith("May 2019") and str(r["status"]) == conflicting}

    assert may_conflicts(before) == set()
    assert may_conflicts(after) == {231, 238}
    new_47 = [r for r in after if r["outlet"] == "Steppe Ledger" and r["value"] == 47]
    # the reviewed claim: the foundation said it, and now four outlets give 47 for January
    assert [(r["speaker"], r["outlets"]) for r in new_47] == [("Steppe Families Foundation", 4)]
    old_actors = {a["label"] for a in kg.read_actors(OUT / "nb-new-article-before.kg")}
    new_actors = {a["label"] for a in kg.read_actors(OUT / "nb-new-article.kg")} - old_actors
    assert new_actors == {"Steppe Ledger", "Steppe Families Foundation", "Aigerim Sadykova"}
