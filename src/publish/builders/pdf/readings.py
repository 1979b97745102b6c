"""Pinyin in print: readings stacked above their characters, drawn after layout.

Builders step (PDF). WeasyPrint does not lay out <ruby>, and giving every annotated character
boxes of its own (inline-block, inline-table, an absolutely positioned reading) makes layout
tens of times slower and still lets long syllables overlap. So the print layout sets the
characters as ordinary text, on an even grid (letter-spacing) with room above each line (line
height), and this module:

1. before layout, widens the cell of a character whose reading could not fit the grid even
   condensed (`PinyinCells.pad`: a padding class on that one character; with the grid of
   `geometry` no tone-marked syllable needs it, zhuyin may);
2. after layout, finds where each annotated character was set (`Placement`, from the text
   boxes that `textmap` matched to the model) and
3. while the page is painted, draws each reading centred above its character, in the same
   family at about half the size, condensed only as far as its neighbours' readings need, as
   an artifact wrapped in an empty /ActualText span: text extraction, search, copy and screen
   readers get the characters once, in order, and never the readings ("国务院", not
   "国guó务wù院yuàn").

This reaches into WeasyPrint's laid-out boxes and its text drawing (`draw_first_line`); both are
pinned by the `weasyprint>=70,<71` dependency and covered by the PDF tests.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ...fonts.faces import text_width_em
from .geometry import Geometry

PAD_STEP_EM = 0.05
"""Cell widening comes in steps of 1/20 em (one CSS class per step)."""
MAX_PAD_STEPS = 30
"""1.5 em each side: wider than any pinyin or zhuyin reading needs."""


class PinyinCells:
    """How much wider than the grid each reading needs its character's cell to be."""

    def __init__(self, face: Path, geo: Geometry) -> None:
        self._face = face
        self._geo = geo

    def width_em(self, reading: str) -> float:
        """The reading's width relative to the text it annotates."""
        return text_width_em(self._face, reading) * self._geo.pinyin_em

    def pad(self, reading: str) -> str:
        """The class widening a character for `reading` ("" when the grid cell is enough).

        A cell is 1 em plus the grid's letter-spacing. A reading wider than its cell is first
        condensed (down to `Geometry.pinyin_condense`) when it is drawn, and only as far as
        its neighbours need; a reading too wide even then widens its character's cell here,
        on both sides so that the character stays centred. That keeps the grid even for all
        but about one character in a hundred, and layout as fast as plain text.
        """
        steps = self._pad_steps(reading)
        return f"py-pad{steps}" if steps else ""

    def cell_em(self, reading: str) -> float:
        """The width of the cell of a character read `reading`, in em: the grid's, widened
        on both sides by its padding."""
        return 1 + self._geo.pinyin_spacing_em + 2 * self._pad_steps(reading) * PAD_STEP_EM

    def _pad_steps(self, reading: str) -> int:
        geo = self._geo
        width = self.width_em(reading) * geo.pinyin_condense
        need = width + geo.pinyin_gap_em - (1 + geo.pinyin_spacing_em)
        if need <= 0:
            return 0
        return min(MAX_PAD_STEPS, math.ceil(need / 2 / PAD_STEP_EM - 1e-9))


def pad_classes() -> list[tuple[str, float]]:
    """Every class `PinyinCells.pad` can return, with its padding on each side in em."""
    return [(f"py-pad{n}", round(n * PAD_STEP_EM, 3)) for n in range(1, MAX_PAD_STEPS + 1)]


# --------------------------------------------------------------------------- after layout


@dataclass(frozen=True, slots=True)
class Placement:
    """One reading to draw: centred at `x`, its baseline at `baseline`, in CSS px."""

    x: float
    """The horizontal centre of the annotated character."""
    baseline: float
    """The baseline of the annotated character."""
    reading: str
    """The reading."""
    style: Any
    """The computed style of the annotated text (WeasyPrint's), for family, size and colour."""


