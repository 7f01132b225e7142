"""PDF bytes -> Document: clean text, pages with offsets, words with coordinates.

One pass over the pages with pdfplumber: each page gives its text (normalised)
and its words (with position, font name and size). Running headers and
footers — a line that comes back at the top or bottom of most pages once its
digits are masked ("Page 4 sur 16", the convention's title, a lone "7") — are
taken out of the text, since they would cut sentences and sections in two;
the words keep them, and page numbers live on in `doc.pages`.
"""
from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFNoValidXRef, PDFPasswordIncorrect
from pdfminer.pdfexceptions import PDFException
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psexceptions import PSEOF, PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from pipeline.ingest import IngestError
from pipeline.ingest.normalize import normalize_text
from pipeline.model import Document, Page, Word

# pdfplumber's defaults, written out. Words are split on the space characters
# first; the tolerance only matters for PDFs that place words without spaces.
# 1.5 pt gave the same words as 3 pt on every text PDF of the corpus, so the
# well-trodden default stays.
X_TOLERANCE = 3
Y_TOLERANCE = 3

# Lines looked at, at each edge of a page, when hunting running headers/footers.
EDGE_LINES = 3
# A line is "running" when it comes back on at least this share of the pages (and on two at least).
RUNNING_SHARE = 0.4

# A line that is only a page number: "7", "- 7 -", "7/16", "Page 7 sur 16", "p. 7".
PAGE_NUMBER_LINE = re.compile(
    r"^[\s\-–—.]*(?:page|p\.)?\s*(\d{1,4})\s*(?:(?:/|sur|de|of)\s*\d{1,4})?[\s\-–—.]*$", re.IGNORECASE
)

PAGE_SEPARATOR = "\n\n"

SCAN_MESSAGE = "no text layer: the PDF is a scanned image; OCR (Tesseract) is needed to read it"


@dataclass
class _RawPage:
    """What one pass over a PDF page keeps: its lines, its words, whether it holds images."""

    number: int
    lines: list[str]
    words: list[Word] = field(default_factory=list)
    has_images: bool = False
    error: Optional[str] = None

    @property
    def has_text(self) -> bool:
        return bool(self.words)


def read_pdf(data: bytes, doc: Document, max_pages: Optional[int] = None) -> None:
    """Fill `doc` from the bytes of a PDF. `max_pages` reads only the first pages (all by default).

    Raises IngestError when the PDF is protected, damaged, or has no text at all.
    """
    raw_pages, n_pages = _read_pages(data, max_pages)
    doc.n_pages = n_pages
    doc.format = doc.format or "pdf"
    _check_has_text(raw_pages, n_pages)
    doc.problems.extend(_unreadable_pages(raw_pages))
    doc.warnings.extend(_empty_pages(raw_pages))
    if len(raw_pages) < n_pages:
        doc.warnings.append(f"only the first {len(raw_pages)} of {n_pages} pages were read")
    _drop_running_lines(raw_pages)
    _assemble(raw_pages, doc)


# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------

def _read_pages(data: bytes, max_pages: Optional[int]) -> tuple[list[_RawPage], int]:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - every failure becomes a readable IngestError
        raise _explain(exc) from exc
    with pdf:
        try:
            pages = pdf.pages
        except Exception as exc:  # noqa: BLE001
            raise _explain(exc) from exc
        if not pages:
            raise IngestError("the PDF is damaged or truncated: no page could be found in it")
        raw_pages = [_read_page(page) for page in pages[: max_pages or None]]
    if all(p.error for p in raw_pages):
        raise IngestError(f"the PDF is damaged or truncated: no page could be read ({raw_pages[0].error})")
    return raw_pages, len(pages)


def _read_page(page) -> _RawPage:
    """Text lines and words of one page; a page that fails is kept empty with its reason."""
    number = page.page_number
    try:
        text = page.extract_text(x_tolerance=X_TOLERANCE, y_tolerance=Y_TOLERANCE) or ""
        words = [
            Word(text=w["text"], x0=w["x0"], x1=w["x1"], top=w["top"], bottom=w["bottom"], page=number,
                 fontname=_base_font(w.get("fontname", "")), size=round(float(w.get("size", 0.0)), 2))
            for w in page.extract_words(x_tolerance=X_TOLERANCE, y_tolerance=Y_TOLERANCE,
                                        extra_attrs=["fontname", "size"])
        ]
        has_images = bool(page.images)
        return _RawPage(number, text.split("\n"), words, has_images)
    except Exception as exc:  # noqa: BLE001
        # Mostly PdfminerException / PDFException / PSException, but pdfminer also lets
        # plain KeyError, TypeError, AssertionError… out of broken content streams.
        # One bad page must not lose the others.
        return _RawPage(number, [], error=_reason(exc))
    finally:
        page.close()  # flush the page's cached objects: memory stays flat on long documents


