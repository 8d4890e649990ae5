"""Readers: the text a person sees in PDF, DOCX and HTML files, and JSON Resumes laid out as text.

Each reader takes the file's path and bytes and returns text, or raises `DocumentError` with a
one-line reason; `read_document` cleans that text and builds the `Document`. The JSON Resume reader
returns a `Rendered` instead: the text it wrote, clean already, and the entries the file states.

PDF: pypdf, not pdfplumber. Measured on PDFs written from examples/ with reportlab (one column;
two columns drawn column by column; two columns drawn row by row; grid tables), comparing the
words and their order with the source text and the key fields of the extraction (person name,
employers, titles, institutions, degrees, skill ids) with those of the plain-text original:

    layout                     library              word order   words F1   ms/page
    one column (10 files)      pypdf                  100.0%      100.0%      13
                               pdfplumber              99.9%       95.9%      86
    two columns (7)            pypdf                   99.9%       99.9%      31
                               pdfplumber              87.8%       96.2%     153
                               pdfplumber text flow    99.8%       96.2%     163
    two columns, row by row    pypdf                   88.2%      100.0%      21
                               pdfplumber              87.9%       99.7%     198
    grid tables (2)            pypdf                  100.0%      100.0%      23
                               pdfplumber              95.8%      100.0%      76

pypdf follows the content stream, which word processors and HTML printers write column by column,
so its reading order is right where pdfplumber's default (sorting by position) merges the lines of
two columns into one; it keeps one table cell per line where pdfplumber joins a row's cells with
a bare space; it is 5-7x faster, pure Python, and bounds decompression (pdfminer, under pdfplumber,
inflates every stream without a limit). Neither library reflows a paragraph's wrapped lines, and
wrapped lines are what the extractors misread (a continuation taken for a new entry), so
`read_pdf` rebuilds lines from pypdf's text chunks (position, font, size), joins the wrapped ones
(`_reflow`), puts cells drawn on one baseline back in one row (`_rows`) and marks lines set larger
than the body text as headings of their rank (`_heading_levels`), as the DOCX and HTML readers keep
Word's and HTML's heading levels. With that, every key field of the PDF agrees with the plain-text
original for the 10 examples, in one column and in two (benchmarks/formats.py prints the table).
Neither library untangles columns drawn row by row; `documents.repair_text` handles the case text
alone shows.
"""

import io
import json
import logging
import math
import re
import zipfile
from bisect import bisect_left, bisect_right
from collections import defaultdict, deque
from dataclasses import dataclass
from pathlib import Path

from .documents import MAX_CHARS, DocumentError, Entry, Rendered, clean_text, decode_text, limit, sniff

MAX_PAGES = limit("KG_MAX_PAGES", 50)  # a resume is 1-5 pages; past this it is a book or an attack
MAX_PDF_STREAM = 10_000_000  # bytes one PDF stream may inflate to (a page is kilobytes)
MAX_PDF_CONTENT = 4_000_000  # bytes of drawing instructions in all pages: reading them costs ~3 s a megabyte
MAX_UNZIPPED = 50_000_000  # bytes a DOCX may inflate to, all parts together
MAX_ZIP_ENTRIES = 1_000


# --- PDF ---

@dataclass
class _Line:
    """One line of a PDF page as pypdf's chunks give it: where it starts, its fonts, its text."""

    x: float
    y: float
    first: tuple  # (font, size) of its first chunk
    last: tuple  # (font, size) of its last chunk
    text: str = ""


