"""Page starts: where each page of the PDF starts in its article's text (for the EPUB)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from publish.builders.pdf.textmap import _match, text_and_readings
from publish.model import (
    Article,
    Heading,
    LineBreak,
    PageBreak,
    Paragraph,
    Ruby,
    Strong,
    Text,
    plain_text,
    reading_order,
)
from tests.builders.pdf.conftest import READER, SEED, Built, squash
from tests.conftest import FIXTURES

TABLE = FIXTURES / "pdf-long-table"


def test_text_and_readings_count_like_reading_order() -> None:
    article = Article(
        slug="a",
        title=(Text("标题"),),
        subtitle=(Text("副"), PageBreak("2", 2)),
        blocks=(
            Heading(2, (Ruby("创新", ("chuàng", "xīn")), LineBreak(), Text("方法"))),
            Paragraph((Text("甲"), Strong((Ruby("乙", ("yǐ",)),)), Text("。"))),
        ),
        source_path=Path("a.md"),
    )
    mapped = text_and_readings(article)
    assert mapped.text == "".join(plain_text(runs) for runs in reading_order(article))
    assert mapped.text == "标题副创新\n方法甲乙。"
    assert mapped.readings == {3: "chuàng", 4: "xīn", 9: "yǐ"}


@pytest.mark.parametrize(
    ("cursor", "box", "expected"),
    [
        (0, "甲乙", [(0, 0), (1, 1)]),
        (2, "丙 丁", [(0, 3), (2, 5)]),  # whitespace collapsed, a soft hyphen dropped
        (0, "  ", []),
        (0, "戊", None),  # text the model does not have
        (0, "乙丙", None),  # short text is never looked for further on
        (0, "丁戊己庚", [(0, 5), (1, 6), (2, 7), (3, 8)]),  # longer text is
        (0, "甲乙丙", [(0, 0), (1, 1), (2, 3)]),
    ],
)
def test_matching_a_text_box_to_the_model(
    cursor: int, box: str, expected: list[tuple[int, int]] | None
) -> None:
    assert _match("甲乙 丙\u00ad丁戊己庚", cursor, box) == expected


@pytest.mark.parametrize(
    ("source", "options"),
    [
        (SEED, {}),
        (SEED, {"pinyin": True}),
        (SEED, {"size": "特大", "paper": "A5"}),
        (READER, {}),
        (READER, {"paper": "A5", "pdf": {"facing": True, "recto_start": True}}),
        (TABLE, {"pinyin": True}),  # a header row set again on each page
    ],
)
def test_each_page_start_is_the_first_text_of_its_page(pdf, source: Path, options: dict) -> None:  # type: ignore[no-untyped-def]
    built: Built = pdf(source, **options)
    texts = {a.slug: text_and_readings(a).text for a in built.collection.articles}
    starts = built.output.print_pages
    assert starts
    labels = [int(s.label) for s in starts]
    assert labels == sorted(labels) and len(set(labels)) == len(labels)
    for start in starts:
        text = texts[start.article]
        expected = squash(text[start.offset : start.offset + 40])[:6]
        # List markers are generated content, not the article's text.
        page = re.sub(r"[●■]|^\d+\.", "", squash(built.text(int(start.label), body=True)))
        # The page begins with that text (a table's cells come out of pdftotext line by line
        # across the row, so after the first character the others are only looked for near
        # the start of the page).
        # A table's header row repeated at the top of the page is not where the page starts:
        # it is text the article had before.
        first = page.find(expected[0])
        assert first == 0 or page[:first] in squash(text[: start.offset]), (start, page[:20])
        page = page[first:]
        assert page.startswith(expected) or set(expected) <= set(page[:200]), (start, expected)
        # The page's printed number is the label.
        assert built.footer(int(start.label)) == start.label
    # Every page of an article is listed; the cover, the contents and blank pages are not.
    articles = {s.article for s in starts}
    assert articles == set(texts)
    first = {s.article: s for s in starts if s.offset == 0}
    assert set(first) == set(texts)
