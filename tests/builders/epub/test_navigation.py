"""Navigation: the contents nested by category path, in reading order; the NCX agrees."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from lxml import etree

from publish.model import Collection
from tests.builders.epub.conftest import NS, Book, build_edition
from tests.conftest import EXAMPLES

READER = EXAMPLES / "community-reader"
READER_TREE = [
    ("诗词", [("唐诗", [("床前明月光", "text/01-jingyesi.xhtml")])]),
    ("知识", [("节令", [("二十四节气里的春天", "text/02-jieqi.xhtml")])]),
    ("服务", [
        ("医疗", [("到社区卫生服务中心看病", "text/03-jiuzhen.xhtml")]),
        ("安全", [("家庭应急包里放什么", "text/04-yingjibao.xhtml")]),
    ]),
    ("通知", [("社区图书室开放时间调整", "text/05-tushushi.xhtml")]),
    ("社区", [("数据", [("我们社区的年龄构成", "text/06-jumin.xhtml")])]),
]  # fmt: skip


def nav_tree(ol: etree._Element) -> list:
    """A nav `ol` as [(label, href)] for links and [(label, [...])] for groups."""
    tree = []
    for li in ol.xpath("x:li", namespaces=NS):
        (label,) = li.xpath("x:a | x:span", namespaces=NS)
        inner = li.xpath("x:ol", namespaces=NS)
        if inner:
            assert label.tag == f"{{{NS['x']}}}span"  # a group is a heading, not a link
            tree.append((label.text, nav_tree(inner[0])))
        else:
            tree.append((label.text, label.get("href")))
    return tree


def ncx_tree(parent: etree._Element) -> list:
    tree = []
    for point in parent.xpath("ncx:navPoint", namespaces=NS):
        label = point.xpath("string(ncx:navLabel/ncx:text)", namespaces=NS)
        inner = point.xpath("ncx:navPoint", namespaces=NS)
        if inner:
            tree.append((label, ncx_tree(point)))
        else:
            tree.append((label, point.xpath("string(ncx:content/@src)", namespaces=NS)))
    return tree


def toc(epub: Book) -> list:
    (ol,) = epub.nav.xpath("//x:nav[@epub:type='toc']/x:ol", namespaces=NS)
    return nav_tree(ol)


def test_the_contents_are_nested_by_category_path(book: Callable[[str], Book]) -> None:
    epub = book("reader")
    assert toc(epub) == READER_TREE
    (nav,) = epub.nav.xpath("//x:nav[@epub:type='toc']", namespaces=NS)
    assert nav.get("role") == "doc-toc"
    assert nav.get("hidden") is None  # the contents are a page readers see


def test_the_seed_article_sits_under_its_two_categories(book: Callable[[str], Book]) -> None:
    assert toc(book("seed")) == [
        (
            "要闻动态",
            [
                (
                    "领导活动",
                    [("“解放思想推动绿园高质量发展”领导访谈", "text/lingdao-fangtan.xhtml")],
                )
            ],
        )
    ]


def test_the_ncx_has_the_same_tree(book: Callable[[str], Book]) -> None:
    epub = book("reader")
    (nav_map,) = epub.ncx.xpath("//ncx:navMap", namespaces=NS)

    # A group's NCX entry leads to its first article (every navPoint needs a target).
    def links(tree: list) -> list:
        return [(label, links(t) if isinstance(t, list) else t) for label, t in tree]

    assert ncx_tree(nav_map) == links(READER_TREE)
    assert (
        epub.ncx.xpath("string(//ncx:meta[@name='dtb:uid']/@content)", namespaces=NS)
        == (epub.dc("identifier")[0])
    )
    assert epub.ncx.xpath("string(//ncx:meta[@name='dtb:depth']/@content)", namespaces=NS) == "3"


def test_ncx_play_order_follows_reading_order(book: Callable[[str], Book]) -> None:
    epub = book("reader")
    order: dict[str, set[str]] = {}
    for point in epub.ncx.xpath("//ncx:navPoint", namespaces=NS):
        src = point.xpath("string(ncx:content/@src)", namespaces=NS)
        order.setdefault(src, set()).add(point.get("playOrder"))
    assert all(len(orders) == 1 for orders in order.values())  # one target, one playOrder
    by_order = sorted(order, key=lambda src: int(next(iter(order[src]))))
    assert by_order == epub.articles()


def test_the_spine_is_cover_title_page_contents_then_articles(book: Callable[[str], Book]) -> None:
    epub = book("reader")
    assert epub.spine[:3] == ["text/cover.xhtml", "text/titlepage.xhtml", "nav.xhtml"]
    assert epub.articles() == [
        f"text/0{n}-{slug}.xhtml"
        for n, slug in enumerate(
            ["jingyesi", "jieqi", "jiuzhen", "yingjibao", "tushushi", "jumin"], start=1
        )
    ]


def test_landmarks(book: Callable[[str], Book]) -> None:
    epub = book("reader")
    (nav,) = epub.nav.xpath("//x:nav[@epub:type='landmarks']", namespaces=NS)
    assert nav.get("hidden") == "hidden"
    marks = {a.get(f"{{{NS['epub']}}}type"): a.get("href") for a in nav.iter(f"{{{NS['x']}}}a")}
    assert marks == {
        "cover": "text/cover.xhtml",
        "titlepage": "text/titlepage.xhtml",
        "toc": "nav.xhtml#toc",
        "bodymatter": "text/01-jingyesi.xhtml",
    }


def test_interleaved_categories_keep_reading_order(tmp_path: Path) -> None:
    """A category that comes back later is listed again: the contents never reorder the book
    (EPUBCheck NAV-011 wants them in spine order)."""

    def interleave(collection: Collection) -> Collection:
        a = {article.slug: article for article in collection.articles}
        order = ["03-jiuzhen", "05-tushushi", "04-yingjibao"]
        return replace(collection, articles=tuple(a[slug] for slug in order))

    (path,) = build_edition(READER, tmp_path, change=interleave)
    assert toc(Book(path)) == [
        ("服务", [("医疗", [("到社区卫生服务中心看病", "text/03-jiuzhen.xhtml")])]),
        ("通知", [("社区图书室开放时间调整", "text/05-tushushi.xhtml")]),
        ("服务", [("安全", [("家庭应急包里放什么", "text/04-yingjibao.xhtml")])]),
    ]


def test_an_article_without_category_is_at_the_top(tmp_path: Path) -> None:
    def uncategorise(collection: Collection) -> Collection:
        first, *rest = collection.articles
        return replace(collection, articles=(replace(first, category=()), *rest[:1]))

    (path,) = build_edition(READER, tmp_path, change=uncategorise)
    assert toc(Book(path)) == [
        ("床前明月光", "text/01-jingyesi.xhtml"),
        ("知识", [("节令", [("二十四节气里的春天", "text/02-jieqi.xhtml")])]),
    ]
