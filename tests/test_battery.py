"""The batteries of minutes in the shapes of 168 outside collectivités (data/battery, written
and answered by helpers from real minutes; README there): what délib reaches on them must not
fall back. Development sets: the floors are what session 7 reached on the first 131, rounded
down (battery 9 joined in session 12, battery 10 in session 13) — no measure of the unseen (data/battery_heldout is, and
is only scored, never tested here)."""
from __future__ import annotations

from pathlib import Path

import pytest

from delib.analysis.evaluate import evaluate, load_gold, load_run, summary_dict
from delib.batch.runner import find_inputs, run_batch

BATTERY = Path(__file__).resolve().parents[1] / "data" / "battery"


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory):
    out = tmp_path_factory.mktemp("battery")
    run_batch(find_inputs([BATTERY / "docs"], exclude=out), out, workers=1)
    tables, _ = load_run(out)
    return evaluate(tables, load_gold(sorted((BATTERY / "gold").glob("*.json"))))


def test_every_battery_document_is_read(evaluation):
    assert len(evaluation.documents) == 168 and not evaluation.missing


def test_deliberations_and_names_hold_on_the_battery(evaluation):
    summary = summary_dict(evaluation.summary)
    assert summary["deliberations"]["f1"] >= 0.94
    assert summary["attendance"]["f1"] >= 0.92