def read_pdf(path: Path, data: bytes) -> str:
    """The text of a PDF, page by page, wrapped lines joined (read_document then repairs it)."""
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damage it repairs is no news; what it cannot, we report
    if b"%PDF-" not in data[:1024]:
        raise DocumentError(f"not a PDF (it looks like {sniff(data)})")
    try:
        with pypdf.apply_configuration(zlib_maximum_output_length=MAX_PDF_STREAM,
                                       lzw_maximum_output_length=MAX_PDF_STREAM,
                                       run_length_maximum_output_length=MAX_PDF_STREAM,
                                       stream_decoding_work_maximum_length=5 * MAX_PDF_STREAM):
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise DocumentError("encrypted PDF (it needs a password)")
            if len(reader.pages) > MAX_PAGES:
                raise DocumentError(f"too many pages: {len(reader.pages)} (limit {MAX_PAGES})")
            pages, size, content = [], 0, 0
            for page in reader.pages:
                if (contents := page.get_contents()) is not None:
                    # inflate under the limits: extract_text() would swallow the error
                    content += len(contents.get_data())
                    if content > MAX_PDF_CONTENT:
                        raise DocumentError(f"too complex: over {MAX_PDF_CONTENT:,} bytes of page content "
                                            "(a resume page holds kilobytes)")
                pages.append(_reflow(_page_lines(page)))
                size += sum(len(line.text) + 1 for line in pages[-1])
                if size > MAX_CHARS:
                    raise DocumentError(f"too much text: over {MAX_CHARS:,} characters (see KG_MAX_CHARS)")
            levels = _heading_levels([line for lines in pages for line in lines])
            pages = ["\n".join(_rows(lines, levels)) for lines in pages]
    except (FileNotDecryptedError, DependencyError):
        raise DocumentError("encrypted PDF (it needs a password)") from None
    except LimitReachedError:
        raise DocumentError("broken PDF: a stream inflates past the limit (a decompression bomb?)") from None
    except DocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise DocumentError(f"broken PDF: {_short(exc)}") from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise DocumentError("no text layer: is it a scanned image? (OCR is not supported)")
    return text


def _short(exc: Exception) -> str:
    """The first line of an exception's message, trimmed: library messages can be paragraphs."""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return message[:120]


def _page_lines(page) -> list[_Line]:
    """A page's lines in content-stream order, from pypdf's text chunks and their positions."""
    lines: list[_Line] = []
    current: _Line | None = None

    def close() -> None:
        nonlocal current
        if current is not None and current.text.strip():
            current.text = current.text.strip()
            lines.append(current)
        current = None

    def visit(text, cm, tm, font, size) -> None:
        nonlocal current
        style = ((font or {}).get("/BaseFont", ""), round(size * abs(cm[3] or 1), 1))
        for i, piece in enumerate(text.split("\n")):
            if i:
                close()
            if piece.strip():
                if current is None:
                    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                    current = _Line(x, y, style, style)
                current.text += piece
                current.last = style

    page.extract_text(visitor_text=visit)
    close()
    return lines


_LIST_MARK = re.compile(r"\s*(?:[•▪◦●‣∙\uf0b7\uf0a7*–-]|o\s|\d{1,2}[.)]\s)")


def _runs(lines: list[_Line]):
    """Groups of lines set as one paragraph would be: same font and size, same column, tight leading."""
    run: list[_Line] = []
    for line in lines:
        if run:
            above = run[-1]
            if not (line.first == above.last and abs(line.x - above.x) <= 30
                    and 0 < above.y - line.y <= 1.35 * above.last[1]):
                yield run
                run = []
        run.append(line)
    if run:
        yield run


def _reflow(lines: list[_Line]) -> list[_Line]:
    """Join lines that a paragraph wrapped, so that one bullet or sentence is one line again.

    Inside a run (`_runs`), a line continues the one above when it starts no list item, is not
    left of the paragraph's start, the line above does not end a sentence, and the first word of
    the line would not have fit on the line above: its length in characters against the longest
    line of that font starting near the same x on the page, among lines that like it have (or
    lack) text beside them, so that a full-width header does not set the width of a sidebar
    (within one font, characters stand in for widths; a line 15% short was ended on purpose),
    and against the room left before the next text on the row above (`_room`: a table's cell).
    """
    capacity, room = _capacity(lines, _beside(lines)), _room(lines)
    out: list[_Line] = []
    for run in _runs(lines):
        paragraph, above = None, None
        for line in run:
            first_word = line.text.split()[0]
            if (paragraph is not None and not _LIST_MARK.match(line.text) and line.x >= paragraph.x - 1
                    and not above.text.endswith((".", "!", "?", ":"))
                    and len(above.text) + 1 + len(first_word) > 0.85 * min(capacity[id(paragraph)],
                                                                           room.get(id(above), math.inf))):
                # a word broken at a hyphen is left to join_broken_words, which knows the whole text
                paragraph.text += ("\n" if re.search(r"[A-Za-z]-$", above.text) else " ") + line.text
                above = line
                continue
            paragraph = above = line
            out.append(line)
    return out


