"""publish.fonts.faces: the faces and the CSS font stack; a manifest's own font files."""

from __future__ import annotations

import io
import re
import shutil
import struct
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from publish.config import FONTS, TRADITIONAL_FONTS, Settings
from publish.errors import PublishError
from publish.fonts.coverage import check_coverage
from publish.fonts.faces import face_data, font_faces, font_stack, other_script_stacks
from publish.fonts.subset import subset
from publish.fonts.used import used_text
from publish.pipeline import load
from tests.conftest import (
    FIXTURES,
    run_publish,
)
from tests.fonts.conftest import (
    FAMILIES,
    FONT_DIR,
    SEED,
    extb_fallback,
    project_with_font,
    settings_for,
)


@pytest.mark.parametrize("key", FAMILIES)
def test_font_faces_and_stack_name_the_chosen_family(key: str) -> None:
    settings = settings_for(key)
    faces = font_faces(settings)
    assert [(f.path.name, f.weight) for f in faces] == [
        (FONTS[key].regular, 400),
        (FONTS[key].bold, 700),
    ]
    assert {f.family for f in faces} == {FONTS[key].css_name}
    assert font_stack(settings) == f'"{FONTS[key].css_name}", {FONTS[key].generic}'


def test_fallback_faces_follow_the_family_in_faces_and_stack() -> None:
    fallback = extb_fallback()
    settings = settings_for("sans")
    faces = font_faces(settings, (fallback,))
    assert faces[-1].path == fallback and faces[-1].fallback and faces[-1].weight == 400
    name = TTFont(fallback)["name"].getBestFamilyName() + " Fallback"
    assert faces[-1].family == name
    assert font_stack(settings, (fallback,)) == f'"Noto Sans CJK SC", "{name}", sans-serif'


def test_a_manifest_can_name_its_own_font(tmp_path: Path) -> None:
    project = project_with_font(
        tmp_path, "{family: 我的楷体, regular: fonts/kai.ttf, bold: fonts/kai-bold.ttf}"
    )
    (project / "fonts").mkdir()
    text = used_text(load(FIXTURES / "minimal").collection).all
    for name, source in (("kai.ttf", FONTS["kai"].regular), ("kai-bold.ttf", FONTS["kai"].bold)):
        (project / "fonts" / name).write_bytes(subset(FONT_DIR / source, text, "sfnt"))
    loaded = load(project)
    assert loaded.settings.font.css_name == "我的楷体"
    faces = font_faces(loaded.settings)
    assert [f.path for f in faces] == [project / "fonts/kai.ttf", project / "fonts/kai-bold.ttf"]
    assert font_stack(loaded.settings) == '"我的楷体", serif'
    assert check_coverage(loaded.collection, loaded.settings) == ()


@pytest.mark.parametrize(
    ("font", "content", "expected"),
    [
        ("comic", None, r"publish\.yaml:\d+: output: unknown font 'comic': use one of sans, "),
        ("{family: X, regular: fonts/none.ttf}", None,
         r"publish\.yaml:\d+: output\.font\.regular: font file 'fonts/none\.ttf' not found"),
        ("{family: X, regular: ../x.ttf}", None,
         r"publish\.yaml:\d+: output\.font\.regular: '\.\./x\.ttf' points outside the project"),
        ("{family: X, regular: fonts/bad.ttf}", b"not a font at all",
         r"publish\.yaml: output\.font\.regular: font file 'fonts/bad\.ttf' is not a readable "
         r"font \(.+\): use an OpenType \(\.otf\) or TrueType \(\.ttf\) file"),
        ("{family: X, regular: fonts/bad.ttf}", "truncated",
         r"publish\.yaml: output\.font\.regular: font file 'fonts/bad\.ttf' is not a readable"),
        ("{family: X, regular: fonts/bad.ttf}", "no-cmap",
         r"publish\.yaml: output\.font\.regular: font file 'fonts/bad\.ttf' lacks the cmap "),
        ("{family: X, regular: fonts/bad.ttf}", "no-outlines",
         r"publish\.yaml: output\.font\.regular: font file 'fonts/bad\.ttf' lacks the glyf or "),
        ("{family: X, regular: fonts/bad.ttf, colour: red}", None,
         r"publish\.yaml:\d+: output\.font: unknown key 'colour': valid keys are bold, family"),
    ],
)  # fmt: skip
def test_a_bad_manifest_font_is_one_line_and_exit_2(
    tmp_path: Path, font: str, content: bytes | str | None, expected: str
) -> None:
    project = project_with_font(tmp_path, font)
    (project / "fonts").mkdir()
    bad = project / "fonts" / "bad.ttf"
    regular = FONT_DIR / FONTS["kai"].regular
    match content:
        case bytes():
            bad.write_bytes(content)
        case "truncated":
            bad.write_bytes(regular.read_bytes()[:4096])
        case "no-cmap" | "no-outlines":
            face = TTFont(io.BytesIO(subset(regular, "测试", "sfnt")))
            for tag in ("cmap",) if content == "no-cmap" else ("glyf", "loca"):
                del face[tag]
            face.save(bad)
    for args in (("check", project), ("build", project, "-o", tmp_path / "out")):
        result = run_publish(*args)
        assert result.returncode == 2, result.stderr
        (line,) = result.stderr.splitlines()
        assert re.match(rf"error: \S*{expected}", line), line
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_an_unknown_family_on_the_command_line_is_one_line() -> None:
    result = run_publish("check", "--font", "comic", SEED)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert "unknown font 'comic': use one of sans, serif, kai" in line


