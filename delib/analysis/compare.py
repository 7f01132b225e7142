"""Compare conventions side by side, and find the actions two conventions share.

Input: the tables of a `delib run` (an existing `--out` folder), or documents that
are run through the pipeline into a temporary folder first (delib.batch.runner). Only
documents of type `convention` with at least one action are compared; the others
are listed as left out, with the reason.

For each convention: its parties, dates, duration, number of axes and actions; then
its actions theme by theme (delib.analysis.themes) with their services pilotes and
budgets; then the actions that match an action of another convention.

Matching. Titles are normalised (lower case, no accents, elisions and hyphens split,
function words dropped, numbers kept, each word cut to its first 7 letters so that
« mobilisation » meets « se mobiliser ») and scored with rapidfuzz: the mean of
`token_set_ratio` (survives words added or dropped: « des logements sociaux
implantés à Ivry-sur-Seine » / « des logements des bailleurs sociaux parisiens
implantés en Val-de-Marne ») and `token_sort_ratio` (punishes a short title that is
merely contained in a long one). A pair is a match when the score is at least
MATCH_THRESHOLD, the titles share at least two words, and they do not name
different numbers (« ligne 10 » / « ligne 14 » score 98 but are two metro lines;
years are left out of that rule: « d'ici 2024 » / « d'ici 2025 » can be one action
with two deadlines). Pairs are only formed across different conventions, and each
action gets at most one match per other convention (best score first, one to one).

The threshold was chosen on the seeds 000 (Ivry–Paris), 002 (Val-de-Marne–Paris)
and 004 (Seine-Saint-Denis–Paris): 15 + 17 + 24 actions, 1 023 cross pairs. Read by
hand, three pairs are the same action: the Ligne 10 extension (000 C.1 ↔ 002 A.4,
score 100), the Samu social rehousing diagnosis (000 B.2 ↔ 002 F.2, 100) and the
inventory of social housing (000 B.1 ↔ 002 F.1, 82.2). The best other pair scores
56.7 (« Développer une offre sportive et de loisirs renouvelée dans les Parcs
interdépartementaux » / « Coopérer pour le développement du Pôle inclusif et
sportif »), then 56.1, 55.2…: unrelated titles of this length land around 50 on
shared letters alone. The threshold, 70, sits in the middle of that gap: on the
seeds it gives precision 3/3 and recall 3/3. A title reworded by hand (« Se
mobiliser ensemble pour obtenir le prolongement de la ligne 10 du métro jusqu’à
Ivry-sur-Seine ») still scores 76.8 (tests/test_compare.py).

Across families. Conventions compare on the common model of the tables (axes, actions,
sub-actions, services pilotes, budgets), whatever the document calls them (« Orientation »,
« Enjeu », « Fiche action », « Opération »: the `label` of `segments`), so a contrat local
de santé and a convention territoriale globale that share an action are matched on its title.
An opération without a theme keyword of its own takes its action's theme.

Budgets. Totals per document, per axis and per theme add the actions' `budget_eur` (an
action without one: the sum of its sub-actions'); beside each total, the number of actions
whose budget is unknown, so that a partial total reads « ≥ 20 000 € (budget unknown for 1 of
2 actions) » and never looks complete.

Sources. Each action keeps its file, page, character span and an excerpt of its text
(text/<doc_id>.txt of the run folder): Markdown footnotes and HTML <details> show them beside
every action and every match, the csv has the page and span.

Same convention twice. The seed 002 text and its PDF `convention_paris_val-de-marne.pdf`
are one convention in two files; matching them would pair every action with itself.
Two documents are the same convention when at least SAME_CONVENTION_SHARE of the
actions of the smaller one have a title in the other scoring SAME_TITLE_SCORE or more
(token_sort_ratio); only one of them (most actions, then first path) is compared,
and the output says which files it stands for.
"""
from __future__ import annotations

import html
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from delib.extract.parties import find_parties
from delib.ingest import doc_id_for
from delib.batch.runner import find_inputs, run_batch
from delib.analysis.themes import theme_hits, theme_of, themes_in_order, title_words
from delib.output.write import read_tables

MATCH_THRESHOLD = 70.0
MIN_SHARED_WORDS = 2
SAME_TITLE_SCORE = 95.0
SAME_CONVENTION_SHARE = 0.8

DATE_ROLES = {"seance": "séance", "signature": "signature", "echeance": "échéance"}
# Dates inside an action, the preamble or a review are about something else (a past
# convention « signée en juin 2016 », an action « d'ici 2024 »): the convention's own
# dates are in its head (no segment), its pilotage and duration clauses, its articles.
DOCUMENT_LEVEL_KINDS = {"pilotage", "duree", "article", "deliberation"}


class CompareError(Exception):
    """What the user asked cannot be compared (message for a non-programmer)."""


@dataclass
class Convention:
    doc_id: str
    label: str  # short readable name, e.g. « Ivry-sur-Seine – Paris »
    file_name: str
    source_path: str
    title: Optional[str]
    parties: list[str]
    dates: list[str]  # « séance 2018-02-15 »
    duration: Optional[str]
    n_axes: int
    n_actions: int  # level 1
    n_sub_actions: int
    same_as: list[str] = field(default_factory=list)  # other files holding the same convention


@dataclass
class Match:
    score: float
    left: dict  # an actions row with its convention label, ref, theme…
    right: dict


