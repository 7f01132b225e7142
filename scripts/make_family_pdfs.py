"""Lay out action plans in the shapes of other families of conventions (issue 12.3).

    python scripts/make_family_pdfs.py OUT_DIR

Real CLS, CTG, PVD/ORT or contrat de ville action plans are scarce offline, so the same
kind of content is laid out the way those families print it, and the tests check that
délib reads back every axis, action and form field as laid out:

- `cls_fiches_table`: a contrat local de santé; « Axe stratégique 1 : … », one fiche per
  page, « FICHE ACTION N°1 » with its title on the next line, the form as a ruled table
  whose label cells have no colon (Pilote / Partenaires / Calendrier / Coût estimatif /
  Indicateurs de suivi).
- `pvd_orientations_operations`: a Petites villes de demain / ORT plan; « Orientation 1 »
  → « Fiche n° 1.1 » → « Opération 1 », one label/value form per opération
  (Maître d'ouvrage / Échéance / Coût prévisionnel / Partenaires / Indicateurs).
- `ctg_fiches_columns`: a convention territoriale globale; « Enjeu 1 : … » → « Fiche
  action 1 : … », the form as two side-by-side columns without rules (Pilote : /
  Partenaires : / Calendrier : / Coût : / Indicateurs :).

Each also has what is not an axis: a sommaire, a préambule, a governance part, articles.
`LAYOUTS[name]` is what the generator lays out; `build(name, path)` writes the PDF.
"""
from __future__ import annotations

import sys
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13)
HEAD = ParagraphStyle("head", fontName="Helvetica-Bold", fontSize=12, leading=15, spaceBefore=8, spaceAfter=6)
CELL = ParagraphStyle("cell", fontName="Helvetica", fontSize=9.5, leading=12)
LABEL_CELL = ParagraphStyle("label", fontName="Helvetica-Bold", fontSize=9.5, leading=12)

# The content: axes -> actions (-> opérations), each action or opération with its form.
# Form keys are the contract's fields; each layout prints them under its own labels.
AXES = [
    ("1", "Prévenir les maladies chroniques et promouvoir une alimentation favorable à la santé", [
        ("1", "Développer les ateliers nutrition dans les quartiers prioritaires", {
            "services": "ARS Corse", "partenaires": "CPAM, centres sociaux, Éducation nationale",
            "delai": "2025-2027", "budget": "45 000 €", "indicateurs": "Nombre d'ateliers organisés"}),
        ("2", "Renforcer le dépistage des cancers auprès des publics éloignés du soin", {
            "services": "Communauté de communes du Centre Corse",
            "partenaires": "Ligue contre le cancer, médecins généralistes",
            "delai": "Dès 2025", "budget": "12 000 € par an", "indicateurs": "Taux de participation au dépistage"}),
    ]),
    ("2", "Favoriser l'accès aux droits et aux soins des habitants", [
        ("3", "Créer une maison de santé pluriprofessionnelle au centre-ville", {
            "services": "Ville de Corte – Direction des services techniques",
            "partenaires": "ARS, Collectivité de Corse, professionnels de santé",
            "delai": "Fin 2026", "budget": "1,4 M€ de travaux et 150 000 € d'études",
            "indicateurs": "Ouverture de la maison de santé"}),
    ]),
]

# Labels each family prints for the fields.
CLS_LABELS = [("services", "Pilote"), ("partenaires", "Partenaires"), ("delai", "Calendrier"),
              ("budget", "Coût estimatif"), ("indicateurs", "Indicateurs de suivi")]
PVD_LABELS = [("services", "Maître d'ouvrage"), ("delai", "Échéance"), ("budget", "Coût prévisionnel"),
              ("partenaires", "Partenaires"), ("indicateurs", "Indicateurs")]
CTG_LABELS = [("services", "Pilote"), ("partenaires", "Partenaires"), ("delai", "Calendrier"),
              ("budget", "Coût"), ("indicateurs", "Indicateurs")]

GOVERNANCE = [
    "Article 4 – Pilotage et gouvernance",
    "Un comité de pilotage réunit les signataires deux fois par an. Un comité technique prépare ses travaux.",
    "Article 5 – Durée de la convention",
    "La présente convention est conclue pour une durée de cinq ans à compter de sa signature.",
]


