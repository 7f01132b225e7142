"""Layouts of whole minutes that délib had never met: made-up minutes, each in the style of
a kind of collectivité (a commune of the Moselle numbering items under roman rubrics, an
Alsatian « procès-verbal des délibérations » with sub-items 1.1, 1.2, a communauté listing its
delegates by commune, registers whose title sits under the number…). Every name, place and
figure is invented. Each test names the layout it pins down.
"""
import pytest

from delib.extract.attendance import count_pairs, find_attendance
from delib.extract.dates import find_dates
from delib.extract.deliberation import session_date
from delib.extract.votes import find_vote
from delib.extract.document import extract_document
from delib.model import Document
from delib.segment import segment_document
from test_extract_attendance import by_status, proxies  # the same readers of a list


def extract_text(text: str):
    doc = Document(doc_id="layout", source_path="layout", file_name="layout", format="txt", text=text)
    return extract_document(doc, segment_document(doc))


def rows(text: str, *fields: str) -> list[tuple]:
    return [tuple(getattr(d.fields, f) for f in fields) for d in extract_text(text).deliberations]


# --- Items closed by a tally printed after the count of voters ---------------------------------

TALLY_AFTER_VOTERS = """PROCES-VERBAL DU CONSEIL MUNICIPAL
Séance du 14 février 2019
Nombre de membres en exercice : 11
Présents : Mmes et MM. ARNOULD, BECKER, COLIN, DIDIER, ETIENNE, FRANCOIS, GERARD, HUMBERT, ISSELE
Absents excusés : M. JACQUOT, Mme KLEIN
Point 1 – Tarifs de la salle polyvalente
Le Maire propose de maintenir les tarifs de 2018.
Votants : 9   Pour : 9   Contre : 0   Abstention : 0
Point 2 – Vente d'une parcelle communale
Le conseil vend la parcelle AB 112 au prix de 4 000 €.
Votants : 9   Pour : 7   Contre : 1   Abstention : 1
Point 3 – Réfection du clocher
Le Maire présente les devis reçus ; le sujet sera revu au printemps, aucune décision n'est prise.
"""


def test_a_tally_after_the_count_of_voters_closes_each_item():
    assert rows(TALLY_AFTER_VOTERS, "point", "objet", "votants", "pour", "contre", "abstentions") == [
        ("1", "Tarifs de la salle polyvalente", 9, 9, 0, 0),
        ("2", "Vente d'une parcelle communale", 9, 7, 1, 1),
    ]  # point 3 decides nothing


# --- Items numbered afresh under roman rubrics ----------------------------------------------

UNDER_ROMAN_RUBRICS = """VILLE DE BRAUNSTEIN
CONSEIL MUNICIPAL DU 3 JUIN 2011
Conseillers en exercice : 29 – Présents : 25 – Pouvoirs : 2 – Votants : 27
I - Approbation du procès-verbal de la séance du 8 avril 2011
Approuvé à l'unanimité.
II - Communications
1) Décisions prises par délégation du conseil
2) Rapport annuel du délégataire de l'eau
Le Conseil Municipal prend acte.
III - Urbanisme
1) Cession d'un terrain rue des Vosges
Adopté à l'unanimité.
2) Dénomination de la place du Marché
Adopté par 25 voix pour et 2 voix contre.
IV - Finances
1) Décision modificative n° 1
Adopté à l'unanimité.
2) Garantie d'emprunt à Moselle Habitat
Adopté par 26 voix pour et 1 abstention.
"""


def test_items_numbered_afresh_under_roman_rubrics():
    # the rubrics are no deliberations, nor are the communications; the approval of the
    # previous minutes is a formality
    assert rows(UNDER_ROMAN_RUBRICS, "point", "objet") == [
        ("1", "Cession d'un terrain rue des Vosges"),
        ("2", "Dénomination de la place du Marché"),
        ("1", "Décision modificative n° 1"),
        ("2", "Garantie d'emprunt à Moselle Habitat"),
    ]


DOTTED_UNDER_RUBRICS = """PROCES-VERBAL N° 3
DES DELIBERATIONS DU CONSEIL MUNICIPAL
EN DATE DU
22 MAI 2012
SOMMAIRE
I. Désignations
1.1 Syndicat des eaux de la Zorn : délégués
1.2 Syndicat de collecte des déchets : délégués
II. Finances
2.1 Compte administratif 2011
III. Divers
Sous la présidence de M. Marc ZIEGLER, Maire.
Présents : MM. Paul ADAM, Anne BAUER, Luc CLAUSS, Marie DIEBOLD, Eric ENGEL, Rose FRITSCH.
Absents excusés et non représentés : M. Jean GASS
Absents excusés ayant donné procuration : Mme Lise HAAS à M. le Maire
I. DESIGNATIONS
1.1 Syndicat des eaux de la Zorn : délégués
Sont élus à l'unanimité : MM. ADAM et CLAUSS.
1.2 Syndicat de collecte des déchets : délégués
Sont élus à l'unanimité : Mmes BAUER, DIEBOLD, M. ENGEL.
II. FINANCES
2.1 Compte administratif 2011
Adopté par 6 voix pour et 1 abstention.
III. DIVERS
Le Maire informe l'assemblée de la date de la fête communale.
"""


def test_dotted_sub_items_under_roman_rubrics_after_a_summary():
    result = extract_text(DOTTED_UNDER_RUBRICS)
    assert [(d.fields.point, d.fields.objet) for d in result.deliberations] == [
        ("1.1", "Syndicat des eaux de la Zorn : délégués"),
        ("1.2", "Syndicat de collecte des déchets : délégués"),
        ("2.1", "Compte administratif 2011"),
    ]
    first = result.deliberations[0].fields
    # the session's date under « … des délibérations du conseil municipal en date du »
    assert first.seance_date == "2012-05-22"
    # the chair sits though no list names him; the excused member without proxy is excused
    assert (first.presents, first.representes, first.excuses, first.votants) == (7, 1, 1, 8)


def test_sub_items_each_decided_are_deliberations_each():
    text = """COMPTE RENDU DU CONSEIL MUNICIPAL DU 9 MARS 2015
Présents : M. ALBERT, Mme BRUN, M. CARON, Mme DUVAL, M. EVRARD
1. Élection des délégués aux syndicats
1.1 Syndicat d'électrification
Est élu : M. CARON. Vote à l'unanimité.
1.2 Syndicat scolaire
Est élue : Mme DUVAL. Vote à l'unanimité.
2. Tarifs de la cantine
Adopté à l'unanimité.
"""
    assert rows(text, "point", "objet") == [
        ("1.1", "Syndicat d'électrification"), ("1.2", "Syndicat scolaire"), ("2", "Tarifs de la cantine")]


# --- A communauté lists its delegates by commune ---------------------------------------------

BY_COMMUNE = """COMMUNAUTE DE COMMUNES DU VAL DE RANCE
CONSEIL COMMUNAUTAIRE DU 4 OCTOBRE 2016
Sous la présidence de M. Hervé LE GALL, Président.
Étaient présents les délégués suivants :
PLOUASNE : M. Hervé LE GALL, Mme Anne TANGUY
GUITTÉ : M. Yann PERRIN, M. Loïc RIOU, Mme Claire SALAÜN
SAINT-JUVAT : Mme Odile JAFFRÈS
Pouvoirs : M. Marc ROPERS (Guitté) à M. RIOU
Excusés : Mme Julie CORRE (Plouasne)
Secrétaire de séance : Mme Odile JAFFRÈS

Zone artisanale des Landelles : tranche 2
Le maître d'œuvre présente l'avant-projet chiffré à 420 000 € HT.
Le Conseil donne son accord à l'unanimité.

Transport scolaire – convention avec la Région
La convention est reconduite pour trois ans.
Le Conseil approuve par 6 voix pour et 1 abstention.
"""


def test_delegates_listed_by_commune_are_present_and_no_title():
    result = extract_text(BY_COMMUNE)
    assert [d.fields.objet for d in result.deliberations] == [
        "Zone artisanale des Landelles : tranche 2", "Transport scolaire – convention avec la Région"]
    people = {p["person"]: p["status"] for p in find_attendance(BY_COMMUNE).people}
    assert [name for name, status in people.items() if status == "present"] == [
        "Hervé LE GALL", "Anne TANGUY", "Yann PERRIN", "Loïc RIOU", "Claire SALAÜN", "Odile JAFFRÈS"]
    assert result.deliberations[0].fields.presents == 6 and result.deliberations[0].fields.votants == 7


def test_information_without_a_vote_is_no_deliberation():
    text = """CONSEIL MUNICIPAL DU 12 JANVIER 2010
Présents : M. AUBERT, Mme BLANC, M. CHEVALIER
I. Délégations du Maire aux adjoints
Le conseil municipal prend acte des arrêtés de délégation (information, pas de vote).
II. Tarifs de l'eau 2010
Adopté à l'unanimité.
III. Travaux de la mairie
Adopté à l'unanimité.
"""
    assert rows(text, "objet") == [("Tarifs de l'eau 2010",), ("Travaux de la mairie",)]


def test_the_audience_is_not_the_members_present():
    assert "presents" not in dict(count_pairs("Auditeurs présents : 58"))
    assert dict(count_pairs("Membres présents : 17")) == {"presents": 17}
    att = find_attendance("Présents : M. AUBRY, Mme BOYER, M. CLERC\nAuditeurs présents : 58\n")
    assert att.counts["presents"] is None and len(att.people) == 3


# --- Registers whose title sits under the number ------------------------------------------

TITLE_UNDER_NUMBER = """CONSEIL COMMUNAUTAIRE DU
12 MARS 2024
Présents : 20 – Pouvoirs : 2 – Votants : 22
Secrétaire de séance : Mme Agnès ROLLAND

Délibération n° 2024-02-01
Mobilités – Adhésion au syndicat des transports
Le Conseil communautaire approuve l'adhésion.
Pour : 22 – Contre : 0 – Abstention : 0

Délibération n° 2024-02-02
Habitat – Programme local de l'habitat 2024-2029
Adopté à l'unanimité.
"""


def test_the_title_under_the_register_number_and_that_number_is_no_date():
    assert rows(TITLE_UNDER_NUMBER, "numero", "objet", "seance_date") == [
        ("2024-02-01", "Mobilités – Adhésion au syndicat des transports", "2024-03-12"),
        ("2024-02-02", "Habitat – Programme local de l'habitat 2024-2029", "2024-03-12"),
    ]
    assert not [m for m in find_dates("Délibération n° 2024-02-01") if m.value == "2024-02-01"]


# --- Inclusive endings in count and tally labels -----------------------------------------------

def test_inclusive_endings_in_labels():
    assert count_pairs("Nombre de membres présents : 13      Nombre de procuration(s) : 2") == [
        ("presents", 13), ("representes", 2)]
    assert count_pairs("Présent(e)(s) : 13 Excusé(e)s : 2") == [("presents", 13), ("excuses", 2)]
    vote = find_vote("Pour : 12    Contre : 1    Abstention(s) : 2\n")
    assert (vote.pour, vote.contre, vote.abstentions) == (12, 1, 2)


def test_the_register_number_after_the_title_and_a_lone_number_above_it():
    text = """PROCES-VERBAL DU CONSEIL MUNICIPAL
Séance du 7 décembre 2018
Présents : M. ALLARD, Mme BESSON, M. CHARPENTIER, Mme DELMAS, M. ESNAULT
Point n° 1 – Voirie : programme 2019 (délibération n° 51/2018)
Adopté à l'unanimité.
Point n° 2 – Cantine : tarifs 2019 (délibération n° 52/2018)
Adopté à l'unanimité.
"""
    assert rows(text, "numero", "objet") == [("51/2018", "Voirie : programme 2019"), ("52/2018", "Cantine : tarifs 2019")]
    extract = """EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS
SÉANCE DU 27 JUIN 2017
Nombre de conseillers en exercice : 19 - présents : 15 - votants : 17
N° 2017-33
BUDGET ANNEXE DE L'EAU : DÉCISION MODIFICATIVE N° 1
Le Conseil Municipal, après en avoir délibéré, APPROUVE la décision modificative.
Adopté à l'unanimité.
"""
    assert rows(extract, "numero", "objet") == [("2017-33", "BUDGET ANNEXE DE L'EAU : DÉCISION MODIFICATIVE N° 1")]


def test_an_item_told_for_information_is_no_deliberation():
    text = """CONSEIL MUNICIPAL DU 6 DÉCEMBRE 2018
Présents : M. AUGER, Mme BRETON, M. CORDIER, Mme DUPRÉ
1) Budget 2018 : décision modificative n° 2
Adoptée à l'unanimité.
2) Tarifs de la salle des fêtes
Adoptés à l'unanimité.
3) Travaux de la rue des Écoles
M. CORDIER présente l'avancement du chantier de réfection (pour information).
4) Cimetière : reprise de concessions
M. CORDIER présente l'avancement de la procédure.
Fin de la séance à 22h35.
"""
    # item 4, listed without an account of its vote, is a deliberation all the same
    assert rows(text, "point") == [("1",), ("2",), ("4",)]


def test_an_objet_whose_first_part_holds_a_dash_is_no_theme():
    from delib.extract.deliberation import find_objet
    assert find_objet("OBJET : Partenariat CAF – Relais Petite Enfance : convention 2017-2020\nVu le code")[0] == \
        "Partenariat CAF – Relais Petite Enfance : convention 2017-2020"
    assert find_objet("OBJET : Finances Communales : Plan de financement du gymnase.\nVu") == \
        ("Plan de financement du gymnase.", "Finances Communales")


# --- Attendance lists in columns and numbered ------------------------------------------------

def statuses(text: str) -> dict:
    out: dict = {}
    for p in find_attendance(text).people:
        out.setdefault(p["status"], []).append(p["person"])
    return out


def test_two_columns_of_names_each_with_its_commune():
    # (names printed family name first are written given name first, as the proxies' holders are)
    text = """Etaient présents :
ARNAUD Paul (Chédigny)               BLANCHET Anne (Reignac)
CORBIN Luc (Azay)                    DELORME Rose (Chédigny)
Absents excusés : FERRAND Marc (Reignac)
"""
    assert statuses(text) == {"present": ["Paul ARNAUD", "Anne BLANCHET", "Luc CORBIN", "Rose DELORME"],
                              "excuse": ["Marc FERRAND"]}


def test_numbered_lists_one_member_a_line_under_headers_naming_the_members():
    text = """Conseillers présents :
1. AUBERT Claire
2. BRAUN Michel
3. CLEMENT Sophie
Conseillers absents excusés :
4. DIETRICH Paul (procuration à BRAUN Michel)
5. ESCHBACH Anne
Conseiller absent non excusé :
6. FISCHER Marc
"""
    att = find_attendance(text)
    assert statuses(text) == {"present": ["Claire AUBERT", "Michel BRAUN", "Sophie CLEMENT"],
                              "represente": ["Paul DIETRICH"], "excuse": ["Anne ESCHBACH"], "absent": ["Marc FISCHER"]}
    assert [p["mandataire"] for p in att.people if p["status"] == "represente"] == ["Michel BRAUN"]


