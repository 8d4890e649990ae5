"""Every named query, on a hand-written golden dataset, on both store backends, equals its golden file.

A new query cannot land without tests/queries/<name>.json ({"params": {...}, "rows": [...]}).
To (re)write goldens after a deliberate change: KG_UPDATE_GOLDENS=1 pytest tests/test_queries.py, then
read the diff: the golden files are the specification.
"""

import json
import os
from pathlib import Path

import pytest
from rdflib import Literal

from kg.queries import QueryError, bind, get_query, load_queries, run
from kg.store import OxigraphStore, RdflibStore
from kg.terms import from_ox

HERE = Path(__file__).resolve().parent / "queries"
UPDATE = os.environ.get("KG_UPDATE_GOLDENS") == "1"
PARAMS = {  # the values each query is run with; entities by label, as users type them
    "alumni_of": {"organization": "North University"},
    "career_path": {"person": "Ada Quill"},
    "colleagues": {"person": "Ben Ortiz"},
    "evidence_for": {"person": "Ada Quill", "skill": "deep learning frameworks"},
    "job_candidates": {"posting": "ML Engineer"},
    "missing_skills": {"person": "Cy Park", "posting": "ml_job"},
    "organizations_by_skill": {"skill": "JAX"},
    "people_at_organization": {"organization": "Acme"},
    "skill_cooccurrence": {"skill": "kafka"},
    "skill_usage": {"skill": "deep learning frameworks"},
    "skills_of_person": {"person": "ada@example.com"},
    "who_knows": {"skill": "deep learning frameworks"},
}


def _load(store):
    import pyoxigraph as ox
    graphs: dict = {}
    for q in ox.parse(path=str(HERE / "dataset.trig")):
        graphs.setdefault(from_ox(q.graph_name), []).append(
            (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), from_ox(q.graph_name)))
    store.replace_graphs(graphs)
    store.refresh_closure()
    return store


@pytest.fixture(scope="module", params=["oxigraph", "rdflib"])
def golden_store(request):
    return _load(OxigraphStore(None) if request.param == "oxigraph" else RdflibStore())


def _rows(result) -> list[dict]:
    return sorted(({k: (v.n3() if v is not None else None) for k, v in row.items()} for row in result.rows),
                  key=lambda r: json.dumps(r, sort_keys=True))


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_named_query_matches_golden(golden_store, name):
    golden = HERE / f"{name}.json"
    result = run(golden_store, name, PARAMS.get(name, {}))
    rows = _rows(result)
    if UPDATE and isinstance(golden_store, OxigraphStore):
        golden.write_text(json.dumps({"params": PARAMS.get(name, {}), "rows": rows}, indent=1, ensure_ascii=False)
                          + "\n")
    assert golden.exists(), f"{name}.rq has no golden file tests/queries/{name}.json"
    expected = json.loads(golden.read_text())
    assert expected["params"] == PARAMS.get(name, {})
    assert rows == expected["rows"]


def test_goldens_have_rows():
    """A golden with no rows tests nothing: every query must answer something on the dataset."""
    for path in HERE.glob("*.json"):
        assert json.loads(path.read_text())["rows"], f"{path.name} is empty"


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_parameters_are_projected(name):
    """Oxigraph binds only variables of the SELECT clause; every declared parameter must be there."""
    query = get_query(name)
    head = query.text.split("WHERE")[0]
    for p in query.params:
        assert f"?{p.name}" in head, f"{name}: parameter ?{p.name} is not in the SELECT clause"


def test_missing_unexpected_and_invalid_parameters(golden_store):
    with pytest.raises(QueryError, match="needs -p skill"):
        run(golden_store, "who_knows", {})
    with pytest.raises(QueryError, match="has no parameter colour"):
        run(golden_store, "who_knows", {"skill": "JAX", "colour": "blue"})
    with pytest.raises(QueryError, match="unknown skill 'Pytorh'; did you mean: PyTorch"):
        run(golden_store, "who_knows", {"skill": "Pytorh"})
    with pytest.raises(QueryError, match="not a valid IRI"):
        run(golden_store, "who_knows", {"skill": "https://x/a b"})
    with pytest.raises(QueryError, match="no query named"):
        run(golden_store, "drop_everything", {})


def test_bind_makes_terms_not_text():
    query = get_query("who_knows")
    bound = bind(query, {"skill": 'x" } ; DROP ALL ; #'}, lambda kind, value: Literal(value))
    assert bound == {"skill": Literal('x" } ; DROP ALL ; #')}
