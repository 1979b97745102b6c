"""Readings drawn once per document, their text operations repeated at every place: the same
PDF, byte for byte, as WeasyPrint drawing each reading anew."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from publish.builders.pdf.readings import ReadingPainter
from tests.builders.pdf.conftest import SEED, build_pdf
from tests.conftest import FIXTURES


def _drawn_anew(self: ReadingPainter, stream: Any, key: Any, drawn: Any, matrix: Any) -> None:
    """How every reading was drawn before: shaped glyphs encoded again at each place
    (`matrix`: the text matrix's six values)."""
    from weasyprint.draw.text import draw_first_line
    from weasyprint.matrix import Matrix

    draw_first_line(stream, drawn, "clip", "none", Matrix(*matrix))


@pytest.mark.parametrize(
    ("source", "options"),
    [
        (FIXTURES / "pdf-long-syllables", {"pinyin": True}),
        # Zhuyin: the neutral tone's dot is a second reading drawn over the first symbol.
        (SEED, {"reading": "zhuyin", "script": "tw"}),
    ],
    ids=["pinyin", "zhuyin"],
)
def test_repeated_readings_give_the_bytes_of_readings_drawn_anew(
    pdf: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: Path, options: Any
) -> None:
    built = pdf(source, **options)
    monkeypatch.setattr(ReadingPainter, "_draw", _drawn_anew)
    anew = build_pdf(source, tmp_path, **options)
    assert built.path.read_bytes() == anew.path.read_bytes()
