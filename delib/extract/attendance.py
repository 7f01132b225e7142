"""Who attended a council session: the counts printed and the named lists.

`find_attendance(text)` reads a deliberation (or a session's header) and returns
an `Attendance` (offsets relative to `text`), or None when it has no attendance.

The text is read line by line:
- a *count line* states figures: « Présents.....\t32 », « Elus en exercice : 29 »,
  « PRÉSENTS : 20 ABSENTS 07 PROCURATIONS : 02 », « 3 procurations 32 votants »;
- a *header* opens a named list: « PRESENTS », « Absents représentés : »,
  « Etait absent, excusé et a donné pouvoir : », « Excusés : »; the list runs on
  over the following lines until another header, a line ending on « : », a line
  of prose, or a line ending the list with a full stop.
A list is cut into people at commas, dashes, « / », « & » and before a civilité;
« Conseillère municipale », « adjoints au Maire » are qualités (a plural one
applies to the group of names before it); « représentée par », « a donné pouvoir
à », « (procuration à …) », « (pouvoir à …) » name the proxy holder, and make the
person `represente` whatever list they are in.

Counts are only those printed, plus `votants` = présents + représentés when the
document prints both but not the votants (named in `derived`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from delib.lang.numbers import NUMBER_WORDS, words_to_int
from delib.lang.names import CIVILITE
from delib.lang.text import EXCEPTION_CUE, fold

COUNT_KEYS = ("en_exercice", "presents", "representes", "excuses", "absents", "votants")


@dataclass
class Attendance:
    counts: dict = field(default_factory=lambda: {k: None for k in COUNT_KEYS})
    people: list[dict] = field(default_factory=list)  # person, civilite, qualite, status, mandataire
    char_start: int = 0
    char_end: int = 0
    derived: list[str] = field(default_factory=list)  # counts computed, not printed
    listed: set = field(default_factory=set)  # statuses whose list is printed, empty ones included


# --- Count lines -------------------------------------------------------------------

# Labels of counts (folded text), most specific first.
_WHO = r"(?:(?:nombre\s+de\s+)?(?:conseillers?|membres?|elus?|delegues?)(?:\s+(?:municipaux|communautaires))?\s+)?"
COUNT_LABELS = [
    # « Auditeurs présents : 58 », « Public présent : 12 »: the audience, not the council
    ("public", r"(?:auditeurs?|public|personnes?|spectateurs?)\s+presente?s?"),
    ("absents", rf"{_WHO}absents?\s+non[- ](?:excuses?|representes?)"),
    ("excuses", rf"{_WHO}absents?[- ]excuses?"),
    ("representes", rf"{_WHO}absents?\s+representes?"),
    # « Excusé avec procuration : », « Excusées sans procuration : »
    ("representes", rf"{_WHO}(?:absente?s?\s+)?excusee?s?\s+avec\s+(?:procurations?|pouvoirs?)"),
    ("excuses", rf"{_WHO}(?:absente?s?\s+)?excusee?s?\s+sans\s+(?:procurations?|pouvoirs?)"),
    # « Conseillers en exercice au jour de la séance : 33 »
    ("en_exercice", rf"{_WHO}en\s+(?:exercice|fonctions?)(?:\s+(?:au\s+jour\s+de\s+la\s+seance|a\s+(?:ce|la\s+date\s+du)\s+jour|ce\s+jour))?"),
    # the council's legal size, the members in office when no « en exercice » is printed
    ("afferents", r"(?:nombre\s+de\s+)?membres\s+(?:afferents(?:\s+au\s+conseil(?:\s+municipal)?)?"
                  r"|du\s+conseil(?:\s+(?:municipal|communautaire|syndical))?)"),
    # « Membres présents ou représentés : 14 »: the votes that could be cast
    ("votants", rf"{_WHO}presents?\s+ou\s+representes?"),
    # « Présents ou suppléés : 27 »: a suppléant sitting for a titulaire is a member present
    ("presents", rf"{_WHO}(?:presents?(?:\s+(?:a|en)\s+la\s+seance|\s+ou\s+supplee?s?)?|en\s+seance)"),
    ("representes", rf"{_WHO}(?:representes?|procurations?|pouvoirs?|ont\s+donne\s+pouvoir)"),
    ("excuses", rf"{_WHO}excusee?s?"),
    ("absents", rf"{_WHO}absents?"),
    ("votants", rf"{_WHO}votants?|(?:qui\s+ont\s+|ayant\s+)pris\s+part\s+(?:au\s+vote|a\s+la\s+deliberation)"),
]
_LABEL_RE = re.compile("|".join(f"(?P<{key}{i}>\\b{pattern}\\b)" for i, (key, pattern) in enumerate(COUNT_LABELS)))
_NUMBER_RE = re.compile(r"(?<![\w/.,-])\d{1,3}(?![\w/-]|[.,]\d)")  # « 19, présents 15 », not « 1,5 »
# OCR reads 1 as « l » or « I » and 0 as « O » in a figure (« l2 », « I5 », « 2O »), folded here
# to « l », « i », « o »: a figure with one real digit at least.
_OCR_FIGURE_RE = re.compile(r"(?<![\w/.,-])(?=[\dlio]{0,2}\d)[\dlio]{2,3}(?![\w/-]|[.,]\d)")
_OCR_DIGITS = str.maketrans("lio", "110")
# A count in words: « En exercice : quinze », « Présents : dix-neuf ».
_WORDS_RE = re.compile(NUMBER_WORDS)
_DIGIT = re.compile(r"\d")
_WORDS_COUNT = re.compile(rf"\s*{NUMBER_WORDS}\s*(?:$|[,;.|–-])")  # « Présents : quinze »
_NUMBER_WORD_START = re.compile(r"\b(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze"
                                r"|quinze|seize|vingt|trente|quarante|cinquante|soixante)")
# What may separate a label from its figure: « Présents.....\t32 », « ABSENTS = 02 »
_FILLER = re.compile(r"^[\s.:=…_\-–]*$")
_VERB_BEFORE_LABEL = re.compile(r"^[ \t]+(?:sont|etaient|etait|est)[ \t]+$")


def _label_key(m: re.Match) -> str:
    return re.sub(r"\d+$", "", m.lastgroup)


def count_pairs(line: str) -> list[tuple[str, int]]:
    """The (count, value) pairs a line states, in the direction it reads:
    « PRÉSENTS : 20 ABSENTS 07 » label first, « 3 procurations 32 votants » figure first;
    « Absents : 4 dont 2 représentés » gives the parts and the rest (2 représentés, 2 absents);
    « Présents : 1 5 » is read 15 when that reading balances with the line's other counts."""
    folded = fold(line)
    if not _DIGIT.search(line) and not _NUMBER_WORD_START.search(folded):
        return []  # no figure, no pair: most lines, spared the labels' long regex
    folded = _INCLUSIVE_ENDING.sub("", _parts_label_first(folded))  # « procuration(s) », « présent(e)s »
    pairs = _located_pairs(folded)
    joined = _SPLIT_FIGURE.sub(lambda m: m.group(1) + m.group(2) + " ", folded)
    if joined != folded and not _balanced(pairs):
        joined_pairs = _located_pairs(joined)
        if _balanced(joined_pairs):
            pairs = joined_pairs
    return _without_parts(folded, pairs)


_INCLUSIVE_ENDING = re.compile(r"(?<=[a-z)])\((?:e|s|es)\)")
# A figure split by OCR right after its label: « Présents : 1 5 ».
_SPLIT_FIGURE = re.compile(r"(?<=[:=.\s])(?<![\d,.]\s)([1-9]) (\d)(?![\w/-]|[.,]\d| \d)")
# « dont 2 représentés », « et 1 excusé » after « dont »: the part's figure before its label
_PART_FIGURE_FIRST = re.compile(r"\b(?P<link>dont|et)\s+(?P<n>\d{1,3})\s+")
_PART_KEYS = {"representes", "excuses", "absents"}


def _parts_label_first(folded: str) -> str:
    """« Absents : 4 dont 2 représentés et 1 excusé » read as « … dont représentés 2 et excusés 1 »:
    the parts of a total in the label-first order of the total."""
    dont = folded.find("dont ")
    if dont < 0:
        return folded
    out, pos = [], 0
    for m in _PART_FIGURE_FIRST.finditer(folded, dont):
        label = _LABEL_RE.match(folded, m.end())
        if label is None or _label_key(label) not in _PART_KEYS:
            continue
        out += [folded[pos:m.start()], f"{m.group('link')} {label.group()} : {m.group('n')}"]
        pos = label.end()
    return "".join(out) + folded[pos:]


def _balanced(pairs: list[tuple[str, int, int, int]]) -> bool:
    """Do the line's counts add up: présents + représentés = votants, or présents + représentés
    + excusés + absents = en exercice (with at least one of the others printed)?"""
    c = {key: value for key, value, _, _ in pairs}
    present = c.get("presents")
    if present is None:
        return False
    others = present + c.get("representes", 0)
    if "votants" in c and others == c["votants"]:
        return True
    missing = [k for k in ("representes", "excuses", "absents") if k in c]
    return ("en_exercice" in c and bool(missing)
            and others + c.get("excuses", 0) + c.get("absents", 0) == c["en_exercice"])


def _without_parts(folded: str, pairs: list[tuple[str, int, int, int]]) -> list[tuple[str, int]]:
    """The pairs, a total less the parts « dont » names: « Absents : 4 dont représentés : 2 »
    -> absents 2 (non excusés, as counted), représentés 2."""
    values = [[key, value] for key, value, _, _ in pairs]
    for d in re.finditer(r"\bdont\b", folded):
        before = [i for i, (_, _, at, _) in enumerate(pairs) if at < d.start()]
        if not before:
            continue
        total = before[-1]
        parts = []
        for i in range(total + 1, len(pairs)):
            key, _, at, _ = pairs[i]
            gap = folded[pairs[i - 1][3] if i > total + 1 else d.end():at]
            if key not in _PART_KEYS or key == pairs[total][0] or not re.fullmatch(r"[\s\d:=.,;et-]*", gap):
                break
            parts.append(i)
        if parts and pairs[total][0] in ("absents", "excuses"):
            rest = pairs[total][1] - sum(pairs[i][1] for i in parts)
            if rest >= 0:
                values[total][1] = rest
    return [(key, value) for key, value in values]


def _located_pairs(folded: str) -> list[tuple[str, int, int, int]]:
    """(count, value, where its label starts, where the pair ends) of each pair of the folded line."""
    tokens = [("label", m.start(), m.end(), _label_key(m)) for m in _LABEL_RE.finditer(folded)]
    tokens += _figures(folded)
    tokens.sort(key=lambda t: t[1])

    def adjacent(a, b):
        between = folded[a[2]:b[1]]
        # « sur 11 membres en exercice, 8 sont présents »: a figure, then its label's verb
        return _FILLER.match(between) is not None or (a[0] == "num" and _VERB_BEFORE_LABEL.match(between) is not None)

    # a count in words only after its label (« Présents : quinze »): « Une procuration est
    # présentée : C. LUTZ … » opens a list
    tokens = [t for i, t in enumerate(tokens) if len(t) == 4 or (i > 0 and tokens[i - 1][0] == "label"
                                                                  and adjacent(tokens[i - 1], t))]
    tokens = [t[:4] for t in tokens]

    direction = None
    for a, b in zip(tokens, tokens[1:]):
        if a[0] != b[0] and adjacent(a, b):
            direction = "label_first" if a[0] == "label" else "num_first"
            break
    if direction is None:
        return []
    first = "label" if direction == "label_first" else "num"
    pairs, i = [], 0
    while i < len(tokens) - 1:
        a, b = tokens[i], tokens[i + 1]
        if a[0] == first and b[0] != first and adjacent(a, b):
            label, num = (a, b) if first == "label" else (b, a)
            pairs.append((label[3], num[3], label[1], max(a[2], b[2])))
            i += 2
        else:
            i += 1
    return pairs


