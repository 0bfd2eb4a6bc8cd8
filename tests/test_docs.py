"""The project checks its own documentation: the README shows every command, and its examples run."""

import re
import shlex

import pytest

from kg.cli import app

from .conftest import ROOT, run_kg

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands():
    blocks = re.findall(r"```(?:bash|sh|console)?\n(.*?)```", README, flags=re.S)
    first = [ln.split("#")[0].strip() for ln in blocks[0].splitlines() if ln.split("#")[0].strip()]
    assert first == ["make run", "make test"]


def test_every_command_is_in_the_readme():
    for command in app.registered_commands:
        assert f"kg {command.callback.__name__}" in README, command.callback.__name__


def _readme_examples() -> list[str]:
    lines = []
    for block in re.findall(r"```(?:bash|sh|console)\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].split(" | ")[0].strip()
            if line.startswith("kg ") and "build" not in line.split()[1] and "serve" not in line:
                lines.append(line)
    return lines


@pytest.mark.parametrize("line", _readme_examples())
def test_readme_examples_run(line, seed_store, tmp_path):
    args = shlex.split(line)[1:]
    result = run_kg(*args, "--store", seed_store, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_the_format_document_names_every_annotation_section():
    doc = (ROOT / "docs" / "annotation-format.md").read_text()
    for section in ("mentions:", "events:", "claims:", "statements:", "boilerplate:"):
        assert section in doc


def test_changelog_exists():
    assert (ROOT / "CHANGELOG.md").read_text().startswith("# Changelog")
