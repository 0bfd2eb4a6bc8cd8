"""kg against a REAL Apache Jena Fuseki server (jena-fuseki-main, TDB2): the same answers as the embedded store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import kg

from ..conftest import SEEDS
from .conftest import fuseki_server
from .same_answers import SameAnswersAsTheEmbeddedStore, Server


def fuseki(url: str) -> Server:
    """The store URL of the Fuseki dataset at ``url`` (``http://host:port/kg``)."""
    return Server(url + "#server=fuseki", lambda proxy: proxy + "kg#server=fuseki")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Iterator[tuple[Server, kg.BuildReport]]:
    with fuseki_server(tmp_path_factory.mktemp("seeded-fuseki")) as url:
        server = fuseki(url)
        yield server, kg.build(SEEDS, store=server.url, out=None)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Iterator[Server]:
    with fuseki_server(tmp_path_factory.mktemp("fuseki")) as url:
        yield fuseki(url)


class TestFuseki(SameAnswersAsTheEmbeddedStore):
    pass
