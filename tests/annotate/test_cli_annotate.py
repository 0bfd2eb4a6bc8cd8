"""``kg annotate`` and ``kg eval`` end to end, through the real command line."""

import shutil

from ..conftest import SEEDS, run_kg, write


def test_annotate_build_and_query_a_folder_of_new_articles(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    write(
        inputs / "uzbek.txt",
        """
        Uzbekistan brings home 98 citizens from Syria

        TASHKENT — Uzbekistan has repatriated 98 of its citizens, mostly women and children, from camps in northeast Syria, the Foreign Ministry said on Thursday.

        "All of them received medical and psychological help," Foreign Minister Abdulaziz Kamilov told reporters. Kamilov thanked the Syrian Democratic Forces for their cooperation.
        """,
    )
    shutil.copy(SEEDS / "003_d01bb139fd1d611d.txt", inputs / "afp.txt")
    out = tmp_path / "corpus"
    annotated = run_kg("annotate", str(inputs), "--out", str(out), "--registry", str(SEEDS / "registry.yaml"))
    assert annotated.returncode == 0, annotated.stderr
    assert "annotated 2 articles" in annotated.stderr
    assert sorted(p.name for p in out.iterdir()) == ["afp.txt", "afp.yaml", "registry.yaml", "uzbek.txt", "uzbek.yaml"]
    assert "method: machine" in (out / "uzbek.yaml").read_text()
    assert "abdulaziz-kamilov:" in (out / "registry.yaml").read_text()

    store = tmp_path / "store"
    built = run_kg("build", "--seeds", str(out), "--store", str(store), "--no-trig")
    assert built.returncode == 0, built.stderr
    query = ("SELECT ?value ?component WHERE { ?c rdf:object/kg:value ?value ; rdf:subject id:uzbekistan ; "
             "kg:component ?component } ORDER BY ?value")  # fmt: skip
    rows = run_kg("query", query, "--store", str(store), "--format", "csv")
    assert rows.returncode == 0, rows.stderr
    # the headline repeats the lead's 98: one claim, on the lead's sentence (issue 15)
    assert rows.stdout.splitlines() == ["value,component", "98,quantities"]


def test_bad_input_is_reported_per_file_and_the_batch_goes_on_and_latin1_is_read_with_a_warning(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 4)
    latin1 = "Kassym-Jomart Tokayev said the café in Almaty had hosted a delegation from São Paulo.\n"
    (inputs / "latin1.txt").write_bytes(latin1.encode("latin-1"))
    (inputs / "scripts.html").write_text(
        "<html><script>" + "var x = 1;" * 2000 + "</script><body><script>go()</script></body></html>"
    )
    (inputs / "huge.txt").write_text("The minister said people went home. " * 300_000)  # 10.8 MB
    write(inputs / "quiet.txt", "It rained all day in the valley and nobody went out.\n")
    out = tmp_path / "out"
    result = run_kg("annotate", str(inputs), "--out", str(out), "--registry", str(SEEDS / "registry.yaml"))
    assert result.returncode == 0, result.stderr
    skipped = sorted(line.split(":")[0] for line in result.stderr.splitlines() if line.startswith("skipped "))
    assert skipped == [f"skipped {inputs / name}" for name in
                       ("binary.txt", "empty.txt", "huge.txt", "scripts.html")]  # fmt: skip
    assert "annotated 2 articles" in result.stderr and "skipped 4" in result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert warnings == [f"warning: {inputs / 'latin1.txt'}: not UTF-8 (byte 0xe9 at offset 34): read as cp1252; if its accented letters look wrong, convert it to UTF-8"]  # fmt: skip
    assert (out / "latin1.txt").read_text(encoding="utf-8") == latin1
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "latin1.txt",
        "latin1.yaml",
        "quiet.txt",
        "quiet.yaml",
        "registry.yaml",
    ]


def test_existing_annotations_are_kept_without_force(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder / "a.txt", "Tajikistan repatriated 84 minors from Iraq.\n")
    first = run_kg("annotate", str(folder), "--out", str(folder), "--registry", str(SEEDS / "registry.yaml"))
    assert first.returncode == 0, first.stderr
    (folder / "a.yaml").write_text((folder / "a.yaml").read_text() + "# checked by hand\n")
    again = run_kg("annotate", str(folder), "--out", str(folder), "--registry", str(SEEDS / "registry.yaml"))
    assert again.returncode == 1
    assert "a.yaml already exists; use --force" in again.stderr
    assert "error: E656 nothing annotated" in again.stderr
    assert (folder / "a.yaml").read_text().endswith("# checked by hand\n")
    forced = run_kg(
        "annotate", str(folder), "--out", str(folder), "--force", "--registry", str(SEEDS / "registry.yaml")
    )
    assert forced.returncode == 0, forced.stderr
    assert not (folder / "a.yaml").read_text().endswith("# checked by hand\n")


def test_eval_reports_scores_per_layer_as_csv(tmp_path):
    result = run_kg("eval", "--seeds", str(SEEDS), "--format", "csv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "article,layer,tp,predicted,gold,precision,recall,f1,speaker_right"
    layers = {line.split(",")[1] for line in lines[1:]}
    assert layers == {"actors", "mentions", "quantities", "speakers", "relations", "operations", "operation fields"}
    assert sum(line.startswith("all,") for line in lines) == 7


def test_annotate_works_from_a_folder_without_seeds(tmp_path):
    # no --registry and no seeds/ in the working folder: the seeds' registry kg ships is the base,
    # so known names link to it (Kazakhstan) rather than being proposed again
    write(tmp_path / "one.txt", """
        Kazakhstan returns 14 children from Iraq

        Kazakhstan returned 14 children from Iraq on Tuesday, the Foreign Ministry said.
        """)  # fmt: skip
    result = run_kg("annotate", "one.txt", "--out", "corpus", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "annotated 1 article" in result.stderr
    registry = (tmp_path / "corpus" / "registry.yaml").read_text()
    assert "  kazakhstan:\n    type: Country\n    label: Kazakhstan\n    aliases: [Republic of Kazakhstan" in registry
