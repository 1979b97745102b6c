"""The EPUB container: a reproducible zip (OCF 3.3 §4.2).

Builders step (EPUB), last: the `mimetype` entry first and stored, every other entry after it in
sorted order, compressed, with one fixed timestamp and fixed permissions, so the same book gives
the same bytes on every machine and at every time (reproducible-builds.org). Written to a
temporary file beside the target and moved into place, so a failure leaves nothing half-written.
"""

from __future__ import annotations

import os
import secrets
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

MIMETYPE = b"application/epub+zip"
_EARLIEST = datetime(1980, 1, 1, tzinfo=UTC)  # the first date a zip entry can carry


def write_epub(entries: Mapping[str, bytes], target: Path, when: datetime) -> Path:
    """Write `entries` (path in the container -> bytes) as the EPUB `target`, stamped `when`."""
    stamp = max(when.astimezone(UTC), _EARLIEST).timetuple()[:6]
    temporary = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}")
    # os.open rather than mkstemp: the finished file gets the usual permissions (umask), not 0600.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as file, zipfile.ZipFile(file, "w") as archive:
            archive.writestr(_info("mimetype", stamp, zipfile.ZIP_STORED), MIMETYPE)
            for name in sorted(entries):
                if name != "mimetype":
                    archive.writestr(
                        _info(name, stamp, zipfile.ZIP_DEFLATED), entries[name], compresslevel=6
                    )
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _info(name: str, stamp: tuple[int, ...], compression: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
    info.compress_type = compression
    info.create_system = 3  # Unix, whatever the building machine is
    info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
    return info


class Spool(Mapping[str, bytes]):
    """The entries of one container (path -> bytes), kept in a temporary file in `folder` as
    they are made, until the container is written: the zip wants its entries in sorted order,
    the fonts and the stylesheet (sorted before the articles' documents) are known only after
    every document is rendered, and a 10,000-article book's documents are gigabytes."""

    def __init__(self, folder: Path) -> None:
        # Closed by the spool, which is the context manager; gone when closed, even on failure.
        self._file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115
        self._where: dict[str, tuple[int, int]] = {}

    def add(self, name: str, data: bytes) -> None:
        """Keep `data` as the entry `name`."""
        offset = self._file.seek(0, os.SEEK_END)
        self._file.write(data)
        self._where[name] = (offset, len(data))

    def __getitem__(self, name: str) -> bytes:
        offset, size = self._where[name]
        self._file.seek(offset)
        return self._file.read(size)

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def __enter__(self) -> Spool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._file.close()
