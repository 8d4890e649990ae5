"""Exports: every GEXF (1.3 and 1.2draft) validates against the official XSDs and reads back; GraphML, CSV,
Cytoscape.js JSON and the HTML view read back; filters and projections; no contact details or (with
--pseudonymize) names leave unless asked."""

import csv
import io
import json
import re
import shutil
import subprocess
import tempfile
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from lxml import etree

from kg import export as ex
from kg.graph import elements, project

from .conftest import ROOT, SEEDS, SHARED

XSD = SHARED / "gexf-xsd"
NS = {"1.3": "http://gexf.net/1.3", "1.2": "http://www.gexf.net/1.2draft"}
TODAY = date(2025, 6, 1)
SEED_EMAILS = ["7vasudevgupta@gmail.com", "senthil777@gmail.com", "mailarjunrao@gmail.com", "vinuthera@gmail.com"]
SEED_PHONES = ["408-839-3815", "+91 9992526231"]
FORMATS = {"gephi": "graph.gexf", "graphml": "graph.graphml", "csv": "csv", "cytoscape": "graph.cyjs",
           "html": "graph.html"}


@pytest.fixture(scope="session")
def schemas():
    """The official XSDs; gexf.xsd imports viz.xsd and dynamics.xsd by relative path, so parse it from its folder."""
    return {v: etree.XMLSchema(etree.parse(str(XSD / folder / "gexf.xsd")))
            for v, folder in (("1.3", "1.3"), ("1.2", "1.2draft"))}


@pytest.fixture(scope="session")
def graphs(seed_store, example_store):
    return {"seeds": project(seed_store), "examples": project(example_store)}


@pytest.fixture(scope="module")
def seed_kg(tmp_path_factory):
    """`kg --store S ...` in-process over an on-disk store of the seeds, built once for this module."""
    from kg.cli import main
    store = tmp_path_factory.mktemp("seed-store") / "kg-store"
    runner = CliRunner()

    def run(*args, expect=0):
        result = runner.invoke(main, ["--store", str(store), *[str(a) for a in args]], catch_exceptions=False)
        assert result.exit_code == expect, result.output
        return result
    run("build", "-q", SEEDS)
    return run


def _gexf(g, version, **kw) -> tuple[bytes, tuple[int, int]]:
    buf = io.BytesIO()
    counts = ex.write_gexf(g, buf, version=version, today=TODAY, **kw)
    return buf.getvalue(), counts


def _validate(schema, data: bytes):
    doc = etree.fromstring(data)
    assert schema.validate(doc), schema.error_log
    return doc


# ---------------------------------------------------------------- GEXF

@pytest.mark.parametrize("which", ["seeds", "examples"])
@pytest.mark.parametrize("version", ["1.3", "1.2"])
def test_gexf_validates_against_the_xsd_and_reads_back(graphs, schemas, which, version, tmp_path):
    g = graphs[which]
    data, (nodes, edges) = _gexf(g, version, positions=ex.layout(g))
    doc = _validate(schemas[version], data)
    q = {"g": NS[version]}
    assert nodes == g.number_of_nodes() == len(doc.findall(".//g:node", q))
    assert edges == len(doc.findall(".//g:edge", q))
    assert edges == len({(u, v, d["kind"]) for u, v, d in g.edges(data=True)})  # parallel edges of one kind merge
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert {n.get("label") for n in doc.findall(".//g:node", q)} == labels
    path = tmp_path / "g.gexf"
    path.write_bytes(data)
    back = nx.read_gexf(path, version="1.2draft" if version == "1.2" else "1.3")
    assert back.number_of_nodes() == nodes and back.number_of_edges() == edges
    assert {d["label"] for _, d in back.nodes(data=True)} == labels
    person = next(n for n, d in g.nodes(data=True) if d["type"] == "person")
    assert back.nodes[person]["type"] == "person" and back.nodes[person]["iri"] == person
    skill = max((n for n, d in g.nodes(data=True) if d["type"] in ("skill", "technology")),
                key=lambda n: g.nodes[n]["people"])
    assert back.nodes[skill]["people"] == g.nodes[skill]["people"] > 0  # typed: an integer comes back
    kinds = {d["kind"] for *_, d in back.edges(data=True)}
    assert {"worked_at", "knows", "broader"} <= kinds


