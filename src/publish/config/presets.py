"""The presets, as data in one place: body sizes (小 to 特大, 字号, points), papers, lengths,
the bundled font families and the scripts an edition is printed in.

`config.settings` reads a manifest's or the command line's spelling of each into a `Settings`
value; the builders read the presets from there.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PublishError

# --------------------------------------------------------------------------- sizes


@dataclass(frozen=True, slots=True)
class SizePreset:
    """A body text size, named as on the page's 字体 switch and as a Chinese 字号."""

    name: str
    """The name on the command line and in manifests (小, 中, 大, 特大)."""
    zihao: str
    """The traditional Chinese type size (字号) it corresponds to."""
    pt: float
    """Body size in points."""

    @property
    def large_print(self) -> bool:
        """18 pt and above is large print (APH, UKAAF and ACB guidance all start there)."""
        return self.pt >= 18


SIZES: dict[str, SizePreset] = {
    p.name: p
    for p in (
        SizePreset("小", "小四", 12),
        SizePreset("中", "四号", 14),
        SizePreset("大", "小二", 18),
        SizePreset("特大", "一号", 26),
    )
}
"""The size presets, smallest first. 大 is the default: this is a large-print toolkit."""

READING_EM_LARGE = 2 / 3
"""Readings in large print (大, 特大) are two thirds of their characters: 12 pt over 18 pt, 17.3
pt over 26 pt. W3C clreq §3.4 and primary-school textbooks set pinyin at about half the size of
its character, but a low-vision reader who needs the pinyin must read it too, and a half-size
reading in large print (9 pt at 大) is below every large-print floor (APH, UKAAF: 16-18 pt).
Two thirds keeps each reading at least as large as GB 40070-2021's 五号 (10.5 pt) and the
readings of a line still apart on an even grid (see `builders/pdf/geometry.py`)."""

PINYIN_SCALE_LIMITS = (0.75, 1.25)
"""How far `pinyin_scale` may change the reading size."""

READING_EM_LIMITS = (0.45, 0.75)
"""The reading size, scaled, stays within these (relative to its character): above 0.75 a
reading's tone marks reach the line above at the pinyin line height (2.45), and below 0.45
its letters are too small to read at the 小 size."""


def reading_em(body_pt: float, scale: float = 1.0) -> float:
    """The size of a pinyin reading relative to its character, in every format.

    Large print (18 pt and up): `READING_EM_LARGE`. Below: half the size, as textbooks and
    W3C clreq set it, raised towards 9 pt (up to 0.6) on small bodies. Then `scale`
    (`--pinyin-scale`), kept within `READING_EM_LIMITS`.
    """
    base = READING_EM_LARGE if body_pt >= 18 else max(0.5, min(0.6, 9 / body_pt))
    low, high = READING_EM_LIMITS
    return round(max(low, min(high, base * scale)), 3)


LONGEST_SYLLABLE_EM = 3.47
"""Width of the widest tone-marked syllable (chuàng) in Noto Sans CJK, in em of the reading."""

READING_GAP_EM = 0.12
"""The least space between two neighbouring readings, in em of their characters."""

READING_CONDENSE = 0.7
"""How far a reading wider than its cell is condensed (a horizontal scale, never a smaller
size): primary-school textbooks set long syllables such as zhuàng condensed over an even grid
rather than push their character away from its neighbours."""


def reading_pitch_em(body_pt: float, scale: float = 1.0) -> float:
    """The advance of each annotated character, in em: the even grid of every format.

    Each character stands in a cell of this width, centred, with its reading centred above it:
    wide enough for the longest tone-marked syllable condensed to `READING_CONDENSE`, plus the
    gap between readings, and never less than 1.35 em, so the characters of a line with pinyin
    are always set apart as their readings are. The PDF sets it as letter-spacing (`pitch - 1`),
    the site and the EPUB as the width of each <ruby>.
    """
    condensed = LONGEST_SYLLABLE_EM * reading_em(body_pt, scale) * READING_CONDENSE
    spacing = math.ceil((condensed + READING_GAP_EM - 1) * 100) / 100
    return round(1 + max(0.35, spacing), 2)


def reading_fit(width_em: float, cells: int = 1) -> float:
    """The horizontal scale (1 or less) that fits a reading `width_em` wide (in em of the
    reading) over `cells` characters of the grid, with the gap to its neighbours.

    The same at every size: `reading_pitch_em` leaves each cell at least the longest syllable's
    condensed width, so a reading condensed to fit that width fits every size's cell.
    """
    room = LONGEST_SYLLABLE_EM * READING_CONDENSE * cells
    return min(1.0, room / width_em) if width_em > 0 else 1.0


