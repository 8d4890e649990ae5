"""The person a resume is about: name (from the header, or inferred from handles), contacts, location."""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..ontology import data_path
from .contacts import Contacts
from .layout import Evidence, Layout, Line, evidence, section_of
from .places import find_location
from .positions import TITLE_WORDS

_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-z'’\-]+|[A-Z]\.?|[A-Z][a-z]*[A-Z][a-z]+|(?:de|van|von|der|da|di|del|la|le|bin|al)"
                         r"|[A-Z][A-Z'’\-]+)$", re.UNICODE)
_NOT_NAME = re.compile(r"\b(?:resume|curriculum|vitae|cv|profile|engineer|developer|manager|scientist|"
                       r"university|inc|llc|ltd|experience|education|summary|skills|contact|email|phone|"
                       r"linkedin|github|address|objective|page)\b", re.I)
_HANDLE_PREFIXES = ("the", "mail", "its", "im", "iam", "hello", "hi", "contact", "me", "real", "mr", "ms", "dr")
_HANDLE_SUFFIXES = ("dev", "codes", "io", "official", "ml", "ai", "tech", "hq")
_NAME_SEPARATOR = re.compile(r"\s[|•·]\s|\s{3,}|\s[-–—]\s")


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset, frozenset]:
    given = frozenset(data_path("kg.data", "given_names.txt").read_text().split())
    family = frozenset(data_path("kg.data", "surnames.txt").read_text().split())
    return given, family


@dataclass
class PersonMention:
    name: str | None = None
    name_inferred: bool = False
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    location: str | None = None
    evidence: Evidence | None = None

    def to_json(self) -> dict:
        return {"name": self.name, "name_inferred": self.name_inferred, "emails": self.emails,
                "phones": self.phones, "urls": self.urls, "location": self.location}


def looks_like_name(text: str) -> bool:
    """A header line that is a person's name: 2–4 capitalised words, no digits or job words.

    >>> looks_like_name("Ada Lovelace"), looks_like_name("ADA  KING-NOEL"), looks_like_name("José Núñez")
    (True, True, True)
    >>> looks_like_name("Senior Engineer"), looks_like_name("Experience"), looks_like_name("ada lovelace")
    (False, False, False)
    """
    words = text.replace(",", " ").split()
    if not 2 <= len(words) <= 4 or any(ch.isdigit() for ch in text) or "@" in text:
        return False
    if _NOT_NAME.search(text):
        return False
    return all(_NAME_TOKEN.match(w) or (w[0].isupper() and w.replace("-", "").isalpha()) for w in words)


def _titlecase(name: str) -> str:
    if name.isupper():
        return " ".join(w.capitalize() if len(w) > 1 else w for w in name.split())
    return name


