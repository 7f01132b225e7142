"""One deliberation's row: its identity (numéro, objet, ACTES id, dates), vote and attendance.

The vote and attendance rules live in votes.py and attendance.py; here they are
applied to the deliberation's span, and what a session states once at its top
(séance date, attendance, président) is carried into each of its deliberations.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.attendance import attendance_changes, count_pairs, find_attendance
from pipeline.extract.parties import find_issuer
from pipeline.extract.votes import find_vote, fold
from pipeline.model import Deliberation, Document, Extraction, Mention, Segment
from pipeline.segment.minutes import rubric_title

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
    """The row of deliberation `seg`. Deliberations of one document are extracted in
    text order (`ex.deliberations` holds the ones before), so what minutes state once
    — the session's date and attendance, a rubric over several items — carries over."""
    text = doc.text
    span = text[seg.char_start:seg.char_end]
    previous = ex.deliberations[-1] if ex.deliberations else None
    in_session = previous is not None or ex.doc_type == "proces_verbal"
    fields: dict = {"numero": seg.number, "page_start": seg.page_start,
                    "char_start": seg.char_start, "char_end": seg.char_end}
    objet, theme = find_objet(span)
    fields["objet"] = seg.title or objet
    fields["theme"] = theme or (_rubric(text, seg, previous) if in_session else None)
    acte = parse_acte_id(span)
    if acte:
        fields["acte_id"] = acte["acte_id"]
        fields["numero"] = fields["numero"] or numero_from_internal(acte["internal"], acte["decision_date"])
    # The session's date, printed once at the top of minutes; an extract may state its own.
    session_date = _first_date(dates, "seance", 0, len(text))
    own_date = _first_date(dates, "seance", seg.char_start, seg.char_end)
    fields["seance_date"] = (session_date or own_date) if in_session and not acte else (own_date or session_date)
    if fields["seance_date"] is None and acte:
        fields["seance_date"] = acte["decision_date"]
    fields["transmission_date"] = _first_date(dates, "transmission", seg.char_start, seg.char_end)
    if m := INSTANCE.search(span) or INSTANCE.search(text[:3000]):
        fields["instance"] = "conseil " + m.group(1).lower().replace("departemental", "départemental").replace("regional", "régional")
    fields["collectivite"] = find_issuer(span) or find_issuer(text[:5000])
    if m := PRESIDENT.search(span) or PRESIDENT.search(text[:5000]):
        fields["president"] = m.group("name")

    vote = find_vote(span)
    if vote is not None and not _only_taken_note(span, vote):
        for name in VOTE_FIELDS:
            fields[name] = getattr(vote, name)

    delib = Deliberation(deliberation_id=f"{doc.doc_id}-delib-{seg.char_start}", segment_id=seg.segment_id,
                         char_start=seg.char_start, char_end=seg.char_end, fields=fields)
    counts, people = _attendance_in_force(doc.doc_id, text, seg, span, ex.deliberations, in_session)
    fields.update({k: v for k, v in counts.items() if v is not None})
    delib.attendance = [{k: v for k, v in p.items() if not k.startswith("_")} for p in people]
    return delib


# « Le Conseil communautaire : - prend acte du compte-rendu des pouvoirs délégués »:
# nothing was put to the vote (the « à l'unanimité » above it is the bureau's).
TAKES_NOTE = re.compile(r"\b(?:prend|prennent|prnnent|donne)\s+acte\b", re.I)


def _only_taken_note(span: str, vote) -> bool:
    note = None
    for note in TAKES_NOTE.finditer(span):
        pass
    return note is not None and note.start() > vote.char_end and vote.pour is None


def _rubric(text: str, seg: Segment, previous: Deliberation | None) -> str | None:
    """The rubric printed between the previous deliberation and this one (« IV.
    PERSONNEL », « Petite enfance »), else the previous one's: a rubric heads every
    item up to the next rubric."""
    lo = previous.char_end if previous is not None else max(0, seg.char_start - 300)
    for line in reversed(text[lo:seg.char_start].splitlines()):
        if title := rubric_title(line):
            return title
    return previous.fields.get("theme") if previous is not None else None


# --- Attendance in force ----------------------------------------------------------------

