"""Votes of deliberations in the phrasings of issue 11: each case quotes a dev
document (Oignies, Ville, Rots, Avranches CRs) and, beside it, a made-up variant
in another commune's wording, so that the rule is the genre's and not one
document's."""
from delib.extract.votes import find_vote


def tally(vote):
    return vote.pour, vote.contre, vote.abstentions, vote.ne_prend_pas_part


# --- Members not taking part, counted -------------------------------------------------

def test_oignies_for_and_one_not_taking_part():
    vote = find_vote("La délibération est adoptée à 28 voix pour et 1 ne participe pas\n13. Subvention")
    assert tally(vote) == (28, 0, 0, 1)
    assert vote.resultat == "adopte"


def test_oignies_for_abstentions_and_not_taking_part():
    vote = find_vote("La délibération est adoptée à 22 voix pour, 4 abstentions et 3 ne participent pas\n")
    assert tally(vote) == (22, 0, 4, 3)
    assert vote.unanimite is False


def test_variant_members_not_taking_part_after_the_tally():
    vote = find_vote("Adopté par 17 voix pour, 2 voix contre ; 2 conseillers n'ont pas pris part au vote.")
    assert tally(vote) == (17, 2, 0, 2)


def test_not_taking_part_printed_apart_from_an_unanimity():
    vote = find_vote("Le conseil municipal adopte à l'unanimité cette proposition.\n"
                     "Intéressés à l'affaire, 2 élus ne prennent pas part au vote.")
    assert vote.unanimite is True
    assert vote.resultat == "adopte"
    assert vote.ne_prend_pas_part == 2
    assert vote.pour is None


def test_oignies_ballots_of_an_election_with_members_not_taking_part():
    vote = find_vote("Vote : 26 bulletins / 3 ne participent pas\n"
                     "Madame Fabienne DUPUIS ayant obtenue la majorité absolue est proclamée Maire")
    assert vote.ne_prend_pas_part == 3


def test_avranches_member_named_twice_in_one_item_is_one_member():
    vote = find_vote("LE CONSEIL MUNICIPAL, A L’UNANIMITE, ACCEPTE CES PROPOSITIONS\n\n"
                     "(MADAME DUTEIL NE PREND PAS PART AU VOTE)\n\nHYPOTHESE 2\n…\n"
                     "LE CONSEIL MUNICIPAL, A L’UNANIMITE, ACCEPTE CES PROPOSITIONS\n\n"
                     "(MADAME DUTEIL NE PREND PAS PART AU VOTE)\n")
    assert vote.ne_prend_pas_part == 1
    assert vote.non_participants == ["DUTEIL"]


# --- Named exceptions: « à l'exception de X qui s'abstient » ----------------------------

def test_avranches_named_abstainers_in_capitals():
    vote = find_vote("LE CONSEIL MUNICIPAL, A L'EXCEPTION DE MONSIEUR GOUEDARD, MADAME LAVIEILLE, "
                     "MESSIEURS DROULLOURS ET TACHE\n\nQUI S'ABSTIENNENT, ACCEPTE CES PROPOSITIONS\n")
    assert (vote.contre, vote.abstentions) == (0, 4)
    # the votes for are the votants less the four: only the attendance knows them
    assert vote.pour is None and vote.others_for is True
    assert vote.unanimite is False
    assert vote.resultat == "adopte"


def test_avranches_one_abstainer_on_part_of_the_proposal():
    vote = find_vote("LE CONSEIL MUNICIPAL, A L'EXCEPTION DE MONSIEUR LECARDONNEL QUI S'ABSTIENT SUR LE NOMBRE DES\n\n"
                     "REPRESENTANTS, ACCEPTE CES PROPOSITIONS\n")
    assert (vote.contre, vote.abstentions) == (0, 1)
    assert vote.resultat == "adopte"