def _figures(folded: str) -> list[tuple]:
    """The figures of a count line: digits, OCR'd digits, and numbers in words."""
    found = [("num", m.start(), m.end(), int(m.group())) for m in _NUMBER_RE.finditer(folded)]
    for m in _OCR_FIGURE_RE.finditer(folded):
        if not _DIGIT.fullmatch(m.group()) and not m.group().isdigit():
            found.append(("num", m.start(), m.end(), int(m.group().translate(_OCR_DIGITS))))
    for m in _WORDS_RE.finditer(folded):
        value = words_to_int(m.group())
        if value is not None and value < 1000:
            found.append(("num", m.start(), m.end(), value, "words"))
    return found


class _CountBox:
    """Counts printed as a box, labels first then their figures in the same order:
    « Nombre de conseillers / en exercice : / ____ / … / Pouvoirs : / ____ / 29 / 25 / 4 »
    (a margin box read column by column), or « Présents  Absents  Pouvoirs » over « 17  4  2 »."""

    def __init__(self) -> None:
        self.labels: list[str] = []

    def read(self, line: str) -> list[tuple[str, int]]:
        folded = fold(line).strip()
        if not folded or _FILLER.match(folded) or re.fullmatch(rf"{_WHO}\s*:?", folded + " "):
            return []  # blank, rule, or « Nombre de conseillers » before its label's end
        # « 23 | 18 | 3 | 21 » in a table; « : 15 » under « En exercice » of a column of labels;
        # « 21 jusqu'à 20 heures 20 puis 23 »: the figure at the opening
        opening = re.fullmatch(r"[:=]?[ \t]*(\d{1,3})[ \t]+jusqu.*", folded)
        if opening or re.fullmatch(r"[:=]?[ \t]*\d{1,3}(?:[ \t|;/]+\d{1,3})*", folded):
            figures = [int(opening.group(1))] if opening else [int(n) for n in re.findall(r"\d+", folded)]
            if len(figures) > len(self.labels):
                self.labels = []
                return []
            pairs = list(zip(self.labels, figures))
            self.labels = self.labels[len(figures):]
            return pairs
        labels = list(_LABEL_RE.finditer(folded))
        rest = _LABEL_RE.sub(" ", folded)
        if labels and not _DIGIT.search(folded) and _FILLER.match(rest.replace("|", " ")):
            self.labels += [_label_key(m) for m in labels]
        else:
            self.labels = []
        return []


# --- Headers of named lists ---------------------------------------------------------

_ETAI = r"(?:etai(?:en)?t\s+|sont\s+|est\s+|dont\s+)?"  # « DONT ABSENTS AVEC POUVOIR : 3 »
# The endings of a status word, inclusive writing included: « Présent(e)s », « Absent(s) »,
# « Excusé(e)(s) », « représentée(s) », « Absent(s/es) », « présent·e·s » (written without nested repeats).
_INCLUSIVE = r"(?:\([es/]{1,5}\)|[·.]e(?=[·.]?s\b))"
_END = rf"{_INCLUSIVE}?e?{_INCLUSIVE}?(?:[·.]?s)?(?:\(s\))?"
_PRESENT, _ABSENT = rf"present{_END}", rf"absent{_END}"
_EXCUSE, _REPRESENTE = rf"excuse{_END}", rf"represente{_END}"
_OFFICE = (r"(?:maire|presidente?|adjointe?s?(?:\s+au\s+maire)?|vice-presidente?s?|"
           r"conseill(?:er|ere|ers|eres)(?:\s+(?:municipa(?:l|le|ux|les)|communautaires?|delegue(?:e|s|es)?))*)")
HEADERS = [  # (status, pattern on the folded line start), most specific first
    # « Suppléants présents sans vote : »: they sit without taking part, no member's status
    ("silent", rf"{_ETAI}{_PRESENT}\s+sans\s+(?:vote|voix(?:\s+deliberative)?)"),
    ("excuse", rf"{_ETAI}{_ABSENT},?\s+{_EXCUSE},?\s+(?:et\s+)?non[- ]{_REPRESENTE}"),  # « Absents excusés et non représentés »
    ("represente", rf"{_ETAI}{_ABSENT}(?:,?\s+{_EXCUSE})?,?\s+et\s+(?:a|ont|avai(?:en)?t)\s+donne\s+(?:pouvoir|procuration)"),
    # « Excusé ayant délégué son mandat : »
    ("represente", rf"{_ETAI}(?:{_ABSENT},?\s+)?{_EXCUSE},?\s+(?:et\s+)?(?:ayant|ont|a|qui\s+ont)\s+(?:donne\s+(?:pouvoir|procuration|delegation)"
                   r"|delegue\s+(?:son|leur)\s+(?:mandat|vote|droit\s+de\s+vote|pouvoir))"),
    # « Absent(es) excusé(es) avec remise de pouvoir : »
    ("represente", rf"{_ETAI}(?:{_ABSENT},?\s+)?(?:{_EXCUSE},?\s+)?avec\s+(?:remise\s+de\s+)?(?:pouvoir|procuration)"),
    ("represente", rf"{_ETAI}{_ABSENT}\s+\(?(?:ayant\s+(?:donne|vote\s+par)\s+(?:pouvoir|procuration)[^:\n]*|{_REPRESENTE}|avec\s+pouvoir)"),
    # « Absent excusé représenté : », « Absents excusés et représentés : »
    ("represente", rf"{_ETAI}{_ABSENT},?\s+{_EXCUSE},?\s+(?:et\s+)?{_REPRESENTE}"),
    ("represente", rf"(?:ont\s+donne|ayant\s+donne|avai(?:en)?t\s+donne|a\s+donne)\s+(?:pouvoir|procuration)|pouvoirs?|procurations?|{_ETAI}{_REPRESENTE}(?:\s+par\s+(?:pouvoir|procuration))?"
                   rf"|(?:regulierement|valablement|dument)\s+{_REPRESENTE}"),  # « Régulièrement représentés : »
    # « Absents non excusés », « Absents non représentés »: absent
    ("absent", rf"{_ETAI}{_ABSENT}\s+non[- ](?:{_EXCUSE}|{_REPRESENTE})|non[- ]{_EXCUSE}"),
    ("excuse", rf"(?:s.etai(?:en)?t|se\s+sont|s.est)\s+fait\s+excuser|{_ETAI}{_ABSENT}[- ]+{_EXCUSE}|{_ETAI}{_ABSENT},?\s+(?:ou|et)\s+{_EXCUSE}|{_ETAI}{_EXCUSE}"),
    ("absent", rf"{_ETAI}{_ABSENT}"),
    # « Délégués présents ou représentés : »: present, but for those whose proxy is told beside them
    ("present", rf"{_ETAI}{_PRESENT}(?:\s+ou\s+{_REPRESENTE})?|(?:elus?|membres?|conseillers?)\s+presents?"),
    # « Maire : H. RIGAUD / Conseillers Municipaux : E. MARCILLY, … / Procurations : … »: the members
    # by office, present when the block has lists of status as well (see `find_attendance`)
    ("office", rf"(?:le\s+|la\s+|les\s+)?{_OFFICE}(?=[ \t]*:)"),
]
# The words naming the members in a list's header or lead-in (folded text)
_MEMBER_WORD = r"(?:conseill\w*|membres?|elu\w*|delegue\w*)"
# « Étaient présents les délégués suivants : », « Présents les conseillers municipaux : »
# « Étaient présents en tant que titulaires : », « ÉTAIENT PRÉSENTS, à l'ouverture de la séance : » (the list below),
# « Etaient présents Mesdames et Messieurs les Conseillers Municipaux : »
_WHO_LEAD_IN = (rf"(?:(?:[ \t]*[/–—-])?[ \t]+(?:les[ \t]+|des[ \t]+)?{_MEMBER_WORD}\b[^:\n]{{0,40}}(?=:)|,?[ \t]+[a-z][^:\n]{{2,60}}(?=:[ \t]*$)"
                rf"|[ \t]+[a-z][a-z'’ \t-]{{2,40}}(?=[ \t]*:))?")  # « Titulaires présents avec vote : … »
# « Conseillers absents excusés : », « Membres présents : », « Délégués excusés : »
_WHO_FIRST = rf"(?:(?:{_MEMBER_WORD}|titulaires?|suppleante?s?)(?:\s+(?:municipaux|communautaires|titulaires))?\s+)?"
# (« Noms des absents représentés : », « Liste des présents : »)
_HEADER_RE = [(status, re.compile(rf"^[\s*#>•-]*(?:(?:liste|noms?)\s+des\s+)?{_WHO_FIRST}(?:{pattern})\)?(?!\w){_WHO_LEAD_IN}[ \t]*(?:\([^)\n]*\))?[ \t]*[:.]?[ \t]*"))
              for status, pattern in HEADERS]

# Lines that end a list: what a session header goes on with.
_STOP = re.compile(r"^[\s*#>•-]*(?:secretaire|ordre du jour|date|assistai|invitee?s?\b|l'an\b|le conseil|lesquels|objet|"
                   r"questions?\b|arrivee|depart|page\b|approbation|la seance|le maire|president|"
                   # the page's headings, read into a list beside them (« VILLE b'AVRANCHES »: OCR's b for d)
                   # (not « Commune de VÈZE : Messieurs … », a label of the delegates by commune)
                   r"(?:ville|mairie)\s+(?:de\b|du\b|d'|b')|commune\s+(?:de\b|du\b|d'|b')(?![^\n:]{0,60}:[ \t]*"
                   r"(?:m\.|mme|mm\b|madame|monsieur|messieurs|mesdames|$))|departement\b|republique\b|proces[- ]verbal|"
                   r"\*{3}|-{3}|_{3})")

# --- Names ----------------------------------------------------------------------------

CIVILITES = {
    "m": "M.", "mr": "M.", "monsieur": "M.", "mm": "M.", "ms": "M.", "messieurs": "M.",
    "mme": "Mme", "madame": "Mme", "mmes": "Mme", "mesdames": "Mme",
    "mlle": "Mlle", "mademoiselle": "Mlle", "melle": "Mlle",
}
_PLURAL_CIVILITES = {"mm", "ms", "messieurs", "mmes", "mesdames"}
_TITLE_RE = r"(?:Dr\.?|Docteur|Pr\.?)"
# What a person is, printed after the name: « Conseillère municipale », « adjoints au Maire ».
QUALITE = re.compile(
    r"^(?:(?:1er|premier|premiere|\d+e|\d+eme)\s+)?(?:depute-maire|maire(?:\s+adjointe?)?|adjointe?s?(?:\s+au\s+maire)?|"
    r"conseill(?:er|ere|ers|eres)(?:\s+(?:municipa(?:l|le|ux|les)|communautaires?|delegue(?:e|s|es)?|departementa(?:l|le|ux)))*"
    r"(?:\s+delegue(?:e|s|es)?)?|president(?:e)?|vice-president(?:e)?s?|maire\s+delegue(?:e)?)\b[\w\s'-]*$")
# Who holds the proxy: « représentée par M. MARCHAND », « a donné pouvoir à … »,
# « procuration à … », « pouvoir donné à … », « (Pouvoir à M. Joël MAYER) ».
PROXY = re.compile(
    r"\b(?:representee?s?\s+par|(?:(?:a|ayant)\s+)?donne\s+(?:pouvoir|pourvoir|procuration)\s+(?:a|au)|"  # (« pourvoir »: a common slip)
    r"(?:pouvoir|procuration)(?:\s+donnee?)?(?:\s+(?:a|au))?|delegation\s+de\s+vote\s+(?:a|au)|"
    r"(?:(?:a|ayant)\s+pour\s+)?mandataire\s*:?)\s+"  # « Mme Colette BRISSET mandataire M. FERRAND »
    r"(?!(?:de|du|des)\s|d')")  # « (a reçu pouvoir de X) »: X gave it, to the member named