def test_an_arrival_before_the_vote_counts_once_and_a_budget_number_is_no_numero():
    text = """PROCES-VERBAL DU CONSEIL MUNICIPAL DU 11 DECEMBRE 2018
Nombre de conseillers : En exercice : 9 Présents : 6 Votants : 7 Absents : 2
Présents : Jacques GIRAUD, Maire, Anne HUBERT, Paul ISNARD, Rose JOUBERT, Marc KLEIN, Luc LAMY
Procurations : Julie MARTY (pouvoir à Anne HUBERT)
Absents : Éric NOEL, Sophie OLIVE
1) Motion de soutien à la Mission locale
Arrivée de Sophie OLIVE à 20h50, avant le vote.
La motion est adoptée par 6 voix pour et 2 abstentions.
2) Budget 2018 : décision modificative n° 3
Vote : unanimité
3) Tarifs de l'eau 2019
Vote : unanimité
"""
    assert rows(text, "point", "numero", "presents", "votants") == [
        ("1", None, 7, 8), ("2", None, 7, 8), ("3", None, 7, 8)]


def test_moves_told_with_an_adverb():
    from delib.lang.moves import attendance_changes
    assert attendance_changes("M. OSWALD quitte définitivement la séance à 22 h 15.\nMme ROTH rejoint ensuite la séance.") == [
        (0, "départ : M. OSWALD"), (53, "arrivée : Mme ROTH")]


def test_a_count_on_the_header_line_then_the_names():
    text = """Sont présents : 4
M. ARNOLD Paul, Mme BAUMANN Rose, M. CLAUSS Henri,
Mme DOLLE Anne.
Absents représentés : 1
M. ERHART Luc, ayant donné procuration à Mme BAUMANN Rose
Absents non représentés : 2
M. FRIESS Marc, Mme GROSS Lise.
"""
    att = find_attendance(text)
    assert statuses(text) == {"present": ["Paul ARNOLD", "Rose BAUMANN", "Henri CLAUSS", "Anne DOLLE"],
                              "represente": ["Luc ERHART"], "absent": ["Marc FRIESS", "Lise GROSS"]}
    assert (att.counts["presents"], att.counts["representes"], att.counts["absents"]) == (4, 1, 2)


def test_members_lead_ins_inside_the_list_of_presents():
    text = """ETAIENT PRESENTS :
Membres titulaires : Jean AMIEL, Rose BARDOU, Luc CAZALS,
Marie DAURAT
Membres suppléants remplaçant un membre titulaire : Paul ESTEBE (suppléant de Marc FABRE)
ETAIENT ABSENTS EXCUSES : Marc FABRE
Membres suppléants (présents sans voix délibérative) : Anne GALY
"""
    assert statuses(text) == {"present": ["Jean AMIEL", "Rose BARDOU", "Luc CAZALS", "Marie DAURAT", "Paul ESTEBE"],
                              "excuse": ["Marc FABRE"]}


def test_a_given_name_cut_off_by_the_line_break():
    text = """Étaient présents : M. HOAREAU Jean (Maire), M. IMHOFF Alix (1er Adjoint), M. JAVELOT
Rémy (2ème Adjoint), Mme KERBRAT Sylvie, M. LAMOUR Eric.
Étaient absents : M. MAILLOT Paul.
"""
    assert statuses(text)["present"] == ["Jean HOAREAU", "Alix IMHOFF", "Rémy JAVELOT", "Sylvie KERBRAT", "Eric LAMOUR"]


def test_proxies_written_name_colon_pouvoir_over_line_breaks():
    text = """Représentés :

Mme Michèle GAUTIER : pouvoir à M. ROUX ; M. Alain CRESPY : pouvoir à M. SABY ;
Mme Rose AZAM : pouvoir à Mme PAGÈS ; M. Xavier MONNIER :
pouvoir à M. GRAS

Absents :

M. Thierry POUGET
"""
    att = find_attendance(text)
    held = {p["person"]: p["mandataire"] for p in att.people if p["status"] == "represente"}
    assert held == {"Michèle GAUTIER": "ROUX", "Alain CRESPY": "SABY", "Rose AZAM": "PAGÈS", "Xavier MONNIER": "GRAS"}
    assert statuses(text)["absent"] == ["Thierry POUGET"]


def test_a_given_name_cut_off_before_a_dash():
    text = """PRÉSENTS ARNAUD Claire - BAZIN Joël - CAILLOU Marc - HAMEL
Odile - HÉBERT Jérôme - JAMET Martine
ABSENTS EXCUSÉS : GOSSE Rémi
"""
    assert statuses(text)["present"] == ["Claire ARNAUD", "Joël BAZIN", "Marc CAILLOU", "Odile HAMEL", "Jérôme HÉBERT",
                                         "Martine JAMET"]


def test_moves_in_brackets_over_line_breaks_in_a_dashed_list():
    text = """PRÉSENTS
AUBRIL Anne - BASLEY Gérard - ENGUEHARD Sylvie (départ 19h12) - FLEURY Jean-Luc - GOSSELIN
Martine - HUE Bernard (mandataire MESNIL Claire jusqu'à son
arrivée 18h05) - JOURDAN Alice - MESNIL Claire
ABSENT
LECOQ Rémi
"""
    # represented at the opening by the holder of the proxy « jusqu'à son arrivée » (as the gold of
    # minutes in this layout reads it)
    assert statuses(text) == {"present": ["Anne AUBRIL", "Gérard BASLEY", "Sylvie ENGUEHARD", "Jean-Luc FLEURY",
                                          "Martine GOSSELIN", "Alice JOURDAN", "Claire MESNIL"],
                              "represente": ["Bernard HUE"], "absent": ["Rémi LECOQ"]}


def test_starred_names_the_maire_by_title_and_a_session_presided_by():
    text = """COMPTE-RENDU DE LA REUNION DU CONSEIL MUNICIPAL DU 22 JUIN 2015
Séance présidée par M. Jean-Pierre BERTRAND, Maire.
Présents : M. le Maire* M. DUCREY* Mme RAVEL* M. GAVEN* Mme PERRIN*
Avaient donné procuration : Mme ESPINE à Mme Ravel* Mme MONIN à M. le Maire*
Absents ou excusés : Mme PARIS* M. BOSSET*
I- Tarifs de la cantine
Adopté à l'unanimité.
II- Travaux de voirie
Adopté à l'unanimité.
"""
    first = extract_text(text).deliberations[0]
    people = {p["person"]: (p["status"], p["mandataire"]) for p in first.attendance}
    assert people["Jean-Pierre BERTRAND"] == ("present", None)
    assert people["MONIN"] == ("represente", "Jean-Pierre BERTRAND") and people["ESPINE"] == ("represente", "Ravel")
    assert people["PARIS"][0] == people["BOSSET"][0] == "excuse"
    assert (first.fields.presents, first.fields.representes, first.fields.votants) == (5, 2, 7)


def test_etaient_representes_par_with_holders_over_line_breaks():
    text = """Etaient présents :
Mmes et MM. Antoine ALFONSI, Marie BARTOLI, Paule GIUDICELLI, Laurent MARIANI, conseillers
communautaires ;
Etaient représentés : M. Charles ANTONI par M. Laurent MARIANI ; Mme Lucie COLOMBANI par
Mme Paule GIUDICELLI.
Etaient absents : Mmes et MM. Pascal BIANCHI, Jean CESARINI.
"""
    att = find_attendance(text)
    held = {p["person"]: p["mandataire"] for p in att.people if p["status"] == "represente"}
    assert held == {"Charles ANTONI": "Laurent MARIANI", "Lucie COLOMBANI": "Paule GIUDICELLI"}
    assert len(statuses(text)["present"]) == 4


def test_delegates_under_the_name_of_their_commune_one_a_line():
    text = """Etaient présents :
AULNAY SUR OURCQ
M. DORIN Michel
BRECY LES PRES
M. PASCAL Luc (suppléant de
M. FAURE Jean-Marc)
CHAMPS LE SEC
Mme VERNET Colette
M. LAMBERT Pierre
Formant la majorité des membres en exercice.
Délégués représentés par pouvoir :
M. BOUGAUD Denis à M. LAMBERT Pierre
Délégués absents excusés :
M. FROMENT Claude de CHAMPS LE SEC
"""
    att = find_attendance(text)
    assert statuses(text) == {"present": ["Michel DORIN", "Luc PASCAL", "Colette VERNET", "Pierre LAMBERT"],
                              "represente": ["Denis BOUGAUD"], "excuse": ["Claude FROMENT"]}
    assert [p["mandataire"] for p in att.people if p["status"] == "represente"] == ["Pierre LAMBERT"]


# --- Battery 5's development half (session 5): items numbered « 1. – », rapporteurs in a column, ---
# --- run-in titles, numbers alone over their title, sub-items « 6-1 » -----------------------------

RAPPORTEUR_COLUMN = """PROCES-VERBAL DU CONSEIL MUNICIPAL DU 6 DECEMBRE 2018
Présents : M. AERTS, Mme BAERT, M. CLAEYS, Mme DECLERCQ, M. EVERAERT
Le procès-verbal de la réunion du 8 novembre 2018 est adopté à l'unanimité.
ADMINISTRATION GENERALE
1. – Compte rendu des décisions prises par le Maire M. le Maire
Le Conseil prend connaissance des décisions n° 12 à 15. Ce point ne donne pas lieu à vote.
2. – Election d'un délégué titulaire au syndicat intercommunal M. le Maire
d'assainissement de la Becque
Résultat du scrutin : votants 5 – blancs 1 – suffrages exprimés 4.
M. CLAEYS, ayant obtenu 4 voix, est désigné délégué titulaire.
3. – Garantie d'emprunt accordée à
M. EVERAERT
la SA d'HLM des Monts de Flandre
Adopté par 4 voix pour et 1 voix contre.
"""


def test_items_numbered_with_a_dash_after_the_full_stop_and_the_rapporteur_in_a_column():
    assert rows(RAPPORTEUR_COLUMN, "point", "objet") == [
        ("2", "Election d'un délégué titulaire au syndicat intercommunal d'assainissement de la Becque"),
        ("3", "Garantie d'emprunt accordée à la SA d'HLM des Monts de Flandre"),
    ]  # item 1 is information; the approval of the minutes a formality


PROCEDURAL_ITEMS_AND_SUB_ITEMS = """COMPTE RENDU DU CONSEIL MUNICIPAL DU 11 AVRIL 2019
Étaient présents : M. DELVAUX, Mme ESCAUT, M. FLAMENT, Mme GODIN, M. HOUDART
1) – Appel des membres
2) – Election du secrétaire de séance
Mme ESCAUT est élue à l'unanimité.
3)- Décisions municipales
Les décisions n°2019-010 à 2019-014 sont communiquées. Elles n'appellent pas de vote.
4) – FINANCES
4-1 Budget primitif 2019
Le budget primitif est adopté par 4 voix pour et 1 voix contre.
4-2 Taux d'imposition 2019
Adopté à l'unanimité.
5) – PERSONNEL
5-1 Création d'un poste d'adjoint d'animation
Adopté à l'unanimité.
"""


def test_roll_call_and_secretary_are_formalities_and_numbered_rubrics_hold_their_sub_items():
    assert rows(PROCEDURAL_ITEMS_AND_SUB_ITEMS, "point", "objet") == [
        ("4-1", "Budget primitif 2019"),
        ("4-2", "Taux d'imposition 2019"),
        ("5-1", "Création d'un poste d'adjoint d'animation"),  # alone under its rubric
    ]


RUN_IN_TITLES = """Commune de Saint-Aubin-des-Haies
L'an deux mille vingt-deux, le neuf juin, le Conseil Municipal s'est réuni sous la présidence de M. LEROUX.
Etaient présents : MM. LEROUX, MARTEL, NOURRY, Mmes OLIVIER, PAYEN.
Nombre de conseillers en exercice : 7

Nombre de conseillers votants : 5

Secrétaire de séance : M. MARTEL

Fleurissement : Après en avoir délibéré, le Conseil Municipal décide d'attribuer 300 € au comité des fêtes
pour le fleurissement du bourg.

Voirie communale : Trois devis ont été reçus. Le conseil municipal retient l'entreprise Renaud pour
9 100 € HT, par 4 voix pour et 1 voix contre.
"""


def test_titles_run_into_the_paragraph_they_open():
    assert rows(RUN_IN_TITLES, "objet", "pour", "contre") == [
        ("Fleurissement", None, None), ("Voirie communale", 4, 1)]


NUMBER_ALONE_AND_LATE_ARRIVAL = """REUNION DU CONSEIL MUNICIPAL
DU 15 MAI 2020
Le quinze mai deux mil vingt, s'est réuni le Conseil Municipal, sous la présidence de Monsieur Marc VASSEUR, Maire,
Etaient Présents : Mesdames et Messieurs
Marc VASSEUR, Paul WARIN, Anne YVART, Sophie ZIMMER, Luc BACQUET,
Hugo CARON (arrivé à 19 h 40)
Absent(s/es) excusé(s/es) : Claire DUBOIS, Hugo CARON (arrivé à 19 h 40)
Absent(s/es) représenté(s/es) :
Claire DUBOIS donne pouvoir à Anne YVART
Secrétaire de séance : Madame Sophie ZIMMER, désignée à l'unanimité des membres
présents.
Secrétaire auxiliaire :
Madame Julie FONTAINE
N° 2020/21
TARIFS DE LA CANTINE SCOLAIRE
Le Conseil Municipal, après en avoir délibéré, fixe le prix du repas à 3,10 €.
Votants : 6
Pour : 6
Arrivée de Monsieur Hugo CARON.
N° 2020/22
ADHESION AU SERVICE COMMUN D'INSTRUCTION DES AUTORISATIONS D'URBANISME
Le Conseil Municipal, à l'unanimité, approuve l'adhésion.
"""


def test_a_register_number_alone_over_its_title_and_a_member_come_late():
    assert rows(NUMBER_ALONE_AND_LATE_ARRIVAL, "numero", "objet", "presents", "representes", "excuses", "votants") == [
        ("2020/21", "TARIFS DE LA CANTINE SCOLAIRE", 5, 1, 1, 6),
        # the member who came was excusé at the opening: no longer once he sits
        ("2020/22", "ADHESION AU SERVICE COMMUN D'INSTRUCTION DES AUTORISATIONS D'URBANISME", 6, 1, 0, 7),
    ]
    att = find_attendance(NUMBER_ALONE_AND_LATE_ARRIVAL)
    status = {p["person"]: p["status"] for p in att.people}
    assert status["Hugo CARON"] == "excuse" and status["Claire DUBOIS"] == "represente"
    assert "Julie FONTAINE" not in status  # the secretary's assistant is no member


