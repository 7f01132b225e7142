"""Per-deliberation fields on phrasings of the whole genre, not of one commune.

Made-up excerpts in the style of many French communes, intercommunalités and
recueils des actes (register-extract headers, PV openings, verdict lines, register
numbers, OCR damage), next to short real excerpts of the dev documents (Avranches,
Montpellier, Oignies, Couthenans). Each test names the phrasing it pins down.
"""
import pytest

from delib.extract.attendance import count_pairs, find_attendance
from delib.extract.dates import find_dates
from delib.extract.deliberation import _with_list_counts, decided_without_rejection, ocr_digits, printed_numero
from delib.extract.document import extract_document
from delib.extract.votes import find_vote
from delib.model import Document
from delib.segment import segment_document

COUNTS = ("en_exercice", "presents", "representes", "excuses", "absents", "votants")


def extract_text(text: str):
    doc = Document(doc_id="genre", source_path="genre", file_name="genre", format="txt", text=text)
    return extract_document(doc, segment_document(doc))


def printed(att) -> dict:
    return {k: v for k, v in att.counts.items() if v is not None}


# --- 1. Attendance counts in a register-extract header ---------------------------------------

@pytest.mark.parametrize("line, expected", [
    ("Nombre de membres : en exercice 19, présents 15, votants 17", {"en_exercice": 19, "presents": 15, "votants": 17}),
    ("Présents : 12 – Représentés : 3 – Votants : 15", {"presents": 12, "representes": 3, "votants": 15}),
    ("Présents : 12 ; Absents : 3 ; Procurations : 2 ; Votants : 14",
     {"presents": 12, "absents": 3, "representes": 2, "votants": 14}),
    ("En exercice :19 ; présents :15 ; votants : 17", {"en_exercice": 19, "presents": 15, "votants": 17}),
    ("Conseillers en exercice : 29", {"en_exercice": 29}),
    ("Nombre de conseillers en fonction : 15", {"en_exercice": 15}),
    ("Nombre de conseillers présents : 12", {"presents": 12}),
    ("Présents à la séance : 12", {"presents": 12}),
    ("Pouvoirs : 2", {"representes": 2}),
    ("Procurations : 2", {"representes": 2}),
    ("Conseillers ayant pris part à la délibération : 21", {"votants": 21}),
    ("Membres présents ou représentés : 14", {"votants": 14}),
    # counts in words, and OCR's letters for digits (« l2 », « I5 », « 2O »)
    ("En exercice : quinze", {"en_exercice": 15}),
    ("Présents : dix-neuf", {"presents": 19}),
    ("Présents : l2", {"presents": 12}),
    ("Présents : I5 Votants : 2O", {"presents": 15, "votants": 20}),
    ("Présents. : 14", {"presents": 14}),
])
def test_count_lines_of_many_communes(line, expected):
    assert dict(count_pairs(line)) == expected


def test_words_before_a_label_open_a_list_not_a_count():
    # Oignies, 13 October 2018: « Une procurations est présentée : C. LUTZ représentée par JM DESPREZ »
    assert count_pairs("Une procurations est présentée : C. LUTZ représentée par JM DESPREZ") == []


@pytest.mark.parametrize("text, expected", [
    # labels on one line, figures on the next (a table read as text, with or without rules)
    ("En exercice   Présents   Votants\n    19            15          17\n", {"en_exercice": 19, "presents": 15, "votants": 17}),
    ("Nombre de conseillers\nEn exercice | Présents | Pouvoirs | Votants\n23 | 18 | 3 | 21\n",
     {"en_exercice": 23, "presents": 18, "representes": 3, "votants": 21}),
    # one label per line, its figure on the next
    ("En exercice :\n19\nPrésents :\n15\nVotants :\n17\n", {"en_exercice": 19, "presents": 15, "votants": 17}),
    ("Nombre de conseillers en exercice : dix-neuf\nPrésents : quinze\nVotants : dix-sept\n",
     {"en_exercice": 19, "presents": 15, "votants": 17}),
    ("Nombre de membres en exercice : 27 Quorum : 14 Présents : 20 Pouvoirs : 4 Votants : 24",
     {"en_exercice": 27, "presents": 20, "representes": 4, "votants": 24}),
])
def test_count_blocks(text, expected):
    assert printed(find_attendance(text)) == expected