def _room(lines: list[_Line]) -> dict[int, float]:
    """For each line (by id) with text starting right of it on its baseline, the characters that fit
    before that text, counting a character as half the font size wide (narrower than most fonts'
    average, so the room errs on the large side): the width of a table cell or a column."""
    rows = defaultdict(list)
    for line in lines:
        rows[round(line.y)].append(line.x)
    room = {}
    for line in lines:
        right = [x for y in (round(line.y) - 1, round(line.y), round(line.y) + 1) for x in rows.get(y, ())
                 if x > line.x + 1 and abs(y - line.y) <= 2]
        if right:
            room[id(line)] = (min(right) - line.x) / (0.5 * line.last[1])
    return room


def _beside(lines: list[_Line]) -> dict[int, bool]:
    """For each line (by id), whether a line starts over 40 points right of it on about its row
    (within 1.5 times its font size): in time n log n, as a page may hold thousands of lines."""
    order = sorted(lines, key=lambda line: line.y)
    ys = [line.y for line in order]
    rightmost = _range_max([line.x for line in order])
    beside = {}
    for line in lines:
        reach = 1.5 * line.last[1]
        lo, hi = bisect_left(ys, line.y - reach), bisect_right(ys, line.y + reach)
        beside[id(line)] = lo < hi and rightmost(lo, hi) > line.x + 40
    return beside


def _range_max(values: list[float]):
    """A function giving max(values[lo:hi]) in constant time (a sparse table of the maxima of
    every run of 2**k values).

    >>> _range_max([3, 1, 4, 1, 5, 9, 2])(1, 4)
    4
    """
    table = [values]
    while 2 ** len(table) <= len(values):
        half, previous = 2 ** (len(table) - 1), table[-1]
        table.append([max(previous[i], previous[i + half]) for i in range(len(previous) - half)])

    def query(lo: int, hi: int) -> float:
        level = (hi - lo).bit_length() - 1
        return max(table[level][lo], table[level][hi - 2 ** level])
    return query


def _capacity(lines: list[_Line], beside: dict[int, bool]) -> dict[int, int]:
    """For each line (by id), the length of the longest line of its font starting within 30
    points of it, among lines that like it have (or lack) text beside them: a sliding maximum
    over each such group sorted by x, so a page of thousands of lines costs n log n."""
    groups = defaultdict(list)
    for line in lines:
        groups[line.last, beside[id(line)]].append(line)
    capacity = {}
    for group in groups.values():
        group.sort(key=lambda line: line.x)
        window: deque[int] = deque()  # indexes into group, their lines' lengths decreasing
        end = 0
        for line in group:
            while end < len(group) and group[end].x - line.x <= 30:
                while window and len(group[window[-1]].text) <= len(group[end].text):
                    window.pop()
                window.append(end)
                end += 1
            while line.x - group[window[0]].x > 30:
                window.popleft()
            capacity[id(line)] = len(group[window[0]].text)
    return capacity


_SENTENCE = re.compile(r"[a-z][.!?]$")


def _heading_levels(lines: list[_Line]) -> dict[int, int]:
    """For each line (by id) set larger than the body text, its heading level: the body size is the one
    most characters have; larger sizes rank 1, 2, 3… from the largest. A heading is one font, at most
    20 words, and no sentence (a lead paragraph set large is no heading)."""
    chars: dict[float, int] = defaultdict(int)
    for line in lines:
        chars[line.last[1]] += len(line.text)
    if not chars:
        return {}
    body = max(chars, key=chars.get)
    headings = [line for line in lines if line.first == line.last and line.last[1] >= body + 0.5
                and len(line.text.split()) <= 20 and not _SENTENCE.search(line.text)]
    rank = {size: n for n, size in enumerate(sorted({line.last[1] for line in headings}, reverse=True), 1)}
    return {id(line): min(rank[line.last[1]], 6) for line in headings}


def _rows(lines: list[_Line], levels: dict[int, int]) -> list[str]:
    """Lines drawn one after another on the same baseline, left to right, as one line; a heading
    alone on its line (`levels`, by id) as a markdown heading, as the DOCX and HTML readers write it.

    A table row (three or more parts, or two whose columns line up with a row next to it) becomes
    "| a | b |"; two parts alone (a title and its right-aligned dates) are joined by three spaces.
    """
    groups: list[list[_Line]] = []
    for line in lines:
        if groups and abs(line.y - groups[-1][-1].y) <= 2 and line.x > groups[-1][-1].x:
            groups[-1].append(line)
        else:
            groups.append([line])

    def columns(i: int) -> list[int]:
        return [round(part.x) for part in groups[i]] if 0 <= i < len(groups) else []

    out = []
    for i, group in enumerate(groups):
        parts = [part.text.replace("\n", " ") for part in group]
        if len(group) == 1 and id(group[0]) in levels:
            out.append(heading_line(parts[0], levels[id(group[0])], out))
        elif len(group) >= 3 or len(group) == 2 and columns(i) in (columns(i - 1), columns(i + 1)):
            out.append(table_row(parts))
        else:
            out.append("   ".join(parts))
    return out


