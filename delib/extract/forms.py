"""The form of a convention's action: délai, services pilotes, budget, partenaires, indicateurs.

Conventions print each action's form as a two-column table: labels on the
left (« Délai de mise en œuvre », « Services opérationnels pilotes » with one
sub-row per collectivité, « Budget estimé », « Partenaires mobilisés »,
« Indicateurs de réalisation »), values on the right.

From a PDF the words keep their coordinates, so the form is read back as laid out:
- a form drawn as a ruled table is read cell by cell (`read_form_table`, on the
  cells pdfplumber's table finder gives): a label cell and the value cells beside
  it, however the cells wrap or centre their lines; rows of no form field are left
  out; labels may also stand in a header row above their values; a table cut by a
  page break goes on in the next page's first table;
- label/value pairs printed side by side on a line (« Pilote : DGS   Calendrier :
  2024 ») are read column by column (`read_form_columns`);
- otherwise the label words give the column split (`read_form_layout`): each value
  line belongs to the label row it stands in, and a value that wraps stays under
  its label until the next one.
Running headers and footers are those ingest took out of the text (`Page.running_lines`),
and words are grouped into lines by ingest's rule (`cluster_lines`).

From extracted text (`read_form_text`) pairs side by side are cut at their wide gap
(`side_by_side`), and the two columns of a table come one after the
other: a block of labels, then a block of values, blank lines between value
cells but not always (two cells run together, a cell is empty, a value wraps
over lines). Labels may carry their value inline, lack their colon or be split
over two lines. The values are cut into units (lines that continue one another
are one unit), then given to the labels in order by a small dynamic programme
that scores each choice with what the unit looks like (a date for the délai, a
sum or « ressources » for the budget, acronyms for services, « Nombre de… » for
an indicator…), what blank lines suggest, and which labels may stay empty.
When the runner-up reading is close, the form is flagged `ambiguous` with the
fields on which the two readings differ.

Each reading gives an `ActionForm` (delib.model): the values as printed, the labels as
printed, the pilots with their kind (a collectivité's service, or a body such as the ARS
or an intercommunalité), the budget's sums, and where the form lies.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from delib.extract.amounts import find_amounts
from delib.extract.glossary import find_glossary, is_acronym, service_label
from delib.ingest.pdf import cluster_lines, line_key, running_edges
from delib.model import ActionForm, Box, Document, Page, Pilot, RuledTable, Segment, Word

FIELDS = ("delai", "services", "budget", "partenaires", "indicateurs")

# The label families of action forms across conventions, CTG, contrats de ville, CLS, CRTE,
# PVD/ACV, PCAET and PEDT fiches: (field, pattern, needs a colon). A bare word (« Budget »,
# « Partenaires », « Pilote ») is a label only with its colon: « Budget moyen d’hébergement … »
# is a value (action 12 of seed 004). In a ruled table the label cell has no colon: the
# layout reader accepts them all without (`loose`), since the table's columns confirm them.
_ADJ = r"(?:\s+(?:estim[ée]e?|estimatif|pr[ée]visionnel(?:le)?|global(?:e)?|total(?:e)?|indicatif))?"
_LABEL_SPECS = [
    ("delai", r"d[ée]lais?\s+de\s+(?:mise\s+en\s+(?:œ|oe)uvre|r[ée]alisation)", False),
    ("delai", r"(?:p[ée]riode|dates?)\s+de\s+(?:r[ée]alisation|mise\s+en\s+(?:œ|oe)uvre)", False),
    ("delai", r"(?:calendrier|[ée]ch[ée]ancier|[ée]ch[ée]ances?|d[ée]lais?|planning|dur[ée]e)"
              r"(?:\s+pr[ée]visionnel(?:le)?|\s+de\s+(?:mise\s+en\s+(?:œ|oe)uvre|r[ée]alisation|l['’]action))?", True),
    ("services", r"services?\s+(?:op[ée]rationnels?(?:\s+pilotes?)?|pilotes?)", False),
    ("services", r"(?:pilotes?|porteurs?|r[ée]f[ée]rents?|responsables?)\s+(?:de\s+l['’]action|du\s+projet"
                 r"|de\s+la\s+fiche|de\s+l['’]op[ée]ration)", False),
    ("services", r"ma[îi]tres?\s+d['’]\s*ouvrage|ma[îi]trise\s+d['’]\s*ouvrage", False),
    ("services", r"(?:directions?|services?)\s+(?:concern[ée]e?s|r[ée]f[ée]rent(?:e?s)?)|pilotes?|porteurs?"
                 r"|r[ée]f[ée]rents?|responsables?", True),
    ("budget", r"(?:budget|co[ûu]t|montant)\s+(?:estim[ée]|estimatif|pr[ée]visionnel)|plan\s+de\s+financement"
               r"|sources?\s+de\s+financement", False),
    ("budget", r"(?:budget|co[ûu]t|montant)" + _ADJ + r"|financements?|moyens(?:\s+financiers)?", True),
    ("partenaires", r"(?:partenaires?|acteurs?)\s+(?:mobilis[ée]s|associ[ée]s|concern[ée]s|impliqu[ée]s)", False),
    ("partenaires", r"partenaires?(?:\s+[ée]ventuels|\s+financiers)?|acteurs?|co-?financeurs?|financeurs?", True),
    ("indicateurs", r"indicateurs?\s+(?:de\s+(?:r[ée]alisation|suivi|r[ée]sultats?|performance|moyens)"
                    r"|d['’][ée]valuation|quantitatifs?|qualitatifs?)", False),
    ("indicateurs", r"indicateurs?|crit[èe]res\s+d['’][ée]valuation", True),
]
LABELS = [(name, re.compile(rf"^[\s•\-–]*(?:{pattern})\b" + (r"\s*:" if colon else r"\s*:?"), re.I))
          for name, pattern, colon in _LABEL_SPECS]
LOOSE_LABELS = [(name, re.compile(rf"^[\s•\-–]*(?:{pattern})\b\s*:?", re.I)) for name, pattern, _ in _LABEL_SPECS]
LABEL_TAIL = re.compile(r"^pilotes?\s*:?\s*$", re.I)  # « Services opérationnels » / « pilotes : »
# A collectivité's sub-row of the services label: « Paris : », « Seine-Saint-Denis : DPAS ».
SUB_LABEL = re.compile(r"^(?P<name>[A-ZÉÈ][\w'’\-]*(?:\s+[\w'’\-]+){0,4}?)\s*:\s*(?P<value>.*)$")
PLACE_NAME = re.compile(r"^(?:[A-ZÉÈ][\w'’]*(?:[\s-]+(?:[A-ZÉÈ][\w'’]*|de|du|des|la|le|d['’]\w+|sur|sous|en))*)$")
PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,3}(?:\s*(?:/|sur)\s*\d{1,3})?$", re.I)

# Words after which a line goes on to the next one.
CONNECTORS = {"de", "du", "des", "la", "le", "les", "l'", "l’", "d'", "d’", "et", "ou", "à", "au", "aux", "en",
              "par", "pour", "sur", "avec", "une", "un", "dans", "entre", "vers", "chez", "sous", "selon",
              "dont", "que", "qui", "leur", "leurs", "ses", "son", "sa", "ce", "cette", "ces"}


# ---------------------------------------------------------------- labels

def label_of(line: str, loose: bool = False) -> Optional[tuple[str, str]]:
    """(field, inline value) when the line starts with a form label.

    Labels are capitalised: « … avec les autres / partenaires associés » is a sentence wrapped
    before « partenaires », not the partners' label (action 20 of seed 004)."""
    found = _match_label(line, loose)
    return (found[0], line[found[1]:].strip()) if found else None


