"""The data files délib reads at run time, found inside the installed package.

Everything the code reads — word lists, patterns, schemas, Popolo and SCDL files —
lives in `delib/data/` and is found through `importlib.resources`, so a wheel,
`pip install .` and an editable install all read the same files.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def data_path(*parts: str) -> Path:
    """The path of a file (or folder) of `delib/data/`.

    délib is installed as plain files (wheel, sdist or editable), never zipped,
    so the resource is a real path that `open`, `gzip.open` and pandas accept."""
    resource = files("delib").joinpath("data", *parts)
    return Path(str(resource))
