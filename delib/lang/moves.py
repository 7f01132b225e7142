"""Arrivals and departures during a session, in the minutes' own words
(« M. Vignal entre en séance », « Arrivée de Monsieur MORONVAL à 19 H 05 »)."""
from __future__ import annotations

import re

MOVE = re.compile(
    # who: from a capital, over « M. » and initials « H. » but not past a full stop
    r"(?P<who>[A-ZÀ-Ý](?:[^\n.;:]|(?<=\b[A-Z])\.){0,120}?)\s+"
    r"(?P<verb>entre|entrent|arrive|arrivent|rejoint|rejoignent|revient|reviennent|quitte|quittent|sort|sortent|se retire|se retirent)"
    # (« quitte définitivement la séance », « rejoint ensuite la séance »)
    r"(?=(?:\s+(?:définitivement|momentanément|provisoirement|ensuite|alors))?"
    r"(?:\s+(?:en|de|la)\s+(?:la\s+)?(?:séance|seance|salle)|\s+à\s+\d{1,2}\s*h|\s+l'assemblée))")
ARRIVAL_DEPARTURE = re.compile(r"^[ \t]*(?P<kind>Arrivée|Départ)\s+de\s+(?P<who>[^\n]{2,80})", re.M)


def attendance_changes(text: str) -> list[tuple[int, str]]:
    """Arrivals and departures during a session, as (char_offset, description):
    « M. Vignal entre en séance » -> (offset, "arrivée : M. Vignal")."""
    changes = []
    for m in MOVE.finditer(text):
        kind = "arrivée" if m.group("verb").startswith(("entr", "arriv", "rejoi", "revi")) else "départ"
        changes.append((m.start(), f"{kind} : {m.group('who').strip()}"))
    for m in ARRIVAL_DEPARTURE.finditer(text):
        changes.append((m.start(), f"{m.group('kind').lower()} : {m.group('who').strip()}"))
    return sorted(changes)
