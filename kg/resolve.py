"""Resolution: mentions → canonical entities with deterministic IRIs.

Organizations resolve through the gazetteer's aliases (AWS = Amazon Web Services; "eBay Inc" =
eBay) or, unknown, through their normal form; people through their e-mail address, so the same
person in two documents is one node; skills are taxonomy concepts already.
"""

from dataclasses import dataclass, field

from rdflib import URIRef

from .extract import Extraction
from .ontology import mint
from .organizations import Organization, resolve_org


@dataclass(frozen=True)
class Entity:
    iri: URIRef
    kind: str  # person | organization | job
    label: str


@dataclass
class Resolved:
    person: Entity | None = None
    job: Entity | None = None
    organizations: dict[str, Organization] = field(default_factory=dict)  # mentioned name → organization

    def org(self, name: str | None) -> Organization | None:
        return self.organizations.get(name) if name else None


def person_key(emails: list[str], name: str | None, document_path: str) -> tuple[str, ...]:
    """People are the same across documents when they share their (first, sorted) e-mail address.

    Without an e-mail a person is only known within its document: two "John Smith"s stay apart.
    """
    if emails:
        return ("email", sorted(e.lower() for e in emails)[0])
    return ("document", document_path, name or "")


def resolve(extraction: Extraction) -> Resolved:
    resolved = Resolved()
    document = extraction.document
    person = extraction.person
    if document.kind == "resume" and person is not None:
        key = person_key(person.emails, person.name, str(document.iri))
        resolved.person = Entity(mint("person", *key), "person", person.name or "(unnamed)")
    if extraction.job is not None:
        resolved.job = Entity(mint("job", str(document.iri)), "job",
                              extraction.job.title or "job posting")
    names = [p.employer for p in extraction.positions] + [e.institution for e in extraction.education]
    if extraction.job is not None:
        names.append(extraction.job.hiring_organization)
    for name in names:
        if name and name not in resolved.organizations:
            resolved.organizations[name] = resolve_org(name)
    return resolved
