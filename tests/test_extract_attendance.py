"""Attendance blocks of council minutes, quoted verbatim from real documents.

Sources: seed 001 (Ivry-sur-Seine) and the corpus in ../shared/corpus (see CORPUS.md).
"""
import json
from collections import Counter
from pathlib import Path

import pytest

from delib.extract.attendance import count_pairs, find_attendance
from delib.lang.moves import attendance_changes
from delib.ingest import ingest

REPO = Path(__file__).resolve().parents[1]


def by_status(att):
    out = {}
    for p in att.people:
        out.setdefault(p["status"], []).append(p["person"])
    return out


def proxies(att):
    return {p["person"]: p["mandataire"] for p in att.people if p["status"] == "represente"}


def printed_counts(att):
    return {k: v for k, v in att.counts.items() if v is not None and k not in att.derived}


# --- Seed 001, end to end ----------------------------------------------------------

@pytest.fixture(scope="module")
def seed_001():
    return find_attendance(ingest(REPO / "data/raw/001_c628b3d41b0ed031.txt").text)


def test_seed_001_counts(seed_001):
    assert printed_counts(seed_001) == {"en_exercice": 49, "presents": 32, "representes": 9, "excuses": 5, "absents": 3}
    assert seed_001.counts["votants"] == 41 and seed_001.derived == ["votants"]


def test_seed_001_people(seed_001):
    people = by_status(seed_001)
    assert Counter({k: len(v) for k, v in people.items()}) == Counter(present=32, represente=9, excuse=5, absent=3)
    assert people["present"][:6] == ["BOUYSSOU", "RHOUMA", "BERNARD", "OUDART", "KIROUANE", "FREIH BENGABOU"]
    assert "OURABAH-BERTOUT" in people["present"] and "HALLAF-ISAMBERT" in people["present"]
    assert people["excuse"] == ["MOKRANI", "DIARRA", "BAMBA", "DANSOKO", "MACALOU"]
    assert people["absent"] == ["LE FRANC", "AUBRY", "KAAOUT"]


def test_seed_001_proxies(seed_001):
    assert proxies(seed_001) == {
        "PETER": "MARCHAND", "PIERON": "SPIRO", "SEBKHI": "MRAIDI", "MISSLIN": "PECQUEUX", "MEDDAS": "CHOUAF",
        "HARDOUIN": "BOULKROUN", "KHALED": "PRIEUR", "GUESMI": "MASTOURI", "BADI": "BERNARD"}


def test_seed_001_civilites_and_qualites(seed_001):
    person = {p["person"]: p for p in seed_001.people}
    assert (person["BOUYSSOU"]["civilite"], person["BOUYSSOU"]["qualite"]) == ("M.", "Maire")
    assert person["MARCHAND"]["qualite"] == "adjoints au Maire"  # the plural qualité names the group before it
    assert (person["RAER"]["civilite"], person["RAER"]["qualite"]) == ("Mme", "conseillers municipaux")
    assert person["PIERON"]["qualite"] == "Adjointe au Maire"
    assert person["LE FRANC"]["qualite"] == "Conseillère municipale"


def test_seed_001_matches_gold(seed_001):
    gold_file = Path("/work/shared/gold/001_c628b3d41b0ed031.json")
    if not gold_file.exists():
        pytest.skip("the shared gold (../shared/gold) is not available")
    gold = json.loads(gold_file.read_text())["attendance"]
    people = by_status(seed_001)
    for status in ("present", "excuse", "absent"):
        assert people[status] == gold[status]
    assert proxies(seed_001) == gold["represente"]


# --- Other layouts ------------------------------------------------------------------------

def test_clairoix_plural_civilites_and_short_proxies():
    text = ("Présents : MM. PORTEBOIS, Mme MALARD, MM. VENDERBURE, Mmes\n"
            "MARTEAU, PELLARIN, MM. LEROY, LIVET, GUESNIER, BELLOT,\n"
            "DEROCQUENCOURT, GUFFROY, DAUREIL, CIVELLI, GABRIEL et M. GAUCHY.\n"
            "Absents représentés : M. LEDRAPPIER par M. PORTEBOIS ;\n"
            "Mme CLEDIC par Mme PELLARIN ;\n"
            "Mme ANNEET par M. DAUREIL.\n"
            "---------------------\n"
            "Monsieur DEROCQUENCOURT a été désigné secrétaire de séance.\n"
            "---------------------\n"
            "Nombre de Conseillers afférents au Conseil\n"
            "Municipal : 18\n"
            "Nombre de Conseillers en exercice : 18\n"
            "Nombre de Conseillers présents : 15\n"
            "Nombre de Conseillers représentés : 3\n")
    att = find_attendance(text)
    assert printed_counts(att) == {"en_exercice": 18, "presents": 15, "representes": 3}
    people = by_status(att)
    assert len(people["present"]) == 15 and people["present"][-1] == "GAUCHY"
    assert {p["person"]: p["civilite"] for p in att.people}["PELLARIN"] == "Mme"  # « Mmes MARTEAU, PELLARIN »
    assert proxies(att) == {"LEDRAPPIER": "PORTEBOIS", "CLEDIC": "PELLARIN", "ANNEET": "DAUREIL"}


