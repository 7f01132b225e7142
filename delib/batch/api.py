"""The Python API: documents in, the contract tables out, in memory.

    from delib import run
    tables = run(["data/raw"])          # {"documents": DataFrame, "actions": …, …}
    tables["deliberations"][["objet", "pour", "contre"]]

Nothing is written to disk: the documents are processed exactly as `delib run` does
(delib.batch.work, one document at a time, in worker processes when `workers` > 1), and
their rows are gathered into the contract's DataFrames (delib.output.tables).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

import pandas as pd

from delib.batch.runner import mark_duplicate, execute_local, find_inputs
from delib.output.tables import frames_from_rows
from delib.batch.version import pipeline_version
from delib.batch.work import DEFAULT_TIMEOUT, DocOutput


def run(inputs: Iterable[Path | str] | Path | str, workers: int = 1,
        timeout: Optional[float] = DEFAULT_TIMEOUT, texts: Optional[dict[str, str]] = None) -> dict[str, pd.DataFrame]:
    """The contract tables (name -> DataFrame) of the files and folders in `inputs`.

    Folders are walked as by `delib run`; every input gets its `documents` row, with
    status `error` and the reason when it cannot be read. `workers` > 1 processes that
    many documents in parallel, in worker processes (with 1, in this process).
    `timeout` is the seconds allowed to one document (None or 0: no limit). Pass a
    dict as `texts` to receive each document's extracted text ({doc_id: text}), which
    every char_start/char_end of the tables indexes.

    Raises delib.batch.runner.InputError when an input path does not exist.
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    paths = find_inputs(inputs)
    outputs = sorted(execute_local(paths, workers, timeout or 0, in_process=workers <= 1),
                     key=lambda o: (o.source_path, o.doc_id))
    return tables_of(outputs, texts)


def tables_of(outputs: list[DocOutput], texts: Optional[dict[str, str]] = None) -> dict[str, pd.DataFrame]:
    """The contract tables from processed documents, as the runner builds them."""
    seen: dict[str, str] = {}
    version = pipeline_version()
    for output in outputs:
        mark_duplicate(output, seen)  # the same bytes twice: their rows once
        for row in output.rows["documents"]:
            row["pipeline_version"] = version
        if texts is not None and output.text is not None:
            texts[output.doc_id] = output.text
    return frames_from_rows(o.rows for o in outputs)