def printed_label(line: str, loose: bool = False) -> Optional[str]:
    """The label as the document prints it (« Coût estimatif », « Maître d'ouvrage »), without its colon."""
    found = _match_label(line, loose)
    return " ".join(line[:found[1]].split()).strip(" :•-–") if found else None


def _match_label(line: str, loose: bool = False) -> Optional[tuple[str, int]]:
    """(field, where the label ends in `line`, its colon included) when the line starts with a label."""
    first_letter = next((c for c in line if c.isalpha()), "")
    if not first_letter.isupper():
        return None
    for name, pattern in (LOOSE_LABELS if loose else LABELS):
        m = pattern.match(line)
        if m:
            end = m.end()
            tail = re.match(r"\s*pilotes?\b\s*:?" if name == "services" else r"\s*:", line[end:], re.I)
            return name, end + (tail.end() if tail else 0)
    return None


def _sub_label(line: str, next_line: str, previous_was_sub: bool) -> Optional[tuple[str, str]]:
    """(collectivité, inline value) for a sub-row of the services label, else None."""
    m = SUB_LABEL.match(line)
    if m and PLACE_NAME.match(m["name"]) and not is_acronym(m["name"].split()[0]):
        return m["name"].strip(), m["value"].strip()
    bare = line.rstrip(" :")
    if not PLACE_NAME.match(bare) or is_acronym(bare.split()[0]) or len(bare.split()) > 4:
        return None
    # « Paris » without its colon, beside other sub-labels. Alone, a name is the pilot itself:
    # « Pilote : » / « Département » names a body, not a collectivité's empty sub-row.
    following = SUB_LABEL.match(next_line)
    beside_sub = previous_was_sub or bool(following and PLACE_NAME.match(following["name"])
                                          and not label_of(next_line))
    return (bare, "") if beside_sub else None


# ---------------------------------------------------------------- text reading

@dataclass
class Slot:
    """A place for a value: one label row of the form (a services sub-row has its collectivité)."""

    field: str
    collectivite: Optional[str] = None
    pos: int = 0  # line index of the label
    block: int = 0  # label blocks are counted when labels come back after values
    lines: list[str] = field(default_factory=list)  # value written on the label line (and its continuation)
    tall: bool = False  # a blank line follows it among the labels: its cell is more than one line high
    parent: bool = False  # the services label when it has sub-rows
    printed: Optional[str] = None  # the label as printed (« Calendrier », « Coût estimatif »)

    @property
    def key(self) -> str:
        return self.field if self.collectivite is None else f"services:{self.collectivite}"


@dataclass
class Unit:
    """Value lines that read as one piece (a wrapped line joins the line it continues)."""

    lines: list[str]
    pos: int
    block: int
    group_start: bool  # a blank line or a label comes before it

    @property
    def text(self) -> str:
        return join_lines(self.lines)


@dataclass
class TextForm:
    slots: list[Slot]
    units: list[Unit]
    end: int = 0  # index of the line after the form's last line


def join_lines(lines: list[str]) -> str:
    """Lines of one value as one string; « Val-de- » + « Marne » joins without a space."""
    out = ""
    for line in (" ".join(l.split()) for l in lines):
        if not line:
            continue
        if out and re.search(r"[^\W\d]-$", out) and line[:1].isalpha():
            out += line
        else:
            out = f"{out} {line}" if out else line
    return out


def continues(previous: str, line: str) -> bool:
    """Does `line` carry on the value of `previous` (one value wrapped over lines)?"""
    previous, line = previous.strip(), line.strip()
    if not previous or not line:
        return False
    if line[0].islower() or line[0] in ")]»,;.(":
        return True
    if previous[-1] in ",–—-+(/&'’" or previous.endswith(("«", " à")):
        return True
    last = previous.split()[-1].lower()
    if last in CONNECTORS or re.search(r"\b[ld]['’]$", last):
        return True
    return previous.count("(") > previous.count(")") or previous.count("«") > previous.count("»")


def find_form_start(lines: list[str], loose: bool = False) -> Optional[int]:
    """Index of the form's first label: a label with at least one other label close below, or
    (`loose`: a PDF's table) a line of labels alone, the header row of a form laid out across."""
    for i, line in enumerate(lines):
        label = label_of(line.strip(), loose)
        if not label:
            continue
        near = {l[0] for l in (label_of(x.strip(), loose) for x in lines[i:i + 16]) if l}
        if len(near) >= 2 or (loose and label_row(line)):
            return i
    return None


def label_row(line: str) -> bool:
    """Is the line nothing but two labels or more (« Pilote Partenaires Calendrier Coût »)?"""
    count, rest = 0, line.strip()
    while rest:
        found = _match_label(rest, loose=True)
        if not found:
            return False
        rest, count = rest[found[1]:].strip(), count + 1
    return count >= 2


def parse_text_form(lines: list[str]) -> TextForm:
    """Labels (slots) and value units of the form whose first label is `lines[0]`."""
    slots: list[Slot] = []
    units: list[Unit] = []
    block = 0
    blank_before = True
    inline: Optional[Slot] = None  # a label whose value is written beside it
    services_labels = False  # just after the services label: sub-labels may follow
    seen_value = False
    widest = 0  # longest value line so far: the width of the values' column
    stripped = [l.strip() for l in lines]
    stop = len(stripped)
    for i, line in enumerate(stripped):
        if not line:
            blank_before = True
            inline = None
            if services_labels and slots and slots[-1].collectivite is not None:
                slots[-1].tall = True
            continue
        if PAGE_NUMBER.match(line):
            continue
        if NEXT_PART.match(line):
            stop = i
            break  # « Article 4 – Pilotage » after the last fiche: the form is over
        if services_labels and LABEL_TAIL.match(line):
            continue
        label = label_of(line)
        if label:
            name, value = label
            if seen_value:
                block += 1
                seen_value = False
            slot = Slot(name, pos=i, block=block, lines=[value] if value else [], printed=printed_label(line))
            slots.append(slot)
            inline = slot if value else None
            services_labels = name == "services" and not value
            blank_before = True
            continue
        if services_labels:
            following = next((l for l in stripped[i + 1:] if l), "")
            previous_sub = slots[-1].collectivite is not None
            sub = _sub_label(line, following, previous_sub)
            if sub:
                name, value = sub
                parent = next(s for s in reversed(slots) if s.field == "services" and s.collectivite is None)
                parent.parent = True
                slot = Slot("services", collectivite=name, pos=i, block=block, lines=[value] if value else [])
                slots.append(slot)
                inline = slot if value else None
                blank_before = True
                continue
        services_labels = False
        if inline is not None and (continues(inline.lines[-1], line) or not _open_slots(slots)):
            inline.lines.append(line)
            continue
        inline = None
        if blank_before and _prose_after_form(line, widest):
            stop = i
            break
        widest = max(widest, len(line))
        seen_value = True
        if units and not blank_before and units[-1].block == block and continues(units[-1].lines[-1], line):
            units[-1].lines.append(line)
        else:
            units.append(Unit([line], pos=i, block=block, group_start=blank_before))
        blank_before = False
    for s in slots:  # the last sub-row's trailing blank says nothing about its height
        if s.collectivite is not None and s is _last_sub(slots, s):
            s.tall = False
    end = next((i + 1 for i in range(stop - 1, -1, -1) if stripped[i] and not PAGE_NUMBER.match(stripped[i])), 0)
    return TextForm(slots, units, end)


