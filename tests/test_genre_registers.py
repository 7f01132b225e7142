"""Register extracts, count lines and item boundaries on phrasings of the whole genre.

Short real excerpts of the dev documents (Montpellier register extracts, Oignies,
Couthenans, Clairoix, Avranches), each next to a made-up variant in another
commune's style. Each test names the phrasing it pins down.
"""
import pytest

from delib.extract.attendance import count_pairs, find_attendance
from delib.extract.deliberation import CHAIR_AWAY, _without_non_participants
from delib.model import DeliberationFields, Document
from delib.segment.minutes import find_deliberations


def segments(text: str):
    doc = Document(doc_id="genre", source_path="genre", file_name="genre", format="txt", text=text)
    return find_deliberations(doc, "genre")


def by_status(text: str) -> dict:
    att = find_attendance(text)
    out: dict = {}
    for p in att.people:
        out.setdefault(p["status"], []).append(p["person"])
    return out


# --- 1. The lists of a register extract's header ---------------------------------------------

MONTPELLIER_2014 = """Présents :
n° 2014 / 137
Fabien ABERT,Lorraine ACQUIER,Luc ALBERNHE,Rémi ASSIE, Guy BARRAL
Absents ayant voté par procuration en application de l'article L 2121-20 du Code
Général des Collectivités Territoriales :
Stéphanie JANNIN,Bernard TRAVIER,Dominique MARTIN-PRIVAT.
Absents :
Délégations du Conseil municipal au Maire
Monsieur le Maire rapporte :
"""


def test_register_number_alone_in_the_list_and_an_empty_absents_list_before_the_title():
    # Montpellier, 24 April 2014: « n° 2014 / 137 » (the margin) read alone under « Présents : »,
    # « Absents : » printed with nothing after it, then the deliberation's title
    att = find_attendance(MONTPELLIER_2014)
    people = by_status(MONTPELLIER_2014)
    assert people["present"][0] == "Fabien ABERT" and len(people["present"]) == 5
    assert people["represente"] == ["Stéphanie JANNIN", "Bernard TRAVIER", "Dominique MARTIN-PRIVAT"]
    assert "absent" not in people and "absent" in att.listed


@pytest.mark.parametrize("title", [
    "Délégations du Conseil municipal au Maire",
    "Election des Conseillers communautaires",
    "Tarifs de la Restauration scolaire",
])
def test_a_title_naming_a_body_is_not_a_name(title):
    # made-up variants: the title under an empty « Absents : » of another commune's extract
    people = by_status(f"Présents :\nJean DUPONT, Marie DURAND\nAbsents :\n{title}\nLe Maire expose :\n")
    assert people == {"present": ["Jean DUPONT", "Marie DURAND"]}


def test_a_name_followed_by_its_proxy_stays_a_name():
    people = by_status("Présents :\nJean DUPONT, Marie DURAND\nAbsents :\nPierre de Lattre représenté par Jean DUPONT\n")
    assert people["represente"] == ["Pierre de Lattre"]


def test_a_comma_missing_at_a_line_break_between_two_full_names():
    # Montpellier, 25 March 2013: « … Mustapha MAJDOUL\nHélène MANDROUX, … » (two people),
    # while « Nicole\nBIGAS » and « Anne-Rose LE VAN » are one each
    text = ("Présents :\nBrahim ABBOU, Nicole\nBIGAS, Anne-Rose LE VAN, Mustapha MAJDOUL\n"
            "Hélène MANDROUX, Hervé MARTIN.\n")
    assert by_status(text)["present"] == ["Brahim ABBOU", "Nicole BIGAS", "Anne-Rose LE VAN", "Mustapha MAJDOUL",
                                          "Hélène MANDROUX", "Hervé MARTIN"]


def test_a_surname_run_over_a_line_break_is_one_person():
    # made-up: « Audrey DE LA\nGRANGE », « M. Jean\nDUPONT » run one name over the break
    text = "Présents :\nMarie DURAND, Audrey DE LA\nGRANGE, M. Jean\nDUPONT, Paul MARTIN.\n"
    assert by_status(text)["present"] == ["Marie DURAND", "Audrey DE LA GRANGE", "Jean DUPONT", "Paul MARTIN"]


