"""Hostile and broken inputs: one `kg build` of 60-odd bad files and four good ones through the real
command line; each bad file named on one line with its reason, the store holding exactly the good
documents. Then the limits, the cases one build cannot show, and property tests of the readers
and extractors on random text and bytes. The corpus is benchmarks/robustness.py's."""

import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from kg.documents import Document, DocumentError, clean_text, read_document, repair_text
from kg.pipeline import FileResult, build, process_file
from kg.report import validate
from kg.store import open_store

from .conftest import EXAMPLES, ROOT

spec = importlib.util.spec_from_file_location("robustness", ROOT / "benchmarks" / "robustness.py")
robustness = importlib.util.module_from_spec(spec)
spec.loader.exec_module(robustness)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile corpus built by one `kg build`: (folder, store, cases, result, listener)."""
    work = tmp_path_factory.mktemp("hostile")
    listener = robustness.Listener()
    cases, result = robustness.build_hostile(work, work / "store", listener)
    yield work / "corpus", work / "store", cases, result, listener
    listener.close()


def test_each_bad_file_gets_its_reason_and_the_store_holds_exactly_the_good_ones(hostile):
    """Per file: one stderr line naming it and matching its reason; then "N of M files failed",
    exit code 1; the store's documents are the good ones, each as a build of it alone; no secret
    outside the folder read, no network connection, no literal with a character XML forbids."""
    folder, store, cases, result, listener = hostile
    report = robustness.check_hostile(folder, store, cases, result, listener)
    assert not report.problems, "\n".join(report.problems)
    assert report.failures_handled >= 40 and report.built == sum(c.outcome == robustness.BUILT for c in cases)


def test_the_graph_of_hostile_documents_conforms_to_the_shapes(hostile):
    with open_store(str(hostile[1]), read_only=True) as store:
        conforms, violations = validate(store)
    assert conforms, violations[:10]


def _person_names(store: Path, path: Path) -> set[str]:
    from kg.documents import document_iri
    triples = robustness.graph_contents(store)[str(document_iri(path))]
    return {t.split('"')[1] for t in triples if " <https://schema.org/name> " in t and "/person/" in t.split()[0]}


def test_odd_but_valid_documents_keep_their_facts(hostile):
    """Decided per case: these are built, cleaned (marks and controls gone), not refused."""
    folder, store = hostile[0], hostile[1]
    assert _person_names(store, folder / "rtl_marks.txt") == {"Ada Okafor"}  # bidi marks dropped
    assert _person_names(store, folder / "utf16be_no_bom.md") == {"Ada Okafor"}
    assert _person_names(store, folder / "surrogates.json") == {"Ada Okafor"}  # a surrogate and a NUL blanked
    graphs = robustness.graph_contents(store, robustness.documents_and_meta)
    text = "\n".join(triple for triples in graphs.values() for triple in triples)
    assert "COBOL" not in text and "Haskell" not in text and "Erlang" not in text  # scripts.html's hidden parts


def test_each_input_is_handled_quickly(hostile):
    """Nothing in the corpus costs more than a few seconds; the 200 MB file is refused unread."""
    folder, cases = hostile[0], hostile[2]
    started = time.perf_counter()
    with pytest.raises(DocumentError, match="too large"):
        read_document(folder / "big_200mb.txt")
    assert time.perf_counter() - started < 0.5
    for case in cases:
        if case.outcome not in (robustness.NOT_WALKED,) and not case.explicit:
            started = time.perf_counter()
            assert process_file(str(folder / case.name), None).status in ("added", "failed")
            assert time.perf_counter() - started < 10, case.name


def test_injections_are_unknown_names_and_change_nothing(hostile):
    report = robustness.try_injections(hostile[1], payloads=robustness.PAYLOADS[:5])
    assert not report.problems, "\n".join(report.problems)
    assert report.tried == report.refused == 5 * len(robustness.COMMANDS)


def test_a_file_deleted_while_the_build_runs_is_reported(tmp_path):
    """The walk has listed the file; it is gone when its turn comes (deleted on an earlier event)."""
    (tmp_path / "a_empty.txt").write_text("")
    (tmp_path / "b_gone.txt").write_text((EXAMPLES / "mei_tanaka.txt").read_text())
    (tmp_path / "c_good.txt").write_text((EXAMPLES / "tom_becker.txt").read_text())

    def on_event(how, path, detail):
        if path.endswith("a_empty.txt"):
            (tmp_path / "b_gone.txt").unlink()
    store = open_store(":memory:")
    report = build([tmp_path], store, on_event=on_event)
    assert report.failed == [(str(tmp_path / "a_empty.txt"), "no text"),
                             (str(tmp_path / "b_gone.txt"), "No such file or directory")]
    assert report.added == [str(tmp_path / "c_good.txt")] and list(store.documents()) == report.added


def test_an_unreadable_file_is_reported(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from reading the file")
    path = tmp_path / "locked.txt"
    path.write_text((EXAMPLES / "mei_tanaka.txt").read_text())
    path.chmod(0)
    assert process_file(str(path), None).detail == "Permission denied"


def test_a_symlink_given_by_name_is_followed(tmp_path):
    """Only links met in a folder are refused: a link named on the command line is the user's choice."""
    (tmp_path / "link.md").symlink_to(EXAMPLES / "ada_okafor.md")
    store = open_store(":memory:")
    report = build([tmp_path / "link.md", EXAMPLES / "ada_okafor.md"], store)
    assert report.added == [str(EXAMPLES / "ada_okafor.md")] and not report.failed  # the same file, once


