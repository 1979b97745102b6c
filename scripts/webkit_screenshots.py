"""Screenshots of the ruby grid in WebKitGTK (the engine of Apple Books and Kobo), into docs/.

Run on demand (not part of the test suite), after a change to the ruby layouts:

    python scripts/webkit_screenshots.py [--out docs]

Builds examples/community-reader with pinyin (site and EPUB) into a temporary folder, serves
it on 127.0.0.1 and photographs 04-yingjibao in WebKitGTK under Xvfb (tests/builders/html/
webkit_driver.py): the site at 大 on 1280 CSS px and at 特大 on 320, the EPUB's chapter at the
reader's 18 pt on 320 and at 12 pt on 1280. Each picture is the view, not the whole page.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.builders.html.browser import WebKit, serve  # noqa: E402 (after the path is set)

from publish.pipeline import build  # noqa: E402

ARTICLE = "04-yingjibao"
SHOTS = {
    "site-1280-da": ("html", 1280, "大"),
    "site-320-teda": ("html", 320, "特大"),
    "epub-320-18pt": ("epub-大", 320, "18"),
    "epub-1280-12pt": ("epub-小", 1280, "12"),
}
"""docs/ruby-grid-webkit-NAME.png -> (folder, width in CSS px, 字体 button or the reader's pt)."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    out = parser.parse_args().out
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        (site,) = build(
            ROOT / "examples" / "community-reader", root / "site", formats="html", pinyin=True
        )
        site.rename(root / "html")
        for size in ("小", "大"):
            (epub,) = build(
                ROOT / "examples" / "community-reader",
                root / size,
                formats="epub",
                pinyin=True,
                size=size,
            )
            with zipfile.ZipFile(epub) as archive:
                archive.extractall(root / f"epub-{size}")
        webkit = WebKit()
        try:
            with serve(root) as url:
                for name, (folder, width, size) in SHOTS.items():
                    page = webkit.new_page(viewport={"width": width, "height": 720})
                    if folder == "html":
                        page.goto(f"{url}html/{ARTICLE}.html")
                        page.get_by_role("button", name=size).click()
                    else:
                        page.goto(f"{url}{folder}/EPUB/text/{ARTICLE}.xhtml")
                        px = int(size) * 4 / 3
                        page.add_style_tag(
                            f":root {{ font-size: {px}px }} body {{ font-size: 1rem }}"
                        )
                    path = out / f"ruby-grid-webkit-{name}.png"
                    page.screenshot(path.resolve())
                    print(path)
        finally:
            webkit.close()


if __name__ == "__main__":
    main()
