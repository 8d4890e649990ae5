"""Query speed on a built store: who-knows (popular, rare, broader), job_candidates, colleagues, top_skills.

    python benchmarks/build.py 10000 --keep /tmp/kg-bench      # builds /tmp/kg-bench/store-10000
    python benchmarks/queries.py /tmp/kg-bench/store-10000

Each question is timed in process (the Python API, warm, median of 5) and through the CLI (a new
`kg` process, start-up included, median of 3). who-knows is timed as the CLI answers it (the
strongest 50 people, ranked by the index) and in full (every person, as `--limit 0`). Then every
named query once, in process, with parameters chosen from the store's data (--all), saying which
path answered (the store's index or SPARQL) and, for those the index answers, the first 50 rows
(--limit 50) too, and with --sparql the same by SPARQL (--no-index); --named times only those.
--whole times each whole answer the index gives as the CLI prints it: in process (the query, then
the query written as a table, JSON and CSV, median of 3) and through `kg query` (median of 3 each).
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
KG = [sys.executable, "-m", "kg.cli"]


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def pick(store) -> dict:
    """Popular and rare skills, a posting and a person of this store (chosen by its data)."""
    from kg.queries import run
    counts = store.query("""PREFIX schema: <https://schema.org/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?c (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?p) AS ?n) WHERE {
          GRAPH ?d { ?p a schema:Person ; schema:knowsAbout ?c } GRAPH ?t { ?c skos:prefLabel ?l } }
        GROUP BY ?c ORDER BY DESC(?n)""").rows
    labels = [(str(r["label"]), int(r["n"])) for r in counts]
    rare = [label for label, n in labels if 3 <= n <= 20][:2] or [label for label, _ in labels[-2:]]
    posting = run(store, "postings").rows[0]["posting"]
    person = store.query("""PREFIX kg: <https://w3id.org/careerkg/ns#>
        SELECT ?p (COUNT(?pos) AS ?n) WHERE { GRAPH ?d { ?p kg:position ?pos } } GROUP BY ?p ORDER BY DESC(?n) LIMIT 1""").rows[0]["p"]
    organization = store.query("""PREFIX kg: <https://w3id.org/careerkg/ns#>
        SELECT ?o (COUNT(*) AS ?n) WHERE { GRAPH ?d { ?x kg:employer ?o } } GROUP BY ?o ORDER BY DESC(?n) LIMIT 1""").rows[0]["o"]
    school = store.query("""PREFIX kg: <https://w3id.org/careerkg/ns#>
        SELECT ?o (COUNT(*) AS ?n) WHERE { GRAPH ?d { ?x kg:institution ?o } } GROUP BY ?o ORDER BY DESC(?n) LIMIT 1""").rows
    return {"popular": [labels[0][0], labels[1][0]], "popular_counts": [labels[0][1], labels[1][1]],
            "rare": rare, "broader": "deep learning frameworks", "posting": str(posting), "person": str(person),
            "organization": str(organization), "school": str(school[0]["o"]) if school else str(organization),
            "skill": labels[0][0]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--all", action="store_true", help="also time every named query once")
    parser.add_argument("--named", action="store_true", help="time only the named queries (implies --all)")
    parser.add_argument("--sparql", action="store_true", help="also time the index-answered ones by SPARQL")
    parser.add_argument("--whole", action="store_true", help="time only the whole answers, printed in each format")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE.parent))
    from kg.ask import top_knowers, who_knows
    from kg.index import ANSWERS, fresh_index
    from kg.queries import load_queries, run
    from kg.store import open_store

    if args.whole:
        return whole_answers(args.store)
    with open_store(str(args.store), read_only=True) as store:
        chosen = pick(store)
        questions = {
            f"who-knows {' & '.join(chosen['popular'])} (popular: {chosen['popular_counts']} people)":
                (lambda: top_knowers(store, chosen["popular"], 50), ["who-knows", *chosen["popular"]]),
            "  the same, every person (--limit 0)":
                (lambda: who_knows(store, chosen["popular"]), ["who-knows", "--limit", "0", *chosen["popular"]]),
            f"who-knows {' & '.join(chosen['rare'])} (rare)":
                (lambda: top_knowers(store, chosen["rare"], 50), ["who-knows", *chosen["rare"]]),
            f"who-knows {chosen['broader']} (broader)":
                (lambda: top_knowers(store, [chosen["broader"]], 50), ["who-knows", chosen["broader"]]),
            "job_candidates":
                (lambda: run(store, "job_candidates", {"posting": chosen["posting"]}),
                 ["query", "job_candidates", "-p", "posting", chosen["posting"]]),
            "colleagues":
                (lambda: run(store, "colleagues", {"person": chosen["person"]}),
                 ["query", "colleagues", "-p", "person", chosen["person"]]),
            "top_skills": (lambda: run(store, "top_skills"), ["query", "top_skills"]),
        }
        in_process = {} if args.named else {name: median_ms(fn, 5) for name, (fn, _) in questions.items()}
        named = {}
        if args.all or args.named:
            index = fresh_index(store)
            if index is not None:
                index.close()
            values = {"person": chosen["person"], "posting": chosen["posting"], "skill": chosen["skill"],
                      "organization": chosen["organization"]}
            for name, query in sorted(load_queries().items()):
                given = {p.name: values[p.name] for p in query.params}
                if name == "alumni_of":
                    given["organization"] = chosen["school"]
                path = "index" if index is not None and name in ANSWERS else "sparql"
                start = time.perf_counter()
                rows = len(run(store, name, given).rows)
                ms = 1000 * (time.perf_counter() - start)
                paged = median_ms(lambda: run(store, name, given, limit=50), 3) if path == "index" else None
                sparql = median_ms(lambda: run(store, name, given, use_index=False), 1) if path == "index" and args.sparql \
                    else None
                named[name] = (path, ms, rows, paged, sparql)
    if in_process:
        print(f"{'question':<70} {'in process ms':>14} {'CLI ms':>9}")
    for name, (_, cli_args) in questions.items() if in_process else ():
        cli = median_ms(lambda: subprocess.run(KG + ["--store", str(args.store), *cli_args], check=True,
                                               capture_output=True), 3)
        print(f"{name:<70} {in_process[name]:14.1f} {cli:9.0f}")
    if named:
        print(f"\n{'named query (in process, once)':<40} {'path':>6} {'ms':>9} {'rows':>8} {'ms --limit 50':>14}"
              f" {'ms by SPARQL':>13}")
        for name, (path, ms, rows, paged, sparql) in named.items():
            print(f"{name:<40} {path:>6} {ms:9.0f} {rows:8d} {'' if paged is None else f'{paged:.1f}':>14}"
                  f" {'' if sparql is None else f'{sparql:.0f}':>13}")
    return 0


FORMATS = ("table", "json", "csv")


def whole_answers(folder: Path) -> int:
    """The whole answer of each query the index answers: the query alone, with each format written, and by the CLI."""
    from kg.cli import _result_output
    from kg.index import ANSWERS
    from kg.queries import run
    from kg.store import open_store
    times = {}
    with open_store(str(folder), read_only=True) as store:
        given = _parameters(store)
        for name in sorted(ANSWERS):
            values = given[name]
            rows = len(run(store, name, values).rows)
            times[name] = [rows, median_ms(lambda: run(store, name, values), 3)] + [
                median_ms(lambda: _result_output(run(store, name, values), fmt), 3) for fmt in FORMATS]
    print(f"{'whole answer':<24} {'rows':>7} {'query ms':>9} " + " ".join(f"{'+' + f:>7}" for f in FORMATS)
          + " " + " ".join(f"{'CLI ' + f:>9}" for f in FORMATS))
    for name, (rows, ms, *written) in times.items():
        params = [a for p, v in given[name].items() for a in ("-p", p, v)]
        cli = [median_ms(lambda: subprocess.run(KG + ["--store", str(folder), "query", name, *params, "--format", fmt],
                                                check=True, capture_output=True), 3) for fmt in FORMATS]
        print(f"{name:<24} {rows:7d} {ms:9.0f} " + " ".join(f"{w:8.0f}" for w in written) + " "
              + " ".join(f"{c:9.0f}" for c in cli))
    return 0


def _parameters(store) -> dict[str, dict[str, str]]:
    """Each named query's parameters, from what pick chooses."""
    from kg.queries import load_queries
    chosen = pick(store)
    values = {"person": chosen["person"], "posting": chosen["posting"], "skill": chosen["skill"],
              "organization": chosen["organization"]}
    return {name: {p.name: chosen["school"] if name == "alumni_of" else values[p.name] for p in query.params}
            for name, query in load_queries().items()}


if __name__ == "__main__":
    sys.exit(main())
