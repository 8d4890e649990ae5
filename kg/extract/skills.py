"""Skills and technologies: taxonomy labels found in the text, filtered by context, plus candidates.

Patterns are generated from the SKOS taxonomy (every prefLabel and altLabel, with hyphen, space and
plural variants), so adding a synonym is a data change. Case matters only where the taxonomy says so
(Spark, Go, Triton) or for short acronyms (NER, TF). A mention does not count for a person when its
sentence is an aspiration ("seeking to learn Rust") or a comparison ("3x faster than Spark").
"""

import re
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..taxonomy import Concept, Taxonomy, candidate_concept, label_variants
from .layout import Evidence, Layout, Line, evidence

LIST_LABEL = re.compile(
    r"\b(?:skills?|technologies|technology|tech(?:nical)?\s+stack|stack|tools?|languages|frameworks|libraries|"
    r"platforms|software|environment|technologies\s+used|tools\s+used|programming|databases|cloud|"
    r"expertise|proficient\s+in|familiar\s+with|experience\s+with)\s*[:\-–]", re.I)
_ASPIRATION = re.compile(r"\b(?:seeking|looking\s+to|aspir\w+|hop(?:e|ing)\s+to|want\s+to|wish\s+to|"
                         r"would\s+like\s+to|eager\s+to|keen\s+to|plan(?:ning)?\s+to|interested\s+in\s+learning|"
                         r"ideally|goal\s+is\s+to|learning\s+more\s+about)\b", re.I)
_COMPARED_BEFORE = re.compile(
    r"(?:\b(?:than|versus|vs\.?|compared\s+(?:to|with)|comparable|relative\s+to|instead\s+of|rather\s+than|"
    r"alternative\s+to|similar\s+to)|\b(?:speedup|speed-up|faster|slower|better|improvement|gains?|reduction|"
    r"savings|advantage|lift)\s+(?:\w+\s+)?over)\s+(?:[\w.+#-]+\s+){0,2}$", re.I)
_COMPARED_AFTER = re.compile(r"^\s*(?:-\s*)?(?:equivalent|alternative|like\b|-like|style)", re.I)
LIST_KEY = "list:"  # patterns from kg:listLabel, kept only inside explicit lists
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9&.+#/-]{0,5}s?$")
_CANDIDATE_STOP = re.compile(r"\b(?:internal|various|others?|etc|misc\w*|and more|proprietary|in-house|tools?|"
                             r"frameworks?|libraries|languages?|including|such as|years?|experience)\b", re.I)


@dataclass(frozen=True)
class SkillMention:
    concept: Concept
    start: int
    end: int
    line: int
    section: str
    evidence: Evidence


def _pattern_docs(nlp, forms: list[str]) -> dict:
    """Tokenize thousands of patterns in one pass: whitespace-separated chunks tokenize independently,
    so one call over the newline-joined forms equals one call per form, without its overhead."""
    big = nlp.make_doc("\n".join(forms))
    docs, words, spaces = {}, [], []
    forms_iter = iter(forms)
    for token in big:
        if token.text == "\n":
            docs[next(forms_iter)] = Doc(nlp.vocab, words=words, spaces=spaces)
            words, spaces = [], []
        elif not token.is_space:
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
    docs[next(forms_iter)] = Doc(nlp.vocab, words=words, spaces=spaces)
    return docs


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
        for table, matcher in ((lower, self.lower), (exact, self.exact)):
            docs = _pattern_docs(nlp, sorted({form for forms in table.values() for form in forms}))
            for key, forms in table.items():
                matcher.add(key, [docs[form] for form in sorted(set(forms))])

    def __call__(self, doc: Doc) -> list[Span]:
        spans = [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in self.lower(doc)]
        spans += [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in self.exact(doc)]
        return filter_spans(spans)


def in_list(line: Line, text: str, start: int, end: int) -> bool:
    """Is text[start:end] an item of an explicit list ("Languages: C, R, Go", a skills section)?"""
    if line.section == "skills":
        return True
    label = LIST_LABEL.search(text, line.start, line.end)
    if label and label.end() <= start:
        return True
    before = text[max(line.start, start - 3):start].strip()
    after = text[end:min(line.end, end + 3)].strip()
    return (before[-1:] in ",|;/(" or before.lower().endswith("and")) and (not after or after[:1] in ",|;/)")


