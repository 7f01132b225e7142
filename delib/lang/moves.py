"""Arrivals and departures during a session, in the minutes' own words
(« M. Vignal entre en séance », « Arrivée de Monsieur MORONVAL à 19 H 05 »)."""
from __future__ import annotations

import re

from delib.lang.names import CIVILITE

MOVE = re.compile(
    # who: from a capital, over « M. » and initials « H. » but not past a full stop
    r"(?P<who>[A-ZÀ-Ý](?:[^\n.;:]|(?<=\b[A-Z])\.){0,120}?)\s+"
    # the present (« quitte la séance ») or the passé composé (« a quitté la séance », « est arrivée en
    # séance », « s'est retiré de la salle »): the auxiliary is left out of the verb
    r"(?:(?:a|ont|est|sont|s['’]est|se\s+sont)\s+)?"
    r"(?P<verb>entre|entrent|arrive|arrivent|rejoint|rejoignent|revient|reviennent|quitte|quittent|sort|sortent|se retire|se retirent|ne participe plus|ne participent plus"
    r"|entr[ée]e?s?|arriv[ée]e?s?|revenue?s?|quitt[ée]|sortie?s?|retir[ée]e?s?)"
    # (« quitte définitivement la séance », « rejoint ensuite la séance », « ne participe plus à la séance »)
    r"(?=(?:\s+(?:définitivement|momentanément|provisoirement|ensuite|alors))?"
    r"(?:\s+(?:en|de|la|à)\s+(?:la\s+)?(?:séance|seance|salle)|\s+à\s+\d{1,2}\s*h|\s+l'assemblée))")
# « Arrivée de Monsieur MORONVAL », « 18h55 : arrivée de M. SOUYRI », « A 14h35, arrivée de M. X »
ARRIVAL_DEPARTURE = re.compile(r"^[ \t]*(?:(?:[AaÀà][ \t]+)?\d{1,2}[ \t]*h[ \t]*\d{0,2}[ \t]*[:,–-]?[ \t]*)?"
                               r"(?P<kind>[Aa]rrivée|[Dd]épart)\s+de\s+(?P<who>[^\n]{2,80})", re.M)
# What the line goes on to say of who comes or goes: « , délégué de BEAUMONT », « avant l'examen
# du point 4 », « qui donne pouvoir à … » (the sentence still tells the proxy), « à 19 H 05 »
_SAID_OF_WHO = re.compile(r",?\s+(?:qui|avant|apr[èe]s|lors|au\s+cours|pendant|à\s+\d+)\b|,\s*(?:d[ée]l[ée]gu|conseill|adjoint|maire\b|vice)")


def attendance_changes(text: str) -> list[tuple[int, str]]:
    """Arrivals and departures during a session, as (char_offset, description):
    « M. Vignal entre en séance » -> (offset, "arrivée : M. Vignal")."""
    changes = []
    for m in MOVE.finditer(text):
        kind = "arrivée" if m.group("verb").startswith(("entr", "arriv", "rejoi", "revi")) else "départ"
        changes.append((m.start(), f"{kind} : {_without_lead_in(m.group('who')).strip()}"))
    for m in ARRIVAL_DEPARTURE.finditer(text):
        who = _SAID_OF_WHO.split(m.group("who"), maxsplit=1)[0].strip()
        changes.append((m.start(), f"{m.group('kind').lower()} : {who}"))
    return sorted(changes)


# Who a piece of « who » names: a civilité, a name in capitals, or capitalised words only (« Jean Dupont »)
_NAMES_SOMEONE = re.compile(rf"\b{CIVILITE}\b|\b[A-ZÀ-Ý]{{2,}}\b|^\s*(?:[A-ZÀ-Ý][\w'’-]*\s*){{1,4}}$")


def _without_lead_in(who: str) -> str:
    """« Suite à une coupure de la connexion, Hélène CALMET » -> « Hélène CALMET »: the clause
    that opens the sentence names nobody, and is no member who leaves."""
    pieces = who.split(",")
    while len(pieces) > 1 and not _NAMES_SOMEONE.search(pieces[0]) and any(_NAMES_SOMEONE.search(p) for p in pieces[1:]):
        pieces.pop(0)
    return ",".join(pieces)
