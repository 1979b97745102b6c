"""Fonts: the bundled families, the glyph coverage check and per-output subsets.

Between text processing and the builders. Before anything is laid out, `check_coverage` checks
every character of every source against the chosen family (fontTools cmaps); a character the
family lacks is reported once and looked up in the system's fonts through fontconfig, and the
face found is cut down to the missing characters and handed to the builders as a fallback.

Builders get everything font-related from here:

- `font_faces(settings, fallbacks)` and `font_stack(settings, fallbacks)`: the @font-face rules
  and the CSS `font-family` value of every layout (the one place the stack is decided);
- `used_text(collection, documents)`: the characters an edition sets in each weight;
- `subset(path, text, flavor)` / `subset_faces(faces, used, flavor)`: the embedded font files
  of an EPUB (OpenType/TrueType) or a web site (WOFF2), holding only the glyphs used.
"""

from __future__ import annotations

import atexit
import hashlib
import io
import logging
import re
import shutil
import struct
import subprocess
import tempfile
import threading
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from . import cache
from .config import FontFamily, Settings, bundled_path
from .errors import Problem, PublishError, SourceError
from .model import (
    Article,
    Collection,
    Emphasis,
    Heading,
    Inlines,
    Interview,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Ruby,
    Strong,
    Table,
    Text,
    iter_inlines,
)
from .parallel import forks, processes, start

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

log = logging.getLogger("publish")

Flavor = Literal["woff2", "woff", "sfnt"]
"""How a subset is stored: WOFF2 or WOFF (web), or "sfnt" (the face's own OpenType/TrueType)."""

REGULAR, BOLD = 400, 700

# Tables a face must have to set text: a character map, glyph metrics and outlines
# (glyf for TrueType, CFF/CFF2 for OpenType).
_REQUIRED_TABLES = ("cmap", "head", "hhea", "hmtx", "maxp")
_OUTLINE_TABLES = ("glyf", "CFF ", "CFF2")


# --------------------------------------------------------------------------- faces and stack


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
        return _css_format(self.path.suffix)


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
    faces.extend(FontFace(_fallback_family(p), p, REGULAR, fallback=True) for p in fallbacks)
    return faces


def font_stack(
    settings: Settings, fallbacks: Iterable[Path] = (), *, family: str | None = None
) -> str:
    """The CSS font-family value every layout uses: the family (declared as `family` when
    given, see `print_family`), its fallbacks, its generic."""
    names = [family or settings.font.css_name]
    names.extend(_fallback_family(path) for path in fallbacks)
    quoted = ", ".join(_css_string(name) for name in dict.fromkeys(names))
    return f"{quoted}, {settings.font.generic}"


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


