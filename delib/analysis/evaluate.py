"""Evaluation against gold annotations: how close the tables of a run are to what a person read.

A gold file is one JSON object per annotated document:

    {"source": "oignies_cr_cm_2013-12-12.pdf",      # documents.file_name it describes
     "scope": ["doc_type", "deliberations", "attendance", "dates"],   # the parts annotated
     "partial": ["dates"],                           # parts annotated only in part: recall only
     "doc_type": "proces_verbal",
     "deliberations": [{"numero": "2013-45", "objet": "…", "pour": 25, "contre": 0, …}],
     "attendance": {"present": ["DUPONT", …], "represente": {"MARTIN": "DUPONT"}, "excuse": […]},
     "dates": ["2013-12-12"], "dates_optional": [], "amounts": [1500.0], "amounts_optional": [],
     "axes": [{"number": "A", "title": "…"}], "actions": [{"axe": "A", "number": "1", "title": "…",
              "delai": "…", "budget": "…", "services_pilotes": {"Paris": ["DASES"]}, "ambiguous": []}],
     "declared_counts": {"axes": 6, "actions": 17}, "sub_actions": [...]}

Only the parts in "scope" are scored. Lists of items (axes, actions, sub-actions, dates,
amounts, deliberations, attendance) get precision, recall and F1 from true positives,
false positives and false negatives; fields of matched items get an accuracy. The rules
are those of the project's reference scorer (shared/eval/score.py), written again here:
the numbers are the same.

Everything here is a pure function of DataFrames and dicts, except `load_run` and
`load_gold`, which read them from disk.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

import pandas as pd

from delib.output.parquet import read_parquet

TITLE_MATCH = 0.85  # title similarity for an axis, action or sub-action to match
FIELD_MATCH = 0.85  # similarity for an action's free-text field to count as right
OBJET_MATCH = 0.5  # objet similarity (+1 when the numero is the same) for a deliberation to match

RUN_TABLES = ("documents", "axes", "actions", "services_pilotes", "dates", "amounts", "deliberations", "attendance")
DELIBERATION_COUNTS = ("en_exercice", "presents", "representes", "excuses", "absents", "votants",
                       "pour", "contre", "abstentions", "ne_prend_pas_part")
DELIBERATION_TEXTS = ("seance_date", "numero", "acte_id", "transmission_date", "resultat")
ACTION_FIELDS = {"delai": "delai", "budget": "budget_raw", "partenaires": "partenaires", "indicateurs": "indicateurs"}
CIVILITE = re.compile(r"^(M|MME|MLLE|MONSIEUR|MADAME)\.?\s+")


class EvalError(Exception):
    """Gold files or run tables that cannot be evaluated (the message says which)."""


# ---------------------------------------------------------------- results
@dataclass
class Counts:
    """Items of one list: found and right (tp), found but not in the gold (fp), missed (fn)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    recall_only: bool = False  # a part annotated only in part: its extra items are not false positives

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 0.0 if self.fn else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Hits:
    """Checks of one field: how many were right (ok) out of n."""

    ok: int = 0
    n: int = 0

    @property
    def accuracy(self) -> Optional[float]:
        return self.ok / self.n if self.n else None


Metric = Union[Counts, Hits]
Score = dict[str, Metric]  # metric name -> its counts or hits


def add_counts(score: Score, name: str, tp: int, fp: int, fn: int, recall_only: bool = False) -> None:
    c = score.setdefault(name, Counts())
    c.tp, c.fp, c.fn = c.tp + tp, c.fp + (0 if recall_only else fp), c.fn + fn
    c.recall_only = c.recall_only or recall_only


def add_hit(score: Score, name: str, ok: bool) -> None:
    h = score.setdefault(name, Hits())
    h.ok, h.n = h.ok + int(bool(ok)), h.n + 1


