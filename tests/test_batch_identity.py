"""Incremental by identity: a run adds and updates, removes only with --prune; the output
folder is checked and locked before any document is read."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from delib.cli.main import main
from delib.batch.runner import LOCK_FILE, output_lock
from delib.output.parquet import read_parquet

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
TEXTS = ["001_c628b3d41b0ed031.txt", "002_4f65e2fdb1af9030.txt", "003_d498d23d04574811.txt"]


def run(*args: str):
    return CliRunner().invoke(main, ["run", *args, "-w", "1"], catch_exceptions=False)


def documents(out: Path) -> pd.DataFrame:
    return read_parquet(out / "documents.parquet")


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in TEXTS[:2]:
        shutil.copy(RAW / name, folder / name)
    return folder


def test_a_run_on_one_file_removes_none_of_the_others(corpus, tmp_path):
    out = tmp_path / "out"
    assert run(str(corpus), "--out", str(out)).exit_code == 0
    result = run(str(corpus / TEXTS[0]), "--out", str(out))
    assert result.exit_code == 0
    assert "0 processed" in result.output and "0 removed" in result.output
    assert sorted(documents(out)["file_name"]) == sorted(TEXTS[:2])


def test_adding_one_file_processes_one_document_and_removes_none(corpus, tmp_path):
    out = tmp_path / "out"
    assert run(str(corpus), "--out", str(out)).exit_code == 0
    before = read_parquet(out / "deliberations.parquet")
    shutil.copy(RAW / TEXTS[2], corpus / TEXTS[2])
    result = run(str(corpus), "--out", str(out))
    assert "1 processed" in result.output and "2 unchanged kept" in result.output and "0 removed" in result.output
    assert sorted(documents(out)["file_name"]) == sorted(TEXTS)
    after = read_parquet(out / "deliberations.parquet")
    assert set(before["doc_id"]) <= set(after["doc_id"])


def test_a_folder_spelled_relative_or_absolute_is_the_same_documents(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    monkeypatch.chdir(tmp_path)
    assert run("in", "--out", "out").exit_code == 0
    result = run(str(corpus), "--out", str(out))
    assert "0 processed" in result.output and "2 unchanged kept" in result.output
    assert len(documents(out)) == 2
    assert all(Path(p).is_absolute() for p in documents(out)["source_path"])


def test_a_gone_file_stays_without_prune_and_leaves_with_its_text_with_prune(corpus, tmp_path):
    out = tmp_path / "out"
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(RAW / TEXTS[2], other / TEXTS[2])
    assert run(str(corpus), str(other), "--out", str(out)).exit_code == 0
    gone_id = documents(out).set_index("file_name").loc[TEXTS[1], "doc_id"]
    (corpus / TEXTS[1]).unlink()
    result = run(str(corpus), "--out", str(out))
    assert "0 removed" in result.output and len(documents(out)) == 3
    result = run(str(corpus), "--out", str(out), "--prune")
    assert "1 removed" in result.output
    # pruned: only what was under this run's roots; `other` was not given, its document stays
    assert sorted(documents(out)["file_name"]) == sorted([TEXTS[0], TEXTS[2]])
    assert not (out / "text" / f"{gone_id}.txt").exists()
    for name in ("deliberations", "segments"):
        assert gone_id not in set(read_parquet(out / f"{name}.parquet")["doc_id"])


# --- check before working -------------------------------------------------------------

def assert_refused_before_reading(result, out: Path, words: str):
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], result.stderr
    assert not (out / "documents.parquet").exists() if out.is_dir() else True


def test_out_that_is_a_file_is_refused(corpus, tmp_path):
    out = tmp_path / "out"
    out.write_text("x")
    assert_refused_before_reading(run(str(corpus), "--out", str(out)), out, "is a file")


def test_out_under_a_file_is_refused(corpus, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert_refused_before_reading(run(str(corpus), "--out", str(blocker / "out")), blocker, "under a file")


def test_out_inside_an_input_folder_is_refused(corpus):
    out = corpus / "tables"
    assert_refused_before_reading(run(str(corpus), "--out", str(out)), out, "inside the input folder")
    assert_refused_before_reading(run(str(corpus), "--out", str(corpus)), corpus, "inside the input folder")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through permissions")
def test_out_not_writable_is_refused(corpus, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    assert_refused_before_reading(run(str(corpus), "--out", str(locked / "out")), locked, "not writable")


# --- one writer per output ------------------------------------------------------------

def test_a_second_run_on_the_same_out_is_refused_with_the_holder(corpus, tmp_path):
    out = tmp_path / "out"
    with output_lock(out):
        result = run(str(corpus), "--out", str(out))
    assert_refused_before_reading(result, out, f"pid {os.getpid()}")
    assert "since" in result.stderr


def test_a_stale_lock_is_taken_over(corpus, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_FILE).write_text("pid 999999999 on elsewhere, since 2020-01-01 00:00:00\n")
    assert run(str(corpus), "--out", str(out)).exit_code == 0
    assert len(documents(out)) == 2
