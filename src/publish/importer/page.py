"""What the text and HTML readers hand to the rest of the importer: a page as lines.

Import step 2's output. Both readers reduce a page to the same shape, so that metadata,
chrome removal and structure are written once: the lines before the article body (breadcrumb,
title, metadata line), the body's lines, and what the HTML `<head>` declared.

Whitespace rule (the only change ever made to article text): inside a line, every run of
whitespace (spaces, tabs, NBSP, the ideographic space U+3000, ...) becomes one ASCII space, and
lines are stripped; zero-width spaces and BOMs are dropped. The seed's headline
"统一思想<NBSP><space>凝聚共识" thus reads "统一思想 凝聚共识", like its neighbour
"创新方法 务求实效": the page set the same gap two ways, and one space is what a reader sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..characters import INVISIBLE
from ..model import Figure, Inlines, Table

SPACE = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")


def words(text: str) -> tuple[str, ...]:
    """A word list written as one string (the importer's vocabularies read better that way)."""
    return tuple(text.split())


def normalise_space(text: str) -> str:
    """`text` with whitespace runs as one space, stripped, zero-width characters removed."""
    return SPACE.sub(" ", INVISIBLE.sub("", text)).strip()


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page: a paragraph, a line of a headline, a list item or a table."""

    text: str
    """The line's text, whitespace-normalised (empty for a table)."""
    level: int = 0
    """The heading level the page marked (1 to 6 for `<h1>`..`<h6>`), 0 when unmarked."""
    strong: bool = False
    """The whole line is bold (`<strong>`, `<b>`): a hint that it is a heading."""
    quote: bool = False
    """The line is quoted (`<blockquote>`)."""
    item: tuple[int, bool] | None = None
    """(list number, ordered) for an item of a `<ul>`/`<ol>` list."""
    table: Table | None = None
    """A data table."""
    runs: Inlines = ()
    """The line's inline runs when it has markup (bold, links, line breaks); empty when the
    line is plain `text`."""
    image: Image | None = None
    """An image the article body shows (HTML only), as the page wrote it."""
    figure: Figure | None = None
    """The image found in the mirror, with its alt text and caption (set by the importer)."""


@dataclass(frozen=True, slots=True)
class Image:
    """An image of the article body as the page wrote it, before it is looked up."""

    src: str
    """The `src` as written (relative, root-relative or absolute URL)."""
    alt: str
    """The `alt` (or `title`) text, whitespace-normalised; "" when the page gives none."""
    caption: str = ""
    """The caption the CMS set under it (a short centred `<p>` or `<span>`), or ""."""


@dataclass(frozen=True, slots=True)
class Page:
    """A page reduced to lines, before metadata and structure are read from it."""

    head: tuple[str, ...]
    """The lines before the article body: navigation, breadcrumb, title, metadata line."""
    body: tuple[Line, ...]
    """The lines of the article body, in order (still with chrome and metadata lines in it)."""
    title: str = ""
    """The article title ("" when the page has none)."""
    subtitle: str = ""
    """The subtitle (a "——" line under the title), if any."""
    meta: tuple[tuple[str, str], ...] = ()
    """`<meta name=... content=...>` pairs, names in lower case (HTML only)."""
    canonical: str = ""
    """The `<link rel="canonical">` target as written, or "" (HTML only)."""
    listing: bool = False
    """The page lists links (a list, index, search or paging page) and holds no article."""
    head_title: str = ""
    """The `<title>` as written, site name and all (HTML only)."""

    def meta_value(self, *names: str) -> str:
        """The first non-empty `<meta>` content among `names`, or ""."""
        values = dict(self.meta)
        return next((v for n in names if (v := values.get(n, ""))), "")


def looks_like_html(text: str) -> bool:
    """Whether a page's text is HTML rather than saved plain text."""
    head = text[:4096].lower()
    return (
        bool(re.search(r"<(?:!doctype\s+html|html|head|body|meta|title)\b", head))
        or len(re.findall(r"</(?:p|div|td|span|a|li)>", head)) >= 3
    )
