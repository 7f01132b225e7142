"""Attendance lists in the shapes French minutes print them (issue 11).

Excerpts quoted from dev documents (Ville, Oignies, Rots, Avranches, L'Arbresle, Montpellier),
each with a made-up variant in another commune's phrasing.
"""
from delib.extract.attendance import find_attendance
from delib.extract.deliberation import _holders_from_moves, _with_list_counts
from test_extract_attendance import by_status, proxies  # the same readers of a list


def test_dashes_on_one_side_and_mixed_civilites():
    # Ville, 31 January 2013
    text = ("Présents : Mmes et Ms Barbillon – Hallu – Valck - Trouillet –Gimaret –Brunel - Cresson –\n"
            "Bonenfant - Loir –Muchembled – Colinet.\n"
            "Absents : M. Talon- Mme Avot, procuration à Mme Gimaret – M. Lejop, procuration à M. Valck.\n"
            "Secrétaire de séance : M. Cresson.\n")
    att = find_attendance(text)
    people = by_status(att)
    assert people["present"][:3] == ["Barbillon", "Hallu", "Valck"] and "Gimaret" in people["present"]
    assert len(people["present"]) == 11
    assert people["absent"] == ["Talon"]
    assert proxies(att) == {"Avot": "Gimaret", "Lejop": "Valck"}
    # made up: « MM. et Mmes » before the names, hyphens glued to the next name
    att = find_attendance("Présents : MM. et Mmes Durand -Petit -Morel.\n")
    assert by_status(att)["present"] == ["Durand", "Petit", "Morel"]


def test_names_then_closing_words_of_the_list():
    # Ville, 16 November 2009: the list runs into « formant la majorité des membres en exercice »
    text = ("Présents : Mmes et Ms Barbillon - Valck - Trouillet - Hallu - Gimaret - Brunel – Cresson -\n"
            "Bonenfant - Delenclos - Loir – Lejop - Muchembled formant la majorité des membres en exercice.\n"
            "Absents excusés : M. Talon, procuration à M. Valck - Mme Avot, procuration à M. Barbillon - Mme\n"
            "Colinet, procuration à Mme Hallu.\n")
    att = find_attendance(text)
    assert by_status(att)["present"][-3:] == ["Loir", "Lejop", "Muchembled"]
    assert proxies(att) == {"Talon": "Valck", "Avot": "Barbillon", "Colinet": "Hallu"}


def test_initials_and_present_tense_proxies_one_per_line():
    # Oignies, 12 December 2013
    text = ("Présents : J.P CORBISEZ – P. HUREZ – L.P SECCI – B. DUPARCQ - L.\n"
            "MORONVAL – A . HNAT – D. ZIGH – F . PILARCZYK .\n"
            "Représentés (au sens de l’Article L2121-20 du Code Général des Collectivités Territoriales) :\n"
            "S.DUCHATEAU donne pouvoir à J-C SZRAMA\n"
            "J. GORGOL donne pouvoir à A. HNAT\n"
            "Absents : D. ACOUT – C. CHAUSSOIS – M. OBRINGER -\n"
            "Début du Conseil Municipal : 18 H 40\n")
    att = find_attendance(text)
    people = by_status(att)
    assert "L. MORONVAL" in people["present"] and "A. HNAT" in people["present"]
    assert "F. PILARCZYK" in people["present"]
    assert proxies(att) == {"S. DUCHATEAU": "J-C SZRAMA", "J. GORGOL": "A. HNAT"}
    assert len(people["absent"]) == 3


def test_proxy_after_a_lead_in_and_blank_lists():
    # Oignies, 13 October 2018
    text = ("Présents : F. DUPUIS - A. BOIGELOT – B. DUPARCQ - L-P. SECCI - A . HNAT\n"
            "Représentés (au sens de l’Article L2121-20 du Code Général des Collectivités Territoriales) :\n"
            "Une procurations est présentée : C. LUTZ représentée par JM DESPREZ\n"
            "Absent(s) :\n"
            "Retard :\n"
            "Début du Conseil Municipal : 11 H 00\n")
    att = find_attendance(text)
    assert proxies(att) == {"C. LUTZ": "JM DESPREZ"}
    assert "absent" in att.listed  # printed blank: nobody absent
    counts = _with_list_counts(att, att.people, text, [])
    assert (counts["presents"], counts["representes"], counts["absents"], counts["votants"]) == (5, 1, 0, 6)


