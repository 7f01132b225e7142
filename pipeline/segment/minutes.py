"""Split council minutes and register extracts into deliberations and articles.

First version: a deliberation starts at an item header that real minutes print
(« N°2014/26 - OBJET », « 24-10/094 — Objet », « DELIBERATION DU CONSEIL
MUNICIPAL », « Délibération n° 12 », « EXTRAIT DU REGISTRE DES DELIBERATIONS »)
and runs to the next one. A document with no such header but a decision in it is
one deliberation (the vote statement is the anchor of this cascade).
"""
from __future__ import annotations

import re

from pipeline.extract.votes import find_vote
from pipeline.model import Document, Segment

ITEM_HEADER = re.compile(
    r"^[ \t]*(?:"
    r"(?P<register>EXTRAIT\s+DU\s+REGISTRE\s+DES\s+D[ÉE]LIB[ÉE]RATIONS)"
    r"|D[ÉE]LIB[ÉE]RATION\s+DU\s+CONSEIL\s+(?:MUNICIPAL|COMMUNAUTAIRE|D[ÉE]PARTEMENTAL)"
    r"|D[ée]lib[ée]ration\s+n\s*°\s*(?P<num1>[\w/.\-]*\d[\w/.\-]*)?"
    r"|N\s*°\s*(?P<num2>\d{4}\s*/\s*\d{1,4})\s*[-–—:]"
    r"|(?P<num3>\d{2}-\d{2}/\d{3})\s*[-–—:]"
    r")",
    re.M,
)
ARTICLE = re.compile(r"^[ \t]*ARTICLE\s+(\d+|PREMIER|1er)\s*[:.\-–]?", re.M | re.I)


def find_deliberations(doc: Document, id_prefix: str) -> list[Segment]:
    text = doc.text
    starts: list[tuple[int, str | None]] = []
    for m in ITEM_HEADER.finditer(text):
        number = m.group("num1") or m.group("num2") or m.group("num3")
        # A register extract has its header once; the same header again opens the next extract.
        if starts and m.start() - starts[-1][0] < 200:
            continue
        starts.append((m.start(), number.strip() if number else None))
    if not starts:
        vote = find_vote(text)
        if vote is None or vote.resultat is None and vote.pour is None and not vote.unanimite:
            return []  # no header and no decision: not minutes
        starts = [(0, None)]
    segments = []
    for i, (start, number) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        segments.append(Segment(
            segment_id=f"{id_prefix}-deliberation-{start}", kind="deliberation", char_start=start,
            char_end=end, number=number or None, page_start=doc.page_at(start),
            page_end=doc.page_at(max(start, end - 1)),
        ))
    return segments


def find_articles(doc: Document, id_prefix: str, parents: list[Segment]) -> list[Segment]:
    """ARTICLE 1, ARTICLE 2… each up to the next article or the end of its parent."""
    segments = []
    for parent in parents or [None]:
        lo, hi = (parent.char_start, parent.char_end) if parent else (0, len(doc.text))
        found = list(ARTICLE.finditer(doc.text, lo, hi))
        for i, m in enumerate(found):
            end = found[i + 1].start() if i + 1 < len(found) else hi
            number = "1" if m.group(1).lower() in ("premier", "1er") else m.group(1)
            line_end = doc.text.find("\n", m.start(), end)
            segments.append(Segment(
                segment_id=f"{id_prefix}-article-{m.start()}", kind="article", char_start=m.start(),
                char_end=end, number=number, parent_id=parent.segment_id if parent else None,
                title=doc.text[m.end(): line_end if line_end != -1 else end].strip(" :.-–") or None,
                page_start=doc.page_at(m.start()), page_end=doc.page_at(max(m.start(), end - 1)),
                heading_end=line_end if line_end != -1 else end,
            ))
    return segments
