"""The build pipeline, readable top to bottom.

1. load the sources into the model (or take a loaded `Project`);
2. text processing: pinyin readings become `Ruby` runs; then, for a traditional edition, the
   characters under them are converted (traditional.py);
3. check that the font covers every character, readings included (fallbacks found through
   fontconfig);
4. each builder writes its format into a staging folder (PDF first: its page starts feed EPUB);
5. the staging folder becomes the output folder in one step (`output.switch`); a failure, or
   a kill at any moment, leaves the old output folder whole.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
from collections.abc import Iterator, Mapping, Set
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from . import cache as build_cache
from . import parallel
from .builders import BUILDERS, Edition, get_builder
from .cache import FOLDER as CACHE_FOLDER
from .cache import Cache, opened
from .cluster import SCHEDULER_ENVIRONMENT, dask_executor
from .config import Settings
from .errors import PublishError
from .fonts.coverage import check_coverage
from .fonts.used import reading_once
from .layouts import environment
from .model import Collection, Inlines
from .model.stored import restored, stored
from .output import staged, switch
from .progress import Progress, report, reporting
from .sources import Project, load_project, project_root

log = logging.getLogger("publish")


def load(path: str | os.PathLike[str]) -> Project:
    """Load a collection folder, its publish.yaml or a single .md article; raises SourceError."""
    return load_project(Path(path))


def build(
    source: str | os.PathLike[str] | Project,
    out: str | os.PathLike[str] | None = None,
    *,
    progress: Progress | None = None,
    trust_layouts: bool = False,
    workers: int | None = None,
    scheduler: str | None = None,
    cache: str | os.PathLike[str] | bool = True,
    **options: Any,
) -> list[Path]:
    """Build the editions of a project; returns the files and folders written.

    `options` are output settings in manifest spelling (`formats="pdf,epub"`, `size="大"`,
    `paper="A5"`, `pinyin=True`, `pdf={"bleed": "3mm"}` ...); they override the manifest's.
    `trust_layouts` runs the project's layouts without the sandbox (as the manifest's
    `trust_layouts: true` does). `workers` or `scheduler` run the parallel steps on a Dask
    cluster (`cluster.dask_executor`): the output is the same, byte for byte. `cache` keeps
    the expensive results for the next build (`publish.cache`): in the output folder's
    `.cache/` (True), in a folder of its own (a path), or not at all (False); the output is the
    same, byte for byte. `progress` is called as the build goes (`publish.progress.Progress`:
    step, pieces done, pieces in all).
    """
    with contextlib.ExitStack() as stack:
        if workers is not None or scheduler or os.environ.get(SCHEDULER_ENVIRONMENT):
            executor = stack.enter_context(dask_executor(workers, scheduler))
            stack.enter_context(parallel.using(executor))
        stack.enter_context(_garbage_collector_at_build_thresholds())
        stack.enter_context(reporting(progress))
        stack.enter_context(reading_once())
        return _build(source, out, trust_layouts, cache, options)


def _build(
    source: str | os.PathLike[str] | Project,
    out: str | os.PathLike[str] | None,
    trust_layouts: bool,
    cache: str | os.PathLike[str] | bool,
    options: Mapping[str, Any],
) -> list[Path]:
    root = _root(source)
    target = Path(out) if out is not None else root / "build"
    if root.resolve().is_relative_to(target.resolve()):
        # The output folder is replaced whole (output.switch): never the project's own folder.
        raise PublishError(f"{target} holds the project's sources: give -o a folder of its own")

    written: list[Path] = []
    with staged(target) as staging, _cache(cache, target, staging) as store:
        # Loaded with the cache open: the articles an earlier build read are read from it.
        project = source if isinstance(source, Project) else load(source)
        settings = project.settings.updated(
            _drop_unset(options), where="options", root=project.collection.root
        )
        collection = project.collection
        log.info("Step 1 - Loaded %d article(s) of %s", len(collection.articles), collection.title)
        keys = article_keys(collection, settings) if store else {}
        builders = {name: get_builder(name) for name in BUILDERS if name in settings.formats}
        # Two passes: the titles first (every page's pager and the index show them), then the
        # bodies of the articles whose documents are not kept (docs/benchmarks.md).
        processed, whole = _titles_first(collection, settings, keys)
        edition = Edition(
            processed,
            settings,
            environment(project.layouts, settings.script, trust_layouts or project.trust_layouts),
            _coverage(processed, settings, keys),
            article_keys=keys,
        )
        if len(whole) < len(collection.articles):
            kept = [builder.kept(edition) for builder in builders.values()]
            bodies = {a.slug for a in collection.articles if a.slug not in whole}
            bodies -= frozenset.intersection(*kept) if kept else bodies
            edition = replace(
                edition, collection=_with_bodies(processed, collection, settings, bodies)
            )
            log.info("Step 2 - Annotated %d article(s)'s bodies", len(bodies))
        for name, builder in builders.items():
            output = builder.build(edition, staging)
            if output.print_pages:
                edition = replace(edition, print_pages=output.print_pages)
            written.extend(output.files)
            names = [path.name for path in output.files]
            more = f" and {len(names) - 3} more" if len(names) > 3 else ""
            log.info("Step 4 - Built %s: %s%s", name, ", ".join(names[:3]), more)
        report("写入", 0, 1)
        if store:
            store.carry_unread()
            store.write_index()
        # A new cache in the output folder replaces the old one (not carried over); a build
        # that used none (no pinyin) carries the old one over for the next.
        remade = [store.folder] if store and store.folder.parent == staging else []
        remade = [folder for folder in remade if folder.is_dir()]
        final = switch(staging, target, [*written, *remade])[: len(written)]
        if store:
            log.info("Step 5 - Cache: %d result(s) read, %d made", store.hits, store.misses)
    log.info("Step 5 - Wrote %d output(s) to %s", len(final), target)
    return final


def _root(source: str | os.PathLike[str] | Project) -> Path:
    """The project's root folder, before it is loaded (`sources.project_root`)."""
    if isinstance(source, Project):
        return source.collection.root
    root = project_root(Path(source))
    return root if root is not None else load(source).collection.root  # the loader says why


