"""Who deliberated and on what: collectivité, instance, président, séance date, objet,
ACTES stamp dates — phrasings quoted verbatim from the seeds and the corpus.

The last test runs every corpus document and checks each deliberation row against
values read in the documents (skipped without ../shared/corpus).
"""
from functools import lru_cache
from pathlib import Path

import pytest

from delib.extract.dates import find_dates
from delib.extract.deliberation import (find_instance, find_objet, find_president, objet_after_number,
                                           objet_before_reporter, session_date)
from delib.extract.document import extract_document
from delib.extract.parties import (councils_named, find_departement, find_issuer, most_named_commune,
                                      most_stated_issuer, place_case)
from delib.ingest import ingest
from corpus_documents import corpus_document, ingested
from delib.segment import segment_document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw"


def corpus_text(name: str) -> str:
    return corpus_document(name).text


# --- collectivité ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # seed 001
    ("le Conseil Municipal de la Ville d'Ivry-sur-Seine s'est réuni en assemblée", "Ivry-sur-Seine"),
    # letterheads (Corte recueils, Avranches, Eybens, Lannion, Châtillon)
    ("25-04/031\n\nCOMMUNE DE CORTE\n\nDELIBERATION DU CONSEIL MUNICIPAL", "CORTE"),
    ("VILLE D'AVRANCHES\n\nPROCES VERBAL DE LA RÉUNION DU CONSEIL MUNICIPAL", "AVRANCHES"),
    ("VILLE D’EYBENS\nDÉLIBÉRATIONS DU CONSEIL MUNICIPAL DU 24 OCTOBRE 2013", "EYBENS"),
    ("Ville de LANNION (Côtes d'Armor)\nn° 20200525", "LANNION"),
    ("VILLE DE CHATILLON-SUR-SEINE\n(Côte d'Or)\nCOMPTE RENDU", "CHATILLON-SUR-SEINE"),
    # an EPCI: its whole name
    ("ROANNAIS AGGLOMERATION", "ROANNAIS AGGLOMERATION"),
    ("les conseillers communautaires de Roannais Agglomération, se\nsont réunis", "Roannais Agglomération"),
    # the assembly named with its commune
    ("Séance Publique du Conseil Municipal d’OUZOUS du 6 novembre 2014", "OUZOUS"),
    ("le Conseil Municipal de la Commune de\nL’Arbresle, dûment convoqué", "L'Arbresle"),
    ("s’est réuni le conseil municipal de LANNION, en séance ouverte au\npublic", "LANNION"),
    ("Mairie de Couthenans", "Couthenans"),
    # the article in capitals is no name (« LA » was read as one)
    ("CONSEIL MUNICIPAL DE LA VILLE DE PARIS\nSéance du 12 mars 2020", "PARIS"),
    # the document's place and date on its first line (Montpellier's compte rendu)
    ("Montpellier, le lundi 14 mars 2011\nCompte-rendu du Conseil municipal", "Montpellier"),
    ("Ville de Montpellier, le vendredi 1er avril 2011\n", "Montpellier"),
    # a date is no place (Avranches 2013 gave « LUNDI »), « cette commune » no name (Clairoix)
    ("PROCES VERBAL DE LA RÉUNION DU CONSEIL MUNICIPAL\n\nDU LUNDI 1ER JUILLET 2013", None),
    ("le Conseil Municipal de\ncette commune, régulièrement convoqué", None),
])
def test_find_issuer(text, expected):
    assert find_issuer(text) == expected


def test_a_departements_deliberation_takes_the_departement_it_names():
    # seed 004's deliberation page
    text = ("Le Conseil départemental,\n\n- APPROUVE la convention de coopération, dont le projet ci-annexé, "
            "entre le département\nde la Seine-Saint-Denis et la Ville de Paris ;")
    assert find_instance(text) == "conseil départemental"
    assert find_issuer(text) is None
    assert find_departement(text) == "Seine-Saint-Denis"


def test_minutes_naming_their_commune_only_in_passing():
    # Clairoix: « le Conseil Municipal de cette commune »; its town hall is named later
    text = ("Considérant que la participation financière de 70 % de la rémunération sera demandée à la "
            "Commune de Clairoix, et\n… que le siège de la régie sera situé à la mairie de Clairoix. …\n"
            "Secrétaire Générale de la Mairie de Clairoix.\n"
            "La transformation de la Communauté des Communes de la Région de Compiègne en Communauté "
            "d’Agglomération a")
    assert most_stated_issuer(text) == "Clairoix"


