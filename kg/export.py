"""Exports: the graph as RDF, and its entity graph as GEXF, GraphML, CSV, Cytoscape.js JSON and HTML.

Writers are plain functions over the projection of kg.graph: a networkx graph (`project`; any whose
nodes carry `type` and `label` and whose edges carry `kind`, `label` and `weight`), or the same nodes
and edges as plain records (`elements`), which a whole-graph export hands over without building
networkx. Filters are functions from networkx graph to graph, so the CLI composes them: project →
projection → around → types → privacy → writer. Every writer streams, element by element (no DOM):
at 10,000 documents (11k nodes, 260k edges, 85 MB of GEXF) the GEXF writer takes about 2 s and 70 MB,
5-10 times the cost of writing the same text line by line, and `kg export gephi` 13-16 s from store
to file, 11 of them reading the store (benchmarks/export.py).
"""

import hashlib
import hmac
import io
import json
import math
import re
from collections import Counter, defaultdict
from contextlib import contextmanager
from datetime import date
from itertools import combinations
from pathlib import Path

import networkx as nx

from .graph import Elements, neighborhood
from .store import OxigraphStore, Store, serialize

Graph = nx.Graph | Elements  # what the writers take

NODE_TYPES = ("person", "organization", "school", "skill", "technology", "posting")
CONTACTS = ("emails", "phones", "urls")
# Colour by type (Tableau 10): the first view in Gephi or the browser tells the types apart.
TYPE_COLORS = {"person": (31, 119, 180), "organization": (255, 127, 14), "school": (44, 160, 44),
               "skill": (148, 103, 189), "technology": (214, 39, 40), "posting": (140, 86, 75)}
OTHER_COLOR = (127, 127, 127)
INTERVAL_KINDS = ("worked_at",)  # edges whose start/end become GEXF time intervals
GEXF_NS = {"1.3": "http://gexf.net/1.3", "1.2": "http://www.gexf.net/1.2draft"}
CYTOSCAPE_VERSION = "3.34.4"  # kg/data/vendor/cytoscape.min.js
DEFAULT_PSEUDONYM_KEY = "kg-pseudonym-v1"
LAYOUT_MAX_NODES = 499  # networkx's spring layout needs scipy from 500 nodes on; larger graphs are laid out by the viewer


def write_rdf(store: Store, out, fmt: str) -> None:
    """trig/nquads keep one graph per document; turtle merges them; jsonld keeps graphs."""
    if fmt in ("trig", "nquads") and isinstance(store, OxigraphStore):
        store.dump(out, fmt)
    elif fmt == "turtle":
        triples = dict.fromkeys((s, p, o) for s, p, o, _ in store.quads())
        out.write(serialize(triples, "turtle"))
    else:
        out.write(serialize(store.quads(), fmt))


# ---------------------------------------------------------------- filters

def around(g: nx.Graph, node: str, depth: int = 1) -> nx.Graph:
    """Everything within `depth` relations of a node, either direction: a readable slice of a big graph."""
    return neighborhood(g, node, depth)


def keep_types(g: nx.Graph, types) -> nx.Graph:
    """Only nodes of the given types (and the edges between them), e.g. people and skills.

    >>> g = nx.MultiDiGraph(); g.add_node("p", type="person"); g.add_node("o", type="organization")
    >>> list(keep_types(g, ["person"]))
    ['p']
    """
    wanted = set(types)
    unknown = sorted(wanted - set(NODE_TYPES))
    if unknown:
        raise ValueError(f"unknown node type {', '.join(unknown)} (valid: {', '.join(NODE_TYPES)})")
    return g.subgraph(n for n, d in g.nodes(data=True) if d.get("type") in wanted).copy()


def _knows(g: nx.Graph) -> dict[str, set[str]]:
    """person → the skills they know (the `knows` edges)."""
    out = defaultdict(set)
    for u, v, d in g.edges(data=True):
        if d.get("kind") == "knows":
            out[u].add(v)
    return out


def skills_projection(g: nx.Graph) -> nx.Graph:
    """Skills and technologies only, linked when people know both or a posting names both.

    The weight counts the people and postings naming the pair: the co-occurrence map that shows
    which skills travel together (Gephi's modularity then finds the stacks).
    """
    h = nx.Graph()
    for n, d in g.nodes(data=True):
        if d.get("type") in ("skill", "technology"):
            h.add_node(n, **d)
    people = Counter()
    postings = Counter()
    for skills in _knows(g).values():
        for pair in combinations(sorted(skills), 2):
            people[pair] += 1
    needs = defaultdict(set)
    for u, v, d in g.edges(data=True):
        if d.get("kind") in ("requires", "prefers"):
            needs[u].add(v)
    for skills in needs.values():
        for pair in combinations(sorted(skills), 2):
            postings[pair] += 1
    for a, b in sorted(people.keys() | postings.keys()):
        h.add_edge(a, b, kind="co_occurs", label="known together", weight=people[(a, b)] + postings[(a, b)],
                   people=people[(a, b)], postings=postings[(a, b)])
    return h


def people_projection(g: nx.Graph, min_shared: int = 1) -> nx.Graph:
    """People only, linked by the skills they share (weight: how many; jaccard: how alike their sets are).

    Quadratic: a skill known by k people adds k(k-1)/2 pairs. Fine for thousands of people; the corpus of
    10,000 documents (a skill held by 7,000 people, 191 million pairs) is beyond it.
    """
    h = nx.Graph()
    for n, d in g.nodes(data=True):
        if d.get("type") == "person":
            h.add_node(n, **d)
    knows = _knows(g)
    holders = defaultdict(list)
    for person, skills in knows.items():
        for s in sorted(skills):
            holders[s].append(person)
    shared = Counter()
    for people in holders.values():
        shared.update(combinations(sorted(people), 2))
    for (a, b), count in sorted(shared.items()):
        if count >= min_shared:
            labels = sorted(g.nodes[s].get("label", s) for s in knows[a] & knows[b])
            h.add_edge(a, b, kind="shares_skills", label="shares skills", weight=count,
                       jaccard=round(count / len(knows[a] | knows[b]), 4),
                       shared=", ".join(labels[:10]) + (" …" if len(labels) > 10 else ""))
    return h


