"""Builders: one module per output format behind one small interface.

Builders step: a builder gets a finished `Edition` (the annotated model, the settings, the
layouts) and writes its files into a folder; it never opens a source file. Builders are found
by name in `BUILDERS` and imported only when used, so `publish --help` never loads WeasyPrint.
"""

from __future__ import annotations

import importlib
import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from jinja2 import Environment

from ..config import Settings
from ..errors import PublishError
from ..model import Article, Collection


@dataclass(frozen=True, slots=True)
class PrintPage:
    """Where one page of the PDF edition starts in the text, for EPUB page-list navigation."""

    label: str
    """The printed page number (页码) as it appears on the page."""
    article: str
    """Slug of the article the page starts in."""
    offset: int
    """Where the page starts: a character offset into the concatenated `plain_text` of
    `model.reading_order(article)` (no separators between sequences; a LineBreak counts one)."""


@dataclass(frozen=True, slots=True)
class Edition:
    """Everything a builder needs: the finished model and how to present it."""

    collection: Collection
    """The collection after text processing (pinyin readings are `Ruby` runs)."""
    settings: Settings
    """Sizes, paper, font, pinyin and per-format settings."""
    layouts: Environment
    """The template environment (project layouts over bundled ones)."""
    fallback_fonts: tuple[Path, ...] = ()
    """System fonts found for characters the bundled family lacks; embedded after it."""
    print_pages: tuple[PrintPage, ...] = field(default=())
    """The PDF edition's page starts, when this build also made the PDF."""
    article_keys: Mapping[str, str] = field(default_factory=dict)
    """Each article's key in the build cache, by slug (`pipeline.article_keys`): what the
    article as the builders get it depends on. Empty without a cache: nothing is read."""


@dataclass(frozen=True, slots=True)
class Output:
    """What a builder wrote."""

    files: tuple[Path, ...]
    """The files or folders written, inside the builder's output folder."""
    print_pages: tuple[PrintPage, ...] = ()
    """Page starts of a paginated output (the PDF), for the builders that follow."""


class Builder(Protocol):
    """The interface of an output format."""

    name: str
    """The format's name on the command line (pdf, epub, html, braille)."""

    def check(self, collection: Collection, settings: Settings) -> None:
        """Raise `SourceError` (or `PublishError`) for whatever `build` would reject in
        `collection` with `settings`, writing nothing: `build` runs the same checks, and
        `pipeline.check` (`publish check`) runs them for each format the project builds."""
        ...

    def kept(self, edition: Edition) -> frozenset[str]:
        """The slugs of the articles whose documents `build` would read back from the build
        cache for `edition`, checked readable: their bodies need no text processing.

        The pipeline asks before its second pass (`pipeline._with_bodies`): `edition`'s
        articles then have their titles processed (readings, as every page's neighbours and the
        index show them) and their bodies as loaded; `build` gets every body processed but
        those of the articles that every builder keeps. A builder that keeps no document per
        article (the PDF's parts, braille) returns an empty set."""
        ...

    def build(self, edition: Edition, out: Path) -> Output:
        """Write this format's files for `edition` into the folder `out`."""
        ...


def article_identifier(collection: Collection, article: Article) -> str:
    """A stable identifier for an article's own file (`per_article`): the same article of the
    same collection always gets the same one."""
    name = f"{collection.identifier}#{article.slug}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def article_file(out: Path, collection: Collection, article: Article, suffix: str) -> Path:
    """Where an article's own file goes (`per_article`): `SLUG-articles/ARTICLE.pdf`, beside
    the collection's, one folder for every format."""
    return out / f"{collection.slug}-articles" / f"{article.slug}{suffix}"


def fixed_date(collection: Collection) -> datetime | None:
    """The one date a build writes into its files (PDF metadata, EPUB's dcterms:modified and
    zip times, braille's PEF): SOURCE_DATE_EPOCH (the reproducible-builds convention) when
    set, else the collection's date, else its newest article's (a date without a zone taken
    as UTC); None when there is none. Never the time of the build: the same sources give the
    same bytes. Raises PublishError when SOURCE_DATE_EPOCH is not a whole number."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except (ValueError, OverflowError, OSError):
            raise PublishError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since "
                "1970: unset it or give an integer"
            ) from None
    if collection.date is not None:
        return collection.date
    dates = [article.date for article in collection.articles if article.date is not None]
    return max(dates, key=as_utc) if dates else None


def as_utc(moment: datetime) -> datetime:
    """A date without a zone (from the Python API: the loader gives zones) is taken as UTC,
    never as the building machine's local time, which would change the bytes."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


BUILDERS: dict[str, str] = {
    "pdf": "publish.builders.pdf:PdfBuilder",
    "epub": "publish.builders.epub:EpubBuilder",
    "html": "publish.builders.html:HtmlBuilder",
    "braille": "publish.builders.braille:BrailleBuilder",
}
"""Format name -> `module:class`, in build order: the PDF's page starts feed the EPUB."""


def get_builder(name: str) -> Builder:
    """The builder for a format name."""
    try:
        module, _, attribute = BUILDERS[name].partition(":")
    except KeyError:
        raise PublishError(f"unknown format {name!r}: use {', '.join(BUILDERS)}") from None
    builder: Builder = getattr(importlib.import_module(module), attribute)()
    return builder
