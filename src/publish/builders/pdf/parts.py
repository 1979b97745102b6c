"""Long collections laid out in bounded parts, as plain tasks, then joined into one PDF.

Builders step (PDF). WeasyPrint lays out a document in one thread and holds all of it in
memory, so a year's archive in one piece takes minutes and gigabytes. Here the articles are
cut into consecutive parts of at most about `PART_CHARACTERS` characters (two at least; in a
long collection, where its content says, so that an edit moves no cut far from it: `split`),
and each part is a task of `publish.parallel` (processes forked from a fresh fork server, not
from this one, whose collection they would count in their size; or a Dask cluster's workers):

1. a task lays out its part from page 1, takes the page numbers off the pages
   (`layout.without_page_numbers`), writes the PDF, and returns it with how many pages each
   article took: nothing it does depends on the other parts (memory is bounded by the part,
   not by the book); it carries its HTML, stylesheet and the files they read (fonts,
   images), so a cluster's worker needs no shared folder;
2. meanwhile this process lays out the cover and contents with the widest page numbers, to
   know how many pages they take; the parts' first page numbers follow from the counts;
3. this process lays out the ten digits where the stylesheet puts a page number
   (`layout.only_digits`: ten pages that print nothing else), and the contents with the final
   numbers;
4. `merge` joins the PDFs, writing each part's objects as it reads them (pages, one tag
   tree, bookmarks, the named destinations the contents link to), and draws each page's
   number from the digits, as an artifact, where WeasyPrint sets it in one piece; it runs in
   a process of its own (`parallel.apart`), so that what qpdf reads is not added to what
   this process holds.

The text of a page never depends on its number (the number has a margin box of its own), so
the result is the PDF a single process would lay out, page for page. Used for single-sided
editions of at least `MIN_ARTICLES` articles with two processes or more (facing pages and
right-hand starts need each part to begin on a known side, so they stay in one process). The
parts depend on the text alone, not on the number of processes: the same sources give the
same bytes on any machine, forked or on a cluster. With a build cache (`cached`), a part laid
out by an earlier build is read, wherever it now starts.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache, partial
from io import BytesIO
from pathlib import Path
from typing import Any

from ...config import PdfSettings
from ...errors import PublishError
from ...files import MAX_IMAGE_BYTES, read_inside
from ...fonts.distinct import print_face_data
from ...fonts.faces import font_faces
from ...layouts import render
from ...model import Article, Collection, figures, visible_text
from ...parallel import apart, fork_server, processes, return_freed_memory, start
from .. import Edition, PrintPage
from ..resources import allowed_folders, is_allowed
from . import cached, front
from . import document as print_document
from .geometry import Geometry
from .layout import DIGITS, Digits, lay_out, only_digits, without_page_numbers, write
from .merge import Run, join
from .textmap import map_pages

MIN_ARTICLES = 12
"""Fewer articles lay out in a few seconds: not worth a second process."""
PART_CHARACTERS = 120_000
"""The most text in one part: some 1,000 large-print pages with pinyin, which WeasyPrint lays
out in about 300 MB (a 500-article part took 1.3 GB; docs/benchmarks.md, "Scale")."""


def usable(edition: Edition, geo: Geometry) -> bool:
    """Whether this edition is laid out in parts by several processes."""
    settings = edition.settings
    return (
        len(edition.collection.articles) >= MIN_ARTICLES
        and not geo.facing
        and not settings.pdf.recto_start
        and processes(2) >= 2
    )


def split(
    articles: Sequence[Article], part_characters: int = PART_CHARACTERS
) -> list[tuple[Article, ...]]:
    """The articles cut into consecutive parts of at most about `part_characters` each.

    A short collection (under twice `part_characters`) is cut into two parts of about equal
    text length, which keeps both processes busy. A longer one is cut where its content says
    (`_ends_part`), so that an edit moves no cut but those near it and a rebuild lays out
    the edited part again, not every part after it: cuts placed to balance lengths all move
    when one article grows."""
    sizes = [len(visible_text(a)) + 200 for a in articles]
    total = sum(sizes)
    if total < 2 * part_characters:
        return _halves(articles, sizes)
    result: list[tuple[Article, ...]] = []
    part: list[Article] = []
    held = 0
    for article, size in zip(articles, sizes, strict=True):
        if part and held + size > part_characters:
            result.append(tuple(part))
            part, held = [], 0
        part.append(article)
        held += size
        if held >= part_characters / 8 and _ends_part(article, size, part_characters / 2):
            result.append(tuple(part))
            part, held = [], 0
    if part:
        result.append(tuple(part))
    return result


def _ends_part(article: Article, size: int, mean: float) -> bool:
    """Whether a part ends after `article`: a draw from its slug (which an edit of its text
    does not change), with a chance of its share of `mean`, so parts hold `mean` characters
    on average (content-defined chunking)."""
    digest = hashlib.blake2b(article.slug.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64 < size / mean


def _halves(articles: Sequence[Article], sizes: Sequence[int]) -> list[tuple[Article, ...]]:
    """Two consecutive parts of about equal length (one when there is one article)."""
    half = sum(sizes) / 2
    end = running = 0
    while end < len(articles) - 1 and running + sizes[end] / 2 < half:
        running += sizes[end]
        end += 1
    return [part for part in (tuple(articles[:end]), tuple(articles[end:])) if part]


@dataclass(frozen=True, slots=True)
class _Layout:
    """What a task lays out: a document and everything it reads, plain data for any worker."""

    markup: str
    stylesheet: str
    collection: Collection
    """The collection, holding only the part's articles."""
    fallback_fonts: tuple[Path, ...]
    carried: dict[str, bytes]
    """The files the document reads (fonts, images), by URL."""
    geo: Geometry
    pdf: PdfSettings
    readings: bool
    """Whether pinyin readings are drawn."""


