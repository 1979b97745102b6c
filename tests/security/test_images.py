"""Broken images and decompression bombs fail every format alike; large ones are scaled down."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image

from publish.images import MAX_EMBEDDED_SIDE
from tests.conftest import tiny_png
from tests.security.conftest import Project, fails_cleanly


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims `width` x `height` grey pixels: a bomb's header, its data cut short."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = zlib.compress(b"\x00" * 1000, 9)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data)


def _with_figure(project: Project, image: bytes) -> None:
    project.file("images/fig.png", image)
    project.article(body="![一张图](../images/fig.png)\n")


@pytest.mark.parametrize(
    ("image", "message"),
    [
        (png_header_only(20000, 20000), "over the limit of 40,000,000 pixels"),
        (png_header_only(10000, 10000), "over the limit of 40,000,000 pixels"),
        (tiny_png(40, 40)[:-40], "a broken image"),
        (b"%PDF-1.7 not an image", "not a PNG, JPEG, GIF or WebP image"),
    ],
    ids=["20000x20000", "10000x10000", "truncated", "not-an-image"],
)
@pytest.mark.parametrize("command", ["check", "pdf", "epub", "html"])
def test_a_bad_image_fails_in_one_line_naming_it(
    project: Project, tmp_path: Path, image: bytes, message: str, command: str
) -> None:
    _with_figure(project, image)
    args = ["check"] if command == "check" else ["build", "-f", command, "-o", tmp_path / "out"]
    result = project.run(*args[:1], "project", *args[1:])
    assert len(fails_cleanly(result, "a.md:5", "fig.png", message)) == 1
    assert "DecompressionBombWarning" not in result.stderr


def _large_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (3000, 300), (10, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def test_a_large_image_is_scaled_down_for_the_epub_and_the_site(
    project: Project, tmp_path: Path
) -> None:
    _with_figure(project, _large_png())
    result = project.run("build", "project", "-f", "epub,html", "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    (site_image,) = (tmp_path / "out" / "html" / "images").rglob("*.png")
    with Image.open(site_image) as shown:
        assert shown.size == (MAX_EMBEDDED_SIDE, 256)
    book = zipfile.ZipFile(tmp_path / "out" / "project.epub")
    (name,) = [n for n in book.namelist() if n.endswith(".png") and "cover" not in n]
    with Image.open(io.BytesIO(book.read(name))) as shown:
        assert shown.size == (MAX_EMBEDDED_SIDE, 256)
