"""The `deliberations` table exported as `scdl_deliberations.csv`, in the SCDL
« Délibérations » schema of OpenDataFrance (v2.1.5, `delib/data/`), and its validation.

The file: UTF-8, comma-separated, the schema's 17 columns in the schema's order,
`""` for every missing value, ISO dates (AAAA-MM-JJ), integers without `.0`.
Writing it needs pandas only; `validate_scdl` also needs `frictionless` (imported there).

Mapping, column by column (a value the documents do not give is left empty, never guessed):

- COLL_NOM — the deliberation's `collectivite`; when the document's own list of
  collectivités (`documents.collectivites`) holds a fuller name containing it
  (« Ivry-sur-Seine » → « Ville d'Ivry-sur-Seine »), that one. With no `collectivite`,
  the document's list when it names exactly one. `instance` is not used: COLL_NOM
  names the collectivité, not its assembly.
- COLL_SIRET — a SIRET is 14 digits, SIREN (9) + NIC (5). The ACTES id gives the
  SIREN, never the NIC, so the SIRET is taken only from a mention printed in the
  document (« SIRET : 219 400 413 00011 ») whose first 9 digits are the ACTES id's
  SIREN and which passes the Luhn check. Otherwise empty: the row then lacks a
  required cell, and `validate_scdl` says so.
- DELIB_ID — the internal number inside the ACTES id (`DEL20240627_16A`): it is the
  collectivité's own identifier and unique; else `numero` as printed.
- DELIB_DATE — `seance_date` when it is a full date, else the decision date of the ACTES id.
- DELIB_MATIERE_CODE / DELIB_MATIERE_NOM — `matiere_code` cut to the ACTES level 2
  (« 7.5.1 » → « 7.5 ») and its name from the nomenclature (`delib_matiere_nom_scdl`:
  « finances locales/subventions »); with no code, a `matiere_nom` that is exactly
  an ACTES level-2 label or SCDL name. Both empty otherwise (a document's own theme,
  « ENVIRONNEMENT », is not an ACTES matière).
- DELIB_OBJET — `objet`.
- BUDGET_ANNEE, BUDGET_NOM, DELIB_URL — empty: the pipeline does not know them.
- PREF_ID — `PREF` + the département of the ACTES id (`PREF094`). The schema defines
  PREF_ID as the code of the authority doing the contrôle de légalité; that authority
  is the préfet of the collectivité's département (CGCT L2131-6), even when a
  sous-préfecture handles the file, which the ACTES id cannot tell. Empty without an
  ACTES id. (The ACTES id itself has no SCDL column.)
- PREF_DATE — `reception_date` (« Date de réception préfecture », « Reçu en préfecture
  le »: the act's registration at the contrôle de légalité), else `transmission_date`
  (sent the same day or the day before). Dropped when it falls before DELIB_DATE: such
  a date contradicts the schema (PREF_DATE ≥ DELIB_DATE) and is an extraction error.
- VOTE_EFFECTIF = `en_exercice`; VOTE_POUR / VOTE_CONTRE / VOTE_ABSTENTION = `pour`,
  `contre`, `abstentions`; VOTE_REEL = POUR + CONTRE + ABSTENTION (those who do not
  take part in the vote are not counted, as the schema's sum check requires). All five
  are filled, or all five empty: when any figure is unknown (« à l'unanimité » without
  figures gives none), or when they contradict each other (VOTE_REEL > VOTE_EFFECTIF;
  the `checks` table is where such contradictions are reported).

Validation (`validate_scdl`): frictionless validates types, patterns and required
cells against the schema file; the schema's `custom_checks`, which frictionless does
not run, are implemented here (french-siret-value, year-interval-value,
cohesive-columns-value, compare-columns-value, sum-columns-value,
nomenclature-actes-value), following the semantics of Validata, OpenDataFrance's
validator: a check comparing cells is skipped when one of them is empty.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional

import pandas as pd
from stdnum.fr import siret as stdnum_siret

from delib.extract.actes import (  # noqa: F401 - parse_actes_id, actes_natures re-exported for callers
    ActesId, actes_natures, luhn_ok, matiere_names, matieres_level2, parse_actes_id,
)
from delib.lang.text import strip_accents
from delib.output.files import atomic_path
from delib.resources import data_path

SCDL_FILE = "scdl_deliberations.csv"
DATA = data_path()
SCHEMA_PATH = DATA / "scdl_deliberations_schema.json"

MAX_REPORTED_ERRORS = 10_000_000
VOTE_COLUMNS = ("VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION")

# Why a required cell can be empty in our export: said with the problem, so that a
# reader knows whether the document lacks it or the pipeline does.
MISSING_REASONS = {
    "COLL_NOM": "the document does not name the collectivité",
    "COLL_SIRET": ("the document prints no SIRET of the collectivité (an ACTES id gives "
                   "only the SIREN, 9 digits; the 5-digit NIC is not guessed): give it with "
                   "--siret or --collectivites FILE"),
    "DELIB_ID": "the document gives neither a deliberation number nor an ACTES id",
    "DELIB_DATE": "the document gives no full date of the session",
    "DELIB_MATIERE_CODE": ("the document gives no ACTES matière code (e.g. « 7.5 ») and its objet "
                           "matches no keyword of delib/data/matiere_keywords.csv"),
    "DELIB_MATIERE_NOM": "the document gives no ACTES matière and its objet matches no keyword",
    "DELIB_OBJET": "no object (« Objet : … ») was found for this deliberation",
}


# --- reference data -----------------------------------------------------------------

@lru_cache(maxsize=None)
def load_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def scdl_columns() -> list[str]:
    return [f["name"] for f in load_schema()["fields"]]


def _field_types() -> dict[str, str]:
    return {f["name"]: f["type"] for f in load_schema()["fields"]}


def _norm(text: str) -> str:
    """Lowercase, without accents, punctuation as spaces: for comparing names."""
    text = strip_accents(text.lower().replace("œ", "oe"))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


# --- SIRET ---------------------------------------------------------------------------

def siret_ok(value: str) -> bool:
    """14 digits whose check digits hold, by python-stdnum: the Luhn check on the SIRET and on
    its SIREN; La Poste's establishments (SIREN 356000000, but for its head office) use instead
    a digit sum that is a multiple of 5. Spaces or dots are not accepted: the caller strips them."""
    return bool(re.fullmatch(r"\d{14}", value)) and stdnum_siret.is_valid(value)


# « SIRET : 219 400 413 00011 », « N° SIRET 21940041300011 », « Siret n°219.400.413.00011 »
SIRET_MENTION = re.compile(
    r"\bSIRET\b[^0-9\n]{0,20}?((?:\d[ \u00a0\u202f.]?){13}\d)(?!\d)", re.IGNORECASE)


def find_siret(text: str, siren: str) -> Optional[str]:
    """The SIRET printed in `text` for the collectivité whose SIREN is `siren`, if any.

    Only a mention labelled SIRET, whose first 9 digits are `siren` and which passes
    the Luhn check: a document may also print its partners' SIRETs.
    """
    for m in SIRET_MENTION.finditer(text or ""):
        digits = re.sub(r"\D", "", m.group(1))
        if digits.startswith(siren) and siret_ok(digits):
            return digits
    return None


# --- the collectivité's identity, as the user gives it -----------------------------

class IdentityError(ValueError):
    """A SIRET or a `--collectivites` file that cannot be used (said with its line)."""


# « Ville de », « Commune d' », « Département de la »…: dropped to compare names.
_KIND_PREFIX = re.compile(r"^(?:ville|commune|mairie|departement|region|metropole|collectivite)"
                          r"(?: de la| de l| du| des| de| d)? ")


def _name_keys(name: str) -> set[str]:
    """The forms under which `name` is looked up: « Ville d'Ivry-sur-Seine » -> {« ville d ivry
    sur seine », « ivry sur seine »}."""
    full = _norm(name)
    return {k for k in (full, _KIND_PREFIX.sub("", full)) if k}


@dataclass(frozen=True)
class Identities:
    """SIRETs the documents do not print, given by the user: `--siret` (one collectivité)
    and a `--collectivites` CSV mapping a name or a SIREN to a SIRET."""

    siret: str = ""
    by_siren: Mapping[str, str] = None  # type: ignore[assignment]
    by_name: Mapping[str, str] = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_siren", dict(self.by_siren or {}))
        object.__setattr__(self, "by_name", dict(self.by_name or {}))
        if self.siret and not siret_ok(self.siret):
            raise IdentityError(f"--siret {self.siret}: not a SIRET (14 digits passing the Luhn check)")

    def lookup(self, siren: str = "", name: str = "") -> str:
        """The SIRET of the collectivité with SIREN `siren` (from its ACTES ids) or called
        `name`; `--siret` when neither is listed and it does not belong to another SIREN."""
        if siren and siren in self.by_siren:
            return self.by_siren[siren]
        for key in _name_keys(name) if name else ():
            if key in self.by_name:
                found = self.by_name[key]
                if not siren or found.startswith(siren):
                    return found
        if self.siret and (not siren or self.siret.startswith(siren)):
            return self.siret
        return ""


NAME_COLUMNS = ("nom", "name", "coll_nom", "collectivite", "collectivité", "denomination", "dénomination")


def load_identities(path: Path | str | None = None, siret: str = "") -> Identities:
    """`--collectivites FILE` (a CSV, comma or semicolon separated, with a `siret` column and
    a name column — nom, name, COLL_NOM or collectivite — and/or a `siren` column) and `--siret`."""
    siret = re.sub(r"[\s.]", "", siret or "")
    if path is None:
        return Identities(siret=siret)
    import csv

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise IdentityError(f"--collectivites {path}: cannot be read ({exc})") from exc
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    columns = {(c or "").strip().lower(): c for c in reader.fieldnames or []}
    if "siret" not in columns:
        raise IdentityError(f"--collectivites {path}: no « siret » column (columns: {', '.join(columns)})")
    name_column = next((columns[c] for c in NAME_COLUMNS if c in columns), None)
    siren_column = columns.get("siren")
    if name_column is None and siren_column is None:
        raise IdentityError(f"--collectivites {path}: needs a name column ({', '.join(NAME_COLUMNS[:4])}) "
                            "or a « siren » column beside « siret »")
    by_siren, by_name = {}, {}
    for line, row in enumerate(reader, start=2):
        value = re.sub(r"[\s.]", "", row.get(columns["siret"]) or "")
        if not value:
            continue
        if not siret_ok(value):
            raise IdentityError(f"{path}, line {line}: « {value} » is not a SIRET "
                                "(14 digits passing the Luhn check)")
        siren = re.sub(r"[\s.]", "", row.get(siren_column) or "") if siren_column else ""
        if siren and not value.startswith(siren):
            raise IdentityError(f"{path}, line {line}: SIRET {value} does not start with its SIREN {siren}")
        by_siren[value[:9]] = value
        for key in _name_keys(row.get(name_column) or "") if name_column else ():
            by_name.setdefault(key, value)
    return Identities(siret=siret, by_siren=by_siren, by_name=by_name)


def document_siren(text: str) -> str:
    """The SIREN of the ACTES ids a document prints (the first one), or ""."""
    from delib.extract.actes import find_actes_ids

    found = find_actes_ids(text or "")
    return found[0].actes.siren if found else ""


# --- mapping one deliberation ------------------------------------------------------

# A deliberation form printed before the decision: no number, no ACTES id, no vote, no result
# (« Délibération n° du 15 février 2018 … Adopté à l'unanimité : Adopté à la majorité : »).
DECISION_FIELDS = ("numero", "acte_id", "resultat", "pour", "contre", "abstentions", "en_exercice", "votants")


def is_blank_form(d: Mapping[str, Any]) -> bool:
    """True for a deliberation form left blank: it is kept in `deliberations` but is no
    decision, so it exports no SCDL row."""
    if any(_present(d.get(k)) for k in DECISION_FIELDS):
        return False
    unanimite = d.get("unanimite")
    return not (_present(unanimite) and bool(unanimite))


def _present(value: Any) -> bool:
    """False for None, NaN and pd.NA: the nulls a pandas table may hold."""
    return not (value is None or (pd.api.types.is_scalar(value) and pd.isna(value)))


def _text(value: Any) -> str:
    """A cell's text, whitespace collapsed (a line break inside a CSV cell helps no one)."""
    return " ".join(str(value).split()) if _present(value) else ""