ACT_NUMBER_AFTER_OBJET = """Extrait du Registre des Délibérations du Conseil Municipal de BREUVILLE
Séance du 20 octobre 2022
Présents : M COLIN Jean, Mme DAVID Anne, M ETIENNE Paul
Objet : Avenant à la convention d'aménagement du bourg N° interne de l'acte : 2022-41
Après en avoir délibéré, le Conseil Municipal, à l'unanimité, approuve l'avenant.
"""


def test_the_acts_number_printed_after_its_objet():
    assert rows(ACT_NUMBER_AFTER_OBJET, "numero", "objet") == [
        ("2022-41", "Avenant à la convention d'aménagement du bourg")]


def test_members_listed_by_office_beside_lists_of_status():
    text = """Maire : P. LAURENT

Conseillers Municipaux : A. MOREAU, B. NICOLAS, C. OGER, D. PERRIN

Procurations : E. QUERE à A. MOREAU, F. RENARD à P. LAURENT

Absents : G. SALMON H. TESSIER
"""
    assert statuses(text) == {"present": ["P. LAURENT", "A. MOREAU", "B. NICOLAS", "C. OGER", "D. PERRIN"],
                              "represente": ["E. QUERE", "F. RENARD"], "absent": ["G. SALMON", "H. TESSIER"]}
    assert find_attendance("Le Maire : P. LAURENT\n") is None  # an office alone is no attendance


def test_offices_between_names_proxies_told_after_an_office_and_holders_set_apart():
    text = """Etaient présents en tant que titulaires :
GIRARD Paul, 1er vice-président, HENRY Marc, 2ème vice-président,
3ème vice-présidente, JOLY Anne, KLEIN Luc.
Excusés : LAMBERT Yves, Président, qui a donné pouvoir à GIRARD Paul, MASSON Eric,
NOEL Rose, (donne procuration à JOLY Anne),
Titulaires présents avec vote : PERROT Louis, Certifiée exécutoire le 24/09/2021
Suppléants présents sans vote : ROUX Claire, SIMON Hervé
Absents excusés avec remise de pouvoir :
Mme Alice TANGUY donne pouvoir à M. Luc KLEIN pour les points 1 et 2
"""
    att = find_attendance(text)
    found = statuses(text)
    assert found["present"] == ["Paul GIRARD", "Marc HENRY", "Anne JOLY", "Luc KLEIN", "Louis PERROT"]
    assert found["excuse"] == ["Eric MASSON"]  # the suppléants without a vote are no member's status
    held = {p["person"]: p["mandataire"] for p in att.people if p["status"] == "represente"}
    assert held == {"Yves LAMBERT": "Paul GIRARD", "Rose NOEL": "Anne JOLY", "Alice TANGUY": "Luc KLEIN"}


# A register extract printed in two columns, read line by line: the count box and the opening
# sentence side by side, then one deliberation.
TWO_COLUMN_EXTRACT = """EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL COMMUNAUTAIRE
DU JEUDI 16 SEPTEMBRE 2021
Délibération n° 2021-054
Membres titulaires 30 Le seize septembre deux mille vingt et un à dix-huit heures,
Titulaires Présents 25 le conseil communautaire s'est tenu à la salle des fêtes de
Suppléants avec vote 1 Chamberet, après convocation envoyée par son Président,
Pouvoirs 2 Monsieur DUBOIS Henri.
Nombre de votants 28
OBJET : Office de tourisme – subvention 2021
Le Président propose de verser 42 000 € à l'office de tourisme intercommunal.
Mme LEBON Claire, présidente de l'office, ne prend pas part au vote.
Après en avoir délibéré, le conseil communautaire APPROUVE le versement de la subvention.
Vote : Pour : 27 – Contre : 0 – Abstention : 0
"""


def test_a_two_column_extract_is_one_deliberation():
    assert rows(TWO_COLUMN_EXTRACT, "numero", "objet", "pour", "ne_prend_pas_part") == [
        ("2021-054", "Office de tourisme – subvention 2021", 27, 1)]


def test_a_column_of_count_labels_then_their_figures():
    text = """Nombre de membres
En exercice
Présents
Votants
Excusé avec procuration
Excusées sans procuration
 : 19
 : 15
 : 16
 1
 3 jusqu'à 20 heures 30 puis 2
Présents : M. ALBERT, Mme BRUN, M. CARRE
"""
    assert {k: v for k, v in find_attendance(text).counts.items() if v is not None} == {
        "en_exercice": 19, "presents": 15, "votants": 16, "representes": 1, "excuses": 3}


def test_nobody_left_excused_or_absent_when_the_counts_make_up_the_members_in_office():
    text = """Séance du 3 mars 2022
Conseillers en exercice : 15 – Présents : 13 – Pouvoirs : 2 – Votants : 15
1. Tarifs de la cantine
Adopté à l'unanimité.
2. Vente d'une parcelle
Le Conseil, par 9 voix pour et 6 voix contre, approuve la vente.
"""
    assert rows(text, "presents", "representes", "excuses", "absents") == [(13, 2, 0, 0), (13, 2, 0, 0)]
    uncounted = text.replace("Pouvoirs : 2 – Votants : 15", "Votants : 13").replace("6 voix contre", "4 voix contre")
    assert rows(uncounted, "excuses", "absents") == [(None, None), (None, None)]  # two unaccounted for


def test_proxies_one_after_another_without_separators_in_both_name_orders():
    given_first = """Étaient présents : Paul ROCHE, Marc LEMAIRE, Lucie FAURE, Jean TISSOT
Étaient excusés : Anne DUVAL ayant donné pouvoir à Marc LEMAIRE Pierre BLANC ayant donné pouvoir à Lucie
FAURE Rose MARTY ayant donné pouvoir à Jean TISSOT
"""
    surname_first = """Présents : ROCHE Paul - LEMAIRE Marc - FAURE Lucie
Absents : DUVAL Anne donne procuration à LEMAIRE Marc BLANC Pierre donne
procuration à FAURE Lucie
"""
    assert proxies(find_attendance(given_first)) == {
        "Anne DUVAL": "Marc LEMAIRE", "Pierre BLANC": "Lucie FAURE", "Rose MARTY": "Jean TISSOT"}
    assert proxies(find_attendance(surname_first)) == {"Anne DUVAL": "Marc LEMAIRE", "Pierre BLANC": "Lucie FAURE"}


def test_headers_of_proxies_in_brackets_or_with_avaient_and_a_holder_after_the_offices():
    text = """En exercice : 9
Présents : 6
en session ordinaire,
Pouvoirs : 2
sous la Présidence de M. Henri VIDAL, Président,
Présents :
- M. Henri VIDAL, Président
- Mme Anne ROUX, Vice-Présidente
- M. Paul SOREL
- M. Jean TARDY
- Mme Eva URBAIN
- M. Marc VALLET
Etaient absents et avaient donné pouvoir :
- M. Louis WEBER, délégué de la CC du Marais, Maire de Sainte-Anne, à M. Paul SOREL
Absents (ayant donné pouvoir) : Mme Nina YVON à M. TARDY
Etaient absents : M. Léo ZELLER
"""
    att = find_attendance(text)
    assert proxies(att) == {"Louis WEBER": "Paul SOREL", "Nina YVON": "TARDY"}
    assert by_status(att)["absent"] == ["Léo ZELLER"] and len(by_status(att)["present"]) == 6


RECUEIL_OF_TWO_SESSIONS = """COMMUNE DE SAINT-OUEN-LES-PRES
RECUEIL DES DELIBERATIONS – 2ème semestre 2021

Séance du 16 septembre 2021
Etaient présents : MM. ADAM, BAZIN, CORNU, Mmes DUVAL, ETIENNE
Délibération n° 2021-031 – Subvention au comité des fêtes
Après en avoir délibéré, le Conseil Municipal décide à l'unanimité d'attribuer 500 €.

Délibération n° 2021-032 – Tarifs de la salle communale
Vote : unanimité.

Séance du 21 octobre 2021
Etaient présents : MM. ADAM, BAZIN, CORNU, Mme DUVAL
Délibération n° 2021-036 – Indemnité du comptable public
Après en avoir délibéré, par 3 voix contre et 1 pour, le Conseil Municipal désapprouve l'indemnité.
"""


def test_each_deliberation_of_a_recueil_under_the_session_printed_above_it():
    assert rows(RECUEIL_OF_TWO_SESSIONS, "numero", "seance_date") == [
        ("2021-031", "2021-09-16"), ("2021-032", "2021-09-16"), ("2021-036", "2021-10-21")]


def test_the_number_of_an_extract_printed_under_a_long_list_of_members():
    members = "\n".join(f"- M. Jean MEMBRE{chr(65 + i)}, délégué de la CC du Marais, Maire de Commune-{i}" for i in range(22))
    text = f"""EXTRAIT DU REGISTRE DES DELIBERATIONS DU COMITE SYNDICAL
Séance du 7 avril 2022
Présents :
{members}
Délibération n° CS-2022-011
Objet : Participation des membres pour 2022
Le Président rappelle la répartition des participations.
Le Comité syndical, après en avoir délibéré, à l'unanimité, fixe les participations.
"""
    assert rows(text, "numero", "objet") == [("CS-2022-011", "Participation des membres pour 2022")]
    assert rows(PROCEDURAL_ITEMS_AND_SUB_ITEMS, "numero")[0] == (None,)  # « 4-1 » numbers the agenda


def test_absentees_who_gave_a_proxy_named_by_family_name_only_and_the_agenda_after_the_lists():
    text = """L'an deux mille dix-neuf, le 14 mars, le Conseil Municipal s'est réuni sous la présidence de Mme. Claire ROBIN, Maire.
Étaient présents :
Madame Claire ROBIN – Monsieur Paul SIMON – Madame Anne TESSIER – Monsieur Luc URBAIN
Étaient absents :
Monsieur Marc VIDAL – Madame Eva WEBER – Monsieur Hugo XAVIER
-Monsieur VIDAL procuration à Monsieur SIMON
-Madame WEBER procuration à Madame la Maire
1) – Appel des membres
2) – Subvention au club de football
Adopté à l'unanimité.
"""
    att = find_attendance(text)
    assert by_status(att) == {"present": ["Claire ROBIN", "Paul SIMON", "Anne TESSIER", "Luc URBAIN"],
                              "absent": ["Hugo XAVIER"], "represente": ["VIDAL", "WEBER"]}
    assert rows(text, "president", "presents", "representes", "absents", "votants") == [("Claire ROBIN", 4, 2, 1, 6)]


REGISTER_NUMBER_THEN_OBJET = """Séance du 15 novembre 2017
Présents : M. ARNAUD, Mme BLANC, M. CHEVALIER
2017-100 OBJET : BUDGET PRINCIPAL – DÉCISION MODIFICATIVE N° 2
Le Conseil municipal, par 2 voix pour et 1 abstention, ADOPTE la décision modificative n° 2.
2017-101 OBJET : DÉNOMINATION DU GYMNASE DES CÈDRES
Le Conseil municipal, à l'unanimité, APPROUVE la dénomination.
"""

ORDINAL_DELIBERATIONS_AND_BORDEREAUX = """Séance du 11 juin 2020
Présents : M. ARNAUD, Mme BLANC, M. CHEVALIER
1 ère DELIBERATION : Délégations consenties au Maire.
Vote : 3 pour.
2 ème DELIBERATION : Indemnités de fonction du Maire.
Adopté à 2 voix pour et 1 abstention.
"""

BORDEREAUX = """Séance du Conseil Communautaire du 11 avril 2014
Présents : M. ARNAUD, Mme BLANC, M. CHEVALIER
BORDEREAU N° 1 – ELECTION DU PRESIDENT
M. ARNAUD, ayant obtenu la majorité absolue, est proclamé Président.
BORDEREAU N° 2 – FIXATION DU NOMBRE DE VICE-PRESIDENTS
Le Conseil Communautaire, après en avoir délibéré, FIXE à deux le nombre de vice-présidents.
Adopté à l'unanimité.
"""


def test_register_numbers_before_objet_ordinal_deliberations_and_bordereaux():
    assert rows(REGISTER_NUMBER_THEN_OBJET, "numero", "objet") == [
        ("2017-100", "BUDGET PRINCIPAL – DÉCISION MODIFICATIVE N° 2"), ("2017-101", "DÉNOMINATION DU GYMNASE DES CÈDRES")]
    assert rows(ORDINAL_DELIBERATIONS_AND_BORDEREAUX, "point", "objet") == [
        ("1", "Délégations consenties au Maire"), ("2", "Indemnités de fonction du Maire")]
    assert rows(BORDEREAUX, "point", "objet") == [
        ("1", "ELECTION DU PRESIDENT"), ("2", "FIXATION DU NOMBRE DE VICE-PRESIDENTS")]


UNNUMBERED_WITH_RAPPORTEURS = """Compte rendu du Conseil Municipal du jeudi 6 octobre 2016
Présents : Alain FABRE, Yves BOUDET, Serge CALMET, Anne GRANIER.
Pouvoirs : Chantal SALLES à Yves BOUDET
Secrétaire de séance : Anne GRANIER

Approbation du compte rendu de la réunion du 26 mai 2016
Le Conseil Municipal a approuvé à l'unanimité le compte rendu de la séance du 26 mai 2016.

Approbation du règlement du cimetière communal
Rapporteur : Serge Calmet
Le Conseil Municipal, après en avoir délibéré, a approuvé le règlement à l'unanimité.

Tarifs des concessions du cimetière
Rapporteur : Serge Calmet
Le Conseil Municipal a adopté ces tarifs par 4 voix pour et 1 abstention.
"""


def test_a_rapporteur_line_under_each_title_and_the_proxies_line_are_no_titles():
    assert rows(UNNUMBERED_WITH_RAPPORTEURS, "objet") == [
        ("Approbation du règlement du cimetière communal",), ("Tarifs des concessions du cimetière",)]


def test_an_extracts_number_and_title_on_one_line():
    text = """EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL
Réunion du Conseil Municipal du 14 octobre 2021
Présents : MM. ARNAUD Jean, BLANC Paul, Mme CHEVALIER Anne
2021-071-02 – RESTAURANT SCOLAIRE – REVALORISATION DES TARIFS
Le Conseil Municipal, après en avoir délibéré, DÉCIDE de fixer à 3,58 € le prix du repas.
Adopté à l'unanimité.
"""
    assert rows(text, "numero", "objet") == [("2021-071-02", "RESTAURANT SCOLAIRE – REVALORISATION DES TARIFS")]


