"""PDF ingest: text and pages of the sample PDFs, words with coordinates, bad PDFs, the real corpus.

The sample PDFs of data/raw/ are generated from seeds 002 and 004 by
scripts/make_sample_pdfs.py; the tests compare what the reader recovers with
what the generator laid out.
"""
from __future__ import annotations

import importlib.util
import io
import pickle
import re
from pathlib import Path

import pypdfium2
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from delib.ingest import IngestError, ingest
from delib.ingest.pdf import read_pdf
from delib.model import Document

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_sample_pdfs", REPO / "scripts" / "make_sample_pdfs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


def collapse(text: str) -> str:
    return " ".join(text.split())


def find_last(text: str, phrase: str) -> int:
    """Offset of the last occurrence of `phrase` in `text`, whatever the line breaks in between.

    The last one, because the sommaire repeats the headings before the body.
    """
    pattern = r"\s+".join(re.escape(w) for w in phrase.split())
    matches = list(re.finditer(pattern, text))
    assert matches, f"not found in the text: {phrase!r}"
    return matches[-1].start()


@pytest.fixture(scope="module")
def vdm_doc():
    return ingest(gen.VDM_PDF)


@pytest.fixture(scope="module")
def ssd_doc():
    return ingest(gen.SSD_PDF)


@pytest.fixture(scope="module")
def heading_pages():
    """Build both PDFs in memory: the page of every heading, and the bytes."""
    vdm, ssd = io.BytesIO(), io.BytesIO()
    return {
        "vdm": gen.build_val_de_marne(vdm), "ssd": gen.build_seine_saint_denis(ssd),
        "vdm_bytes": vdm.getvalue(), "ssd_bytes": ssd.getvalue(),
    }


# --------------------------------------------------------------------------
# The generated PDFs
# --------------------------------------------------------------------------

def test_committed_pdfs_are_what_the_generator_writes(heading_pages):
    # Deterministic output: re-running the script would give the committed bytes.
    assert heading_pages["vdm_bytes"] == gen.VDM_PDF.read_bytes()
    assert heading_pages["ssd_bytes"] == gen.SSD_PDF.read_bytes()
    assert gen.VDM_PDF.stat().st_size < 300_000 and gen.SSD_PDF.stat().st_size < 300_000


def test_val_de_marne_text_has_every_axis_and_action_heading(vdm_doc):
    headings = gen.vdm_headings()
    # The préambule announces "six grands axes de coopération, composés de dix-sept actions".
    assert len([h for h in headings if re.match(r"[A-F]\. ", h)]) == 6
    assert len([h for h in headings if re.match(r"\d+\. ", h)]) == 17
    text = collapse(vdm_doc.text)
    for heading in headings:
        assert collapse(heading) in text


def test_running_header_and_page_footer_are_out_of_the_text_but_kept_in_words(vdm_doc, ssd_doc):
    for doc, header in ((vdm_doc, gen.VDM_HEADER), (ssd_doc, gen.SSD_HEADER)):
        lines = [line.strip() for line in doc.text.split("\n")]
        assert not [line for line in lines if re.fullmatch(r"Page \d+ sur \d+", line)]
        assert header not in lines
        for page in doc.pages:
            words = " ".join(w.text for w in page.words)
            assert header in words
            assert f"Page {page.number} sur {doc.n_pages}" in words


def test_page_count_and_page_spans(vdm_doc, ssd_doc):
    for doc, path in ((vdm_doc, gen.VDM_PDF), (ssd_doc, gen.SSD_PDF)):
        assert doc.n_pages == len(pypdfium2.PdfDocument(str(path)))
        assert [p.number for p in doc.pages] == list(range(1, doc.n_pages + 1))
        assert all(p.has_text_layer for p in doc.pages)
        assert doc.pages[0].char_start == 0 and doc.pages[-1].char_end == len(doc.text)
        for before, after in zip(doc.pages, doc.pages[1:]):
            assert doc.text[before.char_end:after.char_start] == "\n\n"
        assert doc.warnings == []


def test_each_heading_is_on_the_page_the_generator_put_it(vdm_doc, ssd_doc, heading_pages):
    checked = 0
    for doc, pages in ((vdm_doc, heading_pages["vdm"]), (ssd_doc, heading_pages["ssd"])):
        for heading, page in pages.items():
            if heading == "SOMMAIRE":
                continue
            assert doc.page_at(find_last(doc.text, heading)) == page, heading
            checked += 1
    assert checked > 50
    # Spot check against the rendered page: the body's first action heading sits after the sommaire.
    assert heading_pages["vdm"]["2. Renforcer l'efficacité du réseau des bus aux portes de Paris"] > 2


