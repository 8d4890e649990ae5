"""User SPARQL: tell queries from updates, refuse federated calls, stop runaway queries.

SERVICE makes real network calls in both rdflib and pyoxigraph (and LOAD fetches URLs), so a query
naming them is refused before it reaches the engine. The check is lexical over the query with its
strings, IRIs and comments removed, so a literal containing the word SERVICE is harmless.
"""

import os
import re
import sys
import threading

from .queries import QueryError
from .terms import SPARQL_OPAQUE

_QUERY_FORMS = {"select", "construct", "describe", "ask"}
_UPDATE_FORMS = {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}


def keywords(text: str) -> list[str]:
    """The bare words of a query, without strings, IRIs and comments.

    >>> keywords('SELECT * { ?s ?p "SERVICE <x>" } # SERVICE')
    ['select', 's', 'p']
    """
    return re.findall(r"[A-Za-z_]\w*", SPARQL_OPAQUE.sub(" ", text).lower())


def classify(text: str) -> str:
    """"query" or "update"; refuses SERVICE and LOAD, which reach other hosts.

    >>> classify("PREFIX a: <http://a/> SELECT * WHERE { ?s ?p ?o }"), classify("DROP ALL")
    ('query', 'update')
    """
    words = keywords(text)
    if "service" in words:
        raise QueryError("SERVICE (federated queries to other hosts) is not allowed")
    if "load" in words:
        raise QueryError("LOAD (fetching data from URLs) is not allowed")
    for word in words:
        if word in _QUERY_FORMS:
            return "query"
        if word in _UPDATE_FORMS:
            return "update"
    raise QueryError("not a SPARQL query or update (expected SELECT, CONSTRUCT, DESCRIBE, ASK or an update)")


def run_with_timeout(fn, seconds: float):
    """Run `fn`; if it takes longer than `seconds`, say so and end the process.

    Neither engine can cancel a running query, and an on-disk store is held by this process, so the
    process ends (exit code 3) rather than leave a query spinning.
    """
    outcome = {}

    def target():
        try:
            outcome["value"] = fn()
        except SyntaxError as exc:
            outcome["error"] = QueryError(f"SPARQL syntax error: {str(exc).splitlines()[0]}")
        except Exception as exc:  # surfaced to the caller below
            outcome["error"] = exc

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        print(f"Error: the query did not finish within {seconds:g} s and was stopped (use --timeout to allow more)",
              file=sys.stderr)
        sys.stderr.flush()
        os._exit(3)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")
