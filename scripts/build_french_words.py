"""Write delib/data/french_words.txt.gz, the French words the entity rules know.

    python scripts/build_french_words.py

The list is derived from the lemmatizer tables inside the installed
fr_core_news_sm (see `french_words_from_model`): one word a line, lower-case,
without accents, sorted. `_is_a_common_word` reads it to tell a capitalised
dictionary word (« SEANCE ») from a name. It is shipped
rather than derived at run time because loading those tables cost each worker
2 s and 140 MB. Run this again after upgrading fr_core_news_sm; a test checks
that the shipped list still matches the installed model.
"""
from __future__ import annotations

import gzip
from pathlib import Path

import spacy
from spacy.lookups import Lookups

from delib.extract.entities import FRENCH_WORDS_FILE, SPACY_MODEL, _unaccented


def french_words_from_model(model_path: Path) -> list[str]:
    """The lemmas the lemmatizer tables shipped inside fr_core_news_sm know
    (« séance », « mettre », « excuse »), lower-cased and without accents, because
    headings in capitals drop them (« SEANCE »). Sorted, each once."""
    lookups = Lookups().from_disk(model_path / "lemmatizer" / "lookups")
    lemmas = set()
    for lemma in lookups.get_table("lemma_lookup").values():
        lemmas.update([lemma] if isinstance(lemma, str) else lemma)
    lemmas.update(w for words in lookups.get_table("lemma_index").values() for w in words)
    return sorted({_unaccented(w) for w in lemmas} - {""})


def french_words_file_bytes() -> bytes:
    """The file's bytes for the installed model (gzip without a timestamp: same model, same bytes)."""
    model_path = Path(spacy.util.get_package_path(SPACY_MODEL))
    model_path = next(model_path.glob(f"{SPACY_MODEL}-*"), model_path)  # the package holds its versioned data folder
    words = french_words_from_model(model_path)
    return gzip.compress(("\n".join(words) + "\n").encode("utf-8"), compresslevel=9, mtime=0)


def main() -> None:
    data = french_words_file_bytes()
    FRENCH_WORDS_FILE.write_bytes(data)
    print(f"{FRENCH_WORDS_FILE}: {len(data) // 1024} KB")


if __name__ == "__main__":
    main()
