"""The HTML site's files, read back with lxml and fontTools: pages, markup, assets, safety."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from fontTools.ttLib import TTFont
from lxml import html as lxml_html

from publish.builders.html.site import index_sections
from publish.errors import PublishError, SourceError
from publish.model import Article, Text
from publish.pipeline import build, load
from tests.conftest import EXAMPLES, FIXTURES, require, require_tool, tiny_png

HAN = re.compile(r"[\u3400-\u9fff]")


def _page(site: Path, name: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((site / name).read_text(encoding="utf-8"))


def _pages(site: Path) -> list[Path]:
    return sorted(site.glob("*.html"))


# --------------------------------------------------------------------------- pages


def test_the_site_has_an_index_and_a_page_per_article(built_site: Callable[[str], Path]) -> None:
    for name, project in (("seed", "luyuan-interviews"), ("reader", "community-reader")):
        slugs = [a.slug for a in load(EXAMPLES / project).collection.articles]
        site = built_site(name)
        assert {p.name for p in _pages(site)} == {"index.html", *(f"{s}.html" for s in slugs)}
        assert (site / "style.css").is_file() and (site / "site.js").is_file()


def test_the_index_groups_articles_by_category_newest_first(
    built_site: Callable[[str], Path],
) -> None:
    index = _page(built_site("reader"), "index.html")
    headings = [h.text_content() for h in index.xpath("//main//h2")]
    # Each category of the example has one article; sections follow their newest article.
    expected = ["社区/数据", "通知", "服务/安全", "服务/医疗", "知识/节令", "诗词/唐诗"]
    assert headings == [h.replace("/", " › ") for h in expected]
    first = index.xpath("//main//section")[0]
    assert first.xpath(".//time/@datetime") == ["2024-03-20T11:00:00+08:00"]
    assert first.xpath(".//time")[0].text_content() == "2024年3月20日 11:00"
    assert "来源：社区居委会" in first.text_content()
    assert first.xpath(".//a/@href") == ["06-jumin.html"]


def _article(slug: str, category: tuple[str, ...], when: str | None) -> Article:
    date = datetime.fromisoformat(when) if when else None
    return Article(slug, (Text(slug),), (), Path(f"{slug}.md"), date=date, category=category)


def test_index_sections_sort_sections_and_articles_newest_first() -> None:
    articles = (
        _article("old-news", ("要闻",), "2018-01-01T08:00+08:00"),
        _article("undated", ("要闻",), None),
        _article("no-category", (), "2030-01-01T08:00+08:00"),
        _article("new-news", ("要闻",), "2019-01-01T08:00+08:00"),
        _article("notice", ("通知", "社区"), "2018-06-01T08:00+08:00"),
    )
    sections = index_sections(articles)
    assert [s.category for s in sections] == [("要闻",), ("通知", "社区"), ()]
    assert [a.slug for a in sections[0].articles] == ["new-news", "old-news", "undated"]
    assert [s.anchor for s in sections] == ["section-1", "section-2", "section-3"]


def test_article_pages_carry_title_metadata_breadcrumb_and_neighbours(
    built_site: Callable[[str], Path],
) -> None:
    page = _page(built_site("seed"), "lingdao-fangtan.html")
    assert page.xpath("//h1")[0].text_content().startswith("“解")
    assert "发布时间：2018年11月16日 09:15" in page.xpath("//p[@class='meta']")[0].text_content()
    crumbs = page.xpath("//nav[@aria-label='当前位置']//li")
    assert [li.text_content() for li in crumbs] == ["首页", "要闻动态", "领导活动"]
    middle = _page(built_site("reader"), "03-jiuzhen.html")
    assert middle.xpath("//nav[@class='pager']//a/@href") == ["02-jieqi.html", "04-yingjibao.html"]


def test_every_heading_level_follows_the_one_before(built_site: Callable[[str], Path]) -> None:
    for site in ("seed", "reader"):
        for path in _pages(built_site(site)):
            headings = _page(path.parent, path.name).xpath("//h1|//h2|//h3|//h4")
            levels = [int(h.tag[1]) for h in headings]
            assert levels[0] == 1 and levels.count(1) == 1, path.name
            assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), path.name


# --------------------------------------------------------------------------- pinyin markup


def test_each_han_character_has_its_own_ruby_with_fallbacks(
    built_site: Callable[[str], Path],
) -> None:
    page = _page(built_site("seed"), "lingdao-fangtan.html")
    assert page.get("lang") == "zh-Hans"
    rubies = page.xpath("//article//ruby")
    assert len(rubies) > 2000  # the seed has 2,400 Han characters
    for ruby in rubies:
        base = ruby.text
        (rt,) = ruby.xpath("rt")
        assert len(base) == 1 and HAN.match(base), lxml_html.tostring(ruby, encoding="unicode")
        assert rt.get("lang") == "zh-Latn-pinyin" and rt.get("aria-hidden") == "true"
        assert [rp.text for rp in ruby.xpath("rp")] == ["(", ")"]
        assert re.fullmatch(r"[a-zü\u0300-\u036f\u00e0-\u01dc]+", rt.text), rt.text
    # No Han character of the article is left without its reading (the metadata line is
    # metadata, a plain string in the model).
    outside = "//article//text()[not(ancestor::ruby)][not(ancestor::*[@class='meta'])]"
    loose = "".join(page.xpath(outside))
    assert not HAN.search(loose), HAN.findall(loose)[:10]


SELECTORS = FIXTURES / "variation-selectors"
"""葛 with an ideographic variation selector (U+E0100) and 长 with VS1 (U+FE00)."""
SELECTOR = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def without_selectors(project: Path, target: Path) -> Path:
    """A copy of `project` with the variation selectors taken out of its articles."""
    shutil.copytree(project, target)
    for path in target.glob("articles/*.md"):
        path.write_text(SELECTOR.sub("", path.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def test_a_variation_selector_stays_in_its_characters_ruby(tmp_path: Path) -> None:
    bare = without_selectors(SELECTORS, tmp_path / "bare")
    for words in (False, True):
        found = []
        for project in (SELECTORS, bare):
            html = {"pinyin_words": words}
            out = tmp_path / f"{project.name}-{words}"
            (site,) = build(project, out, formats="html", pinyin=True, html=html)
            page = _page(site, "gehong.html")
            found.append(
                [
                    ("".join(ruby.xpath("text()")), "".join(ruby.xpath("rt//text()")))
                    for ruby in page.xpath("//article//ruby")
                ]
            )
            loose = "".join(page.xpath("//article//text()[not(ancestor::ruby)]"))
            assert not SELECTOR.search(loose), ascii(loose)
        marked, unmarked = found
        # The readings are those of the text without selectors (长大 is one word: zhǎng), and
        # each selector is in the ruby of its character, right after it.
        assert [(SELECTOR.sub("", b), r) for b, r in marked] == unmarked
        if not words:
            assert ("葛\U000e0100", "gě") in marked and ("长\ufe00", "zhǎng") in marked
            start = marked.index(("葛\U000e0100", "gě"))
            assert marked[start + 1] == ("洪", "hóng")
        assert sum(base.count("\U000e0100") for base, _ in marked) == 4


def test_a_variation_selector_stays_in_its_ruby_in_zhuyin_and_traditional(
    tmp_path: Path,
) -> None:
    options = {"script": "tw", "reading": "zhuyin"}
    (site,) = build(SELECTORS, tmp_path, formats="html", pinyin=True, **options)
    page = _page(site, "gehong.html")
    rubies = [
        ("".join(ruby.xpath("text()")), "".join(ruby.xpath("rt//text()")))
        for ruby in page.xpath("//article//ruby")
    ]
    start = rubies.index(("葛\U000e0100", "ㄍㄜˇ"))
    assert rubies[start + 1] == ("洪", "ㄏㄨㄥˊ")
    assert ("長\ufe00", "ㄓㄤˇ") in rubies


def test_pinyin_words_sets_one_ruby_per_word(built_site: Callable[[str], Path]) -> None:
    page = _page(built_site("words"), "lingdao-fangtan.html")
    rubies = page.xpath("//article//ruby")
    words = [r for r in rubies if len(r.text) > 1]
    assert words, "no word of several characters"
    for ruby in words[:50]:
        (rt,) = ruby.xpath("rt")
        assert rt.get("lang") == "zh-Latn-pinyin" and rt.get("aria-hidden") == "true"


def _word_rubies(element: lxml_html.HtmlElement) -> list[tuple[str, str]]:
    """(characters, reading) of each ruby inside `element`, in order."""
    return [(ruby.text, ruby.xpath("string(rt)")) for ruby in element.xpath(".//ruby")]


def test_pinyin_words_are_written_as_gbt_16159_writes_them(
    built_site: Callable[[str], Path],
) -> None:
    """Issue 14, defect 6: the site wrote liǎngái, lǚyàzhōu and jiěfàngsīxiǎng."""
    page = _page(built_site("words"), "lingdao-fangtan.html")
    words = _word_rubies(page.xpath("//article")[0])
    assert ("两癌", "liǎng'ái") in words
    assert ("吕", "Lǚ") in words and ("亚舟", "Yàzhōu") in words
    (title,) = page.xpath("//article//h1")
    assert _word_rubies(title)[:2] == [("解放", "Jiěfàng"), ("思想", "sīxiǎng")]


def test_pinyin_words_keep_the_engines_readings(built_site: Callable[[str], Path]) -> None:
    """Words change how readings are joined, capitalised and marked, never a reading: the word
    readings, undone, are the per-character site's readings in the same order."""
    by_word = _word_rubies(_page(built_site("words"), "lingdao-fangtan.html"))
    by_char = _word_rubies(_page(built_site("seed"), "lingdao-fangtan.html"))
    assert "".join(base for base, _ in by_word) == "".join(base for base, _ in by_char)
    undone = "".join(re.sub("['-]", "", reading).lower() for _, reading in by_word)
    assert undone == "".join(reading for _, reading in by_char)


