"""PDF bytes -> Document: clean text, pages with offsets, words with coordinates.

The text comes from PDFium (pypdfium2): it reads a page's text layer some
15 to 50 times faster than pdfplumber, whose pure-Python parsing (pdfminer)
was two thirds of the pipeline's time. Its words are laid out again by their
position, top to bottom and left to right, as pdfplumber printed them: the
later stages were written against those lines (see `_visual_lines`).

Words with their coordinates and fonts (for stages that read the layout,
like the action forms' two-column tables) and the lines and rectangles of
ruled tables are read from PDFium too, the tables found by pdfplumber's table
finder; both only when a stage asks for a page's words: `PdfPage.words` is read on
first use (see `PdfWords`), so a document no stage reads the layout of never
pays for them.

Pages without a text layer (scans) are read by OCR when Tesseract is
installed (`delib.ingest.ocr`); `doc.ocr` then says so.

Running headers and footers — a line that comes back at the top or bottom
of most pages once its digits are masked ("Page 4 sur 16", the convention's
title, a lone "7") — are taken out of the text, since they would cut
sentences and sections in two; the words keep them, and page numbers live
on in `doc.pages`.
"""
from __future__ import annotations

import ctypes
import io
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional, TypeVar

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from delib import errors
from delib.ingest import IngestError
from delib.ingest.normalize import normalize_text
from delib.ingest.ocr import INSTALL_TESSERACT, OcrError, missing_ocr, ocr_page
from delib.model import Document, Page, RuledTable, Word

# pdfplumber's defaults, written out. Words are split on the space characters
# first; the tolerance only matters for PDFs that place words without spaces.
# 1.5 pt gave the same words as 3 pt on every text PDF of the corpus, so the
# well-trodden default stays. Y_TOLERANCE also puts PDFium's stretches of text
# on one line when their tops are that close.
X_TOLERANCE = 3
Y_TOLERANCE = 3

# Lines looked at, at each edge of a page, when hunting running headers/footers.
EDGE_LINES = 3
# A page whose text layer holds fewer characters than this over an image covering
# SCAN_COVER of it is a scan with a stamp or a few words laid over it: it is read by OCR.
THIN_LAYER_CHARS = 200
SCAN_COVER = 0.5
# A line is "running" when it comes back on at least this share of the pages (and on two at least).
RUNNING_SHARE = 0.4

# A line that is only a page number: "7", "- 7 -", "7/16", "Page 7 sur 16", "p. 7".
PAGE_NUMBER_LINE = re.compile(
    r"^[\s\-–—.]*(?:page|p\.)?\s*(\d{1,4})\s*(?:(?:/|sur|de|of)\s*\d{1,4})?[\s\-–—.]*$", re.IGNORECASE
)

PAGE_SEPARATOR = "\n\n"

SCAN_MESSAGE = "no text layer: the PDF is a scanned image; " + INSTALL_TESSERACT.format(it="it")

# Scanned pages OCR'd per document at most (about 4 s a page on one core: 20 pages
# stay within the batch's default time limit of 120 s per document).
OCR_MAX_PAGES = 20
OCR_MAX_PAGES_VARIABLE = "DELIB_OCR_MAX_PAGES"



@dataclass
class _RawPage:
    """What one pass over a PDF page keeps: its lines, whether it holds images, what went wrong."""

    number: int
    lines: list[str] = field(default_factory=list)
    text_layer: bool = False  # the PDF holds text for this page
    has_images: bool = False
    error: Optional[str] = None
    ocr: bool = False  # the lines were read from the page's image
    unread_because: str = ""  # a scan left without text: why, with "{it}" for the page(s)
    running: list[str] = field(default_factory=list)  # running headers/footers taken out of `lines`
    unread_problem: errors.Problem = errors.PAGES_OCR_FAILED  # what kind of loss that is

    @property
    def has_text(self) -> bool:
        return any(self.lines)

    thin_layer: bool = False  # a few words (a stamp) over a page-sized image: the page is a scan

    @property
    def scanned(self) -> bool:
        return (not self.text_layer or self.thin_layer) and self.has_images and not self.error


def read_pdf(data: bytes, doc: Document, max_pages: Optional[int] = None,
             ocr_max_pages: Optional[int] = None) -> None:
    """Fill `doc` from the bytes of a PDF. `max_pages` reads only the first pages (all by default);
    `ocr_max_pages` caps the scanned pages OCR'd (default: $DELIB_OCR_MAX_PAGES, else 20).

    Raises IngestError when the PDF is protected, damaged, or has no text at all.
    """
    pdf = _open(data)
    try:
        n_pages = len(pdf)
        if not n_pages:
            raise IngestError(errors.DAMAGED_PDF.tag("the PDF is damaged or truncated: no page could be found in it"))
        raw_pages = [_read_page(pdf, i) for i in range(min(n_pages, max_pages or n_pages))]
        if all(p.error for p in raw_pages):
            raise IngestError(errors.DAMAGED_PDF.tag(
                f"the PDF is damaged or truncated: no page could be read ({raw_pages[0].error})"))
        _read_scans(pdf, raw_pages, doc, ocr_max_pages)
    finally:
        pdf.close()
    doc.n_pages = n_pages
    doc.format = doc.format or "pdf"
    _check_has_text(raw_pages, n_pages)
    doc.problems.extend(_unreadable_pages(raw_pages))
    doc.warnings.extend(_empty_pages(raw_pages))
    if len(raw_pages) < n_pages:
        doc.warnings.append(f"only the first {len(raw_pages)} of {n_pages} pages were read")
    _drop_running_lines(raw_pages)
    _assemble(raw_pages, doc, PdfWords(data))


# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------

def _open(data: bytes) -> pdfium.PdfDocument:
    """The PDF opened by PDFium, which tries the empty user password by itself."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _explain(exc, data) from exc


def _read_page(pdf: pdfium.PdfDocument, index: int) -> _RawPage:
    """Text lines of one page; a page that fails is kept empty with its reason."""
    number = index + 1
    try:
        page = pdf[index]
        try:
            textpage = page.get_textpage()
            try:
                lines = [line.strip() for line in _visual_lines(textpage)]
            finally:
                textpage.close()
            text_layer = any(lines)
            thin = text_layer and sum(len(line) for line in lines) < THIN_LAYER_CHARS
            has_images = (not text_layer or thin) and _has_images(page)
            return _RawPage(number, lines, text_layer=text_layer, has_images=has_images,
                            thin_layer=thin and has_images and _image_cover(page) >= SCAN_COVER)
        finally:
            page.close()
    except Exception as exc:  # noqa: BLE001 - one bad page must not lose the others
        return _RawPage(number, error=_reason(exc))


def _visual_lines(textpage: pdfium.PdfTextPage) -> list[str]:
    """The page's lines top to bottom, each left to right, as pdfplumber printed them.

    PDFium gives the text in the order the PDF draws it, and may run on from one
    place of the page to another without a line break (the two dates of an ACTES
    stamp, one under the other, come out as one line). The later stages were
    written against lines as they stand on the page: a compte-rendu with the
    rapporteur in a column left of the items (« Serge 1. Quartier Près d'Arènes… »
    / « FLEURENCE Pour : 58 », corpus montpellier 2011), a running title drawn
    last that belongs on top. So each word (PDFium's text cut at spaces and line
    breaks) is placed by the box of its first character, and words whose tops are
    within Y_TOLERANCE make one line, left to right — pdfplumber's own rule.
    """
    text = textpage.get_text_range()
    if len(text) != textpage.count_chars():
        # Text and characters out of step (PDFium added or left out some): no positions, keep its order.
        return _lines(text)
    words = []  # (top, left, word)
    descents: dict[int, float] = {}
    for m in _WORD.finditer(text):
        left, top = _char_corner(textpage, m.start(), descents)
        words.append((top, left, m.group()))
    # PDF y grows upwards: the top of the page is the highest y
    rows = cluster_lines(words, top=lambda w: -w[0], left=lambda w: (w[1], w[2]))
    return [_LINE_END_HYPHEN.sub("-", " ".join(word for _, _, word in row)) for row in rows]


T = TypeVar("T")


def cluster_lines(items: Iterable[T], top: Callable[[T], float], left: Callable[[T], Any],
                  tolerance: float = Y_TOLERANCE) -> list[list[T]]:
    """Words (PDFium's or pdfplumber's) grouped into the lines they stand on, top to bottom, each
    left to right: taken from the top down, a word starts a new line when its top lies more than
    `tolerance` below the previous word's — pdfplumber's own rule (`cluster_objects`)."""
    rows: list[list[T]] = []
    previous_top = None
    for item in sorted(items, key=top):
        if previous_top is None or top(item) - previous_top > tolerance:
            rows.append([])
        rows[-1].append(item)
        previous_top = top(item)
    return [sorted(row, key=left) for row in rows]


# PDFium marks a hyphen it found at a line end with U+FFFE (U+0002 from get_text_bounded)
# and leaves out the line break after it: "associa\ufffetion", "Jean\ufffeClaude".
# The hyphen ends its word; where it stays is for the normaliser to say.
_LINE_END_HYPHEN = re.compile(r"[\ufffe\x02]")
_WORD = re.compile(r"[^\s\ufffe\x02]*[\ufffe\x02]|[^\s\ufffe\x02]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _char_corner(textpage: pdfium.PdfTextPage, index: int, descents: dict[int, float]) -> tuple[float, float]:
    """(left, top) of a character in PDF points, its top reckoned as pdfminer does:
    baseline, plus the font's descent (negative), plus the font size.

    The same top for a line's letters whatever their shapes, for a bullet in a symbol
    font beside them, and close enough for a raised, smaller superscript. `descents`
    keeps, for each text object of the page, its font's descent plus its size (the same
    for all its characters): a page has a few objects and thousands of words, and every
    call into PDFium counts."""
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, ctypes.byref(x), ctypes.byref(y))
    text_object, key = _text_object(textpage.raw, index)
    if key not in descents:
        size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
        descents[key] = _descent(text_object, size) + size
    return x.value, y.value + descents[key]


def _text_object(raw_textpage, index: int) -> tuple[Any, int]:
    """The text object the character at `index` belongs to, and its address: the key under
    which what holds for all its characters (font, size, descent) is kept for the page."""
    text_object = pdfium_c.FPDFText_GetTextObject(raw_textpage, index)
    return text_object, ctypes.cast(text_object, ctypes.c_void_p).value or 0


def _descent(text_object, size: float) -> float:
    """The descent (negative) of the text object's font at `size`; 0 when unknown."""
    descent = ctypes.c_float(0.0)
    font = pdfium_c.FPDFTextObj_GetFont(text_object) if text_object else None
    if font:
        pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(size), ctypes.byref(descent))
    return descent.value


