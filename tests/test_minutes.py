"""Splitting minutes into one deliberation per item the council decides on.

The phrasings below are quoted verbatim from the corpus (../shared/corpus); the
whole-document tests read the corpus itself and are skipped without it. Every
count asserted was checked by reading the document (how is said beside it).
"""
from pathlib import Path

import pytest

from delib.ingest import ingest
from delib.model import Document
from corpus_documents import corpus_document as corpus_doc
from delib.segment import segment_document
from delib.segment.classify import classify
from delib.segment.minutes import (
    find_decisions, find_deliberations, find_item_headers, longest_run, rubric_title,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw"


def text_doc(text: str, name: str = "excerpt") -> Document:
    return Document(doc_id=name, source_path=name, file_name=name, format="txt", text=text)


def deliberations(doc: Document):
    return find_deliberations(doc, doc.doc_id)


# --- Decision statements --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Pour : 58\nContre : 1 (M. Viguié)\nAdopté à la majorité",                     # Montpellier 2011
    "ADOPTÉ À L'UNANIMITÉ",                                                         # Lannion 2021
    "Le Conseil communautaire, après en avoir délibéré, avec 76 voix pour, 0 contre et 2 abstentions :",  # Roannais
    "LE CONSEIL MUNICIPAL, A L'EXCEPTION DE MONSIEUR GOUEDARD, MADAME LAVIEILLE, MESSIEURS DROULLOURS ET TACHE\n\n"
    "QUI S'ABSTIENNENT, ACCEPTE CES PROPOSITIONS",                                 # Avranches 2013
    "Après avoir entendu l’exposé qui précède et après délibération, les membres du conseil\n"
    "prnnent acte du rapport d’activité 2012 de la CCPA.",                          # L'Arbresle (sic)
    "Le Conseil municipal prend acte.",                                             # Montpellier item 68
    "M. Paul LE BIHAN a été proclamé Maire de LANNION et a été immédiatement installé.",  # Lannion 2020
    "10 votes pour. 2 Abstentions",                                                 # Couthenans 2023
    "• Le Conseil, à l’unanimité, Instaure à compter du 13 février 2023, une indemnité annuelle",  # Corte 2023
    "Adopté, sauf par M. GUESNIER qui s’abstient.",                                 # Clairoix
])
def test_one_decision_statement(text):
    assert len(find_decisions(text)) == 1


@pytest.mark.parametrize("text", [
    # decisions of the bureau, reported to the council (Roannais, item 1)
    "Le bureau communautaire, après en avoir délibéré à l’unanimité :\n- approuve la convention de chasse",
    # a verb of the decision's list, not a verdict (Roannais, DM2)
    "- adopte la décision modificative n°2 de l’exercice 2021 du budget général",
    # the exposé quoting an earlier decision
    "Vu la délibération n° 2017-208 du 16 décembre 2017 adoptant le Budget Primitif de la Ville pour",
    "Il est demandé aux membres du conseil municipal de bien vouloir décider la création",
    "Le Maire invite le conseil municipal à voter ces crédits.",
    # a sum, not a tally (Clairoix)
    "LES EQUIPEMENTS pour :\n 88 004,30 €",
])
def test_not_a_decision(text):
    assert find_decisions(text) == []


def test_a_second_tally_is_a_second_decision():
    # Couthenans 2021, item 2: two budgets, two votes.
    text = ("DM1 pour budget communal approuvé : Vote : 14 pour / 0 contre / 0 abstention • adopté\n"
            "DM1 pour budget assainissement approuvé : Vote : 14 pour / 0 contre / 0 abstention • adopté\n")
    assert len(find_decisions(text)) == 2


# --- Headers and runs ---------------------------------------------------------------------

