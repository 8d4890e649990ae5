"""Lookup: the entity a user means by a label, alias, e-mail, title, path or key.

Everything is matched with bound values (the user's text is a query parameter, never SPARQL),
and a miss answers with the closest names ("did you mean …").
"""

import difflib
import re
from pathlib import Path

from rdflib import Literal, URIRef

from .organizations import known_org, normalize_org
from .queries import QueryError, check_iri
from .store import Store
from .taxonomy import label_variants

_PREFIXES = """PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX kg: <https://w3id.org/careerkg/ns#>
"""
SKILL_LABELS = "skos:prefLabel|skos:altLabel|kg:listLabel"  # the names a skill is asked by (kg.index copies them)
_SKILL_BY_LABEL = _PREFIXES + """SELECT DISTINCT ?q ?concept WHERE {
  GRAPH ?g { ?concept """ + SKILL_LABELS + """ ?label }
  FILTER(LCASE(STR(?label)) = ?q) }"""
_ALL_SKILL_LABELS = _PREFIXES + """SELECT DISTINCT ?label WHERE {
  GRAPH ?g { ?concept skos:prefLabel|skos:altLabel ?label } }"""
_PEOPLE = _PREFIXES + """SELECT DISTINCT ?entity ?name ?email WHERE {
  GRAPH ?d { ?entity a schema:Person . OPTIONAL { ?entity schema:name ?name } OPTIONAL { ?entity schema:email ?email } } }"""
_ORGANIZATIONS = _PREFIXES + """SELECT DISTINCT ?entity ?name WHERE {
  GRAPH ?d { ?entity a schema:Organization ; schema:name ?name } }"""
_POSTINGS = _PREFIXES + """SELECT DISTINCT ?entity ?name ?path WHERE {
  GRAPH ?d { ?entity a schema:JobPosting . ?d kg:path ?path . OPTIONAL { ?entity schema:title ?name } } }"""
_DOCUMENTS = _PREFIXES + """SELECT DISTINCT ?entity ?path WHERE { GRAPH ?entity { ?entity a kg:Document ; kg:path ?path } }"""


def _norm(text: str) -> str:
    return " ".join(str(text).casefold().split())


class Lookup:
    """Resolves user-given names against one store."""

    def __init__(self, store: Store, index=None):
        self.store = store
        self.index = index  # a fresh who-knows index (kg.index) knows the skill labels: no SPARQL scan

    def resolve(self, kind: str, value: str) -> URIRef:
        if re.match(r"^https?://", value):
            return check_iri(value)
        finder = getattr(self, kind)
        return finder(value)

    # -- skills
    def skill_concepts(self, value: str) -> list[URIRef]:
        """Every concept with this label or alias (case-insensitive; a plural, singular or hyphen variant
        if the name itself is no label); usually one."""
        forms = [value] + sorted(label_variants(value) - {value})
        if re.search(r"[A-Za-z]{2}e?s$", value):  # "tpus", "gpus", "LLMs": users type plurals of short names
            forms += [value[:-1], value[:-2]]
        for form in forms:
            if self.index is not None:
                found = {URIRef(c) for c in self.index.concepts(_norm(form))}
            else:
                found = {r["concept"] for r in self.store.query(_SKILL_BY_LABEL, {"q": Literal(_norm(form))}).rows}
            if found:
                return sorted(found, key=str)
        return []

    def skill(self, value: str) -> URIRef:
        found = self.skill_concepts(value)
        if len(found) == 1:
            return found[0]
        if found:
            raise QueryError(f"{value!r} names several concepts: {', '.join(map(str, found))}; give the IRI")
        labels = [str(r["label"]) for r in self.store.query(_ALL_SKILL_LABELS).rows]
        raise QueryError(f"unknown skill {value!r}{_did_you_mean(value, labels)}")

    # -- people, organizations, postings, documents
    def person(self, value: str) -> URIRef:
        rows = self.store.query(_PEOPLE).rows
        wanted = _norm(value)
        hits = {r["entity"] for r in rows
                if wanted in (_norm(r["name"] or ""), _norm(r["email"] or "")) or str(r["entity"]).endswith("/" + value)}
        return self._one("person", value, hits, [str(r["name"]) for r in rows if r["name"]])

    def organization(self, value: str) -> URIRef:
        rows = self.store.query(_ORGANIZATIONS).rows
        known = known_org(value)
        wanted = normalize_org(value)
        hits = {r["entity"] for r in rows
                if (known is not None and r["entity"] == known.iri) or normalize_org(str(r["name"])) == wanted}
        return self._one("organization", value, hits, [str(r["name"]) for r in rows])

    def posting(self, value: str) -> URIRef:
        rows = self.store.query(_POSTINGS).rows
        wanted = _norm(value)
        hits = {r["entity"] for r in rows
                if wanted == _norm(r["name"] or "") or str(r["path"]).endswith(value)
                or Path(str(r["path"])).stem == value}
        names = [str(r["name"]) for r in rows if r["name"]] + [Path(str(r["path"])).name for r in rows]
        return self._one("posting", value, hits, names)

    def document(self, value: str) -> URIRef:
        rows = self.store.query(_DOCUMENTS).rows
        absolute = str(Path(value).resolve())
        hits = {r["entity"] for r in rows if str(r["path"]) in (value, absolute)}
        return self._one("document", value, hits, [str(r["path"]) for r in rows])

    def _one(self, kind: str, value: str, hits: set, names: list[str]) -> URIRef:
        if len(hits) == 1:
            return next(iter(hits))
        if hits:
            listed = ", ".join(sorted(map(str, hits))[:5])
            raise QueryError(f"{value!r} matches {len(hits)} {kind}s ({listed}); give the IRI")
        raise QueryError(f"unknown {kind} {value!r}{_did_you_mean(value, names)}")


def _did_you_mean(value: str, names: list[str]) -> str:
    by_norm = {}
    for name in names:
        by_norm.setdefault(_norm(name), name)
    close = difflib.get_close_matches(_norm(value), list(by_norm), n=5, cutoff=0.6)
    close += [n for n in by_norm if _norm(value) in n and n not in close][:5 - len(close)]
    return f"; did you mean: {', '.join(by_norm[c] for c in close)}?" if close else ""
