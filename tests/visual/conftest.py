"""Fixtures of the visual suite: editions built by the real pipeline, and Chromium.

The suite checks what readers see, with no human in the loop. By default it renders a bounded
matrix (each example, pinyin on and off, the default and the largest size, sans and kai); with
PUBLISH_VISUAL=full it renders every preset: 小, 中, 大, 特大 x A4, A5 x sans, serif, kai x pinyin
on and off (slow: run it on demand, before a release).
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from publish.config import Settings
from publish.pipeline import Project, build, load
from tests.conftest import EXAMPLES, FIXTURES

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
    """An example, or a test project of `tests/fixtures` made for a case the examples lack."""
    example = EXAMPLES / name
    return example if example.exists() else FIXTURES / name


@dataclass(frozen=True, slots=True)
class BuiltPdf:
    """A PDF built from an example, with what the checks need to read it."""

    project: Project
    settings: Settings
    path: Path


def build_pdf(example: str, options: dict[str, Any], out: Path) -> BuiltPdf:
    """The PDF of `example` with build `options`, as `publish build` makes it."""
    project = load(example_path(example))
    (pdf,) = build(project, out, formats="pdf", **options)
    settings = project.settings.updated(options, where="options", root=project.collection.root)
    return BuiltPdf(project, settings, pdf)
