"""Results as text: aligned tables for people, and the W3C SPARQL 1.1 JSON, CSV and TSV formats for tools."""

import csv
import io
import json
import re
from functools import partial
from json.encoder import encode_basestring as _json_string  # as json.dumps(text, ensure_ascii=False)

from .ontology import XSD
from .rows import Rows, plain_of
from .store import Result

MAX_CELL = 70
_MISSING = object()
_CSV_QUOTED = re.compile('[,"\\r\\n]')


def cell(value) -> str:
    """A readable rendering of one value (an RDF term, a number, a list or None)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:.2f}"
    text = str(value)
    return " ".join(text.split())


def table(columns: list[str], rows: list[dict]) -> str:
    """An aligned text table; long cells are cut with an ellipsis.

    >>> print(table(["name", "n"], [{"name": "Ada", "n": 3}, {"name": "Grace Hopper", "n": 12}]))
    name          n
    ------------  --
    Ada           3
    Grace Hopper  12
    """
    return _aligned(columns, [[_clip(cell(row.get(c))) for c in columns] for row in rows])


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…"


def _aligned(columns: list[str], texts: list[list[str]]) -> str:
    """Cells padded to their column's width: one str.format a row (the whole answer of 100,000 rows)."""
    widths = [max(len(c), max(map(len, column), default=0)) for c, column in zip(columns, zip(*texts) if texts
                                                                                 else [()] * len(columns))]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [line.format(*columns).rstrip(), "  ".join("-" * w for w in widths)]
    lines += [line.format(*r).rstrip() for r in texts]
    return "\n".join(lines)


def records_csv(columns: list[str], rows: list[dict], delimiter: str = ",") -> str:
    """Plain CSV/TSV of records (lists joined with "; ")."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["; ".join(map(cell, v)) if isinstance(v, (list, tuple)) else cell(v)
                         for v in (row.get(c) for c in columns)])
    return out.getvalue()


def _texts(result: Result, renders: list) -> list[tuple]:
    """Each row of a SELECT as a tuple of renders[i](value) for its i-th variable, a value being
    kg.rows.plain's (type, text, datatype, language) or None: rendered once per distinct value of a
    column, and straight from the index's plain values when it answered (kg.rows.Rows), with no
    rdflib term made."""
    rows = result.rows
    if isinstance(rows, Rows) and [variable for variable, *_ in rows.cells] == result.variables:
        return rows.rendered(renders)
    columns = []
    for variable, render in zip(result.variables, renders):
        done: dict = {}  # term → its text in this column
        texts = []
        for node in (row.get(variable) for row in rows):
            text = done.get(node, _MISSING)
            if text is _MISSING:
                text = done[node] = render(plain_of(node))
            texts.append(text)
        columns.append(texts)
    return list(zip(*columns)) if columns else [()] * len(rows)


def _json_term(value, key: str = "") -> str | None:
    """A binding's JSON, as json.dumps writes it (`key` written before it: a row's `"name": `)."""
    if value is None:
        return None
    kind, text, datatype, language = value
    extra = f', "xml:lang": {_json_string(language)}' if language else (
        f', "datatype": {_json_string(datatype)}' if datatype else "")
    return f'{key}{{"type": "{kind}", "value": {_json_string(text)}{extra}}}'


def json_list(items: list) -> str:
    """A JSON array, one item per line: json's C encoder runs only without `indent`, 5 times faster
    on 10,000 rows, and a row per line stays readable."""
    return _json_lines([json.dumps(item, ensure_ascii=False) for item in items])


def _json_lines(lines: list[str]) -> str:
    return "[\n" + ",\n".join(lines) + "\n]" if lines else "[]"


def sparql_json(result: Result) -> str:
    """The W3C SPARQL 1.1 Query Results JSON Format (a row per line, as json.dumps writes it)."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean})
    renders = [partial(_json_term, key=_json_string(v) + ": ") for v in result.variables]
    bindings = ["{" + ", ".join(filter(None, texts)) + "}" for texts in _texts(result, renders)]
    return f'{{"head": {json.dumps({"vars": result.variables}, ensure_ascii=False)},\n' \
           f'"results": {{"bindings": {_json_lines(bindings)}}}}}\n'


def _xml_term(value) -> str | None:
    from xml.sax.saxutils import escape, quoteattr
    if value is None:
        return None
    kind, text, datatype, language = value
    if kind != "literal":
        return f"<{kind}>{escape(text)}</{kind}>"
    attrs = f" xml:lang={quoteattr(language)}" if language else (f" datatype={quoteattr(datatype)}" if datatype else "")
    return f"<literal{attrs}>{escape(text)}</literal>"


def sparql_xml(result: Result) -> str:
    """The W3C SPARQL Query Results XML Format (what many SPARQL clients ask for by default)."""
    from xml.sax.saxutils import quoteattr
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    if result.kind == "ask":
        out.append(f"</head>\n<boolean>{'true' if result.boolean else 'false'}</boolean>\n</sparql>\n")
        return "".join(out)
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("</head>\n<results>\n")
    names = [quoteattr(v) for v in result.variables]
    for texts in _texts(result, [_xml_term] * len(result.variables)):
        out.append("<result>")
        out += [f"<binding name={name}>{text}</binding>" for name, text in zip(names, texts) if text is not None]
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out)


def _csv_cell(text: str) -> str:
    """A CSV field as csv.writer quotes it (QUOTE_MINIMAL, CRLF), which took as long as the query."""
    return '"' + text.replace('"', '""') + '"' if _CSV_QUOTED.search(text) else text


def _csv_term(value) -> str:
    if value is None:
        return ""
    return _csv_cell("_:" + value[1] if value[0] == "bnode" else value[1])


def sparql_csv(result: Result) -> str:
    """The W3C SPARQL 1.1 CSV format: plain values, IRIs unbracketed, CRLF line ends."""
    lines = [",".join(map(_csv_cell, result.variables))]
    lone = '""' if result.variables else ""  # csv.writer quotes a row's only field when empty
    lines += [",".join(texts) or lone for texts in _texts(result, [_csv_term] * len(result.variables))]
    return "\r\n".join(lines) + "\r\n"


_BARE = {str(XSD.integer), str(XSD.decimal), str(XSD.double), str(XSD.boolean)}  # written as they are in Turtle


def _tsv_term(value) -> str:
    if value is None:
        return ""
    kind, text, datatype, language = value
    if kind == "uri":
        return f"<{text}>"
    if kind == "bnode":
        return f"_:{text}"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") \
        .replace("\r", "\\r")
    if language:
        return f'"{escaped}"@{language}'
    if datatype in _BARE:
        return text
    if datatype:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


def sparql_tsv(result: Result) -> str:
    """The W3C SPARQL 1.1 TSV format: ?var headers, terms in Turtle syntax."""
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(texts) for texts in _texts(result, [_tsv_term] * len(result.variables))]
    return "\n".join(lines) + "\n"


_OURS = "https://w3id.org/careerkg/"


def _table_term(value) -> str:
    """IRIs of our own entities print as their last path segment; labels print without language tags."""
    if value is None:
        return ""
    text = value[1][len(_OURS):] if value[0] == "uri" and value[1].startswith(_OURS) else value[1]
    return _clip(" ".join(text.split()))


def result_table(result: Result) -> str:
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    return _aligned(result.variables, _texts(result, [_table_term] * len(result.variables)))
