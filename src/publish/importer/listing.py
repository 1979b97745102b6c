"""Whether a saved HTML page is a list of links (list, index, search, paging page).

Import step 2 for HTML, called by the HTML reader (`html.read_html_page`) once the body element
is found: a list page holds no article, so with `listings` the reader stops there and the site
importer follows its links instead of making it a source.
"""

from __future__ import annotations

import re

from lxml import etree

from . import chrome
from .page import normalise_space

# A list page's paging bar: 上一页 下一页 尾页, 共 12 页, 第 2 页.
_PAGING = re.compile(r"下一页|上一页|尾页|末页|共\s*\d+\s*页|第\s*\d+\s*/?\s*\d*\s*页")
_LISTING_LINKS = 8
# A line of running text: an article's paragraph is longer than a list's entry with its date.
_PROSE = 40
_PROSE_BLOCKS = ("p", "li", "td", "div", "dd", "section", "article")


def is_listing(
    root: etree._Element, container: etree._Element | None, list_name: bool = False
) -> bool:
    """Whether a page is a list of links (list, index, search, paging page), not an article.

    Its body (the whole page when no body element is found) has at least eight links, a third
    of its text or more is theirs, and no paragraph of running text (40 characters) stands
    outside them (a list's other text is its dates and sources). Or it has a paging bar,
    several links and no paragraph of running text. Or it is named as list pages are
    (`list_name`: index.html, list_2.html) and either has five links and no paragraph of
    running text (a small site's home, whose entries' dates and sources may outweigh their
    titles), or its body has eight links, the page twenty holding a quarter of its text (a home
    page with the first lines of its news; an article saved as `index.html` has few links in
    its body).
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
    if list_name and prose < _PROSE:
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


def _unlinked(element: etree._Element) -> str:
    """An element's own text: not inside links, nor inside nested blocks."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _PROSE_BLOCKS and child.tag != "a":
            parts.append(_unlinked(child))
        parts.append(child.tail or "")
    return "".join(parts)
