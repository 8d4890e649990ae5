"""A read-only SPARQL 1.1 Protocol endpoint over the embedded store, for YASGUI, rdflib's SPARQLStore or curl.

GET or POST /query (or /sparql) with `query=` or a application/sparql-query body; results as JSON,
XML, CSV or TSV for SELECT/ASK and Turtle or N-Triples for CONSTRUCT/DESCRIBE, by Accept header.
Updates are refused, as are SERVICE and LOAD (calls to other hosts), requests over MAX_REQUEST
bytes, and queries running past the timeout (answered 503; the engine cannot be interrupted, so
the query finishes in the background while the server keeps answering others).
"""

import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .queries import QueryError
from .results import sparql_csv, sparql_json, sparql_tsv, sparql_xml
from .sparql import classify
from .store import Store, serialize

MAX_REQUEST = 1_000_000  # bytes of query text; a SPARQL query is kilobytes
_RESULTS = [("application/sparql-results+json", sparql_json), ("application/json", sparql_json),
            ("application/sparql-results+xml", sparql_xml), ("application/xml", sparql_xml),
            ("text/csv", sparql_csv), ("text/tab-separated-values", sparql_tsv)]
_GRAPHS = [("text/turtle", "turtle"), ("application/n-triples", "ntriples")]


def negotiate(accept: str, offers: list[tuple[str, object]]) -> tuple[str, object]:
    """The first offer the Accept header names (by q order), else the first offer.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", _RESULTS)[0]
    'application/sparql-results+xml'
    """
    wanted = []
    for part in (accept or "").split(","):
        media, *params = [p.strip() for p in part.split(";")]
        q = next((float(p[2:]) for p in params if p.startswith("q=") and p[2:].replace(".", "", 1).isdigit()), 1.0)
        wanted.append((q, media.lower()))
    for _, media in sorted(wanted, key=lambda t: -t[0]):
        for offer in offers:
            if offer[0] == media:
                return offer
    return offers[0]


class _Handler(BaseHTTPRequestHandler):
    store: Store
    timeout_s: float
    lock = threading.Lock()  # one engine call at a time: the store handle is shared

    def log_message(self, format, *args):  # quiet: the CLI prints one line at start
        pass

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path not in ("/query", "/sparql"):
            return self._send(404, "text/plain", b"not found: use /query\n")
        query = urllib.parse.parse_qs(url.query).get("query", [None])[0]
        self._answer(query)

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/update", "/statements"):
            return self._send(403, "text/plain", b"this endpoint is read-only\n")
        if url.path not in ("/query", "/sparql"):
            return self._send(404, "text/plain", b"not found: use /query\n")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST:
            remaining = length if length <= 16 * MAX_REQUEST else 0
            while remaining > 0:  # read it away, so the client sees the answer, not a broken pipe
                chunk = self.rfile.read(min(65536, remaining))
                if not chunk:
                    break
                remaining -= len(chunk)
            self.close_connection = True
            return self._send(413, "text/plain", f"request larger than {MAX_REQUEST} bytes\n".encode())
        body = self.rfile.read(length).decode("utf-8", "replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-update" or "update=" in body[:10]:
            return self._send(403, "text/plain", b"this endpoint is read-only\n")
        query = body if kind == "application/sparql-query" else urllib.parse.parse_qs(body).get("query", [None])[0]
        self._answer(query)

    def _answer(self, query: str | None):
        if not query:
            return self._send(400, "text/plain", b"missing query\n")
        if len(query.encode()) > MAX_REQUEST:
            return self._send(413, "text/plain", b"query too large\n")
        try:
            if classify(query) == "update":
                return self._send(403, "text/plain", b"this endpoint is read-only\n")
        except QueryError as exc:
            return self._send(400, "text/plain", f"{exc}\n".encode())
        outcome: dict = {}

        def run():
            try:
                with self.lock:
                    outcome["result"] = self.store.query(query)
            except SyntaxError as exc:
                outcome["error"] = f"SPARQL syntax error: {str(exc).splitlines()[0]}"
            except Exception as exc:
                outcome["error"] = f"{type(exc).__name__}: {exc}"

        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        worker.join(self.timeout_s)
        if worker.is_alive():
            return self._send(503, "text/plain", f"query did not finish within {self.timeout_s:g} s\n".encode())
        if "error" in outcome:
            return self._send(400, "text/plain", f"{outcome['error']}\n".encode())
        result = outcome["result"]
        if result.kind == "graph":
            media, fmt = negotiate(self.headers.get("Accept", ""), _GRAPHS)
            return self._send(200, media, serialize(result.triples, fmt))
        media, writer = negotiate(self.headers.get("Accept", ""), _RESULTS)
        self._send(200, media, writer(result).encode("utf-8"))

    def _send(self, status: int, media: str, body: bytes):
        self.send_response(status)
        self.send_header("Content-Type", f"{media}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def make_server(store: Store, host: str = "127.0.0.1", port: int = 7878, timeout_s: float = 30.0) -> ThreadingHTTPServer:
    """A server answering SPARQL queries over `store` (call serve_forever())."""
    handler = type("Handler", (_Handler,), {"store": store, "timeout_s": timeout_s})
    return ThreadingHTTPServer((host, port), handler)
