"""One deliberation's row: its identity (numéro, objet, ACTES id, dates), vote and attendance.

The vote and attendance rules live in votes.py and attendance.py; here they are
applied to the deliberation's span, and what a session states once at its top
(séance date, attendance, président) is carried into each of its deliberations.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from delib.extract.attendance import COUNT_KEYS, Attendance, count_pairs, find_attendance
from delib.lang.moves import attendance_changes
from delib.lang.names import CIVILITE
from delib.extract.actes import ActesId, best_actes_id, find_matiere, numero_from_internal
from delib.extract.matieres import classify_objet
from delib.extract.parties import (councils_named, find_departement, find_issuer, most_named_commune,
                                     most_stated_issuer, place_case)
from delib.extract.votes import find_vote
from delib.lang.text import fold
from delib.model import Deliberation, DeliberationFields, Document, Extraction, Mention, Segment
from delib.segment.minutes import rubric_title

OBJET = re.compile(r"^[ \t]*OBJET\s*[:/]?\s*(.+)$", re.M | re.I)  # « OBJET : … », « OBJET / … »
NUMBERED_ITEM = re.compile(r"^[ \t]*(\d{1,3})\s*[).]\s*(\S.*)$")
LETTERED_ITEM = re.compile(r"^[ \t]*([A-Z])\s*[/)]\s*(\S.*)$")
VOTE_FIELDS = ("pour", "contre", "abstentions", "ne_prend_pas_part", "unanimite", "resultat")


def find_objet(span: str) -> tuple[str | None, str | None]:
    """(objet, thematic heading) of « OBJET : … ».

    « OBJET : ENVIRONNEMENT » followed by « 16) Coopération… » means the objet line is
    a theme and the numbered item is the objet; « OBJET : Finances Communales : Plan de
    financement Espace Logirem. » is theme : objet; in an OCR'd register extract the
    objet's lines are interleaved with the préfecture's stamp, which is left out."""
    m = OBJET.search(span)
    if not m:
        return _objet_in_column(span), None
    first = re.sub(r"(?i)^objet\s*:\s*", "", _without_stamp(m.group(1)))  # « OBJET : Objet : … »
    first = ACT_NUMBER_AFTER_OBJET.sub("", first)
    theme_only = STAMP_PIECES.sub(" ", m.group(1)).rstrip(" |]").endswith(":")
    items = []
    for line in span[m.end():m.end() + 600].splitlines():
        line = line.strip()
        if not line:
            continue
        item = NUMBERED_ITEM.match(line) or (items and LETTERED_ITEM.match(line))
        if not item:
            break
        items.append(item.group(2).strip())
    if items and first.isupper() and len(first) < 60:
        return " - ".join(items), first
    if first.isupper() and len(first) < 60 and not theme_only and (below := _title_below(span[m.end():])):
        return below, first.strip(" :")  # « OBJET / DEVELOPPEMENT ECONOMIQUE » then the objet's line
    theme, sep, rest = first.partition(" : ")
    if sep and re.search(r"\s[-–—]\s", theme):
        theme, sep, rest = first, "", ""  # « Partenariat CAF – Relais Petite Enfance : convention … » is one objet
    if not sep and theme_only:  # « OBJET : Finances Communales : » then the objet's lines
        theme, sep, rest = first, ":", ""
    lines = [rest] if rest else []
    lines += _objet_lines(span[m.end():m.end() + 900], theme if sep else "")
    if sep and lines:
        return _join_objet(lines), theme.strip(" :")
    return (first.strip(" *:") or None), None


# « Nombre des Membres en exercice : 34          OBJET : CONVENTION TERRITORIALE GLOBALE »: the
# objet in a column of its own beside the box of counts, its lines going on at the same place.
OBJET_IN_COLUMN = re.compile(r"(?<=\S)[ \t]{3,}(?P<label>OBJET[ \t]*:[ \t]*)(?P<title>\S.*)$", re.M | re.I)


def _objet_in_column(span: str) -> str | None:
    m = OBJET_IN_COLUMN.search(span)
    if not m:
        return None
    column = m.start("label") - (span.rfind("\n", 0, m.start()) + 1)
    lines = [m.group("title").strip()]
    for line in span[m.end() + 1:].splitlines()[:4]:
        beside = re.match(r"^(?:.*?\S)?[ \t]{3,}(\S.*)$", line)
        if not beside or abs(beside.start(1) - column) > 3:
            break
        lines.append(beside.group(1).strip())
    return " ".join(" ".join(lines).split())


# The préfecture's stamp, as OCR mixes it into the lines beside it.
STAMP_PIECES = re.compile(
    r"\[?[0-9A-Z]{2,3}[ \t]?-[ \t]?[0-9 |]{9,11}-[0-9A-Z ]{8}-\S+"
    r"|Accus[ée]\s+(?:de\s+r[ée]ception|certifi[ée])[^\n]*?(?:Int[ée]rieur|ex[ée]cutoire)"
    r"|I?R[ée]ception\s+par\s+le\s+pr[ée]fet\s*\W*\s*[\d/]*\W?"
    r"|Publication\s*:\s*[\d/]*"
    r"|Pour\s+l['’]autorit[ée]\s+comp\w+\s+par\s+d[ée]l[ée]gation",
    re.I,
)
# Where the objet's lines stop: the rapporteur speaks, the item's number, the council decides.
OBJET_END = re.compile(r"^[ \t]*(?:LE\s+MAIRE|LE\s+PR[ÉE]SIDENT|Le\s+Maire\b|Expose|LE\s+CONSEIL|Vu\b"
                       r"|#?\d{2}[-.]\d{2}[/-]\d{3}\b)", re.I)


def _without_stamp(line: str) -> str:
    line = STAMP_PIECES.sub(" ", line)
    line = re.sub(r"[\[\]|®¥©=;{}]+", " ", line)
    return " ".join(line.split()).strip(" -—:")


def _title_below(text: str) -> str | None:
    """The line under an « OBJET » line that names only a rubric, when it reads as a title:
    in capitals and lower case, no sentence (« Cession d'un lot de la zone d'activités »)."""
    lines = text.lstrip("\n").splitlines()
    line = lines[0].strip() if lines else ""
    if len(line) < 8 or line.isupper() or not line[0].isupper() or line.endswith((".", ":", ";")) \
            or OBJET_END.match(line) or re.match(r"(?:vu|consid[ée]rant|m\.|mme|monsieur|madame|le\s+conseil)\b", line, re.I):
        return None
    return " ".join(line.split())


def _objet_lines(text: str, theme: str) -> list[str]:
    """The objet's lines after « OBJET : theme : », less the stamp and OCR noise (a line
    keeps at least one real word besides the theme's: « es pee », « Gilat 1259) » go)."""
    theme_words = {w.lower() for w in re.findall(r"\w+", theme)}
    lines = []
    for raw in text.splitlines()[1:]:
        if OBJET_END.match(raw):
            break
        line = _without_stamp(raw)
        words = re.findall(r"[^\W\d_]{3,}", line)
        if len(words) < 2 or not [w for w in words if len(w) >= 4 and w.lower() not in theme_words]:
            continue
        lines.append(line)
        if len(lines) == 3:
            break
    return lines


def _join_objet(lines: list[str]) -> str:
    joined = " ".join(" ".join(lines).split())
    return re.sub(r"^[^\w«(]+", "", joined).strip(" ;")  # OCR'd bullets: « @ Révision… », « € Adoption… »


# « Contrat Urbain de Cohésion Sociale / Attribution de subventions… / Audrey DE LA GRANGE
# rapporte : », « COMPTE ADMINISTRATIF 2005 : / Madame MALARD donne lecture du rapport suivant ».
REPORTER = re.compile(r"^[^\n]{0,60}?\b(?:rapporte\s*:|donne\s+lecture\s+du\s+rapport)", re.M | re.I)
NAMES_LINE = re.compile(r"[A-ZÀ-Ý]{3,}(?:\s*[,.]|\s*$)")


def objet_before_reporter(span: str) -> str | None:
    """The title lines printed above « X rapporte : » (Montpellier's register extracts)."""
    m = REPORTER.search(span)
    if not m:
        return None
    lines = []
    for line in reversed(span[:m.start()].splitlines()):
        line = line.strip()
        if not line and not lines:
            continue  # blank lines between the title and « X rapporte : »
        if not line or line.endswith(":") or NAMES_LINE.search(line) or len(lines) == 4:
            break
        lines.insert(0, line)
    return " - ".join(lines) or None


# A deliberation page's title between its number and « Le Conseil départemental, »:
# « Délibération n° du 15 février 2018 / CONVENTION GLOBALE PARIS - SEINE-SAINT-DENIS »,
# « Délibération 7/2023 / COMPTE ADMINISTRATIF 2022 / Le Conseil Municipal, … ».
TITLE_AFTER_NUMBER = re.compile(
    r"^[ \t]*D[ée]lib[ée]ration\s+(?:n[°o]|\d)[^\n]*\n\s*(?P<title>[^\n]{5,200}?)[ \t]*\n\s*(?i:le\s+conseil)\b", re.M)


