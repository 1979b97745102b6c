"""The lexicon: pypinyin's tables with our corrections (data/usual.txt, words.txt)."""

from __future__ import annotations

from collections import Counter
from importlib import resources

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


def _listed(name: str) -> list[str]:
    text = resources.files("publish.pinyin").joinpath("data", name).read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line.split()[0].rstrip("?") for line in lines if line]


def test_no_word_is_listed_twice() -> None:
    # Branches that each add a word merge into a list holding it twice, and the later entry wins
    # unseen (隔扇 in words.txt shadowed its neutral tone; 结结实实 came with two readings).
    neutral, words = _listed("neutral.txt"), _listed("words.txt")
    assert [w for w, n in Counter(neutral).items() if n > 1] == []
    assert [w for w, n in Counter(words).items() if n > 1] == []
    assert sorted(set(neutral) & set(words)) == []
