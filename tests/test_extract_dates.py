"""Dates: real phrasings from the seeds (data/raw) and the corpus (quoted verbatim)."""
from pathlib import Path

import pytest

from delib.extract.dates import find_dates
from delib.ingest import ingest

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def dates(text):
    """(value, granularity, role) of every date in `text`, checking each span on the way."""
    found = find_dates(text)
    for m in found:
        assert m.kind == "date"
        assert text[m.char_start:m.char_end] == m.text
    return [(m.value, m.attrs["granularity"], m.attrs["role"]) for m in found]


def values(text):
    return [m.value for m in find_dates(text)]


# ---------------------------------------------------------------- forms of a day date
@pytest.mark.parametrize("text, value", [
    # seed 001
    ("Date de télétransmission : 04/07/2024", "2024-07-04"),
    ("**SEANCE DU 27 JUIN 2024**", "2024-06-27"),
    ("TRANSMIS EN PREFECTURE\n\nLE - 4 JUIL 2024", "2024-07-04"),
    # seed 004
    ("création  de  la  Métropole  du  Grand  Paris  au  1er janvier 2016,  la  Ville  de  Paris", "2016-01-01"),
    # seed 000: the date runs over a line break
    ("prolongement de la ligne 10 du métro, avec la création le 11 février 2016 \n", "2016-02-11"),
    ("vu la convention de coopération du 12 décembre\n2019", "2019-12-12"),
    # corpus: avranches_pv_cm_2018-04-09, clairoix_cm_2006-03-24, chatillon-sur-seine
    ("de Pilotage Elargi organisé lundi 19 février 2018. Dans le cadre d'un", "2018-02-19"),
    ("Date de la convocation : 15.03.2006", "2006-03-15"),
    ("Attribué à : Société COLAS NORD EST – 21600 – Signé le 05/01/2017", "2017-01-05"),
    ("SEANCE DU 01” JUILLET 2025", "2025-07-01"),  # OCR of « 1er »
    ("le  forum  se  tiendra  le  dimanche  8  septembre  2013,  à", "2013-09-08"),
])
def test_day_dates(text, value):
    assert [v for v, g, _ in dates(text) if g == "day"] == [value]


@pytest.mark.parametrize("text, value", [
    # seed 001
    ("L'AN DEUX MILLE VINGT-QUATRE, LE VINGT SEPT JUIN à DIX-NEUF HEURES TRENTE, le Conseil Municipal",
     "2024-06-27"),
    # corpus: avranches, chatillon-sur-seine, clairoix, ouzous, corte (with its OCR « Cing »)
    ("L'an deux mille treize, le premier juillet, le conseil municipal de la ville d'Avranches,", "2013-07-01"),
    ("L'an deux mil dix huit, le 4 avril, à dix huit heures trente, le conseil municipal de Châtillon-sur-Seine,",
     "2018-04-04"),
    ("L’an deux mil six et le vingt quatre mars, à vingt heures trente, le Conseil Municipal de", "2006-03-24"),
    ("L’an deux mille quatorze le six du mois de novembre à vingt heures trente, le conseil", "2014-11-06"),
    ("L’An Deux-Mil-Vingt-Cing, le Huit du mois d’Avril à 17 heures 30, le Conseil, légalement convoqué",
     "2025-04-08"),
    ("L’An Deux-Mil-Vingt-Cing, le Premier du mois de Juillet à 16 heures, le Conseil, légalement convoqué",
     "2025-07-01"),
])
def test_written_out_session_dates(text, value):
    assert dates(text) == [(value, "day", "seance")]


def test_written_out_date_with_year_after():
    assert values("le vingt-huit octobre deux mille vingt et un") == ["2021-10-28"]  # the brief's example


def test_written_out_year_stops_where_the_year_ends():
    # the run of number words goes on past the year; the year is cut where it still reads as one
    (m,) = find_dates("le vingt-huit octobre deux mille vingt et un trois conseillers")
    assert (m.value, m.text) == ("2021-10-28", "vingt-huit octobre deux mille vingt et un")


def test_written_out_date_span_covers_the_whole_phrase():
    text = "L'AN DEUX MILLE VINGT-QUATRE, LE VINGT SEPT JUIN à DIX-NEUF HEURES TRENTE"
    (m,) = find_dates(text)
    assert m.text == "L'AN DEUX MILLE VINGT-QUATRE, LE VINGT SEPT JUIN"


