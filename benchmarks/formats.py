"""Formats benchmark: every example written as PDF, DOCX, HTML and JSON Resume, read back, extracted, compared.

    python benchmarks/formats.py

Prints per format the documents, the agreement of the key fields (person name, employers,
titles, institutions, degrees, the set of skill ids) with the extraction of the plain-text
original, and the milliseconds per document (read + extract). The writers here also make the
fixtures of tests/test_readers.py, so the tests and this table see the same files.
"""

import re
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLES = ROOT / "examples"
KEY_FIELDS = ("person name", "employers", "titles", "institutions", "degrees", "skill ids")


@dataclass(frozen=True)
class Block:
    """One unit of a resume's layout, as a writer needs it: wrapped lines are joined."""

    kind: str  # heading | line | bullet | row
    text: str
    level: int = 0  # heading level
    right: str = ""  # the right-aligned part of a line ("Title, Company" ... "2019 - 2021")
    cells: tuple[str, ...] = ()


_MD_HEADING = re.compile(r"(#{1,6})\s+")
_BULLET = re.compile(r"\s*(?:[-*•]|o(?=\s))\s+")
_TABLE_RULE = re.compile(r"\|?[\s:|-]*-[\s:|-]*\|?")
_EMPHASIS = re.compile(r"\*\*|(?<!\w)\*(?=\w)|(?<=\w)\*(?!\w)")
_CAPS_HEADING = re.compile(r"[A-Z][A-Z &/]{2,40}")
_GAP = re.compile(r"(?<=[^\s|])\s{2,}(?=[^\s|])")


def to_blocks(text: str) -> list[Block]:
    """The layout of a plain-text or markdown resume: headings, lines, bullets and table rows.

    A lowercase or indented line continues a long line or bullet before it (a wrapped sentence), and a
    word broken at a line end is whole again, as the plain-text reader mends it (`join_broken_words`);
    a single wide gap splits a line into a left and a right-aligned part, as laid out on paper.

    >>> to_blocks("Ada\\nEXPERIENCE\\nEngineer, Acme   2019 - 2021\\n- Built a long pipeline for the\\n  team.")
    ... # doctest: +NORMALIZE_WHITESPACE
    [Block(kind='line', text='Ada', level=0, right='', cells=()),
     Block(kind='heading', text='EXPERIENCE', level=2, right='', cells=()),
     Block(kind='line', text='Engineer, Acme', level=0, right='2019 - 2021', cells=()),
     Block(kind='bullet', text='Built a long pipeline for the team.', level=0, right='', cells=())]
    """
    from kg.documents import join_broken_words

    blocks: list[Block] = []
    joinable = False
    for raw in join_broken_words(text).splitlines():
        line = _EMPHASIS.sub("", raw).rstrip()
        stripped = line.strip()
        if not stripped:
            joinable = False
        elif heading := _MD_HEADING.match(stripped):
            blocks.append(Block("heading", stripped[heading.end():], level=len(heading.group(1))))
            joinable = False
        elif stripped.startswith("|"):
            if not _TABLE_RULE.fullmatch(stripped):
                cells = tuple(cell.strip() for cell in stripped.strip("|").split("|"))
                blocks.append(Block("row", " | ".join(cells), cells=cells))
            joinable = False
        elif bullet := _BULLET.match(line):
            blocks.append(Block("bullet", line[bullet.end():].strip()))
            joinable = True
        elif joinable and _continues(blocks[-1], line):
            last = blocks[-1]
            glue = "" if last.text.endswith("-") else " "
            blocks[-1] = replace(last, text=last.text + glue + stripped)
        elif blocks and _CAPS_HEADING.fullmatch(stripped):
            blocks.append(Block("heading", stripped, level=2))
            joinable = False
        else:
            blocks.append(_split_right(stripped))
            joinable = True
    return blocks


_PROSE_START = re.compile(r"[a-z]+[,;:.)]?(?:\s|$)")


