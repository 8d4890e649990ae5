"""The named queries the index answers (kg.index.ANSWERS) give SPARQL's answer: same variables, same
rows, same terms, in the order the .rq defines, on the examples and on a generated corpus, after
documents are removed and after a stale index is rebuilt; a stale index is never read.

SPARQL leaves some things open, and only what it defines is compared: SAMPLE picks any value (the
index takes the least; the test checks SPARQL's pick is one of the values there are), GROUP_CONCAT
joins in any order, and rows tied on every ORDER BY key come in any order.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import URIRef
from kg.index import ANSWERS, DOCUMENT_TABLES, Index, fresh_index
from kg.pipeline import build, remove
from kg.queries import QueryError, run
from kg.store import BATCH_PREFIX, open_store

from .conftest import EXAMPLES, ROOT

SKILLS = {"popular": "Python", "broader": "deep learning frameworks"}  # and "rare", "nobody": found in the store
ORDER = {  # the ORDER BY keys of each .rq
    "documents": ["path"], "people": ["name"], "top_skills": ["people", "label"],
    "skill_usage": ["person", "start", "position", "concept"], "organizations_by_skill": ["people", "name"],
    "skill_cooccurrence": ["people", "label"], "who_knows": ["documents", "name"],
    "job_candidates": ["requiredMatched", "preferredMatched", "name", "person"],
    "people_at_organization": ["name", "start", "person", "employer", "employerName", "title", "team", "end", "current"],
    "alumni_of": ["name", "person", "institution", "degree", "field", "end"],
    "colleagues": ["name", "from", "colleague", "employer", "to", "employerName"],
    "postings": ["title", "posting"], "candidates": ["documents", "label", "concept"],
}
# SAMPLE columns, checked against what there is (_sampled_from); the order is compared up to the first of them
SAMPLED = {"people": ["name", "currentEmployer"], "job_candidates": ["name"],
           "postings": ["title", "organization", "path"], "candidates": ["label", "example"]}
PARAMETERS = {"skill_usage": "skill", "organizations_by_skill": "skill", "skill_cooccurrence": "skill", "who_knows": "skill",
              "job_candidates": "posting", "people_at_organization": "organization", "alumni_of": "organization",
              "colleagues": "person"}
_PREFIXES = "PREFIX schema: <https://schema.org/> PREFIX kg: <https://w3id.org/careerkg/ns#> "


def _built(folder: Path, paths) -> Path:
    with open_store(str(folder)) as store:
        report = build(paths, store, workers=1)
        assert not report.failed and fresh_index(store) is not None
    return folder


@pytest.fixture(scope="module")
def examples_folder(tmp_path_factory):
    return _built(tmp_path_factory.mktemp("examples") / "store", [EXAMPLES])


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory):
    """300 generated documents (benchmarks/corpus.py), built once for the module."""
    files = tmp_path_factory.mktemp("corpus") / "files"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), "300", str(files), "--seed", "3"],
                   check=True, capture_output=True, timeout=300)
    return _built(files.parent / "store", [files])


def _skills(store) -> dict[str, str]:
    """The asked skills, with a rare one (known by one or two people) and one nobody knows."""
    known = {str(r["c"]): int(r["n"]) for r in store.query("""PREFIX schema: <https://schema.org/>
        SELECT ?c (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?d { ?p schema:knowsAbout ?c } } GROUP BY ?c""").rows}
    concepts = sorted(str(r["c"]) for r in store.query("""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?c WHERE { GRAPH ?t { ?c a skos:Concept ; skos:prefLabel ?l } }""").rows)
    rare = min(c for c, n in known.items() if n <= 2)
    nobody = next(c for c in concepts if c not in known and not c.endswith("/scheme"))
    return {**SKILLS, "rare": rare, "nobody": nobody}


def _entities(store) -> dict[str, dict[str, str]]:
    """The asked entities by parameter: a popular and a rare employer and school, a parent of employers
    and of schools (the hierarchy counts), postings requiring and preferring skills, a person at the
    employer with the most dated positions (with colleagues) and one without colleagues."""
    def ranked(pattern: str) -> list[str]:
        return [str(r["o"]) for r in store.query(_PREFIXES + f"""SELECT ?o (COUNT(?x) AS ?n) WHERE {{ GRAPH ?d {{ {pattern} }} }}
            GROUP BY ?o ORDER BY DESC(?n) ?o""").rows]

    def parent(predicate: str) -> list[str]:
        return [str(r["a"]) for r in store.query(_PREFIXES + f"""SELECT ?a (COUNT(?x) AS ?n) WHERE {{
            GRAPH <https://w3id.org/careerkg/graph/organizations> {{ ?o schema:parentOrganization ?a }}
            GRAPH ?d {{ ?x {predicate} ?o }} }} GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 1""").rows]

    employers, schools = ranked("?x kg:employer ?o"), ranked("?x kg:institution ?o")
    dated = ranked("?x kg:employer ?o ; schema:startDate ?s")
    postings = [str(r["j"]) for r in store.query(_PREFIXES + """SELECT DISTINCT ?j WHERE {
        GRAPH ?d { ?j kg:requiresSkill ?r ; kg:prefersSkill ?f } } ORDER BY ?j LIMIT 2""").rows]
    holders = [str(r["p"]) for r in store.query(_PREFIXES + """SELECT ?p WHERE { GRAPH ?d { ?p kg:position ?x . ?x kg:employer ?o } }
        GROUP BY ?p HAVING (COUNT(DISTINCT ?o) = 1) ORDER BY ?p""").rows]
    alone = next(p for p in holders if not run(store, "colleagues", {"person": p}, use_index=False).rows)
    busy = store.query(_PREFIXES + """SELECT ?p ?o WHERE { GRAPH ?d { ?p kg:position ?x . ?x kg:employer ?o ; schema:startDate ?s } }
        ORDER BY ?p LIMIT 1""", {"o": URIRef(dated[0])}).rows[0]["p"]
    return {"skill": _skills(store),
            "organization": {"popular": employers[0], "rare": employers[-1], "parent": (parent("kg:employer") or employers)[0],
                             "school": schools[0], "rare school": schools[-1],
                             "campuses": (parent("kg:institution") or schools)[0]},
            "posting": {"first": postings[0], "second": postings[-1]},
            "person": {"colleagues": str(busy), "alone": alone}}


def _key(row: dict, name: str) -> tuple:
    keys = ORDER[name]
    sampled = [keys.index(v) for v in SAMPLED.get(name, ()) if v in keys]
    return tuple(row[v] for v in keys[:min(sampled, default=len(keys))])


def _defined(name: str, result) -> list:
    """What SPARQL defines of a result: runs of rows tied on the ORDER BY keys (each run as a sorted
    list of rows), without the SAMPLE columns, with GROUP_CONCAT's parts as a set."""
    runs: list = []
    for row in result.rows:
        shown = {v: (sorted(str(t).split("; ")) if v == "warnings" else t.n3() if t is not None else None)
                 for v, t in row.items() if v not in SAMPLED.get(name, ())}
        if runs and runs[-1][0] == _key(row, name):
            runs[-1][1].append(shown)
        else:
            runs.append((_key(row, name), [shown]))
    return [(key, sorted(rows, key=str)) for key, rows in runs]


