"""Every problem délib reports about a document, with a short code that does not change.

A message keeps its words and gains its code in front: « [E003] the PDF is
password-protected: … ». A batch user filters `documents.error_codes` (« E003 »,
« W010;W012 ») and `checks.code` by cause instead of matching words that may be
reworded. E0xx: the document could not be read (status `error`); W0xx: something
of it was lost (status `partial`); C0xx: the checks of the `checks` table.

A code, once given, keeps its meaning: a problem that goes away leaves its number
unused. README.md lists them all (tests/test_errors.py keeps that list equal to this one).

Layer-free like delib/model.py: it imports nothing from délib, so every layer may use it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Problem:
    """A kind of problem: its code, what it means, what a user can do about it."""

    code: str
    meaning: str
    todo: str

    def tag(self, message: str) -> str:
        """`message` with this problem's code in front."""
        return f"[{self.code}] {message}"


# --- The document could not be read (status `error`) --------------------------

UNSUPPORTED_TYPE = Problem("E001", "unsupported file type (by its name's suffix)",
                           "convert it to PDF, text, Markdown or HTML")
NOT_REGULAR_FILE = Problem("E002", "not a regular file: a named pipe, a socket, a device or a folder",
                           "give the file itself")
ENCRYPTED_PDF = Problem("E003", "the PDF is password-protected or encrypted with a method that cannot be read",
                        "ask for an unprotected copy")
TOO_LARGE = Problem("E004", "the file is too large (any file over 512 MB, a text over 20 MB)",
                    "split it into its documents")
CANNOT_READ = Problem("E005", "the file cannot be read (permission denied, dangling link, I/O error)",
                      "check the file's permissions and the disk")
EMPTY_FILE = Problem("E006", "empty file", "check the download or the copy")
NOT_A_PDF = Problem("E007", "a .pdf file that is not a PDF (a web page, a truncated download)",
                    "download the document again")
DAMAGED_PDF = Problem("E008", "the PDF is damaged or truncated", "download or copy the document again")
BINARY_DATA = Problem("E009", "binary data, not text (an image, an archive, a Word file renamed)",
                      "convert it to PDF or text")
NO_TEXT = Problem("E010", "no text could be extracted: empty pages, only markup or blank lines",
                  "check the source document")
SCAN_OCR_UNAVAILABLE = Problem("E011", "a scanned PDF, and OCR is not installed",
                               "install Tesseract with its French data, and pytesseract")
SCAN_OCR_FAILED = Problem("E012", "a scanned PDF that OCR could not read (failed, found no text, page limit)",
                          "check the scan; raise DELIB_OCR_MAX_PAGES if its pages were not read")
READER_FAILED = Problem("E013", "the reader failed on the file (a bug of délib or of a PDF library)",
                        "report it with the file")
TIMEOUT = Problem("E020", "processing took longer than the time allowed to one document",
                  "raise the limit with --timeout")
MEMORY_LIMIT = Problem("E021", "the document needs more memory than a worker may use",
                       "raise the limit with --max-memory")
WORKER_CRASHED = Problem("E022", "the process reading the file died (out of memory, a crash inside a PDF library)",
                         "run it again alone; report it with the file if it happens again")
LINK_NOT_FOLLOWED = Problem("E023", "a symbolic link out of the input folders, not followed",
                            "use --follow-links, or give its target")

# --- Part of the document was lost (status `partial`) --------------------------

PAGES_OCR_UNAVAILABLE = Problem("W001", "scanned pages left unread: OCR is not installed",
                                "install Tesseract with its French data, and pytesseract")
PAGES_OCR_FAILED = Problem("W002", "scanned pages that OCR failed to read", "check the scan")
PAGES_OCR_LIMIT = Problem("W003", "scanned pages past the OCR limit per document, left unread",
                          "raise DELIB_OCR_MAX_PAGES")
PAGE_DAMAGED = Problem("W004", "a page could not be read (damaged content)", "check that page of the PDF")
STRUCTURE_FAILED = Problem("W010", "finding the structure or extracting failed: tables lack some of the document's rows",
                           "report it with the file")
ENTITIES_FAILED = Problem("W011", "the entities extraction failed", "report it with the file")
EXTRACTOR_FAILED = Problem("W012", "an extractor failed (glossary, dates, amounts, action forms, a deliberation)",
                           "report it with the file")

PROBLEMS: list[Problem] = [value for value in dict(globals()).values() if isinstance(value, Problem)]

# A code at the start of a message, or of a problem after the « ; » that joins them.
_CODE = re.compile(r"(?:^|; )\[([EW]\d{3})\] ")


def codes_in(error: Optional[str]) -> list[str]:
    """The problems' codes in a `documents.error` message, each once, in order."""
    return list(dict.fromkeys(_CODE.findall(error or "")))


# The extraction stages (delib/extract/document.py) word their failures
# « <what> extraction failed: … »; `what` names the extractor.
_EXTRACTION_FAILED = " extraction failed: "


def extraction_problem(message: str) -> str:
    """A failure reported by the extraction stages, with its code in front."""
    what = message.split(_EXTRACTION_FAILED, 1)[0] if _EXTRACTION_FAILED in message else ""
    return (ENTITIES_FAILED if what == "entities" else EXTRACTOR_FAILED).tag(message)


# --- The checks table -----------------------------------------------------------

@dataclass(frozen=True)
class CheckCode:
    """The code of a kind of check: exact `name`, or every name that starts with `name`
    when it ends with « _ » (« numbering_ »)."""

    code: str
    name: str
    meaning: str
    todo: str


CHECKS: list[CheckCode] = [
    CheckCode("C001", "tally_vs_votants", "pour + contre + abstentions do not add up to the votants printed",
              "read the vote on the page"),
    CheckCode("C002", "presence_vs_votants", "présents + représentés differ from the votants printed",
              "read the attendance on the page"),
    CheckCode("C003", "attendance_vs_en_exercice",
              "présents, représentés, excusés and absents do not add up to the members en exercice",
              "read the attendance on the page"),
    CheckCode("C004", "vote_effectif_lt_vote_reel", "more votes cast than members en exercice",
              "read the vote on the page"),
    CheckCode("C005", "names_vs_", "a list of names holds more or fewer names than its printed count",
              "compare the list with the count on the page"),
    CheckCode("C010", "declared_", "the document announces more or fewer axes or actions than were found",
              "compare the plan's summary with its parts"),
    CheckCode("C011", "numbering_", "actions numbered with a gap, a repeat, or under another action",
              "read the plan's numbering"),
    CheckCode("C012", "form_ambiguous", "an action form's values could be paired with their labels another way",
              "read the form on the page"),
]


def check_code(name: Optional[str]) -> Optional[str]:
    """The code of a check's name, or None for a name not listed here."""
    for entry in CHECKS:
        if name == entry.name or (entry.name.endswith("_") and (name or "").startswith(entry.name)):
            return entry.code
    return None