def _iso_date(value: Any) -> Optional[str]:
    """`value` when it is a full ISO date (AAAA-MM-JJ), else None (a month or a year is not)."""
    if not _present(value):
        return None
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        date.fromisoformat(text)
    except ValueError:
        return None
    return text


def _count(value: Any) -> Optional[int]:
    return int(value) if _present(value) else None


def coll_nom(collectivite: Any, doc_collectivites: list[str]) -> str:
    name = _text(collectivite)
    if not name:
        return doc_collectivites[0] if len(doc_collectivites) == 1 else ""
    key = re.compile(rf"\b{re.escape(_norm(name))}\b")
    fuller = [c for c in doc_collectivites if key.search(_norm(c))]
    # Several matches (« Ville de CORTE », « Commune de Corte »): the first the document names.
    return fuller[0] if fuller else name


def matiere(code: Any, nom: Any) -> tuple[str, str]:
    """(DELIB_MATIERE_CODE, DELIB_MATIERE_NOM) from the ACTES nomenclature, or ("", "")."""
    names = matiere_names()
    m = re.match(r"\s*(\d\.\d{1,2})\b", _text(code))  # « 7.5.1 »: its level 2 is « 7.5 »
    if m and m.group(1) in names:
        return m.group(1), names[m.group(1)]
    wanted = _norm(_text(nom))
    for row in matieres_level2() if wanted else ():
        if wanted in (_norm(row["libelle_actes_niveau2"]), _norm(row["delib_matiere_nom_scdl"])):
            return row["code"], row["delib_matiere_nom_scdl"]
    return "", ""