ROANNAIS_EXCERPT = """4. Création d’une autorisation de programme - Budget général – « réorganisation de la collecte de
déchets ménagers »
1. développer au maximum le compostage individuel ;
2. mettre en place du compostage collectif, là où c'est possible ;
3. mettre en place, sur une partie du territoire, la collecte en porte à porte.
Le Conseil communautaire, après en avoir délibéré, avec 76 voix pour, 0 contre et 2 abstentions :
5. Décision modificative - Exercice 2021 – Budget général – DM2
1016 - Investissements service déchets ménagers
1018 - Travaux amélioration bâtiments sportifs
6. Décision modificative - Exercice 2021 – Budget annexe - Locations immobilières - DM2
"""


def test_the_items_are_the_run_1_2_3_not_a_list_inside_an_item():
    families = find_item_headers(ROANNAIS_EXCERPT)
    run = longest_run(families["arabic."])
    assert [h.number for h in run] == ["4", "5", "6"]
    # « 1016 - Investissements » is a budget line: not a numbering of items
    assert all(h.number not in ("1016", "1018") for h in families.get("arabic.", []))


def test_montpellier_headers_print_the_rapporteur_first():
    families = find_item_headers("Philippe SAUREL 5. Programme d'Aménagement d'Ensemble (PAE) multisites MARQUEROSE - 2ème\n"
                                 "Mme le MAIRE 96. Vœu contre l’exploitation du gaz de schiste\n")
    assert [(h.number, h.title[:20]) for h in families["arabic."]] == [("5", "Programme d'Aménagem"),
                                                                        ("96", "Vœu contre l’exploit")]


CHATILLON_EXCERPT = """SOMMAIRE
1. Observations sur le compte rendu du conseil municipal du 16 décembre 2017 page 03
2. Compte rendu des décisions prises par le Maire page 03
3. Exercice 2017 – Budget principal de la Ville – Compte de gestion page 05
4. Exercice 2017 – Budget principal de la Ville – Compte administratif page 06
SEANCE DU CONSEIL MUNICIPAL
1 – Observation sur le compte-rendu de la séance du conseil municipal du 16 décembre 2017
2 – Compte-rendu des décisions prises par le Maire
Par décision n° 2017-196 du 27 novembre 2017, la Ville a été autorisée à procéder à l’aliénation
3 – N° 2018-024 - Exercice 2017 – Budget principal de la Ville – Compte de gestion
DECISION : le Conseil Municipal accepte à l’unanimité, les propositions ci-dessus.
4 – N° 2018-025 - Exercice 2017 – Budget principal de la Ville – Compte administratif
DECISION : En l’absence de Monsieur le Maire, le Conseil Municipal accepte à l’unanimité, les propositions cidessus.
"""


def test_a_table_of_contents_makes_no_item_and_register_numbers_win():
    doc = text_doc(CHATILLON_EXCERPT)
    segments = deliberations(doc)
    # items 1 and 2 (observations, the mayor's decisions) have no register number and decide nothing
    assert [s.number for s in segments] == ["2018-024", "2018-025"]
    assert segments[0].title == "Exercice 2017 – Budget principal de la Ville – Compte de gestion"
    assert all(s.char_start > CHATILLON_EXCERPT.index("SEANCE DU CONSEIL") for s in segments)


@pytest.mark.parametrize("line, rubric", [
    ("IV. PERSONNEL", "PERSONNEL"),                                      # L'Arbresle
    ("Petite enfance", "Petite enfance"),                                # Montpellier
    ("Point n° 2 : Régie du Parking TUFFELLI", "Régie du Parking TUFFELLI"),  # Corte: a rubric over items
    ("ADOPTÉ À L'UNANIMITÉ", None),
    ("Mme Benouargha-Jaffiol sort de séance.", None),
    ("Madame DOYEN : Il réintègre quand, la commune ?", None),
    ("Secrétaire : Mme Noëlle RELET", None),
    ("David DOZANCE Martine ROFFAT", None),
])
def test_rubric_lines(line, rubric):
    assert rubric_title(line) == rubric


# --- Whole documents ---------------------------------------------------------------------------

