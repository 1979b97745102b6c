"""Used text: the characters an edition sets, by weight, for the embedded font subsets.

Between the model and `subset`: the model's text (and pinyin readings) by the weight the
layouts set it in, plus what the builders' rendered documents show (`publish.shown`). The
coverage check reads the same text source by source (`source_texts`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from .. import cache
from ..model import (
    Article,
    Collection,
    Emphasis,
    Heading,
    Inlines,
    LineBreak,
    Link,
    Ruby,
    Strong,
    Text,
    slots,
)
from ..parallel import forked_processes, map_arguments
from .faces import BOLD


@dataclass(frozen=True, slots=True)
class UsedText:
    """The characters an edition sets, by weight (each a sorted string without duplicates)."""

    regular: str
    """Characters set in the regular weight (body text, pinyin, metadata)."""
    bold: str
    """Characters set in bold (titles, headings, speakers' names, table headers, strong)."""

    @property
    def all(self) -> str:
        """Every character, in either weight."""
        return _chars(self.regular + self.bold)

    def __or__(self, other: UsedText) -> UsedText:
        return UsedText(_chars(self.regular + other.regular), _chars(self.bold + other.bold))

    def for_weight(self, weight: int) -> str:
        """The characters set in `weight` (700 and above is bold)."""
        return self.bold if weight >= BOLD else self.regular


def _chars(text: str) -> str:
    return "".join(sorted(set(text)))


def used_text(
    collection: Collection,
    documents: Iterable[str | bytes] = (),
    extra: str = "",
    stylesheet: str = "",
    keys: Mapping[str, str] | None = None,
) -> UsedText:
    """The characters of an edition by weight: the model's text, its rendered documents, extra.

    Builders pass their rendered (X)HTML `documents` and the `stylesheet` they are rendered
    with, so that text the layouts add (labels, the metadata line, page numbers, navigation,
    `content:` strings) is embedded, in the weight the stylesheet sets it in; `extra` is added
    to both weights. `keys`: see `source_texts`.
    """
    regular, bold = _model_text(collection, keys)
    shown = markup_text(documents, stylesheet)
    return UsedText(_chars(regular + extra + shown.regular), _chars(bold + extra + shown.bold))


def _model_text(collection: Collection, keys: Mapping[str, str] | None) -> tuple[str, str]:
    """(regular, bold) text of a collection from the model, pinyin readings included."""
    texts = [(regular, bold) for _path, regular, bold in source_texts(collection, keys)]
    return "".join(r for r, _ in texts), "".join(b for _, b in texts)


def source_texts(
    collection: Collection, keys: Mapping[str, str] | None = None
) -> list[tuple[Path, str, str]]:
    """(file, regular characters, bold characters) of the manifest and of each article, each
    character once, in the order it first appears.

    `keys` are the articles' keys in the build cache (`Edition.article_keys`), given where the
    articles are as the pipeline prepared them: an article's characters found by an earlier
    build are read from the cache. Inside `reading_once`, an article read before is not read
    again. The others are read by forked processes from `READ_IN_PARALLEL_FROM` on: the
    coverage check waits for them on one core (docs/benchmarks.md)."""
    titles = collection.title + collection.subtitle
    manifest = (_distinct(titles + collection.publisher), _distinct(titles))
    sources = [(collection.source_path, *manifest)]
    store = cache.current() if keys else None
    read = _read_before.get()
    found: list[tuple[str, str] | None] = []
    for article in collection.articles:
        before = read.get(id(article)) if read is not None else None
        if before is not None and before[0] is article:
            found.append(before[1:])
            continue
        key = keys.get(article.slug) if store is not None and keys else None
        kept = store.get("characters", key) if store is not None and key else None
        if isinstance(kept, list) and len(kept) == 2 and all(isinstance(t, str) for t in kept):
            found.append((kept[0], kept[1]))
        else:
            found.append(None)
    todo = [article for article, chars in zip(collection.articles, found, strict=True) if not chars]
    workers = forked_processes(len(todo), READ_IN_PARALLEL_FROM)
    made = iter(map_arguments(_article_characters, todo, workers))
    for index, article in enumerate(collection.articles):
        chars = found[index]
        if chars is None:
            chars = next(made)
            key = keys.get(article.slug) if store is not None and keys else None
            if store is not None and key:
                store.put("characters", key, list(chars))
        if read is not None:
            read[id(article)] = (article, *chars)
        sources.append((article.source_path, *chars))
    return sources


READ_IN_PARALLEL_FROM = 200
"""Articles to read from which forked processes share them (they inherit the articles, and
send back only their characters; 200 articles take about 0.2 s)."""


def _article_characters(article: Article) -> tuple[str, str]:
    """(regular, bold) characters of an article, each once, in order of appearance."""
    regular, bold = _article_text(article)
    return _distinct(regular), _distinct(bold)


_read_before: ContextVar[dict[int, tuple[Article, str, str]] | None] = ContextVar(
    "publish_characters_read", default=None
)
"""Inside `reading_once`: the characters of each article read so far, by the article's id
(the article is kept with them, so that its id names it until the build ends)."""


@contextmanager
def reading_once() -> Iterator[None]:
    """Within: `source_texts` reads each article (its model object) once. A build reads its
    articles' characters for the coverage check, then for each format's fonts; without the
    build cache, each time was a walk of every article (2 s of CPU a 1,000 on a slow machine)."""
    token = _read_before.set({})
    try:
        yield
    finally:
        _read_before.reset(token)


def _distinct(text: str) -> str:
    return "".join(dict.fromkeys(text))


def _article_text(article: Article) -> tuple[str, str]:
    """(regular, bold) text of an article: its runs by weight, then its metadata line."""
    regular: list[str] = []
    bold: list[str] = []
    for runs, strong in _weighted_runs(article):
        (bold if strong else regular).append(_visible(runs, strong, bold, regular))
    regular.extend(_metadata_strings(article))
    return "".join(regular), "".join(bold)


def _weighted_runs(article: Article) -> Iterator[tuple[Inlines, bool]]:
    """Every run sequence of an article, in reading order, with whether the layouts set it in
    bold: titles, headings (an interview's headline is one), table headers, speakers' names."""
    for slot in slots(article):
        yield slot.runs, isinstance(slot.owner, Heading) or slot.field in _BOLD_FIELDS


_BOLD_FIELDS = frozenset({"title", "subtitle", "header", "name"})
"""The `model.Slot` fields the layouts set in bold, besides headings' text."""


def _visible(runs: Inlines, strong: bool, bold: list[str], regular: list[str]) -> str:
    """The text of `runs`; <strong> parts go to `bold` directly, and readings to both weights
    (the layouts set ruby text in the regular weight, in headings too)."""
    parts: list[str] = []
    for run in runs:
        match run:
            case Text(text=text):
                parts.append(text)
            case Ruby(base=base, readings=readings, zhuyin=zhuyin):
                # Readings go to both faces: the layouts set them in the regular weight, but a
                # reading system's own stylesheet may leave them bold inside headings.
                parts.append(base)
                regular.append("".join(readings + zhuyin))
                bold.append("".join(readings + zhuyin))
            case Strong(children=c):
                bold.append(_visible(c, True, bold, regular))
            case Emphasis(children=c) | Link(children=c):
                parts.append(_visible(c, strong, bold, regular))
            case LineBreak():
                pass
    return "".join(parts)


def _metadata_strings(article: Article) -> list[str]:
    """Metadata that appears on the page (the metadata line), as plain strings."""
    date = article.date.strftime("%Y年%m月%d日 %H:%M") if article.date else ""
    return [article.source, *article.authors, *article.category, *article.tags, date]


def markup_text(documents: Iterable[str | bytes], stylesheet: str = "") -> UsedText:
    """The characters (X)HTML `documents` show rendered with `stylesheet`, by the weight that
    sets them (see `publish.shown`)."""
    from ..shown import shown_text

    regulars: list[str] = []
    bolds: list[str] = []
    for document in documents:
        regular, bold = shown_text(document, stylesheet)
        regulars.append(regular)
        bolds.append(bold)
    # Sorted once: merging document by document sorted the set again for each of them.
    return UsedText(_chars("".join(regulars)), _chars("".join(bolds)))


def union(texts: Iterable[UsedText]) -> UsedText:
    """Every character of `texts`, by weight (sorted once, not text by text)."""
    found = list(texts)
    return UsedText(
        _chars("".join(text.regular for text in found)),
        _chars("".join(text.bold for text in found)),
    )