def test_couthenans_is_the_place_its_minutes_name_most():
    text = corpus_text("couthenans_cr_cm_2021-06-04.pdf")
    # « La zone de Luze a été actée au conseil municipal de Luze »: another commune's council
    assert councils_named(text) == {"Luze"}
    assert most_named_commune(text, frozenset(councils_named(text))) == "Couthenans"
    assert most_named_commune(text) is None  # without that, Luze ties with Couthenans


@pytest.mark.parametrize("name, text, expected", [
    ("CORTE", "Adhésion et intégration de la Ville de Corte au Conservatoire", "Corte"),
    ("LANNION", "", "Lannion"),
    ("CHATILLON-SUR-SEINE", "les habitants de Châtillon-sur-Seine", "Châtillon-sur-Seine"),
    ("ROANNAIS AGGLOMERATION", "de Roannais Agglomération", "Roannais Agglomération"),
    ("SAINT-JEAN-DE-LUZ", "", "Saint-Jean-de-Luz"),
    ("L'ARBRESLE", "", "L'Arbresle"),
    ("Ivry-sur-Seine", "IVRY-SUR-SEINE", "Ivry-sur-Seine"),  # not in capitals: as it is
])
def test_place_case(name, text, expected):
    assert place_case(name, text) == expected


# --- instance and président ---------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("le Conseil Municipal de la Ville d'Ivry-sur-Seine", "conseil municipal"),
    ("les conseillers communautaires de Roannais Agglomération", "conseil communautaire"),
    ("Le Conseil départemental,", "conseil départemental"),
])
def test_find_instance(text, expected):
    assert find_instance(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("le Conseil Municipal de la Ville d'Ivry-sur-Seine s'est réuni en assemblée sous la présidence "
     "de Monsieur Philippe BOUYSSOU, Maire, à la suite", "Philippe BOUYSSOU"),
    # the title after the name is dropped (Ouzous)
    ("le conseil\nmunicipal dûment convoqué le 22 octobre 2014 s’est réuni au lieu habituel de ses séances\n"
     "sous la présidence de Monsieur Dominique GOSSET Maire.", "Dominique GOSSET"),
    # « Madame le Maire, Hélène Mandroux » (Montpellier 2013), two columns read across (2014)
    ("le Conseil Municipal de la Ville de Montpellier s'est\nMunicipal de la Ville de réuni en mairie, "
     "Salle du Conseil Municipal, le lundi 25 mars 2013 à 18H00, sous la\npresidence de Madame le Maire, "
     "Hélène Mandroux\nMontpellier", "Hélène Mandroux"),
    ("le Conseil Municipal de la Ville de Montpellier s'est\nExtrait du registre des réuni en mairie, Salle "
     "du Conseil Municipal, le jeudi 22 mai 2014 à 18H00, sous la\ndélibérations du Conseil présidence de "
     "Monsieur le Maire, Philippe Saurel\nMunicipal de la Ville de", "Philippe Saurel"),
    ("le Conseil, légalement convoqué\n\npar son Maire, s’est réuni dans la salle de la Maison du Temps "
     "Libre, sous la présidence du\n\nDocteur Xavier POLI, Maire.", "Xavier POLI"),
    # OCR noise before « de » (Avranches 2018)
    ("le conseil municipal de la ville d'Avranches,\ndûment convoqué, s'est assem blé au lieu ordinaire de "
     "ses séances, sous la présidence\n\n2g de Monsieur David NICOLAS, Maire de la ville d'Avranches.",
     "David NICOLAS"),
    # the EPCI's président, named with the convocation (Roannais Agglomération)
    ("La convocation de tous les conseillers a été faite le 22 octobre 2021, dans les formes et délais "
     "prescrits par la loi,\npar Yves Nicolin, Président.", "Yves Nicolin"),
    # another assembly's chair, in an annex (Corte recueil 2025-10-28)
    ("L'an , le , |a Commission Permanente, convoquée le 15 juillet 2025, s'est\n\nréunie sous la présidence "
     "de Mme Marie-Antoinette MAUPERTUIS, Présidente de", None),
    # no name: « Le Maire, après avoir procédé à l’appel » (Corte 2023)
    ("Le Maire, après avoir procédé à l’appel des membres du Conseil Municipal", None),
])
def test_find_president(text, expected):
    assert find_president(text) == expected


