"""Sources -> model: a collection folder's `publish.yaml` (or one article on its own) ->
`Project`.

Sources step. Everything that can be wrong with the sources is found here and reported
together (`publish check` prints every problem); builders only ever see a valid `Collection`.
Each article is read by `article.py`; the fields a manifest shares with front matter (dates,
slugs, readings, paths) are parsed by `fields.py`.
"""

from __future__ import annotations

import glob
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..characters import read_text
from ..config import Settings
from ..errors import Problem, ProblemCollector, PublishError, SourceError
from ..model import Article, Collection
from .article import load_article, load_articles
from .fields import (
    checked_image,
    date_field,
    duplicate_slug,
    names,
    pinyin_dictionary,
    resolve_inside,
    slug_for,
)
from .yamldoc import checked, parse_yaml

MANIFEST = "publish.yaml"
PINYIN_DICTIONARY = "pinyin.yaml"
LAYOUTS = "layouts"
MAX_TOTAL_SOURCE_BYTES = 64 * 1024 * 1024
"""The most article text one collection may have: 64 MiB (each article at most
`files.MAX_SOURCE_BYTES`)."""
# A fixed namespace so that the same collection slug always gets the same identifier.
_NAMESPACE = uuid.UUID("6f1d9c1e-5b8f-4f43-9a57-7f3c2b8e2d11")


@dataclass(frozen=True, slots=True)
class Project:
    """A loaded project: the collection, its default settings and where its layouts are."""

    collection: Collection
    """The collection, every article loaded and checked."""
    settings: Settings
    """The manifest's output settings over the built-in defaults."""
    layouts: Path | None
    """The project's own `layouts/` folder, when it has one."""
    trust_layouts: bool = False
    """The manifest's `trust_layouts: true`: its layouts run without the sandbox."""


def load_single_article(path: Path) -> Project:
    """One Markdown article as a collection of one, with its collection's root if it has one."""
    # An article of a collection is built with the collection's root (its images are inside
    # the project, not always beside the article), pinyin.yaml and layouts: the nearest folder
    # above it with a publish.yaml.
    root = article_root(path)
    article = load_article(path.resolve(), root)
    collection = Collection(
        slug=article.slug,
        title=article.title_text,
        articles=(article,),
        root=root,
        identifier=_identifier(article.slug),
        source_path=article.source_path,
        date=article.date,
        language=article.language,
        publisher=article.source,
        authors=article.authors,
        pinyin=_load_dictionary(root, ProblemCollector()),
    )
    return Project(collection, Settings(), _layouts(root))


