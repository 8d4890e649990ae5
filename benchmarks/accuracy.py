"""Score `kg extract` against hand-made gold annotations (gold-v1, see ../shared/gold/README.md).

    python benchmarks/accuracy.py                                   # the seeds
    python benchmarks/accuracy.py --gold tests/data/examples.gold.json --docs examples
    python benchmarks/accuracy.py --details                          # list misses and false positives

Prints precision, recall and F1 per field. A predicted string matches a gold item when it equals
the gold name or one of its aliases after lowercasing and collapsing whitespace; each prediction
matches at most one gold item and vice versa; items marked optional count neither way.
"""

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
FIELDS = ("person name", "employers", "titles", "institutions", "degrees", "skills", "technologies",
          "all skills", "posting required", "posting preferred")


def norm(text) -> str:
    return " ".join(str(text).lower().split()) if text else ""


def names(item: dict, key: str = "name", aliases: str = "aliases") -> set[str]:
    return {norm(item.get(key))} | {norm(a) for a in item.get(aliases, [])} - {""}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.misses += other.misses
        self.extras += other.extras

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def match_items(predicted: list[str], gold: list[dict], where: str = "") -> Score:
    """One-to-one matching of predicted strings to gold items (maximum bipartite matching)."""
    gold_names = [names(g) for g in gold]
    edges = [[j for j, gn in enumerate(gold_names) if norm(p) in gn] for p in predicted]
    owner: dict[int, int] = {}

    def augment(i, seen):
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(predicted)):
        augment(i, set())
    matched_pred = {i: j for j, i in owner.items()}
    score = Score()
    for i, p in enumerate(predicted):
        if i in matched_pred:
            if not gold[matched_pred[i]].get("optional"):
                score.tp += 1
        elif any(norm(p) in names(g) for g in gold if g.get("optional")):
            continue  # matches an optional item already taken: neither way
        else:
            score.fp += 1
            score.extras.append(f"{where}{p}")
    for j, g in enumerate(gold):
        if j not in owner and not g.get("optional"):
            score.fn += 1
            score.misses.append(f"{where}{g['name']}")
    return score