def test_a_folder_tree_deeper_than_pythons_recursion_is_walked(tmp_path):
    """1,500 nested folders (as deep as a path of 4,096 bytes allows): the walk keeps a stack, not
    Python frames, and finds the file at the bottom."""
    levels = [tmp_path]
    for _ in range(1500):  # a level at a time: Path.mkdir(parents=True) recurses too
        levels.append(levels[-1] / "a")
        levels[-1].mkdir()
    resume = levels[-1] / "resume.txt"
    resume.write_text((EXAMPLES / "mei_tanaka.txt").read_text())
    try:
        report = build([tmp_path], open_store(":memory:"))
        assert report.added == [str(resume)] and not report.failed
    finally:  # bottom up: pytest's clean-up (shutil.rmtree) recurses too
        resume.unlink()
        for level in reversed(levels[1:]):
            level.rmdir()


def test_limits_come_from_the_environment(tmp_path):
    code = "from kg import documents, readers; print(documents.MAX_CHARS, documents.MAX_LINE, readers.MAX_PAGES)"
    env = {**os.environ, "KG_MAX_CHARS": "1_000", "KG_MAX_LINE": "80", "KG_MAX_PAGES": "2"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    assert out.stdout.split() == ["1000", "80", "2"]
    bad = robustness.run_kg("--store", tmp_path / "store", "build", EXAMPLES / "ada_okafor.md",
                            env={"KG_MAX_LINE": "lots"})
    assert bad.returncode == 1 and bad.stderr.strip() == "Error: KG_MAX_LINE must be a positive whole number, not 'lots'"


def test_taxonomy_import_resolves_no_external_entity(cli, tmp_path):
    """The one place kg reads RDF/XML: Oxigraph's parser refuses external entities outright."""
    listener = robustness.Listener()
    ctx = robustness.Context(tmp_path / "outside", listener.port)
    ctx.outside.mkdir()
    ctx.secret.write_text(robustness.SECRET)
    (tmp_path / "evil.rdf").write_bytes(robustness.xxe_rdf(ctx))
    result = cli("taxonomy", "import", tmp_path / "evil.rdf")
    listener.close()
    assert result.exit_code == 1 and "Traceback" not in result.output and listener.connections == 0
    assert not any(robustness.SECRET in q for q in robustness.store_quads(tmp_path / "kg-store"))


def test_conversion_repairs_take_linear_time():
    """Checking each broken word against the whole text once took minutes for 20,000 of them."""
    started = time.perf_counter()
    assert repair_text("built distri-\nbuted systems; " * 20_000).count("distributed") == 20_000
    assert time.perf_counter() - started < 2


# --- property tests: random text into the extractors, random bytes into every reader ---

FRAGMENTS = ["Experience", "EDUCATION", "Skills: Python, Kafka, Rust", "Senior Engineer, Acme Corp - Austin, TX",
             "Jan 2019 - Present", "2015 – 2018", "B.S. in Computer Science, MIT", "ada@example.com",
             "(555) 014-2290", "https://github.com/ada", "• Built pipelines in Spark.", "| a | b |", "## Summary",
             "Responsibilities", "Requirements: 5+ years of Go", "We are seeking", "Technologies Used: Foo, Bar"]
lines = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=80),
                  st.builds(lambda a, b: f"{a} {b}", st.sampled_from(FRAGMENTS), st.text(max_size=30)))
