"""Skills and technologies found in postings unlike ours: the SkillSpan development split (58 real job
postings annotated by others, ../shared/devsets/skillspan-dev, MIT; see its README).

    python benchmarks/skillspan.py              # recall of the annotated knowledge spans, and what we add
    python benchmarks/skillspan.py --details    # the spans missed and our mentions not annotated, by count

Each posting is written to a .txt file and read as a job posting, as `kg build --kind job_posting`
would read it. A "knowledge" span (tools, technologies, languages, fields: "java", "reactjs") counts
as found when one of our mentions in that posting has the same text, or names a concept with that
label or alias, after lowercasing and treating hyphens, underscores and runs of spaces alike. Our
mentions are reported as annotated when their text equals a knowledge span or lies inside a "skills"
span (applied skills, annotated as long phrases), else as not annotated: a taxonomy extractor is
not expected to match the annotators' spans exactly, so read the lists, not just the ratios.
"""

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEVSET = HERE.parent.parent / "shared" / "devsets" / "skillspan-dev" / "postings.jsonl"


def norm(text: str) -> str:
    return re.sub(r"[\s\-_]+", " ", text.lower()).strip(" .,;:!?()")


def score(postings: list[dict]) -> tuple[Counter, Counter, Counter]:
    """(found, missed, ours not annotated) as counts of normalized strings over all postings."""
    from kg.documents import read_document
    from kg.extract import default_nlp, extract
    nlp = default_nlp()
    found, missed, extra = Counter(), Counter(), Counter()
    with tempfile.TemporaryDirectory() as folder:
        for posting in postings:
            path = Path(folder) / f"{posting['id']}.txt"
            path.write_text(posting["text"], encoding="utf-8")
            extraction = extract(read_document(path, kind="job_posting"), nlp)
            text = extraction.document.text
            surfaces = {norm(text[m.start:m.end]) for m in extraction.skills}
            labels = {norm(label) for m in extraction.skills for label in m.concept.labels}
            knowledge = {norm(span) for span in posting["knowledge"]} - {""}
            skills = [norm(span) for span in posting["skills"]]
            for span in knowledge:
                (found if span in surfaces or span in labels else missed)[span] += 1
            for surface in surfaces:
                if surface not in knowledge and not any(f" {surface} " in f" {s} " for s in skills):
                    extra[surface] += 1
    return found, missed, extra


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()
    postings = [json.loads(line) for line in args.devset.read_text(encoding="utf-8").splitlines() if line.strip()]
    found, missed, extra = score(postings)
    hits, misses, extras = sum(found.values()), sum(missed.values()), sum(extra.values())
    print(f"{len(postings)} postings: knowledge spans found {hits} of {hits + misses} "
          f"(recall {hits / max(1, hits + misses):.2f}); our mentions not annotated: {extras}")
    if args.details:
        print("\nmissed:", ", ".join(f"{span} ({n})" for span, n in missed.most_common()))
        print("\nnot annotated:", ", ".join(f"{span} ({n})" for span, n in extra.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
