"""The pipeline version that incremental runs compare: it follows the code and the
data files shipped in the package, not their documentation."""
import shutil

import pytest

from delib.batch import version


@pytest.fixture
def package_copy(tmp_path, monkeypatch):
    copy = tmp_path / "delib"
    shutil.copytree(version.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(version, "PACKAGE", copy)
    version.pipeline_version.cache_clear()
    yield copy
    version.pipeline_version.cache_clear()


def current() -> str:
    version.pipeline_version.cache_clear()
    return version.pipeline_version()


def test_a_changed_word_list_changes_the_version(package_copy):
    before = current()
    with open(package_copy / "data" / "collectivites.csv", "a", encoding="utf-8") as f:
        f.write("suffix,Territoire,test\n")
    assert current() != before


def test_a_changed_rule_changes_the_version(package_copy):
    before = current()
    with open(package_copy / "segment" / "minutes.py", "a", encoding="utf-8") as f:
        f.write("\n# a changed rule\n")
    assert current() != before


def test_an_edited_data_readme_keeps_the_version(package_copy):
    before = current()
    with open(package_copy / "data" / "README.md", "a", encoding="utf-8") as f:
        f.write("\nA note for people.\n")
    assert current() == before
