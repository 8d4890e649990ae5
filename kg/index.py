"""The who-knows index: a small SQLite file beside the store, derived from it, for instant answers.

On 100k documents, SPARQL needs seconds to join a popular skill's knowers with their positions
(Oxigraph evaluates OPTIONAL and large joins slowly), so `kg build` also writes one row per
(document, person, concept, position) here, from the same extraction, with per-(person, concept)
sums packed per concept and the skills' labels: `who-knows` finds the skills and ranks the people
here. The SPARQL path stays the reference: tests check both agree, and the index is used only
while its generation equals the store's (any write marks it stale first; a stale index is
ignored until the next build rebuilds it).

The same file answers the list and aggregate named queries (queries/*.rq: documents, people,
top_skills, job_candidates, people_at_organization, ...), which Oxigraph takes seconds to tens of
seconds to answer at 100,000 documents: a few rows per document more (its path, kind and warnings;
its people and their names; the organizations it names; its positions, educations, job postings
with the skills they want, and candidate concepts) are read from each document's quads, by
`document_rows`, in the build's workers and in `Index.rebuild` alike; the organizations' hierarchy
comes from the store's reference graph. `ANSWERS` mirrors each .rq in SQL, to the same rows in the
same order; where the .rq takes an arbitrary SAMPLE, the index takes the least value.
"""

import datetime as dt
import itertools
import math
import sqlite3
import uuid
from collections import defaultdict
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from rdflib import URIRef

from .lookup import SKILL_LABELS
from .ontology import GRAPH, minted_text
from .rows import Rows
from .terms import to_ox

FILE = "kg-index.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS iris (id INTEGER PRIMARY KEY, iri TEXT UNIQUE); -- documents, concepts, positions, organizations
CREATE TABLE IF NOT EXISTS usage (doc INTEGER, person INTEGER, concept INTEGER, position INTEGER, start TEXT, last TEXT,
    PRIMARY KEY (concept, person, position, doc)) WITHOUT ROWID; -- a concept's rows side by side, by person
CREATE INDEX IF NOT EXISTS usage_doc ON usage (doc);
CREATE TABLE IF NOT EXISTS names (person TEXT PRIMARY KEY, name TEXT, employer TEXT, docs INTEGER) WITHOUT ROWID;
    -- everyone, as people lists them; without rowid, a name is one B-tree search (who_knows looks up 96,000 at 100k)