# --------------------------------------------------------------------------
# Words: coordinates and fonts
# --------------------------------------------------------------------------

def _lines_of(words):
    """Words grouped into visual lines (same top within 2 pt), top to bottom."""
    lines: list[list] = []
    for word in sorted(words, key=lambda w: (round(w.top), w.x0)):
        if lines and abs(lines[-1][0].top - word.top) < 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


FORM_ROWS = {
    "Délai de mise en œuvre :": "delai", "Paris :": "Paris", "Seine-Saint-Denis :": "Seine-Saint-Denis",
    "Budget estimé :": "budget", "Partenaires mobilisés :": "partenaires",
    "Indicateurs de réalisation :": "indicateurs",
}


def forms_from_words(doc: Document) -> list[dict]:
    """Read every action form back from word positions: label column left, values right."""
    split = gen.MARGIN + gen.LABEL_COL  # left edge of the value column
    footer_zone = gen.PAGE_H - 2.0 * gen.cm
    forms: list[dict] = []
    for page in doc.pages:
        words = [w for w in page.words if 2.0 * gen.cm < w.top < footer_zone]
        lines = _lines_of(words)
        for i, line in enumerate(lines):
            label = " ".join(w.text for w in line if w.x0 < split)
            field = FORM_ROWS.get(label)
            if field is None:
                continue
            if field == "delai":
                forms.append({})
            value = []
            for later in lines[i:]:
                if later is not line and any(w.x0 < split for w in later):
                    break  # the next row's label, or the text after the table
                value += [w.text for w in later if w.x0 >= split]
            forms[-1][field] = " ".join(value)
    return forms


def test_every_action_form_is_read_back_cell_by_cell(ssd_doc):
    expected = gen.action_forms()
    assert [f["number"] for f in expected] == [
        "1", "2", "3", "4", "5", "6", "7.1", "7.2", "8.1", "8.2",
        "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20",
    ]
    found = forms_from_words(ssd_doc)
    assert len(found) == len(expected)
    for want, got in zip(expected, found):
        for field in ("delai", "budget", "partenaires", "indicateurs"):
            assert got[field] == collapse(want[field] or ""), (want["number"], field)
        for coll in ("Paris", "Seine-Saint-Denis"):
            assert got[coll] == collapse(" ".join(want["services"][coll])), (want["number"], coll)


def test_generator_corrections_put_values_under_the_right_label():
    forms = {f["number"]: f for f in gen.action_forms()}
    # Action 6: five value blocks for five rows, but the form names no partner.
    assert forms["6"]["partenaires"] is None
    assert forms["6"]["indicateurs"].startswith("Réalisation d’inspection et de rapports")
    # Action 3: the indicator shares its line with its label in the seed.
    assert forms["3"]["indicateurs"].startswith("Centralisation du dispositif d'évaluation")
    assert forms["3"]["partenaires"] == "Croix-Rouge"
    # Action 7.2: three Paris services, wrapped over five lines in the seed.
    assert forms["7.2"]["services"]["Seine-Saint-Denis"] == ["DVD"]
    assert len(forms["7.2"]["services"]["Paris"]) == 3
    # Action 17: no budget and no partner.
    assert forms["17"]["budget"] is None and forms["17"]["partenaires"] is None


def test_budget_label_is_left_of_its_value_on_the_same_row(ssd_doc):
    rows = 0
    for page in ssd_doc.pages:
        for line in _lines_of(page.words):
            texts = [w.text for w in line]
            if texts[:2] == ["Budget", "estimé"]:
                label_x0 = line[0].x0
                value = [w for w in line[3:]]
                if value:
                    assert label_x0 < min(w.x0 for w in value)
                    assert min(w.x0 for w in value) >= gen.MARGIN + gen.LABEL_COL
                    rows += 1
    assert rows == len([f for f in gen.action_forms() if f["budget"]])


