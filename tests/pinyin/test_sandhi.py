"""sandhi.apply on engine syllables, independent of how readings were decided."""

from __future__ import annotations

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


def test_bu_and_what_the_user_fixed() -> None:
    assert _apply("不对", ["bu4", "dui4"], ["不对"])[0] == "bu2"
    assert _apply("不好", ["bu4", "hao3"], ["不好"])[0] == "bu4"
    out = ["bu4", "dui4"]
    sandhi.apply("不对", out, [False, True], [True, False], Lexicon.shared().base_tone)
    assert out[0] == "bu4"
