"""Look before reading: FIFOs, devices, links out of the inputs, huge files and names that
are not UTF-8 each get their documents row, without a hang or a traceback; the CSV files
cannot run formulas; the terminal gets no escape sequences from a file name."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from delib.cli.main import main
from delib.ingest import doc_id_for, hash_file
from delib.output.write import csv_safe
from delib.output.parquet import read_parquet

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
SEED = RAW / "001_c628b3d41b0ed031.txt"


def delib_run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """A real `delib run`: a hang fails the test at `timeout` instead of blocking it."""
    return subprocess.run([sys.executable, "-m", "delib.cli", "run", *args, "-w", "1", "-q"],
                          capture_output=True, timeout=timeout)


@pytest.fixture
def hostile(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "good.txt")
    os.mkfifo(folder / "a.pdf")
    os.symlink("/dev/zero", folder / "zero.txt")
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(SEED, outside / "secret.txt")
    os.symlink(outside / "secret.txt", folder / "link.txt")
    os.symlink(outside, folder / "elsewhere")  # a folder out of the inputs
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as f:
        f.write(SEED.read_bytes().replace(b"32 voix pour", b"31 voix pour"))
    with open(folder / "big.txt", "wb") as f:
        f.truncate(64 * 2**30)  # 64 GB, sparse: never to be read
    return folder


def test_every_hostile_file_gets_its_row_without_a_hang(hostile, tmp_path):
    out = tmp_path / "out"
    done = delib_run(str(hostile), "--out", str(out))
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    assert done.returncode == 1  # some documents are errors; the batch went through
    docs = read_parquet(out / "documents.parquet").set_index("file_name")
    assert sorted(docs.index) == sorted(["good.txt", "a.pdf", "zero.txt", "link.txt", "caf\\xe9.txt", "big.txt",
                                         "elsewhere"])
    assert docs.loc["good.txt", "status"] == "ok"
    assert docs.loc["caf\\xe9.txt", "status"] == "ok"  # a name that is not UTF-8, stored escaped
    assert "not a regular file" in docs.loc["a.pdf", "error"]
    for link in ("zero.txt", "link.txt", "elsewhere"):
        assert "not followed" in docs.loc[link, "error"] and "--follow-links" in docs.loc[link, "error"]
    assert "too large" in docs.loc["big.txt", "error"]
    codes = {"a.pdf": "E002", "zero.txt": "E023", "link.txt": "E023", "elsewhere": "E023", "big.txt": "E004"}
    assert docs.loc[list(codes), "error_codes"].to_dict() == codes

    followed = delib_run(str(hostile), "--out", str(out), "--follow-links")
    assert b"Traceback" not in followed.stderr
    docs = read_parquet(out / "documents.parquet").set_index("file_name")
    assert "not a regular file" in docs.loc["zero.txt", "error"]
    assert docs.loc["link.txt", "status"] == "ok"


def test_hashing_streams_the_file(tmp_path, monkeypatch):
    path = tmp_path / "doc.txt"
    data = b"x" * (3 * 2**20 + 17)
    path.write_bytes(data)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("a whole-file read"))
    assert hash_file(path) == doc_id_for(data)


# --- safe to open anywhere ------------------------------------------------------------

FORMULAS = ["=HYPERLINK(x).txt", "+1+cmd.txt", "-2+3.txt", "@SUM(A1).txt"]


def test_csv_cells_cannot_run_formulas_but_parquet_and_duckdb_keep_the_value(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in FORMULAS:
        shutil.copy(SEED, folder / name)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(folder), "--out", str(out), "-w", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    in_csv = pd.read_csv(out / "documents.csv")["file_name"]
    assert sorted(in_csv) == sorted("'" + name for name in FORMULAS)
    assert sorted(read_parquet(out / "documents.parquet")["file_name"]) == sorted(FORMULAS)
    con = duckdb.connect(str(out / "delib.duckdb"), read_only=True)
    assert sorted(r[0] for r in con.execute("select file_name from documents").fetchall()) == sorted(FORMULAS)
    con.close()
    for csv in out.glob("*.csv"):
        for line in csv.read_text(encoding="utf-8").splitlines():
            assert not any(cell.startswith(("=", "+", "@")) for cell in line.split(",")), (csv.name, line)


def test_csv_safe_prefixes_text_cells_only():
    frame = pd.DataFrame({"text": ["=1+1", "\tx", "\rx", "-x", "ok", None], "number": [-1, 2, 3, 4, 5, 6]})
    safe = csv_safe(frame)
    assert safe["text"].tolist()[:5] == ["'=1+1", "'\tx", "'\rx", "'-x", "ok"]
    assert safe["number"].tolist() == [-1, 2, 3, 4, 5, 6]
    assert frame["text"][0] == "=1+1"  # the frame given is left as it was


def test_file_names_reach_the_terminal_without_control_characters_or_markup(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "good.txt")
    (folder / "\x1b[31m[bold]red.txt").write_text("")  # empty: listed among the problems
    result = CliRunner().invoke(main, ["run", str(folder), "--out", str(tmp_path / "out"), "-w", "1"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr
    assert "[bold]red.txt" in result.stderr  # shown as it is, not taken as a style
