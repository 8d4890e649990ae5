"""The build loop: documents → mentions → entities → quads → store, one bad file never stopping the rest."""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .documents import MAX_BYTES, Document, DocumentError, iter_paths, read_document
from .extract import EXTRACTOR_VERSION, Extraction, build_nlp, default_nlp, extract
from .rdf import Quad, parse_warnings, to_quads
from .resolve import resolve
from .store import Store
from .taxonomy import Taxonomy

BATCH = 64  # documents per store transaction


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.added) + len(self.replaced) + len(self.unchanged) + len(self.failed)


def document_quads(document: Document, nlp, ingested_at: dt.datetime | None = None) -> tuple[Extraction, list[Quad]]:
    """One document through extraction, resolution and RDF."""
    extraction = extract(document, nlp)
    return extraction, to_quads(extraction, resolve(extraction), ingested_at)


class Builder:
    """Adds or replaces documents in a store, batching writes; unchanged files are skipped by hash."""

    def __init__(self, store: Store, taxonomy: Taxonomy | None = None, kind: str | None = None,
                 max_bytes: int = MAX_BYTES, on_event=None):
        self.store = store
        self.kind = kind
        self.max_bytes = max_bytes
        self.report = BuildReport()
        self.on_event = on_event or (lambda kind, path, detail: None)
        store.ensure_reference()
        self.nlp = build_nlp(taxonomy) if taxonomy is not None else default_nlp()
        self.known = store.documents()
        self._pending: dict = {}
        self._pending_paths: list[tuple[str, str]] = []

    def add(self, path: Path) -> None:
        shown = str(path)
        try:
            document = read_document(path, kind=self.kind, max_bytes=self.max_bytes)
        except DocumentError as exc:
            self._fail(shown, str(exc))
            return
        previous = self.known.get(document.path)
        if previous and previous[1] == document.sha256 and previous[2] == EXTRACTOR_VERSION:
            self.report.unchanged.append(shown)
            self.on_event("unchanged", shown, "")
            return
        try:
            extraction, quads = document_quads(document, self.nlp)
        except Exception as exc:  # an extractor bug must not sink the batch; say which file hit it
            self._fail(shown, f"extraction failed: {type(exc).__name__}: {exc}")
            return
        for warning in parse_warnings(extraction):
            self.report.warnings.append((shown, warning))
        self._pending[document.iri] = quads
        self._pending_paths.append((shown, "replaced" if previous else "added"))
        if len(self._pending) >= BATCH:
            self.flush()

    def _fail(self, path: str, reason: str) -> None:
        self.report.failed.append((path, reason))
        self.on_event("failed", path, reason)

    def flush(self) -> None:
        if not self._pending:
            return
        self.store.replace_graphs(self._pending)
        for shown, how in self._pending_paths:
            getattr(self.report, how).append(shown)
            self.on_event(how, shown, "")
        self._pending, self._pending_paths = {}, []


def build(paths, store: Store, kind: str | None = None, max_bytes: int = MAX_BYTES, on_event=None) -> BuildReport:
    """Add or replace every document under `paths` in `store`."""
    builder = Builder(store, kind=kind, max_bytes=max_bytes, on_event=on_event)
    for path in iter_paths(paths):
        builder.add(path)
    builder.flush()
    return builder.report


def remove(paths, store: Store) -> list[str]:
    """Drop the documents read from `paths`; returns those that were in the store."""
    known = store.documents()
    removed = []
    for path in paths:
        absolute = str(Path(path).resolve())
        if absolute in known:
            store.remove_document(known[absolute][0])
            removed.append(str(path))
    return removed
