"""The print document: the HTML and CSS of `layouts/print/`, and the PDF's metadata.

Builders step (PDF). Renders the print templates from the model and the page geometry; nothing
here knows WeasyPrint. The document's metadata (title, authors, subject, keywords, language,
dates) is written as HTML <meta> elements, which WeasyPrint turns into the PDF's Info and XMP.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from pathlib import Path
from unicodedata import east_asian_width

from jinja2 import Environment
from markupsafe import Markup

from ..._version import __version__
from ...endings import line_endings, split_ending
from ...fonts.faces import (
    font_faces,
    font_stack,
    other_script_stacks,
    print_family,
    text_width_em,
)
from ...layouts import bundled_layout, render
from ...model import (
    Article,
    Block,
    Collection,
    Emphasis,
    Figure,
    Heading,
    Inline,
    Inlines,
    Ruby,
    Strong,
    Text,
    map_blocks,
    plain_text,
)
from ...punctuation import CLOSING, HAN
from .. import Edition, fixed_date
from ..links import in_one_document
from .balance import balanced_width
from .geometry import LINE_HEIGHT, MM_PER_PT, PINYIN_LINE_HEIGHT, Geometry
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
    authors = collection.creators
    if single:
        subject = single.summary or single.subtitle_text or collection.subtitle
    else:
        subject = collection.subtitle or "、".join(a.title_text for a in collection.articles)
    keywords = tuple(dict.fromkeys(t for a in collection.articles for t in (*a.category, *a.tags)))
    return Metadata(title, authors, subject, keywords, collection.language, fixed_date(collection))


def stylesheet(edition: Edition, geo: Geometry) -> str:
    """The print stylesheet for this edition's sizes, paper and fonts."""
    settings = edition.settings
    family = print_family(settings)
    faces = [
        {
            "family": family if face.family == settings.font.css_name else face.family,
            "url": face.path.as_uri(),
            "weight": face.weight,
        }
        for face in font_faces(settings, edition.fallback_fonts)
    ]
    return render(
        edition.layouts,
        "print/style.css",
        settings=settings,
        geo=geo,
        font_faces=faces,
        font_stack=font_stack(settings, edition.fallback_fonts, family=family),
        script_stacks=other_script_stacks(settings, edition.fallback_fonts, family=family),
        line_height=LINE_HEIGHT,
        pinyin_line_height=PINYIN_LINE_HEIGHT,
        pinyin_pads=pad_classes() if settings.pinyin else [],
        facing=geo.facing,
        single=len(edition.collection.articles) == 1,
    )


def html(
    edition: Edition,
    geo: Geometry,
    meta: Metadata,
    *,
    articles: Sequence[Article] | None = None,
    front: bool = True,
    body: bool = True,
    toc_pages: Mapping[str, str] | None = None,
    listed: slice = slice(None),
) -> str:
    """The print document: cover and contents (collections), then every article.

    A long collection is laid out in parts (`parallel`): the cover and contents alone
    (`body=False`, with the page numbers `toc_pages` found by laying out the articles), and
    runs of `articles` without them (`front=False`). A long contents is laid out in pieces
    (`front`): each lists the entries `listed`, the cover only in the first.
    """
    settings = edition.settings
    collection = edition.collection
    cells = None
    if settings.pinyin:
        regular = font_faces(settings, edition.fallback_fonts)[0].path
        cells = PinyinCells(regular, geo)
    single = len(collection.articles) == 1
    slugs = {a.slug for a in collection.articles}
    return render(
        edition.layouts,
        "print/collection.html",
        collection=collection,
        articles=tuple(
            joined_endings(in_one_document(a, slugs))
            for a in (collection.articles if articles is None else articles)
        ),
        front=front and not single,
        listed=collection.articles[listed],
        opening=not listed.start,
        body=body,
        toc_pages=toc_pages,
        settings=settings,
        meta=meta,
        generator=f"publish {__version__}",
        single=single,
        image_url=_image_url,
        pinyin_pad=cells.pad if cells else _no_pad,
        balanced=balanced_headings(edition, geo, cells),
        ruby_markup=ruby_markup(edition.layouts, cells.pad if cells else _no_pad),
        latin_segments=latin_segments,
        running_head=running_heads(edition, geo),
    )


def balanced_headings(
    edition: Edition, geo: Geometry, cells: PinyinCells | None
) -> Callable[[Sequence[Inline], int], Markup]:
    """The `style` attribute balancing a heading of level 1 to 4 (0: the subtitle, at the body
    size) on even lines (balance.py), or nothing where it takes one line."""
    regular = font_faces(edition.settings, edition.fallback_fonts)[0].path
    text_em = geo.text_width_mm / (geo.body_pt * MM_PER_PT)

    def width(char: str, reading: str) -> float:
        if char == JOINER:
            return 0.0
        # `char` may carry variation selectors (balance.py): its width is its first code point's.
        if east_asian_width(char[0]) not in ("F", "W"):
            # letters and digits keep their own spacing
            return text_width_em(regular, char, edition.fallback_fonts)
        return cells.cell_em(reading) if cells else 1.0

    def style(runs: Sequence[Inline], level: int) -> Markup:
        font_em = geo.heading_em[level - 1] if level else 1.0
        measure = balanced_width(runs, text_em / font_em, width)
        return Markup(f' style="max-width: {measure:g}em"') if measure else Markup("")

    return style


