"""Long collections laid out in parts by several processes give the PDF one process would."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from publish.builders.pdf import parts
from publish.builders.pdf.geometry import MM_PER_PT
from publish.model import Article, Paragraph, Text
from tests.builders.pdf.conftest import READER, Built, build_pdf
from tests.builders.pdf.test_press import PURE_BLACK, painted
from tests.conftest import require_tool

ARTICLES = 14


@pytest.fixture(scope="module")
def long_collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The community reader's articles, each several times over, as a 14-article collection."""
    project = tmp_path_factory.mktemp("long") / "collection"
    shutil.copytree(READER, project)
    sources = sorted((project / "articles").glob("*.md"))
    texts = [path.read_text(encoding="utf-8") for path in sources]
    for path in sources:
        path.unlink()
    for number in range(ARTICLES):
        text = texts[number % len(texts)]
        text = re.sub(
            r"^title: (.*)$", rf"title: \1（第{number + 1}篇）", text, count=1, flags=re.M
        )
        text = re.sub(r"^slug: .*\n", "", text, flags=re.M)
        (project / "articles" / f"{number + 1:02d}.md").write_text(text, encoding="utf-8")
    manifest = project / "publish.yaml"
    manifest.write_text(
        re.sub(
            r"articles:\n(  - .*\n)+",
            "articles:\n  - articles/*.md\n",
            manifest.read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )
    return project


@pytest.fixture(scope="module")
def both(long_collection: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, Built]:
    mp = pytest.MonkeyPatch()
    try:
        two = build_pdf(long_collection, tmp_path_factory.mktemp("two"))
        mp.setenv("PUBLISH_PROCESSES", "1")
        one = build_pdf(long_collection, tmp_path_factory.mktemp("one"))
    finally:
        mp.undo()
    for built in (two, one):
        assert [w for w in built.warnings if "not in the edition's font" not in w] == []
    return two, one


def test_long_collections_use_two_processes(long_collection: Path) -> None:
    from publish.builders import Edition
    from publish.builders.pdf.geometry import geometry
    from publish.layouts import environment
    from publish.parallel import cores
    from publish.pipeline import load

    project = load(long_collection)
    settings = project.settings.updated({"formats": "pdf"})
    edition = Edition(project.collection, settings, environment())
    geo = geometry(settings)
    assert parts.usable(edition, geo) == (cores() >= 2)
    facing = settings.updated({"pdf": {"facing": True}})
    assert not parts.usable(Edition(project.collection, facing, environment()), geometry(facing))


def test_parts_are_consecutive_balanced_and_bounded(long_collection: Path) -> None:
    from publish.model import visible_text
    from publish.pipeline import load

    articles = load(long_collection).collection.articles
    runs = parts.split(articles)
    assert [a for run in runs for a in run] == list(articles)
    sizes = [sum(len(visible_text(a)) for a in run) for run in runs]
    assert len(runs) == 2 and max(sizes) < 1.5 * min(sizes)
    weights = {a.slug: len(visible_text(a)) + 200 for a in articles}  # an article's own cost
    total = sum(weights.values())
    fifths = parts.split(articles, part_characters=total // 5 + 1)
    assert [a for part in fifths for a in part] == list(articles)
    assert len(fifths) >= 5
    assert all(sum(weights[a.slug] for a in part) <= total // 5 + 1 for part in fifths)


def _articles(lengths: list[int]) -> list[Article]:
    return [
        Article(f"a{n:04d}", (Text(f"第{n}篇"),), (Paragraph((Text("字" * size),)),), Path())
        for n, size in enumerate(lengths)
    ]


def test_an_edit_moves_no_cut_but_those_near_it() -> None:
    """A long collection is cut where its content says, so that after one article grows (a
    paragraph added) the parts before it and, a little after it, every later part are the
    ones laid out before: a rebuild lays out the edited part again, not all that follow."""
    lengths = [900 + (n * 7919) % 900 for n in range(1000)]  # 900 to 1,799 characters
    before = parts.split(_articles(lengths))
    slugs = [[a.slug for a in part] for part in before]
    assert 10 <= len(before) <= 40
    assert all(
        sum(lengths[int(s[1:])] + 200 for s in part) <= parts.PART_CHARACTERS for part in slugs
    )
    for edited in (1, 400, 998):
        grown = list(lengths)
        grown[edited] += 600
        after = [[a.slug for a in part] for part in parts.split(_articles(grown))]
        changed = [part for part in after if part not in slugs]
        assert len(changed) <= 2, (edited, len(changed))
        assert any(f"a{edited:04d}" in part for part in changed) or len(changed) == 0


def test_the_text_is_the_same(both: tuple[Built, Built]) -> None:
    two, one = both
    assert two.pages == one.pages
    assert two.text() == one.text()


def test_page_starts_are_the_same(both: tuple[Built, Built]) -> None:
    two, one = both
    assert two.output.print_pages == one.output.print_pages


def test_the_contents_point_at_each_article(both: tuple[Built, Built]) -> None:
    two, _ = both
    starts = {p.article: p.label for p in two.output.print_pages if p.offset == 0}
    contents = two.text(2) + two.text(3)
    for article in two.collection.articles:
        line = next(line for line in contents.splitlines() if article.title_text in line)
        assert line.rstrip().endswith(starts[article.slug]), line
        assert two.footer(int(starts[article.slug])) == starts[article.slug]
    # The contents' links open the articles' first pages.
    reader = two.reader
    destinations = reader.named_destinations
    for article in two.collection.articles:
        page = reader.get_destination_page_number(destinations[article.slug]) + 1
        assert str(page) == starts[article.slug]


def test_bookmarks_are_the_same(both: tuple[Built, Built]) -> None:
    def outline(built: Built) -> list[tuple[int, str, int]]:
        reader = built.reader
        found: list[tuple[int, str, int]] = []

        def walk(items: list, depth: int) -> None:  # type: ignore[type-arg]
            for item in items:
                if isinstance(item, list):
                    walk(item, depth + 1)
                else:
                    found.append((depth, item.title, reader.get_destination_page_number(item)))

        walk(reader.outline, 0)
        return found

    two, one = both
    assert outline(two) == outline(one)
    assert len(outline(two)) > ARTICLES


def test_the_tags_are_one_tree(both: tuple[Built, Built]) -> None:
    two, one = both
    assert two.info["Tagged"] == "yes"
    with pikepdf.open(two.path) as merged, pikepdf.open(one.path) as single:
        assert merged.check_pdf_syntax() == []  # qpdf finds no syntax or stream errors
        tree, reference = merged.Root.StructTreeRoot, single.Root.StructTreeRoot
        assert len(tree.K) == 1 and tree.K[0].S == "/Document"
        kinds = [str(kid.S) for kid in tree.K[0].K]
        assert kinds == [str(kid.S) for kid in reference.K[0].K]
        assert kinds.count("/Art") >= ARTICLES  # WeasyPrint tags an article once per page
        # Every page and every link annotation has its entry in the parent tree.
        nums = tree.ParentTree.Nums
        keys = {int(nums[i]) for i in range(0, len(nums), 2)}
        for page in merged.pages:
            assert int(page.obj.StructParents) in keys
            for annotation in page.obj.get("/Annots", []):
                assert int(annotation.StructParent) in keys
        assert int(tree.ParentTreeNextKey) > max(keys)
        # Table header ids are unique once the runs are merged.
        ids: list[str] = []
        stack = list(tree.K)
        while stack:
            element = stack.pop()
            if isinstance(element, pikepdf.Dictionary):
                if "/ID" in element:
                    ids.append(str(element.ID))
                kids = element.get("/K")
                if isinstance(kids, pikepdf.Array):
                    stack.extend(kids)
        assert ids and len(ids) == len(set(ids))


def test_every_font_is_embedded(both: tuple[Built, Built]) -> None:
    two, _ = both
    rows = subprocess.run(
        [require_tool("pdffonts"), str(two.path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)


def test_the_same_sources_give_the_same_bytes(
    both: tuple[Built, Built], long_collection: Path, tmp_path: Path
) -> None:
    two, _ = both
    again = build_pdf(long_collection, tmp_path)
    assert again.path.read_bytes() == two.path.read_bytes()


def test_the_press_edition_in_parts_is_cmyk_throughout_and_reproducible(
    long_collection: Path, tmp_path: Path
) -> None:
    """Parts joined (on two cores or more: test_long_collections_use_two_processes) keep the
    front's FOGRA39 intent and claims; every part's pages are black ink with sRGB as their
    DefaultRGB, all sharing one copy of each profile; a second build gives the same bytes."""
    press = {"variant": "pdf/x-4"}
    built = build_pdf(long_collection, tmp_path / "first", pdf=press)
    with pikepdf.open(built.path) as pdf:
        assert str(pdf.Root.OutputIntents[0].OutputConditionIdentifier) == "FOGRA39"
        assert b'pdfuaid:part="1"' in pdf.Root.Metadata.read_bytes()
        assert {colour for what, colour in painted(pdf) if what == "text"} == {PURE_BLACK}
        assert all("/DefaultRGB" in page.Resources.ColorSpace for page in pdf.pages)
        profiles = {
            space[1].objgen
            for page in pdf.pages
            for space in page.Resources.ColorSpace.values()
            if isinstance(space, pikepdf.Array) and space[0] == "/ICCBased"
        }
        assert len(profiles) == 2  # FOGRA39 (the output intent's) and sRGB, once each
        assert pdf.Root.OutputIntents[0].DestOutputProfile.objgen in profiles
    again = build_pdf(long_collection, tmp_path / "again", pdf=press)
    assert again.path.read_bytes() == built.path.read_bytes()


def test_an_article_whose_text_opens_with_an_invisible_character_starts_its_page(
    long_collection: Path, tmp_path: Path
) -> None:
    """A title that opens with a zero-width space (as pasted text may) is first found on its
    page at offset 1, not 0: its part still knows where it starts (the 10,000-article PDF
    failed with a KeyError on one such article, 2026-12-04)."""
    project = tmp_path / "collection"
    shutil.copytree(long_collection, project)
    edited = project / "articles" / "07.md"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("title: ", "title: \u200b", 1), encoding="utf-8")
    two = build_pdf(project, tmp_path / "two")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PUBLISH_PROCESSES", "1")
        one = build_pdf(project, tmp_path / "one")
    assert two.output.print_pages == one.output.print_pages
    assert (two.pages, two.text()) == (one.pages, one.text())


def test_the_archival_edition_in_parts_meets_every_pdf_a_2b_rule(
    long_collection: Path, tmp_path: Path
) -> None:
    """Joined parts claim PDF/A-2b and hold to it (page-validation): the reader's photograph
    is not interpolated and the XMP stays uncompressed through the join, and no stream ends
    in a carriage return (one in 256 would: test_press.py makes one)."""
    from page import ValidationProfile, validate_pdf

    built = build_pdf(long_collection, tmp_path, pdf={"variant": "pdf/a-2b"})
    report = validate_pdf(str(built.path), profile=ValidationProfile.PDF_A_2B)
    assert [f"{f.rule_id}: {f.message}" for f in report.failures] == []
    assert b"\r\nendstream" not in built.path.read_bytes()


@pytest.mark.parametrize("processes", ["2", "3"])
def test_many_parts_give_the_same_bytes_on_any_number_of_processes(
    both: tuple[Built, Built],
    long_collection: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    processes: str,
) -> None:
    """Five parts, each laid out after the earlier ones have counted their pages, by two or
    three processes: the same pages, starts and text as one process lays out; the same bytes
    whatever the number of processes."""
    from publish.model import visible_text
    from publish.pipeline import load

    articles = load(long_collection).collection.articles
    total = sum(len(visible_text(a)) + 200 for a in articles)
    monkeypatch.setattr(parts, "PART_CHARACTERS", total // 5 + 1)
    monkeypatch.setenv("PUBLISH_PROCESSES", processes)
    _, one = both
    in_parts = build_pdf(long_collection, tmp_path / "first")
    assert in_parts.pages == one.pages
    assert in_parts.text() == one.text()
    assert in_parts.output.print_pages == one.output.print_pages
    monkeypatch.setenv("PUBLISH_PROCESSES", "2" if processes == "3" else "3")
    other = build_pdf(long_collection, tmp_path / "other")
    assert other.path.read_bytes() == in_parts.path.read_bytes()


def test_a_rebuild_reads_the_parts_that_did_not_change(
    long_collection: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """With the build cache, unchanged parts (and the contents) are read, not laid out, and
    the PDF is the one a build from nothing makes, after an edit too, wherever the parts
    after the edit now start."""
    import logging

    from publish.cache import FOLDER
    from publish.model import visible_text
    from publish.pipeline import build, load

    project = tmp_path / "collection"
    shutil.copytree(long_collection, project)
    articles = load(project).collection.articles
    total = sum(len(visible_text(a)) + 200 for a in articles)
    monkeypatch.setattr(parts, "PART_CHARACTERS", total // 5 + 1)
    caplog.set_level(logging.INFO, logger="publish")

    def made() -> int:
        line = [r.getMessage() for r in caplog.records if "Cache:" in r.getMessage()][-1]
        return int(line.split(", ")[1].split()[0])

    out = tmp_path / "out"
    (pdf,) = build(project, out, formats="pdf", pinyin=True)
    first = pdf.read_bytes()
    build(project, out, formats="pdf", pinyin=True)
    assert made() == 0 and pdf.read_bytes() == first
    # A damaged part in the cache is noticed (its hash) and laid out again.
    payloads = sorted((out / FOLDER / "pdf-laid-out.data").rglob("*"))
    damaged = next(p for p in payloads if p.is_file())
    damaged.write_bytes(damaged.read_bytes()[:-100])
    build(project, out, formats="pdf", pinyin=True)
    assert made() == 1 and pdf.read_bytes() == first
    # A typo fixed in the middle: its part is laid out again, the others and the contents
    # are read (their page numbers did not move).
    edited = project / "articles" / "07.md"
    text = edited.read_text(encoding="utf-8")
    body = text.index("\n---\n") + 5
    edited.write_text(text[:body] + text[body:].replace("。", "！", 1), encoding="utf-8")
    build(project, out, formats="pdf", pinyin=True)
    assert made() == 5  # its source as read, its title, its characters, its readings, its part
    (fresh,) = build(project, tmp_path / "fresh", formats="pdf", pinyin=True, cache=False)
    assert pdf.read_bytes() == fresh.read_bytes() != first
    # A longer edit moves the numbers of the pages after it (and here where the parts after
    # it are cut): the PDF is still the one a build from nothing makes.
    edited.write_text(text + "\n又及：本文有一处修改。\n" * 20, encoding="utf-8")
    build(project, out, formats="pdf", pinyin=True)
    (fresh,) = build(project, tmp_path / "fresh", formats="pdf", pinyin=True, cache=False)
    assert pdf.read_bytes() == fresh.read_bytes()


def test_the_page_numbers_are_artifacts_and_the_pdf_meets_pdf_ua_1(
    both: tuple[Built, Built],
) -> None:
    """The parts are laid out without their page numbers, which the merge draws from the
    digits: as pagination artifacts, which PDF/UA-1's rules accept (page-validation)."""
    from page import ValidationProfile, validate_pdf

    two, one = both
    report = validate_pdf(str(two.path), profile=ValidationProfile.PDF_UA_1)
    assert [f"{f.rule_id}: {f.message}" for f in report.failures] == []
    with pikepdf.open(two.path) as pdf:
        contents = pdf.pages[-1].obj.Contents
        drawn = (contents[0] if isinstance(contents, pikepdf.Array) else contents).read_bytes()
        assert drawn.startswith(b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC")
    # Where one process sets each digit of a number, one digit or several.
    bottom = two.geo.height_mm - two.geo.bottom_mm
    for page in (5, two.pages):
        assert two.footer(page) == str(page)

        def digits(built: Built, page: int = page) -> list[tuple[str, float, float]]:
            return [
                (c["text"], round(c["x0"], 1), round(c["top"], 1))
                for c in built.chars(page)
                if c["top"] * MM_PER_PT > bottom
            ]

        assert digits(two) == digits(one) and len(digits(two)) == len(str(page))


@pytest.mark.slow
def test_two_dask_workers_lay_out_the_parts_with_the_same_bytes(
    both: tuple[Built, Built], long_collection: Path, tmp_path: Path
) -> None:
    """On a local Dask cluster the parts are tasks of its workers, carrying their fonts: the
    same bytes as the parts laid out by forked processes."""
    from publish.cluster import dask_executor
    from publish.parallel import using

    two, _ = both
    with dask_executor(workers=2) as executor, using(executor):
        on_cluster = build_pdf(long_collection, tmp_path)
    assert on_cluster.path.read_bytes() == two.path.read_bytes()
    assert on_cluster.output.print_pages == two.output.print_pages


def test_a_part_carries_the_files_it_reads(long_collection: Path, tmp_path: Path) -> None:
    """A part's task holds its fonts' bytes (no shared folder with a cluster's workers): with
    the fonts' URLs pointing where no file is, it lays out the same PDF from them; without
    them, WeasyPrint cannot load the fonts."""
    from dataclasses import replace

    from publish.builders import Edition
    from publish.builders.pdf import document as print_document
    from publish.builders.pdf.geometry import geometry
    from publish.layouts import environment
    from publish.pipeline import load
    from tests.conftest import captured_warnings

    project = load(long_collection)
    settings = project.settings.updated({"formats": "pdf"})
    edition = Edition(project.collection, settings, environment())
    geo = geometry(settings)
    meta = print_document.metadata(edition.collection)
    stylesheet = print_document.stylesheet(edition, geo)
    fonts = parts._fonts(edition)
    task = parts._part(edition, geo, meta, stylesheet, edition.collection.articles[:1], fonts)
    assert set(fonts) <= set(task.carried) and all(url in stylesheet for url in fonts)
    elsewhere = (tmp_path / "not-here").as_uri()
    moved = {url: f"{elsewhere}/{index}.ttf" for index, url in enumerate(fonts)}
    moved_sheet = task.stylesheet
    for url, new in moved.items():
        moved_sheet = moved_sheet.replace(url, new)
    carried = {moved.get(url, url): data for url, data in task.carried.items()}
    with captured_warnings("weasyprint", "publish") as warnings:
        here = parts._lay_out_part(task)
        away = parts._lay_out_part(replace(task, stylesheet=moved_sheet, carried=carried))
    assert warnings.messages == []
    assert away == here  # the part's pages and counts, and its PDF's bytes
    with captured_warnings("weasyprint", "publish") as warnings:
        parts._lay_out_part(replace(task, stylesheet=moved_sheet, carried={}))
    assert warnings.messages
