"""A saved HTML page's element tree -> its lines, each marked as inside the article body or not.

Import step 2 for HTML, called by the HTML reader (`html.read_html_page`) with the body element
it found (or none). Block elements and `<br>` end lines; a line break in the HTML source between
two Chinese characters is dropped (CSS Text 3 segment-break rules: Chinese has no spaces between
words); `<h1>`-`<h6>`, whole-bold lines, `<blockquote>`, list items and data tables are marked (a
table with one column, nested tables or long cells is layout, and is read as the lines in its
cells); bold, italics and links are kept as runs (`inline`); short lines set apart by `<br>` in
one paragraph (verse, an address) stay one line with its line breaks (`_kept_together`); the
body's images, with their captions, are lines of their own (`images.body_images`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from lxml import etree

from ..model import Inlines, Table, Text
from . import byline, chrome, structure
from .inline import CJK_BREAK, PLAIN, Mark, Runs, joined, line_runs
from .page import Image, Line, normalise_space, words

_BLOCK = frozenset(
    words(
        "address article aside blockquote center dd details dialog dir div dl dt fieldset"
        " figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu ol p"
        " pre section summary table tbody thead tfoot tr td th ul caption body html"
    )
)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)


def element_lines(
    root: etree._Element,
    container: etree._Element | None = None,
    images: dict[etree._Element, Image] | None = None,
    skip: set[etree._Element] | None = None,
) -> list[tuple[Line, bool]]:
    """The lines of the page `root`, each with whether it stands inside `container`; `images`
    (`images.body_images`) each become a line of their own, `skip` (their captions) is not read
    again."""
    walker = _Walker(container, images or {}, skip or set())
    body = root.find("body")
    walker.walk(body if body is not None else root, _Context(), PLAIN)
    walker.flush(_Context())
    return walker.out


@dataclass
class _Context:
    """What encloses the walk: a heading level, a quote, a list, `<pre>`, the body element."""

    level: int = 0
    quote: bool = False
    item: tuple[int, bool] | None = None
    pre: bool = False
    inside: bool = False


@dataclass
class _Walker:
    """Turns an element tree into lines, each marked as inside the body container or not."""

    container: etree._Element | None = None
    images: dict[etree._Element, Image] = field(default_factory=dict)
    """The body's images (`images.body_images`): each becomes a line of its own."""
    skip: set[etree._Element] = field(default_factory=set)
    """Elements already read (the images' captions)."""
    out: list[tuple[Line, bool]] = field(default_factory=list)
    pieces: list[tuple[str, Mark]] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)
    """Where in `pieces` a `<br>` of the body stood (see `flush`)."""
    lists: int = 0

    def walk(self, element: etree._Element, context: _Context, mark: Mark) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if element in self.skip:
            self.text(element.tail, context, mark)
            return
        if element is self.container:
            self.flush(context)
            context = _Context(inside=True)
        if tag == "br":
            if context.inside and not context.pre:
                self.breaks.append(len(self.pieces))
            else:
                self.flush(context)
            self.text(element.tail, context, mark)
            return
        if tag == "img" and element in self.images:
            self.flush(context)
            self.out.append((Line("", image=self.images[element]), context.inside))
            self.text(element.tail, context, mark)
            return
        if tag == "table" and self.data_table(element, context):
            self.text(element.tail, context, mark)
            return
        block = tag in _BLOCK
        inner = context
        if block:
            self.flush(context)
            inner = self.context_for(tag, context)
        inner_mark = self.mark_for(element, tag, mark)
        self.text(element.text, inner, inner_mark)
        for child in element:
            self.walk(child, inner, inner_mark)
        if block:
            self.flush(inner)
        if element is self.container:
            self.flush(inner)
        self.text(element.tail, context, mark)

    @staticmethod
    def mark_for(element: etree._Element, tag: str, mark: Mark) -> Mark:
        bold = (
            mark.bold
            or tag in {"b", "strong"}
            or bool(_BOLD_STYLE.search(element.get("style") or ""))
        )
        italic = mark.italic or tag in {"em", "i"}
        href = mark.href
        if tag == "a" and element.get("href"):
            href = element.get("href")
        if (bold, italic, href) == (mark.bold, mark.italic, mark.href):
            return mark
        return Mark(bold, italic, href)

    def context_for(self, tag: str, context: _Context) -> _Context:
        level, quote, item, pre = context.level, context.quote, context.item, context.pre
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            level = int(tag[1])
        elif tag == "blockquote":
            quote = True
        elif tag in {"ul", "ol"}:
            self.lists += 1
            item = (self.lists, tag == "ol")
        elif tag == "pre":
            pre = True
        return _Context(level, quote, item, pre, context.inside)

    def text(self, text: str | None, context: _Context, mark: Mark) -> None:
        if not text:
            return
        if context.pre and "\n" in text:
            first, *rest = text.split("\n")
            self.pieces.append((first, mark))
            for part in rest:
                self.flush(context)
                self.pieces.append((part, mark))
            return
        self.pieces.append((text, mark))

    def flush(self, context: _Context) -> None:
        """End the current line (or lines: the body's `<br>`s split it, unless they set verse
        or an address, kept as one paragraph with its line breaks: `_kept_together`)."""
        if not self.pieces:
            self.breaks = []
            return
        cuts = [0, *self.breaks, len(self.pieces)]
        segments = [line_runs(self.pieces[a:b]) for a, b in itertools.pairwise(cuts)]
        segments = [segment for segment in segments if segment.text]
        self.pieces = []
        self.breaks = []
        if len(segments) > 1 and not context.level and _kept_together(segments):
            line = Line(
                " ".join(s.text for s in segments),
                quote=context.quote,
                item=context.item,
                runs=joined(segments),
            )
            self.out.append((line, context.inside))
            return
        for segment in segments:
            line = Line(
                segment.text,
                context.level,
                segment.strong,
                context.quote,
                context.item,
                runs=segment.runs,
            )
            self.out.append((line, context.inside))

    def data_table(self, table: etree._Element, context: _Context) -> bool:
        """Emit a data table as one line and say so; layout tables are left to the walk."""
        rows = [row for row in table.iter("tr") if _owner(row) is table]
        if len(rows) < 2 or table.find(".//table") is not None:
            return False
        grid = _grid(rows, _caption(table))
        if grid is None:
            return False
        self.flush(context)
        self.out.append((Line("", table=grid), context.inside))
        return True


