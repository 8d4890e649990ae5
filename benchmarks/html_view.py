"""The HTML view in a real browser: export the examples' graph with `kg export html`, open it in headless
Chromium with the network cut off, take screenshots, and check that the page drew the graph.

    python benchmarks/html_view.py [--out DIR] [--chromium PATH] [--store PATH]

Needs Chromium (`apt-get install chromium`; or pass --chromium). Builds the store of examples/ in a
temporary folder unless --store is given. Two page loads:

1. graph.html: the whole graph. The page reports in #status how many nodes Cytoscape.js holds and how
   many are visible; the screenshot must show the type colours of the nodes on the canvas.
2. graph.html#q=Rahul%20Menon: the page's search finds the person and opens the side panel, as a
   click does; the DOM must list the person's relations (worked at, knows) with evidence quotes.

Chromium runs with --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
--disable-component-update --disable-sync, a fresh --user-data-dir, and every host name mapped to
nothing (--host-resolver-rules) plus a dead proxy: a page that needed the network would come up empty.
Exits 0 when both checks pass; prints what it saw and where the screenshots are.
"""

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--window-size=1400,900",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--virtual-time-budget=5000"]
TYPE_COLORS = {"person": (31, 119, 180), "organization": (255, 127, 14), "school": (44, 160, 44),
               "skill": (148, 103, 189), "technology": (214, 39, 40), "posting": (140, 86, 75)}


def find_chromium(given: str | None) -> str | None:
    for candidate in (given, "chromium", "chromium-browser", "google-chrome", "/usr/bin/chromium"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


def chromium(binary: str, url: str, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile:
        return subprocess.run([binary, *FLAGS, f"--user-data-dir={profile}", *args, url],
                              capture_output=True, text=True, timeout=timeout)


def status(dom: str) -> dict[str, str]:
    """The data-* attributes of the page's #status element."""
    m = re.search(r'<div id="status"([^>]*)>', dom)
    return {k: html.unescape(v) for k, v in re.findall(r'data-([\w-]+)="([^"]*)"', m[1])} if m else {}


def colour_pixels(png: Path, left: int, right: int) -> dict[str, int]:
    """How many pixels of the canvas area (x in [left, right)) have each node type's colour (±12 per channel)."""
    from PIL import Image
    image = Image.open(png).convert("RGB")
    width, height = image.size
    counts = dict.fromkeys(TYPE_COLORS, 0)
    pixels = image.load()
    for y in range(0, height, 2):
        for x in range(left, min(right, width), 2):
            r, g, b = pixels[x, y]
            for name, (cr, cg, cb) in TYPE_COLORS.items():
                if abs(r - cr) <= 12 and abs(g - cg) <= 12 and abs(b - cb) <= 12:
                    counts[name] += 1
    return counts


def export_html(store: Path, out: Path, build: bool) -> str:
    kg = [sys.executable, "-m", "kg.cli", "--store", str(store)]
    if build:
        subprocess.run([*kg, "build", "-q", str(ROOT / "examples")], check=True, capture_output=True, text=True)
    done = subprocess.run([*kg, "export", "html", "-o", str(out)], check=True, capture_output=True, text=True)
    return done.stderr.strip()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "kg-html-view")
    parser.add_argument("--chromium", help="Chromium or Chrome binary (default: chromium on PATH)")
    parser.add_argument("--store", type=Path, help="Store to export (default: examples/ built in a temporary folder)")
    args = parser.parse_args(argv)
    binary = find_chromium(args.chromium)
    if not binary:
        print("no Chromium found: apt-get install chromium, or pass --chromium PATH", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    page = args.out / "graph.html"
    with tempfile.TemporaryDirectory(prefix="kg-store-") as tmp:
        print(export_html(args.store or Path(tmp) / "store", page, build=args.store is None))
    failures = []

    started = time.perf_counter()
    shot = args.out / "graph.png"
    chromium(binary, page.as_uri(), f"--screenshot={shot}")
    dom = chromium(binary, page.as_uri(), "--dump-dom").stdout
    seen = status(dom)
    pixels = colour_pixels(shot, 0, 1400 - 360) if shot.exists() else {}
    print(f"whole graph: status {seen}; node-colour pixels on the canvas {pixels}; "
          f"{time.perf_counter() - started:.1f} s; screenshot {shot}")
    if seen.get("ready") != "true" or int(seen.get("visible", 0)) == 0:
        failures.append("the page did not report visible nodes")
    if sum(1 for v in pixels.values() if v >= 20) < 4:
        failures.append("fewer than four node colours are drawn on the canvas")

    url = page.as_uri() + "#q=Rahul%20Menon"
    shot = args.out / "graph-selected.png"
    chromium(binary, url, f"--screenshot={shot}")
    dom = chromium(binary, url, "--dump-dom").stdout
    seen = status(dom)
    panel = dom[dom.find('<div id="details">'):]
    print(f"search and select: status {seen}; panel has 'worked at': {'worked at' in panel}, "
          f"'knows': {'knows' in panel}, quotes: {panel.count('<blockquote')}; screenshot {shot}")
    if seen.get("selected") != "Rahul Menon" or "worked at" not in panel or "<blockquote" not in panel:
        failures.append("searching 'Rahul Menon' did not open his facts and evidence in the side panel")

    for failure in failures:
        print("FAIL:", failure, file=sys.stderr)
    print("ok" if not failures else f"{len(failures)} check(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