# for each SAMPLE column: (the key column, the SPARQL giving each key's values, the rows' order by it)
_SAMPLES = {
    "job_candidates": {"name": ("person", "SELECT ?k ?v WHERE { GRAPH ?g { ?k a schema:Person } GRAPH ?h { ?k schema:name ?v } }")},
    "postings": {"title": ("posting", "SELECT ?k ?v WHERE { GRAPH ?g { ?k schema:title ?v } }"),
                 "organization": ("posting", "SELECT ?k ?v WHERE { GRAPH ?g { ?k schema:hiringOrganization/schema:name ?v } }"),
                 "path": ("posting", "SELECT ?k ?v WHERE { GRAPH ?g { ?k a schema:JobPosting . ?g kg:path ?v } }")},
    "candidates": {"label": ("concept", "SELECT ?k ?v WHERE { GRAPH ?g { ?k kg:candidate true ; "
                                        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?v } }"),
                   "example": ("concept", "SELECT ?k ?v WHERE { GRAPH ?g { ?k kg:candidate true . "
                                          "?e schema:mentions ?k ; kg:quote ?v } }")},
}
_SAMPLE_ORDER = {"job_candidates": lambda r: (-int(r["requiredMatched"]), -int(r["preferredMatched"]), _text(r["name"]),
                                              str(r["person"])),
                 "postings": lambda r: (_text(r["title"]), str(r["posting"])),
                 "candidates": lambda r: (-int(r["documents"]), _text(r["label"]), str(r["concept"]))}


