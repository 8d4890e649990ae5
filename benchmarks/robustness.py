"""Robustness of `kg build` and of the commands that take names: hostile inputs, builds killed at
random points, SPARQL injection. Prints what was tried and what was lost, which must be nothing.

    python benchmarks/robustness.py [--rounds 20] [--docs 60] [--seed 7]

1. The hostile corpus: 60-odd files (empty, binary, bombs, XXE, symlink loops, extreme but valid
   resumes...) built with four good ones by one `kg build`; each bad file must get its one-line
   reason, every document must land exactly as a build of it alone, no secret file outside the
   folder may be read and no network connection made.
2. Crash rounds: `kg build --workers 2` killed with SIGKILL (after a random delay spread over what
   is left of the build, or a random moment into one of its bulk loads), again and again until a
   build completes; after each kill every document in the store must equal its clean build, and a
   completed store must equal an uninterrupted build. A first build, then rebuilds where a third
   of the files changed (documents replaced).
3. Injection: payloads that would break out of a SPARQL string or IRI, given to who-knows,
   explain, match, person, path, neighbors, query and sparql; each must be an "unknown ..."
   error (or no rows) and the store must not change.

tests/test_hostile.py and tests/test_crash.py import this module, as tests/test_readers.py imports
formats.py: the corpus, the rounds and the payloads are defined once.
"""

import argparse
import hashlib
import importlib.util
import io
import json
import os
import random
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import zipfile
import zlib
from dataclasses import dataclass, field
from itertools import cycle
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLES = ROOT / "examples"
GOOD = ("ada_okafor.md", "mei_tanaka.txt", "tom_becker.txt", "job_inference.txt")  # copied into the hostile corpus
SECRET = "TOPSECRET-4711"  # written outside the corpus: no build may read it
BUILT = "built"  # the outcome of a case that is a document, however odd
NOT_WALKED = "not walked"  # a linked folder: the walk does not enter it, so nothing names it
# triples two builds of the same files may differ in: when each document was read, and the
# store's write generation (which the who-knows index matches)
VOLATILE = ("<https://w3id.org/careerkg/ns#ingestedAt>", "<https://w3id.org/careerkg/ns#generation>")
MARKER = "https://w3id.org/careerkg/ns#sha256"
REFERENCE = "https://w3id.org/careerkg/graph/"
META = REFERENCE + "meta"  # the hashes of the reference graphs, recorded once they are loaded
PENDING = "kg.pending"  # kg.store.PENDING: the flag of a bulk load under way
# characters XML 1.0 forbids: no literal of the store may hold one (exports write XML)
FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _sibling(name: str):
    """A module of this folder (formats.py), loaded by path: tests import this file the same way."""
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- 1. the hostile corpus ---

@dataclass(frozen=True)
class Context:
    """What the makers of cases need: the secret outside the corpus and a port nobody may call."""

    outside: Path
    port: int

    @property
    def secret(self) -> Path:
        return self.outside / "secret.txt"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/xxe"


@dataclass(frozen=True)
class Case:
    name: str  # file name in the corpus folder
    what: str  # the hostile input, in the words of the issue
    outcome: str  # BUILT, NOT_WALKED, or a regular expression the one-line reason must match
    make: Callable[[Path, Context], None]
    explicit: bool = False  # named on the command line: a folder walk skips unknown file types


def resume(name: str = "tom_becker.txt") -> str:
    return (EXAMPLES / name).read_text(encoding="utf-8")


def data(content: bytes | Callable[[Context], bytes]):
    """A maker writing fixed bytes (or bytes computed from the context)."""
    def make(path: Path, ctx: Context) -> None:
        path.write_bytes(content(ctx) if callable(content) else content)
    return make


def text(content: str):
    return data(content.encode("utf-8"))


def link(target: str | Callable[[Context], Path]):
    def make(path: Path, ctx: Context) -> None:
        os.symlink(target(ctx) if callable(target) else target, path)
    return make


def copy_of(name: str):
    def make(path: Path, ctx: Context) -> None:
        shutil.copy(EXAMPLES / name, path)
    return make


def fifo(path: Path, ctx: Context) -> None:
    os.mkfifo(path)


def sparse(size: int):
    """A file of `size` bytes that takes no disk space: reading it would still take seconds."""
    def make(path: Path, ctx: Context) -> None:
        with open(path, "wb") as f:
            f.truncate(size)
    return make


def junk(size: int, seed: int = 5) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(1, 256) for _ in range(size))


def sprinkle(body: str, marks: list[str], every: int = 97) -> str:
    """The text with the marks inserted in turn every `every` characters, between words."""
    out, i = [], 0
    for start in range(0, len(body), every):
        chunk = body[start:start + every]
        cut = chunk.rfind(" ")
        if cut > 0:
            chunk = chunk[:cut] + marks[i % len(marks)] + chunk[cut:]
            i += 1
        out.append(chunk)
    return "".join(out)


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF written by hand from its objects (1 0 obj first), for structures no writer makes."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_stream(content: bytes, deflate: bool = False) -> bytes:
    if deflate:
        content = zlib.compress(content, 9)
    return (b"<< /Length %d %s>>\nstream\n" % (len(content), b"/Filter /FlateDecode " if deflate else b"")
            + content + b"\nendstream")


_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
_PAGE = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
         b"/Resources << /Font << /F1 5 0 R >> >> >>")
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_HELLO = pdf_stream(b"BT /F1 12 Tf 72 720 Td (Ada Okafor, machine learning engineer) Tj ET")


def one_page_pdf(content: bytes = _HELLO, pages: bytes = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 catalog: bytes = _CATALOG) -> bytes:
    return raw_pdf([catalog, pages, _PAGE, content, _FONT])


