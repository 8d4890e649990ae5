"""Generate a benchmark corpus of fictional resumes and job postings for `kg build`.

    python benchmarks/corpus.py N OUT_DIR [--seed S] [--postings-share 0.1]

Writes N documents, about 90% resumes and 10% job postings, as OUT_DIR/000/r0000000.txt,
OUT_DIR/000/j0000001.md, ... with 1,000 files per folder: `r` marks a resume, `j` a posting, and
the extension follows the layout (nine resume layouts, two posting layouts, in .txt or .md).
People are fictional: e-mail addresses are on example.com/.org/.net and unique per person,
except that about 2% of resumes are a second resume of an earlier person (same name and
e-mail, another layout, sometimes an older version without the latest position). Employers,
universities, cities and skills are drawn with Zipf-like skew from benchmarks/corpus_data.py.
Each document is written as soon as it is made, so memory stays flat for any N.

Determinism: document i depends only on (seed, i, postings share). It draws from its own
random.Random seeded with the string "seed:doc:i"; the person of a resume from "seed:person:j";
the few choices that look at other documents (is document j a posting? is resume i a second
resume, and of whom?) are hashes of (seed, j). Dates count back from the fixed month AS_OF, never
from the clock. So the same N and seed give byte-identical files (with the same Python version,
whose random module is the one source of randomness), and the first N documents of a larger
corpus with the same seed and share are exactly the corpus of N documents. Files already in
OUT_DIR are overwritten when their names come up again and otherwise left alone, so use a fresh
OUT_DIR.
"""

import argparse
import hashlib
import random
import re
import sys
import time
import unicodedata
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import corpus_data as data

AS_OF = 2025 * 12 + 4  # May 2025, in months since year 0: "Present" and every date count back from it
SHARD_SIZE = 1000
REPEAT_SHARE = 0.02
MIN_WORDS, MAX_WORDS = 200, 1200
MAX_SPAN = 25 * 12 - 10  # careers fit in the past 25 years

MON = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MON_DOT = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
           "Dec.")
MONTH = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
         "October", "November", "December")


def _split(text: str) -> list[str]:
    """Comma lists in corpus_data keep multi-word names ("de Vries") intact."""
    return [item.strip() for item in text.split(",")]


def _zipf(n: int, offset: float) -> list[float]:
    """Cumulative Zipf weights 1/(rank + offset): a few very frequent items and a long tail."""
    return list(accumulate(1.0 / (rank + offset) for rank in range(n)))


CULTURES = [(_split(given), _split(surnames)) for given, surnames in data.NAME_CULTURES.values()]
CULTURE_CUM = list(accumulate(len(given) for given, _ in CULTURES))
CITY_CUM = _zipf(len(data.CITIES), 3)
EMPLOYERS = [entry.split("|") for entry in data.EMPLOYERS]
EMPLOYER_CUM = _zipf(len(EMPLOYERS), 5)
UNIVERSITY_CUM = _zipf(len(data.UNIVERSITIES), 4)
TRACKS = {key: bases for key, _, bases in data.TRACKS}
TRACK_KEYS = list(TRACKS)
TRACK_CUM = list(accumulate(share for _, share, _ in data.TRACKS))


def _skill_weight(tags: list[str], track: str, rank: int) -> float:
    """Zipf-like over the list's order (Python first, the long tail last), scaled by how central the
    skill is to the track: core ("mobile!", ranked as if among the first 20) 36, tagged 12, any track
    ("*") 2.5, other tracks 0.1."""
    if f"{track}!" in tags:
        return 36.0 / (min(rank, 20) + 5)
    return (12.0 if track in tags else 2.5 if "*" in tags else 0.1) / (rank + 5)


_SKILL_ROWS = [[part.strip() for part in line.split("|")] for line in data.SKILLS.strip().splitlines()]
SKILLS = [(label, group) for label, group, _ in _SKILL_ROWS]
# Each skill's tags as written plus, for a core tag "mobile!", the plain track "mobile".
_SKILL_TAGS = [tags.split() + [tag[:-1] for tag in tags.split() if tag.endswith("!")]
               for _, _, tags in _SKILL_ROWS]
SKILL_CUM = {track: list(accumulate(_skill_weight(tags, track, rank)
                                    for rank, tags in enumerate(_SKILL_TAGS)))
             for track in TRACK_KEYS}
# A person lists at most 3/4 of their track's skills, so that few off-track ones fill the list.
TRACK_MAX_SKILLS = {track: sum(track in tags or "*" in tags for tags in _SKILL_TAGS) * 3 // 4
                    for track in TRACK_KEYS}
GROUP_ORDER = "LWMADBCOHTS"
# Which skill groups fill a template slot: {l1} language, {t1} any tool, {p1} platform or store...
SLOT_GROUPS = {"l": "L", "t": "LWMADBCOH", "p": "CBD", "b": "B", "k": "T", "s": "S"}
NOT_WRITTEN_IN = {"SQL", "HTML", "CSS"}  # languages, but nobody "wrote services in SQL"


# Numbers (inclusive ranges) and phrases that bullets draw afresh each time they are used.
NUMBERS = {"pct": (12, 70), "small": (2, 15), "n": (2, 900), "n2": (10, 60), "few": (3, 8),
           "users": (1, 120), "money": (40, 900), "lo": (82, 94), "hi": (97, 99), "weeks": (3, 12),
           "hours": (2, 12), "minutes": (5, 55), "secs": (2, 50), "cov_lo": (20, 55), "cov_hi": (70, 95)}
