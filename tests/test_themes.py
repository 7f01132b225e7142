"""Themes of actions: keyword rules of delib/data/themes.csv, title first, axis breaks ties.

Every title and axis title below is quoted verbatim from the seeds (data/raw).
"""
from __future__ import annotations

import csv
import re

import pytest

from delib.analysis.themes import (NO_THEME, THEMES_FILE, ThemeFileError, load_keywords, theme_hits, theme_of,
                             themes_in_order, title_words)

# Axis titles of the seeds.
AXIS_002_C = "Renforcer la mise en œuvre d'actions conjointes pour la jeunesse, le sport et l'éducation"
AXIS_000_A = "RELEVER LE DÉFI CLIMATIQUE AUTOUR DE LA RÉALISATION DE GRANDS PROJETS COMMUNS"
AXIS_004_1 = "Renforcer la coopération en matière d’action sociale entre les deux territoires"
AXIS_004_4 = ("Renforcer la culture et le patrimoine comme moteurs de l’émancipation des habitants "
              "et de l’attractivité des deux territoires")


@pytest.mark.parametrize("title, theme", [
    ("Renforcer l'efficacité du réseau des bus aux portes de Paris", "mobilité"),  # 002 A.2
    ("Poursuivre la mobilisation pour le prolongement de la ligne 10 du métro", "mobilité"),  # 000 C.1, 002 A.4
    ("Assurer la continuité cyclable entre l’avenue de Flandres et le Fort d’Aubervilliers", "mobilité"),  # 004 8.1
    ("Établir un état des lieux des logements sociaux implantés à Ivry-sur-Seine", "logement/hébergement"),  # 000 B.1
    ("Mettre fin au sida ensemble", "social/santé"),  # 004 4
    ("Se coordonner pour favoriser l'accueil des collégiens dans les territoires limitrophes Paris/Val-de-Marne",
     "éducation/jeunesse"),  # 002 C.1
    ("Valoriser le patrimoine archéologique", "culture/patrimoine"),  # 004 13
    ("Encourager l’apprentissage de la nage par un évènement commun", "sport"),  # 004 18
    ("Développer de nouveaux parcours touristiques", "tourisme/loisirs"),  # 002 B.3
    ("Traitement qualitatif des interfaces Paris - Ivry-sur-Seine", "aménagement/urbanisme"),  # 000 C.2
    ("Mise en place d’un comité de pilotage", "gouvernance"),  # 000 A.1.i
])
def test_the_title_alone_decides_when_one_theme_leads(title, theme):
    assert theme_of(title) == theme


def test_the_axis_breaks_a_tie_in_the_title():
    # « sport » and « santé » tie; the axis « … pour la jeunesse, le sport et l'éducation » decides.
    title = "Renforcer la pratique du sport santé"  # 002 C.4
    assert theme_hits(title) == {"sport": 1, "social/santé": 1}
    assert theme_of(title, AXIS_002_C) == "sport"
    # Without the axis the tie goes to the theme listed first in the file.
    assert theme_of(title) == "social/santé"
    # « jeunes » (éducation) and « mineurs non accompagnés » (social) tie; the axis is social.
    assert theme_of("Repenser l'accueil des jeunes mineurs non-accompagnés", AXIS_004_1) == "social/santé"
    # « réaménagement » and « artistiques » tie; the axis is about culture.
    assert theme_of("Préfigurer le réaménagement des portes entre Paris et la Seine-Saint-Denis par des "
                    "interventions artistiques", AXIS_004_4) == "culture/patrimoine"


def test_the_title_wins_over_the_axis():
    # 000 B.3 sits under the axis « habitat et hébergement », but its own words are social.
    axis = "PROMOUVOIR DES POLITIQUES SOLIDAIRES EN MATIÈRE D’HABITAT ET D’HÉBERGEMENT"
    title = ("Poursuivre et accentuer la coopération sur l’accueil et l’accompagnement des personnes en "
             "situation de précarité")
    assert theme_of(title, axis) == "social/santé"


def test_a_title_without_keyword_takes_its_axis_theme():
    title = "Définir des objectifs conjoints d’évolution des sites"  # 000 A.2
    assert theme_hits(title) == {}
    assert theme_of(title, AXIS_000_A) == "environnement/climat"
    assert theme_of(title) == NO_THEME


def test_a_keyword_of_several_words_takes_its_words_from_the_others():
    # « Samu social » is emergency shelter: the word « social » does not also count for social/santé.
    assert theme_hits("Évaluer l’équilibre territorial du dispositif de relogement par le Samu social") == {
        "logement/hébergement": 2}
    # « agriculture urbaine » is environment, not urbanism (« urbain* »).
    assert theme_hits("Lancer un appel à projets commun pour le développement de l’agriculture urbaine") == {
        "environnement/climat": 1}


def test_a_word_without_star_matches_only_itself():
    # « parc » is a park; « parcours » is not.
    assert theme_hits("Développer de nouveaux parcours touristiques") == {"tourisme/loisirs": 1}
    assert theme_hits("Tendre vers la réalisation du parc de la Confluence à l’horizon 2025") == {
        "environnement/climat": 1}


def test_title_words_split_elisions_drop_function_words_and_keep_numbers():
    assert title_words("Étudier une gestion publique de l’eau à Ivry-sur-Seine") == [
        "etudier", "gestion", "publique", "eau", "ivry", "seine"]
    assert title_words("Poursuivre la mobilisation pour le prolongement de la ligne 10 du métro") == [
        "poursuivre", "mobilisation", "prolongement", "ligne", "10", "metro"]
    assert title_words("Mettre en œuvre un partage des outils d'observation sociale")[:2] == ["mettre", "oeuvre"]
    assert title_words(None) == []


def test_every_quoted_example_of_the_file_finds_its_theme():
    """The `example` column quotes the seeds; each quote must hit the theme of its line."""
    with THEMES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    checked = 0
    for row in rows:
        for quote in re.findall(r"«\s*(.+?)\s*»", row["example"]):
            assert row["theme"] in theme_hits(quote), (row["keyword"], quote)
            checked += 1
    assert checked >= 50


def test_themes_keep_the_file_order_and_end_with_autre():
    order = themes_in_order()
    assert order[:3] == ["mobilité", "logement/hébergement", "environnement/climat"]
    assert order[-1] == NO_THEME and len(order) == len(set(order))


def test_a_malformed_line_is_reported_with_its_number(tmp_path):
    bad = tmp_path / "themes.csv"
    bad.write_text("theme,keyword,example\nmobilité,métro,\n", encoding="utf-8")
    with pytest.raises(ThemeFileError, match=r"themes.csv, line 2"):
        load_keywords(bad)
