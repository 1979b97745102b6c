"""Saved HTML pages -> `Page`, with lxml and the conventions of Chinese CMS pages.

Import step 2 for HTML. In order:

1. parse with lxml's HTML parser (comments and processing instructions dropped), read `<title>`,
   `<html lang>` and the `<meta>` values CMSs fill in (TRS: ArticleTitle, PubDate,
   ContentSource, Author, ColumnName; Open Graph: og:title, article:published_time);
2. drop what is never text: scripts, styles, forms' controls, iframes, `<nav>`, `<aside>`,
   hidden elements;
3. find the article body element: the CMS containers first (`#zoom`, `.TRS_Editor`,
   `#UCAP-CONTENT`, `.article-content`), then the generic ones (`.content`, `.article`,
   `#content`, `<article>`; among nested matches the innermost holding most of the text), then
   the element whose own paragraphs hold the most Han characters; inside it, drop elements whose
   class or id names chrome (share, related, print, ...: `chrome.CHROME_WORDS`); tell list
   pages from articles (`_listing`: many links, no running text);
4. turn the page into lines: block elements and `<br>` end lines, a line break in the HTML source
   between two Chinese characters is dropped (CSS Text 3 segment-break rules: Chinese has no
   spaces between words), `<h1>`-`<h6>`, whole-bold lines, `<blockquote>`, list items and data
   tables are marked (a table with one column, nested tables or long cells is layout, and is
   read as the lines in its cells); bold, italics and links are kept as runs (`inline`); short
   lines set apart by `<br>` in one paragraph (verse, an address) stay one line with its line
   breaks (`_kept_together`); the body's images, with their captions, are lines of their own
   (`images.body_images`);
5. the title: a heading near the body that the `<title>` also names (not the site name), else
   the CMS's meta title, else the line above the metadata line, else the first `<h1>`, else the
   `<title>` up to the site name.

With no body element at all, the page's lines are split as a text page's are (`text.split`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from ..model import Inlines, Table, Text
from . import byline, chrome, structure
from .images import body_images
from .inline import CJK_BREAK, PLAIN, Mark, Runs, joined, line_runs
from .page import Image, Line, Page, normalise_space, words
from .text import split

_DROP = words(
    "script style noscript template iframe frame frameset object embed select button input"
    " textarea svg canvas map nav aside link meta audio video source track"
)
_BLOCK = frozenset(
    words(
        "address article aside blockquote center dd details dialog dir div dl dt fieldset"
        " figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu ol p"
        " pre section summary table tbody thead tfoot tr td th ul caption body html"
    )
)
_LOWER = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"


def _by_id(name: str) -> str:
    return f"//*[{_LOWER.format('@id')}='{name}']"


def _by_class(name: str) -> str:
    return (
        f"//*[contains(concat(' ', normalize-space({_LOWER.format('@class')}), ' '), ' {name} ')]"
    )


# CMS body containers, most specific first; the first that holds text wins.
_SPECIFIC = tuple(
    etree.XPath(x)
    for x in (
        _by_id("zoom"),
        _by_class("trs_editor"),
        _by_id("ucap-content"),
        _by_class("article-content"),
        _by_class("article_content"),
        _by_id("article-content"),
        _by_id("article_content"),
        _by_class("articlecontent"),
        _by_id("articlecontent"),
        _by_class("news_content"),
        _by_class("news-content"),
        _by_class("detail-content"),
        _by_class("main-text"),
    )
)
# Generic containers: several may match, nested in each other.
_GENERIC = tuple(
    etree.XPath(x)
    for x in (
        _by_class("content"),
        _by_class("article"),
        _by_id("content"),
        _by_id("article"),
        "//article",
        _by_class("con"),
        _by_class("text"),
        _by_id("text"),
        "//main",
    )
)
_TITLE_WORDS = frozenset({"title", "tit", "bt", "biaoti", "arttitle", "newstitle", "headline"})
TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜|\s-\s|\s–\s|\s—\s|-{2,})\s*")
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_MIN_HAN = 20
_HEAD_LINES = 40
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def read_html_page(text: str, *, listings: bool = False, list_name: bool = False) -> Page:
    """An HTML page as head lines, title, body lines and `<meta>` values; with `listings`, a
    list page comes back as such with no lines (it is not read further). `list_name`: the
    page's file is named as list pages are (`index.html`, `list_2.html`; see `_listing`)."""
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
    container = _container(root)
    if container is not None:
        _drop_chrome(container)
    listing = _listing(root, container, list_name)
    if listings and listing:
        return Page((), (), "", "", _pairs(meta, language), canonical, True, title_tag)
    if container is None:
        lines = _Walker().lines(root)
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
    walked = _Walker(container, images=images, skip=captions).lines(root)
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


# A list page's paging bar: 上一页 下一页 尾页, 共 12 页, 第 2 页.
_PAGING = re.compile(r"下一页|上一页|尾页|末页|共\s*\d+\s*页|第\s*\d+\s*/?\s*\d*\s*页")
_LISTING_LINKS = 8
# A line of running text: an article's paragraph is longer than a list's entry with its date.
_PROSE = 40


