"""Education: institution, degree, field and end year of each degree, from lines or tables."""

import dataclasses
import re
from dataclasses import dataclass

from ..organizations import is_educational, known_org
from ..dates import DATE_RE, cut_ranges, find_dates, find_ranges
from .layout import Evidence, Layout, Line, evidence, field_of, header_columns, labeled, split_segments
from .places import place_kind, split_location
from .positions import split_pieces

# Degrees as written. Abbreviations need their dots or capitals, so "be", "me" and "ms" in prose don't count;
# any dotted B./M. abbreviation is one ("B.A.Sc.", "B.S.E."), and an honours mark belongs to the degree.
DEGREE_RE = re.compile(
    # dotted abbreviations may follow capitals, as conversions glue lines: "…, USAB.E. in …"
    r"(?<![a-z])(?:[BM]\.(?:\s?[A-Z][a-z]{0,3}\.){1,3}|M\.\s?S\.(?:c\.)?|M\.Sc\.?|M\.\s?Tech\.?|M\.\s?E\.|"
    r"M\.\s?Eng\.?|M\.B\.A\.?|M\.\s?A\.|M\.C\.A\.?|"
    r"B\.\s?S\.(?:c\.)?|B\.Sc\.?|B\.\s?Tech\.?|B\.\s?E\.|B\.\s?Eng\.?|B\.\s?A\.|B\.C\.A\.?|Ph\.\s?D\.?)(?![A-Za-z])"
    r"|(?<![A-Za-z])(?:"
    r"PhD|Doctor(?:al|ate)?\s+(?:of\s+[A-Z][a-z]+|[Dd]egree)|Doctorate|D\.Phil\.?|MSc|MTech|MBA|MCA|BSc|BTech|BCA|"
    r"(?:MS|BS|BE|ME|MA|BA|MEng|BEng|MPhil)(?=\s+(?:in|of)\b|,|\s*\()|"
    r"(?:Master|Bachelor)(?:['’]?s)?(?:\s+of\s+(?:Science|Arts|Engineering|Technology|Business\s+Administration|"
    r"Computer\s+Applications|Fine\s+Arts|Laws|Philosophy|Education|Commerce|Architecture|Public\s+Health|"
    r"Medicine|Surgery|Pharmacy|Design|Music|Mathematics|Applied\s+Science|[A-Z][a-z]+)|\s+[Dd]egree)?|"
    r"Associate(?:['’]?s)?\s+(?:of(?:\s+[A-Z][a-z]+){1,3}|[Dd]egree)|Dual\s+Degree|Integrated\s+M\.?\s?Tech\.?|"
    r"Post[- ]?graduate\s+Diploma|Diploma|High\s+School\s+Diploma|High\s+School|GED|"
    r"(?:Class\s+)?X{1,2}I{0,2}\s*\((?:CBSE|ICSE|State\s+Board|HSC|SSC)\)|(?:HSC|SSC)(?=\s|,|$)"
    r")(?![A-Za-z])(?:\s*\(Hons\.?\)|\s+Hons\b\.?)?")
_FIELD_RE = re.compile(r"^\s*(?:\(|in\b|of\b|,|:|-|–)?\s*(?:in\s+)?(?P<field>[A-Z][\w&/.+'’-]*(?:\s+(?:[A-Z&][\w&/.+'’-]*|and|of|in|&))*)")
# Words of an institution's name that say what it is, not which one: "National Institute of Technology"
# needs its campus city, "Lakemont University" does not.
_GENERIC = {"university", "institute", "college", "school", "academy", "polytechnic", "technology", "science",
            "sciences", "engineering", "national", "state", "federal", "central", "technical", "royal", "indian",
            "of", "the", "and", "for", "at", "in"}
_CONNECTOR = re.compile(r"\b(?:of|and|&|for|the|de|at|in)$", re.I)
_EDUCATION_FIELDS = ("institution", "degree", "field", "dates")


@dataclass
class EducationMention:
    institution: str | None = None
    degree: str | None = None
    field: str | None = None
    end: str | None = None
    evidence: Evidence | None = None

    def to_json(self) -> dict:
        return {"institution": self.institution, "degree": self.degree, "field": self.field, "end": self.end}


def _generic(name: str) -> bool:
    """A name that holds no proper noun but a region: "University of Nebraska", "Indian Institute of Technology"."""
    words = re.findall(r"[\w'’-]+", name)
    rest = [w for w in words if w.lower() not in _GENERIC]
    return not rest or place_kind(" ".join(rest)) in ("region", "country")


