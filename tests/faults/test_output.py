"""The output folder is switched whole: a failure or a kill leaves the old build entire."""

from __future__ import annotations

import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from publish.cache import FOLDER
from publish.output import staging_prefix
from tests.security.conftest import Project, fails_cleanly

KILL_TRIALS = int(os.environ.get("PUBLISH_KILL_TRIALS", "4"))
"""kill -9 trials in the test run (benchmarks/kill_trials.py runs 100 across the formats)."""


def _version(out: Path) -> str:
    """Which version of the article the site in `out` shows."""
    page = (out / "html" / "a.html").read_text(encoding="utf-8")
    return next(word for word in page.split("版本")[1:2])[:3]


def _build(project: Project, out: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "publish", "build", "project", "-o", out, *extra],
        cwd=project.root.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_an_existing_file_as_the_output_folder_is_one_line(project: Project) -> None:
    project.file("notes.txt", "mine")
    result = project.run("build", "project", "-f", "html", "-o", "project/notes.txt")
    fails_cleanly(result, "notes.txt is a file, not a folder")
    assert (project.root / "notes.txt").read_text() == "mine"


def test_the_project_folder_is_never_the_output_folder(project: Project) -> None:
    fails_cleanly(project.run("build", "project", "-f", "html", "-o", "project"), "of its own")


def test_a_write_error_is_one_line_and_the_old_output_stays(
    project: Project, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert project.run("build", "project", "-f", "html", "-o", out).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    project.article(body="改过的文字。\n")

    def small_files() -> None:  # the kernel refuses writes past 4 KB (EFBIG), as a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    result = subprocess.run(
        [sys.executable, "-m", "publish", "build", "project", "-f", "html", "-o", out],
        cwd=project.root.parent,
        capture_output=True,
        text=True,
        preexec_fn=small_files,
        timeout=300,
    )
    fails_cleanly(result, "cannot write the output", "previous output is unchanged")
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # What the failed build made is added to the old build cache (issue 15: a failure loses
    # no work); the output and the cache's old entries are as they were.
    assert {p: data for p, data in after.items() if p in before} == before
    assert all(p.relative_to(out).parts[0] == ".cache" for p in after.keys() - before.keys())
    assert not list(tmp_path.glob(f"{staging_prefix(out)}*"))


def test_formats_not_rebuilt_are_kept_and_leftovers_removed(
    project: Project, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert project.run("build", "project", "-f", "epub", "-o", out).returncode == 0
    epub = (out / "project.epub").read_bytes()
    leftover = tmp_path / f"{staging_prefix(out)}killed"
    (leftover / "html").mkdir(parents=True)
    assert project.run("build", "project", "-f", "html", "-o", out).returncode == 0
    assert (out / "project.epub").read_bytes() == epub
    assert (out / "html" / "a.html").is_file()
    assert not leftover.exists()


@pytest.mark.parametrize("trial", range(KILL_TRIALS))
def test_a_kill_at_any_moment_leaves_the_old_or_the_new_build(
    project: Project, tmp_path: Path, trial: int
) -> None:
    out = tmp_path / "out"
    project.article(body="版本001的文字。\n")
    assert project.run("build", "project", "-f", "html", "-o", out).returncode == 0
    project.article(body="版本002的文字。\n")
    started = time.monotonic()
    whole = _build(project, out, "-f", "html")
    whole.wait(timeout=300)
    duration = time.monotonic() - started
    project.article(body="版本003的文字。\n")
    killed = _build(project, out, "-f", "html")
    time.sleep(random.Random(trial).uniform(0.2, 1.0) * duration)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    assert _version(out) in {"002", "003"}
    assert {p.name for p in out.iterdir()} - {FOLDER} == {"html"}  # and the build cache
    project.article(body="版本004的文字。\n")
    assert project.run("build", "project", "-f", "html", "-o", out).returncode == 0
    assert _version(out) == "004"
    assert not list(tmp_path.glob(f"{staging_prefix(out)}*"))


def test_the_output_folder_keeps_its_mode(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert project.run("build", "project", "-f", "html", "-o", out).returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o777 & ~umask  # not mkdtemp's private 0700
    out.chmod(0o750)
    assert project.run("build", "project", "-f", "html", "-o", out).returncode == 0
    assert out.stat().st_mode & 0o777 == 0o750
