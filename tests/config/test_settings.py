"""Settings: manifest spellings read through each field's option, unknown keys rejected with
the valid ones."""

from __future__ import annotations

import pytest

from publish.config import FONTS, OPTIONS, Settings
from publish.errors import PublishError


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
    ("pdf", "cmyk"),
    [
        ({}, False),
        ({"variant": "pdf/x-4"}, True),
        ({"variant": "pdf/x-4", "color": "rgb"}, False),
        ({"color": "CMYK"}, True),
        ({"variant": "pdf/a-2b", "color": None}, False),
    ],
)
def test_the_press_variant_is_cmyk_unless_rgb_is_asked_for(pdf: dict, cmyk: bool) -> None:
    assert Settings().updated({"pdf": pdf}).pdf.cmyk is cmyk


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"colour": "red"}, "unknown key 'colour': valid keys are"),
        ({"pdf": {"bleeding": 1}}, "output.pdf: unknown key 'bleeding'"),
        ({"formats": "pdf,docx"}, "unknown format docx"),
        ({"pdf": {"bleed": "50mm"}}, "out of range"),
        ({"pdf": {"marks": "crop,star"}}, "unknown mark star"),
        ({"pdf": {"color": "rgba"}}, "unknown PDF colour 'rgba': use rgb, cmyk"),
        ({"pinyin": "yes"}, "must be true or false"),
    ],
)
def test_bad_settings_name_the_key_and_the_fix(values: dict, message: str) -> None:
    with pytest.raises(PublishError, match=message):
        Settings().updated(values, where="output")


@pytest.mark.parametrize("section", ["", "pdf", "epub", "html", "braille"])
def test_the_keys_listed_as_valid_are_the_options(section: str) -> None:
    """An unknown key's error lists the manifest keys of OPTIONS (what the command line makes
    its flags from), and the sections."""
    values = {section: {"colour": "red"}} if section else {"colour": "red"}
    with pytest.raises(PublishError) as error:
        Settings().updated(values)
    listed = str(error.value).split("valid keys are ")[1].split(", ")
    prefix = f"{section}." if section else ""
    keys = [p.removeprefix(prefix) for p in OPTIONS if p.startswith(prefix)]
    keys = [key for key in keys if "." not in key]
    sections = [] if section else ["braille", "epub", "html", "pdf"]
    assert listed == sorted([*keys, *sections])
