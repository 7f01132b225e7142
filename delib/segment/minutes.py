"""Split council minutes and register extracts into deliberations (and their articles).

A register extract is one deliberation. Minutes of a whole session (procès-verbal,
compte rendu) hold one deliberation per item the council decides on. Finding
them is a cascade, tried in this order:

1. A collection of register extracts (a « recueil »): each ACTES number
   (« 02B-212000962-20250408-DEL-25-04-031-DE ») opens one deliberation.
2. Numbered items: every shape of item header French minutes print is collected
   in *families* — register numbers (« N°2014/26 - », « 24-10/094 — »,
   « DL-055-07-13 - », « 2013.07.01 - 15 A »), « Délibération n° », « QUESTION N° 3 »,
   « Point n° 2 : », plain numbers (« 12 – », « 1. », « Serge FLEURENCE 55. »,
   « 1/ ») and roman rubrics (« IV. PERSONNEL »). In a family of plain numbers the
   items are the longest run 1, 2, 3… (a numbered list inside an item, a budget
   line « 011 - Charges » or a table of contents « … page 03 » do not fit it). The
   family whose items hold the most *decisions* wins — so a rubric holding several
   items (« Point n° 2 : Régie du Parking » over « 23-02/003 », « 23-02/004 ») loses
   to the items; register numbers win ties, being the deliberations' own numbers.
   A « liste des délibérations votées » gives one deliberation per entry, and
   numbered headers whose items each hold several decisions, each under a title
   of its own, are rubrics (« 1. COMMISSION FINANCES » over « a. », « b. »): then
   the next step splits them.
3. Unnumbered items, found from their decisions: every decision statement closes
   an item, whose title is the title-like line printed since the previous decision
   (a short paragraph that does not end as prose does; see `_item_title`), or a
   title followed by « X donne lecture du rapport suivant » / « OBJET : … ».
4. Otherwise the whole document is one deliberation when it has a register
   header or a decision.

A *decision* is the council's statement closing an item (« ADOPTÉ À
L'UNANIMITÉ », « Pour : 58 », « Vote : 14 pour / 0 contre », « Le Conseil
Municipal, à l'unanimité, accepte… », « les membres du conseil prennent acte »,
« a été proclamé Maire »). An item holding no decision is a rubric or a
non-deliberative point (approval of the previous minutes, « Questions
diverses », « Informations », an item postponed) — unless the document numbers
it as a deliberation, or the minutes merely list it without any account.
Approving the agenda or the previous minutes is no deliberation even when voted,
unless it carries a register number. An item holding two separate tallies
(« DM1 budget communal : Vote : 14 pour … » / « DM1 budget assainissement : Vote :
14 pour … ») is two deliberations; a decision under « Questions diverses » is one,
named after its sub-item (« 6.3 Verger de sauvegarde »).

Each deliberation spans from its header to the start of the next one, less the
rubric lines and arrivals / departures printed just before the next header
(they belong to what follows). Everything here is regex scans: no per-line NLP.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from typing import Callable, Optional

from delib.lang.moves import attendance_changes
from delib.lang.numbers import roman_to_int
from delib.lang.text import fold
from delib.lang.votes import UNANIMITY
from delib.model import Document, Segment

# --- Decisions (matched on folded text: lower case, no accents, same offsets) -------

_VERB = (r"(?:adoptent|adopte|acceptent|accepte|approuvent|approuve|desapprouvent|desapprouve|decident|decide|"
         r"rejettent|rejette|valident|valide|accordent|accorde|sollicitent|sollicite|"
         r"donnent\s+(?:un\s+)?avis|donne\s+(?:un\s+)?avis|donnent\s+(?:son|leur)\s+accord|donne\s+(?:son|leur)\s+accord|"
         r"refusent|refuse|votent|vote|emettent|emet|elit|designe|autorise|"
         r"pre?n+ent\s+acte|prend\s+acte|donne\s+acte|a\s+donne\s+acte)")
DECISION = re.compile(
    # « Adopté à l'unanimité », « ADOPTÉ », « • ADOPTE A L'UNANIMITE », « Délibération adoptée … »,
    # « Adopté, sauf par M. GUESNIER qui s'abstient. »
    r"(?P<verdict>^[ \t>*•·-]*(?:(?:la |cette )?(?:deliberation|proposition|motion)\s+(?:est\s+)?)?"
    r"(?:adoptee?s?|rejetee?s?|votee?s?\s+a\s+la\s+majorite)\b)"  # (« Voté à la majorité : 10 pour, … »)
    # « Vote : 14 pour », « VOTE : Pour 11 – Contre 2 », « 74 voix pour », « 10 votes pour »
    r"|(?P<tally>\bvotes?[ \t]*:[ \t]*(?:\d|(?:pour|contre|abstentions?)\b)|\b\d{1,3}\s+(?:voix|votes?)\s+pour\b)"
    # « Pour : 58 » on its line (after the rapporteur's name in two-column minutes), or after the
    # count of voters on the same line: « Votants : 15   Pour : 13   Contre : 1 »
    r"|(?P<form>^[ \t]*(?:[\w\-]+[ \t]+){0,2}(?:(?:votants|exprimes|suffrages\s+exprimes)[ \t]*:[ \t]*\d{1,3}[ \t,;–-]+)?"
    r"(?:pour|approbation)[ \t]*:[ \t]*\d{1,3}\b(?![ \t]?\d{3}|[,.]\d))"  # a syndicat's « Approbation : 19 »
    # « Le Conseil Municipal, à l'unanimité, accepte », « les membres du conseil prnnent acte », « du comité syndical adoptent »
    # (« le conseil a adopté le 12 mai … » is a narrative, not this decision)
    rf"|(?P<council>\b(?:conseil|comite)(?:\s+(?:municipal|communautaire|departemental|syndical|regional|directeur))?\b"
    rf"[^.;\n]{{0,160}}?(?:\n[^.;\n]{{0,160}}?){{0,2}}(?<!\ba )(?<!\bont )(?<!avait )(?<!avec )(?<!sans )(?<!\bau )(?<!\bdu )\b{_VERB}\b(?!\s+par\b))"
    # « Le Conseil, à l'unanimité, Instaure … », « après en avoir délibéré, avec 76 voix pour »
    rf"|(?P<unanimity>\bconseil\b[^.;]{{0,120}}?\b(?:a l'{UNANIMITY}|a la majorite|unanimement)\b"
    rf"|\bapres\s+en\s+avoir\s+delibere\W{{0,5}}(?:et\s+)?(?:a l'{UNANIMITY}|a la majorite|(?:avec|par)\s+\d))"
    # « elle est adoptée à l'unanimité », « le projet est approuvé », « La délibération est rejetée »
    r"|(?P<passive>\b(?:est|sont)\s+(?:adoptee?s?|approuvee?s?|rejetee?s?)\b"
    r"(?=[ \t]*(?:a\s+l'\s*una|a\s+la\s+majorite|par\s+\d|avec\s+\d|[.,;]|$)))"
    # « à l'unanimité » on its own (« Vote : unanimité », « Accord du conseil à l'unanimité »), typos included
    rf"|(?P<unanimous>\b(?:a\s+l'\s*|votes?\s*:\s*(?:a\s+l'\s*)?){UNANIMITY}\b)"
    # « Accord du conseil à l'unanimité. », « Accord du conseil. »: an agreement is a decision
    r"|(?P<agreement>^[ \t•*-]*accord\s+(?:du\s+conseil|de\s+l'assemblee|unanime|a\s+la\s+majorite)\b)"
    # elections: « M. X a été proclamé Maire », « Ont été proclamés adjoints », « est élu »,
    # « M. TAFFIN, ayant obtenu 29 voix, est désigné délégué » (not the secretary of the séance)
    r"|(?P<election>\b(?:a|ont)\s+ete\s+(?:proclamee?s?|elue?s?)\b|\b(?:est|sont)\s+(?:proclamee?s?|(?:proclamee?s?\s+)?elue?s?)\b"
    r"|\bayant\s+obtenu\s+\d{1,3}\s+voix\b[^.;\n]{0,40}?\b(?:est|sont)\s+designee?s?\b(?![^.;\n]{0,30}secretaire))"
    # the vote took place: « … ne prennent pas part au vote »
    r"|(?P<abstain>\bne\s+(?:prend|prennent)\s+pas\s+part\s+au\s+vote)",
    re.M,
)
STATEMENT_GAP = 160  # characters between the phrases of one decision statement
# « Mme X, administratrice de la Mission locale, ne prend pas part au vote. » told before the
# decision's paragraph: the vote it speaks of is the next one
ABSTENTION_GAP = 700


@dataclass
class Decision:
    """One decision statement: where it lies and what it is made of."""

    start: int
    end: int
    kinds: set[str] = field(default_factory=set)

    @property
    def splits(self) -> bool:
        """A statement that may stand alone as a deliberation inside an item (not an election)."""
        return bool(self.kinds & {"tally", "form", "verdict"})


def decision_phrases(folded: str, text: Optional[str] = None) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every phrase of a decision, outside « Vu … » / « Considérant … »."""
    phrases = []
    for m in DECISION.finditer(folded):
        if _in_expose(folded, m.start()):
            continue
        if m.lastgroup == "unanimity" and "bureau" in folded[max(0, m.start() - 80):m.start()]:
            continue  # decisions of the bureau, reported to the council
        if m.lastgroup == "verdict" and text is not None and re.search(r"(?<![A-Za-zÀ-ÿ])adopte\b|rejete\b", text[m.start():m.end()]):
            continue  # « - adopte la décision modificative » is a verb of the decision, not a verdict
        if m.lastgroup == "verdict" and _continues_prose(folded, m.start()) and not VOTE_FOLLOWS.match(folded, m.end()):
            continue  # « … a été\nadoptée par les députés le 13 février »: a sentence wrapped, not a verdict
        phrases.append((m.start(), m.end(), m.lastgroup))
    return phrases


def group_statements(phrases: list[tuple[int, int, str]], lo: int = 0, hi: Optional[int] = None,
                     text: Optional[str] = None) -> list[Decision]:
    """The decision statements made of the phrases lying in [lo, hi). Phrases a few
    lines apart form one statement (« Pour : 58 / Contre : 1 / Adopté à la majorité »),
    but a second tally starts a new one (« … Vote : 14 pour … » / « … Vote : 14 pour … »)."""
    statements: list[Decision] = []
    for start, end, kind in phrases:
        if start < lo or hi is not None and start >= hi:
            continue
        last = statements[-1] if statements else None
        tally = kind in ("tally", "form")
        gap = ABSTENTION_GAP if last and last.kinds == {"abstain"} else STATEMENT_GAP
        near = last is not None and (start - last.end <= gap or _distance(text, last.end, start) <= gap)
        if near and not (tally and last.kinds & {"tally", "form"}) \
                and not (text is not None and _title_blocks(text, _line_end(text, last.end), start)):
            last.end = max(last.end, end)
            last.kinds.add(kind)
        else:
            statements.append(Decision(start, end, {kind}))
    return statements


