"""A full disk ends the run non-zero with one clear message, the previous tables intact;
the next run, with room again, completes the work."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from delib.output.parquet import read_parquet

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
TEXTS = ["001_c628b3d41b0ed031.txt", "002_4f65e2fdb1af9030.txt"]


@pytest.fixture
def small_disk(tmp_path):
    """A 6 MB filesystem of its own (a tmpfs: needs root and a kernel that allows it)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here: {made.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def delib_run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "delib.cli", "run", *args, "-w", "1"],
                          capture_output=True, timeout=300)


def fill(disk: Path, leave: int) -> Path:
    """A file that takes all the room of `disk` but `leave` bytes."""
    filler = disk / "filler"
    free = shutil.disk_usage(disk).free
    with open(filler, "wb") as f:
        f.write(b"\0" * max(0, free - leave))
    return filler


def test_a_full_disk_fails_clearly_and_keeps_the_previous_tables(small_disk, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(RAW / TEXTS[0], folder / TEXTS[0])
    out = small_disk / "out"
    assert delib_run(str(folder), "--out", str(out)).returncode == 0
    before = read_parquet(out / "documents.parquet")

    shutil.copy(RAW / TEXTS[1], folder / TEXTS[1])
    filler = fill(small_disk, leave=64 * 1024)
    failed = delib_run(str(folder), "--out", str(out))
    stderr = failed.stderr.decode()
    assert failed.returncode != 0 and "Traceback" not in stderr, stderr
    assert "cannot write" in stderr and "previous tables are intact" in stderr
    pd.testing.assert_frame_equal(read_parquet(out / "documents.parquet"), before)

    filler.unlink()
    again = delib_run(str(folder), "--out", str(out))
    assert again.returncode == 0, again.stderr.decode()
    assert sorted(read_parquet(out / "documents.parquet")["file_name"]) == sorted(TEXTS)
    assert sorted(pd.read_csv(out / "documents.csv")["file_name"]) == sorted(TEXTS)
    import duckdb
    con = duckdb.connect(str(out / "delib.duckdb"), read_only=True)
    assert con.execute("select count(*) from documents").fetchone()[0] == 2
    con.close()
    assert not [p for p in out.iterdir() if p.name.endswith((".tmp", ".wal"))]