def test_variant_named_members_voting_against():
    vote = find_vote("Après en avoir délibéré, le Conseil municipal approuve, sauf Mme Bernard et M. Petit "
                     "qui votent contre, le projet de règlement.")
    assert (vote.contre, vote.abstentions) == (2, 0)
    assert vote.others_for is True
    assert vote.resultat == "adopte"


# --- Tallies across lines, number words, bullets --------------------------------------

def test_ville_figure_and_unit_on_two_lines():
    vote = find_vote("Au regard de ces considérations, après en avoir délibéré, les membres du conseil municipal "
                     "ont par 11\nvoix contre, 3 voix pour et 1 abstention,\n"
                     "• Désapprouvé la modification de la rédaction")
    assert tally(vote)[:3] == (3, 11, 1)
    assert vote.resultat == "rejete"


def test_ville_number_words_after_a_bullet():
    vote = find_vote("• Préparer l’embauche d’un conseiller mobilité (délais 2 à 3 mois)\n"
                     "• Le conseil municipal, après en avoir délibéré désapprouve à 14 voix contre et une voix pour,\n"
                     "l’extension des compétences")
    assert tally(vote)[:3] == (1, 14, 0)
    assert vote.unanimite is False


def test_ville_bulleted_tally():
    vote = find_vote("Pays Noyonnais sur le Programme Local d’Habitat, et après avoir voté, émet un avis défavorable à :\n"
                     "• 1 voix pour\n• 12 voix contre\n• 2 abstentions\n")
    assert tally(vote)[:3] == (1, 12, 2)


def test_rots_named_abstainers_in_brackets_then_zero_against():
    vote = find_vote("Approbation du Conseil municipal par 19 voix pour, 2 abstentions (Mme Aurore BRUAND, "
                     "M. Thomas PAULMIER),\n0 contre.")
    assert tally(vote)[:3] == (19, 0, 2)
    assert vote.unanimite is False
    assert vote.resultat == "adopte"


# --- Unanimity -----------------------------------------------------------------------

def test_oignies_misspelt_unanimity():
    vote = find_vote("La délibération est mise au vote et adoptée à l'unaminité.\nArrivée de Monsieur MORONVAL")
    assert vote.unanimite is True
    assert vote.resultat == "adopte"
    assert tally(vote) == (None, None, None, None)


def test_variant_unanimously():
    vote = find_vote("Le conseil municipal, après en avoir délibéré, approuve unanimement le projet.")
    assert vote.unanimite is True
    assert vote.resultat == "adopte"


def test_ville_decision_closing_a_considerant_sentence():
    vote = find_vote("Considérant qu’il y a lieu de favoriser une bonne administration communale et après en avoir\n"
                     "délibéré, le conseil municipal décide à l’unanimité :\n\nArticle 1 – Le maire est chargé")
    assert vote.unanimite is True
    assert vote.resultat == "adopte"


def test_considerant_quoting_an_earlier_unanimous_vote_is_still_expose():
    vote = find_vote("Considérant que le conseil communautaire a adopté à l'unanimité le 3 mai le projet,\n"
                     "Le Conseil municipal, par 12 voix pour et 3 contre, approuve le projet.")
    assert tally(vote)[:3] == (12, 3, 0)
    assert vote.unanimite is False


def test_vote_colon_unanimity_and_council_agreement():
    assert find_vote("Vote : unanimité\n").unanimite is True
    vote = find_vote("Accord du conseil à l'unanimité.\n")
    assert vote.unanimite is True and vote.resultat == "adopte"


def test_variant_label_first_not_taking_part():
    vote = find_vote("Pour : 45\nContre : 0\nAbstention : 2\nNe prend pas part au vote : 1\n")
    assert tally(vote) == (45, 0, 2, 1)
    vote = find_vote("VOTE : Pour : 20 - Contre : 2 - Abstentions : 0 - Ne participe pas au vote : 1")
    assert tally(vote) == (20, 2, 0, 1)


