"""Crash safety and idempotence: `kg build` killed with SIGKILL at random points, two builds on one
store, half-written documents after a crash, rebuilding, removing. The crash rounds are
benchmarks/robustness.py's."""

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.pipeline import build, remove
from kg.store import BATCH_PREFIX, PENDING, Store, StoreError, open_store

from .conftest import EXAMPLES, ROOT

spec = importlib.util.spec_from_file_location("robustness", ROOT / "benchmarks" / "robustness.py")
robustness = importlib.util.module_from_spec(spec)
spec.loader.exec_module(robustness)

REFERENCE = robustness.REFERENCE


def test_killed_builds_leave_only_complete_documents_and_converge(tmp_path):
    """20 builds killed with SIGKILL at random points (seeded), a first build and rebuilds that
    replace a third of the documents: after each kill every document present equals its clean
    build, half-written graphs are refused to readers and dropped by the next open for writing;
    each build run to the end gives the uninterrupted build's graph (same triples, same count)."""
    report = robustness.CrashRounds(tmp_path, docs=30, seed=7, say=lambda line: None).run(rounds=20)
    assert not report.problems, "\n".join(report.problems)
    assert report.kills >= 20 and report.completed >= 1 and report.documents_checked > 0
    assert report.facts_lost == report.stray_facts == 0


