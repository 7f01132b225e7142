"""Extract: Document + segments -> Extraction (mentions, deliberations, action forms, checks).

This module only orchestrates: each extractor (dates, amounts, votes,
attendance, forms, declared counts…) lives in its own module with its tests.
Here every mention gets its page and the innermost segment that holds it.
"""
from __future__ import annotations

import bisect
import re

from pipeline.extract.amounts import find_amounts
from pipeline.extract.dates import find_dates
from pipeline.extract.declared import find_declared_counts
from pipeline.extract.deliberation import extract_deliberation
from pipeline.extract.forms import extract_action_form
from pipeline.extract.parties import find_collectivites, find_title
from pipeline.model import Check, Document, Extraction, Mention, Segment
from pipeline.segment.classify import classify


def extract_document(doc: Document, segments: list[Segment]) -> Extraction:
    ex = Extraction()
    ex.doc_type = classify(doc.text, segments)
    ex.title = find_title(doc.text)
    ex.collectivites = find_collectivites(doc.text)
    ex.mentions = find_dates(doc.text) + find_amounts(doc.text)
    _locate(doc, segments, ex.mentions)
    if ex.doc_type in ("convention", "rapport"):
        ex.declared_axes, ex.declared_actions = find_declared_counts(doc.text)
        _check_declared(ex, segments)
    for seg in segments:
        if seg.kind in ("action", "sub_action"):
            ex.actions[seg.segment_id] = extract_action_form(doc.text, seg)
    dates = [m for m in ex.mentions if m.kind == "date"]
    for seg in segments:
        if seg.kind == "deliberation":
            ex.deliberations.append(extract_deliberation(doc, seg, dates, ex))
    return ex


def _locate(doc: Document, segments: list[Segment], mentions: list[Mention]) -> None:
    """Give each mention its page and the innermost (latest-starting) segment holding it."""
    ordered = sorted(segments, key=lambda s: s.char_start)
    starts = [s.char_start for s in ordered]
    for m in mentions:
        m.page = doc.page_at(m.char_start)
        i = bisect.bisect_right(starts, m.char_start) - 1
        while i >= 0:
            seg = ordered[i]
            if seg.char_start <= m.char_start < seg.char_end:
                m.segment_id = seg.segment_id
                break
            i -= 1


def _check_declared(ex: Extraction, segments: list[Segment]) -> None:
    """What the document announces about itself versus what was found."""
    found = {"axes": sum(s.kind == "axe" for s in segments),
             "actions": sum(s.kind == "action" for s in segments)}
    for what, declared in (("axes", ex.declared_axes), ("actions", ex.declared_actions)):
        if declared is not None and declared != found[what]:
            ex.checks.append(Check(
                check=f"declared_{what}", expected=declared, found=found[what],
                message=f"the document announces {declared} {what} but {found[what]} were found",
            ))
    _check_numbering(ex, segments)


def _check_numbering(ex: Extraction, segments: list[Segment]) -> None:
    """Actions numbered 1, 2, 3… and sub-actions 7.1, 7.2 under action 7: report gaps,
    repeats and sub-actions out of their action's order."""
    by_parent: dict[tuple[str, str | None], list[Segment]] = {}
    for s in segments:
        if s.kind in ("action", "sub_action") and s.number and re.fullmatch(r"\d+(?:\.\d+)?", s.number):
            by_parent.setdefault((s.kind, s.parent_id), []).append(s)
    numbers_by_id = {s.segment_id: s.number for s in segments}
    for (kind, parent_id), items in by_parent.items():
        minors = [int(s.number.split(".")[-1]) for s in items]
        for prev, cur, seg in zip(minors, minors[1:], items[1:]):
            if cur != prev + 1:
                problem = "repeat" if cur == prev else "gap"
                ex.checks.append(Check(check=f"numbering_{problem}", expected=prev + 1, found=cur,
                                       item_id=seg.segment_id,
                                       message=f"{kind.replace('_', '-')} {seg.number} follows number {prev}"))
        if kind == "sub_action":
            major = numbers_by_id.get(parent_id)
            for seg in items:
                if "." in seg.number and seg.number.split(".")[0] != major:
                    ex.checks.append(Check(check="numbering_parent", expected=f"{major}.x", found=seg.number,
                                           item_id=seg.segment_id,
                                           message=f"sub-action {seg.number} is placed under action {major}"))