def _css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _css_format(suffix: str) -> str:
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
    """A face's character set (cmap) and family name; _Unusable when it cannot set text."""
    stat = Path(path).stat()
    return _read_font(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _read_font(path: str, mtime_ns: int, size: int) -> tuple[frozenset[int], str]:
    """`_font_info`, read once per version of the file."""
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


def open_metrics(path: str | Path) -> TTFont:
    """A face opened lazily to read its character map and metrics, its glyphs named by index
    (see `_name_by_index`; a CFF face's names are not needed for those)."""
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    if "maxp" in font:  # without it, the caller reports the file as unusable
        _name_by_index(font)
    return font


def _name_by_index(font: TTFont) -> None:
    """Name a face's glyphs by their index, for code that reads no glyph name.

    The bundled faces store none (`post` format 3), and fontTools would make them from the
    character map with the Adobe Glyph List: 60 ms to import it, then 25 ms a face. Not
    before cutting a CFF face: its CFF table names the glyphs the subsetter works on.
    """
    count = font["maxp"].numGlyphs
    font.setGlyphOrder([".notdef", *(f"glyph{i}" for i in range(1, count))])


def _family_name(path: str) -> str:
    return _font_info(path)[1]


def charset(path: Path) -> frozenset[int]:
    """The code points a face maps to glyphs (its best Unicode cmap)."""
    return _font_info(str(path))[0]


# --------------------------------------------------------------------------- used text


@dataclass(frozen=True, slots=True)
class UsedText:
    """The characters an edition sets, by weight (each a sorted string without duplicates)."""

    regular: str
    """Characters set in the regular weight (body text, pinyin, metadata)."""
    bold: str
    """Characters set in bold (titles, headings, speakers' names, table headers, strong)."""

    @property
    def all(self) -> str:
        """Every character, in either weight."""
        return _chars(self.regular + self.bold)

    def __or__(self, other: UsedText) -> UsedText:
        return UsedText(_chars(self.regular + other.regular), _chars(self.bold + other.bold))

    def for_weight(self, weight: int) -> str:
        """The characters set in `weight` (700 and above is bold)."""
        return self.bold if weight >= BOLD else self.regular


def _chars(text: str) -> str:
    return "".join(sorted(set(text)))


def used_text(
    collection: Collection,
    documents: Iterable[str | bytes] = (),
    extra: str = "",
    stylesheet: str = "",
) -> UsedText:
    """The characters of an edition by weight: the model's text, its rendered documents, extra.

    Builders pass their rendered (X)HTML `documents` and the `stylesheet` they are rendered
    with, so that text the layouts add (labels, the metadata line, page numbers, navigation,
    `content:` strings) is embedded, in the weight the stylesheet sets it in; `extra` is added
    to both weights.
    """
    from .shown import shown_text

    regular, bold = _model_text(collection)
    regulars, bolds = [regular, extra], [bold, extra]
    for document in documents:
        shown_regular, shown_bold = shown_text(document, stylesheet)
        regulars.append(shown_regular)
        bolds.append(shown_bold)
    # Sorted once: merging document by document sorted the set again for each of them.
    return UsedText(_chars("".join(regulars)), _chars("".join(bolds)))


def _model_text(collection: Collection) -> tuple[str, str]:
    """(regular, bold) text of a collection from the model, pinyin readings included."""
    texts = [(regular, bold) for _path, regular, bold in _sources(collection)]
    return "".join(r for r, _ in texts), "".join(b for _, b in texts)


def _sources(collection: Collection) -> list[tuple[Path, str, str]]:
    """(file, regular text, bold text) of the manifest and of each article.

    The coverage check and then each builder ask for the same collection's text: it is made
    once for the last collection asked about (0.2 s for 100 articles).
    """
    global _LAST_SOURCES
    if _LAST_SOURCES is not None and _LAST_SOURCES[0] is collection:
        return _LAST_SOURCES[1]
    titles = collection.title + collection.subtitle
    sources = [(collection.source_path, titles + collection.publisher, titles)]
    sources += [(article.source_path, *_article_text(article)) for article in collection.articles]
    _LAST_SOURCES = (collection, sources)
    return sources


_LAST_SOURCES: tuple[Collection, list[tuple[Path, str, str]]] | None = None
"""The last collection `_sources` read, and what it found (the collection is immutable)."""


def _article_text(article: Article) -> tuple[str, str]:
    """(regular, bold) text of an article: its runs by weight, then its metadata line."""
    regular: list[str] = []
    bold: list[str] = []
    for runs, strong in _weighted_runs(article):
        (bold if strong else regular).append(_visible(runs, strong, bold, regular))
    regular.extend(_metadata_strings(article))
    return "".join(regular), "".join(bold)


def _weighted_runs(article: Article) -> Iterator[tuple[Inlines, bool]]:
    """Every run sequence of an article with whether the layouts set it in bold."""
    yield article.title, True
    yield article.subtitle, True
    yield from _weighted_blocks(article.blocks)


def _weighted_blocks(blocks: Iterable[object]) -> Iterator[tuple[Inlines, bool]]:
    for block in blocks:
        match block:
            case Heading(children=c):
                yield c, True
            case Paragraph(children=c):
                yield c, False
            case Quote(blocks=inner):
                yield from _weighted_blocks(inner)
            case ListBlock(items=items):
                for item in items:
                    yield from _weighted_blocks(item)
            case Table(header=header, rows=rows, caption=caption):
                yield caption, False
                for cell in header:
                    yield cell, True
                for row in rows:
                    for cell in row:
                        yield cell, False
            case Interview(name=name, role=role, headline=headline, blocks=inner):
                yield role, False
                yield name, True
                if headline is not None:
                    yield headline.children, True
                yield from _weighted_blocks(inner)
            case _:
                for runs in iter_inlines((block,)):  # type: ignore[arg-type]
                    yield runs, False


def _visible(runs: Inlines, strong: bool, bold: list[str], regular: list[str]) -> str:
    """The text of `runs`; <strong> parts go to `bold` directly, and readings to both weights
    (the layouts set ruby text in the regular weight, in headings too)."""
    parts: list[str] = []
    for run in runs:
        match run:
            case Text(text=text):
                parts.append(text)
            case Ruby(base=base, readings=readings, zhuyin=zhuyin):
                # Readings go to both faces: the layouts set them in the regular weight, but a
                # reading system's own stylesheet may leave them bold inside headings.
                parts.append(base)
                regular.append("".join(readings + zhuyin))
                bold.append("".join(readings + zhuyin))
            case Strong(children=c):
                bold.append(_visible(c, True, bold, regular))
            case Emphasis(children=c) | Link(children=c):
                parts.append(_visible(c, strong, bold, regular))
            case LineBreak():
                pass
    return "".join(parts)


def _metadata_strings(article: Article) -> list[str]:
    """Metadata that appears on the page (the metadata line), as plain strings."""
    date = article.date.strftime("%Y年%m月%d日 %H:%M") if article.date else ""
    return [article.source, *article.authors, *article.category, *article.tags, date]


def markup_text(document: str | bytes, stylesheet: str = "") -> UsedText:
    """The characters an (X)HTML document shows rendered with `stylesheet`, by the weight that
    sets them (see `publish.shown`)."""
    from .shown import shown_text

    regular, bold = shown_text(document, stylesheet)
    return UsedText(_chars(regular), _chars(bold))


# --------------------------------------------------------------------------- coverage


def _is_glyphless(char: str) -> bool:
    """Whitespace, controls and format characters: not glyph problems (shapers handle them)."""
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return True  # variation selectors: a font without them shows the base glyph
    return char.isspace() or unicodedata.category(char) in {"Cc", "Cf", "Zs", "Zl", "Zp"}


def check_coverage(collection: Collection, settings: Settings) -> tuple[Path, ...]:
    """Fallback font files for the characters the chosen family lacks.

    Every character of every source is checked against the regular face (and the bold face
    for text set in bold). Each uncovered character is reported once, with the file (and line)
    it first occurs in, as a warning, or with `settings.strict` as a SourceError listing them
    all. Each is looked up in the system's fonts through fontconfig; the faces found are
    returned, cut down to the missing characters, for the builders to embed after the family.
    """
    faces = font_faces(settings)
    regular_face, bold_face = faces[0], faces[-1]
    covered = {REGULAR: charset(regular_face.path), BOLD: charset(bold_face.path)}
    missing: dict[str, tuple[Path, FontFace]] = {}
    for path, regular, bold in _sources(collection):
        for text, weight, face in ((regular + bold, REGULAR, regular_face),
                                   (bold, BOLD, bold_face)):  # fmt: skip
            for char in dict.fromkeys(text):  # each character once, in order of appearance
                new = char not in missing and ord(char) not in covered[weight]
                if new and not _is_glyphless(char):
                    missing[char] = (path, face)
    if not missing:
        return ()

    def problem(char: str, path: Path, face: FontFace, what: str) -> Problem:
        name = face.family + (" Bold" if face.weight >= BOLD and len(faces) > 1 else "")
        message = f"{char} (U+{ord(char):04X}) is not in the font {name}: {what}"
        return Problem(path, message, _line_of(path, char))

    if settings.strict:
        raise SourceError(
            problem(char, path, face, "replace it, or build without --strict to embed a "
                    "system font that has it")
            for char, (path, face) in missing.items()
        )  # fmt: skip
    found = _system_fallbacks("".join(missing), settings.font.generic, collection.language)
    for char, (path, face) in missing.items():
        if char in found:
            file, _index, name = found[char]
            log.warning("%s", problem(char, path, face, f"embedding it from {name} ({file})"))
        else:
            log.warning("%s", problem(char, path, face, "no system font has it either, so it "
                                      "would print as tofu (□): replace it or install a font "
                                      "that has it"))  # fmt: skip
    groups: dict[tuple[str, int], str] = {}
    for char, (file, index, _name) in found.items():
        groups[(file, index)] = groups.get((file, index), "") + char
    return tuple(_extract(Path(file), index, chars) for (file, index), chars in groups.items())


def _line_of(path: Path, char: str) -> int | None:
    """The first line of a source file with `char` on it (None when unreadable or absent)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    at = text.find(char)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _system_fallbacks(chars: str, generic: str, language: str) -> dict[str, tuple[str, int, str]]:
    """For each character, a system face that has it: (file, face index, family), via fc-list.

    Among the faces that have a character, the one covering the most of `chars` wins; then the
    one fontconfig prefers for the language and the generic family (so Chinese text gets the
    Simplified Chinese face of a collection, not its Japanese one), then a regular weight, then
    the file name: the same system always gives the same choice.
    """
    if shutil.which("fc-list") is None:
        return {}
    preferred = _preference(generic, language)
    system = _system_faces()
    rank = {
        face: (preferred.get(face[:2], len(preferred)), distance) for face, distance, _ in system
    }
    candidates = {
        char: sorted({face for face, _, charset in system if charset.has(ord(char))})
        for char in chars
    }
    covers: dict[tuple[str, int, str], int] = {}
    for faces in candidates.values():
        for face in faces:
            covers[face] = covers.get(face, 0) + 1
    return {
        char: min(faces, key=lambda face: (-covers[face], *rank[face], face))
        for char, faces in candidates.items()
        if faces
    }


def _system_faces() -> list[tuple[tuple[str, int, str], float, _Charset]]:
    """Every OpenType and TrueType face fontconfig lists, (file, index, family), with its
    distance from the regular weight and its character set: one fc-list call (asking it
    character by character took a second for 75 rare characters)."""
    faces = []
    for line in _fc("fc-list", "--format",
                    "%{file}\t%{index}\t%{weight}\t%{family[0]}\t%{charset}\n"):  # fmt: skip
        file, index, weight, name, charset = [*line.split("\t"), "", "", "", ""][:5]
        if Path(file).suffix.lower() in {".otf", ".ttf", ".ttc", ".otc"}:
            # fontconfig weights: 80 is regular, 200 bold; a variable face lists a range.
            numbers = re.findall(r"\d+(?:\.\d+)?", weight) or ["80"]
            distance = min(abs(float(n) - 80) for n in numbers)
            face = (file, int(index or 0), name or Path(file).stem)
            faces.append((face, distance, _Charset.parse(charset)))
    return faces


@dataclass(frozen=True, slots=True)
class _Charset:
    """A fontconfig character set: its ranges of code points, in order."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def parse(cls, text: str) -> _Charset:
        """fontconfig's spelling: hexadecimal code points and ranges (`20-7e a0-17f 192`)."""
        ranges = sorted(
            (int(low, 16), int(high or low, 16))
            for low, _, high in (part.partition("-") for part in text.split())
        )
        return cls(tuple(r[0] for r in ranges), tuple(r[1] for r in ranges))

    def has(self, code: int) -> bool:
        """Whether the set holds code point `code`."""
        k = bisect_right(self.starts, code) - 1
        return k >= 0 and code <= self.ends[k]


def _preference(generic: str, language: str) -> dict[tuple[str, int], int]:
    """(file, index) -> place in fontconfig's order of faces for the generic and language."""
    tag = language.lower()
    lang = {"zh-hans": "zh-cn", "zh-hant": "zh-tw", "zh": "zh-cn"}.get(tag, tag)
    if lang.startswith(("zh-hans-", "zh-hant-")):
        lang = "zh-cn" if lang.startswith("zh-hans") else "zh-tw"
    order = _fc("fc-match", "-s", "--format", "%{file}\t%{index}\n", f"{generic}:lang={lang}")
    places: dict[tuple[str, int], int] = {}
    for place, line in enumerate(order):
        file, _, index = line.partition("\t")
        places.setdefault((file, int(index or 0)), place)
    return places


def _fc(*command: str) -> list[str]:
    """The output lines of a fontconfig command (none when it fails)."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [line for line in result.stdout.splitlines() if line.strip()]


_fallback_dir: Path | None = None
_fallback_lock = threading.Lock()


def _extract(file: Path, index: int, chars: str) -> Path:
    """A standalone face with just `chars` from a system font (collections hold many faces;
    WeasyPrint and browsers want one face per file). Written once per process, by content."""
    global _fallback_dir
    data = cached_subset(file, chars, "sfnt", index=index)
    suffix = _sfnt_suffix(data)
    with _fallback_lock:
        if _fallback_dir is None:
            _fallback_dir = Path(tempfile.mkdtemp(prefix="publish-fallback-"))
            atexit.register(shutil.rmtree, _fallback_dir, True)
    # Named after the face (outputs embed it under this name) and its content.
    stem = re.sub(r"[^A-Za-z0-9]+", "", Path(file).stem)[:40] or "fallback"
    target = _fallback_dir / f"{stem}-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"
    if not target.exists():
        temporary = target.with_suffix(".part")
        temporary.write_bytes(data)
        temporary.replace(target)
    return target


# --------------------------------------------------------------------------- subsetting


# Layout features kept in subsets: shaping the text needs ccmp (pinyin letters with combining
# marks such as ê̄ and m̄), mark/mkmk (placing those marks), kern and the CJK punctuation
# adjustments halt/palt/chws (W3C clreq §3.1.6). Left out: locl, whose lookups in the SC faces
# only swap in the Japanese, Korean and Traditional forms (the SC cmap already gives the
# Simplified ones; keeping them doubles the glyph count), and the vertical alternates (every
# layout sets text horizontally).
LAYOUT_FEATURES = (
    "ccmp", "mark", "mkmk", "kern", "liga", "calt", "halt", "palt", "chws", "rlig",
    # Hong Kong's glyphs in the TC faces, for text tagged zh-Hant-HK (the bundled faces keep
    # no other language's forms: scripts/make_fonts.py).
    "locl",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SubsetFace:
    """A face cut down to the characters an output uses, ready to be written into it."""

    face: FontFace
    """The face it was cut from (family, weight)."""
    data: bytes
    """The font file's bytes."""
    file_name: str
    """A file name for it inside the output (stem of the face, suffix of the flavor)."""
    media_type: str
    """Its media type in a package document or HTTP header (font/woff2, font/otf, font/ttf)."""

    @property
    def css_format(self) -> str:
        """The `format()` hint of an @font-face `src` for this file."""
        return _css_format(Path(self.file_name).suffix)


def subset(face_path: Path, text: str, flavor: Flavor = "woff2", *, index: int = 0) -> bytes:
    """The face at `face_path` with only the glyphs `text` needs, as `flavor` bytes.

    The subset's cmap holds exactly the characters of `text` the face has; the glyphs kept are
    those plus the ones the kept layout features reach from them (`LAYOUT_FEATURES`). Hinting
    and glyph names are dropped. The bytes depend only on the face and the set of characters:
    the face's own `head.modified` is kept (never the time of the build). `index` picks a face
    of a collection (.ttc).
    """
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.layout_features = list(LAYOUT_FEATURES)
    options.drop_tables = [*options.drop_tables, *_DROP_TABLES]
    # The bundled faces carry no hints (scripts/make_fonts.py removed them): the dehinting
    # pass over every glyph would change no byte and took a fifth of a subset's time.
    options.hinting = face_path.parent == bundled_path("fonts")
    # Without hints, subroutines save little: the seed's regular face is 3% smaller inlined
    # (deflated in an EPUB and as WOFF2 too), and no slower to cut.
    options.desubroutinize = True
    options.glyph_names = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # copyright, names, licence (OFL §2)
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.flavor = None if flavor == "sfnt" else flavor
    # Bounding boxes stay those of the whole face: recomputing them from every outline takes
    # half the time of a subset, and a box that is too large changes no rendering.
    font = TTFont(
        _font_file(face_path), fontNumber=index, recalcTimestamp=False, recalcBBoxes=False
    )
    if "glyf" in font:
        # Glyphs named by index (the subset keeps no names): no `post` names to decode, and
        # none to make from the cmap for the bundled faces (see `_name_by_index`).
        _name_by_index(font)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in text})
    with _quiet("fontTools"), _woff2_brotli_quality(WOFF2_QUALITY):
        subsetter.subset(font)
        font.flavor = options.flavor
        out = io.BytesIO()
        font.save(out, reorderTables=True)
    return out.getvalue()


