"""What a convention announces about itself: « six grands axes … dix-sept actions ».

Numbers may be written in words; `text2num` turns them into digits. Sentences
about an earlier agreement (« le protocole de 2006 … s'articulait en six axes »,
« le précédent partenariat … 27 actions ») are not this document's own count.
"""
from __future__ import annotations

import re

from text_to_num import alpha2digit

SENTENCE = re.compile(r"[^.;!?]*(?:axes?|actions?)\b[^.;!?]*", re.I)
AXES = re.compile(r"\b(\d{1,2})\s+(?:grands?\s+|principaux\s+|)(?:axes|orientations\s+strat[ée]giques)\b", re.I)
ACTIONS = re.compile(r"\b(\d{1,3})\s+(?:actions|fiches[\s-]actions|mesures)\b", re.I)
ABOUT_THE_PAST = re.compile(
    r"\b(?:s'articulait|s’articulait|avait|avaient|était|étaient|identifiait|précédent|précédente|"
    r"ancien|ancienne|portait|prévoyait|comportait)\b", re.I)


def find_declared_counts(text: str) -> tuple[int | None, int | None]:
    """(declared axes, declared actions), each None when the document announces none."""
    axes = actions = None
    for m in SENTENCE.finditer(text):
        sentence = " ".join(m.group(0).split())
        if ABOUT_THE_PAST.search(sentence):
            continue
        digits = alpha2digit(sentence, "fr")
        if axes is None and (a := AXES.search(digits)):
            axes = int(a.group(1))
        if actions is None and (c := ACTIONS.search(digits)):
            actions = int(c.group(1))
        if axes is not None and actions is not None:
            break
    return axes, actions