# « Nombre de délégués en exercice : 36 / Nombre de votants : 27 / Abstention : 0 » between a
# decision and its tally: the figures of the vote, part of one statement
_FIGURE_LINE = re.compile(r"^[ \t]*(?:nombre\s+de\s+)?[\w'’ ]{0,40}[ \t]*:[ \t]*\d{1,3}(?:[ \t]*\([^)\n]*\))?[ \t]*$", re.M | re.I)


def _distance(text: Optional[str], end: int, start: int) -> int:
    """Characters from one phrase's end to the next phrase's start, lines of figures left out."""
    if text is None:
        return start - end
    return start - end - sum(len(m.group(0)) for m in _FIGURE_LINE.finditer(text, end, start))


def find_decisions(text: str) -> list[Decision]:
    """Every decision statement of `text` (taken as one item), in order."""
    return group_statements(decision_phrases(fold(text), text))


VOTE_FOLLOWS = re.compile(r"[ \t]*(?:a\s+l'\s*una|a\s+la\s+majorite|(?:a|par|avec|:)\s*\d|[.!]?[ \t]*$)", re.M)


def _continues_prose(folded: str, pos: int) -> bool:
    """Whether the line holding `pos` carries on a sentence of the line before it."""
    line_start = folded.rfind("\n", 0, pos) + 1
    previous = folded[folded.rfind("\n", 0, max(0, line_start - 1)) + 1:max(0, line_start - 1)].rstrip()
    return bool(previous) and (previous[-1].isalpha() or previous[-1] == ",")


def _in_expose(folded: str, pos: int) -> bool:
    """« Vu la délibération … adoptée », « Considérant que le conseil a … »: not a decision."""
    line_start = folded.rfind("\n", 0, pos) + 1
    return re.match(r"[ \t\-–•*>]*(?:vu|considerant|attendu)\b", folded[line_start:pos + 1]) is not None


# --- Item headers ------------------------------------------------------------------

_DASH = r"[-–—]"
# Register numbers: « N°2014/26 - », « 2014/25 – », « 24-10/094 — », « 23-02/007 : »,
# « 3 – N° 2018-024 - » (an agenda number before the register number),
# « DL-055-07-13 - », « 2013.07.01 - 15 A » (a register dated like the session), « 2022 03 n°01 - ».
REGISTER_CODE = re.compile(
    rf"^[ \t*#>]*(?:\d{{1,3}}[ \t]*[-–—.)][ \t]*(?=N[ \t]*°))?"
    # « DCM 2023-45 – », « DCC n° 2023-41 : »: the register's own letters before the number
    rf"(?:(?:D\.?C\.?M|D\.?C\.?C|D\.?C\.?S|DEL|DELIB|DBC)\.?[ \t]+)?(?:N[ \t]*°[ \t]*)?"
    rf"(?P<num>[12]\d['’]?[\dlIO]{{2}}\.[\dlIO]{{2}}\.[\dlIO]{{2}}[ \t]*{_DASH}?[ \t]*(?:\d{{1,3}}|[Il])(?:[ \t]?[A-Z](?=\s))?"
    # « 2021-11-01 : » (year, month, number: shaped like a date)
    rf"|(?:19|20)\d{{2}}-\d{{2}}-\d{{1,3}}(?=[ \t]*[-–—:])"
    # « 2020 – 031 – 14.09 – » (year, number, the session's day and month)
    rf"|(?:19|20)\d{{2}}[ \t]*{_DASH}[ \t]*\d{{1,3}}[ \t]*{_DASH}[ \t]*\d{{1,2}}\.\d{{2}}(?=[ \t]*{_DASH})"
    rf"|\d{{2,4}}[ \t]*[/-][ \t]*\d{{1,4}}(?:[ \t]*/[ \t]*\d{{1,4}})?(?=[ \t]*[-–—:]|[ \t]+OBJET\b)"
    rf"|(?:19|20)\d{{2}}\.\d{{1,4}}(?=[ \t]*[-–—:])"  # « 2023.107 – »
    rf"|[A-Z]{{1,4}}-\d{{1,4}}(?:-\d{{1,4}}){{0,3}}"
    # « 2022 03 n°01 - », « 2021-n°14 : »: the year (and month) before the number
    rf"|(?:19|20)\d{{2}}(?:[ \t._/-]+\d{{1,2}})?[ \t._/-]*n[ \t]*°[ \t]*\d{{1,4}}(?=[ \t]*[-–—:]))"
    rf"[ \t]*[-–—:]?[ \t]*(?:(?i:objet)[ \t]*:[ \t]*)?(?P<title>\S.*)?$",  # « 2017-100 OBJET : APPROBATION … »
    re.M,
)
DELIBERATION_NUMBER = re.compile(
    r"^[ \t*#>]*D[ÉEée]LIB[ÉEée]RATION[ \t]+n[ \t]*°[ \t]*(?P<num>[\w/.\-]*\d[\w/.\-]*)?[ \t]*[-–—:]?[ \t]*(?P<title>.*)$",
    re.M | re.I,
)
# « N° 2021/14 » alone on its line, the title under it: a register number, whatever it is called
NUMBER_ALONE = re.compile(
    r"^[ \t*#>]*N[ \t]*°[ \t]*(?P<num>(?:19|20)?\d{2}[ \t]?[/._-][ \t]?\d{1,4}(?:[/._-]\d{1,4})?)[ \t]*(?P<title>)$", re.M)
QUESTION = re.compile(
    # (« N° 3 – Tarifs » too: a small number after « N° »)
    r"^[ \t*#>]*(?:(?:(?:QUESTION|POINT|AFFAIRE|DOSSIER|BORDEREAU|RAPPORT)[ \t]+(?:N[ \t]*°[ \t]*)?|N[ \t]*°[ \t]*)(?P<num>\d{1,3})\b"
    # « 2 ème DELIBERATION : Indemnités … », « 1ère délibération – … »
    r"|(?P<ordinal>\d{1,3})[ \t]*(?:er|ère|re|e|ème|eme)[ \t]+D[ÉEée]LIB[ÉEée]RATION\b)[ \t]*[-–—:.)]?[ \t]*(?P<title>.*)$",
    re.M | re.I,
)
# Register numbers of any other shape, at the start of their line before the title: « N° 01.06.2024 –
# Tarifs », « D202361 – Subvention », « 230316.01 Convention », « 06.19. III – Voirie »: letters,
# digits and the dots, dashes and slashes between them, with three digits or more in all. Taken as
# items only when several share one shape (see _coded_headers): a lone date opening a line is no header.
# (« Délibération D202361 – », « n°230316.01 - »; the number alone on its line, the title under it)
CODED = re.compile(
    r"^[ \t*#>•|]*(?:(?i:d[ée]lib[ée]ration)[ \t]+|(?:D\.?C\.?M|D\.?C\.?C|D\.?C\.?S|DEL|DELIB|DBC)\.?[ \t]+)?(?:[Nn][ \t]*°[ \t]*)?"
    r"(?P<num>(?=(?:[A-Z]*[./_-]?[ \t]?\d){3})[A-Z]{0,5}\d[\dA-Z]*(?:[ \t]?[./_-][ \t]?[\dA-Z]+)*\.?)"
    r"[ \t]*(?:[-–—:|][ \t]*)?(?:(?i:objet)[ \t]*:[ \t]*)?"
    # (in a table drawn with « | », the title is the next cell)
    r"(?:(?P<title>[A-ZÀ-Ý«\"“][^|\n]{2,}?)[ \t]*(?:\|[^\n]*)?)?$", re.M)


def _coded_shape(number: str) -> str:
    """« 01.06.2024 » and « 02.06.2024 » share the shape « 9.9.9 »; « D202361 » has « A9 »."""
    return re.sub(r"\d+", "9", re.sub(r"[A-Z]+", "A", re.sub(r"\s", "", number)))


def _coded_headers(text: str) -> list[Header]:
    """The coded register numbers of the commonest shape, when two numbers at least have it, each
    with a title that reads as one (on its line, or under it). (A number printed twice is one
    deliberation: `_dedupe` keeps one of them, as for the other unranked families.)"""
    found = [h for h in _headers(text, CODED, "coded") if h.number and not re.fullmatch(r"\d+", h.number)
             and not ACTES.match(text, h.start)  # the préfecture's stamp, printed on every extract
             and (_reads_as_title(h.title) if h.title else _title_below(text, h))]
    by_shape: dict[str, list[Header]] = {}
    for h in found:
        by_shape.setdefault(_coded_shape(h.number), []).append(h)
    best = max(by_shape.values(), key=len, default=[])
    return best if len({h.number for h in best}) >= 2 else []


# « 12 – Titre », « 1. Titre », « 1. – Titre », « 1/ Délibération », « 1) Titre », and Montpellier's
# two-column « Serge 1. Quartier … » / « Mme le MAIRE 96. Vœu … » (rapporteur first).
ARABIC = re.compile(
    # (« Article 4 - » is an article of a text, not an item)
    r"^[ \t*#>]*(?!(?i:article|art\.|annexe|chapitre|titre|page)\b)(?P<who>(?:(?:[A-ZÀ-Ý][\w'’.\-]*|le|la)[ \t]+){1,4})?"
    # (« (3) Tarifs », « 3° - Tarifs » too)
    r"\(?(?P<num>\d{1,3})(?!\.\d)(?:[ \t]?(?P<letter>[A-Z])(?=[ \t]*[-–—.)]))?[ \t]*"
    r"(?P<sep>[-–—°][ \t]?[.)/]|°[ \t]*[-–—]|[.)/](?:[ \t]*[-–—](?=[ \t]))?|[ \t]?[-–—])[ \t]*"
    # the title starts with a letter, or a number then a word (« 11 - 1 Boulevard Mendès France »)
    # (a list inside an item goes on in lower case: « 1. développer au maximum … »)
    r"(?P<title>(?:[A-ZÀ-Ý«\"“]|\d+[ \t]+[A-ZÀ-Ý][a-zà-ÿ]).*)$",
    re.M,
)
# « 1 Subventions associatives »: a bare number, then a capitalised word.
BARE = re.compile(r"^[ \t]*(?P<num>\d{1,2})[ \t]+(?P<title>[A-ZÀ-Ý][a-zà-ÿ’'].*)$", re.M)
# « Philippe 1 ZAC Pagézy … » / « Jean-Louis 2 Réalisation … »: the rapporteur's first name,
# the item's number and its title with no separator (OCR of a two-column agenda).
# (not « DU MARDI 14 SEPTEMBRE 2021 », nor « Pouvoirs 2 Président, … » of a count box beside a column)
BARE_AFTER_NAME = re.compile(
    r"^[ \t]*(?!(?i:pouvoirs?|pr[ée]sents?|votants?|absents?|excus[ée]s?|titulaires|suppl[ée]ants|membres|nombre|"
    r"procurations?|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b)"
    r"(?:[A-ZÀ-Ý][A-Za-zà-ÿ'’]+(?:[ \t-][A-ZÀ-Ý][A-Za-zà-ÿ'’]+)?|M(?:me|\"|’’)?\.?[ \t]+le[ \t]+Maire)[ \t]+"
    r"(?P<num>\d{1,3})[ \t]+(?!(?i:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)\b)"
    r"(?P<title>(?:[A-ZÀ-Ý«\"“][\w'’ -]|\d+[ \t]+[A-Za-zÀ-Ý]).*)$", re.M)
