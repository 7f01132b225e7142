"""OCR of PDF pages that have no text layer (scans), with Tesseract in French.

A page is rendered with pypdfium2 at 300 dpi in grayscale — Tesseract reads
printed text best at 300 dpi, and colour adds nothing to black type — then
read by `pytesseract` with the `fra` language data, which knows accents,
« » and the ligature œ.

Tesseract is a program of the system, not a Python package: when it (or its
French data, or the pytesseract wrapper) is missing, `missing_ocr()` says what
to install, and the PDF reader turns that into the document's error or problem.
"""
from __future__ import annotations

import functools
import os
import subprocess
from typing import Optional

LANGUAGE = "fra"
DPI = 300
# A page is rendered at most this big: an A2 page at 300 dpi (35 M pixels, as many bytes in
# grayscale; an A4 is 8.7 M). A bigger page is rendered at a lower resolution, down to
# MIN_DPI, below which type is too small to read: such a page (a poster, a plan, a hostile
# 5-metre page) is refused before anything is rendered.
MAX_PIXELS = 36_000_000
MIN_DPI = 150
# Page segmentation mode 4, "a single column of text of variable sizes": Tesseract reads
# the page row by row, as the text-layer reader does, so a compte-rendu's rapporteur
# column stays beside its items (« Serge 4 Aire piétonne… » / « FLEURENCE la mise en
# service… », corpus montpellier 2011-03-28). The default (3) reads each column as a
# block of its own, which cut the items from their numbers; 6 lost the title beside a logo.
TESSERACT_CONFIG = "--psm 4"

# What to say when OCR cannot run; `{it}` is "it" (the PDF) or "them" (its pages).
INSTALL_TESSERACT = "install Tesseract to read {it} (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-fra)"
INSTALL_PYTESSERACT = ("install Tesseract and the Python package pytesseract to read {it} "
                       "(Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-fra; pip install pytesseract)")


class OcrError(Exception):
    """Tesseract failed on one page; the message is meant for a person."""


def _pytesseract():
    try:
        import pytesseract
    except ImportError:
        return None
    return pytesseract


def missing_ocr() -> Optional[str]:
    """None when pages can be OCR'd; otherwise what to install, with `{it}` left to fill."""
    pytesseract = _pytesseract()
    if pytesseract is None:
        return INSTALL_PYTESSERACT
    if LANGUAGE not in tesseract_languages(pytesseract.pytesseract.tesseract_cmd):
        return INSTALL_TESSERACT
    return None


@functools.lru_cache(maxsize=8)
def tesseract_languages(tesseract_cmd: str) -> frozenset[str]:
    """The languages the Tesseract program `tesseract_cmd` can read; empty when it cannot be run.

    Asked once per program: pytesseract's own `get_languages` would start Tesseract
    again for every document.
    """
    try:
        listing = subprocess.run([tesseract_cmd, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    if listing.returncode != 0:
        return frozenset()
    # The first line is a title: 'List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (3):'
    return frozenset(line.strip() for line in listing.stdout.splitlines()[1:] if line.strip())


def ocr_resolution(width_pt: float, height_pt: float, dpi: float = DPI) -> float:
    """The resolution to render a page of this size at: `dpi`, or less for a page that would
    exceed MAX_PIXELS; OcrError for a page too big to read even at MIN_DPI."""
    largest = (MAX_PIXELS / max(width_pt * height_pt, 1.0)) ** 0.5 * 72
    if largest >= dpi:
        return dpi
    if largest < MIN_DPI:
        raise OcrError(f"page too large to read by OCR ({width_pt / 72 * 2.54:.0f} × "
                       f"{height_pt / 72 * 2.54:.0f} cm)")
    return largest


def ocr_page(page, dpi: int = DPI) -> str:
    """The text Tesseract reads on a pypdfium2 page (raw: the caller normalises it).

    Raises OcrError when the page cannot be rendered or Tesseract fails on it.
    """
    dpi = ocr_resolution(*page.get_size(), dpi)
    pytesseract = _pytesseract()
    # Tesseract's own threads (OpenMP) slow it down when pages or documents already run
    # side by side: on 2 cores, 4 pages of the Corte scan took 26 s with them, 16 s without.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        return pytesseract.image_to_string(image, lang=LANGUAGE, config=TESSERACT_CONFIG)
    except Exception as exc:  # noqa: BLE001 - TesseractError, a render failure…: this page only
        text = str(exc).strip()
        raise OcrError(f"{type(exc).__name__}: {text}" if text else type(exc).__name__) from exc
