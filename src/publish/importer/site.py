"""A saved site -> a collection: what `publish import SITE_DIR -o DIR` runs.

A site saved by a browser, `wget --mirror` or httrack holds list pages, article pages, their
printer-friendly twins and images, in GBK, GB2312 or UTF-8. The import, in order:

1. every page of the folder (`.html`, `.htm`, `.shtml`, `.asp`, `.php`, `.jsp` ..., also with
   wget's `@query` names, and pages saved as `.txt`) is read in parallel (`parallel.map_arguments`,
   in batches) by `importer.load_page`; each article is appended to a temporary file, and only
   a few facts come back (kind, title, date, category, a digest of its text), so memory stays
   bounded however large the site;
2. list, index, search and paging pages (`Page.listing`: many links, little text, no article
   body) are skipped, and their titles name their folders;
3. an article saved twice (the page and its 打印/print twin, or one URL under two names) is
   kept once: pages whose canonical link names the same file, or whose text is the same, are
   one article, and the copy whose name does not say print is kept;
4. the category is the breadcrumb's path; without one, the page's folders in the mirror, each
   named by its list page's title when the site has one (`zwgk/ldhd/` -> 政务公开/领导活动);
   the date, when the page gives none, is the one in its URL, flagged as guessed;
5. `since`, `until` and `category` select part of the archive;
6. the sources, images and `publish.yaml` (articles in date order) are written by `output`.

What happened to every page is in the `SiteReport`.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from ..errors import Problem, SourceError
from ..model import Article, Figure, iter_inlines, plain_text, walk_blocks
from ..parallel import map_arguments, processes
from . import Progress, load_page, source_names
from .output import Output, page_heading, site_name, write_manifest

T = TypeVar("T")

# Page names a saved site gives its pages (wget keeps `page.php?id=3` as `page.php@id=3`),
# and pages saved as text (a browser's "save as text"; not robots.txt).
_PAGE_NAME = re.compile(
    r"\.(?:s?html?|xhtml|asp|aspx|php|jsp|do|cgi)(?:[@?].*)?$|^(?!robots\.txt$).*\.txt$",
    re.IGNORECASE,
)
# A printer-friendly twin says so in its name.
_PRINT_NAME = re.compile(r"print|dayin|打印", re.IGNORECASE)
# Folders that only hold the date (TRS: /ldhd/201811/t20181116_5124.html) name no category.
_DATE_FOLDER = re.compile(r"^\d{4,8}$")


@dataclass(frozen=True, slots=True)
class Selection:
    """The part of an archive to import."""

    since: date | None = None
    """The first day (inclusive)."""
    until: date | None = None
    """The last day (inclusive)."""
    category: tuple[str, ...] = ()
    """A category path: articles in it or below it. It may start below the top (领导活动 for
    政务公开/领导活动)."""

    def __bool__(self) -> bool:
        return bool(self.since or self.until or self.category)

    def takes(self, when: datetime | None, category: tuple[str, ...]) -> bool:
        """Whether an article of this date and category is selected."""
        if (self.since or self.until) and when is None:
            return False
        if when is not None:
            day = when.date()
            if (self.since and day < self.since) or (self.until and day > self.until):
                return False
        size = len(self.category)
        return any(
            category[start : start + size] == self.category
            for start in range(max(1, len(category) - size + 1))
        )


@dataclass(frozen=True, slots=True)
class SiteReport:
    """What a site import did with each page."""

    site: Path
    """The saved site's folder."""
    seen: int
    """Pages found."""
    imported: tuple[Path, ...]
    """The pages imported as articles, in the collection's order."""
    sources: tuple[Path, ...]
    """The sources written, in the same order (empty when nothing was written)."""
    listings: tuple[Path, ...]
    """Pages skipped as list, index, search or paging pages."""
    duplicates: tuple[tuple[Path, Path], ...]
    """Pages skipped as another copy of an article: (page, the copy kept)."""
    unselected: tuple[Path, ...]
    """Articles outside `--since`/`--until`/`--category`."""
    failed: tuple[Problem, ...]
    """Pages that could not be imported (or written), with the reason."""
    warnings: tuple[str, ...]
    """What was left out of imported articles (images not in the mirror)."""
    title: str
    """The collection's title."""
    manifest: Path | None
    """The `publish.yaml` written (None when none was written)."""

    def data(self) -> dict[str, Any]:
        """The report as JSON-ready data (`publish import --json`)."""
        return {
            "site": str(self.site),
            "title": self.title,
            "pages": self.seen,
            "articles": len(self.imported),
            "list_pages": len(self.listings),
            "duplicates": len(self.duplicates),
            "unselected": len(self.unselected),
            "failed": len(self.failed),
            "imported": [
                {"page": str(page), "source": str(source) if source else None}
                for page, source in zip(
                    self.imported,
                    self.sources or [None] * len(self.imported),
                    strict=True,
                )
            ],
            "skipped_list_pages": [str(p) for p in self.listings],
            "skipped_duplicates": [{"page": str(p), "kept": str(k)} for p, k in self.duplicates],
            "skipped_unselected": [str(p) for p in self.unselected],
            "failures": [
                {"page": str(p.path) if p.path else None, "reason": p.message} for p in self.failed
            ],
            "warnings": list(self.warnings),
            "manifest": str(self.manifest) if self.manifest else None,
        }

    def summary(self) -> str:
        """One line for people."""
        return (
            f"{self.seen} pages: {len(self.imported)} articles imported, "
            f"{len(self.listings)} list pages and {len(self.duplicates)} duplicates skipped, "
            f"{len(self.unselected)} outside the selection, {len(self.failed)} failed"
        )