# --- objet ---------------------------------------------------------------------------------------

def test_objet_of_an_ocrd_register_extract_leaves_the_stamp_out():
    # corte_recueil_delibs_2025-04-08 (OCR by the repository's author), verbatim
    text = ("OBJET : Finances Communales : Publication : 14/04/2025\n\n= ; [Réception par le préfet : 14/04/2025]"
            "\n\nAttribution de subventions aux Associations Pour l'autorité compétente par délégation\n\n"
            "Accusé de réception - Ministére de l'Intérieur [02B-212000962-20250408-DEL-25-04-035-DE\n\n"
            "Accusé certifié exécutoire\n\n25-04/035\n\nLE MAIRE,\n")
    assert find_objet(text) == ("Attribution de subventions aux Associations", "Finances Communales")
    text = ("OBJET : Gestion du Domaine Communal :\n\nAccusé de réception - Ministére de l'Intérieur\n\n"
            "5 Hone a ; [02B-212000962-20250408-DEL-25-04-042-DE\n\nAcquisition foncière de la Commune de Corte"
            " - —\n\nes pee Accusé certifié exécutoire\n\nauprès d'ERILIA pour l'aménagement de la « Voie Douce "
            "» et du quartier LOGIREM Publication :\n14/04/2025\n\ni Ç lee: = Réception par le préfet : "
            "14/04/2025}\n\nPour l'autorité compétente par délégation\n\n1 æ\n\n25-04/042\n\nLE MAIRE,\n")
    assert find_objet(text) == ("Acquisition foncière de la Commune de Corte auprès d'ERILIA pour "
                                "l'aménagement de la « Voie Douce » et du quartier LOGIREM",
                                "Gestion du Domaine Communal")


def test_objet_theme_and_objet_on_one_line():
    # corte_recueil_delibs_2025-10-28
    text = "OBJET : Finances Communales : Plan de financement Espace Logirem.\n\nLE MAIRE,\n"
    assert find_objet(text) == ("Plan de financement Espace Logirem.", "Finances Communales")


def test_seed_001_objet_is_the_numbered_item_under_the_theme():
    text = "OBJET : ENVIRONNEMENT\n\n16) Coopération avec la Ville de Paris\nA/ Convention-cadre\n\nIVRY\n"
    assert find_objet(text) == ("Coopération avec la Ville de Paris - Convention-cadre", "ENVIRONNEMENT")


def test_objet_above_the_rapporteur():
    # montpellier_delib_2013-03-25, verbatim
    text = ("Absents :\nTatiana CAPUOZZI-BOUALAM, Sarah EL ATMANI ,Martine PETITOUT.\n"
            "Contrat Urbain de Cohésion Sociale\nAttribution de subventions à diverses associations\n"
            "Exercice 2013\nAudrey DE LA GRANGE rapporte :\n")
    assert objet_before_reporter(text) == ("Contrat Urbain de Cohésion Sociale - Attribution de subventions "
                                           "à diverses associations - Exercice 2013")
    # montpellier_delib_2014-137: a blank line before « rapporte »
    text = "Absents :\nDélégations du Conseil municipal au Maire\n\nMonsieur le Maire rapporte :\n"
    assert objet_before_reporter(text) == "Délégations du Conseil municipal au Maire"


def test_objet_after_the_deliberation_number():
    # seed 004's deliberation page
    text = ("Délibération n° du 15 février 2018\n\nCONVENTION GLOBALE PARIS - SEINE-SAINT-DENIS\n\n"
            "Le Conseil départemental,\n")
    assert objet_after_number(text) == "CONVENTION GLOBALE PARIS - SEINE-SAINT-DENIS"


# --- dates ---------------------------------------------------------------------------------------

def test_session_date_from_the_title_line():
    # Eybens: « DÉLIBÉRATIONS DU CONSEIL MUNICIPAL DU … » reads as a cited text to the date roles
    text = ("VILLE D’EYBENS\nDÉLIBÉRATIONS DU CONSEIL MUNICIPAL DU 24 OCTOBRE 2013\nLe jeudi 24 octobre 2013 à "
            "17 h 30, le Conseil municipal de la commune d’Eybens dûment\n")
    assert session_date(text, find_dates(text)) == "2013-10-24"


