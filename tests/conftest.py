"""Shared fixtures: the taxonomy and pipeline (built once), the seeds, the examples, stores built from them."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def taxonomy():
    from kg.taxonomy import load_taxonomy
    return load_taxonomy()


@pytest.fixture(scope="session")
def nlp():
    from kg.extract import default_nlp
    return default_nlp()


@pytest.fixture(scope="session")
def extract_text(nlp):
    """Extract from a text given inline, as a document of the given kind."""
    import hashlib

    from kg.documents import Document, clean_text, repair_text
    from kg.extract import extract

    def run(text: str, kind: str = "resume"):
        text = repair_text(clean_text(text))
        doc = Document(path="/inline.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(),
                       kind=kind, format="txt")
        return extract(doc, nlp)
    return run


@pytest.fixture(scope="session")
def seed_paths():
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 5, f"the seeds are expected in {SEEDS}"
    return paths


@pytest.fixture(scope="session")
def gold():
    return json.loads(GOLD.read_text())


@pytest.fixture(scope="session")
def example_paths():
    return sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md"))


def _built(paths, location="memory"):
    from kg.pipeline import build
    from kg.store import open_store
    store = open_store(":memory:" if location == "memory" else ":rdflib:")
    report = build(paths, store)
    assert not report.failed, report.failed
    return store


@pytest.fixture(scope="session")
def seed_store(seed_paths):
    """An in-memory Oxigraph store built from the seeds (read-only use)."""
    return _built([SEEDS])


@pytest.fixture(scope="session")
def example_store(example_paths):
    return _built([EXAMPLES])


@pytest.fixture()
def cli(tmp_path, monkeypatch):
    """Run `kg` in-process against a store in a temporary folder; returns the click Result."""
    from kg.cli import main
    monkeypatch.setenv("KG_STORE", str(tmp_path / "kg-store"))
    runner = CliRunner()

    def run(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)
    return run
