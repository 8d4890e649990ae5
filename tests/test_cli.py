"""The command line: real runs, clear one-line errors, never a traceback for a mistake the user can fix."""

import csv
import io
import json

import pytest

from .conftest import EXAMPLES, ROOT, SEEDS


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


def test_documents_of_an_older_extractor_are_pointed_out(cli, tmp_path):
    """A store built by an older kg (other evidence shape) says which command updates it, and the
    build re-extracts exactly those documents."""
    from kg.store import open_store
    assert cli("build", SEEDS).exit_code == 0
    assert "older kg" not in cli("stats").stderr
    with open_store(str(tmp_path / "kg-store")) as store:
        store.update("""PREFIX kg: <https://w3id.org/careerkg/ns#>
            DELETE { GRAPH ?d { ?d kg:extractorVersion ?v } } INSERT { GRAPH ?d { ?d kg:extractorVersion "3+0123456789ab" } }
            WHERE { GRAPH ?d { ?d kg:extractorVersion ?v ; kg:path ?path FILTER(CONTAINS(?path, "001_")) } }""")
    assert "1 documents were extracted by an older kg: run `kg build`" in cli("stats").stderr
    explained = cli("explain", "Vasudev Gupta", "COBOL")
    assert "older kg" in explained.stderr
    rebuilt = cli("build", SEEDS)
    assert "1 replaced, 4 unchanged" in rebuilt.output, rebuilt.output
    assert "older kg" not in cli("stats").stderr


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


# ---------------------------------------------------------------- asking


@pytest.fixture()
def seeded(cli):
    assert cli("build", SEEDS).exit_code == 0
    return cli


def test_who_knows_formats(seeded):
    table = seeded("who-knows", "TPU", "Triton")
    assert table.exit_code == 0 and "Vasudev Gupta" in table.stdout and "Vinu" not in table.stdout
    data = json.loads(seeded("who-knows", "tpus", "--format", "json").stdout)
    assert {d["name"] for d in data} == {"Vinu Rajashekhar", "Vasudev Gupta"}
    assert set(data[0]) == {"person", "name", "score", "skills"} and data[0]["person"].startswith("https://")
    rows = list(csv.DictReader(io.StringIO(seeded("who-knows", "PyTorch", "--format", "csv").stdout)))
    assert {r["name"] for r in rows} == {"Senthilkumar Gopal", "Vasudev Gupta", "Arjun Rao"}
    tsv = seeded("who-knows", "PyTorch", "--format", "tsv").stdout.splitlines()
    assert tsv[0].split("\t") == ["rank", "name", "score", "skills", "documents", "person"]


def test_who_knows_explain_and_unknown(seeded):
    result = seeded("who-knows", "flash attention", "--explain")
    assert "Senthilkumar Gopal" in result.stdout and "flash attention" in result.stdout.lower()
    assert '"' in result.stdout and ".txt:" in result.stdout
    unknown = seeded("who-knows", "quantum basket weaving")
    assert unknown.exit_code == 1 and "unknown skill 'quantum basket weaving'" in unknown.output
    assert "Traceback" not in unknown.output


def test_explain_match_person(seeded):
    assert "Triton kernels" in seeded("explain", "Vasudev Gupta", "Triton").stdout
    matched = seeded("match", "002_81278e5a97d0f2c6")
    assert matched.exit_code == 0 and "required" in matched.stdout and "missing:" in matched.stdout
    profile = seeded("person", "Arjun Rao")
    assert "Netflix" in profile.stdout and "Positions" in profile.stdout and "Skills" in profile.stdout
    missing = seeded("person", "Nobody Atall")
    assert missing.exit_code == 1 and "unknown person 'Nobody Atall'" in missing.output


