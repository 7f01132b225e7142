"""Exports of a `delib run` output folder for other tools.

- `scdl`: the SCDL « Délibérations » CSV, written by delib.output.scdl (`write_scdl`).
- `popolo`: the votes as a Popolo dataset (organizations, events, persons, motions,
  vote_events), validated against the Popolo JSON schemas (`delib/data/popolo/`).
- `jsonl`: one JSON object per input document — its `documents` row, its structure as
  a tree, every mention (dates, amounts, entities), its deliberations with their
  attendance, its actions, and its failed checks — for search engines and LLM tools.

Every function takes the tables as a dict of DataFrames (what `delib.run` returns or
`load_tables` reads) and the documents' texts as {doc_id: text}, so the exports work on
a folder or in memory alike.

Popolo mapping of a deliberation (one `vote_event`; figures are never guessed):
- identifier / id: `deliberation_id`; `motion.text`: `objet`; `motion.identifier`: the
  ACTES id, else the printed number; `start_date`: `seance_date`; `result`: « pass »
  (adopte) or « fail » (rejete); the organization is the instance (« conseil
  municipal ») of the collectivité, itself an organization.
- `counts`: yes = pour, no = contre, abstain = abstentions, « not voting » =
  ne_prend_pas_part, absent = absents (non excusés), excused = excuses — each only
  when the document gives the figure.
- `votes`, one per person the attendance names: absent → « absent », excusé →
  « excused ». A present or represented member gets a vote only when the document
  says it: « à l'unanimité » with no contrary figure (everyone votes yes); or the text
  names who voted against, abstained or did not take part (« Contre : 1 (M. Viguié) »,
  « MM. MAZIER, SEILLE QUI VOTENT CONTRE »), and then the others vote yes only when
  the names account for every contrary figure and « pour » is exactly the rest.
- Extensions (Popolo has no field for them) are prefixed `delib:`; a proxy is
  `delib:mandataire` on the vote of the member who gave it, and every proxy of the
  deliberation is listed in the vote_event's `delib:procurations` (votes or not).
"""
from __future__ import annotations

import json
import math
from datetime import date
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Optional

import pandas as pd

from delib.lang.text import strip_accents
from delib.output.files import publish, write_atomic
from delib.output.schema import TABLES
from delib.output.write import read_tables
from delib.resources import data_path

POPOLO_DIR = data_path("popolo")
POPOLO_URI = "http://www.popoloproject.com/schemas/{}.json#"
EXT = "delib:"  # prefix of the fields Popolo does not define
FORMATS = ("scdl", "popolo", "jsonl")
HEADING_CHARS = 300  # longest heading excerpt kept for a segment

Tables = Mapping[str, pd.DataFrame]


class ExportError(Exception):
    """An export that cannot be made; the message is meant for the person running it."""


# --- reading a `delib run` folder -------------------------------------------------------

def load_tables(folder: Path | str) -> dict[str, pd.DataFrame]:
    """The contract tables a `delib run` wrote into `folder` (Parquet)."""
    folder = Path(folder)
    if not (folder / "documents.parquet").is_file():
        raise ExportError(f"{folder} holds no tables (no documents.parquet): run `delib run … --out {folder}` first")
    return read_tables(folder)


def load_texts(folder: Path | str, doc_ids: Iterable[str]) -> dict[str, str]:
    """{doc_id: extracted text} from `folder/text/` (the text every char offset indexes)."""
    texts = {}
    for doc_id in dict.fromkeys(doc_ids):
        path = Path(folder) / "text" / f"{doc_id}.txt"
        if path.is_file():
            texts[doc_id] = path.read_text(encoding="utf-8")
    return texts


