"""Train délib's line classifier (issue 11, point 5): is a line the title of a deliberation item?

    .venv/bin/python scripts/train_line_classifier.py --gold /tmp/g/dev \
        --docs /work/shared/corpus2/docs /work/shared/corpus --work /tmp/line_classifier

1. Texts: the documents named by the gold files' "source" go through `delib run`
   (WORK/<set>/text/<doc_id>.txt, documents.parquet, segments.parquet).
2. Labels: a line is TITLE when it is the first printed line of a gold "objet" (fuzzy:
   difflib ratio >= 0.85 between the normalised line and the objet's start, numbers,
   enumerators and « Objet : » stripped). When an objet matches several lines (the
   agenda, then the item), the best match is the positive (ties: the later line, the
   item after its announcement) and the other matches are left out of training and
   scoring: they are neither clearly titles nor clearly not. Every other non-blank line
   is OTHER.
3. Model choice: leave-one-collectivité-out over the dev collectivités, for each
   candidate (input variant x n-gram size); the candidate with the best pooled
   out-of-fold F1 wins, and the decision threshold (model alone, and model filtering the
   rules' candidates) is the one maximising that pooled F1. Nothing of the unseen set is
   read here.
4. Final model: `spacy train` on all dev lines with models/line_classifier/config.cfg,
   written to models/line_classifier/model (model-last), with the variant and
   thresholds in its meta.json; the cross-validation numbers go to
   models/line_classifier/cv_results.json.
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from delib.output.parquet import read_parquet  # noqa: E402 - after the path above

MODEL_HOME = ROOT / "models" / "line_classifier"
CONFIG = MODEL_HOME / "config.cfg"
MATCH = 0.85
MIN_LINE = 10  # a normalised line shorter than this matches only an objet as short
GRID = [("features", 1), ("features", 2), ("context", 1), ("line", 1)]
EPOCHS = 10


# --- texts --------------------------------------------------------------------------------

def find_source(name: str, dirs: list[Path]) -> Path:
    for d in dirs:
        if (d / name).is_file():
            return d / name
    raise FileNotFoundError(f"{name} not in {', '.join(map(str, dirs))}")


def collectivite(name: str) -> str:
    return name.split("_")[0]


def build_texts(gold_dir: Path, doc_dirs: list[Path], out: Path) -> list[dict]:
    """One record per gold file: name, collectivité, text, objets, the rules' segments."""

    golds = [json.loads(p.read_text()) for p in sorted(gold_dir.glob("*.json"))]
    files = [find_source(g["source"], doc_dirs) for g in golds]
    if not (out / "documents.parquet").is_file() or not (out / "segments.parquet").is_file():
        subprocess.run([str(ROOT / ".venv" / "bin" / "delib"), "run", *map(str, files), "--out", str(out),
                        "--timeout", "900", "-q"], check=False)
    docs = read_parquet(out / "documents.parquet")
    segs = read_parquet(out / "segments.parquet")
    segs = segs[segs["kind"] == "deliberation"]
    records = []
    for g in golds:
        row = docs[docs["file_name"] == g["source"]]
        if row.empty:
            raise RuntimeError(f"{g['source']} missing from {out}/documents.parquet")
        doc_id = row.iloc[0]["doc_id"]
        text = (out / "text" / f"{doc_id}.txt").read_text()
        mine = segs[segs["doc_id"] == doc_id]
        records.append({
            "name": g["source"], "collectivite": collectivite(g["source"]), "doc_id": doc_id, "text": text,
            "objets": [d["objet"] for d in g.get("deliberations") or [] if d.get("objet")],
            "segments": [(int(r.char_start), r.title if isinstance(r.title, str) else None) for r in mine.itertuples()],
        })
    return records


# --- labels -------------------------------------------------------------------------------

