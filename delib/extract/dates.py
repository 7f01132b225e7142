"""Dates in French administrative text, with the role the surrounding words give them.

`find_dates(text)` returns one `Mention(kind="date")` per date, with `value` an ISO
string (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) and `attrs` = {granularity, role}.

How: a few compiled regexes find candidate spans (numeric dates, « 27 juin 2024 »,
written-out legal dates, « juin 2016 », years after a temporal cue). dateparser
(French) reads the ordinary « day month year » forms; what it misses (days and
years in words, OCR-damaged ordinals) falls back to a month table and `text2num`.
The words just before each date give its role. dateparser never *searches* the
text: its search mode is slow and takes identifiers and numbers for dates.
Regexes only ever match dates with a separator or a month name, so identifiers
(ACTES ids, « loi n° 2015-991 », phone numbers, postcodes) never become dates.
"""
from __future__ import annotations

import bisect
import datetime
import functools
import re
from typing import Optional

from dateparser.date import DateDataParser

from delib.lang.numbers import NUMBER_WORDS, word_spans, words_to_int
from delib.model import Mention
from delib.lang.text import strip_accents

_FLAGS = re.IGNORECASE

# Spaces inside a date: a run of spaces, or at most one line break
# (« 12 décembre\n2019 » in text extracted from a PDF).
_H = r"[ \t\u00a0\u202f]"
_GAP = rf"(?:{_H}+|{_H}*\n{_H}*)"



def _split_once(letters: list[str]) -> str:
    """A month name with one space inside, as OCR cuts a word it reads letter-spaced
    (« 31 JAN VIER 2013 »): at least two letters each side."""
    return "|".join("".join(letters[:i]) + " " + "".join(letters[i:]) for i in range(2, len(letters) - 1))


# Month names, full or abbreviated, accents optional (OCR and capitals drop them); the
# long ones also cut once by OCR.
_LONG_MONTHS = [list("janvier"), ["f", "[ée]", *"vrier"], list("juillet"), list("septembre"), list("octobre"),
                list("novembre"), ["d", "[ée]", *"cembre"]]