def merge(scores: Iterable[Score]) -> Score:
    """The micro-average: counts and hits summed over documents."""
    total: Score = {}
    for score in scores:
        for name, m in score.items():
            if isinstance(m, Counts):
                add_counts(total, name, m.tp, m.fp, m.fn)
                total[name].recall_only |= m.recall_only
            else:
                h = total.setdefault(name, Hits())
                h.ok, h.n = h.ok + m.ok, h.n + m.n
    return total


def metric_dict(m: Metric) -> dict:
    """One metric as numbers rounded to 4 places (the reference scorer's summary)."""
    if isinstance(m, Counts):
        return {"precision": round(m.precision, 4), "recall": round(m.recall, 4), "f1": round(m.f1, 4),
                "tp": m.tp, "fp": m.fp, "fn": m.fn}
    return {"accuracy": None if m.accuracy is None else round(m.accuracy, 4), "n": m.n}


def ordered(score: Score) -> list[tuple[str, Metric]]:
    """List metrics (P/R/F1) first, then field accuracies, each by name."""
    return sorted(score.items(), key=lambda item: (isinstance(item[1], Hits), item[0]))


def summary_dict(score: Score) -> dict[str, dict]:
    return {name: metric_dict(m) for name, m in ordered(score)}


# ---------------------------------------------------------------- gold files
@dataclass
class Gold:
    path: Path
    data: dict

    @property
    def source(self) -> str:
        return str(self.data["source"])

    @property
    def collectivite(self) -> str:
        return collectivite_of(self.data)


def collectivite_of(gold: dict) -> str:
    """The gold's "collectivite", else its first deliberation's, else the file name up to its first "_"."""
    if gold.get("collectivite"):
        return str(gold["collectivite"])
    delibs = gold.get("deliberations") or []
    if delibs and isinstance(delibs[0], dict) and delibs[0].get("collectivite"):
        return str(delibs[0]["collectivite"])
    return Path(str(gold.get("source", ""))).stem.split("_")[0]


