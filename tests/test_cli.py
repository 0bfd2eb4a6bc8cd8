"""The real `kg` command: output, exit codes, and one-line errors for bad input."""

import csv
import io
import json
import subprocess
import sys

import pytest

from .conftest import SEEDS, run_kg


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    result = run_kg("build", "--seeds", str(SEEDS), "--store", str(folder / "store"), "--out", str(folder / "out"))
    assert result.returncode == 0, result.stderr
    return folder


def test_build_reports_what_it_built(built):
    assert (built / "out" / "kg.trig").is_file()


def test_build_summary_line(tiny_corpus, tmp_path):
    result = run_kg("build", "--seeds", str(tiny_corpus), "--store", str(tmp_path / "s"), "--no-trig")
    assert result.returncode == 0
    assert "built 2 articles" in result.stderr and "conflicting" in result.stderr


def test_named_query_as_csv(built):
    result = run_kg("query", "--name", "conflicting-claims", "--format", "csv", "--store", str(built / "store"))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"43 Kazakhs", "about 400 Kazakhstanis"} <= {r["quantity"] for r in rows}


def test_named_queries_page_with_limit_offset_and_all(built):
    store = ("--store", str(built / "store"), "--format", "csv")
    every = run_kg("query", "--name", "actor-actions", "--all", *store)
    rows = list(csv.reader(io.StringIO(every.stdout)))[1:]
    assert len(rows) > 40 and every.stderr == ""
    page = run_kg("query", "--name", "actor-actions", "--limit", "20", "--offset", "20", *store)
    assert list(csv.reader(io.StringIO(page.stdout)))[1:] == rows[20:40]
    assert page.stderr.strip() == "(a page of 20 rows: --offset 40 for the next, --all for every row)"
    last = run_kg("query", "--name", "actor-actions", "--offset", str(len(rows) - 3), *store)
    assert list(csv.reader(io.StringIO(last.stdout)))[1:] == rows[-3:] and last.stderr == ""


def test_query_from_argument_and_file(built, tmp_path):
    sparql = "SELECT ?label WHERE { id:knb rdfs:label ?label }"
    inline = run_kg("query", sparql, "--format", "sparql-json", "--store", str(built / "store"))
    assert (
        json.loads(inline.stdout)["results"]["bindings"][0]["label"]["value"]
        == "National Security Committee of Kazakhstan"
    )
    (tmp_path / "q.rq").write_text(sparql)
    from_file = run_kg(
        "query", "--file", str(tmp_path / "q.rq"), "--format", "sparql-tsv", "--store", str(built / "store")
    )
    assert from_file.stdout == '?label\n"National Security Committee of Kazakhstan"\n'


def test_query_list_names_the_queries(built):
    result = run_kg("query", "--list")
    assert "conflicting-claims" in result.stdout and "timeline" in result.stdout


def test_export_claims_jsonl_to_a_file(built):
    out = built / "claims.jsonl"
    result = run_kg("export", "claims", "--format", "jsonl", "--output", str(out), "--store", str(built / "store"))
    assert result.returncode == 0
    first = json.loads(out.read_text().splitlines()[0])
    assert set(first) >= {"id", "quote", "start", "end", "status"}


def test_export_graph_turtle_to_stdout(built):
    result = run_kg("export", "graph", "--format", "turtle", "--store", str(built / "store"))
    assert result.returncode == 0 and "@prefix kg:" in result.stdout


def test_validate_the_built_store(built):
    result = run_kg("validate", "--store", str(built / "store"))
    assert result.returncode == 0, result.stdout[-2000:]
    assert "conforms" in result.stderr


