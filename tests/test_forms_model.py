"""The typed hand-off of an action's form (delib.model.ActionForm) and the tables it fills:
every field is a column of `actions` or is said to go elsewhere, and the rows carry each field."""
from __future__ import annotations

from dataclasses import fields

import pytest

from delib.extract.forms import pilot_kind
from delib.model import ActionForm, DocResult, Extraction, Pilot, Segment
from delib.output.schema import TABLES
from delib.output.tables import FORM_FIELDS_ELSEWHERE, action_rows, form_columns, frame, service_rows

FORM = ActionForm(
    delai="2025-2027", budget_raw="1,4 M€ et 150 000 €", budget_eur=1_550_000.0,
    budget_amounts=[1_400_000.0, 150_000.0], partenaires="CAF, ARS", indicateurs="Nombre d'ateliers",
    pilots=[Pilot("DASES", "Paris", "service", "Direction de l'Action sociale"),
            Pilot("DPAS", "Seine-Saint-Denis"), Pilot("DJS", "Paris"), Pilot("ARS", None, "body")],
    form_labels={"delai": "Calendrier", "budget": "Coût estimatif"}, ambiguous_fields=["partenaires"],
    source="pdf_table", page=3, char_start=120, char_end=480)


def _result(form: ActionForm) -> DocResult:
    action = Segment("d-action-1", "action", 100, 500, number="1", title="Ateliers", page_start=3)
    return DocResult("d", "d.pdf", "d.pdf", "pdf", segments=[action],
                     extraction=Extraction(actions={"d-action-1": form}))


def test_every_field_is_a_column_or_said_to_go_elsewhere():
    names = {f.name for f in fields(ActionForm)}
    columns = set(form_columns(ActionForm()))
    assert columns <= set(TABLES["actions"])
    assert names == columns | FORM_FIELDS_ELSEWHERE
    assert not columns & FORM_FIELDS_ELSEWHERE


def test_the_actions_row_carries_each_field():
    row = action_rows(_result(FORM))[0]
    assert (row["delai"], row["budget_raw"], row["budget_eur"], row["partenaires"], row["indicateurs"]) == \
        (FORM.delai, FORM.budget_raw, FORM.budget_eur, FORM.partenaires, FORM.indicateurs)
    assert row["budget_amounts"] == "1.4e+06; 150000"
    assert row["form_labels"] == "delai=Calendrier; budget=Coût estimatif"
    # the row's provenance is the action's, not its form's
    assert (row["page_start"], row["char_start"], row["char_end"]) == (3, 100, 500)
    df = frame("actions", [row])
    assert list(df.columns) == list(TABLES["actions"])


def test_an_action_without_form_has_empty_form_columns():
    result = _result(FORM)
    result.extraction.actions.clear()
    row = action_rows(result)[0]
    assert all(row[c] is None for c in form_columns(ActionForm()))


def test_pilots_rows_keep_each_collectivite_together_in_order():
    rows = service_rows(_result(FORM))
    assert [(r["collectivite"], r["service"], r["service_label"]) for r in rows] == [
        ("Paris", "DASES", "Direction de l'Action sociale"), ("Paris", "DJS", None),
        ("Seine-Saint-Denis", "DPAS", None), (None, "ARS", None)]
    assert [r["kind"] for r in rows] == ["service", "service", "service", "body"]
    assert FORM.services == {"Paris": ["DASES", "DJS"], "Seine-Saint-Denis": ["DPAS"], "": ["ARS"]}
    assert FORM.ambiguous and not ActionForm().ambiguous


@pytest.mark.parametrize("name, kind", [
    ("ARS", "body"), ("ARS Corse", "body"), ("Agence régionale de santé", "body"), ("CAF", "body"),
    ("Caf de Haute-Corse", "body"), ("Éducation nationale", "body"), ("Département", "body"),
    ("Département de la Haute-Corse", "body"), ("Communauté de communes du Centre Corse", "body"),
    ("Communauté d'agglomération du Grand Annecy", "body"), ("Ville de Corte", "body"), ("Région", "body"),
    ("DASES", "service"), ("MMPCR – DASES - DAJ", "service"), ("DVD – Agence de la Mobilité", "service"),
    ("Direction des services techniques", "service"), ("Service des sports", "service"),
    ("Ville de Corte – Direction des services techniques", "service"), ("DEF – ASE", "service"),
])
def test_pilot_kind(name, kind):
    assert pilot_kind(name) == kind


def test_a_flag_missing_from_a_row_stays_null():
    # rows of one table built by different code paths may lack a key: pandas puts NaN there,
    # and NaN is truthy; the flag must stay unknown, not become True
    df = frame("documents", [{"doc_id": "a", "ocr": True}, {"doc_id": "b", "ocr": False}, {"doc_id": "c"}])
    assert df["ocr"].tolist()[:2] == [True, False] and df["ocr"].isna().tolist() == [False, False, True]