@dataclass
class Comparison:
    conventions: list[Convention]
    actions: pd.DataFrame  # one row per action of the compared conventions (see action_frame)
    matches: list[Match]
    left_out: list[tuple[str, str]]  # (file name, why it is not compared)
    threshold: float = MATCH_THRESHOLD


# --- loading ---------------------------------------------------------------------------

def compare_folder(out: Path, documents: Iterable[Path] = ()) -> Comparison:
    """Compare the conventions already in the tables of `out` (all, or the `documents` given,
    recognised by their bytes)."""
    if not (out / "documents.parquet").exists():
        raise CompareError(f"{out} holds no tables: run `delib run … --out {out}` first")
    tables = read_tables(out)
    doc_ids = None
    documents = list(documents)
    if documents:
        doc_ids = []
        for path in find_inputs(documents):
            doc_id = doc_id_for(path.read_bytes())
            if doc_id not in set(tables["documents"]["doc_id"]):
                raise CompareError(f"{path} is not in the tables of {out}: run `delib run` on it first, "
                                   "or compare it without --out")
            doc_ids.append(doc_id)
    return compare_tables(tables, out / "text", doc_ids)


def compare_documents(documents: Iterable[Path], workers: Optional[int] = None) -> Comparison:
    """Run the pipeline on `documents` in a temporary folder, then compare them."""
    paths = find_inputs(documents)
    if not paths:
        raise CompareError("no input files found")
    with tempfile.TemporaryDirectory(prefix="delib-compare-") as tmp:
        report = run_batch(paths, Path(tmp), workers=workers)
        return compare_tables(report.tables, Path(tmp) / "text")


def compare_tables(tables: dict[str, pd.DataFrame], text_dir: Path,
                   doc_ids: Optional[list[str]] = None) -> Comparison:
    """The comparison of the conventions among `tables` (restricted to `doc_ids` when given)."""
    documents = tables["documents"]
    if doc_ids is not None:
        documents = documents[documents["doc_id"].isin(doc_ids)]
    actions = action_frame(tables)
    conventions, left_out = [], []
    texts: dict[str, str] = {}  # of the conventions, read once: for their parties, then their excerpts
    for doc in documents.itertuples():
        n = int((actions["doc_id"] == doc.doc_id).sum())
        doc_type = _value(doc.doc_type)
        if _value(doc.status) == "error":
            left_out.append((doc.file_name, f"could not be read: {doc.error}"))
        elif doc_type != "convention":
            left_out.append((doc.file_name, f"not a convention ({doc_type or 'type unknown'})"))
        elif n == 0:
            left_out.append((doc.file_name, "a convention without actions found"))
        else:
            texts[doc.doc_id] = _read_text(text_dir, doc.doc_id)
            conventions.append(describe_convention(doc, tables, texts[doc.doc_id]))
    conventions = drop_same_conventions(conventions, actions)
    if len(conventions) < 2:
        raise CompareError("fewer than two different conventions with actions to compare"
                           + "".join(f"\n  {name}: {why}" for name, why in left_out))
    _make_labels_unique(conventions)
    labels = {c.doc_id: c.label for c in conventions}
    actions = actions[actions["doc_id"].isin(labels)].copy()
    actions.insert(0, "convention", actions["doc_id"].map(labels))
    add_sources(actions, conventions, texts)
    matches = match_actions(actions)
    return Comparison(conventions, actions.reset_index(drop=True), matches, left_out)


# --- one convention --------------------------------------------------------------------

def describe_convention(doc, tables: dict[str, pd.DataFrame], text: str) -> Convention:
    doc_id = doc.doc_id
    segments = tables["segments"][tables["segments"]["doc_id"] == doc_id]
    actions = tables["actions"][tables["actions"]["doc_id"] == doc_id]
    parties = parties_of(doc, tables, segments, text)
    return Convention(
        doc_id=doc_id, label=label_of(parties) or doc.file_name, file_name=doc.file_name,
        source_path=doc.source_path, title=_value(doc.title), parties=parties,
        dates=dates_of(doc_id, tables, segments), duration=duration_of(text, segments, _value(doc.title)),
        n_axes=int((tables["axes"]["doc_id"] == doc_id).sum()),
        n_actions=int((actions["level"] == 1).sum()), n_sub_actions=int((actions["level"] == 2).sum()),
    )


def _read_text(text_dir: Path, doc_id: str) -> str:
    path = text_dir / f"{doc_id}.txt"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _value(v):
    return None if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) else v


def parties_of(doc, tables: dict[str, pd.DataFrame], segments: pd.DataFrame, text: str = "") -> list[str]:
    """The convention's parties: delib.extract.parties.find_parties on its text (title block,
    else signature block) — the one implementation, also behind `documents.collectivites` —
    else, without the text, the document's `collectivites`."""
    parties = find_parties(text) if text else []
    if parties:
        return parties
    listed = _value(doc.collectivites)
    return _unique(p.strip() for p in listed.split(";")) if listed else []


def _unique(names: Iterable[str]) -> list[str]:
    seen, kept = set(), []
    for name in names:
        key = name.lower().replace("’", "'")
        if name and key not in seen:
            seen.add(key)
            kept.append(name)
    return kept


PLACE = re.compile(r"^\S+(?:\s+\S+)??\s+(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*(?P<place>.+)$", re.IGNORECASE)