def _extract(path: Path):
    doc = ingested(path)
    return extract_document(doc, segment_document(doc))


def test_seed_001_stamp_dates():
    [delib] = _extract(SEEDS / "001_c628b3d41b0ed031.txt").deliberations
    f = delib.fields.columns()
    assert (f["acte_id"], f["transmission_date"], f["reception_date"]) == \
        ("094-219400413-20240627-DEL20240627_16A-DE", "2024-07-04", "2024-07-04")
    assert (f["collectivite"], f["instance"], f["president"]) == \
        ("Ivry-sur-Seine", "conseil municipal", "Philippe BOUYSSOU")
    # the extract states no ACTES matière: it is inferred from the objet, and says so
    assert f["matiere_source"] == "inferred" and f["matiere_code"] == "9.1"


def test_montpellier_extract_identity():
    doc = corpus_document("montpellier_delib_2013-03-25_subventions_politique_ville.pdf")
    [delib] = extract_document(doc, segment_document(doc)).deliberations
    f = delib.fields.columns()
    # the register number « n° 2013 / 130 », not the ACTES internal number
    assert (f["numero"], f["acte_id"], f["reception_date"], f["president"]) == \
        ("2013/130", "034-213401722-20130325-0000062241-DE", "2013-03-27", "Hélène Mandroux")


# --- every corpus row ---------------------------------------------------------------------------

# (collectivité, instance, séance) read in each document.
CORPUS_IDENTITY = {
    "avranches_pv_cm_2013-07-01.txt": ("Avranches", "conseil municipal", "2013-07-01"),
    "avranches_pv_cm_2018-04-09_ocrnoisy.txt": ("Avranches", "conseil municipal", "2018-04-09"),
    "chatillon-sur-seine_cr_cm_2018-04-04.txt": ("Châtillon-sur-Seine", "conseil municipal", "2018-04-04"),
    "clairoix_cm_2006-03-24.txt": ("Clairoix", "conseil municipal", "2006-03-24"),
    "corte_pv_cm_2023-02-13.pdf": ("Corte", "conseil municipal", "2023-02-13"),
    "corte_pv_cm_2024-10-28_ocr_by_repo.md": ("Corte", "conseil municipal", "2024-10-28"),
    "corte_recueil_delibs_2025-04-08_ocr_by_repo.md": ("Corte", "conseil municipal", "2025-04-08"),
    "corte_recueil_delibs_2025-07-01_ocr_by_repo.md": ("Corte", "conseil municipal", "2025-07-01"),
    "corte_recueil_delibs_2025-10-28_ocr_by_repo.md": ("Corte", "conseil municipal", "2025-10-28"),
    "couthenans_cr_cm_2021-06-04.pdf": ("Couthenans", "conseil municipal", "2021-06-04"),
    "couthenans_cr_cm_2023-02-24.pdf": ("Couthenans", "conseil municipal", "2023-02-24"),
    "eybens_delibs_cm_2013-10-24.txt": ("Eybens", "conseil municipal", "2013-10-24"),
    "lannion_pv_cm_2020-05-25_installation.pdf": ("Lannion", "conseil municipal", "2020-05-25"),
    "lannion_pv_cm_2021-07-05.pdf": ("Lannion", "conseil municipal", "2021-07-05"),
    "larbresle_cr_cm_2013-07-09.pdf": ("L'Arbresle", "conseil municipal", "2013-07-09"),
    "montpellier_cr_cm_2011-02-07.pdf": ("Montpellier", "conseil municipal", "2011-02-07"),
    "montpellier_delib_2013-03-25_subventions_politique_ville.pdf": ("Montpellier", "conseil municipal", "2013-03-25"),
    "montpellier_delib_2014-137_delegations_maire_2014-04-24.pdf": ("Montpellier", "conseil municipal", "2014-04-24"),
    "montpellier_delib_2014-199_convention_partenariat_comedie_livre_2014-05-22.pdf":
        ("Montpellier", "conseil municipal", "2014-05-22"),
    "montpellier_delib_2014-209_election_CDSP_2014-05-22.pdf": ("Montpellier", "conseil municipal", "2014-05-22"),
    "ouzous_seance_cm_2014-11-06.txt": ("Ouzous", "conseil municipal", "2014-11-06"),
    "roannais-agglomeration_pv_conseil_communautaire_2021-10-28.pdf":
        ("Roannais Agglomération", "conseil communautaire", "2021-10-28"),
}


