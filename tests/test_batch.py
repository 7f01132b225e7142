"""Batch runs: incremental, resumable, parallel, on Dask, and within a time limit."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from delib.cli.main import main
from delib.output.schema import TABLES
from delib.output.parquet import read_parquet

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
SMALL = ["001_c628b3d41b0ed031.txt", "002_4f65e2fdb1af9030.txt", "convention_paris_val-de-marne.pdf"]


def run(*args: str):
    return CliRunner().invoke(main, ["run", *args], catch_exceptions=False)


def tables(out: Path) -> dict[str, pd.DataFrame]:
    # `seconds` and `pipeline_version`-free comparison: timings differ between runs
    return {name: read_parquet(out / f"{name}.parquet").drop(columns=["seconds"], errors="ignore")
            for name in TABLES}


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in SMALL:
        shutil.copy(RAW / name, folder / name)
    return folder


def test_second_run_keeps_unchanged_documents(corpus, tmp_path):
    out = tmp_path / "out"
    assert run(str(corpus), "--out", str(out), "-w", "1").exit_code == 0
    first = tables(out)
    result = run(str(corpus), "--out", str(out), "-w", "1")
    assert "0 processed" in result.output and "3 unchanged kept" in result.output
    second = tables(out)
    for name in TABLES:
        pd.testing.assert_frame_equal(first[name], second[name], obj=name)


def test_an_unchanged_batch_rewrites_nothing_but_restores_a_deleted_file(corpus, tmp_path):
    out = tmp_path / "out"
    assert run(str(corpus), "--out", str(out), "-w", "1").exit_code == 0
    written = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file() and p.name != ".delib.lock"}
    assert run(str(corpus), "--out", str(out), "-w", "1").exit_code == 0
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()
            if p.is_file() and p.name != ".delib.lock"} == written
    (out / "actions.csv").unlink()
    assert run(str(corpus), "--out", str(out), "-w", "1").exit_code == 0
    assert len(pd.read_csv(out / "actions.csv")) == len(tables(out)["actions"]) > 0


def test_changed_and_deleted_inputs_are_redone_and_pruned(corpus, tmp_path):
    out = tmp_path / "out"
    assert run(str(corpus), "--out", str(out), "-w", "1").exit_code == 0
    old_ids = set(tables(out)["documents"]["doc_id"])
    changed = corpus / SMALL[0]
    changed.write_text(changed.read_text(encoding="utf-8").replace("32 voix pour", "31 voix pour"), encoding="utf-8")
    (corpus / SMALL[1]).unlink()
    result = run(str(corpus), "--out", str(out), "-w", "1", "--prune")
    assert "1 processed" in result.output and "1 unchanged kept" in result.output and "1 removed" in result.output
    now = tables(out)
    assert sorted(now["documents"]["file_name"]) == sorted([SMALL[0], SMALL[2]])
    gone = old_ids - set(now["documents"]["doc_id"])
    assert len(gone) == 2  # the deleted file, and the old bytes of the changed one
    for name, df in now.items():
        assert not df["doc_id"].isin(gone).any(), name
    assert now["deliberations"]["pour"].tolist() == [31]
    assert {p.stem for p in (out / "text").iterdir()} == set(now["documents"]["doc_id"])  # no stale texts


def test_force_processes_everything_again(corpus, tmp_path):
    out = tmp_path / "out"
    assert run(str(corpus), "--out", str(out), "-w", "1").exit_code == 0
    assert "3 processed" in run(str(corpus), "--out", str(out), "-w", "1", "--force").output


def test_two_workers_give_the_same_tables_as_one(corpus, tmp_path):
    assert run(str(corpus), "--out", str(tmp_path / "one"), "-w", "1").exit_code == 0
    assert run(str(corpus), "--out", str(tmp_path / "two"), "-w", "2").exit_code == 0
    one, two = tables(tmp_path / "one"), tables(tmp_path / "two")
    for name in TABLES:
        pd.testing.assert_frame_equal(one[name], two[name], obj=name)


def test_dask_local_cluster_gives_the_same_tables(corpus, tmp_path):
    pytest.importorskip("dask.distributed")
    assert run(str(corpus), "--out", str(tmp_path / "local"), "-w", "1").exit_code == 0
    result = run(str(corpus), "--out", str(tmp_path / "dask"), "-w", "2", "--executor", "dask")
    assert result.exit_code == 0, result.output
    local, dask = tables(tmp_path / "local"), tables(tmp_path / "dask")
    for name in TABLES:
        pd.testing.assert_frame_equal(local[name], dask[name], obj=name)


def test_scheduler_needs_the_dask_executor(corpus, tmp_path):
    result = CliRunner().invoke(main, ["run", str(corpus), "--out", str(tmp_path), "--scheduler", "tcp://x:1"])
    assert result.exit_code == 2 and "--executor dask" in result.output


def test_a_document_over_the_time_limit_gets_an_error_row(corpus, tmp_path):
    out = tmp_path / "out"
    result = run(str(corpus / SMALL[2]), str(corpus / SMALL[0]), "--out", str(out), "-w", "1", "--timeout", "0.001")
    assert result.exit_code == 1
    docs = tables(out)["documents"].set_index("file_name")
    assert (docs["status"] == "error").all()
    assert docs["error"].str.contains("longer than 0.001 s").all()
    assert (docs["error_codes"] == "E020").all()


def test_a_killed_run_leaves_readable_tables_and_the_next_run_completes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in RAW.iterdir():
        shutil.copy(path, folder / path.name)
    out = tmp_path / "out"
    assert run(str(folder / SMALL[0]), "--out", str(out), "-w", "1").exit_code == 0
    delib = [sys.executable, "-m", "delib.cli", "run", str(folder), "--out", str(out), "-w", "1", "-q"]
    mark = f"killed-run-{time.time_ns()}"  # inherited by the run's worker processes
    proc = subprocess.Popen(delib, env={**os.environ, "DELIB_TEST_MARK": mark})
    # kill as soon as a worker process is alive: the run is then somewhere in its batch
    deadline = time.time() + 120
    while proc.poll() is None and not workers_of(mark, proc.pid) and time.time() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None and workers_of(mark, proc.pid), "the run's worker should be alive"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    for name in TABLES:  # the previous tables, or the new ones: never a torn file
        read_parquet(out / f"{name}.parquet")
    # (a worker busy loading its model on a loaded machine takes a while to see its parent gone)
    deadline = time.time() + 60
    while processes_marked(mark) and time.time() < deadline:
        time.sleep(0.5)
    assert not processes_marked(mark), "the killed run's worker went on without it"
    assert run(str(folder), "--out", str(out), "-w", "1").exit_code == 0
    assert sorted(tables(out)["documents"]["file_name"]) == sorted(p.name for p in folder.iterdir())


def workers_of(mark: str, parent: int) -> list[int]:
    """The marked processes other than the run itself: its workers."""
    return [pid for pid in processes_marked(mark) if pid != parent]


def processes_marked(mark: str) -> list[int]:
    """Live processes whose environment holds DELIB_TEST_MARK=mark (zombies aside)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if f"DELIB_TEST_MARK={mark}".encode() in (proc / "environ").read_bytes().split(b"\0") \
                    and " Z " not in (proc / "stat").read_text():
                found.append(int(proc.name))
        except (OSError, ValueError):
            continue
    return found