def _listing(
    root: etree._Element, container: etree._Element | None, list_name: bool = False
) -> bool:
    """Whether a page is a list of links (list, index, search, paging page), not an article.

    Its body (the whole page when no body element is found) has at least eight links, a third
    of its text or more is theirs, and no paragraph of running text (40 characters) stands
    outside them (a list's other text is its dates and sources); or it has a paging bar, several
    links and no paragraph of running text; or, named as list pages are (`list_name`), its body
    has eight links, the page twenty holding a quarter of its text (a home page with the first
    lines of its news; an article saved as `index.html` has few links in its body).
    """
    scope = container if container is not None else root
    links = [a for a in scope.iter("a") if a.get("href")]
    if len(links) < 5:
        return False
    link_text = sum(len(normalise_space(a.text_content())) for a in links)
    total = len(normalise_space(scope.text_content())) or 1
    prose = _longest_prose(scope)
    if len(links) >= _LISTING_LINKS and prose < _PROSE and link_text >= 0.3 * total:
        return True
    if list_name and len(links) >= _LISTING_LINKS:
        everywhere = [a for a in root.iter("a") if a.get("href")]
        shown = sum(len(normalise_space(a.text_content())) for a in everywhere)
        if len(everywhere) >= 20 and shown >= 0.25 * len(normalise_space(root.text_content())):
            return True
    return bool(_PAGING.search(normalise_space(root.text_content()))) and prose < _PROSE


def _longest_prose(scope: etree._Element) -> int:
    """The most characters of text in one block outside links (a list entry is short), the
    site's footer (版权所有, ICP 备案) left out."""
    texts = (normalise_space(_unlinked(e)) for e in scope.iter(*_PROSE_BLOCKS))
    return max((len(t) for t in texts if not chrome.ends_article(t)), default=0)


_PROSE_BLOCKS = ("p", "li", "td", "div", "dd", "section", "article")