def _lines(text: str) -> list[str]:
    """Text in PDFium's order as stripped lines, its line-end hyphens written back as "-"
    and a line break.

    Lines are stripped: PDFium keeps the spaces a PDF draws at a line's edges
    (" Le Conseil…", "… en : "), which are layout, not indentation.
    """
    text = re.sub(r"[\ufffe\x02](?:\r\n|\r|\n)?", "-\n", text).replace("\f", "\n")
    return [line.strip() for line in _LINE_BREAK.split(text)]


def _has_images(page: pdfium.PdfPage) -> bool:
    return next(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)), None) is not None


def _image_cover(page: pdfium.PdfPage) -> float:
    """The share of the page its largest image covers (1.0 for a scan)."""
    width, height = page.get_size()
    largest = 0.0
    for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):
        bounds = getattr(image, "get_bounds", None) or image.get_pos  # pypdfium2 5 renamed it
        left, bottom, right, top = bounds()
        largest = max(largest, max(0.0, right - left) * max(0.0, top - bottom))
    return largest / (width * height) if width and height else 0.0


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _explain(exc: pdfium.PdfiumError, data: bytes) -> IngestError:
    """A PDFium failure to open the file as a message a person understands."""
    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return IngestError(errors.ENCRYPTED_PDF.tag("the PDF is password-protected: it cannot be opened without "
                                                    "its password (ask for an unprotected copy)"))
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return IngestError(errors.ENCRYPTED_PDF.tag(f"the PDF is encrypted with a method that cannot be read "
                                                    f"({_reason(exc)}); ask for an unprotected copy"))
    if b"%%EOF" not in data[-2048:]:
        # Every complete PDF ends with %%EOF: a file cut short lost it.
        return IngestError(errors.DAMAGED_PDF.tag(f"the PDF is damaged or truncated: the file stops before its end "
                                                  f"(incomplete download or copy?) [{_reason(exc)}]"))
    return IngestError(errors.DAMAGED_PDF.tag(f"the PDF is damaged or truncated: its structure cannot be read "
                                              f"[{_reason(exc)}]"))


# --------------------------------------------------------------------------
# Words, read on demand
# --------------------------------------------------------------------------

class PdfWords:
    """Words (coordinates, font name and size) and ruled tables of a PDF's pages, on demand.

    Both are read from PDFium (`_pdfium_words`, `_pdfium_drawings`), the tables found by
    pdfplumber's table finder among the page's rules: parsing the page again with pdfminer
    cost 0.15 s a page, ten times more, and was two fifths of the time of a convention with
    action forms. A page whose MediaBox is not at the origin, which pdfminer places otherwise,
    is read by pdfplumber whole, as before (`_plumber_words`). A turned page (/Rotate) is read
    as it was written, its lines left to right: pdfplumber turned its coordinates, and its
    words came out a letter each.
    """

    def __init__(self, data: bytes):
        self._data = data
        self._pdf = None  # pdfplumber, opened for the first page with rules or a MediaBox off the origin
        self._pdfium = None
        self._tables: dict[int, list[RuledTable]] = {}  # read with a page's words, not yet asked for

    def _page(self, number: int) -> pdfplumber.page.Page:
        if self._pdf is None:
            self._pdf = pdfplumber.open(io.BytesIO(self._data))
        return self._pdf.pages[number - 1]

    def of_page(self, number: int) -> list[Word]:
        return self._read(number)

    def tables_of_page(self, number: int) -> list[RuledTable]:
        """The tables drawn with rules on the page (pdfplumber's table finder, « lines » strategy:
        cells are closed by the page's lines and rectangle edges, never guessed from the text)."""
        if number not in self._tables:
            self._read(number)
        return self._tables.pop(number, [])

    def _read(self, number: int) -> list[Word]:
        """A page's words, and its ruled tables kept in `_tables` until asked for: the stage
        that reads a page's words (the action forms) asks for its tables next."""
        try:
            if self._pdfium is None:
                self._pdfium = pdfium.PdfDocument(self._data)
            page = self._pdfium[number - 1]
            try:
                if any(page.get_mediabox()[:2]):
                    return self._plumber_words(number)
                words = _pdfium_words(page)
                page_drawings = _pdfium_drawings(page)
            finally:
                page.close()
            self._tables[number] = self._ruled_tables(number, page_drawings) if any(page_drawings.values()) else []
        except Exception:  # noqa: BLE001
            # The text came from PDFium already; a page that cannot be parsed again just has no
            # words, and the layout-aware stages fall back on the text.
            return []
        return _as_words(words, number)

    def _ruled_tables(self, number: int, page_drawings: dict[str, list[dict]]) -> list[RuledTable]:
        page = self._page(number)  # the table finder's page: not parsed, its rules are given
        try:
            return _ruled_tables(page, number, page_drawings)
        finally:
            page.close()

    def _plumber_words(self, number: int) -> list[Word]:
        page = self._page(number)
        try:
            words = pdfplumber.utils.extract_words(_layout_chars(page), x_tolerance=X_TOLERANCE,
                                                   y_tolerance=Y_TOLERANCE, extra_attrs=["fontname", "size"])
            self._tables[number] = _ruled_tables(page, number, _plumber_drawings(page))
        finally:
            page.close()
        return _as_words(words, number)


