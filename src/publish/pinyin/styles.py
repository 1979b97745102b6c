"""Pinyin syllables: one internal spelling, user spellings read in, reader styles written out.

Inside the engine every reading is a *numbered* syllable with `v` for ü and `5` for the neutral
tone (`lv4`, `le5`, `zhong1`): easy to compare and to change the tone of (sandhi). User
dictionaries may write `lǜ`, `lü4`, `lv4` or `lu:4`; `normalise` turns them all into `lv4`.
Readers get one of `STYLES`: tone marks (`lǜ`), tone numbers (`lü4`) or zhuyin (`ㄌㄩˋ`).
"""

from __future__ import annotations

import re
from functools import cache

from . import tables

STYLES = ("tone", "number", "zhuyin")
"""The reading styles a reader can choose (the manifest's `pinyin_style`)."""

_TONE_MARKS = {
    "ā": ("a", 1),
    "á": ("a", 2),
    "ǎ": ("a", 3),
    "à": ("a", 4),
    "ē": ("e", 1),
    "é": ("e", 2),
    "ě": ("e", 3),
    "è": ("e", 4),
    "ī": ("i", 1),
    "í": ("i", 2),
    "ǐ": ("i", 3),
    "ì": ("i", 4),
    "ō": ("o", 1),
    "ó": ("o", 2),
    "ǒ": ("o", 3),
    "ò": ("o", 4),
    "ū": ("u", 1),
    "ú": ("u", 2),
    "ǔ": ("u", 3),
    "ù": ("u", 4),
    "ǖ": ("v", 1),
    "ǘ": ("v", 2),
    "ǚ": ("v", 3),
    "ǜ": ("v", 4),
    "ń": ("n", 2),
    "ň": ("n", 3),
    "ǹ": ("n", 4),
    "ḿ": ("m", 2),
    "ế": ("ê", 2),
    "ề": ("ê", 4),
}
_SYLLABLE = re.compile(r"^(?:[bpmfdtnlgkhjqxzcsryw]|zh|ch|sh)?[aeiouvnmgrê]+$")


def normalise(syllable: str) -> str | None:
    """The engine spelling of a user's syllable (`lǜ`, `lü4`, `lu:4`, `LV4` -> `lv4`), or None.

    A syllable without a tone mark or number is read as neutral (`de` -> `de5`). None means the
    text is not a pinyin syllable at all.
    """
    text = syllable.strip().lower().replace("u:", "v").replace("ü", "v")
    tone = 0
    if text[-1:] in set("0123456789"):  # not str.isdigit: "²" is a digit int() refuses
        tone = int(text[-1])
        text = text[:-1]
        if not 0 <= tone <= 5:
            return None
    letters = []
    for char in text:
        if char in _TONE_MARKS:
            base, marked = _TONE_MARKS[char]
            if tone and tone != marked:
                return None
            tone = marked
            letters.append(base)
        else:
            letters.append(char)
    plain = "".join(letters)
    if not plain or plain not in _valid_syllables():
        return None
    return f"{plain}{tone or 5}"


def split_tone(syllable: str) -> tuple[str, int]:
    """An engine syllable's letters and tone: `lv4` -> (`lv`, 4)."""
    return syllable[:-1], int(syllable[-1])


def with_tone(syllable: str, tone: int) -> str:
    """The syllable with another tone (used by sandhi): `yi1`, 2 -> `yi2`."""
    return f"{syllable[:-1]}{tone}"


@cache
def convert(syllable: str, style: str) -> str:
    """An engine syllable written in a reader style: `lv4` -> `lǜ` / `lü4` / `ㄌㄩˋ`."""
    if style == "number":
        return syllable.replace("v", "ü")
    marked = _tone_marked(syllable)
    if style == "tone":
        return marked
    if style == "zhuyin":
        return _zhuyin(syllable, marked)
    raise ValueError(f"unknown pinyin style {style!r}: use {', '.join(STYLES)}")


def _tone_marked(syllable: str) -> str:
    letters = syllable[:-1]
    if syllable[-1] == "5" and letters.isascii() and letters.isalpha():
        return letters.replace("v", "ü")  # the neutral tone has no mark
    found = _marked_forms().get(syllable)
    if found is not None:
        return found
    # A toned syllable no character is read with (hm3, n1): pypinyin's own spelling of it.
    from pypinyin.contrib.tone_convert import to_tone

    return to_tone(syllable.replace("v", "ü") if syllable[-1] == "5" else syllable)


@cache
def _marked_forms() -> dict[str, str]:
    """Engine syllable -> tone-marked spelling, from pypinyin's character table: the spellings
    its `to_tone` gives (tests/pinyin/test_styles.py), without importing pypinyin (tables.py)."""
    marked = {m for readings in tables.characters().values() for m in readings.split(",")}
    return {from_marked(m): m for m in sorted(marked)}


def _zhuyin(syllable: str, marked: str) -> str:
    from pypinyin.style.bopomofo import BopomofoConverter

    text = BopomofoConverter().to_bopomofo(marked)
    # pypinyin writes the neutral-tone dot last; zhuyin textbooks print it first (˙ㄉㄜ).
    if text.endswith("˙"):
        text = "˙" + text[:-1]
    return text


@cache
def _valid_syllables() -> frozenset[str]:
    """Every toneless syllable pypinyin knows (its character table is the widest we have)."""
    found: set[str] = set()
    for readings in tables.characters().values():
        for marked in readings.split(","):
            found.add(_strip_marks(marked))
    found.update({"ê", "m", "n", "ng", "hm", "hng"})
    return frozenset(s for s in found if _SYLLABLE.match(s))


def _strip_marks(marked: str) -> str:
    return "".join(_TONE_MARKS.get(c, (c, 0))[0] for c in marked.replace("ü", "v"))


@cache
def from_marked(marked: str) -> str:
    """An engine syllable from pypinyin's tone-marked data (`zhòng` -> `zhong4`, `de` -> `de5`)."""
    tone = 5
    letters = []
    for char in marked:
        if char in _TONE_MARKS:
            base, tone = _TONE_MARKS[char]
            letters.append(base)
        else:
            letters.append("v" if char == "ü" else char)
    return f"{''.join(letters)}{tone}"
