"""Layout: a document's lines, headings and sections, and the evidence quotes cut from them.

Resumes are laid out, not written: the structure (header, headings, entries, bullets, table rows)
carries most of the meaning, so every extractor works on `Line` records rather than raw text.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..organizations import looks_like_org
from .patterns import one_of
from .places import find_location

# Section names as people write them, per document kind. Exact phrases first; the keyword rules
# in `section_of` catch the many variants ("Industry Experience", "Select Publications").
RESUME_SECTIONS = {
    "summary": ("summary", "professional summary", "profile", "professional profile", "about me", "about",
                "objective", "career objective", "overview", "executive summary", "highlights",
                "research interests"),
    "experience": ("experience", "work experience", "professional experience", "employment",
                   "employment history", "work history", "career history", "career", "relevant experience",
                   "industry experience", "research experience", "academic research experience",
                   "academic experience", "teaching experience", "open source development",
                   "open source experience", "open source contributions", "positions", "internships", "teaching",
                   "professional background", "employment record"),
    "education": ("education", "academic background", "academics", "education and training",
                  "educational background", "academic qualifications", "degrees", "education details"),
    "skills": ("skills", "technical skills", "core competencies", "competencies", "technologies",
               "tech stack", "tools", "tools and technologies", "skills and tools", "expertise",
               "areas of expertise", "languages", "programming languages", "skill set", "technical proficiencies",
               "key skills", "skills summary", "technical expertise", "additional skills"),
    "projects": ("projects", "personal projects", "selected projects", "academic projects", "key projects",
                 "side projects"),
    "publications": ("publications", "select publications", "selected publications", "papers",
                     "research papers", "blog posts", "talks", "talks and publications"),
    "awards": ("awards", "honors", "honours", "achievements", "achievements and honors", "awards and honors",
               "honors and awards", "accomplishments", "recognition", "scholarships"),
    "certifications": ("certifications", "certificates", "licenses and certifications", "certification",
                       "licenses", "training"),
    "patents": ("patents",),
    "courses": ("relevant courses", "courses", "coursework", "relevant coursework"),
    "activities": ("extracurricular activities", "activities", "volunteer experience", "volunteering",
                   "leadership and activities", "community", "interests", "hobbies", "additional information",
                   "references", "languages spoken", "personal details"),
}
POSTING_SECTIONS = {
    "about": ("about the job", "about the role", "about us", "about the team", "about", "job description",
              "overview", "the role", "who we are", "company description", "role description", "summary",
              "position summary", "description", "the opportunity", "our team"),
    "responsibilities": ("responsibilities", "key responsibilities", "what you'll do", "what you will do",
                         "your role", "in this role", "duties", "role and responsibilities", "the job",
                         "what you will be doing", "what you'll be doing", "your responsibilities",
                         "day to day", "you will"),
    "required": ("minimum qualifications", "basic qualifications", "required qualifications", "requirements",
                 "minimum", "required", "must have", "must haves", "what we're looking for",
                 "what we are looking for", "who you are", "you have", "what you bring", "qualifications",
                 "required skills", "skills and experience", "what you need", "experience required"),
    "preferred": ("preferred qualifications", "preferred", "nice to have", "nice to haves", "bonus points",
                  "bonus", "desired qualifications", "pluses", "preferred skills", "good to have",
                  "it's a plus if you have", "extra credit", "additional qualifications"),
    "benefits": ("benefits", "what we offer", "perks", "compensation", "salary", "why join us", "pay range",
                 "equal opportunity", "how to apply"),
}
_KEYWORDS = {
    "resume": (("experience", "experience"), ("employment", "experience"), ("work history", "experience"),
               ("education", "education"), ("skills", "skills"), ("competencies", "skills"),
               ("publications", "publications"), ("projects", "projects"),
               ("awards", "awards"), ("honors", "awards"), ("achievements", "awards"),
               ("certifications", "certifications"), ("patents", "patents"), ("coursework", "courses"),
               ("courses", "courses"), ("summary", "summary"), ("volunteer", "activities"),
               ("activities", "activities"), ("work(?:ed)?", "experience")),
    "job_posting": (("preferred", "preferred"), ("nice to have", "preferred"), ("bonus", "preferred"),
                    ("minimum", "required"), ("basic qualifications", "required"), ("required", "required"),
                    ("requirements", "required"), ("qualifications", "required"),
                    ("responsibilities", "responsibilities"), ("about", "about"), ("benefits", "benefits")),
}
# compiled once: section_of is asked about every line that looks like a heading
_KEYWORD_RES = {kind: [(re.compile(rf"\b{keyword}\b"), name) for keyword, name in rules]
                for kind, rules in _KEYWORDS.items()}
# any of them, in one search: most lines asked about (a title, a company) hold none, and are spared the rest
_ANY_KEYWORD = {kind: re.compile(rf"\b{one_of([keyword for keyword, _ in rules])}\b")
                for kind, rules in _KEYWORDS.items()}
_SECTION_OF = {kind: {phrase: name for name, phrases in reversed(table.items()) for phrase in phrases}
               for kind, table in (("resume", RESUME_SECTIONS), ("job_posting", POSTING_SECTIONS))}

# Labels of an entry's fields as forms, job boards and table headers write them ("Role: Data Engineer",
# "| Dates | Employer | Role |"), by the field they introduce.
FIELD_LABELS = {
    "employer": ("employer", "company", "company name", "organization", "organisation", "client", "firm"),
    "title": ("title", "job title", "role", "position", "designation", "job role"),
    "team": ("team", "department", "division"),
    "dates": ("period", "duration", "dates", "date", "tenure", "time period", "years", "year", "graduation",
              "completion", "passing", "year of passing", "from"),
    "location": ("location", "city", "place", "work location"),
    "institution": ("institution", "university", "school", "college", "institute", "board"),
    "degree": ("degree", "qualification", "program", "programme", "course", "exam", "class"),
    "field": ("major", "field", "field of study", "specialization", "specialisation", "subject"),
}
_FIELD_OF = {label: name for name, labels in FIELD_LABELS.items() for label in labels}
_LABELED = re.compile(r"^(?P<label>[A-Za-z][A-Za-z'’&/ -]{0,30}?)\s*:\s*(?P<value>.*)$")
# Separators between the fields of an entry line: "Acme · Engineer · Denver", "Engineer | Acme | 2019",
# "Engineer @ Acme (Porto) ....... 2020", tab stops and runs of spaces. The lookahead holds the first character
# of every kind: it rules out most characters in one test, where the engine would try each kind (3.5x faster).
_SEPARATOR = re.compile(r"(?=[\s|.…])"
                        r"(?:\s+[|–—·•]\s+|\s+-{1,2}\s+|\t+|\s{3,}|\s*\|\s*|\s+@\s+|\s*\.{3,}\s*|\s*…+\s*)")


def labeled(text: str) -> tuple[str, str] | None:
    """(label, value) of a "Label: value" line, the label lowercased; None for other lines.

    >>> labeled("Designation : Team Lead"), labeled("Tools Used: Go, Rust"), labeled("Go, Rust")
    (('designation', 'Team Lead'), ('tools used', 'Go, Rust'), None)
    """
    m = _LABELED.match(text)
    if not m or len(m.group("label").split()) > 4 or m.group("value").startswith("//"):
        return None
    return " ".join(m.group("label").lower().split()), m.group("value").strip()


def field_of(label: str) -> str | None:
    """The entry field a label or column header names ("Designation" → title), if any."""
    return _FIELD_OF.get(" ".join(label.lower().strip(" :").split()))


def header_columns(cells: tuple[str, ...] | list[str]) -> dict[str, int]:
    """Field → column index for a table's header row; empty unless two or more cells name fields.

    >>> header_columns(["Dates", "Employer", "Role", "Location"])
    {'dates': 0, 'employer': 1, 'title': 2, 'location': 3}
    """
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        words = normalize_heading(cell).split()
        name = field_of(" ".join(words)) or (field_of(words[0]) if words else None)
        if name and name not in columns:
            columns[name] = i
    return columns if len(columns) >= 2 else {}


def split_segments(text: str) -> list[str]:
    """The fields of an entry line, split at separators; commas stay (they also join names and places).
    A hyphen between spaces separates too, so take date ranges out first.

    >>> split_segments("Acme · Engineer, Search · Denver, CO ...... Summer 2015")
    ['Acme', 'Engineer, Search', 'Denver, CO', 'Summer 2015']
    """
    return [s.strip(" ,;") for s in _SEPARATOR.split(text) if s.strip(" ,;")]


_BULLET = re.compile(r"^(?:[-*+–—](?=\s)|[•▪◦●○■□➢►▶✓✔·]|o(?=\s+[A-Z])|\d{1,2}[.)](?=\s))\s*")
_HEADING = re.compile(r"^(#{1,6})\s*")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*\*|__|</?u>|</?b>|</?i>|</?strong>|</?em>|(?<!\w)\*(?=\w)|(?<=\w)\*(?!\w)"
                       r"|(?<![\w_])_(?=[^\s_])|(?<=[^\s_])_(?![\w_])")
_ESCAPE = re.compile(r"\\([_*$#&.\-\[\]()`|])")
_DECORATION = re.compile(r"[\s_=~*#:|.\-]+$|^[\s_=~*#:|\-]+")
_CONTD = re.compile(r"\(\s*cont(?:d|inued)?\.*\s*\)|\bcont(?:d|inued)\.*$", re.I)
_UNDERLINE = re.compile(r"^\s*(?:={3,}|-{3,}|_{3,}|~{3,}|\*{3,})\s*$")
_GAP = re.compile(r"(?<=\S)(?:\t|\s{2,})\s*(?=[^\s:])")  # a column gap; "Duration    : …" has none
# In every gap, a tab or two spaces: a quick test before the slower search. Written to start with \s, which the
# regex engine skips to, rather than as "\t|\s\s", which it tries at every character (2.5x slower).
_WIDE_SPACE = re.compile(r"\s(?:(?<=\t)|\s)")
# Page furniture a conversion leaves between lines: "--- Page 1 of 2 ---", and below the first line a running
# title "Jane Doe - Resume".
_PAGE_MARK = re.compile(r"^[\s_=~*.\-–—]*page\s+\d+(?:\s*(?:of|/)\s*\d+)?[\s_=~*.\-–—]*$", re.I)
_RUNNING_TITLE = re.compile(r"^(?:[\w.'’-]+\s+){0,4}[-–—|:,]?\s*(?:resume|résumé|curriculum vitae)"
                            r"(?:\s*[-–—|:,]?\s*page\s+\d+)?$", re.I)  # each form holds "um", tested first
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-*:?\s*)*\|?\s*$")


@dataclass
class Line:
    """One line of the document, with its offsets and what its layout says about it."""

    index: int
    start: int
    end: int
    raw: str
    text: str  # markdown, bullets, emphasis and decorations removed; whitespace collapsed
    spaced: str = ""  # the text with its column gaps (tabs, runs of spaces) kept as " | "
    level: int = 0  # markdown heading level
    bullet: bool = False
    rule: bool = False  # ---, ===, a table's |--|--| row, a page footer
    cells: tuple[str, ...] | None = None  # a table row's cells, cleaned
    section: str = "header"
    heading: str | None = None  # the section this line opens, if it is a section heading
    wrapped: bool = False  # the rest of the sentence or bullet above, after a soft line break
    paragraph: tuple[int, int] = (0, 0)  # offsets of the lines joined by soft breaks, this one among them

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Layout:
    text: str
    kind: str
    lines: list[Line] = field(default_factory=list)

    def section_lines(self, *names: str) -> list[Line]:
        return [line for line in self.lines if line.section in names and line.heading is None]

    @property
    def sections(self) -> list[str]:
        """Sections found, in order of first appearance."""
        seen: list[str] = []
        for line in self.lines:
            if line.heading and line.heading != "other" and line.heading not in seen:
                seen.append(line.heading)
        return seen


def clean_inline(text: str) -> str:
    """Text as a reader sees it: no markdown links, emphasis, escapes or runs of spaces.

    >>> clean_inline("**Launched [TF Serving](https://x.y):** co\\\\-founded <u>it</u>")
    'Launched TF Serving: co-founded it'
    """
    # each pattern needs a character most lines lack: skip the regex then (it is run for every line)
    if "[" in text:
        text = _LINK.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "*" in text or "_" in text or "<" in text:
        text = _EMPHASIS.sub("", text)
    return " ".join(text.split())


_PARENTHESES = re.compile(r"\([^)]*\)")
_NOT_WORD = re.compile(r"[^\w' ]+")


def normalize_heading(text: str) -> str:
    """Lowercase heading words without decorations, continuation marks or punctuation.

    >>> normalize_heading("Industry Experience (Contd..) ____")
    'industry experience'
    >>> normalize_heading("== WORK HISTORY: =="), normalize_heading("PUBLICATIONS (selected)")
    ('work history', 'publications')
    """
    text = _CONTD.sub("", text)
    text = _DECORATION.sub("", text)
    text = _PARENTHESES.sub(" ", text)
    text = text.replace("&", " and ").replace("’", "'").replace("-", " ").replace("/", " and ")
    text = _NOT_WORD.sub(" ", text.lower())
    return " ".join(text.split())


def section_of(text: str, kind: str, keywords: bool = True) -> str | None:
    """The canonical section a heading opens, or None if it is not a section heading.

    Exact phrases always count; keyword rules ("... Experience") only when `keywords` is true,
    i.e. when the line already looks like a heading; never for a line with a comma ("Acme Technologies, Pune").

    >>> section_of("Academic Research Experience", "resume"), section_of("SELECT PUBLICATIONS", "resume")
    ('experience', 'publications')
    >>> section_of("Preferred", "job_posting"), section_of("Netflix Software Engineer", "resume")
    ('preferred', None)
    """
    norm = normalize_heading(text)
    if not norm or len(norm.split()) > 6:
        return None
    kind = "resume" if kind == "resume" else "job_posting"
    name = _SECTION_OF[kind].get(norm)
    if name:
        return name
    if keywords and len(norm.split()) <= 4 and "," not in text and _ANY_KEYWORD[kind].search(norm):
        for keyword, name in _KEYWORD_RES[kind]:  # the first keyword held, whatever its place, names the section
            if keyword.search(norm):
                return name
    return None


def _make_line(index: int, start: int, raw: str, first: bool = False) -> Line:
    """One line; `first` when no text comes before it (where "Jane Doe - Resume" is the title, not furniture)."""
    stripped = raw.strip()
    line = Line(index=index, start=start, end=start + len(raw), raw=raw, text="", paragraph=(start, start + len(raw)))
    if not stripped:
        return line
    if (_UNDERLINE.match(stripped) or _PAGE_MARK.match(stripped)
            or (not first and "um" in stripped.lower() and _RUNNING_TITLE.match(stripped))
            or ("|" in stripped and _TABLE_RULE.match(stripped))):
        line.rule = True
        return line
    if stripped.startswith("|") and stripped.count("|") >= 2:
        cells = tuple(clean_inline(_BULLET.sub("", c.strip())) for c in stripped.strip("|").split("|"))
        line.cells = cells
        line.text = " ".join(c for c in cells if c)
        line.bullet = bool(_BULLET.match(stripped.strip("| ")))
        return line
    heading = _HEADING.match(stripped)
    if heading:
        line.level = len(heading.group(1))
        stripped = stripped[heading.end():]
    bullet = _BULLET.match(stripped)
    if bullet and not line.level:
        line.bullet = True
        stripped = stripped[bullet.end():]
    line.text = _unspaced(stripped) or clean_inline(stripped)
    gap = _WIDE_SPACE.search(stripped) and _GAP.search(stripped)
    line.spaced = " | ".join(clean_inline(part) for part in _GAP.split(stripped)) if gap else line.text
    return line


def _unspaced(text: str) -> str | None:
    """A heading set in spaced letters, as the word it spells: "E X P E R I E N C E" → "EXPERIENCE"."""
    if text[1:2] != " ":
        return None
    words = re.split(r"\s{2,}", text.strip())
    if sum(len(w) for w in words) >= 7 and all(re.fullmatch(r"(?:\w ){2,}\w", w) for w in words):
        return " ".join(w.replace(" ", "") for w in words)
    return None


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    offset, first = 0, True
    for index, raw in enumerate(text.split("\n")):
        lines.append(_make_line(index, offset, raw, first=first))
        offset += len(raw) + 1
        first = first and not raw.strip()
    return lines


_DECORATED = re.compile(r"(?:_{2,}|\\_|={2,})\s*$")
_WORD = re.compile(r"[A-Za-z][\w']*")


def _heading_look(line: Line, following: Line | None) -> int:
    """How much a line looks like a heading: 0 not at all, 1 a short plain line, 2 clearly, 3 unmistakably
    (markdown, underlined, ALL CAPS or decorated: a heading even when its words are unknown)."""
    if line.bullet or line.blank or line.words > 6:
        return 0
    if line.text[:1].islower() or line.text.endswith((".", ",", ";")):
        return 0  # a wrapped sentence's end ("pipelines.") is no heading
    if line.level or (following is not None and _UNDERLINE.match(following.raw)):
        return 3
    letters = [c for c in line.text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return 3
    if _DECORATED.search(line.raw):
        return 3
    if line.raw.rstrip().endswith(":"):
        return 2
    words = [w for w in _WORD.findall(line.text) if len(w) > 3]
    if words and all(w[0].isupper() for w in words):
        return 2
    return 1 if line.words <= 4 else 0


def _opens_unknown_section(line: Line) -> bool:
    """An unmistakable heading of no known section ("WHAT DRIVES ME") that ends the header, unless it
    names something an entry or the header would: an organization, a place, a date, a contact, or it is
    a markdown sub-heading ("### Search Team")."""
    text = line.text
    if line.level > 2 or re.search(r"[\d@,|/]", text) or find_location(text, whole=True):
        return False
    return not looks_like_org(text)


def _field_label(line: Line, previous: Line | None) -> bool:
    """"Achievements:" right under an entry's "Location: Lyon" line labels a field of the entry,
    like the line above it; it opens no section."""
    return (line.raw.rstrip().endswith(":") and previous is not None and not line.level
            and bool(labeled(previous.text)) and bool(labeled(previous.text)[1]))


_CONTACT = re.compile(r"@\w|\b(?:linkedin|github)\.com\b|\+?\(?\d[\d\s().-]{8,}\d")


def _contact_line(line: Line) -> bool:
    """An e-mail, a profile link or a phone number (nine digits or more, so no year range)."""
    m = _CONTACT.search(line.text)
    return bool(m) and (not m.group(0)[-1].isdigit() or sum(c.isdigit() for c in m.group(0)) >= 9)


def analyse(text: str, kind: str) -> Layout:
    """Split a document into lines and give every line the section it belongs to."""
    lines = split_lines(text)
    section = "header"
    contacts_seen = False
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else None
        previous = lines[i - 1] if i else None
        name = None
        if line.cells is not None:
            filled = [c for c in line.cells if c]
            if len(filled) == 1 and line.cells[0]:
                name = section_of(filled[0], kind)
        else:
            look = 0 if _field_label(line, previous) else _heading_look(line, following)
            if look:
                name = section_of(line.text, kind, keywords=look >= 2)
            if (name is None and look == 3 and kind == "resume" and section == "header" and contacts_seen
                    and _opens_unknown_section(line)):
                name = "other"
        if name:
            line.heading = name
            section = name
        line.section = section
        contacts_seen = contacts_seen or _contact_line(line)
    _join_wrapped(lines)
    return Layout(text=text, kind=kind, lines=lines)


_PROSE_START = re.compile(r"[a-z][a-z'’-]*[,;:.)]?(?:\s|$)")  # "under 4%.", "systems"; not "iRobot"
_HANGING = re.compile(r"(?:,|\b(?:and|or|of|the|to|with|for|in|on|a|an))$", re.I)


def _wraps(line: Line, above: Line, in_bullet: bool) -> bool:
    """Is `line` the rest of the sentence or bullet above it, cut by a soft line break? It is when it
    starts with a lowercase word or follows one left hanging ("…, with") under a long line, or is indented
    under a bullet. Headings, bullets, table rows and rules start their own unit."""
    if (line.blank or above.blank or line.rule or above.rule or line.bullet or line.heading or above.heading
            or line.level or above.level or line.cells is not None or above.cells is not None):
        return False
    if in_bullet and line.raw[:1] in " \t":
        return True
    return len(above.text) >= 40 and bool(_PROSE_START.match(line.text) or _HANGING.search(above.text))


def _join_wrapped(lines: list[Line]) -> None:
    """Mark soft-wrapped lines and give every line of a paragraph the paragraph's offsets: a skill
    named across the break, or a sentence whose start says "looking to learn", is read as one unit."""
    first = 0
    for i in range(1, len(lines) + 1):
        if i < len(lines) and _wraps(lines[i], lines[i - 1], lines[first].bullet):
            lines[i].wrapped = True
            continue
        if i - 1 > first:
            for line in lines[first:i]:
                line.paragraph = (lines[first].start, lines[i - 1].end)
        first = i


# A sentence's end, a bullet or bar between items, or a wide gap; each starts with a space, written first
# so that the regex engine skips quickly to the next one, then rules out in one test the spaces between
# words (the next character of each kind of break is a space or one of those in the lookahead).
_SENTENCE_END = re.compile(r"\s(?=[\sA-Z(\"'•▪|])"
                           r"(?:(?P<stop>(?<=[.!?;]\s)\s*(?=[A-Z(\"'•]))|\s*[•▪|]\s+|\s{2,})")
MAX_QUOTE = 300


def quote_span(text: str, line: Line, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end] within its paragraph (the line and those joined to it by
    soft breaks), at most MAX_QUOTE characters.

    Offsets index the document text, so the quote can be found again and shown in context.
    """
    lo, hi = line.paragraph
    for stop, resume in _sentence_ends(text, lo, hi):
        if resume <= start:
            lo = resume
        elif stop >= end:
            hi = stop
            break
    while lo < start and text[lo] in " \t-*•#>|":
        lo += 1
    while hi > end and text[hi - 1] in " \t|":
        hi -= 1
    if hi - lo > MAX_QUOTE:
        lo = max(lo, start - (MAX_QUOTE - (end - start)) // 2)
        hi = min(hi, lo + MAX_QUOTE)
        lo = min(lo, start)
    return lo, hi


@lru_cache(maxsize=512)
def _sentence_ends(text: str, lo: int, hi: int) -> tuple[tuple[int, int], ...]:
    """(start, end) of the breaks between sentences in text[lo:hi], found once per paragraph (every
    mention in it asks again)."""
    # the soft break itself ("distributed\n  systems") ends no sentence
    return tuple(m.span() for m in _SENTENCE_END.finditer(text, lo, hi)
                 if "\n" not in m.group() or m.lastgroup == "stop")


class Evidence(NamedTuple):
    """A quote from the document with its character offsets: why the graph says what it says.

    A named tuple, not a frozen dataclass: a document quotes sixty spans, and a tuple is built
    (and hashed, kg.rdf keeps one node per span) several times faster."""

    quote: str
    start: int
    end: int

    def to_json(self) -> dict:
        return {"quote": self.quote, "start": self.start, "end": self.end}


def evidence(text: str, line: Line, start: int | None = None, end: int | None = None) -> Evidence:
    """Evidence for a span of a line (the whole line's text when no span is given)."""
    if start is None:
        raw = text[line.start:line.end]
        lo = line.start + len(raw) - len(raw.lstrip())
        hi = line.start + len(raw.rstrip())
        return Evidence(text[lo:hi][:MAX_QUOTE], lo, min(hi, lo + MAX_QUOTE))
    lo, hi = quote_span(text, line, start, end)
    return Evidence(text[lo:hi], lo, hi)