def label_of(parties: list[str]) -> str:
    """« Ivry-sur-Seine – Paris » from « Ville d’Ivry-sur-Seine; Ville de Paris », Paris last."""
    places = []
    for party in parties:
        m = PLACE.match(party)
        places.append(m.group("place") if m else party)
    places.sort(key=lambda p: p == "Paris")
    return " – ".join(places)


def _make_labels_unique(conventions: list[Convention]) -> None:
    counts: dict[str, int] = {}
    for c in conventions:
        counts[c.label] = counts.get(c.label, 0) + 1
    for c in conventions:
        if counts[c.label] > 1:
            c.label = f"{c.label} ({c.file_name})"


def dates_of(doc_id: str, tables: dict[str, pd.DataFrame], segments: pd.DataFrame) -> list[str]:
    """The convention's own séance, signature and échéance dates, first mention of each."""
    dates = tables["dates"]
    dates = dates[(dates["doc_id"] == doc_id) & dates["role"].isin(list(DATE_ROLES))]
    kinds = dict(zip(segments["segment_id"], segments["kind"]))
    found = []
    for d in dates.itertuples():
        segment = _value(d.segment_id)
        if segment is None or kinds.get(segment) in DOCUMENT_LEVEL_KINDS:
            found.append(f"{DATE_ROLES[d.role]} {d.value}")
    return _unique(found)


WORD_NUMBER = r"(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)"
DURATION_YEARS = re.compile(rf"dur[ée]e\s+(?:de\s+)?(?P<n>{WORD_NUMBER})\s+ans?\b", re.IGNORECASE)
DURATION_UNTIL = re.compile(r"dur[ée]e\s+(?:courant\s+)?(?P<until>jusqu['’](?:à|au)\s+[^.,;]+?)(?:\s+à\s+(?:renouveler|compter)|[.,;]|$)",
                            re.IGNORECASE)
RENEWAL = re.compile(rf"renouvel\w+\s+(?P<once>une\s+fois\s+)?(?:pour\s+)?(?P<n>{WORD_NUMBER})\s+ans?\b", re.IGNORECASE)
YEAR_RANGE = re.compile(r"\b(?P<start>(?:19|20)\d\d)\s*[-–]\s*(?P<end>(?:19|20)\d\d)\b")


def duration_of(text: str, segments: pd.DataFrame, title: Optional[str] = None) -> Optional[str]:
    """The duration as the convention words it, plus its period when it names one:
    « conclue pour une durée de 2 ans […] renouvelée une fois pour deux ans » →
    « 2 ans, renouvelable une fois deux ans »; « conclue pour une durée courant jusqu'à la
    fin du premier mandat à renouveler » → « jusqu'à la fin du premier mandat »."""
    parts = []
    clause = _duration_clause(text, segments)
    if m := DURATION_YEARS.search(clause):
        parts.append(f"{m.group('n')} ans")
        if r := RENEWAL.search(clause, m.end()):
            parts.append(f"renouvelable {'une fois ' if r.group('once') else ''}{r.group('n')} ans")
    elif m := DURATION_UNTIL.search(clause):
        parts.append(" ".join(m.group("until").split()))
    if period := period_of(text, title):
        parts.append(period)
    return ", ".join(parts) or None


def _duration_clause(text: str, segments: pd.DataFrame) -> str:
    duree = segments[segments["kind"] == "duree"]
    if duree.empty:
        return ""
    first = duree.iloc[0]
    return " ".join(text[int(first["char_start"]):int(first["char_end"])].split())


def period_of(text: str, title: Optional[str]) -> Optional[str]:
    """A year range that the title, or a sentence naming the convention, gives it:
    « Convention de coopération 2018-2020 », « une nouvelle convention globale … un
    cadre de référence commun pour 2018-2020 ». Ranges elsewhere (« Plan vélo 2015-2020 »,
    « l'année scolaire 2017-2018 ») are about something else."""
    sentences = [title or ""] + re.split(r"(?<=[.!?])\s+|\n\s*\n", text[:5000])
    for sentence in sentences:
        if (m := YEAR_RANGE.search(sentence)) and re.search(r"convention", sentence, re.IGNORECASE):
            return f"{m.group('start')}-{m.group('end')}"
    return None


# --- actions ---------------------------------------------------------------------------