ZIHAO: dict[str, float] = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16,
    "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5,
}  # fmt: skip
"""Chinese type sizes (字号) in points, as used by Chinese word processors and printers."""

DEFAULT_SIZE = "大"
MIN_PT, MAX_PT = 6.0, 96.0

_PT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*pt\s*$", re.IGNORECASE)


def parse_size(value: str | float | int) -> SizePreset:
    """A size preset from 小/中/大/特大, a 字号 such as 小二, or a size such as `18pt` or `18`."""
    if isinstance(value, int | float):
        pt = float(value)
    else:
        text = value.strip()
        if text in SIZES:
            return SIZES[text]
        if text in ZIHAO:
            pt = ZIHAO[text]
            return next((p for p in SIZES.values() if p.pt == pt), SizePreset(text, text, pt))
        match = _PT.match(text) or re.match(r"^\s*(\d+(?:\.\d+)?)\s*$", text)
        if not match:
            raise PublishError(
                f"unknown size {value!r}: use one of {', '.join(SIZES)}, a 字号 such as 小二, "
                "or points such as 18pt"
            )
        pt = float(match.group(1))
    if not MIN_PT <= pt <= MAX_PT:
        raise PublishError(f"size {pt:g}pt is out of range: use {MIN_PT:g}pt to {MAX_PT:g}pt")
    preset = next((p for p in SIZES.values() if p.pt == pt), None)
    zihao = next((name for name, size in ZIHAO.items() if size == pt), "")
    return preset or SizePreset(f"{pt:g}pt", zihao, pt)


# --------------------------------------------------------------------------- paper


@dataclass(frozen=True, slots=True)
class Paper:
    """A trimmed page size in millimetres, portrait."""

    name: str
    width_mm: float
    height_mm: float


PAPERS: dict[str, Paper] = {
    p.name: p
    for p in (
        Paper("A4", 210, 297),
        Paper("A5", 148, 210),
        Paper("B5", 176, 250),  # ISO 216 B5, as in GB/T 148
        # GB/T 788 book sizes.
        Paper("正16开", 184, 260),
        Paper("大16开", 187, 262),
        Paper("正32开", 130, 184),
        Paper("大32开", 140, 203),
    )
}
"""Paper presets. Custom sizes are written `WIDTHxHEIGHTmm`, for example `150x230mm`."""

DEFAULT_PAPER = "A4"
_CUSTOM_PAPER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×*]\s*(\d+(?:\.\d+)?)\s*mm\s*$", re.IGNORECASE)


def parse_paper(value: str) -> Paper:
    """A paper preset by name (case-insensitive for A4/A5/B5) or a custom `WxHmm` size."""
    text = value.strip()
    for name, paper in PAPERS.items():
        if text.upper() == name.upper():
            return paper
    match = _CUSTOM_PAPER.match(text)
    if not match:
        raise PublishError(
            f"unknown paper {value!r}: use one of {', '.join(PAPERS)} or a size such as 150x230mm"
        )
    width, height = float(match.group(1)), float(match.group(2))
    if not (50 <= width <= 1000 and 50 <= height <= 1000):
        raise PublishError(f"paper {value!r} is out of range: each side must be 50 mm to 1000 mm")
    return Paper(f"{width:g}x{height:g}mm", width, height)


def parse_margins(
    value: str | float | int | list[Any] | None, where: str = "output.pdf"
) -> tuple[float, float, float, float] | None:
    """Margins written like CSS `margin`: one to four lengths (top, outer, bottom, inner), in mm.

    Each must be at least 5 mm: print shops trim with a tolerance and keep text 5 mm inside the
    trim. Whether they leave room for text on the chosen paper is checked by the PDF builder.
    """
    if value is None:
        return None
    items = (
        value.replace(",", " ").split()
        if isinstance(value, str)
        else (list(value) if isinstance(value, list | tuple) else [value])
    )
    if not 1 <= len(items) <= 4:
        raise PublishError(
            f"{where}: margins {value!r} must be one to four lengths, such as "
            "20mm or '25mm 20mm' (top and bottom, outer and inner)"
        )
    sizes = [parse_length_mm(item, "margin") for item in items]
    if any(size < 5 for size in sizes):
        raise PublishError(
            f"{where}: margins {value!r} are too small: keep every margin at "
            "least 5mm so that no text is cut off at the trim"
        )
    return _css_sides(sizes)


