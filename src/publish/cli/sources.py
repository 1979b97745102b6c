"""The commands about sources: `new` (a collection to start from), `inspect` (how a source
was understood) and `import` (saved web pages and sites into sources).

The importer and the model are imported when a command runs.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from .reporting import articles, fails_cleanly, progress


@click.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--title", default="我的文集", show_default=True, help="The collection title.")
@fails_cleanly
def new(folder: Path, title: str) -> None:
    """Create a collection folder that builds, with one article to start from."""
    from ..scaffold import scaffold

    for path in scaffold(folder, title):
        click.echo(str(path))


@click.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the parsed model as JSON.")
@fails_cleanly
def inspect(source: Path, as_json: bool) -> None:
    """Show how a source (an article or a collection) was understood."""
    from ..model import Interview, iter_inlines, plain_text
    from ..pipeline import load
    from ..serialize import article_data, collection_data

    project = load(source)
    collection = project.collection
    single = source.suffix.lower() in {".md", ".markdown"}
    if as_json:
        data = article_data(collection.articles[0]) if single else collection_data(collection)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{collection.title} ({articles(len(collection.articles))})")
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


@click.command("import")
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
@fails_cleanly
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
    from ..errors import SourceError
    from ..importer import import_pages
    from ..serialize import article_data

    if (out is None) == (not as_json):
        raise click.UsageError("give either -o DIR (write sources) or --json (print them)")
    with progress() as report:
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
    from ..errors import SourceError
    from ..importer.site import Selection, import_site

    if out is None and not as_json:
        raise click.UsageError("give -o DIR (write sources) or --json (print the report)")
    selection = Selection(
        since.date() if since else None,
        until.date() if until else None,
        tuple(part.strip() for part in re.split(r"[/>／＞]", category) if part.strip()),
    )
    with progress() as report:
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
