"""The EPUB's navigation: the table of contents by category path, the page list, landmarks.

Builders step (EPUB). One `Navigation` value feeds both the EPUB 3 navigation document
(layouts/epub/nav.xhtml) and the NCX for older reading systems (layouts/epub/toc.ncx), so the
two always agree. Articles keep the collection's reading order: consecutive articles that share
a category path share its entries, so the contents stay in spine order (EPUBCheck NAV-011).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import count

from ...model import Article


@dataclass(frozen=True, slots=True)
class NavPoint:
    """One entry of the table of contents or the page list."""

    label: str
    """What the reader sees."""
    href: str
    """The target relative to the package folder; empty for a category, which only groups."""
    target: str
    """Where the entry leads: `href`, or a category's first article (the NCX needs one)."""
    order: int
    """Position of `target` in reading order, from 1 (the NCX playOrder)."""
    number: int
    """A number unique among the book's entries (names the NCX navPoint)."""
    children: tuple[NavPoint, ...] = ()
    """Nested entries: a category's subcategories and articles."""
    language: str = ""
    """An article's language (its entry is tagged where it differs from the book's); empty
    for the rest."""

    @property
    def depth(self) -> int:
        """Levels of entries from this one down (1 for an article)."""
        return 1 + max((child.depth for child in self.children), default=0)


@dataclass(frozen=True, slots=True)
class Landmark:
    """One entry of the landmarks navigation (EPUB 3.3 §7.4.3)."""

    kind: str
    """The epub:type of the target: cover, titlepage, toc, bodymatter."""
    label: str
    href: str


@dataclass(frozen=True, slots=True)
class Navigation:
    """Everything the navigation document and the NCX list."""

    toc: tuple[NavPoint, ...]
    """The table of contents, nested by category path."""
    pages: tuple[NavPoint, ...] = ()
    """The print edition's pages, in reading order (empty without a print edition)."""
    landmarks: tuple[Landmark, ...] = field(default=())

    @property
    def depth(self) -> int:
        """The NCX `dtb:depth`: levels in the table of contents."""
        return max((point.depth for point in self.toc), default=1)

    @property
    def max_page_number(self) -> int:
        """The NCX `dtb:maxPageNumber`: the largest numeric page label (0 when none)."""
        return max((int(p.label) for p in self.pages if p.label.isdigit()), default=0)


@dataclass(frozen=True, slots=True)
class Target:
    """A place the navigation links to: an article's start or a print page marker in it."""

    label: str
    href: str


def navigation(
    articles: Sequence[Article],
    starts: Sequence[Target],
    pages: Sequence[Sequence[Target]],
    landmarks: Sequence[Landmark],
) -> Navigation:
    """The navigation of a book whose articles start at `starts` and hold the page markers
    `pages` (one sequence per article, in document order)."""
    order: dict[str, int] = {}
    for start, markers in zip(starts, pages, strict=True):
        for target in (start, *markers):
            order.setdefault(target.href, len(order) + 1)
    numbers = count(1)

    def point(target: Target) -> NavPoint:
        return NavPoint(target.label, target.href, target.href, order[target.href], next(numbers))

    leaves = [
        replace(point(start), language=article.language)
        for article, start in zip(articles, starts, strict=True)
    ]
    toc = _by_category(articles, leaves, numbers)
    page_points = tuple(point(marker) for markers in pages for marker in markers)
    return Navigation(toc, page_points, tuple(landmarks))


@dataclass
class _Group:
    """A category while the tree is built (frozen into a NavPoint at the end)."""

    name: str
    entries: list[_Group | NavPoint]


def _by_category(
    articles: Sequence[Article], leaves: Sequence[NavPoint], numbers: Iterator[int]
) -> tuple[NavPoint, ...]:
    root: list[_Group | NavPoint] = []
    open_groups: list[_Group] = []
    for article, leaf in zip(articles, leaves, strict=True):
        path = article.category
        shared = 0
        while (
            shared < len(open_groups)
            and shared < len(path)
            and open_groups[shared].name == path[shared]
        ):
            shared += 1
        del open_groups[shared:]
        for name in path[shared:]:
            group = _Group(name, [])
            (open_groups[-1].entries if open_groups else root).append(group)
            open_groups.append(group)
        (open_groups[-1].entries if open_groups else root).append(leaf)
    return tuple(_freeze(entry, numbers) for entry in root)


def _freeze(entry: _Group | NavPoint, numbers: Iterator[int]) -> NavPoint:
    if isinstance(entry, NavPoint):
        return entry
    children = tuple(_freeze(child, numbers) for child in entry.entries)
    first = children[0]
    return NavPoint(entry.name, "", first.target, first.order, next(numbers), children)
