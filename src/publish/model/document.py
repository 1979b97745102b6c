"""The document model's values: inline runs, blocks, articles and collections.

Everything here is an immutable value. Steps that add information (pinyin readings, for
example) return new objects made with `dataclasses.replace`; nothing is filled in later.

One rule decides the field types: every text a reader sees in the body of an edition (titles,
headings, speakers, paragraphs, captions, cells) is `Inlines`, so that one annotation step can
give all of it pinyin; metadata used by machines and the metadata line (date, source, authors,
category, tags, slug, language) is `str`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeAlias, TypeVar

V = TypeVar("V", bound=type)


def _by_constructor(cls: V) -> V:
    """`cls` (a dataclass) pickled as a call of its constructor with its fields' values.

    The model crosses between processes (annotated articles from the pinyin workers, the PDF's
    parts to theirs, Dask's tasks): pickled so, it goes three times as fast both ways as the
    slots' state that frozen dataclasses pickle by default (200 annotated articles: 0.11 s
    against 0.37 s each way; docs/benchmarks.md)."""
    names = [item.name for item in fields(cls)]
    values: Callable[[Any], tuple[Any, ...]] = (
        attrgetter(*names)
        if len(names) > 1
        else lambda value: tuple(getattr(value, n) for n in names)
    )

    def reduce(value: Any) -> tuple[type, tuple[Any, ...]]:
        return type(value), values(value)

    cls.__reduce__ = reduce  # type: ignore[assignment]
    return cls


# --------------------------------------------------------------------------- inline runs


@_by_constructor
@dataclass(frozen=True, slots=True)
class Text:
    """A run of plain text."""

    text: str
    """The characters, exactly as in the source (whitespace normalised)."""


SELECTOR = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
"""A variation selector (VS1-16) or an ideographic variation selector (IVS, VS17-256): it
chooses the glyph of the character before it (Unicode 15, §23.4; the Ideographic Variation
Database), so it belongs to that character wherever text is cut or read."""


def units(text: str) -> tuple[str, ...]:
    """`text` as its characters, each with the variation selectors that follow it (葛 U+E0100
    is one unit); a selector with no character before it is a unit of its own."""
    found: list[str] = []
    for char in text:
        if found and SELECTOR.match(char):
            found[-1] += char
        else:
            found.append(char)
    return tuple(found)


def without_selectors(text: str) -> tuple[str, Sequence[int]]:
    """`text` without its variation selectors, and where each kept character stands in
    `text`: what the pinyin engine reads (its words and dictionaries know no selectors)."""
    if SELECTOR.search(text) is None:  # nearly every text: nothing to take out
        return text, range(len(text))
    kept = [i for i, char in enumerate(text) if not SELECTOR.match(char)]
    return "".join(text[i] for i in kept), kept


@_by_constructor
@dataclass(frozen=True, slots=True)
class Ruby:
    """A word of Han characters with one pinyin reading per character.

    Made by the pinyin step from `Text`; the source never contains it. A word of several
    characters lets builders set word-level ruby; character-level builders zip `base` with
    `readings`.
    """

    base: str
    """The Han characters of one word."""
    readings: tuple[str, ...]
    """One reading per character of `base` (a character with its variation selectors counts
    once, `chars`), in the chosen style (tone marks by default)."""
    zhuyin: tuple[str, ...] = ()
    """One zhuyin reading per character too, for a site that offers both (else empty)."""
    written: tuple[str, ...] = ()
    """For word ruby (`--pinyin-words`): one piece per character, the readings as GB/T 16159
    writes the word ("Xī", "'ān"; pinyin/orthography.py); else empty."""

    def chars(self) -> tuple[str, ...]:
        """The characters of `base`, each with its variation selectors (`units`): what
        `readings` count, and what a character-level builder sets over one reading."""
        return units(self.base)

    def pairs(self) -> Iterator[tuple[str, str]]:
        """Each character with its reading."""
        return zip(self.chars(), self.readings, strict=True)

    def triples(self) -> Iterator[tuple[str, str, str]]:
        """Each character with its reading and its zhuyin ("" when there is none)."""
        chars = self.chars()
        return zip(chars, self.readings, self.zhuyin or ("",) * len(chars), strict=True)

    def part(self, start: int, stop: int | None) -> Ruby:
        """The characters `start:stop` (counted as `chars`) with their readings."""
        return replace(
            self,
            base="".join(self.chars()[start:stop]),
            readings=self.readings[start:stop],
            zhuyin=self.zhuyin[start:stop],
            written=self.written[start:stop],
        )

    def between(self, start: int, stop: int) -> Ruby:
        """The characters of `base[start:stop]` (offsets in the text, as `plain_text` counts)
        with their readings; an offset just before a variation selector moves past it, which
        stays with its character."""
        starts, position = [], 0
        for char in self.chars():
            starts.append(position)
            position += len(char)

        def index(offset: int) -> int:
            return sum(1 for s in starts if s < offset)

        return self.part(index(start), index(stop))


@_by_constructor
@dataclass(frozen=True, slots=True)
class Emphasis:
    """Emphasised text (Markdown `*...*`)."""

    children: Inlines


@_by_constructor
@dataclass(frozen=True, slots=True)
class Strong:
    """Strongly emphasised text (Markdown `**...**`)."""

    children: Inlines


@_by_constructor
@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink."""

    href: str
    """The target as written in the source (absolute URL, `mailto:` or in-document `#id`)."""
    children: Inlines


