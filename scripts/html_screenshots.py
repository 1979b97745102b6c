"""Screenshots of the seed's page on the HTML site, one per reader state, into docs/.

Run on demand (not part of the test suite), after a change to layouts/web/:

    python scripts/html_screenshots.py [--out docs]

Builds examples/luyuan-interviews with pinyin into a temporary folder, serves it on
127.0.0.1 and photographs the article page in Debian's Chromium (never a downloaded browser):
as built (大, pinyin on), each 字体 size, 拼音 关, 高对比度, the print stylesheet, a 320 CSS px
phone at 特大, without JavaScript, and the index page.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.builders.html.browser import launch, serve  # noqa: E402 (after the path is set)

PAGE = "lingdao-fangtan.html"
STATES: dict[str, dict[str, Any]] = {
    "default": {},
    "size-xl": {"choices": {"size": "特大"}},
    "size-medium": {"choices": {"size": "中"}},
    "size-small": {"choices": {"size": "小"}},
    "pinyin-off": {"choices": {"pinyin": False}},
    "contrast": {"choices": {"contrast": True}},
    "print": {"media": "print"},
    "phone-320-xl": {"choices": {"size": "特大"}, "width": 320, "height": 720},
    "no-javascript": {"javascript": False},
    "index": {"page": "index.html"},
}
"""docs/html-NAME.png -> how the page is shown (choices as site.js stores them)."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    import publish

    with tempfile.TemporaryDirectory() as tmp:
        example = ROOT / "examples" / "luyuan-interviews"
        (site,) = publish.build(example, Path(tmp), formats="html", pinyin=True)
        with serve(site) as url, sync_playwright() as playwright:
            browser = launch(playwright)
            for name, state in STATES.items():
                size = {"width": state.get("width", 1280), "height": state.get("height", 900)}
                context = browser.new_context(
                    viewport=size, java_script_enabled=state.get("javascript", True)
                )
                page = context.new_page()
                address = url + state.get("page", PAGE)
                page.goto(address)
                if "choices" in state:
                    choices = json.dumps(state["choices"], ensure_ascii=False)
                    page.evaluate("c => localStorage.setItem('publish-reader', c)", choices)
                    page.goto(address)
                if "media" in state:
                    page.emulate_media(media=state["media"])
                page.wait_for_load_state("networkidle")
                target = out / f"html-{name}.png"
                page.screenshot(path=str(target))
                print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
                context.close()
            browser.close()


if __name__ == "__main__":
    main()
