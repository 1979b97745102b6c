"""Font faces: the chosen family's files, the @font-face faces and the CSS font stack.

Between text processing and the builders: `coverage` adds the system fallbacks found for
characters the family lacks, and every layout gets its faces and its `font-family` value from
here (the one place the stack is decided). Also reads a face's character map and names.
"""

from __future__ import annotations

import hashlib
import io
import struct
import sys
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from unicodedata import east_asian_width

from .. import cache
from ..config import FontFamily, Settings, bundled_path, companion_family
from ..errors import Problem, PublishError, SourceError

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

REGULAR, BOLD = 400, 700

# Tables a face must have to set text: a character map, glyph metrics and outlines
# (glyf for TrueType, CFF/CFF2 for OpenType).
_REQUIRED_TABLES = ("cmap", "head", "hhea", "hmtx", "maxp")
_OUTLINE_TABLES = ("glyf", "CFF ", "CFF2")


@dataclass(frozen=True, slots=True)
class FontFace:
    """One face of the font stack, as a layout's @font-face rule needs it."""

    family: str
    """The CSS family name."""
    path: Path
    """The font file (a single face: OpenType or TrueType, never a collection)."""
    weight: int
    """400 or 700."""
    fallback: bool = False
    """True for a system face found for characters the chosen family lacks."""

    @property
    def css_format(self) -> str:
        """The `format()` hint of an @font-face `src` for this file."""
        return css_format(self.path.suffix)


def family_files(family: FontFamily) -> tuple[Path, Path | None]:
    """The regular and bold files of a family (bold None when the family has no bold face).

    Bundled families name files in the bundled `fonts/` folder, a manifest's own font files in
    the project (`family.folder`).
    """
    folder = family.folder or bundled_path("fonts")
    regular = folder / family.regular
    bold = folder / family.bold if family.bold and family.bold != family.regular else None
    return regular, bold


def font_faces(settings: Settings, fallbacks: Iterable[Path] = ()) -> list[FontFace]:
    """The faces of the chosen family (regular 400, bold 700), then each fallback face (400).

    Raises PublishError when a face is missing, unreadable or lacks the tables text needs.
    """
    family = settings.font
    regular, bold = family_files(family)
    faces = [FontFace(family.css_name, _checked(regular, family, "regular"), REGULAR)]
    if bold is not None:
        faces.append(FontFace(family.css_name, _checked(bold, family, "bold"), BOLD))
    faces.extend(FontFace(_fallback_family(p), p, _weight(p), fallback=True) for p in fallbacks)
    return faces


def font_stack(
    settings: Settings,
    fallbacks: Iterable[Path] = (),
    *,
    family: str | None = None,
    first: str | None = None,
) -> str:
    """The CSS font-family value every layout uses: the family (declared as `family` when
    given, see `print_family`), its fallbacks, its generic; `first`, a fallback family to put
    before them all (`other_script_stacks`)."""
    names = [first] if first else []
    names.append(family or settings.font.css_name)
    names.extend(_fallback_family(path) for path in fallbacks)
    quoted = ", ".join(_css_string(name) for name in dict.fromkeys(names))
    return f"{quoted}, {settings.font.generic}"


OTHER_SCRIPT = "zh-Hant"
"""The language of the text a simplified edition sets in its companion family."""


def in_other_script(language: str, settings: Settings) -> bool:
    """Whether text tagged `language` is in the other script than the edition's: traditional
    characters (zh-Hant, zh-Hant-HK) in a simplified edition. A traditional edition converts
    or tags every article as its own script."""
    return not settings.script.traditional and language.startswith(OTHER_SCRIPT)


def other_script_stacks(
    settings: Settings, fallbacks: Sequence[Path], *, family: str | None = None
) -> list[tuple[str, str]]:
    """(language, font-family value) for each `:lang()` rule of the layouts: text in the other
    script (an article in traditional characters in a simplified edition) set in the bundled
    companion family first, which `coverage` cut to all its characters, so that the characters
    both scripts share take the shapes of the article's script too (骨, 角, 次 differ)."""
    companion = companion_family(settings.font)
    if companion is None or settings.script.traditional:
        return []
    name = f"{companion.css_name} Fallback"
    if name not in (_fallback_family(path) for path in fallbacks):
        return []
    return [(OTHER_SCRIPT, font_stack(settings, fallbacks, family=family, first=name))]


