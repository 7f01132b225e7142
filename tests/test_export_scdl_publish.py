"""`delib export --format scdl` writes a file one can publish: validated as it is written,
the collectivité's SIRET given by the user, and no row for a blank deliberation form.

The acceptance test of issue 14: on the tables of `delib run data/raw`,
`delib export --format scdl --collectivites FILE --strict` exits 0 and frictionless
validates the file with 0 errors.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from delib.cli.export import export as export_command
from delib.output.scdl import (IdentityError, Identities, is_blank_form, load_identities, load_schema, scdl_frame,
                        scdl_problems)
from delib.output.parquet import read_parquet

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
# TEST DATA ONLY: Ivry's SIREN (219400413, from its ACTES id) with a NIC chosen so that the
# Luhn check passes; not looked up in the SIRENE register (the same as tests/test_scdl.py).
TEST_SIRET = "21940041300007"


@pytest.fixture(scope="module")
def raw_tables(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("raw_tables")
    done = subprocess.run([sys.executable, "-m", "delib.cli", "run", str(RAW), "--out", str(out), "-q"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture()
def sirets(tmp_path) -> Path:
    path = tmp_path / "collectivites.csv"
    path.write_text(f"nom,siren,siret\nVille d'Ivry-sur-Seine,219400413,{TEST_SIRET}\n", encoding="utf-8")
    return path


def invoke(*args: str):
    return CliRunner().invoke(export_command, list(args))


def test_data_raw_exports_a_valid_scdl_file_with_the_collectivites_file(raw_tables, sirets, tmp_path):
    target = tmp_path / "deliberations.csv"
    result = invoke(str(raw_tables), "--format", "scdl", "--collectivites", str(sirets), "--strict",
                    "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "SCDL: valid" in result.output
    rows = pd.read_csv(target, dtype=str, keep_default_na=False)
    # The Ivry extract only: the blank form at the end of 004 exports no row.
    assert list(rows["DELIB_ID"]) == ["DEL20240627_16A"]
    assert rows.loc[0, "COLL_SIRET"] == TEST_SIRET  # looked up by the SIREN of its ACTES id
    assert rows.loc[0, "DELIB_MATIERE_CODE"] != ""  # inferred from the objet
    # frictionless itself, on the shipped schema: 0 errors.
    from frictionless import Resource, Schema

    report = Resource(path=target.name, basepath=str(tmp_path),
                      schema=Schema.from_descriptor(load_schema())).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    # and the schema's custom checks, with both validators
    assert scdl_problems(target, "frictionless") == [] and scdl_problems(target, "builtin") == []


def test_without_the_siret_strict_fails_and_each_problem_has_its_line_and_column(raw_tables, tmp_path):
    target = tmp_path / "deliberations.csv"
    result = invoke(str(raw_tables), "-f", "scdl", "--strict", "-o", str(target))
    assert result.exit_code == 1
    assert "line 2 (DELIB_ID DEL20240627_16A), column 2 COLL_SIRET: required by SCDL but empty" in result.output
    assert "--siret or --collectivites FILE" in result.output
    # without --strict the file is written all the same, and the problems said
    result = invoke(str(raw_tables), "-f", "scdl", "-o", str(target))
    assert result.exit_code == 0 and "1 problem(s)" in result.output


def test_siret_option_and_stdout(raw_tables):
    result = invoke(str(raw_tables), "-f", "scdl", "--siret", TEST_SIRET, "--strict", "-o", "-")
    assert result.exit_code == 0, result.output
    assert f"Ville d'Ivry-sur-Seine,{TEST_SIRET},DEL20240627_16A" in result.output
    assert not Path("-").exists()


def test_a_wrong_siret_is_a_usage_error(raw_tables, tmp_path):
    result = invoke(str(raw_tables), "-f", "scdl", "--siret", "21940041300008", "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 2 and "Luhn" in result.output


def test_the_old_from_option_still_works(raw_tables, tmp_path):
    result = invoke("-f", "scdl", "--from", str(raw_tables), "--siret", TEST_SIRET, "--strict",
                    "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 0, result.output
    assert "--from is deprecated" in result.output
    assert "--from" not in invoke("--help").output  # hidden


def test_scdl_options_go_with_scdl_only(raw_tables, tmp_path):
    assert invoke(str(raw_tables), "-f", "popolo", "--strict", "-o", str(tmp_path / "v.json")).exit_code == 2


def test_frictionless_missing_is_said(raw_tables, tmp_path, monkeypatch):
    import delib.cli.export as command

    monkeypatch.setattr(command, "frictionless_available", lambda: False)
    result = invoke(str(raw_tables), "-f", "scdl", "--validator", "frictionless", "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 2 and 'pip install "delib[validate]"' in result.output


# --- identities ----------------------------------------------------------------------

def test_collectivites_file_by_name_or_siren(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(f"Collectivité;SIRET\nVille d'Ivry-sur-Seine;{TEST_SIRET[:9]} {TEST_SIRET[9:]}\n", encoding="utf-8")
    ids = load_identities(path)
    assert ids.lookup(name="Ivry-sur-Seine") == TEST_SIRET  # « Ville d' » aside
    assert ids.lookup(siren="219400413") == TEST_SIRET
    assert ids.lookup(siren="217500016", name="Ville d'Ivry-sur-Seine") == ""  # another SIREN: not this SIRET


def test_siret_is_not_given_to_another_siren():
    ids = Identities(siret=TEST_SIRET)
    assert ids.lookup(siren="219400413") == TEST_SIRET
    assert ids.lookup() == TEST_SIRET
    assert ids.lookup(siren="217500016") == ""


def test_a_bad_line_of_the_collectivites_file_is_named(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("nom,siret\nA,21940041300007\nB,123\n", encoding="utf-8")
    with pytest.raises(IdentityError, match="line 3"):
        load_identities(path)
    path.write_text("nom,code\nA,1\n", encoding="utf-8")
    with pytest.raises(IdentityError, match="siret"):
        load_identities(path)


# --- a blank deliberation form ---------------------------------------------------------

def test_a_blank_form_exports_no_row(raw_tables):
    delibs = read_parquet(raw_tables / "deliberations.parquet")
    docs = read_parquet(raw_tables / "documents.parquet")
    blank = [d for d in delibs.to_dict("records") if is_blank_form(d)]
    # « Délibération n° du 15 février 2018 … Adopté à l'unanimité : Adopté à la majorité : » (seed 004)
    assert [d["objet"] for d in blank] == ["CONVENTION GLOBALE PARIS - SEINE-SAINT-DENIS"]
    assert len(delibs) == 2  # it stays in `deliberations`
    assert len(scdl_frame(delibs, docs)) == 1


def test_a_deliberation_with_a_result_is_no_blank_form():
    assert not is_blank_form({"objet": "x", "resultat": "adopte"})
    assert not is_blank_form({"objet": "x", "unanimite": True})
    assert not is_blank_form({"objet": "x", "numero": "16A"})
    assert is_blank_form({"objet": "x", "unanimite": None, "numero": float("nan")})
