"""The vocabulary, shapes and taxonomy files: parseable, consistent with the code, big and clean enough."""

import collections

import pytest
from rdflib import OWL, RDF, Graph
from rdflib.namespace import SKOS

from kg.ontology import KG, data_path


def _graph(name):
    return Graph().parse(data_path("kg.data.ontology", name), format="turtle")


def test_kg_namespace_matches_kg_ttl():
    g = _graph("kg.ttl")
    declared = {str(s)[len(str(KG._NS)):] for s in g.subjects(RDF.type, None) if str(s).startswith(str(KG._NS))}
    assert declared == set(KG.__annotations__)


def test_shapes_parse_and_target_our_classes():
    shapes = _graph("shapes.ttl")
    sh = Graph().namespace_manager.expand_curie
    targets = {str(o) for o in shapes.objects(None, sh("sh:targetClass"))}
    for cls in (KG.Document, KG.Position, KG.Education):
        assert str(cls) in targets
    assert KG.quote in set(shapes.objects(None, sh("sh:targetSubjectsOf")))  # evidence carries no rdf:type


def test_taxonomy_integrity(taxonomy):
    g = _graph("skills.ttl")
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 600
    labels = collections.defaultdict(set)
    for c in concepts:
        assert len(list(g.objects(c, SKOS.prefLabel))) == 1, c
        assert len({KG.Skill, KG.Technology} & set(g.objects(c, RDF.type))) == 1, c
        for b in g.objects(c, SKOS.broader):
            assert b in concepts, (c, b)
        for p in (SKOS.prefLabel, SKOS.altLabel, KG.listLabel):
            for label in g.objects(c, p):
                labels[str(label).casefold()].add(c)
    shared = {label: cs for label, cs in labels.items() if len(cs) > 1}
    assert not shared, f"labels on two concepts: {list(shared)[:10]}"


@pytest.mark.parametrize("name", [
    "BigBird", "Wav2Vec2", "Llama", "ResNet", "speculative decoding", "continuous batching", "flash attention",
    "quantization", "distributed training", "model serving", "TPU", "GPU", "H100", "AWS Inferentia",
    "AWS Trainium", "AWS Neuron", "CUDA", "OpenCL", "XLA", "OpenXLA", "MLIR", "Triton", "Triton Inference Server",
    "Spark", "Kafka", "Flink", "Hadoop", "Iceberg", "Elasticsearch", "recommender systems", "Python", "Rust",
    "PyTorch", "Pytorch", "HuggingFace", "TPU v3-8", "Tensor Processing Unit", "JAX", "Kubernetes", "leadership",
])
def test_taxonomy_knows(taxonomy, name):
    assert taxonomy.lookup(name), f"{name!r} is not a label of any concept"


def test_triton_language_and_server_are_distinct(taxonomy):
    assert taxonomy.lookup("Triton") != taxonomy.lookup("Triton Inference Server")


def test_broader_closure(taxonomy):
    [framework] = taxonomy.lookup("deep learning frameworks")
    below = taxonomy.narrower_closure(framework)
    assert set(taxonomy.lookup("PyTorch")) <= below and set(taxonomy.lookup("JAX")) <= below


def test_organizations_gazetteer():
    from kg.organizations import known_org
    assert known_org("AWS").name == known_org("Amazon Web Services").name
    assert known_org("eBay Inc").name == known_org("eBay").name
    assert known_org("Google DeepMind").parent == known_org("Google").key
