"""The document's own arithmetic, checked: the best validator there is.

A deliberation prints its attendance counts, the names behind them and its
tally; they must agree. Every disagreement becomes a `Check` (contract `checks`
table) so an analyst can look at the page: a mistake of the minutes, or of délib.
Nothing is checked when one side of an equation is unknown.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from delib.model import Check, Deliberation

# Attendance statuses and the count each one is printed as.
STATUS_COUNTS = {"present": "presents", "represente": "representes", "excuse": "excuses", "absent": "absents"}


def check_deliberation(d: Deliberation) -> list[Check]:
    f = d.fields
    checks: list[Check] = []

    def add(check: str, expected: Any, found: Any, message: str) -> None:
        checks.append(Check(check=check, expected=expected, found=found, message=message,
                            item_id=d.deliberation_id))

    if None not in (f.votants, f.pour, f.contre, f.abstentions):
        cast = f.pour + f.contre + f.abstentions + (f.ne_prend_pas_part or 0)
        if cast != f.votants:
            add("tally_vs_votants", f.votants, cast,
                f"pour + contre + abstentions + ne prenant pas part = {cast}, but {f.votants} votants are printed")
    if None not in (f.presents, f.representes, f.votants):
        if f.presents + f.representes != f.votants:
            add("presence_vs_votants", f.votants, f.presents + f.representes,
                f"{f.presents} présents + {f.representes} représentés ≠ {f.votants} votants")
    if None not in (f.en_exercice, f.presents, f.representes, f.excuses, f.absents):
        total = f.presents + f.representes + f.excuses + f.absents
        if total != f.en_exercice:
            add("attendance_vs_en_exercice", f.en_exercice, total,
                f"présents, représentés, excusés and absents add up to {total}, "
                f"but {f.en_exercice} members are en exercice")
    if None not in (f.en_exercice, f.pour, f.contre, f.abstentions):
        cast = f.pour + f.contre + f.abstentions
        if cast > f.en_exercice:
            add("vote_effectif_lt_vote_reel", f.en_exercice, cast,
                f"{cast} votes cast but only {f.en_exercice} members en exercice")
    checks += _names_vs_counts(d)
    return checks


def _names_vs_counts(d: Deliberation) -> list[Check]:
    """Each list of names printed must hold as many names as its printed count."""
    if not d.attendance or d.fields.counted_from_names:
        return []  # counts read off the lists themselves say nothing new about them
    listed = Counter(person.get("status") for person in d.attendance)
    checks = []
    for status, count_name in STATUS_COUNTS.items():
        printed = getattr(d.fields, count_name)
        # A count with no list of names beside it has nothing to compare with.
        if printed is None or status not in listed:
            continue
        if listed[status] != printed:
            checks.append(Check(
                check=f"names_vs_{count_name}", expected=printed, found=listed[status], item_id=d.deliberation_id,
                message=f"{listed[status]} names listed as {status} but the document counts {printed} {count_name}",
            ))
    return checks