def load_manifest(manifest: Path) -> Project:
    """A collection from its `publish.yaml`; raises `SourceError` with every problem found."""
    manifest = manifest.resolve()
    root = manifest.parent
    problems = ProblemCollector()
    text = read_text(manifest, None)
    document = parse_yaml(text, manifest)
    if isinstance(document, Problem):
        raise SourceError(document)
    problems.problems.extend(checked(document, "manifest", text))
    problems.raise_if_any()
    meta = document.data

    settings = Settings()
    for key, value in meta.get("output", {}).items():
        try:
            settings = settings.updated({key: value}, where="output", root=root)
        except PublishError as error:
            problems.add(manifest, str(error), document.line_of("output", key))

    listed: list[Path] = []
    seen: dict[Path, int] = {}
    total = 0
    for index, pattern in enumerate(meta["articles"]):
        line = document.line_of("articles", index)
        for path in _expand(root, pattern, manifest, line, problems):
            if path in seen:
                problems.add(
                    manifest,
                    f"{path.relative_to(root)} is listed twice (also as entry "
                    f"{seen[path] + 1} of articles): list each article once",
                    line,
                )
                continue
            seen[path] = index
            total += path.stat().st_size
            if total > MAX_TOTAL_SOURCE_BYTES:
                problems.add(
                    manifest,
                    f"the articles add up to over {MAX_TOTAL_SOURCE_BYTES // 1048576} MiB "
                    f"(at {path.relative_to(root)}): split the collection",
                    line,
                )
                break
            listed.append(path)
    articles: list[Article] = []
    for found in load_articles(listed, root):
        if isinstance(found, SourceError):
            problems.extend(found)
        else:
            articles.append(found)

    slugs: dict[str, Path] = {}
    for article in articles:
        if article.slug in slugs:
            problems.add(article.source_path, duplicate_slug(article.slug, slugs[article.slug]))
        slugs.setdefault(article.slug, article.source_path)

    when = date_field(document, problems)
    cover = None
    if "cover" in meta:
        cover = resolve_inside(root, root, meta["cover"])
        if cover is None or not cover.is_file():
            problems.add(
                manifest,
                f"cover {meta['cover']!r} not found inside the project",
                document.line_of("cover"),
            )
        elif (broken := checked_image(cover, root)) is not None:
            problems.add(manifest, f"cover {meta['cover']!r}: {broken}", document.line_of("cover"))
    dictionary = _load_dictionary(root, problems)
    problems.raise_if_any()

    slug = meta.get("slug") or slug_for(root)
    collection = Collection(
        slug=slug,
        title=meta["title"],
        subtitle=meta.get("subtitle", ""),
        articles=tuple(articles),
        root=root,
        identifier=meta.get("identifier") or _identifier(slug),
        source_path=manifest,
        publisher=meta.get("publisher", ""),
        authors=names(meta.get("authors", ())),
        date=when,
        language=meta.get("language", "zh-Hans"),
        cover=cover,
        pinyin=dictionary,
    )
    return Project(collection, settings, _layouts(root), bool(meta.get("trust_layouts")))


def article_root(path: Path) -> Path:
    """The root of a single article `path` built alone: its collection's, or its folder."""
    return _collection_root(path.resolve().parent) or path.resolve().parent


def _collection_root(folder: Path) -> Path | None:
    """The nearest of `folder` and its parents holding a publish.yaml, if any."""
    for candidate in (folder, *folder.parents):
        if (candidate / MANIFEST).is_file():
            return candidate
    return None


def _expand(
    root: Path, pattern: str, manifest: Path, line: int, problems: ProblemCollector
) -> list[Path]:
    """The article files an `articles:` entry names, sorted, each inside the project."""
    if glob.has_magic(pattern):
        matches = sorted(Path(p) for p in glob.glob(str(root / pattern), recursive=True))
        # One file reached by several names (a symbolic link to a folder above, even a loop,
        # which glob follows until ELOOP) is one article of this pattern.
        paths = list(dict.fromkeys(p.resolve() for p in matches if p.is_file()))
        if not paths:
            problems.add(manifest, f"{pattern!r} matches no file", line)
    else:
        target = resolve_inside(root, root, pattern)
        paths = [target] if target is not None else []
        if target is not None and not target.is_file():
            problems.add(
                manifest,
                f"article {pattern!r} not found: check the path (relative to {manifest.name})",
                line,
            )
            return []
    inside = [p for p in paths if p.is_relative_to(root)]
    if len(inside) < len(paths) or (not paths and not glob.has_magic(pattern)):
        problems.add(
            manifest, f"{pattern!r} points outside the project: keep articles in its folder", line
        )
    return inside


def _load_dictionary(
    root: Path, problems: ProblemCollector
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    path = root / PINYIN_DICTIONARY
    if not path.is_file():
        return ()
    try:
        text = read_text(path, root)
    except SourceError as error:
        problems.extend(error)
        return ()
    document = parse_yaml(text, path)
    if isinstance(document, Problem):
        problems.problems.append(document)
        return ()
    problems.problems.extend(checked(document, "pinyin", text))
    return pinyin_dictionary(document.data, document, problems)


def _layouts(root: Path) -> Path | None:
    folder = root / LAYOUTS
    return folder if folder.is_dir() else None


def _identifier(slug: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, slug)}"
