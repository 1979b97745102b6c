"""Forked workers: the same results as one process, in order; PUBLISH_PROCESSES=1 keeps one."""

from __future__ import annotations

import os

import pytest

from publish.parallel import ENVIRONMENT, fork_map, processes

_SQUARES_OF: list[int] = []


def _square_and_pid(index: int) -> tuple[int, int]:
    return _SQUARES_OF[index] ** 2, os.getpid()


def test_fork_map_keeps_order_and_shares_the_work_with_a_forked_process() -> None:
    _SQUARES_OF[:] = list(range(50))
    results = fork_map(_square_and_pid, 50, 2)
    assert [value for value, _ in results] == [n * n for n in range(50)]
    # This process takes the first interleaved share, one forked worker the other.
    pids = [pid for _, pid in results]
    assert set(pids[0::2]) == {os.getpid()}
    assert len(set(pids[1::2])) == 1 and os.getpid() not in pids[1::2]


def test_a_failing_share_leaves_no_worker_running() -> None:
    import multiprocessing

    _SQUARES_OF[:] = [1, 2, 3, 4]
    with pytest.raises(IndexError):
        fork_map(_square_and_pid, 5, 2)  # index 4, in this process's share, is out of range
    assert multiprocessing.active_children() == []


def test_one_worker_stays_in_this_process() -> None:
    _SQUARES_OF[:] = [3]
    assert fork_map(_square_and_pid, 1, 2) == [(9, os.getpid())]


def test_the_environment_limits_the_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENVIRONMENT, "1")
    assert processes(100) == 1
    monkeypatch.setenv(ENVIRONMENT, "3")
    assert processes(100) == 3 and processes(2) == 2


def test_in_background_returns_at_once_and_waits_when_asked() -> None:
    from publish.parallel import in_background

    _SQUARES_OF[:] = list(range(10))
    wait = in_background(_square_and_pid, 10, 1)  # one worker: still another process
    results = wait()
    assert [value for value, _ in results] == [n * n for n in range(10)]
    assert os.getpid() not in {pid for _, pid in results}
