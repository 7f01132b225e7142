"""The published tables are one generation: every file users open comes from the same
run at every instant, and a publish that fails leaves the previous one whole."""
import os

import duckdb
import pandas as pd
import pytest

from delib.output import write
from delib.output.schema import TABLES
from delib.output.write import read_tables, write_tables, written_files
from delib.output.parquet import read_parquet


def tables_of(doc_ids):
    """Contract tables holding `doc_ids` in `documents` and one deliberation each."""
    tables = {name: pd.DataFrame(columns=list(columns)).astype(columns) for name, columns in TABLES.items()}
    tables["documents"] = pd.concat([tables["documents"], pd.DataFrame({"doc_id": doc_ids, "status": "ok"})],
                                    ignore_index=True).astype(TABLES["documents"])
    tables["deliberations"] = pd.concat(
        [tables["deliberations"], pd.DataFrame({"doc_id": doc_ids, "objet": [f"objet {d}" for d in doc_ids]})],
        ignore_index=True).astype(TABLES["deliberations"])
    return tables


def doc_ids_everywhere(out):
    """The documents each published format shows."""
    seen = {"parquet": set(read_parquet(out / "documents.parquet")["doc_id"]),
            "csv": set(pd.read_csv(out / "deliberations.csv")["doc_id"])}
    with duckdb.connect(str(out / "delib.duckdb"), read_only=True) as con:
        seen["duckdb"] = {row[0] for row in con.execute("SELECT doc_id FROM deliberations").fetchall()}
    return seen


def test_every_published_name_reads_the_same_generation(tmp_path):
    write_tables(tables_of(["a"]), tmp_path)
    write_tables(tables_of(["a", "b"]), tmp_path)
    assert all(path.is_symlink() for path in written_files(tmp_path))
    assert set(map(frozenset, doc_ids_everywhere(tmp_path).values())) == {frozenset({"a", "b"})}
    assert set(read_tables(tmp_path)["documents"]["doc_id"]) == {"a", "b"}
    assert not (tmp_path / write.PUBLISHING_MARK).exists()


def test_a_reader_on_the_previous_generation_keeps_it_and_older_ones_go(tmp_path):
    generations = tmp_path / write.GENERATIONS_DIR
    write_tables(tables_of(["a"]), tmp_path)
    first = os.readlink(generations / write.CURRENT)
    write_tables(tables_of(["a", "b"]), tmp_path)
    assert (generations / first / "documents.parquet").exists()  # a reader that opened it before the switch
    write_tables(tables_of(["a", "b", "c"]), tmp_path)
    assert not (generations / first).exists()
    assert len([p for p in generations.iterdir() if p.is_dir() and not p.is_symlink()]) == 2


def test_a_failed_publish_leaves_the_previous_generation_whole(tmp_path, monkeypatch):
    write_tables(tables_of(["a"]), tmp_path)

    def disk_full(tables, target):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(write, "write_duckdb", disk_full)
    with pytest.raises(OSError):
        write_tables(tables_of(["a", "b"]), tmp_path)
    assert set(map(frozenset, doc_ids_everywhere(tmp_path).values())) == {frozenset({"a"})}
    generations = tmp_path / write.GENERATIONS_DIR
    assert [p.name for p in generations.iterdir() if p.is_dir() and not p.is_symlink()] == \
        [os.readlink(generations / write.CURRENT)]  # the half-written folder is gone
    assert write.publish_incomplete(tmp_path)  # so the next run publishes again


def test_without_symbolic_links_the_files_are_renamed_into_place(tmp_path, monkeypatch):
    monkeypatch.setattr(write, "_links_work", lambda folder: False)
    write_tables(tables_of(["a"]), tmp_path)
    assert not any(path.is_symlink() for path in written_files(tmp_path))
    assert set(map(frozenset, doc_ids_everywhere(tmp_path).values())) == {frozenset({"a"})}
    assert not [p for p in (tmp_path / write.GENERATIONS_DIR).iterdir()]