def build(
    edition: Edition,
    geo: Geometry,
    meta: print_document.Metadata,
    stylesheet: str,
    target: Path,
    count_laid_out: Callable[[int], None],
) -> list[PrintPage]:
    """Write the edition's PDF to `target` from several processes; its page starts.
    `count_laid_out` hears how many articles are laid out, as parts are."""
    import weasyprint  # noqa: F401 - this process lays out the contents meanwhile

    parts = split(edition.collection.articles, PART_CHARACTERS)
    with tempfile.TemporaryDirectory(prefix="publish-pdf-", dir=target.parent) as folder:
        # Each part's PDF goes to its file as it comes, not held until the join.
        pdfs = [Path(folder) / f"part{index:05d}.pdf" for index in range(len(parts))]
        plan = cached.plan_parts(edition, geo, meta, stylesheet, parts, pdfs)
        carried = _fonts(edition)
        # The longest first: a round of one task per worker (progress is reported between
        # rounds) then holds parts of about equal length, which finish together.
        missing = sorted(
            (index for index, found in enumerate(plan.found) if found is None),
            key=lambda index: -sum(len(visible_text(a)) for a in parts[index]),
        )
        done = sum(len(parts[index]) for index in plan.reused)
        count_laid_out(done)
        workers = processes(len(missing))
        rounds = [missing[first : first + workers] for first in range(0, len(missing), workers)]

        def tasks_of(indexes: Sequence[int]) -> list[_Layout]:
            return [_part(edition, geo, meta, stylesheet, parts[i], carried) for i in indexes]

        tasks = tasks_of(rounds[0]) if rounds else []
        # Forked from a fresh process, not this one: a worker forked here counts all this
        # process holds (the annotated collection, the contents) in its own size.
        with fork_server(("weasyprint",)) as fresh:
            for number, indexes in enumerate(rounds):
                pending = start(_lay_out_part, tasks, workers, fresh=fresh)
                if plan.front_pages is None:  # while the first parts are laid out
                    plan.front_pages = _front_pages(edition, geo, meta, stylesheet, plan)
                # The next round's print HTML is rendered while this round is laid out: rendered
                # between rounds, it kept every worker waiting (1,000 articles: some 4 s of
                # Jinja a part; docs/benchmarks.md, "Scale").
                tasks = tasks_of(rounds[number + 1]) if number + 1 < len(rounds) else []
                for index, (laid_out, pdf) in zip(indexes, pending(), strict=True):
                    pdfs[index].write_bytes(pdf)
                    plan.found[index] = laid_out
                    if plan.keys:
                        cached.save_part(plan.keys[index], laid_out, pdf)
                    done += len(parts[index])
                    count_laid_out(done)
        if plan.front_pages is None:
            plan.front_pages = _front_pages(edition, geo, meta, stylesheet, plan)
        found = [part for part in plan.found if part is not None]
        firsts = [plan.front_pages + 1]
        for part in found[:-1]:
            firsts.append(firsts[-1] + part.page_count)
        digits_once = cache(partial(_digits, edition, stylesheet))
        digits = digits_once() if any(part.numbered for part in found) else None
        places = {place for part in found for _, place in part.numbered}
        if places and (digits is None or places != {digits.place}):
            raise PublishError(
                "the layout puts the page numbers of a long collection in several places, "
                "which its parts cannot be numbered in: build with PUBLISH_PROCESSES=1"
            )
        front = Path(folder) / "front.pdf"
        _write_front(edition, geo, meta, stylesheet, plan, found, firsts, front, digits_once)
        runs = [
            Run(pdf, first, tuple(page for page, _ in part.numbered))
            for pdf, part, first in zip(pdfs, found, firsts, strict=True)
        ]
        # In a fresh process: the join reads the contents (every article's entry and link)
        # and each part with qpdf, some 300 MB at 10,000 articles, which on top of what this
        # process holds (the annotated collection) passed 1 GB (docs/benchmarks.md, "stop 45
        # join"). Its inputs and output are this machine's files, so it runs here even when
        # the parts were laid out on a cluster.
        with fork_server(("pikepdf",)) as fresh:
            apart(join, (front, runs, target, digits), fresh)
    return [
        replace(page, label=_shifted(page.label, first - 1))
        for part, first in zip(found, firsts, strict=True)
        for page in part.pages
    ]


