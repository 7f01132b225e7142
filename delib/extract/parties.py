"""The document's own title and the collectivités that issue or sign it."""
from __future__ import annotations

import re
import unicodedata

from delib.lang.text import strip_accents

# A place name: capitalised words, joined by the connectors of French place names (Ivry-sur-Seine).
PLACE = r"[A-ZÉÈÎ][\w'’\-]*(?:[ -](?:sur|sous|en|le|la|les|lès|de|du|des)[ -][A-ZÉÈÎ][\w'’\-]*)*"
COLLECTIVITE = re.compile(
    r"\b(?:la\s+|le\s+)?(?P<kind>Ville|Commune|Département|Région|Métropole|Communauté\s+d'agglomération|"
    r"Communauté\s+de\s+communes|Collectivité)\s+(?:de\s+la\s+|de\s+l'|du\s+|de\s+|d'|d’|des\s+)(?P<name>"
    + PLACE + r")"
)
MAX_TITLE = 200
HEAD = 2500  # a title block is in the first characters of a document

# The first words of a document's own title.
TITLE_KIND = re.compile(
    r"^(?:convention|proc[èe]s[- ]verbal|compte[- ]rendu|extrait\s+du\s+registre|registre\s+des\s+d[ée]lib"
    r"|recueil\s+des\s+(?:actes|d[ée]lib)|d[ée]lib[ée]ration\s+(?:du|n)|bilan|rapport|protocole|contrat|accord"
    r"|avenant|charte|s[ée]ance\s+(?:publique\s+)?du\s+conseil|r[ée]union\s+du\s+conseil)\b", re.I)
# A line that carries on the title above it: « entre », « DES DELIBERATIONS », « la Ville de Paris ».
CONTINUATION = re.compile(r"^(?:entre|et|de|des|du|d['’]|la|le|les|l['’]|pour|relative?|portant|[àa]\s|en\s|sur\s"
                          r"|[A-ZÉÈ' \-]+$|\d{4}(?:\s*[-–]\s*\d{4})?$)")
STOP_LINE = re.compile(r"(?i)^(?:sommaire|pr[ée]ambule|article|vu\b|objet\b|s[ée]ance\s+du|entre\s+les\s+soussign)")
SEANCE = re.compile(r"(?i)\bs[ée]ance\s+(?:publique\s+|ordinaire\s+)?du\s+(?:\w+\s+)?(\d{1,2}(?:er)?\s+\w+\s+\d{4})")
INSTANCE_LINE = re.compile(r"(?im)^\s*(conseil\s+(?:municipal|communautaire|d[ée]partemental|r[ée]gional|m[ée]tropolitain))\s*$")
DATE_WORDS = re.compile(r"(?i)\b\d{1,2}(?:er)?\s+(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre"
                        r"|octobre|novembre|d[ée]cembre)\s+\d{4}\b")
FIRST_BLOCK_MAX = 120  # longer, a first block is body text: its first line (or sentence) is the title
OBJET_LINE = re.compile(r"(?im)^\s*objet\s*:\s*(?P<objet>[^\n]{8,200}?)\.?\s*$")
THIS_CONVENTION = re.compile(r"(?i)\b(?:la\s+pr[ée]sente|cette|la\s+nouvelle)\s+(convention(?:[- ]cadre)?"
                             r"(?:\s+de\s+coop[ée]ration|\s+globale|\s+de\s+partenariat)?)\b")


def find_title(text: str) -> str | None:
    """The document's own title, as a person would write it:

    - its title block (« Convention de coopération / entre / la Ville de Paris / et / le
      Département du Val-de-Marne »; « EXTRAIT DU REGISTRE / DES DELIBERATIONS »), its lines
      joined, the instance and séance date added when the block gives them apart
      (« Extrait du registre des délibérations du conseil municipal – séance du 27 juin 2024 »);
    - else the « OBJET : … » of its head with the séance (« Convention globale Paris -
      Seine-Saint-Denis – séance du 15 février 2018 »);
    - else, for a convention that calls itself « la présente convention de coopération »,
      that and its parties (« Convention de coopération entre la Ville d’Ivry-sur-Seine et
      la Ville de Paris »);
    - else its first block of lines after a letterhead.

    Text in capitals is written in the text's own case (« DELIBERATIONS » -> « délibérations »);
    a title longer than 200 characters ends at a word, with « … »: never mid-word.
    """
    head = text[:HEAD]
    title = _title_block(head, text) or _objet_title(head, text) or _convention_title(text) or _first_block(head, text)
    return _shorten(title) if title else None


def _lines(head: str) -> list[str]:
    return [" ".join(line.replace("*", " ").replace("#", " ").split()) for line in head.splitlines()]