def _as_words(words: list[dict], number: int) -> list[Word]:
    return [Word(text=w["text"], x0=w["x0"], x1=w["x1"], top=w["top"], bottom=w["bottom"], page=number,
                 fontname=_base_font(w["fontname"]), size=round(float(w["size"]), 2)) for w in words]


def _pdfium_words(page: pdfium.PdfPage) -> list[dict]:
    """The page's words as pdfplumber's `extract_words` gives them (text, box, font name and
    size), top to bottom and left to right, read from PDFium: a word is PDFium's text cut at
    spaces and line breaks (`_WORD`, as `_visual_lines` cuts it), its sides those of the loose
    boxes of its first and last characters (the advance width, as pdfminer's), its bottom the
    baseline plus the font's descent and its top a font size above, as pdfminer reckons them.

    Two boxes a word, not one a character: each call into PDFium counts, and a page has
    thousands of characters. What a text object holds for all its characters (font, size,
    angle) is asked once per object."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        if len(text) != textpage.count_chars():
            raise ValueError("PDFium's text and characters are out of step")
        height = page.get_mediabox()[3]  # pdfplumber's page height: the MediaBox's, here at the origin
        raw = textpage.raw
        fonts: dict[int, tuple[float, str, bool]] = {}  # text object -> size, font name, upright
        words = []
        for m in _WORD.finditer(text):
            first, last = _char_box(raw, m.start()), _char_box(raw, m.end() - 1)
            if abs(first.bottom - last.bottom) <= Y_TOLERANCE:  # nearly every word: its ends on one line
                pieces = [(m.start(), m.end() - 1, first, last)]
            else:
                pieces = _pieces_on_one_line(raw, m.start(), m.end() - 1)
            for start, end, left_box, right_box in pieces:
                _, key = _text_object(raw, start)
                if key not in fonts:
                    fonts[key] = _font_of(raw, start)
                size, fontname, upright = fonts[key]
                bottom = height - left_box.bottom
                words.append({"text": _LINE_END_HYPHEN.sub("-", text[start:end + 1]), "x0": left_box.left,
                              "x1": right_box.right, "top": bottom - size, "bottom": bottom, "upright": upright,
                              "size": size, "fontname": fontname})
    finally:
        textpage.close()
    rows = cluster_lines(words, top=lambda w: w["top"], left=lambda w: w["x0"])
    return [word for row in rows for word in row]


def _char_box(raw_textpage, index: int) -> Any:
    """PDFium's loose box of a character (left, right, bottom, top in PDF points)."""
    box = pdfium_c.FS_RECTF()
    pdfium_c.FPDFText_GetLooseCharBox(raw_textpage, index, ctypes.byref(box))
    return box


def _pieces_on_one_line(raw_textpage, first: int, last: int) -> list[tuple[int, int, Any, Any]]:
    """(start, end, box of start, box of end) of the pieces of [first, last] on one line each:
    PDFium may run on from one place of the page to another without a break (see `_visual_lines`)."""
    boxes = [_char_box(raw_textpage, index) for index in range(first, last + 1)]
    pieces, start = [], 0
    for i in range(1, len(boxes)):
        if abs(boxes[i].bottom - boxes[i - 1].bottom) > Y_TOLERANCE:
            pieces.append((first + start, first + i - 1, boxes[start], boxes[i - 1]))
            start = i
    return pieces + [(first + start, last, boxes[start], boxes[-1])]


