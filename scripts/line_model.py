"""An optional trained line classifier: is this line the title of a deliberation item?

Issue 11, point 5: a statistical complement to the title rules of `minutes.py`
(`_reads_as_title`), for layouts the rules do not generalise to. The model is a
small spaCy text classifier (bag of words, exclusive classes TITLE / OTHER) trained
by `scripts/train_line_classifier.py` into `models/line_classifier/model/`; see
`models/line_classifier/README.md` for how it was trained and how it scores against
the rules on collectivités it never saw.

Nothing in the pipeline calls this module: the model did not earn its place (see
the README). `load_line_model()` returns None when the model folder is absent, so a
caller can always fall back on the rules.

Each line is classified with its context, written as one text for the classifier by
`line_contexts`: hand-made feature tokens (shape of the line and of its neighbours,
whether the rules read it as a title), the words of the line, and the first words of
the previous and next non-blank lines, prefixed so they are not mistaken for the
line's own words.
"""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Optional

from delib.lang.text import fold

# models/line_classifier/model, next to the recipe; DELIB_LINE_MODEL overrides it.
MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "line_classifier" / "model"
LABEL = "TITLE"
CONTEXT_WORDS = 4  # words of the previous and next lines given to the classifier

_SENTENCE_END = re.compile(r"[.!?;:»)]$")
_ENUMERATED = re.compile(r"^\W*(?:n\s*°\s*)?(?:\d[\d./\-_ ]*|[IVXL]{1,6}\b|[a-zA-Z][.)])")
_WORD = re.compile(r"\w+", re.U)


def _caps(line: str) -> bool:
    letters = sum(c.isalpha() for c in line)
    return letters > 0 and sum(c.isupper() for c in line) >= 0.7 * letters


def _shape(prefix: str, line: str) -> list[str]:
    """Feature tokens describing how a line looks (case, length, ending, numbering)."""
    if not line:
        return [f"{prefix}blank"]
    feats = [f"{prefix}len{min(len(line) // 20, 6)}"]
    if _caps(line):
        feats.append(f"{prefix}caps")
    if line[0].isupper():
        feats.append(f"{prefix}upper")
    elif line[0].islower():
        feats.append(f"{prefix}lower")
    if _ENUMERATED.match(line):
        feats.append(f"{prefix}enum")
    end = line[-1]
    feats.append(f"{prefix}end" + {".": "dot", ":": "colon", ",": "comma", ";": "semi"}.get(end, "alnum" if end.isalnum() else "other"))
    return feats


def _words(prefix: str, line: str) -> list[str]:
    return [prefix + w for w in _WORD.findall(fold(line).lower())[:CONTEXT_WORDS]]


VARIANTS = ("features", "context", "line")


def line_contexts(lines: list[str], variant: str = "features") -> list[Optional[str]]:
    """One classifier input per line (None for a blank line, never a title).
    `variant`: « features » (feature tokens + line + neighbours' first words),
    « context » (previous line ||| line ||| next line) or « line » (the line alone)."""
    from delib.segment.minutes import DECISION, _reads_as_title  # the rules' own predicate

    stripped = [line.strip() for line in lines]
    nonblank = [i for i, s in enumerate(stripped) if s]
    out: list[Optional[str]] = [None] * len(lines)
    n = max(len(lines), 1)
    for k, i in enumerate(nonblank):
        line = stripped[i]
        prev = stripped[nonblank[k - 1]] if k > 0 else ""
        nxt = stripped[nonblank[k + 1]] if k + 1 < len(nonblank) else ""
        if variant == "line":
            out[i] = line
            continue
        if variant == "context":
            out[i] = f"{prev} ||| {line} ||| {nxt}"
            continue
        feats = _shape("f_", line) + _shape("p_", prev) + _shape("n_", nxt)
        feats.append(f"f_pos{min(10 * i // n, 9)}")
        if i > 0 and not stripped[i - 1]:
            feats.append("f_afterblank")
        if i + 1 < len(stripped) and not stripped[i + 1]:
            feats.append("f_beforeblank")
        if prev and _SENTENCE_END.search(prev):
            feats.append("p_sentence_end")
        if _reads_as_title(line):
            feats.append("f_rule")
        if DECISION.search(fold(line)):
            feats.append("f_decision")
        if nxt and DECISION.search(fold(nxt)):
            feats.append("n_decision")
        out[i] = " ".join(feats + _words("pw_", prev) + ["|||", line, "|||"] + _words("nw_", nxt))
    return out


def _model_dir() -> Path:
    return Path(os.environ.get("DELIB_LINE_MODEL") or MODEL_DIR)


@functools.lru_cache(maxsize=1)
def _load(path: str):
    import spacy

    return spacy.load(path)


def load_line_model():
    """The trained pipeline (cached), or None when its folder is absent."""
    path = _model_dir()
    if not (path / "config.cfg").is_file():
        return None
    return _load(str(path))


def title_probabilities(lines: list[str], nlp=None) -> list[float]:
    """For each line, the probability that it prints the title of a deliberation item
    (0.0 for a blank line). Raises RuntimeError when no model is installed."""
    nlp = nlp if nlp is not None else load_line_model()
    if nlp is None:
        raise RuntimeError(f"no line model in {_model_dir()}: run scripts/train_line_classifier.py")
    contexts = line_contexts(lines, nlp.meta.get("delib_variant", "features"))
    texts = [c for c in contexts if c is not None]
    scores = iter([doc.cats.get(LABEL, 0.0) for doc in nlp.pipe(texts, batch_size=256)])
    return [next(scores) if c is not None else 0.0 for c in contexts]