# --- repairs for text converted from PDF ---

# --- structure kept as markdown marks, which the layout stage reads as it reads .md files ---

def table_row(cells: list[str]) -> str:
    """A table row as a line, framed as markdown so the layout stage sees a table.

    >>> table_row(["B.S. Computer Science", "Oregon State University", "2012 - 2016"])
    '| B.S. Computer Science | Oregon State University | 2012 - 2016 |'
    """
    return "| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |"


def heading_line(text: str, level: int, lines: list[str]) -> str:
    """A heading on its own line with its level as markdown marks, after a blank line."""
    if lines and lines[-1]:
        lines.append("")
    return "#" * min(level, 6) + " " + text


def _heading_level(style_id: str) -> int:
    """Heading level of a Word paragraph style id: "Heading2" is 2, "Title" is 1, others 0."""
    if style_id == "Title":
        return 1
    match = re.fullmatch(r"Heading(\d)", style_id)
    return int(match.group(1)) if match else 0


# --- DOCX ---

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read_docx(path: Path, data: bytes) -> str:
    """The text of a Word document in document order: page headers, body paragraphs, tables
    (a row per line, cells joined by " | "), text boxes, footers. List items become "• " lines,
    headings "## " lines."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_zip(data, "document.xml", "DOCX")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DocumentError(f"not a DOCX file ({_short(exc)})") from None
    except Exception as exc:  # lxml raises XMLSyntaxError for a damaged part
        raise DocumentError(f"broken DOCX: {_short(exc)}") from None
    lines: list[str] = []
    for section in document.sections:
        for part in (section.first_page_header, section.header):
            if not part.is_linked_to_previous:
                _blocks(part._element, lines)
    _blocks(document.element.body, lines)
    for section in document.sections:
        if not section.footer.is_linked_to_previous:
            _blocks(section.footer._element, lines)
    return "\n".join(lines)


def check_zip(data: bytes, main_part: str, kind: str) -> None:
    """Refuse a zip that is not one, or that would inflate past our limits, before any part is read."""
    if not data.startswith(b"PK"):
        raise DocumentError(f"not a {kind} file (not a zip archive; it looks like {sniff(data)})")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise DocumentError(f"not a {kind} file (a damaged zip archive: {_short(exc)})") from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise DocumentError(f"broken {kind}: {len(entries):,} zip entries (limit {MAX_ZIP_ENTRIES:,})")
    if not any(entry.filename.endswith(main_part) for entry in entries):
        raise DocumentError(f"not a {kind} file (no {main_part} in the zip archive)")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNZIPPED:
        raise DocumentError(f"broken {kind}: inflates to {total:,} bytes (limit {MAX_UNZIPPED:,}; a zip bomb?)")


def _blocks(container, lines: list[str]) -> None:
    """Paragraphs and tables of a body, header, footer, cell or text box, in order."""
    for child in container.iterchildren():
        if child.tag == f"{W}p":
            _paragraph(child, lines)
        elif child.tag == f"{W}tbl":
            for row in child.iterchildren(f"{W}tr"):
                cells = []
                for cell in row.iter(f"{W}tc"):
                    inner: list[str] = []
                    _blocks(cell, inner)
                    cells.append(" ".join(line.strip() for line in inner if line.strip()))
                if any(cells):
                    lines.append(table_row(cells))
        elif child.tag == f"{W}sdt":  # a content control wraps ordinary paragraphs and tables
            for content in child.iterchildren(f"{W}sdtContent"):
                _blocks(content, lines)


def _paragraph(p, lines: list[str]) -> None:
    """A paragraph as a line, then its text boxes: list items get "• ", headings markdown marks."""
    parts: list[str] = []
    boxes: list = []
    _inline(p, parts, boxes)
    text = "".join(parts).strip()
    style = p.find(f"{W}pPr/{W}pStyle")
    style_id = (style.get(f"{W}val") or "") if style is not None else ""
    if text:
        if p.find(f"{W}pPr/{W}numPr") is not None or style_id.startswith("List"):
            text = "• " + text
        elif level := _heading_level(style_id):
            text = heading_line(text, level, lines)
        lines.append(text)
    for box in boxes:
        _blocks(box, lines)


def _inline(element, parts: list[str], boxes: list) -> None:
    """Runs' text, tabs and breaks; text boxes are set aside (Word also writes each one a second
    time as a VML fallback, which is skipped)."""
    for child in element.iterchildren():
        tag = child.tag
        if tag == f"{W}t":  # an entity reference (never resolved) splits the text: keep what surrounds it
            parts.append((child.text or "") + "".join(ref.tail or "" for ref in child))
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}txbxContent":
            boxes.append(child)
        elif tag == MC_FALLBACK or tag in (f"{W}delText", f"{W}instrText", f"{W}pPr", f"{W}rPr"):
            continue
        elif isinstance(tag, str):
            _inline(child, parts, boxes)


# --- HTML ---

_SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "object",
         "svg", "canvas", "select", "button"}
_BLOCK = {"p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "ul", "ol", "dl", "dt",
          "dd", "blockquote", "pre", "address", "figure", "figcaption", "form", "fieldset", "table", "tbody",
          "thead", "tfoot", "caption", "hr", "body", "html", "center", "details", "summary"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_FLOAT = re.compile(r"float\s*:\s*(?:right|left)", re.I)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS_SELECTOR = re.compile(r"[\w-]*\.([\w-]+)")
_GAP = "\ue000"  # where a floated element sits apart from the text beside it; written as a column gap
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def html_encoding(data: bytes) -> str | None:
    """The encoding an HTML file declares: a BOM, else a <meta> charset in its first 4 KB.

    >>> html_encoding(b'<meta charset="windows-1252">'), html_encoding(b'\\xef\\xbb\\xbf<p>'), html_encoding(b'<p>')
    ('windows-1252', 'utf-8', None)
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def read_html(path: Path, data: bytes) -> str:
    """The text a reader of the page sees: no scripts, styles, comments or hidden elements;
    blocks on their own lines, headings as "## " lines, list items as "• " lines, table rows as
    " | " lines.

    >>> read_html(Path("x.html"), b"<h1>Ada</h1><script>x()</script><ul><li>Go<li>Rust</ul><p hidden>no")
    '# Ada\\n• Go\\n• Rust'
    """
    import lxml.html

    encoding = html_encoding(data)
    try:
        text = data.decode(encoding, errors="replace") if encoding else decode_text(data)
    except LookupError:
        text = decode_text(data)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text.lstrip("\ufeff"))
    if not text.strip():
        return ""
    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except Exception as exc:  # lxml raises ParserError for a document with no elements
        raise DocumentError(f"broken HTML: {_short(exc)}") from None
    out = _HtmlText(_floated_classes(root))
    out.walk(root)
    return out.text()


