"""Positions: employer, title, team, dates and location of each experience entry.

An entry is a run of short header lines (title, company, place, dates in any order and any
combination per line) followed by its body (bullets and prose). Header lines are cut into
pieces, and each piece is classified by what it looks like; nothing depends on line order.
"""

import re
from dataclasses import dataclass
from itertools import groupby

from ..organizations import is_educational, known_org, known_prefix, looks_like_org
from ..dates import DATE_RE, cut_ranges, find_ranges, normalize_date
from .layout import Evidence, Layout, Line, evidence, field_of, header_columns, labeled, split_segments
from .patterns import one_of
from .places import find_location, place_kind, split_location

# Words that make a line a job title ("Senior Data Engineer").
TITLES = (
    "engineer", "engineers", "developer", "programmer", "scientist", "researcher", "manager", "director",
    "architect", "lead", "leader", "head", "vp", "svp", "evp", "president", "officer", "cto", "ceo", "cfo", "coo",
    "cio", "ciso", "founder", "co-founder", "cofounder", "partner", "consultant", "analyst", "specialist",
    "administrator", "designer", "intern", "internship", "trainee", "apprentice", "associate", "assistant",
    "fellow", "postdoc", "postdoctoral", "professor", "lecturer", "instructor", "teacher", "tutor", "advisor",
    "adviser", "strategist", "mentor", "coordinator", "technician", "staff", "sde", "swe", "mts", "owner",
    "freelancer", "contractor", "editor", "writer", "evangelist", "advocate", "scrum master", "chair", "student",
    "contributor", "representative", "executive", "supervisor", "member of technical staff", "principal",
    "ml engineer", "devops", "sre", "statistician", "economist", "mathematician", "physicist", "chemist",
    "biologist", "accountant", "auditor", "attorney", "lawyer", "nurse", "physician", "pharmacist", "recruiter",
    "planner", "producer", "clerk", "operator", "mechanic", "electrician", "librarian", "journalist", "translator",
    "therapist", "scholar", "chief", "volunteer", "maintainer", "buyer", "merchandiser", "cashier", "driver",
    "chef", "cook", "pilot", "agent", "broker", "banker", "trader", "underwriter", "actuary", "estimator",
    "surveyor", "inspector", "dispatcher", "receptionist", "secretary", "bookkeeper", "controller", "treasurer",
    "paralegal", "teller", "foreman", "superintendent", "dentist", "veterinarian", "caregiver", "coach", "trainer",
    "counselor", "counsellor", "psychologist", "marketer", "copywriter", "photographer", "illustrator", "animator",
    "investigator", "barista", "bartender", "waiter", "waitress",
)
TITLE_WORDS = re.compile(rf"\b{one_of(TITLES)}\b", re.I)
# A piece right after a title that names the title's discipline, not the team: "Software Engineer, Machine Learning".
DISCIPLINES = {"machine learning", "ml", "ai", "artificial intelligence", "data", "data science", "backend",
               "back end", "back-end", "frontend", "front end", "front-end", "full stack", "full-stack",
               "infrastructure", "platform", "mobile", "ios", "android", "security", "site reliability", "devops",
               "research", "applied science", "nlp", "computer vision", "deep learning", "systems", "embedded",
               "cloud", "ml infrastructure", "ml platform", "quantitative research", "product"}
_KEEP_UPPER = {"ai", "ml", "nlp", "ii", "iii", "iv", "vi", "sde", "swe", "vp", "svp", "cto", "ceo", "cfo", "coo",
               "cio", "it", "ui", "ux", "qa", "hr", "r&d", "mts", "sre", "ios", "api", "bi", "cv", "llm", "gpu", "tpu"}
_SMALL = {"of", "and", "in", "for", "the", "to", "at", "on", "a", "an", "with", "&"}
_DANGLING = re.compile(r"(?:[,(/&-]|\b(?:and|or|of|the|to|with|for|in|on|a|an))$", re.I)  # a sentence goes on
_AT = re.compile(r"\s+at\s+(?=[A-Z])")
_DURATION = re.compile(r"\(?\s*\d+(?:\.\d+)?\+?\s*(?:years?|yrs?|months?|mos?)\b[^)]*\)?", re.I)
_TEAM_HEADING = re.compile(r"^(?P<team>.+?)\s+(?:team|group|squad|org|organization)$", re.I)
_TEAM_PIECE = re.compile(r"\s(?:team|squad|org)$", re.I)  # on an entry line "… Group" names a company more often
# Words naming a part of an organization: "Vision Lab, Lakemont University" is a team there.
_SUBUNIT = re.compile(r"\b(?:lab|laboratory|group|team|department|dept|division|centre|center|institute|unit)\b",
                      re.I)


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


_PROSE_WORD = re.compile(r"[^\W\d_][\w'’&.-]*")
_TRAILING_PAREN = re.compile(r"(.*?)\s*\(([^()]*)\)")