# In a list of proxies, « X à Y », « X par Y » (« M. LEDRAPPIER par M. PORTEBOIS ») and « X → Y ».
PROXY_SHORT = re.compile(r"\s(?:a|au|par|→|⇒)\s+(?=\S)")
_PARTICLES = {"de", "du", "des", "le", "la", "d'", "van", "von", "der", "di", "da", "del", "dos", "mc", "ben"}
# Words that stand in a list without being anyone: « Absents : Néant », « Cf page suivante ».
_NOT_NAMES = {"neant", "cf", "voir", "suppleant", "suppleante", "suppleants", "pouvoir", "pouvoirs", "procuration",
              "procurations", "excuse", "excusee", "excuses", "absent", "absente", "absents", "present", "presents",
              "titulaire", "titulaires", "ni", "aucun", "aucune", "x"}
# A dash between names: an en or em dash always (OCR reads an en dash as an em dash, « — »,
# « -— »), a hyphen with a space on at least one side (« Brunel–Catherine Gimaret »,
# « M. Talon- Mme Avot »); « MORIN-SOGOBA », « J-P » stay whole.
# Three spaces or more are the gap between two columns of names (« ABADIE Jean (Marray)      BERNIER Claire »).
_SEPARATORS = re.compile(r",|;|[–—―]|\s-|-\s|^-|\s/\s?|/|&|\s+et\s+(?=[A-ZÀ-Ý])|[ \t]{3,}|[•▪◦]")  # (a bullet too)
# A list typed with a full stop between names, and no comma: « MM. AUZIERE.TEISSIER.Mmes PELLET.
# GRAS » — a full stop after a surname in capitals (not after a civilité) before the next name.
_FULL_STOP_BETWEEN_NAMES = re.compile(r"(?<=[A-ZÀ-Ý]{2})(?<!\bMM)(?<!\bMME)(?<!\bMMES)(?<!\bMR)(?<!\bDR)\.(?=[ \t]*[A-ZÀ-Ý])")
_SEPARATORS_OR_FULL_STOPS = re.compile(f"{_SEPARATORS.pattern}|{_FULL_STOP_BETWEEN_NAMES.pattern}")


def _names_by_full_stops(text: str) -> bool:
    return "," not in text and len(_FULL_STOP_BETWEEN_NAMES.findall(text)) >= 2


@dataclass
class _Section:
    status: str
    start: int  # offset of the list's first character
    end: int
    lines: list[tuple[int, str]] = field(default_factory=list)  # (offset, text) of each list line
    counted: bool = False  # the header printed a count (« Sont présents : 11 »): names may follow


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


# The words a header may open on (those of `HEADERS`, `_WHO_FIRST` and `_OFFICE`)
_HEADER_START = re.compile(r"[\s*#>•-]*(?:(?:liste|noms?)\s+des\s+)?(?:etai|s.etai|se\s+sont|sont|est\b|dont\s|absent|excuse|present|represent|pouvoir|procuration|ont\b|ayant|avai|a\s|"
                           r"avec|non|regulierement|valablement|dument|elu|membre|conseill|delegue|titulaire|suppleant|maire|presiden|adjoint|vice|le\s|la\s|les\s)")
# « : 11 », « : 21 élus. »: a count before the names of the next lines
_HEADER_COUNT = r"[ \t]*:?[ \t]*\d{1,3}"  # the count a header prints after its label
_COUNT_THEN_NAMES = re.compile(rf"{_HEADER_COUNT}(?:[ \t]+(?:elus?|membres?|conseillers?|delegues?))?[ \t]*[:.]?[ \t]*")
_COUNT_THEN_CIVILITE = re.compile(rf"{_HEADER_COUNT}[ \t]+(?=(?:{CIVILITE})\.?[ \t])")
_COUNT_COLON_NAMES = re.compile(rf"{_HEADER_COUNT}[ \t]*:[ \t]*(?=[A-ZÀ-Ý])")


def _match_header(line: str) -> Optional[tuple[str, int]]:
    """(status, offset where the list starts in the line) when the line opens a named list."""
    folded = fold(line)
    if (count_label := re.match(r"[\s*#>•-]*nombre\s+de\s+", folded)) and _COUNT_COLON_NAMES.search(line):
        folded = " " * count_label.end() + folded[count_label.end():]  # « Nombre de conseillers présents : 10 : X, … »
    if not _HEADER_START.match(folded):
        return None  # most lines: spared the headers' long patterns
    for status, pattern in _HEADER_RE:
        m = pattern.match(folded)
        if not m:
            continue
        rest = folded[m.end():]
        if _COUNT_THEN_NAMES.fullmatch(rest) and ":" in folded:
            return status, len(line)  # « Sont présents : 11 » then the eleven names on the next lines
        if count_first := _COUNT_COLON_NAMES.match(line, m.end()):
            return status, count_first.end()  # « Nombre de conseillers présents : 10 : BARRAL Lucien, … »
        if count_first := _COUNT_THEN_CIVILITE.match(line, m.end()):
            return status, count_first.end()  # « PRÉSENTS : 24 MM. Jean-Pierre ALBAGNAC - Gérard SICARD - … »
        # « PRÉSENTS 21 », « Présents.....\t32 » are counts, not lists; a header
        # is alone on its line, or followed by « : » and names.
        if re.match(r"\s*[\d=]|\s*[lio]?\d", rest) or _WORDS_COUNT.match(rest) or (rest.strip() and ":" not in folded[:m.end()] and
                                            not re.match(r"\s*(?:[A-Z]|m\.|mme)", line[m.end():])):
            continue
        return status, m.end()
    return None


def _is_prose(line: str) -> bool:
    """A line of running text rather than of names: several lower-case words outside parentheses."""
    # « 18h38 », « 4ème » are no words
    bare = re.sub(r"\([^)]*\)?|\d+\s?h\s?\d*|\b\d+(?:er|re|ère|e|ème|eme|è|nde?)\b", " ",
                  _FOR_POINTS.sub(" ", _MOVE_AFTER_NAME.sub(" ", line)))
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", bare) if w[0].islower()]
    words = [w for w in words if w not in _PARTICLES and not QUALITE.match(fold(w))
             and fold(w) not in {"a", "au", "par", "et", "represente", "representee", "donne", "pouvoir",
                                 "procuration", "municipal", "municipale", "municipaux", "adjoint", "adjointe",
                                 "adjoints", "conseiller", "conseillere", "conseillers", "maire",
                                 # « M. X, délégué titulaire, commune de Y »: a delegate's mandate
                                 "delegue", "deleguee", "titulaire", "suppleant", "suppleante", "commune",
                                 "communaute", "communes"}]
    return len(words) >= 3


def _ends_list(line: str) -> bool:
    stripped = line.rstrip(" \t*")
    if not stripped.endswith("."):
        return False
    last = stripped[:-1].split()[-1] if stripped[:-1].split() else ""
    if re.fullmatch(r"[A-Z]{1,2}|M|MM|Mme|Dr|[A-Z]\.[A-Z]", last):
        return False  # « M. » or an initial
    if _names_by_full_stops(stripped) and re.search(r"[A-ZÀ-Ý]{2}$", stripped[:-1]):
        return False  # « MM. AUZIERE.TEISSIER.Mmes PELLET. … MM. VINCENT. »: names separated by full stops, the last too
    # « MM. A – B – C : adjoints. » then « MM. D – E, conseillers municipaux. »: the members
    # listed by rank, a full stop after each rank's qualité
    return not QUALITE.match(fold(re.split(r"[,:;–—]|\s-\s", stripped[:-1])[-1].strip()))


# A register number printed in the margin, read into the list's lines: « n° 2014 / 199 ».
# Alone on its line too (« Présents : / n° 2014 / 137 / Fabien ABERT, … »).
_MARGIN_NUMBER = re.compile(r"^[ \t]*n[°o][ \t]*\d{2,4}[ \t]*/[ \t]*\d{1,4}(?:[ \t]+|[ \t]*$)", re.I)
# « Membres titulaires : », « Suppléants remplaçant un titulaire : » before names
_MEMBERS_LEAD_IN = re.compile(rf"(?:{_MEMBER_WORD}|titulaires?|suppleant\w*|(?:le\s+|la\s+|les\s+)?{_OFFICE})\b")
# The lead-in of a line before its names: « Une procurations est présentée : C. LUTZ … ».
_LEAD_IN = re.compile(r"^(?P<lead>[^:\n]{3,80}?)\s*:\s*(?P<rest>.*)$")
# A title or a sentence rather than a name: a capital word then a lower-case word that is no
# particle (« Comédie du livre 2014 », « Début du Conseil Municipal », « Le point 8 sera vu »).
# A given name then « née » / « épouse » / « veuve » is the rest of a name (« Mme LAGOURGUE / Odile née PAYET »).
_BIRTH_NAME_NEXT = r"(?:n[ée]e|[ée]pouse|veuve)\b"
_TITLE_LINE = re.compile(rf"^(?!{CIVILITE}\s)[A-ZÀ-Ý][a-zà-ÿ'’]+(?:\s+(?:de|du|des|la|le|les|d['’]|l['’]))?"
                         rf"\s+(?!{_BIRTH_NAME_NEXT})[a-zà-ÿ]{{3,}}")
# A title naming a body: « Délégations du Conseil municipal au Maire », « Election des Conseillers
# communautaires »: capital word, « du / des / de la », capital word, then a lower-case word that
# is neither a qualité nor a proxy (« Pierre de Lattre représenté par … » stays a name).
_BODY_TITLE = re.compile(rf"^(?!{CIVILITE}\s)[A-ZÀ-Ý][a-zà-ÿ'’]+\s+(?:du|des|de\s+la|de\s+l['’]|de)\s*"
                         r"[A-ZÀ-Ý][a-zà-ÿ'’]+\s+(?P<word>[a-zà-ÿ]{3,})")
_NAME_FOLLOWERS = re.compile(r"(?:represente|excuse|absent|present|conseill|adjoint|maire|delegue|donne|ayant|pouvoir"
                             r"|procuration|epouse|nee|veuve|arrive|parti)")


# An agenda item after the lists: a number, then a title in words (« 1) – Appel des membres »,
# « 2. Lecture de l'ordre du jour »), not a numbered member (« 1. HERAUDET Sophie », « 3) Mme DURAND »)
_NUMBERED_TITLE = re.compile(r"\d{1,3}[ \t]*[.)°/-]+[ \t]*[-–—]?[ \t]*[A-ZÀ-Ý][a-zà-ÿ'’]+[ \t]+[a-zà-ÿ]")


def _is_title_line(line: str) -> bool:
    if _TITLE_LINE.match(line):
        return True
    m = _BODY_TITLE.match(line)
    return m is not None and not _NAME_FOLLOWERS.match(fold(m.group("word")))


# « … BUSQUET à M. Pierre-Louis POMÈS Mme Laetitia LARROQUE est désignée comme secrétaire de séance. »:
# the sentence naming the secretary, run into the last line of a list of proxies, ends it (a civilité
# opens the name: without one, where the list's last name ends is anyone's guess)
_SECRETARY_NAMED = re.compile(rf"\s(?={CIVILITE}\s+(?:(?!{CIVILITE}\s)[A-ZÀ-Ý][\w'’-]+\s+){{1,4}}(?:est|a\s+été)\s+"
                              r"(?:d[ée]sign[ée]e?|nomm[ée]e?|[ée]lue?)\s+(?:comme\s+|en\s+qualit[ée]\s+de\s+)?secr[ée]taire)")


