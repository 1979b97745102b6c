"""Distinct glyphs: the faces the PDF embeds, each character drawn by a glyph of its own.

Between `faces` and the PDF builder: WeasyPrint writes a PDF font's ToUnicode map from the
glyphs it draws, naming each glyph by the first character it drew, so a glyph the face's
character map gives to two characters copies and reads aloud as one of them. The bundled faces
share 5 to 24 glyphs so (… and ⋯, - and U+2011, · and •, 〜 and ～, 兀 and its compatibility
ideograph U+FA0C; in WenKai TC 户 and 戶, 温 and 溫, 說 and 説): `pdftotext` gave
"写作……" for "写作⋯⋯". Here each character after the first of such a group gets a copy of the
glyph (same outline and metrics), which also stands wherever the layout tables name the glyph
(kerning, Hong Kong forms: `_alias`), so the text is set as before and every glyph names one
character. The EPUB and web builders need none of this: their readers copy the document's text.
"""

from __future__ import annotations

import copy
import io
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import cache
from .faces import face_data, name_glyphs_by_index

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont


def print_face_data(path: Path) -> bytes:
    """A face's OpenType or TrueType file (`faces.face_data`) with a glyph of its own for each
    character (`distinct_glyphs`), once per process and version of the file."""
    stat = path.stat()
    return _print_face_data(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _print_face_data(path: str, mtime_ns: int, size: int) -> bytes:
    """`print_face_data`, kept in the build cache for a version of the file (its path, time
    and size, as `cache.files` knows the faces): making it takes 0.1 to 0.3 s of CPU a bundled
    face, most of it compiling the layout tables again; reading it back, milliseconds."""
    store = cache.current()
    key = cache.key("print-face", path, mtime_ns, size)
    data = store.get_bytes("print-face", key) if store is not None else None
    if data is None:
        data = distinct_glyphs(face_data(Path(path)))
        if store is not None:
            store.put_bytes("print-face", key, data)
    return data


def shared_glyphs(font: TTFont) -> dict[str, list[int]]:
    """The glyphs of `font` its Unicode character map gives to several characters, each with
    those characters in order."""
    characters: dict[str, list[int]] = {}
    for code, glyph in sorted((font.getBestCmap() or {}).items()):
        characters.setdefault(glyph, []).append(code)
    return {glyph: codes for glyph, codes in characters.items() if len(codes) > 1}


def distinct_glyphs(data: bytes) -> bytes:
    """The font file `data` where no two characters share a glyph: the first character of a
    shared glyph keeps it, each other one gets a copy, added after the face's glyphs.

    Only TrueType outlines are copied; a face with CFF outlines, or one whose characters share
    no glyph, is returned as it is. Tables not touched are copied byte for byte, so the same
    face always gives the same bytes."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), lazy=True, recalcTimestamp=False, recalcBBoxes=False)
    # Variable faces would need each copy in gvar too: left as they are, with CFF ones.
    if "glyf" not in font or "fvar" in font:
        return data
    if "post" not in font or font.reader["post"][:4] == _POST_WITHOUT_NAMES:
        name_glyphs_by_index(font)  # names made from the cmap would take 85 ms
    shared = shared_glyphs(font)
    if not shared:
        return data
    for tag in _PER_GLYPH_TABLES:  # device metrics only hinting renderers read
        if tag in font:
            del font[tag]
    given: dict[int, str] = {}  # character -> its copy
    copies: dict[str, str] = {}  # copy -> original, in the order the copies are added
    for glyph, codes in shared.items():
        for code in codes[1:]:
            name = given[code] = f"{glyph}.u{code:04X}"
            copies[name] = glyph
    _alias(font, copies)
    glyf, hmtx = font["glyf"], font["hmtx"]
    order = [*font.getGlyphOrder(), *copies]
    for name, glyph in copies.items():
        # A copy of the glyph object: its outline (compiled again to the same bytes).
        glyf.glyphs[name] = copy.copy(glyf[glyph])
        hmtx.metrics[name] = hmtx.metrics[glyph]
        if "vmtx" in font:
            font["vmtx"].metrics[name] = font["vmtx"].metrics[glyph]
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    font["maxp"].numGlyphs = len(order)
    for table in font["cmap"].tables:
        if table.isUnicode() and table.format != 14:  # 14: variation sequences keep theirs
            for code, name in given.items():
                if code in table.cmap:
                    table.cmap[code] = name
    out = io.BytesIO()
    font.save(out, reorderTables=False)
    return out.getvalue()


_POST_WITHOUT_NAMES = b"\x00\x03\x00\x00"
"""A `post` table of format 3: no glyph names (the bundled faces)."""

_PER_GLYPH_TABLES = ("hdmx", "LTSH")


def _alias(font: TTFont, copies: dict[str, str]) -> None:
    """Let each copy stand wherever the layout tables name its original glyph, in the lookups
    that map or position single glyphs and pairs (the kinds that name the bundled faces' shared
    glyphs: kerning, `halt`/`palt`, `locl`); other lookups are left without the copy.

    A glyph a copy's original is substituted by gets a copy too (added to `copies`), so that
    the substitute names one character as well: the TC faces' Hong Kong form of … (`locl`)
    stands for ⋯ too. The copies come last in the glyph order and are added in it, so every
    coverage table stays sorted by glyph id, as OpenType requires."""
    for tag in ("GSUB", "GPOS"):
        if tag not in font or font[tag].table.LookupList is None:
            continue
        for lookup in font[tag].table.LookupList.Lookup:
            for subtable in lookup.SubTable:
                subtable = getattr(subtable, "ExtSubTable", subtable)  # an extension's
                _alias_subtable(subtable, copies)
    # Last: the substitutes' copies get their originals' class (base, mark ...) too.
    if "GDEF" in font and font["GDEF"].table.GlyphClassDef is not None:
        _alias_classes(font["GDEF"].table.GlyphClassDef, copies)


def _alias_subtable(subtable: Any, copies: dict[str, str]) -> None:
    kind = type(subtable).__name__
    if kind == "SingleSubst":
        mapping = subtable.mapping
        for name, glyph in list(copies.items()):
            if glyph in mapping and name not in mapping:
                # Named after the character, as the copy: "glyph7.u22EF" -> "glyph9.u22EF".
                substitute = f"{mapping[glyph]}.{name.rsplit('.', 1)[1]}"
                copies.setdefault(substitute, mapping[glyph])
                mapping[name] = substitute
    elif kind == "SinglePos":
        values = subtable.Value if subtable.Format == 2 else None
        _alias_coverage(subtable.Coverage, copies, values)
    elif kind == "PairPos" and subtable.Format == 1:
        _alias_coverage(subtable.Coverage, copies, subtable.PairSet)
        for pairs in subtable.PairSet:
            records = pairs.PairValueRecord
            for name, glyph in copies.items():
                records += [_renamed(r, name) for r in records if r.SecondGlyph == glyph]
    elif kind == "PairPos" and subtable.Format == 2:
        _alias_coverage(subtable.Coverage, copies, None)
        _alias_classes(subtable.ClassDef1, copies)
        _alias_classes(subtable.ClassDef2, copies)


def _alias_coverage(coverage: Any, copies: dict[str, str], aligned: list[Any] | None) -> None:
    """Add each copy to `coverage` after its original; `aligned`: the list indexed as the
    coverage (a value or pair set per glyph), given the original's item for it."""
    glyphs = coverage.glyphs
    index = {glyph: at for at, glyph in enumerate(glyphs)}
    for name, glyph in copies.items():
        at = index.get(glyph)
        if at is not None and name not in index:
            glyphs.append(name)
            if aligned is not None:
                aligned.append(copy.deepcopy(aligned[at]))


def _alias_classes(classes: Any, copies: dict[str, str]) -> None:
    defs = classes.classDefs
    for name, glyph in copies.items():
        if glyph in defs:
            defs[name] = defs[glyph]


def _renamed(record: Any, name: str) -> Any:
    renamed = copy.deepcopy(record)
    renamed.SecondGlyph = name
    return renamed
