"""pypinyin's tables as read by tables.py, against pypinyin's own."""

from __future__ import annotations

from publish.pinyin import tables


def test_the_tables_are_pypinyins() -> None:
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    assert tables.characters() == PINYIN_DICT
    assert tables.phrases() == PHRASES_DICT
