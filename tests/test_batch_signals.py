"""Ctrl-C and SIGTERM stop a real `delib run` within 2 s, keep the documents finished,
say so, and exit 130 / 143."""
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

from delib.ingest import doc_id_for
from delib.output.parquet import read_parquet
from test_bad_inputs import spinning_pdf
from test_batch import processes_marked

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
QUICK = ["001_c628b3d41b0ed031.txt", "002_4f65e2fdb1af9030.txt"]


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds:g} s for {what}"
        time.sleep(0.05)


@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stops_the_run_and_keeps_the_finished_documents(signum, status, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in QUICK:
        shutil.copy(RAW / name, folder / name)
    (folder / "endless.pdf").write_bytes(spinning_pdf(pages=20000))  # keeps one worker busy
    out = tmp_path / "out"
    mark = f"signal-run-{time.time_ns()}"
    proc = subprocess.Popen([sys.executable, "-m", "delib.cli", "run", str(folder), "--out", str(out),
                             "-w", "2", "-q", "--timeout", "600"],
                            env={**os.environ, "DELIB_TEST_MARK": mark}, stderr=subprocess.PIPE)
    texts = [out / "text" / f"{doc_id_for((folder / name).read_bytes())}.txt" for name in QUICK]
    try:
        wait_for(lambda: all(t.exists() for t in texts) or proc.poll() is not None, 180, "the quick documents")
        assert proc.poll() is None, "the run should still be busy with endless.pdf"
        sent = time.monotonic()
        proc.send_signal(signum)
        proc.wait(timeout=30)
        stopped_in = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
    stderr = proc.stderr.read().decode()
    assert proc.returncode == status, stderr
    assert stopped_in < 2.0, f"stopped in {stopped_in:.1f} s"
    assert f"stopped by {signal.Signals(signum).name}" in stderr and "Traceback" not in stderr
    docs = read_parquet(out / "documents.parquet")
    assert sorted(docs["file_name"]) == sorted(QUICK)  # the finished ones; endless.pdf is for the next run
    assert set(read_parquet(out / "deliberations.parquet")["doc_id"]) <= set(docs["doc_id"])
    wait_for(lambda: not processes_marked(mark), 10, "the workers to end")


def test_kill_9_keeps_the_finished_documents_for_the_next_run(tmp_path):
    from delib.output.write import JOURNAL_DIR
    folder = tmp_path / "in"
    folder.mkdir()
    for name in QUICK:
        shutil.copy(RAW / name, folder / name)
    (folder / "endless.pdf").write_bytes(spinning_pdf(pages=20000))
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "delib.cli", "run", str(folder), "--out", str(out),
                             "-w", "2", "-q", "--timeout", "600"], stderr=subprocess.DEVNULL)
    journal = out / JOURNAL_DIR
    try:
        wait_for(lambda: len(list(journal.glob("*.json"))) >= len(QUICK) or proc.poll() is not None, 180,
                 "the quick documents to be journaled")
        assert proc.poll() is None, "the run should still be busy with endless.pdf"
    finally:
        proc.kill()
        proc.wait()
    assert not (out / "documents.parquet").exists()  # killed before it published anything
    again = subprocess.run([sys.executable, "-m", "delib.cli", "run", *(str(folder / n) for n in QUICK),
                            "--out", str(out), "-w", "1"], capture_output=True, timeout=300)
    assert again.returncode == 0, again.stderr.decode()
    assert b"0 processed" in again.stderr and b"2 unchanged kept" in again.stderr
    assert sorted(read_parquet(out / "documents.parquet")["file_name"]) == sorted(QUICK)
    assert sorted(pd.read_csv(out / "documents.csv")["file_name"]) == sorted(QUICK)
    assert not list(journal.glob("*.json"))  # published, then cleared


def test_a_document_over_the_memory_limit_gets_an_error_row(tmp_path):
    """A worker allowed 150 MB cannot even load the models: the document says why."""
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "delib.cli", "run", str(RAW / QUICK[0]), "--out", str(out),
                           "-w", "1", "-q", "--max-memory", "150"], capture_output=True, timeout=300)
    assert done.returncode == 1 and b"Traceback" not in done.stderr, done.stderr.decode()
    docs = read_parquet(out / "documents.parquet")
    assert docs["status"].tolist() == ["error"]
    assert "memory" in docs["error"][0]


def test_a_stopped_pool_has_wound_up_before_the_run_exits():
    # The pool's manager thread, left running after its workers are killed, may close its wake-up
    # pipe while the interpreter's exit writes to it (« OSError: Bad file descriptor » printed after
    # délib's own message on a full disk): stopping a pool waits for that thread.
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from delib.batch.runner import stop_pool

    pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
    running = pool.submit(time.sleep, 60)
    while not running.running():
        time.sleep(0.05)
    manager = pool._executor_manager_thread  # noqa: SLF001 - the thread whose end is awaited
    stop_pool(pool)
    assert not manager.is_alive()
