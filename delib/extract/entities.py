"""Named entities: people, organisations and places (spaCy NER), and the
collectivités and administrative services the documents name (rules).

Two layers, merged with the rules winning:

* **rules** (`source` = "rule"), spaCy `Matcher` token patterns:
  - services: the acronyms of `delib/data/services.csv` (Paris and Seine-Saint-Denis
    directions: DASES, DVD, DEF…) and of the document's own glossary, and their
    expansions written out in full (« Direction de la Voirie et des Déplacements »);
  - collectivités: a head word of `delib/data/collectivites.csv` followed by a place
    name (« Ville de Paris », « Département de la Seine-Saint-Denis », « Commune de
    Couthenans »), a place name followed by a suffix (« Roannais Agglomération »),
    or a listed name (« Est Ensemble »).
* **NER** (`source` = "ner"): `fr_core_news_sm`'s entity recognizer alone, PER,
  ORG and LOC kept (MISC is mostly noise here: « Linéaire de piste cyclable créé »).
  An NER entity overlapping a rule entity is dropped.

Why a Matcher run after NER rather than an `entity_ruler` inside the pipeline:
the glossary, hence the patterns, changes with every document, while the loaded
pipeline is shared by the whole process; swapping a ruler's patterns per document
would mutate shared state. Running the matcher on the processed Doc keeps the
pipeline immutable and makes the rule precedence one explicit step (`_merge`).

The model is loaded once per process with the `ner` component only: in
fr_core_news_sm it has its own tok2vec (not a listener of the shared `tok2vec`)
and reads only lexical attributes (NORM, PREFIX, SUFFIX, SHAPE), so tagger,
parser, lemmatizer and attribute_ruler are not needed. The one thing the parser
gave NER was sentence boundaries (NER never crosses one); `_with_line_breaks`
puts them back, cheaply, at the line breaks that end a line of their own.
"""
from __future__ import annotations

import csv
import functools
import gzip
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.lang.fr.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from delib.extract.glossary import find_glossary, is_acronym
from delib.model import Mention
from delib.resources import data_path
from delib.lang.text import strip_accents

SERVICES_FILE = data_path("services.csv")
COLLECTIVITES_FILE = data_path("collectivites.csv")
# Derived from the model by scripts/build_french_words.py.
FRENCH_WORDS_FILE = data_path("french_words.txt.gz")

SPACY_MODEL = "fr_core_news_sm"
# Everything of fr_core_news_sm but `ner` (see the module docstring).
NOT_NEEDED_BY_NER = ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer")
NER_LABELS = {"PER", "ORG", "LOC"}
RULE_LABELS = {"SERVICE", "COLLECTIVITE", "ORG"}

# Text is fed to spaCy in blocks of about this many characters, cut on blank
# lines: memory stays flat on 50-page minutes, and nlp.pipe batches the blocks.
CHUNK_CHARS = 6000
BATCH_SIZE = 32
# A line shorter than this ends by itself (heading, signature, table cell), so the
# next line starts a new sentence; longer lines are prose wrapped by the layout.
SHORT_LINE = 60

# Glossary expansions: what their first word says the acronym names.
SERVICE_HEADS = ("direction", "sous-direction", "service", "mission", "bureau", "délégation",
                 "division", "pôle", "secrétariat général", "cabinet", "inspection générale")
ORG_HEADS = ("agence", "association", "office", "institut", "centre", "comité", "compagnie",
             "société", "syndicat", "régie", "établissement", "groupement", "maison", "fédération",
             "union", "caisse", "assistance publique", "observatoire", "école", "université",
             "ministère", "préfecture", "commission", "fondation", "chambre", "tribunal", "cour",
             "conseil", "atelier", "secrétariat", "opéra", "théâtre", "musée", "voies",
             "banque", "mutuelle", "entreprise", "haut conseil", "autorité")

