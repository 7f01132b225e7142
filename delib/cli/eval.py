"""`delib eval`: score the tables of a run against gold files annotated by the user.

Registered on the `delib` group by delib.cli.main (`main.add_command(evaluate)`); the
scores are computed by delib.analysis.evaluate, the run (with --run) by delib.batch.runner.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Optional

import click
from rich.console import Console

from delib.analysis.evaluate import Counts, EvalError, Evaluation, Metric, Score, evaluate as score_run
from delib.analysis.evaluate import load_gold, load_run, ordered, to_json
from delib.batch.runner import InputError, find_inputs, run_batch
from delib.cli.verbosity import say_for, verbosity_options

EXIT_USAGE = 2


@click.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="GOLD_DIR...")
@click.option("--out", "-o", "run_dir", type=click.Path(file_okay=False, path_type=Path), metavar="RUN_DIR",
              help="The folder an earlier `delib run … --out RUN_DIR` wrote its tables into. "
                   "With --run: where to write the run (kept) instead of a temporary folder.")
@click.option("--run", "inputs", multiple=True, type=click.Path(path_type=Path), metavar="INPUT",
              help="Run délib on INPUT (a file or folder; repeat for more) first, then score that run.")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=None,
              help="With --run: documents processed in parallel.  [default: all cores]")
@click.option("--per-document", is_flag=True, help="Also one row per gold document and metric.")
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object instead: summary, per-document rows and groups.")
@click.option("--group-by", type=click.Choice(["collectivite"]),
              help="Also the summary per collectivité: the gold's \"collectivite\", else its first "
                   "deliberation's, else the source file name up to its first \"_\".")
@verbosity_options(quiet_help="Print only errors and the scores: no progress, no warnings about tables "
                              "that cannot be read (they still count as empty).")
@click.pass_context
def evaluate(ctx: click.Context, gold: tuple[Path, ...], run_dir: Optional[Path], inputs: tuple[Path, ...],
             workers: Optional[int], per_document: bool, as_json: bool, group_by: Optional[str],
             quiet: bool, verbose: bool) -> None:
    """Score délib's tables against gold files: documents you annotated yourself.

    Annotate a few of your own documents (say ten procès-verbaux of your
    commune) as gold JSON files, one per document, in GOLD_DIR: the file name
    as "source", the parts you annotated as "scope", and what a careful reader
    finds there (deliberations with their votes, attendance, dates, amounts,
    axes and actions). The format is described in delib/analysis/evaluate.py.

    \b
      delib eval gold/ --out out/      the tables of an earlier `delib run … --out out/`
      delib eval gold/ --run docs/     run délib on docs/ first, then score it

    You learn whether délib can be trusted on your documents, and where not.
    For each list (deliberations, attendance, axes, actions, dates, amounts):
    precision, the share of what délib found that you annotated too; recall,
    the share of what you annotated that délib found; F1, and the counts
    behind them (tp found and right, fp found but not in your gold, fn
    missed). For each field (vote counts, numero, séance date, acte, result,
    who holds a proxy, action forms): how often délib has it right (accuracy
    over n checks). A part marked "partial" in a gold file counts for recall
    only. Add --per-document to see which documents fail, and --group-by
    collectivite to compare collectivités.

    The numbers are those of the project's reference scorer. Exit status 0
    whatever the scores (it measures; it does not judge), 2 for an error.
    """
    def fail(message: str) -> None:
        click.echo(f"Error: {message}", err=True)
        ctx.exit(EXIT_USAGE)

    say = say_for("delib eval", quiet, verbose)
    if run_dir is None and not inputs:
        fail("give --out RUN_DIR (the tables of a `delib run`) or --run INPUT (documents to run délib on)")
    err = Console(stderr=True, quiet=quiet or verbose)  # the spinner; -v says the steps instead
    try:
        golds = load_gold(gold)
        say.step(f"{plural(len(golds), 'gold document')} read from {', '.join(map(str, gold))}")
        if inputs:
            try:
                paths = find_inputs(inputs, exclude=run_dir)
            except InputError as exc:
                raise EvalError(str(exc)) from exc
            if not paths:
                raise EvalError("no input files found in " + ", ".join(map(str, inputs)))
            with tempfile.TemporaryDirectory(prefix="delib-eval-") as tmp:
                target = run_dir or Path(tmp)
                say.step(f"running délib on {plural(len(paths), 'document')} into "
                         + (str(run_dir) if run_dir else "a temporary folder"))
                with err.status(f"running délib on {len(paths)} documents…"):
                    report = run_batch(paths, target, workers=workers)
                tables, unreadable = load_run(target)
            if report.status_counts["error"]:
                click.echo(f"{report.status_counts['error']} documents could not be read: see the documents table",
                           err=True)
            scored = f"a run of {', '.join(map(str, inputs))}"
        else:
            say.step(f"reading the tables of {run_dir}")
            tables, unreadable = load_run(run_dir)
            scored = str(run_dir)
    except EvalError as exc:
        fail(str(exc))
    for problem in unreadable:
        say.note(f"warning: cannot read {problem}: counted as empty")
    say.step("scoring")
    evaluation = score_run(tables, golds)
    if as_json:
        report_json = {"run": scored, "gold": [str(g) for g in gold], **to_json(evaluation, group_by)}
        click.echo(json.dumps(report_json, ensure_ascii=False, indent=1))
        return
    click.echo("\n".join(report_lines(evaluation, scored, per_document, group_by)))


def report_lines(evaluation: Evaluation, scored: str, per_document: bool, group_by: Optional[str]) -> list[str]:
    """The terminal report: summary, then per document, then per group."""
    lines = [f"délib eval: {plural(len(evaluation.documents), 'gold document')} scored against {scored}", ""]
    lines += score_lines(evaluation.summary)
    if evaluation.missing:
        lines += ["", f"not in the run ({len(evaluation.missing)}, counted as missed): " + ", ".join(evaluation.missing)]
    if per_document:
        lines += ["", "per document:"]
        lines += metric_table([([r.gold.source, name], m) for r in evaluation.documents for name, m in ordered(r.score)],
                              ["document", "metric"])
    if group_by:
        sizes = evaluation.group_sizes()
        for name, score in evaluation.groups.items():
            lines += ["", f"{group_by} {name} ({plural(sizes[name], 'gold document')}):"]
            lines += score_lines(score)
    return lines


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def score_lines(score: Score) -> list[str]:
    lines = metric_table([([name], m) for name, m in ordered(score)], ["metric"])
    if any(isinstance(m, Counts) and m.recall_only for m in score.values()):
        lines.append("  * annotated in part in some gold files: délib's extra items there are not counted as fp")
    return lines


def metric_table(rows: list[tuple[list[str], Metric]], heads: list[str]) -> list[str]:
    """Aligned lines: the P/R/F1 metrics under one header, the accuracies under another."""
    lists = [(labels, m) for labels, m in rows if isinstance(m, Counts)]
    fields = [(labels, m) for labels, m in rows if not isinstance(m, Counts)]
    widths = [max([len(h)] + [len(labels[i]) + 1 for labels, _ in rows]) for i, h in enumerate(heads)]

    def line(labels: list[str], cells: list[str]) -> str:
        left = "  ".join(label.ljust(w) for label, w in zip(labels, widths))
        return (left + "".join(cell.rjust(9) for cell in cells)).rstrip()

    out = []
    if lists:
        out.append(line(heads, ["P", "R", "F1", "tp", "fp", "fn"]))
        for labels, m in lists:
            mark = "*" if m.recall_only else ""
            out.append(line(labels[:-1] + [labels[-1] + mark],
                            [f"{m.precision:.3f}", f"{m.recall:.3f}", f"{m.f1:.3f}", str(m.tp), str(m.fp), str(m.fn)]))
    if fields:
        out += [""] if lists else []
        out.append(line(heads[:-1] + ["field"], ["accuracy", "n"]))
        for labels, m in fields:
            out.append(line(labels, ["n/a" if m.accuracy is None else f"{m.accuracy:.3f}", str(m.n)]))
    return out