def _institution_name(pieces: list[str]) -> str:
    """The institution's comma part, without the places after it, a bracketed acronym, or a city unless the
    name needs it (the gazetteer knows the campus, or the name is generic): "University of Nebraska, Kearney,
    USA" → "University of Nebraska, Kearney", "Lakemont University, Toledo" → "Lakemont University"."""
    pieces = [re.sub(r"\s*\([^)]*\)", "", piece).strip(" ,.;:-–|") for piece in pieces]
    name, places = pieces[0], []
    for piece in pieces[1:]:
        if (re.search(r"\d", piece) or is_educational(piece) and not place_kind(piece) or not piece[:1].isupper()
                or len(piece.split()) > 3):
            break
        places.append(piece)
    if places and place_kind(places[0]) in ("region", "country") and not known_org(name):
        head, glued = split_location(name)  # "Fargo State University Fargo, ND"
        if glued and place_kind(glued) == "city" and is_educational(head):
            name, places = head, [glued, *places]
    city = places[0] if places and place_kind(places[0]) in ("city", None) else None
    if city and (known_org(f"{name}, {city}") or not known_org(name) and _generic(name)):
        return f"{name}, {city}"
    return name


def _field_after(text: str) -> str | None:
    m = _FIELD_RE.match(text)
    if not m:
        return None
    field = m.group("field").strip(" ,.")
    field = re.split(r"\s+(?:from|at)\s+", field)[0]
    if not field or is_educational(field) or find_dates(field):
        return None
    return field


def _parse_segment(text: str) -> EducationMention:
    """One degree's text: "M.S. in Computer Science, University of Colorado, Boulder, USA"."""
    mention = EducationMention()
    m = DEGREE_RE.search(text)
    rest = text
    if m:
        mention.degree = m.group(0).strip()
        after = _past_abbreviation(text[m.end():])
        mention.field = _field_after(after)
        rest = text[:m.start()] + " | " + after
    rest = DATE_RE.sub(" ", rest)
    for segment in split_segments(rest):
        pieces = split_pieces(segment)
        k = next((i for i, piece in enumerate(pieces) if is_educational(piece)), None)
        if k is not None:
            mention.institution = _institution_name(pieces[k:])
            break
    if mention.institution and mention.field and mention.field in mention.institution:
        mention.field = None
    years = [d for d, _, _ in find_dates(text)]
    if years:
        mention.end = max(years)[:4]
    return mention


def _past_abbreviation(after: str) -> str:
    """The text after a degree, past its abbreviation: "Bachelor of Science - BS, Chemistry" → ", Chemistry"."""
    m = re.match(r"\s*[-–—(,]?\s*", after)
    again = DEGREE_RE.match(after, m.end())
    return after[again.end():].lstrip(" )") if again else after


def _split_degrees(text: str) -> list[str]:
    """A line holding several degrees, as PDF conversions glue them: "…, USAB.E. in …"; an abbreviation
    right after a degree names it again ("Bachelor of Science - BS")."""
    starts, last_end = [], None
    for m in DEGREE_RE.finditer(text):
        if last_end is None or text[last_end:m.start()].strip(" -–—(,"):
            starts.append(m.start())
        last_end = m.end()
    if len(starts) <= 1:
        return [text]
    return [text[a:b].strip(" ,;") for a, b in zip([0] + starts[1:], starts[1:] + [len(text)])]


def _from_table(rows: list[Line], layout: Layout) -> list[EducationMention]:
    """Degrees from table rows under a header row naming their columns ("| Program | Institution | Year |")."""
    columns: dict[str, int] = {}
    out: list[EducationMention] = []
    for row in rows:
        cells = [c.strip() for c in row.cells or ()]
        if header_columns(cells):
            columns = header_columns(cells)
            continue
        if not columns or not any(cells):
            continue
        get = (lambda key: cells[columns[key]] if key in columns and columns[key] < len(cells) else "")
        degree_text, institution, year = get("degree"), get("institution"), get("dates")
        if degree_text and not institution and not year and out and out[-1].evidence:
            # a continuation row: "B.Tech. in Mechanical Engineering)" under "Dual Degree (M.Tech. in ..., "
            prev = out[-1]
            for segment in _split_degrees(degree_text):
                if DEGREE_RE.search(segment):
                    extra = _parse_segment(segment)
                    out.append(EducationMention(prev.institution, extra.degree, extra.field, prev.end,
                                                evidence(layout.text, row)))
            continue
        if not (degree_text or institution):
            continue
        segments = [s for s in _split_degrees(degree_text) if DEGREE_RE.search(s)] or [degree_text]
        if len(segments) > 1 and re.match(r"dual degree", segments[0], re.I):
            segments = segments[1:]
        for segment in segments:
            parsed = _parse_segment(segment)
            degree = parsed.degree or degree_text or None
            if degree and degree.lower().startswith("dual degree") and len(segments) == 1:
                inner = DEGREE_RE.search(degree_text[len("dual degree"):])
                degree = inner.group(0) if inner else degree
            years = [d for d, _, _ in find_dates(year)]
            out.append(EducationMention(
                institution=_institution_name(split_pieces(institution)) if institution else parsed.institution,
                degree=degree.strip(" (,") if degree else None, field=parsed.field,
                end=max(years)[:4] if years else parsed.end, evidence=evidence(layout.text, row)))
    return out


