"""The words of a vote that both the segmenter (a decision closes an item) and the vote
reader need, written once. Patterns are on folded text (delib.lang.text.fold)."""
from __future__ import annotations

# « unanimité » with the misspellings minutes print (« à l'unaminité », « unanimte ») and OCR's
# (« unanirnite », « UNANIMIÏE » folded « unanimiie », « unanimitc », « unanlmite »)
UNANIMITY = r"(?:unan[il1]m[il1][ti][ec]|unaminite|unanimte|unamite|unanirnite)"