def _unlinked(element: etree._Element) -> str:
    """An element's own text: not inside links, nor inside nested blocks."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _PROSE_BLOCKS and child.tag != "a":
            parts.append(_unlinked(child))
        parts.append(child.tail or "")
    return "".join(parts)


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


def _han(element: etree._Element) -> int:
    return len(_HAN.findall(element.text_content()))


def _container(root: etree._Element) -> etree._Element | None:
    for xpath in _SPECIFIC:
        matches = [(e, n) for e in xpath(root) if (n := _han(e)) >= _MIN_HAN]
        if matches:
            return max(matches, key=lambda m: m[1])[0]
    generic = {e: n for xpath in _GENERIC for e in xpath(root) if (n := _han(e)) >= _MIN_HAN}
    if generic:
        best = max(generic, key=lambda e: generic[e])
        while True:  # the innermost match that still holds most of the text
            inner = [
                e
                for e in generic
                if e is not best and _inside(e, best) and generic[e] >= 0.8 * generic[best]
            ]
            if not inner:
                return best
            best = max(inner, key=lambda e: generic[e])
    scores: dict[etree._Element, int] = {}
    for paragraph in root.iter("p"):
        parent = paragraph.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + _han(paragraph)
    if scores:
        best = max(scores, key=lambda e: scores[e])
        if scores[best] >= 2 * _MIN_HAN:
            return best
    return None


def _inside(element: etree._Element, ancestor: etree._Element) -> bool:
    return any(a is ancestor for a in element.iterancestors())


def _drop_chrome(container: etree._Element) -> None:
    """Drop share bars, related news and the like inside the body, never most of the body."""
    total = max(1, len(container.text_content()))
    doomed = [
        element
        for element in container.iterdescendants(etree.Element)
        if chrome.chrome_words(f"{element.get('class') or ''} {element.get('id') or ''}")
        and len(element.text_content()) < 0.5 * total
    ]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


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
    parts = [p for p in TITLE_SPLIT.split(title_tag) if p] or [""]
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


@dataclass
class _Context:
    level: int = 0
    quote: bool = False
    item: tuple[int, bool] | None = None
    pre: bool = False
    inside: bool = False


@dataclass
class _Walker:
    """Turns an element tree into lines, each marked as inside the body container or not."""

    container: etree._Element | None = None
    images: dict[etree._Element, Image] = field(default_factory=dict)
    """The body's images (`images.body_images`): each becomes a line of its own."""
    skip: set[etree._Element] = field(default_factory=set)
    """Elements already read (the images' captions)."""
    out: list[tuple[Line, bool]] = field(default_factory=list)
    pieces: list[tuple[str, Mark]] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)
    """Where in `pieces` a `<br>` of the body stood (see `flush`)."""
    lists: int = 0

    def lines(self, root: etree._Element) -> list[tuple[Line, bool]]:
        body = root.find("body")
        self.walk(body if body is not None else root, _Context(), PLAIN)
        self.flush(_Context())
        return self.out

    def walk(self, element: etree._Element, context: _Context, mark: Mark) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if element in self.skip:
            self.text(element.tail, context, mark)
            return
        if element is self.container:
            self.flush(context)
            context = _Context(inside=True)
        if tag == "br":
            if context.inside and not context.pre:
                self.breaks.append(len(self.pieces))
            else:
                self.flush(context)
            self.text(element.tail, context, mark)
            return
        if tag == "img" and element in self.images:
            self.flush(context)
            self.out.append((Line("", image=self.images[element]), context.inside))
            self.text(element.tail, context, mark)
            return
        if tag == "table" and self.data_table(element, context):
            self.text(element.tail, context, mark)
            return
        block = tag in _BLOCK
        inner = context
        if block:
            self.flush(context)
            inner = self.context_for(tag, context)
        inner_mark = self.mark_for(element, tag, mark)
        self.text(element.text, inner, inner_mark)
        for child in element:
            self.walk(child, inner, inner_mark)
        if block:
            self.flush(inner)
        if element is self.container:
            self.flush(inner)
        self.text(element.tail, context, mark)

    @staticmethod
    def mark_for(element: etree._Element, tag: str, mark: Mark) -> Mark:
        bold = (
            mark.bold
            or tag in {"b", "strong"}
            or bool(_BOLD_STYLE.search(element.get("style") or ""))
        )
        italic = mark.italic or tag in {"em", "i"}
        href = mark.href
        if tag == "a" and element.get("href"):
            href = element.get("href")
        if (bold, italic, href) == (mark.bold, mark.italic, mark.href):
            return mark
        return Mark(bold, italic, href)

    def context_for(self, tag: str, context: _Context) -> _Context:
        level, quote, item, pre = context.level, context.quote, context.item, context.pre
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            level = int(tag[1])
        elif tag == "blockquote":
            quote = True
        elif tag in {"ul", "ol"}:
            self.lists += 1
            item = (self.lists, tag == "ol")
        elif tag == "pre":
            pre = True
        return _Context(level, quote, item, pre, context.inside)

    def text(self, text: str | None, context: _Context, mark: Mark) -> None:
        if not text:
            return
        if context.pre and "\n" in text:
            first, *rest = text.split("\n")
            self.pieces.append((first, mark))
            for part in rest:
                self.flush(context)
                self.pieces.append((part, mark))
            return
        self.pieces.append((text, mark))

    def flush(self, context: _Context) -> None:
        """End the current line (or lines: the body's `<br>`s split it, unless they set verse
        or an address, kept as one paragraph with its line breaks: `_kept_together`)."""
        if not self.pieces:
            self.breaks = []
            return
        cuts = [0, *self.breaks, len(self.pieces)]
        segments = [line_runs(self.pieces[a:b]) for a, b in itertools.pairwise(cuts)]
        segments = [segment for segment in segments if segment.text]
        self.pieces = []
        self.breaks = []
        if len(segments) > 1 and not context.level and _kept_together(segments):
            line = Line(
                " ".join(s.text for s in segments),
                quote=context.quote,
                item=context.item,
                runs=joined(segments),
            )
            self.out.append((line, context.inside))
            return
        for segment in segments:
            line = Line(
                segment.text,
                context.level,
                segment.strong,
                context.quote,
                context.item,
                runs=segment.runs,
            )
            self.out.append((line, context.inside))

    def data_table(self, table: etree._Element, context: _Context) -> bool:
        """Emit a data table as one line and say so; layout tables are left to the walk."""
        rows = [row for row in table.iter("tr") if _owner(row) is table]
        if len(rows) < 2 or table.find(".//table") is not None:
            return False
        grid: list[list[str]] = []
        for row in rows:
            cells: list[str] = []
            for cell in row:
                if cell.tag not in {"td", "th"}:
                    continue
                text = normalise_space(CJK_BREAK.sub("", cell.text_content()))
                if len(text) > 100 or (cell.find(".//p") is not None and len(text) > 50):
                    return False
                span = (
                    int(cell.get("colspan") or 1) if (cell.get("colspan") or "1").isdigit() else 1
                )
                cells.extend([text] + [""] * (max(1, min(span, 20)) - 1))
            grid.append(cells)
        width = max(len(r) for r in grid)
        if width < 2 or not any(any(r) for r in grid):
            return False
        self.flush(context)
        padded = [tuple(_cell(c) for c in (r + [""] * width)[:width]) for r in grid]
        self.out.append((Line("", table=Table(padded[0], tuple(padded[1:]))), context.inside))
        return True


# Verse and addresses: lines of at most this many characters, set apart by <br>.
VERSE_LINE_MAX = 30


def _kept_together(segments: list[Runs]) -> bool:
    """Whether lines set apart by `<br>` in one paragraph are verse or an address (short lines,
    none a heading, metadata, breadcrumb, interviewee or chrome line) rather than paragraphs."""
    return all(
        len(s.text) <= VERSE_LINE_MAX
        and not s.strong
        and not byline.is_metadata(s.text)
        and byline.breadcrumb(s.text) is None
        and structure.interviewee(s.text) is None
        and not chrome.is_chrome(s.text)
        and not chrome.ends_article(s.text)
        for s in segments
    )


def _owner(row: etree._Element) -> etree._Element | None:
    return next((a for a in row.iterancestors("table")), None)


def _cell(text: str) -> Inlines:
    return (Text(text),) if text else ()