ROMAN = re.compile(r"^[ \t*#>]*(?P<num>[IVXL]{1,6})[ \t]*[.\-–—)][ \t]*(?P<title>\S.*)$", re.M)
REGISTER_HEADER = re.compile(
    r"^[ \t*#>]*(?:EXTRAIT\s+DU\s+REGISTRE\s+DES\s+D[ÉE]LIB[ÉE]RATIONS"
    r"|D[ÉE]LIB[ÉE]RATION\s+DU\s+CONSEIL\s+(?:MUNICIPAL|COMMUNAUTAIRE|D[ÉE]PARTEMENTAL)"
    r"|D[ée]lib[ée]ration[ \t]+n[ \t]*°)",
    re.M,
)
# « … page 03 », « …… 12 »: a line of a table of contents.
TOC_LINE = re.compile(r"(?:\bpage\s*\d{1,3}|\.{4,}\s*\d{1,3}|…\s*\d{1,3})\s*(?:page)?\s*$", re.I)
# Unnumbered items: a title, then who presents it.
PRESENTER = re.compile(r"\b(?:donne\s+lecture|expose|présente|presente|rapporteur)\b", re.I)
OBJET_LINE = re.compile(r"^[ \t*#>]*OBJET[ \t]*:[ \t]*(?P<title>\S.*)$", re.M | re.I)
# « 02B-212000962-20250408-DEL-25-04-031-DE » (« DF »: OCR for « DE »)
ACTES = re.compile(r"\d{2}[\dAB]-\d{9}-\d{8}-(?P<internal>[A-Za-z]{1,5}[-_ ]?(?:\d{1,4}[-_. ]){0,3}\d{1,4}(?:[- ]?[A-Z])?)"
                   r"-(?:D[EF]|AR|AI|CC|BF|AU)\b")

# Items that are not deliberations when nothing is decided in them — and,
# unless numbered as deliberations, even when something is (approving the
# agenda or the previous minutes).
# The session's own formalities: the secretary, the agenda, the previous minutes
# (« Approbation du procès-verbal … », « Compte rendu du conseil municipal du 27 juin »).
_FORMALITIES = (
    r"(?:d[ée]signation|[ée]lection|nomination|choix)\s+(?:d.une?|du|de\s+la)\s+secr[ée]taire|"
    # the roll call and the quorum: « Appel des membres », « Appel nominal », « Vérification du quorum »
    r"appel\s+(?:nominal|des\s+(?:membres|conseill|pr[ée]sents|d[ée]l[ée]gu))|(?:v[ée]rification|constat\w*)\s+du\s+quorum|"
    r"(?:adoption|approbation)\s+(?:de\s+l.ordre\s+du\s+jour|du\s+(?:proc[èe]s[\s-]*verbal|compte[\s-]*rendu)|des\s+proc[èe]s)|"
    r"(?:proc[èe]s[\s-]*verbal|compte[\s-]*rendu)\s+(?:du\s+(?:conseil|dernier|pr[ée]c[ée]dent)|de\s+la\s+(?:s[ée]ance|r[ée]union|pr[ée]c[ée]dente))"
)
NOT_DELIBERATIVE = re.compile(
    r"^\W*(?:questions?\s+diverses|informations?\b|communications?\b|divers\b|points?\s+divers|"
    r"point\s+d['’]\s*[ée]tape|compte[\s-]*rendu\s+des\s+d[ée]cisions|relev[ée]s?\s+des?\s+d[ée]cisions|d[ée]cisions\s+prises|lecture\b|point\s+sur\b|"
    rf"observations?\s+sur\s+le\s+compte|tour\s+de\s+table|{_FORMALITIES})",
    re.I,
)
APPROVAL_OF_MINUTES = re.compile(rf"^\W*(?:{_FORMALITIES})", re.I)
WITHDRAWN = re.compile(r"\b(?:report[ée]e?\s+(?:au|à|a)\b|est\s+report[ée]|retir[ée]e?\s+de\s+l.ordre\s+du\s+jour|"
                       r"est\s+retir[ée]|ajourn[ée]|sans\s+objet|aucune\s+d[ée]cision\s+n.(?:est|a\s+[ée]t[ée])\s+prise)", re.I)
NO_VOTE = re.compile(r"\b(?:(?:pas\s+de|sans)\s+vote(?=\s*[).;,]|\s*$)|ne\s+donne\s+(?:pas\s+)?lieu\s+(?:à|a)\s+(?:aucun\s+|un\s+)?vote|"
                     r"n.appellen?t\s+pas\s+de\s+vote|non\s+soumis\s+au\s+vote)", re.I)
INFORMATION_ONLY = re.compile(r"\((?:pour\s+)?information\)|\bpour\s+information\b|\b(?:à|a)\s+titre\s+d.information\b"
                              r"|\bfait\s+le\s+point\s+sur\b|\binforme\s+(?:l.assembl[ée]e|le\s+conseil)\b", re.I)
LISTED_ONLY = 250  # an item body this short, with no account of a vote, is a listed deliberation


@dataclass
class Header:
    """An item header: where it is, its number as printed and its title."""

    start: int
    end: int  # end of the header line
    family: str
    number: Optional[str]
    title: str
    rank: Optional[tuple[int, str]] = None  # (number, letter) for runs 1, 2, 3…
    label: Optional[str] = None  # what the minutes call the item: « Délibération », « Information »…
    introduces_list: bool = False  # the line ends on « : », as a list's introduction does
    rubric: Optional[str] = None  # the title of the rubric the item is numbered under (« IV - Subventions »)


# « 3-) Délibération : approbation … », « 4-) Information : actualités … »: the kind of item
# the minutes announce, printed before its title.
ITEM_LABEL = re.compile(r"^(?P<label>d[ée]lib[ée]ration|information|communication|d[ée]bat|question)s?[ \t]*:[ \t]*(?=\S)", re.I)


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip(" \t*#:-–—.")


def _headers(text: str, pattern: re.Pattern, family: str) -> list[Header]:
    found = []
    for m in pattern.finditer(text):
        line = m.group(0)
        if TOC_LINE.search(line):
            continue
        num = m.groupdict().get("num") or m.groupdict().get("ordinal")
        title = _clean(m.group("title") or "")
        rank = None
        if family in ("arabic", "bare", "question"):
            rank = (int(num), (m.groupdict().get("letter") or ""))
        elif family == "roman" and (value := roman_to_int(num)):
            rank = (value, "")
        elif family == "dotted":
            rank = (int(re.split(r"[.-]", num)[-1]), "")
        number = _clean(num) if num else None
        if family == "arabic" and m.group("letter"):
            number = f"{num} {m.group('letter')}"
        style = family
        if family == "arabic":  # « 1. » and « 1 – » are two numberings (items, budget lines)
            style += "-" if m.group("sep").strip() in "-–—" else m.group("sep")
        label = ITEM_LABEL.match(title)
        if label:
            title = title[label.end():]
        found.append(Header(m.start() + len(line) - len(line.lstrip(" \t*#>")), m.end(), style, number, title, rank,
                            label=fold(label.group("label")) if label else None,
                            introduces_list=line.rstrip().endswith(":")))
    return found


def find_item_headers(text: str) -> dict[str, list[Header]]:
    """Every candidate item header, by family."""
    families = {
        "register": _headers(text, REGISTER_CODE, "register"),
        "deliberation": sorted(_headers(text, DELIBERATION_NUMBER, "deliberation") + _headers(text, NUMBER_ALONE, "deliberation"),
                               key=lambda h: h.start),
        "question": _headers(text, QUESTION, "question"),
        "bare": _headers(text, BARE, "bare"),
        "roman": _headers(text, ROMAN, "roman"),
        "bare-after-name": _headers(text, BARE_AFTER_NAME, "bare"),
        "coded": _coded_headers(text),
    }
    for header in _headers(text, ARABIC, "arabic"):
        families.setdefault(header.family, []).append(header)
    families["dotted"] = _headers(text, SUB_HEADER, "dotted")  # « 2.1 Budget primitif », items of a rubric
    # A register number that is really a date or a sum (« 27.06.2008 ») has no title.
    families["register"] = [h for h in families["register"] if len(h.title) >= 3 and not h.title[0].isdigit()]
    return families


def longest_run(headers: list[Header]) -> list[Header]:
    """The longest sequence of headers, in text order, numbered 1, 2, 3… (a step of 2
    forgives one item lost to OCR; « 15 A », « 15 B » may share a number). Among
    runs as long, the one with fewer gaps, then the one with fewer lines that introduce
    a list (« 2-Avec le dossier annuel de subvention : » is a point of a text, not an item)."""
    n = len(headers)
    # (length, -gaps, -list introductions) of the best run ending here
    best: list[tuple[int, int, int]] = [(1, 0, -headers[k].introduces_list) for k in range(n)]
    prev = [-1] * n
    for j in range(n):
        for i in range(j):
            (a, la), (b, lb) = headers[i].rank, headers[j].rank
            if not (b - a in (1, 2) or (b == a and lb > la)):
                continue
            score = (best[i][0] + 1, best[i][1] - (b - a == 2), best[i][2] - headers[j].introduces_list)
            if score > best[j]:
                best[j], prev[j] = score, i
    if not n:
        return []
    j = max(range(n), key=lambda k: (best[k], -k))
    run = []
    while j != -1:
        run.append(headers[j])
        j = prev[j]
    return run[::-1]


def without_agenda(headers: list[Header], text: str) -> list[Header]:
    """The headers less those of an agenda printed before the items with the same numbers
    (« Ordre du jour : 1. Compte administratif / 2. Délégation… / 3. Questions diverses »
    then « 1. Compte administratif » and its decision): lines of numbered titles one under
    the other, nothing between them, whose numbers come again further down."""
    groups: list[list[int]] = []
    for i, h in enumerate(headers):
        if groups and not text[headers[groups[-1][-1]].end:h.start].strip():
            groups[-1].append(i)
        else:
            groups.append([i])
    dropped = set()
    for group in groups:
        if len(group) < 2:
            continue
        after = {h.rank for h in headers[group[-1] + 1:]}
        if sum(headers[i].rank in after for i in group) >= min(2, len(group)):
            dropped.update(group)
    return [h for i, h in enumerate(headers) if i not in dropped]