def char_centres(box: Any, indices: Sequence[int]) -> list[float]:
    """The horizontal centres of the characters at `indices` of a laid-out text box.

    Walks the shaped glyphs of the box's line as WeasyPrint draws them: each glyph starts at
    the sum of the advances before it plus its x offset (letter-spacing is half before, half
    after the glyph), and its own width is its logical width in the font.
    """
    from weasyprint.text.ffi import FROM_UNITS, ffi, pango

    text = box.text
    wanted: dict[int, int] = {}
    byte = 0
    positions = set(indices)
    for index, char in enumerate(text):
        if index in positions:
            wanted[byte] = index
        byte += len(char.encode())
    found: dict[int, float] = {}
    layout = box.pango_layout
    layout.reactivate(box.style)
    logical = ffi.new("PangoRectangle *")
    try:
        line, _ = layout.get_first_line()
        x = 0
        run = line.runs
        while run != ffi.NULL:
            item = run.data
            run = run.next
            glyphs = item.glyphs
            font = item.item.analysis.font
            for i in range(glyphs.num_glyphs):
                info = glyphs.glyphs[i]
                cluster = item.item.offset + glyphs.log_clusters[i]
                if cluster in wanted and wanted[cluster] not in found:
                    pango.pango_font_get_glyph_extents(font, info.glyph, ffi.NULL, logical)
                    left = x + info.geometry.x_offset
                    found[wanted[cluster]] = (left + logical.width / 2) * FROM_UNITS
                x += info.geometry.width
            if len(found) == len(wanted):
                break  # the rest of the line has no annotated character
    finally:
        layout.deactivate()
    return [box.position_x + found.get(index, 0.0) for index in indices]


