"""No paragraph's last line is one Han character and its marks (issue 14, defect 3), on the site
and in the EPUB, measured in Chromium.

Every paragraph (and list item) of the community reader, at 320 and 1280 CSS px, at each 字体
size, with readings shown and hidden (the site's 拼音 buttons; an EPUB with and without pinyin),
is cut into lines from its characters' boxes (readings and their brackets left out). The last
line of a paragraph, or of a verse's line (ended by <br>), holding a single Han character after
a line of the same text is a lone ending,
unless the paragraph ends in a link, where the layouts keep no ending (endings.split_ending).

Chromium's `text-wrap: pretty` left 39 on the site (docs/benchmarks.md); the layouts' nowrap
span around each paragraph's last two characters (common/blocks.html) leaves none. The span
adds no character: the page's text and its accessibility tree are the same with the spans
taken out, and find-in-page finds each paragraph's last two characters.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from publish.config import SIZES
from publish.pipeline import build
from tests.builders.html.browser import serve
from tests.visual.conftest import example_path

pytestmark = pytest.mark.slow

READER = example_path("community-reader")
ARTICLES = ["01-jingyesi", "02-jieqi", "03-jiuzhen", "04-yingjibao", "05-tushushi", "06-jumin"]
WIDTHS = (320, 1280)

_LONE = """
root => {
  const isHan = c => /\\p{Script=Han}/u.test(c);
  const found = [];
  const blocks = [...root.querySelectorAll("p, li, th, td")].filter(
    b => !b.matches(".speaker, .subtitle, .meta") && !b.querySelector("p, ul, ol"));
  for (const block of blocks) {
    const shown = NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT;
    const walker = document.createTreeWalker(block, shown, {
      acceptNode: n => n.nodeType === Node.TEXT_NODE || n.matches("br") ? NodeFilter.FILTER_ACCEPT
        : n.matches("rt, rp") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP});
    // Each hard line (a verse's lines end at <br>): its visual lines, and where its last Han
    // character is (a link's last line is not held).
    const hard = [];
    let lines = [], line = null, lastHan = null;
    const close = () => {
      if (lines.length) hard.push({lines, lastHan});
      lines = [];
      line = null;
      lastHan = null;
    };
    let node;
    while ((node = walker.nextNode())) {
      if (node.nodeType !== Node.TEXT_NODE) {
        close();
        continue;
      }
      for (let i = 0; i < node.data.length; i++) {
        if (/\\s/.test(node.data[i])) continue;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect || !rect.width) continue;
        if (!line || rect.top >= line.top + line.height / 2) {
          line = {top: rect.top, height: rect.height, text: ""};
          lines.push(line);
        }
        line.text += node.data[i];
        if (isHan(node.data[i])) lastHan = node;
      }
    }
    close();
    for (const {lines, lastHan} of hard) {
      if (lines.length < 2 || (lastHan && lastHan.parentElement.closest("a"))) continue;
      const last = lines[lines.length - 1].text;
      const han = [...last].filter(isHan);
      // A word or number after the character fills the line ("成“abc12345”。").
      const words = /[\\p{L}\\p{N}]/u.test(last.replace(/\\p{Script=Han}/gu, ""));
      if (han.length === 1 && last.startsWith(han[0]) && !words) {
        found.push(lines[lines.length - 2].text.slice(-6) + " / " + last);
      }
    }
  }
  return found;
}
"""

_UNWRAP = """
() => {
  const spans = [...document.querySelectorAll("span.ending")];
  for (const span of spans) span.replaceWith(...span.childNodes);
  document.body.normalize();
  return spans.length;
}
"""

_WORDS = """
() => {
  const isHan = c => /\\p{Script=Han}/u.test(c);
  const words = [];
  for (const span of document.querySelectorAll("span.ending")) {
    const clone = span.cloneNode(true);
    clone.querySelectorAll("rt, rp").forEach(e => e.remove());
    // The last two characters as one word, as a reader searches for them ("楚楚").
    const word = [...clone.textContent].filter(isHan).slice(-2).join("");
    if (word.length === 2 && clone.textContent.includes(word)) words.push(word);
  }
  return words;
}
"""

_MISSED = """
words => words.filter(word => {
  getSelection().removeAllRanges();
  return !window.find(word, false, false, true);
})
"""


def lone_endings(page: Any, root: str) -> list[str]:
    """The paragraphs of the loaded page whose last line is one Han character and its marks."""
    return list(page.eval_on_selector(root, _LONE))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The community reader's site with pinyin (its 拼音 buttons hide and show the readings)."""
    (built,) = build(READER, tmp_path_factory.mktemp("endings-site"), formats="html", pinyin=True)
    with serve(built) as url:
        yield url


@pytest.fixture(scope="module")
def epubs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str, bool], str]]:
    """The base URL of the unpacked EPUB of each size, with and without pinyin."""
    root = tmp_path_factory.mktemp("endings-epub")
    for size in SIZES:
        for pinyin in (True, False):
            (epub,) = build(READER, root / "out", formats="epub", pinyin=pinyin, size=size)
            with zipfile.ZipFile(epub) as archive:
                archive.extractall(root / f"{size}-{pinyin}")
    with serve(root) as url:
        yield lambda size, pinyin: f"{url}{size}-{pinyin}/EPUB/text/"


