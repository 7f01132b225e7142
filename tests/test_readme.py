"""The README runs: every command, SQL query and Python snippet it shows is executed
here, on the tables of `delib run data/raw`, so an example cannot rot.

Blocks are read from README.md's fences: ```bash lines run in a shell (set-up lines
that install software are skipped), ```python blocks run in a fresh interpreter and
```sql blocks in DuckDB. `data/processed` is a temporary folder: the tests never write
into the repository."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FENCE = re.compile(r"^```(?P<lang>\w+)\n(?P<body>.*?)^```", re.M | re.S)
# What installs software or needs what the tests do not have: shown, not run.
NOT_RUN = re.compile(r"python3 -m venv|pip install|apt-get|benchmarks/bench\.py|^duckdb\b|jupyter")


def blocks(lang: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [m.group("body") for m in FENCE.finditer(text) if m.group("lang") == lang]


def commands() -> list[str]:
    found = []
    for body in blocks("bash"):
        for line in body.splitlines():
            line = line.split("  #")[0].strip()
            if line and not line.startswith("#") and not NOT_RUN.search(line):
                found.append(line)
    return found


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> Path:
    """data/processed as the README's first command leaves it."""
    out = tmp_path_factory.mktemp("processed")
    done = subprocess.run([sys.executable, "-m", "delib.cli", "run", "data/raw", "--out", str(out), "-q"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


def in_tmp(text: str, out: Path) -> str:
    return text.replace("data/processed", str(out))


@pytest.mark.parametrize("command", commands())
def test_readme_command(command, processed, tmp_path):
    if "../shared" in command and not SHARED.is_dir():
        pytest.skip("needs ../shared beside the checkout")
    words = shlex.split(in_tmp(command, processed))
    if words[0] in ("delib", ".venv/bin/delib"):
        words = [sys.executable, "-m", "delib.cli", *words[1:]]
    elif words[0] in ("python", "python3", ".venv/bin/python"):
        words[0] = sys.executable
    for i, word in enumerate(words[:-1]):  # what a command writes goes to the test's folder
        if word in ("-o", "--out") and not Path(words[i + 1]).is_absolute() and words[i + 1] != "-":
            words[i + 1] = str(tmp_path / words[i + 1])
    done = subprocess.run(words, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"


@pytest.mark.parametrize("snippet", blocks("python"))
def test_readme_python(snippet, processed):
    done = subprocess.run([sys.executable, "-c", in_tmp(snippet, processed)], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip(), "a README snippet printed nothing"


@pytest.mark.parametrize("query", blocks("sql"))
def test_readme_sql(query, processed):
    with duckdb.connect(str(processed / "delib.duckdb"), read_only=True) as con:
        rows = con.sql(query).fetchall()
    assert rows, "a README query returned no row on data/raw"


def test_the_readme_shows_examples():
    assert commands() and blocks("python") and blocks("sql")
