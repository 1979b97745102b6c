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
from .config import OPTIONS, PINYIN_STYLES
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


def _setting_option(path: str, help: str = "") -> Callable[[F], F]:
    """The click option of the setting at `path` (`size`, `pdf.bleed`), as its field declares
    it (`config.Option`); `help` where a command uses the setting for something else (check's
    --font). Not given, it is None, which leaves the manifest's value."""
    option = OPTIONS[path]
    # A switch not given is None too (click's own default for a flag is False).
    kind = {"is_flag": True, "default": None} if option.switch else {"type": option.value_type}
    return click.option(*option.flags, _destination(path), help=help or option.help, **kind)


def _setting_options(*paths: str) -> Callable[[F], F]:
    """The click options of these settings, in this order."""

    def decorate(command: F) -> F:
        for path in reversed(paths):
            command = _setting_option(path)(command)
        return command

    return decorate


def _destination(path: str) -> str:
    """The command's parameter for the setting at `path` (`pdf_bleed`)."""
    return path.replace(".", "_")


def _given_settings(flags: dict[str, Any]) -> dict[str, Any]:
    """Take the settings out of a command's `flags`, nested as a manifest's `output:`
    (`{"size": "大", "pdf": {"bleed": "3mm"}}`; None where a flag was not given). A flag sets
    every setting declared with its option (--per-article: the PDF's and the EPUB's)."""
    given = {
        OPTIONS[path].flags: flags.pop(_destination(path))
        for path in OPTIONS
        if _destination(path) in flags
    }
    settings: dict[str, Any] = {}
    for path, option in OPTIONS.items():
        if option.flags in given:
            *section, key = path.split(".")
            place = settings.setdefault(section[0], {}) if section else settings
            place[key] = given[option.flags]
    return settings


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
            _setting_options(
                "size",
                "font",
                "pinyin",
                "pinyin_scale",
                "script",
                "regional_words",
                "reading",
                "html.pinyin_words",
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
@_setting_options(
    "formats",
    "paper",
    "sandhi",
    "strict",
    "pdf.bleed",
    "pdf.marks",
    "pdf.variant",
    "pdf.facing",
    "pdf.recto_start",
    "pdf.booklet",
    "pdf.margins",
    "epub.embed_font",
    "pdf.per_article",
    "braille.system",
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
def build(
    source: Path,
    out: Path | None,
    trust_layouts: bool,
    cache_folder: Path | None,
    no_cache: bool,
    workers: int | None,
    scheduler: str | None,
    **flags: Any,
) -> None:
    """Build the PDF, EPUB and HTML (and braille) editions of a collection (or one .md article)."""
    from .pipeline import build as run_build

    with _progress() as report:
        written = run_build(
            source,
            out,
            progress=report,
            trust_layouts=trust_layouts,
            workers=workers,
            scheduler=scheduler,
            cache=False if no_cache else cache_folder or True,
            **_given_settings(flags),
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
def serve(source: Path, out: Path | None, port: int, trust_layouts: bool, **flags: Any) -> None:
    """Build the HTML site, serve it on 127.0.0.1 and rebuild it when a source changes."""
    from .serve import SiteServer

    options = {**_given_settings(flags), "trust_layouts": trust_layouts}
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
@_setting_option("strict", help="Fail on characters the font does not cover.")
@_setting_option("font", help="Check coverage against this family: sans, serif or kai.")
@click.option(
    "--pinyin-report",
    is_flag=False,
    flag_value="-",
    default=None,
    metavar="[FILE]",
    help="List the readings to proofread, riskiest first: a table, or CSV to FILE.csv.",
)
@_setting_option("script", help="Check the edition in these characters: traditional, tw or hk.")
@_fails_cleanly
def check(source: Path, pinyin_report: str | None, **flags: Any) -> None:
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
    given = {key: value for key, value in _given_settings(flags).items() if value is not None}
    run_checks(project, **given)
    if pinyin_report is not None:
        from .pinyin.proof import proof_list, write_report

        settings = project.settings.updated(given)
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
    type=click.Choice(list(PINYIN_STYLES)),
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