NEXT_PART = re.compile(r"^(?:article|titre|chapitre)\s+(?:\d+|[IVX]+|premier)\b", re.I)
PROSE_LINE = 75  # characters: a line of body text, wider than a form's value column


def _prose_after_form(line: str, widest: int) -> bool:
    """A paragraph of body text after the form: a line much wider than the values' column
    (in a two-column form, values wrap at about half the page's width)."""
    return widest > 0 and len(line) >= PROSE_LINE and len(line) > 1.5 * widest


def _open_slots(slots: list[Slot]) -> list[Slot]:
    return [s for s in slots if not s.lines and not s.parent]


def _last_sub(slots: list[Slot], slot: Slot) -> Slot:
    i = slots.index(slot)
    while i + 1 < len(slots) and slots[i + 1].collectivite is not None:
        i += 1
    return slots[i]


# ---------------------------------------------------------------- cues

YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
DATE_WORDS = re.compile(
    r"\b(?:printemps|[ée]t[ée]|automne|hiver|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre"
    r"|octobre|novembre|d[ée]cembre|trimestre|semestre|rentr[ée]e|courant|fin|d[ée]but|horizon|[ée]ch[ée]ance"
    r"|lancement|lanc[ée]e?s?|d[ée]marrage|imm[ée]diat\w*|permanent\w*|ann[ée]es?|mois|dur[ée]e)\b", re.I)
DATE_STRONG = re.compile(r"(?:\bdès\b|[àa] compter d|[àa] partir d|d[ée]marrage de la convention|d[ée]but \d{4})", re.I)
ONLY_DATE = re.compile(r"^(?:(?:printemps|[ée]t[ée]|automne|hiver|fin|d[ée]but|courant)\s+)?(?:19|20)\d{2}"
                       r"(?:\s*[-/–]\s*(?:19|20)?\d{2,4})?\.?$", re.I)
MONEY_WORDS = re.compile(r"\b(?:budget|ressources|financ\w*|co[ûu]ts?|cr[ée]dits?|enveloppe|moyens|gratuit\w*"
                         r"|subvention\w*|dotation|valoris\w*)\b", re.I)
TO_BE_SET = re.compile(r"\b[àa]\s+(?:pr[ée]ciser|estimer|d[ée]finir|d[ée]terminer|chiffrer|[ée]valuer)\b", re.I)
SERVICE_START = re.compile(r"^(?:direction|service|mission|d[ée]l[ée]gation|secr[ée]tariat|sous-direction|bureau"
                           r"|p[ôo]le|cabinet|agence)\b", re.I)
PARTNER_WORDS = re.compile(
    r"\b(?:communes?|EPT|[ée]tat|pr[ée]fecture|rectorat|associations?|membres|prestataires|partenaires|acteurs"
    r"|r[ée]seau|structures|[ée]tablissements|op[ée]rateurs?|artistes|compagnies|coll[èe]ges|[ée]coles|bailleurs"
    r"|entreprises|mouvement|f[ée]d[ée]ration|ligue|clubs?|institut|syndicat|m[ée]tropole|r[ée]gion"
    r"|d[ée]partements?|conseil|office|universit[ée]s?|chambre|caisse|h[ôo]pita\w+|minist[èe]re|soci[ée]t[ée]"
    r"|fondation|croix-rouge)\b", re.I)
INDICATOR_START = re.compile(
    r"^(?:nombre|taux|part\b|pourcentage|proportion|r[ée]alisation|mise en place|mise en (?:œ|oe)uvre|bilan"
    r"|augmentation|diminution|baisse|hausse|[ée]volution|livraison|ouverture|participation|diversit[ée]"
    r"|surfaces?|lin[ée]aire|modalit[ée]s|rapprochement|formations?|centralisation|suivi|cr[ée]ation"
    r"|fr[ée]quentation|satisfaction|[ée]laboration|signature|production|organisation|restitution|une restitution"
    r"|tenue|existence|adoption|montant|volume|gains?|r[ée]duction|d[ée]ploiement|publication|respect)\b", re.I)
INDICATOR_WORDS = re.compile(r"\b(?:nombre de|taux de|indicateurs?)\b|%|\b\w+(?:é|ée|és|ées)\s*$", re.I)


def cues(text: str, glossary: dict[str, str]) -> dict[str, int]:
    """How much `text` looks like each field's value, 0 (not at all) to 2 (clearly)."""
    c = dict.fromkeys(FIELDS, 0)
    tokens = re.findall(r"[\w+&'’-]+", text)
    if ONLY_DATE.match(text) or DATE_STRONG.search(text):
        c["delai"] = 2
    elif YEAR.search(text) or DATE_WORDS.search(text):
        c["delai"] = 1 + (bool(YEAR.search(text)) and bool(DATE_WORDS.search(text)))
    if find_amounts(text) or re.search(r"€|\beuros?\b", text, re.I):
        c["budget"] = 2
    elif TO_BE_SET.search(text) or MONEY_WORDS.search(text):
        c["budget"] = 1 + bool(TO_BE_SET.search(text) and MONEY_WORDS.search(text))
    acronyms = [t for t in tokens if is_acronym(t) and not t.isdigit()]
    if tokens and is_acronym(tokens[0]) and len(acronyms) * 2 >= len(tokens):
        c["services"] = 2
    elif tokens and (is_acronym(tokens[0]) or SERVICE_START.match(text)):
        c["services"] = 1
    if tokens and tokens[0] in glossary:
        c["services"] = max(c["services"], 1)
    if PARTNER_WORDS.search(text) or (acronyms and len(acronyms) * 2 >= len(tokens)):
        c["partenaires"] = 1
    if INDICATOR_START.match(text):
        c["indicateurs"] = 2
    elif INDICATOR_WORDS.search(text):
        c["indicateurs"] = 1
    return c


# ---------------------------------------------------------------- assignment

CUE_WEIGHT = 1.5
EMPTY_COST = {"delai": 2.5, "services": 2.5, "budget": 1.5, "partenaires": 0.8, "indicateurs": 1.2}
MERGE_ACROSS_BLANK = 0.6  # two blank-separated groups given to one label
CUT_INSIDE_GROUP = 1.0  # a group without blank lines shared by two labels
EXTRA_SERVICE_LINE = 1.0  # a second unit for a collectivité whose label row is one line high
EARLIER_BLOCK = 1.0  # a value given to a label of an earlier label block
AMBIGUITY_MARGIN = 1.5
BEAM = 4


