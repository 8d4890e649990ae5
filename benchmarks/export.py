"""Export benchmark: every `kg export` format on a big store, end to end, against writing the same bytes.

    python benchmarks/export.py [N] [--work DIR] [--store PATH] [--networkx]

Generates N documents (default 10,000) with benchmarks/corpus.py --seed 1 into WORK/corpus-N and builds
them with `kg build -q` into WORK/store-N (both kept and reused: 10,000 documents take about 12 minutes to
build on 2 cores), or uses --store (opened read-only). Then, for each format:

- end to end: `kg export FORMAT` (the whole graph, contacts left out) in a fresh process, store to file,
  start-up included: wall seconds (best of --repeat), CPU seconds, and the peak resident memory of the
  process (Oxigraph's included);
- writer: the writer alone, in this process, on the graph already read from the store (kg.graph.elements,
  timed once), with the cycle collector paused as in `kg export`: seconds (best of --repeat) and
  tracemalloc's peak of what it allocated (a separate run);
- the same bytes: the time to write the file's bytes with one plain f.write (the I/O floor), and with as
  many f.write calls of the same text as the file has lines (what any Python writer of this text pays);
  the ratios are the end-to-end and writer seconds over these.

"gexf 1.3 via networkx" is the same export through the networkx projection (`--types` of every type),
the path of sliced exports. --networkx adds networkx's own write_gexf (it builds a DOM; None and list
values removed first, as it refuses them) for comparison.
"""

import argparse
import gc
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


def end_to_end(store: Path, args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (bytes) of `kg --store STORE export ARGS...` in its own process."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "kg.cli", "--store", str(store), "export", *args],
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)  # the child's own rusage, not the maximum over all children
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"kg export {' '.join(args)} failed")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def plain_writes(path: Path) -> tuple[float, float, int]:
    """Seconds to write path's bytes in one f.write, and as many line writes as the file has lines; lines."""
    files = sorted(path.iterdir()) if path.is_dir() else [path]
    data = b"".join(p.read_bytes() for p in files)
    text = data.decode("utf-8")
    lines = text.splitlines(keepends=True)
    target = path.parent / "plain.tmp"
    best_one = best_lines = float("inf")
    for _ in range(5):
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
    from kg.graph import elements, project
    from kg.store import open_store

    args.work.mkdir(parents=True, exist_ok=True)
    store_path = (args.store or build(args.n, args.work)).resolve()
    out = args.work / f"out-{args.n if not args.store else 'store'}"
    out.mkdir(exist_ok=True)
    files = {"gexf 1.3": "graph.gexf", "gexf 1.2": "graph-1.2.gexf", "gexf 1.3 via networkx": "graph-nx.gexf",
             "graphml": "graph.graphml", "csv": "csv", "cytoscape": "graph.cyjs", "html": "graph.html",
             "networkx gexf": "networkx.gexf"}
    commands = {"gexf 1.3": ["gephi"], "gexf 1.2": ["gephi", "--gexf-version", "1.2"],
                "gexf 1.3 via networkx": ["gephi", "--types", ",".join(ex.NODE_TYPES)],
                "graphml": ["graphml"], "csv": ["csv"], "cytoscape": ["cytoscape"]}
    whole = {}
    for name, (command, *options) in commands.items():
        runs = [end_to_end(store_path, [command, "-o", str(out / files[name]), *options]) for _ in range(args.repeat)]
        whole[name] = min(r[0] for r in runs), min(r[1] for r in runs), max(r[2] for r in runs)
        print(f"  {name}: end to end {whole[name][0]:.1f} s", file=sys.stderr)

    started = time.perf_counter()
    with open_store(str(store_path), read_only=True) as store:
        found = elements(store, contacts=False)
        g = project(store, contacts=False) if args.networkx else None
    read = time.perf_counter() - started
    print(f"store {store_path}: {len(found.nodes):,} nodes, {len(found.edges):,} edges read in {read:.1f} s "
          f"(kg.graph.elements{' and project' if args.networkx else ''})")
    today = date.today()
    writers = {
        "gexf 1.3": lambda p: ex.write_gexf(found, p, version="1.3", today=today),
        "gexf 1.2": lambda p: ex.write_gexf(found, p, version="1.2", today=today),
        "graphml": lambda p: ex.write_graphml(found, p),
        "csv": lambda p: ex.write_csv(found, p),
        "cytoscape": lambda p: ex.write_cytoscape(found, p),
        "html": lambda p: ex.write_html(found, p, today=today),
    }
    if args.networkx:
        writers["networkx gexf"] = lambda p: networkx_gexf(g, p)
    gc.disable()  # as `kg export` runs its writers (kg.cli._collector_paused)
    rows = []
    for name in dict.fromkeys([*commands, *writers]):
        path = out / files[name]
        seconds = peak = None
        if name in writers:
            seconds = float("inf")
            for _ in range(args.repeat):
                started = time.perf_counter()
                writers[name](path)
                seconds = min(seconds, time.perf_counter() - started)
            tracemalloc.start()
            writers[name](path)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"  {name}: writer {seconds:.2f} s", file=sys.stderr)
        rows.append((name, size(path), whole.get(name), seconds, peak, *plain_writes(path)))

    header = ("format", "MB", "end to end s", "CPU s", "peak RSS MB", "× one write", "× line writes",
              "writer s", "writer peak MB", "× one write", "× line writes", "one write s", "line writes s")
    table = [header]
    for name, nbytes, e2e, seconds, peak, one, lines, _ in rows:
        cells = [name, f"{nbytes / 1e6:.1f}"]
        cells += [f"{e2e[0]:.1f}", f"{e2e[1]:.1f}", f"{e2e[2] / 2 ** 20:.0f}", f"{e2e[0] / one:.0f}",
                  f"{e2e[0] / lines:.1f}"] if e2e else ["–"] * 5
        cells += [f"{seconds:.2f}", f"{peak / 2 ** 20:.0f}", f"{seconds / one:.0f}",
                  f"{seconds / lines:.1f}"] if seconds is not None else ["–"] * 4
        table.append((*cells, f"{one:.3f}", f"{lines:.2f}"))
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in table[1:]:
        print("| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))) + " |")
    print(f"this process: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; "
          f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
