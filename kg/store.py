"""Stores: the embedded Oxigraph store (default), rdflib's in-memory Dataset, and reference graphs.

A document is one named graph, and its kg:sha256 marker is what makes it a document of the store:
the marker is written last, in a transaction, so a crash leaves each document complete or
unmarked. Unmarked graphs (a build killed during a bulk load) are dropped by the next open for
writing; until then a read-only open refuses the store rather than show half a document.
"""

import ctypes
import fcntl
import hashlib
import io
import os
import tempfile
import uuid
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef

from .ontology import GRAPH, KG, RDF, SKOS, data_path
from .errors import KgError
from .terms import Quad, from_ox, parse_nquads, quads_to_nquads, read_turtle, to_ox, with_values

DEFAULT_STORE = "kg-store"
PENDING = "kg.pending"  # in the store's folder while a bulk load runs: present after a crash
BATCH_PREFIX = "kg.batch-"  # N-Quads files on their way into the store (Batch), left behind by a crash
REFERENCE = {  # graph name → shipped Turtle file; each is reloaded when the file changes
    GRAPH.ontology: "kg.ttl",
    GRAPH.taxonomy: "skills.ttl",
    GRAPH.organizations: "organizations.ttl",
}
META = GRAPH.meta
CLOSURE = GRAPH.closure  # derived: kg:subsumedBy over the taxonomy graphs
REFERENCE_GENERATION = GRAPH.reference  # its kg:generation in META changes with any graph but a document's
_MARKER = f" <{KG.sha256}> "  # the triple that makes a graph a document of the store


class StoreError(KgError):
    """A store problem the user can fix (missing, busy, unreadable); the message says how."""


@dataclass
class Result:
    """Rows of a SELECT (variable → rdflib term or None), an ASK answer, or CONSTRUCT triples."""

    kind: str  # select | ask | graph
    variables: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple] = field(default_factory=list)


def closure(pairs) -> list[Quad]:
    """kg:subsumedBy quads (in the closure graph) from (concept, broader or None) pairs."""
    parents: dict = {}
    for concept, broader in pairs:
        parents.setdefault(concept, set())
        if broader is not None:
            parents[concept].add(broader)
    quads = []
    for concept in parents:
        seen, todo = {concept}, [concept]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        quads += [(concept, KG.subsumedBy, ancestor, CLOSURE) for ancestor in seen]
    return quads


def _is_document(graph) -> bool:
    """A document's graph, not one of kg's own (reference, meta, closure, forgotten)."""
    return not str(graph).startswith(str(GRAPH))


def _new_reference_generation(graphs) -> list[str]:
    """The SPARQL update giving the reference graphs a new generation when `graphs` holds one of them
    (none for documents' graphs): run before writing them, a crash in between still counts as a change."""
    if all(_is_document(g) or g == META for g in graphs):
        return []
    return [f"DELETE WHERE {{ GRAPH <{META}> {{ <{REFERENCE_GENERATION}> <{KG.generation}> ?g }} }}",
            f'INSERT DATA {{ GRAPH <{META}> {{ <{REFERENCE_GENERATION}> <{KG.generation}> "{uuid.uuid4().hex}" }} }}']


def _insert_data(graphs: dict[URIRef, list[Quad]]) -> str:
    """One SPARQL update replacing whole graphs: atomic in Oxigraph, portable to any SPARQL server.

    The data is serialized term by term (N-Quads escaping), never pasted from user input.
    """
    parts = [f"{update} ;" for update in _new_reference_generation(graphs)] + [f"DROP SILENT GRAPH <{g}> ;" for g in graphs]
    body = []
    for g, quads in graphs.items():
        if quads:
            triples = quads_to_nquads(quads).replace(f" <{g}> .\n", " .\n")
            body.append(f"GRAPH <{g}> {{\n{triples}}}")
    if body:
        parts.append("INSERT DATA {\n" + "\n".join(body) + "\n}")
    return "\n".join(parts)


