"""Titles, headings and speakers' lines break between words (phrasing.py), in every format.

Found on the seed's PDF at 特大 in kai with pinyin: the title broke "高质量发 / 展”", the heading
"创新方法 务求 / 实效", the role "常务副 / 主席"."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import html

from publish.model import Emphasis, Link, Ruby, Text, plain_text
from publish.phrasing import MAX_PHRASE, phrases, unit_spans
from publish.pipeline import build
from tests.conftest import EXAMPLES, require_tool

SEED = EXAMPLES / "luyuan-interviews"


def _units(text: str) -> list[str]:
    return [text[start:end] for start, end in unit_spans(text)]


def test_a_short_phrase_set_off_by_a_space_is_one_unit() -> None:
    assert _units("创新方法 务求实效") == ["创新方法", "务求实效"]
    assert _units("市委副书记") == ["市委副书记"]


def test_a_long_phrase_is_cut_into_words_with_their_marks() -> None:
    assert _units("“解放思想推动绿园高质量发展”领导访谈") == [
        "“解放思想", "推动", "绿园", "高质量", "发展”", "领导", "访谈",
    ]  # fmt: skip
    # One character alone is no unit; a title's 副 stays with its post.
    assert _units("彰显新时期工会作用") == ["彰显", "时期", "工会", "作用"]
    assert "常务副主席" in _units("绿园区总工会常务副主席")


def test_a_particle_stays_with_the_word_before_it() -> None:
    assert _units("一张写给老年朋友的就诊流程") == [
        "一张",
        "写给",
        "老年",
        "朋友的",
        "就诊",
        "流程",
    ]
    assert _units("二十四节气里的春天") == ["二十四节气", "里的", "春天"]
    assert "的确" in _units("我们的确需要帮助和支持你们")  # a word, not a particle


def test_long_words_and_text_without_han_are_left_to_break() -> None:
    assert _units("联合国教科文组织人类非物质文化遗产") == ["人类", "物质", "文化遗产"]
    assert _units("Version 2.0 notes") == []
    assert max(len(unit) for unit in _units("一二三四五六 七八九十")) <= MAX_PHRASE


def test_a_joiner_stays_inside_its_unit() -> None:
    """The print layout joins a title's last two characters with U+2060."""
    assert _units("解放思想推动领导访\u2060谈") == ["解放思想", "推动", "领导", "访\u2060谈"]


def test_pieces_keep_every_run_and_reading() -> None:
    runs = (
        Text("“"),
        Ruby("解放思想", ("jiě", "fàng", "sī", "xiǎng")),
        Ruby("推动", ("tuī", "dòng")),
        Text("”"),
        Emphasis((Ruby("领导访", ("lǐng", "dǎo", "fǎng")),)),
        Ruby("谈", ("tán",)),
    )
    pieces = phrases(runs)
    assert "".join(plain_text(piece) for piece, _ in pieces) == plain_text(runs)
    assert [(plain_text(piece), kept) for piece, kept in pieces] == [
        ("“解放思想", True), ("推动”", True), ("领导", True), ("访谈", True),
    ]  # fmt: skip
    # A ruby and an emphasis are cut with their readings.
    assert pieces[2][0] == (Emphasis((Ruby("领导", ("lǐng", "dǎo")),)),)
    assert pieces[3][0] == (Emphasis((Ruby("访", ("fǎng",)),)), Ruby("谈", ("tán",)))


def test_no_unit_cuts_a_link_or_a_words_ruby() -> None:
    link = Link("https://example.org", (Text("解放思想推动绿园"),))
    pieces = phrases((Text("关于"), link, Text("高质量发展")))
    assert [(plain_text(piece), kept) for piece, kept in pieces] == [
        ("关于", True), ("解放思想推动绿园", False), ("高质量", True), ("发展", True),
    ]  # fmt: skip
    assert pieces[1][0] == (link,)
    word = Ruby("高质量", ("gāo", "zhì", "liàng"), written=("gāo", "zhì", "liàng"))
    pieces = phrases((Text("推动绿园"), word, Text("发展领导访谈")))
    # The whole ruby is in one piece, never cut.
    assert sum(word in piece for piece, _ in pieces) == 1
    assert "".join(plain_text(piece) for piece, _ in pieces) == "推动绿园高质量发展领导访谈"


@pytest.fixture(scope="module")
def seed_editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("phrasing")
    pdf, book, site = build(
        SEED, out, formats="pdf,epub,html", pinyin=True, size="特大", font="kai"
    )
    return {"pdf": pdf, "epub": book, "html": site}


def test_the_seeds_pdf_at_teda_breaks_its_title_and_headings_between_words(
    seed_editions: dict[str, Path],
) -> None:
    require_tool("pdftotext")
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "2", str(seed_editions["pdf"]), "-"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    lines = [re.sub(r"[^\u4e00-\u9fff”“]", "", line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    # Before: "绿园高质量发" / "展”领导访谈", "创新方法务求" / "实效", "…常务副" / "主席".
    assert "绿园高质量" in lines and "发展”领导访谈" in lines, lines
    assert "创新方法" in lines and "务求实效" in lines, lines
    assert not any(line.endswith("副") for line in lines), lines


def test_the_site_and_the_epub_mark_the_same_units(seed_editions: dict[str, Path]) -> None:
    page = html.parse(str(seed_editions["html"] / "lingdao-fangtan.html")).getroot()
    with zipfile.ZipFile(seed_editions["epub"]) as book:
        name = next(n for n in book.namelist() if n.endswith("lingdao-fangtan.xhtml"))
        xhtml = html.fromstring(book.read(name))

    def units(tree: html.HtmlElement) -> list[str]:
        return [
            "".join(c for c in phrase.xpath("string(.)") if "\u4e00" <= c <= "\u9fff")
            for phrase in tree.xpath("//h1//span[@class='phrase']")
        ]

    title = ["解放思想", "推动", "绿园", "高质量", "发展", "领导", "访谈"]
    assert units(page) == units(xhtml) == title
