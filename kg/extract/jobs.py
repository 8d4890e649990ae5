"""Job postings: hiring organization, title, and which skills are required and which preferred."""

import re
from dataclasses import dataclass, field

from ..organizations import gazetteer, known_org, normalize_org
from .layout import Evidence, Layout, evidence
from .places import find_location
from .positions import TITLE_WORDS, smart_case
from .skills import SkillMention

# Sections whose skills a posting requires; only "preferred" ones are nice to have.
REQUIRED_SECTIONS = ("header", "about", "responsibilities", "required")
_SEEKING = re.compile(
    r"\b(?:seeking|hiring|looking\s+for|searching\s+for|recruiting)\s+(?:an?\s+|one\s+or\s+more\s+)?"
    r"(?:(?:experienced|talented|passionate|motivated|skilled|senior|junior|strong)\s+)*"
    r"(?P<title>(?:[A-Za-z/+.-]+\s+){0,4}?(?:engineers?|developers?|scientists?|researchers?|managers?|"
    r"architects?|analysts?|designers?|leads?|specialists?|consultants?|administrators?|interns?))\b", re.I)
_ORG_ACTION = re.compile(
    r"(?:^|[.!?]\s+|\bat\s+|\bjoin\s+)(?P<org>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}?)(?:['’]s\b[^.]{0,80}?)?"
    r"\s+(?:(?:is|are)\s+(?:seeking|hiring|looking|building|a\s+leading|the\s+leading|on\s+a\s+mission)"
    r"|builds|makes|develops|powers|helps|provides|creates|runs|designs|operates)\b", re.M)
_PRONOUNS = {"we", "you", "our", "they", "it", "this", "the team", "the company", "us", "who", "here"}
_AT_ORG = re.compile(r"\b(?:At|Join)\s+(?P<org>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}?)\s*[,!]")
_TITLE_LINE = re.compile(r"^(?:job\s+title|title|position|role)\s*[:\-–]\s*(?P<title>.+)$", re.I)


@dataclass
class JobMention:
    hiring_organization: str | None = None
    title: str | None = None
    title_inferred: bool = False
    required: list[str] = field(default_factory=list)  # concept ids
    preferred: list[str] = field(default_factory=list)
    evidence: Evidence | None = None


def _singular_title(title: str) -> str:
    words = title.split()
    if words and words[-1].lower().endswith("s") and not words[-1].lower().endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(w if w.isupper() else w.capitalize() for w in words)


def _hiring_org(layout: Layout) -> tuple[str | None, int | None]:
    """Who is hiring: the part of the title line after "-", "at" or "|", an organization that
    "is seeking" or "builds", "At X, we ...", else the first known organization near the top."""
    first = next((ln for ln in layout.lines[:6] if not ln.blank), None)
    if first is not None and TITLE_WORDS.search(first.text):
        parts = re.split(r"\s+[—–|@-]\s+|\s+at\s+", first.text)
        for part in parts[1:]:
            part = part.strip(" ,")
            if part and not find_location(part, whole=True) and not TITLE_WORDS.search(part):
                return part, layout.text.find(part, first.start)
    text = layout.text[:6000]
    for pattern in (_ORG_ACTION, _AT_ORG):
        for m in pattern.finditer(text):
            name = m.group("org").strip()
            if name.lower() in _PRONOUNS:
                continue
            if known_org(name) or len(name.split()) <= 4 and not TITLE_WORDS.search(name):
                return name, m.start("org")
    # otherwise the first organization of the gazetteer named in the opening lines
    names = gazetteer()
    for line in layout.lines[:30]:
        words = re.findall(r"[\w&.'’-]+", line.text)
        for n in range(min(4, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                phrase = " ".join(words[i:i + n])
                phrase = re.sub(r"['’]s$", "", phrase)
                if phrase[:1].isupper() and normalize_org(phrase) in names:
                    return phrase, layout.text.find(phrase, line.start)
    return None, None


def _title(layout: Layout) -> tuple[str | None, bool, int | None]:
    """The stated title (first line or "Title: ..."), else one inferred from "seeking X"."""
    for line in layout.lines[:6]:
        if line.blank:
            continue
        m = _TITLE_LINE.match(line.text)
        if m:
            return m.group("title").strip(), False, line.index
        if line.section == "header" and TITLE_WORDS.search(line.text) and line.words <= 10:
            title = re.split(r"\s+[—–|@-]\s+|\s+at\s+|,\s+(?=[A-Z][\w&]+\s*$)", line.text)[0]
            return smart_case(title.strip()), False, line.index
        break
    m = _SEEKING.search(layout.text)
    if m:
        return _singular_title(m.group("title")), True, None
    return None, False, None


def find_job(layout: Layout, skills: list[SkillMention]) -> JobMention:
    org, org_at = _hiring_org(layout)
    title, inferred, title_line = _title(layout)
    job = JobMention(hiring_organization=org, title=title, title_inferred=inferred)
    for mention in skills:
        cid = mention.concept.id
        if mention.section == "preferred":
            if cid not in job.preferred and cid not in job.required:
                job.preferred.append(cid)
        elif mention.section in REQUIRED_SECTIONS and cid not in job.required:
            job.required.append(cid)
            if cid in job.preferred:
                job.preferred.remove(cid)
    anchor = title_line if title_line is not None else next(
        (ln.index for ln in layout.lines if ln.start <= (org_at or 0) < ln.end + 1), 0)
    job.evidence = evidence(layout.text, layout.lines[anchor])
    return job