def test_variant_unanimity_except_the_mayor_not_taking_part():
    vote = find_vote("Le conseil municipal adopte à l'unanimité, à l'exception du Maire qui ne prend pas part au vote.")
    assert tally(vote) == (None, None, None, 1)
    assert vote.unanimite is True
    assert vote.others_for is False



def test_the_votants_not_named_as_abstaining_voted_for():
    """Avranches (50), 1 July 2013: « LE CONSEIL MUNICIPAL, A L'EXCEPTION DE … QUI
    S'ABSTIENNENT, ACCEPTE » never prints the votes for: the votants (présents + pouvoirs
    listed) less the members named voted for."""
    from delib.extract.document import extract_document
    from delib.model import Document
    from delib.segment import segment_document

    text = ("PROCES-VERBAL DE LA REUNION DU CONSEIL MUNICIPAL DU 1er JUILLET 2013\n"
            "Présents : M. DURAND, Mme MARTIN, M. PETIT, Mme LEROY, M. MOREAU\n"
            "Pouvoirs : M. SIMON a donné pouvoir à M. DURAND\n"
            "1. TARIFS DE L'ESPACE PUBLIC NUMERIQUE\n"
            "LE CONSEIL MUNICIPAL, A L'EXCEPTION DE MONSIEUR PETIT ET MADAME LEROY\n"
            "QUI S'ABSTIENNENT, ACCEPTE CES PROPOSITIONS.\n"
            "2. ADHESION AU SYNDICAT DES EAUX\n"
            "LE CONSEIL MUNICIPAL, A L'UNANIMITE, ACCEPTE CETTE PROPOSITION.\n")
    doc = Document(doc_id="avr", source_path="avr.txt", file_name="avr.txt", format="txt", text=text)
    first = extract_document(doc, segment_document(doc)).deliberations[0].fields.columns()
    assert (first["votants"], first["abstentions"], first["contre"], first["pour"]) == (6, 2, 0, 4)


def test_a_tally_above_the_votants_brings_members_back():
    """Montpellier (34), 7 February 2011: members who left came back unrecorded; the tally
    « Pour : 6 » counts more than the 5 votants in force, so the présents are one more."""
    from delib.extract.document import extract_document
    from delib.model import Document
    from delib.segment import segment_document

    text = ("COMPTE RENDU DU CONSEIL MUNICIPAL DU 7 FEVRIER 2011\n"
            "Présents : M. DURAND, Mme MARTIN, M. PETIT, Mme LEROY, M. MOREAU\n"
            "Absents ayant donné procuration : M. SIMON à M. DURAND\n"
            "1. Dénomination de la place Georges Frêche\nPour : 6\nAdopté à l'unanimité\n"
            "Mme Leroy sort de séance.\n"
            "2. Tarifs de la piscine\nPour : 6\nAdopté à l'unanimité\n")
    doc = Document(doc_id="mtp", source_path="mtp.txt", file_name="mtp.txt", format="txt", text=text)
    first, second = (d.fields.columns() for d in extract_document(doc, segment_document(doc)).deliberations)
    assert (first["presents"], first["votants"]) == (5, 6)
    assert (second["presents"], second["votants"]) == (5, 6)  # Mme Leroy came back: the tally says so


def test_counts_with_their_names_in_brackets_then_the_abstentions_on_the_next_line():
    vote = find_vote("Vote : 15 pour, 4 contre (E. ANDRIOLLE, C. JOUANNEAU par procuration, T. DUMESNY, E. BOUVERON "
                     "par procuration),\n0 abstention.\n")
    assert (vote.resultat, vote.pour, vote.contre, vote.abstentions) == ("adopte", 15, 4, 0)


def test_a_syndicat_tally_of_labels_on_one_line():
    vote = find_vote("Nombre de votants : 31\nAbstention : 0 Opposition : 0 Approbation : 31\n")
    assert (vote.resultat, vote.pour, vote.contre, vote.abstentions) == ("adopte", 31, 0, 0)
    vote = find_vote("Approbation : 27 / Opposition : 2\n")
    assert (vote.pour, vote.contre) == (27, 2)