def test_seed_register_extract_is_one_deliberation():
    doc = ingest(SEEDS / "001_c628b3d41b0ed031.txt")
    segments = deliberations(doc)
    assert len(segments) == 1
    assert doc.text[segments[0].char_start:].startswith("EXTRAIT DU REGISTRE")
    assert classify(doc.text, segment_document(doc)) == "deliberation"


def test_seed_blank_deliberation_page_is_one_deliberation():
    doc = ingest(SEEDS / "004_9955c5cae59c762c.txt")
    segments = deliberations(doc)
    assert len(segments) == 1
    assert doc.text[segments[0].char_start:].startswith("Délibération n° du 15 février 2018")


def test_montpellier_2011_has_95_deliberations():
    # Counted by reading: items 1. to 96. each with a rapporteur; the agenda and the
    # previous minutes (« Mme le Maire Adoption de … Pour : 59 ») are not numbered, and
    # « Lecture des décisions » after 96 is no item; 68, the « Communication au Conseil
    # Municipal du rapport … » of which « Le conseil municipal prend acte », decides nothing.
    doc = corpus_doc("montpellier_cr_cm_2011-02-07.pdf")
    segments = deliberations(doc)
    assert [s.number for s in segments] == [str(n) for n in range(1, 97) if n != 68]
    assert segments[0].title == "Quartier Près d’Arènes Les Aiguerelles - Dénomination de la Place Georges FRECHE"
    assert segments[45].title == "PARTENARIAT VILLE DE MONTPELLIER / ASSOCIATIONS SPORTIVES - Attribution de subventions"
    # item 71 is listed without any account of the vote: a deliberation all the same
    assert segments[69].title == "Report cotisations 2010"
    # « M. Vignal entre en séance. » belongs between items 3 and 4, in neither
    arrival = doc.text.index("M. Vignal entre en séance")
    assert segments[2].char_end <= arrival < segments[3].char_start
    assert classify(doc.text, segment_document(doc)) == "proces_verbal"


def test_chatillon_toc_makes_no_item():
    # The closing line says it: « 36 délibérations ont été prises du n° 2018-024 au
    # n° 2018-059 » (2018-031 is printed twice, 2018-032 never).
    doc = corpus_doc("chatillon-sur-seine_cr_cm_2018-04-04.txt")
    segments = deliberations(doc)
    assert len(segments) == 36
    assert segments[0].number == "2018-024" and segments[-1].number == "2018-059"
    session_start = doc.text.index("SEANCE DU CONSEIL MUNICIPAL")
    assert all(s.char_start > session_start for s in segments)
    # « 34 –N° 2018-055 - Information sur les marchés »: numbered as a deliberation, so one
    assert "Information sur les marchés" in [s.title for s in segments]


def test_larbresle_dl_numbers_in_printed_order():
    # Counted by reading: DL-055 … DL-065 plus DL-066 printed third; roman numbers
    # (« IV. PERSONNEL ») are rubrics and « II. APPROBATION DU COMPTE RENDU » is none.
    doc = corpus_doc("larbresle_cr_cm_2013-07-09.pdf")
    numbers = [s.number for s in deliberations(doc)]
    assert numbers == ["DL-055-07-13", "DL-056-07-13", "DL-066-07-13"] + [f"DL-0{n}-07-13" for n in range(57, 66)]


def test_ouzous_list_of_deliberations_at_the_end_makes_no_item():
    # Five numbered deliberations N°2014/25 … 29; the unnumbered points (« VENTE TERRAIN »,
    # « PROJET APPARTEMENTS … ajourné », « SOCOTEC ») decide nothing; the list
    # « Délibérations : N°2014/25- Vote de crédits … » at the end repeats them.
    doc = corpus_doc("ouzous_seance_cm_2014-11-06.txt")
    segments = deliberations(doc)
    assert [s.number for s in segments] == ["2014/25", "2014/26", "2014/27", "2014/28", "2014/29"]
    assert segments[1].title == "ACQUISITION TERRAIN CADASTRÉ S°AA N°153"
    assert all(s.char_start < doc.text.index("Délibérations :") for s in segments)