def print_family(settings: Settings) -> str:
    """The name the print layout declares the chosen family under for WeasyPrint.

    WeasyPrint hands an @font-face file to fontconfig under the rule's family name, and
    fontconfig then prefers an installed face of the same name: on a machine with Debian's
    fonts-noto-cjk, PDFs embedded that system face (its 63,283 glyphs, vertical metrics and
    all) instead of the bundled one. A name no installed font has keeps the PDF the same on
    every machine. Browsers and reading systems always take an @font-face rule first.
    """
    return f"{settings.font.css_name} Embedded"


def _fallback_family(path: Path) -> str:
    """The CSS family of a fallback face: its own name and "Fallback", never the name of the
    chosen family (a system copy of Noto Sans CJK SC is a likely fallback for the bundled one,
    and two @font-face rules of one family and weight would hide one another)."""
    return f"{_family_name(str(path))} Fallback"


@lru_cache(maxsize=64)
def _weight(path: Path) -> int:
    """BOLD for a fallback face whose weight class is 600 or more (the bundled companion's bold
    face, `coverage._from_companion`), else REGULAR: one family of fallback faces declared at
    both weights sets bold text in its bold face. Fallbacks are cut down to a few characters,
    so reading their OS/2 table costs little."""
    with open_metrics(path) as font:
        table = font.get("OS/2")
        return BOLD if table is not None and table.usWeightClass >= 600 else REGULAR


def _css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def css_format(suffix: str) -> str:
    return {".otf": "opentype", ".ttf": "truetype", ".woff": "woff", ".woff2": "woff2"}.get(
        suffix.lower(), "opentype"
    )


# --------------------------------------------------------------------------- reading fonts


def _checked(path: Path, family: FontFamily, key: str) -> Path:
    """`path` if it is a usable single-face font file; otherwise a one-line PublishError.

    `key` is "regular" or "bold": a manifest's own font is reported at `output.font.KEY`.
    """
    if family.folder is None:
        where, label = None, f"bundled font file {path.name} ({family.css_name})"
    else:
        manifest = family.folder / "publish.yaml"
        where = manifest if manifest.is_file() else None
        label = f"output.font.{key}: font file {_shown(path, family.folder)!r}"
    if not path.is_file():
        if family.folder is None:
            raise PublishError(
                f"{label} is missing: reinstall publish, or run scripts/make_fonts.py in a checkout"
            )
        raise SourceError(Problem(where, f"{label} not found: check the path"))
    try:
        _font_info(str(path))
    except _Unusable as problem:
        raise SourceError(Problem(where, f"{label} {problem}")) from None
    return path


def _shown(path: Path, folder: Path) -> str:
    return str(path.relative_to(folder)) if path.is_relative_to(folder) else str(path)


class _Unusable(Exception):
    """Why a font file cannot set text (the end of a one-line message)."""


def _font_info(path: str) -> tuple[frozenset[int], str]:
    """A face's character set (cmap) and family name; _Unusable when it cannot set text.

    Kept in the build cache for a version of the file (its path, time and size, as
    `cache.files` knows the faces): the bundled faces are WOFF2, which a rebuild decompressed
    again only to read their character maps (0.3 s of CPU for the two faces)."""
    stat = Path(path).stat()
    version = (path, stat.st_mtime_ns, stat.st_size)
    store = cache.current()
    if store is None:
        return _read_font(*version)
    key = cache.key("font-info", *_known_by(*version))
    value = store.get("font-info", key)  # from memory after the first (REMEMBERED)
    converted = _converted.get(key)
    if converted is not None and converted[0] is value:  # the entry this build read
        return converted[1]
    found = _kept_info(value)
    if found is not None:
        _converted[key] = (value, found)
    else:
        found = _read_font(*version)
        store.put("font-info", key, [_ranges(found[0]), found[1]])
    return found


SMALL_FACE = 1 << 20
"""Faces up to this size are known to the build cache by their content (`_known_by`)."""


@lru_cache(maxsize=64)
def _known_by(path: str, mtime_ns: int, size: int) -> tuple[object, ...]:
    """What the cache's key of a face's info holds: a small face's content digest, else its
    path, time and size. The fallback faces that `fonts.coverage` cuts from system fonts are
    written into a new folder by each build: known by their path, each rebuild read their
    tables again (0.05 s of CPU, for the 1,000-article archive's three; docs/benchmarks.md)."""
    if size <= SMALL_FACE:
        try:
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            # Whether `_read_font` checks its tables (not a bundled face's) besides.
            return ("sha256", digest, Path(path).parent == bundled_path("fonts"))
        except OSError:
            pass  # read by `_read_font`, which says why it cannot be
    return (path, mtime_ns, size)


