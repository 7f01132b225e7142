"""The `delib` command. It only parses options, shows progress and the summary; the
work is done by delib.batch.runner."""
from __future__ import annotations

import json
import signal
import sys
import unicodedata
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from delib import __version__
from delib.cli.compare import compare
from delib.cli.eval import evaluate
from delib.cli.export import export
from delib.cli.verbosity import say_for, verbosity_options
from delib.batch.executors import ExecutorUnavailable, dask_executor
from delib.batch.runner import InputError, OutputBusy, RunReport, find_inputs, input_roots, out_problem, run_batch
from delib.batch.work import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT

DEFAULT_OUT = Path("data/processed")
EXIT_OK, EXIT_DOCUMENT_ERRORS, EXIT_USAGE = 0, 1, 2  # a signal exits with 128 + its number


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
@click.option("--out", "-o", type=click.Path(path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Folder for the tables (<table>.parquet, <table>.csv, delib.duckdb) "
                                      "and the extracted texts (text/<doc_id>.txt).")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=None,
              help="Documents processed in parallel, one process each.  [default: all cores]")
@click.option("--force", is_flag=True, help="Process every input again, even those already in --out.")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds allowed to one document before it is stopped and reported (0: no limit).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where documents are processed: local processes, or a Dask distributed cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --executor dask: the scheduler of an existing cluster (tcp://host:8786). "
                   "Without it, a local Dask cluster of --workers processes is started.")
@click.option("--max-memory", type=click.IntRange(min=0), default=DEFAULT_MAX_MEMORY_MB, show_default=True,
              metavar="MB", help="Memory a worker may use; a document that needs more gets an error row "
                                 "(0: no limit). With --scheduler, the cluster's own limits apply instead.")
@click.option("--prune", is_flag=True,
              help="Remove from the tables the documents whose files are gone from under the INPUTS of this run.")
@click.option("--follow-links", is_flag=True,
              help="Read symbolic links that lead out of the INPUTS folders (by default they get an error row).")
@verbosity_options(quiet_help="Print only errors: no progress bar, no summary.",
                   verbose_help="Print on stderr what is done: one line per document of the run in the summary, "
                                "not only problems.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the summary as one JSON object on stdout, for programs (nothing else goes to stdout).")
def run(inputs: tuple[Path, ...], out: Path, workers: int | None, force: bool, timeout: float,
        executor: str, scheduler: str | None, max_memory: int, prune: bool, follow_links: bool,
        quiet: bool, verbose: bool, as_json: bool) -> None:
    """Process INPUTS (files and folders, walked recursively) into tables in --out.

    Reads .pdf, .txt, .md and .html files; any other file in a folder gets an
    error row. Every input gets exactly one row in the `documents` table with its
    status: ok, partial (some stage failed; what was found is kept) or error
    (nothing extracted), and a readable reason.

    Runs are incremental: a document already in --out, with the same bytes and the
    same pipeline version, keeps its rows and is not processed again (documents in
    error are always retried). A run adds and updates, it removes nothing it was
    not given: --prune removes the documents whose files are gone from under the
    INPUTS of this run. --force processes everything again. One run at a time
    writes to an --out.

    Exit status: 0 when every document of the run is ok or partial, 1 when at least
    one has status error (the tables are written all the same) or the tables could
    not be written (the previous ones stay), 2 for a
    usage error (a missing input path, an --out that cannot be used or is in use),
    130 / 143 when stopped by Ctrl-C / SIGTERM (the documents finished are kept).
    """
    say_for("delib run", quiet, verbose)  # refuses -q with -v, as every command does
    # piped into a file or a program, lines stay whole: no wrapping at 80 columns
    console = Console(stderr=True, quiet=quiet or as_json, soft_wrap=not sys.stderr.isatty())
    try:
        paths = find_inputs(inputs, exclude=out)
    except InputError as exc:
        raise click.UsageError(str(exc)) from exc
    if not paths:
        raise click.UsageError("no input files found in " + ", ".join(map(str, inputs)))
    roots = input_roots(inputs)
    problem = out_problem(out, roots)
    if problem:
        _usage_error(problem)

    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler goes with --executor dask")
    try:
        run_on = dask_executor(scheduler, max_memory or None) if executor == "dask" else None
    except ExecutorUnavailable as exc:
        raise click.UsageError(str(exc)) from exc

    try:
        with _progress(console) as progress:
            task = progress.add_task("processing", total=None)
            report = run_batch(
                paths, out, workers=workers, force=force, timeout=timeout, executor=run_on,
                on_start=lambda todo, kept: progress.update(task, total=todo),
                on_output=lambda o: progress.update(task, advance=1, description=terminal_safe(o.file_name[:40])),
                roots=roots, prune=prune, follow_links=follow_links, max_memory_mb=max_memory or None,
            )
    except OutputBusy as exc:
        _usage_error(str(exc))
    except OSError as exc:  # a full disk, an I/O error: the previous tables are left as they were
        click.echo(f"delib run: cannot write to {terminal_safe(str(out), markup=False)}: {exc.strerror or exc}; "
                   "the previous tables are intact, and the documents finished are kept for the next run", err=True)
        sys.exit(EXIT_DOCUMENT_ERRORS)
    _print_summary(console, report, out, verbose)
    if as_json:
        click.echo(json.dumps(summary_object(report, out), ensure_ascii=False))
    if report.interrupted_by:
        name = signal.Signals(report.interrupted_by).name
        click.echo(f"delib run: stopped by {name}; the {len(report.outputs)} documents finished are in "
                   f"{terminal_safe(str(out), markup=False)}; run again to complete", err=True)
        sys.exit(128 + report.interrupted_by)
    sys.exit(EXIT_DOCUMENT_ERRORS if report.failed else EXIT_OK)