def test_avranches_register_numbers_with_letters():
    # « 2013.07.01 - 1 » … « 2013.07.01 - 20 » with 15 A and 15 B: 21. Item 1 approves the
    # previous minutes but carries a deliberation number, so it counts.
    doc = corpus_doc("avranches_pv_cm_2013-07-01.txt")
    segments = deliberations(doc)
    assert len(segments) == 21
    assert segments[0].title == "ADOPTION DU COMPTE-RENDU DE LA SEANCE DU 4 MARS 2013"
    assert [s.number for s in segments[14:16]] == ["2013.07.01 – 15 A", "2013.07.01 – 15 B"]


def test_couthenans_two_votes_in_one_item_and_a_vote_under_questions_diverses():
    # 2021: item 1 (1 vote), item 2 (DM1 communal + DM1 assainissement), items 3 and 4
    # (1 vote each), item 5 (preparing the elections: no vote), item 6 « Questions
    # diverses » whose 6.3 has a vote; « Pour : 49 » under 6.5 is a poll of residents.
    doc = corpus_doc("couthenans_cr_cm_2021-06-04.pdf")
    segments = deliberations(doc)
    assert [s.number for s in segments] == ["1", "2", "2", "3", "4", "6.3"]
    # each vote is labelled, so each part is named by its label, less the verdict it ends on
    assert segments[1].title == "DM1 pour budget communal"
    assert segments[2].title == "DM1 pour budget assainissement"
    assert segments[5].title == "Verger de sauvegarde"


def test_couthenans_2023_twelve_votes():
    # « 1/ Délibération … » to « 12/ … », each followed by its votes; 13/ is questions diverses.
    doc = corpus_doc("couthenans_cr_cm_2023-02-24.pdf")
    assert len(deliberations(doc)) == 12


def test_clairoix_unnumbered_items():
    # No numbers: « TITRE : » then « Madame X donne lecture du rapport suivant ». 16
    # « Adopté … » statements, one per item; « BUDGET PRIMITIF 2006 » prints none.
    doc = corpus_doc("clairoix_cm_2006-03-24.txt")
    titles = [s.title for s in deliberations(doc)]
    assert len(titles) == 16
    assert titles[:3] == ["COMPTE ADMINISTRATIF 2005", "AFFECTATION DES RESULTATS", "COMPTE DE GESTION 2005"]
    assert "BUDGET PRIMITIF 2006" not in titles


def test_lannion_installation_elections_are_deliberations():
    # 1 – Election du Maire, 2 – Fixation du nombre d'adjoints, 3 – Election des adjoints;
    # 4 – Lecture de la charte de l'élu local decides nothing.
    doc = corpus_doc("lannion_pv_cm_2020-05-25_installation.pdf")
    assert [s.title for s in deliberations(doc)] == ["Election du Maire", "Fixation du nombre d'adjoints",
                                                     "Election des adjoints"]


def test_recueil_of_register_extracts_one_per_actes_number():
    # DEL-25-07-045 … DEL-25-07-074 and 059-A; DEL-25-07-050 is printed only with an
    # OCR-damaged stamp, so 30 of the 31 are found.
    doc = corpus_doc("corte_recueil_delibs_2025-07-01_ocr_by_repo.md")
    segments = deliberations(doc)
    assert len(segments) == 30
    assert segments[0].number == "25-07-045"
    assert classify(doc.text, segment_document(doc)) == "proces_verbal"


# --- Minutes of communes délib was not built on (corpus2 dev set) ----------------------------

