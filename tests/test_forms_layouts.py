"""Action forms in any layout (issue 12.2): ruled tables read through pdfplumber's table finder,
label/value pairs side by side, one form per opération, pilots that are bodies.

The PDFs are generated (scripts/make_family_pdfs.py `ruled_fiches_grid` and `side_by_side_pairs`,
or drawn here) and every field must read back as laid out."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from delib.batch.process import process_path
from delib.extract.forms import (
    budget_in_euros, extract_action_form, page_lines, read_form_table, read_form_text, side_by_side,
    split_services, table_cells, word_lines,
)
from delib.ingest import ingest
from delib.ingest.pdf import cluster_lines
from delib.model import Segment
from delib.output.tables import action_rows, axis_rows, service_rows

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("make_family_pdfs", REPO / "scripts" / "make_family_pdfs.py")
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)

LAYOUTS = {"ruled_fiches_grid": ("pdf_table", gen.GRID_LABELS), "side_by_side_pairs": ("pdf_columns", gen.PAIR_LABELS)}


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    """Layout name -> its generated PDF processed, each built and read once for the module."""
    folder, results = tmp_path_factory.mktemp("layouts"), {}

    def of(name):
        if name not in results:
            results[name] = process_path(gen.build(name, folder / f"{name}.pdf"))
        return results[name]
    return of


@pytest.fixture(params=list(LAYOUTS))
def layout(request, processed):
    return request.param, processed(request.param)


@pytest.fixture
def grid(processed):
    return processed("ruled_fiches_grid")


def _printed(value: str) -> str:
    """A value printed over several lines reads as one line."""
    return " ".join(value.split("\n"))


def test_axes_read_back(layout):
    _, result = layout
    assert [(r["number"], r["title"]) for r in axis_rows(result)] == [(n, t) for n, t, _ in gen.GRID_AXES]


def test_every_form_field_reads_back_as_laid_out(layout):
    name, result = layout
    source, labels = LAYOUTS[name]
    rows = [r for r in action_rows(result) if r["delai"] is not None]
    expected = gen.laid_out(name)
    assert [(r["number"], r["title"]) for r in rows] == [(n, t) for n, t, _ in expected]
    pilots = {}
    for s in service_rows(result):
        pilots.setdefault(s["action_id"], []).append((s["collectivite"], s["service"]))
    for row, (number, _, form) in zip(rows, expected):
        got = {f: row["budget_raw" if f == "budget" else f] for f in ("delai", "budget", "partenaires", "indicateurs")}
        assert got == {f: _printed(form[f]) for f in got}, number
        assert row["budget_eur"] == budget_in_euros(_printed(form["budget"])), number
        assert row["form_labels"] == "; ".join(f"{f}={label}" for f, label in labels)
        names = [n for line in form["services"].split("\n") for n in split_services(line)]
        assert pilots[row["action_id"]] == [(None, n) for n in names], number
        read = result.extraction.actions[row["action_id"]]
        assert read.source == source, number
        assert all(p.kind == "body" for p in read.pilots), number  # ARS, CAF, a communauté de communes…
        # the form's span starts at its first label, inside the action's own span
        assert result.document.text[read.char_start:].startswith(labels[0][1].split()[0]), number
        assert row["char_start"] < read.char_start < read.char_end <= row["char_end"], number


def test_grid_two_pilots_two_budget_lines_two_indicators(grid):
    form = grid.extraction.actions[next(seg.segment_id for seg in grid.segments if seg.number == "1.1")]
    assert [p.name for p in form.pilots] == ["Agence régionale de santé", "Éducation nationale"]
    assert form.budget_amounts == [15_000.0, 120_000.0] and form.budget_eur == 135_000.0


def test_grid_form_cut_by_a_page_break_is_read_whole(tmp_path):
    """Fiche 1.1's grid starts on one page and ends on the next: both tables make one form."""
    doc = ingest(gen.build("ruled_fiches_grid", tmp_path / "grid.pdf"))
    first, second = (next(p for p in doc.pages if p.tables and p.number == n) for n in (2, 3))
    assert len(first.tables) == 1 and len(second.tables) == 2  # the generator does cut it
    head = [[c.text if c else None for c in row] for row in table_cells(second.tables[0], second.words)]
    assert [row[0] for row in head] == ["Calendrier prévisionnel", "Plan de financement", "Indicateurs d'évaluation"]
    start = doc.text.index("Fiche action 1.1")
    seg = Segment("s", "action", start, doc.text.index("Fiche action 1.2"), number="1.1",
                  heading_end=doc.text.index("\n", doc.text.index("collèges", start)))
    form = extract_action_form(doc, seg)
    assert form.source == "pdf_table"
    assert (form.delai, form.indicateurs) == ("Septembre 2025 – juin 2027",
                                              "Nombre de consultations Part des collèges couverts")
    assert form.partenaires == "CAF, Mission locale, centres sociaux"  # not « Jeunes de 11 à 25 ans… »


def test_operations_each_have_their_form(grid):
    result = grid
    rows = action_rows(result)
    parent = next(r for r in rows if r["number"] == "2.1")
    subs = [r for r in rows if r["parent_action_id"] == parent["action_id"]]
    assert parent["delai"] is None and [r["delai"] for r in subs] == ["2025", "2026-2027"]
    assert [s["service"] for s in service_rows(result) if s["action_id"] in {r["action_id"] for r in subs}] == \
        ["Communauté de communes du Centre Corse", "Département"]