_NUMBER_SIGN = r"^[ \t]*(?:D[ée]lib[ée]ration\s+)?N[°o]\s*[\w/.\-]*\d[\w/.\-]*[ \t]*"  # « Délibération N° 2016-47 »
# « N° 2016-47 / COMPTE ADMINISTRATIF 2015 »: a number alone on its line, the title on the next.
TITLE_UNDER_NUMBER_LINE = re.compile(
    rf"{_NUMBER_SIGN}\n"
    r"[ \t]*(?P<title>[A-ZÀ-Ý«][^\n]{4,200}?)[ \t]*$(?<![.,:;])", re.M)


# « 2021-071-02 – RESTAURANT SCOLAIRE – REVALORISATION DES TARIFS »: an extract's number and its
# title on one line
_YEAR_NUMBER_DASH = r"(?P<num>(?:19|20)\d{2}[-/._]\d{1,4}(?:[-/._]\d{1,4})?)[ \t]*[-–—][ \t]+"
TITLE_BESIDE_NUMBER = re.compile(rf"^[ \t]*{_YEAR_NUMBER_DASH}(?P<title>[A-ZÀ-Ý«][^\n]{{4,200}}?)[ \t]*$", re.M)


# « N° 2022-38 : Forêt communale – Programme de coupes »: « N° » and the title on one line
TITLE_AFTER_NUMBER_SIGN = re.compile(
    rf"{_NUMBER_SIGN}[:–—-][ \t]+"
    r"(?P<title>[A-ZÀ-Ý«][^\n]{4,200}?)[ \t]*$", re.M)


def objet_after_number(text: str) -> str | None:
    m = TITLE_AFTER_NUMBER.search(text) or TITLE_UNDER_NUMBER_LINE.search(text) or TITLE_BESIDE_NUMBER.search(text) \
        or TITLE_AFTER_NUMBER_SIGN.search(text)
    return " ".join(m.group("title").split()) if m else None


def _first_date(dates: list[Mention], role: str, lo: int, hi: int) -> str | None:
    for d in dates:
        if d.attrs.get("role") == role and lo <= d.char_start < hi and d.attrs.get("granularity") == "day":
            return d.value
    return None


def _dates_in(dates: list[Mention], role: str, lo: int, hi: int) -> list[str]:
    return [d.value for d in dates
            if d.attrs.get("role") == role and lo <= d.char_start < hi and d.attrs.get("granularity") == "day"]


# The préfecture's stamp (« Date de réception préfecture », « E nvoi Préfecture », « Réception
# par le préfet », « Transmis au contrôle de légalité »): minutes also tell of receptions and
# sendings of other things (« réception des travaux le 12 mai »).
STAMP_CUE = re.compile(r"pr[ée]f|l[ée]galit[ée]|minist[èe]re", re.I)


def _stamp_date(text: str, dates: list[Mention], role: str, lo: int, hi: int) -> str | None:
    for d in dates:
        if (d.attrs.get("role") == role and lo <= d.char_start < hi and d.attrs.get("granularity") == "day"
                and STAMP_CUE.search(text, max(0, d.char_start - 120), d.char_start)):
            return d.value
    return None


# « DÉLIBÉRATIONS DU CONSEIL MUNICIPAL DU 24 OCTOBRE 2013 », « Comité Directeur du 18/09/2024 »
# in a title: the session's date,
# though the dates' roles read « délibérations du … » as a text being cited.
TITLE_SESSION = re.compile(r"(?:conseil|s[ée]ance|r[ée]union|comit[ée])[^\n]{0,40}$", re.I)


def session_date(text: str, dates: list[Mention]) -> str | None:
    """The date of the session the document reports: its first « séance » date, else a
    full date on a title line of its first lines naming the council or session."""
    found = _first_date(dates, "seance", 0, len(text))
    if found:
        return found
    for d in dates:
        if d.char_start > 400:
            break
        if d.attrs.get("granularity") != "day":
            continue
        line_start = text.rfind("\n", 0, d.char_start) + 1
        before = text[line_start:d.char_start]
        if TITLE_SESSION.search(before):
            return d.value
        if BEFORE_DATE_ALONE.fullmatch(before) and AFTER_DATE_ALONE.match(text, d.char_end) \
                and TITLE_WORDS.search(text, 0, line_start):
            return d.value  # « Liste des délibérations votées / Le 16 MAI 2025 »
    return None


# a date alone on its line (« Le 16 MAI 2025 », « du 3 juin 2024 »), under a title naming the
# council, the session or its deliberations: what may stand on the line before and after the date
BEFORE_DATE_ALONE = re.compile(r"[ \t]*(?:(?i:le|du)[ \t]+)?(?:(?i:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)[ \t]+)?")
AFTER_DATE_ALONE = re.compile(r"[ \t.]*$", re.M)
TITLE_WORDS = re.compile(r"\b(?:d[ée]lib[ée]rations?|conseil|s[ée]ance|r[ée]union|comit[ée])\b", re.I)


# A line opening on the session it heads: « Séance du 22 octobre 2020 », « REUNION DU CONSEIL MUNICIPAL DU … »
SESSION_HEADING = re.compile(r"[ \t*#>]*(?:s[ée]ance|r[ée]union|conseil\s+(?:municipal|communautaire|syndical))\b[^\n]{0,40}$",
                             re.I)
# … closing on its date (an hour at most after it): a line, not a sentence citing a session
HEADING_END = re.compile(r"[ \t]*(?:[àa][ \t]+\d{1,2}[ \t]*h[ \t]*\d{0,2}[ \t]*)?[.:]?[ \t]*$", re.M)
# … and followed by the session's attendance (a heading opening a session, not one recalled)
OPENS_SESSION = re.compile(r"pr[ée]sents?\s*:|[ée]taient\s+pr[ée]sents", re.I)


def session_headings(text: str, dates: list[Mention]) -> tuple[tuple[int, str], ...]:
    """(offset, date) of the session headings of a recueil of several sessions (each under
    « Séance du … »); none when the document heads one session only, or headings a year apart
    and more (a recueil covers a trimester or a semester: older sessions are recalled)."""
    headings = []
    for d in dates:
        line_start = text.rfind("\n", 0, d.char_start) + 1
        if d.attrs.get("granularity") == "day" and SESSION_HEADING.match(text, line_start, d.char_start) \
                and HEADING_END.match(text, d.char_end) and OPENS_SESSION.search(text, d.char_end, d.char_end + 800):
            headings.append((d.char_start, d.value))
    values = sorted({value for _, value in headings})
    if len(values) < 2 or date.fromisoformat(values[-1]) - date.fromisoformat(values[0]) > timedelta(days=366):
        return ()
    return tuple(headings)


def _session_heading_before(headings: tuple[tuple[int, str], ...], pos: int) -> str | None:
    """The session heading last printed before `pos`."""
    before = [value for offset, value in headings if offset < pos]
    return before[-1] if before else None


def _seance_date(dates: list[Mention], session: str | None, lo: int, hi: int,
                 acte: ActesId | None, in_session: bool, header: tuple[int, int] | None = None) -> str | None:
    """The deliberation's session date. Its own span may cite older sessions (« délibération
    du 22 décembre 2010 »): a date of its own counts first when the ACTES id or the
    document's session date confirms it. An extract of a recueil has its own header
    (« Séance du 23 février 2023 »): the séance it names is the extract's, whatever the
    first extract's was."""
    own = _dates_in(dates, "seance", lo, hi)
    if header is not None and (in_header := _dates_in(dates, "seance", *header)):
        return in_header[0]
    for confirmed in (acte.decision_date if acte else None, session):
        if confirmed and confirmed in own:
            return confirmed
    if in_session and session:
        return session
    return (own[0] if own else None) or session or (acte.decision_date if acte else None)


# The register number printed on an extract: « n° 2013 / 130 » (Montpellier).
REGISTER_NUMBER = re.compile(r"^[ \t]*n[°o][ \t]*(?P<year>(?:19|20)\d{2})[ \t]*/[ \t]*(?P<num>\d{1,4})\b", re.M | re.I)


# --- The deliberation's own register number -------------------------------------------------

# A plain item number (« 12 – », « 3. », « Point n° 2 », « IV. ») numbers the agenda, not the
# register: it is a numero only where the heading calls the item a deliberation.
AGENDA_NUMBER = re.compile(r"(?:\d{1,3}(?:[ \t]?[A-Z])?|[IVXL]{1,6}|\d{1,2}[.-]\d{1,2}(?:[.-]\d{1,2})?)")
# (never a piece of a longer number: « 034-213401722-… » is an ACTES id)
_NUM_BODY = r"\d{1,4}(?:[ \t]?[-_/.][ \t]?\d{1,4}){0,3}(?![-_/.]?\d)(?:[ \t]?[A-Z](?![\w]))?"
_ACT_NUMBER_LABEL = (r"\bn(?:[°o]|um[ée]ro)\.?[ \t]*(?:interne[ \t]+)?"
                     r"(?:de[ \t]+l['’]acte|d['’]ordre|de[ \t]+(?:la[ \t]+)?d[ée]lib[ée]ration)[ \t]*:?[ \t]*")