PHRASES = {"metric": data.METRICS, "kpi": data.KPIS, "legacy": data.LEGACY,  # first two by track
           "gpus": ("64", "128", "256", "512", "1,024", "2,048"), "s_hi": ("2.8", "3.4", "4.1", "5.6"),
           "s_lo": ("0.9", "1.2", "1.6")}


def _slots(template: str) -> tuple[str, dict[str, int], list[str]]:
    """A template, how many skills of each slot kind it needs ({"t": 2, "k": 1}), and which
    numbers and phrases it uses (so a bullet draws only those)."""
    needs: dict[str, int] = {}
    for kind, _ in dict.fromkeys(re.findall(r"\{([ltpbks])(\d)\}", template)):
        needs[kind] = needs.get(kind, 0) + 1
    fillers = [name for name in dict.fromkeys(re.findall(r"\{(\w+)\}", template))
               if name in NUMBERS or name in PHRASES]
    return template, needs, fillers


BULLETS = [_slots(template) for template in data.BULLETS]
TRACK_BULLETS = {track: [_slots(template) for template in templates]
                 for track, templates in data.TRACK_BULLETS.items()}
SUMMARIES = [_slots(template) for template in data.SUMMARIES]
RESPONSIBILITIES = [_slots(template) for template in data.RESPONSIBILITIES]


@dataclass(slots=True)
class Position:
    """One job; "thing" is what the bullets say the person worked on."""
    title: str
    employer: str
    city: str
    start: int  # months since year 0
    end: int | None  # None: present
    thing: str


@dataclass(slots=True)
class Education:
    """One degree."""
    level: int  # 0 bachelor, 1 master, 2 doctorate
    degree: str
    field: str
    institution: str
    city: str
    start: int  # year
    end: int


@dataclass(slots=True)
class Person:
    """Everything one original resume says, before it is laid out; a second resume reuses it."""
    name: str
    email: str
    phone: str
    city: str
    links: list[str]
    track: str
    positions: list[Position]  # newest first
    education: list[Education]  # newest first
    skills: list[tuple[str, str]]  # (label, group)
    certifications: list[str]
    verbosity: float  # 0..1, drives document length, number of positions and of skills
    us: bool


@dataclass(slots=True)
class Style:
    """Formatting choices of one document, drawn once so that re-rendering gives the same look."""
    bullet: str
    date: str
    present: str
    dash: str
    wrap: int  # 0: one line per bullet
    heading: int
    period: bool
    sep: str
    links: int
    md: bool


# ---- randomness -------------------------------------------------------------------------------