def action_frame(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every action with its axis, theme, a short reference (« C.1 », « 7.1 ») and its
    services pilotes as one string (« Paris: DASES; Seine-Saint-Denis: DEF – ASE »)."""
    actions = tables["actions"].copy()
    axes = tables["axes"].set_index("axe_id")
    actions["axis_number"] = actions["axe_id"].map(axes["number"])
    actions["axis_title"] = actions["axe_id"].map(axes["title"])
    actions["theme"] = [theme_of(_value(t), _value(a)) for t, a in zip(actions["title"], actions["axis_title"])]
    # an opération without a keyword of its own (« Études préalables et concertation ») is
    # about what its action is about, not about its axis
    parent_theme = actions["parent_action_id"].map(dict(zip(actions["action_id"], actions["theme"])))
    no_keyword = pd.Series([not theme_hits(_value(t)) for t in actions["title"]], index=actions.index)
    inherits = parent_theme.notna() & no_keyword
    actions.loc[inherits, "theme"] = parent_theme[inherits]
    actions["ref"] = _references(actions)
    actions["services_pilotes"] = actions["action_id"].map(_services_by_action(tables["services_pilotes"]))
    return actions


def _references(actions: pd.DataFrame) -> list[str]:
    """« C.1 » (axis C, action 1) where a document numbers its actions again in each axis,
    « 12 » where its numbers run through the document; a sub-action adds its number to
    its action's (« A.2.i »), unless it already carries it (« 7.1 »)."""
    restarts = {doc_id: group["number"].dropna().duplicated().any()
                for doc_id, group in actions[actions["level"] == 1].groupby("doc_id")}
    refs: dict[str, str] = {}
    for a in actions.sort_values("level", kind="stable").itertuples():
        number = str(_value(a.number) or "?")
        parent = _value(a.parent_action_id)
        if parent and parent in refs:
            parent_ref = refs[parent]
            refs[a.action_id] = number if number.startswith(parent_ref.split(".")[-1] + ".") else f"{parent_ref}.{number}"
        elif restarts.get(a.doc_id) and _value(a.axis_number):
            refs[a.action_id] = f"{a.axis_number}.{number}"
        else:
            refs[a.action_id] = number
    return [refs[i] for i in actions["action_id"]]


def _services_by_action(services: pd.DataFrame) -> dict[str, str]:
    joined: dict[str, dict[str, list[str]]] = {}
    for s in services.itertuples():
        per_party = joined.setdefault(s.action_id, {})
        per_party.setdefault(_value(s.collectivite) or "", []).append(s.service)
    return {action: "; ".join(f"{party}: {', '.join(names)}" if party else ", ".join(names)
                              for party, names in per_party.items())
            for action, per_party in joined.items()}


STEM_LENGTH = 7


def normalised_title(title) -> str:
    """The title's meaningful words cut to their first 7 letters, a crude stem that makes
    « mobilisation » and « se mobiliser », « relogement » and « relogements » one word."""
    return " ".join(w[:STEM_LENGTH] for w in title_words(_value(title)))


def similarity_matrix(left: list[str], right: list[str]) -> np.ndarray:
    """Mean of token_set_ratio and token_sort_ratio between normalised titles, 0–100."""
    if not left or not right:
        return np.zeros((len(left), len(right)))
    set_ratio = process.cdist(left, right, scorer=fuzz.token_set_ratio)
    sort_ratio = process.cdist(left, right, scorer=fuzz.token_sort_ratio)
    return (set_ratio + sort_ratio) / 2


def _shared_words(a: str, b: str) -> int:
    return len(set(a.split()) & set(b.split()))


def _numbers(title: str) -> set[str]:
    """The numbers of a normalised title other than years (« ligne 10 » → {"10"})."""
    return {w for w in title.split() if w.isdigit() and not re.fullmatch(r"(?:19|20)\d\d", w)}


def numbers_differ(a: str, b: str) -> bool:
    """Both titles name numbers and share none: two different things (ligne 10, ligne 14)."""
    left, right = _numbers(a), _numbers(b)
    return bool(left and right and not left & right)


def candidate_pairs(actions: pd.DataFrame) -> pd.DataFrame:
    """Every cross-convention pair of actions with its score, best first: what the threshold
    was chosen on."""
    rows = []
    doc_ids = list(dict.fromkeys(actions["doc_id"]))
    titles = {d: [normalised_title(t) for t in actions.loc[actions["doc_id"] == d, "title"]] for d in doc_ids}
    index = {d: list(actions.index[actions["doc_id"] == d]) for d in doc_ids}
    for i, left in enumerate(doc_ids):
        for right in doc_ids[i + 1:]:
            scores = similarity_matrix(titles[left], titles[right])
            for (r, c), score in np.ndenumerate(scores):
                a, b = titles[left][r], titles[right][c]
                rows.append({"left": index[left][r], "right": index[right][c], "score": round(float(score), 1),
                             "shared_words": _shared_words(a, b), "numbers_differ": numbers_differ(a, b)})
    pairs = pd.DataFrame(rows, columns=["left", "right", "score", "shared_words", "numbers_differ"])
    return pairs.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)


def match_actions(actions: pd.DataFrame, threshold: float = MATCH_THRESHOLD) -> list[Match]:
    """Matches across conventions, one to one per pair of conventions, best score first."""
    pairs = candidate_pairs(actions)
    pairs = pairs[(pairs["score"] >= threshold) & (pairs["shared_words"] >= MIN_SHARED_WORDS)
                  & ~pairs["numbers_differ"]]
    taken: set[tuple[int, str]] = set()  # (action row, other convention)
    matches = []
    for pair in pairs.itertuples():
        left, right = actions.loc[pair.left], actions.loc[pair.right]
        if (pair.left, right["doc_id"]) in taken or (pair.right, left["doc_id"]) in taken:
            continue
        taken.update({(pair.left, right["doc_id"]), (pair.right, left["doc_id"])})
        matches.append(Match(pair.score, left.to_dict(), right.to_dict()))
    return matches


def same_convention(left_titles: list[str], right_titles: list[str]) -> tuple[bool, int]:
    """Whether two documents hold the same convention, and how many titles they share."""
    if not left_titles or not right_titles:
        return False, 0
    scores = process.cdist(left_titles, right_titles, scorer=fuzz.token_sort_ratio)
    small = scores if len(left_titles) <= len(right_titles) else scores.T
    shared = int((small.max(axis=1) >= SAME_TITLE_SCORE).sum())
    return shared >= SAME_CONVENTION_SHARE * len(small) and shared >= 2, shared