def _value(v: Any) -> Any:
    """A cell as plain JSON: null for every pandas/numpy missing value, Python numbers."""
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if hasattr(v, "item"):  # numpy scalar
        return v.item()
    if isinstance(v, date):  # a DATE column: ISO text in JSON
        return v.isoformat()
    return v


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of `df` as JSON-ready dicts."""
    return [{k: _value(v) for k, v in row.items()} for row in df.astype(object).to_dict("records")]


def _by_doc(df: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in records(df):
        grouped.setdefault(row["doc_id"], []).append(row)
    return grouped


# --- names ------------------------------------------------------------------------

def _fold(text: str) -> str:
    """Lowercase without accents, so « Viguié » finds « VIGUIE » in a noisy OCR text."""
    return strip_accents(text.lower().replace("œ", "oe").replace("’", "'"))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold(text)).strip("-")


# --- Popolo: who voted what, from the words of the document --------------------------

# « Contre : 1 (M. Viguié) », « 5 « Abstentions » (V. BORROMEÏ, ML CASTELLI, …) »:
# a figure and, in brackets, who. The brackets may name a group (« (UMP) »): only
# names of the attendance list count, so a group is never taken for a person.
_OPTION_WORD = r"(contre|abstentions?|ne prend(?:nent)? pas part au vote)"
FIGURE_THEN_NAMES = re.compile(
    rf"{_OPTION_WORD}\W{{0,4}}\d+\W{{0,4}}\(([^)]*)\)|\d+\W{{0,4}}{_OPTION_WORD}\W{{0,4}}\(([^)]*)\)")
# « Ont voté contre : M. X, Mme Y », « Se sont abstenus : … », « Abstention : M. X » (no figure)
LABEL_THEN_NAMES = re.compile(
    r"(ont vote contre|se sont abstenus|abstentions?|contre|ne prennent pas part au vote)\s*:\s*(?=\D)([^\n.;]*)")
# « M. LECARDONNEL QUI S'ABSTIENT », « MM. MAZIER, SEILLE QUI VOTENT CONTRE »: the names come before.
NAMES_THEN_CLAUSE = re.compile(
    r"\bqui (votent contre|vote contre|s'abstien(?:nen)?t|ne prend(?:nent)? pas part au vote)")
# Where the names before « qui votent contre » start: the end of the sentence before (a
# full stop that does not close « M. », « MM. », « Mme. » or an initial — line breaks
# do not count, PDF text breaks lines anywhere), or « à l'exception de ».
CLAUSE_START = re.compile(
    r"(?<!\b[a-z])(?<!\bmm)(?<!\bmme)(?<!\bmmes)(?<!\bmlle)[.;!?](?=\s)|\ba l'exception de\b|\bexcepte\b")
LONGEST_NAME_LIST = 400  # characters before a clause that may hold its names


def _option(words: str) -> str:
    if "contre" in words:
        return "no"
    if "abst" in words:
        return "abstain"
    return "not voting"


def named_options(text: str, people: list[str]) -> dict[str, str]:
    """{person: option} for the members of `people` whom `text` names as voting against,
    abstaining or not taking part. A person named under two options is left out."""
    folded = _fold(text)
    found: dict[str, set[str]] = {}

    def mark(window: str, option: str) -> None:
        for person in people:
            if re.search(rf"(?<![a-z]){re.escape(_fold(person))}(?![a-z])", window):
                found.setdefault(person, set()).add(option)

    for m in FIGURE_THEN_NAMES.finditer(folded):
        word, names = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        mark(names, _option(word))
    for m in LABEL_THEN_NAMES.finditer(folded):
        mark(m.group(2), _option(m.group(1)))
    previous_end = 0
    for m in NAMES_THEN_CLAUSE.finditer(folded):
        earliest = max(previous_end, m.start() - LONGEST_NAME_LIST)
        starts = [b.end() for b in CLAUSE_START.finditer(folded, earliest, m.start())]
        mark(folded[max([earliest, *starts[-1:]]):m.start()], _option(m.group(1)))
        previous_end = m.end()
    return {person: options.pop() for person, options in found.items() if len(options) == 1}


def _count(d: Mapping[str, Any], column: str) -> Optional[int]:
    value = _value(d.get(column))
    return None if value is None else int(value)


CONTRARY = {"no": "contre", "abstain": "abstentions", "not voting": "ne_prend_pas_part"}


def member_options(d: Mapping[str, Any], attendance: list[dict[str, Any]], text: str) -> dict[str, str]:
    """{person: option} for the members present or represented, as far as the document says."""
    voters = [a["person"] for a in attendance if a.get("status") in ("present", "represente") and a.get("person")]
    contrary = {option: _count(d, column) for option, column in CONTRARY.items()}
    if d.get("unanimite") is True and not any(contrary.values()):
        return dict.fromkeys(voters, "yes")
    named = named_options(text, voters)
    if not named:
        return {}
    # The others voted yes only when the names account for every contrary vote.
    every_one_named = all(
        (contrary[option] or 0) == sum(1 for o in named.values() if o == option) for option in CONTRARY)
    rest = [p for p in voters if p not in named]
    if every_one_named and _count(d, "pour") == len(rest):
        named.update(dict.fromkeys(rest, "yes"))
    return named


# --- Popolo: the dataset --------------------------------------------------------------

COUNT_COLUMNS = (("yes", "pour"), ("no", "contre"), ("abstain", "abstentions"),
                 ("not voting", "ne_prend_pas_part"), ("absent", "absents"), ("excused", "excuses"))
RESULTS = {"adopte": "pass", "rejete": "fail"}
ABSENCE_OPTIONS = {"absent": "absent", "excuse": "excused"}


def counts_of(d: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The Popolo counts of the figures the document gives (none is inferred)."""
    return [{"option": option, "value": _count(d, column)}
            for option, column in COUNT_COLUMNS if _count(d, column) is not None]


