"""The vote of one deliberation: tally, unanimity, result, who did not take part.

`find_vote(text)` reads the text of ONE deliberation (offsets are relative to it)
and returns a `Vote`, or None when the text states no vote at all.

How it works:
1. Find *clauses* — the small phrases a vote statement is made of: a count
   (« 32 voix pour », « Contre : 1 »), « à l'unanimité », « à la majorité », a
   verdict (« Adopté », « Le Conseil adopte », « rejeté »).
2. Drop clauses of the exposé: a sentence opened by « Vu » / « Considérant », or
   a quotation « … » (the law being quoted, a commission's earlier vote).
3. Group clauses lying close together into *statements* and keep the decisive
   one: among the statements after « Après en avoir délibéré » / « DELIBERE »
   when the text has that marker, the last one holding figures or an unanimity /
   majority; failing that, the last plain verdict.
4. Apply the contract's rules (CONTRACT.md, table `deliberations`):
   - a tally that enumerates categories implies 0 for the ones it leaves out
     (« 32 voix pour, 9 abstentions » -> contre 0);
   - « à l'unanimité » with no figures: unanimite True, counts None, adopté;
   - « à l'unanimité des suffrages exprimés (25 voix), 3 abstentions » -> 25/0/3;
   - « à l'exception de M. X qui s'abstient » / « sauf Mme Y qui vote contre »: the
     members named are counted, contre/abstentions left out are 0, and `others_for`
     tells the caller that pour = votants - the others (pour is not printed);
   - a count of members not taking part (« 3 ne participent pas ») completes the
     tally printed beside it;
   - more votes against than for -> rejeté;
   - a form printed blank (« Pour :\\nContre : ») gives nulls.
Elections (« Ont été élus », « M. X : 27 voix ») are flagged `election`, with
their per-candidate results instead of a for/against tally.

All matching is done on a *folded* copy of the text (lower case, accents
removed, one character for one character) so offsets stay those of the input.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from delib.lang.numbers import NUMBER_WORDS, words_to_int
from delib.lang.text import EXCEPTION_CUE, fold
from delib.lang.votes import UNANIMITY


@dataclass
class Vote:
    """What the text says of the vote; counts are None when not stated nor implied."""

    pour: Optional[int] = None
    contre: Optional[int] = None
    abstentions: Optional[int] = None
    ne_prend_pas_part: Optional[int] = None
    unanimite: Optional[bool] = None
    resultat: Optional[str] = None  # "adopte", "rejete" or None
    non_participants: list[str] = field(default_factory=list)
    char_start: int = 0
    char_end: int = 0
    election: bool = False  # per-candidate results, not a for/against tally
    text: str = ""
    blank_form: bool = False  # the vote fields were printed empty
    # « Adopté, sauf M. X qui s'abstient »: every member not named voted for, so
    # pour = votants - contre - abstentions - ne_prend_pas_part (pour itself is not printed).
    others_for: bool = False
    # Elections only: « Nombre de votants : 33 », « suffrages exprimés : 27 »,
    # and each candidate (or list) with its votes.
    votants: Optional[int] = None
    suffrages_exprimes: Optional[int] = None
    candidats: list[tuple[str, int]] = field(default_factory=list)


# --- Clause patterns (on folded text) -----------------------------------------

# A count: digits (not part of a sum such as « 1 559 321,58 » or of « DM1 »), or
# number words (« vingt-neuf », « une »).
NUM = rf"(?<![\w.,])(?:\d{{1,3}}(?![\d,.]\d| \d{{3}})|{NUMBER_WORDS})(?!\w)"
# After a label and its colon, OCR's letters for digits too: « Pour : l5 », « Contre : O ».
OCR_NUM = rf"(?:{NUM}|(?<![\w.,])(?:(?=[\dlio]{{0,2}}\d)[\dlio]{{2,3}}|o)(?![\w,.]\w|\w))"
# What may stand between a count and its category: « 22 voix « Pour » ».
_QUOTES = r"[ \t«»\"“”']*"
_UNIT = r"(?:voix|votes?|suffrages?|bulletins?)"
# Between a figure and its unit a line may break: « ont par 11\nvoix contre ».
_TO_UNIT = r"(?:[ \t]*\n)?[ \t]*"
# « 3 ne participent pas (au vote) », « 1 ne prend pas part au vote », « 2 n'ont pas pris part au vote »
_NOT_TAKING_PART = (r"(?:(?:conseillers?|membres?|elus?)[ \t]+)?"
                    r"(?:ne[ \t]+(?:participe|participent|prend|prennent)[ \t]+pas\b"
                    r"|n'(?:a|ont)[ \t]+pas[ \t]+(?:pris[ \t]+part|participe)\b)")

# A label of a tally line (« Approbation : 27 », « Abstention : 0 Opposition : 0 Approbation : 31 »): opening
# the line or after another count of it, its figure ending the line or followed by the next label
_TALLY_LINE_LABEL = r"(?:^[ \t]*|(?<=\d)[ \t]*[/,;|–-]?[ \t]+)"
_TALLY_LINE_END = r"[ \t]*(?=$|(?:[/,;|–-][ \t]*)?(?:abst\w*|opposition|approbation|contre|pour)\b)"

# A label followed by its own figure (« Contre : 0 ») is no figure-first count of the
# figure before it: in « Pour : 25 Contre : 0 », 25 is not « 25 contre ».
_NOT_LABEL_FIRST = r"(?![ \t]*(?:\((?:e|s|es)\))?[ \t]*[:=][ \t]*\d)"  # « Abstention(s) : 2 » too
COUNT_PATTERNS = {
    # « 32 voix pour », « 10 votes pour », « 22 voix « Pour » »
    "pour": [rf"(?P<n>{NUM}){_TO_UNIT}{_UNIT}{_QUOTES}pour\b{_NOT_LABEL_FIRST}",
             # « 14 pour / 0 contre »: a bare « N pour » must end its phrase, so
             # that « 1 pour budget » is not read as a vote.
             # (« 21 POUR - 6 CONTRE »: a dash between two counts ends it too)
             rf"(?P<n>{NUM})[ \t]+pour(?=\s*(?:[/,;.:)\]»]|[-–—][ \t]+\d|et\b|$)){_NOT_LABEL_FIRST}",
             # « Pour : 58 », « VOTES: Pour :27 »; a syndicat's « Approbation : 27 / Opposition : 0 »
             rf"\bpour[ \t]*[:=][ \t]*(?P<n>{OCR_NUM})",
             rf"{_TALLY_LINE_LABEL}approbation[ \t]*:[ \t]*(?P<n>{NUM}){_TALLY_LINE_END}"],
    "contre": [rf"(?P<n>{NUM})(?:{_TO_UNIT}{_UNIT})?{_QUOTES}contre\b(?!-){_NOT_LABEL_FIRST}",
               rf"\bcontre[ \t]*[:=][ \t]*(?P<n>{OCR_NUM})",
               rf"{_TALLY_LINE_LABEL}opposition[ \t]*:[ \t]*(?P<n>{NUM}){_TALLY_LINE_END}"],
    "abstentions": [rf"(?P<n>{NUM})(?:{_TO_UNIT}{_UNIT})?{_QUOTES}abstentions?\b(?:\(s\))?{_NOT_LABEL_FIRST}",
                    # « Abstention(s) : 2 », « Abst. : 0 », « Abstentions = 1 »
                    rf"\babst(?:entions?|\.)?(?:\(s\))?[ \t]*[:=][ \t]*(?P<n>{OCR_NUM})"],
    "ne_prend_pas_part": [rf"(?P<n>{NUM})[ \t]*{_QUOTES}non[- ]participations?\b{_NOT_LABEL_FIRST}",
                          rf"(?P<n>{NUM})[ \t]+{_NOT_TAKING_PART}",
                          # « Ne prend pas part au vote : 1 », « Ne participe pas au vote : 2 »
                          rf"\b(?:ne[ \t]+(?:prend|prennent|prenant|participe|participent)[ \t]+pas"
                          rf"(?:[ \t]+part)?[ \t]+au[ \t]+vote|n'ont[ \t]+pas[ \t]+pris[ \t]+part[ \t]+au[ \t]+vote)"
                          rf"[ \t]*[:=][ \t]*(?P<n>{NUM})",
                          rf"\bnon[- ]participations?[ \t]*[:=][ \t]*(?P<n>{NUM})"],
}
# « Votes : Pour 10 / Contre 0 / Abst. 0 », « Pour 15 Contre 0 Abstention 0 »: labels first
# with no colon. Read as one tally, for « 15 Contre » there is not 15 votes against.
_TALLY_SEP = r"[ \t]*[/,;|–-]?[ \t]*"
LABELLED_TALLY = re.compile(
    rf"\bpour[ \t]+(?P<pour>{NUM}){_TALLY_SEP}contre[ \t]+(?P<contre>{NUM})"
    rf"(?:{_TALLY_SEP}abst(?:entions?|\.)?(?:\(s\))?[ \t]+(?P<abstentions>{NUM}))?")
# « à l'unanimité des suffrages exprimés (25 voix) »: the figure is the votes for.
# So is the figure of « Vote : unanimité (15 voix) », « à l'unanimité des présents (14 votants) ».
UNANIMITE_EXPRIMES = re.compile(
    rf"unanimite(?: des (?:suffrages|votes|voix) exprimes?| des (?:membres )?presents(?: et representes)?)?"
    rf"\s*\(\s*(?P<n>{NUM})\s*(?:{_UNIT}|votants)?\s*\)")
# « unanimité » in any spelling (delib.lang.votes), and « unanimement »
UNANIMITE = re.compile(rf"\b(?:{UNANIMITY}|unanimement)\b")
# « à la majorité » of a vote; « majorité absolue » belongs to election rules.
MAJORITE = re.compile(r"\ba\s+la\s+majorite\b(?!\s+(?:absolue|relative|qualifiee|des deux tiers))")

_ADOPT = r"(?:adopte|adoptee|adoptes|adoptees)"
_REJECT = r"(?:rejete|rejetee|rejetes|rejetees|refuse|refusee|non adoptee?)"
VERDICTS = [
    # A line opening on the verdict: « Adopté à la majorité », « ADOPTÉ À
    # L'UNANIMITÉ », « > ADOPTE la proposition », « Délibération adoptée … »
    (re.compile(rf"^[ \t>*•·e©°-]*(?:(?:la |cette )?(?:deliberation|proposition|motion)\s+(?:est\s+)?)?"
                rf"(?P<v>{_ADOPT}|{_REJECT})\b", re.M), None),
    # « … est adopté », « La Section … est adoptée à la majorité »
    (re.compile(rf"\b(?:est|sont|a ete|ont ete)\s+(?P<v>{_ADOPT}|{_REJECT})\b"), None),
    # « Le Conseil adopte. », « LE CONSEIL MUNICIPAL, A L'UNANIMITE, ACCEPTE »,
    # « les membres du conseil municipal adoptent, à l'unanimité »,
    # « le Conseil Municipal à l'unanimité des membres présents accepte »
    (re.compile(r"\bconseil(?: municipal| communautaire| syndical| d'administration)?\b[^.;:]{0,80}?\b"
                # « le Conseil de Paris a adopté un plan » is a narrative, not this vote
                r"(?<!\ba )(?<!\bont )(?<!avait )(?<!avaient )"
                # (« ACCEPÏE »: OCR reads a capital T as Ï, folded « i »)
                r"(?P<v>adoptent|adopte|accep[ti]ent|accep[ti]e|approuvent|approuve|rejettent|rejette|refusent|refuse)\b"),
     None),
    # « Résultat du vote : Adopté », « Décision : rejetée », « Vote : adopté »
    (re.compile(rf"\b(?:resultat(?: du vote)?|vote|decision)\s*:\s*(?P<v>{_ADOPT}|{_REJECT})\b"), None),
    # « Vote : 14 pour / 0 contre / 0 abstention adopté »: a verdict word right after a tally.
    (re.compile(rf"(?<=[\d\s])(?P<v>{_ADOPT}|{_REJECT})\b"), "after_count"),
]
# The non-participation of named members: « Madame X ne prenant pas part au vote »,
# « X et Y ne prennent pas part au vote », « (MADAME DUTEIL NE PREND PAS PART AU VOTE) ».
NAMES_BEFORE = re.compile(
    r"\bne\s+(?:prend|prennent|prenant|participe|participent|participant)\s+pas\s+(?:part\s+)?au\s+vote"
    r"|\b(?:n'a|n'ont|n'ayant)\s+pas\s+pris\s+part\s+au\s+vote")
# « non participations au vote de Nathalie PULICANI, Jean-François ORSATELLI et Philippe SINDALI »
NAMES_AFTER = re.compile(r"\bnon[- ]participations? au vote (?:de |d')")
# « LE CONSEIL MUNICIPAL, A L'EXCEPTION DE MONSIEUR X, MADAME Y QUI S'ABSTIENNENT, ACCEPTE »,
# « Adopté, sauf par M. GUESNIER qui s'abstient », « excepté Mme Z qui vote contre »: the
# members named vote so, all the others for.
EXCEPTED = re.compile(
    rf"\b{EXCEPTION_CUE}(?P<names>[^;!?]{{1,300}}?)\squi\s+"
    r"(?:(?P<abstentions>s'abstien(?:t|nent))|(?P<contre>vote(?:nt)?\s+contre)"
    r"|(?P<ne_prend_pas_part>ne\s+(?:prend|prennent|participe|participent)\s+pas))\b")
# « Adopté, sauf par M. GUESNIER qui s'abstient. »
ABSTAINERS = re.compile(r"\b(?:qui )?s'abstien(?:t|nent)\b")

# Where the deliberative part starts: what comes before is the exposé.
DELIBERATIVE = re.compile(r"apres en avoir delibere|^[ \t*]*delibere[ \t*]*$|^[ \t*]*decision[ \t]*:"
                          r"|^[ \t*]*decide[ \t*]*:?[ \t]*$", re.M)
# « après en avoir délibéré », « après délibération »: the council's decision follows.
DELIBERATED = re.compile(r"\bapres\s+(?:en\s+)?avoir\s+delibere|\bapres\s+deliberation\b")
# Sentences of the exposé: « Vu … », « Considérant … ».
EXPOSE = re.compile(r"^[\s\-–•*>]*(?:vu|considerant|attendu|rappelant|sachant)\b")

# A form printed with blank vote fields: « Pour :\nContre :\nAbstention : ».
# Also a row of options to tick: « Adopté à l'unanimité : Adopté à la majorité : Voix contre : Abstentions : ».
BLANK_FORM = re.compile(
    r"\bpour[ \t]*:?[ \t]*\n\s*contre[ \t]*:?[ \t]*(?:\n\s*abstentions?[ \t]*:?[ \t]*)?(?:\n|$)"
    r"|(?:(?:adopte a l'unanimite|adopte a la majorite|(?:voix )?pour|(?:voix )?contre|abstentions?)[ \t]*:[ \t]*(?![ \t]*\d)){3,}")

# Elections: a proclaimed result, or a scrutiny with candidates' votes.
ELECTED = re.compile(r"\b(?:ont ete (?:proclames? )?elu(?:e|s|es)?|a ete (?:proclamee? )?elue?|"
                     r"(?:sont|est) proclamee?s? elue?s?|ont ete proclames)\b")
VOTANTS = re.compile(rf"nombre de votants\s*:?\s*(?P<n>{NUM})")
EXPRIMES = re.compile(rf"suffrages exprimes\s*:?\s*(?P<n>{NUM})")
# « M. Paul LE BIHAN : 27 voix », « La liste déposée par M. Paul LE BIHAN : 27 voix »
CANDIDATE = re.compile(rf"^[ \t\-–•]*(?P<name>[^\n:]{{2,90}}?)\s*:\s*(?P<n>{NUM})\s*(?:voix|suffrages?)\b", re.M)

CLAUSE_GAP = 80  # characters of other text allowed between clauses of one statement
_BRACKETS = re.compile(r"\([^()]{0,400}\)")


@dataclass
class _Clause:
    start: int
    end: int
    kind: str  # count, unanimite, unanimite_exprimes, majorite, verdict
    category: Optional[str] = None  # for counts
    value: Optional[int] = None  # for counts
    others_for: bool = False  # « sauf X qui s'abstient »: the members not named voted for
    verdict: Optional[str] = None  # adopte / rejete
    excepted: bool = False  # « à l'exception de X qui ne prend pas part au vote »


_OCR_DIGITS = str.maketrans("lio", "110")


def to_int(number_text: str) -> Optional[int]:
    """« 32 » -> 32, « vingt-neuf » -> 29, « une » -> 1."""
    number_text = number_text.strip()
    if number_text.isdigit():
        return int(number_text)
    if re.fullmatch(r"(?=[\dlio]{0,2}\d)[\dlio]{2,3}|o", number_text, re.I):
        return int(number_text.lower().translate(_OCR_DIGITS))  # « l5 », « O »
    return words_to_int(number_text)


# --- Finding clauses ------------------------------------------------------------

def _count_clauses(folded: str) -> list[_Clause]:
    clauses = []
    labelled = []
    for m in LABELLED_TALLY.finditer(folded):
        labelled.append(m.span())
        for category in ("pour", "contre", "abstentions"):
            if m.group(category) is not None and (value := to_int(m.group(category))) is not None:
                clauses.append(_Clause(m.start(category), m.end(category), "count", category=category, value=value))
    for category, patterns in COUNT_PATTERNS.items():
        for pattern in patterns:
            for m in re.finditer(pattern, folded, re.M):
                value = to_int(m.group("n"))
                if value is not None and not any(s <= m.start() < e for s, e in labelled):
                    clauses.append(_Clause(m.start(), m.end(), "count", category=category, value=value))
    return clauses


def _excepted_clauses(text: str, folded: str) -> list[_Clause]:
    """« à l'exception de M. X et Mme Y qui s'abstiennent » -> 2 abstentions, the others for."""
    clauses = []
    for m in EXCEPTED.finditer(folded):
        category = next(name for name in ("abstentions", "contre", "ne_prend_pas_part") if m.group(name))
        names = _split_names(text[m.start("names"):m.end("names")])
        if names:
            # « à l'unanimité, à l'exception du Maire qui ne prend pas part au vote »: no figure
            # of the votes cast, which stay null as for a bare unanimity
            clauses.append(_Clause(m.start(), m.end(), "count", category=category, value=len(names),
                                   others_for=category != "ne_prend_pas_part", excepted=True))
    return clauses


def _verdict_clauses(folded: str, counts: list[_Clause]) -> list[_Clause]:
    count_ends = {c.end for c in counts}
    clauses = []
    for pattern, condition in VERDICTS:
        for m in pattern.finditer(folded):
            if condition == "after_count":
                # only when a tally ends just before (« … 0 abstention adopté »)
                before = folded[:m.start("v")].rstrip(" \t")
                if len(before) not in count_ends:
                    continue
            word = m.group("v")
            verdict = "rejete" if re.match(r"rej|ref|non", word) else "adopte"
            clauses.append(_Clause(m.start("v"), m.end("v"), "verdict", verdict=verdict))
    return clauses


def _find_clauses(text: str, folded: str) -> list[_Clause]:
    clauses = _count_clauses(folded) + _excepted_clauses(text, folded)
    clauses += _verdict_clauses(folded, clauses)
    for m in UNANIMITE_EXPRIMES.finditer(folded):
        clauses.append(_Clause(m.start(), m.end(), "unanimite_exprimes", value=to_int(m.group("n"))))
    clauses += [_Clause(m.start(), m.end(), "unanimite") for m in UNANIMITE.finditer(folded)]
    clauses += [_Clause(m.start(), m.end(), "majorite") for m in MAJORITE.finditer(folded)]
    blanks = [m.span() for m in BLANK_FORM.finditer(folded)]
    clauses = [c for c in clauses if not _in_expose(text, folded, c.start)
               and not any(s <= c.start < e for s, e in blanks)]
    # one clause per place: a longer match hides the shorter ones inside it
    clauses.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[_Clause] = []
    for c in clauses:
        if kept and c.start < kept[-1].end and c.kind == kept[-1].kind and c.category == kept[-1].category:
            continue
        kept.append(c)
    return kept


# Ends of sentences: a blank line, « . ; ! ? », a line ending on « : », or a line
# ending on « , » followed by a capitalised line (« Vu le rapport,\nLe Conseil … »).
_SENTENCE_END = re.compile(r"\n[ \t]*\n|[.;!?](?=\s)|:[ \t]*\n|,[ \t]*\n(?=[ \t]*[-–•>]?[ \t]*[A-ZÀ-Ý])")
# The same without the comma rule, for lists of names running over lines.
_LIST_END = re.compile(r"\n[ \t]*\n|[.;!?](?=\s)|:[ \t]*\n")


def _sentence_start(text: str, pos: int, ends: re.Pattern = _SENTENCE_END) -> int:
    """Where the sentence holding `pos` starts (`text` is the original, not folded, text)."""
    lo = max(0, pos - 600)
    window = text[lo:pos]
    cut = 0
    for m in ends.finditer(window):
        # « M. » or « art. » do not end a sentence; a figure does at a line's end (« … l'exercice 2024.\n »)
        if m.group(0).startswith(".") and re.search(r"(?:\b\w{1,3}|\d)$", window[:m.start()]) \
                and not (re.search(r"\d{2}$", window[:m.start()]) and window[m.end():m.end() + 1] == "\n"):
            continue
        cut = m.end()
    return lo + cut


def _in_expose(text: str, folded: str, pos: int) -> bool:
    """True when `pos` lies in a « Vu … » / « Considérant … » sentence or inside a quotation."""
    start = _sentence_start(text, pos)
    sentence = folded[start:pos]
    # « Considérant qu'il y a lieu …, après en avoir délibéré, le conseil municipal décide à
    # l'unanimité » : the decision closes the sentence the exposé opened.
    if EXPOSE.match(sentence) and not DELIBERATED.search(sentence):
        return True
    return sentence.count("«") > sentence.count("»")


# --- Grouping clauses into statements ------------------------------------------

def _statements(clauses: list[_Clause], folded: str) -> list[list[_Clause]]:
    groups: list[list[_Clause]] = []
    for c in clauses:
        # the names in brackets after a count are part of the clause (« 4 contre (E. ANDRIEUX, C. JOUANNET
        # par procuration, …), 0 abstention »)
        if groups and len(_BRACKETS.sub("", folded[max(x.end for x in groups[-1]):c.start])) <= CLAUSE_GAP:
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def _is_substantial(statement: list[_Clause]) -> bool:
    """A statement with figures, an unanimity or a majority (not a bare « adopté »).

    A lone count of members not taking part (« 3 ne participent pas ») is no vote of
    its own: it completes the vote beside it (see `_nearby_non_participation`)."""
    return any(c.kind != "verdict" and c.category != "ne_prend_pas_part" for c in statement)


def _decisive(statements: list[list[_Clause]], folded: str) -> Optional[list[_Clause]]:
    # « à la majorité » alone is no vote (« la sortie de la protection de l'enfance à la majorité »)
    # unless the council is its subject (« Le Conseil, à la majorité, Madame X ne prenant pas part au vote »)
    statements = [s for s in statements if any(c.kind != "majorite" for c in s)
                  or re.search(r"conseil|delibere|vote", folded[max(0, s[0].start - 60):s[0].start])]
    marker = DELIBERATIVE.search(folded)
    if marker:
        after = [s for s in statements if s[0].start >= marker.start()]
        statements = after or statements
    substantial = [s for s in statements if _is_substantial(s)]
    if substantial:
        return substantial[-1]
    return statements[-1] if statements else None


NON_PARTICIPATION_REACH = 300  # characters around the vote where a separate « N ne participent pas » belongs to it


def _nearby_non_participation(statement: list[_Clause], clauses: list[_Clause]) -> Optional[int]:
    """« La délibération est adoptée à l'unanimité. … 2 conseillers ne prennent pas part au vote »:
    a count of non-participants printed apart from the tally, the one nearest to it."""
    start, end = statement[0].start, max(c.end for c in statement)
    near = [c for c in clauses if c.category == "ne_prend_pas_part"
            and start - NON_PARTICIPATION_REACH <= c.start <= end + NON_PARTICIPATION_REACH]
    if not near:
        return None
    return min(near, key=lambda c: min(abs(c.start - end), abs(start - c.end))).value


# --- Members named as not voting or abstaining ---------------------------------

_CIVILITE = r"(?:m|mm|mme|mmes|mlle|mr|monsieur|madame|mademoiselle|messieurs|mesdames)\.?"
_NOT_A_PERSON = re.compile(r"^(?:(?:le |la |l')?(?:conseil|assemblee|bureau|commission|majorite|unanimite)\b"
                           r"|(?:il|elle|ils|elles|on)$)")


def _split_names(original: str) -> list[str]:
    """« Mme le Maire, Mmes Capuozzi-Boualem, Prunier, M. Passet (avec la procuration de H. Martin)
    membres du … » -> the names, proxies included (their vote is not cast either)."""
    proxies = [_person_name(m.group("name")) for m in
               re.finditer(r"avec (?:la )?procuration de\s+(?P<name>[^\s,)]+(?:\s+[A-ZÀ-Ý][^\s,)]*)*)", original)]
    text = re.sub(r"\([^)]*\)?", " ", original)
    # « MESSIEURS DROULLOURS ET TACHE »: minutes in capitals write « ET » too
    names = [_person_name(piece) for piece in re.split(r",|;|\b(?:et|ET)\b|&|\n", text)]
    return [name for name in names + proxies if name]


def _person_name(piece: str) -> Optional[str]:
    """The name in « M. Passet membres du Conseil » (« Passet »), « Mme le Maire » (« le Maire »)."""
    piece = re.sub(r"^\s*(?:(?:sauf|excepte|à l'exception de|par)\s+)+", "", piece.strip(" \t\n.:"), flags=re.I)
    piece = re.sub(r"\s+qui$", "", piece)
    piece = re.sub(rf"^(?:{_CIVILITE}(?:\s+|$))+", "", piece, flags=re.I).strip()  # « MESDAMES » ending a line
    if not piece or _NOT_A_PERSON.match(fold(piece)):
        return None
    if re.match(r"(?:le|la) (?:maire|president|presidente)\b", fold(piece)):
        return piece.split()[0] + " " + piece.split()[1]
    words = []
    for word in piece.split():
        if not word[0].isupper():
            break
        words.append(word)
    return " ".join(words) or None


def _names_before(text: str, folded: str, phrase_start: int, clauses: list[_Clause]) -> str:
    """The text naming the members, before « ne prend(nent) pas part au vote »."""
    start = _sentence_start(text, phrase_start, _LIST_END)
    paren = text.rfind("(", start, phrase_start)
    # « (MADAME DUTEIL NE PREND PAS PART AU VOTE) », but not an unclosed « (avec la procuration de … »
    if paren >= 0 and ")" not in text[paren:phrase_start] and not folded[paren + 1:].startswith("avec"):
        start = paren + 1
    for c in clauses:  # « Le Conseil, à la majorité, Madame X ne prenant … »: after the vote clause
        if start <= c.end <= phrase_start:
            start = c.end
    return text[start:phrase_start]


def _names_after(text: str, pos: int) -> str:
    end = len(text)
    for m in re.finditer(r"\)|;|\n\s*\n|(?<![A-Z])\.(?:\s|$)", text[pos:]):
        end = pos + m.start()
        break
    return text[pos:end]


def _named_members(text: str, folded: str, pattern: re.Pattern, clauses: list[_Clause]) -> list[tuple[int, list[str]]]:
    found = []
    for m in pattern.finditer(folded):
        if _in_expose(text, folded, m.start()):
            continue
        names = _split_names(_names_before(text, folded, m.start(), clauses))
        if not names and folded[m.end():m.end() + 3].lstrip().startswith(":"):
            names = _split_names(_names_after(text, folded.index(":", m.end()) + 1))
        found.append((m.start(), names))
    return found


def _non_participants(text: str, folded: str, clauses: list[_Clause]) -> tuple[list[str], list[int]]:
    names: list[str] = []
    positions = []
    for pos, found in _named_members(text, folded, NAMES_BEFORE, clauses):
        names += found
        positions.append(pos)
    for m in NAMES_AFTER.finditer(folded):
        if not _in_expose(text, folded, m.start()):
            names += _split_names(_names_after(text, m.end()))
            positions.append(m.start())
    # a member named again at a second vote of the same item (« Hypothèse 1 … Hypothèse 2 ») is one member
    return list(dict.fromkeys(names)), positions


# --- Elections -------------------------------------------------------------------

def _election(text: str, folded: str) -> Optional[dict]:
    elected = [m for m in ELECTED.finditer(folded) if not _in_expose(text, folded, m.start())]
    votants = VOTANTS.search(folded)
    candidates = [m for m in CANDIDATE.finditer(folded) if not _in_expose(text, folded, m.start())]
    if not elected and not (votants and candidates):
        return None
    spans = [m.span() for m in elected + candidates] + ([votants.span()] if votants else [])
    exprimes = EXPRIMES.search(folded)
    return {
        "start": min(s for s, _ in spans), "end": max(e for _, e in spans),
        "votants": to_int(votants.group("n")) if votants else None,
        "suffrages_exprimes": to_int(exprimes.group("n")) if exprimes else None,
        "candidats": [(text[m.start("name"):m.end("name")].strip(), to_int(m.group("n"))) for m in candidates],
    }


# --- Reading the decisive statement ---------------------------------------------

def _apply_tally(vote: Vote, statement: list[_Clause]) -> None:
    counts: dict[str, int] = {}
    for c in statement:
        if c.kind == "count":
            counts.setdefault(c.category, c.value)
        elif c.kind == "unanimite_exprimes" and c.value is not None:
            counts.setdefault("pour", c.value)
    for category in ("pour", "contre", "abstentions", "ne_prend_pas_part"):
        if category in counts:
            setattr(vote, category, counts[category])
    # An enumerated tally implies 0 for the categories it leaves out; it needs
    # the votes for, else it is a stray figure rather than a tally.
    # « sauf X qui s'abstient » names every vote that was not for: the votes for are the
    # votants less those, which only the attendance knows (hence `others_for`).
    # « LE CONSEIL, À L'EXCEPTION DE X ET Y QUI NE PRENNENT PAS PART AU VOTE, ACCEPTE »: without an
    # unanimity, the members not named voted for as well.
    unanimous = any(c.kind in ("unanimite", "unanimite_exprimes") for c in statement)
    vote.others_for = any(c.others_for or (c.excepted and not unanimous) for c in statement)
    if vote.pour is not None or vote.others_for:
        vote.contre = 0 if vote.contre is None else vote.contre
        vote.abstentions = 0 if vote.abstentions is None else vote.abstentions


def _apply_wording(vote: Vote, statement: list[_Clause]) -> None:
    kinds = {c.kind for c in statement}
    verdicts = [c.verdict for c in statement if c.kind == "verdict"]
    if kinds & {"unanimite", "unanimite_exprimes"}:
        # « à l'unanimité moins deux voix contre » is no unanimity
        vote.unanimite = not (vote.contre or 0) > 0
    elif "majorite" in kinds or (vote.contre or 0) > 0 or (vote.abstentions or 0) > 0:
        vote.unanimite = False
    elif vote.pour and vote.contre == 0 and vote.abstentions == 0:
        vote.unanimite = True  # « 14 pour / 0 contre / 0 abstention »

    if vote.pour is not None and vote.contre is not None and vote.contre > vote.pour:
        vote.resultat = "rejete"
    elif "rejete" in verdicts:
        vote.resultat = "rejete"
    elif verdicts or kinds & {"unanimite", "unanimite_exprimes", "majorite"} or vote.others_for:
        vote.resultat = "adopte"
    elif vote.pour is not None and vote.contre is not None and vote.pour > vote.contre:
        vote.resultat = "adopte"


def find_vote(text: str) -> Optional[Vote]:
    """The vote of the deliberation in `text`, or None when it states none."""
    folded = fold(text)
    clauses = _find_clauses(text, folded)
    statement = _decisive(_statements(clauses, folded), folded)
    non_participants, npp_positions = _non_participants(text, folded, clauses)
    election = _election(text, folded)

    vote = Vote()
    if statement:
        vote.char_start = statement[0].start
        vote.char_end = max(c.end for c in statement)
        _apply_tally(vote, statement)
        if vote.ne_prend_pas_part is None:
            vote.ne_prend_pas_part = _nearby_non_participation(statement, clauses)
        _apply_wording(vote, statement)
    elif election:
        vote.char_start, vote.char_end = election["start"], election["end"]
    elif m := BLANK_FORM.search(folded):
        vote.blank_form = True
        vote.char_start, vote.char_end = m.start(), m.end()
    elif npp_positions:
        vote.char_start = vote.char_end = npp_positions[0]
    else:
        return None

    if election:
        vote.election = True
        vote.votants = election["votants"]
        vote.suffrages_exprimes = election["suffrages_exprimes"]
        vote.candidats = election["candidats"]

    _apply_named_members(vote, text, folded, clauses, statement, non_participants)
    vote.text = text[vote.char_start:vote.char_end]
    return vote


def _apply_named_members(vote: Vote, text: str, folded: str, clauses: list[_Clause],
                         statement: Optional[list[_Clause]], non_participants: list[str]) -> None:
    if non_participants:
        vote.non_participants = non_participants
        if vote.ne_prend_pas_part is None:
            vote.ne_prend_pas_part = len(non_participants)
    # « Adopté, sauf par M. GUESNIER qui s'abstient. »: named abstainers, when no figure is given
    if statement and vote.abstentions is None:
        abstainers = [names for pos, names in _named_members(text, folded, ABSTAINERS, clauses)
                      if 0 <= pos - vote.char_end <= CLAUSE_GAP and names]
        if abstainers:
            vote.abstentions = len(abstainers[0])
            vote.unanimite = False
            if vote.contre is None and "sauf" in folded[vote.char_start:vote.char_end + CLAUSE_GAP]:
                vote.contre = 0  # « sauf X qui s'abstient »: all the others voted for
