"""The SCDL « Délibérations » export (`scdl_deliberations.csv`) and its validation.

Validation runs frictionless against the schema file (delib/data) plus the
schema's custom checks, implemented in delib/output/scdl.py.
"""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from delib.batch.process import process_path
from delib.output.scdl import (
    SCDL_FILE, Identities, IdentityError, coll_nom, find_siret, load_schema, luhn_ok, matiere, parse_actes_id,
    scdl_columns, scdl_frame, scdl_problems, siret_ok, validate_scdl, vote_cells, write_scdl,
)
from delib.output.tables import build_tables, frame
from delib.output.write import write_text

ROOT = Path(__file__).resolve().parents[1]
SEED_001 = ROOT / "data" / "raw" / "001_c628b3d41b0ed031.txt"
CORPUS = ROOT.parent / "shared" / "corpus"

SEED_001_ACTES_ID = "094-219400413-20240627-DEL20240627_16A-DE"
# TEST DATA ONLY: a SIRET built from Ivry's SIREN (219400413, from the ACTES id) with a
# NIC chosen so that the Luhn check passes. It is not looked up in the SIRENE register.
TEST_SIRET = "21940041300007"
# TEST DATA ONLY: seed 001 prints no ACTES matière; 8.8 (environnement) is set by the test.
TEST_MATIERE_CODE = "8.8"


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_rows(path: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns or scdl_columns(), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def export(paths: list[Path], out: Path, extra_text: str = "", **overrides) -> Path:
    """Run the pipeline on `paths`, keep the texts as `delib run` does, write the SCDL file."""
    results = [process_path(p) for p in paths]
    for r in results:
        write_text(r.doc_id, r.document.text + extra_text, out)
    tables = build_tables(results)
    delibs = tables["deliberations"]
    for column, value in overrides.items():
        delibs[column] = pd.Series([value] * len(delibs), dtype=delibs[column].dtype)
    return write_scdl(delibs, tables["documents"], out)


def required_empty(row: dict[str, str]) -> set[str]:
    required = {f["name"] for f in load_schema()["fields"] if f.get("constraints", {}).get("required")}
    return {c for c in required if row[c] == ""}


def assert_only_missing_required(path: Path) -> None:
    """Every problem is a required cell that is empty in that row: nothing else is wrong."""
    rows = read_rows(path)
    for p in scdl_problems(path):
        assert p.check == "required", str(p)
        assert p.column in required_empty(rows[p.line - 2]), str(p)
    expected = sum(len(required_empty(r)) for r in rows)
    assert len(scdl_problems(path)) == expected


# --- seed 001, end to end ------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_export(tmp_path_factory) -> Path:
    return export([SEED_001], tmp_path_factory.mktemp("scdl"))


def test_seed_001_maps_the_extract_onto_scdl_columns(seed_export):
    assert seed_export.name == SCDL_FILE
    header = seed_export.read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == [f["name"] for f in load_schema()["fields"]]
    [row] = read_rows(seed_export)
    assert row["COLL_NOM"] == "Ville d'Ivry-sur-Seine"  # the document's fuller name for « Ivry-sur-Seine »
    assert row["DELIB_ID"] == "DEL20240627_16A"  # the internal number of the ACTES id
    assert row["DELIB_DATE"] == "2024-06-27"
    assert row["PREF_ID"] == "PREF094"
    assert row["PREF_DATE"] == "2024-07-04"  # « Date de télétransmission : 04/07/2024 »
    # « Nombre de Conseillers en exercice 49 », 32 pour, 9 abstentions, so 41 took part.
    assert [row[c] for c in ("VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION")] \
        == ["49", "41", "32", "0", "9"]
    assert ",49,41,32,0,9," in seed_export.read_text(encoding="utf-8")  # integers, no « 49.0 »
    assert row["COLL_SIRET"] == ""  # the document prints no SIRET; the NIC is never invented
    # No printed matière: inferred from the objet « Coopération avec la Ville de Paris - Convention-cadre »
    assert (row["DELIB_MATIERE_CODE"], row["DELIB_MATIERE_NOM"]) == \
        ("9.1", "autres domaines de compétences/autres domaines de compétences des communes")
    assert row["BUDGET_ANNEE"] == row["BUDGET_NOM"] == row["DELIB_URL"] == ""


def test_seed_001_only_lacks_the_siret(seed_export):
    assert_only_missing_required(seed_export)
    problems = scdl_problems(seed_export)
    assert {p.column for p in problems} == {"COLL_SIRET"}
    readable = "\n".join(validate_scdl(seed_export))
    assert "line 2 (DELIB_ID DEL20240627_16A), column 2 COLL_SIRET: required by SCDL but empty" in readable
    assert "NIC is not guessed" in readable


def test_seed_001_with_a_printed_siret_and_a_matiere_is_fully_valid(tmp_path):
    out = export([SEED_001], tmp_path, extra_text=f"\nSIRET : {TEST_SIRET[:3]} {TEST_SIRET[3:6]} "
                 f"{TEST_SIRET[6:9]} {TEST_SIRET[9:]}\n", matiere_code=TEST_MATIERE_CODE)
    [row] = read_rows(out)
    assert row["COLL_SIRET"] == TEST_SIRET
    assert (row["DELIB_MATIERE_CODE"], row["DELIB_MATIERE_NOM"]) == \
        ("8.8", "domaines de compétences par thèmes/environnement")
    assert validate_scdl(out) == []


# --- a complete row, and each custom check breaking it ------------------------------------

def complete_row() -> dict[str, str]:
    """Seed 001's values, with the test SIRET and matière: a row SCDL accepts."""
    return {
        "COLL_NOM": "Ville d'Ivry-sur-Seine", "COLL_SIRET": TEST_SIRET, "DELIB_ID": "DEL20240627_16A",
        "DELIB_DATE": "2024-06-27", "DELIB_MATIERE_CODE": "8.8",
        "DELIB_MATIERE_NOM": "domaines de compétences par thèmes/environnement",
        "DELIB_OBJET": "Coopération avec la Ville de Paris - Convention-cadre",
        "BUDGET_ANNEE": "", "BUDGET_NOM": "", "PREF_ID": "PREF094", "PREF_DATE": "2024-07-04",
        "VOTE_EFFECTIF": "49", "VOTE_REEL": "41", "VOTE_POUR": "32", "VOTE_CONTRE": "0",
        "VOTE_ABSTENTION": "9", "DELIB_URL": "",
    }


def test_a_complete_row_validates_with_zero_problems(tmp_path):
    row = complete_row() | {"BUDGET_ANNEE": "2024/2025", "BUDGET_NOM": "Budget principal",
                            "DELIB_URL": "https://www.ivry94.fr/deliberations/16A.pdf"}
    assert validate_scdl(write_rows(tmp_path / SCDL_FILE, [complete_row(), row])) == []


BROKEN = {
    "VOTE_REEL is not POUR + CONTRE + ABSTENTION": (
        {"VOTE_REEL": "40"}, {("sum-columns-value", "VOTE_REEL")}),
    "only some VOTE_* filled": (
        {"VOTE_CONTRE": ""}, {("cohesive-columns-value", "VOTE_EFFECTIF")}),
    "PREF_DATE before DELIB_DATE": (
        {"PREF_DATE": "2024-06-20"}, {("compare-columns-value", "PREF_DATE")}),
    "VOTE_EFFECTIF below VOTE_REEL": (
        {"VOTE_EFFECTIF": "40"}, {("compare-columns-value", "VOTE_EFFECTIF")}),
    "SIRET with a wrong check digit": (
        {"COLL_SIRET": "21940041300008"}, {("french-siret-value", "COLL_SIRET")}),
    "matière name not in the ACTES nomenclature": (
        {"DELIB_MATIERE_NOM": "domaines de compétences par thèmes/jardinage"},
        {("nomenclature-actes-value", "DELIB_MATIERE_NOM")}),
    "matière name without an ACTES matière": (
        {"DELIB_MATIERE_NOM": "environnement"}, {("nomenclature-actes-value", "DELIB_MATIERE_NOM")}),
    "matière name of another code": (
        {"DELIB_MATIERE_NOM": "finances locales/subventions"},
        {("nomenclature-actes-value", "DELIB_MATIERE_NOM")}),
    "budget period backwards": (
        {"BUDGET_ANNEE": "2025/2024", "BUDGET_NOM": "Budget principal"},
        {("year-interval-value", "BUDGET_ANNEE")}),
    "budget year without a budget name": (
        {"BUDGET_ANNEE": "2024"}, {("cohesive-columns-value", "BUDGET_ANNEE")}),
    # What frictionless itself checks:
    "date not in ISO form": ({"DELIB_DATE": "27/06/2024"}, {("type-error", "DELIB_DATE")}),
    "count written as a float": ({"VOTE_POUR": "32.0"}, {("type-error", "VOTE_POUR")}),
    "SIRET of 9 digits": ({"COLL_SIRET": "219400413"}, {("constraint-error", "COLL_SIRET")}),
    "empty required cell": ({"DELIB_OBJET": ""}, {("required", "DELIB_OBJET")}),
    "DELIB_URL not a web address": ({"DELIB_URL": "pas une adresse"}, {("type-error", "DELIB_URL")}),
}


@pytest.mark.parametrize("engine", ["frictionless", "builtin"])
@pytest.mark.parametrize("change, expected", BROKEN.values(), ids=BROKEN.keys())
def test_each_check_fails_on_a_row_that_breaks_it(tmp_path, change, expected, engine):
    path = write_rows(tmp_path / SCDL_FILE, [complete_row(), complete_row() | change])
    problems = scdl_problems(path, engine)
    assert {(p.check, p.column) for p in problems} == expected
    assert {p.line for p in problems} == {3}  # the unchanged row stays valid
    assert all(str(p).startswith("line 3 (DELIB_ID DEL20240627_16A), ") for p in problems)


def test_columns_out_of_the_schema_order_are_reported(tmp_path):
    columns = scdl_columns()
    swapped = [columns[1], columns[0], *columns[2:]]
    problems = validate_scdl(write_rows(tmp_path / SCDL_FILE, [complete_row()], swapped))
    assert any("COLL_NOM" in p and "label" in p for p in problems), problems


def test_every_problem_is_reported_not_only_the_first_thousand(tmp_path):
    row = complete_row() | {"COLL_SIRET": "", "DELIB_MATIERE_CODE": "", "DELIB_MATIERE_NOM": ""}
    path = write_rows(tmp_path / SCDL_FILE, [row] * 400)
    assert len(validate_scdl(path)) == 3 * 400


def test_a_missing_file_is_one_readable_problem(tmp_path):
    assert validate_scdl(tmp_path / SCDL_FILE) == [f"no such file: {tmp_path / SCDL_FILE} [missing-file]"]


def test_an_export_without_deliberations_is_a_valid_header(tmp_path):
    tables = build_tables([])
    path = write_scdl(tables["deliberations"], tables["documents"], tmp_path)
    assert path.read_text(encoding="utf-8") == ",".join(scdl_columns()) + "\n"
    assert validate_scdl(path) == []


# --- the real-world corpus ---------------------------------------------------------

CORPUS_FILES = [
    "corte_recueil_delibs_2025-04-08_ocr_by_repo.md",  # 14 extracts with ACTES stamps 02B-212000962-…
    "montpellier_delib_2014-137_delegations_maire_2014-04-24.pdf",
    "couthenans_cr_cm_2021-06-04.pdf",  # « Vote : 14 pour / 0 contre / 0 abstention »
]


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_exports_lack_nothing_but_required_cells_they_do_not_give(tmp_path, name):
    if not (CORPUS / name).is_file():
        pytest.skip(f"the shared corpus is not here ({CORPUS / name})")
    path = export([CORPUS / name], tmp_path)
    rows = read_rows(path)
    assert rows, "no deliberation exported"
    assert_only_missing_required(path)


def test_corte_rows_take_their_id_and_prefecture_from_the_actes_stamp(tmp_path):
    name = CORPUS_FILES[0]
    if not (CORPUS / name).is_file():
        pytest.skip(f"the shared corpus is not here ({CORPUS / name})")
    rows = read_rows(export([CORPUS / name], tmp_path))
    stamped = [r for r in rows if r["PREF_ID"]]
    assert len(stamped) >= 10
    assert {r["PREF_ID"] for r in stamped} == {"PREF02B"}  # « 02B-212000962-20250408-DEL-25-04-031-DE »
    assert "DEL-25-04-031" in {r["DELIB_ID"] for r in stamped}
    assert {r["DELIB_DATE"] for r in stamped} == {"2025-04-08"}


# --- mapping rules -----------------------------------------------------------------

def test_writing_the_csv_does_not_need_frictionless(tmp_path):
    # frictionless is only for validation: block its import and write an export.
    script = (
        "import sys; sys.modules['frictionless'] = None\n"
        "from delib.output.scdl import write_scdl\n"
        "from delib.output.tables import frame\n"
        "delibs = frame('deliberations', [{'doc_id': 'd', 'deliberation_id': 'd-1', 'numero': '16A'}])\n"
        "docs = frame('documents', [{'doc_id': 'd', 'collectivites': 'Ville de Paris'}])\n"
        f"write_scdl(delibs, docs, {str(tmp_path)!r})\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    [row] = read_rows(tmp_path / SCDL_FILE)
    assert (row["COLL_NOM"], row["DELIB_ID"]) == ("Ville de Paris", "16A")


SEED_VOTE = {"en_exercice": 49, "pour": 32, "contre": 0, "abstentions": 9}


@pytest.mark.parametrize("fields, expected", [
    (SEED_VOTE, ["49", "41", "32", "0", "9"]),
    # « à l'unanimité » without figures: unanimite true, counts null.
    ({"en_exercice": 49, "pour": None, "contre": None, "abstentions": None, "unanimite": True}, [""] * 5),
    # the counts, but not the members in office
    (SEED_VOTE | {"en_exercice": None}, [""] * 5),
    # figures that contradict each other (more votes than members): none is trusted
    (SEED_VOTE | {"en_exercice": 29, "pour": 471}, [""] * 5),
], ids=["tally", "unanimite-without-figures", "no-en-exercice", "contradiction"])
def test_vote_cells_are_all_filled_or_all_empty(fields, expected):
    assert list(vote_cells(fields).values()) == expected


def test_dates_fall_back_on_the_actes_stamp_and_a_pref_date_before_the_session_is_dropped():
    base = {"doc_id": "d", "deliberation_id": "d-1", "acte_id": SEED_001_ACTES_ID}
    delibs = frame("deliberations", [
        base | {"seance_date": "2024-06", "transmission_date": "2024-07-04"},  # month only
        base | {"seance_date": "2024-06-27", "transmission_date": "2024-06-02"},  # misread
    ])
    rows = scdl_frame(delibs, frame("documents", [{"doc_id": "d"}])).to_dict("records")
    assert [(r["DELIB_DATE"], r["PREF_DATE"]) for r in rows] == \
        [("2024-06-27", "2024-07-04"), ("2024-06-27", "")]


def test_pref_date_is_the_prefectures_reception_when_the_stamp_gives_it():
    # Corte 2025-07-01 (« Réception par le préfet : 03/07/2025 ») with a sending date one day
    # earlier, and Montpellier's stamp giving only « Réception en Préfecture »
    base = {"doc_id": "d", "deliberation_id": "d-1", "acte_id": "02B-212000962-20250701-DEL-25-07-045-DE",
            "seance_date": "2025-07-01"}
    delibs = frame("deliberations", [
        base | {"transmission_date": "2025-07-02", "reception_date": "2025-07-03"},
        base | {"reception_date": "2025-07-03"},
        base | {"transmission_date": "2025-07-02"},
    ])
    rows = scdl_frame(delibs, frame("documents", [{"doc_id": "d"}])).to_dict("records")
    assert [r["PREF_DATE"] for r in rows] == ["2025-07-03", "2025-07-03", "2025-07-02"]


def test_delib_id_is_the_printed_number_without_an_actes_id():
    delibs = frame("deliberations", [{"doc_id": "d", "deliberation_id": "d-1", "numero": "23-02/001"}])
    [row] = scdl_frame(delibs, frame("documents", [{"doc_id": "d"}])).to_dict("records")
    assert (row["DELIB_ID"], row["PREF_ID"], row["COLL_SIRET"]) == ("23-02/001", "", "")


@pytest.mark.parametrize("value, expected", [
    (SEED_001_ACTES_ID, ("094", "219400413", "2024-06-27", "DEL20240627_16A", "DE")),
    # Corte (corpus): the internal number holds '-', Corsica's département is 02B.
    ("02B-212000962-20250408-DEL-25-04-031-DE", ("02B", "212000962", "2025-04-08", "DEL-25-04-031", "DE")),
    ("02B-212000962-20250408-25-04-034-BF", ("02B", "212000962", "2025-04-08", "25-04-034", "BF")),
    ("DEL20240627_16A", None),
    ("094-219400413-20241327-DEL20240627_16A-DE", None),  # no 27th of month 13
    ("094-219400413-20240627-DEL20240627_16A-ZZ", None),  # not an ACTES nature
])
def test_parse_actes_id(value, expected):
    actes = parse_actes_id(value)
    assert (None if actes is None else (actes.departement, actes.siren, actes.decision_date,
                                        actes.numero_interne, actes.nature)) == expected


@pytest.mark.parametrize("text, expected", [
    (f"SIRET : {TEST_SIRET[:3]} {TEST_SIRET[3:6]} {TEST_SIRET[6:9]} {TEST_SIRET[9:]}", TEST_SIRET),
    (f"Mairie d'Ivry-sur-Seine, N° SIRET {TEST_SIRET}, représentée par", TEST_SIRET),
    (f"Siret n°{TEST_SIRET[:3]}.{TEST_SIRET[3:6]}.{TEST_SIRET[6:9]}.{TEST_SIRET[9:]}", TEST_SIRET),
    # the corpus's template left blank (corte_recueil_delibs_2025-10-28, verbatim)
    ("Siège Casa Cummuna, 20250 Corti, N° SIRET XXXX,", None),
    # a partner's SIRET (the schema's example, Poitiers): not the collectivité of the ACTES id
    ("SIRET : 21860194600013", None),
    ("SIRET : 21940041300008", None),  # the Luhn check fails: a misprint
    (f"SIREN 219400413, téléphone {TEST_SIRET}", None),  # 14 digits not labelled SIRET
])
def test_find_siret_takes_only_the_collectivites_own_siret(text, expected):
    assert find_siret(text, "219400413") == expected


def test_siret_check_digit():
    assert siret_ok("21860194600013")  # the schema's own example
    assert not siret_ok("21860194600014")
    # La Poste's establishments (SIREN 356000000): a digit sum multiple of 5 stands for Luhn.
    assert siret_ok("35600000000015") and not luhn_ok("35600000000015")
    assert not siret_ok("35600000000002")
    assert not siret_ok("2186019460001")


def test_siret_check_digits_are_python_stdnums():
    assert siret_ok(TEST_SIRET)  # valid: Luhn on the SIRET and on its SIREN 219400413
    assert not siret_ok(TEST_SIRET[:-1] + "8")  # the same with a wrong check digit
    assert not siret_ok("21940041400005")  # the 14 digits pass Luhn, its SIREN 219400414 does not
    assert not siret_ok("35600000000014")  # La Poste: Luhn holds, the digit sum is no multiple of 5
    assert siret_ok("35600000000048")  # La Poste's head office keeps the Luhn rule
    assert not siret_ok("219 400 413 00007")  # digits only: the callers strip the spaces
    with pytest.raises(IdentityError, match="not a SIRET"):
        Identities(siret=TEST_SIRET[:-1] + "8")


@pytest.mark.parametrize("code, nom, expected", [
    ("7.5", None, ("7.5", "finances locales/subventions")),
    ("7.5.1", None, ("7.5", "finances locales/subventions")),  # ACTES level 3 cut to level 2
    ("7.10", None, ("7.10", "finances locales/divers")),
    ("7", None, ("", "")),  # a matière without its sous-matière
    (None, "Subventions", ("7.5", "finances locales/subventions")),
    (None, "commande publique/marchés publics", ("1.1", "commande publique/marchés publics")),
    (None, "Jardins familiaux", ("", "")),
])
def test_matiere_comes_from_the_actes_nomenclature(code, nom, expected):
    assert matiere(code, nom) == expected


@pytest.mark.parametrize("collectivite, listed, expected", [
    ("Ivry-sur-Seine", ["Ville de Paris", "Département du Val-de-Marne", "Ville d'Ivry-sur-Seine"],
     "Ville d'Ivry-sur-Seine"),
    ("Clairoix", [], "Clairoix"),
    (None, ["Ville de Montpellier"], "Ville de Montpellier"),
    (None, ["Ville de Paris", "Ville d'Ivry-sur-Seine"], ""),  # which one deliberated is unknown
])
def test_coll_nom(collectivite, listed, expected):
    assert coll_nom(collectivite, listed) == expected


# --- the built-in validator: no frictionless needed --------------------------------------

@pytest.mark.parametrize("change", [c for c, _ in BROKEN.values()], ids=list(BROKEN))
def test_builtin_and_frictionless_report_the_same_problems(tmp_path, change):
    path = write_rows(tmp_path / SCDL_FILE, [complete_row(), complete_row() | change, complete_row() | change])
    def key(p):
        return (p.line, p.column, p.check)
    assert sorted(map(key, scdl_problems(path, "builtin"))) == sorted(map(key, scdl_problems(path, "frictionless")))


def test_builtin_reports_header_problems(tmp_path):
    columns = scdl_columns()
    swapped = [columns[1], columns[0], *columns[2:]]
    problems = scdl_problems(write_rows(tmp_path / SCDL_FILE, [complete_row()], swapped), "builtin")
    assert {(p.line, p.check) for p in problems} >= {(1, "incorrect-label")}


def test_validation_runs_without_frictionless(tmp_path):
    path = write_rows(tmp_path / SCDL_FILE, [complete_row() | {"COLL_SIRET": ""}])
    code = (
        "import sys; sys.modules['frictionless'] = None\n"
        "from delib.output.scdl import validate_scdl, validator_name\n"
        f"print(validator_name('auto')); print(validate_scdl({str(path)!r}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "builtin"
    assert "column 2 COLL_SIRET: required by SCDL but empty" in done.stdout


def test_problems_name_their_column_by_number(tmp_path):
    path = write_rows(tmp_path / SCDL_FILE, [complete_row() | {"VOTE_POUR": "32.0"}])
    [problem] = scdl_problems(path, "builtin")
    assert problem.column_number == 14 and "line 2 (DELIB_ID DEL20240627_16A), column 14 VOTE_POUR:" in str(problem)