def test_a_proxy_giver_is_represented_not_excused():
    # Rots, 27 January 2025
    text = ("Présents : M. Michel BOURGUIGNON, Mme Laëtitia BLIN, M. Thomas PAULMIER.\n"
            "Absents excusés : Mme Coraline BARROIS, Mme Aurore BRUAND, M. Paul\n"
            "DOUESNEL et Mme Joelle SOREL.\n"
            "Absents non excusés : aucun.\n"
            "Pouvoirs : Mme Aurore BRUAND à M. Thomas PAULMIER, M. Paul DOUESNEL à Mme Laëtitia BLIN et Mme Joëlle SOREL à Mme Laëtitia BLIN.\n")
    att = find_attendance(text)
    people = by_status(att)
    assert people["excuse"] == ["Coraline BARROIS"]
    assert set(proxies(att)) == {"Aurore BRUAND", "Paul DOUESNEL", "Joëlle SOREL"}
    counts = _with_list_counts(att, att.people, text, [])
    assert (counts["excuses"], counts["absents"], counts["representes"]) == (1, 0, 3)


def test_counts_in_a_margin_box():
    # Avranches, 1 July 2013: labels first, then the figures in the same order
    text = ("Nombre de conseillers\nen exercice :\n\n_____________\n\nNombre de conseillers\nen séance :\n\n"
            "_____________\n\nPouvoirs :\n\n_____________\n\n29\n\n25\n\n4\n\n"
            "Étaient présents : M. HUET, Député-Maire\n"
            "M. BAZIN, MME HAYERE, adjoints,\n")
    att = find_attendance(text)
    assert (att.counts["en_exercice"], att.counts["presents"], att.counts["representes"]) == (29, 25, 4)
    # made up: a one-row table
    att = find_attendance("Présents   Absents   Pouvoirs\n17   4   2\nPrésents : M. DURAND, Mme PETIT.\n")
    assert (att.counts["presents"], att.counts["absents"], att.counts["representes"]) == (17, 4, 2)


def test_header_over_two_lines_and_margin_words():
    # Montpellier, register extract of 22 May 2014
    text = ("Présents :\nMontpellier\n"
            "Fabien ABERT, Lorraine ACQUIER, Françoise BONNET, Sabria\n"
            "n° 2014 / 199 BOUALLAGA, Djamel BOUMAAZ.\n"
            "Absents ayant voté par procuration en application de l'article L 2121-20 du Code\n"
            "Général des Collectivités Territoriales :\n"
            "Valérie BARTHAS-ORSAL, Perla DANAN.\n"
            "Absents :\nPatrick VIGNAL\n"
            "Commission de Délégation de Service Public - Election des membres\n")
    att = find_attendance(text)
    people = by_status(att)
    assert people["present"] == ["Fabien ABERT", "Lorraine ACQUIER", "Françoise BONNET", "Sabria BOUALLAGA",
                                 "Djamel BOUMAAZ"]
    assert people["represente"] == ["Valérie BARTHAS-ORSAL", "Perla DANAN"]
    assert people["absent"] == ["Patrick VIGNAL"]


def test_printed_counts_win_and_the_lists_give_the_rest():
    # L'Arbresle, 9 July 2013
    text = ("Etaient présents : Pierre-Jean ZANNETTACCI, Jean-Claude GAUTHIER.\n"
            "Etait absent, excusé et a donné pouvoir : Nadine MALHOMME à Georges CARRET\n"
            "Etait absent : Soraya BENBALA\n"
            "Nombre de conseillers en exercice : 4\n"
            "Nombre de conseillers présents : 2\n"
            "Nombre de conseillers votants : 3\n")
    att = find_attendance(text)
    counts = _with_list_counts(att, att.people, text, [])
    assert counts == {"en_exercice": 4, "presents": 2, "representes": 1, "excuses": 0, "absents": 1, "votants": 3}
    # figures that count otherwise than the lists are left alone
    text = text.replace("présents : 2", "présents : 5")
    att = find_attendance(text)
    assert _with_list_counts(att, att.people, text, [])["representes"] is None