_MONTH = (
    r"(?:janv(?:ier|\.)?|f[ée]v(?:rier|r\.?|\.)?|mars|avr(?:il|\.)?|mai|juin|"
    r"juil(?:let|\.)?|ao[uû]t|sept(?:embre|\.)?|oct(?:obre|\.)?|nov(?:embre|\.)?|"
    r"d[ée]c(?:embre|\.)?|" + "|".join(_split_once(month) for month in _LONG_MONTHS) + r")(?![a-zà-ÿ])"
)
_MONTH_NUMBERS = {
    "jan": 1, "fev": 2, "mar": 3, "avr": 4, "mai": 5, "juin": 6, "juil": 7,
    "aou": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

# 04/07/2024, 4.07.2024, 27-06-2024; two-digit years only with slashes (04/07/24).
# The look-arounds keep the digits from being a piece of a longer number.
_NUMERIC = re.compile(
    r"(?<![\w./-])(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)"
    r"(?P<year>\d{4}|(?<=/)\d{2})(?![\w/-]|[.,]\d)"
)
_NUMBER_SIGN = re.compile(r"(?:\bn[ \t]?[°o]|\bnum[ée]ro|\bd[ée]lib[ée]ration)[ \t]*[:.]?[ \t]*$", re.I)
# 2024-06-27 (ISO), alone, not inside an identifier.
_ISO = re.compile(r"(?<![\w-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\w-])")

# « 27 juin 2024 », « 1er février 2016 », « 4 JUIL 2024 », « le vingt-huit octobre
# deux mille vingt et un », « le Huit du mois d'Avril 2025 ». A day may carry
# « er » or « ° », or what OCR makes of them (« 01” », « 01\* »).
# OCR reads the ordinal « 1er » as « ler » or « Ier ».
_DAY = rf"(?:\d{{1,2}}(?:{_H}?(?:er|°|”|\\?\*))?|[lI]er|premier|{NUMBER_WORDS})"
_YEAR = rf"(?:\d{{4}}|{NUMBER_WORDS})"
_DAY_MONTH_YEAR = re.compile(
    rf"(?<![\w,.])(?P<day>{_DAY}){_GAP}(?:du{_H}+mois{_H}+d(?:e{_H}+|['’]))?(?P<month>{_MONTH})"
    rf",?{_GAP}(?P<year>{_YEAR})(?![\w-])",
    _FLAGS,
)
# « L'AN DEUX MILLE VINGT-QUATRE, LE VINGT SEPT JUIN », « L'an deux mil six et le
# vingt quatre mars », « L'An Deux-Mil-Vingt-Cinq, le Huit du mois d'Avril », « L'an deux
# mille dix-huit, le mardi 11 décembre ».
_LEGAL = re.compile(
    rf"\bl['’]an{_GAP}(?:de{_GAP}gr[âa]ce{_GAP})?(?P<year>{_YEAR})[\s,]*(?:et\s+)?(?:le\s+)?"
    rf"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(?P<day>{_DAY})\s+(?:du{_H}+mois{_H}+d(?:e{_H}+|['’]))?(?P<month>{_MONTH})",
    _FLAGS,
)
# « en juin 2016 », « fin février\n2018 ». Bare « sept » is the number seven,
# so that month needs its full name or a period here.
_MONTH_YEAR = re.compile(
    rf"(?<!\w)(?P<month>{_MONTH})(?<![Ss][Ee][Pp][Tt]){_GAP}(?P<year>(?:18|19|20)\d{{2}})(?![\w-]|[.,]\d)",
    _FLAGS,
)
# A year alone counts only after a word that makes it a time (« en 2018 », « d'ici
# 2024 », « à l'horizon 2025 », « depuis 2020 »): bare 4-digit numbers in these
# documents are as often counts (« 2800 demandes ») or titles (« JOP 2024 »).
# « 2018-2020 » periods and « 2015-991 » law numbers are left out.
_YEAR_CUE = (
    r"(?:en|depuis|dès|jusqu['’]en|d['’]ici|horizon|fin|début|courant|mi|avant|après|"
    r"à\s+partir\s+de|au\s+cours\s+de|l['’]année|année|exercice)"
)
_CUED_YEAR = re.compile(
    rf"\b{_YEAR_CUE}(?:{_H}+|{_H}*-{_H}*)(?P<year>(?:18|19|20)\d{{2}})"
    rf"(?![\w-]|{_H}*(?:[-–/]{_H}*\d|[.,]\d|€|%))",
    _FLAGS,
)

# ---------------------------------------------------------------- roles
# Words that, just before a date, say what the date is. The cue nearest to the
# date wins (« Accusé de réception … Date de télétransmission : 04/07/2024 » is a
# transmission).
_ROLE_CUES = [
    ("seance", r"\bs[ée]ance|\br[ée]uni(?:e|s)?\b|\b(?:r[ée]union|session)(?:\s+(?:ordinaire|extraordinaire|publique))?\s+du\b"
               r"|\bconseil\s+(?:municipal|communautaire)(?:\s+(?:du|en\s+date\s+du))?\W*(?:(?:lundi|mardi|mercredi|jeudi"
               r"|vendredi|samedi|dimanche)\W*)?$"),
    # PDF text may split a first letter off (« E nvoi Préfecture », « R éception en Préfecture »).
    ("transmission", r"\bt[ée]l[ée]-?\s?transmi\w*|\btransmis\w*|\benvoy[ée]\w*\s+en\s+(?:sous-)?pr[ée]fecture"
                     r"|\bdate\s+d['’]envoi|\be\s?nvoi\s+(?:en\s+|à\s+la\s+)?(?:sous-)?pr[ée]fecture"),
    # No \b before « réception »: OCR glues a bracket to it (« IRéception par le préfet »).
    ("reception", r"r\s?[ée]ception|\bre[çc]u\w*\s+(?:en|à\s+la)\s+(?:sous-)?pr[ée]fecture|\bre[çc]ue?\s+le\b"),
    ("publication", r"\bpubli[ée]\w*|\bpublication|\baffich\w*|\bmis\w*\s+en\s+ligne"),
    # « signé le », « Fait à Ivry-sur-Seine, le », and « A Corte, le » opening a line.
    ("signature", r"\bsign[ée]\w*|\bfait\s+(?:et\s+d[ée]lib[ée]r[ée]\s+)?à\b"
                  r"|(?:^|\n)[ \t]*(?:[àaA][ \t]+)?(?-i:[A-ZÀ-Ý])[\w'’ -]{1,30},[ \t]*le\W*$"),
    ("echeance", r"\bd['’]ici|\bavant\b|\bau\s+plus\s+tard|\bhorizon\b|\b[ée]ch[ée]ance|\bprendr?a?\s+fin"
                 r"|\bs['’]ach[èe]ve|\bexpire\w*|\bjusqu['’]au|\bdate\s+limite"),
    # Cues of no contract role, listed so that an older cue further back is not used.
    # « convoqué en séance ordinaire le 9 septembre »: the day of the convocation, not of the séance
    ("other", r"\bconvoqu\w*(?:\s+en\s+s[ée]ance(?:\s+(?:ordinaire|extraordinaire|publique))?)?|\bconvocation"),
]
_ROLE_RE = re.compile("|".join(f"(?P<{role}>{cue})" for role, cue in _ROLE_CUES), _FLAGS)

# A dated text being cited: « convention de coopération du 12 décembre 2019 »,
# « loi n° 2015-991 du 7 août 2015 », « délibération n° 3 B du Conseil municipal du ».
# Minutes count only with an article (« le compte rendu du conseil du … »): a title
# line « COMPTE RENDU CONSEIL MUNICIPAL DU 4 AVRIL 2018 » dates the document itself.
_CITED_TEXT = (
    r"loi|d[ée]cret|arr[êe]t[ée]|ordonnance|circulaire|convention|protocole|d[ée]lib[ée]ration|"
    r"avenant|contrat|accord|charte|courrier|lettre|d[ée]cision|cr[ée]dit-bail|bail|r[èe]glement|"
    r"jugement|arr[êe]t|instruction|note|avis|trait[ée]|directive|march[ée]|"
    r"(?:le|du|au|ce)\s+(?:compte[- ]rendu|proc[èe]s[- ]verbal)"
)
# Between the cited text and its « du »: its number, qualifiers, issuer — but not
# words that start another clause (« décision n° 2017-196 … à compter du »).
_CITED_FILLER = (
    r"(?:(?!\b(?:compter|effet|partir|depuis|jusqu|avant|après|avec|pour|qui|que|dont|est|sont|été)\b)"
    r"(?:(?!\n\s*\n)[^.;]|\.(?!\s)))"
)
# « du jeudi 12 décembre 2019 »: a weekday may stand between « du » and the date.
_WEEKDAY = r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\W*)?"
_REFERENCE_RE = re.compile(
    rf"\b(?:{_CITED_TEXT})s?\b{_CITED_FILLER}{{0,80}}?\b(?:du|en\s+date\s+du|dat[ée]e?\s+du)\W*{_WEEKDAY}$",
    _FLAGS,
)
# « séance du » (« séance du conseil municipal du ») right before the date; it is a
# past session being cited after minutes (« adoption du compte rendu de la séance du »)
# or « lors de sa séance du ».
_SEANCE_DU_RE = re.compile(rf"s[ée]ance\b(?:(?!\n\s*\n)[^.;]){{0,40}}?\bdu\W*{_WEEKDAY}$", _FLAGS)
# « PROCÈS-VERBAL DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL EN DATE DU 10 AVRIL 2008 », « Registre des
# délibérations du conseil municipal du … »: the title of the session's register, no text cited.
_REGISTER_TITLE_RE = re.compile(
    rf"\bdes\s+d[ée]lib[ée]rations\s+du\s+conseil(?:\s+(?:municipal|communautaire|syndical))?\s+(?:du|en\s+date\s+du)\W*{_WEEKDAY}$",
    _FLAGS)
