"""Questions on real documents: who-knows on the seeds gives exactly the gold answers; match, explain, profile."""

import json

import pytest

from kg.ask import explain, match, profile, who_knows
from kg.queries import QueryError

from .conftest import DATA, EXAMPLES, SEEDS


def _queries(path):
    return [pytest.param(q["all_of"], sorted(q["expect_people"]), id=" & ".join(q["all_of"]))
            for q in json.loads(path.read_text())["queries"]]


SEED_QUERIES = json.loads((SEEDS.parent / "gold" / "seeds.json").read_text())["queries"]


@pytest.mark.parametrize("skills, expected", [
    pytest.param(q["all_of"], sorted(q["expect_people"]), id=" & ".join(q["all_of"])) for q in SEED_QUERIES])
def test_who_knows_on_the_seeds_equals_gold(seed_store, skills, expected):
    assert sorted(p.name for p in who_knows(seed_store, skills)) == expected


@pytest.mark.parametrize("skills, expected", _queries(DATA / "examples.gold.json"))
def test_who_knows_on_the_examples(example_store, skills, expected):
    assert sorted(p.name for p in who_knows(example_store, skills)) == expected


def test_who_knows_is_taxonomy_aware_unless_exact(seed_store):
    broad = {p.name for p in who_knows(seed_store, ["deep learning frameworks"])}
    assert {"Vasudev Gupta", "Arjun Rao", "Senthilkumar Gopal"} <= broad
    assert who_knows(seed_store, ["deep learning frameworks"], exact=True) == []


def test_who_knows_any_and_ranking(seed_store):
    people = who_knows(seed_store, ["Kafka", "Flink"], any_=True)
    assert {p.name for p in people} == {"Senthilkumar Gopal", "Arjun Rao"}
    assert [p.score for p in people] == sorted((p.score for p in people), reverse=True)
    for p in people:
        for s in p.skills:
            assert s.positions >= 1 and s.documents == 1


def test_aliases_case_and_plurals(seed_store):
    names = {p.name for p in who_knows(seed_store, ["tpus"])}
    assert names == {p.name for p in who_knows(seed_store, ["Tensor Processing Unit"])} == {
        "Vinu Rajashekhar", "Vasudev Gupta"}


def test_unknown_skill_suggests(seed_store):
    with pytest.raises(QueryError, match=r"unknown skill 'pytorhc'; did you mean: PyTorch"):
        who_knows(seed_store, ["pytorhc"])


def test_explain_quotes_the_documents(seed_store):
    quotes = explain(seed_store, "Vasudev Gupta", "Triton")
    assert quotes and all("Triton" in q["quote"] for q in quotes)
    text = (SEEDS / "003_93a3714106e549a9.txt").read_text()
    for q in quotes:
        assert text[q["start"]:q["end"]] == q["quote"]


def test_match_ranks_by_required_then_preferred(example_store):
    job, candidates = match(example_store, "job_inference")
    assert candidates
    counts = [(len(c.required), len(c.preferred)) for c in candidates]
    assert counts == sorted(counts, reverse=True)
    top = candidates[0]
    assert top.name == "Rahul Menon"
    assert top.quotes and all(q["quote"] for quotes in top.quotes.values() for q in quotes)


def test_profile(seed_store):
    data = profile(seed_store, "mailarjunrao@gmail.com")
    assert data["name"] == "Arjun Rao"
    assert [p["employer"] for p in data["positions"]][-1] == "Netflix"
    assert [p["start"] for p in data["positions"]] == sorted(p["start"] for p in data["positions"])
    pytorch = next(s for s in data["skills"] if s["skill"] == "PyTorch")
    assert pytorch["last_used"] == "present" and pytorch["months"] > 12


@pytest.fixture(scope="module")
def indexed_store(tmp_path_factory):
    """Built in two steps: the second build updates the index in place (kg.index.replace_documents)."""
    from kg.pipeline import build
    from kg.store import open_store
    store = open_store(str(tmp_path_factory.mktemp("indexed") / "store"))
    build([SEEDS], store, workers=1)
    build([SEEDS, EXAMPLES], store, workers=1)
    yield store
    store.close()


ASKS = [["TPU", "Triton"], ["Kafka", "Spark"], ["deep learning frameworks"], ["Python"], ["recommender systems"],
        ["machine learning", "Python"], ["PyTorch", "quantization"], ["leadership"], ["Go", "Kubernetes"]]


@pytest.mark.parametrize("skills", ASKS, ids=[" & ".join(a) for a in ASKS])
def test_the_index_agrees_with_sparql(indexed_store, skills):
    """Same people, same scores, same details, whether the index or SPARQL answers."""
    from kg.index import fresh_index
    assert fresh_index(indexed_store) is not None
    for any_ in (False, True):
        by_index = [p.to_json() for p in who_knows(indexed_store, skills, any_=any_)]
        by_sparql = [p.to_json() for p in who_knows(indexed_store, skills, any_=any_, use_index=False)]
        assert by_index == by_sparql