def test_proxy_holders_told_by_the_moves():
    # Montpellier, 7 February 2011: the proxies are listed without holders
    people = [{"person": "Hervé MARTIN", "status": "represente", "mandataire": None},
              {"person": "Jacques MARTIN", "status": "present", "mandataire": None},
              {"person": "Christophe MORALES", "status": "represente", "mandataire": None},
              {"person": "Gabrielle DELONCLE", "status": "represente", "mandataire": None}]
    _holders_from_moves(people, "M. Passet et M. Subra avec leurs procurations (H. Martin et M. Morales)\n"
                                "sortent de séance.\nMessieurs Lannelongue (avec la procuration de Mme Deloncle), "
                                "Bouillé et Zylbermann sortent de séance.")
    assert [p["mandataire"] for p in people] == ["Passet", None, "Subra", "Lannelongue"]


# --- A battery of made-up session headers, read end to end -----------------------------------
# One commune, one session, two items; only the attendance block changes. No figures are
# printed (but in two cases): the counts are the lists', and the proxies' holders are named.

import pytest  # noqa: E402

from delib.extract.document import extract_document  # noqa: E402
from delib.model import Document  # noqa: E402
from delib.segment import segment_document  # noqa: E402

_SESSION = ("COMMUNE DE SAINT-MARTIN\nPROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL DU 12 MARS 2024\n\n"
            "L'an deux mille vingt-quatre, le douze mars à vingt heures, le conseil municipal s'est réuni "
            "sous la présidence de M. Jean DUPONT, Maire.\n\n")
_ITEMS = ("\n1. Tarifs de la cantine scolaire\nLe conseil municipal, après en avoir délibéré, approuve les tarifs.\n"
          "Adopté à l'unanimité.\n\n2. Subvention au club de football\nLe conseil municipal, après en avoir délibéré, "
          "attribue une subvention de 500 €.\nAdopté à l'unanimité.\n")

