"""Page geometry and typography of the print edition, decided once from the settings.

Builders step (PDF). Everything the print stylesheet needs to know about sizes is computed
here, with the guidance each value follows, and checked before anything is laid out: a page
that cannot hold a line of text is the user's error, not a broken PDF.

Large-print guidance followed by the presets (大 and 特大):

- APH, "Guidelines for Print Document Design" (J. E. Kitchel): sans-serif text; "most large
  print is 18 points".
- UKAAF G003 / MS03 "Creating clear print and large print documents": large print at least
  16 pt, ideally 18 pt; page numbers ideally the same size as the body; sans-serif; text
  aligned left; a clear space between paragraphs.
- ACB Large Print Guidelines (rev. 2025): body 18 pt minimum, and nothing smaller, headers and
  footers included; headings larger and bold (H1 22 pt, H2 20 pt at an 18 pt body); line
  spacing at least 1.5; flush left; no widows or orphans; page numbers at least the body size.
- GB/T 44732-2024 大字本图书通用技术要求 (in force 2025-02-01) sets requirements for the
  font size, line spacing, contrast and binding of Chinese large-print books; its figures
  could not be confirmed from public sources, so none is quoted here.
- Pinyin readings (`config.reading_em`): GB 40070-2021 儿童青少年学习用品近视防控卫生要求
  (as reported by 北京青年报, 2022-03-02) keeps auxiliary text in primary-school books (目录,
  注释, and pinyin in pre-school readers) at 五号 (10.5 pt) or more.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...config import (
    READING_CONDENSE,
    READING_GAP_EM,
    Settings,
    reading_em,
    reading_pitch_em,
)
from ...errors import PublishError

MM_PER_PT = 25.4 / 72

SAFE_MM = 5.0
"""Print shops trim with a tolerance: no text within 5 mm of the trim (the issue's figure)."""

LINE_HEIGHT = 1.6
"""Body line height: above ACB's 1.5, and the usual 1.5-1.8 of Chinese body text."""

PINYIN_LINE_HEIGHT = 2.45
"""Line height of text with pinyin: the readings sit in the space above each line of
characters, so the line must hold a reading (about 0.6 em with its tone marks) above the
character's em box as well as the body's own leading."""

MIN_CHARS_PER_LINE = 8
MIN_LINES_PER_PAGE = 6
"""A text area that holds fewer characters or lines than this is not a usable page."""


@dataclass(frozen=True, slots=True)
class Geometry:
    """The page box, its margins and the type sizes of one edition, in mm and pt."""

    width_mm: float
    """Trimmed page width."""
    height_mm: float
    """Trimmed page height."""
    bleed_mm: float
    """Bleed beyond the trim on every side."""
    top_mm: float
    """Top margin (the running head sits in it)."""
    bottom_mm: float
    """Bottom margin (the page number sits in it)."""
    inner_mm: float
    """Margin on the binding side (the left of single-sided pages)."""
    outer_mm: float
    """Margin on the open side (the right of single-sided pages)."""
    body_pt: float
    """Body text size."""
    heading_em: tuple[float, float, float, float]
    """Sizes of h1 (article titles) to h4 relative to the body."""
    running_pt: float
    """Size of the running head and the page number."""
    pinyin_em: float
    """Size of a pinyin reading relative to the text it annotates."""
    pinyin_spacing_em: float
    """Extra space between annotated characters: the even grid the readings sit on."""
    pinyin_gap_em: float
    """The least space between two readings (relative to the annotated text)."""
    pinyin_condense: float
    """How far a long reading may be condensed (horizontal scale) to clear its neighbours
    before its character's cell is widened instead."""

    marks: tuple[str, ...] = ()
    """Printer's marks (crop, cross) drawn outside the bleed."""
    facing: bool = False
    """Facing pages: inner and outer margins mirrored, heads and numbers on the outside."""

    @property
    def media_bleed_mm(self) -> float:
        """How far the PDF's media box reaches beyond the trim.

        WeasyPrint draws printer's marks in the outer half of the CSS bleed area; print shops
        expect them outside the bleed itself and about 5 mm long. With marks, the media box
        therefore reaches 10 mm (or twice the bleed) beyond the trim, and the PDF's BleedBox is
        set back to the real bleed after painting.
        """
        if not self.marks:
            return self.bleed_mm
        return max(10.0, 2 * self.bleed_mm)

    @property
    def text_width_mm(self) -> float:
        """Width of the text area."""
        return self.width_mm - self.inner_mm - self.outer_mm

    @property
    def cell_min_em(self) -> float:
        """The narrowest a table cell may be, in body em: four characters, or less on a page
        too narrow for five such columns. Chinese may break between any two characters, so
        without it the table layout leaves short columns (节气, 立春) one character wide."""
        text_width_em = self.text_width_mm / (self.body_pt * MM_PER_PT)
        return round(min(4.0, text_width_em / 5), 2)

    @property
    def text_height_mm(self) -> float:
        """Height of the text area."""
        return self.height_mm - self.top_mm - self.bottom_mm


def geometry(settings: Settings) -> Geometry:
    """The geometry of an edition; PublishError when the page cannot hold the text."""
    paper, body = settings.paper, settings.size.pt
    # A booklet is printed on both sides and folded: its pages face each other.
    facing = settings.pdf.facing or settings.pdf.booklet
    # ACB: headers, footers and page numbers are never below 18 pt in large print; UKAAF:
    # ideally the body size. Above 18 pt the body size would crowd the margins, so 18 pt.
    running = min(body, 18.0)
    if settings.pdf.margins_mm is not None:
        top, outer, bottom, inner = settings.pdf.margins_mm
    else:
        top, outer, bottom, inner = (
            round(m, 1) for m in _preset_margins(paper.width_mm, paper.height_mm, running)
        )
        if facing:
            # The gutter loses a few millimetres to the binding (saddle stitch or glue).
            inner += 5
    # Large print keeps headings close to the body size (ACB: H1 22 pt, H2 20 pt over 18 pt);
    # smaller bodies need a larger step for the hierarchy to show.
    headings = (1.4, 1.25, 1.12, 1.05) if body >= 18 else (1.6, 1.35, 1.2, 1.1)
    # Readings: two thirds of the body in large print, about half below (config.reading_em,
    # which gives its sources). A larger reading needs a wider grid.
    pinyin = reading_em(body, settings.pinyin_scale)
    result = Geometry(
        width_mm=paper.width_mm,
        height_mm=paper.height_mm,
        bleed_mm=settings.pdf.bleed_mm,
        top_mm=top,
        bottom_mm=bottom,
        inner_mm=inner,
        outer_mm=outer,
        body_pt=body,
        heading_em=headings,
        running_pt=running,
        pinyin_em=round(pinyin, 3),
        # The grid of every format (config.reading_pitch_em): wide enough for the longest
        # tone-marked syllables (chuàng, zhuàng, shuāng) condensed to 70 %, so no cell needs
        # widening (a widened cell is a box of its own: slower to lay out, and a gap text
        # extraction may read as a space).
        pinyin_spacing_em=round(reading_pitch_em(body, settings.pinyin_scale) - 1, 2),
        pinyin_gap_em=READING_GAP_EM,
        pinyin_condense=READING_CONDENSE,
        marks=settings.pdf.marks,
        facing=facing,
    )
    check(result, settings)
    return result


def _preset_margins(width: float, height: float, running_pt: float) -> tuple[float, ...]:
    """Margins for a paper: APH and ACB's one inch (25 mm) on A4 and larger, less on small
    book sizes (正32开 is 130 mm wide), never so little that the running head or page number
    comes within 5 mm of the trim."""
    side = min(25.0, max(15.0, 0.12 * width))
    head = SAFE_MM + running_pt * MM_PER_PT * 1.4 + 4
    top = bottom = min(25.0, max(head, 0.09 * height))
    return top, side, bottom, side


def check(geo: Geometry, settings: Settings) -> None:
    """PublishError when margins leave no room for text or for the running head."""
    paper = settings.paper
    where = f"paper {paper.name} ({paper.width_mm:g} × {paper.height_mm:g} mm)"
    char_mm = geo.body_pt * MM_PER_PT
    if geo.inner_mm + geo.outer_mm >= geo.width_mm or geo.top_mm + geo.bottom_mm >= geo.height_mm:
        raise PublishError(
            f"the margins ({_margins(geo)}) are larger than the {where}: use smaller margins "
            "or a larger paper"
        )
    if geo.text_width_mm < MIN_CHARS_PER_LINE * char_mm:
        raise PublishError(
            f"the {where} with margins {_margins(geo)} leaves a text area {geo.text_width_mm:g} mm "
            f"wide, less than {MIN_CHARS_PER_LINE} characters at {geo.body_pt:g} pt: use a "
            "larger paper, smaller margins or a smaller size"
        )
    line_mm = geo.body_pt * LINE_HEIGHT * MM_PER_PT
    if geo.text_height_mm < MIN_LINES_PER_PAGE * line_mm * (2 if settings.pinyin else 1):
        raise PublishError(
            f"the {where} with margins {_margins(geo)} leaves a text area {geo.text_height_mm:g}"
            f" mm high, too few lines at {geo.body_pt:g} pt: use a larger paper, smaller "
            "margins or a smaller size"
        )
    head_mm = SAFE_MM + geo.running_pt * MM_PER_PT * 1.2
    if min(geo.top_mm, geo.bottom_mm) < head_mm:
        raise PublishError(
            f"top and bottom margins of {min(geo.top_mm, geo.bottom_mm):g} mm leave no room for "
            f"the running head and page number 5 mm inside the trim: use at least "
            f"{head_mm:.0f}mm"
        )


def _margins(geo: Geometry) -> str:
    return (
        f"top {geo.top_mm:g}, outer {geo.outer_mm:g}, bottom {geo.bottom_mm:g}, "
        f"inner {geo.inner_mm:g} mm"
    )