def _css_sides(sizes: list[float]) -> tuple[float, float, float, float]:
    """CSS shorthand: 1 value for all sides; 2 for top/bottom, sides; 3 top, sides, bottom."""
    match sizes:
        case [a]:
            return (a, a, a, a)
        case [a, b]:
            return (a, b, a, b)
        case [a, b, c]:
            return (a, b, c, b)
    return (sizes[0], sizes[1], sizes[2], sizes[3])


_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|pt|in|cm)?\s*$", re.IGNORECASE)
_MM_PER = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}


def parse_length_mm(value: str | float | int, what: str) -> float:
    """A length such as `3mm`, `0.125in` or `9pt`, in millimetres (a bare number is mm)."""
    if isinstance(value, int | float):
        return float(value)
    match = _LENGTH.match(value)
    if not match:
        raise PublishError(f"{what} {value!r} is not a length: write it like 3mm, 9pt or 0.125in")
    return float(match.group(1)) * _MM_PER[(match.group(2) or "mm").lower()]


# --------------------------------------------------------------------------- fonts


@dataclass(frozen=True, slots=True)
class FontFamily:
    """A font family: its files and the CSS name layouts use (bundled, or a manifest's own)."""

    key: str
    """The name on the command line and in manifests: sans, serif or kai ("custom" for a
    manifest's own font)."""
    css_name: str
    """The family name written in CSS."""
    regular: str
    """File name of the regular face in `folder`."""
    bold: str
    """File name of the bold face in `folder` ("" when the family has no bold face)."""
    generic: str
    """The CSS generic family to fall back to."""
    folder: Path | None = None
    """Where the files are: None for the bundled `fonts/`, the project for a manifest's font."""


FONTS: dict[str, FontFamily] = {
    f.key: f
    for f in (
        FontFamily("sans", "Noto Sans CJK SC", "NotoSansCJKsc-Regular.woff2",
                   "NotoSansCJKsc-Bold.woff2", "sans-serif"),
        FontFamily("serif", "Noto Serif CJK SC", "NotoSerifCJKsc-Regular.woff2",
                   "NotoSerifCJKsc-Bold.woff2", "serif"),
        # A subset of LXGW WenKai, renamed: OFL-1.1 keeps its reserved names "LXGW" and
        # "霞鹜" off modified versions (fonts/README.md).
        FontFamily("kai", "WenKai Publish", "WenKaiPublish-Regular.woff2",
                   "WenKaiPublish-Bold.woff2", "serif"),
    )
}  # fmt: skip
"""The bundled families. Sans is the default: large-print guidance prefers sans for body text."""

TRADITIONAL_FONTS: dict[str, FontFamily] = {
    f.key: f
    for f in (
        FontFamily("sans", "Noto Sans CJK TC", "NotoSansCJKtc-Regular.woff2",
                   "NotoSansCJKtc-Bold.woff2", "sans-serif"),
        FontFamily("serif", "Noto Serif CJK TC", "NotoSerifCJKtc-Regular.woff2",
                   "NotoSerifCJKtc-Bold.woff2", "serif"),
        # A subset of LXGW WenKai TC, renamed like WenKai Publish (fonts/README.md).
        FontFamily("kai", "WenKai TC Publish", "WenKaiTCPublish-Regular.woff2",
                   "WenKaiTCPublish-Bold.woff2", "serif"),
    )
}  # fmt: skip
"""The bundled families of the traditional editions (`--script traditional|tw|hk`): Noto's
Traditional Chinese faces and LXGW WenKai TC, whose glyphs follow Taiwan's 國字標準字體 (Noto's
keep Hong Kong's forms too, for text tagged zh-Hant-HK)."""


def companion_family(family: FontFamily) -> FontFamily | None:
    """The bundled family of the other script in the same style (Noto Sans CJK TC for Noto
    Sans CJK SC, and the other way round), or None for a project's own font.

    A simplified edition's faces hold GB 2312, which an article written in traditional
    characters (an imported Hong Kong page) mostly leaves: its characters are set in the
    companion, of the same design and bundled, before any system font is looked for."""
    for mine, other in ((FONTS, TRADITIONAL_FONTS), (TRADITIONAL_FONTS, FONTS)):
        if mine.get(family.key) == family:
            return other[family.key]
    return None


DEFAULT_FONT = "sans"


