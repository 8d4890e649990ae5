"""Documents: files in, `Document` records out (text, hash, kind), one clear error per bad file."""

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from .ontology import mint

KINDS = ("resume", "job_posting")
MAX_BYTES = 20_000_000  # a resume is kilobytes; anything bigger is a mistake or an attack


class DocumentError(Exception):
    """A file that cannot be read as a document; the message is one line naming the reason."""


@dataclass(frozen=True)
class Document:
    path: str  # absolute: one file, one document, wherever the build was started
    text: str
    sha256: str
    kind: str
    format: str

    @property
    def iri(self):
        """The document's IRI, also the name of the graph holding its facts (one per path)."""
        return document_iri(self.path)


def document_iri(path: str):
    """The IRI of the document read from `path`: the same file always maps to one graph."""
    return mint("doc", str(Path(path).resolve()))


def decode_text(data: bytes) -> str:
    """Bytes to text: BOMs first, then strict UTF-8, then Windows-1252; NUL-ridden bytes are refused.

    >>> decode_text("café".encode("utf-8")), decode_text("café".encode("cp1252"))
    ('café', 'café')
    >>> decode_text(b"\\xef\\xbb\\xbfhi"), decode_text("hi".encode("utf-16"))
    ('hi', 'hi')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if data.count(b"\x00") > len(data) // 100:
        raise DocumentError("binary content, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Normalise line ends and blank out control characters (form feeds, NULs from PDF text).

    Offsets of evidence refer to this text, so it is computed once per document.

    >>> clean_text("a\\r\\nb\\x0cc\\x00")
    'a\\nb\\nc '
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    return _CONTROL.sub(" ", text)


_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_BULLETS = re.compile(r"^([ \t]*)(?:[\uf0b7\uf0a7▪◦●•]|\(cid:127\))[ \t]*", re.M)
_BROKEN_WORD = re.compile(r"(?<![\w-])([A-Za-z]+)-\n[ \t]*([a-z]+)\b")
_SECTION = re.compile(
    r"(?:professional |work |relevant )?experience|employment(?: history)?|work history|education|"
    r"(?:technical |core )?skills|languages|certifications|projects|publications|awards|summary|profile|"
    r"interests|contact|references|volunteering|training|tools|technologies", re.I)


def repair_conversion(text: str) -> str:
    """Undo what PDF-to-text conversion does: broken words, ligatures, odd bullets, tables
    converted twice, and two columns read line by line across the page.

    >>> repair_conversion("built distri-\\nbuted ﬁne-tuning\\n\\uf0b7Python\\n▪  Go")
    'built distributed fine-tuning\\n• Python\\n• Go'
    """
    text = text.translate(_LIGATURES)
    text = _BULLETS.sub(r"\1• ", text)
    text = join_broken_words(text)
    text = drop_repeated_runs(text)
    return deinterleave_columns(text)


def join_broken_words(text: str) -> str:
    """Join a word hyphenated across a line break when the rest starts lowercase and the text
    never writes the word with a hyphen elsewhere ("data-\\ndriven" stays when "data-driven" occurs);
    the next line moves up, as the sentence it continues.

    >>> join_broken_words("paral-\\n  lelism and data-\\ndriven work; data-driven\\nPython-\\nGo")
    'parallelism and data-\\ndriven work; data-driven\\nPython-\\nGo'
    """
    def join(match: re.Match) -> str:
        head, rest = match.groups()
        return match.group(0) if _hyphenated(head, rest, text) else head + rest

    return _BROKEN_WORD.sub(join, text)


def _hyphenated(head: str, rest: str, text: str) -> bool:
    """Whether the text writes head-rest with a hyphen on one line: then the hyphen is real."""
    return re.search(rf"(?<![\w-]){re.escape(head)}-{re.escape(rest)}(?![\w-])", text) is not None


def drop_repeated_runs(text: str) -> str:
    """Drop a block that appears again verbatim later in the text, keeping its first copy:
    a run of three or more non-blank lines, or a paragraph of 200 characters or more (a table
    that a converter wrote twice, a sidebar repeated on every page).

    >>> drop_repeated_runs("A\\n| a | b |\\n| 1 | 2 |\\n| 3 | 4 |\\nB\\n| a | b |\\n| 1 | 2 |\\n| 3 | 4 |\\nC")
    'A\\n| a | b |\\n| 1 | 2 |\\n| 3 | 4 |\\nB\\nC'
    """
    lines = text.split("\n")
    clean = [line.strip() for line in lines]
    keep = [True] * len(lines)
    first: dict[tuple[str, ...], int] = {}
    i = 0
    while i < len(lines):
        size = 1 if len(clean[i]) >= 200 else 3
        key = tuple(clean[i:i + size])
        earlier = first.get(key)
        if len(key) == size and all(key) and earlier is not None and earlier + size <= i:
            while i + size < len(lines) and earlier + size < i and clean[i + size] and \
                    clean[i + size] == clean[earlier + size]:
                size += 1
            keep[i:i + size] = [False] * size
            i += size
            continue
        first.setdefault(key, i)
        i += 1
    return "\n".join(line for line, kept in zip(lines, keep) if kept)


def deinterleave_columns(text: str) -> str:
    """Put two columns back one after the other where a converter read them line by line.

    The only case detected: two section headings on consecutive lines ("SKILLS" / "EXPERIENCE"),
    which happens when two columns start side by side. The lines after them alternate between
    the columns until a blank line, a further heading or the end; the left column's lines go
    under the first heading and the right column's under the second. Anything else is left as it
    is: without positions, a wrong guess would scramble a document that was fine.

    >>> deinterleave_columns("SKILLS\\nEXPERIENCE\\nPython\\nEngineer, Acme\\nGo\\n2019 - 2021\\n\\nEDUCATION")
    'SKILLS\\nPython\\nGo\\nEXPERIENCE\\nEngineer, Acme\\n2019 - 2021\\n\\nEDUCATION'
    """
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i + 1 < len(lines) and _is_heading(lines[i]) and _is_heading(lines[i + 1]):
            end = i + 2
            while end < len(lines) and lines[end].strip() and not _is_heading(lines[end]):
                end += 1
            block = lines[i + 2:end]
            if len(block) >= 4:
                out += [lines[i], *block[0::2], lines[i + 1], *block[1::2]]
                i = end
                continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def _is_heading(line: str) -> bool:
    return bool(_SECTION.fullmatch(line.strip().strip(":")))


_OCR_AI = re.compile(r"(?<![\w-])Al(?![\w'’-])(?!\s+[A-Z][a-z]+\b(?!-))")


def repair_text(text: str) -> str:
    """Undo conversion damage, whatever the format: many .txt resumes are PDF conversions.

    Also the OCR misreading "Al" for "AI"; "Al" stays when a capitalised word follows ("Al Smith").

    >>> repair_text("open-source Al research; Unbox Al - CA; Al Pre-training Lead; Al Smith")
    'open-source AI research; Unbox AI - CA; AI Pre-training Lead; Al Smith'
    """
    return _OCR_AI.sub("AI", repair_conversion(text))


def read_plain(path: Path, data: bytes) -> str:
    return decode_text(data)


def _from_readers(name: str) -> Callable[[Path, bytes], str]:
    """A reader of kg.readers, imported on first use: kg.readers imports this module, and its
    libraries (pypdf, python-docx, lxml) stay out of `kg --help`."""
    def read(path: Path, data: bytes) -> str:
        from . import readers
        return getattr(readers, name)(path, data)
    read.__name__ = name
    return read


# The reader for each extension.
READERS: dict[str, Callable[[Path, bytes], str]] = {
    ".txt": read_plain, ".md": read_plain, ".markdown": read_plain,
    ".pdf": _from_readers("read_pdf"), ".docx": _from_readers("read_docx"),
    ".html": _from_readers("read_html"), ".htm": _from_readers("read_html"),
    ".json": _from_readers("read_json_resume")}

_POSTING_CUES = re.compile(
    r"^\s*(?:#+\s*)?(?:about the (?:job|role|team)|job description|responsibilities|key responsibilities|"
    r"what you(?:'|’)ll do|minimum qualifications|basic qualifications|preferred qualifications|"
    r"requirements|nice to have|qualifications|what we(?:'|’)re looking for|who you are|benefits)\b"
    r"|\b(?:we are (?:seeking|looking|hiring)|is seeking|are seeking|you will|join our|equal opportunity"
    r"|the ideal candidate)\b",
    re.I | re.M)
_RESUME_CUES = re.compile(
    r"^\s*(?:#+\s*)?(?:\W{0,3})(?:(?:professional |work |industry |relevant )?experience|education|"
    r"employment history|work history|publications|projects|certifications|summary|technical skills)\b"
    r"|\b(?:19|20)\d\d\s*(?:-|–|—|to)\s*(?:present|current|now|(?:19|20)\d\d)\b|@[\w-]+\.\w+",
    re.I | re.M)


def guess_kind(text: str) -> str:
    """Resume or job posting, from section headings and phrasing.

    >>> guess_kind("About the job\\nResponsibilities\\nWe are seeking engineers. You will build...")
    'job_posting'
    >>> guess_kind("Ada Lovelace\\nada@example.com\\nExperience\\nEngineer, Acme 2019 - 2021\\nEducation")
    'resume'
    """
    head = text[:20000]
    posting = len(_POSTING_CUES.findall(head))
    resume = len(_RESUME_CUES.findall(head))
    return "job_posting" if posting > resume else "resume"


def read_document(path, kind: str | None = None, max_bytes: int = MAX_BYTES) -> Document:
    """Read one file into a Document, or raise DocumentError with a one-line reason."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise DocumentError(f"unsupported file type {path.suffix or '(none)'!r} (supported: {known})")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(f"too large: {size:,} bytes (limit {max_bytes:,}; see --max-bytes)")
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(exc.strerror or str(exc)) from None
    text = repair_text(clean_text(reader(path, data)))
    if not text.strip():
        raise DocumentError("no text")
    if kind is not None and kind not in KINDS:
        raise DocumentError(f"unknown kind {kind!r} (choose from {', '.join(KINDS)})")
    return Document(path=str(path.resolve()), text=text, sha256=hashlib.sha256(data).hexdigest(),
                    kind=kind or guess_kind(text), format=path.suffix.lower().lstrip("."))


def iter_paths(paths) -> Iterator[Path]:
    """Files under `paths`: files as given, folders walked recursively in sorted order.

    In folders only files with a known reader are taken, hidden ones skipped; symlinked folders
    are not followed, so a link loop cannot trap the walk and nothing outside them is read.
    """
    for given in paths:
        root = Path(given)
        if root.is_dir():
            for folder, dirs, files in os.walk(root):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and Path(name).suffix.lower() in READERS:
                        yield Path(folder) / name
        else:
            yield root
