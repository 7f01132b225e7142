"""OCR of PDF pages without a text layer: generated scans, the corpus scans, and what
happens when Tesseract is not installed.

The Tesseract tests run when Tesseract and its French data are installed (Debian/Ubuntu:
apt-get install tesseract-ocr tesseract-ocr-fra; CI installs them); the tests of the
missing-Tesseract path point pytesseract at a program that does not exist.
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from delib.ingest import IngestError
from delib.ingest.ocr import missing_ocr
from delib.model import DocResult
from delib.output.tables import document_row
from delib.ingest.pdf import SCAN_MESSAGE, read_pdf
from delib.model import Document

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"

needs_tesseract = pytest.mark.skipif(
    missing_ocr() is not None,
    reason="Tesseract with French data is not installed (apt-get install tesseract-ocr tesseract-ocr-fra)")

PARAGRAPH = [
    "Le Conseil municipal de Corte, réuni le",
    "13 février 2023, après en avoir délibéré,",
    "approuve à l'unanimité la convention",
    "de coopération avec la Collectivité de Corse.",
]
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def paragraph_image(lines: list[str]) -> tuple[Image.Image, bool]:
    """The lines drawn in black on white at a large size, as a 300 dpi scan would show them;
    and whether the font has accents (Pillow's own font has none: « é » comes out as a box)."""
    accents = DEJAVU.exists()
    font = ImageFont.truetype(str(DEJAVU), 44) if accents else ImageFont.load_default(size=44)
    image = Image.new("L", (1700, 80 + 70 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((40, 40 + 70 * i), line, fill=0, font=font)
    return image, accents


def draw_pattern(c: canvas.Canvas) -> None:
    """A page that is only a picture with no writing on it (ruled lines)."""
    image = Image.new("L", (200, 280), color=235)
    for x in range(20, 180):
        for y in range(30, 250, 12):
            image.putpixel((x, y), 40)
    c.drawImage(ImageReader(image), 40, 60, width=500, height=700)


def scan_pdf(pages: list[str]) -> bytes:
    """A PDF with one page per entry: "paragraph" (the French paragraph, as an image only),
    "pattern" (an image without writing) or any other string (drawn as text)."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for page in pages:
        if page in ("paragraph", "stamped scan"):
            image, _ = paragraph_image(PARAGRAPH)
            if page == "stamped scan":  # a page-sized scan, then the ACTES stamp laid over it as text
                sheet = Image.new("L", (image.width, round(image.width * A4[1] / A4[0])), 255)
                sheet.paste(image, (0, 200))
                c.drawImage(ImageReader(sheet), 0, 0, width=A4[0], height=A4[1])
                c.setFont("Helvetica", 7)
                c.drawString(400, 820, "ID : 030-213001100-20240202-PV15122023-DE")
            else:
                c.drawImage(ImageReader(image), 40, 500, width=510, height=510 * image.height / image.width)
        elif page == "pattern":
            draw_pattern(c)
        elif page.startswith("logo:"):  # a few words of text beside a small picture
            c.drawImage(ImageReader(Image.new("L", (60, 60), 90)), 40, 740, width=60, height=60)
            c.setFont("Helvetica", 11)
            c.drawString(120, 760, page[len("logo:"):])
        else:
            c.setFont("Helvetica", 11)
            c.drawString(60, 760, page)
        c.showPage()
    c.save()
    return buffer.getvalue()


def read(data: bytes, **options) -> Document:
    doc = Document(doc_id="x", source_path="scan.pdf", file_name="scan.pdf", format="pdf")
    read_pdf(data, doc, **options)
    return doc


@pytest.fixture
def no_tesseract(monkeypatch):
    """pytesseract pointed at a Tesseract program that does not exist, as on a machine without it."""
    pytesseract = pytest.importorskip("pytesseract")
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/bin/tesseract")


# --------------------------------------------------------------------------
# With Tesseract
# --------------------------------------------------------------------------

@needs_tesseract
def test_image_only_pdf_is_read_by_ocr():
    doc = read(scan_pdf(["paragraph"]))
    assert doc.ocr is True
    text = " ".join(doc.text.split())
    for words in ("Conseil municipal de Corte", "2023", "convention", "Corse"):
        assert words in text
    if paragraph_image(PARAGRAPH)[1]:
        assert "13 février 2023" in text and "délibéré" in text
    assert doc.pages[0].has_text_layer is False
    assert doc.problems == []
    assert doc.warnings == ["page 1 has no text layer: read by OCR (Tesseract, French); "
                            "names and figures may be misread"]


@needs_tesseract
def test_a_scan_whose_only_text_is_its_stamp_is_read_by_ocr():
    # Flaux (30), corpus2: each page a scan, with the ACTES stamp as its only text layer.
    doc = read(scan_pdf(["stamped scan", "stamped scan"]))
    assert doc.ocr is True
    text = " ".join(doc.text.split())
    assert "Conseil municipal de Corte" in text and "convention" in text
    assert "030-213001100-20240202-PV15122023-DE" in text  # the stamp is kept too


def test_a_short_text_page_with_a_logo_is_not_ocr_d(monkeypatch):
    monkeypatch.setattr("delib.ingest.pdf.ocr_page", lambda page: pytest.fail("a text page was OCR'd"))
    doc = read(scan_pdf(["logo:Conseil municipal du 12 mai 2024"]))
    assert doc.ocr is False and doc.text == "Conseil municipal du 12 mai 2024"


@needs_tesseract
def test_scanned_pages_among_text_pages_are_ocr_d_in_place():
    doc = read(scan_pdf(["Point n° 4 : approbation du procès-verbal", "paragraph", "pattern"]))
    assert doc.ocr is True
    assert doc.text.startswith("Point n° 4 : approbation du procès-verbal\n\n")
    assert [p.has_text_layer for p in doc.pages] == [True, False, False]
    assert [p.ocr for p in doc.pages] == [False, True, False]  # page 3: OCR found nothing on it
    assert document_row(DocResult(doc.doc_id, "", "", "pdf", document=doc))["ocr_pages"] == 1
    assert doc.page_at(doc.text.index("Corse")) == 2
    # A picture without writing (a blank page, a signature) stays empty: nothing was lost, a note says so.
    assert doc.problems == []
    assert doc.warnings == [
        "page 2 has no text layer: read by OCR (Tesseract, French); names and figures may be misread",
        "page 3 has no text layer and OCR found no text on it"]
    assert doc.pages[2].char_start == doc.pages[2].char_end == len(doc.text)


@needs_tesseract
def test_the_ocr_page_cap_leaves_later_scans_unread():
    doc = read(scan_pdf(["paragraph", "paragraph", "paragraph"]), ocr_max_pages=1)
    assert doc.ocr is True
    assert doc.page_at(doc.text.index("Corse")) == 1
    assert doc.pages[1].char_start == doc.pages[1].char_end
    assert doc.problems == ["[W003] pages 2, 3 have no text layer (scanned images); "
                            "not read: OCR stops after 1 pages per document (set DELIB_OCR_MAX_PAGES to read more)"]


@needs_tesseract
def test_the_ocr_page_cap_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("DELIB_OCR_MAX_PAGES", "0")
    with pytest.raises(IngestError, match="not read: OCR stops after 0 pages"):
        read(scan_pdf(["paragraph"]))


@needs_tesseract
def test_image_only_pdf_without_writing_says_ocr_found_nothing():
    with pytest.raises(IngestError) as info:
        read(scan_pdf(["pattern", "pattern"]))
    assert str(info.value) == "[E012] no text layer: the PDF is a scanned image; OCR found no text in it"


def corpus_scan(name: str) -> Path:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"real-world corpus scan not present at {path}")
    return path


@needs_tesseract
@pytest.mark.parametrize("name, n_pages, phrases", [
    ("corte_pv_cm_2024-10-28_scan_notext.pdf", 4,
     ["Ville de Corte", "Conseil Municipal du 28 octobre 2024",
      "Marc-Marie GUGLIELMI comme Secrétaire de Séance", "24-10/094"]),
    ("montpellier_cr_cm_2011-03-28_scan_notext.pdf", 11,
     ["Compte-rendu du Conseil municipal", "Séance publique du lundi 28 mars 2011", "Adopté à l’unanimité"]),
])
def test_corpus_scan_is_read_by_ocr(name, n_pages, phrases):
    # Only the first page: about 4 s of OCR.
    doc = read(corpus_scan(name).read_bytes(), max_pages=1)
    assert doc.ocr is True and doc.n_pages == n_pages
    text = " ".join(doc.text.split())
    for phrase in phrases:
        assert phrase in text


# --------------------------------------------------------------------------
# Without Tesseract
# --------------------------------------------------------------------------

def test_without_tesseract_an_image_only_pdf_says_how_to_enable_ocr(no_tesseract):
    assert missing_ocr() is not None
    with pytest.raises(IngestError) as info:
        read(scan_pdf(["paragraph", "paragraph"]))
    assert str(info.value) == "[E011] " + SCAN_MESSAGE
    assert SCAN_MESSAGE == ("no text layer: the PDF is a scanned image; install Tesseract to read it "
                            "(Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-fra)")


def test_without_tesseract_a_partly_scanned_pdf_keeps_its_text(no_tesseract):
    doc = read(scan_pdf(["Point n° 4 : approbation du procès-verbal", "Point n° 7 : approbation du procès-verbal",
                         "paragraph", "pattern"]))
    assert doc.ocr is False
    assert doc.text == "Point n° 4 : approbation du procès-verbal\n\nPoint n° 7 : approbation du procès-verbal"
    assert doc.problems == ["[W001] pages 3, 4 have no text layer (scanned images); install Tesseract to read them "
                            "(Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-fra)"]
    assert [p.has_text_layer for p in doc.pages] == [True, True, False, False]
    assert doc.page_at(len(doc.text) - 1) == 2


def test_without_tesseract_the_corpus_scans_ask_for_it(no_tesseract):
    scans = sorted(CORPUS.glob("*_scan_notext.pdf")) if CORPUS.is_dir() else []
    if not scans:
        pytest.skip(f"no *_scan_notext.pdf in the corpus at {CORPUS}")
    for path in scans:
        with pytest.raises(IngestError) as info:
            read(path.read_bytes(), max_pages=2)
        assert str(info.value) == "[E011] " + SCAN_MESSAGE, path.name


def test_a_page_too_large_for_ocr_is_refused_before_rendering():
    import pypdfium2 as pdfium

    from delib.ingest.ocr import OcrError, ocr_page

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(14_400, 14_400)  # 5 metres square: 3.6 G pixels at 300 dpi
    with pytest.raises(OcrError, match=r"page too large to read by OCR \(508 × 508 cm\)"):
        ocr_page(page)


def test_a_large_page_is_read_at_a_lower_resolution():
    from delib.ingest.ocr import DPI, MAX_PIXELS, MIN_DPI, ocr_resolution

    assert ocr_resolution(595, 842) == DPI  # A4
    a1 = ocr_resolution(1684, 2384)
    assert MIN_DPI <= a1 < DPI and (1684 * a1 / 72) * (2384 * a1 / 72) <= MAX_PIXELS * 1.0001


# --- A dev document scanned: read by OCR as its text layer reads ---------------------------

def _rescanned(path: Path, out: Path) -> Path:
    """`path` printed and scanned: its pages as images (200 dpi, a scanner's small skew, a
    little blur), no text layer."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    pages = []
    for number, page in enumerate(pdfium.PdfDocument(str(path))):
        image = page.render(scale=200 / 72, grayscale=True).to_pil().convert("L")
        image = image.rotate(0.6 if number % 2 else -0.4, fillcolor=255, resample=Image.BICUBIC)
        pages.append(image.filter(ImageFilter.GaussianBlur(0.6)))
    pages[0].save(out, save_all=True, append_images=pages[1:], resolution=200)
    return out


@needs_tesseract
def test_a_scanned_copy_of_minutes_reads_like_its_text_layer(tmp_path):
    """Ville, 31 January 2013 (dev), printed and scanned. OCR reads « 31 JAN VIER 2013 » and
    the en dashes between names as em dashes: the séance date and the attendance must come
    out as from the text PDF (data/gold/…: read by hand)."""
    import json

    from delib.extract.document import extract_document
    from delib.ingest import ingest
    from delib.segment import segment_document

    source = REPO.parent / "shared" / "corpus2" / "docs" / "ville_cr_cm_2013-01-31.pdf"
    if not source.exists():
        pytest.skip(f"corpus2 is not here ({source.parent})")
    gold = json.loads((REPO.parent / "shared" / "corpus2" / "gold" / "ville_cr_cm_2013-01-31.json").read_text())
    doc = ingest(_rescanned(source, tmp_path / "ville_rescan.pdf"))
    assert all(page.ocr for page in doc.pages)
    deliberations = extract_document(doc, segment_document(doc)).deliberations
    expected = gold["deliberations"]
    assert {d.fields.seance_date for d in deliberations} == {expected[0]["seance_date"]}
    assert deliberations[0].fields.presents == expected[0]["presents"]
    listed = {p["person"].split()[-1].upper() for p in deliberations[0].attendance if p["status"] == "present"}
    assert listed == {name.upper() for name in gold["attendance"]["present"]}