def test_members_of_the_council_when_no_en_exercice_is_printed():
    assert find_attendance("Membres afférents au conseil : 15\nPrésents : 12\n").counts["en_exercice"] == 15
    both = "Membres afférents au conseil : 15\nMembres en exercice : 14\nPrésents : 12\n"
    assert find_attendance(both).counts["en_exercice"] == 14


def list_counts(text: str) -> dict:
    att = find_attendance(text)
    return {k: v for k, v in _with_list_counts(att, att.people, text, []).items() if v is not None}


def test_inclusive_writing_of_list_headers():
    text = ("Présent(e)s : M. André DURAND, Mme Berthe MARTIN, M. Claude PETIT\n"
            "Excusé(e)s : Mme Denise ROUX, M. Émile FAURE\n"
            "Absent(e)s : M. Fernand BLANC\n")
    assert list_counts(text) == {"en_exercice": 6, "presents": 3, "representes": 0, "excuses": 2, "absents": 1,
                                 "votants": 3}


def test_absent_excused_with_proxy_and_absent_not_represented():
    text = ("Présents : M. BLANC, Mme NOIR, M. VERT, Mme ROSE\n"
            "Absents excusés ayant donné procuration : Mme MAUVE à M. BLANC, M. BEIGE à Mme NOIR\n"
            "Absent(s) excusé(s) : M. GRIS\n"
            "Absents non représentés : M. OCRE\n")
    assert list_counts(text) == {"en_exercice": 8, "presents": 4, "representes": 2, "excuses": 1, "absents": 1,
                                 "votants": 6}


def test_ocr_noise_in_a_list():
    # Avranches, 9 April 2018 (OCR): « pourvoir » for pouvoir, « [)ELAUNEY », a heading lost as « ? »,
    # the page's heading « VILLE b'AVRANCHES » read under the margin box's « Pouvoirs : »
    text = ("Pouvoirs :\n\nVILLE b'AVRANCHES\n\n"
            "Étaient présents : M. NICOLAS, Maire\nMME COCHAT, M. [)ELAUNEY, MME PARENT, adjoints,\n\n"
            "Pouvoirs\nMadame C.SERGENT a donné pourvoir à madame A.SOURDIN\n"
            "Monsieur R.CARO a donné pouvoir à monsieur T.PENNEC\n\n?\nMonsieur A.ATLAN\n")
    att = find_attendance(text)
    assert {p["person"]: (p["status"], p["mandataire"]) for p in att.people} == {
        "NICOLAS": ("present", None), "COCHAT": ("present", None), "ELAUNEY": ("present", None),
        "PARENT": ("present", None), "C. SERGENT": ("represente", "A. SOURDIN"), "R. CARO": ("represente", "T. PENNEC")}


# --- 2. Séance date --------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("L'an deux mille vingt-trois, le quinze décembre à 19 heures, le Conseil municipal s'est réuni", "2023-12-15"),
    ("L'an deux mil quatorze et le six novembre, à vingt heures", "2014-11-06"),
    ("Le 12 janvier 2024 à 20h30, le Conseil municipal de la commune s'est réuni", "2024-01-12"),
    ("Le lundi 1er octobre 2018, à 19h00, le conseil municipal s'est réuni", "2018-10-01"),
    ("Le dix-huit novembre deux mille dix-neuf, à dix-neuf heures trente, le Conseil Municipal de la Commune, "
     "dûment convoqué", "2019-11-18"),
    ("Séance ordinaire du mardi 5 mars 2019", "2019-03-05"),
    ("Procès-verbal de la séance du 05/03/2019", "2019-03-05"),
    ("Réunion du conseil municipal du 14 février 2022", "2022-02-14"),
    ("Conseil municipal du jeudi 12 décembre 2019", "2019-12-12"),
    ("L'an deux mille dix-huit, le ler octobre, le conseil", "2018-10-01"),  # OCR's « ler » for « 1er »
    ("Réunion ordinaire du 12 janvier 2024", "2024-01-12"),
    ("Session extraordinaire du lundi 3 février 2020", "2020-02-03"),
    ("Séance publique du jeudi 22 mai 2014", "2014-05-22"),  # Montpellier
])
def test_the_session_opening_in_words_or_figures(text, value):
    assert [(d.value, d.attrs["role"]) for d in find_dates(text)] == [(value, "seance")]


@pytest.mark.parametrize("text", [
    "Date de convocation : 02/03/2019",
    "Convoqué le 5 janvier 2024",
    "Date d'affichage : 02/03/2019",
    "Vu la délibération du conseil municipal du jeudi 12 décembre 2019",
    "Le 3 mars 2020 à 18h, le conseil a été convoqué pour se réunir",
])
def test_dates_that_are_not_the_session(text):
    assert all(d.attrs["role"] != "seance" for d in find_dates(text))


