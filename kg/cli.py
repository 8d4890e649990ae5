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


class _Group(click.Group):
    """Reports the errors a user can fix (kg.errors.KgError) as one line, never a traceback."""

    def invoke(self, ctx):
        from .errors import KgError
        try:
            return super().invoke(ctx)
        except KgError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option("--workers", type=int, default=None, help="Extraction processes (default: one per core).")
@click.option("--dask", "dask", metavar="ADDRESS", help="Extract on the Dask cluster with this scheduler address.")
@click.option("--nquads-out", metavar="DIR", help="Write N-Quads shards for a bulk loader instead of a store.")
@click.option("-q", "--quiet", is_flag=True, help="Only print failures and the summary.")
@click.option("--rehash", is_flag=True,
              help="Read every file to see if it changed, even one whose size and times did not change since it was last read.")
@click.pass_context
def build(ctx, paths, kind, max_bytes, workers, dask, nquads_out, quiet, rehash):
    """Add or replace documents (files, or folders walked recursively) in the store.

    Unchanged files are skipped (one whose size and times are those it had when last read is not
    read again; --rehash reads them all); a changed file replaces its graph. Each bad file gets one line
    on stderr and the rest of the batch goes on; the exit code is 1 if any file failed.
    """
    from .documents import MAX_BYTES
    from .pipeline import build as run_build, default_workers
    _check_paths(paths)
    if workers is not None and workers < 1:
        raise click.ClickException("--workers must be at least 1")

    def on_event(how, path, detail):
        if how in ("failed", "skipped"):
            click.echo(f"{path}: {detail}", err=True)
        elif not quiet and how != "unchanged":
            click.echo(f"{how:>9}  {path}")

    options = dict(kind=kind, max_bytes=max_bytes or MAX_BYTES, workers=workers or default_workers(), dask=dask,
                   on_event=on_event, rehash=rehash)
    if nquads_out:
        from .store import NQuadsShards
        shards = NQuadsShards(nquads_out)
        report = run_build(paths, shards, **options)
        click.echo(f"wrote {len(shards.written)} N-Quads files to {nquads_out}", err=True)
    else:
        with _store(ctx, read_only=False) as store:
            report = run_build(paths, store, **options)
    for path, warning in report.warnings:
        if not quiet or "no positions" in warning:
            hint = " — is it a scanned image?" if warning == "no positions found" else ""
            click.echo(f"{path}: {warning}{hint}", err=True)
    skipped = f"{len(report.skipped)} skipped, " if report.skipped else ""
    click.echo(f"{report.total} files: {len(report.added)} added, {len(report.replaced)} replaced, "
               f"{len(report.unchanged)} unchanged, {skipped}{len(report.failed)} failed")
    if report.failed:
        click.echo(f"{len(report.failed)} of {report.total} files failed", err=True)
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(KINDS), help="Treat every document as this kind (default: guess).")
@click.option("--format", "fmt", type=click.Choice(("json", "jsonl")), default="json", show_default=True,
              help="json: one array; jsonl: one object per line.")
@click.pass_context
def extract(ctx, paths, kind, fmt):
    """Print what the extractors find in documents, without writing to the store.

    Uses the store's imported taxonomies too when a store exists (kg taxonomy import).
    """
    from .documents import DocumentError, iter_paths, read_document
    from .extract import extract as run_extract
    from .pipeline import configure, pipeline_nlp
    from .store import StoreError, open_store
    _check_paths(paths)
    try:
        with open_store(ctx.obj["store"], read_only=True) as store:
            configure(store.imported_taxonomies())
    except StoreError:
        pass  # no store (or one busy with a build): the built-in taxonomy
    nlp = pipeline_nlp()
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
    from .report import OUTDATED, outdated, stats as run_stats
    with _store(ctx, read_only=True) as store:
        counts, old = run_stats(store), outdated(store)
    width = max(len(k) for k in counts)
    for name, value in counts.items():
        click.echo(f"{name:<{width}}  {value:>8,}")
    if old:
        click.echo(OUTDATED.format(old), err=True)


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
    from .results import json_list, records_csv, table
    if fmt == "json":
        click.echo(json_list(records if records is not None else rows))
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


