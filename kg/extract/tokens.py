"""spaCy's tokenizer with cheaper affix searches: the same matches, so the same tokens.

The tokenizer runs its regexes on every chunk it has not cached, and it caches none after a
document's first special case ("C++", "Inc.", "—"): a fifth of extraction's time. Each pattern is
an alternation of spaCy's pieces (83 suffixes, 120 prefixes), which `re` tries one by one, at every
position of the chunk for the suffixes (each ends in `$`) and infixes (each starts with a
look-behind, so `re` cannot skip ahead to a likely character). But a match ends with the chunk's
last character (a suffix) or starts with its first (a prefix) or a candidate character (an infix),
and which characters a piece can consume there is read from the parse `re` compiles it from
(`re._parser`). So here each character maps to a pattern of only the pieces that can end (start)
with it, in their order, tried where a match can be:

- prefix: the pieces that can start with the chunk's first character, matched at 0 (each piece is
  anchored at `^`, without MULTILINE: what `search` finds, `match` finds).
- suffix: the pieces that can end with its last character, searched from as far before the end as
  the widest of them reaches (from the start if one is unbounded, `\\.\\.+`); a chunk ending in a
  newline (before which `$` matches too) is searched as before.
- infix: at each character some piece can start with, left to right and past the last match, the
  pieces that can start with it: the leftmost match, as `finditer` finds them.

Look-arounds consume nothing and still see the whole chunk, so the same piece matches the same
span. A pattern that is not spaCy's own from its pieces, or that these rules do not read (flags,
pieces that may consume nothing, classes with categories), keeps spaCy's function.
"""

import re
from re import _constants as C
from re import _parser

from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_FLAGS = re.IGNORECASE | re.LOCALE | re.MULTILINE | re.VERBOSE  # change what a character or anchor matches
_MOST_CHARACTERS = 100_000  # characters a table may map (spaCy's English: about 7,000)


def use_faster_affixes(nlp) -> None:
    """Give `nlp.tokenizer` the equivalent searches below, for each of its patterns they can read."""
    tokenizer, defaults = nlp.tokenizer, nlp.Defaults
    prefixes = ["^" + p for p in defaults.prefixes if p.strip()]
    if _is(tokenizer.prefix_search, compile_prefix_regex(defaults.prefixes)) \
            and (table := _table(prefixes, _first, (C.AT, C.AT_BEGINNING))) is not None:
        tokenizer.prefix_search = PrefixSearch(table)
    suffixes = [p + "$" for p in defaults.suffixes if p.strip()]
    if _is(tokenizer.suffix_search, compile_suffix_regex(defaults.suffixes)) \
            and (table := _table(suffixes, _last, (C.AT, C.AT_END))) is not None:
        tokenizer.suffix_search = SuffixSearch(tokenizer.suffix_search.__self__, table)
    infixes = [p for p in defaults.infixes if p.strip()]
    if _is(tokenizer.infix_finditer, compile_infix_regex(defaults.infixes)) \
            and (table := _table(infixes, _first)) is not None and not any(c.isalnum() for c in table):
        tokenizer.infix_finditer = InfixFinditer(table)


def _is(method, pattern: re.Pattern) -> bool:
    """Whether the tokenizer's function is the method of this pattern, with plain flags and no groups
    (the pieces are regrouped below: a back-reference would then name another group)."""
    own = getattr(method, "__self__", None)
    return isinstance(own, re.Pattern) and own.pattern == pattern.pattern and not own.flags & _FLAGS \
        and own.groups == 0


def _table(pieces: list[str], edge, anchor: tuple | None = None) -> dict | None:
    """Each character some piece can consume at its edge (first or last) → (a pattern of those
    pieces, in order; the widest one's width, None if unbounded). None if a piece's edge is unknown,
    it may consume nothing, or it is not anchored at that edge (`anchor`, where one is needed)."""
    ranges, widths = [], []
    for piece in pieces:
        parsed = _parser.parse(piece)
        at_edge = parsed.data[:1] if edge is _first else parsed.data[-1:]
        if parsed.state.flags & _FLAGS or parsed.getwidth()[0] == 0 or (anchor and at_edge != [anchor]) \
                or (found := edge(parsed.data)) is None:
            return None
        ranges.append(found)
        widths.append(parsed.getwidth()[1])
    if sum(hi - lo + 1 for found in ranges for lo, hi in found) > _MOST_CHARACTERS:
        return None
    chosen: dict[str, list[int]] = {}
    for i, found in enumerate(ranges):
        for lo, hi in found:
            for code in range(lo, hi + 1):
                chosen.setdefault(chr(code), []).append(i)
    compiled: dict[tuple, tuple] = {}
    table = {}
    for char, indexes in chosen.items():
        key = tuple(sorted(set(indexes)))
        if key not in compiled:
            widest = max(widths[i] for i in key)
            compiled[key] = (re.compile("|".join(pieces[i] for i in key)),
                             None if widest >= _parser.MAXREPEAT else widest)
        table[char] = compiled[key]
    return table


