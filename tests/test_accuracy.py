"""Extraction accuracy against hand-made gold: the seeds, the bundled examples, the layout corpus.

Floors, not targets: they stop regressions; benchmarks/accuracy.py prints the full table.
"""

import importlib.util

import pytest

from .conftest import DATA, EXAMPLES, GOLD, ROOT, SEEDS

spec = importlib.util.spec_from_file_location("accuracy", ROOT / "benchmarks" / "accuracy.py")
accuracy = importlib.util.module_from_spec(spec)
spec.loader.exec_module(accuracy)

FLOORS = {
    "seeds": {"person name": 1.0, "employers": 0.95, "titles": 0.9, "institutions": 0.9, "degrees": 0.9,
              "technologies": 0.85, "all skills": 0.75, "posting preferred": 0.8},
    "examples": {"person name": 1.0, "employers": 0.98, "titles": 0.98, "institutions": 0.98, "degrees": 0.98,
                 "technologies": 0.85, "all skills": 0.7, "posting required": 0.75},
    "layouts": {"person name": 0.98, "employers": 0.98, "titles": 0.98, "institutions": 0.98, "degrees": 0.98,
                "technologies": 0.9, "all skills": 0.75},
}
SETS = {"seeds": (GOLD, SEEDS), "examples": (DATA / "examples.gold.json", EXAMPLES),
        "layouts": (DATA / "layouts" / "gold.json", DATA / "layouts")}


@pytest.fixture(scope="module", params=list(SETS))
def scored(request):
    gold, docs = SETS[request.param]
    return request.param, accuracy.evaluate(gold, docs)


def test_f1_floors(scored):
    name, totals = scored
    low = {field: round(totals[field].f1, 2) for field, floor in FLOORS[name].items() if totals[field].f1 < floor}
    assert not low, f"{name}: F1 below the floor: {low}"


def test_scorer_matches_aliases_one_to_one():
    gold = [{"name": "TPU", "aliases": ["TPUs"]}, {"name": "GPU", "aliases": []},
            {"name": "Gemini", "aliases": [], "optional": True}]
    score = accuracy.match_items(["tpus", "TPU", "Gemini", "CUDA"], gold)
    assert (score.tp, score.fp, score.fn) == (1, 2, 1)
