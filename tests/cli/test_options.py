"""The settings' command-line options: made from config's OPTIONS, read back as the manifest
spelling of the same settings."""

from __future__ import annotations

from typing import Any

import pytest

from publish.cli.editions import build
from publish.cli.options import given_settings
from publish.config import OPTIONS
from publish.pipeline import _drop_unset


def _parsed(*args: str) -> dict[str, Any]:
    """The parameters `publish build ARGS` gets, without building."""
    with build.make_context("build", list(args)) as context:
        return dict(context.params)


def test_build_offers_every_setting_that_has_a_flag() -> None:
    offered = {flag for param in build.params for flag in (*param.opts, *param.secondary_opts)}
    for path, option in OPTIONS.items():
        for declaration in option.flags:
            assert set(declaration.split("/")) <= offered, path


@pytest.mark.parametrize(
    ("args", "manifest"),
    [
        (
            ["--size", "特大", "--no-sandhi", "-f", "pdf,epub", "--reading", "zhuyin"],
            {"size": "特大", "sandhi": False, "formats": "pdf,epub", "reading": "zhuyin"},
        ),
        (
            ["-f", "html", "--format", "epub,pdf"],
            {"formats": "html,epub,pdf"},
        ),
        (
            ["--bleed", "3mm", "--pdf-variant", "pdf/x-4", "--color", "rgb", "--margins", "20mm"],
            {"pdf": {"bleed": "3mm", "variant": "pdf/x-4", "color": "rgb", "margins": "20mm"}},
        ),
        (
            ["--no-facing"],
            {"pdf": {"facing": False}},
        ),
        (
            ["--per-article", "--no-embed-font", "--pinyin-words", "--braille-system", "current"],
            {
                "pdf": {"per_article": True},
                "epub": {"per_article": True, "embed_font": False},
                "html": {"pinyin_words": True},
                "braille": {"system": "current"},
            },
        ),
    ],
)
def test_flags_give_the_settings_their_manifest_spelling_gives(
    args: list[str], manifest: dict[str, Any]
) -> None:
    """What the command line hands the API, once the flags not given are dropped as the
    pipeline drops them, is the manifest's spelling of the same settings."""
    assert _drop_unset(given_settings(_parsed(*args))) == manifest
