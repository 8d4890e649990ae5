"""Education: institution, degree, field and end year of each degree, from lines or tables."""

import re
from dataclasses import dataclass

from ..organizations import is_educational, known_org
from .dates import DATE_RE, find_dates, find_ranges
from .layout import Evidence, Layout, Line, evidence
from .places import place_kind, split_location
from .positions import split_pieces

# Degrees as written. Abbreviations need their dots or capitals, so "be", "me" and "ms" in prose don't count.
DEGREE_RE = re.compile(
    # dotted abbreviations may follow capitals, as conversions glue lines: "…, USAB.E. in …"
    r"(?<![a-z])(?:M\.\s?S\.(?:c\.)?|M\.Sc\.?|M\.\s?Tech\.?|M\.\s?E\.|M\.\s?Eng\.?|M\.B\.A\.?|M\.\s?A\.|M\.C\.A\.?|"
    r"B\.\s?S\.(?:c\.)?|B\.Sc\.?|B\.\s?Tech\.?|B\.\s?E\.|B\.\s?Eng\.?|B\.\s?A\.|B\.C\.A\.?|Ph\.\s?D\.?)(?![A-Za-z])"
    r"|(?<![A-Za-z])(?:"
    r"PhD|Doctor(?:ate)?\s+of\s+[A-Z][a-z]+|D\.Phil\.?|MSc|MTech|MBA|MCA|BSc|BTech|BCA|"
    r"(?:MS|BS|BE|ME|MA|BA|MEng|BEng|MPhil)(?=\s+(?:in|of)\b|,|\s*\()|"
    r"(?:Master|Bachelor)(?:['’]?s)?(?:\s+of\s+(?:Science|Arts|Engineering|Technology|Business\s+Administration|"
    r"Computer\s+Applications|Fine\s+Arts|Laws|Philosophy|Education|Commerce|Architecture|Public\s+Health|"
    r"Medicine|Surgery|Pharmacy|Design|Music|Mathematics|Applied\s+Science)|\s+degree)?|"
    r"Associate(?:['’]?s)?\s+(?:of\s+[A-Z][a-z]+|degree)|Dual\s+Degree|Integrated\s+M\.?\s?Tech\.?|"
    r"Post[- ]?graduate\s+Diploma|Diploma|High\s+School\s+Diploma|High\s+School|GED|"
    r"(?:Class\s+)?X{1,2}I{0,2}\s*\((?:CBSE|ICSE|State\s+Board|HSC|SSC)\)|(?:HSC|SSC)(?=\s|,|$)"
    r")(?![A-Za-z])")
_FIELD_RE = re.compile(r"^\s*(?:\(|in\b|of\b|,|:|-|–)?\s*(?:in\s+)?(?P<field>[A-Z][\w&/.+'’-]*(?:\s+(?:[A-Z&][\w&/.+'’-]*|and|of|in|&))*)")
_TABLE_HEADERS = {"degree": ("program", "programme", "degree", "course", "qualification", "exam", "class"),
                  "institution": ("institution", "university", "school", "college", "institute", "board"),
                  "year": ("year", "completion", "graduation", "date", "dates", "passing", "period", "duration")}


@dataclass
class EducationMention:
    institution: str | None = None
    degree: str | None = None
    field: str | None = None
    end: str | None = None
    evidence: Evidence | None = None

    def to_json(self) -> dict:
        return {"institution": self.institution, "degree": self.degree, "field": self.field, "end": self.end}


