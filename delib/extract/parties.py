"""The document's own title and the collectivités that issue or sign it."""
from __future__ import annotations

import re
import unicodedata

from delib.text import strip_accents

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


# --- The assembly's own collectivité ----------------------------------------------------

# The whole name of an intercommunal body (EPCI): « Roannais Agglomération », « Communauté
# d'agglomération de la Région de Compiègne », « Montpellier Méditerranée Métropole ».
_WORD = r"[A-ZÉÈÎ][\w'’\-]*"
EPCI_NAME = (
    r"(?:Communaut[ée]\s+(?:d['’]\s?agglom[ée]ration|de\s+communes|urbaine)\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+)"
    + PLACE
    + r"|(?:" + _WORD + r"\s+){1,3}(?i:agglom[ée]ration|m[ée]tropole)(?![\w'’])"
    + r"|M[ée]tropole\s+(?:de\s+|du\s+|d['’])" + PLACE + ")"
)
# Not a place: « CONSEIL MUNICIPAL DU LUNDI 1ER JUILLET », « … de cette commune ».
_NOT_A_PLACE = (r"(?!(?i:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|f[ée]vrier|mars|avril|mai"
                r"|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|premier|\d)\b)")
# « de », « du », « d' » in any case; the article « la », « l' » in lower case only: « Commune
# de L'Arbresle » and « Ville de La Rochelle » keep theirs, « Ville de la Seine-Saint-Denis » does not.
# « de la », « de l' », « du »…, and « DE LA » in a heading all in capitals (« CONSEIL MUNICIPAL
# DE LA VILLE DE PARIS »); a capital article after a small « de » is the name's (« de L'Arbresle »).
_OF = r"(?:[Dd][Ee]\s+la\s+|DE\s+LA\s+|[Dd][Ee]\s+l['’]\s?|DE\s+L['’]\s?|[Dd][Uu]\s+|[Dd][Ee][Ss]\s+|[Dd][Ee]\s+|[Dd]['’]\s?)"
# « le Conseil Municipal de la Ville d'Ivry-sur-Seine », « Séance Publique du Conseil Municipal
# d'OUZOUS », « les conseillers communautaires de Roannais Agglomération », « Mairie de Clairoix ».
ASSEMBLY_OF = re.compile(
    r"(?i:conseil\s+(?:municipal|communautaire|d[ée]partemental|r[ée]gional|m[ée]tropolitain)"
    r"|conseillers\s+(?:municipaux|communautaires)|mairie)\s+" + _OF
    + r"(?:(?i:ville|commune)\s+" + _OF + r")?" + _NOT_A_PLACE
    + r"(?P<name>" + EPCI_NAME + "|" + PLACE + ")"
)
# A letterhead line: « VILLE D'AVRANCHES », « COMMUNE DE CORTE », « Ville de LANNION (Côtes
# d'Armor) », « VILLE D’EYBENS »; or an EPCI's name alone on its line (« ROANNAIS AGGLOMERATION »).
LETTERHEAD = re.compile(
    r"^[ \t]*(?:(?i:ville|commune|mairie)\s+" + _OF + r"(?P<name>" + PLACE + r")"
    r"|(?P<epci>" + EPCI_NAME + r"))[ \t]*(?:\([^)\n]*\))?[ \t]*$",
    re.M,
)
# The document's place and date on its first line: « Montpellier, le lundi 14 mars 2011 ».
PLACE_AND_DATE = re.compile(r"\A\s*(?P<name>" + PLACE + r"),\s+le\s+(?:\w+\s+)?\d{1,2}(?:er)?\s")
# A département's own deliberation says only « Le Conseil départemental »: its name is
# that of the département the text names (« le département de la Seine-Saint-Denis »).
DEPARTEMENT_OF = re.compile(r"\b[Dd][ée]partement\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])(?P<name>" + PLACE + ")")
# A commune's name where the text states no assembly: « Mairie de Clairoix », « la Commune de
# Clairoix », « l'école de Couthenans », « scolarisables à Couthenans ».
NAMED_PLACE = re.compile(r"(?<![\w'’])(?:de|à|d['’])\s+(?P<name>" + PLACE + ")")


def find_issuer(text: str) -> str | None:
    """The collectivité whose assembly speaks, when the text states it: « le Conseil
    Municipal de la Ville d'Ivry-sur-Seine », a letterhead « COMMUNE DE CORTE », « les
    conseillers communautaires de Roannais Agglomération » — as the text spells it."""
    for m in (ASSEMBLY_OF.search(text), LETTERHEAD.search(text[:3000]), PLACE_AND_DATE.search(text)):
        if m:
            return _clean_name(m.group("epci") if "epci" in m.re.groupindex and m.group("epci") else m.group("name"))
    return None


