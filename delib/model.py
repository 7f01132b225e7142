"""The typed hand-offs between stages.

ingest -> Document -> segment -> list[Segment] -> extract -> Extraction -> tables.
Every extracted value keeps its provenance: the document, a character span in
`Document.text` (the text written to `text/<doc_id>.txt`) and the page it falls on.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Optional


@dataclass(frozen=True)
class Word:
    """A word of a PDF page as pdfplumber sees it (coordinates in PDF points, top-left origin)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int  # 1-based
    fontname: str = ""
    size: float = 0.0

    @property
    def bold(self) -> bool:
        return "bold" in self.fontname.lower()


@dataclass
class Page:
    """One page of the document: where its text lies in `Document.text`."""

    number: int  # 1-based, as printed order in the file
    char_start: int
    char_end: int
    words: list[Word] = field(default_factory=list)
    has_text_layer: bool = True


@dataclass
class Document:
    """The output of ingest: the document's clean text, its pages and their words."""

    doc_id: str
    source_path: str
    file_name: str
    format: str
    text: str = ""
    pages: list[Page] = field(default_factory=list)
    n_pages: Optional[int] = None  # PDF pages; None for plain text
    ocr: bool = False
    encoding: Optional[str] = None
    warnings: list[str] = field(default_factory=list)  # notes for the reader (guessed encoding…)
    problems: list[str] = field(default_factory=list)  # parts that could not be read: status partial

    def page_at(self, offset: int) -> Optional[int]:
        """The page number holding character `offset`, or None when the text has no pages."""
        if not self.pages:
            return None
        i = bisect.bisect_right(self.pages, offset, key=lambda p: p.char_start) - 1
        return self.pages[max(i, 0)].number


@dataclass
class Segment:
    """A node of the document's structure tree, spanning [char_start, char_end) of the text."""

    segment_id: str
    kind: str
    char_start: int
    char_end: int
    parent_id: Optional[str] = None
    number: Optional[str] = None
    title: Optional[str] = None
    page_start: Optional[int] = None
    page_end: Optional[int] = None
    heading_end: Optional[int] = None  # end of the heading line(s) inside the span
    label: Optional[str] = None  # the document's own word for it (« Orientation », « Fiche action »)


@dataclass
class Mention:
    """Something a reader would underline: a date, a sum, an entity…

    `value` holds the normalised value; `attrs` what else the extractor knows
    (granularity, role, period, label, source…).
    """

    kind: str  # date, amount, entity
    text: str
    char_start: int
    char_end: int
    value: Any = None
    attrs: dict[str, Any] = field(default_factory=dict)
    page: Optional[int] = None
    segment_id: Optional[str] = None


@dataclass
class Deliberation:
    """One item the assembly decided on, with its vote and attendance in force."""

    deliberation_id: str
    char_start: int
    char_end: int
    segment_id: Optional[str] = None
    fields: dict[str, Any] = field(default_factory=dict)  # contract columns: numero, objet, pour, …
    attendance: list[dict[str, Any]] = field(default_factory=list)  # person, civilite, qualite, status, mandataire


@dataclass
class Check:
    """A self-check of the document that failed: what its own words said versus what was found."""

    check: str
    expected: Any
    found: Any
    message: str
    item_id: Optional[str] = None


@dataclass
class Extraction:
    """The output of extract for one document."""

    doc_type: str = "autre"
    title: Optional[str] = None
    collectivites: list[str] = field(default_factory=list)
    declared_axes: Optional[int] = None
    declared_actions: Optional[int] = None
    mentions: list[Mention] = field(default_factory=list)
    deliberations: list[Deliberation] = field(default_factory=list)
    actions: dict[str, dict[str, Any]] = field(default_factory=dict)  # segment_id -> form fields
    services: list[dict[str, Any]] = field(default_factory=list)  # action_id, collectivite, service, service_label
    checks: list[Check] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # extractors that failed: status partial


@dataclass
class DocResult:
    """Everything one input produced, or why it failed. One per input file, always."""

    doc_id: str
    source_path: str
    file_name: str
    format: str
    status: str = "ok"  # ok, partial, error
    error: Optional[str] = None
    document: Optional[Document] = None
    segments: list[Segment] = field(default_factory=list)
    extraction: Extraction = field(default_factory=Extraction)
    seconds: float = 0.0
