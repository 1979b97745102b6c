"""The build cache: the same bytes with it and without, only what changed redone, and its
entries never trusted."""

from __future__ import annotations

import functools
import itertools
import json
import logging
import shutil
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from publish import cache
from publish.cache import FOLDER, Cache, key
from publish.cli import main
from publish.errors import SourceError
from publish.pipeline import build
from tests.conftest import EXAMPLES
from tests.fonts.conftest import EXTB

READER = EXAMPLES / "community-reader"
FORMATS = "pdf,epub,html,braille"


def _outputs(folder: Path) -> dict[str, bytes]:
    """Every output file's bytes, the cache left out."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and FOLDER not in path.relative_to(folder).parts
    }


def _entries(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def _held(folder: Path) -> set[str]:
    """Every entry a cache folder holds, as step/key: its files, and those its index lists."""
    files = {p.relative_to(folder).as_posix() for p in _entries(folder) if p.name != cache.INDEX}
    header = json.loads((folder / cache.INDEX).read_bytes().split(b"\n", 1)[0])
    return files | {f"{step}/{name}" for step, name, _ in header["entries"]}


def _counts(caplog: pytest.LogCaptureFixture) -> str:
    lines = [r.getMessage() for r in caplog.records if "Cache:" in r.getMessage()]
    return lines[-1].split("Cache: ")[1] if lines else ""


@pytest.fixture(scope="module")
def uncached(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("uncached")
    build(READER, out, formats=FORMATS, pinyin=True, cache=False)
    assert not (out / FOLDER).exists()
    return _outputs(out)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "reader"
    shutil.copytree(READER, copy)
    return copy


def test_a_cold_and_a_warm_build_give_the_bytes_of_an_uncached_one(
    uncached: dict[str, bytes], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="publish")
    out = tmp_path / "out"
    build(READER, out, formats=FORMATS, pinyin=True)
    # Read: only what it made itself (each article's characters, for the coverage check and
    # then for the fonts of each format).
    read, made = (int(part.split()[0]) for part in _counts(caplog).split(", "))
    assert made and read <= made, _counts(caplog)
    assert _outputs(out) == uncached
    entries = _held(out / FOLDER)
    assert entries
    build(READER, out, formats=FORMATS, pinyin=True)
    assert _counts(caplog).endswith(" 0 made")  # every result read back
    assert _outputs(out) == uncached
    assert _held(out / FOLDER) == entries


def test_after_one_article_changes_only_its_results_are_made_again(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="publish")
    out = tmp_path / "out"
    build(project, out, formats="html", pinyin=True)
    first = _entries(out / FOLDER / "pinyin")
    assert len(first) == 6  # an analysis per article (and the font subsets beside them)
    # Nothing changed: the small entries are read from the index and listed in the new one,
    # not linked file by file.
    build(project, out, formats="html", pinyin=True)
    assert _counts(caplog).endswith(" 0 made")
    assert not any((out / FOLDER / step).exists() for step in cache.INDEXED)
    held = _held(out / FOLDER)
    article = project / "articles" / "03-jiuzhen.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n银行行长来了。\n", "utf-8")
    build(project, out, formats="html", pinyin=True)
    # Its source as read, analysis, title (a step of its own since the titles-first rebuilds),
    # characters and page, and the two faces' subsets for the characters it added: 8, listed
    # by key on 2026-12-04; the index and the other pages are read.
    read, made = (int(part.split()[0]) for part in _counts(caplog).split(", "))
    assert read >= 5 and 4 <= made <= 8
    # The cache holds what this build used: the old entry of the changed article is gone.
    second = _entries(out / FOLDER / "pinyin")
    assert len(second) == 6 and len(set(first) - set(second)) == 1
    # The index too: it lists the changed article's new small entries, not its old ones.
    assert len(_held(out / FOLDER) - held) == len(held - _held(out / FOLDER)) >= 4
    build(project, tmp_path / "fresh", formats="html", pinyin=True, cache=False)
    assert _outputs(out) == _outputs(tmp_path / "fresh")
    assert "yín</rt>" in (out / "html" / "03-jiuzhen.html").read_text(encoding="utf-8")


def test_a_rebuild_renders_again_only_the_pages_that_show_what_changed(
    project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(project, out, formats="html", pinyin=True)
    pages = set(_entries(out / FOLDER / "html-page.data"))
    assert len(pages) == 7  # each article's page and the index
    article = project / "articles" / "03-jiuzhen.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\n银行行长来了。\n", "utf-8")
    build(project, out, formats="html", pinyin=True)
    edited = set(_entries(out / FOLDER / "html-page.data"))
    assert len(edited) == 7 and len(edited - pages) == 1  # its page alone, not the index
    neighbour = (out / "html" / "02-jieqi.html").read_text(encoding="utf-8")
    # Its title shows on its neighbours' pages too (上一篇, 下一篇), and its date moves
    # sections on the index (their anchors are on every page of the sections).
    article.write_text(text.replace("title: 到", "title: 去", 1), "utf-8")
    build(project, out, formats="html", pinyin=True)
    retitled = set(_entries(out / FOLDER / "html-page.data"))
    assert len(retitled - edited) == 4  # its page, its neighbours' and the index
    assert (out / "html" / "02-jieqi.html").read_text(encoding="utf-8") != neighbour
    article.write_text(text.replace("date: 2024-03-10", "date: 2026-03-10", 1), "utf-8")
    build(project, out, formats="html", pinyin=True)
    assert len(set(_entries(out / FOLDER / "html-page.data")) - retitled) >= 2
    build(project, tmp_path / "fresh", formats="html", pinyin=True, cache=False)
    assert _outputs(out) == _outputs(tmp_path / "fresh")


def _logged(caplog: pytest.LogCaptureFixture, start: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith(start)]


def test_a_rebuild_processes_only_the_bodies_of_the_pages_it_renders(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="publish")
    out = tmp_path / "out"
    build(project, out, formats="html", pinyin=True)
    site = out / "html"
    index, neighbour = (site / "index.html").read_bytes(), (site / "02-jieqi.html").read_bytes()
    article = project / "articles" / "03-jiuzhen.md"
    text = article.read_text(encoding="utf-8")
    # A body edited: that article is processed whole, the others' titles read back; no other
    # page shows its body, so no other body is processed, and the index and its neighbours'
    # pages stay as they were.
    article.write_text(text + "\n银行行长来了。\n", "utf-8")
    caplog.clear()
    build(project, out, formats="html", pinyin=True)
    assert _logged(caplog, "Step 2") == [
        "Step 2 - Annotated pinyin (1 article(s) whole)",
        "Step 2 - Annotated 0 article(s)'s bodies",
    ]
    assert (site / "index.html").read_bytes() == index
    assert (site / "02-jieqi.html").read_bytes() == neighbour
    build(project, tmp_path / "fresh", formats="html", pinyin=True, cache=False)
    assert _outputs(out) == _outputs(tmp_path / "fresh")
    # Its title edited: the index and its neighbours' pages show it, so their bodies are
    # processed again too.
    article.write_text(text.replace("title: 到", "title: 去", 1), "utf-8")
    caplog.clear()
    build(project, out, formats="html", pinyin=True)
    assert _logged(caplog, "Step 2")[-1] == "Step 2 - Annotated 2 article(s)'s bodies"
    assert (site / "index.html").read_bytes() != index
    assert (site / "02-jieqi.html").read_bytes() != neighbour
    build(project, tmp_path / "fresh", formats="html", pinyin=True, cache=False)
    assert _outputs(out) == _outputs(tmp_path / "fresh")


@pytest.mark.parametrize("step", ["title", "characters", "html-page.bytes", "html-page.data"])
def test_a_damaged_entry_of_a_kept_article_has_its_body_processed_again(
    step: str, project: Path, tmp_path: Path
) -> None:
    build(project, tmp_path / "fresh", formats="html", pinyin=True, cache=False)
    out = tmp_path / "out"
    build(project, out, formats="html", pinyin=True)
    for entry in _entries(out / FOLDER / step)[:2]:
        entry.write_bytes(entry.read_bytes()[:20])  # cut short
    build(project, out, formats="html", pinyin=True)
    assert _outputs(out) == _outputs(tmp_path / "fresh")


def _cut_short(index: bytes) -> bytes:
    return index[:-20]


def _not_ours(index: bytes) -> bytes:
    return b"\x80\x04\x95 not a cache index\n" + index


def _appended(index: bytes) -> bytes:
    return index + b"more"


def _swapped(index: bytes) -> bytes:
    """Every entry well formed, but each stored under its neighbour's step and key."""
    line, data = index.split(b"\n", 1)
    entries = json.loads(line)["entries"]
    starts = [0]
    for _step, _key, size in entries:
        starts.append(starts[-1] + size)
    pieces = [data[a:b] for a, b in itertools.pairwise(starts)]
    listed = [[s, k, len(p)] for (s, k, _), p in zip(entries, pieces[1:] + pieces[:1], strict=True)]
    header = json.dumps({"index": cache.INDEX_FORMAT, "entries": listed}).encode()
    return header + b"\n" + b"".join(pieces[1:] + pieces[:1])


