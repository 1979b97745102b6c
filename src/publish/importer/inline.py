"""Inline formatting of saved HTML: the runs of one line (bold, italics, links, line breaks).

Import step 2 for HTML, called by the HTML reader for each line it ends. The reader hands over
the line's pieces of text, each with the marks it had on the page (`<b>`/`<strong>` or a bold
style, `<em>`/`<i>`, `<a href>`); this module applies the page's whitespace rule
(`page.normalise_space`, and the CSS Text 3 segment-break rule for Chinese) to the characters
with their marks, so the line's text is exactly what the plain reader makes of it, and groups
them into model runs: bold is `Strong`, italics `Emphasis`, a link `Link` (its target as written;
the importer resolves it later).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Emphasis, Inline, Inlines, LineBreak, Link, Strong, Text
from .page import INVISIBLE, SPACE, normalise_space

_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u2018-\u201d\u2026\u2014\U00020000-\U0003ffff"
# A line break in the HTML source between two Chinese characters is no space (CSS Text 3,
# segment break transformation: Chinese has no spaces between words).
CJK_BREAK = re.compile(f"(?<=[{_CJK}])[ \\t\\r]*\\n\\s*(?=[{_CJK}])")


@dataclass(frozen=True, slots=True)
class Mark:
    """How a piece of text was marked on the page."""

    bold: bool = False
    """Inside `<b>`, `<strong>` or an element styled bold."""
    italic: bool = False
    """Inside `<em>` or `<i>`."""
    href: str | None = None
    """The target of the enclosing `<a href>`, as written."""


PLAIN = Mark()


@dataclass(frozen=True, slots=True)
class Runs:
    """One line's text and runs."""

    text: str
    """The plain text, whitespace-normalised."""
    runs: Inlines
    """The runs when some text is marked; () for plain text."""
    strong: bool
    """The whole line is bold."""


def line_runs(pieces: Sequence[tuple[str, Mark]]) -> Runs:
    """The text and runs of a line made of `pieces`."""
    if all(mark == PLAIN for _, mark in pieces):  # most lines: no per-character work
        text = normalise_space(CJK_BREAK.sub("", "".join(text for text, _ in pieces)))
        return Runs(text, (), False)
    chars = [(char, mark) for text, mark in pieces for char in text]
    for pattern, replacement in ((CJK_BREAK, ""), (INVISIBLE, ""), (SPACE, " ")):
        chars = _substitute(chars, pattern, replacement)
    while chars and chars[0][0] == " ":
        chars.pop(0)
    while chars and chars[-1][0] == " ":
        chars.pop()
    text = "".join(char for char, _ in chars)
    visible = [mark for char, mark in chars if char != " "]
    strong = bool(visible) and all(mark.bold for mark in visible)
    if all(mark == PLAIN for _, mark in chars):
        return Runs(text, (), strong)
    runs: list[Inline] = []
    start = 0
    for index in range(1, len(chars) + 1):
        if index == len(chars) or chars[index][1] != chars[start][1]:
            piece = "".join(char for char, _ in chars[start:index])
            runs.extend(_runs(piece, chars[start][1]))
            start = index
    return Runs(text, _merge(runs), strong)


def joined(lines: Sequence[Runs]) -> Inlines:
    """The runs of several lines kept as one paragraph, with line breaks between them."""
    out: list[Inline] = []
    for line in lines:
        if out:
            out.append(LineBreak())
        out.extend(line.runs or (Text(line.text),))
    return tuple(out)


def _substitute(
    chars: list[tuple[str, Mark]], pattern: re.Pattern[str], replacement: str
) -> list[tuple[str, Mark]]:
    text = "".join(char for char, _ in chars)
    out: list[tuple[str, Mark]] = []
    last = 0
    for match in pattern.finditer(text):
        out.extend(chars[last : match.start()])
        if replacement and match.start() < match.end():
            out.append((replacement, chars[match.start()][1]))
        last = match.end()
    out.extend(chars[last:])
    return out


def _runs(text: str, mark: Mark) -> list[Inline]:
    if not text.strip():
        return [Text(text)]  # a bold or linked space is a space
    lead = trail = ""
    if mark.bold or mark.italic:
        # Punctuation at the edges of bold text stays outside it: CommonMark's delimiter
        # rules (6.2, left- and right-flanking runs) do not close **地址：** before a Han
        # character, so the source could not say it.
        core = text.strip()
        start, end = 0, len(core)
        while start < end and _edge(core[start]):
            start += 1
        while end > start and _edge(core[end - 1]):
            end -= 1
        if start >= end:
            return [Text(text)]
        lead = text[: len(text) - len(text.lstrip()) + start]
        trail = text[len(text.rstrip()) - (len(core) - end) :]
        text = core[start:end]
    run: Inline = Text(text)
    if mark.italic:
        run = Emphasis((run,))
    if mark.bold:
        run = Strong((run,))
    if mark.href is not None:
        run = Link(mark.href, (run,))
    return [r for r in (Text(lead), run, Text(trail)) if not isinstance(r, Text) or r.text]


def _edge(char: str) -> bool:
    """Punctuation or a symbol (Unicode P* and S*, as CommonMark counts them), or a space."""
    return unicodedata.category(char)[0] in "PSZ"


def merged(runs: Inlines | list[Inline]) -> Inlines:
    """`runs` with adjacent text runs joined (a link dropped for its text leaves pieces)."""
    return _merge(list(runs))


def _merge(runs: list[Inline]) -> Inlines:
    merged: list[Inline] = []
    for run in runs:
        if isinstance(run, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + run.text)
        else:
            merged.append(run)
    return tuple(merged)
