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
from pathlib import Path
from typing import Any

from jinja2 import Environment

from ...config import Settings
from ...fonts.embed import embed
from ...fonts.faces import font_faces, font_stack
from ...layouts import render, ruby_renderer
from ...model import Article, Collection, Figure
from ...progress import report
from .. import Edition, Output
from .assets import copy_images, image_url, web_fonts
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
        faces = font_faces(edition.settings, edition.fallback_fonts)
        context = page_context(edition.layouts, site, faces[0].path)
        stack = font_stack(edition.settings, edition.fallback_fonts)
        # The weights come from the stylesheet's rules (its @font-face list waits for the faces),
        # and so do the strings it shows (`content:`: the link targets printed after links).
        rules = render(edition.layouts, "web/style.css", fonts=(), font_stack=stack, **context)
        pages: dict[str, str] = {}

        def rendered() -> Iterator[str]:
            for name, markup in render_pages(edition.layouts, site, context, "生成 HTML"):
                pages[name] = markup
                yield markup

        # The fonts hold the characters the pages show, cut while the pages are rendered.
        faces_css = web_fonts(embed(collection, faces, rendered(), rules, "woff2"))
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
    layouts: Environment, site: Site, context: dict[str, Any], step: str
) -> Iterator[tuple[str, str]]:
    """The index and every article page, by file name, each reported as done in `step`."""
    yield INDEX, render(layouts, "web/index.html", **context)
    articles = article_pages(site.collection)
    for done, page in enumerate(articles, start=1):
        yield (
            page_url(page.article),
            render(layouts, "web/article.html", page=page, article=page.article, **context),
        )
        report(step, done, len(articles))


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