# block -> (présents, représentés, excusés, absents, votants) — None where the case says nothing —
# and {represented: holder} by family name
HEADER_SHAPES = {
    "comma-separated, proxy in brackets": (
        "Présents : M. Jean DUPONT, Mme Marie DURAND, M. Paul MARTIN, Mme Claire PETIT, M. Louis BERNARD\n"
        "Absents excusés : Mme Anne ROBERT (pouvoir à M. Jean DUPONT), M. Marc RICHARD\nAbsent : M. Luc MOREAU\n",
        (5, 1, 1, 1, 6), {"ROBERT": "DUPONT"}),
    "one name a line, « par »": (
        "Étaient présents :\nM. Jean DUPONT\nMme Marie DURAND\nM. Paul MARTIN\nMme Claire PETIT\n"
        "Absents représentés :\nMme Anne ROBERT par M. Paul MARTIN\nAbsents :\nM. Luc MOREAU\n",
        (4, 1, None, 1, 5), {"ROBERT": "MARTIN"}),
    "dashes, procurations « X à Y »": (
        "Présents : Jean DUPONT - Marie DURAND - Paul MARTIN - Claire PETIT - Louis BERNARD - Sophie LAURENT\n"
        "Procurations : Anne ROBERT à Jean DUPONT ; Marc RICHARD à Marie DURAND\n",
        (6, 2, None, None, 8), {"ROBERT": "DUPONT", "RICHARD": "DURAND"}),
    "plural civilités, « qui donne pouvoir »": (
        "Présents : Mmes DURAND, PETIT, LAURENT, MM. DUPONT, MARTIN, BERNARD.\n"
        "Absents : Mme ROBERT qui donne pouvoir à M. DUPONT, M. RICHARD qui donne pouvoir à Mme DURAND, M. MOREAU.\n",
        (6, 2, None, 1, 8), {"ROBERT": "DUPONT", "RICHARD": "DURAND"}),
    "no civilités": (
        "Présents : Jean Dupont, Marie Durand, Paul Martin, Claire Petit\nExcusés : Anne Robert, Marc Richard\n",
        (4, None, 2, None, 4), {}),
    "lower-case headers": (
        "étaient présents: MM. DUPONT, MARTIN, BERNARD, Mmes DURAND, PETIT\n"
        "absents excusés ayant donné procuration: Mme ROBERT à M. DUPONT\n",
        (5, 1, None, None, 6), {"ROBERT": "DUPONT"}),
    "two columns of names": (
        "Présents :\nM. Jean DUPONT          Mme Marie DURAND\nM. Paul MARTIN          Mme Claire PETIT\n"
        "M. Louis BERNARD        Mme Sophie LAURENT\nAbsents ayant donné pouvoir :\nMme Anne ROBERT à M. Jean DUPONT\n",
        (6, 1, None, None, 7), {"ROBERT": "DUPONT"}),
    "« Absent excusé représenté », holder without « à »": (
        "Presents : M. DUPONT, Mme DURAND, M. MARTIN, Mme PETIT\nAbsent excusé représenté : Mme ROBERT (pouvoir M. MARTIN)\n",
        (4, 1, None, None, 5), {"ROBERT": "MARTIN"}),
    "secrétaire after the lists": (
        "Présents : M. DUPONT, Mme DURAND, M. MARTIN, Mme PETIT, M. BERNARD\n"
        "Absente excusée : Mme ROBERT, pouvoir à Mme DURAND\nSecrétaire de séance : Mme PETIT\n",
        (5, 1, None, None, 6), {"ROBERT": "DURAND"}),
    "surname first": (
        "Présents : DUPONT Jean, DURAND Marie, MARTIN Paul, PETIT Claire\n"
        "Absents excusés : ROBERT Anne (pouvoir à DUPONT Jean), RICHARD Marc\n",
        (4, 1, 1, None, 5), {"ROBERT": "DUPONT"}),
    "qualités after the names": (
        "Présents : M. Jean DUPONT, Maire ; Mme Marie DURAND, 1ère adjointe ; M. Paul MARTIN, adjoint ; "
        "Mme Claire PETIT, conseillère municipale\nAbsente : Mme Anne ROBERT\n",
        (4, None, None, 1, 4), {}),
    "a name cut by the line end": (
        "Présents : M. Jean DUPONT, Mme Marie DURAND, M. Paul MARTIN, Mme Claire PETIT, M. Louis\n"
        "BERNARD, Mme Sophie LAURENT, M. Henri GIRARD\nAbsent représenté : M. Marc RICHARD par Mme Sophie LAURENT\n",
        (7, 1, None, None, 8), {"RICHARD": "LAURENT"}),
    "figures and names": (
        "Membres en exercice : 9 - Présents : 6 - Votants : 7\n"
        "Présents : M. DUPONT, Mme DURAND, M. MARTIN, Mme PETIT, M. BERNARD, Mme LAURENT\n"
        "Absents : Mme ROBERT (procuration à M. MARTIN), M. RICHARD, M. MOREAU\n",
        (6, 1, None, 2, 7), {"ROBERT": "MARTIN"}),
    "« Étaient absents », excused and proxy in one sentence": (
        "Étaient présents : MM. DUPONT, MARTIN, BERNARD, Mmes DURAND, PETIT.\n"
        "Étaient absents : Mme ROBERT, excusée, ayant donné pouvoir à M. DUPONT ; M. RICHARD.\n",
        (5, 1, None, 1, 6), {"ROBERT": "DUPONT"}),
    "« représentée par »": (
        "Présents : M. DUPONT, Mme DURAND, M. MARTIN, Mme PETIT\n"
        "Représentés : Mme ROBERT représentée par M. DUPONT, M. RICHARD représenté par M. MARTIN\n",
        (4, 2, None, None, 6), {"ROBERT": "DUPONT", "RICHARD": "MARTIN"}),
    "figures over the lists, an unlisted member, a proxy to « M. le Maire »": (
        "Présents : M. Jean DUPONT, Maire, Mmes et MM. Marie DURAND, Paul MARTIN, Claire PETIT, Louis BERNARD\n"
        "Pouvoirs : Mme Anne ROBERT donne pouvoir à M. le Maire, M. Marc RICHARD donne pouvoir à Mme Marie DURAND.\n"
        "Secrétaire de séance : Claire PETIT\nConseillers en exercice : 9 - Présents : 5 - Votants : 7 - "
        "Majorité absolue : 4\n",
        (5, 2, None, None, 7), {"ROBERT": "DUPONT", "RICHARD": "DURAND"}),
    "a lead-in line under the header, two dashed names a line": (
        "Etaient présents :\n\nMesdames et Messieurs les Conseillers Municipaux :\n\n"
        "- Marie DURAND,- Paul MARTIN,\n- Claire PETIT,- Louis BERNARD.\n\n"
        "POUVOIRS : Madame ROBERT à Madame DURAND\n\nABSENTS : Messieurs RICHARD, MOREAU.\n",
        (5, 1, None, 2, 6), {"ROBERT": "DURAND"}),  # the maire who presides sits, though the list names only the others
    "upper-case headers": (
        "PRÉSENTS : M. DUPONT, Mme DURAND, M. MARTIN, Mme PETIT, M. BERNARD\nABSENTS EXCUSÉS : M. RICHARD\n"
        "PROCURATIONS : Mme ROBERT à M. BERNARD\n",
        (5, 1, 1, None, 6), {"ROBERT": "BERNARD"}),
}