def test_a_second_build_fails_at_once_and_the_first_completes(tmp_path):
    store = tmp_path / "store"
    first = subprocess.Popen([sys.executable, "-m", "kg.cli", "--store", str(store), "build", "--workers", "1",
                              "-q", str(EXAMPLES)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while not (store / "CURRENT").exists():  # the store exists once the first build holds its lock
        assert first.poll() is None and time.time() < deadline
        time.sleep(0.05)
    second = robustness.run_kg("--store", store, "build", EXAMPLES)
    assert first.poll() is None, "the first build ended before the second tried: no overlap to test"
    assert second.returncode == 1
    assert second.stderr.strip() == (f"Error: the store {store} is in use by another kg process (a build?); "
                                     "try again when it finishes")
    assert first.wait(timeout=300) == 0
    paths = sorted(str(p) for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md"))
    with open_store(str(store), read_only=True) as opened:
        assert sorted(opened.documents()) == paths
    assert robustness.differing_documents(store, paths) == [] and not (store / PENDING).exists()
    assert not list(store.glob(BATCH_PREFIX + "*"))  # the batches' files, once written


def test_a_killed_build_s_workers_do_not_keep_the_store_locked(tmp_path):
    """Extraction workers are forked while the store is open; when the build dies they live on for
    a while, and must not hold its lock meanwhile."""
    location = str(tmp_path / "store")
    code = ("import os, time\nfrom kg.store import open_store\nstore = open_store(%r)\npid = os.fork()\n"
            "if pid == 0:\n    os.close(1)\n    os.close(2)\n    time.sleep(60)\n    os._exit(0)\nprint(pid, flush=True)\nos._exit(0)\n"
            % location)
    worker = int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                                check=True).stdout)
    try:
        os.kill(worker, 0)  # the worker is alive
        open_store(location).close()
    finally:
        os.kill(worker, signal.SIGKILL)


def _half_written(location: str) -> None:
    """A store as a build killed during its bulk load leaves it: a graph without its marker, the flag,
    the file of the batch."""
    store = open_store(location)
    store.update("INSERT DATA { GRAPH <https://w3id.org/careerkg/doc/partial> { "
                 "<https://w3id.org/careerkg/person/x> <https://schema.org/name> \"Half Written\" } }")
    store.close()
    (Path(location) / PENDING).touch()
    (Path(location) / f"{BATCH_PREFIX}x.nq").write_text("<https://w3id.org/careerkg/person/x> "
                                                       "<https://schema.org/name> \"Half Written\" .\n")


def test_half_written_documents_are_refused_to_readers_and_dropped_by_writers(tmp_path):
    location = str(tmp_path / "store")
    store = open_store(location)
    build([EXAMPLES / "mei_tanaka.txt"], store)
    store.close()
    del store  # closing releases the lock; the database closes with the object
    _half_written(location)
    with pytest.raises(StoreError, match="was interrupted while writing: run kg build again to finish it"):
        open_store(location, read_only=True)
    open_store(location).close()
    with open_store(location, read_only=True) as store:
        assert len(store.documents()) == 1 and "Half Written" not in str(list(store.quads()))
    assert not list(Path(location).glob(BATCH_PREFIX + "*"))


def test_an_interrupted_reference_load_is_done_again(monkeypatch):
    """The reference graphs' hashes are recorded last: a crash before the closure is complete
    (here, an error) leaves them unrecorded, and the next build loads everything again."""
    clean = open_store(":memory:")
    clean.ensure_reference()
    store = open_store(":memory:")

    def crash(self):
        raise RuntimeError("killed")
    monkeypatch.setattr(Store, "refresh_closure", crash)
    with pytest.raises(RuntimeError):
        store.ensure_reference()
    monkeypatch.undo()
    store.ensure_reference()
    assert set(store.quads()) == set(clean.quads())


def _contents(store) -> tuple[dict, int]:
    return robustness.graph_contents(store), sum(1 for _ in robustness.store_quads(store))


def test_building_the_same_files_twice_gives_the_same_graph(tmp_path):
    """Two builds: the same triples (ingestion times aside) and the same count; a rebuild changes nothing."""
    for name in "one", "two":
        build([EXAMPLES], open_store(str(tmp_path / name)))
    assert _contents(tmp_path / "one") == _contents(tmp_path / "two")
    ingested = {q for q in robustness.store_quads(tmp_path / "one") if robustness.VOLATILE[0] in q}
    assert len(build([EXAMPLES], open_store(str(tmp_path / "one"))).unchanged) == 10
    assert _contents(tmp_path / "one") == _contents(tmp_path / "two")
    assert {q for q in robustness.store_quads(tmp_path / "one") if robustness.VOLATILE[0] in q} == ingested


def test_removing_a_document_removes_its_facts_and_no_one_elses(tmp_path):
    """Two resumes of one person (same e-mail, one node) at one employer: removing one leaves the
    other's graph as it was and the person still there; removing both leaves the reference graphs."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Ada Quill\nada@example.com\n\nExperience\nEngineer, Netflix\n2019 - 2021\n"
                                  "- Built Kafka pipelines in Python.\n")
    (folder / "b.md").write_text("# Ada M. Quill\nada@example.com\n\n## Experience\nSenior Engineer, Netflix\n"
                                 "2021 - Present\n- Moved the pipelines to Flink.\n")
    location = tmp_path / "store"
    with open_store(str(location)) as store:
        build([folder], store)
        graphs = {path: graph for path, (graph, _, _) in store.documents().items()}
        person = {s for s, p, o, g in store.quads() if str(p) == "https://schema.org/email"}
        assert len(person) == 1
        before = robustness.graph_contents(location)
        remove([folder / "a.txt"], store)
        after = robustness.graph_contents(location)
        assert str(graphs[str(folder / "a.txt")]) not in after
        assert after[str(graphs[str(folder / "b.md")])] == before[str(graphs[str(folder / "b.md")])]
        assert {s for s, p, o, g in store.quads()} >= person
        remove([folder / "b.md"], store)
    assert all(graph.startswith(REFERENCE) for graph in robustness.graph_contents(location))


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's exit waits for its new parent to reap it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from /proc")
def test_a_killed_build_s_workers_end_with_it(tmp_path):
    """A build killed with SIGKILL cannot shut its pool down: its extraction workers notice and end,
    instead of waiting for work for ever with their memory."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        for source in EXAMPLES.iterdir():
            (corpus / f"{i}_{source.name}").write_bytes(source.read_bytes())
    build_process = subprocess.Popen([sys.executable, "-m", "kg.cli", "--store", str(tmp_path / "store"), "build",
                                      "--workers", "2", "-q", str(corpus)], cwd=ROOT,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while len(workers := _children(build_process.pid)) < 2:
        assert build_process.poll() is None and time.time() < deadline, "no workers seen"
        time.sleep(0.05)
    build_process.kill()
    build_process.wait()
    deadline = time.time() + 10
    while any(_running(w) for w in workers) and time.time() < deadline:
        time.sleep(0.1)
    alive = [w for w in workers if _running(w)]
    for w in alive:
        os.kill(w, signal.SIGKILL)
    assert not alive, f"workers {alive} outlived their build"
