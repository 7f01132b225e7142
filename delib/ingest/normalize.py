"""Text normalisation shared by the PDF and the text readers.

`normalize_text` is the whole chain for text that is already plain:
unicode clean-up, whitespace, then joining of words split at line ends.
It never touches form feeds (`\\f`): readers use them to mark page breaks.
"""
from __future__ import annotations

import re
import unicodedata

LIGATURES = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
    "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st",
}

# Spaces a PDF or a word processor uses for typography (before « ; : », inside
# numbers like "12 000"): for reading they are plain spaces.
ODD_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"

# Invisible characters that only split words when searched: zero-width spaces
# and joiners, word joiner, a BOM in mid-text, and the soft hyphen (U+00AD),
# which marks where a word *may* be broken and is not part of it.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

# Bullets: Word's symbol fonts (Symbol, Wingdings) put their glyphs in the
# private-use area, e.g. U+F0B7 and U+F0A7 (seed 000 and 004), U+F095 (004).
PRIVATE_USE_BULLETS = "\uf0b7\uf0a7\uf0a8\uf0d8\uf095\uf076\uf0fc\uf0e0\uf06e\uf0d9\uf0f0"
OTHER_BULLETS = "•▪◦➢●►▸‣⁃■□◆◇❖➤"
BULLET = "•"

_CHAR_MAP = str.maketrans(
    {
        **LIGATURES,
        **{c: " " for c in ODD_SPACES},
        **{c: "" for c in INVISIBLE},
        **{c: BULLET for c in PRIVATE_USE_BULLETS + OTHER_BULLETS},
        "\u2028": "\n",
        "\u2029": "\n",
    }
)

# Any other symbol-font glyph (U+F000–U+F0FF) that opens a line is a bullet too.
_SYMBOL_FONT_AT_LINE_START = re.compile(r"(?m)^([ \t]*)[\uf000-\uf0ff]")
_TRAILING_SPACE = re.compile(r"(?<![ \t])[ \t]++$", re.MULTILINE)  # from a run's start only: linear
# Runs of spaces inside a line come from justified text ("la  Ville  de  Paris").
# Indentation at the start of a line is left alone: it can carry structure.
_INNER_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def normalize_unicode(text: str) -> str:
    """NFC, ligatures expanded, odd spaces made plain, invisible characters dropped,
    bullets unified to "•", line ends made LF, trailing spaces removed.

    Curly quotes, « », dashes and tabs are kept: they are part of the text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_CHAR_MAP)
    text = _SYMBOL_FONT_AT_LINE_START.sub(r"\1" + BULLET, text)
    return _TRAILING_SPACE.sub("", text)


def normalize_whitespace(text: str) -> str:
    """One space between words, at most one blank line in a row, no blank edges."""
    text = _TRAILING_SPACE.sub("", text)
    text = _INNER_SPACES.sub(" ", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip("\n ")


# --- Hyphenation ------------------------------------------------------------

# Words that follow a hyphen inside French compounds and place names:
# Ivry-sur-Seine, Fontenay-sous-Bois, Val-de-Marne, Saint-Maur-des-Fossés,
# Villeneuve-la-Garenne, Mantes-la-Jolie, celui-ci, au-delà…
COMPOUND_ELEMENTS = {
    "sur", "sous", "lès", "les", "lez", "en", "de", "du", "des", "la", "le",
    "et", "aux", "au", "saint", "sainte", "st", "ste", "ci", "là", "delà",
    "dessus", "dessous", "même", "mêmes", "être", "il", "elle", "ils", "elles",
    "on", "t", "y", "à", "versa",
}

# First elements that keep their hyphen when what follows is a whole word of
# the same text: co-construction, sous-équipement, nord-est, non-respect (seed 004).
HYPHEN_PREFIXES = {
    "co", "sous", "vice", "nord", "sud", "est", "ouest", "non", "demi", "semi",
    "mi", "quasi", "anti", "avant", "après", "arrière", "porte", "garde", "au",
    "savoir",
}

_LETTERS = r"[^\W\d_]"
# "<first part>-<newline><indent><second part>": a line that ends with a hyphen
# glued to a letter, and a next line that starts with a letter.
# It starts only where a word (or a hyphenated chain) starts, and its letter runs never give
# letters back: the same matches as anywhere, in one pass over a long run of letters.
_LINE_END_HYPHEN = re.compile(
    rf"(?<!{_LETTERS})(?<!{_LETTERS}-)"
    rf"(?P<first>{_LETTERS}++(?:-{_LETTERS}++)*)-\n[ \t]*(?P<second>{_LETTERS}+)(?P<after>-{_LETTERS})?"
)


_WORD = re.compile(rf"{_LETTERS}+(?:-{_LETTERS}+)*")


def text_vocabulary(text: str) -> set[str]:
    """Lowercase words of the text, parts of its compounds and their hyphenated pairs
    ("ivry-sur-seine" gives ivry, sur, seine, ivry-sur, sur-seine).

    The words broken at line ends are left out: a break must not be its own witness.
    """
    vocabulary: set[str] = set()
    for token in _WORD.findall(_LINE_END_HYPHEN.sub(" ", text).lower()):
        parts = token.split("-")
        vocabulary.update(parts)
        vocabulary.update(f"{a}-{b}" for a, b in zip(parts, parts[1:]))
    return vocabulary


def keep_hyphen(first: str, second: str, second_is_compound: bool, vocabulary: set[str]) -> bool:
    """Whether the hyphen at the end of a line belongs to the word.

    `first` is the whole token before the hyphen ("Ivry-sur", "dévelop"),
    `second` the letters starting the next line ("Seine", "pement"),
    `vocabulary` the words of the same text (`text_vocabulary`): the text itself
    is the best witness, so it is asked first.
    """
    last = first.rsplit("-", 1)[-1].lower()
    if f"{last}-{second.lower()}" in vocabulary:
        return True  # "Ivry-Confluences" written whole elsewhere
    if f"{last}{second.lower()}" in vocabulary:
        return False  # "développement" written whole elsewhere
    if second[0].isupper():
        return True  # Ivry-Port, Seine-Saint-Denis, Paris-Ivry
    if second.lower() in COMPOUND_ELEMENTS or second_is_compound:
        return True  # Ivry-sur-Seine, Val-de-Marne, Ile-de-France
    if "-" in first and first[0].isupper():
        return True  # inside a place name already: "Saint-Maur-" + "des-Fossés"
    if last in HYPHEN_PREFIXES and second.lower() in vocabulary:
        return True  # co-financement, sous-équipement
    return False  # lowercase fragments of one word: "dévelop" + "pement"


def join_hyphenation(text: str) -> str:
    """Undo line breaks after a hyphen: drop the hyphen when it only split a word,
    keep it when it belongs to the word. Either way the two lines become one."""
    vocabulary = text_vocabulary(text)

    def rejoin(match: re.Match) -> str:
        first, second, after = match["first"], match["second"], match["after"] or ""
        hyphen = "-" if keep_hyphen(first, second, bool(after), vocabulary) else ""
        return f"{first}{hyphen}{second}{after}"

    return _LINE_END_HYPHEN.sub(rejoin, text)


def normalize_text(text: str) -> str:
    """The whole chain for plain text: unicode, whitespace, hyphenation."""
    return join_hyphenation(normalize_whitespace(normalize_unicode(text)))