def _list_line(line: str, previous: Optional[str]) -> tuple[Optional[str], bool]:
    """(what of `line` belongs to the list, whether the list ends after it); `previous` is
    the list's last line so far (None right after a header)."""
    stripped = _MARGIN_NUMBER.sub("", line).strip()
    if (secretary := _SECRETARY_NAMED.search(stripped)) and PROXY_SHORT.search(fold(stripped[:secretary.start()])):
        return stripped[:secretary.start()], True
    lead_in = _LEAD_IN.match(stripped)
    if lead_in and _MEMBERS_LEAD_IN.match(fold(lead_in.group("lead"))):
        # « Membres titulaires : A, B », « Suppléants remplaçant un titulaire : C »: the list goes on,
        # but not with those who sit « sans voix délibérative »
        if re.search(r"sans\s+voix", fold(lead_in.group("lead"))):
            return None, True
        return lead_in.group("rest"), False
    if lead_in and not re.search(r"[A-ZÀ-Ý]{2}|\b[A-Z]\.", lead_in.group("lead")):
        # « Début du Conseil Municipal : 18 H 40 » ends the list; « Une procuration est
        # présentée : C. LUTZ représentée par JM DESPREZ » goes on with its names.
        if re.search(r"procuration|pouvoir|represent", fold(lead_in.group("lead"))) and lead_in.group("rest").strip():
            return lead_in.group("rest"), False
        return None, True
    if _NUMBERED_TITLE.match(stripped):
        return None, True  # « 1) – Appel des membres »: the agenda's first item
    continued = previous is not None and re.search(r"(?:[,;–]|\s-)\s*$", previous)
    if _is_prose(stripped) or (_is_title_line(stripped) and not _ends_with_name_part(previous)) or (
            not continued and _title_after_name(previous, stripped)):
        # « Bonenfant - Delenclos - Loir – Lejop - Muchembled formant la majorité des membres
        # en exercice. »: the names a list runs on with, before its closing words.
        return (stripped, True) if continued and re.match(r"[A-ZÀ-Ý]", stripped) else (None, True)
    return _MARGIN_NUMBER.sub("", line), _ends_list(line)


def _title_after_name(previous: Optional[str], line: str) -> bool:
    """« Patrick VIGNAL » then « Commission de Délégation de Service Public - Election »: after a
    line ending on a surname, a line that opens on a capital word followed by anything but a
    surname is the next title, not a name."""
    if previous is None or not re.search(r"[A-ZÀ-Ý]{2,}\.?\s*$", previous):
        return False
    if re.match(r"[A-ZÀ-Ý][a-zà-ÿ'’-]+\s*(?:[,(]|[-–]\s*[A-ZÀ-Ý]{2,})", line):
        return False  # « M. NATIVEL / Rémy (5ème Adjoint), Mme … »: the given name the line break cut off
    m = re.match(r"(?P<first>[A-ZÀ-Ý][a-zà-ÿ'’-]+)\s+(?P<second>\S+)", line)
    return (m is not None and fold(m.group("first")) not in CIVILITES
            and not re.match(rf"[A-ZÀ-Ý]{{2,}}|{_BIRTH_NAME_NEXT}", m.group("second"))
            and not _TWO_GIVEN_NAMES.match(line))


# « Marie Françoise DELAHAYE », « Jean Paul LE GOFF »: two given names, then the surname in capitals
_TWO_GIVEN_NAMES = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ'’]+\s+[A-ZÀ-Ý][a-zà-ÿ'’]+\s+[A-ZÀ-Ý]{2,}\b")


def _ends_with_name_part(previous: Optional[str]) -> bool:
    """Does the list's last line stop inside a name (« … Mme » / « Sabria ») that the next line ends?"""
    if previous is None:
        return False
    return re.search(rf"(?:^|[\s,;–-])(?:{CIVILITE}|[A-ZÀ-Ý]\.?)\s*$", previous.strip()) is not None


def _sections(text: str) -> tuple[list[_Section], dict, list[tuple[int, int]]]:
    sections: list[_Section] = []
    counts: dict = {}
    count_spans = []
    current: Optional[_Section] = None
    header_open = False  # a header line that runs on to the next line's « : »
    box = _CountBox()
    for offset, line in _lines(text):
        box_pairs = box.read(line)
        header = _match_header(line)
        header_count = count_pairs(line[:header[1]]) if header else []  # « Absents représentés : 2 »
        if header_count and line[:1].isspace() and current is not None:
            header = None  # « ␣Elus présents : 17 », the right column read into another list: a count
        if header:
            status, cut = header
            if header_count:
                for key, value in header_count:
                    counts.setdefault(key, (value, offset))
                count_spans.append((offset, offset + len(line)))
            current = _Section(status, offset + cut, offset + len(line), counted=bool(header_count))
            sections.append(current)
            header_open = not line[cut:].strip() and not line.rstrip().endswith(":")
            if line[cut:].strip():
                current.lines.append((offset + cut, line[cut:]))
                if _ends_list(line):
                    current = None
            continue
        pairs = count_pairs(line) or box_pairs
        if pairs:
            for key, value in pairs:
                counts.setdefault(key, (value, offset))
            count_spans.append((offset, offset + len(line)))
            continue  # counts may sit inside a list (two columns read as one)
        if current is None:
            continue
        stripped = line.strip()
        if not stripped:
            continue
        # « Absents ayant voté par procuration en application de l'article L 2121-20 du Code
        # \n Général des Collectivités Territoriales : », « Étaient présents : / Mesdames et
        # Messieurs les Conseillers Municipaux : / - Muriel FAYOLLE, … »
        if stripped.endswith(":") and not current.lines and not _STOP.match(fold(stripped)) \
                and (header_open or _GROUP_LEAD_IN.match(fold(stripped))):
            header_open = False
            current.start = offset + len(line)
            continue
        header_open = False
        if _GROUP_LABEL.match(fold(stripped)):
            continue  # « Arrondissement Nord : » over the delegates of a part of the territory
        if stripped == ":":
            continue  # « KERDORET / BRENEVAL / : / : / Jean-Yves LE QUINTREC – … »: the colons' column, read alone
        if not current.lines and current.counted and re.match(r"[a-zà-ÿ]", stripped) \
                and stripped.split()[0] not in _PARTICLES | {"et"}:
            current = None  # « Pouvoirs : 2 » beside « sous la Présidence de … »: a count, no list under it
            continue
        if not re.search(r"\w", stripped) and not re.fullmatch(r"[-–—_*=.]+", stripped):
            current = None  # « ? »: the next list's heading lost to OCR
            continue
        if sum(kept.count("(") - kept.count(")") for _, kept in current.lines) > 0:
            # « HUE Bernard (mandataire MESNIL Claire jusqu'à son / arrivée 18h05) - JOURDAN Alice »:
            # the line closes a bracket the list opened, whatever word it starts with
            current.lines.append((offset, line))
            current.end = offset + len(line)
            continue
        if current.status == "represente" and stripped.endswith(":") and not _ENDS_ON_CIVILITE_LABEL.search(stripped):
            stripped = stripped[:-1].rstrip()  # « M. Xavier MAURIN :\npouvoir à M. GRAS »
            line = line.rstrip()[:-1]
        if lead := _MEMBER_COMMUNE.match(stripped):
            stripped = stripped[lead.end():]  # « GOMENÉ : M. Alain ROUXEL, Mme Odile LE BRAS »
            line = " " * (len(line) - len(stripped)) + stripped
        # « SECRETAIRE DE SEANCE : » ends the list, « AIGREMONT : Jacky BARILLOT – … CHENAY : » goes on
        by_commune = _COMMUNE_LABEL.search(stripped) is not None
        if (_STOP.match(fold(stripped)) or not by_commune and (
                stripped.endswith(":") and not _ENDS_ON_CIVILITE_LABEL.search(stripped)
                or re.match(r"[A-ZÀ-Ý]{2,}[A-ZÀ-Ý ]*\s*:", stripped))):
            current = None
            continue
        previous = current.lines[-1][1] if current.lines else None
        kept, ends = _list_line(line, previous)
        if kept is not None:
            current.lines.append((offset + line.find(kept.strip()[:10]) if kept.strip() else offset, kept))
            current.end = offset + len(line)
        if ends:
            current = None
    return sections, counts, count_spans


# --- Cutting a list into people ------------------------------------------------------------

def _join_lines(lines: list[tuple[int, str]]) -> str:
    """The list as one string; a line break is a separator only where no name runs over it."""
    out = ""
    texts = _without_column_of_places([line.strip() for _, line in lines if line.strip()])
    for i, line in enumerate(texts):
        following = texts[i + 1] if i + 1 < len(texts) else ""
        if _PLACE_LINE.fullmatch(line) and re.match(rf"{CIVILITE}\.?\s", following):
            continue  # « AULNOY SUR MARNE / M. DORANGE Michel »: a commune's name over its delegates
        if not out or _stray_word(out, line):
            out = line
        elif re.search(r"[a-zà-ÿ]-$", out) and re.match(r"[a-zà-ÿ]", line):
            out = out[:-1] + line  # « a donné procu-\nration à … »: a word cut at the line's end
        elif out.endswith("-") and not out.endswith(" -"):
            out += line  # « Jean-\nClaude »
        elif _newline_separates(out, line):
            out += " ; " + line
        else:
            out += " " + line
    return out


_CAPITALS_LINE = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý'’ -]*")


def _without_column_of_places(texts: list[str]) -> list[str]:
    """« ARGELOUSE / BERNOS / … / SAUMEJAN / Jean-Paul DUBERNET / Sylvie LAPORTE / … »: two columns, the
    communes and their delegates, read one after the other. The communes, lines of capitals before
    the first name, are no members — when at least as many full names follow: a list of surnames
    alone, in capitals, is a list of members."""
    places = 0
    while places < len(texts) and _CAPITALS_LINE.fullmatch(texts[places]):
        places += 1
    names = sum(1 for text in texts[places:] if _FULL_NAME.match(text))
    return texts[places:] if places >= 2 and names >= places else texts


def _stray_word(before: str, after: str) -> bool:
    """A lone word before the list's first full name is a word of the page's margin read into
    it (« Présents : / Montpellier / Fabien ABERT, … »): a lone first name would be followed by
    its surname, not by another full name."""
    return (re.fullmatch(r"[A-ZÀ-Ý][a-zà-ÿ]+", before) is not None and fold(before) not in CIVILITES
            and re.match(r"[A-ZÀ-Ý][a-zà-ÿ-]+\s+[A-ZÀ-Ý]{2,}", after) is not None)


# A first name then a surname in capitals: « Mustapha MAJDOUL », « Anne-Rose LE VAN ».
_FULL_NAME = re.compile(rf"(?:{CIVILITE}\s+)?[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)?\s+[A-ZÀ-Ý]{{2}}[A-ZÀ-Ý'’ -]*")


