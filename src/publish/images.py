"""Images: checked once on load, scaled down for the screen formats.

Sources step (`image_problem`) and builders step (`embedded`). A figure or cover is read
through `files.read_inside` and decoded whole on load, so a broken file or a decompression
bomb (a small file that decodes to gigabytes) fails `check` and every format alike, naming
the file, instead of being dropped from the PDF and shipped unchanged in the EPUB and the site.
The pixel count is read from the header before anything is decoded.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from .files import MAX_IMAGE_BYTES, read_inside

MAX_IMAGE_PIXELS = 40_000_000
"""The most pixels an image may have: 40 million (8000x5000; a 40-megapixel camera). Decoded,
that is 160 MB; more is refused before decoding (docs/sources.md)."""

FORMATS = frozenset({"PNG", "JPEG", "GIF", "WEBP"})
"""The image formats every output carries: the EPUB core raster types (EPUB 3.3 §3.2). SVG is
one too, but may carry scripts and remote references."""

MAX_EMBEDDED_SIDE = 2560
"""The longest side, in pixels, of an image in the EPUB and the site; larger ones are scaled
down (a reading system or browser shows them no sharper, and they cost readers memory)."""


def image_problem(path: Path, root: Path) -> str | None:
    """Why the image at `path` cannot be published (unreadable, broken, too large), or None."""
    from PIL import Image, UnidentifiedImageError

    data = read_inside(path, (root,), MAX_IMAGE_BYTES, "image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in FORMATS:
                    raise UnidentifiedImageError
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    return _too_many(f"{width}x{height} pixels: ")
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):  # Pillow's limits
        return _too_many("")
    except UnidentifiedImageError:
        return "not a PNG, JPEG, GIF or WebP image: convert it to PNG or JPEG"
    except (OSError, SyntaxError, ValueError) as error:
        return f"a broken image ({str(error)[:80]}): save it again as PNG or JPEG"
    return None


def _too_many(size: str) -> str:
    return (
        f"{size}over the limit of {MAX_IMAGE_PIXELS:,} pixels (a decompression bomb, or a scan "
        "to scale down first)"
    )


def embedded(path: Path, root: Path) -> bytes:
    """The image's bytes for the EPUB and the site: the file itself, or scaled down to
    `MAX_EMBEDDED_SIDE` in the same format when it is larger."""
    from PIL import Image

    data = read_inside(path, (root,), MAX_IMAGE_BYTES, "image")
    with Image.open(io.BytesIO(data)) as image:
        if max(image.size) <= MAX_EMBEDDED_SIDE:
            return data
        kind = image.format or "PNG"
        scaled = image.copy()
        scaled.thumbnail((MAX_EMBEDDED_SIDE, MAX_EMBEDDED_SIDE), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        options = {"quality": 90} if kind == "JPEG" else {}
        if kind == "JPEG" and scaled.mode not in ("RGB", "L", "CMYK"):
            scaled = scaled.convert("RGB")
        scaled.save(out, format=kind, **options)
        return out.getvalue()