def test_chatillon_excused_with_proxy_in_brackets():
    text = ("Présents : M. Hubert BRIGAND, M. Roland LEMAIRE, Mme Martine AUBIGNAT, M. François\n"
            "GAILLARD, Mme Valérie DEFOSSE.\n"
            "Excusés : Mme Colette ROUSSEL (pouvoir à Mme Françoise FLACELIERE), M. Vincent MALNOURY (pouvoir\n"
            "à M. René PAQUOT), Mme Marie-Josèphe WASIK (pouvoir à Mme Martine AUBIGNAT), M. Franck\n"
            "NALYSNYK (Pouvoir à M. Joël MAYER).\n"
            "Absents : M. Patrice KLEIN, Mme Nathalie MONTENOT.\n"
            "*******************\n")
    att = find_attendance(text)
    people = by_status(att)
    assert people["present"] == ["Hubert BRIGAND", "Roland LEMAIRE", "Martine AUBIGNAT", "François GAILLARD",
                                 "Valérie DEFOSSE"]
    assert proxies(att) == {"Colette ROUSSEL": "Françoise FLACELIERE", "Vincent MALNOURY": "René PAQUOT",
                            "Marie-Josèphe WASIK": "Martine AUBIGNAT", "Franck NALYSNYK": "Joël MAYER"}
    assert people["absent"] == ["Patrice KLEIN", "Nathalie MONTENOT"]
    assert "excuse" not in people  # every excused member gave a proxy


def test_eybens_two_columns_read_as_one():
    text = ("Présents : Marc Baïetto - Dominique Scheiblin - Philippe Loppé - Louis Sarté - Pierre Villain -\n"
            "Antoinette Pirrello - Hocine Mahnane - Jean Baringou - Gabriel Griffero - Georges Fourny -\n"
            "Marie-Françoise Laval - France Mendez - Jean-Luc Benoît - Philippe Straboni - Pascale Versaut -\n"
            "Yasmina Mahdjoub - Aurélie Sauze\n"
            "Excusés ont donné pouvoir :\n"
            "Marta Chron à Marc Baïetto\n"
            " Elus en exercice : 29\n"
            "Nelly Maroni à France Mendez\n"
            " Elus présents : 17\n"
            "Anne-Marie Scotto à Georges Fourny\n"
            " Ont donné pouvoir : 6\n"
            "Hervé Guillon à Hocine Mahnane\n"
            " Absents : 6\n"
            "Pierre Bejjaji à Dominique Scheiblin\n"
            "Emmanuelle Bertrand à Pascale Versaut\n"
            "Secrétaire de séance : Aurélie Sauze\n")
    att = find_attendance(text)
    assert printed_counts(att) == {"en_exercice": 29, "presents": 17, "representes": 6, "absents": 6}
    assert len(by_status(att)["present"]) == 17
    assert proxies(att) == {"Marta Chron": "Marc Baïetto", "Nelly Maroni": "France Mendez",
                            "Anne-Marie Scotto": "Georges Fourny", "Hervé Guillon": "Hocine Mahnane",
                            "Pierre Bejjaji": "Dominique Scheiblin", "Emmanuelle Bertrand": "Pascale Versaut"}


def test_ouzous_one_pair_per_line_and_absents_excuses():
    text = ("Présents : M. Dominique GOSSET\n"
            "M. Louis ARMARY – Mme Maryline LURO\n"
            "Mme Noëlle RELET – M. Jean-Pierre GELE\n"
            "M. Denis DAUMAS – M. Francis VIGNES\n"
            "Mme Patricia FINALDI - M. Bernard CAPDEVIELLE\n"
            "Absents-excusés : M. Louis LAFFOURCADE - M. Serge PRATDESSUS\n"
            "Secrétaire : Mme Noëlle RELET\n")
    att = find_attendance(text)
    people = by_status(att)
    assert people["present"] == ["Dominique GOSSET", "Louis ARMARY", "Maryline LURO", "Noëlle RELET",
                                 "Jean-Pierre GELE", "Denis DAUMAS", "Francis VIGNES", "Patricia FINALDI",
                                 "Bernard CAPDEVIELLE"]
    assert people["excuse"] == ["Louis LAFFOURCADE", "Serge PRATDESSUS"]


