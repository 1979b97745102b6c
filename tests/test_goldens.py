"""Text outputs against golden files in tests/goldens/.

A change to the pinyin engine, a layout or a builder shows up here as a diff to review. After
a change that is meant, regenerate them and read the diff before committing:

    python -m pytest tests/test_goldens.py --update-goldens
    git diff tests/goldens
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from publish.model import Interview, iter_inlines, plain_text
from publish.pinyin import Engine
from publish.pipeline import build, load
from tests.conftest import EXAMPLES

SEED = EXAMPLES / "luyuan-interviews"
READER = EXAMPLES / "community-reader"


def test_pinyin_of_the_seed(golden) -> None:  # type: ignore[no-untyped-def]
    """Every Han character of the seed's article with its reading, a block per line."""
    article = load(SEED).collection.articles[0]
    names = [plain_text(b.name) for b in article.blocks if isinstance(b, Interview)]
    engine = Engine(names=names)
    lines = []
    for runs in iter_inlines(article.blocks):
        text = plain_text(runs).replace("\n", " ")
        readings = engine.readings(text)
        lines.append(" ".join(f"{c}{r}" for c, r in zip(text, readings, strict=True) if r))
    golden("seed-pinyin.txt", "\n".join(lines) + "\n")


@pytest.fixture(scope="module")
def reader_epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("golden-epub")
    (book,) = build(READER, out, formats="epub", pinyin=True)
    return book


def test_epub_package_and_navigation(golden, reader_epub: Path) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(reader_epub) as book:
        golden("community-reader.opf", book.read("EPUB/package.opf").decode())
        golden("community-reader-nav.xhtml", book.read("EPUB/nav.xhtml").decode())


def test_epub_article_with_pinyin(golden, reader_epub: Path) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(reader_epub) as book:
        golden("01-jingyesi.xhtml", book.read("EPUB/text/01-jingyesi.xhtml").decode())


def test_html_article_page(golden, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (site,) = build(READER, tmp_path, formats="html", pinyin=True)
    page = (site / "03-jiuzhen.html").read_text(encoding="utf-8")
    # The font files' names carry no build-specific part, so the page is stable as it is.
    assert not re.search(r"\d{8,}", page)
    golden("03-jiuzhen.html", page)
    assert "<ol>" in page and '<rt lang="zh-Latn-pinyin"' in page