def drop_same_conventions(conventions: list[Convention], actions: pd.DataFrame) -> list[Convention]:
    """One representative per convention found in several files (most actions, then first
    path); the others are named in its `same_as`."""
    titles = {c.doc_id: [normalised_title(t) for t in actions.loc[actions["doc_id"] == c.doc_id, "title"]]
              for c in conventions}
    ordered = sorted(conventions, key=lambda c: (-len(titles[c.doc_id]), c.source_path))
    kept: list[Convention] = []
    for c in ordered:
        twin = next((k for k in kept if same_convention(titles[k.doc_id], titles[c.doc_id])[0]), None)
        if twin is None:
            kept.append(c)
        else:
            twin.same_as.append(c.file_name)
    return sorted(kept, key=lambda c: c.source_path)


# --- where each action comes from ------------------------------------------------------

EXCERPT_LENGTH = 160


def add_sources(actions: pd.DataFrame, conventions: list[Convention], texts: dict[str, str]) -> None:
    """Give each action its file name and an excerpt of its text (the start of its span in
    text/<doc_id>.txt), so that every line of a report can be checked against the document."""
    files = {c.doc_id: c.file_name for c in conventions}
    actions["file_name"] = actions["doc_id"].map(files)
    actions["excerpt"] = [excerpt(texts[d], _value(start), _value(end))
                          for d, start, end in zip(actions["doc_id"], actions["char_start"], actions["char_end"])]


def excerpt(text: str, start, end, limit: int = EXCERPT_LENGTH) -> Optional[str]:
    """The span's text on one line, cut at a word boundary after `limit` characters."""
    if start is None or end is None or not text:
        return None
    return _shorten(" ".join(text[int(start):int(end)].split()), limit)


def source_text(action) -> str:
    """« ctg.pdf p.3 [120–480] »: the file, the page (PDFs only) and the character span of
    an action in the document's extracted text."""
    page = _value(action.get("page_start"))
    start, end = _value(action.get("char_start")), _value(action.get("char_end"))
    parts = [str(action.get("file_name") or "")]
    if page is not None:
        parts.append(f"p.{int(page)}")
    if start is not None and end is not None:
        parts.append(f"[{int(start)}–{int(end)}]")
    return " ".join(p for p in parts if p)


# --- budget totals ---------------------------------------------------------------------

def action_budgets(actions: pd.DataFrame) -> pd.DataFrame:
    """One row per action (level 1) with the euros it is known to cost and whether that is
    all of it. An action without a budget of its own costs what its sub-actions (the
    opérations of a fiche) add up to, complete only when each of them states an amount;
    an action with its own budget is not added to its sub-actions' (it includes them)."""
    level_1 = actions[actions["level"] == 1]
    subs = actions[actions["level"] == 2]
    rows = []
    for a in level_1.itertuples():
        own = _value(a.budget_eur)
        if own is not None:
            known, complete = float(own), True
        else:
            amounts = [_value(b) for b in subs.loc[subs["parent_action_id"] == a.action_id, "budget_eur"]]
            known = float(sum(b for b in amounts if b is not None))
            complete = bool(amounts) and all(b is not None for b in amounts)
        rows.append({"doc_id": a.doc_id, "axis_number": _value(a.axis_number), "axis_title": _value(a.axis_title),
                     "theme": a.theme, "known_eur": known, "unknown": not complete})
    return pd.DataFrame(rows, columns=["doc_id", "axis_number", "axis_title", "theme", "known_eur", "unknown"])


@dataclass
class BudgetTotal:
    doc_id: str
    key: Optional[str]  # the axis number, the theme, or None for the whole document
    title: Optional[str]  # the axis title
    n_actions: int
    total_eur: float  # the sum of the budgets that are known
    n_unknown: int  # actions whose budget is not known: the total is then a lower bound


def budget_totals(comparison: Comparison, by: Optional[str]) -> list[BudgetTotal]:
    """Budget totals of each convention per `axis`, per `theme` (the themes file's order),
    or for the whole document (`by` None)."""
    budgets = action_budgets(comparison.actions)
    totals = []
    for c in comparison.conventions:
        mine = budgets[budgets["doc_id"] == c.doc_id]
        if by is None:
            groups = [(None, None, mine)]
        elif by == "axis":
            groups = [(_value(n), _value(g["axis_title"].iloc[0]), g)
                      for n, g in mine.groupby("axis_number", sort=False, dropna=False)]
        else:
            groups = [(t, None, mine[mine["theme"] == t]) for t in themes_in_order() if (mine["theme"] == t).any()]
        totals += [BudgetTotal(c.doc_id, key, title, len(g), float(g["known_eur"].sum()), int(g["unknown"].sum()))
                   for key, title, g in groups]
    return totals


def euros(amount: float) -> str:
    return f"{amount:,.0f} €".replace(",", "\u202f")


def total_text(total: BudgetTotal) -> str:
    """« 57 000 € » when every action states its budget; otherwise the known part as a lower
    bound with the number of actions left out beside it, so that it never looks complete."""
    if total.n_unknown == 0:
        return euros(total.total_eur)
    missing = f"budget unknown for {total.n_unknown} of {total.n_actions} action{'s' if total.n_actions > 1 else ''}"
    if total.n_unknown == total.n_actions:
        return f"unknown ({missing})"
    return f"≥ {euros(total.total_eur)} ({missing})"


