"""Layouts: project files override bundled ones; bundled/ always names the bundled file."""

from __future__ import annotations

import re
from pathlib import Path

from publish.config import bundled_path
from publish.layouts import JOINER, date_zh, environment, last_joined
from publish.model import Article, Heading, LineBreak, Link, Ruby, Strong, Text, plain_text
from publish.pipeline import build, load
from publish.punctuation import CLOSING, HAN
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
    # Characters' ruby is inline text, broken by the rules of Chinese text: no ties.
    chars = Ruby("典型", ("diǎn", "xíng"))
    assert word_ties((chars, Text("。"))) == [(chars, "", ""), (Text("。"), "", "")]


def test_a_closing_mark_is_rendered_in_its_words_tie(tmp_path: Path) -> None:
    from lxml import html

    (site,) = build(
        EXAMPLES / "luyuan-interviews",
        tmp_path,
        formats="html",
        pinyin=True,
        html={"pinyin_words": True},
    )
    page = html.parse(str(site / "lingdao-fangtan.html"))
    ties = page.xpath("//main//span[@class='tie']")
    assert ties
    for tie in ties:
        assert len(tie.xpath("ruby")) == 1
        outside = "".join(tie.xpath("text()"))
        assert outside and set(outside) <= set(" \u00a0。，、；：？！）」』”’…（「『“‘")
        # The text after a tie never starts with a closing mark left behind.
        assert (tie.tail or " ")[0] not in "。，、；：？！）」』”’"


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


def test_a_paragraph_keeps_its_last_two_characters_together() -> None:
    """issue 14, defect 3: no last line holds one Han character alone ("作。")."""
    runs = (Text("重点开展行业性工资集体协商工作。"),)
    assert plain_text(last_joined(runs)) == f"重点开展行业性工资集体协商工{JOINER}作。"


def test_the_join_looks_past_closing_marks_and_into_emphasis_and_readings() -> None:
    emphasised = (Text("听见了"), Strong((Text("什么"),)), Text("。"))
    assert plain_text(last_joined(emphasised)) == f"听见了什{JOINER}么。"
    read = (Ruby("协商", ("xié", "shāng"), ("ㄒㄧㄝˊ", "ㄕㄤ")), Text("》。"))
    assert last_joined(read) == (
        Ruby("协", ("xié",), ("ㄒㄧㄝˊ",)), Text(JOINER), Ruby("商", ("shāng",), ("ㄕㄤ",)),
        Text("》。"),
    )  # fmt: skip
    lines = (Text("创新方法"), LineBreak(), Text("务求实效"))
    assert plain_text(last_joined(lines)) == f"创新方{JOINER}法\n务求实{JOINER}效"


def test_a_word_ruby_is_never_cut_and_a_link_never_entered() -> None:
    """A word's ruby is one box that does not break inside: a one-character word is joined to
    the word before, a longer one left whole. A link is left as it is (PDF/UA-1 tags)."""
    words = (Ruby("两岸", ("liǎng", "àn"), written=("liǎng", "'àn")), Text("。"))
    assert last_joined(words) == words
    single = (
        Ruby("人民", ("rén", "mín"), written=("rén", "mín")),
        Ruby("好", ("hǎo",), written=("hǎo",)),
    )
    assert last_joined(single) == (single[0], Text(JOINER), single[1])
    linked = (Text("访问"), Link("https://example.org/", (Text("应急管理部网站"),)), Text("。"))
    assert last_joined(linked) == linked


def test_one_character_or_a_latin_ending_is_left_as_it_is() -> None:
    for runs in ((Text("好。"),), (Text("版本 2.0。"),), (Text("他说：“走！”"),)):
        assert last_joined(runs) == runs


def test_the_print_layout_joins_titles_and_headings_and_every_format_paragraphs(
    tmp_path: Path,
) -> None:
    """Titles and headings are joined in the print document; paragraphs by common/blocks.html,
    so the site and the EPUB keep them too."""
    from publish.builders.pdf.document import joined_endings

    article = Article("a", (Text("领导访谈"),), (Heading(2, (Text("务求实效"),)),), Path("a.md"))
    joined = joined_endings(article)
    assert plain_text(joined.title) == f"领导访{JOINER}谈"
    assert plain_text(joined.blocks[0].children) == f"务求实{JOINER}效"  # type: ignore[union-attr]
    (site,) = build(EXAMPLES / "luyuan-interviews", tmp_path, formats="html", cache=False)
    page = next(p for p in site.glob("*.html") if p.name != "index.html")
    markup = page.read_text(encoding="utf-8")
    body = markup[markup.index("<article") : markup.index("</article>")]
    texts = [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p>(.*?)</p>", body, re.S)]
    ending_han = [t for t in texts if len(HAN.findall(t.rstrip(CLOSING)[-2:])) == 2 or JOINER in t]
    assert len(ending_han) > 10
    assert all(JOINER in t for t in ending_han)
