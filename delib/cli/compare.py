"""`delib compare`: conventions side by side, and the actions they share.

Registered on the `delib` group by delib.cli.main (`main.add_command(compare)`); the
work is done by delib.analysis.compare.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import click
from rich.console import Console

from delib.analysis.compare import (MATCH_THRESHOLD, Comparison, CompareError, compare_documents, compare_folder,
                              print_terminal, render_output, write_output)
from delib.batch.runner import InputError
from delib.cli.verbosity import Say, say_for, verbosity_options


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "-o", "out", type=click.Path(allow_dash=True, path_type=Path),
              help="File to write the comparison into (csv, md or html, from --format or the file's "
                   "ending); « - » for standard output.  [default: a table on the terminal]")
@click.option("--format", "-f", "fmt", type=click.Choice(["terminal", "csv", "md", "html"]), default=None,
              help="csv: one row per action with its theme, matches and source (file, page, span), "
                   "then rows of budget totals per document, axis and theme; md and html: the whole "
                   "comparison (html is one self-contained page).  [default: terminal, or the ending of --out]")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=None,
              help="Documents processed in parallel when DOCUMENTS are processed.  [default: all cores]")
@click.option("--output", "old_output", type=click.Path(dir_okay=False, path_type=Path), hidden=True,
              help="Deprecated: the old name of --out.")
@click.option("--from", "tables_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), hidden=True,
              help="Deprecated: give the folder of an earlier `delib run` as the first input.")
@verbosity_options(verbose_help="Print on stderr what is done, step by step: what is read or processed, "
                                "which conventions are compared or left out and why, what is written.")
def compare(inputs: tuple[Path, ...], out: Optional[Path], fmt: Optional[str], workers: Optional[int],
            old_output: Optional[Path], tables_dir: Optional[Path], quiet: bool, verbose: bool) -> None:
    """Compare conventions side by side: parties, dates, duration, axes, and
    their actions theme by theme with services pilotes and budgets; then list
    the actions of one convention that match an action of another (e.g. the
    Ligne 10 metro extension in both the Ivry–Paris and the Val-de-Marne–Paris
    conventions); then the total of the budgets per axis and per theme (with
    the number of actions whose budget is unknown beside each total).
    Conventions of any family compare: « Orientation », « Enjeu », « Fiche
    action » are read as axes and actions.

    In md and html, every action and match carries its source: file, page,
    character span in the extracted text, and an excerpt.

    INPUTS are documents (files or folders), run through the pipeline in a
    temporary folder; or, first, the folder of an earlier `delib run` (it holds
    documents.parquet), whose tables are compared — all of them, or only the
    documents given after it. Only conventions with actions are compared; the
    same convention found in two files (a text and its PDF) is compared once.

    \b
    Examples:
      delib compare data/raw
      delib compare data/processed -o comparison.html
      delib compare data/processed -f md -o - | less
    """
    say = say_for("delib compare", quiet, verbose)
    inputs = list(inputs)
    if out is not None and out.is_dir():
        # the old meaning of --out: the tables of an earlier run, an input
        say.note("note: --out DIR for the tables of an earlier run is deprecated: give DIR as the first "
                 "input (delib compare DIR); -o/--out is now where the comparison goes")
        tables_dir, out = out, None
    if old_output is not None:
        if out is not None:
            raise click.UsageError("give the output once: -o/--out (--output is its old name)")
        say.note("note: --output is deprecated: use -o/--out FILE")
        out = old_output
    if tables_dir is None and inputs and (inputs[0] / "documents.parquet").is_file():
        tables_dir, inputs = inputs[0], inputs[1:]
    if not inputs and tables_dir is None:
        raise click.UsageError("give the DOCUMENTS to compare, or the folder of an earlier `delib run`")
    to_stdout = out is not None and str(out) == "-"
    fmt = _format(fmt, out, to_stdout)
    console = Console(stderr=True, quiet=quiet or verbose)  # the spinner; -v says the steps instead
    try:
        if tables_dir is not None:
            say.step(f"reading the tables of {tables_dir}"
                     + (f", restricted to {len(inputs)} input(s)" if inputs else ""))
            comparison = compare_folder(tables_dir, inputs)
        else:
            say.step(f"processing {', '.join(map(str, inputs))} in a temporary folder")
            with console.status("processing the documents…"):
                comparison = compare_documents(inputs, workers=workers)
    except (CompareError, InputError) as exc:
        raise click.ClickException(str(exc)) from exc
    _say_what_is_compared(say, comparison)
    if out is None or fmt == "terminal":
        print_terminal(comparison, _report_console(click.get_text_stream("stdout") if to_stdout else None))
        return
    if to_stdout:
        say.step(f"writing the {fmt} report to standard output")
        click.echo(render_output(comparison, fmt), nl=False)
        return
    say.step(f"writing the {fmt} report to {out}")
    write_output(comparison, fmt, out)
    say.note(f"{len(comparison.conventions)} conventions, {len(comparison.matches)} actions in common "
             f"(threshold {MATCH_THRESHOLD:g}) written to {out}")


# Columns of the terminal view when it goes to a pipe or a file: rich would fold every table at
# 80, cutting action titles over several lines that grep and diff then see apart.
PIPED_WIDTH = 240


def _report_console(file=None) -> Console:
    """A terminal's own width (or $COLUMNS); piped or redirected, PIPED_WIDTH."""
    console = Console(file=file)
    if console.is_terminal or "COLUMNS" in os.environ:
        return console
    return Console(file=file, width=PIPED_WIDTH)


def _format(fmt: Optional[str], out: Optional[Path], to_stdout: bool) -> str:
    """The report's format: --format, else the ending of -o/--out, else the terminal view."""
    if fmt is None:
        fmt = "terminal"
        if out is not None and not to_stdout:
            fmt = out.suffix.lstrip(".").lower()
            if fmt not in ("csv", "md", "html"):
                raise click.UsageError("-o/--out needs --format csv, md or html (or a file ending in one of them)")
    if fmt != "terminal" and out is None:
        raise click.UsageError(f"--format {fmt} needs -o/--out FILE (or « - » for standard output)")
    if fmt == "terminal" and out is not None and not to_stdout:
        raise click.UsageError("--format terminal prints on the terminal: drop -o/--out, or choose csv, md or html")
    return fmt


def _say_what_is_compared(say: Say, comparison: Comparison) -> None:
    """With -v: each convention compared (and the files it stands for), each file left out
    and why, the number of matches."""
    for c in comparison.conventions:
        same = f" (also {', '.join(c.same_as)})" if c.same_as else ""
        say.step(f"comparing {c.file_name}{same} as « {c.label} »: {c.n_axes} axes, {c.n_actions} actions")
    for name, why in comparison.left_out:
        say.step(f"left out {name}: {why}")
    say.step(f"{len(comparison.matches)} actions in common (threshold {comparison.threshold:g})")
