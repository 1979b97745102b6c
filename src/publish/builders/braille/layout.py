"""Braille blocks set on lines and pages: 40 cells by 25 lines, with a contents page.

Braille step, third part: the blocks `document.py` made from the articles (each a braille
translation with its place: centred title, heading, indented paragraph) are set on lines and
pages here; `formats.py` writes the pages out.

Conventions (BANA *Braille Formats: Principles of Print-to-Braille Transcription* 2016, which
Chinese braille books follow in their page layout, and the Chinese paragraph indent of two
cells, 段首空两方):
- a page is 40 cells by 25 lines; the braille page number stands at the right end of the last
  line (§1.10), which holds nothing else, so the text has 24 lines;
- titles are centred (§4.3), with a blank line after the title block; a centred heading has a
  blank line before it; a lower heading starts in cell 5 (a "cell-5 heading", §4.4), with a
  blank line before it; a heading is kept on a page with the lines that follow it;
- paragraphs start in cell 3 and run over to cell 1; a list item starts in cell 1 and runs over
  to cell 3 (§8); a quotation is set two cells in;
- lines break between words; a word longer than a line breaks between syllables, never
  inside one; a punctuation mark stays on the line of the word it belongs to (words.py);
- blank lines at the top of a page are dropped;
- the contents (目录) list each article's title with guide dots (dot 5) to its braille page
  number at the right margin (§2.9).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .syllables import symbols
from .words import BLANK, BrailleWord

WIDTH = 40
"""Cells per line."""
LINES = 25
"""Lines per page, the page number's included."""
TEXT_LINES = LINES - 1
"""Lines of text per page: the last holds the page number."""
_GUIDE_DOT = "\u2810"
"""Dot 5, the guide dot of contents lines."""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a block goes and how it is set."""

    first: int = 0
    """Blank cells before the first line."""
    rest: int = 0
    """Blank cells before the lines that follow it."""
    centred: bool = False
    """Centre each line."""
    blank_before: bool = False
    """A blank line before it (dropped at the top of a page)."""
    keep_with_next: bool = False
    """Keep on one page with the first lines of the next block."""
    new_page: bool = False
    """Start a new page."""
    anchor: str = ""
    """The article whose first block this is (for the contents)."""


@dataclass(frozen=True, slots=True)
class Block:
    """A block of the braille edition: its words and how it is set."""

    lines: tuple[tuple[BrailleWord, ...], ...]
    """The words of each line the source sets apart (a headline over two lines)."""
    place: Placement = field(default_factory=Placement)
    """How it is set."""


@dataclass(frozen=True, slots=True)
class Page:
    """One braille page."""

    number: int
    """The braille page number."""
    lines: tuple[str, ...] = field(default=())
    """Its 25 lines of cells, the last the page number line; trailing blanks trimmed."""


def set_lines(block: Block, width: int = WIDTH) -> list[str]:
    """The block's lines, filled, indented and centred."""
    out: list[str] = []
    place = block.place
    for words in block.lines:
        if place.centred:
            # Centred lines keep two cells free on each side, so that they read as centred.
            for line in _fill(words, width - 4, 0, 0):
                out.append(BLANK * ((width - len(line)) // 2) + line)
            continue
        out.extend(_fill(words, width, place.first, place.rest))
    return out


def _fill(words: Sequence[BrailleWord], width: int, first: int, rest: int) -> list[str]:
    """Words set on lines of `width` cells, a blank cell between them."""
    lines: list[str] = []
    line = BLANK * first
    fresh = True  # nothing but the indent on this line yet
    for word in words:
        cells = word.cells
        need = len(cells) + (0 if fresh else 1)
        if len(line) + need <= width:
            line += cells if fresh else BLANK + cells
            fresh = False
            continue
        if not fresh:
            lines.append(line)
            line, fresh = BLANK * rest, True
        if len(line) + len(cells) <= width:
            line += cells
            fresh = False
            continue
        # Longer than a line: break between its parts (syllables), never inside one.
        for part in word.parts:
            if len(line) + len(part) > width and not fresh:
                lines.append(line)
                line = BLANK * rest
            while len(line) + len(part) > width:  # one part wider than a line (a long URL)
                room = width - len(line)
                lines.append(line + part[:room])
                line, part = BLANK * rest, part[room:]
            line += part
            fresh = False
    if not fresh or not lines:
        lines.append(line)
    return lines


def paginate(
    blocks: Sequence[Block], first_number: int, lines_of: Sequence[list[str]] | None = None
) -> tuple[list[Page], dict[str, int]]:
    """Blocks set on pages numbered from `first_number`; also each anchor's page number.
    `lines_of` are the blocks' lines if already set (`set_lines`)."""
    set_blocks = lines_of if lines_of is not None else [set_lines(b) for b in blocks]
    pages: list[list[str]] = [[]]
    anchors: dict[str, int] = {}
    index = 0
    while index < len(blocks):
        block = blocks[index].place
        lines = set_blocks[index]
        if block.new_page and any(pages[-1]):
            pages.append([])
        # A block kept with the next: the whole chain and two lines of what follows.
        group = len(lines)
        follow = index
        while follow < len(blocks) and blocks[follow].place.keep_with_next:
            follow += 1
            if follow < len(blocks):
                group += (1 if blocks[follow].place.blank_before else 0) + min(
                    2, len(set_blocks[follow])
                )
        if block.keep_with_next and group <= TEXT_LINES and len(pages[-1]) + group > TEXT_LINES:
            pages.append([])
        if block.blank_before and 0 < len(pages[-1]) < TEXT_LINES:
            pages[-1].append("")
        if block.anchor:
            anchors[block.anchor] = first_number + len(pages) - 1
        for line in lines:
            if len(pages[-1]) >= TEXT_LINES:
                pages.append([])
            pages[-1].append(line)
        index += 1
    return [make_page(lines, first_number + n) for n, lines in enumerate(pages)], anchors


def make_page(lines: list[str], number: int) -> Page:
    """A page's text lines padded to 24, then the page number line."""
    while lines and not lines[-1]:
        lines.pop()
    text = [line.rstrip(BLANK) for line in lines] + [""] * (TEXT_LINES - len(lines))
    label = page_label(number)
    return Page(number, (*text, BLANK * (WIDTH - len(label)) + label))


def page_label(number: int) -> str:
    """A braille page number: the number sign and the digits."""
    marks = symbols()
    return marks.number_sign + "".join(marks.digits[d] for d in str(number))


def contents_lines(entries: Sequence[tuple[tuple[BrailleWord, ...], int]]) -> list[str]:
    """Contents lines: each title, run over in cell 3, guide dots to its page number."""
    lines: list[str] = []
    for words, number in entries:
        label = page_label(number)
        filled = _fill(words, WIDTH - len(label) - 3, 0, 2)
        last = filled[-1]
        dots = WIDTH - len(last) - len(label) - 2
        filled[-1] = last + BLANK + _GUIDE_DOT * max(dots, 0) + BLANK + label
        lines.extend(filled)
    return lines
