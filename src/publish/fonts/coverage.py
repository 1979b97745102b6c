"""Coverage: every character of the sources checked against the chosen family, with fallbacks
for those it lacks: the bundled family of the other script, then the system's fonts.

Run by the pipeline before anything is laid out (fontTools cmaps): a character the family lacks
is taken from its bundled companion of the other script (the traditional faces of a simplified
edition) when that has it; otherwise it is reported once and looked up in the system's fonts
through fontconfig. The faces found are cut down to the missing characters and handed to the
builders as fallbacks (`Edition`).
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import re
import shutil
import subprocess
import tempfile
import threading
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

from .. import cache as build_cache
from ..config import Settings, companion_family
from ..errors import Problem, SourceError
from ..model import Collection
from .faces import (
    BOLD,
    REGULAR,
    FontFace,
    charset,
    family_files,
    font_faces,
    in_other_script,
)
from .subset import cached_subset, sfnt_suffix
from .used import source_texts

log = logging.getLogger("publish")

Key = TypeVar("Key")


def _is_glyphless(char: str) -> bool:
    """Whitespace, controls and format characters: not glyph problems (shapers handle them)."""
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return True  # variation selectors: a font without them shows the base glyph
    return char.isspace() or unicodedata.category(char) in {"Cc", "Cf", "Zs", "Zl", "Zp"}


def check_coverage(
    collection: Collection, settings: Settings, keys: Mapping[str, str] | None = None
) -> tuple[Path, ...]:
    """Fallback font files for the characters the chosen family lacks.

    Every character of every source is checked against the regular face (and the bold face
    for text set in bold). The characters the family lacks and its bundled companion of the
    other script has are set in the companion (`_from_companion`). Each other uncovered
    character is reported once, with the others of the file it first occurs in (at the first
    one's line), as a warning, or with `settings.strict` as a SourceError listing every
    file's. Each is looked up in the system's fonts through fontconfig; the faces found are
    returned (after the companion's), cut down to the missing characters, for the builders to
    embed after the family.
    `keys`: the articles' keys in the build cache (`used.source_texts`).
    """
    faces = font_faces(settings)
    regular_face, bold_face = faces[0], faces[-1]
    covered = {REGULAR: charset(regular_face.path), BOLD: charset(bold_face.path)}
    # The characters each face has, as a set of characters: a source whose characters all
    # are in it is passed in one set operation, not character by character (0.2 s a 1,000).
    has = {weight: frozenset(map(chr, codes)) for weight, codes in covered.items()}
    missing: dict[str, tuple[Path, FontFace]] = {}
    in_bold: set[str] = set()  # the missing characters bold text sets
    sources = source_texts(collection, keys)
    # An article in the other script (traditional characters in a simplified edition) is set
    # in the companion whole, the characters both scripts share too (`faces.other_script_stacks`).
    other = [
        chars
        for article, chars in zip(collection.articles, sources[1:], strict=True)
        if in_other_script(article.language, settings)
    ]
    other_text = "".join(regular + bold for _, regular, bold in other)
    in_bold.update(c for _, _, bold in other for c in bold)
    for path, regular, bold in sources:
        for text, weight, face in ((regular + bold, REGULAR, regular_face),
                                   (bold, BOLD, bold_face)):  # fmt: skip
            if has[weight].issuperset(text):
                continue
            for char in dict.fromkeys(text):  # each character once, in order of appearance
                if ord(char) not in covered[weight] and not _is_glyphless(char):
                    missing.setdefault(char, (path, face))
                    if weight == BOLD:
                        in_bold.add(char)
    wanted = "".join(dict.fromkeys(other_text + "".join(missing)))  # spaces too: faces set them
    companion_chars, companion_faces = _from_companion(settings, wanted, in_bold)
    for char in companion_chars:
        missing.pop(char, None)
    if not missing:
        return companion_faces

    weighted = len(faces) > 1
    if settings.strict:
        raise SourceError(
            _problem(chars, path, face, weighted, (
                "replace it, or build without --strict to embed a system font that has it",
                "replace them, or build without --strict to embed a system font that has them"))
            for (path, face), chars in _grouped((missing[char], char) for char in missing).items()
        )  # fmt: skip
    found = _system_fallbacks("".join(missing), settings.font.generic, collection.language)
    outcomes = {char: found[char][::2] if char in found else None for char in missing}
    reports = _grouped(((*missing[char], outcomes[char]), char) for char in missing)
    for (path, face, outcome), chars in reports.items():
        if outcome is None:
            what = ("no system font has it either, so it would print as tofu (□): replace it "
                    "or install a font that has it",
                    "no system font has them either, so they would print as tofu (□): replace "
                    "them or install a font that has them")  # fmt: skip
        else:
            system = f"the system font {outcome[1]} ({outcome[0]})"
            what = (f"embedding it from {system}", f"embedding them from {system}")
        log.warning("%s", _problem(chars, path, face, weighted, what))
    faces_found = _grouped((found[char][:2], char) for char in found)
    return companion_faces + tuple(
        _extract(Path(file), index, chars) for (file, index), chars in faces_found.items()
    )


def _from_companion(
    settings: Settings, wanted: str, in_bold: set[str]
) -> tuple[str, tuple[Path, ...]]:
    """The characters of `wanted` (those the family lacks, and those of the articles in the
    other script) that the edition's bundled family of the other script has
    (`config.companion_family`), and its faces cut down to them: its regular face, and its bold
    face for those that bold text sets. Not reported: they are set in a bundled face of the
    same design, the same on every machine (a system font may be anything, or nothing)."""
    family = companion_family(settings.font)
    if family is None or not wanted:
        return "", ()
    regular, bold = family_files(family)
    has = charset(regular)
    found = "".join(char for char in wanted if ord(char) in has)
    if not found:
        return "", ()
    faces = [_extract(regular, 0, found)]
    if bold is not None:
        has_bold = charset(bold)
        bold_found = "".join(c for c in found if c in in_bold and ord(c) in has_bold)
        if bold_found:
            faces.append(_extract(bold, 0, bold_found))
    return found, tuple(faces)


def _grouped(pairs: Iterable[tuple[Key, str]]) -> dict[Key, str]:
    """Characters joined by key, in order of appearance: a traditional-script article in a
    simplified edition lacks dozens, and its reader needs one line for them, not one each."""
    groups: dict[Key, str] = {}
    for key, char in pairs:
        groups[key] = groups.get(key, "") + char
    return groups


_SHOWN = 8
"""How many of a group's characters its report names (with their code points: a compatibility
ideograph looks like its unified twin, 兀 U+FA0C and 兀 U+5140)."""


def _problem(
    chars: str, path: Path, face: FontFace, weighted: bool, what: tuple[str, str]
) -> Problem:
    """The report of `chars` missing from `face`, at the first one's line; `what` says what
    happens to them, for one character and for several."""
    name = face.family + (" Bold" if face.weight >= BOLD and weighted else "")
    if len(chars) == 1:
        subject = f"{chars} (U+{ord(chars):04X}) is"
    else:
        more = f" and {len(chars) - _SHOWN} more" if len(chars) > _SHOWN else ""
        shown = ", ".join(f"{char} U+{ord(char):04X}" for char in chars[:_SHOWN])
        subject = f"{len(chars)} characters ({shown}{more}) are"
    message = f"{subject} not in the edition's font {name}: {what[len(chars) > 1]}"
    return Problem(path, message, _line_of(path, chars[0]))


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
    listed = _fc("fc-list", "--format",
                 "%{file}\t%{index}\t%{weight}\t%{family[0]}\t%{charset}\n")  # fmt: skip
    # Parsing fontconfig's character sets costs 0.3 s of CPU on a machine with 59 faces: a
    # rebuild reads them back, by what fc-list said (the faces installed, their sets).
    store = build_cache.current()
    key = build_cache.key("system-faces", listed) if store is not None else None
    if store is not None and key is not None:
        found = _kept_faces(store.get("system-faces", key))
        if found is not None:
            return found
    faces = _parsed_faces(listed)
    if store is not None and key is not None:
        store.put(
            "system-faces",
            key,
            [[*face, distance, charset.starts, charset.ends] for face, distance, charset in faces],
        )
    return faces


def _parsed_faces(listed: list[str]) -> list[tuple[tuple[str, int, str], float, _Charset]]:
    """`_system_faces` from fc-list's lines."""
    faces = []
    for line in listed:
        file, index, weight, name, charset = [*line.split("\t"), "", "", "", ""][:5]
        if Path(file).suffix.lower() in {".otf", ".ttf", ".ttc", ".otc"}:
            # fontconfig weights: 80 is regular, 200 bold; a variable face lists a range.
            numbers = re.findall(r"\d+(?:\.\d+)?", weight) or ["80"]
            distance = min(abs(float(n) - 80) for n in numbers)
            face = (file, int(index or 0), name or Path(file).stem)
            faces.append((face, distance, _Charset.parse(charset)))
    return faces


def _kept_faces(value: object) -> list[tuple[tuple[str, int, str], float, _Charset]] | None:
    """`_system_faces` from a cache entry; None if it holds none (damaged, foreign)."""
    if not isinstance(value, list):
        return None
    faces = []
    for item in value:
        if not (isinstance(item, list) and len(item) == 6):
            return None
        file, index, name, distance, starts, ends = item
        numbers = (starts, ends)
        if not (
            isinstance(file, str) and type(index) is int and isinstance(name, str)
            and isinstance(distance, int | float)
            and all(isinstance(n, list) and all(type(c) is int for c in n) for n in numbers)
            and len(starts) == len(ends)
        ):  # fmt: skip
            return None
        faces.append(((file, index, name), float(distance), _Charset(tuple(starts), tuple(ends))))
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


_fallback_lock = threading.Lock()


@cache
def _fallback_folder() -> Path:
    """The folder of this process's extracted fallback faces (a documented cache): made on
    first use, under `_fallback_lock` (threads extract faces at once), removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="publish-fallback-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def _extract(file: Path, index: int, chars: str) -> Path:
    """A standalone face with just `chars` from a system font (collections hold many faces;
    WeasyPrint and browsers want one face per file). Written once per process, by content."""
    data = cached_subset(file, chars, "sfnt", index=index)
    suffix = sfnt_suffix(data)
    # Named after the face (outputs embed it under this name) and its content.
    stem = re.sub(r"[^A-Za-z0-9]+", "", Path(file).stem)[:40] or "fallback"
    with _fallback_lock:
        folder = _fallback_folder()
    target = folder / f"{stem}-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"
    if not target.exists():
        temporary = target.with_suffix(".part")
        temporary.write_bytes(data)
        temporary.replace(target)
    return target
