"""The WeasyPrint calls of the PDF builder: pydyf's page references, built once per page count
while a document is written, stay the ones pydyf builds."""

from __future__ import annotations

import pydyf

from publish.builders.pdf import layout


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
