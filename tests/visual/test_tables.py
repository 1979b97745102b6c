"""Tables on a phone's screen (issue 14): at 320 CSS px, at every size from 小 to 特大, a table
fits the screen with every character, and every reading, inside its cell and inside the
window, with nothing to scroll sideways, on the site (pinyin per character and per word) and
in the EPUB (the reader's text size set to the preset's); no line inside a cell starts with
closing punctuation (W3C clreq §3.1.7); and it is still a table to a screen reader (its table,
column header and cell roles), measured from Chromium's boxes. On a narrow screen each row is
a block whose cells show their column's header (layouts/common/tables.css).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest

from publish.config import SIZES
from publish.pipeline import build
from publish.punctuation import CLOSING
from tests.builders.html.browser import serve
from tests.visual.conftest import example_path

pytestmark = pytest.mark.slow

READER = example_path("community-reader")
PAGES = ("02-jieqi", "05-tushushi")
WIDTH = 320

# Marks that never start a line: the Chinese ones and their ASCII forms (a time's colon).
NEVER_FIRST = CLOSING + "：,.:;!?)]}"

_OUTSIDE = """
(neverFirst) => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const table of document.querySelectorAll('table')) {
    const shown = table.getBoundingClientRect();
    for (const cell of table.querySelectorAll('caption, th, td')) {
      // A narrow screen hides the header row from sight only (clipped): its cells show their
      // headers as labels, and the header cells stay for screen readers.
      if (getComputedStyle(cell.closest('thead') || cell).clipPath !== 'none') continue;
      const box = cell.getBoundingClientRect();
      // A word wider than its cell is set on two lines under one reading, centred over both
      // (as test_ruby_grid allows): its reading is left out, its characters are not.
      const split = ruby => ruby.getClientRects().length > 1 ||
        ruby.getBoundingClientRect().height > 2.5 * parseFloat(getComputedStyle(ruby).fontSize);
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT, {acceptNode: n => {
        const rt = n.parentElement.closest('rt');
        return rt && split(rt.parentElement) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }});
      let node;
      let last = null;
      while ((node = walker.nextNode())) {
        for (let i = 0; i < node.data.length; i++) {
          if (/\\s/.test(node.data[i])) continue;
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          // A character's range includes the letter-spacing after it: its glyph is the
          // first em (as in test_ruby_grid).
          const spacing = parseFloat(getComputedStyle(node.parentElement).letterSpacing) || 0;
          const rects = [...range.getClientRects()].filter(r => r.width);
          // A character below the one before it starts a line of the cell (readings aside).
          const reading = node.parentElement.closest('rt');
          if (!reading && rects.length && last && rects[0].top > last.top + last.height / 2 &&
              neverFirst.includes(node.data[i])) {
            found.push(`${node.data[i]} starts a line in "${cell.textContent.trim()}"`);
          }
          if (!reading && rects.length) last = rects[rects.length - 1];
          for (const r of rects) {
            const left = Math.max(0, box.left, shown.left) - 0.5;
            const right = Math.min(width, box.right, shown.right) + 0.5;
            const end = r.right - spacing;
            if (r.width && (r.left < left || end > right)) {
              found.push(`${node.data[i]} at ${r.left.toFixed(1)}-${end.toFixed(1)} ` +
                         `outside ${left.toFixed(1)}-${right.toFixed(1)}`);
            }
          }
        }
      }
    }
  }
  const scroll = document.documentElement.scrollWidth;
  if (scroll > width) found.push(`the page scrolls sideways: ${scroll} > ${width} px`);
  return {tables: document.querySelectorAll('table').length, found};
}
"""


def table_problems(page: Any) -> list[str]:
    """Characters of the page's tables outside their cell or the window, and whether the
    tables are still tables to assistive technology."""
    measured = page.evaluate(_OUTSIDE, NEVER_FIRST)
    problems = list(measured["found"])
    tables = page.get_by_role("table").count()
    if tables != measured["tables"] or not measured["tables"]:
        problems.append(f"{measured['tables']} tables, {tables} with the table role")
    if not page.get_by_role("columnheader").count() or not page.get_by_role("cell").count():
        problems.append("no column header or cell roles")
    return problems


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The reader's site with pinyin per character and per word, and its EPUB (with pinyin) at
    each size, served from one folder."""
    root = tmp_path_factory.mktemp("tables")
    for name, html in (("site", {}), ("words", {"pinyin_words": True})):
        (site,) = build(
            READER, tmp_path_factory.mktemp(name), formats="html", pinyin=True, html=html
        )
        site.rename(root / name)
    for size in SIZES:
        (epub,) = build(
            READER, tmp_path_factory.mktemp("epub"), formats="epub", pinyin=True, size=size
        )
        with zipfile.ZipFile(epub) as archive:
            archive.extractall(root / f"epub-{size}")
    with serve(root) as url:
        yield url


