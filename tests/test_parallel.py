"""Forked workers: the same results as one process, in order; PUBLISH_PROCESSES=1 keeps one;
`beside` streams a worker's results back while this process makes its own; freed memory
goes back to the system; fresh workers do not hold what this process holds."""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from pathlib import Path

import pytest

from publish.errors import PublishError
from publish.parallel import (
    ENVIRONMENT,
    apart,
    beside,
    fork_server,
    map_arguments,
    processes,
    return_freed_memory,
    start,
    using,
)


def _square_and_pid(number: int) -> tuple[int, int]:
    return number**2, os.getpid()


def _fail_on_three(number: int) -> int:
    if number == 3:
        raise PublishError(f"three is not allowed (pid {os.getpid()})")
    return number


def _unpicklable(number: int) -> object:
    return lambda: number


def test_map_arguments_keeps_order_and_shares_the_work_with_a_forked_process() -> None:
    results = map_arguments(_square_and_pid, list(range(50)), 2)
    assert [value for value, _ in results] == [n * n for n in range(50)]
    # This process takes the first interleaved share, one forked worker the other.
    pids = [pid for _, pid in results]
    assert set(pids[0::2]) == {os.getpid()}
    assert len(set(pids[1::2])) == 1 and os.getpid() not in pids[1::2]


def test_a_failing_share_leaves_no_worker_running() -> None:
    with pytest.raises(ZeroDivisionError):
        map_arguments(lambda n: 1 // n, [0, 1, 2, 3], 2)  # 0 is in this process's share
    assert multiprocessing.active_children() == []


def test_a_workers_error_is_raised_again_here() -> None:
    with pytest.raises(PublishError, match="three is not allowed") as raised:
        map_arguments(_fail_on_three, [0, 1, 2, 3], 2)  # 3 is in the forked worker's share
    assert f"pid {os.getpid()}" not in str(raised.value)
    assert multiprocessing.active_children() == []


def test_a_result_that_does_not_pickle_is_a_clear_error() -> None:
    with pytest.raises(RuntimeError, match="could not be sent"):
        map_arguments(_unpicklable, [0, 1], 2)
    assert multiprocessing.active_children() == []


def test_one_worker_stays_in_this_process() -> None:
    assert map_arguments(_square_and_pid, [3], 2) == [(9, os.getpid())]


def test_the_environment_limits_the_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENVIRONMENT, "1")
    assert processes(100) == 1
    monkeypatch.setenv(ENVIRONMENT, "3")
    assert processes(100) == 3 and processes(2) == 2


def test_start_returns_at_once_and_waits_when_asked() -> None:
    wait = start(_square_and_pid, list(range(10)), 1)  # one worker: still another process
    results = wait()
    assert [value for value, _ in results] == [n * n for n in range(10)]
    assert os.getpid() not in {pid for _, pid in results}


def _number_and_resident_mb(number: int) -> tuple[int, float]:
    status = Path("/proc/self/status").read_text()
    resident = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
    return number, int(resident.split()[1]) / 1024


needs_fork_server = pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods()
    or not Path("/proc/self/status").exists(),
    reason="no fork server, or no /proc",
)


@needs_fork_server
def test_fresh_workers_do_not_hold_what_this_process_holds() -> None:
    # A forked worker counts every page of its parent in its resident size (the PDF's
    # parts' workers held the parent's whole collection): fresh workers are forked from a
    # process that holds only what they import.
    ballast = bytearray(os.urandom(1 << 20) * 300)  # 300 MB, resident
    inherited = start(_number_and_resident_mb, [0], 1)()
    with fork_server(("json",)) as fresh:
        assert fresh is not None
        fresh_ones = start(_number_and_resident_mb, list(range(6)), 2, fresh=fresh)()
    assert [number for number, _ in fresh_ones] == list(range(6))
    assert inherited[0][1] > 300
    assert max(size for _, size in fresh_ones) < 150
    assert multiprocessing.active_children() == []
    del ballast


def _fork_servers() -> list[str]:
    """This process's children that are multiprocessing's fork server."""
    children = Path(f"/proc/self/task/{os.getpid()}/children").read_text().split()
    return [
        pid
        for pid in children
        if b"multiprocessing.forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]


@needs_fork_server
def test_the_fork_server_ends_with_its_context() -> None:
    with fork_server(("json",)) as fresh:
        assert _fork_servers() == []  # started with the first worker
        assert start(abs, [-1, -2, -3], 2, fresh=fresh)() == [1, 2, 3]
        assert len(_fork_servers()) == 1
    assert _fork_servers() == []


def test_a_guarded_script_builds_with_fresh_workers(tmp_path: Path) -> None:
    # Fresh workers import the main module again, as multiprocessing documents for its
    # forkserver method: a script guarded by `if __name__ == "__main__"` runs its work once.
    import subprocess
    import sys

    import publish

    script = tmp_path / "guarded.py"
    script.write_text(
        "from publish.parallel import fork_server, start\n"
        "\n"
        "if __name__ == '__main__':\n"
        "    with fork_server(('json',)) as fresh:\n"
        "        print(start(abs, [-1, -2, -3], 2, fresh=fresh)())\n",
        encoding="utf-8",
    )
    source = str(Path(publish.__file__).parents[1])
    environment = {**os.environ, "PYTHONPATH": source}
    ran = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=environment, check=True
    )
    assert ran.stdout.splitlines() == ["[1, 2, 3]"]