def deliberation_matiere(d: Mapping[str, Any]) -> tuple[str, str, str, Optional[float]]:
    """(DELIB_MATIERE_CODE, DELIB_MATIERE_NOM, source, confidence) of a deliberation: the
    matière the document prints (source « printed », confidence 1.0), else the ACTES
    matière its objet is classified into (« inferred », see delib.extract.matieres),
    else ("", "", "", None)."""
    code, nom = matiere(d.get("matiere_code"), d.get("matiere_nom"))
    if code:
        confidence = d.get("matiere_confidence")
        return (code, nom, _text(d.get("matiere_source")) or "printed",
                float(confidence) if _present(confidence) else 1.0)
    from delib.extract.matieres import classify_objet

    guess = classify_objet(_text(d.get("objet")), _text(d.get("theme")))
    if guess is None:
        return "", "", "", None
    return guess.code, guess.nom, "inferred", guess.confidence


def vote_cells(d: Mapping[str, Any]) -> dict[str, str]:
    """The five VOTE_* cells: all filled, or all empty when a figure is unknown or they contradict."""
    effectif, pour, contre, abstention = (
        _count(d.get(k)) for k in ("en_exercice", "pour", "contre", "abstentions"))
    empty = dict.fromkeys(VOTE_COLUMNS, "")
    if None in (effectif, pour, contre, abstention):
        return empty
    reel = pour + contre + abstention
    if reel > effectif:
        return empty
    return dict(zip(VOTE_COLUMNS, (str(n) for n in (effectif, reel, pour, contre, abstention))))


