"""kg against a REAL Virtuoso Open Source server (Debian's virtuoso-t): the same answers as the embedded store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import kg
from kg.incremental import remove_articles
from kg.remote import KG_GRAPHS, parse_store_url

from ..conftest import SEEDS
from .conftest import virtuoso_server
from .same_answers import SameAnswersAsTheEmbeddedStore, Server


def virtuoso(url: str) -> Server:
    """The store URL of the Virtuoso server at ``url``, as its administrator (a fresh database's dba/dba)."""

    def store(base: str) -> str:
        return base.replace("http://", "http://dba:dba@") + "#server=virtuoso"

    return Server(store(url), store, {"signed": True})


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Iterator[tuple[Server, kg.BuildReport]]:
    folder = tmp_path_factory.mktemp("seeded-virtuoso")
    with virtuoso_server(folder / "db") as url:
        server = virtuoso(url)
        yield server, kg.build(SEEDS, store=server.url, out=None)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Iterator[Server]:
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso") / "db") as url:
        yield virtuoso(url)


class TestVirtuoso(SameAnswersAsTheEmbeddedStore):
    def test_a_capped_answer_is_read_graph_by_graph_and_a_capped_query_fails(self, seeded, seed_store):
        """Virtuoso cuts answers at ResultSetMaxRows (10,000 here); the seeds have more quads."""
        server, report = seeded
        assert report.quads > 10_000
        assert len(list(kg.open_store(server.url).quads())) == report.quads
        with pytest.raises(kg.KGError) as error:
            kg.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", store=server.url)
        assert error.value.code == "E907"

    def test_reading_needs_no_password(self, seeded, seed_store):
        server, _ = seeded
        anonymous = server.url.replace("dba:dba@", "")  # reads /sparql, and /sparql-graph-crud when capped
        assert parse_store_url(anonymous).update.endswith("/sparql")
        assert kg.read_claims(anonymous) == kg.read_claims(seed_store)

    def test_a_change_in_place_is_refused_with_the_reason_and_kg_build_rebuilds(self, seeded, seed_store):
        """Virtuoso is written with PUT, graph by graph: a change could not be one transaction there."""
        server, _ = seeded
        with pytest.raises(kg.KGError) as error:
            remove_articles(["anything"], store=server.url)
        assert error.value.code == "E209"
        assert "Virtuoso is written with PUT, one graph a request" in error.value.message
        assert kg.build(SEEDS, store=server.url, out=None).compiled is None  # rebuilt whole


def test_graph_names_page_past_virtuosos_sorted_row_limit(tmp_path, seed_store):
    """kg reads a capped server's graph names in key order, so no sorted answer exceeds MaxSortedTopRows.

    At 10,000 articles OFFSET pages of Virtuoso's default 10,000 rows passed its default 20,000 sorted
    rows (SR353); the same limits scaled down (3 rows a page, 7 sorted) meet that with the seeds' graphs.
    """
    with virtuoso_server(tmp_path / "db", max_rows=3, sorted_top=7) as url:
        server = virtuoso(url)
        kg.build(SEEDS, store=server.url, out=None)
        names = kg.open_store(server.url).graphs()
        mine = sorted(name for name in names if name.startswith(KG_GRAPHS))
    expected = sorted({quad.graph_name.value for quad in kg.open_store(seed_store).quads()})
    assert len(expected) > 7
    assert mine == expected
    assert len(names) == len(set(names))
