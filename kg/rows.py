"""Rows of an answer kept as plain values: the index's columns with the kind of term each is, rdflib
terms made only when a caller reads a row, and text written straight from the values (kg.results).

Making the terms was most of a whole answer's time: an rdflib Literal with a datatype costs 7-9 µs,
so 100,000 rows with two of them spent 1.5 s on terms that the CLI turned back into text.
"""

import datetime as dt
import re
from collections.abc import Sequence

from rdflib import Literal, URIRef

_XSD = "http://www.w3.org/2001/XMLSchema#"
_DATATYPES = {"str": None, "int": _XSD + "integer", "datetime": _XSD + "dateTime", "bool": _XSD + "boolean"}
_UTC_SECOND = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def term(kind: str, value, tag=None):
    """The rdflib term Oxigraph returns (kg.terms.from_ox) for an index value of this kind: "iri",
    "str", "int", "datetime", "bool", "date" (gYear or gYearMonth) or "label" (text and its language
    tag as "@en", or its datatype)."""
    if kind == "iri":
        return URIRef(value)
    if kind == "label":
        return Literal(value, lang=tag[1:]) if tag and tag[0] == "@" else Literal(value, datatype=tag)
    datatype = _DATATYPES[kind] if kind != "date" else _XSD + ("gYearMonth" if len(str(value)) == 7 else "gYear")
    return Literal(str(value), datatype=datatype)  # dates as kg.rdf.date_lit types them


def plain_of(node) -> tuple | None:
    """An rdflib term as (type, text, datatype, language): "uri", "bnode" or "literal"; its text as
    str() gives it; the datatype only when not xsd:string; what the results formats write.

    >>> plain_of(Literal(3))
    ('literal', '3', 'http://www.w3.org/2001/XMLSchema#integer', None)
    """
    if node is None:
        return None
    if isinstance(node, URIRef):
        return ("uri", str(node), None, None)
    if not isinstance(node, Literal):
        return ("bnode", str(node), None, None)
    datatype = str(node.datatype) if node.datatype and str(node.datatype) != _XSD + "string" else None
    return ("literal", str(node), None if node.language else datatype, node.language)


def plain(kind: str, value, tag=None) -> tuple | None:
    """plain_of(term(kind, value, tag)) without making the term for the kinds whose values rarely
    repeat down a column (IRIs, strings, UTC timestamps to the second, the ones kg writes).

    >>> plain("datetime", "2026-01-02T03:04:05Z") == plain_of(term("datetime", "2026-01-02T03:04:05Z"))
    True
    """
    if value is None:
        return None
    if kind == "iri":
        return ("uri", value, None, None)
    if kind == "str" and isinstance(value, str):
        return ("literal", value, None, None)
    if kind == "datetime" and _UTC_SECOND.fullmatch(value):
        try:  # rdflib writes a dateTime it can read back as Python writes it: Z becomes +00:00
            return ("literal", dt.datetime.fromisoformat(value).isoformat(), _DATATYPES["datetime"], None)
        except ValueError:
            pass
    return plain_of(term(kind, value, tag))


_TEXTS = {"iri": "uri", "str": "literal"}  # the kinds whose plain value is (type, the value, None, None)


def _bound(texts, kind: str, values: list, unbound) -> list:
    """texts(kind, values) where the values are bound, `unbound` where they are None."""
    if None not in values:
        return texts(kind, values)
    written = texts(kind, ["" if value is None else value for value in values])
    for at in [at for at, value in enumerate(values) if value is None]:
        written[at] = unbound
    return written


class Rows(Sequence):
    """A SELECT's rows (variable → rdflib term or None, as kg.store.Result holds them), made from the
    records (tuples of plain values) only when read; `rendered` writes text without them."""

    def __init__(self, columns, records: list[tuple]):
        self.cells = []  # (variable, kind, its first column, its columns): a "label" has two, its text and tag
        at = 0
        for variable, kind in columns:
            width = 2 if kind == "label" else 1
            self.cells.append((variable, kind, at, width))
            at += width
        self.records = records
        self._rows = None

    def _made(self, records) -> list[dict]:
        made = [{} for _ in self.cells]  # the terms made so far in each column: values repeat down a column
        rows = []
        for record in records:
            row = {}
            for (variable, kind, i, width), terms in zip(self.cells, made):
                key = record[i] if width == 1 else record[i:i + width]
                node = terms.get(key)
                if node is None and record[i] is not None:
                    node = terms[key] = term(kind, *record[i:i + width])
                row[variable] = node
            rows.append(row)
        return rows

    def rendered(self, renders: list, texts: list | None = None) -> list[list]:
        """Each column as a list of renders[column](plain value or None), rendered once per distinct
        value of a column; a column of IRIs or strings written at once by texts[column](type, values)
        when given ("uri" or "literal", as plain types them), as a call per value and a dict of them
        took most of a whole answer's time (a column of IRIs has as many values as rows)."""
        columns = []
        for (_, kind, i, width), render, write in zip(self.cells, renders, texts or [None] * len(self.cells)):
            keys = [r[i] for r in self.records] if width == 1 else [r[i:i + width] for r in self.records]
            if write is not None and kind in _TEXTS and set(map(type, keys)) <= {str, type(None)}:
                columns.append(_bound(write, _TEXTS[kind], keys, render(None)))
                continue
            done = {key: render(plain(kind, *(key if width > 1 else (key,)))) for key in set(keys)}
            columns.append(list(map(done.__getitem__, keys)))
        return columns

    def __len__(self) -> int:
        return len(self.records)

    def __getitem__(self, at):
        if self._rows is None and isinstance(at, slice):  # the first rows of a long answer (kg.ask)
            return self._made(self.records[at])
        return self._all()[at]

    def __iter__(self):
        return iter(self._all())

    def _all(self) -> list[dict]:
        if self._rows is None:
            self._rows = self._made(self.records)
        return self._rows

    def __add__(self, other) -> list[dict]:
        return self._all() + list(other)

    def __radd__(self, other) -> list[dict]:
        return list(other) + self._all()

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"Rows({list(self)!r})"

