"""Layouts: project files override bundled ones; bundled/ always names the bundled file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from markupsafe import Markup

from publish.config import PINYIN_STYLES, bundled_path
from publish.layouts import date_zh, environment, reading_fit_class, ruby_renderer
from publish.model import Ruby
from publish.pipeline import build, load
from tests.conftest import EXAMPLES, FIXTURES


def test_project_layout_overrides_a_bundled_file_of_the_same_name(tmp_path: Path) -> None:
    build(FIXTURES / "override", tmp_path)
    index = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert 'class="from-project-layout"' in index
    # Files the project does not override still come from the bundled layouts.
    assert (
        (tmp_path / "html")
        .joinpath(f"{load(FIXTURES / 'override').collection.articles[0].slug}.html")
        .is_file()
    )


def test_bundled_prefix_reaches_the_bundled_file_under_an_override() -> None:
    env = environment(FIXTURES / "override" / "layouts")
    overridden = Path(env.get_template("web/index.html").filename or "")
    bundled = Path(env.get_template("bundled/web/index.html").filename or "")
    assert overridden.is_relative_to(FIXTURES / "override" / "layouts")
    assert bundled.is_relative_to(bundled_path("layouts"))


def test_markup_templates_are_autoescaped(tmp_path: Path) -> None:
    for name in ("page.html", "chapter.xhtml", "package.opf", "toc.ncx", "cover.svg"):
        (tmp_path / name).write_text("{{ text }}", encoding="utf-8")
        rendered = environment(tmp_path).get_template(name).render(text="<script>&")
        assert rendered == "&lt;script&gt;&amp;"
    (tmp_path / "style.css").write_text("{{ text }}", encoding="utf-8")
    assert environment(tmp_path).get_template("style.css").render(text="a > b") == "a > b"


def test_chinese_dates() -> None:
    from datetime import datetime

    assert date_zh(datetime(2018, 11, 16, 9, 15)) == "2018年11月16日 09:15"
    assert date_zh(datetime(2018, 11, 16)) == "2018年11月16日"


def test_spaces_by_punctuation_never_leave_a_mark_alone_at_a_line_edge() -> None:
    from publish.layouts import glue_punctuation

    # The seed's "早教进社区 ”公益": a closing mark must not start a line (W3C clreq §3.1.7).
    assert glue_punctuation("早教进社区 ”公益") == "早教进社区\u00a0”公益"
    assert glue_punctuation("“ 三个注重 ”") == "“\u00a0三个注重\u00a0”"
    assert glue_punctuation("早教进社区 ”", "") == "早教进社区”"  # print drops it
    assert glue_punctuation("A B，C") == "A B，C"  # only spaces beside the marks


def test_word_ties_keep_the_marks_around_a_word_with_it() -> None:
    from publish.layouts import word_ties
    from publish.model import Ruby, Text

    word = Ruby("典型", ("diǎn", "xíng"), written=("diǎn", "xíng"))
    next_word = Ruby("继续", ("jì", "xù"), written=("Jì", "xù"))
    runs = (Text("之家 “"), word, Text(" ”。"), next_word, Text("，深化“"))
    assert word_ties(runs) == [
        (Text("之家 "), "", ""),
        (word, "“", " ”。"),
        (Text(""), "", ""),
        (next_word, "", "，"),
        (Text("深化“"), "", ""),
    ]
    # Characters' ruby is inline text, which Chromium breaks by the rules of Chinese text:
    # no ties in print.
    chars = Ruby("典型", ("diǎn", "xíng"))
    assert word_ties((chars, Text("。"))) == [(chars, "", ""), (Text("。"), "", "")]


def test_every_ruby_ties_only_its_end_characters_to_the_marks() -> None:
    # WebKit (Apple Books, Kobo) breaks after a character's reading box before "、": the site
    # and the EPUB tie every ruby, but only the end characters, so lines still break inside.
    from publish.layouts import word_ties
    from publish.model import Ruby, Text

    run = Ruby(
        "遇到停电", ("yù", "dào", "tíng", "diàn"), zhuyin=("ㄩˋ", "ㄉㄠˋ", "ㄊㄧㄥˊ", "ㄉㄧㄢˋ")
    )
    assert word_ties((Text("说“"), run, Text("、然后")), every=True) == [
        (Text("说"), "", ""),
        (Ruby("遇", ("yù",), zhuyin=("ㄩˋ",)), "“", ""),
        (Ruby("到停", ("dào", "tíng"), zhuyin=("ㄉㄠˋ", "ㄊㄧㄥˊ")), "", ""),
        (Ruby("电", ("diàn",), zhuyin=("ㄉㄧㄢˋ",)), "", "、"),
        (Text("然后"), "", ""),
    ]
    one = Ruby("好", ("hǎo",))
    assert word_ties((Text("“"), one, Text("”")), every=True)[1] == (one, "“", "”")
    two = Ruby("好人", ("hǎo", "rén"))
    assert word_ties((two, Text("。")), every=True)[:2] == [
        (Ruby("好", ("hǎo",)), "", ""),
        (Ruby("人", ("rén",)), "", "。"),
    ]


def test_a_mark_is_tied_to_the_character_before_it_across_emphasis() -> None:
    # clreq §3.1.7 across inline elements: WebKit broke "**听见了什么**、" before "、".
    from publish.layouts import word_ties
    from publish.model import Emphasis, Link, Ruby, Strong, Text

    what = Ruby("什么", ("shén", "me"))
    runs = (Strong((Text("说"), what)), Text("、"))
    assert word_ties(runs, every=True) == [
        (Strong((Text("说"), Ruby("什", ("shén",)))), "", ""),
        (Strong((Ruby("么", ("me",)),)), "", "、"),
        (Text(""), "", ""),
    ]
    # Nested, and an opening mark before: each end character in its own emphasis.
    nested = (Text("“"), Emphasis((Strong((what,)),)), Text("”"))
    assert word_ties(nested, every=True)[1:4] == [
        (Emphasis((Strong((Ruby("什", ("shén",)),)),)), "“", ""),
        (Emphasis((Strong((Ruby("么", ("me",)),)),)), "", "”"),
        (Text(""), "", ""),
    ]
    # Print keeps the marks with their character itself; a link is never cut in two, and an
    # emphasis ending in text (no ruby) needs nothing.
    assert word_ties(runs) == [(run, "", "") for run in runs]
    linked = (Link("#a", (what,)), Text("。"))
    assert word_ties(linked, every=True) == [(run, "", "") for run in linked]
    plain = (Strong((Text("什么"),)), Text("、"))
    assert word_ties(plain, every=True) == [(run, "", "") for run in plain]


@pytest.fixture(scope="module")
def word_page(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The seed's page on a site built with one ruby per word (`--pinyin-words`), parsed."""
    from lxml import html

    (site,) = build(
        EXAMPLES / "luyuan-interviews",
        tmp_path_factory.mktemp("words"),
        formats="html",
        pinyin=True,
        html={"pinyin_words": True},
    )
    return html.parse(str(site / "lingdao-fangtan.html"))