class ReadingPainter:
    """Draws the readings of one document's pages: each reading shaped and drawn once per
    style, its text operations repeated wherever it stands (`_Recorder`)."""

    def __init__(self, geo: Geometry) -> None:
        self._geo = geo
        self._styles: dict[tuple[Any, ...], Any] = {}
        self._keys: dict[int, tuple[Any, tuple[Any, ...], tuple[Any, ...]]] = {}
        self._layouts: dict[tuple[tuple[Any, ...], str], tuple[Any, ...]] = {}
        self._drawn: dict[tuple[tuple[Any, ...], str], _Operations] = {}

    def _style_keys(self, style: Any) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """The cache keys of the reading styles (pinyin, zhuyin) for text in `style`.

        A page's placements share a few computed styles: the key is built once per style
        object, which is kept alive here so that its id is never reused.
        """
        found = self._keys.get(id(style))
        if found is None:
            font = (
                tuple(style["font_family"]),
                style["font_size"],
                style["font_style"],
                style["font_stretch"],
                str(style["color"]),
            )
            found = self._keys[id(style)] = (style, ("zh-Latn-pinyin", *font), ("zh-Bopo", *font))
        return found[1], found[2]

    def _reading_style(self, style: Any, key: tuple[Any, ...]) -> Any:
        """The style a reading of text in `style` is set in (`key` from `_style_keys`)."""
        if key not in self._styles:
            reading = style.copy()
            reading["font_size"] = style["font_size"] * self._geo.pinyin_em
            # Readings stay regular over bold headings: a bold reading at half size fills in,
            # and the cells were measured with the regular face.
            reading["font_weight"] = 400
            reading["letter_spacing"] = "normal"
            reading["word_spacing"] = 0
            reading["text_decoration_line"] = "none"
            reading["font_variant_ligatures"] = "normal"
            reading["lang"] = key[0]
            self._styles[key] = reading
        return self._styles[key]

    def _layout(self, style: Any, reading: str) -> tuple[tuple[Any, ...], Any, Any, float]:
        """A shaped reading (kept active for every page that draws it), its style and width,
        and its cache key.

        Kept whole, by the reading's style and the reading: a page draws some 160 readings,
        and looking up the reading's style and its shaping apart for each was a quarter of
        drawing them (docs/benchmarks.md, "The readings drawn")."""
        pinyin_key, zhuyin_key = self._style_keys(style)
        key = (zhuyin_key if _is_zhuyin(reading) else pinyin_key, reading)
        found = self._layouts.get(key)
        if found is None:
            from weasyprint.text.line_break import Layout, line_size

            reading_style = self._reading_style(style, key[0])
            layout = Layout(reading_style)
            layout.set_text(reading)
            line, _ = layout.get_first_line()
            width, _ = line_size(line, reading_style)
            found = self._layouts[key] = (key, layout, reading_style, width)
        return found

    def _draw(
        self, stream: Any, key: tuple[Any, ...], drawn: _Drawn, matrix: tuple[float, ...]
    ) -> None:
        """Draw a shaped reading with WeasyPrint's text drawing the first time, then by
        repeating its operations: shaping and encoding a syllable's glyphs again for each of
        its thousands of places was a fifth of painting a page (docs/benchmarks.md).
        `matrix`: the text matrix's six values (a, b, c, d, e, f)."""
        operations = self._drawn.get(key)
        if operations is None:
            from weasyprint.draw.text import draw_first_line
            from weasyprint.matrix import Matrix

            recorder = _Recorder(stream)
            draw_first_line(recorder, drawn, "clip", "none", Matrix(*matrix))
            operations = self._drawn[key] = recorder.finished()
        operations.repeat(stream, matrix)

    def paint(self, stream: Any, scale: float, placements: Sequence[Placement]) -> None:
        """Draw a page's readings while it is painted, as one artifact with empty ActualText."""
        import pydyf

        if not placements:
            return
        readings = [_dotted(place.reading) for place in placements]
        shaped = [
            self._layout(place.style, reading)
            for place, (reading, _) in zip(placements, readings, strict=True)
        ]
        scales = self._fit(placements, [width for *_, width in shaped])
        with stream.stacked():
            stream.transform(a=scale, d=scale)
            stream.begin_marked_content("Artifact")
            # Poppler, pdf.js and Acrobat replace a /Span's content by its ActualText: an
            # empty one keeps the readings out of extracted and copied text (an artifact alone
            # is still extracted by pdftotext).
            stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String()}))
            for place, (reading, dotted), (key, layout, style, width), condense in zip(
                placements, readings, shaped, scales, strict=True
            ):
                size = place.style["font_size"]
                # The reading's descenders clear the top of the character's em box (0.88 em
                # above the baseline in CJK fonts) by a small gap.
                y = place.baseline - size * (0.96 + 0.2 * self._geo.pinyin_em)
                x = place.x - width * condense / 2
                stream.set_color(style["color"])
                stream.begin_text()
                self._draw(stream, key, _Drawn(reading, style, layout), (condense, 0, 0, -1, x, y))
                if dotted:
                    # Zhuyin's neutral tone: ˙ above the first symbol, as Taiwan's textbooks
                    # print it over horizontal text (教育部《國語注音符號手冊》).
                    *_, first = self._layout(place.style, reading[0])
                    dot_key, dot, dot_style, dot_width = self._layout(place.style, NEUTRAL_DOT)
                    dot_x = x + (first * condense - dot_width) / 2
                    dot_y = y - size * self._geo.pinyin_em * DOT_RAISE_EM
                    self._draw(
                        stream,
                        dot_key,
                        _Drawn(NEUTRAL_DOT, dot_style, dot),
                        (1, 0, 0, -1, dot_x, dot_y),
                    )
                stream.end_text()
            stream.end_marked_content()
            stream.end_marked_content()

    def _fit(self, placements: Sequence[Placement], widths: Sequence[float]) -> list[float]:
        """How much to condense each reading so that neighbours on a line keep a gap.

        Readings stay centred over their characters; of two readings that would come closer
        than the gap, the wider is condensed first, then both, never below
        `Geometry.pinyin_condense` (the cells were widened before layout where that is not
        enough).
        """
        geo = self._geo
        scales = [1.0] * len(placements)
        order = sorted(
            range(len(placements)),
            key=lambda i: (round(placements[i].baseline, 1), placements[i].x),
        )
        for a, b in itertools.pairwise(order):
            left, right = placements[a], placements[b]
            if round(left.baseline, 1) != round(right.baseline, 1):
                continue
            gap = geo.pinyin_gap_em * min(left.style["font_size"], right.style["font_size"])
            room = 2 * (right.x - left.x - gap)
            wide, narrow = (a, b) if widths[a] >= widths[b] else (b, a)
            if widths[a] * scales[a] + widths[b] * scales[b] <= room:
                continue
            scales[wide] = max(
                geo.pinyin_condense, (room - widths[narrow] * scales[narrow]) / widths[wide]
            )
            if widths[a] * scales[a] + widths[b] * scales[b] > room:
                scales[narrow] = max(
                    geo.pinyin_condense, (room - widths[wide] * scales[wide]) / widths[narrow]
                )
        return scales


