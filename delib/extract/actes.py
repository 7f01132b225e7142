"""The ACTES identifier of a transmitted act, and the ACTES matière a document states.

An act sent to the préfecture through ACTES gets an identifier printed on its
stamp: `DDD-SIREN-AAAAMMJJ-NUMERO_INTERNE-NN`, e.g.
`094-219400413-20240627-DEL20240627_16A-DE` = département 094, SIREN 219400413,
decision date 2024-06-27, internal number DEL20240627_16A, nature DE. The internal
number may itself hold '-' (« DEL-25-04-031 »): the fixed parts are read from both ends.

Stamps come through PDF text layers and OCR, so `find_actes_ids` reads them with
some tolerance — never by inventing a digit:

- stray spaces and bars between characters (« 0 34-213401722-… », « 21|2000962 »);
- at most one character damaged by OCR, put back when the structure proves it:
  the SIREN's check digit (Luhn) must then hold, the date must be a calendar date,
  the nature one of the six ACTES natures;
- the département is checked against the SIREN: a commune's SIREN is 21 + its INSEE
  code, a département's 22 + its number, so « 028-212000962-… » (Corte, INSEE
  2B096) is Corsica's « 02B » misread; the département of a clean stamp of the same
  SIREN in the same document settles it.

The matière is the ACTES classification (« 7.5 » = finances locales/subventions,
`delib/data/actes_matieres.csv`); a document states it as « Nomenclature : 7.5 »,
« Matière : 9.1 Autres domaines de compétence », « Code matière 3.2 » or a
« Classification » line of the préfecture's stamp.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Optional

from delib.resources import data_path

DATA = data_path()
MATIERES_PATH = DATA / "actes_matieres.csv"
NATURES_PATH = DATA / "actes_natures.csv"


# --- reference data ------------------------------------------------------------------

@lru_cache(maxsize=None)
def matieres_level2() -> tuple[dict[str, str], ...]:
    """The 57 ACTES sous-matières (rows of `actes_matieres.csv` at level 2)."""
    with MATIERES_PATH.open(encoding="utf-8", newline="") as f:
        return tuple(row for row in csv.DictReader(f) if row["niveau"] == "2")


def matiere_names() -> dict[str, str]:
    """ACTES level-2 code -> its SCDL name: {'7.5': 'finances locales/subventions', …}."""
    return {row["code"]: row["delib_matiere_nom_scdl"] for row in matieres_level2()}


@lru_cache(maxsize=None)
def actes_natures() -> frozenset[str]:
    """The nature codes an ACTES id ends with: DE, AR, AI, CC, BF, AU."""
    with NATURES_PATH.open(encoding="utf-8", newline="") as f:
        return frozenset(row["type_abrege"] for row in csv.DictReader(f))


# --- the identifier ------------------------------------------------------------------

@dataclass(frozen=True)
class ActesId:
    """`DDD-SIREN-AAAAMMJJ-NUMERO_INTERNE-NN`, e.g. 094-219400413-20240627-DEL20240627_16A-DE."""

    departement: str  # 3 characters: 094, 02B, 971
    siren: str
    decision_date: str  # ISO
    numero_interne: str
    nature: str
    repaired: bool = False  # read through a stray space or an OCR-damaged character

    @property
    def value(self) -> str:
        return "-".join((self.departement, self.siren, self.decision_date.replace("-", ""),
                         self.numero_interne, self.nature))


ACTES_EXACT = re.compile(r"^(\d{2}[0-9AB])-(\d{9})-(\d{8})-(.+)-([A-Z]{2})$")


def parse_actes_id(value: Optional[str]) -> Optional[ActesId]:
    """The parts of a well-formed ACTES id (a table cell), or None when `value` is not one."""
    if not value:
        return None
    m = ACTES_EXACT.match(value.strip())
    if not m or m.group(5) not in actes_natures():
        return None
    departement, siren, yyyymmdd, numero, nature = m.groups()
    decision = _calendar_date(yyyymmdd)
    if decision is None:
        return None
    return ActesId(departement, siren, decision, numero, nature)


# What OCR prints for a digit, and for the letters of a département or a nature.
DIGIT_LOOKALIKES = {"O": "0", "o": "0", "D": "0", "Q": "0", "I": "1", "l": "1", "|": "1", "i": "1",
                    "Z": "2", "z": "2", "S": "5", "s": "5", "G": "6", "B": "8", "A": "4", "T": "7"}
LETTER_LOOKALIKES = {"8": "B", "6": "B", "5": "B", "3": "B", "4": "A", "0": "O", "F": "E"}

_GAP = r"[ \t]?"
_DASH = r"[ \t]?[-–][ \t]?"
# A loose shape: the characters are checked (and repaired) by `_read`, not here.
ACTES_LOOSE = re.compile(
    rf"(?<![A-Za-z0-9])(?P<dep>[0-9A-Z](?:{_GAP}[0-9A-Z]){{1,2}}){_DASH}"
    rf"(?P<siren>[0-9A-Za-z|](?:[ \t|]?[0-9A-Za-z|]){{8,9}}){_DASH}"
    rf"(?P<day>[0-9A-Za-z|](?:{_GAP}[0-9A-Za-z|]){{7}}){_DASH}"
    rf"(?P<internal>[A-Za-z0-9_]++(?:-[A-Za-z0-9_]++){{0,15}}?){_DASH}"  # bounded: linear on long runs
    rf"(?P<nature>[A-Z0-9]{{2}})(?![A-Za-z0-9]|-[A-Za-z0-9])"
)


@dataclass(frozen=True)
class FoundActesId:
    """An ACTES id read in running text: where it lies and what it says."""

    start: int
    end: int
    actes: ActesId


def find_actes_ids(text: str) -> list[FoundActesId]:
    """Every ACTES id of `text`, in order; clean ones as printed, damaged ones repaired
    (see the module's docstring) or left out when the structure does not prove them."""
    matches = list(ACTES_LOOSE.finditer(text))
    # The département each SIREN has on the document's clean stamps.
    known: dict[str, str] = {}
    for m in matches:
        clean = parse_actes_id(re.sub(r"[ \t]", "", m.group(0)))
        if clean is not None and clean.departement in _departements_of(clean.siren, clean.departement):
            known.setdefault(clean.siren, clean.departement)
    found = []
    for m in matches:
        actes = _read(m, known)
        if actes is not None:
            found.append(FoundActesId(m.start(), m.end(), actes))
    return found


def best_actes_id(text: str) -> Optional[ActesId]:
    """The act's own id in a deliberation's text: its first stamp read without repair,
    else the first repaired one (an OCR'd stamp is often printed twice, once damaged)."""
    found = find_actes_ids(text)
    clean = [f.actes for f in found if not f.actes.repaired]
    return clean[0] if clean else (found[0].actes if found else None)


def _read(m: re.Match, known: dict[str, str]) -> Optional[ActesId]:
    damaged = 0
    siren, n = _digits(m.group("siren"), length=9)
    if siren is None or n and not luhn_ok(siren):  # a repaired SIREN must pass its check digit
        return None
    damaged += n
    day, n = _digits(m.group("day"), length=8)
    decision = _calendar_date(day) if day else None
    if decision is None:
        return None
    damaged += n
    nature, n = _nature(m.group("nature"))
    if nature is None:
        return None
    damaged += n
    departement, n = _departement(m.group("dep"), siren, known)
    if departement is None:
        return None
    damaged += n
    if damaged > 1:
        return None
    actes = ActesId(departement, siren, decision, m.group("internal"), nature)
    printed = re.sub(r"[ \t]", "", m.group(0))
    return replace(actes, repaired=printed != actes.value)


def _digits(raw: str, length: int) -> tuple[Optional[str], int]:
    """`raw` as `length` digits, and how many characters had to be read as lookalikes.
    Spaces are stray; a bar is stray when the rest has the right length."""
    chars = re.sub(r"[ \t]", "", raw)
    if len(chars) == length + 1 and chars.count("|") == 1:
        chars = chars.replace("|", "")
    if len(chars) != length:
        return None, 0
    out, damaged = [], 0
    for c in chars:
        if c.isdigit():
            out.append(c)
        elif c in DIGIT_LOOKALIKES:
            out.append(DIGIT_LOOKALIKES[c])
            damaged += 1
        else:
            return None, 0
    return "".join(out), damaged


def _nature(raw: str) -> tuple[Optional[str], int]:
    if raw in actes_natures():
        return raw, 0
    fixed = "".join(LETTER_LOOKALIKES.get(c, c) for c in raw)
    if fixed in actes_natures():
        return fixed, sum(a != b for a, b in zip(raw, fixed))
    return None, 0


def _departements_of(siren: str, printed: str) -> set[str]:
    """The départements a SIREN allows: a commune's (21…) and a département's (22…)
    SIREN hold its number; other bodies' (EPCI, syndicats) do not, so any is allowed."""
    if siren[:2] not in ("21", "22"):
        return {printed}
    number = siren[2:4]
    if number == "20":
        return {"02A", "02B"}  # Corsica: the SIREN does not say which of the two
    if number == "97":
        return {"97" + siren[4]}
    return {"0" + number}


def _departement(raw: str, siren: str, known: dict[str, str]) -> tuple[Optional[str], int]:
    """The département, checked against the SIREN; (None, 0) when it cannot be proven."""
    printed = re.sub(r"[ \t]", "", raw)
    if len(printed) == 2:
        printed = "0" + printed  # « 34 », « 2B »: ACTES writes three characters
    allowed = _departements_of(siren, printed)
    if printed in allowed and re.fullmatch(r"\d{2}[0-9AB]", printed):
        return printed, 0
    if siren in known:
        return known[siren], 0  # proven by a clean stamp of the same act's author
    if len(allowed) == 1 and siren[:2] in ("21", "22"):
        return next(iter(allowed)), 0  # proven by the SIREN
    # Corsica without a clean stamp: read the misprinted last character as A or B.
    if allowed == {"02A", "02B"} and len(printed) == 3:
        letter = LETTER_LOOKALIKES.get(printed[2], printed[2])
        if f"02{letter}" in allowed:
            return f"02{letter}", 1
    return None, 0


def luhn_ok(digits: str) -> bool:
    """The Luhn check digit that SIREN and SIRET numbers carry."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _calendar_date(yyyymmdd: Optional[str]) -> Optional[str]:
    if not yyyymmdd or not re.fullmatch(r"\d{8}", yyyymmdd):
        return None
    try:
        return date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:])).isoformat()
    except ValueError:
        return None


def numero_from_internal(internal: str, decision_day: str) -> str:
    """« DEL20240627_16A » -> « 16A »: the internal number less its prefix and date."""
    rest = re.sub(r"^[A-Za-z]*[-_]?", "", internal)
    rest = rest.replace(decision_day.replace("-", ""), "", 1)
    return rest.strip("-_") or internal


# --- the matière ---------------------------------------------------------------------

# The label, then the code: « Nomenclature : 7.5 », « Matière : 9.1 Autres domaines… »,
# « Code matière 3.2 », « Classification : 7.1 - Décisions budgétaires ». A code needs
# its dot: « nomenclature comptable M 14 » and « en matière : d'urbanisme » are not one.
MATIERE_LINE = re.compile(
    r"(?im)^[ \t*•\-|\[]*(?:code[ \t]+mati[èe]re|mati[èe]re(?:[ \t]+actes)?|nomenclature(?:[ \t]+actes)?"
    r"|classification(?:[ \t]+actes)?)[ \t]*(?:n[°o][ \t]*)?:?[ \t]*"
    r"(?P<code>[1-9](?:\.\d{1,2}){1,2})(?![\d.,]*\d)"
)


def matiere_of(code: Optional[str]) -> Optional[tuple[str, str]]:
    """(code, SCDL name) of an ACTES code of level 2 or 3 (« 7.5.1 » is named after 7.5)."""
    if not code:
        return None
    level2 = ".".join(code.split(".")[:2])
    name = matiere_names().get(level2)
    return (code, name) if name else None


def find_matiere(text: str) -> Optional[tuple[str, str]]:
    """The ACTES matière `text` states, as (code, name), or None when it states none."""
    for m in MATIERE_LINE.finditer(text):
        found = matiere_of(m.group("code"))
        if found:
            return found
    return None
