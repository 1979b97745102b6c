"""The documents: semantic XHTML per article, ruby, images, the stylesheet, fonts, the cover."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import etree
from PIL import Image

from publish.model import Figure, Ruby, iter_inlines, plain_text, reading_order
from publish.pinyin.annotate import annotate_collection
from publish.pipeline import build, load
from tests.builders.epub.conftest import NS, Book, Warnings, build_edition, pages_every
from tests.conftest import EXAMPLES, FIXTURES

SEED = EXAMPLES / "luyuan-interviews"
READER = EXAMPLES / "community-reader"
LINKS = FIXTURES / "epub-links"
X = f"{{{NS['x']}}}"


def xpath(element: etree._Element, path: str) -> list:
    return element.xpath(path, namespaces=NS)


def squash(text: str) -> str:
    return "".join(text.split())


def visible_text(document: etree._Element) -> str:
    """What a reader sees: the text without pinyin readings and their brackets."""
    copy = etree.fromstring(etree.tostring(document))
    for element in xpath(copy, "//x:rt | //x:rp"):
        element.getparent().remove(element)
    return "".join(xpath(copy, "//x:body//text()"))


# --------------------------------------------------------------------------- articles


def test_one_document_per_article_with_its_whole_text(book: Callable[[str], Book]) -> None:
    epub = book("reader")
    articles = load(READER).collection.articles
    assert epub.articles() == [f"text/{a.slug}.xhtml" for a in articles]
    for article, href in zip(articles, epub.articles(), strict=True):
        text = squash(visible_text(epub.document(href)))
        for runs in reading_order(article):
            assert squash(plain_text(runs)) in text


def test_semantic_structure(book: Callable[[str], Book]) -> None:
    epub = book("reader")
    doc = epub.document
    (chapter,) = xpath(doc("text/02-jieqi.xhtml"), "//x:section[@epub:type='chapter']")
    assert chapter.get("role") == "doc-chapter"
    (title,) = xpath(chapter, "x:header/x:h1")
    assert chapter.get("aria-labelledby") == title.get("id")
    assert xpath(chapter, "x:h2") and xpath(chapter, "//x:table/x:caption")
    assert [th.get("scope") for th in xpath(chapter, "//x:thead//x:th")] == ["col"] * 3
    assert xpath(doc("text/01-jingyesi.xhtml"), "//x:blockquote/x:p")
    assert xpath(doc("text/03-jiuzhen.xhtml"), "//x:ol/x:li")
    assert xpath(doc("text/04-yingjibao.xhtml"), "//x:ul/x:li/x:ul/x:li")
    assert xpath(doc("text/04-yingjibao.xhtml"), "//x:em") and xpath(
        doc("text/04-yingjibao.xhtml"), "//x:a[@href='https://www.mem.gov.cn/']"
    )
    for href in epub.articles():
        document = doc(href)
        assert document.get("lang") == "zh-Hans"
        assert document.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-Hans"
        assert len(xpath(document, "//x:h1")) == 1


def test_the_interview_sections_of_the_seed(book: Callable[[str], Book]) -> None:
    document = book("seed").document("text/lingdao-fangtan.xhtml")
    sections = xpath(document, "//x:section[@class='interview']")
    assert [
        squash("".join(xpath(s, "x:p[@class='speaker']/x:strong//text()"))) for s in sections
    ] == ["吕亚舟", "畅晓宁", "付悦"]
    headline = xpath(sections[0], "x:h2")[0]
    assert len(xpath(headline, "x:br")) == 1  # a headline set over two lines


def test_the_metadata_line(book: Callable[[str], Book]) -> None:
    document = book("reader").document("text/01-jingyesi.xhtml")
    (line,) = xpath(document, "//x:header/x:p[@class='meta']")
    assert squash("".join(line.itertext())) == squash(
        "发布时间：2024年3月1日 08:30 来源：社区图书室 作者：单晓梅"
    )


def test_figures_are_copied_in_with_their_text_alternative(book: Callable[[str], Book]) -> None:
    epub = book("reader")
    (figure,) = [
        b for a in load(READER).collection.articles for b in a.blocks if isinstance(b, Figure)
    ]
    (img,) = xpath(epub.document("text/06-jumin.xhtml"), "//x:figure/x:img")
    assert img.get("alt") == figure.alt
    assert squash("".join(xpath(img, "../x:figcaption//text()"))) == squash(
        plain_text(figure.caption)
    )
    src = img.get("src")
    assert src.startswith("../images/") and src.endswith(".png")
    name = epub.href(src.removeprefix("../"))
    assert epub.read(name) == figure.image.read_bytes()
    (item,) = xpath(epub.opf, f"//opf:item[@href='{src.removeprefix('../')}']")
    assert item.get("media-type") == "image/png"


def test_text_that_looks_like_markup_stays_text(tmp_path: Path) -> None:
    project = tmp_path / "p"
    (project / "articles").mkdir(parents=True)
    (project / "publish.yaml").write_text(
        "title: 符号 <b> & 文集\narticles: [articles/a.md]\n", encoding="utf-8"
    )
    (project / "articles" / "a.md").write_text(
        "---\ntitle: 小于 < 和 & 号\n---\n\n如果 a < b && c > d，就写 <script>alert(1)</script> "
        "以及 ]]>。\n",
        encoding="utf-8",
    )
    epub = Book(build(project, tmp_path / "out", formats="epub")[0])
    document = epub.document("text/a.xhtml")
    assert not xpath(document, "//x:script | //x:b")
    assert "<script>alert(1)</script>" in visible_text(document)
    assert "a < b && c > d" in visible_text(document) and "]]>" in visible_text(document)
    assert epub.dc("title") == ["符号 <b> & 文集"]


# --------------------------------------------------------------------------- ruby


def test_pinyin_is_ruby_with_fallback_brackets(book: Callable[[str], Book]) -> None:
    """The pinyin step's readings, one <ruby> per character, in the order of the text."""
    epub = book("seed-pinyin")
    document = epub.document("text/lingdao-fangtan.xhtml")
    project = load(SEED)
    settings = project.settings.updated({"pinyin": True})
    (article,) = annotate_collection(project.collection, settings).articles
    expected = [
        pair
        for runs in reading_order(article)
        for run in runs
        if isinstance(run, Ruby)
        for pair in run.pairs()
    ]
    rubies = xpath(document, "//x:ruby")
    assert [(r.text, xpath(r, "string(x:rt)")) for r in rubies] == expected
    assert ("吕", "lǚ") in expected  # the seed's names read right (the engine's work)
    for ruby in rubies:
        # One character, then (reading) with the brackets in <rp> for readers without ruby.
        assert [child.tag for child in ruby] == [f"{X}rp", f"{X}rt", f"{X}rp"]
        assert [ruby[0].text, ruby[2].text] == ["(", ")"]
        assert ruby[1].get("lang") == "zh-Latn-pinyin"
    assert "fullRubyAnnotations" in epub.meta("schema:accessibilityFeature")