RECUEIL = """RECUEIL DES ACTES ADMINISTRATIFS
Mairie de Saint-Pierre

EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL
Séance du 12 janvier 2023
Nombre de conseillers en exercice : 23 - Présents : 19 - Votants : 21
L'an deux mille vingt-trois, le douze janvier à vingt heures, le Conseil municipal, dûment convoqué le 6 janvier 2023, s'est réuni sous la présidence de M. Paul DURAND, Maire.
Délibération n° 2023-001
Objet : Ouverture de crédits d'investissement avant le vote du budget
Le Conseil municipal, après en avoir délibéré, à l'unanimité, autorise le Maire à engager les dépenses.
Fait et délibéré les jour, mois et an susdits.

EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL
Séance du 23 février 2023
Nombre de conseillers en exercice : 23 - Présents : 17 - Votants : 20
L'an deux mille vingt-trois, le vingt-trois février à vingt heures, le Conseil municipal s'est réuni sous la présidence de M. Paul DURAND, Maire.
Délibération n° 2023-012
Objet : Tarifs de la salle des fêtes
Vu la délibération du 12 janvier 2023,
Le Conseil municipal, après en avoir délibéré, par 18 voix pour et 2 contre, fixe les tarifs.
Fait et délibéré les jour, mois et an susdits.

EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL
Séance du 30 mars 2023
Nombre de conseillers en exercice : 23 - Présents : 20 - Votants : 22
L'an deux mille vingt-trois, le trente mars à vingt heures, le Conseil municipal s'est réuni sous la présidence de M. Paul DURAND, Maire.
Délibération n° 2023-020
Objet : Vote du budget primitif 2023
Le Conseil municipal, après en avoir délibéré, adopte le budget primitif 2023.
Adopté à l'unanimité.
"""


def test_each_extract_of_a_recueil_has_its_own_session_and_counts():
    rows = [(d.fields.numero, d.fields.objet, d.fields.seance_date, d.fields.presents, d.fields.votants)
            for d in extract_text(RECUEIL).deliberations]
    assert rows == [
        ("2023-001", "Ouverture de crédits d'investissement avant le vote du budget", "2023-01-12", 19, 21),
        ("2023-012", "Tarifs de la salle des fêtes", "2023-02-23", 17, 20),
        ("2023-020", "Vote du budget primitif 2023", "2023-03-30", 20, 22),
    ]


# --- 3. Résultat / unanimité -----------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # (pour, contre, abstentions, unanimite, resultat)
    ("ADOPTÉ À L'UNANIMITÉ", (None, None, None, True, "adopte")),
    ("Adoptée à l'unanimité des membres présents et représentés.", (None, None, None, True, "adopte")),
    ("Vote : unanimité", (None, None, None, True, "adopte")),
    ("Vote : Unanimité (15 voix)", (15, 0, 0, True, "adopte")),
    ("adopté à l'unanimitè", (None, None, None, True, "adopte")),
    ("LE CONSEIL MUNICIPAL, A L'UNANIMIÏE, ACCEPÏE CETTE PROPOSITION", (None, None, None, True, "adopte")),  # OCR
    ("Pour : 21\nContre : 2\nAbstention(s) : 2", (21, 2, 2, False, "adopte")),
    ("Pour : 12 Contre : 1 Abstention(s) : 1", (12, 1, 1, False, "adopte")),
    ("Votes : Pour 10 / Contre 0 / Abst. 0", (10, 0, 0, True, "adopte")),
    ("Pour 15 Contre 0 Abstention 0", (15, 0, 0, True, "adopte")),
    ("POUR 13 - CONTRE 2", (13, 2, 0, False, "adopte")),
    ("Votes POUR : 12 CONTRE : 2 ABSTENTIONS : 1", (12, 2, 1, False, "adopte")),
    ("Résultat du vote : Adopté", (None, None, None, None, "adopte")),
    ("Le conseil municipal à l'unanimité moins 2 voix contre", (None, 2, None, False, "adopte")),
])
def test_verdict_lines(text, expected):
    v = find_vote(text)
    assert (v.pour, v.contre, v.abstentions, v.unanimite, v.resultat) == expected


