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