def test_a_count_then_its_names_a_header_with_a_comma_and_proxies_told_de_x_a_y():
    text = """  • Nombre de conseillers en exercice : 9
  • Nombre de conseillers présents : 5 : BARRAL Lucien, COSTE Marie, DAUMAS Hervé,
    FABRE Noël, GIRAUD Cyril ;
  • Excusés : BLANC Agnès, CASTEL Rémi et PELLEGRIN Olivia ;
  • Procurations : de BLANC Agnès à COSTE Marie, de CASTEL Rémi à GIRAUD Cyril, et de PELLEGRIN Olivia
    à FABRE Noël ;
"""
    att = find_attendance(text)
    assert by_status(att)["present"] == ["Lucien BARRAL", "Marie COSTE", "Hervé DAUMAS", "Noël FABRE", "Cyril GIRAUD"]
    assert proxies(att) == {"Agnès BLANC": "Marie COSTE", "Rémi CASTEL": "Cyril GIRAUD", "Olivia PELLEGRIN": "Noël FABRE"}
    assert att.counts["presents"] == 5
    opening = """ÉTAIENT PRÉSENTS, à l'ouverture de la séance :
M. ARNAUD Paul, Mme BRUN Léa, M. CARON Luc,
ÉTAIENT ABSENTS REPRÉSENTÉS, à l'ouverture de la séance :
Mme DUVAL Anne ayant donné pouvoir à M. ARNAUD Paul
ÉTAIENT ABSENTS NON REPRÉSENTÉS :
M. EVRARD Jean
"""
    att = find_attendance(opening)
    assert by_status(att) == {"present": ["Paul ARNAUD", "Léa BRUN", "Luc CARON"], "represente": ["Anne DUVAL"],
                              "absent": ["Jean EVRARD"]}



def test_delegates_several_communes_to_a_line_under_the_labels_of_their_sectors():
    text = """Délégués présents ou représentés (le mandataire est indiqué pour ceux ayant donné pouvoir) :

Secteur Est :
ALBON : Jean DURAND – BEAUVAL-SUR-ORGE : Marie LEROY (pouvoir à Jean DURAND) – CERNY :
Paul MARTIN – LA GRANGE : Sophie BLANC

Secteur Ouest :
DAMPIERRE : Luc PETIT
Délégués excusés :
ESTRÉES : Anne ROUX – FONTAINE-LE-BAS : Yves NOËL
"""
    att = find_attendance(text)
    assert by_status(att) == {"present": ["Jean DURAND", "Paul MARTIN", "Sophie BLANC", "Luc PETIT"],
                              "represente": ["Marie LEROY"], "excuse": ["Anne ROUX", "Yves NOËL"]}
    assert proxies(att) == {"Marie LEROY": "Jean DURAND"}


def test_a_count_of_elus_over_the_names_and_delegates_told_with_their_mandate():
    text = """Nombre de membres en exercice : 9
Présents à l'appel nominal : 3 élus.
Lucie MONDON – Albert JORAND – Paule CAZAL.
Absents représentés : 1 élu
Marc HILAIRE (procuration à Albert JORAND).
"""
    att = find_attendance(text)
    assert by_status(att) == {"present": ["Lucie MONDON", "Albert JORAND", "Paule CAZAL"], "represente": ["Marc HILAIRE"]}
    delegates = """ÉTAIENT PRÉSENTS
M. Laurent BOUVIER, délégué titulaire, commune d'Aubeterre-le-Haut
Mme Sandra LEFEUVRE, déléguée suppléante, commune de Bréau-la-Vallée
ÉTAIENT ABSENTS
M. Kévin MORAND, délégué titulaire, commune de Vernou-en-Brie
"""
    att = find_attendance(delegates)
    assert by_status(att) == {"present": ["Laurent BOUVIER", "Sandra LEFEUVRE"], "absent": ["Kévin MORAND"]}


def test_the_session_of_a_legal_formula_with_its_weekday_of_a_comite_and_not_of_its_convocation():
    legal = """PROCES-VERBAL DE LA SEANCE
L'an deux mille dix-huit, le mardi 11 décembre à 17h30, s'est réuni le Conseil Municipal de la Ville.
1 - Tarifs du marché couvert
Le conseil adopte les tarifs à l'unanimité.
"""
    assert rows(legal, "seance_date") == [("2018-12-11",)]
    comite = """COMPTE RENDU DE REUNION
Comité Directeur du 18 septembre 2024
Le Comité Directeur a été convoqué en séance ordinaire le 9 septembre 2024 et publication en a été faite.
Point 1 – Délibération n° 2024-041 : Décision modificative n° 2
Le Comité adopte la décision modificative à l'unanimité.
"""
    assert rows(comite, "seance_date") == [("2024-09-18",)]


def test_headers_run_into_one_paragraph_and_the_later_list_tells_absent_from_excused():
    text = """OUVERTURE DE SÉANCE : 18h40 PRÉSENTS : 3 MM. Jean-Paul ALBRAN - Gérard SIMON - Mme Nadia BOUZIANE.
ABSENTS OU EXCUSÉS : 3 Mme Ginette COUDRAY - M. René BARTAS - M. Sébastien DURIEUX. DONT ABSENTS AVEC
POUVOIR : 1 Mme Ginette COUDRAY (pouvoir Gérard SIMON). DONT ABSENTS SANS POUVOIR : 2 M. René BARTAS -
M. Sébastien DURIEUX. VÉRIFICATION DU QUORUM : Quorum atteint.
"""
    att = find_attendance(text)
    assert by_status(att) == {"present": ["Jean-Paul ALBRAN", "Gérard SIMON", "Nadia BOUZIANE"],
                              "represente": ["Ginette COUDRAY"], "absent": ["René BARTAS", "Sébastien DURIEUX"]}
    assert proxies(att) == {"Ginette COUDRAY": "Gérard SIMON"}
    assert att.counts["presents"] == 3


def test_tallies_with_a_dash_between_counts_and_a_syndicats_approbation_and_opposition():
    assert (find_vote("VOTE : 21 POUR - 6 CONTRE (groupe « Agir »)").pour, find_vote("VOTE : 21 POUR - 6 CONTRE").contre) == (21, 6)
    block = find_vote("Nombre de votants : 27\nAbstention : 1\nOpposition : 2\nApprobation : 24\n")
    assert (block.pour, block.contre, block.abstentions) == (24, 2, 1)


def test_arrivals_after_an_hour_and_what_the_line_says_of_the_member():
    text = """Séance du 19 mars 2024
Membres en exercice : 6
Présents : M. Gérard POUPIN, Mme Martine ROCHER, M. Alain CHAUVIN, M. Denis GIRARD
Absents : M. Xavier TOURNAY, M. Julien PROUX
1 – Budget supplémentaire 2024
Adopté à l'unanimité.
A 14h35, arrivée de M. Xavier TOURNAY, délégué de BEAUMONT-LA-FORÊT, avant l'examen du point 2.
2 – Tarifs des bornes de recharge
Adopté à l'unanimité.
15h20 : départ de Mme Martine ROCHER qui donne pouvoir à M. Alain CHAUVIN.
3 – Programme d'éclairage public
Adopté à l'unanimité.
"""
    assert rows(text, "presents", "representes", "absents", "votants") == [(4, 0, 2, 4), (5, 0, 1, 5), (4, 1, 1, 5)]


def test_a_register_number_of_year_number_and_day_and_the_text_run_on_after_the_title():
    text = """Séance du Conseil Municipal du 14 septembre 2020
Présents : Gilbert FOURNIER, Nadège ACHER, Rémi BONNET
2020 – 031 – 14.09 – Désignation des délégués au comité syndical du SIAEP Sioule-Morge Le conseil municipal désigne Monsieur Rémi BONNET délégué titulaire.
Après délibération, à l'unanimité, le délégué est désigné.
2020 – 032 – 14.09 – Admission en non-valeur de créances irrécouvrables Sur proposition du comptable public, le conseil admet en non-valeur 318,72 €.
Après délibération, à l'unanimité.
"""
    assert rows(text, "numero", "objet") == [
        ("2020 – 031 – 14.09", "Désignation des délégués au comité syndical du SIAEP Sioule-Morge"),
        ("2020 – 032 – 14.09", "Admission en non-valeur de créances irrécouvrables")]


def test_the_members_present_are_counted_off_their_list_when_the_proxies_are_told_in_prose():
    text = """PROCES VERBAL de la séance du CONSEIL MUNICIPAL du 14 juin 2018
Etaient présents : Mmes Sylvie AUBERT, Andrée CAPDEVIELLE, MM. Claude BORDES, Christian CHELLE,
formant la majorité des membres en exercice
Excusés ou absents : Mme Paulette BERGES M. Denis CAZALS
L'appel des conseillers ayant été fait, M. le Maire fait connaître à l'Assemblée les procurations
reçues : M. Denis CAZALS à M. Claude BORDES.
Question n°1 Objet : Décision modificative n° 1 – budget principal
Adopté à l'unanimité.
"""
    assert rows(text, "presents") == [(4,)]


def test_bullets_two_to_a_line_a_long_lead_in_absents_et_excuses_and_a_qualite_closing_a_line():
    bullets = """Etaient présents Mesdames et Messieurs les Conseillers Municipaux :

  • COUDRET Hervé, - BRISSON Odile,
  • LECLERC Dominique, - FAUVET Martine
  • DELAGE Agnès - PICHON Loïc

ABSENTS : Messieurs CHAUVET, MARCHAND.
"""
    att = find_attendance(bullets)
    assert by_status(att) == {"present": ["Hervé COUDRET", "Odile BRISSON", "Dominique LECLERC", "Martine FAUVET",
                                          "Agnès DELAGE", "Loïc PICHON"], "absent": ["CHAUVET", "MARCHAND"]}
    offices = """Présents : Ange FILIPPINI, Maire, Dominique ROCCA, adjoint, Santa GRAZI, conseillère.
Excusés et représentés : Xavier NICOLI, conseiller, Procuration à Dominique ROCCA, adjoint
Marie ORSONI, conseillère, Procuration à Santa GRAZI, conseillère
Absents et excusés : Antoine MARCHI, conseiller.
"""
    att = find_attendance(offices)
    assert proxies(att) == {"Xavier NICOLI": "Dominique ROCCA", "Marie ORSONI": "Santa GRAZI"}
    assert by_status(att)["excuse"] == ["Antoine MARCHI"]



def test_a_recueil_of_two_sessions_counts_the_first_ones_attendance_and_words_cut_at_a_line_end():
    text = """EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL
Séance du 4 octobre 2021
Présents : BÉRARD Florence, ALLEMANT Yves, CHAPUT Nicole.
Pouvoirs : BLANCHE Thierry a donné procuration à ALLEMANT Yves ; REYNAUD Martine a donné procu-
ration à CHAPUT Nicole.
Absent : GUERY Julien.
1. Tarifs de la salle des fêtes : adopté à l'unanimité.
EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL
Séance du 25 octobre 2021
Présents : BÉRARD Florence, ALLEMANT Yves, BLANCHE Thierry, REYNAUD Martine.
Excusés : CHAPUT Nicole.
"""
    att = find_attendance(text)
    assert by_status(att) == {"present": ["Florence BÉRARD", "Yves ALLEMANT", "Nicole CHAPUT"],
                              "represente": ["Thierry BLANCHE", "Martine REYNAUD"], "absent": ["Julien GUERY"]}
    assert proxies(att) == {"Thierry BLANCHE": "Yves ALLEMANT", "Martine REYNAUD": "Nicole CHAPUT"}


def test_a_header_with_a_capital_initial_run_into_the_list_before_it():
    # « … TROADEC Yann Absents : GUERN Maëlle … Secrétaire de séance : … » on one line
    text = ("Membres en exercice : 9\n"
            "Présents : LE GOFF Anne, MORVAN Paul, TANGUY Rémi, LE BRIS Hélène Absents : PRIGENT Loïc, "
            "QUERE Lucie Secrétaire de séance : MORVAN Paul\n")
    att = find_attendance(text)
    assert by_status(att) == {"present": ["Anne LE GOFF", "Paul MORVAN", "Rémi TANGUY", "Hélène LE BRIS"],
                              "absent": ["Loïc PRIGENT", "Lucie QUERE"]}


def test_everyone_present_but_those_excepted_and_proxies_told_in_a_sentence():
    text = """Conseillers municipaux en exercice : 15
Le conseil municipal s'est réuni sous la présidence de Monsieur Alain KERBRAT, maire.
Etaient présents tous les conseillers en exercice, à l'exception de Madame Julie RIOU et de
Monsieur Marc CADIOU, absents excusés, et de Monsieur Yann PERON, absent.
Madame Julie RIOU a donné procuration à Madame Anne LE DUFF et Monsieur Marc CADIOU à
Monsieur Paul GUEGUEN.
Le quorum étant atteint, la séance est ouverte.
"""
    att = find_attendance(text)
    assert by_status(att) == {"represente": ["Julie RIOU", "Marc CADIOU"], "absent": ["Yann PERON"]}
    assert proxies(att) == {"Julie RIOU": "Anne LE DUFF", "Marc CADIOU": "Paul GUEGUEN"}
    assert {k: att.counts[k] for k in ("presents", "representes", "excuses", "absents", "votants")} == \
        {"presents": 12, "representes": 2, "excuses": 0, "absents": 1, "votants": 14}
    everyone = find_attendance("Membres en exercice : 11\nTous les membres sont présents sauf M. Luc HAMON, excusé.\n")
    assert by_status(everyone) == {"excuse": ["Luc HAMON"]} and everyone.counts["presents"] == 10


def test_proxies_by_mandate_delegated_regularly_represented_excused_by_themselves_and_suppleants():
    delegated = find_attendance("""Etaient présents : MM. DUPRE – CARON – Mmes LEROY – FAURE
Excusé ayant délégué son mandat : Mme GODET à Mme LEROY – M. MASSON à M. CARON
Absent : M. VIDAL
""")
    assert proxies(delegated) == {"GODET": "LEROY", "MASSON": "CARON"}
    regular = find_attendance("""Etaient présents : M. ROCHE, Mme PETIT, M. BLANC
Régulièrement représentés : M. NOEL par Mme PETIT, Mme GIRARD par M. BLANC
Absente : Mme MOREL
""")
    assert by_status(regular) == {"present": ["ROCHE", "PETIT", "BLANC"], "represente": ["NOEL", "GIRARD"],
                                  "absent": ["MOREL"]}
    assembly = find_attendance("""ÉTAIENT PRÉSENTS : Anne BOUVIER, Paul MENARD, Claire TESSIER,
S'ÉTAIENT FAIT EXCUSER : Louis HUET (délégation de vote à Anne BOUVIER), Marie COLIN,
ÉTAIT ABSENT : Jean PRIOU
""")
    assert proxies(assembly) == {"Louis HUET": "Anne BOUVIER"}
    assert by_status(assembly)["excuse"] == ["Marie COLIN"]
    sitting = find_attendance("Etaient présents : M Roy, M Dumont, Mme Vidal.\n"
                              "Nombre de délégués en exercice : 9 – Présents ou suppléés : 4 – Votants : 4\n")
    assert (sitting.counts["presents"], sitting.counts["votants"]) == (4, 4)


