"""`delib export`: SCDL, Popolo and JSONL exports of a real `delib run` output."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from delib.cli.export import export as export_command
from delib.output.export import (ExportError, document_records, export, heading_excerpt, load_tables, load_texts,
                             member_options, named_options, popolo_dataset, validate_popolo)
from delib.output.scdl import SCDL_FILE, scdl_problems

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
IVRY = "001_c628b3d41b0ed031.txt"  # extract of the Ivry register: 32 pour, 9 abstentions, named attendance
VAL_DE_MARNE = "002_4f65e2fdb1af9030.txt"  # convention in axes A–F and numbered actions


def delib_run(inputs: Path, out: Path) -> Path:
    done = subprocess.run([sys.executable, "-m", "delib.cli", "run", str(inputs), "--out", str(out), "-q"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> Path:
    """A `delib run` of the Ivry extract, the same extract voted « à l'unanimité », and a convention."""
    raw = tmp_path_factory.mktemp("raw")
    ivry = (RAW / IVRY).read_text(encoding="utf-8")
    (raw / IVRY).write_text(ivry, encoding="utf-8")
    tally = "Adopté à la majorité  \npar 32 voix pour, 9 abstentions"
    assert tally in ivry
    (raw / "ivry_unanimite.txt").write_text(ivry.replace(tally, "Adopté à l'unanimité"), encoding="utf-8")
    (raw / VAL_DE_MARNE).write_bytes((RAW / VAL_DE_MARNE).read_bytes())
    return delib_run(raw, tmp_path_factory.mktemp("processed"))


@pytest.fixture(scope="module")
def popolo(processed) -> dict:
    tables = load_tables(processed)
    return popolo_dataset(tables, load_texts(processed, tables["documents"]["doc_id"]))


def _event_of(popolo: dict, processed: Path, file_name: str) -> dict:
    docs = load_tables(processed)["documents"]
    doc_id = docs.loc[docs["file_name"] == file_name, "doc_id"].item()
    (event,) = [e for e in popolo["vote_events"] if e["delib:doc_id"] == doc_id]
    return event


# --- who voted what: French phrasings quoted from the corpus (../shared/corpus) ----------

def test_names_in_brackets_after_a_figure():
    # montpellier_cr_cm_2011-02-07.pdf
    assert named_options("Pour : 58\nContre : 1 (M. Viguié)\nAdopté à la majorité", ["Viguié", "Thinès"]) == {
        "Viguié": "no"}
    assert named_options("Contre : 6 (Verts + M. Thinès)\nAdopté à la majorité", ["Viguié", "Thinès"]) == {
        "Thinès": "no"}


def test_a_group_in_brackets_is_not_a_person():
    # montpellier_cr_cm_2011-02-07.pdf: « (UMP) » names a group, not who voted
    assert named_options("Contre : 7 (UMP)\nAbstention : 1 (M. Viguié)", ["Viguié", "Delafosse"]) == {
        "Viguié": "abstain"}


def test_names_after_guillemets_and_ocr_without_accents():
    # corte_recueil_delibs_2025-04-08_ocr_by_repo.md; attendance spells « BORROMEI V », the vote « BORROMEÏ »
    text = "22 voix « Pour » et 5 « Abstentions » (V. BORROMEÏ, ML CASTELLI,F.DEMUYNCK, P. RINIERI,M. SIMEONI)"
    people = ["BORROMEI", "CASTELLI", "DEMUYNCK", "RINIERI", "SIMEONI", "POLI"]
    assert named_options(text, people) == dict.fromkeys(people[:5], "abstain")


def test_names_before_qui_votent_contre_across_a_blank_line():
    # avranches_pv_cm_2018-04-09_ocrnoisy.txt (OCR: « ACCEPÏE »)
    text = ("LE CONSEIL MUNICIPAL, A L'EXCEPTION DE MADAME LEROY, MESSIEURS SIRI, HUET, MORAZIN, MESDAMES\n\n"
            "MAZIER, SEILLE QUI VOTENT CONTRE, ACCEPÏE CES PROPOSITIONS")
    people = ["LEROY", "SIRI", "HUET", "MORAZIN", "MAZIER", "SEILLE", "GOUEDARD"]
    assert named_options(text, people) == dict.fromkeys(people[:6], "no")


