"""pypinyin's character and phrase tables, read without importing pypinyin.

The lexicon (lexicon.py) and the reader styles (styles.py) need only these two tables. Importing
`pypinyin.constants` runs pypinyin's package first, which also builds its own word segmenter
from the phrase table and loads its converters: 0.1 s of CPU that a rebuild after a typo spent
for nothing, on top of the tables' own 0.1 s. The tables are the JSON files of the installed
package, parsed as pypinyin parses them (tests/pinyin/test_tables.py checks they are equal).
"""

from __future__ import annotations

import json
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any


def _data(name: str) -> Any:
    return json.loads(data_bytes(name).decode("utf-8"))


def data_bytes(name: str) -> bytes:
    """The bytes of one of the installed pypinyin's data files (`phrases_dict.json`)."""
    spec = find_spec("pypinyin")  # finds the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pypinyin is not installed")
    return Path(next(iter(spec.submodule_search_locations)), name).read_bytes()


@cache
def characters() -> dict[int, str]:
    """pypinyin's `PINYIN_DICT`: code point -> its tone-marked readings, comma-separated, the
    usual one first."""
    return {int(code): readings for code, readings in _data("pinyin_dict.json").items()}


@cache
def phrases() -> dict[str, list[list[str]]]:
    """pypinyin's `PHRASES_DICT`: word -> for each character, its tone-marked readings."""
    return _data(PHRASES)


PHRASES = "phrases_dict.json"
"""pypinyin's phrase table's file."""
