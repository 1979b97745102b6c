"""Print page numbers: markers at the exact text where each PDF page starts, and a page list."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from publish.builders import PrintPage
from publish.builders.epub.pages import Marker, mark_pages, markers_by_article, with_page_breaks
from publish.model import (
    Article,
    Emphasis,
    Interview,
    LineBreak,
    Link,
    PageBreak,
    Paragraph,
    Ruby,
    Table,
    Text,
    map_inlines,
    plain_text,
    reading_order,
)
from publish.pipeline import build, load
from tests.builders.epub.conftest import NS, Book, build_edition, pages_every
from tests.conftest import EXAMPLES, require_tool

SEED = EXAMPLES / "luyuan-interviews"
READER = EXAMPLES / "community-reader"
X = f"{{{NS['x']}}}"


def article(*blocks: object, title: str = "标题") -> Article:
    return Article("a", (Text(title),), tuple(blocks), Path("a.md"))  # type: ignore[arg-type]


def marks(*offsets: int) -> list[Marker]:
    return [Marker(offset, PageBreak(str(n), n)) for n, offset in enumerate(offsets, start=1)]


# --------------------------------------------------------------------------- the model step


def test_a_marker_splits_a_text_run_at_its_offset() -> None:
    a = article(Paragraph((Text("第一页的字第二页的字"),)))
    lead, marked = mark_pages(a, marks(0, 2 + 5))
    assert lead == (PageBreak("1", 1),)
    assert marked.blocks[0].children == (Text("第一页的字"), PageBreak("2", 2), Text("第二页的字"))
    assert marked.title == a.title


def test_a_marker_splits_a_ruby_word_with_its_readings() -> None:
    word = Ruby("绿园区", ("lǜ", "yuán", "qū"))
    a = article(Paragraph((Text("在"), word)))
    marked = with_page_breaks(a, marks(2 + 2))
    assert marked.blocks[0].children == (
        Text("在"),
        Ruby("绿", ("lǜ",)),
        PageBreak("1", 1),
        Ruby("园区", ("yuán", "qū")),
    )


def test_markers_go_inside_emphasis_and_links_but_before_a_run_they_start() -> None:
    a = article(Paragraph((Emphasis((Text("一二三四"),)), Link("#a", (Text("五六"),)))))
    marked = with_page_breaks(a, marks(2 + 2, 2 + 4))
    assert marked.blocks[0].children == (
        Emphasis((Text("一二"), PageBreak("1", 1), Text("三四"))),
        PageBreak("2", 2),
        Link("#a", (Text("五六"),)),
    )


def test_a_page_starting_between_blocks_is_marked_at_the_next_block() -> None:
    a = article(Paragraph((Text("一二"),)), Paragraph((Text("三四"),)))
    marked = with_page_breaks(a, marks(2 + 2))
    assert marked.blocks[0].children == (Text("一二"),)
    assert marked.blocks[1].children == (PageBreak("1", 1), Text("三四"))


def test_a_line_break_counts_one_character() -> None:
    a = article(Paragraph((Text("一"), LineBreak(), Text("二三"))))
    marked = with_page_breaks(a, marks(2 + 2, 2 + 3))
    assert marked.blocks[0].children == (
        Text("一"),
        LineBreak(),
        PageBreak("1", 1),
        Text("二"),
        PageBreak("2", 2),
        Text("三"),
    )


def test_an_offset_past_the_end_marks_the_end() -> None:
    a = article(Paragraph((Text("一二"),)))
    marked = with_page_breaks(a, marks(99))
    assert marked.blocks[0].children == (Text("一二"), PageBreak("1", 1))


def test_markers_change_no_text() -> None:
    a = load(SEED).collection.articles[0]
    markers = markers_by_article(pages_every(load(SEED).collection, 37))[a.slug]
    _, marked = mark_pages(a, markers)
    assert [plain_text(r) for r in reading_order(marked)] == [
        plain_text(r) for r in reading_order(a)
    ]


def test_map_inlines_visits_sequences_in_reading_order() -> None:
    """The page step counts positions as map_inlines calls it: the order must be reading order."""
    a = article(
        Table(((Text("头"),),), (((Text("格"),),),), caption=(Text("题"),)),
        Interview((Text("名"),), (Text("职"),), None, (Paragraph((Text("话"),)),)),
    )
    seen: list[str] = []

    def record(runs: tuple) -> tuple:
        seen.append(plain_text(runs))
        return runs

    map_inlines(a, record)
    assert seen == [plain_text(r) for r in reading_order(a)]


def test_pages_are_grouped_by_article_and_numbered_in_edition_order() -> None:
    pages = (PrintPage("i", "b", 0), PrintPage("1", "a", 10), PrintPage("2", "a", 3))
    grouped = markers_by_article(pages)
    assert grouped["b"] == (Marker(0, PageBreak("i", 1)),)
    assert grouped["a"] == (Marker(3, PageBreak("2", 3)), Marker(10, PageBreak("1", 2)))


# --------------------------------------------------------------------------- in the EPUB


def article_text_and_markers(document: etree._Element) -> tuple[str, dict[str, int]]:
    """An article document's text in reading order (no metadata line, no pinyin readings, no
    table cell's label, <br/> as a newline) and, for each page marker, how much of that text
    comes before it."""
    found: dict[str, int] = {}
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        if element.tag in (f"{X}rt", f"{X}rp") or {"meta", "label"} & set(
            (element.get("class") or "").split()
        ):
            pass
        elif element.get("role") == "doc-pagebreak":
            found[element.get("aria-label")] = len("".join(parts))
        else:
            parts.append("\n" if element.tag == f"{X}br" else element.text or "")
            for child in element:
                walk(child)
        parts.append(element.tail or "")

    for child in document.xpath("//x:body", namespaces=NS)[0]:
        walk(child)
    return "".join(parts), found


def article_texts(project: Path) -> dict[str, str]:
    return {
        a.slug: "".join(plain_text(r) for r in reading_order(a))
        for a in load(project).collection.articles
    }


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Book, tuple[PrintPage, ...]]:
    pages = pages_every(load(READER).collection, 97)
    (path,) = build_edition(READER, tmp_path_factory.mktemp("paged"), print_pages=pages)
    return Book(path), pages


def test_each_marker_sits_where_its_page_starts(
    paged: tuple[Book, tuple[PrintPage, ...]],
) -> None:
    epub, pages = paged
    texts = article_texts(READER)
    for page in pages:
        text, markers = article_text_and_markers(epub.document(f"text/{page.article}.xhtml"))
        before = text[: markers[page.label]]
        assert _squash(before) == _squash(texts[page.article][: page.offset]), page


def _squash(text: str) -> str:
    return "".join(text.split())


def test_markers_are_epub_pagebreaks_with_an_accessible_label(
    paged: tuple[Book, tuple[PrintPage, ...]],
) -> None:
    epub, pages = paged
    labels = []
    for href in epub.articles():
        for marker in epub.document(href).xpath("//*[@role='doc-pagebreak']"):
            assert marker.get(f"{{{NS['epub']}}}type") == "pagebreak"
            assert marker.get("aria-label") and not marker.text and len(marker) == 0
            labels.append(marker.get("aria-label"))
    assert labels == [p.label for p in pages]


def test_a_page_starting_with_an_article_is_marked_before_its_heading(
    paged: tuple[Book, tuple[PrintPage, ...]],
) -> None:
    epub, _ = paged
    document = epub.document("text/01-jingyesi.xhtml")
    (section,) = document.xpath("//x:section[@epub:type='chapter']", namespaces=NS)
    assert section[0].get("role") == "doc-pagebreak" and section[0].get("aria-label") == "1"
    assert not document.xpath("//x:h1//*[@role='doc-pagebreak']", namespaces=NS)


def test_the_page_list_links_every_marker_in_order(
    paged: tuple[Book, tuple[PrintPage, ...]],
) -> None:
    epub, pages = paged
    (nav,) = epub.nav.xpath("//x:nav[@epub:type='page-list']", namespaces=NS)
    assert nav.get("role") == "doc-pagelist"
    links = [(a.text, a.get("href")) for a in nav.iter(f"{X}a")]
    assert [label for label, _ in links] == [p.label for p in pages]
    for (label, href), page in zip(links, pages, strict=True):
        path, _, anchor = href.partition("#")
        assert path == f"text/{page.article}.xhtml"
        (target,) = epub.document(path).xpath(f"//*[@id='{anchor}']")
        assert target.get("aria-label") == label
    # The NCX has the same pages for older reading systems.
    targets = epub.ncx.xpath("//ncx:pageTarget", namespaces=NS)
    assert [t.get("value") for t in targets] == [p.label for p in pages]
    assert [t.xpath("string(ncx:content/@src)", namespaces=NS) for t in targets] == [
        href for _, href in links
    ]


def test_no_page_list_without_a_print_edition(book: Callable[[str], Book]) -> None:
    epub = book("reader")
    assert not epub.nav.xpath("//x:nav[@epub:type='page-list']", namespaces=NS)
    assert not epub.ncx.xpath("//ncx:pageList", namespaces=NS)
    for href in epub.articles():
        assert not epub.document(href).xpath("//*[@role='doc-pagebreak']")


def test_the_pdf_of_the_same_build_gives_the_page_list(tmp_path: Path) -> None:
    """Through the real pipeline: each PDF page's first words follow its marker in the EPUB."""
    pdftotext = require_tool("pdftotext")
    written = build(SEED, tmp_path, formats="pdf,epub")
    (pdf,) = [p for p in written if p.suffix == ".pdf"]
    (epub_path,) = [p for p in written if p.suffix == ".epub"]
    epub = Book(epub_path)
    links = epub.nav.xpath("//x:nav[@epub:type='page-list']//x:a", namespaces=NS)
    assert [a.text for a in links] == [str(n) for n in range(1, len(links) + 1)]
    assert len(links) > 3, "the PDF builder gave no page starts"
    assert epub.meta("pageBreakSource")
    assert "pageBreakMarkers" in epub.meta("schema:accessibilityFeature")
    text, markers = article_text_and_markers(epub.document(links[0].get("href")))
    for link in links:
        page = subprocess.run(
            [pdftotext, "-f", link.text, "-l", link.text, "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        start = _squash(text[markers[link.text] :])[:8]
        # The page begins with these words (after the running head, within its first lines).
        assert start in _squash(page)[:80], (link.text, start, _squash(page)[:80])
