"""The build loop: documents → mentions → entities → N-Quads → store, one bad file never stopping the rest.

Files are processed where the CPU is (in this process, in a pool of worker processes, or on a Dask
cluster) by one function, `process_file`, which returns N-Quads text, never spaCy objects. The
store is fed here, in batches, one transaction per batch.
"""

import datetime as dt
import hashlib
import multiprocessing
import os
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING

from .documents import MAX_BYTES, Document, DocumentError, iter_files, read_document, read_file
from .ontology import EXTRACTOR_VERSION, data_path
from .organizations import gazetteer
from .index import maintained, nquads_rows, usage_rows
from .privacy import fingerprint
from .store import Batch, Store
from .taxonomy import load_taxonomy

if TYPE_CHECKING:  # kg.extract, kg.rdf and kg.resolve import spaCy (a second): only when a file needs extraction
    from .extract import Extraction
    from .resolve import Resolved

# N-Quads per store write. Each write adds files overlapping the whole store (its keys are hashes), which
# RocksDB then merges with every file of the column family: fewer, larger writes cost far less CPU
# (100,000 documents: 814 s in batches of 256 documents, 694 s of 1,024 to 2,048, 624-631 s of 96 MB;
# 112 MB: 681 s in one run). Oxigraph's bulk loader holds about 4.5 bytes of memory per byte of N-Quads
# it loads (440 MB for these 96 MB into an empty store, 600 MB into one of 100,000 documents).
BATCH_BYTES = 96 * 2**20
WINDOW = 1024  # files in flight at once on Dask: bounds memory whatever the corpus size
CHUNK = 16  # files a pool worker takes at once
IN_FLIGHT = 64  # chunks sent to the pool and not yet back
# a file changed less than this before it was hashed may change again within the same tick of its
# time stamps and keep them (file systems tick up to every 2 s, FAT's): it is hashed again next time
RACY_NS = 3_000_000_000


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # deliberately left out (kg forget)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.added) + len(self.replaced) + len(self.unchanged) + len(self.failed) + len(self.skipped)


@dataclass(frozen=True)
class FileResult:
    """What processing one file produced: its N-Quads, or why it failed, or that nothing changed."""

    path: str  # as given
    status: str  # added | replaced | unchanged | skipped | failed
    nquads: str = ""
    detail: str = ""  # the failure's reason
    warnings: tuple[str, ...] = ()
    doc: str = ""  # the document's graph
    rows: dict = field(default_factory=dict)  # for the index, by table (kg.index.usage_rows, document_rows)


def document_nquads(document: Document, nlp, ingested_at: dt.datetime | None = None
                    ) -> "tuple[Extraction, Resolved, str]":
    """One document through extraction, resolution and RDF."""
    extraction, resolved, lines = _document_lines(document, nlp, ingested_at)
    return extraction, resolved, "".join(lines)


def _document_lines(document: Document, nlp, ingested_at: dt.datetime | None = None
                    ) -> "tuple[Extraction, Resolved, dict[str, str]]":
    """document_nquads, its N-Quads as lines, each with its predicate term (kg.rdf.nquads_lines)."""
    from .extract import extract
    from .rdf import nquads_lines
    from .resolve import resolve
    extraction = extract(document, nlp)
    resolved = resolve(extraction)
    return extraction, resolved, nquads_lines(extraction, resolved, ingested_at, _VERSION)


_IMPORTED: list = []  # the store's imported taxonomy triples, set before workers start
_FORGOTTEN: frozenset = frozenset()  # fingerprints of forgotten people's e-mails and documents
_NLP = None
_VERSION = EXTRACTOR_VERSION


def configure(imported: list, forgotten=frozenset()) -> None:
    """What this process extracts with: the built-in taxonomy plus imported triples, and the
    fingerprints `kg forget` left (set here before workers fork, or on each Dask worker).

    The extractor version recorded with each document names the taxonomy too, so importing a
    taxonomy (or upgrading kg) re-extracts documents built before.
    """
    global _IMPORTED, _FORGOTTEN, _NLP, _VERSION
    _IMPORTED, _FORGOTTEN, _NLP = list(imported), frozenset(forgotten), None
    digest = hashlib.sha256(data_path("kg.data.ontology", "skills.ttl").read_bytes())
    for triple in sorted(" ".join(t.n3() for t in triple) for triple in _IMPORTED):
        digest.update(triple.encode())
    _VERSION = f"{EXTRACTOR_VERSION}+{digest.hexdigest()[:12]}"


