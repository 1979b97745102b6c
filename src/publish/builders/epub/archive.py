"""The EPUB container: a reproducible zip (OCF 3.3 §4.2).

Builders step (EPUB), last: the `mimetype` entry first and stored, every other entry after it in
sorted order, compressed, with one fixed timestamp and fixed permissions, so the same book gives
the same bytes on every machine and at every time (reproducible-builds.org). Written to a
temporary file beside the target and moved into place, so a failure leaves nothing half-written.
"""

from __future__ import annotations

import os
import secrets
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

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
