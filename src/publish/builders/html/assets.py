"""The HTML site's files besides its pages: images and WOFF2 font subsets.

Builders step (HTML). Everything a page loads is copied or made into the site folder, so no
request leaves the site: images are copied from the project, fonts are cut down (by
`publish.fonts`) to the glyphs the site's pages show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ...errors import PublishError
from ...fonts.faces import FontFace
from ...fonts.subset import SubsetFace, start_subsets
from ...fonts.used import used_text
from ...images import embedded
from ...layouts import css_string
from ...model import Collection, Figure, figures
from ..resources import allowed_folders, is_allowed
from .site import FONTS, IMAGES


@dataclass(frozen=True, slots=True)
class WebFont:
    """One @font-face of the site's stylesheet and the file it loads."""

    family: str
    """The CSS family name (the family's own, so the font stack names it once)."""
    weight: int
    """400 or 700."""
    file: str
    """Where the file goes in the site (fonts/NAME.woff2)."""
    url: str
    """The file's URL relative to the stylesheet (the same, URL-quoted)."""
    data: bytes
    """The WOFF2 file."""

    @property
    def family_css(self) -> str:
        """The family name as a CSS string (a project's own font may name itself anything)."""
        return str(css_string(self.family))


def image_path(collection: Collection, figure: Figure) -> str:
    """Where a figure's image lives in the site: its path in the project, under images/."""
    relative = figure.image.relative_to(collection.root.resolve())
    return str(PurePosixPath(IMAGES, *relative.parts))


def image_url(collection: Collection, figure: Figure) -> str:
    """The URL of a figure's image from a page at the site's top level."""
    return quote(image_path(collection, figure))


def copy_images(collection: Collection, site: Path) -> None:
    """Copy every figure's image into the site (each file once), only from inside the project."""
    folders = allowed_folders(collection)
    for figure in (f for article in collection.articles for f in figures(article.blocks)):
        if not is_allowed(figure.image.as_uri(), folders):
            raise PublishError(f"{figure.image}: images must be inside the project folder")
        target = site / image_path(collection, figure)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(embedded(figure.image, collection.root))


def start_web_fonts(
    collection: Collection,
    faces: Sequence[FontFace],
    pages: Iterable[str],
    extra: str = "",
    stylesheet: str = "",
) -> Callable[[], list[WebFont]]:
    """Start cutting WOFF2 subsets of `faces` holding the characters the rendered `pages`
    show, by weight; calling the result waits for them (`start_subsets`).

    `extra` is text shown in both weights; the pages are read as `stylesheet` sets them. The
    subsets are remembered for the process: `publish serve` rebuilds after every save, and an
    edit seldom brings a new character, so the fonts (most of a build's time,
    docs/benchmarks.md) are cut again only when the characters or the font files change.
    """
    used = used_text(collection, pages, extra, stylesheet)
    key = (tuple((face, face.path.stat().st_mtime_ns) for face in faces), used)
    if key in _REMEMBERED:
        cut = _REMEMBERED[key]
        return lambda: _web_fonts(cut)
    pending = start_subsets(faces, used, "woff2")

    def wait() -> list[WebFont]:
        cut = tuple(pending())
        while len(_REMEMBERED) >= _REMEMBER:
            del _REMEMBERED[next(iter(_REMEMBERED))]
        _REMEMBERED[key] = cut
        return _web_fonts(cut)

    return wait


def _web_fonts(cut: Iterable[SubsetFace]) -> list[WebFont]:
    return [
        WebFont(
            face.face.family,
            face.face.weight,
            f"{FONTS}/{face.file_name}",
            f"{FONTS}/{quote(face.file_name)}",
            face.data,
        )
        for face in cut
    ]


_REMEMBER = 4
_REMEMBERED: dict[object, tuple[SubsetFace, ...]] = {}
"""Subsets cut in this process, by faces (with their files' times) and characters."""


def forget_fonts() -> None:
    """Forget the remembered subsets (a benchmark's cold build, a reproducibility test)."""
    _REMEMBERED.clear()
