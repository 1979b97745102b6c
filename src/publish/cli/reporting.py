"""How the command line talks to its user on stderr: errors as one line each (exit status 2),
warnings as `warning:` lines, and progress while a long command runs.

Every command goes through `fails_cleanly`; `publish.cli.main` installs `WarningHandler`.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

import click

from ..errors import PublishError

Arguments = ParamSpec("Arguments")
Result = TypeVar("Result")


def fails_cleanly(command: Callable[Arguments, Result]) -> Callable[Arguments, Result]:
    """Report a PublishError as its lines on stderr and exit with status 2."""

    @wraps(command)
    def wrapper(*args: Arguments.args, **kwargs: Arguments.kwargs) -> Result:
        try:
            return command(*args, **kwargs)
        except PublishError as error:
            for line in error.lines():
                click.echo(f"error: {line}", err=True)
            sys.exit(2)

    return wrapper


class WarningHandler(logging.Handler):
    """Warnings from the library as `warning: ...` lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"{record.levelname.lower()}: {record.getMessage()}", err=True)


@contextmanager
def progress(delay: float = 1.0, every: float = 10.0) -> Iterator[Callable[[str, int, int], None]]:
    """Progress on stderr once a command has run for `delay` seconds: on a terminal, a bar for
    the running step with its pieces (articles, pages) and the time left; elsewhere, with -v,
    an `info:` line every `every` seconds (a log file or CI output stays readable)."""
    terminal = sys.stderr.isatty()
    log = logging.getLogger("publish")
    if not terminal and not log.isEnabledFor(logging.INFO):
        # Nothing would be shown: rich is not even imported (0.035 s of CPU, 2 % of a
        # rebuild after a typo; docs/benchmarks.md, "stop 44 rebuild2").
        yield lambda step, done, total: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=not terminal,
    )
    steps: dict[str, TaskID] = {}
    started = last_line = time.monotonic()
    shown = False

    def report(step: str, done: int, total: int) -> None:
        nonlocal shown, last_line
        if step not in steps:
            for other in steps.values():
                bar.update(other, visible=False)
            steps[step] = bar.add_task(step, total=total)
        bar.update(steps[step], completed=done, total=total)
        now = time.monotonic()
        if terminal and not shown and now - started >= delay:
            bar.start()
            shown = True
        if not terminal and now - last_line >= every and log.isEnabledFor(logging.INFO):
            last_line = now
            left = bar.tasks[steps[step]].time_remaining
            estimate = f", about {_duration(left)} left" if left and done < total else ""
            log.info("%s: %d of %d%s", step, done, total, estimate)

    try:
        yield report
    finally:
        if shown:
            bar.stop()


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"


def articles(count: int) -> str:
    """`count` articles, said in English: "1 article", "6 articles"."""
    return f"{count} article{'' if count == 1 else 's'}"
