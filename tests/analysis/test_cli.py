"""The real `kg analyze` command line on the seeds: output, formats, exit codes, one-line errors."""

import csv
import io
import json

import networkx as nx
import pytest

import kg
from kg.compile import compile_registry
from kg.corpus import read_registry

from ..conftest import DATA, run_kg


def analyze(*args, store):
    return run_kg("analyze", *args, "--store", store)


def ok(result):
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def one_line_error(result, code):
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {code} "), result.stderr
    return lines[0]


def test_centrality_as_json(seed_store):
    rows = json.loads(ok(analyze("centrality", "--top", "3", "--format", "json", store=seed_store)).stdout)
    assert len(rows) == 3
    assert {"Kassym-Jomart Tokayev", "Kazakhstan"} <= {r["label"] for r in rows}
    assert set(rows[0]) == {"rank", "label", "type", "degree", "betweenness", "pagerank", "links", "articles", "id"}


def test_centrality_table_by_degree_with_the_networkx_backend(seed_store):
    result = ok(analyze("centrality", "--by", "degree", "--backend", "networkx", store=seed_store))
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["rank", "label", "type"]
    assert "Kazakhstan" in lines[2]
    assert lines[-1] == "(10 rows)"


def test_communities_as_csv(seed_store):
    rows = list(csv.DictReader(io.StringIO(ok(analyze("communities", "--format", "csv", store=seed_store)).stdout)))
    assert rows[0]["community"] == "0"
    first = rows[0]["members"].split(" | ")
    assert len(first) == int(rows[0]["size"])
    assert "Kassym-Jomart Tokayev" in first


def test_path_tokayev_to_tajikistan(seed_store):
    result = ok(analyze("path", "Tokayev", "Tajikistan", "--format", "json", store=seed_store))
    hops = json.loads(result.stdout)
    assert hops[0]["from"] == "Kassym-Jomart Tokayev" and hops[-1]["to"] == "Tajikistan"
    assert all(h["quote"] and h["outlet"] and h["claim_id"].startswith("id:claim/") for h in hops)
    assert "Kassym-Jomart Tokayev to Tajikistan:" in result.stderr


def test_ego_at_depth_two(seed_store):
    rows = json.loads(ok(analyze("ego", "tokayev", "--depth", "2", "--format", "json", store=seed_store)).stdout)
    assert {r["distance"] for r in rows} == {1, 2}
    assert rows[0]["distance"] == 1 and rows[0]["from"] == "Kassym-Jomart Tokayev"


def test_claims_show_47_against_43(seed_store):
    result = ok(analyze("claims", "--contested", "--format", "csv", store=seed_store))
    rows = {r["value"]: r for r in csv.DictReader(io.StringIO(result.stdout)) if r["topic"].endswith("January 2019")}
    assert rows["47"]["outlets_stating"] == "3" and rows["47"]["conflicts_with"] == "43"
    assert rows["43"]["outlets_stating"] == "1" and rows["43"]["verdict"] == "contested"


def test_timeline_table(seed_store):
    lines = ok(analyze("timeline", store=seed_store)).stdout.splitlines()
    assert lines[0].split()[:4] == ["date", "kind", "label", "detail"]
    assert any("2019-05-07" in ln and "begins" in ln and "Operation Zhusan, May 2019" in ln for ln in lines)


def test_export_graphml_for_gephi(seed_store, tmp_path):
    out = tmp_path / "actors.graphml"
    ok(analyze("export", "--format", "graphml", "--view", "actors", "-o", str(out), store=seed_store))
    G = nx.read_graphml(out)
    tokayev = G.nodes["https://kg.example.org/id/tokayev"]
    assert tokayev["label"] == "Kassym-Jomart Tokayev" and tokayev["type"] == "Person"
    assert {"degree", "betweenness", "pagerank", "community"} <= set(tokayev)


def test_export_gexf_of_the_claims_view(seed_store, tmp_path):
    out = tmp_path / "claims.gexf"
    ok(analyze("export", "--format", "gexf", "--view", "claims", "-o", str(out), store=seed_store))
    kinds = {d["kind"] for _, d in nx.read_gexf(out).nodes(data=True)}
    assert kinds == {"group", "claim", "outlet", "speaker"}


