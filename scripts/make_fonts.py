#!/usr/bin/env python3
"""Regenerate the bundled fonts in fonts/ from Debian's font packages, byte for byte.

    python scripts/make_fonts.py               # fonts/*.woff2 and licences from coverage/
    python scripts/make_fonts.py --coverage    # first rewrite fonts/coverage/*.txt from Unihan
    python scripts/make_fonts.py --out DIR     # write somewhere else (the test compares hashes)

Needs the Debian packages fonts-noto-cjk and fonts-lxgw-wenkai (and unicode-data for
--coverage), and npm's @fontsource/lxgw-wenkai-tc (LXGW WenKai TC, in no Debian package; give
its folder with --wenkai-tc); scripts/test installs them. Each family is cut down to the
characters listed in fonts/coverage/*.txt: for the simplified faces the 8,105 characters of
通用规范汉字表 (Unihan kTGH) and all of GB 2312, for the traditional ones Big5's levels 1 and 2
and what OpenCC makes of the 8,105; CJK and full-width punctuation, Latin with every pinyin
letter, digits, and bopomofo for all.

The output depends only on the input files and fontTools' version: fontTools writes no time
stamp (each face keeps its source's head.modified), tables are written in a fixed order, and
the subset keeps the source's glyph order. fonts/ was made with fontTools 4.68.0, which the
test extras pin (`pip install -e ".[test]"`): fontTools 4.69's cu2qu turns 10 of Noto Sans
CJK's cubic curves into slightly different quadratic ones, so its faces differ by some bytes.
"""

from __future__ import annotations

import argparse
import bz2
import hashlib
import io
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fontTools import subset as ft_subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
from fontTools.ttLib.woff2 import WOFF2FlavorData

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from publish.config import FONTS, TRADITIONAL_FONTS  # noqa: E402  (file names are configuration)
from publish.fonts.subset import LAYOUT_FEATURES  # noqa: E402  (the same features as per-output subsets)

UNIHAN = Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")
NOTO = Path("/usr/share/fonts/opentype/noto")
LXGW = Path("/usr/share/fonts/truetype/lxgw-wenkai")
NOTO_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
LXGW_COPYRIGHT = Path("/usr/share/doc/fonts-lxgw-wenkai/copyright")
# LXGW WenKai TC, which no Debian package has: npm's @fontsource/lxgw-wenkai-tc 5.3.0 (Google
# Fonts' build of LXGW WenKai TC 1.330, OFL-1.1), installed there by scripts/test.
WENKAI_TC = ROOT / ".cache" / "wenkai-tc" / "node_modules" / "@fontsource" / "lxgw-wenkai-tc"
TRADITIONAL_COVERAGE = ("big5-level1.txt", "big5-level2.txt", "traditional-8105.txt", "extra.txt")


@dataclass(frozen=True)
class Source:
    """Where one bundled face comes from."""

    path: Path
    """The Debian file (a collection or a single face)."""
    face: str
    """The family name of the face to take out of a collection (Noto's SC face)."""
    rename: str | None = None
    """A new family name: OFL §3 keeps Reserved Font Names off modified versions."""
    licence: str = ""
    """The licence file written beside it."""
    coverage: tuple[str, ...] = ()
    """The coverage files listing its characters (COVERAGE_FILES when empty)."""
    local_forms: str = ""
    """An OpenType language system whose `locl` forms the face keeps (ZHH: Hong Kong's glyphs
    in the TC faces, chosen by text tagged zh-Hant-HK); "" for none."""
    slices: str = ""
    """For a web font package split by character ranges (Fontsource's): the pattern of the
    files of this face in `path`, put together again (`assemble`); "" for a Debian file."""
    fill: Path | None = None
    """A face of the same design whose glyphs stand in for the listed characters the source
    lacks (LXGW WenKai's for LXGW WenKai TC)."""