def scdl_row(d: Mapping[str, Any], doc_collectivites: list[str], text: str = "",
             identities: Optional[Identities] = None) -> dict[str, str]:
    """One deliberation (a row of the `deliberations` table, as a dict) in SCDL columns.

    The SIRET: printed in the document (`text`) for the SIREN of the ACTES id, else the
    one `identities` gives for that SIREN (or for the document's other ACTES ids), or for
    the collectivité's name.
    """
    actes = parse_actes_id(_text(d.get("acte_id")))
    siren = actes.siren if actes else document_siren(text)
    name = coll_nom(d.get("collectivite"), doc_collectivites)
    siret = (find_siret(text, siren) if siren else None) or \
        (identities.lookup(siren, name) if identities else "")
    delib_date = _iso_date(d.get("seance_date")) or (actes.decision_date if actes else "")
    pref_date = _iso_date(d.get("reception_date")) or _iso_date(d.get("transmission_date")) or ""
    if pref_date and delib_date and pref_date < delib_date:
        pref_date = ""
    code, nom = deliberation_matiere(d)[:2]
    row = {
        "COLL_NOM": name,
        "COLL_SIRET": siret,
        "DELIB_ID": actes.numero_interne if actes else _text(d.get("numero")),
        "DELIB_DATE": delib_date,
        "DELIB_MATIERE_CODE": code,
        "DELIB_MATIERE_NOM": nom,
        "DELIB_OBJET": _text(d.get("objet")),
        "BUDGET_ANNEE": "",
        "BUDGET_NOM": "",
        "PREF_ID": f"PREF{actes.departement}" if actes else "",
        "PREF_DATE": pref_date,
        **vote_cells(d),
        "DELIB_URL": "",
    }
    return {column: row[column] for column in scdl_columns()}


