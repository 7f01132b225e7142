"""The analysts' notebook runs top to bottom on a fresh `delib run data/raw`, and draws
a readable, non-empty figure for each of its five views."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="the notebook extra (nbformat, nbclient, ipykernel) is not installed")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "analyse_deliberations.ipynb"
FIGURES = ["1_actions_per_axis", "2_services_pilotes", "3_budgets_by_theme", "4_echeances_timeline",
           "5_vote_outcomes"]


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebook executed on the tables of `delib run data/raw`, and its figures folder."""
    out = tmp_path_factory.mktemp("processed")
    figures = tmp_path_factory.mktemp("figures")
    done = subprocess.run([sys.executable, "-m", "delib.cli", "run", "data/raw", "--out", str(out), "-q"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    mp = pytest.MonkeyPatch()
    mp.setenv("DELIB_DATA", str(out))  # the kernel inherits this process's environment
    mp.setenv("DELIB_FIGURES", str(figures))
    try:
        nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    finally:
        mp.undo()
    return notebook, figures


def _outputs(notebook, kind):
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs if o.output_type == kind]


def test_the_notebook_is_committed_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.outputs for c in notebook.cells if c.cell_type == "code")


def test_every_figure_is_shown_and_saved(executed):
    notebook, figures = executed
    shown = [o for o in _outputs(notebook, "display_data") if "image/png" in o.data]
    assert len(shown) == len(FIGURES)
    assert sorted(p.stem for p in figures.glob("*.png")) == FIGURES


def test_no_view_is_empty_on_the_sample_corpus(executed):
    notebook, _ = executed
    printed = "".join(o.text for o in _outputs(notebook, "stream"))
    assert "no data to plot" not in printed


@pytest.mark.parametrize("name", FIGURES)
def test_figure_is_large_enough_and_not_blank(executed, name):
    import matplotlib.image

    _, figures = executed
    pixels = matplotlib.image.imread(figures / f"{name}.png")
    height, width = pixels.shape[:2]
    assert width >= 800 and height >= 300
    rgb = pixels[..., :3]
    # Text, axes and ticks are black or grey; data marks (bars, points) are in colour.
    coloured = ((rgb.max(axis=2) - rgb.min(axis=2)) > 0.2).mean()
    assert coloured > 0.002, f"{name}: only {coloured:.2%} of the figure is data marks"
