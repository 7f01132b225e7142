"""Text helpers the stages share."""
from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    """`text` without its accents, case kept (« Séance » -> « Seance »). An NFC text
    keeps its length: each accented letter was one character and stays one."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
