"""The command line: real runs, clear one-line errors, never a traceback for a mistake the user can fix."""

import json

from .conftest import EXAMPLES, SEEDS


def test_build_stats_remove(cli):
    result = cli("build", SEEDS)
    assert result.exit_code == 0, result.output
    assert "5 files: 5 added, 0 replaced, 0 unchanged, 0 failed" in result.output
    stats = cli("stats")
    assert stats.exit_code == 0
    lines = dict(line.rsplit(None, 1) for line in stats.stdout.splitlines())
    assert lines["documents"] == "5" and lines["people"] == "4" and lines["postings"] == "1"
    again = cli("build", SEEDS)
    assert "0 added, 0 replaced, 5 unchanged" in again.output
    removed = cli("remove", SEEDS / "002_81278e5a97d0f2c6.txt")
    assert removed.exit_code == 0 and "removed" in removed.output
    assert dict(line.rsplit(None, 1) for line in cli("stats").stdout.splitlines())["postings"] == "0"


def test_missing_path_is_a_clear_error(cli):
    result = cli("build", "no/such/file.txt")
    assert result.exit_code != 0
    assert "no such file or folder: no/such/file.txt" in result.output
    assert "Traceback" not in result.output


def test_bad_files_are_named_and_the_batch_goes_on(cli, tmp_path):
    (tmp_path / "good.txt").write_text((EXAMPLES / "mei_tanaka.txt").read_text())
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = cli("build", tmp_path, tmp_path / "photo.png")
    assert result.exit_code == 1
    assert f"{tmp_path / 'empty.txt'}: no text" in result.stderr
    assert f"{tmp_path / 'blob.txt'}: binary content, not text" in result.stderr
    assert "photo.png: unsupported file type '.png'" in result.stderr
    assert "3 of 4 files failed" in result.stderr
    assert "1 added" in result.stdout


def test_stats_without_a_store(cli):
    result = cli("stats")
    assert result.exit_code != 0 and "no store at" in result.output and "Traceback" not in result.output


def test_extract_json_and_kind(cli):
    result = cli("extract", EXAMPLES / "job_inference.txt", "--format", "json")
    data = json.loads(result.stdout)
    assert data[0]["kind"] == "job_posting" and data[0]["job"]["required"]
    forced = json.loads(cli("extract", EXAMPLES / "job_inference.txt", "--kind", "resume").stdout)
    assert forced[0]["kind"] == "resume" and forced[0]["job"] is None
    lines = cli("extract", EXAMPLES, "--format", "jsonl").stdout.splitlines()
    assert len(lines) == 10 and all(json.loads(line)["source"] for line in lines)


def test_validate_and_export(cli, tmp_path):
    cli("build", EXAMPLES)
    assert "conforms" in cli("validate").output
    out = tmp_path / "graph.ttl"
    result = cli("export-rdf", "--format", "turtle", "-o", out)
    assert result.exit_code == 0 and out.stat().st_size > 1000
    from rdflib import Graph
    assert len(Graph().parse(out)) > 1000


def test_unknown_export_format_lists_choices(cli):
    result = cli("export-rdf", "--format", "xml")
    assert result.exit_code == 2 and "'turtle', 'trig', 'nquads', 'jsonld'" in result.output
