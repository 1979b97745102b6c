"""WebKitGTK for the browser tests, run by the system Python (its `gi`) under `xvfb-run`.

Apple Books and Kobo lay out EPUBs with WebKit: the tests that measure Chromium's boxes
(tests/builders/html/measure.js) measure WebKit's too, through this script. It is not imported
by the tests (the virtual environment has no `gi`): `browser.WebKit` starts it as
`xvfb-run -a /usr/bin/python3 webkit_driver.py` and speaks JSON with it, one line a request
on stdin and one line an answer on stdout:

- `{"op": "reset"}` makes a new view with storage of its own;
- `{"op": "goto", "url": ..., "width": ..., "height": ...}` sizes the view (CSS px, zoom 1)
  and loads the page (http on 127.0.0.1 or file: only; any other request is refused);
- `{"op": "evaluate", "body": ...}` runs an async function body in the page, after its fonts
  are loaded, and answers its JSON-serialisable result;
- `{"op": "screenshot", "path": ...}` writes the view as it is shown to a PNG.

Each answer is `{"ok": value}` or `{"error": message}`.
"""

from __future__ import annotations

import json
import sys
from typing import Any
from urllib.parse import urlsplit

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402 (after gi.require_version)

TIMEOUT_S = 60


def _local(uri: str) -> bool:
    """A page or resource the tests may load: the test server or a file, never the network."""
    parts = urlsplit(uri)
    if parts.scheme in ("file", "about", "data"):
        return True
    return parts.scheme == "http" and parts.hostname == "127.0.0.1"


class Driver:
    """One WebKitGTK view in an offscreen window, driven request by request."""

    def __init__(self) -> None:
        self.waiting = ""
        """The operation the main loop is run for: only its events answer it."""
        self.result: dict[str, Any] | None = None
        self.refused: list[str] = []
        self.window = Gtk.OffscreenWindow()
        self.view: Any = None
        self.reset()
        self.window.show_all()

    def reset(self) -> dict[str, Any]:
        """A new view in a new ephemeral context: no storage kept from the last one (the
        reader's size and reading choices, which the site keeps in localStorage)."""
        if self.view is not None:
            self.window.remove(self.view)
            self.view.destroy()
        self.view = WebKit2.WebView.new_with_context(WebKit2.WebContext.new_ephemeral())
        settings = self.view.get_settings()
        # Software rendering: Xvfb has no GPU, and the measures are of layout, not paint.
        settings.set_hardware_acceleration_policy(WebKit2.HardwareAccelerationPolicy.NEVER)
        self.view.connect("load-changed", self._load_changed)
        self.view.connect("load-failed", self._load_failed)
        self.view.connect("resource-load-started", self._resource)
        self.view.connect("web-process-terminated", self._terminated)
        self.window.add(self.view)
        self.view.show()
        return {"ok": None}

    def _finish(self, op: str, result: dict[str, Any]) -> None:
        if self.waiting == op and self.result is None:
            self.result = result

    def _load_changed(self, view: Any, event: Any) -> None:
        if event == WebKit2.LoadEvent.FINISHED:
            self._finish("goto", {"ok": view.get_uri()})

    def _load_failed(self, view: Any, event: Any, uri: str, error: Any) -> bool:
        self._finish("goto", {"error": f"{uri}: {error.message}"})
        return True

    def _terminated(self, view: Any, reason: Any) -> None:
        # The page's process is gone (a crash): every request waiting on it fails, the next
        # context starts a new one.
        for op in ("goto", "evaluate", "paint"):
            self._finish(op, {"error": f"the web process ended: {reason.value_nick}"})

    def _resource(self, view: Any, resource: Any, request: Any) -> None:
        # This API has no request filter: a request for the network is sent nowhere (its URI
        # is replaced) and fails the page's load.
        if not _local(request.get_uri()):
            self.refused.append(request.get_uri())
            request.set_uri("about:blank")

    def _wait(self, op: str) -> dict[str, Any]:
        """Run the main loop until `op` is answered (or timed out)."""
        self.waiting = op
        timed_out = []

        def timeout() -> bool:
            timed_out.append(True)
            return False

        source = GLib.timeout_add_seconds(TIMEOUT_S, timeout)
        context = GLib.MainContext.default()
        while self.result is None and not timed_out:
            context.iteration(True)
        if not timed_out:
            GLib.source_remove(source)
        result, self.result, self.waiting = self.result, None, ""
        return result if result is not None else {"error": f"no answer in {TIMEOUT_S} s"}

    def goto(self, url: str, width: int, height: int) -> dict[str, Any]:
        if not _local(url):
            return {"error": f"not a local page: {url}"}
        self.view.set_size_request(width, height)
        self.window.resize(width, height)
        while Gtk.events_pending():
            Gtk.main_iteration()
        self.refused.clear()
        self.view.load_uri(url)
        answer = self._wait("goto")
        if self.refused:
            return {"error": f"not local, not loaded: {', '.join(self.refused)}"}
        return answer

    def evaluate(self, body: str) -> dict[str, Any]:
        result = f"await (async () => {{\n{body}\n}})()"
        script = f"await document.fonts.ready;\nreturn JSON.stringify({result});"

        def done(view: Any, task: Any) -> None:
            try:
                value = view.call_async_javascript_function_finish(task)
            except GLib.Error as error:
                self._finish("evaluate", {"error": error.message})
                return
            text = value.to_string() if not value.is_undefined() else "null"
            self._finish("evaluate", {"ok": json.loads(text)})

        self.view.call_async_javascript_function(script, -1, None, None, None, None, done)
        return self._wait("evaluate")

    def screenshot(self, path: str) -> dict[str, Any]:
        # Let the view paint what the last scripts changed before it is read back.
        for _ in range(3):
            GLib.timeout_add(100, lambda: self._finish("paint", {"ok": None}) or False)
            self._wait("paint")
        pixbuf = self.window.get_pixbuf()
        if pixbuf is None:
            return {"error": "the view has not been painted"}
        pixbuf.savev(path, "png", [], [])
        return {"ok": path}


def main() -> None:
    driver = Driver()
    for line in sys.stdin:
        request = json.loads(line)
        op = request.pop("op")
        try:
            answer = getattr(driver, op)(**request)
        except Exception as error:  # an answer, never a dead pipe: the test shows the message
            answer = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
