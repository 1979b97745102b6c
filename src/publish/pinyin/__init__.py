"""Pinyin for every builder: the engine and the annotation step.

Sources -> model -> **text processing (pinyin)** -> builders. `annotate.annotate_collection`
turns the Han characters of a collection into `Ruby` runs; `Engine` is the API underneath
(readings per character, words, styles). Importing this package is cheap: the dictionaries
and the model load on first use.
"""

from __future__ import annotations

from .analysis import Analysis, Word
from .engine import Engine
from .styles import STYLES, convert, normalise

__all__ = ["STYLES", "Analysis", "Engine", "Word", "convert", "normalise"]
