"""RDF: an Extraction and its resolved entities as N-Quads, one named graph per document.

Every fact gets evidence: a node for the quoted span (text, offsets, the position it sits in) that
schema:mentions the entities the fact is about, so SPARQL can answer "why does the graph say so" by
joining a fact of a document's graph with the spans mentioning its object. One node per span, not
one reified statement per fact: evidence was three quarters of a build's quads, and statements
reified with rdf:subject/predicate/object took 6-7 quads each (the same 10,000 documents: 4.6M
quads, 2.7M so; a 10k build took 27% less CPU). A node states neither its class nor its
document: kg:quote's domain is kg:Evidence and the named graph it sits in is the document. IRIs are
minted from the document and the span, never blank nodes: re-ingesting a file yields the same graph.

Terms are written straight as N-Quads text (building rdflib terms cost as much as extraction):
the store's loader parses it natively; `to_quads` gives rdflib terms where Python needs them.
"""

import datetime as dt
from functools import lru_cache

from rdflib import URIRef

from .extract import EXTRACTOR_VERSION, Extraction
from .extract.layout import Evidence
from .ontology import KG, RDF, SDO, SKOS, XSD, minted_text
from .organizations import Organization, organization
from .resolve import Resolved
from .taxonomy import Concept, concept_iri
from .terms import Quad

# Quotes kept in the graph per fact and position: one explains it; more cost load time at scale (a
# quote is a node of four or five quads, each further fact it supports one more). `kg extract` still
# shows up to five per skill.
EVIDENCE_PER_POSITION = 1


def iri(value) -> str:
    """An IRI term; our IRIs are minted or validated, so they need no escaping."""
    return f"<{value}>"


def minted(kind: str, *parts: str) -> str:
    """The IRI term of `kg.ontology.mint(kind, *parts)`, without building an rdflib term (a graph mints
    about fifty per document).

    >>> from kg.ontology import mint
    >>> minted("person", "ada@example.com") == iri(mint("person", "ada@example.com"))
    True
    """
    return f"<{minted_text(kind, *parts)}>"


# rdflib namespace lookups are slow: the datatypes looked up once
_INTEGER, _BOOLEAN = f"^^<{XSD.integer}>", f"^^<{XSD.boolean}>"
_YEAR_MONTH, _YEAR, _DATE_TIME = XSD.gYearMonth, XSD.gYear, XSD.dateTime


def lit(value, datatype=None, lang: str | None = None) -> str:
    """A literal term in N-Triples syntax (escaped), plain, typed or language-tagged.

    >>> lit('say "hi"\\n'), lit(3), lit(True), lit("PyTorch", lang="en")
    ('"say \\\\"hi\\\\"\\\\n"', '"3"^^<http://www.w3.org/2001/XMLSchema#integer>', '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>', '"PyTorch"@en')
    """
    if isinstance(value, bool):
        return f'"{"true" if value else "false"}"{_BOOLEAN}'
    if isinstance(value, int):
        return f'"{value}"{_INTEGER}'
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{text}"@{lang}'
    return f'"{text}"^^<{datatype}>' if datatype else f'"{text}"'


def date_lit(value: str) -> str:
    """ "2021-06" as xsd:gYearMonth, "2021" as xsd:gYear."""
    return lit(value, _YEAR_MONTH if len(value) == 7 else _YEAR)