def _newline_separates(before: str, after: str) -> bool:
    if re.search(r"[,;/&]\s*$|\s[-–]\s*$", before) or re.match(r"[-–/]", after):
        return False  # already separated
    if re.search(r"[a-zà-ÿ]{3,}\.\s*$", before):
        return True  # « … W.AUGUSTE : adjoints. / P.SOLIER — … »: a word and its full stop close a piece
    if _LIST_NUMBER.match(after):
        return True  # « 1. HERAUDET Sophie / 2. PALOUZIE Nicolas »: a numbered list, one name a line
    if _COMMUNE_LABEL.match(after):
        return True  # « … Hervé MIGNET / AIGREMONT : Jacky BARILLOT »: the next commune's delegate
    if QUALITE.fullmatch(fold(re.split(r"[,;]|\s[-–—]\s", before)[-1].strip())) and _FULL_NAME.match(after):
        # « … à Dominique ROCCHI, adjoint / Marie-Jeanne ORSINI, conseillère, … », « Bernard MARCHIX –
        # Président / Patrick MANSUY – … »
        return True
    if re.search(r"(?:^|\s)(?:par|à|au)\s*$", before):
        return False  # « Mme Lucie COLONNA par / Mme Paule GIACOMONI »: the holder on the next line
    if re.match(rf"{CIVILITE}\s", after) and not re.search(rf"(?:^|\s){CIVILITE}\s*$", before):
        return True
    # « ABADIE Jean (Beaumont-la-Forêt)\nBOUTET Michel (Charentilly) », « Karima BENALI (arrivée
    # 21h10)\nSébastien MOULIN »: a name closed by a note in brackets, the next line opening on a
    # surname in capitals or a full name
    if re.search(r"[A-Za-zÀ-ÿ]{2,}\s*\([^()]{2,40}\)\s*$", before) and (re.match(r"[A-ZÀ-Ý]{2,}", after) or _FULL_NAME.match(after)):
        return True
    # « … Mustapha MAJDOUL\nHélène MANDROUX, … »: a line ending on a full name (first name, then a
    # surname in capitals) and the next opening on another one lack only their comma; « Nicole\n
    # BIGAS » and « DE LA\nGRANGE » run a name over the break instead.
    last_piece = re.split(r"[,;]|\s[-–—]\s", before)[-1]
    if (_FULL_NAME.fullmatch(last_piece.strip()) and _FULL_NAME.match(after)
            and not QUALITE.match(fold(after))):
        return True
    # « Marta Chron à Marc Baïetto\nNelly Maroni à France Mendez »: a complete proxy per line
    holder = PROXY_SHORT.split(fold(last_piece))
    if (len(holder) > 1 and len(holder[-1].split()) >= 2
            and re.match(r"[A-ZÀ-Ý][a-zà-ÿ]", after) is not None):
        return True
    # « S.DUCHATEAU donne pouvoir à J-C SZRAMA\nJ. GORGOL donne pouvoir à A. HNAT »: the
    # holder's surname is printed, so the next line is the next person — unless the holder
    # stops at a civilité or an initial (« … à Monsieur N.\nTACHE »).
    proxies = list(PROXY.finditer(fold(last_piece)))
    proxy = proxies[-1] if proxies else None  # the piece's last proxy: its holder is what the line ends on
    holder_printed = last_piece[proxy.end():].strip() if proxy else ""
    return (proxy is not None and re.match(r"[A-ZÀ-Ý]", after) is not None
            and last_piece.count("(") <= last_piece.count(")")
            and (re.search(r"[A-ZÀ-Ý]{2,}", holder_printed) is not None or len(holder_printed.split()) >= 2)
            and not re.search(rf"(?:^|\s)(?:{CIVILITE}|[A-Z]\.?)$", last_piece.strip()))


# « Mmes : AUBRY Laure, … MM : BERTIN Fabien »: a group's civilité written as a label
_CIVILITE_LABEL = re.compile(rf"(?<![\w.])({CIVILITE})[ \t]*:[ \t]*(?=[A-ZÀ-Ý])")
# The label of a group of delegates inside a list: « Arrondissement Nord : », « Collège des communes : »
_GROUP_LABEL = re.compile(r"[\s*•-]*(?:arrondissement|secteur|college|canton|territoire|pole|bassin|communaute\s+de)\b[^:\n]{0,50}:$")
_GROUP_LEAD_IN = re.compile(r"(?:mesdames|messieurs|mmes|mm|les\s+(?:conseill|membres|elus|delegues)|conseill|membres|elus)\b")
# The members of an intercommunal council listed by commune: « MERDRIAC : Mme Jeanne HORVAIS, M. … »
_MEMBER_COMMUNE = re.compile(rf"^(?!SECR[ÉE]TAIRE)[A-ZÀ-Ý][A-ZÀ-Ý'’ -]+[ \t]*:[ \t]*(?=(?:{CIVILITE})\.?[ \t])")
# … and several communes to a line: « BOIS-GUERIN : Alain CHAUVET – CHAMPEAUX : Denis GIRAUDEAU »;
# the commune is in capitals, opens the list or follows a separator, and a name follows it
_COMMUNE_LABEL = re.compile(rf"(?:^|(?<=[,;–—])|(?<=\s[-–—]))[ \t]*(?!SECR[ÉE]TAIRE|POUVOIRS?\b|PROCURATIONS?\b|(?:{CIVILITE})\b)"
                            rf"[A-ZÀ-Ý][A-ZÀ-Ý'’-]+(?:[ -][A-ZÀ-Ý'’-]+)*[ \t]*:[ \t]*"
                            rf"(?=(?:{CIVILITE})\.?[ \t]|[A-ZÀ-Ý][a-zà-ÿ'’-]+(?:[ -][A-ZÀ-Ý][a-zà-ÿ'’-]+)?\s+[A-ZÀ-Ý]{{2}}"
                            rf"|[A-ZÀ-Ý]{{2}}[A-ZÀ-Ý'’-]*\s+[A-ZÀ-Ý][a-zà-ÿ])")
# « Commune de LAGUÉPIE-HAUTE : Madame Josette CALMELS, Messieurs Alain COSTES … Commune de VÈZE : … »
# « Communauté de communes du Pays d'Arvande : Paul BRUNEL ; … », « Département : … », « Président : … »
_COMMUNE_OF_LABEL = re.compile(rf"(?:^|(?<=[\s,;–—]))(?:(?:[Cc]ommune|[Cc]ommunaut[ée]\s+(?:de\s+communes|d['’]agglom[ée]ration|urbaine)"
                               rf"|[Mm][ée]tropole|[Vv]ille)\s+(?:de\s+|du\s+|des\s+|d['’][ \t]*)[A-ZÀ-Ý][\w'’ -]{{0,50}}?"
                               rf"|D[ée]partement|(?:Vice-)?[Pp]r[ée]sident(?:e|s|es)?|Vice-[Pp]r[ée]sident(?:e|s|es)?)"
                               rf"[ \t]*:[ \t]*(?=(?:{CIVILITE})\.?[ \t]|[A-ZÀ-Ý]|$)", re.M)
_ENDS_ON_CIVILITE_LABEL = re.compile(rf",[ \t]*{CIVILITE}[ \t]*:$")  # « …, SIMON Marie à Mme AUBRY Laure, MM : »
# « CHEVALLIER Nadia quitte la séance à 18h38 et rentre à 18h42 »: a move told beside the name
_MOVE_AFTER_NAME = re.compile(
    r"(?:^|\s+)(?:(?:quitte|quittent|rentre|rentrent|arrive|arrivent|part|partent|sort|sortent|entre|entrent|rejoint"
    r"|rejoignent)\s+(?:la\s+s[ée]ance|en\s+s[ée]ance|de\s+s[ée]ance|[àa]\s+\d)|jusqu['’]\s*[àa]|[aAàÀ]\s+partir\s+de)"
    r"[^,;–—()]*?(?=[,;–—()]|\s-\s|$)")


# « … donne pouvoir à Mme PELTIER pour les points 1 et 2 », « … pour l'ensemble de la séance »: when,
# not who
_FOR_POINTS = re.compile(r"\s*\bpour\s+(?:les?\s+|la\s+)?(?:points?|questions?|d[ée]lib[ée]rations?)\s+(?:n°\s*)?\d+"
                         r"(?:\s*(?:[àa]|et|,)\s*\d+)*(?:\s+inclus)?|\s*\bpour\s+l['’]ensemble\s+de\s+la\s+s[ée]ance", re.I)
# « Mme Michèle GARRIGUES : pouvoir à M. ROUQUETTE »
_COLON_BEFORE_PROXY = re.compile(r"[ \t]*:[ \t]*(?=(?:pouvoir|procuration|mandat)\b)", re.I)
_OF_PLACE = re.compile(r"\s+(?:de|d['’])\s*[A-ZÀ-Ý]{2}[A-ZÀ-Ý'’ -]*$")
# A line of capitals only, of several words: a commune's name in a list by commune
_PLACE_LINE = re.compile(r"(?!(?:MMES|MME|MM|MLLE|MR|M|MONSIEUR|MADAME|MESDAMES|MESSIEURS)\b)[A-ZÀ-Ý][A-ZÀ-Ý'’-]*(?:[ -][A-ZÀ-Ý'’-]+)+")
# The number of a member in a numbered list (« 17. POUJOL Rémi », « 3) Mme DURAND »)
_LIST_NUMBER = re.compile(r"\d{1,3}[ \t]*[.)][ \t]*(?=[A-ZÀ-Ý]|$)")


# The extract's publication notes, printed in a column beside the list and read into its lines:
# « BONNEFOY Véronique, Certifiée exécutoire le 24/09/2021 », « … Estelle Affichée le 24/09/2021 »
_PUBLICATION_NOTE = re.compile(
    r"(?:Certifi[ée]e?s?\s+ex[ée]cutoire|Affich[ée]e?s?|Transmise?s?\s+(?:en|[àa]\s+la)\s+pr[ée]fecture|Re[çc]ue?s?\s+en\s+pr[ée]fecture"
    r"|Publi[ée]e?s?|Notifi[ée]e?s?)(?:\s+le)?\s+\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")


def _split_proxy_chain(joined: str, proxy_words: re.Pattern = PROXY) -> str:
    """« Hélène DEBEIR ayant donné pouvoir à Marc LESAFFRE Gérard POLLET ayant donné pouvoir à … »:
    between two proxies and no separator, the holder of the first and the giver of the next,
    cut where the next name starts (a given name after a surname in capitals, or a surname in
    capitals after a given name when the list names people surname first). Under a header of
    proxies, `proxy_words` holds the bare « à » too (« Pouvoirs : Chantal SABATIER à Bernard
    DEJEAN  Didier TEISSIER à Serge CALMEL »)."""
    proxies = list(proxy_words.finditer(fold(joined)))
    out, pos = [], 0
    for first, second in zip(proxies, proxies[1:]):
        between = joined[first.end():second.start()]
        if _SEPARATORS.search(between):
            continue
        giver = joined[:first.start()].split()[-2:]  # « FOUGÈRE René » or « Gérard POLLET »
        surname_first = bool(giver) and re.fullmatch(r"[A-ZÀ-Ý][A-ZÀ-Ý'’-]+", giver[0]) is not None
        cut = re.search(r"(?<=[a-zà-ÿ])\s+(?=[A-ZÀ-Ý]{2,})" if surname_first else r"(?<=[A-ZÀ-Ý]{2})\s+(?=[A-ZÀ-Ý][a-zà-ÿ])", between)
        if cut:
            out += [joined[pos:first.end() + cut.start()], ","]
            pos = first.end() + cut.start()
    return "".join(out) + joined[pos:]


# in a list of proxies, the bare « à » / « par » between giver and holder as well
_PROXY_OR_SHORT = re.compile(f"{PROXY.pattern}|{PROXY_SHORT.pattern}")


# A member's commune in brackets, then the next member: « ABADIE Jean (Marray) BERNIER Claire (Neuvy) »,
# two columns of names flattened onto one line (a bracket of capitalised words only: « (pouvoir à
# M. X) » is no commune)
_PLACE_THEN_NAME = re.compile(r"(?P<place>\([ \t]*[A-ZÀ-Ý][\w'’-]*(?:[ \t]+[A-ZÀ-Ý][\w'’-]*)*[ \t]*\))[ \t]+(?=[A-ZÀ-Ý])")