def _prose(line: Line) -> bool:
    """A sentence, not an entry header: mostly lowercase words, or a period closing a lowercase word.

    Header lines are names and titles, capitalised; "Owns the nightly billing jobs for the store." is prose.
    """
    words = _PROSE_WORD.findall(line.text)
    if len(words) >= 6 and sum(w[0].islower() for w in words) >= 0.45 * len(words):
        return True
    if len(words) > 9 and line.text.endswith((".", ";")):
        return True
    return len(words) >= 2 and line.text.endswith((".", "!", "?")) and words[-1][0].islower()


def is_body(line: Line, previous: Line | None = None, previous_body: bool = False) -> bool:
    """Bullets, prose and their wrapped continuations belong to an entry's body; short lines are its header.

    A line right under a body line that starts with a digit or a sign ("12 hours.", "71% to 88%."),
    or under one left hanging ("… (SQL, Excel,"), is the wrapped rest of that line, however a job
    board's export lost its indentation.
    """
    if line.level or find_ranges(line.text) and line.words <= (15 if line.bullet else 25) and not _prose(line):
        return False  # dated: an entry's header, even as a numbered or bulleted item ("1. Analyst, Acme, 2019")
    if line.bullet:
        return True
    label = labeled(line.text)
    if label:
        return field_of(label[0]) is None  # "Role: …" is a header field; "Technologies Used: …" is body
    if re.match(r"[a-z][a-z'’-]*\b", line.text) or line.words > 14 or _prose(line):  # "iRobot" starts a name
        return True
    if previous is None or previous.index != line.index - 1 or not previous_body:
        return False
    return (not line.text[:1].isalpha() or (previous.bullet and line.raw[:1] in " \t")
            or bool(_DANGLING.search(previous.text)))


@dataclass
class _Piece:
    text: str
    kind: str  # title | org | team | location | other
    line: int
    segment: int


def _split_paren(text: str) -> tuple[str, str | None]:
    """A trailing parenthetical apart: "Nordwell (Porto)" → ("Nordwell", "Porto")."""
    m = _TRAILING_PAREN.fullmatch(text)
    return (m.group(1).strip(" ,;:-–"), m.group(2).strip()) if m else (text, None)


def _names_unit(text: str) -> bool:
    """Does a parenthetical after a title name a team ("Returns Platform"), not qualify the title
    ("trainee", "Contract", "Data Analyst")?"""
    words = text.split()
    return len(words) >= 2 and words[0][:1].isupper() and not TITLE_WORDS.search(text)


def _kind(text: str) -> list[tuple[str, str]]:
    """(text, kind) of a piece judged by its looks alone; a known employer before a title splits off."""
    if find_location(text, whole=True):
        return [(text, "location")]
    if _TEAM_PIECE.search(text) and not TITLE_WORDS.search(text):
        return [(text, "team")]
    if TITLE_WORDS.search(text):
        if known_org(text):
            return [(text, "org")]
        prefix = known_prefix(text)
        if prefix and TITLE_WORDS.search(prefix[1]):
            org_words = text.split()[:len(text.split()) - len(prefix[1].split())]
            return [(" ".join(org_words), "org"), (prefix[1], "title")]
        return [(text, "title")]
    return [(text, "org" if looks_like_org(text) else "other")]


_HINTS = {"employer": "org", "title": "title", "team": "team", "location": "location"}


def _classify(text: str, line: int, segment: int, hint: str | None = None) -> list[_Piece]:
    """The pieces of one comma part; `hint` is the field its label named ("Role:" → title)."""
    text = text.strip(" ,;:-–|")
    if not text:
        return []
    head, inner = _split_paren(text)
    inner_place = find_location(inner, whole=True) if inner else None
    if not head:  # "(Consultant)" qualifies, "(Remote)" places
        return [_Piece(inner_place, "location", line, segment)] if inner_place else []
    found = [(head, _HINTS[hint])] if hint in _HINTS else _kind(head)
    pieces = [_Piece(t, k, line, segment) for t, k in found]
    last = pieces[-1]
    if inner_place:
        pieces.append(_Piece(inner_place, "location", line, segment))
    elif inner is not None and last.kind == "title" and _names_unit(inner):
        pieces.append(_Piece(inner, "team", line, segment))  # "Team Lead (Returns Platform)"
    elif inner is not None and (last.kind == "title" or last.kind == "other" and TITLE_WORDS.search(inner)):
        last.text, last.kind = f"{last.text} ({inner})", "title"  # "Actuary (trainee)", "Ingeniero (Software Engineer)"
    return pieces


