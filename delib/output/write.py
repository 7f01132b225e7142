"""Write: the contract tables to Parquet, CSV and DuckDB, the SCDL « Délibérations » CSV,
and each document's text.

The tables are published as one generation: every file is written into a new folder
`OUT/.delib-tables/<generation>/`, then one rename points `OUT/.delib-tables/current` at it,
and the names users open (`OUT/documents.parquet`, `OUT/delib.duckdb`…) are symbolic links
through `current`. So at every instant all the published files come from the same run, and a
run stopped while writing leaves the previous generation in place. Where the filesystem has
no symbolic links the files are renamed into `OUT` one by one instead (each whole, not together).
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import time
import uuid
from pathlib import Path

import duckdb
import pandas as pd

from delib.output.files import atomic_path
from delib.output.parquet import read_parquet, write_parquet
from delib.output.schema import TABLES
from delib.output.scdl import SCDL_FILE, write_scdl

DUCKDB_FILE = "delib.duckdb"
PUBLISHING_MARK = ".delib-publishing"
GENERATIONS_DIR = ".delib-tables"
CURRENT = "current"


def read_tables(out: Path) -> dict[str, pd.DataFrame]:
    """The tables a previous run left in `out` (empty ones where there are none or they
    cannot be read: the documents they held are then processed again)."""
    tables = {}
    for name, columns in TABLES.items():
        path = out / f"{name}.parquet"
        try:
            df = read_parquet(path) if path.exists() else None
        except (OSError, ValueError):
            df = None
        if df is None or not set(columns) <= set(df.columns):
            df = pd.DataFrame(columns=list(columns))
        tables[name] = df.reindex(columns=list(columns)).astype(columns)
    return tables


def write_tables(tables: dict[str, pd.DataFrame], out: Path) -> None:
    """Publish `tables` in `out` as one generation (see the module's docstring). A run
    killed before the switch leaves the previous generation, with the mark that makes the
    next run publish again; the half-written folder is removed by `remove_stale_temp`."""
    out.mkdir(parents=True, exist_ok=True)
    marker = out / PUBLISHING_MARK
    marker.touch()  # removed when the generation is published: else the next run publishes again
    generations = out / GENERATIONS_DIR
    folder = generations / _generation_name()
    folder.mkdir(parents=True)
    try:
        _write_generation(tables, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    previous = _current_generation(generations)
    if _links_work(generations):
        _switch_to(folder)
        _link_names(out)
        keep = {folder.name, previous}  # the one before: a reader may still be on it
    else:
        for path in sorted(folder.iterdir(), key=lambda p: p.name == "documents.parquet"):
            os.replace(path, out / path.name)  # `documents` last: it says which documents the others hold
        keep = set()
    _remove_generations_but(generations, keep)  # and the half-written ones of killed runs
    marker.unlink()


def _generation_name() -> str:
    # sortable by time, unique even for two publishes within one clock tick
    return f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"


def _write_generation(tables: dict[str, pd.DataFrame], folder: Path) -> None:
    for name, df in tables.items():
        csv_safe(df).to_csv(folder / f"{name}.csv", index=False, encoding="utf-8")
    write_duckdb(tables, folder / DUCKDB_FILE)
    write_scdl(csv_safe(tables["deliberations"]), csv_safe(tables["documents"]), folder)
    for name, df in tables.items():
        write_parquet(df, folder / f"{name}.parquet")


def _links_work(folder: Path) -> bool:
    probe = folder / f".probe-{uuid.uuid4().hex[:8]}"
    try:
        os.symlink(".", probe)
    except (OSError, NotImplementedError):
        return False
    probe.unlink()
    return True


def _replace_with_link(link: Path, points_to: str) -> None:
    """`link` made a symbolic link to `points_to` in one rename (never missing meanwhile)."""
    if link.is_symlink() and os.readlink(link) == points_to:
        return
    tmp = link.with_name(f".{link.name}.{uuid.uuid4().hex[:8]}.tmp")
    os.symlink(points_to, tmp)
    os.replace(tmp, link)


def _switch_to(folder: Path) -> None:
    """The one rename that publishes the generation in `folder`."""
    _replace_with_link(folder.parent / CURRENT, folder.name)


def _link_names(out: Path) -> None:
    """The names users open, each a link through `current` (made once, then left alone)."""
    for path in written_files(out):
        _replace_with_link(path, f"{GENERATIONS_DIR}/{CURRENT}/{path.name}")


def _current_generation(generations: Path) -> str | None:
    link = generations / CURRENT
    return os.readlink(link) if link.is_symlink() else None


def _remove_generations_but(generations: Path, keep: set) -> None:
    for folder in generations.iterdir():
        if folder.is_dir() and not folder.is_symlink() and folder.name not in keep:
            shutil.rmtree(folder, ignore_errors=True)


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
