"""Skills and technologies: taxonomy labels found in the text, filtered by context, plus candidates.

Patterns are generated from the SKOS taxonomy (every prefLabel and altLabel, with hyphen, space and
plural variants), so adding a synonym is a data change. Case matters only where the taxonomy says so
(Spark, Go, Triton) or for short acronyms (NER, TF). A mention does not count for a person when its
sentence is an aspiration ("seeking to learn Rust") or a comparison ("3x faster than Spark"). A sentence
wrapped onto the next line of a plain-text file is one unit, as it is in a PDF or a web page.
"""

import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from spacy.attrs import IS_SPACE, LOWER, ORTH
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..taxonomy import Concept, Taxonomy, candidate_concept, label_variants
from .layout import Evidence, Layout, Line, evidence
from .patterns import one_of

# What labels a list of technologies: "Languages:", "Tech stack -".
LIST_LABELS = (r"skills?", "technologies", "technology", r"tech(?:nical)?\s+stack", "stack", "tools?", "languages",
               "frameworks", "libraries", "platforms", "software", "environment", r"technologies\s+used",
               r"tools\s+used", "programming", "databases", "cloud", "expertise", r"proficient\s+in",
               r"familiar\s+with", r"experience\s+with")
LIST_LABEL = re.compile(rf"\b{one_of(LIST_LABELS)}\s*[:\-–]", re.I)
# The last letter of a list label and its colon or dash, as re.I matches them: a cheap test that spares
# most lines the slow case-insensitive search for a label.
_LABEL_END = re.compile(r"[slykSLYKetdghnETDGHN\u017f\u212a]\s*[:\-–]")
ASPIRATIONS = ("seeking", r"looking\s+to", r"aspir\w+", r"hop(?:e|ing)\s+to", r"want\s+to", r"wish\s+to",
               r"would\s+like\s+to", r"eager\s+to", r"keen\s+to", r"plan(?:ning)?\s+to", r"interested\s+in\s+learning",
               "ideally", r"goal\s+is\s+to", r"learning\s+more\s+about")
_ASPIRATION = re.compile(rf"\b{one_of(ASPIRATIONS)}\b", re.I)
_COMPARED_BEFORE = re.compile(
    r"(?:\b(?:than|versus|vs\.?|compared\s+(?:to|with)|comparable|relative\s+to|instead\s+of|rather\s+than|"
    r"alternative\s+to|similar\s+to)|\b(?:speedup|speed-up|faster|slower|better|improvement|gains?|reduction|"
    r"savings|advantage|lift)\s+(?:\w+\s+)?over)\s+(?:[\w.+#-]+\s+){0,2}$", re.I)
_COMPARED_AFTER = re.compile(r"^\s*(?:-\s*)?(?:equivalent|alternative|like\b|-like|style)", re.I)
# A part of every phrase the two patterns above look for, in lowercased text: a cheap test that spares most
# mentions the case-insensitive search (slow in Python's re). Where a part holds an "i" or "s" it also takes
# what re.I matches there and lowercasing does not give: "ı", "İ" (lowercased "i̇") and the long "ſ".
_ASPIRATION_PART = re.compile(r"eek|ook|a[sſ]p|hop|want|w(?:[iı]|i̇)[sſ]h|ould|eager|keen|plan|tere|deall|goal|"
                              r"learn")
_COMPARED_PART = re.compile(r"than|ver|v[sſ]|compar|relat|tead|altern|lar")
LIST_KEY = "list:"  # patterns from kg:listLabel, kept only inside explicit lists
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9&.+#/-]{0,5}s?$")
_CANDIDATE_STOP = re.compile(r"\b(?:internal|various|others?|etc|misc\w*|and more|proprietary|in-house|tools?|"
                             r"frameworks?|libraries|languages?|skills?|including|such as|years?|experience)\b", re.I)


class SkillMention(NamedTuple):
    """A taxonomy concept (or a candidate) named in the text; a named tuple, built fast (sixty a document)."""

    concept: Concept
    start: int
    end: int
    line: int
    section: str
    evidence: Evidence


