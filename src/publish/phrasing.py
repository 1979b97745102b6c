"""Where a title, a heading or a speaker's line may break: between its words, not inside them.

Text processing, used at rendering: the layouts keep each unit found here on one line with a
span (common/blocks.html, the `phrases` filter), in the PDF, the EPUB and the site alike; print
also balances the lines of titles and headings from these units (builders/pdf/balance.py).

Chinese body text may break between any two characters, and does. A display line may not: a
title set at 特大 broke "高质量发 / 展”", a heading "创新方法 务求 / 实效", where an editor
breaks at the phrase ("创新方法 / 务求实效") or at least between words. So on these short lines:
- a phrase set off by spaces (a headline's two halves) is one unit when it is short;
- a longer phrase is cut into words (jieba's, pinyin/segmentation.py), and each word of two to
  `MAX_WORD` Han characters is a unit;
- a unit takes the opening marks before it and the closing marks after it (clreq §3.1.7), and
  a particle after it (的, 了 ...).
Print keeps a unit with `white-space: nowrap` (a heading's line holds eight characters or more
in every preset); the site and the EPUB set it as an inline block, which breaks inside itself
when it is longer than a line (a phone at 特大 holds four). No character is added, so search and
the accessible text are unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise

from .model import SELECTOR, Emphasis, Inline, Inlines, Link, Ruby, Strong, Text, plain_text
from .punctuation import CLOSING, HAN, OPENING

MAX_PHRASE = 6
"""A phrase set off by spaces of at most this many Han characters is kept whole."""
MAX_WORD = 5
"""A word of at most this many Han characters is kept whole (二十四节气); a longer one (a name
such as 联合国教科文组织) may break, as body text does."""

PARTICLES = frozenset("的地得了着过们吗呢吧啊")
"""Particles that jieba leaves as words of their own and that never start a line of a title:
each stays with the word before it ("老年朋友的 / 就诊流程", not "老年朋友 / 的就诊流程")."""
_BOUND_PREFIXES = "副"
"""Characters that start a word and never end one in a title or role (副主席, 副书记)."""
_PHRASE = re.compile("[^\\s\u3000]+")
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
"""Format characters that segmentation skips: a word joiner the print layout puts between a
title's last two characters stays inside their unit."""


def phrases(runs: Sequence[Inline] | str) -> list[tuple[Inlines, bool]]:
    """`runs` (or a plain text, such as the metadata line's date) in pieces, each with whether
    it is a unit to keep on one line. A unit is never cut out of a link or a word's ruby
    (`Ruby.written`, one box): such a unit is left out."""
    runs = (Text(runs),) if isinstance(runs, str) else tuple(runs)
    text = plain_text(runs)
    if not HAN.search(text):
        return [(runs, False)] if runs else []
    inside = _uncuttable(runs)
    spans = [(s, e) for s, e in unit_spans(text) if s not in inside and e not in inside]
    if not spans:
        return [(runs, False)]
    cuts = sorted({offset for span in spans for offset in span} - {0, len(text)})
    bounds = [0, *cuts, len(text)]
    units = set(spans)
    return [
        (tuple(piece), (start, end) in units)
        for piece, start, end in zip(_cut(runs, cuts), bounds[:-1], bounds[1:], strict=True)
    ]


@lru_cache(maxsize=8192)
def unit_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of each unit of `text`, in order, none overlapping."""
    visible = [i for i, c in enumerate(text) if c not in _INVISIBLE]
    stripped = "".join(text[i] for i in visible)
    spans: list[tuple[int, int]] = []
    for phrase in _PHRASE.finditer(stripped):
        start, end = phrase.span()
        han = _han_count(phrase.group())
        if han <= 1:
            continue
        if han <= MAX_PHRASE:
            spans.append(_with_marks(stripped, start, end))
            continue
        from .pinyin.segmentation import cut

        position = start
        for word in _joined(cut(phrase.group())):
            word_start, position = position, position + len(word)
            longest = MAX_WORD + (word[-1] in PARTICLES)
            if 2 <= _han_count(word) == len(word) <= longest:
                spans.append(_with_marks(stripped, word_start, position))
    # Mapped back onto `text`: a unit ends after its last visible character, so a joiner after
    # it (none is) would stay outside, and one inside it stays inside.
    return tuple((visible[s], visible[e - 1] + 1) for s, e in spans)


def _joined(words: list[str]) -> list[str]:
    """`words` with a word ending in a bound prefix joined to the next (jieba cuts a title's
    副 off its post: "常务副 / 主席", "副 / 书记", which a role line must keep whole), and a
    particle to the Han word before it ("朋友的", "里的")."""
    joined: list[str] = []
    for word in words:
        prefix = joined and joined[-1][-1] in _BOUND_PREFIXES and HAN.match(word[0])
        particle = joined and word in PARTICLES and HAN.match(joined[-1][-1])
        if prefix or particle:
            joined[-1] += word
        else:
            joined.append(word)
    return joined


def _with_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) widened over the opening marks before and the closing marks after."""
    while start > 0 and text[start - 1] in OPENING:
        start -= 1
    while end < len(text) and text[end] in CLOSING:
        end += 1
    return start, end


def _han_count(text: str) -> int:
    return sum(1 for c in text if HAN.match(c))


def _uncuttable(runs: Inlines) -> set[int]:
    """The offsets inside a link or a word's ruby, where no unit may start or end, and
    before a variation selector, which belongs to the character before it."""
    inside = {found.start() for found in SELECTOR.finditer(plain_text(runs))}
    position = 0
    for run in runs:
        length = len(plain_text((run,)))
        match run:
            case Link() | Ruby(written=(_, *_)):
                inside.update(range(position + 1, position + length))
            case Emphasis(children=children) | Strong(children=children):
                inside.update(position + i for i in _uncuttable(children))
        position += length
    return inside


def _cut(runs: Inlines, cuts: list[int], offset: int = 0) -> list[list[Inline]]:
    """`runs` (whose text starts at `offset`) cut at each offset of `cuts`, in order: one
    piece more than cuts. A run across a cut is split: a text, a ruby with its readings, an
    emphasis into two emphases."""
    pieces: list[list[Inline]] = [[]]
    position = offset
    for run in runs:
        length = len(plain_text((run,)))
        if position in cuts and position != offset and pieces[-1]:
            pieces.append([])
        inner = [c for c in cuts if position < c < position + length]
        if not inner:
            pieces[-1].append(run)
        else:
            parts = _split_run(run, [c - position for c in inner])
            pieces[-1].append(parts[0])
            pieces.extend([part] for part in parts[1:])
        position += length
    return pieces


def _split_run(run: Inline, cuts: list[int]) -> list[Inline]:
    """`run` cut at offsets `cuts` of its own text (links and words' rubies never come here)."""
    bounds = list(pairwise([0, *cuts, len(plain_text((run,)))]))
    match run:
        case Text(text=text):
            return [Text(text[a:b]) for a, b in bounds]
        case Ruby():
            return [run.between(a, b) for a, b in bounds]
        case Emphasis(children=children) | Strong(children=children):
            return [replace(run, children=tuple(part)) for part in _cut(children, cuts)]
    raise ValueError(run)
