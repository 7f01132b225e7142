"""The house stays as built: data flows one way through the layers named in
pyproject.toml ([tool.importlinter]); a lower layer never imports a higher one."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def lint_imports() -> str:
    found = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(found).exists():
        pytest.fail("lint-imports is missing: install the test extra (pip install -e '.[test]')")
    return found


def test_the_layers_are_kept():
    done = subprocess.run([lint_imports(), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


def test_a_lower_layer_importing_a_higher_one_breaks_the_contract(tmp_path):
    # The contract is not empty words: segment reaching into extract is reported.
    copy = tmp_path / "delib"
    shutil.copytree(ROOT / "delib", copy, ignore=shutil.ignore_patterns("__pycache__", "data"))
    with open(copy / "segment" / "minutes.py", "a", encoding="utf-8") as f:
        f.write("\nfrom delib.extract.votes import find_vote  # noqa: E402,F401\n")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    done = subprocess.run([lint_imports(), "--no-cache"], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(tmp_path), "PATH": ""})
    assert done.returncode != 0
    assert "delib.segment.minutes -> delib.extract.votes" in done.stdout
