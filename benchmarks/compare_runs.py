"""Compare two output folders of `delib run` table by table, row for row.

    python benchmarks/compare_runs.py BEFORE AFTER [--ignore-table entities ...]

A refactoring must leave every table equal: this prints, per table, the rows
only in BEFORE and only in AFTER (timing columns and the version stamp are
ignored) and exits 1 when any table differs, 0 when all are equal.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from delib.output.parquet import read_parquet

# Columns that change from run to run without the extraction changing.
VOLATILE = {"seconds", "pipeline_version", "processed_at", "source_path"}


def load(folder: Path, table: str) -> pd.DataFrame:
    path = folder / f"{table}.parquet"
    if not path.exists():
        return pd.DataFrame()
    frame = read_parquet(path)
    frame = frame.drop(columns=[c for c in frame.columns if c in VOLATILE])
    return frame.astype(str).sort_values(list(frame.columns)).reset_index(drop=True)


def differences(before: pd.DataFrame, after: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows only in `before`, rows only in `after` (columns of both compared)."""
    columns = [c for c in before.columns if c in after.columns]
    merged = before[columns].merge(after[columns], how="outer", indicator=True)
    return merged[merged["_merge"] == "left_only"], merged[merged["_merge"] == "right_only"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--ignore-table", action="append", default=[], help="a table not to compare")
    args = parser.parse_args(argv)
    tables = sorted({p.stem for p in args.before.glob("*.parquet")} | {p.stem for p in args.after.glob("*.parquet")})
    differ = False
    for table in tables:
        if table in args.ignore_table:
            continue
        before, after = load(args.before, table), load(args.after, table)
        added_columns = sorted(set(after.columns) - set(before.columns))
        gone, new = differences(before, after)
        status = "equal" if gone.empty and new.empty else f"{len(gone)} rows only before, {len(new)} only after"
        print(f"{table:<18} {len(before):>6} / {len(after):>6} rows  {status}"
              + (f"  (new columns: {', '.join(added_columns)})" if added_columns else ""))
        if not (gone.empty and new.empty):
            differ = True
            with pd.option_context("display.width", 200, "display.max_columns", 12, "display.max_colwidth", 40):
                print(gone.head(5).to_string() if not gone.empty else "", new.head(5).to_string() if not new.empty else "", sep="\n")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
