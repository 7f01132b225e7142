"""Segment: Document -> list of Segments (the structure tree, with provenance).

Conventions are split into parts, axes, actions and sub-actions
(structure.py); minutes and register extracts into deliberations and their
articles (minutes.py).
"""
from __future__ import annotations

from delib.model import Document, Segment
from delib.segment.minutes import find_articles, find_deliberations
from delib.segment.structure import build_structure


def segment_document(doc: Document) -> list[Segment]:
    segments = build_structure(doc, doc.doc_id)
    deliberations = find_deliberations(doc, doc.doc_id)
    _end_parts_at_deliberations(doc, segments, deliberations)
    segments += deliberations
    segments += find_articles(doc, doc.doc_id, deliberations)
    segments.sort(key=lambda s: (s.char_start, -s.char_end))
    return segments


def _end_parts_at_deliberations(doc: Document, parts: list[Segment], deliberations: list[Segment]) -> None:
    """A part (a glossary, an annexed convention and its axes) stops where a deliberation
    starts: the deliberation page after a convention, the next extract after an annex."""
    for part in parts:
        starts = [d.char_start for d in deliberations if part.char_start < d.char_start < part.char_end]
        if starts:
            part.char_end = min(starts)
            part.page_end = doc.page_at(max(part.char_start, part.char_end - 1))