@pytest.mark.parametrize(
    "args,code",
    [
        (["query", "SELECT WHERE {"], "E300"),
        (["query", "--name", "no-such-query"], "E301"),
        (["query", "--file", "/nonexistent.rq"], "E302"),
        (["query"], "E304"),
        (["export", "claims", "--format", "xlsx"], "E303"),
        (["query", "SELECT * { ?s ?p ?o }", "--limit", "5"], "E306"),
        (["query", "--name", "actors", "--offset", "-3"], "E307"),
    ],
)
def test_bad_queries_are_one_line_errors(built, args, code):
    result = run_kg(*args, "--store", str(built / "store"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {code} ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_bad_annotation_is_one_line_and_keeps_the_store(built, tiny_corpus):
    (tiny_corpus / "a1.yaml").write_text((tiny_corpus / "a1.yaml").read_text().replace("84 minors", "48 minors"))
    before = (built / "out" / "kg.trig").read_bytes()
    result = run_kg("build", "--seeds", str(tiny_corpus), "--store", str(built / "store"), "--out", str(built / "out"))
    assert result.returncode == 1
    assert result.stderr.startswith("error: E101 ") and "a1.yaml:" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (built / "out" / "kg.trig").read_bytes() == before
    check = run_kg("query", "ASK { id:tokayev a kg:Person }", "--store", str(built / "store"))
    assert check.stdout == "true\n"


def test_not_a_store(tmp_path):
    (tmp_path / "file.txt").write_text("x")
    result = run_kg("query", "ASK {}", "--store", str(tmp_path))
    assert result.returncode == 1 and result.stderr.startswith("error: E200 ")


def test_every_command_has_help():
    from kg.cli import app

    for command in app.registered_commands:
        assert command.callback.__doc__, command.callback.__name__
        result = run_kg(command.callback.__name__, "--help")
        assert result.returncode == 0 and "Usage" in result.stdout


# --- the analyst's habits (issue 17) ----------------------------------------------------------------------


def test_version_prints_the_package_version():
    from importlib.metadata import version

    import kg

    result = run_kg("--version")
    assert result.returncode == 0
    assert result.stdout == f"kg {version('kg')}\n" == f"kg {kg.__version__}\n"


def test_shell_completion_is_offered():
    assert "--install-completion" in run_kg("--help").stdout
    # typer finds the shell from the process's parents (under make that is sh, which it does not support),
    # so ask from a bash, as a user typing the command would
    script = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m kg.cli --show-completion; exit $?'],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert script.returncode == 0 and "_kg_completion" in script.stdout


def test_flags_show_no_bool_metavar_in_help():
    for args in (["--help"], ["query", "--help"], ["analyze", "claims", "--help"], ["build", "--help"]):
        result = run_kg(*args)
        assert result.returncode == 0 and "--help" in result.stdout
        assert "<bool>" not in result.stdout, args


def test_a_named_query_into_a_pipe_writes_every_row(built):
    store = ("--store", str(built / "store"), "--format", "csv")
    piped = run_kg("query", "--name", "actor-actions", *store)
    every = run_kg("query", "--name", "actor-actions", "--all", *store)
    assert piped.returncode == 0 and piped.stderr == ""
    assert piped.stdout == every.stdout and len(piped.stdout.splitlines()) > 40


def test_json_and_tsv_for_spreadsheets_and_pandas(built):
    store = ("--store", str(built / "store"))
    sparql = "SELECT ?id ?label WHERE { VALUES ?id { id:knb } ?id rdfs:label ?label }"
    records = json.loads(run_kg("query", sparql, "--format", "json", *store).stdout)
    assert records == [{"id": "https://kg.example.org/id/knb", "label": "National Security Committee of Kazakhstan"}]
    tsv = run_kg("query", sparql, "--format", "tsv", *store).stdout
    assert tsv == "id\tlabel\nhttps://kg.example.org/id/knb\tNational Security Committee of Kazakhstan\n"


def test_describe_as_csv_is_a_triples_table_not_turtle(built):
    result = run_kg("query", "DESCRIBE id:knb", "--format", "csv", "--store", str(built / "store"))
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["s", "p", "o"] and len(rows) > 2
    assert all(r[0] == "https://kg.example.org/id/knb" for r in rows[1:])


def test_conflicting_claims_says_which_outlets_it_counts(built):
    result = run_kg("query", "--name", "conflicting-claims", "--format", "csv", "--store", str(built / "store"))
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert "outlets_agreeing" in header and "outlets" not in header


def test_unknown_prefix_names_it_in_one_line(built):
    result = run_kg("query", "SELECT * { ?s foo:bar ?o }", "--store", str(built / "store"))
    assert result.returncode == 1
    assert result.stderr.startswith("error: E310 unknown prefix 'foo' at 1:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_advice_for_a_folder_that_is_not_a_store_works(tmp_path, tiny_corpus):
    (tmp_path / "file.txt").write_text("x")
    result = run_kg("query", "ASK {}", "--store", str(tmp_path))
    assert "`kg build --store NEW_FOLDER`" in result.stderr
    advised = run_kg("build", "--seeds", str(tiny_corpus), "--store", str(tmp_path / "new"), "--no-trig")
    assert advised.returncode == 0, advised.stderr


def test_build_progress_goes_to_a_terminal_on_stderr_never_to_stdout(tiny_corpus, tmp_path):
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    run = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "build",
            "--seeds",
            str(tiny_corpus),
            "--store",
            str(tmp_path / "s"),
            "--no-trig",
        ],
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**os.environ, "COLUMNS": "100", "TERM": "xterm"},
    )
    os.close(follower)
    stdout, _ = run.communicate(timeout=300)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert run.returncode == 0 and stdout == b""
    assert b"parse articles" in shown and b"built 2 articles" in shown


def test_build_shows_no_progress_when_stderr_is_not_a_terminal(tiny_corpus, tmp_path):
    result = run_kg("build", "--seeds", str(tiny_corpus), "--store", str(tmp_path / "s"), "--no-trig")
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr.startswith("built 2 articles") and len(result.stderr.splitlines()) == 1