def _segments(text: str) -> list[str]:
    """Fields of a header line; "Engineer at Acme" splits, "University of Maine at Orono" does not."""
    out = []
    for segment in split_segments(text):
        parts = _AT.split(segment, maxsplit=1)
        if len(parts) == 2 and TITLE_WORDS.search(parts[0]) and not is_educational(parts[0]):
            out.extend(parts)
        else:
            out.append(segment)
    return out


def _single_date(text: str) -> str | None:
    """A piece that is one date ("Summer 2022", "2019"): the whole period of a short role."""
    text = text.strip(" ()[],")
    return normalize_date(text) if DATE_RE.fullmatch(text) else None


def _pieces(lines: list[Line]) -> tuple[list[_Piece], str | None, str | None]:
    pieces: list[_Piece] = []
    start = end = single = None
    for line in lines:
        text, hint = line.spaced or line.text, None
        label = labeled(text)
        if label and field_of(label[0]):
            hint, text = field_of(label[0]), label[1]
        ranges = find_ranges(text)
        if ranges and start is None:
            start, end = ranges[0].start, ranges[0].end
        text = _DURATION.sub(" ", cut_ranges(text, ranges))
        for s, segment in enumerate(_segments(text)):
            segment = smart_case(segment)
            if hint:
                if hint == "dates":
                    single = single or _single_date(segment)
                else:
                    pieces.extend(_classify(segment, line.index, s, hint))
                continue
            location = find_location(segment, whole=True)
            rest, location = (None, location) if location else split_location(segment)
            for part in split_pieces(rest) if rest else []:
                date = _single_date(part)
                single = single or date
                if not date:
                    pieces.extend(_classify(part, line.index, s))
            if location:
                pieces.append(_Piece(re.sub(r"^\((.*)\)$", r"\1", location), "location", line.index, s))
    if start is None and single:
        start = end = single
    return pieces, start, end


def _unknown_head(location: str) -> tuple[str, str] | None:
    """(name, place) of a location whose first part no gazetteer knows: with no employer on the entry,
    "Korvexa, Singapore" is a company and its city rather than a city and its country."""
    head, _, rest = location.partition(",")
    return (head.strip(), rest.strip()) if rest and place_kind(head.strip()) is None else None


def _teams_of_parents(orgs: list[_Piece]) -> None:
    """With two organizations on an entry, a lab or group of the other is the team there; when both read
    as parts, the last is the parent ("Marine Group, Halden Institute": entries name the smaller first)."""
    if len(orgs) < 2:
        return
    parents = [p for p in orgs if not _SUBUNIT.search(p.text)] or orgs[-1:]
    if len(parents) < len(orgs):
        for p in orgs:
            if p not in parents:
                p.kind = "team"


def _split_employers(name: str) -> list[str]:
    """"Acme Pvt Ltd / Beta Technologies Ltd" names two employers of one role."""
    parts = [p.strip() for p in re.split(r"\s+/\s+", name)]
    if len(parts) > 1 and all(looks_like_org(p) for p in parts):
        return parts
    return [name]


def _position(lines: list[Line], layout: Layout, inherited_employer: str | None) -> list[PositionMention]:
    pieces, start, end = _pieces(lines)
    titles = [p for p in pieces if p.kind == "title"]
    _teams_of_parents([p for p in pieces if p.kind == "org"])
    orgs = [p for p in pieces if p.kind == "org"]
    title = titles[0] if titles else None
    employer = orgs[0] if orgs else None
    others = [p for p in pieces if p.kind in ("other", "team")]
    if employer is None:
        # the employer is an unclassified piece: one standing on its own segment first ("Acme  Boston"),
        # else the last one after the title that is not its discipline ("Lead, Search, Acme - City"),
        # else a team-like name ("Harbor Retail Group")
        alone = [p for p in others if p.kind == "other"
                 and not (title and p.line == title.line and p.segment == title.segment)]
        after = [p for p in others if p.kind == "other" and p.text.lower() not in DISCIPLINES][-1:]
        teams = [p for p in others if p.kind == "team"]
        employer = (alone or after or teams or [None])[0]
    team_parts, title_text = [], title.text if title else None
    for p in others:
        if p is employer:
            continue
        if title and p.line == title.line and p.segment == title.segment and not team_parts \
                and p.text.lower() in DISCIPLINES:
            title_text = f"{title_text}, {p.text}"
            continue
        team_parts.append(re.sub(r"\s+(?:team|squad)$", "", p.text, flags=re.I))
    locations = [p.text for p in pieces if p.kind == "location"]
    if employer is None and locations and _unknown_head(locations[0]):
        employer_name, locations[0] = _unknown_head(locations[0])  # "Korvexa, Singapore"
    else:
        employer_name = employer.text if employer else inherited_employer
    if title is None and start is None and (employer is None or employer.kind != "org"):
        return []  # no date, no title, nothing organization-like: wrapped text, not an entry
    if title is None and employer_name is None and not team_parts:
        return []  # dates alone: no role to hang them on
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
    previous, previous_body = None, False
    for line in lines:
        if line.blank or line.rule:
            continue
        continues = is_body(line, previous, previous_body)
        previous, previous_body = line, continues
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