# « Compte-rendu du lundi 16 octobre 2023 – 20 h 30 », « PROCÈS-VERBAL DU 12 MARS 2024 »: the minutes'
# own title opening its line (cited, they take an article: « le compte rendu du … »).
_MINUTES_TITLE_RE = re.compile(
    rf"(?:^|\n)[ \t]*(?:compte[- ]rendu|proc[èe]s[- ]verbal)(?:[ \t]+(?:de[ \t]+la[ \t]+)?(?:r[ée]union|s[ée]ance))?"
    rf"[ \t]+(?:du|en[ \t]+date[ \t]+du)\W*{_WEEKDAY}$", _FLAGS)
_PAST_SEANCE_RE = re.compile(
    r"(?:(?:\b(?:le|du|au|ce)\s+(?:compte[- ]rendu|proc[èe]s[- ]verbal)\b[^\n]{0,40})|\blors\s+de\s+(?:sa|la)\s+)$",
    _FLAGS,
)

# « Convocation dématérialisée du Conseil Municipal du 25 juin 2021 » is the date the
# notice went out, not the session's.
_CONVOCATION_RE = re.compile(r"\bconvo(?:cation|qu[ée])\w*\b[^.;]{0,60}?\bdu\W*$", _FLAGS)

# The opening formula of minutes, the date first: « Le 12 janvier 2024 à 20h30, le Conseil
# municipal … s'est réuni », « Le dix-huit novembre deux mille dix-neuf, à dix-neuf heures
# trente, le Conseil Municipal … ». The date opens its line (after « Le », a weekday), a time
# or the assembly follows, and the assembly meets in the next words.
# (or « Le » in capital opening a sentence mid-line: the formula beside a box of counts in two columns,
# « Membres titulaires 33 Le quatorze septembre deux mille vingt et un à dix-huit heures, »)
_OPENING_BEFORE = re.compile(rf"(?:(?:^|\n)[ \t]*(?:(?:le|ce)[ \t]+)?|[ \t](?-i:Le)[ \t]+){_WEEKDAY}$", _FLAGS)
_OPENING_AFTER = re.compile(
    r"[ \t,]*(?:(?:à|a)[ \t]+(?:\d{1,2}[ \t]*(?:h|heures?)(?:[ \t]*\d{2})?\b|[a-zé-]+(?:[ \t]+[a-zé-]+){0,2}[ \t]+heures?\b)"
    r"|,?[ \t]*(?:le|la|les)[ \t]+(?:conseil|comit[ée]|bureau|assembl[ée]e|membres))", _FLAGS)