def _unit(seed: int, index: int, tag: str) -> float:
    """A uniform number in [0, 1) fixed by (seed, index, tag): cross-document choices without state."""
    digest = hashlib.blake2b(f"{seed}:{tag}:{index}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def is_posting(seed: int, index: int, share: float) -> bool:
    """Whether document `index` is a job posting."""
    return _unit(seed, index, "kind") < share


def _is_repeat(seed: int, index: int) -> bool:
    """Whether resume `index` (index > 0) is a second resume of an earlier person."""
    return index > 0 and _unit(seed, index, "repeat") < REPEAT_SHARE


def person_index(seed: int, index: int, share: float) -> int:
    """The document whose person resume `index` describes: itself, or an earlier original resume."""
    if not _is_repeat(seed, index):
        return index
    earlier = int(_unit(seed, index, "earlier") * index)
    while earlier >= 0 and (is_posting(seed, earlier, share) or _is_repeat(seed, earlier)):
        earlier -= 1
    return earlier if earlier >= 0 else index


def _pick(rng: random.Random, items, cum: list[float]):
    """One item drawn with the cumulative weights `cum`."""
    return rng.choices(items, cum_weights=cum)[0]


def _draw_skills(rng: random.Random, track: str, count: int) -> list[tuple[str, str]]:
    """`count` distinct skills, skewed toward popular ones and the track's own."""
    chosen: dict[str, str] = {}
    while len(chosen) < count:
        for label, group in rng.choices(SKILLS, cum_weights=SKILL_CUM[track], k=2 * count):
            chosen.setdefault(label, group)
            if len(chosen) == count:
                break
    return list(chosen.items())


# ---- people -----------------------------------------------------------------------------------

def _ascii(text: str) -> str:
    """Lower-case ASCII letters of a name, for e-mail addresses and handles."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(data.ASCII_FOLD.get(char, char) for char in text)
    return re.sub(r"[^a-z]", "", text.encode("ascii", "ignore").decode())


def _email_number(index: int) -> int:
    """A short number unique to each original resume: a bijective scramble within growing tiers."""
    low = 0
    for high in (10_000, 1_000_000, 100_000_000):
        if index < high:
            return low + ((index - low) * 7919 + 2718) % (high - low)
        low = high
    return index


def _city_label(rng: random.Random, city: tuple) -> str:
    """How a resume writes a city: "Austin, TX", "Berlin, Germany", "Pune, Maharashtra, India"."""
    name, region, country, _ = city
    if country in ("US", "Canada") or (region and country == "Australia" and rng.random() < 0.5):
        return f"{name}, {region}"
    if country == name:
        return name
    if region and rng.random() < 0.4:
        return f"{name}, {region}, {country}"
    return f"{name}, {country}"


def _phone(rng: random.Random, city: tuple) -> str:
    """A fictional 555-01xx number in the local style."""
    prefix, line = city[3], f"555-01{rng.randrange(100):02d}"
    if prefix.startswith("+"):
        return f"{prefix} {line}"
    form = rng.randrange(4)
    if form == 0:
        return f"({prefix}) {line}"
    if form == 1:
        return f"{prefix}-{line}"
    if form == 2:
        return f"+1 ({prefix}) {line}"
    return f"{prefix}.{line.replace('-', '.')}"


def _career(rng: random.Random, track: str, city: str, verbosity: float) -> list[Position]:
    """1-6 non-overlapping positions, newest first, with rising seniority and the odd promotion."""
    count = min(6, max(1, 1 + int(verbosity * 6 + rng.uniform(-0.6, 1.4))))
    durations = [4 + int(66 * rng.betavariate(1.3 + 1.5 * verbosity, 2.4)) for _ in range(count)]
    gaps = [0 if rng.random() < 0.6 else rng.randint(1, 5) for _ in range(count)]
    intern = count >= 2 and rng.random() < 0.22
    if intern:
        durations[-1], gaps[-2] = 3, rng.randint(0, 12)
    end = AS_OF if rng.random() < 0.8 else AS_OF - rng.randint(1, 8)
    while end - sum(durations) - sum(gaps) < AS_OF - MAX_SPAN:
        durations = [max(3, d * 3 // 4) for d in durations]
    spans = []
    for duration, gap in zip(durations, gaps):
        spans.append((end - duration + 1, end))
        end -= duration + gap
    career_start = spans[-2 if intern else -1][0]

    bases = TRACKS[track]
    main_base = rng.choice(bases)
    positions: list[Position] = []
    level = 0
    for k in range(count - 1, -1, -1):  # oldest first, so seniority only rises
        start, stop = spans[k]
        if intern and k == count - 1:
            title = f"{data.INTERN_AREAS[track]} Intern"
        else:
            years = (start - career_start) / 12
            level = min(5, max(level, 1 + (years >= 2) + (years >= 5) + (years >= 9) + (years >= 14)
                               + (rng.random() < 0.2)))
            base = main_base if rng.random() < 0.8 else rng.choice(bases)
            title = f"{rng.choice(data.SENIORITY[level])} {base}".strip()
            if k == 0 and level >= 4 and rng.random() < 0.12:
                title = data.MANAGER_TITLES[min(level - 4 + rng.randrange(3), 3)]
        if positions and rng.random() < 0.22 and not title.endswith("Intern"):  # a promotion
            employer, place = positions[-1].employer, positions[-1].city
        else:
            names = _pick(rng, EMPLOYERS, EMPLOYER_CUM)
            employer = names[0] if len(names) == 1 or rng.random() < 0.85 else rng.choice(names[1:])
            place = city if rng.random() < 0.7 else _city_label(rng, _pick(rng, data.CITIES, CITY_CUM))
        positions.append(Position(title, employer, place, start, None if stop == AS_OF else stop,
                                  rng.choice(data.THINGS[track])))
    positions.reverse()
    if rng.random() < 0.06:
        positions[0].city = f"{positions[0].city} (Remote)"
    return positions


def _education(rng: random.Random, track: str, career_start: int) -> list[Education]:
    """1-3 degrees finished before the first job, newest first; research tracks hold more PhDs."""
    research = track in ("mlsys", "nlp", "cv", "speech")
    roll = rng.random()
    levels = [0]
    if roll < (0.2 if research else 0.06):
        levels = [0, 1, 2] if rng.random() < 0.6 else [0, 2]
    elif roll < (0.6 if research else 0.4):
        levels = [0, 1]
    field = rng.choice(data.FIELDS)
    end = career_start // 12 - (career_start % 12 < 5)
    entries: list[Education] = []
    for level in reversed(levels):
        name, place, style = _pick(rng, data.UNIVERSITIES, UNIVERSITY_CUM)
        degree = rng.choice(data.DEGREES.get(style, data.DEGREE_DEFAULT)[level])
        length = (4 if style in ("us", "in") else rng.choice((3, 4)), rng.choice((1, 2)), 5)[level]
        if level and rng.random() < 0.4:
            field = rng.choice(data.FIELDS)
        entries.append(Education(level, degree, field, name, place, end - length, end))
        end -= length
    return entries


def make_person(seed: int, index: int) -> Person:
    """The person of original resume `index`, the same every time it is asked for."""
    rng = random.Random(f"{seed}:person:{index}")
    given_names, surnames = _pick(rng, CULTURES, CULTURE_CUM)
    given = rng.choice(given_names)
    if rng.random() < 0.15:
        surnames = _pick(rng, CULTURES, CULTURE_CUM)[1]
    surname = rng.choice(surnames)
    first, last, number = _ascii(given), _ascii(surname), _email_number(index)
    local = rng.choice((f"{first}.{last}", f"{first}{last}", f"{first[0]}{last}", f"{first}_{last}",
                        f"{last}.{first}", f"{first}.{last[0]}"))
    email = f"{local}{number}@{rng.choice(data.E_MAIL_DOMAINS)}"
    city = _pick(rng, data.CITIES, CITY_CUM)
    city_label = _city_label(rng, city)
    track = _pick(rng, TRACK_KEYS, TRACK_CUM)
    verbosity = rng.betavariate(1.6, 3.4)
    positions = _career(rng, track, city_label, verbosity)
    first_job = positions[-2 if len(positions) > 1 and positions[-1].title.endswith("Intern") else -1]
    education = _education(rng, track, first_job.start)
    skill_count = min(TRACK_MAX_SKILLS[track],
                      8 + int(32 * min(1.0, max(0.0, verbosity + rng.uniform(-0.12, 0.12)))))
    links = [f"linkedin.com/in/{first}-{last}-example", f"github.com/{first[0]}{last}-example",
             f"{first}{last}.example.net"]
    rng.shuffle(links)
    certifications = rng.sample(data.CERTIFICATIONS, rng.randint(1, 2)) if rng.random() < 0.15 else []
    return Person(f"{given} {surname}", email, _phone(rng, city), city_label, links, track, positions,
                  education, _draw_skills(rng, track, skill_count), certifications, verbosity,
                  city[2] == "US")


# ---- text helpers -----------------------------------------------------------------------------

def _wrap(text: str, width: int, indent: str = "", first: str = "") -> str:
    """Hard-wrap like a PDF-to-text export (greedy, at spaces only, so no skill name is split)."""
    if not width:
        return first + text
    words = text.split(" ")
    lines, current = [], first + words[0]
    for word in words[1:]:
        if len(current) + 1 + len(word) > width:
            lines.append(current)
            current = indent + word
        else:
            current += " " + word
    lines.append(current)
    return "\n".join(lines)


def _join(items: list[str], conjunction: str = "and") -> str:
    """"a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _date(month: int, style: str) -> str:
    """One month in the document's date style."""
    year, m = divmod(month, 12)
    if style == "mon":
        return f"{MON[m]} {year}"
    if style == "mon.":
        return f"{MON_DOT[m]} {year}"
    if style == "month":
        return f"{MONTH[m]} {year}"
    if style == "num":
        return f"{m + 1:02d}/{year}"
    if style == "iso":
        return f"{year}-{m + 1:02d}"
    if style == "apos":
        return f"{MON[m]} '{year % 100:02d}"
    if style == "apos-tight":
        return f"{MONTH[m] if len(MONTH[m]) <= 5 else MON[m]}'{year % 100:02d}"
    return str(year)


def _range(position: Position, style: Style, dash: str | None = None) -> str:
    """A position's dates: "Jan. 2019 - May 2021", "2019–present", "Mar '22 - Present"."""
    end = style.present if position.end is None else _date(position.end, style.date)
    return f"{_date(position.start, style.date)}{dash or style.dash}{end}"


def _years(entry: Education, dash: str) -> str:
    """Degrees are dated in years only, as most resumes do."""
    return f"{entry.start}{dash}{entry.end}"


def _degree(entry: Education, joiner: str = " in ") -> str:
    """"M.S. in Statistics" or, with joiner " ", "M.S. Statistics"."""
    return f"{entry.degree}{joiner}{entry.field}"


def _heading(style: Style, *variants: str) -> str:
    """The document's pick among equivalent headings ("SUMMARY" or "PROFILE")."""
    return variants[style.heading % len(variants)]


def _grouped(person: Person, style: Style) -> list[tuple[str, list[str]]]:
    """Skills grouped under headings ("Languages", "Data", ...), languages first, topics last."""
    groups: dict[str, list[str]] = {}
    for label, group in person.skills:
        groups.setdefault(group, []).append(label)
    return [(data.GROUP_HEADINGS[g][style.heading % 3], groups[g]) for g in GROUP_ORDER if g in groups]


def _skills_colon(person: Person, style: Style, bullet: str = "", align: bool = False) -> list[str]:
    """"Languages:       Java, Scala" lines, optionally aligned and bulleted, wrapped when long."""
    grouped = _grouped(person, style)
    width = max(len(heading) for heading, _ in grouped) + 2 if align else 0
    lines = []
    for heading, labels in grouped:
        head = f"{heading}:".ljust(width) if align else f"{heading}: "
        lines.append(_wrap(", ".join(labels), style.wrap and 92, "  ", f"{bullet}{head}"))
    return lines


def _skills_flat(person: Person, style: Style) -> list[str]:
    """Tools on one wrapped paragraph, topics on another, the way many plain resumes list them."""
    tools = [label for label, group in person.skills if group != "T"]
    topics = [label for label, group in person.skills if group == "T"]
    return [_wrap(", ".join(part), 90) for part in (tools, topics) if part]


def _contact(person: Person, style: Style, *, city: bool = True) -> str:
    """The contact line: city, e-mail, phone and zero to two profile links."""
    items = ([person.city] if city else []) + [person.email, person.phone] + person.links[:style.links]
    return style.sep.join(items)


# ---- bullets and summary ----------------------------------------------------------------------

class Mentions:
    """Hands skills out to template slots so that most of a person's skills get mentioned."""

    def __init__(self, rng: random.Random, skills: list[tuple[str, str]]):
        self.rng = rng
        self.unused = rng.sample([label for label, _ in skills], len(skills))
        self.eligible = {kind: [label for label, group in skills if group in groups
                                and not (kind == "l" and label in NOT_WRITTEN_IN)]
                         for kind, groups in SLOT_GROUPS.items()}

    def usable(self, templates: list[tuple]) -> list[tuple]:
        """The templates whose skill slots these skills can fill."""
        return [template for template in templates
                if all(len(self.eligible[kind]) >= count for kind, count in template[1].items())]

    def _take(self, kind: str, taken: list[str]) -> str:
        """An unmentioned skill that fits the slot if any is left, else any that fits."""
        eligible = self.eligible[kind]
        for n, label in enumerate(self.unused):
            if label in eligible and label not in taken:
                del self.unused[n]
                return label
        return self.rng.choice([label for label in eligible if label not in taken] or eligible)

    def fill(self, template: str, needs: dict[str, int], **values) -> str:
        """The template with its skill slots ({t1}, {k2}, ...) and the given `values` filled in."""
        taken: list[str] = []
        for kind in "lbskpt":  # narrow slots first, so that "any tool" does not use up the only language
            for n in range(1, needs.get(kind, 0) + 1):
                taken.append(self._take(kind, taken))
                values[f"{kind}{n}"] = taken[-1]
        return template.format(**values)


class Writer:
    """Writes one person's summary and bullets from the templates their skills can fill."""

    def __init__(self, rng: random.Random, person: Person):
        self.rng, self.person = rng, person
        self.mentions = Mentions(rng, person.skills)
        self.general = self.mentions.usable(BULLETS)  # never empty: some bullets name no skill
        self.own = self.mentions.usable(TRACK_BULLETS.get(person.track, []))

    def bullet(self, thing: str, used: set[str]) -> str:
        """One achievement line, not repeating a template already used in the same position."""
        rng = self.rng
        templates = self.own if self.own and rng.random() < 0.3 else self.general
        template, needs, fillers = rng.choice([t for t in templates if t[0] not in used] or templates)
        used.add(template)
        values = {"thing": thing}
        random_ = rng.random  # random() scaled by hand: randint() is the generator's hot spot
        for name in fillers:
            if name in NUMBERS:
                low, high = NUMBERS[name]
                values[name] = low + int(random_() * (high - low + 1))
            else:
                phrases = PHRASES[name]
                phrases = phrases[self.person.track] if isinstance(phrases, dict) else phrases
                values[name] = phrases[int(random_() * len(phrases))]
        return self.mentions.fill(template, needs, **values)

    def summary(self) -> str:
        """The profile paragraph (one template names no skill, so there is always one that fits)."""
        person = self.person
        role = person.positions[0].title
        years = max(1, (AS_OF - person.positions[-1].start) // 12)
        template, needs, _ = self.rng.choice(self.mentions.usable(SUMMARIES))
        return self.mentions.fill(template, needs, role=role, a_role=_article(_lower_title(role)),
                                  years=years, years_text=f"{years} year{'s' * (years > 1)}",
                                  thing=person.positions[0].thing, closing=self.rng.choice(data.CLOSINGS))


def _lower_title(title: str) -> str:
    """"Senior ML Engineer" -> "senior ML engineer": lower-case all but acronyms and "iOS"."""
    return " ".join(word if sum(c.isupper() for c in word) > 1 else word.lower()
                    for word in title.split())


def _article(phrase: str) -> str:
    """"an ML engineer", "a senior data scientist", "an iOS engineer"."""
    word = phrase.split()[0]
    acronym = sum(c.isupper() for c in word) > 1
    vowel = word[0].upper() in "AEFHILMNORSX" if acronym else word[0].lower() in "aeio"
    return f"{'an' if vowel else 'a'} {phrase}"


def _lines(bullets: list[str], style: Style, indent: str = "", cont: str | None = None) -> list[str]:
    """Bullets with the document's marker, trailing period and wrapping."""
    marker = f"{indent}{style.bullet} "
    cont = " " * len(marker) if cont is None else cont
    return [_wrap(text if style.period else text.rstrip("."), style.wrap, cont, marker)
            for text in bullets]


# ---- resume layouts ---------------------------------------------------------------------------
# Each layout turns (person, summary, bullets per position, style) into text; none draws randomness.

def _md_sections(p: Person, summary: str, bullets: list[list[str]], st: Style) -> str:
    """# Name / ## Experience / ### Title, Company - City / dates line / - bullets."""
    out = [f"# {p.name}", ""]
    if st.heading % 2:
        out += [f"**{p.positions[0].title}**"]
    experience = _heading(st, "Experience", "Work Experience", "Professional Experience")
    out += [_contact(p, st), "", _wrap(summary, st.wrap), "", f"## {experience}", ""]
    for position, items in zip(p.positions, bullets):
        out += [f"### {position.title}, {position.employer} - {position.city}", _range(position, st),
                *_lines(items, st), ""]
    out += ["## Education", ""]
    for entry in p.education:
        out += [f"### {_degree(entry)}, {entry.institution} - {entry.city}", _years(entry, st.dash), ""]
    out += ["## Skills", ""]
    out += [f"- **{heading}:** {', '.join(labels)}" for heading, labels in _grouped(p, st)]
    if p.certifications:
        out += ["", "## Certifications", "", *(f"- {name}" for name in p.certifications)]
    return "\n".join(out)


def _plain_caps(p: Person, summary: str, bullets: list[list[str]], st: Style) -> str:
    """ALL-CAPS headings; "Company  City" / "Title" / "Jan. 2019 - May 2021"."""
    out = [p.name.upper(), _contact(p, st), "", _heading(st, "SUMMARY", "PROFILE"),
           _wrap(summary, st.wrap), "", _heading(st, "PROFESSIONAL EXPERIENCE", "EXPERIENCE", "WORK HISTORY"),
           ""]
    for position, items in zip(p.positions, bullets):
        out += [f"{position.employer}  {position.city}", position.title, _range(position, st),
                *_lines(items, st), ""]
    out += ["EDUCATION", ""]
    for entry in p.education:
        start, end = (entry.start * 12 + 8, entry.end * 12 + 4)
        out += [f"{entry.institution}  {entry.city}", _degree(entry, " "),
                f"{_date(start, st.date)}{st.dash}{_date(end, st.date)}", ""]
    out += [_heading(st, "TECHNICAL SKILLS", "SKILLS"), *_skills_colon(p, st, align=True)]
    if p.certifications:
        out += ["", "CERTIFICATIONS", *p.certifications]
    return "\n".join(out)


def _job_board(p: Person, summary: str, bullets: list[list[str]], st: Style) -> str:
    """Job-board export: WORK EXPERIENCE, "Company - City, ST", "November 2017 to Present"."""
    out = [p.name, p.positions[0].title, p.city, p.email, p.phone, "", _wrap(summary, st.wrap), ""]
    if p.us:
        out += ["Willing to relocate: " + _heading(st, "Anywhere", "No", "Yes"),
                "Authorized to work in the US for any employer", ""]
    out += ["WORK EXPERIENCE", ""]
    for position, items in zip(p.positions, bullets):
        out += [position.title, f"{position.employer} - {position.city}",
                _range(position, st, " to "), "", *_lines(items, st, cont=""), ""]
    out += ["EDUCATION", ""]
    for entry in p.education:
        out += [f"{data.DEGREE_PLAIN[entry.level]} in {entry.field}",
                f"{entry.institution} - {entry.city}", _years(entry, " to "), ""]
    years = max(1, (AS_OF - p.positions[-1].start) // 12)
    listed = []
    for n, (label, _) in enumerate(p.skills):
        held = max(1, years - (n * 7919 % (years + 1)))  # varied but fixed by position in the list
        listed.append(f"{label} ({'10+ years' if held >= 10 else f'{held} year' + 's' * (held > 1)})")
    out += ["SKILLS", "", _wrap(", ".join(listed), st.wrap)]
    for name in p.certifications:
        out += ["", "CERTIFICATIONS AND LICENSES", "", name]
    return "\n".join(out)


def _pipes(p: Person, summary: str, bullets: list[list[str]], st: Style) -> str:
    """"Title | Company | 2019–2021" entries, in Markdown (bold) or plain text."""
    bold = "**" if st.md else ""
    out = [f"# {p.name}" if st.md else p.name.upper(), "",
           f"{p.positions[0].title} · {_contact(p, st)}" if st.md else _contact(p, st), ""]
    head = (lambda text: f"## {text}") if st.md else str.upper
    out += [head("Summary"), "", _wrap(summary, st.wrap), "", head("Experience"), ""]
    for position, items in zip(p.positions, bullets):
        dates = _range(position, st, "–")
        out += [f"{bold}{position.title} | {position.employer} | {dates}{bold}", "", *_lines(items, st), ""]
    out += [head("Education"), ""]
    for entry in p.education:
        out += [f"{bold}{_degree(entry, ' ')} | {entry.institution} | {_years(entry, '–')}{bold}",
                ""]
    out += [head("Skills"), ""]
    if st.md:
        out += [f"- **{heading}:** {', '.join(labels)}" for heading, labels in _grouped(p, st)]
    else:
        out += _skills_colon(p, st)
    return "\n".join(out)


def _column(left: str, right: str, width: int = 84) -> str:
    """Left text with dates pushed into a right-hand column, at least four spaces apart."""
    return f"{left}{' ' * max(4, width - len(left) - len(right))}{right}"


def _right_column(p: Person, summary: str, bullets: list[list[str]], st: Style) -> str:
    """"Title, Company              Sept 2018 - Current" with the city on the next line."""
    out = [p.name.upper(), p.positions[0].title, _contact(p, st), "", "SUMMARY",
           _wrap(summary, st.wrap), "", "EXPERIENCE", ""]
    for position, items in zip(p.positions, bullets):
        out += [_column(f"{position.title}, {position.employer}", _range(position, st)), position.city,
                *_lines(items, st, "  "), ""]
    out += ["EDUCATION", ""]
    out += [_column(f"{_degree(entry, ' ')}, {entry.institution}", _years(entry, st.dash))
            for entry in p.education]
    out += ["", "SKILLS", *_skills_flat(p, st)]
    return "\n".join(out)


def _one_liner(p: Person, summary: str, bullets: list[list[str]], st: Style) -> str:
    """"Title, Company - City   Mar '22 - Present"; a few leave the name to the e-mail address."""
    out = [] if st.heading == 3 else [p.name]
    out += [_contact(p, st), "", _wrap(summary, st.wrap), "", "Professional Experience", ""]
    gap = " " * (3 + st.heading)
    for position, items in zip(p.positions, bullets):
        head = f"{position.title}, {position.employer} - {position.city}"
        out += [f"{head}{gap}{_range(position, st)}", *_lines(items, st), ""]
    out += ["Education", ""]
    out += [f"{_degree(entry, ' ')}, {entry.institution} - {entry.city}{gap}{_years(entry, st.dash)}"
            for entry in p.education]
    out += ["", "Skills", "", *_skills_colon(p, st)]
    return "\n".join(out)


def _dates_first(p: Person, summary: str, bullets: list[list[str]], st: Style) -> str:
    """Dates line, then title, then "Company, City"."""
    out = [p.name, f"{p.positions[0].title} · {p.city}", _contact(p, st, city=False), "",
           _heading(st, "PROFILE", "SUMMARY"), _wrap(summary, st.wrap), "", "PROFESSIONAL EXPERIENCE",
           ""]
    for position, items in zip(p.positions, bullets):
        out += [_range(position, st), position.title, f"{position.employer}, {position.city}",
                *_lines(items, st), ""]
    out += ["EDUCATION", ""]
    for entry in p.education:
        out += [_years(entry, st.dash), _degree(entry), f"{entry.institution}, {entry.city}", ""]
    out += ["SKILLS", *_skills_colon(p, st, bullet=f"{st.bullet} ")]
    return "\n".join(out)


def _company_dash(p: Person, summary: str, bullets: list[list[str]], st: Style) -> str:
    """"Company — Title (June'21 - Present)"."""
    out = [p.name.upper(), p.positions[0].title, _contact(p, st), "", "About",
           _wrap(summary, st.wrap), "", "Experience", ""]
    for position, items in zip(p.positions, bullets):
        out += [f"{position.employer} — {position.title} ({_range(position, st)})",
                *_lines(items, st), ""]
    out += ["Education", ""]
    out += [f"{entry.institution} — {_degree(entry, ' ')} ({_years(entry, st.dash)})"
            for entry in p.education]
    out += ["", "Skills", *_skills_colon(p, st, bullet=f"{st.bullet} ")]
    return "\n".join(out)


def _md_companies(p: Person, summary: str, bullets: list[list[str]], st: Style) -> str:
    """### Company / _Title_ · City · 2022-01 – present, skills as `code` chips."""
    out = [f"# {p.name}", "", f"**{p.positions[0].title}** · {p.city}", _contact(p, st, city=False), "",
           "---", "", "## Summary", "", _wrap(summary, st.wrap), "", "## Experience", ""]
    for position, items in zip(p.positions, bullets):
        out += [f"### {position.employer}", f"_{position.title}_ · {position.city.split(',')[0]} · "
                f"{_range(position, st, ' – ')}", "", *_lines(items, st), ""]
    out += ["## Education", ""]
    for entry in p.education:
        out += [f"### {entry.institution}", f"_{_degree(entry)}_ · {_years(entry, ' – ')}", ""]
    tools = [label for label, group in p.skills if group != "T"]
    topics = [label for label, group in p.skills if group == "T"]
    out += ["## Skills", "", " ".join(f"`{label}`" for label in tools)]
    if topics:
        out += ["", " · ".join(topics)]
    return "\n".join(out)


# (layout, weight, allowed date styles, allowed bullet markers, Markdown?)
LAYOUTS = (
    (_md_sections, 16, ("mon", "mon."), "-", True),
    (_plain_caps, 16, ("mon.", "mon"), "-•", False),
    (_job_board, 12, ("month",), "-", False),
    (_pipes, 12, ("year",), "-•", None),
    (_right_column, 12, ("mon", "num", "mon."), "-•", False),
    (_one_liner, 10, ("apos", "apos", "apos-tight"), "-•", False),
    (_dates_first, 8, ("mon.", "month"), "–•", False),
    (_company_dash, 7, ("apos-tight",), "▪•", False),
    (_md_companies, 7, ("iso",), "-", True),
)
LAYOUT_CUM = list(accumulate(layout[1] for layout in LAYOUTS))


def _style(rng: random.Random, dates: tuple[str, ...], markers: str, md: bool | None) -> Style:
    """Draw one document's formatting choices."""
    return Style(bullet=rng.choice(markers), date=rng.choice(dates),
                 present=rng.choice(("Present", "Present", "Present", "Current", "present", "Now")),
                 dash=rng.choice((" - ", " - ", " – ", " — ")), wrap=rng.choice((0, 0, 88, 96)),
                 heading=rng.randrange(4), period=rng.random() < 0.8,
                 sep=rng.choice((" | ", "  |  ", " · ")), links=rng.randrange(3),
                 md=rng.random() < 0.5 if md is None else md)


def _cap(position: Position) -> int:
    """How many bullets a position gets at most before the length floor forces more."""
    if position.title.endswith("Intern"):
        return 3
    return min(12, 3 + ((position.end or AS_OF) - position.start) // 5)


def _resume(seed: int, index: int, person: Person, repeat: bool) -> tuple[str, str]:
    """One resume as (extension, text), sized to its person's verbosity within 200-1,200 words."""
    rng = random.Random(f"{seed}:doc:{index}")
    if repeat and len(person.positions) > 1 and rng.random() < 0.5:  # an older version of the resume
        person.positions = person.positions[1:]
        person.positions[0].end = None
    render, _, dates, markers, md = _pick(rng, LAYOUTS, LAYOUT_CUM)
    style = _style(rng, dates, markers, md)
    writer = Writer(rng, person)
    summary = writer.summary()

    positions = person.positions
    target = MIN_WORDS + (MAX_WORDS - MIN_WORDS) * min(1.0, person.verbosity + rng.uniform(-0.05, 0.05))
    fixed = 60 + 9 * len(positions) + 10 * len(person.education) + 1.4 * len(person.skills)
    weights = [1 / (1 + 0.6 * k) for k in range(len(positions))]  # recent jobs get more bullets
    caps, counts = [_cap(position) for position in positions], [1] * len(positions)
    extra = round((target - fixed) / 16) - len(positions)
    for k in rng.choices(range(len(positions)), weights, k=2 * max(0, extra)):
        if extra <= 0:
            break
        if counts[k] < caps[k]:
            counts[k] += 1
            extra -= 1
    used = [set() for _ in positions]
    bullets = [[writer.bullet(position.thing, used[k]) for _ in range(counts[k])]
               for k, position in enumerate(positions)]
    text = render(person, summary, bullets, style)
    words = len(text.split())
    while words < MIN_WORDS:  # short careers: past the caps rather than under the floor
        for k in rng.choices(range(len(positions)), weights, k=1 + (MIN_WORDS - words) // 16):
            bullets[k].append(writer.bullet(positions[k].thing, used[k]))
        text = render(person, summary, bullets, style)
        words = len(text.split())
    while words > MAX_WORDS and max(map(len, bullets)) > 1:
        max(bullets, key=len).pop()
        text = render(person, summary, bullets, style)
        words = len(text.split())
    return (".md" if style.md else ".txt"), text + "\n"


# ---- job postings -----------------------------------------------------------------------------

def _qualifications(rng: random.Random, labels: list[str], most: int, forms: tuple[str, ...],
                    years: tuple[int, int]) -> list[str]:
    """Qualification lines naming every label, one to `most` per line."""
    lines = []
    while labels:
        take = labels[:rng.randint(1, most)]
        labels = labels[len(take):]
        lines.append(rng.choice(forms).format(years=rng.randint(*years), all=_join(take),
                                              any=_join(take, "or")))
    return lines


def _posting(seed: int, index: int) -> tuple[str, str]:
    """One job posting as (extension, text): About the job, Responsibilities, qualifications."""
    rng = random.Random(f"{seed}:doc:{index}")
    track = _pick(rng, TRACK_KEYS, TRACK_CUM)
    org = _pick(rng, EMPLOYERS, EMPLOYER_CUM)[0]
    where = (f"{_city_label(rng, _pick(rng, data.CITIES, CITY_CUM))} "
             f"{rng.choice(('(hybrid)', '(on-site)', 'or Remote', '(hybrid, 3 days in office)'))}")
    level = rng.choices((2, 3, 4, 5), weights=(25, 45, 22, 8))[0]
    title = f"{rng.choice(data.SENIORITY[level])} {rng.choice(TRACKS[track])}".strip()
    team, thing = rng.choice(data.TEAMS[track]), rng.choice(data.THINGS[track])
    n_required = rng.randint(5, 15)
    drawn = _draw_skills(rng, track, n_required + rng.randint(3, 8))  # popular ones tend to come first
    required, preferred = drawn[:n_required], drawn[n_required:]

    about = (f"At {org}, we {rng.choice(data.MISSIONS)}. "
             f"{rng.choice(data.ABOUT_SECOND).format(team=team, thing=thing)} "
             f"We are hiring {_article(title)} to join the {team} team.")
    mentions = Mentions(rng, required)
    duties = [mentions.fill(template, needs, thing=thing, team=team)
              for template, needs, _ in mentions.usable(rng.sample(RESPONSIBILITIES, rng.randint(4, 7)))]
    minimum = [data.DEGREE_LINES[0]] if rng.random() < 0.85 else []
    minimum.append(f"{level + rng.randint(1, 4)}+ years of experience in {data.AREAS[track]}.")
    minimum += _qualifications(rng, [label for label, _ in required], 3, data.REQUIRED_LINES, (2, 6))
    wanted = [data.DEGREE_LINES[1]] if rng.random() < 0.6 else []
    wanted += _qualifications(rng, [label for label, _ in preferred], 2, data.PREFERRED_LINES, (2, 5))

    md = rng.random() < 0.4
    bullet, wrap = rng.choice("-•"), rng.choice((0, 92))
    if md:
        out = [f"# {title}", "", f"**{org}** · {where} · Full-time", ""]
    elif rng.random() < 0.5:
        out = [f"{title} - {org}", f"{where} · Full-time", ""]
    else:
        out = [org, "Careers > Engineering", "", title, where, ""]
    out += ["## About the job" if md else "About the job", "", _wrap(about, wrap), ""]
    for heading, lines in (("Responsibilities", duties), ("Minimum qualifications", minimum),
                           ("Preferred qualifications", wanted)):
        out += [f"## {heading}" if md else heading, "",
                *(_wrap(line, wrap, "  ", f"{bullet} ") for line in lines), ""]
    closing = rng.choice(data.POSTING_CLOSINGS).format(org=org)
    out.append(f"*{closing}*" if md else closing)
    return (".md" if md else ".txt"), "\n".join(out) + "\n"


# ---- corpus -----------------------------------------------------------------------------------

def document(seed: int, index: int, share: float) -> tuple[str, str, str]:
    """Document `index` of the corpus as (kind letter, extension, text)."""
    if is_posting(seed, index, share):
        return ("j", *_posting(seed, index))
    owner = person_index(seed, index, share)
    return ("r", *_resume(seed, index, make_person(seed, owner), owner != index))


def main(argv: list[str] | None = None) -> int:
    """Write the corpus one document at a time and report the totals on stderr."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, metavar="N", help="number of documents")
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postings-share", type=float, default=0.1,
                        help="expected share of job postings (default 0.1)")
    args = parser.parse_args(argv)
    if args.n < 0 or not 0.0 <= args.postings_share <= 1.0:
        parser.error("N must be >= 0 and --postings-share within [0, 1]")
    args.out_dir.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    postings = total = 0
    folder = args.out_dir
    for index in range(args.n):
        if index % SHARD_SIZE == 0:
            folder = args.out_dir / f"{index // SHARD_SIZE:03d}"
            folder.mkdir(parents=True, exist_ok=True)
        kind, ext, text = document(args.seed, index, args.postings_share)
        payload = text.encode()
        (folder / f"{kind}{index:07d}{ext}").write_bytes(payload)
        postings += kind == "j"
        total += len(payload)
    print(f"corpus: {args.n:,} documents ({args.n - postings:,} resumes, {postings:,} postings), "
          f"{total:,} bytes, {time.perf_counter() - started:.1f} s -> {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
