"""Build speed and memory on generated corpora, and the incremental rebuild.

    python benchmarks/build.py 10000                  # corpus of 10k documents (generated once, cached)
    python benchmarks/build.py 2000 10000 --workers 2 --keep /tmp/kg-bench

For each size: a fresh `kg build` through the CLI (start-up included), wall time, documents per
second, peak memory of the whole process tree (sampled from /proc), then a rebuild after touching
1% of the files. Also, in this process on a sample of the corpus: milliseconds per document for
spaCy's bare tokenizer and for our extraction (+ RDF), and their ratio (the tokenizer is the floor
for any spaCy-based extractor).
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
KG = [sys.executable, "-m", "kg.cli"]


def corpus(n: int, root: Path, seed: int = 1) -> Path:
    folder = root / f"corpus-{n}-{seed}"
    if not folder.exists():
        tmp = root / f".corpus-{n}-{seed}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        subprocess.run([sys.executable, str(HERE / "corpus.py"), str(n), str(tmp), "--seed", str(seed)], check=True)
        tmp.rename(folder)
    return folder


def _tree_rss(pid: int) -> int:
    """Memory (bytes) of a process and all its descendants: proportional set size, so the pages
    forked workers share with their parent count once."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                total += next(int(line.split()[1]) * 1024 for line in f if line.startswith("Pss:"))
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, StopIteration):
            continue
    return total


def timed_build(args: list[str]) -> tuple[float, int, str]:
    """(seconds, peak tree RSS in bytes, last output line) of one `kg` run."""
    peak = 0
    start = time.perf_counter()
    process = subprocess.Popen(KG + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.5)  # each read of a 1 GB process's smaps costs ~30 ms: at 0.2 s, 14% of a core

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):
        raise RuntimeError(f"kg {' '.join(args)} failed: {err[-2000:]}")
    lines = (out.strip().splitlines() or [""])
    return time.perf_counter() - start, peak, lines[-1]


def per_document_costs(folder: Path, sample: int = 400) -> tuple[float, float, float]:
    """ms per document for spaCy's bare tokenizer, extraction and extraction + RDF, on the same texts.

    As in a build's worker: both tokenizers first see other documents of the corpus (their caches
    of words warm), then each of three runs times documents neither has seen (best of three)."""
    sys.path.insert(0, str(HERE.parent))
    import spacy

    from kg.documents import iter_paths, read_document
    from kg.extract import default_nlp, extract
    from kg.rdf import to_nquads
    from kg.resolve import resolve

    everything = list(iter_paths([folder]))  # seeded samples of the whole corpus: its first files are all postings
    paths = random.Random(3).sample(everything, min(4 * sample, len(everything)))
    warm, *runs = [[read_document(p) for p in paths[i::4]] for i in range(4)]
    nlp = default_nlp()
    stock = spacy.blank("en").tokenizer  # the floor: spaCy's own, not the cheaper searches kg gives its pipeline
    for d in warm:
        stock(d.text)
        extract(d, nlp)
    best = [float("inf")] * 3
    for docs in runs:  # best of three: the machine is shared
        t0 = time.perf_counter()
        for d in docs:
            stock(d.text)
        t1 = time.perf_counter()
        extractions = [extract(d, nlp) for d in docs]
        t2 = time.perf_counter()
        for e in extractions:
            to_nquads(e, resolve(e))
        t3 = time.perf_counter()
        best = [min(b, (v * 1000 / len(docs))) for b, v in zip(best, (t1 - t0, t2 - t1, t3 - t1))]
    return tuple(best)


def touch_one_percent(folder: Path, seed: int = 7) -> int:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    chosen = random.Random(seed).sample(files, max(1, len(files) // 100))
    for path in chosen:
        with open(path, "a", encoding="utf-8") as f:
            f.write("\n- Mentored two junior engineers.\n")
    return len(chosen)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--keep", type=Path, default=Path("/tmp/kg-bench"), help="where corpora and stores live")
    args = parser.parse_args()
    args.keep.mkdir(parents=True, exist_ok=True)
    workers = ["--workers", str(args.workers)] if args.workers else []
    print(f"{'docs':>7} {'build s':>8} {'docs/s':>7} {'peak MB':>8} {'rebuild 1% s':>13} {'rebuild/build':>14}")
    for n in args.sizes:
        work = args.keep / f"work-{n}"  # a copy: the rebuild edits 1% of its files
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(corpus(n, args.keep), work)
        store = args.keep / f"store-{n}"
        shutil.rmtree(store, ignore_errors=True)
        seconds, peak, summary = timed_build(["--store", str(store), "build", "-q", *workers, str(work)])
        changed = touch_one_percent(work)
        again, _, again_summary = timed_build(["--store", str(store), "build", "-q", *workers, str(work)])
        shutil.rmtree(work, ignore_errors=True)
        print(f"{n:7d} {seconds:8.1f} {n / seconds:7.0f} {peak / 2**20:8.0f} {again:13.1f} {again / seconds:14.2f}"
              f"   ({summary}; {changed} changed: {again_summary})")
    tokenizer, extraction, with_rdf = per_document_costs(corpus(args.sizes[0], args.keep))
    print(f"\nper document, in process: tokenizer {tokenizer:.2f} ms, extraction {extraction:.2f} ms "
          f"({extraction / tokenizer:.1f}x), extraction + RDF {with_rdf:.2f} ms ({with_rdf / tokenizer:.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
