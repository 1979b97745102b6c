"""The braille edition's blocks, in reading order, as text with its place on the page.

Braille step, structure: an article becomes `TextBlock`s (its title centred, the metadata
lines, headings, indented paragraphs, interviewee sections kept together), each still text,
so that the builder can analyse all the texts of an article at once with the pinyin engine
before they are translated (words.py) and set on pages (layout.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from ...layouts import metadata_line
from ...model import (
    Article,
    Block,
    Figure,
    Heading,
    Interview,
    ListBlock,
    Paragraph,
    Quote,
    Signature,
    Table,
    plain_text,
)
from .layout import Placement


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A block's text and where it goes."""

    text: str
    """What the block says (line breaks as newlines)."""
    place: Placement
    """How it is set."""
    prefix: str = ""
    """Text without Han set before it (a list item's number)."""


def _block(text: str, prefix: str = "", **place: Any) -> TextBlock:
    return TextBlock(text, Placement(**place), prefix)


def article_blocks(article: Article) -> Iterator[TextBlock]:
    """The blocks of an article, from its title to its last paragraph."""
    yield _block(
        plain_text(article.title), centred=True, keep_with_next=True, new_page=True,
        anchor=article.slug,
    )  # fmt: skip
    if article.subtitle:
        yield _block(plain_text(article.subtitle), centred=True, keep_with_next=True)
    for label, value in metadata_line(article):
        # Each item of the metadata line on a line of its own, run over in cell 3.
        yield _block(f"{label}：{value}", rest=2)
    first = True
    for block in article.blocks:
        for text_block in _blocks(block, 0):
            if first:
                # A blank line between the title block and the body.
                text_block = replace(text_block, place=replace(text_block.place, blank_before=True))
                first = False
            yield text_block


def _blocks(block: Block, indent: int) -> Iterator[TextBlock]:
    match block:
        case Heading(level=level, children=children):
            if level <= 2:
                yield _block(
                    plain_text(children), centred=True, blank_before=True, keep_with_next=True
                )
            else:
                yield _block(
                    plain_text(children), first=indent + 4, rest=indent + 4, blank_before=True,
                    keep_with_next=True,
                )  # fmt: skip
        case Paragraph(children=children):
            yield _block(plain_text(children), first=indent + 2, rest=indent)
        case Quote(blocks=inner):
            for child in inner:
                yield from _blocks(child, indent + 2)
        case Signature(blocks=inner):
            # A notice's offices and date: lines of their own, as the print sets them.
            for child in inner:
                yield from _blocks(child, indent)
        case ListBlock(ordered=ordered, items=items, start=start):
            for number, item in enumerate(items, start=start):
                for position, child in enumerate(item):
                    if position == 0 and isinstance(child, Paragraph):
                        # "1、" as Chinese numbers items: "1." would end in ⠲, the final
                        # weng, while ⠈ reads as no syllable.
                        yield _block(
                            plain_text(child.children), prefix=f"{number}、" if ordered else "",
                            first=indent, rest=indent + 2,
                        )  # fmt: skip
                    else:
                        yield from _blocks(child, indent + 2)
        case Figure(alt=alt, caption=caption):
            yield _block(f"图：{alt}", first=indent + 2, rest=indent)
            if caption:
                yield _block(plain_text(caption), first=indent + 2, rest=indent)
        case Table(header=header, rows=rows, caption=caption):
            if caption:
                yield _block(plain_text(caption), first=indent + 2, rest=indent)
            names = [plain_text(cell) for cell in header]
            for row in rows:
                # A row read as "header: cell; header: cell", run over in cell 3.
                text = "；".join(
                    f"{name}：{plain_text(cell)}" for name, cell in zip(names, row, strict=False)
                )
                yield _block(text, first=indent, rest=indent + 2)
        case Interview(name=name, role=role, headline=headline, blocks=inner):
            # Role and name kept on one page with the headline and the first lines after it.
            yield _block(plain_text(role), centred=True, blank_before=True, keep_with_next=True)
            yield _block(plain_text(name), centred=True, keep_with_next=True)
            if headline is not None:
                yield _block(plain_text(headline.children), centred=True, keep_with_next=True)
            for child in inner:
                yield from _blocks(child, indent)