@lru_cache(maxsize=None)
def corpus_rows(name: str):
    doc = corpus_document(name)
    return [d.fields.columns() for d in extract_document(doc, segment_document(doc)).deliberations]


@pytest.mark.parametrize("name", sorted(CORPUS_IDENTITY))
def test_every_corpus_row_has_its_documents_identity(name):
    rows = corpus_rows(name)
    assert rows, "no deliberation found"
    expected = CORPUS_IDENTITY[name]
    assert {(r.get("collectivite"), r.get("instance"), r.get("seance_date")) for r in rows} == {expected}


@pytest.mark.parametrize("name", [n for n in sorted(CORPUS_IDENTITY) if "recueil" in n or "montpellier_delib" in n])
def test_every_extract_has_its_actes_id_and_objet(name):
    rows = corpus_rows(name)
    assert all(r.get("acte_id") for r in rows)
    assert sum(bool(r.get("objet")) for r in rows) >= 0.9 * len(rows)


# --- the document's own title and its parties (issue 14) ------------------------------------

from delib.extract.parties import find_parties, find_title  # noqa: E402

SEED_TITLES = {
    # 000 prints no title block: the convention it calls itself, between its signatories
    "000_4ab7287b466accba.txt": "Convention de coopération entre la Ville d’Ivry-sur-Seine et la Ville de Paris",
    "001_c628b3d41b0ed031.txt": "Extrait du registre des délibérations du conseil municipal – séance du 27 juin 2024",
    "002_4f65e2fdb1af9030.txt": "Convention de coopération entre la Ville de Paris et le Département du Val-de-Marne",
    "003_d498d23d04574811.txt": "6 ans d'actions municipales, on en parle",
    "004_9955c5cae59c762c.txt": "Convention globale Paris - Seine-Saint-Denis – séance du 15 février 2018",
}
SEED_PARTIES = {
    "000_4ab7287b466accba.txt": ["Ville d’Ivry-sur-Seine", "Ville de Paris"],
    "001_c628b3d41b0ed031.txt": ["Ville d'Ivry-sur-Seine", "Ville de Paris"],
    "002_4f65e2fdb1af9030.txt": ["Ville de Paris", "Département du Val-de-Marne"],
    "003_d498d23d04574811.txt": ["Ville d'Ivry-sur-Seine"],
    "004_9955c5cae59c762c.txt": ["Département de la Seine-Saint-Denis", "Ville de Paris"],
}


@pytest.mark.parametrize("name", sorted(SEED_TITLES))
def test_seed_title_is_the_documents_own(name):
    assert find_title(ingest(SEEDS / name).text) == SEED_TITLES[name]


@pytest.mark.parametrize("name", sorted(SEED_PARTIES))
def test_seed_parties(name):
    assert find_parties(ingest(SEEDS / name).text) == SEED_PARTIES[name]


def test_pdf_title_block_parties_and_no_cut_name():
    text = ingest(SEEDS / "convention_paris_seine-saint-denis_fiches.pdf").text
    assert find_title(text) == ("Convention de coopération 2018-2020 entre la Ville de Paris et le Département "
                                "de la Seine-Saint-Denis")
    # « la Métropole du Grand Paris » of the preamble is no party (it was listed as « Métropole du Grand »)
    assert find_parties(text) == ["Ville de Paris", "Département de la Seine-Saint-Denis"]


def test_a_long_title_ends_at_a_word():
    text = "Rapport " + "sur les travaux de la commission " * 12 + "\n\nSuite du texte."
    title = find_title(text)
    assert len(title) <= 202 and title.endswith(" …")
    assert title[:-2].split()[-1] in text.split()


def test_a_title_in_capitals_is_written_in_the_texts_own_case():
    text = "PROCES-VERBAL DE LA REUNION\nDU CONSEIL MUNICIPAL\n\nLe conseil municipal de Rots s'est réuni."
    assert find_title(text) == "Procès-verbal de la réunion du conseil municipal"