def without_contacts(g: nx.Graph) -> nx.Graph:
    """The graph without people's e-mails, phones and profile URLs: exports leave contact details out by default."""
    h = g.copy()
    for _, d in h.nodes(data=True):
        for key in CONTACTS:
            d.pop(key, None)
    return h


def pseudonym(iri: str, key: str = DEFAULT_PSEUDONYM_KEY) -> str:
    """A stable pseudonym for a person: a keyed hash of the IRI, the same in every format and run.

    >>> pseudonym("https://w3id.org/careerkg/person/da50e2458d3f78e28b15")
    'Person ...'
    """
    return "Person " + _pseudo_hash(iri, key)[:8]


def _pseudo_hash(iri: str, key: str) -> str:
    return hmac.new(key.encode("utf-8"), iri.encode("utf-8"), hashlib.sha256).hexdigest()


def pseudonymize(g: nx.Graph, key: str = DEFAULT_PSEUDONYM_KEY) -> nx.Graph:
    """People get pseudonyms for names and new node ids, and lose contact details.

    The id changes too: a person's IRI is a hash of their e-mail address, so keeping it would let anyone
    holding the address find them. Set `key` (kg: --pseudonym-key or $KG_PSEUDONYM_KEY) to a secret to
    make the pseudonyms unguessable from the IRIs.
    """
    mapping = {}
    for n, d in g.nodes(data=True):
        if d.get("type") == "person":
            mapping[n] = "https://w3id.org/careerkg/pseudonym/" + _pseudo_hash(n, key)[:20]
    h = nx.relabel_nodes(g, mapping, copy=True)
    for old, new in mapping.items():
        d = h.nodes[new]
        d["label"] = pseudonym(old, key)
        for k in CONTACTS:
            d.pop(k, None)
    return h


# ---------------------------------------------------------------- shared helpers

