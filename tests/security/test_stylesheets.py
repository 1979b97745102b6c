"""A project's font family name is a CSS string in every stylesheet: it cannot add rules."""

from __future__ import annotations

import zipfile
from pathlib import Path

import tinycss2

from publish.builders import Edition
from publish.builders.pdf.document import stylesheet
from publish.builders.pdf.geometry import geometry
from publish.fonts.faces import face_data
from publish.layouts import environment
from publish.pipeline import load
from tests.conftest import ROOT
from tests.security.conftest import Project

FAMILY = 'Evil"; } body { color: red } @font-face { font-family: "x'


def _with_font(project: Project, family: str = FAMILY) -> None:
    (project.root / "kai.ttf").write_bytes(
        face_data(ROOT / "fonts" / "WenKaiPublish-Regular.woff2")
    )
    project.manifest(
        "title: 测试文集\narticles: ['articles/*.md']\noutput:\n"
        f"  font: {{family: '{family.replace(chr(39), chr(39) * 2)}', regular: kai.ttf}}\n"
    )


def _print_css(project: Project, family: str) -> str:
    _with_font(project, family)
    loaded = load(project.root)
    edition = Edition(loaded.collection, loaded.settings, environment(None))
    return stylesheet(edition, geometry(loaded.settings))


def _rules(css: str) -> list[str]:
    """The top-level rules of a stylesheet: at-rule names and qualified rules' selectors."""
    found = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule":
            found.append(f"@{rule.lower_at_keyword}")
        elif rule.type == "qualified-rule":
            found.append(tinycss2.serialize(rule.prelude).strip())
    return found


def test_the_print_stylesheet_keeps_the_family_in_its_string(project: Project) -> None:
    # The same rules as with a harmless name: nothing was added, nothing cut short.
    assert _rules(_print_css(project, FAMILY)) == _rules(_print_css(project, "楷体"))


def _epub_css(project: Project, family: str, out: Path) -> str:
    _with_font(project, family)
    result = project.run("build", "project", "-f", "epub", "-o", out)
    assert result.returncode == 0, result.stderr
    book = zipfile.ZipFile(out / "project.epub")
    return book.read(next(n for n in book.namelist() if n.endswith(".css"))).decode()


def test_the_epub_stylesheet_keeps_the_family_in_its_string(
    project: Project, tmp_path: Path
) -> None:
    evil = _rules(_epub_css(project, FAMILY, tmp_path / "evil"))
    assert evil == _rules(_epub_css(project, "楷体", tmp_path / "plain"))
