"""A store behind any SPARQL 1.1 server (Query and Update protocols): Oxigraph, Fuseki, GraphDB, Virtuoso, Neptune.

`--store http://host:port/PATH` sends queries to PATH/query and updates to PATH/update (Oxigraph
server, Fuseki datasets); a URL ending in /sparql is used for both (Virtuoso, Neptune). KG_QUERY_URL
and KG_UPDATE_URL override them (GraphDB: …/repositories/ID and …/repositories/ID/statements).

The protocol has no parameter binding, so bound values travel as a VALUES block at the start of
the query: each value an RDF term serialized with N-Triples escaping, never the user's raw text.
"""

import json
import os
import urllib.error
import urllib.request

from rdflib import BNode, Literal, URIRef

from .terms import Quad
from .store import Batch, Result, Store, StoreError
from .terms import parse_nquads, term_nquads, with_values

TIMEOUT = 120  # seconds for one HTTP request
UPDATE_CHUNK = 2_000_000  # characters of N-Quads per update request: whole documents only


def endpoints(url: str) -> tuple[str, str]:
    """(query URL, update URL) for a store URL.

    >>> endpoints("http://127.0.0.1:7878"), endpoints("http://h:3030/ds/"), endpoints("http://h/sparql")
    (('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update'), ('http://h:3030/ds/query', 'http://h:3030/ds/update'), ('http://h/sparql', 'http://h/sparql'))
    """
    base = url.rstrip("/")
    if base.endswith("/sparql"):
        query = update = base
    else:
        query, update = f"{base}/query", f"{base}/update"
    return os.environ.get("KG_QUERY_URL", query), os.environ.get("KG_UPDATE_URL", update)


def _term(binding: dict):
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in binding:
        return Literal(value, lang=binding["xml:lang"])
    datatype = binding.get("datatype")
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)


class RemoteStore(Store):
    """The Store operations over HTTP; writes are SPARQL updates of whole documents."""

    def __init__(self, url: str):
        self.location = url
        self.query_url, self.update_url = endpoints(url)

    def _post(self, url: str, body: str, content_type: str, accept: str) -> bytes:
        request = urllib.request.Request(url, data=body.encode("utf-8"), method="POST",
                                         headers={"Content-Type": content_type, "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(f"{url} answered {exc.code}: {detail[0][:300] if detail else exc.reason}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"cannot reach the SPARQL server at {url}: {getattr(exc, 'reason', exc)}") from None

    def query(self, sparql: str, bindings: dict | None = None) -> Result:
        from .sparql import keywords
        text = with_values(sparql, bindings or {})
        form = next((w for w in keywords(sparql) if w in ("select", "ask", "construct", "describe")), "select")
        if form in ("construct", "describe"):
            data = self._post(self.query_url, text, "application/sparql-query", "application/n-triples")
            triples = [q[:3] for q in parse_nquads(data.decode("utf-8"))]
            return Result("graph", triples=triples)
        data = json.loads(self._post(self.query_url, text, "application/sparql-query",
                                     "application/sparql-results+json"))
        if "boolean" in data:
            return Result("ask", boolean=bool(data["boolean"]))
        variables = data["head"]["vars"]
        rows = [{v: _term(b[v]) if v in b else None for v in variables} for b in data["results"]["bindings"]]
        return Result("select", variables=variables, rows=rows)

    def update(self, sparql: str) -> None:
        self._post(self.update_url, sparql, "application/sparql-update", "*/*")

    def load_documents(self, batch: Batch, drop: list[URIRef] = ()) -> None:
        """Drop replaced graphs, then insert the new ones in requests of whole documents."""
        if drop:
            self.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in drop))
        graphs: dict[URIRef, list[Quad]] = {}
        size = 0
        for quad in parse_nquads(batch.text()):
            if quad[3] not in graphs and size > UPDATE_CHUNK:
                self._insert(graphs)
                graphs, size = {}, 0
            graphs.setdefault(quad[3], []).append(quad)
            size += 200
        if graphs:
            self._insert(graphs)

    def _insert(self, graphs: dict[URIRef, list[Quad]]) -> None:
        body = []
        for g, quads in graphs.items():
            lines = "".join(f"{term_nquads(s)} {term_nquads(p)} {term_nquads(o)} .\n" for s, p, o, _ in quads)
            body.append(f"GRAPH <{g}> {{\n{lines}}}")
        self.update("INSERT DATA {\n" + "\n".join(body) + "\n}")

    def quads(self, graph: URIRef | None = None):
        if graph is not None:
            rows = self.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph}).rows
            return ((r["s"], r["p"], r["o"], graph) for r in rows)
        rows = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return ((r["s"], r["p"], r["o"], r["g"]) for r in rows)