def _font_of(raw_textpage, index: int) -> tuple[float, str, bool]:
    """(size, font name, upright) of the text object of the character at `index`."""
    size = pdfium_c.FPDFText_GetFontSize(raw_textpage, index)
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(raw_textpage, index, name, len(name), ctypes.byref(flags))
    upright = abs(pdfium_c.FPDFText_GetCharAngle(raw_textpage, index)) < 1e-3
    return size, name.value.decode("utf-8", "replace"), upright


def _ruled_tables(page: pdfplumber.page.Page, number: int, page_drawings: dict[str, list[dict]]) -> list[RuledTable]:
    try:
        vertical, horizontal = _rules(page_drawings)
        if len(vertical) < 2 or len(horizontal) < 2:
            return []  # no cell can be closed
        found = page.find_tables({"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                                  "explicit_vertical_lines": vertical, "explicit_horizontal_lines": horizontal})
    except Exception:  # noqa: BLE001 - a page whose rules cannot be read: its form is read from the words
        return []
    return [RuledTable(number, tuple(tuple(row.cells) for row in table.rows)) for table in found]


def _rules(page_drawings: dict[str, list[dict]]) -> tuple[list[dict], list[dict]]:
    """The page's vertical and horizontal edges, as pdfplumber's « lines » strategy finds them
    (`page.edges`: lines, then the sides of rectangles, then the segments of curves; none
    shorter than its prefilter length), from the page's drawings (pdfplumber's objects)."""
    edges = ([pdfplumber.utils.line_to_edge(line) for line in page_drawings["line"]]
             + [edge for rect in page_drawings["rect"] for edge in pdfplumber.utils.rect_to_edges(rect)]
             + [edge for curve in page_drawings["curve"] for edge in pdfplumber.utils.curve_to_edges(curve)])
    return (pdfplumber.utils.filter_edges(edges, "v", min_length=_SHORTEST_RULE),
            pdfplumber.utils.filter_edges(edges, "h", min_length=_SHORTEST_RULE))


def _plumber_drawings(page: pdfplumber.page.Page) -> dict[str, list[dict]]:
    """The lines, rectangles and curves of the page's pdfminer layout as pdfplumber's objects.

    `page.edges` would first convert every object of the page, its characters too, with all
    their attributes — nine tenths of the objects of a text page and half the time of reading
    it; the rules are only the pdfminer layout's curves (lines and rectangles are curves)."""
    page_drawings: dict[str, list[dict]] = {"line": [], "rect": [], "curve": []}
    for obj in _layout_objects(page):
        if isinstance(obj, LTCurve):
            drawn = page.process_object(obj)
            page_drawings[drawn["object_type"]].append(drawn)
    return page_drawings


def _pdfium_drawings(page: pdfium.PdfPage) -> dict[str, list[dict]]:
    """The page's lines, rectangles and curves as `_plumber_drawings` gives them, read from
    PDFium's path objects — without parsing the page again in Python, which cost a convention
    with forms a fifth of its time. Each path is cut into its subpaths and each subpath named
    as pdfminer names it (`PDFLayoutAnalyzer.paint_path`): one segment is a line, four sides
    at right angles closed on the start a rectangle, anything else a curve through the
    segments' end points."""
    height = page.get_mediabox()[3]
    page_drawings: dict[str, list[dict]] = {"line": [], "rect": [], "curve": []}
    for path, matrices in _path_objects(page):
        for shape, points in _subpaths(path, matrices):
            kind = _path_kind(shape, points)
            if kind:
                page_drawings[kind].append(_drawn(kind, points, height))
    return page_drawings


def _path_objects(page: pdfium.PdfPage) -> Iterable[tuple[Any, list[Any]]]:
    """(path object, the matrices from its space to the page's, innermost first), form XObjects
    opened as pdfminer opens them."""
    stack = [(pdfium_c.FPDFPage_GetObject(page.raw, i), []) for i in range(pdfium_c.FPDFPage_CountObjects(page.raw))]
    while stack:
        obj, outer = stack.pop()
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield obj, [_matrix(obj)] + outer
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            inner = [_matrix(obj)] + outer
            stack += [(pdfium_c.FPDFFormObj_GetObject(obj, i), inner)
                      for i in range(pdfium_c.FPDFFormObj_CountObjects(obj))]


def _matrix(obj: Any) -> tuple[float, ...]:
    m = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
    return m.a, m.b, m.c, m.d, m.e, m.f


def _subpaths(path: Any, matrices: list[tuple[float, ...]]) -> Iterable[tuple[str, list[tuple[float, float]]]]:
    """(shape, end points in page space) of each subpath: « m », « l », « c » (a Bézier curve, its
    control points left out as pdfminer leaves them) and « h » when the subpath is closed."""
    shape, points, beziers = "", [], 0
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, i)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO and shape:
            yield shape, points
            shape, points = "", []
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            beziers += 1
            if beziers % 3:
                continue  # a control point
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = (x.value, y.value)
        for a, b, c, d, e, f in matrices:
            point = (a * point[0] + c * point[1] + e, b * point[0] + d * point[1] + f)
        shape += {pdfium_c.FPDF_SEGMENT_MOVETO: "m", pdfium_c.FPDF_SEGMENT_LINETO: "l"}.get(kind, "c")
        points.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            shape += "h"
            points.append(points[0])
    if shape:
        yield shape, points


def _path_kind(shape: str, points: list[tuple[float, float]]) -> Optional[str]:
    """"line", "rect" or "curve", as pdfminer names a subpath; None for one that draws nothing."""
    if not shape.startswith("m") or len(points) < 2:
        return None
    if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
        shape, points = shape[:-2] + "h", points[:-2] + points[-1:]  # a last side drawn, then closed
    if shape in ("mlh", "ml"):
        return "line"
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if points[0] == points[4] and square:
            return "rect"
    return "curve"


def _drawn(kind: str, points: list[tuple[float, float]], height: float) -> dict:
    """A drawing as pdfplumber's object: its box from the top of the page, its points too (its
    `doctop` as on a first page: the table finder reads only the page's own coordinates)."""
    x0, x1 = min(p[0] for p in points), max(p[0] for p in points)
    y0, y1 = min(p[1] for p in points), max(p[1] for p in points)
    return {"object_type": kind, "x0": x0, "x1": x1, "y0": y0, "y1": y1, "width": x1 - x0, "height": y1 - y0,
            "top": height - y1, "bottom": height - y0, "doctop": height - y1,
            "pts": [(x, height - y) for x, y in points]}


_SHORTEST_RULE = pdfplumber.table.TableSettings().edge_min_length_prefilter  # the « lines » strategy's


def _layout_chars(page: pdfplumber.page.Page) -> list[dict]:
    """The page's characters as pdfplumber's `page.chars` gives them, with only what
    word grouping reads: text, box, upright, font name and size.

    `page.chars` resolves every attribute of every character (colours, graphic
    state, marked content…) and was two thirds of the time of reading a page's
    words; pdfminer's layout, which it is built from, is read here directly, with
    pdfplumber's own coordinates (top from the page's top edge, MediaBox offset)."""
    chars = []
    mediabox_top = page.mediabox[1]
    for obj in _layout_objects(page):
        if isinstance(obj, LTChar):
            fontname = obj.fontname
            top = page.height - obj.y1 + mediabox_top
            chars.append({"text": obj.get_text(), "x0": obj.x0, "x1": obj.x1, "top": top,
                          "bottom": page.height - obj.y0 + mediabox_top, "doctop": page.initial_doctop + top,
                          "upright": obj.upright, "size": obj.size,
                          "fontname": fontname.decode("latin-1") if isinstance(fontname, bytes) else fontname})
    return chars


def _layout_objects(page: pdfplumber.page.Page) -> Iterable[Any]:
    """The leaves of the page's pdfminer layout (characters, lines, rectangles, curves, images)
    in pdfplumber's order, figures opened."""
    stack = list(reversed(page.layout._objs))
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTContainer):
            stack.extend(reversed(obj._objs))
        else:
            yield obj