def _split_markers(nquads: str) -> tuple[str, str]:
    """(the other lines, the marker lines) of N-Quads text, its lines kept in order.

    Searched for, not split into lines: a document is a few hundred lines, with one marker.
    """
    quads, markers, start = [], [], 0
    while (found := nquads.find(_MARKER, start)) >= 0:
        line = nquads.rfind("\n", 0, found) + 1
        end = nquads.find("\n", found) + 1 or len(nquads)
        quads.append(nquads[start:line])
        markers.append(nquads[line:end])
        start = end
    quads.append(nquads[start:])
    return "".join(quads), "".join(markers)


class Batch:
    """Documents' N-Quads on their way into a store in one write, their kg:sha256 markers apart
    (they go in last, in a transaction of their own).

    In a file in `folder` when given (beside a store on disk), else in memory: at 100,000 documents
    the build held the text of the documents gathered while the store wrote the batch before, then
    joined it and split it again, several hundred MB at a time; the bulk loader reads the file as it goes.
    """

    def __init__(self, folder: str | None = None):
        self.documents = 0
        self.size = 0  # characters of N-Quads
        self.markers: list[str] = []
        self._parts: list[str] = []
        self._file = None
        if folder is not None:
            self._file = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, prefix=BATCH_PREFIX,
                                                     suffix=".nq", delete=False)

    def add(self, nquads: str) -> None:
        """Whole documents' N-Quads."""
        quads, markers = _split_markers(nquads)
        self.markers.append(markers)
        if self._file is None:
            self._parts.append(quads)
        else:
            self._file.write(quads)
        self.documents += 1
        self.size += len(nquads)

    def text(self) -> str:
        """Every line of a batch in memory, markers last."""
        return "".join(self._parts) + "".join(self.markers)

    def path(self) -> str:
        """The file of a batch on disk, written out: every line but the markers."""
        self._file.close()
        return self._file.name

    def discard(self) -> None:
        if self._file is not None:
            self._file.close()
            Path(self._file.name).unlink(missing_ok=True)


