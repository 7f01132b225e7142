"""Parquet files read and written with Arrow's thread pools left alone.

pyarrow (seen with 26.0.1 here) may abort the interpreter at exit — « terminate called
without an active exception », exit status 134 — when its thread pools were used, notably
by a read through a Python file object, which is what `pandas.read_parquet` does (apache/arrow
#34314 and #50482). A nightly `delib run` that writes good tables and then exits 134 is a
failed run to whatever scheduled it. So délib reads a file by its path with threads off, and
converts to and from pandas on one thread: délib's tables are small, threads gain nothing.
Every Parquet file délib and its tests read or write goes through these two functions.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq


def read_parquet(path: Path | str) -> pd.DataFrame:
    """The table in the Parquet file `path` (the same frame `pandas.read_parquet` gives)."""
    table = pq.read_table(str(path), use_threads=False, use_pandas_metadata=True)
    return table.to_pandas(use_threads=False)


def write_parquet(df: pd.DataFrame, path: Path | str) -> None:
    """`df` written to `path`, without its index (the file pandas would write)."""
    table = pa.Table.from_pandas(df, preserve_index=False, nthreads=1)
    pq.write_table(table, str(path))