def _family(name: str) -> str:
    """The family name in « M. Jean DUPONT », « DUPONT Jean », « Jean Dupont »."""
    words = [w for w in name.replace(".", " ").split() if w not in ("M", "Mme")]
    upper = [w for w in words if w.isupper() and len(w) > 1]
    return (upper[0] if upper else words[-1]).upper()


@pytest.mark.parametrize("shape", sorted(HEADER_SHAPES))
def test_attendance_block_shapes_read_end_to_end(shape):
    block, expected, holders = HEADER_SHAPES[shape]
    doc = Document(doc_id="sm", source_path="sm.txt", file_name="sm.txt", format="txt", text=_SESSION + block + _ITEMS)
    deliberations = extract_document(doc, segment_document(doc)).deliberations
    assert len(deliberations) == 2
    for d in deliberations:
        f = d.fields
        found = (f.presents, f.representes, f.excuses, f.absents, f.votants)
        assert [g for e, g in zip(expected, found) if e is not None] == [e for e in expected if e is not None]
        held = {_family(p["person"]): _family(p["mandataire"]) for p in d.attendance
                if p["status"] == "represente" and p.get("mandataire")}
        assert held == holders


def test_family_name_first_lists_grouped_by_civilite_labels_with_moves_beside_names():
    # a PV made by a deliberation software: « Mmes : » / « MM : » labels, family name first,
    # moves told beside the names over line ends, proxies « X à M. Y » running over lines
    text = ("Présents : M. FOURNIER Gilles, Maire, Mmes : AUBRY Laure, CHEVALLIER Nadia quitte la séance à 18h38 et\n"
            "rentre à 18h42, DUPUIS Lina, GALLOIS Brigitte, LAMBERT Odile quitte la\n"
            "séance à 18h38 et rentre à 18h42, PICARD Aurore, MM : BERTIN Fabien, CARON Jacky\n"
            "Excusé(s) ayant donné procuration : Mmes : LEGER Ingrid\n"
            "à M. CARON Jacky, PERRIN Gwenaëlle à Mme GALLOIS Brigitte, MM :\n"
            "HENRY Jean-Claude à M. BERTIN Fabien\nAbsent(s) : M. LEBRUN Matthieu\n")
    att = find_attendance(text)
    people = by_status(att)
    assert [name.split()[-1] for name in people["present"]] == [
        "FOURNIER", "AUBRY", "CHEVALLIER", "DUPUIS", "GALLOIS", "LAMBERT", "PICARD", "BERTIN", "CARON"]
    # people and holders given name first, as most minutes print them, so that the family name ends them
    assert proxies(att) == {"Ingrid LEGER": "Jacky CARON", "Gwenaëlle PERRIN": "Brigitte GALLOIS",
                            "Jean-Claude HENRY": "Fabien BERTIN"}
    assert people["absent"] == ["Matthieu LEBRUN"]