@pytest.mark.parametrize("damage", [_cut_short, _not_ours, _appended, _swapped])
def test_a_damaged_or_foreign_index_is_ignored_and_its_entries_made_again(
    damage: Any, project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="publish")
    build(project, tmp_path / "fresh", formats="html", pinyin=True, cache=False)
    out = tmp_path / "out"
    build(project, out, formats="html", pinyin=True)
    build(project, out, formats="html", pinyin=True)  # the small entries in the index alone
    index = out / FOLDER / cache.INDEX
    index.write_bytes(damage(index.read_bytes()))
    build(project, out, formats="html", pinyin=True)
    made = int(_counts(caplog).split(", ")[1].split()[0])
    # Each article's source, title and characters, and every page's description (its bytes,
    # still there, are written again as they were): none read from the damaged index.
    assert made >= 6 * 3 + 7, _counts(caplog)
    assert _outputs(out) == _outputs(tmp_path / "fresh")
    build(project, out, formats="html", pinyin=True)
    assert _counts(caplog).endswith(" 0 made")  # a whole index again
    assert _outputs(out) == _outputs(tmp_path / "fresh")


def test_an_epub_rebuild_renders_again_only_the_documents_that_show_what_changed(
    project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    options: dict[str, Any] = {"formats": "epub", "pinyin": True, "epub": {"per_article": True}}
    build(project, out, **options)
    documents = set(_entries(out / FOLDER / "epub-document"))
    assert len(documents) == 12  # each article's, in the collection's book and in its own
    article = project / "articles" / "03-jiuzhen.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\n银行行长来了。\n", "utf-8")
    build(project, out, **options)
    edited = set(_entries(out / FOLDER / "epub-document"))
    assert len(edited) == 12 and len(edited - documents) == 2  # its two documents alone
    build(project, tmp_path / "fresh", **options, cache=False)
    assert _outputs(out) == _outputs(tmp_path / "fresh")
    # With the PDF: the documents after it hold other page numbers once it grows by a page.
    build(project, out, formats="pdf,epub", pinyin=True)
    article.write_text(text + "\n银行行长来了。\n" * 40, "utf-8")
    build(project, out, formats="pdf,epub", pinyin=True)
    build(project, tmp_path / "fresh", formats="pdf,epub", pinyin=True, cache=False)
    assert _outputs(out) == _outputs(tmp_path / "fresh")


