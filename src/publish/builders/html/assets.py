"""The HTML site's files besides its pages: images and WOFF2 font subsets.

Builders step (HTML). Everything a page loads is copied or made into the site folder, so no
request leaves the site: images are copied from the project, fonts are cut down (by
`publish.fonts`) to the glyphs the site's pages show.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ... import fonts
from ...model import Block, Collection, Figure, Interview, ListBlock, Quote
from .site import FONTS, IMAGES


@dataclass(frozen=True, slots=True)
class WebFont:
    """One @font-face of the site's stylesheet and the file it loads."""

    family: str
    """The CSS family name (the family's own, so the font stack names it once)."""
    weight: int
    """400 or 700."""
    url: str
    """The file's URL relative to the stylesheet."""
    data: bytes
    """The WOFF2 file."""


def image_path(collection: Collection, figure: Figure) -> str:
    """Where a figure's image lives in the site: its path in the project, under images/."""
    relative = figure.image.relative_to(collection.root.resolve())
    return str(PurePosixPath(IMAGES, *relative.parts))


def image_url(collection: Collection, figure: Figure) -> str:
    """The URL of a figure's image from a page at the site's top level."""
    return quote(image_path(collection, figure))


def figures(collection: Collection) -> Iterator[Figure]:
    """Every figure of every article, in reading order."""
    for article in collection.articles:
        yield from _figures(article.blocks)


def _figures(blocks: Iterable[Block]) -> Iterator[Figure]:
    for block in blocks:
        match block:
            case Figure():
                yield block
            case Quote(blocks=inner) | Interview(blocks=inner):
                yield from _figures(inner)
            case ListBlock(items=items):
                for item in items:
                    yield from _figures(item)


def copy_images(collection: Collection, site: Path) -> None:
    """Copy every figure's image into the site (each file once)."""
    for figure in figures(collection):
        target = site / image_path(collection, figure)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(figure.image.read_bytes())


def web_fonts(
    collection: Collection,
    faces: Sequence[fonts.FontFace],
    pages: Iterable[str],
    extra: str = "",
) -> list[WebFont]:
    """WOFF2 subsets of `faces` holding the characters the rendered `pages` show, by weight.

    `extra` is text the stylesheet itself shows (the link targets printed after links).
    """
    used = fonts.used_text(collection, pages, extra)
    return [
        WebFont(cut.face.family, cut.face.weight, f"{FONTS}/{quote(cut.file_name)}", cut.data)
        for cut in fonts.subset_faces(faces, used, "woff2")
    ]