# Both ruby modes at every size: at 特大 the four columns of 05-tushushi needed 347 px with one
# reading per word (docs/benchmarks.md) before a narrow screen set each row as a block.
@pytest.mark.parametrize("site", ["site", "words"])
def test_site_tables_fit_a_phone_at_every_size(browser: Any, served: str, site: str) -> None:
    page = browser.new_page(viewport={"width": WIDTH, "height": 900})
    problems = []
    try:
        for name in PAGES:
            page.goto(f"{served}{site}/{name}.html")
            for pinyin in ("开", "关"):
                page.get_by_role("button", name=pinyin, exact=True).click()
                for size in SIZES:
                    page.get_by_role("button", name=size, exact=True).click()
                    problems += [f"{name} {pinyin} {size}: {p}" for p in table_problems(page)]
    finally:
        page.close()
    assert not problems, "\n".join(problems[:20])


def test_epub_tables_fit_a_phone_at_every_size(browser: Any, served: str) -> None:
    page = browser.new_page(viewport={"width": WIDTH, "height": 900})
    problems = []
    try:
        for size, preset in SIZES.items():
            for name in PAGES:
                page.goto(f"{served}epub-{size}/EPUB/text/{name}.xhtml")
                # The reader's text size: the preset's (12 pt = 16 CSS px).
                root = f":root {{ font-size: {preset.pt * 4 / 3}px }}"
                page.add_style_tag(content=root + " body { font-size: 1rem }")
                problems += [f"{size} {name}: {p}" for p in table_problems(page)]
    finally:
        page.close()
    assert not problems, "\n".join(problems[:20])


def test_narrow_cells_are_read_once(browser: Any, served: str) -> None:
    """On a phone a cell's label (its column header, with its readings) is shown but is not
    part of its accessible name: a screen reader reads the header once, from the table's column
    header."""
    page = browser.new_page(viewport={"width": WIDTH, "height": 900})
    try:
        page.goto(f"{served}site/05-tushushi.html")
        page.get_by_role("button", name="关", exact=True).click()
        page.get_by_role("button", name="特大", exact=True).click()
        table = page.locator("table").first
        snapshot = table.aria_snapshot()
        # Each cell's text without its label (and without the readings, as in the names).
        texts = table.locator("td").evaluate_all(
            """cells => cells.map(cell => {
                 const copy = cell.cloneNode(true);
                 copy.querySelectorAll('.label, rt, rp').forEach(e => e.remove());
                 return copy.textContent.trim();
               }).filter(t => t)"""
        )
        labels = table.locator("td > .label")
        shown = [label.is_visible() for label in labels.all()]
        label_readings = labels.first.locator("rt").all_inner_texts()
    finally:
        page.close()
    assert shown and all(shown), "a label is not shown above its cell at 320 px"
    assert label_readings == ["rì", "qī"], "the label 日期 has no readings"
    assert texts
    # Chromium names a cell of <ruby> elements with a space between them ("周 一"), as before.
    names = [n.replace(" ", "") for n in re.findall(r'- cell "([^"]*)"', snapshot)]
    assert names == [t.replace(" ", "") for t in texts], snapshot