def test_a_warm_build_warns_of_the_characters_the_font_lacks_as_a_cold_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Each article's characters come from the cache: the coverage check still reports each
    missing one once, at its file and line, in the same order."""
    caplog.set_level(logging.INFO, logger="publish")
    out = tmp_path / "out"
    build(EXTB, out, formats="html", pinyin=True)
    cold = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("extb.md:2: 𠀀 (U+20000)" in message for message in cold)
    assert _entries(out / FOLDER / "characters")
    caplog.clear()
    build(EXTB, out, formats="html", pinyin=True)
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == cold
    assert _counts(caplog).endswith(" 0 made")
    build(EXTB, tmp_path / "fresh", formats="html", pinyin=True, cache=False)
    assert _outputs(out) == _outputs(tmp_path / "fresh")


def test_a_warm_build_reads_no_face_for_its_info_not_even_a_fallback_cut_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fallback face is cut into a new folder by each process (`coverage._fallback_folder`):
    its character set and name are known to the cache by its content, not read again."""
    from publish.fonts import coverage, faces

    out = tmp_path / "out"
    build(EXTB, out, formats="html", pinyin=True)
    read: list[str] = []
    real = faces._read_font
    monkeypatch.setattr(
        faces, "_read_font", lambda *version: read.append(version[0]) or real(*version)
    )
    coverage._fallback_folder.cache_clear()  # as in a new process
    build(EXTB, out, formats="html", pinyin=True)
    assert not read
    assert list(coverage._fallback_folder().iterdir())  # a fallback face was cut anew
    build(EXTB, tmp_path / "fresh", formats="html", pinyin=True, cache=False)
    assert _outputs(out) == _outputs(tmp_path / "fresh")