MAX_SPAN = 20
"""The most rows or columns one cell may span (a bad `colspan="1000"` must not make a table of
a thousand columns)."""


@dataclass(frozen=True, slots=True)
class _Placed:
    """A cell of an HTML table at its place in the grid, with the rows and columns it spans."""

    row: int
    column: int
    rows: int
    columns: int
    text: str


def _grid(rows: list[etree._Element], caption: str) -> Table | None:
    """The table's cells on a grid of rows and columns, its header rows merged into one; None
    when it is a layout table (a cell too long, fewer than two columns, no text).

    Merged cells (`rowspan`, `colspan`) are laid out as the HTML table model does, and their
    text is set in every slot they cover: a row read alone (a phone's stacked table, a screen
    reader's cell by cell) says what it says on the page, where an empty slot would say "none".
    The one exception is a row of a single cell across the whole table (a group's name, a
    total, a note): its text stays in the first column; at the top of a table without a
    `<caption>` (`caption`), followed by its header, it is the table's title and becomes its
    caption. Header rows (all `<th>`, or in `<thead>`) become one: each column's header is its
    texts from top to bottom ("每人每年（元）" over "个人缴费" gives "每人每年（元）个人缴费")."""
    placed: list[_Placed] = []
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        column = 0
        for cell in row:
            if cell.tag not in {"td", "th"}:
                continue
            text = _element_text(cell)
            if len(text) > 100 or (cell.find(".//p") is not None and len(text) > 50):
                return None
            while (r, column) in taken:
                column += 1
            spanned = _Placed(
                r, column, min(_span(cell, "rowspan"), len(rows) - r), _span(cell, "colspan"), text
            )
            placed.append(spanned)
            taken.update(
                (r + down, column + across)
                for down in range(spanned.rows)
                for across in range(spanned.columns)
            )
            column += spanned.columns
    width = max((c for _, c in taken), default=-1) + 1
    if width < 2 or not any(cell.text for cell in placed):
        return None
    title = [cell for cell in placed if cell.row == 0]
    if not caption and len(rows) > 2 and len(title) == 1 and title[0].columns >= width:
        caption = title[0].text
        placed = [replace(cell, row=cell.row - 1) for cell in placed if cell.row]
        rows = rows[1:]
    grid = [[""] * width for _ in rows]
    for cell in placed:
        across = 1 if cell.column == 0 and cell.columns >= width else cell.columns
        for down in range(cell.rows):
            for offset in range(across):
                grid[cell.row + down][cell.column + offset] = cell.text
    heads = _header_rows(rows)
    header = tuple(_cell(_stacked(line[c] for line in grid[:heads])) for c in range(width))
    body = tuple(tuple(_cell(text) for text in line) for line in grid[heads:])
    return Table(header, body, _cell(caption))


