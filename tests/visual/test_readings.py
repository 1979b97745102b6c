"""Readings large enough (issue 14, defect 4): in 大 and 特大 every reading is at least two
thirds of its characters' size, in the PDF (pdfplumber's glyph sizes) and on the site
(Chromium's computed sizes at each 字体 button); `pinyin_scale` changes it within limits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from publish.config import READING_EM_LARGE, Settings
from publish.errors import PublishError
from publish.pipeline import build
from tests.builders.html.browser import serve
from tests.visual.conftest import EXAMPLE_NAMES, example_path

pytestmark = pytest.mark.slow


def _sizes(pdf: Path) -> tuple[set[float], set[float]]:
    """The sizes of Han characters and of pinyin letters on the PDF's body pages."""
    import pdfplumber

    han, latin = set(), set()
    with pdfplumber.open(pdf) as document:
        for page in document.pages[1:]:
            for char in page.chars:
                text = char["text"]
                if "\u4e00" <= text <= "\u9fff":
                    han.add(round(char["size"], 1))
                elif text.isalpha() and text.isascii():
                    latin.add(round(char["size"], 1))
    return han, latin


@pytest.mark.parametrize("example", EXAMPLE_NAMES)
@pytest.mark.parametrize(("size", "body"), [("大", 18.0), ("特大", 26.0)])
def test_pdf_readings_are_two_thirds_of_the_body_in_large_print(
    example: str, size: str, body: float, tmp_path: Path
) -> None:
    (pdf,) = build(example_path(example), tmp_path, formats="pdf", size=size, pinyin=True)
    han, latin = _sizes(pdf)
    assert body in han
    # Readings are condensed horizontally only (a scale of x), never made smaller.
    assert latin and min(latin) >= round(body * READING_EM_LARGE, 1) - 0.1


def test_pinyin_scale_changes_the_pdf_readings(tmp_path: Path) -> None:
    example = example_path("community-reader")
    (pdf,) = build(example, tmp_path, formats="pdf", size="大", pinyin=True, pinyin_scale=1.1)
    _han, latin = _sizes(pdf)
    assert min(latin) >= round(18 * READING_EM_LARGE * 1.1, 1) - 0.1


@pytest.mark.parametrize("scale", [0.5, 1.5, "big", True])
def test_pinyin_scale_out_of_its_limits_is_refused(scale: object) -> None:
    with pytest.raises(PublishError, match="pinyin_scale"):
        Settings().updated({"pinyin_scale": scale}, where="options")


def test_site_readings_follow_the_size_buttons(browser: Any, tmp_path: Path) -> None:
    (site,) = build(example_path("luyuan-interviews"), tmp_path, formats="html", pinyin=True)
    measure = """() => {
        const rt = document.querySelector('main rt');
        const base = rt.parentElement;
        return [parseFloat(getComputedStyle(base).fontSize),
                parseFloat(getComputedStyle(rt).fontSize)];
    }"""
    with serve(site) as url:
        page = browser.new_page()
        page.goto(url + "index.html")
        article = page.locator("main a[href$='.html']").first.get_attribute("href")
        page.goto(url + article)
        for name, least in (("小", 0.5), ("中", 0.5), ("大", 2 / 3), ("特大", 2 / 3)):
            page.get_by_role("button", name=name, exact=True).click()
            base, reading = page.evaluate(measure)
            assert reading >= base * least - 0.01, name
            assert reading >= 9, name  # never the 8 px readings of 小
        page.close()


def test_the_command_refuses_a_pinyin_scale_out_of_its_limits(tmp_path: Path) -> None:
    from tests.conftest import run_publish

    result = run_publish(
        "build", example_path("community-reader"), "-f", "pdf", "--pinyin-scale", "2",
        "-o", tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: options: pinyin_scale 2.0 is out of range: use 0.75 to 1.25 "
        "(1 is the default size of the readings)"
    ]
