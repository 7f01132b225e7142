"""One document through every stage, in isolation: the unit the batch runner maps over.

Whatever happens, the caller gets a DocResult: a failure in ingest gives status
`error` (nothing extracted), a failure in a later stage gives `partial` with what
the earlier stages produced. The error message says which stage failed and why.
"""
from __future__ import annotations

import time
import traceback
from pathlib import Path

from delib import errors
from delib.extract.document import extract_document
from delib.ingest import (SUPPORTED_SUFFIXES, IngestError, doc_id_for, hash_file, ingest, printable_path,
                          regular_file_size)
from delib.model import DocResult
from delib.segment import segment_document


def blank_result(path: Path, read: bool = True) -> DocResult:
    """A DocResult that names the file even when its bytes cannot be read (or, with
    `read` false, must not be: a link out of the input folders)."""
    name = printable_path(path)
    try:
        if not read:
            raise IngestError("not read")
        doc_id = hash_file(path)  # streamed; a FIFO, a device or a huge file is not read
    except (OSError, IngestError):
        # No bytes to hash: derive a stable id from the path so the row still exists.
        doc_id = doc_id_for(("unreadable:" + name).encode())
    fmt = path.suffix.lower().lstrip(".") or "unknown"
    return DocResult(doc_id=doc_id, source_path=name, file_name=printable_path(path.name), format=fmt)


def _failed(path: Path, started: float, error: str) -> DocResult:
    result = blank_result(path)
    result.status, result.error = "error", error
    result.seconds = time.perf_counter() - started
    return result


def _describe(exc: BaseException) -> str:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    place = f" (in {Path(where.filename).name}:{where.lineno})" if where else ""
    return f"{type(exc).__name__}: {exc}{place}"


def process_path(path: Path | str) -> DocResult:
    """Ingest, segment and extract one file. Never raises for a bad document."""
    path = Path(path)
    started = time.perf_counter()
    try:
        regular_file_size(path)  # look before reading: a FIFO would block the reader forever
    except IngestError as exc:
        return _failed(path, started, str(exc))
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        readable = ", ".join(sorted(SUPPORTED_SUFFIXES))
        return _failed(path, started, errors.UNSUPPORTED_TYPE.tag(
            f"unsupported file type '{path.suffix or '(none)'}': délib reads {readable}"))
    try:
        doc = ingest(path)
    except IngestError as exc:
        return _failed(path, started, str(exc))
    except MemoryError:
        raise  # the worker's limit: reported as such by delib.batch.work
    except Exception as exc:  # a reader bug must not stop the batch
        return _failed(path, started, errors.READER_FAILED.tag(f"could not read the file: {_describe(exc)}"))

    # ingest read and hashed the bytes: the result takes its identity from the Document
    result = DocResult(doc_id=doc.doc_id, source_path=doc.source_path, file_name=doc.file_name, format=doc.format,
                       document=doc)
    problems = list(doc.problems)
    try:
        result.segments = segment_document(doc)
        result.extraction = extract_document(doc, result.segments)
    except Exception as exc:
        problems.append(errors.STRUCTURE_FAILED.tag(f"structure/extraction failed: {_describe(exc)}"))
        result.status = "partial"
    problems += [errors.extraction_problem(p) for p in result.extraction.problems]
    if result.extraction.problems:
        result.status = "partial"
    if not doc.text.strip():
        result.status = "error"
        problems.insert(0, errors.NO_TEXT.tag("no text could be extracted"))
    elif doc.problems and result.status == "ok":
        result.status = "partial"
    result.error = "; ".join(problems) or None
    result.seconds = time.perf_counter() - started
    return result