def _fit(unit_cues: dict[str, int], slot_field: str) -> float:
    other = max(v for f, v in unit_cues.items() if f != slot_field)
    return CUE_WEIGHT * unit_cues[slot_field] - CUE_WEIGHT / 2 * other


def _step_cost(slots: list[Slot], units: list[Unit], i: int, j_prev: Optional[int], j: int) -> float:
    """Cost of giving unit i to slot j when unit i-1 went to slot j_prev (None: i is the first unit)."""
    unit, slot = units[i], slots[j]
    cost = EARLIER_BLOCK * max(0, unit.block - slot.block)
    first = 0 if j_prev is None else j_prev + (j != j_prev)
    cost += sum(EMPTY_COST[s.field] for s in slots[first:j])
    if j_prev is None:
        return cost
    both_services = slot.collectivite is not None and slots[j_prev].collectivite is not None
    if j == j_prev:
        if unit.group_start:
            cost += MERGE_ACROSS_BLANK
        if slot.collectivite is not None and not slot.tall:
            cost += EXTRA_SERVICE_LINE
    elif not unit.group_start and not both_services:
        cost += CUT_INSIDE_GROUP
    return cost


def assign(slots: list[Slot], units: list[Unit], glossary: dict[str, str]) -> list[tuple[float, tuple[int, ...]]]:
    """The best order-preserving assignments of units to slots, best first: (score, slot index per unit)."""
    n, k = len(units), len(slots)
    if n == 0:
        return [(-sum(EMPTY_COST[s.field] for s in slots), ())]
    unit_cues = [cues(u.text, glossary) for u in units]
    allowed = [[j for j in range(k) if slots[j].pos < units[i].pos] for i in range(n)]
    # best[i][j]: the BEAM best (score, path) with unit i given to slot j
    best: list[dict[int, list[tuple[float, tuple[int, ...]]]]] = []
    for i in range(n):
        row: dict[int, list] = {}
        for j in allowed[i]:
            gain = _fit(unit_cues[i], slots[j].field)
            if i == 0:
                row[j] = [(gain - _step_cost(slots, units, 0, None, j), (j,))]
                continue
            options = [(score + gain - _step_cost(slots, units, i, jp, j), path + (j,))
                       for jp, paths in best[i - 1].items() if jp <= j for score, path in paths]
            if options:
                row[j] = sorted(options, reverse=True)[:BEAM]
        best.append(row)
    finals = [(score - sum(EMPTY_COST[s.field] for s in slots[j + 1:]), path)
              for j, paths in best[-1].items() for score, path in paths]
    return sorted(finals, reverse=True)


def _values(slots: list[Slot], units: list[Unit], path: tuple[int, ...]) -> dict[str, list[str]]:
    """Slot key -> its value pieces (inline value first, then its units)."""
    values = {s.key: [join_lines(s.lines)] if s.lines else [] for s in slots if not s.parent}
    for unit, j in zip(units, path):
        values[slots[j].key].append(unit.text)
    return values


def read_form_text(text: str, glossary: Optional[dict[str, str]] = None) -> Optional[ActionForm]:
    """The form in `text` (its first label and what follows), read by alignment. None when there is none."""
    glossary = glossary or {}
    lines = text.split("\n")
    cells, origin = side_by_side(lines)
    start = find_form_start(cells)
    if start is None:
        return None
    form = parse_text_form(cells[start:])
    span = (_offset(lines, origin[start]), _offset(lines, origin[start + form.end - 1] + 1) - 1)
    slots = [s for s in form.slots if not s.parent]
    open_slots = [s for s in slots if not s.lines]
    ranked = assign(open_slots, form.units, glossary)
    if not ranked:  # values but no label before them that lacks one: they are left out, and said so
        return _action_form(slots, _values(slots, [], ()), glossary, ["unassigned"], "text", span)
    best_score, best = ranked[0]
    chosen = _values(open_slots, form.units, best)
    uncertain: set[str] = set()
    for score, other in ranked[1:]:
        if best_score - score >= AMBIGUITY_MARGIN:
            break
        alternative = _values(open_slots, form.units, other)
        uncertain |= {_field_of(key) for key in chosen if chosen[key] != alternative[key]}
    values = _values([s for s in slots if s.lines], [], ())
    values.update(chosen)
    return _action_form(slots, values, glossary, sorted(uncertain), "text", span)


# Between two label/value pairs on one line: a tab or a run of spaces (the text of a docx or of
# a PDF laid out with spaces). The gap is matched without backtracking into itself: [ \t] runs.
PAIR_GAP = re.compile(r"\t+[ \t]*| {2,}\t*")
LABEL_WINDOW = 120  # characters after a gap in which a label and its colon would stand


def side_by_side(lines: list[str]) -> tuple[list[str], list[int]]:
    """The lines with label/value pairs printed side by side (« Pilote : DGS      Calendrier :
    2024-2026 ») cut into one line per pair, and the line each piece comes from. A pair starts
    with a label and its colon after a wide gap; any other gap is the value's own spacing."""
    cells, origin = [], []
    for i, line in enumerate(lines):
        first = len(line) - len(line.lstrip())
        cuts = [m.end() for m in PAIR_GAP.finditer(line)
                if m.start() > first and _match_label(line[m.end():m.end() + LABEL_WINDOW])
                ] if label_of(line.strip()) else []
        for a, b in zip([0] + cuts, cuts + [len(line)]):
            cells.append(line[a:b].rstrip() if b < len(line) else line[a:b])
            origin.append(i)
    return cells, origin


def _offset(lines: list[str], index: int) -> int:
    """Where line `index` starts in the text the lines were split from."""
    return sum(len(l) + 1 for l in lines[:index])


def _field_of(key: str) -> str:
    return key.split(":", 1)[0]


# ---------------------------------------------------------------- the form

def _action_form(slots: list[Slot], values: dict[str, list[str]], glossary: dict[str, str],
                 ambiguous_fields: list[str], source: str, span: tuple[Optional[int], Optional[int]] = (None, None)
                 ) -> ActionForm:
    """The form from its label rows (`slots`) and the value pieces read for each; `span`: where
    it lies in the text read, when known."""
    form = ActionForm(ambiguous_fields=ambiguous_fields, source=source, char_start=span[0], char_end=span[1])
    texts: dict[str, str] = {}
    for slot in slots:
        pieces = [p for p in values.get(slot.key, []) if p]
        if slot.field == "services":
            form.pilots += [Pilot(name, slot.collectivite, pilot_kind(name), service_label(name, glossary))
                            for piece in pieces for name in split_services(piece)]
        elif pieces and slot.field not in texts:
            texts[slot.field] = " ".join(pieces)
    form.delai, form.partenaires, form.indicateurs = (texts.get(f) for f in ("delai", "partenaires", "indicateurs"))
    form.budget_raw = texts.get("budget")
    form.budget_eur = budget_in_euros(form.budget_raw)
    form.budget_amounts = budget_amounts(form.budget_raw)
    for slot in slots:  # the first printed label of each field (a services sub-row names a collectivité)
        if slot.printed and slot.collectivite is None:
            form.form_labels.setdefault(slot.field, slot.printed)
    return form


