"""Comparing French administrative text without case nor accents.

`fold` keeps offsets (one character for one character), so a match in the folded
text is a match in the original; `strip_accents` keeps the case.
"""
from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    """`text` without its accents, case kept (« Séance » -> « Seance »). An NFC text
    keeps its length: each accented letter was one character and stays one."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


_APOSTROPHES = {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "\u00a0": " ", "\u202f": " "}


_FOLDED: dict[int, str] = {}  # code point -> its folded character, filled as characters are met


def _fold_char(char: str) -> str:
    char = _APOSTROPHES.get(char, char)
    base = unicodedata.normalize("NFD", char)[0]
    low = base.lower()
    return low if len(low) == 1 else base


def fold(text: str) -> str:
    """Lower case, accents removed, typographic apostrophes made plain; same length as `text`.

    One character for one character, through `str.translate`: minutes are folded
    thousands of times, and a Python loop per character was a tenth of a run."""
    for char in set(text):
        if ord(char) not in _FOLDED:
            _FOLDED[ord(char)] = _fold_char(char)
    return text.translate(_FOLDED)


# « à l'exception de », « sauf », « excepté », « hormis » (folded): who is set apart from the rest
# (« tous présents à l'exception de M. X », « adopté, sauf M. Y qui s'abstient »)
EXCEPTION_CUE = r"(?:a\s+l'exception\s+d(?:e\s+|u\s+|')|sauf\s+|excepte\s+|hormis\s+)"