def test_headings_are_bold_and_body_text_is_not(ssd_doc, heading_pages):
    words_by_page = {p.number: p.words for p in ssd_doc.pages}
    for heading, page in heading_pages["ssd"].items():
        first_words = heading.split()[:3]  # "Action n°1 :", "Axe 2 :"
        lines = _lines_of(words_by_page[page])
        line = next(l for l in lines if [w.text for w in l[:3]] == first_words)
        assert all(w.bold for w in line), heading
    preambule = next(l for l in _lines_of(ssd_doc.pages[1].words) if l[0].text == "Dans")
    assert not any(w.bold for w in preambule)
    assert all(w.fontname == "Helvetica" and w.size == 10 for w in preambule)


# --------------------------------------------------------------------------
# PDFs made in the test
# --------------------------------------------------------------------------

def write_pdf(path: Path, pages: list[list[str]], encrypt=None, header: str = "", footer: str = "",
              first_printed: int = 1) -> Path:
    """A PDF with one list of lines per page; header/footer may hold {n} (printed page number) and {total}."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, encrypt=encrypt)
    for n, lines in enumerate(pages, start=first_printed):
        if header:
            c.setFont("Helvetica", 9)
            c.drawString(60, 800, header.format(n=n, total=len(pages)))
        c.setFont("Helvetica", 11)
        for i, line in enumerate(lines):
            c.drawString(60, 760 - 16 * i, line)
        if footer:
            c.setFont("Helvetica", 9)
            c.drawString(280, 40, footer.format(n=n, total=len(pages)))
        c.showPage()
    c.save()
    return path


def test_truncated_pdf_is_reported_as_damaged(tmp_path):
    data = gen.VDM_PDF.read_bytes()
    path = tmp_path / "convention.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(IngestError, match="damaged or truncated: the file stops before its end"):
        ingest(path)


def test_pdf_whose_end_is_cut_off_is_reported_as_damaged(tmp_path):
    data = gen.VDM_PDF.read_bytes()
    path = tmp_path / "convention.pdf"
    path.write_bytes(data[: data.rindex(b"trailer")])
    with pytest.raises(IngestError, match="damaged or truncated"):
        ingest(path)


def test_pdf_with_a_broken_inside_is_reported_as_damaged(tmp_path):
    data = gen.VDM_PDF.read_bytes()
    path = tmp_path / "convention.pdf"
    # The objects are overwritten with blanks; the file still ends with %%EOF.
    path.write_bytes(data[:20] + b" " * (len(data) - 200) + data[-180:])
    with pytest.raises(IngestError, match="damaged or truncated: its structure cannot be read"):
        ingest(path)


def test_html_page_saved_as_pdf(tmp_path):
    path = tmp_path / "deliberation.pdf"
    path.write_text("<!DOCTYPE html><html><head><title>Erreur 404</title></head><body>Page introuvable</body></html>")
    with pytest.raises(IngestError, match="HTML"):
        ingest(path)


def test_encrypted_pdf_with_empty_user_password_opens(tmp_path):
    path = write_pdf(tmp_path / "protege.pdf", [["Le Conseil municipal, après en avoir délibéré,",
                                                "APPROUVE la convention de coopération."]],
                     encrypt=StandardEncryption("", ownerPassword="proprietaire", canModify=0))
    doc = ingest(path)
    assert "APPROUVE la convention de coopération." in doc.text
    assert doc.n_pages == 1


def test_encrypted_pdf_with_a_password_is_refused_readably(tmp_path):
    path = write_pdf(tmp_path / "secret.pdf", [["Délibération n° 2024-17"]],
                     encrypt=StandardEncryption("motdepasse", ownerPassword="proprietaire"))
    with pytest.raises(IngestError, match="password-protected"):
        ingest(path)


def test_headings_that_differ_only_by_their_number_are_not_running_headers(tmp_path):
    # A recueil: every page opens on its own délibération; their numbers even follow the pages.
    pages = [[f"DÉLIBÉRATION N° 2025-04-0{n}", "Le Conseil municipal, après en avoir délibéré,",
              f"ADOPTE le point {n - 30}."] for n in (31, 32, 33)]
    doc = ingest(write_pdf(tmp_path / "recueil.pdf", pages, footer="Page {n} sur {total}"))
    lines = doc.text.split("\n")
    for n in (31, 32, 33):
        assert f"DÉLIBÉRATION N° 2025-04-0{n}" in lines
    # "ADOPTE le point 1." on page 1… sits just above the footer and follows the pages exactly:
    # it is the one kind of body line the rule cannot tell from furniture.
    assert "Page" not in doc.text


def test_excerpt_keeps_its_printed_page_numbers_out_of_the_text(tmp_path):
    # Pages 37 to 39 of a longer document: the printed numbers are far from 1, 2, 3.
    pages = [["Article 12 : Pilotage", "Le comité de pilotage se réunit une fois par an."],
             ["Article 13 : Durée", "La convention est conclue pour trois ans."],
             ["Article 14 : Résiliation", "Préavis de trois mois."]]
    doc = ingest(write_pdf(tmp_path / "extrait.pdf", pages, footer="- {n} -", first_printed=37))
    assert doc.text.split("\n\n")[0] == "Article 12 : Pilotage\nLe comité de pilotage se réunit une fois par an."
    assert "-" not in doc.text.replace("\n", " ").split()


def test_running_header_footer_and_page_numbers_are_stripped(tmp_path):
    body = [
        ["Convention Paris – Seine-Saint-Denis", "Article 1 : Objet", "La présente convention a pour objet"],
        ["Article 2 : Durée", "La convention est conclue pour trois ans.", "12"],
        ["Article 3 : Résiliation", "Préavis de trois mois."],
    ]
    path = write_pdf(tmp_path / "convention.pdf", body,
                     header="Convention Paris – Seine-Saint-Denis", footer="{n}/{total}")
    doc = ingest(path)
    lines = doc.text.split("\n")
    assert "1/3" not in lines and "3/3" not in lines
    # The running title goes, once per page; the same words as body text at the
    # top of page 1 are a repeat too (they sit at the page's edge).
    assert "Convention Paris – Seine-Saint-Denis" not in lines
    # A number inside the page is body text, not a page number.
    assert "12" in lines
    assert lines[0] == "Article 1 : Objet"
    assert doc.page_at(doc.text.index("Article 3")) == 3


def test_page_footer_with_page_word_is_stripped_on_a_short_document(tmp_path):
    path = write_pdf(tmp_path / "extrait.pdf", [["EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS", "Séance du 5 juillet 2021"]],
                     footer="Page {n} sur {total}")
    doc = ingest(path)
    assert doc.text == "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\nSéance du 5 juillet 2021"


def test_line_end_hyphens_are_joined_like_the_text_reader_does(tmp_path):
    # PDFium reports a hyphen at a line end as U+FFFE / U+0002 and drops the line break:
    # the reader gives the normaliser back "-\n" to decide (corpus: larbresle, montpellier 2013).
    doc = ingest(write_pdf(tmp_path / "cr.pdf", [[
        "Subvention versée à l'associa-", "tion Habitat jeunes. Pouvoir de Jean-",
        "Claude GROSS à Pierre-Jean ZANNETTACCI, commune de Saint-Léger-sur-", "Roanne."]]))
    assert doc.text == ("Subvention versée à l'association Habitat jeunes. Pouvoir de Jean-Claude GROSS "
                        "à Pierre-Jean ZANNETTACCI, commune de Saint-Léger-sur-Roanne.")


def test_lines_are_read_as_they_stand_on_the_page_whatever_the_drawing_order(tmp_path):
    # A compte-rendu with the rapporteur in a left column (corpus: montpellier 2011-02-07),
    # its running title drawn last: the text reads the page top to bottom, left to right.
    path = tmp_path / "cr.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 10)
    c.drawString(160, 700, "1. Quartier Près d’Arènes Les Aiguerelles - Dénomination de la Place")
    c.drawString(160, 688, "Pour : 58")
    c.drawString(160, 676, "Contre : 1 (M. Viguié)")
    c.drawString(60, 700, "Serge")
    c.drawString(60, 688, "FLEURENCE")
    c.drawString(60, 800, "Compte-rendu du Conseil municipal")
    c.showPage()
    c.save()
    doc = ingest(path)
    assert doc.text == ("Compte-rendu du Conseil municipal\n"
                        "Serge 1. Quartier Près d’Arènes Les Aiguerelles - Dénomination de la Place\n"
                        "FLEURENCE Pour : 58\nContre : 1 (M. Viguié)")


def test_a_superscript_ordinal_stays_in_its_date(tmp_path):
    path = tmp_path / "pv.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    text = c.beginText(60, 760)
    for chunk, size, rise in (("Séance du 1", 11, 0), ("er", 7, 4), (" juillet 2013", 11, 0)):
        text.setFont("Helvetica", size)
        text.setRise(rise)
        text.textOut(chunk)
    c.drawText(text)
    c.showPage()
    c.save()
    assert ingest(path).text == "Séance du 1er juillet 2013"


def test_words_are_read_only_when_a_stage_asks_for_them(vdm_doc):
    doc = ingest(gen.VDM_PDF)
    assert all(page._words is None for page in doc.pages)  # the text alone did not need them
    assert doc.pages[2].words and doc.pages[2].words[0].page == 3
    assert doc.pages[3]._words is None
    # A page sent to another process takes its words along.
    copy = pickle.loads(pickle.dumps(doc))
    assert [w.text for w in copy.pages[5].words] == [w.text for w in vdm_doc.pages[5].words]
    assert copy.text == doc.text


def test_max_pages_reads_only_the_first_pages(vdm_doc):
    doc = Document(doc_id="x", source_path=str(gen.VDM_PDF), file_name=gen.VDM_PDF.name, format="pdf")
    read_pdf(gen.VDM_PDF.read_bytes(), doc, max_pages=2)
    assert doc.n_pages == vdm_doc.n_pages
    assert len(doc.pages) == 2
    assert doc.text == vdm_doc.text[: vdm_doc.pages[1].char_end]
    assert doc.warnings == [f"only the first 2 of {vdm_doc.n_pages} pages were read"]


# --------------------------------------------------------------------------
# The real-world corpus
# --------------------------------------------------------------------------

def corpus_pdfs() -> list[Path]:
    return sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"real-world corpus not present at {CORPUS}")
def test_every_corpus_pdf_ingests_or_fails_readably():
    pdfs = corpus_pdfs()
    assert pdfs
    read = 0
    for path in pdfs:
        doc = Document(doc_id="x", source_path=str(path), file_name=path.name, format="pdf")
        try:
            # The first pages are enough to meet every layout; the scans are for tests/test_ocr.py.
            read_pdf(path.read_bytes(), doc, max_pages=3, ocr_max_pages=0)
        except IngestError as exc:
            assert str(exc), path.name
            continue
        assert doc.text.strip(), path.name
        assert doc.pages[0].char_start == 0
        read += 1
    assert read >= len(pdfs) - 2


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"real-world corpus not present at {CORPUS}")
def test_corpus_compte_rendu_reads_the_rapporteur_beside_the_item():
    path = CORPUS / "montpellier_cr_cm_2011-02-07.pdf"
    doc = Document(doc_id="x", source_path=str(path), file_name=path.name, format="pdf")
    read_pdf(path.read_bytes(), doc, max_pages=1)
    assert ("Qualité de l'espace public\n"
            "Serge 1. Quartier Près d’Arènes Les Aiguerelles - Dénomination de la Place Georges FRECHE\n"
            "FLEURENCE Pour : 58\nContre : 1 (M. Viguié)\nAdopté à la majorité") in doc.text


def test_a_vote_line_that_often_ends_a_page_stays_in_the_text(tmp_path):
    # Oignies (62), compte rendu of 21 Nov 2018: « La délibération est adoptée à l'unanimité »
    # closes most items, so it ends most pages too; it is content, printed mid-page as well.
    vote = "La délibération est adoptée à l'unanimité"
    pages = [[line for k in range(3) for line in (f"{n + k}. Subvention à l'association numéro {n + k}",
                                                   "Madame le Maire expose le projet.", vote)]
             for n in (1, 4, 7, 10)]
    doc = ingest(write_pdf(tmp_path / "cr.pdf", pages))
    assert doc.text.split("\n").count(vote) == 12


def _ruled_page(path: Path) -> None:
    """A page with three ruled grids drawn three ways — single lines, rectangles, an open
    path — lots of text around them, and a diagonal stroke that is no rule."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 9)
    for y in range(800, 40, -12):  # body text all over the page: the objects the shortcut skips
        c.drawString(30, y, "Le conseil municipal, après en avoir délibéré, approuve la convention " * 2)
    for x in (50, 200, 350):  # a grid of lines
        c.line(x, 700, x, 600)
    for y in (700, 650, 600):
        c.line(50, y, 350, y)
    for row in range(3):  # a grid of rectangles
        for col in range(2):
            c.rect(60 + col * 120, 400 + row * 40, 120, 40)
    path_obj = c.beginPath()  # three sides of a box as one open path (a curve), closed by rules
    path_obj.moveTo(300, 300), path_obj.lineTo(500, 300), path_obj.lineTo(500, 200)
    path_obj.lineTo(300, 200)
    c.drawPath(path_obj)
    c.line(300, 300, 300, 200), c.line(400, 300, 400, 200)
    c.line(60, 100, 300, 180)  # diagonal
    c.circle(480, 500, 30)  # Bézier curves, no rule
    c.beginForm("grid")  # a grid drawn once in a form XObject, shown moved and scaled
    for x in (0, 100, 200):
        c.line(x, 0, x, 60)
    for y in (0, 30, 60):
        c.line(0, y, 200, y)
    c.endForm()
    c.saveState()
    c.translate(330, 560)
    c.scale(1.1, 1.2)
    c.doForm("grid")
    c.restoreState()
    c.save()