_converted: dict[str, tuple[object, tuple[frozenset[int], str]]] = {}
"""Each "font-info" entry's value (the object the build cache remembers) and the character set
and name made from it: a build asks for a face's some 30 times, and making the set of a CJK
face's 65,000 code points takes 4 ms. Kept for the entry object, so each build checks its own."""


@lru_cache(maxsize=64)
def _read_font(path: str, mtime_ns: int, size: int) -> tuple[frozenset[int], str]:
    """`_font_info`, read from the file once per version of it."""
    from fontTools.ttLib import TTLibError

    try:
        with open_metrics(path) as font:
            missing = [t for t in _REQUIRED_TABLES if t not in font]
            if not any(t in font for t in _OUTLINE_TABLES):
                missing.append("glyf or CFF")
            if missing:
                raise _Unusable(
                    f"lacks the {', '.join(missing)} table(s) a font needs to set text: "
                    "use an OpenType (.otf) or TrueType (.ttf) font"
                )
            if Path(path).parent != bundled_path("fonts"):
                # A project's or the system's font: decompile its tables now, so that a damaged
                # one fails here, in one line, not in a builder (ours are tested; hmtx alone
                # takes 50 ms for a Noto face).
                for tag in _REQUIRED_TABLES:
                    font[tag]
            cmap = font.getBestCmap()
            if not cmap:
                raise _Unusable(
                    "has no Unicode character map: use an OpenType or TrueType font made for "
                    "Unicode text"
                )
            name = font["name"].getBestFamilyName() if "name" in font else None
            return frozenset(cmap), name or Path(path).stem
    except _Unusable:
        raise
    except (
        TTLibError,
        OSError,
        ValueError,
        KeyError,
        AssertionError,
        EOFError,
        struct.error,
        IndexError,
        TypeError,
    ) as error:
        raise _Unusable(
            f"is not a readable font ({error or type(error).__name__}): use an OpenType (.otf) "
            "or TrueType (.ttf) file"
        ) from None


def _ranges(codes: Iterable[int]) -> list[list[int]]:
    """Sorted code points as [first, last] ranges (a CJK face's 65,000 are some 1,000)."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return ranges


def _kept_info(value: object) -> tuple[frozenset[int], str] | None:
    """A face's character set and family name from a cache entry; None if it holds none."""
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], str)):
        return None
    ranges = value[0]
    if not isinstance(ranges, list) or not all(
        isinstance(r, list) and len(r) == 2 and all(type(n) is int for n in r)
        and 0 <= r[0] <= r[1] <= sys.maxunicode
        for r in ranges
    ):  # fmt: skip
        return None
    codes = frozenset(code for first, last in ranges for code in range(first, last + 1))
    return (codes, value[1]) if codes else None


def open_metrics(path: str | Path) -> TTFont:
    """A face opened lazily to read its character map and metrics, its glyphs named by index
    (see `name_glyphs_by_index`; a CFF face's names are not needed for those)."""
    from fontTools.ttLib import TTFont

    font = TTFont(readable(Path(path)), lazy=True)
    if "maxp" in font:  # without it, the caller reports the file as unusable
        name_glyphs_by_index(font)
    return font


def name_glyphs_by_index(font: TTFont) -> None:
    """Name a face's glyphs by their index, for code that reads no glyph name.

    The bundled faces store none (`post` format 3), and fontTools would make them from the
    character map with the Adobe Glyph List: 60 ms to import it, then 25 ms a face. Not
    before cutting a CFF face: its CFF table names the glyphs the subsetter works on.
    """
    count = font["maxp"].numGlyphs
    font.setGlyphOrder([".notdef", *(f"glyph{i}" for i in range(1, count))])


@lru_cache(maxsize=8)
def _advances(face: str) -> dict[int, float]:
    """Advance widths (em) by code point of a font file, read once per process."""
    with open_metrics(face) as font:
        upem = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        cmap = font.getBestCmap() or {}
        return {code: metrics[glyph][0] / upem for code, glyph in cmap.items()}


