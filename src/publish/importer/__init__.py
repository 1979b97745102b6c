"""Saved web pages -> article sources: what `publish import` runs.

This sits before the sources step; its output is what the sources step reads:

    page bytes -> text (`encoding`) -> lines (`text` or `html`) -> images found in the saved
    folder (`mirror`, `images`) -> metadata, chrome removed (`byline`, `chrome`) -> blocks
    (`structure`) -> `model.Article`, links resolved (`mirror`) -> Markdown source, images and
    `publish.yaml` (`output`, `publish.sources.writer`)

A whole saved site goes through `site`, which reads its pages with `load_page` and skips list
pages and duplicates before writing.

File naming: each page becomes `<slug>.md` in the output folder, the slug made from the page's
file name as the loader makes slugs (`sources.fields.slug_for`: lower case, runs of other
characters as one hyphen, a Chinese name as its pinyin), cut to 60 characters at a hyphen. So
`000_0780969af5c71893.txt` becomes `000-0780969af5c71893.md`, pages keep the order of their
names (CMS page names usually grow with the date), and the loader's default slug is the file
name, so the front matter needs no `slug:`. Two pages of one batch with the same slug get `-2`,
`-3`, ... in the order given. An existing file is never replaced unless `overwrite` is set:
that page is reported as a problem and the others are still imported.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from ..characters import strip_refused, written_language
from ..errors import Problem, SourceError
from ..files import read_inside
from ..model import Article, Figure, Text, map_inlines, relink
from ..sources.fields import RESERVED_SLUGS, slug_for
from . import byline, chrome, structure
from .encoding import decode
from .inline import merged
from .mirror import locate
from .page import Line, Page, looks_like_html

__all__ = [
    "ImportResult",
    "Loaded",
    "import_pages",
    "load_page",
    "read_page",
    "source_name",
    "source_names",
]

log = logging.getLogger(__name__)

SLUG_LENGTH = 60
MAX_PAGE_BYTES = 16 * 1024 * 1024
"""The largest saved page: 16 MiB (a news page with its scripts inlined is under 1 MiB)."""
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What a batch import did."""

    articles: tuple[Article, ...]
    """The articles read, in the order of the pages given (failed pages left out)."""
    written: tuple[Path, ...]
    """The sources written, in the same order (empty when nothing was to be written)."""
    problems: tuple[Problem, ...]
    """One problem per page that could not be imported or written."""
    manifest: Path | None = None
    """The `publish.yaml` written (None when none was, or the folder already had one)."""


def source_name(page: Path) -> str:
    """The slug (and file stem) a page's source gets: its file name's, at most 60 characters."""
    slug = slug_for(page)
    if len(slug) > SLUG_LENGTH:
        slug = slug[:SLUG_LENGTH].rsplit("-", 1)[0] or slug[:SLUG_LENGTH]
    return slug


@dataclass(frozen=True, slots=True)
class Loaded:
    """A saved page read: its article, or the sign that it lists links, and what else the site
    import needs to know of it."""

    article: Article | None
    """The article (None for a list page, when list pages are asked for)."""
    listing: bool = False
    """The page lists links: a list, index, search or paging page."""
    canonical: Path | None = None
    """The mirror's file that the page's `<link rel="canonical">` names, if any."""
    head_title: str = ""
    """The page's `<title>`, site name and all."""
    warnings: tuple[str, ...] = ()
    """What was left out and why (images not in the mirror), one sentence each."""


def read_page(
    path: Path, *, slug: str | None = None, normalize_punctuation: bool = False
) -> Article:
    """Read one saved page (text or HTML, any Chinese encoding) as an article.

    Raises `SourceError` (one problem naming the file) for a missing, binary, empty or
    undecodable file and for a page in which no article text is found. Images the page shows
    are looked up next to it (`load_page` says which were left out; here they are logged).
    """
    loaded = load_page(path, slug=slug, normalize_punctuation=normalize_punctuation)
    for warning in loaded.warnings:
        log.warning("%s", warning)
    assert loaded.article is not None
    return loaded.article