def test_gexf_declares_typed_attributes_colour_and_size(graphs, schemas):
    data, _ = _gexf(graphs["examples"], "1.3")
    doc = _validate(schemas["1.3"], data)
    q = {"g": NS["1.3"]}
    declared = {a.get("title"): a.get("type") for a in doc.find(".//g:attributes[@class='node']", q)}
    assert declared["type"] == "string" and declared["people"] == "integer" and declared["candidate"] == "boolean"
    assert {"iri", "title", "employer", "organization"} <= set(declared)
    node = doc.find(".//g:node", q)
    assert node.find("g:color", q) is not None and float(node.find("g:size", q).get("value")) > 0
    colours = {(n.find("g:color", q).get("r"), n.find("g:color", q).get("g")) for n in doc.findall(".//g:node", q)}
    assert len(colours) == 6  # one per node type
    edge = doc.find(".//g:edge[@kind='knows']", q)
    assert edge.get("label") == "knows" and float(edge.get("weight")) >= 1


def test_gexf_positions_are_intervals_and_present_is_the_export_date(graphs, schemas):
    g = graphs["seeds"]
    for version in ("1.3", "1.2"):
        data, _ = _gexf(g, version)
        doc = _validate(schemas[version], data)
        q = {"g": NS[version]}
        graph = doc.find("g:graph", q)
        assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
        assert doc.find("g:meta", q).get("lastmodifieddate") == "2025-06-01"
        assert "2025-06-01" in doc.find("g:meta/g:description", q).text
        worked = [e for e in doc.findall(".//g:edge", q) if e.get("label") == "worked at"]
        spells = [s for e in worked for s in e.findall("g:spells/g:spell", q)]
        assert spells and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", s.get("start")) for s in spells)
        assert any(s.get("end") == "2025-06-01" for s in spells)  # a current position ends at the export date
        assert not doc.findall(".//g:edge[@label='knows']/g:spells", q)
    # five positions at one employer: one edge, weight 5, their intervals (overlaps merged)
    counts = {}
    for u, v, d in g.edges(data=True):
        if d["kind"] == "worked_at":
            counts[(u, v)] = counts.get((u, v), 0) + 1
    (u, v), most = max(counts.items(), key=lambda kv: kv[1])
    data, _ = _gexf(g, "1.3")
    doc = etree.fromstring(data)
    [edge] = [e for e in doc.findall(".//g:edge", {"g": NS["1.3"]})
              if e.get("source") == u and e.get("target") == v and e.get("kind") == "worked_at"]
    assert float(edge.get("weight")) == most > 1


@pytest.mark.parametrize("text, want", [("2021-06", "2021-06-01"), ("2019", "2019-01-01"), ("present", "2025-06-01"),
                                        ("2020-02-29", "2020-02-29"), ("soon", None), (None, None)])
def test_gexf_dates(text, want):
    assert ex.gexf_date(text, TODAY) == want


def _dirty_graph():
    g = nx.MultiDiGraph()
    g.add_node("https://w3id.org/careerkg/person/x", type="person", label="Data\x0cEngineer\x00 \u200fיעל\u200f",
               title="Lead\x0b<ML> & \"Ops\"\nteam", employer=None, emails="a@b.example")
    g.add_node("https://w3id.org/careerkg/org/y", type="organization", label="Zoë \ud800 GmbH")
    g.add_edge("https://w3id.org/careerkg/person/x", "https://w3id.org/careerkg/org/y", key="worked_at p1",
               kind="worked_at", label="worked at", title="Eng\x00ineer", start="2020-01", end="present", weight=1)
    return g


