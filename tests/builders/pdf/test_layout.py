"""The WeasyPrint calls of the PDF builder: pydyf's page references, built once per page count
while a document is written, stay the ones pydyf builds; the pages' @page styles, forgotten
once computed, give the PDF WeasyPrint gives; streams compressed once give pydyf's bytes,
and at level 6 the same streams."""

from __future__ import annotations

import re
import zlib
from pathlib import Path
from typing import Any

import pydyf
import pytest

from publish.builders.pdf import layout
from tests.builders.pdf.conftest import SEED, build_pdf


def test_kept_page_references_follow_the_pages_added() -> None:
    layout._keep_page_references()
    layout._keep_page_references()  # installed once
    own = layout._built[0]
    assert own is not layout._page_references
    pdf, other = pydyf.PDF(), pydyf.PDF()
    assert pdf.page_references == own(pdf) == ()
    for count in range(1, 4):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        assert pdf.page_references == own(pdf)
        assert len(pdf.page_references) == count
    # Each PDF keeps its own: another one with as many pages is not given these.
    other.add_object(pydyf.Dictionary())
    for _ in range(3):
        other.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert other.page_references == own(other) != pdf.page_references


def test_page_styles_forgotten_give_the_bytes_of_weasyprint_keeping_them(
    pdf: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each page's cascaded @page styles dropped once its computed styles are set: the same
    PDF, byte for byte, as WeasyPrint keeping them all (running heads, page numbers)."""
    from weasyprint.layout import page

    built = pdf(SEED, pinyin=True)
    layout._forget_page_cascades()  # installed once
    assert page.set_page_type_computed_styles is layout._page_type_styles
    monkeypatch.setattr(page, "set_page_type_computed_styles", layout._own_page_styles[0])
    monkeypatch.setattr(layout, "_forget_page_cascades", lambda: None)
    kept = build_pdf(SEED, tmp_path, pinyin=True)
    assert built.path.read_bytes() == kept.path.read_bytes()


def test_streams_compressed_once_give_pydyfs_bytes_and_at_level_6_its_streams(
    pdf: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each stream compressed once while the PDF is written: at pydyf's level 9, pydyf's
    own bytes; at `STREAM_LEVEL` (6), streams that decompress to pydyf's, each object the
    same but for the streams' lengths (and the cross-reference stream's offsets)."""
    built = pdf(SEED, pinyin=True)
    layout._compress_streams_once()  # installed once
    assert pydyf.PDF.write is layout._write_once
    assert layout._writing[0] is None  # only while a PDF is written
    monkeypatch.setattr(layout, "STREAM_LEVEL", 9)
    once = build_pdf(SEED, tmp_path / "once", pinyin=True).path.read_bytes()
    monkeypatch.setattr(pydyf.PDF, "write", layout._own_write[0])
    monkeypatch.setattr(pydyf.Stream, "data", property(layout._own_data[0]))
    monkeypatch.setattr(pydyf, "zlib", zlib)
    monkeypatch.setattr(layout, "_compress_streams_once", lambda: None)
    own = build_pdf(SEED, tmp_path / "own", pinyin=True).path.read_bytes()
    assert once == own
    level_6 = built.path.read_bytes()
    assert len(level_6) != len(own)
    *streams, _ = _streams(level_6)
    *own_streams, _ = _streams(own)
    assert len(streams) > 10
    assert streams == own_streams


def _streams(pdf: bytes) -> list[bytes]:
    """The PDF's streams decompressed, with any /Length in them made the same."""
    found = [zlib.decompress(m) for m in re.findall(rb"stream\n(.*?)\nendstream", pdf, re.S)]
    return [re.sub(rb"/Length \d+", b"/Length N", stream) for stream in found]
