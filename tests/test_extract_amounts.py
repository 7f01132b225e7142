"""Sums of money: real phrasings from the seeds (data/raw) and the corpus (quoted verbatim)."""
from collections import Counter
from pathlib import Path

import pytest

from delib.extract.amounts import find_amounts, parse_figure
from delib.ingest import ingest

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def amounts(text):
    """The euro values found in `text`, checking each span on the way."""
    found = find_amounts(text)
    for m in found:
        assert m.kind == "amount"
        assert text[m.char_start:m.char_end] == m.text
    return [m.value for m in found]


# ---------------------------------------------------------------- how figures are printed
@pytest.mark.parametrize("text, euros", [
    # seed 004
    ("DVD\n\n1 M€\n\nAubervilliers", 1_000_000),
    ("1,4M € pour la piste cyclable", 1_400_000),
    ("et 15 M € pour le parc de \nla", 15_000_000),
    ("un budget de \nfonctionnement de 7,1 M€ chaque année.", 7_100_000),
    ("DEJ-DCPSL\n\n30 000 €\n\nArtistes et compagnies", 30_000),
    ("DEJ - DCPSL\n\n25.000 euros en 2017-2018 \nRecto", 25_000),
    ("compter sur un budget de 20.000 € s’agissant de la participation", 20_000),
    # seed 003
    ("pour 1,2 million € et mise en place d'un dispositif de cotation", 1_200_000),
    ("Sur les budgets, il nous prive de 15 millions d'euros en rognant nos ressources.", 15_000_000),
    ("**3,7 M €**", 3_700_000),
    ("# 188 000 €", 188_000),
    # corpus: avranches, chatillon-sur-seine
    ("102.257,76 € au titre de la participation aux frais de fonctionnement", 102_257.76),
    ("était,  au  30  mai  2013,  de  229 988.53  €  H.T.  Dans  cette  hypothèse", 229_988.53),
    ("est de 105.000 €uros HT.", 105_000),
    # the brief's examples
    ("3,5 milliards d'euros", 3_500_000_000),
    ("150 k€", 150_000),
    ("€ 1 500", 1_500),
    ("1,2 millions d'euros", 1_200_000),
])
def test_figures(text, euros):
    assert amounts(text) == [pytest.approx(euros)]


def test_prices_with_cents():
    # seed 003
    text = "pour des tarifs allant de 0,90 € à 6,30 € / repas selon le quotient familial."
    assert amounts(text) == [0.9, 6.3]


def test_table_rows_with_the_unit_in_front():
    # corpus: corte — « en € » is the unit of the row; its figures are not read as « € 120 000 110 000 »,
    # and « € 38.4% » is a share, not a sum
    assert amounts("Epargne brute annuelle en € 120 000 110 000") == []
    assert amounts("Caisse des Ecoles 1,100,000 € 38.4%") == [1_100_000]


def test_a_column_of_prices_stays_a_column():
    # corpus: avranches — one price per line, the € of one line is not read as « € 4,35 »
    assert amounts("2,80 € \n4,35 € \n7,00 € \n") == [2.8, 4.35, 7.0]


@pytest.mark.parametrize("figure, value", [
    ("30 000", 30000), ("1 500,00", 1500), ("25.000", 25000), ("609 796.07", 609796.07),
    ("102.257,76", 102257.76), ("0,90", 0.9), ("3.5", 3.5), ("1500", 1500), ("1,100,000", 1100000),
])
def test_parse_figure(figure, value):
    assert parse_figure(figure) == pytest.approx(value)


# ---------------------------------------------------------------- in words
def test_sum_in_words_per_year():
    # seed 004
    text = "La Seine-Saint-Denis investit  huit millions \nd'euros par an au bénéfice des 70 000 collégiens"
    (m,) = find_amounts(text)
    assert (m.value, m.attrs["period"]) == (8_000_000, "an")
    assert m.text == "huit millions \nd'euros"


def test_small_sums_in_words():
    # corpus: avranches
    text = "ont été votés, avec effet au 1er juin 2010 : un euro pour trente minutes ou deux euros pour une heure."
    assert amounts(text) == [1, 2]


@pytest.mark.parametrize("text, euros", [
    # corpus: corte
    ("Le montant de cet investissement s’élève à la somme de 130 000,00 € (cent-trente-mille euros) pour",
     [130_000]),
    ("de 50 000,00 € (cinquante-mille euros), réparti en deux versements: 20 000,00 € (vingt-mille euros),",
     [50_000, 20_000]),
    ("1 200 € (mille deux cents euros)", [1_200]),  # the brief's example
])
def test_sum_restated_in_words_is_one_amount(text, euros):
    found = find_amounts(text)
    assert [m.value for m in found] == euros
    assert all("(" not in m.text for m in found)