def _p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(text.replace("&", "&amp;"), style)


def _opening(title: str, sommaire: list[str]) -> list:
    flow = [_p(title, HEAD), _p("Sommaire", HEAD)]
    flow += [_p(f"{line} ........ {i + 2}") for i, line in enumerate(sommaire)]
    flow += [_p("Préambule", HEAD),
             _p("Les signataires s'engagent à mettre en œuvre les actions décrites ci-après, "
                "organisées en deux axes et trois actions.")]
    return flow


def _form_table(form: dict, labels: list[tuple[str, str]], ruled: bool, colon: str) -> Table:
    rows = [[_p(label + colon, LABEL_CELL), _p(form[field], CELL)] for field, label in labels]
    table = Table(rows, colWidths=[4.5 * cm, 11.5 * cm])
    style = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if ruled:
        style += [("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                  ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#DDE6F0"))]
    table.setStyle(TableStyle(style))
    return table


def cls_flowables() -> list:
    flow = _opening("Contrat local de santé du Centre Corse 2025-2029",
                    [f"Axe stratégique {n} : {t}" for n, t, _ in AXES])
    for number, title, actions in AXES:
        flow += [PageBreak(), _p(f"Axe stratégique {number} : {title}", HEAD)]
        for action_number, action_title, form in actions:
            flow += [PageBreak(), _p(f"FICHE ACTION N°{action_number}", HEAD), _p(action_title, HEAD),
                     _p("Contexte : les habitants du territoire sont exposés à des inégalités de santé."),
                     Spacer(1, 8), _form_table(form, CLS_LABELS, ruled=True, colon="")]
    flow += [PageBreak()] + _governance()
    return flow


def pvd_flowables() -> list:
    flow = _opening("Convention Petites villes de demain – Opération de revitalisation du territoire",
                    [f"Orientation {n} : {t}" for n, t, _ in AXES])
    for number, title, actions in AXES:
        flow += [_p(f"Orientation {number} : {title}", HEAD)]
        for action_number, action_title, form in actions:
            flow += [_p(f"Fiche n° {number}.{action_number} – {action_title}", HEAD),
                     _p("Objectif : conduire l'action en deux opérations.")]
            for op, op_form in enumerate(_operations(form), 1):
                flow += [_p(f"Opération {op} : {op_form['title']}", LABEL_CELL)]
                flow += [_p(f"{label} : {op_form[field]}") for field, label in PVD_LABELS]
    flow += _governance()
    return flow


def _governance() -> list:
    """The convention's closing articles (pilotage, durée): never axes."""
    return [_p(line, HEAD if line.startswith("Article") else BODY) for line in GOVERNANCE]


def _operations(form: dict) -> list[dict]:
    """Two opérations of an action: studies then works, each with the action's form."""
    return [dict(form, title="Études préalables et concertation"), dict(form, title="Travaux et mise en service")]


def ctg_flowables() -> list:
    flow = _opening("Convention territoriale globale entre la Caf de Haute-Corse et la Ville de Corte",
                    [f"Enjeu {n} : {t}" for n, t, _ in AXES])
    for number, title, actions in AXES:
        flow += [_p(f"Enjeu {number} : {title}", HEAD)]
        for action_number, action_title, form in actions:
            flow += [_p(f"Fiche action {action_number} : {action_title}", HEAD),
                     _form_table(form, CTG_LABELS, ruled=False, colon=" :"), Spacer(1, 10)]
    flow += _governance()
    return flow


LAYOUTS = {"cls_fiches_table": cls_flowables, "pvd_orientations_operations": pvd_flowables,
           "ctg_fiches_columns": ctg_flowables}


def build(name: str, path: Path) -> Path:
    doc = SimpleDocTemplate(str(path), pagesize=A4, invariant=1, title=name,
                            leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm)
    doc.build(LAYOUTS[name]())
    return path


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".")
    out.mkdir(parents=True, exist_ok=True)
    for name in LAYOUTS:
        print(build(name, out / f"{name}.pdf"))


if __name__ == "__main__":
    main()