def _pieces(joined: str, of_proxies: bool = False) -> list[str]:
    joined = _split_proxy_chain(_PUBLICATION_NOTE.sub(" ", joined), _PROXY_OR_SHORT if of_proxies else PROXY)
    joined = _MOVE_AFTER_NAME.sub("", _CIVILITE_LABEL.sub(r"\1 ", _FOR_POINTS.sub("", joined)))
    joined = _COMMUNE_LABEL.sub(" ", _COLON_BEFORE_PROXY.sub(" ", _COMMUNE_OF_LABEL.sub(" ", joined)))
    joined = _PLACE_THEN_NAME.sub(r"\g<place>,", joined)
    pieces = []
    for piece in (_SEPARATORS_OR_FULL_STOPS if _names_by_full_stops(joined) else _SEPARATORS).split(joined):
        # « M. Dominique GOSSET M. Louis ARMARY »: a new civilité starts a new person,
        # unless it follows « à » / « par » / « mandataire » / « → » (« … à Madame Paula RINIERI »).
        # « B. GUILBERT K. SAIDI »: an initial after a surname starts the next person too
        parts = re.split(rf"\s+(?=(?<!\bà )(?<!\bau )(?<!\bpar )(?<!\ba )(?<!\bde )(?<!\bmandataire )(?<!→ )(?<!⇒ ){CIVILITE}\s+[A-ZÀ-Ý])"
                         r"|(?<=[A-ZÀ-Ý]{2})\s+(?=[A-Z]\.[ \t]?[A-ZÀ-Ý]{2})", piece)
        opened = False  # inside brackets: « Mme ROBERT (pouvoir M. MARTIN) » is one person
        for part in parts:
            part = part.strip()
            # a list's number opens the part (« 3) Mme RIGAUD »); « (à partir de la question 4) » ends one
            part = part[m.end():] if (m := _LIST_NUMBER.match(part)) else part
            part = part.strip(" .\t*•·▪◦")
            if (place := _OF_PLACE.search(part)) and re.search(r"\b[A-ZÀ-Ý]{2,}\b", part[:place.start()]):
                part = part[:place.start()]  # « M. FROMONT Claude de LA HAYE EN BRIE »: the member and the commune
            if pieces and (opened or re.fullmatch(CIVILITE, pieces[-1])):
                pieces[-1] += " " + part  # « Madame M. FAUCHON »
            elif run := _run_of_names(part):
                pieces += run
            elif part:
                pieces.append(part)
            opened = bool(pieces) and pieces[-1].count("(") > pieces[-1].count(")")
    return pieces


# Names with nothing between them, as a flattened page prints them: « Laurent FERRAND Nadia BOUZID
# Éric VASSORT », « BERTHO Yvonne CORBEL Hervé » — each given name then family name (or the other
# way round, the same throughout), the given name in small letters, the family name in capitals.
_GIVEN = rf"(?!{CIVILITE}\b)[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?"
_FAMILY = r"[A-ZÀ-Ý][A-ZÀ-Ý'’-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'’-]+)*"
# (whole run, one name of it) for each order
# (« Absents excusés : Chantal SABATIER. Didier TEISSIER. »: a full stop after each, the same)
_RUNS_OF_NAMES = [(re.compile(rf"{name}(?:\.?\s+{name})+\.?"), re.compile(rf"{name}(?=\.?(?:\s|$))"))
                  for name in (rf"{_GIVEN}\s+{_FAMILY}", rf"{_FAMILY}\s+{_GIVEN}")]


def _run_of_names(part: str) -> Optional[list[str]]:
    for run, name in _RUNS_OF_NAMES:
        if run.fullmatch(part):
            return name.findall(part)
    return None


def _initials(raw: str) -> str:
    """Initials as printed: « A . HNAT » -> « A. HNAT », « S.DUCHATEAU » -> « S. DUCHATEAU »."""
    raw = re.sub(r"\b([A-Z])\s+\.", r"\1.", raw)
    return re.sub(r"\b([A-Z])\.(?=[A-ZÀ-Ý]{2})", r"\1. ", raw)


def _parse_name(raw: str) -> Optional[tuple[Optional[str], str]]:
    """(civilité as printed, name) of « Mme PETER » / « M. Paul LE BIHAN » / « Adeline »; None for junk."""
    raw = re.sub(r"\([^)]*\)?", " ", raw)
    raw = re.sub(r"(?<!\w)[\[\]()|{}]+(?=[A-ZÀ-Ý])", "", raw)  # OCR's brackets for a letter: « [)ELAUNEY »
    raw = re.sub(r"^\s*(?:et|soit)\s+", "", raw).strip(" .,:;*")
    raw = _initials(raw)
    civ = None
    # « Mmes et Ms Barbillon »: a civilité for a mixed group says nothing of this person
    m = re.match(rf"^({CIVILITE})\s+(?:et\s+({CIVILITE})\s+|(Ms|MM|Mmes|MMES|Messieurs|Mesdames)\.?\s+(?=[A-ZÀ-Ý]))?", raw)
    if m:
        civ = m.group(1).rstrip(".")
        second = m.group(2) or m.group(3)  # « Mmes et Ms », « Mmes Ms » once cut at « et »
        if second and CIVILITES.get(fold(civ)) != CIVILITES.get(fold(second.rstrip("."))):
            civ = None
        raw = raw[m.end():]
    raw = re.sub(rf"^{_TITLE_RE}\s+", "", raw)
    words = []
    for word in raw.split():
        if not word[0].isupper() and fold(word) not in _PARTICLES:
            break
        words.append(word)
    # a particle left hanging ends nothing (« Jean de »), but one in capitals is the surname's:
    # « Anne-Rose LE VAN »
    while words and fold(words[-1]) in _PARTICLES and not (len(words) > 1 and words[-1].isupper()
                                                           and words[-2].isupper()):
        words.pop()
    name = " ".join(words).strip(" .,")
    if fold(name) in _NOT_NAMES:
        return None
    if len(name) < 2 or not any(c.isupper() for c in name) or len(words) > 6:
        return None
    return civ, name


def _people(section: _Section) -> list[dict]:
    people: list[dict] = []
    group_start = 0  # first person the next plural qualité applies to
    inherited_civ = None
    for piece in _pieces(_join_lines(section.lines), of_proxies=section.status == "represente"):
        folded = fold(piece)
        proxy_note = re.search(r"\(([^)]*)\)?", piece)
        if QUALITE.match(folded):
            # « adjoints au Maire » names the group before it; « Maire » the person just before
            plural = re.match(r"\w+[sx]\b", folded) is not None
            for person in (people[group_start:] if plural else people[-1:]):
                person["qualite"] = person["qualite"] or piece.strip()
            group_start = len(people)
            continue
        holder = None
        proxy = PROXY.search(folded)
        if proxy and _PROXY_ON_LEAVING.search(folded, proxy.end()):
            piece, proxy, proxy_note = piece[:proxy.start()].rstrip(" ("), None, None  # present at the opening
        if proxy:
            holder, piece = piece[proxy.end():], piece[:proxy.start()]
        elif section.status == "represente" and PROXY_SHORT.search(" " + folded):
            # « Procurations : de BLANC Agnès à COSTE Mireille »; « M. Bernard FRADIN, délégué …, à M.
            # Yannick CHAIGNEAU »: the holder a piece of its own (hence the space the search is given)
            piece = re.sub(r"^\s*(?:et\s+)?de\s+(?=[A-ZÀ-Ý])", "", piece)
            short = PROXY_SHORT.search(" " + fold(piece))
            holder, piece = piece[short.end() - 1:], piece[:max(0, short.start() - 1)]
        elif proxy_note and (inner := PROXY.search(fold(proxy_note.group(1)))):
            holder = proxy_note.group(1)[inner.end():]
        if holder is not None and not re.sub(r"(?i)^\s*qui\b", "", piece).strip(" ,(") and people:
            # « …, représentée par M. MARCHAND », « DUMONT Alain, Président, qui a donné pouvoir à … »
            people[-1]["mandataire"] = _holder_name(holder)
            people[-1]["status"] = "represente"
            continue
        parsed = _parse_name(piece)
        if not parsed:
            continue
        civ, name = parsed
        if civ:
            inherited_civ = civ if fold(civ) in _PLURAL_CIVILITES else None
        civ = civ or inherited_civ
        # « ABSENTS OU EXCUSÉS … Yves RENAULT (excusé), Freddy TOUCHARD (absent non excusé) »
        noted = _STATUS_NOTE.fullmatch(fold(proxy_note.group(1)).strip()) if proxy_note and holder is None else None
        status = "represente" if holder is not None else _absence(noted.group(0)) if noted else section.status
        # (« GOETTELMANN Josiane » -> « Josiane GOETTELMANN »)
        people.append(_person((civ, name), status, _holder_name(holder) if holder is not None else None))
        if QUALITE.match(fold(piece.split(",")[-1])):
            group_start = len(people)
    return people


# « GIRARD Lise (mandataire LEMARINEL Sophie à son départ 19h12) »: present at the opening, the
# proxy is for the items after she left
_PROXY_ON_LEAVING = re.compile(r"\b(?:a|lors\s+de)\s+son\s+depart\b")
# a status noted beside one name of a list of absents or excused
_STATUS_NOTE = re.compile(r"(?:absente?|excusee?)(?:\s+(?:non\s+)?(?:excusee?|absente?))?")


def _absence(words: str) -> str:
    """« excusé » -> excuse; « absent », « absent non excusé » -> absent (folded words)."""
    return "absent" if "non" in words or "excus" not in words else "excuse"


def _person(parsed: tuple[Optional[str], str], status: str, mandataire: Optional[str] = None) -> dict:
    """A person of the attendance from `_parse_name`'s (civilité, name), given name first."""
    civ, name = parsed
    return {"person": _given_name_first(name), "civilite": CIVILITES.get(fold(civ or "")),
            "qualite": None, "status": status, "mandataire": mandataire}


def _holder_name(holder: str) -> Optional[str]:
    parsed = _parse_name(holder.split(",")[0].split(")")[0])
    return _given_name_first(parsed[1]) if parsed else None


# « GUYOT Jean », « DE LA GRANGE Audrey »: the family name in capitals, then the given name(s)
_FAMILY_FIRST = re.compile(r"(?P<family>[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+)*)"
                           r"\s+(?P<given>[A-ZÀ-Ý][a-zà-ÿ][\w'’]*(?:[ -][A-ZÀ-Ý][a-zà-ÿ][\w'’]*)*)")


def _given_name_first(name: str) -> str:
    """A proxy holder named family name first (« GUYOT Jean ») as the lists of most minutes
    name people, given name first (« Jean GUYOT »): the family name ends the holder's name,
    wherever the minutes print it."""
    m = _FAMILY_FIRST.fullmatch(name)
    return f"{m.group('given')} {m.group('family')}" if m else name


# --- Attendance told in sentences ----------------------------------------------------------

# « Etaient présents tous les conseillers en exercice, à l'exception de Madame X et de Monsieur Y,
# absents excusés, et de Monsieur Z, absent. », « Tous les membres sont présents sauf M. X »: the
# présents are the members in office less those excepted (matched on the folded text).
_ALL_PRESENT = re.compile(
    r"(?:(?:etaient|sont)\s+presents?\s+tou(?:te)?s\s+les\s+(?:membres|conseill\w+|elu\w*|delegu\w+)[^,.;:\n]{0,40}"
    r"|tou(?:te)?s\s+les\s+(?:membres|conseill\w+|elu\w*|delegu\w+)[^,.;:\n]{0,40}?\s(?:etaient|sont|etant)\s+present\w*)"
    rf"(?:\s*,?\s*{EXCEPTION_CUE}(?P<but>(?:[^.]|(?<=\bm)\.|(?<=\bmme)\.|(?<=\bmm)\.){{3,400}}))?")
