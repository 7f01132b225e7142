"""The batch runner: find the inputs, process what changed in parallel, write the tables.

It only orchestrates. Each document is processed in isolation (delib.batch.work) by
an executor; a document that fails gets its `documents` row with the reason and
the batch goes on. Runs are incremental, by identity: a document whose bytes
(doc_id), resolved path and pipeline version are already in `--out` keeps its rows;
a run removes nothing it was not told to (`prune`: the documents whose files are gone
from under this run's roots). Each finished document is journaled as it finishes, and
the tables are written atomically, so a run stopped at any moment (SIGINT, SIGTERM,
SIGKILL) loses no finished document and the next run completes the work. One run at a
time holds an output folder (`output_lock`).
"""
from __future__ import annotations

import fcntl
import os
import signal
import socket
import tempfile
import time
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

import pandas as pd

from delib import errors
from delib.ingest import IngestError, hash_file, printable_path
from delib.output.schema import TABLES
from delib.output.tables import conform, frames_from_rows
from delib.batch.version import pipeline_version
from delib.batch.work import DEFAULT_TIMEOUT, DocOutput, failed_output, process_to_rows, start_worker, warm_up
from delib.output.write import (clear_journal, journal_rows, read_journal, read_tables, remove_stale_temp,
                         publish_incomplete, remove_texts, write_tables, write_text)


class InputError(Exception):
    """An input path that does not exist or cannot be listed."""


class OutputBusy(Exception):
    """Another run holds the lock of the output folder."""


LOCK_FILE = ".delib.lock"


@dataclass
class RunReport:
    outputs: list[DocOutput]  # documents processed by this run
    tables: dict[str, pd.DataFrame]
    seconds: float
    reused: int = 0  # documents whose rows were kept from the previous run
    removed: int = 0  # documents of the previous run pruned (their input is gone)
    interrupted_by: Optional[int] = None  # the signal that stopped the run, if one did

    @property
    def status_counts(self) -> dict[str, int]:
        counts = {"ok": 0, "partial": 0, "error": 0}
        for status in self.tables["documents"]["status"].dropna():
            counts[status] = counts.get(status, 0) + 1
        return counts

    @property
    def failed(self) -> int:
        """Documents of this run in error (the tables may hold older ones, not given)."""
        return sum(o.status == "error" for o in self.outputs)

    @property
    def pages(self) -> int:
        return sum(o.pages for o in self.outputs)


@dataclass
class Plan:
    """Which inputs to process, which to refuse unread, and which previous rows to keep."""

    todo: list[Path] = field(default_factory=list)
    refused: dict[Path, str] = field(default_factory=dict)  # input -> why it is not read
    keep_paths: set[str] = field(default_factory=set)  # documents rows kept as they are
    replaced: set[str] = field(default_factory=set)  # documents rows this run's rows replace
    unchanged: int = 0  # inputs given whose rows are kept
    removed: int = 0  # documents pruned


def input_roots(paths: Iterable[Path | str]) -> list[Path]:
    """The inputs as absolute paths, folders resolved (a folder spelled `data/raw` or
    `/abs/data/raw` is the same documents); a file keeps its own name (a link stays a link)."""
    roots = []
    for raw in paths:
        path = Path(raw)
        roots.append(path.resolve() if path.is_dir() else path.parent.resolve() / path.name)
    return roots


def find_inputs(paths: Iterable[Path | str], exclude: Path | None = None) -> list[Path]:
    """Files given, and every non-hidden file below the folders given, in a stable order,
    as absolute paths (see `input_roots`).

    Symbolic links to folders are not followed, so a link loop cannot hang the walk.
    `exclude` (the output folder) is never read as input.
    """
    found: list[Path] = []
    excluded = exclude.resolve() if exclude else None
    roots = input_roots(paths)
    for path in roots:
        if path.is_dir():
            found.extend(_walk(path, excluded, [r for r in roots if r.is_dir()]))
        elif path.exists() or path.is_symlink():
            found.append(path)  # a file, a FIFO, a dangling link: each gets its row
        else:
            raise InputError(f"no such file or folder: {printable_path(path)}")
    return list(dict.fromkeys(found))


def _walk(folder: Path, excluded: Path | None, roots: list[Path]) -> list[Path]:
    """The files below `folder`, and its links to folders out of the `roots` (not walked:
    they get a row that says so)."""
    files = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        root_path = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and (excluded is None or (root_path / d).resolve() != excluded))
        files.extend(root_path / d for d in dirs if (root_path / d).is_symlink()
                     and not is_under((root_path / d).resolve(), roots))
        files.extend(root_path / n for n in sorted(names) if not n.startswith("."))
    return files


