"""The line classifier trained for issue 11.5 (not used by délib: it did not beat the
rules on the collectivités left out, see models/line_classifier/README.md). It loads
with spacy.load and ranks a title line above prose."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import line_model  # noqa: E402  (build-time code, beside the training script)

pytestmark = pytest.mark.skipif(not (line_model.MODEL_DIR / "config.cfg").is_file(),
                                reason="no trained line model in models/line_classifier/model")

LINES = [
    "Le conseil municipal, après en avoir délibéré, à l'unanimité,",
    "APPROUVE le compte rendu de la séance précédente.",
    "",
    "4. ACQUISITION D'UNE PARCELLE RUE DES ÉCOLES",
    "",
    "Monsieur le Maire expose au conseil que le propriétaire de la parcelle cadastrée AB 12 a",
    "proposé de la céder à la commune pour un euro symbolique, ce qui permettrait d'élargir le",
    "trottoir devant l'école.",
]


def test_loads_with_spacy_load():
    import spacy

    nlp = spacy.load(line_model.MODEL_DIR)
    assert set(nlp.get_pipe("textcat").labels) == {"TITLE", "OTHER"}
    assert nlp.meta["delib_variant"] in line_model.VARIANTS


def test_title_scores_above_prose():
    assert line_model.load_line_model() is line_model.load_line_model()  # cached
    probs = line_model.title_probabilities(LINES)
    assert len(probs) == len(LINES)
    assert probs[2] == 0.0  # blank
    title = probs[3]
    assert title > probs[5] and title > probs[6] and title > probs[1]


def test_absent_folder_gives_none(monkeypatch, tmp_path):
    monkeypatch.setenv("DELIB_LINE_MODEL", str(tmp_path / "nowhere"))
    assert line_model.load_line_model() is None
