"""``kg viz`` writes the page and says what it holds; bad options are one line and exit 1."""

from ..conftest import run_kg


def test_kg_viz_writes_the_page_and_reports_its_size(seed_store, tmp_path):
    result = run_kg("viz", "--store", seed_store, "--output", str(tmp_path / "g.html"))
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(f"wrote {tmp_path / 'g.html'}: whole graph, ")
    assert (tmp_path / "g.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_kg_viz_writes_out_graph_html_by_default(seed_store, tmp_path):
    result = run_kg("viz", "--view", "claims", "--store", seed_store, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "graph.html").is_file()
    assert "claims by what they count" in result.stderr


def test_kg_viz_says_what_the_cap_left_out(seed_store, tmp_path):
    result = run_kg("viz", "--max-nodes", "5", "--store", seed_store, "-o", str(tmp_path / "g.html"))
    assert result.returncode == 0
    assert "Showing 5 of " in result.stderr and "Left out: " in result.stderr


def test_an_unknown_focus_is_one_line_with_the_closest_names(seed_store, tmp_path):
    result = run_kg("viz", "--focus", "Tokaev", "--store", seed_store, "-o", str(tmp_path / "g.html"))
    assert result.returncode == 1
    assert (
        result.stderr
        == "error: E801 unknown name 'Tokaev'; closest: Kassym-Jomart Tokayev, Yerzhan Ashikbayev, Vestnik Kavkaza\n"
    )
    assert not (tmp_path / "g.html").exists()


def test_a_page_that_cannot_be_written_is_one_line(seed_store, tmp_path):
    (tmp_path / "file").write_text("x")
    result = run_kg("viz", "--store", seed_store, "-o", str(tmp_path / "file" / "g.html"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: E807 cannot write {tmp_path / 'file' / 'g.html'}: ")
    assert result.stderr.count("\n") == 1


def test_kg_viz_focus_takes_an_id(seed_store, tmp_path):
    result = run_kg("viz", "--focus", "id:tokayev", "--store", seed_store, "-o", str(tmp_path / "g.html"))
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(
        f"wrote {tmp_path / 'g.html'}: whole graph around Kassym-Jomart Tokayev (depth 2), "
    )


def test_kg_viz_folds_a_large_page_and_says_what_it_folded(seed_store, tmp_path):
    result = run_kg("viz", "--fold-above", "80", "--store", seed_store, "-o", str(tmp_path / "g.html"))
    assert result.returncode == 0, result.stderr
    assert "Folded 25 numbers into 6 boxes and nodes, one per thing counted" in result.stderr
    bad = run_kg("viz", "--fold-above", "-1", "--store", seed_store, "-o", str(tmp_path / "h.html"))
    assert bad.returncode == 1 and bad.stderr.startswith("error: E805 ")
    assert not (tmp_path / "h.html").exists()
