"""The container: mimetype first and stored, sorted entries, fixed times, same bytes each time."""

from __future__ import annotations

import stat
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from publish.builders.epub.archive import Spool, write_epub
from publish.cache import FOLDER
from publish.pipeline import build
from tests.builders.epub.conftest import NS, Book
from tests.conftest import EXAMPLES, FIXTURES

SEED = EXAMPLES / "luyuan-interviews"


def test_mimetype_is_the_first_entry_stored_uncompressed(book: Callable[[str], Book]) -> None:
    epub = book("seed")
    first = epub.zip.infolist()[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED
    assert epub.read("mimetype") == b"application/epub+zip"
    # OCF 3.3 §4.2.6.3: readers sniff the bytes "mimetypeapplication/epub+zip" at offset 30.
    assert epub.path.read_bytes()[30:58] == b"mimetypeapplication/epub+zip"


def test_other_entries_are_sorted_compressed_and_stamped_with_the_collection_date(
    book: Callable[[str], Book],
) -> None:
    infos = book("seed").zip.infolist()[1:]
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
    # The collection is dated 2018-11-16 (Asia/Shanghai): 2018-11-15 16:00 UTC.
    assert {i.date_time for i in book("seed").zip.infolist()} == {(2018, 11, 15, 16, 0, 0)}
    assert {stat.S_IMODE(i.external_attr >> 16) for i in infos} == {0o644}


def test_the_container_points_at_the_package_document(book: Callable[[str], Book]) -> None:
    epub = book("seed")
    assert epub.opf_path == "EPUB/package.opf"
    assert epub.opf.tag == f"{{{NS['opf']}}}package"


def test_the_same_sources_give_the_same_bytes(book: Callable[[str], Book], tmp_path: Path) -> None:
    first = book("seed").path.read_bytes()  # built in a folder of its own
    second = build(SEED, tmp_path, formats="epub")[0].read_bytes()
    assert first == second


def test_source_date_epoch_sets_every_timestamp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    moment = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))
    epub = Book(build(SEED, tmp_path, formats="epub")[0])
    assert epub.meta("dcterms:modified") == ["2024-05-06T07:08:09Z"]
    assert {i.date_time for i in epub.zip.infolist()} == {(2024, 5, 6, 7, 8, 8)}  # 2 s steps
    # The publication date stays the collection's.
    assert epub.dc("date") == ["2018-11-16"]


def test_a_bad_source_date_epoch_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from publish.errors import PublishError

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(PublishError, match="SOURCE_DATE_EPOCH"):
        build(SEED, tmp_path, formats="epub")


def test_the_finished_file_is_readable_by_others(tmp_path: Path) -> None:
    (path,) = build(FIXTURES / "minimal", tmp_path, formats="epub")
    assert path.stat().st_mode & 0o044  # group/others may read it (umask allowing)
    # No temporary file left (beside the build cache).
    assert [p.name for p in tmp_path.iterdir() if p.name != FOLDER] == [path.name]


def test_a_spool_gives_the_zip_of_its_entries_in_memory_and_leaves_no_file(
    tmp_path: Path,
) -> None:
    entries = {"EPUB/text/b.xhtml": "乙".encode() * 5000, "EPUB/css/a.css": b"", "z": b"z"}
    when = datetime(2024, 3, 20, tzinfo=UTC)
    with Spool(tmp_path) as spool:
        for name, data in entries.items():
            spool.add(name, data)
        assert dict(spool) == entries
        write_epub(spool, tmp_path / "spooled.epub", when)
    write_epub(entries, tmp_path / "in-memory.epub", when)
    spooled = (tmp_path / "spooled.epub").read_bytes()
    assert spooled == (tmp_path / "in-memory.epub").read_bytes()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in-memory.epub", "spooled.epub"]
