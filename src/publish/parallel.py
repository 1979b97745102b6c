"""Using both cores: forked worker processes for the steps that take seconds on a collection.

Shared by the pinyin step and the PDF builder. Workers are forked, so they inherit what the
parent has loaded (the pinyin engine's dictionaries and model, WeasyPrint) instead of loading
it again; where fork is not available everything runs in one process. `PUBLISH_PROCESSES=1`
keeps one process (for profiling, or on a machine that is busy anyway).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")

ENVIRONMENT = "PUBLISH_PROCESSES"


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def processes(work: int) -> int:
    """How many processes to use for `work` independent pieces (1: stay in this process)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    wanted = os.environ.get(ENVIRONMENT, "")
    limit = int(wanted) if wanted.isdigit() and int(wanted) > 0 else cores()
    return max(1, min(limit, work))


def fork_map(function: Callable[[int], T], count: int, workers: int) -> list[T]:
    """`[function(0), ..., function(count - 1)]`, computed by `workers` processes: this one
    and `workers - 1` forked ones (one fork, and one share of results to send back, fewer than
    with a worker per share; for the pinyin step on two cores, 0.1 s of 0.6).

    `function` reads its inputs from what the parent holds (a module global set before the
    call, inherited by fork), so only the index goes to a worker and only the result comes back.
    """
    workers = max(1, min(workers, count))
    if workers < 2:
        return [function(index) for index in range(count)]
    chunks = _chunks(count, workers)
    others = _start(function, chunks[1:])
    try:
        mine = _Chunk(function)(chunks[0])
    finally:
        theirs = others()  # waited for even when this share fails: no worker is left running
    return _gathered(count, chunks, [mine, *theirs])


def in_background(function: Callable[[int], T], count: int, workers: int) -> Callable[[], list[T]]:
    """Start `fork_map(function, count, workers)` in forked processes (one at least) and
    return at once; calling the result waits for the list while this process goes on with
    other work meanwhile (the HTML builder renders its pages while the fonts are cut)."""
    chunks = _chunks(count, max(1, min(workers, count)))
    pending = _start(function, chunks)
    return lambda: _gathered(count, chunks, pending())


def _chunks(count: int, workers: int) -> list[range]:
    """Interleaved chunks, which keep long and short pieces spread over the workers."""
    return [range(start, count, workers) for start in range(workers)]


def _start(function: Callable[[int], T], chunks: Sequence[range]) -> Callable[[], list[list[T]]]:
    """A forked process per chunk, started; calling the result waits for their lists."""
    pool = multiprocessing.get_context("fork").Pool(len(chunks))
    pending = pool.map_async(_Chunk(function), chunks)

    def wait() -> list[list[T]]:
        try:
            return pending.get()  # type: ignore[no-any-return]
        finally:
            pool.terminate()
            pool.join()

    return wait


def _gathered(count: int, chunks: Sequence[range], parts: Sequence[list[T]]) -> list[T]:
    results: list[T] = [None] * count  # type: ignore[list-item]
    for chunk, part in zip(chunks, parts, strict=True):
        for index, result in zip(chunk, part, strict=True):
            results[index] = result
    return results


class _Chunk(Generic[T]):
    """A picklable caller of `function` over a chunk of indices."""

    def __init__(self, function: Callable[[int], T]) -> None:
        self.function = function

    def __call__(self, chunk: range) -> list[T]:
        return [self.function(index) for index in chunk]
