"""What the engine gives: an `Analysis` of a text (a reading and its source per character, and
the words), and `Word`, a word with its readings in a style.

Every step after the engine reads these: annotate.py stores them per article, the builders
print them, proof.py lists the open ones for editors.
"""

from __future__ import annotations

from dataclasses import dataclass

from .segmentation import HAN


@dataclass(frozen=True, slots=True)
class Word:
    """A run of a text: a word of Han characters, or a run of anything else."""

    text: str
    """The characters, exactly as in the input."""
    readings: tuple[str | None, ...]
    """One reading per character in the engine's style; None for a character with none."""
    start: int
    """Index of the first character in the input text."""

    @property
    def is_han(self) -> bool:
        """Whether this is a word of Han characters (which has readings)."""
        return bool(HAN.fullmatch(self.text))


@dataclass(frozen=True, slots=True)
class Analysis:
    """An analysed text: syllables per character (engine spelling) and word boundaries."""

    text: str
    syllables: tuple[str | None, ...]
    """Engine syllables (`zhong4`) per character; None for non-Han or unknown characters."""
    spans: tuple[tuple[int, int], ...]
    """(start, end) of each word, covering the whole text in order."""
    unknown: tuple[str, ...]
    """Han characters of the text with no known reading, and ideographic descriptions (⿰氵每),
    once each."""
    sources: tuple[str | None, ...] = ()
    """Per character, what decided its reading: one of `SOURCES` (None where there is none)."""
    confidences: tuple[float | None, ...] = ()
    """Per character, the model's probability for the reading given, where the model weighed
    the character (also where the lexicon or a rule then decided), else None."""
    alternatives: tuple[tuple[str, ...], ...] = ()
    """Per character, the other readings that were open at a common polyphone (one the model
    knows) that no dictionary word of its own reads: a rule, the model or the dictionary words
    overlapping it decided (empty where its word settled it)."""


SOURCES = ("user", "article", "lexicon", "rule", "model")
"""Where a reading comes from: the collection's pinyin.yaml (or the `dictionary` given to
the engine), the article's own dictionary and names, the lexicon (a dictionary word, our
curated lists, a character's only or usual reading), a context rule, the polyphone model."""

OPEN_SOURCES = frozenset({"rule", "model"})
"""Sources that choose among readings the lexicon left open: what an editor proofreads."""


def code_points(text: str) -> str:
    """`U+2B81D` for each character of `text`, space-separated: how a report names a
    character that a reader's font may not show."""
    return " ".join(f"U+{ord(char):04X}" for char in text)