# --- what the outputs show -------------------------------------------------------------

def overview_rows(comparison: Comparison) -> list[tuple[str, list[str]]]:
    """The convention-level lines of the side-by-side view: (field, one value per convention)."""
    cs = comparison.conventions
    return [
        ("file", [c.file_name + (f" (same as {', '.join(c.same_as)})" if c.same_as else "") for c in cs]),
        ("title", [_shorten(c.title) or "—" for c in cs]),
        ("parties", ["; ".join(c.parties) or "—" for c in cs]),
        ("dates", ["; ".join(c.dates) or "—" for c in cs]),
        ("duration", [c.duration or "—" for c in cs]),
        ("axes", [str(c.n_axes) for c in cs]),
        ("actions", [f"{c.n_actions}" + (f" (+ {c.n_sub_actions} sub-actions)" if c.n_sub_actions else "")
                     for c in cs]),
        ("budget", [total_text(t) for t in budget_totals(comparison, None)]),
    ]


def _shorten(text: Optional[str], limit: int = 120) -> Optional[str]:
    if not text or len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def budget_text(action) -> str:
    """« 30 000 € » from budget_eur, else the form's own words, else nothing."""
    eur = _value(action.get("budget_eur"))
    if eur is not None:
        return euros(eur)
    return _value(action.get("budget_raw")) or ""


def matched_with(comparison: Comparison) -> dict[str, list[str]]:
    """action_id -> « ≈ Val-de-Marne – Paris A.4 (100) » for each of its matches."""
    found: dict[str, list[str]] = {}
    for m in comparison.matches:
        for this, other in ((m.left, m.right), (m.right, m.left)):
            found.setdefault(this["action_id"], []).append(f"≈ {other['convention']} {other['ref']} ({m.score:.0f})")
    return found


def action_parts(action, matches: dict[str, list[str]]) -> list[str]:
    """The pieces of an action's entry: « C.1 title », its services, its budget, its matches."""
    parts = [row_text(action)]
    if services := _value(action.get("services_pilotes")):
        parts.append(f"services pilotes: {services}")
    if budget := budget_text(action):
        parts.append(f"budget: {budget}")
    parts.extend(matches.get(action["action_id"], []))
    return parts


def _line(parts: list[str]) -> str:
    return " — ".join(parts)


def theme_rows(comparison: Comparison) -> list[tuple[str, list[list[dict]]]]:
    """Per theme (in the themes file's order), the actions of each convention (rows of
    `comparison.actions` as dicts)."""
    rows = []
    for theme in themes_in_order():
        of_theme = comparison.actions[comparison.actions["theme"] == theme]
        if not of_theme.empty:
            rows.append((theme, [of_theme[of_theme["doc_id"] == c.doc_id].to_dict("records")
                                 for c in comparison.conventions]))
    return rows


def row_text(action) -> str:
    """« C.1 Poursuivre la mobilisation … »: an action's reference and title."""
    return f"{action['ref']} {action['title']}"


MATCH_HEADER = ["score", "theme", "convention A", "action A", "convention B", "action B"]


def match_rows(comparison: Comparison) -> list[dict[str, str]]:
    return [dict(zip(MATCH_HEADER, [f"{m.score:.1f}", m.left["theme"], m.left["convention"], row_text(m.left),
                                    m.right["convention"], row_text(m.right)]))
            for m in comparison.matches]


AXIS_BUDGET_HEADER = ["convention", "axis", "actions", "budget"]


def axis_budget_rows(comparison: Comparison) -> list[list[str]]:
    """One row per axis of each convention: its actions and the total of their budgets."""
    labels = {c.doc_id: c.label for c in comparison.conventions}
    return [[labels[t.doc_id], " ".join(str(p) for p in (t.key, t.title) if p) or "(no axis)", str(t.n_actions),
             total_text(t)]
            for t in budget_totals(comparison, "axis")]


def theme_budget_rows(comparison: Comparison) -> list[tuple[str, list[str]]]:
    """Per theme, the total of the budgets of each convention's actions of that theme."""
    totals = {(t.key, t.doc_id): t for t in budget_totals(comparison, "theme")}
    rows = []
    for theme in themes_in_order():
        if any(key == theme for key, _ in totals):
            rows.append((theme, [total_text(totals[theme, c.doc_id]) if (theme, c.doc_id) in totals else "—"
                                 for c in comparison.conventions]))
    return rows


def notes(comparison: Comparison) -> list[str]:
    matching = (f"Matches: normalised titles, mean of rapidfuzz token_set_ratio and token_sort_ratio "
                f">= {comparison.threshold:g}, at least {MIN_SHARED_WORDS} words in common, at most one match "
                f"per action and per other convention.")
    budgets = ("Budgets: the sum of the actions' budgets in euros (an action without its own, the sum of its "
               "sub-actions'); « ≥ » and « budget unknown for n » when some actions state no amount.")
    lines = [matching, budgets]
    for c in comparison.conventions:
        if c.same_as:
            lines.append(f"{', '.join(c.same_as)}: the same convention as {c.file_name} (the same action "
                         f"titles), compared once.")
    lines.extend(f"{name}: not compared, {why}." for name, why in comparison.left_out)
    return lines


