"""Private data: erasing a person leaves no trace in any export; redaction removes contact details."""

import json

import pytest

from .conftest import EXAMPLES, SEEDS

ARJUN = ("Arjun Rao", "mailarjunrao@gmail.com", "arjun.fyi", "Arjun Ramesh Rao")
CONTACTS = ("7vasudevgupta@gmail.com", "senthil777@gmail.com", "vinuthera@gmail.com", "408-839-3815",
            "9992526231", "linkedin.com/in/senthilkumargopal")


def _exports(cli, folder) -> dict[str, str]:
    """Every export format the CLI offers, as text."""
    out = {}
    for fmt in ("turtle", "trig", "nquads", "jsonld"):
        path = folder / f"graph.{fmt}"
        assert cli("export-rdf", "--format", fmt, "-o", path).exit_code == 0
        out[fmt] = path.read_text(encoding="utf-8")
    from kg.cli import main
    if "export" in main.commands:
        for name, target in (("gephi", "graph.gexf"), ("graphml", "graph.graphml"), ("cytoscape", "graph.json"),
                             ("html", "graph.html"), ("csv", "csv")):
            path = folder / target
            result = cli("export", name, "-o", path)
            assert result.exit_code == 0, result.output
            files = sorted(path.glob("*")) if path.is_dir() else [path]
            out[name] = "".join(f.read_text(encoding="utf-8") for f in files)
    return out


def test_forget_erases_a_person_everywhere(cli, tmp_path):
    assert cli("build", SEEDS, EXAMPLES).exit_code == 0
    result = cli("forget", "Arjun Rao", "--yes")
    assert result.exit_code == 0 and "1 documents removed" in result.stdout
    assert "Arjun" not in cli("who-knows", "Flink").stdout
    for fmt, text in _exports(cli, tmp_path).items():
        for secret in ARJUN:
            assert secret not in text, f"{secret!r} survives in the {fmt} export"
    # shared entities stay while another document supports them; the forgotten file stays out
    assert "Netflix" in cli("sparql", "SELECT ?n WHERE { ?o <https://schema.org/name> ?n FILTER(?n = 'Netflix') }").stdout
    again = cli("build", SEEDS)
    assert again.exit_code == 0 and "1 skipped" in again.stdout and "kg forget" in again.stderr
    other = tmp_path / "new_cv.txt"
    other.write_text("A. Rao\nmailarjunrao@gmail.com\n\nSkills: Kafka\n")
    assert "about a forgotten person" in cli("build", other).stderr


def test_redact_removes_contacts_from_the_store(cli, tmp_path):
    assert cli("build", SEEDS).exit_code == 0
    assert any(c in cli("export-rdf", "--format", "nquads").stdout for c in CONTACTS)
    result = cli("redact", "--pseudonymize")
    assert result.exit_code == 0 and "contact details" in result.stdout
    for fmt, text in _exports(cli, tmp_path).items():
        for secret in CONTACTS + ("Vasudev Gupta", "Senthilkumar Gopal"):
            assert secret not in text, f"{secret!r} survives in the {fmt} export"
    people = json.loads(cli("query", "people", "--format", "json").stdout)["results"]["bindings"]
    assert all(p["name"]["value"].startswith("Person ") for p in people)


def test_forget_asks_first(cli):
    cli("build", SEEDS)
    refused = cli("forget", "Arjun Rao", input="n\n")
    assert refused.exit_code == 1 and "Aborted" in refused.output
    assert "Arjun Rao" in cli("who-knows", "Flink").stdout
    with pytest.raises(AssertionError):
        assert "unknown person" not in cli("forget", "Nobody Here", "--yes").output