def test_the_index_rebuilt_from_the_store_equals_the_one_kept_by_builds(indexed_store):
    """After a crash or a user's update the index is rebuilt from the quads: it must hold the rows the
    builds wrote from the extractions, a row per quote of each (person, concept)."""
    from kg.index import Index
    index = Index(indexed_store.folder)
    try:
        kept = sorted(index.db.execute("SELECT * FROM usage"), key=str)
        index.rebuild(indexed_store)
        assert sorted(index.db.execute("SELECT * FROM usage"), key=str) == kept and len(kept) > 500
    finally:
        index.db.rollback()
        index.close()


def test_export_weights_from_the_index_equal_the_evidence_counted_by_sparql(indexed_store, monkeypatch):
    """Exports read the `knows` weights (quotes per pair) from the index; SPARQL counts evidence nodes."""
    from kg import graph
    by_index = graph.elements(indexed_store)
    monkeypatch.setattr(graph, "fresh_index", lambda store: None)
    by_sparql = graph.elements(indexed_store)
    assert by_index.nodes == by_sparql.nodes
    assert sorted(by_index.edges, key=str) == sorted(by_sparql.edges, key=str)
    weights = [d["weight"] for _, _, key, d in by_index.edges if key == "knows"]
    assert len(weights) > 300 and max(weights) > 1


@pytest.mark.parametrize("skills", ASKS, ids=[" & ".join(a) for a in ASKS])
def test_the_top_people_ranked_by_the_index_are_the_first_of_the_full_answer(indexed_store, skills):
    """top_knowers ranks from the index's packed rows; its page is the head of the full ranking by SPARQL."""
    from kg.ask import top_knowers
    for any_, exact in ((False, False), (True, False), (True, True)):
        everyone = [p.to_json() for p in who_knows(indexed_store, skills, any_=any_, exact=exact, use_index=False)]
        for limit in (1, 2, 5):
            page, total = top_knowers(indexed_store, skills, limit, any_=any_, exact=exact)
            assert ([p.to_json() for p in page], total) == (everyone[:limit], len(everyone))


def test_the_rows_packed_by_builds_equal_the_rows_packed_afresh(indexed_store):
    """Builds pack again only the concepts whose people changed; the result must not depend on that."""
    from kg.index import Index
    index = Index(indexed_store.folder)
    try:
        kept = index.db.execute("SELECT concept, knows FROM packed ORDER BY concept").fetchall()
        index.db.execute("DELETE FROM packed")
        index._pack()
        assert index.db.execute("SELECT concept, knows FROM packed ORDER BY concept").fetchall() == kept
        assert len(kept) > 100
    finally:
        index.db.rollback()
        index.close()


def test_the_index_finds_skills_by_label_as_sparql_does(indexed_store):
    """Skill names are looked up in the index's labels when it is fresh: the same concepts as by SPARQL,
    for labels and aliases in any case and spacing, plurals, variants, non-ASCII labels and misses."""
    from kg.index import fresh_index
    from kg.lookup import Lookup, _ALL_SKILL_LABELS
    labels = sorted({str(r["label"]) for r in indexed_store.query(_ALL_SKILL_LABELS).rows})
    names = labels[::40] + [label for label in labels if not label.isascii()] + [
        "tpus", "TENSOR processing  unit", "deep-learning frameworks", "LLMs", "GPUs", "k8s", "golang", "c++",
        "Naive Bayes", "pytorhc", "Kafka", " kafka "]
    index = fresh_index(indexed_store)
    try:
        by_index, by_sparql = Lookup(indexed_store, index), Lookup(indexed_store)
        for name in names:
            assert by_index.skill_concepts(name) == by_sparql.skill_concepts(name), name
    finally:
        index.close()
    assert len(names) > 50


def test_a_sparql_update_makes_the_index_stale_until_the_next_build(tmp_path):
    from kg.index import fresh_index
    from kg.pipeline import build
    from kg.store import open_store
    location = str(tmp_path / "store")
    with open_store(location) as store:
        build([SEEDS], store, workers=1)
        assert fresh_index(store) is not None
    import subprocess
    import sys
    subprocess.run([sys.executable, "-m", "kg.cli", "--store", location, "sparql", "--allow-update",
                    "DELETE WHERE { GRAPH ?g { ?p <https://schema.org/knowsAbout> <https://w3id.org/careerkg/skill/tpu> } }"],
                   check=True, capture_output=True, timeout=120)
    with open_store(location) as store:
        assert fresh_index(store) is None
        assert who_knows(store, ["Kafka"])  # answered by SPARQL meanwhile
        assert "Vinu Rajashekhar" not in {p.name for p in who_knows(store, ["TPU"])}
        build([SEEDS], store, workers=1)
        assert fresh_index(store) is not None
        assert "Vinu Rajashekhar" not in {p.name for p in who_knows(store, ["TPU"])}
