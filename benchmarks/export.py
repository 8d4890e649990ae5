"""Export benchmark: time and peak memory of every `kg export` format on a big graph, against writing the same bytes.

    python benchmarks/export.py [N] [--work DIR] [--store PATH] [--networkx]

Generates N documents (default 10,000) with benchmarks/corpus.py --seed 1 into WORK/corpus-N and builds
them with `kg build -q` into WORK/store-N (both kept and reused: 10,000 documents take about 12 minutes to
build on 2 cores), or uses --store. Then projects the store once (`kg.graph.project`, timed) and writes
each format to WORK/out-N, the way `kg export` does after the projection (contacts dropped):

- seconds: wall time of the writer (best of --repeat runs);
- peak MB: tracemalloc's peak of the memory the writer allocated (a separate run; the graph is already
  in memory and not counted);
- the same bytes: the time to write the file's bytes with one plain f.write (the I/O floor), and with as
  many f.write calls of the same text as the writer made lines (what any Python writer of this text pays);
  the ratios are the writer's seconds over these.

--networkx adds networkx's write_gexf (it builds a DOM; None and list values removed first, as it
refuses them) for comparison.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))


def build(n: int, work: Path) -> Path:
    corpus, store = work / f"corpus-{n}", work / f"store-{n}"
    if not corpus.exists():
        subprocess.run([sys.executable, str(HERE / "corpus.py"), str(n), str(corpus), "--seed", "1"], check=True)
    if not (store / "built").exists():
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kg.cli", "--store", str(store), "build", "-q", str(corpus)],
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        (store / "built").write_text(f"{time.perf_counter() - started:.0f} s\n")
    return store


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.iterdir()) if path.is_dir() else path.stat().st_size


def plain_writes(path: Path) -> tuple[float, float, int]:
    """Seconds to write path's bytes in one f.write, and as many line writes as the file has lines; lines."""
    files = sorted(path.iterdir()) if path.is_dir() else [path]
    data = b"".join(p.read_bytes() for p in files)
    text = data.decode("utf-8")
    lines = text.splitlines(keepends=True)
    target = path.parent / "plain.tmp"
    best_one = best_lines = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        with open(target, "wb") as f:
            f.write(data)
        best_one = min(best_one, time.perf_counter() - started)
        started = time.perf_counter()
        with open(target, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as f:
            for line in lines:
                f.write(line)
        best_lines = min(best_lines, time.perf_counter() - started)
    target.unlink()
    return best_one, best_lines, len(lines)


def networkx_gexf(g, out: Path) -> None:
    import networkx as nx
    h = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: v for k, v in d.items() if v is not None})
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **{a: b for a, b in d.items() if b is not None})
    nx.write_gexf(h, out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=10_000, metavar="N")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-export-bench"))
    parser.add_argument("--store", type=Path, help="an existing store (skips generating and building)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--networkx", action="store_true", help="also time networkx.write_gexf")
    args = parser.parse_args(argv)
    from kg import export as ex
    from kg.graph import project
    from kg.store import open_store

    args.work.mkdir(parents=True, exist_ok=True)
    store_path = args.store or build(args.n, args.work)
    started = time.perf_counter()
    with open_store(str(store_path), read_only=True) as store:
        g = project(store)
    projected = time.perf_counter() - started
    g = ex.without_contacts(g)
    print(f"store {store_path}: {g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges; "
          f"projection {projected:.1f} s; process peak RSS so far "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    out = args.work / f"out-{args.n if not args.store else 'store'}"
    out.mkdir(exist_ok=True)
    today = date.today()
    writers = {
        "gexf 1.3": ("graph.gexf", lambda p: ex.write_gexf(g, p, version="1.3", today=today)),
        "gexf 1.2": ("graph-1.2.gexf", lambda p: ex.write_gexf(g, p, version="1.2", today=today)),
        "graphml": ("graph.graphml", lambda p: ex.write_graphml(g, p)),
        "csv": ("csv", lambda p: ex.write_csv(g, p)),
        "cytoscape": ("graph.cyjs", lambda p: ex.write_cytoscape(g, p)),
        "html": ("graph.html", lambda p: ex.write_html(g, p, today=today)),
    }
    if args.networkx:
        writers["networkx gexf"] = ("networkx.gexf", lambda p: networkx_gexf(g, p))
    rows = []
    for name, (filename, write) in writers.items():
        path = out / filename
        seconds = float("inf")
        for _ in range(args.repeat):
            started = time.perf_counter()
            write(path)
            seconds = min(seconds, time.perf_counter() - started)
        tracemalloc.start()
        write(path)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        one, lines, count = plain_writes(path)
        rows.append((name, size(path), seconds, peak, one, lines, count))
        print(f"  {name}: {seconds:.2f} s", file=sys.stderr)

    header = ("format", "MB", "seconds", "MB/s", "peak MB", "one write s", "× one write", "line writes s",
              "× line writes")
    table = [header]
    for name, nbytes, seconds, peak, one, lines, count in rows:
        table.append((name, f"{nbytes / 1e6:.1f}", f"{seconds:.2f}", f"{nbytes / 1e6 / seconds:.0f}",
                      f"{peak / 1e6:.0f}", f"{one:.3f}", f"{seconds / one:.0f}", f"{lines:.2f}",
                      f"{seconds / lines:.1f}"))
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in table[1:]:
        print("| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))) + " |")
    print(f"process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; "
          f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