def test_queries_and_query(seeded):
    listing = seeded("queries").stdout
    for name in ("who_knows", "colleagues", "job_candidates", "evidence_for", "top_skills"):
        assert name in listing
    result = seeded("query", "who_knows", "-p", "skill", "kafka", "--format", "json")
    data = json.loads(result.stdout)
    assert {b["name"]["value"] for b in data["results"]["bindings"]} == {"Senthilkumar Gopal"}
    assert seeded("query", "who_knows").exit_code == 1
    bad = seeded("query", "who_knows", "-p", "skill", "kafka", "-p", "colour", "red")
    assert "has no parameter colour" in bad.output


def test_sparql_results_formats(seeded):
    q = "SELECT ?name WHERE { ?p a <https://schema.org/Person> ; <https://schema.org/name> ?name } ORDER BY ?name"
    data = json.loads(seeded("sparql", q, "--format", "json").stdout)
    assert data["head"]["vars"] == ["name"]
    assert data["results"]["bindings"][0]["name"] == {"type": "literal", "value": "Arjun Rao"}
    csv_bytes = seeded("sparql", q, "--format", "csv").stdout_bytes
    assert csv_bytes.startswith(b"name\r\nArjun Rao\r\n")
    tsv = seeded("sparql", q, "--format", "tsv").stdout.splitlines()
    assert tsv[0] == "?name" and tsv[1] == '"Arjun Rao"'
    bound = seeded("sparql", "SELECT ?name ?p WHERE { ?p <https://schema.org/name> ?name }", "-p", "name",
                   "Arjun Rao", "--format", "json")
    assert len(json.loads(bound.stdout)["results"]["bindings"]) == 1
    construct = seeded("sparql", "CONSTRUCT { ?p <https://schema.org/name> ?n } WHERE { ?p a <https://schema.org/Person> ; "
                                 "<https://schema.org/name> ?n }")
    from rdflib import Graph
    assert len(Graph().parse(data=construct.stdout, format="turtle")) == 4