class PrefixSearch:
    """`search` of spaCy's prefix pattern: the pieces that can start with the first character."""

    def __init__(self, table: dict):
        self.table = table

    def __call__(self, text: str):
        found = self.table.get(text[:1])
        return None if found is None else found[0].match(text)


class SuffixSearch:
    """`search` of spaCy's suffix pattern: the pieces that can end with the last character, near the end."""

    def __init__(self, pattern: re.Pattern, table: dict):
        self.pattern, self.table = pattern, table

    def __call__(self, text: str):
        if text[-1:] == "\n":
            return self.pattern.search(text)
        found = self.table.get(text[-1:])
        if found is None:
            return None
        pattern, width = found
        return pattern.search(text) if width is None else pattern.search(text, max(0, len(text) - width))


class InfixFinditer:
    """`finditer` of spaCy's infix pattern: at each character a piece can start with, those pieces.
    Built only where no piece starts with a letter or digit: a chunk of nothing else (nine in ten)
    has no match."""

    def __init__(self, table: dict):
        self.table = table
        self.starts = re.compile(_character_class(table))

    def __call__(self, text: str) -> list:
        if text.isalnum() or (first := self.starts.search(text)) is None:
            return []
        found, end, table = [], 0, self.table
        for start in self.starts.finditer(text, first.start()):
            at = start.start()
            if at >= end and (match := table[text[at]][0].match(text, at)) is not None:
                found.append(match)
                end = match.end()
        return found


def _character_class(characters) -> str:
    """A regex class of these characters, as ranges (`re` scans a class of thousands of single
    characters one by one)."""
    runs: list[list[int]] = []
    for code in sorted(map(ord, characters)):
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "[" + "".join(re.escape(chr(lo)) + (f"-{re.escape(chr(hi))}" if hi > lo else "") for lo, hi in runs) + "]"


def _first(items) -> list[tuple[int, int]] | None:
    """The ranges of the first character a subpattern consumes (look-arounds and anchors consume
    none); None where it cannot say: it may consume nothing there, or a construct not read here."""
    return _edge(items, _first)


def _last(items) -> list[tuple[int, int]] | None:
    """The ranges of the last character a subpattern consumes, as _first from the end."""
    return _edge(list(reversed(items)), _last)


def _edge(items, edge) -> list[tuple[int, int]] | None:
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            continue
        if op is C.LITERAL:
            return [(av, av)]
        if op is C.IN:
            return _class(av)
        if op is C.BRANCH:
            found = [edge(alt.data) for alt in av[1]]
            return None if any(f is None for f in found) else [r for f in found for r in f]
        if op is C.SUBPATTERN and not av[1] and av[3].getwidth()[0] > 0:
            return edge(av[3].data)
        if op in _REPEATS and av[0] > 0:
            return edge(av[2].data)
        return None
    return None


def _class(items) -> list[tuple[int, int]] | None:
    """A character class's ranges, if it has only literals and ranges (no negation, no category)."""
    ranges = []
    for op, av in items:
        if op is C.LITERAL:
            ranges.append((av, av))
        elif op is C.RANGE:
            ranges.append(av)
        else:
            return None
    return ranges


class ChunkCache:
    """A pipeline component that has the tokenizer cache each distinct chunk (a run of non-space
    characters) of the documents it sees, up to `size` of them. spaCy caches a document's chunks only
    until its first special case ("C++", "Inc.", "—", on average 60% into the document) and at
    most 10,000 in all, so a worker splits the same words again in every document; a chunk
    tokenized alone is cached (unless it is a special case itself), the same tokens either way."""

    def __init__(self, tokenizer, size: int = 100_000):
        self.tokenizer, self.size, self.seen = tokenizer, size, set()
        tokenizer.max_cache_size = max(tokenizer.max_cache_size, size)

    def __call__(self, doc):
        if len(self.seen) < self.size:
            new = set((doc.user_data.get("text") or doc.text).split()) - self.seen
            self.seen |= new
            for chunk in new:
                self.tokenizer(chunk)
        return doc