def _with_items_out_of_order(run: list[Header], family: list[Header]) -> list[Header]:
    """The run, plus the items of the same numbering taken out of the agenda's order
    (« point 8 taken before 4 »): a number the run lacks, printed once, within its range —
    or the one after its last, printed before that last (« point 6 examined before 5 »)."""
    numbers = {h.rank for h in run}
    printed = [h.rank for h in family]
    top = max((rank for rank in numbers), default=(0, ""))
    after_top = (top[0] + 1, top[1])
    extra = [h for h in family if h.rank not in numbers and printed.count(h.rank) == 1
             and (h.rank < top or h.rank == after_top and h.start < run[-1].start)
             and h.start > run[0].start and len(h.title) >= 3]
    return sorted(run + extra, key=lambda h: h.start) if run else run


def _dedupe(headers: list[Header], phrases: list[tuple[int, int, str]], text_end: int) -> list[Header]:
    """A number printed twice (a list of the deliberations at the end, a title
    repeated): keep the occurrence whose item holds a decision, else the first."""
    by_number: dict[str, list[int]] = {}
    for i, h in enumerate(headers):
        by_number.setdefault(h.number or f"#{i}", []).append(i)
    keep = set()
    for indexes in by_number.values():
        deciding = [i for i in indexes if any(
            headers[i].start <= start < (headers[i + 1].start if i + 1 < len(headers) else text_end)
            for start, _, _ in phrases)]
        keep.update(deciding or indexes[:1])  # a misprinted repeat that decides is kept too
    return [h for i, h in enumerate(headers) if i in keep]


# --- Items --------------------------------------------------------------------------

@dataclass
class Item:
    header: Header
    start: int
    end: int
    decisions: list[Decision]


def _items(headers: list[Header], phrases: list[tuple[int, int, str]], text_end: int) -> list[Item]:
    """Each header up to the next one, with the decision statements inside (a
    statement never runs over an item boundary)."""
    items = []
    for i, h in enumerate(headers):
        end = headers[i + 1].start if i + 1 < len(headers) else text_end
        items.append(Item(h, h.start, end, group_statements(phrases, h.start, end)))
    return items


OBJET_BELOW = 200  # how far under a deliberation number its « Objet : » line may be
EXTRACT_LOOKBACK = 2500  # how far above its number an extract's register heading may be


# « DEL 2022/54 – Nomenclature : 7.1 Décisions budgétaires »: what follows the number is the act's
# class in the ACTES nomenclature, not its title
ACTES_CLASS = re.compile(r"(?:nomenclature|mati[èe]re|classification|code\s+(?:actes|mati[èe]re))\b[^:\n\d]{0,20}:?[ \t]*\d{1,2}\.\d", re.I)


def _with_title_above(text: str, header: Header, floor: int) -> Header:
    """« b. Mise en place du régime indemnitaire (RIFSEEP) -\nDélibération n° 2023 034 D (Voir
    annexe) »: a deliberation number printed under its item's title, with nothing of a
    title after it, belongs to the title above; the item starts there."""
    words = re.findall(r"[^\W\d_]{3,}", re.sub(r"[({][^)}]*[)}]", " ", header.title))
    if len(words) >= 2 and not ACTES_CLASS.match(header.title):
        return header
    if below := _title_below(text, header):
        return below
    # « Délibération n° 2023-012 / Objet : Tarifs … »: the title is printed below, the lines
    # above are the extract's header (séance, counts)
    if OBJET_LINE.search(text[header.end:header.end + OBJET_BELOW]):
        # the extract starts at its « EXTRAIT DU REGISTRE … » heading, with its séance and counts
        lo = max(floor, header.start - EXTRACT_LOOKBACK)
        opening = [m for m in REGISTER_HEADER.finditer(text, lo, header.start) if m.start() < header.start - 1]
        if not opening:
            return header
        start = opening[0].start() + len(opening[0].group(0)) - len(opening[0].group(0).lstrip(" \t*#>"))
        return Header(start, header.end, header.family, header.number, header.title,
                      header.rank, header.label, header.introduces_list)
    above = _title_blocks(text, max(floor, header.start - TITLE_LOOKBACK), header.start)
    if not above:
        return header
    title = above[-1]
    return Header(title.start, header.end, header.family, header.number, item_title(text, title),
                  header.rank, header.label, header.introduces_list)


def _title_below(text: str, header: Header) -> Optional[Header]:
    """« Délibération n° 2024-01-02 / Tourisme – Subvention … »: the title on the line right
    under the number (no blank line between; one when the number stands alone on its line)."""
    line_start = header.end + 1
    if not header.title and (blank := re.match(r"[ \t]*\n", text[line_start:])):
        line_start += blank.end()
    line_end = text.find("\n", line_start)
    line_end = len(text) if line_end == -1 else line_end
    line = text[line_start:line_end].strip()
    line = line[m.end():] if (m := _ITEM_NUMBER.match(line)) else line  # « 1.2. Admission en non-valeur … »
    line = m.group("title") if (m := OBJET_LINE.match(line)) else line  # « N° 2023-061 / Objet : Tarifs … »
    line = re.sub(r"[ \t]*:$", "", line)  # « 2023-03-001 / II – Désignation d'un délégué : »
    if not line or not _reads_as_title(line):
        return None
    return Header(header.start, line_end, header.family, header.number, _clean(line),
                  header.rank, header.label, header.introduces_list)


# the item's own number before a title printed under « Délibération n° … »: « 1.2. », « 3) »
_ITEM_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)]|[IVXL]{1,5}[ \t]*[.)–—-])[ \t]+(?=\S)")


def _under_rubrics(families: dict[str, list[Header]], phrases: list[tuple[int, int, str]], text: str) -> list[Header]:
    """Items numbered afresh under each roman rubric (« III - Contrats / 1) Garantie d'emprunt /
    2) Dojo / IV - Subventions / 1) … »): the numbered items, each knowing its rubric, and the
    rubrics that number no item (« I - Approbation du procès-verbal »). Empty unless two
    rubrics or more number items."""
    best: list[Header] = []
    best_decided = 0
    for romans in _roman_series(families.get("roman", [])):
        for family, numbered in families.items():
            if not family.startswith(("arabic", "dotted")):
                continue

            def items_under(rubric: Header, end: int) -> list[Header]:
                items = longest_run([h for h in numbered if rubric.end <= h.start < end])
                return items if items and items[0].rank[0] == 1 else []

            headers, rubrics_with_items = _nested(romans, items_under, text)
            decided = sum(1 for item in _items(headers, phrases, len(text)) if item.decisions)
            if rubrics_with_items >= 2 and decided > best_decided:
                best, best_decided = headers, decided
    return best


def _dotted_under_numbers(families: dict[str, list[Header]], text: str) -> list[Header]:
    """« 2 - ADMINISTRATION GENERALE / 2-1 Compte administratif / 2-2 Budget / 3 - TRAVAUX / 3-1 … /
    4 - Personnel »: a numbered item followed by its sub-items n-1, n-2… is their rubric; the items
    are the sub-items, and the numbered items that have none. Empty unless one has sub-items."""
    dotted = families.get("dotted", [])
    if not dotted:
        return []

    def sub_items(parent: Header, end: int) -> list[Header]:
        return [h for h in dotted if parent.end <= h.start < end and re.split(r"[.-]", h.number)[0] == parent.number]

    best: list[Header] = []
    for family, numbered in families.items():
        if family.startswith(("arabic", "bare")):
            headers, with_sub_items = _nested(longest_run(numbered), sub_items, text)
            if with_sub_items and len(headers) > len(best):
                best = headers
    return best


def _nested(rubrics: list[Header], items_under: Callable[[Header, int], list[Header]],
            text: str) -> tuple[list[Header], int]:
    """Each rubric replaced by the items `items_under` finds between it and the next rubric, each
    knowing the rubric's title; a rubric with none kept as an item. And how many rubrics had items."""
    headers, with_items = [], 0
    for i, rubric in enumerate(rubrics):
        end = rubrics[i + 1].start if i + 1 < len(rubrics) else len(text)
        items = items_under(rubric, end)
        if items:
            with_items += 1
            headers += [replace(h, rubric=rubric.title) for h in items]
        else:
            headers.append(rubric)
    return headers, with_items


def _roman_series(romans: list[Header]) -> list[list[Header]]:
    """The series I, II, III… of roman rubrics, each from its « I » (a summary printed before
    the minutes is a series of its own)."""
    series: list[list[Header]] = []
    for header in romans:
        if header.rank == (1, "") or not series:
            series.append([])
        series[-1].append(header)
    return [longest_run(s) for s in series]


def _choose_layout(families: dict[str, list[Header]], phrases: list[tuple[int, int, str]], text: str) -> list[Item]:
    """The family of headers whose items hold the most decisions (at least two)."""
    text_end = len(text)
    preference = ["register", "deliberation", "coded", "question", "nested", "arabic", "bare", "roman", "dotted"]
    best: list[Item] = []
    best_score = (1, 0)
    if nested := _under_rubrics(families, phrases, text):
        families = {**families, "nested": nested}
    if nested := _dotted_under_numbers(families, text):
        families = {**families, "nested-numbers": nested}
    for family, headers in families.items():
        rank = preference.index(re.match(r"[a-z]+", family).group())
        if family.startswith("nested"):
            pass  # already in order, numbered afresh under each rubric
        elif family == "dotted":
            # « 2.1 Budget primitif », « 2.2 Taux », « 3.1 … » with no rubric numbered above them
            headers = _dedupe(headers, phrases, text_end)
        elif headers and headers[0].rank is not None:
            headers = without_agenda(headers, text)
            headers = _with_items_out_of_order(longest_run(headers), headers)
        else:
            headers = _dedupe(headers, phrases, text_end)
        if len(headers) < 2:
            continue
        if family in ("deliberation", "coded") or (family == "register" and all(ACTES_CLASS.match(h.title) for h in headers)):
            headers = [_with_title_above(text, h, headers[i - 1].end if i else 0) for i, h in enumerate(headers)]
        items = _items(headers, phrases, text_end)
        with_decision = sum(1 for it in items if it.decisions)
        if family in ("roman", "dotted") and with_decision < len(items) * 0.8:
            continue  # roman numbers are rubrics holding several deliberations; n.m the points of a text
        score = (with_decision, -rank)
        if with_decision >= 2 and score > best_score:
            best, best_score = items, score
    return best