def _title_block(head: str, text: str) -> str | None:
    lines = _lines(head)
    for i, line in enumerate(lines):
        if not line or not TITLE_KIND.match(line) or len(line) > 150:
            continue
        parts = [line]
        for nxt in lines[i + 1:]:
            if not nxt:
                continue
            if STOP_LINE.match(nxt) or len(nxt) > 100 or not CONTINUATION.match(nxt) \
                    or sum(map(len, parts)) > MAX_TITLE:
                break
            parts.append(nxt)
        title = _cased(" ".join(parts), text)
        # « Compte rendu du conseil municipal du » with the date on a line of its own, or none
        if re.search(r"\s(?:du|de|des|le)$", title, re.I):
            title = re.sub(r"\s+(?:du|de|des|le)$", "", title, flags=re.I)
            date = DATE_WORDS.search(head)
            if date and not SEANCE.search(head):
                title += " du " + _cased(date.group(0), text).lower()
        before = "\n".join(lines[max(0, i - 3):i])
        instance = INSTANCE_LINE.search(before)
        if instance and "conseil" not in title.lower():
            title += " du " + instance.group(1).lower()
        seance = SEANCE.search(head)
        if seance and not re.search(r"\d{4}", title) and not re.match(r"(?i)convention|contrat|accord|protocole|charte",
                                                                         title):
            title += " – séance du " + _cased(seance.group(1), text).lower()
        return title
    return None


def _objet_title(head: str, text: str) -> str | None:
    m = OBJET_LINE.search(head[:1000])
    if not m or len(m.group("objet").split()) < 3:
        return None  # « OBJET : ENVIRONNEMENT » is a theme, not a title
    title = _cased(m.group("objet").rstrip(" ."), text)
    seance = SEANCE.search(head)
    return title + (f" – séance du {_cased(seance.group(1), text).lower()}" if seance else "")


def _convention_title(text: str) -> str | None:
    m = THIS_CONVENTION.search(text)
    parties = signature_parties(text)
    if not m or len(parties) < 2:
        return None
    kind = " ".join(m.group(1).split())
    return f"{kind[:1].upper()}{kind[1:]} entre " + " et ".join(_with_article(p) for p in parties)


def _with_article(party: str) -> str:
    first = party.split()[0].lower()
    if first in ("département", "departement", "conseil"):
        return "le " + party
    return "la " + party


def _first_block(head: str, text: str) -> str | None:
    lines = _lines(head)
    block: list[str] = []
    for line in lines:
        if not line:
            if block and not _is_letterhead(" ".join(block)) and not block[-1].endswith(","):
                break  # a block ending on a comma goes on after the blank line
            if block and _is_letterhead(" ".join(block)):
                block = []
            continue
        if not block and re.match(r"^[\w.-]+\.(?:fr|com|org|net)$", line):
            continue  # « ivry94.fr »
        block.append(line)
        if sum(map(len, block)) > MAX_TITLE:
            break
    block = [line for line in block if not LETTERHEAD.fullmatch(line)]
    title = " ".join(block)
    if not title:
        return None
    if len(title) > FIRST_BLOCK_MAX:
        # body text: keep the lines that fit, else the first sentence of the first line
        kept: list[str] = []
        for line in block:
            if sum(map(len, kept)) + len(line) > FIRST_BLOCK_MAX:
                break
            kept.append(line)
        block = kept or [re.split(r"(?<=[.;:!?])\s", block[0], maxsplit=1)[0]]
    return " ".join(_cased(line, text, capital=i == 0) for i, line in enumerate(block))


def _is_letterhead(block: str) -> bool:
    """« IVRY », « S/SEINE », « COMMUNE DE CORTE »: the collectivité's name, not the title."""
    return bool(re.fullmatch(r"(?:[sS]/\s?)?[A-ZÉÈ][A-ZÉÈ'’\- ]{1,30}", block)) or bool(LETTERHEAD.fullmatch(block))


