"""The HTML builder: the collection as a static, self-contained, accessible site.

Builders step. Renders `layouts/web/` into `html/`: an index page (articles by category, newest
first) and one page per article, each with the reader's toolbar (字体 特大/大/中/小, 拼音 开/关,
高对比度, 打印), then the stylesheet, the site script, the images and WOFF2 subsets of the font
holding just the glyphs the pages show. Nothing a page loads comes from outside the site.

    pages (Jinja2, autoescaped), fonts cut to what they show (fonts.embed) -> style.css,
    site.js -> files
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment

from ... import cache, parallel
from ...config import Settings
from ...fonts.embed import embed
from ...fonts.faces import FontFace, font_faces, font_stack, other_script_stacks
from ...fonts.used import UsedText, markup_text
from ...layouts import render, ruby_renderer
from ...model import Article, Collection, Figure
from ...progress import report
from .. import Edition, Output
from ..kept import edition_key
from .assets import copy_images, image_url, web_fonts
from .site import (
    FONTS,
    INDEX,
    SCRIPT,
    STYLESHEET,
    ArticlePage,
    Site,
    article_pages,
    plan_site,
)

__all__ = ["HtmlBuilder"]


class HtmlBuilder:
    """A static, self-contained accessible site in the folder `html/`."""

    name = "html"

    def __init__(self) -> None:
        self._keys: tuple[object, dict[str, str]] | None = None

    def check(self, collection: Collection, settings: Settings) -> None:
        """Nothing of its own: the slugs that would overwrite the site's files are refused
        where the sources are loaded (`sources.fields.slug_problem`)."""

    def kept(self, edition: Edition) -> frozenset[str]:
        """The articles whose pages an earlier build rendered from the same inputs, read back
        and checked (`Builder.kept`); none with a project's own layouts (its index or any page
        may show any article's body)."""
        store = cache.current()
        if store is None or getattr(edition.layouts, "project_layouts", None) is not None:
            return frozenset()
        keys = self._page_keys(edition, _plan(edition))
        return frozenset(
            article.slug
            for article in edition.collection.articles
            if (key := keys.get(page_url(article))) and _kept_page(store, key) is not None
        )

    def build(self, edition: Edition, out: Path) -> Output:
        """Render every page, cut the fonts to their characters, write the site into `out/html`."""
        collection = edition.collection
        plan = _plan(edition)
        faces, context, stack, rules = plan.faces, plan.context, plan.stack, plan.rules
        folder = out / "html"
        folder.mkdir()

        # The fonts hold the characters the pages show, cut while the pages are rendered.
        # Each page is written as soon as it is rendered: the site's pages together are some
        # 150 KB an article, 1.5 GB at 10,000 (docs/benchmarks.md).
        pages = render_pages(edition, plan, folder, "生成 HTML", self._page_keys(edition, plan))
        embedded = embed(collection, faces, pages, rules, "woff2", edition.article_keys)
        faces_css = web_fonts(embedded)
        stylesheet = render(
            edition.layouts,
            "web/style.css",
            fonts=faces_css,
            font_stack=stack,
            script_stacks=plan.script_stacks,
            **context,
        )
        script = render(edition.layouts, "web/site.js", **context)

        (folder / STYLESHEET).write_text(stylesheet, encoding="utf-8")
        (folder / SCRIPT).write_text(script, encoding="utf-8")
        if faces_css:
            (folder / FONTS).mkdir()
            for face in faces_css:
                (folder / face.file).write_bytes(face.data)
        copy_images(collection, folder)
        return Output((folder,))

    def _page_keys(self, edition: Edition, plan: Plan) -> dict[str, str]:
        """`_page_keys`, made once for `kept` and `build`: they get the edition before and
        after its second pass, whose articles' keys, titles, dates and categories (all a page's
        key holds) are the same; only bodies differ (0.2 s of CPU a 1,000 pages)."""
        if self._keys is None or self._keys[0] is not edition.article_keys:
            self._keys = edition.article_keys, _page_keys(edition, plan)
        return self._keys[1]


@dataclass(frozen=True, slots=True)
class PageJob:
    """One page of the site to write: rendered, or read from the build cache."""

    name: str
    """Its file name (and URL) in the site."""
    key: str | None
    """Its key in the build cache (None: not kept)."""
    template: str
    """The web layout it is rendered from."""
    names: dict[str, Any]
    """The names its layout gets besides the page context (`page_context`)."""
    kept: tuple[Path, UsedText] | None
    """The build cache's file holding it and what it shows, when an earlier build rendered it
    (linked into the site, not read: `cache.Cache.get_file`)."""


@dataclass(frozen=True, slots=True)
class Plan:
    """What every page of the site is rendered with, made once a build."""

    site: Site
    """The site's shape."""
    faces: list[FontFace]
    """The faces, the regular first (`fonts.faces.font_faces`)."""
    context: dict[str, Any]
    """The names every web template gets (`page_context`)."""
    stack: str
    """The CSS font stack."""
    script_stacks: list[tuple[str, str]]
    """(language, CSS font stack) of text in the other script (`other_script_stacks`)."""
    rules: str
    """The stylesheet without its @font-face list: the weights the pages are read with, and
    the strings it shows (`content:`: the link targets printed after links)."""