# Words a reader never underlines although the model tags them (page furniture,
# salutations, attendance headings).
PAGE_FURNITURE = {"page", "sommaire", "annexes", "préambule", "objet", "vu", "considérant",
                  "délibération", "convention", "glossaire", "total", "mesdames", "messieurs",
                  "monsieur", "madame", "présents", "absents", "excusés", "représentés",
                  "conseil", "état", "etat"}
# An entity starting with a word of the document's own structure is a heading (« Axe 1 »),
# one starting with a title of office a role (« Conseillère municipale »), and a
# person's name holds no title (« Le Président »).
FIRST_WORD_NOT_A_NAME = {"axe", "action", "article", "annexe", "plan", "objectif", "fiche",
                         "maire", "conseiller", "conseillère", "conseillers", "adjoint", "adjointe",
                         "adjoints", "président", "présidente", "vice-président", "vice-présidente",
                         "directeur", "directrice"}
ELIDED = {"l'", "l’", "d'", "d’"}
# « M. BOUYSSOU », « Mme LE FRANC », « Monsieur Philippe BOUYSSOU »: a person.
CIVILITES = ["M.", "MM.", "Mme", "Mmes", "Mme.", "Mlle", "Monsieur", "Madame", "Mademoiselle",
             "MONSIEUR", "MADAME"]
# Capitalised words that follow a civility without being a name (« M. le Maire »).
NOT_A_NAME = ["Le", "La", "Les", "Maire", "Président", "Présidente", "Préfet", "Directeur",
              "Directrice", "Adjoint", "Adjointe", "Conseiller", "Conseillère", "Rapporteur"]
# Private-use characters are the bullets of PDF symbol fonts (« \uf095 Encourager »,
# which the model reads as a person); they become spaces, which keeps every offset.
PRIVATE_USE = {c: " " for c in range(0xE000, 0xF900)}

