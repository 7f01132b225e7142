"""The document's own glossary (seed 004's « Glossaire des sigles utilisés ») and service labels."""
from __future__ import annotations

from pathlib import Path

import pytest

from delib.extract.glossary import find_glossary, find_inline_definitions, is_acronym, service_label
from delib.ingest import ingest

SEED = Path(__file__).resolve().parents[1] / "data" / "raw" / "004_9955c5cae59c762c.txt"


@pytest.fixture(scope="module")
def glossary():
    return find_glossary(ingest(SEED).text)


@pytest.mark.parametrize("acronym, expansion", [
    ("DASES", "Direction de l’Action sociale, de l’Enfance et de la Santé"),  # trailing space dropped
    ("AFNOR", "Association française de normalisation"),  # first entry
    ("ZCR", "Zone à circulation restreinte"),  # last entry, before the deliberation
    ("DVD", "Direction de la voirie et des déplacements"),  # « DVD … » comes indented after a page break
    ("AP-HP", "Assistance publique - Hôpitaux de Paris"),
    ("REP+", "Les Réseaux d’éducation prioritaire renforcée"),
    ("ParHI", "Parc Archéologique de la Haute Île"),
    ("MC93", "Maison de la culture de Seine-Saint-Denis"),
    ("N2", "Azote liquide"),
])
def test_seed_glossary_entries(glossary, acronym, expansion):
    assert glossary[acronym] == expansion


def test_seed_glossary_stops_at_the_deliberation(glossary):
    # 64 lines « SIGLE Expansion »; the « Délibération n° du 15 février 2018 » after it is not one.
    assert "Délibération" not in glossary and "CONVENTION" not in glossary
    assert not any(key[0].islower() for key in glossary)


def test_glossary_with_colons_under_liste_des_sigles():
    text = ("Liste des sigles\n\nDASES : Direction de l'Action Sociale, de l'Enfance et de la Santé\n"
            "DVD : Direction de la voirie et des déplacements\n\nArticle 1 - Objet\n"
            "La présente convention a pour objet…")
    assert find_glossary(text) == {"DASES": "Direction de l'Action Sociale, de l'Enfance et de la Santé",
                                   "DVD": "Direction de la voirie et des déplacements"}


def test_inline_definitions_of_seed_004():
    # verbatim from seed 004 (action 2 and the préambule)
    text = ("La création en 2013 de la Mission métropolitaine de la prévention des conduites à risques et \n"
            "des toxicomanies (MMPCR) a contribué à un enrichissement mutuel\n"
            "La  Ville  de  Paris  dispose  d’un  service  intégré  de  qualité  de  l’air  au  sein  de  l’Agence \n"
            "d’Ecologie  Urbaine  (DEVE)  qui  permet")
    found = find_inline_definitions(text)
    assert found["MMPCR"] == ("Mission métropolitaine de la prévention des conduites à risques et "
                              "des toxicomanies")
    # « Agence d’Ecologie Urbaine » does not spell DEVE: no definition is invented
    assert "DEVE" not in found


def test_glossary_section_wins_over_inline(glossary):
    # « l’Agence régionale de santé (ARS) » inline and « ARS Agence régionale de santé » in the glossary
    assert glossary["ARS"] == "Agence régionale de santé"


@pytest.mark.parametrize("token, expected", [
    ("DASES", True), ("AP-HP", True), ("MC93", True), ("REP+", True), ("ParHI", True),
    ("Direction", False), ("2018", False), ("Paris", False), ("a", False),
])
def test_is_acronym(token, expected):
    assert is_acronym(token) is expected


@pytest.mark.parametrize("service, label", [
    ("DASES", "Direction de l’Action sociale, de l’Enfance et de la Santé"),
    ("DEF – ASE", "Direction de l'enfance et de la famille – Services d'aide à l'enfance"),
    ("DEF - ASE", "Direction de l'enfance et de la famille – Services d'aide à l'enfance"),
    ("DEJ-DCPSL", "Direction de l'éducation et de la jeunesse – Direction de la culture, du patrimoine, "
                  "du sport et des loisirs"),
    ("DVD – Agence de la Mobilité", "Direction de la voirie et des déplacements – Agence de la Mobilité"),
    ("DCPSL (pilotage)", "Direction de la culture, du patrimoine, du sport et des loisirs (pilotage)"),
    ("MMPCR – DASES - DAJ", None),  # DAJ is not in the glossary
    ("DASES-SDS", None),  # nor SDS
    ("Service des politiques environnementales et de la biodiversité – Service du parc du Sausset", None),
])
def test_service_label(glossary, service, label):
    assert service_label(service, glossary) == label


def test_expansion_wrapped_over_two_lines():
    text = ("Glossaire\n\nMMPCR Mission métropolitaine de la prévention des conduites à risques\n"
            "et des toxicomanies\nMNA Mineurs non accompagnés\n")
    assert find_glossary(text)["MMPCR"] == ("Mission métropolitaine de la prévention des conduites à risques "
                                            "et des toxicomanies")
