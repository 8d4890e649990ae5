"""Reports on a store: what it holds (counts) and whether it conforms to the SHACL shapes."""

from rdflib import Graph

from .ontology import data_path
from .store import Store

_COUNTS = {
    "documents": "?x a kg:Document",
    "people": "?x a schema:Person",
    "organizations": "{ ?e kg:employer ?x } UNION { ?e kg:institution ?x } UNION { ?e schema:hiringOrganization ?x }",
    "positions": "?x a kg:Position",
    "education": "?x a kg:Education",
    "skills": "{ ?p schema:knowsAbout ?x } UNION { ?j schema:skills ?x }",
    "postings": "?x a schema:JobPosting",
    "evidence": "?x kg:quote ?quote",
}
PREFIXES = """PREFIX kg: <https://w3id.org/careerkg/ns#>
PREFIX schema: <https://schema.org/>
"""


def stats(store: Store) -> dict[str, int]:
    """Distinct entities of each kind across the document graphs, and all triples."""
    counts = {}
    for name, pattern in _COUNTS.items():
        rows = store.query(f"{PREFIXES}SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?d {{ {pattern} }} }}").rows
        counts[name] = int(rows[0]["n"])
    counts["triples"] = store.count()
    return counts


def outdated(store: Store) -> int:
    """Documents extracted by an older kg, whose graphs may lack what queries now read (evidence
    became one node per quoted span in extractor version 4): `kg build` re-extracts them."""
    from .extract import EXTRACTOR_VERSION
    rows = store.values(f"""{PREFIXES}SELECT ?v (COUNT(?d) AS ?n) WHERE {{ GRAPH ?d {{ ?d a kg:Document .
        OPTIONAL {{ ?d kg:extractorVersion ?v }} }} }} GROUP BY ?v""")
    return sum(int(n) for version, n in rows if (version or "").split("+")[0] != EXTRACTOR_VERSION)


OUTDATED = "{} documents were extracted by an older kg: run `kg build` on their files again to update them"


def data_graph(store: Store) -> Graph:
    """Every graph of the store merged into one rdflib Graph (for SHACL)."""
    graph = Graph()
    for s, p, o, _ in store.quads():
        graph.add((s, p, o))
    return graph


def validate(store: Store) -> tuple[bool, list[str]]:
    """Run pyshacl with ontology/shapes.ttl; return (conforms, one line per violation)."""
    from pyshacl import validate as shacl

    shapes = Graph().parse(data_path("kg.data.ontology", "shapes.ttl"), format="turtle")
    conforms, results, _ = shacl(data_graph(store), shacl_graph=shapes, inference="none", allow_warnings=True)
    lines = []
    query = """PREFIX sh: <http://www.w3.org/ns/shacl#>
        SELECT ?focus ?path ?message ?severity WHERE {
            ?r a sh:ValidationResult ; sh:focusNode ?focus ; sh:resultSeverity ?severity .
            OPTIONAL { ?r sh:resultPath ?path } OPTIONAL { ?r sh:resultMessage ?message } }"""
    for row in results.query(query):
        severity = str(row.severity).rsplit("#", 1)[-1]
        lines.append(f"{severity}: {row.focus} {row.path or ''}: {row.message or ''}".strip())
    return conforms, sorted(lines)
