"""The braille builder: a Chinese braille edition, with readings decided in context.

Builders step. Chinese braille spells syllables, not characters, so the edition is only as
right as its readings: they come from the project's pinyin engine (the collection's and each
article's dictionaries applied, as for print), read without the sandhi of 一 and 不, since
braille spells citation tones. Then:
1. document.py: the articles as blocks of text with their places (title, headings, ...);
2. the engine analyses every text of an article at once (`annotate.analyse_texts`);
3. words.py: each text in braille words (syllables.py spells the syllables, from data that
   scripts/make_braille_tables.py derives from liblouis's tables);
4. layout.py: lines and 40 x 25 pages, a contents page first;
5. formats.py: `SLUG.brf`, `SLUG.pef` and `SLUG-braille.txt`.

Systems (`output.braille.system`): `cbs`, 国家通用盲文 (GF 0019-2018 《国家通用盲文方案》),
and `current`, 现行盲文; rule sources are cited in syllables.py, words.py and layout.py.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ...config import Settings
from ...errors import PublishError
from ...model import Collection
from ...pinyin.analysis import Analysis
from ...progress import report
from ...punctuation import normalize_punctuation
from .. import Edition, Output, fixed_date
from .document import TextBlock, article_blocks
from .layout import (
    TEXT_LINES,
    Block,
    Page,
    Placement,
    contents_lines,
    make_page,
    paginate,
    set_lines,
)
from .syllables import System, system
from .words import BLANK, Translation, translate

log = logging.getLogger("publish")

CONTENTS = "目录"
"""The contents page's heading."""


@dataclass(frozen=True, slots=True)
class BrailleEdition:
    """The braille edition of a collection, before it is written."""

    pages: tuple[Page, ...]
    """Every page: the title and contents pages, then the articles."""
    paragraphs: tuple[str, ...]
    """Each block on one line, for the text file ("" for a blank line)."""
    untranslated: tuple[str, ...]
    """Characters written as their code point, once each."""


class BrailleBuilder:
    """Writes `SLUG.brf`, `SLUG.pef` and `SLUG-braille.txt`."""

    name = "braille"

    def check(self, collection: Collection, settings: Settings) -> None:
        check(collection, settings)  # what `build` translates, without writing it

    def kept(self, edition: Edition) -> frozenset[str]:
        """None: it keeps no document per article (`Builder.kept`)."""
        return frozenset()

    def build(self, edition: Edition, out: Path) -> Output:
        """Write the three braille files of `edition` into `out`."""
        from . import formats

        collection = edition.collection
        report("生成盲文", 0, 1)
        braille = braille_edition(collection, edition.settings)
        when = fixed_date(collection)
        targets = (
            out / f"{collection.slug}.brf",
            out / f"{collection.slug}.pef",
            out / f"{collection.slug}-braille.txt",
        )
        targets[0].write_bytes(formats.brf(braille.pages))
        targets[1].write_bytes(
            formats.pef(
                braille.pages,
                title=collection.title,
                language=collection.language,
                identifier=collection.identifier,
                when=when.date() if when is not None else None,
            )
        )
        targets[2].write_bytes(formats.text(braille.paragraphs))
        return Output(targets)


def check(collection: Collection, settings: Settings) -> tuple[str, ...]:
    """The characters the braille edition would write as code points, each warned about
    (`publish check` when the formats include braille); PublishError when strict."""
    return braille_edition(collection, settings).untranslated


