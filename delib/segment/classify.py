"""What kind of document is this? (contract `doc_type`)

Decided from the document's own wording near its top and from the structure
found: a register extract announces itself, minutes say « procès-verbal » or
« compte rendu » and hold several deliberations (so does a recueil of register
extracts: it is typed « proces_verbal », a document of many deliberations of one
session), a convention has axes and actions or says « convention » in its
title, a mandate review says « bilan ».
"""
from __future__ import annotations

import re

from delib.model import Segment

HEAD_CHARS = 4000

REGISTER = re.compile(r"extrait\s+du\s+registre\s+des\s+d[ée]lib[ée]rations|d[ée]lib[ée]ration\s+du\s+conseil", re.I)
MINUTES = re.compile(r"proc[èe]s[\s-]*verbal|compte[\s-]*rendu|s[ée]ance\s+du\s+conseil|ordre\s+du\s+jour"
                     r"|d[ée]lib[ée]rations\s+du\s+conseil|registre\s+des\s+d[ée]lib[ée]rations|conseil\s+municipal", re.I)
CONVENTION_TITLE = re.compile(r"\bconvention\b|\bprotocole\b", re.I)
BILAN = re.compile(r"bilan\s+de\s+mandat|ans\s+d.\s*actions\s+municipales|\bbilan\b", re.I)
REPORT = re.compile(r"mesdames,?\s+messieurs", re.I)


def classify(text: str, segments: list[Segment]) -> str:
    head = text[:HEAD_CHARS]
    kinds = [s.kind for s in segments]
    n_axes, n_actions = kinds.count("axe"), kinds.count("action")
    n_delibs = kinds.count("deliberation")
    # Several deliberations: minutes of a session, or a recueil of its register
    # extracts — also « proces_verbal », the contract's type for a document holding
    # many deliberations (a « deliberation » is ONE extract), even when a convention
    # is annexed to one of them.
    if n_delibs >= 2 and (REGISTER.search(head) or MINUTES.search(head)):
        return "proces_verbal"
    if n_axes >= 2 and n_actions >= 2:
        return "convention"
    if n_delibs >= 2:
        return "proces_verbal"
    if REGISTER.search(head):
        return "deliberation"
    if BILAN.search(text[:1500]) or re.search(r"bilan\s+de\s+mandat", head, re.I):
        return "bilan"
    if CONVENTION_TITLE.search(head[:600]) and not REPORT.search(head[:600]):
        return "convention"
    if MINUTES.search(head):
        return "proces_verbal" if n_delibs != 1 else "deliberation"
    if REPORT.search(head):
        return "rapport"
    if n_axes >= 2:
        return "convention"
    return "deliberation" if n_delibs == 1 else "autre"
