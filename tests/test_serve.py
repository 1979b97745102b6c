"""`publish serve`: builds, serves on 127.0.0.1, rebuilds on change, keeps the last good site."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from publish.errors import PublishError
from publish.serve import SiteServer
from tests.conftest import FIXTURES, serving


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.headers["Cache-Control"] == "no-store"
        return response.read().decode("utf-8")


def _text(url: str) -> str:
    """The page's text, its tags taken out (a paragraph's last two characters are in a span)."""
    return re.sub(r"<[^>]+>", "", _get(url))


def _until(condition: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", folder)
    return folder


@pytest.fixture
def running(project: Path) -> Iterator[tuple[SiteServer, list[str]]]:
    with serving(project) as running:
        yield running


def test_serve_builds_and_serves_the_site_on_the_loopback_address(
    running: tuple[SiteServer, list[str]], project: Path
) -> None:
    server, _ = running
    assert server.url.startswith("http://127.0.0.1:")
    assert server.site == project / "build" / "html"
    assert "最小文集" in _get(server.url)
    assert "第一段文字" in _text(server.url + "a.html")
    assert _get(server.url + "site.js").startswith("/*")


def test_a_changed_source_is_rebuilt_and_a_broken_one_keeps_the_last_site(
    running: tuple[SiteServer, list[str]], project: Path
) -> None:
    server, lines = running
    article = project / "articles" / "a.md"
    article.write_text(article.read_text("utf-8").replace("第一段文字", "改过的文字"), "utf-8")
    _until(lambda: server.builds == 2)
    assert "改过的文字" in _text(server.url + "a.html")

    article.write_text("no front matter\n", "utf-8")
    _until(lambda: any(line.startswith("error: ") for line in lines))
    assert any("a.md" in line and "front matter" in line for line in lines)
    assert "改过的文字" in _text(server.url + "a.html")  # the last good build

    article.write_text("---\ntitle: 修好了\n---\n\n又好了。\n", "utf-8")
    _until(lambda: server.builds == 3)
    assert "又好了" in _text(server.url + "a.html")


def test_a_changed_project_layout_is_rebuilt(
    running: tuple[SiteServer, list[str]], project: Path
) -> None:
    server, _ = running
    override = project / "layouts" / "web" / "index.html"
    override.parent.mkdir(parents=True)
    override.write_text(
        '{% extends "bundled/web/index.html" %}{% block title %}新模板{% endblock %}', "utf-8"
    )
    _until(lambda: server.builds == 2)
    assert "<title>新模板</title>" in _get(server.url)


def test_the_output_folder_is_not_watched(project: Path) -> None:
    server = SiteServer(project, port=0)
    server.build()
    watched = set(server.snapshot())
    assert project / "articles" / "a.md" in watched
    assert not [p for p in watched if (project / "build") in p.parents]


def test_a_port_in_use_is_one_clear_error(
    running: tuple[SiteServer, list[str]], project: Path
) -> None:
    taken = int(running[0].url.rsplit(":", 1)[1].strip("/"))
    with pytest.raises(PublishError, match=rf"port {taken} on 127\.0\.0\.1 is in use"):
        SiteServer(project, port=taken).start()


def test_a_bad_source_stops_serve_before_anything_runs(tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="not found"):
        SiteServer(tmp_path / "missing", port=0)


# Ctrl+C at a terminal: SIGINT with its default action, which `publish serve` turns into a clean
# stop. A process started in the background by a shell without job control (`nohup ... &`, as
# a test run may be) inherits SIGINT ignored, and Python keeps it ignored; so the command runs
# behind a one-line launcher that gives SIGINT back its default before exec.
_WITH_SIGINT = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "os.execv(sys.executable, [sys.executable, *sys.argv[1:]])"
)


def test_the_command_serves_until_interrupted(project: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", _WITH_SIGINT, "-m", "publish", "serve", str(project), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        assert line.startswith("serving http://127.0.0.1:"), line
        url = line.split()[1]
        assert "第一篇" in _get(url)
        process.send_signal(signal.SIGINT)
        status = process.wait(timeout=20)
        assert status == 0, process.stderr.read() if process.stderr else status
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_the_command_reports_a_missing_project_in_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "publish", "serve", str(tmp_path / "nothing"), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr
