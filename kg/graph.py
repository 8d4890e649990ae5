"""Traversals: a networkx projection of the store, and plain functions over it.

The projection (a MultiDiGraph; node ids are IRIs):

| node type                    | from                                   | attributes                          |
|------------------------------|----------------------------------------|-------------------------------------|
| person                       | schema:Person                          | label, title, employer (current)    |
| organization, school         | kg:employer / kg:institution targets   | label                               |
| skill, technology            | concepts someone knows or a job names  | label, people, candidate            |
| posting                      | schema:JobPosting                      | label (title), organization         |

| edge kind (key)  | from → to             | from                                 | attributes                |
|------------------|-----------------------|--------------------------------------|---------------------------|
| worked_at        | person → organization | kg:position / kg:employer            | title, start, end, weight |
| studied_at       | person → school       | kg:education / kg:institution        | degree, field, end        |
| knows            | person → skill        | schema:knowsAbout                    | weight (mentions)         |
| requires/prefers | posting → skill       | kg:requiresSkill / kg:prefersSkill   | weight 1                  |
| posted_by        | posting → organization| schema:hiringOrganization            |                           |
| part_of          | organization → parent | schema:parentOrganization            |                           |
| broader          | skill → skill         | skos:broader (between nodes present) |                           |

Documents and evidence stay in the store: the projection carries entities and their relations,
literals as attributes. Functions take a graph and return data; the CLI formats.
"""

from dataclasses import dataclass

import networkx as nx

from .store import Store

_Q = """PREFIX schema: <https://schema.org/> PREFIX kg: <https://w3id.org/careerkg/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
PEOPLE = _Q + """SELECT ?p (SAMPLE(?n) AS ?name) (SAMPLE(?t) AS ?title) (SAMPLE(?en) AS ?employer)
  (GROUP_CONCAT(DISTINCT ?mail; SEPARATOR=" ") AS ?emails) (GROUP_CONCAT(DISTINCT ?tel; SEPARATOR=" | ") AS ?phones)
  (GROUP_CONCAT(DISTINCT ?u; SEPARATOR=" ") AS ?urls)
