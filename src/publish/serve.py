"""`publish serve`: the HTML site on 127.0.0.1, rebuilt whenever a source or layout changes.

A development aid around the pipeline: it builds the HTML edition with `publish.build`, serves
the output folder with the standard library's http.server (on the loopback address only), and
polls the project's files (and the bundled layouts) for changes; a change is rebuilt once the
files have been quiet for one poll. A failed rebuild is reported and the last good site stays
up. Polling keeps it dependency-free and works on every file system.
"""

from __future__ import annotations

import errno
import functools
import http.server
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .config import bundled_path
from .errors import PublishError
from .sources import MANIFEST, load_project

HOST = "127.0.0.1"
"""Only the loopback address: a preview is for the person at this machine."""

Snapshot = dict[Path, tuple[int, int]]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, never cached (a reload shows the latest build), with a quiet log."""

    extensions_map = {  # noqa: RUF012 (the standard library's class attribute)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".woff2": "font/woff2",
        ".svg": "image/svg+xml",
    }

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        # A request path with a NUL byte (GET /%00) makes open() raise ValueError, which
        # http.server does not expect: answer it as the file it cannot be.
        if "\x00" in self.translate_path(self.path):
            self.send_error(404, "File not found")
            return None
        return super().send_head()


def _unexpected(error: Exception) -> str:
    return (
        f"the build failed unexpectedly ({type(error).__name__}: {str(error)[:200]}); "
        "please report it"
    )


class _Server(http.server.ThreadingHTTPServer):
    """The threading server with a listen backlog for a page's burst of requests, quiet about
    clients that hang up."""

    # The standard library listens with a backlog of 5: 200 concurrent connections (a site's
    # pages, fonts and images fetched at once by several tabs) had some refused.
    request_queue_size = 128
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a reset connection is the client's business; nothing to report at the console


class SiteServer:
    """Builds a project's HTML site into `out`/html, serves it and rebuilds it on change."""

    def __init__(
        self,
        source: Path,
        out: Path | None = None,
        *,
        port: int = 8000,
        options: Mapping[str, Any] | None = None,
        interval: float = 0.5,
        report: Callable[[str], None] = lambda line: None,
    ) -> None:
        self.source = Path(source)
        project = load_project(self.source)  # a bad source fails here, before anything runs
        self.root = project.collection.root
        self.out = Path(out) if out is not None else self.root / "build"
        self.port = port
        self.options = dict(options or {})
        self.interval = interval
        self.report = report
        self.builds = 0
        """How many builds have succeeded (tests wait on it)."""
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._seen: Snapshot = {}

    @property
    def site(self) -> Path:
        """The folder served: the HTML builder's output."""
        return self.out / "html"

    @property
    def url(self) -> str:
        """The site's address."""
        if self._server is None:
            raise RuntimeError("the server is not started")
        return f"http://{HOST}:{self._server.server_address[1]}/"

    def build(self) -> None:
        """Build the HTML site (raises PublishError)."""
        from .pipeline import build

        started = time.monotonic()
        build(self.source, self.out, formats="html", **self.options)
        self.builds += 1
        self.report(f"built {self.site} in {time.monotonic() - started:.1f}s")

    def start(self) -> str:
        """Build once (a PublishError stops here), then serve; returns the URL."""
        # Taken before the build, so that a change made while it runs is built too.
        self._seen = self.snapshot()
        try:
            self.build()
        except PublishError:
            raise
        except Exception as error:  # a bug met by a source: one line, as in watch()
            raise PublishError(_unexpected(error)) from error
        handler = functools.partial(_Handler, directory=str(self.site))
        try:
            self._server = _Server((HOST, self.port), handler)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise PublishError(
                    f"port {self.port} on {HOST} is in use: choose another with --port "
                    "(0 picks a free one)"
                ) from None
            raise
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self.url

    def watch(self) -> None:
        """Poll for changes and rebuild until `stop()` (or Ctrl+C in the caller)."""
        seen = self._seen or self.snapshot()
        while not self._stop.wait(self.interval):
            current = self.snapshot()
            if current == seen:
                continue
            # Wait until the files are quiet for one poll (an editor saves in several steps).
            while not self._stop.wait(self.interval):
                settled = self.snapshot()
                if settled == current:
                    break
                current = settled
            seen = current
            if self._stop.is_set():
                break
            try:
                self.build()
            except PublishError as error:
                for line in error.lines():
                    self.report(f"error: {line}")
                self.report("the last good build is still served; fix the source to rebuild")
            except Exception as error:  # a bug met by a source: the preview must stay up
                self.report(f"error: {_unexpected(error)}")
                self.report("the last good build is still served; fix the source to rebuild")

    def stop(self) -> None:
        """Make `watch()` return."""
        self._stop.set()

    def close(self) -> None:
        """Stop watching and serving."""
        self.stop()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join()

    def snapshot(self) -> Snapshot:
        """(modification time, size) of every watched file."""
        state: Snapshot = {}
        for path in self._watched():
            try:
                info = path.stat()
            except OSError:
                continue  # deleted between listing and stat: the next poll sees it gone
            state[path] = (info.st_mtime_ns, info.st_size)
        return state

    def _watched(self) -> Iterator[Path]:
        """The project's files (not its output, not hidden ones) and the bundled layouts."""
        out = self.out.resolve()
        folders = [self.root, bundled_path("layouts")]
        if self.source.is_file() and self.source.name != MANIFEST:
            # A single article: its own file, and the project files beside it, not the folder
            # it happens to sit in (which may be large).
            yield self.source.resolve()
            yield self.root / "pinyin.yaml"
            folders = [self.root / "layouts", bundled_path("layouts")]
        for folder in folders:
            for directory, subfolders, files in os.walk(folder):
                here = Path(directory)
                subfolders[:] = sorted(
                    d
                    for d in subfolders
                    if not d.startswith(".") and d != "__pycache__" and (here / d).resolve() != out
                )
                for name in sorted(files):
                    if not name.startswith("."):
                        yield here / name
