"""French numbers written in words (« deux mille vingt-quatre », « huit millions »).

The regex pieces here find a run of number words; `words_to_int` turns such a
run into an integer with the `text2num` library, so no hand-written tables of
French numerals live in this project.
"""
from __future__ import annotations

import re
from typing import Optional

from text_to_num import text2num

# The words French numerals are made of. « mil » is the legal spelling of
# « mille » in years (« L'an deux mil six »). « cing » is a frequent OCR
# misreading of « cinq » (« L'An Deux-Mil-Vingt-Cing »).
_NUMBER_WORD = (
    r"(?:un|une|deux|trois|quatre|cinq|cing|six|sept|huit|neuf|dix|onze|douze|treize|"
    r"quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cents?|mille|mil)"
)
_SCALE_WORD = r"(?:millions?|milliards?)"

# A run of number words joined by spaces, hyphens or « et » (« vingt et un »).
NUMBER_WORDS = rf"\b{_NUMBER_WORD}(?:(?:[\s-]+et)?[\s-]+{_NUMBER_WORD})*\b"
# The same, also allowing « million(s) » / « milliard(s) » (for sums of money).
NUMBER_WORDS_WITH_SCALE = (
    rf"\b{_NUMBER_WORD}(?:(?:[\s-]+et)?[\s-]+(?:{_NUMBER_WORD}|{_SCALE_WORD}))*\b"
)

_OCR_FIXES = {"cing": "cinq"}
_WORD_RE = re.compile(r"[a-zà-ÿ]+", re.IGNORECASE)


def words_to_int(phrase: str) -> Optional[int]:
    """« Deux-Mil-Vingt-Cinq » -> 2025, « premier » -> 1; None when it is not a number."""
    words = [_OCR_FIXES.get(w, w) for w in _WORD_RE.findall(phrase.lower())]
    if not words:
        return None
    if words == ["premier"]:
        return 1
    try:
        return text2num(" ".join(words), "fr")
    except ValueError:
        return None


def word_spans(phrase: str) -> list[tuple[int, int]]:
    """(start, end) of each word of `phrase`, to cut a run of number words shorter."""
    return [m.span() for m in _WORD_RE.finditer(phrase)]


_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(numeral: str) -> Optional[int]:
    """« IV » -> 4, « XII » -> 12; None when `numeral` is not a roman number."""
    values = [_ROMAN_DIGITS.get(c) for c in numeral.upper()]
    if not values or None in values:
        return None
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return total if total > 0 else None
