"""The print document: the HTML and CSS of `layouts/print/`, and the PDF's metadata.

Builders step (PDF). Renders the print templates from the model and the page geometry; nothing
here knows WeasyPrint. The document's metadata (title, authors, subject, keywords, language,
dates) is written as HTML <meta> elements, which WeasyPrint turns into the PDF's Info and XMP.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ... import __version__, fonts
from ...errors import PublishError
from ...layouts import render
from ...model import Collection, Figure
from .. import Edition
from .geometry import LINE_HEIGHT, PINYIN_LINE_HEIGHT, Geometry
from .readings import PinyinCells, pad_classes


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the PDF says about itself."""

    title: str
    authors: tuple[str, ...]
    subject: str
    keywords: tuple[str, ...]
    language: str
    date: datetime | None
    """The fixed creation and modification date of the file (None: the PDF has no dates)."""

    @property
    def date_w3c(self) -> str:
        """The date as the W3C profile of ISO 8601 that WeasyPrint reads from <meta>."""
        return self.date.isoformat(timespec="seconds") if self.date else ""


def metadata(collection: Collection) -> Metadata:
    """Title, authors, subject and dates of the edition (the dates fixed, for reproducibility)."""
    single = collection.articles[0] if len(collection.articles) == 1 else None
    title = single.title_text if single else collection.title
    authors = collection.creators or ((collection.publisher,) if collection.publisher else ())
    if single:
        subject = single.summary or single.subtitle_text or collection.subtitle
    else:
        subject = collection.subtitle or "、".join(a.title_text for a in collection.articles)
    keywords = tuple(
        dict.fromkeys(t for a in collection.articles for t in (*a.category, *a.tags))
    )
    return Metadata(title, authors, subject, keywords, collection.language, fixed_date(collection))


def fixed_date(collection: Collection) -> datetime | None:
    """The date written into the file: SOURCE_DATE_EPOCH (the reproducible-builds convention)
    when set, else the collection's date, else its newest article's; never the time of the
    build, so the same sources give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError):
            raise PublishError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970"
            ) from None
    if collection.date is not None:
        return collection.date
    dates = [a.date for a in collection.articles if a.date is not None]
    return max(dates) if dates else None


def stylesheet(edition: Edition, geo: Geometry) -> str:
    """The print stylesheet for this edition's sizes, paper and fonts."""
    settings = edition.settings
    faces = [
        {"family": face.family, "url": face.path.as_uri(), "weight": face.weight}
        for face in fonts.font_faces(settings, edition.fallback_fonts)
    ]
    return render(
        edition.layouts,
        "print/style.css",
        settings=settings,
        geo=geo,
        font_faces=faces,
        font_stack=fonts.font_stack(settings, edition.fallback_fonts),
        line_height=LINE_HEIGHT,
        pinyin_line_height=PINYIN_LINE_HEIGHT,
        pinyin_pads=pad_classes() if settings.pinyin else [],
        facing=geo.facing,
        single=len(edition.collection.articles) == 1,
    )


def html(edition: Edition, geo: Geometry, meta: Metadata) -> str:
    """The print document: cover and contents (collections), then every article."""
    settings = edition.settings
    cells = None
    if settings.pinyin:
        regular = fonts.font_faces(settings, edition.fallback_fonts)[0].path
        cells = PinyinCells(regular, geo)
    return render(
        edition.layouts,
        "print/collection.html",
        collection=edition.collection,
        settings=settings,
        meta=meta,
        generator=f"publish {__version__}",
        single=len(edition.collection.articles) == 1,
        image_url=_image_url,
        pinyin_pad=cells.pad if cells else _no_pad,
    )


def _image_url(figure: Figure) -> str:
    return figure.image.as_uri()


def _no_pad(reading: str) -> str:
    return ""


def base_url(collection: Collection) -> str:
    """Relative URLs in a layout resolve against the project folder."""
    return Path(collection.root).resolve().as_uri() + "/"