def _unnumbered_items(text: str, phrases: list[tuple[int, int, str]]) -> list[Item]:
    """Titles followed by who presents them (« Madame MALARD donne lecture du rapport
    suivant »), or « OBJET : » lines: each decision goes to the nearest one before it."""
    headers = [Header(m.start(), m.end(), "objet", None, _clean(m.group("title"))) for m in OBJET_LINE.finditer(text)]
    for m in re.finditer(r"^[ \t]*(?P<title>[A-ZÀ-Ý][^\n]{2,150})(?=\n(?:[ \t]*\n)?(?P<next>[^\n]*))", text, re.M):
        title = m.group("title").strip()
        if PRESENTER.search(m.group("next")) and not PRESENTER.search(title) and not title.endswith("."):
            headers.append(Header(m.start("title"), m.end("title"), "titled", None, _clean(title)))
    headers.sort(key=lambda h: h.start)
    items = [it for it in _items(headers, phrases, len(text)) if it.decisions]
    return items if len(items) >= 2 else []


# --- Unnumbered items, found from their decisions ------------------------------------------

# A line that opens prose, a list, an attendance block or a vote: never an item's title.
_NOT_A_TITLE_START = re.compile(
    r"^\W*(?:vu|vus|considerant|attendu|le\s+conseil|la\s+conseil|les\s+membres|monsieur|madame|messieurs|mesdames|"
    r"m\.|mme|mr|mlle|m\s|apres|suite|il|elle|ils|elles|on|nous|je|pour|contre|abstentions?|decide|"
    # « Vote : 12 pour », « Votes pour : 9 » (but « Vote du budget primitif » is a title)
    r"votes?(?!\s+(?:du|des|de|d')\b)|"
    r"article|art\.|presents?|absents?|excuses?|representes?|secretaire|l'an|ordre\s+du\s+jour|seance|"
    r"pouvoirs?\s*:|procurations?\s*:|rapporteure?s?\b|"
    r"(?:debut|fin|cloture|ouverture)\s+de\s+(?:la\s+)?seance|"
    r"la\s+seance|page|mairie|commune\s+de|conseil\s+municipal|compte[\s-]*rendu\s+(?:de\s+la\s+reunion|du\s+conseil)|"
    r"reunion\s+du\s+conseil|extrait\s+du\s+registre|"
    r"proces[\s-]*verbal|date|fait\s+a|ainsi|en\s+consequence|de\s|d'|du\s|des\s|et\s|ou\s|a\s)", re.I)
_SENTENCE_END = (".", "!", "?", ":", ";", "»", ")")
TITLE_MAX = 220
TITLE_LINES = 3
TITLE_LOOKBACK = 400  # how far above a bare « Délibération n° » line its title may be printed
SHORT_LINE = 50  # a line this short is no wrapped prose: what follows it starts afresh


def _title_blocks(text: str, lo: int, hi: int) -> list[Header]:
    """The lines of [lo, hi) that read as an item's title: a short block starting after
    a sentence's end, in a capital, that does not end as prose does (« … ; », « … . »,
    « … : ») — unless it is printed in capitals — and is no vote, list or attendance line."""
    found = []
    pos = max(lo, _session_lists_start(text))
    previous = ""  # the previous non-blank line
    title_bullet = None  # the bullet of a bulleted title found right under a heading
    while pos < hi:
        end = text.find("\n", pos, hi)
        end = hi if end == -1 else end
        line = text[pos:end].strip()
        heading = None  # a heading drawn with a bullet, alone in its paragraph (see _bulleted_heading)
        # a bulleted title right under a heading (« II. OPERATION GRAND SITE / - Convention… »),
        # and the next ones with that bullet; a bullet elsewhere is a point of a list
        if bullet := _BULLET_TITLE.match(line):
            if found and not text[found[-1].end:pos].strip():
                title_bullet = bullet.group("bullet")
            if bullet.group("bullet") == title_bullet:
                line = bullet.group("title")
            elif heading := _bulleted_heading(text, pos, end, bullet):
                line = heading
        opens_paragraph = not previous or previous.endswith(_SENTENCE_END) or len(previous) < SHORT_LINE
        if line and opens_paragraph and (head := _run_in_head(line, text)):
            found.append(Header(pos + text[pos:end].find(head), end, "run-in", None, head))
        elif line and opens_paragraph and _reads_as_title(line):
            start = pos + text[pos:end].find(line)
            block = _paragraph(text, start)
            if len(block) <= TITLE_LINES and sum(map(len, block)) <= TITLE_MAX \
                    and (heading or _reads_as_title(block[-1], ending_only=True)):
                enumerator = ENUMERATOR.match(line)
                number = _clean(enumerator.group(0)) if enumerator else None
                found.append(Header(start, end, "bulleted" if heading else "titled", number,
                                    _clean(line[enumerator.end():] if enumerator else line)))
        if line:
            previous = line
        pos = end + 1
    return found


# « Subvention : Après en avoir délibéré, le Conseil Municipal décide … »: a title run into the
# paragraph it opens, before « : » (not a label of the session's header: « Date de convocation : »).
RUN_IN_HEAD = re.compile(r"^(?P<head>[A-ZÀ-Ý][^:\n]{2,150}?)[ \t]?:[ \t]+(?P<next>[A-ZÀ-Ýa-zà-ÿ«\"“])")
_SESSION_LABEL = re.compile(
    r"^(?:nombre|secretaire|date|presents?|absents?|excuses?|pouvoirs?|procurations?|votants?|pour|contre|abstentions?|"
    r"votes?|objet|rapporteur|ordre\s+du\s+jour|convocation|seance|lieu|presiden|quorum|membres|conseillers|en\s+exercice|"
    r"affich|etaient|etait|ont\s+|a\s+donne|question|information|communication|decision|resultat|scrutin|candidat)")


def _run_in_head(line: str, text: str) -> Optional[str]:
    m = RUN_IN_HEAD.match(line)
    if not m or _SESSION_LABEL.match(fold(m.group("head"))) or not _reads_as_title(m.group("head")):
        return None
    if len(line) < FULL_LINE * _line_width(text) and (m.group("next").islower() or _reads_as_title(line[m.start("next"):])):
        # « Budget primitif 2023 : le budget, équilibré à … » runs on as prose over the line;
        # « Recensement 2024 : désignation du coordonnateur », « Finances : Décision modificative
        # n°1 » are title lines, colon and all
        return None
    if _LISTED_MEMBER.match(line, m.start("next")) or re.match(r"(?:Monsieur|Madame|Messieurs|Mesdames)\b", line[m.start("next"):]):
        return None  # « GOMENÉ : M. Alain ROUXEL, Mme … »: a commune's members in the attendance list
    return _clean(m.group("head"))


FULL_LINE = 0.85  # a line this share of the text's width (`_line_width`) runs on to the next


@functools.lru_cache(maxsize=2)  # asked for at run-in titles all over the document being read
def _line_width(text: str) -> int:
    """How wide the text's lines run: the 90th percentile of their lengths."""
    lengths = sorted(len(line.strip()) for line in text.split("\n") if line.strip())
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


# The session's list of members present, near the top of the minutes: the headings above it
# (« REUNION COMMUNAUTE DE COMMUNES », « COMPTE RENDU CONSEIL MUNICIPAL DU 30 MARS 2023 ») are
# the document's, never an item's title.
_PRESENT_LIST = re.compile(r"^[ \t]*(?:etai(?:en)?t\s+)?presente?s?\b[^\n]{0,40}:", re.M)
SESSION_HEAD = 4000


def _session_lists_start(text: str) -> int:
    m = _PRESENT_LIST.search(fold(text[:SESSION_HEAD]))
    return m.start() if m else 0


_RUNS_ON = re.compile(r"(?:[-–—«(/,]|\b(?:de|des|du|la|le|les|et|à|au|aux|en|pour|sur|par|d'|l'|d’|l’))\s*$", re.I)


def _paragraph(text: str, start: int) -> list[str]:
    """The printed lines of the paragraph opening at `start`: a line runs on when the
    next starts in lower case or it ends on a link word. Stops after TITLE_LINES + 1
    lines: a longer paragraph is prose, whatever it is."""
    lines = []
    pos = start
    while pos < len(text) and len(lines) <= TITLE_LINES:
        end = _line_end(text, pos)
        line = text[pos:end].strip()
        if not line:
            break
        lines.append(line)
        following = text[end:_line_end(text, end)].strip()
        if not following or not (following[0].islower() or _RUNS_ON.search(line)):
            break
        pos = end
    return lines


# « a) », « 3. », « IV - », and with a sub-number « IV.1 – », « 2.1 »
ENUMERATOR = re.compile(r"^(?:(?:\d{1,3}|[IVXL]{1,5})(?:[.-]\d{1,3})+\.?(?:[ \t]*[)°/–—-])?"
                        r"|(?:[a-zA-Z]|\d{1,3}|[IVXL]{1,5})[ \t]?[.)°/-]{1,2})[ \t]+(?=\S)")


def _reads_as_title(line: str, ending_only: bool = False) -> bool:
    """A line that may be an item's title; `ending_only` checks only how it ends
    (the last line of a title running over several)."""
    capitals = sum(c.isupper() for c in line) >= 0.7 * sum(c.isalpha() for c in line)
    # an acronym's full stop ends no sentence: « … des espaces publics (P.A.V.E. » (OCR lost the « ) »)
    ends_as_prose = line.endswith((".", ",", ";", ":")) and not _ACRONYM_END.search(line)
    if ending_only:
        return capitals or not ends_as_prose
    line = ENUMERATOR.sub("", line, count=1)  # « a. Décision modificative », « 2) Urbanisme »
    folded = fold(line)
    # a title in quotes opens on a capital: « “ 526 € provenant… » is a bullet OCR read as a quote
    if len(line) < 4 or not (line[0].isupper() or line[0] in "«\"“" and line[1:].lstrip()[:1].isupper()):
        return False
    if _NOT_A_TITLE_START.match(folded) or DECISION.search(folded) or re.search(r"\bvoix\b|\bdonne\s+pouvoir|procuration", folded):
        return False
    if len(_LISTED_MEMBER.findall(line)) >= 2 or re.search(r":\s*" + _LISTED_MEMBER.pattern, line):
        return False  # « GOMENÉ : M. Alain ROUXEL, Mme Odile LE BRAS » is a line of the attendance list
    if _NAMES_LINE.match(line):
        return False  # « Hubert CAUCHOIS, Cyril MASSELIN, Francis HÉNOCQUE, … »: names, without civilités
    if _FIGURE_LINE.fullmatch(line) or _SESSION_LINE.match(folded):
        return False  # « Nombre de votants : 27 », « Nombre de conseillers en exercice : 15 – Présents : 12 »
    return capitals or not ends_as_prose


_LISTED_MEMBER = re.compile(r"\b(?:M\.|Mme|Mmes|MM\.|Mlle|Mr)\s+[A-ZÀ-Ý]")
# Three names or more, comma-separated, one of them at least in capitals (« Sarah HARISPE, Eric DELVILLE, … »)
_NAME = r"[A-ZÀ-Ý][\w'’-]*(?:[ \t]+[A-ZÀ-Ý][\w'’-]*){0,3}"
_NAMES_LINE = re.compile(rf"^(?=.*\b[A-ZÀ-Ý]{{3,}}\b){_NAME}(?:,[ \t]*{_NAME}){{2,}},?$")
_ACRONYM_END = re.compile(r"\b(?:[A-Z]\.){2,}$")


def _titled_items(text: str, phrases: list[tuple[int, int, str]], lo: int = 0) -> list[Item]:
    """Minutes without numbers: every decision statement closes an item, whose title is
    found among the title-like lines between the previous decision and this one (see
    `_item_title`). A decision with no title before it since the previous one belongs
    to the same item."""
    items: list[Item] = []
    previous_end = lo
    for decision in group_statements(phrases, lo, text=text):
        titles = _title_blocks(text, previous_end, _line_end(text, decision.start))
        if not items:
            titles = _after_session_head(text, titles, decision.start)
        if titles and titles[-1].family == "run-in" and "\n\n" not in text[titles[-1].start:decision.start]:
            title = titles[-1]  # the decision's own paragraph opens on its title
        else:
            titles = [t for t in titles if t.start < text.rfind("\n", 0, decision.start) + 1]
            title = _item_title(text, titles)
        if title is not None:
            items.append(Item(title, title.start, len(text), [decision]))
        elif items:
            items[-1].decisions.append(decision)
        previous_end = _line_end(text, decision.end)
    for item, following in zip(items, items[1:]):
        item.end = following.start
    return items


# A line of the session's head: its lists, counts, quorum and secretary (folded text)
_SESSION_LINE = re.compile(
    r"^[ \t•*-]*(?:(?:etai(?:en)?t\s+)?(?:presente?s?|absente?s?|excusee?s?|representee?s?)\b|pouvoirs?\b|procurations?\b"
    r"|votants?\b|secretaire\s+de\s+(?:la\s+)?seance|(?:nombre\s+de\s+)?(?:conseillers|delegues|membres)\b[^\n]{0,40}\ben\s+exercice"
    r"|[^\n]{0,60}\bquorum\b)[^\n]*", re.M)


def _after_session_head(text: str, titles: list[Header], decision_start: int) -> list[Header]:
    """The first decision's titles printed after the session's head — its lists, counts and
    secretary — when there are any: the lines above it (the syndicat's name, the sitting's
    date and place) are the document's heading, not the item's. A register's extract, its
    title above its own counts, keeps its titles."""
    ends = [m.end() for m in _SESSION_LINE.finditer(fold(text[:min(decision_start, SESSION_HEAD)]))]
    after = [t for t in titles if ends and t.start >= ends[-1]]
    return after or titles


def _item_title(text: str, titles: list[Header]) -> Optional[Header]:
    """The title of the item a decision closes, among the title-like lines printed since
    the previous decision: the first, passing over a rubric (a title followed by another
    title with nothing between, « FINANCES ») and over an enumerated title followed by
    another of the same kind (« c. Emploi … » then « a. Lancement … »: item c decided
    nothing, the decision is a's; so with bulleted headings) or an item that decides nothing by
    its very title (« Point sur les logements »). A later unnumbered title-like line is a
    subheading of the item's text."""
    for i, title in enumerate(titles):
        later = titles[i + 1:]
        if later and not text[title.end:later[0].start].strip():
            continue
        if later and NOT_DELIBERATIVE.match(title.title):
            continue  # « Point sur les logements » then « Compétence eau potable … décide »
        if title.number and any(other.number and _same_kind(title.number, other.number) for other in later):
            continue
        if title.family == "bulleted" and any(other.family == "bulleted" for other in later):
            continue  # « – Compte rendu de visite » (no decision), then « – Durée des concessions : »
        return title
    return titles[-1] if titles else None


def _same_kind(a: str, b: str) -> bool:
    """Two enumerators of one series: both numbers, both letters or both roman numerals
    (« I », « V », « X » may be either)."""
    def kinds(n: str) -> set[str]:
        if n[0].isdigit():
            return {"digit"}
        if re.fullmatch(r"[IVXL]+", n):
            return {"roman"} if len(n) > 1 else {"roman", "letter"}
        return {"letter"}
    return bool(kinds(a) & kinds(b))


def _best_items(text: str, phrases: list[tuple[int, int, str]]) -> list[Item]:
    """Numbered items when the document numbers them: numbers are the stronger evidence
    (a title-like line inside an item is common, a number series that is not the items
    is not). Otherwise the unnumbered items whose titles hold more of its decisions:
    titles followed by who presents them, or found from the decisions themselves."""
    numbered = _choose_layout(find_item_headers(text), phrases, text)
    if numbered and not _rubrics(numbered, phrases, text):
        return numbered
    titled = _titled_items(text, phrases)  # only when the numbers do not settle it
    presented = [] if numbered else _unnumbered_items(text, phrases)
    decided = lambda items: sum(1 for item in items if item.decisions)  # noqa: E731
    if decided(titled) > max(1, decided(presented), decided(numbered)):
        return titled
    return numbered or presented


def _rubrics(items: list[Item], phrases: list[tuple[int, int, str]], text: str) -> bool:
    """Numbered headers that are rubrics (« 1. COMMISSION FINANCES ») over titled items:
    most of them hold several decisions, each after a title of its own (the rounds and
    proclamations of one election are one decision)."""
    separate = [sum(1 for d in group_statements(phrases, item.start, item.end, text=text) if d.kinds - {"election"})
                for item in items if item.decisions]
    return len(separate) >= 2 and sum(n > 1 for n in separate) > len(separate) / 2


def _informative(header: Header) -> bool:
    """An item of « Questions diverses » or « Communications », or numbered under such a rubric."""
    return _informative_title(header.title) or _informative_title(header.rubric or "")


def _informative_title(title: str) -> bool:
    # (the approval of the previous minutes is no information: it is voted)
    return NOT_DELIBERATIVE.match(title) is not None and not APPROVAL_OF_MINUTES.match(title)


def _is_deliberation(item: Item, text: str) -> bool:
    title = item.header.title
    body = text[item.header.end:item.end]
    numbered_as_deliberation = item.header.family in ("register", "deliberation") or item.header.label == "deliberation"
    if item.header.label in ("information", "communication", "debat") and not item.decisions:
        return False
    if item.header.rubric and _informative(item.header) and not item.decisions:
        return False
    if WITHDRAWN.search(body[:400]) and not item.decisions:
        return False
    if numbered_as_deliberation:
        return True  # a registered deliberation, whatever it tells (« Information sur les marchés »)
    if INFORMATION_ONLY.search(body) and not item.decisions:
        return False  # « Point travaux / M. X fait le point sur la réfection de la rue (information). »
    if NO_VOTE.search(body) and not any(d.kinds & {"tally", "form", "verdict", "unanimous", "passive"} for d in item.decisions):
        return False  # « Le conseil prend acte des arrêtés de délégation (information, pas de vote) »
    if APPROVAL_OF_MINUTES.match(title):
        return False  # the previous minutes approved: a formality, no deliberation (unless registered as one)
    if item.decisions:
        return True
    # Minutes that list an item without any account of it (« Max LEVITA 71. Report
    # cotisations 2010 » followed by the next item), or that say a deliberation was read
    # out and not how it was voted: a deliberation all the same.
    if NOT_DELIBERATIVE.match(title):
        return False
    return len(body.strip()) < LISTED_ONLY or PRESENTS_A_DELIBERATION.search(body) is not None


# « Madame DUPUIS fait lecture du projet de délibération », « met la délibération au vote »,
# « cette délibération permet d'aider financièrement les familles » (the item's own, not
# « cette délibération du 12 mars 2009 » recalled)
PRESENTS_A_DELIBERATION = re.compile(
    r"\b(?:projet\s+de\s+d[ée]lib[ée]ration|lecture\s+(?:du\s+projet\s+)?de\s+la\s+d[ée]lib[ée]ration|"
    r"met\s+la\s+d[ée]lib[ée]ration\s+au\s+vote|(?:cette|la\s+pr[ée]sente)\s+d[ée]lib[ée]ration\b(?!\s+(?:du|en\s+date)\b))",
    re.I)


# --- Splitting an item with several decisions -------------------------------------------

SUB_HEADER = re.compile(r"^[ \t]*(?P<num>\d{1,2}[.-]\d{1,2}(?:[.-]\d{1,2})?)(?:\.|[ \t]*[-–—)])?[ \t]+(?P<title>[^\W\d].*)$", re.M)


def _split(item: Item, text: str) -> list[tuple[int, int, Optional[str], str]]:
    """(start, end, number, title) of each deliberation of the item: one, or one per
    tally when it holds several, or — under « Questions diverses » — one per
    decision, named after its sub-item (« 6.3 Verger de sauvegarde »)."""
    if parts := _bulleted_under_rubric(item, text):
        return parts
    if parts := _decided_sub_items(item, text):
        return parts
    if parts := _labelled_sub_items(item, text):
        return parts
    header = item.header
    title = item_title(text, header)
    rubric = _informative_title(title) and header.label != "deliberation"
    strong = [d for d in item.decisions if d.splits] if not rubric else item.decisions
    if len(strong) < 2 and not (rubric and strong):
        return [(item.start, item.end, header.number, title)]
    parts = []
    start = item.start
    leads = [_vote_lead(text, d.start) for d in strong]
    # « DM1 pour budget communal approuvé : Vote : … » / « DM1 pour budget assainissement
    # approuvé : Vote : … »: when every vote is labelled, the first one is named by its label too
    all_labelled = all(len(lead) > 8 for lead in leads)
    for i, d in enumerate(strong):
        end = item.end if i == len(strong) - 1 else _line_end(text, d.end)
        if rubric and (after := SUB_HEADER.search(text, d.end, end)):
            end = after.start()  # the next sub-item of « Questions diverses » is not this decision's
        number, part_title = header.number, title
        subs = list(SUB_HEADER.finditer(text, start, d.start))
        lead = leads[i]
        if subs:
            number, part_title = subs[-1].group("num"), _clean(subs[-1].group("title"))
            if rubric:
                start = subs[-1].start()
        elif (i > 0 or rubric or all_labelled) and len(lead) > 8:
            part_title = lead  # « DM1 pour budget assainissement : Vote : … »
        parts.append((start, end, number, part_title))
        start = end
    return parts


def _decided_sub_items(item: Item, text: str) -> list[tuple[int, int, Optional[str], str]]:
    """« I. Désignation des délégués : / 1.1 Communauté de communes … Vote à l'unanimité. /
    1.2 Syndicat … Vote à l'unanimité. »: sub-items each closed by a decision of its own are
    deliberations each. Empty unless there are two such sub-items or more, or one right under
    its rubric's number (« 8) – PERSONNEL / 8-1 Mise à jour du tableau des effectifs »)."""
    subs = list(SUB_HEADER.finditer(text, item.header.end, item.end))
    alone_under_rubric = len(subs) == 1 and not text[item.header.end:subs[0].start()].strip() \
        and re.split(r"[.-]", subs[0].group("num"))[0] == item.header.number
    if len(subs) < 2 and not alone_under_rubric:
        return []
    bounds = [m.start() for m in subs] + [item.end]
    parts = []
    for m, end in zip(subs, bounds[1:]):
        if not find_decisions(text[m.end():end]):
            return []
        parts.append((m.start(), end, m.group("num"), _clean(m.group("title"))))
    return parts


# « Commune : », « Service de l'eau : », « Budget annexe assainissement : » alone on their line: the
# parts of an item (one budget each) that the council decides on one after the other
SUB_LABEL = re.compile(r"^[ \t]*(?P<label>[A-ZÀ-Ý][^\n:;.]{1,60}?)[ \t]*:[ \t]*$", re.M)


def _labelled_sub_items(item: Item, text: str) -> list[tuple[int, int, Optional[str], str]]:
    """« COMPTES ADMINISTRATIFS 2022 : / Commune : … approuve … / Service de l'eau : … l'approuve »:
    labels, right under the title, each followed by a decision of its own, are deliberations each
    (« COMPTES ADMINISTRATIFS 2022 : Commune »). Empty unless two labels or more are so."""
    labels = [m for m in SUB_LABEL.finditer(text, item.header.end, item.end)
              if len(m.group("label").split()) <= 6 and not _NOT_A_TITLE_START.match(fold(m.group("label")))]
    if len(labels) < 2 or text[item.header.end:labels[0].start()].strip():
        return []
    title = item_title(text, item.header)
    bounds = [m.start() for m in labels[1:]] + [item.end]
    parts, start = [], item.start
    for label, end in zip(labels, bounds):
        if not find_decisions(text[label.end():end]):
            return []
        parts.append((start, end, item.header.number, f"{title} : {_clean(label.group('label'))}"))
        start = end
    return parts


# « - Convention d'occupation des locaux », « • Création d'un poste »: a title behind a bullet
_BULLET_TITLE = re.compile(r"^[ \t]*(?P<bullet>[-–•*.·])[ \t]+(?P<title>[A-ZÀ-Ý].*)$", re.M)


def _bulleted_heading(text: str, pos: int, end: int, bullet: re.Match) -> Optional[str]:
    """« – Durée des concessions : » alone after a blank line, prose under it: a heading drawn
    with a bullet, its title without the colon. (A point of a list has another point under it.)"""
    title = bullet.group("title").rstrip(" \t:")
    below = text[end + 1:_line_end(text, end + 1)].strip()
    previous_line = text[text.rfind("\n", 0, pos - 1) + 1:pos - 1] if pos > 0 and text[pos - 1] == "\n" else None
    after_blank_line = previous_line is not None and not previous_line.strip(" \t")
    if not after_blank_line or len(title) > TITLE_MAX // 2 or not below:
        return None
    return None if _BULLET_TITLE.match(below) else title


def _bulleted_under_rubric(item: Item, text: str) -> list[tuple[int, int, Optional[str], str]]:
    """« II. OPERATION GRAND SITE / - Convention d'occupation… / … / Adopté … »: a numbered
    header followed at once by a bulleted title is a rubric, and the bulleted titles that a
    decision follows are its deliberations (a bulleted line before the next one without a
    decision between is a point of the same item's text). Empty when the item is not so."""
    bullets = [m for m in _BULLET_TITLE.finditer(text, item.header.end, item.end) if _reads_as_title(m.group("title"))]
    if not bullets or not item.decisions or text[item.header.end:bullets[0].start()].strip():
        return []
    parts: list[tuple[int, int, Optional[str], str]] = []
    start, title = item.start, _clean(bullets[0].group("title"))
    for bullet in bullets[1:]:
        if any(start <= d.start < bullet.start() for d in item.decisions):
            parts.append((start, bullet.start(), item.header.number, title))
            start, title = bullet.start(), _clean(bullet.group("title"))
    parts.append((start, item.end, item.header.number, title))
    return parts


# The verdict a vote's label ends on: « DM1 pour budget communal approuvé : Vote : … ».
_LEAD_VERDICT = re.compile(r"\s+(?:approuv|adopt|rejet|valid|accept)[ée]e?s?$", re.I)


def _vote_lead(text: str, pos: int) -> str:
    """The label printed before a vote on its line (« DM1 pour budget communal approuvé : Vote :
    14 pour … » -> « DM1 pour budget communal »), empty when the vote opens its line."""
    line_start = text.rfind("\n", 0, pos) + 1
    lead = _clean(re.split(r"\s*:\s*vote\b|\bvote\s*:", text[line_start:pos], flags=re.I)[0])
    return _LEAD_VERDICT.sub("", lead)


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end == -1 else end + 1


# --- Titles and the gap before the next item -----------------------------------------------

# The rapporteur printed in a column right of the title (« 2. – Désignation … mixte M. le Maire »,
# « … au titre de 2024 Mme LEFEBVRE »: the column's gap is one space once the text is read), or
# on a line of its own inside a title running over two lines.
_RAPPORTEUR_COLUMN = re.compile(r"(?<=[\w)»]) (?:M\.|Mme|Monsieur|Madame)[ \t]+(?:l[ea][ \t]+(?:Maire|Pr[ée]sidente?)|[A-ZÀ-Ý][A-ZÀ-Ý'’-]+)$")
_RAPPORTEUR_LINE = re.compile(r"^(?:M\.|Mme|Monsieur|Madame)[ \t]+(?:le[ \t]+Maire|[A-ZÀ-Ý][\w'’-]+(?:[ \t]+[A-ZÀ-Ý][\w'’-]+)?)$")
_STOP_TITLE = re.compile(r"^\W*(?:pour\s*:|contre\s*:|vote\s*:|adopt|rapporteur|monsieur|madame|m\.|mme|vu\b|le conseil)", re.I)


def item_title(text: str, header: Header) -> str:
    """The header's title, with the lines it runs over: a line is continued when the
    next one starts in lower case or the title stops on a link word (« … au titre
    des\nMonuments Historiques »). Montpellier prints the rapporteur's surname at
    the start of those lines (« BOUILLE Attribution de subventions »)."""
    if header.family == "run-in":
        return header.title  # the line goes on with the item's text
    title, last_line = header.title, text[header.start:header.end].rstrip()  # as printed: « … SPORTIVES - »
    column = _RAPPORTEUR_COLUMN.search(last_line)
    if column and title.endswith(column.group(0).strip()) and len(title.split()) > 4:
        title, last_line = title[:-len(column.group(0))].rstrip(), last_line[:column.start()]
    pos = header.end + 1
    for _ in range(3):
        if pos >= len(text) or len(title) > 300:
            break
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end == -1 else line_end
        line = _RAPPORTEUR_COLUMN.sub("", text[pos:line_end]).strip()
        if header.family.startswith("arabic") and re.match(r"[A-ZÀ-Ý]{2,}[\w\-]*\s", line):
            line = re.sub(r"^[A-ZÀ-Ý\-]{2,}(?:\s+[A-ZÀ-Ý\-]{2,})*-?\s+", "", line)  # the rapporteur's column
        runs_over = re.search(r"(?:[-–—«(/,]|\b(?:de|des|du|la|le|les|et|à|au|aux|en|pour|sur|d'|l')\s*)$", last_line, re.I)
        if runs_over and _RAPPORTEUR_LINE.match(line):
            pos = line_end + 1  # « Garantie d'emprunt accordée à » / « M. VERHAEGHE » / « la SA d'HLM … »
            continue
        if not line or DECISION.search(fold(line)) or PRESENTER.search(line) or _STOP_TITLE.match(fold(line)):
            break
        if not (runs_over or line[0].islower()):
            break
        joiner = " - " if re.search(r"\s[-–—]$", last_line) else " "
        title = f"{title}{joiner}{line}"
        last_line = line
        pos = line_end + 1
    return _clean(_without_run_on_text(title))


# The item's text run on after its title on the same line: « … du SIAEP Sioule-Morge Le conseil
# municipal désigne … », « … irrécouvrables Sur proposition du comptable public, … »
_TEXT_RUN_ON = re.compile(r"(?<=[\w)»])\s+(?=(?:Le|La|Les|L['’]|Sur|Monsieur|Madame|Après|Vu|Considérant)\s+"
                          r"(?:[a-zà-ÿ]|Maire\b|Pr[ée]sident))")
_LINK_WORD = re.compile(r"\b(?:à|au|aux|de|du|des|par|pour|avec|et|en|sur)$", re.I)


def _without_run_on_text(title: str) -> str:
    """A long title cut where a sentence of the item's text starts (not after a link word:
    « Délégations consenties à Monsieur le Maire » is one title)."""
    if len(title) < 80:
        return title
    for m in _TEXT_RUN_ON.finditer(title):
        if m.start() >= 15 and not _LINK_WORD.search(title[:m.start()]):
            return title[:m.start()]
    return title


RUBRIC = re.compile(r"^[ \t*#>]*(?:[IVXL]{1,6}[ \t]*[.\-–—)][ \t]*)?(?P<title>[A-ZÀ-ÝŒ][^\n]{1,78})$")


def rubric_title(line: str) -> Optional[str]:
    """The rubric a line announces (« IV. PERSONNEL », « AFFAIRES GENERALES », « Petite
    enfance »), or None for a line of prose, a vote or an attendance change."""
    line = line.strip()
    m = RUBRIC.match(line)
    if not m or line.endswith((".", ",", ";")) or re.search(r"\d{2}", line):
        return None
    folded = fold(line)
    if DECISION.search(folded) or re.search(r"\bseance\b|procuration|\bpouvoir\s+a\b|donne\s+pouvoir|\bvote|"
                                            r"arrivee|depart|pour\s*:", folded):
        return None
    if line.endswith(("?", "!")) or re.match(r"(?:monsieur|madame|m\.|mme|mr|secretaire|president)\b[^:]*:", folded):
        return None  # a line of the debate (« Madame DOYEN : Il réintègre quand ? »), the secretary
    if re.fullmatch(r"(?:[A-ZÀ-Ý][a-zà-ÿ\-]+[ \t]+[A-ZÀ-Ý][A-ZÀ-Ý\-]+[ \t]*)+", line):
        return None  # names: « David DOZANCE Martine ROFFAT »
    if len(line.split()) > 10:
        return None
    # « Point n° 2 : Régie du Parking » is a rubric over several deliberations
    return _clean(re.sub(r"^(?:point|question)s?\s+n\s*°\s*\d+\s*:\s*", "", m.group("title"), flags=re.I))