_CUSTOM_FONT_KEYS = ("family", "regular", "bold", "generic")
_GENERICS = ("serif", "sans-serif")


def parse_font(
    value: str | Mapping[str, Any], root: Path | None = None, where: str = "output"
) -> FontFamily:
    """A bundled family by key, or a project's own font from a mapping such as
    `{family: 我的楷体, regular: fonts/kai.ttf, bold: fonts/kai-bold.ttf}` (paths inside `root`,
    the project; the files themselves are checked by `fonts.faces.font_faces`)."""
    if not isinstance(value, Mapping):
        try:
            return FONTS[str(value).strip().lower()]
        except KeyError:
            raise PublishError(
                f"{where}: unknown font {value!r}: use one of {', '.join(FONTS)}, or name your "
                "own files as font: {family: NAME, regular: FILE, bold: FILE}"
            ) from None
    unknown = sorted(set(map(str, value)) - set(_CUSTOM_FONT_KEYS))
    if unknown:
        raise PublishError(
            f"{where}.font: unknown key {unknown[0]!r}: valid keys are "
            f"{', '.join(_CUSTOM_FONT_KEYS)}"
        )
    family, regular = value.get("family"), value.get("regular")
    bold, generic = value.get("bold") or "", value.get("generic", "serif")
    if not (isinstance(family, str) and family.strip()):
        raise PublishError(f"{where}.font: family is missing: give the family name to use")
    if not (isinstance(regular, str) and regular.strip()):
        raise PublishError(f"{where}.font: regular is missing: give the regular face's file")
    if generic not in _GENERICS:
        raise PublishError(
            f"{where}.font.generic: {generic!r} is not one of {', '.join(_GENERICS)}"
        )
    folder = (root or Path.cwd()).resolve()
    for key, name in (("regular", regular), ("bold", bold)):
        if not name:
            continue
        path = (folder / str(name)).resolve()
        if root is not None and not path.is_relative_to(folder):
            raise PublishError(
                f"{where}.font.{key}: {name!r} points outside the project: "
                "keep the font files in its folder"
            )
        if not path.is_file():
            raise PublishError(
                f"{where}.font.{key}: font file {name!r} not found: check the "
                "path (relative to the project folder)"
            )
    return FontFamily("custom", family.strip(), str(regular), str(bold), generic, folder)


# --------------------------------------------------------------------------- scripts


@dataclass(frozen=True, slots=True)
class Script:
    """The characters an edition is printed in, and how simplified sources are converted."""

    name: str
    """The name on the command line and in manifests (simplified, traditional, tw, hk)."""
    language: str
    """The BCP 47 tag of every output in this script."""
    opencc: str = ""
    """OpenCC's configuration for the characters ("" for none: the sources as written). Phrase
    level: 头发 -> 頭髮 but 发展 -> 發展, 皇后 but 以后 -> 以後. Words stay the author's."""
    opencc_words: str = ""
    """The configuration that also puts the region's words for the author's (`regional_words`;
    s2twp: 软件 -> 軟體, 打印 -> 列印)."""

    @property
    def traditional(self) -> bool:
        """True for the traditional editions."""
        return bool(self.opencc)


SCRIPTS: dict[str, Script] = {
    s.name: s
    for s in (
        Script("simplified", "zh-Hans"),
        Script("traditional", "zh-Hant", "s2t", "s2t"),
        # Taiwan's standard forms (台 -> 臺, 里 -> 裡); s2twp also uses Taiwan's words.
        Script("tw", "zh-Hant-TW", "s2tw", "s2twp"),
        # Hong Kong's standard forms (裏, 着); OpenCC has no table of Hong Kong words.
        Script("hk", "zh-Hant-HK", "s2hk", "s2hk"),
    )
}
"""The scripts an edition can be printed in. `simplified` prints the sources as written."""

DEFAULT_SCRIPT = "simplified"


# --------------------------------------------------------------------------- bundled data


def bundled_path(kind: str) -> Path:
    """The bundled `layouts`, `fonts` or `profiles` folder, in a source checkout or an installed
    wheel.

    A wheel holds them in `publish/bundled/` (pyproject's force-include), apart from the
    `publish.fonts` package; a checkout at the top of the repository.
    """
    installed = Path(__file__).parents[1] / "bundled" / kind
    if installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parents[3] / kind
    if checkout.is_dir():
        return checkout
    raise PublishError(f"the bundled {kind}/ folder is missing: reinstall publish")
