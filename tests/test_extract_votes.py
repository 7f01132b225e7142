"""Votes of deliberations: each phrasing is quoted verbatim from real minutes.

Sources: seed 001 (Ivry-sur-Seine), and the corpus in ../shared/corpus (see
CORPUS.md): Montpellier CR of 7 Feb 2011, Roannais Agglomération PV of 28 Oct
2021, Couthenans CRs, L'Arbresle, Avranches, Châtillon-sur-Seine, Eybens,
Ouzous, Clairoix, Lannion, Corte.
"""
from pathlib import Path

import pytest

from delib.extract.votes import find_vote
from delib.ingest import ingest

REPO = Path(__file__).resolve().parents[1]


def tally(vote):
    return vote.pour, vote.contre, vote.abstentions


# --- Tallies ------------------------------------------------------------------------

def test_seed_001_majority_with_abstentions_implies_zero_against():
    text = ingest(REPO / "data/raw/001_c628b3d41b0ed031.txt").text
    vote = find_vote(text)
    assert tally(vote) == (32, 0, 9)
    assert vote.unanimite is False
    assert vote.resultat == "adopte"
    assert text[vote.char_start:vote.char_end] == "Adopté à la majorité\npar 32 voix pour, 9 abstentions"


def test_montpellier_for_and_against_with_named_opponent():
    vote = find_vote("Serge 1. Quartier Près d’Arènes Les Aiguerelles - Dénomination de la Place Georges FRECHE\n"
                     "FLEURENCE Pour : 58\nContre : 1 (M. Viguié)\nAdopté à la majorité")
    assert tally(vote) == (58, 1, 0)
    assert vote.unanimite is False
    assert vote.resultat == "adopte"


def test_montpellier_unanimity_of_votes_cast():
    vote = find_vote("Michaël 3. Engagement de la Ville en faveur …\n"
                     "DELAFOSSE Pour : 51\nAbstention : 7\nAdopté à l’unanimité des suffrages exprimés")
    assert tally(vote) == (51, 0, 7)
    assert vote.unanimite is True
    assert vote.resultat == "adopte"


def test_montpellier_figure_with_unanimity():
    vote = find_vote("Mme le Maire Adoption de l’ordre du jour\nPour : 59\nAdopté à l’unanimité")
    assert tally(vote) == (59, 0, 0)
    assert vote.unanimite is True


def test_contract_unanimity_of_votes_cast_with_figure_in_brackets():
    vote = find_vote("à l'unanimité des suffrages exprimés (25 voix), 3 abstentions")
    assert tally(vote) == (25, 0, 3)
    assert vote.unanimite is True
    assert vote.resultat == "adopte"


def test_roannais_tally_in_the_deliberative_sentence():
    vote = find_vote("Le Conseil communautaire, après en avoir délibéré, avec 74 voix pour, 2 contre et 2 abstentions :\n"
                     "- adopte la décision modificative n°3 du budget annexe des équipements de tourisme")
    assert tally(vote) == (74, 2, 2)
    assert vote.unanimite is False
    assert vote.resultat == "adopte"


def test_roannais_vu_sentence_ending_on_a_comma_does_not_hide_the_vote():
    text = ("Vu le rapport présenté ci-dessus,\n"
            "Le Conseil communautaire, après en avoir délibéré, avec 76 voix pour, 0 contre et 2 abstentions :\n"
            "- adopte la décision modificative n°2 du budget annexe locations immobilières")
    assert tally(find_vote(text)) == (76, 0, 2)


def test_couthenans_slashed_tally_then_verdict():
    vote = find_vote("DM1 pour budget communal approuvé : Vote : 14 pour / 0 contre / 0 abstention  adopté")
    assert tally(vote) == (14, 0, 0)
    assert vote.resultat == "adopte"
    assert vote.text.startswith("14 pour")  # « DM1 pour budget » is not a count