def _align(predicted: list[dict], gold: list[dict], key: str, aliases: str, tie) -> list[tuple[int, int]]:
    """Pair predicted and gold entries whose `key` matches, preferring pairs that `tie` scores higher."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            if norm(p.get(key)) and norm(p.get(key)) in names(g, key, aliases):
                pairs.append((tie(p, g), i, j))
    taken_p, taken_g, out = set(), set(), []
    for _, i, j in sorted(pairs, key=lambda t: -t[0]):
        if i not in taken_p and j not in taken_g:
            taken_p.add(i)
            taken_g.add(j)
            out.append((i, j))
    return out


def score_entries(predicted: list[dict], gold: list[dict], key: str, aliases: str, sub: str, sub_aliases: str,
                  tie, where: str) -> tuple[Score, Score]:
    """Score entries (positions, education) on their key field and on one attribute of aligned pairs."""
    pairs = _align(predicted, gold, key, aliases, tie)
    main, attr = Score(), Score()
    pred_of = {i: j for i, j in pairs}
    gold_of = {j: i for i, j in pairs}
    for i, p in enumerate(predicted):
        j = pred_of.get(i)
        if j is not None and gold[j].get("optional"):
            continue
        if j is not None:
            main.tp += 1
            g = gold[j]
            if g.get(sub):
                if norm(p.get(sub)) in names(g, sub, sub_aliases):
                    attr.tp += 1
                else:
                    attr.fn += 1
                    attr.misses.append(f"{where}{g[sub]}")
                    if p.get(sub):
                        attr.fp += 1
                        attr.extras.append(f"{where}{p[sub]}")
            elif p.get(sub):
                attr.fp += 1
                attr.extras.append(f"{where}{p[sub]} (unstated)")
        else:
            if p.get(key):
                main.fp += 1
                main.extras.append(f"{where}{p[key]}")
            if p.get(sub):
                attr.fp += 1
                attr.extras.append(f"{where}{p[sub]}")
    for j, g in enumerate(gold):
        if j in gold_of or g.get("optional"):
            continue
        main.fn += 1
        main.misses.append(f"{where}{g[key]}")
        if g.get(sub):
            attr.fn += 1
            attr.misses.append(f"{where}{g[sub]}")
    return main, attr


def score_document(pred: dict, gold: dict) -> dict[str, Score]:
    where = f"{gold['file']}: "
    scores = {name: Score() for name in FIELDS}
    gp, pp = gold.get("person"), pred.get("person") or {}
    if gp:
        predicted_name = pp.get("name")
        if predicted_name and norm(predicted_name) in names(gp):
            scores["person name"].tp += 1
        else:
            scores["person name"].fn += 1
            scores["person name"].misses.append(f"{where}{gp['name']}")
            if predicted_name:
                scores["person name"].fp += 1
                scores["person name"].extras.append(f"{where}{predicted_name}")

    def position_tie(p, g):
        return (norm(p.get("title")) in names(g, "title", "title_aliases")) * 2 + (p.get("start") == g.get("start"))

    employers, titles = score_entries(pred.get("positions", []), gold.get("positions", []), "employer",
                                      "employer_aliases", "title", "title_aliases", position_tie, where)
    scores["employers"].add(employers)
    scores["titles"].add(titles)

    def education_tie(p, g):
        return (norm(p.get("degree")) in names(g, "degree", "degree_aliases")) * 2 + (p.get("end") == g.get("end"))

    institutions, degrees = score_entries(pred.get("education", []), gold.get("education", []), "institution",
                                          "institution_aliases", "degree", "degree_aliases", education_tie, where)
    scores["institutions"].add(institutions)
    scores["degrees"].add(degrees)

    skills = pred.get("skills", [])
    if gold["kind"] == "resume":
        scores["skills"].add(match_items([s["label"] for s in skills if s["type"] == "skill"], gold["skills"], where))
        scores["technologies"].add(match_items([s["label"] for s in skills if s["type"] == "technology"],
                                               gold["technologies"], where))
        scores["all skills"].add(match_items([s["label"] for s in skills], gold["skills"] + gold["technologies"],
                                             where))
    if gold.get("job"):
        job = pred.get("job") or {}
        scores["posting required"].add(match_items([s["label"] for s in job.get("required", [])],
                                                   gold["job"]["required"], where + "required "))
        scores["posting preferred"].add(match_items([s["label"] for s in job.get("preferred", [])],
                                                    gold["job"]["preferred"], where + "preferred "))
    return scores


def extract_all(paths: list[Path]) -> list[dict]:
    sys.path.insert(0, str(HERE.parent))
    from kg.documents import read_document
    from kg.extract import default_nlp, extract

    nlp = default_nlp()
    return [extract(read_document(p), nlp).to_json() for p in paths]


def evaluate(gold_path: Path, docs: Path) -> dict[str, Score]:
    gold = json.loads(gold_path.read_text())
    predicted = extract_all([docs / d["file"] for d in gold["documents"]])
    totals = {name: Score() for name in FIELDS}
    for pred, doc in zip(predicted, gold["documents"]):
        for name, score in score_document(pred, doc).items():
            totals[name].add(score)
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=SHARED / "gold" / "seeds.json")
    parser.add_argument("--docs", type=Path, default=None, help="folder of the gold's files (default: seeds)")
    parser.add_argument("--details", action="store_true", help="print every miss and false positive")
    args = parser.parse_args()
    docs = args.docs or (SHARED / "seeds" if args.gold.name == "seeds.json" else args.gold.parent)
    totals = evaluate(args.gold, docs)
    print(f"{'field':<18} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}")
    for name, s in totals.items():
        if s.tp + s.fp + s.fn:
            print(f"{name:<18} {s.precision:6.2f} {s.recall:6.2f} {s.f1:6.2f} {s.tp:5d} {s.fp:5d} {s.fn:5d}")
    if args.details:
        for name, s in totals.items():
            for miss in s.misses:
                print(f"MISS  {name:<17} {miss}")
            for extra in s.extras:
                print(f"EXTRA {name:<17} {extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
