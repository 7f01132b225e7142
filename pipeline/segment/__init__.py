"""Segment: Document -> list of Segments (the structure tree, with provenance).

Conventions are split into parts, axes, actions and sub-actions
(structure.py); minutes and register extracts into deliberations and their
articles (minutes.py).
"""
from __future__ import annotations

from pipeline.model import Document, Segment
from pipeline.segment.minutes import find_articles, find_deliberations
from pipeline.segment.structure import build_structure


def segment_document(doc: Document) -> list[Segment]:
    segments = build_structure(doc, doc.doc_id)
    deliberations = find_deliberations(doc, doc.doc_id)
    segments += deliberations
    segments += find_articles(doc, doc.doc_id, deliberations)
    segments.sort(key=lambda s: (s.char_start, -s.char_end))
    return segments
