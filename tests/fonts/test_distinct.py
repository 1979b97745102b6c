"""publish.fonts.distinct: in the faces the PDF embeds, no two characters share a glyph, and
the text is set exactly as the face sets it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from publish.fonts.distinct import distinct_glyphs, print_face_data, shared_glyphs
from publish.fonts.faces import face_data, name_glyphs_by_index
from tests.conftest import rendered_face
from tests.fonts.conftest import FONT_DIR

FACES = sorted(FONT_DIR.glob("*-Regular.woff2"))  # the bold faces share the same glyphs


def _opened(data: bytes) -> TTFont:
    font = TTFont(io.BytesIO(data), lazy=True)
    name_glyphs_by_index(font)
    return font


@pytest.mark.parametrize("face", FACES, ids=lambda path: path.stem)
def test_every_character_gets_a_glyph_of_its_own_drawn_as_the_shared_one(face: Path) -> None:
    before, after = _opened(face_data(face)), _opened(print_face_data(face))
    shared = shared_glyphs(before)
    assert shared  # every bundled face shares some (… and ⋯, - and U+2011 ...)
    assert shared_glyphs(after) == {}
    old, new = before.getBestCmap(), after.getBestCmap()
    assert new.keys() == old.keys()
    for code in (code for codes in shared.values() for code in codes):
        glyph, copied = old[code], new[code]
        assert after["hmtx"][copied] == before["hmtx"][glyph]
        outline = after["glyf"][copied]
        assert outline.compile(after["glyf"]) == before["glyf"][glyph].compile(before["glyf"])
    copies = sum(len(codes) - 1 for codes in shared.values())
    assert after["maxp"].numGlyphs >= before["maxp"].numGlyphs + copies
    assert distinct_glyphs(face_data(face)) == print_face_data(face)  # the same bytes


def test_a_face_sharing_no_glyph_is_returned_as_it_is() -> None:
    face = print_face_data(FACES[0])  # shares none any more
    assert distinct_glyphs(face) == face


@pytest.mark.parametrize(
    ("face", "lang"),
    [
        ("NotoSansCJKtc-Regular.woff2", "zh-Hant-HK"),  # … and ⋯ take the Hong Kong form
        ("NotoSansCJKsc-Regular.woff2", "zh-Hans"),  # kerned hyphens and dashes
        ("WenKaiTCPublish-Regular.woff2", "zh-Hant-TW"),  # 户 and 戶 ...
    ],
)
def test_the_copies_are_set_as_their_originals(face: str, lang: str, tmp_path: Path) -> None:
    """The face with copies prints its shared characters as the face itself does: the copies
    stand where the layout tables name their originals (kerning, Hong Kong forms)."""
    from PIL import ImageChops

    path = FONT_DIR / face
    text = "".join(
        f"T{chr(code)}V" for codes in shared_glyphs(_opened(face_data(path))).values()
        for code in codes
    )  # fmt: skip
    pictures = []
    for data in (face_data(path), print_face_data(path)):
        font = tmp_path / f"face{len(pictures)}.ttf"
        font.write_bytes(data)
        pictures.append(rendered_face(font, lang, text, tmp_path / font.stem))
    assert ImageChops.difference(pictures[0], pictures[1]).getbbox() is None
