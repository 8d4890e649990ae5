"""The skills taxonomy (SKOS): concepts, their labels and broader links, loaded from Turtle."""

import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from rdflib import Graph, Literal, URIRef

from .ontology import KG, RDF, SKILL, SKOS, data_path, slug
from .terms import read_turtle


@dataclass(frozen=True)
class Concept:
    id: str
    label: str
    type: str  # "skill" | "technology"
    alt_labels: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    case_sensitive: bool = False
    list_only: bool = False
    candidate: bool = False
    list_labels: tuple[str, ...] = ()  # matched only inside explicit lists

    @property
    def iri(self) -> URIRef:
        return concept_iri(self.id)

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.alt_labels)


def label_variants(label: str) -> set[str]:
    """The surface forms a label can take: hyphen/space/joined spellings and singular/plural.

    >>> sorted(label_variants("flash attention"))
    ['flash attention', 'flash attentions', 'flash-attention', 'flash-attentions', 'flashattention', 'flashattentions']
    >>> sorted(label_variants("TPU")), sorted(label_variants("recommender systems"))
    (['TPU', 'TPUs'], ['recommender system', ..., 'recommendersystems'])
    """
    out = {label}
    words = label.split()
    if "-" in label:
        out |= {label.replace("-", " "), label.replace("-", "")}
    if 1 < len(words) <= 3:
        out.add(label.replace(" ", "-"))
    if len(words) == 2 and all(w.isalpha() for w in words) and len(label) >= 8:
        out.add("".join(words))
    more = set()
    for form in out:
        last = form.split()[-1] if form.split() else form
        if last[-1:].isalnum() and not last.endswith("s") and len(last) >= 2 and not last[-1:].isdigit() \
                or re.search(r"[A-Z]\d+$", last):
            more.add(form + "s")
        elif last.endswith("s") and len(last) > 4 and not last.endswith(("ss", "us", "is", "ics")):
            more.add(form[:-1])
    return out | more


def concept_iri(concept_id: str) -> URIRef:
    """Our concepts have short ids (`pytorch`); imported ones keep their own IRI as id."""
    return URIRef(concept_id) if ":" in concept_id else SKILL[concept_id]


def concept_id(iri) -> str:
    iri = str(iri)
    return iri[len(str(SKILL)):] if iri.startswith(str(SKILL)) else iri


def candidate_concept(label: str, type_: str = "technology") -> Concept:
    """A concept for a term found in an explicit list but missing from the taxonomy."""
    return Concept(id=f"candidate-{slug(label)}", label=label, type=type_, candidate=True)