def _header_table_pdf(path: Path) -> Path:
    """A form laid out across: labels in the header row, values in the row below."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph
    style = ParagraphStyle("c", fontName="Helvetica", fontSize=9, leading=11)
    head = ["Pilote", "Partenaires", "Calendrier", "Coût", "Indicateurs"]
    values = ["CAF<br/>Ville de Corte", "Centres sociaux, associations", "2025-2026", "20 000 €",
              "Nombre de familles accompagnées"]
    table = Table([[Paragraph(h, style) for h in head], [Paragraph(v, style) for v in values]],
                  colWidths=[90, 110, 70, 60, 120])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    heading = Paragraph("Fiche action 3 : Soutenir la parentalité", ParagraphStyle("h", fontSize=12, leading=15))
    SimpleDocTemplate(str(path), pagesize=A4).build([heading, table])
    return path


def test_a_form_laid_out_across_a_header_row(tmp_path):
    doc = ingest(_header_table_pdf(tmp_path / "across.pdf"))
    seg = Segment("s", "action", 0, len(doc.text), number="3", heading_end=doc.text.index("\n"))
    form = extract_action_form(doc, seg)
    assert form.source == "pdf_table"
    assert [p.name for p in form.pilots] == ["CAF", "Ville de Corte"]
    assert (form.partenaires, form.delai, form.budget_raw, form.budget_eur, form.indicateurs) == (
        "Centres sociaux, associations", "2025-2026", "20 000 €", 20_000.0, "Nombre de familles accompagnées")
    assert form.form_labels == {"services": "Pilote", "partenaires": "Partenaires", "delai": "Calendrier",
                                "budget": "Coût", "indicateurs": "Indicateurs"}


def test_a_table_without_form_labels_is_no_form(tmp_path):
    page = ingest(_header_table_pdf(tmp_path / "across.pdf")).pages[0]
    rows = table_cells(page.tables[0], page.words)
    assert read_form_table(rows[1:], 0) is None  # the values alone


# ---------------------------------------------------------------- text

def test_pairs_side_by_side_in_text():
    text = "Pilote : Département\tCalendrier : 2025-2027\nPartenaires : CAF   Coût : 45 000 €\nIndicateurs : Nombre d'ateliers"
    form = read_form_text(text)
    assert (form.delai, form.partenaires, form.budget_raw, form.indicateurs) == \
        ("2025-2027", "CAF", "45 000 €", "Nombre d'ateliers")
    assert [(p.name, p.kind) for p in form.pilots] == [("Département", "body")]
    assert (form.char_start, form.char_end) == (0, len(text))


def test_a_wide_gap_inside_a_value_does_not_cut_it():
    lines = ["Partenaires : CAF   et   associations   Calendrier", "Budget estimé :  Mobilisation  des ressources"]
    assert side_by_side(lines) == (lines, [0, 1])


def test_a_body_alone_under_the_pilot_label_is_the_pilot():
    """« Département » on its own under « Pilote : » names the pilot, not a collectivité's empty sub-row."""
    form = read_form_text("Pilote :\nDépartement\n\nPartenaires :\nCAF, Éducation nationale\n\n"
                          "Calendrier :\n2025-2027\n\nCoût :\n45 000 €\n")
    assert [(p.name, p.collectivite, p.kind) for p in form.pilots] == [("Département", None, "body")]
    assert form.partenaires == "CAF, Éducation nationale"


# ---------------------------------------------------------------- ingest's lines, written once

def _running_pdf(path: Path) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    body = ["Fiche action 1 : Soutenir les aidants", "Pilote : CAF", "Partenaires : ARS", "Calendrier : 2025",
            "Coût : 10 000 €", "Indicateurs : Nombre d'aidants"]
    for n in (1, 2, 3):
        c.setFont("Helvetica", 9)
        c.drawString(72, 800, "Contrat local de santé du Cortenais")
        c.drawString(72, 40, f"Page {n} sur 3")
        c.setFont("Helvetica", 10)
        for i, line in enumerate(body if n == 2 else [["Préambule"], [], ["Article 4 – Gouvernance"]][n - 1]):
            c.drawString(72, 740 - 16 * i, line)
        c.showPage()
    c.save()
    return path


def test_running_lines_are_found_once_by_ingest_and_left_out_of_the_word_lines(tmp_path):
    doc = ingest(_running_pdf(tmp_path / "running.pdf"))
    assert [p.running_lines for p in doc.pages] == [
        ["Contrat local de santé du Cortenais", f"Page {n} sur 3"] for n in (1, 2, 3)]
    assert "Cortenais" not in doc.text and "sur 3" not in doc.text
    page = doc.pages[1]
    assert [l.text for l in word_lines(page.words)][0] == "Contrat local de santé du Cortenais"
    lines = [l.text for l in page_lines(doc)[2]]
    assert lines[0] == "Fiche action 1 : Soutenir les aidants" and lines[-1] == "Indicateurs : Nombre d'aidants"


def test_cluster_lines_is_pdfplumbers_rule():
    # tops 100, 102.5 and 105: each within 3 points of the previous, one line; 109 starts the next
    words = [("c", 105.0, 30), ("a", 100.0, 10), ("b", 102.5, 20), ("d", 109.0, 5)]
    lines = cluster_lines(words, top=lambda w: w[1], left=lambda w: w[2])
    assert [[w[0] for w in line] for line in lines] == [["a", "b", "c"], ["d"]]
