"""WeasyPrint: the print document laid out into pages, then painted into a PDF.

Builders step (PDF). Where the PDF builder calls WeasyPrint's API (`readings` and `textmap`
read its laid-out boxes too; `without_page_numbers` and `only_digits` split the page
numbers from the pages for `parts`). Resources go through the restricted URL fetcher: files
inside the project and the bundled layouts and fonts (or their bytes, carried by a task), data:
URIs, no network.
"""

from __future__ import annotations

import re
import uuid
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ...config import PdfSettings
from ...model import Collection, iter_inlines, plain_text
from ..resources import allowed_folders, url_fetcher
from . import press
from .document import JOINER, base_url
from .geometry import Geometry
from .readings import Placement, ReadingPainter


def lay_out(
    markup: str,
    stylesheet: str,
    collection: Collection,
    fallback_fonts: Sequence[Path],
    pdf: PdfSettings,
    carried: Mapping[str, bytes] | None = None,
) -> Any:
    """The laid-out WeasyPrint document of `markup` styled by `stylesheet`, in the colours
    of the PDF settings `pdf` (sRGB, or CMYK for the press: `press`); `carried`: files the
    document reads, by URL, read by another process (`resources.url_fetcher`)."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    _forget_page_cascades()
    fetcher = url_fetcher(allowed_folders(collection), fallback_fonts, carried)
    font_config = FontConfiguration()
    base = base_url(collection)
    sheet = CSS(string=stylesheet, base_url=base, url_fetcher=fetcher, font_config=font_config)
    html = HTML(string=markup, base_url=base, url_fetcher=fetcher)
    # The presentational hints are those of HTML's attributes: an ordered list's `start`
    # ("3." after a paragraph that broke the list) counts from it only with them.
    document = html.render(
        stylesheets=[sheet],
        presentational_hints=True,
        font_config=font_config,
        color_profiles=press.color_profiles(pdf),
        output_intent=press.output_intent(pdf),
    )
    _label_bookmarks(document, collection)
    return document


def _label_bookmarks(document: Any, collection: Collection) -> None:
    """Headlines set over several lines get a space between their lines in the bookmarks.

    A bookmark's label is the heading's text (CSS `content(text)`), which joins the lines of a
    <br/>-broken headline without a separator: "创新方法 务求实效彰显新时期工会作用". The word
    joiners that keep a heading's last characters together (`document.JOINER`) are dropped.
    """
    labels: dict[str, str] = {}
    for article in collection.articles:
        for runs in (article.title, *iter_inlines(article.blocks)):
            text = plain_text(runs)
            if "\n" in text:
                labels[text.replace("\n", "")] = " ".join(text.split("\n"))
    for page in document.pages:
        page.bookmarks = [
            (level, labels.get(plain, plain), target, state)
            for level, label, target, state in page.bookmarks
            for plain in (label.replace(JOINER, ""),)
        ]


def write(
    document: Any,
    target: Path | BinaryIO,
    placements: Sequence[Sequence[Placement]],
    geo: Geometry,
    pdf: PdfSettings,
    identifier: str,
) -> None:
    """Paint `document` into the PDF file `target` (a path or a binary file), with pinyin
    readings where placed.

    Tagged by default (PDF/UA-1 tags with any variant that allows them, and the PDF/UA-1
    claim beside PDF/X-4: `press`); the file identifier is a hash of the content and the XMP
    document ID comes from `identifier`, so the same sources give the same bytes.
    """
    _keep_page_references()
    _compress_streams_once()
    painter = ReadingPainter(geo)
    for page, placed in zip(document.pages, placements, strict=True):
        if placed:
            page.paint = _painting(page.paint, painter, placed)

    def finish(document: Any, pdf_file: Any) -> None:
        press.finish(document, pdf_file, pdf)
        _fixed_xmp_ids(pdf_file, identifier)
        _list_item_bodies(pdf_file)
        if geo.marks:
            _bleed_boxes(pdf_file, geo.bleed_mm * 72 / 25.4)

    document.write_pdf(
        target,
        finisher=finish,
        pdf_tags=True,
        pdf_identifier=True,
        pdf_variant=pdf.variant,
        output_intent=press.output_intent(pdf),
    )


def _forget_page_cascades() -> None:
    """Make WeasyPrint forget each page's cascaded styles once their computed styles are set.

    WeasyPrint 70 cascades the @page rules into a dict keyed by page type, which holds each
    page's index, and then walks the whole dict for that page's margin boxes: every page
    walks the entries of every page before it, quadratic in a document's pages (a 614-page
    document: 0.95 of 22.6 s of CPU; docs/benchmarks.md, "The readings drawn"). The dict holds
    nothing else by then (the elements' entries are cleared once they are computed), and a
    page laid out again cascades its rules again, to the same entries: emptied after each
    page, it gives the styles WeasyPrint would.
    """
    from weasyprint.layout import page

    if page.set_page_type_computed_styles is _page_type_styles:
        return
    _own_page_styles[0] = page.set_page_type_computed_styles
    page.set_page_type_computed_styles = _page_type_styles


_own_page_styles: list[Any] = [None]
"""WeasyPrint's own `set_page_type_computed_styles` (`_forget_page_cascades`)."""


def _page_type_styles(page_type: Any, html: Any, style_for: Any) -> None:
    _own_page_styles[0](page_type, html, style_for)
    style_for.get_cascaded_styles().clear()


def _keep_page_references() -> None:
    """Make pydyf's `PDF.page_references` build its tuple once per page count.

    pydyf 0.13 builds the tuple of every page's reference each time it is read, and
    WeasyPrint 70 reads it for every structure element it tags: quadratic in a document's
    pages (a 175-page document: 0.3 s of CPU; a 600-page part some 4 s; docs/benchmarks.md,
    "Scale"). Pages are only ever appended to `Kids`, so a tuple kept with the length it was
    built at is the one pydyf would build. Kept on the PDF object, it goes with it.
    """
    import pydyf

    if getattr(pydyf.PDF.page_references, "fget", None) is _page_references:
        return
    _built[0] = pydyf.PDF.page_references.fget
    pydyf.PDF.page_references = property(_page_references)  # type: ignore[method-assign,assignment]


_built: list[Any] = [None]
"""pydyf's own `PDF.page_references` getter (`_keep_page_references`)."""


def _page_references(pdf: Any) -> tuple[bytes, ...]:
    count = len(pdf.pages["Kids"])
    kept = pdf.__dict__.get("_publish_page_references")
    if kept is None or kept[0] != count:
        kept = pdf.__dict__["_publish_page_references"] = (count, _built[0](pdf))
    return kept[1]  # type: ignore[no-any-return]


STREAM_LEVEL = 6
"""The zlib level of the PDF's streams (pages, fonts, object streams): zlib's default, as
`merge` writes. pydyf 0.13 hard-codes 9, which takes 3.3 times the CPU for 1.7 % less: the
streams of archive-100, 12.8 MB, take 0.73 s at 9 and 0.22 s at 6, to 2.85 and 2.90 MB
(docs/benchmarks.md, "Streams compressed once")."""


def _compress_streams_once() -> None:
    """Make pydyf compress each stream once while a PDF is written, at `STREAM_LEVEL`.

    pydyf 0.13 compresses a stream each time its `data` is read, and `PDF.write` reads every
    object's twice when it hashes them for the file identifier (WeasyPrint 70 asks for one):
    every page, font and object stream compressed twice (zlib was 7 % of a build's CPU).
    While a PDF is written nothing changes a stream, so the bytes of the first reading are
    those of the second; each stream read is held (and so keeps its `id`) until the write
    ends. Its own `zlib` is given one whose streams are compressed at `STREAM_LEVEL`.
    """
    import pydyf

    if pydyf.PDF.write is _write_once:
        return
    _own_write[0] = pydyf.PDF.write
    _own_data[0] = pydyf.Stream.data.fget
    pydyf.PDF.write = _write_once  # type: ignore[method-assign]
    pydyf.Stream.data = property(_stream_data)  # type: ignore[method-assign,assignment]
    pydyf.zlib = _StreamZlib  # type: ignore[attr-defined]


_own_write: list[Any] = [None]
"""pydyf's own `PDF.write` (`_compress_streams_once`)."""
_own_data: list[Any] = [None]
"""pydyf's own `Stream.data` getter (`_compress_streams_once`)."""
_writing: list[dict[int, tuple[Any, bytes]] | None] = [None]
"""While a PDF is written: each stream read, by `id`, with its bytes."""


def _write_once(pdf: Any, *args: Any, **kwargs: Any) -> Any:
    _writing[0] = {}
    try:
        return _own_write[0](pdf, *args, **kwargs)
    finally:
        _writing[0] = None


def _stream_data(stream: Any) -> bytes:
    written = _writing[0]
    if written is None:
        return _own_data[0](stream)  # type: ignore[no-any-return]
    kept = written.get(id(stream))
    if kept is None:
        kept = written[id(stream)] = (stream, _own_data[0](stream))
    return kept[1]


class _StreamZlib:
    """`zlib` as pydyf's streams use it, at `STREAM_LEVEL` whatever level pydyf asks for."""

    compress = staticmethod(zlib.compress)

    @staticmethod
    def compressobj(level: int = STREAM_LEVEL) -> Any:
        return zlib.compressobj(STREAM_LEVEL)


def _painting(paint: Any, painter: ReadingPainter, placed: Sequence[Placement]) -> Any:
    """A page's paint method that also draws the page's readings."""

    def paint_with_readings(stream: Any, scale: float = 1) -> None:
        paint(stream, scale)
        painter.paint(stream, scale, placed)

    return paint_with_readings


def _bleed_boxes(pdf: Any, bleed_pt: float) -> None:
    """Set each page's BleedBox to the real bleed around its TrimBox (the media box is larger
    when printer's marks are drawn: see `Geometry.media_bleed_mm`)."""
    import pydyf

    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page" and "TrimBox" in obj:
            left, top, right, bottom = (float(v) for v in obj["TrimBox"])
            obj["BleedBox"] = pydyf.Array(
                [left - bleed_pt, top - bleed_pt, right + bleed_pt, bottom + bleed_pt]
            )


def _list_item_bodies(pdf: Any) -> None:
    """Put every child of a list item other than its label into one `LBody`.

    PDF/UA-1 (ISO 14289-1 7.6, ISO 32000-1 14.8.4.3.3) allows only `Lbl` and `LBody` in an
    `LI`; WeasyPrint puts the blocks of an item with several (a paragraph and a nested list)
    straight into its `LI`. Only structure elements move: their marked content keeps its
    page and its place in the parent tree.
    """
    import pydyf

    def element(kid: Any) -> Any:
        """The structure element a kid refers to (WeasyPrint's kids are b"12 0 R")."""
        if isinstance(kid, bytes) and kid.endswith(b" 0 R"):
            candidate = pdf.objects[int(kid.split()[0])]
            return candidate if isinstance(candidate, pydyf.Dictionary) else None
        return None

    for item in list(pdf.objects):
        if not isinstance(item, pydyf.Dictionary) or item.get("S") != "/LI":
            continue
        kids = list(item.get("K", ()))
        loose = [k for k in kids if (e := element(k)) is not None and e.get("S") not in _LI_KIDS]
        if not loose:
            continue
        body = pydyf.Dictionary({"Type": "/StructElem", "S": "/LBody", "K": pydyf.Array(loose)})
        body["P"] = item.reference
        if "Pg" in item:
            body["Pg"] = item["Pg"]
        pdf.add_object(body)
        for kid in loose:
            element(kid)["P"] = body.reference
        first = kids.index(loose[0])
        item["K"] = pydyf.Array(
            [k for k in kids[:first] if k not in loose]
            + [body.reference]
            + [k for k in kids[first:] if k not in loose]
        )


_LI_KIDS = frozenset({"/Lbl", "/LBody"})

_XMP_ID = re.compile(rb"xmp\.did:[0-9a-fA-F-]{36}")


def _fixed_xmp_ids(pdf: Any, identifier: str) -> None:
    """WeasyPrint writes a random XMP DocumentID (PDF/X-4): derive it from the collection's
    identifier instead, so that two builds of the same sources are byte for byte the same."""
    reference = pdf.catalog.get("Metadata")
    if reference is None:
        return
    number = int(bytes(reference).split()[0])
    stream = pdf.objects[number]
    stable = f"xmp.did:{uuid.uuid5(uuid.NAMESPACE_URL, identifier)}".encode()
    stream.stream = [_XMP_ID.sub(stable, bytes(chunk)) for chunk in stream.stream]


def without_page_numbers(document: Any) -> tuple[tuple[int, str], ...]:
    """Take the page numbers off the pages of `document` (which print 1, 2, ...): the pages
    that had one, each with where its number was (`_place`). A part of a long collection is
    laid out before its first page number is known; `merge` draws them once it is, from
    `only_digits`.

    A page number is a bottom margin box whose text is the page's number; the text above it
    never depends on it (the box has its own place), so the pages are otherwise unchanged.
    """
    numbered = []
    for index, page in enumerate(document.pages):
        numbers = _page_number_boxes(page, str(index + 1))
        if numbers:
            box = page._page_box
            box.children = [child for child in box.children if child not in numbers]
            numbered.append((index, _place(numbers[0])))
    return tuple(numbered)


def _place(margin: Any) -> str:
    """Where a page number's box is: its kind, and the point it is centred on or aligned
    with, in CSS pixels (the box is as wide as the number)."""
    left, width = margin.border_box_x(), margin.border_width()
    anchor = left + width / 2 if margin.at_keyword.endswith("center") else left
    if margin.at_keyword.endswith("right"):
        anchor = left + width
    return f"{margin.at_keyword} {anchor:.2f} {margin.position_y:.2f}"


DIGITS = "0123456789"


@dataclass(frozen=True, slots=True)
class Digits:
    """How the page numbers of a document's pages are drawn, digit by digit (`only_digits`).

    `merge` draws a number as its digits side by side, each from the page of `pdf` that
    prints it, moved from where that page draws it (its left edge at `lefts[d]`, `widths[d]`
    wide, in PDF points) to its place in the number: centred on, or aligned with (`align`),
    the box the stylesheet set the number in, as WeasyPrint would have set it.
    """

    pdf: bytes
    lefts: tuple[float, ...]
    widths: tuple[float, ...]
    align: str
    """"left", "center" or "right"."""
    place: str
    """Where the number's box is (`without_page_numbers`): the digits fit only numbers there."""

    def offsets(self, number: str) -> list[tuple[int, float]]:
        """Each digit of `number` and how far right to move its page's drawing."""
        widths = [self.widths[int(d)] for d in number]
        if self.align == "center":
            start = self.lefts[0] + (self.widths[0] - sum(widths)) / 2
        elif self.align == "right":
            start = self.lefts[0] + self.widths[0] - sum(widths)
        else:
            start = self.lefts[0]
        placed = []
        for digit, width in zip(number, widths, strict=True):
            placed.append((int(digit), start - self.lefts[int(digit)]))
            start += width
        return placed


def only_digits(document: Any) -> Digits | None:
    """The ten digits, drawn where the page numbers of `document`'s first ten pages (which
    print 1, 2, ... 10) are: its pages print nothing else, the first 0, the second 1 ... (None:
    the pages print no number). A part of a long collection is laid out before its first page
    number is known; its numbers are drawn from these once it is (`without_page_numbers`).
    """
    from weasyprint.text.line_break import line_size

    if len(document.pages) < len(DIGITS):
        raise ValueError("the digits need ten pages")
    document.pages[len(DIGITS) :] = []
    lefts, widths, places = [], [], set()
    for index, page in enumerate(document.pages):
        numbers = _page_number_boxes(page, str(index + 1))
        page_box = page._page_box
        page_box.children = numbers
        page_box.background = page_box.canvas_background = None
        texts = [
            (margin, box)
            for margin in numbers
            for box in _text_boxes(margin)
            if box.text.strip() == str(index + 1)
        ]
        if len(texts) != 1:
            return None
        margin, box = texts[0]
        layout = box.pango_layout
        layout.text = box.text = DIGITS[index]
        layout.reactivate(box.style)
        line, _ = layout.get_first_line()
        width, _ = line_size(line, box.style)
        layout.deactivate()
        align = margin.at_keyword.removeprefix("@bottom-")
        shift = box.width - width
        shift = shift / 2 if align == "center" else 0 if align == "left" else shift
        box.position_x += shift
        box.width = width
        places.add(_place(margin))
        lefts.append(box.position_x * _PT_PER_PX)
        widths.append(width * _PT_PER_PX)
    if len(places) != 1:
        return None
    place = places.pop()
    align = place.split()[0].removeprefix("@bottom-")
    # At the streams' one level whether or not this process has written a PDF before (pydyf's
    # own is 9): the digits' bytes, and so a part's, are the same in every process.
    _compress_streams_once()
    return Digits(document.write_pdf(), tuple(lefts), tuple(widths), align, place)


_PT_PER_PX = 0.75
"""72 PDF points an inch, 96 CSS pixels."""


def _page_number_boxes(page: Any, number: str) -> list[Any]:
    """The bottom margin boxes of `page` that print `number`."""
    from weasyprint.formatting_structure import boxes

    return [
        margin
        for margin in page._page_box.children
        if isinstance(margin, boxes.MarginBox)
        and margin.at_keyword.startswith("@bottom")
        and any(box.text.strip() == number for box in _text_boxes(margin))
    ]


def _text_boxes(box: Any) -> list[Any]:
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        return [box]
    return [found for child in getattr(box, "children", ()) for found in _text_boxes(child)]