def test_write_then_order_actors_by_pagerank_in_sparql(seed_copy):
    result = ok(analyze("centrality", "--write", store=seed_copy))
    assert "wrote" in result.stderr and "graph:analysis" in result.stderr
    ok(analyze("communities", "--write", store=seed_copy))
    query = "SELECT ?label WHERE { ?a kg:pagerank ?p ; kg:community 0 ; rdfs:label ?label } ORDER BY DESC(?p) LIMIT 1"
    assert kg.query(query, store=seed_copy).rows[0][0].toPython() in {"Kassym-Jomart Tokayev", "Kazakhstan"}


def test_an_unknown_name_suggests_the_closest(seed_store):
    line = one_line_error(analyze("path", "Tokaev", "Tajikistan", store=seed_store), "E801")
    assert "closest: 'Tokayev'" in line


def test_a_disconnected_pair_exits_non_zero(seed_store):
    line = one_line_error(analyze("path", "Tokayev", "Rakhymberdiyev", store=seed_store), "E703")
    assert "Kassym-Jomart Tokayev and Bakhytbek Rakhymberdiyev" in line


def test_write_on_another_view_is_refused(seed_store):
    one_line_error(analyze("centrality", "--view", "network", "--write", store=seed_store), "E710")


def test_an_empty_graph_is_a_clear_error(tmp_path):
    store = str(tmp_path / "empty")
    kg.write_store(store, compile_registry(read_registry(DATA / "tiny" / "registry.yaml")))
    for command in (["centrality"], ["communities"], ["path", "Tajik", "Iraq"], ["claims"], ["timeline"]):
        line = one_line_error(analyze(*command, store=store), "E700")
        assert "empty" in line


@pytest.mark.parametrize("command", ["centrality", "communities", "path", "ego", "claims", "timeline", "export"])
def test_every_command_has_help(command):
    result = ok(run_kg("analyze", command, "--help"))
    assert "--store" in result.stdout and "Usage" in result.stdout


# --- formats shared with kg query, paths in time (issue 17) ---------------------------------------


@pytest.mark.parametrize("format", ["csv", "tsv", "json", "jsonl"])
def test_analyze_formats_read_back_as_the_same_records_in_pandas(seed_store, format):
    pd = pytest.importorskip("pandas")
    text = ok(analyze("centrality", "--top", "4", "--format", format, store=seed_store)).stdout
    if format in ("csv", "tsv"):
        frame = pd.read_csv(io.StringIO(text), sep="," if format == "csv" else "\t")
    else:
        frame = pd.read_json(io.StringIO(text), lines=format == "jsonl")
    expected = json.loads(ok(analyze("centrality", "--top", "4", "--format", "json", store=seed_store)).stdout)
    assert list(frame.columns) == list(expected[0])
    assert frame["label"].tolist() == [r["label"] for r in expected]
    assert frame["links"].tolist() == [r["links"] for r in expected]


def test_tsv_cells_are_plain_values_the_csv_module_reads(seed_store):
    text = ok(analyze("communities", "--format", "tsv", store=seed_store)).stdout
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
    assert rows[0]["community"] == "0" and "Kassym-Jomart Tokayev" in rows[0]["members"].split(" | ")


def test_path_in_time_with_k_paths_and_dates(seed_store):
    result = ok(analyze("path", "Tokayev", "Nazarbayev", "-k", "3", "--in-time", "--format", "jsonl", store=seed_store))
    hops = [json.loads(line) for line in result.stdout.splitlines()]
    assert {h["path"] for h in hops} == {1, 2, 3}
    assert all(h["date"] for h in hops)
    assert "(in time)" in result.stderr


def test_a_bad_since_date_is_a_one_line_error(seed_store):
    line = one_line_error(analyze("path", "Tokayev", "Nazarbayev", "--since", "May 2019", store=seed_store), "E712")
    assert "--since 'May 2019' is not a date" in line
