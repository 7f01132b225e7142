"""Score délib's line classifier against the rules on documents it never saw.

    .venv/bin/python scripts/eval_line_classifier.py --gold /tmp/g/unseen --work /tmp/line_classifier

Texts and labels are made exactly as for training (see train_line_classifier.py:
`delib run`, fuzzy match of the gold objets); the thresholds are those chosen by
cross-validation on dev, read from the model's meta.json: nothing is tuned here.
Prints line-level precision / recall / F1 for the rules alone (`_reads_as_title`, and
the title lines of the deliberations `find_deliberations` finds), the model alone, and
the model filtering each rule's candidates, overall and per collectivité, next to the
leave-one-collectivité-out numbers on dev (models/line_classifier/cv_results.json);
writes them to models/line_classifier/eval_results.json.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_line_classifier as T  # noqa: E402


def table(rows: dict[str, dict[str, dict]]) -> str:
    """Markdown: one row per system, P/R/F1 per column group."""
    sets = list(rows)
    head = "| system | " + " | ".join(f"{s} P | {s} R | {s} F1" for s in sets) + " |"
    sep = "|---|" + "---:|" * (3 * len(sets))
    lines = [head, sep]
    for system in T.SYSTEMS:
        cells = []
        for s in sets:
            m = rows[s][system]
            cells += [f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"**{m['f1']:.3f}**"]
        lines.append(f"| {system} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, required=True, help="unseen gold folder (scripts/gold_split.py OUT makes OUT/unseen)")
    ap.add_argument("--docs", type=Path, nargs="+", default=[T.ROOT.parent / "shared" / "corpus2" / "docs", T.ROOT.parent / "shared" / "corpus"])
    ap.add_argument("--work", type=Path, default=Path("/tmp/line_classifier"))
    ap.add_argument("--model", type=Path, default=T.MODEL_HOME / "model")
    args = ap.parse_args()

    import spacy

    started = time.perf_counter()
    nlp = spacy.load(args.model)
    load_seconds = time.perf_counter() - started
    variant = nlp.meta["delib_variant"]
    thresholds = nlp.meta["delib_thresholds"]

    records = T.build_texts(args.gold, args.docs, args.work / "unseen")
    T.prepare(records)
    T.predict(nlp, records, variant)
    groups = sorted({r["collectivite"] for r in records})
    unseen = T.score_all(records, thresholds)
    per_group = {g: T.score_all([r for r in records if r["collectivite"] == g], thresholds) for g in groups}

    cv = json.loads((T.MODEL_HOME / "cv_results.json").read_text())
    chosen = next(c for c in cv["candidates"] if c["variant"] == cv["chosen"]["variant"]
                  and c["ngram_size"] == cv["chosen"]["ngram_size"])
    size = sum(p.stat().st_size for p in args.model.rglob("*") if p.is_file())
    result = {"model": {"variant": variant, "thresholds": thresholds, "size_bytes": size,
                        "load_seconds": round(load_seconds, 2)},
              "unseen_coverage": T.coverage(records), "unseen": unseen, "unseen_per_collectivite": per_group,
              "dev_loco_coverage": cv["coverage"], "dev_loco": chosen["scores"]}
    (T.MODEL_HOME / "eval_results.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(f"model {args.model}: variant {variant}, thresholds {thresholds}, {size / 1e6:.2f} MB, loads in {load_seconds:.2f} s")
    print("unseen:", T.coverage(records))
    print(table({"unseen": unseen, "dev LOCO": chosen["scores"]}))
    print()
    print("unseen, F1 per collectivité:")
    print("| collectivité | " + " | ".join(T.SYSTEMS) + " |")
    print("|---|" + "---:|" * len(T.SYSTEMS))
    for g in groups:
        print(f"| {g} | " + " | ".join(f"{per_group[g][s]['f1']:.3f}" for s in T.SYSTEMS) + " |")


if __name__ == "__main__":
    main()
