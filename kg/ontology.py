"""The kg: vocabulary, the standard namespaces we reuse, and deterministic IRI minting."""

import hashlib
import re
import unicodedata
from importlib import resources
from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/careerkg/"
SDO = Namespace("https://schema.org/")
SKILL = Namespace(BASE + "skill/")
ORG = Namespace(BASE + "org/")
GRAPH = Namespace(BASE + "graph/")
EXTRACTOR_VERSION = "5"  # recorded as kg:extractorVersion; 4: evidence as one node per quoted span, mentioning entities;
# 5: an employer named where the resume says whom the person worked for is not a skill of theirs

__all__ = ["BASE", "KG", "SDO", "SKILL", "ORG", "GRAPH", "PROV", "RDF", "RDFS", "SKOS", "XSD",
           "mint", "slug", "data_path"]


class KG(DefinedNamespace):
    """Terms of ontology/kg.ttl; a test keeps the two in step."""

    _NS = Namespace(BASE + "ns#")
    _fail = True

    Document: URIRef
    Evidence: URIRef
    Position: URIRef
    Education: URIRef
    Skill: URIRef
    Technology: URIRef
    ParseReport: URIRef
    path: URIRef
    sha256: URIRef
    kind: URIRef
    format: URIRef
    ingestedAt: URIRef
    extractorVersion: URIRef
    quote: URIRef
    startOffset: URIRef
    endOffset: URIRef
    inPosition: URIRef
    nameInferred: URIRef
    position: URIRef
    employer: URIRef
    team: URIRef
    current: URIRef
    workedAt: URIRef
    usedSkill: URIRef
    education: URIRef
    institution: URIRef
    degree: URIRef
    fieldOfStudy: URIRef
    requiresSkill: URIRef
    prefersSkill: URIRef
    titleInferred: URIRef
    candidate: URIRef
    caseSensitive: URIRef
    listOnly: URIRef
    listLabel: URIRef
    subsumedBy: URIRef
    generation: URIRef
    parseReport: URIRef
    sectionFound: URIRef
    positionsWithoutDates: URIRef
    positionsWithoutEmployer: URIRef
    unassignedShare: URIRef
    warning: URIRef


def slug(text: str) -> str:
    """A readable, IRI-safe key: ASCII, lowercase, hyphens.

    >>> slug("Stride.ai Inc.")
    'stride-ai-inc'
    >>> slug("C++"), slug("C#"), slug("Zürich")
    ('c-plus-plus', 'c-sharp', 'zurich')
    """
    text = text.replace("++", " plus plus ").replace("#", " sharp ")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def mint(kind: str, *parts: str) -> URIRef:
    """A deterministic IRI for an entity of `kind` identified by `parts`.

    Re-extracting the same file gives the same IRIs, so two stores built from the same files agree.
    The key is hashed: IRIs never carry names or e-mail addresses into exports.

    >>> mint("person", "ada@example.com")
    rdflib.term.URIRef('https://w3id.org/careerkg/person/...')
    """
    return URIRef(minted_text(kind, *parts))


def minted_text(kind: str, *parts: str) -> str:
    """`mint` as a plain string, for writers that never need an rdflib term (kg.rdf)."""
    key = "\x1f".join(parts).encode("utf-8")
    return f"{BASE}{kind}/{hashlib.sha1(key).hexdigest()[:20]}"


def data_path(package: str, name: str) -> Path:
    """A file shipped in kg.data, kg.data.ontology or kg.data.queries (works from a checkout and a wheel)."""
    return Path(str(resources.files(package).joinpath(name)))
