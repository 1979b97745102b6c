"""得, 地, 了 and 为 standing alone, read from the words around them."""

from __future__ import annotations

import pytest

from publish.pinyin import particles
from tests.pinyin.rule_input import words_and_usual_readings


def _decided(text: str) -> dict[int, str]:
    """What `particles.apply` decides in `text`, cut into jieba's words and each character
    read by its usual reading."""
    spans, syllables = words_and_usual_readings(text)
    found: dict[int, str] = {}
    particles.apply(text, spans, syllables, [False] * len(text), found.__setitem__)
    return found


@pytest.mark.parametrize(
    ("text", "char", "reading"),
    [
        ("他跑得很快。", "得", "de5"),
        ("我得去上班。", "得", "dei3"),
        ("还得等一会儿。", "得", "dei3"),
        ("孩子们高兴地跳起来。", "地", "de5"),
        ("慢慢地走。", "地", "de5"),
        ("这件事我办不了。", "了", "liao3"),
        ("为职工办实事。", "为", "wei4"),
        ("为推动发展而努力。", "为", "wei4"),
        ("把德育有机地渗透于教学之中。", "地", "de5"),  # a noun before a verb
        ("交朋友一样得讲缘分。", "得", "dei3"),  # a pronoun before a verb
        ("你也得小心。", "得", "dei3"),  # one word after it, which jieba tags a noun
        ("他得马上回家。", "得", "dei3"),  # an adverb after it
        ("我得的越少，越高兴。", "得", "de2"),  # 得的: what one obtains
        ("又得舒心环境。", "得", "de2"),  # an object: words ending in a noun, no verb
        ("为祖国干杯！", "为", "wei4"),  # a verb jieba tags a noun
        ("我为你骄傲。", "为", "wei4"),
        ("社区医生定期上门为老人量血压。", "为", "wei4"),  # a person, then 量 (tagged a noun)
        ("大家都为他高兴。", "为", "wei4"),  # a pronoun
        ("请为老、幼、病、残、孕让座。", "为", "wei4"),  # a list of whom, the verb after it
        ("为老人、儿童提供免费服务。", "为", "wei4"),
        ("不肯为二孙子用乳母", "为", "wei4"),  # an auxiliary verb, a preposition after
        ("能够为两大陆的民族语言和文化架设桥梁", "为", "wei4"),  # the verb beyond the window
        ("要求并为全体押运人员配备了头盔", "为", "wei4"),  # 并 "and", not 合并为
    ],
)
def test_particle_read_from_its_neighbours(text: str, char: str, reading: str) -> None:
    assert _decided(text)[text.index(char)] == reading


@pytest.mark.parametrize(
    "text",
    [
        "以经济建设为中心。",  # 以……为: the copula, left to the model
        "名字改为张三。",  # a verb that takes 为 as "into"
        "他的名字为张三。",  # no verb after 为 in its clause
        "三位获奖者分别为张三、李四和王五。",  # a list, no verb after it
        "国王特封她为公主。",  # a verb and its object before 为 (jieba's HMM word 特封)
        "比赛分别为跳远和游泳。",  # 分别为: the copula
        "陈英宗只能为傀儡国王。",  # an auxiliary verb, no verb after: "can be"
        "他的名字为张三。",  # a name, not a person word
        "各战区合并为联区，",  # 合并为: "merged into"
        "订价基础相对缩小为保持利润",  # 缩小为: "reduced to"
        "现已拓宽为交通干道。",
        "他在堂屋地上爬。",  # the ground: 地上
        "他得到了奖励。",  # 得到 is one word
        "土地很肥沃。",  # 土地 is one word
    ],
)
def test_particle_left_to_the_model(text: str) -> None:
    assert _decided(text) == {}


def test_fixed_characters_are_not_read_again() -> None:
    text = "我得去。"
    spans = [(0, 1), (1, 2), (2, 3), (3, 4)]
    found: dict[int, str] = {}
    particles.apply(
        text, spans, ["wo3", "de2", "qu4", None], [False, True, False, False], found.__setitem__
    )
    assert found == {}