def test_labels_with_form_feeds_nuls_and_rtl_marks_stay_valid_xml(schemas, tmp_path):
    g = _dirty_graph()
    label = "Data Engineer \u200fיעל\u200f"
    for version in ("1.3", "1.2"):
        data, _ = _gexf(g, version)
        doc = _validate(schemas[version], data)
        q = {"g": NS[version]}
        assert doc.find(".//g:node", q).get("label") == label
        assert doc.find(".//g:node[2]", q).get("label") == "Zoë GmbH"
    path = tmp_path / "g.gexf"
    path.write_bytes(_gexf(g, "1.2")[0])
    back = nx.read_gexf(path)
    assert back.nodes["https://w3id.org/careerkg/person/x"]["title"] == "Lead <ML> & \"Ops\"\nteam"
    ex.write_graphml(g, tmp_path / "g.graphml")
    assert nx.read_graphml(tmp_path / "g.graphml").nodes["https://w3id.org/careerkg/person/x"]["label"] == label
    ex.write_cytoscape(g, tmp_path / "g.cyjs")
    assert json.loads((tmp_path / "g.cyjs").read_text())["elements"]["nodes"][0]["data"]["label"] == label
    ex.write_csv(g, tmp_path / "csv")
    assert "\x00" not in (tmp_path / "csv" / "edges.csv").read_text()


# ---------------------------------------------------------------- GraphML, CSV, Cytoscape, HTML

@pytest.mark.parametrize("which", ["seeds", "examples"])
def test_graphml_reads_back_with_networkx(graphs, which, tmp_path):
    g = graphs[which]
    assert ex.write_graphml(g, tmp_path / "g.graphml") == (g.number_of_nodes(), g.number_of_edges())
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()
    assert {d["label"] for _, d in back.nodes(data=True)} == {d["label"] for _, d in g.nodes(data=True)}
    skill = next(n for n, d in g.nodes(data=True) if d["type"] == "skill")
    assert back.nodes[skill]["people"] == g.nodes[skill]["people"] and isinstance(back.nodes[skill]["candidate"], bool)
    assert _kinds(back) == _kinds(g)


def _kinds(g):
    from collections import Counter
    return Counter(d["kind"] for *_, d in g.edges(data=True))