def load_page(
    path: Path,
    *,
    root: Path | None = None,
    slug: str | None = None,
    normalize_punctuation: bool = False,
    listings: bool = False,
) -> Loaded:
    """Read one saved page of a mirror at `root` (the page's folder by default).

    Links into the mirror become `file:` URIs of the files they name (the importer turns them
    into links between the sources it writes); figures name the image files in the mirror. With
    `listings`, a list page is returned as such rather than failing for want of article text.
    The date, when the page gives none, is guessed from its URL (`date_guessed`).
    """
    path = Path(path).resolve()
    root = Path(root).resolve() if root is not None else path.parent
    if not path.exists():
        raise SourceError.at(path, "not found: check the path of the saved page")
    if path.is_dir():
        raise SourceError.at(
            path, "a folder, not a page: give the page files (for example folder/*.html)"
        )
    # Through the one gate (files.read_inside): a FIFO or /dev/zero is refused, not waited on
    # or read without end, and a page has a size limit.
    data = read_inside(path, None, MAX_PAGE_BYTES, "page")
    decoded = decode(data, path)
    # Stray control bytes (one after a share bar broke lxml) are no part of the article, and
    # the loader would refuse the source they ended up in.
    decoded = replace(decoded, text=strip_refused(decoded.text))
    if looks_like_html(decoded.text):
        from .html import read_html_page  # lxml is loaded only for HTML pages

        page = read_html_page(
            decoded.text, listings=listings, list_name=bool(_LIST_NAME.match(path.name))
        )
    else:
        from .text import read_text_page

        page = read_text_page(decoded.text)
    canonical = locate(page.canonical, path, root).file if page.canonical else None
    if listings and page.listing:
        return Loaded(None, True, canonical, page.head_title)
    warnings: list[str] = []
    page = replace(page, body=tuple(_figures(page.body, path, root, warnings)))
    article = _article(page, path, slug or source_name(path), decoded.encoding)
    article = map_inlines(
        article, lambda runs: merged(relink(runs, lambda href: _target(href, path, root)))
    )
    if article.date is None:
        guessed = url_date(path, root)
        if guessed is not None:
            article = replace(article, date=guessed, date_guessed=True)
    if normalize_punctuation:
        from ..punctuation import normalize_inlines

        article = map_inlines(article, normalize_inlines)
    return Loaded(article, False, canonical, page.head_title, tuple(warnings))


# How list pages are named: index.html, index_1.html, default.aspx, list-2.htm, search.php.
_LIST_NAME = re.compile(r"^(?:index|default|home|list|search)(?:[_-]?\d+)?\.", re.IGNORECASE)
# A date in a CMS's URL: t20181116_5124.html, /2018/11/16/, /201811/, art_2018-11-16.
_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})[-_/]?(?P<m>0[1-9]|1[0-2])[-_/]?(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
)


def url_date(path: Path, root: Path) -> datetime | None:
    """The date a page's path in the mirror holds (the last resort: flagged as guessed)."""
    try:
        where = path.relative_to(root).as_posix()
    except ValueError:
        where = path.name
    for match in reversed(list(_URL_DATE.finditer(where))):
        try:
            return datetime(int(match["y"]), int(match["m"]), int(match["d"]), tzinfo=byline.CHINA)
        except ValueError:
            continue
    return None


def _target(href: str, page: Path, root: Path) -> str | None:
    """A link's target: an absolute URL as written, a file of the mirror as a `file:` URI
    (made relative when the sources are written), None for what leads nowhere."""
    target = locate(href, page, root)
    if target.file is not None:
        return target.file.as_uri()
    return target.url or None


def _figures(lines: Sequence[Line], page: Path, root: Path, warnings: list[str]) -> list[Line]:
    """The body's lines with each image found in the mirror as a figure; images that are not
    there, or not images an edition can hold, are left out, each with a warning (nothing is
    downloaded)."""
    from ..builders.epub.checks import image_type  # the image types an edition can hold
    from .images import HEAD_BYTES, is_tiny

    out: list[Line] = []
    for line in lines:
        if line.image is None:
            out.append(line)
            continue
        image = line.image
        found = locate(image.src, page, root).file
        if found is None:
            warnings.append(
                f"{page}: image {image.src} is not in the saved site (nothing is downloaded): "
                "left out"
            )
            continue
        try:
            with found.open("rb") as stream:
                head = stream.read(HEAD_BYTES)
        except OSError as error:
            warnings.append(
                f"{page}: image {image.src} cannot be read ({error.strerror}): left out"
            )
            continue
        if image_type(head) is None:
            warnings.append(
                f"{page}: image {image.src} is not a PNG, JPEG, GIF or WebP image (an error "
                "page the site saved in its place?): left out"
            )
            continue
        if is_tiny(head):
            continue  # a spacer, a bullet or an icon
        alt = image.alt or image.caption or "图片"
        caption = (Text(image.caption),) if image.caption else ()
        out.append(Line("", figure=Figure(found, alt, caption)))
    return out


