"""No tofu (issue 14, defect 1): every character each edition shows is set by a face the
edition itself carries, and that face has it.

EPUB and HTML: each document is opened in Chromium, and every element's text (and ::before /
::after content) must be set in the documents' own @font-face fonts, never in a system
fallback: a reader without that system font would see tofu. PDF: every character is set in an
embedded bundled face whose cmap holds it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from publish.pipeline import build
from tests.builders.html.browser import serve
from tests.visual.conftest import MATRIX, build_pdf, example_path
from tests.visual.rendered import pdf_glyph_problems, system_fonts_used

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("example", "options"), MATRIX)
def test_every_character_of_the_epub_is_in_its_embedded_faces(
    example: str, options: dict[str, Any], browser: Any, tmp_path: Path
) -> None:
    (epub,) = build(example_path(example), tmp_path, formats="epub", **options)
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(epub) as archive:
        archive.extractall(folder)
    documents = sorted(folder.glob("EPUB/**/*.xhtml"))
    assert len(documents) >= 3  # cover, title page, navigation, articles
    problems = []
    with serve(folder) as url:
        page = browser.new_page()
        for document in documents:
            name = document.relative_to(folder).as_posix()
            page.goto(url + name)
            problems += system_fonts_used(page, name)
        page.close()
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize(("example", "options"), MATRIX)
def test_every_character_of_the_site_is_in_its_web_fonts(
    example: str, options: dict[str, Any], browser: Any, tmp_path: Path
) -> None:
    (site,) = build(example_path(example), tmp_path, formats="html", **options)
    problems = []
    with serve(site) as url:
        page = browser.new_page()
        for document in sorted(site.glob("*.html")):
            page.goto(url + document.name)
            problems += system_fonts_used(page, document.name)
            # The print stylesheet shows more (each link's address): it must be covered too.
            page.emulate_media(media="print")
            problems += system_fonts_used(page, document.name + " (print)")
            page.emulate_media(media="screen")
        page.close()
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize(("example", "options"), MATRIX)
def test_every_character_of_the_pdf_is_in_the_face_that_sets_it(
    example: str, options: dict[str, Any], tmp_path: Path
) -> None:
    pdf = build_pdf(example, options, tmp_path)
    assert pdf_glyph_problems(pdf.path, pdf.settings) == []