def load_gold(paths: Iterable[Path]) -> list[Gold]:
    """The gold files of each folder (*.json, by name), or the JSON files given."""
    golds = []
    for path in paths:
        if path.is_dir():
            files = sorted(path.glob("*.json"))
            if not files:
                raise EvalError(f"{path}: no gold file (*.json) in this folder")
        elif path.is_file():
            files = [path]
        else:
            raise EvalError(f"{path}: no such gold folder")
        for file in files:
            try:
                data = json.loads(file.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise EvalError(f"{file}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
            except (OSError, UnicodeDecodeError) as exc:
                raise EvalError(f"{file}: cannot be read ({exc})") from exc
            if not isinstance(data, dict) or not data.get("source"):
                raise EvalError(f'{file}: a gold file is a JSON object whose "source" is the file name it annotates')
            golds.append(Gold(file, data))
    return golds


# ---------------------------------------------------------------- run tables
def load_run(run_dir: Path) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """The tables of a `delib run` folder (Parquet, else CSV), and the tables that could
    not be read (they count as empty)."""
    if not run_dir.is_dir():
        raise EvalError(f"{run_dir}: no such run folder")
    tables, unreadable = {}, []
    for name in RUN_TABLES:
        tables[name] = pd.DataFrame()
        for path, reader in ((run_dir / f"{name}.parquet", read_parquet), (run_dir / f"{name}.csv", pd.read_csv)):
            if path.exists():
                try:
                    tables[name] = reader(path)
                except Exception as exc:  # noqa: BLE001 - any unreadable file is an empty table
                    if name == "documents":
                        raise EvalError(f"{path}: cannot be read ({exc})") from exc
                    unreadable.append(f"{path}: {exc}")
                break
        else:
            if name == "documents":
                raise EvalError(f"{run_dir}: no documents table (documents.parquet or .csv): "
                                f"run `delib run … --out {run_dir}` first")
    return tables, unreadable


def column(df: pd.DataFrame, name: str) -> pd.Series:
    return df[name] if name in df.columns else pd.Series([None] * len(df), index=df.index, dtype=object)


def doc_ids_of(documents: pd.DataFrame, file_name: str) -> list:
    if documents.empty or "file_name" not in documents.columns or "doc_id" not in documents.columns:
        return []
    return list(documents.loc[documents["file_name"].astype(str) == file_name, "doc_id"])


def rows_of(df: pd.DataFrame, doc_ids: list) -> pd.DataFrame:
    if df.empty or "doc_id" not in df.columns:
        return pd.DataFrame(columns=df.columns)
    return df[df["doc_id"].isin(doc_ids)]


# ---------------------------------------------------------------- comparing values
def is_null(value) -> bool:
    if value is None:
        return True
    if isinstance(value, (list, dict, tuple)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # an array
        return False


def normalise(value) -> str:
    """Casefolded text with plain quotes and dashes, no markup, no edge punctuation."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    s = unicodedata.normalize("NFKC", str(value))
    s = s.translate({0x2019: "'", 0x2018: "'", 0x2013: "-", 0x2014: "-"}).replace("œ", "oe").replace("Œ", "OE")
    s = re.sub(r"[*_#<>]", " ", s)
    s = re.sub(r"\s+", " ", s).strip().casefold()
    return re.sub(r"^[\s\-–:.)]+|[\s\-–:.;,]+$", "", s)


def unaccented(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def similarity(a, b) -> float:
    a, b = unaccented(normalise(a)), unaccented(normalise(b))
    if not a or not b:
        return float(a == b)
    return SequenceMatcher(None, a, b).ratio()


def number_key(number) -> str:
    """'A', 'a', 'A.', 'n°1', '1', 'Axe 1' -> one key."""
    s = re.sub(r"^(axe|action|n°|no|n)\s*", "", unaccented(normalise(number)))
    return s.replace("n°", "").strip(" .)")


def service_key(service) -> str:
    """'DEF – ASE', 'DEF-ASE' and 'def - ase' are one service."""
    return re.sub(r"\s*-\s*", "-", unaccented(normalise(service)))


def person_key(name) -> str:
    """A family name in capitals, without accents nor civilité."""
    return CIVILITE.sub("", unaccented(normalise(name)).upper())


def same_services(want: list[tuple[str, str]], got: list[tuple[str, str]]) -> bool:
    """The same (collectivité, service) pairs; a collectivité matches one that contains it or it contains."""
    if len(want) != len(got):
        return False
    left = list(got)
    for w_coll, w_service in want:
        hit = next((i for i, (g_coll, g_service) in enumerate(left)
                    if g_service == w_service and (w_coll in g_coll or g_coll in w_coll)), None)
        if hit is None:
            return False
        left.pop(hit)
    return True


def greedy_match(gold: list, pred: list, score: Callable[[object, object], float],
                 threshold: float) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs, best scores first, each item used once."""
    candidates = sorted(((s, gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
                         if (s := score(g, p)) >= threshold), reverse=True)
    used_gold, used_pred, pairs = set(), set(), []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


def counts_of(pairs: list, gold: list, pred: list) -> tuple[int, int, int]:
    return len(pairs), len(pred) - len(pairs), len(gold) - len(pairs)


# ---------------------------------------------------------------- each part
def numbered_title_score(gold: dict, pred: dict) -> float:
    """Same number, then title similarity."""
    if number_key(gold.get("number")) != number_key(pred["number"]):
        return 0.0
    return similarity(gold.get("title"), pred["title"])


def axes_counts(axes: pd.DataFrame, gold_axes: list) -> tuple[int, int, int]:
    pred = [{"number": n, "title": t} for n, t in zip(column(axes, "number"), column(axes, "title"))]
    return counts_of(greedy_match(gold_axes, pred, numbered_title_score, TITLE_MATCH), gold_axes, pred)


def predicted_actions(actions: pd.DataFrame, axes: pd.DataFrame) -> list[dict]:
    """Actions and sub-actions as dicts, with the number of their axis."""
    axe_number = dict(zip(column(axes, "axe_id"), column(axes, "number")))
    pred = []
    for _, row in actions.iterrows():
        level = row.get("level", 1)
        item = {"action_id": row.get("action_id"), "level": 1 if is_null(level) else int(level),
                "axe": axe_number.get(row.get("axe_id"), ""), "number": row.get("number"), "title": row.get("title")}
        item.update({name: row.get(col) for name, col in ACTION_FIELDS.items()})
        pred.append(item)
    return pred


def action_score(gold: dict, pred: dict) -> float:
    if gold.get("axe") and pred["axe"] and number_key(gold["axe"]) != number_key(pred["axe"]):
        return 0.0
    return numbered_title_score(gold, pred)


def score_actions(score: Score, pred: list[dict], services: pd.DataFrame, gold: dict, recall_only: bool) -> None:
    """Actions matched on axis, number and title; then the form fields of the matched ones."""
    gold_actions = gold.get("actions", [])
    if "sub_actions" in gold.get("scope", []):
        pred = [p for p in pred if p["level"] == 1]
    pairs = greedy_match(gold_actions, pred, action_score, TITLE_MATCH)
    add_counts(score, "actions", *counts_of(pairs, gold_actions, pred), recall_only)
    for gi, pi in pairs:
        g, p = gold_actions[gi], pred[pi]
        ambiguous = set(g.get("ambiguous", []))
        for name in ACTION_FIELDS:
            if name in g and name not in ambiguous:
                want, got = g[name], p[name]
                if is_null(want):
                    ok = is_null(got) or normalise(got) == ""
                else:
                    ok = similarity(want, got) >= FIELD_MATCH
                add_hit(score, f"action.{name}", ok)
        if "services_pilotes" in g and "services_pilotes" not in ambiguous:
            mine = (services[services["action_id"] == p["action_id"]]
                    if not services.empty and "action_id" in services.columns else pd.DataFrame())
            got = [(service_key(r.get("collectivite")), service_key(r.get("service"))) for _, r in mine.iterrows()]
            want = [(service_key(c), service_key(s)) for c, names in g["services_pilotes"].items() for s in names]
            add_hit(score, "action.services_pilotes", same_services(want, got))


def sub_actions_counts(pred: list[dict], gold_subs: list) -> tuple[int, int, int]:
    pred = [p for p in pred if p["level"] >= 2]
    return counts_of(greedy_match(gold_subs, pred, numbered_title_score, TITLE_MATCH), gold_subs, pred)


def dates_counts(dates: pd.DataFrame, gold_dates: list, optional: list) -> tuple[int, int, int]:
    """Day and month dates, as sets; optional ones not in the gold count neither way."""
    found = set()
    for value, granularity in zip(column(dates, "value"), column(dates, "granularity")):
        if is_null(value):
            continue
        value = str(value)[:10]
        gran = None if is_null(granularity) else str(granularity)
        if gran in ("day", "month") or (gran is None and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value)):
            found.add(value[:7] if gran == "month" else value)
    want = set(gold_dates)
    found -= set(optional) - want
    return len(found & want), len(found - want), len(want - found)


def amounts_counts(amounts: pd.DataFrame, gold_amounts: list, optional: list) -> tuple[int, int, int]:
    """Euro values as multisets; optional ones not in the gold count neither way."""
    found = Counter(round(abs(float(v)), 2) for v in column(amounts, "amount_eur") if not is_null(v))
    want = Counter(round(abs(float(v)), 2) for v in gold_amounts)
    for v in optional:
        if round(float(v), 2) not in want:
            found.pop(round(float(v), 2), None)
    tp = sum((found & want).values())
    return tp, sum(found.values()) - tp, sum(want.values()) - tp


def deliberation_score(gold: dict, pred: pd.Series) -> float:
    """Objet similarity, plus one when the numero is the same."""
    s = similarity(gold.get("objet", ""), pred.get("objet", ""))
    numero = pred.get("numero")
    if gold.get("numero") and not is_null(numero) and normalise(gold["numero"]) == normalise(numero):
        s += 1
    return s


def _same_count(want, got) -> bool:
    if want is None or got is None:
        return want is None and got is None
    try:
        return int(got) == int(want)
    except (TypeError, ValueError):
        return False


def score_deliberations(score: Score, delibs: pd.DataFrame, gold_delibs: list, recall_only: bool) -> None:
    """Deliberations matched on objet and numero; then every field the gold gives, for every
    gold deliberation (a missed one has every non-null field wrong)."""
    pred = [row for _, row in delibs.iterrows()]
    pairs = greedy_match(gold_delibs, pred, deliberation_score, OBJET_MATCH)
    add_counts(score, "deliberations", *counts_of(pairs, gold_delibs, pred), recall_only)
    matched = dict(pairs)
    for gi, g in enumerate(gold_delibs):
        p = pred[matched[gi]] if gi in matched else None

        def value(key):
            return None if p is None or is_null(p.get(key)) else p.get(key)

        for key in DELIBERATION_COUNTS:
            if key in g:
                add_hit(score, f"deliberation.{key}", _same_count(g[key], value(key)))
        for key in DELIBERATION_TEXTS:
            if key in g:
                got = None if value(key) is None else str(value(key))
                if key.endswith("_date") and got:
                    got = got[:10]
                want = g[key]
                ok = want is None and got is None or (want is not None and got is not None
                                                      and normalise(got) == normalise(want))
                add_hit(score, f"deliberation.{key}", ok)
        if "unanimite" in g:
            got = None if value("unanimite") is None else bool(value("unanimite"))
            add_hit(score, "deliberation.unanimite", got == g["unanimite"])


def score_attendance(score: Score, attendance: pd.DataFrame, gold_att: dict) -> None:
    """(person, status) pairs; a gold family name matches a printed name that ends with it or
    holds it as a word (a first name, a civilité). Then who holds each proxy."""
    found, proxies = set(), {}
    for _, row in attendance.iterrows():
        person, status = person_key(row.get("person")), str(row.get("status"))
        found.add((person, status))
        if status == "represente" and not is_null(row.get("mandataire")):
            proxies[person] = person_key(row.get("mandataire"))
    want = {(person_key(name), status) for status, names in gold_att.items() for name in names}

    def same_person(printed: str, gold_name: str) -> bool:
        return printed == gold_name or printed.endswith(" " + gold_name) or gold_name in printed.split(" ")

    tp = sum(any(status == s and same_person(p, name) for p, s in found) for name, status in want)
    add_counts(score, "attendance", tp, max(0, len(found) - tp), len(want) - tp)
    represented = gold_att.get("represente", {})
    for person, holder in (represented.items() if isinstance(represented, dict) else ()):
        person, holder = person_key(person), person_key(holder)
        holders = [h for p, h in proxies.items() if p == person or p.endswith(" " + person)]
        add_hit(score, "attendance.mandataire", any(h == holder or h.endswith(" " + holder) for h in holders))


def score_document(tables: dict[str, pd.DataFrame], gold: dict) -> Score:
    """Every metric of one gold document against the run's rows for that file."""
    ids = doc_ids_of(tables["documents"], str(gold["source"]))

    def rows(name: str) -> pd.DataFrame:
        return rows_of(tables.get(name, pd.DataFrame()), ids)

    scope, partial = gold.get("scope", []), set(gold.get("partial", []))
    score: Score = {}
    add_hit(score, "documents_found", bool(ids))
    documents = rows("documents")
    if "doc_type" in scope:
        types = documents["doc_type"].astype(str).tolist() if "doc_type" in documents.columns else []
        add_hit(score, "doc_type", gold.get("doc_type") in types)
    if "declared_counts" in scope:
        for key in ("axes", "actions"):
            got = None
            if not documents.empty and f"declared_{key}" in documents.columns:
                v = documents.iloc[0][f"declared_{key}"]
                got = None if is_null(v) else int(v)
            add_hit(score, f"declared_{key}", gold.get("declared_counts", {}).get(key) == got)
    if "axes" in scope:
        add_counts(score, "axes", *axes_counts(rows("axes"), gold.get("axes", [])), "axes" in partial)
    actions = predicted_actions(rows("actions"), rows("axes")) if {"actions", "sub_actions"} & set(scope) else []
    if "actions" in scope:
        score_actions(score, actions, rows("services_pilotes"), gold, "actions" in partial)
    if "sub_actions" in scope:
        add_counts(score, "sub_actions", *sub_actions_counts(actions, gold.get("sub_actions", [])),
                   "sub_actions" in partial)
    if "dates" in scope:
        add_counts(score, "dates", *dates_counts(rows("dates"), gold.get("dates", []), gold.get("dates_optional", [])),
                   "dates" in partial)
    if "amounts" in scope:
        add_counts(score, "amounts", *amounts_counts(rows("amounts"), gold.get("amounts", []),
                                                     gold.get("amounts_optional", [])), "amounts" in partial)
    if "deliberations" in scope:
        score_deliberations(score, rows("deliberations"), gold.get("deliberations", []), "deliberations" in partial)
    if "attendance" in scope:
        score_attendance(score, rows("attendance"), gold.get("attendance", {}))
    return score


# ---------------------------------------------------------------- the whole evaluation
@dataclass
class DocumentResult:
    gold: Gold
    found: bool  # the run has a documents row for the gold's source
    score: Score


@dataclass
class Evaluation:
    documents: list[DocumentResult]
    summary: Score  # summed over every gold document
    groups: dict[str, Score] = field(default_factory=dict)  # summed per collectivité

    @property
    def missing(self) -> list[str]:
        return [d.gold.source for d in self.documents if not d.found]

    def group_sizes(self) -> dict[str, int]:
        return dict(Counter(d.gold.collectivite for d in self.documents))


def evaluate(tables: dict[str, pd.DataFrame], golds: list[Gold]) -> Evaluation:
    """Score every gold document; sum per collectivité and overall."""
    results = [DocumentResult(g, bool(doc_ids_of(tables["documents"], g.source)), score_document(tables, g.data))
               for g in golds]
    groups: dict[str, list[Score]] = {}
    for r in results:
        groups.setdefault(r.gold.collectivite, []).append(r.score)
    return Evaluation(results, merge(r.score for r in results),
                      {name: merge(scores) for name, scores in sorted(groups.items())})


def document_rows(evaluation: Evaluation) -> list[dict]:
    """One flat row per document and metric."""
    return [{"gold_file": str(r.gold.path), "source": r.gold.source, "collectivite": r.gold.collectivite,
             "found": r.found, "metric": name, **metric_dict(m),
             **({"recall_only": m.recall_only} if isinstance(m, Counts) else {})}
            for r in evaluation.documents for name, m in ordered(r.score)]


def to_json(evaluation: Evaluation, group_by: Optional[str] = None) -> dict:
    """The evaluation for machines: summary, per-document rows and, with `group_by`, groups."""
    sizes = evaluation.group_sizes()
    return {
        "gold_documents": len(evaluation.documents),
        "missing_from_run": evaluation.missing,
        "summary": summary_dict(evaluation.summary),
        "documents": document_rows(evaluation),
        "group_by": group_by,
        "groups": ({name: {"gold_documents": sizes[name], "summary": summary_dict(score)}
                    for name, score in evaluation.groups.items()} if group_by else {}),
    }