def text_width_em(face: Path, text: str, fallbacks: Sequence[Path] = ()) -> float:
    """The width of `text` set in the font file `face`, in em (kerning aside); a character
    `face` lacks is measured in the first of `fallbacks` that has it, as the layout sets it."""
    advances = _advances(str(face))
    width = 0.0
    for char in text:
        advance = advances.get(ord(char))
        width += _fallback_advance(char, fallbacks) if advance is None else advance
    return width


def _fallback_advance(char: str, fallbacks: Sequence[Path]) -> float:
    """The advance of a character the family lacks: the first fallback's that has it, else a
    guess by its East Asian width (a Han character is a full em in whichever font sets it)."""
    for path in fallbacks:
        advance = _advances(str(path)).get(ord(char))
        if advance is not None:
            return advance
    return 1.0 if east_asian_width(char) in ("F", "W") else 0.6


def readable(path: Path) -> io.BytesIO | str:
    """What fontTools reads a face from: a WOFF2 file's OpenType bytes (`face_data`, from
    memory), any other file by its name."""
    with open(path, "rb") as file:
        if file.read(4) != b"wOF2":
            return str(path)
    return io.BytesIO(face_data(path))


def face_data(path: Path) -> bytes:
    """A face's OpenType or TrueType file: the file itself, or the one a WOFF2 file stores
    (the bundled faces), read once per process and version of the file."""
    stat = path.stat()
    return _face_data(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _face_data(path: str, mtime_ns: int, size: int) -> bytes:
    data = Path(path).read_bytes()
    return _sfnt(data) if data[:4] == b"wOF2" else data


_HEAD_TRANSFORMED = 1 << 11
"""The `head` flag WOFF2 writers set ("font data is lossless transformed")."""


def _sfnt(woff2: bytes) -> bytes:
    """The OpenType file a WOFF2 file stores, its tables as they were before compression.

    The bundled faces are WOFF2 without the glyf transform (scripts/make_fonts.py), so their
    tables come out of Brotli as they went in: 10 to 30 ms a face, where fontTools'
    `woff2.decompress` takes 90 ms (table checksums summed in Python) and rebuilding
    transformed outlines 5 s. The head flag the writer set is cleared, so subsets and PDFs are
    those the TrueType faces gave, byte for byte.
    """
    import brotli
    from fontTools.ttLib import TTLibError
    from fontTools.ttLib.woff2 import WOFF2Reader

    try:
        reader = WOFF2Reader(io.BytesIO(woff2))
    except brotli.error as error:
        raise TTLibError(f"its WOFF2 data is damaged ({error})") from None
    tags = sorted(reader.keys())
    tables = [bytearray(reader[tag]) for tag in tags]
    head = tables[tags.index("head")]
    struct.pack_into(">I", head, 8, 0)  # checkSumAdjustment, set below
    flags = struct.unpack_from(">H", head, 16)[0]
    struct.pack_into(">H", head, 16, flags & ~_HEAD_TRANSFORMED)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    shift = power.bit_length() - 1
    header = struct.pack(">4sHHHH", bytes(reader.sfntVersion, "latin-1"), count, power * 16,
                         shift, (count - power) * 16)  # fmt: skip
    offset = len(header) + 16 * count
    directory, body, head_at = [], [], 0
    for tag, data in zip(tags, tables, strict=True):
        padded = bytes(data) + b"\0" * (-len(data) % 4)
        directory.append(struct.pack(">4sIII", bytes(tag, "latin-1"), _checksum(padded), offset,
                                     len(data)))  # fmt: skip
        head_at = offset if tag == "head" else head_at
        body.append(padded)
        offset += len(padded)
    sfnt = bytearray(header + b"".join(directory) + b"".join(body))
    struct.pack_into(">I", sfnt, head_at + 8, (0xB1B0AFBA - _checksum(sfnt)) & 0xFFFFFFFF)
    return bytes(sfnt)


def _checksum(data: bytes | bytearray) -> int:
    """The OpenType checksum of 4-byte aligned data: its big-endian words summed (with
    `array`, not numpy: a build without pinyin never imports numpy, 0.1 s)."""
    words = array("I", data)  # 4-byte items on every platform CPython supports here
    if sys.byteorder == "little":
        words.byteswap()
    return sum(words) & 0xFFFFFFFF


def _family_name(path: str) -> str:
    return _font_info(path)[1]


def charset(path: Path) -> frozenset[int]:
    """The code points a face maps to glyphs (its best Unicode cmap)."""
    return _font_info(str(path))[0]
