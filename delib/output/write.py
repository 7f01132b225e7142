"""Write: the contract tables to Parquet, CSV and DuckDB, the SCDL « Délibérations » CSV,
and each document's text.

Every file is written to a temporary name and renamed into place, so a run
stopped at any moment leaves the previous tables readable.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
from pathlib import Path

import duckdb
import pandas as pd

from delib.output.files import atomic_path
from delib.output.schema import TABLES
from delib.output.scdl import SCDL_FILE, write_scdl

DUCKDB_FILE = "delib.duckdb"
PUBLISHING_MARK = ".delib-publishing"


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
    marker = out / PUBLISHING_MARK
    marker.touch()  # removed when every file is written: else the next run publishes again
    for name, df in tables.items():
        with atomic_path(out / f"{name}.csv") as tmp:
            csv_safe(df).to_csv(tmp, index=False, encoding="utf-8")
    write_duckdb(tables, out / DUCKDB_FILE)
    write_scdl(csv_safe(tables["deliberations"]), csv_safe(tables["documents"]), out)
    for name in sorted(tables, key=lambda name: name == "documents"):
        with atomic_path(out / f"{name}.parquet") as tmp:
            tables[name].to_parquet(tmp, index=False)
    marker.unlink()


def publish_incomplete(out: Path) -> bool:
    """Whether a run stopped while it wrote the tables (they may disagree with each other)."""
    return (out / PUBLISHING_MARK).exists() or not all(p.exists() for p in written_files(out))


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP « CSV injection »).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot run as formulas: those starting with FORMULA_STARTS
    get a leading apostrophe. For the CSV files only: Parquet and DuckDB keep the raw value."""
    safe = df.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column].dtype):
            safe[column] = safe[column].map(_neutralise)
    return safe


def _neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


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
            con.execute("CHECKPOINT")  # the tables into the file now: a full disk fails here, loudly
        except duckdb.IOException as exc:
            raise OSError(errno.EIO, f"DuckDB could not write {target.name}: {exc}") from exc
        finally:
            con.close()
        wal = tmp.with_name(tmp.name + ".wal")
        if wal.exists():  # data left outside the database file: it would be published empty
            wal.unlink()
            raise OSError(errno.ENOSPC, f"DuckDB could not write {target.name} (is the disk full?)")


def write_text(doc_id: str, text: str, out: Path) -> None:
    """The extracted text that every char_start/char_end of the tables indexes."""
    folder = out / "text"
    folder.mkdir(parents=True, exist_ok=True)
    with atomic_path(folder / f"{doc_id}.txt") as tmp:
        tmp.write_text(text, encoding="utf-8")


def remove_texts(doc_ids: set[str], out: Path) -> None:
    """The text files of documents that left the tables."""
    for doc_id in doc_ids:
        (out / "text" / f"{doc_id}.txt").unlink(missing_ok=True)


# --- the journal: each finished document, durable as soon as it finishes -----------------

JOURNAL_DIR = ".delib-journal"


def journal_rows(source_path: str, fields: dict, out: Path) -> None:
    """Record one finished document (its DocOutput fields but the text, which is in
    `text/` already) so that a run killed before it publishes keeps it."""
    folder = out / JOURNAL_DIR
    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha256(source_path.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    with atomic_path(folder / f"{name}.json") as tmp:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(fields, f, ensure_ascii=False, default=str)
            f.flush()
            os.fsync(f.fileno())


def read_journal(out: Path) -> list[dict]:
    """The documents a previous run finished but did not publish (unreadable entries skipped:
    their documents are simply done again)."""
    entries = []
    for path in sorted((out / JOURNAL_DIR).glob("*.json")):
        try:
            entries.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return entries


def clear_journal(out: Path) -> None:
    """After the tables that hold them are published."""
    for path in (out / JOURNAL_DIR).glob("*.json"):
        path.unlink(missing_ok=True)


def remove_stale_temp(out: Path) -> None:
    """Temporary files a killed run left (`.<name>.<random>.tmp`, DuckDB's `.tmp.wal`).
    Only for the holder of the output's lock: no other run is writing them."""
    for folder in (out, out / "text", out / JOURNAL_DIR):
        for path in folder.glob(".*.tmp*"):
            path.unlink(missing_ok=True)
