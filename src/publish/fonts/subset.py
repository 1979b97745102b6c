"""Subsets: font faces cut down to the characters an output uses, for the EPUB (OpenType or
TrueType) and web (WOFF2) builders, and for the coverage check's fallbacks.

Last step before a builder writes its fonts: `start_subsets` cuts each face in a worker
process (`publish.parallel`) while the builder renders its documents.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from .. import cache
from ..config import bundled_path
from ..parallel import forks, local_processes, processes, start
from .faces import FontFace, charset, css_format, face_data, name_glyphs_by_index
from .used import UsedText

Flavor = Literal["woff2", "woff", "sfnt"]
"""How a subset is stored: WOFF2 or WOFF (web), or "sfnt" (the face's own OpenType/TrueType)."""


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
        return css_format(Path(self.file_name).suffix)


def subset(face_path: Path, text: str, flavor: Flavor = "woff2", *, index: int = 0) -> bytes:
    """The face at `face_path` with only the glyphs `text` needs, as `flavor` bytes.

    The subset's cmap holds exactly the characters of `text` the face has; the glyphs kept are
    those plus the ones the kept layout features reach from them (`LAYOUT_FEATURES`). Hinting
    and glyph names are dropped. The bytes depend only on the face and the set of characters:
    the face's own `head.modified` is kept (never the time of the build). `index` picks a face
    of a collection (.ttc).
    """
    return _cut(_font_file(face_path), text, flavor, _is_hintless(face_path), index)


@dataclass(frozen=True, slots=True)
class SubsetJob:
    """One face to cut, as plain data: a worker may be on another machine (`publish.parallel`)."""

    data: bytes
    """The face's file (a single face, never a collection)."""
    text: str
    """The characters to keep."""
    flavor: Flavor
    """How to store the subset."""
    hintless: bool
    """Whether the face carries no hints (the bundled faces): no dehinting pass then."""


def _is_hintless(face_path: Path) -> bool:
    # scripts/make_fonts.py removed the bundled faces' hints.
    return face_path.parent == bundled_path("fonts")


def _cut(source: io.BytesIO | str, text: str, flavor: Flavor, hintless: bool, index: int) -> bytes:
    """`subset` of the font in `source` (its bytes, or a file name)."""
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.layout_features = list(LAYOUT_FEATURES)
    options.drop_tables = [*options.drop_tables, *_DROP_TABLES]
    # On a face without hints, the dehinting pass over every glyph would change no byte and
    # took a fifth of a subset's time.
    options.hinting = hintless
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
    font = TTFont(source, fontNumber=index, recalcTimestamp=False, recalcBBoxes=False)
    if "glyf" in font:
        # Glyphs named by index (the subset keeps no names): no `post` names to decode, and
        # none to make from the cmap for the bundled faces (see `name_glyphs_by_index`).
        name_glyphs_by_index(font)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in text})
    with _quiet("fontTools"), _woff2_brotli_quality(WOFF2_QUALITY):
        subsetter.subset(font)
        font.flavor = options.flavor
        out = io.BytesIO()
        font.save(out, reorderTables=True)
    return out.getvalue()


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


def sfnt_suffix(data: bytes) -> str:
    """.otf for CFF outlines ("OTTO" signature), .ttf for TrueType ones."""
    return ".otf" if data[:4] == b"OTTO" else ".ttf"


def _font_file(path: Path) -> io.BytesIO | str:
    """The font to cut: the bundled and project faces from memory (read once per process; the
    same face is cut for every output), large system fonts straight from disk."""
    if path.stat().st_size > _CACHED_SIZE:
        return str(path)
    return io.BytesIO(face_data(path))


_CACHED_SIZE = 16 * 1024 * 1024


def subset_faces(faces: Iterable[FontFace], used: UsedText, flavor: Flavor) -> list[SubsetFace]:
    """Each face cut to the characters it sets: regular faces `used.regular`, bold faces
    `used.bold`, fallback faces everything (each holds only the characters it was cut to).
    Faces left with nothing to set are dropped. Large sets are cut in parallel, a face per
    process."""
    return start_subsets(faces, used, flavor, background=len(used.all) >= _PARALLEL_FROM)()


