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


_OCR_AI = re.compile(r"(?<![\w-])Al(?![\w'’-])(?!\s+[A-Z][a-z]+\b(?!-))")


def repair_text(text: str) -> str:
    """Undo common conversion damage that keeps offsets: the OCR misreading "Al" for "AI".

    "Al" stays when a capitalised word follows, as in a name ("Al Smith").

    >>> repair_text("open-source Al research; Unbox Al - CA; Al Pre-training Lead; Al Smith")
    'open-source AI research; Unbox AI - CA; AI Pre-training Lead; Al Smith'
    """
    return _OCR_AI.sub("AI", text)


def read_plain(path: Path, data: bytes) -> str:
    return decode_text(data)


# The reader for each extension; PDF, DOCX, HTML and JSON Resume readers register here.
READERS: dict[str, Callable[[Path, bytes], str]] = {".txt": read_plain, ".md": read_plain, ".markdown": read_plain}

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
