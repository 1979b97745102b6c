"""The article body element of a saved HTML page, and the chrome inside it dropped.

Import step 2 for HTML, called by the HTML reader (`html.read_html_page`) once the page is
parsed and what is never text is gone. The body is the CMS containers' first match that holds
text (`#zoom`, `.TRS_Editor`, `#UCAP-CONTENT`, `.article-content`, ...), else the generic ones
(`.content`, `.article`, `#content`, `<article>`; among nested matches the innermost holding most
of the text), else the element whose own paragraphs hold the most Han characters. Inside it,
elements whose class or id names chrome (share, related, print, ...: `chrome.CHROME_WORDS`) are
dropped.
"""

from __future__ import annotations

import re

from lxml import etree

from . import chrome

_LOWER = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"


def _by_id(name: str) -> str:
    return f"//*[{_LOWER.format('@id')}='{name}']"


def _by_class(name: str) -> str:
    return (
        f"//*[contains(concat(' ', normalize-space({_LOWER.format('@class')}), ' '), ' {name} ')]"
    )


def _compiled(*expressions: str) -> tuple[etree.XPath, ...]:
    return tuple(etree.XPath(x) for x in expressions)


# CMS body containers, most specific first; the first that holds text wins.
_SPECIFIC = _compiled(
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
# Generic containers: several may match, nested in each other.
_GENERIC = _compiled(
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
_MIN_HAN = 20
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def article_container(root: etree._Element) -> etree._Element | None:
    """The element holding the article body, or None when no element does (see above)."""
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


def drop_chrome(container: etree._Element) -> None:
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


def _han(element: etree._Element) -> int:
    return len(_HAN.findall(element.text_content()))


def _inside(element: etree._Element, ancestor: etree._Element) -> bool:
    return any(a is ancestor for a in element.iterancestors())