def test_names_before_qui_s_abstiennent():
    # avranches_pv_cm_2018-04-09_ocrnoisy.txt
    text = ("LE CONSEIL MUNICIPAL, A L'EXCEPTION DE MONSIEUR GOUEDARD, MADAME LAVIEILLE, MESSIEURS DROULLOURS ET TACHE \n\n"
            "QUI S'ABSTIENNENT, ACCEPTE CES PROPOSITIONS ")
    people = ["GOUEDARD", "LAVIEILLE", "DROULLOURS", "TACHE", "LEROY"]
    assert named_options(text, people) == dict.fromkeys(people[:4], "abstain")


def test_the_sentence_before_does_not_lend_its_names():
    text = "M. LECARDONNEL présente le rapport. Mme LEROY QUI S'ABSTIENT, le conseil accepte."
    assert named_options(text, ["LECARDONNEL", "LEROY"]) == {"LEROY": "abstain"}


def _member(person, status="present"):
    return {"person": person, "status": status}


def test_the_others_vote_yes_only_when_the_names_account_for_every_contrary_vote():
    attendance = [_member("Viguié"), _member("Thinès"), _member("Delafosse", "represente"), _member("Absent", "absent")]
    text = "Contre : 1 (M. Viguié)\nAdopté à la majorité"
    all_named = {"pour": 2, "contre": 1, "abstentions": 0}
    assert member_options(all_named, attendance, text) == {"Viguié": "no", "Thinès": "yes", "Delafosse": "yes"}
    # 2 contre but one name: who the other is, the document does not say
    one_missing = {"pour": 1, "contre": 2, "abstentions": 0}
    assert member_options(one_missing, attendance, text) == {"Viguié": "no"}


def test_a_majority_without_names_gives_no_member_a_vote():
    attendance = [_member("A"), _member("B")]
    assert member_options({"pour": 1, "contre": 1, "unanimite": False}, attendance, "Adopté à la majorité") == {}


def test_unanimity_with_abstentions_is_not_everyone_yes():
    attendance = [_member("A"), _member("B")]
    assert member_options({"unanimite": True, "pour": 1, "abstentions": 1}, attendance, "") == {}


# --- Popolo on a real run ----------------------------------------------------------------

def test_popolo_validates_against_the_schemas(popolo):
    assert validate_popolo(popolo) == []
    assert {"organizations", "events", "persons", "motions", "vote_events"} <= set(popolo)


def test_validation_reports_a_missing_required_field_and_a_wrong_type(popolo):
    broken = json.loads(json.dumps(popolo))
    broken["vote_events"][0]["counts"] = [{"option": "yes"}, {"option": "no", "value": "zéro"}]
    problems = validate_popolo(broken)
    assert any("'value' is a required property" in p for p in problems)
    assert any("'zéro' is not of type 'integer'" in p for p in problems)


def test_vote_event_of_the_ivry_extract(popolo, processed):
    event = _event_of(popolo, processed, IVRY)
    assert event["start_date"] == "2024-06-27"
    assert event["result"] == "pass"
    assert {c["option"]: c["value"] for c in event["counts"]} == {
        "yes": 32, "no": 0, "abstain": 9, "absent": 3, "excused": 5}
    motion = next(m for m in popolo["motions"] if m["id"] == event["motion_id"])
    assert motion["text"] == "Coopération avec la Ville de Paris - Convention-cadre"
    assert motion["identifier"] == "094-219400413-20240627-DEL20240627_16A-DE"
    organization = next(o for o in popolo["organizations"] if o["id"] == event["organization_id"])
    assert organization["classification"] == "conseil municipal"
    assert "Ivry-sur-Seine" in organization["name"]