def braille_edition(collection: Collection, settings: Settings) -> BrailleEdition:
    """The pages and paragraphs of `collection` in the braille system `settings` give."""
    from ...pinyin.annotate import analyse_texts, declared_names

    spelling = system(settings.braille.system)
    # Half-width marks in Chinese text are the full-width ones (punctuation.py): braille
    # spells the Chinese marks, whatever the print edition keeps.
    articles = [
        [replace(b, text=normalize_punctuation(b.text)) for b in article_blocks(article)]
        for article in collection.articles
    ]
    front = [collection.title, CONTENTS]
    texts = [[b.text for b in blocks] for blocks in articles]
    texts[0] = front + texts[0]
    # Braille spells citation tones: the engine's readings without the sandhi of 一 and 不.
    analyses = analyse_texts(
        collection.articles, collection, replace(settings, sandhi=False), texts
    )
    untranslated: list[str] = []

    def braille(
        text: str, found: dict[str, Analysis], names: frozenset[str] = frozenset()
    ) -> Translation:
        translation = translate(text, found.get(text) or _plain(text), spelling, names)
        untranslated.extend(translation.untranslated)
        return translation

    body: list[Block] = []
    paragraphs: list[str] = []
    titles: list[Translation] = []
    for blocks, found, article in zip(articles, analyses, collection.articles, strict=True):
        reported = len(untranslated)
        names = frozenset(declared_names(article))
        for text_block in blocks:
            block = _block(text_block, braille(text_block.text, found, names), spelling)
            if text_block.place.anchor:
                titles.append(braille(text_block.text, found))
            body.append(block)
            if block.place.blank_before or (block.place.new_page and paragraphs):
                paragraphs.append("")
            paragraphs.extend(_paragraph(block))
        _report(article.source_path, untranslated[reported:], settings.strict)
    reported = len(untranslated)
    title = braille(collection.title, analyses[0])
    heading = braille(CONTENTS, analyses[0])
    _report(collection.source_path, untranslated[reported:], settings.strict)
    pages = _pages(body, titles, collection, title, heading)
    front_paragraphs = [BLANK.join(w.cells for line in title.lines for w in line), ""]
    return BrailleEdition(
        tuple(pages), tuple(front_paragraphs + paragraphs), tuple(dict.fromkeys(untranslated))
    )


def _pages(
    body: list[Block],
    titles: list[Translation],
    collection: Collection,
    title: Translation,
    heading: Translation,
) -> list[Page]:
    """The title and contents pages, then the body, numbered from 1."""
    head = [
        Block(title.lines, Placement(centred=True)),
        Block(heading.lines, Placement(centred=True, blank_before=True)),
    ]
    front_count = 1
    body_lines = [set_lines(block) for block in body]
    while True:
        pages, anchors = paginate(body, front_count + 1, body_lines)
        entries = [
            (tuple(w for line in t.lines for w in line), anchors[a.slug])
            for t, a in zip(titles, collection.articles, strict=True)
        ]
        lines: list[str] = []
        for block in head:
            lines += ["", *set_lines(block)] if block.place.blank_before else set_lines(block)
        lines += ["", *contents_lines(entries)]
        front = _front_pages(lines)
        if len(front) == front_count:
            return front + pages
        front_count = len(front)


def _front_pages(lines: list[str]) -> list[Page]:
    """The title and contents lines on pages numbered from 1."""
    chunks = [lines[i : i + TEXT_LINES] for i in range(0, len(lines), TEXT_LINES)] or [[]]
    return [make_page(chunk, number) for number, chunk in enumerate(chunks, start=1)]


def _block(text_block: TextBlock, translation: Translation, spelling: System) -> Block:
    lines = translation.lines
    if text_block.prefix:
        prefix = translate(text_block.prefix, _plain(text_block.prefix), spelling).words
        lines = ((*prefix, *lines[0]), *lines[1:])
    return Block(lines, text_block.place)


def _paragraph(block: Block) -> list[str]:
    """A block on one line for the text file (the lines of a headline a blank cell apart)."""
    return [BLANK.join(word.cells for words in block.lines for word in words)]


def _plain(text: str) -> Analysis:
    """The analysis of a text with no Han character (a list item's number)."""
    return Analysis(text, (None,) * len(text), ((0, len(text)),) if text else (), ())


def _report(where: Path, untranslated: Sequence[str], strict: bool) -> None:
    """Warn once per character written as its code point (an error when strict)."""
    chars = list(dict.fromkeys(untranslated))
    if not chars:
        return
    shown = ", ".join(f"{c} (U+{ord(c[0]):04X})" for c in chars)
    if strict:
        raise PublishError(f"{where}: no braille for {shown}: add a reading to pinyin.yaml")
    log.warning("%s: no braille for %s: written as its code point", where, shown)