def _collectivites_by_doc(documents: pd.DataFrame) -> dict[str, list[str]]:
    found = {}
    for doc_id, joined in zip(documents["doc_id"], documents["collectivites"]):
        found[doc_id] = [c.strip() for c in _text(joined).split(";") if c.strip()]
    return found


def scdl_frame(deliberations: pd.DataFrame, documents: pd.DataFrame,
               texts: Optional[Mapping[str, str]] = None,
               identities: Optional[Identities] = None) -> pd.DataFrame:
    """The `deliberations` table in SCDL columns, every cell a string ("" when missing).

    `texts` (doc_id -> the document's text) is where a printed SIRET and the ACTES ids are
    looked for; `identities`, the SIRETs the user gives. Blank forms (`is_blank_form`) export
    no row.
    """
    collectivites = _collectivites_by_doc(documents)
    texts = texts or {}
    rows = [scdl_row(d, collectivites.get(d["doc_id"], []), texts.get(d["doc_id"], ""), identities)
            for d in deliberations.to_dict("records") if not is_blank_form(d)]
    return pd.DataFrame(rows, columns=scdl_columns(), dtype=str)


def _read_texts(folder: Path, doc_ids: Iterable[str]) -> dict[str, str]:
    texts = {}
    for doc_id in set(doc_ids):
        path = folder / f"{doc_id}.txt"
        if path.is_file():
            texts[doc_id] = path.read_text(encoding="utf-8")
    return texts


def write_scdl(deliberations: pd.DataFrame, documents: pd.DataFrame, out: Path,
               texts_dir: Optional[Path] = None, identities: Optional[Identities] = None) -> Path:
    """Write `out/scdl_deliberations.csv`; documents' texts are read from `out/text/` by default."""

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    texts = _read_texts(Path(texts_dir) if texts_dir else out / "text", deliberations["doc_id"])
    frame = scdl_frame(deliberations, documents, texts, identities)
    target = out / SCDL_FILE
    with atomic_path(target) as tmp:
        frame.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
    return target


# --- validation --------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """One way a row (or the file) breaks the SCDL schema."""

    line: int  # line of the CSV file: 1 is the header, 2 the first deliberation
    column: str
    check: str  # "required", a frictionless error type, or a custom check's name
    message: str
    delib_id: str = ""

    @property
    def column_number(self) -> int:
        """1-based position of `column` in the schema (0 when the problem is not a column's)."""
        return scdl_column_rank(self.column) + 1

    def __str__(self) -> str:
        if not self.line:  # the file itself
            return f"{self.message} [{self.check}]"
        where = f"line {self.line}" + (f" (DELIB_ID {self.delib_id})" if self.delib_id else "")
        column = (f"column {self.column_number} {self.column}" if self.column_number
                  else self.column or "file")
        return f"{where}, {column}: {self.message} [{self.check}]"


Row = dict[str, str]
CheckFn = Callable[[Row, dict[str, Any]], list[tuple[str, str]]]  # -> [(column, message)]


def _as_int(value: str) -> Optional[int]:
    return int(value) if re.fullmatch(r"[+-]?\d+", value) else None


def _typed(column: str, value: str) -> Any:
    """The cell as the schema types it, or None when empty or of the wrong type
    (a wrong type is frictionless's to report, not a custom check's)."""
    if _field_types().get(column) == "integer":
        return _as_int(value)
    if _field_types().get(column) == "date":
        return _iso_date(value)
    return value or None


def check_french_siret(row: Row, params: dict[str, Any]) -> list[tuple[str, str]]:
    column = params["column"]
    value = row.get(column, "")
    # Not 14 digits: the schema's pattern already says so.
    if re.fullmatch(r"\d{14}", value) and not siret_ok(value):
        return [(column, f"« {value} » is not a valid SIRET (its Luhn check digit is wrong)")]
    return []


