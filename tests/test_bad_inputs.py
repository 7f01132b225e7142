"""Every kind of bad input, in one batch: each gets its documents row, a status and a
readable error, and the batch goes on."""
from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from delib.cli.main import main
from delib.output.parquet import read_parquet

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
PARAGRAPH = ("Le Conseil municipal, après en avoir délibéré, approuve la convention « Ivry-Paris » "
             "et l'œuvre commune : coût 1 200 €. Adopté à l'unanimité.\n")


def pdf_bytes(encrypt=None, image_only=False) -> bytes:
    reportlab = pytest.importorskip("reportlab")  # noqa: F841 - test extra
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, encrypt=StandardEncryption(encrypt, ownerPassword="owner") if encrypt is not None
                      else None, invariant=1)
    if image_only:
        from PIL import Image, ImageDraw, ImageFont
        image = Image.new("L", (1600, 300), 255)
        font = ImageFont.load_default(size=48)
        ImageDraw.Draw(image).text((40, 100), "Conseil municipal de Corte", fill=0, font=font)
        c.drawImage(ImageReader(image), 40, 500, width=520, height=100)
    else:
        c.drawString(72, 720, "Convention de coopération entre la Ville de Paris et la commune")
    c.showPage()
    c.save()
    return buffer.getvalue()


def spinning_pdf(pages: int = 2000, lines: int = 45) -> bytes:
    """A PDF the reader spins on: 2,000 pages of text (one content stream shared by
    all, so it is made in milliseconds), far more than a document's time limit allows."""
    text = "".join(f"BT /F1 11 Tf 72 {800 - 17 * i} Td (Ligne {i} : le Conseil municipal delibere et approuve.) Tj ET\n"
                   for i in range(lines)).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(f"{5 + i} 0 R".encode() for i in range(pages))
               + f"] /Count {pages} >>".encode(),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d >>\nstream\n" % len(text) + text + b"endstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                b"/Contents 4 0 R >>"] * pages
    return pdf_of(objects)


def pdf_of(objects: list[bytes]) -> bytes:
    """A PDF file of these objects (numbered from 1, the catalogue first), with its xref table."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# The battery's time limit per document: every file but the spinning PDF is done in a
# few seconds (the one-page scan's OCR included).
TIME_LIMIT = 15


@pytest.fixture(scope="module")
def battery(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    good = RAW / "001_c628b3d41b0ed031.txt"
    shutil.copy(good, folder / good.name)
    (folder / "empty.txt").write_bytes(b"")
    whole = (RAW / "convention_paris_val-de-marne.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(whole[: len(whole) // 2])
    (folder / "really_html.pdf").write_bytes(b"<!DOCTYPE html><html><body>Not found</body></html>")
    (folder / "encrypted_empty_password.pdf").write_bytes(pdf_bytes(encrypt=""))
    (folder / "encrypted_real_password.pdf").write_bytes(pdf_bytes(encrypt="secret"))
    (folder / "scan.pdf").write_bytes(pdf_bytes(image_only=True))
    (folder / "spinning.pdf").write_bytes(spinning_pdf())
    with open(folder / "huge.txt", "wb") as f:
        block = (PARAGRAPH * 1000).encode("utf-8")
        while f.tell() < 50 * 1024 * 1024:
            f.write(block)
    (folder / "utf16.txt").write_bytes(PARAGRAPH.encode("utf-16"))
    (folder / "cp1252.txt").write_bytes(PARAGRAPH.encode("cp1252"))
    (folder / "junk.txt").write_bytes(os.urandom(4096))
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    loop = folder / "sub"
    loop.mkdir()
    (loop / "parent").symlink_to(folder, target_is_directory=True)  # a symlink loop in the tree
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["run", str(folder), "--out", str(out), "-w", "2", "--timeout", str(TIME_LIMIT)],
                                catch_exceptions=False)
    docs = read_parquet(out / "documents.parquet").set_index("file_name")
    return result, docs


def test_every_input_has_exactly_one_row(battery):
    _, docs = battery
    assert sorted(docs.index) == sorted([
        "001_c628b3d41b0ed031.txt", "empty.txt", "truncated.pdf", "really_html.pdf",
        "encrypted_empty_password.pdf", "encrypted_real_password.pdf", "scan.pdf", "spinning.pdf", "huge.txt",
        "utf16.txt", "cp1252.txt", "junk.txt", "dangling.txt"])


def test_the_exit_status_says_a_document_failed(battery):
    result, _ = battery
    assert result.exit_code == 1
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name, words, code", [
    ("empty.txt", "empty file", "E006"),
    ("truncated.pdf", "damaged or truncated", "E008"),
    ("really_html.pdf", "HTML", "E007"),
    ("encrypted_real_password.pdf", "password", "E003"),
    ("huge.txt", "too large", "E004"),
    ("junk.txt", "binary data, not text", "E009"),
    ("dangling.txt", "cannot read the file", "E005"),
    ("spinning.pdf", f"took longer than {TIME_LIMIT} s and was stopped (raise the limit with --timeout)", "E020"),
])
def test_bad_files_get_a_readable_error(battery, name, words, code):
    _, docs = battery
    assert docs.loc[name, "status"] == "error"
    assert words in docs.loc[name, "error"]
    assert docs.loc[name, "error"].startswith(f"[{code}] ") and docs.loc[name, "error_codes"] == code


@pytest.mark.parametrize("name", ["001_c628b3d41b0ed031.txt", "encrypted_empty_password.pdf",
                                  "utf16.txt", "cp1252.txt"])
def test_good_files_among_them_are_read(battery, name):
    _, docs = battery
    assert docs.loc[name, "status"] == "ok", docs.loc[name, "error"]
    assert docs.loc[name, "n_chars"] > 50


def test_texts_in_other_encodings_read_the_same(battery):
    _, docs = battery
    assert docs.loc["utf16.txt", "n_chars"] == docs.loc["cp1252.txt", "n_chars"]
    assert docs.loc["utf16.txt", "encoding"].startswith("utf-16")


def test_a_scan_is_read_by_ocr_or_says_how_to_enable_it(battery):
    _, docs = battery
    row = docs.loc["scan.pdf"]
    if shutil.which("tesseract"):
        assert row["status"] == "ok" and row["ocr"]
    else:
        assert row["status"] == "error" and "Tesseract" in row["error"]
