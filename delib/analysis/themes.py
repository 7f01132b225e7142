"""A policy theme for each action of a convention, from keyword rules.

The rules are the lines of `delib/data/themes.csv` (`theme,keyword,example`):
a keyword is one or more words written without accents and in lower case; a word
ending in `*` matches any word starting with it (`sport*`: sport, sportif,
sportives), another word only itself (`bus`, `eau`, `parc`). A keyword of several
words (`qualite air`, `samu social`, `agriculture urbaine`) matches those words in a
row once the title's function words are dropped, and the words it covers count for
no other keyword: « relogement par le Samu social » is logement/hébergement, not
social/santé, and « agriculture urbaine » is not urbanisme.

How a theme is chosen:
1. The action's own title decides: the theme with the most keyword hits wins
   (« Établir un état des lieux des logements des bailleurs sociaux » has
   logement + bailleur against social: logement/hébergement).
2. When themes tie in the title, the title of the action's axis breaks the tie:
   among the tied themes, the one with the most hits in the axis title
   (« Renforcer la pratique du sport santé » ties sport and santé; its axis « pour la
   jeunesse, le sport et l'éducation » makes it sport).
3. A title with no keyword at all takes the axis title's theme (« Définir des
   objectifs conjoints d'évolution des sites », under « Relever le défi climatique »:
   environnement/climat).
4. What is still tied goes to the theme listed first in the file; nothing matched
   anywhere gives `autre`.

The file is read once per process; a line with an unknown shape stops with
ThemeFileError naming the line.
"""
from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from delib.resources import data_path

THEMES_FILE = data_path("themes.csv")
NO_THEME = "autre"

# French function words: they carry no topic, and two titles sharing them are not alike.
# Number words are kept on purpose (« ligne dix » is not « ligne onze »).
FUNCTION_WORDS = frozenset("""
a au aux avec ce ces cet cette d dans de des du en entre et l la le les leur leurs
n ne ou par pour qu que qui s sa se ses son sur un une y afin ainsi chez dont lors
sous vers via ici
""".split())


class ThemeFileError(ValueError):
    """A line of themes.csv that cannot be read."""


def plain(text: str) -> str:
    """Lower case, accents and ligatures gone (« Œuvre » → « oeuvre »)."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def title_words(text: Optional[str]) -> list[str]:
    """The words of a title that carry meaning: plain, elisions and hyphens split,
    function words dropped, numbers kept (« l’équilibre » → « equilibre »,
    « ligne 10 » → « ligne », « 10 »)."""
    if not text:
        return []
    # every non-letter (’ ' - . « ») separates words; apostrophes are split before ascii
    # folding drops them, or « l’eau » would become one word « leau »
    words = re.findall(r"[a-z0-9]+", plain(re.sub(r"[^\w]", " ", text)))
    return [w for w in words if w not in FUNCTION_WORDS]


@dataclass(frozen=True)
class Keyword:
    theme: str
    words: tuple[str, ...]  # each word exact, or a prefix when it ends with *

    def matches_at(self, words: list[str], i: int) -> bool:
        if i + len(self.words) > len(words):
            return False
        return all(_word_matches(pattern, word) for pattern, word in zip(self.words, words[i:]))


def _word_matches(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


@functools.lru_cache(maxsize=None)
def load_keywords(path: Path = THEMES_FILE) -> tuple[tuple[str, ...], tuple[Keyword, ...]]:
    """The themes in file order and the keywords, longest first (so that « samu social »
    takes its words before « socia* » sees them)."""
    themes: list[str] = []
    keywords: list[Keyword] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line_no, row in enumerate(csv.DictReader(handle), start=2):
            theme, keyword = (row.get("theme") or "").strip(), (row.get("keyword") or "").strip()
            words = tuple(keyword.split())
            if not theme or not words or any(w != plain(w) or not re.fullmatch(r"[a-z0-9]+\*?", w) for w in words):
                raise ThemeFileError(f"{path.name}, line {line_no}: a theme and a keyword of plain "
                                     f"lower-case words without accents are needed, got {theme!r}, {keyword!r}")
            if theme not in themes:
                themes.append(theme)
            keywords.append(Keyword(theme, words))
    keywords.sort(key=lambda k: -len(k.words))
    return tuple(themes), tuple(keywords)


def theme_hits(text: Optional[str]) -> dict[str, int]:
    """How many keywords of each theme the text holds, each word counted at most once."""
    _, keywords = load_keywords()
    words = title_words(text)
    used = [False] * len(words)
    hits: dict[str, int] = {}
    for keyword in keywords:
        for i in range(len(words)):
            span = range(i, i + len(keyword.words))
            if keyword.matches_at(words, i) and not any(used[j] for j in span):
                for j in span:
                    used[j] = True
                hits[keyword.theme] = hits.get(keyword.theme, 0) + 1
    return hits


def theme_of(title: Optional[str], axis_title: Optional[str] = None) -> str:
    """The theme of an action from its title, its axis title breaking ties (see the module note)."""
    order, _ = load_keywords()
    own, axis = theme_hits(title), theme_hits(axis_title)
    if own:
        best = max(own.values())
        candidates = [t for t in order if own.get(t) == best]
    else:
        candidates = list(order)
    if len(candidates) > 1 and axis:
        best_in_axis = max(axis.get(t, 0) for t in candidates)
        if best_in_axis > 0:
            candidates = [t for t in candidates if axis.get(t, 0) == best_in_axis]
    if not own and not axis:
        return NO_THEME
    return candidates[0]


def themes_in_order() -> list[str]:
    """Every theme of the file in its order, then `autre`: the order of a report."""
    return [*load_keywords()[0], NO_THEME]