# « Objet : Avenant à la convention … N° interne de l'acte : 2022-41 »: the number closing the objet's line
ACT_NUMBER_AFTER_OBJET = re.compile(rf"[ \t]+{_ACT_NUMBER_LABEL}[\w/.-]*\d[\w/.-]*[ \t]*$", re.I)
# The register numbers minutes and extracts print in an item's heading or header:
REGISTER_NUMEROS = [
    # « Délibération n° 2023-045 », « DELIBERATION N°12 », « Délibération numéro 2019/08 »
    re.compile(rf"\bd[ée]lib[ée]ration[ \t]*(?:n[°o]\.?|num[ée]ro)[ \t]*:?[ \t]*(?P<num>{_NUM_BODY})", re.I),
    # « Délibération 7/2023 » opening its line (no « n° »: a number with a separator)
    re.compile(r"^[ \t]*d[ée]lib[ée]ration[ \t]+(?P<num>\d{1,4}[ \t]?[-_/.][ \t]?\d{1,4}(?:[-_/.]\d{1,4})?)(?![\w/.-])",
               re.I | re.M),
    # « DCM 2023/45 », « DCM n° 2023-45 », « D.C.M. 12 », « DEL 2019/12 », « DCC n°2022-08 »
    # (« DEL2023_045 », the prefix joined, is a code of its own: next pattern)
    re.compile(rf"(?<![\w-])(?:D\.?C\.?M|D\.?C\.?C|DEL|DELIB)\.?(?:[ \t]+|[ \t]*n[°o][ \t]*|[ \t]*:[ \t]*)"
               rf"(?:n[°o][ \t]*)?:?[ \t]*(?P<num>{_NUM_BODY})"),
    # « D-2023-045 », « DEL-2023-045 », « DEL2023_045 », « DL-056-07-13 »: a lettered code, kept whole
    re.compile(r"(?<![\w-])(?P<num>[A-Z]{1,5}[-_]?(?:19|20)?\d{2,4}[-_/.]\d{1,4}(?:[-_/.]\d{1,4})?)(?![\w-])"),
    # « N° interne de l'acte : 2022-41 », « Numéro d'ordre : 12 », « N° de la délibération : 2022-07 »
    re.compile(rf"{_ACT_NUMBER_LABEL}(?P<num>{_NUM_BODY})", re.I),
    # « N° 45/2023 », « n° 2023-045 » (not a law's or an order's number)
    re.compile(r"(?<!loi )(?<!d[ée]cret )(?<!arr[êe]t[ée] )(?<![\w/.-])n[°o][ \t]*(?P<num>\d{1,4}[ \t]?[/_-][ \t]?\d{1,4})(?![\w/.-])",
               re.I),
    # « 2021-071-02 – RESTAURANT SCOLAIRE … » opening its line: the year, then the number
    re.compile(rf"^[ \t]*{_YEAR_NUMBER_DASH}(?=[A-ZÀ-Ý«])", re.M),
    # « 2023_045 » on its own
    re.compile(r"(?<![\w/.-])(?P<num>(?:19|20)\d{2}_\d{1,4})(?![\w/-])"),
    # « Objet : Tarifs de la cantine (n° 12) »
    re.compile(r"\([ \t]*n[°o][ \t]*(?P<num>\d{1,4}[A-Z]?)[ \t]*\)", re.I),
]
# « délibération n°77 du 15 octobre 2015 »: an earlier deliberation being cited.
CITED_AFTER = re.compile(r"[ \t,]*(?:du|en\s+date\s+du|prise|adopt[ée]e|approuv[ée]e|modifi[ée]e)\b", re.I)
# A date is no register number (« 05/03/2019 », « 2019-03-05 »).
_DATE_LIKE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}")
# Where a heading's lines stop: the exposé or the council's decision starts.
_HEADING_END = re.compile(r"^[ \t]*(?:vu\b|consid[ée]rant|le\s+conseil|apr[èe]s\s+en\s+avoir|monsieur|madame|m\.|mme)",
                          re.I | re.M)
HEADING_REACH = 300


def printed_numero(heading: str) -> str | None:
    """The register number printed in an item's heading or an extract's header, as printed
    (« Délibération n° 2023-045 » -> « 2023-045 », « D-2023-045 » stays whole)."""
    found = []
    for pattern in REGISTER_NUMEROS:
        for m in pattern.finditer(heading):
            num = " ".join(m.group("num").split()).strip(" .-_/")
            if num and not _DATE_LIKE.fullmatch(num.replace(" ", "")) and not CITED_AFTER.match(heading, m.end()):
                found.append((m.start(), num))
                break
    return min(found)[1] if found else None


def _heading(text: str, seg: Segment) -> str:
    """The item's heading: its title line(s) and what stands under them before the exposé."""
    start = seg.char_start
    head = text[start:max(seg.heading_end or start, start) + HEADING_REACH]
    stop = _HEADING_END.search(head, 1)
    head = head[:stop.start()] if stop else head
    # the title's line(s) and two more: further down is the exposé
    title_end = max(0, (seg.heading_end or start) - start)
    lines = head[title_end:].split("\n")
    return head[:title_end] + "\n".join(lines[:3])


def ocr_digits(number: str) -> str:
    """A register number with OCR's letters for digits read back: « 2018.04.09 - I » ->
    « 2018.04.09 - 1 », « 20'l8.04.09- 10 » -> « 2018.04.09- 10 » (a code's letters stay: « DL-055 »)."""
    if len(re.findall(r"\d", number)) < 4:
        return number
    number = re.sub(r"(?<=\d)['’](?=[\dlI])", "", number)
    number = re.sub(r"(?<![A-Za-z])[lI](?![A-Za-z])", "1", number)
    return re.sub(r"(?<=\d)O|O(?=\d)", "0", number)


def _numero(text: str, seg: Segment, own: str | None) -> str | None:
    """The deliberation's register number: the segment's own number unless it is only an
    agenda number, else one printed in the heading (or the extract's header)."""
    number = seg.number
    heading = _heading(text, seg)
    if number and AGENDA_NUMBER.fullmatch(number):
        # « Délibération n° 12 », « N° 12 – », but not « Point n° 2 », « QUESTION N° 5 »
        # (« Décision modificative n° 3 » in the title is the budget's number, not the register's)
        said = re.search(rf"(?:d[ée]lib[ée]ration[ \t]*(?:n[°o]\.?|num[ée]ro)?|^[ \t*#>]*n[°o])"
                         rf"[ \t]*:?[ \t]*{re.escape(number)}\b", heading, re.I | re.M)
        if not said:
            number = None
    if number:
        return ocr_digits(number)
    return printed_numero(heading) or (printed_numero(_before_expose(own)) if own else None)


def _before_expose(header: str) -> str:
    """The extract's header before its exposé (« Vu … », « Le Président rappelle … »): a long
    list of members may put its number 2,000 characters down."""
    stop = re.search(r"^[ \t]*(?:vu\b|consid[ée]rant|apr[èe]s\s+en\s+avoir|(?:monsieur\s+)?l[ea]\s+(?:maire|pr[ée]sidente?)\s+"
                     r"(?:rappelle|expose|pr[ée]sente|propose|informe))", header, re.I | re.M)
    return header[:stop.start()] if stop else header[:HEADER_LENGTH]


_NUMERO_PREFIX = re.compile(r"^\s*d[ée]lib[ée]ration\s+(?:n[°o]|num[ée]ro)\s*[\w/.\-]*\d[\w/.\-]*\s*[-–—:]\s*", re.I)
# « Action sociale : adhésion au CNAS (délibération n° 42/2018) »: the number after the title
_NUMERO_SUFFIX = re.compile(r"\s*\((?:d[ée]lib[ée]ration\s+)?(?:n[°o]|num[ée]ro)\s*[\w/.\-]*\d[\w/.\-]*\s*\)\s*$", re.I)