def cached_subset(face_path: Path, text: str, flavor: Flavor, *, index: int = 0) -> bytes:
    """`subset`, read from the build cache (`publish.cache`) when an earlier build cut the same
    characters from the same face."""
    store = cache.current()
    if store is None:
        return subset(face_path, text, flavor, index=index)
    key = _subset_key(face_path, text, flavor, index)
    data = store.get_bytes("font", key)
    if data is None:
        data = subset(face_path, text, flavor, index=index)
        store.put_bytes("font", key, data)
    return data


def _subset_key(face_path: Path, text: str, flavor: Flavor, index: int = 0) -> str:
    # A subset depends on the face and the set of characters only (see `subset`). The face is
    # known by its content: fallback faces are cut into a new temporary folder by each build.
    stat = face_path.stat()
    digest = _face_digest(str(face_path), stat.st_mtime_ns, stat.st_size)
    return cache.key("font", digest, "".join(sorted(set(text))), flavor, index)


@lru_cache(maxsize=32)
def _face_digest(path: str, mtime_ns: int, size: int) -> str:
    """The SHA-256 of a font file (a 30 MB collection takes 0.03 s), once per process and
    version of the file (its time and size are part of the cache's key)."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


WOFF2_QUALITY = 10
"""Brotli quality of WOFF2 subsets. fontTools always compresses at 11, which took 1.8 s of a
3,200-character face's 3.3 s; at 10 it takes 0.5 s for a file 0.9 % larger (at 9 it is 9 %
larger). docs/benchmarks.md."""


@contextmanager
def _woff2_brotli_quality(quality: int) -> Iterator[None]:
    """fontTools' WOFF2 writer compressing at `quality` (it offers no option for it, so its
    module's `brotli` is stood in for while a subset is saved; the build is single-threaded)."""
    from fontTools.ttLib import woff2

    brotli = woff2.brotli
    if brotli is None:  # no brotli: fontTools refuses WOFF2 with its own clear error
        yield
        return

    class _Brotli:
        MODE_FONT = brotli.MODE_FONT
        decompress = staticmethod(brotli.decompress)

        @staticmethod
        def compress(data: bytes, mode: int = brotli.MODE_GENERIC, **_: object) -> bytes:
            return brotli.compress(data, mode=mode, quality=quality)

    woff2.brotli = _Brotli
    try:
        yield
    finally:
        woff2.brotli = brotli


