"""-q/--quiet and -v/--verbose, the same on every `delib` command.

-q prints only errors (no progress, notes or summary); -v prints on stderr what is done,
step by step. What a command produces (a report on stdout, a file) is the same with
either: they only change what is said about the work on stderr.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import click

QUIET_HELP = "Print only errors: no progress, notes or summary."
VERBOSE_HELP = "Print on stderr what is done, step by step."


def verbosity_options(quiet_help: str = QUIET_HELP, verbose_help: str = VERBOSE_HELP) -> Callable:
    """The two options as one decorator; a command may word their help for what it does."""
    def decorate(command: Callable) -> Callable:
        command = click.option("--verbose", "-v", is_flag=True, help=verbose_help)(command)
        return click.option("--quiet", "-q", is_flag=True, help=quiet_help)(command)
    return decorate


@dataclass(frozen=True)
class Say:
    """What a command tells the user on stderr, by level: `step` only with -v, `note`
    unless -q; errors are raised (click) or printed whatever the level."""
    prog: str  # « delib compare »: the prefix of the -v lines
    quiet: bool = False
    verbose: bool = False

    def step(self, message: str) -> None:
        if self.verbose:
            click.echo(f"{self.prog}: {message}", err=True)

    def note(self, message: str) -> None:
        if not self.quiet:
            click.echo(message, err=True)


def say_for(prog: str, quiet: bool, verbose: bool) -> Say:
    if quiet and verbose:
        raise click.UsageError("-q/--quiet and -v/--verbose go against each other: give one")
    return Say(prog, quiet, verbose)
