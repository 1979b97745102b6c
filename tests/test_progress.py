"""Progress of a build: each long step reports its articles as it goes, in order."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from publish.cli.reporting import progress
from publish.pipeline import build, load
from tests.conftest import EXAMPLES

READER = EXAMPLES / "community-reader"


def test_each_step_reports_its_articles_in_order(tmp_path: Path) -> None:
    heard: list[tuple[str, int, int]] = []
    build(
        READER,
        tmp_path,
        formats="pdf,epub,html",
        pinyin=True,
        pdf={"per_article": True},
        progress=lambda step, done, total: heard.append((step, done, total)),
    )
    articles = len(load(READER).collection.articles)
    steps = list(dict.fromkeys(step for step, _, _ in heard))
    assert steps == [
        "标注拼音",
        "检查字形",
        "生成 PDF",
        "生成单篇 PDF",
        "生成 EPUB",
        "生成 HTML",
        "写入",
    ]
    for step in ("标注拼音", "生成 PDF", "生成单篇 PDF", "生成 HTML"):
        counts = [(done, total) for name, done, total in heard if name == step]
        assert {total for _, total in counts} == {articles}, step
        dones = [done for done, _ in counts]
        assert dones == sorted(dones) and dones[-1] == articles, step
    html = [done for name, done, _ in heard if name == "生成 HTML"]
    assert html == list(range(1, articles + 1))  # one report per page


def test_without_a_terminal_verbose_runs_log_a_line_with_the_time_left(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="publish")
    with progress(every=0) as report:
        for done in range(0, 5):
            report("生成 PDF", done, 10)
    lines = [r.getMessage() for r in caplog.records]
    assert lines[-1].startswith("生成 PDF: 4 of 10, about ") and lines[-1].endswith(" s left")


def test_without_a_terminal_or_verbose_nothing_is_shown_and_rich_is_not_loaded() -> None:
    script = (
        "import sys; from publish.cli.reporting import progress\n"
        "with progress(delay=0, every=0) as report:\n"
        "    report('生成 PDF', 1, 10)\n"
        "print(any(name.startswith('rich') for name in sys.modules))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert found.stdout == "False\n" and not found.stderr
