"""The command line: thin click commands over the Python API. Heavy imports stay inside commands."""

import json
import sys
from pathlib import Path

import click

KINDS = ("resume", "job_posting")
RDF_FORMATS = ("turtle", "trig", "nquads", "jsonld")


def _store(ctx, read_only: bool):
    from .store import StoreError, open_store
    try:
        return open_store(ctx.obj["store"], read_only=read_only)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


def _check_paths(paths) -> None:
    missing = [p for p in paths if not Path(p).exists() and not Path(p).is_symlink()]
    if missing:
        raise click.ClickException(f"no such file or folder: {', '.join(missing)}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", "store", metavar="PATH", envvar="KG_STORE", default=None,
              help="Store folder (default ./kg-store, or $KG_STORE).")
@click.version_option(package_name="kg-career")
@click.pass_context
def main(ctx, store):
    """Build a knowledge graph of resumes and job postings, and ask it questions."""
    ctx.obj = {"store": store}


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(KINDS), help="Treat every document as this kind (default: guess).")
@click.option("--max-bytes", type=int, default=None, help="Refuse files larger than this (default 20 MB).")
@click.option("-q", "--quiet", is_flag=True, help="Only print failures and the summary.")
@click.pass_context
def build(ctx, paths, kind, max_bytes, quiet):
    """Add or replace documents (files, or folders walked recursively) in the store.

    Unchanged files are skipped; a changed file replaces its graph. Each bad file gets one line
    on stderr and the rest of the batch goes on; the exit code is 1 if any file failed.
    """
    from .documents import MAX_BYTES
    from .pipeline import build as run_build
    _check_paths(paths)

    def on_event(how, path, detail):
        if how == "failed":
            click.echo(f"{path}: {detail}", err=True)
        elif not quiet and how != "unchanged":
            click.echo(f"{how:>9}  {path}")

    with _store(ctx, read_only=False) as store:
        report = run_build(paths, store, kind=kind, max_bytes=max_bytes or MAX_BYTES, on_event=on_event)
    for path, warning in report.warnings:
        if not quiet or "no positions" in warning:
            hint = " — is it a scanned image?" if warning == "no positions found" else ""
            click.echo(f"{path}: {warning}{hint}", err=True)
    click.echo(f"{report.total} files: {len(report.added)} added, {len(report.replaced)} replaced, "
               f"{len(report.unchanged)} unchanged, {len(report.failed)} failed")
    if report.failed:
        click.echo(f"{len(report.failed)} of {report.total} files failed", err=True)
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(KINDS), help="Treat every document as this kind (default: guess).")
@click.option("--format", "fmt", type=click.Choice(("json", "jsonl")), default="json", show_default=True,
              help="json: one array; jsonl: one object per line.")
def extract(paths, kind, fmt):
    """Print what the extractors find in documents, without touching the store."""
    from .documents import DocumentError, iter_paths, read_document
    from .extract import default_nlp, extract as run_extract
    _check_paths(paths)
    nlp = default_nlp()
    results, failed = [], 0
    for path in iter_paths(paths):
        try:
            results.append(run_extract(read_document(path, kind=kind), nlp).to_json())
        except DocumentError as exc:
            click.echo(f"{path}: {exc}", err=True)
            failed += 1
    if fmt == "jsonl":
        for item in results:
            click.echo(json.dumps(item, ensure_ascii=False))
    else:
        click.echo(json.dumps(results, indent=2, ensure_ascii=False))
    if failed:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.pass_context
def remove(ctx, paths):
    """Drop documents (by the path they were built from) and all their facts."""
    from .pipeline import remove as run_remove
    with _store(ctx, read_only=False) as store:
        removed = run_remove(paths, store)
    for path in removed:
        click.echo(f"removed  {path}")
    missing = [p for p in paths if p not in removed]
    if missing:
        raise click.ClickException(f"not in the store: {', '.join(missing)}")


