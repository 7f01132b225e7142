"""Find numbered and named headings in a document's clean text.

A heading is recognised by its numbering and wording, never by Markdown level
(the seeds put actions under `##`, `###` or `####` alike). Each heading knows
its numbering *scheme*, which the structure builder maps to a level:

    roman      I.  II)  III -        parts of the document
    axe        Axe 1 :  AXE 2 -      axes
    letter     A.  B)                axes, when lettered
    action     Action n°1 :  Action 7.1 :
    digit      1.  2)                actions, when under an axis
    roman_low  i)  ii)               sub-actions
    letter_low a)  b)                sub-actions, under an action
    sub        Opération 2 :  Sous-action 1.1 :   sub-actions
    named      Préambule, Sommaire, Glossaire, Annexe…

Action plans of other families name their levels in their own words
(« Orientation 2 », « Fiche action n°3 », « FA 1.2 », « Opération 1 »): the
vocabularies below say which word stands for which level, and the word as
printed is kept in `Heading.label`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A table-of-contents line: title then dot leaders or a tab, then a page number.
TOC_LINE = re.compile(r"(?:(?:(?<!\.)\.{3,}|(?<!…)…{2,})\s*+|\t[^\S\t]*+)\d{1,3}\s*+$")  # linear

_SEP = r"\s*[.):\-–—/]\s*"

# The words each level goes by, across families (conventions, CTG, contrats de ville,
# CLS, CRTE, PVD/ACV, PCAET, PEDT). Longer phrases first: the regex takes the first match.
AXIS_WORDS = (r"axe(?:\s+strat[ée]gique)?|orientations?(?:\s+strat[ée]giques?)?|objectif\s+strat[ée]gique"
              r"|objectif\s+g[ée]n[ée]ral|pilier|enjeu|priorit[ée]|volet|titre|ambition|d[ée]fi")
# Words that also name a field of a fiche (« Enjeu : … », « Titre : … »): a heading only when numbered.
AXIS_WORDS_NUMBERED_ONLY = re.compile(r"^(?:pilier|enjeu|priorit[ée]|volet|titre|ambition|d[ée]fi)$", re.I)
ACTION_WORDS = r"fiches?[\s-]+actions?|fiche|action|mesure|objectif\s+op[ée]rationnel|FA"
SUB_ACTION_WORDS = r"op[ée]ration|sous[\s-]+action"
_NO = r"(?:n\s*°|n°|no\.?|num[ée]ro)?"
_AXIS_NUMBER = r"\d{1,2}|[IVX]{1,4}|[A-H]"
_ACTION_NUMBER = r"\d{1,2}(?:\.\d{1,2}){0,2}|[A-H]\.\d{1,2}"
_HEAD_SEP = r"\s*[:.)\-–—]\s*"


def _worded(words: str, number: str) -> re.Pattern:
    """« WORD [n°] NUMBER : title », the title possibly on the next line (then the line ends
    after the number), or « WORD : title » without a number."""
    return re.compile(rf"^\s*(?P<label>{words})(?![^\W\d])\s*{_NO}\s*(?P<num>{number})?(?!\w|\.\d)"
                      rf"(?:{_HEAD_SEP}(?P<title>\S.*))?\s*$", re.I)


WORDED = {"axe": _worded(AXIS_WORDS, _AXIS_NUMBER), "action": _worded(ACTION_WORDS, _ACTION_NUMBER),
          "sub": _worded(SUB_ACTION_WORDS, _ACTION_NUMBER + "|[a-h]|[ivx]{1,4}")}
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("roman", re.compile(r"^\s*([IVX]{1,4})" + _SEP + r"(\S.*)$")),
    ("letter", re.compile(r"^\s*([A-H])[.)]\s+(\S.*)$")),
    ("digit", re.compile(r"^\s*(\d{1,2})(?:[.)]|\s?[\-–])\s+(\S.*)$")),
    ("roman_low", re.compile(r"^\s*([ivx]{1,4})\)\s+(\S.*)$")),
    ("letter_low", re.compile(r"^\s*([a-h])\)\s+(\S.*)$")),
]
OCR_ROMAN = re.compile(r"^\s*(Il|Ill|IIl|lI|Vl)[.)]\s+(\S.*)$")
# « Axe stratégique : 1 – Titre »: the number printed after the separator.
NUMBER_IN_TITLE = re.compile(rf"^(?P<num>{_AXIS_NUMBER}|{_ACTION_NUMBER})\s*[.)\-–—:]\s+(?P<title>\S.*)$")

NAMED = {
    "sommaire": re.compile(r"^\s*(sommaire|table des mati[eè]res)\s*:?\s*$", re.I),
    "preambule": re.compile(r"^\s*pr[ée]ambule\b", re.I),
    "glossaire": re.compile(r"^\s*(glossaire|lexique)\b", re.I),
    "annexe": re.compile(r"^\s*annexes?\b(?!s? (?:à|au) la présente)", re.I),
    "duree": re.compile(r"^\s*dur[ée]e de la convention\b", re.I),
    "pilotage": re.compile(r"^\s*(suivi, bilan et ajustements|pilotage|gouvernance)\b", re.I),
}

MAX_TITLE_CHARS = 300


@dataclass
class Heading:
    scheme: str
    number: str | None
    title: str
    start: int  # offset of the heading's first character
    end: int  # offset just after its last title line
    label: str | None = None  # the document's word for the level (« Fiche action »), as printed


@dataclass
class Line:
    text: str
    start: int
    end: int


def split_lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append(Line(raw, pos, pos + len(raw)))
        pos += len(raw) + 1
    return lines


def _is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.9


# Words a wrapped title cannot end on: the title goes on at the next line.
DANGLING = re.compile(r"(?:\b(?:à|de|du|des|la|le|les|l'|l’|d'|d’|par|pour|en|et|ou|sur|aux|au|avec|entre|dans|"
                      r"vers|sans|sous|un|une)|-)\s*$", re.I)
SHORT_LINE = 32


def _continues_title(title: str, nxt: str, after_blank: bool = False, first: bool = True) -> bool:
    """Does the next line carry on a title that wrapped?

    A title ending with a full stop or a colon is complete. Otherwise it goes on
    when the next line starts in lower case (even past one blank line, as PDF
    extraction leaves them), when the title ends on a word that cannot end it
    (« par le » / « Samu social »), when a title set in capitals is followed by
    capitals, or when the next line is a short tail (« 2025 », « « Passage(s) » »).
    """
    nxt = nxt.strip()
    if not nxt or title.rstrip().endswith((".", ":", "?", "!", ";")):
        return False
    if match_heading(nxt) or TOC_LINE.search(nxt):
        return False
    if after_blank:
        wraps = nxt[0].islower() or bool(DANGLING.search(title))
        return wraps and len(title) + len(nxt) < MAX_TITLE_CHARS
    if _is_caps(title):
        return _is_caps(nxt) and len(nxt) < 120
    if nxt[0].islower():
        return len(title) + len(nxt) < MAX_TITLE_CHARS
    if DANGLING.search(title):
        return len(title) + len(nxt) < MAX_TITLE_CHARS
    # Only the line right under the heading can be its short tail; later ones are body.
    # « Pilote : ARS Corse » under a fiche's title is its form's first field, not the title's tail.
    return first and len(nxt) <= SHORT_LINE and len(nxt.split()) <= 4 and not nxt.endswith((".", ":")) \
        and " : " not in nxt


def clean_title(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip()
    return s.strip(" :–—-").strip()


def match_worded(line: str) -> tuple[str, str | None, str | None, str] | None:
    """(scheme, number, title, label) for « Orientation 2 : … », « Fiche action n°3 »…

    The title is None when the line stops after the number (the title is on the next
    line). A heading needs a number or a title; only axes may go without a number, and
    not with a word that also names a fiche's field."""
    for scheme, pattern in WORDED.items():
        m = pattern.match(line)
        if not m:
            continue
        number, title, label = m["num"], m["title"], " ".join(m["label"].split())
        if number is None and title and (inner := NUMBER_IN_TITLE.match(title)):
            number, title = inner["num"], inner["title"]
        if number is None and (scheme != "axe" or not title or AXIS_WORDS_NUMBERED_ONLY.match(label)):
            return None
        return scheme, number, title, label
    return None


