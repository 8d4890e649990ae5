"""Documents: files in, `Document` records out (text, hash, kind), one clear error per bad file."""

import errno
import hashlib
import operator
import os
import re
import stat
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterator

from .ontology import mint
from .errors import KgError

KINDS = ("resume", "job_posting")


class DocumentError(KgError):
    """A file that cannot be read as a document; the message is one line naming the reason."""


def limit(name: str, default: int) -> int:
    """A limit on what one file may cost, from the environment variable `name` when it is set.

    Every limit is read here, when kg starts (worker processes inherit them).

    >>> limit("KG_NO_SUCH_LIMIT", 7)
    7
    """
    value = os.environ.get(name, "").replace("_", "").replace(",", "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise KgError(f"{name} must be a positive whole number, not {os.environ[name]!r}")
    return int(value)


# A resume is kilobytes of text; anything far bigger is a mistake or an attack, and extraction
# time grows with it, so each file is refused past these (the PDF and DOCX readers add their own).
MAX_BYTES = limit("KG_MAX_BYTES", 20_000_000)  # size of the file (`kg build --max-bytes` too)
MAX_CHARS = limit("KG_MAX_CHARS", 300_000)  # characters of text, about 100 pages
MAX_LINE = limit("KG_MAX_LINE", 10_000)  # characters in one line: evidence quotes are cut from lines


@dataclass(frozen=True)
class Entry:
    """A record a structured file states (a JSON Resume's person, a job, a degree) and the lines of the
    document's text written from it: its facts need no reading back, and those lines are their evidence.

    Fields carry the names of the mention they become ("employer", "title", "start"…), only those
    stated; the first line is the entry's headline (the person's name, a job's title and employer, a
    degree and its school), the last ends its body (a job's highlights).
    """

    kind: str  # person | position | education
    fields: tuple[tuple[str, str], ...]  # (field, value) pairs: a tuple, so a Document stays hashable
    lines: tuple[int, int]  # first and last line index in the text


@dataclass(frozen=True)
class Rendered:
    """What a reader of structured data returns instead of text: the text it wrote, what kind of
    document the data is, and the entries. The text was written clean and is kept as it is (no
    repair), as the entries' line numbers index it."""

    text: str
    kind: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Document:
    path: str  # absolute: one file, one document, wherever the build was started
    text: str
    sha256: str
    kind: str
    format: str
    entries: tuple[Entry, ...] | None = None  # what a structured file (JSON Resume) states; None: text only

    @cached_property
    def iri(self):
        """The document's IRI, also the name of the graph holding its facts (one per path); kept, as
        it resolves the path on disk and extraction, RDF and the index each ask for it."""
        return document_iri(self.path)


def document_iri(path: str):
    """The IRI of the document read from `path`: the same file always maps to one graph."""
    return mint("doc", str(Path(path).resolve()))


_SIGNATURES = ((b"%PDF-", "a PDF"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
               (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive, e.g. a DOCX"),
               (b"\xd0\xcf\x11\xe0", "an old Word/Office file"), (b"{\\rtf", "an RTF document"),
               (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"), (b"\x1f\x8b", "a gzip archive"),
               (b"\x7fELF", "a program"))


def sniff(data: bytes) -> str:
    """What a file looks like from its first bytes, for an error message naming the mistake.

    >>> sniff(b"\\x89PNG\\r\\n"), sniff(b"PK\\x03\\x04..."), sniff(b"<html>")
    ('a PNG image', 'a ZIP archive, e.g. a DOCX', 'text or an unknown format')
    """
    for magic, name in _SIGNATURES:
        if data.startswith(magic):
            return name
    return "text or an unknown format"


# C0 control bytes that text never holds (tab, line ends, form feed and escape are let through)
_BINARY_BYTES = bytes([*range(0x00, 0x09), *range(0x0e, 0x1b), *range(0x1c, 0x20)])


def decode_text(data: bytes) -> str:
    """Bytes to text: BOMs first, UTF-16 without one, then strict UTF-8, then Windows-1252.

    Known binary formats, and bytes of which over 1% are control codes, are refused.

    >>> decode_text("café".encode("utf-8")), decode_text("café".encode("cp1252"))
    ('café', 'café')
    >>> decode_text(b"\\xef\\xbb\\xbfhi"), decode_text("hi".encode("utf-16")), decode_text("hi!".encode("utf-16-be"))
    ('hi', 'hi', 'hi!')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if encoding := _utf16_without_bom(data):
        return data.decode(encoding, errors="replace")
    if (looks := sniff(data)) != "text or an unknown format":
        raise DocumentError(f"binary content, not text (it looks like {looks})")
    if len(data) - len(data.translate(None, _BINARY_BYTES)) > len(data) // 100:
        raise DocumentError("binary content, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes are Latin-script UTF-16 written without a BOM:
    every other byte NUL, the others not (Windows tools write such files)."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd >= 0.9 * half and even <= 0.01 * half:
        return "utf-16-le"
    if even >= 0.9 * half and odd <= 0.01 * half:
        return "utf-16-be"
    return None


# blanked: C0 and C1 controls, lone surrogates and the non-characters U+FFFE/U+FFFF, which XML 1.0
# forbids (exports write XML) and terminals obey; removed: bidirectional formatting marks, which
# are invisible, split names and can reorder what a terminal shows
_CONTROLS = r"\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
_MARKS = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL, _BIDI = re.compile(f"[{_CONTROLS}]"), re.compile(f"[{_MARKS}]")
_CONTROL_OR_BIDI = re.compile(f"[{_CONTROLS}{_MARKS}]")  # one scan tells whether either is needed


def clean_text(text: str) -> str:
    """Normalise line ends, blank out control characters (form feeds, NULs from PDF text) and drop
    bidirectional marks.

    Offsets of evidence refer to this text, so it is computed once per document.

    >>> clean_text("a\\r\\nb\\x0cc\\x00 \\u202eAda\\u202c\\x85")
    'a\\nb\\nc  Ada '
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    if not _CONTROL_OR_BIDI.search(text):  # ordinary text: one scan instead of two
        return text
    return _CONTROL.sub(" ", _BIDI.sub("", text))


_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_LIGATURE = re.compile("[" + "".join(map(chr, _LIGATURES)) + "]")
_BULLETS = re.compile(r"^([ \t]*)(?:[\uf0b7\uf0a7▪◦●•]|\(cid:127\))[ \t]*", re.M)
_BULLET = re.compile(r"[\uf0b7\uf0a7▪◦●•]")  # what _BULLETS needs but "(cid:127)": a quicker search without ^
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
    if _LIGATURE.search(text):  # str.translate costs as much as the rest of the repair on any text
        text = text.translate(_LIGATURES)
    if _BULLET.search(text) or "(cid:127)" in text:
        text = _BULLETS.sub(r"\1• ", text)
    text = join_broken_words(text)
    text = drop_repeated_runs(text)
    return deinterleave_columns(text)


_HYPHENATED = re.compile(r"(?<![\w-])([A-Za-z]+)-([a-z]+)(?![\w-])")


def join_broken_words(text: str) -> str:
    """Join a word hyphenated across a line break when the rest starts lowercase and the text
    never writes the word with a hyphen elsewhere ("data-\\ndriven" stays when "data-driven" occurs);
    the next line moves up, as the sentence it continues.

    The words written with a hyphen on one line are collected once: searching the text for each
    broken word took time growing with the square of the text.

    >>> join_broken_words("paral-\\n  lelism and data-\\ndriven work; data-driven\\nPython-\\nGo")
    'parallelism and data-\\ndriven work; data-driven\\nPython-\\nGo'
    """
    if "-\n" not in text:  # nothing broken: spare both scans
        return text
    hyphenated = set(_HYPHENATED.findall(text))

    def join(match: re.Match) -> str:
        head, rest = match.groups()
        return match.group(0) if (head, rest) in hyphenated else head + rest

    return _BROKEN_WORD.sub(join, text)


def drop_repeated_runs(text: str) -> str:
    """Drop a block that appears again verbatim later in the text, keeping its first copy:
    a run of three or more non-blank lines, or a paragraph of 200 characters or more (a table
    that a converter wrote twice, a sidebar repeated on every page).

    >>> drop_repeated_runs("A\\n| a | b |\\n| 1 | 2 |\\n| 3 | 4 |\\nB\\n| a | b |\\n| 1 | 2 |\\n| 3 | 4 |\\nC")
    'A\\n| a | b |\\n| 1 | 2 |\\n| 3 | 4 |\\nB\\nC'
    """
    lines = text.split("\n")
    clean = [line.strip() for line in lines]
    blocks = [line for line in clean if line]
    if len(set(blocks)) == len(blocks):  # no line repeats, so no block does
        return text
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
    heading = [_is_heading(line) for line in lines]
    if not any(map(operator.and_, heading, heading[1:])):  # the usual case: no two headings in a row
        return text
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i + 1 < len(lines) and heading[i] and heading[i + 1]:
            end = i + 2
            while end < len(lines) and lines[end].strip() and not heading[end]:
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


# "Al" not after a word character or hyphen (the look-behind spans "Al": a pattern starting with the
# literal lets re search for it quickly rather than try the look-behind at every position), not
# followed by one either, nor by a capitalised word
_OCR_AI = re.compile(r"Al(?<![\w-]Al)(?![\w'’-])(?!\s+[A-Z][a-z]+\b(?!-))")


def repair_text(text: str) -> str:
    """Undo conversion damage, whatever the format: many .txt resumes are PDF conversions.

    Also the OCR misreading "Al" for "AI"; "Al" stays when a capitalised word follows ("Al Smith").

    >>> repair_text("open-source Al research; Unbox Al - CA; Al Pre-training Lead; Al Smith")
    'open-source AI research; Unbox AI - CA; AI Pre-training Lead; Al Smith'
    """
    return _OCR_AI.sub("AI", repair_conversion(text))


def read_plain(path: Path, data: bytes) -> str:
    return decode_text(data)


def _from_readers(name: str) -> Callable[[Path, bytes], str | Rendered]:
    """A reader of kg.readers, imported on first use: kg.readers imports this module, and its
    libraries (pypdf, python-docx, lxml) stay out of `kg --help`."""
    def read(path: Path, data: bytes) -> str | Rendered:
        from . import readers
        return getattr(readers, name)(path, data)
    read.__name__ = name
    return read


# The reader for each extension: text, or text written from structured data.
READERS: dict[str, Callable[[Path, bytes], str | Rendered]] = {
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
    r"employment history|work history|publications|projects|certifications|summary|technical skills)"
    r"[\W_]*$"  # a heading line, not a posting's "• Experience with Kafka"
    r"|\b(?:19|20)\d\d\s*(?:-|–|—|to)\s*(?:present|current|now|(?:19|20)\d\d)\b|@[\w-]+\.\w+",
    re.I | re.M)
# a phrase every match of _POSTING_CUES holds, lower-cased: a text without any cannot match it (keep
# in step with _POSTING_CUES; tests/test_extract.py tries a cue of each branch)
_POSTING_WORDS = ("about the", "job description", "responsibilities", "what you", "qualifications", "requirements",
                  "nice to have", "what we", "who you are", "benefits", "we are", "seeking", "you will", "join our",
                  "equal opportunity", "the ideal candidate")
# the characters re.IGNORECASE matches to an ASCII letter although str.lower() does not turn them into it
_ODD_CASE = ("\u0130", "\u0131", "\u017f")  # İ ı ſ


def _may_match(text: str, words: tuple[str, ...]) -> bool:
    """Whether a case-insensitive pattern whose every match holds one of these lower-case `words`
    may match `text`: a cheaper test than the pattern's search, which tries it at every position.

    >>> _may_match("We Are hiring", ("we are",)), _may_match("weare", ("we are",)), _may_match("WE ARE", ("we",))
    (True, False, True)
    """
    lowered = text.lower()
    return any(word in lowered for word in words) or any(c in text for c in _ODD_CASE)


def guess_kind(text: str) -> str:
    """Resume or job posting, from section headings and phrasing.

    >>> guess_kind("About the job\\nResponsibilities\\nWe are seeking engineers. You will build...")
    'job_posting'
    >>> guess_kind("Ada Lovelace\\nada@example.com\\nExperience\\nEngineer, Acme 2019 - 2021\\nEducation")
    'resume'
    >>> guess_kind("About the job\\nRequirements\\n• Experience with Kafka\\n• Experience with Go\\n• Experience with SQL")
    'job_posting'
    """
    head = text[:20000]
    if not _may_match(head, _POSTING_WORDS):  # most resumes: no cue of a posting, so never more of them
        return "resume"
    posting = len(_POSTING_CUES.findall(head))
    resume = len(_RESUME_CUES.findall(head))
    return "job_posting" if posting > resume else "resume"


def read_document(path, kind: str | None = None, max_bytes: int = MAX_BYTES) -> Document:
    """Read one file into a Document, or raise DocumentError with a one-line reason.

    A symbolic link is not followed (`iter_paths` resolves those given by name).
    """
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise DocumentError(f"unsupported file type {path.suffix or '(none)'!r} (supported: {known})")
    if kind is not None and kind not in KINDS:
        raise DocumentError(f"unknown kind {kind!r} (choose from {', '.join(KINDS)})")
    data = read_file(path, max_bytes)
    absolute = str(path.resolve())
    if _BAD_NAME.search(absolute):
        raise DocumentError("the file's path holds control characters or bytes that are not UTF-8: rename it")
    read = reader(path, data)
    if isinstance(read, Rendered):  # written clean; its entries' line numbers index the text as it is
        check_size(read.text)
        text, stated_kind, entries = read.text, read.kind, read.entries
    else:
        text = clean_text(read)
        check_size(text)
        text, stated_kind, entries = repair_text(text), None, None
    if not text.strip():
        raise DocumentError("no text")
    return Document(path=absolute, text=text, sha256=hashlib.sha256(data).hexdigest(),
                    kind=kind or stated_kind or guess_kind(text), format=path.suffix.lower().lstrip("."),
                    entries=entries)


# controls, bidirectional marks, and the surrogates that stand for bytes of a name that are not UTF-8
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, refused without reading when larger.

    A symbolic link is refused rather than followed (a link in a folder may point anywhere), and
    so is anything that is not a regular file: reading a named pipe or a device never ends.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ELOOP or path.is_symlink():
            raise DocumentError("a symbolic link: links inside folders are not followed (give the file itself)") from None
        raise DocumentError(exc.strerror or str(exc)) from None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(f"not a regular file ({_file_type(info.st_mode)})")
        if info.st_size > max_bytes:
            raise DocumentError(f"too large: {info.st_size:,} bytes (limit {max_bytes:,}; see --max-bytes)")
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DocumentError(f"too large: over {max_bytes:,} bytes (it grew while read; see --max-bytes)")
    return data


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a file"


def check_size(text: str) -> None:
    """Refuse text past MAX_CHARS, or with a line past MAX_LINE, before the work that grows with it.

    >>> check_size("Ada\\n" + "x" * 20_000)
    Traceback (most recent call last):
    kg.documents.DocumentError: line 2 has 20,000 characters (limit 10,000; see KG_MAX_LINE)
    """
    if len(text) > MAX_CHARS:
        raise DocumentError(f"too much text: {len(text):,} characters (limit {MAX_CHARS:,}; see KG_MAX_CHARS)")
    lengths = [len(line) for line in text.split("\n")]
    if max(lengths) > MAX_LINE:
        longest = lengths.index(max(lengths))
        raise DocumentError(f"line {longest + 1:,} has {lengths[longest]:,} characters "
                            f"(limit {MAX_LINE:,}; see KG_MAX_LINE)")


def iter_paths(paths) -> Iterator[Path]:
    """Files under `paths`, each once (see iter_files)."""
    return (Path(path) for path, _ in iter_files(paths))


def iter_files(paths) -> Iterator[tuple[str, str]]:
    """(file, its real path: the key a store knows it by) under `paths`, each file once: files as
    given, folders walked recursively in sorted order.

    In folders only files with a known reader are taken, hidden ones skipped. Symbolic links are
    followed only when given by name: a link in a folder is yielded as it is and `read_document`
    refuses it, and linked folders are not entered, so a link loop cannot trap the walk and no
    file outside the given paths is read.
    """
    seen: set[str] = set()
    for path, real in _walk(paths):
        if real not in seen:
            seen.add(real)
            yield path, real


def _walk(paths) -> Iterator[tuple[str, str]]:
    for given in paths:
        root = Path(given)
        if root.is_dir():
            yield from _walk_folder(str(root), os.path.realpath(root))
        else:
            real = os.path.realpath(root)
            yield (real if root.is_symlink() else str(root)), real


def _walk_folder(top: str, real_top: str) -> Iterator[tuple[str, str]]:
    """A folder's files, then its subfolders' (as os.walk goes), each folder listed once: its entries
    tell links and folders apart without a system call a file (os.walk, os.path.islink and a Path a
    file took 0.3 s at 10,000 files, before every build). A stack, not recursion: a hostile tree
    thousands of folders deep is walked like any other."""
    todo = [(top, real_top)]
    while todo:
        folder, real = todo.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            continue  # a folder that cannot be listed is passed over, as os.walk does
        folders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not entry.is_symlink():
                    folders.append(entry.name)
            elif os.path.splitext(entry.name)[1].lower() in READERS:
                path = os.path.join(folder, entry.name)
                yield path, os.path.abspath(path) if entry.is_symlink() else os.path.join(real, entry.name)
        todo += [(os.path.join(folder, name), os.path.join(real, name)) for name in reversed(folders)]
