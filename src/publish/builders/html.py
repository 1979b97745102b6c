"""The HTML builder: the collection as a static site (basic)."""

from __future__ import annotations

from pathlib import Path

from ..fonts import font_stack
from ..layouts import render
from ..model import Figure
from . import Edition, Output


class HtmlBuilder:
    """A static, self-contained accessible site."""

    name = "html"

    def build(self, edition: Edition, out: Path) -> Output:
        collection = edition.collection
        site = out / "html"
        site.mkdir()
        context = {"collection": collection, "settings": edition.settings, "root": ""}
        (site / "style.css").write_text(
            render(edition.layouts, "web/style.css", font_stack=font_stack(edition.settings),
                   **context), encoding="utf-8")
        (site / "index.html").write_text(
            render(edition.layouts, "web/index.html", **context), encoding="utf-8")
        for article in collection.articles:
            page = render(edition.layouts, "web/article.html", article=article,
                          image_url=_image_url, **context)
            (site / f"{article.slug}.html").write_text(page, encoding="utf-8")
        return Output((site,))


def _image_url(figure: Figure) -> str:
    return f"images/{figure.image.name}"
