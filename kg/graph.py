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
literals as attributes. A person's title and employer are those of their latest-started current
position. Functions take a graph and return data; the CLI formats.

The queries are shaped for Oxigraph at 10,000 documents (5 million quads): each triple pattern is
its own sub-SELECT, which the engine evaluates once and hash-joins on the document graph and the
shared node; for joins and OPTIONALs inside one GRAPH block it looks every row of one side up in
the other, and the projection took 40 s instead of 10. Per-person rows carry the 200,000 `knows`
pairs, since decoding a term's string is most of the cost of a row; their weights (evidence nodes per
pair) come from the who-knows index when it is fresh, as counting them in SPARQL took 5-10 s.
"""

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from .index import fresh_index
from .store import Store

_Q = """PREFIX schema: <https://schema.org/> PREFIX kg: <https://w3id.org/careerkg/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# Where documents disagree on a name, MAX and MIN pick the same one every run (SAMPLE need not);
# COALESCE keeps a document without the name from making MAX unbound.
PEOPLE = _Q + """SELECT ?p (MAX(COALESCE(?n, "")) AS ?name) WHERE {
  { SELECT ?d ?p WHERE { GRAPH ?d { ?p a schema:Person } } }
  OPTIONAL { SELECT ?d ?p ?n WHERE { GRAPH ?d { ?p schema:name ?n } } } } GROUP BY ?p"""
CONTACTS = _Q + """SELECT ?p ?key ?value WHERE {
  { SELECT ?d ?p WHERE { GRAPH ?d { ?p a schema:Person } } }
  { SELECT ?d ?p ?key ?value WHERE { GRAPH ?d { { ?p schema:email ?value BIND("emails" AS ?key) }
    UNION { ?p schema:telephone ?value BIND("phones" AS ?key) }
    UNION { ?p schema:url ?value BIND("urls" AS ?key) } } } } }"""
ORGANIZATIONS = _Q + """SELECT ?o (MIN(?n) AS ?name) (COUNT(?college) AS ?school) WHERE {
  { SELECT ?d ?o WHERE { GRAPH ?d { ?o a schema:Organization } } }
  { SELECT ?d ?o ?n WHERE { GRAPH ?d { ?o schema:name ?n } } }
  OPTIONAL { SELECT ?d ?o (1 AS ?college) WHERE { GRAPH ?d { ?o a schema:CollegeOrUniversity } } }
} GROUP BY ?o"""
POSITIONS = _Q + """SELECT DISTINCT ?p ?pos ?o ?title ?start ?end ?current WHERE {
  { SELECT ?d ?p ?pos WHERE { GRAPH ?d { ?p kg:position ?pos } } }
  OPTIONAL { SELECT ?d ?pos ?o WHERE { GRAPH ?d { ?pos kg:employer ?o } } }
  OPTIONAL { SELECT ?d ?pos ?title WHERE { GRAPH ?d { ?pos schema:roleName ?title } } }
  OPTIONAL { SELECT ?d ?pos ?start WHERE { GRAPH ?d { ?pos schema:startDate ?start } } }
  OPTIONAL { SELECT ?d ?pos ?end WHERE { GRAPH ?d { ?pos schema:endDate ?end } } }
  OPTIONAL { SELECT ?d ?pos ?current WHERE { GRAPH ?d { ?pos kg:current ?current } } } }"""
STUDIED = _Q + """SELECT DISTINCT ?p ?o ?edu ?degree ?field ?end WHERE {
  { SELECT ?d ?p ?edu WHERE { GRAPH ?d { ?p kg:education ?edu } } }
  { SELECT ?d ?edu ?o WHERE { GRAPH ?d { ?edu kg:institution ?o } } }
  OPTIONAL { SELECT ?d ?edu ?degree WHERE { GRAPH ?d { ?edu kg:degree ?degree } } }
  OPTIONAL { SELECT ?d ?edu ?field WHERE { GRAPH ?d { ?edu kg:fieldOfStudy ?field } } }
  OPTIONAL { SELECT ?d ?edu ?end WHERE { GRAPH ?d { ?edu schema:endDate ?end } } } }"""
