"""The `delib export` command: a `delib run` output folder -> one file for other tools.

Registered on the `delib` group in delib/cli/main.py (`main.add_command(export)`); the
work is done by delib.output.export.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Optional

import click

from delib.cli.verbosity import Say, say_for, verbosity_options
from delib.output.export import FORMATS, STDOUT, ExportError, export as export_tables
from delib.output.scdl import (ENGINES, IdentityError, frictionless_available, load_identities, scdl_problems,
                        validator_name)

DEFAULT_FROM = Path("data/processed")


@click.command("export")
@click.argument("source", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), required=True,
              help="scdl: the SCDL « Délibérations » CSV of OpenDataFrance.  "
                   "popolo: the votes as Popolo JSON (vote events, counts, per-person votes).  "
                   "jsonl: one JSON object per document with its structure and every mention.")
@click.option("--out", "-o", "target", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              required=True, help="The file to write (replaced if it exists); « - » for standard output.")
@click.option("--siret", metavar="SIRET", default="",
              help="With --format scdl: the SIRET (14 digits) of the collectivité, for the deliberations "
                   "whose document does not print it.")
@click.option("--collectivites", "collectivites", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="With --format scdl: a CSV with a « siret » column and a name (nom, name, COLL_NOM) "
                   "and/or « siren » column; each deliberation's SIRET is looked up by the SIREN of its "
                   "ACTES id, else by the collectivité's name.")
@click.option("--strict", is_flag=True,
              help="With --format scdl: exit with status 1 when the file does not validate.")
@click.option("--validator", type=click.Choice(ENGINES), default="auto", show_default=True,
              help="With --format scdl: builtin (délib's own checks of the schema), frictionless (needs "
                   "pip install \"delib[validate]\"), auto (frictionless when installed).")
@click.option("--text", "include_text", is_flag=True,
              help="With --format jsonl: add each document's whole extracted text.")
@click.option("--from", "source_option", type=click.Path(file_okay=False, path_type=Path), hidden=True,
              help="Deprecated: give SOURCE as an argument.")
@verbosity_options(quiet_help="Print only errors (with --format scdl, the validation problems): no notes, "
                              "no summary.")
def export(source: Optional[Path], fmt: str, target: Path, siret: str, collectivites: Optional[Path],
           strict: bool, validator: str, include_text: bool, source_option: Optional[Path],
           quiet: bool, verbose: bool) -> None:
    """Export the tables a `delib run` wrote into SOURCE (default data/processed) as one
    file (-o/--out, « - » for standard output).

    With --format scdl the file is validated against the SCDL schema (types, patterns,
    required cells and the schema's custom checks); each problem is printed with its
    line and column. Exit status: 0 when written (and, with --strict, valid), 1 when
    --strict and invalid or the export failed, 2 for a usage error.

    \b
    Examples:
      delib export data/processed --format scdl --collectivites sirets.csv --strict -o deliberations.csv
      delib export --format popolo -o votes.json
      delib export out/ --format jsonl -o - | jq .title
    """
    say = say_for("delib export", quiet, verbose)
    if source is not None and source_option is not None:
        raise click.UsageError("give the folder once: SOURCE (--from is the old name of it)")
    if source_option is not None:
        say.note("note: --from is deprecated; give the folder as an argument: delib export FOLDER …")
    source = source or source_option or DEFAULT_FROM
    if not source.is_dir():
        raise click.UsageError(f"{source}: no such folder (run `delib run … --out {source}` first)")
    if include_text and fmt != "jsonl":
        raise click.UsageError("--text goes with --format jsonl")
    if fmt != "scdl" and (siret or collectivites or strict or validator != "auto"):
        raise click.UsageError("--siret, --collectivites, --strict and --validator go with --format scdl")
    if validator == "frictionless" and not frictionless_available():
        raise click.UsageError("--validator frictionless: frictionless is not installed "
                               "(pip install \"delib[validate]\")")
    try:
        identities = load_identities(collectivites, siret) if fmt == "scdl" else None
    except IdentityError as exc:
        raise click.UsageError(str(exc)) from exc
    if identities is not None and collectivites is not None:
        say.step(f"SIRETs looked up in {collectivites}")
    to_stdout = str(target) == STDOUT
    with tempfile.TemporaryDirectory(prefix="delib-export-") as scratch:
        path = Path(scratch) / f"export.{fmt}" if to_stdout else target
        say.step(f"exporting the tables of {source} as {fmt}" + (" (to standard output)" if to_stdout else f" to {path}"))
        try:
            written = export_tables(fmt, source, path, include_text=include_text, identities=identities)
        except ExportError as exc:
            raise click.ClickException(str(exc)) from exc
        say.step(f"{written.stat().st_size} bytes written")
        problems = (_report_scdl(written, validator, "<stdout>" if to_stdout else str(written), say)
                    if fmt == "scdl" else [])
        if to_stdout:
            sys.stdout.flush()
            with written.open("rb") as f:
                shutil.copyfileobj(f, sys.stdout.buffer)
            sys.stdout.buffer.flush()
    if not to_stdout:
        say.note(f"{fmt} export written to {written}")
    if strict and problems:
        sys.exit(1)


def _report_scdl(path: Path, validator: str, label: str, say: Say) -> list:
    """Validate the SCDL file, print its problems on stderr (even with -q: they are the
    errors), return them."""
    engine = validator_name(validator)
    say.step(f"validating against the SCDL schema with {engine}")
    problems = scdl_problems(path, validator)
    how = ("frictionless and the schema's custom checks" if engine == "frictionless" else
           "délib's built-in checks of the schema and its custom checks"
           + ("" if frictionless_available() else " (frictionless is not installed: "
              "pip install \"delib[validate]\" to validate with it)"))
    for problem in problems:
        click.echo(f"{label}: {problem}", err=True)
    if problems:
        click.echo(f"SCDL: {len(problems)} problem(s), checked with {how}", err=True)
    else:
        say.note(f"SCDL: valid, checked with {how}")
    return problems
