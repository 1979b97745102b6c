"""publish.fonts.subset: subsets hold exactly the used characters, and what shaping needs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from publish import cache
from publish.config import FONTS, TRADITIONAL_FONTS, Settings
from publish.fonts import subset as subset_module
from publish.fonts.faces import charset, font_faces
from publish.fonts.subset import subset, subset_faces
from publish.fonts.used import UsedText, used_text
from publish.model import visible_text
from publish.pipeline import load
from tests.fonts.conftest import (
    EXTB,
    FAMILIES,
    FONT_DIR,
    SEED,
    cmap,
    extb_fallback,
    settings_for,
)


@pytest.mark.parametrize("key", FAMILIES)
# Brotli compresses a CJK subset to WOFF2 in seconds.
@pytest.mark.parametrize("flavor", ["sfnt", pytest.param("woff2", marks=pytest.mark.slow)])
def test_a_subset_holds_exactly_the_used_characters(key: str, flavor: str) -> None:
    face = FONT_DIR / FONTS[key].regular
    text = visible_text(load(SEED).collection.articles[0]) + "，。、「」《》ABC xyz 123"
    data = subset(face, text, flavor)  # type: ignore[arg-type]
    assert data[:4] == {"woff2": b"wOF2", "sfnt": b"\0\1\0\0"}[flavor]  # TrueType outlines
    full = cmap(face)
    wanted = {ord(c) for c in text} & set(full)
    font = TTFont(io.BytesIO(data))
    assert set(font.getBestCmap()) == wanted
    # Exactly the glyphs of those characters and .notdef: this text needs no substitution.
    assert set(font.getGlyphOrder()) == {full[c] for c in wanted} | {".notdef"}
    assert font["head"].modified == TTFont(face)["head"].modified
    assert subset(face, text[::-1], flavor) == data  # same characters, same bytes  # type: ignore[arg-type]


def _hong_kong_forms(font: TTFont) -> dict[str, str]:
    """The glyph each glyph becomes in text tagged zh-Hant-HK (locl of the ZHH language)."""
    table = font["GSUB"].table
    forms: dict[str, str] = {}
    for record in table.ScriptList.ScriptRecord:
        for system in record.Script.LangSysRecord:
            assert system.LangSysTag == "ZHH "  # no Japanese, Korean or Simplified forms
            for index in system.LangSys.FeatureIndex:
                feature = table.FeatureList.FeatureRecord[index]
                if feature.FeatureTag != "locl":
                    continue
                for lookup in feature.Feature.LookupListIndex:
                    for sub in table.LookupList.Lookup[lookup].SubTable:
                        sub = getattr(sub, "ExtSubTable", sub)  # an extension lookup's own
                        forms.update(getattr(sub, "mapping", {}))
    return forms


@pytest.mark.parametrize("key", ["sans", "serif"])  # LXGW WenKai TC has Taiwan's forms alone
def test_traditional_faces_keep_hong_kong_s_glyphs_and_subsets_keep_them_too(key: str) -> None:
    """Glyph shapes follow the region: the TC faces' own glyphs for zh-Hant(-TW), Noto's Hong
    Kong forms (about 2,300 of the kept characters) for text tagged zh-Hant-HK."""
    face = FONT_DIR / TRADITIONAL_FONTS[key].regular
    font = TTFont(face)
    forms = _hong_kong_forms(font)
    cmap_ = font.getBestCmap()
    regional = [c for c, glyph in cmap_.items() if glyph in forms]
    assert 2000 < len(regional) < 2600
    assert {ord(c) for c in "公八分值"} <= set(regional)
    # An output's subset keeps both forms of 公, and the substitution between them.
    cut = TTFont(io.BytesIO(subset(face, "公", "sfnt")))
    (glyph,) = cut.getBestCmap().values()
    assert len(cut.getGlyphOrder()) == 3  # .notdef, 公 and its Hong Kong form
    assert _hong_kong_forms(cut)[glyph] != glyph


def test_a_subset_keeps_what_shaping_combining_pinyin_needs() -> None:
    """ê̄ is ê plus a combining macron: Noto's ccmp composes it, so its glyph must stay."""
    face = FONT_DIR / FONTS["sans"].regular
    font = TTFont(io.BytesIO(subset(face, "ê̄m̄", "sfnt")))
    assert set(font.getBestCmap()) == {0xEA, 0x304, ord("m")}
    assert len(font.getGlyphOrder()) > 4  # .notdef, ê, m, the mark and the composed glyphs
    assert "ccmp" in {r.FeatureTag for r in font["GSUB"].table.FeatureList.FeatureRecord}


def test_subset_faces_cut_each_weight_to_its_text() -> None:
    collection = load(SEED).collection
    used = used_text(collection)
    faces = font_faces(settings_for("sans"))
    regular, bold = subset_faces(faces, used, "woff2")
    assert (regular.file_name, regular.media_type) == ("NotoSansCJKsc-Regular.woff2", "font/woff2")
    assert bold.face.weight == 700 and bold.css_format == "woff2"
    assert set(TTFont(io.BytesIO(bold.data)).getBestCmap()) == {ord(c) for c in used.bold} & set(
        cmap(bold.face.path)
    )
    # The goals of the issue: the seed's web fonts under 300 KB, its EPUB fonts well under 400 KB.
    assert regular.data.__len__() + bold.data.__len__() < 300_000
    epub = subset_faces(faces, used, "sfnt")
    assert [f.media_type for f in epub] == ["font/ttf", "font/ttf"]
    assert sum(len(f.data) for f in epub) < 300_000


def test_subset_faces_give_fallbacks_every_character_they_have() -> None:
    fallback = extb_fallback()
    faces = font_faces(settings_for("sans"), (fallback,))
    used = used_text(load(EXTB).collection)
    *_, extra = subset_faces(faces, used, "sfnt")
    assert extra.face.fallback
    assert set(TTFont(io.BytesIO(extra.data)).getBestCmap()) == {0x20000}


def test_faces_cut_in_parallel_are_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    faces = font_faces(Settings())
    text = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 1200))
    used = UsedText(text, text[:300])
    monkeypatch.setenv("PUBLISH_PROCESSES", "1")
    alone = subset_faces(faces, used, "woff2")
    monkeypatch.setenv("PUBLISH_PROCESSES", "2")
    together = subset_faces(faces, used, "woff2")
    assert [f.data for f in together] == [f.data for f in alone]
    # The WOFF2 is a real one, holding the characters asked for.
    regular = TTFont(io.BytesIO(together[0].data))
    assert regular.flavor == "woff2"
    assert {chr(c) for c in regular.getBestCmap()} >= set(text) - {
        c for c in text if ord(c) not in charset(faces[0].path)
    }


def test_faces_cut_by_an_earlier_build_are_read_without_opening_the_face(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    faces = font_faces(settings_for("sans"))
    used = used_text(load(SEED).collection)
    with cache.opened(cache.Cache(tmp_path)):
        cut = subset_faces(faces, used, "sfnt")
        opened: list[Path] = []
        face_data = subset_module.face_data
        monkeypatch.setattr(
            subset_module, "face_data", lambda path: opened.append(path) or face_data(path)
        )
        again = subset_faces(faces, used, "sfnt")
    assert [f.data for f in again] == [f.data for f in cut]
    assert opened == []  # a bundled face's WOFF2 takes 10 to 30 ms to unpack