def _usage_error(message: str) -> None:
    """One line on stderr, exit 2: nothing was read or written."""
    click.echo(f"delib run: {terminal_safe(message, markup=False)}", err=True)
    sys.exit(EXIT_USAGE)


def terminal_safe(text: str, markup: bool = True) -> str:
    """`text` without control characters (escape sequences of a file name) and, for rich,
    with its [markup] escaped."""
    text = "".join(c if unicodedata.category(c) != "Cc" else "?" for c in text)
    return escape(text) if markup else text


def _progress(console: Console) -> Progress:
    return Progress(TextColumn("{task.description:<40}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=console, transient=True, disable=console.quiet)


def summary_object(report: RunReport, out: Path) -> dict:
    """The run's summary for programs: what `--json` prints."""
    return {
        "out": str(out), "documents": report.status_counts, "processed": len(report.outputs),
        "kept": report.reused, "removed": report.removed, "seconds": round(report.seconds, 3),
        "pages": report.pages, "rows": {name: len(df) for name, df in report.tables.items()},
        "problems": [{"file_name": o.file_name, "status": o.status, "error": o.error}
                     for o in report.outputs if o.status != "ok"],
        "interrupted_by": signal.Signals(report.interrupted_by).name if report.interrupted_by else None,
    }


def _print_summary(console: Console, report: RunReport, out: Path, verbose: bool = False) -> None:
    counts = report.status_counts
    seconds = max(report.seconds, 1e-9)
    console.print(f"[bold]délib[/bold] {sum(counts.values())} documents: "
                  f"[green]{counts['ok']} ok[/green], [yellow]{counts['partial']} partial[/yellow], "
                  f"[red]{counts['error']} error[/red]")
    rate = f" ({report.pages / seconds:.1f} pages/s)" if report.outputs else ""
    console.print(f"{len(report.outputs)} processed in {report.seconds:.1f} s{rate}, "
                  f"{report.reused} unchanged kept, {report.removed} removed")
    rows = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
    rows.add_column("table")
    rows.add_column("rows", justify="right")
    for name, df in report.tables.items():
        rows.add_row(name, str(len(df)))
    console.print(rows)
    problems = report.outputs if verbose else [o for o in report.outputs if o.status != "ok"]
    for o in problems if verbose else problems[:15]:
        colour = {"error": "red", "partial": "yellow"}.get(o.status, "green")
        reason = f": {o.error}" if o.error else ""
        console.print(f"[{colour}]{o.status:<7}[/{colour}] {terminal_safe(o.file_name + reason)}", highlight=False)
    if not verbose and len(problems) > 15:
        console.print(f"… and {len(problems) - 15} more: see the `documents` table")
    console.print(f"tables written to {terminal_safe(str(out))}/", highlight=False)


main.add_command(compare)
main.add_command(evaluate)
main.add_command(export)


if __name__ == "__main__":
    main()
