"""The faces in use: WeasyPrint sets text with the bundled faces alone (no system font) and
Chromium loads the web subsets."""

from __future__ import annotations

import base64
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from publish.config import FONTS
from publish.fonts.faces import font_faces, font_stack
from publish.fonts.subset import subset_faces
from publish.fonts.used import used_text
from publish.model import visible_text
from publish.pipeline import load
from tests.conftest import (
    require,
    require_tool,
)
from tests.fonts.conftest import (
    FAMILIES,
    SEED,
    extb_fallback,
    render_without_system_fonts,
    settings_for,
)


@pytest.mark.parametrize("key", FAMILIES)
def test_weasyprint_sets_the_seed_with_the_bundled_faces_alone(key: str, tmp_path: Path) -> None:
    require_tool("pdffonts")
    require_tool("pdftotext")
    settings = settings_for(key)
    text = visible_text(load(SEED).collection.articles[0]).replace("\n", "")
    text += "拼音：lǜ nǚ ê̄ ế ê̌ ề m̄ ḿ ň ǹ；注音：ㄌㄩˋ ㄋㄩˇ"
    pdf = render_without_system_fonts(tmp_path, font_faces(settings), font_stack(settings), text)
    listed = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    names = {line.split()[0].split("+", 1)[1] for line in listed.splitlines()[2:]}
    postscript = FONTS[key].css_name.replace(" ", "-")
    assert names == {postscript, f"{postscript}-Bold"}, listed
    extracted = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    squashed = re.sub(r"\s+", "", extracted)
    for piece in re.split(r"\s+", text)[:40]:
        assert unicodedata_nfc(piece) in unicodedata_nfc(squashed), piece


def unicodedata_nfc(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", text)


def test_weasyprint_embeds_the_fallback_after_the_family(tmp_path: Path) -> None:
    require_tool("pdffonts")
    fallback = extb_fallback()
    settings = settings_for("sans")
    faces = font_faces(settings, (fallback,))
    pdf = render_without_system_fonts(
        tmp_path, faces, font_stack(settings, (fallback,)), "古字𠀀在此"
    )
    listed = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    assert "+Noto-Sans-CJK-SC " in listed
    assert f"+{faces[-1].family.replace(' ', '-')} " in listed  # named after its family
    extracted = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    assert "古字𠀀在此" in extracted


@pytest.mark.parametrize("key", FAMILIES)
def test_chromium_loads_the_web_subsets(key: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    from tests.builders.html.browser import chromium_path, launch

    require(chromium_path() is not None, "chromium")
    settings = settings_for(key)
    used = used_text(load(SEED).collection)
    faces = subset_faces(font_faces(settings), used, "woff2")
    rules = "".join(
        f'@font-face {{font-family: "{f.face.family}"; font-weight: {f.face.weight}; '
        f"src: url(data:{f.media_type};base64,{base64.b64encode(f.data).decode()}) "
        f'format("{f.css_format}")}}'
        for f in faces
    )
    page_html = (
        f'<html lang="zh-Hans"><style>{rules} body {{font-family: {font_stack(settings)}}}'
        f"</style><body><h1>{used.bold[:20]}</h1><p>{used.regular[-200:]}</p></body></html>"
    )

    def load_fonts() -> list[list[str]]:
        with sync_api.sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page()
            page.set_content(page_html)
            statuses: list[list[str]] = page.evaluate(
                "async () => { await document.fonts.ready;"
                " return [...document.fonts].map(f => [f.family, f.weight, f.status]); }"
            )
            browser.close()
        return statuses

    # In a thread of its own: the sync API refuses to run where another test's event loop is.
    with ThreadPoolExecutor(1) as pool:
        statuses = pool.submit(load_fonts).result(timeout=120)
    family = FONTS[key].css_name
    assert sorted(statuses) == [[family, "400", "loaded"], [family, "700", "loaded"]], statuses