@pytest.mark.parametrize("which", ["seeds", "examples"])
def test_csv_rows_equal_the_graph(graphs, which, tmp_path):
    g = graphs[which]
    ex.write_csv(g, tmp_path)
    with open(tmp_path / "nodes.csv", newline="", encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    with open(tmp_path / "edges.csv", newline="", encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    assert len(nodes) == g.number_of_nodes() and len(edges) == g.number_of_edges()
    assert {"Id", "Label", "type"} <= set(nodes[0]) and {"Source", "Target", "Type", "Weight", "kind"} <= set(edges[0])
    ids = {r["Id"] for r in nodes}
    assert all(r["Source"] in ids and r["Target"] in ids for r in edges)
    assert {r["Label"] for r in nodes} == {d["label"] for _, d in g.nodes(data=True)}


def test_cytoscape_json(graphs, tmp_path):
    g = graphs["examples"]
    ex.write_cytoscape(g, tmp_path / "g.cyjs", positions=ex.layout(g))
    doc = json.loads((tmp_path / "g.cyjs").read_text(encoding="utf-8"))
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    assert len(nodes) == g.number_of_nodes() and len(edges) == g.number_of_edges()
    assert all({"id", "label", "type"} <= set(n["data"]) and "position" in n for n in nodes)
    ids = {n["data"]["id"] for n in nodes}
    assert len({e["data"]["id"] for e in edges}) == len(edges)
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids and e["data"]["kind"] for e in edges)
    assert doc["data"]["directed"] is True


def test_html_is_self_contained(graphs, example_store, tmp_path):
    g = graphs["examples"]
    quotes = ex.evidence_quotes(example_store, g)
    g = ex.without_contacts(g)
    g.nodes[next(iter(g))]["label"] = "</script><script>alert(1)</script>"
    ex.write_html(g, tmp_path / "g.html", positions=ex.layout(g), evidence=quotes, title="Examples")
    page = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert page.count("<script") == 3 and page.count("</script>") == 3  # data, library, app: nothing breaks out
    assert not re.search(r"<script[^>]+src=|<link|<img|<iframe|@import|url\(", page)
    library = (ROOT / "kg" / "data" / "vendor" / "cytoscape.min.js").read_text(encoding="utf-8")
    outside = page.replace(library, "")
    assert not re.search(r"https?://(?!w3id\.org/careerkg/)", outside), "an external URL outside the library"
    assert set(re.findall(r"https?://[^\s\"')]+", library)) <= {  # licence credits in comments, never fetched
        "http://en.wikipedia.org/wiki/MIT_License", "http://engelschall.com", "http://opensource.org/licenses/MIT"}
    assert "default-src 'none'" in page  # the page may not fetch anything, even if a script tried
    raw = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', page, re.S)[1]
    data = json.loads(raw)
    assert len(data["elements"]["nodes"]) == g.number_of_nodes() and len(data["elements"]["edges"]) == g.number_of_edges()
    assert data["elements"]["nodes"][0]["data"]["label"] == "</script><script>alert(1)</script>"
    knows = [e["data"] for e in data["elements"]["edges"] if e["data"]["kind"] == "knows"]
    assert sum(1 for d in knows if d.get("evidence")) > len(knows) / 2
    assert all({"quote", "document", "start", "end"} <= set(q) for d in knows for q in d.get("evidence", []))


@pytest.mark.skipif(not shutil.which("chromium"), reason="needs Chromium (apt-get install chromium)")
def test_html_renders_in_headless_chromium(graphs, tmp_path):
    """The page draws the graph with no network (see benchmarks/html_view.py for screenshots)."""
    g = ex.without_contacts(graphs["examples"])
    ex.write_html(g, tmp_path / "g.html", positions=ex.layout(g))
    with tempfile.TemporaryDirectory() as profile:
        out = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                              "--disable-background-networking", "--disable-component-update", "--disable-sync",
                              f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND",
                              "--virtual-time-budget=5000", "--dump-dom", (tmp_path / "g.html").as_uri() + "#q=Ada"],
                             capture_output=True, text=True, timeout=120)
    status = re.search(r'<div id="status"([^>]*)>', out.stdout)
    assert status, out.stderr[-2000:]
    attrs = dict(re.findall(r'data-([\w-]+)="([^"]*)"', status[1]))
    assert attrs["ready"] == "true" and int(attrs["visible"]) == g.number_of_nodes() > 0
    assert attrs["selected"] == "Ada Okafor" and "worked at" in out.stdout.split('id="details"')[1]


# ---------------------------------------------------------------- the whole graph, streamed from the store

def _gexf_content(data: bytes, version: str) -> tuple:
    """What a GEXF file says, edge ids aside (the streamed export numbers edges in another order)."""
    doc = etree.fromstring(data)
    q = {"g": NS[version]}
    declared = {a.get("id"): (a.getparent().get("class"), a.get("title"), a.get("type"))
                for a in doc.iterfind(".//g:attribute", q)}

    def values(element):
        return sorted((declared[a.get("for")], a.get("value")) for a in element.iterfind("g:attvalues/g:attvalue", q))

    nodes = sorted((n.get("id"), n.get("label"), values(n),
                    sorted((c.tag, sorted(c.attrib.items())) for c in n if not c.tag.endswith("attvalues")))
                   for n in doc.iterfind(".//g:node", q))
    edges = sorted((e.get("source"), e.get("target"), e.get("kind"), e.get("label"), e.get("weight"), values(e),
                    [(s.get("start"), s.get("end")) for s in e.iterfind("g:spells/g:spell", q)])
                   for e in doc.iterfind(".//g:edge", q))
    return sorted(doc.find("g:graph", q).attrib.items()), sorted(declared.values()), nodes, edges


