"""The pipeline's version as incremental runs see it: the release plus a digest of the
code and models, so that a document is redone whenever what would process it changed."""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from delib import __version__

PACKAGE = Path(__file__).resolve().parents[1]  # the `delib` package, this file being delib/batch/version.py


@functools.lru_cache(maxsize=1)
def pipeline_version() -> str:
    digest = hashlib.sha256()
    # the data files too (word lists, patterns, schemas), but not their README, which is for people
    data = PACKAGE / "data"
    files = sorted(PACKAGE.rglob("*.py")) + sorted(p for p in data.rglob("*") if p.is_file() and p.suffix != ".md")
    for path in files:
        # the path within the package: two modules may share a name (cli/compare.py, analysis/compare.py)
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:10]}"
