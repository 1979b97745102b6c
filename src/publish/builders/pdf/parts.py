"""Long collections laid out in bounded parts on every core, then joined into one PDF.

Builders step (PDF). WeasyPrint lays out a document in one thread and holds all of it in
memory, so a year's archive in one piece takes minutes and gigabytes. Here the articles are
cut into consecutive parts of at most about `PART_CHARACTERS` characters (two at least), laid
out and written one part at a time by forked worker processes, while this process lays out
the cover and contents; then the PDFs become one:

1. a worker lays out its next part and reports how many pages each of its articles has;
2. this process numbers the pages in part order: cover and contents first, then the parts;
   as soon as every earlier part has reported, it sends the part its first number, and the
   worker rewrites the page numbers it printed (1, 2, ...) as the final ones, paints and
   writes the part's PDF, and forgets its layout before the next part (memory is bounded by
   the part, not by the book);
3. the contents are laid out with the final numbers, and the PDFs are merged with pikepdf:
   pages, the tag trees (one Document element, the parent tree renumbered), bookmarks, and
   the named destinations the contents link to.

Page breaks inside an article never depend on its page numbers, so the result is the PDF a
single process would lay out, page for page. Used for single-sided editions of at least
`MIN_ARTICLES` articles on a machine with two cores or more (facing pages and right-hand
starts need each part to begin on a known side, so they stay in one process). The parts
depend on the text alone, not on the number of cores: the same sources give the same bytes
on any machine.

The workers are forked here, not through `publish.parallel`: a part's layout must stay in its
worker while this process waits for the earlier parts' page counts, a conversation that a map
over arguments cannot hold. The page numbers are rewritten in the laid-out boxes
(`layout.renumber`) and the PDFs joined by `merge`.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ...errors import PublishError
from ...model import Article, visible_text
from ...parallel import local_processes, map_arguments, using
from .. import Edition, PrintPage
from . import cached
from . import document as print_document
from .geometry import Geometry
from .layout import lay_out, renumber, write
from .merge import join, join_in_new_process
from .textmap import map_pages

log = logging.getLogger("publish")

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
        and local_processes(2) >= 2
    )


def split(
    articles: Sequence[Article], part_characters: int = PART_CHARACTERS
) -> list[tuple[Article, ...]]:
    """The articles cut into consecutive parts of about equal text length, two at least and
    as many as keep each under `part_characters`."""
    sizes = [len(visible_text(a)) + 200 for a in articles]
    total = sum(sizes)
    parts = min(len(articles), max(2, math.ceil(total / part_characters)))
    result: list[tuple[Article, ...]] = []
    start = running = 0
    for part in range(1, parts):
        goal = total * part / parts
        end = start
        while end < len(articles) - (parts - part) and running + sizes[end] / 2 < goal:
            running += sizes[end]
            end += 1
        result.append(tuple(articles[start:end]))
        start = end
    result.append(tuple(articles[start:]))
    return [r for r in result if r]


@dataclass(frozen=True, slots=True)
class _Worker:
    """The parts one worker lays out, in order, and where it writes them."""

    edition: Edition
    geo: Geometry
    meta: print_document.Metadata
    stylesheet: str
    parts: tuple[tuple[Article, ...], ...]
    targets: tuple[Path, ...]


def build(
    edition: Edition,
    geo: Geometry,
    meta: print_document.Metadata,
    stylesheet: str,
    target: Path,
    count_laid_out: Callable[[int], None],
) -> list[PrintPage]:
    """Write the edition's PDF to `target` from several processes; its page starts.
    `count_laid_out` hears how many articles are laid out, as parts are.

    With a build cache (`cached`), parts laid out by an earlier build are read instead: a
    part whose articles and first page number are unchanged costs nothing, and one whose
    articles are unchanged still tells how many pages it takes, so the parts after it are
    numbered without waiting."""
    import weasyprint  # noqa: F401 - imported once, before forking, for every worker

    parts = split(edition.collection.articles, PART_CHARACTERS)
    plan = cached.plan_parts(edition, geo, meta, stylesheet, parts)
    # Parts whose page counts are not known yet are laid out in a conversation (numbered as
    # soon as the parts before them have counted their pages); the others are read from the
    # cache, or laid out afterwards with their numbers known (`_lay_out_numbered`).
    needed = [index for index, counts in enumerate(plan.counts) if counts is None]
    count = local_processes(len(needed)) if needed else 0
    context = multiprocessing.get_context("fork")
    with tempfile.TemporaryDirectory(prefix="publish-pdf-", dir=target.parent) as folder:
        paths = [Path(folder) / f"part{index:05d}.pdf" for index in range(len(parts))]
        workers = []
        for first in range(count):
            mine = needed[first::count]
            job = _Worker(
                edition,
                geo,
                meta,
                stylesheet,
                tuple(parts[index] for index in mine),
                tuple(paths[index] for index in mine),
            )
            ours, theirs = context.Pipe()
            process = context.Process(target=_work, args=(theirs, job), daemon=True)
            process.start()
            theirs.close()
            workers.append((process, ours))
        try:
            connections = {
                index: workers[position % count][1] for position, index in enumerate(needed)
            }
            print_pages = _direct(
                edition, stylesheet, plan, parts, paths, connections, count_laid_out
            )
            _lay_out_shifted(edition, geo, meta, stylesheet, plan, parts, paths, print_pages)
            _join(edition, geo, meta, stylesheet, plan, print_pages, paths, target)
        finally:
            for process, connection in workers:
                connection.close()
                process.join(timeout=5)
                if process.is_alive():  # only after an error
                    process.kill()
                    process.join()
    return [page for part in print_pages for page in part]


def _direct(
    edition: Edition,
    stylesheet: str,
    plan: cached.PartsPlan,
    parts: Sequence[tuple[Article, ...]],
    paths: Sequence[Path],
    connections: dict[int, Any],
    count_laid_out: Callable[[int], None],
) -> list[list[PrintPage]]:
    """Number the parts in order, sending each worker its part's first number as soon as the
    parts before it have counted their pages; the page starts of every part."""
    collection = edition.collection
    if plan.front_pages is None:  # laid out while the workers lay out the articles
        front = lay_out(
            plan.front_markup,
            stylesheet,
            collection,
            edition.fallback_fonts,
            edition.settings.pdf,
        )
        plan.front_pages = len(front.pages)
        if plan.document:
            key = cached.front_key(plan.document, plan.front_markup)
            cached.save_front_pages(key, plan.front_pages)
        del front
    print_pages: list[list[PrintPage]] = [[] for _ in parts]
    waiting: dict[int, list[int]] = {id(c): [] for c in connections.values()}  # written, unread
    articles_done = 0
    number = plan.front_pages + 1
    for index in range(len(parts)):
        counts = plan.counts[index]
        if index not in connections:
            assert counts is not None, "a part has a worker unless its page counts are known"
            plan.first_pages[index] = number
            found = cached.load_part(plan.keys[index], number)
            if found is None:
                plan.shifted.append(index)
            else:
                paths[index].write_bytes(found[0])
                print_pages[index] = found[1]
                plan.reused.add(index)
        else:
            connection = connections[index]
            counts = _receive_counts(connection, waiting[id(connection)], print_pages)
            connection.send(number)
            waiting[id(connection)].append(index)
            plan.counts[index] = counts
            plan.first_pages[index] = number
        articles_done += len(counts)
        count_laid_out(articles_done)
        number += sum(length for _, length in counts.values())
    for connection in dict.fromkeys(connections.values()):
        for index in waiting[id(connection)]:
            print_pages[index] = _receive(connection, "written")
    return print_pages


def _join(
    edition: Edition,
    geo: Geometry,
    meta: print_document.Metadata,
    stylesheet: str,
    plan: cached.PartsPlan,
    print_pages: Sequence[list[PrintPage]],
    paths: Sequence[Path],
    target: Path,
) -> None:
    """Lay out the front matter with the final numbers, keep what was laid out, and join."""
    collection = edition.collection
    pdf = edition.settings.pdf
    first_pages = {
        slug: str(plan.first_pages[index] + offset)
        for index, counts in enumerate(plan.counts)
        if counts is not None
        for slug, (offset, _length) in counts.items()
    }
    markup = print_document.html(edition, geo, meta, body=False, toc_pages=first_pages)
    front_path = paths[0].with_name("front.pdf")
    key = cached.front_key(plan.document, markup) if plan.document else ""
    data = cached.load_bytes("pdf-front", key) if key else None
    if data is not None:
        front_path.write_bytes(data)
    else:
        laid_out = lay_out(markup, stylesheet, collection, edition.fallback_fonts, pdf)
        if len(laid_out.pages) != plan.front_pages:
            raise PublishError(
                f"the contents took {len(laid_out.pages)} pages with their final numbers, "
                f"{plan.front_pages} with the widest: build with PUBLISH_PROCESSES=1"
            )
        write(laid_out, front_path, [[] for _ in laid_out.pages], geo, pdf, collection.identifier)
        if key:
            cached.save_bytes("pdf-front", key, front_path.read_bytes())
    if plan.document:
        for index, counts in enumerate(plan.counts):
            if index not in plan.reused and counts is not None:
                first = plan.first_pages[index]
                data = paths[index].read_bytes()
                cached.save_part(plan.keys[index], counts, first, data, print_pages[index])
    if len(paths) > 2:
        join_in_new_process(front_path, paths, target)
    else:  # a fresh process takes half a second to start: not worth it for a short book
        join(front_path, paths, target)


def _lay_out_shifted(
    edition: Edition,
    geo: Geometry,
    meta: print_document.Metadata,
    stylesheet: str,
    plan: cached.PartsPlan,
    parts: Sequence[tuple[Article, ...]],
    paths: Sequence[Path],
    print_pages: list[list[PrintPage]],
) -> None:
    """Lay out the parts the cache knew the page counts of but not at their new numbers (an
    edit before them moved their pages): their numbers are known, so they are plain tasks."""
    tasks = [
        _Numbered(edition, geo, meta, stylesheet, parts[i], paths[i], plan.first_pages[i])
        for i in plan.shifted
    ]
    with using(None):  # the tasks read this machine's fonts and layouts
        found = map_arguments(_lay_out_numbered, tasks, local_processes(len(tasks)))
    for index, pages in zip(plan.shifted, found, strict=True):
        print_pages[index] = pages


@dataclass(frozen=True, slots=True)
class _Numbered:
    """A part to lay out and write from a known first page number."""

    edition: Edition
    geo: Geometry
    meta: print_document.Metadata
    stylesheet: str
    articles: tuple[Article, ...]
    target: Path
    first_page: int


def _lay_out_numbered(task: _Numbered) -> list[PrintPage]:
    laid_out, _ = _lay_out_part(task.edition, task.geo, task.meta, task.stylesheet, task.articles)
    return _write_part(
        task.edition, task.geo, task.articles, laid_out, task.first_page, task.target
    )


def _lay_out_part(
    edition: Edition,
    geo: Geometry,
    meta: print_document.Metadata,
    stylesheet: str,
    articles: tuple[Article, ...],
) -> tuple[Any, cached.Counts]:
    """A part laid out (pages numbered from 1), and its articles' page counts."""
    part = replace(edition.collection, articles=articles)
    markup = print_document.html(edition, geo, meta, articles=articles, front=False)
    pdf = edition.settings.pdf
    laid_out = lay_out(markup, stylesheet, part, edition.fallback_fonts, pdf)
    starts = map_pages(laid_out, part, with_readings=False).print_pages
    firsts = {p.article: int(p.label) - 1 for p in starts if p.offset == 0}
    order = [a.slug for a in articles]
    counts = {}
    for index, slug in enumerate(order):
        end = firsts[order[index + 1]] if index + 1 < len(order) else len(laid_out.pages)
        counts[slug] = (firsts[slug], end - firsts[slug])
    return laid_out, counts


