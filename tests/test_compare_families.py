"""`delib compare` across families (issue 12.5) and reports you can check (issue 14.7).

Three action plans laid out by scripts/make_family_pdfs.py in three families' words:
a contrat local de santé (« Axe stratégique » → « FICHE ACTION N° », one fiche per page, a
ruled form table), a convention territoriale globale (« Enjeu » → « Fiche action », a
two-column form) and a Petites villes de demain plan (« Orientation » → « Fiche n° » →
« Opération », one form per opération). Each has its own content; some action titles are
shared. The documents are run once for the module (tests/test_compare.py covers the seeds)."""
from __future__ import annotations

import dataclasses
import html
import importlib.util
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from delib.analysis.compare import (Comparison, budget_totals, compare_folder, csv_frame,
                                    to_html, to_markdown, total_text)
from delib.batch.runner import run_batch
from delib.cli.compare import compare
from delib.extract.forms import budget_in_euros

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("make_family_pdfs", REPO / "scripts" / "make_family_pdfs.py")
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)

NUTRITION, DEPISTAGE, MAISON = (action[1] for _, _, actions in gen.AXES for action in actions)
RELAIS = "Ouvrir un relais petite enfance itinérant"
FACADES = "Rénover les façades commerçantes de la rue principale"


def form(budget: str, pilot: str = "Ville de Corte") -> dict:
    return {"services": pilot, "partenaires": "CAF de Haute-Corse", "delai": "2026", "budget": budget,
            "indicateurs": "Nombre de bénéficiaires"}


# The CTG shares two titles with the CLS (gen.AXES); the PVD shares one, and its budgets are
# its opérations' (gen._operations gives each opération the fiche's form).
CTG_AXES = [
    ("1", "Soutenir les familles et la parentalité", [
        ("1", NUTRITION, form("20 000 €", "Caf de Haute-Corse")),
        ("2", RELAIS, form("à définir")),
    ]),
    ("2", "Favoriser l'accès aux droits des habitants", [
        ("3", DEPISTAGE, form("8 000 €")),
    ]),
]
PVD_AXES = [
    ("1", "Revitaliser le centre-ville", [
        ("1", MAISON, form("300 000 €")),
        ("2", FACADES, form("à définir")),
    ]),
]
LAYOUTS = {"cls_fiches_table": gen.AXES, "ctg_fiches_columns": CTG_AXES, "pvd_orientations_operations": PVD_AXES}


@pytest.fixture(scope="module")
def family_out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("families")
    paths = []
    with pytest.MonkeyPatch.context() as patch:
        for name, axes in LAYOUTS.items():
            patch.setattr(gen, "AXES", axes)  # the generator lays out gen.AXES
            paths.append(gen.build(name, folder / f"{name}.pdf"))
    out = folder / "out"
    report = run_batch(paths, out)
    documents = report.tables["documents"]
    assert set(documents["status"]) == {"ok"}, documents[["file_name", "status", "error"]].to_dict("records")
    return out


@pytest.fixture(scope="module")
def comparison(family_out) -> Comparison:
    return compare_folder(family_out)


def by_file(comparison: Comparison) -> dict[str, str]:
    """layout name -> doc_id."""
    return {c.file_name.removesuffix(".pdf"): c.doc_id for c in comparison.conventions}


def invoke(*args: str):
    return CliRunner(env={"COLUMNS": "250"}).invoke(compare, list(args), catch_exceptions=False)


# --- the common model ------------------------------------------------------------------

def test_every_family_is_compared_on_axes_and_actions(comparison):
    assert sorted(by_file(comparison)) == sorted(LAYOUTS)
    for c in comparison.conventions:
        axes = LAYOUTS[c.file_name.removesuffix(".pdf")]
        assert c.n_axes == len(axes)
        assert c.n_actions == sum(len(actions) for _, _, actions in axes)
    pvd = next(c for c in comparison.conventions if c.file_name.startswith("pvd"))
    assert pvd.n_sub_actions == 2 * len(PVD_AXES[0][2])  # two opérations per fiche


def test_shared_titles_are_matched_across_vocabularies(comparison):
    files = {doc_id: name for name, doc_id in by_file(comparison).items()}
    found = {(files[m.left["doc_id"]], m.left["title"], files[m.right["doc_id"]], m.right["title"])
             for m in comparison.matches}
    assert found == {
        ("cls_fiches_table", NUTRITION, "ctg_fiches_columns", NUTRITION),
        ("cls_fiches_table", DEPISTAGE, "ctg_fiches_columns", DEPISTAGE),
        ("cls_fiches_table", MAISON, "pvd_orientations_operations", MAISON),
    }
    # « Fiche action 3 » of the CTG is « FICHE ACTION N°2 » of the CLS: matched on the title
    dep = next(m for m in comparison.matches if m.left["title"] == DEPISTAGE)
    assert (dep.left["ref"], dep.right["ref"]) == ("2", "3")