LINK_WORDS = ["de", "du", "des", "d'", "d’"]
ARTICLES = ["la", "l'", "l’"]
# Extra spaces and a line break between words, never a blank line. spaCy makes one
# token of a run of whitespace, so one optional token is enough ("*" made every
# token the start of a partial match and cost seconds on long minutes).
SOFT_SPACE = re.compile(r"^[^\S\n]*\n?[^\S\n]*\Z")
SPACES = {"TEXT": {"REGEX": SOFT_SPACE.pattern}, "OP": "?"}
# A place name: one capitalised token that is not a function word
# (« Paris », « Seine-Saint-Denis », « Ivry-sur-Seine », « PARIS »).
PLACE_WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞŒ][\w'’-]*\Z")
PLACE = {"TEXT": {"REGEX": PLACE_WORD.pattern}, "LOWER": {"NOT_IN": sorted(STOP_WORDS)}}


class PatternFileError(ValueError):
    """A line of a maintained pattern file in delib/data/ that cannot be read."""


@dataclass(frozen=True)
class ServiceEntry:
    """An acronym the rules know: « DASES » -> Direction de l'Action sociale…, SERVICE."""

    acronym: str
    expansion: str
    label: str
    collectivites: tuple[str, ...] = ()
    source: str = ""


# ---------------------------------------------------------------- model files

def load_services(path: Path = SERVICES_FILE) -> list[ServiceEntry]:
    """The maintained list of services: acronym, expansion, label, collectivite, source."""
    entries = []
    for line_no, row in _csv_rows(path, ["acronym", "expansion", "label", "collectivite", "source"]):
        acronym, expansion, label = row["acronym"].strip(), row["expansion"].strip(), row["label"].strip()
        if not acronym or not expansion:
            raise PatternFileError(f"{path}, line {line_no}: acronym and expansion must both be filled in")
        if label not in RULE_LABELS:
            raise PatternFileError(f"{path}, line {line_no}: label {label!r} is not one of {sorted(RULE_LABELS)}")
        collectivites = tuple(c.strip() for c in row["collectivite"].split("|") if c.strip())
        entries.append(ServiceEntry(acronym, expansion, label, collectivites, row["source"].strip()))
    return entries


def load_collectivite_words(path: Path = COLLECTIVITES_FILE) -> dict[str, list[str]]:
    """Head words (« Ville », « Conseil départemental »), suffixes (« Agglomération »)
    and full names (« Est Ensemble ») of collectivités, by kind."""
    words: dict[str, list[str]] = {"head": [], "suffix": [], "name": []}
    for line_no, row in _csv_rows(path, ["kind", "text", "note"]):
        kind, text = row["kind"].strip(), row["text"].strip()
        if kind not in words:
            raise PatternFileError(f"{path}, line {line_no}: kind {kind!r} is not one of {sorted(words)}")
        if not text:
            raise PatternFileError(f"{path}, line {line_no}: the text column is empty")
        words[kind].append(text)
    return words


def _csv_rows(path: Path, columns: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a CSV file with exactly `columns`, each with its line number."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header != columns:
            raise PatternFileError(f"{path}, line 1: the header must be {','.join(columns)}, found {header}")
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                raise PatternFileError(f"{path}, line {reader.line_num}: expected {len(columns)} columns "
                                       f"({','.join(columns)}), found {len(row)}")
            yield reader.line_num, dict(zip(columns, row))


# ---------------------------------------------------------------- pipeline

def _with_line_breaks(doc: Doc, text: str) -> Doc:
    """Start a sentence of `doc` (made from `text`) after a line that ends by itself,
    so NER does not glue a signature to the heading below it (« Stéphane Troussel\\n
    Préambule »)."""
    if len(doc) < 2:
        return doc
    # Only the whitespace tokens are looked at, found by array: a Python loop over every
    # token cost more than the model's own reading of them.
    space_and_start = doc.to_array([IS_SPACE, IDX])
    starts = [i + 1 for i in numpy.flatnonzero(space_and_start[:-1, 0])
              if "\n" in text[space_and_start[i, 1]:space_and_start[i + 1, 1]]
              and _line_ends_itself(text, int(space_and_start[i, 1]))]
    if not starts:
        return doc
    # One array for all: setting `is_sent_start` token by token rescans the doc each time.
    values = numpy.zeros((len(doc), 1), dtype="uint64")
    values[starts, 0] = 1
    return doc.from_array([SENT_START], values)


def _line_ends_itself(text: str, newline_at: int) -> bool:
    line = text[text.rfind("\n", 0, newline_at) + 1:newline_at].strip()
    return len(line) < SHORT_LINE or line.endswith((".", ";", ":", "!", "?"))


@functools.lru_cache(maxsize=1)
def _pipeline() -> Language:
    """fr_core_news_sm with its NER only, loaded once per process."""
    return spacy.load(SPACY_MODEL, exclude=list(NOT_NEEDED_BY_NER))


@functools.lru_cache(maxsize=1)
def _shipped_services() -> tuple[ServiceEntry, ...]:
    return tuple(load_services())


@functools.lru_cache(maxsize=1)
def _collectivite_matcher() -> Matcher:
    """Token patterns for collectivités, from delib/data/collectivites.csv."""
    nlp = _pipeline()
    words = load_collectivite_words()
    link = {"LOWER": {"IN": LINK_WORDS}}
    article = {"LOWER": {"IN": ARTICLES}, "OP": "?"}
    grand = {"ORTH": {"IN": ["Grand", "Grande", "GRAND"]}, "OP": "?"}  # « Métropole du Grand Paris »
    place = [grand, SPACES, PLACE]  # a name broken at a hyphen is mended after: `_mend_hyphens`
    patterns = []
    for head in words["head"]:
        for head_tokens in _phrase_patterns(nlp, head, case_sensitive=False):
            patterns.append(head_tokens + [SPACES, link, SPACES, article, SPACES] + place)
            patterns.append(head_tokens + [SPACES] + place)  # « Région Île-de-France »
    for name in words["name"]:
        patterns += _phrase_patterns(nlp, name, case_sensitive=True)
    matcher = Matcher(nlp.vocab)
    matcher.add("COLLECTIVITE", patterns)
    # The suffix alone: the place names before it are found by `_collectivite_spans`. A
    # pattern starting with a place would test its regex on every token of every document.
    matcher.add("SUFFIX", [[{"ORTH": suffix}] for suffix in words["suffix"]])
    return matcher


def _collectivite_spans(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) tokens of the collectivités named in `doc`: a head and its place,
    a listed name, or one or two place names and a suffix (« Roannais Agglomération »)."""
    suffix_id = doc.vocab.strings["SUFFIX"]
    spans = []
    for match_id, start, end in _collectivite_matcher()(doc):
        if match_id == suffix_id:
            start = _places_before(doc, start, at_most=2)
            if start is None:
                continue
        spans.append((start, end))
    return spans


def _places_before(doc: Doc, i: int, at_most: int) -> Optional[int]:
    """The first of the (up to `at_most`) place names just before token `i`; None if none."""
    first = None
    for _ in range(at_most):
        j = i - 1
        if j >= 0 and SOFT_SPACE.match(doc[j].text) and doc[j].is_space:
            j -= 1
        if j < 0 or not PLACE_WORD.match(doc[j].text) or doc[j].lower_ in STOP_WORDS:
            break
        first = i = j
    return first


@functools.lru_cache(maxsize=1)
def _person_matcher() -> Matcher:
    """A civility followed by capitalised words: the person is the words."""
    # a capitalised word, or the hyphen of « OURABAH-BERTOUT », which the tokenizer splits off
    name = {"TEXT": {"REGEX": r"^(?:[A-ZÀ-ÖØ-ÞŒ][\w'’-]*|-)$"}, "ORTH": {"NOT_IN": NOT_A_NAME}, "OP": "+"}
    matcher = Matcher(_pipeline().vocab)
    # one pattern per civility: a plain value is tested in C, a set on every token in Python
    matcher.add("PER", [[{"ORTH": civilite}, SPACES, name] for civilite in CIVILITES], greedy="LONGEST")
    return matcher


@functools.lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """French dictionary words, lower-case and without accents (see
    scripts/build_french_words.py), read from the list shipped in delib/data/: deriving them from the model's lemmatizer
    tables at run time cost every worker 2 s and a 140 MB peak of memory."""
    try:
        with gzip.open(FRENCH_WORDS_FILE, "rt", encoding="utf-8") as f:
            return frozenset(word for word in f.read().split("\n") if word)
    except OSError as exc:
        raise PatternFileError(f"{FRENCH_WORDS_FILE}: cannot be read ({exc}); "
                               "rebuild it with python scripts/build_french_words.py") from exc


def _unaccented(word: str) -> str:
    return strip_accents(word.lower())


def _phrase_patterns(nlp: Language, phrase: str, case_sensitive: bool) -> list[list[dict]]:
    """Token patterns for a phrase, tolerant of extra spaces and line breaks, one
    for each apostrophe (« l'Action » / « l’Action »).

    Each token is matched by its plain value, not by `{"IN": [...]}`: spaCy tests a
    plain value in C, while every set is a Python call on every token of every
    document (the collectivité patterns took 4 s on the corpus with sets, 1 s without)."""
    variants = {phrase, phrase.replace("'", "’"), phrase.replace("’", "'")}
    patterns = []
    for variant in sorted(variants):
        pattern: list[dict] = []
        for token in nlp.make_doc(variant):
            if token.is_space:
                continue
            if pattern:
                pattern.append(SPACES)
            pattern.append({"ORTH": token.text} if case_sensitive else {"LOWER": token.text.lower()})
        patterns.append(pattern)
    return patterns


# ---------------------------------------------------------------- acronyms

@functools.lru_cache(maxsize=4096)
def glossary_label(expansion: str) -> Optional[str]:
    """What a glossary expansion names: SERVICE (« Direction de la Voirie… »),
    COLLECTIVITE (« Métropole du Grand Paris »), ORG (« Agence régionale de
    santé »), or None for what is not an organisation (« Gaz naturel comprimé »)."""
    doc = _pipeline().make_doc(expansion.strip())
    if any(start == 0 and end == len(doc) for start, end in _collectivite_spans(doc)):
        return "COLLECTIVITE"
    lowered = expansion.strip().lower()
    if lowered.startswith(SERVICE_HEADS):
        return "SERVICE"
    if lowered.startswith(ORG_HEADS):
        return "ORG"
    return None


def known_acronyms(glossary: dict[str, str]) -> dict[str, ServiceEntry]:
    """The shipped services, overridden by the document's own glossary, which
    knows best what its acronyms mean (DPE may be a diagnostic, not a direction)."""
    entries = {e.acronym: e for e in _shipped_services()}
    for acronym, expansion in glossary.items():
        label = glossary_label(expansion)
        if label and is_acronym(acronym) and not acronym.isdigit():
            entries[acronym] = ServiceEntry(acronym, expansion, label, source="glossaire du document")
        elif acronym in entries and entries[acronym].expansion.lower() != expansion.lower():
            del entries[acronym]  # the document uses the acronym for something else
    return entries


def _acronym_matcher(entries: dict[str, ServiceEntry]) -> PhraseMatcher:
    """Acronyms as written (case matters: « DU » the direction, not « du »), and
    their expansions in any case. Phrase matchers: a hash lookup per token, where
    token patterns for a hundred services cost seconds on a long document."""
    nlp = _pipeline()
    by_orth, by_lower = PhraseMatcher(nlp.vocab, attr="ORTH"), PhraseMatcher(nlp.vocab, attr="LOWER")
    for e in entries.values():
        key = f"{e.label}\t{e.acronym}"
        by_orth.add(key, [nlp.make_doc(e.acronym)])
        if len(e.expansion.split()) >= 2:
            variants = {e.expansion, e.expansion.replace("'", "’"), e.expansion.replace("’", "'")}
            by_lower.add(key, [nlp.make_doc(" ".join(v.split())) for v in sorted(variants)])
    return _Both(by_orth, by_lower)


class _Both:
    """Two phrase matchers called as one."""

    def __init__(self, *matchers: PhraseMatcher):
        self.matchers = matchers

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        return [match for matcher in self.matchers for match in matcher(doc)]


def _reads_as_a_word(span: Span, acronyms: set[str]) -> bool:
    """« SEANCE DU 28 Octobre », « PROCES-VERBAL DU CONSEIL »: an acronym that is
    also a French word (DU) is that word when a neighbour is a word in capitals
    or a number; beside other acronyms (« DDCT, DAC, DU, DVD ») or ordinary
    words (« la DU – Service de l’Aménagement ») it is the acronym."""
    doc = span.doc
    neighbours = [_next_word(doc, span.start - 1, -1), _next_word(doc, span.end, +1)]
    return any(t is not None and (t.like_num or (t.is_upper and t.is_alpha and len(t) > 1
                                                  and t.text not in acronyms))
               for t in neighbours)


def _next_word(doc: Doc, i: int, step: int):
    """The first token from `i` on, going `step`, that is not a space or a dash."""
    while 0 <= i < len(doc) and (doc[i].is_space or doc[i].text in ("-", "–", "—")):
        i += step
    return doc[i] if 0 <= i < len(doc) else None


# ---------------------------------------------------------------- finding

def find_entities(text: str, glossary: Optional[dict[str, str]] = None,
                  model_spans: Optional[list[tuple[int, int]]] = None) -> list[Mention]:
    """Named entities of `text`, offsets relative to `text`.

    `glossary` (acronym -> expansion) defaults to the document's own, read by
    `find_glossary(text)`; pass {} to use the shipped list only. The rules run over
    the whole text; the statistical model only over `model_spans` when given (the
    parts where names are printed: headings, openings, signatures), all the text
    otherwise.
    """
    if glossary is None:
        glossary = find_glossary(text)
    entries = known_acronyms(glossary)
    # what the glossary says is no organisation (« GNC Gaz naturel comprimé ») the model may not call one
    not_names = {acronym for acronym in glossary if acronym not in entries}
    acronym_matcher = _acronym_matcher(entries)
    nlp = _pipeline()
    pieces = _pieces(text, model_spans)
    with_model = [(text[a:b].translate(PRIVATE_USE), a) for a, b, model in pieces if model]
    for_model = [_with_line_breaks(nlp.make_doc(piece), piece) for piece, _ in with_model]
    read = nlp.get_pipe("ner").pipe(for_model, batch_size=BATCH_SIZE)
    docs = [(doc, offset, True) for doc, (_, offset) in zip(read, with_model)]
    docs += [(nlp.make_doc(text[a:b].translate(PRIVATE_USE)), a, False) for a, b, model in pieces if not model]
    mentions: list[Mention] = []
    for doc, offset, modelled in sorted(docs, key=lambda d: d[1]):
        rules = _rule_spans(doc, acronym_matcher, entries)
        for span, source in _merge(rules, _ner_spans(doc, not_names) if modelled else []):
            start, end = offset + span.start_char, offset + span.end_char
            attrs = {"label": span.label_, "source": source}
            if source == "rule" and span.label_ == "PER":
                attrs["civilite"] = _civilite(span)
            if span.kb_id_:
                attrs["expansion"] = entries[span.kb_id_].expansion
            mentions.append(Mention(kind="entity", text=text[start:end], char_start=start,
                                    char_end=end, attrs=attrs))
    return mentions


def _pieces(text: str, model_spans: Optional[list[tuple[int, int]]]) -> list[tuple[int, int, bool]]:
    """The text cut into chunks, each marked whether the model reads it: the lines of
    `model_spans` (all the text when None) that may hold a name, see `_name_lines`."""
    spans = [(0, len(text))] if model_spans is None else _merged(model_spans, len(text))
    lowercase_words = _lowercase_words(text)
    pieces, position = [], 0
    named = [line for a, b in spans for line in _name_lines(text, a, b, lowercase_words)]
    for start, end in _merged(named, len(text)):
        pieces += [(a, b, False) for a, b in _chunk_bounds(text, position, start)]
        pieces += [(a, b, True) for a, b in _chunk_bounds(text, start, end)]
        position = end
    return pieces + [(a, b, False) for a, b in _chunk_bounds(text, position, len(text))]


# A capitalised word, or a part of one between hyphens and apostrophes (« Saint-Denis », « d'Ivry »);
# a word in lower case.
CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-ÞŒ][^\W\d_]+")
LOWERCASE_WORD = re.compile(r"(?<![^\W\d_])[a-zß-öø-ÿœ][^\W\d_]+")


def _name_lines(text: str, start: int, end: int, lowercase_words: frozenset[str]) -> list[tuple[int, int]]:
    """[start, end) of the lines of text[start:end] that may hold a name, each with the
    lines before and after it (see `_may_be_a_name`).

    The model's view is a few words on either side (its encoder's window), and what
    it labels are names: the other lines cannot give it an entity worth keeping, and
    skipping them spares it a third of its work
    (39 % of the characters of the corpus)."""
    lines, position = [], start
    for line in text[start:end].split("\n"):
        lines.append((position, position + len(line) + 1))
        position += len(line) + 1
    named = [i for i, (a, b) in enumerate(lines)
             if any(_may_be_a_name(w, lowercase_words) for w in CAPITALISED.findall(text, a, b))]
    keep = sorted({j for i in named for j in (i - 1, i, i + 1) if 0 <= j < len(lines)})
    return [(lines[j][0], min(lines[j][1], end)) for j in keep]


def _may_be_a_name(word: str, lowercase_words: frozenset[str]) -> bool:
    """A capitalised word that is no function word, and either no dictionary word
    (« Paris », « BOUYSSOU », « DASES ») or one the document never writes in lower
    case (« Corse », « Seine », « Marne »: places; not « Conseil » or « SEANCE »)."""
    lowered = _unaccented(word)
    if lowered in STOP_WORDS:
        return False
    return lowered not in _common_words() or lowered not in lowercase_words


def _lowercase_words(text: str) -> frozenset[str]:
    """The words `text` writes in lower case, without accents."""
    return frozenset(_unaccented(w) for w in set(LOWERCASE_WORD.findall(text)))


def _merged(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted((max(0, a), min(length, b)) for a, b in spans if b > a):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def _civilite(person: Span) -> str:
    """The civility before a person found by the civility rule."""
    i = person.start - 1
    while person.doc[i].is_space:
        i -= 1
    return person.doc[i].text


def _chunk_bounds(text: str, start: int, end: int, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """[start, end) of `text` cut into consecutive blocks of at most `size`
    characters, at a blank line, else a line break, else a space."""
    bounds = []
    while start < end:
        stop = min(start + size, end)
        if stop < end:
            for separator in ("\n\n", "\n", " "):
                cut = text.rfind(separator, start + size // 2, stop)
                if cut != -1:
                    stop = cut + len(separator)
                    break
        bounds.append((start, stop))
        start = stop
    return bounds


def _chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[str, int]]:
    """Consecutive blocks of `text`, each with its offset (see `_chunk_bounds`)."""
    for start, end in _chunk_bounds(text, 0, len(text), size):
        yield text[start:end], start


def _rule_spans(doc: Doc, acronym_matcher: _Both, entries: dict[str, ServiceEntry]) -> list[Span]:
    spans = []
    for match_id, start, end in acronym_matcher(doc):
        label, acronym = doc.vocab.strings[match_id].split("\t")
        span = Span(doc, start, end, label=label, kb_id=acronym)
        if span.text == acronym and acronym.lower() in STOP_WORDS and _reads_as_a_word(span, set(entries)):
            continue
        spans.append(span)
    spans += [_mend_hyphens(Span(doc, start, end, label="COLLECTIVITE"))
              for start, end in _collectivite_spans(doc)]
    # the civility is not part of the person's name: « M. BOUYSSOU » -> « BOUYSSOU »
    spans += [Span(doc, start + 1, end, label="PER") for _, start, end in _person_matcher()(doc)]
    spans = [_strip_spaces(span) for span in spans]
    return filter_spans(spans)  # longest first: « Direction de l'Urbanisme » over « DU »


def _strip_spaces(span: Span) -> Span:
    """Optional leading words leave the spaces before them in the match (« \\nRoannais Agglomération »)."""
    start, end = span.start, span.end
    while start < end - 1 and span.doc[start].is_space:
        start += 1
    while end > start + 1 and span.doc[end - 1].is_space:
        end -= 1
    return Span(span.doc, start, end, label=span.label_, kb_id=span.kb_id)


def _ner_spans(doc: Doc, not_names: set[str]) -> list[Span]:
    """The model's PER, ORG and LOC, trimmed, noise dropped, and relabelled by
    their head word: « Mission Métropolitaine » is a service whatever the model says."""
    spans = []
    for ent in doc.ents:
        span = _trim(ent)
        if span is None or ent.label_ not in NER_LABELS or span.text in not_names \
                or not _looks_like_a_name(span) or _is_a_common_word(span):
            continue
        head_label = glossary_label(span.text) if span[0].is_title else None
        if head_label in ("SERVICE", "ORG"):
            span = Span(doc, span.start, span.end, label=head_label)
        spans.append(_mend_hyphens(span))
    return filter_spans(spans)  # a mended « Seine-Saint-\nDenis » swallows the model's « Denis »


def _mend_hyphens(span: Span) -> Span:
    """Extend a name the layout broke at a hyphen: « Seine-Saint-\nDenis » is
    tokenised Seine / - / Saint- / \n / Denis, and the match stops at « Seine »."""
    doc, end = span.doc, span.end
    while end < len(doc):
        last, following = doc[end - 1], doc[end]
        if following.text == "-" and not last.whitespace_:
            end += 1
        elif last.text.endswith("-"):
            if following.is_space and "\n" in following.text and end + 1 < len(doc):
                following = doc[end + 1]
            if not following.text[:1].isupper():
                break
            end = following.i + 1
        else:
            break
    return Span(doc, span.start, end, label=span.label_, kb_id=span.kb_id)


def _is_a_common_word(span: Span) -> bool:
    """A single word of the dictionary is not a name, whatever the model says
    (« SEANCE », « ENVIRONNEMENT », « L'AN »), except a capitalised place:
    Seine, Marne and Corse are in the dictionary too."""
    core = [t for t in span if t.lower_ not in ELIDED]
    if len(core) != 1:
        return False
    word = _unaccented(core[0].text)
    if word in _collectivite_heads():
        return True  # « le Département » alone names no one in particular
    if span.label_ == "LOC" and core[0].is_title and not _starts_a_line(core[0]):
        return False  # « la Seine », « en Corse »: capitalised where nothing else asks for it
    # plurals (« ABSENTS ») only for long words: « Paris » is not « paris », bets
    plural_of_a_word = len(word) >= 6 and word[-1] in "sx" and word[:-1] in _common_words()
    return word in _common_words() or plural_of_a_word


def _trim(span: Span) -> Optional[Span]:
    """The span without the spaces, bullets and punctuation at its ends, nor the
    function words it was cut after (« Service des Sciences et Techniques du »)."""
    start, end = span.start, span.end
    while start < end and _is_filler(span.doc[start]):
        start += 1
    while end > start and (_is_filler(span.doc[end - 1]) or span.doc[end - 1].lower_ in STOP_WORDS
                           or span.doc[end - 1].lower_ in ELIDED):
        end -= 1
    return Span(span.doc, start, end, label=span.label_) if end > start else None


def _is_filler(token) -> bool:
    return token.is_space or token.is_punct or not any(c.isalnum() for c in token.text)


def _starts_a_line(token) -> bool:
    """First word of its line or sentence (bullets and dashes aside), where a
    capital says nothing of a name."""
    doc = token.doc
    for i in range(token.i - 1, -1, -1):  # by index: slicing the doc would copy it
        previous = doc[i]
        if "\n" in previous.text or previous.text in (".", "!", "?", ":", ";"):
            return True
        if not _is_filler(previous):
            return False
    return True


@functools.lru_cache(maxsize=1)
def _collectivite_heads() -> frozenset[str]:
    """« département », « départements », « commune »…: the one-word heads and their plurals."""
    heads = [_unaccented(h) for h in load_collectivite_words()["head"] if " " not in h]
    return frozenset(heads + [h + "s" for h in heads])


def _looks_like_a_name(span: Span) -> bool:
    text = span.text
    letters = [c for c in text if c.isalpha()]
    # Identifiers (« 20240627-DEL20240627_16A-DE ») and numbered items (« A/ Convention-cadre »)
    # are not names, whatever the model says.
    if sum(c.isdigit() for c in text) >= 3 or re.match(r"^[A-Z]\s*[/)]", text):
        return False
    return (len(letters) >= 2 and letters[0].isupper()
            and text.lower() not in PAGE_FURNITURE and text.lower() not in STOP_WORDS
            and span[0].lower_ not in FIRST_WORD_NOT_A_NAME
            and not (span.label_ == "PER" and any(t.lower_ in FIRST_WORD_NOT_A_NAME for t in span)))


def _merge(rules: list[Span], ner: list[Span]) -> list[tuple[Span, str]]:
    """Rule entities, then the NER entities that overlap none of them, in text order."""
    taken = [(s.start, s.end) for s in rules]
    kept = [(s, "rule") for s in rules]
    kept += [(s, "ner") for s in ner if not any(s.start < end and start < s.end for start, end in taken)]
    return sorted(kept, key=lambda pair: pair[0].start)
