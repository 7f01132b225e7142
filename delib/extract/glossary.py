"""The document's own glossary: acronym -> expansion.

Conventions end with a « Glossaire des sigles utilisés » (or « Liste des
sigles », « Lexique »…): one entry per line, « DASES Direction de l’Action
sociale, de l’Enfance et de la Santé », sometimes « DASES : … » or « DASES – … ».
The body also defines some acronyms inline: « la Mission métropolitaine de la
prévention des conduites à risques et des toxicomanies (MMPCR) ». Entries of
the glossary section win over inline definitions.

`service_label(service, glossary)` turns a pilot service as the action forms
write it (« DASES », « DEF – ASE », « DVD – Agence de la Mobilité ») into its
expansion, composing the parts of a compound; None when an acronym of it is
not in the glossary.
"""
from __future__ import annotations

import re
from typing import Optional

GLOSSARY_HEADING = re.compile(
    r"^\W*(?:glossaire|lexique|liste\s+des\s+(?:sigles|acronymes|abr[ée]viations)"
    r"|(?:table\s+des\s+)?sigles(?:\s+et\s+(?:acronymes|abr[ée]viations))?"
    r"|acronymes|abr[ée]viations)\b.{0,60}$",
    re.IGNORECASE,
)
# « DASES Direction de … », « REP+ Les Réseaux … », « AP-HP : Assistance … », « MC93 – Maison … »
ENTRY = re.compile(r"^\W{0,3}(?P<acronym>[A-Za-zÀ-Ýà-ÿ0-9+&/.-]{2,15})\s*(?:[:=–—-]\s+|\s+)"
                   r"(?P<expansion>[A-ZÀ-Ýa-zà-ÿ].{2,200})$")
# Lines between the heading and the first entry (a note, a column header) that do not end the glossary.
MAX_NON_ENTRY_LINES = 2
# Articles and prepositions, which acronyms skip: « Direction de l'Action Sociale » -> DAS.
SMALL_WORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "à", "a", "au", "aux", "en", "pour", "sur", "par"}
DASH = re.compile(r"\s*[–—]\s*|\s+-\s+|(?<=[A-Z0-9])-(?=[A-Z])")


def is_acronym(token: str) -> bool:
    """« DASES », « AP-HP », « MC93 », « REP+ », « ParHI » are acronyms; « Direction », « 2018 » are not."""
    letters = [c for c in token if c.isalpha()]
    if len(token) < 2 or not letters:
        return False
    upper = sum(c.isupper() for c in letters)
    return upper == len(letters) or (upper >= 2 and upper * 2 >= len(letters) and token[0].isupper())


def find_glossary(text: str) -> dict[str, str]:
    """Acronym -> expansion, from the glossary section(s) and inline definitions of `text`."""
    glossary = find_inline_definitions(text)
    glossary.update(_glossary_sections(text))
    return glossary


def _glossary_sections(text: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if GLOSSARY_HEADING.match(line.strip()):
            entries.update(_entries_after(lines[i + 1:]))
    return entries


def _entries_after(lines: list[str]) -> dict[str, str]:
    """Entries on the lines that follow a glossary heading, up to the first stretch of other text."""
    entries: dict[str, str] = {}
    misses = 0
    last = None
    for line in lines:
        line = line.strip()
        if not line or line.isdigit():  # blank lines and page numbers
            continue
        m = ENTRY.match(line)
        if m and is_acronym(m["acronym"]) and not m["acronym"].isdigit() and not m["expansion"].isupper():
            last = m["acronym"]
            entries[last] = m["expansion"].strip(" .;")
            continue
        if last and line[0].islower():  # an expansion wrapped over two lines
            entries[last] = f"{entries[last]} {line.strip(' .;')}"
            continue
        if entries:  # the glossary is over: « Délibération n° du 15 février 2018 » (seed 004)
            break
        misses += 1
        if misses > MAX_NON_ENTRY_LINES:
            break
    return entries


INLINE = re.compile(r"\((?P<acronym>[A-Z][A-Za-z0-9+&-]{1,14})\)")


def find_inline_definitions(text: str) -> dict[str, str]:
    """« … Mission métropolitaine de la prévention des conduites à risques (MMPCR) » -> MMPCR.

    The expansion is the shortest run of words before the brackets that starts
    with a capitalised word of the acronym's first letter and whose initials
    hold the acronym's letters in order.
    """
    found: dict[str, str] = {}
    for m in INLINE.finditer(text):
        acronym = m["acronym"]
        if not is_acronym(acronym) or acronym in found:
            continue
        before = text[max(0, m.start() - 200):m.start()]
        before = re.split(r"[.;:!?()\n]", before.replace("\n", " "))[-1]
        expansion = _expansion_for(acronym, before.split())
        if expansion:
            found[acronym] = expansion
    return found


def _expansion_for(acronym: str, words: list[str]) -> Optional[str]:
    letters = [c.lower() for c in acronym if c.isalpha()]
    for start in range(len(words) - 1, max(-1, len(words) - 3 * len(letters) - 4), -1):
        first = _bare(words[start])
        if not first or not first[0].isupper() or first[0].lower() != letters[0]:
            continue
        initials = [w[0].lower() for w in map(_bare, words[start:]) if w and w.lower() not in SMALL_WORDS]
        if _is_subsequence(letters, initials) and len(initials) <= len(letters) + 2:
            # « l’Agence régionale de santé (ARS) »: the article is not part of the name
            return re.sub(r"^[ldLD][’']", "", " ".join(words[start:])).strip(" ,")
    return None


def _bare(word: str) -> str:
    """The word without its elided article (« l’Enfance » -> « Enfance ») and punctuation."""
    word = re.sub(r"^[ldLD][’']", "", word)
    return word.strip(",«»\"'’")


def _is_subsequence(needle: list[str], hay: list[str]) -> bool:
    it = iter(hay)
    return all(any(c == h for h in it) for c in needle) and bool(hay) and hay[0] == needle[0]


def service_label(service: str, glossary: dict[str, str]) -> Optional[str]:
    """The expansion of a pilot service, from the glossary.

    « DASES » -> its entry; a compound « DEF – ASE » or « DASES-SDS » composes
    the entries of its parts with « – »; a part that is not an acronym
    (« Agence de la Mobilité ») is kept as written. None when an acronym part
    is missing from the glossary, or the service holds no acronym at all.
    """
    service = service.strip()
    if service in glossary:
        return glossary[service]
    note = re.fullmatch(r"(?P<name>.+?)\s*(?P<note>\([^()]*\))", service)  # « DCPSL (pilotage) »
    if note:
        label = service_label(note["name"], glossary)
        return f"{label} {note['note']}" if label else None
    parts = [p.strip() for p in DASH.split(service) if p.strip()]
    labels = []
    for part in parts:
        if part in glossary:
            labels.append(glossary[part])
        elif is_acronym(part.split()[0]) and len(part.split()) == 1:
            return None
        else:
            labels.append(part)
    if len(parts) < 2 or not any(p in glossary for p in parts):
        return None
    return " – ".join(labels)
