"""RDF: an Extraction and its resolved entities as quads, one named graph per document.

Every fact gets kg:Evidence (quote, offsets, document) reified with rdf:subject/predicate/object,
so SPARQL can answer "why does the graph say so". IRIs are minted from the document and the
fact, never blank nodes: re-ingesting a file yields the same graph.
"""

import datetime as dt
from collections.abc import Iterable

from rdflib import BNode, Literal, URIRef

from .extract import EXTRACTOR_VERSION, MAX_EVIDENCE, Extraction
from .extract.layout import Evidence
from .ontology import KG, PROV, RDF, SDO, SKOS, XSD, mint
from .organizations import Organization, organization
from .resolve import Resolved

Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]


def date_literal(value: str) -> Literal:
    """ "2021-06" as xsd:gYearMonth, "2021" as xsd:gYear."""
    return Literal(value, datatype=XSD.gYearMonth if len(value) == 7 else XSD.gYear)


class _Graph:
    """Collects the quads of one document graph."""

    def __init__(self, graph: URIRef):
        self.graph = graph
        self.quads: list[Quad] = []
        self._seen: set = set()

    def add(self, s, p, o) -> None:
        if o is None:
            return
        if not isinstance(o, (URIRef, Literal)):
            o = Literal(o)
        if (s, p, o) not in self._seen:
            self._seen.add((s, p, o))
            self.quads.append((s, p, o, self.graph))

    def evidence(self, s, p, o, ev: Evidence | None, position: URIRef | None = None) -> None:
        if ev is None:
            return
        node = mint("evidence", str(self.graph), str(ev.start), str(ev.end), str(p), str(o))
        self.add(node, RDF.type, KG.Evidence)
        self.add(node, RDF.subject, s)
        self.add(node, RDF.predicate, p)
        self.add(node, RDF.object, o if isinstance(o, (URIRef, Literal)) else Literal(o))
        self.add(node, KG.quote, Literal(ev.quote))
        self.add(node, KG.startOffset, Literal(ev.start))
        self.add(node, KG.endOffset, Literal(ev.end))
        self.add(node, PROV.wasDerivedFrom, self.graph)
        if position is not None:
            self.add(node, KG.inPosition, position)


def _organization(g: _Graph, org: Organization) -> None:
    """The organization and its parents up the chain: DeepMind → Google → Alphabet."""
    seen = set()
    while org is not None and org.key not in seen:
        seen.add(org.key)
        g.add(org.iri, RDF.type, SDO.Organization)
        if org.educational:
            g.add(org.iri, RDF.type, SDO.CollegeOrUniversity)
        g.add(org.iri, SDO.name, Literal(org.name))
        parent = organization(org.parent) if org.parent else None
        if parent is not None:
            g.add(org.iri, SDO.parentOrganization, parent.iri)
        org = parent


def to_quads(extraction: Extraction, resolved: Resolved, ingested_at: dt.datetime | None = None) -> list[Quad]:
    document = extraction.document
    doc = document.iri
    g = _Graph(doc)
    g.add(doc, RDF.type, KG.Document)
    g.add(doc, KG.path, Literal(document.path))
    g.add(doc, KG.sha256, Literal(document.sha256))
    g.add(doc, KG.kind, Literal(document.kind))
    g.add(doc, KG.format, Literal(document.format))
    g.add(doc, KG.extractorVersion, Literal(EXTRACTOR_VERSION))
    g.add(doc, KG.ingestedAt, Literal((ingested_at or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0)))

    subject = None
    if resolved.person is not None and extraction.person is not None:
        person, mention = resolved.person.iri, extraction.person
        subject = person
        g.add(doc, SDO.about, person)
        g.add(person, RDF.type, SDO.Person)
        if mention.name:
            g.add(person, SDO.name, Literal(mention.name))
            g.evidence(person, SDO.name, Literal(mention.name), mention.evidence)
        if mention.name_inferred:
            g.add(person, KG.nameInferred, Literal(True))
        for email in mention.emails:
            g.add(person, SDO.email, Literal(email))
        for phone in mention.phones:
            g.add(person, SDO.telephone, Literal(phone))
        for url in mention.urls:
            g.add(person, SDO.url, Literal(url))
        if mention.location:
            g.add(person, SDO.homeLocation, Literal(mention.location))

    positions: list[URIRef] = []
    for i, p in enumerate(extraction.positions):
        pos = mint("position", str(doc), str(i))
        positions.append(pos)
        g.add(pos, RDF.type, KG.Position)
        if subject is not None:
            g.add(subject, KG.position, pos)
        org = resolved.org(p.employer)
        if org is not None:
            _organization(g, org)
            g.add(pos, KG.employer, org.iri)
            if subject is not None:
                g.add(subject, KG.workedAt, org.iri)
                g.evidence(subject, KG.workedAt, org.iri, p.evidence, pos)
                if p.end == "present":
                    g.add(subject, SDO.worksFor, org.iri)
        if p.title:
            g.add(pos, SDO.roleName, Literal(p.title))
        if p.team:
            g.add(pos, KG.team, Literal(p.team))
        if p.start:
            g.add(pos, SDO.startDate, date_literal(p.start))
        if p.end == "present":
            g.add(pos, KG.current, Literal(True))
        elif p.end:
            g.add(pos, SDO.endDate, date_literal(p.end))
        if p.location:
            g.add(pos, SDO.location, Literal(p.location))
        g.evidence(subject or pos, KG.position, pos, p.evidence, pos)

    for i, e in enumerate(extraction.education):
        edu = mint("education", str(doc), str(i))
        g.add(edu, RDF.type, KG.Education)
        if subject is not None:
            g.add(subject, KG.education, edu)
        org = resolved.org(e.institution)
        if org is not None:
            _organization(g, org)
            g.add(edu, KG.institution, org.iri)
            if subject is not None:
                g.add(subject, SDO.alumniOf, org.iri)
                g.evidence(subject, SDO.alumniOf, org.iri, e.evidence)
        if e.degree:
            g.add(edu, KG.degree, Literal(e.degree))
        if e.field:
            g.add(edu, KG.fieldOfStudy, Literal(e.field))
        if e.end:
            g.add(edu, SDO.endDate, date_literal(e.end))
        g.evidence(subject or edu, KG.education, edu, e.evidence)

    job = resolved.job.iri if resolved.job is not None else None
    if job is not None and extraction.job is not None:
        subject = subject or job
        g.add(doc, SDO.about, job)
        g.add(job, RDF.type, SDO.JobPosting)
        if extraction.job.title:
            g.add(job, SDO.title, Literal(extraction.job.title))
            g.evidence(job, SDO.title, Literal(extraction.job.title), extraction.job.evidence)
        if extraction.job.title_inferred:
            g.add(job, KG.titleInferred, Literal(True))
        org = resolved.org(extraction.job.hiring_organization)
        if org is not None:
            _organization(g, org)
            g.add(job, SDO.hiringOrganization, org.iri)

    _skills(g, extraction, subject, job, positions)
    _parse_report(g, extraction)
    return g.quads


