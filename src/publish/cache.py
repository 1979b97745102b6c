"""The build cache: a step's expensive results kept by content, so that a rebuild after one
article changed redoes that article's work and reads the rest.

Beside the pipeline, like `parallel`: `pipeline.build` opens one for the build (`opened`), and
a step asks `current()` for it (None: no cache) and looks its results up by a key made of
everything they depend on (`key`): the step's name, its inputs' content, the options it reads,
and the package itself (its version and the size and time of each of its files, so a changed
rule, dictionary or line of code is a new key). Only the parent process reads and writes the
cache, but for the builders' documents, rendered on two cores (`parallel.beside`): the forked
worker writes the entries of the documents it renders, and reads those it is given to, without
counting them (the parent counts what it is told was read, `count`). Misses are computed
(forked, or on Dask) as without the cache, so the output is the same, byte for byte.

Where the entries live:

- by default in the output folder's `.cache/`. A build reads the entries of the last build
  there and writes the entries it uses (new ones, and hard links to the old ones it read) into
  its staging folder, which becomes the output folder whole (`output.switch`): the cache holds
  exactly what the last successful build used, never grows with old entries, and a failed or
  killed build leaves the old output untouched and adds the entries it made to the old cache,
  so that its work is not lost. The small entries read for each article (`INDEXED`) are also
  listed in one file, the folder's index, which the next build reads in one piece: those it
  reads from there it lists in its own index instead of linking them file by file;
- with `--cache DIR`, in DIR, read and written in place and kept (several projects or output
  folders can share it; remove it to empty it);
- with `--no-cache`, nowhere.

An entry is zlib-compressed JSON that repeats its step and key, in a file of its own or in
the index as the file would hold it. One that does not read as such (cut short, edited, from
another version, or not ours) is a miss and is rebuilt: a cache folder is as untrusted as any
file a project holds, so it is never unpickled or executed. An index that does not read as
one (cut short, appended to, not ours) is ignored whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import zlib
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from ._version import __version__

FOLDER = ".cache"
"""The cache's folder inside the output folder (the default)."""

_LARGEST_ENTRY = 256 << 20
"""An entry larger than this is not read (not one this package wrote)."""


