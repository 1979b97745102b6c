"""Builds on a Dask cluster: `dask_executor` connects to one (or starts one on this machine),
and `parallel.using` sends the build's parallel steps to it instead of forked processes.

`publish build --workers N` starts a `distributed.LocalCluster` of N worker processes bound to
127.0.0.1, without a dashboard: a build never listens on, or probes, any other address.
`--scheduler tcp://HOST:PORT` (or `PUBLISH_SCHEDULER`) submits to a running cluster instead
(`dask scheduler`, `dask worker tcp://HOST:PORT`; README, "Builds on a cluster"); its workers
need `publish` installed, but no shared folder: each task carries its data (articles, texts,
font programs) and its result comes back to this process, which alone writes the output.

Dask is an optional dependency (`pip install 'publish[dask]'`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from .errors import PublishError

A = TypeVar("A")
T = TypeVar("T")

SCHEDULER_ENVIRONMENT = "PUBLISH_SCHEDULER"


@dataclass(frozen=True)
class DaskExecutor:
    """`parallel.Executor` over a `distributed.Client`: a task per argument."""

    client: Any

    def workers(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def start(self, function: Callable[[A], T], arguments: Sequence[A]) -> Callable[[], list[T]]:
        # pure=False: equal arguments are still separate tasks (their results are not shared).
        futures = self.client.map(function, list(arguments), pure=False)
        return lambda: list(self.client.gather(futures))


@contextmanager
def dask_executor(
    workers: int | None = None, scheduler: str | None = None
) -> Iterator[DaskExecutor]:
    """A Dask executor for the duration of the context: on the cluster whose scheduler is at
    `scheduler` (default `PUBLISH_SCHEDULER`), else on a local cluster of `workers` processes
    (one thread each) that is shut down on leaving. Raises PublishError when Dask is not
    installed or the scheduler cannot be reached."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise PublishError(
            "--workers and --scheduler need Dask: pip install 'publish[dask]'"
        ) from None
    scheduler = scheduler or os.environ.get(SCHEDULER_ENVIRONMENT) or None
    if scheduler is None and (workers is None or workers < 1):
        raise PublishError("--workers needs a number of worker processes, 1 or more")
    local = None
    try:
        if scheduler is not None:
            client = Client(scheduler, timeout="10s", set_as_default=False)
        else:
            local = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",  # else distributed probes a public address for its own
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(local, set_as_default=False)
    except OSError as error:
        if local is not None:
            local.close()
        raise PublishError(
            f"cannot reach the Dask scheduler at {scheduler}: {error}; start one with "
            "`dask scheduler` or give --workers N for a cluster on this machine"
        ) from None
    try:
        yield DaskExecutor(client)
    finally:
        client.close()
        if local is not None:
            local.close()
