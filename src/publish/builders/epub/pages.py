"""Print page markers: the PDF edition's page starts as `PageBreak` runs in the model.

Builders step (EPUB). A `PrintPage` says where a PDF page starts as a character offset into an
article's text (`model.reading_order`). Here each offset becomes a `PageBreak` run at exactly
that point, splitting a text or ruby run when a page starts inside it, so the markers come out
of the same templates as the text (never spliced into rendered markup). EPUB Accessibility 1.1
asks for such markers (epub:type="pagebreak") plus a page list that links every one of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from ...model import (
    Article,
    Emphasis,
    Inline,
    Inlines,
    Link,
    PageBreak,
    Ruby,
    Strong,
    Text,
    map_inlines,
    plain_text,
    reading_order,
)
from .. import PrintPage


@dataclass(frozen=True, slots=True)
class Marker:
    """One page start inside an article: where it goes and the run that marks it."""

    offset: int
    """Character offset into the article's text (as `PrintPage.offset`)."""
    run: PageBreak
    """The marker run."""

    @property
    def anchor(self) -> str:
        """The marker's id in its document (the template writes `page-N` too)."""
        return f"page-{self.run.number}"


def markers_by_article(pages: Sequence[PrintPage]) -> dict[str, tuple[Marker, ...]]:
    """The print pages grouped by article, numbered in edition order, sorted by offset."""
    grouped: dict[str, list[Marker]] = {}
    for number, page in enumerate(pages, start=1):
        marker = Marker(max(page.offset, 0), PageBreak(page.label, number))
        grouped.setdefault(page.article, []).append(marker)
    return {
        slug: tuple(sorted(found, key=lambda m: (m.offset, m.run.number)))
        for slug, found in grouped.items()
    }


def mark_pages(article: Article, markers: Sequence[Marker]) -> tuple[Inlines, Article]:
    """The markers of pages that start with the article (offset 0), to set before its title,
    and the article with every other marker in its text.

    A marker inside the title would become part of the heading's accessible name ("3 title"),
    so a page that starts with the article is marked before the heading instead.
    """
    lead = tuple(m.run for m in markers if m.offset <= 0)
    return lead, with_page_breaks(article, [m for m in markers if m.offset > 0])


def with_page_breaks(article: Article, markers: Sequence[Marker]) -> Article:
    """A copy of `article` with a `PageBreak` run at each marker's offset.

    A page that starts between two sequences (at the start of a heading, say) is marked at the
    start of the later one; an offset past the end of the text marks the end of the last one.
    """
    if not markers:
        return article
    total = sum(len(plain_text(runs)) for runs in reading_order(article))
    pending = sorted(markers, key=lambda m: (m.offset, m.run.number))
    position = 0

    def change(runs: Inlines) -> Inlines:
        nonlocal position, pending
        length = len(plain_text(runs))
        start, end = position, position + length
        position = end
        if not length:
            return runs
        last = end == total
        here = [m for m in pending if m.offset < end or last]
        if not here:
            return runs
        pending = pending[len(here) :]
        return _insert(runs, [(m.offset - start, m.run) for m in here])

    return map_inlines(article, change)


def _insert(runs: Inlines, points: Iterable[tuple[int, PageBreak]]) -> Inlines:
    """`runs` with each (offset, marker) inserted; markers at a run's start go before it."""
    queue = list(points)
    out: list[Inline] = []
    position = 0
    for run in runs:
        length = len(plain_text((run,)))
        while queue and queue[0][0] <= position:
            out.append(queue.pop(0)[1])
        inside = []
        while queue and queue[0][0] < position + length:
            offset, mark = queue.pop(0)
            inside.append((offset - position, mark))
        out.extend(_split(run, inside) if inside else (run,))
        position += length
    out.extend(mark for _, mark in queue)  # past the end: the end of the sequence
    return tuple(out)


def _split(run: Inline, points: list[tuple[int, PageBreak]]) -> Inlines:
    """One run with markers strictly inside it (0 < offset < its length)."""
    match run:
        case Text(text=text):
            return _cut(text, points, lambda a, b: Text(text[a:b]))
        case Ruby(base=base):
            # A marker between a character and its variation selector goes after the selector
            # (`Ruby.between`), which leaves an empty piece behind.
            pieces = _cut(base, points, run.between)
            return tuple(p for p in pieces if not isinstance(p, Ruby) or p.base)
        case Emphasis(children=c) | Strong(children=c) | Link(children=c):
            return (replace(run, children=_insert(c, points)),)
    raise AssertionError(f"a marker inside a run without text: {run!r}")


def _cut(
    text: str, points: list[tuple[int, PageBreak]], piece: Callable[[int, int], Inline]
) -> Inlines:
    """`text`'s run cut at each point, with the marker between the pieces."""
    out: list[Inline] = []
    start = 0
    for offset, mark in points:
        if offset > start:
            out.append(piece(start, offset))
        out.append(mark)
        start = offset
    out.append(piece(start, len(text)))
    return tuple(out)