def _text(term) -> str:
    return str(term) if term is not None else ""


def _sampled_from(store, name: str, result) -> None:
    """Each SAMPLE the index took (the least value) is one SPARQL could take, and ordered by it."""
    if name in _SAMPLES:
        for column, (key, sparql) in _SAMPLES[name].items():
            values: dict = {}
            for r in store.query(_PREFIXES + sparql).rows:
                values.setdefault(r["k"], set()).add(r["v"])
            for row in result.rows:
                assert row[column] == min(values.get(row[key], [None]), key=str), (column, row)
        shown = [_SAMPLE_ORDER[name](r) for r in result.rows]
        assert shown == sorted(shown)
    if name != "people":
        return
    names, employers = {}, {}
    for r in store.query("SELECT ?p ?n WHERE { GRAPH ?g { ?p a <https://schema.org/Person> } "
                         "GRAPH ?h { ?p <https://schema.org/name> ?n } }").rows:
        names.setdefault(r["p"], set()).add(r["n"])
    for r in store.query("SELECT ?p ?n WHERE { GRAPH ?g { ?p <https://schema.org/worksFor> ?o } "
                         "GRAPH ?h { ?o <https://schema.org/name> ?n } }").rows:
        employers.setdefault(r["p"], set()).add(r["n"])
    for row in result.rows:
        assert row["name"] == min(names.get(row["person"], [None]), key=str), row
        assert row["currentEmployer"] == min(employers.get(row["person"], [None]), key=str), row
    shown = [(str(r["name"]) if r["name"] is not None else "", str(r["person"])) for r in result.rows]
    assert shown == sorted(shown)


def _agree(store, name: str, values: dict) -> int:
    """Index and SPARQL agree on the query; returns how many rows."""
    index = fresh_index(store)
    assert index is not None
    index.close()
    by_index, by_sparql = run(store, name, values), run(store, name, values, use_index=False)
    assert by_index.variables == by_sparql.variables
    assert len(by_index.rows) == len(by_sparql.rows)
    assert _defined(name, by_index) == _defined(name, by_sparql)
    _sampled_from(store, name, by_index)
    return len(by_index.rows)


def _every_query(store) -> dict[tuple, int]:
    counts = {}
    entities = _entities(store)
    for name in ANSWERS:
        parameter = PARAMETERS.get(name)
        asked = entities[parameter].items() if parameter else [("", None)]
        for what, value in asked:
            counts[name, what] = _agree(store, name, {parameter: value} if parameter else {})
    return counts