# --- 2. Count lines -----------------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    # the parts « dont » names come off the total: absents are the absents non excusés
    ("Absents : 4 dont 2 représentés", {"absents": 2, "representes": 2}),
    ("Absents : 4 dont excusés : 2", {"absents": 2, "excuses": 2}),
    ("Absents : 5 dont 2 représentés et 1 excusé", {"absents": 2, "representes": 2, "excuses": 1}),
    ("Présents : 15 – Absents : 4 dont 2 représentés – Votants : 17",
     {"presents": 15, "absents": 2, "representes": 2, "votants": 17}),
    # « dont » after a count that is no total of absents leaves it whole
    ("Membres présents ou représentés : 17 dont 2 pouvoirs", {"votants": 17, "representes": 2}),
])
def test_a_total_and_its_parts(line, expected):
    assert dict(count_pairs(line)) == expected


@pytest.mark.parametrize("line, expected", [
    # OCR split a figure after its label: read whole only when the counts then balance
    ("Présents : 1 5 Pouvoirs : 2 Votants : 17", {"presents": 15, "representes": 2, "votants": 17}),
    ("En exercice : 19 Présents : 1 5 Absents : 4", {"en_exercice": 19, "presents": 15, "absents": 4}),
    ("Présents : 1 5", {"presents": 1}),  # nothing to balance with: as printed
    ("En exercice : 19 Présents : 1 5 Votants : 17", {"en_exercice": 19, "presents": 1, "votants": 17}),
])
def test_a_figure_split_by_ocr(line, expected):
    assert dict(count_pairs(line)) == expected


# --- 3. Votants and the chair away ------------------------------------------------------------

def test_members_not_taking_part_are_no_votants():
    # Oignies, 13 October 2018: « Vote : 26 bulletins / 3 ne participent pas » with 28 présents
    # and 1 représenté: 26 votants
    fields = DeliberationFields(presents=28, representes=1, votants=29, ne_prend_pas_part=3)
    _without_non_participants(fields)
    assert fields.votants == 26
    # a tally already counting them (« Pour : 29 » of 29) leaves the votants as they are
    fields = DeliberationFields(presents=28, representes=1, votants=29, ne_prend_pas_part=3, pour=29,
                                contre=0, abstentions=0)
    _without_non_participants(fields)
    assert fields.votants == 29


@pytest.mark.parametrize("sentence", [
    "Monsieur le Maire s’étant retiré, Madame MALARD demande au Conseil de voter le compte administratif",  # Clairoix
    "Le Président ayant quitté la salle, le conseil communautaire vote le compte administratif",
    "En l'absence de Madame la Maire, le conseil approuve le compte administratif",
])
def test_the_chair_away_for_one_item(sentence):
    assert CHAIR_AWAY.search(sentence)


def test_another_body_withdrawing_is_not_the_chair():
    assert not CHAIR_AWAY.search("mais Choisy au Bac s’est retiré, donc on commence avec un policier")


# --- 4. Items ------------------------------------------------------------------------------------

def test_an_item_presenting_its_deliberation_without_a_vote_is_a_deliberation():
    # Oignies, 12 December 2013, item 5: presented and discussed, no vote recorded
    text = ("4. Tarifs des services.\nMonsieur le Maire expose les tarifs. Le projet de délibération est adopté à "
            "l'unanimité.\n5. Aide au financement d'instrument de Musique.\n"
            "Monsieur le Maire expose que le financement des instruments auparavant était pris en charge par la\n"
            "Communauté et que cette délibération permet d'aider financièrement les familles qui\n"
            "souhaitent acquérir un instrument de musique qui ne peut être mis à disposition par la Municipalité.\n"
            "Monsieur BASILE demande s'il s'agit de 5 000 € par an pour l'ensemble des instruments de musique.\n"
            "Monsieur le Maire répond que oui, il s'agit de 5 000 € par an au budget.\n"
            "6. Bail pour le Local au Stade.\nLe Conseil Municipal émet un avis favorable, la délibération est "
            "votée à l'unanimité.\n")
    assert [s.number for s in segments(text)] == ["4", "5", "6"]