def check(
    source: str | os.PathLike[str] | Project, *, trust_layouts: bool = False, **options: Any
) -> Collection:
    """Run every check that `build` would run with these `options` (manifest spelling, as for
    `build`), writing nothing: the sources, the layouts, the fonts' coverage, and each format's
    own checks (`Builder.check`). Raises `SourceError`/`PublishError` where `build` would;
    returns the collection as the builders would get it (annotated, converted)."""
    project = source if isinstance(source, Project) else load(source)
    settings = project.settings.updated(
        _drop_unset(options), where="options", root=project.collection.root
    )
    with _garbage_collector_at_build_thresholds():
        collection, _ = _prepared(project.collection, settings)
    environment(project.layouts, settings.script, trust_layouts or project.trust_layouts)
    for name in (f for f in BUILDERS if f in settings.formats):
        get_builder(name).check(collection, settings)
    return collection


def article_keys(collection: Collection, settings: Settings) -> dict[str, str]:
    """Each article's key in the build cache, by slug: its model as loaded, the collection's
    own fields and the settings, so everything the article as `_prepared` makes it (readings,
    characters) depends on; the package is in every key. The model is frozen dataclasses of
    strings and tuples, so equal `repr`s are equal articles (the loaded articles' take 0.1 s a
    1,000; the annotated ones', 20 times as long)."""
    shared = build_cache.key("article", repr(replace(collection, articles=())), repr(settings))
    return {
        article.slug: build_cache.key("article", shared, repr(article))
        for article in collection.articles
    }


def _prepared(
    collection: Collection, settings: Settings, keys: Mapping[str, str] | None = None
) -> tuple[Collection, tuple[Path, ...]]:
    """The text-processing steps before the builders: readings, characters, font coverage.
    Returns the collection the builders get, and the fallback fonts it needs. `keys`: the
    articles' keys in the build cache (`article_keys`)."""
    collection = _processed(collection, settings)
    return collection, _coverage(collection, settings, keys)


def _processed(
    collection: Collection, settings: Settings, only: Set[str] | None = None
) -> Collection:
    """`collection` after text processing: readings, then characters; `only`: the slugs of
    the articles to annotate (pinyin without a traditional script), the others as loaded."""
    if settings.pinyin and (only is None or only):
        # Not even imported when no article is (a rebuild with nothing changed): the engine's
        # modules cost 0.1 s of CPU to import.
        from .pinyin.annotate import annotate_collection

        collection = annotate_collection(collection, settings, only)
    if settings.pinyin:
        done = len(collection.articles) if only is None else len(only)
        log.info("Step 2 - Annotated pinyin (%d article(s) whole)", done)
    if settings.script.traditional:
        # After the readings, so that they are decided on the simplified text the author wrote.
        from .traditional import convert_collection

        assert only is None  # the conversion reads the whole collection (_titles_first)
        collection = convert_collection(collection, settings)
        log.info(
            "Step 2 - Converted to %s characters (%s)", settings.script.name, collection.language
        )
    return collection


