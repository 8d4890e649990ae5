"""The store: one graph per document, idempotent rebuilds, replace and remove, SHACL, RDF round trips."""

import io
import shutil
import subprocess
import sys

import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic

from kg.ontology import KG, SDO
from kg.pipeline import build, remove
from kg.report import stats, validate
from kg.store import StoreError, open_store

from .conftest import EXAMPLES, SEEDS


def _without_ingest_times(store) -> Graph:
    g = Graph()
    for s, p, o, _ in store.quads():
        if p != KG.ingestedAt:
            g.add((s, p, o))
    return g


def test_seeds_stats(seed_store):
    counts = stats(seed_store)
    assert counts["documents"] == 5
    assert counts["people"] == 4
    assert counts["postings"] == 1
    assert counts["organizations"] >= 8 and counts["skills"] >= 50 and counts["triples"] > 1000


def test_seed_people_and_employers(seed_store):
    rows = seed_store.query("""
        PREFIX schema: <https://schema.org/> PREFIX kg: <https://w3id.org/careerkg/ns#>
        SELECT DISTINCT ?name ?employer WHERE { GRAPH ?d {
            ?p a schema:Person ; schema:name ?name ; kg:workedAt ?o . ?o schema:name ?employer } }""").rows
    pairs = {(str(r["name"]), str(r["employer"])) for r in rows}
    assert ("Arjun Rao", "Netflix") in pairs
    assert ("Senthilkumar Gopal", "Amazon Web Services") in pairs
    assert ("Vasudev Gupta", "Unbox AI") in pairs


@pytest.mark.parametrize("paths", [[SEEDS], [EXAMPLES]], ids=["seeds", "examples"])
def test_graph_conforms_to_shapes(paths):
    store = open_store(":memory:")
    build(paths, store)
    conforms, violations = validate(store)
    assert conforms, violations[:10]


def test_rebuild_unchanged_changes_nothing(tmp_path):
    store = open_store(":memory:")
    first = build([SEEDS], store)
    before = list(store.quads())
    second = build([SEEDS], store)
    assert len(first.added) == 5 and len(second.unchanged) == 5 and not second.added
    assert sorted(map(str, store.quads())) == sorted(map(str, before))


def test_two_builds_of_the_same_files_are_isomorphic():
    a, b = open_store(":memory:"), open_store(":rdflib:")
    build([SEEDS], a)
    build([SEEDS], b)
    assert isomorphic(_without_ingest_times(a), _without_ingest_times(b))


def test_changed_file_replaces_its_graph_and_remove_drops_it(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    resume = folder / "cv.txt"
    resume.write_text("Ada Quill\nada@example.com\n\nExperience\nEngineer, Acme Ltd - Boston, MA\n2019 - 2021\n"
                      "- Built Kafka pipelines.\n")
    other = folder / "other.txt"
    shutil.copy(EXAMPLES / "mei_tanaka.txt", other)
    store = open_store(":memory:")
    build([folder], store)
    knows = "PREFIX schema: <https://schema.org/> SELECT ?s WHERE { GRAPH ?g { ?p schema:knowsAbout ?s } }"
    assert any(str(r["s"]).endswith("/apache-kafka") for r in store.query(knows).rows)

    resume.write_text(resume.read_text().replace("Kafka", "Flink"))
    report = build([folder], store)
    assert report.replaced == [str(resume)] and report.unchanged == [str(other)]
    skills = {str(r["s"]).rsplit("/", 1)[1] for r in store.query(
        knows.replace("GRAPH ?g", f"GRAPH <{store.documents()[str(resume)][0]}>")).rows}
    assert "apache-flink" in skills and "apache-kafka" not in skills

    before_other = set(store.quads(store.documents()[str(other)][0]))
    assert remove([resume], store) == [str(resume)]
    assert str(resume) not in store.documents()
    assert set(store.quads(store.documents()[str(other)][0])) == before_other
    leftover = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?o), 'Ada Quill')) }")
    assert int(leftover.rows[0]["n"]) == 0


def test_person_merged_across_documents_by_email(tmp_path):
    (tmp_path / "a.txt").write_text("Ada Quill\nada@example.com\n\nSkills: Python, Kafka\n")
    (tmp_path / "b.md").write_text("# Ada M. Quill\nada@example.com\n\n## Skills\nRust, Go\n")
    store = open_store(":memory:")
    build([tmp_path], store)
    rows = store.query("PREFIX schema: <https://schema.org/> SELECT DISTINCT ?p WHERE { GRAPH ?g { ?p a schema:Person } }")
    assert len(rows.rows) == 1


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "jsonld"])
def test_rdf_export_round_trips(seed_store, fmt):
    from kg.export import write_rdf
    out = io.BytesIO()
    write_rdf(seed_store, out, fmt)
    data = out.getvalue()
    if fmt == "turtle":
        expected = Graph()
        for s, p, o, _ in seed_store.quads():
            expected.add((s, p, o))
        assert isomorphic(Graph().parse(data=data, format="turtle"), expected)
    else:
        ds = Dataset()
        ds.parse(data=data, format={"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}[fmt])
        got = {(s, p, o, g) for s, p, o, g in ds.quads() if g is not None and str(g) != "urn:x-rdflib:default"}
        assert got == set(seed_store.quads())


def test_hostile_literals_survive_the_store():
    from rdflib import URIRef
    store = open_store(":memory:")
    nasty = 'quote " backslash \\ newline \n tab \t } ; DROP ALL ; # <script> ü 😀'
    g = URIRef("https://w3id.org/careerkg/doc/test")
    store.replace_document(g, [(g, SDO.name, Literal(nasty), g)])
    rows = store.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    assert [str(r["o"]) for r in rows] == [nasty]


def test_on_disk_store_is_exclusive_for_writers(tmp_path):
    location = str(tmp_path / "store")
    with open_store(location) as store:
        build([SEEDS / "000_3669169435bff07e.txt"], store)
        code = ("from kg.store import open_store, StoreError\n"
                "try:\n    open_store(%r)\nexcept StoreError as e:\n    print('BUSY', e)\n" % location)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert "BUSY" in out.stdout and "in use by another kg process" in out.stdout
    with open_store(location, read_only=True) as again:
        assert stats(again)["documents"] == 1


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        open_store(str(tmp_path / "nothing"), read_only=True)
