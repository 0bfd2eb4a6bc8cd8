"""Fixtures for the analysis tests: the tiny corpus built once, views of the seed graph, a writable copy."""

from __future__ import annotations

import shutil

import pytest

import kg
from kg.analysis import read_graph_data, to_networkx

from ..conftest import DATA

ID = "https://kg.example.org/id/"


@pytest.fixture(scope="session")
def tiny_store(tmp_path_factory) -> str:
    """tests/data/tiny built: Rahmon says Tajikistan repatriated 84 minors, The Daily says 86 children."""
    store = str(tmp_path_factory.mktemp("tiny-analysis") / "store")
    kg.build(DATA / "tiny", store=store, out=None)
    return store


@pytest.fixture(scope="session")
def seed_data(seed_store):
    return read_graph_data(seed_store)


@pytest.fixture(scope="session")
def seed_actors(seed_data):
    return to_networkx(seed_data, view="actors")


@pytest.fixture(scope="session")
def seed_network(seed_data):
    return to_networkx(seed_data, view="network")


@pytest.fixture
def seed_copy(seed_store, tmp_path) -> str:
    """A copy of the seed store that a test may write into."""
    copy = tmp_path / "store"
    shutil.copytree(seed_store, copy)
    return str(copy)
