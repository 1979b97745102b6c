"""`publish import SITE_DIR -o DIR` on three saved sites of different CMSs, then `publish build`.

The sites are made by `tests/importer/sites.py`: list and paging pages, print twins, images
with captions, GBK/GB2312 and UTF-8 parts, a page with broken bytes and missing images each.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from publish.importer import source_names
from publish.model import Article, Figure, plain_text, walk_blocks
from publish.pipeline import load
from tests.builders.epub.conftest import ace, ace_violations, epubcheck
from tests.conftest import EXAMPLES
from tests.conftest import run_publish as run
from tests.importer.pages import PROSE, article, save
from tests.importer.sites import SITES, Expected


@pytest.fixture(scope="module", params=sorted(SITES))
def imported(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, Expected, dict, str]:
    """(site, DIR, what it should give, the --json report, stderr) of one site's import."""
    folder = tmp_path_factory.mktemp(request.param)
    site = folder / "site"
    expected = SITES[request.param](site)
    out = folder / "out"
    result = run("import", site, "-o", out, "--json")
    assert result.returncode == 2, result.stderr
    return site, out, expected, json.loads(result.stdout), result.stderr


def test_the_report_counts_every_page(imported: tuple[Path, Path, Expected, dict, str]) -> None:
    _, out, expected, report, _ = imported
    assert report["pages"] == expected.pages
    assert report["articles"] == len(expected.articles)
    assert report["list_pages"] == expected.listings
    assert report["duplicates"] == expected.duplicates
    assert report["unselected"] == 0
    assert report["failed"] == len(expected.failed)
    assert [Path(f["page"]).name for f in report["failures"]] == list(expected.failed)
    assert all("bytes that no Chinese encoding can read" in f["reason"] for f in report["failures"])
    assert report["manifest"] == str(out / "publish.yaml")


def test_one_error_line_per_failed_page_and_a_warning_per_missing_image(
    imported: tuple[Path, Path, Expected, dict, str],
) -> None:
    _, _, expected, _, stderr = imported
    lines = stderr.splitlines()
    errors = [line for line in lines if line.startswith("error: ")]
    assert [e.split(":")[1].rsplit("/", 1)[-1] for e in errors] == list(expected.failed)
    warnings = [line for line in lines if line.startswith("warning: ")]
    assert len(warnings) == len(expected.missing)
    for url, warning in zip(expected.missing, warnings, strict=True):
        assert f"image {url} is not in the saved site (nothing is downloaded): left out" in warning
    assert len(lines) == len(errors) + len(warnings)


def test_articles_categories_and_dates(imported: tuple[Path, Path, Expected, dict, str]) -> None:
    _, out, expected, _, _ = imported
    collection = load(out).collection
    found = {
        a.slug: (
            a.title_text,
            a.category,
            a.date.date().isoformat() if a.date else "",
            a.date_guessed,
        )
        for a in collection.articles
    }
    assert found == expected.articles
    # publish.yaml: the site's name, the articles in date order.
    manifest = yaml.safe_load((out / "publish.yaml").read_text(encoding="utf-8"))
    assert manifest["title"] == expected.title
    assert manifest["publisher"] == expected.title
    dates = [a.date for a in collection.articles]
    assert dates == sorted(dates)  # type: ignore[type-var]
    assert manifest["articles"] == [f"{a.slug}.md" for a in collection.articles]


def test_images_and_captions(imported: tuple[Path, Path, Expected, dict, str]) -> None:
    _, out, expected, _, _ = imported
    collection = load(out).collection
    figures = {
        a.slug: tuple(
            (b.alt, plain_text(b.caption)) for b in walk_blocks(a.blocks) if isinstance(b, Figure)
        )
        for a in collection.articles
    }
    assert {k: v for k, v in figures.items() if v} == expected.figures
    copied = sorted((out / "images").iterdir())
    assert len(copied) == expected.images  # one file per content: copies of a photo are one
    used = {
        b.image for a in collection.articles for b in walk_blocks(a.blocks) if isinstance(b, Figure)
    }
    assert {p.resolve() for p in copied} <= used