def _collectivite(d: Mapping[str, Any], doc_collectivites: list[str]) -> Optional[str]:
    from delib.output.scdl import coll_nom  # the same naming rule as the SCDL export

    return coll_nom(d.get("collectivite"), doc_collectivites) or None


def _organizations(collectivite: Optional[str], instance: Optional[str]) -> list[dict[str, Any]]:
    """The collectivité and its assembly (the organization whose members vote)."""
    orgs = []
    if collectivite:
        orgs.append({"id": slug(collectivite), "name": collectivite, "classification": "collectivité"})
    if instance:
        org = {"id": "/".join(filter(None, [slug(collectivite or ""), slug(instance)])),
               "name": f"{instance[:1].upper()}{instance[1:]}" + (f" ({collectivite})" if collectivite else ""),
               "classification": instance}
        if collectivite:
            org["parent_id"] = slug(collectivite)
        orgs.append(org)
    return orgs


def _people_org(collectivite: Optional[str]) -> str:
    """Members are identified within their collectivité: the same name in two towns is two people."""
    return slug(collectivite) if collectivite else ""


# Titles before a name, not part of it.
_CIVILITES = {"m", "mme", "mlle", "mr", "monsieur", "madame", "mademoiselle", "dr"}
Known = Mapping[str, list[tuple[str, ...]]]  # organization -> the full names (their words) of its members


def name_words(name: str) -> tuple[str, ...]:
    """« Philippe BOUYSSOU », « BOUYSSOU Philippe » -> ('bouyssou', 'philippe'): the words of a
    name, folded and in alphabetical order, so that the order a document prints them in does
    not make two people."""
    words = [w for w in slug(name).split("-") if w and w not in _CIVILITES]
    return tuple(sorted(words))


def person_id(name: str, org_id: str = "", civilite: Optional[str] = None, known: Optional[Known] = None) -> str:
    """A person's id: the organization's id and every word of the full name (« ville-de-x/
    bouyssou-philippe »), so that two members sharing a surname never share an id, and the
    same name keeps its id in every document of the collectivité.

    A surname printed alone (« M. BOUYSSOU ») takes the id of the one member of the same
    collectivité whose full name holds it, when `known` lists exactly one; else the civilité
    and the surname (« m-bouyssou »), which stays apart from any full name."""
    words = name_words(name)
    if len(words) == 1 and known is not None:
        matching = [w for w in known.get(org_id, []) if len(w) > 1 and words[0] in w]
        if len(set(matching)) == 1:
            words = matching[0]
    if len(words) == 1 and civilite:
        words = (slug(civilite).replace("-", ""), *words)
    key = "-".join(words) or slug(name)
    return f"{org_id}/{key}" if org_id else key


def known_names(pairs: Iterable[tuple[str, str]]) -> dict[str, list[tuple[str, ...]]]:
    """(organization id, name) pairs -> the full names (two words or more) of each organization."""
    known: dict[str, list[tuple[str, ...]]] = {}
    for org_id, name in pairs:
        words = name_words(name)
        if len(words) > 1 and words not in known.setdefault(org_id, []):
            known[org_id].append(words)
    return known


def _person(a: Mapping[str, Any], org_id: str, known: Optional[Known] = None) -> dict[str, Any]:
    person = {"id": person_id(a["person"], org_id, a.get("civilite"), known), "name": a["person"]}
    if a.get("civilite"):
        person["honorific_prefix"] = a["civilite"]
    if a.get("qualite"):
        person[EXT + "qualite"] = a["qualite"]
    return person


