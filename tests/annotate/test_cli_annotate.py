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
    registry_before = (folder / "registry.yaml").read_bytes()
    # nothing new is not an error (issue 18): it says so, exits 0 and writes nothing
    again = run_kg("annotate", str(folder), "--out", str(folder), "--registry", str(SEEDS / "registry.yaml"))
    assert again.returncode == 0, again.stderr
    assert again.stderr.splitlines() == [
        f"nothing new to annotate: the 1 article read already has annotations in {folder} (--force annotates again)"
    ]
    assert (folder / "a.yaml").read_text().endswith("# checked by hand\n")
    assert (folder / "registry.yaml").read_bytes() == registry_before
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


def test_a_broken_new_input_is_an_error_until_a_good_one_comes_and_annotated_ones_are_kept(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    registry = ("--registry", str(SEEDS / "registry.yaml"))
    write(folder / "a.txt", "Tajikistan repatriated 84 minors from Iraq.\n")
    assert run_kg("annotate", str(folder), "--out", str(folder), *registry).returncode == 0
    kept = (folder / "a.yaml").read_bytes()
    (folder / "broken.txt").write_bytes(b"")
    broken = run_kg("annotate", str(folder), "--out", str(folder), *registry)
    assert broken.returncode == 1
    assert f"error: E656 nothing annotated: 1 input(s) skipped ({folder / 'broken.txt'}: " in broken.stderr
    write(folder / "b.txt", "Kazakhstan returned 14 children from Iraq.\n")
    more = run_kg("annotate", str(folder), "--out", str(folder), *registry)
    assert more.returncode == 0, more.stderr
    assert "annotated 1 article into" in more.stderr and "; kept 1 already annotated; skipped 1" in more.stderr
    assert (folder / "a.yaml").read_bytes() == kept and (folder / "b.yaml").exists()


def test_progress_lines_on_stderr_with_the_flag_when_it_is_not_a_terminal(tmp_path):
    # without the flag, stderr that is not a terminal gets no progress (the exact lines of the other tests)
    write(tmp_path / "a.txt", "Tajikistan repatriated 84 minors from Iraq.\n")
    result = run_kg("annotate", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--progress",
                    "--registry", str(SEEDS / "registry.yaml"))  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("annotate articles: 1 done in ")
    assert lines[-1].startswith("annotated 1 article into")