def test_the_stylesheet_sets_ruby_only_when_there_is_some(book: Callable[[str], Book]) -> None:
    assert b"rt {" in book("seed-pinyin").read("EPUB/css/style.css")
    assert b"rt {" not in book("seed").read("EPUB/css/style.css")


# --------------------------------------------------------------------------- layout and fonts

_ABSOLUTE = re.compile(r"(?<![\w.-])-?\d*\.?\d+(px|pt|pc|cm|mm|in|Q)\b")


def test_the_stylesheet_uses_relative_units_only(book: Callable[[str], Book]) -> None:
    for name in ("seed", "reader"):
        css = book(name).read("EPUB/css/style.css").decode()
        rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
        assert not _ABSOLUTE.findall(rules), _ABSOLUTE.findall(rules)
        assert "@page" not in rules and "position: fixed" not in rules


@pytest.mark.parametrize("name", ["seed", "seed-pinyin"])
def test_a_subset_of_the_bundled_font_is_embedded(book: Callable[[str], Book], name: str) -> None:
    epub = book(name)
    fonts = xpath(epub.opf, "//opf:item[starts-with(@href, 'fonts/')]")
    assert [f.get("media-type") for f in fonts] == ["font/ttf", "font/ttf"]
    css = epub.read("EPUB/css/style.css").decode()
    assert css.count("@font-face") == 2 and '"Noto Sans CJK SC"' in css
    shown = set()
    for href in epub.spine:
        shown |= set(squash("".join(xpath(epub.document(href), "//x:body//text()"))))
    regular, bold = (
        {chr(c) for c in TTFont(io.BytesIO(epub.read(epub.href(f.get("href"))))).getBestCmap()}
        for f in fonts
    )
    # Every character shown is in a face (headings' in the bold one) ...
    assert shown <= regular | bold
    document = epub.document("text/lingdao-fangtan.xhtml")
    headings = set(squash("".join(xpath(document, "//x:h1//text() | //x:h2//text()"))))
    readings = set(squash("".join(xpath(document, "//x:rt//text()"))))
    assert headings - readings <= bold
    # ... readings in both (they are set in the regular weight inside headings too) ...
    assert readings <= regular & bold
    # ... and each face holds hardly anything else.
    assert len(regular | bold) <= len(shown) + 10 and len(bold) < len(regular) / 2
    assert (len(readings) > 20) == (name == "seed-pinyin")