def test_a_past_deliberation_recalled_does_not_make_an_item_one():
    text = ("1. Tarifs.\nLe conseil municipal, à l'unanimité, approuve les tarifs.\n"
            "2. Informations du Maire sur les travaux.\n"
            "Monsieur le Maire rappelle que cette délibération du 12 mars 2009 avait fixé le programme des travaux "
            "de voirie pour les années suivantes, et que les entreprises retenues ont commencé le chantier "
            "de la rue principale au mois de mai, comme prévu par le marché.\n"
            "3. Subvention.\nLe conseil municipal, à l'unanimité, accorde la subvention.\n")
    assert [s.number for s in segments(text)] == ["1", "3"]


def test_each_labelled_vote_of_an_item_is_named_by_its_label():
    # Couthenans, 4 June 2021, item 2: two budgets, each vote labelled; the label less its verdict
    text = ("1 Subventions associatives\nVote : 14 pour / 0 contre / 0 abstention • adopté\n"
            "2 Décisions modificatives (DM) du budget 2021\nPrésentation par Yves\n"
            "DM1 pour budget communal approuvé : Vote : 14 pour / 0 contre / 0 abstention • adopté\n"
            "DM1 pour budget assainissement approuvé : Vote : 14 pour / 0 contre / 0 abstention • adopté\n"
            "3 Tarification cimetière\nVote : 14 pour / 0 contre / 0 abstention • adopté\n")
    assert [s.title for s in segments(text)] == ["Subventions associatives", "DM1 pour budget communal",
                                                 "DM1 pour budget assainissement", "Tarification cimetière"]


def register(numbers: list[str]) -> str:
    return "".join(f"{n} OBJET NUMERO {i}\nLe Conseil Municipal, à l'unanimité, approuve.\n"
                   for i, n in enumerate(numbers, 1))


def test_a_register_number_spaced_unlike_the_others_takes_their_spacing():
    # Avranches, 9 April 2018 (OCR): « 2018.04.09 - 9 » and « 2018.04.09- 10 » among « 2018.04.09-8 »
    numbers = ["2018.04.09 - 1", "2018.04.09-2", "2018.04.09-3", "2018.04.09-4", "2018.04.09- 5", "2018.04.09-6"]
    assert [s.number for s in segments(register(numbers))] == [f"2018.04.09-{i}" for i in range(1, 7)]


def test_register_numbers_all_spaced_alike_stay_as_printed():
    # Avranches, 1 July 2013: « 2013.07.01 - 1 » … « 2013.07.01 – 15 A », spaced throughout
    numbers = ["2013.07.01 - 1", "2013.07.01 - 2", "2013.07.01 - 3", "2013.07.01 – 4 A"]
    assert [s.number for s in segments(register(numbers))] == numbers


@pytest.mark.parametrize("heading", ["Projet de délibération sur table :", "DELIBERATIONS SUPPLEMENTAIRES",
                                     "Points ajoutés à l'ordre du jour :"])
def test_items_added_after_the_last_numbered_one(heading):
    # Oignies, 12 December 2013: « Projet de délibération sur table : » then unnumbered items,
    # each closed by its vote, after item 18
    text = ("17. Arrêt du projet de Programme Local de l'Habitat.\nLe Conseil Municipal émet un avis favorable.\n"
            "18. Convention tripartite.\nMonsieur le Maire demande d'être autorisé à signer cette convention. "
            "Le Conseil Municipal l'autorise à\nl'unanimité.\n\n"
            f"{heading}\nSollicitation de l'aide SOS Commerce\n"
            "Monsieur le Maire expose qu'au sein de la rue Lamendin, la Ville a exercé son droit de préemption.\n"
            "Monsieur le Maire propose ce projet de délibération qui est voté à l'unanimité.\n"
            "Dossier culture à partager\nMonsieur le Maire expose que le dossier a été déposé auprès de la Région.\n"
            "Monsieur le Maire propose ce projet de délibération qui est voté à l'unanimité.\n"
            "Fin du Conseil Municipal à 19 H 50\n")
    found = segments(text)
    assert [(s.number, s.title) for s in found] == [
        ("17", "Arrêt du projet de Programme Local de l'Habitat"), ("18", "Convention tripartite"),
        (None, "Sollicitation de l'aide SOS Commerce"), (None, "Dossier culture à partager")]
    assert heading not in text[found[1].char_start:found[1].char_end]