@dataclass
class Taxonomy:
    concepts: dict[str, Concept] = field(default_factory=dict)

    def __len__(self):
        return len(self.concepts)

    def __getitem__(self, concept_id: str) -> Concept:
        return self.concepts[concept_id]

    @cached_property
    def _by_label(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for concept in self.concepts.values():
            for label in concept.labels:
                ids = index.setdefault(label.casefold(), [])
                if concept.id not in ids:
                    ids.append(concept.id)
        return index

    def lookup(self, name: str) -> list[str]:
        """Concept ids whose label or alias is `name`, case-insensitively.

        >>> tax = Taxonomy({"tpu": Concept("tpu", "TPU", "technology", ("TPUs", "Tensor Processing Unit"))})
        >>> tax.lookup("tensor processing unit"), tax.lookup("tpus"), tax.lookup("gpu")
        (['tpu'], ['tpu'], [])
        """
        return list(self._by_label.get(" ".join(name.split()).casefold(), []))

    def suggest(self, name: str, n: int = 5) -> list[str]:
        """The closest labels to a name that matched nothing ("did you mean …")."""
        return difflib.get_close_matches(name.casefold(), list(self._by_label), n=n, cutoff=0.6)

    @cached_property
    def _narrower(self) -> dict[str, set[str]]:
        children: dict[str, set[str]] = {}
        for concept in self.concepts.values():
            for parent in concept.broader:
                children.setdefault(parent, set()).add(concept.id)
        return children

    def narrower_closure(self, concept_id: str) -> set[str]:
        """The concept and everything below it (`skos:broader*` read downwards)."""
        seen, todo = {concept_id}, [concept_id]
        while todo:
            for child in self._narrower.get(todo.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        return seen


def taxonomy_from_triples(triples) -> Taxonomy:
    """Every skos:Concept among (s, p, o) rdflib-term triples (an rdflib Graph is such an iterable)."""
    wanted = {RDF.type, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, SKOS.broader, KG.caseSensitive,
              KG.listOnly, KG.candidate, KG.listLabel}
    facts: dict = {}
    for s, p, o in triples:
        if p in wanted:
            facts.setdefault(s, {}).setdefault(p, []).append(o)
    concepts = {}
    for subject, f in facts.items():
        if SKOS.Concept not in f.get(RDF.type, ()) or not f.get(SKOS.prefLabel):
            continue

        def flag(p):
            return any(isinstance(o, Literal) and o.toPython() is True for o in f.get(p, ()))

        cid = concept_id(subject)
        concepts[cid] = Concept(
            id=cid,
            label=sorted(map(str, f[SKOS.prefLabel]))[0],
            type="technology" if KG.Technology in f[RDF.type] else "skill",
            alt_labels=tuple(sorted({str(o) for o in f.get(SKOS.altLabel, []) + f.get(SKOS.hiddenLabel, [])})),
            broader=tuple(sorted(concept_id(o) for o in f.get(SKOS.broader, ()))),
            case_sensitive=flag(KG.caseSensitive), list_only=flag(KG.listOnly), candidate=flag(KG.candidate),
            list_labels=tuple(sorted(str(o) for o in f.get(KG.listLabel, ()))))
    return Taxonomy(concepts)


@lru_cache(maxsize=1)
def builtin_taxonomy() -> Taxonomy:
    """ontology/skills.ttl as shipped (parsed once per process)."""
    return taxonomy_from_triples(read_turtle(data_path("kg.data.ontology", "skills.ttl")))


def load_taxonomy(*extra) -> Taxonomy:
    """The built-in taxonomy merged with imported ones (each an iterable of rdflib-term triples)."""
    if not any(extra):
        return builtin_taxonomy()
    triples = read_turtle(data_path("kg.data.ontology", "skills.ttl"))
    for more in extra:
        triples.extend(more)
    return taxonomy_from_triples(triples)


# ---------------------------------------------------------------- importing a user's taxonomy

_RDF_FORMATS = {".ttl": "TURTLE", ".turtle": "TURTLE", ".rdf": "RDF_XML", ".xml": "RDF_XML", ".owl": "RDF_XML",
                ".nt": "N_TRIPLES", ".jsonld": "JSON_LD", ".json": "JSON_LD", ".trig": "TRIG", ".nq": "N_QUADS"}


@dataclass
class ImportReport:
    added: int = 0  # new concepts
    merged: int = 0  # concepts whose preferred label we already had: their labels join ours
    skipped_labels: list[str] = field(default_factory=list)  # labels another concept already owns


def read_concepts(path) -> list[dict]:
    """A SKOS file (Turtle, RDF/XML, N-Triples, JSON-LD) or a CSV as plain concept records:
    {"iri" or "id", "label", "alt": [...], "broader": [...], "type"}.

    CSV: our columns id,label,alt_labels,broader,type (alt_labels and broader separated by "|"), or
    ESCO's skills CSV (conceptUri, preferredLabel, altLabels one per line, skillType) and its
    broader-relations CSV (conceptUri, broaderUri). RDF is parsed by Oxigraph, which resolves no
    external entities and fetches nothing.
    """
    from pathlib import Path
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return _csv_concepts(path)
    fmt = _RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"unsupported taxonomy format {path.suffix!r} (use .ttl, .rdf, .nt, .jsonld or .csv)")
    import pyoxigraph as ox

    from .terms import from_ox
    facts: dict = {}
    for t in ox.parse(path=str(path), format=getattr(ox.RdfFormat, fmt)):
        facts.setdefault(from_ox(t.subject), {}).setdefault(from_ox(t.predicate), []).append(from_ox(t.object))
    out = []
    for subject, f in facts.items():
        if SKOS.Concept not in f.get(RDF.type, ()) and SKOS.prefLabel not in f:
            continue
        labels = f.get(SKOS.prefLabel, [])
        english = [str(o) for o in labels if getattr(o, "language", None) in (None, "en")] or list(map(str, labels))
        if not english:
            continue
        alt = [str(o) for p in (SKOS.altLabel, SKOS.hiddenLabel) for o in f.get(p, ())
               if getattr(o, "language", None) in (None, "en")]
        out.append({"iri": str(subject), "label": sorted(english)[0], "alt": alt,
                    "broader": [str(o) for o in f.get(SKOS.broader, ())],
                    "type": "technology" if KG.Technology in f.get(RDF.type, ()) else "skill"})
    return out


def _csv_concepts(path) -> list[dict]:
    import csv
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        return []
    columns = set(rows[0])
    if {"conceptUri", "broaderUri"} <= columns:  # ESCO broader relations
        return [{"iri": r["conceptUri"], "broader": [r["broaderUri"]]} for r in rows if r.get("broaderUri")]
    if {"conceptUri", "preferredLabel"} <= columns:  # ESCO skills
        return [{"iri": r["conceptUri"], "label": r["preferredLabel"].strip(),
                 "alt": [a.strip() for a in (r.get("altLabels") or "").splitlines() if a.strip()],
                 "broader": [], "type": "skill"} for r in rows if r.get("preferredLabel")]
    if {"id", "label"} <= columns:
        def split(value):
            return [v.strip() for v in re.split(r"[|;]", value or "") if v.strip()]
        return [{"id": r["id"].strip(), "label": r["label"].strip(), "alt": split(r.get("alt_labels")),
                 "broader": split(r.get("broader")),
                 "type": "technology" if (r.get("type") or "").strip().lower() == "technology" else "skill"}
                for r in rows if r.get("id") and r.get("label")]
    raise ValueError("unrecognised CSV: expected columns id,label,alt_labels,broader,type or ESCO's")


def import_triples(records: list[dict], existing: Taxonomy, source: str, version: str) -> tuple[list, ImportReport]:
    """Triples merging imported concepts into a taxonomy, with their source and version.

    A concept whose preferred label we already have is merged: its other labels become labels of
    ours (and skos:exactMatch records the correspondence); a label another concept owns is skipped,
    so the matcher never has to choose between two concepts for one word.
    """
    from rdflib.namespace import DCTERMS, OWL
    report = ImportReport()
    owner = dict(existing._by_label)
    triples = []
    iris: dict[str, URIRef] = {}

    def iri_of(record) -> URIRef:
        key = record.get("iri") or record.get("id")
        if key not in iris:  # a CSV id lives in the import's own namespace: it can't clash with ours
            iris[key] = URIRef(key) if ":" in key else SKILL[f"{slug(source)}/{slug(key)}"]
        return iris[key]

    for record in records:
        if "label" not in record:
            continue
        mine = owner.get(record["label"].casefold())
        node = concept_iri(mine[0]) if mine else iri_of(record)
        if mine:
            report.merged += 1
            if node != iri_of(record):
                triples.append((node, SKOS.exactMatch, iri_of(record)))
        else:
            report.added += 1
            triples += [(node, RDF.type, SKOS.Concept),
                        (node, RDF.type, KG.Technology if record.get("type") == "technology" else KG.Skill),
                        (node, SKOS.prefLabel, Literal(record["label"], lang="en")),
                        (node, DCTERMS.source, Literal(source)), (node, OWL.versionInfo, Literal(version))]
            owner[record["label"].casefold()] = [concept_id(node)]
        for label in record.get("alt", ()):
            holder = owner.get(label.casefold())
            if holder and holder != [concept_id(node)]:
                report.skipped_labels.append(label)
                continue
            owner[label.casefold()] = [concept_id(node)]
            triples.append((node, SKOS.altLabel, Literal(label, lang="en")))
    for record in records:
        for parent in record.get("broader", ()):
            target = iris.get(parent) or (URIRef(parent) if ":" in parent else concept_iri(
                existing._by_label.get(parent.casefold(), [slug(parent)])[0]))
            mine = owner.get(record.get("label", "").casefold())
            node = concept_iri(mine[0]) if mine else iri_of(record)
            triples.append((node, SKOS.broader, target))
    return triples, report


def taxonomy_graph_name(source: str) -> URIRef:
    """Where an imported taxonomy lives in the store (under the built-in taxonomy's graph name)."""
    from .ontology import GRAPH
    return URIRef(f"{GRAPH.taxonomy}/{slug(source)}")


def add_taxonomy(store, path, source: str, version: str) -> ImportReport:
    """Import a taxonomy file into the store (replacing an earlier import of the same source)."""
    graph = taxonomy_graph_name(source)
    others = [t for t in store.imported_taxonomies(exclude=graph)]
    triples, report = import_triples(read_concepts(path), load_taxonomy(others), source, version)
    from .index import maintained  # here: kg.index reads kg.lookup, which reads this module
    with maintained(store):  # the index keeps labels and the closure too: refreshed after the write
        store.replace_graphs({graph: [(s, p, o, graph) for s, p, o in triples]})
        store.refresh_closure()
    return report
