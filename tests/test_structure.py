"""Conventions into parts, axes, actions and sub-actions: each trap of the real seeds."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from delib.extract.declared import find_declared_counts
from delib.extract.document import extract_document
from delib.ingest import ingest
from delib.segment import segment_document

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
SEED_000, SEED_002, SEED_004 = (RAW / f for f in (
    "000_4ab7287b466accba.txt", "002_4f65e2fdb1af9030.txt", "004_9955c5cae59c762c.txt"))


@pytest.fixture(scope="module")
def seeds():
    """Each convention seed ingested and segmented once."""
    out = {}
    for path in (SEED_000, SEED_002, SEED_004):
        doc = ingest(path)
        out[path.name[:3]] = (doc, segment_document(doc))
    return out


def of_kind(segments, kind):
    return [s for s in segments if s.kind == kind]


def excerpt(path: Path, start: str, end: str | None = None) -> str:
    """A verbatim slice of a seed, from the line holding `start` to the line before `end`."""
    raw = path.read_text(encoding="utf-8")
    i = raw.rindex("\n", 0, raw.index(start)) + 1
    j = raw.index(end, i) if end else len(raw)
    return raw[i:j]


def segment_excerpt(tmp_path, text: str, name: str = "excerpt.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = ingest(path)
    return doc, segment_document(doc)


# --- the table of contents repeats every title (002) ---------------------------------

def test_sommaire_titles_are_not_axes(seeds):
    doc, segments = seeds["002"]
    sommaire = of_kind(segments, "sommaire")
    assert len(sommaire) == 1
    axes = of_kind(segments, "axe")
    assert [a.number for a in axes] == list("ABCDEF")
    assert all(a.char_start > sommaire[0].char_end for a in axes)
    assert len(of_kind(segments, "action")) == 17


def test_sommaire_alone_yields_no_axis(tmp_path):
    toc = excerpt(SEED_002, "## SOMMAIRE", "## Préambule")
    assert "Poursuivre la mobilisation pour le prolongement de la ligne 10" in toc
    _, segments = segment_excerpt(tmp_path, toc)
    assert of_kind(segments, "axe") == [] and of_kind(segments, "action") == []
    assert len(of_kind(segments, "sommaire")) == 1


# --- a bilan of an earlier agreement lists its own axes (000) -------------------------

def test_bilan_axes_are_not_this_conventions_axes(seeds):
    doc, segments = seeds["000"]
    bilan = of_kind(segments, "bilan")
    assert len(bilan) == 1 and "2006" in bilan[0].title
    assert "six axes thématiques" in doc.text[bilan[0].char_start:bilan[0].char_end]
    axes = of_kind(segments, "axe")
    assert [a.number for a in axes] == ["A", "B", "C"]
    assert all(a.char_start >= bilan[0].char_end for a in axes)
    # « s'articulait en six axes thématiques » speaks of 2006, not of this convention
    assert find_declared_counts(doc.text) == (None, None)


def test_bilan_excerpt_alone_gives_no_axis(tmp_path):
    bilan = excerpt(SEED_000, "I. Bilan du protocole signé en 2006", "II. Axes de coopération")
    assert "Organiser en cohérence les déplacements" in bilan
    _, segments = segment_excerpt(tmp_path, bilan)
    assert of_kind(segments, "axe") == []


# --- a report summarises the convention in shorter words (004) ------------------------

def test_the_conventions_own_headings_win_over_the_report(seeds):
    doc, segments = seeds["004"]
    axes = of_kind(segments, "axe")
    assert [a.number for a in axes] == ["1", "2", "3", "4", "5"]
    # the report says « Renforcer l'action sociale entre les deux territoires »
    assert axes[0].title == "Renforcer la coopération en matière d’action sociale entre les deux territoires"
    report_axis = doc.text.index("Axe 1 : Renforcer l'action sociale")
    assert all(a.char_start > report_axis for a in axes)
    actions = of_kind(segments, "action")
    assert [a.number for a in actions] == [str(n) for n in range(1, 21)]
    assert [s.number for s in of_kind(segments, "sub_action")] == ["7.1", "7.2", "8.1", "8.2"]


def test_package_parts_are_found(seeds):
    _, segments = seeds["004"]
    kinds = [s.kind for s in segments if s.parent_id is None]
    for kind in ("preambule", "axe", "pilotage", "duree", "annexe", "glossaire", "deliberation"):
        assert kind in kinds, kind
    glossary = of_kind(segments, "glossaire")[0]
    deliberation = of_kind(segments, "deliberation")[-1]
    assert glossary.char_end == deliberation.char_start  # the deliberation page closes the glossary


# --- Markdown heading levels are inconsistent (002): numbering decides ---------------

def test_actions_found_whatever_their_markdown_level(seeds):
    raw = SEED_002.read_text(encoding="utf-8")
    levels = {m.group(1) for m in re.finditer(r"^(#+) \*\*\d\. ", raw, re.M)}
    assert levels == {"##", "###", "####"}
    doc, segments = seeds["002"]
    by_axis = {}
    for action in of_kind(segments, "action"):
        axis = next(s for s in segments if s.segment_id == action.parent_id)
        by_axis.setdefault(axis.number, []).append(action.number)
    assert by_axis == {"A": ["1", "2", "3", "4"], "B": ["1", "2", "3"], "C": ["1", "2", "3", "4", "5"],
                       "E": ["1", "2", "3"], "F": ["1", "2"]}  # D has no numbered action


def test_sub_items_are_not_actions(seeds):
    _, segments = seeds["002"]
    titles = [s.title for s in segments if s.kind in ("action", "sub_action")]
    assert not any("TUMO" in t or "Pass jeunes" in t for t in titles)


# --- titles wrap over lines, in capitals, and across place-name hyphens ---------------

def test_wrapped_titles_are_joined(seeds):
    _, s000 = seeds["000"]
    axes = {a.number: a.title for a in of_kind(s000, "axe")}
    assert axes["A"] == "RELEVER LE DÉFI CLIMATIQUE AUTOUR DE LA RÉALISATION DE GRANDS PROJETS COMMUNS"
    assert axes["C"] == "RENFORCER ET QUALIFIER LES CONNEXIONS ET LES LIAISONS ENTRE PARIS ET IVRY-SUR-SEINE"
    titles = [a.title for a in of_kind(s000, "action")]
    assert "Créer une instance pérenne de dialogue technique entre Paris et Ivry-sur-Seine" in titles
    assert "Évaluer l’équilibre territorial du dispositif de relogement par le Samu social" in titles
    _, s004 = seeds["004"]
    titles = {a.number: a.title for a in of_kind(s004, "action")}
    assert titles["2"] == "Pérenniser la Mission Métropolitaine de Prévention des Conduites à Risques"
    assert titles["14"] == "Associer les publics scolaires à la fabrique de la ville : projet « Passage(s) »"


# --- numbering schemes -------------------------------------------------------------------

def test_roman_sub_actions_belong_to_their_action(seeds):
    _, segments = seeds["000"]
    by_id = {s.segment_id: s for s in segments}
    subs = of_kind(segments, "sub_action")
    assert [s.number for s in subs] == ["i", "ii", "i", "ii", "iii", "i", "ii"]
    assert {by_id[s.parent_id].number for s in subs} == {"1", "2", "3"}
    assert all(by_id[s.parent_id].kind == "action" for s in subs)


def test_lettered_lists_in_minutes_are_not_axes(tmp_path):
    text = ("COMPTE RENDU DU CONSEIL MUNICIPAL\n\nDécision modificative n°1\n\n"
            "A. Budget principal\nLe conseil municipal adopte la décision modificative.\n\n"
            "B. Budget eau\nLe conseil municipal adopte la décision modificative.\n")
    _, segments = segment_excerpt(tmp_path, text)
    assert of_kind(segments, "axe") == []


def test_explicit_axis_and_action_words_need_no_context(tmp_path):
    text = ("Plan de formation 2025-2027\n\nAxe 1 : Qualité, Hygiène et Sécurité au Travail\n\n"
            "Action n°1 : Former les agents aux gestes de premiers secours\n\nTexte.\n\n"
            "Axe 2 - Développement des compétences métiers\n\nAction n°2 : Accompagner les métiers\n")
    _, segments = segment_excerpt(tmp_path, text)
    assert [a.number for a in of_kind(segments, "axe")] == ["1", "2"]
    assert [a.number for a in of_kind(segments, "action")] == ["1", "2"]


# --- what the document announces about itself ------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Ainsi, six grands axes de coopération, composés de dix-sept actions concrètes sont développés", (6, 17)),
    ("Ainsi, cinq grands axes de coopération, déclinés en 20 actions concrètes, sont développés", (5, 20)),
    ("le protocole de 2006 s'articulait en six axes thématiques", (None, None)),
    ("Le précédent partenariat, signé en 2013, portait déjà cette ambition en définissant 27 actions", (None, None)),
])
def test_declared_counts(sentence, expected):
    assert find_declared_counts(sentence) == expected


def test_declared_counts_are_checked_against_what_was_found(tmp_path):
    text = excerpt(SEED_002, "## Préambule", "## **II) Pilotage")
    text = text.replace("six grands axes", "sept grands axes")
    doc, segments = segment_excerpt(tmp_path, "Convention de coopération\n\n" + text)
    ex = extract_document(doc, segments)
    assert (ex.declared_axes, ex.declared_actions) == (7, 17)
    checks = {c.check: c for c in ex.checks}
    assert checks["declared_axes"].expected == 7 and checks["declared_axes"].found == 6
    assert "declared_actions" not in checks


def test_numbering_gaps_and_sub_action_order_are_checked(tmp_path):
    text = ("Convention de coopération\n\nAxe 1 : Mobilités\n\n"
            "Action n°1 : Premier\n\nTexte.\n\nAction n°3 : Troisième\n\nTexte.\n\n"
            "Action 3.1 : Sous-action\n\nTexte.\n\nAction 3.3 : Autre sous-action\n\nTexte.\n")
    doc, segments = segment_excerpt(tmp_path, text)
    gaps = [(c.expected, c.found, c.message) for c in extract_document(doc, segments).checks
            if c.check == "numbering_gap"]
    # action 3 after action 1, and sub-action 3.3 after 3.1
    assert [(e, f) for e, f, _ in gaps] == [(2, 3), (2, 3)]
    assert "sub-action 3.3" in gaps[1][2]


# --- provenance --------------------------------------------------------------------------

def test_every_axis_and_action_points_at_its_heading(seeds):
    for doc, segments in seeds.values():
        for s in segments:
            if s.kind not in ("axe", "action", "sub_action"):
                continue
            heading = " ".join(doc.text[s.char_start:s.heading_end].split())
            assert heading.endswith(s.title), (heading, s.title)
            assert s.number in heading[:20]


# --- other families' words (issue 12) ------------------------------------------------------

@pytest.mark.parametrize("axis_line, action_line, axis_label, action_label, action_number", [
    ("Orientation 1 : Favoriser l'accès aux droits", "Fiche action n°1 : Créer un guichet unique",
     "Orientation", "Fiche action", "1"),
    ("Pilier I – Cohésion sociale", "Mesure 1.2 : Soutenir les centres sociaux", "Pilier", "Mesure", "1.2"),
    ("Objectif stratégique A : Transition écologique", "FA 1.1 : Rénover les écoles",
     "Objectif stratégique", "FA", "1.1"),
    ("Priorité 2 - Santé", "Objectif opérationnel 2.1 : Réduire les délais", "Priorité", "Objectif opérationnel", "2.1"),
])
def test_family_vocabularies(tmp_path, axis_line, action_line, axis_label, action_label, action_number):
    text = f"Contrat de ville 2024-2030\n\n{axis_line}\n\nTexte.\n\n{action_line}\n\nTexte.\n"
    _, segments = segment_excerpt(tmp_path, text)
    (axis,), (action,) = of_kind(segments, "axe"), of_kind(segments, "action")
    assert (axis.label, action.label, action.number) == (axis_label, action_label, action_number)
    assert action.parent_id == axis.segment_id


def test_governance_titled_parts_and_fiche_reminders_are_not_axes(tmp_path):
    text = ("Convention territoriale globale\n\nAxe 1 : Petite enfance\n\n"
            "FICHE ACTION N°1\nOuvrir une crèche\nAxe 1 : Petite enfance\nPilote : Ville\n\n"
            "Titre II – Gouvernance et suivi\n\nLe comité de pilotage se réunit.\n")
    _, segments = segment_excerpt(tmp_path, text)
    assert [(a.number, a.title) for a in of_kind(segments, "axe")] == [("1", "Petite enfance")]
    assert [(a.number, a.title) for a in of_kind(segments, "action")] == [("1", "Ouvrir une crèche")]


def test_pedt_axes_announced_by_a_lettered_heading(tmp_path):
    # Corte PEDT 2025 (recueil of 1 July 2025), OCR « Il. » for « II. » and « 3- » numbering kept
    text = ("Projet éducatif de territoire\n\nI. Diagnostic de territoire\n\nTexte.\n\nIl. Un défi éducatif à relever : orientations de la commune\n\n"
            "A. Les axes stratégiques du PEDT\n\n1. La promotion de la santé et du bien-être\n\nTexte.\n\n"
            "2. L’éducation à la citoyenneté\n\nTexte.\n\n3- L'accessibilité de l’offre locale\n\nTexte.\n\n"
            "B. La mise en œuvre du PEDT\n\n1. Articulation avec l'ALSH\n\nTexte.\n")
    _, segments = segment_excerpt(tmp_path, text)
    assert [a.number for a in of_kind(segments, "axe")] == ["1", "2", "3"]
    assert of_kind(segments, "action") == []


def test_an_announced_number_that_counts_sub_actions_says_so(tmp_path):
    # A plan announcing « 4 actions » that are its opérations: the check says which level matches.
    text = ("Convention de coopération\n\nLe plan compte quatre actions.\n\nAxe 1 : Mobilités\n\n"
            "Action n°1 : Premier\n\nTexte.\n\nAction 1.1 : Une\n\nTexte.\n\nAction 1.2 : Deux\n\nTexte.\n\n"
            "Action n°2 : Second\n\nTexte.\n\nAction 2.1 : Trois\n\nTexte.\n\nAction 2.2 : Quatre\n\nTexte.\n")
    doc, segments = segment_excerpt(tmp_path, text)
    ex = extract_document(doc, segments)
    check = next(c for c in ex.checks if c.check == "declared_actions")
    assert (check.expected, check.found) == (4, 2)
    assert check.message.endswith("the figure counts its sub-actions (4 found)")
