"""One EPUB: the articles rendered from layouts/epub/, with cover, title page, navigation.

Builders step (EPUB). `make_book` takes a finished model and returns every entry of the
container. ebooklib's `EpubBook` holds the manifest (items, media types, spine); the package
document, the navigation document and the NCX are layouts too (layouts/epub/package.opf,
nav.xhtml, toc.ncx), rendered from that manifest and typed values, because ebooklib's own
writer cannot put the language on `package`, lists every element with both epub:type and an id
in its page list, and stamps the current time into the book.

Inside the container: EPUB/package.opf, nav.xhtml and toc.ncx; EPUB/text/ the XHTML documents
(cover, title page, one per article); EPUB/css/, EPUB/images/ (named by content), EPUB/fonts/.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ...layouts import render
from ...model import (
    Article,
    Collection,
    Emphasis,
    Figure,
    Inline,
    Inlines,
    Link,
    Strong,
    map_inlines,
)
from .. import Edition
from .checks import figures, image_type
from .cover import render_cover
from .metadata import BookInfo, ruby_coverage
from .navigation import Landmark, Target, navigation
from .pages import Marker, mark_pages

if TYPE_CHECKING:
    from ...fonts import SubsetFace

log = logging.getLogger("publish")

PACKAGE_FOLDER = "EPUB"
CSS = "css/style.css"


@dataclass(frozen=True, slots=True)
class ManifestItem:
    """One manifest entry as the package template writes it."""

    id: str
    href: str
    """Relative to the package folder."""
    media_type: str
    properties: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SpineItem:
    """One spine entry."""

    id: str
    linear: bool = True


@dataclass(frozen=True, slots=True)
class Contents:
    """What one EPUB holds: its articles (pages marked) and how to name and describe it."""

    info: BookInfo
    collection: Collection
    """The collection the book is made of (one article of it for an article's own EPUB)."""
    articles: tuple[Article, ...]
    """The articles, print page markers already in their text."""
    leads: tuple[Inlines, ...]
    """For each article, the markers of pages that start with it (set before its title)."""
    markers: tuple[tuple[Marker, ...], ...]
    """The markers of each article, in document order (for the page list)."""
    cover: Path | None
    """The manifest's cover image; None to generate one from the title."""
    cover_lines: tuple[str, str, str]
    """Title, subtitle and foot line of a generated cover."""


def contents(
    info: BookInfo,
    collection: Collection,
    markers: dict[str, tuple[Marker, ...]],
    cover: Path | None,
    cover_lines: tuple[str, str, str],
) -> Contents:
    """The contents of a book of `collection`'s articles, print page markers and links set."""
    articles = collection.articles
    slugs = {article.slug for article in articles}
    sources = {article.source_path.resolve(): article.slug for article in articles}
    leads, marked = [], []
    for article in articles:
        lead, with_markers = mark_pages(article, markers.get(article.slug, ()))
        leads.append(lead)
        marked.append(_resolve_links(with_markers, slugs, sources))
    return Contents(
        info,
        collection,
        tuple(marked),
        tuple(leads),
        tuple(markers.get(a.slug, ()) for a in articles),
        cover,
        cover_lines,
    )


def make_book(edition: Edition, book: Contents) -> dict[str, bytes]:
    """Every entry of the EPUB container (path -> bytes), `mimetype` aside."""
    from ebooklib import epub

    env = edition.layouts
    info = book.info
    epub_book = epub.EpubBook()
    epub_book.FOLDER_NAME = PACKAGE_FOLDER

    def add(
        item_id: str, href: str, media_type: str, data: bytes, properties: tuple[str, ...] = ()
    ) -> None:
        item = epub.EpubItem(uid=item_id, file_name=href, media_type=media_type, content=data)
        item.properties = list(properties)
        epub_book.add_item(item)

    # Images: each file once, named by its content (two figures may share a file name).
    images: dict[Path, str] = {}
    for article in book.articles:
        for figure in figures(article.blocks):
            if figure.image not in images:
                data = figure.image.read_bytes()
                kind = image_type(data)
                assert kind is not None, "checked by check_collection"
                href = f"images/{hashlib.sha256(data).hexdigest()[:16]}{kind.suffix}"
                if href not in {i.file_name for i in epub_book.items}:
                    add(f"image-{len(images) + 1}", href, kind.media_type, data)
                images[figure.image] = href

    def image_url(figure: Figure) -> str:
        return f"../{images[figure.image]}"

    documents: list[tuple[str, str, str]] = []  # (id, href, markup), in reading order
    if book.cover is not None:
        data = book.cover.read_bytes()
        kind = image_type(data)
        assert kind is not None, "checked by check_collection"
        cover_href, cover_type = f"images/cover{kind.suffix}", kind.media_type
    else:
        data = render_cover(*book.cover_lines, _cover_font(edition))
        cover_href, cover_type = "images/cover.png", "image/png"
    add("cover-image", cover_href, cover_type, data, ("cover-image",))
    page = {"lang": info.language, "css": f"../{CSS}"}
    documents.append(
        (
            "cover",
            "text/cover.xhtml",
            render(env, "epub/cover.xhtml", book=info, cover=f"../{cover_href}", **page),
        )
    )
    documents.append(
        (
            "titlepage",
            "text/titlepage.xhtml",
            render(env, "epub/titlepage.xhtml", book=info, **page),
        )
    )
    starts: list[Target] = []
    for article, lead in zip(book.articles, book.leads, strict=True):
        href = f"text/{article.slug}.xhtml"
        starts.append(Target(article.title_text, href))
        markup = render(
            env,
            "epub/article.xhtml",
            article=article,
            lead=lead,
            image_url=image_url,
            lang=article.language,
            css=f"../{CSS}",
        )
        documents.append((f"article-{article.slug}", href, markup))

    pages = [
        [Target(m.run.label, f"text/{a.slug}.xhtml#{m.anchor}") for m in found]
        for a, found in zip(book.articles, book.markers, strict=True)
    ]
    landmarks = [
        Landmark("cover", "封面", "text/cover.xhtml"),
        Landmark("titlepage", "书名页", "text/titlepage.xhtml"),
        Landmark("toc", "目录", "nav.xhtml#toc"),
        Landmark("bodymatter", "正文", starts[0].href),
    ]
    nav = navigation(book.articles, starts, pages, landmarks)
    nav_markup = render(
        env, "epub/nav.xhtml", book=info, navigation=nav, lang=info.language, css=CSS
    )

    # The font subset needs every rendered document: it holds exactly the characters shown.
    faces = _embedded_fonts(edition, book, [m for _, _, m in documents] + [nav_markup])
    for number, face in enumerate(faces, start=1):
        add(f"font-{number}", f"fonts/{face.file_name}", face.media_type, face.data)
    css = render(
        env,
        "epub/style.css",
        faces=faces,
        font_stack=_font_stack(edition) if faces else "",
        pinyin=ruby_coverage(book.articles).annotated > 0,
    )
    add("css", CSS, "text/css", css.encode())

    add("nav", "nav.xhtml", "application/xhtml+xml", nav_markup.encode(), ("nav",))
    add(
        "ncx",
        "toc.ncx",
        "application/x-dtbncx+xml",
        render(env, "epub/toc.ncx", book=info, navigation=nav).encode(),
    )
    for item_id, href, markup in documents:
        add(item_id, href, "application/xhtml+xml", markup.encode())
    epub_book.spine = [
        ("cover", "yes"),
        ("titlepage", "yes"),
        ("nav", "yes"),
        *((item_id, "yes") for item_id, _, _ in documents[2:]),
    ]

    manifest = tuple(
        ManifestItem(item.id, item.file_name, item.media_type, tuple(item.properties))
        for item in epub_book.get_items()
    )
    spine = tuple(SpineItem(item_id, linear == "yes") for item_id, linear in epub_book.spine)
    package = render(env, "epub/package.opf", book=info, manifest=manifest, spine=spine)
    entries = {
        f"{PACKAGE_FOLDER}/{item.file_name}": item.get_content() for item in epub_book.get_items()
    }
    entries[f"{PACKAGE_FOLDER}/package.opf"] = package.encode()
    entries["META-INF/container.xml"] = render(
        env, "epub/container.xml", package=f"{PACKAGE_FOLDER}/package.opf"
    ).encode()
    return entries


# --------------------------------------------------------------------------- links

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _resolve_links(article: Article, slugs: set[str], sources: dict[Path, str]) -> Article:
    """Links between articles point at their documents; a link that would lead nowhere in this
    EPUB (an article it does not hold, an anchor it lacks) becomes its text, with a warning."""

    def resolve(href: str) -> str | None:
        if _SCHEME.match(href):
            return href  # an absolute URL: https:, mailto: ...
        path, _, fragment = href.partition("#")
        if path:
            slug = sources.get((article.source_path.parent / path).resolve())
        else:
            slug = fragment if fragment in slugs else None
        if slug is None:
            log.warning(
                "%s: the link to %s leads nowhere in the EPUB, so it is shown as text: "
                "link to an article of the collection as #its-slug",
                article.source_path,
                href,
            )
            return None
        return f"{slug}.xhtml"

    return map_inlines(article, lambda runs: _relink(runs, resolve))


def _relink(runs: Inlines, resolve: Callable[[str], str | None]) -> Inlines:
    out: list[Inline] = []
    for run in runs:
        match run:
            case Link(href=href, children=children):
                target = resolve(href)
                inner = _relink(children, resolve)
                if target is None:
                    out.extend(inner)
                else:
                    out.append(Link(target, inner))
            case Emphasis(children=children) | Strong(children=children):
                out.append(replace(run, children=_relink(children, resolve)))
            case _:
                out.append(run)
    return tuple(out)


# --------------------------------------------------------------------------- fonts


def _embedded_fonts(edition: Edition, book: Contents, documents: list[str]) -> list[SubsetFace]:
    """The font faces to embed, each cut to the characters the documents show (none when the
    settings say not to embed)."""
    if not edition.settings.epub.embed_font:
        return []
    from ... import fonts

    faces = fonts.font_faces(edition.settings, edition.fallback_fonts)
    used = fonts.used_text(book.collection, documents)
    # The faces' own OpenType/TrueType: every EPUB 3 reading system reads it (WOFF2 not all).
    return fonts.subset_faces(faces, used, "sfnt")


def _font_stack(edition: Edition) -> str:
    from ... import fonts

    return fonts.font_stack(edition.settings, edition.fallback_fonts)


def _cover_font(edition: Edition) -> Path:
    """The bundled family's bold face (regular when it has none): the cover's title."""
    from ... import fonts

    regular, bold = fonts.family_files(edition.settings.font)
    return bold if bold is not None and bold.is_file() else regular
