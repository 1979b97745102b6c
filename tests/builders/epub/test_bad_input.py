"""Bad input: reported in one clear line each (exit status 2), never an invalid EPUB."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from publish.cli import main
from publish.errors import PublishError, SourceError
from publish.model import Collection, Figure, Paragraph, Text
from tests.builders.epub.conftest import Warnings, build_edition
from tests.conftest import EXAMPLES

READER = EXAMPLES / "community-reader"


def project(root: Path, article: str, manifest: str = "") -> Path:
    """A one-article project: `article` is the Markdown file's text."""
    (root / "articles").mkdir(parents=True)
    (root / "publish.yaml").write_text(
        f"title: 测试\narticles: [articles/a.md]\n{manifest}", encoding="utf-8"
    )
    (root / "articles" / "a.md").write_text(article, encoding="utf-8")
    return root


def run_cli(source: Path, out: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["build", str(source), "-f", "epub", "-o", str(out)])
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    return result.exit_code, errors


def test_a_control_character_is_one_line_naming_the_file(
    tmp_path: Path, warnings_logged: Warnings
) -> None:
    source = project(tmp_path / "p", "---\ntitle: 标题\n---\n\n第一段\x07文字。\n")
    code, errors = run_cli(source, tmp_path / "out")
    assert code == 2
    (line,) = errors
    assert "a.md" in line and "U+0007" in line and "第一段" in line and "delete it" in line
    assert not (tmp_path / "out").exists()
    warnings_logged.take()


def test_a_lone_surrogate_is_reported(tmp_path: Path) -> None:
    """YAML's "\\ud800" escape gives a lone surrogate, which no XML can hold.

    Built without the pipeline's font step, whose warning would carry the character itself
    (and a test's output holding it cannot be sent between pytest-xdist workers)."""
    source = project(tmp_path / "p", '---\ntitle: "标题\\ud800"\n---\n\n正文。\n')
    with pytest.raises(SourceError) as raised:
        build_edition(source, tmp_path / "out")
    (line,) = raised.value.lines()
    assert "a.md" in line and "U+D800" in line and "surrogate" in line
    assert "\ud800" not in line  # the message itself can be printed anywhere
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_text_the_api_hands_over_is_checked_too(tmp_path: Path) -> None:
    def poison(collection: Collection) -> Collection:
        first, *rest = collection.articles
        bad = replace(first, blocks=(Paragraph((Text("坏\x1b字"),)),), authors=("作者\x00",))
        return replace(collection, title="文集\ufffe", articles=(bad, *rest))

    with pytest.raises(SourceError) as raised:
        build_edition(READER, tmp_path, change=poison)
    lines = raised.value.lines()
    assert [line.split(": ")[0].rsplit("/", 1)[-1] for line in lines] == [
        "publish.yaml",
        "01-jingyesi.md",
        "01-jingyesi.md",
    ]
    assert "U+FFFE" in lines[0] and "U+001B" in lines[1] and "U+0000" in lines[2]
    assert not list(tmp_path.glob("*.epub"))


def test_a_cover_that_is_not_an_image(tmp_path: Path) -> None:
    source = project(tmp_path / "p", "---\ntitle: 标题\n---\n\n正文。\n", "cover: cover.png\n")
    (source / "cover.png").write_text("这不是图片", encoding="utf-8")
    code, errors = run_cli(source, tmp_path / "out")
    assert code == 2
    (line,) = errors
    assert "publish.yaml" in line and "cover.png" in line and "PNG" in line


def test_a_figure_that_is_not_an_image(tmp_path: Path) -> None:
    source = project(tmp_path / "p", "---\ntitle: 标题\n---\n\n![一张图](chart.png)\n")
    (source / "articles" / "chart.png").write_bytes(b"%PDF-1.7 not an image")
    code, errors = run_cli(source, tmp_path / "out")
    assert code == 2
    (line,) = errors
    assert "a.md" in line and "chart.png" in line and "not a PNG, JPEG, GIF or WebP" in line


def test_duplicate_article_ids(tmp_path: Path) -> None:
    def duplicate(collection: Collection) -> Collection:
        first, second, *_ = collection.articles
        return replace(collection, articles=(first, replace(second, slug=first.slug)))

    with pytest.raises(PublishError, match=r"slug '01-jingyesi' is also used by 01-jingyesi.md"):
        build_edition(READER, tmp_path, change=duplicate)


def test_an_image_outside_the_project_is_never_read(tmp_path: Path) -> None:
    outside = tmp_path / "secret.png"
    outside.write_bytes((READER / "images" / "age-groups.png").read_bytes())

    def escape(collection: Collection) -> Collection:
        first, *rest = collection.articles
        figure = Figure(outside, "图")
        return replace(collection, articles=(replace(first, blocks=(figure,)), *rest))

    with pytest.raises(PublishError, match="outside the project"):
        build_edition(READER, tmp_path / "out", change=escape)