@pytest.mark.parametrize("which", ["examples", "corpus"])
def test_the_index_answers_as_sparql_does(request, which):
    folder = request.getfixturevalue(f"{which}_folder")
    with open_store(str(folder), read_only=True) as store:
        counts = _every_query(store)
    assert counts["documents", ""] == (10 if which == "examples" else 300)
    assert counts["skill_usage", "popular"] > 10 and counts["who_knows", "broader"] > 3
    assert counts["who_knows", "nobody"] == 0 and counts["who_knows", "rare"] >= 1
    assert counts["people_at_organization", "popular"] > counts["people_at_organization", "rare"] >= 1
    assert counts["alumni_of", "school"] >= counts["alumni_of", "rare school"] >= 1
    assert counts["colleagues", "alone"] == 0
    assert counts["job_candidates", "first"] >= 1 and counts["postings", ""] >= 3 and counts["candidates", ""] >= 1
    if which == "corpus":  # nobody in the examples worked with anybody
        assert counts["people_at_organization", "popular"] > 20 and counts["job_candidates", "first"] > 100
        assert counts["colleagues", "colleagues"] > 10
        assert counts["alumni_of", "campuses"] > counts["alumni_of", "rare school"]


def _same_terms(by_index, by_sparql) -> None:
    """The same rows in the same order, each term with the same datatype and language."""
    assert by_index.rows == by_sparql.rows
    assert [(t.datatype, t.language) for row in by_index.rows for t in row.values() if hasattr(t, "datatype")] \
        == [(t.datatype, t.language) for row in by_sparql.rows for t in row.values() if hasattr(t, "datatype")]


def test_the_answers_are_the_same_terms(corpus_folder):
    """Exactly the same terms (datatype, language) and order wherever SPARQL's order is total."""
    with open_store(str(corpus_folder), read_only=True) as store:
        for name, values in (("documents", {}), ("skill_usage", {"skill": "Python"}),
                             ("skill_usage", {"skill": "deep learning frameworks"})):
            by_index, by_sparql = run(store, name, values), run(store, name, values, use_index=False)
            if name == "documents":  # GROUP_CONCAT's order is open
                for row in by_index.rows + by_sparql.rows:
                    row["warnings"] = sorted(str(row["warnings"]).split("; "))
            _same_terms(by_index, by_sparql)
            assert len(by_index.rows) > 50


def test_the_career_answers_are_the_same_terms_in_order(corpus_folder):
    """The six queries over positions, educations and postings: their .rq orders totally, and the
    generated documents give each SAMPLE one value to take, so the answers are equal row for row."""
    with open_store(str(corpus_folder), read_only=True) as store:
        entities = _entities(store)
        for name, values in (("people_at_organization", {"organization": entities["organization"]["popular"]}),
                             ("people_at_organization", {"organization": entities["organization"]["parent"]}),
                             ("alumni_of", {"organization": entities["organization"]["campuses"]}),
                             ("colleagues", {"person": entities["person"]["colleagues"]}),
                             ("job_candidates", {"posting": entities["posting"]["first"]}),
                             ("postings", {})):
            by_index, by_sparql = run(store, name, values), run(store, name, values, use_index=False)
            _same_terms(by_index, by_sparql)
            assert len(by_index.rows) > 10, name


def test_an_organization_counts_its_parts(corpus_folder):
    """People at a parent organization include those at its parts (kg:employer or kg:institution of a part)."""
    with open_store(str(corpus_folder), read_only=True) as store:
        entities = _entities(store)["organization"]
        for name, asked, column in (("people_at_organization", entities["parent"], "employer"),
                                    ("alumni_of", entities["campuses"], "institution")):
            rows = run(store, name, {"organization": asked}).rows
            assert {str(row[column]) for row in rows} - {asked}, name


