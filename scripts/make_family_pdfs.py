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

- `ruled_fiches_grid`: a contrat local de santé whose fiches are ruled tables as word
  processors draw them: rows of no form field (Objectifs, Description, Public visé, a note
  across both columns) between the form's rows, label cells that wrap
  (« Calendrier / prévisionnel »), values centred in tall cells and printed over several
  lines (two pilots, a financing plan, two indicators), a table cut by a page break, and a
  fiche with two opérations, each with its own table. Pilots are bodies: ARS, CAF,
  Éducation nationale, a communauté de communes, the Département.
- `side_by_side_pairs`: a projet de territoire whose fiches print their form as label/value
  pairs two by two on a line, without rules (« Pilote : CAF      Calendrier : 2025-2026 »),
  values wrapping under their label.

Each also has what is not an axis: a sommaire, a préambule, a governance part, articles.
`LAYOUTS[name]` is what the generator lays out; `build(name, path)` writes the PDF;
`laid_out(name)` lists (number, title, form) of every action or opération carrying a form.
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


# ---------------------------------------------------------------- ruled grids and side-by-side pairs

# Forms whose values run over several printed lines (a list in "\n"), pilots that are bodies.
# A fiche with opérations has no form of its own: each opération has one.
GRID_AXES = [
    ("1", "Agir sur les déterminants de santé des jeunes", [
        ("1.1", "Déployer des consultations jeunes consommateurs dans les collèges", {
            "services": "Agence régionale de santé\nÉducation nationale",
            "partenaires": "CAF, Mission locale, centres sociaux", "delai": "Septembre 2025 – juin 2027",
            "budget": "Études : 15 000 €\nFonctionnement : 120 000 €",
            "indicateurs": "Nombre de consultations\nPart des collèges couverts"}, []),
        ("1.2", "Prévenir les conduites addictives en milieu festif", {
            "services": "CAF", "partenaires": "Associations de prévention, Département",
            "delai": "2026", "budget": "À définir avec les financeurs",
            "indicateurs": "Nombre d'interventions réalisées"}, []),
    ]),
    ("2", "Améliorer l'accès aux soins de premier recours", [
        ("2.1", "Créer une maison de santé pluriprofessionnelle à Corte", None, [
            ("Acquisition du foncier et études", {
                "services": "Communauté de communes du Centre Corse",
                "partenaires": "Établissement public foncier, Ville de Corte", "delai": "2025",
                "budget": "300 000 €", "indicateurs": "Acte d'acquisition signé"}),
            ("Construction et équipement du bâtiment", {
                "services": "Département", "partenaires": "ARS, Collectivité de Corse, professionnels de santé",
                "delai": "2026-2027", "budget": "1,4 M€ de travaux et 150 000 € d'équipements",
                "indicateurs": "Ouverture de la maison de santé\nNombre de professionnels installés"}),
        ]),
    ]),
]
GRID_LABELS = [("services", "Porteur de l'action"), ("partenaires", "Partenaires associés"),
               ("delai", "Calendrier prévisionnel"), ("budget", "Plan de financement"),
               ("indicateurs", "Indicateurs d'évaluation")]
PAIR_LABELS = [("services", "Pilote"), ("delai", "Calendrier"), ("partenaires", "Partenaires"), ("budget", "Coût"),
               ("indicateurs", "Indicateurs")]
# Body text that no form field reads: rows of the grid that are not the form's.
CONTEXT = ("Les indicateurs de santé du territoire sont moins favorables que la moyenne régionale ; "
           "les professionnels de santé sont peu nombreux et les jeunes renoncent souvent aux soins. ")


def _lines(text: str, style: ParagraphStyle = CELL) -> Paragraph:
    return Paragraph("<br/>".join(line.replace("&", "&amp;") for line in text.split("\n")), style)


