"""Browser tooling for the HTML site's tests (and scripts/html_screenshots.py).

Debian's Chromium driven by Playwright (never a downloaded browser), a local http.server on
127.0.0.1 serving a built site, axe-core injected into the page, and the small measurements
the tests share (WCAG contrast ratios from computed colours).
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[3]
AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core from the npm registry (scripts/test installs it: npm install --prefix .cache/axe)."""

# axe-core rule tags: WCAG 2.0-2.2 A and AA, the AAA contrast rule (7:1), best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "wcag2aaa", "best-practice"]


def chromium_path() -> str | None:
    """Debian's Chromium, if installed."""
    return CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium")


def launch(playwright: Any) -> Any:
    """A headless Chromium browser (Debian's; Playwright never downloads one here)."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port) for the duration; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def run_axe(page: Any, tags: list[str] = AXE_TAGS) -> list[dict[str, Any]]:
    """axe-core's violations for the page as it is now (axe is injected if not there yet)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    options = "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}"
    result = page.evaluate(f"tags => axe.run(document, {options})", tags)
    return result["violations"]


def describe(violations: list[dict[str, Any]]) -> str:
    """Violations as readable lines for an assertion message."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary']}")
    return "\n".join(lines)


_RGB = re.compile(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)")


def luminance(css_colour: str) -> float:
    """Relative luminance (WCAG 2.2) of a computed `rgb()`/`rgba()` colour."""
    match = _RGB.fullmatch(css_colour.strip())
    assert match, f"not a computed colour: {css_colour}"
    channels = []
    for value in match.groups()[:3]:
        c = float(value) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two computed colours."""
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


_LINES = """
root => {
  const lines = [];
  for (const block of root.querySelectorAll("h1, h2, h3, p, li, td, th, figcaption")) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: n => n.parentElement.closest("rt, rp") ? NodeFilter.FILTER_REJECT
                                                          : NodeFilter.FILTER_ACCEPT});
    let line = null, node;
    while ((node = walker.nextNode())) {
      for (let i = 0; i < node.data.length; i++) {
        if (/\\s/.test(node.data[i])) continue;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        if (!line || rect.top >= line.top + line.height / 2) {
          line = {top: rect.top, height: rect.height, text: ""};
          lines.push(line);
        }
        line.text += node.data[i];
      }
    }
  }
  return lines.map(l => l.text);
}
"""


def line_texts(page: Any, root: str = "main") -> list[str]:
    """The text of each line of the blocks under `root` as Chromium sets them (from the boxes
    of their characters), readings and their brackets left out."""
    return list(page.eval_on_selector(root, _LINES))
