"""The HTML site in Chromium: the toolbar, pinyin, contrast, print, reflow and safety."""

from __future__ import annotations

import io
import json
import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from publish.config import SIZES
from tests.builders.html.browser import contrast_ratio, line_texts

SEED_PAGE = "seed/lingdao-fangtan.html"
BODY_TEXT = "article > p:not(.meta):not(.subtitle), .interview > p:not(.speaker)"
CLOSING = set("。，、；：？！）」』”’》〉】,.;:?!)")
OPENING = set("（「『“‘《〈【(")


def _px(preset: str) -> float:
    """A size preset in CSS px at the browser's default size (12 pt = 16 px)."""
    return SIZES[preset].pt * 4 / 3


def _open(page: Any, url: str) -> Any:
    page.goto(url)
    page.wait_for_load_state("load")
    return page


def _body_size(page: Any) -> float:
    return float(page.eval_on_selector(BODY_TEXT, "e => getComputedStyle(e).fontSize")[:-2])


def _store(page: Any, url: str, **choices: Any) -> None:
    """Store reader choices as site.js does, then load `url`."""
    _open(page, url)
    page.evaluate("c => localStorage.setItem('publish-reader', JSON.stringify(c))", choices)
    _open(page, url)


def _pressed(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        ".toolbar button[aria-pressed='true']", "bs => bs.map(b => b.textContent)"
    )


# --------------------------------------------------------------------------- 字体


def test_size_buttons_change_the_body_text_and_the_choice_is_kept(page: Any, site_url: str) -> None:
    _open(page, site_url + "reader/01-jingyesi.html")
    assert _body_size(page) == pytest.approx(_px("大"), abs=0.1)  # the build's size
    assert _pressed(page) == ["大", "开"]
    page.get_by_role("button", name="小", exact=True).click()
    small = _body_size(page)
    page.get_by_role("button", name="大", exact=True).click()
    large = _body_size(page)
    page.get_by_role("button", name="特大", exact=True).click()
    largest = _body_size(page)
    assert small < large < largest
    assert largest == pytest.approx(_px("特大"), abs=0.1)
    assert _pressed(page) == ["特大", "开"]

    page.reload()
    assert _body_size(page) == pytest.approx(largest)
    assert _pressed(page) == ["特大", "开"]
    page.click("a[rel=next]")
    page.wait_for_url("**/02-jieqi.html")
    assert _body_size(page) == pytest.approx(largest)
    assert _pressed(page) == ["特大", "开"]


def test_a_stored_choice_is_on_the_page_before_its_body_exists(context: Any, site_url: str) -> None:
    # Recorded when <body> and the toolbar are inserted, so before any paint: no flash of the
    # build's size, and no toolbar showing the build's choices pressed before site.js sets them.
    context.add_init_script(
        """
        new MutationObserver((changes, observer) => {
          if (document.body && window.sizeAtBody === undefined) {
            window.sizeAtBody = document.documentElement.getAttribute("data-size");
            window.classesAtBody = document.documentElement.className;
          }
          const toolbar = document.querySelector(".toolbar");
          if (toolbar) {
            const style = getComputedStyle(toolbar);
            window.toolbarAtParse = [style.display, style.visibility];
            observer.disconnect();
          }
        }).observe(document, {childList: true, subtree: true});
        """
    )
    page = context.new_page()
    _store(page, site_url + SEED_PAGE, size="特大", pinyin=False, contrast=True)
    assert page.evaluate("window.sizeAtBody") == "特大"
    assert set(page.evaluate("window.classesAtBody").split()) >= {"pinyin-off", "contrast", "js"}
    assert page.evaluate("window.toolbarAtParse") == ["flex", "hidden"]  # its place held, unseen
    assert page.locator(".toolbar").is_visible()
    assert _pressed(page) == ["特大", "关", "高对比度"]


