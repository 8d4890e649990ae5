"""Questions users come for: who knows what, who fits a posting, why the graph says so, a person's profile.

Each answer combines named queries (queries/*.rq, values bound) and ranks in Python, so the same
questions can be asked of any SPARQL store.
"""

import datetime as dt
import math
from dataclasses import dataclass, field

from rdflib import URIRef

from .extract.dates import months_between
from .lookup import Lookup
from .queries import QueryError, run
from .store import Store


@dataclass
class SkillMatch:
    """How one person relates to one asked skill."""

    asked: str
    matched: list[str] = field(default_factory=list)  # labels of the concepts found (the skill or narrower)
    documents: int = 0
    mentions: int = 0
    months: int | None = None  # months of use summed over dated positions
    last_used: str | None = None  # "YYYY[-MM]" or "present"

    def strength(self, today: dt.date) -> float:
        """Evidence strength: mentions and documents, months of use (capped at 10 years), recency."""
        score = math.log2(1 + self.mentions) + 0.5 * self.documents
        if self.months:
            score += min(self.months, 120) / 24
        if self.last_used == "present":
            score += 1.0
        elif self.last_used:
            score += 1.0 / (1 + max(0, today.year - int(self.last_used[:4])))
        return score

    def to_json(self) -> dict:
        return {"asked": self.asked, "matched": self.matched, "documents": self.documents,
                "mentions": self.mentions, "months": self.months, "last_used": self.last_used}


@dataclass
class Person:
    iri: URIRef
    name: str
    skills: list[SkillMatch] = field(default_factory=list)
    score: float = 0.0

    def to_json(self) -> dict:
        return {"person": str(self.iri), "name": self.name, "score": round(self.score, 3),
                "skills": [s.to_json() for s in self.skills]}


def _usage(rows, today: dt.date) -> dict[URIRef, tuple[int | None, str | None]]:
    """Per person: months of use over dated positions, and when last used."""
    spans: dict[URIRef, list[tuple]] = {}
    for r in rows:
        start = str(r["start"]) if r["start"] is not None else None
        end = "present" if r["current"] is not None and r["current"].toPython() else (
            str(r["end"]) if r["end"] is not None else None)
        spans.setdefault(r["person"], []).append((start, end))
    out = {}
    for person, items in spans.items():
        months = [months_between(s, e, today) for s, e in items if s and e]
        ends = [e for _, e in items if e]
        last = "present" if "present" in ends else (max(ends) if ends else None)
        out[person] = (sum(m for m in months if m is not None) if months else None, last)
    return out


def resolve_skills(lookup: Lookup, names: list[str]) -> list[tuple[str, URIRef]]:
    """(asked name, concept) for every name; all unknown names are reported at once."""
    found, errors = [], []
    for name in names:
        try:
            found.append((name, lookup.skill(name)))
        except QueryError as exc:
            errors.append(str(exc))
    if errors:
        raise QueryError("; ".join(errors) if len(errors) > 1 else errors[0])
    return found


def who_knows(store: Store, names: list[str], any_: bool = False, exact: bool = False,
              today: dt.date | None = None) -> list[Person]:
    """People who know all (or any) of the skills, strongest evidence first."""
    today = today or dt.date.today()
    lookup = Lookup(store)
    asked = resolve_skills(lookup, names)
    people: dict[URIRef, Person] = {}
    for name, concept in asked:
        values = {"skill": str(concept)}
        rows = [r for r in run(store, "who_knows", values, lookup.resolve).rows if not exact or r["concept"] == concept]
        usage = _usage([r for r in run(store, "skill_usage", values, lookup.resolve).rows
                        if not exact or r["concept"] == concept], today)
        by_person: dict[URIRef, SkillMatch] = {}
        for r in rows:
            person = people.setdefault(r["person"], Person(r["person"], str(r["name"] or r["person"])))
            match = by_person.setdefault(r["person"], SkillMatch(asked=name))
            match.matched.append(str(r["label"] or r["concept"]))
            match.documents = max(match.documents, int(r["documents"]))
            match.mentions += int(r["mentions"])
        for iri, match in by_person.items():
            match.months, match.last_used = usage.get(iri, (None, None))
            people[iri].skills.append(match)
    wanted = 1 if any_ else len(asked)
    found = [p for p in people.values() if len({s.asked for s in p.skills}) >= wanted]
    for p in found:
        p.score = sum(s.strength(today) for s in p.skills)
    return sorted(found, key=lambda p: (-p.score, p.name))


def explain(store: Store, person: str, skill: str) -> list[dict]:
    """The quotes supporting "person knows skill" (or a narrower skill): document, offsets, position."""
    lookup = Lookup(store)
    values = {"person": str(lookup.resolve("person", person)), "skill": str(lookup.resolve("skill", skill))}
    rows = run(store, "evidence_for", values, lookup.resolve).rows
    return [{"document": str(r["path"]), "start": int(r["start"]), "end": int(r["end"]),
             "quote": str(r["quote"]), "concept": str(r["concept"])} for r in rows]


@dataclass
class Candidate:
    iri: URIRef
    name: str
    required: list[str] = field(default_factory=list)
    preferred: list[str] = field(default_factory=list)
    missing_required: list[str] = field(default_factory=list)
    missing_preferred: list[str] = field(default_factory=list)
    quotes: dict[str, list[dict]] = field(default_factory=dict)

    @property
    def coverage(self) -> float:
        total = len(self.required) + len(self.missing_required)
        return len(self.required) / total if total else 0.0

    def to_json(self) -> dict:
        return {"person": str(self.iri), "name": self.name, "required_coverage": round(self.coverage, 3),
                "required_matched": self.required, "preferred_matched": self.preferred,
                "missing_required": self.missing_required, "missing_preferred": self.missing_preferred,
                "evidence": self.quotes}


