"""Terms: conversion between rdflib terms (the API) and pyoxigraph terms (the store and fast parser)."""

import re

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from .errors import KgError

Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]


def to_ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term):
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"unsupported term {term!r}")


def read_turtle(path) -> list[tuple]:
    """Triples of a Turtle file as rdflib terms, parsed by Oxigraph (20x faster than rdflib's parser)."""
    return [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in ox.parse(path=str(path))]


def term_nquads(term) -> str:
    """One rdflib term in N-Triples/N-Quads syntax."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    value = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if term.language:
        return f'"{value}"@{term.language}'
    if term.datatype and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
        return f'"{value}"^^<{term.datatype}>'
    return f'"{value}"'


def parse_nquads(text: str) -> list[tuple]:
    """N-Quads text as rdflib-term quads (graph None for the default graph)."""
    return [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), from_ox(q.graph_name))
            for q in ox.parse(text, format=ox.RdfFormat.N_QUADS)]


def quads_to_nquads(quads) -> str:
    """rdflib-term quads as N-Quads text (reference data and tests; documents are written by kg.rdf)."""
    return "".join(f"{term_nquads(s)} {term_nquads(p)} {term_nquads(o)} {term_nquads(g)} .\n"
                   for s, p, o, g in quads)


# strings, IRIs and comments of a SPARQL text: whatever braces or keywords they hold are not syntax
SPARQL_OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')


class BindingError(KgError):
    """A value that is no valid RDF term (an IRI with a space or a '>', ...)."""


def with_values(query: str, bindings: dict) -> str:
    """The query with its bindings as a VALUES block opening the WHERE clause.

    Each value is an RDF term serialized by pyoxigraph (which refuses an IRI that is not one and
    escapes literals), so a value is always one term, never syntax. For servers reached by the
    SPARQL protocol, which has no parameter binding (kg.remote).

    >>> with_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal('x" } ; DROP ALL')})
    'SELECT ?s WHERE { VALUES (?o) { ("x\\\\" } ; DROP ALL") } ?s ?p ?o }'
    """
    if not bindings:
        return query
    masked = SPARQL_OPAQUE.sub(lambda m: " " * len(m.group(0)), query)
    where = re.search(r"\bWHERE\s*\{", masked, re.I) or re.search(r"\{", masked)
    if where is None:
        raise BindingError("cannot bind values: the query has no WHERE clause")
    try:
        values = " ".join(str(to_ox(term)) for term in bindings.values())
    except (ValueError, TypeError) as exc:
        raise BindingError(f"cannot bind values: {exc}") from None
    names = " ".join(f"?{name}" for name in bindings)
    return f"{query[:where.end()]} VALUES ({names}) {{ ({values}) }}{query[where.end():]}"
