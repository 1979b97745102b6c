"""Fixtures of the HTML site's tests: built sites, a local server, Chromium and axe-core.

The sites are built once per session, each on first use, by the real pipeline (with pinyin)
into one folder that a local http.server on 127.0.0.1 serves, so every page is loaded over HTTP
as a reader would (one origin: localStorage is shared between pages, as on a real site). Each
test gets a fresh browser context, so stored choices never leak from one test to the next.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from publish.pipeline import build
from tests.builders.html.browser import AXE, serve
from tests.conftest import EXAMPLES, FIXTURES, require

SITES = {
    "seed": (EXAMPLES / "luyuan-interviews", {"pinyin": True}),
    "reader": (EXAMPLES / "community-reader", {"pinyin": True}),
    "seed-plain": (EXAMPLES / "luyuan-interviews", {}),
    "reader-plain": (EXAMPLES / "community-reader", {}),
    "words": (EXAMPLES / "luyuan-interviews", {"pinyin": True, "html": {"pinyin_words": True}}),
    "unsafe": (FIXTURES / "html-unsafe", {"pinyin": False}),
    "seed-tw": (EXAMPLES / "luyuan-interviews", {"pinyin": True, "script": "tw"}),
    "reader-zhuyin": (EXAMPLES / "community-reader", {"reading": "zhuyin", "script": "tw"}),
    "reader-hk": (EXAMPLES / "community-reader", {"script": "hk"}),
    "reader-both": (EXAMPLES / "community-reader", {"reading": "pinyin,zhuyin", "script": "tw"}),
}
"""Name -> (project, build options) of the sites the tests read ("-plain": as the manifest says,
which is without pinyin)."""


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The site built from `SITES[name]`, in one folder under its name (built on first use,
    then shared: a test pays only for the sites it reads)."""
    root = tmp_path_factory.mktemp("sites")

    @functools.cache
    def get(name: str) -> Path:
        project, options = SITES[name]
        (built,) = build(project, tmp_path_factory.mktemp(name), formats="html", **options)
        return built.rename(root / name)

    return get


@pytest.fixture(scope="session")
def sites_root(built_site: Callable[[str], Path]) -> Path:
    """The folder holding every site under its name (sites_root / "seed" / "index.html")."""
    (root,) = {built_site(name).parent for name in SITES}
    return root


@pytest.fixture(scope="session")
def site_url(sites_root: Path) -> Iterator[str]:
    """The base URL of the local server of `sites_root` (http://127.0.0.1:PORT/)."""
    with serve(sites_root) as url:
        yield url


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh browser context (empty localStorage), 1280 x 900 CSS px."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(context: Any) -> Any:
    """A page in a fresh context."""
    return context.new_page()


@pytest.fixture(scope="session")
def axe_ready() -> Path:
    """axe-core's axe.min.js (scripts/test installs it from npm); required under CI=true."""
    require(AXE.is_file(), f"axe-core ({AXE.relative_to(AXE.parents[3])})")
    return AXE