def _skills(g: _Graph, extraction: Extraction, person, job, positions: list[URIRef]) -> None:
    required = set(extraction.job.required) if extraction.job else set()
    preferred = set(extraction.job.preferred) if extraction.job else set()
    for cid, mentions in extraction.concepts().items():
        concept = mentions[0].concept
        iri = concept.iri
        if concept.candidate:
            g.add(iri, RDF.type, SKOS.Concept)
            g.add(iri, RDF.type, KG.Technology if concept.type == "technology" else KG.Skill)
            g.add(iri, SKOS.prefLabel, Literal(concept.label, lang="en"))
            g.add(iri, KG.candidate, Literal(True))
            g.add(iri, KG.subsumedBy, iri)  # outside the taxonomy closure: a candidate subsumes only itself
        if job is not None:
            predicate = KG.requiresSkill if cid in required else KG.prefersSkill if cid in preferred else None
            if predicate is None:
                continue
            g.add(job, predicate, iri)
            g.add(job, SDO.skills, iri)
            subject = job
        elif person is not None:
            predicate, subject = SDO.knowsAbout, person
            g.add(person, SDO.knowsAbout, iri)
        else:
            continue
        kept: dict[int | None, int] = {}
        for m in mentions:
            index = extraction.position_of(m)
            position = positions[index] if index is not None else None
            if position is not None:
                g.add(position, KG.usedSkill, iri)
            if kept.get(index, 0) < MAX_EVIDENCE:
                kept[index] = kept.get(index, 0) + 1
                g.evidence(subject, predicate, iri, m.evidence, position)


def _parse_report(g: _Graph, extraction: Extraction) -> None:
    report = mint("report", str(g.graph))
    g.add(g.graph, KG.parseReport, report)
    g.add(report, RDF.type, KG.ParseReport)
    for section in extraction.sections:
        g.add(report, KG.sectionFound, Literal(section))
    if extraction.document.kind == "resume":
        g.add(report, KG.positionsWithoutDates, Literal(sum(1 for p in extraction.positions if not p.start)))
        g.add(report, KG.positionsWithoutEmployer, Literal(sum(1 for p in extraction.positions if not p.employer)))
    for warning in parse_warnings(extraction):
        g.add(report, KG.warning, Literal(warning))


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


def _term(term) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    value = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if term.language:
        return f'"{value}"@{term.language}'
    if term.datatype and term.datatype != XSD.string:
        return f'"{value}"^^<{term.datatype}>'
    return f'"{value}"'


def to_nquads(quads: Iterable[Quad]) -> str:
    """N-Quads text, the form workers hand to the store's loader.

    >>> from rdflib import URIRef, Literal
    >>> to_nquads([(URIRef("http://a/s"), URIRef("http://a/p"), Literal('say "hi"\\n'), URIRef("http://a/g"))])
    '<http://a/s> <http://a/p> "say \\\\"hi\\\\"\\\\n" <http://a/g> .\\n'
    """
    return "".join(f"{_term(s)} {_term(p)} {_term(o)} {_term(g)} .\n" for s, p, o, g in quads)