def test_members_excepted_from_the_vote_leave_the_others_for():
    # Avranches, 9 April 2018: « LE CONSEIL MUNICIPAL, A L'EXCEPTION DE MADAME LEROY, MESSIEURS SIRI,
    # HUET, MORAZIN, MESDAMES\n\nMAZIER, SEILLE QUI NE PRENNENT PAS PART AU VOTE, ACCEPTE »
    v = find_vote("LE CONSEIL MUNICIPAL, A L'EXCEPTION DE MADAME LEROY, MESSIEURS SIRI, HUET, MORAZIN, MESDAMES\n\n"
                  "MAZIER, SEILLE QUI NE PRENNENT PAS PART AU VOTE, ACCEPTE CETTE PROPOSITION")
    assert (v.ne_prend_pas_part, v.contre, v.abstentions, v.others_for, v.resultat) == (6, 0, 0, True, "adopte")
    # with an unanimity, the figures of the votes cast stay unknown
    v = find_vote("Adopté à l'unanimité, à l'exception du Maire qui ne prend pas part au vote.")
    assert (v.ne_prend_pas_part, v.pour, v.others_for) == (1, None, False)


@pytest.mark.parametrize("span, decided", [
    ("Le conseil municipal, après en avoir délibéré, décide de maintenir les taux.", True),
    ("Le Conseil municipal sollicite une subvention et autorise le Maire à signer.", True),
    ("Le conseil municipal, après avoir pris connaissance du rapport, émet un avis favorable.", True),
    ("Après un vote à bulletin secret, M. Paul LEGRAND, ayant obtenu la majorité absolue, est élu 4ème adjoint.", True),
    ("Vu la délibération du 4 avril 2019 approuvant le budget,\nIl est proposé d'approuver la convention.", False),
    ("Après en avoir délibéré, le conseil municipal refuse la vente du terrain.", False),
    ("Le conseil émet un avis défavorable au projet.", False),
    ("Les membres du conseil municipal prennent acte de cette décision.", False),
])
def test_a_decision_without_a_tally(span, decided):
    assert decided_without_rejection(span) is decided


PV = """MAIRIE DE VILLENEUVE
Procès-verbal de la séance du 05/03/2019

Membres afférents au conseil : 15
Présents : 12 – Représentés : 2 – Votants : 14

Le 5 mars 2019 à 20h30, le Conseil municipal de Villeneuve, légalement convoqué, s'est réuni à la mairie sous la présidence de Mme Hélène CARON, Maire.

1. Approbation du procès-verbal de la séance du 12 février 2019
Le procès-verbal est approuvé à l'unanimité.

2. Délibération n° 2019-08 : Subvention à l'association sportive
Le Conseil municipal décide d'attribuer une subvention de 500 € à l'association sportive.

3. Délibération n° 2019-09 : Travaux de voirie
Le Conseil municipal, après en avoir délibéré, autorise le Maire à signer le devis de l'entreprise.
Adoptée à l'unanimité des membres présents et représentés.

4. Adhésion au syndicat d'électricité
Le Conseil municipal approuve l'adhésion.
Pour : 12 Contre : 1 Abstention(s) : 1
"""


def test_minutes_of_a_small_commune():
    rows = [(d.fields.numero, d.fields.point, d.fields.objet, d.fields.seance_date, d.fields.en_exercice,
             d.fields.votants, d.fields.resultat) for d in extract_text(PV).deliberations]
    assert rows == [
        ("2019-08", "2", "Subvention à l'association sportive", "2019-03-05", 15, 14, "adopte"),
        ("2019-09", "3", "Travaux de voirie", "2019-03-05", 15, 14, "adopte"),
        (None, "4", "Adhésion au syndicat d'électricité", "2019-03-05", 15, 14, "adopte"),  # an agenda number only
    ]


# --- 4. numero -------------------------------------------------------------------------------

@pytest.mark.parametrize("heading, numero", [
    ("Délibération n° 2023-045", "2023-045"),
    ("DELIBERATION N° 12", "12"),
    ("Délibération numéro 45", "45"),
    ("DCM 2023/45", "2023/45"),
    ("DCM n°2023-45", "2023-45"),
    ("D-2023-045", "D-2023-045"),
    ("DEL2023_045", "DEL2023_045"),
    ("DL-056-07-13 - Tableau des effectifs", "DL-056-07-13"),  # L'Arbresle
    ("N° 45/2023", "45/2023"),
    ("2023_045 Tarifs", "2023_045"),
    ("Objet : Tarifs de la cantine (n° 12)", "12"),
    # what is not the deliberation's number
    ("Délibération n°2019/012 du 4 avril 2019", None),  # an earlier one, cited
    ("Vu la loi n° 2015-991", None),
    ("Article 2", None),
    ("Acte n° 034-213401722-20140522-0000072219-DE", None),
    ("Séance du 05/03/2019", None),
])
def test_register_numbers(heading, numero):
    assert printed_numero(heading) == numero


