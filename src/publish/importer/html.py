"""Saved HTML pages -> `Page`, with lxml and the conventions of Chinese CMS pages.

Import step 2 for HTML. In order:

1. parse with lxml's HTML parser (comments and processing instructions dropped), read `<title>`,
   `<html lang>` and the `<meta>` values CMSs fill in (TRS: ArticleTitle, PubDate,
   ContentSource, Author, ColumnName; Open Graph: og:title, article:published_time);
2. drop what is never text: scripts, styles, forms' controls, iframes, `<nav>`, `<aside>`,
   hidden elements;
3. find the article body element and drop the chrome inside it (`container`); tell list pages
   from articles (`listing`: many links, no running text);
4. turn the page into lines, marked as inside the body or not (`lines`: block elements, `<br>`,
   headings, quotes, lists, data tables, images, bold and links as runs);
5. the title: a heading near the body that the `<title>` also names (not the site name), else
   the CMS's meta title, else the line above the metadata line, else the first `<h1>`, else the
   `<title>` up to the site name.

With no body element at all, the page's lines are split as a text page's are (`text.split`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree
from lxml import html as lxml_html

from . import byline
from .container import article_container, drop_chrome
from .images import body_images
from .lines import element_lines
from .listing import is_listing
from .page import Line, Page, normalise_space, words
from .text import split

_DROP = words(
    "script style noscript template iframe frame frameset object embed select button input"
    " textarea svg canvas map nav aside link meta audio video source track"
)
_TITLE_WORDS = frozenset({"title", "tit", "bt", "biaoti", "arttitle", "newstitle", "headline"})
# Where a `<title>` joins the page's heading and the site's name: 领导活动_绿园区人民政府.
_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜|\s-\s|\s–\s|\s—\s|-{2,})\s*")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HEAD_LINES = 40


def read_html_page(text: str, *, listings: bool = False, list_name: bool = False) -> Page:
    """An HTML page as head lines, title, body lines and `<meta>` values; with `listings`, a
    list page comes back as such with no lines (it is not read further). `list_name`: the
    page's file is named as list pages are (`index.html`, `list_2.html`; see
    `listing.is_listing`)."""
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return Page(head=(), body=())
    meta = _meta(root)
    canonical = next(
        (
            (link.get("href") or "").strip()
            for link in root.iter("link")
            if (link.get("rel") or "").lower() == "canonical"
        ),
        "",
    )
    title_tag = normalise_space(root.findtext(".//title") or "")
    language = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    for head in root.findall("head"):
        head.getparent().remove(head)
    etree.strip_elements(root, *_DROP, with_tail=False)
    for element in list(root.iter(etree.Element)):
        if element.get("hidden") is not None or _HIDDEN_STYLE.search(element.get("style") or ""):
            element.drop_tree()
    container = article_container(root)
    if container is not None:
        drop_chrome(container)
    listing = is_listing(root, container, list_name)
    if listings and listing:
        return Page((), (), "", "", _pairs(meta, language), canonical, True, title_tag)
    if container is None:
        lines = element_lines(root)
        found = split([line for line, _ in lines])
        title = _choose_title(
            [], meta, title_tag, found.title, [line.text for line, _ in lines[:_HEAD_LINES]]
        )
        body = found.body if title == found.title else _drop_until(found.body, title)
        return Page(
            found.head,
            body,
            title,
            found.subtitle,
            _pairs(meta, language),
            canonical,
            listing,
            title_tag,
        )
    images, captions = body_images(container)
    walked = element_lines(root, container, images, captions)
    head = [line.text for line, inside in _before(walked) if not inside and line.text]
    body = tuple(line for line, inside in walked if inside)
    tail = [line.text for line, inside in _after(walked)][:3]
    headings = _headings(root, container)
    above_meta = split([Line(t) for t in head]).title if head else ""
    title = _choose_title(headings, meta, title_tag, above_meta, head)
    head_lines = tuple(t for t in head if t != title) + tuple(
        t for t in tail if byline.is_metadata(t)
    )
    return Page(head_lines, body, title, "", _pairs(meta, language), canonical, listing, title_tag)


def title_parts(title: str) -> list[str]:
    """A `<title>`'s parts: the page's heading first, then the site's name and sections."""
    return [p for p in _TITLE_SPLIT.split(title) if p]


def _meta(root: etree._Element) -> dict[str, str]:
    values: dict[str, str] = {}
    for element in root.iter("meta"):
        name = element.get("name") or element.get("property") or element.get("itemprop") or ""
        content = normalise_space(element.get("content") or "")
        if name and content:
            values.setdefault(name.lower(), content)
    return values


def _pairs(meta: dict[str, str], language: str) -> tuple[tuple[str, str], ...]:
    pairs = sorted(meta.items())
    if language:
        pairs.append(("html:lang", language))
    return tuple(pairs)


def _headings(root: etree._Element, container: etree._Element) -> list[str]:
    """Texts of heading-like elements before the body and at its start, in page order."""
    found = []
    for element in root.iter(etree.Element):
        if element is container:
            break
        words = set(
            re.split(r"[\s_-]+", f"{element.get('class') or ''} {element.get('id') or ''}".lower())
        )
        if element.tag in {"h1", "h2", "h3"} or words & _TITLE_WORDS:
            text = normalise_space(element.text_content())
            if 0 < len(text) <= 80:
                found.append(text)
    for element in container.iter("h1", "h2"):
        text = normalise_space(element.text_content())
        if text:
            found.append(text)
        break
    return found


def _choose_title(
    headings: list[str], meta: dict[str, str], title_tag: str, above: str, head: list[str]
) -> str:
    parts = title_parts(title_tag) or [""]
    site = set(parts[1:])
    for heading in headings:
        if (
            len(heading) >= 2
            and heading not in site
            and not any(heading in s for s in site)
            and (heading in title_tag)
        ):
            return heading
    for name in ("articletitle", "og:title", "title"):
        if meta.get(name):
            return meta[name]
    for line in reversed(head):
        if len(line) >= 2 and line in parts[0]:
            return line
    if above:
        return above
    if headings:
        return headings[0]
    return parts[0]


def _drop_until(lines: tuple[Line, ...], title: str) -> tuple[Line, ...]:
    for index, line in enumerate(lines[:10]):
        if line.text == title:
            return lines[index + 1 :]
    return lines


def _before(walked: list[tuple[Line, bool]]) -> Iterator[tuple[Line, bool]]:
    for line, inside in walked:
        if inside:
            return
        yield line, inside


def _after(walked: list[tuple[Line, bool]]) -> Iterator[tuple[Line, bool]]:
    seen = False
    for line, inside in walked:
        if inside:
            seen = True
        elif seen:
            yield line, inside
