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
from dataclasses import replace
from pathlib import Path

from ... import cache, parallel
from ...config import Settings
from ...model import Collection
from ...progress import report
from .. import Edition, Output, PrintPage, article_file, article_identifier
from . import cached, parts, press
from . import document as print_document
from .booklet import impose
from .geometry import Geometry, geometry
from .layout import lay_out, write
from .textmap import map_pages

__all__ = ["PdfBuilder"]

STEP = "生成 PDF"
"""The step's name in progress reports (articles laid out)."""
ARTICLES_STEP = "生成单篇 PDF"
"""The articles' own PDFs' step."""

log = logging.getLogger("publish")


class PdfBuilder:
    """Large-print PDF through WeasyPrint."""

    name = "pdf"

    def check(self, collection: Collection, settings: Settings) -> None:
        geometry(settings)  # the page size, margins and bleed fit together

    def kept(self, edition: Edition) -> frozenset[str]:
        """None: its parts hold many articles each, laid out together (`Builder.kept`)."""
        return frozenset()

    def build(self, edition: Edition, out: Path) -> Output:
        """Write `SLUG.pdf` into `out`, and when asked `SLUG-booklet.pdf` and
        `SLUG-articles/ARTICLE.pdf` (`per_article`)."""
        collection, settings = edition.collection, edition.settings
        geo = geometry(settings)
        target = out / f"{collection.slug}.pdf"
        report(STEP, 0, len(collection.articles))
        print_pages = _write_pdf(edition, geo, target)
        report(STEP, len(collection.articles), len(collection.articles))
        files = [target]

        if settings.pdf.booklet:
            booklet = out / f"{collection.slug}-booklet.pdf"
            impose(target, booklet, print_document.metadata(collection).title)
            log.warning(
                "%s is imposed for saddle-stitch printing and is for the press only: it has no "
                "accessibility tags or bookmarks; give readers %s",
                booklet.name,
                target.name,
            )
            files.append(booklet)
        if settings.pdf.per_article and len(collection.articles) > 1:
            files.extend(_write_article_pdfs(edition, geo, out))
        return Output(tuple(files), tuple(print_pages))


def _write_pdf(edition: Edition, geo: Geometry, target: Path) -> list[PrintPage]:
    """Write the edition's PDF to `target` (in parts, when long); its page starts."""
    collection, settings = edition.collection, edition.settings
    meta = print_document.metadata(collection)
    stylesheet = print_document.stylesheet(edition, geo)
    if parts.usable(edition, geo):
        total = len(collection.articles)
        print_pages = parts.build(
            edition, geo, meta, stylesheet, target, lambda done: report(STEP, done, total)
        )
    else:
        markup = print_document.html(edition, geo, meta)
        laid_out = lay_out(markup, stylesheet, collection, edition.fallback_fonts, settings.pdf)
        pages = map_pages(laid_out, collection, with_readings=settings.pinyin)
        write(laid_out, target, pages.placements, geo, settings.pdf, collection.identifier)
        print_pages = pages.print_pages
    if settings.pdf.variant in press.ARCHIVAL:
        press.settle_stream_ends(target)
    return print_pages


def _write_article_pdfs(edition: Edition, geo: Geometry, out: Path) -> list[Path]:
    """Each article as a PDF of its own, for print on demand: laid out alone, as
    `publish build ARTICLE.md` would (no cover or contents, pages from 1), with its own title
    and identifier; several at once on this machine's cores.

    The tasks read this machine's font and layout files, so they are forked here even when
    the build's other steps run on a Dask cluster."""
    collection = edition.collection
    tasks = [
        (
            replace(
                edition,
                collection=replace(
                    collection,
                    articles=(article,),
                    identifier=article_identifier(collection, article),
                ),
                print_pages=(),
            ),
            geo,
            article_file(out, collection, article, ".pdf"),
        )
        for article in collection.articles
    ]
    targets = [target for _, _, target in tasks]
    targets[0].parent.mkdir(parents=True, exist_ok=True)
    keys: dict[Path, str] = {}
    if cache.current() is not None:  # the articles laid out by an earlier build are read
        shared = cached.shared_key(tasks[0][0], geo, print_document.stylesheet(tasks[0][0], geo))
        for task in tasks:
            single = task[0]
            keys[task[2]] = key = cached.article_key(
                shared, single, print_document.metadata(single.collection)
            )
            data = cached.load_bytes("pdf-article", key)
            if data is not None:
                task[2].write_bytes(data)
        tasks = [task for task in tasks if not task[2].exists()]
    workers = parallel.local_processes(len(tasks))
    # In batches of a few articles a process, to report progress between them.
    batch = workers * 4
    read = len(targets) - len(tasks)
    with parallel.using(None):
        for first in range(0, len(tasks), batch):
            report(ARTICLES_STEP, read + first, len(targets))
            parallel.map_arguments(_write_article_pdf, tasks[first : first + batch], workers)
    report(ARTICLES_STEP, len(targets), len(targets))
    for _, _, target in tasks:
        if target in keys:
            cached.save_bytes("pdf-article", keys[target], target.read_bytes())
    return targets


def _write_article_pdf(task: tuple[Edition, Geometry, Path]) -> None:
    edition, geo, target = task
    _write_pdf(edition, geo, target)