def _grid(form: dict, description: int = 1) -> Table:
    """The form as a ruled grid: rows of no form field between the form's (one a note across both
    columns), narrow label cells that wrap, values centred in their cells."""
    rows = [[_p("Objectifs", LABEL_CELL), _p("Réduire les inégalités sociales et territoriales de santé.", CELL)],
            [_p("Description", LABEL_CELL), _p(CONTEXT * description, CELL)],
            [_p("Les modalités de mise en œuvre sont détaillées en annexe.", CELL), ""]]
    for field, label in GRID_LABELS:
        rows.append([_p(label, LABEL_CELL), _lines(form[field])])
        if field == "partenaires":
            rows.append([_p("Public visé", LABEL_CELL), _p("Jeunes de 11 à 25 ans et leurs familles", CELL)])
    table = Table(rows, colWidths=[3.2 * cm, 12.8 * cm])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("SPAN", (0, 2), (1, 2)),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#E4ECF4"))]))
    return table


def grid_flowables() -> list:
    flow = _opening("Contrat local de santé du Cortenais 2025-2029", [f"Axe {n} : {t}" for n, t, _ in GRID_AXES])
    for number, title, actions in GRID_AXES:
        flow += [PageBreak(), _p(f"Axe {number} : {title}", HEAD)]
        for action_number, action_title, form, operations in actions:
            flow += [_p(f"Fiche action {action_number} : {action_title}", HEAD)]
            if form is not None:
                # Fiche 1.1's long description pushes its grid over a page break.
                flow += [_grid(form, description=19 if action_number == "1.1" else 1), Spacer(1, 10)]
            for op, (op_title, op_form) in enumerate(operations, 1):
                flow += [_p(f"Opération {op} : {op_title}", LABEL_CELL), _grid(op_form), Spacer(1, 10)]
    flow += [PageBreak()] + _governance()
    return flow


def _pair(label: str, value: str) -> Paragraph:
    return Paragraph(f"<b>{label} :</b> {value.replace('&', '&amp;')}", BODY)


def pairs_flowables() -> list:
    flow = _opening("Projet de territoire de la Communauté de communes du Centre Corse",
                    [f"Orientation {n} : {t}" for n, t, _ in GRID_AXES])
    for number, title, actions in GRID_AXES:
        flow += [_p(f"Orientation {number} : {title}", HEAD)]
        for action_number, action_title, form, operations in actions:
            form = form or operations[-1][1]
            flow += [_p(f"Fiche action {action_number} : {action_title}", HEAD),
                     _p("Objectif : " + CONTEXT), Spacer(1, 6)]
            cells = [_pair(label, ", ".join(form[field].split("\n"))) for field, label in PAIR_LABELS] + [""]
            table = Table([cells[i:i + 2] for i in range(0, len(cells), 2)], colWidths=[8 * cm, 8 * cm])
            table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow += [table, Spacer(1, 12)]
    flow += _governance()
    return flow


def laid_out(name: str) -> list[tuple[str, str, dict]]:
    """(number, title, form) of every action or opération of a layout that carries a form, in
    reading order; the form's values as printed, one printed line per "\n"."""
    if name == "side_by_side_pairs":
        return [(n, t, {f: ", ".join(v.split("\n")) for f, v in (form or ops[-1][1]).items()})
                for _, _, actions in GRID_AXES for n, t, form, ops in actions]
    if name == "ruled_fiches_grid":
        out = []
        for _, _, actions in GRID_AXES:
            for n, t, form, ops in actions:
                out += [(n, t, form)] if form else [(str(i), op_title, op_form)
                                                     for i, (op_title, op_form) in enumerate(ops, 1)]
        return out
    raise KeyError(name)


LAYOUTS = {"cls_fiches_table": cls_flowables, "pvd_orientations_operations": pvd_flowables,
           "ctg_fiches_columns": ctg_flowables, "ruled_fiches_grid": grid_flowables,
           "side_by_side_pairs": pairs_flowables}


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
