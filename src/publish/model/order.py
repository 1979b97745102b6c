"""The reading order: every text of an article in the order a reader meets it, written once.

`TEXT_FIELDS` says, for each block type, which of its fields hold text and in what order; the
walker (`slots`, and `reading_order`, `iter_inlines`, `walk_blocks` on it) and the rewriter
(`map_inlines`) both follow it, so positions counted on one (where a printed page starts, a
reading's offset) are positions in the other. Every format counts offsets this way, and
tests/model/test_order.py checks that each output shows its text in this order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Literal, NamedTuple, TypeAlias

from .document import (
    Article,
    Block,
    Blocks,
    Figure,
    Heading,
    Inlines,
    Interview,
    ListBlock,
    Paragraph,
    Quote,
    Signature,
    Table,
    plain_text,
)

FieldKind: TypeAlias = Literal["runs", "cells", "rows", "block", "blocks", "items"]
"""What a block's field holds: one run sequence (`runs`), a run sequence per cell (`cells`),
rows of cells (`rows`), an optional block (`block`), blocks (`blocks`), list items of blocks
(`items`)."""

TEXT_FIELDS: dict[type, tuple[tuple[str, FieldKind], ...]] = {
    Heading: (("children", "runs"),),
    Paragraph: (("children", "runs"),),
    Quote: (("blocks", "blocks"),),
    Signature: (("blocks", "blocks"),),
    ListBlock: (("items", "items"),),
    Figure: (("caption", "runs"),),
    Table: (("caption", "runs"), ("header", "cells"), ("rows", "rows")),
    Interview: (("role", "runs"), ("name", "runs"), ("headline", "block"), ("blocks", "blocks")),
}
"""Each block type's fields that hold text or blocks, in reading order (a table's caption is
read first: the layouts put it above the table, as <caption> must be)."""


class Slot(NamedTuple):
    """One run sequence of an article, where it sits."""

    runs: Inlines
    owner: Block | None
    """The block whose field holds it; None for the article's title and subtitle."""
    field: str
    """That field's name (`children`, `caption`, `header`, `rows`, `role`, `name`), or
    `title` / `subtitle`."""


def slots(article: Article) -> Iterator[Slot]:
    """Every visible run sequence of an article in reading order: title, subtitle, then body."""
    yield Slot(article.title, None, "title")
    yield Slot(article.subtitle, None, "subtitle")
    yield from block_slots(article.blocks)


def block_slots(blocks: Iterable[Block]) -> Iterator[Slot]:
    """Every run sequence of the blocks, inside quotes, lists and interviews too, in order."""
    for block in blocks:
        for name, kind in TEXT_FIELDS[type(block)]:
            value = getattr(block, name)
            match kind:
                case "runs":
                    yield Slot(value, block, name)
                case "cells":
                    for cell in value:
                        yield Slot(cell, block, name)
                case "rows":
                    for row in value:
                        for cell in row:
                            yield Slot(cell, block, name)
                case "block":
                    if value is not None:
                        yield from block_slots((value,))
                case "blocks":
                    yield from block_slots(value)
                case "items":
                    for item in value:
                        yield from block_slots(item)


def reading_order(article: Article) -> Iterator[Inlines]:
    """Every visible run sequence of an article in reading order: title, subtitle, then body.

    Positions in an article (where a printed page starts, for example) are character offsets
    into the concatenated `plain_text` of these sequences; every format counts the same way.
    """
    return (slot.runs for slot in slots(article))


def iter_inlines(blocks: Iterable[Block]) -> Iterator[Inlines]:
    """Every run sequence of the blocks, in reading order (for checks such as font coverage)."""
    return (slot.runs for slot in block_slots(blocks))


def visible_text(article: Article) -> str:
    """All the text a reader sees in an article, in reading order, one block per line."""
    return "\n".join(text for runs in reading_order(article) if (text := plain_text(runs)))


def walk_blocks(blocks: Iterable[Block]) -> Iterator[Block]:
    """Every block, and every block inside quotes, lists and interviews, in reading order."""
    for block in blocks:
        yield block
        for name, kind in TEXT_FIELDS[type(block)]:
            value = getattr(block, name)
            if kind == "block" and value is not None:
                yield from walk_blocks((value,))
            elif kind == "blocks":
                yield from walk_blocks(value)
            elif kind == "items":
                for item in value:
                    yield from walk_blocks(item)


def figures(blocks: Iterable[Block]) -> Iterator[Figure]:
    """Every figure among `blocks`, inside quotes, lists and interviews too, in order."""
    return (block for block in walk_blocks(blocks) if isinstance(block, Figure))


def map_blocks(blocks: Iterable[Block], change: Callable[[Block], Block]) -> Blocks:
    """`blocks` with `change` applied to each, and to each block inside quotes, lists and
    interviews (an interview's headline too), the inner ones first."""
    return tuple(change(_map_inner_blocks(block, change)) for block in blocks)


def _map_inner_blocks(block: Block, change: Callable[[Block], Block]) -> Block:
    changed: dict[str, object] = {}
    for name, kind in TEXT_FIELDS[type(block)]:
        value = getattr(block, name)
        match kind:
            case "block" if value is not None:
                (changed[name],) = map_blocks((value,), change)
            case "blocks":
                changed[name] = map_blocks(value, change)
            case "items":
                changed[name] = tuple(map_blocks(item, change) for item in value)
    return replace(block, **changed) if changed else block  # type: ignore[arg-type]


InlineMap: TypeAlias = Callable[[Inlines], Inlines]


def map_inlines(article: Article, change: InlineMap) -> Article:
    """A copy of `article` with `change` applied to every reader-visible run sequence.

    This is how text processing (pinyin, punctuation) rewrites an article without knowing the
    block types. `change` is called once per sequence, in the order of `reading_order`, so a
    change may count positions (the EPUB's print page markers do).
    """
    return replace(
        article,
        title=change(article.title),
        subtitle=change(article.subtitle),
        blocks=tuple(_map_block(b, change) for b in article.blocks),
    )


def _map_block(block: Block, change: InlineMap) -> Block:
    changed: dict[str, object] = {}
    for name, kind in TEXT_FIELDS[type(block)]:  # in reading order: `change` may count
        value = getattr(block, name)
        match kind:
            case "runs":
                changed[name] = change(value)
            case "cells":
                changed[name] = tuple(change(cell) for cell in value)
            case "rows":
                changed[name] = tuple(tuple(change(cell) for cell in row) for row in value)
            case "block":
                changed[name] = None if value is None else _map_block(value, change)
            case "blocks":
                changed[name] = tuple(_map_block(b, change) for b in value)
            case "items":
                changed[name] = tuple(tuple(_map_block(b, change) for b in item) for item in value)
    return replace(block, **changed)  # type: ignore[arg-type]