# the pieces of an exception: names, and after a group of them what they are (« absents excusés »)
_EXCEPTION_PIECE = re.compile(r",?\s*\bet\s+(?:de\s+|d['’])?|,\s*(?:de\s+|d['’])?")
_STATUS_WORDS = re.compile(r"^(?:absente?s?|excusee?s?|absente?s?\s+excusee?s?|excusee?s?\s+et\s+absente?s?"
                           r"|representee?s?|absente?s?\s+non\s+excusee?s?)$")
# « Madame X a donné procuration à Madame Y et Monsieur Z à Monsieur W. »
_PROSE_PROXY = re.compile(r"(?:(?:a|ont|avait|avaient)\s+)?donn(?:e|ent)\s+(?:pouvoir|procuration|delegation)\s+(?:a|au)\s")


def _all_present_but(text: str, folded: str) -> Optional[tuple[list[dict], tuple[int, int]]]:
    """Who is excepted from « tous les conseillers étaient présents, à l'exception de … », and
    where that is said; None when the text says no such thing."""
    m = _ALL_PRESENT.search(folded)
    if not m:
        return None
    people, pending = [], []
    if m.group("but"):
        clause = text[m.start("but"):m.end("but")]
        for piece in _EXCEPTION_PIECE.split(clause):
            if _STATUS_WORDS.match(fold(piece).strip(" .;")):
                for person in pending:
                    person["status"] = _absence(fold(piece))
                pending = []
                continue
            parsed = _parse_name(piece)
            if parsed:
                pending.append(_person(parsed, "absent"))
                people.append(pending[-1])
    return people, m.span()


def _count_all_present_but(counts: dict, people: list[dict], excepted: int) -> None:
    """The counts of « tous présents à l'exception de … »: the members in office less those
    excepted, and each kind of absence as many as the people said to be so."""
    counts["presents"] = counts["en_exercice"] - excepted
    for key, status in (("representes", "represente"), ("excuses", "excuse"), ("absents", "absent")):
        if counts[key] is None:
            counts[key] = sum(p["status"] == status for p in people)


def _proxies_in_prose(text: str, folded: str, lo: int, hi: int) -> list[tuple[dict, tuple[int, int]]]:
    """Proxies told in a sentence between `lo` and `hi`: « Madame X a donné procuration à Madame Y
    et Monsieur Z à Monsieur W. » — each giver represented, by the holder."""
    found = []
    for m in _PROSE_PROXY.finditer(folded, max(lo, 0), hi):
        giver = _GIVER_AT_END.search(text, max(0, m.start() - 80), m.start())
        end = _sentence_end(text, m.end())
        first_holder = re.split(r"\s+et\s+", text[m.end():end], maxsplit=1)[0]
        pairs = [(giver.group(0) if giver else "", first_holder)]
        for rest in re.split(rf"\s+et\s+(?={CIVILITE}\s)", text[m.end():end])[1:]:
            giver_name, _, holder = " ".join(rest.split()).partition(" à ")
            pairs.append((giver_name, holder))
        for giver_name, holder in pairs:
            # « … à M. Hervé CORMIER Mme Andrée CASSIN donne procuration à … »: the next civilité is the next giver
            holder = re.split(rf"\s+(?={CIVILITE}\s)", holder.strip())[0]
            parsed = _parse_name(giver_name.strip())
            if parsed and holder.strip():
                found.append((_person(parsed, "represente", _holder_name(holder)),
                              (giver.start() if giver else m.start(), end)))
    return found


# the giver's name just before « a donné procuration » (a civilité, then capitalised words)
_GIVER_AT_END = re.compile(rf"(?:{CIVILITE}\s+)?(?:(?!{CIVILITE}\s)[A-ZÀ-Ý][\w'’-]*\s+){{1,5}}(?=\s*$)")


def _sentence_end(text: str, start: int) -> int:
    """Where the sentence running at `start` ends: its full stop (not a civilité's « M. ») or a blank line."""
    for m in re.finditer(r"\.|\n\s*\n", text[start:start + 600]):
        if not re.search(rf"\b{CIVILITE}$", text[start:start + m.start()]):
            return start + m.start()
    return min(len(text), start + 600)


# --- Putting it together ------------------------------------------------------------------

BLOCK_GAP = 1500  # characters between two lists of the same attendance block


# What opens the next session's minutes in a recueil of several: its heading, its formula
_NEXT_SESSION = re.compile(r"s[ée]ance\s+du\b|extrait\s+du\s+registre|l['’]an\s+deux", re.I)


def _first_block(sections: list[_Section], text: str) -> list[_Section]:
    """The lists of the first attendance block: a text holding several (a register of
    deliberations, each with its own header; a recueil of two sessions) must not have its
    people counted twice. A block ends at a long gap, or where a second list of présents
    (the first named someone) follows the next session's heading."""
    block: list[_Section] = []
    for section in sections:
        if block and section.start - block[-1].end > BLOCK_GAP:
            break
        if section.status == "present" and any(s.status == "present" and s.lines for s in block) \
                and _NEXT_SESSION.search(text, block[-1].end, section.start):
            break
        block.append(section)
    return block


# A line of the form « Maryline : absente non excusée ».
_NAME_THEN_STATUS = re.compile(r"^\s*(?P<name>[^\n:]{2,60}?)\s*:\s*(?P<status>absente?s?\s+non\s+excusee?s?|absente?s?|excusee?s?)\s*\.?\s*$",
                               re.M)


# A table of the members, a row each: the status in a cell of its own (« Paul AUBRY<TAB>Présent »,
# « Anne DUVAL : pouvoir à Paul AUBRY »), or a mark under the status's column of a grid whose
# header names the statuses (« Nom<TAB>Présent<TAB>Absent<TAB>Excusé<TAB>Pouvoir à »), the proxy's
# holder written in its column. Three rows at least: one line « M. X : présent » is prose.
_STATUS_CELL = re.compile(r"^(?:(?P<present>presente?s?)|(?P<missing>absente?s?(?:\s+non\s+excusee?s?)?|(?:absente?s?\s+)?excusee?s?)"
                          r"|(?:representee?s?|a\s+donne\s+(?:pouvoir|procuration)|donne\s+pouvoir|pouvoir|procuration)"
                          r"\s+(?:a|au|par)\s+(?P<holder>.+?))\s*\.?$")
_COLUMN_STATUS = [("present", re.compile(r"^presente?s?$")), ("absent", re.compile(r"^absente?s?(?:\s+non\s+excusee?s?)?$")),
                  ("excuse", re.compile(r"^(?:absente?s?\s+)?excusee?s?$")),
                  ("represente", re.compile(r"^(?:representee?s?(?:\s+par)?|(?:a\s+donne\s+)?(?:pouvoirs?|procurations?)"
                                            r"(?:\s+(?:a|donnee?s?\s+a))?|mandataires?)$"))]
_MARK = re.compile(r"^(?:x|✓|✔|☒|■|•|oui)$")
_ROW_CELLS = re.compile(r"\t+|[ \t]*:[ \t]*|[ \t]+[–-][ \t]+")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in _ROW_CELLS.split(line.strip())]


def _grid_columns(line: str) -> Optional[dict[int, str]]:
    """The status of each column of a grid's header line (tab-separated cells); None if it names fewer than two."""
    if "\t" not in line:
        return None
    columns = {}
    for i, cell in enumerate(fold(c.strip()) for c in line.strip().split("\t")):
        status = next((st for st, pattern in _COLUMN_STATUS if pattern.match(cell)), None)
        if status:
            columns[i] = status
    return columns if len(set(columns.values())) >= 2 else None


def _grid_row(line: str, columns: dict[int, str]) -> Optional[dict]:
    cells = line.strip().split("\t")
    parsed = _parse_name(cells[0]) if cells else None
    if not parsed:
        return None
    for i, status in columns.items():
        cell = cells[i].strip() if i < len(cells) else ""
        if status == "represente" and cell and not _MARK.match(fold(cell)):
            return _person(parsed, "represente", _holder_name(cell))
        if cell and _MARK.match(fold(cell)):
            return _person(parsed, status)
    return None


def _status_row(line: str) -> Optional[dict]:
    cells = _cells(line)
    if len(cells) < 2:
        return None
    status = " ".join(cells[1:])
    m = _STATUS_CELL.match(fold(status))
    parsed = _parse_name(cells[0]) if m else None
    if not parsed or len(parsed[1].split()) > 4:
        return None
    if m.group("holder"):  # (folding keeps each character's place: the holder as printed)
        return _person(parsed, "represente", _holder_name(status[m.start("holder"):m.end("holder")]))
    return _person(parsed, "present" if m.group("present") else _absence(m.group("missing")))


# A status written as a code in its cell (« Thierry BRIARD<TAB>P<TAB>Luc HAMELIN »), the codes as
# the minutes define them (« Étaient présents (P), excusés (EX), absents (A), suppléés (S) ») or the
# usual ones. « Suppléé »: the suppléant named in a later cell sits for the titulaire.
_LEGEND_WORD = r"(?P<word>presente?s?|excusee?s?|absente?s?|suppleee?s?|representee?s?)\b"
_CODE_LEGEND = re.compile(rf"\b{_LEGEND_WORD}\s*\((?P<code>[a-z]{{1,3}})\)"  # « présents (P) »
                          rf"|(?<![\w'])(?P<code2>[a-z]{{1,3}})\s*[:=]\s*{_LEGEND_WORD.replace('word', 'word2')}")  # « P : présent »
_LEGEND_STATUS = {"pr": "present", "ex": "excuse", "ab": "absent", "su": "supplee", "re": "represente"}
USUAL_CODES = {"p": "present", "e": "excuse", "ex": "excuse", "exc": "excuse", "ae": "excuse", "a": "absent", "abs": "absent"}


def _status_codes(text: str) -> dict[str, str]:
    legend = {m.group("code") or m.group("code2"): _LEGEND_STATUS[(m.group("word") or m.group("word2"))[:2]]
              for m in _CODE_LEGEND.finditer(fold(text))}
    return legend if len(legend) >= 2 else USUAL_CODES


def _coded_row(line: str, codes: dict[str, str]) -> Optional[dict]:
    """« 1<TAB>Thierry BRIARD<TAB>P<TAB>Luc HAMELIN »: the member named before the code's cell;
    « Coralie AUBRIL<TAB>S<TAB>Dominique LEGOUPIL (siège) », « … S<TAB>suppléée par Marc PETIT »: the
    suppléant after it, present; « Jean MARTIN<TAB>E<TAB>pouvoir à Paul AUBRY »: represented."""
    cells = [c.strip() for c in line.strip().split("\t")]
    at = next((i for i, c in enumerate(cells) if fold(c) in codes), None)
    if at is None:
        return None
    status = codes[fold(cells[at])]
    names = cells[at + 1:at + 2] if status == "supplee" else cells[:at][-1:]
    name = re.sub(r"\([^)]*\)|^suppl\w*\s+par\s+", "", names[0], flags=re.I).strip() if names else ""
    parsed = _parse_name(name) if name else None
    if not parsed or len(parsed[1].split()) > 4:
        return None
    if status == "supplee":
        return _person(parsed, "present")
    proxy = re.search(r"(?:pouvoir|procuration)\s+(?:a|à|au)\s+(?P<holder>.+)", " ".join(cells[at + 1:]), re.I)
    return _person(parsed, "represente", _holder_name(proxy.group("holder"))) if proxy else _person(parsed, status)


