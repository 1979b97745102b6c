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
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from . import parallel
from .builders import BUILDERS, Edition, get_builder
from .cluster import SCHEDULER_ENVIRONMENT, dask_executor
from .config import Settings
from .errors import PublishError
from .fonts.coverage import check_coverage
from .layouts import environment
from .model import Collection
from .output import staged, switch
from .sources import Project, load_project

log = logging.getLogger("publish")

Progress = Callable[[str, int, int], None]
"""Called as (step description, steps done, steps in all) while a build runs."""


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
    **options: Any,
) -> list[Path]:
    """Build the editions of a project; returns the files and folders written.

    `options` are output settings in manifest spelling (`formats="pdf,epub"`, `size="大"`,
    `paper="A5"`, `pinyin=True`, `pdf={"bleed": "3mm"}` ...); they override the manifest's.
    `trust_layouts` runs the project's layouts without the sandbox (as the manifest's
    `trust_layouts: true` does). `workers` or `scheduler` run the parallel steps on a Dask
    cluster (`cluster.dask_executor`): the output is the same, byte for byte.
    """
    with contextlib.ExitStack() as stack:
        if workers is not None or scheduler or os.environ.get(SCHEDULER_ENVIRONMENT):
            executor = stack.enter_context(dask_executor(workers, scheduler))
            stack.enter_context(parallel.using(executor))
        stack.enter_context(_garbage_collector_at_build_thresholds())
        return _build(source, out, progress, trust_layouts, options)


def _build(
    source: str | os.PathLike[str] | Project,
    out: str | os.PathLike[str] | None,
    progress: Progress | None,
    trust_layouts: bool,
    options: Mapping[str, Any],
) -> list[Path]:
    project = source if isinstance(source, Project) else load(source)
    settings = project.settings.updated(
        _drop_unset(options), where="options", root=project.collection.root
    )
    collection = project.collection
    target = Path(out) if out is not None else collection.root / "build"
    if collection.root.resolve().is_relative_to(target.resolve()):
        # The output folder is replaced whole (output.switch): never the project's own folder.
        raise PublishError(f"{target} holds the project's sources: give -o a folder of its own")
    steps = 2 + len(settings.formats)
    report = progress or (lambda step, done, total: None)

    log.info("Step 1 - Loaded %d article(s) of %s", len(collection.articles), collection.title)
    collection, fallback_fonts = _prepared(collection, settings, report, steps)
    edition = Edition(
        collection,
        settings,
        environment(project.layouts, settings.script, trust_layouts or project.trust_layouts),
        fallback_fonts,
    )
    written: list[Path] = []
    with staged(target) as staging:
        for done, name in enumerate((f for f in BUILDERS if f in settings.formats), start=2):
            report(f"生成 {name.upper()}", done, steps)
            output = get_builder(name).build(edition, staging)
            if output.print_pages:
                edition = replace(edition, print_pages=output.print_pages)
            written.extend(output.files)
            log.info("Step 4 - Built %s: %s", name, ", ".join(p.name for p in output.files))
        report("写入", steps, steps)
        final = switch(staging, target, written)
    log.info("Step 5 - Wrote %d output(s) to %s", len(final), target)
    return final


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
        collection, _ = _prepared(project.collection, settings, lambda *_: None, 0)
    environment(project.layouts, settings.script, trust_layouts or project.trust_layouts)
    for name in (f for f in BUILDERS if f in settings.formats):
        get_builder(name).check(collection, settings)
    return collection


def _prepared(
    collection: Collection, settings: Settings, report: Progress, steps: int
) -> tuple[Collection, tuple[Path, ...]]:
    """The text-processing steps before the builders: readings, characters, font coverage.
    Returns the collection the builders get, and the fallback fonts it needs."""
    if settings.pinyin:
        report("标注拼音", 0, steps)
        from .pinyin.annotate import annotate_collection

        collection = annotate_collection(collection, settings)
        log.info("Step 2 - Annotated pinyin")
    if settings.script.traditional:
        # After the readings, so that they are decided on the simplified text the author wrote.
        from .traditional import convert_collection

        collection = convert_collection(collection, settings)
        log.info(
            "Step 2 - Converted to %s characters (%s)", settings.script.name, collection.language
        )

    # After the readings, so that a project's own font is checked for the pinyin letters too.
    report("检查字形", 1, steps)
    fallback_fonts: tuple[Path, ...] = ()
    if set(settings.formats) - {"braille"}:  # braille alone shows no font
        fallback_fonts = check_coverage(collection, settings)
        log.info("Step 3 - Checked font coverage (%d fallback font(s))", len(fallback_fonts))
    return collection, fallback_fonts


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
