"""Each article as a PDF of its own (`per_article`, print on demand): laid out alone, whole,
with its own title and identifier, and the same bytes however many processes made it."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from publish.cli import main
from publish.model import plain_text, reading_order
from publish.pipeline import build, load

from .conftest import READER, SEED, Built, squash


def _built(path: Path) -> Built:
    project = load(READER)
    return Built(path, None, project.collection, project.settings)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("per-article")
    return build(READER, out, formats="pdf", pdf={"per_article": True})


def test_one_pdf_per_article_beside_the_collections(written: list[Path]) -> None:
    out = written[0].parent
    collection = load(READER).collection
    assert sorted(p.relative_to(out).as_posix() for p in written) == sorted(
        ["community-reader.pdf"]
        + [f"community-reader-articles/{a.slug}.pdf" for a in collection.articles]
    )


def test_each_holds_its_whole_article_titled_and_numbered_from_one(written: list[Path]) -> None:
    out = written[0].parent
    for article in load(READER).collection.articles:
        pdf = _built(out / "community-reader-articles" / f"{article.slug}.pdf")
        assert pdf.info["Title"] == article.title_text
        assert pdf.info["Tagged"] == "yes"
        body = Counter(squash("".join(pdf.text(p, body=True) for p in range(1, pdf.pages + 1))))
        article_characters = Counter(squash("".join(map(plain_text, reading_order(article)))))
        assert not article_characters - body  # every character of the article, tables too
        assert pdf.footer(1) == "1"
        assert pdf.footer(pdf.pages) == str(pdf.pages)
        # No cover or contents: the first page begins with the article's title.
        assert squash(pdf.text(1)).startswith(squash(article.title_text)[:4])


def test_each_has_a_document_id_of_its_own_for_the_press(tmp_path: Path) -> None:
    """PDF/X-4 files carry an XMP document ID, which print workflows key jobs by."""
    from pypdf import PdfReader

    press = {"per_article": True, "variant": "pdf/x-4"}
    written = build(READER, tmp_path, formats="pdf", pdf=press)
    ids = set()
    for path in written:
        metadata = PdfReader(path).trailer["/Root"]["/Metadata"].get_object().get_data()
        ids.update(re.findall(rb"xmp\.did:[0-9a-f-]{36}", metadata))
    assert len(ids) == len(written)
    again = build(READER, tmp_path / "again", formats="pdf", pdf=press)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in written]


def test_the_same_bytes_from_one_process_or_two(
    written: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PUBLISH_PROCESSES", "1")
    again = build(READER, tmp_path, formats="pdf", pdf={"per_article": True})
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in written]


@pytest.mark.slow  # lays out PDFs through the command line, which conftest cannot see
def test_the_command_line_flag_writes_them(tmp_path: Path) -> None:
    source = SEED / "articles"
    article = next(source.glob("*.md"))
    result = CliRunner().invoke(
        main, ["build", str(READER), "-f", "pdf", "-o", str(tmp_path / "reader"), "--per-article"]
    )
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "reader" / "community-reader-articles").glob("*.pdf"))) == 6
    # A single article's PDF is already its own: no folder beside it.
    result = CliRunner().invoke(
        main, ["build", str(article), "-f", "pdf", "-o", str(tmp_path / "one"), "--per-article"]
    )
    assert result.exit_code == 0, result.output
    shown = [p.suffix for p in (tmp_path / "one").iterdir() if not p.name.startswith(".")]
    assert shown == [".pdf"]  # beside the build cache (.cache)


def test_a_rebuild_lays_out_only_the_changed_article(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import logging
    import shutil

    project = tmp_path / "reader"
    shutil.copytree(READER, project)
    caplog.set_level(logging.INFO, logger="publish")

    def made() -> int:
        line = [r.getMessage() for r in caplog.records if "Cache:" in r.getMessage()][-1]
        return int(line.split(", ")[1].split()[0])

    out = tmp_path / "out"
    first = build(project, out, formats="pdf", pdf={"per_article": True})
    before = {path: path.read_bytes() for path in first}
    build(project, out, formats="pdf", pdf={"per_article": True})
    assert made() == 0
    assert {path: path.read_bytes() for path in first} == before
    edited = project / "articles" / "02-jieqi.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n又及。\n", encoding="utf-8")
    build(project, out, formats="pdf", pdf={"per_article": True})
    # Only the changed article's own PDF is laid out (the collection's is short); its source
    # as read and its characters are made again too.
    assert made() == 3
    changed = {path for path in first if path.read_bytes() != before[path]}
    assert {path.name for path in changed} == {"reader.pdf", "02-jieqi.pdf"}
