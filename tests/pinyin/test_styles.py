"""Syllable spellings: user input normalised, reader styles written."""

from __future__ import annotations

import pytest

from publish.pinyin.styles import convert, normalise


@pytest.mark.parametrize(
    ("written", "engine"),
    [
        ("lǜ", "lv4"),
        ("lü4", "lv4"),
        ("lv4", "lv4"),
        ("lu:4", "lv4"),
        ("LÜ4", "lv4"),
        ("zhōng", "zhong1"),
        ("de", "de5"),
        ("de5", "de5"),
        ("nǚ", "nv3"),
        ("ér", "er2"),
    ],
)
def test_normalise(written: str, engine: str) -> None:
    assert normalise(written) == engine


@pytest.mark.parametrize("bad", ["xyz", "lv9", "lǜ2", "", "a1b"])
def test_not_pinyin(bad: str) -> None:
    assert normalise(bad) is None


def test_convert() -> None:
    assert convert("lv4", "tone") == "lǜ"
    assert convert("lv4", "number") == "lü4"
    assert convert("lv4", "zhuyin") == "ㄌㄩˋ"
    assert convert("de5", "tone") == "de"
    assert convert("de5", "zhuyin") == "˙ㄉㄜ"


def test_tone_marks_are_pypinyins() -> None:
    """Tone marks come from pypinyin's character table, not its `to_tone` (importing pypinyin
    costs a rebuild 0.1 s): every syllable either spells gives the same marks."""
    from pypinyin.contrib.tone_convert import to_tone

    from publish.pinyin.styles import _marked_forms, _valid_syllables

    syllables = {f"{s}{tone}" for s in _valid_syllables() for tone in range(1, 6)}
    for syllable in sorted(syllables | set(_marked_forms())):
        expected = to_tone(syllable.replace("v", "ü") if syllable[-1] == "5" else syllable)
        assert convert(syllable, "tone") == expected, syllable