def csv_frame(comparison: Comparison) -> pd.DataFrame:
    """One row per action of the compared conventions (`row` = action), with its theme,
    matches and source; then the budget totals (`row` = document total, axis total, theme
    total) with `n_actions` and `n_budget_unknown` beside each total: a total is the sum of
    the known budgets, complete only when `n_budget_unknown` is 0, blank when none is known."""
    matches = matched_with(comparison)
    a = comparison.actions
    actions = pd.DataFrame({
        "row": "action", "convention": a["convention"], "file_name": a["file_name"],
        "doc_id": a["doc_id"], "action_id": a["action_id"], "theme": a["theme"], "axis": a["axis_number"],
        "axis_title": a["axis_title"], "ref": a["ref"], "level": a["level"], "title": a["title"],
        "services_pilotes": a["services_pilotes"], "budget_eur": a["budget_eur"], "budget_raw": a["budget_raw"],
        "matches": [" | ".join(m.removeprefix("≈ ") for m in matches.get(i, [])) or None for i in a["action_id"]],
        "page": a["page_start"], "char_start": a["char_start"], "char_end": a["char_end"],
    })
    conventions = {c.doc_id: c for c in comparison.conventions}
    totals = [
        {"row": f"{by or 'document'} total", "convention": conventions[t.doc_id].label,
         "file_name": conventions[t.doc_id].file_name, "doc_id": t.doc_id,
         "theme": t.key if by == "theme" else None, "axis": t.key if by == "axis" else None,
         "axis_title": t.title, "budget_eur": t.total_eur if t.n_unknown < t.n_actions else None,  # blank: none known
         "n_actions": t.n_actions, "n_budget_unknown": t.n_unknown}
        for by in (None, "axis", "theme") for t in budget_totals(comparison, by)]
    # one frame from the rows of both (pd.concat would guess the columns' types from the blanks)
    frame = pd.DataFrame(actions.to_dict("records") + totals, columns=[*actions, "n_actions", "n_budget_unknown"])
    for column in ("level", "page", "char_start", "char_end", "n_actions", "n_budget_unknown"):
        frame[column] = frame[column].astype("Int64")  # whole numbers, not 1.0, beside the totals' blanks
    return frame


def to_markdown(comparison: Comparison) -> str:
    """The report as Markdown; every action and match carries a footnote with its source
    (« file p.3 [120–480]: « excerpt » »)."""
    labels = [c.label for c in comparison.conventions]
    notes_of = {action_id: n for n, action_id in enumerate(comparison.actions["action_id"], 1)}
    matches = matched_with(comparison)

    def entry(action) -> str:
        return _md(_line(action_parts(action, matches))) + f"[^{notes_of[action['action_id']]}]"

    out = ["# Conventions compared", ""]
    out += _md_table(["", *labels], [[_md(name), *map(_md, values)] for name, values in overview_rows(comparison)])
    out += ["", "## Actions by theme", ""]
    out += _md_table(["theme", *labels], [[_md(theme), *("<br>".join(entry(a) for a in cell) for cell in cells)]
                                          for theme, cells in theme_rows(comparison)])
    out += ["", "## Actions in common", ""]
    rows = [[*map(_md, row.values())] for row in match_rows(comparison)]
    for row, m in zip(rows, comparison.matches):
        row[3] += f"[^{notes_of[m.left['action_id']]}]"
        row[5] += f"[^{notes_of[m.right['action_id']]}]"
    out += _md_table(MATCH_HEADER, rows) if rows else ["None."]
    out += ["", "## Budgets by axis", ""]
    out += _md_table(AXIS_BUDGET_HEADER, [list(map(_md, row)) for row in axis_budget_rows(comparison)])
    out += ["", "## Budgets by theme", ""]
    out += _md_table(["theme", *labels], [[_md(theme), *map(_md, cells)] for theme, cells in theme_budget_rows(comparison)])
    out += [""] + [f"- {_md(n)}" for n in notes(comparison)]
    out += ["", "## Sources", ""]
    out += [f"[^{notes_of[a['action_id']]}]: {_md(source_text(a))}: « {_md(a['excerpt'] or '')} »"
            for a in comparison.actions.to_dict("records")]
    return "\n".join(out + [""])


def _md(text: str) -> str:
    """A table cell: one line, with the characters Markdown would read as syntax escaped
    (line breaks and runs of spaces collapsed; the narrow no-break space of « 20 000 € » kept)."""
    text = re.sub(r"[ \t\n\r\f\v]+", " ", str(text)).strip().replace("\\", "\\\\")
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A pipe table; the rows' cells are already escaped."""
    return (["| " + " | ".join(_md(h) for h in header) + " |", "|" + "---|" * len(header)]
            + ["| " + " | ".join(row) + " |" for row in rows])


