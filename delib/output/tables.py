"""Tables: DocResults -> the contract's DataFrames, every table with all its columns.

Each table is built row by row from the typed results, then given the contract's
column order and nullable dtypes (schema.py), so that an empty table still has its
columns and a missing value stays null.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

import pandas as pd

from delib import errors
from delib.model import ActionForm, DocResult, Pilot, Segment
from delib.output.schema import DATE, TABLES

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

Row = dict[str, Any]


def frame(name: str, rows: Iterable[Row]) -> pd.DataFrame:
    """A DataFrame with exactly the contract's columns (plus none other) and dtypes."""
    columns = TABLES[name]
    df = pd.DataFrame(list(rows), columns=list(columns))
    for column, dtype in columns.items():
        if dtype == "boolean":  # a row without the key holds NaN there, and bool(NaN) is True
            df[column] = df[column].map(lambda v: None if pd.isna(v) else bool(v))
        df[column] = typed(df[column], dtype)
    return df


def conform(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """`df` with exactly the contract's columns, in order, and their dtypes."""
    columns = TABLES[name]
    df = df.reindex(columns=list(columns))
    return pd.DataFrame({column: typed(df[column], dtype) for column, dtype in columns.items()})


def typed(values: pd.Series, dtype: str) -> pd.Series:
    """`values` as `dtype`. A DATE column goes through its ISO text (Arrow casts no float,
    such as a column of nothing but NaN, to a date); a value that is no whole day
    (« 2024-06 ») is no DATE and becomes null."""
    if dtype == DATE:
        values = values.map(_iso_day).astype("string")
    return values.astype(dtype)


def _iso_day(value: Any) -> str | None:
    text = "" if value is None or value is pd.NA or value != value else str(value)[:10]
    return text if ISO_DAY.fullmatch(text) else None


def document_row(r: DocResult) -> Row:
    doc, ex = r.document, r.extraction
    return {
        "doc_id": r.doc_id, "source_path": r.source_path, "file_name": r.file_name, "format": r.format,
        "doc_type": ex.doc_type if doc is not None else None,
        "title": ex.title, "collectivites": "; ".join(ex.collectivites) or None,
        "n_pages": doc.n_pages if doc else None, "n_chars": len(doc.text) if doc else None,
        "declared_axes": ex.declared_axes, "declared_actions": ex.declared_actions,
        "ocr": doc.ocr if doc else False, "ocr_pages": sum(p.ocr for p in doc.pages) if doc else 0,
        "status": r.status, "error": r.error,
        "error_codes": ";".join(errors.codes_in(r.error)) or None,
        "encoding": doc.encoding if doc else None, "warnings": "; ".join(doc.warnings) if doc and doc.warnings else None,
        "seconds": round(r.seconds, 3),
    }


def segment_rows(r: DocResult) -> list[Row]:
    return [{"doc_id": r.doc_id, "segment_id": s.segment_id, "parent_id": s.parent_id, "kind": s.kind,
             "number": s.number, "title": s.title, "label": s.label, "page_start": s.page_start, "page_end": s.page_end,
             "char_start": s.char_start, "char_end": s.char_end} for s in r.segments]


def _axis_of(seg: Segment, by_id: dict[str, Segment]) -> Segment | None:
    parent = by_id.get(seg.parent_id) if seg.parent_id else None
    while parent is not None and parent.kind != "axe":
        parent = by_id.get(parent.parent_id) if parent.parent_id else None
    return parent


def axis_rows(r: DocResult) -> list[Row]:
    axes = [s for s in r.segments if s.kind == "axe"]
    return [{"doc_id": r.doc_id, "axe_id": s.segment_id, "number": s.number, "title": s.title, "ordinal": i,
             "page_start": s.page_start, "char_start": s.char_start, "char_end": s.char_end}
            for i, s in enumerate(axes, 1)]


def action_rows(r: DocResult) -> list[Row]:
    by_id = {s.segment_id: s for s in r.segments}
    rows = []
    for s in r.segments:
        if s.kind not in ("action", "sub_action"):
            continue
        axis = _axis_of(s, by_id)
        sub = s.kind == "sub_action"
        rows.append({
            "doc_id": r.doc_id, "action_id": s.segment_id, "axe_id": axis.segment_id if axis else None,
            "parent_action_id": s.parent_id if sub else None, "level": 2 if sub else 1,
            "number": s.number, "title": s.title, "page_start": s.page_start,
            "char_start": s.char_start, "char_end": s.char_end,
            **form_columns(r.extraction.actions.get(s.segment_id) or ActionForm()),
        })
    return rows


# ActionForm fields that are no column of `actions`: the pilots have their own table
# (services_pilotes), ambiguity becomes a check, the rest is the form's own provenance
# (the row's page and span are the action's).
FORM_FIELDS_ELSEWHERE = {"pilots", "ambiguous_fields", "source", "page", "char_start", "char_end"}


def form_columns(form: ActionForm) -> Row:
    """The `actions` columns an action's form fills."""
    return {"delai": form.delai, "budget_raw": form.budget_raw, "budget_eur": form.budget_eur,
            "budget_amounts": _amounts(form.budget_amounts), "form_labels": _labels(form.form_labels),
            "partenaires": form.partenaires, "indicateurs": form.indicateurs}


def _amounts(values: list[float] | None) -> str | None:
    """Every sum of a budget field, « ; »-joined: alternatives stay readable when budget_eur is null."""
    return "; ".join(f"{v:g}" for v in values) if values else None


def _labels(printed: dict[str, str] | None) -> str | None:
    """The form's labels as printed, by field: « delai=Calendrier; budget=Coût estimatif »."""
    return "; ".join(f"{k}={v}" for k, v in printed.items()) if printed else None


def service_rows(r: DocResult) -> list[Row]:
    rows = []
    for action_id, form in r.extraction.actions.items():
        for pilot in _grouped_by_collectivite(form.pilots):
            rows.append({"doc_id": r.doc_id, "action_id": action_id, "collectivite": pilot.collectivite or None,
                         "service": pilot.name, "service_label": pilot.label, "kind": pilot.kind})
    return rows


def _grouped_by_collectivite(pilots: list[Pilot]) -> list[Pilot]:
    """Pilots with those of one collectivité together, collectivités in the order they come."""
    order = list(dict.fromkeys(p.collectivite or "" for p in pilots))
    return sorted(pilots, key=lambda p: order.index(p.collectivite or ""))


def mention_rows(r: DocResult, kind: str) -> list[Row]:
    rows = []
    for m in r.extraction.mentions:
        if m.kind != kind:
            continue
        row = {"doc_id": r.doc_id, "segment_id": m.segment_id, "text": m.text, "page": m.page,
               "char_start": m.char_start, "char_end": m.char_end}
        if kind == "date":
            row.update(value=m.value, granularity=m.attrs.get("granularity"), role=m.attrs.get("role"))
        elif kind == "amount":
            row.update(amount_eur=m.value, period=m.attrs.get("period"), qualifier=m.attrs.get("qualifier"))
        else:
            row.update(label=m.attrs.get("label"), source=m.attrs.get("source"))
        rows.append(row)
    return rows


def deliberation_rows(r: DocResult) -> list[Row]:
    if not r.extraction.deliberations:
        # nothing to import for: a worker at its memory limit writes its error row through here
        return []
    from delib.output.scdl import is_blank_form  # a form printed blank stays, flagged; SCDL leaves it out

    rows = [{"doc_id": r.doc_id, "deliberation_id": d.deliberation_id, **d.fields.columns()}
            for d in r.extraction.deliberations]
    for row in rows:
        row["blank_form"] = is_blank_form(row)
    return rows


def attendance_rows(r: DocResult) -> list[Row]:
    return [{"doc_id": r.doc_id, "deliberation_id": d.deliberation_id, **person}
            for d in r.extraction.deliberations for person in d.attendance]


def check_rows(r: DocResult) -> list[Row]:
    return [{"doc_id": r.doc_id, "item_id": c.item_id, "check": c.check, "code": errors.check_code(c.check),
             "expected": _str(c.expected), "found": _str(c.found), "message": c.message}
            for c in r.extraction.checks]


def _str(v: Any) -> str | None:
    return None if v is None else str(v)


BUILDERS = {
    "documents": lambda r: [document_row(r)],
    "segments": segment_rows,
    "axes": axis_rows,
    "actions": action_rows,
    "services_pilotes": service_rows,
    "dates": lambda r: mention_rows(r, "date"),
    "amounts": lambda r: mention_rows(r, "amount"),
    "deliberations": deliberation_rows,
    "attendance": attendance_rows,
    "entities": lambda r: mention_rows(r, "entity"),
    "checks": check_rows,
}


def rows_of(r: DocResult) -> dict[str, list[Row]]:
    """Every table's rows for one document: what a worker sends back to the writer."""
    return {name: list(build(r)) for name, build in BUILDERS.items()}


def frames_from_rows(per_document: Iterable[dict[str, list[Row]]]) -> dict[str, pd.DataFrame]:
    """The contract tables from the rows of many documents."""
    per_document = list(per_document)
    return {name: frame(name, (row for rows in per_document for row in rows[name])) for name in BUILDERS}


def build_tables(results: Iterable[DocResult]) -> dict[str, pd.DataFrame]:
    """All contract tables for these results (documents sorted by file path for stable output)."""
    results = sorted(results, key=lambda r: (r.source_path, r.doc_id))
    return frames_from_rows(rows_of(r) for r in results)