def ruby_markup(env: Environment, pad: Callable[[str], str]) -> Callable[[Ruby], Markup]:
    """The `ruby` macro of print/ruby.html, each character with its reading rendered once.

    The bundled macro writes a run as its characters' markups one after another (a padding
    class or the bare character), so a run is joined from them: a macro call per character
    was a third of the print HTML's render time (29 articles: 0.44 of 1.29 s;
    docs/benchmarks.md, "Scale"). A project's own print/ruby.html is rendered a run at a time.
    """
    template = env.get_template("print/ruby.html")
    macro = template.make_module({"pinyin_pad": pad}).ruby  # type: ignore[attr-defined]
    by_character = template.filename == bundled_layout("print", "ruby.html")

    @cache
    def character(char: str, reading: str) -> str:
        return str(macro(Ruby(char, (reading,))))

    def ruby(run: Ruby) -> Markup:
        if by_character:
            return Markup("".join(character(char, reading) for char, reading in run.pairs()))
        return Markup(macro(run))

    return ruby


def running_heads(edition: Edition, geo: Geometry) -> Callable[[str], str]:
    """A function shortening a text to fit a running head, ending it with "…" if cut.

    WeasyPrint's `text-overflow: ellipsis` draws the ellipsis but maps its glyph to the wrong
    text (copying or extracting a page's head gives characters from elsewhere), so heads are
    cut here, measured in the faces that set them (the regular face, then the fallbacks for
    what it lacks), and the "…" is a real character.
    """
    regular = font_faces(edition.settings, edition.fallback_fonts)[0].path
    fallbacks = edition.fallback_fonts
    single = len(edition.collection.articles) == 1
    # Two heads share the line in a collection (48 % each), one has it all otherwise.
    width_em = geo.text_width_mm * (1 if single else 0.48) / (geo.running_pt * MM_PER_PT)

    def fit(text: str) -> str:
        text = " ".join(text.split())
        if text_width_em(regular, text, fallbacks) <= width_em:
            return text
        while text and text_width_em(regular, text + "…", fallbacks) > width_em:
            text = text[:-1]
        return text.rstrip() + "…"

    return fit


_LATIN = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+(?:[ .,:/'’+%-]+[0-9A-Za-z\u00c0-\u024f]+)*")


def latin_segments(text: str) -> list[tuple[str, bool]]:
    """`text` cut into (segment, is a run of Latin words or digits) pieces, in order."""
    segments: list[tuple[str, bool]] = []
    position = 0
    for match in _LATIN.finditer(text):
        if match.start() > position:
            segments.append((text[position : match.start()], False))
        segments.append((match.group(), True))
        position = match.end()
    if position < len(text):
        segments.append((text[position:], False))
    return segments


def _image_url(figure: Figure) -> str:
    return figure.image.as_uri()


def _no_pad(reading: str) -> str:
    return ""


def base_url(collection: Collection) -> str:
    """Relative URLs in a layout resolve against the project folder."""
    return Path(collection.root).resolve().as_uri() + "/"


# --------------------------------------------------------------------------- last lines

JOINER = "\u2060"
"""A word joiner (UAX #14 LB11: no break on either side), set alone in a `Text` run that the
print layout wraps in a span without letter-spacing, so that it takes no cell of the grid."""


def joined_endings(article: Article) -> Article:
    """`article` with the last two Han characters of its title, its subtitle and each line of
    its headings joined, so that none is left alone on a last line ("效", "谈", "晓》"):
    WeasyPrint has no `text-wrap: balance`, which the site and the EPUB use. A title's last
    character alone is the first thing a reader sees (issue 14, defect 3).

    Print only: the joiner stays out of the PDF's text (pdftotext, copy and search read
    "清楚", not "清\u2060楚"), where on the site and in an EPUB it would be in the text.
    Paragraphs need no joiner: every format keeps their ending in a nowrap span
    (common/blocks.html), which WeasyPrint honours too."""
    return replace(
        article,
        title=_join_lines(article.title),
        subtitle=_join_lines(article.subtitle),
        blocks=map_blocks(article.blocks, _joined),
    )


def _joined(block: Block) -> Block:
    match block:
        case Heading(children=runs):
            return replace(block, children=_join_lines(runs))
    return block


def _join_lines(runs: Inlines) -> Inlines:
    """A joiner before the last Han character of each line (lines end at `LineBreak`), where
    `line_endings` puts a paragraph's ending: past the closing marks after them ("《春晓》"),
    into emphasis, never into a link (WeasyPrint would tag the joiner's span outside the
    link's structure element, PDF/UA-1's LINK-TAG rule)."""
    out: list[Inline] = []
    for piece, ending in line_endings(runs):
        out.extend(_joined_ending(piece) if ending else piece)
    return tuple(out) if Text(JOINER) in out else runs


def _joined_ending(ending: Inlines) -> Inlines:
    """The ending with a joiner between its last two characters when both are Han and only
    closing marks follow ("版本 2.0" is left as it is)."""
    head, last = split_ending(ending, han=1)
    if not _ends_han(head) or plain_text(last)[1:].strip().strip(CLOSING):
        return ending
    return (*head, Text(JOINER), *last)


def _ends_han(runs: Inlines) -> bool:
    """Whether the last character of `runs` is Han."""
    if not runs:
        return False
    match runs[-1]:
        case Ruby() as last:
            chars = last.chars()  # the last character's selectors are part of it
            return bool(chars) and bool(HAN.match(chars[-1][0]))
        case Text(text=text):
            return bool(text) and bool(HAN.match(text[-1]))
        case Emphasis(children=children) | Strong(children=children):
            return _ends_han(children)
    return False
