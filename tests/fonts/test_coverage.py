"""publish.fonts.coverage: every source character checked against the family, with system
fallbacks (reported once, or errors with --strict)."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from pathlib import Path
from unittest.mock import patch

import pytest

from publish.config import FONTS, TRADITIONAL_FONTS
from publish.errors import SourceError
from publish.fonts.coverage import check_coverage
from publish.fonts.faces import font_faces, font_stack
from publish.fonts.subset import subset
from publish.fonts.used import used_text
from publish.model import visible_text
from publish.pipeline import build, load
from tests.conftest import (
    FIXTURES,
    require,
    require_tool,
    run_publish,
)
from tests.fonts.conftest import (
    EXAMPLE_PROJECTS,
    EXTB,
    FAMILIES,
    FONT_DIR,
    cmap,
    has_system_font_for_extb,
    no_system_fonts,
    project_with_font,
    render_without_system_fonts,
    settings_for,
)


@pytest.mark.parametrize("key", FAMILIES)
@pytest.mark.parametrize("project", EXAMPLE_PROJECTS, ids=lambda p: p.name)
def test_every_example_is_covered_by_every_family(
    project: Path, key: str, warnings: list[logging.LogRecord]
) -> None:
    collection = load(project).collection
    assert check_coverage(collection, settings_for(key, strict=True)) == ()
    assert check_coverage(collection, settings_for(key)) == ()
    assert not warnings
    text = "".join(visible_text(a) for a in collection.articles)
    assert len(set(text)) > 50  # the check did read the articles


@pytest.mark.parametrize("key", FAMILIES)
def test_an_uncovered_character_is_reported_once_and_falls_back(
    key: str, warnings: list[logging.LogRecord]
) -> None:
    require(has_system_font_for_extb(), "a system font with U+20000 (fonts-babelstone-han)")
    fallbacks = check_coverage(load(EXTB).collection, settings_for(key))
    # 𠀀 is in the title, a paragraph and a heading: one report, with file, line and code point;
    # the ideographic, no-break and zero-width spaces are not glyph problems.
    messages = [r.getMessage() for r in warnings]
    assert len(messages) == 1, messages
    assert re.fullmatch(
        rf"\S*extb\.md:2: 𠀀 \(U\+20000\) is not in the edition's font {FONTS[key].css_name}: "
        r"embedding it from the system font .+ \(/.+\)",
        messages[0],
    )
    (fallback,) = fallbacks
    assert set(cmap(fallback)) == {0x20000}


def test_the_characters_one_article_lacks_are_one_report(
    tmp_path: Path, warnings: list[logging.LogRecord]
) -> None:
    """An article of rare characters (a name, a place in a Hong Kong page) lacks several: one
    line names how many, the first ones and the line of the first, not one line each."""
    require(has_system_font_for_extb(), "a system font with U+20000 (fonts-babelstone-han)")
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    lacking = "".join(map(chr, range(0x20000, 0x20010)))  # in no bundled face
    with (project / "articles" / "a.md").open("a", encoding="utf-8") as article:
        article.write(f"\n香港中文大{lacking[:4]}。\n\n{lacking[4:]}。\n")
    line = (project / "articles" / "a.md").read_text(encoding="utf-8").splitlines().index(
        f"香港中文大{lacking[:4]}。") + 1  # fmt: skip
    (fallback,) = check_coverage(load(project).collection, settings_for("sans"))
    assert set(cmap(fallback)) == set(map(ord, lacking))
    (message,) = [r.getMessage() for r in warnings]
    shown = ", ".join(f"{char} U\\+{ord(char):04X}" for char in lacking[:8])
    assert re.fullmatch(
        rf"\S*a\.md:{line}: 16 characters \({shown} and 8 more\) are not in the edition's "
        r"font Noto Sans CJK SC: embedding them from the system font .+ \(/.+\)",
        message,
    ), message


@pytest.mark.parametrize("key", FAMILIES)
def test_the_other_scripts_characters_are_set_in_the_bundled_companion(
    key: str, tmp_path: Path, warnings: list[logging.LogRecord]
) -> None:
    """Traditional characters in an article of the simplified edition's language (a name, a
    quotation) are not in GB 2312: they are set in the bundled traditional face of the same
    design, regular and bold, with no warning and no system font."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    lacking = "學舉辦華與現講陳師參傳統臺將區設"  # none of them in GB 2312
    source = project / "articles" / "a.md"
    # Said to be simplified: written like this without saying, it would be read as traditional
    # (`characters.written_language`) and cut into the companion whole.
    source.write_text(
        source.read_text(encoding="utf-8").replace("---\n", "---\nlanguage: zh-Hans\n", 1)
    )
    with source.open("a", encoding="utf-8") as article:
        article.write(f"\n## 香港{lacking[:4]}\n\n{lacking[4:]}。\n")
    settings = settings_for(key)
    companion = TRADITIONAL_FONTS[key]
    with patch.dict(os.environ, no_system_fonts(tmp_path)):
        fallbacks = check_coverage(load(project).collection, settings)
    assert [r.getMessage() for r in warnings] == []
    regular, bold = fallbacks
    assert set(cmap(regular)) == set(map(ord, lacking))
    assert set(cmap(bold)) == set(map(ord, lacking[:4]))  # the heading's
    faces = font_faces(settings, fallbacks)
    assert [(f.family, f.weight) for f in faces[2:]] == [
        (f"{companion.css_name} Fallback", 400),
        (f"{companion.css_name} Fallback", 700),
    ]
    assert font_stack(settings, fallbacks).startswith(
        f'"{settings.font.css_name}", "{companion.css_name} Fallback", '
    )