def test_pilots_and_themes_on_the_common_model(comparison):
    def pilots(file_name: str, title: str) -> str:
        a = comparison.actions
        return a.loc[(a["file_name"] == file_name) & (a["title"] == title), "services_pilotes"].item()

    assert pilots("cls_fiches_table.pdf", NUTRITION) == "ARS Corse"
    assert pilots("ctg_fiches_columns.pdf", NUTRITION) == "Caf de Haute-Corse"
    # an opération without a keyword of its own takes its fiche's theme, not « autre »
    pvd = comparison.actions[comparison.actions["file_name"] == "pvd_orientations_operations.pdf"]
    fiche_theme = dict(zip(pvd["action_id"], pvd["theme"]))
    operations = pvd[pvd["level"] == 2]
    assert list(operations["theme"]) == [fiche_theme[p] for p in operations["parent_action_id"]]
    assert fiche_theme[pvd.loc[pvd["title"] == MAISON, "action_id"].item()] == "social/santé"
    # an action shared by two families lands in one theme in both, whatever its axis is called
    assert all(m.left["theme"] == m.right["theme"] == "social/santé" for m in comparison.matches)


# --- budget totals ---------------------------------------------------------------------

def action_cost(name: str, action_form: dict) -> tuple[float, bool]:
    """What the layout says an action costs, and whether that is known: a PVD fiche costs
    its opérations' amounts."""
    amounts = [budget_in_euros(f["budget"]) for f in
               (gen._operations(action_form) if name == "pvd_orientations_operations" else [action_form])]
    return sum(a for a in amounts if a is not None), all(a is not None for a in amounts)


def expected_axis_totals(name: str) -> list[tuple[str, int, float, int]]:
    """(axis number, actions, known euros, actions whose budget is unknown) per axis laid out."""
    rows = []
    for number, _, actions in LAYOUTS[name]:
        costs = [action_cost(name, f) for _, _, f in actions]
        rows.append((number, len(actions), sum(c for c, _ in costs), sum(not known for _, known in costs)))
    return rows


def test_budget_totals_per_axis_count_what_is_unknown(comparison):
    docs = by_file(comparison)
    totals = budget_totals(comparison, "axis")
    for name in LAYOUTS:
        got = [(t.key, t.n_actions, t.total_eur, t.n_unknown) for t in totals if t.doc_id == docs[name]]
        assert got == expected_axis_totals(name)
    relais_axis = next(t for t in totals if t.doc_id == docs["ctg_fiches_columns"] and t.key == "1")
    assert total_text(relais_axis) == "≥ 20\u202f000 € (budget unknown for 1 of 2 actions)"


def test_budget_totals_per_document_and_theme_add_up(comparison):
    for c in comparison.conventions:
        whole = next(t for t in budget_totals(comparison, None) if t.doc_id == c.doc_id)
        expected = expected_axis_totals(c.file_name.removesuffix(".pdf"))
        assert (whole.total_eur, whole.n_unknown) == (sum(e[2] for e in expected), sum(e[3] for e in expected))
        themes = [t for t in budget_totals(comparison, "theme") if t.doc_id == c.doc_id]
        assert sum(t.total_eur for t in themes) == whole.total_eur
        assert sum(t.n_unknown for t in themes) == whole.n_unknown
    cls = next(t for t in budget_totals(comparison, None) if t.doc_id == by_file(comparison)["cls_fiches_table"])
    assert total_text(cls) == "1\u202f607\u202f000 €"  # every fiche states its cost: no « ≥ »


def test_totals_are_in_every_format(comparison, family_out, tmp_path):
    ctg_axis = "≥ 20\u202f000 € (budget unknown for 1 of 2 actions)"
    markdown = to_markdown(comparison)
    assert "## Budgets by axis" in markdown and "## Budgets by theme" in markdown and ctg_axis in markdown
    page = to_html(comparison)
    assert "<h2>Budgets by axis</h2>" in page and html.escape(ctg_axis) in page
    result = invoke(str(family_out))
    assert result.exit_code == 0 and "Budgets by axis" in result.output and ctg_axis in result.output
    table = csv_frame(comparison)
    ctg = by_file(comparison)["ctg_fiches_columns"]
    axis_rows = table[(table["row"] == "axis total") & (table["doc_id"] == ctg)]
    assert list(zip(axis_rows["axis"], axis_rows["budget_eur"], axis_rows["n_actions"], axis_rows["n_budget_unknown"])) \
        == [(n, eur, k, u) for n, k, eur, u in expected_axis_totals("ctg_fiches_columns")]
    assert set(table["row"]) == {"action", "document total", "axis total", "theme total"}
    assert (table["row"] == "action").sum() == len(comparison.actions)