def test_ruled_tables_are_pdfplumbers_own(tmp_path):
    import pdfplumber

    from delib.ingest.pdf import PdfWords

    path = tmp_path / "grids.pdf"
    _ruled_page(path)
    with pdfplumber.open(path) as pdf:
        expected = [tuple(tuple(row.cells) for row in table.rows) for table in pdf.pages[0].find_tables()]
    assert len(expected) >= 4  # the page has tables to find, the form's among them
    found = PdfWords(path.read_bytes()).tables_of_page(1)
    # read from PDFium, whose coordinates are single-precision floats: equal to a hundredth of a point
    assert [_rounded(table.rows) for table in found] == [_rounded(rows) for rows in expected]


def _rounded(rows):
    return [[tuple(round(v, 2) for v in cell) if cell else None for cell in row] for row in rows]


def test_words_are_pdfplumbers_own(tmp_path):
    import pdfplumber

    from delib.ingest.pdf import PdfWords

    path = tmp_path / "words.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for y, (font, size) in zip(range(780, 100, -40), [("Helvetica", 9), ("Helvetica-Bold", 12), ("Times-Roman", 11),
                                                       ("Courier", 10)] * 5):
        c.setFont(font, size)
        c.drawString(40 + y % 50, y, "Délai : 2025 — Service pilote : l'Urbanisme (DU)")
        c.drawString(430, y, "Budget : 12 000 euros")  # a second column on the same line
    c.save()
    with pdfplumber.open(path) as pdf:
        expected = pdf.pages[0].extract_words(extra_attrs=["fontname", "size"])
    found = PdfWords(path.read_bytes()).of_page(1)
    expected = sorted(expected, key=lambda w: (round(w["top"]), w["x0"]))
    found = sorted(found, key=lambda w: (round(w.top), w.x0))
    assert [(w.text, w.fontname, w.size) for w in found] == [(w["text"], w["fontname"], w["size"]) for w in expected]
    for word, theirs in zip(found, expected):
        assert word.x0 == pytest.approx(theirs["x0"], abs=0.5) and word.x1 == pytest.approx(theirs["x1"], abs=0.5)
        assert word.top == pytest.approx(theirs["top"], abs=1) and word.bottom == pytest.approx(theirs["bottom"], abs=1)