def test_ocr_in_a_register_number():
    # Avranches, 9 April 2018 (OCR): « 2018.04.09 - I », « 20'l8.04.09- 10 »
    assert ocr_digits("2018.04.09 - I") == "2018.04.09 - 1"
    assert ocr_digits("20'l8.04.09- 10") == "2018.04.09- 10"
    assert ocr_digits("DL-055-07-13") == "DL-055-07-13"


def test_agenda_numbers_are_no_numero():
    # Couthenans, 24 February 2023: « 1/ Délibération reversement taxe d'aménagement »
    text = ("Présents : Alain, Bernard, Claire\n\n"
            "1/ Délibération reversement taxe d'aménagement\nLe conseil municipal approuve. 12 votes pour\n\n"
            "2/ Délibération pour le calcul de la longueur de voirie\nLe conseil municipal approuve. 12 votes pour\n")
    ex = extract_text(text)
    assert [(d.fields.numero, d.fields.point) for d in ex.deliberations] == [(None, "1"), (None, "2")]


AGENDA_THEN_ITEMS = """COMMUNE DE SAINT-ANDRE
COMPTE RENDU DE LA SEANCE DU CONSEIL MUNICIPAL DU 14 MARS 2022

Ordre du jour :
1. Compte administratif 2021
2. Délégation de pouvoirs au Maire
3. Questions diverses

Présents : M. Jean DUPONT, Mme Anne MARTIN, M. Paul BERNARD, Mme Julie PETIT, M. Luc ROBERT
Excusés : Mme Claire RICHARD, M. Marc DURAND
Absent : M. Louis MOREAU
Secrétaire de séance : Mme Anne MARTIN

1. Compte administratif 2021
Le conseil municipal approuve le compte administratif 2021 à l'unanimité.

2. Délégation de pouvoirs au Maire
Le conseil municipal décide de déléguer au Maire les attributions prévues à l'article L.2122-22 du CGCT.
Adopté à l'unanimité.
"""


def test_agenda_printed_before_the_items_and_counts_from_the_lists():
    # the agenda's numbers are the items' again; its « Délégation de pouvoirs » is no proxy
    rows = [(d.fields.objet, d.fields.en_exercice, d.fields.presents, d.fields.excuses, d.fields.absents,
             d.fields.votants) for d in extract_text(AGENDA_THEN_ITEMS).deliberations]
    assert rows == [("Compte administratif 2021", 8, 5, 2, 1, 5), ("Délégation de pouvoirs au Maire", 8, 5, 2, 1, 5)]


INTERCO = """COMMUNAUTE DE COMMUNES DU VAL VERT
PROCES-VERBAL DU CONSEIL COMMUNAUTAIRE DU 20 JUIN 2023

Nombre de délégués en exercice : 45
Nombre de délégués présents : 38
Nombre de pouvoirs : 4
Nombre de votants : 42

Le vingt juin deux mille vingt-trois à dix-huit heures, le Conseil communautaire, dûment convoqué le 13 juin 2023, s'est réuni sous la présidence de M. Henri LEROUX, Président.

DCC 2023-41 – Approbation du compte de gestion 2022
Le Conseil communautaire, après en avoir délibéré, approuve le compte de gestion 2022.
Présents : 38 – Votants : 42
Adopté à l'unanimité.

DCC 2023-42 – Compte administratif 2022
Le Président quitte la salle.
Présents : 37 – Pouvoirs : 4 – Votants : 41
Pour : 39 Contre : 0 Abstentions : 2
Adopté.
"""


def test_counts_printed_under_each_item_completed_by_the_session():
    rows = [(d.fields.numero, d.fields.objet, d.fields.seance_date, d.fields.en_exercice,
             d.fields.presents, d.fields.representes, d.fields.votants)
            for d in extract_text(INTERCO).deliberations]
    assert rows == [("2023-41", "Approbation du compte de gestion 2022", "2023-06-20", 45, 38, 4, 42),
                    ("2023-42", "Compte administratif 2022", "2023-06-20", 45, 37, 4, 41)]


