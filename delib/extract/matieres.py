"""The ACTES matière of a deliberation whose document prints none, inferred from its objet.

ACTES files every act under a matière (« 7.5 » = finances locales/subventions,
`delib/data/actes_matieres.csv`); SCDL requires it. When the document prints it
(« Nomenclature : 7.5 », delib.extract.actes.find_matiere), that one is used. Otherwise
`classify_objet` scores the objet against a hand-made keyword list
(`delib/data/matiere_keywords.csv`: code, keyword, weight — `*` ends a word stem, text
compared without accents nor case) plus the words of the sous-matières' own names, and
returns the best-scoring sous-matière with a confidence:

    confidence = (score of the best / sum of the scores) × (1 − 0.5 ** (best score / 2))

so one strong keyword alone (« subvention », weight 4) gives 0.75, two matières with equal
scores at most 0.5 each. No keyword at all: None (nothing is guessed).

Accuracy, measured on 108 real objets of the corpora labelled by hand
(`tests/data/matieres_labelled.csv`, `tests/test_matieres.py`): see the README.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from delib.extract.actes import matiere_names, matieres_level2
from delib.resources import data_path
from delib.lang.text import strip_accents

KEYWORDS_PATH = data_path() / "matiere_keywords.csv"
# Words of a sous-matière's name that say nothing on their own.
_STOP = {"de", "des", "du", "d", "l", "la", "le", "les", "et", "a", "au", "aux", "en", "par", "autres", "actes",
         "relatifs", "relatif", "divers", "speciaux", "autre", "types", "domaines", "competences", "themes",
         "communes", "departements", "regions", "sem", "etc", "ou", "prise", "personnel", "publique", "public",
         "publics", "fonction", "decisions", "documents", "droit", "gestion", "domaine", "etat", "pris", "nom",
         "soumis", "controle", "hierarchique", "pouvoir", "pouvoirs", "president", "conseil", "general",
         "regional", "exercice", "utilisation", "occupation", "categories", "titulaires", "stagiaires"}
NAME_WORD_WEIGHT = 1
THEME_FACTOR = 0.5  # a theme heading (« OBJET : ENVIRONNEMENT ») counts half as much as the objet


@dataclass(frozen=True)
class MatiereGuess:
    code: str  # ACTES level 2: « 7.5 »
    nom: str  # its SCDL name: « finances locales/subventions »
    confidence: float  # 0..1
    keywords: tuple[str, ...]  # what matched, for a reader to check


def normalise(text: str) -> str:
    """Lowercase, without accents, words separated by one space (« d'œuvre » -> « d oeuvre »)."""
    text = strip_accents((text or "").lower().replace("œ", "oe").replace("æ", "ae"))
    return " " + " ".join(re.sub(r"[^a-z0-9]+", " ", text).split()) + " "


def _pattern(keyword: str) -> re.Pattern:
    parts = [re.escape(w.rstrip("*")) + (r"[a-z]*" if w.endswith("*") else "") for w in keyword_words(keyword)]
    return re.compile(r"(?<![a-z0-9])" + r" ".join(parts) + r"(?![a-z0-9])")


def keyword_words(keyword: str) -> list[str]:
    """« accord* cadre* » -> ['accord*', 'cadre*'], accents and case folded."""
    folded = strip_accents(keyword.lower())
    return [w for w in re.split(r"[^a-z0-9*]+", folded) if w]


@lru_cache(maxsize=None)
def rules() -> tuple[tuple[str, str, re.Pattern, float], ...]:
    """(code, keyword, pattern, weight): the hand-made list, then the words of the names."""
    names = matiere_names()
    found = []
    with KEYWORDS_PATH.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["code"] not in names:
                raise ValueError(f"{KEYWORDS_PATH}: {row['code']} is no ACTES sous-matière")
            found.append((row["code"], row["keyword"], _pattern(row["keyword"]), float(row["weight"])))
    listed = {(code, normalise(k).strip()) for code, k, _, _ in found}
    for row in matieres_level2():
        for word in normalise(row["libelle_actes_niveau2"]).split():
            if len(word) > 3 and word not in _STOP and (row["code"], word) not in listed:
                found.append((row["code"], word, _pattern(word + "*"), float(NAME_WORD_WEIGHT)))
    return tuple(found)


def scores(objet: str, theme: str = "") -> dict[str, tuple[float, list[str]]]:
    """Code -> (score, keywords matched) for `objet` (and, at half weight, its `theme`)."""
    result: dict[str, tuple[float, list[str]]] = {}
    for text, factor in ((normalise(objet), 1.0), (normalise(theme), THEME_FACTOR)):
        if not text.strip():
            continue
        for code, keyword, pattern, weight in rules():
            if pattern.search(text):
                score, matched = result.get(code, (0.0, []))
                result[code] = (score + weight * factor, matched + [keyword])
    return result


def classify_objet(objet: str, theme: str = "") -> Optional[MatiereGuess]:
    """The ACTES sous-matière `objet` most likely belongs to, or None when no keyword matches."""
    found = scores(objet, theme)
    if not found:
        return None
    order = {row["code"]: i for i, row in enumerate(matieres_level2())}
    code = max(found, key=lambda c: (found[c][0], -order[c]))
    best = found[code][0]
    share = best / sum(score for score, _ in found.values())
    confidence = round(share * (1 - 0.5 ** (best / 2)), 2)
    return MatiereGuess(code, matiere_names()[code], confidence, tuple(found[code][1]))