@_by_constructor
@dataclass(frozen=True, slots=True)
class LineBreak:
    """A forced line break inside a block (a headline set over several lines)."""


@_by_constructor
@dataclass(frozen=True, slots=True)
class PageBreak:
    """Where a page of the print edition starts: a marker with no text of its own.

    Made by a builder from `PrintPage`s (the EPUB's page-list targets); the source never
    contains it, and it adds nothing to `plain_text`, so offsets are the same with or without it.
    """

    label: str
    """The printed page number as the page shows it."""
    number: int
    """The page's position in the print edition, from 1 (unique, so it names the marker)."""


Inline: TypeAlias = Text | Ruby | Emphasis | Strong | Link | LineBreak | PageBreak
Inlines: TypeAlias = tuple[Inline, ...]

# --------------------------------------------------------------------------- blocks


@_by_constructor
@dataclass(frozen=True, slots=True)
class Heading:
    """A heading inside an article. The article title is level 1, so body headings start at 2."""

    level: int
    """2 to 6 (rendered as h2 to h6)."""
    children: Inlines
    """The heading text; `LineBreak` separates the lines of a multi-line headline."""


@_by_constructor
@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of running text."""

    children: Inlines


@_by_constructor
@dataclass(frozen=True, slots=True)
class Quote:
    """A block quotation."""

    blocks: Blocks


@_by_constructor
@dataclass(frozen=True, slots=True)
class Signature:
    """The lines that close an official notice (落款): the issuing offices and the date, set
    at the right, two characters in from the edge (GB/T 9704-2012 §7.3.5)."""

    blocks: Blocks


@_by_constructor
@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bulleted or numbered list."""

    ordered: bool
    """True for a numbered list."""
    items: tuple[Blocks, ...]
    """Each item's blocks (usually one paragraph; nested lists are blocks too)."""
    start: int = 1
    """The number of the first item of a numbered list."""


@_by_constructor
@dataclass(frozen=True, slots=True)
class Figure:
    """An image with its text alternative and an optional caption."""

    image: Path
    """Absolute path of the image file, checked to exist inside the project at load time."""
    alt: str
    """The text alternative read by screen readers (required; may not be empty)."""
    caption: Inlines = ()
    """The visible caption, if any."""


@_by_constructor
@dataclass(frozen=True, slots=True)
class Table:
    """A table with one header row."""

    header: tuple[Inlines, ...]
    """The header cells."""
    rows: tuple[tuple[Inlines, ...], ...]
    """The body rows, each as long as the header."""
    caption: Inlines = ()
    """The table caption, if any."""


@_by_constructor
@dataclass(frozen=True, slots=True)
class Interview:
    """One interviewee's section: who speaks, the section headline and what follows."""

    name: Inlines
    """The interviewee's name (吕亚舟)."""
    role: Inlines
    """Unit and role, as the page gives them (绿园区总工会常务副主席)."""
    headline: Heading | None
    """The section's headline, often set over two or three lines."""
    blocks: Blocks
    """The section's own subheadings, quotes and paragraphs."""


Block: TypeAlias = Heading | Paragraph | Quote | Signature | ListBlock | Figure | Table | Interview
Blocks: TypeAlias = tuple[Block, ...]

# --------------------------------------------------------------------------- documents


@_by_constructor
@dataclass(frozen=True, slots=True)
class Article:
    """One article with its metadata and body."""

    slug: str
    """Stable identifier, unique in the collection; used for file names and anchors."""
    title: Inlines
    """The article title."""
    blocks: Blocks
    """The body."""
    source_path: Path
    """The source file, for messages (builders never read it)."""
    subtitle: Inlines = ()
    """An optional subtitle."""
    date: datetime | None = None
    """Publication date-time, timezone-aware (Asia/Shanghai when the source gives no zone)."""
    date_guessed: bool = False
    """The date was guessed (by `publish import`, from the page's URL), not read from the page."""
    source: str = ""
    """Where the article was first published (来源)."""
    authors: tuple[str, ...] = ()
    """Authors and editors, in the order given."""
    category: tuple[str, ...] = ()
    """Category path (breadcrumb), outermost first: ("要闻动态", "领导活动")."""
    language: str = "zh-Hans"
    """BCP 47 language tag."""
    tags: tuple[str, ...] = ()
    """Free keywords."""
    summary: str = ""
    """A one- or two-sentence summary."""
    pinyin: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """The article's own pinyin dictionary: (word, one reading per character) pairs."""

    @property
    def title_text(self) -> str:
        """The title as plain text (for metadata, file names and messages)."""
        return plain_text(self.title)

    @property
    def subtitle_text(self) -> str:
        """The subtitle as plain text."""
        return plain_text(self.subtitle)


