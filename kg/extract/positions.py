"""Positions: employer, title, team, dates and location of each experience entry.

An entry is a run of short header lines (title, company, place, dates in any order and any
combination per line) followed by its body (bullets and prose). Header lines are cut into
pieces, and each piece is classified by what it looks like; nothing depends on line order.
"""

import re
from dataclasses import dataclass, field

from ..organizations import known_org, known_prefix, looks_like_org
from .dates import find_ranges
from .layout import Evidence, Layout, Line, evidence
from .places import find_location, split_location

TITLE_WORDS = re.compile(
    r"\b(?:engineer|engineers|developer|programmer|scientist|researcher|manager|director|architect|lead|leader|"
    r"head|vp|svp|evp|president|officer|cto|ceo|cfo|coo|cio|ciso|founder|co-founder|cofounder|partner|consultant|"
    r"analyst|specialist|administrator|designer|intern|internship|trainee|apprentice|associate|assistant|fellow|"
    r"postdoc|postdoctoral|professor|lecturer|instructor|teacher|tutor|advisor|adviser|strategist|mentor|"
    r"coordinator|technician|staff|sde|swe|mts|owner|freelancer|contractor|editor|writer|evangelist|advocate|"
    r"scrum master|chair|student|contributor|representative|executive|supervisor|member of technical staff|"
    r"principal|ml engineer|devops|sre)\b", re.I)
# A piece right after a title that names the title's discipline, not the team: "Software Engineer, Machine Learning".
DISCIPLINES = {"machine learning", "ml", "ai", "artificial intelligence", "data", "data science", "backend",
               "back end", "back-end", "frontend", "front end", "front-end", "full stack", "full-stack",
               "infrastructure", "platform", "mobile", "ios", "android", "security", "site reliability", "devops",
               "research", "applied science", "nlp", "computer vision", "deep learning", "systems", "embedded",
               "cloud", "ml infrastructure", "ml platform", "quantitative research", "product"}
_KEEP_UPPER = {"ai", "ml", "nlp", "ii", "iii", "iv", "vi", "sde", "swe", "vp", "svp", "cto", "ceo", "cfo", "coo",
               "cio", "it", "ui", "ux", "qa", "hr", "r&d", "mts", "sre", "ios", "api", "bi", "cv", "llm", "gpu", "tpu"}
_SMALL = {"of", "and", "in", "for", "the", "to", "at", "on", "a", "an", "with", "&"}
_SEGMENT = re.compile(r"\s+[|–—]\s+|\s+-{1,2}\s+|\t+|\s{3,}|\s*\|\s*|\s+@\s+|\s+at\s+(?=[A-Z])")
_DURATION = re.compile(r"\(?\s*\d+(?:\.\d+)?\+?\s*(?:years?|yrs?|months?|mos?)\b[^)]*\)?", re.I)
_TEAM_HEADING = re.compile(r"^(?P<team>.+?)\s+(?:team|group|squad|org|organization)$", re.I)


@dataclass
class PositionMention:
    employer: str | None = None
    title: str | None = None
    team: str | None = None
    start: str | None = None
    end: str | None = None
    location: str | None = None
    evidence: Evidence | None = None
    lines: tuple[int, int] = (0, 0)  # first and last line index of the entry, body included

    def to_json(self) -> dict:
        return {"employer": self.employer, "title": self.title, "team": self.team, "start": self.start,
                "end": self.end, "location": self.location}


def smart_case(text: str) -> str:
    """Title-case an ALL-CAPS line, keeping acronyms and small words.

    >>> smart_case("SOFTWARE ENGINEER II, FEEDS RANKING INFRASTRUCTURE"), smart_case("NLP ENGINEER")
    ('Software Engineer II, Feeds Ranking Infrastructure', 'NLP Engineer')
    >>> smart_case("MEMBER OF TECHNICAL STAFF"), smart_case("Stride.ai Inc.")
    ('Member of Technical Staff', 'Stride.ai Inc.')
    """
    letters = [c for c in text if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters) or len(letters) < 4:
        return text
    out = []
    for i, word in enumerate(text.split(" ")):
        core = word.strip(",.;:()").lower()
        if core in _KEEP_UPPER:
            out.append(word)
        elif core in _SMALL and i:
            out.append(word.lower())
        else:
            out.append(word[:1] + word[1:].lower())
    return " ".join(out)


def split_pieces(text: str) -> list[str]:
    """Split on commas outside parentheses.

    >>> split_pieces("HuggingFace (Transformers, Accelerate), Paris")
    ['HuggingFace (Transformers, Accelerate)', 'Paris']
    """
    pieces, depth, current = [], 0, []
    for ch in text:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch == "," and depth == 0:
            pieces.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    pieces.append("".join(current).strip())
    return [p for p in pieces if p]