CREATE INDEX IF NOT EXISTS names_name ON names (name, person);
CREATE TABLE IF NOT EXISTS closure (concept TEXT, ancestor TEXT);
CREATE INDEX IF NOT EXISTS closure_ancestor ON closure (ancestor, concept);
CREATE TABLE IF NOT EXISTS labels (label TEXT, concept TEXT);
CREATE INDEX IF NOT EXISTS labels_label ON labels (label);
CREATE INDEX IF NOT EXISTS usage_person ON usage (person, start, last); -- covers who-knows' detail rows (33 -> 6 ms at 100k)
CREATE TABLE IF NOT EXISTS people (id INTEGER PRIMARY KEY, person TEXT UNIQUE);
CREATE TABLE IF NOT EXISTS knows (concept INTEGER, person INTEGER, docs INTEGER, positions INTEGER,
    closed_months INTEGER, open_count INTEGER, open_start_sum INTEGER, last TEXT, quotes INTEGER,
    PRIMARY KEY (concept, person)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS knows_person ON knows (person);
CREATE TABLE IF NOT EXISTS packed (concept TEXT PRIMARY KEY, knows BLOB);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (doc TEXT PRIMARY KEY, path TEXT, kind TEXT, ingested TEXT, warnings TEXT);
CREATE INDEX IF NOT EXISTS documents_path ON documents (path, doc);
CREATE TABLE IF NOT EXISTS persons (doc TEXT, person TEXT, name TEXT);
CREATE INDEX IF NOT EXISTS persons_doc ON persons (doc);
CREATE INDEX IF NOT EXISTS persons_person ON persons (person, name, doc);
CREATE TABLE IF NOT EXISTS works (doc TEXT, person TEXT, org TEXT);
CREATE INDEX IF NOT EXISTS works_doc ON works (doc);
CREATE INDEX IF NOT EXISTS works_person ON works (person, org);
CREATE TABLE IF NOT EXISTS orgs (doc TEXT, org TEXT, name TEXT);
CREATE INDEX IF NOT EXISTS orgs_doc ON orgs (doc, org, name); -- covers an employer's name in a document
CREATE TABLE IF NOT EXISTS positions (doc TEXT, position TEXT, person TEXT, employer TEXT, title TEXT, team TEXT,
    start TEXT, ending TEXT, current TEXT);
CREATE INDEX IF NOT EXISTS positions_doc ON positions (doc);
CREATE INDEX IF NOT EXISTS positions_employer ON positions (employer, start, ending, person, doc); -- covers colleagues' spans
CREATE INDEX IF NOT EXISTS positions_person ON positions (person);
CREATE TABLE IF NOT EXISTS educations (doc TEXT, person TEXT, institution TEXT, degree TEXT, field TEXT, ending TEXT);
CREATE INDEX IF NOT EXISTS educations_doc ON educations (doc);
CREATE INDEX IF NOT EXISTS educations_institution ON educations (institution);
CREATE TABLE IF NOT EXISTS postings (doc TEXT, posting TEXT, title TEXT, organization TEXT, path TEXT,
    PRIMARY KEY (doc, posting)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS wanted (doc TEXT, posting TEXT, skill TEXT, required INTEGER,
    PRIMARY KEY (posting, required, skill, doc)) WITHOUT ROWID; -- a posting's skills side by side
CREATE INDEX IF NOT EXISTS wanted_doc ON wanted (doc);
CREATE TABLE IF NOT EXISTS candidates (doc TEXT, concept TEXT, label TEXT, quote TEXT, PRIMARY KEY (doc, concept)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS suborgs (org TEXT, ancestor TEXT, PRIMARY KEY (ancestor, org)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS used (concept INTEGER, org INTEGER, person INTEGER, doc INTEGER,
    PRIMARY KEY (concept, org, person, doc)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS used_doc ON used (doc);
CREATE TABLE IF NOT EXISTS orgnames (org TEXT PRIMARY KEY, name TEXT);
CREATE TABLE IF NOT EXISTS prefs (concept TEXT PRIMARY KEY, label TEXT, lang TEXT);
CREATE TABLE IF NOT EXISTS files (doc TEXT PRIMARY KEY, path TEXT, sha256 TEXT, version TEXT) WITHOUT ROWID;
    -- the store's documents as Store.documents lists them, which took 0.4 s of every build at 10,000 documents
CREATE INDEX IF NOT EXISTS files_path ON files (path);
CREATE TABLE IF NOT EXISTS hashes (path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, ctime INTEGER, inode INTEGER,
    sha256 TEXT, seen INTEGER) WITHOUT ROWID; -- files hashed, with their stat when hashed (kg.pipeline.Builder.changed)
"""
# the rows each document adds besides usage (kg.index.document_rows), removed with it
DOCUMENT_TABLES = {"documents": 5, "persons": 3, "works": 3, "orgs": 3, "positions": 9, "educations": 6, "postings": 5,
                   "wanted": 4, "candidates": 4, "files": 4}
_DROP = "".join(f"DROP TABLE IF EXISTS {table};"
                for table in ("usage", "names", "closure", "labels", "knows", "people", "packed", "meta", "documents",
                              "persons", "works", "orgs", "employers", "positions", "educations", "postings", "wanted",
                              "candidates", "suborgs", "orgnames", "prefs", "used", "iris", "files", "hashes"))
VERSION = "13"  # of the tables above: an index of another version is rebuilt, never read

# dates as month numbers (year * 12 + month), as months_between (kg.dates) counts them: a year
# alone runs January to December
_START = "(CAST(substr(start, 1, 4) AS INTEGER) * 12 + COALESCE(CAST(NULLIF(substr(start, 6, 2), '') AS INTEGER), 1))"
_END = "(CAST(substr(last, 1, 4) AS INTEGER) * 12 + COALESCE(CAST(NULLIF(substr(last, 6, 2), '') AS INTEGER), 12))"
# months of one usage row; present is the month asked (:today)
_MONTHS = f"""CASE WHEN start IS NULL OR last IS NULL THEN NULL
  WHEN last = 'present' THEN :today - {_START} ELSE {_END} - {_START} END"""
# usage rows summed per (person, concept) so that ranking reads one row per pair, a concept's rows
# side by side; months of the positions still open ("present") depend on the day asked, so their
# starts are kept as a sum. In usage, used and knows, people are ids in table people, and documents,
# concepts, positions (0: none) and organizations ids in table iris: IRIs as text made the file 4.5
# times bigger and a build's inserts 4 times slower (10,000 documents)
_KNOWS = f"""INSERT INTO knows
    SELECT concept, person, COUNT(DISTINCT doc), COUNT(DISTINCT NULLIF(position, 0)),
           SUM(CASE WHEN start IS NOT NULL AND last IS NOT NULL AND last != 'present' AND {_END} >= {_START}
                    THEN {_END} - {_START} END),
           SUM(start IS NOT NULL AND last = 'present'),
           SUM(CASE WHEN start IS NOT NULL AND last = 'present' THEN {_START} ELSE 0 END),
           MAX(CASE WHEN last = 'present' THEN '9999' ELSE last END), COUNT(*)
    FROM usage WHERE {{where}} GROUP BY person, concept"""
# each organization's least name, each person's least name, least current employer's name and documents
_ORGNAMES = "INSERT INTO orgnames SELECT org, MIN(name) FROM orgs WHERE {where} GROUP BY org"
_NAMES = """INSERT INTO names SELECT p.person, MIN(p.name), (
    SELECT MIN(o.name) FROM works w JOIN orgnames o ON o.org = w.org WHERE w.person = p.person), COUNT(DISTINCT p.doc)
    FROM persons p WHERE {where} GROUP BY p.person"""
# the knows rows of one concept packed as arrays, so that ranking reads the tens of thousands of
# people knowing a popular concept as one value: person (id in table people), documents, positions,
# months of the closed positions, open positions, sum of their start months, year last used (9999:
# present; -1: no date); numpy's dtype of them is packed_dtype()
_PACKED_FIELDS = (("person", "<i4"), ("docs", "<i4"), ("positions", "<i4"), ("closed", "<i4"),
                  ("open", "<i4"), ("open_start", "<i8"), ("last", "<i4"))
_PACKED_WIDTH = sum(int(kind[2:]) for _, kind in _PACKED_FIELDS)  # bytes a row: top_skills counts them without numpy
_PACK = """SELECT person, docs, positions, COALESCE(closed_months, 0), open_count, open_start_sum,
    CASE WHEN COALESCE(last, '') = '' THEN -1 ELSE CAST(substr(last, 1, 4) AS INTEGER) END
    FROM knows WHERE concept = ? {and_} ORDER BY person"""


@cache
def packed_dtype():
    """The packed rows' dtype, made on first use: importing numpy took 40-170 ms of every command's
    start-up, and only the questions reading or writing packed rows (who-knows, job_candidates,
    skill_cooccurrence) need it."""
    import numpy as np
    return np.dtype(list(_PACKED_FIELDS))


# every label of every concept, lower-cased as kg.lookup compares them (SPARQL's LCASE, not Python's)
_LABELS = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX kg: <https://w3id.org/careerkg/ns#>
SELECT DISTINCT (LCASE(STR(?label)) AS ?l) ?c WHERE { GRAPH ?g { ?c """ + SKILL_LABELS + """ ?label } }"""


def usage_rows(extraction, resolved) -> list[tuple]:
    """(doc, person, concept, position, start, end) for each skill a resume's person knows, once per
    position it was used in (position "" for mentions outside any position): one row per quote the
    graph keeps for "person knows concept" (kg.rdf keeps one per position), so rows count its evidence."""
    if resolved.person is None:
        return []
    doc, person = str(extraction.document.iri), str(resolved.person.iri)
    held = [(minted_text("position", doc, str(i)), p.start, p.end) for i, p in enumerate(extraction.positions)]
    rows, by_line = set(), extraction.positions_by_line()
    for mentions in extraction.concepts().values():
        concept = str(mentions[0].concept.iri)
        for m in mentions:
            index = by_line.get(m.line)
            rows.add((doc, person, concept, *(held[index] if index is not None else ("", None, None))))
    return sorted(rows, key=lambda r: (*r[:4], str(r[4]), str(r[5])))  # as strings: start and end may be None


def _used_rows(usage: list[tuple], positions: list[tuple]) -> set[tuple]:
    """(concept, employer, person, doc) for who used which concept at which employer (organizations_by_skill,
    where joining a popular concept's usage rows with their positions took seconds at 100,000 documents):
    from a document's own rows, so that a build adds them with it, with no join."""
    employers = defaultdict(list)
    for doc, position, _, employer, *_ in positions:
        employers[doc, position].append(employer)
    return {(concept, employer, person, doc) for doc, person, concept, position, *_ in usage
            for employer in employers.get((doc, position), ())}


_KG, _SDO = "https://w3id.org/careerkg/ns#", "https://schema.org/"
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
# what a position or an education adds to its rows, in their tables' column order
_POSITION = (_KG + "employer", _SDO + "roleName", _KG + "team", _SDO + "startDate", _SDO + "endDate", _KG + "current")
_EDUCATION = (_KG + "institution", _KG + "degree", _KG + "fieldOfStudy", _SDO + "endDate")
# the predicates document_rows reads (and Index.rebuild scans the store for)
ROW_PREDICATES = (_TYPE, _KG + "path", _KG + "sha256", _KG + "extractorVersion", _KG + "kind", _KG + "ingestedAt", _KG + "parseReport", _KG + "warning",
                  _SDO + "name", _SDO + "worksFor", _KG + "position", *_POSITION, _KG + "education", *_EDUCATION[:3],
                  _SDO + "title", _SDO + "hiringOrganization", _KG + "requiresSkill", _KG + "prefersSkill",
                  _KG + "candidate", _PREF_LABEL)
# evidence's mentions and quotes: read too, but a worker needs them only for candidate concepts
_QUOTING = (_SDO + "mentions", _KG + "quote")
ROW_PREDICATES += _QUOTING


def document_rows(quads) -> dict[str, list[tuple]]:
    """The rows of DOCUMENT_TABLES for documents' (graph, subject, predicate, object) lexical values:
    from the N-Quads a worker made, or from the store's quads (Index.rebuild), so both agree.

    A document's file (path, sha256, extractor version); its path, kind, ingestedAt and distinct warnings (sorted: SPARQL's GROUP_CONCAT has no
    order); each Person with each of its names there (or none); each Organization with each of its
    names; who works for whom now; its positions, educations, postings and candidate concepts.
    """
    by: dict = {}
    for d, s, p, o in quads:
        by.setdefault(d, {}).setdefault(p, []).append((s, o))
    rows: dict[str, list[tuple]] = {table: [] for table in DOCUMENT_TABLES}
    for d, facts in by.items():
        def values(predicate, subject=None):
            return _values(facts, predicate, subject)
        types = {}
        for s, o in facts.get(_TYPE, ()):
            types.setdefault(o, set()).add(s)
        sha = values(_KG + "sha256", d)
        if sha and (path := values(_KG + "path", d)):  # a document of the store (kg.store.Store.documents)
            rows["files"].append((d, path[0], sha[0], (values(_KG + "extractorVersion", d) or [""])[0]))
        if d in types.get(_KG + "Document", ()):
            head = [values(_KG + predicate, d) for predicate in ("path", "kind", "ingestedAt")]
            if all(head):
                reports = set(values(_KG + "parseReport", d))
                warnings = sorted({w for s, w in facts.get(_KG + "warning", ()) if s in reports})
                rows["documents"].append((d, head[0][0], head[1][0], _xsd_datetime(head[2][0]), "; ".join(warnings)))
        for person in sorted(types.get(_SDO + "Person", ())):
            rows["persons"] += [(d, person, name) for name in values(_SDO + "name", person) or [None]]
        for org in sorted(types.get(_SDO + "Organization", ())):
            rows["orgs"] += [(d, org, name) for name in values(_SDO + "name", org)]
        rows["works"] += sorted((d, s, o) for s, o in facts.get(_SDO + "worksFor", ()))
        rows["positions"] += _held(d, facts, _KG + "position", _POSITION)
        rows["educations"] += [row[:1] + row[2:] for row in _held(d, facts, _KG + "education", _EDUCATION)
                               if row[2] is not None]
        _posting_rows(d, facts, types.get(_SDO + "JobPosting", ()), rows)
        rows["candidates"] += _candidate_rows(d, facts)
    return rows


def _values(facts: dict, predicate: str, subject: str | None = None) -> list[str]:
    """The objects of `predicate` (of `subject`) among one document's facts, sorted."""
    return sorted(o for s, o in facts.get(predicate, ()) if subject is None or s == subject)


def _held(d: str, facts: dict, holds: str, attributes: tuple) -> list[tuple]:
    """(doc, node, holder, *attributes) for each node having the first attribute (a position's employer,
    an education's institution): one row per combination of their values, None for a value missing, as
    the queries' OPTIONALs join them (kg.rdf writes one of each), holder None for a node nobody holds."""
    holders: dict = {}
    for s, o in facts.get(holds, ()):
        holders.setdefault(o, []).append(s)
    return [(d, node, *row) for node in sorted({s for s, _ in facts.get(attributes[0], ())})
            for row in itertools.product(sorted(holders.get(node, [None])),
                                         *(_values(facts, a, node) or [None] for a in attributes))]


def _posting_rows(d: str, facts: dict, postings, rows: dict) -> None:
    """Each job posting of a document that has a path: its least title, least hiring organization's
    name and the path (the .rq's SAMPLEs); the skills it requires (1) or prefers (0), found anywhere."""
    path = _values(facts, _KG + "path", d)
    for posting in sorted(postings) if path else ():
        hiring = [name for org in _values(facts, _SDO + "hiringOrganization", posting)
                  for name in _values(facts, _SDO + "name", org)]
        rows["postings"].append((d, posting, min(_values(facts, _SDO + "title", posting), default=None),
                                 min(hiring, default=None), path[0]))
    for required, predicate in ((1, _KG + "requiresSkill"), (0, _KG + "prefersSkill")):
        rows["wanted"] += sorted((d, s, o, required) for s, o in facts.get(predicate, ()))


def _candidate_rows(d: str, facts: dict) -> list[tuple]:
    """(doc, concept, least label, least quote or None) for each candidate concept labelled in the document."""
    candidates = {s for s, o in facts.get(_KG + "candidate", ()) if o == "true"}
    if not candidates:
        return []
    quoting = defaultdict(list)  # evidence node → the candidate concepts it mentions
    for evidence, concept in facts.get(_SDO + "mentions", ()):
        if concept in candidates:
            quoting[evidence].append(concept)
    quoted: dict = {}
    for evidence, quote in facts.get(_KG + "quote", ()):
        for concept in quoting.get(evidence, ()):
            quoted[concept] = min(quoted.get(concept, quote), quote)
    return [(d, c, min(labels), quoted.get(c)) for c in sorted(candidates)
            if (labels := _values(facts, _PREF_LABEL, c))]


# the predicates' terms, with and without those of quoting (needed only for candidate concepts)
_TERMS = frozenset(f"<{p}>" for p in ROW_PREDICATES)
_TERMS_UNQUOTED = frozenset(f"<{p}>" for p in ROW_PREDICATES if p not in _QUOTING)
_CANDIDATE_TERM = f"<{_KG}candidate>"


def nquads_rows(lines: dict[str, str]) -> dict[str, list[tuple]]:
    """document_rows of a document's N-Quads lines, each with its predicate term (kg.rdf.nquads_lines,
    in the build's worker that made them): only those stating one of ROW_PREDICATES are parsed, a
    fifth of them, picked by predicate rather than by reading each line again."""
    import pyoxigraph as ox
    terms = _TERMS if _CANDIDATE_TERM in lines.values() else _TERMS_UNQUOTED
    text = "".join([line for line, predicate in lines.items() if predicate in terms])
    return document_rows((q.graph_name.value, q.subject.value, q.predicate.value, q.object.value)
                         for q in ox.parse(text, format=ox.RdfFormat.N_QUADS))


def _xsd_datetime(value: str) -> str:
    """An xsd:dateTime as Oxigraph stores and returns it: UTC written Z (kg writes +00:00)."""
    return value[:-6] + "Z" if value.endswith("+00:00") else value


class Index:
    """The SQLite file of one store folder."""

    def __init__(self, folder: str, writable: bool = True):
        self.path = Path(folder) / FILE
        if writable:
            self.db = sqlite3.connect(self.path)
            # 128 MB: a build or rebuild at 100,000 documents inserts millions of rows (256 MB: the same CPU
            # on 4,096 documents' rows into an index of 165,000, and 128 MB more of the build's memory)
            self.db.execute("PRAGMA cache_size = -131072")
            # no fsync per commit: the file is derived, and any write marks it stale first (a crash, even
            # of the machine, leaves it ignored and rebuilt), so durability buys nothing but a second per 2,000 documents
            self.db.execute("PRAGMA synchronous = OFF")
            self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            if self.version() != VERSION:  # tables of another shape (or of none yet): start again (rebuilt next)
                self.db.executescript(_DROP + SCHEMA)
                self.db.execute("INSERT INTO meta VALUES ('version', ?)", (VERSION,))
                self.db.commit()
        else:
            self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            # pages read through a memory map, not a read() each: the look-ups of whole answers took 10-30% less
            # CPU at 100,000 documents. Safe: the store's lock keeps writers out while a reader holds it (kg.store)
            self.db.execute("PRAGMA mmap_size = 4294967296")
        # sorts in memory: a whole answer's sort of 134,540 rows (skill_usage at 100,000 documents)
        # overflowed the page cache into a temporary file, 1.0 s against 0.6 s
        self.db.execute("PRAGMA temp_store = MEMORY")
        self._touched: tuple[set, set] = (set(), set())  # people and organizations whose sums refresh makes again
        self._rebuilt = False  # every sum made again, and the reference graphs read again, by refresh
        self._repack: dict[int, set[int]] = {}  # concept → the people whose knows rows of it changed

    def close(self) -> None:
        self.db.close()

    # -- consistency with the store
    def generation(self) -> str | None:
        return self._meta("generation")

    def version(self) -> str | None:
        return self._meta("version")

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def invalidate(self) -> None:
        """Mark the index stale before the store changes: a crash in between leaves it ignored."""
        self.db.execute("DELETE FROM meta WHERE key = 'generation'")
        self.db.commit()

    def seal(self) -> str:
        """A new generation, to be recorded in the store too once the store's writes are done."""
        generation = uuid.uuid4().hex
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (generation,))
        self.db.commit()
        return generation

    # -- maintenance
    def replace_documents(self, docs: list[str], rows: dict[str, list[tuple]]) -> None:
        """The rows of the documents `docs` deleted, and `rows` added (by table, "usage" and
        DOCUMENT_TABLES: of these documents when replaced, none when removed, and of documents new to
        the index); then the per-person sums of the people they touch; the people and organizations
        they name before and after are summed up again by `refresh`."""
        named, orgs = self._touched
        for part in _chunks(docs):
            marks = ",".join("?" * len(part))
            for table, column, touched in (("persons", "person", named), ("works", "person", named), ("orgs", "org", orgs)):
                touched.update(row[0] for row in self.db.execute(f"SELECT {column} FROM {table} WHERE doc IN ({marks})", part))
            for table in DOCUMENT_TABLES:
                self.db.execute(f"DELETE FROM {table} WHERE doc IN ({marks})", part)
        named.update(row[1] for table in ("persons", "works") for row in rows.get(table, ()))
        orgs.update(row[1] for row in rows.get("orgs", ()))
        people = set()
        for part in _chunks(list(self._ids("iris", "iri", docs, add=False).values())):
            marks = ",".join("?" * len(part))
            people.update(row[0] for row in self.db.execute(f"SELECT DISTINCT person FROM usage WHERE doc IN ({marks})", part))
            self.db.execute(f"DELETE FROM usage WHERE doc IN ({marks})", part)
            self.db.execute(f"DELETE FROM used WHERE doc IN ({marks})", part)
        people |= self._insert(rows)
        # with nothing packed yet (a build from scratch) refresh packs every concept whole: no need to
        # remember (100,000 documents: a million pairs) whose rows changed
        track = self.db.execute("SELECT 1 FROM packed LIMIT 1").fetchone() is not None
        for part in _chunks(sorted(people)):
            marks = ",".join("?" * len(part))
            known = f"SELECT concept, person FROM knows WHERE person IN ({marks})"
            for concept, person in self.db.execute(known, part).fetchall() if track else ():  # the concepts they
                self._repack.setdefault(concept, set()).add(person)  # knew and know now: repacked by refresh
            self.db.execute(f"DELETE FROM knows WHERE person IN ({marks})", part)
            self.db.execute(_KNOWS.format(where=f"person IN ({marks})"), part)
            for concept, person in self.db.execute(known, part).fetchall() if track else ():
                self._repack.setdefault(concept, set()).add(person)

    def _insert(self, rows: dict[str, list[tuple]]) -> set[int]:
        """Add these rows (by table, as replace_documents takes them) and the used rows they make;
        returns the ids of the people of their usage rows."""
        usage = rows.get("usage", [])
        used = _used_rows(usage, rows.get("positions", []))
        iris = self._ids("iris", "iri", ({row[i] for row in usage for i in (0, 2, 3)} | {row[1] for row in used}) - {""})
        iris[""] = 0
        people = self._ids("people", "person", {row[1] for row in usage})
        # in the table's key order (concept, person, position, doc): each B-tree page is visited once
        self.db.executemany("INSERT OR IGNORE INTO usage VALUES (?, ?, ?, ?, ?, ?)", sorted(
            ((iris[d], people[p], iris[c], iris[position], start, last) for d, p, c, position, start, last in usage),
            key=lambda r: (r[2], r[1], r[3], r[0])))
        self.db.executemany("INSERT OR IGNORE INTO used VALUES (?, ?, ?, ?)",
                            sorted((iris[c], iris[org], people[p], iris[d]) for c, org, p, d in used))
        for table, width in DOCUMENT_TABLES.items():
            self.db.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({','.join('?' * width)})", rows.get(table, []))
        return set(people.values())

    def _ids(self, table: str, column: str, values, add: bool = True) -> dict[str, int]:
        """The ids of these values in table iris or people (by IRI), those missing added first when `add`."""
        values = sorted(values)
        if add:
            self.db.executemany(f"INSERT OR IGNORE INTO {table} ({column}) VALUES (?)", [(v,) for v in values])
        ids: dict[str, int] = {}
        for part in _chunks(values):
            ids.update(self.db.execute(f"SELECT {column}, id FROM {table} WHERE {column} IN ({','.join('?' * len(part))})", part))
        return ids

    def reread(self, store, docs: list[str]) -> None:
        """The rows of these documents read again from the store, after a write other than a build's
        rewrote them (kg.privacy.redact replaces names and contacts in place)."""
        for part in _chunks(sorted(docs)):
            self.replace_documents(part, {"usage": sorted(_stored_usage(store, part), key=str), **_stored_rows(store, part)})

    def files(self, paths=None) -> dict[str, tuple[URIRef, str, str]]:
        """path → (graph, sha256, extractor version) of the store's documents (or of those at `paths`),
        as Store.documents lists them from the store."""
        if paths is None:
            rows = self.db.execute("SELECT doc, path, sha256, version FROM files").fetchall()
        else:
            rows = [row for part in _chunks(sorted(paths)) for row in self.db.execute(
                f"SELECT doc, path, sha256, version FROM files WHERE path IN ({','.join('?' * len(part))})", part)]
        return {path: (URIRef(doc), sha, version) for doc, path, sha, version in rows}

    def hashes(self) -> dict[str, tuple]:
        """path → (size, mtime, ctime, inode, sha256, seen) of the files hashed by the builds before."""
        return {row[0]: row[1:] for row in self.db.execute("SELECT * FROM hashes")}

    def record_hashes(self, rows: list[tuple]) -> None:
        """Keep these (path, size, mtime, ctime, inode, sha256, seen) rows, and only those of the store's documents' files."""
        self.db.executemany("INSERT OR REPLACE INTO hashes VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        self.db.execute("DELETE FROM hashes WHERE path NOT IN (SELECT path FROM files)")

    def refresh(self, store, gone=()) -> None:
        """Align with the store after its writes: drop the rows of the documents `gone` from it; when its
        reference graphs changed (kg.store.Store.reference_generation), take the taxonomy closure, the
        concepts' labels, the names of the reference organizations and their hierarchy from them, as they
        change without re-extraction; sum up again each person (least name, least current employer's
        name, documents) and organization (least name) touched; pack the rows changed.

        Only what the writes touched is read and summed up again: all of it took 0.9 s at 10,000
        documents, whatever the build changed."""
        self.replace_documents(sorted(gone), {})
        generation = store.reference_generation()
        everything = self._rebuilt or generation is None or generation != self._meta("reference")
        if everything:
            self._read_reference(store)
            generation = generation or store.new_reference_generation()
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('reference', ?)", (generation,))
        self._sum_up(everything)
        self._pack()
        self._touched, self._rebuilt, self._repack = (set(), set()), False, {}

    def _read_reference(self, store) -> None:
        """The reference graphs' organizations (their names, as documents' orgs rows), their hierarchy,
        the taxonomy closure and the concepts' labels, from the store."""
        reference = [r["g"] for r in store.query(
            f'SELECT ?g WHERE {{ GRAPH ?g {{ }} FILTER(STRSTARTS(STR(?g), "{GRAPH}")) }}').rows]
        self.replace_documents([str(g) for g in reference], {"orgs": [
            (str(g), str(r["o"]), str(r["n"])) for g in reference for r in store.query(
                "SELECT ?g ?o (MIN(?name) AS ?n) WHERE { GRAPH ?g { ?o <https://schema.org/name> ?name } } GROUP BY ?g ?o",
                {"g": g}).rows]})
        self.db.execute("DELETE FROM suborgs")
        self.db.executemany("INSERT INTO suborgs VALUES (?, ?)", store.values(
            f"SELECT DISTINCT ?o ?a WHERE {{ GRAPH <{GRAPH}organizations> {{ ?o <https://schema.org/parentOrganization>+ ?a }} }}"))
        self.db.execute("DELETE FROM closure")
        self.db.executemany("INSERT INTO closure VALUES (?, ?)", store.values(
            "SELECT DISTINCT ?c ?a WHERE { GRAPH ?g { ?c <https://w3id.org/careerkg/ns#subsumedBy> ?a } }"))
        self.db.execute("DELETE FROM prefs")
        self.db.executemany("INSERT INTO prefs VALUES (?, ?, ?)", [(str(r["c"]), str(r["l"]), _kind(r["l"])) for r in store.query(
            "SELECT ?c (MIN(?label) AS ?l) WHERE { GRAPH ?g { ?c <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } } "
            "GROUP BY ?c").rows])
        self.db.execute("DELETE FROM labels")
        self.db.executemany("INSERT INTO labels VALUES (?, ?)", [(str(r["l"]), str(r["c"])) for r in store.query(_LABELS).rows])

    def _sum_up(self, everything: bool) -> None:
        """orgnames and names again: of everyone, or of the organizations touched and of the people
        touched or working for an organization whose name changed."""
        if everything:
            self.db.execute("DELETE FROM orgnames")
            self.db.execute(_ORGNAMES.format(where="1"))
            self.db.execute("DELETE FROM names")
            self.db.execute(_NAMES.format(where="1"))
            return
        named, orgs = self._touched
        before = set(self._rows("orgnames", "org", orgs))
        for part in _chunks(sorted(orgs)):
            marks = ",".join("?" * len(part))
            self.db.execute(f"DELETE FROM orgnames WHERE org IN ({marks})", part)
            self.db.execute(_ORGNAMES.format(where=f"org IN ({marks})"), part)
        renamed = sorted({org for org, _ in before ^ set(self._rows("orgnames", "org", orgs))})
        named = set(named)
        for part in _chunks(renamed):
            named.update(row[0] for row in self.db.execute(
                f"SELECT DISTINCT person FROM works WHERE org IN ({','.join('?' * len(part))})", part))
        for part in _chunks(sorted(named)):
            marks = ",".join("?" * len(part))
            self.db.execute(f"DELETE FROM names WHERE person IN ({marks})", part)
            self.db.execute(_NAMES.format(where=f"p.person IN ({marks})"), part)

    def _rows(self, table: str, column: str, values) -> list[tuple]:
        """The rows of `table` whose `column` is one of `values`."""
        return [row for part in _chunks(sorted(values)) for row in self.db.execute(
            f"SELECT * FROM {table} WHERE {column} IN ({','.join('?' * len(part))})", part)]

    def _pack(self) -> None:
        """The packed rows of each concept changed by replace_documents: those of the people whose rows
        changed replaced in them (packing a popular concept again read tens of thousands of rows: 0.4 s
        after replacing 100 documents of 10,000); then each concept with none packed (new, or all after
        a rebuild) packed whole."""
        import numpy as np
        for number, people in sorted(self._repack.items()):
            (concept,) = self.db.execute("SELECT iri FROM iris WHERE id = ?", (number,)).fetchone()
            packed = self.db.execute("SELECT knows FROM packed WHERE concept = ?", (concept,)).fetchone()
            if packed is None:
                continue
            rows = np.frombuffer(packed[0], packed_dtype())
            parts = [rows[~np.isin(rows["person"], list(people))]]
            for part in _chunks(sorted(people)):
                parts.append(np.array(self.db.execute(_PACK.format(and_=f"AND person IN ({','.join('?' * len(part))})"),
                                                      (number, *part)).fetchall(), dtype=packed_dtype()))
            rows = np.concatenate(parts)
            rows = rows[np.argsort(rows["person"], kind="stable")]
            if len(rows):
                self.db.execute("UPDATE packed SET knows = ? WHERE concept = ?", (rows.tobytes(), concept))
            else:
                self.db.execute("DELETE FROM packed WHERE concept = ?", (concept,))
        for concept, number in self.db.execute(
                "SELECT i.iri, i.id FROM (SELECT DISTINCT concept FROM knows) k JOIN iris i ON i.id = k.concept "
                "WHERE i.iri NOT IN (SELECT concept FROM packed)").fetchall():
            rows = np.array(self.db.execute(_PACK.format(and_=""), (number,)).fetchall(), dtype=packed_dtype())
            self.db.execute("INSERT INTO packed VALUES (?, ?)", (concept, rows.tobytes()))

    def rebuild(self, store) -> None:
        """All rows again, from the store (after a crash or a SPARQL update left the index stale).

        Read a few hundred documents at a time: memory stays flat (the whole store at once took 7 GB
        at 100,000 documents).
        """
        for table in ("usage", "used", *DOCUMENT_TABLES):
            self.db.execute(f"DELETE FROM {table}")
        for part in _chunks(sorted(str(g) for g in store.document_graphs())):
            self._insert({"usage": _stored_usage(store, part), **_stored_rows(store, part)})
        self.db.execute("DELETE FROM knows")
        self.db.execute(_KNOWS.format(where="1"))
        self.db.execute("DELETE FROM packed")
        self._rebuilt = True

    # -- the questions
    def quotes(self) -> list[tuple[str, str, int]]:
        """(person, concept, quotes) for every pair: the weights of the graph's `knows` edges, which
        SPARQL counts by joining each pair with its evidence nodes (seconds at 10,000 documents)."""
        return self.db.execute("""SELECT p.person, i.iri, k.quotes FROM knows k JOIN people p ON p.id = k.person
            JOIN iris i ON i.id = k.concept ORDER BY p.person, i.iri""").fetchall()

    def who_knows(self, concept: str, today: dt.date, people: list[str] | None = None) -> list[tuple]:
        """(person, name, concept, label, documents, positions, months, last used) for every person
        (or each of `people`) knowing a concept subsumed by `concept`, one row per (person, concept)."""
        rows = ("closure c JOIN iris i ON i.iri = c.concept JOIN usage u ON u.concept = i.id "
                "JOIN people p ON p.id = u.person")
        if people is not None:  # read person by person: a popular concept has tens of thousands of rows
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS among (person TEXT PRIMARY KEY)")
            self.db.execute("DELETE FROM among")
            self.db.executemany("INSERT OR IGNORE INTO among VALUES (?)", [(p,) for p in people])
            rows = ("among a CROSS JOIN people p ON p.person = a.person CROSS JOIN usage u ON u.person = p.id "
                    "CROSS JOIN iris i ON i.id = u.concept CROSS JOIN closure c ON c.concept = i.iri")
        return self.db.execute(f"""
            SELECT p.person, (SELECT name FROM names n WHERE n.person = p.person), i.iri,
                   (SELECT label FROM prefs l WHERE l.concept = i.iri),
                   COUNT(DISTINCT u.doc), COUNT(DISTINCT NULLIF(u.position, 0)),
                   SUM(CASE WHEN ({_MONTHS}) >= 0 THEN ({_MONTHS}) END),
                   MAX(CASE WHEN u.last = 'present' THEN '9999' ELSE u.last END)
            FROM {rows}
            WHERE c.ancestor = :asked GROUP BY u.person, u.concept ORDER BY p.person, i.iri""",
                               {"asked": concept, "today": today.year * 12 + today.month}).fetchall()

    def ranked(self, asked: list[tuple[str, str]], wanted: int, exact: bool, today: dt.date, limit: int
               ) -> tuple[list[str], int]:
        """The `limit` people with the highest summed strength over the asked (name, concept) pairs,
        matching at least `wanted` names, and how many people qualify in all.

        Summed over the packed rows with numpy, in the order `kg.ask` sums them (pair by pair, concepts
        in order), so the scores and ties equal the full answer's; only the people near the cut are
        read by name. SQL took half a second on a popular pair at 100,000 documents.
        """
        import numpy as np
        size = self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM people").fetchone()[0]
        names = list(dict.fromkeys(name for name, _ in asked))
        score, found = np.zeros(size), np.zeros((len(names), size), dtype=bool)
        for name, concept in asked:
            part = np.zeros(size)
            for (packed,) in self.db.execute(f"""SELECT p.knows FROM closure c JOIN packed p ON p.concept = c.concept
                    WHERE c.ancestor = ? {"AND c.concept = c.ancestor" if exact else ""} ORDER BY c.concept""",
                                             (concept,)):
                rows = np.frombuffer(packed, packed_dtype())
                part[rows["person"]] += strengths(rows, today)
                found[names.index(name), rows["person"]] = True
            score += part
        qualified = np.flatnonzero(found.sum(axis=0) >= wanted)
        total = len(qualified)
        if total > limit:  # those tied with the last one shown (after rounding) are sorted by name below
            last = np.partition(score[qualified], total - limit)[total - limit]
            qualified = qualified[score[qualified] >= last - 1e-6]
        people = {}
        for ids in _chunks(qualified.tolist()):
            people.update((i, (person, name or person)) for i, person, name in self.db.execute(
                f"SELECT p.id, p.person, n.name FROM people p LEFT JOIN names n ON n.person = p.person "
                f"WHERE p.id IN ({','.join('?' * len(ids))})", ids))
        order = sorted(people, key=lambda i: (-round(float(score[i]), 9), people[i][1], people[i][0]))
        return [people[i][0] for i in order[:limit]], total

    def answer(self, name: str, values: dict[str, str], offset: int, limit: int | None) -> tuple[list[str], Rows]:
        """The variables and rows (kg.rows.Rows: variable → rdflib term or None, made when read) of the
        named query `name` (one of ANSWERS) with these parameters (name → IRI), from row `offset` on,
        at most `limit` rows (all when None)."""
        columns, sql = ANSWERS[name]
        if limit is None or offset + limit > _PAGED_ROWS:
            sql = WHOLE.get(name, sql)
        if name == "skill_cooccurrence":
            self._cooccurring(values["skill"])
        elif name == "job_candidates":
            offset -= self._matching(values["posting"], offset, limit)
        records = self.db.execute(sql + _PAGE, {**values, "offset": offset, "width": _PACKED_WIDTH,
                                                "limit": -1 if limit is None else limit}).fetchall()
        return [variable for variable, _ in columns], Rows(columns, records)

    def _cooccurring(self, skill: str) -> None:
        """temp.cooccurring: (concept, people) for each other concept known by people knowing `skill`."""
        import numpy as np
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS cooccurring (concept TEXT PRIMARY KEY, people INTEGER)")
        self.db.execute("DELETE FROM temp.cooccurring")
        asked = self.db.execute("SELECT knows FROM packed WHERE concept = ?", (skill,)).fetchone()
        if asked is None:
            return
        size = self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM people").fetchone()[0]
        knower = np.zeros(size, dtype=bool)
        knower[np.frombuffer(asked[0], packed_dtype())["person"]] = True
        counts = ((concept, int(np.count_nonzero(knower[np.frombuffer(packed, packed_dtype())["person"]])))
                  for concept, packed in self.db.execute("SELECT concept, knows FROM packed WHERE concept != ?", (skill,)))
        self.db.executemany("INSERT INTO temp.cooccurring VALUES (?, ?)", [(c, n) for c, n in counts if n])

    def _matching(self, posting: str, offset: int, limit: int | None) -> int:
        """temp.matched: (person id, required, preferred) for the people knowing a concept subsumed by
        one of the posting's skills: how many of its required and of its preferred skills they know,
        from the people packed per concept (joining the knows rows of its popular skills took seconds).

        Only the people tied on those counts with the rows `offset` to `offset + limit` are kept, so
        that only they are read by name and sorted (tens of thousands match a posting at 100,000
        documents); returns how many people rank before them.
        """
        import numpy as np
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS matched (id INTEGER PRIMARY KEY, required INTEGER, preferred INTEGER)")
        self.db.execute("DELETE FROM temp.matched")
        size = self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM people").fetchone()[0]
        counts = {1: np.zeros(size, dtype=np.int64), 0: np.zeros(size, dtype=np.int64)}
        for required, skill in self.db.execute(
                "SELECT DISTINCT required, skill FROM wanted WHERE posting = ? ORDER BY required, skill", (posting,)).fetchall():
            knower = np.zeros(size, dtype=bool)
            for (packed,) in self.db.execute(
                    "SELECT p.knows FROM closure c JOIN packed p ON p.concept = c.concept WHERE c.ancestor = ?", (skill,)):
                knower[np.frombuffer(packed, packed_dtype())["person"]] = True
            counts[required] += knower
        ids = np.flatnonzero(counts[1] + counts[0])
        rank = counts[1][ids] * (counts[0].max(initial=0) + 1) + counts[0][ids]  # the higher, the earlier
        ranks = np.sort(rank)[::-1]
        if offset >= len(ranks) or limit == 0:
            return 0
        first, last = ranks[offset], ranks[len(ranks) - 1 if limit is None else min(offset + limit, len(ranks)) - 1]
        ids = ids[(rank <= first) & (rank >= last)]
        self.db.executemany("INSERT INTO temp.matched VALUES (?, ?, ?)",
                            zip(ids.tolist(), counts[1][ids].tolist(), counts[0][ids].tolist()))
        return int(np.count_nonzero(rank > first))

    def concepts(self, label: str) -> list[str]:
        """The concepts with this label (lower-cased), as kg.lookup would find them by SPARQL."""
        return [row[0] for row in self.db.execute("SELECT DISTINCT concept FROM labels WHERE label = ?", (label,))]


# the named queries (queries/*.rq) the index answers: their variables with the kind of term each is
# (a "label" takes two columns: the text and its language tag or datatype), and the SQL giving the
# .rq's rows in its order; ties the .rq leaves unordered go by IRI. The people knowing a concept are
# the rows packed for it (packed_dtype(), one per person): top_skills counts them, skill_cooccurrence
# intersects them (Index._cooccurring), where joining the knows table took seconds at 100,000
# documents (a person knowing a skill is a schema:Person of the same document, as kg.rdf writes it)
_PAGE = " LIMIT :limit OFFSET :offset"
# an organization and the parts of it (kg:employer or kg:institution of either counts)
_ORG_AND_PARTS = "(SELECT :organization UNION SELECT org FROM suborgs WHERE ancestor = :organization)"
# a position's span as colleagues.rq compares it, YYYY-MM text: a year alone spans the whole year, no end is "present";
# the other positions' starts are compared as they are, in the index (a year alone sorts before its months, as it
# does padded with "-01", against an end padded to YYYY-MM)
_SINCE = "{t}.start || CASE WHEN length({t}.start) = 4 THEN '-01' ELSE '' END"
_UNTIL = "COALESCE({t}.ending || CASE WHEN length({t}.ending) = 4 THEN '-12' ELSE '' END, '9999-12')"
ANSWERS = {
    "documents": ((("document", "iri"), ("path", "str"), ("kind", "str"), ("ingestedAt", "datetime"),
                   ("warnings", "str")),
                  "SELECT doc, path, kind, ingested, warnings FROM documents ORDER BY path, doc"),
    "people": ((("person", "iri"), ("name", "str"), ("currentEmployer", "str"), ("documents", "int")),
               "SELECT person, name, employer, docs FROM names ORDER BY name, person"),
    "top_skills": ((("concept", "iri"), ("label", "label"), ("people", "int")), """
        SELECT k.concept, l.label, l.lang, k.people
        FROM (SELECT concept, length(knows) / :width AS people FROM packed) k LEFT JOIN prefs l USING (concept)
        ORDER BY k.people DESC, l.label, k.concept"""),
    "skill_usage": ((("skill", "iri"), ("person", "iri"), ("concept", "iri"), ("position", "iri"), ("start", "date"),
                     ("end", "date"), ("current", "bool")), """
        SELECT :skill, p.person, i.iri, o.iri, u.start, NULLIF(u.last, 'present'),
               CASE WHEN u.last = 'present' THEN 'true' END
        FROM closure c JOIN iris i ON i.iri = c.concept JOIN usage u ON u.concept = i.id JOIN people p ON p.id = u.person
        JOIN iris o ON o.id = u.position WHERE c.ancestor = :skill AND u.position != 0
        ORDER BY p.person, u.start, o.iri, i.iri"""),
    "organizations_by_skill": ((("skill", "iri"), ("organization", "iri"), ("name", "str"), ("people", "int")), """
        SELECT :skill, o.iri, n.name, COUNT(DISTINCT u.person) AS people
        FROM closure c JOIN iris i ON i.iri = c.concept JOIN used u ON u.concept = i.id JOIN iris o ON o.id = u.org
        LEFT JOIN orgnames n ON n.org = o.iri WHERE c.ancestor = :skill GROUP BY u.org ORDER BY people DESC, n.name, o.iri"""),
    "skill_cooccurrence": ((("skill", "iri"), ("other", "iri"), ("label", "label"), ("people", "int")), """
        SELECT :skill, o.concept, l.label, l.lang, o.people FROM temp.cooccurring o LEFT JOIN prefs l USING (concept)
        ORDER BY o.people DESC, l.label, o.concept"""),
    "who_knows": ((("skill", "iri"), ("person", "iri"), ("name", "str"), ("concept", "iri"), ("label", "label"),
                   ("documents", "int")), """
        SELECT :skill, p.person, n.name, c.concept, l.label, l.lang, k.docs
        FROM closure c JOIN iris i ON i.iri = c.concept JOIN knows k ON k.concept = i.id JOIN people p ON p.id = k.person
        LEFT JOIN names n ON n.person = p.person LEFT JOIN prefs l ON l.concept = c.concept
        WHERE c.ancestor = :skill ORDER BY k.docs DESC, n.name, p.person, c.concept"""),
    "job_candidates": ((("posting", "iri"), ("person", "iri"), ("name", "str"), ("requiredMatched", "int"),
                        ("preferredMatched", "int")), """
        SELECT :posting, p.person, n.name, m.required, m.preferred
        FROM temp.matched m JOIN people p ON p.id = m.id LEFT JOIN names n ON n.person = p.person
        ORDER BY m.required DESC, m.preferred DESC, n.name, p.person"""),
    "people_at_organization": ((("organization", "iri"), ("person", "iri"), ("name", "str"), ("employer", "iri"),
                                ("employerName", "str"), ("title", "str"), ("team", "str"), ("start", "date"),
                                ("end", "date"), ("current", "bool")), f"""
        SELECT DISTINCT :organization, p.person, n.name AS name, p.employer, o.name AS employer_name, p.title, p.team,
               p.start, p.ending, p.current
        FROM positions p LEFT JOIN persons n ON n.doc = p.doc AND n.person = p.person
        LEFT JOIN orgs o ON o.doc = p.doc AND o.org = p.employer
        WHERE p.employer IN {_ORG_AND_PARTS} AND p.person IS NOT NULL
        ORDER BY name, p.start DESC, p.person, p.employer, employer_name, p.title, p.team, p.ending, p.current"""),
    "alumni_of": ((("organization", "iri"), ("person", "iri"), ("name", "str"), ("institution", "iri"),
                   ("degree", "str"), ("field", "str"), ("end", "date")), f"""
        SELECT DISTINCT :organization, e.person, n.name AS name, e.institution, e.degree, e.field, e.ending
        FROM educations e LEFT JOIN persons n ON n.person = e.person AND n.name IS NOT NULL
        WHERE e.institution IN {_ORG_AND_PARTS}
        ORDER BY name, e.person, e.institution, e.degree, e.field, e.ending"""),
    "colleagues": ((("person", "iri"), ("colleague", "iri"), ("name", "str"), ("employer", "iri"),
                    ("employerName", "str"), ("from", "str"), ("to", "str")), f"""
        WITH a AS MATERIALIZED (  -- the person's own positions, named once (not for each colleague)
          SELECT p.employer, o.name AS employer_name, {_SINCE.format(t="p")} AS start1, {_UNTIL.format(t="p")} AS end1
          FROM positions p LEFT JOIN orgs o ON o.doc = p.doc AND o.org = p.employer
          WHERE p.person = :person AND p.start IS NOT NULL)
        SELECT DISTINCT :person, b.person AS colleague, n.name AS name, a.employer AS employer, a.employer_name,
               max(a.start1, {_SINCE.format(t="b")}) AS since, min(a.end1, {_UNTIL.format(t="b")}) AS until
        FROM a JOIN positions b ON b.employer = a.employer AND b.start <= a.end1
        LEFT JOIN persons n ON n.doc = b.doc AND n.person = b.person
        WHERE b.person != :person AND a.start1 <= {_UNTIL.format(t="b")}
        ORDER BY name, since, colleague, employer, until, employer_name"""),
    "postings": ((("posting", "iri"), ("title", "str"), ("organization", "str"), ("path", "str"), ("required", "int"),
                  ("preferred", "int")), """
        SELECT p.posting, MIN(p.title) AS title, MIN(p.organization), MIN(p.path),
               (SELECT COUNT(DISTINCT w.skill) FROM wanted w WHERE w.posting = p.posting AND w.required = 1),
               (SELECT COUNT(DISTINCT w.skill) FROM wanted w WHERE w.posting = p.posting AND w.required = 0)
        FROM postings p GROUP BY p.posting ORDER BY title, p.posting"""),
    "candidates": ((("concept", "iri"), ("label", "label"), ("documents", "int"), ("example", "str")), """
        SELECT concept, MIN(label) AS label, '@en', COUNT(*) AS documents, MIN(quote)  -- kg.rdf labels them in English
        FROM candidates GROUP BY concept ORDER BY documents DESC, label, concept"""),
}

# the SQL of the whole answer (or of a page past its first _PAGED_ROWS rows) where reading the rows in
# the order of an index costs a look-up of each row in its table: scanning the table and sorting it
# took half the time (documents, 10,000: 22 -> 11 ms; 100,000 rows in random order: 350 -> 160 ms)
_PAGED_ROWS = 1000
WHOLE = {"documents": "SELECT doc, path, kind, ingested, warnings FROM documents NOT INDEXED ORDER BY path, doc",
         # +name: the table scanned and sorted, not read by the names_name index with a look-up of each row (220 -> 170 ms)
         "people": "SELECT person, name, employer, docs FROM names ORDER BY +name, person"}


def _kind(term) -> str | None:
    """The language tag (as "@en") or datatype of a literal, None for a plain string: what kg.rows.term needs."""
    if term.language:
        return "@" + term.language
    return str(term.datatype) if term.datatype else None


_PREFIXES = "PREFIX schema: <https://schema.org/> PREFIX kg: <https://w3id.org/careerkg/ns#> "


def _stored_usage(store, graphs: list[str]) -> set[tuple]:
    """The usage rows of these document graphs read back from their quads, as usage_rows writes them:
    a row per quote of "person knows concept" (evidence of its document mentioning the concept), in
    its position if it has one; a pair stated without quotes (a user's update) gets one row, as
    SPARQL counts it once."""
    among = _among(graphs)

    def scan(variables: str, pattern: str) -> list[tuple]:
        return store.values(f"{_PREFIXES} SELECT {variables} WHERE {{ {among} GRAPH ?d {{ {pattern} }} }}")

    def column(predicate: str) -> dict:
        return dict(scan("?s ?v", f"?s {predicate} ?v"))

    start, end, current = column("schema:startDate"), column("schema:endDate"), column("kg:current")
    position = column("kg:inPosition")
    pairs = set(scan("?d ?p ?c", "?p schema:knowsAbout ?c"))
    people = defaultdict(list)
    for d, p, c in pairs:
        people[(d, c)].append(p)
    rows = set()
    for d, ev, c in scan("?d ?ev ?c", "?ev schema:mentions ?c"):
        for p in people.get((d, c), ()):
            pos = position.get(ev)
            rows.add((d, p, c, pos or "", start.get(pos), "present" if current.get(pos) == "true" else end.get(pos)))
    quoted = {row[:3] for row in rows}
    return rows | {(*pair, "", None, None) for pair in pairs - quoted}


def _stored_rows(store, graphs: list[str]) -> dict[str, list[tuple]]:
    """document_rows of these document graphs, from their quads in the store."""
    return document_rows((d, s, p, o) for p in ROW_PREDICATES  # a predicate at a time: Oxigraph plans it well
                         for d, s, o in store.values(f"SELECT ?d ?s ?o WHERE {{ {_among(graphs)} GRAPH ?d {{ ?s <{p}> ?o }} }}"))


def _among(graphs: list[str]) -> str:
    """A VALUES block binding ?d to each of these graphs (IRIs serialized by pyoxigraph)."""
    return "VALUES ?d { " + " ".join(str(to_ox(URIRef(g))) for g in graphs) + " }"


def strengths(rows: "np.ndarray", today: dt.date) -> "np.ndarray":
    """`strength` of each packed row, added up in the same order, so that sums agree to the bit.

    >>> import numpy as np
    >>> rows = np.array([(7, 1, 2, 12, 1, 2025 * 12 + 1, 9999), (8, 2, 0, 0, 0, 0, 2019)], dtype=packed_dtype())
    >>> [float(s) for s in strengths(rows, dt.date(2026, 1, 1))] == [
    ...     strength(1, 2, 24, "present", dt.date(2026, 1, 1)), strength(2, 0, 0, "2019-05", dt.date(2026, 1, 1))]
    True
    """
    import numpy as np
    log2 = np.array([math.log2(1 + n) for n in range(int(rows["positions"].max(initial=0)) + 1)])
    months = rows["closed"] + rows["open"] * (today.year * 12 + today.month) - rows["open_start"]
    recency = np.where(rows["last"] < 0, 0.0, 1.0 / (1 + np.maximum(0, today.year - rows["last"])))
    return 0.5 * rows["docs"] + log2[rows["positions"]] + np.clip(months, 0, 120) / 24 + recency


def strength(documents: int, positions: int, months: int | None, last: str | None, today: dt.date) -> float:
    """Evidence strength of one (person, concept): documents, positions using it, months of use
    (capped at ten years) and recency.

    >>> round(strength(1, 2, 24, "present", dt.date(2026, 1, 1)), 3)
    4.085
    """
    score = 0.5 * documents + math.log2(1 + positions)
    if months:
        score += min(months, 120) / 24
    if last in ("present", "9999"):
        score += 1.0
    elif last:
        score += 1.0 / (1 + max(0, today.year - int(last[:4])))
    return score


def _chunks(items: list, size: int = 500):
    """SQLite binds at most a few thousand parameters per statement."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def fresh_index(store) -> "Index | None":
    """The store's index if it exists and matches the store's generation, else None (use SPARQL)."""
    folder = getattr(store, "folder", None)
    if folder is None or not (Path(folder) / FILE).exists():
        return None
    index = Index(folder, writable=False)
    try:
        if index.generation() is not None and index.generation() == store.generation() and index.version() == VERSION:
            return index
    except sqlite3.DatabaseError:
        pass
    index.close()
    return None


@contextmanager
def maintained(store):
    """Keep the index in step with writes to the store: stale from before the first write, fresh
    again (rebuilt from the store if it was stale to begin with) once the writes are done.

    Its writes in between are one transaction, committed by `seal` (an exception rolls them back to
    the stale index): committing each batch of a build wrote the same B-tree pages again and again
    (101 -> 63 s CPU for the index rows of 100,000 documents). Nobody reads it meanwhile: the store
    is locked for the writer."""
    folder = getattr(store, "folder", None)
    if folder is None:
        yield None
        return
    index = Index(folder)
    was_fresh = (index.generation() is not None and index.generation() == store.generation()
                 and index.version() == VERSION)
    index.invalidate()
    try:
        if not was_fresh:
            index.rebuild(store)
        yield index
        index.refresh(store, store.dropped_documents())
        store.set_generation(index.seal())
    finally:
        index.close()


def invalidate(store) -> None:
    """Mark the store's index stale (before writes kg cannot mirror, such as a user's SPARQL update)."""
    folder = getattr(store, "folder", None)
    if folder is not None and (Path(folder) / FILE).exists():
        index = Index(folder)
        index.invalidate()
        index.close()
