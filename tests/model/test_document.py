"""The document model's values: immutability, plain text and the one-way rewrite helper."""

from __future__ import annotations

import dataclasses
import pickle
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


def test_every_model_value_pickles_as_a_call_of_its_constructor() -> None:
    """The model crosses between processes (annotated articles from the pinyin workers):
    each value pickles as its class and its fields' values, and reads back equal."""
    from publish.model import document

    article = dataclasses.replace(
        _article(),
        title=(Ruby("标题", ("biāo", "tí"), written=("biāotí", "")), Text("！"), LineBreak()),
    )
    assert pickle.loads(pickle.dumps(article, protocol=5)) == article
    runs = [run for runs in iter_inlines(article.blocks) for run in runs]
    values = [article, *article.title, *runs, *article.blocks, Ruby("中", ("zhōng",))]
    for value in values:
        kind, fields = value.__reduce__()
        assert kind is type(value)
        assert fields == tuple(getattr(value, f.name) for f in dataclasses.fields(value))
    classes = {c for c in vars(document).values() if dataclasses.is_dataclass(c)}
    assert all(c.__reduce__ is not object.__reduce__ for c in classes), classes


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


def test_a_character_and_its_variation_selectors_are_one_unit() -> None:
    from publish.model import units, without_selectors

    text = "\ufe00葛\U000e0100洪长\ufe00\ufe01大"
    assert units(text) == ("\ufe00", "葛\U000e0100", "洪", "长\ufe00\ufe01", "大")
    assert "".join(units(text)) == text
    assert without_selectors(text) == ("葛洪长大", [1, 3, 4, 7])


def test_a_ruby_counts_and_cuts_a_character_with_its_selector_as_one() -> None:
    run = Ruby("葛\U000e0100洪", ("gě", "hóng"), ("ㄍㄜˇ", "ㄏㄨㄥˊ"))
    assert list(run.pairs()) == [("葛\U000e0100", "gě"), ("洪", "hóng")]
    assert [c for c, _, _ in run.triples()] == ["葛\U000e0100", "洪"]
    assert run.part(0, 1) == Ruby("葛\U000e0100", ("gě",), ("ㄍㄜˇ",))
    assert run.part(1, None) == Ruby("洪", ("hóng",), ("ㄏㄨㄥˊ",))
    # Offsets in the text: one between 葛 and its selector moves past the selector.
    assert run.between(0, 1) == run.between(0, 2) == run.part(0, 1)
    assert run.between(2, 3) == run.part(1, 2)
