"""One even ruby grid on the site and in the EPUB (issue 14, defect 5), in Chromium and WebKit.

As in the PDF and in primary-school textbooks, every annotated character stands on an even
pitch (`config.reading_pitch_em`) with its reading centred above it, and a wide reading never
pushes its character away from its neighbours (创 新方法). On the community reader with pinyin,
at each 字体 size and at 320 and 1280 CSS px, from the boxes each engine lays out:

1. the advances between consecutive annotated characters of one line are equal (0.5 px) and
   are the grid's pitch;
2. no reading's box overlaps another reading's box, nor any character's em box (the line
   above, its own character);
3. each reading's centre is within 1 px of its characters' centre;
4. a word (`--pinyin-words`) is set on one line unless it is wider than its line;

and nothing scrolls sideways. The EPUB's XHTML is read with its own stylesheet, at the size a
reader would choose for each preset. The zhuyin, pinyin-and-zhuyin and one-reading-per-word
(`--pinyin-words`) sites are held to the same grid.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from publish.config import SIZES, reading_pitch_em
from publish.pipeline import build
from publish.punctuation import CLOSING, OPENING
from tests.builders.html.browser import WebKit, line_texts, measure, serve
from tests.visual.conftest import example_path

pytestmark = pytest.mark.slow

READER = example_path("community-reader")
SEED = example_path("luyuan-interviews")
ARTICLES = ["01-jingyesi", "02-jieqi", "03-jiuzhen", "04-yingjibao", "05-tushushi", "06-jumin"]
WIDTHS = (320, 1280)


def grid_problems(page: Any, pitch: float, scrolls: bool = False, within: float = 0.5) -> list[str]:
    """What breaks the grid on the page as shown: advances more than `within` px apart or more
    than half of it (at least 0.5 px) off the pitch, overlapping readings, readings off their
    characters' centre, and sideways scrolling unless the page `scrolls` for another reason."""
    found = measure(page, "rubyGrid")
    assert found["readings"] > 20
    problems = []
    by_size: dict[float, list[tuple[float, str]]] = {}
    for size, advance, pair in found["advances"]:
        by_size.setdefault(size, []).append((advance, pair))
    assert by_size, "no two annotated characters side by side"
    for size, advances in by_size.items():
        narrowest, widest = min(advances), max(advances)
        if widest[0] - narrowest[0] > within:
            problems.append(f"{size} px: advances from {narrowest} to {widest}")
        for advance in (narrowest, widest):
            if abs(advance[0] - pitch * size) > max(0.5, within / 2):
                problems.append(f"{size} px: advance {advance} is not the pitch {pitch * size:.2f}")
    problems += [f"readings overlap: {a} / {b} by {x:.2f} px" for a, b, x in found["overlaps"]]
    problems += [
        f"reading over a character: {a} / {c} by {y:.2f} px" for a, c, y in found["clashes"]
    ]
    problems += [f"reading off centre: {a} by {d:.2f} px" for a, d in found["offcentre"]]
    problems += [
        f"broken over two lines though it fits one: {a} ({w:.1f} px in a {line:.1f} px line)"
        for a, w, line in found["split"]
    ]
    scroll, client = found["scroll"]
    if scroll > client and not scrolls:
        problems.append(f"scrolls sideways: {scroll} > {client} px")
    return problems


@pytest.fixture(params=["chromium", "webkit"])
def engine(request: pytest.FixtureRequest) -> Any:
    """Chromium, and WebKit, which Apple Books and Kobo lay EPUBs out with: both measured by
    the same JavaScript (tests/builders/html/measure.js), driven alike."""
    return request.getfixturevalue("browser" if request.param == "chromium" else "webkit")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], str]]:
    """The base URL of each site, by name, all built into one served folder."""
    root = tmp_path_factory.mktemp("grid-sites")
    options: dict[str, tuple[Path, dict[str, Any]]] = {
        "pinyin": (READER, {"pinyin": True}),
        "zhuyin": (READER, {"reading": "zhuyin", "script": "tw"}),
        "both": (READER, {"reading": "pinyin,zhuyin", "script": "tw"}),
        "words": (
            example_path("luyuan-interviews"),
            {"pinyin": True, "html": {"pinyin_words": True}},
        ),
        "words-reader": (READER, {"pinyin": True, "html": {"pinyin_words": True}}),
    }
    for name, (project, settings) in options.items():
        (site,) = build(project, tmp_path_factory.mktemp(name), formats="html", **settings)
        site.rename(root / name)
    with serve(root) as url:
        yield lambda name: f"{url}{name}/"


def _site_grid(
    engine: Any,
    url: str,
    pages: list[str],
    sizes: list[str],
    reading: str = "",
    within: float = 0.5,
) -> list[str]:
    """The grid's problems on each page at each size and width (`reading`: a button of the
    拼音 group to press first, kept for the other pages as a reader's choice is; `within`: as
    `grid_problems`)."""
    problems = []
    for width in WIDTHS:
        context = engine.new_context(viewport={"width": width, "height": 900})
        try:
            page = context.new_page()
            for name in pages:
                page.goto(url + name)
                if reading:
                    page.get_by_role("button", name=reading, exact=True).click()
                for size in sizes:
                    page.get_by_role("button", name=size, exact=True).click()
                    pitch = reading_pitch_em(SIZES[size].pt)
                    found = grid_problems(page, pitch, within=within)
                    problems += [f"{width} px {size} {name}: {p}" for p in found]
        finally:
            context.close()
    return problems