def _texts(lines: list[Line]) -> list[tuple[Line, str]]:
    """Each line's text as education reads it: a table row without a header row as its cells, a labelled
    field ("Institution: …") as its value, and a line ending in "of" or "and" joined with the next."""
    out: list[tuple[Line, str]] = []
    joined = False
    for line, following in zip(lines, lines[1:] + [None]):
        if joined:
            joined = False
            continue
        text = " | ".join(c for c in line.cells if c) if line.cells is not None else line.spaced or line.text
        label = labeled(text)
        if label and field_of(label[0]) in _EDUCATION_FIELDS:
            text = label[1]
        if (_CONNECTOR.search(text) and not line.bullet and _is_entry(text) and following is not None
                and following.cells is None):
            text, joined = f"{text} {following.spaced or following.text}", True
        out.append((line, text))
    return out


def _date_line(text: str, ranges: list) -> str | None:
    """The year a line of dates alone gives ("2016 - 2018", "Sep 2021 - present (expected June 2026). Advisor: …");
    None for other lines."""
    if not (ranges or find_dates(text)) or not (len(text.split()) <= 8 or DATE_RE.match(text)):
        return None
    return _end_year(text, ranges)


def _end_year(text: str, ranges: list) -> str | None:
    """When a degree ends: its range's end, else the latest date outside the range ("expected June 2026")."""
    if ranges and ranges[0].end != "present":
        return ranges[0].end[:4]
    outside = [d for d, _, _ in find_dates(cut_ranges(text, ranges))]
    return max(outside)[:4] if outside else None


def _is_entry(text: str) -> bool:
    """Does a line name a degree or a school ("Technion | Haifa, Israel")?"""
    return bool(DEGREE_RE.search(text)) or any(
        is_educational(piece) for segment in split_segments(text) for piece in split_pieces(segment))


def _dates_first(items: list[tuple[Line, str]]) -> bool:
    """Does the section write dates before their degree ("2016 - 2018" / "M.S. in …" / "Lakemont University")?"""
    for _, text in items:
        ranges = find_ranges(text)
        if _is_entry(cut_ranges(text, ranges, " ")):
            return False
        if ranges or find_dates(text):
            return True
    return False


@dataclass
class _Entries:
    """Degrees as their lines come: a degree and its school on adjacent lines, dates before or after them,
    several degrees under one school's line."""

    dates_first: bool
    found: list[EducationMention] = dataclasses.field(default_factory=list)
    current: EducationMention | None = None
    current_line: int = -10
    pending: str | None = None  # a year read before its degree
    undated: list[EducationMention] = dataclasses.field(default_factory=list)
    school_first: set[int] = dataclasses.field(default_factory=set)  # ids of entries opened by their school's own line

    def add_year(self, year: str) -> None:
        """A line of dates alone: for the next degree if dates come first, else the first undated one."""
        if self.dates_first:
            self.pending = year
            return
        while self.undated and self.undated[0].end is not None:
            self.undated.pop(0)
        target = self.undated.pop(0) if self.undated else self.current
        if target is not None and target.end is None:
            target.end = year

    def add(self, parsed: EducationMention, line: Line, quote: Evidence) -> None:
        current = self.current
        if (current is not None and line.index - self.current_line <= 2
                and ((parsed.degree and not current.degree and not parsed.institution)
                     or (parsed.institution and not current.institution and not parsed.degree))):
            current.degree = current.degree or parsed.degree
            current.field = current.field or parsed.field
            current.institution = current.institution or parsed.institution
            current.end = current.end or parsed.end
            return
        parsed.end, self.pending = parsed.end or self.pending, None
        parsed.evidence = quote
        if parsed.institution and not parsed.degree:
            self.school_first.add(id(parsed))
        self.current, self.current_line = parsed, line.index
        self.found.append(parsed)
        if parsed.end is None:
            self.undated.append(parsed)

    def finish(self) -> list[EducationMention]:
        """The entries, a degree without a school taking the school whose own line opened the one before."""
        for before, entry in zip(self.found, self.found[1:]):
            if entry.degree and not entry.institution and id(before) in self.school_first:
                entry.institution = before.institution  # "Lakemont University" / "Ph.D., …" / "M.S., …"
                self.school_first.add(id(entry))
        return self.found


def find_education(layout: Layout) -> list[EducationMention]:
    lines = [ln for ln in layout.section_lines("education") if not ln.blank and not ln.rule]
    table = [ln for ln in lines if ln.cells is not None]
    out = _from_table(table, layout) if any(header_columns(ln.cells) for ln in table) else []
    items = [(ln, text) for ln, text in _texts(lines) if ln.cells is None or not out]
    entries = _Entries(dates_first=_dates_first(items))
    for line, text in items:
        ranges = find_ranges(text)
        stripped = cut_ranges(text, ranges, " ")
        if not _is_entry(stripped):
            year = _date_line(text, ranges)
            if year:
                entries.add_year(year)
            continue
        for segment in _split_degrees(stripped):
            parsed = _parse_segment(segment)
            if ranges:
                parsed.end = _end_year(text, ranges) or parsed.end
            entries.add(parsed, line, evidence(layout.text, line))
    return [e for e in out + entries.finish() if e.institution or e.degree]