def test_bracketed_different_sum_is_kept():
    # corpus: avranches — « (8 849,15 €) » is a part of the total, not the total again
    text = ("y  compris  les participations du C.C.A.S. (8 849,15 €), des communes périphériques "
            "(9 088,45 €) et de la subvention de")
    assert amounts(text) == [8849.15, 9088.45]


# ---------------------------------------------------------------- qualifier and period
@pytest.mark.parametrize("text, qualifier", [
    ("Tranche de 20 000 € HT à 89 999 € HT", "HT"),  # corpus: chatillon-sur-seine
    ("l’enveloppe financière maximale affectée aux travaux de cette opération  est plafonnée à   3 500 000€ H.T. ",
     "HT"),  # corpus: avranches
    ("1 500,00 € HT", "HT"),  # the brief's example
    ("CESSIONS 3 623 000 € TTC", "TTC"),  # corpus: chatillon-sur-seine
    ("QF 1 < 200 € (aide de 2,30 €)", None),  # corpus: avranches
])
def test_qualifier(text, qualifier):
    found = find_amounts(text)
    assert found and found[0].attrs["qualifier"] == qualifier
    if qualifier:
        assert found[0].text.rstrip(". ").endswith(("HT", "H.T", "TTC"))


@pytest.mark.parametrize("text, period", [
    ("**3,5 M € / AN**", "an"),  # seed 003
    ("un budget de \nfonctionnement de 7,1 M€ chaque année.", "an"),  # seed 004
    ("hauteur de 4 000 € par an les initiatives favorisant l’usage des TIC", "an"),  # corpus: avranches
    ("Maintenance annuelle 717,60 €", "an"),  # corpus: clairoix
    ("d’Assurances SMACL, avec une prime annuelle TTC de 32 679.24 €.", "an"),  # corpus: corte
    ("Accepte le montant annuel du loyer révisé de 2 000,00 €", "an"),  # corpus: corte
    ("500 € par mois", "mois"),  # the brief's examples
    ("300 € mensuels", "mois"),
    ("Budget moyen d’hébergement et de transport de 50 € par \nplace", None),  # seed 004
    ("pour des tarifs allant de 0,90 € à 6,30 € / repas", None),  # seed 003
])
def test_period(text, period):
    assert find_amounts(text)[-1].attrs["period"] == period


# ---------------------------------------------------------------- not money
@pytest.mark.parametrize("text", [
    "Un des objectifs de l'héritage olympique est de former 80% de la population française",  # seed 002
    "- 50 % avant le lancement des travaux pour chaque tranche",  # corpus: corte
    "Aujourd'hui, avec un service public fort de quelques 1850 agent-es exerçant 170 métiers différents",  # seed 003
    "constituée de 19,85 hectares boisés.",  # corpus: corte
    "Plus d’un million de tonnes de marchandises transitent chaque année",  # seed 004
    "En 2024, ce sont près de 70 000 volontaires qui devront être mobilisés",  # seed 002
    "conformément à la procédure prévue par l'article L.2121-17 du code général",  # seed 001
    "12 000/km<sup>2</sup> à l'horizon 2030",  # seed 003
])
def test_not_money(text):
    assert amounts(text) == []


def test_francs_are_not_euros():
    # corpus: avranches
    assert amounts("De la valeur résiduelle de l’immeuble soit 60 979.61 € (400 000 francs)") == [60979.61]


def test_ocr_debris_triple_zero_is_not_an_amount():
    # corpus: corte, a scanned budget table: « 000 € » is debris, « 0.00 € » is zero euros
    assert amounts("000 € 0.00 €") == [0.0]


# ---------------------------------------------------------------- whole seeds
def test_seed_003_bilan_all_sums():
    doc = ingest(RAW / "003_d498d23d04574811.txt")
    found = find_amounts(doc.text)
    for m in found:
        assert doc.text[m.char_start:m.char_end] == m.text
    assert Counter(m.value for m in found) == Counter([
        3_500_000, 3_700_000, 140_000, 188_000, 1_200_000, 1_500_000, 500_000, 20_000_000, 700_000,
        70_000, 57_620, 500_000, 31_000, 111_000, 500_000, 1_900_000, 0.9, 6.3, 15_000_000, 200_000_000,
    ])
    per_year = [m.value for m in found if m.attrs["period"] == "an"]
    assert per_year == [3_500_000]  # « 3,5 M € / AN »


def test_seed_001_has_no_amounts():
    # vote counts, attendance counts, phone numbers and postcodes only
    doc = ingest(RAW / "001_c628b3d41b0ed031.txt")
    assert find_amounts(doc.text) == []


def test_seed_004_convention_sums():
    doc = ingest(RAW / "004_9955c5cae59c762c.txt")
    values = [m.value for m in find_amounts(doc.text)]
    assert values == [1_000_000, 1_400_000, 15_000_000, 8_000_000, 7_100_000, 30_000, 50, 25_000, 20_000]
