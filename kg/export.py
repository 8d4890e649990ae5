"""Exports: the graph as RDF files (and, as they land, GEXF, GraphML, CSV, HTML)."""

from .store import OxigraphStore, Store, serialize


def write_rdf(store: Store, out, fmt: str) -> None:
    """trig/nquads keep one graph per document; turtle merges them; jsonld keeps graphs."""
    if fmt in ("trig", "nquads") and isinstance(store, OxigraphStore):
        store.dump(out, fmt)
    elif fmt == "turtle":
        triples = dict.fromkeys((s, p, o) for s, p, o, _ in store.quads())
        out.write(serialize(triples, "turtle"))
    else:
        out.write(serialize(store.quads(), fmt))