# predicates and classes, serialized once
A = iri(RDF.type)
P = {name: iri(term) for name, term in {
    "path": KG.path, "sha256": KG.sha256, "kind": KG.kind, "format": KG.format, "version": KG.extractorVersion,
    "ingested": KG.ingestedAt, "about": SDO.about, "name": SDO.name, "nameInferred": KG.nameInferred,
    "email": SDO.email, "telephone": SDO.telephone, "url": SDO.url, "home": SDO.homeLocation,
    "position": KG.position, "employer": KG.employer, "workedAt": KG.workedAt, "worksFor": SDO.worksFor,
    "roleName": SDO.roleName, "team": KG.team, "start": SDO.startDate, "end": SDO.endDate, "current": KG.current,
    "location": SDO.location, "education": KG.education, "institution": KG.institution, "alumniOf": SDO.alumniOf,
    "degree": KG.degree, "field": KG.fieldOfStudy, "title": SDO.title, "titleInferred": KG.titleInferred,
    "hiring": SDO.hiringOrganization, "requires": KG.requiresSkill, "prefers": KG.prefersSkill,
    "skills": SDO.skills, "knows": SDO.knowsAbout, "usedSkill": KG.usedSkill, "prefLabel": SKOS.prefLabel,
    "candidate": KG.candidate, "subsumedBy": KG.subsumedBy, "parent": SDO.parentOrganization,
    "mentions": SDO.mentions, "quote": KG.quote,
    "startOffset": KG.startOffset, "endOffset": KG.endOffset,
    "inPosition": KG.inPosition, "report": KG.parseReport, "section": KG.sectionFound,
    "noDates": KG.positionsWithoutDates, "noEmployer": KG.positionsWithoutEmployer, "warning": KG.warning,
}.items()}
C = {name: iri(term) for name, term in {
    "Document": KG.Document, "Person": SDO.Person, "Position": KG.Position, "Education": KG.Education,
    "Organization": SDO.Organization, "College": SDO.CollegeOrUniversity, "JobPosting": SDO.JobPosting,
    "Concept": SKOS.Concept, "Skill": KG.Skill, "Technology": KG.Technology,
    "ParseReport": KG.ParseReport}.items()}
TRUE = lit(True)


class _Graph:
    """Collects the N-Quads lines of one document graph, each statement once (a dict keeps the
    lines in order and drops repeats in one step), each with its predicate term (the index's rows
    are read from a fifth of them: kg.index.nquads_rows)."""

    def __init__(self, graph: URIRef):
        self.name = str(graph)
        self.graph = iri(graph)
        self.lines: dict[str, str] = {}
        self._tail = f" {self.graph} .\n"
        self._nodes: dict[tuple, str] = {}  # (evidence, position) → its node, written once

    def add(self, s: str, p: str, o: str) -> None:
        self.lines[f"{s} {p} {o}{self._tail}"] = p

    def evidence(self, entity: str, ev: Evidence | None, position: str | None = None) -> None:
        """The quote supporting a fact about `entity` (a fact's object, or its subject when the object
        is a literal: a name, a title): a node for the span, and its position, that mentions it."""
        if ev is None:
            return
        lines, tail = self.lines, self._tail
        node = self._nodes.get((ev, position))
        if node is not None:  # a span quoted for several facts (a sentence naming three skills)
            lines[f"{node} {_MENTIONS} {entity}{tail}"] = _MENTIONS
            return
        node = self._nodes[ev, position] = minted("evidence", self.name, str(ev.start), str(ev.end), position or "")
        lines[f"{node} {_MENTIONS} {entity}{tail}"] = _MENTIONS
        lines[f"{node} {_QUOTE} {lit(ev.quote)}{tail}"] = _QUOTE
        lines[f'{node} {_START} "{ev.start}"{_INTEGER}{tail}'] = _START
        lines[f'{node} {_END} "{ev.end}"{_INTEGER}{tail}'] = _END
        if position is not None:
            lines[f"{node} {_IN_POSITION} {position}{tail}"] = _IN_POSITION


_MENTIONS, _QUOTE = P["mentions"], P["quote"]
_START, _END, _IN_POSITION = P["startOffset"], P["endOffset"], P["inPosition"]


def _term(entity: Concept | Organization) -> str:
    """A concept's or an organization's IRI term: the same few hundred recur in every document."""
    return _concept_term(entity.id) if isinstance(entity, Concept) else _organization_term(entity)


@lru_cache(maxsize=4096)
def _concept_term(concept_id: str) -> str:
    """Cached by id, which makes the IRI: hashing the frozen Concept (all its labels) costs more than
    the IRI itself, and a document names twenty concepts."""
    return iri(concept_iri(concept_id))


