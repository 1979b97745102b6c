"""Pinyin for every builder: the engine and the annotation step.

Sources -> model -> **text processing (pinyin)** -> builders. `annotate.annotate_collection`
turns the Han characters of a collection into `Ruby` runs; `Engine` is the API underneath
(readings per character, words, styles). Importing this package is cheap: the dictionaries
and the model load on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .analysis import Analysis, Word
    from .engine import Engine
    from .styles import STYLES, convert, normalise

__all__ = ["STYLES", "Analysis", "Engine", "Word", "convert", "normalise"]

_MODULES = {
    "Analysis": "analysis",
    "Word": "analysis",
    "Engine": "engine",
    "STYLES": "styles",
    "convert": "styles",
    "normalise": "styles",
}


def __getattr__(name: str) -> Any:
    # The names are imported on first use (PEP 562): a module of the package imported alone
    # (`styles`, which a project's pinyin.yaml is checked with at every build) no longer
    # imports the engine's modules with it, 0.1 s of CPU.
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(import_module(f".{module}", __name__), name)
    return value