HTML_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid #ccc; padding: .4rem .6rem; vertical-align: top; text-align: left; font-size: .9rem; }
th { background: #f0f0f0; }
td ul { margin: 0; padding-left: 1.1rem; } td li { margin-bottom: .3rem; }
.match { color: #05628a; font-weight: 600; } .meta { color: #555; }
details.source { color: #555; font-size: .8rem; } details.source summary { cursor: pointer; }
"""


def to_html(comparison: Comparison) -> str:
    """A self-contained page: inline style, no script, no external asset; every value escaped.
    Every action and match opens onto its source (file, page, character span, excerpt)."""
    e = html.escape
    labels = [c.label for c in comparison.conventions]
    head = "".join(f"<th>{e(label)}</th>" for label in labels)
    overview = "".join(f"<tr><th>{e(name)}</th>{''.join(f'<td>{e(v)}</td>' for v in values)}</tr>"
                       for name, values in overview_rows(comparison))
    matched = matched_with(comparison)
    themes = "".join(f"<tr><th>{e(theme)}</th>{''.join(_html_cell(cell, matched) for cell in cells)}</tr>"
                     for theme, cells in theme_rows(comparison))
    rows = match_rows(comparison)
    if rows:
        cells = [[f"<td>{e(v)}</td>" for v in row.values()] for row in rows]
        for row, m in zip(cells, comparison.matches):
            row[3] = f"<td>{e(row_text(m.left))}{_html_source(m.left)}</td>"
            row[5] = f"<td>{e(row_text(m.right))}{_html_source(m.right)}</td>"
        matches = _html_table(MATCH_HEADER, cells)
    else:
        matches = "<p>None.</p>"
    by_axis = _html_table(AXIS_BUDGET_HEADER, [[f"<td>{e(v)}</td>" for v in row] for row in axis_budget_rows(comparison)])
    by_theme = _html_table(["theme", *labels], [[f"<th>{e(theme)}</th>", *(f"<td>{e(v)}</td>" for v in values)]
                                                for theme, values in theme_budget_rows(comparison)])
    note_items = "".join(f"<li>{e(n)}</li>" for n in notes(comparison))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Conventions compared</title>
<style>{HTML_STYLE}</style></head><body>
<h1>Conventions compared</h1>
<table><tr><th></th>{head}</tr>{overview}</table>
<h2>Actions by theme</h2>
<table><tr><th>theme</th>{head}</tr>{themes}</table>
<h2>Actions in common</h2>
{matches}
<h2>Budgets by axis</h2>
{by_axis}
<h2>Budgets by theme</h2>
{by_theme}
<ul class="meta">{note_items}</ul>
</body></html>
"""


def _html_table(header: list[str], rows: list[list[str]]) -> str:
    """A table whose cells are already rendered (`<td>…</td>`, escaped)."""
    return ("<table><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr>"
            + "".join(f"<tr>{''.join(row)}</tr>" for row in rows) + "</table>")


def _html_source(action) -> str:
    """The action's source as a <details>: file, page and span, then the excerpt, escaped."""
    return (f'<details class="source"><summary>{html.escape(source_text(action))}</summary>'
            f"« {html.escape(_value(action.get('excerpt')) or '')} »</details>")


def _html_cell(actions: list[dict], matched: dict[str, list[str]]) -> str:
    items = []
    for action in actions:
        main, *rest = action_parts(action, matched)
        extra = "".join(f'<br><span class="{"match" if r.startswith("≈") else "meta"}">{html.escape(r)}</span>'
                        for r in rest)
        items.append(f"<li>{html.escape(main)}{extra}{_html_source(action)}</li>")
    return f"<td><ul>{''.join(items)}</ul></td>" if items else "<td></td>"


def render_output(comparison: Comparison, fmt: str) -> str:
    """The comparison as `csv` (one row per action, then the budget totals), `md` or `html` text."""
    if fmt == "csv":
        return csv_frame(comparison).to_csv(index=False, lineterminator="\n")
    if fmt == "md":
        return to_markdown(comparison)
    if fmt == "html":
        return to_html(comparison)
    raise ValueError(f"unknown format {fmt!r}")


def write_output(comparison: Comparison, fmt: str, path: Path) -> None:
    """The comparison as `csv`, `md` or `html`, into `path`."""
    if fmt == "csv":
        csv_frame(comparison).to_csv(path, index=False, encoding="utf-8")
    else:
        path.write_text(render_output(comparison, fmt), encoding="utf-8")


def print_terminal(comparison: Comparison, console) -> None:
    """The tables with rich: conventions, actions by theme, actions in common, budgets by
    axis and by theme."""
    from rich.table import Table  # rich is only needed for the terminal view

    def table(title: str, header: list[str], rows: list[list[str]], first_no_wrap: bool = False) -> None:
        shown = Table(title=title, show_lines=True, header_style="bold")
        for i, name in enumerate(header):
            shown.add_column(name, overflow="fold", no_wrap=first_no_wrap and i == 0,
                             justify="right" if name == "score" else "left")
        for row in rows:
            shown.add_row(*row)
        console.print(shown)

    labels = [c.label for c in comparison.conventions]
    table("Conventions", ["", *labels], [[name, *values] for name, values in overview_rows(comparison)])
    matched = matched_with(comparison)
    table("Actions by theme", ["theme", *labels],
          [[theme, *("\n".join(f"• {_line(action_parts(a, matched))}" for a in cell) for cell in cells)]
           for theme, cells in theme_rows(comparison)], first_no_wrap=True)
    rows = match_rows(comparison)
    table(f"Actions in common ({len(rows)})", MATCH_HEADER, [list(r.values()) for r in rows])
    table("Budgets by axis", AXIS_BUDGET_HEADER, axis_budget_rows(comparison))
    table("Budgets by theme", ["theme", *labels], [[theme, *values] for theme, values in theme_budget_rows(comparison)],
          first_no_wrap=True)
    for line in notes(comparison):
        console.print(line, style="dim", highlight=False)
