"""Ingest: bytes of a file -> Document (clean text, pages, words with coordinates).

The format is decided from the bytes, not the file name: a `.txt` that is really
a PDF is read as a PDF, and a `.pdf` that is really HTML is reported as such.
"""
from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from delib import errors
from delib.model import Document

TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
SUPPORTED_SUFFIXES = {".pdf", *TEXT_SUFFIXES}
# A text file larger than this is not a deliberation (a log, a dump, a concatenation):
# refused at once rather than after minutes of work.
MAX_TEXT_BYTES = 20 * 1024 * 1024
# Any file larger than this (a PDF included) is refused on its size, before a byte is read.
MAX_FILE_BYTES = 512 * 1024 * 1024
HASH_CHUNK = 1024 * 1024
NOT_REGULAR = "not a regular file"


class IngestError(Exception):
    """A file that cannot be read; the message is meant for a person."""


def doc_id_for(data: bytes) -> str:
    """Stable id of a document: first 16 hex digits of the SHA-256 of its bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


def printable_path(path: Path | str) -> str:
    """The path as stored in the tables: a name that is not valid UTF-8 keeps its bytes
    as escapes (\\xe9), so that every file name can be written and printed."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def regular_file_size(path: Path | str) -> int:
    """The size of a regular file (symbolic links followed); IngestError for anything else
    (a FIFO, a socket, a device, a folder), which is never opened."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise IngestError(_cannot_read(exc)) from exc
    if not stat.S_ISREG(info.st_mode):
        raise IngestError(errors.NOT_REGULAR_FILE.tag(f"{NOT_REGULAR} ({_kind_of(info.st_mode)})"))
    return info.st_size


def _cannot_read(exc: OSError) -> str:
    return errors.CANNOT_READ.tag(f"cannot read the file: {exc.strerror or exc}")


def _kind_of(mode: int) -> str:
    kinds = [(stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder")]
    return next((name for test, name in kinds if test(mode)), "not a file")


def open_regular(path: Path | str):
    """A binary file object on `path`, checked again on the open descriptor to be a regular
    file (O_NONBLOCK: a FIFO swapped in after the check cannot block the open)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise IngestError(errors.NOT_REGULAR_FILE.tag(NOT_REGULAR))
    return os.fdopen(fd, "rb")


def hash_file(path: Path | str) -> str:
    """doc_id of a regular file within MAX_FILE_BYTES, read in chunks (never whole)."""
    if regular_file_size(path) > MAX_FILE_BYTES:
        raise IngestError(_too_large(path, MAX_FILE_BYTES))
    digest = hashlib.sha256()
    with open_regular(path) as f:
        while chunk := f.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()[:16]


def _too_large(path: Path | str, limit: int, size: int | None = None) -> str:
    size = os.stat(path).st_size if size is None else size
    return errors.TOO_LARGE.tag(f"file too large ({size / 2**20:.0f} MB; délib reads files up to {limit // 2**20} MB)")


def _text_too_large(size: int) -> str:
    return errors.TOO_LARGE.tag(f"text file too large ({size / 2**20:.0f} MB; délib reads texts up to "
                                f"{MAX_TEXT_BYTES // 2**20} MB): split it into its documents")


def _read_checked(path: Path) -> bytes:
    """The bytes of a regular file, its size checked on stat before they are read: any
    file within MAX_FILE_BYTES, a text file (by its first bytes) within MAX_TEXT_BYTES."""
    size = regular_file_size(path)
    if size > MAX_FILE_BYTES:
        raise IngestError(_too_large(path, MAX_FILE_BYTES, size))
    try:
        with open_regular(path) as f:
            head = f.read(1024)
            is_pdf = head.lstrip().startswith(b"%PDF")
            if not is_pdf and size > MAX_TEXT_BYTES:
                raise IngestError(_text_too_large(size))
            return head + f.read(MAX_FILE_BYTES + 1 - len(head))
    except OSError as exc:
        raise IngestError(_cannot_read(exc)) from exc


def detect_format(path: Path, data: bytes) -> str:
    """`pdf`, `txt`, `md` or `html`, from the magic bytes first and the suffix second."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        if head[:15].lower().startswith((b"<!doctype html", b"<html")):
            raise IngestError(errors.NOT_A_PDF.tag("this .pdf file is really an HTML page "
                                                   "(a download that returned a web page?)"))
        raise IngestError(errors.NOT_A_PDF.tag("not a PDF: the file does not start with the %PDF signature "
                                           "(corrupt or truncated download?)"))
    return TEXT_SUFFIXES.get(suffix, "txt")


def ingest(path: Path) -> Document:
    """Read one file into a Document. Raises IngestError with a readable reason."""
    path = Path(path)
    data = _read_checked(path)
    doc = Document(doc_id=doc_id_for(data), source_path=printable_path(path),
                   file_name=printable_path(path.name), format="")
    if not data.strip():
        doc.format = TEXT_SUFFIXES.get(path.suffix.lower(), path.suffix.lower().lstrip(".") or "txt")
        raise IngestError(errors.EMPTY_FILE.tag("empty file: nothing to read"))
    doc.format = detect_format(path, data)
    if doc.format != "pdf" and len(data) > MAX_TEXT_BYTES:
        raise IngestError(_text_too_large(len(data)))
    if doc.format == "pdf":
        from delib.ingest.pdf import read_pdf

        read_pdf(data, doc)
    else:
        from delib.ingest.text import read_text

        read_text(data, doc)
    return doc
