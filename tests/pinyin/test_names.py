"""Surname readings of personal names."""

from __future__ import annotations

import pytest

from publish.pinyin import names
from publish.pinyin.lexicon import Lexicon
from publish.pinyin.names import surname_of, surname_readings
from tests.pinyin.rule_input import words_and_usual_readings


def test_compound_surnames_first() -> None:
    assert surname_of("尉迟恭") == "尉迟"
    assert surname_of("欧阳修") == "欧阳"
    assert surname_of("区大伟") == "区"


def test_readings_by_index() -> None:
    assert surname_readings("尉迟恭") == {0: "yu4", 1: "chi2"}
    assert surname_readings("解晓东") == {0: "xie4"}
    assert surname_readings("王小明") == {}
    assert surname_readings("区") == {}  # a surname alone is no name


def _surnames_read(text: str) -> dict[int, str]:
    """What `names.apply` decides in `text`, cut into jieba's words, over each character's
    usual reading (the sentence is the whole text)."""
    spans, syllables = words_and_usual_readings(text)
    found: dict[int, str] = {}
    names.apply(
        text,
        spans,
        syllables,
        [False] * len(text),
        Lexicon.shared(),
        lambda i: (0, len(text)),
        found.__setitem__,
    )
    return found


def test_detected_name_reads_its_surname() -> None:
    assert _surnames_read("区大伟今天来了。") == {0: "ou1"}
    assert _surnames_read("记者仇晓明报道。") == {2: "qiu2"}


@pytest.mark.parametrize(
    "text",
    [
        "军力曾高达4万人。",  # 曾 the adverb
        "区别对待每个人。",  # a dictionary word at the surname
        "请在这里盖章。",  # two-character names are never guessed
        "王小明来了。",  # no polyphonic surname
    ],
)
def test_no_name_no_surname(text: str) -> None:
    assert _surnames_read(text) == {}


def _addressed(text: str) -> dict[int, str]:
    """What `names.apply_addressed` decides in `text`."""
    found: dict[int, str] = {}
    names.apply_addressed(text, [False] * len(text), Lexicon.shared(), found.__setitem__)
    return found


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("单老师是我们班的班主任。", "shan4"),  # before a form of address
        ("查先生的武侠小说影响了好几代人。", "zha1"),
        ("盖叔叔在村里开了一家小卖部。", "ge3"),
        ("曾先生今年八十岁了。", "zeng1"),  # 先 is no adverb's 先后 here
        ("我们向解老师请教。", "xie4"),  # after a word a name follows
        ("这家饭馆的老板姓区。", "ou1"),  # after 姓
        ("这本书的作者姓缪，是一位老师。", "miao4"),
        ("大家都叫他老解。", "xie4"),  # 老 + surname closing a clause
    ],
)
def test_an_addressed_person_has_a_surname(text: str, reading: str) -> None:
    assert list(_addressed(text).values()) == [reading]


@pytest.mark.parametrize(
    "text",
    [
        "我们小区很安静。",  # 小区 is a word
        "革命老区。",
        "老百姓曾经很苦。",  # 百姓, then the adverb
        "清单老师已经看过了。",  # 单 closes 清单
        "号召老师们参加。",
        "查资料。",
        "请查老师的邮件。",  # 查 the verb after 请
        "帮解老师的难题。",
    ],
)
def test_no_address_no_surname(text: str) -> None:
    assert _addressed(text) == {}