def test_without_javascript_the_page_reads_as_built(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = _open(context.new_page(), site_url + SEED_PAGE)
        assert not page.locator(".toolbar").is_visible()
        assert _reading_shown(page)
        assert _body_size(page) == pytest.approx(_px("大"), abs=0.1)
    finally:
        context.close()


def test_an_unknown_stored_size_falls_back_to_the_built_size(page: Any, site_url: str) -> None:
    _store(page, site_url + SEED_PAGE, size="巨大")
    assert _body_size(page) == pytest.approx(_px("大"), abs=0.1)
    assert _pressed(page) == ["大", "开"]


# --------------------------------------------------------------------------- keyboard


def _focused(page: Any) -> str:
    return page.evaluate("document.activeElement.textContent.trim()")


def test_every_control_is_reachable_and_usable_by_keyboard(page: Any, site_url: str) -> None:
    _open(page, site_url + SEED_PAGE)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0  # shown when focused
    page.keyboard.press("Tab")
    assert _focused(page) == "绿园区领导访谈"
    page.keyboard.press("Tab")
    assert _focused(page) == "特大"  # the toolbar is one Tab stop
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert outline[0] != "none" and outline[1] >= 2  # visible focus
    for key, expected in (
        ("ArrowRight", "大"),
        ("End", "打印"),
        ("ArrowRight", "特大"),
        ("ArrowLeft", "打印"),
        ("ArrowLeft", "高对比度"),
    ):
        page.keyboard.press(key)
        assert _focused(page) == expected, key
    page.keyboard.press("Space")
    assert page.evaluate("document.documentElement.classList.contains('contrast')")
    page.keyboard.press("Home")
    page.keyboard.press("Enter")
    assert _body_size(page) == pytest.approx(_px("特大"), abs=0.1)
    page.keyboard.press("Tab")
    assert _focused(page) == "首页"  # out of the toolbar in one Tab
    page.keyboard.press("Shift+Tab")
    assert _focused(page) == "特大"  # back to the button used last

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # the skip link
    assert page.evaluate("document.activeElement.id") == "main"


# --------------------------------------------------------------------------- 拼音


def _reading_shown(page: Any) -> bool:
    """Whether the first reading is drawn: its text has a box (the <rt> itself is a box of no
    width on the even grid, its text centred on it; layouts/web/style.css)."""
    return page.locator("rt").first.evaluate(
        "rt => { const range = document.createRange(); range.selectNodeContents(rt);"
        " const box = range.getBoundingClientRect();"
        " return rt.checkVisibility() && box.width > 0 && box.height > 0; }"
    )


def _accessible_text(page: Any) -> list[str]:
    """Every name, description and value in Chromium's accessibility tree of the page."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    texts = []
    for node in nodes:
        if node.get("ignored"):
            continue
        for key in ("name", "description", "value"):
            value = node.get(key, {}).get("value")
            if isinstance(value, str) and value.strip():
                texts.append(value)
    return texts


def _readings_in_tree(page: Any) -> list[str]:
    """The readings (of three letters and more) found in the accessibility tree's text."""
    readings = page.eval_on_selector_all("rt", "es => es.map(e => e.textContent)")
    assert len(readings) > 2000
    tree = "\n".join(_accessible_text(page))
    assert "领导访谈" in tree
    return sorted(r for r in {r for r in readings if len(r) > 2} if r in tree)


def _first_paragraph(page: Any) -> tuple[str, str]:
    """The first interview paragraph: its characters (readings left out) and its aria snapshot."""
    paragraph = page.locator(".interview > p:not(.speaker)").first
    characters = paragraph.evaluate(
        "p => { const c = p.cloneNode(true); c.querySelectorAll('rt, rp').forEach(e => e.remove());"
        " return c.textContent; }"
    )
    return characters, paragraph.aria_snapshot()


def test_pinyin_is_shown_but_each_character_is_read_as_the_character(
    page: Any, site_url: str
) -> None:
    _open(page, site_url + SEED_PAGE)
    assert _reading_shown(page)
    characters, snapshot = _first_paragraph(page)
    # The accessibility tree reads the characters once, without a syllable in between.
    assert re.sub(r"\s", "", snapshot) == "-paragraph:" + re.sub(r"\s", "", characters)
    assert _readings_in_tree(page) == []


def test_pinyin_off_hides_every_reading_from_the_page_and_the_accessibility_tree(
    page: Any, site_url: str
) -> None:
    _open(page, site_url + SEED_PAGE)
    page.get_by_role("button", name="关", exact=True).click()
    assert _pressed(page) == ["大", "关"]
    shown = page.eval_on_selector_all(
        "rt, rp", "es => es.filter(e => getComputedStyle(e).display !== 'none').length"
    )
    assert shown == 0
    assert _readings_in_tree(page) == []
    characters, snapshot = _first_paragraph(page)
    assert re.sub(r"\s", "", snapshot) == "-paragraph:" + re.sub(r"\s", "", characters)
    page.reload()
    assert page.locator("rt").first.is_hidden() and _pressed(page) == ["大", "关"]


def _shown_readings(page: Any) -> list[str]:
    """The kind of each reading span the page shows (pinyin's .py or zhuyin's .zy)."""
    return page.eval_on_selector_all(
        "rt span.py, rt span.zy",
        "es => es.filter(e => e.checkVisibility()).map(e => e.classList[0])",
    )


def test_a_site_with_both_readings_offers_zhuyin_and_keeps_the_choice(
    page: Any, site_url: str
) -> None:
    _open(page, site_url + "reader-both/01-jingyesi.html")
    assert _pressed(page) == ["大", "開"]
    shown = _shown_readings(page)
    assert len(shown) > 20 and set(shown) == {"py"}
    page.get_by_role("button", name="注音", exact=True).click()
    assert _pressed(page) == ["大", "注音"]
    assert set(_shown_readings(page)) == {"zy"}
    # Screen readers still read the characters alone: no zhuyin in the accessibility tree.
    tree = "\n".join(_accessible_text(page))
    assert "床前明月光" in tree and not re.search("[\u3105-\u312f]", tree)
    # Kept on the next page and the next visit, like the other choices.
    _open(page, site_url + "reader-both/02-jieqi.html")
    assert _pressed(page) == ["大", "注音"] and set(_shown_readings(page)) == {"zy"}
    page.get_by_role("button", name="關", exact=True).click()
    assert _shown_readings(page) == []


# --------------------------------------------------------------------------- 高对比度

_COLOURS = """
elements => elements.map(e => {
  let back = e, background = "rgba(0, 0, 0, 0)";
  while (back && /rgba\\(.*, 0\\)$|transparent/.test(background)) {
    background = getComputedStyle(back).backgroundColor;
    back = back.parentElement;
  }
  return [e.tagName + "." + e.className, getComputedStyle(e).color, background];
})
"""


def _colour_pairs(page: Any) -> list[tuple[str, str, str]]:
    selector = "body, h1, h2, p, a, rt, .meta, .tool-label, .toolbar button, blockquote, td, th"
    return [tuple(pair) for pair in page.eval_on_selector_all(selector, _COLOURS)]


def test_every_character_of_a_linked_title_is_underlined(page: Any, site_url: str) -> None:
    """A title's phrases are inline blocks, which take no underline from their link: the
    index's entries were underlined only where a character stood outside a phrase."""
    _open(page, site_url + "reader/index.html")
    phrases = page.eval_on_selector_all(
        ".entry-title a .phrase", "es => es.map(e => getComputedStyle(e).textDecorationLine)"
    )
    assert phrases and set(phrases) == {"underline"}


@pytest.mark.parametrize("contrast", [False, True], ids=["default", "high-contrast"])
def test_text_has_a_contrast_of_7_to_1(page: Any, site_url: str, contrast: bool) -> None:
    _open(page, site_url + "reader/02-jieqi.html")
    if contrast:
        page.get_by_role("button", name="高对比度").click()
        assert page.get_by_role("button", name="高对比度").get_attribute("aria-pressed") == "true"
    pairs = _colour_pairs(page)
    assert len(pairs) > 20
    low = [
        (what, fg, bg, round(contrast_ratio(fg, bg), 2))
        for what, fg, bg in pairs
        if contrast_ratio(fg, bg) < 7
    ]
    assert not low
    body = page.eval_on_selector("body", "b => getComputedStyle(b).backgroundColor")
    assert (body == "rgb(0, 0, 0)") is contrast


def test_a_system_asking_for_more_contrast_gets_it_until_the_reader_chooses(
    browser: Any, site_url: str
) -> None:
    context = browser.new_context(contrast="more")
    try:
        page = _open(context.new_page(), site_url + SEED_PAGE)
        button = page.locator("button[data-contrast]")
        assert page.evaluate("document.documentElement.classList.contains('contrast')")
        assert button.get_attribute("aria-pressed") == "true"
        button.click()
        page.reload()
        assert not page.evaluate("document.documentElement.classList.contains('contrast')")
        assert button.get_attribute("aria-pressed") == "false"
    finally:
        context.close()


# --------------------------------------------------------------------------- 打印


def test_print_hides_the_toolbar_and_navigation_and_keeps_the_size(
    page: Any, site_url: str
) -> None:
    _open(page, site_url + "reader/04-yingjibao.html")
    page.get_by_role("button", name="特大", exact=True).click()
    page.get_by_role("button", name="高对比度").click()
    page.emulate_media(media="print")
    for selector in (".toolbar", ".site-header", ".breadcrumb", ".pager", ".skip-link"):
        assert page.locator(selector).is_hidden(), selector
    assert _body_size(page) == pytest.approx(_px("特大"), abs=0.1)
    heading = page.eval_on_selector(
        "h2", "h => [getComputedStyle(h).breakAfter, getComputedStyle(h).breakInside]"
    )
    assert heading == ["avoid", "avoid"]
    after = page.eval_on_selector(
        "a[href^='https:']", "a => getComputedStyle(a, '::after').content"
    )
    assert "https://www.mem.gov.cn/" in after
    colours = page.eval_on_selector("p", "p => getComputedStyle(p).color")
    assert colours == "rgb(0, 0, 0)"  # black on white, whatever the screen's scheme

    # The printed document itself (Chromium's print path): no controls, the link's target.
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf())).pages)
    squashed = re.sub(r"\s", "", text)
    assert "家庭应急包里放什么" in squashed
    assert "高对比度" not in squashed and "上一篇" not in squashed
    assert "https://www.mem.gov.cn/" in squashed