def out_problem(out: Path, roots: list[Path]) -> Optional[str]:
    """Why `out` cannot take the tables of a run over `roots`, or None. Checked before any
    document is read; creates `out` when it can."""
    out = out.resolve()
    if out.exists() and not out.is_dir():
        return f"--out {printable_path(out)} is a file, not a folder"
    existing = next(p for p in (out, *out.parents) if p.exists())
    if not existing.is_dir():
        return f"--out {printable_path(out)} is under a file ({printable_path(existing)})"
    for root in (r.resolve() for r in roots if r.is_dir()):
        if is_under(out, [root]):
            return (f"--out {printable_path(out)} is inside the input folder {printable_path(root)}: "
                    "its tables would be read as inputs (choose an --out outside the inputs)")
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        return f"--out {printable_path(out)} is not writable: {exc.strerror or exc}"
    return None


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold `out` for this run: a second run on it raises OutputBusy with who holds it and
    since when. The lock is the kernel's (flock): a dead holder's lock is free again."""
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.read(fd, 1000).decode("utf-8", "replace").strip() or "another process"
        os.close(fd)
        raise OutputBusy(f"--out {printable_path(out)} is being written by another delib run "
                         f"({holder}); wait for it to end") from None
    try:
        os.ftruncate(fd, 0)
        since = time.strftime("%Y-%m-%d %H:%M:%S %z")
        os.write(fd, f"pid {os.getpid()} on {socket.gethostname()}, since {since}\n".encode())
        yield
    finally:
        os.close(fd)


def is_under(path: Path | str, roots: Iterable[Path | str]) -> bool:
    path = Path(path)
    return any(path == Path(root) or Path(root) in path.parents for root in roots)


def refusal(path: Path, roots: list[Path], follow_links: bool) -> Optional[str]:
    """Why `path` is not to be read at all, or None: a symbolic link that leads out of
    the input roots is followed only with --follow-links."""
    if follow_links or not path.is_symlink() or path in roots:
        return None
    target = path.resolve()
    if is_under(target, [root.resolve() for root in roots]):
        return None
    return errors.LINK_NOT_FOLLOWED.tag(f"symbolic link to {printable_path(target)}, outside the input folders: "
                                        "not followed (use --follow-links)")


def plan_run(inputs: list[Path], previous: pd.DataFrame, force: bool, roots: list[Path] | None = None,
             prune: bool = False, follow_links: bool = False) -> Plan:
    """Inputs already processed by this pipeline version keep their rows; errors are retried.

    A run removes nothing it was not told to: previous documents that are not among the
    inputs keep their rows, unless `prune` and their path is under `roots` (then their
    file is gone)."""
    plan = Plan()
    roots = roots if roots is not None else list(inputs)
    done = {} if force else _done_documents(previous)
    given: set[str] = set()
    unchanged: set[str] = set()
    for path in inputs:
        key = printable_path(path)
        given.add(key)
        reason = refusal(path, roots, follow_links)
        if reason:
            plan.refused[path] = reason
        elif key in done and _doc_id_or_none(path) == done[key]:
            unchanged.add(key)  # hashed only when it could be kept: the worker hashes the rest
        else:
            plan.todo.append(path)
    plan.unchanged = len(unchanged)
    root_names = [printable_path(root) for root in roots]
    for key in previous["source_path"].dropna():
        if key in given and key not in unchanged:
            plan.replaced.add(key)
        elif prune and key not in given and is_under(key, root_names):
            plan.removed += 1
        else:
            plan.keep_paths.add(key)
    return plan


def _done_documents(previous: pd.DataFrame) -> dict[str, str]:
    """source_path -> doc_id of the previous documents that need no new work."""
    if previous.empty or "pipeline_version" not in previous.columns:
        return {}
    fresh = previous[(previous["pipeline_version"] == pipeline_version()) & (previous["status"] != "error")]
    return dict(zip(fresh["source_path"], fresh["doc_id"]))


def _doc_id_or_none(path: Path) -> Optional[str]:
    try:
        return hash_file(path)
    except (OSError, IngestError):
        return None


def execute_local(paths: list[Path], workers: int, timeout: float, in_process: bool = False,
                  max_memory_mb: Optional[int] = None) -> Iterator[DocOutput]:
    """Process documents in a pool of `workers` processes, or one by one in this
    process when `in_process` (the Python API's default for one worker).

    A batch uses worker processes even for one worker: a crash inside a C library
    (PDFium, Tesseract) or the kernel's out-of-memory killer then takes one
    document, not the run, and the worker's memory is its own (at most
    `max_memory_mb`: a document that needs more gets an error row)."""
    if in_process:
        warm_up()
        for path in paths:
            yield process_to_rows(str(path), timeout)
        return
    if not paths:
        return
    unfinished: list[Path] = []
    # Largest files first: a long document started last would keep one worker busy alone.
    paths = sorted(paths, key=_size, reverse=True)
    with worker_pool(max(1, min(workers, len(paths))), max_memory_mb) as pool:
        futures = {pool.submit(process_to_rows, str(p), timeout): p for p in paths}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                unfinished.append(futures[future])
    # A worker died (killed, out of memory, a crash in a C library) and took the pool with
    # it: the documents it left are redone one by one, each alone, to find the culprit.
    for path in sorted(unfinished):
        with worker_pool(1, max_memory_mb) as alone:
            try:
                yield alone.submit(process_to_rows, str(path), timeout).result()
            except BrokenProcessPool:
                yield _crashed(path)


@contextmanager
def worker_pool(workers: int, max_memory_mb: Optional[int]) -> Iterator[ProcessPoolExecutor]:
    """A pool of worker processes; interrupted (Ctrl-C, SIGTERM) or abandoned, its workers
    stop at once instead of finishing their documents.

    forkserver: workers start clean (no inherited threads or locks), forked from a server that
    loaded the models once (`delib.batch.preload`) — not once per worker."""
    context = get_context("forkserver")
    context.set_forkserver_preload(["delib.batch.preload"])  # read when the server starts, once per process
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=start_worker, initargs=(max_memory_mb,))
    try:
        yield pool
    except BaseException:
        stop_pool(pool)
        raise
    pool.shutdown()


POOL_STOP_WAIT_S = 30  # how long the pool's manager thread is given to wind up once its workers are gone


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """End a pool without waiting for the documents in progress.

    The pool's manager thread is then waited for (it ends at once, its workers gone): left
    running, it may close its wake-up pipe while the interpreter's exit writes to it, a race of
    `concurrent.futures` that prints « OSError: Bad file descriptor » after délib's own message."""
    # shutdown() forgets its manager thread; there is no public way to wait for it
    manager = getattr(pool, "_executor_manager_thread", None)  # noqa: SLF001
    for process in list((pool._processes or {}).values()):  # noqa: SLF001 - no public way to stop them
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    if manager is not None and manager.is_alive():
        manager.join(timeout=POOL_STOP_WAIT_S)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _crashed(path: Path) -> DocOutput:
    return failed_output(path, errors.WORKER_CRASHED.tag("the process reading this file died (out of memory, "
                                                         "or a crash inside a PDF library)"))