def _runs(layout: Layout) -> list[list[Line]]:
    """Runs of experience lines; a section under an unknown heading counts when it holds dated entries."""
    runs = []
    for inside, group in groupby(layout.lines, key=lambda ln: ln.section in ("experience", "other") and not ln.heading):
        run = list(group)
        if inside and (run[0].section == "experience" or any(not ln.bullet and find_ranges(ln.text) for ln in run)):
            runs.append(run)
    return runs


def _table_positions(run: list[Line], layout: Layout) -> tuple[list[PositionMention], list[Line]]:
    """Positions from table rows under a header row naming their columns ("| Dates | Employer | Role |"),
    and the lines of the run left to read as text."""
    found: list[PositionMention] = []
    rest: list[Line] = []
    columns: dict[str, int] = {}
    for line in run:
        cells = line.cells
        header = header_columns(cells) if cells is not None else {}
        if header:
            columns = header
            continue
        if cells is None or not columns:
            rest.append(line)
            continue

        def cell(name: str) -> str:
            return cells[columns[name]] if columns.get(name, len(cells)) < len(cells) else ""

        if cell("employer") or cell("title"):
            ranges = find_ranges(cell("dates"))
            found.append(PositionMention(
                employer=cell("employer") or None, title=cell("title") or None, team=cell("team") or None,
                start=ranges[0].start if ranges else None, end=ranges[0].end if ranges else None,
                location=cell("location") or None, evidence=evidence(layout.text, line),
                lines=(line.index, line.index)))
    return found, rest


def _same_entry(p: PositionMention, q: PositionMention) -> bool:
    """Is p (at q's employer) q again, or a bare sub-heading (no title, no dates) over q's bullets?"""
    if p.title is None and p.start is None:
        return bool(q.title or q.start) or p.team == q.team
    return (p.title, p.start, p.end) == (q.title, q.start, q.end) and (not p.team or not q.team or p.team == q.team)


def _merge(positions: list[PositionMention]) -> list[PositionMention]:
    """One position per entry: a table a converter repeated, or a "Company - Team" sub-heading over the
    bullets of an employer already listed with its title and dates, adds no position."""
    out: list[PositionMention] = []
    for p in positions:
        twin = next((q for q in out if p.employer and (q.employer or "").lower() == p.employer.lower()
                     and _same_entry(p, q)), None)
        if twin is None:
            out.append(p)
            continue
        twin.team, twin.location = twin.team or p.team, twin.location or p.location
        if twin.lines[0] == twin.lines[1]:
            twin.lines = p.lines  # a table row's bullets are under the sub-heading
    return out


def header_org(layout: Layout) -> str | None:
    """An organization named in the header, on its own line or first on a contact line ("Acme · City · mail"):
    the current employer of a team-only resume."""
    for line in layout.lines[:25]:
        if line.section != "header" or line.blank:
            continue
        text = smart_case(line.text)
        if line.words <= 6 and (known_org(text) or (line.level and looks_like_org(text)
                                                   and not TITLE_WORDS.search(text))):
            return text
        first = split_segments(text)[0]
        if first != text and known_org(first):
            return first
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


def _displaced_entries(layout: Layout) -> list[PositionMention]:
    """Entries a two-column conversion pushed under another section: a title line, then within four lines a
    "Company, City, ST" line that is no school and a range with months ("Aug 2017 - Dec 2020")."""
    lines = [ln for ln in layout.lines if not ln.blank and not ln.rule and not ln.heading]
    out = []
    for i, line in enumerate(lines):
        if line.section in ("experience", "other", "header") or line.bullet or line.words > 6 \
                or not TITLE_WORDS.search(line.text) or find_ranges(line.text) or is_educational(line.text):
            continue
        window = lines[i + 1:i + 5]
        org = next((ln for ln in window if not ln.bullet and split_location(ln.text)[1]
                    and split_location(ln.text)[0] != ln.text and not is_educational(ln.text)), None)
        dated = next((ln for ln in window if any(len(r.start) > 4 for r in find_ranges(ln.text))), None)
        if org and dated:
            out.extend(_position([line, org, dated], layout, None))
    return out


def find_positions(layout: Layout) -> list[PositionMention]:
    positions: list[PositionMention] = []
    for run in _runs(layout):
        table, lines = _table_positions(run, layout)
        positions.extend(table)
        inherited = None  # roles listed under one company ("Acme" / "Senior Analyst 2021 - …" / …) share it
        for header, body in _header_groups(lines):
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
    if positions:
        positions.extend(_displaced_entries(layout))
    else:
        positions = _team_entries(layout)
    return _merge(positions)
