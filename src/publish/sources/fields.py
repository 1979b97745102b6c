"""Field parsers the source loaders share: dates, slugs, readings, names and the paths a
source names.

Sources step. The manifest loader (`manifest.py`) and the article loader (`article.py`) both
parse these fields; each is parsed here once, so a date or a slug means the same in a
manifest and in front matter. Builders use the one slug rule too (`slug_problem`: a slug
names a file in every output).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..errors import ProblemCollector, SourceError
from .yamldoc import YamlDocument

if TYPE_CHECKING:
    from ..pinyin import Engine

DEFAULT_ZONE = ZoneInfo("Asia/Shanghai")


def parse_datetime(value: str) -> datetime:
    """An ISO 8601 date or date-time; naive values are in Asia/Shanghai. Raises ValueError."""
    text = value.strip().replace("/", "-")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = datetime.combine(date.fromisoformat(text), time())
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=DEFAULT_ZONE)


def date_field(document: YamlDocument, problems: ProblemCollector) -> datetime | None:
    """The document's `date:`, parsed; a malformed one is a located problem."""
    if "date" not in document.data:
        return None
    written = document.data["date"]
    try:
        return parse_datetime(written)
    except ValueError:
        problems.add(
            document.path,
            f"date {written!r} is not ISO 8601: write it like 2018-11-16, 2018-11-16 09:15 "
            "or 2018-11-16T09:15+08:00",
            document.line_of("date"),
        )
        return None


def pinyin_dictionary(
    entries: dict, document: YamlDocument, problems: ProblemCollector, *keys: str
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(word, syllables) pairs of a `word: reading` mapping (front matter or pinyin.yaml).

    A reading is its syllables separated by spaces (or apostrophes), one per character; a
    reading that is not a string has already been reported by the schema.
    """
    dictionary = []
    for word, reading in entries.items():
        if not isinstance(reading, str):
            continue
        syllables = tuple(s for s in re.split(r"[\s']+", reading.strip()) if s)
        if len(syllables) != len(str(word)):
            problems.add(
                document.path,
                f"pinyin for {word!r} has {len(syllables)} syllables for {len(str(word))} "
                "characters: give one syllable per character, separated by spaces",
                document.line_of(*keys, word),
            )
            continue
        # The engine's own rule (pinyin.styles), so that `check` refuses what `build --pinyin`
        # would, with or without --pinyin.
        from ..pinyin.styles import normalise

        wrong = next((s for s in syllables if normalise(s) is None), None)
        if wrong is not None:
            problems.add(
                document.path,
                f"pinyin for {word!r}: {wrong[:40]!r} is not a pinyin syllable: write syllables "
                "like lǜ or lv4, one per character",
                document.line_of(*keys, word),
            )
            continue
        dictionary.append((str(word), syllables))
    return tuple(dictionary)


def names(value: str | list[str]) -> tuple[str, ...]:
    """A manifest's `authors:` as one name or a list of names, blanks and repeats left out."""
    listed = [value] if isinstance(value, str) else list(value)
    return tuple(dict.fromkeys(name.strip() for name in listed if name.strip()))


def slug_for(path: Path) -> str:
    """A file-name-safe identifier from a file's stem; in a Chinese stem each Han character
    becomes its toneless pinyin, as the pinyin step reads it (行长 hang-zhang), and Latin
    letters and digits stay (2024年报告 2024-nian-bao-gao)."""
    stem = unicodedata.normalize("NFKC", path.stem)  # full-width ２０２４ as 2024
    if not stem.isascii():
        syllables = _slug_engine().analyse(stem).syllables
        # Engine syllables are numbered with v for ü (lv4): the letters are ASCII already.
        # Other characters stay, so that 2023年报告 and 2024年报告 keep apart.
        stem = "".join(
            char if syllable is None else f"-{syllable[:-1]}-"
            for char, syllable in zip(stem, syllables, strict=True)
        )
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "article"


@cache
def _slug_engine() -> Engine:
    """The pinyin engine slugs are read with, made once per process (a cache: the lexicon
    loads on first use, and only for Chinese file names). Tones, so sandhi, do not reach a
    slug. Without the polyphone model: on 1,000 THCHS-30 sentence starts it read 964 slugs
    right against the model's 965, in 0.08 ms a name instead of 1.2 ms."""
    from ..pinyin import Engine

    return Engine(sandhi=False, use_model=False)


RESERVED_SLUGS = frozenset(
    {
        # EPUB: text/cover.xhtml, text/titlepage.xhtml, nav.xhtml, toc.ncx, package.opf,
        # container.xml, mimetype, style.css, images/, fonts/, text/.
        "cover", "titlepage", "nav", "toc", "package", "container", "mimetype", "text",
        # HTML site: index.html, style.css, site.js, images/, fonts/.
        "index", "style", "site", "images", "fonts",
    }
)  # fmt: skip
"""Names the formats use for their own files: an article with one of these slugs would replace
the EPUB's cover or title page, or the site's index."""


_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
"""What names a file in every output, an EPUB's OCF names included: the `slug` pattern of the
sources' schema (schema/article.json), for collections made in Python."""


def slug_problem(slug: str) -> str | None:
    """Why an article cannot have `slug`, with a suggestion; None when it can. The one place
    a slug is judged (duplicates are found where the collection is loaded)."""
    if not _SLUG.match(slug):
        return (
            f"slug {slug!r} cannot name a file in every output: use lower-case ASCII letters, "
            "digits and hyphens"
        )
    if slug in RESERVED_SLUGS:
        return (
            f"slug {slug!r} is reserved for the outputs' own files "
            f"({', '.join(sorted(RESERVED_SLUGS))}): set `slug: {slug}-article` (or another) "
            "in the front matter, or rename the file"
        )
    return None


def duplicate_slug(slug: str, other: Path) -> str:
    """The problem of an article whose `slug` the article at `other` has already."""
    return f"slug {slug!r} is also used by {other.name}: give one of them its own `slug:`"


def resolve_inside(root: Path, base: Path, reference: str) -> Path | None:
    """`reference` resolved against `base`, or None when it leaves `root` or is a URL."""
    if not reference or re.match(r"^[a-z][a-z0-9+.-]*:", reference, re.IGNORECASE):
        return None
    try:
        target = (base / reference).resolve()
    except (OSError, RuntimeError):  # a name too long, a symbolic link loop
        return None
    return target if target.is_relative_to(root.resolve()) else None


def checked_image(path: Path, root: Path) -> str | None:
    """Why an image a source names cannot be published (`images.image_problem`), or None."""
    from ..images import image_problem  # Pillow is loaded only for projects with images

    try:
        return image_problem(path, root)
    except SourceError as error:
        return error.problems[0].message
