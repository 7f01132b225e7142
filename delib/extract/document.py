"""Extract: Document + segments -> Extraction (mentions, deliberations, action forms, checks).

This module only orchestrates: each extractor (dates, amounts, votes,
attendance, forms, declared counts…) lives in its own module with its tests.
Here every mention gets its page and the innermost segment that holds it.
"""
from __future__ import annotations

import bisect
import re
from typing import Callable, TypeVar

from delib.extract.amounts import find_amounts
from delib.extract.checks import check_deliberation
from delib.extract.dates import find_dates
from delib.extract.declared import find_declared_counts
from delib.extract.deliberation import document_facts, extract_deliberation
from delib.extract.forms import extract_action_forms
from delib.extract.glossary import find_glossary
from delib.extract.parties import find_collectivites, find_title
from delib.model import Check, Document, Extraction, Mention, Segment
from delib.segment.classify import classify

T = TypeVar("T")


def extract_document(doc: Document, segments: list[Segment]) -> Extraction:
    """Every extractor on the document; one that fails is reported and the others go on."""
    ex = Extraction()
    ex.doc_type = classify(doc.text, segments)
    ex.title = find_title(doc.text)
    ex.collectivites = find_collectivites(doc.text)
    # spaCy takes seconds to import: only when a document is processed, never for `delib --help`
    from delib.extract.entities import find_entities

    glossary = _guarded(ex, "glossary", lambda: find_glossary(doc.text)) or {}
    for name, finder in (("dates", find_dates), ("amounts", find_amounts),
                         ("entities", lambda text: find_entities(text, glossary, model_spans(text, segments)))):
        ex.mentions += _guarded(ex, name, lambda: finder(doc.text)) or []
    _locate(doc, segments, ex.mentions)
    if ex.doc_type in ("convention", "rapport"):
        ex.declared_axes, ex.declared_actions = find_declared_counts(doc.text)
        _check_declared(ex, segments)
    ex.actions.update(_guarded(ex, "action forms", lambda: extract_action_forms(doc, segments, glossary)) or {})
    _check_forms(ex)
    dates = [m for m in ex.mentions if m.kind == "date"]
    facts = None
    if any(seg.kind == "deliberation" for seg in segments):
        facts = _guarded(ex, "deliberations", lambda: document_facts(doc, segments, dates))
    for seg in segments:
        if seg.kind == "deliberation":
            delib = _guarded(ex, f"deliberation at {seg.char_start}",
                             lambda: extract_deliberation(doc, seg, dates, ex, facts))
            if delib is not None:
                ex.deliberations.append(delib)
                ex.checks += check_deliberation(delib)
    return ex


# Where the statistical NER reads: names are printed in a document's head, in the
# headings and opening lines of its parts, and in the closing lines of a deliberation
# (signatures, the vote). Long bodies — debates, reports — get the rules only: the
# model there costs most of a run and adds little to the tables.
MODEL_HEAD, MODEL_OPENING, MODEL_CLOSING = 3000, 1500, 600


def model_spans(text: str, segments: list[Segment]) -> list[tuple[int, int]]:
    spans = [(0, MODEL_HEAD), (len(text) - MODEL_CLOSING, len(text))]
    for s in segments:
        spans.append((s.char_start, min(s.char_end, (s.heading_end or s.char_start) + MODEL_OPENING)))
        if s.kind == "deliberation":
            spans.append((max(s.char_start, s.char_end - MODEL_CLOSING), s.char_end))
    return spans


def _guarded(ex: Extraction, what: str, extract: Callable[[], T]) -> T | None:
    """Run one extractor; a failure becomes a problem of the document, not of the batch."""
    try:
        return extract()
    except Exception as exc:  # one extractor's bug must not lose the others' results
        ex.problems.append(f"{what} extraction failed: {type(exc).__name__}: {exc}")
        return None


def _check_forms(ex: Extraction) -> None:
    """Forms whose values could not be paired with their labels for sure."""
    for action_id, form in ex.actions.items():
        if form.ambiguous:
            fields = ", ".join(form.ambiguous_fields)
            ex.checks.append(Check(check="form_ambiguous", expected=None, found=fields, item_id=action_id,
                                   message=f"the action form's values for {fields} could be read another way"))


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
            level = _level_counted(declared, segments) if what == "actions" else None
            message = f"the document announces {declared} {what} but {found[what]} were found"
            ex.checks.append(Check(
                check=f"declared_{what}", expected=declared, found=found[what],
                message=message + (f"; the figure counts its {level}" if level else ""),
            ))
    _check_numbering(ex, segments)


def _level_counted(declared: int, segments: list[Segment]) -> str | None:
    """Which level an announced number of actions counts when it is not the actions:
    plans announce « 42 actions » that are their opérations, or actions and sub-actions."""
    actions = sum(s.kind == "action" for s in segments)
    subs = sum(s.kind == "sub_action" for s in segments)
    if subs and declared == subs:
        return f"sub-actions ({subs} found)"
    if subs and declared == actions + subs:
        return f"actions and sub-actions together ({actions} + {subs} found)"
    return None


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
