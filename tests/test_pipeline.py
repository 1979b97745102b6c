"""End to end: the seed's example built in every format, checked by reading the outputs back."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import html as lxml_html

from publish.errors import PublishError
from publish.model import Interview, Paragraph, iter_inlines, plain_text, visible_text
from publish.pipeline import build, load
from tests.conftest import EXAMPLES, require_tool

SEED = EXAMPLES / "luyuan-interviews"


def _squash(text: str) -> str:
    """Text without whitespace, to compare across PDF line breaks."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("seed")
    written = build(SEED, out)
    return {p.suffix.lstrip(".") or p.name: p for p in written}


def _paragraphs() -> list[str]:
    article = load(SEED).collection.articles[0]
    return [
        plain_text(block.children)
        for section in article.blocks
        if isinstance(section, Interview)
        for block in section.blocks
        if isinstance(block, Paragraph)
    ]


def test_the_build_writes_each_format(seed_build: dict[str, Path]) -> None:
    assert set(seed_build) == {"pdf", "epub", "html"}
    assert seed_build["pdf"].name == "luyuan-interviews.pdf"


def test_the_pdf_holds_every_paragraph_in_reading_order(seed_build: dict[str, Path]) -> None:
    pdftotext = require_tool("pdftotext")
    text = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(seed_build["pdf"]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # Page furniture (the running head, the page numbers) comes between the two halves of a
    # paragraph that crosses a page: leave it out.
    head = load(SEED).collection.articles[0].title_text
    body = [line for line in text.splitlines() if line.strip() not in {head, ""}]
    squashed = _squash("\n".join(line for line in body if not line.strip().isdigit()))
    position = 0
    for paragraph in _paragraphs():
        found = squashed.find(_squash(paragraph), position)
        assert found >= 0, f"missing or out of order: {paragraph[:30]}"
        position = found
    assert "吕亚舟" in squashed and "付悦" in squashed


def test_the_epub_has_a_chapter_with_the_article(seed_build: dict[str, Path]) -> None:
    with zipfile.ZipFile(seed_build["epub"]) as book:
        names = book.namelist()
        assert names[0] == "mimetype"
        chapters = [n for n in names if n.endswith(".xhtml") and "nav" not in n.lower()]
        text = "".join(lxml_html.fromstring(book.read(n)).text_content() for n in chapters)
    squashed = _squash(text)
    for paragraph in _paragraphs():
        assert _squash(paragraph) in squashed


def test_the_html_article_page_has_the_headings(seed_build: dict[str, Path]) -> None:
    article = load(SEED).collection.articles[0]
    page = lxml_html.parse(str(seed_build["html"] / f"{article.slug}.html")).getroot()
    assert _squash(page.xpath("string(//h1)")) == _squash(article.title_text)
    headings = [_squash(h.text_content()) for h in page.xpath("//h2 | //h3")]
    assert _squash("创新方法 务求实效彰显新时期工会作用") in headings
    assert _squash("以改革创新精神加强自身建设打造建功立业平台") in headings
    assert _squash(visible_text(article)[-40:]) in _squash(page.text_content())


def test_every_block_type_builds(tmp_path: Path) -> None:
    written = build(EXAMPLES / "community-reader", tmp_path)
    assert {p.name for p in written} == {"community-reader.pdf", "community-reader.epub", "html"}
    project = load(EXAMPLES / "community-reader")
    pages = {
        a.slug: (tmp_path / "html" / f"{a.slug}.html").read_text()
        for a in project.collection.articles
    }
    assert "<table" in pages["02-jieqi"] and "<blockquote" in pages["01-jingyesi"]
    assert "<figure" in pages["06-jumin"] and "<ol" in pages["03-jiuzhen"]
    for article in project.collection.articles:
        for runs in iter_inlines(article.blocks):
            assert _squash(plain_text(runs)) in _squash(
                lxml_html.fromstring(pages[article.slug]).text_content()
            )


def test_a_failed_build_leaves_an_existing_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(SEED, out, formats="html")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(PublishError, match="unknown size"):
        build(SEED, out, formats="html", size="巨大")
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_build_collects_garbage_less_often_and_restores_the_thresholds(tmp_path: Path) -> None:
    import gc

    from publish.pipeline import GC_THRESHOLDS

    before = gc.get_threshold()
    seen: list[tuple[int, ...]] = []
    build(SEED, tmp_path, formats="html", progress=lambda *_: seen.append(gc.get_threshold()))
    assert seen and set(seen) == {GC_THRESHOLDS}
    assert gc.get_threshold() == before
    with pytest.raises(PublishError):  # restored when a build fails too
        build(SEED, tmp_path, formats="html", size="巨大")
    assert gc.get_threshold() == before


def test_an_untagged_article_in_traditional_characters_is_tagged_in_every_edition(
    tmp_path: Path,
) -> None:
    """A Taiwan article pasted into a simplified collection without `language:` is tagged
    zh-Hant on its page and on its contents entries (the site's index, the EPUB's navigation),
    where a screen reader and the :lang(zh-Hant) faces find it; the simplified one is not."""
    import shutil

    from tests.conftest import FIXTURES

    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    (project / "articles" / "b.md").write_text(
        "---\ntitle: 臺北市的會議\n---\n\n這是我們說過的會議，還有很多問題。\n", encoding="utf-8"
    )
    written = {p.suffix or p.name: p for p in build(project, tmp_path / "out", formats="html,epub")}
    index = lxml_html.parse(str(written["html"] / "index.html")).getroot()
    langs = {p.text_content(): p.get("lang") for p in index.find_class("entry-title")}
    assert langs["臺北市的會議"] == "zh-Hant"
    assert langs["第一篇"] is None
    page = lxml_html.parse(str(written["html"] / "b.html")).getroot()
    assert page.xpath("//article/@lang") == ["zh-Hant"]
    with zipfile.ZipFile(written[".epub"]) as book:
        nav = next(n for n in book.namelist() if n.endswith("nav.xhtml"))
        tagged = re.findall(
            r'<a href="[^"]*"( lang="[^"]*")?[^>]*>([^<]*)</a>', book.read(nav).decode()
        )
    assert (' lang="zh-Hant"', "臺北市的會議") in tagged
    assert all(lang == "" for lang, label in tagged if label != "臺北市的會議")