def _thresholds(number: int) -> tuple[int, ...]:
    return gc.get_threshold()


@needs_fork_server
def test_fresh_workers_collect_garbage_at_this_process_s_pace() -> None:
    before = gc.get_threshold()
    gc.set_threshold(12_345, 6, 7)
    try:
        with fork_server(("json",)) as fresh:
            assert start(_thresholds, [0, 1], 2, fresh=fresh)() == [(12_345, 6, 7)] * 2
    finally:
        gc.set_threshold(*before)


@needs_fork_server
def test_a_fresh_workers_error_is_raised_again_here() -> None:
    with pytest.raises(PublishError, match="three is not allowed"), fork_server(("json",)) as fresh:
        start(_fail_on_three, [0, 1, 2, 3], 2, fresh=fresh)()
    assert multiprocessing.active_children() == []


def _power_and_pid(base: int, exponent: int) -> tuple[int, int]:
    return base**exponent, os.getpid()


class _RefusingExecutor:
    """An installed executor (a cluster) that `apart` must not use."""

    def workers(self) -> int:
        return 2

    def start(self, function: object, arguments: object) -> object:
        raise AssertionError("apart used the installed executor")


@needs_fork_server
def test_apart_runs_in_a_fresh_process_here_whatever_executor_is_installed() -> None:
    # The PDF's join reads and writes this machine's files: a cluster's worker cannot.
    with using(_RefusingExecutor()), fork_server(("json",)) as fresh:
        value, pid = apart(_power_and_pid, (2, 10), fresh)
        with pytest.raises(PublishError, match="three is not allowed"):
            apart(_fail_on_three, (3,), fresh)
    assert value == 1024
    assert pid != os.getpid()
    assert multiprocessing.active_children() == []


def test_apart_stays_in_this_process_without_a_fork_server() -> None:
    assert apart(_power_and_pid, (3, 2), None) == (9, os.getpid())


def _square_slowly(number: int) -> tuple[int, int]:
    time.sleep(0.005)  # long enough for the forked worker to take its turns
    return _square_and_pid(number)


def test_beside_yields_in_order_what_both_processes_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENVIRONMENT, "2")
    results = list(beside(_square_slowly, list(range(60))))
    assert [value for value, _ in results] == [n * n for n in range(60)]
    pids = {pid for _, pid in results}
    assert os.getpid() in pids and len(pids) == 2
    assert multiprocessing.active_children() == []


def test_beside_raises_a_workers_error_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENVIRONMENT, "2")
    parent = os.getpid()

    def fail_in_the_worker(number: int) -> int:
        time.sleep(0.005)
        if os.getpid() != parent:
            raise PublishError(f"{number} failed in the worker")
        return number

    with pytest.raises(PublishError, match="failed in the worker"):
        list(beside(fail_in_the_worker, list(range(20))))
    assert multiprocessing.active_children() == []


def test_beside_says_when_its_worker_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENVIRONMENT, "2")
    parent = os.getpid()

    def stop_the_worker(number: int) -> int:
        time.sleep(0.005)
        if os.getpid() != parent:
            os._exit(3)
        return number

    with pytest.raises(RuntimeError, match="exit status 3"):
        list(beside(stop_the_worker, list(range(20))))
    assert multiprocessing.active_children() == []


def test_beside_a_result_that_does_not_pickle_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENVIRONMENT, "2")
    with pytest.raises(RuntimeError, match="could not be sent"):
        list(beside(_unpicklable_slowly, list(range(20))))
    assert multiprocessing.active_children() == []


def _unpicklable_slowly(number: int) -> object:
    time.sleep(0.005)
    return _unpicklable(number)


def test_beside_left_early_leaves_no_worker_running(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENVIRONMENT, "2")
    made = beside(_square_slowly, list(range(200)))
    assert next(made)[0] == 0
    made.close()
    assert multiprocessing.active_children() == []


def test_beside_stays_in_this_process_when_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENVIRONMENT, "1")
    results = list(beside(_square_and_pid, list(range(10))))
    assert results == [(n * n, os.getpid()) for n in range(10)]


def _resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_freed_memory_goes_back_to_the_system() -> None:
    # 2 KB pieces come from glibc's heap (Python's own allocator takes 512 bytes and less);
    # one kept in a hundred pins the heap's top, so that free() alone returns nothing.
    pieces = [bytes(2048) for _ in range(100_000)]
    kept = pieces[::100]
    del pieces
    before = _resident_mb()
    return_freed_memory()
    after = _resident_mb()
    assert len(kept) == 1000
    assert before - after > 100, (before, after)