class Interrupted(BaseException):
    """SIGINT or SIGTERM during a run: stop the work, keep what finished."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def signals_raise() -> Iterator[None]:
    """SIGINT and SIGTERM raise Interrupted (in the main thread; elsewhere nothing changes)."""
    def handler(signum, frame):  # noqa: ARG001 - signal handler signature
        raise Interrupted(signum)
    with _signal_handlers(handler):
        yield


@contextmanager
def signals_deferred(received: list[int]) -> Iterator[None]:
    """SIGINT and SIGTERM are noted in `received` while the tables are written."""
    with _signal_handlers(lambda signum, frame: received.append(signum)):
        yield


@contextmanager
def _signal_handlers(handler) -> Iterator[None]:
    try:
        previous = {sig: signal.signal(sig, handler) for sig in STOP_SIGNALS}
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def run_batch(inputs: list[Path], out: Path, workers: int | None = None, force: bool = False,
              timeout: float = DEFAULT_TIMEOUT, executor: Callable[..., Iterator[DocOutput]] | None = None,
              on_start: Callable[[int, int], None] | None = None,
              on_output: Callable[[DocOutput], None] | None = None, roots: list[Path] | None = None,
              prune: bool = False, follow_links: bool = False, max_memory_mb: Optional[int] = None) -> RunReport:
    """Process what changed among `inputs`, merge with the rows kept, write into `out`.

    SIGINT or SIGTERM stops the work at once; the documents finished so far are written,
    and the report says which signal stopped the run."""
    started = time.perf_counter()
    with output_lock(out):
        remove_stale_temp(out)
        previous, resumed = _previous_tables(out)
        plan = Plan(keep_paths=set(previous["documents"]["source_path"]))  # until planned: keep all
        outputs: list[DocOutput] = []
        received: list[int] = []
        try:
            with signals_raise():
                plan = plan_run(inputs, previous["documents"], force, roots=roots, prune=prune,
                                follow_links=follow_links)
                if on_start:
                    on_start(len(plan.todo), plan.unchanged)
                run = executor or partial(execute_local, max_memory_mb=max_memory_mb)
                for output in _outputs(plan, run, workers or os.cpu_count() or 1, timeout):
                    record_output(output, out, outputs, on_output)
        except Interrupted as exc:
            received.append(exc.signum)
        with signals_deferred(received):
            tables = merge_tables(previous, plan, outputs)
            # Nothing new, nothing gone, the last publish complete: the tables on disk are these already.
            if outputs or plan.removed or resumed or publish_incomplete(out):
                write_tables(tables, out)
            clear_journal(out)
            remove_texts(set(previous["documents"]["doc_id"]) - set(tables["documents"]["doc_id"]), out)
    return RunReport(outputs=outputs, tables=tables, seconds=time.perf_counter() - started,
                     reused=plan.unchanged, removed=plan.removed,
                     interrupted_by=received[0] if received else None)


def _previous_tables(out: Path) -> tuple[dict[str, pd.DataFrame], int]:
    """The published tables, plus the documents a killed run finished and journaled
    (how many: they are published by this run)."""
    previous = read_tables(out)
    resumed = [DocOutput(**fields) for fields in read_journal(out)]
    if not resumed:
        return previous, 0
    paths = {o.source_path for o in resumed}
    known = set(previous["documents"]["source_path"])
    fold = Plan(keep_paths=known - paths, replaced=known & paths)
    return merge_tables(previous, fold, resumed), len(resumed)


def _outputs(plan: Plan, run: Callable[..., Iterator[DocOutput]], workers: int, timeout: float) -> Iterator[DocOutput]:
    """The refused inputs' error rows (nothing read), then the documents processed."""
    for path, reason in plan.refused.items():
        yield failed_output(path, reason, read=False)
    work = run(plan.todo, workers, timeout)
    try:
        yield from work
    finally:
        work.close()  # an interrupted executor stops its workers now