def test_a_closing_mark_is_rendered_in_its_words_tie(word_page: Any) -> None:
    page = word_page
    ties = page.xpath("//main//span[@class='tie']")
    assert ties
    for tie in ties:
        # A word's <ruby> in its box (common/ruby.html), the reading a box of its own.
        assert len(tie.xpath("span[@class='word']/ruby")) == 1
        outside = "".join(tie.xpath("text()"))
        assert outside and set(outside) <= set(" \u00a0。，、；：？！）」』”’…（「『“‘")
        # The text after a tie never starts with a closing mark left behind.
        assert (tie.tail or " ")[0] not in "。，、；：？！）」』”’"


def test_a_words_ruby_is_inline_in_its_box_with_its_reading_in_the_rt(word_page: Any) -> None:
    # WebKitGTK (Apple Books, Kobo) crashed on a word's <ruby> set as an inline-block with an
    # absolutely placed <rt>: the box is a span around the ruby, the reading a span in the rt,
    # still <ruby> with <rt> for screen readers and reading systems.
    page = word_page
    rubies = page.xpath("//main//ruby")
    assert len(rubies) > 100
    for ruby in rubies:
        assert ruby.getparent().get("class") == "word"
        (rt,) = ruby.xpath("rt")
        assert rt.get("lang") == "zh-Latn-pinyin" and rt.get("aria-hidden") == "true"
        (reading,) = rt
        assert reading.tag == "span" and reading.get("class").split()[0] == "reading"
        assert reading.text_content() == rt.text_content() != ""


def test_the_subtitle_is_bold_in_every_format(tmp_path: Path) -> None:
    """Print sets the subtitle in bold, and so do the site and the EPUB; the fonts' model of
    the text (fonts/used.py) embeds it in the bold face."""
    import zipfile

    import pdfplumber

    from publish.fonts.used import source_texts
    from publish.shown import shown_text

    reader = EXAMPLES / "community-reader"
    outputs = build(reader, tmp_path, formats="html,epub,pdf")
    site = next(p for p in outputs if p.is_dir())
    with zipfile.ZipFile(next(p for p in outputs if p.suffix == ".epub")) as book:
        epub_css = book.read("EPUB/css/style.css").decode()
    subtitle = "一张写给老年朋友的就诊流程"
    page = f'<html><body><p class="subtitle">{subtitle}</p></body></html>'
    for css in ((site / "style.css").read_text(encoding="utf-8"), epub_css):
        regular, bold = shown_text(page, css)
        assert set(subtitle) <= set(bold) and not set(subtitle) & set(regular)
    with pdfplumber.open(next(p for p in outputs if p.suffix == ".pdf")) as pdf:
        chars = [c for p in pdf.pages for c in p.chars]
    text = "".join(c["text"] for c in chars)
    start = text.index(subtitle)
    assert all("Bold" in c["fontname"] for c in chars[start : start + len(subtitle)])
    found = {path.name: bold for path, _regular, bold in source_texts(load(reader).collection)}
    assert set(subtitle) <= set(found["03-jiuzhen.md"])


def test_ruby_rendered_by_character_is_the_macros_markup_for_the_run() -> None:
    """The bundled ruby macro's markup for a run, made from its characters' markups rendered
    once each (`ruby_renderer`), is the macro's own for the whole run: readings condensed to
    their cell, zhuyin's neutral-tone dot, a character repeated."""
    env = environment()
    macro = env.get_template("common/ruby.html").module.ruby  # type: ignore[attr-defined]
    face = bundled_path("fonts") / "NotoSansCJKsc-Regular.woff2"
    runs = {
        "tone": [Ruby("银行行长", ("yín", "háng", "háng", "zhǎng")), Ruby("壮", ("zhuàng",))],
        "zhuyin": [Ruby("妈妈们", ("ㄇㄚ", "˙ㄇㄚ", "˙ㄇㄣ"))],
    }
    for style, found in runs.items():
        ruby = ruby_renderer(env, False, style, face)
        for run in found:
            whole = macro(
                run,
                lambda r, n=1: reading_fit_class(face, r, n),
                False,
                PINYIN_STYLES[style],
                False,
            )
            assert ruby(run) == Markup(whole)
    assert 'class="fit' in ruby_renderer(env, False, "tone", face)(runs["tone"][1])