def _continues(last: Block, line: str) -> bool:
    """Whether `line` is the rest of a wrapped bullet or sentence: it starts with a lowercase word
    after a long line, is indented under a bullet, or follows a line ending in a hyphen."""
    if last.text.endswith("-"):
        return True
    if last.kind == "bullet" and line[0].isspace():
        return True
    return len(last.text) >= 40 and bool(_PROSE_START.match(line.strip()))


def _split_right(line: str) -> Block:
    """A line with one wide gap after two or more words is a left part and a right-aligned part."""
    gaps = _GAP.findall(line)
    left, _, right = line.partition(gaps[0]) if len(gaps) == 1 else (line, "", "")
    if right and len(left.split()) >= 2:
        return Block("line", left, right=right)
    return Block("line", " ".join(line.split()))


SIDEBAR = {"skills", "education", "certifications", "courses", "awards", "activities"}


def split_columns(blocks: list[Block]) -> tuple[list[Block], list[Block], list[Block]]:
    """Header, sidebar and main column of a two-column resume: skills and education go to the side."""
    from kg.extract.layout import section_of

    header, side, main = [], [], []
    target = header
    for block in blocks:
        if block.kind == "heading" and (section := section_of(block.text, "resume")):
            target = side if section in SIDEBAR else main
        target.append(block)
    return header, side, main


# --- PDF (reportlab; Vera ships with it, so the text has a real ToUnicode map as in most PDFs) ---

def _pdf_styles():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
        pdfmetrics.registerFont(TTFont("VeraBd", "VeraBd.ttf"))
    body = ParagraphStyle("body", fontName="Vera", fontSize=9.5, leading=12, spaceAfter=2)
    return {"body": body,
            "bullet": ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2, bulletFontName="Vera"),
            "cell": ParagraphStyle("cell", parent=body, spaceAfter=0),
            "right": ParagraphStyle("right", parent=body, alignment=2),
            **{f"h{n}": ParagraphStyle(f"h{n}", parent=body, fontName="VeraBd", fontSize=size,
                                       leading=size * 1.25, spaceBefore=6, spaceAfter=3)
               for n, size in ((1, 16), (2, 12), (3, 10.5), (4, 10), (5, 10), (6, 10))}}


def _flowables(blocks: list[Block], width: float) -> list:
    """reportlab flowables for blocks: paragraphs, bullets, right-aligned dates, grid tables."""
    from reportlab.platypus import Paragraph, Table, TableStyle

    styles = _pdf_styles()
    out, rows = [], []

    def flush_table():
        if rows:
            ncols = max(len(r) for r in rows)
            data = [[Paragraph(escape(c), styles["cell"]) for c in r] + [""] * (ncols - len(r)) for r in rows]
            table = Table(data, colWidths=[width / ncols] * ncols)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "#888888"),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(table)
            rows.clear()

    for block in blocks:
        if block.kind == "row":
            rows.append(block.cells)
            continue
        flush_table()
        if block.kind == "heading":
            out.append(Paragraph(escape(block.text), styles[f"h{block.level}"]))
        elif block.kind == "bullet":
            out.append(Paragraph(escape(block.text), styles["bullet"], bulletText="•"))
        elif block.right:
            row = Table([[Paragraph(escape(block.text), styles["body"]),
                          Paragraph(escape(block.right), styles["right"])]],
                        colWidths=[width * 0.68, width * 0.32])
            row.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                     ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
            out.append(row)
        else:
            out.append(Paragraph(escape(block.text), styles["body"]))
    flush_table()
    return out