def _titles_first(
    loaded: Collection, settings: Settings, keys: Mapping[str, str]
) -> tuple[Collection, frozenset[str]]:
    """The first pass of the text processing: `loaded` with every article's title processed,
    and the slugs of the articles processed whole.

    An article whose processed title and characters (for the coverage check and the fonts'
    model text, `fonts.used.source_texts`) an earlier build kept has its title read from the
    cache and its body left as loaded, its pinyin analysis carried over unread; the others
    are processed whole. Without a cache, or with a traditional script (the conversion
    decides the collection's own fields from every article's text), all are processed whole."""
    store = build_cache.current()
    every = frozenset(article.slug for article in loaded.articles)
    if store is None or not keys or not settings.pinyin or settings.script.traditional:
        return _processed(loaded, settings), every
    titles: dict[str, Inlines] = {}
    for article in loaded.articles:
        key = keys[article.slug]
        found = _kept_title(store.get("title", key))
        if found is not None and _kept_characters(store.get("characters", key)):
            titles[article.slug] = found[0]
            store.carry("pinyin", found[1])
    whole = every - titles.keys()
    collection = _processed(loaded, settings, whole)
    if whole:
        from .pinyin.annotate import analysis_key
    for article, before in zip(collection.articles, loaded.articles, strict=True):
        if article.slug in whole:
            analysis = analysis_key(before, loaded, settings)
            store.put("title", keys[article.slug], [stored(article.title), analysis])
    articles = tuple(
        replace(article, title=titles[article.slug]) if article.slug in titles else article
        for article in collection.articles
    )
    return replace(collection, articles=articles), whole


def _kept_title(value: object) -> tuple[Inlines, str] | None:
    """A processed title and its article's analysis key, from a cache entry; None if it holds
    none (damaged, foreign)."""
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], str)):
        return None
    try:
        title = restored(value[0])
    except ValueError:
        return None
    return (title, value[1]) if isinstance(title, tuple) else None


def _kept_characters(value: object) -> bool:
    """Whether a cache entry holds an article's characters (as `fonts.used.source_texts`
    reads them: without, it would read them from a body left unprocessed)."""
    return isinstance(value, list) and len(value) == 2 and all(isinstance(t, str) for t in value)


def _with_bodies(
    processed: Collection, loaded: Collection, settings: Settings, bodies: Set[str]
) -> Collection:
    """The second pass: `processed` (`_titles_first`) with the articles of `bodies` processed
    whole from `loaded`."""
    if not bodies:
        return processed
    whole = _processed(loaded, settings, bodies)
    articles = tuple(
        fresh if fresh.slug in bodies else article
        for fresh, article in zip(whole.articles, processed.articles, strict=True)
    )
    return replace(processed, articles=articles)


def _coverage(
    collection: Collection, settings: Settings, keys: Mapping[str, str] | None
) -> tuple[Path, ...]:
    """The fallback fonts `collection` needs (`fonts.coverage.check_coverage`)."""
    # After the readings, so that a project's own font is checked for the pinyin letters too.
    report("检查字形", 0, 1)
    fallback_fonts: tuple[Path, ...] = ()
    if set(settings.formats) - {"braille"}:  # braille alone shows no font
        fallback_fonts = check_coverage(collection, settings, keys)
        log.info("Step 3 - Checked font coverage (%d fallback font(s))", len(fallback_fonts))
    return fallback_fonts


@contextmanager
def _cache(
    choice: str | os.PathLike[str] | bool, target: Path, staging: Path
) -> Iterator[Cache | None]:
    """The build's cache (`publish.cache`), current inside."""
    store = None
    if choice is True:
        store = Cache(staging / CACHE_FOLDER, previous=target / CACHE_FOLDER)
    elif choice is not False:
        folder = Path(choice)
        if folder.resolve().is_relative_to(target.resolve()):
            # The output folder is replaced whole at the end of every build.
            raise PublishError(
                f"--cache {folder} is inside the output folder {target}: give a folder outside "
                "it, or leave --cache out to keep the cache in the output folder"
            )
        store = Cache(folder)
    try:
        with opened(store):
            yield store
    except BaseException:
        if store is not None and store.previous is not None:
            store.keep_in(store.previous, leaving=QUICK_STEPS)
        raise


QUICK_STEPS = (
    "source", "characters", "title", "font-info", "system-faces", "face-digest",
    "valid-manifest", "valid-pinyin", "valid-article",
)  # fmt: skip
"""The cache's steps that are quick to redo, or made before a build's sources, options and
fonts are all checked (the faces' character sets, the system's faces, their digests, the YAML
found valid): a failed build does not keep their entries (so a build whose sources or options
are refused writes nothing), only those of the others."""


GC_THRESHOLDS = (100_000, 20, 100)
"""The cyclic garbage collector's thresholds while a build runs (Python's are 700, 10, 10).

A build makes millions of small objects that live until it ends (runs, readings, markup), and
at Python's thresholds the collector walked them again and again: 0.5 s of the 2.7 s that 100
seed articles took as an EPUB with pinyin, and 0.7 s of 3.8 s for varied text. They hold few
cycles, so collecting less often costs no memory to speak of (docs/benchmarks.md)."""


@contextmanager
def _garbage_collector_at_build_thresholds() -> Iterator[None]:
    """GC_THRESHOLDS for the duration of a build (forked workers inherit them)."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _drop_unset(options: Mapping[str, Any]) -> dict[str, Any]:
    """Options left as None (a CLI flag not given) do not override the manifest."""
    cleaned: dict[str, Any] = {}
    for key, value in options.items():
        if isinstance(value, Mapping):
            value = _drop_unset(value)
            if not value:
                continue
        if value is not None:
            cleaned[key] = value
    return cleaned
