"""Helpers for the importer tests: the saved pages in tests/fixtures/pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from publish.model import Block, Heading, Interview, ListBlock, Paragraph, Quote, plain_text
from tests.conftest import FIXTURES

PAGES = FIXTURES / "pages"
SEED = PAGES / "lingdao-fangtan.txt"


def walk(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Every block, depth first (interviews, quotes and list items opened)."""
    for block in blocks:
        yield block
        if isinstance(block, Interview):
            if block.headline is not None:
                yield block.headline
            yield from walk(block.blocks)
        elif isinstance(block, Quote):
            yield from walk(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from walk(item)


def paragraphs(blocks: tuple[Block, ...]) -> list[str]:
    return [plain_text(b.children) for b in walk(blocks) if isinstance(b, Paragraph)]


def headings(blocks: tuple[Block, ...]) -> list[tuple[int, str]]:
    return [(b.level, plain_text(b.children)) for b in walk(blocks) if isinstance(b, Heading)]


def page(name: str) -> Path:
    return PAGES / name
