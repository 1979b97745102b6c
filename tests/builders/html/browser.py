"""Browser tooling for the HTML site's tests (and scripts/html_screenshots.py).

Debian's Chromium driven by Playwright (never a downloaded browser), a local http.server on
127.0.0.1 serving a built site, axe-core injected into the page, and the small measurements
the tests share (WCAG contrast ratios from computed colours).
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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


MEASURE = (Path(__file__).with_name("measure.js")).read_text(encoding="utf-8")
"""The measures both engines take of a page (an object of functions, as JavaScript)."""


def measure(page: Any, name: str, arg: Any = None) -> Any:
    """The result of measure.js's function `name` on the page as it is now (a Playwright page
    or a `WebKitPage`)."""
    return page.evaluate(f"arg => (\n{MEASURE}\n).{name}(arg)", arg)


def line_texts(page: Any, root: str = "main") -> list[str]:
    """The text of each line of the blocks under `root` as the browser sets them (from the
    boxes of their characters), readings and their brackets left out."""
    return list(measure(page, "lineTexts", root))


WEBKIT_DRIVER = Path(__file__).with_name("webkit_driver.py")
SYSTEM_PYTHON = "/usr/bin/python3"
"""Debian's Python, whose `gi` (python3-gi) drives WebKitGTK; the virtual environment has none."""
WEBKIT_PACKAGES = "gir1.2-webkit2-4.1, xvfb and xauth"


def webkit_ready() -> bool:
    """Whether WebKitGTK can be driven here: its GObject bindings for the system Python, and
    Xvfb (with xauth) for `xvfb-run`."""
    if not (shutil.which("xvfb-run") and shutil.which("xauth") and Path(SYSTEM_PYTHON).is_file()):
        return False
    check = "import gi; gi.require_version('WebKit2', '4.1'); from gi.repository import WebKit2"
    return subprocess.run([SYSTEM_PYTHON, "-c", check], capture_output=True).returncode == 0


class WebKit:
    """WebKitGTK (webkit_driver.py under `xvfb-run`, a process of its own), driven as the tests
    drive Playwright's Chromium: `new_context`, `new_page`, and pages with the few methods the
    grid and table tests use."""

    def __init__(self) -> None:
        # The driver's stderr, read back when it stops: open for the driver's life (close()).
        self._log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
        self._process = subprocess.Popen(
            ["xvfb-run", "-a", SYSTEM_PYTHON, str(WEBKIT_DRIVER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            encoding="utf-8",
        )

    def request(self, op: str, **fields: Any) -> Any:
        """Send one request to the driver; its answer, or an AssertionError with its message."""
        assert self._process.stdin and self._process.stdout
        self._process.stdin.write(json.dumps({"op": op, **fields}) + "\n")
        self._process.stdin.flush()
        line = self._process.stdout.readline()
        if not line:
            self._log.seek(0)
            raise AssertionError(f"WebKitGTK stopped: {self._log.read()[-2000:]}")
        answer = json.loads(line)
        assert "error" not in answer, f"WebKitGTK, {op}: {answer['error']}"
        return answer["ok"]

    def new_context(self, viewport: dict[str, int]) -> WebKitContext:
        """A fresh view with storage of its own (a reader's choices are not kept from the last
        context), `viewport` CSS px."""
        self.request("reset")
        return WebKitContext(self, viewport)

    def new_page(self, viewport: dict[str, int]) -> WebKitPage:
        """A page in a fresh context, as Playwright's `Browser.new_page`."""
        return self.new_context(viewport).new_page()

    def close(self) -> None:
        assert self._process.stdin
        self._process.stdin.close()
        self._process.wait(timeout=30)
        self._log.close()


@dataclass(frozen=True, slots=True)
class WebKitContext:
    """A WebKitGTK view of one size, with storage of its own."""

    webkit: WebKit
    """The driver."""
    viewport: dict[str, int]
    """The view's `width` and `height`, CSS px."""

    def new_page(self) -> WebKitPage:
        return WebKitPage(self.webkit, self.viewport)

    def close(self) -> None:
        """Nothing to free: the next context resets the view."""


@dataclass(frozen=True, slots=True)
class WebKitPage:
    """The page shown in a WebKitGTK view."""

    webkit: WebKit
    """The driver."""
    viewport: dict[str, int]
    """The view's `width` and `height`, CSS px."""

    def goto(self, url: str) -> None:
        self.webkit.request("goto", url=url, **self.viewport)

    def evaluate(self, expression: str, arg: Any = None) -> Any:
        """The JSON value of the function `expression` called with `arg`, as Playwright's."""
        return self.webkit.request("evaluate", body=f"return ({expression})({json.dumps(arg)});")

    def add_style_tag(self, content: str) -> None:
        self.evaluate(_ADD_STYLE, content)

    def get_by_role(self, role: str, name: str, exact: bool = True) -> WebKitButton:
        assert role == "button" and exact, "only buttons, by their exact name"
        return WebKitButton(self, name)

    def screenshot(self, path: str | Path) -> None:
        """The view as shown (the viewport, not the whole page) as a PNG."""
        self.webkit.request("screenshot", path=str(path))

    def close(self) -> None:
        """Nothing to free: the view stays for the next page."""


# An XHTML document takes elements of the XHTML namespace only (an EPUB's chapters).
_ADD_STYLE = """css => {
  const style = document.createElementNS('http://www.w3.org/1999/xhtml', 'style');
  style.textContent = css;
  (document.head || document.documentElement).appendChild(style);
}"""

# A button by its accessible name: its aria-label, else its text.
_CLICK = """name => {
  const named = [...document.querySelectorAll('button, [role=button]')].filter(
    b => (b.getAttribute('aria-label') || b.textContent).trim() === name);
  if (named.length !== 1) return `${named.length} buttons named ${name}`;
  named[0].click();
  return '';
}"""


@dataclass(frozen=True, slots=True)
class WebKitButton:
    """A button of a WebKitGTK page, found by its accessible name when clicked."""

    page: WebKitPage
    """The page it is on."""
    name: str
    """Its accessible name (exact)."""

    def click(self) -> None:
        problem = self.page.evaluate(_CLICK, self.name)
        assert not problem, problem
