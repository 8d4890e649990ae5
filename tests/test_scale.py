"""Beyond one process: worker pools, a real SPARQL server as the store, kg serve, Dask, N-Quads shards."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.ask import who_knows
from kg.ontology import KG
from kg import pipeline
from kg.pipeline import build
from kg.report import stats
from kg.store import META, PENDING, open_store

from .conftest import EXAMPLES, SEEDS


def _content(store) -> Graph:
    """The store's triples without ingestion times (which differ between builds by design) and the
    bookkeeping graph of reference-file hashes."""
    g = Graph()
    for s, p, o, graph in store.quads():
        if p != KG.ingestedAt and graph != META:
            g.add((s, p, o))
    return g


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def test_worker_pool_builds_the_same_graph(tmp_path, monkeypatch):
    one, two = open_store(str(tmp_path / "one")), open_store(str(tmp_path / "two"))
    build([SEEDS, EXAMPLES], one, workers=1)
    monkeypatch.setattr(pipeline, "CHUNK", 2)  # 8 chunks, at most 3 in flight: the pool waits and refills
    monkeypatch.setattr(pipeline, "IN_FLIGHT", 3)
    report = build([SEEDS, EXAMPLES], two, workers=2)
    assert len(report.added) == 15 and not report.failed
    assert isomorphic(_content(one), _content(two))
    one.close()
    two.close()


def test_a_file_that_kills_its_worker_fails_alone_and_the_build_goes_on(tmp_path, monkeypatch):
    """A worker killed mid-chunk (the system out of memory, a crashing parser) breaks the pool: the
    files it lost are tried again one at a time, and only the one that kills again is reported."""
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    (corpus / "killer.txt").write_text("Jane Doe\nPython developer\n")
    process_file = pipeline.process_file

    def dying(path, *args):
        if path.endswith("killer.txt"):
            os.kill(os.getpid(), signal.SIGKILL)
        return process_file(path, *args)

    monkeypatch.setattr(pipeline, "process_file", dying)  # forked workers inherit it
    monkeypatch.setattr(pipeline, "CHUNK", 2)
    monkeypatch.setattr(pipeline, "IN_FLIGHT", 2)
    store = open_store(str(tmp_path / "store"))
    report = build([corpus], store, workers=2)
    assert [(Path(path).name, detail) for path, detail in report.failed] == [
        ("killer.txt", "its extraction process was killed (out of memory?)")]
    assert len(report.added) == len(list(EXAMPLES.rglob("*.*"))) == len(store.documents())
    store.close()


def test_interrupted_bulk_load_leaves_no_document_half_there(tmp_path):
    """Quads without their document marker and the pending flag (a crash mid-batch) are dropped at
    the next build."""
    store = open_store(str(tmp_path / "store"))
    build([SEEDS / "000_3669169435bff07e.txt"], store)
    clean = _content(store)
    store.update("INSERT DATA { GRAPH <https://w3id.org/careerkg/doc/partial> { "
                 "<https://w3id.org/careerkg/person/x> <https://schema.org/name> \"Half Written\" } }")
    (tmp_path / "store" / PENDING).touch()
    report = build([SEEDS / "000_3669169435bff07e.txt"], store)
    assert report.unchanged and isomorphic(_content(store), clean)
    store.close()


@pytest.fixture
def oxigraph_server(tmp_path):
    """An empty, real Oxigraph SPARQL server (from PyPI's `oxigraph`) on 127.0.0.1 with a temporary
    folder: one a test, as the test processes may run this module's tests in any order."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = _free_port()
    folder = tmp_path / "oxigraph-server"
    process = subprocess.Popen([binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
                                "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_remote_sparql_server_as_the_store(oxigraph_server, seed_store):
    remote = open_store(oxigraph_server)
    report = build([SEEDS], remote, workers=1)
    assert len(report.added) == 5
    assert stats(remote) == stats(seed_store)
    assert sorted(p.name for p in who_knows(remote, ["TPU", "Triton"])) == ["Vasudev Gupta"]
    assert isomorphic(_content(remote), _content(seed_store))
    again = build([SEEDS], remote, workers=1)
    assert len(again.unchanged) == 5


def test_remote_store_through_the_cli(oxigraph_server, cli):
    built = cli("--store", oxigraph_server, "build", str(SEEDS))
    assert built.exit_code == 0, built.output
    result = cli("--store", oxigraph_server, "who-knows", "flash attention", "speculative decoding")
    assert result.exit_code == 0, result.output
    assert "Senthilkumar Gopal" in result.stdout
    bad = cli("--store", "http://127.0.0.1:9", "stats")
    assert bad.exit_code == 1 and "cannot reach the SPARQL server" in bad.output


def test_kg_serve_answers_sparql_clients_read_only(tmp_path):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    location = tmp_path / "store"
    with open_store(str(location)) as store:
        build([SEEDS], store)
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "--store", str(location), "serve", "--port",
                                str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        endpoint = f"http://127.0.0.1:{port}/query"
        _wait_for(endpoint)
        client = Graph(store=SPARQLStore(endpoint))
        names = {str(r[0]) for r in client.query(
            "SELECT ?n WHERE { GRAPH ?g { ?p a <https://schema.org/Person> ; <https://schema.org/name> ?n } }")}
        assert names == {"Vinu Rajashekhar", "Senthilkumar Gopal", "Vasudev Gupta", "Arjun Rao"}
        for body, status in ((b"update=DROP%20ALL", 403),
                             (b"query=SELECT%20*%20WHERE%20%7B%20SERVICE%20%3Chttp%3A%2F%2Fx%3E%20%7B%7D%20%7D", 400),
                             (b"query=" + b"x" * 1_100_000, 413)):
            request = urllib.request.Request(endpoint, data=body, method="POST",
                                             headers={"Content-Type": "application/x-www-form-urlencoded"})
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=30)
            assert refused.value.code == status
    finally:
        process.terminate()
        process.wait(timeout=30)
    with open_store(str(location), read_only=True) as again:
        assert stats(again)["documents"] == 5


def test_dask_cluster_builds_the_same_graph(tmp_path, seed_store):
    from dask.distributed import LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        store = open_store(":memory:")
        report = build([SEEDS], store, dask=cluster.scheduler_address)
    assert len(report.added) == 5 and not report.failed
    assert isomorphic(_content(store), _content(seed_store))


def test_nquads_shards_for_a_bulk_loader(cli, tmp_path, seed_store):
    result = cli("build", "--nquads-out", tmp_path / "shards", SEEDS)
    assert result.exit_code == 0 and "N-Quads files" in result.output
    store = open_store(":memory:")
    for part in sorted((tmp_path / "shards").glob("*.nq")):
        batch = store.batch()
        batch.add(part.read_text())
        store.load_documents(batch)
    assert isomorphic(_content(store), _content(seed_store))