COUNT_KEYS = ("en_exercice", "presents", "representes", "excuses", "absents", "votants")
# « Questions 1 et 2 : », « Question 3 à la fin : » then the counts printed for those items
# (OCR may split « e t »).
QUESTION_RANGE = re.compile(
    r"^[ \t]*questions?\s+(?:n\s*°\s*)?(?P<first>\d{1,3})"
    r"(?:\s*(?:e\s?t|à|a|au|-)\s*(?P<last>\d{1,3}|la\s+fin))?\s*:?[ \t]*$", re.M | re.I)


def printed_counts_by_item(text: str) -> list[tuple[int, float, dict, str]]:
    """(first item, last item, counts, block text) of each « Questions 1 et 2 : 29
    présents / 3 procurations 32 votants / 1 absent » block."""
    blocks = []
    matches = list(QUESTION_RANGE.finditer(text))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else min(len(text), m.end() + 400)
        counts: dict = {}
        block_end = m.end()
        for line in text[m.end():end].splitlines(keepends=True):
            pairs = count_pairs(line)
            if pairs:
                counts.update({key: value for key, value in pairs if key not in counts})
            elif line.strip() and counts:
                break
            block_end += len(line)
        if counts:
            last = m.group("last")
            if last is None:
                hi: float = int(m.group("first"))
            else:
                hi = int(last) if last.isdigit() else float("inf")  # « à la fin »
            blocks.append((int(m.group("first")), hi, counts, text[m.end():block_end]))
    return blocks


def _item_number(seg: Segment) -> int | None:
    return int(seg.number) if seg.number and seg.number.isdigit() else None


@dataclass
class _Session:
    """What minutes state once for the whole session: read once per document."""

    doc_id: str
    start: int  # where the first deliberation starts
    counts: dict
    people: list[dict]
    moves: list[tuple[int, str, str, str]]  # (offset, change, its sentence, folded names)
    printed: list[tuple[int, float, dict, str]]


_last_session: list[_Session] = []  # the document being extracted (deliberations come in order)


def _session(doc_id: str, text: str, start: int) -> _Session | None:
    if _last_session and (_last_session[0].doc_id, _last_session[0].start) == (doc_id, start):
        return _last_session[0]
    header = text[:start]
    found = find_attendance(header[-20000:]) if header.strip() else None
    if found is None:
        return None
    moves = []
    for offset, change in attendance_changes(text[start:]):
        pos = start + offset
        # the sentence of the move (« … sort de séance et donne sa procuration à M. Lévita. »);
        # « M. » is no full stop
        end = re.search(r"[^\W\d]{2}\.(?:\s|$)", text[pos:pos + 300])
        who = change.partition(" : ")[2]
        moves.append((pos, change, text[pos:pos + (end.end() if end else 300)], fold(re.sub(r"\([^)]*\)?", " ", who))))
    counts, people = dict(found.counts), [dict(p) for p in found.people]
    statuses = {p["status"] for p in people}
    proxies_read = "represente" in statuses or not re.search(r"pouvoir|procuration", header, re.I)
    if all(v is None for v in counts.values()) and "present" in statuses and proxies_read:
        # No figures printed but named lists: count them — unless proxies are
        # mentioned and none could be read (a table « Absents / Suppléant / Pouvoir
        # donné à… » read as text): then the counts would be wrong.
        counts = counts_from_lists(people, moves)
    session = _Session(doc_id, start, counts, people, moves, printed_counts_by_item(header))
    _last_session[:] = [session]
    return session


def _attendance_in_force(doc_id: str, text: str, seg: Segment, span: str, before: list[Deliberation],
                         in_session: bool) -> tuple[dict, list[dict]]:
    """Counts and people in force for this deliberation: its own attendance block (a
    register extract), else the session's block at the top of the minutes, updated by
    the arrivals and departures printed since, or by counts printed for its item."""
    own = find_attendance(span)
    if own is not None and (not in_session or _is_full_block(own)):
        return dict(own.counts), [dict(p) for p in own.people]
    session = _session(doc_id, text, before[0].char_start if before else seg.char_start)
    if session is None:
        return ({}, []) if own is None else (dict(own.counts), [dict(p) for p in own.people])
    counts, people = dict(session.counts), [dict(p) for p in session.people]
    number = _item_number(seg)
    for first, last, printed, block in session.printed:
        if number is not None and first <= number <= last:
            # Lannion prints the counts of each range of items: they are what is in force.
            counts = {k: printed.get(k) for k in COUNT_KEYS} | {"en_exercice": counts.get("en_exercice")}
            for _, change in attendance_changes(block):
                _move_people(people, change, "", fold(change))
            return counts, people
    for pos, change, sentence, folded_who in session.moves:
        if pos >= seg.char_start:
            break
        apply_change(counts, change, sentence)
        _move_people(people, change, sentence, folded_who)
    return counts, people


