"""Whole answers written from the index's plain values (kg.rows) say what their rdflib terms say: in
every results format, through the CLI as by SPARQL (--no-index), typed literals keeping their
datatypes and language tags, on the bundled examples."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from rdflib import Literal, URIRef
from kg.index import ANSWERS, fresh_index
from kg.pipeline import build
from kg.queries import run
from kg.results import result_table, sparql_csv, sparql_json, sparql_tsv, sparql_xml
from kg.rows import Rows, plain, plain_of, term
from kg.store import Result, open_store

from .conftest import EXAMPLES

WRITERS = {"table": result_table, "json": sparql_json, "csv": sparql_csv, "tsv": sparql_tsv, "xml": sparql_xml}
_XSD = "http://www.w3.org/2001/XMLSchema#"
_PREFIXES = "PREFIX schema: <https://schema.org/> PREFIX kg: <https://w3id.org/careerkg/ns#> "


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("examples") / "store"
    with open_store(str(folder)) as store:
        assert not build([EXAMPLES], store, workers=1).failed and fresh_index(store) is not None
    return folder


@pytest.fixture(scope="module")
def asked(folder) -> dict[str, dict[str, str]]:
    """Each index-answered query's parameters: the examples' busiest skill, employer, school, posting and person."""
    with open_store(str(folder), read_only=True) as store:
        def most(pattern: str) -> str:
            return str(store.query(_PREFIXES + f"""SELECT ?o (COUNT(*) AS ?n) WHERE {{ GRAPH ?d {{ {pattern} }} }}
                GROUP BY ?o ORDER BY DESC(?n) ?o LIMIT 1""").rows[0]["o"])
        values = {"skill": "Python", "organization": most("?x kg:employer ?o"), "posting": most("?o kg:requiresSkill ?s"),
                  "person": most("?o kg:position ?x")}
        school = most("?x kg:institution ?o")
    from kg.queries import get_query
    return {name: {p.name: school if name == "alumni_of" else values[p.name] for p in get_query(name).params}
            for name in ANSWERS}


def _answers(folder, name: str, values: dict) -> tuple[Result, Result]:
    with open_store(str(folder), read_only=True) as store:
        return run(store, name, values), run(store, name, values, use_index=False)


ANSWERED = sorted(set(ANSWERS) - {"colleagues"})  # no two people of the examples worked at one employer at once


@pytest.mark.parametrize("name", ANSWERED)
def test_every_format_of_plain_rows_equals_the_same_rows_as_terms(folder, asked, name):
    """Writing the index's rows from their plain values gives the text their rdflib terms give."""
    answer, _ = _answers(folder, name, asked[name])
    assert isinstance(answer.rows, Rows) and len(answer.rows) > 0
    as_terms = Result("select", variables=answer.variables, rows=[dict(row) for row in answer.rows])
    for fmt, write in WRITERS.items():
        assert write(answer) == write(as_terms), fmt


@pytest.mark.parametrize("name", ANSWERED)
def test_json_csv_and_xml_say_each_terms_type_value_datatype_and_language(folder, asked, name):
    """Read back, the JSON, CSV and XML of an index answer give its terms, checked against rdflib's
    own attributes (not kg.rows.plain_of), so a datatype or a language tag lost on the way shows."""
    answer, _ = _answers(folder, name, asked[name])
    terms = [[row[v] for v in answer.variables] for row in answer.rows]
    bindings = json.loads(sparql_json(answer))["results"]["bindings"]
    assert [[_from_json(b.get(v)) for v in answer.variables] for b in bindings] == terms
    assert [[_from_json(b.get(v)).datatype if isinstance(_from_json(b.get(v)), Literal) else None
             for v in answer.variables] for b in bindings] == \
        [[t.datatype if isinstance(t, Literal) else None for t in row] for row in terms]
    assert list(csv.reader(io.StringIO(sparql_csv(answer))))[1:] == [["" if t is None else str(t) for t in row]
                                                                     for row in terms]
    results = ET.fromstring(sparql_xml(answer)).find("{http://www.w3.org/2005/sparql-results#}results")
    assert [[_from_xml(r, v) for v in answer.variables] for r in results] == terms


def _from_json(binding):
    if binding is None:
        return None
    if binding["type"] == "uri":
        return URIRef(binding["value"])
    return Literal(binding["value"], lang=binding.get("xml:lang"), datatype=binding.get("datatype"))


def _from_xml(result, variable: str):
    ns = "{http://www.w3.org/2005/sparql-results#}"
    binding = next((b for b in result if b.get("name") == variable), None)
    if binding is None:
        return None
    node = binding[0]
    if node.tag == ns + "uri":
        return URIRef(node.text)
    return Literal(node.text or "", lang=node.get("{http://www.w3.org/XML/1998/namespace}lang"), datatype=node.get("datatype"))


def test_typed_literals_keep_their_datatypes(folder, asked):
    """Dates, timestamps, counts, booleans and labels come out typed as SPARQL types them."""
    types = {}
    for name in ("documents", "skill_usage", "people", "top_skills"):
        answer, _ = _answers(folder, name, asked[name])
        for b in json.loads(sparql_json(answer))["results"]["bindings"]:
            for v, value in b.items():
                types.setdefault((name, v), set()).add(value.get("datatype") or value.get("xml:lang") or value["type"])
    assert types[("documents", "ingestedAt")] == {_XSD + "dateTime"}
    assert types[("skill_usage", "start")] <= {_XSD + "gYear", _XSD + "gYearMonth"} and types[("skill_usage", "start")]
    assert types[("skill_usage", "current")] == {_XSD + "boolean"}
    assert types[("people", "documents")] == {_XSD + "integer"}
    assert types[("top_skills", "label")] == {"en"}


