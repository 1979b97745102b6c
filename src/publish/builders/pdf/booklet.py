"""Saddle-stitch imposition: the PDF's pages two to a sheet side, in signature order.

Builders step (PDF), after the PDF is written. A saddle-stitched booklet is a stack of sheets
folded once: each sheet carries four pages, two on each side. For n pages (padded with blank
pages to a multiple of four), sheet k (from 0) has pages n-2k and 2k+1 on its front and 2k+2
and n-2k-1 on its back (1-based page numbers), left then right.

Pages are taken at their trim box, so bleed and printer's marks never reach the sheet: each
page becomes a form XObject clipped to its trim box. The imposed file drops the tags and
bookmarks (they would point at the wrong places), so it is for the press only: its title and
subject say so, and the builder says so when it writes it. Made with pypdf (BSD licence).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

BOOKLET_NOTE = "骑马订拼版，仅供印刷"
"""Saddle-stitch imposition, for the press only (said in the booklet's title)."""


def signature_order(pages: int) -> list[tuple[int | None, int | None]]:
    """The (left, right) page numbers (1-based; None for a blank) of every sheet side, in
    printing order: front of sheet 1, back of sheet 1, front of sheet 2, ..."""
    total = -(-pages // 4) * 4
    sides: list[tuple[int | None, int | None]] = []

    def page(number: int) -> int | None:
        return number if number <= pages else None

    for sheet in range(total // 4):
        sides.append((page(total - 2 * sheet), page(2 * sheet + 1)))
        sides.append((page(2 * sheet + 2), page(total - 2 * sheet - 1)))
    return sides


def impose(source: Path, target: Path, title: str) -> None:
    """Write the saddle-stitch imposition of the PDF `source` to `target`."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    reader = PdfReader(source)
    writer = PdfWriter()
    forms = []
    for page in reader.pages:
        trim = page.trimbox
        contents = page.get_contents()
        form = DecodedStreamObject()
        form.set_data(contents.get_data() if contents is not None else b"")
        form.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject(
                    FloatObject(v) for v in (trim.left, trim.bottom, trim.right, trim.top)
                ),
                NameObject("/Resources"): page["/Resources"].clone(writer),
            }
        )
        forms.append((writer._add_object(form.flate_encode()), trim))

    width = float(forms[0][1].width)
    height = float(forms[0][1].height)
    for left, right in signature_order(len(forms)):
        sheet = writer.add_blank_page(2 * width, height)
        names = DictionaryObject()
        content = []
        for slot, number in enumerate((left, right)):
            if number is None:
                continue
            reference, trim = forms[number - 1]
            name = NameObject(f"/P{number}")
            names[name] = reference
            x = slot * width - float(trim.left)
            y = -float(trim.bottom)
            content.append(f"q 1 0 0 1 {x:.4f} {y:.4f} cm {name} Do Q")
        stream = DecodedStreamObject()
        stream.set_data(" ".join(content).encode())
        sheet[NameObject("/Contents")] = writer._add_object(stream.flate_encode())
        sheet[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): names})

    # The press needs the output condition the pages were made for (FOGRA39 for CMYK).
    intents = reader.root_object.get("/OutputIntents")
    if intents is not None:
        writer.root_object[NameObject("/OutputIntents")] = intents.clone(writer)

    info: dict[str, Any] = dict(reader.metadata or {})
    writer.add_metadata(
        {
            "/Title": TextStringObject(f"{title}（{BOOKLET_NOTE}）"),
            "/Subject": TextStringObject(
                f"{BOOKLET_NOTE}：saddle-stitch imposition for the press only; no accessibility "
                f"tags. Readers: use {source.name}."
            ),
            "/Producer": TextStringObject(str(info.get("/Producer", "publish"))),
            **{key: info[key] for key in ("/Author", "/CreationDate", "/ModDate") if key in info},
        }
    )
    temporary = target.with_suffix(".part")
    with temporary.open("wb") as stream_out:
        writer.write(stream_out)
    temporary.replace(target)