def _member_table(text: str) -> tuple[list[dict], list[tuple[int, int]]]:
    """The people of a table of members (see above) and the span of each of its blocks of rows."""
    people, spans = [], []
    block: list[dict] = []
    block_span = [0, 0]
    columns = None
    offset = 0
    codes = _status_codes(text) if "\t" in text else {}  # coded cells are read in rows with tabs only

    def close() -> None:
        if len(block) >= 3:
            people.extend(block)
            spans.append(tuple(block_span))
        block.clear()

    for line in text.split("\n"):
        header = _grid_columns(line)
        row = _grid_row(line, columns) if columns and not header else None
        row = row or (None if header else _status_row(line) or ("\t" in line and _coded_row(line, codes)))
        if header:
            close()
            columns = header
        elif row:
            if not block:
                block_span[0] = offset
            block.append(row)
            block_span[1] = offset + len(line)
        elif line.strip():
            close()
            columns = None
        offset += len(line) + 1
    close()
    return people, spans


def _printed_empty(text: str, section: _Section) -> bool:
    """A list header printed with nothing after it, or « aucun » / « néant »: that list is empty."""
    rest = fold(text[section.start:section.end]).strip(" .:-\t")
    return rest in ("", "aucun", "aucune", "neant")


def _one_status_each(people: list[dict]) -> list[dict]:
    """« Absents excusés : Mme BRUAND, … » then « Pouvoirs : Mme BRUAND à M. PAULMIER »: one
    person in two lists is the one who gave a proxy (représenté), never excusé as well; one
    listed present and excusé (« … Alexandre DESCAMPS (arrivé à 19 h 52) » in both) came late:
    excusé when the session opened. One listed excusé and absent is what the later list says."""
    def key(person: dict) -> str:
        return " ".join(fold(person["person"]).split())

    def named_in(person: dict, keys: set[str]) -> bool:
        """« Monsieur Didier VANDAMME » absent, « Monsieur VANDAMME procuration à … »: one
        person, by the family name when either list leaves the given name out."""
        if key(person) in keys:
            return True
        family = key(person).split()[-1:]
        return any(k.split()[-1:] == family and (len(k.split()) == 1 or len(key(person).split()) == 1) for k in keys)

    represented = {key(p) for p in people if p["status"] == "represente"}
    missing = {key(p) for p in people if p["status"] in ("excuse", "absent")}
    # « ABSENTS OU EXCUSÉS : A, B » then « DONT ABSENTS SANS POUVOIR : B »: the later list tells
    last_missing = {key(p): i for i, p in enumerate(people) if p["status"] in ("excuse", "absent")}
    kept, seen = [], set()
    for i, p in enumerate(people):
        if p["status"] in ("excuse", "absent") and last_missing[key(p)] != i:
            continue
        if (p["civilite"], key(p), p["status"]) in seen:
            continue  # « PRESIDENT : Gérard LAFON » then the list of présents naming him again
        seen.add((p["civilite"], key(p), p["status"]))
        if p["status"] == "represente" or p["status"] == "present" and key(p) not in missing \
                or p["status"] in ("excuse", "absent") and not named_in(p, represented):
            kept.append(p)
    return kept


# A header in capitals run into the line before it, as text flattened from a web page prints
# them: « OUVERTURE DE SÉANCE : 18h40 PRÉSENTS : 24 MM. … SALVAIRE. ABSENTS OU EXCUSÉS : 5 Mme … »
# (not after a word in capitals: « ABSENTS OU EXCUSÉS » is one header), and after a full stop any
# label in capitals (« … DURAND. VÉRIFICATION DU QUORUM : … »), which ends the list before it.
_RUN_IN_HEADER = re.compile(r"(?<=[a-zà-ÿ\d.,;)])[ \t]+(?=(?:DONT[ \t]+)?(?:[ÉE]TAIENT[ \t]+)?(?:PR[ÉE]SENTS?|ABSENTS?"
                            r"|EXCUS[ÉE]S?|REPR[ÉE]SENT[ÉE]S?|POUVOIRS?|PROCURATIONS?)\b[A-ZÀ-Ý \t\n]{0,40}:)"
                            r"|(?<=[a-zà-ÿA-ZÀ-Ý]\.)[ \t]+(?=[A-ZÀ-Ý]{3,}(?:[ \t]+[A-ZÀ-Ý'’]{2,}){1,6}[ \t]*:)")


# The same header written with a capital initial, run into the list before it: « Présents : BERTHO
# Yvonne, … TROADEC Yann Absents : GUERN Maëlle … Secrétaire de séance : SALIOU Armelle ». Taken only
# when a list is open on that line (a colon before it), so that « Membres Présents : » stays whole.
# « … sous la Présidence de M. Laurent FERRAND, Maire. Etaient présents les conseillers municipaux
# suivants : … » opens a sentence of its own: a header after a full stop too.
_RUN_IN_TITLE_HEADER = re.compile(r"(?<=[A-Za-zÀ-ÿ\d.,;)])[ \t]+(?=(?:[ÉE]taient[ \t]+)?(?:Pr[ée]sents?|Absents?|Excus[ée]s?"
                                  r"|Repr[ée]sent[ée]s?|Pouvoirs?|Procurations?|Secr[ée]taire)\b[\w'’ \t]{0,40}:"
                                  r"|[ÉE]taient[ \t]+(?:pr[ée]sent|absent|excus[ée]|repr[ée]sent[ée])e?s?\b[\w'’ \t]{0,50}:)")


# « M. le Maire fait connaître à l'Assemblée les procurations reçues : M. Denis CAZAUX à M. Claude
# DUFFAU … »: the list of proxies announced in a sentence
_RUN_IN_PROXIES = re.compile(r"(?<=\S)[ \t]+(?:les[ \t]+)?(?=(?:procurations?|pouvoirs?)[ \t]+(?:re[çc]u|suivant|donn[ée])e?s?[ \t]*:)")


def _run_in_headers(text: str) -> list[re.Match]:
    title_case = [m for m in _RUN_IN_TITLE_HEADER.finditer(text)
                  if ":" in text[text.rfind("\n", 0, m.start()) + 1:m.start()]
                  or text[m.start() - 1] == "." and text[m.end():m.end() + 3] in ("Eta", "Éta")]
    return sorted([*_RUN_IN_HEADER.finditer(text), *title_case, *_RUN_IN_PROXIES.finditer(text)], key=lambda m: m.start())


def _headers_on_their_lines(text: str) -> str:
    """`text` with each run-in header opening a line of its own, and whole on it (« DONT ABSENTS
    AVEC\nPOUVOIR : 1 »). Offsets are kept: the spaces before it become a line break, a line
    break inside it a space."""
    matches = _run_in_headers(text)
    if not matches:
        return text  # (most texts: no copy)
    chars = list(text)
    for m in matches:
        chars[m.start():m.end()] = " " * (m.end() - m.start() - 1) + "\n"
        label_end = text.find(":", m.end())
        for i in range(m.end(), label_end):
            if chars[i] == "\n":
                chars[i] = " "
    return "".join(chars)


# A header printed letter-spaced, as a PDF's tracked capitals come out (« A B S E N T S E X C U S E S
# AYA N T D O N N E P O U V O I R »): the words are found again among the headers' own words.
_LETTER_SPACED = re.compile(r"^[ \t]*(?:[A-ZÀ-Ý]{1,3}[ \t]+){5,}[A-ZÀ-Ý]{1,3}[ \t]*:?[ \t]*$", re.M)
_HEADER_WORDS = frozenset(
    "etaient etait sont presents present presentes presente absents absent absentes absente excuses excuse excusees "
    "excusee ayant donne pouvoir pouvoirs procuration procurations representes represente representees et ou avec "
    "non membres conseillers delegues titulaires suppleants".split())


def _unspaced_headers(text: str) -> str:
    """`text` with each letter-spaced header line in words, padded to its length (offsets kept)."""
    def words(m: re.Match) -> str:
        line = m.group(0)
        letters = fold(re.sub(r"[ \t:]", "", line))
        found = _split_into_words(letters)
        if found is None:
            return line
        spelled = " ".join(found).upper() + (" :" if ":" in line else "")
        return spelled.ljust(len(line)) if len(spelled) <= len(line) else line
    return _LETTER_SPACED.sub(words, text)


def _split_into_words(letters: str) -> Optional[list[str]]:
    """« absentsexcusesayantdonnepouvoir » -> the header words it is made of, longest first; None
    when it is not made of them."""
    best: list[Optional[list[str]]] = [[]] + [None] * len(letters)
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - 13), end):
            if best[start] is not None and letters[start:end] in _HEADER_WORDS:
                best[end] = best[start] + [letters[start:end]]
                break
    return best[-1]


def find_attendance(text: str) -> Optional[Attendance]:
    """The attendance stated in `text`, or None when it states none."""
    # a tab parts the cells of a table (read by `_member_table`); elsewhere it is a space between
    # words (a list of names typed in columns is read with its columns run together, see _SEPARATORS)
    sections, counts, count_spans = _sections(_headers_on_their_lines(_unspaced_headers(text.replace("\t", " "))))
    att = Attendance()
    spans = []
    block = _first_block(sections, text)
    of_status = any(s.status in ("present", "represente", "excuse", "absent") for s in block)
    table_people, table_spans = _member_table(text)
    for section in block:
        if section.status == "silent" or section.status == "office" and not of_status:
            continue
        if any(start <= section.start <= end for start, end in table_spans):
            continue  # « Anne DUVAL<TAB>Pouvoir à Paul AUBRY » is a row of the table, not a header
        if section.status == "office":
            section.status = "present"
        people = _people(section)
        att.listed.add(section.status)  # « Excusés : X (pouvoir à Y) »: the list is printed, none left excused
        if people:
            att.people += people
            spans.append((section.start, section.end))
        elif _printed_empty(text, section):  # « Absent(s) : » left blank, « Absents non excusés : aucun »
            att.listed.add(section.status)
        att.listed.update(p["status"] for p in people)
    att.people += table_people
    spans += table_spans
    att.listed.update(p["status"] for p in table_people)
    folded = fold(text)
    for m in _NAME_THEN_STATUS.finditer(folded):
        parsed = _parse_name(text[m.start("name"):m.end("name")])
        if parsed and len(parsed[1].split()) <= 3:
            att.people.append(_person(parsed, _absence(m.group("status"))))
            spans.append(m.span())
    # (« tous présents sauf … » only where no list of présents is printed)
    exception = _all_present_but(text, folded) if "present" not in att.listed else None
    if exception:
        att.people += exception[0]
        spans.append(exception[1])

    # Counts near the lists belong to them; far away they are another thing
    # (« Nombre de votants : 33 » of an election further down).
    near = 2500
    lo = min((s for s, _ in spans), default=0) - near
    hi = max((e for _, e in spans), default=near) + near
    counts.pop("public", None)
    legal = counts.pop("afferents", None)
    if legal is not None and "en_exercice" not in counts:
        counts["en_exercice"] = legal
    for key, (value, offset) in counts.items():
        if lo <= offset <= hi:
            att.counts[key] = value
            spans += [s for s in count_spans if s[0] == offset]
    if not spans:
        return None
    # (a list of proxies « Pouvoirs : Madame A. AUTHIER a donné pouvoir à … » is read already)
    represented = {fold(p["person"]).split()[-1] for p in att.people if p["status"] == "represente"}
    lists = list(spans)
    for person, span in _proxies_in_prose(text, folded, lo, hi):
        if fold(person["person"]).split()[-1] not in represented and not any(s <= span[0] < e for s, e in lists):
            att.people.append(person)
            spans.append(span)
    att.people = _one_status_each(att.people)
    c = att.counts
    if exception and c["presents"] is None and c["en_exercice"] is not None:
        _count_all_present_but(c, att.people, len(exception[0]))
    if c["votants"] is None and c["presents"] is not None and c["representes"] is not None:
        c["votants"] = c["presents"] + c["representes"]
        att.derived.append("votants")
    att.char_start = min(s for s, _ in spans)
    att.char_end = max(e for _, e in spans)
    return att