@lru_cache(maxsize=4096)
def _organization_term(org: Organization) -> str:
    return iri(org.iri)


def _organization(g: _Graph, org: Organization) -> str:
    """The organization and its parents up the chain (DeepMind → Google → Alphabet); its IRI term."""
    first, seen = _term(org), set()
    while org is not None and org.key not in seen:
        seen.add(org.key)
        node = _term(org)
        g.add(node, A, C["Organization"])
        if org.educational:
            g.add(node, A, C["College"])
        g.add(node, P["name"], lit(org.name))
        parent = organization(org.parent) if org.parent else None
        if parent is not None:
            g.add(node, P["parent"], _term(parent))
        org = parent
    return first


def to_nquads(extraction: Extraction, resolved: Resolved, ingested_at: dt.datetime | None = None,
              version: str = EXTRACTOR_VERSION) -> str:
    """The document's graph as N-Quads text; `version` names the extractor and taxonomy that made it."""
    return "".join(nquads_lines(extraction, resolved, ingested_at, version))


def nquads_lines(extraction: Extraction, resolved: Resolved, ingested_at: dt.datetime | None = None,
                 version: str = EXTRACTOR_VERSION) -> dict[str, str]:
    """The lines of to_nquads, in order, each with its predicate term."""
    document = extraction.document
    g = _Graph(document.iri)
    doc = g.graph
    moment = (ingested_at or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0)
    g.add(doc, A, C["Document"])
    g.add(doc, P["path"], lit(document.path))
    g.add(doc, P["sha256"], lit(document.sha256))
    g.add(doc, P["kind"], lit(document.kind))
    g.add(doc, P["format"], lit(document.format))
    g.add(doc, P["version"], lit(version))
    g.add(doc, P["ingested"], lit(moment.isoformat(), _DATE_TIME))

    subject = None
    if resolved.person is not None and extraction.person is not None:
        person, mention = iri(resolved.person.iri), extraction.person
        subject = person
        g.add(doc, P["about"], person)
        g.add(person, A, C["Person"])
        if mention.name:
            g.add(person, P["name"], lit(mention.name))
            g.evidence(person, mention.evidence)
        if mention.name_inferred:
            g.add(person, P["nameInferred"], TRUE)
        for email in mention.emails:
            g.add(person, P["email"], lit(email))
        for phone in mention.phones:
            g.add(person, P["telephone"], lit(phone))
        for url in mention.urls:
            g.add(person, P["url"], lit(url))
        if mention.location:
            g.add(person, P["home"], lit(mention.location))

    positions: list[str] = []
    for i, p in enumerate(extraction.positions):
        pos = minted("position", g.name, str(i))
        positions.append(pos)
        g.add(pos, A, C["Position"])
        if subject is not None:
            g.add(subject, P["position"], pos)
        org = resolved.org(p.employer)
        if org is not None:
            employer = _organization(g, org)
            g.add(pos, P["employer"], employer)
            if subject is not None:
                g.add(subject, P["workedAt"], employer)
                g.evidence(employer, p.evidence, pos)
                if p.end == "present":
                    g.add(subject, P["worksFor"], employer)
        if p.title:
            g.add(pos, P["roleName"], lit(p.title))
        if p.team:
            g.add(pos, P["team"], lit(p.team))
        if p.start:
            g.add(pos, P["start"], date_lit(p.start))
        if p.end == "present":
            g.add(pos, P["current"], TRUE)
        elif p.end:
            g.add(pos, P["end"], date_lit(p.end))
        if p.location:
            g.add(pos, P["location"], lit(p.location))
        g.evidence(pos, p.evidence, pos)

    for i, e in enumerate(extraction.education):
        edu = minted("education", g.name, str(i))
        g.add(edu, A, C["Education"])
        if subject is not None:
            g.add(subject, P["education"], edu)
        org = resolved.org(e.institution)
        if org is not None:
            school = _organization(g, org)
            g.add(edu, P["institution"], school)
            if subject is not None:
                g.add(subject, P["alumniOf"], school)
                g.evidence(school, e.evidence)
        if e.degree:
            g.add(edu, P["degree"], lit(e.degree))
        if e.field:
            g.add(edu, P["field"], lit(e.field))
        if e.end:
            g.add(edu, P["end"], date_lit(e.end))
        g.evidence(edu, e.evidence)

    job = iri(resolved.job.iri) if resolved.job is not None else None
    if job is not None and extraction.job is not None:
        subject = subject or job
        g.add(doc, P["about"], job)
        g.add(job, A, C["JobPosting"])
        if extraction.job.title:
            g.add(job, P["title"], lit(extraction.job.title))
            g.evidence(job, extraction.job.evidence)
        if extraction.job.title_inferred:
            g.add(job, P["titleInferred"], TRUE)
        org = resolved.org(extraction.job.hiring_organization)
        if org is not None:
            g.add(job, P["hiring"], _organization(g, org))

    _skills(g, extraction, subject, job, positions)
    _parse_report(g, extraction)
    return g.lines


