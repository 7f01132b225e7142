"""Sums of money in French administrative text.

`find_amounts(text)` returns one `Mention(kind="amount")` per sum, `value` the
amount in euros (float), `attrs` = {period: "an"|"mois"|None, qualifier: "HT"|"TTC"|None}.

A number is money only when a currency follows it (`30 000 €`, `1,4M €`,
`1,2 millions d'euros`, `25.000 euros`) or precedes it (`€ 1 500`); so
percentages, « 1500 agents », « 4,5 hectares », years and article numbers are
never amounts. Sums written in words (« huit millions d'euros ») are read with
`text2num`. A sum restated in brackets — « 1 200 € (mille deux cents euros) » —
is one amount, not two.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from delib.lang.numbers import NUMBER_WORDS_WITH_SCALE, words_to_int
from delib.model import Mention

_FLAGS = re.IGNORECASE
_H = r"[ \t\u00a0\u202f]"  # spaces, non-breaking ones included
_GAP = rf"(?:{_H}*|{_H}*\n{_H}*)"  # nothing, spaces, or one line break

# A figure as French documents print it, tried in this order:
#   30 000 / 1 500,00 / 609 796.07   (space-grouped thousands)
#   25.000 / 102.257,76              (dot-grouped thousands)
#   1,100,000                        (comma-grouped, English style, two groups at least)
#   0,90 / 1,4 / 3.5 / 1500          (plain)
# A leading zero only as « 0,90 »: « 000 € » and « 020 450 000 € » are OCR debris.
_FIGURE = (
    rf"(?<![\w.,])(?:[1-9]\d{{0,2}}(?:{_H}\d{{3}})+(?:[.,]\d+)?"
    r"|[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?"
    r"|[1-9]\d{0,2}(?:,\d{3}){2,}(?:\.\d+)?"
    r"|(?:0|[1-9]\d*)(?:[.,]\d+)?)(?![\d])"
)
# Multipliers between the figure and the currency: « 150 k€ », « 1 M€ », « 3,5 Md€ »,
# « 1,2 million € », « 3,5 milliards d'euros ».
_SCALES = {"k": 1e3, "mille": 1e3, "m": 1e6, "million": 1e6, "millions": 1e6,
           "md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9, "milliard": 1e9, "milliards": 1e9}
_SCALE = r"(?:k|M|Mds?|Mrds?|millions?|milliards?|mille)(?![a-zà-ÿ])"
_CURRENCY = r"(?:€(?:uros?)?|euros?\b|EUR\b)"
_OF = rf"(?:d['’]{_H}*|de{_H}+)?"  # « millions d'euros »

_FIGURE_AMOUNT = re.compile(
    rf"(?P<figure>{_FIGURE}){_GAP}(?:(?P<scale>{_SCALE}){_GAP}{_OF})?{_CURRENCY}", _FLAGS
)
# « € 1 500 »: currency first. Same line only, so that a column of « 2,80 € » lines
# is not read as « € 4,35 »; and not after « en », the unit of a table row
# (« Epargne brute annuelle en € 120 000 110 000 » holds two figures, not one).
_EURO_FIRST = re.compile(
    rf"(?<!\w)(?<!\ben{_H})€{_H}*(?P<figure>{_FIGURE})(?![\w@]|{_H}*(?:[,.]?\d|%|{_SCALE}|{_CURRENCY}))", _FLAGS
)
# « huit millions d'euros », « mille deux cents euros », « un euro ».
_WORDS_AMOUNT = re.compile(rf"(?P<words>{NUMBER_WORDS_WITH_SCALE}){_GAP}{_OF}euros?\b", _FLAGS)

# What may follow the currency.
_QUALIFIER = re.compile(
    rf"{_H}*(?:(?P<HT>H\.?{_H}?T\.?(?![a-z])|hors{_H}+taxes?)|(?P<TTC>T\.?{_H}?T\.?{_H}?C\.?(?![a-z])|toutes{_H}+taxes{_H}+comprises))",
    _FLAGS,
)
_PERIOD_AFTER = re.compile(
    rf"{_H}*(?:(?P<an>/{_H}*an\b|par{_H}+an\b|par{_H}+année|l['’]an\b|annuel\w*|chaque{_H}+année|par{_H}+exercice)"
    rf"|(?P<mois>/{_H}*mois\b|par{_H}+mois\b|mensuel\w*|chaque{_H}+mois))",
    _FLAGS,
)
# « Maintenance annuelle 514,28 € », « une prime annuelle TTC de 32 679.24 € »,
# « le montant annuel du loyer révisé de 2 000,00 € »: up to three words in between.
_PERIOD_BEFORE = re.compile(
    rf"(?:(?P<an>\bannuel\w*)|(?P<mois>\bmensuel\w*))(?:{_H}+[\w'’]+){{0,3}}?{_H}*"
    rf"(?:{_H}(?:de|à){_H}+|{_H}d['’]|:{_H}*)?(?:l['’]ordre{_H}+de{_H}+|environ{_H}+)?$",
    _FLAGS,
)
# Text between a sum and its restatement: « 1 200 € (mille deux cents euros) ».
_RESTATEMENT_GAP = re.compile(r"\s*\(\s*(?:soit\s+)?", _FLAGS)


def find_amounts(text: str) -> list[Mention]:
    """Every sum of money in `text`, in reading order."""
    spans: list[tuple[int, int, float, bool]] = []  # start, end, euros, written in words
    # Order is priority: figures first, then « € 1 500 », then sums in words.
    for finder in (_figure_amounts, _euro_first_amounts, _word_amounts):
        taken = sorted((s[0], s[1]) for s in spans)
        spans += [s for s in finder(text) if not _overlaps(taken, s[0], s[1])]
    spans.sort()

    mentions: list[Mention] = []
    for start, end, euros, in_words in spans:
        if mentions and _restates(text, mentions[-1], start, euros, in_words):
            continue
        end, qualifier = _qualifier_after(text, end)
        mentions.append(Mention(
            kind="amount", text=text[start:end], char_start=start, char_end=end, value=euros,
            attrs={"period": _period(text, start, end), "qualifier": qualifier, "in_words": in_words},
        ))
    return mentions


# ---------------------------------------------------------------- finders
# Each yields (start, end, euros, written_in_words).

def _figure_amounts(text: str):
    for m in _FIGURE_AMOUNT.finditer(text):
        euros = parse_figure(m["figure"])
        if m["scale"]:
            euros *= _SCALES[m["scale"].lower()]
        yield m.start(), m.end(), round(euros, 2), False


def _euro_first_amounts(text: str):
    for m in _EURO_FIRST.finditer(text):
        yield m.start(), m.end(), round(parse_figure(m["figure"]), 2), False


def _word_amounts(text: str):
    for m in _WORDS_AMOUNT.finditer(text):
        euros = words_to_int(m["words"])
        if euros is not None:
            yield m.start(), m.end(), float(euros), True


# ---------------------------------------------------------------- parsing
def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap one of the sorted, disjoint spans `taken`?"""
    i = bisect.bisect_left(taken, (end, end))
    return i > 0 and taken[i - 1][1] > start