def _base_font(fontname: str) -> str:
    """Font name without its subset tag: "ABCDEF+Arial-BoldMT" -> "Arial-BoldMT"."""
    return re.sub(r"^[A-Z]{6}\+", "", fontname)


class PdfPage(Page):
    """A Page of a PDF whose `words` are read from the PDF the first time they are asked for."""

    def __init__(self, number: int, char_start: int, char_end: int, has_text_layer: bool, source: PdfWords,
                 running_lines: Optional[list[str]] = None, ocr: bool = False):
        super().__init__(number, char_start, char_end, has_text_layer=has_text_layer, ocr=ocr,
                         running_lines=running_lines or [])
        self._source: Optional[PdfWords] = source
        self._words: Optional[list[Word]] = None  # not read yet
        self._tables: Optional[list[RuledTable]] = None

    @property
    def words(self) -> list[Word]:
        if self._words is None:
            self._words = self._source.of_page(self.number) if self._source else []
        return self._words

    @words.setter
    def words(self, words: list[Word]) -> None:  # Page.__init__ and callers may set them
        self._words = words

    @property
    def tables(self) -> list[RuledTable]:
        """Read on first use, like the words: finding rules costs about as much as reading words."""
        if self._tables is None:
            self._tables = self._source.tables_of_page(self.number) if self._source else []
        return self._tables

    @tables.setter
    def tables(self, tables: list[RuledTable]) -> None:
        self._tables = tables

    def __getstate__(self) -> dict:
        # A page sent to another process takes its words along, not the PDF; its tables
        # only when a stage read them (the stages run before pages travel).
        return {**self.__dict__, "_words": self.words, "_tables": self._tables or [], "_source": None}


# --------------------------------------------------------------------------
# Pages without text
# --------------------------------------------------------------------------

def _ocr_limit(ocr_max_pages: Optional[int]) -> int:
    if ocr_max_pages is not None:
        return ocr_max_pages
    value = os.environ.get(OCR_MAX_PAGES_VARIABLE, "").strip()
    return int(value) if value.isdigit() else OCR_MAX_PAGES


