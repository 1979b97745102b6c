"""What the EPUB cannot carry, found before anything is rendered.

Builders step (EPUB). The loader reports what is wrong with the sources; these checks cover what
only matters for an EPUB, or what a `Collection` made through the Python API may still hold:
characters XML 1.0 cannot contain, duplicate article slugs, and images that are not one of the
EPUB core image types (EPUB 3.3 §3.2) or not images at all. Each problem is one line naming the
file and what to do; text that is merely markup-like (`<`, `&`) is escaped by the templates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ...characters import every_refused
from ...errors import Problem, SourceError
from ...files import MAX_IMAGE_BYTES, read_inside
from ...model import (
    Article,
    Collection,
    Link,
    figures,
    plain_text,
    reading_order,
    walk_runs,
)
from ...sources.fields import duplicate_slug, slug_problem


@dataclass(frozen=True, slots=True)
class ImageType:
    """An EPUB core image type: its media type and the file suffix used inside the EPUB."""

    media_type: str
    suffix: str


_JPEG = ImageType("image/jpeg", ".jpg")
_PNG = ImageType("image/png", ".png")
_GIF = ImageType("image/gif", ".gif")
_WEBP = ImageType("image/webp", ".webp")


def image_type(data: bytes) -> ImageType | None:
    """The core image type of a file's bytes, by their signature; None if not one of them.

    SVG is a core type too but may carry scripts and remote references, which EPUBCheck
    rejects without manifest properties: it is not accepted until it can be checked.
    """
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _PNG
    if data.startswith(b"\xff\xd8\xff"):
        return _JPEG
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return _GIF
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _WEBP
    return None


def check_collection(collection: Collection) -> None:
    """Raise one `SourceError` listing every problem an EPUB of `collection` would have."""
    problems = list(_slug_problems(collection))
    manifest: Path | None = collection.root / "publish.yaml"
    if not (collection.root / "publish.yaml").is_file():
        # A single article: the collection's fields come from it.
        manifest = collection.articles[0].source_path if collection.articles else None
    for field in (
        collection.title,
        collection.subtitle,
        collection.publisher,
        collection.identifier,
        collection.language,
    ):
        problems.extend(_text_problems(manifest, field))
    for article in collection.articles:
        for text in _article_strings(article):
            problems.extend(_text_problems(article.source_path, text))
    if collection.cover is not None:
        problems.extend(_image_problems(collection.cover, "the cover", manifest, collection.root))
    seen: set[Path] = set()
    for article in collection.articles:
        for figure in figures(article.blocks):
            if figure.image not in seen:
                seen.add(figure.image)
                problems.extend(
                    _image_problems(figure.image, "image", article.source_path, collection.root)
                )
    if problems:
        raise SourceError(dict.fromkeys(problems))  # each problem once, in order


def _slug_problems(collection: Collection) -> Iterator[Problem]:
    """What the loader reports of slugs (`slug_problem`), for a collection made in Python."""
    slugs: dict[str, Path] = {}
    for article in collection.articles:
        wrong = slug_problem(article.slug)
        if wrong is None and article.slug in slugs:
            wrong = duplicate_slug(article.slug, slugs[article.slug])
        if wrong is not None:
            yield Problem(article.source_path, wrong)
        slugs.setdefault(article.slug, article.source_path)


def _article_strings(article: Article) -> Iterator[str]:
    """Every string of an article that ends up in the EPUB's markup."""
    for runs in reading_order(article):
        yield plain_text(runs)
        yield from (run.href for run in walk_runs(runs) if isinstance(run, Link))
    yield from (article.slug, article.source, article.language, article.summary)
    yield from (*article.authors, *article.category, *article.tags)
    for figure in figures(article.blocks):
        yield figure.alt


def _text_problems(path: Path | None, text: str) -> Iterator[Problem]:
    # The loader's rule (characters.py), for text the Python API hands over.
    return (Problem(path, reason) for reason in every_refused(text))


def _image_problems(path: Path, what: str, source: Path | None, root: Path) -> Iterator[Problem]:
    # Builders read nothing outside the project (symbolic links resolved first).
    if not path.resolve().is_relative_to(root.resolve()):
        yield Problem(source, f"{what} {path} is outside the project: keep images in its folder")
        return
    try:
        head = read_inside(path, (root,), MAX_IMAGE_BYTES, what)[:16]
    except SourceError as error:
        yield Problem(source, error.problems[0].message)
        return
    if image_type(head) is None:
        yield Problem(
            source,
            f"{what} {path.name} is not a PNG, JPEG, GIF or WebP image: convert it to PNG or JPEG",
        )