def _votes(d: Mapping[str, Any], attendance: list[dict[str, Any]], text: str, org_id: str,
           known: Optional[Known] = None) -> list[dict[str, Any]]:
    options = member_options(d, attendance, text)
    votes = []
    for a in attendance:
        if not a.get("person"):
            continue
        option = options.get(a["person"]) or ABSENCE_OPTIONS.get(a.get("status") or "")
        if option is None:
            continue
        person = _person(a, org_id, known)
        vote = {"vote_event_id": d["deliberation_id"], "voter_id": person["id"],
                "voter": {"id": person["id"], "name": person["name"]}, "option": option}
        if a.get("mandataire"):
            vote[EXT + "mandataire"] = a["mandataire"]
        votes.append(vote)
    return votes


def _proxies(attendance: list[dict[str, Any]], org_id: str, known: Optional[Known] = None) -> list[dict[str, Any]]:
    """Who gave a proxy to whom: kept even when the votes of the members are not known."""
    members = {a["person"] for a in attendance if a.get("person")}
    proxies = []
    for a in attendance:
        if a.get("person") and a.get("mandataire"):
            proxy = {"voter_id": _person(a, org_id, known)["id"], "name": a["person"],
                     EXT + "mandataire": a["mandataire"]}
            if a["mandataire"] in members:
                giver = next((m for m in attendance if m.get("person") == a["mandataire"]), {})
                proxy[EXT + "mandataire_id"] = _person({"person": a["mandataire"], "civilite": giver.get("civilite")},
                                                       org_id, known)["id"]
            proxies.append(proxy)
    return proxies


def vote_event(d: Mapping[str, Any], attendance: list[dict[str, Any]], text: str = "",
               doc_collectivites: Optional[list[str]] = None, known: Optional[Known] = None) -> dict[str, Any]:
    """One deliberation (a `deliberations` row as a dict) as a Popolo vote_event."""
    collectivite = _collectivite(d, doc_collectivites or [])
    orgs = _organizations(collectivite, d.get("instance"))
    org_id = orgs[-1]["id"] if orgs else None
    # Names are looked for in the deliberation's own text only: the minutes' other items name others.
    span = text[d["char_start"]:d["char_end"]] if d.get("char_start") is not None else ""
    event: dict[str, Any] = {
        "id": d["deliberation_id"], "identifier": d["deliberation_id"],
        "organization_id": org_id, "motion_id": f"{d['deliberation_id']}/motion",
        "motion": {"id": f"{d['deliberation_id']}/motion", "organization_id": org_id, "text": d.get("objet"),
                   "identifier": d.get("acte_id") or d.get("numero"), "result": RESULTS.get(d.get("resultat") or "")},
        "start_date": d.get("seance_date"),
        "result": RESULTS.get(d.get("resultat") or ""),
        "counts": counts_of(d),
        "votes": _votes(d, attendance, span, _people_org(collectivite), known),
        EXT + "procurations": _proxies(attendance, _people_org(collectivite), known),
        EXT + "doc_id": d["doc_id"],
        EXT + "unanimite": d.get("unanimite"),
    }
    if d.get("seance_date") and org_id:
        event["legislative_session_id"] = f"{org_id}/{d['seance_date']}"
    return event


