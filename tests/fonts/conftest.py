"""Shared by the font tests: the bundled files, projects and settings they use, and a
WeasyPrint process that sees no system font at all (so nothing can silently fall back to the
Debian fonts installed for regeneration)."""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from publish.config import FONTS, Settings
from publish.fonts.coverage import check_coverage
from publish.fonts.faces import FontFace
from publish.pipeline import load
from tests.conftest import (
    EXAMPLES,
    FIXTURES,
    ROOT,
    captured_warnings,
    require,
)

FONT_DIR = ROOT / "fonts"
COVERAGE = FONT_DIR / "coverage"
EXTB = FIXTURES / "fonts-extb"
SEED = EXAMPLES / "luyuan-interviews"
FAMILIES = sorted(FONTS)
EXAMPLE_PROJECTS = sorted(p for p in EXAMPLES.iterdir() if (p / "publish.yaml").is_file())

# The pinyin letters 汉语拼音方案 and GB/T 16159 write, as the issue lists them (split, as
# ê̄ and m̄ are two code points each).
PINYIN_LETTERS = "ā á ǎ à ē é ě è ī í ǐ ì ō ó ǒ ò ū ú ǔ ù ü ǖ ǘ ǚ ǜ ê̄ ế ê̌ ề m̄ ḿ ň ǹ".split()  # noqa: SIM905 (readable as the issue writes it)
CJK_PUNCTUATION = "，、。．：；？！“”‘’（）《》〈〉「」『』【】〔〕—…·～￥％＋－×÷＝"
BOPOMOFO = "".join(chr(c) for c in range(0x3105, 0x312A)) + "ˉˊˇˋ˙"


@pytest.fixture
def warnings() -> Iterator[list[logging.LogRecord]]:
    """The records the "publish" logger emits during a test."""
    with captured_warnings() as handler:
        yield handler.records


def settings_for(key: str, **changes: object) -> Settings:
    return Settings().updated({"font": key, **changes})


def cmap(path: Path | bytes) -> dict[int, str]:
    font = TTFont(io.BytesIO(path) if isinstance(path, bytes) else path)
    return font.getBestCmap()


def coverage_codes(name: str) -> set[int]:
    codes: set[int] = set()
    for line in (COVERAGE / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            codes.update(int(c[2:], 16) for c in line.split("\t")[0].split())
    return codes


def has_system_font_for_extb() -> bool:
    if shutil.which("fc-list") is None:
        return False
    found = subprocess.run(["fc-list", ":charset=20000", "file"], capture_output=True, text=True)
    return bool(found.stdout.strip())


def extb_fallback() -> Path:
    require(has_system_font_for_extb(), "a system font with U+20000 (fonts-babelstone-han)")
    (path,) = check_coverage(load(EXTB).collection, settings_for("sans"))
    return path


def no_system_fonts(tmp_path: Path) -> dict[str, str]:
    """Environment for a process whose fontconfig knows no font (no <dir> in its config)."""
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>"
    )
    return {"FONTCONFIG_FILE": str(config), "FONTCONFIG_PATH": str(tmp_path)}


def project_with_font(tmp_path: Path, font: str) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    manifest = project / "publish.yaml"
    manifest.write_text(manifest.read_text() + f"  font: {font}\n", encoding="utf-8")
    return project


RENDER = """
import sys
from weasyprint import HTML
css, text, out = sys.argv[1:4]
html = '<html lang="zh-Hans"><style>@page {size: A5; margin: 10mm} ' + css + '</style>'
html += '<h1>' + text[:12] + '</h1><p>' + text + '</p></html>'
HTML(string=html).write_pdf(out)
"""


def render_without_system_fonts(tmp_path: Path, faces: list[FontFace], stack: str,
                                 text: str) -> Path:  # fmt: skip
    css = "".join(
        f'@font-face {{font-family: "{f.family}"; src: url("{f.path.as_uri()}"); '
        f"font-weight: {f.weight}}}"
        for f in faces
    )
    css += f"html {{font-family: {stack}; font-size: 14pt}}"
    out = tmp_path / "out.pdf"
    env = {**os.environ, **no_system_fonts(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", RENDER, css, text, out], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    return out
