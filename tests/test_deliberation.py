"""One deliberation's row: identity, vote, and the attendance in force for it.

Seeds are in data/raw; the minutes come from ../shared/corpus (skipped without
it). Expected values were read in the documents (how, beside each).
"""
from functools import lru_cache
from pathlib import Path

import pytest

from delib.lang.moves import attendance_changes
from delib.extract.deliberation import apply_change, movers, printed_counts_by_item
from delib.extract.document import extract_document
from delib.ingest import ingest
from delib.model import Document
from corpus_documents import corpus_document
from delib.segment import segment_document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw"


def extract_text(text: str, name: str = "excerpt"):
    doc = Document(doc_id=name, source_path=name, file_name=name, format="txt", text=text)
    return extract_document(doc, segment_document(doc))


def extract_seed(name: str):
    doc = ingest(SEEDS / name)  # as the pipeline reads it (markdown marks removed)
    return extract_document(doc, segment_document(doc))


@lru_cache(maxsize=None)
def corpus_extraction(name: str):
    doc = corpus_document(name)
    return extract_document(doc, segment_document(doc))


def by_numero(extraction, numero: str):
    """The deliberation of that register number, or of that agenda point (« 11 - »)."""
    return next(d for d in extraction.deliberations if numero in (d.fields.numero, d.fields.point))


def status_of(delib, surname: str):
    return next((p["status"], p["mandataire"]) for p in delib.attendance if surname in p["person"])


# --- Seeds ----------------------------------------------------------------------------------

def test_seed_register_extract_fields():
    ex = extract_seed("001_c628b3d41b0ed031.txt")
    assert ex.doc_type == "deliberation"
    [delib] = ex.deliberations
    f = delib.fields.columns()
    assert (f["numero"], f["theme"]) == ("16A", "ENVIRONNEMENT")
    assert f["objet"] == "Coopération avec la Ville de Paris - Convention-cadre"
    assert f["seance_date"] == "2024-06-27"
    assert [f[k] for k in ("en_exercice", "presents", "representes", "excuses", "absents", "votants")] == [49, 32, 9, 5, 3, 41]
    assert [f[k] for k in ("pour", "contre", "abstentions", "unanimite", "resultat")] == [32, 0, 9, False, "adopte"]
    assert len(delib.attendance) == 49


def test_seed_blank_form_is_a_deliberation_without_a_vote():
    # « Adopté à l'unanimité : Adopté à la majorité : Voix contre : Abstentions : » left blank
    ex = extract_seed("004_9955c5cae59c762c.txt")
    [delib] = ex.deliberations
    assert all(getattr(delib.fields, k) is None for k in ("pour", "contre", "abstentions", "unanimite", "resultat"))
    assert delib.fields.seance_date == "2018-02-15"


# --- Moves during a session -------------------------------------------------------------------

@pytest.mark.parametrize("who, expected", [
    ("M. Vignal", (1, 0)),
    ("Messieurs Vignal, Sudres, et Aslanian avec Mme Bigas", (4, 0)),
    ("M. Passet avec sa procuration (H. Martin)", (1, 1)),
    ("M. Passet et M. Subra avec leurs procurations (H. Martin et M. Morales)", (2, 2)),
    ("Mmes Beccaria et Benouargha-Jaffiol, Mme le Maire", (3, 0)),
])
def test_movers(who, expected):
    # Montpellier 2011, « … sortent de séance » / « … entrent en séance »
    assert movers(who) == expected


def test_coming_back_is_an_arrival():
    # Montpellier 2011, before item 96 (the line break of the PDF removed)
    assert attendance_changes("Mme Dombre-Coste et M. Vignal reviennent en séance.") == [
        (0, "arrivée : Mme Dombre-Coste et M. Vignal")]


def test_a_member_leaving_with_a_proxy_given_keeps_the_votes():
    counts = {"presents": 47, "representes": 7, "absents": 7, "votants": 54}
    apply_change(counts, "départ : M. Jacques Martin",
                 "M. Jacques Martin sort de séance et donne sa procuration à M. Lévita.")
    assert counts == {"presents": 46, "representes": 8, "absents": 7, "votants": 54}


def test_a_member_leaving_with_the_proxy_he_holds_takes_two_votes():
    counts = {"presents": 49, "representes": 7, "absents": 3, "votants": 56}
    apply_change(counts, "départ : M. Passet avec sa procuration (H. Martin)", "")
    # absents are the members who did not come: one leaving mid-session is not counted there
    assert counts == {"presents": 48, "representes": 6, "absents": 3, "votants": 54}


LANNION_HEADER = """Questions 1 e t 2 :
29 présents
3 procurations 32 votants
1 absent

Question 3 à la fin :
Arrivée de Monsieur Jean-Yves CALLAC
30 présents
3 procurations 33 votants
0 absent
Assistaient :
"""


def test_counts_printed_for_ranges_of_items():
    blocks = [(first, last, counts) for first, last, counts, _ in printed_counts_by_item(LANNION_HEADER)]
    assert blocks == [(1, 2, {"presents": 29, "representes": 3, "votants": 32, "absents": 1}),
                      (3, float("inf"), {"presents": 30, "representes": 3, "votants": 33, "absents": 0})]


