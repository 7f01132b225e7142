"""The document's own title and the collectivités that issue or sign it."""
from __future__ import annotations

import re

# A place name: capitalised words, joined by the connectors of French place names (Ivry-sur-Seine).
PLACE = r"[A-ZÉÈÎ][\w'’\-]*(?:[ -](?:sur|sous|en|le|la|les|lès|de|du|des)[ -][A-ZÉÈÎ][\w'’\-]*)*"
COLLECTIVITE = re.compile(
    r"\b(?:la\s+|le\s+)?(?P<kind>Ville|Commune|Département|Région|Métropole|Communauté\s+d'agglomération|"
    r"Communauté\s+de\s+communes|Collectivité)\s+(?:de\s+la\s+|de\s+l'|du\s+|de\s+|d'|d’|des\s+)(?P<name>"
    + PLACE + r")"
)
MAX_TITLE = 200


def find_title(text: str) -> str | None:
    """The first meaningful lines of the document, as its title."""
    lines = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            if lines:
                break
            continue
        lines.append(line)
        if sum(len(x) for x in lines) > MAX_TITLE:
            break
    title = " ".join(lines)[:MAX_TITLE].strip()
    return title or None


# The assembly's own collectivité: « le Conseil Municipal de la Ville d'Ivry-sur-Seine ».
ISSUER = re.compile(r"(?i:(?:conseil\s+(?:municipal|communautaire|d[ée]partemental)|mairie)\s+"
                    r"(?:de\s+la\s+|de\s+l'|du\s+|de\s+|d'|d’)(?:(?:ville|commune)\s+(?:de\s+|d'|d’))?)"
                    r"(?P<name>" + PLACE + ")")


def find_issuer(text: str) -> str | None:
    """The collectivité whose assembly speaks, when the text names it; else the first one named."""
    m = ISSUER.search(text) or COLLECTIVITE.search(text)
    return m.group("name") if m else None


def find_collectivites(text: str, head_chars: int = 5000) -> list[str]:
    """Collectivités named near the top, in order of first appearance: « Ville de Paris »…"""
    seen: dict[str, None] = {}
    for m in COLLECTIVITE.finditer(text[:head_chars]):
        full = " ".join(m.group(0).split()).replace("’", "'")
        full = re.sub(r"^(?:la|le)\s+", "", full)
        seen.setdefault(full, None)
    return list(seen)
