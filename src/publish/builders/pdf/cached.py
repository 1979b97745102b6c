"""What the PDF builder keeps in the build cache (`publish.cache`): laid-out parts of a long
collection, the front matter, and the articles' own PDFs.

Builders step (PDF). Laying out is most of a PDF's cost (some 0.1 s of CPU per large-print
page with pinyin), so `parts` and the per-article PDFs look their results up here first. A
key holds everything the pages depend on: the document's inputs (`document_key`: settings,
geometry, metadata, stylesheet, the collection's own fields and every slug that a link can
name, the layouts and fonts read, WeasyPrint's version) and the articles laid out, as their
`repr` (the model is frozen dataclasses of strings and tuples: equal reprs, equal articles).
A part is stored without its page numbers (`LaidOutPart` and its PDF): its PDF, page starts and
page counts do not depend on where it starts, so an edit before it, which moves its pages,
costs only its numbers (drawn anew at the merge), not a new layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ... import cache
from ...config import bundled_path
from ...fonts.faces import font_faces
from ...model import Article, visible_text
from .. import Edition, PrintPage
from . import document as print_document
from .geometry import Geometry

Counts = dict[str, tuple[int, int]]
"""Per article of a part (by slug): its first page's index in the part, and its page count."""


def document_key(
    edition: Edition, geo: Geometry, meta: print_document.Metadata, stylesheet: str
) -> str:
    """What every page of `edition`'s PDF depends on, besides the articles on it."""
    collection = edition.collection
    return cache.key(
        "pdf-document",
        shared_key(edition, geo, stylesheet),
        repr(meta),
        repr(replace(collection, articles=())),
        sorted(article.slug for article in collection.articles),
    )


def shared_key(edition: Edition, geo: Geometry, stylesheet: str) -> str:
    """What the PDFs of an edition depend on whatever they hold: settings, geometry, the
    stylesheet, the layouts, fonts and colour profile read (WeasyPrint's version is in every
    key: `cache.SHAPING`)."""
    settings = edition.settings
    project_layouts = getattr(edition.layouts, "project_layouts", None)
    # Fallback faces are cut into a temporary folder of each build, named by their content:
    # their names say all.
    fallbacks = set(edition.fallback_fonts)
    for folder in {font.parent for font in fallbacks}:
        stylesheet = stylesheet.replace(folder.as_uri(), "fallback:")
    return cache.key(
        "pdf-shared",
        repr(settings),
        repr(geo),
        stylesheet,
        sorted(font.name for font in fallbacks),
        cache.files(
            bundled_path("layouts"),
            None if project_layouts is None else Path(project_layouts),
            bundled_path("profiles") if settings.pdf.cmyk else None,
            *(
                f.path
                for f in font_faces(settings, edition.fallback_fonts)
                if f.path not in fallbacks
            ),
        ),
    )


def article_key(shared: str, edition: Edition, meta: print_document.Metadata) -> str:
    """The key of an article's own PDF (`edition` holds it alone; `shared`: `shared_key`)."""
    return cache.key("pdf-article", shared, repr(meta), repr(edition.collection))


def part_key(document: str, articles: Sequence[Article]) -> str:
    """The key of a part (or an article's own PDF) of the document `document`."""
    return cache.key("pdf-part", document, [repr(article) for article in articles])


@dataclass(frozen=True, slots=True)
class LaidOutPart:
    """A part laid out and written from page 1 without its page numbers (`parts`): nothing in
    it depends on where it starts, so it is kept once whatever its first page number. Its PDF
    travels beside it and is kept in a file until the join (a year's parts in memory would be
    the size of the book)."""

    counts: Counts
    pages: tuple[PrintPage, ...]
    """Its page starts, labelled as if the part began on page 1."""
    numbered: tuple[tuple[int, str], ...]
    """The pages (indexes) whose number was taken off, to be drawn at the final number, and
    where it was (`layout.without_page_numbers`)."""
    page_count: int