def test_an_extracts_number_sign_and_title_on_one_line_and_items_numbered_under_their_deliberation_number():
    extract = extract_text("""EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL
SEANCE DU 8 MARS 2023
Nombre de membres : Présents : 7 En exercice : 9 Votants : 8
N° 2023-11 : Voirie communale – Programme de travaux 2023
Le Conseil Municipal, à l'unanimité, approuve le programme.
""")
    [item] = extract.deliberations
    assert (item.fields.numero, item.fields.objet) == ("2023-11", "Voirie communale – Programme de travaux 2023")
    recueil = extract_text("""RECUEIL DES DÉLIBÉRATIONS DU COMITÉ SYNDICAL DU 5 AVRIL 2022
Présent(s) : MM. AUBERT – BLANC – MME CHARPY – MM. DENIS – ESTIVAL
Absent(s) excusé(s) : MM. FAURE – GILLET.
Le quorum est atteint.

2. FINANCES
Délibération n° 2022-14
2.1. Budget annexe – décision modificative n° 1
Nombre de Membres en exercice : 7 Nombre de Membres présents : 5 Nombre de suffrages exprimés : 5
Votes Pour : 5 Votes Contre : 0 Abstention : 0
Délibération n° 2022-15
2.2. Tarifs des prestations pour 2023
Nombre de Membres en exercice : 7 Nombre de Membres présents : 5 Nombre de suffrages exprimés : 5
Votes Pour : 4 Votes Contre : 1 Abstention : 0
""")
    assert [d.fields.objet for d in recueil.deliberations] == ["Budget annexe – décision modificative n° 1",
                                                                "Tarifs des prestations pour 2023"]
    # the counts printed under each item, the people named at the top of the session
    for item in recueil.deliberations:
        assert item.fields.presents == 5
        assert sorted(p["status"] for p in item.attendance) == ["excuse"] * 2 + ["present"] * 5


def test_the_opening_formula_beside_a_box_of_counts():
    text = ("PROCES VERBAL DU CONSEIL COMMUNAUTAIRE DE LA VALLEE HAUTE\nDU JEUDI 3 MARS 2022\n"
            "Membres titulaires 25 Le trois mars deux mille vingt-deux à dix-huit heures trente,\n"
            "Présents 21 les membres du conseil communautaire se sont réunis à la salle des fêtes\n"
            "Date de convocation 24/02/2022\n")
    assert session_date(text, find_dates(text)) == "2022-03-03"


def test_who_does_not_take_part_after_a_sentence_ending_on_a_year_and_a_figure_printed_under_the_item():
    vote = find_vote("Il est proposé de verser 12 000 € à l'association pour l'année 2024.\n"
                     "Mme Claire VIDAL, trésorière de l'association, ne prend pas part au vote.\n"
                     "Pour : 18 – Contre : 0 – Abstention : 0\n")
    assert (vote.pour, vote.ne_prend_pas_part) == (18, 1)
    minutes = extract_text("""CONSEIL MUNICIPAL - SEANCE DU 2 JUIN 2023
Présents : M. ARNAUD, Mme BRUN, M. CLEMENT, Mme DUMAS, M. FABRE
Pouvoir : Mme GAUTIER à M. ARNAUD

1. Compte administratif 2022
M. ARNAUD, maire, ne prend pas part au vote ; le pouvoir qu'il porte n'est pas exercé.
Le compte administratif est adopté. Votants : 4 - Pour : 4 - Contre : 0

2. Tarifs de la cantine
La commune fixe à présent une part de trois euros par repas.
Le Conseil municipal, à l'unanimité, fixe les tarifs.
""")
    assert [d.fields.votants for d in minutes.deliberations] == [4, 6]
    assert minutes.deliberations[1].fields.presents == 5  # « à présent une part » counts nobody


def test_register_numbers_of_year_dot_number_and_an_objet_in_a_column_beside_the_counts():
    minutes = extract_text("""Conseil Communautaire – Compte-rendu du lundi 6 mars 2023
Étaient présents : Anne BLOT – Marc CHEVAL – Paul DENIS
2023.014 – Rapport d'orientation budgétaire 2023
Le Conseil prend acte du débat. Adopté à l'unanimité.

2023.015 – Tarifs de la piscine communautaire
Adopté par 30 voix pour et 2 abstentions.
""")
    assert [(d.fields.numero, d.fields.objet) for d in minutes.deliberations] == [
        ("2023.014", "Rapport d'orientation budgétaire 2023"), ("2023.015", "Tarifs de la piscine communautaire")]
    extract = extract_text("""Extrait du Registre des Délibérations
Séance du 9 mars 2022

Nombre des Membres en exercice : 34          OBJET : ADHESION AU SERVICE COMMUN
Nombre de présents : 27                      D'INSTRUCTION DES AUTORISATIONS
Nombre de votants : 30                       D'URBANISME
DATE DE CONVOCATION : 01 MARS 2022

Le Conseil Communautaire, après en avoir délibéré, à l'unanimité, APPROUVE l'adhésion.
""")
    [item] = extract.deliberations
    assert item.fields.objet == "ADHESION AU SERVICE COMMUN D'INSTRUCTION DES AUTORISATIONS D'URBANISME"


def test_names_with_nothing_between_them_after_a_header_opening_a_sentence():
    att = find_attendance("s'est réuni sous la Présidence de M. Paul ROCHE, Maire. Etaient présents les conseillers "
                          "municipaux suivants : Paul ROCHE Anne-Marie VIAL Luc PERRIN - Marie FAYE. "
                          "Absent non excusé : Karim SALEM\n")
    assert by_status(att) == {"present": ["Paul ROCHE", "Anne-Marie VIAL", "Luc PERRIN", "Marie FAYE"],
                              "absent": ["Karim SALEM"]}
    family_first = find_attendance("Présents : BERTHO Yvonne CORBEL Hervé LE MOAL Soizic\nAbsente : Monsieur GUERN Paul\n")
    assert by_status(family_first) == {"present": ["Yvonne BERTHO", "Hervé CORBEL", "Soizic LE MOAL"],
                                       "absent": ["Paul GUERN"]}


def test_delegates_under_commune_de_labels_run_together_in_one_paragraph():
    att = find_attendance("""Etaient Présents :

Commune de SAINT-PIERRE-HAUT : Madame Anne CROS, Messieurs Paul VIALA, Marc BRU Commune de VERS : Monsieur Luc FAGES Commune de LAVAL-BAS : Commune de SALLES : Madame Rose PONS

Absents et excusés : Monsieur Jean RIEU (LAVAL-BAS)
""")
    assert by_status(att) == {"present": ["Anne CROS", "Paul VIALA", "Marc BRU", "Luc FAGES", "Rose PONS"],
                              "excuse": ["Jean RIEU"]}


def test_votants_printed_under_each_item_and_the_chair_back_after_the_compte_administratif():
    minutes = extract_text("""COMITE SYNDICAL – SEANCE DU 7 MARS 2023
Présents : M. AUDIN, Mme BARRE, M. CAZE, Mme DORE, M. EYRAUD
Pouvoir(s) : Mme FAURE à M. CAZE.
Nombre de membres en exercice : 7 – Présents : 5 – Votants : 6

1. Compte de gestion 2022
Votants : 6 – Pour : 6 – Contre : 0 – Abstention : 0
2. Compte administratif 2022
Monsieur le Président quitte la salle. M. CAZE présente le compte administratif.
Votants : 5 – Pour : 5 – Contre : 0 – Abstention : 0
3. Budget primitif 2023
Votants : 6 – Pour : 4 – Contre : 1 – Abstention : 1
""")
    assert [(d.fields.presents, d.fields.votants) for d in minutes.deliberations] == [(5, 6), (4, 5), (5, 6)]


def test_a_header_with_a_slash_before_its_members_and_a_proxy_received_told_beside_the_holder():
    att = find_attendance("""Présents / Membres titulaires : MM. Paul AUGER – Alain GIRAUD (a reçu pouvoir de Valérie JOLY) – Anne ROY.
Présents / Membres suppléants : M. Kévin BRIAND (suppléant de M. Henri CHAUVET).
Absents excusés ayant donné pouvoir : Valérie JOLY à Alain GIRAUD.
Absent : Raymond LE ROUX.
""")
    assert by_status(att) == {"present": ["Paul AUGER", "Alain GIRAUD", "Anne ROY", "Kévin BRIAND"],
                              "represente": ["Valérie JOLY"], "absent": ["Raymond LE ROUX"]}
    assert proxies(att) == {"Valérie JOLY": "Alain GIRAUD"}


def test_proxies_told_one_after_another_without_stops_and_a_status_noted_beside_a_name():
    att = find_attendance("""ETAIENT PRÉSENTS MM. Paul GASNIER, Hervé CORNU, Mme Brigitte LANDRY, M. Jean SORET.

ETAIENT ABSENTS OU EXCUSÉS Mmes Annie BOIS, Andrée CASSAN, M. Yves RENARD (excusé), Freddy TOUCHE (absent non excusé).

Mme Annie BOIS donne procuration à M. Hervé CORNU Mme Andrée CASSAN donne procuration à Mme Brigitte LANDRY
___________________________________________
""")
    assert proxies(att) == {"Annie BOIS": "Hervé CORNU", "Andrée CASSAN": "Brigitte LANDRY"}
    assert (by_status(att)["excuse"], by_status(att)["absent"]) == (["Yves RENARD"], ["Freddy TOUCHE"])


def test_a_proxy_holder_after_mandataire_and_a_qualite_closing_a_line_of_names_and_a_proxy_on_leaving():
    att = find_attendance("""Etaient Présents :
Laurent MARCHAL – Président
Lise GIRAUD (mandataire Paul HERBIN à son départ 19h12) – Paul HERBIN
Patrick MENARD – Michel BALLU – Louise FEVRE, Vice-présidents
Etait absente représentée :
Mme Colette BRIAND mandataire M. Laurent MARCHAL
Etait excusé : M. Paul LHOTE
""")
    assert by_status(att)["present"] == ["Laurent MARCHAL", "Lise GIRAUD", "Paul HERBIN", "Patrick MENARD",
                                         "Michel BALLU", "Louise FEVRE"]
    assert proxies(att) == {"Colette BRIAND": "Laurent MARCHAL"}


def test_a_member_who_no_longer_takes_part_from_an_item_on():
    minutes = extract_text("""COMPTE-RENDU DE RÉUNION DU CONSEIL MUNICIPAL
Séance du 15 mars 2022
Présents : ALIBERT Sylvie, DELMAS Jean, FABRE Nicolas, GINESTE Marie
Présents en visioconférence : CALMET Hélène
1) Facture d'investissement
Le conseil municipal approuve à l'unanimité le règlement de la facture.
Suite à une coupure de la connexion, Hélène CALMET ne participe plus à la séance à partir du point 2.
2) Enseignement de l'Occitan à l'école
Le conseil municipal approuve à l'unanimité la convention.
""")
    assert [(d.fields.presents, d.fields.votants) for d in minutes.deliberations] == [(5, 5), (4, 4)]


def test_proxies_with_a_bare_a_one_after_another_and_full_names_closed_by_full_stops():
    att = find_attendance("""Présents : Alain FONTAINE, Yvette BOUDET, Serge CALMET, Bernard DEJEAN.
Absents excusés : Chantal SABLIER. Didier TESSIER.
Pouvoirs : Chantal SABLIER à Bernard DEJEAN  Didier TESSIER à Serge CALMET
Absents : Nicolas VIAL.
""")
    assert proxies(att) == {"Chantal SABLIER": "Bernard DEJEAN", "Didier TESSIER": "Serge CALMET"}
    assert "excuse" not in by_status(att)


def test_the_minutes_title_dates_the_session_but_an_approved_compte_rendu_does_not():
    minutes = extract_text("""Communauté de communes du Pays de Loire-Vallée
Conseil Communautaire
Compte-rendu du lundi 16 octobre 2023 – 20 h 30
Étaient présents : Bernard MARCHAL – Louise FEVRE – Michel BALLU
Le compte-rendu du 18 septembre 2023 est adopté à l'unanimité.
2023.107 – Rapport d'activité 2022
Le conseil communautaire prend acte du rapport à l'unanimité.
2023.108 – Tarifs du conservatoire
Le conseil communautaire adopte les tarifs à l'unanimité.
""")
    assert [str(d.fields.seance_date) for d in minutes.deliberations] == ["2023-10-16", "2023-10-16"]


def test_proxies_announced_in_a_sentence_and_the_secretary_named_after_the_last_one():
    att = find_attendance("""Etaient présents : Mmes Sylvie AUBERT, Andrée CAPEL, MM. Claude BOURDET, Christian CHELLE,
M. Claude DUFAU, formant la majorité des membres en exercice
Excusés ou absents : Mme Paule BERDOT M. Philippe BUSSET M. Denis CAZAL M. Arnaud PUJOL
L'appel des conseillers ayant été fait et le quorum constaté, M. le Maire fait connaître à
l'Assemblée les procurations reçues : M. Denis CAZAL à M. Claude DUFAU Mme Paule BERDOT à
M. Claude BOURDET M. Philippe BUSSET à M. Christian CHELLE Mme Sylvie AUBERT est désignée comme secrétaire de
séance.
""")
    assert proxies(att) == {"Denis CAZAL": "Claude DUFAU", "Paule BERDOT": "Claude BOURDET",
                            "Philippe BUSSET": "Christian CHELLE"}
    assert by_status(att)["excuse"] == ["Arnaud PUJOL"]


def test_presents_printed_under_each_item_with_the_session_proxies_followed_over_a_departure():
    minutes = extract_text("""PROCES-VERBAL DU COMITE SYNDICAL DU 21 SEPTEMBRE 2021
Présents : MM. AUGER – BERNARD – CARON – DUVAL – ÉTIENNE
Procuration :
Monsieur Alain FOREST donne pouvoir à Monsieur Jean AUGER
Absent(s) excusé(s) : MM. HUET – IMBERT.
Absent(s) : M. GIRARD.
Délibération n° 2021-38
1.1. Dérogation au règlement financier
Nombre de Membres en exercice : 9 Nombre de Membres présents : 5 Nombre de suffrages exprimés : 6
Votes Pour : 6 Votes Contre : 0 Abstention : 0
Monsieur DUVAL quitte la séance à 11h10 et donne pouvoir à Monsieur CARON.
Délibération n° 2021-39
1.2. Amortissement des réseaux d'éclairage public
Nombre de Membres en exercice : 9 Nombre de Membres présents : 4 Nombre de suffrages exprimés : 6
Votes Pour : 6 Votes Contre : 0 Abstention : 0
""")
    # the session's excusés and absents too, when they balance with the members in office
    assert [(d.fields.presents, d.fields.representes, d.fields.votants, d.fields.excuses, d.fields.absents)
            for d in minutes.deliberations] == [(5, 1, 6, 2, 1), (4, 2, 6, 2, 1)]


