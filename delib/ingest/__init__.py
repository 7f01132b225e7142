"""Ingest: bytes of a file -> Document (clean text, pages, words with coordinates).

The format is decided from the bytes, not the file name: a `.txt` that is really
a PDF is read as a PDF, and a `.pdf` that is really HTML is reported as such.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from delib.model import Document

TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
SUPPORTED_SUFFIXES = {".pdf", *TEXT_SUFFIXES}
# A text file larger than this is not a deliberation (a log, a dump, a concatenation):
# refused at once rather than after minutes of work.
MAX_TEXT_BYTES = 20 * 1024 * 1024


class IngestError(Exception):
    """A file that cannot be read; the message is meant for a person."""


def doc_id_for(data: bytes) -> str:
    """Stable id of a document: first 16 hex digits of the SHA-256 of its bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


def detect_format(path: Path, data: bytes) -> str:
    """`pdf`, `txt`, `md` or `html`, from the magic bytes first and the suffix second."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        if head[:15].lower().startswith((b"<!doctype html", b"<html")):
            raise IngestError("this .pdf file is really an HTML page (a download that returned a web page?)")
        raise IngestError("not a PDF: the file does not start with the %PDF signature (corrupt or truncated download?)")
    return TEXT_SUFFIXES.get(suffix, "txt")


def ingest(path: Path) -> Document:
    """Read one file into a Document. Raises IngestError with a readable reason."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read the file: {exc.strerror or exc}") from exc
    doc = Document(doc_id=doc_id_for(data), source_path=str(path), file_name=path.name, format="")
    if not data.strip():
        doc.format = TEXT_SUFFIXES.get(path.suffix.lower(), path.suffix.lower().lstrip(".") or "txt")
        raise IngestError("empty file: nothing to read")
    doc.format = detect_format(path, data)
    if doc.format != "pdf" and len(data) > MAX_TEXT_BYTES:
        raise IngestError(f"text file too large ({len(data) / 2**20:.0f} MB; délib reads texts up to "
                          f"{MAX_TEXT_BYTES // 2**20} MB): split it into its documents")
    if doc.format == "pdf":
        from delib.ingest.pdf import read_pdf

        read_pdf(data, doc)
    else:
        from delib.ingest.text import read_text

        read_text(data, doc)
    return doc
