"""The `publish` command line: a thin layer over the Python API.

A `PublishError` becomes one line per problem on stderr and exit status 2; any other exception
is a bug and keeps its traceback. Heavy modules are imported inside the commands.
"""

from __future__ import annotations

import gc
import json
import logging
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from ._version import __version__
from .errors import PublishError

F = TypeVar("F", bound=Callable[..., Any])


def _fails_cleanly(command: F) -> F:
    """Report a PublishError as its lines on stderr and exit with status 2."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except PublishError as error:
            for line in error.lines():
                click.echo(f"error: {line}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


class _WarningHandler(logging.Handler):
    """Warnings from the library as `warning: ...` lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"{record.levelname.lower()}: {record.getMessage()}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="publish")
@click.option("-v", "--verbose", is_flag=True, help="Log each build step.")
def main(verbose: bool) -> None:
    """Accessible print and e-publication editions of Chinese articles."""
    logger = logging.getLogger("publish")
    if not any(isinstance(h, _WarningHandler) for h in logger.handlers):
        logger.addHandler(_WarningHandler())
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    # The logger keeps propagating: the root has no handler in a plain CLI run, and an
    # embedding program (or pytest's caplog) still sees the records.


def run() -> None:
    """The `publish` program (and `python -m publish`): `main`, then the exit."""
    try:
        main()
    finally:
        # The process is ending: the collector's last walk over every object a build left
        # behind took 0.2 to 0.35 s after 100 articles and freed nothing the exit would not.
        gc.freeze()


# --------------------------------------------------------------------------- build


_EDITION_KEYS = ("size", "font", "pinyin", "pinyin_scale", "reading", "script", "regional_words")
"""The edition options that `build` and `serve` share, in the manifest's `output:` spelling."""


def _edition_options(command: F) -> F:
    """The options `build` and `serve` share: source, output folder, size, font, script and
    readings."""
    for option in reversed(
        (
            click.argument("source", default=".", type=click.Path(path_type=Path)),
            click.option(
                "-o",
                "--output",
                "out",
                type=click.Path(path_type=Path),
                help="Output folder (default: SOURCE/build; the site is its html/).",
            ),
            click.option(
                "--size", help="Body size: 小, 中, 大, 特大, a 字号 such as 小二, or points (18pt)."
            ),
            click.option("--font", help="Bundled font family: sans, serif or kai."),
            click.option(
                "--pinyin/--no-pinyin", default=None, help="Annotate Han characters with pinyin."
            ),
            click.option(
                "--pinyin-scale",
                type=float,
                help="Reading size relative to the default (0.75 to 1.25; 1 is two thirds of "
                "the body in 大 and 特大, about half below).",
            ),
            click.option(
                "--script",
                help="Characters: simplified (as written), traditional, tw (Taiwan) or hk "
                "(Hong Kong), converted by OpenCC.",
            ),
            click.option(
                "--regional-words/--no-regional-words",
                default=None,
                help="Traditional editions without readings: the region's words too "
                "(tw: 软件 -> 軟體, OpenCC s2twp).",
            ),
            click.option(
                "--reading",
                help="Readings over the characters: pinyin, zhuyin (注音) or none.",
            ),
            click.option(
                "--pinyin-words",
                is_flag=True,
                default=None,
                help="HTML: one ruby per word rather than per character.",
            ),
            click.option(
                "--trust-layouts",
                is_flag=True,
                help="Run the project's layouts/ without the sandbox (only for layouts you wrote).",
            ),
        )
    ):
        command = option(command)
    return command


@main.command()
@_edition_options
@click.option(
    "-f", "--format", "formats", help="Formats to build, comma-separated: pdf,epub,html,braille."
)
@click.option("--paper", help="Paper: A4, A5, B5, 正16开, 大16开, 正32开, 大32开, or WxHmm.")
@click.option("--sandhi/--no-sandhi", default=None, help="Tone sandhi of 一 and 不 (default on).")
@click.option(
    "--strict",
    is_flag=True,
    default=None,
    help="Fail on characters the font does not cover (or braille cannot write).",
)
@click.option("--bleed", help="PDF: bleed around the trimmed page, such as 3mm.")
@click.option("--marks", help="PDF: printer's marks, comma-separated: crop,cross.")
@click.option("--pdf-variant", help="PDF: pdf/ua-1, pdf/ua-2, pdf/x-4, pdf/a-2b ...")
@click.option("--facing/--no-facing", default=None, help="PDF: facing pages (inner/outer margins).")
@click.option(
    "--recto-start/--no-recto-start",
    default=None,
    help="PDF: start each article on a right-hand page.",
)
@click.option(
    "--booklet",
    is_flag=True,
    default=None,
    help="PDF: also impose a saddle-stitch booklet (for the press only).",
)
@click.option("--margins", help="PDF: margins like CSS, top outer bottom inner: 20mm, '25mm 20mm'.")
@click.option(
    "--embed-font/--no-embed-font",
    default=None,
    help="EPUB: embed a subset of the font (default on).",
)
@click.option(
    "--per-article",
    is_flag=True,
    default=None,
    help="EPUB and PDF: also write one file per article (SLUG-articles/ARTICLE.epub, .pdf).",
)
@click.option(
    "--braille-system",
    default=None,
    help="Braille: cbs (国家通用盲文, default) or current (现行盲文).",
)
@click.option(
    "--cache",
    "cache_folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep the build cache in DIR (default: .cache in the output folder).",
)
@click.option(
    "--no-cache", is_flag=True, help="Build from nothing, without reading or writing a cache."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Run the parallel steps on a Dask cluster of N worker processes on this machine.",
)
@click.option(
    "--scheduler",
    envvar="PUBLISH_SCHEDULER",
    help="Run the parallel steps on the Dask cluster at tcp://HOST:PORT (or PUBLISH_SCHEDULER).",
)
@_fails_cleanly
def build(source: Path, out: Path | None, **flags: Any) -> None:
    """Build the PDF, EPUB and HTML (and braille) editions of a collection (or one .md article)."""
    from .pipeline import build as run_build

    options = {key: flags[key] for key in ("formats", "paper", *_EDITION_KEYS, "sandhi", "strict")}
    options["pdf"] = {
        "bleed": flags["bleed"],
        "marks": flags["marks"],
        "variant": flags["pdf_variant"],
        "facing": flags["facing"],
        "recto_start": flags["recto_start"],
        "booklet": flags["booklet"],
        "margins": flags["margins"],
        "per_article": flags["per_article"],
    }
    options["epub"] = {"embed_font": flags["embed_font"], "per_article": flags["per_article"]}
    options["html"] = {"pinyin_words": flags["pinyin_words"]}
    options["braille"] = {"system": flags["braille_system"]}
    with _progress() as report:
        written = run_build(
            source,
            out,
            progress=report,
            trust_layouts=flags["trust_layouts"],
            workers=flags["workers"],
            scheduler=flags["scheduler"],
            cache=False if flags["no_cache"] else flags["cache_folder"] or True,
            **options,
        )
    for path in written:
        click.echo(str(path))


