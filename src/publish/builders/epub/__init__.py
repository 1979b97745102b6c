"""The EPUB builder: each collection (and, on request, each article) as one EPUB 3.

Builders step. For e-readers: reflowable text the reader sizes and sets in their own font,
navigation by category, pinyin as ruby, the print edition's page numbers, and the metadata of
EPUB Accessibility 1.1. The steps, one module each:

1. `checks`: what an EPUB cannot carry (control characters, duplicate slugs, non-images);
2. `pages`: the PDF's page starts become `PageBreak` runs in the articles' text;
3. `package_metadata`: the bibliographic and accessibility metadata, and the one timestamp;
4. `book`: the documents rendered from layouts/epub/, the cover (`cover`), the navigation
   (`navigation`), the font subset, the package document;
5. `archive`: the reproducible zip, written atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from ...config import Settings
from ...layouts import render
from ...model import Article, Collection
from ...progress import report
from .. import Edition, Output, article_file, article_identifier
from .archive import Spool, write_epub
from .book import Contents, contents, make_book
from .checks import check_collection
from .package_metadata import (
    Accessibility,
    BookInfo,
    accessibility,
    build_time,
    page_source,
    w3c_time,
)
from .pages import Marker, markers_by_article

__all__ = ["EpubBuilder"]


class EpubBuilder:
    """EPUB 3 for e-readers."""

    name = "epub"

    def check(self, collection: Collection, settings: Settings) -> None:
        check_collection(collection)

    def kept(self, edition: Edition) -> frozenset[str]:
        """None: not yet: its contents mark every article's pages and links (`Builder.kept`)."""
        return frozenset()

    def build(self, edition: Edition, out: Path) -> Output:
        """Write `SLUG.epub` (and `SLUG-articles/ARTICLE.epub` with per_article) into `out`."""
        collection = edition.collection
        self.check(collection, edition.settings)
        when = build_time(collection)
        markers = markers_by_article(edition.print_pages)
        books = [(_collection_book(edition, markers, when), out / f"{collection.slug}.epub")]
        if edition.settings.epub.per_article and len(collection.articles) > 1:
            for article in collection.articles:
                books.append(
                    (
                        _article_book(edition, article, markers, when),
                        article_file(out, collection, article, ".epub"),
                    )
                )
        written = []
        for book, target in books:
            target.parent.mkdir(parents=True, exist_ok=True)
            with Spool(target.parent) as spool:
                make_book(edition, book, spool)
                written.append(write_epub(spool, target, when))
            report("生成 EPUB", len(written), len(books))
        return Output(tuple(written))


def _collection_book(
    edition: Edition, markers: dict[str, tuple[Marker, ...]], when: datetime
) -> Contents:
    collection = edition.collection
    creators = collection.creators
    info = BookInfo(
        identifier=collection.identifier,
        title=collection.title,
        subtitle=collection.subtitle,
        language=collection.language,
        creators=creators,
        publisher=collection.publisher,
        date=collection.date,
        modified=w3c_time(when),
        subjects=tuple(dict.fromkeys(a.category[0] for a in collection.articles if a.category)),
        description="",
        collection="",
        accessibility=_accessibility(edition, collection.articles, markers),
    )
    return contents(
        info,
        collection,
        markers,
        collection.cover,
        (collection.title, collection.subtitle, collection.publisher),
    )


def _article_book(
    edition: Edition, article: Article, markers: dict[str, tuple[Marker, ...]], when: datetime
) -> Contents:
    """An article's own EPUB: its metadata, the collection it belongs to, a cover of its own."""
    collection = edition.collection
    single: Collection = replace(collection, articles=(article,))
    info = BookInfo(
        identifier=article_identifier(collection, article),
        title=article.title_text,
        subtitle=article.subtitle_text,
        language=article.language,
        creators=article.authors or ((article.source,) if article.source else ()),
        publisher=collection.publisher,
        date=article.date,
        modified=w3c_time(when),
        subjects=article.category[:1] + article.tags,
        description=article.summary,
        collection=collection.title,
        accessibility=_accessibility(edition, (article,), markers),
    )
    return contents(
        info, single, markers, None, (article.title_text, article.subtitle_text, collection.title)
    )


def _accessibility(
    edition: Edition, articles: Sequence[Article], markers: dict[str, tuple[Marker, ...]]
) -> Accessibility:
    has_pages = any(markers.get(article.slug) for article in articles)
    source = page_source(edition.collection.title, edition.settings)
    a11y = accessibility(articles, has_pages, source, summary="")
    text = render(
        edition.layouts, "epub/accessibility-summary.txt", a11y=a11y, settings=edition.settings
    )
    return replace(a11y, summary="".join(line.strip() for line in text.splitlines()))