def _graphml_content(path) -> tuple:
    g = nx.read_graphml(path)
    return dict(g.nodes(data=True)), Counter((u, v, frozenset(d.items())) for u, v, d in g.edges(data=True))


def _csv_content(folder) -> tuple:
    def rows(name):
        with open(folder / name, newline="", encoding="utf-8") as f:
            return Counter(frozenset((k, v) for k, v in row.items() if k != "Id" or name == "nodes.csv")
                           for row in csv.DictReader(f))
    return rows("nodes.csv"), rows("edges.csv")


def _cytoscape_content(path) -> tuple:
    elements = json.loads(path.read_text(encoding="utf-8"))["elements"]
    nodes = {n["data"]["id"]: n for n in elements["nodes"]}
    edges = Counter(json.dumps({k: v for k, v in e["data"].items() if k != "id"}, sort_keys=True)
                    for e in elements["edges"])
    return nodes, edges


@pytest.mark.parametrize("contacts", [False, True])
def test_the_streamed_whole_graph_equals_the_networkx_projection(example_store, schemas, contacts, tmp_path):
    """`kg export` hands the whole graph to the writers as the store's rows (kg.graph.Elements), without
    networkx: every writer says the same nodes, edges, attributes, spells and layout as from the projection."""
    streamed = elements(example_store, contacts=contacts)
    g = project(example_store) if contacts else ex.without_contacts(project(example_store))
    assert len(streamed.nodes) == g.number_of_nodes() > 200 and len(streamed.edges) == g.number_of_edges()
    positions = ex.layout(streamed)
    assert positions == ex.layout(g) and len(positions) == g.number_of_nodes()
    for version in ("1.3", "1.2"):
        (a, counts), (b, _) = (_gexf(x, version, positions=positions) for x in (streamed, g))
        _validate(schemas[version], a)
        assert counts == (g.number_of_nodes(), len({(u, v, d["kind"]) for u, v, d in g.edges(data=True)}))
        assert _gexf_content(a, version) == _gexf_content(b, version)
    assert (b'title="emails"' in a) is contacts
    for name, x in (("a", streamed), ("b", g)):
        ex.write_graphml(x, tmp_path / f"{name}.graphml")
        ex.write_csv(x, tmp_path / f"{name}-csv")
        ex.write_cytoscape(x, tmp_path / f"{name}.cyjs", positions=positions)
    assert _graphml_content(tmp_path / "a.graphml") == _graphml_content(tmp_path / "b.graphml")
    assert _csv_content(tmp_path / "a-csv") == _csv_content(tmp_path / "b-csv")
    assert _cytoscape_content(tmp_path / "a.cyjs") == _cytoscape_content(tmp_path / "b.cyjs")