def test_pages_are_slices_of_the_answer(corpus_folder):
    with open_store(str(corpus_folder), read_only=True) as store:
        entities = _entities(store)
        for name, values in (("documents", {}), ("skill_usage", {"skill": "Python"}), ("top_skills", {}),
                             ("postings", {}), ("candidates", {}), ("job_candidates", {"posting": entities["posting"]["first"]}),
                             ("colleagues", {"person": entities["person"]["colleagues"]})):
            for use_index in (True, False):
                everything = run(store, name, values, use_index=use_index).rows
                for limit, offset in ((5, 0), (7, 3), (None, 20), (10, 20), (0, 0), (5, 10_000)):
                    page = run(store, name, values, limit=limit, offset=offset, use_index=use_index).rows
                    assert page == everything[offset:None if limit is None else offset + limit], (name, limit, offset)
        assert len(run(store, "top_skills", offset=20).rows) == 5  # the query's own LIMIT 25 still holds
        for bad in (-1, 1.5, True):
            with pytest.raises(QueryError, match="whole number"):
                run(store, "documents", limit=bad)


def test_a_stale_index_is_not_read(corpus_folder, tmp_path):
    """Rows deleted from the index show while it is fresh (the index answers) and not once it is
    stale (SPARQL answers); a build rebuilds it, equal to the one builds kept."""
    folder = tmp_path / "store"
    shutil.copytree(corpus_folder, folder)
    index = Index(str(folder))
    kept = {table: sorted(index.db.execute(f"SELECT * FROM {table}"), key=str)
            for table in ("usage", *DOCUMENT_TABLES, "used", "names", "orgnames", "prefs", "suborgs")}
    index.db.execute("DELETE FROM documents WHERE rowid % 2 = 0")
    index.db.commit()
    with open_store(str(folder), read_only=True) as store:
        assert len(run(store, "documents").rows) == 150
    index.invalidate()
    index.close()
    with open_store(str(folder)) as store:
        assert fresh_index(store) is None
        assert len(run(store, "documents").rows) == 300
        build([], store, workers=1)  # rebuilds the stale index from the store
        index = Index(str(folder))
        try:
            for table, rows in kept.items():
                assert sorted(index.db.execute(f"SELECT * FROM {table}"), key=str) == rows, table
        finally:
            index.close()
        _every_query(store)


def test_an_index_of_another_version_is_rebuilt(examples_folder, tmp_path):
    """An index file whose tables have another shape (here version 10's, IRIs as text) is not read, nor
    upgraded in place: a build drops its tables and rebuilds them from the store."""
    import sqlite3

    from kg.index import FILE
    folder = tmp_path / "store"
    shutil.copytree(examples_folder, folder)
    with sqlite3.connect(folder / FILE) as db:
        db.execute("UPDATE meta SET value = '10' WHERE key = 'version'")
        db.execute("DROP TABLE used")
        db.execute("CREATE TABLE used (concept TEXT, org TEXT, person TEXT, PRIMARY KEY (concept, org, person)) WITHOUT ROWID")
    db.close()
    with open_store(str(folder)) as store:
        assert fresh_index(store) is None
        build([], store, workers=1)
        assert fresh_index(store) is not None
        _every_query(store)


def test_a_build_failing_midway_leaves_the_index_stale(tmp_path, monkeypatch):
    """A build's index writes are one transaction: when it fails after some batches are in the store,
    the index is left stale (rolled back to before them), not read, and rebuilt by the next build."""
    import kg.pipeline
    from kg.store import OxigraphStore
    monkeypatch.setattr(kg.pipeline, "BATCH_BYTES", 1)  # a batch per document
    load, loads = OxigraphStore.load_documents, []

    def failing(store, batch, drop):
        loads.append(batch)
        if len(loads) == 3:
            raise OSError("disk full")
        load(store, batch, drop)

    monkeypatch.setattr(OxigraphStore, "load_documents", failing)
    folder = tmp_path / "store"
    with open_store(str(folder)) as store:
        with pytest.raises(OSError, match="disk full"):
            build([EXAMPLES], store, workers=1)
        assert fresh_index(store) is None and len(store.documents()) == 2
        assert not list(folder.glob(BATCH_PREFIX + "*"))  # neither the failed batch's file nor the next one's
        index = Index(str(folder))
        assert index.db.execute("SELECT COUNT(*) FROM usage").fetchone() == (0,)
        index.close()
        monkeypatch.setattr(OxigraphStore, "load_documents", load)
        build([EXAMPLES], store, workers=1)
        assert fresh_index(store) is not None and len(store.documents()) == 10
        _every_query(store)