@pytest.mark.parametrize("text, expected", [
    ("1/ Délibération reversement taxe d’aménagement à la CCPH :\n10 votes pour. 2 Abstentions", (10, 0, 2)),
    ("4/ Délibération emploi non permanent accroissement temporaire d’activité :\n"
     "Délibération pour CDD Sandra pendant 3 mois.\n2 votes contre 1 abstention 9 votes pour", (9, 2, 1)),
    ("8/ Délibération rapport d’activité 2021 de la CCPH\n2 abstentions 10 votes pour", (10, 0, 2)),
    ("2/ Délibération pour le calcul de la longueur de la voie publique.\n12 votes pour", (12, 0, 0)),
])
def test_couthenans_counts_in_any_order(text, expected):
    vote = find_vote(text)
    assert tally(vote) == expected
    assert vote.resultat == "adopte"


def test_couthenans_more_for_than_against_is_adopted():
    # The brief lists « 4 votes contre 8 votes pour » as rejected, but 8 for
    # against 4 carries the motion under the contract's rule (more against
    # than for -> rejeté), so it is adopted.
    vote = find_vote("10/ Délibération programme de travaux en forêt communale 2023\n4 votes contre 8 votes pour")
    assert tally(vote) == (8, 4, 0)
    assert vote.resultat == "adopte"


def test_more_against_than_for_is_rejected():
    # The Couthenans phrasing with the figures swapped: no minutes in hand record a rejection.
    vote = find_vote("8 votes contre 4 votes pour")
    assert tally(vote) == (4, 8, 0)
    assert vote.resultat == "rejete"


def test_numbers_written_in_words():
    vote = find_vote("Le Conseil, après en avoir délibéré, par vingt-neuf voix pour et quatre abstentions, approuve")
    assert tally(vote) == (29, 0, 4)


def test_corte_budget_tally_with_quoted_categories():
    text = ("Le Budget Primitif 2025 de la Commune est adopté en Fonctionnement et en Investissement, à la\n\n"
            "majorité des membres présents et représentés, par :\n\n"
            "e 22 voix « Pour », et\n\n"
            "e 5 « Abstentions » : V. BORROMEÏ, ML CASTELLI, F. DEMUYNCK, P. RINIERI, M. SIMEONI.\n\n"
            "Fait et délibéré le jour, mois et an que dessus.")
    vote = find_vote(text)
    assert tally(vote) == (22, 0, 5)
    assert vote.unanimite is False
    assert vote.resultat == "adopte"


# --- Unanimity and plain verdicts ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "ADOPTÉ À L'UNANIMITÉ",  # Lannion
    "LE CONSEIL MUNICIPAL, A L’UNANIMITE, ACCEPTE CETTE PROPOSITION",  # Avranches
    "Après en avoir délibéré, les membres du conseil\nmunicipal adoptent, à l'unanimité, la présente délibération.",
    "DECISION : le Conseil Municipal accepte à l’unanimité, les propositions ci-dessus.",  # Châtillon
    "Délibération adoptée à l'unanimité",  # Eybens
    "Le Conseil Municipal à l’unanimité des membres présents accepte cette proposition et",  # Ouzous
    "Adopté à l’unanimité par le Conseil Municipal,",  # Clairoix
    "Le Conseil communautaire, après en avoir délibéré à l’unanimité :",  # Roannais
    "Après en avoir délibéré,\n\nA l’unanimité des membres présents et représentés,\n\n> ADOPTE la proposition de son Maire,",
])
def test_unanimity_without_figures(text):
    vote = find_vote(text)
    assert vote.unanimite is True
    assert tally(vote) == (None, None, None)
    assert vote.resultat == "adopte"


def test_montpellier_le_conseil_adopte():
    vote = find_vote("Pour extrait conforme,\nLe Conseil adopte.\nMonsieur le Maire,")
    assert vote.resultat == "adopte"
    assert vote.unanimite is None
    assert tally(vote) == (None, None, None)


def test_vote_quoted_in_the_expose_is_not_the_decision():
    # Roannais: the law quoted in a « Vu » sentence, then the real tally.
    text = ("Vu le Code général des collectivités territoriales et notamment son article L.2121-21 prévoyant que « Le conseil\n"
            "municipal peut décider, à l'unanimité, de ne pas procéder au scrutin secret aux nominations ou aux présentations » ;\n"
            "Considérant qu’il convient donc d’élire un autre représentant suppléant pour la remplacer ;\n"
            "Le Conseil communautaire, après en avoir délibéré, avec 74 voix pour, 0 contre et 4 abstentions :\n"
            "- accepte de ne pas procéder au scrutin secret ;")
    vote = find_vote(text)
    assert tally(vote) == (74, 0, 4)
    assert vote.unanimite is False