def test_larbresle_absent_excused_and_gave_proxy():
    text = ("Etaient présents : Pierre-Jean ZANNETTACCI, Jean-Claude GAUTHIER, René GRUMEL,\n"
            "Sheila Mc CARRON, Sylvie DUPERRAY BARDEAU, Jean-Claude PERRAUD, Dominique\n"
            "DUVINAGE.\n"
            "Etait absent, excusé et a donné pouvoir : Nadine MALHOMME à Georges CARRET, Jean-\n"
            "Claude GROSS à Pierre-Jean ZANNETTACCI, Marc BELLAIGUES à René GRUMEL,\n"
            "Rabéa PHILYS à Sylvie DUPERRAY BARDEAU, Francis PEILLON à Dominique\n"
            "DUVINAGE\n"
            "Etait absent : Soraya BENBALA\n"
            "Nombre de conseillers en exercice : 29\n"
            "Nombre de conseillers présents : 21\n"
            "Nombre de conseillers votants : 28\n"
            "ORDRE DU JOUR\n")
    att = find_attendance(text)
    assert printed_counts(att) == {"en_exercice": 29, "presents": 21, "votants": 28}
    people = by_status(att)
    assert people["present"][3:5] == ["Sheila Mc CARRON", "Sylvie DUPERRAY BARDEAU"]
    assert people["present"][-1] == "Dominique DUVINAGE"
    assert proxies(att) == {"Nadine MALHOMME": "Georges CARRET", "Jean-Claude GROSS": "Pierre-Jean ZANNETTACCI",
                            "Marc BELLAIGUES": "René GRUMEL", "Rabéa PHILYS": "Sylvie DUPERRAY BARDEAU",
                            "Francis PEILLON": "Dominique DUVINAGE"}
    assert people["absent"] == ["Soraya BENBALA"]


def test_lannion_counts_figure_first_and_procurations_in_brackets():
    text = ("Étaient présents :\n"
            "Paul LE BIHAN - Eric ROBERT - Françoise LE MEN - Cédric SEUREAU - Bernadette CORVISIER -\n"
            "Marc NEDELEC - Trefina KERRAIN - Patrice KERVAON - Gwénaëlle LAIR - Michel DIVERCHY - Hervé\n"
            "LATIMIER - Pierre GOUZI - Yvon BRIAND - Marie Christine BARAC'H - Sonya NICOLAS - Christian\n"
            "MEHEUST\n"
            "Était absent : Jean-Yves CALLAC\n"
            "Procurations :\n"
            "Yves NEDELLEC (procuration à Marie-Annick GUILLOU) - Fabien CANEVET (procuration à Patrice\n"
            "KERVAON) - Catherine BRIDET (procuration à Danielle MAREC)\n"
            "Questions 1 e t 2 :\n"
            "29 présents\n"
            "3 procurations 32 votants\n"
            "1 absent\n"
            "Ville de Lannion Conseil Municipal du 5 juillet 2021 1\n"
            "\n"
            "Question 3 à la fin :\n"
            "Arrivée de Monsieur Jean-Yves CALLAC\n"
            "30 présents\n"
            "3 procurations 33 votants\n"
            "0 absent\n")
    att = find_attendance(text)
    # the counts in force at the start of the session
    assert printed_counts(att) == {"presents": 29, "representes": 3, "votants": 32, "absents": 1}
    people = by_status(att)
    assert people["present"][-3:] == ["Marie Christine BARAC'H", "Sonya NICOLAS", "Christian MEHEUST"]
    assert "Hervé LATIMIER" in people["present"]
    assert people["absent"] == ["Jean-Yves CALLAC"]
    assert proxies(att) == {"Yves NEDELLEC": "Marie-Annick GUILLOU", "Fabien CANEVET": "Patrice KERVAON",
                            "Catherine BRIDET": "Danielle MAREC"}
    assert attendance_changes(text) == [(text.index("Arrivée"), "arrivée : Monsieur Jean-Yves CALLAC")]