NEUTRAL_DOT = "˙"
DOT_RAISE_EM = 0.65
"""How far above the symbols the neutral-tone dot sits, in the reading's em."""


def _dotted(reading: str) -> tuple[str, bool]:
    """A zhuyin reading without its leading neutral-tone dot, and whether it had one."""
    if reading.startswith(NEUTRAL_DOT) and len(reading) > 1:
        return reading[1:], True
    return reading, False


@cache
def _is_zhuyin(reading: str) -> bool:
    # Cached: asked for every reading drawn, of some 1,500 syllables.
    return any("\u3105" <= c <= "\u312f" or "\u31a0" <= c <= "\u31bf" for c in reading)


@dataclass(frozen=True, slots=True)
class _Operations:
    """The text operations `draw_first_line` made for one shaped reading, after its text
    matrix (none when it drew nothing: a blank reading)."""

    drawn: bool
    operations: tuple[tuple[str, tuple[Any, ...]], ...]

    def repeat(self, stream: Any, matrix: tuple[float, ...]) -> None:
        """Make the same operations on `stream` with the text matrix `matrix` (its six
        values), through the stream's own methods, so that its font state (a Tf only when
        the font changes) behaves as if WeasyPrint drew it there: the same bytes."""
        if not self.drawn:
            return
        stream.set_text_matrix(*matrix)
        for name, arguments in self.operations:
            getattr(stream, name)(*arguments)


class _Recorder:
    """Stands in for a page's stream while `draw_first_line` draws a reading once.

    The glyphs are registered with the document's fonts (which every page shares: the
    subsets and widths are the same as drawing it each time); the text operations are kept
    for `_Operations.repeat`. `draw_first_line` (WeasyPrint 70) uses only these members.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.ink_rect = stream.ink_rect
        self.logical_rect = stream.logical_rect
        self._drawn = False
        self._operations: list[tuple[str, tuple[Any, ...]]] = []

    def add_font(self, pango_font: Any) -> Any:
        return self._stream.add_font(pango_font)

    def set_text_matrix(self, *values: float) -> None:
        self._drawn = True

    def set_font_size(self, font: str, size: float) -> None:
        self._operations.append(("set_font_size", (font, size)))

    def show_text(self, text: str) -> None:
        self._operations.append(("show_text", (text,)))

    def set_text_rise(self, rise: float) -> None:
        self._operations.append(("set_text_rise", (rise,)))

    def finished(self) -> _Operations:
        return _Operations(self._drawn, tuple(self._operations))


@dataclass(slots=True)
class _Drawn:
    """What WeasyPrint's `draw_first_line` reads from a text box."""

    text: str
    style: Any
    pango_layout: Any
    baseline: float = 0.0
