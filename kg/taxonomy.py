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


def load_taxonomy(*extra: Graph) -> Taxonomy:
    """The built-in taxonomy merged with any imported graphs."""
    if not extra:
        return builtin_taxonomy()
    triples = read_turtle(data_path("kg.data.ontology", "skills.ttl"))
    for more in extra:
        triples.extend(more)
    return taxonomy_from_triples(triples)