def test_ocr_letters_for_digits_in_a_tally():
    v = find_vote("Pour : l5\nContre : O\nAbstention : 1")
    assert (v.pour, v.contre, v.abstentions, v.resultat) == (15, 0, 1, "adopte")


def test_an_actes_id_is_no_register_number():
    assert printed_numero("Délibération n° 034-213401722-20140522-0000072219-DE") is None


@pytest.mark.parametrize("heading, numero", [
    ("Point n° 2 : Subvention au comité des fêtes", None),
    ("QUESTION N° 5 - Tarifs de la cantine", None),
    ("Délibération n° 12 : Tarifs de la cantine", "12"),
])
def test_an_item_number_is_a_numero_only_when_called_a_deliberation(heading, numero):
    text = (f"CONSEIL MUNICIPAL DU 4 AVRIL 2022\n\n{heading}\nLe conseil municipal approuve à l'unanimité.\n\n"
            f"{heading.replace('2', '3').replace('5', '6').replace('12', '13')}\nLe conseil municipal approuve à l'unanimité.\n")
    first = extract_text(text).deliberations[0]
    assert first.fields.numero == numero


@pytest.mark.parametrize("unanimity", ["A L'UNANIMIÏE", "à l'unanlmité", "A L'UNANIMITC", "à l'unaminité"])
def test_an_ocr_read_unanimity_closes_its_item(unanimity):
    # Avranches, 9 April 2018 (OCR'd): « LE CONSEIL MUNICIPAL, A L'UNANIMIÏE, accspÏ » closed
    # nothing, so the vote line went to the next item; the segmenter and the vote reader now
    # read « unanimité » with one grammar (delib.lang.votes)
    text = ("CONSEIL MUNICIPAL DU 9 AVRIL 2018\nPrésents : M. DUPONT, Mme DURAND, M. MARTIN\n\n"
            "2018.04.09-13 RENOUVELLEMENT DE POSTE\nIl est proposé de créer un poste.\n"
            f"LE CONSEIL MUNICIPAL, {unanimity}, accspÏ\n\n"
            "2018.04.09-14 VACATION SERVICE DES MUSEES\nIl est proposé de créer une vacation.\n"
            "LE CONSEIL MUNICIPAL, A L'UNANIMITE, ACCEPTE CES PROPOSITIONS\n")
    deliberations = extract_text(text).deliberations
    assert [d.fields.objet for d in deliberations] == ["RENOUVELLEMENT DE POSTE", "VACATION SERVICE DES MUSEES"]
    assert [d.fields.unanimite for d in deliberations] == [True, True]


@pytest.mark.parametrize("written, iso", [
    ("31 JAN VIER 2013", "2013-01-31"), ("12 DÉCEM BRE 2019", "2019-12-12"), ("3 juil let 2020", "2020-07-03"),
    ("4 SEPT EMBRE 2018", "2018-09-04"), ("le 2 fé vrier 2016", "2016-02-02")])
def test_a_month_cut_once_by_ocr_is_still_a_month(written, iso):
    assert [m.value for m in find_dates(f"Conseil municipal du {written}")] == [iso]


def test_names_between_em_dashes_as_ocr_reads_en_dashes():
    att = find_attendance("Présents : Mmes et Ms Barbillon — Hallu — Valck -— Trouillet ―Gimaret\n"
                          "Absents : M. Talon— Mme Avot, procuration à Mme Gimaret\n")
    assert [p["person"] for p in att.people if p["status"] == "present"] == \
        ["Barbillon", "Hallu", "Valck", "Trouillet", "Gimaret"]
    assert [(p["person"], p["mandataire"]) for p in att.people if p["status"] == "represente"] == [("Avot", "Gimaret")]


def test_ocr_bullets_read_as_quotes_and_an_acronym_at_a_title_end():
    # Ville, 31 January 2013, scanned (dev): OCR reads the bullets « • » as « “ » and « " »,
    # and drops the « ) » of « (P.A.V.E.) »: neither a bullet is a title nor the acronym's
    # full stop the end of a sentence
    text = ("COMPTE RENDU DU CONSEIL MUNICIPAL DU 31 JANVIER 2013\nPrésents : M. DUPONT, Mme DURAND, M. MARTIN\n"
            "Secrétaire de séance : M. MARTIN.\n\nModification des rythmes scolaires\nLe conseil municipal, à "
            "l'unanimité, décide de demander le report de la réforme.\n\nAcceptation de recettes\nLe conseil municipal, à l'unanimité, accepte les recettes ci-dessous :\n"
            "“ 526 €provenant du Foyer Rural pour l'achat de tables\n\n\" 45 € provenant du Comité des Fêtes.\n\n"
            "Installation de ventilateurs à la salle\n\nMonsieur le maire expose qu'un devis a été demandé. Après en "
            "avoir délibéré, le conseil municipal, à l'unanimité, décide de poser un ventilateur.\n\n"
            "Elaboration d'un plan d'accessibilité de la voirie et des espaces publics (P.A.V.E.\n"
            "La loi prévoit la mise en accessibilité de la voirie.\n\nAprès délibération, le Conseil Municipal :\n\n"
            "-Décide d'engager une réflexion sur le plan.\n")
    assert [d.fields.objet for d in extract_text(text).deliberations] == [
        "Modification des rythmes scolaires", "Acceptation de recettes", "Installation de ventilateurs à la salle",
        "Elaboration d'un plan d'accessibilité de la voirie et des espaces publics (P.A.V.E"]


# --- Shapes read in minutes of communes outside the project (made-up text, same layout) ----

def test_bulleted_titles_under_numbered_rubrics():
    # a communauté de communes: « II. RUBRIC » then « - title », the decision; a rubric may
    # hold two bulleted items; a « relevé de décisions du bureau » decides nothing
    text = ("COMPTE-RENDU DU CONSEIL DE COMMUNAUTE\nSéance du 26 septembre 2023\n"
            "Etaient présents : CAZALS R. – LAFON M. – FABRE Y.\n"
            "I. RELEVE DE DECISIONS DU BUREAU\nLe Président donne lecture des décisions du Bureau. Pas d'observation.\n"
            "II. OPERATION GRAND SITE\n- Convention d'occupation des locaux avec le Pays\n"
            "Mise à disposition de deux bureaux pour un loyer de 4 200 €.\nAdopté à l'unanimité.\n"
            "III. SERVICE DES DECHETS\n- Prix du badge supplémentaire\nLe badge est fixé à 8 €.\n"
            "- Les badges perdus ne sont pas remboursés.\nAdopté par 17 voix pour, 3 contre.\n"
            "- Création d'un poste d'adjoint technique\nPoste à temps complet.\nAdopté à l'unanimité.\n")
    rows = [(d.fields.objet, d.fields.pour) for d in extract_text(text).deliberations]
    assert rows == [("Convention d'occupation des locaux avec le Pays", None), ("Prix du badge supplémentaire", 17),
                    ("Création d'un poste d'adjoint technique", None)]


def test_a_vote_line_opening_on_pour_closes_its_item():
    # « VOTE : Pour 11 – Contre 2 (…) » under register-numbered roman items
    text = ("Compte rendu du conseil municipal du 11 mai 2023\nEtaient présents : M. DURAND, Mme PETIT\n\n"
            "2023-03-001\nII – Désignation d'un délégué suppléant :\nLe Conseil Municipal DESIGNE M. LABBE.\n"
            "VOTE : Unanimité\n\n2023-03-002\nIII – Tarifs de la restauration scolaire :\nLe prix du repas est porté à 4 €.\n"
            "VOTE : Pour 11 – Contre 2 (Mme PETIT, M. DURAND)\n\n2023-03-003\nIV – Convention du gymnase :\n"
            "VOTE : Pour 12 – Contre 0 – Abstentions 2\n")
    rows = [(d.fields.objet, d.fields.pour, d.fields.contre) for d in extract_text(text).deliberations]
    assert rows == [("Désignation d'un délégué suppléant", None, None), ("Tarifs de la restauration scolaire", 11, 2),
                    ("Convention du gymnase", 12, 0)]


def test_an_extract_numbered_without_n_degree_and_titled_below():
    text = ("Commune de SAINT-LÉGER\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\nConseil municipal du 14 MARS 2023\n"
            "Nombre de conseillers en exercice : 13\nPrésents : Christine HARDOUIN, Laurence NOYON, Yvan RENAUD\n\n"
            "Délibération 7/2023\n\nCOMPTE ADMINISTRATIF 2022\n\nLe Conseil Municipal, réuni sous la présidence du "
            "doyen d'âge, approuve le compte administratif 2022.\nVotants : 3 – Pour : 3 – Contre : 0 – Abstention : 0\n")
    [d] = extract_text(text).deliberations
    assert (d.fields.numero, d.fields.objet, d.fields.pour) == ("7/2023", "COMPTE ADMINISTRATIF 2022", 3)


