"""The lexicon: pypinyin's tables with our corrections (data/usual.txt, words.txt)."""

from __future__ import annotations

from pypinyin.constants import PINYIN_DICT

from publish.pinyin.lexicon import Lexicon, usual_readings
from publish.pinyin.styles import from_marked


def test_a_corrected_usual_reading_comes_first_and_the_others_stay() -> None:
    lexicon = Lexicon.shared()
    assert lexicon.char_readings("颇") == ("po1", "po3")
    assert lexicon.char_readings("框")[0] == "kuang4"
    assert set(lexicon.char_readings("框")) == {"kuang1", "kuang4", "kuang2"}
    assert lexicon.base_tone("萎") == 3


def test_every_usual_reading_is_one_the_table_knows() -> None:
    """A typo in data/usual.txt would add a reading no dictionary gives."""
    for char, usual in usual_readings().items():
        table = {from_marked(r) for r in PINYIN_DICT[ord(char)].split(",")}
        assert usual in table, char
