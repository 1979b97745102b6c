"""The output folder, switched whole: the pipeline's last step.

A build writes everything into a staging folder beside the output folder `OUT` (same file
system), then makes the staging folder `OUT` in one step, so whatever moment the process dies
(kill -9, a power cut), `OUT` is entirely the old build or entirely the new one:

- `OUT` missing: `rename(2)` of the staging folder to `OUT`;
- `OUT` a folder: `renameat2(2)` with `RENAME_EXCHANGE` swaps the two folders atomically (Linux
  3.15+, on ext4, XFS, Btrfs, tmpfs and most local file systems), and the old build, now under
  the staging name, is removed.

Outputs of formats this build did not make (a `-f html` build into a folder holding a PDF) are
carried into the staging folder first as hard links (copies across devices), so they survive
the switch. A staging folder left by a killed build is named `.OUT.publish-*` and is removed by
the next build into `OUT`. Limits: two builds into the same `OUT` at once are not supported (the
later switch wins); where the exchange is unavailable (not Linux, or a file system without it)
the old folder is moved aside and the new one moved in, two renames with a moment between them
when `OUT` does not exist.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import PublishError

_STAGING = ".publish-"
_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def staging_prefix(target: Path) -> str:
    """The name prefix of `target`'s staging folders (beside it)."""
    return f".{target.name}{_STAGING}"


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A staging folder beside `target`, removed on exit (after `switch`, it holds nothing).

    Leftover staging folders of `target` (a build killed before it cleaned up) go first. An
    `OSError` (a full disk, no permission, a read-only file system) becomes one `PublishError`;
    `target` is untouched until `switch`.
    """
    target = Path(target)
    try:
        if target.exists() and not target.is_dir():
            raise PublishError(f"{target} is a file, not a folder: give -o a folder to write to")
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
        # mkdtemp makes a private folder (0700); the output keeps the old one's mode, or gets
        # the one any new folder gets.
        staging.chmod(target.stat().st_mode & 0o7777 if target.is_dir() else _default_mode())
    except OSError as error:
        raise _cannot_write(target, error) from None
    try:
        yield staging
    except OSError as error:
        if error.errno not in _WRITE_ERRORS:
            raise
        raise _cannot_write(target, error) from None
    finally:
        _remove(staging)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def remove_leftovers(target: Path) -> None:
    """Remove the staging folders earlier builds into `target` left behind."""
    for leftover in target.parent.glob(f"{staging_prefix(target)}*"):
        _remove(leftover)


def _remove(path: Path) -> None:
    # After an exchange with an `OUT` that was a symbolic link, the link is what is left here.
    if path.is_symlink():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def switch(staging: Path, target: Path, written: list[Path]) -> list[Path]:
    """Make `staging` the folder `target` in one step, keeping `target`'s other outputs; returns
    where the `written` paths (inside `staging`) now are."""
    made = {path.relative_to(staging).parts[0] for path in written}
    try:
        if target.is_dir():
            _carry_over(target, staging, made)
            _exchange(staging, target)
        else:
            os.rename(staging, target)
    except OSError as error:
        raise _cannot_write(target, error) from None
    return [target / path.relative_to(staging) for path in written]


def _carry_over(target: Path, staging: Path, made: set[str]) -> None:
    """Hard-link (or copy) what `target` holds and this build did not make into `staging`."""
    for entry in target.iterdir():
        if entry.name in made or entry.name.startswith(".publish-"):
            continue
        destination = staging / entry.name
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, destination, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry, destination)


def _link_or_copy(source: str | Path, destination: str | Path) -> None:
    if Path(source).is_symlink():
        os.symlink(os.readlink(source), destination)
        return
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def _exchange(staging: Path, target: Path) -> None:
    """Swap two folders atomically; the old one ends up at `staging` (removed by the caller)."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        done = renameat2(
            _AT_FDCWD, os.fsencode(staging), _AT_FDCWD, os.fsencode(target), _RENAME_EXCHANGE
        )
        if done == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
            raise OSError(code, os.strerror(code), str(target))
    # No atomic exchange here: two renames (see the module's docstring).
    aside = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
    os.rename(target, aside / "old")
    os.rename(staging, target)
    os.rename(aside, staging)


_WRITE_ERRORS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "a file is over the file system's size limit",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}
"""The errors of writing that are the machine's state, not a bug: one line each."""


def _cannot_write(target: Path, error: OSError) -> PublishError:
    reason = _WRITE_ERRORS.get(error.errno or 0, error.strerror or str(error))
    where = f" ({error.filename})" if error.filename else ""
    return PublishError(
        f"cannot write the output to {target}: {reason}{where}; the previous output is unchanged"
    )