# Pilots that are bodies in their own right rather than a collectivité's services: the State's
# and the social security's agencies, schools, intercommunalités, the collectivités themselves.
BODY_ACRONYM = re.compile(r"^(?:ARS|CAF|Caf|CPAM|MSA|CARSAT|CCAS|CIAS|EPCI|EPT|ANRU|ANCT|ANAH|Anah|ADEME|Ademe"
                          r"|DDETS|DREETS|DDT|DDTM|DREAL|PJJ|CHU|CH|GHT|CLS|CLSM|PMI|DSDEN|OPH|SEM)\b")
BODY_NAME = re.compile(
    r"^(?:l['’]\s*|la\s+|le\s+|les\s+)?(?:agence|caisse|[ée]ducation\s+nationale|rectorat|acad[ée]mie"
    r"|(?:sous-)?pr[ée]fecture|[ée]tat|minist[èe]re|france\s+travail|p[ôo]le\s+emploi|mission\s+locale"
    r"|office|syndicat|centre\s+hospitalier|h[ôo]pita\w+|conseil\s+(?:d[ée]partemental|r[ée]gional|g[ée]n[ée]ral)"
    r"|communaut[ée]\s+(?:de\s+communes|d['’]\s*agglom[ée]ration|urbaine)|intercommunalit[ée]|m[ée]tropole"
    r"|d[ée]partement|r[ée]gion|collectivit[ée]|commune|ville|mairie|association|f[ée]d[ée]ration|bailleurs?"
    r"|[ée]tablissement\s+public|groupement|chambre|universit[ée])\b", re.I)
# « Ville de Corte – Direction des services techniques »: a service, named after its collectivité.
SERVICE_PART = re.compile(r"\s[–—-]\s*(?:direction|service|mission|p[ôo]le|d[ée]l[ée]gation|secr[ée]tariat"
                          r"|sous-direction|bureau|cabinet)\b", re.I)


def pilot_kind(name: str) -> str:
    """« service » for a collectivité's service (« DASES », « Direction des sports »), « body »
    for a body in its own right (« ARS Corse », « Agence régionale de santé », « CAF », « Éducation
    nationale », « Communauté de communes du Centre Corse », « Département »)."""
    if SERVICE_PART.search(name):
        return "service"
    return "body" if BODY_ACRONYM.match(name) or BODY_NAME.match(name) else "service"


def split_services(value: str) -> list[str]:
    """« DAC, DAE » -> two services; « DVD – Agence de la Mobilité » and « MMPCR – DASES - DAJ » stay one.

    Commas inside brackets do not split: « autres directions (DEJ, DDMH) » is one.
    """
    parts, depth, current = [], 0, ""
    for ch in value:
        depth += (ch == "(") - (ch == ")")
        if ch in ",;" and depth <= 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [" ".join(p.split()).strip(" .") for p in parts if p.strip(" .")]


PER_UNIT = re.compile(r"(?:€|euros?)\s*(?:HT|TTC)?\s*(?:par|/)\s*(?:place|personne|participant|[ée]l[èe]ve|jour|nuit"
                      r"|enfant|habitant|unit[ée]|m²|m2|heure|s[ée]ance|b[ée]n[ée]ficiaire|jeune|repas)\b", re.I)


# Words that make two sums alternatives (« 20 000 € ou 35 000 € selon le scénario »),
# never parts of one budget.
ALTERNATIVES = re.compile(r"\b(?:ou|entre|selon|sc[ée]nario|option|hypoth[èe]se|fourchette|de\s+\S+\s+[àa])\b", re.I)
TOTAL_WORD = re.compile(r"\b(?:total|au total|soit|montant global|co[ûu]t global)\b", re.I)
RANGE_GAP = re.compile(r"\s*(?:[àa]|-|–)\s*")  # « de 10 000 € à 20 000 € »
PART_OF = re.compile(r"\bdont\b", re.I)  # « 100 000 € dont 40 000 € de l'État »: a part of the sum before


def budget_amounts(budget: Optional[str]) -> list[float]:
    """Every sum of money the budget field states, in reading order."""
    return [float(m.value) for m in find_amounts(budget)] if budget else []


def budget_in_euros(budget: Optional[str]) -> Optional[float]:
    """The action's budget in euros: one sum gives that sum; several give the total the text
    states (« soit 16,4 M€ au total »), else their sum when they add up (« 1,4 M€ pour la
    piste et 15 M€ pour le parc »; the lines of a financing plan). Sums that are
    alternatives (« ou », « selon le scénario ») or unit costs give None: `budget_amounts`
    lists them and the raw text stays."""
    if not budget:
        return None
    if PER_UNIT.search(budget):  # « 50 € par place » is a unit cost, not the action's budget
        return None
    sums = find_amounts(budget)
    if len(sums) <= 1:
        return float(sums[0].value) if sums else None
    total = TOTAL_WORD.search(budget)
    if total:
        after = [m for m in sums if m.char_start > total.start()]
        return float(after[0].value) if after else None
    between = [budget[a.char_end:b.char_start] for a, b in zip(sums, sums[1:])]
    if any(ALTERNATIVES.search(gap) or RANGE_GAP.fullmatch(gap) for gap in between) or ALTERNATIVES.search(budget[:sums[0].char_start]):
        return None
    parts = [sums[0]] + [m for m, gap in zip(sums[1:], between) if not PART_OF.search(gap)]
    if len({m.attrs.get("period") for m in parts}) > 1:
        return None  # a sum per year beside a one-off sum does not add up
    return float(sum(m.value for m in parts))


# ---------------------------------------------------------------- PDF layout

COLUMN_TOLERANCE = 3.0  # points: value lines of one column start within this of each other
WORD_GAP = 0.25  # a space is about a quarter of the font's height
CELL_GAP = 1.0  # between a label cell and its value cell: at least a font's height


@dataclass
class WordLine:
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)


def word_lines(words: list[Word]) -> list[WordLine]:
    """Words grouped into lines by their top, each line left to right (ingest's rule)."""
    return [WordLine(line) for line in cluster_lines(words, top=lambda w: w.top, left=lambda w: w.x0)]


def layout_pages(doc: Document) -> list[Page]:
    """The pages whose words the layout reading needs: those whose text shows a form label,
    and the page after each (a form's last values may run over).

    A PDF's words are read on demand (delib.ingest.pdf.PdfPage) and cost far more than
    its text: a convention without forms, or a page without one, never pays for them."""
    with_label = {i for i, p in enumerate(doc.pages) if _has_form_labels(doc.text[p.char_start:p.char_end])}
    return [p for i, p in enumerate(doc.pages) if i in with_label or i - 1 in with_label]


def _has_form_labels(page_text: str) -> bool:
    """A label with its colon, or two label lines without (the cells of a ruled table), or a line
    of labels alone (a table's header row)."""
    lines = [line.strip() for line in page_text.split("\n")]
    return any(label_of(line) or label_row(line) for line in lines) or \
        sum(bool(label_of(line, True)) for line in lines) >= 2