def test_no_font_with_no_embed_font(tmp_path: Path) -> None:
    epub = Book(build(SEED, tmp_path, formats="epub", epub={"embed_font": False})[0])
    assert not [n for n in epub.names if n.startswith("EPUB/fonts/")]
    css = epub.read("EPUB/css/style.css").decode()
    assert "@font-face" not in css and "font-family" not in css


def test_the_seed_with_its_font_is_small(book: Callable[[str], Book]) -> None:
    assert book("seed").path.stat().st_size < 400_000


# --------------------------------------------------------------------------- cover, title page


def test_a_cover_is_generated_from_the_title(book: Callable[[str], Book]) -> None:
    epub = book("seed")
    (item,) = xpath(epub.opf, "//opf:item[contains(@properties, 'cover-image')]")
    assert item.get("media-type") == "image/png"
    image = Image.open(io.BytesIO(epub.read(epub.href(item.get("href")))))
    assert image.size == (1200, 1800) and image.format == "PNG"
    assert len(image.convert("L").getcolors()) > 2  # text was drawn on the background
    (img,) = xpath(epub.document("text/cover.xhtml"), "//x:img")
    assert img.get("alt") == "绿园区领导访谈：“解放思想推动绿园高质量发展”"
    assert img.get("role") == "doc-cover"


def test_the_manifest_cover_is_used(tmp_path: Path, warnings_logged: Warnings) -> None:
    epub = Book(build(LINKS, tmp_path, formats="epub")[0])
    warnings_logged.take()
    (item,) = xpath(epub.opf, "//opf:item[contains(@properties, 'cover-image')]")
    assert epub.read(epub.href(item.get("href"))) == (LINKS / "cover.png").read_bytes()


def test_the_title_page_lists_the_collection_metadata(book: Callable[[str], Book]) -> None:
    document = book("seed").document("text/titlepage.xhtml")
    assert xpath(document, "string(//x:h1)") == "绿园区领导访谈"
    terms = dict(
        zip(xpath(document, "//x:dt/text()"), xpath(document, "//x:dd//text()"), strict=True)
    )
    assert terms["出版"] == "绿园发布" and terms["日期"] == "2018年11月16日"
    assert terms["标识符"] == load(SEED).collection.identifier
    # No author: the publisher is the book's creator, named once, not as 作者 and 出版 both.
    assert "作者" not in terms


def test_the_title_page_names_the_manifests_authors(tmp_path: Path) -> None:
    project = tmp_path / "book"
    shutil.copytree(READER, project)
    manifest = project / "publish.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + "authors: [王编, 李编]\n", encoding="utf-8"
    )
    document = Book(build(project, tmp_path / "out", formats="epub")[0]).document(
        "text/titlepage.xhtml"
    )
    terms = dict(
        zip(xpath(document, "//x:dt/text()"), xpath(document, "//x:dd//text()"), strict=True)
    )
    assert terms["作者"] == "王编、李编" and terms["出版"] == "绿园社区图书室"


# --------------------------------------------------------------------------- links


