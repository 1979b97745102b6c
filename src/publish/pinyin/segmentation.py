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