def extract_deliberation(doc: Document, seg: Segment, dates: list[Mention], ex: Extraction,
                         facts: DocumentFacts | None = None) -> Deliberation:
    """The row of deliberation `seg`. Deliberations of one document are extracted in
    text order (`ex.deliberations` holds the ones before), so what minutes state once
    — the session's date and attendance, a rubric over several items — carries over.
    `facts`: what the document's deliberations share (`document_facts`), read here when not given."""
    facts = facts or document_facts(doc, [seg], dates)
    text = doc.text
    span = text[seg.char_start:seg.char_end]
    previous = ex.deliberations[-1] if ex.deliberations else None
    in_session = previous is not None or ex.doc_type == "proces_verbal"
    f = DeliberationFields(numero=_numero(text, seg, None), point=seg.number, page_start=seg.page_start,
                           char_start=seg.char_start, char_end=seg.char_end)
    acte = best_actes_id(span)
    # the number the préfecture's stamp holds, in its own spelling (« DEL2022_02_07 »): the
    # numero only when none is printed (« N° 2022.02.07 »)
    stamped_numero = numero_from_internal(acte.numero_interne, acte.decision_date) if acte else None
    if acte:
        f.acte_id = acte.value
    header = extract_header(text, seg, previous, f.numero or stamped_numero)
    is_extract = header[1] > header[0]
    # the extract's own header (it may lie before the span, and the span hold the next one's)
    own = text[header[0]:header[1]] if is_extract else span
    lo, hi = min(header[0], seg.char_start), max(header[1], seg.char_end)
    objet, theme = find_objet(own)
    if is_extract:
        # a register extract states its own objet in its header; the segmenter's title-like
        # line may be the préfecture's stamp that opens the extract in a recueil
        f.objet = objet or objet_before_reporter(own) or seg.title or objet_before_reporter(span) \
            or objet_after_number(own)
    else:
        f.objet = seg.title or objet or objet_before_reporter(span) or objet_after_number(own)
    if f.objet:  # « Délibération n° 2019-08 : Subvention… »: the number is the numero's
        f.objet = _NUMERO_SUFFIX.sub("", _NUMERO_PREFIX.sub("", f.objet)) or f.objet
    if f.numero is None and is_extract:
        f.numero = printed_numero(_before_expose(own))
    f.numero = f.numero or stamped_numero
    f.theme = theme or (_rubric(text, seg, previous) if in_session and not is_extract else None)
    if m := REGISTER_NUMBER.search(own[:3000]):
        f.numero = seg.number or f"{m.group('year')}/{m.group('num')}"
    if matiere := find_matiere(own) or find_matiere(span):
        f.matiere_code, f.matiere_nom = matiere
        f.matiere_source, f.matiere_confidence = "printed", 1.0
    elif guess := classify_objet(f.objet or "", f.theme or ""):
        f.matiere_code, f.matiere_nom = guess.code, guess.nom
        f.matiere_source, f.matiere_confidence = "inferred", guess.confidence
    session = session_date(text, dates)
    f.seance_date = _session_heading_before(facts.session_headings, max(seg.heading_end or 0, seg.char_start)) \
        or _seance_date(dates, session, lo, hi, acte, in_session, header if is_extract else None)
    f.transmission_date, f.reception_date = (  # the stamp on the span, else beside its header
        _stamp_date(text, dates, role, seg.char_start, seg.char_end) or _stamp_date(text, dates, role, lo, hi)
        for role in ("transmission", "reception"))
    f.collectivite, f.instance, f.president = _who(doc, seg, ex, header, facts)

    vote = find_vote(span)
    if vote is not None and not _only_taken_note(span, vote):
        for name in VOTE_FIELDS:
            setattr(f, name, getattr(vote, name))
    if f.resultat is None and not (vote and vote.blank_form) and decided_without_rejection(span):
        f.resultat = "adopte"

    delib = Deliberation(deliberation_id=f"{doc.doc_id}-delib-{seg.char_start}", segment_id=seg.segment_id,
                         char_start=seg.char_start, char_end=seg.char_end, fields=f)
    # an extract's attendance is in its header, which may lie before the span
    # a member who comes or goes inside the item, before its vote, votes on it or does not
    voted_at = seg.char_start + vote.char_start if vote is not None and vote.char_end > vote.char_start else seg.char_start
    where, own = _own_attendance(text, seg, lo, hi, is_extract, voted_at)
    counts, people = _attendance_in_force(facts, doc.doc_id, text, seg, where, own, ex.deliberations, in_session, voted_at)
    follows_moves = counts.pop(_FOLLOWS_MOVES, False)
    f.counted_from_names = counts.pop(COUNTED_FROM_NAMES, False)
    for name in COUNT_KEYS:
        if counts.get(name) is not None:
            setattr(f, name, counts[name])
    returned = previous.fields.unrecorded_returns if follows_moves and previous is not None else 0
    _add_present(f, returned)
    if vote is not None and vote.others_for:
        f.pour = _others_for(f)
    returned += _balance_with_tally(f)
    if follows_moves:
        f.unrecorded_returns = returned
    _without_non_participants(f)
    _none_missing_when_all_counted(f)
    _missing_as_named(f, people)
    delib.attendance = [{k: v for k, v in p.items() if not k.startswith("_")} for p in people]
    _holder_by_title(delib.attendance, f.president)
    return delib


def _own_attendance(text: str, seg: Segment, lo: int, hi: int, is_extract: bool,
                    voted_at: int) -> tuple[str, Attendance | None]:
    """Where a deliberation's own attendance is printed, and what is read there: its span, or an
    extract's header, which may lie before its span — but counts printed in the span before its vote
    (« Délibération n° 2021-39 / 1.2. Title / Nombre de Membres présents : 32 … / Votes Pour : 37 »)
    are its own, when what lies before names nobody (the counts of the item before, not a header
    with its lists of members). After the vote come the next extract's."""
    where = text[lo:hi] if is_extract else text[seg.char_start:seg.char_end]
    if is_extract and lo < seg.char_start:
        before_vote = text[seg.char_start:voted_at]
        if (own := find_attendance(before_vote)) is not None and _is_full_block(own):
            before = find_attendance(text[lo:seg.char_start])
            if before is None or not before.people:
                return before_vote, own
    return where, find_attendance(where)


def _none_missing_when_all_counted(f: DeliberationFields) -> None:
    """Présents and représentés (and the excusés or absents printed) that make up the members in
    office: nobody is left to be excusé or absent — zero, not unknown."""
    if f.en_exercice is None or f.presents is None:
        return
    counted = f.presents + (f.representes or 0) + (f.excuses or 0) + (f.absents or 0)
    if counted == f.en_exercice:
        for name in ("representes", "excuses", "absents"):
            if getattr(f, name) is None:
                setattr(f, name, 0)


def _missing_as_named(f: DeliberationFields, people: list[dict]) -> None:
    """The members in office that présents and représentés leave uncounted are the excusés and the
    absents. When the lists name just that many excusés and absents, those are all: « Absent : Erwan
    LE DOUARIN » under 30 in office, 26 présents and 3 pouvoirs is one absent and no excusé — even
    where the list of présents is not read whole."""
    if f.excuses is None and f.absents is None and (named := _named_missing(f.en_exercice, f.presents, f.representes, people)):
        f.excuses, f.absents = named


def _named_missing(en_exercice: int | None, presents: int | None, representes: int | None,
                   people: list[dict]) -> tuple[int, int] | None:
    """(excusés, absents) named in the lists, when they are just the members in office that the
    présents and représentés leave uncounted; else None."""
    if None in (en_exercice, presents, representes):
        return None
    named = Counter(p["status"] for p in people)
    missing = en_exercice - presents - representes
    if missing > 0 and named["excuse"] + named["absent"] == missing:
        return named["excuse"], named["absent"]
    return None


# A proxy given to the chair by title: « donne pouvoir à M. le Maire », « à Madame la Présidente »
_CHAIR_BY_TITLE = re.compile(r"^(?:(?:m|mme|monsieur|madame)\.?\s+)?(?:le|la)\s+(?:maire|president|presidente)$")


def _holder_by_title(people: list[dict], president: str | None) -> None:
    """« Mme DENIS donne pouvoir à M. le Maire »: the holder is the person who chairs, named."""
    if president is None:
        return
    for person in people:
        if person.get("mandataire") and _names_the_chair(person["mandataire"]):
            person["mandataire"] = president


def _names_the_chair(name: str) -> bool:
    """« M. le Maire », « Madame la Présidente »: the chair, by title."""
    return _CHAIR_BY_TITLE.match(fold(name).strip(" .")) is not None


_FOLLOWS_MOVES = "_follows_moves"  # the counts are the session's, followed over its arrivals and departures
COUNTED_FROM_NAMES = "_counted_from_names"  # no figures printed: the counts are the named lists'


def _add_present(f: DeliberationFields, n: int) -> None:
    if n and f.presents is not None:
        f.presents += n
        if f.votants is not None:
            f.votants += n


def _votes_cast(f: DeliberationFields) -> int:
    """pour + contre + abstentions, those not printed as none (« pour » known)."""
    return f.pour + (f.contre or 0) + (f.abstentions or 0)


def _balance_with_tally(f: DeliberationFields) -> int:
    """A tally counting more votes than the votants in force means members came back
    without the minutes saying so (« Pour : 60 » when 57 were counted): the tally, which
    the assembly counted, wins; the members back are présents — how many, returned."""
    if f.pour is None or f.votants is None or f.presents is None:
        return 0
    counted = _votes_cast(f)
    if counted <= f.votants:
        return 0
    back = counted - f.votants
    _add_present(f, back)
    return back


def _without_non_participants(f: DeliberationFields) -> None:
    """« Vote : 26 bulletins / 3 ne participent pas », « M. X ne prend pas part au vote »: the
    votants are the members present or represented who took part, so the members who did not
    come off the full house in force — unless the tally already counts them (it holds more
    votes than the others could cast)."""
    npp, votants = f.ne_prend_pas_part, f.votants
    if not npp or None in (votants, f.presents, f.representes) or votants != f.presents + f.representes:
        return
    if f.pour is not None and _votes_cast(f) + npp > votants:
        return
    f.votants = votants - npp


def _others_for(f: DeliberationFields) -> int | None:
    """« Adopté, sauf par M. X qui s'abstient »: the votants not named voted for — a count
    only the attendance knows."""
    if f.pour is not None or f.votants is None:
        return f.pour
    named = (f.contre or 0) + (f.abstentions or 0) + (f.ne_prend_pas_part or 0)
    return f.votants - named if f.votants >= named else None


# --- Who deliberates: collectivité, instance, président -------------------------------------

# A register extract's own header: « EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS », « DELIBERATION DU
# CONSEIL MUNICIPAL », « Délibération n° du 15 février 2018 ».
REGISTER_HEADER = re.compile(r"extrait\s+du\s+registre|registre\s+des\s+d[ée]lib[ée]rations"
                             # a heading opens its line with a capital (« … par\ndélibération du Conseil » is prose)
                             r"|^[ \t]*(?-i:D)[ée]lib[ée]ration\s+(?:du\s+conseil|n[°o])", re.I | re.M)
