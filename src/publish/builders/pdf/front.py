"""A long collection's cover and contents laid out in bounded pieces, joined into one PDF.

Builders step (PDF), within `parts`. WeasyPrint holds a whole document in memory, and a
contents makes many boxes per entry (its dotted leader a box per dot): 10,000 entries laid
out and written as one document took 1.4 GB (docs/benchmarks.md, "The cover and contents
laid out in pieces"). Here the contents is laid out `PIECE_ENTRIES` entries at a time, each
piece cut at a page end so that its pages are those of the contents laid out whole:

- a piece's pages are complete but for its last: each ended where the next entry, also in
  the piece, did not fit, as it ends in one document; the last page ends only because the
  piece does, so it is dropped, with any page before it that begins inside an entry, and
  the next piece begins with the entry that opens the first dropped page (at the top of a
  page, as there: the contents' block has no margin, border or padding to repeat);
- the first piece sets the cover and the contents' heading, the others only their entries;
- the pieces after the first are written without their page numbers, which `merge` draws
  from the digits, and joined after the first as the parts are after the front matter:
  links, bookmarks, tags and named destinations carry over.

Each entry is its own link's target until the parts' destinations replace it in the join
(`collection.html`), so a piece's links find their targets on its own pages (WeasyPrint drops
a link to a missing anchor). The pages, their text, links and tags are those of one piece;
the numbers of the pages after the first piece's are drawn, not laid out (`merge`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ...errors import PublishError
from .. import Edition
from . import document as print_document
from .geometry import Geometry
from .layout import Digits, lay_out, without_page_numbers, write
from .merge import Run, join

PIECE_ENTRIES = 1_000
"""The most entries laid out in one WeasyPrint document: its layout takes some 100 MB and its
PDF 150 MB more; pieces of 500 lowered no peak and cost more CPU (docs/benchmarks.md, "The
cover and contents laid out in pieces")."""


def page_count(
    edition: Edition,
    geo: Geometry,
    meta: print_document.Metadata,
    stylesheet: str,
    toc_pages: Mapping[str, str],
) -> int:
    """How many pages the cover and contents take with the page numbers `toc_pages`."""
    pages = 0

    def count(document: Any, first: int) -> None:
        nonlocal pages
        pages += len(document.pages)

    with _pieces_collected():
        _lay_out_pieces(edition, geo, meta, stylesheet, toc_pages, count)
    return pages


def write_front(
    edition: Edition,
    geo: Geometry,
    meta: print_document.Metadata,
    stylesheet: str,
    toc_pages: Mapping[str, str],
    target: Path,
    digits: Callable[[], Digits | None],
) -> int:
    """Write the cover and contents with the page numbers `toc_pages` to `target`; how many
    pages they take. `digits` gives the digits to number the pieces after the first with."""
    collection, pdf = edition.collection, edition.settings.pdf
    pieces: list[Path] = []
    runs: list[Run] = []
    places: set[str] = set()
    pages = 0

    def save(document: Any, first: int) -> None:
        nonlocal pages
        path = target.with_name(f"{target.stem}-{len(pieces):04d}.pdf")
        if first > 1:
            numbered = without_page_numbers(document)
            places.update(place for _, place in numbered)
            runs.append(Run(path, first, tuple(index for index, _ in numbered)))
        pieces.append(path)
        write(document, path, [[] for _ in document.pages], geo, pdf, collection.identifier)
        pages += len(document.pages)

    with _pieces_collected():
        _lay_out_pieces(edition, geo, meta, stylesheet, toc_pages, save)
    if not runs:
        pieces[0].replace(target)
        return pages
    drawn = digits() if places else None
    if places and (drawn is None or places != {drawn.place}):
        raise PublishError(
            "the layout puts the page numbers of a long contents in several places, "
            "which its pieces cannot be numbered in: build with PUBLISH_PROCESSES=1"
        )
    join(pieces[0], runs, target, drawn)
    for path in pieces:
        path.unlink()
    return pages


@contextmanager
def _pieces_collected() -> Iterator[None]:
    """The objects alive now left out of the collections after each piece (`gc.freeze`):
    the build's millions of model objects, walked at each piece, cost 0.5 s of CPU a piece
    at 2,000 articles."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _lay_out_pieces(
    edition: Edition,
    geo: Geometry,
    meta: print_document.Metadata,
    stylesheet: str,
    toc_pages: Mapping[str, str],
    each: Callable[[Any, int], None],
) -> None:
    """Lay out the cover and contents in pieces of at most `PIECE_ENTRIES` entries, each cut
    at a page end; `each` gets every piece's laid-out document in turn, with its first page's
    number. One piece is held at a time."""
    collection = edition.collection
    slugs = [article.slug for article in collection.articles]
    size = PIECE_ENTRIES
    start, first = 0, 1
    while start < len(slugs):
        stop = min(start + size, len(slugs))
        markup = print_document.html(
            edition,
            geo,
            meta,
            articles=(),
            body=False,
            toc_pages=toc_pages,
            listed=slice(start, stop),
        )
        document = lay_out(
            markup, stylesheet, collection, edition.fallback_fonts, edition.settings.pdf
        )
        listed = _entries(document)
        if next((_slug(page[0]) for page in listed if page), None) != slugs[start]:
            raise PublishError(
                "the layout's contents (print/collection.html) do not list the entries "
                "`listed`, which a long contents is laid out in pieces with: build with "
                "PUBLISH_PROCESSES=1"
            )
        cut = _cut(listed, opening=start == 0) if stop < len(slugs) else None
        if cut is None and stop < len(slugs):
            # No page after the piece's first begins with an entry (its entries are long, or
            # it is short): it is laid out again, twice as long.
            size *= 2
            continue
        if cut is not None:
            start = slugs.index(_slug(listed[cut][0]), start)
            document.pages[cut:] = []
        else:
            start = len(slugs)
        each(document, first)
        first += len(document.pages)
        size = PIECE_ENTRIES
        del document, listed
        # A laid-out document is cyclic garbage (its boxes and elements point at each other),
        # which the build's collector thresholds (`pipeline.GC_THRESHOLDS`) leave for long:
        # each 1,000-entry piece's 50 MB stayed in the building process until the end
        # (docs/benchmarks.md, "stop 43 memory"). What lived before the pieces is frozen
        # (`_pieces_collected`), so this walks the piece's objects only.
        gc.collect()


def _entries(document: Any) -> list[list[Any]]:
    """Each page's contents entries (their `li` elements), in order."""
    from weasyprint.formatting_structure import boxes

    return [
        [
            box.element
            for box in page._page_box.descendants()
            if isinstance(box, boxes.BlockBox) and box.element_tag == "li"
        ]
        for page in document.pages
    ]


def _cut(entries: list[list[Any]], opening: bool) -> int | None:
    """The first page to drop: the last that begins with an entry, not inside one (in the
    first piece, after the contents' first page, which begins with its heading)."""
    for index in range(len(entries) - 1, 1 if opening else 0, -1):
        page, before = entries[index], entries[index - 1]
        if page and not (before and before[-1] is page[0]):
            return index
    return None


def _slug(entry: Any) -> str:
    """The slug an entry links to (its link's `#slug`)."""
    return next(e.get("href") for e in entry.iter() if e.get("href"))[1:]