# « Le Conseil communautaire : - prend acte » after the bureau's own unanimous decisions
# (Roannais 2021, item 1, quoted with the following item).
ROANNAIS_EXCERPT = """ASSEMBLEES
1. Exercice des pouvoirs délégués au Président et au bureau – Compte-rendu.
Monsieur le Président présente le compte rendu des pouvoirs délégués au Président et au Bureau.
N° DBC 2021-085 - Stratégies et ressources foncières - Acquisition de biens appartenant au Département de
Le bureau communautaire, après en avoir délibéré à l’unanimité :
- approuve l'acquisition ;
Le Conseil communautaire :
- prend acte du compte-rendu des pouvoirs délégués, au Président et au bureau communautaire comprenant
20 décisions du Président et 27 délibérations du bureau.
Arrivée de Gilles Passot
FINANCES
3. Constitution et reprise de provisions - compte épargne temps (CET) - Année 2021
Le Conseil communautaire, après en avoir délibéré à l’unanimité :
- approuve la constitution de provisions.
"""


def test_taking_note_is_no_vote_and_rubrics_are_themes():
    ex = extract_text(ROANNAIS_EXCERPT)
    first, third = ex.deliberations
    assert first.fields.point == "1" and first.fields.numero is None and first.fields.theme == "ASSEMBLEES"
    assert first.fields.unanimite is None and first.fields.resultat is None
    assert third.fields.theme == "FINANCES"
    assert (third.fields.unanimite, third.fields.resultat) == (True, "adopte")
    # the arrival is printed between the items: not inside either
    assert first.char_end <= ROANNAIS_EXCERPT.index("Arrivée de Gilles Passot") < third.char_start


# --- Whole minutes ------------------------------------------------------------------------------

def test_montpellier_attendance_follows_the_moves():
    # No figures printed: 53 présents listed (Vignal among them, who arrives after item 3),
    # 7 « Absents ayant voté par procuration », 1 absent. Item 1: 52 + 7 = 59 votants,
    # and its tally says so (Pour : 58, Contre : 1).
    # 96 items, of which 68 is a communication the council « prend acte » of: 95 deliberations.
    ex = corpus_extraction("montpellier_cr_cm_2011-02-07.pdf")
    assert ex.doc_type == "proces_verbal" and len(ex.deliberations) == 95
    one, three, four = by_numero(ex, "1"), by_numero(ex, "3"), by_numero(ex, "4")
    assert [getattr(one.fields, k) for k in ("presents", "representes", "votants", "pour", "contre")] == [52, 7, 59, 58, 1]
    assert one.fields.theme == "Qualité de l'espace public"
    assert {d.fields.seance_date for d in ex.deliberations} == {"2011-02-07"}
    # « Mme Benouargha-Jaffiol sort de séance. » after item 1, « M. Vignal entre en séance. » after 3
    assert three.fields.votants == 58 == three.fields.pour + three.fields.abstentions
    assert four.fields.votants == 59 == four.fields.pour
    # the people are those of the printed lists; only the counts follow the moves
    assert status_of(three, "VIGNAL") == ("present", None)
    assert three.fields.absents == 1 == four.fields.absents
    # the holder of a proxy, told when he moves with it: « M. Passet avec sa procuration (H. Martin) »
    assert status_of(one, "Hervé MARTIN") == ("represente", "Passet")
    # « M. Jacques Martin sort de séance et donne sa procuration à M. Lévita. » after 43
    before, after = by_numero(ex, "43").fields.columns(), by_numero(ex, "44")
    assert after.fields.presents == before["presents"] - 1
    assert after.fields.representes == before["representes"] + 1
    assert after.fields.votants == before["votants"]
    assert status_of(after, "Jacques MARTIN") == ("present", None)


def test_lannion_counts_printed_from_question_3():
    # « Questions 1 et 2 : 29 présents / 3 procurations 32 votants / 1 absent »,
    # « Question 3 à la fin : Arrivée de Monsieur Jean-Yves CALLAC / 30 présents … 33 votants »
    ex = corpus_extraction("lannion_pv_cm_2021-07-05.pdf")
    assert len(ex.deliberations) == 20  # « 1 - » … « 20 - », each « ADOPTÉ À L'UNANIMITÉ »
    counts = [(d.fields.presents, d.fields.representes, d.fields.votants, d.fields.absents)
              for d in ex.deliberations]
    assert counts[:2] == [(29, 3, 32, 1)] * 2
    assert counts[2:] == [(30, 3, 33, 0)] * 18
    assert status_of(ex.deliberations[1], "CALLAC")[0] == "absent"
    assert status_of(ex.deliberations[2], "CALLAC")[0] == "present"
    assert by_numero(ex, "11").fields.objet == "1 Boulevard Mendès France - désaffectation du site de la caserne des sapeurs-pompiers"
    assert all(d.fields.unanimite for d in ex.deliberations)