@main.command()
@click.pass_context
def stats(ctx):
    """Count documents, people, organizations, positions, skills, postings and triples."""
    from .report import stats as run_stats
    with _store(ctx, read_only=True) as store:
        counts = run_stats(store)
    width = max(len(k) for k in counts)
    for name, value in counts.items():
        click.echo(f"{name:<{width}}  {value:>8,}")


@main.command()
@click.option("--limit", type=int, default=50, show_default=True, help="Violations to print at most.")
@click.pass_context
def validate(ctx, limit):
    """Check the graph against the SHACL shapes (ontology/shapes.ttl)."""
    from .report import validate as run_validate
    with _store(ctx, read_only=True) as store:
        conforms, violations = run_validate(store)
    if conforms:
        click.echo("the graph conforms to ontology/shapes.ttl")
        return
    for v in violations[:limit]:
        click.echo(v)
    raise click.ClickException(f"{len(violations)} SHACL violations")


@main.command("export-rdf")
@click.option("--format", "fmt", type=click.Choice(RDF_FORMATS), default="trig", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File (default stdout).")
@click.pass_context
def export_rdf(ctx, fmt, output):
    """Write the whole graph as RDF (trig and nquads keep one graph per document)."""
    from .export import write_rdf
    with _store(ctx, read_only=True) as store:
        if output:
            with open(output, "wb") as out:
                write_rdf(store, out, fmt)
            click.echo(f"wrote {output}", err=True)
        else:
            write_rdf(store, sys.stdout.buffer, fmt)


# ---------------------------------------------------------------- asking the graph

FORMATS = ("table", "json", "csv", "tsv")


def _fail_on_query_errors(fn):
    """Turn a QueryError (unknown entity, bad parameter) into a one-line click error."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from .queries import QueryError
        try:
            return fn(*args, **kwargs)
        except QueryError as exc:
            raise click.ClickException(str(exc)) from None
    return wrapper


def _emit(fmt: str, columns: list[str], rows: list[dict], records: list[dict] | None = None) -> None:
    """Print rows as a table, CSV/TSV (columns) or JSON (the records, with stable keys)."""
    from .results import records_csv, table
    if fmt == "json":
        click.echo(json.dumps(records if records is not None else rows, indent=2, ensure_ascii=False))
    elif fmt in ("csv", "tsv"):
        click.echo(records_csv(columns, rows, "," if fmt == "csv" else "\t"), nl=False)
    elif rows:
        click.echo(table(columns, rows))
    else:
        click.echo("(no results)")


def _months(match) -> str:
    parts = []
    if match.months:
        parts.append(f"{match.months} mo")
    if match.last_used:
        parts.append("now" if match.last_used == "present" else f"until {match.last_used}")
    return f" ({', '.join(parts)})" if parts else ""


@main.command("who-knows")
@click.argument("skills", nargs=-1, required=True)
@click.option("--any", "any_", is_flag=True, help="At least one of the skills (default: all of them).")
@click.option("--exact", is_flag=True, help="Only the skills themselves, not narrower concepts.")
@click.option("--explain", is_flag=True, help="Print the quotes supporting each person and skill.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.pass_context
@_fail_on_query_errors
def who_knows(ctx, skills, any_, exact, explain, fmt):
    """People who know all the SKILLS (any label or alias, case-insensitive), strongest evidence first.

    Asking for a broader concept finds people who know a narrower one ("deep learning frameworks"
    finds PyTorch and JAX users). Ranked by mentions, documents, months of use and recency.
    """
    from .ask import explain as quotes_for, who_knows as ask
    with _store(ctx, read_only=True) as store:
        people = ask(store, list(skills), any_=any_, exact=exact)
        rows = [{"rank": i, "name": p.name, "score": p.score,
                 "skills": [f"{s.asked}: {', '.join(s.matched)}{_months(s)}" for s in p.skills],
                 "documents": max(s.documents for s in p.skills), "person": str(p.iri)}
                for i, p in enumerate(people, 1)]
        records = [p.to_json() for p in people]
        if explain:
            for p, record in zip(people, records):
                record["evidence"] = {s.asked: quotes_for(store, str(p.iri), s.asked) for s in p.skills}
    columns = ["rank", "name", "score", "skills", "documents"] + (["person"] if fmt != "table" else [])
    _emit(fmt, columns, rows, records)
    if explain and fmt == "table":
        for record in records:
            click.echo(f"\n{record['name']}")
            for asked, quotes in record["evidence"].items():
                for q in quotes:
                    click.echo(f"  {asked}: \"{q['quote']}\"  [{Path(q['document']).name}:{q['start']}-{q['end']}]")


@main.command()
@click.argument("person")
@click.argument("skill")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@click.pass_context
@_fail_on_query_errors
def explain(ctx, person, skill, fmt):
    """Why the graph says PERSON knows SKILL: every supporting quote, its document and offsets."""
    from .ask import explain as ask
    with _store(ctx, read_only=True) as store:
        quotes = ask(store, person, skill)
    if fmt == "json":
        click.echo(json.dumps(quotes, indent=2, ensure_ascii=False))
        return
    if not quotes:
        click.echo(f"no evidence that {person} knows {skill}")
    for q in quotes:
        click.echo(f"{Path(q['document']).name}:{q['start']}-{q['end']}  \"{q['quote']}\"")


@main.command()
@click.argument("posting")
@click.option("--limit", type=int, default=10, show_default=True, help="Candidates to list.")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@click.pass_context
@_fail_on_query_errors
def match(ctx, posting, limit, fmt):
    """Rank candidates for a job POSTING (title, file name or IRI): required skills first, then preferred.

    A narrower skill counts for a broader requirement (JAX covers "deep learning frameworks").
    Each candidate comes with what matched, what is missing, and a supporting quote per skill.
    """
    from .ask import match as ask
    with _store(ctx, read_only=True) as store:
        job, candidates = ask(store, posting, limit=limit)
    if fmt == "json":
        click.echo(json.dumps({"posting": str(job), "candidates": [c.to_json() for c in candidates]},
                              indent=2, ensure_ascii=False))
        return
    if not candidates:
        click.echo("(no candidates know any of the posting's skills)")
    for i, c in enumerate(candidates, 1):
        total = len(c.required) + len(c.missing_required)
        click.echo(f"{i}. {c.name} — required {len(c.required)}/{total}, preferred "
                   f"{len(c.preferred)}/{len(c.preferred) + len(c.missing_preferred)}")
        click.echo(f"   matched: {', '.join(c.required + c.preferred) or '-'}")
        click.echo(f"   missing: {', '.join(c.missing_required + c.missing_preferred) or '-'}")
        for label, quotes in c.quotes.items():
            for q in quotes:
                click.echo(f"   {label}: \"{q['quote']}\" [{Path(q['document']).name}:{q['start']}-{q['end']}]")


@main.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@click.pass_context
@_fail_on_query_errors
def person(ctx, name, fmt):
    """A person's profile (by name, e-mail or IRI): positions in time order, education, skills with months of use."""
    from .ask import profile
    from .results import table
    with _store(ctx, read_only=True) as store:
        data = profile(store, name)
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(data["name"] + (f"  <{', '.join(data['emails'])}>" if data["emails"] else ""))
    click.echo("\nPositions")
    click.echo(table(["start", "end", "title", "employer", "team"], data["positions"]))
    click.echo("\nEducation")
    click.echo(table(["end", "degree", "field", "institution"], data["education"]))
    click.echo("\nSkills")
    click.echo(table(["skill", "type", "months", "last_used", "mentions"], data["skills"]))


@main.command("queries")
def list_queries():
    """List the named queries (queries/*.rq) with their parameters."""
    from .queries import load_queries
    for q in load_queries().values():
        params = " ".join(f"-p {p.name} {(p.type or p.kind).upper()}" + (f" (default {p.default})" if p.default else "")
                          for p in q.params)
        click.echo(f"{q.name:<24} {q.description}")
        if params:
            click.echo(f"{'':<24} {params}")


def _result_output(result, fmt: str) -> str:
    from .results import result_table, sparql_csv, sparql_json, sparql_tsv
    from .store import serialize
    if result.kind == "graph":
        return serialize(result.triples, "turtle").decode()
    return {"table": result_table, "json": sparql_json, "csv": sparql_csv, "tsv": sparql_tsv}[fmt](result)


@main.command()
@click.argument("name")
@click.option("-p", "--param", "params", nargs=2, multiple=True, metavar="NAME VALUE",
              help="A parameter value; entities may be given by label or key.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.pass_context
@_fail_on_query_errors
def query(ctx, name, params, fmt):
    """Run a named query: kg query who_knows -p skill pytorch."""
    from .queries import run
    names = [n for n, _ in params]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise click.ClickException(f"parameter given twice: {', '.join(duplicated)}")
    with _store(ctx, read_only=True) as store:
        result = run(store, name, dict(params))
    click.echo(_result_output(result, fmt), nl=False if fmt in ("csv", "tsv") else True)


@main.command()
@click.argument("text", required=False)
@click.option("-f", "--file", "path", type=click.Path(exists=True, dir_okay=False), help="Read the query from a file.")
@click.option("-p", "--param", "params", nargs=2, multiple=True, metavar="NAME VALUE",
              help="Bind ?NAME: an IRI if VALUE is <...> or http(s)://..., else a string literal.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--allow-update", is_flag=True, help="Allow SPARQL Update (INSERT, DELETE, DROP...).")
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Seconds before the query is stopped.")
@click.pass_context
@_fail_on_query_errors
def sparql(ctx, text, path, params, fmt, allow_update, timeout):
    """Run SPARQL over the store (the default graph is the union of all graphs).

    Read-only unless --allow-update; SERVICE calls to other hosts are refused. CONSTRUCT and DESCRIBE
    print Turtle; SELECT prints a table or the W3C JSON, CSV or TSV results formats.
    """
    from .queries import check_iri
    from .sparql import QueryError, classify, run_with_timeout
    if bool(text) == bool(path):
        raise click.ClickException("give a query as an argument or with -f FILE (one of them)")
    source = Path(path).read_text(encoding="utf-8") if path else text
    kind = classify(source)
    if kind == "update" and not allow_update:
        raise click.ClickException("this is a SPARQL Update; the store is read-only unless --allow-update")
    from rdflib import Literal
    bindings = {}
    for name, value in params:
        if value.startswith("<") and value.endswith(">"):
            bindings[name] = check_iri(value[1:-1])
        elif value.startswith(("http://", "https://")):
            bindings[name] = check_iri(value)
        else:
            bindings[name] = Literal(value)
    with _store(ctx, read_only=kind != "update") as store:
        if kind == "update":
            if bindings:
                raise QueryError("parameters are only supported for queries, not updates")
            run_with_timeout(lambda: store.update(source), timeout)
            click.echo("update applied")
            return
        result = run_with_timeout(lambda: store.query(source, bindings), timeout)
    click.echo(_result_output(result, fmt), nl=False if fmt in ("csv", "tsv") else True)


# ---------------------------------------------------------------- traversals


def _node(store, graph, text: str) -> str:
    """The graph node a user means: an IRI, or a person, organization, skill or posting by name."""
    from .lookup import Lookup, _did_you_mean
    from .queries import QueryError
    if text in graph:
        return text
    lookup = Lookup(store)
    for kind in ("person", "organization", "skill", "posting"):
        try:
            iri = str(lookup.resolve(kind, text))
        except QueryError:
            continue
        if iri in graph:
            return iri
    labels = [d["label"] for _, d in graph.nodes(data=True)]
    raise QueryError(f"unknown entity {text!r} (not a person, organization, skill or posting in the graph)"
                     f"{_did_you_mean(text, labels)}")


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@click.pass_context
@_fail_on_query_errors
def path(ctx, a, b, fmt):
    """The shortest connection between two entities (people, organizations, skills, postings)."""
    from .graph import project, shortest_path
    with _store(ctx, read_only=True) as store:
        g = project(store)
        steps = shortest_path(g, _node(store, g, a), _node(store, g, b))
    if fmt == "json":
        click.echo(json.dumps([{"from": s.source, "from_label": g.nodes[s.source]["label"], "relation": s.kind,
                                "forward": s.forward, "to": s.target, "to_label": g.nodes[s.target]["label"]}
                               for s in steps], indent=2, ensure_ascii=False))
        return
    if not steps:
        click.echo(f"no connection between {a} and {b}")
        return
    chain = g.nodes[steps[0].source]["label"]
    for s in steps:
        label = s.kind.replace("_", " ")
        chain += f" —{label}→ " if s.forward else f" ←{label}— "
        chain += g.nodes[s.target]["label"]
    click.echo(chain)


@main.command()
@click.argument("entity")
@click.option("--depth", type=int, default=1, show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.pass_context
@_fail_on_query_errors
def neighbors(ctx, entity, depth, fmt):
    """Entities within DEPTH relations of ENTITY, with how far each is."""
    import networkx as nx

    from .graph import neighborhood, project
    with _store(ctx, read_only=True) as store:
        g = project(store)
        node = _node(store, g, entity)
    near = neighborhood(g, node, depth)
    distance = nx.single_source_shortest_path_length(near.to_undirected(as_view=True), node)
    rows = sorted(({"distance": d, "type": near.nodes[n]["type"], "label": near.nodes[n]["label"], "iri": n}
                   for n, d in distance.items() if n != node), key=lambda r: (r["distance"], r["type"], r["label"]))
    _emit(fmt, ["distance", "type", "label"] + (["iri"] if fmt != "table" else []), rows)


@main.command()
@click.argument("person")
@click.option("-n", "limit", type=int, default=10, show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.pass_context
@_fail_on_query_errors
def similar(ctx, person, limit, fmt):
    """People whose skills are most like PERSON's (Jaccard similarity of their skill sets)."""
    from .graph import project, similar_people
    from .lookup import Lookup
    with _store(ctx, read_only=True) as store:
        g = project(store)
        iri = str(Lookup(store).person(person))
    rows = [{"name": g.nodes[p]["label"], "jaccard": round(score, 3),
             "shared": [g.nodes[s]["label"] for s in shared], "person": p}
            for p, score, shared in similar_people(g, iri, limit)]
    _emit(fmt, ["name", "jaccard", "shared"] + (["person"] if fmt != "table" else []), rows)


@main.command()
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@click.pass_context
def communities(ctx, fmt):
    """Clusters of people and the skills that bind them (Louvain modularity, networkx)."""
    from .graph import communities as find, project
    with _store(ctx, read_only=True) as store:
        g = project(store)
    clusters = []
    for members in find(g):
        people = sorted(g.nodes[n]["label"] for n in members if g.nodes[n]["type"] == "person")
        skills = sorted((n for n in members if g.nodes[n]["type"] != "person"),
                        key=lambda n: (-g.nodes[n].get("people", 0), g.nodes[n]["label"]))
        if people:
            clusters.append({"people": people, "skills": [g.nodes[s]["label"] for s in skills]})
    if fmt == "json":
        click.echo(json.dumps(clusters, indent=2, ensure_ascii=False))
        return
    for i, c in enumerate(clusters, 1):
        click.echo(f"{i}. {', '.join(c['people'])}")
        click.echo(f"   {', '.join(c['skills'][:12])}{' …' if len(c['skills']) > 12 else ''}")



# ---------------------------------------------------------------- exports (kg export ...)


if __name__ == "__main__":
    main()