# --- every action and match leads back to its source -----------------------------------

def test_actions_carry_file_page_span_and_an_excerpt_of_their_text(comparison, family_out):
    for a in comparison.actions.itertuples():
        text = (family_out / "text" / f"{a.doc_id}.txt").read_text(encoding="utf-8")
        span = " ".join(text[a.char_start:a.char_end].split())
        assert span.startswith(a.excerpt.removesuffix(" …")) and a.title.split()[0] in a.excerpt
    # the CLS prints one fiche per page after its axis's page: fiches on pages 3, 4 and 6
    cls = comparison.actions[comparison.actions["file_name"] == "cls_fiches_table.pdf"]
    assert list(cls["page_start"]) == [3, 4, 6]


def footnotes(markdown: str) -> dict[str, str]:
    return dict(re.findall(r"^\[\^(\d+)\]: (.*)$", markdown, re.MULTILINE))


def test_markdown_footnotes_give_file_page_span_and_excerpt(comparison):
    markdown = to_markdown(comparison)
    notes = footnotes(markdown)
    assert len(notes) == len(comparison.actions)
    body = markdown.split("## Sources")[0]
    for n, a in enumerate(comparison.actions.itertuples(), 1):
        assert notes[str(n)] == f"{a.file_name} p.{a.page_start} [{a.char_start}–{a.char_end}]: « {a.excerpt} »"
        assert f"[^{n}]" in body.split("## Actions in common")[0]  # the action in its theme
    common = body.split("## Actions in common")[1].split("## Budgets")[0]
    refs = re.findall(r"\[\^(\d+)\]", common)
    assert len(refs) == 2 * len(comparison.matches)
    ids = list(comparison.actions["action_id"])
    assert refs == [str(ids.index(a["action_id"]) + 1) for m in comparison.matches for a in (m.left, m.right)]


def test_html_details_give_the_source_escaped(comparison):
    page = to_html(comparison)
    sources = re.findall(r'<details class="source"><summary>(.*?)</summary>« (.*?) »</details>', page)
    # every action once in its theme, every matched action again in the table of matches
    assert len(sources) == len(comparison.actions) + 2 * len(comparison.matches)
    maison = comparison.actions[comparison.actions["title"] == MAISON].iloc[0]
    summary = f"{maison.file_name} p.{maison.page_start} [{maison.char_start}–{maison.char_end}]"
    assert (html.escape(summary), html.escape(maison.excerpt)) in sources
    hostile = comparison.actions.copy()
    hostile["excerpt"] = "<img src=x onerror=alert(1)> & co"
    page = to_html(dataclasses.replace(comparison, actions=hostile))
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt; &amp; co" in page


# --- -q / -v -------------------------------------------------------------------------------

def test_verbose_says_each_step_on_stderr_and_quiet_says_nothing(family_out, tmp_path):
    target = tmp_path / "c.md"
    loud = invoke(str(family_out), "-o", str(target), "-v")
    assert loud.exit_code == 0, loud.output
    steps = loud.stderr.splitlines()
    assert steps[0] == f"delib compare: reading the tables of {family_out}"
    for name in LAYOUTS:
        assert any(line.startswith(f"delib compare: comparing {name}.pdf as «") for line in steps)
    assert f"delib compare: writing the md report to {target}" in steps
    assert "delib compare: 3 actions in common (threshold 70)" in steps
    silent = invoke(str(family_out), "-o", str(tmp_path / "q.md"), "-q")
    assert silent.exit_code == 0 and silent.stderr == "" and silent.stdout == ""
    assert (tmp_path / "q.md").read_text(encoding="utf-8") == target.read_text(encoding="utf-8")
    assert invoke(str(family_out), "-o", "-", "-f", "csv", "-q").stdout.startswith("row,convention,")


def test_quiet_still_prints_errors(family_out):
    result = invoke(str(family_out), "-f", "csv", "-q")
    assert result.exit_code == 2 and "--format csv needs -o/--out" in result.stderr
    both = invoke(str(family_out), "-q", "-v")
    assert both.exit_code == 2 and "-q/--quiet and -v/--verbose" in both.stderr
