"""The page checks' own rules (tests/visual/rendered.py), on lines as pdftotext gives them."""

from __future__ import annotations

from tests.visual.rendered import lone_endings, stranded

HEADING = "第三步：小心诈骗"


def test_a_heading_at_a_page_foot_is_stranded_and_a_cell_with_its_last_word_is_not() -> None:
    body = ["近来，冒充公检法的电话诈骗时有发生。"]
    assert stranded([["正文。", "第三步：小心", "诈骗"], body], [HEADING]) == [
        "page 1: 第三步：小心 / 诈骗"
    ]
    # A table cell's last line "诈骗" (from 视频通话与防诈骗) only ends like the heading.
    assert stranded([["与防", "诈骗"], body], [HEADING]) == []
    # A role and a name, each whole, both stranded.
    assert stranded([["正文。", "区长", "王明"], body], ["区长", "王明"]) == ["page 1: 区长 / 王明"]


def test_a_last_line_with_a_word_after_its_character_is_not_alone() -> None:
    paragraph = "密码不能写成“abc12345”。"
    assert lone_endings([["密码不能写", "成“abc12345”。"]], [paragraph]) == []
    assert lone_endings([["密码不能写成“abc12345”", "好。"]], [paragraph[:-1] + "好。"]) == [
        "page 1: 密码不能写成“abc12345” / 好。"
    ]
