"""The output contract (../shared/CONTRACT.md): every table, its columns and their types.

Types are pandas nullable dtypes so that a missing value stays null (never 0 or "")
all the way into Parquet, CSV and DuckDB.
"""
from __future__ import annotations

STR, INT, FLOAT, BOOL = "string", "Int64", "Float64", "boolean"
DATE = "date32[day][pyarrow]"  # a DATE in Parquet and DuckDB, « YYYY-MM-DD » in CSV

TABLES: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": STR, "source_path": STR, "file_name": STR, "format": STR, "doc_type": STR,
        "title": STR, "collectivites": STR, "n_pages": INT, "n_chars": INT,
        "declared_axes": INT, "declared_actions": INT, "ocr": BOOL, "ocr_pages": INT, "status": STR, "error": STR,
        "encoding": STR, "warnings": STR, "seconds": FLOAT, "pipeline_version": STR,
        "error_codes": STR,  # the codes of `error`'s problems (delib/errors.py), « ; »-joined: « W010;W012 »
    },
    "segments": {
        "doc_id": STR, "segment_id": STR, "parent_id": STR, "kind": STR, "number": STR, "title": STR,
        "page_start": INT, "page_end": INT, "char_start": INT, "char_end": INT,
        "label": STR,  # the document's own word for the level (« Orientation », « Fiche action »)
    },
    "axes": {
        "doc_id": STR, "axe_id": STR, "number": STR, "title": STR, "ordinal": INT,
        "page_start": INT, "char_start": INT, "char_end": INT,
    },
    "actions": {
        "doc_id": STR, "action_id": STR, "axe_id": STR, "parent_action_id": STR, "level": INT,
        "number": STR, "title": STR, "delai": STR, "budget_raw": STR, "budget_eur": FLOAT,
        "budget_amounts": STR, "form_labels": STR,
        "partenaires": STR, "indicateurs": STR, "page_start": INT, "char_start": INT, "char_end": INT,
    },
    "services_pilotes": {
        "doc_id": STR, "action_id": STR, "collectivite": STR, "service": STR, "service_label": STR,
        "kind": STR,  # service (of a collectivité) or body (ARS, CAF, a Département…): model.PILOT_KINDS
    },
    "dates": {
        "doc_id": STR, "segment_id": STR, "text": STR, "value": STR, "granularity": STR, "role": STR,
        "page": INT, "char_start": INT, "char_end": INT,
    },
    "amounts": {
        "doc_id": STR, "segment_id": STR, "text": STR, "amount_eur": FLOAT, "period": STR,
        "qualifier": STR, "page": INT, "char_start": INT, "char_end": INT,
    },
    "deliberations": {
        "doc_id": STR, "deliberation_id": STR, "collectivite": STR, "instance": STR, "seance_date": DATE,
        "numero": STR, "objet": STR, "theme": STR, "matiere_code": STR, "matiere_nom": STR, "matiere_source": STR,
        "matiere_confidence": FLOAT, "acte_id": STR,
        "transmission_date": DATE, "reception_date": DATE, "en_exercice": INT, "presents": INT, "representes": INT,
        "excuses": INT, "absents": INT, "votants": INT, "pour": INT, "contre": INT,
        "abstentions": INT, "ne_prend_pas_part": INT, "unanimite": BOOL, "resultat": STR,
        "president": STR, "blank_form": BOOL, "page_start": INT, "char_start": INT, "char_end": INT,
    },
    "attendance": {
        "doc_id": STR, "deliberation_id": STR, "person": STR, "civilite": STR, "qualite": STR,
        "status": STR, "mandataire": STR,
    },
    "entities": {
        "doc_id": STR, "segment_id": STR, "text": STR, "label": STR, "char_start": INT, "char_end": INT,
        "source": STR, "page": INT,
    },
    "checks": {
        "doc_id": STR, "item_id": STR, "check": STR, "expected": STR, "found": STR, "message": STR,
        "code": STR,  # the check's code (delib/errors.py): « C011 » for every numbering_ check
    },
}

