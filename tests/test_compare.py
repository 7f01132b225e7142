"""`delib compare` on the seed conventions: 000 Ivry–Paris, 002 Val-de-Marne–Paris (text and
its generated PDF), 004 Seine-Saint-Denis–Paris. The pipeline runs once for the module."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from delib.cli.compare import compare
from delib.analysis.compare import (MATCH_THRESHOLD, Comparison, compare_folder, label_of, match_actions,
                              normalised_title, period_of, similarity_matrix, to_html, to_markdown)
from delib.batch.runner import run_batch
from delib.output.parquet import read_parquet

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
IVRY = RAW / "000_4ab7287b466accba.txt"
VAL_DE_MARNE = RAW / "002_4f65e2fdb1af9030.txt"
VAL_DE_MARNE_PDF = RAW / "convention_paris_val-de-marne.pdf"
SEINE_SAINT_DENIS = RAW / "004_9955c5cae59c762c.txt"

LIGNE_10 = "Poursuivre la mobilisation pour le prolongement de la ligne 10 du métro"
SAMU_SOCIAL = "Évaluer l’équilibre territorial du dispositif de relogement par le Samu social"  # 000 writes ’, 002 '
LOGEMENTS_000 = "Établir un état des lieux des logements sociaux implantés à Ivry-sur-Seine"
LOGEMENTS_002 = "Établir un état des lieux des logements des bailleurs sociaux parisiens implantés en Val-de-Marne"


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("compare_out")
    report = run_batch([IVRY, VAL_DE_MARNE, SEINE_SAINT_DENIS, VAL_DE_MARNE_PDF], out)
    assert set(report.tables["documents"]["status"]) == {"ok"}
    return out


@pytest.fixture(scope="module")
def comparison(seed_out) -> Comparison:
    return compare_folder(seed_out)


def plain_quotes(text: str) -> str:
    return text.replace("’", "'")


def matched_titles(comparison: Comparison) -> set[tuple[str, str, str, str]]:
    return {(m.left["convention"], plain_quotes(m.left["title"]), m.right["convention"], plain_quotes(m.right["title"]))
            for m in comparison.matches}


def convention(comparison: Comparison, file_name: str):
    return next(c for c in comparison.conventions if c.file_name == file_name)


def invoke(*args: str):
    return CliRunner(env={"COLUMNS": "250"}).invoke(compare, list(args), catch_exceptions=False)


# --- matching --------------------------------------------------------------------------

def test_ligne_10_and_samu_social_are_found_in_ivry_and_val_de_marne(comparison):
    found = matched_titles(comparison)
    ivry, vdm = "Ivry-sur-Seine – Paris", "Val-de-Marne – Paris"
    assert (ivry, LIGNE_10, vdm, LIGNE_10) in found
    assert (ivry, plain_quotes(SAMU_SOCIAL), vdm, plain_quotes(SAMU_SOCIAL)) in found


def test_only_the_hand_made_true_matches_are_printed(comparison):
    """The three pairs read as the same action; nothing else passes the threshold."""
    ivry, vdm = "Ivry-sur-Seine – Paris", "Val-de-Marne – Paris"
    assert matched_titles(comparison) == {
        (ivry, LIGNE_10, vdm, LIGNE_10),
        (ivry, plain_quotes(SAMU_SOCIAL), vdm, plain_quotes(SAMU_SOCIAL)),
        (ivry, plain_quotes(LOGEMENTS_000), vdm, LOGEMENTS_002),
    }
    assert all(m.score >= MATCH_THRESHOLD for m in comparison.matches)
    assert all(m.left["doc_id"] != m.right["doc_id"] for m in comparison.matches)


def test_each_action_has_at_most_one_match_per_other_convention(comparison):
    seen = [(m.left["action_id"], m.right["doc_id"]) for m in comparison.matches]
    seen += [(m.right["action_id"], m.left["doc_id"]) for m in comparison.matches]
    assert len(seen) == len(set(seen))


def _with_title(actions: pd.DataFrame, doc_title: str, new_title: str) -> pd.DataFrame:
    changed = actions.copy()
    row = changed.index[changed["title"] == doc_title][-1]  # the 002 one: 000 comes first
    changed.loc[row, "title"] = new_title
    return changed


def test_a_reworded_title_still_matches(comparison):
    reworded = "Se mobiliser ensemble pour obtenir le prolongement de la ligne 10 du métro jusqu’à Ivry-sur-Seine"
    score = similarity_matrix([normalised_title(LIGNE_10)], [normalised_title(reworded)])[0, 0]
    assert score >= MATCH_THRESHOLD
    matches = match_actions(_with_title(comparison.actions, LIGNE_10, reworded))
    assert any(m.right["title"] == reworded and m.left["title"] == LIGNE_10 for m in matches)


def test_another_metro_line_is_not_the_same_action(comparison):
    other_line = LIGNE_10.replace("ligne 10", "ligne 14")
    score = similarity_matrix([normalised_title(LIGNE_10)], [normalised_title(other_line)])[0, 0]
    assert score >= MATCH_THRESHOLD  # the letters are nearly the same…
    matches = match_actions(_with_title(comparison.actions, LIGNE_10, other_line))
    assert not any(other_line in (m.left["title"], m.right["title"]) for m in matches)  # …the numbers are not


# --- the same convention in two files --------------------------------------------------

def test_the_002_text_and_its_pdf_are_one_convention_compared_once(comparison):
    assert [c.file_name for c in comparison.conventions] == [
        IVRY.name, VAL_DE_MARNE.name, SEINE_SAINT_DENIS.name]
    assert convention(comparison, VAL_DE_MARNE.name).same_as == [VAL_DE_MARNE_PDF.name]
    assert VAL_DE_MARNE_PDF.name not in set(comparison.actions["doc_id"].map(
        {c.doc_id: c.file_name for c in comparison.conventions}))


def test_a_convention_and_its_own_pdf_alone_are_nothing_to_compare(seed_out):
    result = invoke("--out", str(seed_out), str(VAL_DE_MARNE), str(VAL_DE_MARNE_PDF))
    assert result.exit_code == 1
    assert "fewer than two different conventions" in result.output


# --- the side-by-side view -------------------------------------------------------------

def test_parties_dates_duration_and_counts_of_each_convention(comparison):
    ivry = convention(comparison, IVRY.name)
    assert ivry.parties == ["Ville d’Ivry-sur-Seine", "Ville de Paris"]  # from the signature block
    assert ivry.duration == "2 ans, renouvelable deux ans"
    assert (ivry.n_axes, ivry.n_actions, ivry.n_sub_actions) == (3, 8, 7)
    vdm = convention(comparison, VAL_DE_MARNE.name)
    assert vdm.duration == "2 ans, renouvelable une fois deux ans"
    assert (vdm.n_axes, vdm.n_actions) == (6, 17)
    ssd = convention(comparison, SEINE_SAINT_DENIS.name)
    assert ssd.parties == ["Département de la Seine-Saint-Denis", "Ville de Paris"]
    assert ssd.duration == "jusqu'à la fin du premier mandat, 2018-2020"
    assert "séance 2018-02-15" in ssd.dates and "échéance 2020-12" in ssd.dates
    # « signée en juin 2016 » in the preamble is an earlier convention, not this one
    assert not any("2016" in d for d in ssd.dates)
    assert (ssd.n_axes, ssd.n_actions, ssd.n_sub_actions) == (5, 20, 4)


def test_the_period_is_a_year_range_said_of_the_convention():
    # seed 004, rapport: « … une nouvelle convention globale avec la Ville de Paris, un cadre de
    # référence commun pour 2018-2020, en lien avec … »
    head = ("Il est proposé aux conseillers départementaux de Seine-Saint-Denis de s'engager dans une\n"
            "nouvelle convention globale avec la Ville de Paris, un cadre de référence commun pour\n"
            "2018-2020, en lien avec les projets des autres collectivités de Seine-Saint-Denis.")
    assert period_of(head, None) == "2018-2020"
    assert period_of("", "Convention de coopération 2018-2020 entre la Ville de Paris et le Département "
                         "de la Seine-Saint-Denis") == "2018-2020"  # title of the generated PDF
    # seed 004, action 8.1: a plan's years, not the convention's
    assert period_of("créer dans le cadre du Plan vélo 2015-2020 des pistes cyclables qui relient Paris aux", None) is None


def test_a_convention_is_named_after_its_parties_paris_last():
    assert label_of(["Ville de Paris", "Ville d’Ivry-sur-Seine"]) == "Ivry-sur-Seine – Paris"
    assert label_of(["Département de la Seine-Saint-Denis", "Ville de Paris"]) == "Seine-Saint-Denis – Paris"
    assert label_of(["Département du Val-de-Marne", "Ville de Paris"]) == "Val-de-Marne – Paris"


def test_actions_carry_theme_reference_services_and_budget(comparison):
    actions = comparison.actions.set_index("title")
    assert actions.loc["Renforcer l'efficacité du réseau des bus aux portes de Paris", "theme"] == "mobilité"
    assert actions.loc["Renforcer la pratique du sport santé", "theme"] == "sport"
    assert actions.loc[LIGNE_10, "ref"].tolist() == ["C.1", "A.4"]  # numbers restart in each axis
    eac = actions.loc["Mettre en place des actions éducatives artistique et culturelle communes"]
    assert eac["ref"] == "11" and eac["budget_eur"] == 30000  # 004 numbers run through the document
    assert eac["services_pilotes"] == "Paris: DASCO- DAC; Seine-Saint-Denis: DEJ-DCPSL"
    assert actions.loc["Co-organiser la journée annuelle sans voiture", "ref"] == "7.1"
    assert actions.loc["Mise en place d’un comité de pilotage", "ref"] == "A.1.i"


# --- outputs ---------------------------------------------------------------------------

def test_terminal_output_lists_the_matches(seed_out):
    result = invoke("--out", str(seed_out))
    assert result.exit_code == 0, result.output
    assert "Actions in common (3)" in result.output
    assert re.search(r"100\.0 .*Ivry-sur-Seine – Paris .*C\.1 Poursuivre la mobilisation pour le prolongement",
                     result.output)
    assert f"{VAL_DE_MARNE_PDF.name}: the same convention as {VAL_DE_MARNE.name}" in result.output


def test_csv_reads_back_one_row_per_action(seed_out, tmp_path):
    target = tmp_path / "compare.csv"
    result = invoke("--out", str(seed_out), "--format", "csv", "--output", str(target))
    assert result.exit_code == 0, result.output
    table = pd.read_csv(target)
    table = table[table["row"] == "action"]  # then the budget totals
    assert len(table) == 15 + 17 + 24
    ligne_10 = table[table["title"] == LIGNE_10].set_index("convention")
    assert ligne_10.loc["Ivry-sur-Seine – Paris", "matches"] == "Val-de-Marne – Paris A.4 (100)"
    assert table["matches"].notna().sum() == 6  # three pairs, seen from both sides
    assert set(table["theme"]) >= {"mobilité", "logement/hébergement", "sport", "culture/patrimoine"}


def markdown_tables(text: str) -> list[list[list[str]]]:
    """The pipe tables of a Markdown text as rows of cells (an escaped \\| stays in its cell)."""
    tables, block = [], []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            block.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
        elif block:
            tables.append(block)
            block = []
    return tables


def test_markdown_has_its_tables(seed_out, tmp_path):
    target = tmp_path / "compare.md"
    assert invoke("--out", str(seed_out), "--format", "md", "--output", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    for heading in ("# Conventions compared", "## Actions by theme", "## Actions in common"):
        assert heading in text
    overview, themes, common, by_axis, by_theme = markdown_tables(text)
    for table in (overview, themes, common, by_axis, by_theme):
        assert len({len(row) for row in table}) == 1  # every row as wide as its header
    assert overview[0] == ["", "Ivry-sur-Seine – Paris", "Val-de-Marne – Paris", "Seine-Saint-Denis – Paris"]
    assert [row[0] for row in overview[2:]] == ["file", "title", "parties", "dates", "duration", "axes", "actions",
                                                "budget"]
    assert len(common) == 2 + 3
    assert any(row[0] == "100.0" and re.fullmatch(rf"C\.1 {LIGNE_10}\[\^\d+\]", row[3]) for row in common)


def test_html_is_self_contained_and_escaped(comparison):
    page = to_html(comparison)
    assert page.startswith("<!DOCTYPE html>") and page.count("<table>") == 5  # with the budgets by axis, theme
    assert not re.search(r"https?://|src=|<link|<script|@import", page)
    assert "Poursuivre la mobilisation pour le prolongement de la ligne 10 du métro" in page
    # A title is text, never markup.
    actions = comparison.actions.copy()
    actions.loc[0, "title"] = "<script>alert('x')</script> & co"
    hostile = to_html(dataclasses.replace(comparison, actions=actions))
    assert "<script>" not in hostile and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in hostile
    assert "<script>" not in to_markdown(dataclasses.replace(comparison, actions=actions))


def test_html_through_the_command(seed_out, tmp_path):
    target = tmp_path / "compare.html"
    result = invoke("--out", str(seed_out), "--output", str(target))  # format from the suffix
    assert result.exit_code == 0, result.output
    assert "<table>" in target.read_text(encoding="utf-8")
    assert "3 actions in common" in result.output


def test_documents_are_processed_in_a_temporary_folder_when_no_out_is_given(tmp_path):
    result = invoke(str(IVRY), str(VAL_DE_MARNE), "--format", "csv", "--output", str(tmp_path / "c.csv"))
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / "c.csv")
    table = table[table["row"] == "action"]
    assert set(table["convention"]) == {"Ivry-sur-Seine – Paris", "Val-de-Marne – Paris"}
    assert table["matches"].notna().sum() == 6


def test_usage_errors(seed_out, tmp_path):
    assert invoke().exit_code == 2
    assert invoke("--out", str(seed_out), "--format", "csv").exit_code == 2  # no --output
    assert invoke("--out", str(seed_out), "--output", str(tmp_path / "x.txt")).exit_code == 2
    missing = invoke("--out", str(tmp_path), str(IVRY))
    assert missing.exit_code == 1 and "holds no tables" in missing.output


# --- one CLI grammar: inputs positional, -o/--out is where the output goes ------------------

def test_tables_folder_as_first_input_and_out_file(seed_out, tmp_path):
    target = tmp_path / "c.md"
    result = invoke(str(seed_out), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# Conventions compared")


def test_out_dash_writes_to_stdout_and_no_file(seed_out, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(str(seed_out), "-f", "csv", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("row,convention,file_name")
    assert not (tmp_path / "-").exists()


def test_old_option_names_still_work_but_are_hidden(seed_out, tmp_path):
    target = tmp_path / "old.html"
    result = invoke("--out", str(seed_out), "--output", str(target))
    assert result.exit_code == 0, result.output
    assert "deprecated" in result.output and target.exists()
    assert "--output" not in invoke("--help").output


def test_parties_come_from_the_one_implementation(comparison, seed_out):
    from delib.extract.parties import find_parties

    docs = read_parquet(seed_out / "documents.parquet").set_index("doc_id")
    for c in comparison.conventions:
        text = (seed_out / "text" / f"{c.doc_id}.txt").read_text(encoding="utf-8")
        assert c.parties == find_parties(text)
        assert docs.loc[c.doc_id, "collectivites"] == "; ".join(c.parties)


def test_piped_terminal_view_is_not_folded_at_80_columns(seed_out):
    # no terminal and no $COLUMNS: rich alone would fold every table at 80 columns
    result = CliRunner(env={"COLUMNS": None}).invoke(compare, ["--out", str(seed_out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) > 80
    assert re.search(r"C\.1 Poursuivre la mobilisation pour le prolongement de la ligne", result.output)