def _counts_for_person(text: str, line: Line, quote: Evidence, start: int, end: int) -> bool:
    if _ASPIRATION.search(quote.quote):
        return False
    if _COMPARED_BEFORE.search(text[max(line.start, start - 60):start]):
        return False
    return not _COMPARED_AFTER.match(text[end:end + 20])


def find_skills(doc: Doc, layout: Layout, matcher: SkillMatcher) -> list[SkillMention]:
    text = layout.text
    starts = [ln.start for ln in layout.lines]
    found = []
    for span in matcher(doc):
        list_label = span.label_.startswith(LIST_KEY)
        concept = matcher.taxonomy[span.label_.removeprefix(LIST_KEY)]
        start, end = span.start_char, span.end_char
        line = layout.lines[_line_at(starts, start)]
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
_SENTENCE_START = re.compile(r"(?:^|(?<=[.;!?•])|(?<=\|))[ \t]*(?:[-*•▪o][ \t]+)?(?=[A-Z])", re.M)


def _action_skills(layout: Layout, taxonomy: Taxonomy) -> list[SkillMention]:
    """Skills shown by what a bullet or sentence says the person did (resumes only)."""
    text = layout.text
    out = []
    for line in layout.lines:
        if line.blank or line.heading or line.section not in ("experience", "summary", "header", "projects",
                                                               "activities"):
            continue
        for start in _SENTENCE_START.finditer(text, line.start, line.end):
            for pattern, cid in ACTION_SKILLS:
                m = pattern.match(text, start.end(), line.end)
                if m and cid in taxonomy.concepts:
                    out.append(SkillMention(taxonomy[cid], m.start(), m.end(), line.index, line.section,
                                            evidence(text, line, m.start(), m.end())))
    return out


def _line_at(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


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
    labels = list(LIST_LABEL.finditer(text, line.start, line.end))
    inline = _INLINE_LABEL.match(line.text)
    if not labels:
        if line.section != "skills" or "," not in line.text or (inline and not LIST_LABEL.search(inline.group(0))):
            return []
        if line.cells is not None:
            cells = [m for m in re.finditer(r"[^|]+", text[line.start:line.end]) if m.group(0).strip()]
            return [(line.start + m.start(), line.start + m.end()) for m in cells[1:]] if len(cells) > 1 else []
        return [(line.start, line.end)]
    ends = [m.start() for m in labels[1:]] + [line.end]
    return [(m.end(), end) for m, end in zip(labels, ends)]


def _candidates(layout: Layout, found: list[SkillMention]) -> list[SkillMention]:
    """Items of explicit lists that the taxonomy lacks: new concepts flagged for review."""
    text = layout.text
    taken = [(m.start, m.end) for m in found]
    out = []
    for line in layout.lines:
        for begin, end in _list_spans(layout, line):
            for m in re.finditer(r"[^,;|•]+", text[begin:end]):
                raw = m.group(0)
                item = re.sub(r"\s*\(.*$", "", raw.strip()).strip(" .:[]*_-–")  # "Japanese (native)" → "Japanese"
                if ":" in item:
                    item = item.rsplit(":", 1)[1].strip()
                offset = raw.find(item) if item else -1
                if offset < 0:
                    continue
                item_start = begin + m.start() + offset
                item_end = item_start + len(item)
                if not _candidate_item(item) or any(s < item_end and item_start < e for s, e in taken):
                    continue
                concept = candidate_concept(item)
                out.append(SkillMention(concept, item_start, item_end, line.index, line.section,
                                        evidence(text, line, item_start, item_end)))
                taken.append((item_start, item_end))
    return out


def _candidate_item(item: str) -> bool:
    """A plausible technology name: short, named (capital letter or digit), not a generic phrase.

    >>> [_candidate_item(s) for s in ["Spinnaker", "Internal tools", "and many more", "Dagster 1.5", "x"]]
    [True, False, False, True, False]
    >>> [_candidate_item(s) for s in ["English", "German (native", "Backend & data", "Frontend"]]
    [False, False, False, True]
    """
    words = item.split()
    if not 1 <= len(words) <= 3 or not 2 <= len(item) <= 40 or _CANDIDATE_STOP.search(item):
        return False
    if not re.match(r"[A-Za-z0-9.]", item) or item.lower() in ("and", "or", "etc") or _SPOKEN.search(item):
        return False
    if "(" in item or " & " in item or re.search(r"\b(?:and|or|of|with|for|the)\b", item):
        return False
    return any(c.isupper() or c.isdigit() for c in item) and not item.endswith(".")
