"""Private data: erase a person (right to erasure) and redact contact details in the store.

Contact details are stored as such (schema:email, schema:telephone, schema:url) so they can be
found and removed. Forgetting a person removes every document about them and records one-way
hashes (SHA-256) of their e-mail addresses and of those documents, so a later build refuses the
same files, or another resume with the same address, instead of quietly bringing them back.
"""

import hashlib
import re

from rdflib import Literal, URIRef

from .ontology import GRAPH, KG, SDO
from .index import maintained
from .store import Store

FORGOTTEN = GRAPH.forgotten
CONTACTS = (SDO.email, SDO.telephone, SDO.url)


def fingerprint(value: str) -> str:
    """The one-way hash kept of a forgotten e-mail address (normalized) or document.

    >>> fingerprint(" Ada@Example.com ") == fingerprint("ada@example.com")
    True
    """
    return hashlib.sha256(value.strip().lower().encode("utf-8")).hexdigest()


def forget(store: Store, person: URIRef) -> list[str]:
    """Remove the person and every document about them; returns the removed documents' paths."""
    rows = store.query("""PREFIX schema: <https://schema.org/> PREFIX kg: <https://w3id.org/careerkg/ns#>
        SELECT DISTINCT ?person ?doc ?path ?sha ?email WHERE {
          GRAPH ?doc { ?doc kg:path ?path ; kg:sha256 ?sha ; schema:about ?person }
          OPTIONAL { GRAPH ?g { ?person schema:email ?email } } }""", {"person": person}).rows
    documents = {r["doc"]: (str(r["path"]), str(r["sha"])) for r in rows}
    emails = {str(r["email"]) for r in rows if r["email"] is not None}
    mentions = store.query("""SELECT DISTINCT ?person ?g WHERE { GRAPH ?g { { ?person ?p ?o } UNION { ?s ?p ?person } } }""",
                           {"person": person}).rows
    graphs = set(documents) | {r["g"] for r in mentions if not str(r["g"]).startswith(str(GRAPH))}
    marks = [(URIRef(f"{FORGOTTEN}/{fingerprint(v)}"), KG.sha256, Literal(fingerprint(v)), FORGOTTEN)
             for v in emails]
    marks += [(URIRef(f"{FORGOTTEN}/{sha}"), KG.sha256, Literal(sha), FORGOTTEN) for _, sha in documents.values()]
    kept = [q for q in store.quads(FORGOTTEN)]
    with maintained(store):
        store.replace_graphs({**{g: [] for g in graphs}, FORGOTTEN: kept + marks})
    return sorted(path for path, _ in documents.values())


def pseudonym(person: URIRef) -> str:
    """A stable stand-in for a person's name.

    >>> pseudonym(URIRef("https://w3id.org/careerkg/person/abc")) == pseudonym(URIRef("https://w3id.org/careerkg/person/abc"))
    True
    """
    return f"Person {hashlib.sha256(str(person).encode()).hexdigest()[:6]}"


def redact(store: Store, pseudonymize: bool = False) -> dict[str, int]:
    """Remove contact details from every document graph (and, with `pseudonymize`, replace people's
    names by stable pseudonyms), in quotes too; returns counts of what changed."""
    rows = store.query("""PREFIX schema: <https://schema.org/>
        SELECT DISTINCT ?g ?person ?p ?value WHERE { GRAPH ?g { ?person a schema:Person ; ?p ?value
          FILTER(?p IN (schema:email, schema:telephone, schema:url, schema:name)) } }""").rows
    secrets: dict[URIRef, dict[str, str]] = {}  # graph → text to replace → replacement
    counts = {"contacts": 0, "names": 0, "graphs": 0}
    for r in rows:
        value = str(r["value"])
        if r["p"] in CONTACTS:
            secrets.setdefault(r["g"], {})[value] = "[redacted]"
        elif pseudonymize:
            secrets.setdefault(r["g"], {})[value] = pseudonym(r["person"])
    with maintained(store) as index:
        for graph, replacements in secrets.items():
            counts["graphs"] += 1
            store.replace_graphs({graph: _scrubbed(store.quads(graph), replacements, counts)})
        if index is not None:  # names (and paths naming people) changed in place: the index reads them again
            index.reread(store, [str(g) for g in secrets])
    return counts


def _scrubbed(quads, replacements: dict[str, str], counts: dict[str, int]) -> list:
    """A graph's quads without contact details, the secrets in its literals replaced."""
    pattern = re.compile("|".join(re.escape(t) for t in sorted(replacements, key=len, reverse=True)))
    out = []
    for s, p, o, g in quads:
        if p in CONTACTS:
            counts["contacts"] += 1
            continue
        if isinstance(o, Literal) and o.datatype is None and pattern.search(str(o)):
            counts["names"] += p == SDO.name
            o = Literal(pattern.sub(lambda m: replacements[m.group(0)], str(o)), lang=o.language)
        out.append((s, p, o, g))
    return out