def record_output(output: DocOutput, out: Path, outputs: list[DocOutput],
                  on_output: Callable[[DocOutput], None] | None) -> None:
    """Keep a finished document: its text, its journal entry, its place among the outputs,
    all or none (a signal waits until they are done)."""
    received: list[int] = []
    with signals_deferred(received):
        if output.text is not None:
            write_text(output.doc_id, output.text, out)
        for row in output.rows["documents"]:
            row["pipeline_version"] = pipeline_version()
        journal_rows(output.source_path, {**vars(output), "text": None}, out)
        outputs.append(output)
    if received:
        raise Interrupted(received[0])
    if on_output:
        on_output(output)


def mark_duplicate(output: DocOutput, seen: dict[str, str]) -> None:
    """The same bytes under two names: one documents row each, the other rows once."""
    first = seen.setdefault(output.doc_id, output.source_path)
    if first == output.source_path:
        return
    documents = output.rows["documents"]
    output.rows = {name: [] for name in output.rows}
    for row in documents:
        row["warnings"] = f"same bytes as {first}: its rows are not repeated"
    output.rows["documents"] = documents


def merge_tables(previous: dict[str, pd.DataFrame], plan: Plan, outputs: list[DocOutput]) -> dict[str, pd.DataFrame]:
    """Rows kept from the previous run plus the rows of this run, documents sorted by path."""
    version = pipeline_version()
    for output in outputs:
        for row in output.rows["documents"]:
            row["pipeline_version"] = version
    old_docs = previous["documents"]
    finished = {o.source_path for o in outputs}
    # kept: documents not redone, and those an interrupted run did not reach
    unreached = plan.replaced - finished
    kept_docs = old_docs[old_docs["source_path"].isin(plan.keep_paths | unreached)]
    seen = dict(zip(kept_docs.loc[kept_docs["status"] != "error", "doc_id"],
                    kept_docs.loc[kept_docs["status"] != "error", "source_path"]))
    for output in outputs:
        mark_duplicate(output, seen)
    new = frames_from_rows(o.rows for o in outputs)
    merged = {}
    for name in TABLES:
        old = previous[name]
        kept = (old["source_path"].isin(kept_docs["source_path"]) if name == "documents"
                else old["doc_id"].isin(kept_docs["doc_id"]))
        parts = [df for df in (old[kept], new[name]) if not df.empty]
        merged[name] = conform(name, pd.concat(parts, ignore_index=True)) if parts else new[name]
    docs = merged["documents"].sort_values(["source_path", "doc_id"], kind="stable").reset_index(drop=True)
    merged["documents"] = docs
    order = {doc_id: i for i, doc_id in enumerate(docs["doc_id"])}
    for name, df in merged.items():
        if name != "documents" and not df.empty:
            merged[name] = df.sort_values("doc_id", key=lambda ids: ids.map(order), kind="stable").reset_index(drop=True)
    return merged
