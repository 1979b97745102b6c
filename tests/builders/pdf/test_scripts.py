"""Traditional and zhuyin PDFs: the language, the traditional faces alone, and zhuyin readings
centred over their characters and clear of each other (the checks of test_pinyin.py)."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from publish.builders.pdf.textmap import text_and_readings
from publish.config import TRADITIONAL_FONTS, bundled_path
from publish.model import Paragraph, plain_text, walk_blocks
from tests.builders.pdf.conftest import SEED, Built, squash
from tests.builders.pdf.test_pinyin import (
    Drawn,
    assert_clear_of_each_other,
    drawn_letters,
    readings,
)
from tests.conftest import EXAMPLES, FIXTURES, rendered_face, require_tool

BOPOMOFO = re.compile(r"[\u3105-\u312f\u31a0-\u31bf]")
TONES = "ˊˇˋ"


@pytest.fixture(scope="module")
def zhuyin(pdf) -> Built:  # type: ignore[no-untyped-def]
    return pdf(SEED, reading="zhuyin", script="tw")


@pytest.fixture(scope="module")
def reader_hk(pdf) -> Built:  # type: ignore[no-untyped-def]
    return pdf(EXAMPLES / "community-reader", script="hk")


@pytest.fixture(scope="module")
def reader_kai(pdf) -> Built:  # type: ignore[no-untyped-def]
    return pdf(EXAMPLES / "community-reader", script="tw", font="kai")


def _fonts(built: Built) -> list[str]:
    out = subprocess.run(
        [require_tool("pdffonts"), str(built.path)], capture_output=True, text=True, check=True
    ).stdout
    return [line.split()[0].partition("+")[2] for line in out.splitlines()[2:]]


@pytest.mark.parametrize(
    ("which", "lang", "family"),
    [
        ("zhuyin", "zh-Hant-TW", "Noto-Sans-CJK-TC-Embedded"),
        ("reader_hk", "zh-Hant-HK", "Noto-Sans-CJK-TC-Embedded"),
        ("reader_kai", "zh-Hant-TW", "WenKai-TC-Publish-Embedded"),
    ],
)
def test_a_traditional_pdf_is_in_traditional_characters_and_faces_only(
    which: str, lang: str, family: str, request: pytest.FixtureRequest
) -> None:
    built: Built = request.getfixturevalue(which)
    assert built.reader.trailer["/Root"]["/Lang"] == lang
    # No fallback font: every glyph comes from the bundled TC faces.
    assert set(_fonts(built)) == {family, f"{family}-Bold"}
    text = squash(built.text())
    paragraphs = [
        plain_text(block.children)
        for block in walk_blocks(built.collection.articles[0].blocks)
        if isinstance(block, Paragraph)
    ]
    assert squash(paragraphs[0])[:40] in text
    assert squash(paragraphs[-1])[-40:] in text


def test_the_seed_reads_in_taiwan_characters(zhuyin: Built) -> None:
    text = squash(zhuyin.text())
    assert "綠園區" in text and "领导" not in text and "领導" not in text
    # 发 by the word: 發展 (development) everywhere in the seed, never 髮.
    assert "發展" in text and "髮" not in text


def _zhuyin(built: Built, pages: range) -> list[Drawn]:
    return [d for page in pages for d in readings(built, page)]


def test_zhuyin_readings_are_centred_over_their_characters(zhuyin: Built) -> None:
    drawn = _zhuyin(zhuyin, range(1, 3))
    assert len(drawn) > 200
    assert all(BOPOMOFO.search(d.text) for d in drawn)
    assert max(abs(d.offset) for d in drawn) < 0.5
    for reading in drawn:
        assert reading.size == pytest.approx(reading.base_size * zhuyin.geo.pinyin_em, abs=0.05)


def test_zhuyin_readings_never_overlap_their_neighbours(zhuyin: Built) -> None:
    for page in range(1, min(zhuyin.pages, 4) + 1):
        assert_clear_of_each_other(_zhuyin(zhuyin, range(page, page + 1)))


def test_every_character_has_its_zhuyin_drawn_and_no_reading_is_extracted(zhuyin: Built) -> None:
    readings_ = text_and_readings(zhuyin.collection.articles[0]).readings
    assert drawn_letters(zhuyin) == Counter("".join(readings_.values()))
    assert not BOPOMOFO.search(zhuyin.text())


def test_tone_marks_follow_the_last_symbol_and_the_neutral_dot_sits_above_the_first(
    zhuyin: Built,
) -> None:
    """Taiwan's textbooks: ˊ ˇ ˋ after the last symbol, ˙ over the first (horizontal text)."""
    dots = 0
    for page in (1, 2, 3):
        chars = zhuyin.chars(page)
        symbols = [c for c in chars if BOPOMOFO.match(c["text"]) or c["text"] in TONES]
        for dot in (c for c in chars if c["text"] == "˙"):
            centre = (dot["x0"] + dot["x1"]) / 2
            (first,) = [
                s
                for s in symbols
                if s["x0"] <= centre <= s["x1"] and 0 < s["top"] - dot["top"] < s["size"]
            ]
            # Nothing of the same reading before it on its line.
            assert not [
                s
                for s in symbols
                if abs(s["top"] - first["top"]) < 0.5 and abs(first["x0"] - s["x1"]) < 0.3
            ]
            dots += 1
        for tone in (c for c in symbols if c["text"] in TONES):
            before = [
                s
                for s in symbols
                if abs(s["top"] - tone["top"]) < 0.5 and abs(tone["x0"] - s["x1"]) < 0.3
            ]
            assert before and BOPOMOFO.match(before[0]["text"])
    assert dots > 5


