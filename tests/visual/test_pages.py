"""No stranded lines (issue 14, defects 2 and 3): a heading, a table caption, an interviewee's
role and name never end a page while the text they introduce starts the next one; no title or
heading leaves one character alone on its last line; and no line of the PDF starts with
closing punctuation (W3C clreq §3.1.7)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.visual.conftest import MATRIX, build_pdf
from tests.visual.rendered import body_lines, heading_texts, keep_texts, lone_endings, stranded

pytestmark = pytest.mark.slow

CLOSING = "。，、；：？！）」』”’〉》】〕"

# The cases issue 14 reported, which the default matrix might not hold.
REPORTED = [
    pytest.param("community-reader", {"size": "特大", "paper": "A5"}, id="reader-特大-A5"),
    pytest.param("community-reader", {"paper": "A5"}, id="reader-A5"),
    pytest.param(
        "luyuan-interviews", {"size": "特大", "font": "kai", "pinyin": True}, id="seed-特大-kai"
    ),
]


@pytest.mark.parametrize(("example", "options"), [*MATRIX, *REPORTED])
def test_no_heading_caption_or_role_line_is_stranded_at_a_page_foot(
    example: str, options: dict[str, Any], tmp_path: Path
) -> None:
    pdf = build_pdf(example, options, tmp_path)
    pages = body_lines(pdf.path, pdf.settings)
    assert stranded(pages, keep_texts(pdf.project.collection)) == []
    starts = [line for lines in pages for line in lines if line[0] in CLOSING]
    assert starts == []
    # No title or heading ends with one character alone on its last line ("谈", "效").
    assert lone_endings(pages, heading_texts(pdf.project.collection)) == []
