"""Fixtures of the visual suite: editions built by the real pipeline, and Chromium.

The suite checks what readers see, with no human in the loop. By default it renders a bounded
matrix (each example, pinyin on and off, the default and the largest size, sans and kai); with
PUBLISH_VISUAL=full it renders every preset: 小, 中, 大, 特大 x A4, A5 x sans, serif, kai x pinyin
on and off (slow: run it on demand, before a release).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.builders.html.browser import chromium_path, launch
from tests.conftest import EXAMPLES, require

FULL = os.environ.get("PUBLISH_VISUAL", "") == "full"
EXAMPLE_NAMES = ("luyuan-interviews", "community-reader")


def presets() -> list[dict[str, Any]]:
    """Build options of the matrix (manifest spelling)."""
    if FULL:
        grid = itertools.product(("小", "中", "大", "特大"), ("A4", "A5"), ("sans", "serif", "kai"))
        combos = [
            {"size": s, "paper": p, "font": f, "pinyin": y}
            for (s, p, f), y in itertools.product(grid, (True, False))
        ]
    else:
        combos = [
            {"pinyin": True},
            {"pinyin": False},
            {"size": "特大", "font": "kai", "pinyin": True},
            {"size": "大", "paper": "A5", "font": "serif", "pinyin": True},
        ]
    return combos


def preset_id(options: dict[str, Any]) -> str:
    """A readable test id: 特大-A5-kai-pinyin."""
    parts = [str(options[k]) for k in ("size", "paper", "font") if k in options]
    return "-".join([*parts, "pinyin" if options.get("pinyin") else "plain"])


MATRIX = [
    pytest.param(example, options, id=f"{example}-{preset_id(options)}")
    for example in EXAMPLE_NAMES
    for options in presets()
]


def example_path(name: str) -> Path:
    return EXAMPLES / name


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright; required under CI=true."""
    require(chromium_path() is not None, "chromium (/usr/bin/chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright (the Python package)")
        raise
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()
