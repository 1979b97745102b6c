"""The document model's values: immutability, plain text and the one-way rewrite helper."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from publish.model import (
    Article,
    Emphasis,
    Heading,
    Interview,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Ruby,
    Strong,
    Table,
    Text,
    iter_inlines,
    map_inlines,
    plain_text,
)


def _article() -> Article:
    return Article(
        slug="a",
        title=(Text("标题"),),
        subtitle=(Text("副题"),),
        source_path=Path("a.md"),
        blocks=(
            Interview(
                name=(Text("吕亚舟"),),
                role=(Text("绿园区总工会常务副主席"),),
                headline=Heading(2, (Text("第一行"), LineBreak(), Text("第二行"))),
                blocks=(Paragraph((Text("正文"), Strong((Text("重点"),)))),),
            ),
            Quote((Paragraph((Text("引文"),)),)),
            ListBlock(False, ((Paragraph((Text("一项"),)),), (Paragraph((Text("二项"),)),))),
            Table(((Text("表头"),),), (((Text("单元格"),),),), caption=(Text("表题"),)),
        ),
    )


def test_model_objects_are_frozen() -> None:
    article = _article()
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.slug = "b"  # type: ignore[misc]
    assert isinstance(article.blocks, tuple)


def test_plain_text_walks_nested_runs_and_keeps_line_breaks() -> None:
    runs = (
        Text("甲"),
        Emphasis((Text("乙"), Link("https://x.cn", (Text("丙"),)))),
        LineBreak(),
        Ruby("丁", ("dīng",)),
    )
    assert plain_text(runs) == "甲乙丙\n丁"


def test_map_inlines_rewrites_every_visible_text_and_leaves_the_original() -> None:
    article = _article()

    def shout(runs: tuple) -> tuple:
        return tuple(Text(r.text + "！") if isinstance(r, Text) else r for r in runs)

    changed = map_inlines(article, shout)
    assert changed is not article
    assert plain_text(changed.title) == "标题！"
    changed_texts = [plain_text(r) for r in iter_inlines(changed.blocks)]
    assert changed_texts[0] == "绿园区总工会常务副主席！"
    assert "单元格！" in changed_texts
    # The original is untouched: rewriting returns new objects.
    assert plain_text(article.title) == "标题"


def test_ruby_pairs_each_character_with_its_reading() -> None:
    assert list(Ruby("绿园", ("lǜ", "yuán")).pairs()) == [("绿", "lǜ"), ("园", "yuán")]
    with pytest.raises(ValueError):
        list(Ruby("绿园", ("lǜ",)).pairs())
