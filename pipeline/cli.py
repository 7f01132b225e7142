"""The `delib` command. It only parses options, shows progress and the summary; the
work is done by pipeline.runner."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from pipeline import __version__
from pipeline.runner import InputError, RunReport, find_inputs, run_batch

DEFAULT_OUT = Path("data/processed")
EXIT_OK, EXIT_DOCUMENT_ERRORS, EXIT_USAGE = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="delib")
def main() -> None:
    """délib: French deliberations and conventions -> normalized tables.

    Reads PDFs and texts published by collectivités (conventions split into axes
    and actions; council minutes and register extracts with their votes and
    attendance) and writes the tables of the output contract as Parquet, CSV and
    a DuckDB database.

    Start with:  delib run data/raw
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Folder for the tables (<table>.parquet, <table>.csv, delib.duckdb) "
                                      "and the extracted texts (text/<doc_id>.txt).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary; only errors.")
def run(inputs: tuple[Path, ...], out: Path, quiet: bool) -> None:
    """Process INPUTS (files and folders, walked recursively) into tables in --out.

    Reads .pdf, .txt, .md and .html files; any other file in a folder gets an
    error row. Every input gets exactly one row in the `documents` table with its
    status: ok, partial (some stage failed; what was found is kept) or error
    (nothing extracted), and a readable reason.

    Exit status: 0 when every document is ok or partial, 1 when at least one
    document has status error (the tables are written all the same), 2 for a
    usage error such as a missing input path.
    """
    console = Console(stderr=True, quiet=quiet)
    try:
        paths = find_inputs(inputs, exclude=out)
    except InputError as exc:
        raise click.UsageError(str(exc)) from exc
    if not paths:
        raise click.UsageError("no input files found in " + ", ".join(map(str, inputs)))
    if out.exists() and not out.is_dir():
        raise click.UsageError(f"--out {out} exists and is not a folder")

    with _progress(console, len(paths)) as progress:
        task = progress.add_task("processing", total=len(paths))
        report = run_batch(paths, out, on_result=lambda r: progress.update(task, advance=1, description=r.file_name[:40]))
    _print_summary(console, report, out)
    sys.exit(EXIT_DOCUMENT_ERRORS if report.status_counts["error"] else EXIT_OK)


def _progress(console: Console, total: int) -> Progress:
    return Progress(TextColumn("{task.description:<40}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=console, transient=True, disable=console.quiet or total < 2)


def _print_summary(console: Console, report: RunReport, out: Path) -> None:
    counts = report.status_counts
    seconds = max(report.seconds, 1e-9)
    console.print(f"[bold]délib[/bold] {len(report.results)} documents in {report.seconds:.1f} s "
                  f"({report.pages / seconds:.1f} pages/s): "
                  f"[green]{counts['ok']} ok[/green], [yellow]{counts['partial']} partial[/yellow], "
                  f"[red]{counts['error']} error[/red]")
    rows = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
    rows.add_column("table")
    rows.add_column("rows", justify="right")
    for name, df in report.tables.items():
        rows.add_row(name, str(len(df)))
    console.print(rows)
    problems = [r for r in report.results if r.status != "ok"]
    for r in problems[:15]:
        colour = "red" if r.status == "error" else "yellow"
        console.print(f"[{colour}]{r.status:<7}[/{colour}] {r.file_name}: {r.error}", highlight=False)
    if len(problems) > 15:
        console.print(f"… and {len(problems) - 15} more: see the `documents` table")
    console.print(f"tables written to {out}/")
