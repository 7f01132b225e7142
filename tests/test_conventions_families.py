"""Action plans of other families (issue 12): CLS fiches with a ruled form table, PVD/ORT
orientations → fiches → opérations with one label/value form per opération, CTG fiches
with a two-column form. The PDFs are generated (scripts/make_family_pdfs.py) and must read
back exactly as laid out: every axis, action and form field, and nothing else."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from delib.extract.forms import budget_in_euros
from delib.batch.process import process_path
from delib.output.tables import action_rows, axis_rows, segment_rows, service_rows

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("make_family_pdfs", REPO / "scripts" / "make_family_pdfs.py")
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)

FIELDS = ("delai", "budget", "partenaires", "indicateurs")


# The layouts of gen.AXES (the ruled grid and side-by-side pairs: tests/test_forms_layouts.py).
AXES_LAYOUTS = ["cls_fiches_table", "pvd_orientations_operations", "ctg_fiches_columns"]


@pytest.fixture(scope="module", params=AXES_LAYOUTS)
def layout(request, tmp_path_factory):
    path = gen.build(request.param, tmp_path_factory.mktemp("families") / f"{request.param}.pdf")
    return request.param, process_path(path)


def _expected_actions(name):
    """(number, title, form) of every action as the layout numbers it."""
    for axis, _, actions in gen.AXES:
        for number, title, form in actions:
            yield (f"{axis}.{number}" if name == "pvd_orientations_operations" else number), title, form


def test_axes_read_back_and_nothing_else(layout):
    name, result = layout
    axes = [(r["number"], r["title"]) for r in axis_rows(result)]
    assert axes == [(n, t) for n, t, _ in gen.AXES]


def test_actions_read_back_with_their_forms(layout):
    name, result = layout
    rows = [r for r in action_rows(result) if r["level"] == 1]
    expected = list(_expected_actions(name))
    assert [(r["number"], r["title"]) for r in rows] == [(n, t) for n, t, _ in expected]
    if name == "pvd_orientations_operations":
        return  # the forms are the opérations' (next test)
    services = {}
    for s in service_rows(result):
        services.setdefault(s["action_id"], []).append(s["service"])
    for row, (_, _, form) in zip(rows, expected):
        got = {f: row["budget_raw" if f == "budget" else f] for f in FIELDS}
        assert got == {f: form[f] for f in FIELDS}
        assert services[row["action_id"]] == [form["services"]]  # bodies (ARS, an intercommunalité) kept
        assert row["budget_eur"] == budget_in_euros(form["budget"])



def test_pvd_operations_read_back(tmp_path):
    result = process_path(gen.build("pvd_orientations_operations", tmp_path / "pvd.pdf"))
    rows = action_rows(result)
    subs = [r for r in rows if r["level"] == 2]
    forms = [form for _, _, form in _expected_actions("pvd_orientations_operations") for _ in range(2)]
    assert [r["title"] for r in subs] == [op["title"] for f in forms[::2] for op in gen._operations(f)]
    parents = {r["action_id"]: r["number"] for r in rows if r["level"] == 1}
    assert [parents[r["parent_action_id"]] for r in subs] == ["1.1", "1.1", "1.2", "1.2", "2.3", "2.3"]
    for row, form in zip(subs, forms):
        assert {f: row["budget_raw" if f == "budget" else f] for f in FIELDS} == {f: form[f] for f in FIELDS}
        assert "services=Maître d'ouvrage" in row["form_labels"]


def test_segments_keep_the_documents_own_words(tmp_path):
    result = process_path(gen.build("cls_fiches_table", tmp_path / "cls.pdf"))
    labels = {(r["kind"], r["label"]) for r in segment_rows(result) if r["kind"] in ("axe", "action")}
    assert labels == {("axe", "Axe stratégique"), ("action", "FICHE ACTION")}
    rows = action_rows(result)
    assert rows[0]["form_labels"] == ("services=Pilote; partenaires=Partenaires; delai=Calendrier; "
                                      "budget=Coût estimatif; indicateurs=Indicateurs de suivi")
    assert rows[2]["budget_eur"] == 1_550_000.0  # « 1,4 M€ de travaux et 150 000 € d'études »
