"""Presets and settings: one typed place, unknown keys rejected with the valid ones."""

from __future__ import annotations

import pytest

from publish.config import (
    FONTS,
    PAPERS,
    SIZES,
    Settings,
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


def test_settings_apply_manifest_spelling_and_nested_sections() -> None:
    settings = Settings().updated(
        {
            "formats": "pdf, epub",
            "size": "特大",
            "font": "kai",
            "pdf": {"bleed": "3mm", "marks": ["crop", "cross"], "variant": "pdf/x-4"},
        }
    )
    assert settings.formats == ("pdf", "epub")
    assert settings.size.pt == 26
    assert settings.font == FONTS["kai"]
    assert settings.pdf.bleed_mm == 3 and settings.pdf.marks == ("crop", "cross")
    assert settings.pdf.variant == "pdf/x-4"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"colour": "red"}, "unknown key 'colour': valid keys are"),
        ({"pdf": {"bleeding": 1}}, "output.pdf: unknown key 'bleeding'"),
        ({"formats": "pdf,docx"}, "unknown format docx"),
        ({"pdf": {"bleed": "50mm"}}, "out of range"),
        ({"pdf": {"marks": "crop,star"}}, "unknown mark star"),
        ({"pinyin": "yes"}, "must be true or false"),
    ],
)
def test_bad_settings_name_the_key_and_the_fix(values: dict, message: str) -> None:
    with pytest.raises(PublishError, match=message):
        Settings().updated(values, where="output")
