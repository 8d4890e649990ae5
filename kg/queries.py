"""Named queries: queries/*.rq with declared parameters, bound by the engine, never spliced.

A query file's first comment line is its description; `# param NAME: IRI ENTITY` or
`# param NAME: literal [TYPE] [= DEFAULT]` lines declare its parameters. Values are turned into
rdflib terms (an entity may be given by label, alias or key, not only by IRI) and passed to the
store as bindings: user text never becomes SPARQL syntax.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rdflib import Literal, URIRef

from .ontology import XSD
from .store import Result, Store
from .errors import KgError

ENTITY_KINDS = ("person", "organization", "skill", "posting", "document")
LITERAL_TYPES = {"string": None, "boolean": XSD.boolean, "integer": XSD.integer, "date": XSD.date}
_PARAM = re.compile(r"^#\s*param\s+(?P<name>\w+)\s*:\s*(?P<kind>IRI|literal)\b\s*(?P<type>\w+)?"
                    r"\s*(?:=\s*(?P<default>\S+))?", re.I)
_BAD_IRI = re.compile(r'[\s<>"{}|^`\\]')


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


def run(store: Store, name: str, values: dict[str, str] | None = None, resolve=None) -> Result:
    query = get_query(name)
    if resolve is None:
        from .lookup import Lookup
        resolve = Lookup(store).resolve
    return store.query(query.text, bind(query, values or {}, resolve))
