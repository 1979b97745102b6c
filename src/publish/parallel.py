"""The one process mechanism: `map_arguments` and `start` run a function over a list of
arguments in several processes, for the steps that take seconds on a collection (the pinyin
analysis, cutting fonts, reading a saved site); `beside` streams a function's results over a
long list back from one worker kept for the whole list (rendering the documents).

By default the workers are forked, so they inherit what the parent has loaded (the pinyin
engine's dictionaries and model, WeasyPrint) instead of loading it again; where fork is not
available everything runs in one process. Inside `with fork_server(modules)`, `start` can fork
them instead from a fresh process that imported only `modules` (the PDF's parts, whose workers
would otherwise count the whole annotated collection in their size). `PUBLISH_PROCESSES=1`
keeps one process (for profiling, or on a machine that is busy anyway). Inside
`with using(executor):` the same calls go to another executor instead: `cluster.DaskExecutor`
sends them to a Dask cluster.
"""

from __future__ import annotations

import ctypes
import fcntl
import gc
import multiprocessing
import os
import pickle
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from multiprocessing.context import BaseContext
from typing import Any, Protocol, TypeVar

A = TypeVar("A")
T = TypeVar("T")

ENVIRONMENT = "PUBLISH_PROCESSES"


class Executor(Protocol):
    """Somewhere else to run `map_arguments` and `start` (see `using`)."""

    def workers(self) -> int:
        """How many tasks it runs at once."""
        ...

    def start(self, function: Callable[[A], T], arguments: Sequence[A]) -> Callable[[], list[T]]:
        """Submit `function(argument)` for each argument; the result waits for the list."""
        ...


_EXECUTOR: ContextVar[Executor | None] = ContextVar("publish_executor", default=None)
"""The executor that `using` installed for the current build (none: fork)."""


@contextmanager
def using(executor: Executor | None) -> Iterator[None]:
    """Run this context's `map_arguments` and `start` calls on `executor` (None: forked on
    this machine, whatever an outer context installed)."""
    token = _EXECUTOR.set(executor)
    try:
        yield
    finally:
        _EXECUTOR.reset(token)


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def forks() -> bool:
    """Whether `map_arguments` and `start` fork this process (no executor is installed):
    only then may a task be a closure over what this process holds."""
    return _EXECUTOR.get() is None


def processes(work: int) -> int:
    """How many processes to use for `work` independent pieces (1: stay in this process):
    the installed executor's workers, else `local_processes`."""
    executor = _EXECUTOR.get()
    if executor is not None:
        return max(1, min(executor.workers(), work))
    return local_processes(work)