def name_from_handles(handles: list[str]) -> str | None:
    """Infer "Given Surname" from account names such as "thevasu.sharma" or "7ravikumar".

    >>> name_from_handles(["7priyasharma", "thepriyasharma"])
    'Priya Sharma'
    >>> name_from_handles(["john.smith42"]), name_from_handles(["xq9"]), name_from_handles(["jane-doe-example"])
    ('John Smith', None, 'Jane Doe')
    >>> name_from_handles(["jsmith"]), name_from_handles(["wei.c", "wei-chen-example"]), name_from_handles(["doe.jane"])
    (None, 'Wei Chen', 'Jane Doe')
    """
    given, family = _names()
    votes: dict[str, int] = {}
    for handle in handles:
        h = re.sub(r"\d+", "", handle.lower())
        parts = [p for p in re.split(r"[._\-]+", h) if p]
        if len(parts) >= 2 and all(p.isalpha() for p in parts[:2]):
            # the adjacent pair, in either order, that reads best as given + family name: "jane-doe-example"
            # is Jane Doe, "doe.jane" too
            pairs = [pair for a, b in zip(parts, parts[1:]) for pair in ((a, b), (b, a))]
            first, last = max(pairs, key=lambda pair: (pair[0] in given) * 2 + (pair[1] in family) * 3)
            score = (first in given) * 2 + (last in family) * 3
            if score and len(first) >= 2 and len(last) >= 2:
                guess = f"{first.capitalize()} {last.capitalize()}"
                votes[guess] = votes.get(guess, 0) + score
            continue
        if not parts:
            continue
        word = parts[0]
        for prefix in _HANDLE_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 6:
                word = word[len(prefix):]
                break
        for suffix in _HANDLE_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 6:
                word = word[:-len(suffix)]
                break
        if word[1:] in family:
            continue  # "jsmith": an initial and a surname, no given name to find
        best = None
        for i in range(2, len(word) - 1):
            first, last = word[:i], word[i:]
            # a known surname is needed (given-name lists miss many names, surname lists fewer), and a short
            # one ("ng") only after a known given name: the tail of a glued handle is too often a false match
            score = (first in given) * 2 + (last in family) * 3
            if last in family and len(first) >= 2 and len(last) >= (2 if first in given else 3) \
                    and (best is None or score > best[0]):
                best = (score, f"{first.capitalize()} {last.capitalize()}")
        if best:
            votes[best[1]] = votes.get(best[1], 0) + best[0]
    if not votes:
        return None
    return max(sorted(votes), key=votes.get)


def _candidate(line: Line) -> str | None:
    """The name a line opens with ("Ada Lovelace | ada@…"), if it is one: not a place nor a heading."""
    candidate = _NAME_SEPARATOR.split(line.text)[0].strip(" ,")
    if not looks_like_name(candidate) or find_location(candidate, whole=True) or section_of(candidate, "resume"):
        return None
    return candidate


def _vouched(candidate: str, line: Line, following: Line | None, handles: list[str]) -> bool:
    """A name-like line away from the top is the person's only if their handles spell part of it, or their
    headline ("Senior Engineer at Acme") follows it outside a list of skills: "Data Visualization" is neither."""
    folded = [h.lower() for h in handles]
    words = [w.lower() for w in re.findall(r"[^\W\d_]{3,}", candidate)]
    if any(w in h for w in words for h in folded):
        return True
    return (line.section != "skills" and following is not None and bool(TITLE_WORDS.search(following.text))
            and 0 < following.words <= 12)


def _name_line(layout: Layout, handles: list[str]) -> tuple[Line, str] | None:
    """The line naming the person: among the header's first lines, else (a LinkedIn export puts a sidebar
    first) a vouched-for name-like line before the entries."""
    header = [line for line in layout.lines[:40] if line.section == "header" and not line.blank]
    for line in header[:8]:
        candidate = _candidate(line)
        if candidate:
            return line, candidate
    lines = layout.lines[:60]
    for line, following in zip(lines, lines[1:] + [None]):
        if line.blank or line.heading or line.section in ("experience", "education", "other"):
            continue
        candidate = _candidate(line)
        if candidate and _vouched(candidate, line, following, handles):
            return line, candidate
    return None


def find_person(layout: Layout, contacts: Contacts) -> PersonMention:
    person = PersonMention(emails=list(contacts.emails), phones=list(contacts.phones), urls=list(contacts.urls))
    header = [line for line in layout.lines[:40] if line.section == "header" and not line.blank]
    found = _name_line(layout, contacts.handles)
    if found:
        line, candidate = found
        person.name = _titlecase(candidate)
        start = layout.text.find(candidate, line.start, line.end)
        person.evidence = (evidence(layout.text, line, start, start + len(candidate)) if start >= 0
                           else evidence(layout.text, line))
    else:
        inferred = name_from_handles(contacts.handles)
        if inferred:
            person.name, person.name_inferred = inferred, True
    for line in header[:12]:
        location = find_location(line.text, whole=True)
        if location:
            person.location = location
            break
    return person
