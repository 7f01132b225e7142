"""`delib run` end to end on the sample corpus in data/raw, through the real CLI."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from delib.cli.main import main
from delib.output.schema import TABLES
from delib.output.parquet import read_parquet

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


def run_cli(*args: str):
    return CliRunner().invoke(main, ["run", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def raw_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("processed")
    result = run_cli(str(RAW), "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    return out


def table(out: Path, name: str) -> pd.DataFrame:
    return read_parquet(out / f"{name}.parquet")


def test_every_contract_table_is_written_with_its_columns(raw_run):
    con = duckdb.connect(str(raw_run / "delib.duckdb"), read_only=True)
    in_duckdb = {row[0] for row in con.execute("select table_name from information_schema.tables").fetchall()}
    for name, columns in TABLES.items():
        for df in (table(raw_run, name), pd.read_csv(raw_run / f"{name}.csv")):
            assert list(columns) == list(df.columns), name
        assert name in in_duckdb
        duck_columns = [r[0] for r in con.execute(f'describe "{name}"').fetchall()]
        assert duck_columns == list(columns)


def test_one_documents_row_per_input_with_stable_id_and_text(raw_run):
    docs = table(raw_run, "documents")
    inputs = sorted(p for p in RAW.iterdir() if not p.name.startswith("."))
    assert sorted(docs["file_name"]) == sorted(p.name for p in inputs)
    for path in inputs:
        row = docs[docs["file_name"] == path.name].iloc[0]
        assert row["doc_id"] == hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        assert row["status"] == "ok", row["error"]
        text = (raw_run / "text" / f"{row['doc_id']}.txt").read_text(encoding="utf-8")
        assert len(text) == row["n_chars"] > 1000


def test_ids_are_stable_across_runs(raw_run, tmp_path):
    assert run_cli(str(RAW), "--out", str(tmp_path), "--quiet").exit_code == 0
    for name, id_column in [("documents", "doc_id"), ("segments", "segment_id"), ("actions", "action_id"),
                            ("deliberations", "deliberation_id"), ("dates", "char_start")]:
        assert table(raw_run, name)[id_column].tolist() == table(tmp_path, name)[id_column].tolist(), name


def test_vote_sentence_fills_the_deliberation_row(raw_run):
    docs = table(raw_run, "documents").set_index("file_name")
    delibs = table(raw_run, "deliberations")
    row = delibs[delibs["doc_id"] == docs.loc["001_c628b3d41b0ed031.txt", "doc_id"]].iloc[0]
    # « Adopté à la majorité par 32 voix pour, 9 abstentions »: contre is implied 0
    assert (row["pour"], row["contre"], row["abstentions"]) == (32, 0, 9)
    assert row["resultat"] == "adopte"
    assert str(row["seance_date"]) == "2024-06-27"  # a DATE in Parquet
    assert row["acte_id"] == "094-219400413-20240627-DEL20240627_16A-DE"


def test_segment_offsets_point_at_their_headings(raw_run):
    segments = table(raw_run, "segments")
    texts = {}
    checked = 0
    for _, seg in segments[segments["kind"].isin(["axe", "action"])].iterrows():
        text = texts.setdefault(seg["doc_id"], (raw_run / "text" / f"{seg['doc_id']}.txt").read_text(encoding="utf-8"))
        heading = text[seg["char_start"]:seg["char_end"]]
        first_words = " ".join(seg["title"].split()[:3])
        assert first_words in " ".join(heading[:400].split()), (seg["title"], heading[:120])
        checked += 1
    assert checked > 30


def test_dates_and_amounts_point_at_their_text(raw_run):
    for name in ("dates", "amounts"):
        df = table(raw_run, name)
        assert len(df) > 10
        for doc_id, group in df.groupby("doc_id"):
            text = (raw_run / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")
            for _, m in group.iterrows():
                assert text[m["char_start"]:m["char_end"]] == m["text"]


def test_a_corrupt_file_becomes_an_error_row_and_the_batch_goes_on(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = inputs / "001_c628b3d41b0ed031.txt"
    good.write_bytes((RAW / good.name).read_bytes())
    pdf = (RAW / "convention_paris_val-de-marne.pdf").read_bytes()
    (inputs / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
    (inputs / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = run_cli(str(inputs), "--out", str(out))
    assert result.exit_code == 1  # some document failed; tables written all the same
    docs = table(out, "documents").set_index("file_name")
    assert docs.loc["001_c628b3d41b0ed031.txt", "status"] == "ok"
    for bad in ("truncated.pdf", "empty.txt"):
        assert docs.loc[bad, "status"] == "error"
        assert re.search(r"[a-z]{4,} [a-z]{3,}", docs.loc[bad, "error"])  # words, not a traceback
        assert "Traceback" not in docs.loc[bad, "error"]
    assert len(table(out, "deliberations")) == 1


def test_a_missing_input_is_a_usage_error_not_a_traceback(tmp_path):
    result = CliRunner().invoke(main, ["run", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output
    assert "Traceback" not in result.output


def test_help_explains_every_option():
    text = CliRunner().invoke(main, ["run", "--help"]).output
    for word in ("--out", "--quiet", "Exit status", "documents"):
        assert word in text
