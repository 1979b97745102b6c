"""Helpers for the importer tests: the saved pages in tests/fixtures/pages, and made-up ones."""

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


# A paragraph of running text, long enough to be an article's.
PROSE = "区文旅局在区图书馆启动“书香绿园”全民阅读活动，来自机关、学校和社区的200余名读者参加。"


def article(body: str, head: str = "") -> str:
    """A CMS article page whose `#zoom` body holds the HTML `body`."""
    return (
        f"<html><head><meta charset='utf-8'><title>读书活动_绿园区人民政府</title>{head}</head>"
        f"<body><h1>读书活动</h1><div id='zoom'>{body}</div></body></html>"
    )


def save(tmp_path: Path, html: str, name: str = "page.html") -> Path:
    """`html` saved as the page `name` in `tmp_path`."""
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path
