"""Organizations: the gazetteer of known employers and schools, and what an organization name looks like."""

import re
from dataclasses import dataclass
from functools import lru_cache

from .ontology import ORG, RDF, SDO, data_path, slug
from .terms import read_turtle

_LEGAL = (r"(?:,?\s+(?:inc|incorporated|llc|l\.l\.c|ltd|limited|pvt|private|corp|corporation|co|company|gmbh|ag|"
          r"s\.?a|plc|llp|lp|b\.?v|sas|srl|kk|pty|ab|oy|as|spa|s\.p\.a)\.?)+$")
_LEGAL_RE = re.compile(_LEGAL, re.I)
_ORG_WORDS = re.compile(
    r"\b(?:inc|llc|ltd|corp|corporation|company|gmbh|plc|llp|pvt|limited|technologies|labs?|laboratory|"
    r"laboratories|systems|solutions|group|holdings|partners|ventures|capital|bank|university|institute|college|"
    r"school|academy|polytechnic|foundation|society|association|agency|studios?|networks|software|consulting|"
    r"consultancy|hospital|council|ministry|club|media|games|robotics|research|universit[äy]t?|universitaet|"
    r"universit[eé]|universidad|politecnico)\b\.?", re.I)
_EDU_WORDS = re.compile(r"\b(?:university|universit[äy]t|universitaet|universit[eé]|universidad|universidade|"
                        r"institute|college|school|academy|polytechnic|politecnico|iit|iiit|nit|eth|epfl|conservatory|"
                        r"coursera|udacity|edx|deeplearning\.ai)\b", re.I)
_DOMAIN_NAME = re.compile(r"^[A-Z][\w-]*\.(?:ai|io|com|co|net|org|app|dev)\b\.?(?:\s+inc\.?)?$", re.I)


@dataclass(frozen=True)
class Organization:
    key: str  # slug of the canonical name, or the gazetteer's id
    name: str
    educational: bool = False
    parent: str | None = None

    @property
    def iri(self):
        return ORG[self.key]


@lru_cache(maxsize=16384)
def normalize_org(name: str) -> str:
    """The comparable form of an organization name: no legal suffix, case or punctuation (cached: the
    layout, position and education readers ask about the same few names many times per document).

    >>> normalize_org("eBay Inc."), normalize_org("Mphasis FinSolutions Pvt Ltd"), normalize_org("AT&T")
    ('ebay', 'mphasis finsolutions', 'at and t')
    """
    name = _LEGAL_RE.sub("", name.strip().rstrip(".,"))
    name = name.replace("&", " and ").replace("’", "'")
    name = re.sub(r"[^\w' ]+", " ", name.lower())
    return " ".join(name.split())


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Organization]:
    """Normalized name or alias → Organization, from ontology/organizations.ttl."""
    facts: dict = {}
    for s, p, o in read_turtle(data_path("kg.data.ontology", "organizations.ttl")):
        facts.setdefault(s, {}).setdefault(p, []).append(o)
    edu_types = {SDO.CollegeOrUniversity, SDO.EducationalOrganization, SDO.HighSchool, SDO.School}
    index: dict[str, Organization] = {}
    for subject, f in facts.items():
        if SDO.name not in f:
            continue
        key = str(subject)[len(str(ORG)):] if str(subject).startswith(str(ORG)) else slug(str(subject))
        name = str(f[SDO.name][0])
        parent = f.get(SDO.parentOrganization, [None])[0]
        org = Organization(key=key, name=name, educational=any(t in edu_types for t in f.get(RDF.type, ())),
                           parent=str(parent)[len(str(ORG)):] if parent is not None else None)
        for label in [name, *map(str, f.get(SDO.alternateName, ()))]:
            index.setdefault(normalize_org(label), org)
    return index


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Organization]:
    return {org.key: org for org in gazetteer().values()}


def organization(key: str) -> Organization | None:
    """The gazetteer entry with this key."""
    return _by_key().get(key)


def known_org(name: str) -> Organization | None:
    """The gazetteer entry for a name or alias, if any.

    >>> known_org("Amazon Web Services").name == known_org("AWS").name
    True
    """
    return gazetteer().get(normalize_org(name)) if name.strip() else None


def known_prefix(text: str) -> tuple[Organization, str] | None:
    """A known organization at the start of `text` and the rest: "Netflix Software Engineer"."""
    words = text.split()
    for k in range(min(5, len(words) - 1), 0, -1):
        org = known_org(" ".join(words[:k]))
        if org:
            return org, " ".join(words[k:])
    return None


def looks_like_org(text: str) -> bool:
    """Does a name look like an organization's, gazetteer or not?

    >>> looks_like_org("Stride.ai Inc."), looks_like_org("Acme Analytics Ltd"), looks_like_org("Data Science")
    (True, True, False)
    """
    text = text.strip()
    if not text or len(text) > 90:
        return False
    return bool(known_org(text) or _LEGAL_RE.search(text) or _ORG_WORDS.search(text) or _DOMAIN_NAME.match(text))


def is_educational(text: str) -> bool:
    org = known_org(text)
    return bool(org and org.educational) or bool(_EDU_WORDS.search(text))


def resolve_org(name: str) -> Organization:
    """The canonical organization for a name: the gazetteer's if known, else one keyed by its normal form."""
    org = known_org(name)
    if org:
        return org
    clean = _LEGAL_RE.sub("", name.strip()).strip(" ,.") or name.strip()
    return Organization(key=slug(normalize_org(name)) or slug(name), name=clean, educational=is_educational(name))
