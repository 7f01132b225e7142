"""`delib eval`: scores computed by hand on tiny run folders and gold files, the same numbers
as the reference scorer (shared/eval/score.py), and the command's output and errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from delib.cli.main import main
from delib.analysis.evaluate import (Counts, Hits, collectivite_of, evaluate, greedy_match, load_gold, load_run,
                            score_document, summary_dict)
from delib.output.parquet import write_parquet

SCORE_PY = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
PV = "oignies_cr_cm_2013-12-12.txt"
CONVENTION = "paris_convention.txt"

DELIB_16 = {"numero": "16", "objet": "Convention avec la Ville de Paris", "seance_date": "2013-12-12",
            "en_exercice": 29, "presents": 25, "pour": 25, "contre": 0, "abstentions": 0, "unanimite": True,
            "resultat": "adopte"}
DELIB_17 = {"numero": "17", "objet": "Tarifs de la cantine scolaire", "seance_date": "2013-12-12",
            "pour": 20, "contre": 5, "abstentions": 0, "unanimite": False, "resultat": "adopte"}


def documents(*names: str) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(names))], "file_name": list(names),
                         "doc_type": ["proces_verbal" if n == PV else "convention" for n in names],
                         "declared_axes": pd.array([None if n == PV else 1 for n in names], dtype="Int64"),
                         "declared_actions": pd.array([None if n == PV else 2 for n in names], dtype="Int64")})


def delib_rows(*delibs: dict, doc_id: str = "d0") -> pd.DataFrame:
    return pd.DataFrame([{"doc_id": doc_id, "deliberation_id": f"{doc_id}-{i}", **d} for i, d in enumerate(delibs)])


def tables(**named: pd.DataFrame) -> dict[str, pd.DataFrame]:
    t = {name: pd.DataFrame() for name in ("documents", "axes", "actions", "services_pilotes", "dates", "amounts",
                                           "deliberations", "attendance")}
    t["documents"] = documents(PV)
    t.update(named)
    return t


def pv_gold(*delibs: dict, **more) -> dict:
    return {"source": PV, "scope": ["doc_type", "deliberations"], "doc_type": "proces_verbal",
            "deliberations": list(delibs), **more}


def prf(m: Counts) -> tuple:
    return m.tp, m.fp, m.fn, round(m.precision, 3), round(m.recall, 3), round(m.f1, 3)


def acc(m: Hits) -> tuple:
    return m.ok, m.n


# --- metrics, by hand -----------------------------------------------------------------------
def test_a_perfect_run_scores_one_everywhere():
    score = score_document(tables(deliberations=delib_rows(DELIB_16, DELIB_17)), pv_gold(DELIB_16, DELIB_17))
    assert prf(score["deliberations"]) == (2, 0, 0, 1.0, 1.0, 1.0)
    assert acc(score["documents_found"]) == acc(score["doc_type"]) == (1, 1)
    for key in ("numero", "seance_date", "pour", "contre", "abstentions", "unanimite", "resultat"):
        assert acc(score[f"deliberation.{key}"]) == (2, 2), key
    assert acc(score["deliberation.en_exercice"]) == (1, 1)  # only where the gold gives it
    assert "amounts" not in score and "attendance" not in score  # not in scope


def test_a_missed_deliberation_lowers_recall_and_its_fields():
    score = score_document(tables(deliberations=delib_rows(DELIB_16)), pv_gold(DELIB_16, DELIB_17))
    assert prf(score["deliberations"]) == (1, 0, 1, 1.0, 0.5, 0.667)
    assert acc(score["deliberation.pour"]) == (1, 2)  # the missed one has every field wrong
    assert acc(score["deliberation.en_exercice"]) == (1, 1)


def test_an_extra_deliberation_lowers_precision():
    extra = {"numero": "18", "objet": "Questions diverses et communications du maire"}
    score = score_document(tables(deliberations=delib_rows(DELIB_16, extra)), pv_gold(DELIB_16))
    assert prf(score["deliberations"]) == (1, 1, 0, 0.5, 1.0, 0.667)
    assert acc(score["deliberation.pour"]) == (1, 1)


def test_a_wrong_field_is_one_wrong_check():
    wrong = {**DELIB_17, "pour": 19, "resultat": None, "seance_date": "2013-12-12T00:00:00"}
    score = score_document(tables(deliberations=delib_rows(DELIB_16, wrong)), pv_gold(DELIB_16, DELIB_17))
    assert prf(score["deliberations"]) == (2, 0, 0, 1.0, 1.0, 1.0)
    assert acc(score["deliberation.pour"]) == (1, 2)
    assert acc(score["deliberation.resultat"]) == (1, 2)
    assert acc(score["deliberation.seance_date"]) == (2, 2)  # a date is compared on its first 10 characters
    assert acc(score["deliberation.contre"]) == (2, 2)


def test_a_blank_form_matches_nulls():
    blank = {"pour": None, "contre": None, "unanimite": None}
    score = score_document(tables(deliberations=delib_rows(DELIB_16, {"numero": None})), pv_gold(DELIB_16, blank))
    assert prf(score["deliberations"]) == (2, 0, 0, 1.0, 1.0, 1.0)  # neither has an objet nor a numero
    assert acc(score["deliberation.pour"]) == acc(score["deliberation.unanimite"]) == (2, 2)


def test_greedy_matching_takes_the_best_pairs_first():
    scores = {("a", "p1"): 0.9, ("a", "p2"): 1.0, ("b", "p2"): 0.95}
    assert greedy_match(["a", "b"], ["p1", "p2"], lambda g, p: scores.get((g, p), 0.0), 0.85) == [(0, 1)]


def test_a_deliberation_pairs_on_its_numero_when_the_objet_differs():
    renamed = {**DELIB_17, "objet": "Budget annexe"}
    score = score_document(tables(deliberations=delib_rows(renamed)), pv_gold(DELIB_17))
    assert prf(score["deliberations"]) == (1, 0, 0, 1.0, 1.0, 1.0)
    score = score_document(tables(deliberations=delib_rows({**renamed, "numero": "99"})), pv_gold(DELIB_17))
    assert prf(score["deliberations"]) == (0, 1, 1, 0.0, 0.0, 0.0)


def test_a_partial_part_counts_for_recall_only():
    extra = {"numero": "18", "objet": "Questions diverses et communications du maire"}
    gold = pv_gold(DELIB_16, DELIB_17, partial=["deliberations"])
    score = score_document(tables(deliberations=delib_rows(DELIB_16, extra)), gold)
    m = score["deliberations"]
    assert prf(m) == (1, 0, 1, 1.0, 0.5, 0.667) and m.recall_only


def test_attendance_matches_family_names_behind_first_names_and_civilites():
    attendance = pd.DataFrame({
        "doc_id": "d0", "person": ["M. Jean DUPONT", "Mme Martine MARTIN", "LEGRAND Pierre", "DURAND", "LEROY",
                                   "Mme Élise PETIT", "BLANC"],
        "status": ["present", "present", "present", "absent", "present", "represente", "represente"],
        "mandataire": [None, None, None, None, None, "M. Jean DUPONT", "LEROY"]})
    gold = {"source": PV, "scope": ["attendance"], "attendance": {
        "present": ["DUPONT", "Mme MARTIN", "LEGRAND"], "excuse": ["DURAND"],
        "represente": {"PETIT": "DUPONT", "BLANC": "MARTIN"}}}
    score = score_document(tables(attendance=attendance), gold)
    # DUPONT, MARTIN (civilité dropped on both sides), LEGRAND (first name after), PETIT (accent dropped)
    # and BLANC right; DURAND has the wrong status; LEROY is extra
    assert prf(score["attendance"]) == (5, 2, 1, 0.714, 0.833, 0.769)
    assert acc(score["attendance.mandataire"]) == (1, 2)  # PETIT's proxy right, BLANC's wrong


def test_dates_and_amounts_with_optional_values():
    dates = pd.DataFrame({"doc_id": "d0", "value": ["2013-12-12", "2013-11", "2013", "2012-01-01", "2013-12-01"],
                          "granularity": ["day", "month", "year", "day", "day"]})
    amounts = pd.DataFrame({"doc_id": "d0", "amount_eur": [1500.0, 1500.0, 200.0, -30.5, None]})
    gold = {"source": PV, "scope": ["dates", "amounts"], "dates": ["2013-12-12", "2013-11", "2013-10-01"],
            "dates_optional": ["2012-01-01"], "amounts": [1500, 30.5, 99], "amounts_optional": [200]}
    score = score_document(tables(dates=dates, amounts=amounts), gold)
    # years do not count, the optional date counts neither way; 2013-12-01 is extra, 2013-10-01 missed
    assert prf(score["dates"]) == (2, 1, 1, 0.667, 0.667, 0.667)
    # 1500 once in the gold, twice found; 200 optional; -30.5 is 30.5; 99 missed
    assert prf(score["amounts"]) == (2, 1, 1, 0.667, 0.667, 0.667)


def convention_tables() -> dict[str, pd.DataFrame]:
    axes = pd.DataFrame({"doc_id": "d1", "axe_id": ["x1", "x2"], "number": ["A.", "B"],
                         "title": ["Développer la mobilité durable", "Une toute autre chose"]})
    actions = pd.DataFrame({"doc_id": "d1", "action_id": ["a1", "a2", "a3"], "axe_id": ["x1", "x1", "x2"],
                            "parent_action_id": [None, "a1", None], "level": [1, 2, 1], "number": ["1", "1.1", "2"],
                            "title": ["Prolonger la ligne 10 du métro", "Étudier le tracé", "Créer un centre social"],
                            "delai": ["2019", None, None], "budget_raw": ["1 M€", None, None],
                            "partenaires": pd.array([None, None, None], dtype="string"), "indicateurs": ["Mise en service", None, None]})
    services = pd.DataFrame({"doc_id": "d1", "action_id": ["a1", "a1"], "collectivite": ["Ville de Paris", "Val-de-Marne"],
                             "service": ["DVD – Agence de la Mobilité", "DTVD"]})
    return tables(documents=documents(PV, CONVENTION), axes=axes, actions=actions, services_pilotes=services)


CONVENTION_GOLD = {
    "source": CONVENTION, "scope": ["doc_type", "declared_counts", "axes", "actions"], "doc_type": "convention",
    "declared_counts": {"axes": 1, "actions": 3},
    "axes": [{"number": "A", "title": "Développer la mobilité durable"}],
    "actions": [{"axe": "A", "number": "1", "title": "Prolonger la ligne 10 du metro", "delai": "2019",
                 "budget": "2 M€", "partenaires": None, "indicateurs": "Mise en service", "ambiguous": ["indicateurs"],
                 "services_pilotes": {"Paris": ["DVD - Agence de la mobilité"], "Val-de-Marne": ["DTVD"]}},
                {"axe": "A", "number": "2", "title": "Créer un centre social"}]}


def test_axes_actions_and_their_forms():
    score = score_document(convention_tables(), CONVENTION_GOLD)
    assert prf(score["axes"]) == (1, 1, 0, 0.5, 1.0, 0.667)
    # action 1 matches; the sub-action 1.1 counts as an extra action (no sub_actions scope); action 2 is under axis B
    assert prf(score["actions"]) == (1, 2, 1, 0.333, 0.5, 0.4)
    assert acc(score["action.delai"]) == (1, 1)
    assert acc(score["action.budget"]) == (0, 1)
    assert acc(score["action.partenaires"]) == (1, 1)  # null in both (<NA> as Parquet reads it)
    assert "action.indicateurs" not in score  # ambiguous
    assert acc(score["action.services_pilotes"]) == (1, 1)
    assert acc(score["declared_axes"]) == (1, 1) and acc(score["declared_actions"]) == (0, 1)


def test_sub_actions_scored_apart():
    gold = {**CONVENTION_GOLD, "scope": ["actions", "sub_actions"],
            "sub_actions": [{"number": "1.1", "title": "Etudier le tracé"}, {"number": "1.2", "title": "Financer"}]}
    score = score_document(convention_tables(), gold)
    assert prf(score["actions"]) == (1, 1, 1, 0.5, 0.5, 0.5)  # the sub-action is no longer an extra action
    assert prf(score["sub_actions"]) == (1, 0, 1, 1.0, 0.5, 0.667)


def test_a_document_missing_from_the_run():
    gold = {"source": "absent.pdf", "scope": ["deliberations"], "deliberations": [DELIB_16]}
    score = score_document(tables(), gold)
    assert acc(score["documents_found"]) == (0, 1)
    assert prf(score["deliberations"]) == (0, 0, 1, 0.0, 0.0, 0.0)


def test_the_collectivite_of_a_gold_file():
    assert collectivite_of({"source": "x_y.pdf", "collectivite": "Lille", "deliberations": [{"collectivite": "Z"}]}) == "Lille"
    assert collectivite_of({"source": "x_y.pdf", "deliberations": [{"collectivite": "Ivry-sur-Seine"}]}) == "Ivry-sur-Seine"
    assert collectivite_of({"source": "oignies_cr_cm_2013-12-12.pdf", "deliberations": []}) == "oignies"


# --- a small run folder -------------------------------------------------------------------
def write_run(folder: Path, t: dict[str, pd.DataFrame], csv: tuple[str, ...] = ()) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, df in t.items():
        if name in csv:
            df.to_csv(folder / f"{name}.csv", index=False)
        else:
            write_parquet(df, folder / f"{name}.parquet")
    return folder


def write_gold(folder: Path, *golds: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, gold in enumerate(golds):
        (folder / f"{i:03d}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.fixture
def run_and_gold(tmp_path) -> tuple[Path, Path]:
    t = convention_tables()
    t["deliberations"] = delib_rows({**DELIB_16, "collectivite": "Oignies"}, {**DELIB_17, "pour": 19})
    t["attendance"] = pd.DataFrame({"doc_id": "d0", "person": ["M. Jean DUPONT", "LEROY", "BLANC"],
                                    "status": ["present", "present", "represente"],
                                    "mandataire": [None, None, "M. DUPONT"]})
    t["dates"] = pd.DataFrame({"doc_id": "d0", "value": ["2013-12-12", "2013"], "granularity": ["day", "year"]})
    t["amounts"] = pd.DataFrame({"doc_id": ["d0", "d1"], "amount_eur": [1500.0, 2e6]})
    run = write_run(tmp_path / "run", t, csv=("amounts",))
    pv = pv_gold({**DELIB_16, "collectivite": "Oignies"}, DELIB_17, scope=["doc_type", "deliberations", "attendance",
                                                                             "dates", "amounts"],
                 attendance={"present": ["DUPONT", "MARTIN"], "represente": {"BLANC": "DUPONT"}},
                 dates=["2013-12-12"], amounts=[1500, 300])
    gold = write_gold(tmp_path / "gold", pv, CONVENTION_GOLD, {"source": "absent_2014.pdf", "scope": ["doc_type"],
                                                               "doc_type": "deliberation"})
    return run, gold


@pytest.mark.skipif(not SCORE_PY.exists(), reason="the reference scorer (/work/shared) is absent")
def test_the_same_numbers_as_the_reference_scorer(run_and_gold, tmp_path):
    run, gold = run_and_gold
    report = tmp_path / "reference.json"
    subprocess.run([sys.executable, str(SCORE_PY), "--out", str(run), "--gold", str(gold), "--json", str(report),
                    "--quiet"], check=True, capture_output=True)
    reference = json.loads(report.read_text())
    t, unreadable = load_run(run)
    mine = summary_dict(evaluate(t, load_gold([gold])).summary)
    assert not unreadable
    assert mine == reference
    assert {"deliberations", "attendance", "actions", "axes", "dates", "amounts", "deliberation.pour",
            "attendance.mandataire", "action.services_pilotes"} <= set(mine)
    assert mine["deliberation.pour"] == {"accuracy": 0.5, "n": 2}


def test_groups_and_documents_of_an_evaluation(run_and_gold):
    run, gold = run_and_gold
    t, _ = load_run(run)
    evaluation = evaluate(t, load_gold([gold]))
    assert list(evaluation.groups) == ["Oignies", "absent", "paris"]
    assert evaluation.missing == ["absent_2014.pdf"]
    assert prf(evaluation.groups["Oignies"]["deliberations"]) == (2, 0, 0, 1.0, 1.0, 1.0)
    assert "deliberations" not in evaluation.groups["paris"]
    assert acc(evaluation.summary["documents_found"]) == (2, 3)


# --- the command ----------------------------------------------------------------------------
def invoke(*args: str):
    return CliRunner().invoke(main, ["eval", *args], catch_exceptions=False)


def line_of(output: str, metric: str) -> list[str]:
    return next(line.split() for line in output.splitlines() if line.split() and line.split()[0] == metric)


def test_the_command_prints_one_line_per_metric(run_and_gold):
    run, gold = run_and_gold
    result = invoke(str(gold), "--out", str(run))
    assert result.exit_code == 0, result.output
    assert "3 gold documents" in result.output
    assert line_of(result.output, "deliberations") == ["deliberations", "1.000", "1.000", "1.000", "2", "0", "0"]
    assert line_of(result.output, "actions") == ["actions", "0.333", "0.500", "0.400", "1", "2", "1"]
    assert line_of(result.output, "deliberation.pour") == ["deliberation.pour", "0.500", "2"]
    assert line_of(result.output, "documents_found") == ["documents_found", "0.667", "3"]
    assert "absent_2014.pdf" in result.output  # said to be missing from the run
    assert PV not in result.output  # no per-document rows without --per-document


def test_per_document_rows(run_and_gold):
    run, gold = run_and_gold
    result = invoke(str(gold), "--out", str(run), "--per-document")
    rows = [line.split() for line in result.output.splitlines() if line.startswith((PV, CONVENTION))]
    assert [PV, "attendance", "0.667", "0.667", "0.667", "2", "1", "1"] in rows
    assert [PV, "deliberation.pour", "0.500", "2"] in rows
    assert [CONVENTION, "axes", "0.500", "1.000", "0.667", "1", "1", "0"] in rows
    assert [CONVENTION, "action.budget", "0.000", "1"] in rows


def test_json_output(run_and_gold):
    run, gold = run_and_gold
    result = invoke(str(gold), "--out", str(run), "--json")
    report = json.loads(result.stdout)
    assert report["gold_documents"] == 3
    assert report["summary"]["attendance"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667,
                                               "tp": 2, "fp": 1, "fn": 1}
    assert report["summary"]["attendance.mandataire"] == {"accuracy": 1.0, "n": 1}
    row = next(r for r in report["documents"] if r["source"] == CONVENTION and r["metric"] == "axes")
    assert (row["tp"], row["fp"], row["fn"], row["collectivite"]) == (1, 1, 0, "paris")
    assert report["groups"] == {} and report["missing_from_run"] == ["absent_2014.pdf"]


def test_group_by_collectivite(run_and_gold):
    run, gold = run_and_gold
    result = invoke(str(gold), "--out", str(run), "--group-by", "collectivite")
    assert "collectivite Oignies (1 gold document):" in result.output
    assert "collectivite paris (1 gold document):" in result.output
    report = json.loads(invoke(str(gold), "--out", str(run), "--group-by", "collectivite", "--json").stdout)
    assert report["groups"]["Oignies"]["summary"]["deliberations"]["f1"] == 1.0
    assert report["groups"]["absent"]["summary"]["documents_found"] == {"accuracy": 0.0, "n": 1}


def test_errors_exit_2_with_one_line(run_and_gold, tmp_path):
    run, gold = run_and_gold
    (tmp_path / "empty").mkdir()
    result = invoke(str(tmp_path / "empty"), "--out", str(run))
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    assert "no gold file" in result.output

    result = invoke(str(gold), "--out", str(tmp_path / "empty"))
    assert result.exit_code == 2 and "no documents table" in result.output
    assert len(result.output.strip().splitlines()) == 1

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "broken.json").write_text('{"source": "x.pdf",', encoding="utf-8")
    result = invoke(str(bad), "--out", str(run))
    assert result.exit_code == 2 and "broken.json" in result.output and "not valid JSON" in result.output

    result = invoke(str(gold))
    assert result.exit_code == 2 and "--out" in result.output


def test_help_says_what_it_measures():
    result = invoke("--help")
    assert result.exit_code == 0
    for words in ("precision", "recall", "--per-document", "--group-by", "--run", "--json"):
        assert words in result.output


def test_run_then_score(tmp_path):
    source = RAW / "001_c628b3d41b0ed031.txt"
    gold = write_gold(tmp_path / "gold", {"source": source.name, "scope": ["doc_type"], "doc_type": "deliberation"})
    result = invoke(str(gold), "--run", str(source), "--workers", "1", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["summary"]["documents_found"] == {"accuracy": 1.0, "n": 1}
    assert report["summary"]["doc_type"] == {"accuracy": 1.0, "n": 1}