def _plan(edition: Edition) -> Plan:
    """What `edition`'s pages are rendered with."""
    site = plan_site(edition.collection, edition.settings)
    faces = font_faces(edition.settings, edition.fallback_fonts)
    context = page_context(edition.layouts, site, faces[0].path)
    stack = font_stack(edition.settings, edition.fallback_fonts)
    scripts = other_script_stacks(edition.settings, edition.fallback_fonts)
    rules = render(
        edition.layouts,
        "web/style.css",
        fonts=(),
        font_stack=stack,
        script_stacks=scripts,
        **context,
    )
    return Plan(site, faces, context, stack, scripts, rules)


def render_pages(
    edition: Edition, plan: Plan, folder: Path, step: str, keys: dict[str, str] | None = None
) -> Iterator[UsedText]:
    """Write the index and every article page into `folder`, each reported as done in `step`;
    yields what each page shows, in order.

    A page that an earlier build rendered from the same inputs (`_page_keys`) is linked from the
    build cache: a rebuild after one article's body changed renders that article's page alone;
    after its title changed, its neighbours' (whose pager shows it) and the index too. The
    pages are rendered on two cores (`parallel.beside`): rendering them and reading what they
    show was most of a large site's build, on one core (docs/benchmarks.md). `keys`: the pages'
    keys, when made already (`_page_keys`)."""
    keys = _page_keys(edition, plan) if keys is None else keys
    store = cache.current()

    def job(name: str, template: str, **names: Any) -> PageJob:
        # Looked up here, not where the page is written: the cache counts what it reads.
        key = keys.get(name)
        return PageJob(
            name, key, template, names, _kept_page(store, key) if store and key else None
        )

    articles = article_pages(plan.site.collection)
    jobs = [
        job(INDEX, "web/index.html"),
        *(
            job(page_url(page.article), "web/article.html", page=page, article=page.article)
            for page in articles
        ),
    ]
    written = parallel.beside(partial(_write_page, edition.layouts, plan, folder), jobs)
    for done, shown in enumerate(written):
        if done:
            report(step, done, len(articles))
        yield shown


def _write_page(layouts: Environment, plan: Plan, folder: Path, job: PageJob) -> UsedText:
    """Write `job`'s page into `folder` (rendered, and kept in the build cache, or linked from
    it); returns what it shows, read with the site's stylesheet."""
    if job.kept is not None:
        cache.link(job.kept[0], folder / job.name)
        return job.kept[1]
    markup = render(layouts, job.template, **job.names, **plan.context)
    shown = markup_text([markup], plan.rules)
    data = markup.encode()
    store = cache.current()
    if store and job.key:
        # Written once, as the cache's file, and linked into the site.
        cache.link(
            store.put_bytes("html-page", job.key, data, [shown.regular, shown.bold]),
            folder / job.name,
        )
    else:
        (folder / job.name).write_bytes(data)
    return shown


def _kept_page(store: cache.Cache, key: str) -> tuple[Path, UsedText] | None:
    """The cache's file holding a page an earlier build rendered, and what the page shows; None
    when the entry is missing or damaged (`cache.Cache.get_file` checks the bytes' hash)."""
    found = store.get_file("html-page", key)
    if found is None:
        return None
    file, about = found
    if not (isinstance(about, list) and len(about) == 2 and all(isinstance(t, str) for t in about)):
        return None
    return file, UsedText(*about)


def _page_keys(edition: Edition, plan: Plan) -> dict[str, str]:
    """Each page's key in the build cache, by its file name (none without a cache)."""
    if cache.current() is None or not edition.article_keys:
        return {}
    shared = edition_key("html-site", edition, plan.rules)
    keys = {
        page_url(page.article): _page_key(shared, edition, plan.site, page)
        for page in article_pages(plan.site.collection)
    }
    found = {name: key for name, key in keys.items() if key is not None}
    if len(found) == len(keys):
        found[INDEX] = cache.key("html-index", shared, _listed(plan.site))
    return found


def _listed(site: Site) -> list[Any]:
    """What the index shows: its sections' anchors and their articles, each but its body and
    subtitle, which the pipeline's first pass leaves as loaded (`Builder.kept`) and the bundled
    index does not show (a project's own layouts put every article in the site's key)."""
    return [
        (section.anchor, [repr(replace(a, blocks=(), subtitle=())) for a in section.articles])
        for section in site.sections
    ]


def _page_key(shared: str, edition: Edition, site: Site, page: ArticlePage) -> str | None:
    """An article page's key: the site's (`kept.edition_key`), its article's (None without one),
    the anchor of its index section, and the slugs and titles its pager shows."""
    article = edition.article_keys.get(page.article.slug)
    if article is None:
        return None
    section = site.section_of(page.article).anchor if page.article.category else None
    neighbours = [
        None if other is None else (other.slug, repr(other.title))
        for other in (page.previous, page.next)
    ]
    return cache.key("html-page", shared, article, section, neighbours)


def page_context(layouts: Environment, site: Site, face: Path) -> dict[str, Any]:
    """The names every web template gets (see layouts/web/base.html); `face` (the regular
    face) measures the readings for the grid."""
    collection = site.collection

    def figure_url(figure: Figure) -> str:
        return image_url(collection, figure)

    return {
        "site": site,
        "collection": collection,
        "settings": site.settings,
        "ruby": ruby_renderer(
            layouts, site.pinyin_words, site.settings.pinyin_style, face, site.settings.html.zhuyin
        ),
        "image_url": figure_url,
        "page_url": page_url,
    }


def page_url(article: Article) -> str:
    """The file (and URL) of an article's page, at the site's top level."""
    return f"{article.slug}.html"