def _institution_name(text: str) -> str:
    """Strip countries and regions after an institution, keep a campus city: "University of X, Boulder"."""
    rest, location = split_location(text)
    if not location:
        return text.strip(" ,")
    first = location.split(",")[0].strip()
    city = first if place_kind(first) == "city" or (place_kind(first) is None and first[:1].isupper()) else None
    if city and not known_org(rest):
        return f"{rest}, {city}"
    return rest


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
        after = text[m.end():]
        mention.field = _field_after(after)
        rest = text[:m.start()] + " , " + after
    rest = DATE_RE.sub(" ", rest)
    for piece in split_pieces(re.sub(r"\s+[|–—-]\s+", ", ", rest)):
        if is_educational(piece) and mention.institution is None:
            idx = rest.find(piece)
            mention.institution = _institution_name(rest[idx:].split(" | ")[0]) if idx >= 0 else piece
            break
    if mention.institution and mention.field and mention.field in mention.institution:
        mention.field = None
    years = [d for d, _, _ in find_dates(text)]
    if years:
        mention.end = max(years)[:4]
    return mention


def _split_degrees(text: str) -> list[str]:
    """A line holding several degrees, as PDF conversions glue them: "…, USAB.E. in …"."""
    starts = [m.start() for m in DEGREE_RE.finditer(text)]
    if len(starts) <= 1:
        return [text]
    return [text[a:b].strip(" ,;") for a, b in zip([0] + starts[1:], starts[1:] + [len(text)])]


def _from_table(rows: list[Line], layout: Layout) -> list[EducationMention]:
    columns: dict[str, int] = {}
    out: list[EducationMention] = []
    for row in rows:
        cells = [c.strip() for c in row.cells or ()]
        lowered = [c.lower() for c in cells]
        hits = {key: i for key, names in _TABLE_HEADERS.items() for i, c in enumerate(lowered)
                if c and any(c.startswith(n) for n in names)}
        if len(hits) >= 2:
            columns = hits
            continue
        if not columns or not any(cells):
            continue
        get = (lambda key: cells[columns[key]] if key in columns and columns[key] < len(cells) else "")
        degree_text, institution, year = get("degree"), get("institution"), get("year")
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
                institution=_institution_name(institution) if institution else parsed.institution,
                degree=degree.strip(" (,") if degree else None, field=parsed.field,
                end=max(years)[:4] if years else parsed.end, evidence=evidence(layout.text, row)))
    return out


def find_education(layout: Layout) -> list[EducationMention]:
    lines = [ln for ln in layout.section_lines("education") if not ln.blank and not ln.rule]
    table = [ln for ln in lines if ln.cells is not None]
    out = _from_table(table, layout) if table else []
    current: EducationMention | None = None
    current_line = -10
    undated: list[EducationMention] = []
    for line in lines:
        if line.cells is not None:
            continue
        ranges = find_ranges(line.text)
        stripped = line.text
        for r in reversed(ranges):
            stripped = stripped[:r.begin] + stripped[r.finish:]
        has_degree = bool(DEGREE_RE.search(stripped))
        has_school = is_educational(stripped)
        if not has_degree and not has_school:
            if (ranges or find_dates(line.text)) and line.words <= 8:
                year = (ranges[0].end if ranges and ranges[0].end != "present" else None) \
                    or max(d for d, _, _ in find_dates(line.text))
                while undated and undated[0].end is not None:
                    undated.pop(0)
                target = undated.pop(0) if undated else current
                if target is not None and target.end is None:
                    target.end = year[:4]
            continue
        for segment in _split_degrees(stripped):
            parsed = _parse_segment(segment)
            if ranges and ranges[0].end != "present":
                parsed.end = ranges[0].end[:4]
            joinable = (current is not None and current.evidence is not None
                        and line.index - current_line <= 2
                        and ((parsed.degree and not current.degree and not parsed.institution)
                             or (parsed.institution and not current.institution and not parsed.degree)))
            if joinable:
                current.degree = current.degree or parsed.degree
                current.field = current.field or parsed.field
                current.institution = current.institution or parsed.institution
                current.end = current.end or parsed.end
                continue
            parsed.evidence = evidence(layout.text, line)
            current, current_line = parsed, line.index
            out.append(parsed)
            if parsed.end is None:
                undated.append(parsed)
    return [e for e in out if e.institution or e.degree]
