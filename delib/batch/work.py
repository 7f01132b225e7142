"""The unit of work an executor runs: one file -> its table rows, within a time limit.

Workers (a local process pool, or Dask workers on other machines) send back a
small, picklable `DocOutput` — table rows and the text — never the Document with
its PDF words, so that results travel cheaply to the single writer.
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

from delib import errors
from delib.model import DocResult
from delib.batch.process import blank_result, process_path
from delib.output.tables import rows_of

DEFAULT_TIMEOUT = 120.0


class DocumentTimeout(BaseException):
    """A document took longer than the time allowed to one document.

    A BaseException, like KeyboardInterrupt: the stages catch every Exception of a
    bad document to keep going, and must not swallow the alarm that stops it."""


@dataclass
class DocOutput:
    doc_id: str
    source_path: str
    file_name: str
    status: str
    error: Optional[str]
    pages: int
    seconds: float
    text: Optional[str] = None
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    peak_rss_mb: float = 0.0  # of the process that did the work, when it finished this document


@contextmanager
def time_limit(seconds: Optional[float]) -> Iterator[None]:
    """Raise DocumentTimeout in this (main) thread after `seconds`.

    The parsers are pure Python, so the alarm interrupts them wherever they spin.
    Outside the main thread signals cannot be used; the limit is then not applied.
    """
    if not seconds or seconds <= 0:
        yield
        return
    try:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
    except ValueError:  # not the main thread
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _on_alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise DocumentTimeout


# A few lines in which every extractor finds something, so that `warm_up` makes each
# load what it loads once per process.
WARM_UP_TEXT = """CONSEIL MUNICIPAL DE LA VILLE DE PARIS
Séance du 12 mars 2020

Présents : M. Jean DUPONT, Mme Anne MARTIN.
Excusé : M. Paul DURAND (pouvoir à Mme MARTIN).

1. Subvention de 1 000 € à la Direction de la Voirie et des Déplacements (DVD)

Le Conseil municipal, après en avoir délibéré, à l'unanimité, décide d'accorder la subvention.
Pour : 25 Contre : 0 Abstentions : 2
"""


DEFAULT_MAX_MEMORY_MB = 900


def start_worker(max_memory_mb: Optional[int] = None) -> None:
    """What a worker process does before its first document: watch its batch process,
    limit its memory, then `warm_up`. Ctrl-C is the batch's to handle: it stops its
    workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    if max_memory_mb:
        limit_memory(max_memory_mb)
    warm_up()


def limit_memory(megabytes: int) -> None:
    """Cap this process's data memory (heap and private mappings, RLIMIT_DATA): past it an
    allocation fails, and the document gets an error row instead of the machine swapping."""
    limit = megabytes * 2**20
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


def _exit_with_parent() -> None:
    """End this worker when the process that started it dies.

    A batch killed with SIGKILL (or by the out-of-memory killer) cleans nothing up,
    and its workers would wait for work forever, each holding its 350 MB."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="delib-parent-watch", daemon=True).start()


def warm_up() -> None:
    """Load in this process what every document needs — the spaCy model, the rule
    patterns, dateparser's French data, the PDF libraries — by extracting a few lines.

    Workers call it when they start, so a document's `seconds` measure the document,
    not the eight seconds of the worker's start that the first one would otherwise
    carry. A failure here is left for the documents to report, each with its error."""
    try:
        import delib.ingest.pdf  # noqa: F401 - pypdfium2 and pdfplumber imported now
        from delib.extract.document import extract_document
        from delib.model import Document
        from delib.segment import segment_document

        doc = Document(doc_id="warm-up", source_path="", file_name="", format="txt", text=WARM_UP_TEXT)
        extract_document(doc, segment_document(doc))
    except Exception:  # noqa: BLE001 - see the docstring
        pass


def pages_of(r: DocResult, chars_per_page: int = 3000) -> int:
    """PDF pages, or the pages marked in a text, or its length in page equivalents."""
    doc = r.document
    if doc is None:
        return 0
    if doc.n_pages:
        return doc.n_pages
    return len(doc.pages) or max(1, -(-len(doc.text) // chars_per_page))


def failed_output(path: Path | str, error: str, read: bool = True) -> DocOutput:
    """The output of a file whose processing could not even report, or that is not to be
    read (`read` false): an error row."""
    result = blank_result(Path(path), read=read)
    result.status, result.error = "error", error
    return DocOutput(doc_id=result.doc_id, source_path=result.source_path, file_name=result.file_name,
                     status=result.status, error=result.error, pages=0, seconds=0.0, rows=rows_of(result))


def process_to_rows(path: str, timeout: Optional[float] = DEFAULT_TIMEOUT) -> DocOutput:
    """Process one file and return its rows; a file that takes too long gets an error row."""
    started = time.perf_counter()
    try:
        with time_limit(timeout):
            result = process_path(Path(path))
    except MemoryError:
        output = failed_output(path, errors.MEMORY_LIMIT.tag("the document needs more memory than a worker may use "
                                                             "(raise the limit with --max-memory)"), read=False)
        output.seconds = time.perf_counter() - started
        return output
    except DocumentTimeout:
        output = failed_output(path, errors.TIMEOUT.tag(f"processing took longer than {timeout:g} s and was stopped "
                                                        "(raise the limit with --timeout)"))
        output.seconds = time.perf_counter() - started
        return output
    return DocOutput(
        doc_id=result.doc_id, source_path=result.source_path, file_name=result.file_name,
        status=result.status, error=result.error, pages=pages_of(result), seconds=result.seconds,
        text=result.document.text if result.document is not None else None, rows=rows_of(result),
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )
