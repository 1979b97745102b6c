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
from tests.builders.html.browser import measure, serve
from tests.visual.conftest import example_path

pytestmark = pytest.mark.slow

READER = example_path("community-reader")
PAGES = ("02-jieqi", "05-tushushi")
WIDTH = 320

# Marks that never start a line: the Chinese ones and their ASCII forms (a time's colon).
NEVER_FIRST = CLOSING + "：,.:;!?)]}"


def table_problems(page: Any) -> list[str]:
    """Characters of the page's tables outside their cell or the window, and whether the
    tables are still tables to assistive technology."""
    measured = measure(page, "tableProblems", NEVER_FIRST)
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