def match(store: Store, posting: str, limit: int = 10, quotes: int = 1) -> tuple[URIRef, list[Candidate]]:
    """Candidates for a posting: required coverage first, then preferred; each with matched, missing and quotes."""
    lookup = Lookup(store)
    job = lookup.posting(posting)
    ranked = run(store, "job_candidates", {"posting": str(job)}, lookup.resolve).rows[:limit]
    needs = _posting_needs(store, job)
    out = []
    for row in ranked:
        person = row["person"]
        candidate = Candidate(person, str(row["name"] or person))
        missing = run(store, "missing_skills", {"person": str(person), "posting": str(job)}, lookup.resolve).rows
        lacking = {r["skill"] for r in missing}
        for concept, (label, level) in needs.items():
            if concept in lacking:
                (candidate.missing_required if level == "required" else candidate.missing_preferred).append(label)
                continue
            (candidate.required if level == "required" else candidate.preferred).append(label)
            evidence = run(store, "evidence_for", {"person": str(person), "skill": str(concept)},
                           lookup.resolve).rows[:quotes]
            candidate.quotes[label] = [{"document": str(r["path"]), "start": int(r["start"]),
                                        "end": int(r["end"]), "quote": str(r["quote"])} for r in evidence]
        out.append(candidate)
    out.sort(key=lambda c: (-len(c.required), -len(c.preferred), c.name))
    return job, out


def _posting_needs(store: Store, job: URIRef) -> dict[URIRef, tuple[str, str]]:
    query = """PREFIX kg: <https://w3id.org/careerkg/ns#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?job ?skill ?label ?level WHERE {
          { GRAPH ?d { ?job kg:requiresSkill ?skill } BIND("required" AS ?level) }
          UNION { GRAPH ?d { ?job kg:prefersSkill ?skill } BIND("preferred" AS ?level) }
          OPTIONAL { GRAPH ?g { ?skill skos:prefLabel ?label } } } ORDER BY ?level ?label"""
    rows = store.query(query, {"job": job}).rows
    return {r["skill"]: (str(r["label"] or r["skill"]), str(r["level"])) for r in rows}


def profile(store: Store, name: str, today: dt.date | None = None) -> dict:
    """A person: positions in time order, education, skills with months of use and when last used."""
    today = today or dt.date.today()
    lookup = Lookup(store)
    person = lookup.resolve("person", name)
    values = {"person": str(person)}
    positions = [{"employer": _text(r["employerName"]), "title": _text(r["title"]), "team": _text(r["team"]),
                  "start": _text(r["start"]),
                  "end": "present" if r["current"] is not None and r["current"].toPython() else _text(r["end"]),
                  "location": _text(r["location"])}
                 for r in run(store, "career_path", values, lookup.resolve).rows]
    education = [{"institution": _text(r["name"]), "degree": _text(r["degree"]), "field": _text(r["field"]),
                  "end": _text(r["end"])} for r in store.query(_EDUCATION, {"person": person}).rows]
    skills = []
    for r in run(store, "skills_of_person", values, lookup.resolve).rows:
        usage = _usage(store.query(_PERSON_SKILL_USAGE, {"person": person, "concept": r["concept"]}).rows, today)
        months, last = usage.get(person, (None, None))
        skills.append({"skill": _text(r["label"]) or str(r["concept"]), "type": str(r["type"]),
                       "documents": int(r["documents"]), "mentions": int(r["mentions"]),
                       "months": months, "last_used": last})
    info = store.query(_PERSON, {"person": person}).rows
    return {"person": str(person), "name": _text(info[0]["name"]) if info else name,
            "emails": sorted({str(r["email"]) for r in info if r["email"] is not None}),
            "positions": positions, "education": education, "skills": skills}


def _text(term) -> str | None:
    return None if term is None else str(term)


_PERSON = """PREFIX schema: <https://schema.org/>
SELECT ?person ?name ?email WHERE { GRAPH ?d { ?person schema:name ?name . OPTIONAL { ?person schema:email ?email } } }"""
_EDUCATION = """PREFIX schema: <https://schema.org/> PREFIX kg: <https://w3id.org/careerkg/ns#>
SELECT DISTINCT ?person ?name ?degree ?field ?end WHERE { GRAPH ?d {
  ?person kg:education ?e . OPTIONAL { ?e kg:institution ?i . ?i schema:name ?name }
  OPTIONAL { ?e kg:degree ?degree } OPTIONAL { ?e kg:fieldOfStudy ?field } OPTIONAL { ?e schema:endDate ?end } } }
ORDER BY DESC(?end)"""
_PERSON_SKILL_USAGE = """PREFIX schema: <https://schema.org/> PREFIX kg: <https://w3id.org/careerkg/ns#>
SELECT DISTINCT ?person ?concept ?position ?start ?end ?current WHERE { GRAPH ?d {
  ?person kg:position ?position . ?position kg:usedSkill ?concept .
  OPTIONAL { ?position schema:startDate ?start } OPTIONAL { ?position schema:endDate ?end }
  OPTIONAL { ?position kg:current ?current } } }"""