def test_a_letter_spaced_header_of_proxies():
    att = find_attendance("""PRESENTS
Y. ABGRALL, L. BOURHIS, N. CARIOU, P. DONNARD.

A B S E N T S E X C U S E S AYA N T D O N N E P O U V O I R

F. BODENES (Pouvoir à N. CARIOU),
J. COLIN (Pouvoir à Y. ABGRALL).

A B S E N T S E X C U S E S

L. DERRIEN, C. GOURMELEN.
""")
    assert proxies(att) == {"F. BODENES": "N. CARIOU", "J. COLIN": "Y. ABGRALL"}
    assert by_status(att)["excuse"] == ["L. DERRIEN", "C. GOURMELEN"]


def test_noms_des_headers_and_an_item_voted_by_a_majority_with_its_tally():
    minutes = extract_text("""Compte rendu de la séance ordinaire de conseil municipal du 14 mai 2022
Etaient présents Mesdames et Messieurs les membres du Conseil Municipal : Max DÉSIR, Lucette ZAMORA, Frantz BAPTISTIN.
Noms des absents représentés : Mesdames et Messieurs : Josué ALEXANDRE par Lucette ZAMORA.
Noms des absents non représentés : Mesdames et Messieurs : Teddy BELFORT.

DELIBERATION 1- ATTRIBUTION D'UNE SUBVENTION A L'ASSOCIATION « LES AMIS DU GWOKA »
Le maire propose une subvention de 1 500 € pour le festival de juillet.
Le Maire passe au vote
Voté à la majorité : 3 pour, 1 abstention (Frantz BAPTISTIN)

DELIBERATION 2- CONVENTION D'OCCUPATION DU DOMAINE PUBLIC MARITIME
La convention est conclue pour 10 ans.
Le Maire passe au vote
Voté à l'unanimité
""")
    assert [(d.fields.presents, d.fields.representes, d.fields.votants, d.fields.pour, d.fields.resultat)
            for d in minutes.deliberations] == [(3, 1, 4, 3, "adopte"), (3, 1, 4, None, "adopte")]


def test_a_departure_in_the_past_tense_a_member_out_for_one_item_and_his_qualite_after_a_comma():
    minutes = extract_text("""Compte rendu du Conseil Municipal du jeudi 12 mai 2022
Présents : Anne AUBERT, Bruno BESSON, Claire CHAZAL, Denis DURAND, Émile ESTÈVE, Fanny FOURNIER
1) Cession d'un terrain à la SCI des Prés
Monsieur Bruno BESSON, gérant associé de la SCI, quitte la salle et ne prend pas part au vote.
Le conseil approuve la cession à l'unanimité des votants.
2) Tarifs de la cantine
Adopté à l'unanimité.
M. Denis Durand a quitté la séance à 21h40.
3) Subvention au comité des fêtes
Adopté à l'unanimité.
""")
    # the member with an interest is out of item 1 only, and one member, not two; the departure
    # told in the passé composé holds for item 3
    assert [d.fields.presents for d in minutes.deliberations] == [5, 6, 5]
    assert [d.fields.votants for d in minutes.deliberations][1:] == [6, 5]


def test_a_latecomer_counted_in_the_printed_presents_was_not_there_at_the_opening():
    minutes = extract_text("""Extrait du Procès-Verbal des délibérations du Conseil Municipal
Séance ordinaire du 14 octobre 2021
Membres en fonction : 7 Membres présents : 6
Membres présents : Mrs. ARNOLD Eric - BAUER Paul (20 h 40) - CLAUSS Marc - Mmes DIETRICH Sylvie - EBERT Anne - FUCHS Carole
Absent excusé : M. GROSS Jean
1. Forêt communale – Programme de travaux 2022
Le Conseil Municipal, après en avoir délibéré, à l'unanimité, APPROUVE le programme.
M. BAUER Paul rejoint la séance à 20 h 40.
2. Chasse communale – Agrément d'un permissionnaire
Le Conseil Municipal, après en avoir délibéré, à l'unanimité, DONNE un avis favorable.
M. CLAUSS Marc quitte la séance à 21 h 30.
3. Subvention à l'association des arboriculteurs
Le Conseil Municipal, après en avoir délibéré, à l'unanimité, DECIDE d'allouer 450 €.
""")
    assert [(d.fields.presents, d.fields.votants) for d in minutes.deliberations] == [(5, 5), (6, 6), (5, 5)]


def test_proxies_counted_as_the_votants_who_did_not_sit_and_presents_as_the_votants_not_represented():
    no_proxies_printed = """COMPTE-RENDU DE SEANCE DU CONSEIL COMMUNAUTAIRE
Séance du 5 mars 2024
Nombre de délégués en exercice : 30 – présents : 25 – votants : 28
1. Taux de la taxe d'enlèvement des ordures ménagères
Le Conseil Communautaire, à l'unanimité, fixe le taux à 11,2 %.
"""
    no_presents_printed = """COMPTE-RENDU DE SEANCE DU COMITE SYNDICAL
Séance du 6 mars 2024
Délégués en exercice : 30 – représentés : 2 – votants : 24
1. Redevance SPANC
Le Comité, à l'unanimité, fixe la redevance à 120 €.
"""
    assert rows(no_proxies_printed, "presents", "representes", "votants") == [(25, 3, 28)]
    assert rows(no_presents_printed, "presents", "representes", "votants") == [(22, 2, 24)]


def test_the_printed_number_of_an_extract_wins_over_the_prefecture_stamps_spelling():
    extract = """COMMUNAUTÉ DE COMMUNES DU VAL DES SAULES
Extrait du Registre des Délibérations
Séance du 9 mars 2022
Nombre des Membres en exercice : 20
Nombre de présents : 18
OBJET : ADHÉSION AU SERVICE COMMUN D'INSTRUCTION
de l'extrait de Délibération N° 2022.02.07
Le Conseil Communautaire, après en avoir délibéré, à l'unanimité, APPROUVE l'adhésion.
Pour extrait conforme, le Président.
054-200070345-20220314-DEL2022_02_07-DE
"""
    assert rows(extract, "numero") == [("2022.02.07",)]
    # without a printed number, the stamp's internal number is the numero
    assert rows(extract.replace("de l'extrait de Délibération N° 2022.02.07\n", ""), "numero") == [("2022_02_07",)]


def test_titles_run_into_their_paragraphs_before_a_lower_case_word_and_a_title_line_with_a_colon():
    minutes = extract_text("""COMPTE RENDU SOMMAIRE DE SEANCE DU CONSEIL MUNICIPAL DU DIMANCHE 9 AVRIL 2023
Présents : Richard BAUDOIN, Jean Claude LANTERI, Christine PELLEGRINO, Nadine SAPPIA, Yanne TOSELLO.
Compte administratif et compte de gestion 2022 : le Maire se retire ; sous la présidence de Richard
BAUDOIN, doyen d'âge, le compte administratif, conforme au compte de gestion, est approuvé par
3 voix pour et 1 abstention (Nadine SAPPIA).
Budget primitif 2023 : le budget, équilibré à 412 300 € en fonctionnement et 268 900 € en section
d'investissement, est approuvé par 4 voix pour et 1 voix contre (Christine PELLEGRINO).
Recensement 2024 : désignation du coordonnateur communal
Karine DESFONDS est désignée coordonnatrice ; le conseil approuve cette désignation à l'unanimité.
""")
    assert [d.fields.objet for d in minutes.deliberations] == [
        "Compte administratif et compte de gestion 2022", "Budget primitif 2023",
        "Recensement 2024 : désignation du coordonnateur communal"]


def test_members_listed_by_rank_each_rank_closed_by_its_qualite_and_a_full_stop():
    minutes = """COMPTE RENDU DU CONSEIL MUNICIPAL DU MARDI 12 MARS 2024
Nombre de conseillers : En exercice : 11 Présents : 9 Votants : 9
Etaient présents : R.PAGES - L.VIDAL - A.ROUX : adjoints.
J.BLANC — N.FABRE - S.GIRAUD — P.MOREL - C.BRUN - D.FAURE
Etaient absents excusés : E.LAMBERT
Absent non excusé : G.RIVIERE
Secrétaire de séance : J.BLANC
1. TARIFS DE LA CANTINE
Adopté à l'unanimité.
"""
    att = find_attendance(minutes)
    assert by_status(att)["present"] == ["R. PAGES", "L. VIDAL", "A. ROUX", "J. BLANC", "N. FABRE",
                                         "S. GIRAUD", "P. MOREL", "C. BRUN", "D. FAURE"]
    # the lists agree with the figures printed: the excusés and absents they name are counted
    assert rows(minutes, "presents", "excuses", "absents") == [(9, 1, 1)]


def test_two_columns_of_names_each_with_its_commune_flattened_onto_one_line():
    minutes = """CONSEIL COMMUNAUTAIRE DU 14 MARS 2024
Nombre de conseillers en exercice : 9
Etaient présents :
AUBRY Marc (Lussac) BARRE Lucie (Moulins)
CARON Paul (Savigny) DUVAL Anne (Lussac)
Absents excusés : ESNAULT Rémi (Moulins), FAYE Léa (Savigny)
Absents : GAUTIER Yves (Lussac)
Pouvoirs : HAMON Luc (Moulins) pouvoir à AUBRY Marc, IMBERT Sophie (Savigny) pouvoir à CARON Paul
Présents : 4 – Pouvoirs : 2 – Votants : 6
1 – Finances – Débat d'orientation budgétaire 2024
Le conseil communautaire prend acte de la tenue du débat.
Votants : 6 – Pour : 6 – Contre : 0 – Abstention : 0
2 – Voirie – Programme 2024
Votants : 6 – Pour : 5 – Contre : 1 – Abstention : 0
"""
    assert by_status(find_attendance(minutes))["present"] == ["Marc AUBRY", "Lucie BARRE", "Paul CARON", "Anne DUVAL"]
    assert rows(minutes, "presents", "representes", "excuses", "absents") == [(4, 2, 2, 1), (4, 2, 2, 1)]


def test_excused_titulaires_replaced_by_their_suppleants_still_count_as_excused():
    # eight names in office, nine named: the suppléant sits for an excused titulaire
    minutes = """COMPTE RENDU DU COMITE SYNDICAL DU 15 MARS 2023
Présent(s) : Mme PERONNET Sylvie (Aubigny) ; M. GAUDON Marc (Aubigny) ; M. LIMOGES Hervé (Bessay) ; M BOUCHERAT Michel suppléant M. CHOPIN Laurent (Deneuille) ; Mme FAYET Aline (Deneuille).
Absent(s) excusé(s) : M. CHOPIN Laurent (Deneuille) ; Mme DUBREUIL Cécile (Bessay).
Pouvoir(s) : Mme AUCLAIR Josiane (Lételon) à M. GAUDON Marc.
Absent(s) : Mme COLAS Brigitte (Givarlais).
Nombre de membres en exercice : 8 – Présents : 5 – Votants : 6
Délibération n° 2023-04 : Approbation du compte de gestion 2022
Le comité, à l'unanimité, approuve le compte de gestion 2022.
Délibération n° 2023-05 : Tarifs de la redevance 2023
Le comité, à l'unanimité, fixe les tarifs de la redevance.
"""
    assert rows(minutes, "presents", "representes", "excuses", "absents") == [(5, 1, 2, 1), (5, 1, 2, 1)]


CODED_SESSION = """COMMUNE DE VERNOUX
PROCES-VERBAL DU CONSEIL MUNICIPAL DU 3 JUIN 2024
Présents : Paul AUBRY, Lucie BARRE, Marc CARON, Anne DUVAL, Rémi ESNAULT
Secrétaire de séance : Marc CARON

"""
CODED_ITEMS = [("Tarifs de la cantine scolaire", "Le conseil municipal, à l'unanimité, fixe les tarifs."),
               ("Subvention au comité des fêtes", "Le conseil municipal, par 4 voix pour et 1 abstention, attribue 500 €."),
               ("Convention avec le syndicat d'énergie", "Adopté à l'unanimité.")]


@pytest.mark.parametrize("heading, numbers", [
    ("N° {n:02d}.06.2024 – {title}", ["01.06.2024", "02.06.2024", "03.06.2024"]),  # shaped like a date
    ("{n:02d}.06.2024 {title}", ["01.06.2024", "02.06.2024", "03.06.2024"]),
    ("D20236{n} – {title}", ["D202361", "D202362", "D202363"]),
    ("230316.0{n} {title}", ["230316.01", "230316.02", "230316.03"]),
    ("N° 2023-06{n}\nObjet : {title}", ["2023-061", "2023-062", "2023-063"]),
    ("2023-06{n} – Objet : {title}", ["2023-061", "2023-062", "2023-063"]),
    ("n°230316.0{n} - {title}", ["230316.01", "230316.02", "230316.03"]),
    ("Délibération D20236{n} – {title}", ["D202361", "D202362", "D202363"]),
    ("D20236{n}\n\n{title}", ["D202361", "D202362", "D202363"]),  # the number alone, its title below
    ("2023-03-00{n}\n{n}) {title} :", ["2023-03-001", "2023-03-002", "2023-03-003"]),
    ("| D20236{n} | {title} |", ["D202361", "D202362", "D202363"]),  # a table drawn with « | »
    ("• 230316.0{n} – {title}", ["230316.01", "230316.02", "230316.03"]),
    ("DCM D20236{n} – {title}", ["D202361", "D202362", "D202363"]),
    # a recueil of extracts: each one's heading printed before its number, in the previous one's span
    ("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\nSéance du 3 juin 2024\nDélibération n° D20236{n}\nObjet : {title}",
     ["D202361", "D202362", "D202363"]),
])
def test_register_numbers_of_any_shape_open_their_items(heading, numbers):
    minutes = CODED_SESSION + "".join(heading.format(n=n, title=title) + "\n" + vote + "\n\n"
                                      for n, (title, vote) in enumerate(CODED_ITEMS, 1))
    assert rows(minutes, "numero", "objet") == [(number, title) for number, (title, _) in zip(numbers, CODED_ITEMS)]


def test_dates_opening_the_lines_of_a_list_are_no_register_numbers():
    minutes = CODED_SESSION + """Le maire rend compte des décisions prises par délégation :
02.05.2022 : Marché avec la société VERT PAYSAGE pour 18 640 € HT
17.05.2022 : Convention d'occupation du gymnase avec le club de tennis
30.05.2022 : Contrat de maintenance de la vidéoprotection
Le conseil municipal prend acte de ces décisions.

1. Tarifs de la cantine scolaire
Le conseil municipal, à l'unanimité, fixe les tarifs.

2. Subvention au comité des fêtes
Le conseil municipal, par 4 voix pour et 1 abstention, attribue 500 €.
"""
    assert rows(minutes, "numero", "objet") == [(None, "Tarifs de la cantine scolaire"),
                                                (None, "Subvention au comité des fêtes")]