PARTS = _Q + """SELECT DISTINCT ?o ?parent WHERE { GRAPH ?d { ?o schema:parentOrganization ?parent } }"""
# One row per person: "concept mentions concept mentions ...", mentions counting the evidence nodes
# mentioning the concept in the documents stating the pair. IRIs hold no spaces: the list splits safely.
KNOWS = _Q + """SELECT ?p (GROUP_CONCAT(CONCAT(STR(?c), " ", STR(?mentions)); SEPARATOR=" ") AS ?known) WHERE {
  { SELECT ?p ?c (COUNT(?ev) AS ?mentions) WHERE {
    { SELECT ?d ?p ?c WHERE { GRAPH ?d { ?p schema:knowsAbout ?c } } }
    OPTIONAL { SELECT ?d ?ev ?c WHERE { GRAPH ?d { ?ev schema:mentions ?c } } } } GROUP BY ?p ?c } } GROUP BY ?p"""
POSTINGS = _Q + """SELECT ?j (SAMPLE(?t) AS ?title) (SAMPLE(?o) AS ?org) (SAMPLE(?on) AS ?orgName) WHERE { GRAPH ?d {
  ?j a schema:JobPosting . OPTIONAL { ?j schema:title ?t }
  OPTIONAL { ?j schema:hiringOrganization ?o . ?o schema:name ?on } } } GROUP BY ?j"""
NEEDS = _Q + """SELECT DISTINCT ?j ?c ?kind WHERE { GRAPH ?d {
  { ?j kg:requiresSkill ?c BIND("requires" AS ?kind) } UNION { ?j kg:prefersSkill ?c BIND("prefers" AS ?kind) } } }"""
CONCEPTS = _Q + """SELECT ?c (SAMPLE(?l) AS ?label) (SAMPLE(?k) AS ?kind) (MAX(?cand) AS ?candidate) WHERE {
  GRAPH ?g { ?c skos:prefLabel ?l . OPTIONAL { ?c a ?k FILTER(?k IN (kg:Skill, kg:Technology)) }
  BIND(EXISTS { ?c kg:candidate true } AS ?cand) } } GROUP BY ?c"""
BROADER = _Q + """SELECT DISTINCT ?c ?b WHERE { GRAPH ?g { ?c skos:broader ?b } }"""
TRUE = ("true", "1")  # xsd:boolean's lexical forms of true


@dataclass
class Elements:
    """The projection as plain data: what `project` puts into networkx, and what writers read when no
    traversal is needed (a whole-graph export skips building the graph).

    nodes: IRI → attributes, in the order they were found; edges: (source, target, key, attributes).
    """
    nodes: dict[str, dict]
    edges: list[tuple[str, str, str, dict]]


