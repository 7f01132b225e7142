"""Problem codes (delib/errors.py): each document-level problem and each check carries a
stable code, in `documents.error_codes` and `checks.code`; the README lists them all."""
from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from delib import errors
from delib.batch.process import process_path
from delib.extract.checks import check_deliberation
from delib.model import DocResult, Deliberation, DeliberationFields, Extraction
from delib.output.tables import check_rows, frame, rows_of

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "delib"
RAW = ROOT / "data" / "raw"
README_MARK = "<!-- generated from delib/errors.py: tests/test_errors.py fails when they differ -->"
TEXT = ("CONSEIL MUNICIPAL DE LA VILLE DE PARIS\nSéance du 12 mars 2020\n\n"
        "1. Subvention à l'association\n\nLe Conseil municipal, après en avoir délibéré, adopte à l'unanimité.\n")


# --------------------------------------------------------------------------
# The list itself
# --------------------------------------------------------------------------

def all_codes() -> list[str]:
    return [p.code for p in errors.PROBLEMS] + [c.code for c in errors.CHECKS]


def test_every_code_is_unique_and_well_formed():
    codes = all_codes()
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[EWC]0\d\d", code) for code in codes), codes
    assert all(p.meaning and p.todo for p in errors.PROBLEMS)
    assert len({c.name for c in errors.CHECKS}) == len(errors.CHECKS)


def delib_sources() -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py") if path.name != "errors.py"}


def test_every_problem_is_used_somewhere_in_the_code():
    names = [name for name, value in vars(errors).items() if isinstance(value, errors.Problem)]
    assert len(names) == len(errors.PROBLEMS)
    code = "\n".join(delib_sources().values())
    # ENTITIES_FAILED and EXTRACTOR_FAILED are given by errors.extraction_problem, which process.py calls
    given_here = {"ENTITIES_FAILED", "EXTRACTOR_FAILED"}
    assert "errors.extraction_problem(" in code
    unused = [name for name in names if name not in given_here and f"errors.{name}" not in code]
    assert not unused, f"problems of delib/errors.py that no module reports: {unused}"


# A check's name where a Check is made: check="form_ambiguous", add("tally_vs_votants", …),
# check=f"numbering_{problem}" (its name's start, up to the first « { »).
CHECK_NAME = re.compile(r"""(?:\bcheck=|\badd\()(f?)"([a-z_]+)""")


def check_names_in_code() -> set[str]:
    found = set()
    for path, text in delib_sources().items():
        if "Check(" in text:
            found |= {name + ("{…}" if f else "") for f, name in CHECK_NAME.findall(text)}
    return found


def test_every_check_made_in_the_code_has_a_code_and_every_code_a_check():
    names = check_names_in_code()
    assert {"tally_vs_votants", "form_ambiguous", "numbering_{…}", "declared_{…}"} <= names, names
    assert not [name for name in names if errors.check_code(name.replace("{…}", "x")) is None]
    covered = {errors.check_code(name.replace("{…}", "x")) for name in names}
    assert covered == {c.code for c in errors.CHECKS}


def test_check_codes_follow_names_and_their_prefixes():
    assert errors.check_code("numbering_gap") == errors.check_code("numbering_repeat") == "C011"
    assert errors.check_code("names_vs_presents") == "C005"
    assert errors.check_code("form_ambiguous") == "C012"
    assert errors.check_code("form_ambiguous_other") is None
    assert errors.check_code("something_new") is None


def test_codes_are_read_at_the_start_of_each_problem_only():
    message = "[W010] structure/extraction failed: ValueError: x [E003] y; [W012] dates extraction failed: z"
    assert errors.codes_in(message) == ["W010", "W012"]
    assert errors.codes_in("[E006] empty file; [E006] again") == ["E006"]
    assert errors.codes_in(None) == [] and errors.codes_in("no code here") == []


def test_extraction_failures_get_their_code():
    assert errors.extraction_problem("entities extraction failed: OSError: x").startswith("[W011] entities")
    assert errors.extraction_problem("dates extraction failed: KeyError: 3").startswith("[W012] dates")


# --------------------------------------------------------------------------
# The README's table
# --------------------------------------------------------------------------

