"""The output settings: what a build makes and how it looks, one `Settings` value.

A manifest's `output:` section and the command line's flags both end up here
(`Settings.updated`). Each field is declared with its `Option` (config/options.py): its
manifest key, flag, help and parser sit beside it, and unknown keys are rejected with the valid
ones listed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..errors import PublishError
from .options import Option, listed, manifest_key, option_of, places, setting, switch
from .presets import (
    DEFAULT_FONT,
    DEFAULT_PAPER,
    DEFAULT_SCRIPT,
    DEFAULT_SIZE,
    FONTS,
    PAPERS,
    PINYIN_SCALE_LIMITS,
    SCRIPTS,
    SIZES,
    TRADITIONAL_FONTS,
    FontFamily,
    Paper,
    Script,
    SizePreset,
    parse_font,
    parse_paper,
    parse_size,
)
from .sections import BrailleSettings, EpubSettings, HtmlSettings, PdfSettings

# --------------------------------------------------------------------------- choices

FORMATS = ("pdf", "epub", "html", "braille")
DEFAULT_FORMATS = ("pdf", "epub", "html")
"""What a build makes unless told: braille is asked for by name."""
PINYIN_STYLES = {"tone": "zh-Latn-pinyin", "number": "zh-Latn-pinyin", "zhuyin": "zh-Bopo"}
"""The ways readings are written, with the BCP 47 tag of readings in that style (Hanyu Pinyin
with tone marks or tone numbers; zhuyin fuhao)."""
READINGS = ("pinyin", "zhuyin", "pinyin,zhuyin", "none")
"""The readings an edition can show over its characters (`--reading`, manifest `reading`):
`pinyin,zhuyin` is pinyin in the PDF and EPUB and a site whose reader chooses."""


# --------------------------------------------------------------------------- parsers


def _formats(value: Any, where: str, root: Path | None) -> tuple[str, ...]:
    formats = listed(value)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise PublishError(
            f"{where}: unknown format {', '.join(unknown) or '(none)'}: use {', '.join(FORMATS)}"
        )
    return formats


def _script(value: Any, where: str, root: Path | None) -> Script:
    name = str(value).strip().lower()
    if name not in SCRIPTS:
        raise PublishError(f"{where}: unknown script {value!r}: use {', '.join(SCRIPTS)}")
    return SCRIPTS[name]


def _pinyin_style(value: Any, where: str, root: Path | None) -> str:
    if value not in PINYIN_STYLES:
        raise PublishError(
            f"{where}: unknown pinyin style {value!r}: use {', '.join(PINYIN_STYLES)}"
        )
    return str(value)


def _pinyin_scale(value: Any, where: str, root: Path | None) -> float:
    low, high = PINYIN_SCALE_LIMITS
    try:
        scale = float(value)
    except (TypeError, ValueError):
        scale = float("nan")
    if isinstance(value, bool) or not low <= scale <= high:
        raise PublishError(
            f"{where}: pinyin_scale {value!r} is out of range: use {low:g} to {high:g} "
            "(1 is the default size of the readings)"
        )
    return scale


def _reading(value: Any, where: str, root: Path | None) -> str:
    items = value.split(",") if isinstance(value, str) else list(value)
    reading = ",".join(str(item).strip().lower() for item in items if str(item).strip())
    if reading == "zhuyin,pinyin":
        reading = "pinyin,zhuyin"
    if reading not in READINGS:
        raise PublishError(f"{where}: unknown reading {value!r}: use {'; '.join(READINGS)}")
    return reading


def _one_of(names: Iterable[str]) -> str:
    """`a, b or c`, for help texts."""
    *first, last = names
    return f"{', '.join(first)} or {last}"


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything that decides what a build makes and how it looks."""

    formats: tuple[str, ...] = setting(
        DEFAULT_FORMATS,
        Option(
            _formats,
            ("-f", "--format"),
            f"Formats to build, comma-separated or repeated: {','.join(FORMATS)}.",
            repeatable=True,
        ),
    )
    """Which outputs to build."""
    size: SizePreset = setting(
        SIZES[DEFAULT_SIZE],
        Option(
            lambda value, where, root: parse_size(value),
            ("--size",),
            f"Body size: {', '.join(SIZES)}, a 字号 such as 小二, or points (18pt).",
        ),
    )
    """Body text size."""
    paper: Paper = setting(
        PAPERS[DEFAULT_PAPER],
        Option(
            lambda value, where, root: parse_paper(str(value)),
            ("--paper",),
            f"Paper: {', '.join(PAPERS)}, or WxHmm.",
        ),
    )
    """Page size of the PDF."""
    font: FontFamily = setting(
        FONTS[DEFAULT_FONT],
        Option(
            lambda value, where, root: parse_font(value, root, where),
            ("--font",),
            f"Bundled font family: {_one_of(FONTS)}.",
        ),
    )
    """The bundled font family."""
    pinyin: bool = setting(
        False,
        Option(flags=("--pinyin/--no-pinyin",), help="Annotate Han characters with pinyin."),
    )
    """Annotate Han characters with pinyin."""
    pinyin_style: str = setting("tone", Option(_pinyin_style))
    """How readings are written: tone marks, tone numbers or zhuyin."""
    pinyin_scale: float = setting(
        1.0,
        Option(
            _pinyin_scale,
            ("--pinyin-scale",),
            "Reading size relative to the default ({:g} to {:g}; 1 is two thirds of the body in "
            "大 and 特大, about half below).".format(*PINYIN_SCALE_LIMITS),
            value_type=float,
        ),
    )
    """The reading size relative to the default `reading_em` (within `PINYIN_SCALE_LIMITS`)."""
    script: Script = setting(
        SCRIPTS[DEFAULT_SCRIPT],
        Option(
            _script,
            ("--script",),
            "Characters: simplified (as written), traditional, tw (Taiwan) or hk (Hong Kong), "
            "converted by OpenCC.",
        ),
    )
    """The characters the edition is printed in (traditional ones converted by OpenCC)."""
    regional_words: bool = setting(
        False,
        Option(
            flags=("--regional-words/--no-regional-words",),
            help="Traditional editions without readings: the region's words too "
            "(tw: 软件 -> 軟體, OpenCC s2twp).",
        ),
    )
    """In a traditional edition without readings, also put the region's words for the
    author's (s2twp's 软件 -> 軟體). Off by default: OpenCC's word table is made for software
    and the web, and would print 社群 (an online community) for 社区 (a neighbourhood)."""
    sandhi: bool = setting(
        True,
        Option(flags=("--sandhi/--no-sandhi",), help="Tone sandhi of 一 and 不 (default on)."),
    )
    """Apply the tone sandhi of 一 and 不, as primary-school textbooks print it."""
    strict: bool = setting(
        False,
        Option(
            flags=("--strict",),
            help="Fail on characters the font does not cover (or braille cannot write).",
        ),
    )
    """Make an uncovered character an error instead of a warning."""
    pdf: PdfSettings = field(default_factory=PdfSettings)
    epub: EpubSettings = field(default_factory=EpubSettings)
    html: HtmlSettings = field(default_factory=HtmlSettings)
    braille: BrailleSettings = field(default_factory=BrailleSettings)

    def updated(
        self, values: Mapping[str, Any], where: str = "settings", root: Path | None = None
    ) -> Settings:
        """A copy with `values` (manifest or CLI spelling) applied; unknown keys are errors.

        `root` is the project folder that file names in `values` (a font's) are relative to.
        """
        return _fit_font(_apply(self, values, where, root))


READING = Option(
    _reading,
    ("--reading",),
    "Readings over the characters: pinyin, zhuyin (注音) or none.",
)
"""`reading: pinyin|zhuyin|pinyin,zhuyin|none`: the pinyin switch, the style of the readings
and the site's second reading at once (`_read_as`)."""

OPTIONS: dict[str, Option] = dict(places(Settings(), {"reading": READING}))
"""Every setting's option by its manifest path (`size`, `reading`, `pdf.bleed`), top-level
ones first: the command line makes its flags from these."""


def _fit_font(settings: Settings) -> Settings:
    """A bundled family in the faces of the edition's script (the TC faces for a traditional
    edition, the SC faces for a simplified one); a project's own font as it is."""
    family = settings.font
    regional = TRADITIONAL_FONTS if settings.script.traditional else FONTS
    if family.folder is None:
        return replace(settings, font=regional[family.key])
    return settings


def _apply(settings: Any, values: Mapping[str, Any], where: str, root: Path | None = None) -> Any:
    """`settings` (a `Settings` or one of its sections) with `values` read through each
    field's option; a section's values are applied to the section."""
    top = isinstance(settings, Settings)
    # At the top a field without an option is a section; in a section it is set by another
    # key (`html.zhuyin` by `reading`), never written in a manifest.
    by_name = {item.name: item for item in fields(settings) if top or option_of(item)}
    by_spelling = {
        spelling: item
        for item in by_name.values()
        if (option := option_of(item))
        for spelling in (option.key, *option.aliases)
        if spelling
    }
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if top and key == "reading":
            changes.update(_read_as(_reading(value, where, root), settings))
            continue
        item = by_spelling.get(key) or by_name.get(key.replace("-", "_"))
        if item is None:
            valid = {manifest_key(f) for f in by_name.values()} | ({"reading"} if top else set())
            raise PublishError(
                f"{where}: unknown key {key!r}: valid keys are {', '.join(sorted(valid))}"
            )
        option = option_of(item)
        if option is None:  # a section
            if not isinstance(value, Mapping):
                raise PublishError(f"{where}: {key} must be a mapping")
            section = changes.get(item.name, getattr(settings, item.name))  # `reading` may set it
            changes[item.name] = _apply(section, value, f"{where}.{key}", root)
        elif option.parse is None:  # a switch
            changes[item.name] = switch(value, where, item.name)
        else:
            changes[item.name] = option.parse(value, where, root)
    return replace(settings, **changes)


def _read_as(reading: str, settings: Settings) -> dict[str, Any]:
    """The changes a `reading` makes: the pinyin switch, the readings' style and the site's
    second reading."""
    html = replace(settings.html, zhuyin=reading == "pinyin,zhuyin")
    if reading == "none":
        return {"pinyin": False, "html": html}
    if reading == "zhuyin":
        return {"pinyin": True, "pinyin_style": "zhuyin", "html": html}
    style = settings.pinyin_style if settings.pinyin_style != "zhuyin" else "tone"
    return {"pinyin": True, "pinyin_style": style, "html": html}