def test_the_date_alone_under_a_list_of_deliberations_is_the_sessions():
    listing = """Liste des délibérations votées
Le 16 MAI 2025
• Adhésion à l'association de préfiguration du parc naturel régional
• Subventions aux associations
• Tarifs de la salle des fêtes
"""
    dates = rows(listing, "seance_date")
    assert dates and set(dates) == {("2025-05-16",)}
    # a date in a sentence of the first lines is no session's
    assert set(rows(listing.replace("Le 16 MAI 2025", "Affiché le 16 mai 2025 en mairie"), "seance_date")) == {(None,)}


def test_an_items_labelled_parts_each_decided_are_deliberations_each():
    minutes = """PROCES-VERBAL DU CONSEIL MUNICIPAL DU 6 AVRIL 2023
Présents : Paul AUBRY, Lucie BARRE, Marc CARON, Anne DUVAL, Rémi ESNAULT
Secrétaire de séance : Marc CARON

COMPTES ADMINISTRATIFS 2022 :
Commune :
Le compte administratif 2022 fait apparaître un excédent de 462 180 €.
Le Conseil Municipal approuve à l'unanimité le compte administratif 2022 de la commune.
Service de l'eau :
Le compte administratif du service de l'eau présente un excédent de 58 740 €.
Le Conseil Municipal l'approuve à l'unanimité.
AFFECTATION DES RESULTATS 2022 :
Le Conseil Municipal décide, à l'unanimité, d'affecter 300 000 € au compte 1068.
TAUX D'IMPOSITION 2023 :
Le Conseil Municipal décide, par 4 voix pour et 1 voix contre, de maintenir les taux de 2022.
La séance est levée à vingt-deux heures.
"""
    assert rows(minutes, "objet") == [("COMPTES ADMINISTRATIFS 2022 : Commune",),
                                      ("COMPTES ADMINISTRATIFS 2022 : Service de l'eau",),
                                      ("AFFECTATION DES RESULTATS 2022",), ("TAUX D'IMPOSITION 2023",)]


# --- A table of the members, a row each ----------------------------------------------------

MEMBERS = [("Paul AUBRY", "présent"), ("Lucie BARRE", "présente"), ("Marc CARON", "présent"),
           ("Anne DUVAL", "pouvoir à Paul AUBRY"), ("Rémi ESNAULT", "présent"), ("Léa FAYE", "excusée"),
           ("Jean GIRARD", "absent"), ("Rose HUET", "présente")]
GRID_COLUMNS = ["présent", "absent", "excusé", "pouvoir"]


def _grid_row(name: str, status: str) -> str:
    """« Anne DUVAL<TAB><TAB><TAB><TAB>Paul AUBRY »: a mark under the status's column, the holder under « Pouvoir à »."""
    column = next(i for i, label in enumerate(GRID_COLUMNS) if status.startswith(label[:5]))
    cells = [""] * 4
    cells[column] = status.split(" à ")[1] if " à " in status else "X"
    return "\t".join([name] + cells)


@pytest.mark.parametrize("table", [
    "\n".join(f"{name} : {status}" for name, status in MEMBERS),
    "Conseiller\tPrésence\n" + "\n".join(f"{name}\t{status[0].upper() + status[1:]}" for name, status in MEMBERS),
    "Nom\tPrésent\tAbsent\tExcusé\tPouvoir à\n" + "\n".join(_grid_row(*member) for member in MEMBERS),
], ids=["name : status", "status cell", "grid of marks"])
def test_a_table_of_the_members_each_row_with_its_status(table):
    minutes = f"""PROCES-VERBAL DU CONSEIL MUNICIPAL DU 3 JUIN 2024

{table}

Secrétaire de séance : Marc CARON

1. Tarifs de la cantine scolaire
Le conseil municipal, à l'unanimité, fixe les tarifs.
"""
    att = find_attendance(minutes)
    assert by_status(att) == {"present": ["Paul AUBRY", "Lucie BARRE", "Marc CARON", "Rémi ESNAULT", "Rose HUET"],
                              "represente": ["Anne DUVAL"], "excuse": ["Léa FAYE"], "absent": ["Jean GIRARD"]}
    assert proxies(att) == {"Anne DUVAL": "Paul AUBRY"}
    assert rows(minutes, "en_exercice", "presents", "representes", "votants", "excuses", "absents") == [(8, 5, 1, 6, 1, 1)]
    # one line « M. X : présent » in a sentence's place is prose, not a table
    assert find_attendance("Séance du 3 juin 2024\nPaul AUBRY : présent\nLe conseil adopte.") is None


def test_the_only_list_of_missing_members_names_them_all():
    # 30 in office, 26 présents, 3 pouvoirs: the one absent named is all who are missing, though the
    # présents are listed by commune in a way not read name by name
    minutes = """Séance du Conseil Communautaire du 11 avril 2014
Etaient présents :
KERDORET
BRENEVAL
:
:
Jean-Yves LE QUINTREC – Gwenaël BOTHOREL – Maryvonne CADIC
Marcel LE BOUEDEC – Annick MOUREAUX – Didier NAYL
Pouvoirs : Sophie ARHAN à Gwenaël BOTHOREL – Bernard HELIAS à Didier NAYL – Pierrick PLUNIAN à Annick MOUREAUX
Absent : Erwan LE DOUARIN
Nombre de conseillers en exercice : 30 – Présents : 26 – Pouvoirs : 3 – Votants : 29
Secrétaire de séance : Annick MOUREAUX

BORDEREAU N° 1 – FIXATION DU NOMBRE DE VICE-PRESIDENTS
Le Conseil Communautaire, après en avoir délibéré, FIXE à sept le nombre de vice-présidents.
Adopté à l'unanimité.
"""
    assert rows(minutes, "presents", "representes", "excuses", "absents") == [(26, 3, 0, 1)]
    # an excusé named too: who of the one missing is which is not told
    named_both = minutes.replace("Absent : Erwan LE DOUARIN", "Absent : Erwan LE DOUARIN\nExcusée : Rozenn EVEN")
    assert rows(named_both, "excuses", "absents")[0] != (0, 1)


def test_a_birth_name_on_the_next_line_goes_on_with_the_list():
    # « Mme LAGOURGUE » at a line's end, « Odile née PAYET, procuration à … » on the next: the rest
    # of a name, not a title ending the list
    text = """Étaient absents : M. ECORMIER Paul (1er Adjoint), procuration à M. GRONDIN Alix, Mme LAGOURGUE
Odile née PAYET, procuration à M. LEBON Didier (Conseiller), Mme CLAIN Valérie, procuration à
M. CADET Olivier (Conseiller), M. BAILLIF Serge, Mme MOREL Daisy.
Nombre de présents : 21          Nombre de procurations : 3          Nombre de votants : 24
"""
    att = find_attendance(text)
    assert proxies(att) == {"Paul ECORMIER": "Alix GRONDIN", "Odile LAGOURGUE": "Didier LEBON",
                            "Valérie CLAIN": "Olivier CADET"}
    assert by_status(att)["absent"] == ["Serge BAILLIF", "Daisy MOREL"]


def test_the_members_in_office_on_the_day_of_the_session():
    assert count_pairs("Conseillers en exercice au jour de la séance : 33") == [("en_exercice", 33)]
    assert count_pairs("Membres en exercice à ce jour : 19 – Présents : 15") == [("en_exercice", 19), ("presents", 15)]


@pytest.mark.parametrize("colons", ["", ":\n:\n:\n"], ids=["communes then names", "communes, colons, names"])
def test_a_column_of_communes_read_before_the_column_of_their_delegates(colons):
    minutes = f"""Etaient présents :
ARGELOUSE
BERNOS
LE TUQUET
{colons}Jean-Paul DUBERNET
Sylvie LAPORTE
Henri CAZENAVE – Marie-Claude DUPIOL
Etaient excusés :
- Serge BERNADET a donné pouvoir à Henri CAZENAVE
- Fabienne TAUZIN
Secrétaire de séance : Sylvie LAPORTE
"""
    att = find_attendance(minutes)
    assert by_status(att) == {"present": ["Jean-Paul DUBERNET", "Sylvie LAPORTE", "Henri CAZENAVE", "Marie-Claude DUPIOL"],
                              "represente": ["Serge BERNADET"], "excuse": ["Fabienne TAUZIN"]}
    # surnames alone, in capitals, one a line: members, no communes — none is left out
    alone = find_attendance("Etaient présents :\nDUBERNET\nLAPORTE\nCAZENAVE\nSecrétaire de séance : LAPORTE\n")
    assert {word for p in alone.people for word in p["person"].split()} == {"DUBERNET", "LAPORTE", "CAZENAVE"}


def test_names_separated_by_full_stops():
    # a syndicat's minutes typed with a full stop between names, a civilité for each group
    text = """PRESENTS : MM. AUZIERE.TEISSIER.Mmes PELLET.DUMAZERT. GRAS MM. VINCENT.
BOISSIER. VIALA.Mme REBOUL.MM.
CASTANIER.
EXCUSES : MM. LAGET.CLAUZEL.Mme POMARET.
Formant la majorité des membres en exercice.
"""
    att = find_attendance(text)
    assert by_status(att) == {"present": ["AUZIERE", "TEISSIER", "PELLET", "DUMAZERT", "GRAS", "VINCENT", "BOISSIER",
                                          "VIALA", "REBOUL", "CASTANIER"],
                              "excuse": ["LAGET", "CLAUZEL", "POMARET"]}
    assert [p["civilite"] for p in att.people][:4] == ["M.", "M.", "Mme", "Mme"]


# --- Items numbered n.m, under a numbered rubric or none ----------------------------------------

SUB_NUMBERED = """PROCES VERBAL DU COMITE SYNDICAL DU 11 AVRIL 2006
PRESENTS : MM. AUZIERE, TEISSIER, VINCENT, Mmes PELLET, GRAS
Monsieur VINCENT est nommé secrétaire de séance.

{rubric2}{n21} Compte administratif 2005
Madame ESTEVE indique que l'exercice se clôt sur un excédent.
- Le compte administratif 2005 est adopté par 4 voix pour et 1 abstention (M. TEISSIER).

{n22} Budget primitif 2006
Le budget s'équilibre en fonctionnement à 2 146 300 €.
- Le budget primitif 2006 est adopté à l'unanimité.

{rubric3}{n31} Construction de la déchetterie : choix du maître d'œuvre
- Adopté à l'unanimité.
{last}"""

TITLES = ["Compte administratif 2005", "Budget primitif 2006", "Construction de la déchetterie : choix du maître d'œuvre"]


@pytest.mark.parametrize("numbering", ["{n}-{m}", "{n}.{m}", "{n}.{m}.", "{n}-{m} -"])
@pytest.mark.parametrize("rubrics", [False, True], ids=["no rubric", "numbered rubrics"])
def test_items_numbered_n_m(numbering, rubrics):
    last = "\n4 - DUREE D'AMORTISSEMENT DES BACS ROULANTS\nLe comité fixe la durée à 5 ans.\n- Adopté à l'unanimité.\n" if rubrics else ""
    minutes = SUB_NUMBERED.format(rubric2="2 - ADMINISTRATION GENERALE\n" if rubrics else "", rubric3="3 - TRAVAUX\n" if rubrics else "",
                                  n21=numbering.format(n=2, m=1), n22=numbering.format(n=2, m=2),
                                  n31=numbering.format(n=3, m=1), last=last)
    # the rubrics are no deliberations; an item numbered n with no sub-item is one
    expected = TITLES + (["DUREE D'AMORTISSEMENT DES BACS ROULANTS"] if rubrics else [])
    assert [objet for objet, in rows(minutes, "objet")] == expected
    assert extract_text(minutes).doc_type == "proces_verbal"  # not a convention's axes and actions


@pytest.mark.parametrize("numbering", ["N° {n} – ", "({n}) ", "{n}° - "])
def test_items_numbered_after_n_degree_in_brackets_or_with_a_degree_sign(numbering):
    minutes = "PROCES-VERBAL DU CONSEIL MUNICIPAL DU 3 JUIN 2024\nPrésents : Paul AUBRY, Lucie BARRE, Marc CARON\n\n" + "".join(
        f"{numbering.format(n=n)}{title}\nLe conseil municipal, à l'unanimité, {verb}.\n\n"
        for n, (title, verb) in enumerate([("Tarifs de la cantine", "fixe les tarifs"),
                                           ("Subvention au comité des fêtes", "attribue 500 €"),
                                           ("Convention avec le SDE", "approuve la convention")], start=1))
    assert rows(minutes, "objet") == [("Tarifs de la cantine",), ("Subvention au comité des fêtes",),
                                      ("Convention avec le SDE",)]


def test_excused_and_absent_lists_that_balance_the_printed_counts_and_an_absent_who_arrives():
    # « présents : 9 » over ten names (a suppléant named beside the titulaire he sits for): the
    # figures count otherwise than the lists, yet the two excusés and the absent make up, with the
    # présents and the proxies, the members in office; the absent who comes later is an absent fewer
    minutes = """SYNDICAT MIXTE DU BASSIN DE LA ZORN – COMITÉ DIRECTEUR DU 18 SEPTEMBRE 2024
Membres présents :
CC du Pays de Hanau : M. Thierry SCHALLER, Mme Anne MEYERHOFF, M. Luc HERTZOG, M. Paul KLEINCLAUS
CC de la Zorn : M. Marc JOSTER, Mme Claire FRITZ, M. Denis SPIELER (suppléant de
M. Gérard HUBERT), M. Jean KOEHLEN, M. Rémy BURGAN
Procurations : Mme Christine FISCHBACH à M. Thierry SCHALLER
Excusés : M. Pierre WEISSE, Mme Brigitte STEINER
Absents : M. Christophe ADAMI
Membres en exercice : 13 – présents : 9 – votants : 10

Point 1 – Décision modificative n° 2 du budget 2024
Le Comité, après en avoir délibéré, approuve la décision modificative à l'unanimité.
M. Christophe ADAMI rejoint la séance à 18h20.
Point 2 – Tarifs de la redevance 2025
Le Comité, après en avoir délibéré, fixe les tarifs à l'unanimité.
"""
    assert rows(minutes, "en_exercice", "presents", "representes", "excuses", "absents", "votants") == [
        (13, 9, 1, 2, 1, 10), (13, 10, 1, 2, 0, 11)]


def test_a_register_number_followed_by_the_acts_class_takes_the_title_above_it():
    # « IV.1 – Title » then « DEL 2022/54 – Nomenclature : 7.1 Décisions budgétaires »: the class in
    # the ACTES nomenclature is no title; the item's sub-number is no part of it
    items = [("Décision modificative n°1 – Budget principal", "7.1 Décisions budgétaires"),
             ("Aide au club de handball", "7.5 Subventions"),
             ("Tarifs des salles municipales 2023", "7.10 Divers")]
    minutes = "PROCES-VERBAL DU CONSEIL MUNICIPAL DU 11 OCTOBRE 2022\nPrésents : 23\n\nIV- Délibérations\n\n" + "".join(
        f"IV.{i} – {title}\nDEL 2022/5{i} – Nomenclature : {cls}\nRapporteur : M. le Maire\n"
        f"Le Conseil Municipal, après en avoir délibéré, approuve à l'unanimité.\n\n"
        for i, (title, cls) in enumerate(items, 1))
    assert rows(minutes, "numero", "objet") == [(f"2022/5{i}", title) for i, (title, _) in enumerate(items, 1)]


