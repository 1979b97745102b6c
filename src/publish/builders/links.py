"""Links inside a finished model, rewritten for one output: what every builder shares.

Builders step. A link names a URL, an anchor (`#slug`) or another source file (`second.md`);
each format resolves the last two its own way (the EPUB to documents, the PDF to anchors), and
a link that leads nowhere in that format becomes its text. A relative link left for WeasyPrint
to resolve became a `file://` URL holding the build machine's folder, in the PDF's bytes.
"""

from __future__ import annotations

import re

from ..model import Article, map_inlines, relink

SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
"""An absolute URL's scheme (https:, mailto:); the loader allows only a few."""


def in_one_document(article: Article, slugs: set[str]) -> Article:
    """Links for a single document holding every article (the PDF): URLs kept, `#slug` of an
    article kept, every other link (a file, a missing anchor) shown as its text."""

    def resolve(href: str) -> str | None:
        if SCHEME.match(href):
            return href
        return href if href.startswith("#") and href[1:] in slugs else None

    return map_inlines(article, lambda runs: relink(runs, resolve))