def is_body(line: Line, previous: Line | None = None) -> bool:
    """Bullets, prose and their wrapped continuations belong to an entry's body; short lines are its header."""
    if line.bullet:
        return True
    if find_ranges(line.text) and line.words <= 25:
        return False
    if line.text[:1].islower() or line.words > 14:
        return True
    if previous is not None and previous.bullet and line.raw[:1] in " \t" and previous.index == line.index - 1:
        return True  # an indented line right under a bullet continues it
    return line.words > 9 and line.text.rstrip().endswith((".", ";"))


@dataclass
class _Piece:
    text: str
    kind: str  # title | org | team | location | other
    line: int
    segment: int


def _classify(text: str, line: int, segment: int) -> list[_Piece]:
    text = text.strip(" ,;:-–|")
    if not text:
        return []
    if re.fullmatch(r"\(.*\)", text):
        return []  # "(Consultant)": a qualifier, not a field
    if find_location(text, whole=True):
        return [_Piece(text, "location", line, segment)]
    if _TEAM_HEADING.match(text) and not TITLE_WORDS.search(text):
        return [_Piece(text, "team", line, segment)]
    if TITLE_WORDS.search(text):
        if known_org(text):
            return [_Piece(text, "org", line, segment)]
        prefix = known_prefix(text)
        if prefix and TITLE_WORDS.search(prefix[1]):
            org_words = text.split()[:len(text.split()) - len(prefix[1].split())]
            return [_Piece(" ".join(org_words), "org", line, segment), _Piece(prefix[1], "title", line, segment)]
        return [_Piece(text, "title", line, segment)]
    if looks_like_org(text):
        return [_Piece(text, "org", line, segment)]
    return [_Piece(text, "other", line, segment)]


def _pieces(lines: list[Line]) -> tuple[list[_Piece], str | None, str | None]:
    pieces: list[_Piece] = []
    start = end = None
    for line in lines:
        text = line.text
        for r in find_ranges(text):
            if start is None:
                start, end = r.start, r.end
        for r in reversed(find_ranges(text)):
            text = text[:r.begin] + " | " + text[r.finish:]
        text = _DURATION.sub(" ", text)
        for s, segment in enumerate(_SEGMENT.split(text)):
            segment = smart_case(segment.strip(" ,;|"))
            if not segment:
                continue
            if find_location(segment, whole=True):
                pieces.append(_Piece(segment, "location", line.index, s))
                continue
            rest, location = split_location(segment)
            parts = split_pieces(rest) if rest else []
            for part in parts:
                pieces.extend(_classify(part, line.index, s))
            if location:
                pieces.append(_Piece(location, "location", line.index, s))
    return pieces, start, end


def _split_employers(name: str) -> list[str]:
    """"Acme Pvt Ltd / Beta Technologies Ltd" names two employers of one role."""
    parts = [p.strip() for p in re.split(r"\s+/\s+", name)]
    if len(parts) > 1 and all(looks_like_org(p) for p in parts):
        return parts
    return [name]


def _position(lines: list[Line], layout: Layout, inherited_employer: str | None) -> list[PositionMention]:
    pieces, start, end = _pieces(lines)
    titles = [p for p in pieces if p.kind == "title"]
    orgs = [p for p in pieces if p.kind == "org"]
    title = titles[0] if titles else None
    employer = orgs[0] if orgs else None
    others = [p for p in pieces if p.kind in ("other", "team")]
    if employer is None:
        # the employer is an unclassified piece: one standing on its own segment first ("Acme  Boston"),
        # else the first one after the title that is not its discipline ("Lead, Acme - City")
        alone = [p for p in others if p.kind == "other"
                 and not (title and p.line == title.line and p.segment == title.segment)]
        after = [p for p in others if p.kind == "other" and p.text.lower() not in DISCIPLINES]
        employer = (alone or after or [None])[0]
    team_parts, title_text = [], title.text if title else None
    for p in others:
        if p is employer:
            continue
        if title and p.line == title.line and p.segment == title.segment and not team_parts \
                and p.text.lower() in DISCIPLINES:
            title_text = f"{title_text}, {p.text}"
            continue
        team_parts.append(re.sub(r"\s+(?:team|group|squad)$", "", p.text, flags=re.I))
    locations = [p.text for p in pieces if p.kind == "location"]
    employer_name = employer.text if employer else inherited_employer
    if title is None and start is None and (employer is None or employer.kind != "org"):
        return []  # no date, no title, nothing organization-like: wrapped text, not an entry
    if employer_name:
        employer_name = re.sub(r"\s*\((?:[^)]*)\)\s*$", "", employer_name).strip() or employer_name
    first, last = lines[0], lines[-1]
    quote_line = next((ln for ln in lines if title and ln.index == title.line), first)
    mention = PositionMention(
        title=title_text, team=", ".join(team_parts) or None,
        start=start, end=end, location=locations[0] if locations else None,
        evidence=evidence(layout.text, quote_line), lines=(first.index, last.index))
    out = []
    for name in _split_employers(employer_name) if employer_name else [None]:
        out.append(PositionMention(**{**mention.__dict__, "employer": name}))
    return out