def check_year_interval(row: Row, params: dict[str, Any]) -> list[tuple[str, str]]:
    column = params["column"]
    value = row.get(column, "")
    if not value:
        return []
    year_only = str(params.get("allow-year-only", "")).lower() in ("yes", "true")
    if year_only and re.fullmatch(r"\d{4}", value):
        return []
    m = re.fullmatch(r"(\d{4})/(\d{4})", value)
    if not m:
        return [(column, f"« {value} » is neither a year (AAAA) nor a period (AAAA/AAAA)")]
    if int(m.group(2)) <= int(m.group(1)):
        return [(column, f"period « {value} »: the second year must come after the first")]
    return []


def check_cohesive(row: Row, params: dict[str, Any]) -> list[tuple[str, str]]:
    columns = [params["column"], *params["othercolumns"]]
    filled = [c for c in columns if row.get(c, "")]
    if filled and len(filled) < len(columns):
        empty = [c for c in columns if c not in filled]
        return [(params["column"], f"{', '.join(columns)} must be all filled or all empty; "
                                   f"empty: {', '.join(empty)}")]
    return []


COMPARISONS = {">": lambda a, b: a > b, ">=": lambda a, b: a >= b, "==": lambda a, b: a == b,
               "<=": lambda a, b: a <= b, "<": lambda a, b: a < b}


def check_compare(row: Row, params: dict[str, Any]) -> list[tuple[str, str]]:
    first, op, second = params["column"], params["op"], params["column2"]
    a, b = _typed(first, row.get(first, "")), _typed(second, row.get(second, ""))
    if a is None or b is None:
        return []
    if not COMPARISONS[op](a, b):
        return [(first, f"{first} ({a}) should be {op} {second} ({b})")]
    return []


def check_sum(row: Row, params: dict[str, Any]) -> list[tuple[str, str]]:
    column, parts = params["column"], params["columns"]
    total, values = _typed(column, row.get(column, "")), [_typed(c, row.get(c, "")) for c in parts]
    if total is None or None in values:
        return []
    if total != sum(values):
        return [(column, f"{column} ({total}) should be {' + '.join(parts)} = {sum(values)}")]
    return []


def check_nomenclature_actes(row: Row, params: dict[str, Any]) -> list[tuple[str, str]]:
    """The name must be an ACTES matière name (« finances locales/subventions »), and the
    one of DELIB_MATIERE_CODE when that code is given."""
    column = params["column"]
    value = row.get(column, "")
    if not value:
        return []
    names = matiere_names()
    if " /" in value or "/ " in value:
        return [(column, f"« {value} »: no space around the '/' of an ACTES matière name")]
    level1 = {_norm(n.split("/")[0]) for n in names.values()}
    if "/" not in value or _norm(value.split("/")[0]) not in level1:
        return [(column, f"« {value} » does not start with an ACTES matière (e.g. « finances locales/… »)")]
    if _norm(value) not in {_norm(n) for n in names.values()}:
        return [(column, f"« {value} » is not an ACTES sous-matière name")]
    code = row.get("DELIB_MATIERE_CODE", "")
    if code in names and _norm(names[code]) != _norm(value):
        return [(column, f"« {value} » is not the name of matière {code} (« {names[code]} »)")]
    return []


CUSTOM_CHECKS: dict[str, CheckFn] = {
    "french-siret-value": check_french_siret,
    "year-interval-value": check_year_interval,
    "cohesive-columns-value": check_cohesive,
    "compare-columns-value": check_compare,
    "sum-columns-value": check_sum,
    "nomenclature-actes-value": check_nomenclature_actes,
}