_OPENING_MEETS = re.compile(r"s['’]est[ \t\n]+r[ée]uni|se[ \t\n]+sont[ \t\n]+r[ée]unis|s['’]est[ \t\n]+assembl[ée]"
                            r"|(?:d[ûu]ment|l[ée]galement|r[ée]guli[èe]rement)[ \t\n]+convoqu[ée]", _FLAGS)
# « … a été convoqué pour se réunir le 10 mars »: the date was the convocation's.
_CONVOKED_FOR = re.compile(r"convoqu[ée]e?s?[ \t\n]+pour|pour[ \t\n]+se[ \t\n]+r[ée]unir|se[ \t\n]+r[ée]unira", _FLAGS)


def _opens_the_minutes(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return (_OPENING_BEFORE.search(text, max(0, line_start - 1), start) is not None
            and _OPENING_AFTER.match(text, end) is not None
            and _OPENING_MEETS.search(text, end, end + 300) is not None
            and _CONVOKED_FOR.search(text, end, end + 300) is None)

_ROLE_WINDOW = 100  # characters looked at before a date
# A sentence ends at « . » after a lower-case word (not « M. » nor « P.V. »), or at « ; ».
_SENTENCE_END = re.compile(r"(?:(?<=[a-zà-ÿ0-9)»])[.!?]|;)(?=\s)")


def find_dates(text: str) -> list[Mention]:
    """Every date of `text`, in reading order, with value, granularity and role."""
    candidates: list[tuple[int, int, str, str, Optional[str]]] = []
    # Order is priority: a longer, more precise reading claims its span first.
    for finder in (_legal_dates, _day_dates, _numeric_dates, _month_dates, _cued_years):
        taken = sorted((c[0], c[1]) for c in candidates)
        candidates += [c for c in finder(text) if not _overlaps(taken, c[0], c[1])]
    candidates.sort()

    mentions = []
    previous_end = 0
    for start, end, value, granularity, role in candidates:
        if role is None:
            role = role_before(text, start, previous_end)
            if role == "other" and _opens_the_minutes(text, start, end):
                role = "seance"
        mentions.append(Mention(
            kind="date", text=text[start:end], char_start=start, char_end=end, value=value,
            attrs={"granularity": granularity, "role": role},
        ))
        previous_end = end
    return mentions


def role_before(text: str, start: int, floor: int = 0) -> str:
    """The role the words before `start` give a date (never looking before `floor`)."""
    window = text[max(floor, start - _ROLE_WINDOW):start]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if ends:
        window = window[ends[-1]:]
    if _CONVOCATION_RE.search(window):
        return "other"
    seance_du = _SEANCE_DU_RE.search(window)
    if seance_du:
        return "reference" if _PAST_SEANCE_RE.search(window, 0, seance_du.start()) else "seance"
    if _REGISTER_TITLE_RE.search(window) or _MINUTES_TITLE_RE.search(window):
        return "seance"
    if _REFERENCE_RE.search(window):
        return "reference"
    nearest = None
    for nearest in _ROLE_RE.finditer(window):
        pass
    return nearest.lastgroup if nearest else "other"


# ---------------------------------------------------------------- finders
# Each yields (start, end, value, granularity, role or None to look it up).

def _numeric_dates(text: str):
    for regex in (_NUMERIC, _ISO):
        for m in regex.finditer(text):
            if _NUMBER_SIGN.search(text, max(0, m.start() - 20), m.start()):
                continue  # « Délibération n° 2024-01-03 » is a register number shaped like a date
            year = int(m["year"])
            if year < 100:
                year += 2000 if year < 70 else 1900
            value = _iso_day(year, int(m["month"]), int(m["day"]))
            if value:
                yield m.start(), m.end(), value, "day", None


def _day_dates(text: str):
    for m in _DAY_MONTH_YEAR.finditer(text):
        year, year_end = _year_value(m, text)
        value = _parse_ordinary(text[m.start():year_end]) if year and 1800 <= year <= 2100 else None
        if value is None:
            day = _day_value(m["day"])
            value = _iso_day(year, _month_number(m["month"]), day) if year and day else None
        if value:
            yield m.start(), year_end, value, "day", None


def _legal_dates(text: str):
    for m in _LEGAL.finditer(text):
        year = int(m["year"]) if m["year"].isdigit() else words_to_int(m["year"])
        day = _day_value(m["day"])
        value = _iso_day(year, _month_number(m["month"]), day) if year and day and 1000 <= year <= 2100 else None
        if value:
            yield m.start(), m.end(), value, "day", "seance"


def _month_dates(text: str):
    for m in _MONTH_YEAR.finditer(text):
        yield m.start(), m.end(), f"{int(m['year']):04d}-{_month_number(m['month']):02d}", "month", None


def _cued_years(text: str):
    for m in _CUED_YEAR.finditer(text):
        yield m.start("year"), m.end("year"), m["year"], "year", None


# ---------------------------------------------------------------- parsing
_DATEPARSER = DateDataParser(languages=["fr"], settings={
    "DATE_ORDER": "DMY", "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})


@functools.lru_cache(maxsize=4096)
def _parse_ordinary(span: str) -> Optional[str]:
    """`YYYY-MM-DD` of « 27 juin 2024 », « 1er février 2016 », « 4 JUIL. 2024 » by dateparser."""
    if not re.match(r"\d", span):
        return None  # days in words are for text2num
    parsed = _DATEPARSER.get_date_data(" ".join(span.split())).date_obj
    return parsed.date().isoformat() if parsed else None


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap one of the sorted, disjoint spans `taken`?"""
    i = bisect.bisect_left(taken, (end, end))
    return i > 0 and taken[i - 1][1] > start


def _month_number(name: str) -> int:
    plain = strip_accents(name.lower()).replace(" ", "")
    return _MONTH_NUMBERS.get(plain[:4]) or _MONTH_NUMBERS[plain[:3]]


def _day_value(day: str) -> Optional[int]:
    digits = re.match(r"\d+", day)
    if re.fullmatch(r"[lI]er", day):
        return 1  # « ler » / « Ier »: OCR's « 1er »
    return int(digits.group()) if digits else words_to_int(day)


def _year_value(m: re.Match, text: str) -> tuple[Optional[int], int]:
    """The year of a « day month year » match, and where it ends in `text`.

    A year in words may run into following number words (« … vingt et un
    trois conseillers »): the run is cut from the right until it reads as a year.
    """
    year_text = m["year"]
    if year_text.isdigit():
        return int(year_text), m.end("year")
    for _, word_end in reversed(word_spans(year_text)):
        year = words_to_int(year_text[:word_end])
        if year and 1000 <= year <= 2100:
            return year, m.start("year") + word_end
    return None, m.end("year")


def _iso_day(year: int, month: int, day: int) -> Optional[str]:
    """`YYYY-MM-DD`, or None for an impossible date (31/02)."""
    if not 1800 <= year <= 2100:  # an OCR misreading (« 14/04/7025 »)
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


