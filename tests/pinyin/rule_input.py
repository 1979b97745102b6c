"""What the engine hands its rules (particles.apply, names.apply), made plainly for tests."""

from __future__ import annotations

from publish.pinyin import segmentation
from publish.pinyin.lexicon import Lexicon


def words_and_usual_readings(text: str) -> tuple[list[tuple[int, int]], list[str | None]]:
    """`text` cut into jieba's words, as (start, end) spans, and each character's usual
    reading (None for a character with none)."""
    spans = []
    position = 0
    for word in segmentation.cut(text):
        spans.append((position, position + len(word)))
        position += len(word)
    readings = [(Lexicon.shared().char_readings(c) or [None])[0] for c in text]
    return spans, readings