def test_sparql_is_read_only_and_refuses_service(seeded):
    refused = seeded("sparql", "DELETE WHERE { ?s ?p ?o }")
    assert refused.exit_code == 1 and "read-only unless --allow-update" in refused.output
    service = seeded("sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert service.exit_code == 1 and "SERVICE" in service.output
    assert "SPARQL syntax error" in seeded("sparql", "SELECT * WHERE { ?s ?p }").output
    assert "not a SPARQL query" in seeded("sparql", "SELEC nonsense").output
    ok = seeded("sparql", "--allow-update", "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }")
    assert ok.exit_code == 0 and "update applied" in ok.stdout
    assert seeded("sparql", "ASK { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }").stdout.strip() == "yes"


def test_sparql_timeout_stops_a_runaway_query(tmp_path):
    import subprocess
    import sys
    store = tmp_path / "store"
    subprocess.run([sys.executable, "-m", "kg.cli", "--store", str(store), "build", "-q", str(SEEDS)],
                   check=True, capture_output=True, timeout=120)
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    out = subprocess.run([sys.executable, "-m", "kg.cli", "--store", str(store), "sparql", "--timeout", "1", slow],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 3 and "did not finish within 1 s" in out.stderr


def test_traversals(seeded):
    path = seeded("path", "Vinu Rajashekhar", "Arjun Rao").stdout
    assert path.startswith("Vinu Rajashekhar") and path.strip().endswith("Arjun Rao") and "—" in path
    near = seeded("neighbors", "Netflix", "--format", "json")
    assert {r["label"] for r in json.loads(near.stdout)} == {"Arjun Rao"}
    similar = seeded("similar", "Arjun Rao", "--format", "json")
    assert json.loads(similar.stdout)[0]["jaccard"] > 0
    clusters = seeded("communities", "--format", "json")
    people = [p for c in json.loads(clusters.stdout) for p in c["people"]]
    assert sorted(people) == ["Arjun Rao", "Senthilkumar Gopal", "Vasudev Gupta", "Vinu Rajashekhar"]
    assert "unknown entity" in seeded("path", "Nobody", "Arjun Rao").output


def test_readme_documents_every_command_and_query():
    from kg.cli import main
    from kg.queries import load_queries
    readme = (ROOT / "README.md").read_text()
    for name in main.commands:
        assert f"kg {name}" in readme, f"README lacks an example of `kg {name}`"
    for name in load_queries():
        assert f"`{name}`" in readme, f"README does not list the query {name}"


def test_taxonomy_import_show_and_candidates(cli, tmp_path):
    (tmp_path / "cv.txt").write_text("Ada Quill\nada@example.com\n\nExperience\nEngineer, Acme Ltd - Boston, MA\n"
                                     "2019 - 2021\n- Built Zorblax DB services.\nTechnologies Used: Python, Quuxly\n")
    (tmp_path / "ours.csv").write_text("id,label,alt_labels,broader,type\n"
                                       "zorblax,Zorblax,Zorblax DB|ZBX,databases,technology\n"
                                       "pt,PyTorch,Torch Classic,,technology\n")
    (tmp_path / "esco.ttl").write_text('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                                       '<http://data.europa.eu/esco/skill/x> a skos:Concept ; '
                                       'skos:prefLabel "manage stakeholders"@en, "gérer"@fr ; '
                                       'skos:altLabel "stakeholder engagement"@en .\n')
    assert cli("build", tmp_path / "cv.txt").exit_code == 0
    assert "unknown skill 'zbx'" in cli("who-knows", "zbx").output
    candidates = cli("taxonomy", "candidates", "--format", "json").stdout
    assert [c["label"] for c in json.loads(candidates)] == ["Quuxly"]
    imported = cli("taxonomy", "import", tmp_path / "ours.csv", "--source", "ours")
    assert "2 new concepts" not in imported.output and "1 new concepts, 1 merged" in imported.output
    assert "1 new concepts" in cli("taxonomy", "import", tmp_path / "esco.ttl", "--version", "1.2").output
    rebuilt = cli("build", tmp_path / "cv.txt")
    assert "1 replaced" in rebuilt.output  # a new taxonomy re-extracts the document
    assert "Ada Quill" in cli("who-knows", "zbx").stdout
    shown = cli("taxonomy", "show", "Zorblax DB").stdout
    assert "Zorblax  (technology" in shown and "broader:  databases" in shown and "source:   ours" in shown
    assert "Torch Classic" in cli("taxonomy", "show", "pytorch").stdout
    assert "manage stakeholders" in cli("taxonomy", "show", "manage stakeholders").stdout
    assert "esco 1.2" in cli("taxonomy", "show", "manage stakeholders").stdout
    bad = cli("taxonomy", "import", tmp_path / "cv.txt")
    assert bad.exit_code == 1 and "unsupported taxonomy format '.txt'" in bad.output


def test_taxonomy_import_refreshes_the_index(cli, tmp_path):
    """who-knows reads labels from the store's index: a new synonym is found at once, without a rebuild."""
    (tmp_path / "cv.txt").write_text("Ada Quill\nada@example.com\n\nExperience\nEngineer, Acme Ltd - Boston, MA\n"
                                     "2019 - 2021\n- Trained models in PyTorch.\n")
    (tmp_path / "ours.csv").write_text("id,label,alt_labels,broader,type\npt,PyTorch,Torch Classic,,technology\n")
    assert cli("build", tmp_path / "cv.txt").exit_code == 0
    assert "unknown skill" in cli("who-knows", "Torch Classic").output
    assert cli("taxonomy", "import", tmp_path / "ours.csv", "--source", "ours").exit_code == 0
    assert "Ada Quill" in cli("who-knows", "Torch Classic").stdout
    assert "Ada Quill" in cli("query", "who_knows", "-p", "skill", "Torch Classic").stdout


def test_query_paths_do_not_import_spacy():
    """`kg --help`, who-knows and the other questions start fast: spaCy loads only to extract."""
    import subprocess
    import sys
    code = ("import sys, kg.cli, kg.ask, kg.graph, kg.serve, kg.export, kg.privacy, kg.remote\n"
            "assert 'spacy' not in sys.modules and 'kg.extract' not in sys.modules, sorted(sys.modules)\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
