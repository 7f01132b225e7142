"""`from delib import run`: the contract tables in memory, no files written."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from datetime import date

import pytest

from delib.batch.runner import InputError
from delib.output.schema import TABLES

ROOT = Path(__file__).resolve().parents[1]
IVRY = ROOT / "data" / "raw" / "001_c628b3d41b0ed031.txt"  # extract of the Ivry register, 32 pour / 9 abstentions


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """The Ivry extract, the same bytes under a second name, and a file délib cannot read."""
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "ivry.txt").write_bytes(IVRY.read_bytes())
    (folder / "ivry_copie.txt").write_bytes(IVRY.read_bytes())
    (folder / "tableur.xlsx").write_bytes(b"PK\x03\x04 not a document")
    return folder


@pytest.fixture(scope="module")
def result(inputs):
    from delib import run

    texts: dict[str, str] = {}
    before = sorted(p.name for p in inputs.rglob("*"))
    tables = run(inputs, texts=texts)
    assert sorted(p.name for p in inputs.rglob("*")) == before  # nothing written beside the inputs
    return tables, texts


def test_every_contract_table_with_its_columns_and_types(result):
    tables, _ = result
    assert list(tables) == list(TABLES)
    for name, columns in TABLES.items():
        assert list(tables[name].columns) == list(columns)
        assert {c: str(t) for c, t in tables[name].dtypes.items()} == columns


def test_the_deliberation_is_read(result):
    tables, _ = result
    (delib,) = tables["deliberations"].to_dict("records")
    # typed: the séance is a date, the tally integers
    assert (delib["seance_date"], delib["pour"], delib["abstentions"], delib["resultat"]) == (
        date(2024, 6, 27), 32, 9, "adopte")
    assert len(tables["attendance"]) == 49


def test_every_input_has_its_documents_row(result):
    tables, _ = result
    docs = tables["documents"].set_index("file_name")
    assert list(docs.index) == ["ivry.txt", "ivry_copie.txt", "tableur.xlsx"]  # sorted by path
    assert docs.loc["tableur.xlsx", "status"] == "error"
    assert docs.loc["tableur.xlsx", "error"]
    assert docs["pipeline_version"].notna().all()
    # The same bytes twice: one row each in documents, their other rows once.
    assert "same bytes as" in docs.loc["ivry_copie.txt", "warnings"]


def test_texts_are_given_back_and_offsets_index_them(result):
    tables, texts = result
    (delib,) = tables["deliberations"].to_dict("records")
    text = texts[delib["doc_id"]]
    assert "Coopération avec la Ville de Paris" in text[delib["char_start"]:delib["char_end"]]


def test_a_single_file_and_a_missing_path(tmp_path, monkeypatch):
    from delib import run

    monkeypatch.chdir(tmp_path)  # no data/processed may appear in the working folder
    tables = run(str(IVRY))
    assert len(tables["documents"]) == 1 and len(tables["deliberations"]) == 1
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(InputError):
        run([tmp_path / "absent.pdf"])


def test_import_delib_stays_light():
    code = ("import sys, delib; assert 'pandas' not in sys.modules, 'pandas loaded'; "
            "assert 'spacy' not in sys.modules; from delib import run; assert callable(run); "
            "\ntry:\n    delib.nothing\nexcept AttributeError:\n    print('ok')")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