# ---------------------------------------------------------------- month and year granularity
@pytest.mark.parametrize("text, value", [
    ("a été délibérée au Conseil de Paris en juillet 2018, délibération mentionnant", "2018-07"),  # seed 002
    ("Depuis la mi-septembre 2018, TUMO Paris donne accès", "2018-09"),  # seed 002
    ("Cours de natation à la piscine municipale, février 1965.", "1965-02"),  # seed 003
    ("La  mise  en  œuvre  du  projet  pourrait  débuter  en  septembre  2017,  par", "2017-09"),  # seed 004
    ("dont  le  lauréat  sera désigné fin  février \n2018", "2018-02"),  # seed 004, over a line break
])
def test_month_dates(text, value):
    assert [(v, g) for v, g, _ in dates(text)] == [(value, "month")]


@pytest.mark.parametrize("text, value, role", [
    ("Se coordonner pour permettre la baignade dans la Seine et dans la Marne d'ici 2024, et de façon pérenne",
     "2024", "echeance"),  # seed 002
    ("porte l'objectif de l'ouverture de trois sites de baignade à l'horizon 2022. Côté Seine", "2022", "echeance"),
    ("zéro nouvelle infection par le VIH d’ici 2030.", "2030", "echeance"),  # seed 004
    ("(extension à l'échelle de la ville d'ici 2026).", "2026", "echeance"),  # seed 003
    ("d'ici fin 2022", "2022", "echeance"),  # the brief's example
    ("Saint-Denis, engagée fin 2015 par la Ville de Paris", "2015", "other"),  # seed 004
    ("Un appel à manifestation d'intérêt pour ouvrir des sites de baignade pérennes lancé en 2018 par le préfet",
     "2018", "other"),  # seed 002
])
def test_cued_years(text, value, role):
    assert dates(text) == [(value, "year", role)]


@pytest.mark.parametrize("text", [
    "Les JOP 2024 créent un élan collectif pour promouvoir le sport-santé",  # seed 002: a title, not a date
    "**2800**",  # seed 003: a count
    "renouvelé pour la période 2023-2026.",  # seed 003: a period
    "considérant que la réactualisation de la convention de coopération de 2019 marque la poursuite",  # seed 001
    "au mois de décembre d'une aide spécifique",  # seed 003: a month with no year
    "Mobilisation lors des campagnes nationales de santé publique : Octobre rose contre les cancers féminins",
])
def test_no_date_without_a_time_cue(text):
    assert values(text) == []


# ---------------------------------------------------------------- identifiers are not dates
@pytest.mark.parametrize("text", [
    "Accusé de réception en préfecture  \n094-219400413-20240627-DEL20240627\\_16A-DE",  # seed 001
    "Accusé de réception - Ministère de l'Intérieur [02B-212000962-20250408-DEL-25-04-031-DE",  # corpus: corte
    "T (33) 01 49 60 25 08 F (33) 01 49 60 25 88",  # seed 001
    "94205 Ivry-sur-Seine Cedex Département du Val-de-Marne",  # seed 001
    "Section Territoriale de Voirie 10-19-20",
    "2013.07.01 - 1  ADOPTION DU COMPTE-RENDU",  # corpus: avranches, an item number
    "la séance est levée à 19h30.",  # corpus: corte
    "Page 3/12",
    "Récention parle prefet - 14/54/2025",  # corpus: corte, OCR noise (month 54)
    "le 31/02/2024",  # no such day
])
def test_identifiers_and_invalid_dates_give_nothing(text):
    assert values(text) == []


def test_law_number_is_not_a_date_but_its_date_is():
    # seed 004
    text = "dans le cadre de la loi n° \n2015-991 du 7 août 2015 portant nouvelle organisation territoriale"
    assert dates(text) == [("2015-08-07", "day", "reference")]


