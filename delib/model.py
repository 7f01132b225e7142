"""The typed hand-offs between stages.

ingest -> Document -> segment -> list[Segment] -> extract -> Extraction -> tables.
Every extracted value keeps its provenance: the document, a character span in
`Document.text` (the text written to `text/<doc_id>.txt`) and the page it falls on.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, ClassVar, Optional


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


Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, top-left origin


@dataclass(frozen=True)
class RuledTable:
    """A table drawn with rules on a PDF page (pdfplumber's table finder): its cells' boxes row
    by row, top to bottom and left to right; None where a merged cell spans the place."""

    page: int
    rows: tuple[tuple[Optional[Box], ...], ...]

    @property
    def top(self) -> float:
        return min(cell[1] for row in self.rows for cell in row if cell)


@dataclass
class Page:
    """One page of the document: where its text lies in `Document.text`."""

    number: int  # 1-based, as printed order in the file
    char_start: int
    char_end: int
    words: list[Word] = field(default_factory=list)
    has_text_layer: bool = True
    ocr: bool = False  # its text was read by OCR (a scan, or a text layer too thin to be the page)
    # The running headers, footers and page numbers ingest took out of the page's text, as
    # printed: the stages that read the words leave the same lines out.
    running_lines: list[str] = field(default_factory=list)
    tables: list[RuledTable] = field(default_factory=list)  # tables drawn with rules (PDF)


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
class DeliberationFields:
    """What délib read of one deliberation: the columns of the `deliberations` table
    (tests/test_deliberation_model.py checks them against delib/output/schema.py) and the
    few facts that travel beyond the table (to the checks, to the next item). None: not read.
    Dates are ISO strings (« 2018-02-15 »)."""

    # who decides, and when
    collectivite: Optional[str] = None
    instance: Optional[str] = None
    president: Optional[str] = None
    seance_date: Optional[str] = None
    # the item
    numero: Optional[str] = None  # the register's number (never an agenda number)
    objet: Optional[str] = None
    theme: Optional[str] = None  # the rubric over the item (« FINANCES »)
    matiere_code: Optional[str] = None  # ACTES nomenclature
    matiere_nom: Optional[str] = None
    matiere_source: Optional[str] = None  # printed or inferred
    matiere_confidence: Optional[float] = None
    acte_id: Optional[str] = None
    transmission_date: Optional[str] = None
    reception_date: Optional[str] = None
    # attendance in force
    en_exercice: Optional[int] = None
    presents: Optional[int] = None
    representes: Optional[int] = None
    excuses: Optional[int] = None
    absents: Optional[int] = None
    votants: Optional[int] = None
    # the vote
    pour: Optional[int] = None
    contre: Optional[int] = None
    abstentions: Optional[int] = None
    ne_prend_pas_part: Optional[int] = None
    unanimite: Optional[bool] = None
    resultat: Optional[str] = None  # adopte, rejete, …
    # where it is
    page_start: Optional[int] = None
    char_start: Optional[int] = None
    char_end: Optional[int] = None
    # not columns
    point: Optional[str] = None  # the item's number on the agenda as printed
    counted_from_names: bool = False  # no figures printed: the counts are the named lists' (checks skip them)
    # members back in the session without the minutes saying so, as the tallies showed: they
    # stay for the items after (the next deliberation reads it)
    unrecorded_returns: int = 0

    NOT_COLUMNS: ClassVar[tuple[str, ...]] = ("point", "counted_from_names", "unrecorded_returns")

    def columns(self) -> dict[str, Any]:
        """The `deliberations` columns this deliberation fills."""
        return {name: value for name, value in vars(self).items() if name not in self.NOT_COLUMNS}


@dataclass
class Deliberation:
    """One item the assembly decided on, with its vote and attendance in force."""

    deliberation_id: str
    char_start: int
    char_end: int
    segment_id: Optional[str] = None
    fields: DeliberationFields = field(default_factory=DeliberationFields)
    attendance: list[dict[str, Any]] = field(default_factory=list)  # person, civilite, qualite, status, mandataire


PILOT_KINDS = ("service", "body")


@dataclass
class Pilot:
    """Who leads an action: a service of a collectivité (« DASES », « Direction des services
    techniques ») or a body in its own right (« ARS », « Communauté de communes du Centre
    Corse », « Éducation nationale »)."""

    name: str  # as printed (« MMPCR – DASES - DAJ »)
    collectivite: Optional[str] = None  # the form's sub-row it stands in (« Paris »), if any
    kind: str = "service"  # one of PILOT_KINDS
    label: Optional[str] = None  # what its acronym stands for, from the document's glossary


@dataclass
class ActionForm:
    """The form of an action or opération (délai, pilots, budget, partners, indicators).

    Each field is the value as printed (whitespace squashed), or None when the form has no
    such row or leaves it empty; `form_labels` keeps the labels as the document prints them
    (« Calendrier », « Coût estimatif »). tests/test_forms_model.py checks every field against
    the `actions` table of delib/output/schema.py."""

    delai: Optional[str] = None
    budget_raw: Optional[str] = None
    budget_eur: Optional[float] = None  # one sum, the total the text states, or the parts added up
    budget_amounts: list[float] = field(default_factory=list)  # every sum of the budget field
    partenaires: Optional[str] = None
    indicateurs: Optional[str] = None
    pilots: list[Pilot] = field(default_factory=list)  # the services_pilotes table
    form_labels: dict[str, str] = field(default_factory=dict)  # field -> label as printed
    ambiguous_fields: list[str] = field(default_factory=list)  # values that could be read another way
    source: str = "text"  # how it was read: text, pdf_layout, pdf_table, pdf_columns
    page: Optional[int] = None  # where the form's first label is
    char_start: Optional[int] = None  # the form's span in Document.text, when it is known
    char_end: Optional[int] = None

    @property
    def ambiguous(self) -> bool:
        return bool(self.ambiguous_fields)

    @property
    def services(self) -> dict[str, list[str]]:
        """Pilot names by the collectivité sub-row they stand in ("" when none)."""
        by_collectivite: dict[str, list[str]] = {}
        for pilot in self.pilots:
            by_collectivite.setdefault(pilot.collectivite or "", []).append(pilot.name)
        return by_collectivite


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
    actions: dict[str, ActionForm] = field(default_factory=dict)  # segment_id -> its form (actions with one)
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