_BAD_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]+")
_NEEDS_ESCAPE = re.compile("[&<>\"\t\n\r]|[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SEQUENCES = (list, tuple, set, frozenset)


def clean_text(value) -> str:
    """The text with the characters XML 1.0 forbids (NUL, form feed from PDFs, lone surrogates) turned to spaces.

    >>> clean_text("Data\\x0cEngineer\\x00")
    'Data Engineer'
    >>> clean_text("\\u200fعربي")  # marks and other scripts stay
    '\\u200fعربي'
    """
    s = value if value.__class__ is str else str(value)
    if _BAD_XML.search(s):
        s = re.sub(" {2,}", " ", _BAD_XML.sub(" ", s)).strip()
    return s


def _xml(value) -> str:
    """A value ready for an XML attribute or text: cleaned and escaped (newlines as character references).

    >>> _xml('R&D <"ML">\\nteam\\x0c')
    'R&amp;D &lt;&quot;ML&quot;&gt;&#10;team'
    """
    s = value if value.__class__ is str else str(value)
    if _NEEDS_ESCAPE.search(s) is None:  # the common case: nothing to do
        return s
    return (clean_text(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;"))


class _Memo(dict):
    """fn(key), remembered: an export repeats the same ids, kinds, labels and dates thousands of times."""

    def __init__(self, fn, limit: int = 1_000_000):
        super().__init__()
        self.fn, self.limit = fn, limit

    def __missing__(self, key):
        value = self.fn(key)
        if len(self) < self.limit:
            self[key] = value
        return value


def _value(value):
    """Lists and tuples as one string (GEXF, GraphML and networkx refuse lists); None stays None."""
    if value.__class__ in _SEQUENCES:
        return " | ".join(str(v) for v in value) or None
    return value


def _schema(items, skip=()) -> dict[str, str]:
    """name → type (boolean, integer, long, double or string) over the attribute dicts `items`, in first-seen order.

    Mixed types become string, so readers that check types (networkx) accept every value.

    >>> _schema([{"a": 1, "b": True, "c": None}, {"a": 2.5, "d": "x", "e": 2 ** 40}])
    {'a': 'double', 'b': 'boolean', 'd': 'string', 'e': 'long'}
    """
    seen = {}
    for d in items:
        for k, v in d.items():
            if v is None or k in skip:
                continue
            c = v.__class__
            if c is int and not -2 ** 31 <= v < 2 ** 31:
                c = "long"
            classes = seen.get(k)
            if classes is None:
                seen[k] = {c}
            elif c not in classes:
                classes.add(c)
    return {k: _kind(classes) for k, classes in seen.items()}


def _kind(classes: set) -> str:
    kinds = {bool: "boolean", int: "integer", "long": "long", float: "double"}
    names = {kinds.get(c, "string") for c in classes}
    if len(names) == 1:
        return names.pop()
    if names <= {"integer", "long"}:
        return "long"
    if names <= {"integer", "long", "double"}:
        return "double"
    return "string"


def _text(value, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    value = _value(value)
    return value if value.__class__ is str else str(value)


def _nodes(g: Graph):
    """(id, data) of every node of a networkx graph or of kg.graph.Elements."""
    return g.nodes.items() if isinstance(g, Elements) else g.nodes(data=True)


def _directed(g: Graph) -> bool:
    return isinstance(g, Elements) or g.is_directed()


def _degrees(g: Graph) -> Counter:
    """id → degree, counting parallel edges (and a self-loop twice), as networkx does."""
    degree = Counter()
    for u, v, _ in _edges(g):
        degree[u] += 1
        degree[v] += 1
    return degree


def _edges(g: Graph):
    """(source, target, data) of a networkx graph, simple or multi, or of kg.graph.Elements.

    Directed graphs are walked through their adjacency dicts: three times faster than the edge view,
    which counts on a graph of 250,000 edges.
    """
    if isinstance(g, Elements):
        for u, v, _, d in g.edges:
            yield u, v, d
    elif not g.is_directed():
        yield from g.edges(data=True)
    elif g.is_multigraph():
        for u, nbrs in g._adj.items():
            for v, keydict in nbrs.items():
                for d in keydict.values():
                    yield u, v, d
    else:
        for u, nbrs in g._adj.items():
            for v, d in nbrs.items():
                yield u, v, d


def _rgb(node_type) -> tuple[int, int, int]:
    return TYPE_COLORS.get(node_type, OTHER_COLOR)


def _hex(node_type) -> str:
    return "#%02x%02x%02x" % _rgb(node_type)


def _size(degree: int) -> float:
    """Node size by degree, on a log scale so hubs (Python, AWS) do not swallow the view."""
    return round(6 + 6 * math.log2(1 + degree), 2)


def layout(g: Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions for a small graph (spring layout), {} for a large one: the viewer lays those out itself.

    Nodes are laid out in sorted order, so the positions depend on the graph, not on the order the
    store returned its rows in.
    """
    if not 0 < len(g.nodes) <= LAYOUT_MAX_NODES:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(sorted(n for n, _ in _nodes(g)))
    simple.add_edges_from((u, v) for u, v, _ in _edges(g))
    k = 2 / math.sqrt(len(g.nodes))
    pos = nx.spring_layout(simple, seed=seed, k=k, iterations=100, weight=None)
    return {n: (round(float(x) * 1000, 2), round(float(y) * 1000, 2)) for n, (x, y) in pos.items()}


@contextmanager
def _opened(out):
    """A text stream for a path, a binary stream or a text stream (UTF-8, '\\n' newlines, big buffer)."""
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as f:
            yield f
    elif isinstance(out, io.TextIOBase):
        yield out
    else:
        wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=False)
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()


# ---------------------------------------------------------------- GEXF

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def gexf_date(value, today: date) -> str | None:
    """A projection date as a GEXF date: YYYY → YYYY-01-01, YYYY-MM → YYYY-MM-01, present → today.

    >>> gexf_date("2021-06", date(2025, 5, 1)), gexf_date("2019", date(2025, 5, 1)), gexf_date("present", date(2025, 5, 1))
    ('2021-06-01', '2019-01-01', '2025-05-01')
    """
    if value is None:
        return None
    if str(value).lower() == "present":
        return today.isoformat()
    m = _DATE.match(str(value))
    if not m:
        return None
    return f"{m[1]}-{m[2] or '01'}-{m[3] or '01'}"


def _spells(items: list[dict], today: date) -> list[tuple[str, str]]:
    """The intervals of positions, overlaps merged (Gephi refuses overlapping intervals on one edge).

    A position without an end is a point at its start (and one without a start a point at its end):
    an unknown end is not "still there".
    """
    spans = []
    for d in items:
        start, end = gexf_date(d.get("start"), today), gexf_date(d.get("end"), today)
        if start is None and end is None:
            continue
        start, end = start or end, end or start
        spans.append((min(start, end), max(start, end)))
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _merged_edges(g: Graph, today: date) -> list[tuple[str, str, dict, list]]:
    """One edge per (source, target, kind), with one spell per position.

    Gephi merges parallel edges of one kind on import (summing weights) and would drop all but one
    position's dates; here five positions at eBay become one `worked_at` edge of weight 5 with their
    intervals. Edges of different kinds between the same nodes stay apart (GEXF 1.3 `kind`).
    """
    groups: dict[tuple, list] = {}
    for u, v, d in _edges(g):
        groups.setdefault((u, v, d.get("kind")), []).append(d)
    out = []
    for (u, v, kind), items in groups.items():
        if len(items) == 1:
            data = items[0]
        else:
            items.sort(key=lambda d: str(d.get("start") or ""))
            data = {"kind": kind, "label": items[0].get("label", kind),
                    "weight": sum(d.get("weight", 1) or 1 for d in items)}
            for key in dict.fromkeys(k for d in items for k in d):
                if key not in data:
                    values = [_value(d.get(key)) for d in items]
                    values = list(dict.fromkeys(x for x in values if x is not None))
                    if values:
                        data[key] = values[0] if len(values) == 1 else " | ".join(str(x) for x in values)
        out.append((u, v, data, _spells(items, today) if kind in INTERVAL_KINDS else ()))
    return out


def _by_items(cache: dict, d: dict, make, limit: int = 20_000):
    """make(d), remembered by d's items: most edges (knows: kind, label, weight) share a few shapes.

    A full cache starts over rather than stops: 20,000 one-off positions met first must not keep the
    knows edges that follow from being remembered.
    """
    try:
        key = tuple(d.items())
        hit = cache.get(key)
    except TypeError:  # an unhashable value
        return make(d)
    if hit is None:
        hit = make(d)
        if len(cache) >= limit:
            cache.clear()
        cache[key] = hit
    return hit


def _attvalues(d: dict, ids: dict, schema: dict, esc: _Memo, tag: str) -> list[str]:
    """The attribute values of one node or edge, as `tag` lines (`<attvalue for= value=/>` or GraphML `<data>`)."""
    lines = []
    for name, value in d.items():
        aid = ids.get(name)
        if aid is None or value is None:
            continue
        kind = schema[name]
        s = value if kind == "string" and value.__class__ is str else _text(value, kind)
        lines.append(tag % (aid, esc[s]))
    return lines


def write_gexf(g: Graph, out, version: str = "1.3", today: date | None = None,
               positions: dict | None = None) -> tuple[int, int]:
    """Write GEXF 1.3 (or 1.2draft) valid against the official XSDs; returns (nodes, edges) written.

    Our own streaming writer, not networkx's: that one fails the XSD, writes control characters raw
    and builds the whole tree in memory. Nodes carry label, typed attributes (type, iri, title,
    employer, people, organization...), colour by type and size by degree; edges carry kind, label,
    weight and, for positions, `<spells>` intervals with timeformat="date" ("present" = `today`,
    stated in `<meta>`). Colour/size/position are the XSDs' `<color>`/`<size>`/`<position>` in the
    GEXF namespace; Gephi reads them by local name.
    """
    if version not in GEXF_NS:
        raise ValueError(f"GEXF version {version!r} (valid: {', '.join(GEXF_NS)})")
    today = today or date.today()
    positions = positions or {}
    edges = _merged_edges(g, today)
    node_schema = {"iri": "string", **_schema((d for _, d in _nodes(g)), skip=("label", "iri"))}
    edge_schema = _schema((d for _, _, d, _ in edges), skip=("label", "weight"))
    node_ids = {k: f"n{i}" for i, k in enumerate(node_schema)}
    edge_ids = {k: f"e{i}" for i, k in enumerate(edge_schema)}
    dynamic = any(spells for *_, spells in edges)
    esc = _Memo(_xml)
    weights = _Memo(lambda w: repr(float(w or 1)))
    kinds = _Memo(lambda k: f' kind="{_xml(k)}"' if version == "1.3" and k else "")
    node_tag = '          <attvalue for="%s" value="%s"/>\n'
    with _opened(out) as f:
        w = f.write
        ns = GEXF_NS[version]
        xsd = "http://gexf.net/1.3/gexf.xsd" if version == "1.3" else "http://www.gexf.net/1.2draft/gexf.xsd"
        w('<?xml version="1.0" encoding="UTF-8"?>\n'
          f'<gexf xmlns="{ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
          f'xsi:schemaLocation="{ns} {xsd}" version="{version}">\n'
          f'  <meta lastmodifieddate="{today.isoformat()}">\n    <creator>kg (kg export gephi)</creator>\n'
          f'    <description>People, organizations, schools, skills and job postings from resumes and job postings. '
          f'Colour by node type; size by degree. Positions are edge intervals; "present" ends at the export date '
          f'{today.isoformat()}.</description>\n  </meta>\n')
        mode = ' mode="dynamic" timeformat="date"' if dynamic else ' mode="static"'
        if dynamic and version == "1.3":
            mode += ' timerepresentation="interval"'
        w(f'  <graph defaultedgetype="{"directed" if _directed(g) else "undirected"}" idtype="string"{mode}>\n')
        for cls, schema, ids in (("node", node_schema, node_ids), ("edge", edge_schema, edge_ids)):
            w(f'    <attributes class="{cls}" mode="static">\n')
            for name, kind in schema.items():
                w(f'      <attribute id="{ids[name]}" title="{_xml(name)}" type="{kind}"/>\n')
            w('    </attributes>\n')
        w(f'    <nodes count="{len(g.nodes)}">\n')
        degree = _degrees(g)
        for n, d in _nodes(g):
            nid = esc[n]
            r, gr, b = _rgb(d.get("type"))
            parts = [f'      <node id="{nid}" label="{esc[d.get("label") or n]}">\n        <attvalues>\n'
                     f'          <attvalue for="n0" value="{nid}"/>\n',
                     *_attvalues(d, node_ids, node_schema, esc, node_tag),
                     f'        </attvalues>\n        <color r="{r}" g="{gr}" b="{b}"/>\n'
                     f'        <size value="{_size(degree[n])}"/>\n']
            if n in positions:
                x, y = positions[n]
                parts.append(f'        <position x="{x}" y="{y}" z="0.0"/>\n')
            parts.append('      </node>\n')
            w("".join(parts))
        w(f'    </nodes>\n    <edges count="{len(edges)}">\n')
        blocks = {}

        def edge_block(d):  # everything of an edge but its id, source, target and spells
            kind = d.get("kind")
            return "".join((f' label="{esc[d.get("label") or kind]}"{kinds[kind]} weight="{weights[d.get("weight", 1)]}">'
                            '\n        <attvalues>\n', *_attvalues(d, edge_ids, edge_schema, esc, node_tag),
                            '        </attvalues>\n'))

        for i, (u, v, d, spells) in enumerate(edges):
            block = _by_items(blocks, d, edge_block)
            if spells:
                block += "".join(('        <spells>\n', *(f'          <spell start="{s}" end="{e}"/>\n'
                                                          for s, e in spells), '        </spells>\n'))
            w(f'      <edge id="{i}" source="{esc[u]}" target="{esc[v]}"{block}      </edge>\n')
        w('    </edges>\n  </graph>\n</gexf>\n')
    return len(g.nodes), len(edges)


# ---------------------------------------------------------------- GraphML

_GRAPHML_TYPES = {"boolean": "boolean", "integer": "int", "long": "long", "double": "double", "string": "string"}


def write_graphml(g: Graph, out) -> tuple[int, int]:
    """Write GraphML (streamed), readable by networkx.read_graphml, yEd, Gephi and Cytoscape.

    Typed keys declared up front; None values left out and lists joined (networkx refuses both);
    parallel edges keep their own ids (one per position).
    """
    node_schema = {"iri": "string", **_schema((d for _, d in _nodes(g)), skip=("iri",))}
    edge_schema = _schema(d for _, _, d in _edges(g))
    node_keys = {name: f"n{i}" for i, name in enumerate(node_schema)}
    edge_keys = {name: f"e{i}" for i, name in enumerate(edge_schema)}
    esc = _Memo(_xml)
    tag = '      <data key="%s">%s</data>\n'
    count = 0
    with _opened(out) as f:
        w = f.write
        w('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
          'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
          'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
          'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
        for cls, schema, keys in (("node", node_schema, node_keys), ("edge", edge_schema, edge_keys)):
            for name, kind in schema.items():
                w(f'  <key id="{keys[name]}" for="{cls}" attr.name="{_xml(name)}" attr.type="{_GRAPHML_TYPES[kind]}"/>\n')
        w(f'  <graph id="kg" edgedefault="{"directed" if _directed(g) else "undirected"}">\n')
        for n, d in _nodes(g):
            nid = esc[n]
            w("".join((f'    <node id="{nid}">\n      <data key="n0">{nid}</data>\n',
                       *_attvalues(d, node_keys, node_schema, esc, tag), '    </node>\n')))
        blocks = {}

        def edge_block(d):
            return "".join((*_attvalues(d, edge_keys, edge_schema, esc, tag), '    </edge>\n'))

        for count, (u, v, d) in enumerate(_edges(g), 1):
            w(f'    <edge id="e{count}" source="{esc[u]}" target="{esc[v]}">\n{_by_items(blocks, d, edge_block)}')
        w('  </graph>\n</graphml>\n')
    return len(g.nodes), count


# ---------------------------------------------------------------- CSV

def _csv_field(value) -> str:
    """One CSV field (RFC 4180, as csv.writer's QUOTE_MINIMAL): cleaned, quoted when it holds , " or a newline.

    >>> print(_csv_field('say "hi", ok'), _csv_field("plain"))
    "say ""hi"", ok" plain
    """
    s = clean_text(value)
    if "," in s or '"' in s or "\n" in s or "\r" in s:
        return '"' + s.replace('"', '""') + '"'
    return s


def write_csv(g: Graph, folder) -> tuple[int, int]:
    """nodes.csv and edges.csv in the shape Gephi's spreadsheet importer takes (Id, Label / Source,
    Target, Type, Id, Label, Weight) plus one column per attribute; Neo4j's LOAD CSV WITH HEADERS reads
    them as they are (README). One row per node and per edge of the graph; UTF-8, CRLF line ends.

    Rows are written as text (csv.writer's per-row cost is most of the time on 250,000 edges);
    csv.reader reads them back unchanged (tests/test_export.py).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    node_schema = _schema((d for _, d in _nodes(g)), skip=("label", "iri"))
    edge_schema = _schema((d for _, _, d in _edges(g)), skip=("label", "weight"))
    field = _Memo(_csv_field)

    def cells(d, schema, index):
        row = [""] * len(schema)
        for k, v in d.items():
            i = index.get(k)
            if i is not None and v is not None:
                row[i] = field[v] if v.__class__ is str else field[_text(v, schema[k])]
        return row

    node_index = {k: i for i, k in enumerate(node_schema)}
    edge_index = {k: i for i, k in enumerate(edge_schema)}
    with open(folder / "nodes.csv", "w", encoding="utf-8", newline="", buffering=1 << 20) as f:
        f.write(",".join(field[c] for c in ("Id", "Label", "iri", *node_schema)) + "\r\n")
        for n, d in _nodes(g):
            nid = field[n]
            f.write(",".join((nid, field[d.get("label") or n], nid, *cells(d, node_schema, node_index))) + "\r\n")
    edge_type = "Directed" if _directed(g) else "Undirected"
    tails = {}

    def tail(d):  # the row after Source, Target, Type and Id
        weight = d.get("weight", 1)
        return ",".join((field[d.get("label") or ""], field[str(1 if weight is None else weight)],
                         *cells(d, edge_schema, edge_index))) + "\r\n"

    count = 0
    with open(folder / "edges.csv", "w", encoding="utf-8", newline="", buffering=1 << 20) as f:
        f.write(",".join(field[c] for c in ("Source", "Target", "Type", "Id", "Label", "Weight", *edge_schema)) + "\r\n")
        for count, (u, v, d) in enumerate(_edges(g), 1):
            f.write(f"{field[u]},{field[v]},{edge_type},e{count},{_by_items(tails, d, tail)}")
    return len(g.nodes), count


# ---------------------------------------------------------------- Cytoscape.js JSON and HTML

_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _write_elements(w, g: Graph, positions: dict | None = None, evidence: dict | None = None,
                    safe: bool = False) -> tuple[int, int]:
    """`"nodes": [...], "edges": [...]` of Cytoscape.js elements, one element a line, streamed.

    safe: no '<', '>' or '&' in the text, so it can sit inside an HTML <script> element.
    """
    positions = positions or {}
    clean = _Memo(clean_text)
    encode = (lambda x: _JSON(x).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")) \
        if safe else _JSON
    degree = _degrees(g)
    w('"nodes":[')
    nodes = 0
    for nodes, (n, d) in enumerate(_nodes(g), 1):
        label = clean[d.get("label") or n]
        data = {"id": clean[n], "label": label, "name": label}
        for k, v in d.items():
            if v is not None and k not in data:
                data[k] = clean[v] if v.__class__ is str else _value(v)
        k = degree[n]
        data.update(iri=clean[n], degree=k, color=_hex(d.get("type")), size=_size(k))
        element = {"data": data}
        if n in positions:
            x, y = positions[n]
            element["position"] = {"x": x, "y": -y}
        w(("\n" if nodes == 1 else ",\n") + encode(element))
    w('],\n"edges":[')
    ids = _Memo(lambda n: encode(clean_text(n)))
    tails = {}

    def rest(d):  # the edge's data after id, source and target
        data = {"interaction": d.get("kind")}
        for k, val in d.items():
            if val is not None and k not in data:
                data[k] = clean[val] if val.__class__ is str else _value(val)
        data.setdefault("weight", 1)
        return data

    def tail(d):  # ... as JSON text without its opening brace
        return encode(rest(d))[1:]

    edges = 0
    for edges, (u, v, d) in enumerate(_edges(g), 1):
        if evidence and (u, v) in evidence and d.get("kind") == "knows":
            data = {"id": f"e{edges}", "source": clean[u], "target": clean[v], **rest(d), "evidence": evidence[(u, v)]}
            element = encode({"data": data})
        else:
            element = f'{{"data":{{"id":"e{edges}","source":{ids[u]},"target":{ids[v]},{_by_items(tails, d, tail)}}}'
        w(("\n" if edges == 1 else ",\n") + element)
    w(']')
    return nodes, edges


def write_cytoscape(g: Graph, out, positions: dict | None = None, evidence: dict | None = None,
                    name: str = "kg") -> tuple[int, int]:
    """Cytoscape.js JSON (`cy.json()` shape, also Cytoscape desktop's .cyjs): {"data", "elements": {"nodes", "edges"}}."""
    with _opened(out) as f:
        f.write('{"format_version":"1.0","generated_by":"kg","target_cytoscapejs_version":"~3",\n'
                f'"data":{_JSON({"name": clean_text(name), "directed": _directed(g)})},\n"elements":{{')
        counts = _write_elements(f.write, g, positions, evidence)
        f.write('}}\n')
    return counts


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b(?:[\w-]+\.)*(?:linkedin\.com|github\.com|github\.io|twitter\.com|x\.com)/\S*",
                  re.I)
_PHONE = re.compile(r"\+?\(?\d[\d\s().-]{8,}\d")


def scrub_contacts(text: str, known: list[str] = ()) -> str:
    """Free text (an evidence quote) without e-mail addresses, phone numbers and profile URLs.

    >>> scrub_contacts("Reach me at ada@example.com or +1 (650) 555-0178, github.com/ada; 2019-2023")
    'Reach me at [contact] or [contact], [contact] 2019-2023'
    """
    for item in sorted(known, key=len, reverse=True):
        if item:
            text = text.replace(item, "[contact]")
    text = _EMAIL.sub("[contact]", text)
    text = _URL.sub("[contact]", text)
    return _PHONE.sub(lambda m: "[contact]" if 10 <= sum(c.isdigit() for c in m[0]) <= 15 else m[0], text)


EVIDENCE = """PREFIX schema: <https://schema.org/> PREFIX kg: <https://w3id.org/careerkg/ns#>
SELECT ?p ?c ?quote ?path ?start ?end WHERE { GRAPH ?doc {
  ?p schema:knowsAbout ?c . ?ev schema:mentions ?c ; kg:quote ?quote ;
      kg:startOffset ?start ; kg:endOffset ?end . ?doc kg:path ?path } }"""


def evidence_quotes(store: Store, g: Graph, per_edge: int = 3, include_contacts: bool = False) -> dict:
    """(person, skill) → up to `per_edge` supporting quotes for the `knows` edges of `g`, for the HTML view.

    Quotes are free text: contact details in them are scrubbed unless `include_contacts`.
    """
    wanted = {(u, v) for u, v, d in _edges(g) if d.get("kind") == "knows"}
    if not wanted:
        return {}
    known = []
    if not include_contacts:  # the projection joins phones with " | ", e-mails and URLs with spaces
        for _, d in _nodes(g):
            for k in CONTACTS:
                if d.get(k):
                    known.extend(x for x in d[k].split(" | " if k == "phones" else " ") if len(x) >= 5)
    out = defaultdict(list)
    for r in store.query(EVIDENCE).rows:
        pair = (str(r["p"]), str(r["c"]))
        if pair in wanted and len(out[pair]) < per_edge:
            quote = clean_text(r["quote"])
            out[pair].append({"quote": quote if include_contacts else scrub_contacts(quote, known),
                              "document": Path(str(r["path"])).name, "start": int(r["start"]), "end": int(r["end"])})
    return dict(out)


def _vendor(name: str) -> str:
    from .ontology import data_path
    return data_path("kg.data", f"vendor/{name}").read_text(encoding="utf-8")


def write_html(g: Graph, out, title: str = "kg graph", positions: dict | None = None,
               evidence: dict | None = None, today: date | None = None) -> tuple[int, int]:
    """One self-contained HTML file: Cytoscape.js and the graph inlined, no network at view time.

    Search a name, click a node for its type, attributes and relations (evidence counts, dates,
    titles, supporting quotes); colours by type; a preset layout for small graphs, cose otherwise.
    The graph goes in as JSON inside <script type="application/json">, with '<', '>' and '&' escaped
    so no label can close the element.
    """
    library = _vendor("cytoscape.min.js")
    if re.search(r"</script|<!--", library, re.I):  # would end the inline element early
        raise ValueError("the vendored cytoscape.min.js contains '</script' or '<!--'")
    page = (_HTML.replace("@@TITLE@@", _xml(title))
            .replace("@@LICENSE@@", f"Cytoscape.js {CYTOSCAPE_VERSION}, MIT licence (c) The Cytoscape Consortium")
            .replace("@@APP@@", _APP))
    before, after = page.split("@@DATA@@")
    lib_before, lib_after = after.split("@@CYTOSCAPE@@")
    head = {"title": clean_text(title), "exported": (today or date.today()).isoformat(),
            "directed": _directed(g), "colors": {t: _hex(t) for t in NODE_TYPES}}
    with _opened(out) as f:
        f.write(before)
        f.write(_JSON(head)[:-1].replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
        f.write(',"elements":{')
        counts = _write_elements(f.write, g, positions, evidence, safe=True)
        f.write('}}')
        f.write(lib_before)
        f.write(library)
        f.write(lib_after)
    return counts


_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:">
<title>@@TITLE@@</title>
<style>
  html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; }
  #cy { position: absolute; left: 0; top: 0; bottom: 0; right: 360px; background: #fafafa; }
  #panel { position: absolute; right: 0; top: 0; bottom: 0; width: 360px; box-sizing: border-box; padding: 12px 14px;
           overflow-y: auto; border-left: 1px solid #ddd; background: #fff; }
  h1 { font-size: 16px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 12px 0 2px; } h3 { font-size: 13px; margin: 12px 0 4px; color: #555; }
  #status { color: #666; font-size: 12px; margin-bottom: 8px; }
  #search { width: 100%; box-sizing: border-box; padding: 6px 8px; font-size: 14px; }
  #matches { list-style: none; margin: 4px 0; padding: 0; }
  #matches li, .link { cursor: pointer; color: #1a5fb4; } #matches li:hover, .link:hover { text-decoration: underline; }
  #legend span { display: inline-block; margin: 2px 8px 2px 0; font-size: 12px; cursor: pointer; user-select: none; }
  #legend span.off { opacity: .35; }
  .dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; vertical-align: -1px; }
  table { border-collapse: collapse; font-size: 12px; width: 100%; } td { padding: 1px 4px; vertical-align: top; }
  td:first-child { color: #666; white-space: nowrap; } td + td { word-break: break-word; }
  .rel { margin: 3px 0; font-size: 13px; } .meta { color: #666; font-size: 12px; }
  blockquote { margin: 2px 0 4px 10px; padding-left: 6px; border-left: 3px solid #ddd; font-size: 12px; color: #444; }
  .hint { color: #888; } footer { margin-top: 16px; font-size: 11px; color: #999; }
</style>
</head>
<body>
<div id="cy"></div>
<aside id="panel">
  <h1>@@TITLE@@</h1>
  <div id="status" data-ready="false" data-nodes="0" data-edges="0">loading…</div>
  <input id="search" type="search" placeholder="Find a name, skill, employer…" autocomplete="off" aria-label="search">
  <ul id="matches"></ul>
  <div id="legend"></div>
  <div id="details"><p class="hint">Click a node to see its facts and relations.</p></div>
  <footer>@@LICENSE@@</footer>
</aside>
<script id="graph-data" type="application/json">@@DATA@@</script>
<script>@@CYTOSCAPE@@</script>
<script>@@APP@@</script>
</body>
</html>
"""

_APP = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var statusEl = document.getElementById("status");
  var details = document.getElementById("details");
  var n = data.elements.nodes.length, m = data.elements.edges.length;
  var preset = n > 0 && data.elements.nodes.every(function (e) { return e.position; });
  var layout = preset ? { name: "preset", fit: true, padding: 30 }
    : n <= 1500 ? { name: "cose", animate: false, randomize: true, fit: true, padding: 30, numIter: 1500,
                    nodeRepulsion: function () { return 12000; }, idealEdgeLength: function () { return 60; } }
    : { name: "concentric", animate: false, fit: true, padding: 30, minNodeSpacing: 4,
        concentric: function (node) { return node.degree(); }, levelWidth: function () { return 8; } };
  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: data.elements,
    layout: { name: "preset" },  // keeps the exported positions; other layouts run below
    minZoom: 0.02, maxZoom: 6,
    hideEdgesOnViewport: m > 5000, textureOnViewport: m > 5000,
    style: [
      { selector: "node", style: { "background-color": "data(color)", "width": "data(size)", "height": "data(size)",
        "label": "data(label)", "font-size": 11, "min-zoomed-font-size": 8, "text-valign": "bottom", "text-margin-y": 2,
        "color": "#333", "text-outline-color": "#fff", "text-outline-width": 1.5 } },
      { selector: "node[type = 'person'], node[type = 'posting']", style: { "font-size": 26, "font-weight": "bold",
        "shape": "round-rectangle", "min-zoomed-font-size": 0 } },
      { selector: "edge", style: { "width": "mapData(weight, 1, 12, 0.6, 4)", "line-color": "#c8c8c8", "opacity": 0.7,
        "curve-style": m > 3000 ? "haystack" : "bezier",
        "target-arrow-shape": m > 3000 || !data.directed ? "none" : "triangle", "target-arrow-color": "#c8c8c8", "arrow-scale": 0.6 } },
      { selector: ".faded", style: { "opacity": 0.08 } },
      { selector: "node.picked", style: { "border-width": 4, "border-color": "#111" } },
      { selector: "edge.near", style: { "line-color": "#777", "target-arrow-color": "#777", "opacity": 1 } }
    ]
  });

  function text(tag, value, cls) { var el = document.createElement(tag); el.textContent = value; if (cls) el.className = cls; return el; }
  function dot(color) { var d = document.createElement("span"); d.className = "dot"; d.style.background = color; return d; }
  var typeCounts = {};
  cy.nodes().forEach(function (node) { var t = node.data("type"); typeCounts[t] = (typeCounts[t] || 0) + 1; });
  var legend = document.getElementById("legend");
  Object.keys(typeCounts).sort().forEach(function (t) {
    var item = document.createElement("span"); item.title = "show/hide";
    item.appendChild(dot(data.colors[t] || "#7f7f7f")); item.appendChild(document.createTextNode(t + " " + typeCounts[t]));
    item.addEventListener("click", function () {
      item.classList.toggle("off");
      cy.nodes("[type = '" + t + "']").style("display", item.classList.contains("off") ? "none" : "element");
    });
    legend.appendChild(item);
  });

  var HIDDEN = { id: 1, label: 1, name: 1, color: 1, size: 1 };
  var WHEN = function (d) { return d.start ? d.start + " – " + (d.end || "?") : d.end || ""; };
  function show(node) {
    cy.elements().removeClass("picked near").addClass("faded");
    node.closedNeighborhood().removeClass("faded");
    node.addClass("picked"); node.connectedEdges().addClass("near");
    details.innerHTML = "";
    var h = text("h2", node.data("label")); h.prepend(dot(node.data("color"))); details.appendChild(h);
    var table = document.createElement("table");
    Object.keys(node.data()).forEach(function (k) {
      if (HIDDEN[k]) return;
      var row = document.createElement("tr"); row.appendChild(text("td", k)); row.appendChild(text("td", String(node.data(k))));
      table.appendChild(row);
    });
    details.appendChild(table);
    var byKind = {};
    node.connectedEdges().forEach(function (e) { var k = e.data("label") || e.data("kind"); (byKind[k] = byKind[k] || []).push(e); });
    var ORDER = ["worked at", "studied at", "posted by", "part of", "requires", "prefers", "knows", "shares skills", "known together", "broader"];
    var rank = function (k) { var i = ORDER.indexOf(k); return i < 0 ? ORDER.length : i; };
    Object.keys(byKind).sort(function (a, b) { return rank(a) - rank(b) || a.localeCompare(b); }).forEach(function (kind) {
      var edges = byKind[kind].sort(function (a, b) { return (b.data("start") || "").localeCompare(a.data("start") || "") || b.data("weight") - a.data("weight"); });
      details.appendChild(text("h3", kind + " (" + edges.length + ")"));
      edges.forEach(function (e) {
        var out = e.source().id() === node.id(), other = out ? e.target() : e.source(), d = e.data();
        var line = document.createElement("div"); line.className = "rel";
        line.appendChild(document.createTextNode(out ? "→ " : "← "));
        var link = text("span", other.data("label"), "link"); link.addEventListener("click", function () { pick(other); });
        line.appendChild(link);
        var facts = [];
        if (d.title) facts.push(d.title);
        if (d.degree) facts.push(d.degree + (d.field ? ", " + d.field : ""));
        if (WHEN(d)) facts.push(WHEN(d));
        if (d.kind === "knows") facts.push("evidence: " + d.weight);
        else if (d.kind === "shares_skills") facts.push(d.weight + " shared: " + (d.shared || ""));
        else if (d.kind === "co_occurs") facts.push(d.people + " people, " + d.postings + " postings");
        if (facts.length) line.appendChild(text("div", facts.join(" · "), "meta"));
        (d.evidence || []).forEach(function (q) {
          var b = text("blockquote", "“" + q.quote + "”"); b.appendChild(text("div", q.document + ":" + q.start + "-" + q.end, "meta"));
          line.appendChild(b);
        });
        details.appendChild(line);
      });
    });
  }
  function pick(node) { show(node); cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 250 }); }
  cy.on("tap", "node", function (evt) { show(evt.target); });
  cy.on("tap", function (evt) {
    if (evt.target === cy) { cy.elements().removeClass("faded picked near"); details.innerHTML = '<p class="hint">Click a node to see its facts and relations.</p>'; }
  });

  var search = document.getElementById("search"), matches = document.getElementById("matches");
  function found() {
    var q = search.value.trim().toLowerCase();
    if (!q) return [];
    return cy.nodes().filter(function (node) { return String(node.data("label")).toLowerCase().indexOf(q) >= 0; })
      .sort(function (a, b) {
        var pa = String(a.data("label")).toLowerCase().indexOf(q) === 0 ? 0 : 1, pb = String(b.data("label")).toLowerCase().indexOf(q) === 0 ? 0 : 1;
        return pa - pb || b.degree() - a.degree();
      }).slice(0, 15);
  }
  search.addEventListener("input", function () {
    matches.innerHTML = "";
    found().forEach(function (node) {
      var li = document.createElement("li"); li.appendChild(dot(node.data("color")));
      li.appendChild(document.createTextNode(node.data("label") + " (" + node.data("type") + ")"));
      li.addEventListener("click", function () { pick(node); });
      matches.appendChild(li);
    });
  });
  search.addEventListener("keydown", function (evt) { if (evt.key === "Enter") { var hit = found(); if (hit.length) pick(hit[0]); } });

  var run = cy.layout(preset ? { name: "preset", fit: true, padding: 30 } : layout);
  run.one("layoutstop", function () {
    cy.fit(undefined, 30);
    statusEl.textContent = cy.nodes().length + " nodes, " + cy.edges().length + " edges · exported " + data.exported;
    statusEl.setAttribute("data-nodes", cy.nodes().length);
    statusEl.setAttribute("data-edges", cy.edges().length);
    statusEl.setAttribute("data-visible", cy.nodes(":visible").length);
    statusEl.setAttribute("data-ready", "true");
    var hash = /^#q=(.+)$/.exec(location.hash);  // a link to a node: graph.html#q=Ada%20Okafor
    if (hash) {
      search.value = decodeURIComponent(hash[1]);
      search.dispatchEvent(new Event("input"));
      var hit = found();
      if (hit.length) { show(hit[0]); cy.center(hit[0]); statusEl.setAttribute("data-selected", hit[0].data("label")); }
    }
  });
  run.run();
  window.kgView = cy;
})();
"""
