"""Which files an output may read: the project, the bundled layouts and fonts, data: URIs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from publish.builders.resources import allowed_folders, is_allowed, url_fetcher
from publish.config import bundled_path
from publish.fonts.distinct import print_face_data
from publish.fonts.faces import face_data
from publish.pipeline import build, load
from tests.conftest import FIXTURES


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, ...]:
    (tmp_path / "project" / "images").mkdir(parents=True)
    return ((tmp_path / "project").resolve(), bundled_path("fonts").resolve())


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("data:image/png;base64,iVBORw0KGgo=", True),
        ("https://example.com/a.png", False),
        ("http://localhost/a.png", False),
        ("ftp://example.com/a.png", False),
        ("file:///etc/passwd", False),
        ("file://server/share/a.png", False),
    ],
)
def test_only_local_files_and_data_uris(folders: tuple[Path, ...], url: str, allowed: bool) -> None:
    assert is_allowed(url, folders) is allowed


def test_files_inside_the_allowed_folders(folders: tuple[Path, ...]) -> None:
    project = folders[0]
    image = project / "images" / "a.png"
    image.write_bytes(b"")
    assert is_allowed(image.as_uri(), folders)
    assert is_allowed((bundled_path("fonts") / "NotoSansCJKsc-Regular.woff2").as_uri(), folders)
    # Climbing out with .. or through a symbolic link is refused.
    assert not is_allowed((project / ".." / "secret.txt").as_uri(), folders)
    outside = project.parent / "secret.txt"
    outside.write_text("secret")
    (project / "link.txt").symlink_to(outside)
    assert not is_allowed((project / "link.txt").as_uri(), folders)
    # A single file (a fallback font in a temporary folder) can be allowed by name.
    assert is_allowed(outside.as_uri(), folders, files=[outside])


def test_the_fetcher_refuses_what_is_not_allowed(folders: tuple[Path, ...]) -> None:
    fetcher = url_fetcher(folders)
    with pytest.raises(ValueError, match="not allowed"):
        fetcher.fetch("https://example.com/a.png")
    response = fetcher.fetch("data:text/plain;base64,5Lit")
    assert response.read() == "中".encode()


def test_allowed_folders_of_a_collection() -> None:
    collection = load(FIXTURES / "pdf-outside-resources").collection
    assert allowed_folders(collection)[0] == collection.root.resolve()


def test_a_layout_cannot_make_the_pdf_read_outside_the_project(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="publish"):
        [written] = build(FIXTURES / "pdf-outside-resources", tmp_path, formats="pdf")
    assert written.is_file()
    refused = [r.getMessage() for r in caplog.records if r.name == "publish"]
    assert any("file:///etc/hostname" in m for m in refused), refused
    assert any("https://example.com/tracker.png" in m for m in refused), refused
    assert b"/Image" not in written.read_bytes()


def test_the_fetcher_gives_weasyprint_a_bundled_face_as_truetype(
    folders: tuple[Path, ...],
) -> None:
    """The bundled faces are stored as WOFF2: the PDF builder's WeasyPrint gets the TrueType
    file each stores, decompressed once per process, not the WOFF2 to decompress itself, with
    a glyph for each character (`fonts.distinct`), so that the PDF's text copies right."""
    face = bundled_path("fonts") / "NotoSansCJKsc-Regular.woff2"
    assert face.read_bytes()[:4] == b"wOF2"
    data = url_fetcher(folders).fetch(face.as_uri()).read()
    assert data[:4] == b"\0\1\0\0"
    assert data == print_face_data(face)
    assert len(data) > len(face_data(face))  # … and ⋯ shared a glyph: one more is there
