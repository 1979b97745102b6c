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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from ... import cache, parallel
from ...fonts.embed import embed
from ...fonts.used import UsedText, markup_text
from ...images import embedded
from ...layouts import render, ruby_renderer
from ...model import (
    Article,
    Collection,
    Figure,
    Inlines,
    Ruby,
    figures,
    map_inlines,
    relink,
)
from .. import Edition
from ..kept import edition_key, keep_document, kept_document
from ..links import SCHEME
from .archive import Spool
from .checks import image_type
from .cover import render_cover
from .navigation import Landmark, Navigation, Target, navigation
from .package_metadata import BookInfo
from .pages import Marker, mark_pages

if TYPE_CHECKING:
    from ...fonts.faces import FontFace

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


@dataclass(frozen=True, slots=True)
class Document:
    """One rendered XHTML document of the spine."""

    id: str
    href: str
    markup: str
    """The XHTML; empty for an article's, which goes into the spool as it is rendered."""


def make_book(edition: Edition, book: Contents, spool: Spool) -> None:
    """Every entry of the EPUB container (path -> bytes), `mimetype` aside, into `spool`.

    Each article's document goes into the spool as it is rendered, and only what it shows
    (for the fonts) is kept: the book's size bounds no memory but the model's."""
    from ebooklib import epub

    env, info = edition.layouts, book.info
    manifest = epub.EpubBook()
    manifest.FOLDER_NAME = PACKAGE_FOLDER

    def add(
        item_id: str,
        href: str,
        media_type: str,
        data: bytes | None,
        properties: tuple[str, ...] = (),
    ) -> None:
        """Add an item to the manifest, and its bytes to the spool (None: already there)."""
        if data is not None:
            spool.add(f"{PACKAGE_FOLDER}/{href}", data)
        item = epub.EpubItem(uid=item_id, file_name=href, media_type=media_type)
        item.properties = list(properties)
        manifest.add_item(item)

    images = _images(book, add)
    cover = _cover(edition, book, add)
    has_ruby = bool({"rubyAnnotations", "fullRubyAnnotations"} & set(info.accessibility.features))
    ruby = ruby_renderer(env, False, edition.settings.pinyin_style, _faces(edition)[0].path)

    front = _front_matter(edition, book, cover)
    nav = _navigation(book)
    nav_markup = render(
        env, "epub/nav.xhtml", book=info, navigation=nav, lang=info.language, css=CSS
    )
    # The weights come from the stylesheet the documents are read with (its rules, not its
    # @font-face list, which waits for the cut faces).
    sizes = {"size_pt": edition.settings.size.pt, "pinyin_scale": edition.settings.pinyin_scale}
    rules = render(
        env, "epub/style.css", faces=(), pinyin=has_ruby, font_stack="", script_stacks=(), **sizes
    )
    articles: list[Document] = []

    def image_url(figure: Figure) -> str:
        return f"../{images[figure.image]}"

    def rendered() -> Iterator[str | UsedText]:
        yield from (document.markup for document in front)
        yield nav_markup
        for article, markup, shown in _articles(edition, book, image_url, ruby, rules, images):
            spool.add(f"{PACKAGE_FOLDER}/{article.href}", markup.encode())
            articles.append(article)
            yield shown

    # The font holds the characters the documents show, cut while the articles are rendered:
    # the faces' own OpenType/TrueType, which every EPUB 3 reading system reads (WOFF2 not all).
    chosen = _faces(edition) if edition.settings.epub.embed_font else []
    faces = embed(book.collection, chosen, rendered(), rules, "sfnt", edition.article_keys)
    for number, face in enumerate(faces, start=1):
        add(f"font-{number}", f"fonts/{face.file_name}", face.media_type, face.data)
    css = render(
        env,
        "epub/style.css",
        faces=faces,
        pinyin=has_ruby,
        font_stack=_font_stack(edition) if faces else "",
        script_stacks=_script_stacks(edition) if faces else [],
        **sizes,
    )
    add("css", CSS, "text/css", css.encode())
    add("nav", "nav.xhtml", "application/xhtml+xml", nav_markup.encode(), ("nav",))
    ncx = render(env, "epub/toc.ncx", book=info, navigation=nav)
    add("ncx", "toc.ncx", "application/x-dtbncx+xml", ncx.encode())
    for document in front:
        add(document.id, document.href, "application/xhtml+xml", document.markup.encode())
    for document in articles:
        add(document.id, document.href, "application/xhtml+xml", None)
    documents = [*front, *articles]
    # Cover, title page, contents, then the articles: all in the reading order (linear).
    order = [documents[0].id, documents[1].id, "nav", *(d.id for d in documents[2:])]
    manifest.spine = [(item_id, "yes") for item_id in order]

    package = render(
        env,
        "epub/package.opf",
        book=info,
        manifest=tuple(
            ManifestItem(item.id, item.file_name, item.media_type, tuple(item.properties))
            for item in manifest.get_items()
        ),
        spine=tuple(SpineItem(item_id, linear == "yes") for item_id, linear in manifest.spine),
    )
    spool.add(f"{PACKAGE_FOLDER}/package.opf", package.encode())
    container = render(env, "epub/container.xml", package=f"{PACKAGE_FOLDER}/package.opf")
    spool.add("META-INF/container.xml", container.encode())


