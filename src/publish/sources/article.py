"""Article sources: one Markdown file with YAML front matter -> `model.Article`.

Sources step. The front matter between `---` lines holds the metadata (its fields parsed by
`fields.py`, the same as a manifest's); the title is not repeated in the body, which
`body.py` turns into blocks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

from .. import cache
from ..characters import check_text, read_unchecked, trimmed, written_language
from ..errors import Problem, ProblemCollector, SourceError
from ..model import Article, Block, Text, figures, visible_text
from ..model.stored import restored, stored
from ..parallel import forked_processes, map_arguments
from .body import body_blocks
from .fields import checked_image, date_field, pinyin_dictionary, slug_for, slug_problem
from .yamldoc import (
    YamlDocument,
    keep_valid,
    parse_yaml,
    schema_problems,
    text_digest,
    valid_texts,
)

_FENCE = re.compile(r"^(---|\.\.\.)\s*$")

MAX_CATEGORY_DEPTH = 8
"""The most levels a category path may have (a news site's breadcrumb has two or three)."""


def split_front_matter(text: str, path: Path) -> tuple[str, int, str, int]:
    """(front matter, its first line, body, the body's first line)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise SourceError.at(
            path,
            "no front matter: start the file with a line '---', then 'title: ...', then '---'",
            1,
        )
    for index, line in enumerate(lines[1:], start=1):
        if _FENCE.match(line):
            return "".join(lines[1:index]), 2, "".join(lines[index + 1 :]), index + 2
    raise SourceError.at(path, "the front matter is not closed: add a line '---' after it", 1)


def load_article(path: Path, root: Path) -> Article:
    """Load one article source; raises `SourceError` with every problem found.

    An article an earlier build read from the same text, at the same place in the same
    project, is taken from the build cache (`publish.cache`) once its images are checked
    again (still there, inside the project, images); otherwise it is read here. The text of
    an entry found was checked (`check_text`) by the build that made it: its key holds it."""
    (found,) = load_articles([path], root)
    if isinstance(found, SourceError):
        raise found
    return found


PARSE_IN_PARALLEL_FROM = 100
"""Articles to parse from which forked processes share them (forking one and sending its
articles back costs about 0.1 s; parsing 100 articles of the seed's size takes 0.3 s)."""


def load_articles(paths: Sequence[Path], root: Path) -> list[Article | SourceError]:
    """`load_article` for each of `paths`, in order: the article, or the `SourceError` that
    lists its problems.

    The files are read, and the build cache looked up, here; the articles to parse are shared
    among forked processes from `PARSE_IN_PARALLEL_FROM` on (parsing was a tenth of a
    1,000-article site's time, on one core; docs/benchmarks.md). Not on an executor: the
    images an article shows are checked where it is parsed, so on this machine."""
    store = cache.current()
    loaded: list[Article | SourceError | None] = []
    keys: list[str | None] = []
    texts_read: list[str] = []
    missing: list[tuple[Path, Path, str, bool]] = []
    realpaths: dict[str, str] = {}  # the project's and the sources' folders, resolved once
    for path in paths:
        try:
            text = read_unchecked(path, root, realpaths)
        except SourceError as error:
            loaded.append(error)
            keys.append(None)
            texts_read.append("")
            continue
        texts_read.append(text)
        key = cache.key("source", str(path), str(root), text) if store is not None else None
        loaded.append(
            _kept(store.get("source", key), path, root) if store is not None and key else None
        )
        keys.append(key)
        if loaded[-1] is None:
            missing.append((path, root, text, False))
    fronts = valid_texts("article", str(root)) if missing else frozenset()
    missing = [(p, r, text, _front_digest(text) in fronts) for p, r, text, _ in missing]
    workers = forked_processes(len(missing), PARSE_IN_PARALLEL_FROM)
    parsed = iter(map_arguments(_parsed_or_problems, missing, workers))
    for index, key in enumerate(keys):
        if loaded[index] is not None:
            continue
        found = next(parsed)
        if isinstance(found, tuple):
            loaded[index] = SourceError(found)
            continue
        loaded[index] = found
        if store is not None and key is not None:
            with suppress(ValueError):  # a date in a zone without a name: not kept
                store.put("source", key, stored(found))
    if missing:
        texts = (t for t, a in zip(texts_read, loaded, strict=True) if isinstance(a, Article))
        keep_valid("article", str(root), fronts, {d for t in texts if (d := _front_digest(t))})
    return loaded  # type: ignore[return-value]


def _front_digest(text: str) -> str | None:
    """The digest of a source's front matter, as `_parsed` validates it (None: it has none).
    The front matters of a project's articles found valid are kept together (`valid_texts`,
    scoped by the project): an article whose text changed below its front matter (a typo
    fixed) is parsed again without validating that."""
    try:
        front = split_front_matter(text, Path())[0]
    except SourceError:
        return None
    return text_digest(front)


def _kept(value: object, path: Path, root: Path) -> Article | None:
    """The article of a cache entry, if it is `path`'s and its images are still right."""
    try:
        found = restored(value)
    except ValueError:
        return None
    if isinstance(found, Article) and found.source_path == path and _images_ok(found, root):
        return found
    return None


def _parsed_or_problems(
    source: tuple[Path, Path, str, bool],
) -> Article | tuple[Problem, ...]:
    """The article of a source's text (path, root, text, whether its front matter was found
    valid before), checked, or its problems (which cross from a worker as they are)."""
    path, root, text, valid = source
    try:
        check_text(text, path)
        return _parsed(path, root, text, valid)
    except SourceError as error:
        return tuple(error)


def _images_ok(article: Article, root: Path) -> bool:
    """Whether the images `article` shows pass the checks reading it made (`body.py`)."""
    shown = list(figures(article.blocks))
    if not shown:  # most articles: no need to resolve the root (0.1 s of CPU a 1,000)
        return True
    inside = root.resolve()
    return all(
        figure.image.resolve() == figure.image
        and figure.image.is_relative_to(inside)
        and figure.image.is_file()
        and checked_image(figure.image, root) is None
        for figure in shown
    )


def _parsed(path: Path, root: Path, text: str, valid: bool = False) -> Article:
    """The article in `text` (the file `path` holds); `valid`: its front matter was found
    valid against the schema before (`_front_digest`)."""
    front, front_line, body, body_line = split_front_matter(text, path)
    problems = ProblemCollector()
    document = parse_yaml(front, path, front_line)
    if isinstance(document, Problem):
        raise SourceError(document)
    if not valid:
        problems.problems.extend(schema_problems(document, "article"))
    meta = document.data
    blocks = body_blocks(body, path, root, body_line, problems)
    article = None
    if not problems.problems:
        article = _article(path, meta, document, blocks, problems)
    problems.raise_if_any()
    assert article is not None
    return article


def _article(
    path: Path,
    meta: dict,
    document: YamlDocument,
    blocks: tuple[Block, ...],
    problems: ProblemCollector,
) -> Article | None:
    when = date_field(document, problems)
    dictionary = pinyin_dictionary(meta.get("pinyin", {}), document, problems, "pinyin")
    if problems.problems:
        return None
    authors = meta.get("authors", ())
    category = meta.get("category", ())
    if isinstance(category, str):
        category = [part.strip() for part in re.split(r"[/>／＞]", category) if part.strip()]
    if len(category) > MAX_CATEGORY_DEPTH:
        problems.add(
            path,
            f"category is {len(category)} levels deep (at most {MAX_CATEGORY_DEPTH}): "
            "shorten the breadcrumb",
            document.line_of("category"),
        )
    title = trimmed(meta["title"])
    if not title:
        problems.add(
            path, "the title is blank: write the article's title", document.line_of("title")
        )
    slug = meta.get("slug") or slug_for(path)
    wrong = slug_problem(slug)
    if wrong is not None:
        problems.add(path, wrong, document.line_of("slug"))
    if problems.problems:
        return None
    article = Article(
        slug=slug,
        title=(Text(title),),
        subtitle=(Text(trimmed(meta["subtitle"])),) if meta.get("subtitle") else (),
        blocks=blocks,
        source_path=path,
        date=when,
        date_guessed=bool(meta.get("date_guessed", False)) and when is not None,
        source=meta.get("source", ""),
        authors=(authors,) if isinstance(authors, str) else tuple(authors),
        category=tuple(category),
        language=meta.get("language", "zh-Hans"),
        tags=tuple(meta.get("tags", ())),
        summary=meta.get("summary", ""),
        pinyin=dictionary,
    )
    if "language" in meta:
        return article
    # An article that does not say is in the script it is written in: a Taiwan or Hong Kong
    # article pasted into a simplified collection is set in the traditional faces and tagged
    # so (`publish import` tags what it reads the same way).
    return replace(article, language=written_language(visible_text(article)))