def many_pages_pdf() -> bytes:
    """10,000 pages in 2 KB: a page tree whose 100 branches all share one node of 100 pages."""
    branch = b"<< /Type /Pages /Parent 2 0 R /Kids [" + b"3 0 R " * 100 + b"] /Count 100 >>"
    return raw_pdf([_CATALOG, b"<< /Type /Pages /Kids [" + b"6 0 R " * 100 + b"] /Count 10000 >>",
                    _PAGE, _HELLO, _FONT, branch])


def reportlab_pdf(ctx: Context, **canvas_options) -> bytes:
    from reportlab.pdfgen.canvas import Canvas
    buffer = io.BytesIO()
    canvas = Canvas(buffer, **canvas_options)
    canvas.drawString(72, 720, "Ada Okafor, machine learning engineer")
    canvas.save()
    return buffer.getvalue()


def encrypted_pdf(ctx: Context) -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    return reportlab_pdf(ctx, encrypt=StandardEncryption("secret", canPrint=0))


def scanned_pdf(ctx: Context) -> bytes:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas
    image = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(image).text((20, 80), "Ada Okafor - Experience - Netflix", fill="black")
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawImage(ImageReader(image), 50, 500, width=500, height=160)
    canvas.save()
    return buffer.getvalue()


def docx_bytes(change: Callable[[bytes], bytes] = lambda xml: xml, extra: dict[str, bytes] | None = None,
               body: str = "Ada Okafor\nada.okafor@example.com\n\nEXPERIENCE\nEngineer, Acme Robotics\n2019 - 2021\n"
                           "- Built Kafka pipelines in Python.\n") -> bytes:
    """A DOCX written by python-docx, its word/document.xml changed by `change`, other parts added."""
    with tempfile.TemporaryDirectory() as folder:
        source = _sibling("formats").write_docx(body, Path(folder) / "base.docx")
        buffer = io.BytesIO()
        with zipfile.ZipFile(source) as original, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for entry in original.infolist():
                part = original.read(entry)
                target.writestr(entry.filename, change(part) if entry.filename == "word/document.xml" else part)
            for name, part in (extra or {}).items():
                target.writestr(name, part)
    return buffer.getvalue()


def with_doctype(xml: bytes, doctype: bytes, before: bytes, after: bytes) -> bytes:
    """document.xml with a DOCTYPE after its XML declaration and `before` replaced by `after`."""
    head, _, rest = xml.partition(b"?>")
    return head + b"?>" + doctype + rest.replace(before, after, 1)


def xxe_docx(ctx: Context) -> bytes:
    doctype = (b'<!DOCTYPE w:document [<!ENTITY file SYSTEM "file://%s"> <!ENTITY web SYSTEM "%s">'
               b' <!ENTITY %% remote SYSTEM "%s"> %%remote;]>' % (str(ctx.secret).encode(), ctx.url.encode(),
                                                                 ctx.url.encode()))
    return docx_bytes(lambda xml: with_doctype(xml, doctype, b"Acme Robotics", b"Acme &file; &web; Robotics"))


def laughs_docx(ctx: Context) -> bytes:
    entities = b"".join(b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10 if i else b"ha")
                        for i in range(10))
    return docx_bytes(lambda xml: with_doctype(xml, b"<!DOCTYPE w:document [%s]>" % entities,
                                               b"Acme Robotics", b"Acme &l9; Robotics"))


def external_links_docx(ctx: Context) -> bytes:
    """An image and a hyperlink stored outside the file, and an XInclude of the secret."""
    rels = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
            b'openxmlformats.org/package/2006/relationships"><Relationship Id="rIdX1" Type="http://schemas.'
            b'openxmlformats.org/officeDocument/2006/relationships/image" Target="%s" TargetMode="External"/>'
            b'</Relationships>' % ctx.url.encode())
    include = (b'<w:p><w:r><w:t>Acme</w:t></w:r><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
               b'href="file://%s" parse="text"/></w:p>' % str(ctx.secret).encode())

    def change(xml: bytes) -> bytes:
        return xml.replace(b"<w:sectPr", include + b"<w:sectPr", 1)
    return docx_bytes(change, extra={"word/_rels/header9.xml.rels": rels})


def zip_bomb_docx(ctx: Context) -> bytes:
    return docx_bytes(lambda xml: xml.replace(b"<w:body>", b"<w:body>" + b" " * 80_000_000, 1))


def many_entries_docx(ctx: Context) -> bytes:
    return docx_bytes(extra={f"extra/item{i}.xml": b"<x/>" for i in range(5_000)})


def zip_without_document(ctx: Context) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "Ada Okafor")
    return buffer.getvalue()


def html_page(ctx: Context) -> bytes:
    """A resume page whose scripts, styles, handlers and frames name what a reader never sees."""
    body = resume().replace("\n", "<br>\n")
    return (b"<html><head><script>document.write('Skills: COBOL')</script><style>p::after{content:'Haskell'}"
            b"</style><meta http-equiv='refresh' content='0;url=%s'><link rel='stylesheet' href='%s'></head>"
            b"<body onload=\"fetch('%s')\"><iframe src='file://%s'></iframe><img src='%s' onerror='x()'>"
            b"<p>%s</p><script src='%s'></script><noscript>Erlang</noscript></body></html>"
            % (ctx.url.encode(), ctx.url.encode(), ctx.url.encode(), str(ctx.secret).encode(), ctx.url.encode(),
               body.encode(), ctx.url.encode()))


def xxe_html(ctx: Context) -> bytes:
    return (b'<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY file SYSTEM "file://%s"> <!ENTITY web SYSTEM "%s">]>'
            b"<html><body><h1>Ada Okafor</h1><p>ada.okafor@example.com</p><h2>Experience</h2>"
            b"<p>Engineer, Acme &file; &web; Robotics</p><p>2019 - 2021</p></body></html>"
            % (str(ctx.secret).encode(), ctx.url.encode()))


