"""Parquet files go through `delib.output.parquet`: the same frames as pandas gives, and no
read through pandas, whose file-object read can leave pyarrow aborting the process at exit."""
import re
from datetime import date
from pathlib import Path

import pandas as pd

from delib.output.parquet import read_parquet, write_parquet
from delib.output.schema import TABLES

ROOT = Path(__file__).resolve().parents[1]


def contract_table(name: str) -> pd.DataFrame:
    """Two rows of the contract table `name`, every column filled by its own type."""
    columns = TABLES[name]
    samples = {"string": ["a « b »", None], "Int64": [3, None], "Float64": [1.5, None], "boolean": [True, None],
               "date32[day][pyarrow]": [date(2024, 3, 28), None]}
    data = {column: samples[dtype] for column, dtype in columns.items()}
    return pd.DataFrame(data).astype(columns)


def test_a_contract_table_comes_back_as_written(tmp_path):
    for name in ("documents", "deliberations", "attendance"):
        frame = contract_table(name)
        write_parquet(frame, tmp_path / f"{name}.parquet")
        back = read_parquet(tmp_path / f"{name}.parquet")
        pd.testing.assert_frame_equal(back, frame)
        pd.testing.assert_frame_equal(back, pd.read_parquet(tmp_path / f"{name}.parquet"))


def test_no_code_reads_or_writes_parquet_through_pandas():
    through_pandas = re.compile(r"\bpd\.read_parquet\(|\.to_parquet\(")
    offenders = [f"{path.relative_to(ROOT)}:{number}"
                 for folder in ("delib", "tests", "benchmarks", "scripts")
                 for path in sorted((ROOT / folder).rglob("*.py")) if path.name != "test_parquet.py"
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if through_pandas.search(line)]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    offenders += [".ci/run"] if through_pandas.search(ci) else []
    assert offenders == []