# The closing formula of an extract: what follows it belongs to the next one.
EXTRACT_END = re.compile(r"pour\s+extrait\s+conforme|fait\s+et\s+d[ée]lib[ée]r[ée]", re.I)
HEADER_LOOKBACK = 6000
HEADER_LATE = 1500  # how far into the span its header may start (after a stamp)
HEADER_LENGTH = 3000


def extract_header(text: str, seg: Segment, previous: Deliberation | None, numero: str | None = None) -> tuple[int, int]:
    """[start, end) of the register header of the extract `seg` is, or an empty range.

    In a recueil of OCR'd extracts the header (number, « DELIBERATION DU CONSEIL
    MUNICIPAL », séance, présidence, « OBJET : ») may lie before the ACTES stamp the
    extract was split at, or the split may fall just before the next extract's header.
    So the header printed under the extract's own number (« 25-10/094 » for
    DEL-25-10-094) is taken first; else the one after the previous extract's closing
    formula."""
    own = _numbered_header(text, seg, numero)
    if own is not None:
        return own, min(len(text), own + HEADER_LENGTH)
    lo = max(0, seg.char_start - HEADER_LOOKBACK, previous.char_start if previous else 0)
    closing = [m.end() for m in EXTRACT_END.finditer(text, lo, seg.char_start)]
    lo = closing[-1] if closing else lo
    # the header opens the extract: one further down the span is an annexed older extract
    m = REGISTER_HEADER.search(text, lo, min(seg.char_end, seg.char_start + HEADER_LATE))
    if m is not None and previous is not None and m.start() <= previous.char_start:
        # the previous extract's own « Délibération n° … » line; this one's « EXTRAIT DU REGISTRE »
        # may open before its number, in the previous one's span
        m = REGISTER_HEADER.search(text, m.end(), seg.char_start) or m
    if m is None:
        return seg.char_start, seg.char_start
    start = min(m.start(), seg.char_start)
    return start, min(seg.char_end, max(seg.char_start, m.start()) + HEADER_LENGTH)


def _numbered_header(text: str, seg: Segment, numero: str | None) -> int | None:
    """Start of the line « 25-10/094 » (OCR: « 2 5- 10 / 094 ») that heads a register
    header, nearest to the extract's start."""
    parts = re.split(r"[-/_.]", numero or "")
    if len(parts) < 2 or not all(p.isdigit() for p in parts):
        return None
    spaced = [r"[ \t]?".join(p) for p in parts]
    line = re.compile(r"^[ \t#]*" + r"[ \t]*[-/.][ \t]*".join(spaced) + r"[ \t]*$", re.M)
    lo, hi = max(0, seg.char_start - HEADER_LOOKBACK), min(len(text), seg.char_end)
    best = None
    for m in line.finditer(text, lo, hi):
        if REGISTER_HEADER.search(text, m.end(), m.end() + 300):
            if best is None or abs(m.start() - seg.char_start) < abs(best - seg.char_start):
                best = m.start()
    return best


INSTANCE = re.compile(r"\bconseil(?:lers)?\s+(?P<kind>municip|communautaire|d[ée]partemental|r[ée]gional|"
                      r"m[ée]tropolitain|de\s+territoire|d['’]administration|syndical)", re.I)
INSTANCE_NAMES = {"municip": "conseil municipal", "communautaire": "conseil communautaire",
                  "departemental": "conseil départemental", "regional": "conseil régional",
                  "metropolitain": "conseil métropolitain", "syndical": "comité syndical"}


def find_instance(text: str) -> str | None:
    """« conseil municipal », « conseil communautaire »… of the first assembly `text` names."""
    m = INSTANCE.search(text)
    if not m:
        return None
    kind = fold(m.group("kind")).replace("’", "'")
    return INSTANCE_NAMES.get(kind, "conseil " + " ".join(kind.split()))


_TITLE = r"(?:(?:M(?:onsieur|adame|me\.?|\.)?|Docteur|Dr\.?|Ma[îi]tre|Pr\.)\s+)?"  # « Mme. » too
_NAME = r"(?P<name>[A-ZÉÈ][\w'’\-]*(?:[ \t]+(?:de[ \t]+|d['’]|le[ \t]+|LE[ \t]+)?[A-ZÉÈ][\w'’\-]*){0,3})"
# « sous la présidence de Monsieur Philippe BOUYSSOU, Maire », « sous la présidence de Madame
# le Maire, Hélène Mandroux », « sous la présidence du Docteur Xavier POLI, Maire »,
# « sous la présidence \n\n2g de Monsieur David NICOLAS » (OCR noise before « de »), « sous la
# \ndélibérations du Conseil présidence de » (two columns read across).
PRESIDENT = re.compile(
    r"(?i:sous\s+la[ \t]*(?:\n[^\n]{0,40}[ \t]|\s+)pr[ée]sidence\s+(?:\S{1,3}\s+)?(?:de|du|d['’])\s+"
    r"|s[ée]ance\s+pr[ée]sid[ée]e\s+par\s+)" + _TITLE
    + r"(?:(?i:le|la)\s+(?i:maire|pr[ée]sidente?)\s*,?\s*)?" + _NAME)
# « Madame Danielle MAREC prend la présidence. »; « … faite … par Yves Nicolin, Président. »
TAKES_CHAIR = re.compile(r"(?:(?<![\w'’\-])|(?<=(?<![\w'’\-])[A-Za-z]['’]))" + _TITLE + _NAME.replace("]*", "]*+") + r"[ \t]+(?:prend|reprend)\s+la\s+pr[ée]sidence")  # starts at a word: linear
NAMED_HEAD = re.compile(r"\bpar[ \t]+" + _TITLE + _NAME + r",[ \t]*Pr[ée]sidente?\b")
# Titles printed after the name: « Dominique GOSSET Maire », « Guénhaël HUET, Député-Maire ».
TRAILING_TITLE = re.compile(r"(?:[ \t,]+(?:Maire|Pr[ée]sidente?|D[ée]put[ée]-Maire|Adjointe?|Le|LE|de|d['’]))+$")


# The body that met, named before « sous la présidence »: only a council's chair counts
# (« la Commission Permanente, convoquée le …, s'est réunie sous la présidence de … » does not).
ASSEMBLY_BEFORE = re.compile(r"\b(?:conseil|commission|bureau|comit[ée])\b", re.I)


def find_president(text: str) -> str | None:
    """Who chairs the council, as the text names them (title and office left out), or
    None when it says only « le Maire »."""
    for regex in (PRESIDENT, NAMED_HEAD):
        for m in regex.finditer(text):
            if regex is PRESIDENT and not _council_meets(text, m.start()):
                continue
            name = TRAILING_TITLE.sub("", m.group("name")).strip()
            if name and name.lower() not in ("maire", "le maire", "président", "présidente"):
                return name
    return None


def _council_meets(text: str, pos: int) -> bool:
    bodies = ASSEMBLY_BEFORE.findall(text, max(0, pos - 300), pos)
    return bool(bodies) and bodies[-1].lower() == "conseil"


@dataclass
class _Who:
    collectivite: str | None
    instance: str | None
    president: str | None


@dataclass
class DocumentFacts:
    """What every deliberation of one document shares, read once per document by
    `document_facts` and handed to each `extract_deliberation`: no module cache, so a
    result depends on its document only, never on the one processed before."""

    who: _Who  # collectivité, instance and président the document states at its top
    chair_takeovers: tuple[tuple[int, str], ...]  # (end, name) of each « X prend la présidence »
    # The session's attendance, read at the first deliberation (by where it starts) and
    # carried, with its arrivals and departures, from one deliberation to the next.
    sessions: dict[int, _Session | None] = field(default_factory=dict)
    # (offset, date) of each session heading of a recueil of several sessions (`session_headings`)
    session_headings: tuple[tuple[int, str], ...] = ()


def document_facts(doc: Document, segments: list[Segment], dates: list[Mention] | None = None) -> DocumentFacts:
    first = next((s.char_start for s in segments if s.kind == "deliberation"), 0)
    head = doc.text[:max(first, 3000)]  # minutes state who meets once, before their first item
    return DocumentFacts(
        who=_identity(head, doc.text),
        # read once for all the deliberations (a search from the top for each one was quadratic)
        chair_takeovers=tuple((m.end(), m.group("name")) for m in TAKES_CHAIR.finditer(doc.text)),
        session_headings=session_headings(doc.text, dates or []))


def _who(doc: Document, seg: Segment, ex: Extraction, header: tuple[int, int],
         facts: DocumentFacts) -> tuple[str | None, str | None, str | None]:
    """collectivite, instance, president of the deliberation: those of its own register
    header (an extract of a recueil, a deliberation page after a convention), else those
    the document states at its top (minutes state them once for every item)."""
    text = doc.text
    if header[1] > header[0]:
        own = _identity(text[header[0]:header[1]], text)
    elif ex.doc_type not in ("proces_verbal", "deliberation"):
        own = _identity(text[seg.char_start:seg.char_end], text)
    else:
        own = _Who(None, None, None)
    top = facts.who
    president = own.president or top.president
    # Someone else took the chair since the top of the minutes (« … prend la présidence »).
    for end, name in facts.chair_takeovers:
        if end <= seg.char_start:
            president = name
    return own.collectivite or top.collectivite, own.instance or top.instance, president