def pipeline_nlp():
    """The pipeline for the taxonomy in use, built once per process."""
    global _NLP
    from .extract import build_nlp, default_nlp
    if _NLP is None:
        _NLP = build_nlp(load_taxonomy(_IMPORTED)) if _IMPORTED else default_nlp()
    return _NLP


def process_file(path: str, known: tuple | None, kind: str | None = None, max_bytes: int = MAX_BYTES,
                 nlp=None) -> FileResult:
    """Read, extract and serialize one file; `known` is the store's (graph, sha256, version) for it.

    Never raises: an unreadable file or an extractor bug becomes a failed result naming the reason.
    """
    try:
        document = read_document(path, kind=kind, max_bytes=max_bytes)
    except DocumentError as exc:
        return FileResult(path, "failed", detail=str(exc))
    except Exception as exc:  # a reader bug must not sink the batch
        return FileResult(path, "failed", detail=f"could not read: {type(exc).__name__}: {exc}")
    if known and known[1] == document.sha256 and known[2] == _VERSION:
        return FileResult(path, "unchanged")
    if document.sha256 in _FORGOTTEN:
        return FileResult(path, "skipped", detail="a forgotten document (kg forget); not added again")
    try:
        extraction, resolved, lines = _document_lines(document, nlp or pipeline_nlp())
    except Exception as exc:
        return FileResult(path, "failed", detail=f"extraction failed: {type(exc).__name__}: {exc}")
    emails = extraction.person.emails if extraction.person else []
    if _FORGOTTEN and any(fingerprint(e) in _FORGOTTEN for e in emails):
        return FileResult(path, "skipped", detail="about a forgotten person (kg forget); not added")
    from .rdf import parse_warnings
    return FileResult(path, "replaced" if known else "added", "".join(lines), warnings=tuple(parse_warnings(extraction)),
                      doc=str(document.iri), rows={"usage": usage_rows(extraction, resolved), **nquads_rows(lines)})


def _sha256(path: str, max_bytes: int) -> str | None:
    """The file's hash, read as read_document reads it: never through a link, a pipe or a device."""
    try:
        return hashlib.sha256(read_file(Path(path), max_bytes)).hexdigest()
    except DocumentError:
        return None  # the worker reports the error with the file's name


