"""Syllables to braille cells, from the data derived from liblouis's tables.

Braille step, first part: the engine's reading of each Han character (a numbered syllable,
`hang2`, without the sandhi of 一 and 不: braille spells citation tones) becomes cells here;
`words.py` joins them into words and `pages.py` sets the pages.

Rules (the data itself comes from liblouis, `scripts/make_braille_tables.py`):
- 国家通用盲文 (GF 0019-2018 《国家通用盲文方案》, 2018; liblouis `zhcn-cbs.ctb`, its 2022
  form): a syllable is initial, final and tone (g/j, k/q and h/x share a cell; zhi, chi, shi,
  ri, zi, ci, si are the initial alone). Every tone is marked except, per initial, the one the
  scheme leaves unmarked (声调省写), and the neutral tone, which is never marked. Six
  characters have shorthand spellings (简写: 的 么 你 他 她 它).
- 现行盲文 (the 1952 scheme; liblouis `zh-chn.ctb`): the same initials and finals with no
  tone, except a character outside the CBS table's 7,093 common characters (about levels 1
  and 2 of 《通用规范汉字表》), whose tone is marked: a rare character is the case where
  现行盲文 conventions mark tones to tell a reading apart. Its tone cells are the CBS's.
- Syllables no one-reading character spells (neng, for 能 has five readings) are their
  initial's cell and their final's, read off the others.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

_INITIALS = (
    "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
    "r", "z", "c", "s", "y", "w",
)  # fmt: skip


def initial_of(base: str) -> str:
    """The pinyin initial of a toneless syllable (y and w count as initials; "" for none)."""
    for initial in _INITIALS:
        if base.startswith(initial) and base != initial:
            return initial
    return ""


@dataclass(frozen=True, slots=True, eq=False)
class System:
    """One braille system's spelling data."""

    name: str
    """cbs or current."""
    table: str
    """The liblouis table the data was derived from."""
    syllables: dict[str, str]
    """Toned syllable (`hang2`) -> cells, as liblouis spells its one-reading characters."""
    bases: dict[str, str]
    """Toneless syllable (`hang`) -> cells without a tone mark."""
    unmarked: dict[str, int]
    """Initial -> the tone the scheme leaves unmarked (empty for a toneless system)."""
    tones: dict[int, str]
    """Tone -> the mark after a syllable, ⠁ ⠂ ⠄ ⠆ (GF 0019-2018; the same in 现行盲文)."""
    initials: dict[str, str]
    """Initial -> its cell, for syllables that no one-reading character spells."""
    finals: dict[str, str]
    """Final (`v` for ü) -> its cell, likewise."""
    abbreviations: dict[str, tuple[str, str]]
    """Character -> (the reading it abbreviates, its shorthand cells)."""
    characters: dict[str, tuple[str, str]]
    """Character -> (its reading, its cells) where the table marks its tone otherwise than
    its syllable's (在 ⠵⠪, 再 ⠵⠪⠆)."""
    punctuation: dict[str, str]
    """Punctuation character -> cells (a trailing blank cell removed: spacing is the
    word division's)."""
    before_number: dict[str, str]
    """Marks the CBS table writes otherwise right before a number (： ⠠⠄ in 时间：2024)."""
    common: frozenset[str]
    """The CBS table's characters; 现行盲文 marks the tone of any other."""
    initial_cells: frozenset[str] = frozenset()
    """The cells that start a syllable with an initial (the others start with a final)."""
    shorthand_cells: frozenset[str] = frozenset()
    """The shorthands' cells."""

    def spell(self, char: str, syllable: str) -> str | None:
        """The cells of `char` read as `syllable` (`hang2`); None for a syllable unknown."""
        return _spell(self, char, syllable)

    def spelled(self, char: str, syllable: str) -> str | None:
        """`spell`, uncached."""
        own = self.abbreviations.get(char) or self.characters.get(char)
        if own is not None and own[0] == syllable:
            return own[1]
        base, tone = syllable[:-1], int(syllable[-1])
        if self.name == "current":
            cells = self.base(base)
            if cells is None:
                return None
            return cells + self.tones[tone] if tone != 5 and char not in self.common else cells
        known = self.syllables.get(syllable)
        if known is not None:
            return known
        cells = self.base(base)
        if cells is None:
            return None
        if tone == 5 or self.unmarked.get(initial_of(base)) == tone:
            return cells
        return cells + self.tones[tone]

    def base(self, base: str) -> str | None:
        """The cells of a toneless syllable: liblouis's, else its initial's and final's."""
        cells = self.bases.get(base)
        if cells is not None:
            return cells
        initial = initial_of(base)
        final = base[len(initial) :]
        if initial in ("", "y", "w") or initial not in self.initials:
            return None
        if initial in ("j", "q", "x") and final.startswith("u"):
            final = "v" + final[1:]
        if final not in self.finals:
            return None
        return self.initials[initial] + self.finals[final]


@lru_cache(maxsize=1 << 16)
def _spell(spelling: System, char: str, syllable: str) -> str | None:
    return spelling.spelled(char, syllable)


@dataclass(frozen=True, slots=True)
class Symbols:
    """Cells shared by both systems: letters, digits, mode indicators, the BRF encoding."""

    letters: dict[str, str]
    accented: dict[str, str]
    """Latin letters with accents liblouis spells (é ⠘⠌⠑), either case, capital sign included."""
    digits: dict[str, str]
    number_sign: str
    capital: str
    capital_word: str
    letter_after_number: str
    decimal_point: str
    thousands: str
    ascii: dict[str, str]
    """Cell -> North American Braille ASCII character (liblouis `en-us-brf.dis`), for BRF."""


@cache
def _data() -> dict[str, Any]:
    """cells.json, as scripts/make_braille_tables.py wrote it."""
    text = resources.files(__package__).joinpath("data/cells.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def system(name: str) -> System:
    """The spelling data of a braille system (cbs or current), loaded once."""
    entry = _data()["systems"][name]
    blank = "\u2800"
    return System(
        name=name,
        table=entry["table"],
        syllables=entry["syllables"],
        bases=entry["bases"],
        unmarked={k: int(v) for k, v in entry["unmarked"].items()},
        tones={int(tone): cells for tone, cells in _data()["tones"].items()},
        initials=entry["initials"],
        finals=entry["finals"],
        abbreviations={c: (s, cells) for c, (s, cells) in entry["abbreviations"].items()},
        characters={c: (s, cells) for c, (s, cells) in entry["characters"].items()},
        punctuation={c: cells.rstrip(blank + " ") for c, cells in entry["punctuation"].items()},
        before_number=entry["before_number"],
        common=frozenset(_data()["common"]),
        initial_cells=frozenset(entry["initials"].values()),
        shorthand_cells=frozenset(cells for _, cells in entry["abbreviations"].values()),
    )


@cache
def symbols() -> Symbols:
    """Letters, digits and indicators, loaded once."""
    data = _data()
    return Symbols(**{field: data[field] for field in Symbols.__slots__})
