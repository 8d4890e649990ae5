"""Rebuilds: a file is read again only when its stat says it may have changed, and the index a rebuild
leaves is the one a build from scratch makes."""

import os
import shutil
import time

import numpy as np
import pytest

import kg.pipeline
from kg.index import Index, fresh_index, packed_dtype
from kg.pipeline import build, remove
from kg.store import open_store

from .conftest import EXAMPLES

HOUR = 3600 * 10**9


@pytest.fixture
def docs(tmp_path):
    """The examples copied, their times an hour back: recorded when built, they are not racily clean."""
    folder = tmp_path / "docs"
    shutil.copytree(EXAMPLES, folder)
    for path in folder.iterdir():
        _age(path)
    return folder


def _age(path) -> None:
    then = time.time_ns() - HOUR
    os.utime(path, ns=(then, then))


def _build(store_folder, paths, **options):
    with open_store(str(store_folder)) as store:
        report = build(paths, store, workers=1, **options)
        assert not report.failed and fresh_index(store) is not None
    return report


@pytest.fixture
def reads(monkeypatch):
    """The files the builds read to hash them."""
    read = []

    def hashing(path, max_bytes):
        read.append(os.path.basename(path))
        return _sha256(path, max_bytes)
    _sha256 = kg.pipeline._sha256
    monkeypatch.setattr(kg.pipeline, "_sha256", hashing)
    return read


def _same_size_edit(path) -> None:
    """Change one character, keeping the size."""
    text = path.read_text()
    at = text.index("a")
    path.write_text(text[:at] + "e" + text[at + 1:])


def test_an_unchanged_file_is_not_read_again_unless_asked(docs, tmp_path, reads, monkeypatch):
    monkeypatch.setattr(kg.pipeline, "RACY_NS", 0)  # the copies changed (their ctime) just before: trusted as if older
    _build(tmp_path / "store", [docs])
    assert reads == []  # every file was extracted, none hashed here
    report = _build(tmp_path / "store", [docs])
    assert len(report.unchanged) == len(list(docs.iterdir())) and reads == []  # recorded when extracted
    report = _build(tmp_path / "store", [docs], rehash=True)
    assert len(report.unchanged) == len(reads) == len(list(docs.iterdir()))


def test_a_touched_but_identical_file_is_unchanged(docs, tmp_path, reads, monkeypatch):
    monkeypatch.setattr(kg.pipeline, "RACY_NS", 0)  # the copies changed (their ctime) just before: trusted as if older
    _build(tmp_path / "store", [docs])
    touched = docs / "mei_tanaka.txt"
    os.utime(touched)
    report = _build(tmp_path / "store", [docs])
    assert report.replaced == [] and len(report.unchanged) == len(list(docs.iterdir()))
    assert reads == ["mei_tanaka.txt"]
    _age(touched)  # the stat recorded just now no longer matches
    assert _build(tmp_path / "store", [docs]).replaced == [] and reads == ["mei_tanaka.txt"] * 2


def test_a_file_changed_with_its_size_and_old_mtime_is_caught(docs, tmp_path):
    _build(tmp_path / "store", [docs])
    edited = docs / "rahul_menon.txt"
    before = os.stat(edited)
    _same_size_edit(edited)
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -d` or a copy keeping times
    assert os.stat(edited).st_size == before.st_size and os.stat(edited).st_mtime_ns == before.st_mtime_ns
    assert _build(tmp_path / "store", [docs]).replaced == [str(edited)]


def test_a_file_recorded_as_it_changed_is_read_again(docs, tmp_path, monkeypatch):
    """Racily clean: a file changed within the tick of its time stamps after it was read keeps its stat
    (here its ctime is left out, as on a file system whose ctime says nothing); a record taken that soon
    after the file changed is not trusted."""
    stat = kg.pipeline._stat
    monkeypatch.setattr(kg.pipeline, "_stat", lambda path: stat(path) and stat(path)[:2] + (0,) + stat(path)[3:])
    edited = docs / "lukas_schneider.txt"
    edited.write_text(edited.read_text())  # changed now: built right after
    _build(tmp_path / "store", [docs])
    before = os.stat(edited)
    _same_size_edit(edited)
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert _build(tmp_path / "store", [docs]).replaced == [str(edited)]


def test_a_rebuild_with_nothing_changed_keeps_the_index_as_it_was(docs, tmp_path):
    _build(tmp_path / "store", [docs])
    before = _index(tmp_path / "store", keep_times=True)
    assert _build(tmp_path / "store", [docs]).unchanged
    assert _index(tmp_path / "store", keep_times=True) == before


def test_replaced_added_and_removed_documents_leave_the_index_a_build_from_scratch_makes(docs, tmp_path):
    _build(tmp_path / "store", [docs])
    cut = sorted(docs.iterdir())[::3]
    for path in cut:  # the last third of each cut off: skills, positions and names go
        lines = path.read_text().splitlines()
        path.write_text("\n".join(lines[:2 * len(lines) // 3]) + "\n")
    renamed = docs / "rahul_menon.txt"
    renamed.write_text(renamed.read_text().replace("RAHUL  MENON", "RAHUL KUMAR MENON"))
    colleague = docs / "zoe_marsh.md"  # at Corvid Labs too, written otherwise: the least name of Sofia's employer changes
    colleague.write_text((EXAMPLES / "sofia_alvarez.md").read_text().replace("sofia.alvarez", "zoe.marsh")
                         .replace("sofia-alvarez", "zoe-marsh").replace("Sofia Alvarez", "Zoe Marsh")
                         .replace("Corvid Labs", "CORVID LABS"))
    report = _build(tmp_path / "store", [docs])
    assert len(report.replaced) == len(cut) + 1 and report.added == [str(colleague)]
    gone = docs / "job_inference.txt"
    with open_store(str(tmp_path / "store")) as store:
        assert remove([gone], store) == [str(gone)]
    gone.unlink()
    _build(tmp_path / "scratch", [docs])
    kept, scratch = _index(tmp_path / "store"), _index(tmp_path / "scratch")
    assert {("Sofia Alvarez", "CORVID LABS"), ("Rahul Kumar Menon", "Helixion AI")} <= {row[1:3] for row in scratch["names"]}
    assert kept == scratch


def _index(folder, keep_times: bool = False) -> dict:
    """Every table of the index but the hashes, ids turned back into IRIs (two stores number them
    differently), documents' ingestedAt left out unless `keep_times`."""
    index = Index(str(folder), writable=False)
    db = index.db
    iri = dict(db.execute("SELECT id, iri FROM iris")) | {0: None}
    person = dict(db.execute("SELECT id, person FROM people"))
    tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    ids = {"usage": (iri, person, iri, iri), "used": (iri, iri, person, iri), "knows": (iri, person)}
    rows = {}
    for table in set(tables) - {"hashes", "meta", "iris", "people", "packed"}:
        found = db.execute(f"SELECT * FROM {table}").fetchall()
        named = ids.get(table, ())
        found = [tuple(named[i][v] if i < len(named) else v for i, v in enumerate(row)) for row in found]
        if table == "documents" and not keep_times:
            found = [row[:3] + row[4:] for row in found]
        rows[table] = sorted(found, key=str)
    rows["packed"] = sorted((concept, sorted((person[r[0]], *r.tolist()[1:]) for r in np.frombuffer(blob, packed_dtype())))
                            for concept, blob in db.execute("SELECT concept, knows FROM packed"))
    index.close()
    return rows