def test_the_result_builds_and_passes_epubcheck_and_ace(
    imported: tuple[Path, Path, Expected, dict, str], tmp_path: Path
) -> None:
    _, out, _, _, _ = imported
    result = run("build", out, "-f", "epub", "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    (book,) = tmp_path.glob("*.epub")
    assert epubcheck(book) == []
    assert ace_violations(ace(book, tmp_path / "ace")) == []


def test_the_trs_article_keeps_bold_links_and_address_lines(tmp_path: Path) -> None:
    site = tmp_path / "site"
    SITES["trs"](site)
    out = tmp_path / "out"
    run("import", site, "-o", out)
    visit = (out / "t20181116-5124.md").read_text(encoding="utf-8")
    assert "带队到**长春绿园经济开发区**调研" in visit
    # A link to another imported article points at its source; a web link is kept; a link to a
    # list page of the mirror is dropped, its text kept.
    assert (
        "详见[上周的调研](t20181110-5100.md)和[吉林省人民政府网站](http://www.jl.gov.cn/)。"
        in visit
    )
    assert "察看了多个项目的配套设施" in visit
    notice = (out / "t20181120-5130.md").read_text(encoding="utf-8")
    assert "地址：绿园区青年路1399号\\\n电话：0431-87654321\\\n邮编：130062\n" in notice
    # Tables come through as a single page's do.
    assert "| 窗口 | 办理事项 |\n|---|---|\n| 1号 | 企业开办 |\n| 2号 | 社保医保 |\n" in notice


def test_a_guessed_date_is_flagged_by_inspect(tmp_path: Path) -> None:
    site = tmp_path / "site"
    SITES["article"](site)
    out = tmp_path / "out"
    run("import", site, "-o", out)
    result = run("inspect", out)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    flagged = lines.index("- 端午节闭馆通知 [20190601-closing]") + 1
    assert (
        lines[flagged] == "    date 2019-06-01 guessed from the page's URL (date_guessed): check it"
    )
    assert sum("guessed" in line for line in lines) == 1


@pytest.mark.parametrize(
    ("options", "slugs", "unselected"),
    [
        (["--since", "2018-11-15"], {"t20181116-5124", "t20181120-5130"}, 1),
        (["--until", "2018-11-15"], {"t20181110-5100"}, 2),
        (["--category", "政务公开/通知公告"], {"t20181120-5130"}, 2),
        (["--category", "通知公告"], {"t20181120-5130"}, 2),
        (["--category", "通知"], set(), 3),
        (
            ["--category", "政务公开", "--since", "2018-11-11", "--until", "2018-11-19"],
            {"t20181116-5124"},
            2,
        ),
    ],
)
def test_part_of_an_archive(
    tmp_path: Path, options: list[str], slugs: set[str], unselected: int
) -> None:
    site = tmp_path / "site"
    SITES["trs"](site)
    result = run("import", site, "-o", tmp_path / "out", "--json", *options)
    report = json.loads(result.stdout)
    assert report["unselected"] == unselected
    assert {Path(i["source"]).stem for i in report["imported"]} == slugs
    assert {p.stem for p in (tmp_path / "out").glob("*.md")} == slugs


def test_json_without_an_output_folder_writes_nothing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    SITES["table"](site)
    before = sorted(site.rglob("*"))
    result = run("import", site, "--json", cwd=tmp_path)
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["articles"] == 2
    assert report["manifest"] is None
    assert sorted(site.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_summary_line_and_an_existing_manifest(tmp_path: Path) -> None:
    site = tmp_path / "site"
    SITES["table"](site)
    out = tmp_path / "out"
    first = run("import", site, "-o", out, "--title", "青山教育文集")
    assert first.stdout.splitlines() == [
        "6 pages: 2 articles imported, 2 list pages and 1 duplicates skipped, "
        "0 outside the selection, 1 failed",
        str(out / "publish.yaml"),
    ]
    assert yaml.safe_load((out / "publish.yaml").read_text(encoding="utf-8"))["title"] == (
        "青山教育文集"
    )
    # Again into the same folder: nothing replaced unasked, each source reported once.
    again = run("import", site, "-o", out)
    assert again.returncode == 2
    assert sum("already exists: not replaced" in line for line in again.stderr.splitlines()) == 2
    assert "青山教育文集" in (out / "publish.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", ["missing", "empty"])
def test_a_folder_without_pages(tmp_path: Path, bad: str) -> None:
    folder = tmp_path / "site"
    if bad == "empty":
        folder.mkdir()
        (folder / "robots.txt").write_text("User-agent: *\nDisallow:\n")
        (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    result = run("import", folder, "-o", tmp_path / "out", cwd=tmp_path)
    assert result.returncode == 2
    if bad == "empty":
        assert result.stderr == (
            "error: site: no saved web pages (.html, .htm, .shtml, .txt ...) in this folder\n"
        )
    assert not (tmp_path / "out").exists()


def test_pages_named_as_the_outputs_own_files_get_sources_a_build_takes(tmp_path: Path) -> None:
    """A site's home page saved as index.html (or a page named style.html) once became
    index.md, which every build then refused as a reserved slug."""
    site = tmp_path / "site"
    site.mkdir()
    for name in ("index.html", "style.html", "news.html"):
        save(site, article(f"<p>{PROSE}</p><p>{name}</p>"), name)
    out = tmp_path / "out"
    result = run("import", site, "-o", out)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.glob("*.md")) == ["index-page.md", "news.md", "style-page.md"]
    assert run("check", out).returncode == 0


def test_source_names_are_numbered_when_pages_share_one() -> None:
    pages = [Path("a/index.html"), Path("b/index.html"), Path("a/x.html"), Path("b/x.html")]
    assert source_names(pages) == ["index-page", "index-page-2", "x", "x-2"]


def test_a_site_publish_built_imports_as_its_articles(tmp_path: Path) -> None:
    # The round trip: the home page of a small site (six entries, each with its date and
    # source line) was imported as a seventh article.
    built = tmp_path / "built"
    source = EXAMPLES / "community-reader"
    assert run("build", source, "-o", built, "--format", "html").returncode == 0
    result = run("import", built / "html", "-o", tmp_path / "again", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["articles"], report["list_pages"]) == (6, 1)
    original = load(source).collection.articles
    again = load(tmp_path / "again").collection.articles
    assert sorted(map(_title, again)) == sorted(map(_title, original))


def _title(article: Article) -> str:
    return plain_text(article.title)
