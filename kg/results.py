"""Results as text: aligned tables for people, and the W3C SPARQL 1.1 JSON, CSV and TSV formats for tools."""

import csv
import io
import json

from rdflib import BNode, Literal, URIRef

from .ontology import XSD
from .store import Result

MAX_CELL = 70


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
    texts = [[cell(row.get(c)) for c in columns] for row in rows]
    texts = [[t if len(t) <= MAX_CELL else t[:MAX_CELL - 1] + "…" for t in r] for r in texts]
    widths = [max([len(c)] + [len(r[i]) for r in texts]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(t.ljust(w) for t, w in zip(r, widths)).rstrip() for r in texts]
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


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def json_list(items: list) -> str:
    """A JSON array, one item per line: json's C encoder runs only without `indent`, 5 times faster
    on 10,000 rows, and a row per line stays readable."""
    if not items:
        return "[]"
    return "[\n" + ",\n".join(json.dumps(item, ensure_ascii=False) for item in items) + "\n]"


def sparql_json(result: Result) -> str:
    """The W3C SPARQL 1.1 Query Results JSON Format."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean})
    made: dict = {}  # term → its JSON object: values repeat down a column
    bindings = [{v: made.get(row[v]) or made.setdefault(row[v], _json_term(row[v]))
                 for v in result.variables if row.get(v) is not None} for row in result.rows]
    return f'{{"head": {json.dumps({"vars": result.variables}, ensure_ascii=False)},\n' \
           f'"results": {{"bindings": {json_list(bindings)}}}}}\n'


def sparql_xml(result: Result) -> str:
    """The W3C SPARQL Query Results XML Format (what many SPARQL clients ask for by default)."""
    from xml.sax.saxutils import escape, quoteattr
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    if result.kind == "ask":
        out.append(f"</head>\n<boolean>{'true' if result.boolean else 'false'}</boolean>\n</sparql>\n")
        return "".join(out)
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("</head>\n<results>\n")
    for row in result.rows:
        out.append("<result>")
        for v in result.variables:
            term = row.get(v)
            if term is None:
                continue
            if isinstance(term, URIRef):
                value = f"<uri>{escape(str(term))}</uri>"
            elif isinstance(term, BNode):
                value = f"<bnode>{escape(str(term))}</bnode>"
            else:
                attrs = f" xml:lang={quoteattr(term.language)}" if term.language else (
                    f" datatype={quoteattr(str(term.datatype))}" if term.datatype and term.datatype != XSD.string else "")
                value = f"<literal{attrs}>{escape(str(term))}</literal>"
            out.append(f"<binding name={quoteattr(v)}>{value}</binding>")
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out)


def sparql_csv(result: Result) -> str:
    """The W3C SPARQL 1.1 CSV format: plain values, IRIs unbracketed, CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if row.get(v) is None else (f"_:{row[v]}" if isinstance(row[v], BNode) else str(row[v]))
                         for v in result.variables])
    return out.getvalue()


def _tsv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    value = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") \
        .replace("\r", "\\r")
    if term.language:
        return f'"{value}"@{term.language}'
    if term.datatype in (XSD.integer, XSD.decimal, XSD.double, XSD.boolean):
        return str(term)
    if term.datatype and term.datatype != XSD.string:
        return f'"{value}"^^<{term.datatype}>'
    return f'"{value}"'


def sparql_tsv(result: Result) -> str:
    """The W3C SPARQL 1.1 TSV format: ?var headers, terms in Turtle syntax."""
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(row.get(v)) for v in result.variables) for row in result.rows]
    return "\n".join(lines) + "\n"


def result_table(result: Result) -> str:
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    return table(result.variables, [{v: _short(row.get(v)) for v in result.variables} for row in result.rows])


def _short(term):
    """IRIs of our own entities print as their last path segment; labels print without language tags."""
    if isinstance(term, URIRef) and str(term).startswith("https://w3id.org/careerkg/"):
        return str(term)[len("https://w3id.org/careerkg/"):]
    if isinstance(term, Literal):
        return str(term)
    return term