@pytest.mark.parametrize("step", ["font-info", "system-faces", "face-digest"])
def test_a_warm_build_with_damaged_font_entries_warns_and_writes_as_a_cold_one(
    step: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The faces' character sets, the system's faces (fc-list, parsed) and the digests of the
    faces fallbacks are cut from are kept; damaged, they are made again."""
    caplog.set_level(logging.INFO, logger="publish")
    out = tmp_path / "out"
    build(EXTB, out, formats="html", pinyin=True)
    cold = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    entries = _entries(out / FOLDER / step)
    assert entries
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:20])  # cut short
    caplog.clear()
    build(EXTB, out, formats="html", pinyin=True)
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == cold
    build(EXTB, tmp_path / "fresh", formats="html", pinyin=True, cache=False)
    assert _outputs(out) == _outputs(tmp_path / "fresh")


def test_a_page_changed_in_the_site_is_not_taken_back(project: Path, tmp_path: Path) -> None:
    """A kept page is a hard link to its cache entry: written over in place, the entry no
    longer matches its hash, and the page is rendered again."""
    out = tmp_path / "out"
    build(project, out, formats="html", pinyin=True)
    build(project, out, formats="html", pinyin=True)  # its pages linked from the cache
    page = out / "html" / "02-jieqi.html"
    with page.open("r+b") as file:
        file.write(b"<!-- changed -->")
    build(project, out, formats="html", pinyin=True)
    build(project, tmp_path / "fresh", formats="html", pinyin=True, cache=False)
    assert _outputs(out) == _outputs(tmp_path / "fresh")


def test_an_article_read_from_the_cache_has_its_images_checked_again(
    project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(project, out, formats="html")
    assert len(_entries(out / FOLDER / "source")) == 6  # each article as read
    image = project / "images" / "age-groups.png"
    image.write_bytes(b"not an image any more")
    with pytest.raises(SourceError, match=r"06-jumin\.md:12: image .*age-groups\.png"):
        build(project, out, formats="html")
    image.unlink()
    with pytest.raises(SourceError, match=r"06-jumin\.md:12: image .*age-groups\.png.* not found"):
        build(project, out, formats="html")


def test_a_damaged_or_foreign_entry_is_ignored_and_made_again(
    uncached: dict[str, bytes], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="publish")
    folder = tmp_path / "cache"
    build(READER, tmp_path / "out", formats=FORMATS, pinyin=True, cache=folder)
    entries = _entries(folder / "pinyin")
    entries[0].write_bytes(entries[0].read_bytes()[:20])  # cut short
    entries[1].write_bytes(b"\x80\x04\x95 not a cache entry")  # not ours (a pickle, say)
    # Well formed, but stored under another entry's name: its key does not match.
    entries[2].write_bytes(entries[3].read_bytes())
    build(READER, tmp_path / "again", formats=FORMATS, pinyin=True, cache=folder)
    assert _counts(caplog).endswith(" 3 made")
    assert _outputs(tmp_path / "again") == uncached


def test_a_failed_build_keeps_the_results_it_made(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = tmp_path / "project"
    (project / "layouts" / "web").mkdir(parents=True)
    (project / "publish.yaml").write_text("title: 文集\narticles: ['*.md']\n", encoding="utf-8")
    (project / "a.md").write_text("---\ntitle: 甲\n---\n银行\n", encoding="utf-8")
    (project / "b.md").write_text("---\ntitle: 乙\n---\n行长\n", encoding="utf-8")
    # A layout that fails after the pinyin step, as a slip in a print shop's template would.
    broken = project / "layouts" / "web" / "article.html"
    broken.write_text("{{ nothing.at.all() }}\n", encoding="utf-8")
    out = tmp_path / "out"
    arguments = ["build", str(project), "-f", "html", "--pinyin", "-o", str(out)]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 2 and "web/article.html" in result.output
    assert not (out / "html").exists()  # no output, old or half-written ...
    assert len(_entries(out / FOLDER / "pinyin")) == 2  # ... but the analyses are kept,
    assert not (out / FOLDER / "source").exists()  # not what is quick to make again
    broken.unlink()
    caplog.set_level(logging.INFO, logger="publish")
    build(project, out, formats="html", pinyin=True)
    # The analyses the failed build made are read; not the quick steps' results (the articles
    # read, their titles, their characters: made again, then kept in memory for the fonts; the
    # faces' character sets and digests), nor fonts or pages (the index among them).
    assert _counts(caplog) == "2 result(s) read, 15 made"


def test_an_entry_repeats_its_step_and_key(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    name = key("pinyin", "text")
    assert name != key("pinyin", "other text") and name != key("fonts", "text")
    cache.put("pinyin", name, [["读", ["du2"]]])
    assert cache.get("pinyin", name) == [["读", ["du2"]]]
    assert cache.get("fonts", name) is None
    (path,) = _entries(tmp_path)
    path.write_bytes(zlib.compress(b'{"step": "pinyin", "key": "another", "value": 1}'))
    assert cache.get("pinyin", name) is None


def test_an_entry_made_in_a_worker_is_stored_as_put_stores_its_value(tmp_path: Path) -> None:
    value = [["读书", ["du2", "shu1"], [[0, 2]], []]]
    name = key("pinyin", "读书")
    by_value, by_entry = Cache(tmp_path / "value"), Cache(tmp_path / "entry")
    by_value.put("pinyin", name, value)
    by_entry.put_entry("pinyin", name, cache.entry("pinyin", name, value))
    (written,) = _entries(tmp_path / "value")
    assert [path.read_bytes() for path in _entries(tmp_path / "entry")] == [written.read_bytes()]
    assert Cache(tmp_path / "entry").get("pinyin", name) == value


def test_a_cache_folder_of_its_own_is_kept_and_shared(tmp_path: Path, project: Path) -> None:
    folder = tmp_path / "shared"
    arguments = ["build", str(project), "-f", "html", "--pinyin", "-o", str(tmp_path / "a")]
    result = CliRunner().invoke(main, [*arguments, "--cache", str(folder)])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "a" / FOLDER).exists()
    assert len(_entries(folder / "pinyin")) == 6


def test_no_cache_reads_and_writes_none_and_keeps_the_old_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    out = tmp_path / "out"
    build(READER, out, formats="html", pinyin=True)
    entries = {p.relative_to(out): p.read_bytes() for p in _entries(out / FOLDER)}
    caplog.set_level(logging.INFO, logger="publish")
    result = CliRunner().invoke(
        main, ["build", str(READER), "-f", "html", "--pinyin", "-o", str(out), "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    assert not _counts(caplog)
    assert {p.relative_to(out): p.read_bytes() for p in _entries(out / FOLDER)} == entries


def test_a_cache_inside_the_output_folder_is_one_clear_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["build", str(READER), "-f", "html", "-o", str(out), "--cache", str(out / "cache")],
    )
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "is inside the output folder" in result.output
    assert not out.exists()


def test_another_version_of_a_dependency_makes_every_result_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A newer pypinyin reads some words otherwise: results made with the old one are not
    read back (`cache.SHAPING`)."""
    caplog.set_level(logging.INFO, logger="publish")
    out = tmp_path / "out"
    build(READER, out, formats="html", pinyin=True)
    build(READER, out, formats="html", pinyin=True)
    assert _counts(caplog).endswith(" 0 made")
    # An installed distribution found first on the path, as after `pip install -U pypinyin`.
    newer = tmp_path / "site" / "pypinyin-99.0.dist-info"
    newer.mkdir(parents=True)
    (newer / "METADATA").write_text("Metadata-Version: 2.1\nName: pypinyin\nVersion: 99.0\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setattr(cache, "_package", functools.cache(cache._package.__wrapped__))
    build(READER, out, formats="html", pinyin=True)
    read, made = (int(part.split()[0]) for part in _counts(caplog).split(", "))
    assert made >= 7 and read <= made, _counts(caplog)  # each article's page and the index


@pytest.fixture()
def fresh_engine() -> Iterator[Callable[[], None]]:
    """Forget the pinyin tables this process loaded, as a new process starts without them."""
    from publish.pinyin import tables
    from publish.pinyin.entries import EntryTable
    from publish.pinyin.lexicon import Lexicon

    def forget() -> None:
        for loaded in (tables.phrases, Lexicon.shared, EntryTable.shared):
            loaded.cache_clear()

    forget()
    yield forget
    forget()  # the next test loads pypinyin's own tables again


def test_the_engines_phrase_table_is_carried_over_and_follows_its_data(
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fresh_engine: Callable[[], None],
) -> None:
    """The lexicon's phrase table, kept converted (`lexicon.phrase_table`): a rebuild that
    starts no engine carries it over, the next that does reads it, and another table
    (pypinyin's JSON edited, its version the same) is converted again and read."""
    from publish.pinyin import tables
    from publish.pinyin.lexicon import PHRASE_STEP

    out = tmp_path / "out"
    build(project, out, formats="html", pinyin=True)
    (made,) = (out / FOLDER / PHRASE_STEP).iterdir()
    kept = made.stat().st_ino
    fresh_engine()
    build(project, out, formats="html", pinyin=True)  # nothing changed: no engine started
    assert [p.stat().st_ino for p in (out / FOLDER / PHRASE_STEP).iterdir()] == [kept]
    article = project / "articles" / "03-jiuzhen.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n银行行长来了。\n", "utf-8")
    fresh_engine()
    build(project, out, formats="html", pinyin=True)
    assert [p.stat().st_ino for p in (out / FOLDER / PHRASE_STEP).iterdir()] == [kept]
    assert "yín</rt>" in (out / "html" / "03-jiuzhen.html").read_text(encoding="utf-8")
    edited = json.loads(tables.data_bytes(tables.PHRASES))
    edited["银行"] = [["yǐn"], ["háng"]]
    monkeypatch.setattr(tables, "data_bytes", lambda name: json.dumps(edited).encode())
    article.write_text(article.read_text(encoding="utf-8") + "\n银行很大。\n", "utf-8")
    fresh_engine()
    build(project, out, formats="html", pinyin=True)
    (remade,) = (out / FOLDER / PHRASE_STEP).iterdir()
    assert remade.name != made.name
    page = (out / "html" / "03-jiuzhen.html").read_text(encoding="utf-8")
    assert "yǐn</rt>" in page and "yín</rt>" not in page
    fresh_engine()
    build(project, tmp_path / "fresh", formats="html", pinyin=True, cache=False)
    assert _outputs(out) == _outputs(tmp_path / "fresh")


def test_yaml_found_valid_before_is_not_validated_again_and_what_changed_is(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The manifest, and the front matter of an article changed below it (a typo fixed), are
    not validated again when a build found the same text valid (`yamldoc.valid_texts`); a
    manifest or a front matter that changed is, and is refused."""
    from publish.sources import yamldoc

    out = tmp_path / "out"
    build(project, out, formats="html", pinyin=True)

    def refuse(name: str) -> None:
        raise AssertionError(f"validated against the {name} schema")

    monkeypatch.setattr(yamldoc, "_validator", refuse)
    build(project, out, formats="html", pinyin=True)  # nothing changed
    assert (out / FOLDER / yamldoc.valid_step("article")).is_dir()  # carried over
    article = project / "articles" / "03-jiuzhen.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\n银行行长来了。\n", "utf-8")
    build(project, out, formats="html", pinyin=True)  # a typo fixed: not validated
    assert "yín</rt>" in (out / "html" / "03-jiuzhen.html").read_text(encoding="utf-8")
    monkeypatch.undo()
    article.write_text(text.replace("---\n", "---\nunknown: 1\n", 1), "utf-8")
    with pytest.raises(SourceError, match="unknown key 'unknown'"):
        build(project, out, formats="html", pinyin=True)
    article.write_text(text, "utf-8")
    manifest = project / "publish.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "unknown: 1\n", "utf-8")
    with pytest.raises(SourceError, match="unknown key 'unknown'"):
        build(project, out, formats="html", pinyin=True)
