"""Questions users come for: who knows what, who fits a posting, why the graph says so, a person's profile.

Each answer combines named queries (queries/*.rq, values bound) and ranks in Python, so the same
questions can be asked of any SPARQL store.
"""

import datetime as dt
from dataclasses import dataclass, field

from rdflib import URIRef

from .dates import months_between
from .index import fresh_index, strength
from .lookup import Lookup
from .queries import QueryError, run
from .store import Store


@dataclass
class SkillMatch:
    """How one person relates to one asked skill (through the skill itself or narrower ones)."""

    asked: str
    matched: list[str] = field(default_factory=list)  # labels of the concepts found
    documents: int = 0
    positions: int = 0  # positions whose entries mention it
    months: int | None = None  # months of use summed over dated positions
    last_used: str | None = None  # "YYYY[-MM]" or "present"
    score: float = 0.0

    def to_json(self) -> dict:
        return {"asked": self.asked, "matched": self.matched, "documents": self.documents,
                "positions": self.positions, "months": self.months, "last_used": self.last_used}


@dataclass
class Person:
    iri: URIRef
    name: str
    skills: list[SkillMatch] = field(default_factory=list)
    score: float = 0.0

    def to_json(self) -> dict:
        return {"person": str(self.iri), "name": self.name, "score": round(self.score, 3),
                "skills": [s.to_json() for s in self.skills]}


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


def _sparql_rows(store: Store, lookup: Lookup, concept: URIRef, today: dt.date) -> list[tuple]:
    """(person, name, concept, label, documents, positions, months, last used) per (person, concept),
    by the named queries who_knows and skill_usage: the reference the index must agree with."""
    values = {"skill": str(concept)}
    usage: dict[tuple, dict] = {}
    for r in run(store, "skill_usage", values, lookup.resolve, use_index=False).rows:
        end = "present" if r["current"] is not None and r["current"].toPython() else (
            str(r["end"]) if r["end"] is not None else None)
        usage.setdefault((r["person"], r["concept"]), {})[r["position"]] = (
            str(r["start"]) if r["start"] is not None else None, end)
    out = []
    for r in run(store, "who_knows", values, lookup.resolve, use_index=False).rows:
        spans = usage.get((r["person"], r["concept"]), {}).values()
        months = [months_between(a, b, today) for a, b in spans if a and b]
        months = [m for m in months if m is not None]
        ends = ["9999" if b == "present" else b for _, b in spans if b]
        out.append((str(r["person"]), _text(r["name"]), str(r["concept"]), _text(r["label"]), int(r["documents"]),
                    len(spans), sum(months) if months else None, max(ends) if ends else None))
    return out


def who_knows(store: Store, names: list[str], any_: bool = False, exact: bool = False,
              today: dt.date | None = None, use_index: bool = True) -> list[Person]:
    """People who know all (or any) of the skills, strongest evidence first.

    Answered from the who-knows index when the store has a fresh one (kg.index), else by SPARQL;
    both give the same rows. A person's score sums the strength of each matching concept.
    """
    return top_knowers(store, names, None, any_, exact, today, use_index)[0]


def top_knowers(store: Store, names: list[str], limit: int | None, any_: bool = False, exact: bool = False,
                today: dt.date | None = None, use_index: bool = True) -> tuple[list[Person], int]:
    """The first `limit` people of `who_knows` (all when None) and how many there are in all.

    With a fresh index the names are looked up and the people ranked in it, and only the people
    shown are read in detail: tens of thousands of people know a popular skill in a big store.
    """
    today = today or dt.date.today()
    index = fresh_index(store) if use_index else None
    people: dict[str, Person] = {}
    shown, total = None, None
    try:
        lookup = Lookup(store, index)
        asked = resolve_skills(lookup, names)
        if index and limit:
            shown, total = index.ranked([(name, str(c)) for name, c in asked], 1 if any_ else len(asked),
                                        exact, today, limit)
        for name, concept in asked:
            rows = index.who_knows(str(concept), today, shown) if index else _sparql_rows(store, lookup, concept, today)
            by_person: dict[str, SkillMatch] = {}
            for person, pname, cid, label, documents, positions, months, last in rows:
                if exact and cid != str(concept):
                    continue
                entry = people.setdefault(person, Person(URIRef(person), pname or person))
                match = by_person.get(person)
                if match is None:
                    match = by_person[person] = SkillMatch(asked=name)
                    entry.skills.append(match)
                match.matched.append(label or cid)
                match.documents = max(match.documents, documents)
                match.positions += positions
                if months is not None:
                    match.months = (match.months or 0) + months
                if last and (match.last_used is None or last > match.last_used):
                    match.last_used = last
                match.score += strength(documents, positions, months, last, today)
        for entry in people.values():
            for match in entry.skills:
                match.matched.sort()
                if match.last_used == "9999":
                    match.last_used = "present"
    finally:
        if index:
            index.close()
    wanted = 1 if any_ else len(asked)
    found = [p for p in people.values() if len({s.asked for s in p.skills}) >= wanted]
    for p in found:
        p.score = sum(s.score for s in p.skills)
    found.sort(key=lambda p: (-round(p.score, 9), p.name, str(p.iri)))
    return found[:limit] if limit else found, total if total is not None else len(found)


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
    positions = []
    for r in run(store, "career_path", values, lookup.resolve).rows:
        entry = {"employer": _text(r["employerName"]), "title": _text(r["title"]), "team": _text(r["team"]),
                 "start": _text(r["start"]),
                 "end": "present" if r["current"] is not None and r["current"].toPython() else _text(r["end"]),
                 "location": _text(r["location"])}
        if entry not in positions:  # the same job in two resumes of one person is one job
            positions.append(entry)
    education = [{"institution": _text(r["name"]), "degree": _text(r["degree"]), "field": _text(r["field"]),
                  "end": _text(r["end"])} for r in store.query(_EDUCATION, {"person": person}).rows]
    spans: dict = {}
    for r in store.query(_PERSON_SKILL_USAGE, {"person": person}).rows:
        end = "present" if r["current"] is not None and r["current"].toPython() else _text(r["end"])
        spans.setdefault(r["concept"], {})[r["position"]] = (_text(r["start"]), end)
    skills = []
    for r in run(store, "skills_of_person", values, lookup.resolve).rows:
        used = spans.get(r["concept"], {}).values()
        months = [m for m in (months_between(a, b, today) for a, b in used if a and b) if m is not None]
        ends = [b for _, b in used if b]
        skills.append({"skill": _text(r["label"]) or str(r["concept"]), "type": str(r["type"]),
                       "documents": int(r["documents"]), "mentions": int(r["mentions"]),
                       "months": sum(months) if months else None,
                       "last_used": "present" if "present" in ends else max(ends, default=None)})
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
