"""One deliberation's row: its identity (numéro, objet, ACTES id, dates), vote and attendance.

The vote and attendance rules live in votes.py and attendance.py; here they are
applied to the deliberation's span, and what a session states once at its top
(séance date, attendance, président) is carried into each of its deliberations.
"""
from __future__ import annotations

import re

from pipeline.extract.attendance import find_attendance
from pipeline.extract.parties import find_issuer
from pipeline.extract.votes import find_vote
from pipeline.model import Deliberation, Document, Extraction, Mention, Segment

# DDD-SIREN-AAAAMMJJ-NUMERO_INTERNE-NN: the internal number may itself hold '-'.
ACTE_ID = re.compile(r"\b(\d{2}[\dAB])-(\d{9})-(\d{8})-([A-Za-z0-9_\-]+?)-(DE|AR|AI|CC|BF|AU)\b")
OBJET = re.compile(r"^[ \t]*OBJET\s*:?\s*(.+)$", re.M | re.I)
NUMBERED_ITEM = re.compile(r"^[ \t]*(\d{1,3})\s*[).]\s*(\S.*)$")
LETTERED_ITEM = re.compile(r"^[ \t]*([A-Z])\s*[/)]\s*(\S.*)$")
INSTANCE = re.compile(r"conseil\s+(municipal|départemental|departemental|communautaire|régional|regional|"
                      r"métropolitain|de\s+territoire|d'administration)", re.I)
PRESIDENT = re.compile(r"sous\s+la\s+pr[ée]sidence\s+de\s+(?:M(?:onsieur|adame|me|\.)?\s+)?(?P<name>[A-ZÉ][\w'’\-]*(?:\s+[A-ZÉ][\w'’\-]*){0,3})")
VOTE_FIELDS = ("pour", "contre", "abstentions", "ne_prend_pas_part", "unanimite", "resultat")


def parse_acte_id(text: str) -> dict | None:
    m = ACTE_ID.search(text)
    if not m:
        return None
    dept, siren, day, internal, nature = m.groups()
    return {"acte_id": m.group(0), "departement": dept, "siren": siren,
            "decision_date": f"{day[:4]}-{day[4:6]}-{day[6:]}", "internal": internal, "nature": nature}


def numero_from_internal(internal: str, decision_day: str) -> str:
    """« DEL20240627_16A » -> « 16A »: the internal number less its prefix and date."""
    rest = re.sub(r"^[A-Za-z]*[-_]?", "", internal)
    rest = rest.replace(decision_day.replace("-", ""), "", 1)
    return rest.strip("-_") or internal


def find_objet(span: str) -> tuple[str | None, str | None]:
    """(objet, thematic heading). « OBJET : ENVIRONNEMENT » followed by « 16) Coopération… »
    means the objet line is a theme and the numbered item is the objet."""
    m = OBJET.search(span)
    if not m:
        return None, None
    objet = m.group(1).strip(" *:")
    items = []
    for line in span[m.end():m.end() + 600].splitlines():
        line = line.strip()
        if not line:
            continue
        item = NUMBERED_ITEM.match(line) or (items and LETTERED_ITEM.match(line))
        if not item:
            break
        items.append(item.group(2).strip())
    if items and objet.isupper() and len(objet) < 60:
        return " - ".join(items), objet
    return objet, None


def _first_date(dates: list[Mention], role: str, lo: int, hi: int) -> str | None:
    for d in dates:
        if d.attrs.get("role") == role and lo <= d.char_start < hi and d.attrs.get("granularity") == "day":
            return d.value
    return None


def extract_deliberation(doc: Document, seg: Segment, dates: list[Mention], ex: Extraction) -> Deliberation:
    text = doc.text
    span = text[seg.char_start:seg.char_end]
    fields: dict = {"numero": seg.number, "page_start": seg.page_start,
                    "char_start": seg.char_start, "char_end": seg.char_end}
    fields["objet"], fields["theme"] = find_objet(span)
    acte = parse_acte_id(span)
    if acte:
        fields["acte_id"] = acte["acte_id"]
        fields["numero"] = fields["numero"] or numero_from_internal(acte["internal"], acte["decision_date"])
    fields["seance_date"] = (_first_date(dates, "seance", seg.char_start, seg.char_end)
                             or _first_date(dates, "seance", 0, len(text)))
    if fields["seance_date"] is None and acte:
        fields["seance_date"] = acte["decision_date"]
    fields["transmission_date"] = _first_date(dates, "transmission", seg.char_start, seg.char_end)
    if m := INSTANCE.search(span) or INSTANCE.search(text[:3000]):
        fields["instance"] = "conseil " + m.group(1).lower().replace("departemental", "départemental").replace("regional", "régional")
    fields["collectivite"] = find_issuer(span) or find_issuer(text[:5000])
    if m := PRESIDENT.search(span) or PRESIDENT.search(text[:5000]):
        fields["president"] = m.group("name")

    vote = find_vote(span)
    if vote is not None:
        for name in VOTE_FIELDS:
            fields[name] = getattr(vote, name)

    delib = Deliberation(deliberation_id=f"{doc.doc_id}-delib-{seg.char_start}", segment_id=seg.segment_id,
                         char_start=seg.char_start, char_end=seg.char_end, fields=fields)
    attendance = find_attendance(span) or find_attendance(text[:seg.char_start][-20000:])
    if attendance is not None:
        fields.update({k: v for k, v in attendance.counts.items() if v is not None})
        delib.attendance = [dict(p) for p in attendance.people]
    return delib