def import_pages(
    pages: Sequence[Path],
    out: Path | None = None,
    *,
    normalize_punctuation: bool = False,
    overwrite: bool = False,
    progress: Progress | None = None,
    title: str = "",
    publisher: str = "",
) -> ImportResult:
    """Import each page; with `out`, write one source per page there (see the module docstring)
    and a `publish.yaml` listing them, unless `out` has one (`output.write_manifest`).

    A page that fails is reported in `problems` and the others still go ahead; nothing is ever
    half-written (`writer.write_article` writes a temporary file and renames it).
    """
    from .output import Output, site_name, write_manifest

    pages = list(dict.fromkeys(Path(p) for p in pages))
    names = source_names(pages)
    output = (
        Output(out, {p.resolve(): n for p, n in zip(pages, names, strict=True)}, overwrite)
        if out is not None
        else None
    )
    articles: list[Article] = []
    written: list[Path] = []
    problems: list[Problem] = []
    titles: list[str] = []
    for done, (page, name) in enumerate(zip(pages, names, strict=True)):
        if progress is not None:
            progress(f"import {page.name}", done, len(pages))
        try:
            loaded = load_page(page, slug=name, normalize_punctuation=normalize_punctuation)
        except SourceError as error:
            problems.extend(error.problems)
            continue
        for warning in loaded.warnings:
            log.warning("%s", warning)
        article = loaded.article
        assert article is not None
        titles.append(loaded.head_title)
        if output is not None:
            target = output.write(article, page.resolve())
            if isinstance(target, Problem):
                problems.append(replace(target, path=page))
                continue
            article = replace(article, source_path=target.resolve())
            written.append(target)
        articles.append(article)
    manifest = None
    if out is not None and written:
        languages = [a.language for a in articles]
        manifest = write_manifest(
            out,
            written,
            title=title or site_name(titles) or _fallback_title(articles, out),
            publisher=publisher or site_name(titles),
            language=max(set(languages), key=languages.count),
        )
    if progress is not None:
        progress("import", len(pages), len(pages))
    return ImportResult(tuple(articles), tuple(written), tuple(problems), manifest)


def _fallback_title(articles: list[Article], out: Path) -> str:
    """A collection title when the pages name no site: the article's own title for one page,
    else the folder's name."""
    return articles[0].title_text if len(articles) == 1 else out.resolve().name


def source_names(pages: Iterable[Path]) -> list[str]:
    """The names (slugs and file stems) of the pages' sources, in order: each its file name's
    (`source_name`), `-page` added to a name the outputs keep for their own files (a site's
    `index.html` must not become `index.md`, which no build would take), and numbered when
    two pages share one."""
    taken: set[str] = set()
    names = []
    for page in pages:
        base = source_name(page)
        if base in RESERVED_SLUGS:
            base = f"{base}-page"
        name, count = base, 1
        while name in taken:
            count += 1
            name = f"{base}-{count}"
        taken.add(name)
        names.append(name)
    return names


def _article(page: Page, path: Path, slug: str, encoding: str) -> Article:
    """An article from a page's lines: body cut and cleaned, metadata read, structure found."""
    title = page.title
    subtitle = page.subtitle
    head = list(page.head)
    body: list[Line] = []
    for line in page.body:
        if line.table is None:
            if chrome.ends_article(line.text):
                break
            if chrome.is_chrome(line.text):
                continue
            if byline.breadcrumb(line.text) is not None:
                head.append(line.text)
                continue
        body.append(line)
    body = _trim_top(body, head, title, subtitle)
    if body and not subtitle and body[0].text.startswith("——") and len(body[0].text) <= 40:
        subtitle = body.pop(0).text.lstrip("—").strip()
    trailing: list[str] = []
    while body and body[-1].table is None and byline.is_credit(body[-1].text):
        trailing.insert(0, body.pop().text)
    blocks = structure.blocks(body)
    if not blocks:
        raise SourceError.at(
            path,
            "no article text found: the page has no body paragraphs "
            "(is it an index or navigation page?)",
        )
    if not title:
        raise SourceError.at(path, "no title found: the page has no title line or <title>")
    meta = dict(page.meta)
    found = byline.read([chrome.strip_controls(t) for t in (*head, *trailing)], meta, title)
    return Article(
        slug=slug,
        title=(Text(title),),
        subtitle=(Text(subtitle),) if subtitle else (),
        blocks=blocks,
        source_path=path,
        date=found.date,
        source=found.source,
        authors=found.authors,
        category=found.category,
        language=_language(
            meta.get("html:lang", ""), encoding, title + "".join(line.text for line in body)
        ),
    )


def _trim_top(body: list[Line], head: list[str], title: str, subtitle: str) -> list[Line]:
    """Drop a repeated title and move a metadata line from the top of the body to the head
    (HTML bodies often start with the title and the 发布时间 line)."""
    for index, line in enumerate(body[:8]):
        if (
            line.table is None
            and byline.is_metadata(chrome.strip_controls(line.text))
            and (len(line.text) <= 160)
        ):
            # (A table's or figure's line has no text: it repeats no title.)
            if any(o.text and o.text in (title, subtitle) for o in body[:index]) or index == 0:
                head.extend(other.text for other in body[: index + 1])
                return body[index + 1 :]
            break
    while body and body[0].table is None and body[0].text in {title, subtitle}:
        body = body[1:]
    return body


def _language(declared: str, encoding: str, text: str) -> str:
    """zh-Hant or zh-Hans: a zh-* `lang` declaration if the page has one, else the script.

    Only zh-* declarations are believed (Chinese CMS templates often say lang="en"); without
    one, Big5 pages are zh-Hant, and other pages are what their text is written in
    (`characters.written_language`).
    """
    tag = declared.lower()
    if tag.startswith("zh"):
        return "zh-Hant" if any(r in tag for r in ("tw", "hk", "mo", "hant")) else "zh-Hans"
    if encoding == "Big5":
        return "zh-Hant"
    return written_language(text)