def test_weasyprint_sets_hong_kong_glyphs_for_text_tagged_zh_hant_hk(tmp_path: Path) -> None:
    """The same characters in the bundled TC face, tagged zh-Hant-TW and zh-Hant-HK, print
    differently: 公 八 分 值 take Noto's Hong Kong forms (locl) in a Hong Kong edition."""
    from PIL import ImageChops

    face = bundled_path("fonts") / TRADITIONAL_FONTS["sans"].regular
    pictures = [
        rendered_face(face, lang, "公八分值", tmp_path / f"{lang}-{at}", size=60, dpi=40)
        for at, lang in enumerate(("zh-Hant-TW", "zh-Hant-HK", "zh-Hant-TW"))
    ]
    assert ImageChops.difference(pictures[0], pictures[2]).getbbox() is None  # same input
    assert ImageChops.difference(pictures[0], pictures[1]).getbbox() is not None


def test_an_article_in_traditional_characters_in_a_simplified_edition_is_set_in_tc_faces(
    tmp_path: Path,
) -> None:
    """A Hong Kong page imported into a simplified edition is set in the bundled TC faces
    whole: 骨 角 次, in both scripts' faces with shapes of their own, take the TC shapes in
    it and the SC ones in the simplified article (`tests/fonts/test_coverage.py` checks that
    the TC cut holds every character of the article)."""
    import shutil

    import pdfplumber

    from publish.pipeline import build

    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    (project / "articles" / "a.md").write_text(
        "---\ntitle: 第一篇\n---\n\n骨角次，第一段。\n", encoding="utf-8"
    )
    (project / "articles" / "b.md").write_text(
        "---\ntitle: 香港\nlanguage: zh-Hant\n---\n\n骨角次，2019年 3月舉辦。\n",
        encoding="utf-8",
    )
    # Not tagged, but written in traditional characters: set as the tagged one.
    (project / "articles" / "c.md").write_text(
        "---\ntitle: 臺北骨角次\n---\n\n骨角次，這是我們說過的會議。\n", encoding="utf-8"
    )
    (pdf,) = build(project, tmp_path / "out", formats="pdf")
    set_in: dict[str, set[str]] = {"第一段": set(), "舉辦": set(), "說過": set(), "目录": set()}
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            text = page.extract_text()
            for marker, fonts in set_in.items():
                if marker in text:
                    fonts.update(
                        c["fontname"].split("+", 1)[-1] for c in page.chars if c["text"] in "骨角次"
                    )
    assert set_in == {
        "第一段": {"Noto-Sans-CJK-SC-Embedded"},
        "舉辦": {"Noto-Sans-CJK-TC-Fallback"},
        # Its heading (骨角次 in bold) too.
        "說過": {"Noto-Sans-CJK-TC-Fallback", "Noto-Sans-CJK-TC-Fallback-Bold"},
        # The contents' entry of the traditional article is tagged with its language too.
        "目录": {"Noto-Sans-CJK-TC-Fallback"},
    }