def local_processes(work: int) -> int:
    """How many processes of this machine to fork for `work` independent pieces."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    wanted = os.environ.get(ENVIRONMENT, "")
    limit = int(wanted) if wanted.isdigit() and int(wanted) > 0 else cores()
    return max(1, min(limit, work))


def forked_processes(work: int, least: int) -> int:
    """How many forked processes share `work` pieces that only this machine can make (they
    read its files, or inherit what would cost more to send): `local_processes(work)` from
    `least` pieces on when no executor is installed, else 1."""
    return local_processes(work) if forks() and work >= least else 1


def return_freed_memory() -> None:
    """Give the heap's free pages back to the system after a step that allocated much and
    freed most (glibc keeps them otherwise: 300 MB of a 10,000-article build's parent after
    the pinyin step; docs/benchmarks.md, "Scale"). Nothing where the C library has no
    `malloc_trim`."""
    # The symbols this process has loaded, the C library's among them.
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim is not None:
        trim(0)


def map_arguments(function: Callable[[A], T], arguments: Sequence[A], workers: int) -> list[T]:
    """`[function(argument) for argument in arguments]`, computed by `workers` processes: this
    one and `workers - 1` forked ones (one fork, and one share of results to send back, fewer
    than with a worker per share; for the pinyin step on two cores, 0.1 s of 0.6).

    The forked workers inherit `function` and `arguments` (nothing is pickled on the way in);
    only the results come back through a pipe, so they must pickle. An exception raised by
    `function` in a worker is raised again here. Under `using(executor)`, the executor runs
    them all instead (`workers` is then its business).
    """
    executor = _EXECUTOR.get()
    if executor is not None:
        return executor.start(function, arguments)()
    workers = max(1, min(workers, len(arguments)))
    if workers < 2:
        return [function(argument) for argument in arguments]
    chunks = _chunks(len(arguments), workers)
    others = _start(function, arguments, chunks[1:])
    try:
        mine = [function(arguments[index]) for index in chunks[0]]
    finally:
        theirs = others()  # waited for even when this share fails: no worker is left running
    return _gathered(len(arguments), chunks, [mine, *theirs])


def start(
    function: Callable[[A], T],
    arguments: Sequence[A],
    workers: int,
    fresh: BaseContext | None = None,
) -> Callable[[], list[T]]:
    """Start `map_arguments(function, arguments, workers)` in forked processes (one at least)
    and return at once; calling the result waits for the list while this process goes on with
    other work meanwhile (the HTML builder renders its pages while the fonts are cut).

    With `fresh` (from `fork_server`), the workers are forked from that fresh process, not
    from this one: `function` (by name) and each worker's share of `arguments` then travel
    pickled, and multiprocessing prepares each worker as its documentation says of its
    forkserver method (this process's `sys.path`; the main module imported again, unless it
    is a package's `__main__`)."""
    executor = _EXECUTOR.get()
    if executor is not None:
        return executor.start(function, arguments)
    chunks = _chunks(len(arguments), max(1, min(workers, len(arguments))))
    pending = _start(function, arguments, chunks, fresh)
    return lambda: _gathered(len(arguments), chunks, pending())


def apart(function: Callable[..., T], arguments: tuple[Any, ...], fresh: BaseContext | None) -> T:
    """`function(*arguments)` in a process forked from the fork server `fresh` (see
    `fork_server`), on this machine whatever executor is installed, so that what it holds
    is not added to what this process holds; in this process where there is no fork
    server. `function` and `arguments` travel pickled, the result comes back pickled."""
    if fresh is None:
        return function(*arguments)
    return _start(_call, [(function, arguments)], [range(1)], fresh)()[0][0]


def _call(task: tuple[Callable[..., T], tuple[Any, ...]]) -> T:  # pragma: no cover - forked
    function, arguments = task
    return function(*arguments)


@contextmanager
def fork_server(modules: Sequence[str]) -> Iterator[BaseContext | None]:
    """Multiprocessing's fork server for `start(..., fresh=...)` inside this context: a fresh
    process, started with the first worker, that imported only `modules` (installed ones).
    A worker forked from this process counts in its resident size every page of this one
    it inherits: the PDF's parts' workers held the whole annotated collection besides their
    part (docs/benchmarks.md, "stop 43 memory"). None where there is no fork server (the
    workers are then forked from this process).

    The server ends on leaving, so that a long-lived process (a notebook, a test run) does
    not keep it, and its workers' CPU time is counted as this process's children's."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        yield None
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(modules))
    try:
        yield context
    finally:
        # Multiprocessing has no public way to end its fork server (it ends with this
        # process); `_stop` is the one CPython's own tests use, and waits for it.
        from multiprocessing import forkserver

        stop = getattr(forkserver._forkserver, "_stop", None)
        if stop is not None:
            stop()


def beside(function: Callable[[A], T], arguments: Sequence[A]) -> Iterator[T]:
    """`function(argument)` for each argument, yielded in order, made by this process and one
    forked worker kept for the whole list, each taking the next argument in turn: both cores
    work however long each argument takes, and the worker sends each result back as it makes
    it, while this process makes its own. For a builder's documents, which it renders and
    writes one by one while `fonts.embed` reads what they show.

    One worker, forked once: a fork per round, and the markup sent back, made the rendering
    slower than on one core (docs/benchmarks.md, "Pages rendered on both cores"). `function`
    runs in either process, so what it writes (a file of its own) must not depend on which;
    its results must pickle. Everything runs here where forking is off (an executor is
    installed, `PUBLISH_PROCESSES=1`, one core)."""
    if not forks() or local_processes(len(arguments)) < 2:
        yield from (function(argument) for argument in arguments)
        return
    # The first is made before the worker is forked, so that what it leaves in memory is the
    # worker's too (the layouts compiled; the site's index warms the ruby cache with every
    # title's characters).
    yield function(arguments[0])
    turns = _Turns(function, arguments, first=1)
    try:
        for index in range(1, len(arguments)):
            yield turns.result(index)
    finally:
        turns.close()


class _Turns:
    """This process's side of `beside`: the forked worker, the next argument either takes
    (from `first`), and the results made but not yet yielded."""

    def __init__(self, function: Callable[[A], T], arguments: Sequence[A], first: int) -> None:
        context = multiprocessing.get_context("fork")
        self.function, self.arguments = function, arguments
        self.taken = context.Value("q", first)
        self.made: dict[int, Any] = {}
        self.finished = False
        self.connection, theirs = context.Pipe(duplex=False)
        with suppress(OSError, AttributeError):  # not Linux, or over the user's pipe limit
            # A wider pipe: a worker ahead by a few documents (an EPUB's are some 100 KB)
            # goes on, where it would wait for this process to finish one of its own.
            fcntl.fcntl(theirs.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)  # type: ignore[attr-defined]
        self.worker = context.Process(target=self._work, args=(theirs,), daemon=True)
        self.worker.start()
        theirs.close()

    def result(self, index: int) -> Any:
        """The result for `arguments[index]`: made here meanwhile, or waited for."""
        while index not in self.made:
            self._receive(wait=False)
            if index in self.made:
                break
            mine = _take(self.taken, len(self.arguments))
            if mine is None and self.finished:
                raise RuntimeError(f"no worker made the result of argument {index}")
            if mine is None:  # the worker holds it
                self._receive(wait=True)
            else:
                self.made[mine] = self.function(self.arguments[mine])
        return self.made.pop(index)

    def close(self) -> None:
        """The worker takes no more and is gone (at once when this process failed)."""
        with self.taken.get_lock():
            self.taken.value = len(self.arguments)
        self.connection.close()  # a worker waiting to send gets a broken pipe and stops
        self.worker.join(timeout=None if self.finished else 5)
        if self.worker.is_alive():
            self.worker.kill()
            self.worker.join()

    def _receive(self, wait: bool) -> None:
        """Keep the results the worker has sent; with `wait`, at least one."""
        while not self.finished and (wait or self.connection.poll()):
            wait = False
            try:
                failed, index, value = self.connection.recv()
            except EOFError:
                self.worker.join()
                raise RuntimeError(
                    f"a worker process stopped with exit status {self.worker.exitcode}"
                    " before its results"
                ) from None
            if failed:
                raise value
            if index < 0:
                self.finished = True
            else:
                self.made[index] = value

    def _work(self, connection: Any) -> None:  # pragma: no cover - runs in a forked process
        try:
            while (index := _take(self.taken, len(self.arguments))) is not None:
                result = self.function(self.arguments[index])
                try:
                    message = pickle.dumps((False, index, result))
                except Exception as error:
                    raise RuntimeError(f"a worker's result could not be sent: {error}") from None
                connection.send_bytes(message)
            connection.send((False, -1, None))
        except BaseException as error:  # sent back, raised again in the parent
            with suppress(Exception):  # the parent is gone
                connection.send((True, -1, _picklable(error)))
        finally:
            connection.close()


def _take(taken: Any, count: int) -> int | None:
    """The next argument's index, taken (None when all are)."""
    with taken.get_lock():
        index: int = taken.value
        if index >= count:
            return None
        taken.value = index + 1
    return index


def _chunks(count: int, workers: int) -> list[range]:
    """Interleaved chunks, which keep long and short pieces spread over the workers."""
    return [range(first, count, workers) for first in range(workers)]


def _start(
    function: Callable[[A], T],
    arguments: Sequence[A],
    chunks: Sequence[range],
    fresh: BaseContext | None = None,
) -> Callable[[], list[list[T]]]:
    """A forked process per chunk, started (from the fork server `fresh`, see `start`);
    calling the result waits for their lists."""
    context: Any = fresh or multiprocessing.get_context("fork")
    running = []
    for chunk in chunks:
        ours, theirs = context.Pipe(duplex=False)
        work: tuple[Any, ...] = (
            (
                function,
                [arguments[index] for index in chunk],
                range(len(chunk)),
                theirs,
                gc.get_threshold(),
            )
            if fresh  # pickled: each worker gets its own share only
            else (function, arguments, chunk, theirs)  # inherited
        )
        process = context.Process(target=_work, args=work, daemon=True)
        process.start()
        theirs.close()
        running.append((process, ours))

    def wait() -> list[list[T]]:
        try:
            return [_received(process, connection) for process, connection in running]
        finally:
            for process, connection in running:
                connection.close()
                if process.is_alive():  # only after another worker failed
                    process.kill()
                process.join()

    return wait


def _received(process: Any, connection: Any) -> Any:
    try:
        failed, value = connection.recv()
    except EOFError:
        process.join()
        raise RuntimeError(
            f"a worker process stopped with exit status {process.exitcode} before its results"
        ) from None
    if failed:
        raise value
    return value


def _work(
    function: Callable[[A], T],
    arguments: Sequence[A],
    chunk: range,
    connection: Any,
    thresholds: tuple[int, ...] = (),
) -> None:  # pragma: no cover - runs in a forked process
    if thresholds:  # a fresh worker collects garbage as its parent does (the build's pace)
        gc.set_threshold(*thresholds)
    try:
        outcome: tuple[bool, object] = (False, [function(arguments[index]) for index in chunk])
    except BaseException as error:  # sent back, raised again in the parent
        outcome = (True, _picklable(error))
    try:
        connection.send(outcome)
    except Exception as error:  # a result that does not pickle
        connection.send((True, RuntimeError(f"a worker's result could not be sent: {error}")))
    finally:
        connection.close()


def _picklable(error: BaseException) -> BaseException:
    """`error` itself when it survives pickling, else a RuntimeError with its traceback."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        text = "".join(traceback.format_exception(error))
        return RuntimeError(f"a worker process failed:\n{text}")
    return error


def _gathered(count: int, chunks: Sequence[range], parts: Sequence[list[T]]) -> list[T]:
    results: list[T] = [None] * count  # type: ignore[list-item]
    for chunk, part in zip(chunks, parts, strict=True):
        for index, result in zip(chunk, part, strict=True):
            results[index] = result
    return results