def test_members_back_without_a_note_stay_for_the_items_after():
    # Montpellier, 7 February 2011: « M. Aragon sort de séance » and later tallies count him again
    # with no note of his return; an item whose tally leaves members out (not taking part) still
    # counts him present. Made-up minutes in that layout.
    from test_genre_fields import extract_text
    text = ("COMPTE RENDU DE LA SEANCE DU CONSEIL MUNICIPAL DU 7 FEVRIER 2011\n"
            "Présents : Jean ALBERT, Marie BRUN, Paul CARON, Anne DUVAL, Louis EMERY, Rose FABRE\n"
            "Absents ayant voté par procuration : Claire GAUTIER\n"
            "1. Tarifs de la cantine\nPour : 7\nAdopté à l'unanimité\nM. Albert sort de séance.\n"
            "2. Subvention au club de football\nPour : 7\nAdopté à l'unanimité\n"
            "3. Garantie d'emprunt à la SEM\nPour : 5\nAdopté à l'unanimité\n"
            "Mme Brun et M. Caron, administrateurs de la SEM, ne prennent pas part au vote.\n")
    rows = [{k: getattr(d.fields, k) for k in ("presents", "representes", "votants", "ne_prend_pas_part")}
            for d in extract_text(text).deliberations]
    assert rows[1] == {"presents": 6, "representes": 1, "votants": 7, "ne_prend_pas_part": None}
    assert rows[2] == {"presents": 6, "representes": 1, "votants": 5, "ne_prend_pas_part": 2}


# --- A recueil: register extracts one after the other -----------------------------------------

def test_a_recueil_of_extracts_reads_each_extract_as_alone():
    """Four register extracts of Montpellier (dev), each read alone right, put one after the
    other as a recueil prints them: each one keeps its own number, objet, date and counts —
    and its objet is not the préfecture's stamp that opens the next extract
    (« Accusé de réception – Ministère de l'intérieur » was read as a title)."""
    import json
    from pathlib import Path

    from delib.extract.document import extract_document
    from delib.ingest import ingest
    from delib.segment import segment_document

    root = Path(__file__).resolve().parents[1]
    names = ["montpellier_delib_2013-03-25_subventions_politique_ville",
             "montpellier_delib_2014-137_delegations_maire_2014-04-24",
             "montpellier_delib_2014-199_convention_partenariat_comedie_livre_2014-05-22",
             "montpellier_delib_2014-209_election_CDSP_2014-05-22"]
    corpus = root.parent / "shared" / "corpus"
    if not all((corpus / f"{n}.pdf").exists() for n in names):
        pytest.skip(f"the real-world corpus is not here ({corpus})")
    text = "\n\n".join(ingest(corpus / f"{n}.pdf").text for n in names)
    doc = Document(doc_id="recueil", source_path="recueil.txt", file_name="recueil.txt", format="txt", text=text)
    found = extract_document(doc, segment_document(doc)).deliberations
    gold = [json.loads((root / "data" / "gold" / f"{n}.json").read_text())["deliberations"][0] for n in names]
    assert [(d.fields.numero, d.fields.seance_date, d.fields.presents, d.fields.representes) for d in found] == \
        [(g["numero"], g["seance_date"], g["presents"], g["representes"]) for g in gold]
    for d, g in zip(found, gold):
        assert d.fields.objet.split()[:3] == g["objet"].split()[:3]


def test_an_objet_line_naming_only_its_rubric_then_the_title():
    # a communauté's register extract: « OBJET / DEVELOPPEMENT ECONOMIQUE » then the objet's line
    from delib.extract.deliberation import find_objet

    head = ("Délibération n° 2023-014\nOBJET / DEVELOPPEMENT ECONOMIQUE\n"
            "Cession d'un lot de la zone d'activités des Fayes à la SARL Menuiserie\n"
            "M. le Président expose que la SARL souhaite acquérir le lot n° 7.\n")
    assert find_objet(head) == ("Cession d'un lot de la zone d'activités des Fayes à la SARL Menuiserie",
                                "DEVELOPPEMENT ECONOMIQUE")
    # a rubric with nothing title-like under it stays the objet
    assert find_objet("OBJET : ELECTION DU MAIRE\nLe Conseil Municipal,\nVu le code…\n")[0] == "ELECTION DU MAIRE"
