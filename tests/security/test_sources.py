"""Hostile and careless sources: one `error:` line naming the file and line, exit status 2, no
traceback; and `check` refuses whatever `build` would fail on."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from publish.files import MAX_SOURCE_BYTES
from publish.sources.body import MAX_PARAGRAPH_CHARS, MAX_TABLE_CELLS
from tests.security.conftest import Project, fails_cleanly

ALIAS_BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{this}: &{this} [{', '.join([f'*{last}'] * 9)}]\n"
    for last, this in zip("abcdef", "bcdefg", strict=True)
)


def _table(rows: int, columns: int) -> str:
    line = "| " + " | ".join(["格"] * columns) + " |\n"
    return line + "|" + "---|" * columns + "\n" + line * rows


Setup = Callable[[Project], None]
CASES: dict[str, tuple[Setup, str, str]] = {
    "a 5,000-digit integer": (
        lambda p: p.article(front="title: 标题\nsummary: " + "9" * 5000),
        "a.md:3",
        "integer of 5000 digits",
    ),
    "5,000 nested flow lists": (
        lambda p: p.article(front="title: 标题\ntags: " + "[" * 5000 + "]" * 5000),
        "a.md:3",
        "nested more than",
    ),
    "an alias bomb in pinyin.yaml": (
        lambda p: p.file("pinyin.yaml", ALIAS_BOMB),
        "pinyin.yaml:2",
        "aliases",
    ),
    "a custom YAML tag": (
        lambda p: p.article(front="title: !!python/object/apply:os.system ['true']"),
        "a.md:2",
        "python/object",
    ),
    "a lone surrogate in a title": (
        lambda p: p.article(front='title: "标题\\ud800"'),
        "a.md:2",
        "U+D800",
    ),
    "a control character in the body": (
        lambda p: p.article(body="第一段\x07文字。\n"),
        "a.md:5",
        "U+0007",
    ),
    "a noncharacter in the body": (
        lambda p: p.article(body="第一段\ufdd0文字。\n"),
        "a.md:5",
        "U+FDD0",
    ),
    "1,000-deep emphasis": (
        lambda p: p.article(body="*a " * 1000 + "字" + " a*" * 1000 + "\n"),
        "a.md:5",
        "nested 1000 deep",
    ),
    "a category 500 levels deep": (
        lambda p: p.article(front="title: 标题\ncategory: " + "/".join(["类"] * 500)),
        "a.md:3",
        "500 levels deep",
    ),
    "an image path longer than NAME_MAX": (
        lambda p: p.article(body=f"![图]({'a' * 300}.png)\n"),
        "a.md:5",
        "too long",
    ),
    "a reserved slug": (
        lambda p: p.article("cover"),
        "cover.md",
        "slug: cover-article",
    ),
    "a blank title": (
        lambda p: p.article(front='title: "   "'),
        "a.md:2",
        "title is blank",
    ),
    "a javascript: link": (
        lambda p: p.article(body="[点我](javascript:alert(1))\n"),
        "a.md:5",
        "javascript: links are not published",
    ),
    "a file: link": (
        lambda p: p.article(body="[密码](file:///etc/passwd)\n"),
        "a.md:5",
        "file: links are not published",
    ),
    "a reading that is not pinyin": (
        lambda p: p.file("pinyin.yaml", "绿园: lv4 xyz9\n"),
        "pinyin.yaml:1",
        "not a pinyin syllable",
    ),
    "a paragraph over the limit": (
        lambda p: p.article(body="字" * (MAX_PARAGRAPH_CHARS + 1) + "\n"),
        "a.md:5",
        "break it into paragraphs",
    ),
    "a table over the limit": (
        lambda p: p.article(body=_table(MAX_TABLE_CELLS // 2, 2)),
        "a.md:5",
        "split it into several tables",
    ),
    "an article over the size limit": (
        lambda p: p.article(body=("字" * 99 + "\n\n") * (MAX_SOURCE_BYTES // 298 + 1)),
        "a.md",
        "over the limit",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_check_and_build_refuse_it_in_one_line(case: str, project: Project, tmp_path: Path) -> None:
    setup, where, message = CASES[case]
    setup(project)
    checked = fails_cleanly(project.run("check", "project"), where, message)
    assert len(checked) <= 2 and all(len(line) < 600 for line in checked), checked
    built = project.run("build", "project", "-f", "html", "-o", tmp_path / "out")
    assert fails_cleanly(built, where, message) == checked
    assert not (tmp_path / "out").exists()


def test_a_symbolic_link_loop_under_articles_is_one_article(project: Project) -> None:
    (project.root / "articles" / "sub").mkdir()
    os.symlink("..", project.root / "articles" / "sub" / "up")
    project.manifest("title: 测试文集\narticles: ['articles/**/*.md']\n")
    result = project.run("check", "project")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 1 article ")