def popolo_dataset(tables: Tables, texts: Optional[Mapping[str, str]] = None) -> dict[str, list[dict[str, Any]]]:
    """The deliberations of `tables` as a Popolo dataset: organizations, events (sessions),
    persons, motions and vote_events, each object linked to the others by id."""
    texts = texts or {}
    attendance = {}
    for row in records(tables["attendance"]):
        attendance.setdefault(row["deliberation_id"], []).append(row)
    doc_collectivites = {row["doc_id"]: [c.strip() for c in (row["collectivites"] or "").split(";") if c.strip()]
                         for row in records(tables["documents"])}
    data: dict[str, dict[str, dict[str, Any]]] = {k: {} for k in ("organizations", "events", "persons", "motions")}
    deliberations = records(tables["deliberations"])
    # Full names of each collectivité's members in every document (présidents included), so a
    # surname printed alone takes the id of the one member it names.
    known = known_names(
        (_people_org(_collectivite(d, doc_collectivites.get(d["doc_id"], []))), name)
        for d in deliberations
        for name in [*(a.get("person") for a in attendance.get(d["deliberation_id"], [])), d.get("president")]
        if name)
    vote_events = []
    for d in deliberations:
        people = attendance.get(d["deliberation_id"], [])
        collectivites = doc_collectivites.get(d["doc_id"], [])
        event = vote_event(d, people, texts.get(d["doc_id"], ""), collectivites, known)
        for org in _organizations(_collectivite(d, collectivites), d.get("instance")):
            data["organizations"].setdefault(org["id"], org)
        if event.get("legislative_session_id"):
            session = {"id": event["legislative_session_id"], "name": f"Séance du {d['seance_date']}",
                       "classification": "séance", "start_date": d["seance_date"],
                       "organization_id": event["organization_id"]}
            data["events"].setdefault(session["id"], session)
        for a in people:
            if a.get("person"):
                person = _person(a, _people_org(_collectivite(d, collectivites)), known)
                data["persons"].setdefault(person["id"], person)
        data["motions"][event["motion_id"]] = event.pop("motion")
        vote_events.append(event)
    return {**{k: list(v.values()) for k, v in data.items()}, "vote_events": vote_events}