@pytest.mark.parametrize("text", [
    "Monsieur le Maire met la délibération au vote, elle est adoptée à l'unanimité.",     # Oignies 2013
    "Approbation du Conseil municipal à l’unanimité.",                                  # Rots 2025
    "Vote : unanimité",                                                                 # Flaux-style vote line
    "Accord du conseil à l'unanimité. Délibération prise en ce sens.",                  # Saint-Restitut (SOURCES.md)
    "Accord du conseil xxx",                                                            # the same, left unfinished
    "La délibération est adoptée à l'unaminité.",                                       # typo of the genre
    "• Le conseil municipal, après en avoir délibéré désapprouve à 14 voix contre et une voix pour,",  # Ville 2009
    "Le conseil municipal, après avoir pris connaissance du rapport de la Communauté de communes du\n"
    "Pays Noyonnais sur la révision de la dotation d’attribution de la commune de Pont-L’Evêque, émet un\n"
    "avis favorable sur le rapport présenté et en accepte les termes.",                 # Ville 2014: a long subject
])
def test_decisions_phrased_as_other_communes_do(text):
    assert len(find_decisions(text)) == 1


@pytest.mark.parametrize("text", [
    "Vu la délibération du 12 mars adoptée à l'unanimité,",          # a visa quotes a decision
    "Conseil Municipal du 4 avril 2018\n____\nCompte-rendu page 34\nAttribué à : Ent. PATEU & ROBERT",  # page furniture
])
def test_no_decision(text):
    assert find_decisions(text) == []


UNNUMBERED = """MAIRIE DE VILLE
Compte rendu de la réunion du Conseil Municipal du 6 juin 2014
Présents : Mmes et Ms Philippe Barbillon –Denis Valck – Jocelyne Hallu.
Secrétaire de séance : M. Christophe Carton
Compte rendu de la réunion du 17 avril 2014 adopté à l’unanimité.
En préambule, Madame Hallu donne un compte rendu des dernières réunions du SIRS (Syndicat
intercommunal du regroupement scolaire).
Avis sur le rapport de la CLECT (Commission locale chargée d’évaluer les transferts de
charges) du 30 janvier 2014, sur le tourisme
Le Conseil Municipal, après avoir pris connaissance du rapport de la Communauté de communes du
Pays Noyonnais sur le tourisme et après en avoir délibéré, à l’unanimité, émet un avis favorable sur le
rapport présenté et en accepte les termes.
Désignation d’un délégué auprès de la CLECT
Le conseil municipal, à l’unanimité, désigne Monsieur Denis Valck en qualité de représentant du
conseil municipal pour siéger à la CLECT.
Avis sur le Programme Local d’Habitat du pays Noyonnais (PLH)
Le conseil municipal, après avoir pris connaissance du rapport, et après avoir voté, émet un avis défavorable à :
• 1 voix pour
• 12 voix contre
• 2 abstentions
FINANCES
Bail parcelle A92
Suite à la délibération en date du 20 septembre 2013, le conseil municipal, à l’unanimité,
décide de donner l’autorisation de signer le bail à Madame Hallu, 2ème adjointe.
"""


def test_unnumbered_minutes_give_one_deliberation_per_decision():
    """Ville (60), 6 June 2014 (corpus2, abridged): titles without numbers, each closed by a
    decision; the approval of the previous minutes, the préambule and the rubric « FINANCES »
    are not deliberations, and two short items in a row are not one."""
    found = deliberations(text_doc(UNNUMBERED))
    assert [d.title for d in found] == [
        "Avis sur le rapport de la CLECT (Commission locale chargée d’évaluer les transferts de charges) "
        "du 30 janvier 2014, sur le tourisme",
        "Désignation d’un délégué auprès de la CLECT",
        "Avis sur le Programme Local d’Habitat du pays Noyonnais (PLH)",
        "Bail parcelle A92",
    ]
    assert UNNUMBERED[found[-1].char_start:].startswith("Bail parcelle A92")