def test_pinyin_words_are_the_words_publish_pinyin_writes(
    built_site: Callable[[str], Path],
) -> None:
    """One implementation: `publish pinyin --words` on a paragraph's text writes the words
    the site's ruby shows over it."""
    from click.testing import CliRunner

    from publish.cli import main

    page = _page(built_site("words"), "lingdao-fangtan.html")
    for marker in ("两癌", "吕亚舟表示"):
        (paragraph,) = [
            p for p in page.xpath("//article//p") if marker in "".join(p.xpath(".//ruby/text()"))
        ]
        shown = "".join(paragraph.xpath(".//text()[not(ancestor::rt or ancestor::rp)]"))
        printed = CliRunner().invoke(main, ["pinyin", "--words", shown]).output
        # The text's own letters, digits and marks (互联网+) are printed as they are.
        kept = set(re.findall(r"\w+|[^\w\s]", shown))
        cli_words = [w.strip(".,;:?!()\u201c\u201d\u00ab\u00bb") for w in printed.split()]
        assert [reading for _, reading in _word_rubies(paragraph)] == [
            w for w in cli_words if w and w not in kept
        ]


def test_without_pinyin_there_is_no_ruby_and_no_pinyin_switch(
    built_site: Callable[[str], Path],
) -> None:
    page = _page(built_site("seed-plain"), "lingdao-fangtan.html")
    assert not page.xpath("//ruby")
    assert not page.xpath("//button[@data-pinyin]")
    assert page.xpath("//button[@data-size]")


