"""Long collections laid out on two cores: articles in two processes, one PDF out.

Builders step (PDF). WeasyPrint lays out a document in one thread, so a long collection (some
600 pages for 100 articles) keeps one core busy for half a minute. Here the articles are cut
into two runs of about equal length, each laid out and written by its own forked process,
while this process lays out the cover and contents; then the three PDFs become one:

1. each worker lays out its articles and reports how many pages it has;
2. this process numbers the pages: cover and contents first, then the runs in order; the
   contents are laid out with those numbers, and each worker rewrites the page numbers it
   printed (1, 2, ...) as the final ones before it paints and writes its PDF;
3. the PDFs are merged with pikepdf: pages, the tag trees (one Document element, the
   parent tree renumbered), bookmarks, and the named destinations the contents link to.

Page breaks inside an article never depend on its page numbers, so the result is the PDF a
single process would lay out, page for page. Used for single-sided editions of at least
`MIN_ARTICLES` articles on a machine with two cores or more (facing pages and right-hand
starts need each run to begin on a known side, so they stay in one process). Always two runs,
whatever the number of cores: the same sources give the same bytes on any machine.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
import tempfile
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ...errors import PublishError
from ...model import Article, Collection
from ...parallel import processes
from .. import Edition, PrintPage
from . import document as print_document
from .geometry import Geometry
from .layout import lay_out, write
from .textmap import map_pages

log = logging.getLogger("publish")

MIN_ARTICLES = 12
"""Fewer articles lay out in a few seconds: not worth a second process."""
RUNS = 2


def usable(edition: Edition, geo: Geometry) -> bool:
    """Whether this edition is laid out in two processes."""
    settings = edition.settings
    return (
        len(edition.collection.articles) >= MIN_ARTICLES
        and not geo.facing
        and not settings.pdf.recto_start
        and processes(RUNS) >= RUNS
    )


def split(articles: Sequence[Article], runs: int = RUNS) -> list[tuple[Article, ...]]:
    """The articles cut into `runs` consecutive runs of about equal text length."""
    from ...model import article_text

    sizes = [len(article_text(a)) + 200 for a in articles]
    total = sum(sizes)
    result: list[tuple[Article, ...]] = []
    start = 0
    for run in range(1, runs):
        goal = total * run / runs
        end, running = start, sum(sizes[:start])
        while end < len(articles) - (runs - run) and running + sizes[end] / 2 < goal:
            running += sizes[end]
            end += 1
        result.append(tuple(articles[start:end]))
        start = end
    result.append(tuple(articles[start:]))
    return [r for r in result if r]


@dataclass(frozen=True, slots=True)
class _Job:
    """What a worker lays out, and where it writes."""

    markup: str
    stylesheet: str
    collection: Collection
    fallback_fonts: tuple[Path, ...]
    geo: Geometry
    variant: str | None
    identifier: str
    pinyin: bool
    target: Path


def build(
    edition: Edition, geo: Geometry, meta: print_document.Metadata, stylesheet: str, target: Path
) -> list[PrintPage]:
    """Write the edition's PDF to `target` from two processes; its page starts."""
    import weasyprint  # noqa: F401 - imported once, before forking, for both workers

    collection = edition.collection
    runs = split(collection.articles)
    context = multiprocessing.get_context("fork")
    with tempfile.TemporaryDirectory(prefix="publish-pdf-", dir=target.parent) as folder:
        workers = []
        for index, articles in enumerate(runs):
            part = replace(collection, articles=articles)
            job = _Job(
                print_document.html(edition, geo, meta, articles=articles, front=False),
                stylesheet,
                part,
                tuple(edition.fallback_fonts),
                geo,
                edition.settings.pdf.variant,
                collection.identifier,
                edition.settings.pinyin,
                Path(folder) / f"run{index}.pdf",
            )
            ours, theirs = context.Pipe()
            process = context.Process(target=_work, args=(theirs, job), daemon=True)
            process.start()
            theirs.close()
            workers.append((process, ours, job))
        try:
            return _direct(edition, geo, meta, stylesheet, target, workers, Path(folder))
        finally:
            for process, connection, _ in workers:
                connection.close()
                process.join(timeout=5)
                if process.is_alive():  # pragma: no cover - only after an error
                    process.kill()