def _base_font(fontname: str) -> str:
    """Font name without its subset tag: "ABCDEF+Arial-BoldMT" -> "Arial-BoldMT"."""
    return re.sub(r"^[A-Z]{6}\+", "", fontname)


def _unwrap(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's exception in PdfminerException(inner)."""
    while isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]
    return exc


def _reason(exc: BaseException) -> str:
    inner = _unwrap(exc)
    text = str(inner).strip()
    return f"{type(inner).__name__}: {text}" if text else type(inner).__name__


def _explain(exc: BaseException) -> IngestError:
    """A pdfminer/pdfplumber failure as a message a person understands."""
    inner = _unwrap(exc)
    if isinstance(inner, PDFPasswordIncorrect):
        return IngestError("the PDF is password-protected: it cannot be opened without its password "
                           "(ask for an unprotected copy)")
    if isinstance(inner, PDFEncryptionError):
        return IngestError(f"the PDF is encrypted with a method that cannot be read ({_reason(inner)}); "
                           "ask for an unprotected copy")
    if isinstance(inner, (PSEOF, EOFError)):
        return IngestError(f"the PDF is damaged or truncated: the file stops before its end "
                           f"(incomplete download or copy?) [{_reason(inner)}]")
    if isinstance(inner, PDFNoValidXRef):
        return IngestError(f"the PDF is damaged or truncated: its index of objects is missing or broken "
                           f"[{_reason(inner)}]")
    if isinstance(inner, (PDFSyntaxError, PSException, PDFException, MalformedPDFException)):
        return IngestError(f"the PDF is damaged or truncated: its structure cannot be read [{_reason(inner)}]")
    return IngestError(f"the PDF is damaged or truncated, or uses a feature the reader does not know: "
                       f"{_reason(inner)}")


# --------------------------------------------------------------------------
# Pages without text
# --------------------------------------------------------------------------

def _check_has_text(raw_pages: list[_RawPage], n_pages: int) -> None:
    if any(p.has_text for p in raw_pages):
        return
    if any(p.has_images for p in raw_pages):
        raise IngestError(SCAN_MESSAGE)
    if any(p.error for p in raw_pages):
        first_error = next(p.error for p in raw_pages if p.error)
        raise IngestError(f"the PDF is damaged or truncated: no page could be read ({first_error})")
    raise IngestError(f"the PDF has no text: its {n_pages} page(s) are empty")


def _page_list(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def _unreadable_pages(raw_pages: list[_RawPage]) -> list[str]:
    """Pages whose content was lost: scanned images, damaged content."""
    problems = []
    scanned = [p.number for p in raw_pages if not p.has_text and not p.error and p.has_images]
    if scanned:
        problems.append(f"page {scanned[0]} has no text layer (scanned image)" if len(scanned) == 1 else
                        f"pages {_page_list(scanned)} have no text layer (scanned images)")
    for page in raw_pages:
        if page.error:
            problems.append(f"page {page.number} could not be read (damaged content: {page.error})")
    return problems


def _empty_pages(raw_pages: list[_RawPage]) -> list[str]:
    blank = [p.number for p in raw_pages if not p.has_text and not p.error and not p.has_images]
    if not blank:
        return []
    return [f"page {blank[0]} is empty" if len(blank) == 1 else f"pages {_page_list(blank)} are empty"]


def _line_key(line: str) -> str:
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
            for key, line in {_line_key(page.lines[i]): page.lines[i] for i in indexes}.items():
                seen[edge].setdefault(key, []).append((page.number, line))
    needed = max(2, RUNNING_SHARE * len(text_pages))
    return tuple(
        {key for key, occurrences in seen[edge].items()
         if key and len(occurrences) >= needed and _is_running(occurrences)}
        for edge in ("top", "bottom")
    )


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


def _drop_running_lines(raw_pages: list[_RawPage]) -> None:
    """Take running headers/footers and page numbers out of each page's lines (not its words)."""
    top_keys, bottom_keys = _running_keys(raw_pages)
    for page in raw_pages:
        top, bottom = _edges(page.lines)
        drop = set()
        # Walk inwards from each edge and stop at the first line that is not running:
        # a line of body text that happens to match further in is left alone.
        for indexes, keys in ((top, top_keys), (reversed(bottom), bottom_keys)):
            for i in indexes:
                line = page.lines[i]
                if _line_key(line) in keys or _is_own_page_number(line, page.number):
                    drop.add(i)
                else:
                    break
        page.lines = [line for i, line in enumerate(page.lines) if i not in drop]


# --------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------

def _assemble(raw_pages: list[_RawPage], doc: Document) -> None:
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
        pages.append(Page(number=raw.number, char_start=start, char_end=offset, words=raw.words,
                          has_text_layer=raw.has_text))
    doc.text = "".join(parts)
    doc.pages = pages