def test_the_toolbar_is_a_labelled_set_of_real_buttons(built_site: Callable[[str], Path]) -> None:
    page = _page(built_site("seed"), "lingdao-fangtan.html")
    (toolbar,) = page.xpath("//*[@role='toolbar']")
    assert toolbar.get("aria-label") == "阅读设置"
    assert toolbar.get("hidden") is not None  # shown by site.js: every button needs it
    buttons = toolbar.xpath(".//button")
    labels = [b.text_content() for b in buttons]
    assert labels == ["特大", "大", "中", "小", "开", "关", "高对比度", "打印"]
    assert all(b.get("type") == "button" for b in buttons)
    # The built size (大, the manifest's) and pinyin on are pressed without a stored choice.
    pressed = [b.text_content() for b in buttons if b.get("aria-pressed") == "true"]
    assert pressed == ["大", "开"]


# --------------------------------------------------------------------------- self-contained


def _references(page: lxml_html.HtmlElement) -> list[str]:
    """Everything a page loads by itself (not the links a reader may follow)."""
    return page.xpath("//link/@href | //script/@src | //img/@src | //source/@src")


def test_nothing_a_page_loads_comes_from_outside_the_site(
    built_site: Callable[[str], Path],
) -> None:
    for name in ("seed", "reader"):
        site = built_site(name)
        for path in _pages(site):
            page = _page(site, path.name)
            for reference in _references(page):
                parts = urlsplit(reference)
                assert not parts.scheme and not parts.netloc, (path.name, reference)
                assert (site / unquote(parts.path)).is_file(), (path.name, reference)
            for href in page.xpath("//a/@href"):
                parts = urlsplit(href)
                if not parts.scheme and parts.path:
                    assert (site / unquote(parts.path)).is_file(), (path.name, href)
        stylesheet = (site / "style.css").read_text(encoding="utf-8")
        urls = re.findall(r"url\(\"?([^\")]+)", stylesheet)
        assert urls, "no @font-face"
        for url in urls:
            assert not urlsplit(url).scheme and (site / unquote(url)).is_file(), url


