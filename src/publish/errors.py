"""The one error family of `publish`.

Anything raised as a `PublishError` is the user's to fix (a bad source, an unknown option, a
missing tool); the CLI prints it as one line per problem and exits with status 2. Any other
exception is a bug in `publish` and keeps its traceback.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


class PublishError(Exception):
    """A problem with the user's input or environment, reported as one line."""

    def lines(self) -> list[str]:
        """The problem as the lines the CLI prints (one per problem)."""
        return [str(self)]


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem in a source file."""

    path: Path | None
    """The file the problem is in, when there is one."""
    message: str
    """What is wrong and what to do about it, in one sentence."""
    line: int | None = None
    """1-based line number in `path`, when known."""

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = (
                f"{_display(self.path)}:{self.line}: " if self.line else f"{_display(self.path)}: "
            )
        return f"{where}{self.message}"


class SourceError(PublishError):
    """One or more problems in the sources; `check` collects them all before raising."""

    def __init__(self, problems: Problem | Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = (
            (problems,) if isinstance(problems, Problem) else tuple(problems)
        )
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, path: Path | None, message: str, line: int | None = None) -> SourceError:
        """A single problem at `path` (and `line`)."""
        return cls(Problem(path, message, line))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)


class ProblemCollector:
    """Gathers problems so that a loader reports every one, not just the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: Path | None, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(path, message, line))

    def extend(self, error: SourceError) -> None:
        self.problems.extend(error.problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise SourceError(self.problems)


def _display(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        # abspath, not resolve: a symbolic link is named as the user wrote it, not its target.
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
