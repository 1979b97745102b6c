"""The HTML site's files besides its pages: images and WOFF2 font subsets.

Builders step (HTML). Everything a page loads is copied or made into the site folder, so no
request leaves the site: images are copied from the project, fonts are cut down (by
`publish.fonts`) to the glyphs the site's pages show.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ...errors import PublishError
from ...fonts.subset import SubsetFace
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
    """Where a figure's image lives in the site, under images/: its path in the project's own
    images/ folder, where the examples and `publish import` keep them (images/age-groups.png,
    not images/images/age-groups.png), or, for an image elsewhere in the project, its path
    from the project under images/_/ (images/_/art/map.png)."""
    parts = figure.image.relative_to(collection.root.resolve()).parts
    if len(parts) > 1 and parts[0] == IMAGES:
        return str(PurePosixPath(IMAGES, *parts[1:]))
    return str(PurePosixPath(IMAGES, "_", *parts))


def image_url(collection: Collection, figure: Figure) -> str:
    """The URL of a figure's image from a page at the site's top level."""
    return quote(image_path(collection, figure))


def copy_images(collection: Collection, site: Path) -> None:
    """Copy every figure's image into the site (each file once), only from inside the project."""
    folders = allowed_folders(collection)
    sources: dict[str, Path] = {}
    for figure in (f for article in collection.articles for f in figures(article.blocks)):
        if not is_allowed(figure.image.as_uri(), folders):
            raise PublishError(f"{figure.image}: images must be inside the project folder")
        path = image_path(collection, figure)
        if sources.setdefault(path, figure.image) != figure.image:
            raise PublishError(
                f"{figure.image} and {sources[path]} would both be {path} in the site: "
                "rename one, or keep the images in the project's images/ folder"
            )
        target = site / path
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(embedded(figure.image, collection.root))


def web_fonts(subsets: Iterable[SubsetFace]) -> list[WebFont]:
    """The site's @font-face rules and files for the WOFF2 `subsets` (`fonts.embed`)."""
    return [
        WebFont(
            face.face.family,
            face.face.weight,
            f"{FONTS}/{face.file_name}",
            f"{FONTS}/{quote(face.file_name)}",
            face.data,
        )
        for face in subsets
    ]