def _caption(table: etree._Element) -> str:
    """The text of the table's own `<caption>` ("" without one)."""
    caption = next((c for c in table.iter("caption") if _owner(c) is table), None)
    return "" if caption is None else _element_text(caption)


def _element_text(element: etree._Element) -> str:
    """An element's text as a line reads it: source line breaks between Chinese characters
    dropped, spaces normalised."""
    return normalise_space(CJK_BREAK.sub("", element.text_content()))


def _span(cell: etree._Element, name: str) -> int:
    value = (cell.get(name) or "1").strip()
    return max(1, min(int(value), MAX_SPAN)) if value.isdigit() else 1


def _header_rows(rows: list[etree._Element]) -> int:
    """How many rows at the top are headers: in `<thead>`, or all `<th>` (at least the first,
    as a table's first row is read as its header; never all of them)."""
    count = 0
    for row in rows[:-1]:
        cells = [cell for cell in row if cell.tag in {"td", "th"}]
        in_head = row.getparent() is not None and row.getparent().tag == "thead"
        if not (in_head or (cells and all(cell.tag == "th" for cell in cells))):
            break
        count += 1
    return max(count, 1)


def _stacked(texts: Iterable[str]) -> str:
    """A column's header from its header rows' texts, top to bottom, each once."""
    parts: list[str] = []
    for text in texts:
        if text and (not parts or parts[-1] != text):
            parts.append(text)
    joined_text = ""
    for part in parts:
        # Latin words meeting across the join keep a space ("Q1 Sales"); Chinese has none.
        latin = joined_text[-1:].isascii() and joined_text[-1:].isalnum() and part[:1].isascii()
        joined_text += (" " if latin else "") + part
    return joined_text


# Verse and addresses: lines of at most this many characters, set apart by <br>.
VERSE_LINE_MAX = 30


def _kept_together(segments: list[Runs]) -> bool:
    """Whether lines set apart by `<br>` in one paragraph are verse or an address (short lines,
    none a heading, metadata, breadcrumb, interviewee or chrome line) rather than paragraphs."""
    return all(
        len(s.text) <= VERSE_LINE_MAX
        and not s.strong
        and not byline.is_metadata(s.text)
        and byline.breadcrumb(s.text) is None
        and structure.interviewee(s.text) is None
        and not chrome.is_chrome(s.text)
        and not chrome.ends_article(s.text)
        for s in segments
    )


def _owner(row: etree._Element) -> etree._Element | None:
    return next((a for a in row.iterancestors("table")), None)


def _cell(text: str) -> Inlines:
    return (Text(text),) if text else ()