def start_subsets(
    faces: Iterable[FontFace],
    used: UsedText,
    flavor: Flavor,
    *,
    background: bool = True,
    beside_caller: bool = False,
) -> Callable[[], list[SubsetFace]]:
    """`subset_faces`, started: the faces are cut in forked processes, a face each, while the
    caller goes on (rendering its documents); calling the result waits for the faces. With
    `background` false, or where forking is off, they are cut here, before returning.
    `beside_caller`: the caller works meanwhile, and forked processes leave it a core (on two
    cores, one process cuts the faces in turn; three processes would share two cores).
    """
    texts: list[str] = []
    faces_cut: list[FontFace] = []
    for face in faces:
        text = used.all if face.fallback else used.for_weight(face.weight)
        covered = charset(face.path)
        if any(ord(c) in covered for c in text):
            texts.append(text)
            faces_cut.append(face)
    # Faces cut by an earlier build are read from the build cache; the others are cut, and
    # only theirs are read (a bundled face's WOFF2 takes 10 to 30 ms to unpack).
    store = cache.current()
    keys = [
        _subset_key(face.path, text, flavor) for face, text in zip(faces_cut, texts, strict=True)
    ]
    found = [store.get_bytes("font", key) if store else None for key in keys]
    missing = [
        SubsetJob(face_data(face.path), text, flavor, _is_hintless(face.path))
        for face, text, data in zip(faces_cut, texts, found, strict=True)
        if data is None
    ]
    if background and processes(2) >= 2 and missing:
        workers = processes(len(missing))
        if beside_caller and forks():  # forked processes share this machine's cores with it
            workers = max(1, min(workers, local_processes(len(missing) + 1) - 1))
        pending = start(_subset_job, missing, workers)
    else:
        cut = [_subset_job(job) for job in missing]
        pending = lambda: cut  # noqa: E731 - already done

    def wait() -> list[SubsetFace]:
        fresh = iter(pending())
        datas = []
        for key, data in zip(keys, found, strict=True):
            if data is None:
                data = next(fresh)
                if store:
                    store.put_bytes("font", key, data)
            datas.append(data)
        result = []
        for face, data in zip(faces_cut, datas, strict=True):
            suffix = f".{flavor}" if flavor != "sfnt" else sfnt_suffix(data)
            media_type = {".otf": "font/otf", ".ttf": "font/ttf"}.get(suffix, f"font/{flavor}")
            result.append(SubsetFace(face, data, face.path.stem + suffix, media_type))
        return result

    return wait


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
    digest = _kept_digest(str(face_path), stat.st_mtime_ns, stat.st_size)
    return cache.key("font", digest, "".join(sorted(set(text))), flavor, index)


def _kept_digest(path: str, mtime_ns: int, size: int) -> str:
    """`_face_digest`, kept in the build cache for a version of the file (its path, time and
    size, as `cache.files` knows the faces and layouts): a rebuild hashed the system face
    a fallback is cut from again (0.1 to 0.2 s of CPU for a 25 MB face)."""
    store = cache.current()
    if store is None:
        return _face_digest(path, mtime_ns, size)
    key = cache.key("face-digest", path, mtime_ns, size)
    found = store.get("face-digest", key)
    if isinstance(found, str) and len(found) == 64:
        return found
    digest = _face_digest(path, mtime_ns, size)
    store.put("face-digest", key, digest)
    return digest


@lru_cache(maxsize=32)
def _face_digest(path: str, mtime_ns: int, size: int) -> str:
    """The SHA-256 of a font file (a 30 MB collection takes 0.03 s), once per process and
    version of the file (its time and size are part of the key)."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


_PARALLEL_FROM = 1000
"""Characters from which `subset_faces`, which waits at once, cuts faces in parallel (a
600-character set takes 0.2 s a face; forking a worker costs 0.01 to 0.05 s). `start_subsets`
forks whatever the size: its caller renders documents meanwhile."""


def _subset_job(job: SubsetJob) -> bytes:
    return _cut(io.BytesIO(job.data), job.text, job.flavor, job.hintless, 0)