def test_considerant_sentence_alone_is_no_vote():
    text = ("Considérant que la commission a rendu son rapport définitif, adopté à l’unanimité des membres présents, le\n"
            "19 mai 2021 ;")
    assert find_vote(text) is None


def test_narrative_past_tense_is_no_vote():
    # seed 004: a convention's exposé
    assert find_vote("en février 2015,\nle Conseil de Paris a adopté un plan inédit pour la Qualité de l’air") is None


# --- Members not taking part, abstaining by name ------------------------------------------------

def test_majority_with_one_member_not_taking_part():
    vote = find_vote("Le Conseil, à la majorité, Madame X ne prenant pas part au vote")
    assert vote.ne_prend_pas_part == 1
    assert vote.non_participants == ["X"]
    assert vote.resultat == "adopte"
    assert vote.unanimite is False


def test_avranches_member_not_taking_part_in_brackets():
    vote = find_vote("LE CONSEIL MUNICIPAL, A L’UNANIMITE, ACCEPTE CES PROPOSITIONS \n\n(MADAME DUTEIL NE PREND PAS PART AU VOTE) ")
    assert vote.ne_prend_pas_part == 1
    assert vote.non_participants == ["DUTEIL"]
    assert vote.unanimite is True


def test_two_members_not_taking_part():
    vote = find_vote("Le Conseil adopte.\nM. Gély et M. Dufour ne prennent pas part au vote.")
    assert vote.ne_prend_pas_part == 2
    assert vote.non_participants == ["Gély", "Dufour"]


def test_montpellier_non_participants_with_proxies_and_line_breaks():
    text = ("Pour : 46\nAdopté à l’unanimité\n"
            "Mme le Maire, Mmes Capuozzi-Boualem, Prunier, Fourteau, M. Bouillé, M. Passet\n"
            "(avec la procuration de H. Martin) membres du Conseil d’administration du G.I.P.\n"
            "ne prennent pas part au vote.\n"
            "Mme Miraoui, M. Delafosse et Aragon entrent en séance.")
    vote = find_vote(text)
    assert tally(vote) == (46, 0, 0)
    # the proxy's vote is not cast either
    assert vote.non_participants == ["le Maire", "Capuozzi-Boualem", "Prunier", "Fourteau", "Bouillé", "Passet",
                                     "H. Martin"]
    assert vote.ne_prend_pas_part == 7


def test_montpellier_non_participation_phrase_broken_over_lines():
    text = ("Pour : 46\nContre : 1 (M. Viguié)\nAdopté à la majorité\n"
            "Mme Prunier, M. Fleurence (avec la procuration de Mme Souche),\n"
            "M. Passet (avec la procuration de H. Martin administrateurs de la TAM ne prennent\npas part au vote\n"
            "M. Mella sort de séance.")
    vote = find_vote(text)
    assert tally(vote) == (46, 1, 0)
    assert vote.non_participants == ["Prunier", "Fleurence", "Passet", "Souche", "H. Martin"]


def test_corte_non_participations_named_after():
    text = ("Le Conseil Adopte, à la majorité (non participations au vote de Nathalie PULICANI,\n"
            "Jean-François ORSATELLI et Philippe SINDALI), la proposition de son Maire, Décide de modifier la")
    vote = find_vote(text)
    assert vote.non_participants == ["Nathalie PULICANI", "Jean-François ORSATELLI", "Philippe SINDALI"]
    assert vote.ne_prend_pas_part == 3
    assert vote.resultat == "adopte"


def test_clairoix_named_abstention():
    vote = find_vote("Adopté, sauf par M. GUESNIER qui s’abstient.")
    assert vote.abstentions == 1
    assert vote.contre == 0
    assert vote.unanimite is False
    assert vote.resultat == "adopte"


# --- Elections and blank forms ---------------------------------------------------------------