def _skills(g: _Graph, extraction: Extraction, person: str | None, job: str | None, positions: list[str]) -> None:
    required = set(extraction.job.required) if extraction.job else set()
    preferred = set(extraction.job.preferred) if extraction.job else set()
    by_line = extraction.positions_by_line()
    for cid, mentions in extraction.concepts().items():
        concept = mentions[0].concept
        node = _term(concept)
        if concept.candidate:
            g.add(node, A, C["Concept"])
            g.add(node, A, C["Technology"] if concept.type == "technology" else C["Skill"])
            g.add(node, P["prefLabel"], lit(concept.label, lang="en"))
            g.add(node, P["candidate"], TRUE)
            g.add(node, P["subsumedBy"], node)  # outside the taxonomy closure: a candidate subsumes only itself
        if job is not None:
            predicate = P["requires"] if cid in required else P["prefers"] if cid in preferred else None
            if predicate is None:
                continue
            g.add(job, predicate, node)
            g.add(job, P["skills"], node)
        elif person is not None:
            g.add(person, P["knows"], node)
        else:
            continue
        kept: dict[int | None, int] = {}
        for m in mentions:
            index = by_line.get(m.line)
            position = positions[index] if index is not None else None
            if position is not None:
                g.add(position, P["usedSkill"], node)
            if kept.get(index, 0) < EVIDENCE_PER_POSITION:
                kept[index] = kept.get(index, 0) + 1
                g.evidence(node, m.evidence, position)


def _parse_report(g: _Graph, extraction: Extraction) -> None:
    report = minted("report", g.name)
    g.add(g.graph, P["report"], report)
    g.add(report, A, C["ParseReport"])
    for section in extraction.sections:
        g.add(report, P["section"], lit(section))
    if extraction.document.kind == "resume":
        g.add(report, P["noDates"], lit(sum(1 for p in extraction.positions if not p.start)))
        g.add(report, P["noEmployer"], lit(sum(1 for p in extraction.positions if not p.employer)))
    for warning in parse_warnings(extraction):
        g.add(report, P["warning"], lit(warning))


def parse_warnings(extraction: Extraction) -> list[str]:
    """What a user should know about a poorly parsed document."""
    warnings = []
    if not extraction.sections:
        warnings.append("no section headings recognised")
    if extraction.document.kind == "resume":
        if not extraction.positions:
            warnings.append("no positions found")
        if extraction.person is None or not extraction.person.name:
            warnings.append("no name found")
        elif extraction.person.name_inferred:
            warnings.append("name inferred from e-mail or profile handles")
    if not extraction.skills:
        warnings.append("no skills found")
    return warnings


def to_quads(extraction: Extraction, resolved: Resolved, ingested_at: dt.datetime | None = None) -> list[Quad]:
    """The same graph as rdflib-term quads, for Python-side use (tests, the rdflib store)."""
    from .terms import parse_nquads
    return parse_nquads(to_nquads(extraction, resolved, ingested_at))
