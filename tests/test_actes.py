"""The ACTES identifier read off préfecture stamps, and the ACTES matière a document states.

Stamps are quoted verbatim from the seeds and the corpus (Montpellier's PDF text
layer, Corte's OCR'd recueils), damage included.
"""
import pytest

from delib.extract.actes import (best_actes_id, find_actes_ids, find_matiere, matiere_of,
                                    numero_from_internal, parse_actes_id)


def read(text: str) -> list[str]:
    return [f.actes.value for f in find_actes_ids(text)]


@pytest.mark.parametrize("stamp, expected", [
    # seed 001, clean
    ("Accusé de réception en préfecture\n094-219400413-20240627-DEL20240627_16A-DE\n",
     "094-219400413-20240627-DEL20240627_16A-DE"),
    # Corte: the internal number holds '-'; a bar after the nature (OCR of the stamp's frame)
    ("02B-212000962-20250701-DEL-25-07-060-DE|", "02B-212000962-20250701-DEL-25-07-060-DE"),
    ("[02B-212000962-20250408-25-04-034-BF]", "02B-212000962-20250408-25-04-034-BF"),
    # Montpellier's PDF text layer splits the département (« 0 34 »)
    ("Accusé de réception – Ministère de l’intérieur\n0 34-213401722-20130325-0000062241-DE\n",
     "034-213401722-20130325-0000062241-DE"),
    # stray spaces inside the SIREN or before a dash (Corte OCR)
    ("02B-2 12000962-20250408-25-04-034-BF", "02B-212000962-20250408-25-04-034-BF"),
    ("02B-212000962-20250701 -25-07-044-BF]", "02B-212000962-20250701-25-07-044-BF"),
    # one damaged character: « 028 » for Corsica's « 02B » — the SIREN 21 20096 2 is a
    # commune of Corsica (INSEE 2B096), so the département cannot be 028
    ("028-212000962-20250701-DEL-25-07-054-DE", "02B-212000962-20250701-DEL-25-07-054-DE"),
    ("[02B-212000962-20251030-DEL-25-10-093-DF]", "02B-212000962-20251030-DEL-25-10-093-DE"),  # E read F
    ("026-21|2000962-20250408-DEL-25-04-035-A-DE|", "02B-212000962-20250408-DEL-25-04-035-A-DE"),
])
def test_stamps_clean_split_and_damaged(stamp, expected):
    assert read(stamp) == [expected]


@pytest.mark.parametrize("stamp", [
    # two damaged characters (département and date) with nothing else to prove them
    "OBJET : Finances Communales D25-212000962-20250A08-DEL-25-07-051-DE",
    # the département lost: the structure is incomplete
    "21 2000962-20250408-25-04-034-BF]",
    # a lookalike that makes a SIREN failing its check digit: never an invented digit
    "02B-2I2000963-20250408-DEL-25-04-031-DE",
    # no such day
    "094-219400413-20241327-DEL20240627_16A-DE",
])
def test_stamps_the_structure_does_not_prove_are_left_out(stamp):
    assert read(stamp) == []


def test_a_clean_stamp_of_the_same_siren_proves_the_departement():
    # corte_recueil_delibs_2025-04-08: the extract's first stamp is damaged, the second clean
    text = ("OBJET : Finances Communales D25-212000962-20250A08-DEL-25-07-051-DE\n\n"
            "Accusé de réception - Ministère de l'Intérieur [02B-212000962-20250408-DEL-25-04-031-DE\n")
    found = find_actes_ids(text)
    assert [f.actes.value for f in found] == ["02B-212000962-20250408-DEL-25-07-051-DE",
                                              "02B-212000962-20250408-DEL-25-04-031-DE"]
    assert [f.actes.repaired for f in found] == [True, False]
    # the act's own id is the clean one
    assert best_actes_id(text).value == "02B-212000962-20250408-DEL-25-04-031-DE"


def test_parse_actes_id_of_a_table_cell():
    actes = parse_actes_id("02B-212000962-20250408-DEL-25-04-031-DE")
    assert (actes.departement, actes.siren, actes.decision_date, actes.numero_interne, actes.nature) == \
        ("02B", "212000962", "2025-04-08", "DEL-25-04-031", "DE")
    assert parse_actes_id("DEL20240627_16A") is None
    assert parse_actes_id("094-219400413-20240627-DEL20240627_16A-ZZ") is None


@pytest.mark.parametrize("internal, day, expected", [
    ("DEL20240627_16A", "2024-06-27", "16A"),
    ("DEL-25-04-031", "2025-04-08", "25-04-031"),
    ("25-04-034", "2025-04-08", "25-04-034"),
])
def test_numero_from_internal(internal, day, expected):
    assert numero_from_internal(internal, day) == expected


@pytest.mark.parametrize("line, expected", [
    ("Nomenclature : 7.5", ("7.5", "finances locales/subventions")),
    ("Matière : 9.1 Autres domaines de compétence",
     ("9.1", "autres domaines de compétences/autres domaines de compétences des communes")),
    ("Code matière 3.2", ("3.2", "domaine et patrimoine/aliénations")),
    ("Classification : 7.1 - Décisions budgétaires", ("7.1", "finances locales/décisions budgétaires")),
    ("Nomenclature ACTES : 7.5.1", ("7.5.1", "finances locales/subventions")),
    # the corpus's other « nomenclature » and « matière »: no ACTES matière
    ("L’application de la nomenclature comptable M 14 impose la détermination des résultats", None),
    ("nomenclature M 57, qui nous a permis d’opter pour le régime des AP/CP", None),
    ("introduites contre elle et notamment en matière : d’urbanisme (aménagement, droit des sols", None),
    # a theme is not a matière, even when it names one (« Environnement » is 8.8)
    ("OBJET : ENVIRONNEMENT", None),
    ("Matière : 12.4", None),  # no such matière
])
def test_matiere_lines(line, expected):
    assert find_matiere(line) == expected


def test_matiere_of_cuts_level_3_to_its_level_2_name():
    assert matiere_of("7.10") == ("7.10", "finances locales/divers")
    assert matiere_of("7") is None