WHERE { GRAPH ?d { ?p a schema:Person . OPTIONAL { ?p schema:name ?n }
  OPTIONAL { ?p schema:email ?mail } OPTIONAL { ?p schema:telephone ?tel } OPTIONAL { ?p schema:url ?u }
  OPTIONAL { ?p kg:position ?pos . ?pos kg:current true . OPTIONAL { ?pos schema:roleName ?t }
             OPTIONAL { ?pos kg:employer ?e . ?e schema:name ?en } } } } GROUP BY ?p"""
WORKED = _Q + """SELECT DISTINCT ?p ?o ?pos ?title ?start ?end ?current WHERE { GRAPH ?d {
  ?p kg:position ?pos . ?pos kg:employer ?o . OPTIONAL { ?pos schema:roleName ?title }
  OPTIONAL { ?pos schema:startDate ?start } OPTIONAL { ?pos schema:endDate ?end } OPTIONAL { ?pos kg:current ?current } } }"""
STUDIED = _Q + """SELECT DISTINCT ?p ?o ?edu ?degree ?field ?end WHERE { GRAPH ?d {
  ?p kg:education ?edu . ?edu kg:institution ?o . OPTIONAL { ?edu kg:degree ?degree }
  OPTIONAL { ?edu kg:fieldOfStudy ?field } OPTIONAL { ?edu schema:endDate ?end } } }"""
ORGANIZATIONS = _Q + """SELECT ?o (SAMPLE(?n) AS ?name) (MAX(?edu) AS ?school) WHERE { GRAPH ?d {
  ?o a schema:Organization ; schema:name ?n . BIND(EXISTS { ?o a schema:CollegeOrUniversity } AS ?edu) } } GROUP BY ?o"""
PARTS = _Q + """SELECT DISTINCT ?o ?parent WHERE { GRAPH ?d { ?o schema:parentOrganization ?parent } }"""
KNOWS = _Q + """SELECT ?p ?c (COUNT(DISTINCT ?ev) AS ?mentions) WHERE { GRAPH ?d { ?p schema:knowsAbout ?c .
  OPTIONAL { ?ev rdf:subject ?p ; rdf:predicate schema:knowsAbout ; rdf:object ?c } } } GROUP BY ?p ?c"""
POSTINGS = _Q + """SELECT ?j (SAMPLE(?t) AS ?title) (SAMPLE(?o) AS ?org) (SAMPLE(?on) AS ?orgName) WHERE { GRAPH ?d {
  ?j a schema:JobPosting . OPTIONAL { ?j schema:title ?t }
  OPTIONAL { ?j schema:hiringOrganization ?o . ?o schema:name ?on } } } GROUP BY ?j"""
NEEDS = _Q + """SELECT DISTINCT ?j ?c ?kind WHERE { GRAPH ?d {
  { ?j kg:requiresSkill ?c BIND("requires" AS ?kind) } UNION { ?j kg:prefersSkill ?c BIND("prefers" AS ?kind) } } }"""
CONCEPTS = _Q + """SELECT ?c (SAMPLE(?l) AS ?label) (SAMPLE(?k) AS ?kind) (MAX(?cand) AS ?candidate) WHERE {
  GRAPH ?g { ?c skos:prefLabel ?l . OPTIONAL { ?c a ?k FILTER(?k IN (kg:Skill, kg:Technology)) }
  BIND(EXISTS { ?c kg:candidate true } AS ?cand) } } GROUP BY ?c"""
BROADER = _Q + """SELECT DISTINCT ?c ?b WHERE { GRAPH ?g { ?c skos:broader ?b } }"""


def _s(term) -> str | None:
    return None if term is None or str(term) == "" else str(term)


def project(store: Store) -> nx.MultiDiGraph:
    """The entity graph of a store (see the module docstring for the mapping)."""
    g = nx.MultiDiGraph()
    for r in store.query(PEOPLE).rows:
        g.add_node(str(r["p"]), type="person", label=_s(r["name"]) or "(unnamed)", title=_s(r["title"]),
                   employer=_s(r["employer"]), emails=_s(r["emails"]), phones=_s(r["phones"]), urls=_s(r["urls"]))
    for r in store.query(ORGANIZATIONS).rows:
        school = r["school"] is not None and r["school"].toPython() is True
        g.add_node(str(r["o"]), type="school" if school else "organization", label=str(r["name"]))
    for r in store.query(WORKED).rows:
        current = r["current"] is not None and r["current"].toPython() is True
        g.add_edge(str(r["p"]), str(r["o"]), key=f"worked_at {r['pos']}", kind="worked_at", label="worked at",
                   title=_s(r["title"]), start=_s(r["start"]), end="present" if current else _s(r["end"]), weight=1)
    for r in store.query(STUDIED).rows:
        g.add_edge(str(r["p"]), str(r["o"]), key=f"studied_at {r['edu']}", kind="studied_at", label="studied at",
                   degree=_s(r["degree"]), field=_s(r["field"]), end=_s(r["end"]), weight=1)
    concepts = {str(r["c"]): r for r in store.query(CONCEPTS).rows}

    def concept_node(iri: str) -> None:
        if iri not in g:
            r = concepts.get(iri)
            kind = "technology" if r is not None and str(r["kind"]).endswith("Technology") else "skill"
            g.add_node(iri, type=kind, label=str(r["label"]) if r is not None else iri.rsplit("/", 1)[-1],
                       candidate=bool(r is not None and r["candidate"] is not None and r["candidate"].toPython()))

    for r in store.query(KNOWS).rows:
        concept_node(str(r["c"]))
        g.add_edge(str(r["p"]), str(r["c"]), key="knows", kind="knows", label="knows",
                   weight=max(1, int(r["mentions"])))
    for r in store.query(POSTINGS).rows:
        g.add_node(str(r["j"]), type="posting", label=_s(r["title"]) or "job posting", organization=_s(r["orgName"]))
        if r["org"] is not None:
            if str(r["org"]) not in g:
                g.add_node(str(r["org"]), type="organization", label=_s(r["orgName"]) or str(r["org"]))
            g.add_edge(str(r["j"]), str(r["org"]), key="posted_by", kind="posted_by", label="posted by", weight=1)
    for r in store.query(NEEDS).rows:
        concept_node(str(r["c"]))
        kind = str(r["kind"])
        g.add_edge(str(r["j"]), str(r["c"]), key=kind, kind=kind, label=kind, weight=1)
    for r in store.query(PARTS).rows:
        if str(r["o"]) in g and str(r["parent"]) in g:
            g.add_edge(str(r["o"]), str(r["parent"]), key="part_of", kind="part_of", label="part of", weight=1)
    skills = [n for n, d in g.nodes(data=True) if d["type"] in ("skill", "technology")]
    for r in store.query(BROADER).rows:
        if str(r["c"]) in g and str(r["b"]) in g:
            g.add_edge(str(r["c"]), str(r["b"]), key="broader", kind="broader", label="broader", weight=1)
    for n in skills:
        g.nodes[n]["people"] = sum(1 for p, _, k in g.in_edges(n, keys=True) if k == "knows")
    return g


@dataclass(frozen=True)
class Step:
    source: str
    kind: str
    forward: bool  # the edge points from source to target
    target: str


def shortest_path(g: nx.MultiDiGraph, a: str, b: str, skip: tuple[str, ...] = ()) -> list[Step]:
    """The shortest chain of relations between two entities, in either direction; [] if none."""
    view = nx.Graph()
    for u, v, k, d in g.edges(keys=True, data=True):
        if d["kind"] not in skip and not view.has_edge(u, v):
            view.add_edge(u, v, kind=d["kind"], forward_from=u)
    if a not in view or b not in view:
        return []
    try:
        nodes = nx.shortest_path(view, a, b)
    except nx.NetworkXNoPath:
        return []
    steps = []
    for u, v in zip(nodes, nodes[1:]):
        data = view.edges[u, v]
        steps.append(Step(u, data["kind"], data["forward_from"] == u, v))
    return steps


def neighborhood(g: nx.MultiDiGraph, node: str, depth: int = 1) -> nx.MultiDiGraph:
    """Everything within `depth` relations of a node, in either direction."""
    near = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), node, cutoff=depth)
    return g.subgraph(near).copy()


def similar_people(g: nx.MultiDiGraph, person: str, n: int = 10) -> list[tuple[str, float, list[str]]]:
    """People with the most similar skills: Jaccard similarity of the sets of skills they know."""
    def skills(p):
        return {v for _, v, k in g.out_edges(p, keys=True) if k == "knows"}
    mine = skills(person)
    scored = []
    for other, data in g.nodes(data=True):
        if other == person or data.get("type") != "person":
            continue
        theirs = skills(other)
        union = mine | theirs
        if union and mine & theirs:
            scored.append((other, len(mine & theirs) / len(union), sorted(mine & theirs)))
    return sorted(scored, key=lambda t: (-t[1], g.nodes[t[0]]["label"]))[:n]


def communities(g: nx.MultiDiGraph, seed: int = 7) -> list[set[str]]:
    """Clusters of people and skills: Louvain modularity on the weighted person–skill graph."""
    bipartite = nx.Graph()
    for u, v, k, d in g.edges(keys=True, data=True):
        if k == "knows":
            w = bipartite.get_edge_data(u, v, {}).get("weight", 0)
            bipartite.add_edge(u, v, weight=w + d.get("weight", 1))
    if bipartite.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(bipartite, weight="weight", seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))
