"""Presets: sizes by name, 字号 or points; papers; lengths. One clear error for anything else."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.config import (
    FONTS,
    PAPERS,
    SIZES,
    TRADITIONAL_FONTS,
    companion_family,
    parse_font,
    parse_length_mm,
    parse_paper,
    parse_size,
)
from publish.errors import PublishError


@pytest.mark.parametrize(
    ("spelling", "pt", "name"),
    [
        ("小", 12, "小"),
        ("中", 14, "中"),
        ("大", 18, "大"),
        ("特大", 26, "特大"),
        ("小二", 18, "大"),
        ("一号", 26, "特大"),
        ("18pt", 18, "大"),
        ("20pt", 20, "20pt"),
        ("五号", 10.5, "五号"),
        (22, 22, "22pt"),
    ],
)
def test_sizes_by_preset_zihao_or_points(spelling: str | int, pt: float, name: str) -> None:
    size = parse_size(spelling)
    assert size.pt == pt
    assert size.name == name


def test_large_print_presets_are_at_least_18pt() -> None:
    assert [p.name for p in SIZES.values() if p.large_print] == ["大", "特大"]


@pytest.mark.parametrize("bad", ["巨大", "18px", "0pt", "500pt", ""])
def test_unknown_or_absurd_sizes_are_one_clear_error(bad: str) -> None:
    with pytest.raises(PublishError) as error:
        parse_size(bad)
    assert "\n" not in str(error.value)


def test_papers_include_gbt_788_book_sizes_and_custom_sizes() -> None:
    assert (PAPERS["正16开"].width_mm, PAPERS["正16开"].height_mm) == (184, 260)
    assert (PAPERS["大32开"].width_mm, PAPERS["大32开"].height_mm) == (140, 203)
    assert parse_paper("a5") == PAPERS["A5"]
    custom = parse_paper("150x230mm")
    assert (custom.width_mm, custom.height_mm) == (150, 230)
    with pytest.raises(PublishError, match="unknown paper"):
        parse_paper("letterish")


def test_lengths_convert_to_millimetres() -> None:
    assert parse_length_mm("3mm", "bleed") == 3
    assert parse_length_mm("0.125in", "bleed") == pytest.approx(3.175)
    with pytest.raises(PublishError, match="not a length"):
        parse_length_mm("three", "bleed")


@pytest.mark.parametrize("key", sorted(FONTS))
def test_each_bundled_family_has_the_other_scripts_as_companion(key: str) -> None:
    assert companion_family(FONTS[key]) == TRADITIONAL_FONTS[key]
    assert companion_family(TRADITIONAL_FONTS[key]) == FONTS[key]


def test_a_projects_own_font_has_no_companion(tmp_path: Path) -> None:
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "kai.ttf").write_bytes(b"")
    family = parse_font({"family": "我的楷体", "regular": "fonts/kai.ttf"}, tmp_path)
    assert companion_family(family) is None