LABELLED = """1- Désignation d’un secrétaire de séance.
3- Délibération: approbation du procès-verbal du Conseil municipal du 16/12/2024.
4- Information: actualités de la CU Caen la mer.
5- Délibération: adhésion au groupement de commandes.
Etaient présents : M. Michel BOURGUIGNON, M. Jacky BESNIER.
1-) Désignation d’un secrétaire de séance.
M. Gérard VARLET est désigné comme secrétaire de séance.
2-) Information : bilan 2024 des objectifs Éducation Enfance Jeunesse.
Aucune décision pour ce point.
3-) Délibération : approbation du procès-verbal du Conseil municipal du 16/12/2024.
Proposition : approuver le procès-verbal du Conseil municipal du 16/12/2024.
Approbation du Conseil municipal par 19 voix pour, 2 abstentions (Mme Aurore BRUAND, M. Thomas PAULMIER),
0 contre.
8-) Délibération : subvention à l’association AIAE.
Proposition : attribuer une subvention de 600 €.
Approbation du Conseil municipal à l’unanimité.
4-) Information : actualités de la CU Caen la mer.
Monsieur le Maire rappelle qu’une réunion de travail aura lieu mardi.
5-) Délibération : adhésion au groupement de commandes.
Approbation du Conseil municipal à l’unanimité.
6-) Information : travaux de la salle.
Monsieur le Maire fait le point des travaux.
7-) Information : calendrier.
Monsieur le Maire donne les dates des prochains conseils.
9-) Délibération : création d’un emploi non permanent d’animateur.
Approbation du Conseil municipal à l’unanimité.
"""


def test_items_numbered_1_dash_paren_labelled_and_out_of_order():
    """Rots (14), 27 January 2025 (corpus2, abridged): « N-) » numbers after an agenda in
    « N- », items labelled « Délibération : » / « Information : », point 8 taken before 4.
    A labelled approval of the minutes is a deliberation; the secretary's designation and
    an information are not."""
    found = deliberations(text_doc(LABELLED))
    assert [(d.number, d.title) for d in found] == [
        ("3", "approbation du procès-verbal du Conseil municipal du 16/12/2024"),
        ("8", "subvention à l’association AIAE"),
        ("5", "adhésion au groupement de commandes"),
        ("9", "création d’un emploi non permanent d’animateur"),
    ]


def test_a_remark_under_divers_is_no_deliberation():
    """Ville (60), 31 January 2013 (corpus2): the « DIVERS » rubric reports, it does not decide."""
    text = ("Modification des rythmes scolaires\n"
            "Le conseil municipal décide à l’unanimité de demander le report.\n"
            "Suppression de la régie de recettes pour le tennis\n"
            "Le conseil municipal, à l’unanimité, DECIDE de supprimer la régie de recettes.\n"
            "DIVERS\n"
            "• Fête communale : une réunion sera organisée courant mars avec les forains.\n"
            "• Monsieur le maire informe le conseil municipal que le coefficient de revalorisation des\n"
            "valeurs locatives foncières voté par le Parlement pour 2013, est de 1.018.\n")
    assert [d.title for d in deliberations(text_doc(text))] == [
        "Modification des rythmes scolaires", "Suppression de la régie de recettes pour le tennis"]


def test_an_item_read_out_as_a_deliberation_without_its_vote_is_one():
    """Oignies (62), 12 December 2013 (corpus2): item 3 is read out as a « projet de
    délibération » and the minutes go on to the next item without recording the vote."""
    text = ("1. Approbation du compte rendu du Conseil du 27 Novembre 2013.\n"
            "Il est adopté à l'unanimité.\n"
            "3 . Tarifs de la restauration scolaire.\n"
            "Monsieur le Maire cède la parole à Madame DUPUIS qui fait lecture du projet de délibération,\n"
            "elle insiste sur le fait qu'aucune augmentation n'est proposée pour l'année 2014. Monsieur le\n"
            "Maire expose que nous travaillons sur les coefficients familiaux et qu'un nouveau projet sera\n"
            "apposé à partir du mois de septembre 2014.\n"
            "4. Tarifs des services de la petite enfance.\n"
            "Monsieur le Maire met la délibération au vote, elle est adoptée à l'unanimité.\n"
            "5. Bail avec la Société BOUBET.\n"
            "La délibération est adoptée à l'unanimité.\n")
    assert [d.number for d in deliberations(text_doc(text))] == ["3", "4", "5"]