def codes_table() -> str:
    rows = ["| code | meaning | what to do |", "|---|---|---|"]
    rows += [f"| {p.code} | {p.meaning} | {p.todo} |" for p in errors.PROBLEMS]
    for c in errors.CHECKS:
        name = f"`{c.name}*`" if c.name.endswith("_") else f"`{c.name}`"
        rows.append(f"| {c.code} | check {name}: {c.meaning} | {c.todo} |")
    return "\n".join(rows)


def test_the_readme_lists_the_codes_of_errors_py():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert README_MARK in readme, f"README.md lacks the codes table; put this line, then the table:\n{README_MARK}"
    after = readme.split(README_MARK, 1)[1].lstrip("\n")
    table = after.split("\n\n", 1)[0].rstrip("\n")
    assert table == codes_table(), f"README.md's table of codes differs from delib/errors.py; it should be:\n" \
                                   f"{codes_table()}"


# --------------------------------------------------------------------------
# In the tables
# --------------------------------------------------------------------------

def encrypted_pdf() -> bytes:
    pytest.importorskip("reportlab")  # test extra
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, encrypt=StandardEncryption("secret", ownerPassword="owner"), invariant=1)
    c.drawString(72, 720, "Convention de coopération")
    c.showPage()
    c.save()
    return buffer.getvalue()


def corrupt_pdf() -> bytes:
    whole = (RAW / "convention_paris_val-de-marne.pdf").read_bytes()
    return whole[: len(whole) // 2]


@pytest.mark.parametrize("name, content, code, words", [
    ("corrupt.pdf", corrupt_pdf, "E008", "damaged or truncated"),
    ("encrypted.pdf", encrypted_pdf, "E003", "password-protected"),
    ("tableur.xlsx", lambda: b"PK\x03\x04 not read", "E001", "unsupported file type '.xlsx'"),
    ("empty.txt", lambda: b"", "E006", "empty file"),
    ("photo.txt", lambda: b"\xff\xd8\xff\xe0 JFIF", "E009", "binary data, not text"),
])
def test_a_bad_file_gets_its_code_in_the_documents_row(tmp_path, name, content, code, words):
    path = tmp_path / name
    path.write_bytes(content())
    result = process_path(path)
    row = frame("documents", rows_of(result)["documents"]).iloc[0]
    assert row["status"] == "error"
    assert row["error"].startswith(f"[{code}] ") and words in row["error"]
    assert row["error_codes"] == code


def test_a_named_pipe_gets_its_code(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert rows_of(process_path(fifo))["documents"][0]["error_codes"] == "E002"


def test_a_good_document_has_no_codes(tmp_path):
    path = tmp_path / "pv.txt"
    path.write_text(TEXT, encoding="utf-8")
    row = rows_of(process_path(path))["documents"][0]
    assert row["status"] == "ok" and row["error"] is None and row["error_codes"] is None


def test_failed_stages_give_partial_codes_in_order(tmp_path, monkeypatch):
    import delib.extract.document as document

    def broken(*args, **kwargs):
        raise RuntimeError("broken on purpose")

    monkeypatch.setattr(document, "find_dates", broken)
    monkeypatch.setattr("delib.extract.entities.find_entities", broken)
    path = tmp_path / "pv.txt"
    path.write_text(TEXT, encoding="utf-8")
    row = rows_of(process_path(path))["documents"][0]
    assert row["status"] == "partial"
    assert row["error_codes"] == "W012;W011", row["error"]
    assert "[W012] dates extraction failed: RuntimeError: broken on purpose" in row["error"]


def test_a_failed_structure_gives_w010(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("broken on purpose")

    monkeypatch.setattr("delib.batch.process.segment_document", broken)
    path = tmp_path / "pv.txt"
    path.write_text(TEXT, encoding="utf-8")
    row = rows_of(process_path(path))["documents"][0]
    assert row["status"] == "partial" and row["error_codes"] == "W010"


def test_the_checks_table_carries_the_code_of_each_check():
    d = Deliberation(deliberation_id="d1", char_start=0, char_end=10,
                     fields=DeliberationFields(votants=30, pour=20, contre=2, abstentions=1,
                                               presents=25, representes=4))
    result = DocResult(doc_id="x", source_path="x.txt", file_name="x.txt", format="txt",
                       extraction=Extraction(checks=check_deliberation(d)))
    checks = frame("checks", check_rows(result))
    assert dict(zip(checks["check"], checks["code"])) == {"tally_vs_votants": "C001", "presence_vs_votants": "C002"}
