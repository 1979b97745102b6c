"""Doubled forms read from the word they double (publish.pinyin.doubling)."""

from __future__ import annotations

import pytest

from publish.pinyin import doubling
from publish.pinyin.lexicon import Lexicon


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("商商量量", ("shang1", "shang1", "liang2", "liang2")),  # 商量 shāng·liang
        ("利利落落", ("li4", "li4", "luo4", "luo4")),  # 利落 lì·luo
        ("疙疙瘩瘩", ("ge1", "ge1", "da1", "da1")),  # 瘩 lists da5: the doubled one is dā
        ("干干脆脆", ("gan1", "gan1", "cui4", "cui4")),
        ("黏黏糊糊", ("nian2", "nian2", "hu1", "hu1")),  # the doubled 糊 is hū
        ("糊里糊涂", ("hu2", "li5", "hu2", "tu2")),  # 现代汉语词典 hú·lihútú
        ("怪里怪气", ("guai4", "li5", "guai4", "qi4")),  # no word 怪气: usual readings
    ],
)
def test_readings_come_from_the_word_doubled(word: str, expected: tuple[str, ...]) -> None:
    assert doubling.readings(Lexicon.shared(), word) == expected


@pytest.mark.parametrize(
    "word", ["姐姐妹妹", "公公婆婆", "家里家外", "哪里哪里", "看看看看", "一字不差"]
)
def test_two_words_and_other_shapes_are_no_doubled_form(word: str) -> None:
    assert doubling.readings(Lexicon.shared(), word) is None


def test_a_phrase_table_entry_is_taken_only_reading_each_pair_alike() -> None:
    assert doubling.alike("含含糊糊", ("han2", "han2", "hu1", "hu1"))
    assert not doubling.alike("本本分分", ("ben3", "ben3", "fen4", "fen1"))