def test_the_projection_agrees_with_the_quads(example_store):
    """The projection's queries (shaped for speed in kg.graph) against the examples' quads read plainly: a
    `knows` weight counts the evidence nodes mentioning the skill in the documents stating the pair; one `worked_at`
    edge per position with its title and dates; a person's title and employer are their latest current
    position's."""
    schema, kg = "https://schema.org/", "https://w3id.org/careerkg/ns#"
    graphs = defaultdict(lambda: defaultdict(dict))  # document → subject → predicate → {objects}
    for s, p, o, doc in example_store.quads():
        graphs[str(doc)][str(s)].setdefault(str(p), set()).add(str(o))
    mentions, worked, current = Counter(), {}, {}
    for facts in graphs.values():
        one = {s: {p: min(o) for p, o in props.items()} for s, props in facts.items()}  # one value a property here
        for s, props in facts.items():
            for c in props.get(schema + "knowsAbout", ()):
                mentions[(s, c)] += sum(1 for ev in facts.values() if c in ev.get(schema + "mentions", ()))
            for pos in props.get(kg + "position", ()):
                role = one.get(pos, {})
                now = role.get(kg + "current") == "true"
                if kg + "employer" in role:
                    worked[(s, role[kg + "employer"], f"worked_at {pos}")] = (
                        role.get(schema + "roleName"), role.get(schema + "startDate"),
                        "present" if now else role.get(schema + "endDate"))
                if now:
                    start, title = role.get(schema + "startDate"), role.get(schema + "roleName")
                    current.setdefault(s, []).append((start or "", title or ""))
    found = elements(example_store)
    knows = {(u, v): d["weight"] for u, v, k, d in found.edges if k == "knows"}
    assert knows == {pair: max(1, n) for pair, n in mentions.items()} and max(knows.values()) > 1
    assert {(u, v, k): (d["title"], d["start"], d["end"]) for u, v, k, d in found.edges
            if d["kind"] == "worked_at"} == worked
    assert {p: found.nodes[p]["title"] or "" for p in current} == {p: max(roles)[1] for p, roles in current.items()}
    ada = next(d for d in found.nodes.values() if d.get("label") == "Ada Okafor")  # a volunteer role since 2016 too
    assert (ada["title"], ada["employer"]) == ("Senior Machine Learning Engineer", "Netflix")


# ---------------------------------------------------------------- filters

def test_around_keeps_the_neighbourhood(graphs):
    g = graphs["examples"]
    person = next(n for n, d in g.nodes(data=True) if d["label"] == "Ada Okafor")
    one = ex.around(g, person, 1)
    assert set(one) == {person} | set(g.successors(person)) | set(g.predecessors(person))
    two = ex.around(g, person, 2)
    assert set(one) < set(two) < set(g) and ex.around(g, person, 0).number_of_nodes() == 1


def test_keep_types(graphs):
    g = ex.keep_types(graphs["examples"], ["person", "skill"])
    assert {d["type"] for _, d in g.nodes(data=True)} == {"person", "skill"}
    assert {d["kind"] for *_, d in g.edges(data=True)} <= {"knows", "broader"}
    with pytest.raises(ValueError, match="valid: person"):
        ex.keep_types(g, ["persons"])


def test_skills_projection(graphs, schemas):
    g = graphs["examples"]
    h = ex.skills_projection(g)
    assert {d["type"] for _, d in h.nodes(data=True)} <= {"skill", "technology"} and not h.is_directed()
    knows = {}
    for u, v, d in g.edges(data=True):
        if d["kind"] == "knows":
            knows.setdefault(u, set()).add(v)
    py = next(n for n, d in h.nodes(data=True) if d["label"] == "Python")
    spark = next(n for n, d in h.nodes(data=True) if d["label"] == "Apache Spark")
    both = sum(1 for skills in knows.values() if {py, spark} <= skills)
    assert h.edges[py, spark]["people"] == both > 0
    data, (nodes, edges) = _gexf(h, "1.3")
    _validate(schemas["1.3"], data)
    assert (nodes, edges) == (h.number_of_nodes(), h.number_of_edges())


def test_people_projection(graphs, schemas, tmp_path):
    g = graphs["examples"]
    h = ex.people_projection(g)
    assert {d["type"] for _, d in h.nodes(data=True)} == {"person"}
    ada, lukas = (next(n for n, d in h.nodes(data=True) if d["label"] == name) for name in ("Ada Okafor", "Lukas Schneider"))
    shared = {v for _, v, d in g.out_edges(ada, data=True) if d["kind"] == "knows"} & \
             {v for _, v, d in g.out_edges(lukas, data=True) if d["kind"] == "knows"}
    assert h.edges[ada, lukas]["weight"] == len(shared) > 0 and 0 < h.edges[ada, lukas]["jaccard"] < 1
    for version in ("1.3", "1.2"):
        _validate(schemas[version], _gexf(h, version)[0])
    ex.write_graphml(h, tmp_path / "p.graphml")
    assert nx.read_graphml(tmp_path / "p.graphml").number_of_edges() == h.number_of_edges()