@lru_cache(maxsize=None)
def _popolo_validators() -> dict[str, Any]:
    """A draft-03 validator per Popolo type, its `$ref`s resolved to the local schema copies."""
    from jsonschema import Draft3Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT3

    schemas = {}
    for path in sorted(POPOLO_DIR.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        schemas[schema["id"]] = schema
    registry = Registry().with_resources((uri, Resource(s, specification=DRAFT3)) for uri, s in schemas.items())
    types = {"organizations": "organization", "events": "event", "persons": "person",
             "motions": "motion", "vote_events": "vote_event"}
    return {key: Draft3Validator(schemas[POPOLO_URI.format(name)], registry=registry) for key, name in types.items()}


def validate_popolo(dataset: Mapping[str, list[dict[str, Any]]]) -> list[str]:
    """Readable problems of `dataset` against the Popolo schemas (required fields and
    types); an empty list when it is valid. Formats (date-time) are not checked: a
    séance has a date, not a time, and Popolo's own examples write dates there."""
    problems = []
    for key, validator in _popolo_validators().items():
        for i, obj in enumerate(dataset.get(key, [])):
            for error in validator.iter_errors(obj):
                where = "/".join(str(p) for p in error.absolute_path)
                problems.append(f"{key}[{i}] ({obj.get('id')}) {where}: {error.message}")
    return problems


# --- JSONL: one document per line -----------------------------------------------------

def heading_excerpt(text: str, start: Optional[int], end: Optional[int]) -> Optional[str]:
    """The opening words of a segment — its heading as printed — whitespace collapsed."""
    if not text or start is None:
        return None
    chunk = text[start:min(end if end is not None else len(text), start + HEADING_CHARS)].lstrip()
    chunk = re.split(r"\n\s*\n", chunk, maxsplit=1)[0]  # a heading ends at the first blank line
    return " ".join(chunk.split()) or None


def segment_tree(segments: list[dict[str, Any]], text: str = "") -> list[dict[str, Any]]:
    """The segments nested under their parents, each with its heading excerpt, in text order."""
    nodes = {}
    for s in sorted(segments, key=lambda s: (s["char_start"] if s["char_start"] is not None else -1)):
        node = {k: v for k, v in s.items() if k != "doc_id"}
        node["heading_text"] = heading_excerpt(text, s["char_start"], s["char_end"])
        node["children"] = []
        nodes[s["segment_id"]] = node
    roots = []
    for node in nodes.values():
        parent = nodes.get(node["parent_id"]) if node["parent_id"] else None
        (parent["children"] if parent is not None else roots).append(node)
    return roots


MENTION_TABLES = (("date", "dates"), ("amount", "amounts"), ("entity", "entities"))


def document_records(tables: Tables, texts: Optional[Mapping[str, str]] = None,
                     include_text: bool = False) -> Iterator[dict[str, Any]]:
    """One JSON-ready object per row of `documents`, with everything found in it."""
    texts = texts or {}
    grouped = {name: _by_doc(tables[name]) for name in TABLES if name != "documents"}
    services: dict[str, list[dict[str, Any]]] = {}
    for row in records(tables["services_pilotes"]):
        services.setdefault(row["action_id"], []).append({k: row[k] for k in ("collectivite", "service", "service_label")})
    for doc in records(tables["documents"]):
        doc_id, text = doc["doc_id"], texts.get(doc["doc_id"], "")
        mentions = [{"kind": kind, **{k: v for k, v in m.items() if k != "doc_id"}}
                    for kind, table in MENTION_TABLES for m in grouped[table].get(doc_id, [])]
        mentions.sort(key=lambda m: (m["char_start"] is None, m["char_start"] or 0))
        attendance: dict[str, list[dict[str, Any]]] = {}
        for a in grouped["attendance"].get(doc_id, []):
            attendance.setdefault(a["deliberation_id"], []).append(
                {k: v for k, v in a.items() if k not in ("doc_id", "deliberation_id")})
        record = {
            **doc,
            "segments": segment_tree(grouped["segments"].get(doc_id, []), text),
            "axes": [_without_doc(a) for a in grouped["axes"].get(doc_id, [])],
            "actions": [{**_without_doc(a), "services_pilotes": services.get(a["action_id"], [])}
                        for a in grouped["actions"].get(doc_id, [])],
            "deliberations": [{**_without_doc(d), **_matiere_fields(d), "attendance": attendance.get(d["deliberation_id"], [])}
                              for d in grouped["deliberations"].get(doc_id, [])],
            "mentions": mentions,
            "checks": [_without_doc(c) for c in grouped["checks"].get(doc_id, [])],
        }
        if include_text:
            record["text"] = text or None
        yield record


def _matiere_fields(d: Mapping[str, Any]) -> dict[str, Any]:
    """The ACTES matière the SCDL export gives the deliberation: printed or inferred, and how sure."""
    from delib.output.scdl import deliberation_matiere

    code, nom, source, confidence = deliberation_matiere(d)
    return {"matiere_scdl_code": code or None, "matiere_scdl_nom": nom or None,
            "matiere_source": source or None, "matiere_confidence": confidence}


def _without_doc(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "doc_id"}


# --- writing -------------------------------------------------------------------------

def write_popolo(tables: Tables, target: Path | str, texts: Optional[Mapping[str, str]] = None) -> Path:
    dataset = popolo_dataset(tables, texts)
    problems = validate_popolo(dataset)
    if problems:
        raise ExportError("the Popolo export does not validate:\n" + "\n".join(problems[:20]))
    return write_atomic(Path(target), lambda f: json.dump(dataset, f, ensure_ascii=False, indent=2))


def write_jsonl(tables: Tables, target: Path | str, texts: Optional[Mapping[str, str]] = None,
                include_text: bool = False) -> Path:
    def write(f):
        for record in document_records(tables, texts, include_text):
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return write_atomic(Path(target), write)


def write_scdl_file(tables: Tables, target: Path | str, texts_dir: Optional[Path] = None,
                    identities=None) -> Path:
    """The SCDL CSV at `target`, written by delib.output.scdl (into a scratch folder beside it).
    `identities` (delib.output.scdl.Identities): the SIRETs the user gives."""
    from delib.output.scdl import write_scdl

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".scdl.", dir=target.parent) as scratch:
        written = write_scdl(tables["deliberations"], tables["documents"], Path(scratch), texts_dir=texts_dir,
                             identities=identities)
        publish(written, target)
    return target


STDOUT = "-"


def export(fmt: str, source: Path | str, target: Path | str, include_text: bool = False,
           identities=None) -> Path:
    """Export the `delib run` output in folder `source` as `fmt` (scdl, popolo, jsonl) into `target`.

    `identities` (delib.output.scdl.Identities, for scdl): SIRETs the documents do not print.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if str(target) == STDOUT:
        raise ExportError("export() writes a file: use export_to_stdout for « - »")
    source = Path(source)
    tables = load_tables(source)
    if fmt == "scdl":
        return write_scdl_file(tables, target, texts_dir=source / "text", identities=identities)
    texts = load_texts(source, tables["documents"]["doc_id"].dropna())
    if fmt == "popolo":
        return write_popolo(tables, target, texts)
    return write_jsonl(tables, target, texts, include_text)
