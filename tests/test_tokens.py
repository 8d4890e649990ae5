"""kg.extract.tokens: the tokenizer's cheaper searches find what spaCy's own find, and the chunks it
caches give the same tokens, on strings made to hit the pieces' edges (the whole corpus, seeds,
examples and SkillSpan texts were compared token by token when they were written)."""

import random

import pytest
import spacy

from kg.extract.tokens import InfixFinditer, PrefixSearch, SuffixSearch, use_faster_affixes


@pytest.fixture(scope="module")
def tokenizers():
    nlp = spacy.blank("en")
    use_faster_affixes(nlp)
    return spacy.blank("en").tokenizer, nlp.tokenizer


def _strings(tokenizer, count: int, seed: int = 11):
    """Short strings of letters, digits, spaces, newlines and the characters the pieces start or end with."""
    edges = sorted(set(tokenizer.prefix_search.table) | set(tokenizer.suffix_search.table)
                   | set(tokenizer.infix_finditer.table))
    rng = random.Random(seed)
    plain = list("abcsmgtkKMGTAUSCFéßжя019°²$'’\"-.,:/ \n\t") + ["US$", "km/h", "'s", "...", "C++", "a.m."]
    for _ in range(count):
        yield "".join(rng.choice(plain if rng.random() < 0.6 else edges) for _ in range(rng.randint(1, 10)))


def test_searches_are_in_place(tokenizers):
    _, ours = tokenizers
    assert isinstance(ours.prefix_search, PrefixSearch)
    assert isinstance(ours.suffix_search, SuffixSearch)
    assert isinstance(ours.infix_finditer, InfixFinditer)


def test_same_matches(tokenizers):
    theirs, ours = tokenizers
    for text in _strings(ours, 30_000):
        for name in ("prefix_search", "suffix_search"):
            a, b = getattr(theirs, name)(text), getattr(ours, name)(text)
            assert (a and a.span()) == (b and b.span()), (name, text)
        assert [m.span() for m in theirs.infix_finditer(text)] == [m.span() for m in ours.infix_finditer(text)], text


def test_same_tokens(tokenizers):
    theirs, ours = tokenizers
    words = list(_strings(ours, 20_000, seed=12))
    rng = random.Random(13)
    for i in range(0, len(words), 40):
        text = "".join(w + rng.choice(" \n  ") for w in words[i:i + 40])
        assert [(t.text, t.whitespace_, t.norm_) for t in ours(text)] == \
            [(t.text, t.whitespace_, t.norm_) for t in theirs(text)]


def test_cached_chunks_same_tokens(tokenizers):
    """Chunks cached by ChunkCache (each tokenized alone) give the tokens documents give them."""
    from kg.extract.tokens import ChunkCache
    theirs, _ = tokenizers
    nlp = spacy.blank("en")
    use_faster_affixes(nlp)
    cache = ChunkCache(nlp.tokenizer)
    words = list(_strings(nlp.tokenizer, 4_000, seed=14)) + ["C++", "Inc.", "—", "don't", "U.S.", ":)", "e.g.", "'s"]
    rng = random.Random(15)
    texts = [" ".join(rng.choice(words) for _ in range(60)) for _ in range(200)]
    for text in texts:
        cache(nlp.make_doc(text))
    assert len(cache.seen) > 1000
    for text in texts:
        assert [(t.text, t.whitespace_, t.norm_) for t in nlp.tokenizer(text)] == \
            [(t.text, t.whitespace_, t.norm_) for t in theirs(text)]
