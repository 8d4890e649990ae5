"""Dates and date ranges as resumes write them, normalised to "YYYY", "YYYY-MM" or "present"."""

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
           "oct": 10, "nov": 11, "dec": 12}
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
# each branch starts with a plain character, so the regex engine skips to those (4x faster than "(?:19|20)…")
_YEAR = r"(?:19\d\d|20\d\d|'\s?\d\d|’\s?\d\d|‘\s?\d\d|`\s?\d\d)(?!\d)"
# A date starts at a word boundary, with a month's or a season's first letter or a digit: tested once, up
# front, rather than by each form in turn at every character (ranges are found 3x faster).
DATE = (rf"\b(?=[adfjmnosw\d])(?:{MONTH}\s*,?\s*{_YEAR}"
        r"|(?:0?[1-9]|1[0-2])\s*/\s*(?:19|20)\d\d(?!\d)"
        r"|(?:19|20)\d\d\s*[-/.]\s*(?:0[1-9]|1[0-2])(?![\d/])"
        r"|(?:spring|summer|fall|autumn|winter)\s*,?\s*(?:19|20)\d\d(?!\d)"
        r"|(?:19|20)\d\d(?!\d))")
PRESENT = r"(?:present|current(?:ly)?|now|today|ongoing|(?:till|to|until)\s+(?:date|now)|date)\b"
_SEP = r"\s*(?:-+>?|–|—|~|→|⟶|\bto\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b)\s*"
RANGE_RE = re.compile(rf"(?P<start>{DATE}){_SEP}(?P<end>{DATE}|{PRESENT})", re.I)
DATE_RE = re.compile(DATE, re.I)
_SINCE_RE = re.compile(rf"\b(?:since|from)\s+(?P<start>{DATE})", re.I)
_YEAR_RE = re.compile(_YEAR)  # every date holds a year: text without one is spared the searches above
# the forms of one date, for normalize_date
_MONTH_FIRST = re.compile(rf"({MONTH})\s*,?\s*(.+)$")
_MONTH_YEAR = re.compile(r"(0?[1-9]|1[0-2])\s*/\s*((?:19|20)\d\d)$")
_YEAR_MONTH = re.compile(r"((?:19|20)\d\d)\s*[-/.]\s*(0[1-9]|1[0-2])$")
_SEASON = re.compile(r"^(?:spring|summer|fall|autumn|winter)\s*,?\s*")
_SHORT_YEAR = re.compile(r"['’‘`]\s?(\d\d)$")
_FULL_YEAR = re.compile(r"((?:19|20)\d\d)$")
_PRESENT_RE = re.compile(PRESENT, re.I)


@dataclass(frozen=True)
class DateRange:
    start: str | None
    end: str | None  # "present" for ongoing
    begin: int  # offsets of the match in the searched string
    finish: int


def normalize_date(text: str, today: dt.date | None = None) -> str | None:
    """One date as "YYYY-MM" or "YYYY"; None if it is not a date.

    >>> [normalize_date(s) for s in ["June'21", "Jan. 2020", "Sept 2023", "05/2016", "2019", "Summer 2019"]]
    ['2021-06', '2020-01', '2023-09', '2016-05', '2019', '2019']
    """
    text = text.strip().lower()
    month = None
    m = _MONTH_FIRST.match(text)
    if m and m.group(1).rstrip(".")[:3] in _MONTHS:
        month = _MONTHS[m.group(1).rstrip(".")[:3]]
        text = m.group(2)
    m = _MONTH_YEAR.match(text)
    if m:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    m = _YEAR_MONTH.match(text)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    text = _SEASON.sub("", text)
    m = _SHORT_YEAR.match(text)
    if m:
        short = int(m.group(1))
        pivot = ((today or dt.date.today()).year + 1) % 100
        year = 2000 + short if short <= pivot else 1900 + short
    else:
        m = _FULL_YEAR.match(text)
        if not m:
            return None
        year = int(m.group(1))
    return f"{year}-{month:02d}" if month else str(year)


def find_ranges(text: str) -> list[DateRange]:
    """Every date range in `text`.

    >>> [(r.start, r.end) for r in find_ranges("Jul'18- May '19; Nov 2005 – Jan 2010; November 2017 to Present")]
    [('2018-07', '2019-05'), ('2005-11', '2010-01'), ('2017-11', 'present')]
    >>> [(r.start, r.end) for r in find_ranges("March. 2024 - Present | 2019–2021 | Feb 2012 till date")]
    [('2024-03', 'present'), ('2019', '2021'), ('2012-02', 'present')]
    >>> [(r.start, r.end) for r in find_ranges("Engineer ...... 2020 → now; 2014 -> 2017")]
    [('2020', 'present'), ('2014', '2017')]
    """
    return list(_ranges(text))


@lru_cache(maxsize=4096)
def _ranges(text: str) -> tuple[DateRange, ...]:
    """find_ranges, kept: the extractors ask about the same lines again and again."""
    if not _YEAR_RE.search(text):
        return ()
    ranges = []
    for m in RANGE_RE.finditer(text):
        start = normalize_date(m.group("start"))
        end_text = m.group("end")
        end = "present" if _PRESENT_RE.match(end_text) else normalize_date(end_text)
        if start and end and (end == "present" or end[:4] >= start[:4]):
            ranges.append(DateRange(start, end, m.start(), m.end()))
    if not ranges:
        for m in _SINCE_RE.finditer(text):
            start = normalize_date(m.group("start"))
            if start:
                ranges.append(DateRange(start, "present", m.start(), m.end()))
    return tuple(ranges)


def cut_ranges(text: str, ranges: list[DateRange], replacement: str = " | ") -> str:
    """The text without its date ranges and the brackets around them, each replaced by a separator.

    >>> cut_ranges("Lead (Jan'19 - Present), Acme", find_ranges("Lead (Jan'19 - Present), Acme"))
    'Lead | , Acme'
    """
    for r in reversed(ranges):
        begin, finish = r.begin, r.finish
        opening, closing = re.search(r"[(\[]\s*$", text[:begin]), re.match(r"\s*[)\]]", text[finish:])
        if opening and closing:
            begin, finish = opening.start(), finish + closing.end()
        text = text[:begin] + replacement + text[finish:]
    return text


def find_dates(text: str) -> list[tuple[str, int, int]]:
    """Single dates (not part of ranges) with their offsets: graduation years and the like."""
    out = []
    for m in DATE_RE.finditer(text):
        value = normalize_date(m.group(0))
        if value:
            out.append((value, m.start(), m.end()))
    return out


def months_between(start: str, end: str, today: dt.date | None = None) -> int | None:
    """Whole months from start to end ("present" counts to today); None if unknown.

    Year-only dates count from January to December, the most a reader could claim.

    >>> months_between("2021-06", "2023-09"), months_between("2019", "2021")
    (27, 35)
    """
    if not start or not end:
        return None
    today = today or dt.date.today()
    y0, m0 = int(start[:4]), int(start[5:7]) if len(start) > 4 else 1
    if end == "present":
        y1, m1 = today.year, today.month
    else:
        y1, m1 = int(end[:4]), int(end[5:7]) if len(end) > 4 else 12
    months = (y1 - y0) * 12 + (m1 - m0)
    return months if months >= 0 else None
