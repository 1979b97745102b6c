"""The reading order, written once: the walker, the rewriter and every output agree."""

from __future__ import annotations

import dataclasses
import re
import typing
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html

import publish
from publish import model
from publish.model import (
    TEXT_FIELDS,
    Inlines,
    map_inlines,
    plain_text,
    reading_order,
    slots,
    visible_text,
)
from publish.sources import load_project
from tests.conftest import EXAMPLES
from tests.model.test_document import _article


def test_reading_order_is_title_subtitle_then_body_in_display_order() -> None:
    texts = [plain_text(r) for r in reading_order(_article())]
    assert texts == [
        "标题",
        "副题",
        "绿园区总工会常务副主席",
        "吕亚舟",
        "第一行\n第二行",
        "正文重点",
        "引文",
        "一项",
        "二项",
        "表题",
        "表头",
        "单元格",
    ]
    assert visible_text(_article()).splitlines()[0] == "标题"


def test_the_rewriter_meets_the_texts_in_the_walker_s_order() -> None:
    article = _article()
    met: list[Inlines] = []

    def record(runs: Inlines) -> Inlines:
        met.append(runs)
        return runs

    assert map_inlines(article, record) == article
    assert met == list(reading_order(article))


def test_every_field_that_holds_text_or_blocks_is_in_the_order() -> None:
    """A block type or a text field added to the model without its place in `TEXT_FIELDS`
    would be missing from every output's positions, the readings and the fonts."""
    assert set(TEXT_FIELDS) == set(typing.get_args(model.Block))
    for block_type, listed in TEXT_FIELDS.items():
        holding = [
            item.name
            for item in dataclasses.fields(block_type)
            if re.search(r"\b(Inlines|Block|Blocks|Heading)\b", str(item.type))
        ]
        assert sorted(holding) == sorted(name for name, _ in listed), block_type.__name__


def _shown(root: etree._Element) -> str:
    """The characters a page shows, readings (<rt>, <rp>) left out, without spaces."""
    etree.strip_elements(root, "{*}rt", "{*}rp", "rt", "rp", with_tail=False)
    body = root.find(".//{*}body")
    text = "".join((body if body is not None else root).itertext())
    return re.sub(r"[\s\u00a0\u2060\u200b]", "", text)


def _in_order(shown: str, article: model.Article) -> None:
    """Each visible text of `article` is found in `shown`, each after the one before."""
    position = 0
    for slot in slots(article):
        text = re.sub(r"\s", "", plain_text(slot.runs))
        if not text:
            continue
        found = shown.find(text, position)
        assert found >= 0, (
            f"{article.slug}: {text!r} ({slot.field} of "
            f"{type(slot.owner).__name__ if slot.owner else 'the article'}) is not shown "
            f"after {shown[max(0, position - 20) : position]!r}"
        )
        position = found + len(text)


@pytest.mark.parametrize("example", ["community-reader", "luyuan-interviews"])
def test_html_and_epub_show_every_text_in_the_reading_order(example: str, tmp_path: Path) -> None:
    project = load_project(EXAMPLES / example)
    publish.build(EXAMPLES / example, tmp_path, formats="html,epub", pinyin=True, cache=False)
    (epub,) = tmp_path.glob("*.epub")
    with zipfile.ZipFile(epub) as book:
        for article in project.collection.articles:
            page = html.parse(str(tmp_path / "html" / f"{article.slug}.html")).getroot()
            _in_order(_shown(page), article)
            xhtml = etree.fromstring(book.read(f"EPUB/text/{article.slug}.xhtml"))
            _in_order(_shown(xhtml), article)
