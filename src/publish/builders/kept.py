"""Rendered documents kept in the build cache, for the builders that render one per article.

Builders step: the key of what every document of an edition depends on besides its own
article (`edition_key`), shared by the HTML site (`builders/html`) and the EPUB
(`builders/epub`); and the EPUB's entry holding a document's markup with the characters it
shows by weight (`keep_document`, `kept_document`), so that a document read back needs no scan
for the fonts. The site keeps each page as a file of its own, linked into the site when kept
(`cache.Cache.get_file`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from .. import cache
from ..config import bundled_path
from ..fonts.used import UsedText
from . import Edition


def edition_key(step: str, edition: Edition, rules: str) -> str:
    """What every article's document depends on besides its own article: the collection's
    own fields, the settings, the stylesheet's `rules` (what a document shows, in which
    weight), the layouts read and the regular face (it measures the readings for the grid). A
    project's own layouts may show any article in any document: then every article is in it."""
    from ..fonts.faces import font_faces

    project = getattr(edition.layouts, "project_layouts", None)
    face = font_faces(edition.settings, edition.fallback_fonts)[0].path
    return cache.key(
        step,
        repr(replace(edition.collection, articles=())),
        repr(edition.settings),
        rules,
        cache.files(bundled_path("layouts"), None if project is None else Path(project), face),
        None if project is None else sorted(edition.article_keys.items()),
    )


def keep_document(store: cache.Cache, step: str, key: str, markup: str, shown: UsedText) -> None:
    """Keep a rendered document and what it shows for `key`."""
    store.put(step, key, [markup, shown.regular, shown.bold])


def kept_document(value: Any) -> tuple[str, UsedText] | None:
    """The markup and shown characters of a cache entry, or None when it holds none."""
    if not (isinstance(value, list) and len(value) == 3 and all(isinstance(v, str) for v in value)):
        return None
    markup, regular, bold = value
    return markup, UsedText(regular, bold)
