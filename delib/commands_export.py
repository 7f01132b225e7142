"""The `delib export` command: a `delib run` output folder -> one file for other tools.

Registered on the `delib` group in delib/cli.py (`main.add_command(export)`); the
work is done by delib.export.
"""
from __future__ import annotations

from pathlib import Path

import click

from delib.export import FORMATS, ExportError, export as export_tables

DEFAULT_FROM = Path("data/processed")


@click.command("export")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), required=True,
              help="scdl: the SCDL « Délibérations » CSV of OpenDataFrance.  "
                   "popolo: the votes as Popolo JSON (vote events, counts, per-person votes).  "
                   "jsonl: one JSON object per document with its structure and every mention.")
@click.option("--from", "source", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_FROM,
              show_default=True, help="The folder a `delib run` wrote its tables into.")
@click.option("--out", "-o", "target", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The file to write (replaced if it exists).")
@click.option("--text", "include_text", is_flag=True,
              help="With --format jsonl: add each document's whole extracted text.")
def export(fmt: str, source: Path, target: Path, include_text: bool) -> None:
    """Export the tables of a `delib run` (--from) as one file (--out).

    \b
    Examples:
      delib export --format scdl   --out deliberations.csv
      delib export --format popolo --out votes.json
      delib export --format jsonl  --from out/ --out documents.jsonl
    """
    if not source.is_dir():
        raise click.UsageError(f"--from {source}: no such folder (run `delib run … --out {source}` first)")
    if include_text and fmt != "jsonl":
        raise click.UsageError("--text goes with --format jsonl")
    try:
        written = export_tables(fmt, source, target, include_text=include_text)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{fmt} export written to {written}", err=True)