texts = st.one_of(st.text(max_size=3000), st.lists(lines, max_size=60).map("\n".join))


def assert_contract(found: dict, text: str) -> None:
    """The extraction contract of the README, key by key; evidence quotes the text at its offsets."""
    assert set(found) == {"source", "kind", "person", "positions", "education", "skills", "job"}
    assert found["kind"] in ("resume", "job_posting")
    person = found["person"]
    if person is not None:
        assert isinstance(person["name"], (str, type(None))) and isinstance(person["name_inferred"], bool)
        assert all(isinstance(v, str) for k in ("emails", "phones", "urls") for v in person[k])
    for position in found["positions"]:
        assert any(position[k] for k in ("employer", "title", "team"))
        assert all(position[k] is None or isinstance(position[k], str)
                   for k in ("employer", "title", "team", "start", "end"))
    for skill in found["skills"]:
        assert skill["type"] in ("skill", "technology") and isinstance(skill["candidate"], bool)
        for evidence in skill["evidence"]:
            assert 0 <= evidence["start"] <= evidence["end"] <= len(text)
            assert evidence["quote"] == text[evidence["start"]:evidence["end"]]
    job = found["job"]
    if job is not None:
        assert all(isinstance(s["id"], str) for s in job["required"] + job["preferred"])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=texts, kind=st.sampled_from(["resume", "job_posting"]))
def test_extractors_never_raise_and_keep_the_contract(raw, kind, nlp):
    from kg.extract import extract
    text = repair_text(clean_text(raw))
    document = Document(path="/random.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(),
                        kind=kind, format="txt")
    assert_contract(extract(document, nlp).to_json(), text)


def _in_docx(content: bytes | str) -> bytes:
    """A real DOCX whose document.xml is the bytes, or whose first paragraph holds the text."""
    if isinstance(content, bytes):
        return robustness.docx_bytes(lambda xml: content)
    escaped = escape(content).encode("utf-8", "surrogatepass")
    return robustness.docx_bytes(lambda xml: xml.replace(b"Acme Robotics", escaped, 1))


PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"<html><body>", b'{"basics": ']
files = st.one_of(
    st.builds(lambda prefix, rest: prefix + rest, st.sampled_from(PREFIXES), st.binary(max_size=2000)),
    st.binary(max_size=2000).map(lambda content: robustness.one_page_pdf(robustness.pdf_stream(content))),
    st.one_of(st.binary(max_size=2000), st.text(max_size=300)).map(_in_docx),
    st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                 lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                     st.sampled_from(["basics", "work", "name", "position", "startDate", "skills", "keywords"]),
                     inner, max_size=4), max_leaves=20).map(lambda value: json.dumps({"basics": value}).encode()))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=files, suffix=st.sampled_from([".txt", ".md", ".pdf", ".docx", ".html", ".json"]))
def test_any_bytes_in_any_format_give_a_result_never_an_exception(content, suffix, nlp):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random{suffix}"
        path.write_bytes(content)
        result = process_file(str(path), None, nlp=nlp)
    assert isinstance(result, FileResult) and result.status in ("added", "failed")
    if result.status == "failed":
        assert result.detail and "\n" not in result.detail
    else:
        literals = [q.object.value for q in ox.parse(input=result.nquads, format=ox.RdfFormat.N_QUADS)
                    if isinstance(q.object, ox.Literal)]
        assert not [v for v in literals if robustness.FORBIDDEN.search(v)]