def test_a_missing_bundled_face_is_a_publish_error(tmp_path: Path) -> None:
    family = FONTS["sans"]
    lost = type(family)(family.key, family.css_name, "Gone.otf", family.bold, family.generic)
    with pytest.raises(PublishError, match=r"bundled font file Gone\.otf .* is missing"):
        font_faces(Settings(font=lost))


@pytest.mark.parametrize("name", [FONTS["sans"].regular, TRADITIONAL_FONTS["kai"].bold])
def test_a_bundled_face_reads_back_as_the_truetype_file_it_stores(name: str) -> None:
    """The bundled faces are WOFF2 without the glyf transform (fonts/ within 40 MB): read
    back, their tables are those fontTools reads from the WOFF2, each with its checksum, the
    whole file summing to OpenType's magic, and the head flag WOFF2 writers set cleared."""
    from fontTools.ttLib.sfnt import SFNTReader

    path = FONT_DIR / name
    stored = path.read_bytes()
    assert stored[:4] == b"wOF2"
    data = face_data(path)
    assert data[:4] == b"\0\1\0\0"
    words = struct.unpack(f">{len(data) // 4}I", data)
    assert sum(words) & 0xFFFFFFFF == 0xB1B0AFBA
    ours = SFNTReader(io.BytesIO(data), checkChecksums=2)  # asserts every table's checksum
    theirs = TTFont(io.BytesIO(stored)).reader
    tags = sorted(theirs.keys())
    assert sorted(ours.keys()) == tags
    for tag in tags:
        if tag != "head":
            assert ours[tag] == theirs[tag], tag
    head, stored_head = TTFont(io.BytesIO(data))["head"], TTFont(io.BytesIO(stored))["head"]
    assert stored_head.flags & 1 << 11 and not head.flags & 1 << 11
    assert head.flags == stored_head.flags & ~(1 << 11)
    assert TTFont(io.BytesIO(data)).getBestCmap() == TTFont(io.BytesIO(stored)).getBestCmap()


def test_text_in_the_other_script_gets_the_companion_first_in_a_simplified_edition_only(
    tmp_path: Path,
) -> None:
    """The layouts' `:lang(zh-Hant)` rule: in a simplified edition whose fallbacks hold the
    companion's cut, the companion first; none without that cut, nor in a traditional edition
    (it converts or tags every article as its own script)."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    (project / "articles" / "hk.md").write_text(
        "---\ntitle: 香港\nlanguage: zh-Hant\n---\n\n舉辦講座。\n", encoding="utf-8"
    )
    settings = settings_for("serif")
    fallbacks = check_coverage(load(project).collection, settings)
    assert other_script_stacks(settings, fallbacks) == [
        ("zh-Hant", '"Noto Serif CJK TC Fallback", "Noto Serif CJK SC", serif')
    ]
    assert other_script_stacks(settings, ()) == []
    assert other_script_stacks(settings_for("serif", script="tw"), fallbacks) == []