def _direct(
    edition: Edition,
    geo: Geometry,
    meta: print_document.Metadata,
    stylesheet: str,
    target: Path,
    workers: list[tuple[Any, Any, _Job]],
    folder: Path,
) -> list[PrintPage]:
    collection = edition.collection
    variant = edition.settings.pdf.variant
    # The cover and contents, laid out while the workers lay out the articles: numbers of the
    # same width as the final ones keep the contents' lines where they will be.
    guess = dict.fromkeys((a.slug for a in collection.articles), "9999")
    front_markup = print_document.html(edition, geo, meta, body=False, toc_pages=guess)
    front = lay_out(front_markup, stylesheet, collection, edition.fallback_fonts, variant)
    counts = [_receive(connection, "laid out") for _, connection, _ in workers]

    first_pages: dict[str, str] = {}
    for attempt in range(2):
        number = len(front.pages) + 1
        starts = []
        for run_counts in counts:
            starts.append(number)
            for slug, (offset, _length) in run_counts.items():
                first_pages[slug] = str(number + offset)
            number += sum(length for _, length in run_counts.values())
        markup = print_document.html(edition, geo, meta, body=False, toc_pages=first_pages)
        laid_out = lay_out(markup, stylesheet, collection, edition.fallback_fonts, variant)
        if len(laid_out.pages) == len(front.pages) or attempt:
            front = laid_out
            break
        front = laid_out  # the real numbers changed how many pages the contents take

    for (_, connection, _), start in zip(workers, starts, strict=True):
        connection.send(start)
    front_path = folder / "front.pdf"
    write(front, front_path, [[] for _ in front.pages], geo, variant, collection.identifier)
    print_pages: list[PrintPage] = []
    for _, connection, _ in workers:
        print_pages.extend(_receive(connection, "written"))
    _merge(front_path, [job.target for _, _, job in workers], target)
    return print_pages


def _receive(connection: Any, step: str) -> Any:
    try:
        kind, value = connection.recv()
    except EOFError:
        raise RuntimeError(f"a PDF worker stopped before it {step} its articles") from None
    if kind == "publish-error":
        raise PublishError(value)
    if kind == "error":
        raise RuntimeError(f"a PDF worker failed:\n{value}")
    return value


def _work(connection: Any, job: _Job) -> None:  # pragma: no cover - runs in a child process
    """A worker: lay out, report page counts, wait for the first number, write the PDF."""
    try:
        laid_out = lay_out(
            job.markup, job.stylesheet, job.collection, job.fallback_fonts, job.variant
        )
        starts = map_pages(laid_out, job.collection, with_readings=False).print_pages
        firsts = {p.article: int(p.label) - 1 for p in starts if p.offset == 0}
        order = [a.slug for a in job.collection.articles]
        counts = {}
        for index, slug in enumerate(order):
            end = firsts[order[index + 1]] if index + 1 < len(order) else len(laid_out.pages)
            counts[slug] = (firsts[slug], end - firsts[slug])
        connection.send(("counts", counts))
        start = connection.recv()
        renumber(laid_out, start)
        pages = map_pages(laid_out, job.collection, with_readings=job.pinyin)
        write(laid_out, job.target, pages.placements, job.geo, job.variant, job.identifier)
        connection.send(("pages", pages.print_pages))
    except PublishError as error:
        connection.send(("publish-error", str(error)))
    except BaseException:
        connection.send(("error", traceback.format_exc()))
    finally:
        connection.close()
        sys.stdout.flush()


def renumber(document: Any, first: int) -> None:
    """Print `first`, `first + 1`, ... where the pages of `document` print 1, 2, ...

    The page number is the text of a bottom margin box; it is replaced in the laid-out box
    and moved so that it stays centred (or right-aligned) where the stylesheet put it.
    """
    from weasyprint.formatting_structure import boxes
    from weasyprint.text.line_break import line_size

    for index, page in enumerate(document.pages):
        old, new = str(index + 1), str(first + index)
        for margin in page._page_box.children:
            if not (
                isinstance(margin, boxes.MarginBox) and margin.at_keyword.startswith("@bottom")
            ):
                continue
            for box in _text_boxes(margin):
                if box.text.strip() != old:
                    continue
                layout = box.pango_layout
                layout.text = box.text = new
                layout.reactivate(box.style)
                line, _ = layout.get_first_line()
                width, _ = line_size(line, box.style)
                layout.deactivate()
                shift = box.width - width
                if margin.at_keyword.endswith("center"):
                    shift /= 2
                elif margin.at_keyword.endswith("left"):
                    shift = 0
                box.position_x += shift
                box.width = width


def _text_boxes(box: Any) -> list[Any]:
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        return [box]
    return [found for child in getattr(box, "children", ()) for found in _text_boxes(child)]


# --------------------------------------------------------------------------- merging


