"""WeasyPrint: the print document laid out into pages, then painted into a PDF.

Builders step (PDF). Where the PDF builder calls WeasyPrint's API (`readings` and `textmap`
read its laid-out boxes too; `renumber` rewrites their page numbers for `parts`). Resources
go through the restricted URL fetcher: files inside the project and the bundled layouts and
fonts, data: URIs, no network.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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
) -> Any:
    """The laid-out WeasyPrint document of `markup` styled by `stylesheet`, in the colours
    of the PDF settings `pdf` (sRGB, or CMYK for the press: `press`)."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = url_fetcher(allowed_folders(collection), fallback_fonts)
    font_config = FontConfiguration()
    base = base_url(collection)
    sheet = CSS(string=stylesheet, base_url=base, url_fetcher=fetcher, font_config=font_config)
    html = HTML(string=markup, base_url=base, url_fetcher=fetcher)
    document = html.render(
        stylesheets=[sheet],
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
    target: Path,
    placements: Sequence[Sequence[Placement]],
    geo: Geometry,
    pdf: PdfSettings,
    identifier: str,
) -> None:
    """Paint `document` into the PDF file `target`, with pinyin readings where placed.

    Tagged by default (PDF/UA-1 tags with any variant that allows them, and the PDF/UA-1
    claim beside PDF/X-4: `press`); the file identifier is a hash of the content and the XMP
    document ID comes from `identifier`, so the same sources give the same bytes.
    """
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


def renumber(document: Any, first: int) -> None:
    """Print `first`, `first + 1`, ... where the pages of `document` print 1, 2, ...

    The page number is the text of a bottom margin box; it is replaced in the laid-out box
    and moved so that it stays centred (or right-aligned) where the stylesheet put it.
    """
    from weasyprint.formatting_structure import boxes
    from weasyprint.text.line_break import line_size

    for index, page in enumerate(document.pages):
        old, new = str(index + 1), str(first + index)
        for margin in page._page_box.children:
            if not (
                isinstance(margin, boxes.MarginBox) and margin.at_keyword.startswith("@bottom")
            ):
                continue
            for box in _text_boxes(margin):
                if box.text.strip() != old:
                    continue
                layout = box.pango_layout
                layout.text = box.text = new
                layout.reactivate(box.style)
                line, _ = layout.get_first_line()
                width, _ = line_size(line, box.style)
                layout.deactivate()
                shift = box.width - width
                if margin.at_keyword.endswith("center"):
                    shift /= 2
                elif margin.at_keyword.endswith("left"):
                    shift = 0
                box.position_x += shift
                box.width = width


def _text_boxes(box: Any) -> list[Any]:
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        return [box]
    return [found for child in getattr(box, "children", ()) for found in _text_boxes(child)]
