"""Stated facts: the person, positions and education a structured file (a JSON Resume) gives in its
fields, as mentions; no rule reads them back from the text written from them, whose lines are their
evidence."""

from ..documents import Entry
from .contacts import find_contacts
from .education import EducationMention
from .layout import Evidence, Layout, evidence
from .people import PersonMention, name_from_handles
from .positions import PositionMention


def _headline(layout: Layout, entry: Entry) -> Evidence:
    return evidence(layout.text, layout.lines[entry.lines[0]])


def stated_person(entries: tuple[Entry, ...], layout: Layout) -> PersonMention:
    """The person as stated; contacts as the contact extractor reads the person's own lines, so they
    are checked and written as in any document (an "email" that is no address is left out)."""
    entry = next((e for e in entries if e.kind == "person"), None)
    if entry is None:
        return PersonMention()
    fields = dict(entry.fields)
    first, last = layout.lines[entry.lines[0]], layout.lines[entry.lines[1]]
    contacts = find_contacts(layout.text[first.start:last.end], url_zone=last.end - first.start)
    person = PersonMention(name=fields.get("name"), emails=contacts.emails, phones=contacts.phones,
                           urls=contacts.urls, location=fields.get("location"))
    if person.name:
        person.evidence = _headline(layout, entry)
    elif inferred := name_from_handles(contacts.handles):
        person.name, person.name_inferred = inferred, True
    return person


def stated_positions(entries: tuple[Entry, ...], layout: Layout) -> list[PositionMention]:
    """One position per job, however alike two jobs are; a job naming neither employer nor title names
    no role, as in text."""
    return [PositionMention(**dict(e.fields), evidence=_headline(layout, e), lines=e.lines) for e in entries
            if e.kind == "position" and {"employer", "title"} & dict(e.fields).keys()]


def stated_education(entries: tuple[Entry, ...], layout: Layout) -> list[EducationMention]:
    """One degree per education entry naming a school or a degree, as in text."""
    return [EducationMention(**dict(e.fields), evidence=_headline(layout, e)) for e in entries
            if e.kind == "education" and {"institution", "degree"} & dict(e.fields).keys()]