def _shifted(label: str, by: int) -> str:
    return str(int(label) + by) if label.isdigit() else label


def _fonts(edition: Edition) -> dict[str, bytes]:
    """The font files the print stylesheet names, by URL, as `resources.url_fetcher` serves
    them (`fonts.distinct.print_face_data`)."""
    faces = font_faces(edition.settings, edition.fallback_fonts)
    return {face.path.as_uri(): print_face_data(face.path) for face in faces}


def _part(
    edition: Edition,
    geo: Geometry,
    meta: print_document.Metadata,
    stylesheet: str,
    articles: tuple[Article, ...],
    fonts: dict[str, bytes],
) -> _Layout:
    """The task of laying out `articles` as a part, with the fonts and images it reads."""
    collection = edition.collection
    folders = allowed_folders(collection)
    images = {}
    for figure in (f for article in articles for f in figures(article.blocks)):
        url = figure.image.as_uri()
        if is_allowed(url, folders) and figure.image.is_file():  # else refused as it is read
            images[url] = read_inside(figure.image, folders, MAX_IMAGE_BYTES, "image")
    return _Layout(
        print_document.html(edition, geo, meta, articles=articles, front=False),
        stylesheet,
        replace(collection, articles=articles),
        tuple(edition.fallback_fonts),
        {**fonts, **images},
        geo,
        edition.settings.pdf,
        edition.settings.pinyin,
    )


def _lay_out_part(task: _Layout) -> tuple[cached.LaidOutPart, bytes]:
    """A part laid out from page 1 and written without its page numbers, and its PDF."""
    laid_out = _laid_out(task)
    pages = map_pages(laid_out, task.collection, with_readings=task.readings)
    # Each article starts a page (print/style.css), the first page its text is found on: its
    # first text found may not be at offset 0 (a title that opens with a zero-width space).
    starts: dict[str, int] = {}
    for page in pages.print_pages:
        starts.setdefault(page.article, int(page.label) - 1)
    order = [a.slug for a in task.collection.articles]
    counts = {}
    for index, slug in enumerate(order):
        end = starts[order[index + 1]] if index + 1 < len(order) else len(laid_out.pages)
        counts[slug] = (starts[slug], end - starts[slug])
    numbered = without_page_numbers(laid_out)
    written = BytesIO()
    write(laid_out, written, pages.placements, task.geo, task.pdf, task.collection.identifier)
    part = cached.LaidOutPart(counts, tuple(pages.print_pages), numbered, len(laid_out.pages))
    return part, written.getvalue()


def _digits(edition: Edition, stylesheet: str) -> Digits | None:
    """The digits to draw the parts' page numbers with (`layout.only_digits`)."""
    markup = render(
        edition.layouts, "print/page-numbers.html", collection=edition.collection, pages=len(DIGITS)
    )
    empty = replace(edition.collection, articles=())
    laid_out = lay_out(markup, stylesheet, empty, edition.fallback_fonts, edition.settings.pdf)
    return only_digits(laid_out)


def _laid_out(task: _Layout) -> Any:
    return lay_out(
        task.markup,
        task.stylesheet,
        task.collection,
        task.fallback_fonts,
        task.pdf,
        task.carried,
    )


def _front_pages(
    edition: Edition,
    geo: Geometry,
    meta: print_document.Metadata,
    stylesheet: str,
    plan: cached.PartsPlan,
) -> int:
    """How many pages the cover and contents take (laid out with the widest numbers)."""
    pages = front.page_count(edition, geo, meta, stylesheet, plan.widest)
    if plan.document:
        cached.save_front_pages(cached.front_key(plan.document, plan.front_markup), pages)
    # The pieces' memory, which glibc would keep for this process.
    return_freed_memory()
    return pages


def _write_front(
    edition: Edition,
    geo: Geometry,
    meta: print_document.Metadata,
    stylesheet: str,
    plan: cached.PartsPlan,
    found: Sequence[cached.LaidOutPart],
    firsts: Sequence[int],
    target: Path,
    digits: Callable[[], Digits | None],
) -> None:
    """Write the cover and contents, with the final page numbers, to `target`."""
    first_pages = {
        slug: str(first + offset)
        for part, first in zip(found, firsts, strict=True)
        for slug, (offset, _length) in part.counts.items()
    }
    key = ""
    if plan.document:
        markup = print_document.html(
            edition, geo, meta, articles=(), body=False, toc_pages=first_pages
        )
        key = cached.front_key(plan.document, markup)
    data = cached.load_bytes("pdf-front", key) if key else None
    if data is not None:
        target.write_bytes(data)
        return
    pages = front.write_front(edition, geo, meta, stylesheet, first_pages, target, digits)
    if pages != plan.front_pages:
        raise PublishError(
            f"the contents took {pages} pages with their final numbers, "
            f"{plan.front_pages} with the widest: build with PUBLISH_PROCESSES=1"
        )
    if key:
        cached.save_bytes("pdf-front", key, target.read_bytes())
