"""The real documents the tests read, each ingested once per test session.

Ingesting is the slow step (Lannion's minutes end in scanned annexes: about 40 s of OCR), and several
test modules read the same documents, so they share this cache. Segmenting and extracting read a
Document and never change it, which is what makes sharing one safe.
"""
from functools import lru_cache
from pathlib import Path

import pytest

from delib.ingest import ingest
from delib.model import Document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


@lru_cache(maxsize=None)
def ingested(path: Path) -> Document:
    return ingest(path)


def corpus_document(name: str) -> Document:
    """A document of ../shared/corpus; the test is skipped when the corpus is not beside the project."""
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"the real-world corpus is not here ({CORPUS}): whole-document checks need it")
    return ingested(path)