def page_lines(doc: Document) -> dict[int, list[WordLine]]:
    """Page number -> its word lines (pages of forms only), without the running headers,
    footers and page numbers that ingest took out of the page's text."""
    return {p.number: _without_running(p, word_lines(p.words)) for p in layout_pages(doc) if p.words}


def _without_running(page: Page, lines: list[WordLine]) -> list[WordLine]:
    running = {line_key(text) for text in page.running_lines}
    if not running:
        return lines
    is_running = lambda text: line_key(text) in running  # noqa: E731
    drop = running_edges([l.text for l in lines], is_running, is_running)
    return [l for i, l in enumerate(lines) if i not in drop]


def _split_label_words(line: WordLine, pattern_match_end: int) -> tuple[list[Word], list[Word]]:
    """Words of the label (the first `pattern_match_end` characters of the line's text) and the rest."""
    label, rest, offset = [], [], 0
    for w in line.words:
        (label if offset < pattern_match_end else rest).append(w)
        offset += len(w.text) + 1
    return label, rest


@dataclass
class Row:
    slot: Slot
    top: float
    lines: list[WordLine] = field(default_factory=list)
    right_edge: Optional[float] = None  # where the value's lines wrap, when its cell says so


def read_form_layout(lines: list[WordLine], start: int, glossary: Optional[dict[str, str]] = None,
                     loose: bool = False) -> Optional[ActionForm]:
    """The form whose first label is `lines[start]`, read as a two-column table.

    None when the lines do not show two columns (values not aligned on one x):
    the caller then reads the text instead.
    """
    glossary = glossary or {}
    rows: list[Row] = []
    label_right = 0.0
    value_starts: list[float] = []
    in_services = False
    for line in lines[start:]:
        text = line.text
        label = _match_label(text, loose)
        if label and any(r.slot.field == label[0] and r.slot.collectivite is None for r in rows):
            break  # the next form
        if label:
            name, length = label
            label_words, value_words = _split_label_words(line, length)
            rows.append(Row(Slot(name, printed=printed_label(text, loose)), line.top))
            in_services = name == "services"
        elif rows and LABEL_TAIL.match(text) and rows[-1].slot.field == "services":
            label_right = max(label_right, max(w.x1 for w in line.words))
            continue
        elif in_services and (sub := SUB_LABEL.match(text)) and line.x0 < _split(label_right, value_starts):
            label_words, value_words = _split_label_words(line, sub.start("value"))
            rows.append(Row(Slot("services", collectivite=sub["name"].strip()), line.top))
        elif rows and line.x0 >= _split(label_right, value_starts) - COLUMN_TOLERANCE:
            rows[-1].lines.append(line)
            continue
        elif rows and value_starts and (cont := _label_continuation(line, _split(label_right, value_starts))):
            # a label cell wrapped (« Indicateurs de » / « suivi ») beside its value's next line
            if cont.words:
                rows[-1].lines.append(cont)
            continue
        else:
            break  # a line that starts in the label column and is no label: the form is over
        label_right = max(label_right, max(w.x1 for w in label_words))
        if value_words:
            value_starts.append(min(w.x0 for w in value_words))
            rows[-1].lines.append(WordLine(value_words))
    if not _two_columns(rows, value_starts):
        return None
    slots = [r.slot for r in rows]
    for r in rows:  # a parent services row has its sub-rows
        r.slot.parent = r.slot.field == "services" and r.slot.collectivite is None and \
            any(s.collectivite is not None for s in slots)
    right_edge = max(w.x1 for r in rows for l in r.lines for w in l.words)
    right_edge = max([right_edge] + [l.words[-1].x1 for l in lines])
    values = {r.slot.key: _row_values(r, r.right_edge or right_edge) for r in rows if not r.slot.parent}
    return _action_form([s for s in slots if not s.parent], values, glossary, [], source="pdf_layout")


def _label_continuation(line: WordLine, split: float) -> Optional[WordLine]:
    """The value part of a line whose first words stay inside the label column (a wrapped
    label cell), or None when a word crosses into the values' column (body text)."""
    left = [w for w in line.words if w.x1 < split - COLUMN_TOLERANCE]
    right = [w for w in line.words if w.x0 >= split - COLUMN_TOLERANCE]
    if not left or len(left) + len(right) != len(line.words) or len(" ".join(w.text for w in left)) > 40:
        return None
    last = left[-1]
    # between two cells lies more than a word space: body text crossing the split has none
    if right and right[0].x0 - last.x1 < CELL_GAP * (last.bottom - last.top):
        return None
    return WordLine(right)


def _split(label_right: float, value_starts: list[float]) -> float:
    return min(value_starts) if value_starts else label_right + 1


def _two_columns(rows: list[Row], value_starts: list[float]) -> bool:
    if len(rows) < 3 or len(value_starts) < 2:
        return False
    return max(value_starts) - min(value_starts) <= COLUMN_TOLERANCE


def _row_values(row: Row, right_edge: float) -> list[str]:
    """A row's value: one piece per printed line for services (wrapped lines joined), one piece otherwise."""
    texts = [l.text for l in row.lines]
    if row.slot.field != "services":
        return [join_lines(texts)] if texts else []
    pieces: list[list[str]] = []
    for previous, line in zip([None] + row.lines, row.lines):
        if previous is not None and (continues(previous.text, line.text) or _wrapped(previous, line, right_edge)):
            pieces[-1].append(line.text)
        else:
            pieces.append([line.text])
    return [join_lines(p) for p in pieces]


def _wrapped(previous: WordLine, line: WordLine, right_edge: float) -> bool:
    """The line's first word would not have fitted at the end of the previous line: the text wrapped there."""
    first = line.words[0]
    space = WORD_GAP * (first.bottom - first.top)
    return previous.words[-1].x1 + space + (first.x1 - first.x0) > right_edge


# ---------------------------------------------------------------- PDF side-by-side columns

ROW_GAP = 1.5  # font heights: a wider gap between two lines ends a side-by-side form
SIZE_TOLERANCE = 1.0  # points: a line in another font size (a heading) ends it too


def chunks(line: WordLine) -> list[WordLine]:
    """The line cut where two words stand further apart than a cell gap (a font's height)."""
    parts = [[line.words[0]]]
    for previous, word in zip(line.words, line.words[1:]):
        if word.x0 - previous.x1 >= CELL_GAP * (previous.bottom - previous.top):
            parts.append([])
        parts[-1].append(word)
    return [WordLine(p) for p in parts]


