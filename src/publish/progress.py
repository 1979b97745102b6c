"""Progress of a build, step by step and article by article, for long builds.

Beside the pipeline, like `parallel` and `cache`: `pipeline.build(progress=...)` installs the
caller's callback for the build (`reporting`), and the steps that take long on a large
collection (the pinyin analysis, each builder's articles, the PDF's parts) call `report` as
they go. The command line turns the calls into a bar with the time left; a program can log
them or show them in its own interface. Reports come from this process only, in order; a
step's `done` never goes down.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Progress = Callable[[str, int, int], None]
"""Called as (step, done, total): the step's name (标注拼音, 生成 PDF ...) and how many of its
`total` pieces (articles, for most steps) are done."""

_CURRENT: ContextVar[Progress | None] = ContextVar("publish_progress", default=None)
"""The running build's callback (none: nobody is listening)."""


@contextmanager
def reporting(progress: Progress | None) -> Iterator[None]:
    """Send this context's reports to `progress`."""
    token = _CURRENT.set(progress)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def report(step: str, done: int, total: int) -> None:
    """`done` of the `total` pieces of `step` are done."""
    progress = _CURRENT.get()
    if progress is not None:
        progress(step, done, total)