def test_montpellier_absents_having_voted_by_proxy():
    text = ("Présents :\n"
            "Brahim ABBOU, Frédéric ARAGON, Michel ASLANIAN, Marie-Josée AUGE CAUMON, Eva BECCARIA, Annie BENEZECH, Amina\n"
            "BENOUARGHA-JAFFIOL, Nicole BIGAS.\n"
            "Absents ayant voté par procuration en application de l'article L 2121-20 du Code Général des Collectivités Territoriales :\n"
            "Gabrielle DELONCLE, Mustapha MAJDOUL, Hervé MARTIN.\n"
            "Absent :\n"
            "Martine PETITOUT.\n"
            "Mme le Maire Adoption de l’ordre du jour\n"
            "Pour : 59\n")
    att = find_attendance(text)
    people = by_status(att)
    assert people["present"][-2:] == ["Amina BENOUARGHA-JAFFIOL", "Nicole BIGAS"]
    assert people["represente"] == ["Gabrielle DELONCLE", "Mustapha MAJDOUL", "Hervé MARTIN"]
    assert people["absent"] == ["Martine PETITOUT"]


def test_avranches_gave_proxy_lines():
    text = ("Étaient présents : M. HUET, Député-Maire \n"
            "M. BAZIN,  MME HAYERE, M. DELAUNAY, adjoints, \n\n"
            "Pouvoirs \n"
            "Madame A. AUTHIER a donné pouvoir à Madame R. JONCHERE \n"
            "Monsieur H. CHALLIER a donné pouvoir à Madame V. MORIN-SOGOBA \n"
            "Madame M. FAUCHON a donné pouvoir à Monsieur N. TACHE \n\n"
            "Secrétaire de séance  \n")
    att = find_attendance(text)
    person = {p["person"]: p for p in att.people}
    assert person["HUET"]["qualite"] == "Député-Maire"
    assert [person[n]["qualite"] for n in ("BAZIN", "HAYERE", "DELAUNAY")] == ["adjoints"] * 3
    assert person["HAYERE"]["civilite"] == "Mme"
    assert proxies(att) == {"A. AUTHIER": "R. JONCHERE", "H. CHALLIER": "V. MORIN-SOGOBA", "M. FAUCHON": "N. TACHE"}


def test_corte_counts_on_one_line_and_named_lists():
    text = ("DATE DE CONVOCATION : 20 Octobre 2025 PRÉSENTS : 20 ABSENTS 07 PROCURATIONS : 02\n\n"
            "PRÉSENTS : Xavier POLI, Marie ALBERTINI, Martine BARRIELE, Vanina BORROMEÏ, Jeannine CAMPANA,\n"
            "Philippe SINDALI.\n\n"
            "PROCURATIONS : Ange-Julien NICOLINI à Monsieur Marc-Marie GUGLIELMI\n\n"
            "Marie-Cécile RUIZ à Madame Jeannine CAMPANA\n\n"
            "ABSENTS: MM. Jean-Toussaint ALBERTINI, Elodie BAGHIONI, Fabien LUCIANI, Joseph SABIANTI,\n\n"
            "Antoine ORSINI, Blandine-Françoise RUGGERI, Marcel SIMEONI.\n\n"
            "SECRÉTAIRE DE SÉANCE : Monsieur Marc-Marie GUGLIELMI\n")
    att = find_attendance(text)
    assert printed_counts(att) == {"presents": 20, "absents": 7, "representes": 2}
    assert proxies(att) == {"Ange-Julien NICOLINI": "Marc-Marie GUGLIELMI", "Marie-Cécile RUIZ": "Jeannine CAMPANA"}
    assert len(by_status(att)["absent"]) == 7


@pytest.mark.parametrize("line, pairs", [
    ("PRÉSENTS : 21", [("presents", 21)]),  # Corte
    ("PROCURATIONS : 06", [("representes", 6)]),
    ("ABSENTS = 02", [("absents", 2)]),
    ("29 présents", [("presents", 29)]),  # Lannion
    ("3 procurations 32 votants", [("representes", 3), ("votants", 32)]),
    ("Soit 31 présents", [("presents", 31)]),
    (" Elus en exercice : 29", [("en_exercice", 29)]),  # Eybens
    (" Ont donné pouvoir : 6", [("representes", 6)]),
    ("Nombre de Conseillers en exercice.....\t49", [("en_exercice", 49)]),  # seed 001
    ("Absents non excusés. ....\t3", [("absents", 3)]),
    ("Absents excusés.....\t5", [("excuses", 5)]),
    ("Nombre de membres composant le Conseil.....\t49", []),  # the seats, not the members in office
    ("25 Conseillers étaient Présents ou Représentés (07 Procurations : ML Castelli, M. Luciani, JF Orsatelli J.",
     [("representes", 7)]),  # Corte 2023: « 25 … Présents ou Représentés » is no single count
])
def test_count_lines(line, pairs):
    assert count_pairs(line) == pairs


