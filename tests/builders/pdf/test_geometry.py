"""Page geometry and typography presets, and the bad input they refuse."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from click.testing import CliRunner

from publish.builders.pdf.geometry import LINE_HEIGHT, PINYIN_LINE_HEIGHT, SAFE_MM, geometry
from publish.cli import main
from publish.config import PAPERS, SIZES, Settings
from publish.errors import PublishError
from tests.builders.pdf.conftest import SEED


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("paper", list(PAPERS))
def test_every_preset_gives_a_usable_page(size: str, paper: str) -> None:
    geo = geometry(Settings().updated({"size": size, "paper": paper}))
    char_mm = geo.body_pt * 25.4 / 72
    assert geo.text_width_mm / char_mm >= 10
    assert min(geo.top_mm, geo.bottom_mm, geo.inner_mm, geo.outer_mm) >= 15
    # The running head (at most 18 pt) fits in the margin, 5 mm inside the trim.
    assert geo.top_mm >= SAFE_MM + geo.running_pt * 25.4 / 72 * 1.2 + 3


def test_large_print_presets_follow_the_guidance() -> None:
    for name in ("大", "特大"):
        geo = geometry(Settings().updated({"size": name}))
        assert geo.body_pt >= 18
        assert geo.running_pt >= 18  # ACB: nothing below 18 pt, page numbers included
        assert all(h > 1 for h in geo.heading_em)  # headings larger (and bold in the CSS)
        assert geo.heading_em == tuple(sorted(geo.heading_em, reverse=True))
    assert LINE_HEIGHT >= 1.5
    assert PINYIN_LINE_HEIGHT > LINE_HEIGHT
    a4 = geometry(Settings())
    assert a4.inner_mm == a4.outer_mm == 25  # APH, ACB: one inch


def test_pinyin_readings_are_large_enough_on_a_grid_that_fits_them() -> None:
    for name, scale in itertools.product(SIZES, (0.75, 1.0, 1.25)):
        geo = geometry(Settings().updated({"size": name, "pinyin": True, "pinyin_scale": scale}))
        assert 0.45 <= geo.pinyin_em <= 0.75
        if scale == 1.0:  # two thirds in large print (issue 14), half to 0.6 below
            least = 2 / 3 if SIZES[name].large_print else 0.5
            assert least - 0.001 <= geo.pinyin_em <= max(0.6, least) + 0.001
            assert geo.pinyin_em * geo.body_pt >= min(9, geo.body_pt * 0.6) - 1e-9
        # The longest tone-marked syllable (chuàng, 3.46 em in Noto Sans CJK) condensed as far
        # as allowed fits its cell with the gap.
        assert 3.461 * geo.pinyin_em * geo.pinyin_condense + geo.pinyin_gap_em <= (
            1 + geo.pinyin_spacing_em + 1e-9
        )


def test_facing_pages_widen_the_inner_margin() -> None:
    single = geometry(Settings())
    facing = geometry(Settings().updated({"pdf": {"facing": True}}))
    assert facing.inner_mm > facing.outer_mm == single.outer_mm
    booklet = geometry(Settings().updated({"pdf": {"booklet": True}}))
    assert booklet.facing


def test_marks_move_the_media_box_beyond_the_bleed() -> None:
    plain = geometry(Settings().updated({"pdf": {"bleed": "3mm"}}))
    marked = geometry(Settings().updated({"pdf": {"bleed": "3mm", "marks": "crop"}}))
    assert plain.media_bleed_mm == 3
    assert marked.media_bleed_mm == 10


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"paper": "60x60mm", "size": "特大"}, "less than 8 characters"),
        ({"paper": "A5", "pdf": {"margins": "80mm"}}, "larger than the paper A5"),
        ({"pdf": {"margins": "20mm 110mm"}}, "larger than the paper A4"),
        ({"pdf": {"margins": "12mm"}}, "no room for the running head"),
        ({"paper": "A5", "size": "40pt"}, "less than 8 characters"),
    ],
)
def test_pages_that_cannot_hold_text_are_refused(options: dict, message: str) -> None:
    with pytest.raises(PublishError, match=message):
        geometry(Settings().updated(options))


@pytest.mark.parametrize(
    ("value", "message"),
    [("3mm", "at least 5mm"), ("1 2 3 4 5", "one to four"), ("wide", "not a length")],
)
def test_margins_are_checked_where_they_are_read(value: str, message: str) -> None:
    with pytest.raises(PublishError, match=message):
        Settings().updated({"pdf": {"margins": value}})


def test_margins_read_like_css() -> None:
    settings = Settings().updated({"pdf": {"margins": "20mm 15mm 25mm"}})
    assert settings.pdf.margins_mm == (20, 15, 25, 15)
    geo = geometry(settings)
    assert (geo.top_mm, geo.outer_mm, geo.bottom_mm, geo.inner_mm) == (20, 15, 25, 15)


@pytest.mark.parametrize(
    "flags",
    [
        ["--paper", "60x60mm", "--size", "特大"],
        ["--paper", "A5", "--margins", "80mm"],
        ["--bleed", "30mm"],
        ["--bleed", "-3mm"],
        ["--paper", "C4"],
        ["--size", "巨大"],
        ["--marks", "stars"],
        ["--pdf-variant", "pdf/z-9"],
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(tmp_path: Path, flags: list[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("untouched")
    result = CliRunner().invoke(main, ["build", str(SEED), "-o", str(out), "-f", "pdf", *flags])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert sorted(p.name for p in out.iterdir()) == ["old.txt"]
    assert not [p for p in tmp_path.rglob("*.pdf")]