def _merge(front: Path, runs: Sequence[Path], target: Path) -> None:
    """One PDF from the front matter and the runs: pages, tags, bookmarks, destinations."""
    import pikepdf

    with pikepdf.open(front) as merged:
        root = merged.Root
        tree = root.StructTreeRoot
        document = tree.K[0]
        nums = tree.ParentTree.Nums
        next_key = _next_key(nums)
        names = _names(merged)
        outline: list[Any] = []
        with merged.open_outline() as front_outline:
            outline.extend(_outline_items(merged, front_outline.root))
        for path in runs:
            with pikepdf.open(path) as run:
                first = len(merged.pages)
                merged.pages.extend(run.pages)
                pages = list(merged.pages)[first:]
                run_tree = run.Root.StructTreeRoot
                run_document = run_tree.K[0]
                # Detach the run's Document element from its tree root before copying, so
                # that copying its children does not drag the run's whole tree along.
                del run_document["/P"]
                kids = _copy(merged, run_document.K)
                for kid in kids:
                    kid.P = document
                    document.K.append(kid)
                run_nums = _copy(merged, run_tree.ParentTree.Nums)
                offset = next_key
                for i in range(0, len(run_nums), 2):
                    nums.append(int(run_nums[i]) + offset)
                    nums.append(run_nums[i + 1])
                next_key = max(next_key, _next_key(run_nums) + offset)
                for page in pages:
                    if "/StructParents" in page.obj:
                        page.obj.StructParents = int(page.obj.StructParents) + offset
                    for annotation in page.obj.get("/Annots", []):
                        if "/StructParent" in annotation:
                            annotation.StructParent = int(annotation.StructParent) + offset
                _unique_ids(merged, kids, f"r{first}-")
                names.update(_names_of(merged, run))
                with run.open_outline() as run_outline:
                    outline.extend(_outline_items(merged, run_outline.root, run))
        tree.ParentTreeNextKey = next_key
        if names:
            if "/Names" not in root:
                root.Names = pikepdf.Dictionary()
            flat = pikepdf.Array()
            for name in sorted(names):
                flat.append(pikepdf.String(name))
                flat.append(names[name])
            root.Names.Dests = merged.make_indirect(pikepdf.Dictionary(Names=flat))
        with merged.open_outline() as final_outline:
            final_outline.root.clear()
            final_outline.root.extend(outline)
        temporary = target.with_suffix(".part")
        merged.save(temporary, deterministic_id=True, min_version=merged.pdf_version)
    temporary.replace(target)


def _copy(target: Any, value: Any) -> Any:
    """`value` from another PDF, in `target`: indirect objects copied (once each: pages
    already copied are reused), direct arrays and dictionaries rebuilt around them."""
    import pikepdf

    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return target.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array(_copy(target, item) for item in value)
    if isinstance(value, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copy(target, item) for key, item in value.items()})
    return value


def _next_key(nums: Any) -> int:
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    return max(keys) + 1 if keys else 0


def _names(pdf: Any) -> dict[str, Any]:
    """The named destinations of the merged PDF itself (the front matter's)."""
    return _names_of(pdf, pdf)


def _names_of(target: Any, source: Any) -> dict[str, Any]:
    """`source`'s named destinations, copied into `target` (a flat /Names array, as
    WeasyPrint writes them)."""
    try:
        flat = source.Root.Names.Dests.Names
    except AttributeError:
        return {}
    result = {}
    for i in range(0, len(flat), 2):
        value = flat[i + 1] if target is source else _copy(target, flat[i + 1])
        result[str(flat[i])] = value
    return result


def _outline_items(target: Any, items: Any, source: Any = None) -> list[Any]:
    """Copies of outline items (with their children) whose destinations are in `target`."""
    import pikepdf

    copies = []
    for item in items:
        destination = item.destination
        if source is not None and destination is not None:
            destination = _copy(target, destination)
        copy = pikepdf.OutlineItem(item.title, destination)
        copy.children.extend(_outline_items(target, item.children, source))
        copies.append(copy)
    return copies


def _unique_ids(pdf: Any, elements: Any, prefix: str) -> None:
    """Table header IDs (and the cells' references to them) are only unique within one run."""
    import pikepdf

    seen: set[tuple[int, int]] = set()
    stack = list(elements)
    while stack:
        element = stack.pop()
        if not isinstance(element, pikepdf.Dictionary) or element.objgen in seen:
            continue
        if element.objgen != (0, 0):
            seen.add(element.objgen)
        if "/ID" in element:
            element.ID = pikepdf.String(prefix + str(element.ID))
        attributes = element.get("/A")
        if isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes:
            attributes.Headers = pikepdf.Array(
                pikepdf.String(prefix + str(h)) for h in attributes.Headers
            )
        kids = element.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack.extend(kids)
        elif isinstance(kids, pikepdf.Dictionary):
            stack.append(kids)