def _quoted(q: dict) -> str:
    """A quote on one line: a soft-wrapped sentence is quoted with its line breaks."""
    return '"' + " ".join(q["quote"].split()) + '"'


def _place(q: dict) -> str:
    return f"{Path(q['document']).name}:{q['start']}-{q['end']}"


@main.command("who-knows")
@click.argument("skills", nargs=-1, required=True)
@click.option("--any", "any_", is_flag=True, help="At least one of the skills (default: all of them).")
@click.option("--exact", is_flag=True, help="Only the skills themselves, not narrower concepts.")
@click.option("--explain", is_flag=True, help="Print the quotes supporting each person and skill.")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="Show the strongest N people (0: everyone).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.pass_context
@_fail_on_query_errors
def who_knows(ctx, skills, any_, exact, explain, limit, fmt):
    """People who know all the SKILLS (any label or alias, case-insensitive), strongest evidence first.

    Asking for a broader concept finds people who know a narrower one ("deep learning frameworks"
    finds PyTorch and JAX users). Ranked by documents, positions using the skill, months of use
    and recency.
    """
    from .ask import explain as quotes_for, top_knowers
    with _store(ctx, read_only=True) as store:
        people, total = top_knowers(store, list(skills), limit or None, any_=any_, exact=exact)
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
    if total > len(people):
        click.echo(f"{len(people)} of {total:,} people shown (--limit 0 shows everyone)", err=True)
    if explain and fmt == "table":
        for record in records:
            click.echo(f"\n{record['name']}")
            for asked, quotes in record["evidence"].items():
                for q in quotes:
                    click.echo(f"  {asked}: {_quoted(q)}  [{_place(q)}]")


