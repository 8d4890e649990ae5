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
            assert s.mentions >= 1 and s.documents == 1


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
