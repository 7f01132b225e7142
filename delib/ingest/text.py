"""Plain-text, Markdown and HTML files -> Document.

The seeds are `.txt` files full of Markdown and HTML (`**bold**`, `<sup>er</sup>`,
tables), or text pulled out of PDFs by someone else, with its page footers and
an empty line after every line. All of that is cleaned here, before the text is
fixed, so that `doc.pages` offsets index the final `doc.text`.

Steps: decode -> unicode clean-up -> strip markup (only if the text is marked up)
-> undo double spacing -> page markers become page breaks -> normalize_text.
"""
from __future__ import annotations

import html
import re
import unicodedata

from delib import errors
from delib.ingest import IngestError
from delib.ingest.normalize import normalize_text, normalize_unicode
from delib.model import Document, Page

PAGE_BREAK = "\f"

# --- Decoding ---------------------------------------------------------------

BOMS = [  # UTF-32 first: its little-endian BOM starts like UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]

BINARY_SIGNATURES = [
    (b"\xff\xd8\xff", "it looks like a JPEG image"),
    (b"\x89PNG\r\n\x1a\n", "it looks like a PNG image"),
    (b"GIF87a", "it looks like a GIF image"),
    (b"GIF89a", "it looks like a GIF image"),
    (b"II*\x00", "it looks like a TIFF image"),
    (b"MM\x00*", "it looks like a TIFF image"),
    (b"PK\x03\x04", "it looks like a ZIP archive, or a Word .docx / OpenDocument file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "it looks like an old Word or Excel file (.doc, .xls)"),
    (b"\x1f\x8b", "it looks like a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "it looks like a 7-Zip archive"),
    (b"Rar!", "it looks like a RAR archive"),
    (b"\x7fELF", "it looks like a program"),
]

# Letters a French text in cp1252 is made of, and cp1252 letters that only show
# up when the bytes were really another code page (mac_roman é = 0x8E = "Ž").
FRENCH_CP1252 = set("éèêëàâäçùûüôöîïœŒÉÈÊÀÂÇÔÎ€’‘“”«»…–—")
UNLIKELY_CP1252 = set("ŽžŠšŸƒ†‡ˆ‰‹›˜™")


def binary_reason(data: bytes) -> str | None:
    """Why these bytes are not text, or None when they may be."""
    for signature, what in BINARY_SIGNATURES:
        if data.startswith(signature):
            return what
    return None


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding.

    Order: byte-order marks, UTF-16 without BOM (every other byte NUL), strict
    UTF-8, then the single-byte Western code pages.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding.replace("-sig", "")), encoding
            except UnicodeDecodeError:
                break  # a BOM followed by junk: let the other tests judge
    # Before UTF-8: UTF-16 of plain ASCII is also valid UTF-8, NULs and all.
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_single_byte(data)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when NUL bytes sit on one side of most byte pairs."""
    sample = data[:4000]
    pairs = len(sample) // 2
    if pairs < 4:
        return None
    nul_even = sample[0::2].count(0)
    nul_odd = sample[1::2].count(0)
    if nul_odd > 0.3 * pairs and nul_even < 0.05 * pairs:
        return "utf-16-le"
    if nul_even > 0.3 * pairs and nul_odd < 0.05 * pairs:
        return "utf-16-be"
    return None


def _decode_single_byte(data: bytes) -> tuple[str, str]:
    """cp1252 or latin-1; charset_normalizer only when cp1252 does not fit.

    They differ only on bytes 0x80–0x9F: printable in cp1252 (€ ’ œ …), control
    characters in latin-1. French files from Windows use them, so cp1252 wins
    whenever they occur and read as French.
    """
    if not any(0x80 <= b <= 0x9F for b in data):
        return data.decode("latin-1"), "latin-1"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _reads_as_french(text):
        return text, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding
    return (text, "cp1252") if text is not None else (data.decode("latin-1"), "latin-1")


def _reads_as_french(text: str) -> bool:
    french = sum(1 for c in text if c in FRENCH_CP1252)
    unlikely = sum(1 for c in text if c in UNLIKELY_CP1252)
    return unlikely <= french // 10


def control_share(text: str) -> float:
    """Share of control characters other than tab, newlines and form feed."""
    if not text:
        return 0.0
    controls = sum(1 for c in text if c not in "\t\n\r\f\v" and unicodedata.category(c) == "Cc")
    return controls / len(text)


# --- Markup -----------------------------------------------------------------

_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_BOLD = re.compile(r"(\*\*|__)(?=\S)((?:(?!\n[ \t]*\n).)+?)(?<=\S)\1", re.DOTALL)
_ITALIC_STAR = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])")
_ITALIC_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")
_INLINE_CODE = re.compile(r"`([^`\n]+)`")
_CODE_FENCE = re.compile(r"^[ \t]*(```|~~~).*$", re.MULTILINE)
_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE)
_BULLET = re.compile(r"^([ \t]*)[*+][ \t]+", re.MULTILINE)
_BLOCKQUOTE = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^()\n]|\([^)\n]*\))*\)")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_HARD_BREAK_BACKSLASH = re.compile(r"\\\n")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")

_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_HTML_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_LIST_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_HTML_CELL_END = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_HTML_BLOCK = re.compile(
    r"</?(?:p|div|h[1-6]|tr|table|thead|tbody|ul|ol|li|section|article|header|footer|blockquote|title)\b[^>]*>",
    re.IGNORECASE,
)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")

_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")

# Signs that a text is Markdown or HTML rather than plain text that happens to
# hold a "*" or a "#".
_MARKUP_SIGNS = [
    re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE),
    re.compile(r"\*\*[^\s*](?:[^*\n]*[^\s*])?\*\*"),
    re.compile(r"</?(?:b|i|u|em|strong|sup|sub|br|p|div|span|table|tr|td|th|a|h[1-6]|ul|ol|li)\b[^>]*>", re.IGNORECASE),
    re.compile(r"\\[_*#\[\]]"),
    re.compile(r"\]\((?:https?:|mailto:|#|/)"),
    re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|", re.MULTILINE),
    re.compile(r"&(?:amp|nbsp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);", re.IGNORECASE),
]

# Escaped characters are parked on private-use code points while the markup is
# stripped, so that "\_" or "\*" is never read as emphasis or a table border.
_PARKED = {c: chr(0xE000 + i) for i, c in enumerate("\\`*_{}[]()#+-.!|<>~")}
_UNPARK = str.maketrans({v: k for k, v in _PARKED.items()})


def looks_like_markup(text: str, file_format: str) -> bool:
    """Markdown/HTML decided from the content; a .md or .html file needs less proof."""
    hits = sum(len(sign.findall(text)) for sign in _MARKUP_SIGNS)
    return hits >= (1 if file_format in ("md", "html") else 3)


def strip_markup(text: str) -> str:
    """Markdown and HTML -> plain text, keeping headings on their lines and "- " bullets."""
    text = _HARD_BREAK_BACKSLASH.sub("\n", text)
    text = _ESCAPE.sub(lambda m: _PARKED[m[1]], text)
    text = _HTML_COMMENT.sub("", text)
    text = _HTML_SCRIPT.sub("", text)
    text = _CODE_FENCE.sub("", text)
    text = tables_to_tabs(text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _strip_html_tags(text)
    text = _HEADING.sub(lambda m: m[1] or "", text)
    text = _RULE.sub("", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _BULLET.sub(r"\1- ", text)
    text = _BLOCKQUOTE.sub("", text)
    text = _BOLD.sub(r"\2", text)
    text = text.replace("**", "")  # unpaired bold markers left by a broken conversion
    text = _ITALIC_STAR.sub(r"\1", text)
    text = _ITALIC_UNDERSCORE.sub(r"\1", text)
    text = _INLINE_CODE.sub(r"\1", text)
    text = html.unescape(text)
    return text.translate(_UNPARK)


def _strip_html_tags(text: str) -> str:
    text = _HTML_BR.sub("\n", text)
    text = _HTML_LIST_ITEM.sub("\n- ", text)
    text = _HTML_CELL_END.sub("\t", text)
    text = _HTML_BLOCK.sub("\n", text)
    return _HTML_TAG.sub("", text)


def tables_to_tabs(text: str) -> str:
    """Markdown tables -> one line per row, cells separated by a tab.

    Only blocks of `|` rows that hold a `|---|` separator are tables: OCR text
    is full of stray pipes that are not.
    """
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _TABLE_ROW.match(lines[j]):
            j += 1
        block = lines[i:j]
        if block and any(_TABLE_SEPARATOR.match(row) for row in block):
            out.extend(_row_cells(row) for row in block if not _TABLE_SEPARATOR.match(row))
            i = j
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


def _row_cells(row: str) -> str:
    cells = row.strip().strip("|").split("|")
    return "\t".join(cell.strip() for cell in cells)


# --- Double spacing ---------------------------------------------------------


def _blank_gaps(lines: list[str]) -> list[tuple[int, str]]:
    """(number of blank lines, next line) for each pair of consecutive non-blank lines."""
    gaps = []
    run = 0
    seen_text = False
    for line in lines:
        if not line.strip():
            run += 1
            continue
        if seen_text:
            gaps.append((run, line))
        seen_text, run = True, 0
    return gaps


# A row of a table typed with spaces (« Thierry BRIARD          P    Luc HAMELIN »): its cells are
# parted by wide gaps, which become tabs, a cell's edge as in Markdown and HTML tables. Prose
# justified with runs of two or three spaces (« le  conseil   municipal  a ») and letter-spaced
# headings (« E X T R A I T   D U ») keep their words apart by one space.
_WIDE_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")
_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
JUSTIFIED_GAPS = 4  # this many gaps of two spaces or more, none wider than JUSTIFIED_WIDTH: justified prose
JUSTIFIED_WIDTH = 4
TABLE_ROWS = 3  # a table has rows one under the other: a lone line with a wide gap is a line of text


def column_gaps_as_tabs(text: str) -> str:
    """`text` with the wide gaps of its typed tables (TABLE_ROWS lines or more in a row) as tabs."""
    lines = text.split("\n")
    parted = [_cells_parted(line) for line in lines]
    run: list[int] = []  # the lines in a row so far whose cells are parted
    for i in range(len(lines) + 1):
        if i < len(lines) and parted[i] != lines[i]:
            run.append(i)
            continue
        if len(run) >= TABLE_ROWS:
            for j in run:
                lines[j] = parted[j]
        run = []
    return "\n".join(lines)


def _cells_parted(line: str) -> str:
    if not _WIDE_GAP.search(line):
        return line
    words = line.split()
    if sum(len(w) == 1 for w in words) > len(words) / 2:
        return line  # letter-spaced
    gaps = _GAP.findall(line)
    if len(gaps) >= JUSTIFIED_GAPS and max(map(len, gaps)) <= JUSTIFIED_WIDTH:
        return line
    return _WIDE_GAP.sub("\t", line)


def is_double_spaced(text: str) -> bool:
    """Every line followed by one empty line, as in text pulled from PDFs (seed 000).

    Markdown also separates paragraphs by one empty line; what tells them apart is
    that a double-spaced text often goes on, after its empty line, with a
    lowercase word: the sentence was only wrapped.
    """
    gaps = _blank_gaps(text.split("\n"))
    single = [line for blanks, line in gaps if blanks == 1]
    if len(gaps) < 10 or len(single) < 0.7 * len(gaps):
        return False
    continued = sum(1 for line in single if line.lstrip()[:1].islower())
    return continued >= 0.2 * len(single)


def collapse_double_spacing(text: str) -> str:
    """One empty line -> none; two or more (a paragraph or page break) -> one."""
    out: list[str] = []
    blanks = 0
    for line in text.split("\n"):
        if not line.strip():
            blanks += 1
            continue
        if out:
            out.append("\n\n" if blanks >= 2 else "\n")
        out.append(line)
        blanks = 0
    return "".join(out)


# --- Pages ------------------------------------------------------------------

# "Page 4 sur 16", "Page 4/16", "page 4 de 16", "- 4 -" on a line of their own.
_PAGE_MARKER = re.compile(
    r"^[ \t]*(?:page[ \t]*(\d{1,4})[ \t]*(?:sur|/|de|of)[ \t]*\d{1,4}|-[ \t]*(\d{1,4})[ \t]*-)[ \t]*$",
    re.IGNORECASE,
)
_LONE_NUMBER = re.compile(r"^[ \t]*(\d{1,3})[ \t]*$")


def _marker_lines(lines: list[str]) -> dict[int, int]:
    """Line index -> page number, for explicit page markers."""
    markers = {}
    for index, line in enumerate(lines):
        match = _PAGE_MARKER.match(line)
        if match:
            markers[index] = int(match[1] or match[2])
    return markers


def _lone_number_lines(lines: list[str]) -> dict[int, int]:
    """Line index -> page number, for bare page numbers between empty lines.

    Trusted only when every such line of the text is one step of 1, 2, 3… (at
    least three of them) with real text between: seed 004 has 7, 14 and 19 only,
    which says nothing about the pages in between, so it gets no pages.
    """
    found = {}
    for index, line in enumerate(lines):
        match = _LONE_NUMBER.match(line)
        before = lines[index - 1].strip() if index > 0 else ""
        after = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if match and not before and not after:
            found[index] = int(match[1])
    numbers = list(found.values())
    if len(numbers) < 3 or any(b != a + 1 for a, b in zip(numbers, numbers[1:])):
        return {}
    indexes = list(found)
    for start, end in zip(indexes, indexes[1:]):
        if sum(1 for line in lines[start + 1:end] if line.strip()) < 10:
            return {}
    return found


def mark_page_breaks(text: str) -> tuple[str, list[int]]:
    """Replace page markers by form feeds; return the text and each page's number.

    Form feeds already in the text are the most reliable breaks; markers are
    then only removed. Without any, "Page N sur M" lines (or, failing those, bare
    page numbers) become breaks, as footers or as headers (see `_markers_are_footers`).
    An empty list of numbers means the text has no page information.
    """
    lines = text.split("\n")
    markers = _marker_lines(lines) or _lone_number_lines(lines)
    if PAGE_BREAK in text:
        kept = [line for index, line in enumerate(lines) if index not in markers]
        text = "\n".join(kept)
        return text, list(range(1, text.count(PAGE_BREAK) + 2))
    if not markers:
        return text, []
    if len(markers) == 1:
        # One marker places the text around it, not the pages after it: no page rather than a wrong one.
        (index,) = markers
        return "\n".join(lines[:index] + lines[index + 1:]), []
    footers = _markers_are_footers(lines, markers)
    numbers = []
    for index, line in enumerate(lines):
        if index in markers:
            numbers.append(markers[index])
            lines[index] = PAGE_BREAK
    if footers:
        numbers.append(numbers[-1] + 1)  # the text after the last footer
    else:
        numbers.insert(0, max(numbers[0] - 1, 1))  # the text before the first header
    return "\n".join(lines), numbers


def _markers_are_footers(lines: list[str], markers: dict[int, int]) -> bool:
    """Footer "Page N" ends page N; header "Page N" starts it.

    Nothing after the last marker: footers. Nothing before the first: headers.
    Text on both sides: footers, the usual Word layout.
    """
    first, last = min(markers), max(markers)
    text_before = any(line.strip() for line in lines[:first])
    text_after = any(line.strip() for line in lines[last + 1:])
    if not text_after:
        return True
    return text_before


def split_pages(text: str, numbers: list[int]) -> tuple[str, list[Page]]:
    """Remove the form feeds and build contiguous pages covering all the text."""
    if not numbers:
        return text.replace(PAGE_BREAK, "\n"), []
    chunks = [chunk.strip("\n") for chunk in text.split(PAGE_BREAK)]
    kept = [(number, chunk) for number, chunk in zip(numbers, chunks) if chunk.strip()]
    parts: list[str] = []
    pages: list[Page] = []
    offset = 0
    for number, chunk in kept:
        if parts:
            # A sentence going on across the break needs no paragraph break.
            separator = "\n" if chunk.lstrip()[:1].islower() else "\n\n"
            parts.append(separator)
            offset += len(separator)
        pages.append(Page(number=number, char_start=offset, char_end=offset + len(chunk)))
        parts.append(chunk)
        offset += len(chunk)
    for page, following in zip(pages, pages[1:]):
        page.char_end = following.char_start  # the separator belongs to the page before
    return "".join(parts), pages


def page_doubts(pages: list[Page]) -> list[str]:
    """Warnings when the page markers found cannot place every part of the text."""
    doubts = []
    numbers = [page.number for page in pages]
    if any(b <= a for a, b in zip(numbers, numbers[1:])):
        doubts.append("the page numbers printed in the text do not increase: page numbers may be wrong")
    lengths = sorted(page.char_end - page.char_start for page in pages)
    if len(pages) > 2 and max(lengths) > 3 * lengths[len(lengths) // 2]:
        doubts.append("some page markers are missing: page numbers are approximate")
    return doubts


# --- Reader -----------------------------------------------------------------


def read_text(data: bytes, doc: Document) -> None:
    """Fill `doc.text`, `doc.encoding`, `doc.pages` and `doc.warnings` from the bytes."""
    reason = binary_reason(data)
    if reason:
        raise IngestError(errors.BINARY_DATA.tag(f"binary data, not text ({reason})"))
    text, doc.encoding = decode(data)
    if control_share(text) > 0.01:
        raise IngestError(errors.BINARY_DATA.tag(
            "binary data, not text (the file is full of unreadable control bytes: "
            "a picture, an archive or a program renamed as text?)"
        ))
    if doc.encoding not in ("utf-8", "utf-8-sig", "latin-1", "cp1252"):
        doc.warnings.append(f"text encoding guessed as {doc.encoding}")

    text = normalize_unicode(text)
    if looks_like_markup(text, doc.format):
        text = strip_markup(text)
    if is_double_spaced(text):
        text = collapse_double_spacing(text)
    text, page_numbers = mark_page_breaks(text)
    text = normalize_text(column_gaps_as_tabs(text))
    doc.text, doc.pages = split_pages(text, page_numbers)
    doc.warnings.extend(page_doubts(doc.pages))
    if not doc.text.strip():
        raise IngestError(errors.NO_TEXT.tag("no readable text in the file (only markup or blank lines)"))
