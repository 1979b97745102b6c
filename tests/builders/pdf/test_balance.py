"""Titles and headings on even lines in print (builders/pdf/balance.py): WeasyPrint has no
`text-wrap: balance`, and left "彰显新时期工会 / 作用"."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from publish.builders.pdf.balance import balanced_width
from publish.model import LineBreak, Ruby, Text
from publish.pipeline import build
from tests.conftest import EXAMPLES, require_tool


def _cells(char: str, reading: str) -> float:
    """Every character one cell wide, as on the pinyin grid."""
    return 1.0


def _lines(text: str, measure: float) -> list[str]:
    """The lines greedy filling gives at `measure` cells, for the units the test names."""
    lines, line = [], ""
    for unit in text.split("|"):
        if line and len(line) + len(unit) > measure:
            lines.append(line)
            line = ""
        line += unit
    return [*lines, line]


def test_a_heading_gets_the_narrowest_width_that_keeps_its_lines() -> None:
    heading = (Text("彰显新时期工会作用"),)
    measure = balanced_width(heading, 7.0, _cells)
    assert measure is not None and 5 <= measure < 7
    # With jieba's words (彰显|新|时期|工会|作用) that width sets 5 and 4 characters.
    assert _lines("彰显|新|时期|工会|作用", measure) == ["彰显新时期", "工会作用"]


def test_a_heading_on_one_line_or_that_cannot_be_evened_is_left_alone() -> None:
    assert balanced_width((Text("创新方法"),), 7.0, _cells) is None
    # Words of letters are not broken, and lines of 7 are as even as they get.
    assert balanced_width((Text("Annual Report of the Year"),), 7.0, _cells) is None
    # 7 / 5 / 7 cells: no narrower width keeps three lines.
    title = (Text("“解放思想推动绿园高质量发展”领导访谈"),)
    assert balanced_width(title, 7.0, _cells) is None


def test_each_line_of_a_headline_is_balanced_and_the_widest_wins() -> None:
    headline = (Text("创新方法 务求实效"), LineBreak(), Text("彰显新时期工会作用"))
    measure = balanced_width(headline, 8.0, _cells)
    assert measure is not None and measure < 8
    assert _lines("彰显|新|时期|工会|作用", measure) == ["彰显新时期", "工会作用"]


def test_a_particle_never_starts_a_line() -> None:
    title = (Ruby("二十四节气里的春天", ("x",) * 9),)
    measure = balanced_width(title, 7.0, _cells)
    assert measure is not None
    assert _lines("二十四节气|里的|春天", measure) == ["二十四节气", "里的春天"]


@pytest.fixture(scope="module")
def teda_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("balance")
    built = {}
    for example in ("luyuan-interviews", "community-reader"):
        (built[example],) = build(
            EXAMPLES / example, out / example, formats="pdf", pinyin=True, size="特大", font="kai"
        )
    return built


def _han_lines(pdf: Path) -> list[str]:
    require_tool("pdftotext")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    lines = (re.sub(r"[^\u4e00-\u9fff]", "", line) for line in text.splitlines())
    return [line for line in lines if line]


def test_the_examples_headings_are_even_in_print(teda_pdfs: dict[str, Path]) -> None:
    seed = _han_lines(teda_pdfs["luyuan-interviews"])
    assert "彰显新时期" in seed and "工会作用" in seed  # was 彰显新时期工会 / 作用
    reader = _han_lines(teda_pdfs["community-reader"])
    assert "到社区卫生" in reader and "服务中心看病" in reader  # was …服务 / 中心看病
    assert "我们社区的" in reader and "年龄构成" in reader  # was …的年龄 / 构成
    assert "二十四节气" in reader and "里的春天" in reader  # was …里的 / 春天, never …里 / 的春天