def load_part(key: str, pdf: Path) -> LaidOutPart | None:
    """A part an earlier build laid out, when the cache holds it whole, with its PDF written
    to `pdf`."""
    store = cache.current()
    found = store.get("pdf-laid-out", key) if store else None
    if store is None or not isinstance(found, dict):
        return None
    try:
        counts = {
            slug: (int(first), int(length)) for slug, (first, length) in found["counts"].items()
        }
        pages = tuple(
            PrintPage(str(label), str(slug), int(offset)) for label, slug, offset in found["pages"]
        )
        numbered = tuple((int(index), str(place)) for index, place in found["numbered"])
        page_count = int(found["page_count"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    data = store.get_bytes("pdf-laid-out", key)
    if data is None:
        return None
    pdf.write_bytes(data)
    return LaidOutPart(counts, pages, numbered, page_count)


def save_part(key: str, part: LaidOutPart, pdf: bytes) -> None:
    """Keep a part just laid out, and its PDF (no cache: nothing)."""
    store = cache.current()
    if store is None:
        return
    store.put_bytes("pdf-laid-out", key, pdf)
    store.put(
        "pdf-laid-out",
        key,
        {
            "counts": part.counts,
            "pages": [[p.label, p.article, p.offset] for p in part.pages],
            "numbered": [list(page) for page in part.numbered],
            "page_count": part.page_count,
        },
    )


def front_key(document: str, markup: str) -> str:
    """The key of the front matter (cover and contents) laid out from `markup`."""
    return cache.key("pdf-front", document, markup)


def load_front_pages(key: str) -> int | None:
    store = cache.current()
    found = store.get("pdf-front-pages", key) if store else None
    return found if isinstance(found, int) and found > 0 else None


def save_front_pages(key: str, pages: int) -> None:
    store = cache.current()
    if store is not None:
        store.put("pdf-front-pages", key, pages)


def load_bytes(step: str, key: str) -> bytes | None:
    store = cache.current()
    return store.get_bytes(step, key) if store else None


def save_bytes(step: str, key: str, data: bytes) -> None:
    store = cache.current()
    if store is not None:
        store.put_bytes(step, key, data)


@dataclass(slots=True)
class PartsPlan:
    """What the cache already holds for this edition's parts, and what is found as they are
    laid out."""

    document: str
    """The document's key (`document_key`), "" without a cache."""
    keys: list[str]
    """Each part's key."""
    found: list[LaidOutPart | None]
    """Each part, read from the cache or once laid out."""
    front_markup: str
    """The cover and contents with the widest page numbers."""
    widest: dict[str, str]
    """Those numbers, by article slug."""
    front_pages: int | None
    """How many pages the cover and contents take, when known."""
    reused: set[int] = field(default_factory=set)
    """The parts read from the cache."""


def plan_parts(
    edition: Edition,
    geo: Geometry,
    meta: print_document.Metadata,
    stylesheet: str,
    parts: Sequence[tuple[Article, ...]],
    pdfs: Sequence[Path],
) -> PartsPlan:
    """What the cache holds for `parts` of `edition` (`parts.build`), and the front matter
    with the widest page numbers; the PDF of each part found is written to its `pdfs` file."""
    collection = edition.collection
    # The cover and contents are laid out with numbers as wide as the widest final one can be
    # (a large-print page holds 100 characters at least), so that they take as many pages as
    # they will with the real numbers.
    most_pages = sum(len(visible_text(a)) for a in collection.articles) // 100 + 100
    guess = dict.fromkeys((a.slug for a in collection.articles), "9" * max(4, len(str(most_pages))))
    front_markup = print_document.html(edition, geo, meta, articles=(), body=False, toc_pages=guess)
    if cache.current() is None:
        return PartsPlan("", [], [None] * len(parts), front_markup, guess, None)
    document = document_key(edition, geo, meta, stylesheet)
    keys = [part_key(document, part) for part in parts]
    found = [load_part(key, pdf) for key, pdf in zip(keys, pdfs, strict=True)]
    front_pages = load_front_pages(front_key(document, front_markup))
    return PartsPlan(
        document,
        keys,
        found,
        front_markup,
        guess,
        front_pages,
        {i for i, f in enumerate(found) if f},
    )