_LEADS = [
    re.compile(r"^[\W_]+"),
    re.compile(r"^(?:objet|deliberation|delib|point|question|rapport)s?\b\s*(?:n\s*°|no\b|numero)?\s*[:.\-]?\s*"),
    re.compile(r"^(?:n\s*°|no\s)\s*"),
    re.compile(r"^\d[\d./\-_ ]*(?:[a-z]\b)?[\s.)\-:°]*"),
    re.compile(r"^[ivxl]{1,6}\s*[.)\-]\s*"),
    re.compile(r"^[a-z]\s*[.)]\s+"),
]


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("’", "'").replace("–", "-").replace("—", "-")
    s = re.sub(r"\s+", " ", s).strip()
    changed = True
    while changed:
        changed = False
        for lead in _LEADS:
            new = lead.sub("", s, count=1)
            if new != s:
                s, changed = new, True
    return re.sub(r"\s+", " ", re.sub(r"[^\w]+", " ", s)).strip()


def match_score(line: str, objet: str) -> float:
    """How well `line` reads as the start of `objet` (both normalised)."""
    if not line or not objet:
        return 0.0
    if len(line) < MIN_LINE and len(line) < len(objet):
        return 0.0
    a, b = (line[:len(objet)], objet) if len(line) >= len(objet) else (line, objet[:len(line)])
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < MATCH or sm.quick_ratio() < MATCH:
        return 0.0  # upper bounds of ratio(): below the match, what it is exactly does not matter
    return sm.ratio()


SKIP_WORDS = 6  # words a title may be preceded by on its line (« DL-057-07-13 - », « Philippe SAUREL 5. »)


def variants(line: str) -> list[tuple[int, str]]:
    """The normalised line, and without up to SKIP_WORDS leading words (a register code,
    the rapporteur's name printed in the margin): (words skipped, text)."""
    words = line.split(" ")
    return [(0, line)] + [(k, norm(" ".join(words[k:]))) for k in range(1, min(SKIP_WORDS, len(words) - 1) + 1)]


def line_score(line, objet: str) -> float:
    """The best `match_score` of the line's variants (a normalised line or the output
    of `variants`), less 0.01 a word skipped."""
    vs = variants(line) if isinstance(line, str) else line
    return max(match_score(v, objet) - 0.01 * k for k, v in vs)


def label_lines(lines: list[str], objets: list[str]) -> tuple[list, int]:
    """Per line: 1 (title), 0 (other), None (blank, or an objet's weaker match: left out).
    Returns the labels and how many objets were found.

    A line shorter than the objet is scored joined to the next two non-blank lines too
    (a title printed over several lines: « OBJET : Finances Communales : » then « Vote du
    taux… »), and alone with a 0.1 handicap, so that of several objets starting alike
    each goes to its own line. Lines and objets are paired best score first (ties: the
    later line)."""
    normed = [norm(line) if line.strip() else "" for line in lines]
    nonblank = [i for i, n in enumerate(normed) if n]
    labels: list = [0 if line.strip() else None for line in lines]
    pairs = []
    hits_of: dict[int, list[int]] = {}
    alone_vs = {i: variants(normed[i]) for i in nonblank}
    joined_vs = {i: variants(" ".join(normed[x] for x in nonblank[j:j + 3])) for j, i in enumerate(nonblank)}
    for k, objet in enumerate(objets):
        o = norm(objet)
        for i in nonblank:
            n = normed[i]
            alone = line_score(alone_vs[i], o)
            if len(n) < 0.6 * len(o):
                joined = line_score(joined_vs[i], o)
                score = max(joined, alone - 0.1)
            else:
                score = alone
            if score >= MATCH:
                pairs.append((score, i, k))
                hits_of.setdefault(k, []).append(i)
    pairs.sort(reverse=True)
    done_lines, done_objets = set(), set()
    for score, i, k in pairs:
        if i in done_lines or k in done_objets:
            continue
        done_lines.add(i)
        done_objets.add(k)
        labels[i] = 1
    for k, hits in hits_of.items():
        for i in hits:
            if labels[i] == 0:
                labels[i] = None
    return labels, len(hits_of)


def line_offsets(text: str) -> list[int]:
    offsets, pos = [], 0
    for line in text.split("\n"):
        offsets.append(pos)
        pos += len(line) + 1
    return offsets


