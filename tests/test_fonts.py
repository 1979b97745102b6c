"""Fonts: the bundled families, the coverage check with its fallbacks, and per-output subsets.

Each family is checked by reading the font files back with fontTools, by setting text with
WeasyPrint in a process that sees no system font at all (so nothing can silently fall back to
the Debian fonts installed for regeneration), and by loading the web subsets in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from publish.config import FONTS, TRADITIONAL_FONTS, Settings, bundled_path
from publish.errors import PublishError, SourceError
from publish.fonts.coverage import check_coverage
from publish.fonts.faces import FontFace, charset, font_faces, font_stack
from publish.fonts.subset import subset, subset_faces
from publish.fonts.used import UsedText, used_text
from publish.model import Ruby, article_text
from publish.pipeline import build, load
from tests.conftest import (
    EXAMPLES,
    FIXTURES,
    ROOT,
    captured_warnings,
    require,
    require_tool,
    run_publish,
)

FONT_DIR = ROOT / "fonts"
COVERAGE = FONT_DIR / "coverage"
EXTB = FIXTURES / "fonts-extb"
SEED = EXAMPLES / "luyuan-interviews"
FAMILIES = sorted(FONTS)
EXAMPLE_PROJECTS = sorted(p for p in EXAMPLES.iterdir() if (p / "publish.yaml").is_file())

# The pinyin letters 汉语拼音方案 and GB/T 16159 write, as the issue lists them (split, as
# ê̄ and m̄ are two code points each).
PINYIN_LETTERS = "ā á ǎ à ē é ě è ī í ǐ ì ō ó ǒ ò ū ú ǔ ù ü ǖ ǘ ǚ ǜ ê̄ ế ê̌ ề m̄ ḿ ň ǹ".split()  # noqa: SIM905 (readable as the issue writes it)
CJK_PUNCTUATION = "，、。．：；？！“”‘’（）《》〈〉「」『』【】〔〕—…·～￥％＋－×÷＝"
BOPOMOFO = "".join(chr(c) for c in range(0x3105, 0x312A)) + "ˉˊˇˋ˙"


@pytest.fixture
def warnings() -> Iterator[list[logging.LogRecord]]:
    """The records the "publish" logger emits during a test."""
    with captured_warnings() as handler:
        yield handler.records


def settings_for(key: str, **changes: object) -> Settings:
    return Settings().updated({"font": key, **changes})


def cmap(path: Path | bytes) -> dict[int, str]:
    font = TTFont(io.BytesIO(path) if isinstance(path, bytes) else path)
    return font.getBestCmap()


def coverage_codes(name: str) -> set[int]:
    codes: set[int] = set()
    for line in (COVERAGE / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            codes.update(int(c[2:], 16) for c in line.split("\t")[0].split())
    return codes


# --------------------------------------------------------------------------- the bundled files


def test_every_bundled_face_is_in_fonts_with_its_licence() -> None:
    assert bundled_path("fonts") == FONT_DIR
    for family in (*FONTS.values(), *TRADITIONAL_FONTS.values()):
        for name in (family.regular, family.bold):
            assert (FONT_DIR / name).is_file(), name
    assert (FONT_DIR / "LICENSE-NotoCJK.txt").read_text().count("SIL OPEN FONT LICENSE") == 1
    assert "Reserved Font Names" in (FONT_DIR / "LICENSE-WenKai.txt").read_text()
    readme = (FONT_DIR / "README.md").read_text(encoding="utf-8")
    for path in FONT_DIR.iterdir():
        if path.suffix in {".otf", ".ttf", ".txt"}:
            assert path.name in readme, f"fonts/README.md does not describe {path.name}"


def test_fonts_folder_stays_within_40_mb() -> None:
    total = sum(p.stat().st_size for p in FONT_DIR.rglob("*") if p.is_file())
    assert total <= 40_000_000, f"fonts/ holds {total:,} bytes"


TC_SOURCES_LACK = "ˍ‾∼≒𡑍𣈶𥗽"
"""What Debian's Noto CJK TC faces lack of the list (fonts/README.md): four Big5 symbols, and
the traditional forms OpenCC gives 𫭼, 暅 and 𬒗 (fontconfig finds a fallback, or --strict
stops)."""


@pytest.mark.parametrize("key", sorted(TRADITIONAL_FONTS))
def test_traditional_faces_are_named_and_cover_what_opencc_makes_of_the_8105(key: str) -> None:
    """Every character a traditional edition of text in the 8,105 通用规范汉字 can print: each
    character converted alone, all of them as one text, and in the words of pypinyin's phrase
    list (OpenCC's phrase tables choose other forms there: 柜台 -> 櫃枱 in Hong Kong)."""
    import opencc
    from pypinyin.phrases_dict import phrases_dict

    tongyong = "".join(chr(c) for c in sorted(coverage_codes("tongyong-8105.txt")))
    words = "\n".join(w for w in phrases_dict if all(c in tongyong for c in w))
    made = set()
    for config in ("s2t", "s2tw", "s2twp", "s2hk"):
        convert = opencc.OpenCC(config).convert
        made.update(convert(tongyong), convert(words), *(convert(c) for c in tongyong))
    wanted = {ord(c) for text in made for c in text if not c.isspace()}
    wanted |= coverage_codes("big5-level1.txt")
    wanted |= {ord(c) for letter in PINYIN_LETTERS for c in letter}
    wanted |= {ord(c) for c in CJK_PUNCTUATION + BOPOMOFO}
    assert len(wanted) > 8500
    family = TRADITIONAL_FONTS[key]
    for name, style in ((family.regular, "Regular"), (family.bold, "Bold")):
        font = TTFont(FONT_DIR / name)
        assert font["name"].getBestFamilyName() == family.css_name
        assert font["name"].getBestSubFamilyName() == style
        lacking = "".join(chr(c) for c in sorted(wanted - set(font.getBestCmap())))
        assert lacking == TC_SOURCES_LACK, f"{name} lacks {lacking}"


@pytest.mark.parametrize("key", FAMILIES)
def test_bundled_faces_are_named_as_configured_and_keep_no_reserved_name(key: str) -> None:
    family = FONTS[key]
    for name, style in ((family.regular, "Regular"), (family.bold, "Bold")):
        font = TTFont(FONT_DIR / name)
        assert font["name"].getBestFamilyName() == family.css_name
        assert font["name"].getBestSubFamilyName() == style
        # OFL-1.1 §3: LXGW WenKai reserves "LXGW" and "霞鹜"; only the copyright and licence
        # records may still say them.
        shown = [r.toUnicode() for r in font["name"].names if r.nameID not in (0, 13, 14)]
        assert not [n for n in shown if "LXGW" in n or "霞鹜" in n]
        # Horizontal setting only: the vertical tables were left out to keep fonts/ small.
        assert not {"vhea", "vmtx", "VORG"} & set(font.keys())


@pytest.mark.parametrize("key", FAMILIES)
def test_each_face_covers_the_characters_the_issue_lists(key: str) -> None:
    han = coverage_codes("tongyong-8105.txt")
    gb2312 = coverage_codes("gb2312.txt")
    assert len(han) == 8105
    wanted = han | gb2312
    wanted |= {ord(c) for letter in PINYIN_LETTERS for c in letter}
    wanted |= {ord(c) for c in CJK_PUNCTUATION + BOPOMOFO + "0123456789０１２３４５６７８９"}
    for name in (FONTS[key].regular, FONTS[key].bold):
        lacking = wanted - set(cmap(FONT_DIR / name))
        assert not lacking, f"{name} lacks {' '.join(f'U+{c:04X}' for c in sorted(lacking))}"


@pytest.mark.slow
@pytest.mark.parametrize("key", FAMILIES)
def test_every_reading_pypinyin_writes_is_covered(key: str) -> None:
    """Readings are added after the coverage check, so the fonts must hold all of them."""
    from pypinyin import Style, pinyin_dict
    from pypinyin.style import convert

    readings = {r for value in pinyin_dict.pinyin_dict.values() for r in value.split(",")}
    letters = set("".join(readings))
    letters |= {c for r in readings for c in convert(r, Style.BOPOMOFO, strict=True)}
    letters |= set("12345")  # tone numbers
    for name in (FONTS[key].regular, FONTS[key].bold):
        lacking = {c for c in letters if ord(c) not in cmap(FONT_DIR / name)}
        assert not lacking, f"{name} lacks {sorted(lacking)}"


def test_coverage_lists_are_what_unihan_and_gb2312_give() -> None:
    require(Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2").is_file(), "unicode-data")
    make_fonts = _make_fonts_module()
    for name, text in make_fonts.coverage_texts().items():
        assert (COVERAGE / name).read_text(encoding="utf-8") == text, name


def _make_fonts_module():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fonts", ROOT / "scripts" / "make_fonts.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_fonts"] = module  # dataclasses look their module up while defining
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_script_regenerates_the_fonts_byte_for_byte(tmp_path: Path) -> None:
    for package, path in (
        ("fonts-noto-cjk", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
        ("fonts-lxgw-wenkai", "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"),
    ):
        require(Path(path).is_file(), package)
    result = subprocess.run(
        [sys.executable, ROOT / "scripts" / "make_fonts.py", "--out", tmp_path],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    made = sorted(p.name for p in tmp_path.iterdir())
    bundled = sorted(p.name for p in FONT_DIR.iterdir() if p.suffix in {".otf", ".ttf", ".txt"})
    assert made == bundled
    for name in made:
        digest = hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()
        assert digest == hashlib.sha256((FONT_DIR / name).read_bytes()).hexdigest(), name


@pytest.mark.parametrize(
    ("bundled", "source"),
    [
        (FONTS[key].regular if weight == "Regular" else FONTS[key].bold,
         f"/usr/share/fonts/opentype/noto/Noto{style}CJK-{weight}.ttc")
        for key, style in (("sans", "Sans"), ("serif", "Serif"))
        for weight in ("Regular", "Bold")
    ],
)  # fmt: skip
def test_the_noto_faces_keep_their_outlines_as_truetype(bundled: str, source: str) -> None:
    """The CFF curves became quadratic ones within a unit of the em, wound the TrueType way."""
    from fontTools.pens.areaPen import AreaPen
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTCollection

    require(Path(source).is_file(), "fonts-noto-cjk")
    ours = TTFont(FONT_DIR / bundled)
    assert "glyf" in ours and "CFF " not in ours
    family = ours["name"].getBestFamilyName()
    theirs = next(
        f for f in TTCollection(source, lazy=True).fonts if f["name"].getBestFamilyName() == family
    )
    text = set(article_text(load(SEED).collection.articles[0]) + "āǎàüABCxyz123，。《》")
    cmaps = theirs.getBestCmap(), ours.getBestCmap()
    glyph_sets = theirs.getGlyphSet(), ours.getGlyphSet()
    checked = 0
    for char in sorted(text):
        if ord(char) not in cmaps[1] or char.isspace():
            continue
        drawn = []
        for glyphs, cmap_ in zip(glyph_sets, cmaps, strict=True):
            bounds, area = BoundsPen(glyphs), AreaPen(glyphs)
            glyphs[cmap_[ord(char)]].draw(bounds)
            glyphs[cmap_[ord(char)]].draw(area)
            drawn.append((bounds.bounds, area.value))
        (bounds_cff, area_cff), (bounds_tt, area_tt) = drawn
        assert max(abs(a - b) for a, b in zip(bounds_cff, bounds_tt, strict=True)) <= 1, char
        # Each contour reversed: counter-clockwise in CFF, clockwise in TrueType.
        assert area_cff * area_tt < 0, char
        assert abs(area_cff + area_tt) <= 0.01 * abs(area_cff), char
        checked += 1
    assert checked > 500  # the seed's 612 characters, less spaces and Latin letters


# --------------------------------------------------------------------------- faces and stack


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
    fallback = _extb_fallback()
    settings = settings_for("sans")
    faces = font_faces(settings, (fallback,))
    assert faces[-1].path == fallback and faces[-1].fallback and faces[-1].weight == 400
    name = TTFont(fallback)["name"].getBestFamilyName() + " Fallback"
    assert faces[-1].family == name
    assert font_stack(settings, (fallback,)) == f'"Noto Sans CJK SC", "{name}", sans-serif'


# --------------------------------------------------------------------------- coverage


@pytest.mark.parametrize("key", FAMILIES)
@pytest.mark.parametrize("project", EXAMPLE_PROJECTS, ids=lambda p: p.name)
def test_every_example_is_covered_by_every_family(
    project: Path, key: str, warnings: list[logging.LogRecord]
) -> None:
    collection = load(project).collection
    assert check_coverage(collection, settings_for(key, strict=True)) == ()
    assert check_coverage(collection, settings_for(key)) == ()
    assert not warnings
    text = "".join(article_text(a) for a in collection.articles)
    assert len(set(text)) > 50  # the check did read the articles


def _has_system_font_for_extb() -> bool:
    if shutil.which("fc-list") is None:
        return False
    found = subprocess.run(["fc-list", ":charset=20000", "file"], capture_output=True, text=True)
    return bool(found.stdout.strip())


def _extb_fallback() -> Path:
    require(_has_system_font_for_extb(), "a system font with U+20000 (fonts-babelstone-han)")
    (path,) = check_coverage(load(EXTB).collection, settings_for("sans"))
    return path


@pytest.mark.parametrize("key", FAMILIES)
def test_an_uncovered_character_is_reported_once_and_falls_back(
    key: str, warnings: list[logging.LogRecord]
) -> None:
    require(_has_system_font_for_extb(), "a system font with U+20000 (fonts-babelstone-han)")
    fallbacks = check_coverage(load(EXTB).collection, settings_for(key))
    # 𠀀 is in the title, a paragraph and a heading: one report, with file, line and code point;
    # the ideographic, no-break and zero-width spaces are not glyph problems.
    messages = [r.getMessage() for r in warnings]
    assert len(messages) == 1, messages
    assert re.fullmatch(
        rf"\S*extb\.md:2: 𠀀 \(U\+20000\) is not in the font {FONTS[key].css_name}: "
        r"embedding it from .+ \(/.+\)",
        messages[0],
    )
    (fallback,) = fallbacks
    assert set(cmap(fallback)) == {0x20000}


def test_a_system_copy_of_the_family_falls_back_under_its_own_name(tmp_path: Path) -> None:
    """㐀 (U+3400) is in Debian's whole Noto Sans CJK but not in the bundled subset: fontconfig's
    choice for Chinese sans text is the SC face of the collection, embedded as a fallback family
    of its own so that its @font-face rule never hides the bundled face's."""
    require(Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").is_file(),
            "fonts-noto-cjk")  # fmt: skip
    require_tool("pdffonts")
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    with (project / "articles" / "a.md").open("a", encoding="utf-8") as article:
        article.write("\n罕见字㐀。\n")
    settings = settings_for("sans")
    (fallback,) = check_coverage(load(project).collection, settings)
    faces = font_faces(settings, (fallback,))
    assert [f.family for f in faces] == ["Noto Sans CJK SC"] * 2 + ["Noto Sans CJK SC Fallback"]
    stack = font_stack(settings, (fallback,))
    assert stack == '"Noto Sans CJK SC", "Noto Sans CJK SC Fallback", sans-serif'
    pdf = _render_without_system_fonts(tmp_path, faces, stack, "罕见字㐀在此")
    listed = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    assert "+Noto-Sans-CJK-SC " in listed and "+Noto-Sans-CJK-SC-Fallback " in listed
    extracted = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    assert "罕见字㐀在此" in extracted


def test_strict_makes_each_uncovered_character_an_error() -> None:
    with pytest.raises(SourceError) as raised:
        check_coverage(load(EXTB).collection, settings_for("kai", strict=True))
    (line,) = raised.value.lines()
    assert "extb.md:2: 𠀀 (U+20000) is not in the font WenKai Publish" in line


def test_check_and_build_strict_fail_with_one_line_and_write_nothing(tmp_path: Path) -> None:
    result = run_publish("check", "--strict", EXTB)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert re.fullmatch(r"error: \S*extb\.md:2: 𠀀 \(U\+20000\) is not in the font .*", line)
    out = tmp_path / "out"
    result = run_publish("build", "--strict", "--font", "serif", EXTB, "-o", out)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "Noto Serif CJK SC" in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_check_warns_when_no_system_font_has_the_character(tmp_path: Path) -> None:
    """With fontconfig seeing no fonts at all, the character is still reported, never silent."""
    env = _no_system_fonts(tmp_path)
    result = run_publish("check", EXTB, env=env)
    assert result.returncode == 0
    (warning,) = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert "𠀀 (U+20000)" in warning and "no system font has it" in warning
    assert "tofu" in warning


def _no_system_fonts(tmp_path: Path) -> dict[str, str]:
    """Environment for a process whose fontconfig knows no font (no <dir> in its config)."""
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>"
    )
    return {"FONTCONFIG_FILE": str(config), "FONTCONFIG_PATH": str(tmp_path)}


# --------------------------------------------------------------------------- manifest fonts


def _project_with_font(tmp_path: Path, font: str) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    manifest = project / "publish.yaml"
    manifest.write_text(manifest.read_text() + f"  font: {font}\n", encoding="utf-8")
    return project


def test_a_manifest_can_name_its_own_font(tmp_path: Path) -> None:
    project = _project_with_font(
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


def test_with_pinyin_a_project_font_is_checked_for_the_readings_too(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A font made for the characters alone lacks the tone letters: said before a pinyin build."""
    project = _project_with_font(tmp_path, "{family: 我的楷体, regular: fonts/kai.ttf}")
    (project / "fonts").mkdir()
    text = used_text(load(FIXTURES / "minimal").collection).all
    (project / "fonts" / "kai.ttf").write_bytes(
        subset(FONT_DIR / FONTS["kai"].regular, text, "sfnt")
    )
    loaded = load(project)
    assert check_coverage(loaded.collection, loaded.settings) == ()
    with caplog.at_level(logging.WARNING, logger="publish"):
        build(project, tmp_path / "out", formats="html", pinyin=True)
    missing = {m.split(" (U+")[0].rsplit(" ", 1)[-1] for m in caplog.messages if "U+" in m}
    assert {"ī", "à"} <= missing  # 第一篇 dì yī piān: letters the font never had


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
    project = _project_with_font(tmp_path, font)
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


# --------------------------------------------------------------------------- used text


def test_used_text_splits_the_edition_by_weight() -> None:
    collection = load(SEED).collection
    used = used_text(collection)
    article = collection.articles[0]
    assert set(article_text(article)) - set("\n") <= set(used.all)
    assert set(article.title_text) <= set(used.bold)
    assert set(collection.title) <= set(used.bold) & set(used.regular)
    assert len(used.bold) < len(used.regular) / 2  # headings and names, not the body
    assert used.regular == "".join(sorted(set(used.regular)))


def test_readings_count_in_the_regular_weight_even_in_headings() -> None:
    """The layouts set ruby text in the regular weight, headings included."""
    from publish.pinyin.annotate import annotate_collection

    settings = settings_for("kai", pinyin=True)
    collection = annotate_collection(load(SEED).collection, settings)
    used = used_text(collection)
    title = collection.articles[0].title
    readings = {c for run in title if isinstance(run, Ruby) for c in "".join(run.readings)}
    assert readings and readings <= set(used.regular) & set(used.bold)


def test_used_text_adds_what_rendered_documents_show() -> None:
    collection = load(FIXTURES / "minimal").collection
    page = (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>標題不顯示</title><style>p{}</style></head>"
        "<body><nav>目录</nav><h2>章</h2><p>页<strong>粗</strong><b>體</b></p>"
        "<table><tr><th>表</th></tr></table><ruby>字<rp>(</rp><rt>zì</rt><rp>)</rp></ruby>"
        "<h3>题<ruby>目<rt>mù</rt></ruby></h3><dl><dt>项</dt><dd>值</dd></dl></body></html>"
    )
    used = used_text(collection, [page], extra="◆")
    # dt is not bold by the user agent's stylesheet (HTML §15.3.3), so 项 is regular.
    assert set("目录页字zì()值mù◆项") <= set(used.regular)
    assert set("章粗體表题目mù◆") <= set(used.bold)
    assert not set("章粗體表题") & set(used.regular) - set(used_text(collection).regular)
    assert not set("標題不顯示") & set(used.all)


# --------------------------------------------------------------------------- subsets


@pytest.mark.parametrize("key", FAMILIES)
@pytest.mark.parametrize("flavor", ["sfnt", "woff2"])
def test_a_subset_holds_exactly_the_used_characters(key: str, flavor: str) -> None:
    face = FONT_DIR / FONTS[key].regular
    text = article_text(load(SEED).collection.articles[0]) + "，。、「」《》ABC xyz 123"
    data = subset(face, text, flavor)  # type: ignore[arg-type]
    assert data[:4] == {"woff2": b"wOF2", "sfnt": b"\0\1\0\0"}[flavor]  # TrueType outlines
    full = cmap(face)
    wanted = {ord(c) for c in text} & set(full)
    font = TTFont(io.BytesIO(data))
    assert set(font.getBestCmap()) == wanted
    # Exactly the glyphs of those characters and .notdef: this text needs no substitution.
    assert set(font.getGlyphOrder()) == {full[c] for c in wanted} | {".notdef"}
    assert font["head"].modified == TTFont(face)["head"].modified
    assert subset(face, text[::-1], flavor) == data  # same characters, same bytes  # type: ignore[arg-type]


def _hong_kong_forms(font: TTFont) -> dict[str, str]:
    """The glyph each glyph becomes in text tagged zh-Hant-HK (locl of the ZHH language)."""
    table = font["GSUB"].table
    forms: dict[str, str] = {}
    for record in table.ScriptList.ScriptRecord:
        for system in record.Script.LangSysRecord:
            assert system.LangSysTag == "ZHH "  # no Japanese, Korean or Simplified forms
            for index in system.LangSys.FeatureIndex:
                feature = table.FeatureList.FeatureRecord[index]
                if feature.FeatureTag != "locl":
                    continue
                for lookup in feature.Feature.LookupListIndex:
                    for sub in table.LookupList.Lookup[lookup].SubTable:
                        sub = getattr(sub, "ExtSubTable", sub)  # an extension lookup's own
                        forms.update(getattr(sub, "mapping", {}))
    return forms


@pytest.mark.parametrize("key", sorted(TRADITIONAL_FONTS))
def test_traditional_faces_keep_hong_kong_s_glyphs_and_subsets_keep_them_too(key: str) -> None:
    """Glyph shapes follow the region: the TC faces' own glyphs for zh-Hant(-TW), Noto's Hong
    Kong forms (about 1,400 of the kept characters) for text tagged zh-Hant-HK."""
    face = FONT_DIR / TRADITIONAL_FONTS[key].regular
    font = TTFont(face)
    forms = _hong_kong_forms(font)
    cmap_ = font.getBestCmap()
    regional = [c for c, glyph in cmap_.items() if glyph in forms]
    assert 1000 < len(regional) < 2000
    assert {ord(c) for c in "公八分值"} <= set(regional)
    # An output's subset keeps both forms of 公, and the substitution between them.
    cut = TTFont(io.BytesIO(subset(face, "公", "sfnt")))
    (glyph,) = cut.getBestCmap().values()
    assert len(cut.getGlyphOrder()) == 3  # .notdef, 公 and its Hong Kong form
    assert _hong_kong_forms(cut)[glyph] != glyph


def test_a_subset_keeps_what_shaping_combining_pinyin_needs() -> None:
    """ê̄ is ê plus a combining macron: Noto's ccmp composes it, so its glyph must stay."""
    face = FONT_DIR / FONTS["sans"].regular
    font = TTFont(io.BytesIO(subset(face, "ê̄m̄", "sfnt")))
    assert set(font.getBestCmap()) == {0xEA, 0x304, ord("m")}
    assert len(font.getGlyphOrder()) > 4  # .notdef, ê, m, the mark and the composed glyphs
    assert "ccmp" in {r.FeatureTag for r in font["GSUB"].table.FeatureList.FeatureRecord}


def test_subset_faces_cut_each_weight_to_its_text() -> None:
    collection = load(SEED).collection
    used = used_text(collection)
    faces = font_faces(settings_for("sans"))
    regular, bold = subset_faces(faces, used, "woff2")
    assert (regular.file_name, regular.media_type) == ("NotoSansCJKsc-Regular.woff2", "font/woff2")
    assert bold.face.weight == 700 and bold.css_format == "woff2"
    assert set(TTFont(io.BytesIO(bold.data)).getBestCmap()) == {ord(c) for c in used.bold} & set(
        cmap(bold.face.path)
    )
    # The goals of the issue: the seed's web fonts under 300 KB, its EPUB fonts well under 400 KB.
    assert regular.data.__len__() + bold.data.__len__() < 300_000
    epub = subset_faces(faces, used, "sfnt")
    assert [f.media_type for f in epub] == ["font/ttf", "font/ttf"]
    assert sum(len(f.data) for f in epub) < 300_000


def test_subset_faces_give_fallbacks_every_character_they_have() -> None:
    fallback = _extb_fallback()
    faces = font_faces(settings_for("sans"), (fallback,))
    used = used_text(load(EXTB).collection)
    *_, extra = subset_faces(faces, used, "sfnt")
    assert extra.face.fallback
    assert set(TTFont(io.BytesIO(extra.data)).getBestCmap()) == {0x20000}


# --------------------------------------------------------------------------- rendering


RENDER = """
import sys
from weasyprint import HTML
css, text, out = sys.argv[1:4]
html = '<html lang="zh-Hans"><style>@page {size: A5; margin: 10mm} ' + css + '</style>'
html += '<h1>' + text[:12] + '</h1><p>' + text + '</p></html>'
HTML(string=html).write_pdf(out)
"""


def _render_without_system_fonts(tmp_path: Path, faces: list[FontFace], stack: str,
                                 text: str) -> Path:  # fmt: skip
    css = "".join(
        f'@font-face {{font-family: "{f.family}"; src: url("{f.path.as_uri()}"); '
        f"font-weight: {f.weight}}}"
        for f in faces
    )
    css += f"html {{font-family: {stack}; font-size: 14pt}}"
    out = tmp_path / "out.pdf"
    env = {**os.environ, **_no_system_fonts(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", RENDER, css, text, out], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("key", FAMILIES)
def test_weasyprint_sets_the_seed_with_the_bundled_faces_alone(key: str, tmp_path: Path) -> None:
    require_tool("pdffonts")
    require_tool("pdftotext")
    settings = settings_for(key)
    text = article_text(load(SEED).collection.articles[0]).replace("\n", "")
    text += "拼音：lǜ nǚ ê̄ ế ê̌ ề m̄ ḿ ň ǹ；注音：ㄌㄩˋ ㄋㄩˇ"
    pdf = _render_without_system_fonts(tmp_path, font_faces(settings), font_stack(settings), text)
    listed = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    names = {line.split()[0].split("+", 1)[1] for line in listed.splitlines()[2:]}
    postscript = FONTS[key].css_name.replace(" ", "-")
    assert names == {postscript, f"{postscript}-Bold"}, listed
    extracted = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    squashed = re.sub(r"\s+", "", extracted)
    for piece in re.split(r"\s+", text)[:40]:
        assert unicodedata_nfc(piece) in unicodedata_nfc(squashed), piece


def unicodedata_nfc(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", text)


def test_weasyprint_embeds_the_fallback_after_the_family(tmp_path: Path) -> None:
    require_tool("pdffonts")
    fallback = _extb_fallback()
    settings = settings_for("sans")
    faces = font_faces(settings, (fallback,))
    pdf = _render_without_system_fonts(
        tmp_path, faces, font_stack(settings, (fallback,)), "古字𠀀在此"
    )
    listed = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    assert "+Noto-Sans-CJK-SC " in listed
    assert f"+{faces[-1].family.replace(' ', '-')} " in listed  # named after its family
    extracted = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    assert "古字𠀀在此" in extracted


@pytest.mark.parametrize("key", FAMILIES)
def test_chromium_loads_the_web_subsets(key: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    from tests.builders.html.browser import chromium_path, launch

    require(chromium_path() is not None, "chromium")
    settings = settings_for(key)
    used = used_text(load(SEED).collection)
    faces = subset_faces(font_faces(settings), used, "woff2")
    rules = "".join(
        f'@font-face {{font-family: "{f.face.family}"; font-weight: {f.face.weight}; '
        f"src: url(data:{f.media_type};base64,{base64.b64encode(f.data).decode()}) "
        f'format("{f.css_format}")}}'
        for f in faces
    )
    page_html = (
        f'<html lang="zh-Hans"><style>{rules} body {{font-family: {font_stack(settings)}}}'
        f"</style><body><h1>{used.bold[:20]}</h1><p>{used.regular[-200:]}</p></body></html>"
    )

    def load_fonts() -> list[list[str]]:
        with sync_api.sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page()
            page.set_content(page_html)
            statuses: list[list[str]] = page.evaluate(
                "async () => { await document.fonts.ready;"
                " return [...document.fonts].map(f => [f.family, f.weight, f.status]); }"
            )
            browser.close()
        return statuses

    # In a thread of its own: the sync API refuses to run where another test's event loop is.
    with ThreadPoolExecutor(1) as pool:
        statuses = pool.submit(load_fonts).result(timeout=120)
    family = FONTS[key].css_name
    assert sorted(statuses) == [[family, "400", "loaded"], [family, "700", "loaded"]], statuses


def test_faces_cut_in_parallel_are_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    faces = font_faces(Settings())
    text = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 1200))
    used = UsedText(text, text[:300])
    monkeypatch.setenv("PUBLISH_PROCESSES", "1")
    alone = subset_faces(faces, used, "woff2")
    monkeypatch.setenv("PUBLISH_PROCESSES", "2")
    together = subset_faces(faces, used, "woff2")
    assert [f.data for f in together] == [f.data for f in alone]
    # The WOFF2 is a real one, holding the characters asked for.
    regular = TTFont(io.BytesIO(together[0].data))
    assert regular.flavor == "woff2"
    assert {chr(c) for c in regular.getBestCmap()} >= set(text) - {
        c for c in text if ord(c) not in charset(faces[0].path)
    }
