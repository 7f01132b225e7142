"""Long runs of one character or phrase go through the whole pipeline in linear time.

Each case is 64 KB; a linear pass takes a few seconds at most. The limit (20 s per
document) is far above that, and far below what the quadratic patterns this battery
was written for took (`_LINE_END_HYPHEN`, `TOC_LINE`, `TAKES_CHAIR`, `ACTES_LOOSE`:
minutes each on these inputs)."""
from __future__ import annotations


import pytest

from delib.batch.work import process_to_rows, warm_up

SIZE = 64 * 1024
LIMIT = 20.0
CASES = {
    "one_lowercase_letter": "x",
    "one_capital_letter": "A",
    "dots": ".",
    "spaces_between_words": None,  # built below: a word, 64 KB of spaces, a word
    "tabs_between_words": None,
    "digits": "7",
    "letter_and_newline": "x\n",
    "capital_and_dash": "A-",
    "hyphen_at_line_end": "dévelop-\n",
    "chair_phrase": "Madame Anne MARTIN prend ",
    "actes_prefix": "AA-AAAAAAAAA-AAAAAAAA-",
    "minutes_phrase": "Le Conseil municipal, après en avoir délibéré, décide à l'unanimité. ",
}


def content(name: str) -> str:
    if name == "spaces_between_words":
        return "Sommaire" + " " * SIZE + "12"
    if name == "tabs_between_words":
        return "Sommaire" + "\t" * SIZE + "12"
    unit = CASES[name]
    return (unit * (SIZE // len(unit) + 1))[:SIZE]


@pytest.fixture(scope="module", autouse=True)
def models_loaded():
    warm_up()  # the models load once, not within the first case's limit


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_long_run_is_processed_within_the_limit(name, tmp_path):
    path = tmp_path / f"{name}.txt"
    path.write_text(content(name), encoding="utf-8")
    output = process_to_rows(str(path), timeout=LIMIT)
    assert "longer than" not in (output.error or ""), f"{name}: {output.error}"
    assert output.seconds < LIMIT
    assert len(output.rows["documents"]) == 1
