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
from dataclasses import dataclass, field

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
        grid: list[list[str]] = []
        for row in rows:
            cells: list[str] = []
            for cell in row:
                if cell.tag not in {"td", "th"}:
                    continue
                text = normalise_space(CJK_BREAK.sub("", cell.text_content()))
                if len(text) > 100 or (cell.find(".//p") is not None and len(text) > 50):
                    return False
                span = (
                    int(cell.get("colspan") or 1) if (cell.get("colspan") or "1").isdigit() else 1
                )
                cells.extend([text] + [""] * (max(1, min(span, 20)) - 1))
            grid.append(cells)
        width = max(len(r) for r in grid)
        if width < 2 or not any(any(r) for r in grid):
            return False
        self.flush(context)
        padded = [tuple(_cell(c) for c in (r + [""] * width)[:width]) for r in grid]
        self.out.append((Line("", table=Table(padded[0], tuple(padded[1:]))), context.inside))
        return True


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