# --------------------------------------------------------------------------- reflow, lines

_PAGES = {
    "seed": ["index.html", "lingdao-fangtan.html"],
    "reader": ["index.html", "01-jingyesi.html", "02-jieqi.html", "03-jiuzhen.html",
               "04-yingjibao.html", "05-tushushi.html", "06-jumin.html"],
    "words": ["lingdao-fangtan.html"],
}  # fmt: skip


def test_nothing_scrolls_sideways_at_320_px_even_at_the_largest_size_with_pinyin(
    browser: Any, site_url: str
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        _store(page, site_url + SEED_PAGE, size="特大", contrast=True)
        assert _body_size(page) == pytest.approx(_px("特大"), abs=0.1)
        for site, names in _PAGES.items():
            for name in names:
                _open(page, f"{site_url}{site}/{name}")
                assert _reading_shown(page)
                widths = page.evaluate(
                    "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                )
                assert widths[0] <= widths[1], (site, name, widths)
    finally:
        context.close()


def test_an_item_of_the_metadata_line_never_shares_a_line_with_the_end_of_another(
    browser: Any, site_url: str
) -> None:
    # At 特大 on a phone the seed's line read
    # "发布时间： / 2018年11月16日 / 09:15 来源： / 绿园发布".
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        _store(page, site_url + SEED_PAGE, size="特大")
        lines = page.evaluate(
            """() => [...document.querySelectorAll('.meta-item')].map(item => {
                const range = document.createRange();
                range.selectNodeContents(item);
                const rects = [...range.getClientRects()].filter(r => r.width > 0);
                return [item.textContent, rects[0].top, rects[rects.length - 1].bottom,
                        new Set(rects.map(r => Math.round(r.top))).size];
            })"""
        )
        assert len(lines) >= 2 and any(lines_ > 1 for *_, lines_ in lines), lines
        for (first, _, end, first_lines), (second, top, _, _) in pairwise(lines):
            # Side by side only when the first item is one line and the second starts on it.
            assert top >= end - 1 or first_lines == 1, (first, second)
    finally:
        context.close()


def test_a_tables_caption_breaks_between_words_on_a_phone(browser: Any, site_url: str) -> None:
    # At 特大 on a phone the reader's caption read
    # "表1图书 / 室开放时 / 间法定节 / 假日另行 / 通知".
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        _store(page, site_url + "reader/05-tushushi.html", size="特大")
        lines = page.evaluate(
            """() => {
                const rows = new Map();
                for (const ruby of document.querySelectorAll('caption ruby')) {
                    const top = Math.round(ruby.getBoundingClientRect().top);
                    const base = [...ruby.childNodes].filter(n => n.nodeType === 3)
                        .map(n => n.textContent).join('');
                    rows.set(top, (rows.get(top) || '') + base);
                }
                return [...rows.values()];
            }"""
        )
        assert len(lines) > 2, lines
        for word in ("图书室", "开放时间", "节假日", "另行通知"):
            assert any(word in line for line in lines), (word, lines)
    finally:
        context.close()


_TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


@pytest.mark.parametrize("width", [320, 640, 1280])
def test_text_spacing_and_zoom_lose_nothing(browser: Any, site_url: str, width: int) -> None:
    # WCAG 1.4.12 text spacing (the bookmarklet's values) and 1.4.4 resize: 640 CSS px is a
    # 1280 px window at 200%. Nothing may scroll sideways or be clipped in a control.
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    try:
        page = context.new_page()
        _store(page, site_url + "reader/05-tushushi.html", size="特大")
        for name in ("reader/05-tushushi.html", SEED_PAGE):
            _open(page, site_url + name)
            page.add_style_tag(content=_TEXT_SPACING)
            widths = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert widths[0] <= widths[1], (name, widths)
            clipped = page.eval_on_selector_all(
                ".toolbar button, a, h1, h2, td",
                "es => es.filter(e => e.scrollWidth > e.clientWidth + 1 && "
                "getComputedStyle(e).overflow !== 'visible').map(e => e.textContent)",
            )
            assert not clipped
    finally:
        context.close()


@pytest.mark.parametrize(
    ("width", "size"), [(320, "特大"), (1280, "小"), (1280, "大")], ids=["320-特大", "小", "大"]
)
def test_lines_follow_chinese_line_breaking_and_hold_at_most_40_characters(
    browser: Any, site_url: str, width: int, size: str
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        _store(page, site_url + SEED_PAGE, size=size)
        for pinyin in (True, False):
            if not pinyin:
                page.get_by_role("button", name="关", exact=True).click()
            lines = line_texts(page)
            assert len(lines) > 50
            assert not [line for line in lines if line[0] in CLOSING], "closing punctuation first"
            assert not [line for line in lines if line[-1] in OPENING], "opening punctuation last"
            assert max(len(line) for line in lines) <= 40, max(lines, key=len)
    finally:
        context.close()


def test_text_is_start_aligned_with_line_spacing_of_at_least_1_5(page: Any, site_url: str) -> None:
    _open(page, site_url + SEED_PAGE)
    for pinyin in (True, False):
        if not pinyin:
            page.get_by_role("button", name="关", exact=True).click()
        styles = page.eval_on_selector_all(
            BODY_TEXT,
            "ps => ps.map(p => { const s = getComputedStyle(p);"
            " return [s.textAlign, parseFloat(s.lineHeight) / parseFloat(s.fontSize)]; })",
        )
        assert {align for align, _ in styles} == {"start"}
        assert min(ratio for _, ratio in styles) >= 1.5


# --------------------------------------------------------------------------- self-contained, safe

_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation",
  e => window.cspViolations.push(e.violatedDirective + " " + e.blockedURI));
"""


def test_pages_load_only_their_own_files_and_break_no_policy(context: Any, site_url: str) -> None:
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    failed: list[str] = []
    context.on("requestfailed", lambda request: failed.append(request.url))
    context.add_init_script(_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for site, names in _PAGES.items():
        for name in names:
            _open(page, f"{site_url}{site}/{name}")
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.cspViolations") == [], name
            assert page.evaluate("document.fonts.status") == "loaded"
            faces = page.evaluate("[...document.fonts].map(f => f.status)")
            assert faces and set(faces) == {"loaded"}, name
    outside = [url for url in requests if not url.startswith(site_url)]
    assert not outside and not failed and not errors


def test_markup_in_the_sources_runs_nothing(page: Any, site_url: str, sites_root: Path) -> None:
    (article,) = [p.name for p in (sites_root / "unsafe").glob("*.html") if p.name != "index.html"]
    for name in ("index.html", article):
        _open(page, f"{site_url}unsafe/{name}")
        page.wait_for_load_state("networkidle")
        page.mouse.move(10, 10)
        assert page.evaluate("window.pwned") is None
    assert "<script>" in page.locator("h1").inner_text()
    assert page.locator("main img, main svg").count() == 0


def test_choices_hold_across_pages_opened_from_disk(page: Any, sites_root: Path) -> None:
    # A reader may open the site from a folder or USB stick: file:// pages share localStorage.
    site = sites_root / "reader"
    _open(page, (site / "01-jingyesi.html").as_uri())
    page.get_by_role("button", name="特大", exact=True).click()
    _open(page, (site / "03-jiuzhen.html").as_uri())
    assert _body_size(page) == pytest.approx(_px("特大"), abs=0.1)
    stored = json.loads(page.evaluate("localStorage.getItem('publish-reader')"))
    assert stored == {"size": "特大"}
