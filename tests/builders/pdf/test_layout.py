"""The WeasyPrint calls of the PDF builder: pydyf's page references, built once per page count
while a document is written, stay the ones pydyf builds; the pages' @page styles, forgotten
once computed, give the PDF WeasyPrint gives."""

from __future__ import annotations

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