# LXGW WenKai reserves the names "LXGW" and "霞鹜" (Debian's copyright file), and a subset is a
# Modified Version under OFL-1.1, so the bundled Kai carries its own name. Noto's reserved name
# is "Source" (Adobe's), which "Noto Sans CJK SC" does not use.
SOURCES: dict[str, Source] = {
    FONTS["sans"].regular: Source(
        NOTO / "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", licence="LICENSE-NotoCJK.txt"
    ),
    FONTS["sans"].bold: Source(
        NOTO / "NotoSansCJK-Bold.ttc", "Noto Sans CJK SC", licence="LICENSE-NotoCJK.txt"
    ),
    FONTS["serif"].regular: Source(
        NOTO / "NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", licence="LICENSE-NotoCJK.txt"
    ),
    FONTS["serif"].bold: Source(
        NOTO / "NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC", licence="LICENSE-NotoCJK.txt"
    ),
    FONTS["kai"].regular: Source(
        LXGW / "LXGWWenKai-Regular.ttf",
        "LXGW WenKai",
        rename=FONTS["kai"].css_name,
        licence="LICENSE-WenKai.txt",
    ),
    FONTS["kai"].bold: Source(
        LXGW / "LXGWWenKai-Bold.ttf",
        "LXGW WenKai",
        rename=FONTS["kai"].css_name,
        licence="LICENSE-WenKai.txt",
    ),
}
# The traditional faces: Noto's TC faces (Taiwan's 國字標準字體), cut to the characters
# traditional text uses, which are not those of the simplified faces.
for _key, _source in (("sans", "NotoSansCJK"), ("serif", "NotoSerifCJK")):
    for _name, _weight in ((TRADITIONAL_FONTS[_key].regular, "Regular"),
                           (TRADITIONAL_FONTS[_key].bold, "Bold")):  # fmt: skip
        SOURCES[_name] = Source(
            NOTO / f"{_source}-{_weight}.ttc",
            TRADITIONAL_FONTS[_key].css_name,
            licence="LICENSE-NotoCJK.txt",
            coverage=TRADITIONAL_COVERAGE,
            local_forms="ZHH ",
        )
# LXGW WenKai TC: WenKai's traditional counterpart, its glyphs after Taiwan's 國字標準字體,
# renamed like WenKai (a Modified Version keeps off the upstream family's reserved names).
for _name, _weight in (
    (TRADITIONAL_FONTS["kai"].regular, 400),
    (TRADITIONAL_FONTS["kai"].bold, 700),
):
    SOURCES[_name] = Source(
        WENKAI_TC,
        "LXGW WenKai TC",
        rename=TRADITIONAL_FONTS["kai"].css_name,
        licence="LICENSE-WenKaiTC.txt",
        coverage=TRADITIONAL_COVERAGE,
        slices=f"files/lxgw-wenkai-tc-*-{_weight}-normal.woff2",
        fill=LXGW / f"LXGWWenKai-{'Regular' if _weight == 400 else 'Bold'}.ttf",
    )

# Tables left out of the bundled faces: vertical metrics and origins (every layout sets text
# horizontally; WeasyPrint has no vertical writing mode) and the grid-fitting table of hints
# that fontTools drops with hinting=False anyway.
DROP_TABLES = ("vhea", "vmtx", "VORG", "gasp", "DSIG")

# --------------------------------------------------------------------------- coverage lists

COVERAGE_FILES = ("tongyong-8105.txt", "gb2312.txt", "extra.txt")
TRADITIONAL_CONFIGS = ("s2t", "s2tw", "s2twp", "s2hk")
"""The OpenCC configurations of the traditional editions (publish.config.SCRIPTS)."""

# Pinyin letters, lower and upper case, precomposed where Unicode has them and as base plus
# combining mark where it does not (ê̄, ê̌, m̄, n̄): GB/T 16159 and 汉语拼音方案.
PINYIN = "āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜêếềḿńňǹĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙÜǕǗǙǛÊẾỀḾŃŇǸ"
PINYIN_SEQUENCES = (
    "ê\u0304",
    "ê\u030c",
    "m\u0304",
    "m\u0300",
    "n\u0304",
    "Ê\u0304",
    "Ê\u030c",
    "M\u0304",
    "N\u0304",
)
COMBINING = "\u0300\u0301\u0304\u030c"
# Bopomofo tone marks: ˉ (first, rarely written) ˊ ˇ ˋ and ˙ (neutral).
BOPOMOFO_TONES = "\u02c9\u02ca\u02c7\u02cb\u02d9"