def elements(store: Store, contacts: bool = True) -> Elements:
    """The nodes and edges of the entity graph (see the module docstring); `contacts=False` leaves
    people's e-mails, phones and URLs out (exports drop them by default) without querying them."""
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str, str], dict] = {}

    def edge(u: str, v: str, key: str, **data) -> None:
        nodes.setdefault(u, {})
        nodes.setdefault(v, {})
        edges.setdefault((u, v, key), {}).update(data)  # a later row of the same key updates it, as in networkx

    for p, name in store.values(PEOPLE):
        nodes[p] = {"type": "person", "label": name or "(unnamed)", "title": None, "employer": None}
    if contacts:
        _add_contacts(nodes, store.values(CONTACTS))
    for o, name, school in store.values(ORGANIZATIONS):
        nodes[o] = {"type": "school" if int(school) else "organization", "label": name}
    current = {}  # person → (start, title, employer) of their latest-started current position
    for p, pos, o, title, start, end, now in store.values(POSITIONS):
        now = now in TRUE
        if o is not None:
            edge(p, o, f"worked_at {pos}", kind="worked_at", label="worked at", title=title, start=start,
                 end="present" if now else end, weight=1)
        if now:
            employer = nodes.get(o, {}).get("label") if o is not None else None
            current[p] = max(current.get(p, ("", "", "")), (start or "", title or "", employer or ""))
    for p, (_, title, employer) in current.items():
        if nodes.get(p, {}).get("type") == "person":
            nodes[p].update(title=title or None, employer=employer or None)
    for p, o, edu, degree, field, end in store.values(STUDIED):
        edge(p, o, f"studied_at {edu}", kind="studied_at", label="studied at", degree=degree, field=field, end=end,
             weight=1)
    concepts = {c: (label, kind, candidate) for c, label, kind, candidate in store.values(CONCEPTS)}

    def concept_node(iri: str) -> None:
        if iri not in nodes:
            label, kind, candidate = concepts.get(iri, (None, None, None))
            nodes[iri] = {"type": "technology" if kind and kind.endswith("Technology") else "skill",
                          "label": label or iri.rsplit("/", 1)[-1], "candidate": candidate in TRUE}

    for p, c, mentions in _knows(store):
        concept_node(c)
        edge(p, c, "knows", kind="knows", label="knows", weight=max(1, int(mentions)))
    for j, title, org, org_name in store.values(POSTINGS):
        nodes[j] = {"type": "posting", "label": title or "job posting", "organization": org_name}
        if org is not None:
            if org not in nodes:
                nodes[org] = {"type": "organization", "label": org_name or org}
            edge(j, org, "posted_by", kind="posted_by", label="posted by", weight=1)
    for j, c, kind in store.values(NEEDS):
        concept_node(c)
        edge(j, c, kind, kind=kind, label=kind, weight=1)
    for o, parent in store.values(PARTS):
        if o in nodes and parent in nodes:
            edge(o, parent, "part_of", kind="part_of", label="part of", weight=1)
    skills = [n for n, d in nodes.items() if d.get("type") in ("skill", "technology")]
    for c, b in store.values(BROADER):
        if c in nodes and b in nodes:
            edge(c, b, "broader", kind="broader", label="broader", weight=1)
    people = Counter(v for _, v, k in edges if k == "knows")
    for n in skills:
        nodes[n]["people"] = people[n]
    return Elements(nodes, [(u, v, k, d) for (u, v, k), d in edges.items()])


def _knows(store: Store):
    """(person, concept, evidence count) of every `knows` pair: from the who-knows index when the store
    has a fresh one (a test checks it agrees with SPARQL), else from the KNOWS query."""
    index = fresh_index(store)
    if index is not None:
        try:
            yield from index.quotes()
        finally:
            index.close()
        return
    for p, known in store.values(KNOWS):
        pairs = iter(known.split(" "))
        for c, mentions in zip(pairs, pairs):
            yield p, c, mentions


def _add_contacts(nodes: dict, rows) -> None:
    """emails and urls joined by spaces, phones by " | " (a phone number may hold spaces); sorted, so
    every store gives the same text."""
    found: dict[tuple[str, str], set] = {}
    for p, key, value in rows:
        if value is not None:
            found.setdefault((p, key), set()).add(value)
    for p, d in nodes.items():
        if d.get("type") == "person":
            for key, sep in (("emails", " "), ("phones", " | "), ("urls", " ")):
                d[key] = sep.join(sorted(found.get((p, key), ()))) or None


def project(store: Store, contacts: bool = True) -> nx.MultiDiGraph:
    """The entity graph of a store as networkx, for traversals and sliced exports."""
    found = elements(store, contacts)
    g = nx.MultiDiGraph()
    g.add_nodes_from(found.nodes.items())
    g.add_edges_from(found.edges)
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
