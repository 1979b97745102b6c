"""The settings only one builder reads: the sections `pdf`, `epub`, `html` and `braille` of a
manifest's `output:` (and their flags), each field declared with its `Option`.

`config.settings` holds them in `Settings`, which reads manifests and flags into them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PublishError
from .options import Option, listed, setting
from .presets import parse_length_mm, parse_margins

PDF_VARIANTS = ("pdf/ua-1", "pdf/ua-2", "pdf/x-4", "pdf/a-2b", "pdf/a-3b", "pdf/a-4b")
PDF_COLORS = ("rgb", "cmyk")
"""The PDF's colours: sRGB for screens and office printers, or CMYK for a four-colour press
(text and rules in black ink alone, the FOGRA39 output condition)."""
PRESS_VARIANT = "pdf/x-4"
"""The variant for print shops, which is CMYK unless `color: rgb` is asked for."""
MARKS = ("crop", "cross")
BRAILLE_SYSTEMS = ("cbs", "current")
"""Chinese braille systems: 国家通用盲文 (GF 0019-2018) and 现行盲文."""


def _bleed(value: Any, where: str, root: Path | None) -> float:
    bleed = parse_length_mm(value, "bleed")
    if not 0 <= bleed <= 10:
        raise PublishError(
            f"{where}: bleed {value!r} is out of range: use 0mm to 10mm (3mm is usual)"
        )
    return bleed


def _marks(value: Any, where: str, root: Path | None) -> tuple[str, ...]:
    marks = listed(value)
    unknown = [m for m in marks if m not in MARKS]
    if unknown:
        raise PublishError(f"{where}: unknown mark {', '.join(unknown)}: use {', '.join(MARKS)}")
    return marks


def _variant(value: Any, where: str, root: Path | None) -> str | None:
    if value is None:
        return None
    variant = str(value).lower()
    if variant not in PDF_VARIANTS:
        raise PublishError(f"{where}: unknown PDF variant {value!r}: use {', '.join(PDF_VARIANTS)}")
    return variant


def _color(value: Any, where: str, root: Path | None) -> str | None:
    if value is None:
        return None
    color = str(value).strip().lower()
    if color not in PDF_COLORS:
        raise PublishError(f"{where}: unknown PDF colour {value!r}: use {', '.join(PDF_COLORS)}")
    return color


def _braille_system(value: Any, where: str, root: Path | None) -> str:
    system = str(value).strip().lower()
    if system not in BRAILLE_SYSTEMS:
        raise PublishError(
            f"{where}: unknown braille system {value!r}: use {', '.join(BRAILLE_SYSTEMS)}"
        )
    return system


# --------------------------------------------------------------------------- sections


_PER_ARTICLE = Option(
    flags=("--per-article",),
    help="EPUB and PDF: also write one file per article (SLUG-articles/ARTICLE.epub, .pdf).",
)
"""One flag for the PDF's and the EPUB's `per_article`."""


@dataclass(frozen=True, slots=True)
class PdfSettings:
    """Settings only the PDF builder reads."""

    bleed_mm: float = setting(
        0.0,
        Option(
            _bleed,
            ("--bleed",),
            "PDF: bleed around the trimmed page, such as 3mm.",
            key="bleed",
        ),
    )
    """Bleed around the trimmed page, for print shops (0 to 10 mm)."""
    marks: tuple[str, ...] = setting(
        (),
        Option(_marks, ("--marks",), f"PDF: printer's marks, comma-separated: {','.join(MARKS)}."),
    )
    """Printer's marks: crop and/or cross."""
    variant: str | None = setting(
        "pdf/ua-1",
        Option(
            _variant,
            ("--pdf-variant",),
            f"PDF: {', '.join(PDF_VARIANTS[:4])} ...",
            aliases=("pdf_variant",),
        ),
    )
    """A PDF variant WeasyPrint can write (pdf/x-4, pdf/a-2b, ...). PDF/UA-1 by default: an
    accessibility toolkit's PDFs claim (and meet) it unless a press variant is asked for; None
    (`variant: null`) for a tagged PDF that claims nothing."""
    color: str | None = setting(
        None,
        Option(
            _color,
            ("--color",),
            "PDF: cmyk (text in black ink alone, FOGRA39; the default with pdf/x-4) or rgb.",
        ),
    )
    """rgb or cmyk; None for the variant's own: CMYK for the press variant, else sRGB."""
    facing: bool = setting(
        False,
        Option(flags=("--facing/--no-facing",), help="PDF: facing pages (inner/outer margins)."),
    )
    """Facing pages: mirrored inner and outer margins."""
    recto_start: bool = setting(
        False,
        Option(
            flags=("--recto-start/--no-recto-start",),
            help="PDF: start each article on a right-hand page.",
        ),
    )
    """Start each article on a right-hand page."""
    booklet: bool = setting(
        False,
        Option(
            flags=("--booklet",),
            help="PDF: also impose a saddle-stitch booklet (for the press only).",
        ),
    )
    """Impose the pages for saddle-stitch printing (a press-only file)."""
    per_article: bool = setting(False, _PER_ARTICLE)
    """Write one PDF per article as well as the collection's, for print on demand."""
    margins_mm: tuple[float, float, float, float] | None = setting(
        None,
        Option(
            lambda value, where, root: parse_margins(value, where),
            ("--margins",),
            "PDF: margins like CSS, top outer bottom inner: 20mm, '25mm 20mm'.",
            key="margins",
        ),
    )
    """Page margins as top, outer, bottom, inner in mm (outer is right and inner left on
    single-sided pages); None for the size preset's own."""

    @property
    def cmyk(self) -> bool:
        """Whether the PDF is made for a four-colour press: asked for, or the press variant's
        default (print shops expect CMYK with PDF/X-4)."""
        return self.color == "cmyk" or (self.color is None and self.variant == PRESS_VARIANT)


@dataclass(frozen=True, slots=True)
class EpubSettings:
    """Settings only the EPUB builder reads."""

    embed_font: bool = setting(
        True,
        Option(
            flags=("--embed-font/--no-embed-font",),
            help="EPUB: embed a subset of the font (default on).",
        ),
    )
    """Embed a subset of the bundled font."""
    per_article: bool = setting(False, _PER_ARTICLE)
    """Write one EPUB per article as well as the collection's."""


@dataclass(frozen=True, slots=True)
class HtmlSettings:
    """Settings only the HTML builder reads."""

    pinyin_words: bool = setting(
        False,
        Option(
            flags=("--pinyin-words",),
            help="HTML: one ruby per word rather than per character (GB/T 16159 words).",
        ),
    )
    """Set pinyin per word rather than per character, words written as GB/T 16159-2012 writes
    them (pinyin/orthography.py)."""
    zhuyin: bool = False
    """Offer zhuyin beside pinyin: the toolbar's 拼音 group gets 注音 (`reading: pinyin,zhuyin`)."""


@dataclass(frozen=True, slots=True)
class BrailleSettings:
    """Settings only the braille builder reads."""

    system: str = setting(
        "cbs",
        Option(
            _braille_system,
            ("--braille-system",),
            "Braille: cbs (国家通用盲文, default) or current (现行盲文).",
        ),
    )
    """cbs: 国家通用盲文, every tone marked but one per initial; current: 现行盲文, tones
    only where a rare character needs one."""
