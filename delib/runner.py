"""The batch runner: find the inputs, process what changed in parallel, write the tables.

It only orchestrates. Each document is processed in isolation (delib.work) by
an executor; a document that fails gets its `documents` row with the reason and
the batch goes on. Runs are incremental: a document whose bytes (doc_id), path and
pipeline version are already in `--out` keeps its rows; inputs that are gone lose
theirs. Tables are written atomically, so a run stopped at any moment leaves the
previous tables readable, and the next run completes the work.
"""
from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

import pandas as pd

from delib.ingest import doc_id_for
from delib.schema import TABLES
from delib.tables import conform, frames_from_rows
from delib.version import pipeline_version
from delib.work import DEFAULT_TIMEOUT, DocOutput, failed_output, process_to_rows, start_worker, warm_up
from delib.write import read_tables, write_tables, write_text, written_files


class InputError(Exception):
    """An input path that does not exist or cannot be listed."""


@dataclass
class RunReport:
    outputs: list[DocOutput]  # documents processed by this run
    tables: dict[str, pd.DataFrame]
    seconds: float
    reused: int = 0  # documents whose rows were kept from the previous run
    removed: int = 0  # documents of the previous run whose input is gone

    @property
    def status_counts(self) -> dict[str, int]:
        counts = {"ok": 0, "partial": 0, "error": 0}
        for status in self.tables["documents"]["status"].dropna():
            counts[status] = counts.get(status, 0) + 1
        return counts

    @property
    def pages(self) -> int:
        return sum(o.pages for o in self.outputs)


@dataclass
class Plan:
    """Which inputs to process and which previous rows to keep."""

    todo: list[Path] = field(default_factory=list)
    keep_ids: set[str] = field(default_factory=set)
    keep_paths: set[str] = field(default_factory=set)
    removed: int = 0


def find_inputs(paths: Iterable[Path | str], exclude: Path | None = None) -> list[Path]:
    """Files given, and every non-hidden file below the folders given, in a stable order.

    Symbolic links to folders are not followed, so a link loop cannot hang the walk.
    `exclude` (the output folder) is never read as input.
    """
    found: list[Path] = []
    excluded = exclude.resolve() if exclude else None
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(_walk(path, excluded))
        elif path.is_symlink():
            found.append(path)  # a dangling link still gets its error row
        else:
            raise InputError(f"no such file or folder: {path}")
    return list(dict.fromkeys(found))


def _walk(folder: Path, excluded: Path | None) -> list[Path]:
    files = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        root_path = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and (excluded is None or (root_path / d).resolve() != excluded))
        files.extend(root_path / n for n in sorted(names) if not n.startswith("."))
    return files


def plan_run(inputs: list[Path], previous: pd.DataFrame, force: bool) -> Plan:
    """Inputs already processed by this pipeline version keep their rows; errors are retried."""
    plan = Plan()
    version = pipeline_version()
    done: dict[str, str] = {}
    if not force and not previous.empty and "pipeline_version" in previous.columns:
        fresh = previous[(previous["pipeline_version"] == version) & (previous["status"] != "error")]
        done = dict(zip(fresh["source_path"], fresh["doc_id"]))
    for path in inputs:
        # Hash only what could be kept: the worker reads and hashes every file it processes.
        doc_id = _doc_id_or_none(path) if str(path) in done else None
        if doc_id is not None and done[str(path)] == doc_id:
            plan.keep_ids.add(doc_id)
            plan.keep_paths.add(str(path))
        else:
            plan.todo.append(path)
    if not previous.empty:
        current = {str(p) for p in inputs}
        plan.removed = int((~previous["source_path"].isin(current)).sum())
    return plan


def _doc_id_or_none(path: Path) -> Optional[str]:
    try:
        return doc_id_for(path.read_bytes())
    except OSError:
        return None


def execute_local(paths: list[Path], workers: int, timeout: float, in_process: bool = False) -> Iterator[DocOutput]:
    """Process documents in a pool of `workers` processes, or one by one in this
    process when `in_process` (the Python API's default for one worker).

    A batch uses worker processes even for one worker: a crash inside a C library
    (PDFium, Tesseract) or the kernel's out-of-memory killer then takes one
    document, not the run, and the worker's memory is its own."""
    if in_process:
        warm_up()
        for path in paths:
            yield process_to_rows(str(path), timeout)
        return
    if not paths:
        return
    workers = max(1, min(workers, len(paths)))
    unfinished: list[Path] = []
    # Largest files first: a long document started last would keep one worker busy alone.
    paths = sorted(paths, key=_size, reverse=True)
    # forkserver: workers start clean (no inherited threads or locks) and load models once
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("forkserver"), initializer=start_worker) as pool:
        futures = {pool.submit(process_to_rows, str(p), timeout): p for p in paths}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                unfinished.append(futures[future])
    # A worker died (killed, out of memory, a crash in a C library) and took the pool with
    # it: the documents it left are redone one by one, each alone, to find the culprit.
    for path in sorted(unfinished):
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("forkserver"), initializer=start_worker) as alone:
            try:
                yield alone.submit(process_to_rows, str(path), timeout).result()
            except BrokenProcessPool:
                yield _crashed(path)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _crashed(path: Path) -> DocOutput:
    return failed_output(path, "the process reading this file died (out of memory, or a crash inside a PDF library)")


def run_batch(inputs: list[Path], out: Path, workers: int | None = None, force: bool = False,
              timeout: float = DEFAULT_TIMEOUT, executor: Callable[..., Iterator[DocOutput]] | None = None,
              on_start: Callable[[int, int], None] | None = None,
              on_output: Callable[[DocOutput], None] | None = None) -> RunReport:
    """Process what changed among `inputs`, merge with the rows kept, write into `out`."""
    started = time.perf_counter()
    previous = read_tables(out)
    plan = plan_run(inputs, previous["documents"], force)
    if on_start:
        on_start(len(plan.todo), len(plan.keep_ids))
    run = executor or execute_local
    outputs: list[DocOutput] = []
    seen: dict[str, str] = {}
    for output in run(plan.todo, workers or os.cpu_count() or 1, timeout):
        mark_duplicate(output, seen)
        if output.text is not None:
            write_text(output.doc_id, output.text, out)
        outputs.append(output)
        if on_output:
            on_output(output)
    tables = merge_tables(previous, plan, outputs)
    # Nothing new, nothing gone, every file there: the tables on disk are these already.
    if outputs or plan.removed or not all(p.exists() for p in written_files(out)):
        write_tables(tables, out)
    return RunReport(outputs=outputs, tables=tables, seconds=time.perf_counter() - started,
                     reused=len(plan.keep_ids), removed=plan.removed)


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
    new = frames_from_rows(o.rows for o in outputs)
    merged = {}
    for name in TABLES:
        old = previous[name]
        kept = old["source_path"].isin(plan.keep_paths) if name == "documents" else old["doc_id"].isin(plan.keep_ids)
        parts = [df for df in (old[kept], new[name]) if not df.empty]
        merged[name] = conform(name, pd.concat(parts, ignore_index=True)) if parts else new[name]
    docs = merged["documents"].sort_values(["source_path", "doc_id"], kind="stable").reset_index(drop=True)
    merged["documents"] = docs
    order = {doc_id: i for i, doc_id in enumerate(docs["doc_id"])}
    for name, df in merged.items():
        if name != "documents" and not df.empty:
            merged[name] = df.sort_values("doc_id", key=lambda ids: ids.map(order), kind="stable").reset_index(drop=True)
    return merged
