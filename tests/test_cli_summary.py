"""The run's summary for people (-v lists every document) and for programs (--json); -q and
-v on every command, with the same meaning."""
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from delib.batch.runner import run_batch
from delib.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "001_c628b3d41b0ed031.txt"


def delib_run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "delib.cli", "run", *args], cwd=ROOT, capture_output=True, text=True)


def test_json_summary_is_one_object_on_stdout_and_follows_the_run(tmp_path):
    first = delib_run(str(SEED), "--out", str(tmp_path), "--json")
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert summary["documents"] == {"ok": 1, "partial": 0, "error": 0}
    assert (summary["processed"], summary["kept"], summary["removed"]) == (1, 0, 0)
    assert summary["rows"]["deliberations"] == 1 and summary["rows"]["attendance"] == 49
    assert summary["problems"] == [] and summary["interrupted_by"] is None
    again = json.loads(delib_run(str(SEED), "--out", str(tmp_path), "--json").stdout)
    assert (again["processed"], again["kept"]) == (0, 1)


def test_verbose_lists_every_document_and_the_summary_lines_are_not_wrapped(tmp_path):
    long_name = tmp_path / ("minutes_of_a_commune_with_a_rather_long_file_name_" * 3 + ".txt")
    long_name.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    done = delib_run(str(long_name), "--out", str(tmp_path / "out"), "-v")
    assert done.returncode == 0, done.stderr
    assert any(line.startswith("ok") and line.endswith(long_name.name) for line in done.stderr.splitlines())


# --- one grammar: -q/--quiet and -v/--verbose on every command (click's CliRunner) -----------

GOLD = ROOT.parent / "shared" / "gold" / f"{SEED.stem}.json"


def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed_run")
    run_batch([SEED], out, workers=1)
    return out


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_quiet_and_verbose_and_explains_every_option(command):
    params = {p.name: p for p in main.commands[command].params}
    assert params["quiet"].opts == ["--quiet", "-q"] and params["verbose"].opts == ["--verbose", "-v"]
    undocumented = [p.name for p in main.commands[command].params
                    if isinstance(p, click.Option) and not p.hidden and not p.help]
    assert undocumented == []
    shown = cli(command, "--help").output
    assert "-q, --quiet" in shown and "-v, --verbose" in shown and "Print only errors" in shown


def test_export_quiet_writes_the_file_and_says_nothing(seed_run, tmp_path):
    quiet = cli("export", str(seed_run), "-f", "jsonl", "-o", str(tmp_path / "q.jsonl"), "-q")
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout == ""
    normal = cli("export", str(seed_run), "-f", "jsonl", "-o", str(tmp_path / "n.jsonl"))
    assert normal.stderr == f"jsonl export written to {tmp_path / 'n.jsonl'}\n"
    assert (tmp_path / "q.jsonl").read_bytes() == (tmp_path / "n.jsonl").read_bytes()


def test_export_verbose_says_each_step_and_quiet_keeps_the_scdl_problems(seed_run, tmp_path):
    loud = cli("export", str(seed_run), "-f", "scdl", "--validator", "builtin", "-o", str(tmp_path / "v.csv"), "-v")
    steps = [line for line in loud.stderr.splitlines() if line.startswith("delib export: ")]
    assert steps[0] == f"delib export: exporting the tables of {seed_run} as scdl to {tmp_path / 'v.csv'}"
    assert "delib export: validating against the SCDL schema with builtin" in steps
    problems = [line for line in loud.stderr.splitlines() if line.startswith(f"{tmp_path / 'v.csv'}: ")]
    assert problems  # no SIRET given: COLL_SIRET is empty
    quiet = cli("export", str(seed_run), "-f", "scdl", "--validator", "builtin", "-o", str(tmp_path / "q.csv"), "-q")
    # the problems are the errors: -q keeps them (and their count), drops the rest
    assert [line.split(": ", 1)[1] for line in quiet.stderr.splitlines() if line.startswith(str(tmp_path))] \
        == [line.split(": ", 1)[1] for line in problems]
    assert "written to" not in quiet.stderr and "SCDL: valid" not in quiet.stderr


@pytest.mark.skipif(not GOLD.exists(), reason="the shared gold files are absent")
def test_eval_quiet_prints_only_the_scores_and_verbose_the_steps(seed_run):
    quiet = cli("eval", str(GOLD), "--out", str(seed_run), "-q")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    normal = cli("eval", str(GOLD), "--out", str(seed_run))
    assert quiet.stdout == normal.stdout and "deliberations" in quiet.stdout
    loud = cli("eval", str(GOLD), "--out", str(seed_run), "-v")
    assert loud.stderr.splitlines() == [f"delib eval: 1 gold document read from {GOLD}",
                                        f"delib eval: reading the tables of {seed_run}", "delib eval: scoring"]
    assert loud.stdout == normal.stdout


@pytest.mark.parametrize("command", ["run", "compare", "export", "eval"])
def test_quiet_and_verbose_together_are_a_usage_error(command, seed_run, tmp_path):
    args = {"run": [str(ROOT / "data" / "raw" / "001_c628b3d41b0ed031.txt"), "--out", str(tmp_path / "out")],
            "compare": [str(seed_run)], "export": [str(seed_run), "-f", "jsonl", "-o", "-"],
            "eval": [str(GOLD), "--out", str(seed_run)]}[command]
    both = cli(command, *args, "-q", "-v")
    assert both.exit_code == 2 and "-q/--quiet and -v/--verbose" in both.stderr
