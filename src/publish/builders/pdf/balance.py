"""Titles and headings set on balanced lines in print.

WeasyPrint 70 has no `text-wrap: balance`, which the site and the EPUB use: a heading it
breaks fills its first line and leaves what is left on the last ("彰显新时期工会 / 作用").
Chinese editors set a heading's lines about even ("彰显新时期 / 工会作用"). Here the heading's
lines are worked out from its characters' widths on the print grid, and the heading gets the
narrowest width that keeps its number of lines: WeasyPrint then breaks it there itself.

The widths are estimates (the grid's cells, the face's advances for letters and digits), so
the width given is one cell wider than the narrowest: an estimate a little short still leaves
the same number of lines, and a heading never gets more lines than it had (a wider width never
gives more lines when lines are filled greedily, and the text area's width is the upper bound).
Units that `phrasing.phrases` keeps whole (words, short phrases) are never broken here either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ...model import Emphasis, Inline, LineBreak, Link, Ruby, Strong, Text, split_lines, units
from ...phrasing import PARTICLES, phrases
from ...punctuation import CLOSING, HAN, OPENING

Widths = Callable[[str, str], float]
"""The width of one character (with its reading, "" if none) in em of the heading's font."""

_PRECISION_EM = 0.05


def balanced_width(runs: Sequence[Inline], available_em: float, width: Widths) -> float | None:
    """The width (em) to give a heading of `runs` so that its lines are even, or None where
    each of its lines (lines end at `LineBreak`) takes one line of the page, or where the
    narrowest width gains nothing."""
    lines = [atoms for line in split_lines(tuple(runs)) if (atoms := _atoms(line, width))]
    counts = [_line_count(atoms, available_em) for atoms in lines]
    if not lines or max(counts) <= 1:
        return None
    needed = 0.0
    for atoms, count in zip(lines, counts, strict=True):
        if count == 1:
            needed = max(needed, sum(atoms))
            continue
        low, high = max(sum(atoms) / count, max(atoms)), available_em
        while high - low > _PRECISION_EM:
            middle = (low + high) / 2
            if _line_count(atoms, middle) <= count:
                high = middle
            else:
                low = middle
        needed = max(needed, high)
    cells = [width(char, reading) for char, reading in _characters(runs) if HAN.match(char)]
    slack = max(cells, default=1.0)
    measure = round(needed + slack, 2)
    return measure if measure < available_em else None


def _atoms(runs: Sequence[Inline], width: Widths) -> list[float]:
    """The widths of what a line may not be broken inside: a kept unit whole, other
    characters one by one, a closing mark, a particle (的) or a word joiner with what comes
    before it and an opening mark with what follows, letters and digits together (a word)."""
    atoms: list[float] = []
    glue_next = in_word = False
    for piece, kept in phrases(tuple(runs)):
        chars = _characters(piece)
        if kept:
            atoms.append(sum(width(c, r) for c, r in chars))
            glue_next = in_word = False
            continue
        for char, reading in chars:
            latin = char.isascii() and char.isalnum()
            glued = char in CLOSING or char in PARTICLES or char == "\u2060"
            if atoms and (glue_next or glued or (latin and in_word)):
                atoms[-1] += width(char, reading)
            else:
                atoms.append(width(char, reading))
            glue_next, in_word = char in OPENING or char == "\u2060", latin
    return atoms


def _characters(runs: Sequence[Inline]) -> list[tuple[str, str]]:
    """Each character of `runs` (with its variation selectors, `model.units`) with its
    reading ("" where it has none): a selector takes no room of its own."""
    out: list[tuple[str, str]] = []
    for run in runs:
        match run:
            case Text(text=text):
                out += [(c, "") for c in units(text)]
            case Ruby():
                out += list(run.pairs())
            case Emphasis(children=children) | Strong(children=children) | Link(children=children):
                out += _characters(children)
            case LineBreak():
                pass
    return out


def _line_count(atoms: list[float], measure: float) -> int:
    """How many lines greedy filling at `measure` em gives."""
    lines, used = 1, 0.0
    for w in atoms:
        if used and used + w > measure + 1e-9:
            lines, used = lines + 1, 0.0
        used += w
    return lines