@main.command()
@click.argument("person")
@click.argument("skill")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@click.pass_context
@_fail_on_query_errors
def explain(ctx, person, skill, fmt):
    """Why the graph says PERSON knows SKILL: every supporting quote, its document and offsets."""
    from .ask import explain as ask
    from .report import OUTDATED, outdated
    with _store(ctx, read_only=True) as store:
        quotes = ask(store, person, skill)
        old = 0 if quotes else outdated(store)
    if old:
        click.echo(OUTDATED.format(old), err=True)
    if fmt == "json":
        click.echo(json.dumps(quotes, indent=2, ensure_ascii=False))
        return
    if not quotes:
        click.echo(f"no evidence that {person} knows {skill}")
    for q in quotes:
        click.echo(f"{_place(q)}  {_quoted(q)}")


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
                click.echo(f"   {label}: {_quoted(q)}  [{_place(q)}]")


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
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most N rows (default: all).")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip the first K rows.")
@click.option("--no-index", "no_index", is_flag=True,
              help="Answer by SPARQL even when the store's index could (the reference answer).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.pass_context
@_fail_on_query_errors
def query(ctx, name, params, limit, offset, no_index, fmt):
    """Run a named query: kg query who_knows -p skill pytorch.

    List and aggregate queries are answered from the store's index when it is up to date (the same
    rows, in the same order, as SPARQL gives); --limit and --offset page any query's rows.
    """
    from .queries import run
    names = [n for n, _ in params]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise click.ClickException(f"parameter given twice: {', '.join(duplicated)}")
    with _store(ctx, read_only=True) as store:
        result = run(store, name, dict(params), limit=limit, offset=offset, use_index=not no_index)
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
            from .index import invalidate
            invalidate(store)  # the who-knows index can't follow arbitrary updates: the next build rebuilds it
            run_with_timeout(lambda: store.update(source), timeout)
            click.echo("update applied")
            return
        result = run_with_timeout(lambda: store.query(source, bindings), timeout)
    click.echo(_result_output(result, fmt), nl=False if fmt in ("csv", "tsv") else True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; anything but loopback exposes the graph without authentication.")
@click.option("--port", type=int, default=7878, show_default=True)
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Seconds a query may run.")
@click.pass_context
def serve(ctx, host, port, timeout):
    """Serve the store as a read-only SPARQL 1.1 endpoint at http://HOST:PORT/query.

    Any SPARQL client can query it (YASGUI, rdflib's SPARQLStore, curl). Updates, SERVICE and LOAD
    are refused; requests are limited to 1 MB.
    """
    from .serve import make_server
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: anyone who can reach it can read the graph", err=True)
    with _store(ctx, read_only=True) as store:
        try:
            server = make_server(store, host, port, timeout)
        except OSError as exc:
            raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        click.echo(f"SPARQL endpoint: http://{host}:{server.server_address[1]}/query (read-only; Ctrl-C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()


# ---------------------------------------------------------------- private data


@main.command()
@click.argument("person")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def forget(ctx, person, yes):
    """Erase a person (by name, e-mail or IRI): every document about them and every fact they support.

    One-way hashes of their e-mail addresses and documents are kept so later builds refuse the
    same files, or another resume with the same address. The files themselves are not touched.
    """
    from .lookup import Lookup
    from .privacy import forget as erase
    with _store(ctx, read_only=False) as store:
        iri = Lookup(store).person(person)
        if not yes:
            click.confirm(f"Erase {person} ({iri}) and every document about them?", abort=True)
        removed = erase(store, iri)
    for path in removed:
        click.echo(f"removed  {path}")
    click.echo(f"forgot {person}: {len(removed)} documents removed")


@main.command()
@click.option("--pseudonymize", is_flag=True, help="Also replace people's names by stable pseudonyms.")
@click.pass_context
def redact(ctx, pseudonymize):
    """Remove e-mails, phone numbers and profile URLs from the store (in quotes too).

    A document rebuilt from a changed file brings its contact details back; run redact again, or
    export with the default (contacts left out) instead.
    """
    from .privacy import redact as scrub
    with _store(ctx, read_only=False) as store:
        counts = scrub(store, pseudonymize=pseudonymize)
    click.echo(f"redacted {counts['contacts']} contact details"
               + (f" and {counts['names']} names" if pseudonymize else "") + f" in {counts['graphs']} documents")


# ---------------------------------------------------------------- the taxonomy


@main.group()
def taxonomy():
    """Your own skills taxonomy: import SKOS or CSV, look a term up, review candidates."""


@taxonomy.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--source", help="A name for this taxonomy (default: the file name); importing it again replaces it.")
@click.option("--version", "version", help="Its version (default: the first 12 hex digits of the file's SHA-256).")
@click.pass_context
def taxonomy_import(ctx, path, source, version):
    """Merge a SKOS file (Turtle, RDF/XML, N-Triples, JSON-LD) or a CSV into the taxonomy the matcher uses.

    CSV columns: id,label,alt_labels,broader,type (lists separated by "|"), or ESCO's skills CSV
    (conceptUri, preferredLabel, altLabels) and broader-relations CSV (conceptUri, broaderUri).
    A concept whose preferred label kg already knows is merged into it. The next `kg build`
    re-extracts every document with the new taxonomy.
    """
    import hashlib

    from .taxonomy import add_taxonomy
    source = source or Path(path).stem
    version = version or hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
    with _store(ctx, read_only=False) as store:
        store.ensure_reference()
        try:
            report = add_taxonomy(store, path, source, version)
        except (ValueError, SyntaxError, OSError) as exc:
            raise click.ClickException(f"{path}: {str(exc).splitlines()[0]}") from None
    click.echo(f"imported {source} (version {version}): {report.added} new concepts, {report.merged} merged "
               f"into existing ones, {len(report.skipped_labels)} labels skipped (another concept has them)")


@taxonomy.command("show")
@click.argument("term")
@click.pass_context
def taxonomy_show(ctx, term):
    """A concept by any label: its id, type, labels, broader chain, narrower concepts and source."""
    from .lookup import Lookup
    from .taxonomy import concept_id, load_taxonomy
    with _store(ctx, read_only=True) as store:
        iri = Lookup(store).skill(term)
        tax = load_taxonomy(store.imported_taxonomies())
        sources = store.query("""PREFIX dct: <http://purl.org/dc/terms/> PREFIX owl: <http://www.w3.org/2002/07/owl#>
            SELECT ?c ?source ?version WHERE { GRAPH ?g { ?c dct:source ?source OPTIONAL { ?c owl:versionInfo ?version } } }""",
                              {"c": iri}).rows
    cid = concept_id(iri)
    if cid not in tax.concepts:
        click.echo(f"{term}: {iri} (a candidate found in documents, not in the taxonomy; see kg taxonomy candidates)")
        return
    concept = tax[cid]
    chain, seen, current = [], set(), concept
    while current.broader and current.broader[0] not in seen and current.broader[0] in tax.concepts:
        seen.add(current.broader[0])
        current = tax[current.broader[0]]
        chain.append(current.label)
    narrower = sorted(tax[c].label for c in tax.narrower_closure(cid) - {cid})
    source = ", ".join(f"{r['source']} {r['version'] or ''}".strip() for r in sources) or "kg built-in"
    click.echo(f"{concept.label}  ({concept.type}; {iri})")
    click.echo(f"  labels:   {', '.join(concept.alt_labels + concept.list_labels) or '-'}")
    click.echo(f"  broader:  {' → '.join(chain) or '-'}")
    click.echo(f"  narrower: {', '.join(narrower[:20]) + (' …' if len(narrower) > 20 else '') or '-'}")
    click.echo(f"  source:   {source}")


@taxonomy.command("candidates")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.pass_context
def taxonomy_candidates(ctx, fmt):
    """Technologies named in documents' lists that the taxonomy lacks, most frequent first."""
    from .queries import run
    with _store(ctx, read_only=True) as store:
        rows = run(store, "candidates").rows
    records = [{"label": str(r["label"]), "documents": int(r["documents"]), "example": str(r["example"] or ""),
                "concept": str(r["concept"])} for r in rows]
    _emit(fmt, ["label", "documents", "example"] + (["concept"] if fmt != "table" else []), records)


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

EXPORT_PROJECTIONS = ("all", "skills", "people")


def _export_options(fn):
    """The options every `kg export` format shares: what goes out (slice, types, projection) and privacy."""
    options = [
        click.option("--around", metavar="ENTITY",
                     help="Only the neighbourhood of a person, organization, skill or posting (name or IRI)."),
        click.option("--depth", type=click.IntRange(0), default=1, show_default=True,
                     help="How many relations from --around."),
        click.option("--types", metavar="TYPE,...",
                     help="Keep these node types: person, organization, school, skill, technology, posting."),
        click.option("--projection", type=click.Choice(EXPORT_PROJECTIONS), default="all", show_default=True,
                     help="all: the entity graph; skills: skills linked by co-occurrence; "
                          "people: people linked by the skills they share."),
        click.option("--include-contacts", is_flag=True,
                     help="Keep people's e-mails, phones and profile URLs (left out by default)."),
        click.option("--pseudonymize", is_flag=True,
                     help="Replace people's names and ids with stable pseudonyms (\"Person 4f2a09c1\")."),
        click.option("--pseudonym-key", envvar="KG_PSEUDONYM_KEY", metavar="SECRET",
                     help="Secret key for the pseudonyms (default: a fixed key; or $KG_PSEUDONYM_KEY)."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _export_graph(ctx, around, depth, types, projection, include_contacts, pseudonymize, pseudonym_key,
                  evidence=False):
    """The graph to export (and, for HTML, its evidence quotes): project → projection → around → types → privacy.

    The whole graph goes to the writer as the store's rows (kg.graph.Elements), without a networkx
    graph: at 10,000 documents building one cost more than writing the file.
    """
    from .export import (DEFAULT_PSEUDONYM_KEY, around as near, evidence_quotes, keep_types, people_projection,
                         pseudonymize as pseudo, skills_projection, without_contacts)
    from .graph import elements, project
    if pseudonymize and include_contacts:
        raise click.ClickException("--pseudonymize and --include-contacts contradict each other; give one")
    quotes = None
    contacts = include_contacts or (evidence and not pseudonymize)  # quotes are scrubbed of people's own contacts
    with _store(ctx, read_only=True) as store:
        if projection == "all" and not (around or types or pseudonymize or evidence):
            return elements(store, contacts=include_contacts), None
        g = project(store, contacts=contacts)
        if projection == "skills":
            g = skills_projection(g)
        elif projection == "people":
            g = people_projection(g)
        if around:
            g = near(g, _node(store, g, around), depth)
        if evidence and not pseudonymize:  # quotes can name people: a pseudonymous export leaves them out
            quotes = evidence_quotes(store, g, include_contacts=include_contacts)
    if types:
        try:
            g = keep_types(g, [t.strip() for t in types.split(",") if t.strip()])
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
    if pseudonymize:
        g = pseudo(g, pseudonym_key or DEFAULT_PSEUDONYM_KEY)
    elif contacts and not include_contacts:
        g = without_contacts(g)
    return g, quotes


def _collector_paused(fn):
    """Run an export with Python's cycle collector paused: it makes 250,000 edge records, then only reads
    them, and the collector walked them again and again (a quarter of the writing time at 10,000 documents)."""
    import functools
    import gc

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        enabled = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()
    return wrapper


def _write_to(output, write) -> tuple[int, int]:
    """Run a writer on a file, or on stdout for '-'."""
    if output == "-":
        counts = write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return counts
    return write(output)


def _wrote(output, counts) -> None:
    name = "stdout" if output == "-" else output
    click.echo(f"wrote {name}: {counts[0]:,} nodes, {counts[1]:,} edges", err=True)


_OUTPUT = click.option("-o", "--output", default="-", show_default=True, type=click.Path(dir_okay=False, allow_dash=True),
                       help="File to write ('-' for stdout).")


@main.group()
def export():
    """Write the graph for Gephi (GEXF), GraphML, CSV, Cytoscape.js or a self-contained HTML view.

    Contact details stay out unless --include-contacts; --pseudonymize hides people's names.
    """


@export.command("gephi")
@_OUTPUT
@click.option("--gexf-version", type=click.Choice(("1.3", "1.2")), default="1.3", show_default=True,
              help="GEXF 1.3 (what Gephi recommends) or 1.2draft.")
@_export_options
@click.pass_context
@_fail_on_query_errors
@_collector_paused
def export_gephi(ctx, output, gexf_version, **options):
    """GEXF for Gephi: colour by type, size by degree, positions as time intervals (Gephi's timeline)."""
    from .export import layout, write_gexf
    g, _ = _export_graph(ctx, **options)
    positions = layout(g)
    _wrote(output, _write_to(output, lambda out: write_gexf(g, out, version=gexf_version, positions=positions)))


@export.command("graphml")
@_OUTPUT
@_export_options
@click.pass_context
@_fail_on_query_errors
@_collector_paused
def export_graphml(ctx, output, **options):
    """GraphML with typed attributes (networkx, yEd, Gephi, Cytoscape)."""
    from .export import write_graphml
    g, _ = _export_graph(ctx, **options)
    _wrote(output, _write_to(output, lambda out: write_graphml(g, out)))


@export.command("csv")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False),
              help="Folder for nodes.csv and edges.csv (created if needed).")
@_export_options
@click.pass_context
@_fail_on_query_errors
@_collector_paused
def export_csv(ctx, output, **options):
    """nodes.csv and edges.csv for Gephi's spreadsheet import or Neo4j's LOAD CSV."""
    from .export import write_csv
    g, _ = _export_graph(ctx, **options)
    _wrote(output, write_csv(g, output))


@export.command("cytoscape")
@_OUTPUT
@_export_options
@click.pass_context
@_fail_on_query_errors
@_collector_paused
def export_cytoscape(ctx, output, **options):
    """Cytoscape.js JSON (elements with data and, for small graphs, positions); Cytoscape desktop reads it as .cyjs."""
    from .export import layout, write_cytoscape
    g, _ = _export_graph(ctx, **options)
    positions = layout(g)
    _wrote(output, _write_to(output, lambda out: write_cytoscape(g, out, positions=positions)))


@export.command("html")
@_OUTPUT
@click.option("--title", default="kg graph", show_default=True, help="Title of the page.")
@_export_options
@click.pass_context
@_fail_on_query_errors
@_collector_paused
def export_html(ctx, output, title, **options):
    """One self-contained HTML file: search a name, click a node for its facts and evidence (no network)."""
    from .export import layout, write_html
    g, quotes = _export_graph(ctx, evidence=True, **options)
    positions = layout(g)
    _wrote(output, _write_to(output, lambda out: write_html(g, out, title=title, positions=positions, evidence=quotes)))


if __name__ == "__main__":
    main()