def _floated_classes(root) -> set[str]:
    """Classes the page's style sheets float ("span.right { float: right }"): what they hold sits apart
    from the text beside it, as the right-aligned dates and places of an entry line do.

    >>> import lxml.html
    >>> sorted(_floated_classes(lxml.html.fromstring("<style>.a, p.b {float: right} .c {color: red}</style>")))
    ['a', 'b']
    """
    classes = set()
    for style in root.iter("style"):
        for selectors, body in _CSS_RULE.findall(style.text or ""):
            if _FLOAT.search(body):
                for selector in selectors.split(","):
                    if m := _CLASS_SELECTOR.fullmatch(selector.strip()):
                        classes.add(m.group(1))
    return classes


class _HtmlText:
    """Visible text collected while walking an HTML tree: lines of inline text."""

    def __init__(self, floated: set[str] = frozenset()):
        self.floated = floated
        self.lines: list[str] = []
        self.current: list[str] = []

    def text(self) -> str:
        self.newline()
        return "\n".join(self.lines).strip("\n")

    def newline(self) -> None:
        parts = (" ".join(part.split()) for part in "".join(self.current).split(_GAP))
        line = "   ".join(part for part in parts if part)
        if line:
            self.lines.append(line)
        self.current = []

    def _floats(self, element) -> bool:
        return bool(_FLOAT.search(element.get("style", "")) or self.floated.intersection(element.classes))

    def add(self, text: str | None) -> None:
        if text:
            self.current.append(text)

    def walk(self, element) -> None:
        tag = element.tag if isinstance(element.tag, str) else None
        if tag is None or tag in _SKIP or _hidden(element):
            return
        if tag == "br":
            self.newline()
        elif tag == "tr":
            self.newline()
            cells = []
            for cell in element:
                if isinstance(cell.tag, str) and cell.tag in ("td", "th") and not _hidden(cell):
                    inner = _HtmlText(self.floated)
                    inner.walk_children(cell)
                    cells.append(inner.text().replace("\n", " "))
            if any(cells):
                self.lines.append(table_row(cells))
        elif tag == "li":
            self.newline()
            self.add("• ")
            self.walk_children(element)
            self.newline()
        elif tag in _HEADINGS:
            self.newline()
            inner = _HtmlText(self.floated)
            inner.walk_children(element)
            if heading := inner.text().replace("\n", " "):
                self.lines.append(heading_line(heading, int(tag[1]), self.lines))
        elif tag in _BLOCK:
            self.newline()
            self.walk_children(element)
            self.newline()
        elif self._floats(element):
            self.add(_GAP)
            self.walk_children(element)
            self.add(_GAP)
        else:
            self.walk_children(element)

    def walk_children(self, element) -> None:
        self.add(element.text)
        for child in element:
            self.walk(child)
            self.add(child.tail)