class Cache:
    """Entries read from `previous` (the last build's, or None) or `folder`, written to
    `folder`."""

    def __init__(self, folder: Path, previous: Path | None = None) -> None:
        self.folder = folder
        self.previous = previous
        self.hits = 0
        self.misses = 0
        self._remembered: dict[tuple[str, str], Any] = {}
        self._files: dict[tuple[str, str], tuple[Path, Any]] = {}
        self._index: dict[tuple[str, str], bytes | memoryview] | None = None
        self._listed: dict[tuple[str, str], bytes | memoryview] = {}
        self.process = os.getpid()
        """The process that opened it (`here`)."""

    def get(self, step: str, key: str, counted: bool = True) -> Any | None:
        """The value stored for `key` by `step`, or None (a miss: compute and `put` it).
        `counted` false: the caller counts it (`count`), in the process that logs the counts."""
        if (step, key) in self._remembered:  # not counted: read once, or made
            return self._remembered[step, key]
        value = self._read(step, key)
        if value is not None and step in REMEMBERED:
            self._remembered[step, key] = value
        if counted:
            self.count(read=value is not None)
        return value

    def _read(self, step: str, key: str) -> Any | None:
        """The value of the entry for `key` by `step`: this build's file, else the last build's
        index (the `INDEXED` steps), else its file (kept for the next build)."""
        own = _entry(self.folder, step, key)
        data: bytes | memoryview | None = _load(own)
        value = None if data is None else _value(data, step, key)
        if value is None and step in INDEXED:
            data = self._indexed().get((step, key))
            value = None if data is None else _value(data, step, key)
        if value is None and self.previous is not None:
            old = _entry(self.previous, step, key)
            data = _load(old)
            value = None if data is None else _value(data, step, key)
            if value is not None and step not in INDEXED:
                _keep(old, own)
        if value is not None and data is not None and step in INDEXED:
            self._listed[step, key] = data  # for this build's index, as it was stored
        return value

    def count(self, read: bool) -> None:
        """Count a result as read from the cache, or as made."""
        if read:
            self.hits += 1
        else:
            self.misses += 1

    def carry(self, step: str, key: str) -> None:
        """Keep the last build's entry for `key` for the next build without reading it: a
        result this build does not need (a kept page's pinyin analysis), which a later one may.
        Counted neither as read nor as made."""
        if self.previous is not None:
            with contextlib.suppress(FileNotFoundError):  # none to carry over
                _keep(_entry(self.previous, step, key), _entry(self.folder, step, key))

    def carry_unread(self) -> None:
        """Keep the last build's entries of each `CARRIED` step of which this build holds none
        (it did not need the result, or read it in memory an earlier build of the process
        loaded), for the next build. A build that made or read one keeps only that one."""
        if self.previous is None or not os.path.isdir(self.folder):
            return  # no cache of its own: the pipeline carries the old one over whole
        for step in CARRIED:
            if os.path.isdir(os.path.join(self.folder, step)):
                continue
            with contextlib.suppress(FileNotFoundError):  # none to carry over
                for name in os.listdir(os.path.join(self.previous, step)):
                    if not name.startswith("."):
                        _keep(_entry(self.previous, step, name), _entry(self.folder, step, name))

    def keep_in(self, folder: Path, leaving: Collection[str] = ()) -> None:
        """Link this build's entries into `folder` (a failed build's: the next build into the
        same output folder need not make them again), but those of the steps `leaving`. Best
        effort: the build's own error is what the user needs to hear."""
        if not self.folder.is_dir():
            return
        for path in self.folder.rglob("*"):
            step = path.relative_to(self.folder).parts[0]
            if path.is_file() and not path.name.startswith(".") and step not in leaving:
                try:
                    _keep(path, folder / path.relative_to(self.folder))
                except OSError:
                    return

    def put(self, step: str, key: str, value: Any) -> None:
        """Store `value` (made of JSON types) for `key`; written whole or not at all."""
        data = entry(step, key, value)
        self.put_entry(step, key, data)
        if step in REMEMBERED:  # a copy, as a read gives
            self._remembered[step, key] = json.loads(zlib.decompress(data))["value"]

    def put_entry(self, step: str, key: str, data: bytes) -> None:
        """Store an entry made by `entry` (in a worker process), as `put` stores its value."""
        self._write(step, key, data)
        if step in INDEXED:
            self._listed[step, key] = data

    def get_bytes(self, step: str, key: str) -> bytes | None:
        """The bytes stored for `key` by `step` (a PDF, a font), or None."""
        checked = self._checked(step, key)
        return None if checked is None else checked[0]

    def _checked(self, step: str, key: str) -> tuple[bytes, dict[str, Any]] | None:
        """The bytes stored for `key` by `step` and their description, when they match it."""
        found = self.get(f"{step}.bytes", key)
        if not (isinstance(found, dict) and isinstance(found.get("sha256"), str)):
            return None
        data = self._read_payload(step, key)
        if data is None or hashlib.sha256(data).hexdigest() != found["sha256"]:
            self.hits -= 1  # the description was there, the bytes were not
            self.misses += 1
            return None
        return data, found

    def put_bytes(self, step: str, key: str, data: bytes, about: Any = None) -> Path:
        """Store `data` for `key`: the bytes as they are, described (with their hash, and
        `about` if given: JSON types) by a JSON entry that is written after them. Returns the
        file holding the bytes, to link into an output (`link`) rather than write them twice."""
        path = self._write(f"{step}.data", key, data)
        description: dict[str, Any] = {"sha256": hashlib.sha256(data).hexdigest()}
        if about is not None:
            description["about"] = about
        self.put(f"{step}.bytes", key, description)
        return Path(path)

    def get_file(self, step: str, key: str) -> tuple[Path, Any] | None:
        """The file in this build's folder holding the bytes stored for `key` by `step`
        (`put_bytes`), checked against their hash, and what was stored `about` them; or None.

        For outputs kept whole (a site's pages): the builder links the file into its output
        instead of writing the bytes again. Entries are never changed in place (`_write`
        replaces them), so the link stays what was checked. Checked once a build: a second
        call reads nothing."""
        if (step, key) in self._files:  # not counted: read once
            return self._files[step, key]
        checked = self._checked(step, key)
        if checked is None:
            return None
        _, found = checked
        self._files[step, key] = Path(_entry(self.folder, f"{step}.data", key)), found.get("about")
        return self._files[step, key]

    def _read_payload(self, step: str, key: str) -> bytes | None:
        for folder in (self.folder, self.previous):
            if folder is None:
                continue
            path = _entry(folder, f"{step}.data", key)
            try:
                with open(path, "rb") as file:
                    if os.fstat(file.fileno()).st_size > _LARGEST_ENTRY:
                        continue
                    data = file.read()
            except OSError:
                continue
            if folder is not self.folder:
                _keep(path, _entry(self.folder, f"{step}.data", key))
            return data
        return None

    def write_index(self) -> None:
        """List this build's entries of the `INDEXED` steps, as stored, in the index of its
        folder, for the next build to read in one piece (`get`). Only for a cache in the output
        folder: one build's entries, where a folder of its own is shared between builds."""
        if self.previous is None:
            return
        for step in INDEXED:
            # The entries a forked process wrote (a page rendered beside), which this one never
            # held; not checked again: the next build checks every entry it reads.
            with contextlib.suppress(FileNotFoundError):
                for name in os.listdir(os.path.join(self.folder, step)):
                    if not name.startswith(".") and (step, name) not in self._listed:
                        data = _load(_entry(self.folder, step, name))
                        if data is not None:
                            self._listed[step, name] = data
        listed = sorted(self._listed.items())
        header = {"index": INDEX_FORMAT, "entries": [[s, k, len(d)] for (s, k), d in listed]}
        os.makedirs(self.folder, exist_ok=True)
        path = os.path.join(self.folder, INDEX)
        temporary = f"{path}.{os.getpid()}"
        with open(temporary, "wb") as file:
            file.write(json.dumps(header).encode() + b"\n")
            file.writelines(data for _, data in listed)
        os.replace(temporary, path)

    def _indexed(self) -> dict[tuple[str, str], bytes | memoryview]:
        """The entries the last build listed in its index (`write_index`), read once."""
        if self._index is None:
            found = None if self.previous is None else _read_index(self.previous / INDEX)
            self._index = found if found is not None else {}
        return self._index

    def _write(self, step: str, key: str, data: bytes) -> str:
        path = _entry(self.folder, step, key)
        temporary = _entry(self.folder, step, f".{key}.{os.getpid()}")
        try:
            _write_file(temporary, data)
        except FileNotFoundError:  # the step's first entry (its folder made once, not each time)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            _write_file(temporary, data)
        os.replace(temporary, path)
        return path