def _stat(path: str) -> tuple | None:
    """(size, mtime, ctime, inode) of the file itself (not through a link), times in ns: what changes
    when its bytes do. The ctime too, as git compares it: `touch -d` or a copy keeping times can set
    the mtime back to what it was, nothing but the clock sets the ctime."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def _work(item) -> FileResult:
    """process_file with its arguments packed in one tuple (here or on a Dask worker)."""
    return process_file(*item)


def _work_chunk(items: list) -> list[FileResult]:
    """process_file for a pool worker, on a chunk of items: one round trip per chunk."""
    return [process_file(*item) for item in items]


class Builder:
    """Writes processed files into a store in batches and keeps the report."""

    def __init__(self, store: Store, index=None, on_event=None, rehash: bool = False):
        self.store = store
        self.index = index  # the who-knows index kept in step, when the store has one (kg.index)
        self.report = BuildReport()
        self.on_event = on_event or (lambda kind, path, detail: None)
        store.drop_orphans()
        self.known = index.files() if index is not None else store.documents()
        self._hashes = index.hashes() if index is not None and not rehash else {}  # as recorded by builds before
        self.hashed: list[tuple] = []  # hashes rows to record: (real path, *stat, sha256, when stat was taken)
        self.sent: dict[str, tuple] = {}  # path → (real path, stat, when) of files sent to extraction
        self._pending: list[FileResult] = []  # their N-Quads in self._batch
        self._batch: Batch | None = None
        self._drop: list = []
        self._loading: tuple | None = None  # (thread, its results) while a batch is being written
        self._failure: BaseException | None = None

    def changed(self, files, kind: str | None, max_bytes: int):
        """The items worth extracting (process_file's arguments) among (path, real path) pairs: files
        the store lacks or whose bytes changed since.

        Hashing a file here is far cheaper than shipping it to a worker (or starting workers at all),
        and a file whose stat is the one recorded when it was last hashed, taken RACY_NS at least after
        it changed, is not even read (10,000 files took 1.2 s to hash, before every build): so a rebuild
        where 1% of the files changed costs about 1% of the build.
        """
        for path, real in files:
            known = self.known.get(real)
            when, stat = time.time_ns(), _stat(path)  # in this order: a change after the stat is later than `when`
            if known and known[2] == _VERSION:
                if self._sha256(path, real, stat, when, max_bytes) == known[1]:
                    self.add(FileResult(path, "unchanged"))
                    continue
            elif stat is not None:
                self.sent[path] = (real, stat, when)
            yield path, known, kind, max_bytes

    def _sha256(self, path: str, real: str, stat: tuple | None, when: int, max_bytes: int) -> str | None:
        """The file's hash as recorded when its stat is the same and was taken long enough after it
        changed, else read again (and recorded)."""
        recorded = self._hashes.get(real)
        if stat is not None and recorded and recorded[:4] == stat and max(stat[1], stat[2]) + RACY_NS <= recorded[5]:
            return recorded[4]
        sha = _sha256(path, max_bytes)
        if stat is not None and sha is not None:
            self.hashed.append((real, *stat, sha, when))
        return sha

    def record_hashes(self) -> None:
        """Into the index: the files hashed here, and those extracted, by the hash of the bytes their
        worker read (their stat was taken before, so a change in between shows as another stat)."""
        if self.index is None:
            return
        extracted = {self.sent[path][0]: self.sent[path] for path in self.report.added + self.report.replaced
                     if path in self.sent}
        stored = self.index.files(extracted)
        self.index.record_hashes(self.hashed + [(real, *stat, stored[real][1], when)
                                                for real, (_, stat, when) in extracted.items() if real in stored])

    def add(self, result: FileResult) -> None:
        if result.status in ("failed", "skipped"):
            getattr(self.report, result.status).append((result.path, result.detail))
            self.on_event(result.status, result.path, result.detail)
            return
        if result.status == "unchanged":
            self.report.unchanged.append(result.path)
            self.on_event("unchanged", result.path, "")
            return
        self.report.warnings += [(result.path, w) for w in result.warnings]
        if result.status == "replaced":
            self._drop.append(self.known[str(Path(result.path).resolve())][0])
        if self._batch is None:
            self._batch = self.store.batch()
        self._batch.add(result.nquads)
        self._pending.append(replace(result, nquads=""))
        if self._batch.size >= BATCH_BYTES:
            self.flush()

    def flush(self) -> None:
        """Start writing the pending batch to the store, in a thread, once the previous one is written.

        The store's loader releases the GIL, so this process goes on updating the index and taking
        results from the workers into the next batch meanwhile (at 100,000 documents, waiting for the
        loader instead idled the workers 40% of the time); batches reach the store one at a time, in order.
        """
        if not self._pending:
            return
        self.wait()
        pending, drop, batch = self._pending, self._drop, self._batch
        self._pending, self._drop, self._batch = [], [], None
        self._loading = (threading.Thread(target=self._load, args=(batch, drop)), pending)
        self._loading[0].start()
        if self.index is not None:
            # only the documents replaced have rows to delete: those added are new to the index, as
            # they are to the store
            tables = {table for r in pending for table in r.rows}
            self.index.replace_documents([str(g) for g in drop],
                                         {table: [row for r in pending for row in r.rows.get(table, ())] for table in tables})

    def _load(self, batch: Batch, drop: list) -> None:
        try:
            self.store.load_documents(batch, drop)
        except BaseException as exc:
            self._failure = exc
        finally:
            batch.discard()

    def wait(self) -> None:
        """Until the batch being written is in the store; then report its documents."""
        if self._loading is None:
            return
        thread, written = self._loading
        thread.join()
        self._loading = None
        if self._failure is not None:
            failure, self._failure = self._failure, None
            raise failure
        for r in written:
            getattr(self.report, r.status).append(r.path)
            self.on_event(r.status, r.path, "")

    def close(self) -> None:
        """Never leave a thread writing to the store, nor the file of a batch not written."""
        try:
            self.wait()
        finally:
            if self._batch is not None:
                self._batch.discard()
                self._batch = None


def build(paths, store: Store, kind: str | None = None, max_bytes: int = MAX_BYTES, workers: int = 1,
          dask: str | None = None, on_event=None, rehash: bool = False) -> BuildReport:
    """Add or replace every document under `paths` in `store`.

    Extraction runs in this process (workers=1), in a pool of `workers` processes, or on the Dask
    cluster whose scheduler is at `dask`; either way the store is written here, in batches.
    `rehash` reads every file again, even one whose stat says it did not change since it was hashed.
    """
    with maintained(store) as index:
        store.ensure_reference()
        builder = Builder(store, index, on_event=on_event, rehash=rehash)
        configure(store.imported_taxonomies(), store.forgotten())
        items = builder.changed(iter_files(paths), kind, max_bytes)
        try:
            _feed(builder, items, workers, dask)
            builder.flush()
        finally:
            builder.close()
        builder.record_hashes()
    return builder.report


def _feed(builder: Builder, items, workers: int, dask: str | None) -> None:
    """Process the items here, in a pool of worker processes or on Dask, adding results to `builder`."""
    if dask:
        _on_dask(dask, items, builder)
    elif workers <= 1:
        for item in items:
            builder.add(_work(item))
    else:
        _in_pool(builder, items, workers)


def _in_pool(builder: Builder, items, workers: int) -> None:
    """Chunks of items on `workers` forked processes, at most IN_FLIGHT chunks at a time (memory stays
    bounded whatever the corpus size), the next one sent as soon as one is back.

    concurrent.futures rather than multiprocessing.Pool: the Pool's worker handler wakes on every
    unread result and contends for the GIL with this thread's index writes (3 s of CPU per 10k
    files), and a worker killed by the system (out of memory) hangs a Pool for ever, where the
    executor says so: the files it lost are tried again, and the build goes on in a new pool.
    """
    chunks = iter(lambda: list(islice(items, CHUNK)), [])
    first = next(chunks, None)
    if first is None:
        return
    pipeline_nlp()  # built once here; forked workers share it (and the gazetteer) instead of building their own
    gazetteer()
    chunks = chain([first], chunks)
    while lost := _run_pool(builder, chunks, workers):
        _retry_alone(builder, lost)


def _retry_alone(builder: Builder, items: list) -> None:
    """The items a broken pool lost, one at a time in a pool of one: a file that kills its process
    again is the culprit, reported failed alone."""
    singles = iter([[item] for item in items])
    while lost := _run_pool(builder, singles, 1, in_flight=1):
        builder.add(FileResult(lost[0][0], "failed", detail="its extraction process was killed (out of memory?)"))


def _run_pool(builder: Builder, chunks, workers: int, in_flight: int = IN_FLIGHT) -> list:
    """Feed the chunks to a pool until they run out (then []) or the pool breaks (the items it lost)."""
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_end_with,
                             initargs=(os.getpid(),)) as pool:
        running: dict = {}  # future → its chunk
        while True:
            while len(running) < in_flight and (chunk := next(chunks, None)):
                try:
                    running[pool.submit(_work_chunk, chunk)] = chunk
                except BrokenProcessPool:
                    return _items(running) + chunk
            if not running:
                return []
            if lost := _collect(running, builder):
                return lost


def _end_with(parent: int) -> None:
    """In each worker, a watch on the build's process: a build killed (SIGKILL, the out-of-memory
    killer) cannot shut its pool down, and its workers would wait for work for ever, holding their
    memory (130 MB each)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)
    threading.Thread(target=watch, name="kg-watch-build", daemon=True).start()


