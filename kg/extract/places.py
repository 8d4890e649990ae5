"""Places: recognise "City, ST, Country" locations and split them off entry lines."""

import re
from functools import lru_cache

from ..ontology import data_path


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """Lowercased surface form → kind (country, region, city, remote), from kg/data/places.tsv."""
    places = {}
    rows = data_path("kg.data", "places.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for row in rows:
        cols = row.split("\t")
        if len(cols) >= 2 and cols[0].strip():
            places.setdefault(cols[0].strip().lower(), cols[1].strip())
    return places


_WORK_MODE = re.compile(r"\s*\((?:remote|hybrid|on-?site)\)$", re.I)


@lru_cache(maxsize=8192)
def place_kind(text: str) -> str | None:
    """The kind of a single place name (kept: entry lines ask about the same words many times).

    >>> place_kind("CA"), place_kind("india"), place_kind("Bengaluru"), place_kind("Acme")
    ('region', 'country', 'city', None)
    """
    text = _WORK_MODE.sub("", text.strip()).strip(" .()[]")
    if len(text) == 2 and not text.isupper():
        return None  # "in", "me", "or" are words; "IN", "ME", "OR" are states
    text = text.lower()
    if text in ("remote", "hybrid", "anywhere", "worldwide"):
        return "remote"
    return _places().get(text)


def _is_unknown_city(part: str) -> bool:
    """Capitalised words that could name a city; "BlueOrbit" or "NovaTech" (capitals inside) name companies."""
    words = part.split()
    return 1 <= len(words) <= 3 and all(w[:1].isupper() and w.replace(".", "").replace("-", "").isalpha()
                                        and not re.search(r"[a-z][A-Z]", w) for w in words)


def _has_city(places: list[str]) -> bool:
    """A location names one city at most: in "Acme, Boston, MA" the unknown first part is not a city."""
    return any(place_kind(p) == "city" for p in places)


_PART_SEPARATOR = re.compile(r",|\s[/|]\s")


def _parts(text: str) -> list[str]:
    return [p.strip() for p in _PART_SEPARATOR.split(text)]


def find_location(text: str, whole: bool = False) -> str | None:
    """`text` itself if it is a location (whole=True), else None.

    >>> find_location("Mountain View, California.", whole=True), find_location("Los Gatos, CA, US", whole=True)
    ('Mountain View, California', 'Los Gatos, CA, US')
    >>> find_location("CA, USA (Remote)", whole=True), find_location("Machine Learning", whole=True)
    ('CA, USA (Remote)', None)
    >>> find_location("Mountain Springs, CO", whole=True), find_location("Acme, Boston, MA", whole=True)
    ('Mountain Springs, CO', None)
    """
    text = text.strip().rstrip(".").strip()
    if not text or len(text) > 80:
        return None
    rest, location = split_location(text, allow_unknown_city=whole)
    return location if location and not rest else None


@lru_cache(maxsize=8192)
def split_location(text: str, allow_unknown_city: bool = False) -> tuple[str, str | None]:
    """Split a trailing location off a line: (what remains, location or None); kept, as entry lines and
    their pieces are asked about again and again.

    >>> split_location("Microsoft Redmond, WA, US")
    ('Microsoft', 'Redmond, WA, US')
    >>> split_location("Sathyabama Engineering College, Chennai India")
    ('Sathyabama Engineering College', 'Chennai India')
    >>> split_location("Senior Engineer"), split_location("University of Colorado, Boulder")
    (('Senior Engineer', None), ('University of Colorado', 'Boulder'))
    >>> split_location("Dunmore Aerospace, Wichita, KS, USA")
    ('Dunmore Aerospace', 'Wichita, KS, USA')
    """
    original = text
    text = text.strip().rstrip(".").strip()
    parts = _parts(text)
    if not parts or not parts[-1]:
        return original, None
    # the last comma part must end in a known place (possibly "City Country" without a comma)
    last_words = parts[-1].split()
    tail_known = None
    for k in range(min(4, len(last_words)), 0, -1):
        if place_kind(" ".join(last_words[-k:])):
            tail_known = k
            break
    if tail_known is None:
        return original, None
    # grow the location leftwards over comma parts that are places
    kept = [" ".join(last_words[-tail_known:])]
    head_words = last_words[:-tail_known]
    i = len(parts) - 1
    if not head_words:
        while i > 0:
            prev = parts[i - 1]
            words = prev.split()
            known = next((k for k in range(min(4, len(words)), 0, -1) if place_kind(" ".join(words[-k:]))), None)
            if known == len(words):
                kept.insert(0, prev)
                i -= 1
                continue
            if known:
                kept.insert(0, " ".join(words[-known:]))
                head_words = words[:-known]
                i -= 1
            elif _is_unknown_city(prev) and not _has_city(kept) and (
                    allow_unknown_city and i == 1 or place_kind(kept[0]) == "region"):
                kept.insert(0, prev)  # "Wichita, KS": what stands before a state is its city
                i -= 1
            break
    else:
        # "Chennai India": the words before the country in the same part may be a city
        known = next((k for k in range(min(3, len(head_words)), 0, -1)
                      if place_kind(" ".join(head_words[-k:])) == "city"), None)
        if known:
            kept[0] = " ".join(head_words[-known:] + [kept[0]])
            head_words = head_words[:-known]
    remaining = parts[:i] + ([" ".join(head_words)] if head_words else [])
    rest = ", ".join(p for p in remaining if p).strip(" ,-–|")
    # "University of Colorado, Boulder": a place right after "of" belongs to the name
    while kept and re.search(r"\b(?:of|at|de|for|in|du|der|di)$", rest, re.I):
        rest = f"{rest} {kept.pop(0)}"
    return (rest, ", ".join(kept)) if kept else (original, None)
