"""Files written whole or not at all: the one atomic writer of délib's outputs.

A file is written under a temporary name beside its target and renamed onto it, so a run
stopped at any moment leaves the previous file readable. It ends with the permissions any
new file gets under the user's umask (mkstemp's own 0600 would hide tables from their readers).
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, TextIO


def shared_mode() -> int:
    """The mode of a new regular file under the current umask (0644 under the usual 022)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside `target`, renamed onto it when the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        if tmp_path.exists():
            os.chmod(tmp_path, shared_mode())
        os.replace(tmp_path, target)
    finally:
        tmp_path.unlink(missing_ok=True)


def write_atomic(target: Path, write: Callable[[TextIO], None]) -> Path:
    """`target` written as UTF-8 text by `write(file)`, whole or not at all."""
    with atomic_path(target) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            write(f)
    return target


def publish(written: Path, target: Path) -> Path:
    """Move the finished file `written` onto `target` (same filesystem), readable by others."""
    os.chmod(written, shared_mode())
    os.replace(written, target)
    return target
