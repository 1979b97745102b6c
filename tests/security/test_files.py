"""Every file a build reads passes `files.read_inside`: a new reader that skips it fails here.

The scan finds each call that opens or reads a file in the package's source. The calls listed
in `ALLOWED` read what is not the project's (the package's own data, fonts found by
fontconfig, outputs the build itself wrote) or pass the same rule another way; anything else
must call `read_inside`.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from publish.errors import SourceError
from publish.files import inside, read_inside
from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "publish"


def _reads(call: ast.Call) -> bool:
    """Whether a call opens or reads a file (Pillow's Image.open reads bytes already read)."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id in {"open", "FileSystemLoader"}
    if not isinstance(func, ast.Attribute):
        return False
    owner = func.value.id if isinstance(func.value, ast.Name) else None
    if func.attr in {"read_bytes", "read_text"}:
        return True
    if func.attr == "open":
        return owner != "Image"
    return owner == "shutil" and func.attr in {"copy", "copy2", "copyfile", "copytree"}


ALLOWED = {
    # The gate itself.
    ("files.py", "read_inside"): "opens with O_NONBLOCK and checks the file type and size",
    # The package's own data, never a project's.
    ("layouts.py", "environment"): "the bundled layouts (the project's go through ProjectLoader)",
    ("scaffold.py", "scaffold"): "the starter project inside the package",
    ("sources/yamldoc.py", "_validator"): "the JSON Schemas inside the package",
    ("pinyin/polyphone_network.py", "shared"): "the model's weights inside the package",
    ("pinyin/polyphone_network.py", "load"): "the model's weights inside the package",
    ("pinyin/lexicon.py", "_read_word_list"): "the dictionaries inside the package",
    ("pinyin/tables.py", "data_bytes"): "pypinyin's own tables inside its installed package",
    ("builders/braille/syllables.py", "_data"): "the braille cell tables inside the package",
    (
        "builders/pdf/press.py",
        "color_profiles",
    ): "the bundled CMYK profile and WeasyPrint's own sRGB profile",
    # Fonts: bundled, or found by fontconfig on this machine; a project's own font file is
    # checked inside the project by config (output.font) before it is read.
    (
        "fonts/coverage.py",
        "_line_of",
    ): "a source already loaded through the gate, for a line number",
    ("pinyin/proof.py", "_source_lines"): "a source already loaded through the gate, for lines",
    ("fonts/faces.py", "readable"): "its first four bytes: is it WOFF2?",
    ("fonts/faces.py", "_face_data"): "",
    ("fonts/subset.py", "_face_digest"): "the same font files, hashed for the build cache's keys",
    ("fonts/faces.py", "_known_by"): "small font files, hashed for the key of their info",
    # The build cache: the output folder's .cache/ or the --cache DIR the user named; entries
    # are checked against their key (and hash), never executed (cache.py).
    ("cache.py", "_load"): "",
    ("cache.py", "_read_index"): "the last build's index of entries, each checked as an entry",
    ("cache.py", "write_index"): "opens the index for writing, never reading",
    ("cache.py", "_read_payload"): "",
    ("cache.py", "_link"): "",
    ("cache.py", "_write_file"): "opens an entry of the cache for writing, never reading",
    # Files this build wrote itself, in its staging folder.
    ("builders/epub/archive.py", "write_epub"): "",
    ("builders/pdf/merge.py", "join"): "",
    (
        "builders/pdf/merge.py",
        "read_digits",
    ): "the page numbers' PDF this build laid out, in memory",
    ("builders/pdf/parts.py", "_write_front"): "the contents' PDF, kept in the build cache",
    ("builders/pdf/__init__.py", "_write_article_pdfs"): "the articles' PDFs, kept in the cache",
    ("builders/pdf/booklet.py", "impose"): "",
    ("builders/pdf/press.py", "settle_stream_ends"): "the PDF this build just wrote",
    ("builders/pdf/press.py", "_has_carriage_return_ends"): "the PDF this build just wrote",
    ("output.py", "_link_or_copy"): "the previous output, carried over",
    ("output.py", "_carry_over"): "the previous output, carried over",
}


def _readers() -> set[tuple[str, str]]:
    """(module, function) of every call that reads a file, anywhere in the package."""
    found: set[tuple[str, str]] = set()
    for path in PACKAGE.rglob("*.py"):
        module = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and _reads(node):
                    found.add((module, function.name))
    return found


def test_every_reader_of_files_is_the_gate_or_listed() -> None:
    unlisted = {
        reader
        for reader in _readers()
        if reader not in ALLOWED and not reader[0].startswith("importer/")
    }
    assert not unlisted, (
        f"{sorted(unlisted)} read files without publish.files.read_inside: call it (or, for "
        "the package's own data, add the reader to ALLOWED with the reason)"
    )


def test_the_list_has_no_stale_entries() -> None:
    stale = set(ALLOWED) - _readers()
    assert not stale, f"{sorted(stale)} no longer read files: remove them from ALLOWED"


def test_the_gate_refuses_links_out_fifos_and_large_files(tmp_path: Path) -> None:
    inside, outside = tmp_path / "project", tmp_path / "outside.txt"
    inside.mkdir()
    outside.write_text("secret", encoding="utf-8")
    (inside / "ok.txt").write_text("text", encoding="utf-8")
    os.symlink(outside, inside / "link.txt")
    os.mkfifo(inside / "fifo")
    assert read_inside(inside / "ok.txt", (inside,), 10) == b"text"
    for name, message in (
        ("link.txt", "outside the project"),
        ("fifo", "not a regular file"),
        ("ok.txt", "over the limit"),
    ):
        with pytest.raises(SourceError, match=message):
            read_inside(inside / name, (inside,), 10 if name != "ok.txt" else 2)


def test_a_batch_of_files_resolves_each_folder_once_and_still_refuses_links_out(
    tmp_path: Path,
) -> None:
    """`realpaths` (a build's sources read one after another): the same answers as alone."""
    project, outside = tmp_path / "project", tmp_path / "outside"
    (project / "articles").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.md").write_text("secret", encoding="utf-8")
    (project / "articles" / "ok.md").write_text("text", encoding="utf-8")
    os.symlink(outside / "secret.md", project / "articles" / "link.md")
    os.symlink(outside, project / "linked")
    os.symlink(project / "articles", project / "inner")
    realpaths: dict[str, str] = {}
    for path in (
        project / "articles" / "ok.md",
        project / "articles" / "link.md",
        project / "linked" / "secret.md",
        project / "inner" / "ok.md",
        project / "articles" / "missing.md",
        project / "articles" / ".." / "articles" / "ok.md",
    ):
        alone = inside(path, (project,))
        assert inside(path, (project,), realpaths) == alone, path
    assert realpaths  # the folders were resolved once
    assert read_inside(project / "inner" / "ok.md", (project,), 10, realpaths=realpaths) == b"text"
    for name in ("articles/link.md", "linked/secret.md"):
        with pytest.raises(SourceError, match="outside the project"):
            read_inside(project / name, (project,), 10, realpaths=realpaths)