def test_an_article_in_the_other_script_is_cut_into_the_companion_whole(
    tmp_path: Path, warnings: list[logging.LogRecord]
) -> None:
    """An article tagged zh-Hant in a simplified edition is set in the companion whole (the
    layouts' `:lang(zh-Hant)` rule): its cut holds every character of the article, those the
    simplified face has too (骨 角 次, whose shapes differ) and its spaces and digits (a cut
    without its space printed a box in the PDF); an article in simplified characters adds
    nothing to it."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    (project / "articles" / "hk.md").write_text(
        "---\ntitle: 香港骨科\nlanguage: zh-Hant\n---\n\n2019年 3月舉辦講座，角次。\n",
        encoding="utf-8",
    )
    (regular, bold) = check_coverage(load(project).collection, settings_for("sans"))
    assert [r.getMessage() for r in warnings] == []
    assert set("香港骨科2019年 3月舉辦講座，角次。") <= set(map(chr, cmap(regular)))
    assert not set("第一段文字") & set(map(chr, cmap(regular)))  # the simplified articles'
    assert set("香港骨科") <= set(map(chr, cmap(bold)))  # the title, in bold


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
    pdf = render_without_system_fonts(tmp_path, faces, stack, "罕见字㐀在此")
    listed = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    assert "+Noto-Sans-CJK-SC " in listed and "+Noto-Sans-CJK-SC-Fallback " in listed
    extracted = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    assert "罕见字㐀在此" in extracted


def test_strict_makes_each_uncovered_character_an_error() -> None:
    with pytest.raises(SourceError) as raised:
        check_coverage(load(EXTB).collection, settings_for("kai", strict=True))
    (line,) = raised.value.lines()
    assert "extb.md:2: 𠀀 (U+20000) is not in the edition's font WenKai Publish" in line


def test_check_and_build_strict_fail_with_one_line_and_write_nothing(tmp_path: Path) -> None:
    result = run_publish("check", "--strict", EXTB)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert re.fullmatch(
        r"error: \S*extb\.md:2: 𠀀 \(U\+20000\) is not in the edition's font .*", line
    )
    out = tmp_path / "out"
    result = run_publish("build", "--strict", "--font", "serif", EXTB, "-o", out)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "Noto Serif CJK SC" in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_check_warns_when_no_system_font_has_the_character(tmp_path: Path) -> None:
    """With fontconfig seeing no fonts at all, the character is still reported, never silent."""
    env = no_system_fonts(tmp_path)
    result = run_publish("check", EXTB, env=env)
    assert result.returncode == 0
    (warning,) = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert "𠀀 (U+20000)" in warning and "no system font has it" in warning
    assert "tofu" in warning


def test_with_pinyin_a_project_font_is_checked_for_the_readings_too(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A font made for the characters alone lacks the tone letters: said before a pinyin build."""
    project = project_with_font(tmp_path, "{family: 我的楷体, regular: fonts/kai.ttf}")
    (project / "fonts").mkdir()
    text = used_text(load(FIXTURES / "minimal").collection).all
    (project / "fonts" / "kai.ttf").write_bytes(
        subset(FONT_DIR / FONTS["kai"].regular, text, "sfnt")
    )
    loaded = load(project)
    assert check_coverage(loaded.collection, loaded.settings) == ()
    with caplog.at_level(logging.WARNING, logger="publish"):
        build(project, tmp_path / "out", formats="html", pinyin=True)
    # One report for each article's missing characters, naming the first eight.
    named = [re.search(r": \d+ characters \(([^)]*)\) are not in the edition's font 我的楷体", m)
             for m in caplog.messages]  # fmt: skip
    missing = {char for found in named if found for char in found[1].split()[::2]}
    assert {"ì", "ī", "ā"} <= missing  # 第一篇 dì yī piān: letters the font never had
