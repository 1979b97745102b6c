"""Where a paragraph's last line must start: the runs of its ending.

Text processing, used at rendering: the layouts keep a paragraph's ending on one line with a
`white-space: nowrap` span (common/blocks.html, the `line_endings` filter), and the print document
joins a title's or heading's last two characters (builders/pdf/document.py). Both find the
ending here, once.

A paragraph whose last line is one character and its closing mark ("作。") reads as a line
lost (issue 14, defect 3). Browsers' `text-wrap: pretty` does not prevent it for Chinese
(Chromium 156 left 39 on the community reader's site), and a character such as a word joiner
would stay in the text of an HTML page, where search would no longer find the last word across
it: a span adds no character.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .model import Emphasis, Inline, Inlines, LineBreak, PageBreak, Ruby, Strong, Text, plain_text
from .punctuation import HAN, OPENING

_TRAILING_OPENING = re.compile(f"[{OPENING}]+ *$")
MAX_LETTERS_AND_DIGITS = 6
"""An ending holds at most this many letters and digits ("借 5 本；", "2026 年。"): the span
cannot wrap, and a longer word or number in it ("写成 abc12345。", a URL) would run past a
phone's line at 特大."""


def line_endings(runs: Sequence[Inline]) -> list[tuple[Inlines, bool]]:
    """`runs` in pieces, each with whether it is an ending: the ending of each line (a verse's
    lines end at `LineBreak`, and each is a last line) is a piece of its own."""
    pieces: list[tuple[Inlines, bool]] = []
    line: list[Inline] = []
    for run in (*runs, None):
        if run is not None and not isinstance(run, LineBreak):
            line.append(run)
            continue
        before, ending = split_ending(line)
        pieces += [(before, False)] if before else []
        pieces += [(ending, True)] if ending else []
        pieces += [((run,), False)] if run is not None else []
        line = []
    return pieces


def split_ending(runs: Sequence[Inline], han: int = 2) -> tuple[Inlines, Inlines]:
    """`runs` cut in two, (before, ending): the ending starts at the `han`-th Han character from
    the end, with the opening marks before it (clreq §3.1.7: they never end a line) and
    everything after it (closing marks, digits, emphasis). The ending is empty when the last
    line runs to a line break or into a link first, or when there are fewer Han characters;
    and when letters or digits follow the last Han character (the last line then holds them,
    never one character alone) or there are more than `MAX_LETTERS_AND_DIGITS` of them.

    A word's ruby (`--pinyin-words`, `Ruby.written`) is not cut: it is one box under one
    reading, and the ending then holds all of it. Not into a link: the print layout's tags
    would put the span outside the link's structure element (PDF/UA-1's LINK-TAG rule), and
    a link's text is the link's name, kept whole."""
    found = _split(tuple(runs), han)
    if not isinstance(found, tuple):
        return tuple(runs), ()
    before, ending = found
    if not _short_and_closed_by_han(plain_text(ending)):
        return tuple(runs), ()
    if before and isinstance(before[-1], Text):
        text = before[-1].text
        if opening := _TRAILING_OPENING.search(text):
            cut = opening.start()
            before = (*before[:-1], *([Text(text[:cut])] if cut else []))
            first = ending[0]
            if isinstance(first, Text):
                ending = (Text(text[cut:] + first.text), *ending[1:])
            else:
                ending = (Text(text[cut:]), *ending)
    return before, ending


def _split(runs: Inlines, han: int) -> tuple[Inlines, Inlines] | int | None:
    """(before, ending) with `han` Han characters in the ending; else how many were missing
    (the runs hold too few), or None where the last line meets a line break or a link."""
    for k in range(len(runs) - 1, -1, -1):
        run = runs[k]
        after = runs[k + 1 :]
        match run:
            case Text(text=text):
                count = sum(1 for c in text if HAN.match(c))
                if count < han:
                    han -= count
                    continue
                cut = _han_position(text, count - han)
                kept: Inlines = (Text(text[:cut]),) if cut else ()
                return (*runs[:k], *kept), (Text(text[cut:]), *after)
            case Ruby():
                chars = len(run.chars())  # 葛 and its variation selector are one character
                if chars < han:
                    han -= chars
                    continue
                cut = 0 if run.written else chars - han
                if not cut:
                    return runs[:k], runs[k:]
                return (*runs[:k], ruby_part(run, 0, cut)), (ruby_part(run, cut, None), *after)
            case Emphasis(children=children) | Strong(children=children):
                inner = _split(children, han)
                if inner is None:
                    return None
                if isinstance(inner, int):
                    han = inner
                    continue
                head, tail = inner
                return (
                    (*runs[:k], *([replace(run, children=head)] if head else [])),
                    (replace(run, children=tail), *after),
                )
            case PageBreak():
                continue
            case _:  # a link, or a line break: the last line is the author's
                return None
    return han


def _short_and_closed_by_han(ending: str) -> bool:
    """Whether `ending` holds few letters and digits, and none after its last Han character."""
    last_han = max(i for i, c in enumerate(ending) if HAN.match(c))
    others = [i for i, c in enumerate(ending) if c.isalnum() and not HAN.match(c)]
    return len(others) <= MAX_LETTERS_AND_DIGITS and all(i < last_han for i in others)


def _han_position(text: str, index: int) -> int:
    """Where the `index`-th (from 0) Han character of `text` is."""
    seen = -1
    for position, c in enumerate(text):
        if HAN.match(c):
            seen += 1
            if seen == index:
                return position
    raise ValueError(index)


def ruby_part(run: Ruby, start: int, stop: int | None) -> Ruby:
    """The characters `start:stop` of a ruby, with their readings (`Ruby.part`)."""
    return run.part(start, stop)