def write_pdf(text: str, path: Path, columns: int = 1) -> Path:
    """A PDF of the text: one column, or two (header on top, skills and education in a sidebar).

    Each column flows on by itself from page to page, drawn column after column, as word
    processors and HTML-to-PDF printers do.
    """
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Frame

    width, height = LETTER
    margin, gutter, side_width = 50, 18, 170
    full = width - 2 * margin
    blocks = to_blocks(text)
    header, side, main = split_columns(blocks) if columns == 2 else ([], [], blocks)
    side_flow = _flowables(side, side_width - 12)
    main_width = full - side_width - gutter if columns == 2 else full
    main_flow = _flowables(main, main_width - 12)
    canvas = Canvas(str(path), pagesize=LETTER, invariant=1)
    top = height - margin
    if header:
        header_flow = _flowables(header, full - 12)
        needed = sum(f.wrap(full - 12, height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                     for f in header_flow) + 16
        Frame(margin, top - needed, full, needed).addFromList(header_flow, canvas)
        top -= needed
    while side_flow or main_flow:
        before = len(side_flow) + len(main_flow)
        if columns == 2:
            Frame(margin, margin, side_width, top - margin).addFromList(side_flow, canvas)
        Frame(width - margin - main_width, margin, main_width, top - margin).addFromList(main_flow, canvas)
        canvas.showPage()
        top = height - margin
        if len(side_flow) + len(main_flow) == before:
            raise ValueError("a block does not fit on a page")
    canvas.save()
    return path


# --- DOCX (python-docx) ---

def write_docx(text: str, path: Path, header_blocks: int = 0) -> Path:
    """A Word document of the text: real headings, list paragraphs, tables; the first
    `header_blocks` blocks (name, contacts) go into the page header, as many templates put them."""
    import docx

    document = docx.Document()
    blocks = to_blocks(text)
    header = document.sections[0].header
    header.paragraphs[0].text = blocks[0].text if header_blocks else ""
    for block in blocks[1:header_blocks]:
        header.add_paragraph(block.text)
    rows: list[tuple[str, ...]] = []
    for block in blocks[header_blocks:] + [Block("end", "")]:
        if block.kind == "row":
            rows.append(block.cells)
            continue
        if rows:
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows), style="Table Grid")
            for cells, row in zip(rows, table.rows):
                for value, cell in zip(cells, row.cells):
                    cell.text = value
            rows = []
        if block.kind == "heading":
            document.add_heading(block.text, level=min(block.level, 9))
        elif block.kind == "bullet":
            document.add_paragraph(block.text, style="List Bullet")
        elif block.kind == "line":
            document.add_paragraph(block.text + (f"\t{block.right}" if block.right else ""))
    document.save(str(path))
    return path


# --- HTML ---