@dataclass(frozen=True, slots=True)
class _Record:
    """What the import keeps of one page while it reads the others."""

    path: Path
    kind: str
    """article, listing or failed."""
    head_title: str = ""
    problem: Problem | None = None
    staged: tuple[Path, int, int] | None = None
    """Where the pickled article is: (file, offset, length). Each process appends to a file
    of its own (creating a file per article cost 3 ms each on the development machine)."""
    date: datetime | None = None
    category: tuple[str, ...] = ()
    digest: str = ""
    """SHA-1 of the article's text (figures and spaces left out): twins have the same."""
    canonical: Path | None = None
    warnings: tuple[str, ...] = ()
    images: tuple[Path, ...] = ()
    """The image files of the article's figures."""


def site_pages(site: Path) -> list[Path]:
    """The saved pages of a site folder (resolved), sorted, hidden files and folders left out."""
    pages: list[Path] = []
    for folder, folders, files in os.walk(site):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        pages.extend(
            Path(folder, name)  # below `site`, which is resolved
            for name in sorted(files)
            if not name.startswith(".") and _PAGE_NAME.search(name)
        )
    return pages


def import_site(
    site: Path,
    out: Path | None,
    *,
    title: str = "",
    publisher: str = "",
    selection: Selection = Selection(),
    normalize_punctuation: bool = False,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> SiteReport:
    """Import every article page of the saved site at `site`; with `out`, write the sources,
    images and `publish.yaml` there (see the module docstring). Raises `SourceError` when
    `site` is not a folder of saved pages."""
    site = Path(site)
    if not site.is_dir():
        raise SourceError.at(site, "not a folder: give the folder the site was saved in")
    root = site.resolve()
    pages = site_pages(root)  # resolved, as `root` is
    if not pages:
        raise SourceError.at(
            site, "no saved web pages (.html, .htm, .shtml, .txt ...) in this folder"
        )
    with tempfile.TemporaryDirectory(prefix="publish-import-") as stage:
        read = partial(_survey, pages, root, Path(stage), normalize_punctuation)
        records = _in_batches(read, len(pages), "read pages", progress)
        return _finish(site, root, records, out, title, publisher, selection, overwrite, progress)


# Pages per call of `map_arguments`: progress is reported between batches (forking again costs
# a few milliseconds), and a batch of 500 keeps both processes busy.
_BATCH = 500


def _in_batches(
    function: Callable[[int], T], count: int, step: str, progress: Progress | None
) -> list[T]:
    """`[function(0), ..., function(count - 1)]` in parallel, batch by batch, with progress."""
    results: list[T] = []
    for start in range(0, count, _BATCH):
        if progress is not None:
            progress(step, start, count)
        size = min(_BATCH, count - start)
        batch = range(start, start + size)
        results.extend(map_arguments(function, batch, processes(size // 50 + 1)))
    return results


def _survey(
    pages: list[Path], root: Path, stage: Path, normalize_punctuation: bool, index: int
) -> _Record:
    """Read page `index`, stage its article, return what the import decides on."""
    path = pages[index]
    try:
        loaded = load_page(
            path, root=root, normalize_punctuation=normalize_punctuation, listings=True
        )
    except SourceError as error:
        if "no article text found" in error.problems[0].message:
            return _Record(path, "listing")  # a page of links or furniture, no article
        return _Record(path, "failed", problem=error.problems[0])
    if loaded.article is None:
        return _Record(path, "listing", loaded.head_title, canonical=loaded.canonical)
    article = loaded.article
    data = pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)
    file = stage / f"{os.getpid()}.pickles"
    with file.open("ab") as stream:
        offset = stream.tell()
        stream.write(data)
    staged = (file, offset, len(data))
    # The text without figures: a print twin often loses its images (other relative paths).
    text = re.sub(
        r"\s+",
        "",
        "".join(
            plain_text(runs)
            for runs in iter_inlines(b for b in article.blocks if not isinstance(b, Figure))
        ),
    )
    return _Record(
        path,
        "article",
        loaded.head_title,
        staged=staged,
        date=article.date,
        category=article.category,
        digest=hashlib.sha1(text.encode()).hexdigest(),
        canonical=loaded.canonical,
        warnings=loaded.warnings,
        images=tuple(b.image for b in walk_blocks(article.blocks) if isinstance(b, Figure)),
    )


@dataclass
class _Decisions:
    kept: list[_Record] = field(default_factory=list)
    duplicates: list[tuple[Path, Path]] = field(default_factory=list)
    unselected: list[Path] = field(default_factory=list)
    categories: dict[Path, tuple[str, ...]] = field(default_factory=dict)


def _finish(
    site: Path,
    root: Path,
    records: list[_Record],
    out: Path | None,
    title: str,
    publisher: str,
    selection: Selection,
    overwrite: bool,
    progress: Progress | None,
) -> SiteReport:
    name = site_name(r.head_title for r in records if r.head_title)
    folders = _folder_names(records, root)
    decided = _decide(records, root, folders, selection)
    kept = sorted(
        decided.kept,
        key=lambda r: (r.date is None, r.date or datetime.min.replace(tzinfo=UTC), str(r.path)),
    )
    failed = [r.problem for r in records if r.problem is not None]
    listings = tuple(r.path for r in records if r.kind == "listing")
    warnings = tuple(w for r in kept for w in r.warnings)
    collection_title = title or name or site.resolve().name
    sources: list[Path] = []
    imported: list[Path] = []
    manifest = None
    if out is None:
        imported = [r.path for r in kept]
    else:
        ordered = sorted(kept, key=lambda r: str(r.path))
        names = dict(
            zip((r.path for r in ordered), source_names(r.path for r in ordered), strict=True)
        )
        output = Output(out, names, overwrite)
        failed.extend(output.copy_images(dict.fromkeys(i for r in kept for i in r.images)))
        write = partial(_write, kept, decided.categories, output)
        languages: Counter[str] = Counter()
        for record, (written, language) in zip(
            kept, _in_batches(write, len(kept), "write sources", progress), strict=True
        ):
            if isinstance(written, Problem):
                failed.append(written)
                continue
            sources.append(written)
            imported.append(record.path)
            languages[language] += 1
        if sources:
            manifest = write_manifest(
                out,
                sources,
                title=collection_title,
                publisher=publisher or name,
                language=languages.most_common(1)[0][0],
                replace_existing=overwrite,
            )
    if progress is not None:
        progress("import", len(records), len(records))
    return SiteReport(
        site=site,
        seen=len(records),
        imported=tuple(imported),
        sources=tuple(sources),
        listings=listings,
        duplicates=tuple(decided.duplicates),
        unselected=tuple(decided.unselected),
        failed=tuple(failed),
        warnings=warnings,
        title=collection_title,
        manifest=manifest,
    )


def _write(
    kept: list[_Record], categories: dict[Path, tuple[str, ...]], output: Output, index: int
) -> tuple[Path | Problem, str]:
    """Write kept article `index`: its source (or why not) and its language."""
    record = kept[index]
    assert record.staged is not None
    file, offset, length = record.staged
    with file.open("rb") as stream:
        stream.seek(offset)
        article: Article = pickle.loads(stream.read(length))
    category = categories[record.path]
    if category != article.category:
        article = replace(article, category=category)
    return output.write(article, record.path), article.language


def _decide(
    records: list[_Record], root: Path, folders: dict[Path, str], selection: Selection
) -> _Decisions:
    """Which articles are kept: one copy of each (the one not named print), selected."""
    decided = _Decisions()
    by_key: dict[str, Path] = {}
    ordered = sorted(
        (r for r in records if r.kind == "article"),
        key=lambda r: (bool(_PRINT_NAME.search(r.path.name)), str(r.path)),
    )
    for record in ordered:
        keys = [f"text:{record.digest}"]
        if record.canonical is not None:
            keys.append(f"file:{record.canonical}")
        keys.append(f"file:{record.path}")
        first = next((by_key[k] for k in keys if k in by_key), None)
        if first is not None:
            decided.duplicates.append((record.path, first))
            continue
        for key in keys:
            by_key[key] = record.path
        category = record.category or _url_category(record.path, root, folders)
        if selection and not selection.takes(record.date, category):
            decided.unselected.append(record.path)
            continue
        decided.categories[record.path] = category
        decided.kept.append(record)
    return decided


def _folder_names(records: list[_Record], root: Path) -> dict[Path, str]:
    """Each folder that has a list page, named by that page's title (its first list page)."""
    site = site_name(r.head_title for r in records if r.head_title)
    names: dict[Path, str] = {}
    for record in records:
        if record.kind == "listing" and record.head_title:
            heading = page_heading(record.head_title)
            if heading and heading != site:
                names.setdefault(record.path.parent, heading)
    return names


def _url_category(page: Path, root: Path, folders: dict[Path, str]) -> tuple[str, ...]:
    """The category a page's folders in the mirror make (no host folder, no date folders)."""
    parts: list[str] = []
    folder = root
    for index, part in enumerate(page.parent.relative_to(root).parts):
        folder = folder / part
        if (index == 0 and "." in part) or _DATE_FOLDER.match(part):
            continue
        parts.append(folders.get(folder, part))
    return tuple(parts)