# the queries whose whole answer SPARQL orders totally on the examples, SAMPLE and GROUP_CONCAT aside
# (tests/test_indexed_queries.py compares the others up to what SPARQL leaves open)
TOTAL = ["documents", "skill_usage", "organizations_by_skill", "people_at_organization", "alumni_of",
         "top_skills", "skill_cooccurrence"]


@pytest.mark.parametrize("name", TOTAL)
def test_the_cli_writes_the_same_text_from_the_index_as_by_sparql(folder, asked, name):
    """`kg query NAME` prints, in every format, what `kg query NAME --no-index` prints."""
    from click.testing import CliRunner
    from kg.cli import main
    runner = CliRunner()
    params = [a for p, v in asked[name].items() for a in ("-p", p, v)]
    for fmt in ("table", "json", "csv", "tsv"):
        outputs = [runner.invoke(main, ["--store", str(folder), "query", name, *params, "--format", fmt, *extra],
                                 catch_exceptions=False) for extra in ([], ["--no-index"])]
        assert outputs[0].exit_code == 0 and outputs[0].stdout.count("\n") > (2 if fmt == "table" else 1), outputs[0].output
        assert outputs[0].stdout == outputs[1].stdout, fmt


@pytest.mark.parametrize("kind, value, tag", [
    ("iri", "https://w3id.org/careerkg/person/x", None), ("str", "two  spaces\nand a line", None), ("str", "", None),
    ("datetime", "2026-01-02T03:04:05Z", None), ("datetime", "2026-01-02T03:04:05+00:00", None),
    ("datetime", "2026-01-02T03:04:05.25Z", None), ("datetime", "2026-13-02T03:04:05Z", None),
    ("datetime", "2026-02-30T03:04:05Z", None), ("date", "2020", None), ("date", "2020-05", None),
    ("int", 0, None), ("int", 12, None), ("bool", "true", None), ("label", "PyTorch", "@en"),
    ("label", "PyTorch", None), ("label", "7", _XSD + "integer"), ("label", "x", _XSD + "string")])
def test_plain_values_are_what_their_terms_say(kind, value, tag):
    assert plain(kind, value, tag) == plain_of(term(kind, value, tag))


def test_rows_are_read_like_a_list_of_rows():
    columns = [("person", "iri"), ("label", "label"), ("n", "int")]
    records = [("https://a/1", "Ada", "@en", 3), ("https://a/2", None, None, 1), ("https://a/3", "Grace", "@en", 3)]
    rows, reference = Rows(columns, records), [
        {"person": URIRef("https://a/1"), "label": Literal("Ada", lang="en"), "n": Literal(3)},
        {"person": URIRef("https://a/2"), "label": None, "n": Literal(1)},
        {"person": URIRef("https://a/3"), "label": Literal("Grace", lang="en"), "n": Literal(3)}]
    assert rows[:2] == reference[:2] and rows[1:] == reference[1:]  # the first rows, before the others are made
    assert len(rows) == 3 and rows == reference and list(rows) == reference and rows[-1] == reference[-1]
    assert rows + [] == reference and [] + rows == reference


@pytest.mark.parametrize("row", [["a,b", 'say "hi"', "two\nlines", "cr\r", "", "é ; '"], [""], ["", ""], ['"'], [" x "]])
def test_csv_fields_are_quoted_as_csv_writer_quotes_them(row):
    variables = [f"v{i}" for i in range(len(row))]
    answer = Result("select", variables=variables, rows=[{v: Literal(text) for v, text in zip(variables, row)}])
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([variables, row])
    assert sparql_csv(answer) == out.getvalue()


_TRICKY = ["", " lead", "trail ", "two  spaces", "tab\there", "line\nbreak", "cr\r", "nbsp\xa0x", "wide\u3000space",
           "sep\x1cx", 'say "hi"', "a,b", "back\\slash", "nul\0x", "é ünicode", "x" * 80, "é" * 75, "\x1b[31mred\x1b[0m",
           "https://w3id.org/careerkg/person/x", "https://w3id.org/careerkg/", "https://w3id.org/careerkg/two  spaces"]


@pytest.mark.parametrize("columns", [[("iri", "iri"), ("text", "str"), ("n", "int")], [("text", "str")], [("iri", "iri")]])
@pytest.mark.parametrize("unbound", [False, True])
def test_columns_of_iris_and_strings_are_written_as_their_terms(columns, unbound):
    """Columns of IRIs and strings, written at once (kg.results), give what their terms give: blanks,
    quotes, escapes, long cells, our IRIs' prefix, and unbound values anywhere, the first column too."""
    values = _TRICKY + ([None] * 3 if unbound else [])
    records = [tuple(values[(i + shift) % len(values)] if kind != "int" else i for shift, (_, kind) in enumerate(columns))
               for i in range(len(values) * 2)]
    if unbound:
        records.append((None,) * len(columns))
    rows = Rows(columns, records)
    variables = [variable for variable, _ in columns]
    answer, as_terms = Result("select", variables=variables, rows=rows), Result("select", variables=variables,
                                                                              rows=[dict(row) for row in rows])
    for fmt, write in WRITERS.items():
        assert write(answer) == write(as_terms), fmt
    bindings = json.loads(sparql_json(answer))["results"]["bindings"]
    assert [{v: _from_json(b[v]) for v in b} for b in bindings] == [{v: t for v, t in row.items() if t is not None}
                                                                    for row in as_terms.rows]