def _header_groups(lines: list[Line]) -> list[tuple[list[Line], list[Line]]]:
    """(header lines, body lines) for each entry of a run of experience lines."""
    groups: list[tuple[list[Line], list[Line]]] = []
    header: list[Line] = []
    body: list[Line] = []
    previous = None
    for line in lines:
        if line.blank or line.rule:
            continue
        continues = is_body(line, previous)
        previous = line
        if continues:
            if header or groups:
                body.append(line)
            continue
        if body and header:
            groups.append((header, body))
            header, body = [], []
        elif body and not header and groups:
            groups[-1][1].extend(body)
            body = []
        header.append(line)
    if header:
        groups.append((header, body))
    elif body and groups:
        groups[-1][1].extend(body)
    return groups


def _chunks(header: list[Line]) -> list[list[Line]]:
    """Split a header group holding several dated entries ("promotions") into one chunk per date range."""
    anchors = [i for i, line in enumerate(header) if find_ranges(line.text)]
    if len(anchors) <= 1:
        return [header]
    chunks, current = [], []
    dates_first = anchors[0] == 0
    for i, line in enumerate(header):
        if dates_first and i in anchors and current:
            chunks.append(current)
            current = []
        current.append(line)
        if not dates_first and i in anchors:
            chunks.append(current)
            current = []
    if current:
        if chunks and not any(find_ranges(ln.text) for ln in current):
            chunks[-1].extend(current)
        else:
            chunks.append(current)
    return chunks


def _runs(layout: Layout, section: str) -> list[list[Line]]:
    runs, current = [], []
    for line in layout.lines:
        if line.section == section and line.heading is None:
            current.append(line)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def header_org(layout: Layout) -> str | None:
    """An organization named on its own line in the header: the current employer of a team-only resume."""
    for line in layout.lines[:25]:
        if line.section != "header" or line.blank or line.words > 6:
            continue
        text = smart_case(line.text)
        if known_org(text) or (line.level and looks_like_org(text) and not TITLE_WORDS.search(text)):
            return text
    return None


def _team_entries(layout: Layout) -> list[PositionMention]:
    """Team sections ("### Search Infra Team" + bullets) of a resume without an experience section."""
    headings = [ln for ln in layout.lines if ln.level and ln.heading is None and ln.section != "experience"]
    levels = {ln.level for ln in headings if _TEAM_HEADING.match(ln.text)}
    if not levels:
        return []
    level = min(levels)
    employer = header_org(layout)
    out = []
    for i, heading in enumerate(headings):
        if heading.level != level:
            continue
        stop = next((h.index for h in headings[i + 1:] if h.level <= level), len(layout.lines))
        stop = min([stop] + [ln.index for ln in layout.lines[heading.index + 1:stop] if ln.heading])
        block = layout.lines[heading.index + 1:stop]
        if not any(ln.bullet for ln in block):
            continue
        match = _TEAM_HEADING.match(heading.text)
        team = match.group("team") if match else heading.text
        dated = next((r for ln in block if not ln.bullet for r in find_ranges(ln.text)), None)
        out.append(PositionMention(
            employer=employer, team=team, start=dated.start if dated else None, end=dated.end if dated else None,
            evidence=evidence(layout.text, heading), lines=(heading.index, stop - 1)))
    return out


def find_positions(layout: Layout) -> list[PositionMention]:
    positions: list[PositionMention] = []
    for run in _runs(layout, "experience"):
        for header, body in _header_groups(run):
            inherited = None  # promotions listed under one company share it
            chunks = _chunks(header)
            for n, chunk in enumerate(chunks):
                found = _position(chunk, layout, inherited_employer=inherited)
                last = body[-1].index if body and n == len(chunks) - 1 else chunk[-1].index
                if not found and positions:
                    positions[-1].lines = (positions[-1].lines[0], last)  # the lines continue that entry
                for p in found:
                    p.lines = (chunk[0].index, last)
                positions.extend(found)
                if found:
                    inherited = found[-1].employer
    if not positions:
        positions = _team_entries(layout)
    return positions