def test_links_between_articles_lead_to_their_documents(
    tmp_path: Path, warnings_logged: Warnings
) -> None:
    epub = Book(build(LINKS, tmp_path, formats="epub")[0])
    first = xpath(epub.document("text/first.xhtml"), "//x:a/@href")
    assert first == [
        "second.xhtml",
        "second.xhtml",
        "https://example.org/",
        "mailto:reader@example.org",
    ]
    second = epub.document("text/second.xhtml")
    assert xpath(second, "//x:a/@href") == ["first.xhtml"]
    assert "这个链接没有目标" in visible_text(second)  # the link that leads nowhere is text
    (warning,) = warnings_logged.take()
    assert "second.md" in warning and "#nowhere" in warning


# --------------------------------------------------------------------------- per article


def test_per_article_epubs(tmp_path: Path) -> None:
    written = build(READER, tmp_path, formats="epub", epub={"per_article": True})
    collection = load(READER).collection
    names = sorted(p.relative_to(tmp_path).as_posix() for p in written)
    assert names == sorted(
        ["community-reader.epub"]
        + [f"community-reader-articles/{a.slug}.epub" for a in collection.articles]
    )
    single = Book(tmp_path / "community-reader-articles" / "01-jingyesi.epub")
    assert single.dc("title") == ["床前明月光", "读李白《静夜思》与孟浩然《春晓》"]
    assert single.dc("creator") == ["单晓梅"]
    assert single.meta("belongs-to-collection") == ["社区大字读本"]
    assert single.articles() == ["text/01-jingyesi.xhtml"]
    identifiers = {Book(p).dc("identifier")[0] for p in written}
    assert len(identifiers) == len(written)  # each book its own identifier ...
    again = build(READER, tmp_path / "again", formats="epub", epub={"per_article": True})
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in written]  # ... stable


@pytest.mark.parametrize("name", ["seed", "reader"])
def test_every_model_text_run_is_in_the_book(book: Callable[[str], Book], name: str) -> None:
    epub = book(name)
    text = squash("".join(visible_text(epub.document(h)) for h in epub.articles()))
    project = SEED if name == "seed" else READER
    for article in load(project).collection.articles:
        for runs in iter_inlines(article.blocks):
            assert squash(plain_text(runs)) in text


def test_zhuyin_readings_are_tagged_as_bopomofo(tmp_path: Path) -> None:
    (path,) = build(READER, tmp_path, formats="epub", pinyin=True, pinyin_style="zhuyin")
    document = Book(path).document("text/01-jingyesi.xhtml")
    readings = xpath(document, "//x:rt")
    assert readings and {rt.get("lang") for rt in readings} == {"zh-Bopo"}
    assert xpath(readings[0], "string(.)") == "ㄔㄨㄤˊ"  # 床


SELECTORS = FIXTURES / "variation-selectors"
"""葛 with an ideographic variation selector (U+E0100) and 长 with VS1 (U+FE00)."""


@pytest.mark.parametrize("step", [0, 1], ids=["whole", "a-page-every-character"])
def test_a_variation_selector_stays_in_its_characters_ruby(tmp_path: Path, step: int) -> None:
    """葛󠄀 is one ruby reading gě, the selector right after 葛; 洪 hóng follows. With a print
    page starting at every offset, the page-list markers cut rubies everywhere but there."""
    project = load(SELECTORS)
    settings = project.settings.updated({"pinyin": True})
    collection = annotate_collection(project.collection, settings)
    pages = pages_every(collection, step) if step else ()
    (path,) = build_edition(
        SELECTORS, tmp_path, print_pages=pages, change=lambda _: collection, pinyin=True
    )
    document = Book(path).document("text/gehong.xhtml")
    body = xpath(document, "//x:body")[0]
    rubies = [
        ("".join(xpath(r, "text()")), xpath(r, "string(x:rt)")) for r in xpath(body, ".//x:ruby")
    ]
    start = rubies.index(("葛\U000e0100", "gě"))
    assert rubies[start + 1] == ("洪", "hóng")
    assert ("长\ufe00", "zhǎng") in rubies
    assert sum(base.count("\U000e0100") for base, _ in rubies) == 4
    loose = "".join(xpath(body, ".//text()[not(ancestor::x:ruby)]"))
    assert not re.search("[\ufe00-\ufe0f\U000e0100-\U000e01ef]", loose), ascii(loose)
    if step:
        assert len(xpath(body, ".//*[@epub:type='pagebreak']")) > 20