def test_couthenans_first_names_and_slashes():
    text = ("CR du conseil municipal 24 février 2023\n"
            "Présents : Jean-Pierre, Yves, Jacques, David, Nelly, Patrick, Agnès, Adeline.\n"
            "Excusés : Anne-Marie (pouvoir donné à Yves) / Marielle (pouvoir donné à Agnès) / Marc (pouvoir donné Patrick)\n"
            "/ Mathieu (pouvoir donné à Nelly)\n"
            "Maryline : absente non excusée\n"
            "Mr le Maire demande l’autorisation pour l’ajout de 2 délibérations.\n")
    att = find_attendance(text)
    people = by_status(att)
    assert people["present"] == ["Jean-Pierre", "Yves", "Jacques", "David", "Nelly", "Patrick", "Agnès", "Adeline"]
    assert proxies(att) == {"Anne-Marie": "Yves", "Marielle": "Agnès", "Marc": "Patrick", "Mathieu": "Nelly"}
    assert people["absent"] == ["Maryline"]


def test_couthenans_proxy_inside_the_present_list():
    text = ("Conseil municipal du 4 juin 2021\nPrésents :\n"
            "Jean-Pierre, Yves, Jacques, Mathieu, Patrick, Maryline, Anne-Marie, Mario, Nelly, Agnès, Marc, Marielle, David &\n"
            "Adeline (procuration à Mario)\nAbsent\nHélène\nOrdre du jour :\n")
    att = find_attendance(text)
    assert len(by_status(att)["present"]) == 13
    assert proxies(att) == {"Adeline": "Mario"}
    assert by_status(att)["absent"] == ["Hélène"]


def test_corte_counts_in_a_sentence():
    text = ("25 Conseillers étaient Présents ou Représentés (07 Procurations : ML Castelli, M. Luciani, JF Orsatelli J.\n"
            "Orsatelli, A. Orsini, F. Ruggeri et MC Ruiz) et 04 Absents : JT Albertini, E. Baghioni, F. Luciani et\n"
            "AJ Nicolini.\n")
    att = find_attendance(text)
    assert printed_counts(att) == {"representes": 7, "absents": 4}


def test_roannais_absents_on_next_page_are_not_people():
    text = ("Etaient présents :\nChristine Aranéo - Marcel Augier - Jean-Jacques Banchet\n"
            "Etaient absents :\nCf page suivante.\nPage 1 sur 49\n")
    att = find_attendance(text)
    assert by_status(att) == {"present": ["Christine Aranéo", "Marcel Augier", "Jean-Jacques Banchet"]}


def test_no_attendance_in_a_deliberation_body():
    text = ("1. Exercice des pouvoirs délégués au Président et au bureau – Compte-rendu.\n"
            "Le Conseil communautaire, après en avoir délibéré à l’unanimité :\n- prend acte du compte-rendu")
    assert find_attendance(text) is None


def test_montpellier_arrivals_and_departures():
    text = ("Pour : 46\nAdopté à l’unanimité\n"
            "Mme Miraoui, M. Delafosse et Aragon entrent en séance.\n"
            "Max LEVITA 67. Délégation de service public - Délibération de principe - Parking Laissac\n"
            "M. Mella sort de séance.\n"
            "M. Passet avec sa procuration (H. Martin) sort de séance.\n")
    assert [d for _, d in attendance_changes(text)] == [
        "arrivée : Mme Miraoui, M. Delafosse et Aragon",
        "départ : M. Mella",
        "départ : M. Passet avec sa procuration (H. Martin)",
    ]


def test_register_with_one_header_per_deliberation_counts_people_once():
    header = ("PRÉSENTS : Xavier POLI, Marie ALBERTINI, Martine BARRIELE.\n\n"
              "PROCURATIONS : Marie-Cécile RUIZ à Madame Jeannine CAMPANA\n\n"
              "SECRÉTAIRE DE SÉANCE : Monsieur Marc-Marie GUGLIELMI\n")
    body = "LE MAIRE,\n\nExpose qu’il s’agit de fixer les modalités de financement du projet.\n" * 40
    att = find_attendance(header + body + header)
    assert len(att.people) == 4
    assert att.char_end < len(header)