def read_form_columns(lines: list[WordLine], start: int, glossary: Optional[dict[str, str]] = None
                      ) -> Optional[ActionForm]:
    """The form whose first line, `lines[start]`, holds two labels or more side by side
    (« Pilote : DGS      Calendrier : 2024-2026 »): each label starts a column, a value that
    wraps stays in its column under its label. The form ends at a wider gap between lines, a
    line in another font size (the next heading), a line that runs across the columns, or a
    label already read. None when the first line has fewer than two labels with their colon."""
    first = chunks(lines[start])
    if len(first) < 2 or not all(_match_label(c.text) for c in first):
        return None
    columns = [c.x0 for c in first]
    size = first[0].words[0].size
    read: list[Row] = []
    current: list[Optional[Row]] = [None] * len(columns)
    previous = None
    for line in lines[start:]:
        height = line.words[0].bottom - line.words[0].top
        if previous is not None and line.top - max(w.bottom for w in previous.words) > ROW_GAP * height:
            break
        if any(abs(w.size - size) > SIZE_TOLERANCE for w in line.words):
            break
        parts = _in_columns(line, columns)
        if parts is None:
            break
        if not _read_column_parts(parts, read, current):
            break
        previous = line
    if len(read) < 2:
        return None
    values = {r.slot.key: _row_values(r, r.right_edge) for r in read}
    return _action_form([r.slot for r in read], values, glossary or {}, [], "pdf_columns")


def _in_columns(line: WordLine, columns: list[float]) -> Optional[list[Optional[WordLine]]]:
    """The line's words column by column, or None when a piece runs across a column's start."""
    parts: list[list[Word]] = [[] for _ in columns]
    for piece in chunks(line):
        i = max((j for j, x in enumerate(columns) if piece.x0 >= x - COLUMN_TOLERANCE), default=0)
        if i + 1 < len(columns) and piece.words[-1].x1 > columns[i + 1] - COLUMN_TOLERANCE:
            return None
        parts[i] += piece.words
    return [WordLine(p) if p else None for p in parts]


def _read_column_parts(parts: list[Optional[WordLine]], read: list[Row], current: list[Optional[Row]]) -> bool:
    """Give each column's part of a line to its label row; False when the form is over."""
    for i, part in enumerate(parts):
        if part is None:
            continue
        found = _match_label(part.text)
        if found:
            if any(r.slot.field == found[0] for r in read):
                return False  # the next form
            _, value_words = _split_label_words(part, found[1])
            current[i] = Row(Slot(found[0], printed=printed_label(part.text)), part.top)
            read.append(current[i])
            if value_words:
                current[i].lines.append(WordLine(value_words))
        elif current[i] is None:
            return False  # words under no label
        else:
            current[i].lines.append(part)
        right = max(w.x1 for w in part.words)
        current[i].right_edge = max(current[i].right_edge or 0.0, right)
    return True


# ---------------------------------------------------------------- PDF ruled tables

@dataclass
class Cell:
    """A cell of a ruled table and the words inside it, as lines."""

    box: Box
    words: list[Word]

    @property
    def lines(self) -> list[WordLine]:
        return word_lines(self.words)

    @property
    def text(self) -> str:
        return join_lines([l.text for l in self.lines])

    @property
    def right_edge(self) -> float:
        """Where the cell's lines wrap: its right rule less the padding its text has on the left."""
        return self.box[2] - max(0.0, min(w.x0 for w in self.words) - self.box[0])


def table_cells(table: RuledTable, words: list[Word]) -> list[list[Optional[Cell]]]:
    """The table's rows of cells (None where a merged cell spans the place), each cell with the
    words whose middle lies inside it."""
    def inside(w: Word, box: Box) -> bool:
        x, y = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        return box[0] <= x < box[2] and box[1] <= y < box[3]
    return [[Cell(box, [w for w in words if inside(w, box)]) if box else None for box in row] for row in table.rows]


def _filled(cell: Optional[Cell]) -> bool:
    return cell is not None and bool(cell.words)


def _label_cell(cell: Optional[Cell]) -> Optional[tuple[str, str, list[Word]]]:
    """(field, label as printed, the words after the label) when the cell starts with a label.
    A label cell may wrap (« Indicateurs de » / « suivi ») and hold its value (« Pilote : ARS »)."""
    if not _filled(cell):
        return None
    line = WordLine([w for l in cell.lines for w in l.words])
    found = _match_label(line.text, loose=True)
    if not found:
        return None
    _, rest = _split_label_words(line, found[1])
    return found[0], printed_label(line.text, loose=True), rest


def read_form_table(rows: list[list[Optional[Cell]]], start: int, glossary: Optional[dict[str, str]] = None
                    ) -> Optional[ActionForm]:
    """The form whose first label cell is in row `start` of a ruled table (its rows, several
    tables' when the form runs over a page). Labels stand in the first column, each value in the
    cells beside it (a services row may have a collectivité's cell between: « Paris » | « DASES »),
    or labels stand in a row with their values in the row below. Rows with a label of no form
    field (« Objectifs », « Public visé ») are left out; a row without label carries on the value
    above (a cell cut by a page break). None when the rows hold fewer than two labels."""
    read: list[Row] = []
    header: list[Optional[Row]] = []  # labels printed in a row, their values below
    in_services = False
    for cells in rows[start:]:
        labels = [_label_cell(c) for c in cells]
        if _header_row(labels, cells):
            if any(r.slot.field == l[0] for l in labels if l for r in read):
                break  # the next form
            header = [_table_row(l, c) if l else None for l, c in zip(labels, cells)]
            read += [r for r in header if r]
            continue
        label = labels[0]
        if label:
            if any(r.slot.field == label[0] and r.slot.collectivite is None for r in read):
                break  # the next form
            header = []
            read.append(_table_row(label, cells[0]))
            in_services = label[0] == "services"
            values = [c for c in cells[1:] if _filled(c)]
            if in_services and len(values) >= 2 and (sub := _collectivite_cell(values[0])):
                read[-1].slot.parent = True
                read.append(Row(Slot("services", collectivite=sub), values[0].box[1]))
                values = values[1:]
            _add_values(read[-1], values)
        elif header:
            for row, cell in zip(header, cells):
                if row and _filled(cell):
                    _add_values(row, [cell])
        elif read and in_services and (sub := _sub_row(cells)):
            collectivite, values = sub
            next(r for r in reversed(read) if r.slot.collectivite is None).slot.parent = True
            read.append(Row(Slot("services", collectivite=collectivite), values[0].box[1] if values else 0.0))
            _add_values(read[-1], values)
        elif read and not _filled(cells[0]):
            _add_values(read[-1], [c for c in cells[1:] if _filled(c)])  # the cell goes on below a rule
        else:
            in_services = False  # a row of no form field: its value is nobody's
    if len(read) < 2:
        return None
    values = {r.slot.key: _row_values(r, r.right_edge or 0.0) for r in read if not r.slot.parent}
    return _action_form([r.slot for r in read if not r.slot.parent], values, glossary or {}, [], "pdf_table")


def _header_row(labels: list[Optional[tuple[str, str, list[Word]]]], cells: list[Optional[Cell]]) -> bool:
    """Labels side by side, each alone in its cell (« Pilote » | « Partenaires » | « Calendrier »):
    their values stand below. A label with words after it is a value that starts like one
    (« Budget moyen d'hébergement… »)."""
    alone = [l for l in labels if l and not l[2]]
    return len(alone) >= 2 and all(l in alone or not _filled(c) for l, c in zip(labels, cells))


def _table_row(label: tuple[str, str, list[Word]], cell: Cell) -> Row:
    name, printed, rest = label
    row = Row(Slot(name, printed=printed), cell.box[1])
    if rest:
        row.lines += word_lines(rest)
        row.right_edge = cell.right_edge
    return row


