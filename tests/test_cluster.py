"""Builds on a Dask cluster: the same bytes as in one process, and only loopback addresses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from publish import parallel
from publish.cache import FOLDER
from publish.cluster import dask_executor
from publish.errors import PublishError
from publish.pipeline import build

pytestmark = pytest.mark.slow  # each test starts a Dask cluster or waits for one

ROOT = Path(__file__).resolve().parents[1]
READER = ROOT / "examples" / "community-reader"


def _files(folder: Path) -> dict[str, bytes]:
    """The outputs' bytes (not the build cache's entries: the polyphone model's confidences
    in them differ in their last digits with how texts were batched)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and FOLDER not in path.relative_to(folder).parts
    }


def _cube(number: int) -> int:
    return number**3


def test_a_local_cluster_listens_on_loopback_only_and_runs_the_map() -> None:
    with dask_executor(workers=2) as executor:
        info = executor.client.scheduler_info()
        addresses = [info["address"], *info["workers"]]
        assert len(info["workers"]) == 2
        assert all(address.startswith("tcp://127.0.0.1:") for address in addresses), addresses
        assert executor.workers() == 2
        with parallel.using(executor):
            assert not parallel.forks()
            assert parallel.map_arguments(_cube, list(range(20)), 1) == [n**3 for n in range(20)]
            assert parallel.start(_cube, [2, 3], 1)() == [8, 27]
    assert parallel.forks()


def test_two_dask_workers_build_the_same_bytes_as_one_process(tmp_path: Path) -> None:
    formats = "pdf,epub,html,braille"
    per_article: dict[str, Any] = {"pdf": {"per_article": True}, "epub": {"per_article": True}}
    alone = tmp_path / "alone"
    build(READER, alone, formats=formats, pinyin=True, **per_article)
    on_cluster = tmp_path / "cluster"
    build(READER, on_cluster, formats=formats, pinyin=True, workers=2, **per_article)
    files = _files(alone)
    assert len(files) > 10
    assert _files(on_cluster) == files


def test_an_unreachable_scheduler_is_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(
        PublishError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"
    ):
        build(READER, tmp_path / "out", formats="braille", scheduler="tcp://127.0.0.1:9")
    result = subprocess.run(
        [sys.executable, "-m", "publish", "build", str(READER), "-o", str(tmp_path / "cli")],
        capture_output=True,
        text=True,
        env={**os.environ, "PUBLISH_SCHEDULER": "tcp://127.0.0.1:9"},
        timeout=120,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach the Dask scheduler" in lines[0], result.stderr
    assert not (tmp_path / "cli").exists()
