"""axe-core in Chromium: no violations on any page of the example sites, in each reader state.

Rules: WCAG 2.0 to 2.2 A and AA, the AAA contrast rule (7:1) and axe's best practices. The
states: each site as built (the manifests' settings, without pinyin; and with pinyin), and
with 特大 + pinyin + 高对比度. Reflow cannot be checked by axe: test_browser.py measures it.
"""

from __future__ import annotations

from typing import Any

import pytest

from publish.pipeline import load
from tests.builders.html.browser import describe, run_axe
from tests.conftest import EXAMPLES

_EXAMPLES = {"seed": "luyuan-interviews", "reader": "community-reader"}


def _pages() -> list[tuple[str, str]]:
    pages = []
    for site, project in _EXAMPLES.items():
        slugs = [a.slug for a in load(EXAMPLES / project).collection.articles]
        pages += [(site, name) for name in ("index.html", *(f"{s}.html" for s in slugs))]
    return pages


_STATES = {
    "as-built": ("-plain", None),
    "pinyin": ("", None),
    "特大+pinyin+高对比度": ("", {"size": "特大", "pinyin": True, "contrast": True}),
}


@pytest.mark.parametrize("state", list(_STATES))
@pytest.mark.parametrize(("site", "name"), _pages())
def test_axe_finds_no_violation(
    browser: Any, site_url: str, axe_ready: Any, site: str, name: str, state: str
) -> None:
    suffix, choices = _STATES[state]
    violations = _violations(browser, f"{site_url}{site}{suffix}/{name}", choices)
    assert not violations, describe(violations)


def _violations(browser: Any, url: str, choices: dict[str, Any] | None = None) -> list[Any]:
    """axe's violations on the page at `url`, with the reader's `choices` stored first."""
    # axe is injected as an inline script, which the pages' own policy rightly refuses.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(url)
        if choices:
            page.evaluate("c => localStorage.setItem('publish-reader', JSON.stringify(c))", choices)
            page.reload()
        page.wait_for_load_state("networkidle")
        assert page.locator(".toolbar").is_visible()
        assert page.evaluate("document.documentElement.lang").startswith("zh-")
        return run_axe(page)
    finally:
        context.close()


_SCRIPT_SITES = {"seed-tw": "luyuan-interviews", "reader-zhuyin": "community-reader",
                 "reader-hk": "community-reader"}  # fmt: skip


@pytest.mark.parametrize(
    ("site", "name"),
    [
        (site, name)
        for site, project in _SCRIPT_SITES.items()
        for name in (
            "index.html",
            *(f"{a.slug}.html" for a in load(EXAMPLES / project).collection.articles),
        )
    ],
)
def test_axe_finds_no_violation_in_traditional_and_zhuyin_sites(
    browser: Any, site_url: str, axe_ready: Any, site: str, name: str
) -> None:
    violations = _violations(browser, f"{site_url}{site}/{name}")
    assert not violations, describe(violations)
