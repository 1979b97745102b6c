"""Where a paragraph's ending starts (issue 14, defect 3), and the span the layouts render
around it: the text is the same with and without it."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree, html

from publish.endings import line_endings, split_ending
from publish.model import Emphasis, LineBreak, Link, PageBreak, Ruby, Strong, Text
from publish.pipeline import build
from tests.conftest import EXAMPLES


def test_the_ending_is_the_last_two_han_characters_with_their_closing_marks() -> None:
    assert split_ending((Text("清清楚楚。”"),)) == ((Text("清清"),), (Text("楚楚。”"),))
    # Digits or Latin between them stay inside: the span keeps "借 5 本；" whole.
    assert split_ending((Text("每人借 5 本；"),)) == ((Text("每人"),), (Text("借 5 本；"),))
    # An opening mark goes with the character after it (clreq §3.1.7).
    assert split_ending((Text("读《春晓》"),)) == ((Text("读"),), (Text("《春晓》"),))


def test_the_ending_reaches_into_emphasis_and_readings() -> None:
    runs = (Text("听见了"), Strong((Text("什么"),)), Text("。"))
    assert split_ending(runs) == ((Text("听见了"),), (Strong((Text("什么"),)), Text("。")))
    runs = (Emphasis((Text("听见了什么"),)), Text("。"))
    assert split_ending(runs) == (
        (Emphasis((Text("听见了"),)),),
        (Emphasis((Text("什么"),)), Text("。")),
    )
    runs = (Text("我"), Emphasis((Text("说"),)), PageBreak(3, "3"), Text("。"))
    assert split_ending(runs) == ((), runs)
    # A character's ruby is cut, a word's (--pinyin-words) is kept whole.
    read = (Ruby("看清楚", ("kàn", "qīng", "chu")), Text("。"))
    assert split_ending(read) == (
        (Ruby("看", ("kàn",)),),
        (Ruby("清楚", ("qīng", "chu")), Text("。")),
    )
    word = (Ruby("看清楚", ("kàn", "qīng", "chu"), written=("kàn", "qīng", "chu")), Text("。"))
    assert split_ending(word) == ((), word)


def test_no_ending_into_a_link_past_a_line_break_or_in_one_character() -> None:
    for runs in (
        (Text("见"), Link("#a", (Text("图书室"),)), Text("。")),
        (Text("见"), Link("#a", (Text("图"),)), Text("书。")),
        (Text("第一行"), LineBreak(), Text("好。")),
        (Text("好。"),),
        (Text("version 2.0"),),
        # Letters or digits after the last Han character: the last line holds them, and a
        # span could not wrap a long word (a phone's line at 特大 overflowed with this one).
        (Text("不能写成“abc12345”。"),),
        (Text("请访问 https://www.example.gov.cn/guide.html"),),
        (Text("拨打"), Strong((Text("110"),)), Text("。")),
        # Too many between its two Han characters.
        (Text("电话 0571-88886666 转。"),),
    ):
        assert split_ending(runs) == (runs, ())


def test_each_line_of_a_verse_has_its_ending() -> None:
    runs = (Text("床前明月光，疑是地上霜。"), LineBreak(), Text("举头望明月，低头思故乡。"))
    assert line_endings(runs) == [
        ((Text("床前明月光，疑是地"),), False),
        ((Text("上霜。"),), True),
        ((LineBreak(),), False),
        ((Text("举头望明月，低头思"),), False),
        ((Text("故乡。"),), True),
    ]
    assert line_endings((Text("好。"), LineBreak())) == [
        ((Text("好。"),), False),
        ((LineBreak(),), False),
    ]


def test_the_site_and_the_epub_keep_their_text(tmp_path: Path) -> None:
    """The span adds no character: each paragraph's text is the text of its runs, and its
    ending is one span at its end."""
    outputs = build(EXAMPLES / "community-reader", tmp_path, formats="html,epub", pinyin=True)
    (site,) = [p for p in outputs if p.is_dir()]
    (epub,) = [p for p in outputs if p.suffix == ".epub"]
    page = html.parse(str(site / "01-jingyesi.html"))
    endings = page.xpath("//main//p/span[@class='ending']")
    assert len(endings) >= 5
    for span in endings:
        paragraph = span.getparent()
        following = span.getnext()
        assert span.tail is None and (following is None or following.tag == "br")
        text = "".join(paragraph.xpath(".//text()[not(ancestor::rt or ancestor::rp)]"))
        assert "\u2060" not in text
        assert "".join(span.xpath(".//text()[not(ancestor::rt or ancestor::rp)]")) in text
    with zipfile.ZipFile(epub) as book:
        document = etree.fromstring(book.read("EPUB/text/01-jingyesi.xhtml"))
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    assert document.xpath("//x:p/x:span[@class='ending']", namespaces=ns)
