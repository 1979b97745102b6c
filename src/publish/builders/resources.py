"""Which files an output may read: the project, the bundled layouts and fonts, nothing else.

Builders step. Article text is data, but layouts (a project may override them) and images name
resources by URL; a builder loads a resource only if `is_allowed` says so: a local file inside
one of the allowed folders (symbolic links resolved first), or a `data:` URI. Nothing is ever
fetched from the network. `url_fetcher` is the same rule as a WeasyPrint URL fetcher.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from ..config import bundled_path
from ..fonts.distinct import print_face_data
from ..model import Collection

log = logging.getLogger("publish")


def allowed_folders(collection: Collection) -> tuple[Path, ...]:
    """The folders an edition may read from: the project and the bundled layouts and fonts."""
    return tuple(
        dict.fromkeys(
            p.resolve() for p in (collection.root, bundled_path("layouts"), bundled_path("fonts"))
        )
    )


def is_allowed(url: str, folders: Iterable[Path], files: Iterable[Path] = ()) -> bool:
    """Whether `url` is a `data:` URI or a `file:` URL of a file inside `folders` (or one of
    `files`, resolved)."""
    if urlsplit(url).scheme.lower() == "data":
        return True
    path = _local_path(url)
    if path is None:
        return False
    if path in {Path(f).resolve() for f in files}:
        return True
    return any(path.is_relative_to(folder) for folder in folders)


_FACE_SUFFIXES = frozenset({".otf", ".ttf", ".woff", ".woff2"})
"""The font files @font-face rules name (`fonts.faces.css_format`)."""


def _local_path(url: str) -> Path | None:
    """The file a `file:` URL names (symbolic links resolved); None for any other URL."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    return Path(url2pathname(parts.path)).resolve()


def url_fetcher(
    folders: Iterable[Path], files: Iterable[Path] = (), carried: Mapping[str, bytes] | None = None
) -> Any:
    """A WeasyPrint URL fetcher that loads only what `is_allowed` allows. `carried` holds
    files read by another process (a task's data, by their URL): served from memory, so that a
    worker of a cluster needs no shared folder."""
    from weasyprint import URLFetcher
    from weasyprint.urls import URLFetcherResponse

    folders = tuple(Path(f).resolve() for f in folders)
    files = tuple(Path(f).resolve() for f in files)

    class RestrictedFetcher(URLFetcher):  # type: ignore[misc]
        """Local files inside the allowed folders and data: URIs; never the network."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if carried and url in carried:
                return URLFetcherResponse(url, carried[url])
            if not is_allowed(url, folders, files):
                log.warning("not loading %s: only files inside the project are used", url[:200])
                raise ValueError(f"not allowed: {url[:200]}")
            path = _local_path(url)
            if path is not None and path.suffix.lower() in _FACE_SUFFIXES:
                # A face as the PDF embeds it: a glyph for each character, so that its text
                # copies right (`fonts.distinct`); a bundled WOFF2 face as the TrueType file
                # it stores, decompressed once per process (WeasyPrint would do it with
                # fontTools for every document: 90 ms).
                return URLFetcherResponse(url, print_face_data(path))
            return super().fetch(url, headers)

    # No network handlers are ever reached (is_allowed refuses http/https/ftp first); a
    # timeout bounds a slow file system all the same.
    return RestrictedFetcher(timeout=10, allowed_protocols=("file", "data"))