def _trailing_gap(text: str, start: int, end: int, floor: int) -> int:
    """Where an item's text stops: the rubric lines and arrivals/departures printed
    just before the next item are not part of it."""
    changes = [pos for pos, _ in attendance_changes(text[floor:end])]
    cut = end
    pos = end
    after_change = False  # the line below belongs to an arrival / departure
    while pos > max(start, floor):
        line_start = text.rfind("\n", 0, pos - 1) + 1
        line = text[line_start:pos].strip()
        is_change = any(line_start - floor <= c < pos - floor for c in changes) or (
            line and re.search(r"s[ée]ance\.?$|procurations?\)?$", line) and not DECISION.search(fold(line)))
        # « Messieurs Lannelongue (avec la procuration …), Bouillé et » runs on to « … sortent de séance. »
        is_change = is_change or (after_change and bool(line) and not line.endswith(".") and not DECISION.search(fold(line)))
        if line and not is_change and rubric_title(line) is None:
            break
        after_change = bool(is_change) or (after_change and not line)
        cut = line_start
        pos = line_start
    return max(cut, floor)


# --- Recueils of register extracts ------------------------------------------------------------

def _actes_items(text: str) -> list[tuple[int, str]]:
    """(start, internal number) of each register extract of a recueil, by its ACTES
    number: each number of the session's series (« DEL-25-10- ») opens one
    deliberation where it is first printed (the stamp on the extract's first page)."""
    first: dict[str, int] = {}
    printed: dict[str, int] = {}  # how often each series is printed
    found = []
    for m in ACTES.finditer(text):
        internal = re.sub(r"[\s_-]+(?=[A-Z]$)", "", re.sub(r"[\s_]", "-", m.group("internal")))
        series = re.sub(r"\d+[A-Z]?$", "", internal)  # « DEL-25-10- »: the session's series
        found.append((m.start(), series, internal))
        printed[series] = printed.get(series, 0) + 1
    if not printed:
        return []
    session = max(printed, key=printed.get)  # another series is an OCR misreading or a quotation
    for pos, series, internal in found:
        if series == session:
            first.setdefault(internal, pos)
    if len(first) < 3:
        return []
    # « DEL-25-04-031 » is numbered « 25-04-031 » in its register
    return sorted((text.rfind("\n", 0, pos) + 1, re.sub(r"^[A-Za-z]+[-_]?", "", internal))
                  for internal, pos in first.items())


# --- Putting it together ---------------------------------------------------------------------

def _segment(doc: Document, id_prefix: str, start: int, end: int, number: Optional[str],
             title: Optional[str], heading_end: Optional[int] = None) -> Segment:
    return Segment(
        segment_id=f"{id_prefix}-deliberation-{start}", kind="deliberation", char_start=start, char_end=end,
        number=number or None, title=title or None, page_start=doc.page_at(start),
        page_end=doc.page_at(max(start, end - 1)), heading_end=heading_end,
    )


def find_deliberations(doc: Document, id_prefix: str) -> list[Segment]:
    """The deliberations of `doc`, following the cascade of the module's docstring."""
    text = doc.text
    actes = _actes_items(text)
    if actes:
        return [_segment(doc, id_prefix, start, actes[i + 1][0] if i + 1 < len(actes) else len(text), internal, None)
                for i, (start, internal) in enumerate(actes)]
    if LIST_OF_DELIBERATIONS.search(text[:LIST_HEAD]):
        listed = _listed_deliberations(doc, id_prefix)
        if listed:
            return listed
    phrases = decision_phrases(fold(text), text)
    items = _with_added_items(text, phrases, _best_items(text, phrases))
    segments = []
    for item in items:
        if _informative(item.header):
            # « Questions diverses »: a bare « Pour : 49 » there is a poll, not a vote, and
            # « le conseil municipal souhaite… » a wish; only a vote or a verdict decides
            item.decisions = [d for d in item.decisions if d.kinds - {"form", "council"}]
        if not _is_deliberation(item, text):
            continue
        floor = item.decisions[-1].end if item.decisions else item.header.end
        item.end = _trailing_gap(text, item.start, item.end, floor)
        for start, end, number, title in _split(item, text):
            segments.append(_segment(doc, id_prefix, start, end, number, title, item.header.end))
    _one_dash_spacing(segments)
    return segments or _single(doc, id_prefix)


# The heading of items added to the agenda, printed after its last numbered item:
# « Projet de délibération sur table : », « Délibérations supplémentaires », « Points ajoutés
# à l'ordre du jour ».
ADDED_ITEMS = re.compile(
    r"^[ \t*#>•-]*(?:projets?\s+de\s+d[ée]lib[ée]rations?|d[ée]lib[ée]rations?|points?|questions?)\s+"
    r"(?:sur\s+table|suppl[ée]mentaires?|ajout[ée]e?s?(?:\s+[àa]\s+l.ordre\s+du\s+jour)?)[ \t]*:?[ \t]*$",
    re.I | re.M)


def _with_added_items(text: str, phrases: list[tuple[int, int, str]], items: list[Item]) -> list[Item]:
    """The numbered items, and those added under an « ADDED_ITEMS » heading inside the last
    one: each of them, unnumbered, is titled above its decision (« Projet de délibération sur
    table : / Sollicitation de l'aide SOS Commerce / … voté à l'unanimité »)."""
    if not items or items[-1].header.number is None:
        return items
    last = items[-1]
    heading = ADDED_ITEMS.search(text, last.header.end, last.end)
    if heading is None:
        return items
    added = [item for item in _titled_items(text, phrases, heading.start()) if item.start < last.end]
    if not added:
        return items
    added[-1].end = min(added[-1].end, last.end)
    last.end = heading.start()
    last.decisions = [d for d in last.decisions if d.start < heading.start()]
    return items + added


# A register number's dash and the spaces around it: « 2018.04.09-2 », « 2018.04.09 - 9 ».
_NUMBER_DASH = re.compile(r"^(?P<head>[\w.'’/]*\d)(?P<before>[ \t]*)(?P<dash>[-–—])(?P<after>[ \t]*)(?P<tail>\S.*)$")


def _one_dash_spacing(segments: list[Segment]) -> None:
    """A register writes its numbers one way; the spaces around the dash that a few of them
    show (« 2018.04.09 - 9 » among « 2018.04.09-8 », « 2018.04.09-10 ») are typing or OCR
    slips: they take the spacing most of the numbers have. Numbers all spaced alike
    (« 2013.07.01 - 1 » … « 2013.07.01 – 15 A ») stay as printed."""
    found = [(seg, _NUMBER_DASH.match(seg.number or "")) for seg in segments]
    found = [(seg, m) for seg, m in found if m]
    styles: dict[tuple[bool, bool], int] = {}
    for _, m in found:
        style = (bool(m.group("before")), bool(m.group("after")))
        styles[style] = styles.get(style, 0) + 1
    if len(found) < 3 or len(styles) < 2:
        return
    style, count = max(styles.items(), key=lambda kv: kv[1])
    if count * 2 <= len(found):
        return  # no clear majority: keep each as printed
    for seg, m in found:
        seg.number = (m.group("head") + (" " if style[0] else "") + m.group("dash")
                      + (" " if style[1] else "") + m.group("tail"))


# « Liste des délibérations votées le 16 mai 2025 », « Délibérations adoptées en séance du … »:
# a list whose every entry is a deliberation, told without its vote.
LIST_OF_DELIBERATIONS = re.compile(
    r"\bliste\s+des\s+d[ée]lib[ée]rations|\bd[ée]lib[ée]rations\s+(?:vot[ée]es|adopt[ée]es|prises)\b", re.I)
LIST_HEAD = 400
LIST_ENTRY = re.compile(r"^[ \t]*(?:[•·▪◦●*\-–—]|\d{1,3}[ \t]?[.)°-]{1,2})[ \t]*(?P<title>[A-ZÀ-Ýa-zà-ÿ«\"“].{3,})$", re.M)


def _listed_deliberations(doc: Document, id_prefix: str) -> list[Segment]:
    """One deliberation per entry of a list of deliberations (bullets or numbers), each
    up to the next entry; an entry runs over the lines that start in lower case."""
    text = doc.text
    entries = list(LIST_ENTRY.finditer(text))
    segments = []
    for i, entry in enumerate(entries):
        end = entries[i + 1].start() if i + 1 < len(entries) else len(text)
        header = Header(entry.start(), entry.end(), "listed", None, _clean(entry.group("title")))
        segments.append(_segment(doc, id_prefix, entry.start(), end, None, item_title(text, header), entry.end()))
    return segments if len(segments) >= 2 else []


def _single(doc: Document, id_prefix: str) -> list[Segment]:
    """One register extract (or one item): from its register header to the end."""
    text = doc.text
    header = REGISTER_HEADER.search(text)
    if header is None and not find_decisions(text):
        return []  # no header and no decision: not minutes
    start = header.start() + len(header.group(0)) - len(header.group(0).lstrip(" \t*#>")) if header else 0
    number = None
    if header and (m := DELIBERATION_NUMBER.match(text, header.start())):
        number = m.group("num")
    return [_segment(doc, id_prefix, start, len(text), number, None)]


ARTICLE = re.compile(r"^[ \t]*ARTICLE\s+(\d+|PREMIER|1er)\s*[:.\-–]?", re.M | re.I)


def find_articles(doc: Document, id_prefix: str, parents: list[Segment]) -> list[Segment]:
    """ARTICLE 1, ARTICLE 2… each up to the next article or the end of its parent."""
    segments = []
    for parent in parents or [None]:
        lo, hi = (parent.char_start, parent.char_end) if parent else (0, len(doc.text))
        found = list(ARTICLE.finditer(doc.text, lo, hi))
        for i, m in enumerate(found):
            end = found[i + 1].start() if i + 1 < len(found) else hi
            number = "1" if m.group(1).lower() in ("premier", "1er") else m.group(1)
            line_end = doc.text.find("\n", m.start(), end)
            segments.append(Segment(
                segment_id=f"{id_prefix}-article-{m.start()}", kind="article", char_start=m.start(),
                char_end=end, number=number, parent_id=parent.segment_id if parent else None,
                title=doc.text[m.end(): line_end if line_end != -1 else end].strip(" :.-–") or None,
                page_start=doc.page_at(m.start()), page_end=doc.page_at(max(m.start(), end - 1)),
                heading_end=line_end if line_end != -1 else end,
            ))
    return segments