def test_a_majority_vote_gives_votes_only_to_the_absent(popolo, processed):
    event = _event_of(popolo, processed, IVRY)
    options = {v["voter"]["name"]: v["option"] for v in event["votes"]}
    # « Adopté à la majorité par 32 voix pour, 9 abstentions »: nobody named, so no member's vote
    assert set(options.values()) == {"absent", "excused"}
    assert options["AUBRY"] == "absent" and options["MOKRANI"] == "excused"
    proxies = {p["name"]: p for p in event["delib:procurations"]}
    assert len(proxies) == 9
    assert proxies["PETER"]["delib:mandataire"] == "MARCHAND"
    # the id of the member MARCHAND: civilité and surname, the attendance giving no first name
    marchand = [p["id"] for p in popolo["persons"] if p["name"] == "MARCHAND"]
    assert [proxies["PETER"]["delib:mandataire_id"]] == marchand
    assert marchand[0].endswith("-marchand")


def test_unanimity_gives_everyone_present_or_represented_a_yes(popolo, processed):
    event = _event_of(popolo, processed, "ivry_unanimite.txt")
    yes = [v for v in event["votes"] if v["option"] == "yes"]
    assert len(yes) == 41  # 32 présents + 9 représentés
    peter = next(v for v in yes if v["voter"]["name"] == "PETER")
    assert peter["delib:mandataire"] == "MARCHAND"
    person_ids = {p["id"] for p in popolo["persons"]}
    assert {v["voter_id"] for v in event["votes"]} <= person_ids


# --- JSONL ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def jsonl(processed, tmp_path_factory) -> list[dict]:
    target = export("jsonl", processed, tmp_path_factory.mktemp("jsonl") / "documents.jsonl")
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]


def test_jsonl_has_one_object_per_document(jsonl, processed):
    assert sorted(r["file_name"] for r in jsonl) == sorted(load_tables(processed)["documents"]["file_name"])


def test_jsonl_nests_actions_under_their_axis_with_heading_excerpts(jsonl):
    convention = next(r for r in jsonl if r["file_name"] == VAL_DE_MARNE)

    def walk(nodes, parent=None):
        for node in nodes:
            yield node, parent
            yield from walk(node["children"], node)

    pairs = list(walk(convention["segments"]))
    axis_a = next(n for n, _ in pairs if n["kind"] == "axe" and n["number"] == "A")
    assert axis_a["heading_text"].startswith("A. Développer la mobilité durable")
    assert [c["number"] for c in axis_a["children"] if c["kind"] == "action"][:3] == ["1", "2", "3"]
    assert all(p is not None and p["kind"] == "axe" for n, p in pairs if n["kind"] == "action")
    assert len(convention["actions"]) == len([n for n, _ in pairs if n["kind"] in ("action", "sub_action")])


def test_jsonl_keeps_every_mention_and_the_attendance(jsonl, processed):
    tables = load_tables(processed)
    ivry = next(r for r in jsonl if r["file_name"] == IVRY)
    rows = sum(int((tables[t]["doc_id"] == ivry["doc_id"]).sum()) for t in ("dates", "amounts", "entities"))
    assert len(ivry["mentions"]) == rows > 0
    assert {"date", "entity"} <= {m["kind"] for m in ivry["mentions"]}
    seance = next(m for m in ivry["mentions"] if m["kind"] == "date" and m["role"] == "seance")
    assert seance["value"] == "2024-06-27"
    (delib,) = ivry["deliberations"]
    assert delib["pour"] == 32 and len(delib["attendance"]) == 49


def test_heading_excerpt_stops_at_the_first_blank_line():
    text = "A. Développer la mobilité durable\nen renforçant les connexions\n\n1. Poursuivre les travaux"
    assert heading_excerpt(text, 0, len(text)) == "A. Développer la mobilité durable en renforçant les connexions"


def test_document_records_work_in_memory_without_texts(processed):
    records = list(document_records(load_tables(processed)))
    assert all(r["segments"] for r in records)
    assert all(s["heading_text"] is None for r in records for s in r["segments"])


# --- SCDL and the command ---------------------------------------------------------------