def counts_from_lists(people: list[dict], moves: list[tuple[int, str, str, str]]) -> dict:
    """Counts read off the named lists, for minutes that print names but no figures
    (Montpellier). The list of présents names everyone who sat during the session:
    a member whose first move is an arrival (« M. Vignal entre en séance ») was not
    there at the start (and is marked absent until then)."""
    first_move: dict[int, str] = {}
    for _, change, _, folded_who in moves:
        for i, person in enumerate(people):
            if i not in first_move and _named_in(person, folded_who):
                first_move[i] = change.partition(" : ")[0]
    for i, person in enumerate(people):
        if person["status"] == "present" and first_move.get(i) == "arrivée":
            person["status"] = "absent"
    by_status = {s: sum(1 for p in people if p["status"] == s) for s in ("present", "represente", "excuse", "absent")}
    counts = {k: None for k in COUNT_KEYS}
    counts.update(presents=by_status["present"], representes=by_status["represente"],
                  excuses=by_status["excuse"], absents=by_status["absent"])
    counts["votants"] = counts["presents"] + counts["representes"]
    return counts


def _named_in(person: dict, folded_who: str) -> bool:
    """Is `person` one of the members named in a move (folded, parentheses removed)?"""
    if "_surname" not in person:
        words = fold(person["person"] or "").split()
        person["_surname"] = words[-1] if words and len(words[-1]) > 2 else ""
    surname = person["_surname"]
    return bool(surname) and surname in folded_who and re.search(rf"\b{re.escape(surname)}\b", folded_who) is not None


def _is_full_block(att) -> bool:
    return sum(v is not None for v in att.counts.values()) >= 2 or len(att.people) >= 3


_PROXY_NAMES = re.compile(r"\(([^)]*procuration[^)]*|[^)]*)\)", re.I)


def movers(who: str) -> tuple[int, int]:
    """(members, proxies they carry) of « Messieurs Vignal, Sudres, et Aslanian avec Mme
    Bigas » (4, 0) or « M. Passet avec sa procuration (H. Martin) » (1, 1)."""
    proxies = 0
    for inside in _PROXY_NAMES.findall(who):
        names = re.sub(r"(?i)\b(?:avec\s+)?(?:la|sa|leurs?)\s+procurations?\s+(?:de\s+)?", "", inside)
        proxies += len([n for n in re.split(r",|\bet\b", names) if re.search(r"[A-ZÀ-Ý]", n)])
    bare = re.sub(r"\([^)]*\)?", " ", who)
    pieces = re.split(r",|\bet\b|\bavec\b", bare)
    members = len([p for p in pieces if re.search(r"\b[A-ZÀ-Ý][\w\-]", p) and "procuration" not in p.lower()])
    return members, proxies


def apply_change(counts: dict, change: str, sentence: str) -> None:
    """Update the counts for « arrivée : M. Vignal » / « départ : M. Passet avec sa
    procuration (H. Martin) »; a member leaving who « donne sa procuration à M. Lévita »
    is represented, so the votes stay the same."""
    kind, _, who = change.partition(" : ")
    members, proxies = movers(who)
    sign = 1 if kind == "arrivée" else -1
    gives_proxy = sign < 0 and re.search(r"donne\s+(?:sa\s+)?(?:procuration|pouvoir)", sentence, re.I)

    def add(key: str, n: int) -> None:
        if counts.get(key) is not None:
            counts[key] = max(0, counts[key] + n)

    add("presents", sign * members)
    add("representes", sign * proxies + (1 if gives_proxy else 0))
    add("votants", sign * (members + proxies) + (1 if gives_proxy else 0))
    if sign > 0:
        add("absents", -min(members, counts.get("absents") or 0))
    elif not gives_proxy:
        add("absents", members)


def _move_people(people: list[dict], change: str, sentence: str, folded_who: str) -> None:
    kind = change.partition(" : ")[0]
    for person in people:
        if _named_in(person, folded_who):
            if kind == "arrivée":
                person["status"], person["mandataire"] = "present", None
            else:
                holder = re.search(r"procuration\s+(?:a|à)\s+(?:M\.|Mme|Monsieur|Madame)?\s*([^\s,.]+)", sentence)
                person["status"] = "represente" if holder else "absent"
                person["mandataire"] = holder.group(1) if holder else None