_Add = Callable[..., None]
"""Adds one item to the manifest: (id, href, media type, bytes, properties)."""


def _images(book: Contents, add: _Add) -> dict[Path, str]:
    """Each figure's image file once, named by its content (two figures may share a file name,
    two files the same content); returns file -> href."""
    images: dict[Path, str] = {}
    hrefs: set[str] = set()
    for article in book.articles:
        for figure in figures(article.blocks):
            if figure.image in images:
                continue
            data = embedded(figure.image, book.collection.root)
            kind = image_type(data)
            assert kind is not None, "checked by check_collection"
            href = f"images/{hashlib.sha256(data).hexdigest()[:16]}{kind.suffix}"
            if href not in hrefs:
                hrefs.add(href)
                add(f"image-{len(hrefs)}", href, kind.media_type, data)
            images[figure.image] = href
    return images


def _cover(edition: Edition, book: Contents, add: _Add) -> str:
    """The cover image (the manifest's, or one made from the title); returns its href."""
    if book.cover is not None:
        data = embedded(book.cover, book.collection.root)
        kind = image_type(data)
        assert kind is not None, "checked by check_collection"
        href, media_type = f"images/cover{kind.suffix}", kind.media_type
    else:
        data = render_cover(*book.cover_lines, _cover_font(edition))
        href, media_type = "images/cover.png", "image/png"
    add("cover-image", href, media_type, data, ("cover-image",))
    return href


def _front_matter(edition: Edition, book: Contents, cover: str) -> list[Document]:
    """The cover page and the title page, rendered."""
    env, info = edition.layouts, book.info
    page = {"lang": info.language, "css": f"../{CSS}"}
    return [
        Document(
            "cover",
            "text/cover.xhtml",
            render(env, "epub/cover.xhtml", book=info, cover=f"../{cover}", **page),
        ),
        Document(
            "titlepage",
            "text/titlepage.xhtml",
            render(env, "epub/titlepage.xhtml", book=info, **page),
        ),
    ]


def _articles(
    edition: Edition,
    book: Contents,
    image_url: Callable[[Figure], str],
    ruby: Callable[[Ruby], Markup],
    rules: str,
    images: dict[Path, str],
) -> Iterator[tuple[Document, str, UsedText]]:
    """Each article's document (its markup left out), markup and what it shows read with
    `rules`, rendered with `ruby` for its Ruby runs as it is read, or read from the build
    cache when an earlier build rendered it from the same inputs (`_document_key`); made on
    two cores (`parallel.beside`), in order."""
    store = cache.current()
    shared = _book_key(edition, book, rules) if store and edition.article_keys else None
    jobs = [
        DocumentJob(
            article,
            lead,
            _document_key(shared, edition, article, lead, markers, images) if shared else None,
        )
        for article, lead, markers in zip(book.articles, book.leads, book.markers, strict=True)
    ]
    made = parallel.beside(partial(_document, edition, image_url, ruby, rules), jobs)
    for job, (markup, shown, read) in zip(jobs, made, strict=True):
        if store and job.key:
            store.count(read)
        yield Document(f"article-{job.article.slug}", _href(job.article), ""), markup, shown


