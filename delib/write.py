"""Write: the contract tables to Parquet, CSV and DuckDB, the SCDL « Délibérations » CSV,
and each document's text.

Every file is written to a temporary name and renamed into place, so a run
stopped at any moment leaves the previous tables readable.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb
import pandas as pd

from delib.schema import TABLES
from delib.scdl import SCDL_FILE, write_scdl

DUCKDB_FILE = "delib.duckdb"


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside `target`, renamed onto it when the block succeeds."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        tmp_path.unlink(missing_ok=True)


def read_tables(out: Path) -> dict[str, pd.DataFrame]:
    """The tables a previous run left in `out` (empty ones where there are none or they
    cannot be read: the documents they held are then processed again)."""
    tables = {}
    for name, columns in TABLES.items():
        path = out / f"{name}.parquet"
        try:
            df = pd.read_parquet(path) if path.exists() else None
        except (OSError, ValueError):
            df = None
        if df is None or not set(columns) <= set(df.columns):
            df = pd.DataFrame(columns=list(columns))
        tables[name] = df.reindex(columns=list(columns)).astype(columns)
    return tables


def write_tables(tables: dict[str, pd.DataFrame], out: Path) -> None:
    """Every table as CSV, in DuckDB, the SCDL export, then as Parquet, `documents.parquet`
    last: the next run reads the Parquet tables, and `documents` says which documents
    they hold. A run killed before that last rename leaves the previous `documents`,
    whose documents' rows are all still there; the new ones are done again."""
    out.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        with atomic_path(out / f"{name}.csv") as tmp:
            df.to_csv(tmp, index=False, encoding="utf-8")
    write_duckdb(tables, out / DUCKDB_FILE)
    write_scdl(tables["deliberations"], tables["documents"], out)
    for name in sorted(tables, key=lambda name: name == "documents"):
        with atomic_path(out / f"{name}.parquet") as tmp:
            tables[name].to_parquet(tmp, index=False)


def written_files(out: Path) -> list[Path]:
    """The files `write_tables` writes into `out`."""
    return ([out / f"{name}.{ext}" for name in TABLES for ext in ("csv", "parquet")]
            + [out / DUCKDB_FILE, out / SCDL_FILE])


def write_duckdb(tables: dict[str, pd.DataFrame], target: Path) -> None:
    with atomic_path(target) as tmp:
        tmp.unlink()  # duckdb wants to create the file itself
        con = duckdb.connect(str(tmp))
        try:
            for name, df in tables.items():
                con.register("frame", df)
                con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM frame')
                con.unregister("frame")
        finally:
            con.close()


def write_text(doc_id: str, text: str, out: Path) -> None:
    """The extracted text that every char_start/char_end of the tables indexes."""
    folder = out / "text"
    folder.mkdir(parents=True, exist_ok=True)
    with atomic_path(folder / f"{doc_id}.txt") as tmp:
        tmp.write_text(text, encoding="utf-8")