def _site_endings(browser: Any, url: str, unwrap: bool = False) -> list[str]:
    found = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        try:
            page = context.new_page()
            for article in ARTICLES:
                page.goto(f"{url}{article}.html")
                if unwrap:
                    page.evaluate(_UNWRAP)
                for pinyin in ("开", "关"):
                    page.get_by_role("button", name=pinyin, exact=True).click()
                    for size in SIZES:
                        page.get_by_role("button", name=size, exact=True).click()
                        found += [
                            f"{width} px {size} 拼音{pinyin} {article}: {line}"
                            for line in lone_endings(page, "main")
                        ]
        finally:
            context.close()
    return found


def test_no_paragraph_of_the_site_ends_with_one_character_alone(browser: Any, site: str) -> None:
    found = _site_endings(browser, site)
    assert not found, f"{len(found)} lone endings:\n" + "\n".join(found[:20])


def test_no_paragraph_of_the_epub_ends_with_one_character_alone(browser: Any, epubs: Any) -> None:
    found = []
    for size in SIZES:
        # The reader's text size: the preset's (12 pt = 16 CSS px).
        reader_size = (
            f":root {{ font-size: {SIZES[size].pt * 4 / 3}px }} body {{ font-size: 1rem }}"
        )
        for pinyin in (True, False):
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                try:
                    for article in ARTICLES:
                        page.goto(f"{epubs(size, pinyin)}{article}.xhtml")
                        page.add_style_tag(content=reader_size)
                        found += [
                            f"{width} px {size} pinyin={pinyin} {article}: {line}"
                            for line in lone_endings(page, "body")
                        ]
                finally:
                    page.close()
    assert not found, f"{len(found)} lone endings:\n" + "\n".join(found[:20])


def test_the_ending_span_changes_no_text_and_no_accessible_name(
    browser: Any, site: str, epubs: Any
) -> None:
    """The text, the accessibility tree and find-in-page are what they are without the spans
    (a word joiner, tried before, broke find-in-page: "清清楚\u2060楚").

    Find-in-page finds each paragraph's last two characters with the readings hidden (the
    site's 拼音 关, an EPUB without pinyin). With readings shown it finds none of them, spans
    or not: the readings' text stands between the characters (Chromium 156)."""
    page = browser.new_page(viewport={"width": 320, "height": 900})
    try:
        urls = [f"{site}{a}.html" for a in ARTICLES]
        urls += [f"{epubs('特大', False)}{a}.xhtml" for a in ARTICLES]
        found = 0
        for url in urls:
            page.goto(url)
            words = page.evaluate(_WORDS)
            shown = page.evaluate(_MISSED, words)
            if url.endswith(".html"):
                page.get_by_role("button", name="关", exact=True).click()
            assert page.evaluate(_MISSED, words) == [], url
            found += len(words)
            text = page.evaluate("() => document.body.textContent")
            tree = page.locator("body").aria_snapshot()
            assert page.evaluate(_UNWRAP) > 0
            assert page.evaluate("() => document.body.textContent") == text
            assert page.locator("body").aria_snapshot() == tree
            assert page.evaluate(_MISSED, words) == [], url
            if url.endswith(".html"):
                page.get_by_role("button", name="开", exact=True).click()
                assert page.evaluate(_MISSED, words) == shown, url
        assert found > 20
    finally:
        page.close()


def test_without_the_spans_the_site_has_lone_endings(browser: Any, site: str) -> None:
    """The measure is real: the same pages with their spans taken out show what
    `text-wrap: pretty` alone leaves (39 in Chromium 156, 2026-12-04)."""
    assert len(_site_endings(browser, site, unwrap=True)) > 10


_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_an_ending_with_a_long_word_does_not_run_past_a_phone_line(
    browser: Any, tmp_path: Path
) -> None:
    """The span cannot wrap: a paragraph that ends in a password or a URL must not put it in
    one (at 特大, 320 px, "写成“abc12345”。" ran 38 px past the screen)."""
    source = tmp_path / "guide.md"
    source.write_text(
        "---\ntitle: 手机指南\n---\n\n"
        "密码区分大小写，比如“Abc12345”不能写成“abc12345”。\n\n"
        "详细说明请访问 https://www.example.gov.cn/health/appointment/guide-2026.html\n\n"
        "请拨打服务热线 0571-88886666 咨询。\n",
        encoding="utf-8",
    )
    (built,) = build(source, tmp_path / "out", formats="html", pinyin=True)
    found = []
    with serve(built) as url:
        page = browser.new_page(viewport={"width": 320, "height": 900})
        try:
            page.goto(f"{url}guide.html")
            for pinyin in ("开", "关"):
                page.get_by_role("button", name=pinyin, exact=True).click()
                for size in SIZES:
                    page.get_by_role("button", name=size, exact=True).click()
                    if (overflow := page.evaluate(_OVERFLOW)) > 0:
                        found.append(f"拼音{pinyin} {size}: {overflow} px")
        finally:
            page.close()
    assert not found, found
