"""A bounded worker: a PDF whose page inflates to 2 GB gets an error row under the
default --max-memory, instead of taking the machine's memory."""
from __future__ import annotations

import subprocess
import sys
import zlib


from test_bad_inputs import pdf_of  # the same PDF assembly

from delib.output.parquet import read_parquet


def inflating(size_mb: int) -> bytes:
    """A zlib stream of `size_mb` MB of spaces, about 1 KB per MB, made in a second: after a
    full flush the compressor starts afresh, so each 1 MB block compresses to the same bytes."""
    chunk = b" " * 2**20
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = z.compress(chunk) + z.flush(zlib.Z_FULL_FLUSH)
    block = z.compress(chunk) + z.flush(zlib.Z_FULL_FLUSH)
    last = z.compress(chunk) + z.flush()
    adler = 1
    for _ in range(size_mb):
        adler = zlib.adler32(chunk, adler)
    return b"\x78\xda" + first + block * (size_mb - 2) + last + adler.to_bytes(4, "big")


def bomb_pdf(size_mb: int) -> bytes:
    stream = inflating(size_mb)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    return pdf_of(objects)


def test_a_pdf_that_inflates_to_2_gb_gets_an_error_row(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bomb.pdf").write_bytes(bomb_pdf(2048))
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "delib.cli", "run", str(folder), "--out", str(out), "-w", "1",
                           "-q", "--timeout", "300"], capture_output=True, timeout=600)
    assert done.returncode == 1 and b"Traceback" not in done.stderr, done.stderr.decode()
    docs = read_parquet(out / "documents.parquet")
    assert docs["status"].tolist() == ["error"]
    assert "memory" in docs["error"][0]


def test_the_dask_executor_bounds_its_workers_too(tmp_path):
    import pytest

    pytest.importorskip("dask.distributed")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bomb.pdf").write_bytes(bomb_pdf(2048))
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "delib.cli", "run", str(folder), "--out", str(out), "-w", "1",
                           "-q", "--timeout", "300", "--executor", "dask"], capture_output=True, timeout=600)
    assert done.returncode == 1 and b"Traceback" not in done.stderr, done.stderr.decode()
    docs = read_parquet(out / "documents.parquet")
    assert docs["status"].tolist() == ["error"]
    assert "memory" in docs["error"][0]