@contextmanager
def _progress(delay: float = 1.0, every: float = 10.0) -> Iterator[Callable[[str, int, int], None]]:
    """Progress on stderr once a command has run for `delay` seconds: on a terminal, a bar for
    the running step with its pieces (articles, pages) and the time left; elsewhere, with -v,
    an `info:` line every `every` seconds (a log file or CI output stays readable)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    terminal = sys.stderr.isatty()
    log = logging.getLogger("publish")
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=not terminal,
    )
    steps: dict[str, TaskID] = {}
    started = last_line = time.monotonic()
    shown = False

    def report(step: str, done: int, total: int) -> None:
        nonlocal shown, last_line
        if step not in steps:
            for other in steps.values():
                bar.update(other, visible=False)
            steps[step] = bar.add_task(step, total=total)
        bar.update(steps[step], completed=done, total=total)
        now = time.monotonic()
        if terminal and not shown and now - started >= delay:
            bar.start()
            shown = True
        if not terminal and now - last_line >= every and log.isEnabledFor(logging.INFO):
            last_line = now
            left = bar.tasks[steps[step]].time_remaining
            estimate = f", about {_duration(left)} left" if left and done < total else ""
            log.info("%s: %d of %d%s", step, done, total, estimate)

    try:
        yield report
    finally:
        if shown:
            bar.stop()


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"


# --------------------------------------------------------------------------- serve


@main.command()
@_edition_options
@click.option(
    "-p",
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0 picks a free one).",
)
@_fails_cleanly
def serve(source: Path, out: Path | None, port: int, **flags: Any) -> None:
    """Build the HTML site, serve it on 127.0.0.1 and rebuild it when a source changes."""
    from .serve import SiteServer

    options: dict[str, Any] = {key: flags[key] for key in _EDITION_KEYS}
    options["html"] = {"pinyin_words": flags["pinyin_words"]}
    options["trust_layouts"] = flags["trust_layouts"]
    server = SiteServer(
        source, out, port=port, options=options, report=lambda line: click.echo(line, err=True)
    )
    url = server.start()
    click.echo(f"serving {url} (Ctrl+C to stop)")
    try:
        server.watch()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


# --------------------------------------------------------------------------- check, inspect


@main.command()
@click.argument("source", default=".", type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on characters the font does not cover.")
@click.option("--font", help="Check coverage against this family: sans, serif or kai.")
@click.option(
    "--pinyin-report",
    is_flag=False,
    flag_value="-",
    default=None,
    metavar="[FILE]",
    help="List the readings to proofread, riskiest first: a table, or CSV to FILE.csv.",
)
@click.option("--script", help="Check the edition in these characters: traditional, tw or hk.")
@_fails_cleanly
def check(
    source: Path, strict: bool, font: str | None, script: str | None, pinyin_report: str | None
) -> None:
    """Run every check a build would run (sources, layouts, font coverage, each format's
    own checks), reporting every problem; write nothing but the pinyin proof list asked for."""
    from .pipeline import check as run_checks
    from .pipeline import load

    out = None if pinyin_report in (None, "-") else Path(pinyin_report)
    if out is not None and out.is_dir():
        # click gives an optional value the next word: `check --pinyin-report DIR`
        raise PublishError(
            f"--pinyin-report {out}: a folder, not a file to write: put the collection "
            "first (publish check DIR --pinyin-report [FILE])"
        )
    project = load(source)
    given: dict[str, Any] = {"strict": strict or None, "font": font, "script": script}
    run_checks(project, **{k: v for k, v in given.items() if v is not None})
    if pinyin_report is not None:
        from .pinyin.proof import proof_list, write_report

        settings = project.settings.updated({k: v for k, v in given.items() if v is not None})
        click.echo(write_report(proof_list(project.collection, settings), out))
    count = len(project.collection.articles)
    click.echo(f"ok: {count} article{'s' if count != 1 else ''} in {project.collection.title}")


@main.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the parsed model as JSON.")
@_fails_cleanly
def inspect(source: Path, as_json: bool) -> None:
    """Show how a source (an article or a collection) was understood."""
    from .model import Interview, iter_inlines, plain_text
    from .pipeline import load
    from .serialize import article_data, collection_data

    project = load(source)
    collection = project.collection
    single = source.suffix.lower() in {".md", ".markdown"}
    if as_json:
        data = article_data(collection.articles[0]) if single else collection_data(collection)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{collection.title} ({len(collection.articles)} articles)")
    for article in collection.articles:
        click.echo(f"- {article.title_text} [{article.slug}]")
        if article.date is not None and article.date_guessed:
            click.echo(
                f"    date {article.date.date().isoformat()} guessed from the page's URL "
                "(date_guessed): check it"
            )
        for block in article.blocks:
            label = type(block).__name__.lower()
            if isinstance(block, Interview):
                label += f" {plain_text(block.name)} ({plain_text(block.role)})"
            first = next(iter_inlines((block,)), ())
            click.echo(f"    {label}: {plain_text(first)[:40]}")


# --------------------------------------------------------------------------- pinyin


@main.command()
@click.argument("text", required=False)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print [{"char": ..., "pinyin": ...}] for every character.',
)
@click.option(
    "--style",
    type=click.Choice(["tone", "number", "zhuyin"]),
    default="tone",
    show_default=True,
    help="Tone marks (lǜ), tone numbers (lü4) or zhuyin (ㄌㄩˋ).",
)
@click.option(
    "--sandhi/--no-sandhi",
    default=True,
    show_default=True,
    help="Tone sandhi of 一 and 不 (一定 yí dìng); off gives dictionary tones.",
)
@click.option(
    "--words",
    is_flag=True,
    help="Word-joined pinyin as GB/T 16159-2012 writes it (Lǚ Yàzhōu biǎoshì.).",
)
@click.option(
    "--accept",
    type=click.Path(path_type=Path),
    metavar="FILE.csv",
    help="Write the corrections of a proof list (check --pinyin-report) into pinyin.yaml.",
)
@click.option(
    "--project",
    type=click.Path(path_type=Path, file_okay=False),
    default=".",
    show_default=True,
    help="With --accept: the collection folder whose pinyin.yaml is written.",
)
@_fails_cleanly
def pinyin(
    text: str | None,
    as_json: bool,
    style: str,
    sandhi: bool,
    words: bool,
    accept: Path | None,
    project: Path,
) -> None:
    """Print the pinyin of TEXT (or of standard input), read in context."""
    if accept is not None:
        from .pinyin.proof import accept as accept_corrections
        from .sources import PINYIN_DICTIONARY

        dictionary = project / PINYIN_DICTIONARY
        accepted = accept_corrections(accept, dictionary)
        for word, syllables in accepted:
            click.echo(f"{word}: {' '.join(syllables)}")
        click.echo(f"{len(accepted)} corrections written to {dictionary}")
        return
    from .pinyin.orthography import render

    if text is None:  # the final newline of piped text is the shell's, not the text's
        text = "" if sys.stdin.isatty() else sys.stdin.read().rstrip("\r\n")
    click.echo(render(text, style=style, sandhi=sandhi, as_json=as_json, words=words))


# --------------------------------------------------------------------------- new


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--title", default="我的文集", show_default=True, help="The collection title.")
@_fails_cleanly
def new(folder: Path, title: str) -> None:
    """Create a collection folder that builds, with one article to start from."""
    from .scaffold import scaffold

    for path in scaffold(folder, title):
        click.echo(str(path))


# --------------------------------------------------------------------------- import


@main.command("import")
@click.argument("pages", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to write the article sources, images and publish.yaml to (created if missing).",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Pages: print the article model as JSON instead of writing sources. "
    "A site: print the import report as JSON (without -o, write nothing).",
)
@click.option(
    "--normalize-punctuation",
    is_flag=True,
    help="Make half-width : , ; ( ) ? ! in Chinese text full-width.",
)
@click.option(
    "--overwrite",
    is_flag=True,
    help="Replace sources that already exist in DIR (and, for a site, its publish.yaml).",
)
@click.option(
    "--title", default="", metavar="TEXT", help="The collection title (default: the site's name)."
)
@click.option(
    "--publisher", default="", help="The collection's publisher (default: the site's name)."
)
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="DATE",
    help="A site: only articles of this day (YYYY-MM-DD) or later.",
)
@click.option(
    "--until",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="DATE",
    help="A site: only articles of this day (YYYY-MM-DD) or earlier.",
)
@click.option(
    "--category",
    default="",
    metavar="PATH",
    help="A site: only articles in this category or below it, such as 政务公开/领导活动.",
)
@_fails_cleanly
def import_(
    pages: tuple[Path, ...],
    out: Path | None,
    as_json: bool,
    normalize_punctuation: bool,
    overwrite: bool,
    title: str,
    publisher: str,
    since: datetime | None,
    until: datetime | None,
    category: str,
) -> None:
    """Turn saved web pages (plain text or HTML, any Chinese encoding) into article sources.

    PAGES are saved pages, each becoming DIR/<name>.md, or one folder: a saved site (a
    browser's, wget --mirror's or httrack's), whose article pages are imported, list pages and
    duplicates skipped. Images the articles show are copied into DIR/images/, and DIR gets a
    publish.yaml (unless it has one), so `publish build DIR` works next. Pages that cannot be
    imported are reported one line each (exit status 2); the others are imported.
    """
    if len(pages) == 1 and pages[0].is_dir():
        _import_site(
            pages[0],
            out,
            as_json,
            title=title,
            publisher=publisher,
            since=since,
            until=until,
            category=category,
            normalize_punctuation=normalize_punctuation,
            overwrite=overwrite,
        )
        return
    if since or until or category:
        raise click.UsageError("--since, --until and --category select part of a saved site")
    from .errors import SourceError
    from .importer import import_pages
    from .serialize import article_data

    if (out is None) == (not as_json):
        raise click.UsageError("give either -o DIR (write sources) or --json (print them)")
    with _progress() as report:
        result = import_pages(
            pages,
            out,
            normalize_punctuation=normalize_punctuation,
            overwrite=overwrite,
            progress=report,
            title=title,
            publisher=publisher,
        )
    if as_json:
        data = [article_data(a) for a in result.articles]
        if len(pages) == 1 and data:
            click.echo(json.dumps(data[0], ensure_ascii=False, indent=2))
        elif data:
            click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    for path in result.written:
        click.echo(str(path))
    if result.manifest is not None:
        click.echo(str(result.manifest))
    if result.problems:
        raise SourceError(result.problems)


def _import_site(
    site: Path,
    out: Path | None,
    as_json: bool,
    *,
    since: datetime | None,
    until: datetime | None,
    category: str,
    **options: Any,
) -> None:
    """`publish import SITE_DIR`: the whole saved site, then its report."""
    from .errors import SourceError
    from .importer.site import Selection, import_site

    if out is None and not as_json:
        raise click.UsageError("give -o DIR (write sources) or --json (print the report)")
    selection = Selection(
        since.date() if since else None,
        until.date() if until else None,
        tuple(part.strip() for part in re.split(r"[/>／＞]", category) if part.strip()),
    )
    with _progress() as report:
        result = import_site(site, out, selection=selection, progress=report, **options)
    log = logging.getLogger("publish.importer")
    for warning in result.warnings:
        log.warning("%s", warning)
    if as_json:
        click.echo(json.dumps(result.data(), ensure_ascii=False, indent=2))
    else:
        click.echo(result.summary())
        if result.manifest is not None:
            click.echo(str(result.manifest))
    if result.failed:
        raise SourceError(result.failed)