def _identity(head: str, text: str) -> _Who:
    instance = find_instance(head)
    name = find_issuer(head)
    if name is None and instance == "conseil départemental":
        name = find_departement(head) or find_departement(text)
    if name is None:
        name = most_stated_issuer(text) or most_named_commune(text, frozenset(councils_named(text)))
    return _Who(place_case(name, text) if name else None, instance, find_president(head))


# The council deciding, in the present of the register (« DÉCIDE », « approuve », « autorise
# le Maire », « émet un avis favorable », « est élu »): a deliberation that states no vote but
# decides, and refuses nothing, was adopted. (« approuver », « approuvant » are the exposé's.)
DECIDES = re.compile(
    r"\b(?:d[ée]cident|d[ée]cide|approuvent|approuve|autorisent|autorise|adoptent|adopte|acceptent|accepte"
    r"|valident|valide|fixent|fixe|sollicitent|sollicite|attribuent|attribue|d[ée]signent|d[ée]signe|[ée]lit"
    r"|[ée]met(?:tent)?\s+un\s+avis\s+favorable|donnen?t?\s+(?:son|leur)\s+accord"
    r"|(?:est|sont)\s+(?:proclam[ée]e?s?\s+)?[ée]lue?s?|ont\s+[ée]t[ée]\s+(?:proclam[ée]e?s?\s+)?[ée]lue?s?"
    r"|a\s+[ée]t[ée]\s+(?:proclam[ée]e?\s+)?[ée]lue?)\b", re.I)
REFUSES = re.compile(r"\b(?:refusent|refuse|rejettent|rejette|rejet[ée]e?s?|d[ée]sapprouvent|d[ée]sapprouve"
                     r"|avis\s+d[ée]favorable|n['’](?:approuve|accepte|adopte)\s+pas|non\s+adopt[ée]e?)\b", re.I)
_EXPOSE_LINE = re.compile(r"^[ \t\-–•*>]*(?:vu|consid[ée]rant|attendu|rappelant)\b[^\n]*", re.I | re.M)
_DELIBERATED = re.compile(r"apr[èe]s\s+(?:en\s+)?avoir\s+d[ée]lib[ée]r[ée]|apr[èe]s\s+d[ée]lib[ée]ration", re.I)


def decided_without_rejection(span: str) -> bool:
    """Does the deliberation decide something (read after « après en avoir délibéré » when it
    says so, the « Vu … » lines left out) without refusing or only taking note?"""
    marker = _DELIBERATED.search(span)
    part = _EXPOSE_LINE.sub(" ", span[marker.start():] if marker else span)
    if REFUSES.search(part) or not DECIDES.search(part):
        return False
    return not (TAKES_NOTE.search(part) and len(DECIDES.findall(part)) < 2)


# « Le Conseil communautaire : - prend acte du compte-rendu des pouvoirs délégués »:
# nothing was put to the vote (the « à l'unanimité » above it is the bureau's).
TAKES_NOTE = re.compile(r"\b(?:prend|prennent|prnnent|donne)\s+acte\b", re.I)


def _only_taken_note(span: str, vote) -> bool:
    note = None
    for note in TAKES_NOTE.finditer(span):
        pass
    return note is not None and note.start() > vote.char_end and vote.pour is None


def _rubric(text: str, seg: Segment, previous: Deliberation | None) -> str | None:
    """The rubric printed between the previous deliberation and this one (« IV.
    PERSONNEL », « Petite enfance »), else the previous one's: a rubric heads every
    item up to the next rubric."""
    lo = previous.char_end if previous is not None else max(0, seg.char_start - 300)
    for line in reversed(text[lo:seg.char_start].splitlines()):
        if title := rubric_title(line):
            return title
    return previous.fields.theme if previous is not None else None


# --- Attendance in force ----------------------------------------------------------------

# « Questions 1 et 2 : », « Question 3 à la fin : » then the counts printed for those items
# (OCR may split « e t »).
QUESTION_RANGE = re.compile(
    r"^[ \t]*questions?\s+(?:n\s*°\s*)?(?P<first>\d{1,3})"
    r"(?:\s*(?:e\s?t|à|a|au|-)\s*(?P<last>\d{1,3}|la\s+fin))?\s*:?[ \t]*$", re.M | re.I)


def printed_counts_by_item(text: str) -> list[tuple[int, float, dict, str]]:
    """(first item, last item, counts, block text) of each « Questions 1 et 2 : 29
    présents / 3 procurations 32 votants / 1 absent » block."""
    blocks = []
    matches = list(QUESTION_RANGE.finditer(text))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else min(len(text), m.end() + 400)
        counts: dict = {}
        block_end = m.end()
        for line in text[m.end():end].splitlines(keepends=True):
            pairs = count_pairs(line)
            if pairs:
                counts.update({key: value for key, value in pairs if key not in counts})
            elif line.strip() and counts:
                break
            block_end += len(line)
        if counts:
            last = m.group("last")
            if last is None:
                hi: float = int(m.group("first"))
            else:
                hi = int(last) if last.isdigit() else float("inf")  # « à la fin »
            blocks.append((int(m.group("first")), hi, counts, text[m.end():block_end]))
    return blocks


def _item_number(seg: Segment) -> int | None:
    return int(seg.number) if seg.number and seg.number.isdigit() else None


@dataclass
class _Session:
    """What minutes state once for the whole session: read once per document."""

    doc_id: str
    start: int  # where the first deliberation starts
    counts: dict
    people: list[dict]
    moves: list[tuple[int, str, str, str]]  # (offset, change, its sentence, folded names)
    printed: list[tuple[int, float, dict, str]]
    counted_from_names: bool = False  # no figures printed: the counts are the named lists'
    # the status the lists gave each member who arrives, by the arrival's offset (see apply_change)
    arrivals_listed_as: dict[int, str | None] = field(default_factory=dict)


def _session(facts: DocumentFacts, doc_id: str, text: str, start: int) -> _Session | None:
    if start not in facts.sessions:
        facts.sessions[start] = _read_session(doc_id, text, start, facts.who.president)
    return facts.sessions[start]


def _read_session(doc_id: str, text: str, start: int, president: str | None = None) -> _Session | None:
    header = text[:start]
    found = find_attendance(header[-20000:]) if header.strip() else None
    if found is None:
        return None
    moves = []
    for offset, change in attendance_changes(text[start:]):
        pos = start + offset
        # the sentence of the move (« … sort de séance et donne sa procuration à M. Lévita. »);
        # « M. » is no full stop
        end = re.search(r"[^\W\d]{2}\.(?:\s|$)", text[pos:pos + 300])
        who = change.partition(" : ")[2]
        moves.append((pos, change, text[pos:pos + (end.end() if end else 300)], fold(re.sub(r"\([^)]*\)?", " ", who))))
    people = [dict(p) for p in found.people]
    _with_chair(people, president)
    _holders_from_moves(people, text[start:])
    counts = _with_list_counts(found, people, header[-20000:], moves)
    _without_latecomers(counts, people, moves)
    from_names = any(counts[k] is not None and found.counts[k] is None for k in COUNT_KEYS)
    listed_as = {pos: next((p["status"] for p in people if _named_in(p, folded_who)), None)
                 for pos, change, _, folded_who in moves if change.startswith("arrivée")}
    return _Session(doc_id, start, counts, people, moves, printed_counts_by_item(header), from_names, listed_as)


def _without_latecomers(counts: dict, people: list[dict], moves: list[tuple[int, str, str, str]]) -> None:
    """« Membres présents : 13 » over a list of thirteen naming « FRITSCH Laurent (20 h 40) », then
    « M. FRITSCH Laurent rejoint la séance à 20 h 40 »: the count and the list are of everyone who
    sat at some time, and who comes later was not there at the opening, which the moves start from.
    (One who left and comes back is no latecomer.)"""
    present = [p for p in people if p["status"] == "present"]
    if not present or counts.get("presents") != len(present):
        return
    gone, late = [], 0
    for _, change, _, folded_who in moves:
        if change.startswith("départ"):
            gone.append(folded_who)
        elif not any(_same_members(folded_who, who) for who in gone):
            late += sum(_named_in(p, folded_who) for p in present)
    for key in ("presents", "votants"):
        if counts.get(key) is not None:
            counts[key] = max(0, counts[key] - late)


def _same_members(folded_who: str, other: str) -> bool:
    """Do two moves name someone in common (folded; « M. », « Monsieur » and short words aside)?"""
    return bool(_name_words(folded_who) & _name_words(other))


def _name_words(folded_who: str) -> set[str]:
    return {w for w in re.findall(r"[\w-]{3,}", folded_who) if not _CIVILITE_WORD.fullmatch(w) and w not in ("les", "des")}


_CIVILITE_WORD = re.compile(CIVILITE, re.I)


def _with_chair(people: list[dict], president: str | None) -> None:
    """« Sous la présidence de M. Pierre GSELL, Maire » then « Présents : MM. Bernard ANDRES, … »:
    the chair sits, also when the list of présents names only the others; « Présents : M. le
    Maire, M. DUPASQUIER, … » names the chair by title."""
    if not president:
        return
    for person in people:
        if _names_the_chair(person["person"]):
            person["person"] = president
    if not any(p["status"] == "present" for p in people):
        return
    family = fold(president).split()[-1]
    if any(family in fold(p["person"]).split() for p in people):
        return
    people.insert(0, {"person": president, "civilite": None, "qualite": None, "status": "present", "mandataire": None})


