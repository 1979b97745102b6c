"""The braille edition's files: BRF for embossers, PEF, and Unicode braille text.

Braille step, last part: pages from layout.py written as
- `SLUG.brf`: North American Braille ASCII (liblouis `en-us-brf.dis`), lines ended by CR LF,
  a form feed after each page;
- `SLUG.pef`: PEF 1.0 (DAISY, *Portable Embosser Format* 2008-1): the same pages as Unicode
  braille rows, with Dublin Core metadata (format, identifier, title, language, date);
- `SLUG-braille.txt`: Unicode braille, one paragraph per line, for refreshable displays.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import date

from .layout import LINES, WIDTH, Page
from .syllables import symbols

PEF_NS = "http://www.daisy.org/ns/2008/pef"
DC_NS = "http://purl.org/dc/elements/1.1/"


def brf(pages: Sequence[Page]) -> bytes:
    """The pages in Braille ASCII: 25 lines each, CR LF line ends, a form feed between pages."""
    table = symbols().ascii
    out = []
    for page in pages:
        lines = ["".join(table[cell] for cell in line).rstrip(" ") for line in page.lines]
        out.append("\r\n".join(lines) + "\r\n")
    return "\f".join(out).encode("ascii")


def pef(
    pages: Sequence[Page], *, title: str, language: str, identifier: str, when: date | None
) -> bytes:
    """The pages as a PEF 1.0 document: one volume, one section, single-sided. `when` is
    the date written (none when the sources give none: the same sources, the same bytes)."""
    ET.register_namespace("", PEF_NS)
    ET.register_namespace("dc", DC_NS)
    root = ET.Element(f"{{{PEF_NS}}}pef", version="2008-1")
    meta = ET.SubElement(ET.SubElement(root, f"{{{PEF_NS}}}head"), f"{{{PEF_NS}}}meta")
    for name, value in (
        ("format", "application/x-pef+xml"),
        ("identifier", identifier),
        ("title", title),
        ("language", language),
        ("date", when.isoformat() if when is not None else ""),
    ):
        if value:
            ET.SubElement(meta, f"{{{DC_NS}}}{name}").text = value
    volume = ET.SubElement(
        ET.SubElement(root, f"{{{PEF_NS}}}body"),
        f"{{{PEF_NS}}}volume",
        cols=str(WIDTH), rows=str(LINES), rowgap="0", duplex="false",
    )  # fmt: skip
    section = ET.SubElement(volume, f"{{{PEF_NS}}}section")
    for page in pages:
        element = ET.SubElement(section, f"{{{PEF_NS}}}page")
        for line in page.lines:
            ET.SubElement(element, f"{{{PEF_NS}}}row").text = line.rstrip("\u2800") or None
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def text(paragraphs: Sequence[str]) -> bytes:
    """Unicode braille, one paragraph per line (a blank line where the pages have one)."""
    return ("\n".join(paragraphs) + "\n").encode("utf-8")
