"""Context rules: the text around a polyphone decides it."""

from __future__ import annotations

import pytest

from publish.pinyin.rules import reading_at


@pytest.mark.parametrize(
    ("text", "char", "reading"),
    [
        ("新华路593弄", "弄", "long4"),
        ("弄清楚", "弄", "nong4"),
        ("撒在家乡", "撒", "sa3"),
        ("紧挨着", "挨", "ai1"),
        ("挨打", "挨", "ai2"),
        ("刨花", "刨", "bao4"),
        ("刨坑", "刨", "pao2"),
        ("葵涌、", "涌", "chong1"),
        ("签名哦。", "哦", "o5"),
        ("也应注意", "应", "ying1"),
    ],
)
def test_rule(text: str, char: str, reading: str) -> None:
    assert reading_at(text, text.index(char)) == reading


def test_no_rule_leaves_the_model_alone() -> None:
    assert reading_at("涌现出来", 0) is None
    assert reading_at("行业", 0) is None