def _cased(title: str, text: str, capital: bool = True) -> str:
    """A title printed in capitals in the case the text itself writes its words, first letter capital."""
    letters = [c for c in title if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return title

    def word(m: re.Match) -> str:
        w = m.group(0)
        if not w.isupper():
            return w
        if len(w) < 2:
            return w.lower() if w in "DLA" else w  # « D' ACTIONS », « L'ÉCOLE », « À »
        spelled = _spelled_in(w, text)
        if spelled and not spelled.isupper():
            return spelled
        return ACCENTED.get(w.lower(), w.lower())

    cased = re.sub(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", word, title)
    cased = re.sub(r"\b([dl]['’])\s+(?=\w)", r"\1", cased, flags=re.I)  # « D' ACTIONS » -> « d'actions »
    return cased[:1].upper() + cased[1:] if capital else cased


# Words of titles that documents in capitals print without their accents.
ACCENTED = {
    "deliberation": "délibération", "deliberations": "délibérations", "seance": "séance",
    "proces-verbal": "procès-verbal", "proces": "procès", "reunion": "réunion", "cooperation": "coopération",
    "departement": "département", "departemental": "départemental", "regional": "régional",
    "metropole": "métropole", "metropolitain": "métropolitain", "prefecture": "préfecture",
    "ecole": "école", "reglement": "règlement", "election": "élection", "genéral": "général",
    "general": "général", "annee": "année", "fevrier": "février", "aout": "août", "decembre": "décembre",
}


def _shorten(title: str) -> str:
    title = " ".join(title.split())
    if len(title) <= MAX_TITLE:
        return title
    cut = title[:MAX_TITLE].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return cut + " …"


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


def _party(m: re.Match) -> str:
    """« le Département \nde la Seine-Saint-Denis » -> « Département de la Seine-Saint-Denis »."""
    full = " ".join(m.group(0).split())
    return re.sub(r"^(?:la|le|La|Le)\s+", "", full)


def _party_key(name: str) -> str:
    return strip_accents(name.lower().replace("’", "'"))


def _unique_parties(names) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(_party_key(name), name)
    return list(seen.values())


# A convention's title block: « Convention de coopération [2018-2020] entre la Ville de Paris et
# le Département du Val-de-Marne », on one line or several (blank lines between them).
TITLE_BETWEEN = re.compile(r"(?is)\b(?:convention|accord|protocole|contrat|charte)\b[^\n]{0,80}?\s+entre\s+"
                           r"(?P<parties>.{5,300})")
# The signature block: « Convention-cadre établie en 4 exemplaires originaux. », « Fait à Paris, le ».
SIGNATURES = re.compile(r"(?i)(?:établie?s?|fait)\s+en\s+(?:\w+\s+){1,2}exemplaires|^\s*fait\s+à\s", re.M)
SIGNATURE_SPAN = 600
# An address line: « 94205 Ivry-sur-Seine Cedex Département du Val-de-Marne » names no party.
ADDRESS_LINE = re.compile(r"\b\d{5}\b")


def title_block_parties(text: str, head_chars: int = 1500) -> list[str]:
    """The parties a title block names after « entre » (« … entre la Ville de Paris et le
    Département du Val-de-Marne »), when it names two or more."""
    head = text[:head_chars]
    for m in TITLE_BETWEEN.finditer(head):
        span, found, at = m.group("parties"), [], 0
        for c in COLLECTIVITE.finditer(span):
            # only names that follow one another: « la Ville de Paris et le Département … »
            if span[at:c.start()].strip(" \t\n,*").lower() not in ("", "et", "la", "le", "l'"):
                break
            found.append(_party(c))
            at = c.end()
        if len(found) >= 2:
            return _unique_parties(found)
    return []


def signature_parties(text: str) -> list[str]:
    """The collectivités of the signature block (« La Ville d’Ivry-sur-Seine La Ville de Paris »,
    « Le Département de la Seine-Saint-Denis », « La Ville de Paris »), when it names two or more."""
    for m in reversed(list(SIGNATURES.finditer(text))):
        span = text[m.end():m.end() + SIGNATURE_SPAN]
        span = re.split(r"(?i)\bannexe\b", span, maxsplit=1)[0]
        found = [_party(c) for c in COLLECTIVITE.finditer(span)]
        if len(found) >= 2:
            return _unique_parties(found)
    return []


# « IVRY s/SEINE » on a letterhead: « Ivry-sur-Seine ».
SUR_LETTERHEAD = re.compile(r"^[\s*#]*(?P<town>[A-ZÉÈ][A-ZÉÈ'\-]{2,})[\s*]*\n?[\s*]*[sS]/\s?(?P<river>[A-ZÉÈ][A-Za-zéè\-]+)[\s*]*$",
                            re.M)


def issuer_party(text: str) -> str | None:
    """The issuing collectivité as a party's name (« Ville d'Ivry-sur-Seine »), when the text
    states its assembly or letterhead."""
    name = find_issuer(text)
    if name is None:
        m = SUR_LETTERHEAD.search(text[:3000])
        if m is None:
            return None
        name = f"{place_case(m.group('town'), text)}-sur-{place_case(m.group('river'), text)}"
    name = place_case(name, text)
    if re.match(r"(?i)(?:communaut|m[ée]tropole|\w+\s+agglom)", name) or " " in name and name.split()[-1].lower() in (
            "agglomération", "agglomeration", "métropole", "metropole"):
        return name
    return ("Ville d'" if name[:1].upper() in "AEIOUYÉÈÎ" else "Ville de ") + name


def find_parties(text: str, head_chars: int = 5000) -> list[str]:
    """Every party of the document, as printed (« Ville d’Ivry-sur-Seine »), in order:

    - a convention's title block, « … entre A et B »;
    - else its signature block, after « établie en N exemplaires » / « Fait à »;
    - else (minutes, extracts, reports) the collectivité whose assembly or letterhead
      speaks, then the collectivités the top of the text names (an address line aside).

    The one implementation of « who are the parties »: `documents.collectivites` and
    `delib compare` both use it.
    """
    parties = title_block_parties(text) or signature_parties(text)
    if parties:
        return parties
    found = []
    issuer = issuer_party(text)
    if issuer:
        found.append(issuer)
    for m in COLLECTIVITE.finditer(text[:head_chars]):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        if ADDRESS_LINE.search(text[line_start:line_end if line_end >= 0 else len(text)]):
            continue
        found.append(_party(m))
    return _unique_parties(found)


def find_collectivites(text: str, head_chars: int = 5000) -> list[str]:
    """The document's parties (see `find_parties`): what `documents.collectivites` lists."""
    return find_parties(text, head_chars)


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