class Store:
    """The operations every backend offers; documents are named graphs."""

    location: str

    # -- backends implement these
    def query(self, sparql: str, bindings: dict | None = None) -> Result:
        raise NotImplementedError

    def update(self, sparql: str) -> None:
        raise NotImplementedError

    def values(self, sparql: str) -> list[tuple]:
        """The rows of a SELECT as tuples of lexical values, in the order of its variables (unbound
        and "" as None): for bulk readers (kg.graph) that need no rdflib terms."""
        result = self.query(sparql)
        return [tuple(str(r[v]) or None if r[v] is not None else None for v in result.variables) for r in result.rows]

    def replace_graphs(self, graphs: dict[URIRef, list[Quad]]) -> None:
        """Replace each graph's content atomically (an empty list removes the graph)."""
        self.update(_insert_data(graphs))

    def quads(self, graph: URIRef | None = None):
        """Every quad (or one graph's), as rdflib terms."""
        raise NotImplementedError

    def close(self) -> None:
        pass

    # -- shared behaviour
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def batch(self) -> Batch:
        """An empty batch of documents for `load_documents`."""
        return Batch()

    def load_documents(self, batch: Batch, drop: list[URIRef] = ()) -> None:
        """Add a batch of documents, after dropping the old graphs of those being replaced.

        Each step is one transaction: a crash between them leaves the replaced documents absent,
        never half-written, and the next build adds them again.
        """
        quads = parse_nquads(batch.text())
        graphs: dict[URIRef, list[Quad]] = {g: [] for g in drop}
        for quad in quads:
            graphs.setdefault(quad[3], []).append(quad)
        self.replace_graphs(graphs)

    def replace_document(self, graph: URIRef, quads: list[Quad]) -> None:
        self.replace_graphs({graph: quads})

    def remove_document(self, graph: URIRef) -> None:
        self.replace_graphs({graph: []})

    def documents(self) -> dict[str, tuple[URIRef, str, str]]:
        """path → (graph, sha256, extractor version) of every document in the store (its kg:sha256
        marker makes a graph one). A scan per property, joined here: Oxigraph's join of the three
        took twice as long (1.9 s against 0.8 s at 10,000 documents), before every build."""
        column = {p: dict(self.values(f"SELECT ?g ?v WHERE {{ GRAPH ?g {{ ?g <{p}> ?v }} }}"))
                  for p in (KG.path, KG.sha256, KG.extractorVersion)}
        return {path: (URIRef(g), column[KG.sha256][g], column[KG.extractorVersion].get(g) or "")
                for g, path in column[KG.path].items() if g in column[KG.sha256]}

    def document_graphs(self) -> set[URIRef]:
        """The documents' graphs, listed without reading their triples (10 times faster than
        `documents` at 10k documents). Complete once `drop_orphans` has run, as it does before
        every write."""
        return {r["g"] for r in self.query(
            f'SELECT ?g WHERE {{ GRAPH ?g {{ }} FILTER(!STRSTARTS(STR(?g), "{GRAPH}")) }}').rows}

    def drop_orphans(self) -> list[URIRef]:
        """Remove graphs an interrupted build left without their document marker; return them.

        `GRAPH ?g { }` lists the graphs without reading their triples: seconds less per build.
        """
        rows = self.query(f"""SELECT ?g WHERE {{ GRAPH ?g {{ }}
            FILTER(!STRSTARTS(STR(?g), "{GRAPH}"))
            FILTER NOT EXISTS {{ GRAPH ?g {{ ?g <{KG.sha256}> ?sha }} }} }}""").rows
        orphans = [r["g"] for r in rows]
        if orphans:
            self.replace_graphs({g: [] for g in orphans})
        return orphans

    def count(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return int(rows[0]["n"]) if rows else 0

    def ensure_reference(self) -> None:
        """Load (or refresh) the ontology, taxonomy and organizations graphs from the shipped files."""
        stored = {str(r["g"]): str(r["sha"]) for r in self.query(
            f"SELECT ?g ?sha WHERE {{ GRAPH <{META}> {{ ?g <{KG.sha256}> ?sha }} }}").rows}
        changed: dict[URIRef, list[Quad]] = {}
        meta: list[Quad] = []
        for graph, name in REFERENCE.items():
            path = data_path("kg.data.ontology", name)
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            meta.append((graph, KG.sha256, Literal(sha), META))
            if stored.get(str(graph)) != sha:
                changed[graph] = [(s, p, o, graph) for s, p, o in read_turtle(path)]
        if changed:  # the hashes go in last: a crash before them reloads everything next time
            self.replace_graphs(changed)
            self.refresh_closure()
            self.replace_graphs({META: meta})

    def refresh_closure(self) -> None:
        """Materialize kg:subsumedBy (reflexive, transitive skos:broader) over every taxonomy graph."""
        rows = self.query("""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT DISTINCT ?c ?b WHERE { GRAPH ?t { ?c a skos:Concept OPTIONAL { ?c skos:broader ?b } }
            FILTER(STRSTARTS(STR(?t), "%s")) }""" % GRAPH.taxonomy).rows
        self.replace_graphs({CLOSURE: closure([(r["c"], r["b"]) for r in rows])})

    def generation(self) -> str | None:
        """The store's write generation, matched by the who-knows index (kg.index)."""
        rows = self.query(f"SELECT ?g WHERE {{ GRAPH <{META}> {{ <{META}> <{KG.generation}> ?g }} }}").rows
        return str(rows[0]["g"]) if rows else None

    def reference_generation(self) -> str | None:
        """Changed by every write of a graph other than a documents' or the meta graph (the taxonomies,
        their closure, the organizations): the index reads them again only then (kg.index)."""
        rows = self.query(
            f"SELECT ?g WHERE {{ GRAPH <{META}> {{ <{REFERENCE_GENERATION}> <{KG.generation}> ?g }} }}").rows
        return str(rows[0]["g"]) if rows else None

    def new_reference_generation(self) -> str:
        """Set a reference generation (a store written before kg kept one has none) and return it."""
        self.update(" ;\n".join(_new_reference_generation([REFERENCE_GENERATION])))
        return self.reference_generation()

    def set_generation(self, generation: str) -> None:
        self.update(f"DELETE WHERE {{ GRAPH <{META}> {{ <{META}> <{KG.generation}> ?g }} }} ;"
                    f"INSERT DATA {{ GRAPH <{META}> {{ <{META}> <{KG.generation}> \"{generation}\" }} }}")

    def forgotten(self) -> set[str]:
        """Fingerprints left by `kg forget` (kg.privacy)."""
        rows = self.query(f"SELECT ?h WHERE {{ GRAPH <{GRAPH.forgotten}> {{ ?x <{KG.sha256}> ?h }} }}").rows
        return {str(r["h"]) for r in rows}

    def imported_taxonomies(self, exclude: URIRef | None = None) -> list[tuple]:
        """Triples of every imported taxonomy (graphs named under the built-in taxonomy's).

        The graphs are listed first (`GRAPH ?g { }` reads no triples), then read one by one: a
        filter over every quad of the store took seconds at 2,000 documents.
        """
        graphs = [r["g"] for r in self.query(f"""SELECT ?g WHERE {{ GRAPH ?g {{ }}
            FILTER(STRSTARTS(STR(?g), "{GRAPH.taxonomy}/")) }}""").rows if r["g"] != exclude]
        return [(r["s"], r["p"], r["o"]) for g in graphs
                for r in self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": g}).rows]


_HELD = weakref.WeakSet()  # the lock files of the stores open in this process


def _release_in_child() -> None:
    """A forked child (a build's extraction worker) lets go of its copies of the store locks, which
    would keep the store locked after its build was killed, until every worker ended."""
    for lock in list(_HELD):
        lock.close()


os.register_at_fork(after_in_child=_release_in_child)


def _give_back_memory() -> None:
    """Return the memory freed in this process to the system, where the C library can (glibc).

    Oxigraph's bulk loader frees what it held (4.5 bytes per byte of N-Quads) in its threads' malloc
    arenas, which glibc keeps: 120-200 MB stayed after each batch, and a build's process grew by that
    much as more threads' arenas kept some."""
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim is not None:
        trim(0)


class OxigraphStore(Store):
    """pyoxigraph's native Store: on disk at `path`, or in memory when path is None."""

    def __init__(self, path: str | None = None, read_only: bool = False):
        self.location = path or ":memory:"
        self._path = path
        self.folder = path  # where the who-knows index lives beside the data (None in memory)
        self._dropped: set[str] = set()  # documents' graphs removed by replace_graphs (see dropped_documents)
        self._lock = None
        self._read_only = read_only
        if path is None:
            self._store = ox.Store()
            return
        folder = Path(path)
        if read_only and not (folder / "CURRENT").exists():
            raise StoreError(f"no store at {path}: build one first (kg build PATH...)")
        folder.mkdir(parents=True, exist_ok=True)
        self._lock = open(folder / "kg.lock", "a+")
        try:
            fcntl.flock(self._lock, (fcntl.LOCK_SH if read_only else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise StoreError(f"the store {path} is in use by another kg process (a build?); "
                             "try again when it finishes") from None
        self._pending = folder / PENDING
        if read_only and self._pending.exists():
            self._lock.close()
            raise StoreError(f"the last build into {path} was interrupted while writing: "
                             "run kg build again to finish it")
        try:
            self._store = ox.Store.read_only(str(folder)) if read_only else ox.Store(str(folder))
        except OSError as exc:
            self._lock.close()
            raise StoreError(f"cannot open the store {path}: {exc}") from None
        _HELD.add(self._lock)
        if not read_only:
            self.drop_orphans()  # after a bulk load cut short (it checks the pending flag)
            for stale in folder.glob(BATCH_PREFIX + "*"):  # batches a crash left: their documents were not marked
                stale.unlink()

    def query(self, sparql: str, bindings: dict | None = None) -> Result:
        """Bound values go in as a VALUES block of pyoxigraph-serialized terms (kg.terms.with_values):
        Oxigraph plans joins around a VALUES block, but not around `substitutions` (a person's
        quotes: 6 s with substitutions, 20 ms with VALUES, on 10,000 documents)."""
        try:
            answer = self._store.query(with_values(sparql, bindings or {}), use_default_graph_as_union=True)
        except RuntimeError as exc:
            raise StoreError(f"cannot run the query: {exc}") from None
        if isinstance(answer, ox.QueryBoolean):
            return Result("ask", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            rows = [{name: from_ox(solution[name]) for name in variables} for solution in answer]
            return Result("select", variables=variables, rows=rows)
        return Result("graph", triples=[(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
                                        for t in answer])

    def update(self, sparql: str) -> None:
        """Run a SPARQL update, the store's generation dropped first: the index cannot follow arbitrary
        writes, so it is not used until a build has rebuilt it (kg.index). Not in the same request:
        Oxigraph takes no PREFIX after the first operation."""
        self._store.update(f"DELETE WHERE {{ GRAPH <{META}> {{ <{META}> <{KG.generation}> ?g }} }}")
        self._store.update(sparql)

    def values(self, sparql: str) -> list[tuple]:
        """Read straight from pyoxigraph: rdflib terms for the 400,000 values of 10,000 documents
        took longer than the queries."""
        return [tuple(t.value or None if t is not None else None for t in row)
                for row in self._store.query(sparql, use_default_graph_as_union=True)]

    def replace_graphs(self, graphs: dict[URIRef, list[Quad]]) -> None:
        """Drop the graphs, then load their new content in one transaction (N-Quads parse natively)."""
        self._store.update(" ;\n".join(_new_reference_generation(graphs) + [f"DROP SILENT GRAPH <{g}>" for g in graphs]))
        self._dropped.update(str(g) for g, quads in graphs.items() if not quads and _is_document(g))
        quads = [q for qs in graphs.values() for q in qs]
        if quads:
            self._store.load(input=quads_to_nquads(quads), format=ox.RdfFormat.N_QUADS)

    def batch(self) -> Batch:
        """In a file beside the store on disk, which the bulk loader reads as it goes."""
        return Batch(self._path)

    def load_documents(self, batch: Batch, drop: list[URIRef] = ()) -> None:
        """Drop the replaced graphs, bulk-load the new quads, then commit the documents' markers.

        Oxigraph's bulk loader is many times faster than a transaction but not atomic, so each
        document's kg:sha256 marker (what makes it a document of the store) goes in last, in a
        transaction of its own: a crash leaves unmarked quads, which `drop_orphans` removes.
        """
        if drop:
            self._store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in drop))
        if not batch.documents:
            return
        if self._path is None:  # in memory: transactions are cheap
            self._store.load(input=batch.text(), format=ox.RdfFormat.N_QUADS)
            return
        self._pending.touch()
        self._store.bulk_load(path=batch.path(), format=ox.RdfFormat.N_QUADS)
        _give_back_memory()
        self._store.load(input="".join(batch.markers), format=ox.RdfFormat.N_QUADS)
        self._pending.unlink()

    def drop_orphans(self) -> list[URIRef]:
        """Only a bulk load cut short leaves orphans here, and it leaves the pending flag: without
        the flag there is nothing to look for (the query reads every graph before each build)."""
        if self._path is None:
            return super().drop_orphans()
        if not self._pending.exists():
            return []
        orphans = super().drop_orphans()
        self._pending.unlink()
        return orphans

    def dropped_documents(self) -> set[str]:
        """The documents removed from the store since it was opened, other than by `load_documents`
        (whose caller knows them): the rows the index drops, where comparing its documents with the
        store's took 0.3 s at 10,000 documents."""
        return {g for g in self._dropped if not self._store.contains_named_graph(ox.NamedNode(g))}

    def quads(self, graph: URIRef | None = None):
        pattern = self._store.quads_for_pattern(None, None, None, to_ox(graph) if graph is not None else None)
        for q in pattern:
            if isinstance(q.graph_name, ox.DefaultGraph):
                continue
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), from_ox(q.graph_name)

    def dump(self, out, fmt: str) -> None:
        """Stream the dataset as nquads or trig (graphs kept)."""
        formats = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
        self._store.dump(out, formats[fmt], prefixes=PREFIXES if fmt == "trig" else None)

    def close(self) -> None:
        """Release the store: RocksDB's own lock goes with the last reference to the handle."""
        if self._lock is not None:
            if not self._read_only:
                self._store.flush()
            self._store = None
            _HELD.discard(self._lock)
            self._lock.close()
            self._lock = None


class RdflibStore(Store):
    """rdflib's in-memory Dataset with the default graph as the union: small graphs and tests."""

    def __init__(self):
        self.location = ":rdflib:"
        self._ds = Dataset(default_union=True)

    def query(self, sparql: str, bindings: dict | None = None) -> Result:
        answer = self._ds.query(sparql, initBindings=bindings or {})
        if answer.type == "ASK":
            return Result("ask", boolean=bool(answer.askAnswer))
        if answer.type == "SELECT":
            variables = [str(v) for v in answer.vars]
            rows = [{name: row[name] for name in variables} for row in answer]
            return Result("select", variables=variables, rows=rows)
        return Result("graph", triples=list(answer))

    def update(self, sparql: str) -> None:
        self._ds.update(sparql)

    def replace_graphs(self, graphs: dict[URIRef, list[Quad]]) -> None:
        for g, quads in graphs.items():
            self._ds.remove_graph(self._ds.graph(g))
            if quads:
                target = self._ds.graph(g)
                for s, p, o, _ in quads:
                    target.add((s, p, o))

    def quads(self, graph: URIRef | None = None):
        for s, p, o, g in self._ds.quads((None, None, None, graph)):
            name = g.identifier if hasattr(g, "identifier") else g
            if name is not None and str(name) != "urn:x-rdflib:default":
                yield s, p, o, name


class NQuadsShards:
    """A write-only sink for builds: each batch becomes an N-Quads file for a bulk loader
    (`oxigraph load`, Fuseki's tdb2.tdbloader, Neptune's loader), reference graphs first."""

    def __init__(self, folder: str):
        self.out = Path(folder)
        self.out.mkdir(parents=True, exist_ok=True)
        self.written: list[Path] = []

    def _write(self, text: str) -> None:
        path = self.out / f"part-{len(self.written):05d}.nq"
        path.write_text(text, encoding="utf-8")
        self.written.append(path)

    def ensure_reference(self) -> None:
        quads = [(s, p, o, graph) for graph, name in REFERENCE.items()
                 for s, p, o in read_turtle(data_path("kg.data.ontology", name))]
        concepts = {s for s, p, o, g in quads if g == GRAPH.taxonomy and p == RDF.type and o == SKOS.Concept}
        pairs = [(c, None) for c in concepts]
        pairs += [(s, o) for s, p, o, g in quads if g == GRAPH.taxonomy and p == SKOS.broader]
        self._write(quads_to_nquads(quads + closure(pairs)))

    def drop_orphans(self) -> list:
        return []

    def imported_taxonomies(self) -> list:
        return []

    def forgotten(self) -> set:
        return set()

    def documents(self) -> dict:
        return {}

    def batch(self) -> Batch:
        return Batch()

    def load_documents(self, batch: Batch, drop=()) -> None:
        self._write(batch.text())


PREFIXES = {"kg": str(KG._NS), "schema": "https://schema.org/", "skos": "http://www.w3.org/2004/02/skos/core#",
            "prov": "http://www.w3.org/ns/prov#", "rdf": str(RDF._NS), "xsd": "http://www.w3.org/2001/XMLSchema#",
            "skill": "https://w3id.org/careerkg/skill/", "org": "https://w3id.org/careerkg/org/"}


def store_location(given: str | None) -> str:
    """--store, else $KG_STORE, else ./kg-store."""
    return given or os.environ.get("KG_STORE") or DEFAULT_STORE


def open_store(location: str | None = None, read_only: bool = False) -> Store:
    """The store at a location: a folder (embedded Oxigraph), a SPARQL server's URL, ':memory:' or ':rdflib:'."""
    location = store_location(location)
    if location == ":memory:":
        store: Store = OxigraphStore(None)
    elif location == ":rdflib:":
        store = RdflibStore()
    elif location.startswith(("http://", "https://")):
        from .remote import RemoteStore
        store = RemoteStore(location)
    else:
        store = OxigraphStore(location, read_only=read_only)
    return store


def serialize(triples_or_quads, fmt: str) -> bytes:
    """Serialize rdflib-term triples (turtle) or quads (trig, nquads, jsonld) with pyoxigraph."""
    formats = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
               "jsonld": ox.RdfFormat.JSON_LD, "ntriples": ox.RdfFormat.N_TRIPLES}
    items = []
    for t in triples_or_quads:
        if len(t) == 4:
            items.append(ox.Quad(to_ox(t[0]), to_ox(t[1]), to_ox(t[2]), to_ox(t[3])))
        else:
            items.append(ox.Triple(to_ox(t[0]), to_ox(t[1]), to_ox(t[2])))
    buffer = io.BytesIO()
    ox.serialize(items, buffer, formats[fmt],
                 prefixes=PREFIXES if fmt in ("turtle", "trig") else None)
    return buffer.getvalue()
