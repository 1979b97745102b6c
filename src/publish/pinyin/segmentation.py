"""Words and their parts of speech: jieba's dictionary and algorithm, through rjieba.

rjieba binds jieba-rs, the Rust port of jieba with jieba's own dictionary and HMM. On all of
CPP's 32,692 Han runs it cuts exactly as Python's jieba 0.42 does, and its dictionary tags
are posseg's without HMM, word for word; it is 15 times faster, and ready in 0.1 s where
Python's jieba took 0.6 s to load its dictionary and 0.2 s more for posseg's tags. For
unknown words its tagger differs from posseg's HMM; detected names (names.py) read the same
on CPP and on our tests.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TypeAlias

HAN_CHARS = (
    "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002a6df\U0002a700-\U0002ebef\U0002f800-\U0002fa1f\U00030000-\U000323af"
)
"""The Han characters as the inside of a regular-expression class (CJK unified and compatibility
ideographs of every extension, 〇)."""
HAN = re.compile(f"[{HAN_CHARS}]+")
"""Runs of Han characters."""

_IDS_ARITY = {chr(c): 2 for c in range(0x2FF0, 0x3000)} | {
    "\u2ff2": 3,  # ⿲ left to middle to right
    "\u2ff3": 3,  # ⿳ above to middle to below
    "\u2ffe": 1,  # ⿾ horizontal reflection
    "\u2fff": 1,  # ⿿ rotation
    "\u31ef": 2,  # ㇯ subtraction (Unicode 15.1)
}
"""Ideographic description characters and how many components each takes (Unicode ch. 18.2)."""
_IDS_OPERATOR = re.compile("[\u2ff0-\u2fff\u31ef]")
_IDS_COMPONENT = re.compile(f"[{HAN_CHARS}\u2e80-\u2fdf\u31c0-\u31e3\ue000-\uf8ff\uff1f?]")
"""A leaf of a description: a Han character, a radical, a stroke, a private-use glyph, or ？
for a component that cannot be written."""


def ideographic_descriptions(text: str) -> list[tuple[int, int]]:
    """Where `text` holds whole ideographic description sequences (⿰氵每: one character,
    described by its parts), as (start, end); an incomplete one is left out."""
    found: list[tuple[int, int]] = []
    for operator in _IDS_OPERATOR.finditer(text):  # rare: most texts have none
        i = operator.start()
        if found and i < found[-1][1]:
            continue  # inside the description found before
        end = _description_end(text, i)
        if end is not None:
            found.append((i, end))
    return found


def _description_end(text: str, i: int) -> int | None:
    """The end of the description or component starting at i, or None when it is not one."""
    if i >= len(text):
        return None
    arity = _IDS_ARITY.get(text[i])
    if arity is None:
        return i + 1 if _IDS_COMPONENT.fullmatch(text[i]) else None
    position: int | None = i + 1
    for _ in range(arity):
        position = _description_end(text, position)  # type: ignore[arg-type]
        if position is None:
            return None
    return position


Tagged: TypeAlias = tuple[tuple[str, str], ...]
"""(word, jieba part of speech) pairs: `v` a verb, `nr` a personal name, `x` unknown."""


def cut(text: str) -> list[str]:
    """jieba's words of a text (dictionary words, and its HMM for words it does not know)."""
    import rjieba

    return rjieba.cut(text, True)


@cache
def dictionary_tags(text: str) -> Tagged:
    """A text's dictionary words and their parts of speech (no HMM: a word the dictionary does
    not have is cut into characters)."""
    import rjieba

    return tuple(rjieba.tag(text, False))


@cache
def tags(text: str) -> Tagged:
    """A text's words, unknown ones found by the HMM, and their parts of speech."""
    import rjieba

    return tuple(rjieba.tag(text, True))


def in_dictionary(word: str) -> bool:
    """Whether `word` is in jieba's dictionary (rather than found by its HMM)."""
    import rjieba

    return bool(rjieba.has_word(word))


def frequency(word: str) -> int:
    """How often jieba's dictionary has seen `word`; for a word it does not have, what its
    dictionary words' frequencies make of it (rjieba's `suggest_freq`, which changes nothing)."""
    import rjieba

    return int(rjieba.suggest_freq(word))