def segment_lines(text: str, segments: list[tuple[int, str]]) -> set[int]:
    """The lines where the rules' deliberation segments print their title: the line of
    the segment's start, or the first of the next few lines holding the title found."""
    import bisect

    lines = text.split("\n")
    offsets = line_offsets(text)
    out = set()
    for start, title in segments:
        i = bisect.bisect_right(offsets, start) - 1
        pick = i
        t = norm(title or "")[:30]
        if t:
            for j in range(i, min(i + 6, len(lines))):
                if t in norm(lines[j]) or line_score(norm(lines[j]), norm(title)) >= MATCH:
                    pick = j
                    break
        out.add(pick)
    return out


def prepare(records: list[dict]) -> None:
    """Adds lines, labels, rule predictions to each record."""
    from delib.segment.minutes import _reads_as_title

    for r in records:
        r["lines"] = r["text"].split("\n")
        r["labels"], r["found"] = label_lines(r["lines"], r["objets"])
        r["rule"] = [bool(line.strip()) and _reads_as_title(line.strip()) for line in r["lines"]]
        segs = segment_lines(r["text"], r["segments"])
        r["segment"] = [i in segs for i in range(len(r["lines"]))]


# --- spaCy --------------------------------------------------------------------------------

def write_docbin(records: list[dict], variant: str, path: Path) -> int:
    import spacy
    from spacy.tokens import DocBin

    from line_model import line_contexts

    nlp = spacy.blank("fr")
    db = DocBin()
    n = 0
    for r in records:
        for ctx, label in zip(line_contexts(r["lines"], variant), r["labels"]):
            if ctx is None or label is None:
                continue
            doc = nlp.make_doc(ctx)
            doc.cats = {"TITLE": float(label == 1), "OTHER": float(label != 1)}
            db.add(doc)
            n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return n


def spacy_train(train: Path, out: Path, ngram: int, epochs: int = EPOCHS) -> Path:
    """`spacy train` with the recipe's config; returns the model-last folder."""
    cmd = [sys.executable, "-m", "spacy", "train", str(CONFIG), "--output", str(out),
           "--paths.train", str(train), "--paths.dev", str(train),
           "--components.textcat.model.ngram_size", str(ngram), "--training.max_epochs", str(epochs)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return out / "model-last"


def predict(nlp, records: list[dict], variant: str) -> None:
    from line_model import line_contexts

    for r in records:
        ctxs = line_contexts(r["lines"], variant)
        texts = [c for c in ctxs if c is not None]
        probs = iter([d.cats["TITLE"] for d in nlp.pipe(texts, batch_size=512)])
        r["prob"] = [next(probs) if c is not None else 0.0 for c in ctxs]


# --- scores -------------------------------------------------------------------------------

def prf(records: list[dict], predicted) -> dict:
    """Line-level precision / recall / F1: `predicted(record, i)` says whether line i is a title."""
    tp = fp = fn = 0
    for r in records:
        for i, label in enumerate(r["labels"]):
            if label is None:
                continue
            p = predicted(r, i)
            tp += p and label == 1
            fp += p and label != 1
            fn += (not p) and label == 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "tp": tp, "fp": fp, "fn": fn}


SYSTEMS = {
    "rules: _reads_as_title": lambda t: lambda r, i: r["rule"][i],
    "rules: find_deliberations titles": lambda t: lambda r, i: r["segment"][i],
    "model alone": lambda t: lambda r, i: r["prob"][i] >= t["model"],
    "_reads_as_title AND model": lambda t: lambda r, i: r["rule"][i] and r["prob"][i] >= t["rule_and"],
    "find_deliberations AND model": lambda t: lambda r, i: r["segment"][i] and r["prob"][i] >= t["segment_and"],
}


def best_threshold(records: list[dict], gate: str | None) -> tuple[float, float]:
    best = (0.5, -1.0)
    for k in range(5, 100, 5):
        t = k / 100
        f = prf(records, lambda r, i: (gate is None or r[gate][i]) and r["prob"][i] >= t)["f1"]
        if f > best[1]:
            best = (t, f)
    return best


