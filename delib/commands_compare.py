"""`delib compare`: conventions side by side, and the actions they share.

Registered on the `delib` group by delib.cli (`main.add_command(compare)`); the
work is done by delib.compare.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import click
from rich.console import Console

from delib.compare import (MATCH_THRESHOLD, CompareError, compare_documents, compare_folder,
                              print_terminal, write_output)
from delib.runner import InputError


@click.command()
@click.argument("documents", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "-o", "out", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Read the tables of an earlier `delib run --out DIR` instead of processing DOCUMENTS; "
                   "with DOCUMENTS, compare only those (they must be in DIR).")
@click.option("--format", "-f", "fmt", type=click.Choice(["terminal", "csv", "md", "html"]), default="terminal",
              show_default=True, help="csv: one row per action with its theme and matches; md and html: "
                                      "the whole comparison (html is one self-contained page).")
@click.option("--output", "output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="File to write the csv, md or html into.")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=None,
              help="Documents processed in parallel when DOCUMENTS are processed.  [default: all cores]")
def compare(documents: tuple[Path, ...], out: Optional[Path], fmt: str, output: Optional[Path],
            workers: Optional[int]) -> None:
    """Compare conventions side by side: parties, dates, duration, axes, and
    their actions theme by theme with services pilotes and budgets; then list
    the actions of one convention that match an action of another (e.g. the
    Ligne 10 metro extension in both the Ivry–Paris and the Val-de-Marne–Paris
    conventions).

    DOCUMENTS (files or folders) are run through the pipeline in a temporary
    folder; or give --out to use the tables of an earlier `delib run`. Only
    conventions with actions are compared; the same convention found in two
    files (a text and its PDF) is compared once.
    """
    if not documents and out is None:
        raise click.UsageError("give DOCUMENTS to compare, or --out with the tables of an earlier `delib run`")
    if fmt != "terminal" and output is None:
        raise click.UsageError(f"--format {fmt} needs --output FILE")
    if output is not None and fmt == "terminal":
        fmt = output.suffix.lstrip(".").lower()
        if fmt not in ("csv", "md", "html"):
            raise click.UsageError("--output needs --format csv, md or html (or a file ending in one of them)")
    console = Console()
    try:
        if out is not None:
            comparison = compare_folder(out, documents)
        else:
            with console.status("processing the documents…"):
                comparison = compare_documents(documents, workers=workers)
    except (CompareError, InputError) as exc:
        raise click.ClickException(str(exc)) from exc
    if output is None:
        print_terminal(comparison, console)
        return
    write_output(comparison, fmt, output)
    click.echo(f"{len(comparison.conventions)} conventions, {len(comparison.matches)} actions in common "
               f"(threshold {MATCH_THRESHOLD:g}) written to {output}")


if __name__ == "__main__":  # until it is registered on `delib`: python -m delib.commands_compare
    compare()
