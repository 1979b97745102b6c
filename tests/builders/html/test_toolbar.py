"""The toolbar stays in place whatever the size chosen (issue 14, defect 9): at 1280 px,
pressing 中 or 小 wrapped it under the site title and the button just pressed jumped away."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.parametrize("width", [1280, 1024, 800])
def test_the_toolbar_does_not_move_when_the_size_changes(
    browser: Any, site_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + "seed/lingdao-fangtan.html")
    places = {}
    for name in ("特大", "大", "中", "小", "大"):
        button = page.get_by_role("button", name=name, exact=True)
        before = button.bounding_box()
        button.click()
        after = button.bounding_box()
        toolbar = page.locator(".toolbar").bounding_box()
        assert before == after, f"{name} moved when pressed at {width} px"
        places[name] = (round(toolbar["x"]), round(toolbar["y"]))
    context.close()
    assert len(set(places.values())) == 1, places
