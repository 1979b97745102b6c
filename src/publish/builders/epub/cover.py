"""The generated cover: the collection's title set in the bundled font, as a PNG.

Builders step (EPUB). Used when the manifest names no `cover:` image. A raster image because
reading systems make their library thumbnails from the cover image and not all of them draw
SVG. The image carries no information beyond the title, subtitle and publisher, which the
cover page's alt text repeats. The same text and font always give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from ...punctuation import CLOSING, OPENING

WIDTH, HEIGHT = 1200, 1800
"""Pixels: the 2:3 portrait most reading systems lay covers out at."""
_BACKGROUND = (26, 77, 90)
_INK = (255, 255, 255)
_SOFT = 215
"""Subtitle and publisher: this much of the way from the background to the ink."""
_MARGIN = 120

# W3C clreq §3.1.7: closing marks, dashes and middle dots never start a line, opening marks
# never end one.
_NO_START = set(CLOSING + "—·‧")
_NO_END = set(OPENING)


def render_cover(title: str, subtitle: str, publisher: str, font: Path) -> bytes:
    """A PNG cover with `title` (and `subtitle`, `publisher`) set in `font`."""
    from PIL import Image, ImageDraw, ImageFont

    # The text is drawn as coverage (0 background .. 255 ink) into one 8-bit channel, which
    # becomes a palette image shading from the background to the ink: a small PNG, quickly.
    mask = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(mask)
    width = WIDTH - 2 * _MARGIN

    title_size = _fit_size(title, width, 150, 80, font)
    title_font = ImageFont.truetype(str(font), title_size)
    y = HEIGHT * 0.28
    for line in balanced(title, width, lambda s: draw.textlength(s, font=title_font)):
        draw.text((WIDTH / 2, y), line, font=title_font, fill=255, anchor="mt")
        y += title_size * 1.3
    if subtitle:
        y += title_size * 0.6
        sub_font = ImageFont.truetype(str(font), 64)
        for line in balanced(subtitle, width, lambda s: draw.textlength(s, font=sub_font)):
            draw.text((WIDTH / 2, y), line, font=sub_font, fill=_SOFT, anchor="mt")
            y += 64 * 1.4
    if publisher:
        pub_font = ImageFont.truetype(str(font), 56)
        draw.text((WIDTH / 2, HEIGHT - _MARGIN), publisher, font=pub_font, fill=_SOFT, anchor="md")
    image = Image.frombytes("P", mask.size, mask.tobytes())
    image.putpalette(
        [
            round(b + (i - b) * level / 255)
            for level in range(256)
            for b, i in zip(_BACKGROUND, _INK, strict=True)
        ]
    )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _fit_size(text: str, width: int, largest: int, smallest: int, font: Path) -> int:
    """The largest size from `largest` down to `smallest` at which `text` fits on one line
    (`smallest` when it fits on none: it is then set on balanced lines)."""
    from PIL import ImageFont

    for size in range(largest, smallest, -10):
        if ImageFont.truetype(str(font), size).getlength(text) <= width:
            return size
    return smallest


def balanced(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """`text` on as few lines as `wrap` needs, made about equally long (no lone last word)."""
    lines = wrap(text, width, measure)
    if len(lines) < 2:
        return lines
    narrowest = width
    target = measure(text) / len(lines)
    while narrowest > target:
        trial = wrap(text, narrowest * 0.95, measure)
        if len(trial) > len(lines):
            break
        narrowest *= 0.95
    return wrap(text, narrowest, measure)


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """`text` broken into lines no wider than `width`, between any two characters but never
    before closing or after opening punctuation (a line may overflow rather than break there)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for char in paragraph:
            if line and measure(line + char) > width and _may_break(line, char):
                lines.append(line)
                line = ""
            line += char
        lines.append(line)
    return [line.strip() for line in lines if line.strip()]


def _may_break(before: str, char: str) -> bool:
    return char not in _NO_START and before[-1] not in _NO_END
