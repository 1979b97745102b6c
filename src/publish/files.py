"""Reading files a build uses: the one gate every source, layout and image passes.

Sources and builders steps. A project is untrusted input (a print shop builds what others send
it): whatever it names, and whatever its files link to, must stay inside the project folder or
the bundled data. `read_inside` resolves symbolic links first, then refuses a file outside the
allowed folders, anything that is not a regular file (a FIFO would block forever, /dev/zero
would never end) and a file over its size limit; the problem names the file. Every reader of
project files calls it (tests/security/test_files.py fails when a new reader does not).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .errors import SourceError

MAX_SOURCE_BYTES = 8 * 1024 * 1024
"""The largest article, manifest or pinyin.yaml: 8 MiB (about 2.8 million Chinese characters,
some twenty novels). A larger source is refused before it is parsed (docs/sources.md)."""

MAX_IMAGE_BYTES = 64 * 1024 * 1024
"""The largest image file: 64 MiB."""

MAX_LAYOUT_BYTES = 1024 * 1024
"""The largest layout template: 1 MiB."""

MAX_PATH_BYTES = 1024
"""The longest path a source may name, in bytes of UTF-8 (Linux's NAME_MAX is 255 for one
component, PATH_MAX 4096 for a whole path); a longer one is a located problem, not OSError."""


NAME_MAX = 255
"""The longest file name (one path component) Linux file systems take, in bytes."""


def path_problem(reference: str) -> str | None:
    """Why a path a source names can name no file (too long), or None."""
    encoded = os.fsencode(reference)
    if len(encoded) > MAX_PATH_BYTES:
        return f"path of {len(encoded)} bytes is too long (at most {MAX_PATH_BYTES})"
    longest = max((len(part) for part in encoded.split(b"/")), default=0)
    if longest > NAME_MAX:
        return f"a file name of {longest} bytes is too long (at most {NAME_MAX})"
    return None


def inside(
    path: Path, folders: Iterable[Path], realpaths: dict[str, str] | None = None
) -> Path | None:
    """`path` with every symbolic link resolved, when that lands inside one of `folders`.

    `realpaths`: the folders resolved so far while reading a batch of files one after another
    (a build's sources), filled as they are resolved: the allowed folders and each file's own
    folder are resolved once for the batch, and a file that is no link takes one `lstat`
    (resolving each source's path and the project's again was 5 % of a rebuild of 1,000)."""
    try:
        if realpaths is None:
            resolved = Path(path).resolve(strict=True)
        else:
            resolved = _resolved(Path(path), realpaths)
    except (OSError, RuntimeError):  # missing, a link loop, a name too long
        return None
    for folder in folders:
        top = Path(folder).resolve() if realpaths is None else Path(_real(str(folder), realpaths))
        if resolved.is_relative_to(top):
            return resolved
    return None


def _resolved(path: Path, realpaths: dict[str, str]) -> Path:
    """`path.resolve(strict=True)`, its folder resolved once (`inside`): the real path of a
    name that is no link, in a folder, is the folder's real path and that name."""
    if path.name in ("", ".", "..") or stat.S_ISLNK(os.lstat(path).st_mode):
        return path.resolve(strict=True)
    return Path(_real(str(path.parent), realpaths), path.name)


def _real(folder: str, realpaths: dict[str, str]) -> str:
    found = realpaths.get(folder)
    if found is None:
        found = realpaths[folder] = os.path.realpath(folder)
    return found


def read_inside(
    path: Path,
    folders: Iterable[Path] | None,
    limit: int,
    what: str = "file",
    realpaths: dict[str, str] | None = None,
) -> bytes:
    """The bytes of `path`, which must resolve inside one of `folders` (None: anywhere), be a
    regular file and hold at most `limit` bytes; otherwise a `SourceError` naming it.
    `realpaths`: the folders resolved so far in a batch of files (`inside`)."""
    path = Path(path)
    too_long = path_problem(str(path))
    if too_long is not None:
        raise SourceError.at(None, f"{what} {str(path)[:60]}…: {too_long}")
    if folders is not None:
        resolved = inside(path, folders, realpaths)
        if resolved is None:
            if path.is_symlink() or path.exists():
                raise SourceError.at(
                    path,
                    f"{what} leads outside the project (through a symbolic link): keep it, not a "
                    "link to it, inside the project folder",
                )
            raise SourceError.at(path, f"{what} not found")
        path = resolved
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; the fstat below refuses it.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise SourceError.at(path, f"{what} not found") from None
    except OSError as error:
        raise SourceError.at(path, f"cannot read {what}: {error.strerror}") from None
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):
            kind = "a folder" if stat.S_ISDIR(status.st_mode) else "not a regular file"
            raise SourceError.at(path, f"{what} is {kind}: give a file")
        if status.st_size > limit:
            raise SourceError.at(path, _too_large(what, status.st_size, limit))
        os.set_blocking(file.fileno(), True)
        try:
            data = file.read(limit + 1)
        except OSError as error:
            raise SourceError.at(path, f"cannot read {what}: {error.strerror}") from None
    if len(data) > limit:  # it grew while read
        raise SourceError.at(path, _too_large(what, len(data), limit))
    return data


def _too_large(what: str, size: int, limit: int) -> str:
    return (
        f"{what} is {size / 1048576:.1f} MiB, over the limit of {limit / 1048576:.0f} MiB: "
        "split it into smaller files"
    )