# ---------------------------------------------------------------- roles
@pytest.mark.parametrize("text, role", [
    # seed 001
    ("**SEANCE DU 27 JUIN 2024**", "seance"),
    ("Date de télétransmission : 04/07/2024", "transmission"),
    ("Date de réception préfecture : 04/07/2024", "reception"),
    ("PUBLIE PAR VOIE D'AFFICHAGE\n\nLE - 4 JUIL 2024", "publication"),
    ("vu le protocole de coopération du 8 septembre 2006 qui a constitué un cadre", "reference"),
    # seed 004
    ("la  Ville  de  Paris  et  la  Seine-Saint-Denis », \nsignée en juin 2016.", "signature"),
    ("d'une nouvelle convention, qui prendra fin en décembre 2020.", "echeance"),
    # seed 000
    ("par délégation de service public qui prendra fin le 31 décembre 2024. À cette échéance", "echeance"),
    # corpus: corte, avranches, chatillon-sur-seine
    ("IRéception par le préfet ! 14/04/2025]", "reception"),
    ("Corte, le 28 octobre 2024", "signature"),
    ("Date de l'affichage du P.V. :  \n\n8 juillet 2013", "publication"),
    ("Date de l'avis de convocation :  \n\n24 juin 2013", "other"),
    ("La  loi  n°2013-403  du  17  mai  2013  est  venue  modifier  le  dispositif", "reference"),
    ("Par décision n° 2017-196 du 27 novembre 2017, la Ville a été autorisée", "reference"),
    ("Le crédit-bail s’achève le 20 juillet 2015.", "echeance"),
    ("la délibération n° 3 B du Conseil municipal du 22 février 2010, selon les conditions", "reference"),
    ("2013.07.01 - 1  ADOPTION DU COMPTE-RENDU DE LA SEANCE DU 4 MARS 2013", "reference"),
    ("lors de sa séance du 26 septembre 2011.", "reference"),
    ("COMPTE RENDU\nCONSEIL MUNICIPAL\nDU\n4 AVRIL 2018", "seance"),
    ("avant le 31 décembre 2025", "echeance"),
    # corpus: montpellier (PDF text with split first letters), lannion, couthenans
    ("Séance publique du Ac te Certifié exécutoire\nE nvoi Préfecture : 27/05/2014", "transmission"),
    ("jeudi 22 mai 2014 R éception en Préfecture : 27/05/2014", "reception"),
    ("Convocation dématérialisée du Conseil Municipal du 25 juin 2021", "other"),
    ("CR du conseil municipal 24 février 2023", "seance"),
])
def test_roles(text, role):
    """The role of the last date of `text` (the one the quoted words lead to)."""
    assert dates(text)[-1][2] == role


def test_cited_text_does_not_reach_past_a_new_clause():
    # corpus: chatillon-sur-seine — the date is when a lease starts, not the decision's date
    text = ("Par décision n° 2017-207 du 15 décembre 2017, mise à disposition d'un "
            "appartement sis 8 place Marmont à compter du 15 décembre 2017.")
    assert [r for _, _, r in dates(text)] == ["reference", "other"]


def test_each_stamp_takes_its_own_cue():
    # seed 001: three stamps in a row, each with the same date
    text = ("TRANSMIS EN PREFECTURE\n\nLE - 4 JUIL 2024\n\nRECU EN PREFECTURE\n\nLE - 4 JUIL 2024\n\n"
            "PUBLIE PAR VOIE D'AFFICHAGE\n\nLE - 4 JUIL 2024")
    assert dates(text) == [("2024-07-04", "day", "transmission"), ("2024-07-04", "day", "reception"),
                           ("2024-07-04", "day", "publication")]


# ---------------------------------------------------------------- whole seeds
def test_seed_001_deliberation():
    doc = ingest(RAW / "001_c628b3d41b0ed031.txt")
    found = find_dates(doc.text)
    by_role = {}
    for m in found:
        assert doc.text[m.char_start:m.char_end] == m.text
        by_role.setdefault(m.attrs["role"], set()).add(m.value)
    assert by_role["seance"] == {"2024-06-27"}
    assert by_role["transmission"] == {"2024-07-04"}
    assert by_role["reception"] == {"2024-07-04"}
    assert by_role["publication"] == {"2024-07-04"}
    assert by_role["reference"] == {"2006-09-08", "2019-12-12"}
    # nothing else: no date out of the ACTES id, the phone numbers or the postcode
    assert {m.value for m in found} == {"2024-06-27", "2024-07-04", "2006-09-08", "2019-12-12"}


def test_seed_004_convention():
    doc = ingest(RAW / "004_9955c5cae59c762c.txt")
    found = find_dates(doc.text)
    day_or_month = [(m.value, m.attrs["role"]) for m in found if m.attrs["granularity"] != "year"]
    assert day_or_month[0] == ("2018-02-15", "seance")  # « Séance du 15 février 2018 » on the first line
    assert ("2015-08-07", "reference") in day_or_month  # « loi n° 2015-991 du 7 août 2015 »
    assert ("2016-06", "signature") in day_or_month  # « signée en juin 2016 »
    assert [v for v, _ in day_or_month] == [
        "2018-02-15", "2020-12", "2016-01-01", "2016-06", "2015-08-07", "2015-02", "2017-06", "2017-09",
        "2017-11", "2018-02", "2016-10-20", "2017-07", "2017-07-06", "2017-09", "2017-03", "2018-02-15",
    ]
    years = {m.value for m in found if m.attrs["granularity"] == "year"}
    assert "2030" in years  # « d'ici 2030 »
    assert all(len(m.value) in (4, 7, 10) for m in found)
