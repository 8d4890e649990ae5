"""Named queries: queries/*.rq with declared parameters, bound by the engine, never spliced.

A query file's first comment line is its description; `# param NAME: IRI ENTITY` or
`# param NAME: literal [TYPE] [= DEFAULT]` lines declare its parameters. Values are turned into
rdflib terms (an entity may be given by label, alias or key, not only by IRI) and passed to the
store as bindings: user text never becomes SPARQL syntax.

The list and aggregate queries are answered from the store's derived index when it is fresh
(kg.index.ANSWERS: the same rows, in the same order, as the .rq); any query can be paged.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rdflib import Literal, URIRef

from .ontology import XSD
from .errors import KgError
from .store import Result, Store
from .terms import SPARQL_OPAQUE

ENTITY_KINDS = ("person", "organization", "skill", "posting", "document")
LITERAL_TYPES = {"string": None, "boolean": XSD.boolean, "integer": XSD.integer, "date": XSD.date}
_PARAM = re.compile(r"^#\s*param\s+(?P<name>\w+)\s*:\s*(?P<kind>IRI|literal)\b\s*(?P<type>\w+)?"
                    r"\s*(?:=\s*(?P<default>\S+))?", re.I)
_BAD_IRI = re.compile(r'[\s<>"{}|^`\\]')
_PAGED = re.compile(r"(?:\s+(LIMIT|OFFSET)\s+(\d+))+\s*$", re.I)  # a query's own LIMIT / OFFSET, last in its text


class QueryError(KgError):
    """A query or parameter the user can fix; the message says how."""


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # "iri" | "literal"
    type: str | None = None  # entity kind for IRIs, datatype for literals
    default: str | None = None


@dataclass(frozen=True)
class Query:
    name: str
    description: str
    text: str
    params: tuple[Param, ...] = field(default_factory=tuple)


def parse_query(name: str, text: str) -> Query:
    """Read the description and the declared parameters from the comment lines.

    >>> q = parse_query("who_knows", "# People who know a skill.\\n# param skill: IRI skill\\n"
    ...                 "# param exact: literal boolean = false\\nSELECT ?skill ?exact WHERE {}")
    >>> q.description, [(p.name, p.kind, p.type, p.default) for p in q.params]
    ('People who know a skill.', [('skill', 'iri', 'skill', None), ('exact', 'literal', 'boolean', 'false')])
    """
    comments = [line for line in text.splitlines() if line.startswith("#")]
    description = comments[0].lstrip("# ").strip() if comments else ""
    params = []
    for line in comments:
        m = _PARAM.match(line)
        if m:
            kind = m.group("kind").lower()
            type_ = m.group("type")
            if kind == "iri" and type_ and type_ not in ENTITY_KINDS:
                raise QueryError(f"{name}: unknown entity kind {type_!r} (choose from {', '.join(ENTITY_KINDS)})")
            if kind == "literal" and type_ and type_ not in LITERAL_TYPES:
                raise QueryError(f"{name}: unknown literal type {type_!r}")
            params.append(Param(m.group("name"), kind, type_, m.group("default")))
    return Query(name=name, description=description, text=text, params=tuple(params))


@lru_cache(maxsize=1)
def load_queries() -> dict[str, Query]:
    """Every queries/*.rq shipped with the package, by name."""
    folder = resources.files("kg.data.queries")
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = parse_query(name, entry.read_text(encoding="utf-8"))
    return out


def get_query(name: str) -> Query:
    queries = load_queries()
    if name not in queries:
        raise QueryError(f"no query named {name!r}; known queries: {', '.join(queries)}")
    return queries[name]


def check_iri(value: str) -> URIRef:
    """An absolute IRI without characters IRIs forbid (Oxigraph raises on them, rdflib silently matches nothing)."""
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", value) or _BAD_IRI.search(value):
        raise QueryError(f"not a valid IRI: {value!r}")
    return URIRef(value)


def literal(value: str, type_: str | None) -> Literal:
    if type_ == "boolean":
        if value.lower() not in ("true", "false", "1", "0", "yes", "no"):
            raise QueryError(f"expected true or false, got {value!r}")
        return Literal(value.lower() in ("true", "1", "yes"), datatype=XSD.boolean)
    if type_ == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise QueryError(f"expected an integer, got {value!r}")
        return Literal(int(value), datatype=XSD.integer)
    datatype = LITERAL_TYPES.get(type_ or "string")
    return Literal(value, datatype=datatype) if datatype else Literal(value)


def bind(query: Query, values: dict[str, str], resolve) -> dict:
    """Turn user values into bindings; `resolve(kind, value)` maps a label or key to an entity IRI.

    Missing and unexpected parameters are refused, listing what the query declares.
    """
    declared = {p.name: p for p in query.params}
    unexpected = sorted(set(values) - set(declared))
    if unexpected:
        expected = ", ".join(declared) or "none"
        raise QueryError(f"{query.name} has no parameter {', '.join(unexpected)} (its parameters: {expected})")
    bindings = {}
    for p in query.params:
        value = values.get(p.name, p.default)
        if value is None:
            raise QueryError(f"{query.name} needs -p {p.name} VALUE ({p.kind}{' ' + p.type if p.type else ''})")
        if p.kind == "literal":
            bindings[p.name] = literal(value, p.type)
        elif p.type and not re.match(r"^https?://", value):
            bindings[p.name] = resolve(p.type, value)
        else:
            bindings[p.name] = check_iri(value)
    return bindings


def window(text: str, limit: int | None, offset: int) -> tuple[str, int, int | None]:
    """The query without its own LIMIT / OFFSET, and the (offset, limit) of the page asked within
    its answer: `limit` rows (all when None) from row `offset` of what the query returns.

    >>> window("SELECT ?s WHERE { ?s ?p ?o } LIMIT 25", 10, 20)
    ('SELECT ?s WHERE { ?s ?p ?o }', 20, 5)
    >>> window("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", None, 3)
    ('SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s', 3, None)
    """
    offset = 0 if offset is None else offset
    for value, what in ((limit, "limit"), (offset, "offset")):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise QueryError(f"the {what} must be a whole number of rows, 0 or more, not {value!r}")
    end, clauses = _own_page(text)
    if end is None:
        return text, offset, limit
    last = clauses.get("LIMIT")
    if last is not None:
        limit = max(0, last - offset) if limit is None else max(0, min(limit, last - offset))
    return text[:end], clauses.get("OFFSET", 0) + offset, limit


@lru_cache(maxsize=64)
def _own_page(text: str) -> tuple[int | None, dict]:
    """Where a query's own LIMIT / OFFSET start, and their values (a few ms a query: _PAGED retries
    at each blank of the masked comments)."""
    masked = SPARQL_OPAQUE.sub(lambda m: " " * len(m.group(0)), text)
    own = _PAGED.search(masked)
    if own is None:
        return None, {}
    return own.start(), {word.upper(): int(n) for word, n in re.findall(r"(LIMIT|OFFSET)\s+(\d+)", own.group(0), re.I)}


def run(store: Store, name: str, values: dict[str, str] | None = None, resolve=None,
        limit: int | None = None, offset: int = 0, use_index: bool = True) -> Result:
    """The rows of the named query, `limit` of them (all when None) from row `offset` on.

    Answered from the store's index when it is fresh and knows the query (kg.index.ANSWERS), else by
    the .rq in SPARQL (use_index=False always does: the reference answer).
    """
    from .index import ANSWERS, fresh_index  # kg.index reads kg.lookup, which reads this module
    query = get_query(name)
    text, offset, limit = window(query.text, limit, offset)
    index = fresh_index(store) if use_index and name in ANSWERS else None
    try:
        if resolve is None:
            from .lookup import Lookup
            resolve = Lookup(store, index).resolve
        bindings = bind(query, values or {}, resolve)
        if index is not None:
            variables, rows = index.answer(name, {key: str(value) for key, value in bindings.items()}, offset, limit)
            return Result("select", variables=variables, rows=rows)
        page = (f" LIMIT {limit}" if limit is not None else "") + (f" OFFSET {offset}" if offset else "")
        return store.query(text + page, bindings)
    finally:
        if index is not None:
            index.close()