def test_pseudonyms_are_stable_keyed_and_hide_the_iri(graphs):
    g = graphs["seeds"]
    a, b = ex.pseudonymize(g), ex.pseudonymize(g)
    people = lambda h: sorted(d["label"] for _, d in h.nodes(data=True) if d["type"] == "person")  # noqa: E731
    assert people(a) == people(b) and all(re.fullmatch(r"Person [0-9a-f]{8}", p) for p in people(a))
    assert people(ex.pseudonymize(g, key="another secret")) != people(a)
    originals = {n for n, d in g.nodes(data=True) if d["type"] == "person"}
    assert not originals & set(a) and a.number_of_edges() == g.number_of_edges()


# ---------------------------------------------------------------- the CLI, and what leaves

def _exports(run, folder: Path, *options) -> dict[str, str]:
    """Every format (and GEXF 1.2) written by `kg export`, as text."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = {}
    for name, target in FORMATS.items():
        result = run("export", name, "-o", folder / target, *options)
        assert re.search(rf"wrote {re.escape(str(folder / target))}: \d+ nodes, \d+ edges", result.output)
        path = folder / target
        texts[name] = "\n".join(p.read_text(encoding="utf-8") for p in sorted(path.glob("*.csv"))) \
            if path.is_dir() else path.read_text(encoding="utf-8")
    run("export", "gephi", "--gexf-version", "1.2", "-o", folder / "graph12.gexf", *options)
    texts["gephi 1.2"] = (folder / "graph12.gexf").read_text(encoding="utf-8")
    return texts


def _seed_contacts() -> list[str]:
    """The seeds' e-mails and phones, read from the seeds themselves (they are not copied here)."""
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.glob("*.txt")))
    for item in SEED_EMAILS + SEED_PHONES:
        assert item in text, f"{item} is expected in the seeds"
    emails = set(re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", text))
    return sorted(emails | set(SEED_PHONES) | {re.sub(r"\D", "", p) for p in SEED_PHONES})


def test_exports_leave_contacts_out_unless_asked(seed_kg, schemas, tmp_path):
    contacts = _seed_contacts()
    texts = _exports(seed_kg, tmp_path / "default")
    for fmt, text in texts.items():
        leaked = [c for c in contacts if c in text]
        assert not leaked, f"{fmt} export leaks {leaked}"
    for version, key in (("1.3", "gephi"), ("1.2", "gephi 1.2")):
        _validate(schemas[version], texts[key].encode("utf-8"))
    with_contacts = _exports(seed_kg, tmp_path / "contacts", "--include-contacts")
    for fmt in ("gephi", "graphml", "csv", "cytoscape", "html"):
        assert all(e in with_contacts[fmt] for e in SEED_EMAILS), fmt
    assert "408-839-3815" in with_contacts["csv"]
    _validate(schemas["1.3"], with_contacts["gephi"].encode("utf-8"))


def test_pseudonymize_hides_names_in_every_format(seed_kg, seed_store, tmp_path):
    g = project(seed_store)
    names = [d["label"] for _, d in g.nodes(data=True) if d["type"] == "person"]
    assert len(names) == 4
    first = _exports(seed_kg, tmp_path / "one", "--pseudonymize")
    for fmt, text in first.items():
        found = [n for n in names if n.lower() in text.lower()]
        assert not found, f"{fmt} export names {found}"
    pseudonyms = {fmt: sorted(set(re.findall(r"Person [0-9a-f]{8}", text))) for fmt, text in first.items()}
    assert all(len(p) == 4 for p in pseudonyms.values()), pseudonyms
    assert len({tuple(p) for p in pseudonyms.values()}) == 1  # the same pseudonyms in every format
    second = _exports(seed_kg, tmp_path / "two", "--pseudonymize")
    assert sorted(set(re.findall(r"Person [0-9a-f]{8}", second["graphml"]))) == pseudonyms["graphml"]


def test_cli_slices_types_and_projections(seed_kg, schemas, tmp_path):
    out = tmp_path / "g.gexf"
    result = seed_kg("export", "gephi", "--around", "Arjun Rao", "--depth", "1", "-o", out)
    nodes = int(re.search(r"(\d+) nodes", result.output)[1])
    doc = _validate(schemas["1.3"], out.read_bytes())
    labels = [n.get("label") for n in doc.iter("{%s}node" % NS["1.3"])]
    assert "Arjun Rao" in labels and len(labels) == nodes
    assert nodes < project_size(seed_kg, tmp_path)
    seed_kg("export", "graphml", "--types", "person,skill,technology", "-o", tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert {d["type"] for _, d in back.nodes(data=True)} == {"person", "skill", "technology"}
    for projection, types in (("skills", {"skill", "technology"}), ("people", {"person"})):
        seed_kg("export", "gephi", "--projection", projection, "--gexf-version", "1.2", "-o", tmp_path / "p.gexf")
        _validate(schemas["1.2"], (tmp_path / "p.gexf").read_bytes())
        back = nx.read_gexf(tmp_path / "p.gexf")
        assert {d["type"] for _, d in back.nodes(data=True)} == types and back.number_of_edges() > 0
    seed_kg("export", "csv", "--projection", "skills", "--around", "PyTorch", "--depth", "1", "-o", tmp_path / "csv")
    with open(tmp_path / "csv" / "nodes.csv", newline="") as f:
        assert "PyTorch" in {r["Label"] for r in csv.DictReader(f)}


def test_cli_streams_the_whole_graph_and_slices_through_networkx_alike(seed_kg, schemas, tmp_path):
    """The whole graph goes from the store's rows to the file; --types of every type goes through networkx:
    the same graph either way, in every format."""
    every = ",".join(ex.NODE_TYPES)
    for version in ("1.3", "1.2"):
        for name, options in (("a", ()), ("b", ("--types", every))):
            seed_kg("export", "gephi", "--gexf-version", version, "-o", tmp_path / f"{name}.gexf", *options)
        a, b = ((tmp_path / f"{name}.gexf").read_bytes() for name in "ab")
        _validate(schemas[version], a)
        assert _gexf_content(a, version) == _gexf_content(b, version)
    for name, options in (("a", ()), ("b", ("--types", every))):
        seed_kg("export", "graphml", "-o", tmp_path / f"{name}.graphml", *options)
        seed_kg("export", "csv", "-o", tmp_path / f"{name}-csv", *options)
        seed_kg("export", "cytoscape", "-o", tmp_path / f"{name}.cyjs", *options)
    assert _graphml_content(tmp_path / "a.graphml") == _graphml_content(tmp_path / "b.graphml")
    assert _csv_content(tmp_path / "a-csv") == _csv_content(tmp_path / "b-csv")
    assert _cytoscape_content(tmp_path / "a.cyjs") == _cytoscape_content(tmp_path / "b.cyjs")


def project_size(run, tmp_path) -> int:
    result = run("export", "graphml", "-o", tmp_path / "all.graphml")
    return int(re.search(r"(\d+) nodes", result.output)[1])


def test_cli_refuses_what_it_cannot_do(cli, seed_kg):
    result = cli("export", "gephi", "--pseudonymize", "--include-contacts")
    assert result.exit_code == 1 and "contradict" in result.output
    result = seed_kg("export", "gephi", "--types", "persons", expect=1)
    assert "unknown node type persons (valid: person, organization" in result.output
    result = seed_kg("export", "html", "--around", "Nobody Atall", expect=1)
    assert "unknown entity 'Nobody Atall'" in result.output


def test_readme_shows_every_export_and_how_to_open_it_in_gephi():
    from kg.cli import export
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in export.commands:
        assert f"kg export {name}" in readme, name
    assert "Open it in Gephi" in readme and "ForceAtlas" in readme
    assert "export gephi -o $(DEMO)/graph.gexf" in (ROOT / "Makefile").read_text()