@dataclass(frozen=True, slots=True)
class DocumentJob:
    """An article's document to make."""

    article: Article
    """The article, its links resolved (`contents`)."""
    lead: Inlines
    """The print page markers before its title (`pages.mark_pages`)."""
    key: str | None
    """Its key in the build cache (`_document_key`; None: not kept)."""


def _document(
    edition: Edition,
    image_url: Callable[[Figure], str],
    ruby: Callable[[Ruby], Markup],
    rules: str,
    job: DocumentJob,
) -> tuple[str, UsedText, bool]:
    """`job`'s markup and what it shows, and whether the build cache had an entry for it (a
    damaged one too, as `cache.Cache.get` counts it: this runs in either process of
    `parallel.beside`, so the parent counts it, `cache.Cache.count`)."""
    store = cache.current()
    found = None
    if store and job.key:
        found = store.get("epub-document", job.key, counted=False)
        kept = kept_document(found)
        if kept is not None:
            return *kept, True
    markup = render(
        edition.layouts,
        "epub/article.xhtml",
        article=job.article,
        lead=job.lead,
        ruby=ruby,
        image_url=image_url,
        lang=job.article.language,
        css=f"../{CSS}",
    )
    shown = markup_text([markup], rules)
    if store and job.key:
        keep_document(store, "epub-document", job.key, markup, shown)
    return markup, shown, found is not None


def _book_key(edition: Edition, book: Contents, rules: str) -> str:
    """What every article's document of `book` depends on besides its own article: the
    edition's (`kept.edition_key`), and the articles a link can lead to (`_resolve_links`)."""
    targets = sorted((a.slug, a.source_path.as_posix()) for a in book.collection.articles)
    return cache.key("epub-book", edition_key("epub-book", edition, rules), targets)


def _document_key(
    shared: str,
    edition: Edition,
    article: Article,
    lead: Inlines,
    markers: tuple[Marker, ...],
    images: dict[Path, str],
) -> str | None:
    """An article document's key: the book's (`_book_key`), its article's (None without
    one), the print pages it holds and the images it shows, by content (their hrefs)."""
    found = edition.article_keys.get(article.slug)
    if found is None:
        return None
    shown = [images[figure.image] for figure in figures(article.blocks)]
    return cache.key("epub-document", shared, found, repr(lead), repr(markers), shown)


def _href(article: Article) -> str:
    return f"text/{article.slug}.xhtml"


def _navigation(book: Contents) -> Navigation:
    starts = [Target(article.title_text, _href(article)) for article in book.articles]
    pages = [
        [Target(m.run.label, f"{_href(a)}#{m.anchor}") for m in found]
        for a, found in zip(book.articles, book.markers, strict=True)
    ]
    landmarks = [
        Landmark("cover", "封面", "text/cover.xhtml"),
        Landmark("titlepage", "书名页", "text/titlepage.xhtml"),
        Landmark("toc", "目录", "nav.xhtml#toc"),
        Landmark("bodymatter", "正文", starts[0].href),
    ]
    return navigation(book.articles, starts, pages, landmarks)


# --------------------------------------------------------------------------- links


def _resolve_links(article: Article, slugs: set[str], sources: dict[Path, str]) -> Article:
    """Links between articles point at their documents; a link that would lead nowhere in this
    EPUB (an article it does not hold, an anchor it lacks) becomes its text, with a warning."""

    def resolve(href: str) -> str | None:
        if SCHEME.match(href):
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

    return map_inlines(article, lambda runs: relink(runs, resolve))


# --------------------------------------------------------------------------- fonts


def _faces(edition: Edition) -> list[FontFace]:
    from ...fonts.faces import font_faces

    return font_faces(edition.settings, edition.fallback_fonts)


def _font_stack(edition: Edition) -> str:
    from ...fonts.faces import font_stack

    return font_stack(edition.settings, edition.fallback_fonts)


def _script_stacks(edition: Edition) -> list[tuple[str, str]]:
    from ...fonts.faces import other_script_stacks

    return other_script_stacks(edition.settings, edition.fallback_fonts)


def _cover_font(edition: Edition) -> Path:
    """The bundled family's bold face (regular when it has none): the cover's title."""
    from ...fonts.faces import family_files

    regular, bold = family_files(edition.settings.font)
    return bold if bold is not None and bold.is_file() else regular