def xxe_rdf(ctx: Context) -> bytes:
    return (b'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY file SYSTEM "file://%s"> <!ENTITY web SYSTEM '
            b'"%s">]>\n'
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            b'xmlns:skos="http://www.w3.org/2004/02/skos/core#"><rdf:Description rdf:about="https://example.org/x">'
            b"<skos:prefLabel>&file; &web;</skos:prefLabel></rdf:Description></rdf:RDF>"
            % (str(ctx.secret).encode(), ctx.url.encode()))


def json_resume(document) -> bytes:
    return json.dumps(document).encode()


def surrogates_json(ctx: Context) -> bytes:
    """Lone surrogates, a non-character, NUL and control escapes, which JSON can spell and XML cannot hold."""
    return (b'{"basics": {"name": "Ada \\ud800Okafor\\u0000", "email": "ada.okafor@example.com", "label": '
            b'"\\u0001\\u001b[31mEngineer\\uffff\\udfff"}, "work": [{"name": "Acme\\u0007 Robotics", '
            b'"position": "Engineer\\u000b", "startDate": "2019-01", "highlights": ["Built Kafka\\u0085 pipelines."]}]}')


def cases() -> list[Case]:
    """Every hostile input with what `kg build` must make of it."""
    base = resume()
    body = base.split("\n", 1)[1]
    words = [f"Tool{i:05d}" for i in range(50_000)]
    return [
        Case("empty.txt", "empty file", r"no text", data(b"")),
        Case("whitespace.md", "only whitespace", r"no text", data(b" \n\t\r\n   \n\xc2\xa0\n")),
        Case("junk.txt", "binary junk", r"binary content, not text", data(junk(4096))),
        Case("nul_flood.txt", "NUL bytes (a third of the file)", r"binary content, not text",
             data(b"Ada\x00\x00Okafor\x00" * 400)),
        Case("png.txt", "a PNG renamed .txt", r"binary content, not text \(it looks like a PNG image\)",
             data(b"\x89PNG\r\n\x1a\n" + bytes(200))),
        Case("pdf.txt", "a PDF renamed .txt", r"binary content, not text \(it looks like a PDF\)",
             data(one_page_pdf())),
        Case("docx.md", "a DOCX renamed .md", r"binary content, not text \(it looks like a ZIP archive",
             data(lambda ctx: docx_bytes())),
        Case("invalid_utf8.txt", "invalid UTF-8 (read as Windows-1252)", BUILT,
             data(base.replace("Becker", "B\xe9cker").encode("cp1252") + b"\x81\x8d\xff\n")),
        Case("utf16le_no_bom.txt", "UTF-16 (little-endian) without BOM", BUILT, data(base.encode("utf-16-le"))),
        Case("utf16be_no_bom.md", "UTF-16 (big-endian) without BOM", BUILT,
             data(resume("ada_okafor.md").encode("utf-16-be"))),
        Case("big_200mb.txt", "a 200 MB text file", r"too large: 200,000,000 bytes \(limit 20,000,000",
             sparse(200_000_000)),
        Case("one_line_1mb.txt", "a 1 MB single line", r"too much text: 1,000,000 characters \(limit 300,000",
             text(("Python Kafka engineer " * 50_000)[:1_000_000])),
        Case("long_line.txt", "a 50,000-character line in a resume", r"line \d+ has 50,000 characters \(limit 10,000",
             text(base + "Skills: " + ("Python " * 10_000)[:49_992] + "\n")),
        Case("nul_bytes.txt", "a resume with NUL bytes", BUILT, text(sprinkle(base, ["\x00"], 211))),
        Case("control_chars.txt", "a resume with control characters", BUILT,
             text(sprinkle(base, [chr(c) for c in (*range(1, 9), 11, 12, *range(14, 32), 127)], 131))),
        Case("c1_and_nonchars.md", "C1 controls, U+FFFE/U+FFFF, BOMs inside the text", BUILT,
             text(sprinkle(resume("ada_okafor.md"), ["\x85", "\x9b", "\ufffe", "\uffff", "\ufeff"], 173))),
        Case("rtl_marks.txt", "right-to-left marks and overrides", BUILT,
             text("\u202eAda\u202c \u200fOkafor\u200f\n" + sprinkle(body, ["\u200f", "\u202e", "\u2067", "\u061c"]))),
        Case("long_name.txt", "a name of 10,000 characters", BUILT, text("Ada " + "Okafor" * 1666 + "\n" + body)),
        Case("skills_50k.txt", "50,000 skills in one file", r"too much text: [\d,]+ characters \(limit 300,000",
             text(base + "\nSkills\n" + "\n".join("Tools: " + ", ".join(words[i:i + 100])
                                                  for i in range(0, len(words), 100)) + "\n")),
        Case("esc\x1b[31mred.txt", "a file name with a terminal escape",
             r"the file's path holds control characters", text(base)),
        Case(os.fsdecode(b"latin1-\xe9.txt"), "a file name that is not UTF-8",
             r"the file's path holds control characters or bytes that are not UTF-8", text(base)),
        Case("link_outside.txt", "a symlink to a file outside the given folder", r"a symbolic link",
             link(lambda ctx: ctx.secret)),
        Case("link_loop_a.txt", "a symlink loop", r"a symbolic link", link("link_loop_b.txt")),
        Case("link_loop_b.txt", "a symlink loop (the other end)", r"a symbolic link", link("link_loop_a.txt")),
        Case("dangling.md", "a symlink to nothing", r"a symbolic link", link("nowhere.txt")),
        Case("loop", "a symlinked folder looping to its parent", NOT_WALKED, link(".")),
        Case("outside", "a symlinked folder pointing outside", NOT_WALKED, link(lambda ctx: ctx.outside)),
        Case("pipe.txt", "a named pipe (reading it never ends)", r"not a regular file \(a named pipe\)", fifo),
        Case("png.pdf", "a PNG renamed .pdf", r"not a PDF \(it looks like a PNG image\)",
             data(b"\x89PNG\r\n\x1a\n" + bytes(200))),
        Case("truncated.pdf", "a truncated PDF", r"broken PDF: |no text layer",
             data(lambda ctx: reportlab_pdf(ctx)[:600])),
        Case("encrypted.pdf", "an encrypted PDF", r"encrypted PDF \(it needs a password\)", data(encrypted_pdf)),
        Case("many_pages.pdf", "a PDF bomb: 10,000 pages in 2 KB", r"too many pages: 10000 \(limit 50\)",
             data(many_pages_pdf())),
        Case("zlib_bomb.pdf", "a PDF bomb: a stream inflating to 100 MB",
             r"broken PDF: a stream inflates past the limit",
             data(one_page_pdf(pdf_stream(b"BT /F1 12 Tf (x) Tj ET\n" + b" " * 100_000_000, deflate=True)))),
        Case("drawing_bomb.pdf", "a PDF bomb: 5 MB of drawing instructions on a page",
             r"too complex: over 4,000,000 bytes of page content",
             data(one_page_pdf(pdf_stream(b"0 0 m 1 1 l S\n" * 400_000, deflate=True)))),
        Case("page_loop.pdf", "a PDF whose page tree is a loop", r"broken PDF: ",
             data(one_page_pdf(pages=b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"))),
        Case("nested.pdf", "a PDF nesting arrays 100,000 deep", r"broken PDF: ",
             data(one_page_pdf(catalog=b"<< /Type /Catalog /Pages 2 0 R /X " + b"[" * 100_000 + b"]" * 100_000
                               + b" >>"))),
        Case("scanned.pdf", "a scanned PDF (an image, no text layer)", r"no text layer", data(scanned_pdf)),
        Case("not_zip.docx", "a DOCX that is not a zip", r"not a DOCX file \(not a zip archive",
             text("Ada Okafor\nExperience\n")),
        Case("truncated.docx", "a truncated DOCX", r"not a DOCX file \(a damaged zip archive",
             data(lambda ctx: docx_bytes()[:3000])),
        Case("no_document.docx", "a zip without word/document.xml", r"not a DOCX file \(no document.xml",
             data(zip_without_document)),
        Case("zip_bomb.docx", "a zip bomb DOCX (80 MB inflated)", r"broken DOCX: inflates to [\d,]+ bytes",
             data(zip_bomb_docx)),
        Case("many_entries.docx", "a DOCX of 5,000 zip entries", r"broken DOCX: 5,0\d\d zip entries",
             data(many_entries_docx)),
        Case("damaged_xml.docx", "a DOCX whose XML is cut short", r"broken DOCX: ",
             data(lambda ctx: docx_bytes(lambda xml: xml[:len(xml) // 2]))),
        Case("xxe.docx", "a DOCX with external entities (file://, http://, parameter)", BUILT, data(xxe_docx)),
        Case("laughs.docx", "a DOCX with a billion-laughs entity", r"broken DOCX: ", data(laughs_docx)),
        Case("external_links.docx", "a DOCX with an external image and an XInclude", BUILT,
             data(external_links_docx)),
        Case("scripts.html", "HTML with scripts, styles, handlers and frames", BUILT, data(html_page)),
        Case("only_scripts.html", "HTML with nothing but scripts", r"no text",
             text("<html><head><script>alert('Ada Okafor')</script></head><body><script>x()</script></body></html>")),
        Case("xxe.html", "XHTML with external entities", BUILT, data(xxe_html)),
        Case("deep.html", "HTML nested 100,000 elements deep", r"no text",
             text("<div>" * 100_000 + "Ada Okafor" + "</div>" * 100_000)),
        Case("junk.html", "binary junk as .html", r"binary content, not text", data(junk(4096, seed=6))),
        Case("invalid.json", "invalid JSON", r"invalid JSON: ", text('{"basics": {"name": "Ada"')),
        Case("not_resume.json", "JSON that is not a JSON Resume", r"not a JSON Resume", text('[1, 2, 3]')),
        Case("deep.json", "JSON nested 100,000 deep", r"invalid JSON: nested too deeply",
             text("[" * 100_000 + "]" * 100_000)),
        Case("surrogates.json", "a JSON Resume with lone surrogates, NUL and control escapes", BUILT,
             data(surrogates_json)),
        Case("wrong_types.json", "a JSON Resume with every field of the wrong type", BUILT,
             data(json_resume({"basics": {"name": "Ada Okafor", "email": ["x"], "location": "Lagos",
                                          "profiles": "none"}, "work": {"name": 3},
                               "education": [None, 7, {"institution": {"a": 1}}], "skills": "Python"}))),
        Case("evil.rdf", "RDF/XML with an external entity", r"unsupported file type '\.rdf'", data(xxe_rdf),
             explicit=True),
        Case("evil.xml", "XML with an external entity", r"unsupported file type '\.xml'", data(xxe_rdf),
             explicit=True),
        Case("no_suffix", "a file without a suffix", r"unsupported file type '\(none\)'", text(base), explicit=True),
    ]


def write_corpus(folder: Path, ctx: Context) -> list[Case]:
    """The hostile cases and the good documents written into `folder`; the secret file outside it."""
    ctx.outside.mkdir(parents=True, exist_ok=True)
    ctx.secret.write_text(f"{SECRET}\nSkills: Python, Kafka\n")
    folder.mkdir(parents=True, exist_ok=True)
    written = cases() + [Case(name, "a good document", BUILT, copy_of(name)) for name in GOOD]
    for case in written:
        case.make(folder / case.name, ctx)
    return written


class Listener:
    """A TCP port on 127.0.0.1 that counts connections: an entity or link resolved over the
    network would knock on it."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen()
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.socket.close()


def run_kg(*args, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """The real command line in a fresh process, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, env={**os.environ, **(env or {})},
                          errors="backslashreplace")


@dataclass
class HostileReport:
    inputs: int = 0  # files written into the corpus (the linked folders included)
    failures_handled: int = 0  # bad files refused with their one-line reason
    built: int = 0  # documents (good or merely odd) in the store, as a build of them alone
    problems: list[str] = field(default_factory=list)  # anything else: must stay empty


def build_hostile(work: Path, store: Path, listener: Listener) -> tuple[list[Case], subprocess.CompletedProcess]:
    """Write the corpus under `work` and build it into `store` with one `kg build`."""
    folder = work / "corpus"
    written = write_corpus(folder, Context(work / "outside", listener.port))
    explicit = [folder / c.name for c in written if c.explicit]
    return written, run_kg("--store", store, "build", "--workers", "1", folder, *explicit)


def shown(path: Path) -> str:
    """A path as `kg` prints it through a pipe: click drops ANSI escapes there, and Python writes
    the bytes of a name that are not UTF-8 as backslash escapes on stderr."""
    import click
    return click.unstyle(str(path)).encode("utf-8", "backslashreplace").decode()


def check_hostile(folder: Path, store: Path, written: list[Case], result: subprocess.CompletedProcess,
                  listener: Listener) -> HostileReport:
    """Each case against the build's output and the store; problems are listed, not raised."""
    report = HostileReport(inputs=len(written))
    given = [c for c in written if c.outcome != NOT_WALKED]
    _check_messages(folder, written, result, report)
    _check_store(folder, store, given, report)
    if listener.connections:
        report.problems.append(f"{listener.connections} network connections to the listener")
    return report


def _check_messages(folder: Path, written: list[Case], result: subprocess.CompletedProcess,
                    report: HostileReport) -> None:
    """One stderr line per bad file, naming it and matching its reason; "added" for the others;
    nothing about the linked folders; no line naming no file; the summary and exit code 1."""
    lines, added = result.stderr.splitlines(), result.stdout.splitlines()
    given = [c for c in written if c.outcome != NOT_WALKED]
    for case in given:
        path = shown(folder / case.name)
        said = [line[len(path) + 2:] for line in lines if line.startswith(path + ": ")]
        if case.outcome == BUILT:
            if f"    added  {path}" not in added:
                report.problems.append(f"{case.name} ({case.what}): not built: {said}")
        elif len(said) != 1 or not re.match(case.outcome, said[0]):
            report.problems.append(f"{case.name} ({case.what}): expected one line matching {case.outcome!r}, "
                                   f"got {said}")
        else:
            report.failures_handled += 1
    report.problems += [f"{c.name} ({c.what}): walked" for c in written
                        if c.outcome == NOT_WALKED and str(folder / c.name) in result.stdout + result.stderr]
    named = tuple(shown(folder / c.name) + ": " for c in given)
    report.problems += [f"a line naming no file: {line!r}" for line in lines
                        if not line.startswith(named) and not re.fullmatch(r"\d+ of \d+ files failed", line)]
    summary = f"{sum(c.outcome != BUILT for c in given)} of {len(given)} files failed"
    if result.returncode != 1 or summary not in lines:
        report.problems.append(f"exit code {result.returncode}, summary {lines[-1:]} (expected {summary!r})")


def _check_store(folder: Path, store: Path, given: list[Case], report: HostileReport) -> None:
    """Exactly the built documents, each as a build of it alone; no forbidden character, no secret."""
    from kg.store import open_store
    built = {os.path.realpath(folder / c.name) for c in given if c.outcome == BUILT}
    with open_store(str(store), read_only=True) as opened:
        documents = set(opened.documents())
    if documents != built:
        report.problems.append(f"store documents differ: {sorted(documents ^ built)}")
    report.built = len(documents)
    report.problems += [f"{name}: differs from a build of it alone" for name in differing_documents(store, built)]
    report.problems += [f"a literal holds a character XML forbids: {q[:120]!r}" for q in forbidden_literals(store)]
    if any(SECRET in q for q in store_quads(store)):
        report.problems.append("the secret outside the corpus is in the store")


def differing_documents(store: Path, paths) -> list[str]:
    """The documents whose graph in `store` differs from a build of their file alone."""
    from kg.documents import document_iri
    from kg.pipeline import build
    from kg.store import open_store
    from kg.terms import to_ox
    graphs = graph_contents(store)
    alone = open_store(":memory:")  # one store for the reference graphs; a build per file
    differing = []
    for path in sorted(paths):
        build([path], alone)
        iri = document_iri(path)
        expected = {" ".join(str(to_ox(term)) for term in quad[:3]) for quad in alone.quads(iri)
                    if f"<{quad[1]}>" not in VOLATILE}
        if graphs.get(str(iri)) != expected:
            differing.append(Path(path).name)
    return differing


# --- reading a store as its killer left it ---

def store_quads(store: Path):
    """Every quad of an on-disk store as N-Quads text, read without kg (no lock, no checks)."""
    import pyoxigraph as ox
    for quad in ox.Store.read_only(str(store)).quads_for_pattern(None, None, None, None):
        yield str(quad)


def graph_contents(store: Path, wanted: Callable[[str], bool] = lambda graph: True) -> dict[str, set[str]]:
    """Graph IRI → its triples as text (subject predicate object), the VOLATILE ones left out: two
    builds of the same files differ only there. IRIs are minted, never blank nodes, so text compares.
    Only the graphs `wanted` says yes to are read (the reference graphs are half of a small store)."""
    import pyoxigraph as ox
    database = ox.Store.read_only(str(store))
    graphs: dict[str, set[str]] = {}
    for graph in database.named_graphs():
        if wanted(graph.value):
            graphs[graph.value] = {f"{q.subject} {q.predicate} {q.object}"
                                   for q in database.quads_for_pattern(None, None, None, graph)
                                   if str(q.predicate) not in VOLATILE}
    return graphs


def documents_and_meta(graph: str) -> bool:
    return not graph.startswith(REFERENCE) or graph == META


def forbidden_literals(store: Path) -> list[str]:
    import pyoxigraph as ox
    return [str(q) for q in ox.Store.read_only(str(store)).quads_for_pattern(None, None, None, None)
            if isinstance(q.object, ox.Literal) and FORBIDDEN.search(q.object.value)]


def markers(graphs: dict[str, set[str]]) -> dict[str, str]:
    """Document graph → the sha256 its marker records (graphs without one are orphans)."""
    found = {}
    for graph, triples in graphs.items():
        for triple in triples:
            if triple.startswith(f"<{graph}> <{MARKER}> "):
                found[graph] = triple.split(" ", 2)[2]
    return found


# --- 2. builds killed at random points ---

class BuildServer:
    """A process that has imported kg and built the extraction pipeline, forking one `kg build`
    per request: a round costs its build, not the seconds Python and spaCy take to start."""

    def __init__(self, batch_bytes: int):
        self.process = subprocess.Popen([sys.executable, __file__, "--serve-builds", str(batch_bytes)], cwd=ROOT,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)

    def _line(self) -> str:
        """One line of the server's answer, read byte by byte: a buffered reader would hide it from select."""
        out = b""
        while not out.endswith(b"\n"):
            byte = self.process.stdout.read(1)
            if not byte:
                raise RuntimeError("the build server died")
            out += byte
        return out.decode().strip()

    def run(self, args: list[str], kill_after: float | None = None,
            kill_when: Callable[[], bool] | None = None) -> tuple[bool, int]:
        """Run `kg ARGS`; SIGKILL it after `kill_after` seconds, or as soon as `kill_when()` is true
        (checked every 5 ms). Returns (killed, exit status)."""
        self.process.stdin.write((json.dumps(args) + "\n").encode())
        pid = int(self._line())
        deadline = None if kill_after is None else time.monotonic() + kill_after
        while True:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            finished, _, _ = select.select([self.process.stdout], [], [], 0.005 if kill_when else wait)
            if finished:
                break
            if (deadline is not None and time.monotonic() >= deadline) or (kill_when and kill_when()):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass  # it ended as the delay did
                break
        status = int(self._line())
        return os.WIFSIGNALED(status), os.waitstatus_to_exitcode(status)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


def serve_builds(batch_bytes: int) -> None:
    """The build server's side: fork `kg` for each JSON list of arguments read from stdin, print
    the child's pid, then its wait status."""
    from kg import pipeline
    from kg.extract import default_nlp
    pipeline.BATCH_BYTES = batch_bytes  # smaller store writes, more of them: more kills land inside one
    default_nlp()
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            _run_child(json.loads(line))
        print(pid, flush=True)
        print(os.waitpid(pid, 0)[1], flush=True)


def _run_child(args: list[str]) -> None:
    from kg.cli import main
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    code = 70
    try:
        main(args, prog_name="kg")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(code)


@dataclass
class Version:
    """One state of the corpus files, and the store an uninterrupted build of them gives."""

    name: str
    files: dict[Path, bytes]  # what each file that changes between versions holds in this one
    graphs: dict[str, set[str]] = field(default_factory=dict)
    quads: int = 0

    def write(self) -> None:
        for path, content in self.files.items():
            path.write_bytes(content)

    def expected(self, graph: str, sha: str) -> set[str] | None:
        """The clean graph of a document when `sha` is its marker in this version."""
        triples = self.graphs.get(graph, set())
        return triples if f"<{graph}> <{MARKER}> {sha}" in triples else None


@dataclass
class CrashReport:
    kills: int = 0  # builds killed with SIGKILL
    completed: int = 0  # builds run to the end, each compared with the uninterrupted one
    documents_checked: int = 0  # documents in the store after a kill, each compared with its clean build
    orphans: int = 0  # half-written graphs seen after a kill (the next open for writing drops them)
    facts_lost: int = 0  # triples of a clean build missing from a document or a completed store
    stray_facts: int = 0  # triples that no clean build has
    problems: list[str] = field(default_factory=list)


class CrashRounds:
    """Builds of one generated corpus killed at random points, and the checks after each.

    Chains of rounds: a first build into an empty store, then rebuilds where a third of the files
    changed (version A to B and back), each killed again and again until a build completes.
    """

    def __init__(self, work: Path, docs: int, seed: int, say=print):
        self.work, self.say, self.rng = work, say, random.Random(seed)
        self.corpus, self.store = work / "corpus", work / "store"
        subprocess.run([sys.executable, str(HERE / "corpus.py"), str(docs), str(self.corpus), "--seed", "3"],
                       check=True, capture_output=True)
        files = sorted(p for p in self.corpus.rglob("*") if p.is_file())
        self.changing = self.rng.sample(files, len(files) // 3)
        self.versions = {"A": Version("A", {p: p.read_bytes() for p in self.changing}),
                         "B": Version("B", {p: p.read_bytes() + b"\nSkills: Rust, Terraform\n" for p in self.changing})}
        self.report = CrashReport()
        self.server = BuildServer(batch_bytes=150_000)  # about 3 documents

    def run(self, rounds: int) -> CrashReport:
        try:
            self._clean_builds()
            self.say(f"clean builds: {len(self.versions['A'].files) * 3} documents in {self.first:.1f} s, "
                     f"{len(self.changing)} replaced in {self.rebuild:.1f} s, {self.idle:.1f} s with nothing to do")
            chains = cycle([("A", "B"), ("B", "A")])
            start, target = None, "A"
            while self.report.kills < rounds and self.report.completed < rounds:
                self._chain(start, self.versions[target], rounds)
                start, target = next(chains)
        finally:
            self.server.close()
        return self.report

    def _build(self, store: Path, kill_after: float | None = None, kill_when=None) -> tuple[bool, int]:
        return self.server.run(["--store", str(store), "build", "--workers", "2", "-q", str(self.corpus)],
                               kill_after, kill_when)

    def _clean_builds(self) -> None:
        """Uninterrupted builds of both versions (B as a rebuild of A), timed to spread the kills."""
        a, b = self.versions["A"], self.versions["B"]
        a.write()
        self.first = self._timed(self.work / "clean-A")
        shutil.copytree(self.work / "clean-A", self.work / "clean-B")
        b.write()
        self.rebuild = self._timed(self.work / "clean-B")
        self.idle = self._timed(self.work / "clean-B")
        for version in a, b:
            version.graphs = graph_contents(self.work / f"clean-{version.name}")
            version.quads = quad_count(self.work / f"clean-{version.name}")

    def _timed(self, store: Path) -> float:
        started = time.perf_counter()
        self._build(store)
        return time.perf_counter() - started

    def _chain(self, start: str | None, target: Version, rounds: int) -> None:
        """Build `target` from the clean store of `start` (or none), killing it until it completes."""
        shutil.rmtree(self.store, ignore_errors=True)
        if start:
            shutil.copytree(self.work / f"clean-{start}", self.store)
        target.write()
        duration, work = (self.rebuild, len(self.changing)) if start else (self.first, len(markers(target.graphs)))
        state = graph_contents(self.store, documents_and_meta) if start else {}
        reference_checked = bool(start)
        while True:
            left = self._missing(state, target) / work
            killed, code, when = self._kill(duration, left) if left and self.report.kills < rounds else \
                (*self._build(self.store), "")
            if not killed:
                self._check_completed(code, target)
                return
            self.report.kills += 1
            state = graph_contents(self.store, documents_and_meta)
            present = self._check_documents(state)
            if not reference_checked and state.get(META) == target.graphs[META]:
                reference_checked = self._check_reference()
            self._check_readers(state, present)
            self.say(f"round {self.report.kills:>2}: killed {when}; {len(present)} documents complete, "
                     f"{self._missing(state, target)} to go")

    def _kill(self, duration: float, left: float) -> tuple[bool, int, str]:
        """One build killed, half the time after a delay spread over what is left of it (and a
        little past: about one in ten completes), half the time while it writes to the store."""
        if self.rng.random() < 0.5:
            delay = self.rng.uniform(0.0, 1.1 * (self.idle + (duration - self.idle) * min(1.0, left)))
            return (*self._build(self.store, kill_after=delay), f"after {delay:.1f} s")
        jitter = self.rng.uniform(0.0, 0.3)
        writing = (self.store / PENDING).exists

        def late_in_a_write() -> bool:
            if writing():
                time.sleep(jitter)
                return True
            return False
        return (*self._build(self.store, kill_when=late_in_a_write), f"{jitter:.2f} s into a bulk load")

    def _missing(self, state: dict[str, set[str]], target: Version) -> int:
        """How many documents the store lacks in `target`."""
        present = markers(state)
        return sum(1 for graph, sha in markers(target.graphs).items() if present.get(graph) != sha)

    def _check_documents(self, state: dict[str, set[str]]) -> dict[str, str]:
        """Every document present (marked) equals the clean build of the file version it records."""
        present = markers(state)
        for graph, sha in present.items():
            expected = next((e for v in self.versions.values() if (e := v.expected(graph, sha)) is not None), None)
            if expected is None:
                self.report.problems.append(f"{graph}: marker {sha} of no version")
                continue
            self.report.documents_checked += 1
            self._count(expected, state[graph], graph)
        return present

    def _check_reference(self) -> bool:
        """Once their hashes are recorded, the reference graphs (taxonomy, closure...) are whole."""
        clean = self.versions["A"].graphs
        state = graph_contents(self.store, lambda graph: graph.startswith(REFERENCE))
        for graph in (g for g in clean if g.startswith(REFERENCE)):
            if state.get(graph) != clean[graph]:
                self.report.problems.append(f"{graph} incomplete although recorded as loaded")
        return True

    def _check_readers(self, state: dict[str, set[str]], present: dict[str, str]) -> None:
        """Half-written graphs exist only under the flag; readers are refused them, the next open
        for writing drops them, and otherwise kg lists exactly the marked documents."""
        from kg.store import StoreError, open_store
        orphans = [g for g in state if g not in present and not g.startswith(REFERENCE)]
        pending = (self.store / PENDING).exists()
        self.report.orphans += len(orphans)
        if orphans and not pending:
            self.report.problems.append(f"{len(orphans)} half-written graphs without the flag")
        try:
            with open_store(str(self.store), read_only=True) as reader:
                if len(reader.documents()) != len(present):
                    self.report.problems.append("the documents kg lists differ from the marked graphs")
        except StoreError as exc:
            if not pending or "interrupted" not in str(exc):
                self.report.problems.append(f"read-only open: {exc}")
        if pending:
            open_store(str(self.store)).close()
            again = graph_contents(self.store, documents_and_meta)
            if (self.store / PENDING).exists() or set(again) - set(markers(again)) - {META}:
                self.report.problems.append("half-written graphs survive an open for writing")

    def _check_completed(self, code: int, target: Version) -> None:
        """A completed build converges: the store equals the uninterrupted build of its version."""
        self.report.completed += 1
        state = graph_contents(self.store)
        if code != 0:
            self.report.problems.append(f"a build exited with {code}")
        for graph in state.keys() | target.graphs.keys():
            self._count(target.graphs.get(graph, set()), state.get(graph, set()), graph)
        if quad_count(self.store) != target.quads:
            self.report.problems.append(f"{quad_count(self.store)} quads after a completed build, "
                                        f"{target.quads} in an uninterrupted one")
        self.say(f"          completed: {'the same as' if state == target.graphs else 'DIFFERENT from'} "
                 f"an uninterrupted build of version {target.name}")

    def _count(self, expected: set[str], found: set[str], graph: str) -> None:
        lost, stray = len(expected - found), len(found - expected)
        self.report.facts_lost += lost
        self.report.stray_facts += stray
        if lost or stray:
            self.report.problems.append(f"{graph}: {lost} triples lost, {stray} stray")


def quad_count(store: Path) -> int:
    import pyoxigraph as ox
    return len(ox.Store.read_only(str(store)))


# --- 3. SPARQL injection ---

PAYLOADS = [
    '"} ; DROP ALL ; #',
    "> } UNION { ?s ?p ?o",
    "' ; DELETE WHERE { ?s ?p ?o } ; '",
    'Python" . ?s ?p ?o . FILTER("1"="1',
    "https://w3id.org/careerkg/person/x> } UNION { GRAPH ?g { ?s ?p ?o } } #",
    "<https://schema.org/name>",
    "line one\n} UNION { ?s ?p ?o }",
    'back\\slash \\" } #',
    "http://exa mple.org/with space",
    "https://w3id.org/careerkg/org/x>\t<https://schema.org/name>",
    "?s",
    "*",
    ".*",
    "%",
    "' OR '1'='1",
    "\u202eevil",
]
PERSON = "Mei Tanaka"  # someone the hostile corpus names once (mei_tanaka.txt)
COMMANDS = [  # the payload goes where {} is
    ["who-knows", "{}"],
    ["explain", PERSON, "{}"],
    ["explain", "{}", "Python"],
    ["match", "{}"],
    ["person", "{}"],
    ["path", "{}", PERSON],
    ["neighbors", "{}"],
    ["query", "who_knows", "-p", "skill", "{}"],
    ["query", "career_path", "-p", "person", "{}"],
    ["sparql", "--format", "csv", "-p", "name", "{}",
     "SELECT ?p ?name WHERE { GRAPH ?g { ?p <https://schema.org/name> ?name } }"],
]
REFUSED = re.compile(r"^Error: (unknown (skill|person|posting|entity) |not a valid IRI: )|^p,name$")


@dataclass
class InjectionReport:
    tried: int = 0
    refused: int = 0  # answered "unknown ..." (or no rows), the store unchanged
    problems: list[str] = field(default_factory=list)


def try_injections(store: Path, payloads=PAYLOADS, commands=COMMANDS) -> InjectionReport:
    """Each payload through each command, in this process (the click command line, as typed): the
    answer must be an "unknown ..." or "not a valid IRI" error, or no rows, never data."""
    from click.testing import CliRunner
    from kg.cli import main
    report = InjectionReport()
    before = store_digest(store)
    runner = CliRunner()
    for payload in payloads:
        for command in commands:
            result = runner.invoke(main, ["--store", str(store)] + [payload if a == "{}" else a for a in command])
            report.tried += 1
            output = result.output.strip()
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                report.problems.append(f"{command[0]} {payload!r}: {type(result.exception).__name__}")
            elif not REFUSED.search(output) or len(output.splitlines()) > 1:
                report.problems.append(f"{command[0]} {payload!r}: {output[:200]!r}")
            else:
                report.refused += 1
    if store_digest(store) != before:
        report.problems.append("the store changed")
    return report


def store_digest(store: Path) -> str:
    return hashlib.sha256("\n".join(sorted(store_quads(store))).encode()).hexdigest()


# --- the report ---

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="builds to kill (default 20)")
    parser.add_argument("--docs", type=int, default=60, help="documents in the crash corpus (default 60)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--serve-builds", type=int, metavar="BATCH_BYTES", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_builds:
        serve_builds(args.serve_builds)
        return 0
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        listener = Listener()
        written, result = build_hostile(work / "hostile", work / "hostile-store", listener)
        hostile = check_hostile(work / "hostile" / "corpus", work / "hostile-store", written, result, listener)
        listener.close()
        injections = try_injections(work / "hostile-store")
        crashes = CrashRounds(work / "crash", args.docs, args.seed, say=lambda line: print("  " + line)).run(args.rounds)
    problems = hostile.problems + injections.problems + crashes.problems
    print(f"inputs tried        {hostile.inputs:>5}   ({hostile.failures_handled} refused with their reason, "
          f"{hostile.built} built)")
    print(f"failures handled    {hostile.failures_handled:>5}")
    print(f"crashes survived    {crashes.kills if not crashes.problems else 0:>5}   ({crashes.kills} SIGKILLs, "
          f"{crashes.documents_checked} documents checked after them, {crashes.orphans} half-written graphs "
          f"dropped, {crashes.completed} completed builds compared)")
    print(f"injections tried    {injections.tried:>5}   ({injections.refused} refused, store unchanged)")
    print(f"facts lost          {crashes.facts_lost:>5}   ({crashes.stray_facts} stray)")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    return 1 if problems or crashes.facts_lost else 0


if __name__ == "__main__":
    sys.exit(main())