def test_numbered_rubrics_over_lettered_items():
    """Lalouvesc (07), 11 December 2023 (corpus2, OCR, abridged): « 1. COMMISSION FINANCES »
    is a rubric; each lettered item under it is closed by its own decision."""
    text = ("1. COMMISSION FINANCES\n"
            "a. Décision modificative n° 3 - Régularisation titre annulé\n"
            "Le conseil approuve à l’unanimité la décision modificative budgétaire n°3.\n"
            "b. Mise en place du régime indemnitaire RIFSEEP\n"
            "Le conseil approuve à l’unanimité du RIFSEEP.\n"
            "c. Emploi pour agence postale et mairie à prévoir au budget 2024\n"
            "Il faudra prévoir au budget 2024 un emploi sur l'agence postale.\n"
            "2. COMMISSION GESTION\n"
            "a. Lancement d’un appel d'offre pour les travaux concernant l'aménagement Beau-Séjour\n"
            "Le conseil approuve à l’unanimité le lancement de l’appel d’offre.\n"
            "3. COMITÉ VIE LOCALE\n"
            "a. Fin de la location pour la salle du 3e âge\n"
            "Le conseil approuve à l’unanimité la fin de la location.\n"
            "b. Modification des tarifs du camping pour l’année 2024\n"
            "Le conseil approuve à l’unanimité la nouvelle grille tarifaire.\n")
    assert [(d.number, d.title) for d in deliberations(text_doc(text))] == [
        ("a", "Décision modificative n° 3 - Régularisation titre annulé"),
        ("b", "Mise en place du régime indemnitaire RIFSEEP"),
        ("a", "Lancement d’un appel d'offre pour les travaux concernant l'aménagement Beau-Séjour"),
        ("a", "Fin de la location pour la salle du 3e âge"),
        ("b", "Modification des tarifs du camping pour l’année 2024"),
    ]


def test_a_list_of_deliberations_gives_one_per_entry():
    """A « Liste des délibérations votées » (the shape Flaux (30) publishes, corpus2 SOURCES):
    each bullet is a deliberation, though no vote is told."""
    text = ("Liste des délibérations votées\nLe 16 MAI 2025\n"
            "• Approbation du procès-verbal du 04 avril 2025\n"
            "• Adhésion à l’association de création d’un parc naturel régional PNR\n"
            "• Devis prévisionnel honoraires avocat pour le contentieux\n"
            "de la station d’épuration\n"
            "• Vente d’une parcelle communale\n")
    found = deliberations(text_doc(text))
    assert [d.title for d in found] == [
        "Approbation du procès-verbal du 04 avril 2025",
        "Adhésion à l’association de création d’un parc naturel régional PNR",
        "Devis prévisionnel honoraires avocat pour le contentieux de la station d’épuration",
        "Vente d’une parcelle communale",
    ]


def test_a_deliberation_number_under_its_title_takes_the_title_above():
    """Lalouvesc (07), 11 December 2023 (corpus2, OCR, abridged): the number line
    « Délibération n° 2023 _037_D (Voir annexe) » is printed under the item's title."""
    text = ("e. Demande de subvention DETR remplacement de canalisations d’eau potable\n"
            "Délibération n° 2023_037_D (Voir annexe)\n"
            "Le conseil approuve à l’unanimité la demande de subvention.\n"
            "f. Délégation du conseil au maire pour modifier les régies existantes\n"
            "Délibération n° 2023_038_D (Voir annexe)\n"
            "Le conseil approuve à l’unanimité l’autorisation de M. le Maire.\n")
    found = deliberations(text_doc(text))
    assert [d.title for d in found] == [
        "Demande de subvention DETR remplacement de canalisations d’eau potable",
        "Délégation du conseil au maire pour modifier les régies existantes",
    ]
    assert text[found[1].char_start:].startswith("f. Délégation")