def _read_scans(pdf: pdfium.PdfDocument, raw_pages: list[_RawPage], doc: Document,
                ocr_max_pages: Optional[int]) -> None:
    """OCR the scanned pages, or note on each why it stays without text."""
    scans = [p for p in raw_pages if p.scanned]
    if not scans:
        return
    missing = missing_ocr()
    if missing:
        for page in scans:
            page.unread_because, page.unread_problem = missing, errors.PAGES_OCR_UNAVAILABLE
        return
    limit = _ocr_limit(ocr_max_pages)
    for page in scans[limit:]:
        page.unread_because = (f"not read: OCR stops after {limit} pages per document "
                               f"(set {OCR_MAX_PAGES_VARIABLE} to read more)")
        page.unread_problem = errors.PAGES_OCR_LIMIT
    for page in scans[:limit]:
        try:
            # the page is rendered with its thin text layer (an ACTES stamp): OCR reads both
            page.lines = _lines(ocr_page(pdf[page.number - 1]))
        except OcrError as exc:
            page.unread_because = f"OCR failed on {{it}} ({exc})"
            continue
        page.ocr = True
    read = [p.number for p in scans if p.ocr and p.has_text]
    if read:
        doc.ocr = True
        doc.warnings.append(f"{_pages_have(read)} no text layer: read by OCR (Tesseract, French); "
                            "names and figures may be misread")
    blank = [p.number for p in scans if p.ocr and not p.has_text]
    if blank:
        # A picture without writing (a blank page scanned, a signature, a logo): nothing was lost.
        doc.warnings.append(f"{_pages_have(blank)} no text layer and OCR found no text on "
                            f"{'it' if len(blank) == 1 else 'them'}")


def _check_has_text(raw_pages: list[_RawPage], n_pages: int) -> None:
    if any(p.has_text for p in raw_pages):
        return
    scans = [p for p in raw_pages if p.scanned]
    if scans:
        reason = scans[0].unread_because.format(it="it") or "OCR found no text in it"
        unavailable = scans[0].unread_problem == errors.PAGES_OCR_UNAVAILABLE
        problem = errors.SCAN_OCR_UNAVAILABLE if unavailable else errors.SCAN_OCR_FAILED
        if reason == INSTALL_TESSERACT.format(it="it"):
            raise IngestError(problem.tag(SCAN_MESSAGE))
        raise IngestError(problem.tag(f"no text layer: the PDF is a scanned image; {reason}"))
    if any(p.error for p in raw_pages):
        first_error = next(p.error for p in raw_pages if p.error)
        raise IngestError(errors.DAMAGED_PDF.tag(f"the PDF is damaged or truncated: no page could be read "
                                                 f"({first_error})"))
    raise IngestError(errors.NO_TEXT.tag(f"the PDF has no text: its {n_pages} page(s) are empty"))


