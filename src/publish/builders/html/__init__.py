"""The HTML builder: the collection as a static, self-contained, accessible site.

Builders step. Renders `layouts/web/` into `html/`: an index page (articles by category, newest
first) and one page per article, each with the reader's toolbar (字体 特大/大/中/小, 拼音 开/关,
高对比度, 打印), then the stylesheet, the site script, the images and WOFF2 subsets of the font
holding just the glyphs the pages show. Nothing a page loads comes from outside the site.

    pages (Jinja2, autoescaped) -> used characters -> font subsets -> style.css, site.js -> files
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from jinja2 import Environment

from ...config import Settings
from ...fonts.faces import font_faces, font_stack
from ...layouts import bare_article, bare_ruby, render, ruby_renderer
from ...model import Article, Collection, Figure
from ...progress import report
from .. import Edition, Output
from .assets import copy_images, image_url, start_web_fonts
from .site import (
    FONTS,
    INDEX,
    SCRIPT,
    STYLESHEET,
    Site,
    article_pages,
    plan_site,
)

__all__ = ["HtmlBuilder"]


class HtmlBuilder:
    """A static, self-contained accessible site in the folder `html/`."""

    name = "html"

    def check(self, collection: Collection, settings: Settings) -> None:
        """Nothing of its own: the slugs that would overwrite the site's files are refused
        where the sources are loaded (`sources.fields.slug_problem`)."""

    def build(self, edition: Edition, out: Path) -> Output:
        """Render every page, cut the fonts to their characters, write the site into `out/html`."""
        collection = edition.collection
        site = plan_site(collection, edition.settings)
        context = page_context(edition.layouts, site)
        # The characters each weight shows, for the font subsets, from the pages rendered with
        # bare articles (see layouts.bare_article); the fonts are cut in other processes while
        # the real pages are rendered.
        bare = plan_site(
            replace(collection, articles=tuple(bare_article(a) for a in collection.articles)),
            edition.settings,
        )
        bare_context = {**page_context(edition.layouts, bare), "ruby": bare_ruby}
        shown = render_pages(edition.layouts, bare, bare_context)
        faces = font_faces(edition.settings, edition.fallback_fonts)
        stack = font_stack(edition.settings, edition.fallback_fonts)
        # The weights come from the stylesheet's rules (its @font-face list waits for the faces),
        # and so do the strings it shows (`content:`: the link targets printed after links).
        rules = render(edition.layouts, "web/style.css", fonts=(), font_stack=stack, **context)
        extra = "()" if site.pinyin else ""  # <rp>'s brackets (the bare pages have no ruby)
        cutting = start_web_fonts(collection, faces, shown.values(), extra, rules)
        try:
            pages = render_pages(edition.layouts, site, context, "生成 HTML")
        finally:
            faces_css = cutting()  # waited for even when a layout fails: no worker is left running
        stylesheet = render(
            edition.layouts,
            "web/style.css",
            fonts=faces_css,
            font_stack=stack,
            **context,
        )
        script = render(edition.layouts, "web/site.js", **context)

        folder = out / "html"
        folder.mkdir()
        for name, text in pages.items():
            (folder / name).write_text(text, encoding="utf-8")
        (folder / STYLESHEET).write_text(stylesheet, encoding="utf-8")
        (folder / SCRIPT).write_text(script, encoding="utf-8")
        if faces_css:
            (folder / FONTS).mkdir()
            for face in faces_css:
                (folder / face.file).write_bytes(face.data)
        copy_images(collection, folder)
        return Output((folder,))


def render_pages(
    layouts: Environment, site: Site, context: dict[str, Any], step: str | None = None
) -> dict[str, str]:
    """The index and every article page, by file name; each page reported as done in `step`."""
    pages = {INDEX: render(layouts, "web/index.html", **context)}
    articles = article_pages(site.collection)
    for done, page in enumerate(articles, start=1):
        pages[page_url(page.article)] = render(
            layouts, "web/article.html", page=page, article=page.article, **context
        )
        if step:
            report(step, done, len(articles))
    return pages


def page_context(layouts: Environment, site: Site) -> dict[str, Any]:
    """The names every web template gets (see layouts/web/base.html)."""
    collection = site.collection

    def figure_url(figure: Figure) -> str:
        return image_url(collection, figure)

    return {
        "site": site,
        "collection": collection,
        "settings": site.settings,
        "ruby": ruby_renderer(
            layouts, site.pinyin_words, site.settings.pinyin_style, site.settings.html.zhuyin
        ),
        "image_url": figure_url,
        "page_url": page_url,
    }


def page_url(article: Article) -> str:
    """The file (and URL) of an article's page, at the site's top level."""
    return f"{article.slug}.html"
