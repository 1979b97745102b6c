"""PDF/UA-1 by default (issue 14, defect 11): every default PDF claims PDF/UA-1 (XMP with
pdfuaid:part and dc:title) and page-validation's 104 PDF/UA-1 rules find no failure, nested
lists included (PDFUA1-LI-KIDS-001: only Lbl and LBody in an LI)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from page import ValidationProfile, validate_pdf

from publish.pipeline import build
from tests.visual.conftest import MATRIX, example_path

pytestmark = pytest.mark.slow


def _failures(pdf: Path) -> list[str]:
    report = validate_pdf(str(pdf), profile=ValidationProfile.PDF_UA_1)
    return [f"{f.rule_id}: {f.message}" for f in report.failures]


@pytest.mark.parametrize(("example", "options"), MATRIX)
def test_every_default_pdf_meets_pdf_ua_1(
    example: str, options: dict[str, Any], tmp_path: Path
) -> None:
    (pdf,) = build(example_path(example), tmp_path, formats="pdf", **options)
    assert _failures(pdf) == []
    from pypdf import PdfReader

    xmp = PdfReader(pdf).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part" in xmp and b"dc:title" in xmp


def test_a_nested_list_meets_pdf_ua_1_when_asked_for(tmp_path: Path) -> None:
    reader = example_path("community-reader")
    (pdf,) = build(reader, tmp_path, formats="pdf", pdf={"variant": "pdf/ua-1"})
    assert _failures(pdf) == []


def test_a_press_variant_is_still_available(tmp_path: Path) -> None:
    reader = example_path("community-reader")
    (pdf,) = build(reader, tmp_path, formats="pdf", pdf={"variant": "pdf/x-4"})
    from pypdf import PdfReader

    intents = PdfReader(pdf).trailer["/Root"]["/OutputIntents"]
    assert intents[0].get_object()["/S"] == "/GTS_PDFX"