def score_all(records: list[dict], thresholds: dict) -> dict:
    return {name: prf(records, make(thresholds)) for name, make in SYSTEMS.items()}


def coverage(records: list[dict]) -> dict:
    return {"documents": len(records), "objets": sum(len(r["objets"]) for r in records),
            "objets_found_in_text": sum(r["found"] for r in records),
            "lines_scored": sum(l is not None for r in records for l in r["labels"]),
            "positives": sum(l == 1 for r in records for l in r["labels"]),
            "left_out_duplicates": sum(l is None and bool(line.strip()) for r in records
                                       for l, line in zip(r["labels"], r["lines"]))}


# --- main ---------------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, required=True, help="dev gold folder (scripts/gold_split.py OUT makes OUT/dev)")
    ap.add_argument("--docs", type=Path, nargs="+", default=[ROOT.parent / "shared" / "corpus2" / "docs", ROOT.parent / "shared" / "corpus"])
    ap.add_argument("--work", type=Path, default=Path("/tmp/line_classifier"))
    ap.add_argument("--out", type=Path, default=MODEL_HOME / "model")
    ap.add_argument("--grid", choices=["full", "none"], default="full",
                    help="none: skip the search, train the first candidate of the grid")
    args = ap.parse_args()

    import spacy

    records = build_texts(args.gold, args.docs, args.work / "dev")
    prepare(records)
    groups = sorted({r["collectivite"] for r in records})
    print("dev:", coverage(records), "collectivités:", groups, flush=True)

    grid = GRID if args.grid == "full" else GRID[:1]
    results = []
    for variant, ngram in grid:
        for held in groups:
            train = [r for r in records if r["collectivite"] != held]
            test = [r for r in records if r["collectivite"] == held]
            fold = args.work / "cv" / f"{variant}-{ngram}-{held}"
            write_docbin(train, variant, fold / "train.spacy")
            model = spacy_train(fold / "train.spacy", fold / "out", ngram)
            predict(spacy.load(model), test, variant)
            shutil.rmtree(fold / "out", ignore_errors=True)
        thresholds = {"model": best_threshold(records, None)[0], "rule_and": best_threshold(records, "rule")[0],
                      "segment_and": best_threshold(records, "segment")[0]}
        scores = score_all(records, thresholds)
        per_group = {g: score_all([r for r in records if r["collectivite"] == g], thresholds) for g in groups}
        results.append({"variant": variant, "ngram_size": ngram, "epochs": EPOCHS, "thresholds": thresholds,
                        "scores": scores, "per_collectivite": per_group})
        print(variant, ngram, thresholds, json.dumps({k: v["f1"] for k, v in scores.items()}), flush=True)

    best = max(results, key=lambda x: x["scores"]["model alone"]["f1"])
    print("chosen:", best["variant"], best["ngram_size"], best["thresholds"], flush=True)
    (MODEL_HOME / "cv_results.json").write_text(json.dumps(
        {"coverage": coverage(records), "collectivites": groups, "chosen": {k: best[k] for k in ("variant", "ngram_size", "epochs", "thresholds")},
         "candidates": results}, indent=1, ensure_ascii=False))

    final = args.work / "final"
    write_docbin(records, best["variant"], final / "train.spacy")
    model = spacy_train(final / "train.spacy", final / "out", best["ngram_size"])
    nlp = spacy.load(model)
    nlp.meta["name"] = "delib_line_classifier"
    nlp.meta["description"] = "Line classifier for council minutes: TITLE of a deliberation item or OTHER (délib, issue 11.5)"
    nlp.meta["delib_variant"] = best["variant"]
    nlp.meta["delib_thresholds"] = best["thresholds"]
    nlp.meta["delib_trained_on"] = [r["name"] for r in records]
    shutil.rmtree(args.out, ignore_errors=True)
    nlp.to_disk(args.out)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"model: {args.out} ({size / 1e6:.2f} MB)")
    if size > 5e6:
        print("model larger than 5 MB: not kept in the repository", file=sys.stderr)
        shutil.move(str(args.out), str(args.work / "model-too-large"))


if __name__ == "__main__":
    main()