def test_the_site_sets_every_reading_on_an_even_grid(engine: Any, sites: Any) -> None:
    pages = [f"{article}.html" for article in ARTICLES]
    problems = _site_grid(engine, sites("pinyin"), pages, list(SIZES))
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize(("site", "reading"), [("zhuyin", ""), ("both", "注音")])
def test_zhuyin_keeps_the_grid(engine: Any, sites: Any, site: str, reading: str) -> None:
    pages = ["02-jieqi.html", "04-yingjibao.html"]
    problems = _site_grid(engine, sites(site), pages, ["小", "特大"], reading)
    assert not problems, "\n".join(problems[:20])


def test_a_word_keeps_one_pitch_under_its_one_reading(engine: Any, sites: Any) -> None:
    # A word wider than a line (解放思想 in a 特大 heading on a phone) is set on two lines
    # under its reading: the checks of the reading's centre leave out such words only.
    # WebKitGTK rounds the letter-spacing that gives a word's characters their cells: inside a
    # word they stand up to 0.73 px closer than the pitch (25.0 px at 小 for 25.28), the next
    # word's first character as much further, as the word's box is exact: the error never adds
    # up, and stays within 1 px of the pitch.
    # The reader's nested lists at 特大 on a phone: a paragraph's ending (充电宝；) ran 51 px
    # off the screen while each level was indented 2em.
    within = 2.0 if isinstance(engine, WebKit) else 0.5
    problems = _site_grid(
        engine, sites("words"), ["lingdao-fangtan.html"], ["小", "特大"], within=within
    )
    pages = [f"{article}.html" for article in ARTICLES]
    problems += _site_grid(engine, sites("words-reader"), pages, ["小", "特大"], within=within)
    assert not problems, "\n".join(problems[:20])


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of the reader's EPUB with pinyin, unzipped, for each size (`epub-特大/`)."""
    root = tmp_path_factory.mktemp("grid-books")
    for size in SIZES:
        (epub,) = build(
            READER, tmp_path_factory.mktemp(size), formats="epub", pinyin=True, size=size
        )
        with zipfile.ZipFile(epub) as archive:
            archive.extractall(root / f"epub-{size}")
    with serve(root) as url:
        yield url


@pytest.mark.parametrize("size", list(SIZES))
def test_the_epub_sets_every_reading_on_an_even_grid(engine: Any, books: str, size: str) -> None:
    # The reader's text size: the preset's (12 pt = 16 CSS px).
    reader_size = f":root {{ font-size: {SIZES[size].pt * 4 / 3}px }} body {{ font-size: 1rem }}"
    problems = []
    for width in WIDTHS:
        page = engine.new_page(viewport={"width": width, "height": 900})
        try:
            for article in ARTICLES:
                page.goto(f"{books}epub-{size}/EPUB/text/{article}.xhtml")
                page.add_style_tag(content=reader_size)
                # Its tables are wider than a phone at 特大 (as before the grid): the page may
                # scroll sideways, a reading may not leave the grid.
                found = grid_problems(page, reading_pitch_em(SIZES[size].pt), scrolls=True)
                problems += [f"{width} px {article}: {p}" for p in found]
        finally:
            page.close()
    assert not problems, "\n".join(problems[:20])


def _marks_out_of_place(engine: Any, sites: Any, pages: list[tuple[str, list[str]]]) -> list[str]:
    """The lines that start with a closing mark or end with an opening one (clreq §3.1.7) on
    each (site, its pages) at each size and width."""
    problems = []
    for width in WIDTHS:
        page = engine.new_page(viewport={"width": width, "height": 900})
        try:
            for site, names in pages:
                for name in names:
                    page.goto(f"{sites(site)}{name}.html")
                    for size in SIZES:
                        page.get_by_role("button", name=size, exact=True).click()
                        problems += [
                            f"{width} px {size} {name}: {line}"
                            for line in line_texts(page)
                            if line[0] in CLOSING or line[-1] in OPENING
                        ]
        finally:
            page.close()
    return problems


def test_no_line_starts_with_the_closing_mark_after_a_word(engine: Any, sites: Any) -> None:
    # A word's ruby is a box, and a browser may break on either side of a box: the marks
    # around a word are kept on its line (layouts.word_ties, clreq §3.1.7).
    pages = [("words", ["lingdao-fangtan"]), ("words-reader", ARTICLES)]
    problems = _marks_out_of_place(engine, sites, pages)
    assert not problems, "\n".join(problems[:20])


def test_no_line_starts_with_a_closing_mark_across_emphasis(engine: Any, sites: Any) -> None:
    # WebKit breaks after a character's reading box, and so before "、" after
    # "**听见了什么**": the mark is tied to the character before it across the emphasis
    # (layouts.word_ties), on every page of the reader at every size.
    problems = _marks_out_of_place(engine, sites, [("pinyin", ARTICLES)])
    assert not problems, "\n".join(problems[:20])