def match_heading(line: str) -> tuple[str, str, str] | None:
    """(scheme, number, title) when the line starts like a numbered heading."""
    worded = match_worded(line)
    if worded:
        return worded[:3]
    for scheme, pattern in PATTERNS:
        m = pattern.match(line)
        if m:
            return scheme, m.group(1), m.group(2)
    m = OCR_ROMAN.match(line)
    if m:  # OCR reads « II. » as « Il. »
        return "roman", m.group(1).replace("l", "I"), m.group(2)
    return None


def _wrapped_title(lines: list[Line], i: int, title: str) -> tuple[str, int]:
    """The title started on line i with the lines it wraps onto, and its last line's index."""
    j = i
    while True:
        nxt = j + 1
        after_blank = nxt < len(lines) and not lines[nxt].text.strip()
        if after_blank:
            nxt += 1
        if nxt >= len(lines) or not _continues_title(title, lines[nxt].text, after_blank, first=j == i):
            return title, j
        j = nxt
        title = title.rstrip() + " " + lines[j].text.strip()


def _named_kind(line: str) -> str | None:
    if len(line.strip()) >= 120 or TOC_LINE.search(line):
        return None
    return next((kind for kind, pattern in NAMED.items() if pattern.match(line)), None)


def find_headings(text: str) -> list[Heading]:
    lines = split_lines(text)
    headings: list[Heading] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        found = match_heading(line.text)
        label = None
        if found and len(line.text) <= MAX_TITLE_CHARS and not TOC_LINE.search(line.text):
            scheme, number, title = found
            worded = match_worded(line.text)
            label = worded[3] if worded else None
            if title is None:  # « FICHE ACTION N°3 » alone: its title is the next line
                i, title = _title_below(lines, i)
                if title is None:
                    continue
        elif kind := _named_kind(line.text):
            scheme, number, title = "named:" + kind, None, line.text
        else:
            i += 1
            continue
        title, j = _wrapped_title(lines, i, title)
        headings.append(Heading(scheme, number, clean_title(title), line.start, lines[j].end, label))
        i = j + 1
    return headings


def _title_below(lines: list[Line], i: int) -> tuple[int, str | None]:
    """(index of the title line, title) for a heading printed without its title: the next
    non-blank line, unless it is a heading itself. (i + 1, None) when there is none."""
    j = i + 1
    while j < len(lines) and not lines[j].text.strip():
        j += 1
    if j >= len(lines) or j - i > 3 or match_heading(lines[j].text) or len(lines[j].text) > MAX_TITLE_CHARS:
        return i + 1, None
    # the heading's start stays on line i: the caller reads the title from line j
    return j, lines[j].text


def toc_spans(text: str, min_lines: int = 3) -> list[tuple[int, int]]:
    """Spans of tables of contents: runs of lines ending in page numbers."""
    spans, run = [], []
    for line in split_lines(text):
        if TOC_LINE.search(line.text):
            run.append(line)
        elif line.text.strip() and run:
            if len(run) >= min_lines:
                spans.append((run[0].start, run[-1].end))
            run = []
    if len(run) >= min_lines:
        spans.append((run[0].start, run[-1].end))
    return spans
