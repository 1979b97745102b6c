"""The PDF builder: large-print printable PDFs for readers and print shops.

Builders step. One PDF per collection (or per article, for `publish build article.md`):

    geometry (sizes, margins; checked) -> print HTML and CSS (layouts/print/)
      -> WeasyPrint layout -> text map (page starts, pinyin positions)
      -> PDF (tagged, readings drawn as artifacts) -> booklet (optional, for the press)

Modules: `geometry` (presets and checks), `document` (templates, metadata), `layout`
(WeasyPrint), `textmap` (page starts), `readings` (pinyin), `parts` and `merge` (long
collections in parts on several cores, joined), `booklet` (imposition).

The PDF is tagged (PDF/UA-1 structure) unless a variant forbids it, carries title, language,
authors and subject, has bookmarks for every article and heading, a cover and contents with
page numbers for collections, running heads, page numbers, and each article's metadata line.
`Output.print_pages` says where each page starts in the articles' text, for the EPUB.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ...config import Settings
from ...model import Collection
from .. import Edition, Output
from . import document as print_document
from . import parts
from .booklet import impose
from .geometry import geometry
from .layout import lay_out, write
from .textmap import map_pages

__all__ = ["PdfBuilder"]

log = logging.getLogger("publish")


class PdfBuilder:
    """Large-print PDF through WeasyPrint."""

    name = "pdf"

    def check(self, collection: Collection, settings: Settings) -> None:
        geometry(settings)  # the page size, margins and bleed fit together

    def build(self, edition: Edition, out: Path) -> Output:
        """Write `<slug>.pdf` (and `<slug>-booklet.pdf` when asked) into `out`."""
        collection, settings = edition.collection, edition.settings
        geo = geometry(settings)
        meta = print_document.metadata(collection)
        stylesheet = print_document.stylesheet(edition, geo)

        target = out / f"{collection.slug}.pdf"
        if parts.usable(edition, geo):
            print_pages = parts.build(edition, geo, meta, stylesheet, target)
        else:
            markup = print_document.html(edition, geo, meta)
            laid_out = lay_out(
                markup, stylesheet, collection, edition.fallback_fonts, settings.pdf.variant
            )
            pages = map_pages(laid_out, collection, with_readings=settings.pinyin)
            write(
                laid_out,
                target,
                pages.placements,
                geo,
                settings.pdf.variant,
                collection.identifier,
            )
            print_pages = pages.print_pages
        files = [target]

        if settings.pdf.booklet:
            booklet = out / f"{collection.slug}-booklet.pdf"
            impose(target, booklet, meta.title)
            log.warning(
                "%s is imposed for saddle-stitch printing and is for the press only: it has no "
                "accessibility tags or bookmarks; give readers %s",
                booklet.name,
                target.name,
            )
            files.append(booklet)
        return Output(tuple(files), tuple(print_pages))
