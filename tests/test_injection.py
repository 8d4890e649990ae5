"""User text never becomes SPARQL: injection payloads give "unknown …" answers and leave the store unchanged."""

import hashlib

import pytest

from .conftest import SEEDS

PAYLOADS = [
    '"} ; DROP ALL ; #',
    '> } UNION { ?s ?p ?o',
    "' OR '1'='1",
    'x" } INSERT DATA { <urn:a> <urn:b> <urn:c> } #',
    "line\nbreak } ; CLEAR ALL",
    "back\\slash\\\" }",
    "https://w3id.org/careerkg/person/x> } UNION { ?s ?p ?o } #",
    "https://example.org/with space",
    "<https://w3id.org/careerkg/skill/pytorch>",
    "?s ?p ?o",
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    import subprocess
    import sys
    path = tmp_path_factory.mktemp("injection") / "store"
    subprocess.run([sys.executable, "-m", "kg.cli", "--store", str(path), "build", "-q", str(SEEDS)],
                   check=True, capture_output=True, timeout=300)
    return path


def _fingerprint(path) -> str:
    from kg.store import open_store
    with open_store(str(path), read_only=True) as store:
        lines = sorted(f"{s.n3()} {p.n3()} {o.n3()} {g.n3()}" for s, p, o, g in store.quads())
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_values_not_syntax(cli, store_path, payload):
    before = _fingerprint(store_path)
    calls = [
        (["who-knows", payload], "unknown skill"),
        (["who-knows", "PyTorch", payload, "--any"], "unknown skill"),
        (["query", "who_knows", "-p", "skill", payload], ("unknown skill", "not a valid IRI")),
        (["query", "skills_of_person", "-p", "person", payload], ("unknown person", "not a valid IRI")),
        (["explain", payload, "PyTorch"], ("unknown person", "not a valid IRI")),
        (["match", payload], ("unknown posting", "not a valid IRI")),
        (["person", payload], ("unknown person", "not a valid IRI")),
        (["path", payload, "Arjun Rao"], ("unknown entity", "not a valid IRI")),
        (["neighbors", payload], ("unknown entity", "not a valid IRI")),
    ]
    for args, expected in calls:
        result = cli("--store", store_path, *args)
        expected = (expected,) if isinstance(expected, str) else expected
        assert result.exit_code == 1, (args, result.output)
        assert any(e in result.output for e in expected), (args, result.output)
        assert "Traceback" not in result.output
    bound = cli("--store", store_path, "sparql", "SELECT ?p WHERE { ?p <https://schema.org/name> ?name }",
                "-p", "name", payload, "--format", "csv")
    assert bound.exit_code in (0, 1) and bound.stdout.strip() in ("p", "")
    assert _fingerprint(store_path) == before