def test_figures_images_are_copied_into_the_site(built_site: Callable[[str], Path]) -> None:
    site = built_site("reader")
    page = _page(site, "06-jumin.html")
    (image,) = page.xpath("//figure/img")
    # The project's images/ folder is the site's (it was images/images/).
    assert image.get("src") == "images/age-groups.png"
    assert image.get("alt").startswith("柱状图")
    source = EXAMPLES / "community-reader" / "images" / "age-groups.png"
    assert (site / image.get("src")).read_bytes() == source.read_bytes()


def test_an_image_outside_the_images_folder_keeps_its_path_and_two_never_meet(
    tmp_path: Path,
) -> None:
    (tmp_path / "art").mkdir()
    (tmp_path / "art" / "map.png").write_bytes(tiny_png(2, 1))
    (tmp_path / "a.png").write_bytes(tiny_png(3, 1))
    (tmp_path / "publish.yaml").write_text("title: 图\narticles: [a.md]\n", encoding="utf-8")
    figures = "![地图](art/map.png)\n\n![甲](a.png)\n"
    (tmp_path / "a.md").write_text(f"---\ntitle: 图\n---\n\n{figures}", encoding="utf-8")
    (site,) = build(tmp_path, tmp_path / "out", formats="html")
    sources = _page(site, "a.html").xpath("//figure/img/@src")
    assert sources == ["images/_/art/map.png", "images/_/a.png"]
    assert (site / sources[1]).read_bytes() == (tmp_path / "a.png").read_bytes()
    # A file in images/_/ of the project would be the same path as a.png: refused, named.
    (tmp_path / "images" / "_").mkdir(parents=True)
    (tmp_path / "images" / "_" / "a.png").write_bytes(tiny_png(4, 1))
    (tmp_path / "a.md").write_text(
        f"---\ntitle: 图\n---\n\n{figures}\n![乙](images/_/a.png)\n", encoding="utf-8"
    )
    with pytest.raises(PublishError, match=r"would both be images/_/a\.png"):
        build(tmp_path, tmp_path / "out", formats="html")


# --------------------------------------------------------------------------- safety


def test_every_page_has_a_strict_content_security_policy_and_no_inline_code(
    built_site: Callable[[str], Path],
) -> None:
    for name in ("seed", "reader", "unsafe"):
        for path in _pages(built_site(name)):
            page = _page(path.parent, path.name)
            (policy,) = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
            directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
            assert directives["default-src"] == "'none'"
            assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
            assert not page.xpath("//style | //script[not(@src)] | //*[@style]")
            handlers = [a for e in page.iter() for a in e.attrib if a.lower().startswith("on")]
            assert not handlers, (path.name, handlers)
            # The policy comes before the first thing it governs.
            head = [e.tag for e in page.xpath("//head/*")]
            assert head.index("meta", 1) < head.index("link") < head.index("script")