def parse_figure(figure: str) -> float:
    """« 30 000 » -> 30000, « 1 500,00 » -> 1500, « 25.000 » -> 25000, « 609 796.07 » -> 609796.07.

    With both separators the last one is the decimal mark; a lone comma is
    decimal, several are thousands (« 1,100,000 »); lone dots are thousands when
    every group after them has 3 digits.
    """
    s = re.sub(r"[ \t\u00a0\u202f]", "", figure)
    if s.count(",") > 1 and "." not in s:
        s = s.replace(",", "")
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        s = s.replace(thousands, "").replace(decimal, ".")
    elif "," in s:
        s = s.replace(",", ".")
    elif "." in s and all(len(group) == 3 for group in s.split(".")[1:]):
        s = s.replace(".", "")
    return float(s)


def _qualifier_after(text: str, end: int) -> tuple[int, Optional[str]]:
    """HT / TTC right after the currency, and the end of the span including it."""
    m = _QUALIFIER.match(text, end)
    if not m:
        return end, None
    return m.end(), m.lastgroup


def _period(text: str, start: int, end: int) -> Optional[str]:
    """`an` / `mois` when the words around the sum say per year / per month."""
    after = _PERIOD_AFTER.match(text, end)
    if after:
        return after.lastgroup
    before = _PERIOD_BEFORE.search(text[max(0, start - 60):start])
    return before.lastgroup if before else None


def _restates(text: str, previous: Mention, start: int, euros: float, in_words: bool) -> bool:
    """Is this sum the previous one said again in brackets (« 1 200 € (mille deux cents euros) »)?"""
    if not _RESTATEMENT_GAP.fullmatch(text, previous.char_end, start):
        return False
    return in_words or previous.attrs.get("in_words") or abs(previous.value - euros) < 0.01