def _pattern_tokens(nlp, forms: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Each form's tokens as (ORTH, LOWER) hashes, the values a PhraseMatcher stores of a pattern.
    Thousands of patterns are tokenized in one pass: whitespace-separated chunks tokenize
    independently, so one call over the newline-joined forms equals one call per form, without its
    overhead; and no Doc or Token object is made per form (24k Docs took longer than tokenizing)."""
    big = nlp.make_doc("\n".join(forms))
    newline = nlp.vocab.strings["\n"]
    tokens: dict[str, list[tuple[int, int]]] = {}
    forms_iter = iter(forms)
    current: list[tuple[int, int]] = []
    for orth, lower, space in big.to_array([ORTH, LOWER, IS_SPACE]).tolist():
        if orth == newline:
            tokens[next(forms_iter)] = current
            current = []
        elif not space:
            current.append((orth, lower))
    tokens[next(forms_iter)] = current
    return tokens


def _case_sensitive(concept: Concept, label: str) -> bool:
    return concept.case_sensitive or bool(_ACRONYM.match(label))


class SkillMatcher:
    """PhraseMatchers built from a taxonomy: one on lowercase text, one on exact text."""

    def __init__(self, nlp, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        lower: dict[str, list] = {}
        exact: dict[str, list] = {}
        for concept in taxonomy.concepts.values():
            if concept.candidate:
                continue
            labels = [(label, concept.id) for label in concept.labels]
            labels += [(label, LIST_KEY + concept.id) for label in concept.list_labels]
            for label, key in labels:
                for form in label_variants(label):
                    target = exact if _case_sensitive(concept, form) else lower
                    target.setdefault(key, []).append(form)
        self.longest = 1  # tokens in the longest pattern
        # per matcher (by the hash it matches on: ORTH 0, LOWER 1), the tokens a pattern goes on after
        # ("distributed") and those it goes on with ("systems")
        self.inner: dict[int, set[int]] = {}
        self.later: dict[int, set[int]] = {}
        for table, matcher, attr in ((lower, self.lower, 1), (exact, self.exact, 0)):  # (ORTH, LOWER)[attr]
            tokens = _pattern_tokens(nlp, sorted({form for forms in table.values() for form in forms}))
            self.longest = max([self.longest] + [len(t) for t in tokens.values()])
            self.inner[attr] = {token[attr] for t in tokens.values() for token in t[:-1]}
            self.later[attr] = {token[attr] for t in tokens.values() for token in t[1:]}
            # a PhraseMatcher takes a pattern as a Doc or as the sequence of its tokens' attribute hashes
            keywords = {form: [token[attr] for token in t] for form, t in tokens.items() if t}
            for key, forms in table.items():
                matcher.add(key, [keywords[form] for form in sorted(set(forms)) if form in keywords])
        # a match's key (its string's hash) → the concept and whether only a list may name it that way
        self.meaning = {nlp.vocab.strings[key]: (taxonomy[key.removeprefix(LIST_KEY)], key.startswith(LIST_KEY))
                        for table in (lower, exact) for key in table}

    def __call__(self, doc: Doc, breaks: list[int] = ()) -> list[tuple[Concept, bool, int, int]]:
        """(concept, named by a list label, start, end offset) of the matches in the doc, the longest where
        they overlap; `breaks` are the offsets of soft line breaks, which a match may cross
        ("distributed\\n  systems")."""
        found = self.lower(doc) + self.exact(doc)
        for offset in breaks:
            found += self._across(doc, doc.char_span(offset, offset + 1, alignment_mode="expand").start)
        meaning = self.meaning
        return [(*meaning[key], doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
                for key, start, end in _longest(found)]

    def _across(self, doc: Doc, gap: int) -> list[tuple[int, int, int]]:
        """Matches crossing the whitespace token doc[gap]: the tokens around it, matched without it.
        (Whitespace is a token of its own in spaCy, so no pattern matches across a line break.)
        None unless a pattern goes on after the token before the gap with the token after it: most
        breaks are spared building a Doc and matching it."""
        if not 0 < gap < len(doc) - 1 or not doc[gap].is_space or not self._joins(doc[gap - 1], doc[gap + 1]):
            return []
        lo, hi = max(0, gap - self.longest + 1), min(len(doc), gap + self.longest)
        tokens = [i for i in range(lo, hi) if i != gap]
        window = Doc(doc.vocab, words=[doc[i].text for i in tokens])
        cut = gap - lo  # window tokens before the gap
        return [(key, tokens[start], tokens[end - 1] + 1) for matcher in (self.lower, self.exact)
                for key, start, end in matcher(window) if start < cut < end]

    def _joins(self, before, after) -> bool:
        """Could a pattern hold `before` and then `after`, as the lowercase or the exact patterns see them?"""
        return (before.lower in self.inner[1] and after.lower in self.later[1]
                or before.orth in self.inner[0] and after.orth in self.later[0])


def _longest(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """spaCy's filter_spans on (key, start, end) matches, without making a Span of each: of
    overlapping matches the first longest wins; in order of start."""
    ranked = sorted(matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
    seen: set[int] = set()
    kept = []
    for match in ranked:
        if match[1] not in seen and match[2] - 1 not in seen:  # filter_spans checks the ends only
            kept.append(match)
            seen.update(range(match[1], match[2]))
    return sorted(kept, key=lambda m: m[1])


def in_list(line: Line, text: str, start: int, end: int) -> bool:
    """Is text[start:end] an item of an explicit list ("Languages: C, R, Go", a skills section)?"""
    if line.section == "skills":
        return True
    lo, hi = line.paragraph
    if _labelled(text, lo, hi, start):
        return True
    before = text[max(lo, start - 3):start].strip()
    after = text[end:min(hi, end + 3)].strip()
    return (before[-1:] in ",|;/(" or before.lower().endswith("and")) and (not after or after[:1] in ",|;/)")


def _labelled(text: str, lo: int, hi: int, start: int) -> bool:
    """Does a list label ("Tech:", "Tools -") in text[lo:hi] come before `start`?"""
    labels = _list_labels(text, lo, hi)
    return bool(labels) and labels[0].end() <= start


def _list_labels(text: str, start: int, end: int) -> list[re.Match]:
    """The list labels ("Tools:", "Tech stack -") in text[start:end]."""
    return list(LIST_LABEL.finditer(text, start, end)) if _LABEL_END.search(text, start, end) else []


@lru_cache(maxsize=1024)
def _aspiration(quote: str) -> bool:
    """Does the sentence state a wish ("keen to learn Rust")? Asked once per sentence, not per mention."""
    return bool(_ASPIRATION_PART.search(quote.lower()) and _ASPIRATION.search(quote))


def _counts_for_person(text: str, line: Line, quote: Evidence, start: int, end: int) -> bool:
    if _aspiration(quote.quote):
        return False
    before = text[max(line.paragraph[0], start - 60):start]
    if _COMPARED_PART.search(before.lower()) and _COMPARED_BEFORE.search(before):
        return False
    return not _COMPARED_AFTER.match(text[end:end + 20])


def find_skills(doc: Doc, layout: Layout, matcher: SkillMatcher) -> list[SkillMention]:
    text = layout.text
    starts = [ln.start for ln in layout.lines]
    found = []
    for concept, list_label, start, end in matcher(doc, [line.start - 1 for line in layout.lines if line.wrapped]):
        line = layout.lines[bisect_right(starts, start) - 1]
        if line.section == "benefits" or line.section == "courses" and not in_list(line, text, start, end):
            continue  # a course taken is weak evidence of a skill; a list of tools is not
        if (concept.list_only or list_label) and not in_list(line, text, start, end):
            continue
        quote = evidence(text, line, start, end)
        if layout.kind == "resume" and not _counts_for_person(text, line, quote, start, end):
            continue
        found.append(SkillMention(concept, start, end, line.index, line.section, quote))
    if layout.kind == "resume":
        found += _action_skills(layout, matcher.taxonomy)
    return found + _candidates(layout, found)


# What a sentence's first verb says about the person, when no skill is named: "Led the migration…"
# shows leadership as surely as the word "leadership" would.
ACTION_SKILLS = (
    (re.compile(r"(?:led|leading|lead|headed|spearheaded|directed)\b", re.I), "technical-leadership"),
    (re.compile(r"(?:managed|managing|manage|built and managed|hired and managed)\b(?=(?:\W+\w+){0,6}?\W+"
                r"(?:teams?|engineers|researchers|scientists|people|group|reports|org)\b)", re.I),
     "engineering-management"),
    (re.compile(r"(?:mentored|mentoring|mentor(?:ed)? and)\b", re.I), "mentoring"),
)
_ACTION_INITIALS = "LHSDMB"  # a sentence starts with a capital; the verbs above start with these
# Where a sentence starts: at the line's start, or after a stop, a bullet or a bar; past any bullet.
_LINE_START = re.compile(r"[ \t]*(?:[-*•▪o][ \t]+)?(?=[A-Z])")
_AFTER_STOP = re.compile(r"[.;!?•|][ \t]*(?:[-*•▪o][ \t]+)?(?=[A-Z])")


def _sentence_starts(text: str, line: Line) -> list[tuple[int, bool]]:
    """(offset of its first capital, whether it opens the line) of each sentence of a line.

    Two scans that the regex engine runs fast, rather than one trying every character; a sentence
    that opens the line and follows a stop ("• Led") counts once, as opening it.
    """
    first = _LINE_START.match(text, line.start, line.end)
    starts = {first.end(): True} if first else {}
    for m in _AFTER_STOP.finditer(text, line.start, line.end):
        starts.setdefault(m.end(), False)
    return sorted(starts.items())


def _action_skills(layout: Layout, taxonomy: Taxonomy) -> list[SkillMention]:
    """Skills shown by what a bullet or sentence says the person did (resumes only)."""
    text = layout.text
    out = []
    for line in layout.lines:
        if line.blank or line.heading or line.section not in ("experience", "summary", "header", "projects",
                                                               "activities"):
            continue
        for at, opens_line in _sentence_starts(text, line):
            if text[at] not in _ACTION_INITIALS:
                continue
            if line.wrapped and opens_line and not layout.lines[line.index - 1].text.endswith((".", ";", "!", "?")):
                continue  # a soft break inside a sentence starts none
            for pattern, cid in ACTION_SKILLS:
                m = pattern.match(text, at, line.end)
                if m and cid in taxonomy.concepts:
                    out.append(SkillMention(taxonomy[cid], m.start(), m.end(), line.index, line.section,
                                            evidence(text, line, m.start(), m.end())))
    return out


_INLINE_LABEL = re.compile(r"^[\s|*#•-]*([A-Za-z][\w &/()-]{0,30}?)\s*:")
# Spoken languages and proficiency words fill "Languages:" lines too; they are not technologies.
_SPOKEN = re.compile(
    r"^(?:english|spanish|french|german|japanese|chinese|mandarin|cantonese|hindi|portuguese|italian|korean|"
    r"arabic|russian|dutch|swedish|norwegian|danish|finnish|polish|turkish|tamil|telugu|kannada|marathi|"
    r"bengali|gujarati|punjabi|malayalam|urdu|vietnamese|thai|indonesian|malay|hebrew|greek|czech|romanian|"
    r"hungarian|ukrainian|persian|farsi|swahili|tagalog|filipino|catalan|basque)\b|"
    r"\b(?:native|fluent|fluency|bilingual|proficient|proficiency|conversational|intermediate|beginner|basic)\b",
    re.I)


def _list_spans(layout: Layout, line: Line) -> list[tuple[int, int]]:
    """The parts of a line that are items of an explicit list, as offset ranges.

    "Tools: a, b Languages: c" gives the text after each label; in a skills section a comma list
    is a list; a table row's first cell is its category ("| Backend | Go, Rust |"); a line under
    another label ("Interests: …", "Hobbies: …") is not a list of technologies.
    """
    text = layout.text
    labels = _list_labels(text, line.start, line.end)
    if not labels:
        if line.section != "skills" or "," not in line.text:
            return []
        inline = _INLINE_LABEL.match(line.text)
        if inline and not LIST_LABEL.search(inline.group(0)):
            return []
        if line.cells is not None:
            cells = [m for m in re.finditer(r"[^|]+", text[line.start:line.end]) if m.group(0).strip()]
            return [(line.start + m.start(), line.start + m.end()) for m in cells[1:]] if len(cells) > 1 else []
        return [(line.start, line.end)]
    ends = [m.start() for m in labels[1:]] + [line.end]
    return [(m.end(), end) for m, end in zip(labels, ends)]


_ITEM = re.compile(r"[^,;|•]+")
_PAREN_TAIL = re.compile(r"\s*\(.*$")


def _candidates(layout: Layout, found: list[SkillMention]) -> list[SkillMention]:
    """Items of explicit lists that the taxonomy lacks: new concepts flagged for review."""
    text = layout.text
    taken = bytearray(len(text))  # 1 where a mention is
    for m in found:
        taken[m.start:m.end] = b"\1" * (m.end - m.start)
    out = []
    for line in layout.lines:
        for begin, end in _list_spans(layout, line):
            for m in _ITEM.finditer(text[begin:end]):
                raw = m.group(0)
                item = _PAREN_TAIL.sub("", raw.strip()).strip(" .:[]*_-–")  # "Japanese (native)" → "Japanese"
                if ":" in item:
                    item = item.rsplit(":", 1)[1].strip()
                offset = raw.find(item) if item else -1
                if offset < 0:
                    continue
                item_start = begin + m.start() + offset
                item_end = item_start + len(item)
                if taken.find(1, item_start, item_end) >= 0 or not _candidate_item(item):
                    continue
                concept = candidate_concept(item)
                out.append(SkillMention(concept, item_start, item_end, line.index, line.section,
                                        evidence(text, line, item_start, item_end)))
                taken[item_start:item_end] = b"\1" * len(item)
    return out


def _candidate_item(item: str) -> bool:
    """A plausible technology name: short, named (capital letter or digit), not a generic phrase.

    >>> [_candidate_item(s) for s in ["Spinnaker", "Internal tools", "and many more", "Dagster 1.5", "x"]]
    [True, False, False, True, False]
    >>> [_candidate_item(s) for s in ["English", "German (native", "Backend & data", "Frontend", "Soft Skills"]]
    [False, False, False, True, False]
    """
    words = item.split()
    if not 1 <= len(words) <= 3 or not 2 <= len(item) <= 40 or _CANDIDATE_STOP.search(item):
        return False
    if not re.match(r"[A-Za-z0-9.]", item) or item.lower() in ("and", "or", "etc") or _SPOKEN.search(item):
        return False
    if "(" in item or " & " in item or re.search(r"\b(?:and|or|of|with|for|the)\b", item):
        return False
    return any(c.isupper() or c.isdigit() for c in item) and not item.endswith(".")


def without_employers(found: list[SkillMention], layout: Layout, employers: list[str]) -> list[SkillMention]:
    """The mentions less those that name the person's employer where the resume says whom they worked
    for ("Senior Engineer, Databricks, 2019 – present"): working at Databricks is not evidence of knowing
    the Databricks platform. Bullets, skills sections and labelled lists still count ("Migrated the lake
to Databricks", "Stack: Databricks, dbt"); a header's commas do not make it a list."""
    names = [f" {_words(name)} " for name in employers if name]
    if not names:
        return found
    text, lines = layout.text, layout.lines
    kept = []
    for m in found:
        line = lines[m.line]
        if not line.bullet and line.section != "skills" and not _labelled(text, line.start, line.end, m.start):
            said, where = f" {_words(text[m.start:m.end])} ", f" {_words(line.text)} "
            if any(said in name and name in where for name in names):
                continue
        kept.append(m)
    return kept


def _words(text: str) -> str:
    """Lowercase words, one space apart: names compared whatever their punctuation."""
    return " ".join(re.findall(r"[\w+#.&-]+", text.lower()))


# A role named as the people someone works with, for or leads ("partnered with product managers", "a team
# of data scientists", "managing researchers and ML engineers") names colleagues, not a skill of the person
# or of the job; "backend engineer with ten years", "promoted to backend engineer" still describe the person,
# and "hiring a backend engineer", "looking for a project manager" the job.
_ROLE_NOUN = re.compile(r"(?:managers?|owners?|masters?|engineers?|developers?|analysts?|architects?|designers?|"
                        r"scientists?|leads?|researchers?)$", re.I)
_WORKING_WITH = re.compile(r"\b(?:with|alongside|among|between|across|by|of|manag(?:e|es|ed|ing)|led|leading|"
                           r"mentored|mentoring|coached|coaching|supervised|supervising)\s+(?:(?!as\b)[\w/&,-]+\s+){0,5}$", re.I)


def without_colleagues(found: list[SkillMention], layout: Layout) -> list[SkillMention]:
    """The mentions less the roles of the people someone works with or for (a skill's alias names
    its practitioners: "product manager" for product management)."""
    text = layout.text
    kept = []
    for m in found:
        if _ROLE_NOUN.search(text, m.start, m.end):
            line = layout.lines[m.line]
            if _WORKING_WITH.search(text[max(line.paragraph[0], m.start - 60):m.start]):
                continue
        kept.append(m)
    return kept
