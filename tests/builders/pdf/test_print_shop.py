"""The PDF for print shops: paper sizes, bleed, printer's marks, facing pages, right-hand
starts, PDF/X-4 and PDF/UA-1, and the saddle-stitch booklet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from publish.builders.pdf.booklet import signature_order
from publish.cli import main
from tests.builders.pdf.conftest import READER, SEED, Built, squash

PT_PER_MM = 72 / 25.4


def size_mm(built: Built) -> tuple[float, float]:
    width, height = (float(v) for v in re.findall(r"[\d.]+", built.info["Page size"])[:2])
    return round(width / PT_PER_MM, 1), round(height / PT_PER_MM, 1)


@pytest.mark.parametrize(
    ("paper", "mm"),
    [
        ("A4", (210, 297)),
        ("A5", (148, 210)),
        ("B5", (176, 250)),
        ("正16开", (184, 260)),
        ("大16开", (187, 262)),
        ("正32开", (130, 184)),
        ("大32开", (140, 203)),
        ("150x230mm", (150, 230)),
    ],
)
def test_paper_sizes(pdf, paper: str, mm: tuple[float, float]) -> None:  # type: ignore[no-untyped-def]
    built = pdf(SEED, paper=paper)
    assert size_mm(built) == mm
    assert built.boxes()["TrimBox"][2:] == pytest.approx(
        (mm[0] * PT_PER_MM, mm[1] * PT_PER_MM), abs=0.05
    )


def test_bleed_adds_to_the_page_size(pdf) -> None:  # type: ignore[no-untyped-def]
    built = pdf(SEED, paper="A5", pdf={"bleed": "3mm"})
    assert size_mm(built) == (154, 216)
    boxes = built.boxes()
    trim = boxes["TrimBox"]
    assert (trim[2] - trim[0], trim[3] - trim[1]) == pytest.approx(
        (148 * PT_PER_MM, 210 * PT_PER_MM), abs=0.05
    )
    assert boxes["BleedBox"] == boxes["MediaBox"]


def test_marks_are_drawn_outside_the_bleed(pdf) -> None:  # type: ignore[no-untyped-def]
    built = pdf(SEED, paper="A5", pdf={"bleed": "3mm", "marks": "crop,cross"})
    boxes = built.boxes()
    trim, bleed, media = boxes["TrimBox"], boxes["BleedBox"], boxes["MediaBox"]
    three = 3 * PT_PER_MM
    assert bleed == pytest.approx(
        (trim[0] - three, trim[1] - three, trim[2] + three, trim[3] + three), abs=0.05
    )
    # The marks sit beyond the bleed: the media box reaches 10 mm past the trim.
    assert media[0] == pytest.approx(trim[0] - 10 * PT_PER_MM, abs=0.05)
    page = built.plumber.pages[0]
    strokes = page.lines + page.curves
    assert len(strokes) >= 8, "no marks drawn"
    for stroke in strokes:
        # pdfplumber gives paths in user space (x) and from the page's height (top).
        x0, x1 = stroke["x0"], stroke["x1"]
        y0, y1 = page.height - stroke["bottom"], page.height - stroke["top"]
        overlaps_bleed = (
            x1 > bleed[0] + 0.5
            and x0 < bleed[2] - 0.5
            and y1 > bleed[1] + 0.5
            and y0 < bleed[3] - 0.5
        )
        assert not overlaps_bleed, stroke


def test_facing_pages_mirror_inner_and_outer_margins(pdf) -> None:  # type: ignore[no-untyped-def]
    built = pdf(SEED, pdf={"facing": True})
    geo = built.geo
    assert geo.inner_mm > geo.outer_mm

    def left_edge(page: int) -> float:
        return min(c["x0"] for c in built.chars(page) if c["top"] > 100) / PT_PER_MM

    # Page 3 is a right-hand page (binding on its left), page 2 a left-hand one.
    assert left_edge(3) == pytest.approx(geo.inner_mm, abs=1)
    assert left_edge(2) == pytest.approx(geo.outer_mm, abs=1)
    # Page numbers at the outer corner.
    number = [c for c in built.chars(2) if c["top"] > built.plumber.pages[1].height - 80]
    assert number and max(c["x1"] for c in number) < built.plumber.pages[1].width / 2


def test_each_article_starts_on_a_right_hand_page(pdf) -> None:  # type: ignore[no-untyped-def]
    built = pdf(READER, paper="A5", pdf={"recto_start": True, "facing": True})
    starts = [int(p.label) for p in built.output.print_pages if p.offset == 0]
    assert len(starts) == len(built.collection.articles)
    assert all(start % 2 == 1 for start in starts), starts
    # Pages left blank before a right-hand start have no running head and no number.
    blanks = [n for n in range(2, built.pages) if not built.text(n).strip()]
    assert blanks
    assert all(n % 2 == 0 and n + 1 in starts for n in blanks), blanks


def test_pdf_x4(pdf) -> None:  # type: ignore[no-untyped-def]
    built = pdf(SEED, paper="A5", pdf={"variant": "pdf/x-4", "bleed": "3mm", "marks": "crop"})
    assert built.info["PDF version"] == "1.6"
    root = built.reader.trailer["/Root"]
    intent = root["/OutputIntents"][0]
    assert intent["/S"] == "/GTS_PDFX"
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "PDF/X-4" in xmp
    assert "xmp.did:" in xmp
    assert built.info["Tagged"] == "yes"


def test_pdf_ua1(pdf) -> None:  # type: ignore[no-untyped-def]
    built = pdf(SEED, pdf={"variant": "pdf/ua-1"})
    assert built.info["Tagged"] == "yes"
    xmp = built.reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "pdfuaid:part" in xmp and 'pdfuaid:part="1"' in xmp
    assert built.reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]


@pytest.mark.parametrize(
    ("pages", "sides"),
    [
        (1, [(None, 1), (2, None)]),
        (4, [(4, 1), (2, 3)]),
        (5, [(8, 1), (2, 7), (6, 3), (4, 5)]),
        (8, [(8, 1), (2, 7), (6, 3), (4, 5)]),
    ],
)
def test_signature_order(pages: int, sides: list[tuple[int | None, int | None]]) -> None:
    expected = [tuple(n if n is None or n <= pages else None for n in side) for side in sides]
    assert signature_order(pages) == expected


def test_the_booklet_imposes_pages_in_signature_order(pdf) -> None:  # type: ignore[no-untyped-def]
    built = pdf(
        READER,
        paper="A5",
        pdf={"booklet": True, "bleed": "3mm", "marks": "crop"},
        expect=("is for the press only",),
    )
    booklet = built.output.files[1]
    assert booklet.name == "community-reader-booklet.pdf"
    import pdfplumber
    from pypdf import PdfReader

    imposed = PdfReader(booklet)
    assert len(imposed.pages) == -(-built.pages // 4) * 2
    # Sheets are two trimmed pages wide: no bleed, no marks.
    sheet = imposed.pages[0].mediabox
    assert (float(sheet.width), float(sheet.height)) == pytest.approx(
        (2 * 148 * PT_PER_MM, 210 * PT_PER_MM), abs=0.1
    )
    assert "仅供印刷" in imposed.metadata.title
    assert "press only" in imposed.metadata.subject
    with pdfplumber.open(booklet) as plumbed:
        for side, (left, right) in zip(plumbed.pages, signature_order(built.pages), strict=True):
            half = side.width / 2
            for number, region in (
                (left, (0, 0, half, side.height)),
                (right, (half, 0, side.width, side.height)),
            ):
                words = (side.crop(region).extract_text() or "").split()
                if number is None:
                    assert words == []  # blank padding
                elif number == 1:
                    assert squash("".join(words)).startswith(squash(built.collection.title))
                else:
                    assert words[-1] == str(number)  # the page number printed at its foot
            # Imposed from trimmed pages: each page is clipped to its trim box, so the crop
            # marks it carries lie on or beyond the sheet's edge, never on the sheet.
            marks = [
                line
                for line in side.lines
                if 13 < max(line["x1"] - line["x0"], line["bottom"] - line["top"]) < 15.5
            ]
            for line in marks:
                off_sheet = (
                    line["bottom"] <= 0.5
                    or line["top"] >= side.height - 0.5
                    or line["x1"] <= 0.5
                    or line["x0"] >= side.width - 0.5
                )
                assert off_sheet, line


@pytest.mark.slow  # lays out PDFs through the command line, which conftest cannot see
def test_the_cli_says_the_booklet_is_for_the_press_only(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["build", str(SEED), "-o", str(tmp_path), "-f", "pdf", "--paper", "A5", "--booklet"],
    )
    assert result.exit_code == 0, result.output
    assert "for the press only" in result.output
    assert (tmp_path / "luyuan-interviews-booklet.pdf").is_file()
    assert (tmp_path / "luyuan-interviews.pdf").is_file()