def entry(step: str, key: str, value: Any) -> bytes:
    """The entry that stores `value` (made of JSON types) for `key` (`Cache.put`). A worker
    that made a large value sends its entry back, not the value: unpickled in the building
    process and dropped once written, a collection's pinyin analyses left 90 MB of its heap
    free but held at 2,000 articles (docs/benchmarks.md, "s42 parts")."""
    text = json.dumps({"step": step, "key": key, "value": value}, ensure_ascii=False)
    return zlib.compress(text.encode(), 1)


def key(step: str, *parts: Any) -> str:
    """The key of a result of `step` that depends on `parts` (JSON types), and on the package."""
    text = json.dumps([_package(), step, parts], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


INDEXED = frozenset({"source", "title", "characters", "html-page.bytes"})
"""The steps whose entries a build in the output folder also lists in one file, its index
(`Cache.write_index`): the small ones read for each article (its source as parsed, its
title, its characters, its page's description). The next build reads them in one piece, and
keeps those it reads in its own index, not as files linked one by one: opening, reading and
linking four files an article was two thirds of a no-change rebuild's cost an article
(docs/benchmarks.md)."""

INDEX = ".index"
"""The index's file in a cache folder; its dot keeps it out of what a failed build leaves
(`Cache.keep_in`): the old index still lists the old entries."""

INDEX_FORMAT = 1
"""The index's layout: a JSON line `{"index": 1, "entries": [[step, key, size], ...]}`, then
the entries' bytes, as their files would hold them, one after the other."""

_LARGEST_INDEX = 1 << 30
"""An index larger than this is not read (not one this package wrote)."""

CARRIED = frozenset({"phrase-table", "valid-article"})
"""The steps whose entries a build that did not read them keeps for the next one
(`Cache.carry_unread`): what a rebuild with nothing to parse or analyse never asks for, but
the next one after an edit does: a table the pinyin engine loads when it starts
(pinyin/lexicon.py), the articles' front matters found valid (sources/yamldoc.py). Each
holds one entry (a project's, or one whose key follows the data it was made from): nothing
piles up."""

REMEMBERED = frozenset({"characters", "font-info"})
"""The steps whose entries a build keeps in memory once read or made: small ones that several
steps read (an article's characters: the titles' pass, the coverage check, the fonts' model
text; a face's character set), each read from disk once instead of three times."""


_CURRENT: ContextVar[Cache | None] = ContextVar("publish_cache", default=None)
"""The cache of the build that is running (none: every step computes)."""


def current() -> Cache | None:
    """The running build's cache, if it has one."""
    return _CURRENT.get()


def here() -> Cache | None:
    """The running build's cache, in the process that opened it; None in a forked worker,
    which leaves the entries of process-wide tables to its parent (`current`)."""
    found = _CURRENT.get()
    return found if found is not None and found.process == os.getpid() else None


@contextmanager
def opened(cache: Cache | None) -> Iterator[Cache | None]:
    """`cache` is `current()` inside."""
    token = _CURRENT.set(cache)
    try:
        yield cache
    finally:
        _CURRENT.reset(token)


def _entry(folder: Path, step: str, key: str) -> str:
    # One folder a step, without a level of folders by the key's first characters: a rebuild
    # removes the old output folder with its cache, and removing some 1,300 such folders cost
    # more than the entries (docs/benchmarks.md). A string, not a Path: a rebuild names some
    # 10,000 entries, and pathlib's joins cost a third of reading them.
    return os.path.join(folder, step, key)


def _write_file(path: str, data: bytes) -> None:
    with open(path, "wb") as file:
        file.write(data)


def _load(path: str) -> bytes | None:
    """An entry's bytes as stored, or None (missing, or too large to be one of ours)."""
    try:
        with open(path, "rb") as file:
            data = file.read(_LARGEST_ENTRY + 1)
    except OSError:
        return None
    return data if len(data) <= _LARGEST_ENTRY else None


def _value(data: bytes | memoryview, step: str, key: str) -> Any | None:
    """The value of an entry's bytes, when they are an entry of `step` for `key`."""
    try:
        entry = json.loads(zlib.decompress(data))
    except (ValueError, zlib.error):  # cut short, not ours
        return None
    if not isinstance(entry, dict) or entry.get("step") != step or entry.get("key") != key:
        return None
    return entry.get("value")


def _read_index(path: Path) -> dict[tuple[str, str], bytes | memoryview] | None:
    """The entries an index lists (`Cache.write_index`), by step and key, as stored; None when
    it is missing or does not read as one (cut short, appended to, not ours). Each entry is
    checked when it is read, as a file of its own is (`_value`)."""
    try:
        with open(path, "rb") as file:
            raw = file.read(_LARGEST_INDEX + 1)
        end = raw.index(b"\n")
        header = json.loads(raw[:end])
    except (OSError, ValueError):  # missing, no header line, not ours
        return None
    if not (isinstance(header, dict) and header.get("index") == INDEX_FORMAT):
        return None
    listed = header.get("entries")
    if len(raw) > _LARGEST_INDEX or not isinstance(listed, list):
        return None
    data = memoryview(raw)  # slices without copies
    found: dict[tuple[str, str], bytes | memoryview] = {}
    start = end + 1
    for item in listed:
        if not (
            isinstance(item, list)
            and len(item) == 3
            and isinstance(item[0], str)
            and isinstance(item[1], str)
            and isinstance(item[2], int)
            and item[2] >= 0
        ):
            return None
        found[item[0], item[1]] = data[start : start + item[2]]
        start += item[2]
    return found if start == len(data) else None


def _keep(old: str | Path, new: str | Path) -> None:
    """The last build's entry, kept for the next one."""
    try:
        _link(old, new)
    except FileNotFoundError:  # the step's folder, made for its first entry (not each time)
        os.makedirs(os.path.dirname(new), exist_ok=True)
        _link(old, new)


def link(old: Path, new: Path) -> None:
    """`new` holds the bytes of `old` (a file `Cache.get_file` gave): a hard link, or a copy
    where links are refused."""
    _link(old, new)


def _link(old: str | Path, new: str | Path) -> None:
    """A hard link (no copy of the data), or a copy where links are refused."""
    try:
        os.link(old, new)
    except FileExistsError:
        pass
    except FileNotFoundError:
        raise
    except OSError:
        shutil.copyfile(old, new)


def files(*paths: Path | None) -> list[Any]:
    """What a key says about files or folders of files a result read (fonts, layouts): each
    file's path, size and modification time (reading them all would cost more than it saves)."""
    found = []
    for path in paths:
        if path is None:
            continue
        inside = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in inside:
            if "__pycache__" not in file.parts and file.is_file():
                stat = file.stat()
                found.append((file.as_posix(), stat.st_size, stat.st_mtime_ns))
    return found


SHAPING = (
    "weasyprint", "pydyf", "tinycss2", "cssselect2", "fonttools", "brotli", "pikepdf", "pypdf",
    "ebooklib", "lxml", "jinja2", "markupsafe", "markdown-it-py", "mdit-py-plugins", "PyYAML",
    "pypinyin", "rjieba", "g2pM", "numpy", "opencc", "charset-normalizer", "jsonschema",
)  # fmt: skip
"""The distributions whose code or data shape what a build makes (layout, fonts, readings,
parsing): a result made with another version of one of them is made again (a newer pypinyin
reads some words otherwise; a newer WeasyPrint lays pages out otherwise; jsonschema decides
which sources are valid, and a source found valid is not validated again)."""


@cache
def _package() -> str:
    """What every key depends on: this package's version and files, and the versions of the
    distributions that shape its results (`SHAPING`), digested.

    Cached for the process: the package does not change under a running build. A digest, not
    the list of its some 300 files: each key wrote that list out again as JSON, about a third
    of a rebuild's 7,000 keys' cost (docs/benchmarks.md)."""
    listed = json.dumps(
        [__version__, files(Path(__file__).parent), _versions(SHAPING)], ensure_ascii=False
    )
    return hashlib.sha256(listed.encode()).hexdigest()


def _versions(distributions: Iterable[str]) -> list[tuple[str, str | None]]:
    """Each installed distribution's version (None: not installed); 1 ms each."""
    from importlib import metadata

    found: list[tuple[str, str | None]] = []
    for name in distributions:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            found.append((name, None))
    return found