def _attendance_in_force(facts: DocumentFacts, doc_id: str, text: str, seg: Segment, span: str,
                         own: Attendance | None, before: list[Deliberation], in_session: bool,
                         voted_at: int) -> tuple[dict, list[dict]]:
    """Counts and people in force for this deliberation: its own attendance block `own`, read in
    `span` (a register extract), else the session's block at the top of the minutes, updated by
    the arrivals and departures printed since, or by counts printed for its item."""
    start = before[0].char_start if before else seg.char_start
    session = _session(facts, doc_id, text, start) if in_session else None
    if own is not None and (not in_session or _is_full_block(own)):
        counts = _with_list_counts(own, own.people, span, [])
        people = [dict(p) for p in own.people]
        if session is not None:
            _complete_from_session(counts, _session_counts_at(session, seg, voted_at))
            if not people:  # « Nombre de Membres présents : 33 » under each item: who sat is the session's lists
                people = [dict(p) for p in session.people]
        return counts, people
    if session is None:
        session = _session(facts, doc_id, text, start)
    if session is None:
        return ({}, []) if own is None else (dict(own.counts), [dict(p) for p in own.people])
    counts, people = dict(session.counts), [dict(p) for p in session.people]
    if session.counted_from_names:
        counts[COUNTED_FROM_NAMES] = True
    number = _item_number(seg)
    for first, last, printed, block in session.printed:
        if number is not None and first <= number <= last:
            # Lannion prints the counts of each range of items: they are what is in force.
            counts = {k: printed.get(k) for k in COUNT_KEYS} | {"en_exercice": counts.get("en_exercice")}
            for _, change in attendance_changes(block):
                _move_people(people, change, "", fold(change))
            return counts, people
    # The people are those of the printed lists (who sat, who was represented); the
    # counts follow the arrivals and departures printed since.
    counts |= _session_counts_at(session, seg, voted_at)
    if CHAIR_AWAY.search(span):
        _chair_away(counts)
    # « Votants : 26 – Pour : 22 » under the item is what held for it (the last one: the span may
    # open on the tally of the item before)
    if printed := ITEM_VOTANTS.findall(span):
        _with_printed_votants(counts, int(printed[-1]))
    counts[_FOLLOWS_MOVES] = True
    return counts, people


def _with_printed_votants(counts: dict, votants: int) -> None:
    """More votants printed than followed over the moves: members came back (« Monsieur le Président
    quitte la salle » for the compte administratif, then « Votants : 28 » again), présents as well."""
    if None not in (counts.get("votants"), counts.get("presents")) and votants > counts["votants"]:
        counts["presents"] += votants - counts["votants"]
    counts["votants"] = votants


ITEM_VOTANTS = re.compile(r"\b(?:Nombre\s+de\s+)?[Vv]otants\s*:\s*(\d{1,3})\b")


def _session_counts_at(session: _Session, seg: Segment, voted_at: int) -> dict:
    """The session's counts for item `seg`, followed over the arrivals and departures printed
    before its vote (a member who comes or goes inside the item, before the vote, votes on it or
    does not) — but a member who left the room for an earlier item only is back (see
    FOR_ITS_ITEM), and the return printed for it, if any, changes nothing."""
    counts = dict(session.counts)
    back: list[str] = []  # who left for an earlier item only
    for pos, change, sentence, folded_who in session.moves:
        if pos >= max(seg.char_start, voted_at):
            break
        if change.startswith("départ") and pos < seg.char_start and _for_its_item(sentence):
            back.append(folded_who)
            continue
        if change.startswith("arrivée") and any(_same_members(folded_who, who) for who in back):
            continue
        apply_change(counts, change, sentence, session.arrivals_listed_as.get(pos))
    return counts


# A member who leaves and « ne prend pas part au vote », « pour l'examen et le vote de la
# délibération », « pendant le vote », is out for that item only: a member with an interest in the
# matter. (« quitte la salle » alone is not enough: measured, minutes that say no more mean it for good
# as often as not, the maire's leaving for the compte administratif too.)
FOR_ITS_ITEM = re.compile(r"\bne\s+(?:prend|prennent)\s+(?:pas\s+|ni\s+)?part|\bpour\s+l['’]examen"
                          r"|\b(?:pendant|durant|au\s+moment\s+d[eu]|le\s+temps\s+d[eu])\s+(?:du\s+|ce\s+)?vote"
                          r"|\bpour\s+(?:ce|le\s+vote\s+de\s+ce)\s+(?:point|dossier)", re.I)
# … unless it says when (« quitte la séance à 22 h 15 »), gives a proxy, or is for the rest of the
# session (« ne prend pas part aux votes suivants »)
_FOR_GOOD = re.compile(r"\b\d{1,2}\s*h|\bpouvoir|\bprocuration|\bsuivant|\brestant|\bderni[eè]r|\bd[ée]finitivement", re.I)


def _for_its_item(sentence: str) -> bool:
    return FOR_ITS_ITEM.search(sentence) is not None and _FOR_GOOD.search(sentence) is None


def _complete_from_session(counts: dict, session: dict) -> None:
    """« Présents : 38 – Votants : 42 » printed under an item: the members in office are the
    session's, and so are its proxies when they make up the votants printed — or when no votants
    are printed (« Nombre de Membres présents : 33 Nombre de suffrages exprimés : 37 »)."""
    if counts.get("en_exercice") is None:
        counts["en_exercice"] = session.get("en_exercice")
    _proxies_from_session(counts, session)
    _missing_from_session(counts, session)


def _proxies_from_session(counts: dict, session: dict) -> None:
    presents, votants, proxies = counts.get("presents"), counts.get("votants"), session.get("representes")
    if counts.get("representes") is not None or None in (presents, proxies):
        return
    if votants is None:
        counts["representes"], counts["votants"] = proxies, presents + proxies
    elif presents + proxies == votants:
        counts["representes"] = proxies


def _missing_from_session(counts: dict, session: dict) -> None:
    """The session's excusés and absents, for an item that prints présents and votants only, when
    they make up the members in office with the item's présents and représentés."""
    if counts.get("excuses") is not None or counts.get("absents") is not None:
        return
    parts = [counts.get(k) for k in ("presents", "representes")] + [session.get(k) for k in ("excuses", "absents")]
    if None not in parts and counts.get("en_exercice") == sum(parts):
        counts["excuses"], counts["absents"] = session["excuses"], session["absents"]


# « DECISION : En l'absence de Monsieur le Maire, le Conseil Municipal accepte… » (the vote of
# the compte administratif): the maire is out for this item only.
# So is « Monsieur le Maire s'étant retiré, Madame MALARD demande au Conseil de voter le compte
# administratif », « le Président ayant quitté la salle ».
CHAIR_AWAY = re.compile(r"\ben\s+l['’]absence\s+d[eu]\s+(?:(?:Monsieur|Madame|M\.|Mme)\s+)?(?:le\s+|la\s+)?(?:Maire|Pr[ée]sidente?)\b"
                        r"|\b(?:le|la)\s+(?:Maire|Pr[ée]sidente?)\s+(?:s['’][ée]tant\s+retir[ée]e?|ayant\s+quitt[ée]\s+la\s+(?:salle|s[ée]ance))",
                        re.I)


def _chair_away(counts: dict) -> None:
    for key in ("presents", "votants"):
        if counts.get(key):
            counts[key] -= 1


PROXY_REACH = 200  # how far after the lists (a quarter of it before) a proxy they failed to read may be mentioned


def _with_list_counts(found, people: list[dict], text: str, moves: list) -> dict:
    counts = _printed_and_listed_counts(found, people, text, moves)
    _counts_by_difference(counts)
    # figures that count otherwise than the lists (« présents : 22 » over 23 names, a suppléant
    # named beside the titulaire he sits for) leave the excusés and absents unread: the lists'
    # are right when they balance the figures
    if counts.get("excuses") is None and counts.get("absents") is None and (
            named := _named_missing(counts.get("en_exercice"), counts.get("presents"), counts.get("representes"), people)):
        counts["excuses"], counts["absents"] = named
    return counts


def _counts_by_difference(counts: dict) -> None:
    """« présents : 25 – votants : 28 » and no count of proxies printed nor read off the lists:
    the three votants who did not sit were represented; « représentés : 2 – votants : 24 » and no
    présents: the other 22 sat."""
    presents, votants = counts.get("presents"), counts.get("votants")
    if counts.get("representes") is None and None not in (presents, votants) and votants >= presents:
        counts["representes"] = votants - presents
    proxies = counts.get("representes")
    if presents is None and None not in (proxies, votants) and votants >= proxies:
        counts["presents"] = votants - proxies