def _hidden(element) -> bool:
    """Hidden from readers: the `hidden` attribute, aria-hidden="true", or an inline display:none."""
    return (element.get("hidden") is not None or element.get("aria-hidden", "").lower() == "true"
            or bool(_HIDDEN_STYLE.search(element.get("style", ""))))


# --- JSON Resume (https://jsonresume.org/schema) ---

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def read_json_resume(path: Path, data: bytes) -> Rendered:
    """A JSON Resume laid out as a plain-text resume, with the person, jobs and degrees it states as
    entries: the extractors take those as stated (two jobs differing only in what the text does not
    show stay two) and read the text only for what is free text, such as the skills in highlights."""
    try:
        resume = json.loads(decode_text(data))
    except json.JSONDecodeError as exc:
        raise DocumentError(f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise DocumentError("invalid JSON: nested too deeply") from None
    if not isinstance(resume, dict) or not ({"basics", "work"} & resume.keys()):
        raise DocumentError("not a JSON Resume (no basics/work)")
    return render_json_resume(resume)


def render_json_resume(resume: dict) -> Rendered:
    """The text of a JSON Resume (name, location and contact lines, then Experience, Education and
    Skills sections in fixed forms) and its entries, each with the lines written from it. Dates are
    normalised as the extractors normalise them ("YYYY-MM", "YYYY", "present"); a field of the wrong
    type is left out.

    >>> rendered = render_json_resume({"basics": {"name": "Ada Okafor", "email": "ada@example.com",
    ...     "location": {"city": "Austin", "region": "TX"}},
    ...     "work": [{"name": "Netflix", "position": "Engineer", "location": "Los Gatos, CA",
    ...               "startDate": "2021-10-01", "highlights": ["Built ranking in PyTorch."]}],
    ...     "education": [{"institution": "University of Lagos", "studyType": "B.Sc.", "area": "Mathematics",
    ...                    "endDate": "2013-06"}],
    ...     "skills": [{"name": "Machine learning", "keywords": ["PyTorch", "XGBoost"]}]})
    >>> print(rendered.text)
    Ada Okafor
    Austin, TX
    ada@example.com
    <BLANKLINE>
    Experience
    <BLANKLINE>
    Engineer, Netflix - Los Gatos, CA
    Oct 2021 - Present
    - Built ranking in PyTorch.
    <BLANKLINE>
    Education
    <BLANKLINE>
    B.Sc. in Mathematics, University of Lagos
    2013
    <BLANKLINE>
    Skills
    <BLANKLINE>
    Skills: Machine learning, PyTorch, XGBoost
    <BLANKLINE>
    >>> for entry in rendered.entries:  # doctest: +NORMALIZE_WHITESPACE
    ...     print(entry.kind, entry.lines, dict(entry.fields))
    person (0, 2) {'name': 'Ada Okafor', 'location': 'Austin, TX'}
    position (6, 8) {'employer': 'Netflix', 'title': 'Engineer', 'location': 'Los Gatos, CA',
                     'start': '2021-10', 'end': 'present'}
    education (12, 13) {'institution': 'University of Lagos', 'degree': 'B.Sc.', 'field': 'Mathematics',
                        'end': '2013'}
    """
    lines: list[str] = []
    entries: list[Entry] = []

    def write(block: list[str], kind: str | None = None, **fields: str) -> None:
        """The block's non-empty lines after a blank one; with a kind, the entry stating `fields` there."""
        block = [line for line in block if line]
        if not block:
            return
        if lines:
            lines.append("")
        if kind:
            stated = tuple((name, value) for name, value in fields.items() if value)
            entries.append(Entry(kind, stated, (len(lines), len(lines) + len(block) - 1)))
        lines.extend(block)

    basics = _dict(resume.get("basics"))
    place = _dict(basics.get("location"))
    location = ", ".join(filter(None, (_str(place.get(k)) for k in ("city", "region", "countryCode"))))
    profiles = [_str(p.get("url")) or _profile_url(p) for p in map(_dict, _list(basics.get("profiles")))]
    contact = " | ".join(filter(None, [_str(basics.get(k)) for k in ("email", "phone", "url")] + profiles))
    name = _str(basics.get("name"))
    write([name, location, contact], "person", name=name, location=location)
    write([" ".join(filter(None, (_str(basics.get("label")), _str(basics.get("summary")))))])
    work = [_dict(w) for w in _list(resume.get("work"))]
    if work:
        write(["Experience"])
    for job in work:
        # the schema before 1.0 named the employer "company"; exports of that age are still common
        employer = _str(job.get("name")) or _str(job.get("company"))
        title, where = _str(job.get("position")), _str(job.get("location"))
        start, end = _date(job.get("startDate")), _date(job.get("endDate"))
        end = end or ("present" if start else "")
        headline = " - ".join(filter(None, (", ".join(filter(None, (title, employer))), where)))
        body = [f"- {_str(h)}" for h in [job.get("summary"), *_list(job.get("highlights"))] if _str(h)]
        write([headline, " - ".join(filter(None, (_month(start), _month(end)))), *body], "position",
              employer=employer, title=title, location=where, start=start, end=end)
    education = [_dict(e) for e in _list(resume.get("education"))]
    if education:
        write(["Education"])
    for school in education:
        degree, field, institution = (_str(school.get(k)) for k in ("studyType", "area", "institution"))
        year = _date(school.get("endDate"))[:4]
        write([", ".join(filter(None, (" in ".join(filter(None, (degree, field))), institution))), year],
              "education", institution=institution, degree=degree, field=field, end=year)
    skills: list[str] = []
    for skill in map(_dict, _list(resume.get("skills"))):
        for keyword in [skill.get("name"), *_list(skill.get("keywords"))]:
            if _str(keyword) and _str(keyword) not in skills:
                skills.append(_str(keyword))
    if skills:
        write(["Skills"])
        write(["Skills: " + ", ".join(skills)])
    return Rendered("\n".join(lines) + "\n", "resume", tuple(entries))


def _date(value) -> str:
    """An ISO date as the extractors write dates: "2019-06-01" -> "2019-06"; "2019" stays; else ""."""
    match = re.fullmatch(r"((?:19|20)\d\d)(?:-(\d\d)(?:-\d\d)?)?", _str(value))
    if not match:
        return ""
    year, month = match.groups()
    return f"{year}-{month}" if month and 1 <= int(month) <= 12 else year


def _month(date: str) -> str:
    """ "2019-06" -> "Jun 2019", "present" -> "Present", as a resume writes them."""
    if date[4:5] == "-":
        return f"{_MONTHS[int(date[5:]) - 1]} {date[:4]}"
    return date.capitalize()


def _profile_url(profile: dict) -> str:
    network, user = _str(profile.get("network")).lower(), _str(profile.get("username"))
    hosts = {"github": "github.com/", "linkedin": "linkedin.com/in/", "twitter": "twitter.com/"}
    return hosts[network] + user if network in hosts and user else ""


def _str(value) -> str:
    """A field's text on one line, cleaned as read_document cleans text; "" for anything but a string or
    a number (a list, an object, true)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return ""
    return " ".join(clean_text(str(value)).split())


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list:
    return value if isinstance(value, list) else []