# (first, last, what) code point ranges of the extra list.
RANGES = (
    (0x0020, 0x007E, "Basic Latin: ASCII letters, digits and punctuation"),
    (0x00A0, 0x00FF, "Latin-1 Supplement: ü, é, ·, ×, °, ¥"),
    (0x2010, 0x2027, "General Punctuation: dashes, quotation marks ‘’“”, …, ‧"),
    (0x2030, 0x203B, "General Punctuation: ‰ ′ ″ ※"),
    (0x2E3A, 0x2E3B, "two- and three-em dashes ⸺ ⸻"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation: 、。〈〉《》「」『』【】〔〕〖〗〜"),
    (0xFF01, 0xFF65, "Halfwidth and Fullwidth Forms: ！＂＃…～ and ｟｠｡｢｣､･"),
    (0xFFE0, 0xFFE6, "full-width signs ￠￡￢￣￤￥￦"),
    (0x2160, 0x217F, "Roman numerals Ⅰ–ⅿ"),
    (0x2460, 0x249B, "circled and parenthesised numbers ①–⒛"),
    (0x3105, 0x312F, "Bopomofo"),
    (0x31A0, 0x31BF, "Bopomofo Extended"),
)
SINGLES = "€℃℉№⋯〇" + BOPOMOFO_TONES + COMBINING


def unihan_tgh(path: Path = UNIHAN) -> list[tuple[int, str]]:
    """(code point, kTGH value) of every character of 通用规范汉字表 (2013)."""
    entries = []
    with bz2.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            match = re.match(r"^U\+([0-9A-F]+)\tkTGH\t(.+)$", line.rstrip("\n"))
            if match:
                entries.append((int(match.group(1), 16), match.group(2)))
    return sorted(entries)


def gb2312() -> list[tuple[int, str]]:
    """(code point, EUC-CN bytes as hex) of every character of GB 2312 (rows 1-87)."""
    entries = []
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                char = bytes((row, cell)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            entries.append((ord(char), f"{row:02X}{cell:02X}"))
    return sorted(entries)


def big5(first: int, last: int) -> list[tuple[int, str]]:
    """(code point, Big5 bytes as hex) of the characters Python's big5 codec reads from the
    codes `first` to `last`: A140-C67E are Big5's symbols (punctuation, ● ■ ○, Greek, bopomofo)
    and the 5,401 常用字 of its level 1 (A440-C67E), C940-F9D5 the 7,652 次常用字 of level 2."""
    entries = []
    for lead in range(first >> 8, (last >> 8) + 1):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            if not first <= lead << 8 | trail <= last:
                continue
            try:
                char = bytes((lead, trail)).decode("big5")
            except UnicodeDecodeError:
                continue
            if not char.isspace():
                entries.append((ord(char), f"{lead:02X}{trail:02X}"))
    return sorted(dict(entries).items())


def traditional_outputs(tgh: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """(code point, configurations) of every character OpenCC's traditional configurations make
    of the 8,105 通用规范汉字: each character alone, all of them as one text, and in the words
    of pypinyin's phrase list, where OpenCC's phrase tables choose other forms (柜台 -> 櫃枱 in
    Hong Kong, 核对 -> 覈對)."""
    import opencc
    from pypinyin.phrases_dict import phrases_dict

    chars = "".join(chr(code) for code, _ in tgh)
    wanted = set(chars)
    words = sorted(phrases_dict)
    made: dict[int, set[str]] = {}
    for config in TRADITIONAL_CONFIGS:
        convert = opencc.OpenCC(config).convert
        pairs = [(chars, convert(chars)), *((c, convert(c)) for c in chars)]
        pairs += zip(words, convert("\n".join(words)).split("\n"), strict=True)
        for source, text in pairs:
            # A word of another length (s2twp's 方便面 -> 泡麵) counts whole.
            aligned = zip(source, text, strict=True) if len(source) == len(text) else None
            for before, after in aligned or ((chars[0], c) for c in text):
                if before in wanted:
                    made.setdefault(ord(after), set()).add(config)
    return sorted((code, ",".join(sorted(configs))) for code, configs in made.items())


def coverage_texts() -> dict[str, str]:
    """The text of each coverage file, from Unihan, GB 2312 and the lists above."""
    tgh = unihan_tgh()
    if len(tgh) != 8105:
        raise SystemExit(f"{UNIHAN}: expected 8105 kTGH entries, found {len(tgh)}")
    texts = {
        "tongyong-8105.txt": _listing(
            "通用规范汉字表 (2013): the 8,105 characters with a kTGH field in Unihan "
            "(Debian unicode-data, Unihan_OtherMappings.txt). Columns: code point, character, "
            "kTGH (year:number in the table).",
            ((f"U+{c:04X}", chr(c), value) for c, value in tgh),
        ),
        "gb2312.txt": _listing(
            "GB 2312-80: every character (Python's gb2312 codec, EUC-CN rows A1-F7). "
            "Columns: code point, character, EUC-CN bytes.",
            ((f"U+{c:04X}", chr(c), code) for c, code in gb2312() if not chr(c).isspace()),
        ),
    }
    texts["big5-level1.txt"] = _listing(
        "Big5's symbols (A140-A3BF) and level 1, its 5,401 frequent characters (常用字, "
        "A440-C67E; Python's big5 codec). Columns: code point, character, Big5 bytes.",
        ((f"U+{c:04X}", chr(c), code) for c, code in big5(0xA140, 0xC67E)),
    )
    texts["big5-level2.txt"] = _listing(
        "Big5's level 2, its 7,652 less frequent characters (次常用字, C940-F9D5; Python's big5 "
        "codec). Columns: code point, character, Big5 bytes.",
        ((f"U+{c:04X}", chr(c), code) for c, code in big5(0xC940, 0xF9D5)),
    )
    texts["traditional-8105.txt"] = _listing(
        "Every character OpenCC (s2t, s2tw, s2twp, s2hk) makes of the 8,105 characters of "
        "通用规范汉字表, alone and in the words of pypinyin's phrase list. Columns: code point, "
        "character, configurations.",
        ((f"U+{c:04X}", chr(c), configs) for c, configs in traditional_outputs(tgh)),
    )
    extra: list[tuple[str, str, str]] = []
    for first, last, what in RANGES:
        for code in range(first, last + 1):
            if code != 0x3000 and not chr(code).isprintable():
                continue
            extra.append((f"U+{code:04X}", chr(code), what))
    for char in PINYIN:
        extra.append((f"U+{ord(char):04X}", char, "pinyin letter"))
    for sequence in PINYIN_SEQUENCES:
        codes = " ".join(f"U+{ord(c):04X}" for c in sequence)
        extra.append((codes, sequence, "pinyin letter: base and combining mark"))
    for char in SINGLES:
        shown = f"\u25cc{char}" if char in COMBINING else char
        extra.append((f"U+{ord(char):04X}", shown, "sign, tone mark or combining mark"))
    seen: set[str] = set()
    unique = [e for e in extra if not (e[0] in seen or seen.add(e[0]))]  # type: ignore[func-returns-value]
    texts["extra.txt"] = _listing(
        "Punctuation, Latin with every pinyin letter (combining forms as sequences), digits, "
        "numbers, bopomofo and its tone marks. Columns: code point(s), character(s), what.",
        unique,
    )
    return texts


def _listing(header: str, rows: Iterable[tuple[str, str, str]]) -> str:
    lines = [f"# {header}", "# Generated by scripts/make_fonts.py --coverage; do not edit."]
    lines.extend("\t".join(row) for row in rows)
    return "\n".join(lines) + "\n"


def read_coverage(folder: Path, names: Iterable[str] = COVERAGE_FILES) -> set[int]:
    """Every code point the coverage files list (each code point of a sequence)."""
    codes: set[int] = set()
    for name in names:
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                codes.update(int(code[2:], 16) for code in line.split("\t")[0].split())
    return codes


# --------------------------------------------------------------------------- fonts


def open_face(source: Source) -> TTFont:
    """The source face, fully loaded (the face named `source.face` of a collection, or put
    together from a web font package's slices)."""
    if source.slices:
        return assemble(source.path, source.slices, source.fill)
    data = io.BytesIO(source.path.read_bytes())
    if source.path.suffix.lower() in {".ttc", ".otc"}:
        collection = TTCollection(data, lazy=True)
        for index, font in enumerate(collection.fonts):
            if font["name"].getBestFamilyName() == source.face:
                data.seek(0)
                return TTFont(data, fontNumber=index, recalcTimestamp=False)
        raise SystemExit(f"{source.path}: no face named {source.face}")
    return TTFont(data, recalcTimestamp=False)


def assemble(folder: Path, pattern: str, fill: Path | None = None) -> TTFont:
    """One face from the slices of a web font package (`pattern` in `folder`), and the glyphs
    of `fill` for the characters they lack.

    Each slice is a subset of the same face that keeps its glyph names (`post` format 2), so
    the face is the union of their glyphs, advances and character maps, the glyphs ordered
    by the first character each shows. Its substitutions are left out: the slices hold only
    `vert` (vertical text), `calt` and `frac` (Latin), each cut to a slice's glyphs."""
    files = sorted(folder.glob(pattern), key=lambda path: path.name)
    if not files:
        raise SystemExit(f"{folder}: no {pattern}: scripts/test installs the package")
    fonts = [TTFont(path, recalcTimestamp=False) for path in files]
    glyphs: dict[str, Any] = {}
    metrics: dict[str, tuple[int, int]] = {}
    characters: dict[int, str] = {}
    for font in fonts:
        for name in font.getGlyphOrder():
            if name not in glyphs:
                glyphs[name] = font["glyf"][name]  # expanded: components by name
                metrics[name] = font["hmtx"][name]
        characters.update(font.getBestCmap())
    if fill is not None:
        _fill(TTFont(fill, recalcTimestamp=False), glyphs, metrics, characters)
    first_shown: dict[str, int] = {}
    for code, name in sorted(characters.items(), reverse=True):
        first_shown[name] = code
    order = sorted(glyphs, key=lambda n: (n != ".notdef", first_shown.get(n, 0x110000), n))
    face = fonts[0]
    for tag in ("GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx"):
        if tag in face:
            del face[tag]
    face.setGlyphOrder(order)
    face["glyf"].glyphOrder = order
    face["glyf"].glyphs = glyphs
    face["hmtx"].metrics = metrics
    face["maxp"].numGlyphs = len(order)
    tables = []
    for format_, encoding, codes in ((4, 1, {c: n for c, n in characters.items() if c <= 0xFFFF}),
                                     (12, 10, characters)):  # fmt: skip
        table = CmapSubtable.newSubtable(format_)
        table.platformID, table.platEncID, table.language, table.cmap = 3, encoding, 0, codes
        tables.append(table)
    face["cmap"].tables = tables
    return face


def _fill(
    font: TTFont,
    glyphs: dict[str, Any],
    metrics: dict[str, tuple[int, int]],
    characters: dict[int, str],
) -> None:
    """Add `font`'s glyphs (and the components they are made of) for the characters
    `characters` lacks, named "fill." and their own name so that none replaces a glyph of the
    face."""
    glyf = font["glyf"]
    wanted = {code: name for code, name in font.getBestCmap().items() if code not in characters}
    taken: set[str] = set()
    pending = sorted(set(wanted.values()))
    while pending:
        name = pending.pop()
        if name in taken:
            continue
        taken.add(name)
        glyph = glyf[name]
        if glyph.isComposite():
            pending.extend(c.glyphName for c in glyph.components)
    for name in sorted(taken):
        glyph = glyf[name]
        if glyph.isComposite():
            for component in glyph.components:
                component.glyphName = f"fill.{component.glyphName}"
        glyphs[f"fill.{name}"] = glyph
        metrics[f"fill.{name}"] = font["hmtx"][name]
    characters.update({code: f"fill.{name}" for code, name in wanted.items()})


def make_face(source: Source, codes: set[int]) -> tuple[bytes, set[int]]:
    """The bundled face's bytes and the listed code points its source lacks."""
    font = open_face(source)
    lacking = codes - set(font.getBestCmap())
    options = ft_subset.Options()
    # `locl` only where a language's forms are wanted: in the SC faces its lookups only swap in
    # Japanese, Korean and Traditional forms, and would double the glyphs.
    options.layout_features = [f for f in LAYOUT_FEATURES if f != "locl"]
    if source.local_forms:
        keep_language_system(font, source.local_forms)
        options.layout_features.append("locl")
    options.drop_tables = [*options.drop_tables, *DROP_TABLES]
    options.hinting = False
    options.desubroutinize = False
    options.glyph_names = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.prune_unicode_ranges = True
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    if source.rename:
        rename(font, source.face, source.rename)
    if "CFF " in font:
        to_truetype(font)
    # WOFF2 keeps fonts/ within its 40 MB (a face takes half its TrueType size), without the
    # glyf transform: reading the face back is then Brotli alone, 10 to 30 ms
    # (`publish.fonts.faces.face_data`), where rebuilding transformed outlines took 5 s.
    font.flavor = "woff2"
    font.flavorData = WOFF2FlavorData(transformedTables=())
    out = io.BytesIO()
    font.save(out, reorderTables=True)
    return out.getvalue(), lacking


def keep_language_system(font: TTFont, tag: str) -> None:
    """Drop every language system of the face's substitutions but `tag` (and the defaults).

    Noto's TC faces switch to Japanese, Korean, Simplified and Hong Kong forms by language
    (`locl`); the Hong Kong ones are few (about 2,300 of the kept characters) and wanted, the
    others would double the face."""
    for record in font["GSUB"].table.ScriptList.ScriptRecord:
        script = record.Script
        script.LangSysRecord = [r for r in script.LangSysRecord if r.LangSysTag == tag]
        script.LangSysCount = len(script.LangSysRecord)


# How far a quadratic curve may stray from the cubic it replaces, in font units (1/1000 em for
# Noto CJK): fontmake's default. At 36 pt that is 0.036 pt, far below a printer's dot.
MAX_CURVE_ERROR = 1.0


def to_truetype(font: TTFont) -> None:
    """Give a CFF face TrueType outlines (cubic curves approximated by quadratic ones).

    Why: every output cuts the bundled faces down again, and fontTools cuts `glyf` five times
    faster than CFF (1.25 s against 0.24 s for the 4,400 characters of 100 varied articles),
    because a TrueType glyph is copied as it is while CFF charstrings are decompiled,
    desubroutinised and compiled again. The subsets are a few percent larger once deflated
    in an EPUB and smaller as WOFF2 (docs/benchmarks.md). Google Fonts ships Noto Sans SC
    with TrueType outlines too.
    """
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    metrics = font["hmtx"].metrics
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        # PostScript outlines run counter-clockwise, TrueType ones clockwise.
        glyph_set[name].draw(Cu2QuPen(pen, MAX_CURVE_ERROR, reverse_direction=True))
        glyph = pen.glyph()
        glyph.recalcBounds(glyf)
        glyf.glyphs[name] = glyph
        # TrueType wants each left side bearing equal to the outline's xMin.
        metrics[name] = (metrics[name][0], glyph.xMin if glyph.numberOfContours else 0)
    del font["CFF "]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
                  "maxComponentDepth"):  # fmt: skip
        setattr(maxp, field, 0)
    post = font["post"]
    post.formatType = 3.0  # no glyph names (the CID-keyed sources have none either)
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, old: str, new: str) -> None:
    """Give a face a new family name (every name record that names the family)."""
    table = font["name"]
    subfamily = table.getDebugName(2) or "Regular"
    postscript = f"{new.replace(' ', '')}-{subfamily.replace(' ', '')}"
    keep = []
    for record in table.names:
        if record.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22, 25):
            continue  # names and IDs written again below (localised ones carry the old name)
        text = record.toUnicode()
        carries_old = old in text or "LXGW" in text or "霞鹜" in text
        if carries_old and record.nameID not in (0, 13, 14):  # copyright and licence stay
            continue
        keep.append(record)
    table.names = keep
    for name_id, value in (
        (1, new),
        (2, subfamily),
        (3, f"{postscript};publish-subset"),
        (4, f"{new} {subfamily}"),
        (6, postscript),
    ):
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)