def _usage_count(folder: Path) -> int:
    index = Index(str(folder), writable=False)
    try:
        return index.db.execute("SELECT COUNT(*) FROM usage").fetchone()[0]
    finally:
        index.close()


def test_the_index_follows_documents_replaced_by_a_build(tmp_path):
    """Files edited since the last build are extracted again and their documents replaced: the index
    then holds the rows a rebuild from the store gives, and every answer agrees with SPARQL."""
    from kg.ask import who_knows
    files = tmp_path / "files"
    shutil.copytree(EXAMPLES, files)
    folder = tmp_path / "store"
    with open_store(str(folder)) as store:
        build([files], store, workers=1)
        before = _usage_count(folder)
        edited = sorted(files.iterdir())[::3]
        for path in edited:  # the last third of each cut off: skills, positions and names go
            lines = path.read_text().splitlines()
            path.write_text("\n".join(lines[:2 * len(lines) // 3]) + "\n")
        assert len(build([files], store, workers=1).replaced) == len(edited)
        assert 0 < _usage_count(folder) < before
        assert fresh_index(store) is not None
        _every_query(store)
        for skills in (["Python"], ["Kafka", "Spark"]):
            assert ([p.to_json() for p in who_knows(store, skills)]
                    == [p.to_json() for p in who_knows(store, skills, use_index=False)])
        index = Index(str(folder))
        try:
            tables = ("usage", "used", "knows", *DOCUMENT_TABLES)
            kept = {table: sorted(index.db.execute(f"SELECT * FROM {table}"), key=str) for table in tables}
            index.rebuild(store)
            index.refresh(store, store.dropped_documents())  # as kg.index.maintained does
            for table in tables:
                assert sorted(index.db.execute(f"SELECT * FROM {table}"), key=str) == kept[table], table
        finally:
            index.db.rollback()
            index.close()


def test_the_index_agrees_after_documents_are_removed(corpus_folder, tmp_path):
    folder = tmp_path / "store"
    shutil.copytree(corpus_folder, folder)
    with open_store(str(folder)) as store:
        paths = sorted(store.documents())
        gone = remove(paths[::7], store)
        assert len(gone) == len(paths[::7]) > 40
        counts = _every_query(store)
    assert counts["documents", ""] == 300 - len(gone)


def test_kg_query_pages_and_can_skip_the_index(examples_folder):
    from click.testing import CliRunner

    from kg.cli import main
    runner = CliRunner()

    def kg(*args):
        result = runner.invoke(main, ["--store", str(examples_folder), "query", *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    full = kg("documents", "--format", "csv").splitlines()
    assert kg("documents", "--format", "csv", "--limit", "3", "--offset", "2").splitlines() == full[:1] + full[3:6]
    assert kg("documents", "--format", "csv", "--no-index").splitlines() == full
    assert kg("who_knows", "-p", "skill", "Python", "--format", "csv", "--limit", "2", "--no-index").count("\n") == 3


def test_the_index_follows_names_rewritten_in_place(examples_folder, tmp_path):
    """kg redact --pseudonymize rewrites people's names in the documents: the index reads them again."""
    from kg.privacy import redact
    folder = tmp_path / "store"
    shutil.copytree(examples_folder, folder)
    with open_store(str(folder)) as store:
        before = {str(r["name"]) for r in run(store, "people").rows}
        redact(store, pseudonymize=True)
        after = {str(r["name"]) for r in run(store, "people").rows}
        assert after and not after & before and all(name.startswith("Person ") for name in after)
        counts = _every_query(store)
    assert counts["people", ""] == len(before)
