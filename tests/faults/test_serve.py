"""`publish serve` survives whatever a source or a client does."""

from __future__ import annotations

import http.client
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest

from publish.serve import SiteServer
from tests.conftest import serving
from tests.security.conftest import Project


@pytest.fixture
def running(project: Project) -> Iterator[tuple[SiteServer, list[str]]]:
    with serving(project.root) as running:
        yield running


def _text(page: bytes) -> str:
    """The page's text, its tags taken out (a paragraph's last two characters are in a span)."""
    return re.sub(r"<[^>]+>", "", page.decode("utf-8"))


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_a_source_that_crashes_the_build_keeps_the_last_good_site(
    running: tuple[SiteServer, list[str]], project: Project
) -> None:
    server, lines = running
    # A project layout dividing by zero: on main a ZeroDivisionError that ended serve.
    project.file("layouts/web/article.html", "{{ 1 // 0 }}")
    deadline = time.monotonic() + 240  # a loaded machine: each rebuild may take a while
    while not any("ZeroDivisionError" in line for line in lines):
        assert time.monotonic() < deadline, lines
        time.sleep(0.1)
    assert any(line.startswith("error: ") for line in lines)
    status, page = _get(server.url + "a.html")
    assert status == 200 and "第一段文字" in _text(page)
    project.file("layouts/web/article.html", '{% extends "bundled/web/article.html" %}')
    project.article(body="修好了。\n")
    builds = server.builds
    while server.builds == builds:
        assert time.monotonic() < deadline + 240, lines
        time.sleep(0.1)
    assert "修好了" in _text(_get(server.url + "a.html")[1])


def test_a_nul_byte_in_the_path_is_a_404(
    running: tuple[SiteServer, list[str]], capfd: pytest.CaptureFixture[str]
) -> None:
    server, _ = running
    parts = urlsplit(server.url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    connection.request("GET", "/%00")
    assert connection.getresponse().status == 404
    connection.close()
    assert _get(server.url)[0] == 200
    assert "Traceback" not in capfd.readouterr().err


def test_200_concurrent_requests_are_all_answered(
    running: tuple[SiteServer, list[str]],
) -> None:
    server, _ = running
    with ThreadPoolExecutor(max_workers=200) as pool:
        statuses = list(pool.map(lambda _: _get(server.url)[0], range(200)))
    assert statuses == [200] * 200