def test_headings_drawn_with_a_bullet_each_open_an_item():
    # « – Durée des concessions : » alone after a blank line, prose under it; the first heading
    # (a report) decides nothing; the agenda's points, one under the other, are a list
    minutes = """Conseil municipal du 13 mai 2024
Présents : Gérard Chambonnet, Martine Delorme, Pierre Hénault, Joseph Vialle

Ordre du jour :
- Compte rendu de visite du cimetière
- Durée des concessions
- Recrutement d'un agent recenseur

- Compte rendu de visite du cimetière :
La technicienne a présenté le diagnostic du cimetière : 27 sépultures sont en mauvais état.

– Durée des concessions :
Sur proposition de la technicienne, le conseil décide de proposer des concessions de 30 et 50 ans.
Vote : 4 pour

– Recrutement d'un agent recenseur :
Le conseil décide de recruter un agent recenseur rémunéré à 1,20 € par bulletin.
Vote à l'unanimité.
"""
    assert rows(minutes, "objet") == [("Durée des concessions",), ("Recrutement d'un agent recenseur",)]


def _ingested_rows(tmp_path, text: str, *fields: str) -> tuple[list[tuple], list]:
    """The rows of minutes written to a .txt file and read as délib reads any file."""
    from delib.ingest import ingest
    path = tmp_path / "minutes.txt"
    path.write_text(text, encoding="utf-8")
    doc = ingest(path)
    ex = extract_document(doc, segment_document(doc))
    return [tuple(getattr(d.fields, f) for f in fields) for d in ex.deliberations], ex.deliberations


CODED_TABLE = """COMPTE-RENDU DU COMITÉ SYNDICAL DU 9 DÉCEMBRE 2021
{legend}

N° secteur   DÉLÉGUÉS TITULAIRES          OBSERVATIONS
1            Thierry BRIARD          P    Luc HAMELIN
1            Sandrine LECLUZE        {ex}   pouvoir à Thierry BRIARD
1            Valérie MOUCHEL         P    Camille ROUXEL
1            Coralie AUBRIL          S    suppléée par Dominique LEGOUPIL
2            Bernard LEMARIE         A    Frédéric PAYSANT
2            Jean-Paul HEUZE         P    Gilbert DAUVERGNE
2            Patrice GANCEL          {ex}   Philippe LETELLIER

Délégués en exercice : 7 – Présents : 4 – Pouvoirs : 1 – Votants : 5

1- Budget primitif 2022
Après en avoir délibéré, les membres du comité syndical adoptent le budget primitif 2022.
Nombre de délégués en exercice : 7
Nombre de présents : 4
Nombre de votants : 5
Approbation : 5 – Opposition : 0 – Abstention : 0

2- Programme d'effacement des réseaux 2022
Les membres du comité syndical approuvent le programme.
Nombre de présents : 4
Nombre de votants : 5
Approbation : 4 – Opposition : 1 – Abstention : 0
"""


@pytest.mark.parametrize("legend, ex", [
    ("Étaient présents (P), excusés (EX), absents (A), suppléés (S) :", "EX"),
    ("Présences (P : présent, E : excusé, A : absent, S : suppléé) :", "E"),
])
def test_a_table_of_delegates_typed_with_spaces_each_status_a_code(tmp_path, legend, ex):
    # the table's columns are wide gaps of spaces; each status a code the minutes define; a
    # titulaire « suppléé » is replaced by the suppléant named after the code, who sits
    found, delibs = _ingested_rows(tmp_path, CODED_TABLE.format(legend=legend, ex=ex),
                                   "objet", "presents", "representes", "excuses", "absents", "pour", "contre")
    assert found == [("Budget primitif 2022", 4, 1, 1, 1, 5, 0),
                     ("Programme d'effacement des réseaux 2022", 4, 1, 1, 1, 4, 1)]
    people = {(p["person"], p["status"], p["mandataire"]) for p in delibs[0].attendance}
    assert people == {("Thierry BRIARD", "present", None), ("Sandrine LECLUZE", "represente", "Thierry BRIARD"),
                      ("Valérie MOUCHEL", "present", None), ("Dominique LEGOUPIL", "present", None),
                      ("Bernard LEMARIE", "absent", None), ("Jean-Paul HEUZE", "present", None),
                      ("Patrice GANCEL", "excuse", None)}


def test_wide_gaps_part_the_cells_of_a_typed_table_only():
    from delib.ingest.text import column_gaps_as_tabs
    table = "Présents                 23\nReprésentés               4\nVotants                  27\n"
    assert column_gaps_as_tabs(table) == "Présents\t23\nReprésentés\t4\nVotants\t27\n"
    kept = ["Jeudi 9 décembre 2021                    Compte-rendu du Comité Syndical",  # one line: no table
            "le  conseil   municipal  a  décidé  de  fixer  les  tarifs",  # justified prose
            "E X T R A I T   D U   R E G I S T R E"]  # letter-spaced
    for text in kept:
        assert column_gaps_as_tabs("\n".join([text] * (1 if text.startswith("Jeudi") else 3))).count("\t") == 0


def test_groups_and_offices_labelled_inside_a_list_are_no_names():
    # « Président : », « Communauté de communes du … : », « Département : » head parts of a list
    text = """Etaient absents : Président : Jean-Marc ESTEBAN ; Communauté de communes du Pays d'Arvande : Gérard FAVIER ; Nicole ROQUES ; Département : Laurent GIBERT ; Martine ARNAL (excusée)
"""
    att = find_attendance(text)
    assert sorted((p["person"], p["status"]) for p in att.people) == [
        ("Gérard FAVIER", "absent"), ("Jean-Marc ESTEBAN", "absent"), ("Laurent GIBERT", "absent"),
        ("Martine ARNAL", "excuse"), ("Nicole ROQUES", "absent")]


def test_two_given_names_before_the_surname_go_on_with_the_list():
    # « Marie Françoise DELAHAYE » after « … par Michel FAVRAUD »: a name, not the next title
    text = """ETAIENT REPRESENTES :
Martine COLOMBET par Michel FAVRAUD
Marie Françoise DELAHAYE par Gérard TALBOURDET
Jean Paul LE GOFF par Pierre SCAVINER
Paola FERREIRA par Christine VARENNE
"""
    assert proxies(find_attendance(text)) == {"Martine COLOMBET": "Michel FAVRAUD", "Marie Françoise DELAHAYE": "Gérard TALBOURDET",
                                              "Jean Paul LE GOFF": "Pierre SCAVINER", "Paola FERREIRA": "Christine VARENNE"}


def test_guests_named_after_the_absents_are_not_absent():
    text = """ETAIENT PRÉSENTS : Gérard TALBOURDET, Michel FAVRAUD
ABSENTS : Yannick PLOTEAU, Sandrine HUBAC

INVITEES PERMANENTES : Chantal MAILLEFER, Geneviève TAVERNIER
"""
    assert by_status(find_attendance(text))["absent"] == ["Yannick PLOTEAU", "Sandrine HUBAC"]


def test_a_name_closed_by_a_note_in_brackets_then_a_full_name_on_the_next_line():
    text = """ETAIENT PRÉSENTS :
Christophe GARNIER
Karima BENALI (arrivée 21h10)
Sébastien MOULIN
Evelyne TESSIER
"""
    assert by_status(find_attendance(text))["present"] == ["Christophe GARNIER", "Karima BENALI", "Sébastien MOULIN",
                                                           "Evelyne TESSIER"]


@pytest.mark.parametrize("separator", [" - ", ", "])
def test_a_note_in_brackets_that_ends_with_a_number_leaves_the_list_going(separator):
    # the « 4) » closing the note was taken for a list's number and dropped: the bracket left
    # open swallowed every name after it
    names = ["M. Jean ARNAL", "Mme Nadine SALVAIRE (à partir de la question 4)", "Mme Régine PAGÈS", "M. Pascal VIALA"]
    text = f"Présents : {separator.join(names)}\n\nAbsents : M. Thierry POUJOL\n"
    assert by_status(find_attendance(text))["present"] == ["Jean ARNAL", "Nadine SALVAIRE", "Régine PAGÈS", "Pascal VIALA"]


AGREEMENT_BY_MAJORITY = """COMPTE RENDU DU CONSEIL MUNICIPAL DU 12 MARS 2022
Présents : 10 – Pouvoirs : 5 – En exercice : 15

  • Vote des taux d'imposition 2022
    Maintien des taux de 2021.
    Accord à l'unanimité.

  • Vote du Budget primitif 2022
    Le budget s'équilibre à 1 036 500 € en fonctionnement.
    Accord à la majorité : 10 pour (8 + 2 procurations pour) et 5 contre (2 + 3 procurations)

  • Convention de déneigement avec un exploitant agricole
    Rémunération horaire fixée à 62 € HT.
    Accord à l'unanimité.
"""


def test_an_agreement_by_majority_decides_its_item():
    assert rows(AGREEMENT_BY_MAJORITY, "objet", "contre", "unanimite") == [
        ("Vote des taux d'imposition 2022", None, True), ("Vote du Budget primitif 2022", 5, False),
        ("Convention de déneigement avec un exploitant agricole", None, True)]


VOTE_OF_THE_BUDGET = """PROCES-VERBAL DE LA SEANCE DU 4 AVRIL 2023
Présents : 12 – Pouvoirs : 2 – En exercice : 15

Vote du compte administratif 2022
Le compte administratif fait apparaître un excédent de fonctionnement de 84 200 €.
Adopté à l'unanimité.

Vote des taux d'imposition 2023
Les taux sont maintenus.

Vote : 14 pour
"""


def test_a_title_may_open_with_vote_of():
    # « Vote : 14 pour » is no title, « Vote des taux d'imposition 2023 » is one
    assert [objet for objet, in rows(VOTE_OF_THE_BUDGET, "objet")] == [
        "Vote du compte administratif 2022", "Vote des taux d'imposition 2023"]


THEMED_TITLE_LINES = """COMPTE RENDU DU CONSEIL MUNICIPAL DU 18 JUIN 2024
Présents : 13 – Pouvoirs : 1 – En exercice : 15

Finances : Décision modificative n°1 du Budget Principal
Madame le Maire explique que le remplacement du chauffe-eau de la salle des fêtes (2 650 €) n'était pas prévu au budget. Il est proposé de prélever cette somme sur le compte 2152 « installations de voirie ».
Adopté à l'unanimité.

Finances : tarifs de location des gîtes communaux pour la saison 2025
Les tarifs à la semaine sont portés à 390 € en haute saison (juillet-août) et 290 € le reste de l'année. Le forfait « électricité » passe de 8 € à 10 € par nuitée d'octobre à avril.
Adopté par 12 voix pour et 2 abstentions.

Personnel Communal : Recrutement d'un agent contractuel
Un agent est recruté pour l'agence postale communale.
Adopté à l'unanimité.
"""


def test_a_title_line_with_a_theme_before_its_colon_is_the_whole_title():
    # « Finances : Décision modificative n°1 » is a title, not the run-in head « Finances »
    assert [objet for objet, in rows(THEMED_TITLE_LINES, "objet")] == [
        "Finances : Décision modificative n°1 du Budget Principal",
        "Finances : tarifs de location des gîtes communaux pour la saison 2025",
        "Personnel Communal : Recrutement d'un agent contractuel"]


SYNDICAT_HEADING_THEN_ITEMS = """SYNDICAT INTERCOMMUNAL DES EAUX DE LA HAUTE-VÈZE
RÉUNION EXTRAORDINAIRE DU COMITÉ SYNDICAL
Samedi 18 janvier 2025 – 10 h 00 – salle des fêtes de Chambeyrac

Le comité syndical s'est réuni en séance extraordinaire à la suite du départ de son président.

Nombre de délégués en exercice : 14 – votants : 11. Le quorum (8) est atteint.
Secrétaire de séance : M. Franck MATHEVON.

Élection du président

Un seul candidat s'est déclaré : M. Régis BONNEFOY. Le vote a lieu à main levée.
M. BONNEFOY ne prend pas part au vote.
Résultat : 10 voix pour. M. Régis BONNEFOY est élu président.

Cotisation des communes pour 2025

La cotisation est fixée à 1,20 € par habitant.
Adopté à l'unanimité.
"""


def test_the_first_item_is_titled_below_the_session_head_not_by_the_document_heading():
    assert [objet for objet, in rows(SYNDICAT_HEADING_THEN_ITEMS, "objet")] == [
        "Élection du président", "Cotisation des communes pour 2025"]


REGISTER_TITLE_ABOVE_ITS_COUNTS = """EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS
Séance du 3 mars 2025

Adhésion au groupement de commandes pour l'achat d'électricité

Nombre de conseillers en exercice : 15 – Présents : 12 – Votants : 13
Le conseil municipal, après en avoir délibéré, décide d'adhérer au groupement. Adopté à l'unanimité.

EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS
Séance du 3 mars 2025

Tarifs de la cantine scolaire

Nombre de conseillers en exercice : 15 – Présents : 13 – Votants : 14
Le conseil municipal, après en avoir délibéré, fixe le prix du repas à 3,40 €. Adopté à l'unanimité.
"""


def test_extracts_titled_above_their_counts_keep_their_titles():
    # the first extract's title lies above its counts (no title after them: it stays), and a
    # line of counts is never a title
    assert [objet for objet, in rows(REGISTER_TITLE_ABOVE_ITS_COUNTS, "objet")] == [
        "Adhésion au groupement de commandes pour l'achat d'électricité", "Tarifs de la cantine scolaire"]


def test_a_figure_then_its_label_with_a_verb_between_is_a_count():
    # « sur 11 membres en exercice, 8 sont présents » (and only a figure before its label: « Présents : 8 sont
    # arrivés » stays « Présents : 8 »)
    assert count_pairs("Après l'appel, sur 11 membres en exercice, 8 sont présents. Le quorum est atteint.") == [
        ("en_exercice", 11), ("presents", 8)]
    assert count_pairs("3 étaient absents et 2 sont excusés") == [("absents", 3), ("excuses", 2)]


def test_proxies_drawn_with_an_arrow():
    text = """Présents (4) : M. LAPEYRE (maire), Mme SOULIÉ, M. CAUSSAT, Mme DELSOL

Pouvoirs (3) : Mme MARTY → M. LAPEYRE ; M. VIDAL → Mme SOULIÉ ; Mme ALBERT ⇒ M. CAUSSAT

Excusé (1) : M. RIEUX
"""
    assert proxies(find_attendance(text)) == {"MARTY": "LAPEYRE", "VIDAL": "SOULIÉ", "ALBERT": "CAUSSAT"}
