"""A braille reader for the tests: cells back to tone-number syllables.

Built from the spelling rules (every syllable in every tone, the shorthands), not from the
words the builder wrote, so a word that cannot be read back, or reads back as another
syllable, fails the round trip.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import product

from publish.builders.braille.syllables import System, initial_of, symbols

BLANK = "\u2800"
_TONES = (1, 2, 3, 4, 5)


class Decoder:
    """Reads braille words of one system back to syllables."""

    def __init__(self, system: System) -> None:
        self.system = system
        readings: dict[str, set[str]] = defaultdict(set)
        bases = set(system.bases)
        for initial, final in product(system.initials, system.finals):
            base = initial + (final.replace("v", "u") if initial in "jqx" else final)
            bases.add(base)
        bases |= {i + "i" for i in ("zh", "ch", "sh", "r", "z", "c", "s")}
        for base, tone in product(sorted(bases), _TONES):
            cells = system.spell("", f"{base}{tone}")  # no character: never a shorthand
            if cells:
                readings[cells].add(f"{base}{tone}")
        for syllable, cells in system.abbreviations.values():
            readings[cells].add(syllable)
        self.readings = dict(readings)
        self.longest = max(map(len, self.readings))
        # Chinese marks only: the ASCII ones share cells with tones (";" is ⠆, the fourth tone).
        self.marks = sorted(
            (cells for mark, cells in system.punctuation.items() if not mark.isascii() and cells),
            key=len,
            reverse=True,
        )
        marks = symbols()
        self.number_cells = {*marks.digits.values(), marks.number_sign, marks.decimal_point,
                             marks.thousands, "\u2812", "\u2824"}  # fmt: skip

    def word(self, cells: str) -> list[set[str]]:
        """The syllables of one braille word, each as the set of readings its cells allow
        (a syllable with no tone mark reads as the initial's unmarked tone or the neutral
        tone); punctuation and numbers are skipped. AssertionError if it cannot be read."""
        found: list[set[str]] = []
        position = 0
        while position < len(cells):
            mark = next((m for m in self.marks if cells.startswith(m, position)), None)
            if mark is not None:
                position += len(mark)
                continue
            if cells[position] == symbols().number_sign:
                while position < len(cells) and cells[position] in self.number_cells:
                    position += 1
                continue
            for size in range(min(self.longest, len(cells) - position), 0, -1):
                piece = cells[position : position + size]
                if piece in self.readings:
                    found.append(self.readings[piece])
                    position += size
                    break
            else:
                raise AssertionError(f"cannot read {cells[position:]!r} in {cells!r}")
        return found

    def text(self, cells: str) -> list[set[str]]:
        """The syllables of a line of braille words."""
        return [s for word in cells.split(BLANK) if word for s in self.word(word)]


def unmarked_tone(system: System, syllable: str) -> int | None:
    """The tone a syllable's initial leaves unmarked (for messages)."""
    return system.unmarked.get(initial_of(syllable[:-1]))
