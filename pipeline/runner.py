"""The batch runner: find the inputs, process each in isolation, write the tables.

It only orchestrates stages; a document that fails gets its `documents` row with
the reason and the batch goes on.
"""
from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd

from pipeline.ingest import SUPPORTED_SUFFIXES
from pipeline.model import DocResult
from pipeline.process import blank_result, process_path
from pipeline.tables import build_tables
from pipeline.write import write_tables, write_text

# Text without page markers counts one page per this many characters in throughput figures.
CHARS_PER_PAGE = 3000


class InputError(Exception):
    """An input path that does not exist or cannot be listed."""


@dataclass
class RunReport:
    results: list[DocResult]
    tables: dict[str, pd.DataFrame]
    seconds: float

    @property
    def status_counts(self) -> dict[str, int]:
        counts = {"ok": 0, "partial": 0, "error": 0}
        for r in self.results:
            counts[r.status] = counts.get(r.status, 0) + 1
        return counts

    @property
    def pages(self) -> int:
        return sum(pages_of(r) for r in self.results)


def pages_of(r: DocResult) -> int:
    """PDF pages, or the pages marked in a text, or its length in page equivalents."""
    doc = r.document
    if doc is None:
        return 0
    if doc.n_pages:
        return doc.n_pages
    return len(doc.pages) or max(1, math.ceil(len(doc.text) / CHARS_PER_PAGE))


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


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def unsupported_result(path: Path) -> DocResult:
    result = blank_result(path)
    result.status = "error"
    result.error = (f"unsupported file type '{path.suffix or '(none)'}': délib reads "
                    + ", ".join(sorted(SUPPORTED_SUFFIXES)))
    return result


def run_batch(inputs: list[Path], out: Path,
              on_result: Callable[[DocResult], None] | None = None) -> RunReport:
    """Process every input, write the tables and texts into `out`, and report."""
    started = time.perf_counter()
    results = []
    for path in inputs:
        result = process_path(path) if is_supported(path) else unsupported_result(path)
        if result.document is not None:
            write_text(result.doc_id, result.document.text, out)
        results.append(result)
        if on_result:
            on_result(result)
    tables = build_tables(results)
    write_tables(tables, out)
    return RunReport(results=results, tables=tables, seconds=time.perf_counter() - started)