_HTML_HEAD = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body {{ font-family: sans-serif; }} .right {{ float: right; }} .hidden-cue::after {{ content: "Fortran"; }}</style>
<script>var skills = ["COBOL", "Haskell"]; document.title = "Erlang";</script>
</head><body>
<nav hidden><a href="/">Home</a> Perl jobs</nav>
<div style="display: none">Hidden: Visual Basic</div>
<!-- a comment naming Lisp -->
"""


def write_html(text: str, path: Path) -> Path:
    """An HTML page of the text, with the script, style, hidden and commented parts real pages carry
    (naming skills that must not be found: COBOL, Haskell, Erlang, Perl, Visual Basic, Lisp)."""
    blocks = to_blocks(text)
    out = [_HTML_HEAD.format(title=escape(blocks[0].text))]
    open_list = open_table = False
    for block in blocks:
        if open_list and block.kind != "bullet":
            out.append("</ul>")
            open_list = False
        if open_table and block.kind != "row":
            out.append("</table>")
            open_table = False
        if block.kind == "heading":
            out.append(f"<h{block.level}>{escape(block.text)}</h{block.level}>")
        elif block.kind == "bullet":
            out.append(("" if open_list else "<ul>") + f"<li>{escape(block.text)}</li>")
            open_list = True
        elif block.kind == "row":
            out.append(("" if open_table else "<table>") + "<tr>"
                       + "".join(f"<td>{escape(c)}</td>" for c in block.cells) + "</tr>")
            open_table = True
        elif block.right:
            out.append(f'<div>{escape(block.text)} <span class="right">{escape(block.right)}</span></div>')
        else:
            out.append(f"<p>{escape(block.text)}</p>")
    out.append("</ul>" if open_list else "</table>" if open_table else "")
    out.append("</body></html>\n")
    path.write_text("\n".join(out), encoding="utf-8")
    return path


# --- JSON Resume ---

def write_json_resume(text: str, path: Path) -> Path | None:
    """A JSON Resume (https://jsonresume.org/schema) of a resume's text, None for a job posting.

    JSON Resume is data, not a layout: it holds what a person would type into its fields, here the
    fields extracted from the plain text, so this row measures the reader's way back to the same
    extraction. The schema has no team, so entries told apart only by their team are written alike;
    they stay apart, as each entry is one position.
    """
    import json

    from kg.documents import Document, clean_text, guess_kind, repair_text
    from kg.extract import default_nlp, extract

    text = repair_text(clean_text(text))  # as read_document reads the original
    if guess_kind(text) != "resume":
        return None
    found = extract(Document(str(path), text, "", "resume", "txt"), default_nlp()).to_json()
    person = found["person"] or {}
    contacts = {"email": person.get("emails"), "phone": person.get("phones"), "url": person.get("urls")}
    resume = {
        "basics": {"name": person.get("name"), "location": {"city": person.get("location")},
                   **{key: values[0] for key, values in contacts.items() if values}},
        "work": [{"name": p["employer"], "position": p["title"], "location": p["location"],
                  "startDate": p["start"], "endDate": None if p["end"] == "present" else p["end"]}
                 for p in found["positions"]],
        "education": [{"institution": e["institution"], "studyType": e["degree"], "area": e["field"],
                       "endDate": e["end"]} for e in found["education"]],
        "skills": [{"name": "Skills", "keywords": [s["label"] for s in found["skills"]]}]}
    path.write_text(json.dumps(resume, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


# --- comparing extractions ---

def key_fields(extraction: dict) -> dict[str, object]:
    """The fields every format must agree on, from the extraction contract (`to_json()`)."""
    person = extraction["person"] or {}
    positions, education = extraction["positions"], extraction["education"]
    return {"person name": person.get("name"),
            "employers": [p["employer"] for p in positions],
            "titles": [p["title"] for p in positions],
            "institutions": [e["institution"] for e in education],
            "degrees": [e["degree"] for e in education],
            "skill ids": sorted(s["id"] for s in extraction["skills"])}


def agreement(expected: dict, found: dict) -> dict[str, bool]:
    """Which key fields of an extraction equal those of the plain-text original."""
    want, got = key_fields(expected), key_fields(found)
    return {name: want[name] == got[name] for name in KEY_FIELDS}


WRITERS = {
    "pdf": lambda text, path: write_pdf(text, path),
    "pdf (2 columns)": lambda text, path: write_pdf(text, path, columns=2),
    "docx": lambda text, path: write_docx(text, path, header_blocks=2),
    "html": write_html,
    "json resume": write_json_resume,
}
SUFFIX = {"pdf": ".pdf", "pdf (2 columns)": ".pdf", "docx": ".docx", "html": ".html", "json resume": ".json"}


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from kg.documents import read_document
    from kg.extract import default_nlp, extract

    nlp = default_nlp()
    examples = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md"))
    originals = {p: extract(read_document(p), nlp).to_json() for p in examples}
    print(f"{'format':<17}{'documents':>10}  " + "".join(f"{name:>13}" for name in KEY_FIELDS)
          + f"{'all fields':>12}{'ms/doc':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for name, write in WRITERS.items():
            scores, elapsed, misses = [], 0.0, []
            for source in examples:
                path = write(source.read_text(encoding="utf-8"), Path(folder) / (source.stem + SUFFIX[name]))
                if path is None:
                    continue  # a job posting has no JSON Resume
                started = time.perf_counter()
                found = extract(read_document(path), nlp).to_json()
                elapsed += time.perf_counter() - started
                scores.append(agreement(originals[source], found))
                misses += [f"{source.name}: {f}" for f, ok in scores[-1].items() if not ok]
            fields = "".join(f"{100 * sum(s[f] for s in scores) / len(scores):>12.0f}%" for f in KEY_FIELDS)
            overall = 100 * sum(all(s.values()) for s in scores) / len(scores)
            print(f"{name:<17}{len(scores):>10}  {fields}{overall:>11.0f}%{1000 * elapsed / len(scores):>9.1f}")
            if "-v" in sys.argv[1:] and misses:
                print("    differs: " + "; ".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
