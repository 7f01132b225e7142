"""The form of a convention's action: délai, services pilotes, budget, partenaires, indicateurs.

Text extracted from a two-column form comes in two ways, often mixed in one form:
- « Label : value » on one line (the value may wrap over the next lines);
- a block of labels, then a block of values separated by blank lines, in the
  same order (the labels' column was read before the values' column).
Values are given to the labels that have none, in order. The services label
has one sub-label per collectivité (« Paris : », « Seine-Saint-Denis : »), each
taking one line of the services value. When values and empty labels do not pair
up one to one the form is flagged `ambiguous`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.extract.amounts import find_amounts
from pipeline.model import Segment

LABELS = [
    ("delai", re.compile(r"^d[ée]lai(?:s)?\s+de\s+mise\s+en\s+(?:œ|oe)uvre\b", re.I)),
    ("services", re.compile(r"^services?\s+(?:op[ée]rationnels?(?:\s+pilotes?)?|pilotes?)\b", re.I)),
    ("budget", re.compile(r"^budget\s+estim[ée]\b", re.I)),
    ("partenaires", re.compile(r"^partenaires?\s+mobilis[ée]s\b", re.I)),
    ("indicateurs", re.compile(r"^indicateurs?\s+de\s+r[ée]alisation\b", re.I)),
]
LABEL_TAIL = re.compile(r"^pilotes?\s*:?\s*$", re.I)  # « Services opérationnels » / « pilotes : »
SUB_LABEL = re.compile(r"^(?P<name>[A-ZÉ][\w'’\- ]{1,40}?)\s*:\s*(?P<value>.*)$")
PAGE_NUMBER = re.compile(r"^\d{1,3}$")


@dataclass
class Slot:
    field: str
    collectivite: str | None = None
    value: str | None = None


@dataclass
class FormParse:
    slots: list[Slot] = field(default_factory=list)
    groups: list[list[str]] = field(default_factory=list)


def _label_of(line: str) -> tuple[str, str] | None:
    for name, pattern in LABELS:
        m = pattern.match(line)
        if m:
            rest = line[m.end():].lstrip()
            if name == "services":
                rest = re.sub(r"^pilotes?\b", "", rest, flags=re.I).lstrip()
            return name, rest.lstrip(":").strip()
    return None


def _read(lines: list[str]) -> FormParse:
    parse = FormParse()
    group: list[str] = []
    inline: Slot | None = None  # a label whose value is written beside it and may wrap
    for raw in lines:
        line = raw.strip()
        if not line:
            if group:
                parse.groups.append(group)
                group = []
            inline = None
            continue
        label = _label_of(line)
        if label:
            name, value = label
            slot = Slot(name, value=value or None)
            parse.slots.append(slot)
            inline = slot if value else None
            continue
        last = parse.slots[-1] if parse.slots else None
        if last and last.field == "services" and LABEL_TAIL.match(line):
            continue
        sub = SUB_LABEL.match(line)
        if sub and last and last.field == "services" and not group and len(sub.group("name")) <= 30:
            parse.slots.append(Slot("services", collectivite=sub.group("name").strip(), value=sub.group("value") or None))
            continue
        if inline is not None:
            inline.value = f"{inline.value} {line}"
            continue
        if PAGE_NUMBER.match(line):
            continue
        group.append(line)
    if group:
        parse.groups.append(group)
    return parse


def _assign(parse: FormParse) -> bool:
    """Give value groups to empty slots in order; True when it all paired up cleanly."""
    slots = [s for s in parse.slots if not (s.field == "services" and s.collectivite is None
                                            and any(t.collectivite for t in parse.slots))]
    empty = [s for s in slots if s.value is None]
    queue = list(parse.groups)
    i = 0
    while i < len(empty) and queue:
        slot = empty[i]
        group = queue.pop(0)
        if slot.collectivite is not None:
            # each collectivité of the services label takes one line of the group
            subs = [s for s in empty[i:] if s.field == "services" and s.collectivite is not None]
            for sub, line in zip(subs, group):
                sub.value = line
            rest = group[len(subs):]
            if rest:
                queue.insert(0, rest)
            i += len(subs)
            continue
        slot.value = " ".join(group)
        i += 1
    return i == len(empty) and not queue


def extract_action_form(text: str, seg: Segment) -> dict:
    """The action's form fields (raw values), its services by collectivité, and `ambiguous`."""
    body = text[seg.heading_end or seg.char_start: seg.char_end]
    lines = body.split("\n")
    first = next((i for i, line in enumerate(lines) if _label_of(line.strip())), None)
    if first is None:
        return {}
    parse = _read(lines[first:])
    clean = _assign(parse)
    form: dict = {"ambiguous": not clean, "services": {}}
    for slot in parse.slots:
        value = " ".join(slot.value.split()) if slot.value else None
        if slot.field == "services":
            if value:
                key = slot.collectivite or ""
                form["services"].setdefault(key, []).extend(split_services(value))
        elif value and slot.field not in form:
            form[slot.field] = value
    form["budget_eur"] = budget_in_euros(form.get("budget"))
    return form


def split_services(value: str) -> list[str]:
    """« DASES, DVD » -> two services; « DVD – Agence de la Mobilité » stays one."""
    return [s.strip(" .;") for s in re.split(r"[,;]", value) if s.strip(" .;")]


def budget_in_euros(budget: str | None) -> float | None:
    """A budget that states one sum gives that sum; two sums give a total only if the text says so."""
    if not budget:
        return None
    sums = find_amounts(budget)
    if len(sums) == 1:
        return float(sums[0].value)
    if len(sums) > 1 and re.search(r"\b(total|soit|au total)\b", budget, re.I):
        return float(sums[-1].value)
    return None
