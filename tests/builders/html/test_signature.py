"""A notice's signature (落款: its issuing offices and date, `model.Signature`) is set at the
right, two characters in from the edge (GB/T 9704-2012 §7.3.5), in print and on screen; set
as running text it read as two more paragraphs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from publish.pipeline import build
from tests.builders.html.browser import serve
from tests.conftest import FIXTURES

NOTICE = FIXTURES / "official-notice"


def test_the_site_s_signature_ends_two_characters_in_from_the_right(
    browser: Any, tmp_path: Path
) -> None:
    (site,) = build(NOTICE, tmp_path, formats="html", pinyin=True)
    with serve(site) as url:
        for width in (320, 1280):
            page = browser.new_page(viewport={"width": width, "height": 900})
            try:
                page.goto(f"{url}notice.html")
                measured = page.evaluate(
                    """() => {
                      const em = parseFloat(getComputedStyle(document.querySelector("main p"))
                        .fontSize);
                      const edge = document.querySelector("main p").getBoundingClientRect().right;
                      const ends = [...document.querySelectorAll(".signature p")].map(p => {
                        const range = document.createRange();
                        range.selectNodeContents(p);
                        return range.getBoundingClientRect().right;
                      });
                      return {em, edge, ends};
                    }"""
                )
            finally:
                page.close()
            ends = measured["ends"]
            assert len(ends) == 3 and max(ends) - min(ends) < 1, (width, measured)
            assert measured["edge"] - ends[0] == pytest.approx(2 * measured["em"], abs=2)
