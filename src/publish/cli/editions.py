"""The commands that make or check editions: `build`, `serve` and `check`.

Each takes its settings' options from `cli.options` and hands them to the API (`pipeline.build`,
`serve.SiteServer`, `pipeline.check`); the pipeline is imported when a command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import PublishError
from .options import Command, given_settings, setting_option, setting_options
from .reporting import articles, fails_cleanly, progress


def _edition_options(command: Command) -> Command:
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
            setting_options(
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


@click.command()
@_edition_options
@setting_options(
    "formats",
    "paper",
    "sandhi",
    "strict",
    "pdf.bleed",
    "pdf.marks",
    "pdf.variant",
    "pdf.color",
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
@fails_cleanly
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
    from ..pipeline import build as run_build

    with progress() as report:
        written = run_build(
            source,
            out,
            progress=report,
            trust_layouts=trust_layouts,
            workers=workers,
            scheduler=scheduler,
            cache=False if no_cache else cache_folder or True,
            **given_settings(flags),
        )
    for path in written:
        click.echo(str(path))


@click.command()
@_edition_options
@click.option(
    "-p",
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0 picks a free one).",
)
@fails_cleanly
def serve(source: Path, out: Path | None, port: int, trust_layouts: bool, **flags: Any) -> None:
    """Build the HTML site, serve it on 127.0.0.1 and rebuild it when a source changes."""
    from ..serve import SiteServer

    options = {**given_settings(flags), "trust_layouts": trust_layouts}
    server = SiteServer(
        source, out, port=port, options=options, report=lambda line: click.echo(line, err=True)
    )
    # Ctrl+C is how a preview is stopped, whenever it comes: during the first build, or
    # between the "serving" line and the watch (a loaded machine may run the reader of that
    # line before this process reaches the watch).
    try:
        url = server.start()
        click.echo(f"serving {url} (Ctrl+C to stop)")
        server.watch()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


@click.command()
@click.argument("source", default=".", type=click.Path(path_type=Path))
@setting_option("strict", help="Fail on characters the font does not cover.")
@setting_option("font", help="Check coverage against this family: sans, serif or kai.")
@click.option(
    "--pinyin-report",
    is_flag=False,
    flag_value="-",
    default=None,
    metavar="[FILE]",
    help="List the readings to proofread, riskiest first: a table, or CSV to FILE.csv.",
)
@click.option(
    "--min-risk",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    metavar="R",
    help="Leave readings at risk under R (0 to 1) out of the proof list.",
)
@setting_option("script", help="Check the edition in these characters: traditional, tw or hk.")
@fails_cleanly
def check(source: Path, pinyin_report: str | None, min_risk: float, **flags: Any) -> None:
    """Run every check a build would run (sources, layouts, font coverage, each format's
    own checks), reporting every problem; write nothing but the pinyin proof list asked for."""
    from ..pipeline import check as run_checks
    from ..pipeline import load

    out = None if pinyin_report in (None, "-") else Path(pinyin_report)
    if out is not None and out.is_dir():
        # click gives an optional value the next word: `check --pinyin-report DIR`
        raise PublishError(
            f"--pinyin-report {out}: a folder, not a file to write: put the collection "
            "first (publish check DIR --pinyin-report [FILE])"
        )
    project = load(source)
    given = {key: value for key, value in given_settings(flags).items() if value is not None}
    run_checks(project, **given)
    if pinyin_report is not None:
        from ..pinyin.proof import proof_list, write_report

        settings = project.settings.updated(given)
        click.echo(write_report(proof_list(project.collection, settings), out, min_risk))
    click.echo(f"ok: {articles(len(project.collection.articles))} in {project.collection.title}")
