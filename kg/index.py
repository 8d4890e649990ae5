"""The who-knows index: a small SQLite file beside the store, derived from it, for instant answers.

On 100k documents, SPARQL needs seconds to join a popular skill's knowers with their positions
(Oxigraph evaluates OPTIONAL and large joins slowly), so `kg build` also writes one row per
(document, person, concept, position) here, from the same extraction, with per-(person, concept)
sums packed per concept and the skills' labels: `who-knows` finds the skills and ranks the people
here. The SPARQL path stays the reference: tests check both agree, and the index is used only
while its generation equals the store's (any write marks it stale first; a stale index is
ignored until the next build rebuilds it).
"""

import datetime as dt
import math
import sqlite3
import uuid
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from rdflib import URIRef

from .lookup import SKILL_LABELS
from .ontology import mint
from .terms import to_ox

FILE = "kg-index.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS usage (doc TEXT, person TEXT, concept TEXT, position TEXT, start TEXT, last TEXT);
CREATE INDEX IF NOT EXISTS usage_concept ON usage (concept);
CREATE INDEX IF NOT EXISTS usage_doc ON usage (doc);
CREATE TABLE IF NOT EXISTS names (person TEXT PRIMARY KEY, name TEXT);
CREATE TABLE IF NOT EXISTS closure (concept TEXT, ancestor TEXT, label TEXT);
CREATE INDEX IF NOT EXISTS closure_ancestor ON closure (ancestor, concept);
CREATE TABLE IF NOT EXISTS labels (label TEXT, concept TEXT);
CREATE INDEX IF NOT EXISTS labels_label ON labels (label);
CREATE INDEX IF NOT EXISTS usage_person ON usage (person);
CREATE TABLE IF NOT EXISTS people (id INTEGER PRIMARY KEY, person TEXT UNIQUE);
CREATE TABLE IF NOT EXISTS knows (person TEXT, concept TEXT, id INTEGER, docs INTEGER, positions INTEGER,
    closed_months INTEGER, open_count INTEGER, open_start_sum INTEGER, last TEXT, quotes INTEGER,
    PRIMARY KEY (concept, id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS knows_person ON knows (person);
CREATE TABLE IF NOT EXISTS packed (concept TEXT PRIMARY KEY, knows BLOB);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""
_DROP = "".join(f"DROP TABLE IF EXISTS {table};"
                for table in ("usage", "names", "closure", "labels", "knows", "people", "packed", "meta"))
VERSION = "4"  # of the tables above: an index of another version is rebuilt, never read

# dates as month numbers (year * 12 + month), as months_between (kg.dates) counts them: a year
# alone runs January to December
_START = "(CAST(substr(start, 1, 4) AS INTEGER) * 12 + COALESCE(CAST(NULLIF(substr(start, 6, 2), '') AS INTEGER), 1))"
_END = "(CAST(substr(last, 1, 4) AS INTEGER) * 12 + COALESCE(CAST(NULLIF(substr(last, 6, 2), '') AS INTEGER), 12))"
# months of one usage row; present is the month asked (:today)
_MONTHS = f"""CASE WHEN start IS NULL OR last IS NULL THEN NULL
  WHEN last = 'present' THEN :today - {_START} ELSE {_END} - {_START} END"""
# usage rows summed per (person, concept) so that ranking reads one row per pair, a concept's rows
# side by side (people by id); months of the positions still open ("present") depend on the day
# asked, so their starts are kept as a sum
_KNOWS = f"""INSERT INTO knows
    SELECT person, concept, id, COUNT(DISTINCT doc), COUNT(DISTINCT NULLIF(position, '')),
           SUM(CASE WHEN start IS NOT NULL AND last IS NOT NULL AND last != 'present' AND {_END} >= {_START}
                    THEN {_END} - {_START} END),
           SUM(start IS NOT NULL AND last = 'present'),
           SUM(CASE WHEN start IS NOT NULL AND last = 'present' THEN {_START} ELSE 0 END),
           MAX(CASE WHEN last = 'present' THEN '9999' ELSE last END), COUNT(*)
    FROM usage JOIN people USING (person) WHERE {{where}} GROUP BY person, concept"""
# the knows rows of one concept packed as arrays, so that ranking reads the tens of thousands of
# people knowing a popular concept as one value: person (id in table people), documents, positions,
# months of the closed positions, open positions, sum of their start months, year last used (9999:
# present; -1: no date)
PACKED = np.dtype([("person", "<i4"), ("docs", "<i4"), ("positions", "<i4"), ("closed", "<i4"),
                   ("open", "<i4"), ("open_start", "<i8"), ("last", "<i4")])
_PACK = """SELECT id, docs, positions, COALESCE(closed_months, 0), open_count, open_start_sum,
    CASE WHEN COALESCE(last, '') = '' THEN -1 ELSE CAST(substr(last, 1, 4) AS INTEGER) END
    FROM knows WHERE concept = ? ORDER BY id"""
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
    rows = set()
    for mentions in extraction.concepts().values():
        concept = str(mentions[0].concept.iri)
        for m in mentions:
            index = extraction.position_of(m)
            if index is None:
                rows.add((doc, person, concept, "", None, None))
            else:
                p = extraction.positions[index]
                rows.add((doc, person, concept, str(mint("position", doc, str(index))), p.start, p.end))
    return sorted(rows, key=lambda r: tuple(str(v) for v in r))




class Index:
    """The SQLite file of one store folder."""

    def __init__(self, folder: str, writable: bool = True):
        self.path = Path(folder) / FILE
        if writable:
            self.db = sqlite3.connect(self.path)
            self.db.executescript(SCHEMA)
            if self.version() not in (None, VERSION):  # tables of another shape: start again (rebuilt next)
                self.db.executescript(_DROP + SCHEMA)
        else:
            self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)

    def close(self) -> None:
        self.db.close()

    # -- consistency with the store
    def generation(self) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return row[0] if row else None

    def version(self) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
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
    def replace_documents(self, docs: list[str], usage: list[tuple]) -> None:
        """Rows of these documents replaced by `usage` (their new rows; none when removed), and the
        per-person sums of the people they touch."""
        people = {row[1] for row in usage}
        for part in _chunks(docs):
            marks = ",".join("?" * len(part))
            people.update(row[0] for row in self.db.execute(f"SELECT DISTINCT person FROM usage WHERE doc IN ({marks})", part))
            self.db.execute(f"DELETE FROM usage WHERE doc IN ({marks})", part)
        self.db.executemany("INSERT INTO usage VALUES (?, ?, ?, ?, ?, ?)", usage)
        self.db.executemany("INSERT OR IGNORE INTO people (person) VALUES (?)", [(p,) for p in sorted(people)])
        for part in _chunks(sorted(people)):
            marks = ",".join("?" * len(part))
            unpack = f"DELETE FROM packed WHERE concept IN (SELECT concept FROM knows WHERE person IN ({marks}))"
            self.db.execute(unpack, part)  # the concepts they knew and those they know now: packed again by refresh
            self.db.execute(f"DELETE FROM knows WHERE person IN ({marks})", part)
            self.db.execute(_KNOWS.format(where=f"person IN ({marks})"), part)
            self.db.execute(unpack, part)

    def documents(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT DISTINCT doc FROM usage")}

    def refresh(self, store, documents: set[str]) -> None:
        """Align with the store: drop rows of documents it no longer has; take people's names, the
        taxonomy closure and the concepts' labels from it, as they change without re-extraction; pack
        the rows changed."""
        self.replace_documents(sorted(self.documents() - documents), [])
        self.db.execute("DELETE FROM names")
        self.db.executemany("INSERT INTO names VALUES (?, ?)", [(str(r["p"]), str(r["n"])) for r in store.query(
            "SELECT ?p (MIN(?name) AS ?n) WHERE { GRAPH ?d { ?p a <https://schema.org/Person> ; "
            "<https://schema.org/name> ?name } } GROUP BY ?p").rows])
        self.db.execute("DELETE FROM closure")
        self.db.executemany("INSERT INTO closure VALUES (?, ?, ?)", [(str(r["c"]), str(r["a"]), str(r["l"] or ""))
                                                                     for r in store.query("""
            SELECT ?c ?a (MIN(?label) AS ?l) WHERE { GRAPH ?g { ?c <https://w3id.org/careerkg/ns#subsumedBy> ?a }
              OPTIONAL { GRAPH ?h { ?c <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } } } GROUP BY ?c ?a""").rows])
        self.db.execute("DELETE FROM labels")
        self.db.executemany("INSERT INTO labels VALUES (?, ?)", [(str(r["l"]), str(r["c"])) for r in store.query(_LABELS).rows])
        self._pack()

    def _pack(self) -> None:
        """Pack the knows rows of each concept that has none packed (new, or changed by replace_documents)."""
        for (concept,) in self.db.execute(
                "SELECT DISTINCT concept FROM knows WHERE concept NOT IN (SELECT concept FROM packed)").fetchall():
            rows = np.array(self.db.execute(_PACK, (concept,)).fetchall(), dtype=PACKED)
            self.db.execute("INSERT INTO packed VALUES (?, ?)", (concept, rows.tobytes()))

    def rebuild(self, store) -> None:
        """All rows again, from the store (after a crash or a SPARQL update left the index stale).

        Read a few hundred documents at a time: memory stays flat (the whole store at once took 7 GB
        at 100,000 documents).
        """
        self.db.execute("DELETE FROM usage")
        for part in _chunks(sorted(str(g) for g in store.document_graphs())):
            self.db.executemany("INSERT INTO usage VALUES (?, ?, ?, ?, ?, ?)", sorted(_stored_usage(store, part), key=str))
        self.db.execute("INSERT OR IGNORE INTO people (person) SELECT DISTINCT person FROM usage")
        self.db.execute("DELETE FROM knows")
        self.db.execute(_KNOWS.format(where="1"))
        self.db.execute("DELETE FROM packed")
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (VERSION,))

    def commit(self) -> None:
        self.db.commit()

    # -- the questions
    def quotes(self) -> list[tuple[str, str, int]]:
        """(person, concept, quotes) for every pair: the weights of the graph's `knows` edges, which
        SPARQL counts by joining each pair with its evidence nodes (seconds at 10,000 documents)."""
        return self.db.execute("SELECT person, concept, quotes FROM knows ORDER BY person, concept").fetchall()

    def who_knows(self, concept: str, today: dt.date, people: list[str] | None = None) -> list[tuple]:
        """(person, name, concept, label, documents, positions, months, last used) for every person
        (or each of `people`) knowing a concept subsumed by `concept`, one row per (person, concept)."""
        rows = "closure c JOIN usage u ON u.concept = c.concept"
        if people is not None:  # read person by person: a popular concept has tens of thousands of rows
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS among (person TEXT PRIMARY KEY)")
            self.db.execute("DELETE FROM among")
            self.db.executemany("INSERT OR IGNORE INTO among VALUES (?)", [(p,) for p in people])
            rows = "among a CROSS JOIN usage u ON u.person = a.person CROSS JOIN closure c ON c.concept = u.concept"
        return self.db.execute(f"""
            SELECT u.person, (SELECT name FROM names n WHERE n.person = u.person), u.concept, MIN(c.label),
                   COUNT(DISTINCT u.doc), COUNT(DISTINCT NULLIF(u.position, '')),
                   SUM(CASE WHEN ({_MONTHS}) >= 0 THEN ({_MONTHS}) END),
                   MAX(CASE WHEN u.last = 'present' THEN '9999' ELSE u.last END)
            FROM {rows}
            WHERE c.ancestor = :asked GROUP BY u.person, u.concept""",
                               {"asked": concept, "today": today.year * 12 + today.month}).fetchall()

    def ranked(self, asked: list[tuple[str, str]], wanted: int, exact: bool, today: dt.date, limit: int
               ) -> tuple[list[str], int]:
        """The `limit` people with the highest summed strength over the asked (name, concept) pairs,
        matching at least `wanted` names, and how many people qualify in all.

        Summed over the packed rows with numpy, in the order `kg.ask` sums them (pair by pair, concepts
        in order), so the scores and ties equal the full answer's; only the people near the cut are
        read by name. SQL took half a second on a popular pair at 100,000 documents.
        """
        size = self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM people").fetchone()[0]
        names = list(dict.fromkeys(name for name, _ in asked))
        score, found = np.zeros(size), np.zeros((len(names), size), dtype=bool)
        for name, concept in asked:
            part = np.zeros(size)
            for (packed,) in self.db.execute(f"""SELECT p.knows FROM closure c JOIN packed p ON p.concept = c.concept
                    WHERE c.ancestor = ? {"AND c.concept = c.ancestor" if exact else ""} ORDER BY c.concept""",
                                             (concept,)):
                rows = np.frombuffer(packed, PACKED)
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

    def concepts(self, label: str) -> list[str]:
        """The concepts with this label (lower-cased), as kg.lookup would find them by SPARQL."""
        return [row[0] for row in self.db.execute("SELECT DISTINCT concept FROM labels WHERE label = ?", (label,))]


_PREFIXES = ("PREFIX schema: <https://schema.org/> PREFIX kg: <https://w3id.org/careerkg/ns#> "
             "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> ")


def _stored_usage(store, graphs: list[str]) -> set[tuple]:
    """The usage rows of these document graphs read back from their quads, as usage_rows writes them:
    a row per quote of "person knows concept", in its position if it has one; a pair stated without
    quotes (a user's update) gets one row, as SPARQL counts it once."""
    among = "VALUES ?d { " + " ".join(str(to_ox(URIRef(g))) for g in graphs) + " }"

    def scan(variables: str, pattern: str) -> list[tuple]:
        return store.values(f"{_PREFIXES} SELECT {variables} WHERE {{ {among} GRAPH ?d {{ {pattern} }} }}")

    def column(predicate: str) -> dict:
        return dict(scan("?s ?v", f"?s {predicate} ?v"))

    start, end, current = column("schema:startDate"), column("schema:endDate"), column("kg:current")
    pairs = set(scan("?d ?p ?c", "?p schema:knowsAbout ?c"))
    knows = dict(scan("?ev ?d", "?ev rdf:predicate schema:knowsAbout"))
    person, concept, position = ({ev: v for ev, v in scan("?ev ?v", f"?ev {predicate} ?v") if ev in knows}
                                 for predicate in ("rdf:subject", "rdf:object", "kg:inPosition"))
    rows = set()
    for ev, d in knows.items():
        pair = (d, person.get(ev), concept.get(ev))
        if pair in pairs:
            pos = position.get(ev)
            rows.add((*pair, pos or "", start.get(pos), "present" if current.get(pos) == "true" else end.get(pos)))
    quoted = {row[:3] for row in rows}
    return rows | {(*pair, "", None, None) for pair in pairs - quoted}


def strengths(rows: np.ndarray, today: dt.date) -> np.ndarray:
    """`strength` of each packed row, added up in the same order, so that sums agree to the bit.

    >>> rows = np.array([(7, 1, 2, 12, 1, 2025 * 12 + 1, 9999), (8, 2, 0, 0, 0, 0, 2019)], dtype=PACKED)
    >>> [float(s) for s in strengths(rows, dt.date(2026, 1, 1))] == [
    ...     strength(1, 2, 24, "present", dt.date(2026, 1, 1)), strength(2, 0, 0, "2019-05", dt.date(2026, 1, 1))]
    True
    """
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
    again (rebuilt from the store if it was stale to begin with) once the writes are done."""
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
        index.refresh(store, {str(graph) for graph in store.document_graphs()})
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
