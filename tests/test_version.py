"""The pipeline version that incremental runs compare: it follows the code and the
models' data, not their documentation."""
import shutil

import pytest

from pipeline import version


@pytest.fixture
def models_copy(tmp_path, monkeypatch):
    copy = tmp_path / "models"
    shutil.copytree(version.MODELS, copy)
    monkeypatch.setattr(version, "MODELS", copy)
    version.pipeline_version.cache_clear()
    yield copy
    version.pipeline_version.cache_clear()


def current(models) -> str:
    version.pipeline_version.cache_clear()
    return version.pipeline_version()


def test_a_changed_word_list_changes_the_version(models_copy):
    before = current(models_copy)
    with open(models_copy / "collectivites.csv", "a", encoding="utf-8") as f:
        f.write("suffix,Territoire,test\n")
    assert current(models_copy) != before


def test_an_edited_models_readme_keeps_the_version(models_copy):
    before = current(models_copy)
    with open(models_copy / "README.md", "a", encoding="utf-8") as f:
        f.write("\nA note for people.\n")
    assert current(models_copy) == before
