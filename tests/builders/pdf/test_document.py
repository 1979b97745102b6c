"""The print document's last lines (issue 14, defect 3): the last two Han characters of a
title, a heading's lines and a paragraph are joined by a word joiner, looking past closing
marks and into emphasis, so that no last line holds one character alone."""

from __future__ import annotations

from pathlib import Path

from publish.builders.pdf.document import JOINER, joined_endings
from publish.model import (
    Article,
    Block,
    Heading,
    Interview,
    LineBreak,
    ListBlock,
    Paragraph,
    Quote,
    Ruby,
    Strong,
    Text,
    plain_text,
)


def _article(*blocks: Block) -> Article:
    return Article("a", (Text("领导访谈"),), blocks, Path("a.md"))


def test_a_paragraph_keeps_its_last_two_characters_together() -> None:
    joined = joined_endings(_article(Paragraph((Text("重点开展行业性工资集体协商工作。"),))))
    (paragraph,) = joined.blocks
    assert plain_text(paragraph.children) == f"重点开展行业性工资集体协商工{JOINER}作。"
    assert plain_text(joined.title) == f"领导访{JOINER}谈"


def test_the_join_reaches_into_emphasis_readings_and_nested_blocks() -> None:
    emphasised = Paragraph((Text("听见了"), Strong((Text("什么"),)), Text("。")))
    read = Paragraph((Ruby("协商", ("xié", "shāng")), Text("。")))
    nested = Quote((ListBlock(False, ((emphasised,), (read,))),))
    headline = Heading(3, (Text("创新方法"), LineBreak(), Text("务求实效")))
    interview = Interview((Text("吕亚舟"),), (Text("主席"),), headline, (nested,))
    (joined,) = joined_endings(_article(interview)).blocks
    assert isinstance(joined, Interview) and joined.headline is not None
    assert plain_text(joined.headline.children) == f"创新方{JOINER}法\n务求实{JOINER}效"
    (quote,) = joined.blocks
    (first,), (second,) = quote.blocks[0].items
    assert plain_text(first.children) == f"听见了什{JOINER}么。"
    assert second.children == (
        Ruby("协", ("xié",)),
        Text(JOINER),
        Ruby("商", ("shāng",)),
        Text("。"),
    )
    # The interviewee's name and role are not text that wraps: left as they are.
    assert joined.name == (Text("吕亚舟"),) and joined.role == (Text("主席"),)


def test_one_character_or_a_latin_ending_is_left_as_it_is() -> None:
    for runs in ((Text("好。"),), (Text("版本 2.0。"),), (Text("他说：“走！”"),)):
        (paragraph,) = joined_endings(_article(Paragraph(runs))).blocks
        assert paragraph.children == runs
