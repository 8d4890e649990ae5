"""Extraction: spaCy components on spacy.blank("en") that turn a Document into mentions.

Each component adds one layer to the Doc (layout, contacts, person, positions, education, skills,
job) as a Doc extension; `extract` gathers them into an `Extraction`, the contract `kg extract`
prints and the RDF stage consumes. No trained model: rules, matchers, layout and our taxonomy.
A structured file (JSON Resume) states its person, positions and education: those are taken as
stated (`structured`), and only the rest is read from the text written from it.
"""

from dataclasses import dataclass, field
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..documents import Document
from ..ontology import EXTRACTOR_VERSION  # noqa: F401 (defined there: a build with nothing to extract never imports spaCy)
from ..taxonomy import Taxonomy, load_taxonomy
from .contacts import find_contacts
from .education import EducationMention, find_education
from .jobs import JobMention, find_job
from .layout import analyse
from .people import PersonMention, find_person
from .positions import PositionMention, find_positions
from .skills import SkillMatcher, SkillMention, find_skills, without_colleagues, without_employers
from .structured import stated_education, stated_person, stated_positions
from .tokens import ChunkCache, use_faster_affixes

MAX_EVIDENCE = 5  # quotes kept per skill and document: enough to explain, bounded for hostile files

for _name in ("kind", "layout", "contacts", "person", "positions", "education", "skills", "job"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory("kg_chunks")
def make_chunks(nlp: Language, name: str) -> ChunkCache:
    return ChunkCache(nlp.tokenizer)


@Language.component("kg_layout")
def layout_component(doc: Doc) -> Doc:
    # Doc.text rebuilds the string from its tokens on every access: take the source text once
    doc._.layout = analyse(doc.user_data.get("text") or doc.text, doc._.kind or "resume")
    return doc


@Language.component("kg_contacts")
def contacts_component(doc: Doc) -> Doc:
    text = doc._.layout.text
    header_end = next((ln.start for ln in doc._.layout.lines if ln.section != "header"), len(text))
    doc._.contacts = find_contacts(text, url_zone=min(max(header_end, 400), 2000))
    return doc


@Language.component("kg_person")
def person_component(doc: Doc) -> Doc:
    layout, entries = doc._.layout, doc.user_data.get("entries")
    if layout.kind == "resume":
        doc._.person = find_person(layout, doc._.contacts) if entries is None else stated_person(entries, layout)
    return doc


def _resume_entries(doc: Doc, read, stated) -> list:
    """A resume's entries read from its layout by rules, or as its structured file states them."""
    layout, entries = doc._.layout, doc.user_data.get("entries")
    if layout.kind != "resume":
        return []
    return read(layout) if entries is None else stated(entries, layout)


@Language.component("kg_positions")
def positions_component(doc: Doc) -> Doc:
    doc._.positions = _resume_entries(doc, find_positions, stated_positions)
    return doc


@Language.component("kg_education")
def education_component(doc: Doc) -> Doc:
    doc._.education = _resume_entries(doc, find_education, stated_education)
    return doc


class SkillsComponent:
    """Taxonomy matching as a pipeline component; `add_taxonomy` builds its patterns."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.matcher: SkillMatcher | None = None

    def add_taxonomy(self, taxonomy: Taxonomy) -> None:
        self.matcher = SkillMatcher(self.nlp, taxonomy)

    def __call__(self, doc: Doc) -> Doc:
        if self.matcher is None:
            raise ValueError("kg_skills has no taxonomy: call add_taxonomy() first")
        employers = [p.employer for p in doc._.positions or ()]
        found = without_employers(find_skills(doc, doc._.layout, self.matcher), doc._.layout, employers)
        doc._.skills = without_colleagues(found, doc._.layout)
        return doc


@Language.factory("kg_skills")
def make_skills(nlp: Language, name: str) -> SkillsComponent:
    return SkillsComponent(nlp)


@Language.component("kg_job")
def job_component(doc: Doc) -> Doc:
    if doc._.layout.kind == "job_posting":
        doc._.job = find_job(doc._.layout, doc._.skills)
    return doc


PIPELINE = ("kg_chunks", "kg_layout", "kg_contacts", "kg_person", "kg_positions", "kg_education", "kg_skills", "kg_job")


def build_nlp(taxonomy: Taxonomy) -> Language:
    """A blank English pipeline with our components; nothing is downloaded."""
    nlp = spacy.blank("en")
    use_faster_affixes(nlp)
    for name in PIPELINE:
        component = nlp.add_pipe(name)
        if name == "kg_skills":
            component.add_taxonomy(taxonomy)
    return nlp


@lru_cache(maxsize=1)
def default_nlp() -> Language:
    """The pipeline over the built-in taxonomy, built once per process (it takes a second or two)."""
    return build_nlp(load_taxonomy())


@dataclass
class Extraction:
    """What one document says: the extraction contract, with evidence for every fact."""

    document: Document
    person: PersonMention | None = None
    positions: list[PositionMention] = field(default_factory=list)
    education: list[EducationMention] = field(default_factory=list)
    skills: list[SkillMention] = field(default_factory=list)
    job: JobMention | None = None
    sections: list[str] = field(default_factory=list)

    def concepts(self) -> dict[str, list[SkillMention]]:
        """Mentions grouped by concept, in order of first appearance."""
        grouped: dict[str, list[SkillMention]] = {}
        for mention in self.skills:
            grouped.setdefault(mention.concept.id, []).append(mention)
        return grouped

    def position_of(self, mention: SkillMention) -> int | None:
        """Index of the position whose entry holds the mention, if any."""
        return self.positions_by_line().get(mention.line)

    def positions_by_line(self) -> dict[int, int]:
        """Line → index of the first position whose entry holds it: position_of for all of a document's
        mentions at once (RDF and the index ask for each of sixty mentions)."""
        held: dict[int, int] = {}
        for i, position in enumerate(self.positions):
            for line in range(position.lines[0], position.lines[1] + 1):
                held.setdefault(line, i)
        return held

    def to_json(self) -> dict:
        skills = []
        for cid, mentions in self.concepts().items():
            concept = mentions[0].concept
            quotes, seen = [], set()
            for m in mentions:
                if m.evidence.quote not in seen and len(quotes) < MAX_EVIDENCE:
                    seen.add(m.evidence.quote)
                    quotes.append(m.evidence.to_json())
            skills.append({"id": cid, "label": concept.label, "type": concept.type,
                           "candidate": concept.candidate, "evidence": quotes})
        job = None
        if self.job is not None:
            labels = {m.concept.id: m.concept.label for m in self.skills}
            job = {"hiring_organization": self.job.hiring_organization, "title": self.job.title,
                   "required": [{"id": c, "label": labels[c]} for c in self.job.required],
                   "preferred": [{"id": c, "label": labels[c]} for c in self.job.preferred]}
        return {"source": self.document.path, "kind": self.document.kind,
                "person": self.person.to_json() if self.person else None,
                "positions": [p.to_json() for p in self.positions],
                "education": [e.to_json() for e in self.education],
                "skills": skills, "job": job}


def extract(document: Document, nlp: Language) -> Extraction:
    doc = nlp.make_doc(document.text)
    doc._.kind = document.kind
    doc.user_data["text"] = document.text
    doc.user_data["entries"] = document.entries  # None unless the file is structured (JSON Resume)
    found = nlp(doc)._
    return Extraction(document=document, person=found.person, positions=found.positions,
                      education=found.education, skills=found.skills, job=found.job,
                      sections=found.layout.sections)