def licence_text(copyright_file: Path, holder: str) -> str:
    """The OFL-1.1 text from a Debian copyright file, with the font's copyright line."""
    text = copyright_file.read_text(encoding="utf-8")
    match = re.search(r"^License: (?:OFL-1\.1|SIL-1\.1)\n((?: .*\n?)+)", text, re.MULTILINE)
    if not match:
        raise SystemExit(f"{copyright_file}: no OFL-1.1 licence paragraph")
    body = "\n".join("" if line == " ." else line[1:] for line in match.group(1).splitlines())
    return f"{holder}\n\n{body.strip()}\n"


def outputs(coverage: Path, wenkai_tc: Path = WENKAI_TC) -> Iterator[tuple[str, bytes, str]]:
    """(file name, bytes, note) of every file the script writes into fonts/ (`wenkai_tc`: where
    the @fontsource/lxgw-wenkai-tc package is)."""
    for name, source in SOURCES.items():
        if source.path == WENKAI_TC:
            source = replace(source, path=wenkai_tc)
        codes = read_coverage(coverage, source.coverage or COVERAGE_FILES)
        data, lacking = make_face(source, codes)
        note = f"{len(lacking)} listed code points not in {source.path.name}"
        yield name, data, note
    noto = open_face(SOURCES[FONTS["sans"].regular])["name"].getDebugName(0)
    yield (
        "LICENSE-NotoCJK.txt",
        licence_text(
            NOTO_COPYRIGHT,
            f"Noto Sans CJK and Noto Serif CJK: {noto}, with Reserved Font Name 'Source'.",
        ).encode(),
        "",
    )
    lxgw = open_face(SOURCES[FONTS["kai"].regular])["name"].getDebugName(0)
    yield (
        "LICENSE-WenKai.txt",
        licence_text(
            LXGW_COPYRIGHT,
            f"{FONTS['kai'].css_name} is a subset of LXGW WenKai (霞鹜文楷), "
            f"renamed as OFL-1.1 §3 requires.\n{lxgw}\n"
            'With Reserved Font Names "霞鹜" and "LXGW".',
        ).encode(),
        "",
    )
    kai_tc = TRADITIONAL_FONTS["kai"]
    notice = (wenkai_tc / "LICENSE").read_text(encoding="utf-8")
    yield (
        "LICENSE-WenKaiTC.txt",
        (
            f"{kai_tc.css_name} is a subset of LXGW WenKai TC 1.330 (霞鶩文楷 TC), renamed like "
            f"{FONTS['kai'].css_name}, with LXGW WenKai's glyphs for the characters it lacks "
            "(LICENSE-WenKai.txt).\nFrom npm's @fontsource/lxgw-wenkai-tc 5.3.0 (Google Fonts' "
            "build), whose licence file follows.\n\n" + notice
        ).encode(),
        "",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "fonts",
        help="folder to write the fonts into (default: fonts/)",
    )
    parser.add_argument(
        "--coverage",
        action="store_true",
        help="first rewrite fonts/coverage/*.txt from Unihan (unicode-data)",
    )
    parser.add_argument(
        "--wenkai-tc",
        type=Path,
        default=WENKAI_TC,
        help=f"the @fontsource/lxgw-wenkai-tc package (default: {WENKAI_TC.relative_to(ROOT)})",
    )
    args = parser.parse_args(argv)
    coverage = ROOT / "fonts" / "coverage"
    if args.coverage:
        coverage.mkdir(parents=True, exist_ok=True)
        for name, text in coverage_texts().items():
            (coverage / name).write_text(text, encoding="utf-8")
            print(f"{coverage / name}: {text.count(chr(10)) - 2} entries")
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data, note in outputs(coverage, args.wenkai_tc):
        target = args.out / name
        temporary = target.with_name(target.name + ".part")
        temporary.write_bytes(data)
        temporary.replace(target)
        digest = hashlib.sha256(data).hexdigest()[:16]
        print(f"{target}: {len(data):,} bytes sha256:{digest} {note}".rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