def _write_part(
    edition: Edition,
    geo: Geometry,
    articles: tuple[Article, ...],
    laid_out: Any,
    first_page: int,
    target: Path,
) -> list[PrintPage]:
    """Number a laid-out part from `first_page` and write its PDF; its page starts."""
    part = replace(edition.collection, articles=articles)
    renumber(laid_out, first_page)
    pages = map_pages(laid_out, part, with_readings=edition.settings.pinyin)
    pdf = edition.settings.pdf
    write(laid_out, target, pages.placements, geo, pdf, part.identifier)
    return pages.print_pages


def _receive_counts(
    connection: Any, written: list[int], print_pages: list[list[PrintPage]]
) -> dict[str, tuple[int, int]]:
    """The next part's page counts from a worker; the pages of the parts it wrote meanwhile
    are stored on the way (`written` lists them, oldest first)."""
    while True:
        kind, value = _received(connection, "laid out")
        if kind == "counts":
            return value  # type: ignore[no-any-return]
        print_pages[written.pop(0)] = value


def _receive(connection: Any, step: str) -> Any:
    return _received(connection, step)[1]


def _received(connection: Any, step: str) -> tuple[str, Any]:
    try:
        kind, value = connection.recv()
    except EOFError:
        raise RuntimeError(f"a PDF worker stopped before it {step} its articles") from None
    if kind == "publish-error":
        raise PublishError(value)
    if kind == "error":
        raise RuntimeError(f"a PDF worker failed:\n{value}")
    return kind, value


def _work(connection: Any, job: _Worker) -> None:  # pragma: no cover - runs in a child process
    """A worker: for each of its parts, lay out, report the page counts, wait for the first
    number, write the part's PDF, report its page starts."""
    edition = job.edition
    try:
        for articles, target in zip(job.parts, job.targets, strict=True):
            laid_out, counts = _lay_out_part(edition, job.geo, job.meta, job.stylesheet, articles)
            connection.send(("counts", counts))
            first_page = connection.recv()
            pages = _write_part(edition, job.geo, articles, laid_out, first_page, target)
            connection.send(("pages", pages))
            del laid_out
    except PublishError as error:
        connection.send(("publish-error", str(error)))
    except BaseException:
        connection.send(("error", traceback.format_exc()))
    finally:
        connection.close()
        sys.stdout.flush()