def test_lannion_election_of_the_mayor():
    text = ("Résultat du vote :\nNombre de votants : 33\nNombre d'enveloppes trouvées dans l'urne : 33\n"
            "Nombre de suffrages déclarés nuls : 1\nNombre de suffrages blancs : 5\n"
            "Nombre de suffrages exprimés : 27\nMajorité absolue : 14\nA obtenu :\n"
            "M. Paul LE BIHAN : 27 voix\n"
            "M. Paul LE BIHAN a été proclamé Maire de LANNION et a été immédiatement installé.")
    vote = find_vote(text)
    assert vote.election is True
    assert tally(vote) == (None, None, None)
    assert vote.votants == 33
    assert vote.suffrages_exprimes == 27
    assert vote.candidats == [("M. Paul LE BIHAN", 27)]


def test_montpellier_election_of_a_commission():
    text = ("En conséquence, je vous propose de procéder à l’élection des cinq membres de la commission de\n"
            "délégation de service public :\nOnt été élus\nTitulaires :\n- Gérard CASTRE\n- Rémi ASSIE\n"
            "Suppléants :\n- Pascal KRZYZANSKI\nLe Conseil Adopte.\nPour extrait conforme,")
    vote = find_vote(text)
    assert vote.election is True
    assert tally(vote) == (None, None, None)
    assert vote.resultat == "adopte"


def test_an_open_vote_electing_someone_keeps_its_tally():
    # Roannais: « élit Nicolas Chargueros » after a for/against vote
    vote = find_vote("Le Conseil communautaire, après en avoir délibéré, avec 74 voix pour, 0 contre et 4 abstentions :\n"
                     "- élit Nicolas Chargueros en tant que membre suppléant")
    assert vote.election is False
    assert tally(vote) == (74, 0, 4)


def test_corte_blank_vote_form():
    vote = find_vote("Dy. Xavier Ÿ Délibéré par le Consell\n\nlunicipal, réuni en session Ordinaire. Abstention\n\n"
                     "VOTES: Pour:\n\nContre :\n\nACorte, le 08/04/2025 Date de convocation : 26/03/2025")
    assert vote.blank_form is True
    assert tally(vote) == (None, None, None)
    assert vote.resultat is None and vote.unanimite is None


def test_seed_004_row_of_blank_options_is_a_blank_form():
    text = ("Olivier Veber\n\nAdopté à l'unanimité : Adopté à la majorité : Voix contre : Abstentions :\n\n"
            "Date d'affichage du présent acte, le Date de notification du présent")
    vote = find_vote(text)
    assert vote.blank_form is True
    assert vote.unanimite is None and vote.resultat is None


def test_no_vote_at_all():
    assert find_vote("un contre-pouvoir possible.\n\nBeaucoup a été fait : assemblées citoyennes") is None


# --- On a whole corpus document ------------------------------------------------------------------

CORPUS = REPO.parent / "shared" / "corpus"


def test_montpellier_cr_every_item_has_its_tally():
    pdf = CORPUS / "montpellier_cr_cm_2011-02-07.pdf"
    if not pdf.exists():
        pytest.skip("the shared corpus (../shared/corpus) is not available")
    import re

    text = ingest(pdf).text
    items = [m.start() for m in re.finditer(r"^(?:[A-Z][\w\-]+ )*\d{1,3}\. ", text, re.M)]
    votes = [find_vote(text[a:b]) for a, b in zip(items, items[1:] + [len(text)])]
    with_tally = [v for v in votes if v is not None and v.pour is not None]
    assert len(with_tally) >= 90  # 95 items, one is a « prend acte »
    assert all(v.resultat == "adopte" for v in with_tally)
    assert sum(v.contre > 0 for v in with_tally) >= 8


# --- A tally printed on one line, each label before its figure --------------------
# Not from the corpus: the layout of PV templates that print the three counts side by
# side. « 25 Contre » there is no figure-first count.

@pytest.mark.parametrize("line, expected", [
    ("Pour : 25 Contre : 0 Abstentions : 2", (25, 0, 2)),
    ("POUR : 25   CONTRE : 3   ABSTENTION : 2", (25, 3, 2)),
    ("Pour = 18 Contre = 4", (18, 4, None)),
])
def test_tally_on_one_line_label_first(line, expected):
    pour, contre, abstentions = tally(find_vote(line))
    assert (pour, contre) == expected[:2]
    if expected[2] is not None:
        assert abstentions == expected[2]