def _printed_and_listed_counts(found, people: list[dict], text: str, moves: list) -> dict:
    """The printed counts, the missing ones read off the named lists (présents = names listed
    present, …, en exercice = all names) — when the lists are whole: a list of présents, the
    proxies read if any are mentioned (a table « Absents / Suppléant / Pouvoir donné à… » read
    as text is not), and every printed count agreeing with its list."""
    counts = {k: found.counts.get(k) for k in COUNT_KEYS}
    statuses = {p["status"] for p in people}
    # proxies mentioned beside the lists (`text` is the one the attendance was read in), not
    # « Délégation de pouvoirs au Maire » in the agenda
    near = text[max(0, found.char_start - PROXY_REACH // 4):found.char_end + PROXY_REACH]
    proxies_read = "represente" in statuses or not re.search(r"pouvoir|procuration", near, re.I)
    if "present" not in statuses:
        return counts
    listed = counts_from_lists(people, moves)
    late = listed.pop("_late", 0)
    if not proxies_read:
        # proxies told in a way not read (« M. le Maire fait connaître les procurations reçues :
        # … »): who sat is still the list of présents, the rest is unknown
        if counts["presents"] is None:
            counts["presents"] = listed["presents"]
        return counts
    for key, value in counts.items():
        if value is None or key == "votants":
            continue
        if key == "en_exercice":
            # more members in office than named: the absent ones no list names; fewer: suppléants
            # sit for excused titulaires, both named — the lists are whole all the same
            continue
        if value not in (listed[key], listed[key] + (late if key == "presents" else 0)):
            return counts  # the figures count otherwise than the lists: keep the figures only
    # a category no list names stays unknown: minutes that print no « Excusés » nor « Absents »
    # say nothing of them (a list printed empty, « Absents : néant », says zero)
    printed_lists = set(getattr(found, "listed", set())) | statuses
    if counts["en_exercice"] is not None and counts["en_exercice"] == listed["en_exercice"]:
        printed_lists |= {"excuse", "absent"}  # every member in office is named: nobody else is missing
    for key, status in (("en_exercice", None), ("presents", "present"), ("representes", None),
                        ("excuses", "excuse"), ("absents", "absent")):
        if counts[key] is None and (status is None or status in printed_lists):
            counts[key] = listed[key]
    if counts["votants"] is None:
        counts["votants"] = counts["presents"] + counts["representes"]
    return counts


# « M. Passet avec sa procuration (H. Martin) », « M. Passet et M. Subra avec leurs procurations
# (H. Martin et M. Morales) », « M. Fleurence (avec la procuration de Mme Souche) ».
_HOLDER_WITH_PROXY = re.compile(
    r"(?P<holders>(?:(?:M|Mme|MM|Mmes)\.?\s+)?[A-ZÀ-Ý][\w'’-]+(?:\s+et\s+(?:(?:M|Mme)\.?\s+)?[A-ZÀ-Ý][\w'’-]+)?)\s*"
    r"(?:\(\s*)?avec\s+(?:sa|leurs?|la)\s+procurations?\s*(?:\(|de\s+)(?P<givers>[^)\n]{2,80})")


def _holders_from_moves(people: list[dict], text: str) -> None:
    """Who holds the proxy of a member listed as represented without a holder, as the
    minutes tell it later when the holder moves with it."""
    for m in _HOLDER_WITH_PROXY.finditer(text):
        holders = re.split(r"\s+et\s+", m.group("holders"))
        givers = re.split(r"\s+et\s+|,", m.group("givers"))
        if len(holders) != len(givers):
            continue
        for holder, giver in zip(holders, givers):
            folded_giver = fold(re.sub(r"\b[A-Z]\.", " ", giver))
            named = [p for p in people if p["status"] == "represente" and _named_in(p, folded_giver)]
            if len(named) > 1:  # two members of one name: « H. Martin » is Hervé MARTIN
                named = [p for p in named if _initial_agrees(p, giver)]
            for person in named:
                if not person["mandataire"]:
                    person["mandataire"] = re.sub(r"^(?:M|Mme|MM|Mmes)\.?\s+", "", holder.strip())


def _initial_agrees(person: dict, giver: str) -> bool:
    """« H. Martin » is Hervé MARTIN, not Jacques MARTIN."""
    initial = re.match(r"\s*([A-Z])\.", giver)
    return initial is None or fold(person["person"]).startswith(fold(initial.group(1)))


def counts_from_lists(people: list[dict], moves: list[tuple[int, str, str, str]]) -> dict:
    """Counts read off the named lists, for minutes that print names but no figures
    (Montpellier). The list of présents names everyone who sat during the session:
    a member whose first move is an arrival (« M. Vignal entre en séance ») was not
    there at the start: not counted present until then (nor absent: he came)."""
    first_move: dict[int, str] = {}
    for _, change, _, folded_who in moves:
        for i, person in enumerate(people):
            if i not in first_move and _named_in(person, folded_who):
                first_move[i] = change.partition(" : ")[0]
    late = sum(1 for i, p in enumerate(people) if p["status"] == "present" and first_move.get(i) == "arrivée")
    by_status = {s: sum(1 for p in people if p["status"] == s) for s in ("present", "represente", "excuse", "absent")}
    counts = {k: None for k in COUNT_KEYS}
    counts.update(presents=by_status["present"] - late, representes=by_status["represente"],
                  excuses=by_status["excuse"], absents=by_status["absent"], en_exercice=len(people))
    counts["votants"] = counts["presents"] + counts["representes"]
    counts["_late"] = late
    return counts


def _named_in(person: dict, folded_who: str) -> bool:
    """Is `person` one of the members named in a move (folded, parentheses removed)?"""
    if "_surname" not in person:
        words = fold(person["person"] or "").split()
        person["_surname"] = words[-1] if words and len(words[-1]) > 2 else ""
    surname = person["_surname"]
    return bool(surname) and surname in folded_who and re.search(rf"\b{re.escape(surname)}\b", folded_who) is not None


def _is_full_block(att) -> bool:
    return sum(v is not None for v in att.counts.values()) >= 2 or len(att.people) >= 3


_PROXY_NAMES = re.compile(r"\(([^)]*procuration[^)]*|[^)]*)\)", re.I)


def movers(who: str) -> tuple[int, int]:
    """(members, proxies they carry) of « Messieurs Vignal, Sudres, et Aslanian avec Mme
    Bigas » (4, 0) or « M. Passet avec sa procuration (H. Martin) » (1, 1)."""
    proxies = 0
    for inside in _PROXY_NAMES.findall(who):
        names = re.sub(r"(?i)\b(?:avec\s+)?(?:la|sa|leurs?)\s+procurations?\s+(?:de\s+)?", "", inside)
        proxies += len([n for n in re.split(r",|\bet\b", names) if re.search(r"[A-ZÀ-Ý]", n)])
    bare = re.sub(r"\([^)]*\)?", " ", who)
    pieces = re.split(r",|\bet\b|\bavec\b", bare)
    members = len([p for p in pieces if re.search(r"\b[A-ZÀ-Ý][\w\-]", p) and "procuration" not in p.lower()
                   and not _APPOSITION.match(p)])
    return members, proxies


# What a member is, set off by commas (« M. Éric MAZARS, gérant associé de la SARL, quitte la salle »,
# « M. PIOT, Président, », « M. X, 1er adjoint, »): no one else who moves.
_APPOSITION = re.compile(r"\s*(?:[a-zà-ÿ]|\d|(?:Vice-?\s*)?Pr[ée]sidente?\b|Maire\b|Adjointe?\b|Conseill[eè]re?\b)")


def apply_change(counts: dict, change: str, sentence: str, listed_as: str | None = None) -> None:
    """Update the counts for « arrivée : M. Vignal » / « départ : M. Passet avec sa
    procuration (H. Martin) »; a member leaving who « donne sa procuration à M. Lévita »
    is represented, so the votes stay the same. `listed_as`: the status the lists gave a member
    who arrives (« absent »: he is one absent fewer, not one excusé fewer)."""
    kind, _, who = change.partition(" : ")
    members, proxies = movers(who)
    sign = 1 if kind == "arrivée" else -1
    gives_proxy = sign < 0 and re.search(r"donne\s+(?:sa\s+)?(?:procuration|pouvoir)", sentence, re.I)

    def add(key: str, n: int) -> None:
        if counts.get(key) is not None:
            counts[key] = max(0, counts[key] + n)

    add("presents", sign * members)
    add("representes", sign * proxies + (1 if gives_proxy else 0))
    add("votants", sign * (members + proxies) + (1 if gives_proxy else 0))
    # « absents » are the members who did not come: one who leaves or comes late is not one;
    # but one who comes and was counted excusé (or absent) at the opening is no longer: the
    # members in office bound the counts.
    if sign > 0 and counts.get("en_exercice") is not None:
        for key in (("absents", "excuses") if listed_as == "absent" else ("excuses", "absents")):
            over = sum(counts.get(k) or 0 for k in ("presents", "representes", "excuses", "absents")) - counts["en_exercice"]
            if over > 0 and counts.get(key):
                counts[key] -= min(over, counts[key])


def _move_people(people: list[dict], change: str, sentence: str, folded_who: str) -> None:
    kind = change.partition(" : ")[0]
    for person in people:
        if _named_in(person, folded_who):
            if kind == "arrivée":
                person["status"], person["mandataire"] = "present", None
            else:
                holder = re.search(r"procuration\s+(?:a|à)\s+(?:M\.|Mme|Monsieur|Madame)?\s*([^\s,.]+)", sentence)
                person["status"] = "represente" if holder else "absent"
                person["mandataire"] = holder.group(1) if holder else None