def test_markup_in_article_text_is_shown_as_text(built_site: Callable[[str], Path]) -> None:
    site = built_site("unsafe")
    (article,) = [p for p in _pages(site) if p.name != "index.html"]
    raw = article.read_text(encoding="utf-8")
    assert "<script>window.pwned" not in raw and '<img src="x"' not in raw
    page = _page(site, article.name)
    assert page.xpath("//h1")[0].text_content() == '标题<script>window.pwned = "title"</script>'
    body = page.xpath("//main")[0].text_content()
    assert '<img src="missing.png" onerror="window.pwned = \'onerror\'">' in body
    assert not page.xpath("//main//img | //main//svg | //main//b | //main//i | //main//u")
    assert page.xpath("//main//script") == []
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.pwned = &#34;collection&#34;" in index


def test_an_article_slug_may_not_overwrite_the_index(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    (project / "publish.yaml").write_text(
        "title: 集\narticles: [articles/*.md]\noutput:\n  formats: [html]\n", encoding="utf-8"
    )
    (project / "articles" / "index.md").write_text("---\ntitle: 首页\n---\n\n正文。\n", "utf-8")
    with pytest.raises(SourceError, match=r"index\.md:2: slug 'index' is reserved"):
        build(project, tmp_path / "out")
    assert not (tmp_path / "out" / "html").exists()


# --------------------------------------------------------------------------- fonts, weight


def _cmap(path: Path) -> set[str]:
    with TTFont(path) as font:
        return {chr(c) for c in font.getBestCmap()}


def test_the_fonts_are_woff2_subsets_with_just_the_sites_characters(
    built_site: Callable[[str], Path],
) -> None:
    site = built_site("seed")
    fonts = sorted((site / "fonts").iterdir())
    assert [f.suffix for f in fonts] == [".woff2", ".woff2"]
    assert all(f.read_bytes()[:4] == b"wOF2" for f in fonts)
    regular = _cmap(next(f for f in fonts if "Regular" in f.name))
    bold = _cmap(next(f for f in fonts if "Bold" in f.name))
    page = _page(site, "lingdao-fangtan.html")
    body = page.xpath("//body")[0].text_content()
    shown = {c for c in body if not c.isspace()}
    assert shown <= regular | bold
    assert set("".join(page.xpath("//rt/text()"))) <= regular  # the readings' letters
    assert set(page.xpath("//h1")[0].text_content()) <= bold
    # Just the site's: far fewer than the family's tens of thousands of glyphs.
    assert len(regular) < 1000 and len(bold) < len(regular)
    assert "龘" not in regular


def test_a_character_the_family_lacks_comes_with_its_fallback_face(tmp_path: Path) -> None:
    # fonts-extb has 𠀀 (U+20000), which no bundled family has; fontconfig finds a system face.
    fc_list = require_tool("fc-list")
    found = subprocess.run([fc_list, ":charset=20000", "file"], capture_output=True, text=True)
    require(bool(found.stdout.strip()), "a system font with U+20000 (fonts-babelstone-han)")
    (site,) = build(FIXTURES / "fonts-extb", tmp_path, formats="html")
    stylesheet = (site / "style.css").read_text(encoding="utf-8")
    faces = re.findall(
        r'font-family: "([^"]+)";\s+font-style: normal;\s+font-weight: (\d+);'
        r'\s+font-display: swap;\s+src: url\("([^"]+)"\)',
        stylesheet,
    )
    assert len(faces) == 3
    family, weight, url = faces[2]
    assert weight == "400" and family != faces[0][0]
    assert "𠀀" in _cmap(site / unquote(url))
    stack = re.search(r"body \{[^}]*font-family: ([^;]+);", stylesheet)
    assert stack is not None and f'"{family}"' in stack.group(1)


def test_the_seed_page_with_pinyin_and_fonts_weighs_under_500_kb(
    built_site: Callable[[str], Path],
) -> None:
    site = built_site("seed")
    page = _page(site, "lingdao-fangtan.html")
    loaded = [site / "lingdao-fangtan.html", *(site / r for r in _references(page))]
    loaded += sorted((site / "fonts").iterdir())
    total = sum(p.stat().st_size for p in loaded)
    assert total < 500_000, f"{total} bytes"


def test_the_same_sources_give_the_same_bytes(tmp_path: Path) -> None:
    first = build(FIXTURES / "minimal", tmp_path / "a", formats="html")[0]
    second = build(FIXTURES / "minimal", tmp_path / "b", formats="html")[0]
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
