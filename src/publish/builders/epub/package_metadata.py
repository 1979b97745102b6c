"""The EPUB's metadata: bibliographic (Dublin Core) and accessibility (EPUB Accessibility 1.1).

Builders step (EPUB). Everything here is decided from the model and the settings, never from
the clock: `dcterms:modified` and the zip's timestamps come from SOURCE_DATE_EPOCH when it is
set (reproducible-builds.org), else from the collection's date, else from its newest article.
The accessibility claims are made from what the book really contains: `alternativeText` only
when it has figures, ruby features only when it has pinyin, page features only with markers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from ...config import Settings
from ...model import (
    Article,
    Collection,
    Emphasis,
    Inlines,
    Link,
    Ruby,
    Strong,
    Text,
    figures,
    reading_order,
)
from .. import as_utc, fixed_date

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
"""The conformance statement of EPUB Accessibility 1.1 §2.1 (the exact string it defines)."""

_FALLBACK_TIME = datetime(2000, 1, 1, tzinfo=UTC)
"""The time of a book whose sources give none: fixed, so the output stays reproducible."""

# Han characters (CJK Unified Ideographs with extensions A to I, compatibility ideographs,
# and 〇): the characters pinyin is given for.
_HAN = re.compile(
    "[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U000323af]"
)


@dataclass(frozen=True, slots=True)
class Accessibility:
    """The schema.org accessibility metadata (EPUB Accessibility 1.1 §2.3, DAISY KB)."""

    modes: tuple[str, ...]
    """schema:accessMode: textual, and visual when there are figures."""
    sufficient: tuple[str, ...]
    """schema:accessModeSufficient: each set of modes enough to read the whole book."""
    features: tuple[str, ...]
    """schema:accessibilityFeature values."""
    summary: str
    """schema:accessibilitySummary, in the book's language."""
    page_source: str = ""
    """pageBreakSource: the print edition the page markers come from; empty without markers."""
    hazards: tuple[str, ...] = ("none",)
    """schema:accessibilityHazard: text and still images only, so none."""
    conforms_to: str = CONFORMS_TO
    """dcterms:conformsTo."""


@dataclass(frozen=True, slots=True)
class BookInfo:
    """What the package document, the title page and the navigation say about one EPUB."""

    identifier: str
    """dc:identifier: stable for the same collection (and article)."""
    title: str
    subtitle: str
    language: str
    """BCP 47 (zh-Hans): dc:language and xml:lang of the package."""
    creators: tuple[str, ...]
    publisher: str
    date: datetime | None
    """dc:date (publication date)."""
    modified: str
    """dcterms:modified, as EPUB 3.3 §D.3.13 writes it: CCYY-MM-DDThh:mm:ssZ."""
    subjects: tuple[str, ...]
    description: str
    collection: str
    """The collection an article's own EPUB belongs to (belongs-to-collection); empty for a
    collection's EPUB."""
    accessibility: Accessibility


@dataclass(frozen=True, slots=True)
class RubyCoverage:
    """How much of a book's Han text carries pinyin."""

    annotated: int
    """Han characters with a reading."""
    bare: int
    """Han characters without one."""


def build_time(collection: Collection) -> datetime:
    """The one timestamp of an EPUB: `builders.fixed_date`, or a fixed date."""
    return as_utc(fixed_date(collection) or _FALLBACK_TIME)


def w3c_time(moment: datetime) -> str:
    """A moment as dcterms:modified wants it: UTC, whole seconds, a Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def ruby_coverage(articles: Iterable[Article]) -> RubyCoverage:
    """Count the Han characters of the articles' text with and without pinyin.

    The text counted is the articles' own (titles, headings, body, captions, table cells):
    what the pinyin step annotates. The labels the layouts add around it (the metadata line,
    the title page's headings) are not article text.
    """
    annotated = bare = 0
    for article in articles:
        for runs in reading_order(article):
            more, less = _count(runs)
            annotated += more
            bare += less
    return RubyCoverage(annotated, bare)


def _count(runs: Inlines) -> tuple[int, int]:
    annotated = bare = 0
    for run in runs:
        match run:
            case Ruby(base=base):
                annotated += len(_HAN.findall(base))
            case Text(text=text):
                bare += len(_HAN.findall(text))
            case Emphasis(children=c) | Strong(children=c) | Link(children=c):
                more, less = _count(c)
                annotated += more
                bare += less
    return annotated, bare


def accessibility(
    articles: Sequence[Article], has_pages: bool, page_source: str, summary: str
) -> Accessibility:
    """The accessibility metadata of a book of `articles` (page markers in them or not)."""
    visual = any(True for article in articles for _ in figures(article.blocks))
    features = [
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "displayTransformability",
    ]
    if visual:
        features.append("alternativeText")
    ruby = ruby_coverage(articles)
    if ruby.annotated:
        # schema.org: fullRubyAnnotations when all of the text has ruby, rubyAnnotations
        # when only some does.
        features.append("rubyAnnotations" if ruby.bare else "fullRubyAnnotations")
    if has_pages:
        features.extend(("pageBreakMarkers", "pageNavigation"))
    return Accessibility(
        modes=("textual", "visual") if visual else ("textual",),
        sufficient=("textual", "textual,visual") if visual else ("textual",),
        features=tuple(features),
        summary=summary,
        page_source=page_source if has_pages else "",
    )


def page_source(title: str, settings: Settings) -> str:
    """A name that tells the print edition the page markers come from apart from others.

    DAISY KB "Page source": without an ISBN, name the source by what identifies it: here the
    title and what decides the pagination (paper, type size, font, and pinyin, which makes a
    pinyin edition's pages fewer characters long than a plain one's at the same size).
    """
    size = settings.size
    size_name = size.name if size.name == f"{size.pt:g}pt" else f"{size.name}号字 {size.pt:g}pt"
    parts = [settings.paper.name, size_name, settings.font.css_name]
    if settings.pinyin:
        scale = "" if settings.pinyin_scale == 1 else f" ×{settings.pinyin_scale:g}"
        parts.append(f"带拼音{scale}")
    else:
        parts.append("无拼音")
    return f"《{title}》PDF 版（{'，'.join(parts)}）"