def _add_values(row: Row, cells: list[Cell]) -> None:
    for cell in cells:
        row.lines += cell.lines
        row.right_edge = max(row.right_edge or 0.0, cell.right_edge)


def _collectivite_cell(cell: Cell) -> Optional[str]:
    """The collectivité a services sub-row names (« Paris : », « Seine-Saint-Denis »)."""
    text = cell.text.rstrip(" :")
    if PLACE_NAME.match(text) and not is_acronym(text.split()[0]) and len(text.split()) <= 4:
        return text
    return None


def _sub_row(cells: list[Optional[Cell]]) -> Optional[tuple[str, list[Cell]]]:
    """(collectivité, value cells) of a services sub-row: « Paris : » | value in a two-column
    table, or an empty (or merged) label place | « Paris » | value."""
    filled = [c for c in cells if _filled(c)]
    if not filled:
        return None
    if _filled(cells[0]):
        sub = SUB_LABEL.match(cells[0].text)
        return (sub["name"].strip(), filled[1:]) if sub and PLACE_NAME.match(sub["name"]) else None
    name = _collectivite_cell(filled[0]) if len(filled) >= 2 else None
    return (name, filled[1:]) if name else None


def _form_table_rows(doc: Document, lines_by_page: dict[int, list[WordLine]], label_line: WordLine
                     ) -> Optional[tuple[list[list[Optional[Cell]]], int]]:
    """The rows of the ruled table holding the form's first label (with the next page's first
    table when the form runs over a page break), and the row of that label."""
    first = label_line.words[0]
    page = next((p for p in doc.pages if p.number == first.page), None)
    tables = sorted(page.tables, key=lambda t: t.top) if page is not None else []
    for i, table in enumerate(tables):
        rows = table_cells(table, page.words)
        at = next((r for r, cells in enumerate(rows) if any(c and first in c.words for c in cells)), None)
        if at is None:
            continue
        if i == len(tables) - 1:
            rows += _continued_on_next_page(doc, lines_by_page, page.number, table)
        return rows, at
    return None


def _continued_on_next_page(doc: Document, lines_by_page: dict[int, list[WordLine]], number: int,
                            table: RuledTable) -> list[list[Optional[Cell]]]:
    """The rows of the next page's first table when nothing stands between it and `table`
    (the table ends its page and the next one starts its page): one table cut by the break."""
    bottom = max(cell[3] for row in table.rows for cell in row if cell)
    if any(l.top >= bottom for l in lines_by_page.get(number, [])):
        return []
    page = next((p for p in doc.pages if p.number == number + 1), None)
    if page is None or not page.tables or number + 1 not in lines_by_page:
        return []
    following = min(page.tables, key=lambda t: t.top)
    if any(l.top < following.top for l in lines_by_page[number + 1]):
        return []
    return table_cells(following, page.words)


def _layout_start(doc: Document, lines_by_page: dict[int, list[WordLine]], offset: int,
                  first_field: str, loose: bool = False) -> Optional[tuple[list[WordLine], int]]:
    """The word lines from the form's page on, and the index of the form's first label among them.

    The form's first label (at `offset` in the text) is the k-th label of its kind
    on its page in the text; it is the k-th one among the page's word lines too
    (the running lines the text lost hold no label).
    """
    page_number = doc.page_at(offset)
    page = next((p for p in doc.pages if p.number == page_number), None)
    if page is None or page_number not in lines_by_page:
        return None
    before = doc.text[page.char_start:offset].split("\n")
    k = sum(1 for l in before if (label := label_of(l.strip(), loose)) and label[0] == first_field)
    on_page = [i for i, l in enumerate(lines_by_page[page_number])
               if (label := label_of(l.text, loose)) and label[0] == first_field]
    if k >= len(on_page):
        return None
    lines = [l for n in sorted(lines_by_page) if n >= page_number for l in lines_by_page[n]]
    return lines, on_page[k]


# ---------------------------------------------------------------- one document

def action_text_span(seg: Segment, segments: list[Segment]) -> tuple[int, int]:
    """The part of an action's span that is its own: up to its first sub-action, if any."""
    start = seg.heading_end or seg.char_start
    inner = [s.char_start for s in segments if s is not seg and s.kind in ("action", "sub_action")
             and seg.char_start < s.char_start < seg.char_end]
    return start, min(inner, default=seg.char_end)


def extract_action_forms(doc: Document, segments: list[Segment],
                         glossary: Optional[dict[str, str]] = None) -> dict[str, ActionForm]:
    """Segment id -> the form of each action and sub-action of the document that has one.
    `glossary` is the document's (`find_glossary(doc.text)`, read here when not given)."""
    actions = [s for s in segments if s.kind in ("action", "sub_action")]
    if not actions:
        return {}
    glossary = find_glossary(doc.text) if glossary is None else glossary
    lines_by_page = page_lines(doc)
    forms = {seg.segment_id: extract_action_form(doc, seg, segments, glossary, lines_by_page) for seg in actions}
    return {segment_id: form for segment_id, form in forms.items() if form is not None}


def extract_action_form(doc: Document, seg: Segment, segments: list[Segment] = (),
                        glossary: Optional[dict[str, str]] = None,
                        lines_by_page: Optional[dict[int, list[WordLine]]] = None) -> Optional[ActionForm]:
    """The action's form, None when it has none. Its span runs from its first label: to its last
    line read from the text, to the end of the action's own text when read from the PDF's layout."""
    glossary = find_glossary(doc.text) if glossary is None else glossary
    start, end = action_text_span(seg, list(segments))
    body = doc.text[start:end]
    lines = body.split("\n")
    first = find_form_start(lines)
    # Without colons, labels are trusted only where the PDF shows them as a table's label column.
    loose_first = find_form_start(lines, loose=True) if doc.format == "pdf" else None
    if first is None and loose_first is None:
        return None
    if lines_by_page is None:
        lines_by_page = page_lines(doc)
    starts = [(loose_first, True)] if loose_first is not None and (first is None or loose_first < first) else []
    starts += [(first, False)] if first is not None else []
    for at, loose in starts:
        if not lines_by_page:
            break
        offset = start + _offset(lines, at)
        located = _layout_start(doc, lines_by_page, offset, label_of(lines[at].strip(), loose)[0], loose)
        if not located:
            continue
        in_table = _form_table_rows(doc, lines_by_page, located[0][located[1]])
        form = read_form_table(*in_table, glossary=glossary) if in_table else None
        form = form or read_form_columns(*located, glossary=glossary)
        form = form or read_form_layout(*located, glossary=glossary, loose=loose)
        if form is not None:
            return _placed(form, doc, offset, end)
    if first is None:
        return None
    form = read_form_text("\n".join(lines[first:]), glossary)
    base = start + _offset(lines, first)
    return _placed(form, doc, base + form.char_start, base + form.char_end) if form else None


def _placed(form: ActionForm, doc: Document, char_start: int, char_end: int) -> ActionForm:
    """The form with its span in the document's text and the page it starts on."""
    form.char_start, form.char_end = char_start, char_end
    form.page = doc.page_at(char_start)
    return form