@_by_constructor
@dataclass(frozen=True, slots=True)
class Collection:
    """A set of articles published together as one PDF, one EPUB and one site."""

    slug: str
    """Stable identifier; names the output files."""
    title: str
    """The collection title (cover, title page, running head)."""
    articles: tuple[Article, ...]
    """The articles, in reading order."""
    root: Path
    """The project folder: the only place resources may be read from."""
    identifier: str
    """A stable unique identifier (urn:uuid derived from the slug unless given)."""
    source_path: Path
    """The manifest, or the single article, the collection was loaded from (for messages)."""
    subtitle: str = ""
    """An optional subtitle."""
    publisher: str = ""
    """The publisher."""
    date: datetime | None = None
    """Publication date of the collection; also the fixed timestamp of reproducible outputs."""
    language: str = "zh-Hans"
    """BCP 47 language tag."""
    cover: Path | None = None
    """Cover image, if the manifest names one."""
    pinyin: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())
    """The collection's pinyin dictionary from `pinyin.yaml`."""

    authors: tuple[str, ...] = ()
    """The collection's own authors or editors (the manifest's `authors:`; a single article's
    authors when one article is built alone)."""

    @property
    def creators(self) -> tuple[str, ...]:
        """Who the whole book is by: its `authors`, else its publisher; never the author of one
        of its articles (a reader of six articles is not by the writer of one)."""
        return self.authors or ((self.publisher,) if self.publisher else ())


def plain_text(inlines: Inlines) -> str:
    """The characters of `inlines`, with line breaks as newlines."""
    parts: list[str] = []
    for run in inlines:
        match run:
            case Text(text=text):
                parts.append(text)
            case Ruby(base=base):
                parts.append(base)
            case Emphasis(children=c) | Strong(children=c) | Link(children=c):
                parts.append(plain_text(c))
            case LineBreak():
                parts.append("\n")
            case PageBreak():
                pass
    return "".join(parts)


def split_lines(runs: Inlines) -> list[Inlines]:
    """The lines of `runs`, set apart by its line breaks (empty lines kept: a break at either
    end, or two in a row)."""
    lines: list[list[Inline]] = [[]]
    for run in runs:
        if isinstance(run, LineBreak):
            lines.append([])
        else:
            lines[-1].append(run)
    return [tuple(line) for line in lines]


def merge_headlines(blocks: Iterable[Block]) -> Blocks:
    """Consecutive headings of one level made one headline set over several lines.

    The source format has no other way to write a multi-line headline (docs/sources.md), so
    the loader and the importer both apply it, and a model never holds what a source cannot
    say.
    """
    merged: list[Block] = []
    for block in blocks:
        previous = merged[-1] if merged else None
        if (
            isinstance(block, Heading)
            and isinstance(previous, Heading)
            and previous.level == block.level
        ):
            merged[-1] = Heading(block.level, (*previous.children, LineBreak(), *block.children))
        else:
            merged.append(block)
    return tuple(merged)


def walk_runs(runs: Inlines) -> Iterator[Inline]:
    """Every run, and every run inside emphasis and links, in reading order."""
    for run in runs:
        yield run
        if isinstance(run, Emphasis | Strong | Link):
            yield from walk_runs(run.children)


def rewrite_texts(runs: Inlines, change: Callable[[str, int], Iterable[Inline]]) -> Inlines:
    """`runs` with every `Text` replaced by `change(text, offset)`, the rest kept as it is.

    `offset` is where the text starts in `plain_text(runs)`, so a step that decided something
    on the whole sequence (readings, punctuation) can apply it run by run, inside emphasis and
    links too.
    """

    def walk(runs: Inlines, offset: int) -> tuple[Inlines, int]:
        out: list[Inline] = []
        for run in runs:
            match run:
                case Text(text=text):
                    out.extend(change(text, offset))
                    offset += len(text)
                case Emphasis(children=c) | Strong(children=c) | Link(children=c):
                    children, offset = walk(c, offset)
                    out.append(replace(run, children=children))
                case _:
                    out.append(run)
                    offset += len(plain_text((run,)))
        return tuple(out), offset

    return walk(runs, 0)[0]


def relink(runs: Inlines, resolve: Callable[[str], str | None]) -> Inlines:
    """`runs` with each link's target replaced by `resolve(target)`; a link it maps to None
    becomes its text (the EPUB's links that lead nowhere, the importer's links into a mirror)."""
    out: list[Inline] = []
    for run in runs:
        match run:
            case Link(href=href, children=children):
                target = resolve(href)
                inner = relink(children, resolve)
                if target is None:
                    out.extend(inner)
                else:
                    out.append(Link(target, inner))
            case Emphasis(children=children) | Strong(children=children):
                out.append(replace(run, children=relink(children, resolve)))
            case _:
                out.append(run)
    return tuple(out)