# Tables no output needs that fontTools would otherwise report as "not subset" (metadata,
# signatures, colour bitmaps and vertical metrics: every layout sets text horizontally).
_DROP_TABLES = ("meta", "DSIG", "vhea", "vmtx", "VORG", "sbix", "CBDT", "CBLC", "SVG ")


@contextmanager
def _quiet(name: str) -> Iterator[None]:
    """fontTools logs a warning for each table it cannot subset: not the reader's problem."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _sfnt_suffix(data: bytes) -> str:
    """.otf for CFF outlines ("OTTO" signature), .ttf for TrueType ones."""
    return ".otf" if data[:4] == b"OTTO" else ".ttf"


def _font_file(path: Path) -> io.BytesIO | str:
    """The font to cut: the bundled and project faces from memory (read once per process; the
    same face is cut for every output), large system fonts straight from disk."""
    stat = path.stat()
    if stat.st_size > _CACHED_SIZE:
        return str(path)
    return io.BytesIO(_font_bytes(str(path), stat.st_mtime_ns, stat.st_size))


_CACHED_SIZE = 16 * 1024 * 1024


@lru_cache(maxsize=8)
def _font_bytes(path: str, mtime_ns: int, size: int) -> bytes:
    return Path(path).read_bytes()


def subset_faces(faces: Iterable[FontFace], used: UsedText, flavor: Flavor) -> list[SubsetFace]:
    """Each face cut to the characters it sets: regular faces `used.regular`, bold faces
    `used.bold`, fallback faces everything (they have one weight). Faces left with nothing
    to set are dropped. Large sets are cut in parallel, a face per process."""
    return start_subsets(faces, used, flavor, background=len(used.all) >= _PARALLEL_FROM)()


def start_subsets(
    faces: Iterable[FontFace],
    used: UsedText | Callable[[], UsedText],
    flavor: Flavor,
    *,
    background: bool = True,
) -> Callable[[], list[SubsetFace]]:
    """`subset_faces`, started: the faces are cut in forked processes, a face each, while the
    caller goes on (rendering its documents); calling the result waits for the faces. With
    `background` false, or where forking is off, they are cut here, before returning.

    `used` may be a function that finds the characters (rendering documents to scan them):
    then one forked process calls it and cuts every face in turn, so that the scan too runs
    beside the caller's rendering. That suits TrueType faces, which take about as long to cut
    as the scan (the EPUB builder); WOFF2's compression takes seconds a face, which a process
    per face shares better (the HTML builder scans first).
    """
    if callable(used):
        return _start_scan_and_subsets(tuple(faces), used, flavor, background)
    jobs: list[tuple[Path, str, Flavor]] = []
    faces_cut: list[FontFace] = []
    for face in faces:
        text = used.all if face.fallback else used.for_weight(face.weight)
        covered = charset(face.path)
        if any(ord(c) in covered for c in text):
            jobs.append((face.path, text, flavor))
            faces_cut.append(face)
    # Faces cut by an earlier build are read from the build cache; the others are cut.
    store = cache.current()
    keys = [_subset_key(*job) for job in jobs] if store else []
    found = [store.get_bytes("font", key) for key in keys] if store else [None] * len(jobs)
    missing = [job for job, data in zip(jobs, found, strict=True) if data is None]
    if background and processes(2) >= 2 and forks() and missing:  # (tasks name font files)
        pending = start(_subset_job, missing, processes(len(missing)))
    else:
        cut = [_subset_job(job) for job in missing]
        pending = lambda: cut  # noqa: E731 - already done

    def wait() -> list[SubsetFace]:
        fresh = iter(pending())
        datas = []
        for number, data in enumerate(found):
            if data is None:
                data = next(fresh)
                if store:
                    store.put_bytes("font", keys[number], data)
            datas.append(data)
        result = []
        for face, data in zip(faces_cut, datas, strict=True):
            suffix = f".{flavor}" if flavor != "sfnt" else _sfnt_suffix(data)
            media_type = {".otf": "font/otf", ".ttf": "font/ttf"}.get(suffix, f"font/{flavor}")
            result.append(SubsetFace(face, data, face.path.stem + suffix, media_type))
        return result

    return wait


_PARALLEL_FROM = 1000
"""Characters from which `subset_faces`, which waits at once, cuts faces in parallel (a
600-character set takes 0.2 s a face; forking a worker costs 0.01 to 0.05 s). `start_subsets`
forks whatever the size: its caller renders documents meanwhile."""


def _subset_job(job: tuple[Path, str, Flavor]) -> bytes:
    return subset(*job)


def _start_scan_and_subsets(
    faces: tuple[FontFace, ...], used: Callable[[], UsedText], flavor: Flavor, background: bool
) -> Callable[[], list[SubsetFace]]:
    if not (background and processes(2) >= 2 and forks()):
        # (An executor's tasks are pickled: the scan, a closure, runs here.)
        cut = start_subsets(faces, used(), flavor, background=False)()
        return lambda: cut
    pending = start(_scan_and_subset_job, [(faces, used, flavor)], 1)
    return lambda: pending()[0]


def _scan_and_subset_job(
    job: tuple[tuple[FontFace, ...], Callable[[], UsedText], Flavor],
) -> list[SubsetFace]:
    faces, used, flavor = job
    # Already in a worker: the faces are cut one after another.
    return start_subsets(faces, used(), flavor, background=False)()
