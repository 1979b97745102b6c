"""Saved plain-text pages -> `Page`; also where any page's lines are split into head and body.

Import step 2 for text pages (the seed is one: a browser's "save as text" of a news page). A
text page is its lines; each non-empty line is one paragraph or one line of a headline (lines are
never joined: pages save one paragraph per line). `split` finds the article in the lines:

- the metadata line (发布时间/来源 ...) near the top marks the end of the head; the title is the
  nearest line above it that is not chrome or the breadcrumb, and a "——" line between them is
  the subtitle;
- without a metadata line, the title is the first line that is not chrome, a breadcrumb or a
  navigation bar (several short items separated by spaces or |), and the body follows it.

The HTML reader uses `split` too when a page has no recognisable body element.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import byline, chrome
from .page import Line, Page, normalise_space

# Where the search for the metadata line stops: a long line with sentence punctuation is text.
_TEXT_LINE = re.compile(r"[。！？；]")
_SUBTITLE = re.compile(r"^(?:——|—|--|－－)\s*")
_HEAD_LIMIT = 40


@dataclass(frozen=True, slots=True)
class Split:
    """A page's lines divided into head and body, with the title and subtitle found."""

    head: tuple[str, ...]
    title: str
    subtitle: str
    body: tuple[Line, ...]


def read_text_page(text: str) -> Page:
    """A plain-text page as head lines, title and body lines."""
    lines = [
        Line(line)
        for raw in text.splitlines()
        if (line := chrome.strip_comment_prefix(normalise_space(raw)))
    ]
    found = split(lines)
    return Page(head=found.head, body=found.body, title=found.title, subtitle=found.subtitle)


def split(lines: Sequence[Line]) -> Split:
    """Head, title, subtitle and body of a page's lines (see the module docstring)."""
    texts = [line.text for line in lines]
    meta_index = None
    for index, text in enumerate(texts[:_HEAD_LIMIT]):
        if len(text) > 60 and _TEXT_LINE.search(text):
            break
        if not is_furniture(text) and byline.is_metadata(chrome.strip_controls(text)):
            meta_index = index
            break
    title_index = subtitle_index = None
    if meta_index is not None:
        above = [i for i in range(meta_index) if not is_furniture(texts[i])]
        if above and _SUBTITLE.match(texts[above[-1]]) and len(above) > 1:
            subtitle_index = above.pop()
        if above:
            title_index = above[-1]
            body_start = meta_index + 1
        else:  # the metadata line stands above the title
            after = [i for i in range(meta_index + 1, len(texts)) if not is_furniture(texts[i])]
            title_index = after[0] if after else None
            body_start = (title_index + 1) if title_index is not None else len(texts)
    else:
        candidates = [i for i in range(min(len(texts), _HEAD_LIMIT)) if not is_furniture(texts[i])]
        title_index = candidates[0] if candidates else None
        body_start = title_index + 1 if title_index is not None else len(texts)
    # Further metadata lines right after the first (作者 on its own line) belong to the head.
    while body_start < len(texts) and (
        byline.is_metadata(chrome.strip_controls(texts[body_start]))
        or chrome.is_chrome(texts[body_start])
    ):
        body_start += 1
    title = texts[title_index] if title_index is not None else ""
    subtitle = _SUBTITLE.sub("", texts[subtitle_index]) if subtitle_index is not None else ""
    head = tuple(
        t for i, t in enumerate(texts[:body_start]) if i not in {title_index, subtitle_index}
    )
    return Split(head, title, subtitle, tuple(lines[body_start:]))


def is_furniture(text: str) -> bool:
    """Chrome, a breadcrumb or a navigation bar: lines that are never the title."""
    return chrome.is_chrome(text) or byline.breadcrumb(text) is not None or _is_navigation(text)


def _is_navigation(text: str) -> bool:
    items = [item for item in re.split(r"\s*[|｜]\s*|\s+", text) if item]
    if len(items) >= 2 and items[0] in {"首页", "首頁", "网站首页", "主页"}:
        return True
    return (
        len(items) >= 4
        and all(len(item) <= 6 for item in items)
        and ("|" in text or "｜" in text or len(items) >= 5)
    )