def _page_list(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def _pages_have(numbers: list[int]) -> str:
    return f"page {numbers[0]} has" if len(numbers) == 1 else f"pages {_page_list(numbers)} have"


def _unreadable_pages(raw_pages: list[_RawPage]) -> list[str]:
    """Pages whose content was lost: scans that could not be read, damaged content."""
    problems = []
    unread: dict[tuple[str, errors.Problem], list[int]] = {}
    for page in raw_pages:
        if page.scanned and not page.has_text and not page.ocr:
            unread.setdefault((page.unread_because, page.unread_problem), []).append(page.number)
    for (reason, problem), numbers in unread.items():
        scanned = "(scanned image)" if len(numbers) == 1 else "(scanned images)"
        because = reason.format(it="it" if len(numbers) == 1 else "them")
        problems.append(problem.tag(f"{_pages_have(numbers)} no text layer {scanned}"
                                    + (f"; {because}" if because else "")))
    for page in raw_pages:
        if page.error:
            problems.append(errors.PAGE_DAMAGED.tag(f"page {page.number} could not be read "
                                                    f"(damaged content: {page.error})"))
    return problems


def _empty_pages(raw_pages: list[_RawPage]) -> list[str]:
    blank = [p.number for p in raw_pages if not p.has_text and not p.error and not p.has_images]
    if not blank:
        return []
    return [f"page {blank[0]} is empty" if len(blank) == 1 else f"pages {_page_list(blank)} are empty"]


def line_key(line: str) -> str:
    """A line with digits masked and spacing/case ignored: "Page 4 sur 16" -> "page # sur #"."""
    line = unicodedata.normalize("NFKC", line).lower()
    line = re.sub(r"\d+", "#", line)
    return re.sub(r"\s+", " ", line).strip()


def _edges(lines: list[str]) -> tuple[list[int], list[int]]:
    """Indexes of the first and last EDGE_LINES non-blank lines."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return filled[:EDGE_LINES], filled[-EDGE_LINES:]


def _running_keys(raw_pages: list[_RawPage]) -> tuple[set[str], set[str]]:
    """Keys of the lines that recur at the top / at the bottom of most text pages."""
    text_pages = [p for p in raw_pages if p.has_text]
    seen: dict[str, dict[str, list[tuple[int, str]]]] = {"top": {}, "bottom": {}}
    for page in text_pages:
        top, bottom = _edges(page.lines)
        for edge, indexes in (("top", top), ("bottom", bottom)):
            for key, line in {line_key(page.lines[i]): page.lines[i] for i in indexes}.items():
                seen[edge].setdefault(key, []).append((page.number, line))
    needed = max(2, RUNNING_SHARE * len(text_pages))
    in_body = _body_keys(text_pages)
    return tuple(
        {key for key, occurrences in seen[edge].items()
         if key and key not in in_body and len(occurrences) >= needed and _is_running(occurrences)}
        for edge in ("top", "bottom")
    )


def _body_keys(text_pages: list[_RawPage]) -> set[str]:
    """Keys of the lines printed away from the pages' edges. A line that also stands in
    the body is content even when it often ends a page (« La délibération est adoptée à
    l'unanimité » closing the last item of most pages of a compte rendu)."""
    keys = set()
    for page in text_pages:
        top, bottom = _edges(page.lines)
        edges = set(top) | set(bottom)
        keys.update(line_key(line) for i, line in enumerate(page.lines) if i not in edges and line.strip())
    return keys


def _is_running(occurrences: list[tuple[int, str]]) -> bool:
    """Lines alike once digits are masked are running when they are the very same line
    (a running title) or when their number follows the page number ("Page 4 sur 16").

    Headings that differ only by their number ("Délibération n° 2025-031", "… 2025-032")
    are content and stay.
    """
    if len({collapse_spaces(line) for _, line in occurrences}) == 1:
        return True
    offsets: Counter = Counter()
    for page_number, line in occurrences:
        numbers = [int(n) for n in re.findall(r"\d+", line)]
        offsets.update({(j, n - page_number) for j, n in enumerate(numbers)})
    if not offsets:
        return False
    (_, offset), count = offsets.most_common(1)[0]
    if count < 0.8 * len(occurrences):
        return False
    # "Délibération n° 31" on page 1, "n° 32" on page 2 also follows the pages: a printed
    # page number is the page's own, give or take a cover page or two, unless the line is
    # nothing but a page number ("Page 37 sur 120" in an excerpt).
    return abs(offset) <= 2 or all(PAGE_NUMBER_LINE.match(line) for _, line in occurrences)


def collapse_spaces(line: str) -> str:
    return " ".join(line.split())


def _is_own_page_number(line: str, page_number: int) -> bool:
    """A lone page number, for documents too short for the recurrence test ("3" on page 3)."""
    m = PAGE_NUMBER_LINE.match(line)
    return bool(m) and int(m.group(1)) == page_number


def running_edges(lines: list[str], top_running: Callable[[str], bool],
                  bottom_running: Callable[[str], bool]) -> set[int]:
    """Indexes of a page's running lines: from each edge inwards (EDGE_LINES at most), the lines
    that are running, up to the first one that is not — a line of body text that happens to
    match further in is left alone."""
    top, bottom = _edges(lines)
    drop = set()
    for indexes, running in ((top, top_running), (reversed(bottom), bottom_running)):
        for i in indexes:
            if not running(lines[i]):
                break
            drop.add(i)
    return drop


def _drop_running_lines(raw_pages: list[_RawPage]) -> None:
    """Take running headers/footers and page numbers out of each page's lines (not its words),
    and keep them in `running`: the stages that read the words leave the same lines out."""
    top_keys, bottom_keys = _running_keys(raw_pages)
    for page in raw_pages:
        drop = running_edges(
            page.lines,
            lambda line: line_key(line) in top_keys or _is_own_page_number(line, page.number),
            lambda line: line_key(line) in bottom_keys or _is_own_page_number(line, page.number))
        if len(drop) < sum(1 for line in page.lines if line.strip()):  # never a page's only text
            page.running = [line for i, line in enumerate(page.lines) if i in drop]
            page.lines = [line for i, line in enumerate(page.lines) if i not in drop]


# --------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------

def _assemble(raw_pages: list[_RawPage], doc: Document, words: PdfWords) -> None:
    """Join the pages' normalised text with a blank line between pages; record each page's span."""
    parts: list[str] = []
    offset = 0
    pages: list[Page] = []
    for raw in raw_pages:
        text = normalize_text("\n".join(raw.lines)) if raw.has_text else ""
        if text and parts:
            parts.append(PAGE_SEPARATOR)
            offset += len(PAGE_SEPARATOR)
        start = offset
        if text:
            parts.append(text)
            offset += len(text)
        pages.append(PdfPage(number=raw.number, char_start=start, char_end=offset,
                             has_text_layer=raw.text_layer, source=words, running_lines=raw.running,
                             ocr=raw.ocr and raw.has_text))
    doc.text = "".join(parts)
    doc.pages = pages