def test_words_of_a_turned_page_are_read_as_they_were_written(tmp_path):
    from delib.ingest.pdf import PdfWords

    path = tmp_path / "turned.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setPageRotation(90)  # a landscape table printed on a portrait page
    c.setFont("Helvetica", 10)
    c.drawString(50, 700, "Service pilote : Direction des Finances")
    c.drawString(50, 680, "Budget : 12 000 euros")
    c.save()
    words = PdfWords(path.read_bytes()).of_page(1)
    assert [w.text for w in words] == "Service pilote : Direction des Finances Budget : 12 000 euros".split()
    assert words[0].x0 == pytest.approx(50, abs=0.5) and words[0].top < words[-1].top


def test_a_word_pdfium_runs_on_to_the_next_line_is_cut_there(tmp_path):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from delib.ingest.pdf import PdfWords

    # a stamp's second date drawn lower, right where the first ends: PDFium's text puts no
    # break between them (« 12/03/202414/03/2024 »)
    path = tmp_path / "stamp.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    text = c.beginText(100, 700)
    text.setFont("Helvetica", 10)
    text.textOut("Reçu le 12/03/2024")
    text.moveCursor(stringWidth("Reçu le 12/03/2024", "Helvetica", 10), 5)
    text.textOut("14/03/2024")
    c.drawText(text)
    c.save()
    words = PdfWords(path.read_bytes()).of_page(1)
    assert [w.text for w in words] == ["Reçu", "le", "12/03/2024", "14/03/2024"]
    assert words[3].top == pytest.approx(words[2].top + 5, abs=0.5)
    assert words[3].x0 == pytest.approx(words[2].x1, abs=0.5)
