"""A braille reader for the tests: cells back to tone-number syllables.

Built from the spelling rules (every syllable in every tone, the shorthands), not from the
words the builder wrote, so a word that cannot be read back, or reads back as another
syllable, fails the round trip.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from itertools import product

from publish.builders.braille.syllables import System, initial_of, symbols

BLANK = "\u2800"
_TONES = (1, 2, 3, 4, 5)


class Decoder:
    """Reads braille words of one system back to syllables."""

    def __init__(self, system: System) -> None:
        self.system = system
        readings: dict[str, set[str]] = defaultdict(set)
        bases = _pinyin_syllables()
        for base, tone in product(sorted(bases), _TONES):
            cells = system.spell("", f"{base}{tone}")  # no character: never a shorthand
            if cells:
                readings[cells].add(f"{base}{tone}")
                if tone != 5:  # a tone mark reads as its tone, where the rule omits it too
                    readings[system.base(base) + system.tones[tone]].add(f"{base}{tone}")
        for syllable, cells in system.abbreviations.values():
            readings[cells].add(syllable)
        self.readings = dict(readings)
        self.longest = max(map(len, self.readings))
        marks = {*system.punctuation.values(), *system.before_number.values()}
        self.marks = sorted({c for c in marks if c}, key=len, reverse=True)
        marks = symbols()
        self.number_cells = {*marks.digits.values(), marks.number_sign, marks.decimal_point,
                             marks.thousands, "\u2812", "\u2824"}  # fmt: skip

    def word(self, cells: str) -> list[set[str]]:
        """The syllables of one braille word, each as the set of readings its cells allow
        (a syllable with no tone mark reads as the initial's unmarked tone or the neutral
        tone); punctuation and numbers are skipped. Of the ways to cut the word into
        syllables, marks and numbers, the one with the fewest marks and numbers,
        then the fewest syllables, is read (现行盲文's ·
        is the final ⠡, ⠼ the final eng as well as the number sign). AssertionError if it
        cannot be read."""
        size = len(cells)
        # best[i]: (marks used, syllables) for the first i cells.
        best: list[tuple[int, list[set[str]]] | None] = [None] * (size + 1)
        best[0] = (0, [])
        number_sign = symbols().number_sign
        for start in range(size):
            here = best[start]
            if here is None:
                continue
            steps: list[tuple[int, int, set[str] | None]] = []
            # A word that starts with the number sign is a number (no syllable is eng alone).
            syllables = 0 if start == 0 and cells[0] == number_sign else self.longest
            for length in range(1, min(syllables, size - start) + 1):
                piece = cells[start : start + length]
                if piece in self.readings:
                    steps.append((start + length, 0, self.readings[piece]))
            steps += [(start + len(m), 1, None) for m in self.marks if cells.startswith(m, start)]
            if cells[start] == number_sign:
                end = start + 1
                while end < size and cells[end] in self.number_cells:
                    end += 1
                steps.append((end, 1, None))
            for end, cost, reading in steps:
                candidate = (here[0] + cost, here[1] + ([reading] if reading else []))
                known = best[end]
                if known is None or (candidate[0], len(candidate[1])) < (known[0], len(known[1])):
                    best[end] = candidate
        if best[size] is None:
            raise AssertionError(f"cannot read {cells!r}")
        return best[size][1]  # type: ignore[index]

    def text(self, cells: str) -> list[set[str]]:
        """The syllables of a line of braille words."""
        return [s for word in cells.split(BLANK) if word for s in self.word(word)]


@cache
def _pinyin_syllables() -> set[str]:
    """Every toneless syllable Mandarin has (those of pypinyin's readings of all characters)."""
    from pypinyin.constants import PINYIN_DICT

    from publish.pinyin.styles import from_marked

    return {
        from_marked(reading)[:-1]
        for readings in PINYIN_DICT.values()
        for reading in readings.split(",")
    }


def unmarked_tone(system: System, syllable: str) -> int | None:
    """The tone a syllable's initial leaves unmarked (for messages)."""
    return system.unmarked.get(initial_of(syllable[:-1]))
