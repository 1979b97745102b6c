"""The package metadata: Dublin Core, and EPUB Accessibility 1.1 claims made from the contents."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from publish.pipeline import load
from tests.builders.epub.conftest import (
    NS,
    Book,
    all_pinyin,
    build_edition,
    pages_every,
    title_pinyin,
)
from tests.conftest import EXAMPLES

SEED = EXAMPLES / "luyuan-interviews"
READER = EXAMPLES / "community-reader"
BASE_FEATURES = [
    "structuralNavigation",
    "tableOfContents",
    "readingOrder",
    "displayTransformability",
]


def test_dublin_core(book: Callable[[str], Book]) -> None:
    epub = book("seed")
    collection = load(SEED).collection
    assert epub.dc("title") == ["绿园区领导访谈", "“解放思想推动绿园高质量发展”"]
    assert epub.meta("title-type") == ["main", "subtitle"]
    assert epub.dc("language") == ["zh-Hans"]
    assert epub.dc("publisher") == ["绿园发布"]
    assert epub.dc("creator") == ["绿园发布"]  # no article names an author: the publisher
    assert epub.dc("date") == ["2018-11-16"]
    assert epub.meta("dcterms:modified") == ["2018-11-15T16:00:00Z"]
    # The stable identifier is the collection's, and it is the unique identifier.
    assert epub.dc("identifier") == [collection.identifier]
    unique = epub.opf.get("unique-identifier")
    assert epub.opf.xpath(f"string(//dc:identifier[@id='{unique}'])", namespaces=NS) == (
        collection.identifier
    )


def test_the_package_element_carries_the_language(book: Callable[[str], Book]) -> None:
    epub = book("seed")
    assert epub.opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-Hans"
    assert epub.opf.get("version") == "3.0"


def test_a_collection_is_by_its_publisher_not_by_the_author_of_one_article(
    book: Callable[[str], Book],
) -> None:
    # community-reader has six articles, one by 单晓梅, and no `authors:` (issue 14).
    assert book("reader").dc("creator") == ["绿园社区图书室"]


def test_accessibility_metadata_of_a_text_only_book(book: Callable[[str], Book]) -> None:
    epub = book("seed")
    assert epub.meta("schema:accessMode") == ["textual"]
    assert epub.meta("schema:accessModeSufficient") == ["textual"]
    assert epub.meta("schema:accessibilityFeature") == BASE_FEATURES
    assert epub.meta("schema:accessibilityHazard") == ["none"]
    assert epub.meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    (summary,) = epub.meta("schema:accessibilitySummary")
    assert "WCAG 2.2" in summary and "目录" in summary and "字号" in summary
    assert "拼音" not in summary and "页码" not in summary and "图片" not in summary
    assert epub.meta("pageBreakSource") == []


def test_figures_add_visual_mode_and_alternative_text(book: Callable[[str], Book]) -> None:
    epub = book("reader")
    assert epub.meta("schema:accessMode") == ["textual", "visual"]
    assert epub.meta("schema:accessModeSufficient") == ["textual", "textual,visual"]
    assert epub.meta("schema:accessibilityFeature") == [*BASE_FEATURES, "alternativeText"]
    assert "图片都配有文字说明" in epub.meta("schema:accessibilitySummary")[0]


def test_pinyin_on_every_han_character_is_full_ruby(tmp_path: Path) -> None:
    (path,) = build_edition(SEED, tmp_path, change=all_pinyin)
    epub = Book(path)
    assert epub.meta("schema:accessibilityFeature") == [*BASE_FEATURES, "fullRubyAnnotations"]
    assert "每个汉字都标注了汉语拼音" in epub.meta("schema:accessibilitySummary")[0]


def test_pinyin_on_some_han_characters_is_ruby(tmp_path: Path) -> None:
    (path,) = build_edition(SEED, tmp_path, change=title_pinyin)
    epub = Book(path)
    assert epub.meta("schema:accessibilityFeature") == [*BASE_FEATURES, "rubyAnnotations"]
    assert "部分汉字" in epub.meta("schema:accessibilitySummary")[0]


def test_a_print_edition_adds_page_features_and_names_its_source(tmp_path: Path) -> None:
    pages = pages_every(load(SEED).collection, 500)
    (path,) = build_edition(SEED, tmp_path, print_pages=pages, paper="A5", size="特大")
    epub = Book(path)
    assert epub.meta("schema:accessibilityFeature") == [
        *BASE_FEATURES,
        "pageBreakMarkers",
        "pageNavigation",
    ]
    assert epub.meta("pageBreakSource") == [
        "《绿园区领导访谈》PDF 版（A5，特大号字 26pt，Noto Sans CJK SC，无拼音）"
    ]
    # The edition the pages come from is named whole: a pinyin PDF has other page breaks.
    (path,) = build_edition(
        SEED, tmp_path / "pinyin", print_pages=pages, paper="A5", size="特大", pinyin=True
    )
    assert Book(path).meta("pageBreakSource") == [
        "《绿园区领导访谈》PDF 版（A5，特大号字 26pt，Noto Sans CJK SC，带拼音）"
    ]
    assert "印刷版的页码" in epub.meta("schema:accessibilitySummary")[0]
