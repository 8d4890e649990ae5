"""Query speed on a built store: who-knows (popular, rare, broader), job_candidates, colleagues, top_skills.

    python benchmarks/build.py 10000 --keep /tmp/kg-bench      # builds /tmp/kg-bench/store-10000
    python benchmarks/queries.py /tmp/kg-bench/store-10000

Each question is timed in process (the Python API, warm, median of 5) and through the CLI (a new
`kg` process, start-up included, median of 3).
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
    return {"popular": [labels[0][0], labels[1][0]], "popular_counts": [labels[0][1], labels[1][1]],
            "rare": rare, "broader": "deep learning frameworks", "posting": str(posting), "person": str(person)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE.parent))
    from kg.ask import who_knows
    from kg.queries import run
    from kg.store import open_store

    with open_store(str(args.store), read_only=True) as store:
        chosen = pick(store)
        questions = {
            f"who-knows {' & '.join(chosen['popular'])} (popular: {chosen['popular_counts']} people)":
                (lambda: who_knows(store, chosen["popular"]), ["who-knows", *chosen["popular"]]),
            f"who-knows {' & '.join(chosen['rare'])} (rare)":
                (lambda: who_knows(store, chosen["rare"]), ["who-knows", *chosen["rare"]]),
            f"who-knows {chosen['broader']} (broader)":
                (lambda: who_knows(store, [chosen["broader"]]), ["who-knows", chosen["broader"]]),
            "job_candidates":
                (lambda: run(store, "job_candidates", {"posting": chosen["posting"]}),
                 ["query", "job_candidates", "-p", "posting", chosen["posting"]]),
            "colleagues":
                (lambda: run(store, "colleagues", {"person": chosen["person"]}),
                 ["query", "colleagues", "-p", "person", chosen["person"]]),
            "top_skills": (lambda: run(store, "top_skills"), ["query", "top_skills"]),
        }
        in_process = {name: median_ms(fn, 5) for name, (fn, _) in questions.items()}
    print(f"{'question':<70} {'in process ms':>14} {'CLI ms':>9}")
    for name, (_, cli_args) in questions.items():
        cli = median_ms(lambda: subprocess.run(KG + ["--store", str(args.store), *cli_args], check=True,
                                               capture_output=True), 3)
        print(f"{name:<70} {in_process[name]:14.1f} {cli:9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
