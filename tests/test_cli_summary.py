"""The run's summary for people (-v lists every document) and for programs (--json)."""
import json
import subprocess
import sys
from pathlib import Path

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