def _collect(running: dict, builder: Builder) -> list:
    """Add the results of the chunks done, waiting for one at least; the items lost if the pool broke."""
    done, _ = wait(running, return_when=FIRST_COMPLETED)
    for future in done:
        try:
            results = future.result()
        except BrokenProcessPool:
            return _items(running)  # every chunk not added yet
        del running[future]
        for result in results:
            builder.add(result)
    return []


def _items(running: dict) -> list:
    return [item for chunk in running.values() for item in chunk]


def _on_dask(address: str, items, builder: Builder) -> None:
    """Extraction on a Dask cluster: its workers need kg installed and the files at the same paths."""
    from dask.distributed import Client, as_completed
    with Client(address) as client:
        client.run(configure, _IMPORTED, _FORGOTTEN)  # each worker extracts with the store's taxonomy
        while window := list(islice(items, WINDOW)):
            for future in as_completed(client.map(_work, window, pure=False)):
                builder.add(future.result())
                future.release()


def default_workers() -> int:
    """One extraction process per core."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def remove(paths, store: Store) -> list[str]:
    """Drop the documents read from `paths`; returns those that were in the store (listed by the
    index where the store has one, as a build lists them: the store's scan took 0.4 s at 10,000)."""
    removed = []
    with maintained(store) as index:
        known = index.files() if index is not None else store.documents()
        for path in paths:
            absolute = str(Path(path).resolve())
            if absolute in known:
                store.remove_document(known[absolute][0])
                removed.append(str(path))
    return removed
