"""A notice's signature (落款: its issuing offices and date, `model.Signature`) is set at the
right, two characters in from the edge (GB/T 9704-2012 §7.3.5), in print and on screen; set
as running text it read as two more paragraphs."""

from __future__ import annotations

from typing import Any

import pytest

from publish.builders.pdf.geometry import MM_PER_PT
from tests.conftest import FIXTURES

NOTICE = FIXTURES / "official-notice"
LINES = ("长乐区医疗保障局", "长乐区税务局", "2024年8月30日")


def test_the_print_signature_ends_two_characters_in_from_the_right(pdf: Any) -> None:
    built = pdf(NOTICE)
    page = built.pages
    chars = [c for c in built.chars(page) if c["text"].strip()]
    size = built.body_size()
    geo = built.geo
    # The text area's right edge (single-sided pages: the outer margin on the right).
    right = (geo.media_bleed_mm + geo.width_mm - geo.outer_mm) / MM_PER_PT
    rows: dict[float, list[dict[str, Any]]] = {}
    for c in chars:
        rows.setdefault(round(c["top"]), []).append(c)
    texts = {"".join(c["text"] for c in row): row for row in rows.values()}
    ends = [max(c["x1"] for c in texts[line]) for line in LINES]
    assert max(ends) - min(ends) < 1, ends
    assert right - ends[0] == pytest.approx(2 * size, abs=2)