def test_scdl_export_is_the_run_s_file_and_frictionless_finds_no_type_error(processed, tmp_path):
    target = tmp_path / "out" / "deliberations.csv"
    result = CliRunner().invoke(export_command, ["--format", "scdl", "--from", str(processed), "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == (processed / SCDL_FILE).read_bytes()
    assert "DEL20240627_16A" in target.read_text(encoding="utf-8")
    # Only required cells the documents do not give (the SIRET, the matière): no wrong type or pattern.
    assert {p.check for p in scdl_problems(target)} <= {"required"}


def test_popolo_command_writes_valid_json(processed, tmp_path):
    target = tmp_path / "votes.json"
    result = CliRunner().invoke(export_command, ["-f", "popolo", "--from", str(processed), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert validate_popolo(json.loads(target.read_text(encoding="utf-8"))) == []


def test_export_from_a_folder_without_tables_says_what_to_do(tmp_path):
    result = CliRunner().invoke(export_command, ["-f", "jsonl", "--from", str(tmp_path), "-o", str(tmp_path / "x")])
    assert result.exit_code == 1
    assert "run `delib run" in result.output
    assert not (tmp_path / "x").exists()
    with pytest.raises(ExportError):
        export("jsonl", tmp_path, tmp_path / "y")


def test_text_flag_only_with_jsonl(processed, tmp_path):
    result = CliRunner().invoke(export_command, ["-f", "popolo", "--from", str(processed), "-o", str(tmp_path / "v.json"),
                                                 "--text"])
    assert result.exit_code == 2
    target = tmp_path / "docs.jsonl"
    assert CliRunner().invoke(export_command, ["-f", "jsonl", "--from", str(processed), "-o", str(target),
                                               "--text"]).exit_code == 0
    first = json.loads(target.read_text(encoding="utf-8").splitlines()[0])
    assert first["text"] == (processed / "text" / f"{first['doc_id']}.txt").read_text(encoding="utf-8")


# --- Popolo person ids (issue 14) ----------------------------------------------------------

from delib.output.export import known_names, person_id  # noqa: E402


def test_two_members_sharing_a_surname_get_two_ids():
    org = "ville-de-x/conseil-municipal"
    assert person_id("Jean MARTIN", org) != person_id("Paul MARTIN", org)
    assert person_id("MARTIN", org, "M.") != person_id("MARTIN", org, "Mme")


def test_the_same_person_keeps_one_id_whatever_the_order_or_accents():
    org = "ville-de-x"
    assert person_id("Philippe BOUYSSOU", org) == person_id("BOUYSSOU Philippe", org) == "ville-de-x/bouyssou-philippe"
    assert person_id("Hélène Dupré", org) == person_id("HELENE DUPRE", org)


def test_a_surname_alone_takes_the_one_full_name_it_names():
    org = "ville-de-x"
    known = known_names([(org, "Philippe BOUYSSOU"), (org, "Jean MARTIN"), (org, "Paul MARTIN")])
    assert person_id("BOUYSSOU", org, "M.", known) == "ville-de-x/bouyssou-philippe"
    # two Martins: a surname alone is neither of them
    assert person_id("MARTIN", org, "M.", known) == "ville-de-x/m-martin"
    # another collectivité's Bouyssou is another person
    assert person_id("BOUYSSOU", "ville-de-y", "M.", known) == "ville-de-y/m-bouyssou"


def test_popolo_person_ids_are_unique_and_the_president_is_one_person(popolo):
    ids = [p["id"] for p in popolo["persons"]]
    assert len(ids) == len(set(ids))
    # « M. BOUYSSOU » of the attendance is the président « Philippe BOUYSSOU »
    assert any(i.endswith("/bouyssou-philippe") for i in ids)
    voters = {v["voter_id"] for e in popolo["vote_events"] for v in e["votes"]}
    assert voters <= set(ids)


def test_jsonl_deliberations_say_where_their_matiere_comes_from(jsonl):
    delibs = [d for r in jsonl for d in r["deliberations"]]
    assert delibs and all(d["matiere_source"] in ("printed", "inferred", None) for d in delibs)
    ivry = [d for d in delibs if d["acte_id"] == "094-219400413-20240627-DEL20240627_16A-DE"]
    assert ivry and ivry[0]["matiere_source"] == "inferred" and 0 < ivry[0]["matiere_confidence"] < 1