def test_an_information_item_lends_no_title_and_dotted_sub_items_are_items():
    text = ("Compte-rendu de la réunion du Conseil Municipal du 18 septembre 2023\n"
            "Présents : Mireille CHABANNES, Hervé BOISSONNET, Josiane FAURIE\nSecrétaire de séance : Hervé BOISSONNET\n\n"
            "Point sur les logements communaux\nLes travaux de l'appartement sont terminés. Le logement sera loué.\n\n"
            "Compétence eau potable\n. Délibération n° 2306202302 du 23 juin 2023 : retrait\n"
            "Il est proposé de retirer la délibération du 23 juin 2023.\n"
            "Le Conseil Municipal, à l'unanimité, retire la délibération n° 2306202302.\n"
            ". Délibération demandant le retrait du SIVU des Eaux\nLe Conseil Municipal sollicite le retrait du syndicat.\n"
            "Votée par 2 voix pour et 1 abstention (Josiane FAURIE).\n\n"
            "Rapport de la CLECT\nLe conseil prend connaissance du rapport.\nLe rapport est approuvé à l'unanimité.\n\n"
            "3/ Point d'étape sur les chantiers : le Maire fait le point sur la piste.\n")
    assert [(d.fields.objet, d.fields.pour) for d in extract_text(text).deliberations] == [
        ("Délibération n° 2306202302 du 23 juin 2023 : retrait", None),
        ("Délibération demandant le retrait du SIVU des Eaux", 2), ("Rapport de la CLECT", None)]


def test_the_headings_above_the_list_of_members_present_title_no_item():
    # the document's headings are no item's title, and the session's attendance above the
    # first item is in force for every item
    text = ("COMPTE RENDU CONSEIL MUNICIPAL DU 30 MARS 2023\nL'an deux mil vingt-trois, le trente mars, les membres du "
            "Conseil Municipal ont siégé à la mairie.\nPrésents :\nMonsieur Claude LEMONNIER, Maire, Messieurs DUVAL, "
            "HAMEL, Madame LECANU.\nAbsents excusés : Monsieur MESNAGE donne pouvoir à Monsieur HAMEL.\n"
            "Le procès-verbal de la dernière réunion est approuvé à l'unanimité.\n"
            "AFFECTATION DES RESULTATS 2022 :\nLe Conseil Municipal décide, à l'unanimité, d'affecter 300 000 € au compte 1068.\n"
            "TAUX D'IMPOSITION 2023 :\nLe Conseil Municipal décide, par 4 voix pour et 1 voix contre, de maintenir les taux.\n")
    rows = [(d.fields.objet, d.fields.presents, d.fields.representes) for d in extract_text(text).deliberations]
    assert rows == [("AFFECTATION DES RESULTATS 2022", 4, 1), ("TAUX D'IMPOSITION 2023", 4, 1)]


def test_the_last_item_examined_before_the_one_above_it():
    # « Mme le Maire propose d'examiner le point n° 6 avant le point n° 5 »
    text = ("COMPTE RENDU DE LA SEANCE DU CONSEIL MUNICIPAL DU 05 JUILLET 2023\n"
            "Etaient présents : Mme Martine GODARD, M. Pascal LEBEAU, Mme Elodie FERNANDES.\n"
            + "".join(f"Point n° {n} : Objet numéro {n} du conseil\nAdopté à l'unanimité.\n" for n in (1, 2, 3, 4, 6, 5)))
    assert [d.fields.point for d in extract_text(text).deliberations] == ["1", "2", "3", "4", "6", "5"]


@pytest.mark.parametrize("numbers", [("2022 03 n°01", "2022 03 n°02", "2022 03 n°03"),
                                     ("2021-11-01", "2021-11-02", "2021-11-03")])
def test_register_numbers_with_the_year_and_month_before(numbers):
    # « 2022 03 n°01 - Title » (a communauté), « 2021-11-01 : TITLE » (shaped like a date)
    text = ("CONSEIL MUNICIPAL - SEANCE DU 23 NOVEMBRE 2021\nPrésents : BERTHO Yvonne, CORBEL Hervé, DAGORN Jérôme\n\n"
            + "".join(f"{n} : OBJET NUMERO {i}\nLe Conseil Municipal, à l'unanimité, approuve la proposition.\n\n"
                      for i, n in enumerate(numbers, 1)))
    assert [(d.fields.numero, d.fields.objet) for d in extract_text(text).deliberations] == \
        [(n, f"OBJET NUMERO {i}") for i, n in enumerate(numbers, 1)]
