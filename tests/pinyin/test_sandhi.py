"""sandhi.apply on engine syllables, independent of how readings were decided."""

from __future__ import annotations

import re

import pytest

from publish.pinyin import sandhi
from publish.pinyin.lexicon import Lexicon


def _apply(text: str, syllables: list[str | None], words: list[str]) -> list[str | None]:
    ends = [False] * len(text)
    position = 0
    for word in words:
        position += len(word)
        ends[position - 1] = True
    out = list(syllables)
    sandhi.apply(text, out, ends, [False] * len(text), Lexicon.shared().base_tone)
    return out


def test_yi_before_each_tone_and_in_citation_places() -> None:
    assert _apply("一天", ["yi1", "tian1"], ["一天"])[0] == "yi4"
    assert _apply("一定", ["yi1", "ding4"], ["一定"])[0] == "yi2"
    assert _apply("一个", ["yi1", "ge5"], ["一个"])[0] == "yi2"  # 个 is gè in the dictionary
    assert _apply("统一", ["tong3", "yi1"], ["统一"])[1] == "yi1"
    assert _apply("第一名", ["di4", "yi1", "ming2"], ["第一", "名"])[1] == "yi1"
    assert _apply("一九", ["yi1", "jiu3"], ["一", "九"])[0] == "yi1"
    assert _apply("看一看", ["kan4", "yi1", "kan4"], ["看", "一", "看"])[1] == "yi5"
    assert _apply("一。", ["yi1", None], ["一", "。"])[0] == "yi1"


def test_yi_as_a_number_in_dates_decimals_and_hours() -> None:
    assert _apply("三月一日", ["san1", "yue4", "yi1", "ri4"], ["三月", "一日"])[2] == "yi1"
    assert _apply("五月一号", ["wu3", "yue4", "yi1", "hao4"], ["五月", "一号"])[2] == "yi1"
    assert _apply("一点五元", ["yi1", "dian3", "wu3", "yuan2"], ["一点", "五元"])[0] == "yi1"
    assert _apply("一点半", ["yi1", "dian3", "ban4"], ["一点", "半"])[0] == "yi1"
    assert _apply("吃一点盐", ["chi1", "yi1", "dian3", "yan2"], ["吃", "一点", "盐"])[1] == "yi4"
    assert _apply("每月一次", ["mei3", "yue4", "yi1", "ci4"], ["每月", "一次"])[2] == "yi2"


def test_bu_and_what_the_user_fixed() -> None:
    assert _apply("不对", ["bu4", "dui4"], ["不对"])[0] == "bu2"
    assert _apply("不好", ["bu4", "hao3"], ["不好"])[0] == "bu4"
    out = ["bu4", "dui4"]
    sandhi.apply("不对", out, [False, True], [True, False], Lexicon.shared().base_tone)
    assert out[0] == "bu4"


def test_yi_in_paired_phrases_and_counting() -> None:
    # jieba makes 一摇一 one word: its last 一 is still "one" before 摆.
    yao = _apply("一摇一摆", ["yi1", "yao2", "yi1", "bai3"], ["一摇一", "摆"])
    assert yao[2] == "yi4"
    shan = _apply("一闪一闪", ["yi1", "shan3", "yi1", "shan3"], ["一闪", "一闪"])
    assert shan[2] == "yi4"  # not 看一看's neutral
    assert _apply("数一数二", ["shu3", "yi1", "shu3", "er4"], ["数一数二"])[1] == "yi1"
    dui = _apply("一对一的", ["yi1", "dui4", "yi1", "de5"], ["一对一", "的"])
    assert dui[2] == "yi1"  # the number at a word's end


def test_curated_words_take_the_sandhi() -> None:
    """Only the user's readings stay as written: 一辈子 and 不在乎 come from data/neutral.txt."""
    from publish.pinyin import Engine

    engine = Engine(style="number")
    assert engine.analyse("他一辈子").syllables[1] == "yi2"
    assert engine.analyse("满不在乎").syllables[1] == "bu2"


def test_a_curated_word_a_word_rule_reads_again_keeps_the_sandhi(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """words.txt reads 一晃 yī huàng; a word rule reading it otherwise (source "rule") is no
    reading of the user's, so its 一 still takes the sandhi (yì), as the curated word did."""
    from publish.pinyin import Engine, rules

    (rule,) = rules.load_rules("一晃\tyi1 huang3\t-\t二十\t[一晃]二十年过去了\n")
    monkeypatch.setattr(rules, "BY_CHAR", {**rules.BY_CHAR, "一晃": (rule,)})
    monkeypatch.setattr(rules, "WORDS", rules.WORDS | {"一晃"})
    monkeypatch.setattr(rules, "_WORD_PATTERN", re.compile("(?=(一晃))"))
    monkeypatch.setattr(rules, "_TRIED", {})
    analysis = Engine(style="number").analyse("一晃二十年过去了")
    assert analysis.syllables[:2] == ("yi4", "huang3")
    assert analysis.sources[:2] == ("rule", "rule")