def custom_check_problems(path: Path) -> list[Problem]:
    """The schema's custom checks, run on every row of the CSV at `path`."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    problems = []
    for spec in load_schema().get("custom_checks", []):
        check = CUSTOM_CHECKS.get(spec["name"])
        if check is None:  # a newer schema: say so rather than pass silently
            problems.append(Problem(1, "", spec["name"], "custom check not implemented by délib"))
            continue
        if not set(_check_columns(spec["params"])) <= set(frame.columns):
            continue  # a missing column is reported by frictionless
        for i, row in enumerate(frame.to_dict("records")):
            for column, message in check(row, spec["params"]):
                problems.append(Problem(i + 2, column, spec["name"], message, row.get("DELIB_ID", "")))
    return problems


def _check_columns(params: dict[str, Any]) -> list[str]:
    named = [params.get("column"), params.get("column2"), *params.get("columns", []),
             *params.get("othercolumns", [])]
    return [c for c in named if c]


def frictionless_problems(path: Path) -> list[Problem]:
    """Types, patterns, required cells and header, as frictionless checks them against the schema."""
    from frictionless import Resource, Schema  # only validation needs frictionless

    path = Path(path).resolve()
    schema = Schema.from_descriptor(load_schema())
    # A relative path under `basepath`: frictionless refuses absolute paths as unsafe.
    resource = Resource(path=path.name, basepath=str(path.parent), schema=schema)
    # Every problem: frictionless stops at 1000 by default, a few hundred deliberations' worth.
    report = resource.validate(limit_errors=MAX_REPORTED_ERRORS)
    delib_ids = _delib_ids(path)
    problems = []
    for error in [*report.errors, *(e for task in report.tasks for e in task.errors)]:
        line = getattr(error, "row_number", None) or 1
        column = getattr(error, "field_name", None) or getattr(error, "label", None) or ""
        check = "required" if _is_required_error(error) else error.type
        problems.append(Problem(line, column, check, _readable(error, column), delib_ids.get(line, "")))
    return problems


def _is_required_error(error: Any) -> bool:
    return error.type == "constraint-error" and '"required"' in error.note


# What a cell of each schema type must look like, for type errors.
EXPECTED_FORMS = {
    "date": "a date written AAAA-MM-JJ",
    "integer": "a whole number (no decimals)",
    "uri": "a web address (https://…)",
}


def _readable(error: Any, column: str) -> str:
    """frictionless's message, said for a reader of the CSV rather than of the library."""
    if _is_required_error(error):
        return "required by SCDL but empty: " + MISSING_REASONS.get(column, "value unknown")
    cell = getattr(error, "cell", "")
    if error.type == "type-error":
        field = next((f for f in load_schema()["fields"] if f["name"] == column), {})
        expected = EXPECTED_FORMS.get(field.get("format") or field.get("type"), f"of type {field.get('type')}")
        return f"« {cell} » is not {expected}"
    if error.type == "constraint-error":
        return f"« {cell} » breaks the schema: {error.note}"
    return error.message


def _delib_ids(path: Path) -> dict[int, str]:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (ValueError, UnicodeDecodeError):
        return {}
    if "DELIB_ID" not in frame.columns:
        return {}
    return {i + 2: v for i, v in enumerate(frame["DELIB_ID"])}


def frictionless_available() -> bool:
    """Whether the optional validator is installed (`pip install "delib[validate]"`)."""
    try:
        import frictionless  # noqa: F401
    except ImportError:
        return False
    return True


ENGINES = ("auto", "builtin", "frictionless")


def validator_name(engine: str = "auto") -> str:
    """The validator `engine` stands for: « auto » is frictionless when installed, else délib's own."""
    if engine == "auto":
        return "frictionless" if frictionless_available() else "builtin"
    return engine


def scdl_problems(path: Path | str, engine: str = "auto") -> list[Problem]:
    """Every problem of the SCDL file at `path`: the Table Schema's checks (types, patterns,
    required cells, header), then the schema's custom checks.

    `engine`: « builtin » checks the Table Schema with délib's own code (pandas and the
    standard library: no extra dependency); « frictionless » uses frictionless (the
    `validate` extra; ImportError when missing); « auto » frictionless when installed.
    Both report the same problems under the same names (tests/test_scdl.py compares them).
    """
    path = Path(path)
    if not path.is_file():
        return [Problem(0, "", "missing-file", f"no such file: {path}")]
    if engine not in ENGINES:
        raise ValueError(f"unknown validator {engine!r}: choose one of {', '.join(ENGINES)}")
    engine = validator_name(engine)
    problems = frictionless_problems(path) if engine == "frictionless" else table_schema_problems(path)
    if not any(p.check in ("resource-error", "source-error", "encoding-error", "format-error")
               for p in problems):
        problems += custom_check_problems(path)
    return sorted(problems, key=lambda p: (p.line, scdl_column_rank(p.column)))


def scdl_column_rank(column: str) -> int:
    columns = scdl_columns()
    return columns.index(column) if column in columns else -1


def validate_scdl(path: Path | str, engine: str = "auto") -> list[str]:
    """Readable problems of the SCDL file at `path`; an empty list when it is valid."""
    return [str(p) for p in scdl_problems(path, engine)]


