"""Where the model's text went: laid-out text boxes matched to article positions.

Builders step (PDF). After WeasyPrint has paginated the document, the text boxes of each page
are walked in order and matched, character by character, to the article text of
`model.reading_order` (the concatenated `plain_text` every format counts offsets in). That
gives:

- the page starts (`PrintPage`): for each page that starts inside an article, the offset of
  its first character, which the EPUB's page-list points at;
- the position of every character with a pinyin reading, for `readings` to draw above.

Text the layout adds (the metadata line, the table of contents, generated content such as list
numbers, running heads) is skipped: it is marked `data-extra` in the print layout, lives in a
pseudo-element or in a page margin, or simply does not match.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ...model import (
    Article,
    Collection,
    Emphasis,
    Inlines,
    LineBreak,
    Link,
    Ruby,
    Strong,
    Text,
    reading_order,
)
from .. import PrintPage
from .readings import Placement, char_centres


@dataclass(frozen=True, slots=True)
class ArticleText:
    """An article's reading-order text and the reading of each annotated character."""

    slug: str
    text: str
    """The concatenated `plain_text` of `model.reading_order(article)`."""
    readings: dict[int, str]
    """Offset in `text` -> pinyin reading, for the characters of `Ruby` runs."""


def text_and_readings(article: Article) -> ArticleText:
    """The text and readings of one article, counted as `model.reading_order` does."""
    parts: list[str] = []
    readings: dict[int, str] = {}
    offset = 0

    def walk(runs: Inlines) -> None:
        nonlocal offset
        for run in runs:
            match run:
                case Text(text=text):
                    parts.append(text)
                    offset += len(text)
                case Ruby(base=base):
                    # Over the character, not its variation selector (葛 U+E0100 reads once).
                    for char, reading in run.pairs():
                        readings[offset] = reading
                        offset += len(char)
                    parts.append(base)
                case Emphasis(children=c) | Strong(children=c) | Link(children=c):
                    walk(c)
                case LineBreak():
                    parts.append("\n")
                    offset += 1

    for runs in reading_order(article):
        walk(runs)
    return ArticleText(article.slug, "".join(parts), readings)


@dataclass(slots=True)
class PageMap:
    """What the walk found: page starts and, page by page, the readings to draw."""

    print_pages: list[PrintPage] = field(default_factory=list)
    placements: list[list[Placement]] = field(default_factory=list)


def map_pages(document: Any, collection: Collection, with_readings: bool) -> PageMap:
    """Match the text boxes of every laid-out page to article offsets."""
    texts = {article.slug: text_and_readings(article) for article in collection.articles}
    cursors = dict.fromkeys(texts, 0)
    # A table's header row is set again at the top of each page the table runs on: its text
    # is matched where the header first stood, so its readings are drawn there too.
    headers: dict[Any, tuple[int, int]] = {}  # thead element -> (page, offset where first set)
    result = PageMap()
    for index, page in enumerate(document.pages):
        first: tuple[str, int] | None = None
        placements: list[Placement] = []
        repeats: dict[Any, int] = {}  # thead element repeated on this page -> its own cursor
        for box, slug, header in _article_text_boxes(page._page_box, None, None):
            article = texts[slug]
            repeated = header in headers and headers[header][0] != index
            cursor = repeats.setdefault(header, headers[header][1]) if repeated else cursors[slug]
            matched = _match(article.text, cursor, box.text)
            if not matched:
                continue
            if repeated:
                repeats[header] = matched[-1][1] + 1
            else:
                cursors[slug] = matched[-1][1] + 1
                if header is not None:
                    headers.setdefault(header, (index, matched[0][1]))
                if first is None:
                    first = (slug, matched[0][1])
            if with_readings and article.readings:
                annotated = [(i, article.readings[o]) for i, o in matched if o in article.readings]
                if annotated:
                    centres = char_centres(box, [i for i, _ in annotated])
                    baseline = box.position_y + box.baseline
                    placements.extend(
                        Placement(x, baseline, reading, box.style)
                        for x, (_, reading) in zip(centres, annotated, strict=True)
                    )
        if first is not None:
            result.print_pages.append(PrintPage(_page_label(page._page_box, index), *first))
        result.placements.append(placements)
    return result


def _article_text_boxes(box: Any, slug: str | None, header: Any) -> Iterator[tuple[Any, str, Any]]:
    """The text boxes under `box` that belong to an article's own text, in order, each with
    its article and the table header (thead) element it is in, if any."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.MarginBox):
        return
    tag = box.element_tag
    element = box.element
    if tag is not None and "::" in tag:
        return  # generated content: list numbers, leaders, quotes
    if element is not None and tag is not None:
        if element.get("data-extra") is not None:
            return
        if tag == "article":
            slug = element.get("data-article") or slug
        elif tag == "thead":
            header = element
    if isinstance(box, boxes.TextBox):
        if slug is not None:
            yield box, slug, header
        return
    for child in getattr(box, "children", ()):
        yield from _article_text_boxes(child, slug, header)


_WINDOW = 64
"""How far ahead of the cursor a box's text may start: model text the layout did not set
(a character the shaper dropped, say) is stepped over rather than losing the rest."""
_LOOK_AHEAD_CHARS = 4
"""A box is only looked for ahead of the cursor if it has this many characters, so that a
short text the layout repeats (a table's header row on a new page) is never taken for text
further on."""
_BLANK = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
"""Invisible characters (soft hyphen, zero-width spaces and joiners): blank, like whitespace."""


def _blank(char: str) -> bool:
    return char.isspace() or char in _BLANK


def _match(text: str, cursor: int, box_text: str) -> list[tuple[int, int]] | None:
    """(index in `box_text`, offset in `text`) of each non-blank character of the box, if the
    box continues `text` at `cursor` (ignoring whitespace, which the layout collapses)."""
    chars = [(i, c) for i, c in enumerate(box_text) if not _blank(c)]
    if not chars:
        return []
    start = cursor
    while start < len(text) and _blank(text[start]):
        start += 1
    if start >= len(text):
        return None
    if text[start] != chars[0][1]:
        if len(chars) < _LOOK_AHEAD_CHARS:
            return None
        found = text.find(chars[0][1], start, start + _WINDOW)
        if found < 0:
            return None
        start = found
    if len(chars) == len(box_text) and text.startswith(box_text, start):
        # Most boxes (a line of a paragraph) have no blanks and continue the text as set.
        return list(zip(range(len(box_text)), range(start, start + len(box_text)), strict=True))
    matched = []
    position = start
    for index, char in chars:
        while position < len(text) and _blank(text[position]):
            position += 1
        if position >= len(text) or text[position] != char:
            return None
        matched.append((index, position))
        position += 1
    return matched


def _page_label(page_box: Any, index: int) -> str:
    """The page number as printed in the bottom margin (the page's position if none is)."""
    from weasyprint.formatting_structure import boxes

    for child in page_box.children:
        if isinstance(child, boxes.MarginBox) and child.at_keyword.startswith("@bottom"):
            text = "".join(_texts(child)).strip()
            if text:
                return text
    return str(index + 1)


def _texts(box: Any) -> Iterator[str]:
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        yield box.text
    for child in getattr(box, "children", ()):
        yield from _texts(child)