def find_departement(text: str) -> str | None:
    """« Seine-Saint-Denis » for a text naming « le département de la Seine-Saint-Denis »."""
    m = DEPARTEMENT_OF.search(text)
    return _clean_name(m.group("name")) if m else None


def most_named_commune(text: str, others: frozenset[str] = frozenset()) -> str | None:
    """The commune minutes that never state their own name are about: the place the text
    names most often after « de » / « à » (« l'école de Couthenans », « personne de
    Couthenans »), less `others` (communes whose council it names), when it clearly leads — named at least three times, twice as often as
    the next (a member given a proxy, « procuration à Mario », is named once or twice)."""
    counts: dict[str, int] = {}
    for m in NAMED_PLACE.finditer(text):
        name = _clean_name(m.group("name"))
        if name.lower() in _NOT_PLACES or len(name) < 3 or name in others:
            continue
        counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 3 or len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


# Capitalised words after « de » / « à » that are no commune of the text.
_NOT_PLACES = {"france", "l'etat", "etat", "paris", "monsieur", "madame", "mme", "mr", "m"}
_CONNECTORS = {"sur", "sous", "en", "le", "la", "les", "lès", "lez", "de", "du", "des", "d", "l", "aux", "et"}


def _clean_name(name: str) -> str:
    name = " ".join(name.replace("’", "'").split()).strip(" -'")
    # « Ville de Montpellier, le vendredi 1er avril 2011 »: the name is « Montpellier »
    return re.sub(r"^(?:Ville|Commune|Mairie)\s+(?:de\s+|d')", "", name)


def place_case(name: str, text: str = "") -> str:
    """A name printed in capitals in its usual case: the way the text itself spells it
    elsewhere when it does (« CHATILLON-SUR-SEINE » -> « Châtillon-sur-Seine »), else
    capitalised words and lower-case connectors (« LANNION » -> « Lannion », « SAINT-JEAN-DE-LUZ »
    -> « Saint-Jean-de-Luz »)."""
    if not name or not name.isupper():
        return name
    spelled = _spelled_in(name, text)
    if spelled:
        return spelled
    words = re.split(r"([ \-'])", name.lower())  # words and the separators between them
    return "".join(_capitalised(word, i) for i, word in enumerate(words))


def _capitalised(word: str, position: int) -> str:
    # connectors stay lower case, but not as the first word (« Le Havre ») nor as an
    # elided article (« L'Arbresle »)
    if position > 0 and word in _CONNECTORS:
        return word
    return word[:1].upper() + word[1:]


def _spelled_in(name: str, text: str) -> str | None:
    """The text's own mixed-case spelling of `name` (accents and apostrophes aside)."""
    source = unicodedata.normalize("NFC", text.replace("’", "'"))
    folded = strip_accents(source)  # one character per character of `source` (composed accents)
    if len(folded) != len(source):
        return None
    pattern = re.compile(r"(?<!\w)" + re.escape(strip_accents(name)).replace(r"\ ", r"\s+") + r"(?!\w)", re.I)
    for m in pattern.finditer(folded):
        if not m.group(0).isupper():
            return " ".join(source[m.start():m.end()].split())
    return None


def find_collectivites(text: str, head_chars: int = 5000) -> list[str]:
    """Collectivités named near the top, in order of first appearance: « Ville de Paris »…"""
    seen: dict[str, None] = {}
    for m in COLLECTIVITE.finditer(text[:head_chars]):
        full = " ".join(m.group(0).split()).replace("’", "'")
        full = re.sub(r"^(?:la|le)\s+", "", full)
        seen.setdefault(full, None)
    return list(seen)


def most_stated_issuer(text: str) -> str | None:
    """The commune most often named as such or by its town hall in the whole text
    (« Mairie de Clairoix », « la Commune de Clairoix »), for minutes whose heading says
    only « le Conseil Municipal de cette commune ». A council named in the body (« actée
    au conseil municipal de Luze ») is another commune's: it does not count."""
    counts: dict[str, int] = {}
    for m in ASSEMBLY_OF.finditer(text):
        if m.group(0).lower().startswith("mairie"):
            name = _clean_name(m.group("name"))
            counts[name] = counts.get(name, 0) + 1
    for m in COLLECTIVITE.finditer(text):
        if m.group("kind") in ("Commune", "Ville"):
            name = _clean_name(m.group("name"))
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def councils_named(text: str) -> set[str]:
    """The communes whose council the text names (« au conseil municipal de Luze »)."""
    return {_clean_name(m.group("name")) for m in ASSEMBLY_OF.finditer(text)
            if not m.group(0).lower().startswith("mairie")}
