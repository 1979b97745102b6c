"""Characters a face draws with one glyph (… and ⋯, - and U+2011, · and •, 兀 and U+FA0C):
each copies out of the PDF as itself (`publish.fonts.distinct`), in every bundled family, in a
Hong Kong edition (whose `locl` form of … stands for ⋯ too) and in the PDF/UA-1 and PDF/X-4
variants."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

from tests.builders.pdf.conftest import Built
from tests.conftest import FIXTURES, require_tool

ARTICLE = FIXTURES / "shared-glyphs" / "article.md"

# Each line of the article, as the edition prints it: pairs of characters one bundled face
# draws with one glyph. Noto Sans CJK SC lacks U+223C and U+FA0C: the bundled TC face sets
# U+FA0C (no warning), a system face U+223C (a warning); WenKai Publish and its TC have both.
LINES = (
    "他说……",
    "写作⋯⋯表示省略",
    "突兀之山",
    "突\ufa0c之山",
    "列夫·托尔斯泰",
    "•要点",
    "A-B",
    "A\u2011B",
    "1–2",
    "1\u20122",
    "十～二十",
    "十〜二十",
    "a~b",
    "a\u223cb",
)
FALLBACK = ("U+223C",)
# OpenCC's Hong Kong forms; it also takes U+FA0C to the unified 兀 (U+5140), so a traditional
# edition never sets it.
HK = {"说": "説", "写": "寫", "尔": "爾", "点": "點", "\ufa0c": "兀"}


@pytest.mark.parametrize(
    ("options", "expect"),
    [
        ({}, FALLBACK),
        ({"font": "kai"}, ()),
        ({"script": "hk"}, ("U+223C",)),
        ({"pdf": {"variant": "pdf/x-4"}}, FALLBACK),
    ],
    ids=["sans", "kai", "hong-kong", "pdf-x-4"],
)
def test_each_character_copies_out_as_itself(
    options: dict[str, Any], expect: tuple[str, ...], pdf: Any
) -> None:
    built: Built = pdf(ARTICLE, expect=expect, **options)
    lines = built.lines()
    wanted = LINES
    if options.get("script") == "hk":
        wanted = tuple("".join(HK.get(c, c) for c in line) for line in LINES)
    assert [line for line in wanted if line not in lines] == []
    assert "1" in lines  # the page number, and nothing else
    assert len(lines) == len(wanted) + 2  # the title too


def test_the_fonts_stay_embedded_subsets_with_unicode_maps(pdf: Any) -> None:
    built: Built = pdf(ARTICLE, expect=FALLBACK)
    out = subprocess.run(
        [require_tool("pdffonts"), str(built.path)], capture_output=True, text=True, check=True
    ).stdout
    rows = [line.split() for line in out.splitlines()[2:]]
    assert rows
    assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in rows), out  # emb sub uni