# --- the Table Schema, checked without frictionless -----------------------------------

def _cell_type_ok(field: dict[str, Any], value: str) -> bool:
    kind, form = field.get("type", "string"), field.get("format", "default")
    if kind == "integer":
        return re.fullmatch(r"[+-]?\d+", value) is not None
    if kind == "number":
        return re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", value) is not None
    if kind == "date":
        return _iso_date(value) is not None
    if kind == "boolean":
        return value.lower() in ("true", "false")
    if kind == "string" and form == "uri":
        return re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*://\S+", value) is not None
    if kind == "string" and form == "email":
        return re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value) is not None
    return True


def _constraint_notes(field: dict[str, Any], value: str) -> list[str]:
    """The constraints (other than « required ») a well-typed non-empty cell breaks."""
    c = field.get("constraints", {})
    notes = []
    if "pattern" in c and not re.fullmatch(c["pattern"], value):
        notes.append(f'constraint "pattern" is "{c["pattern"]}"')
    if "enum" in c and value not in [str(v) for v in c["enum"]]:
        notes.append(f'constraint "enum" is "{c["enum"]}"')
    if "minLength" in c and len(value) < c["minLength"]:
        notes.append(f'constraint "minLength" is "{c["minLength"]}"')
    if "maxLength" in c and len(value) > c["maxLength"]:
        notes.append(f'constraint "maxLength" is "{c["maxLength"]}"')
    typed = _typed(field["name"], value)
    for key, op in (("minimum", lambda a, b: a >= b), ("maximum", lambda a, b: a <= b)):
        if key in c and typed is not None and not op(typed, c[key]):
            notes.append(f'constraint "{key}" is "{c[key]}"')
    return notes


class _Error:
    """A frictionless-like error, so that `_readable` words both validators' problems alike."""

    def __init__(self, type_: str, note: str = "", cell: str = "", message: str = ""):
        self.type, self.note, self.cell, self.message = type_, note, cell, message


def table_schema_problems(path: Path) -> list[Problem]:
    """Header, row length, types, patterns and required cells of the CSV at `path`,
    checked against the schema as frictionless does (same check names), with the
    standard library only."""
    import csv

    fields = load_schema()["fields"]
    names = [f["name"] for f in fields]
    try:
        with Path(path).open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
    except UnicodeDecodeError as exc:
        return [Problem(1, "", "encoding-error", f"the file is not UTF-8: {exc}")]
    if not rows:
        return [Problem(1, "", "source-error", "the file is empty: not even the header")]
    header, problems = rows[0], []
    for i, name in enumerate(names):
        label = header[i] if i < len(header) else None
        if label is None:
            problems.append(Problem(1, name, "missing-label", f"column {i + 1} should be {name}: it is missing"))
        elif label != name:
            problems.append(Problem(1, name, "incorrect-label",
                                    f"column {i + 1} is « {label} » where the schema puts {name}"))
    for i, label in enumerate(header[len(names):], start=len(names)):
        problems.append(Problem(1, label, "extra-label", f"column {i + 1} « {label} » is not in the schema"))
    delib_col = names.index("DELIB_ID")
    for number, cells in enumerate(rows[1:], start=2):
        delib_id = cells[delib_col] if len(cells) > delib_col else ""
        if not any(cells):
            problems.append(Problem(number, "", "blank-row", "blank line", delib_id))
            continue
        for i, field in enumerate(fields):
            if i >= len(cells):
                problems.append(Problem(number, field["name"], "missing-cell", "the row has too few cells", delib_id))
                continue
            value = cells[i]
            if value == "":
                if field.get("constraints", {}).get("required"):
                    problems.append(Problem(number, field["name"], "required",
                                            _readable(_Error("constraint-error", '"required"'), field["name"]),
                                            delib_id))
                continue
            if not _cell_type_ok(field, value):
                problems.append(Problem(number, field["name"], "type-error",
                                        _readable(_Error("type-error", cell=value), field["name"]), delib_id))
                continue
            for note in _constraint_notes(field, value):
                problems.append(Problem(number, field["name"], "constraint-error",
                                        _readable(_Error("constraint-error", note, value), field["name"]), delib_id))
        for extra in cells[len(fields):]:
            problems.append(Problem(number, "", "extra-cell", f"a cell beyond the schema's columns: « {extra} »",
                                    delib_id))
    return problems
