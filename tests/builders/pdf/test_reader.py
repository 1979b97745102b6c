"""The PDF for readers: fonts, tags, metadata, sizes, reading order, bookmarks, line breaking,
cover and contents, running heads, single articles and reproducible bytes."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from publish.builders.pdf.textmap import text_and_readings
from publish.layouts import metadata_line
from publish.model import Heading, Paragraph, plain_text
from publish.pipeline import build
from tests.builders.pdf.conftest import CLOSING, HAN, OPENING, READER, SEED, Built, squash
from tests.conftest import FIXTURES, require, require_tool


@pytest.fixture(scope="module")
def seed(pdf) -> Built:  # type: ignore[no-untyped-def]
    return pdf(SEED)


@pytest.fixture(scope="module")
def reader(pdf) -> Built:  # type: ignore[no-untyped-def]
    return pdf(READER)


def test_every_font_is_embedded(seed: Built, reader: Built) -> None:
    for built in (seed, reader):
        rows = subprocess.run(
            [require_tool("pdffonts"), str(built.path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()[2:]
        assert rows, "no fonts listed"
        for row in rows:
            # name type [type] encoding emb sub uni object ID: emb is the fifth field from the end
            assert row.split()[-5] == "yes", row
        assert any("Noto-Sans-CJK-SC" in row for row in rows)


def test_the_bundled_faces_are_embedded_even_where_the_system_has_the_family(seed: Built) -> None:
    """fontconfig preferred an installed Noto Sans CJK SC (Debian's, 63,283 glyphs) to the
    @font-face file of the same name: the PDF must carry the bundled faces on any machine."""
    from fontTools.ttLib import TTFont

    from publish.config import FONTS, bundled_path

    system = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    require(system.is_file(), "fonts-noto-cjk")  # the case this test is about
    bundled = {
        TTFont(bundled_path("fonts") / name)["maxp"].numGlyphs
        for name in (FONTS["sans"].regular, FONTS["sans"].bold)
    }
    embedded = []
    for page in seed.reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            embedded.append((str(font.get_object()["/BaseFont"]), descriptor))
    assert {name.split("+")[1] for name, _ in embedded} == {
        "Noto-Sans-CJK-SC-Embedded",
        "Noto-Sans-CJK-SC-Embedded-Bold",
    }
    for name, descriptor in embedded:
        program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
        # The bundled faces have TrueType outlines and no vertical metrics; Debian's have CFF.
        assert "glyf" in program and "vmtx" not in program, name
        assert program["maxp"].numGlyphs <= max(bundled), name


def test_the_pdf_is_tagged_with_title_language_author_and_subject(seed: Built) -> None:
    info = seed.info
    assert info["Tagged"] == "yes"
    article = seed.collection.articles[0]
    assert info["Title"] == article.title_text
    assert info["Author"] == "绿园发布"
    assert info["Subject"]
    root = seed.reader.trailer["/Root"]
    assert root["/Lang"] == "zh-Hans"
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root


def test_the_page_is_a4_by_default(seed: Built) -> None:
    width, height = (float(v) for v in re.findall(r"[\d.]+", seed.info["Page size"])[:2])
    assert (round(width, 1), round(height, 1)) == (595.3, 841.9)


@pytest.mark.parametrize(("size", "points"), [("小", 12), ("中", 14), ("大", 18), ("特大", 26)])
def test_body_text_is_set_at_the_preset_size(pdf, size: str, points: float) -> None:  # type: ignore[no-untyped-def]
    built = pdf(READER, size=size)
    assert built.body_size() == points
    if points >= 18:
        # Large print: nothing on any page is smaller than 18 pt (ACB), running heads and page
        # numbers included.
        smallest = min(c["size"] for page in range(1, built.pages + 1) for c in built.chars(page))
        assert smallest >= 17.9


def test_headings_are_larger_and_bold(seed: Built) -> None:
    chars = seed.chars(1)
    title = next(c for c in chars if c["text"] == "解")
    body = next(c for c in chars if c["text"] == "党")
    assert title["size"] > body["size"] * 1.2
    assert "Bold" in title["fontname"]
    assert "Bold" not in body["fontname"]


def test_the_article_text_comes_out_in_reading_order(seed: Built) -> None:
    """Page by page, the text area holds exactly the article's text (and its metadata line)."""
    article = seed.collection.articles[0]
    expected = squash(text_and_readings(article).text)
    extracted = squash("".join(seed.text(page, body=True) for page in range(1, seed.pages + 1)))
    meta = squash("".join(f"{label}：{value}" for label, value in metadata_line(article)))
    assert meta in extracted
    assert extracted.replace(meta, "", 1) == expected


def test_a_collection_keeps_every_paragraph_in_order(reader: Built) -> None:
    """Titles, headings and paragraphs in order (table cells are read row by row, across
    columns, by any PDF text extractor: the tags give screen readers their structure)."""
    text = squash(reader.text())
    position = 0
    for article in reader.collection.articles:
        blocks = [b for b in article.blocks if isinstance(b, Heading | Paragraph)]
        for runs in (article.title, *(b.children for b in blocks)):
            found = text.find(squash(plain_text(runs)), position)
            assert found >= 0, plain_text(runs)
            position = found


def test_bookmarks_name_each_article_and_heading(seed: Built, reader: Built) -> None:
    outline = seed.reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles == [seed.collection.articles[0].title_text]
    headlines = [item.title for item in outline[1] if not isinstance(item, list)]
    # Headlines over two lines keep a space between them.
    assert headlines[0] == "创新方法 务求实效 彰显新时期工会作用"
    assert len(headlines) == 3
    assert (
        next(item.title for item in outline[1][1]) == "以改革创新精神加强自身建设 打造建功立业平台"
    )
    top = [item.title for item in reader.reader.outline if not isinstance(item, list)]
    assert top == ["目录", *(a.title_text for a in reader.collection.articles)]


@pytest.mark.parametrize("source", [SEED, READER])
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(pdf, source: Path) -> None:  # type: ignore[no-untyped-def]
    for options in ({}, {"size": "特大", "paper": "A5"}):
        built = pdf(source, **options)
        lines = built.lines()
        assert len(lines) > 40
        assert [line for line in lines if line[0] in CLOSING] == []
        assert [line for line in lines if line[-1] in OPENING] == []


def test_headings_are_never_left_alone_at_the_foot_of_a_page(pdf) -> None:  # type: ignore[no-untyped-def]
    for options in ({}, {"size": "特大"}, {"paper": "A5"}):
        built = pdf(SEED, **options)
        body = built.body_size()
        for page in range(1, built.pages):
            chars = [
                c
                for c in built.chars(page)
                if c["top"] < built.plumber.pages[page - 1].height * 0.9
            ]
            last_top = max(c["top"] for c in chars)
            last_line = [c for c in chars if abs(c["top"] - last_top) < 4]
            assert max(c["size"] for c in last_line) <= body + 0.1, (
                f"page {page} ends with a heading: "
                + "".join(c["text"] for c in sorted(last_line, key=lambda c: c["x0"]))
            )


def test_the_metadata_line_gives_date_and_source(seed: Built) -> None:
    first = squash(seed.text(1))
    assert "发布时间：2018年11月16日09:15" in first
    assert "来源：绿园发布" in first


def test_a_collection_has_a_cover_and_contents_with_page_numbers(reader: Built) -> None:
    cover = squash(reader.text(1))
    assert cover.startswith(squash(reader.collection.title))
    contents = reader.text(2)
    starts = {p.article: p.label for p in reader.output.print_pages if p.offset == 0}
    for article in reader.collection.articles:
        line = next(line for line in contents.splitlines() if article.title_text in line)
        number = re.search(r"(\d+)\s*$", line)
        assert number, line
        assert number.group(1) == starts[article.slug]
        # The page the contents point at starts with the article's title, and prints that
        # number at its foot.
        page = reader.text(int(number.group(1)))
        assert squash(page).startswith(squash(article.title_text))
        assert page.split()[-1] == number.group(1)


def test_running_heads_name_the_collection_and_the_article(reader: Built) -> None:
    articles = reader.collection.articles
    second = next(
        p for p in reader.output.print_pages if p.article == articles[1].slug and p.offset > 0
    )
    lines = [line for line in reader.text(int(second.label)).splitlines() if line.strip()]
    head = " ".join(lines[:2])
    assert reader.collection.title in head
    assert articles[1].title_text in head


def test_the_first_page_of_an_article_has_no_running_head(reader: Built) -> None:
    first = next(p for p in reader.output.print_pages if p.offset == 0)
    assert squash(reader.text(int(first.label))).startswith(
        squash(reader.collection.articles[0].title_text)
    )


def test_page_numbers_are_printed_at_the_foot(seed: Built) -> None:
    for page in range(1, seed.pages + 1):
        assert seed.text(page).split()[-1] == str(page)


def test_a_single_article_builds_on_its_own(tmp_path: Path) -> None:
    article = READER / "articles" / "02-jieqi.md"
    [written] = build(article, tmp_path, formats="pdf")
    text = subprocess.run(
        [require_tool("pdftotext"), "-enc", "UTF-8", "-f", "1", "-l", "1", str(written), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert squash(text).startswith("二十四节气里的春天")
    info = subprocess.run(
        [require_tool("pdfinfo"), str(written)], capture_output=True, text=True, check=True
    ).stdout
    assert "Title:           二十四节气里的春天" in info


def test_text_stays_5mm_inside_the_trim(pdf) -> None:  # type: ignore[no-untyped-def]
    margin = 5 * 72 / 25.4
    for options in (
        {},
        {"paper": "正32开", "size": "特大"},
        {"paper": "A5", "pdf": {"facing": True}},
    ):
        built = pdf(READER, **options)
        for page in range(1, built.pages + 1):
            plumbed = built.plumber.pages[page - 1]
            for char in built.chars(page):
                if not char["text"].strip():
                    continue
                assert char["x0"] >= margin and char["x1"] <= plumbed.width - margin, char
                assert char["top"] >= margin and char["bottom"] <= plumbed.height - margin, char


def test_high_contrast_black_text(seed: Built) -> None:
    colours = {tuple(c["non_stroking_color"] or ()) for c in seed.chars(2)}
    assert colours <= {(0,), (0, 0, 0), (0.0, 0.0, 0.0), ()}


def test_the_same_sources_give_the_same_bytes(tmp_path: Path, seed: Built) -> None:
    [again] = build(SEED, tmp_path, formats="pdf")
    assert again.read_bytes() == seed.path.read_bytes()


def test_dates_come_from_the_sources_or_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: Built
) -> None:
    assert seed.info["CreationDate"].endswith("2018 UTC") or "2018" in seed.info["CreationDate"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    [written] = build(SEED, tmp_path, formats="pdf")
    info = subprocess.run(
        [require_tool("pdfinfo"), str(written)], capture_output=True, text=True, check=True
    ).stdout
    assert "Nov 14" in info and "2023" in info


def test_han_characters_are_text_not_outlines(seed: Built) -> None:
    assert len([c for c in seed.chars(1) if HAN.match(c["text"])]) > 100


@pytest.mark.parametrize("pinyin", [False, True])
def test_a_numbered_list_counts_from_its_source_s_first_number(pdf, pinyin: bool) -> None:  # type: ignore[no-untyped-def]
    """A list broken by a paragraph goes on at 3 as its source does, not at 1 again; with pinyin
    its number is one mark ("1.", not "1 ." spaced out like the characters' grid)."""
    built = pdf(FIXTURES / "pdf-numbered-lists", pinyin=pinyin)
    markers = [
        line.split()[0] for line in built.lines() if re.match(r"\d", line) and HAN.search(line)
    ]
    assert markers == ["1.", "2.", "3.", "4."]


def test_a_running_head_in_a_fallback_font_is_shortened_inside_its_box(tmp_path: Path) -> None:
    """A traditional-script title in a simplified edition is set in a system fallback face
    whose characters are a full em: its head is measured in that face and cut with "…" inside
    the text area, not clipped mid-glyph at the box's edge."""
    require(Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").is_file(),
            "fonts-noto-cjk")  # fmt: skip
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    title = "香港中文大學舉辦中華文化講座暨傳統藝術展覽開幕典禮"
    body = "\n\n".join("香港中文大學昨日舉辦「中華文化與現代生活」講座，師生踴躍參與。" * 6
                       for _ in range(12))  # fmt: skip
    (project / "articles" / "b.md").write_text(f"---\ntitle: {title}\n---\n\n{body}\n", "utf-8")
    [written] = build(project, tmp_path / "out", formats="pdf")
    layout = subprocess.run(
        [require_tool("pdftotext"), "-bbox", str(written), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    heads = 0
    for width, words in re.findall(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', layout, re.S):
        boxes = [
            (float(x0), float(x1), text)
            for x0, x1, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', words
            )
        ]
        right_edge = float(width) - min(x0 for x0, _, _ in boxes)  # margins mirror each other
        for _, x1, text in boxes:
            if text.startswith("香港中文大學") and text.endswith("…"):
                heads += 1
                assert x1 <= right_edge + 0.5, (text, x1, right_edge)
    assert heads >= 1, "no running head with the shortened title"
