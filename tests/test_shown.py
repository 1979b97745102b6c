"""publish.shown: the weight each text of a rendered document is set in, as the stylesheet
decides it, and the text the stylesheet itself shows."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from publish.pipeline import build
from publish.shown import shown_text, stylesheet
from tests.conftest import EXAMPLES, FIXTURES

PAGE = (
    '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>不显示</title></head><body>'
    '<dl class="colophon"><dt>日期</dt><dd>二〇一八年</dd><dt>标识符</dt><dd>urn</dd></dl>'
    '<h1>标题<span class="light">细</span></h1><p>正文<a href="https://例.cn/">链</a></p>'
    "<ol><li>甲</li><li>乙</li><li>丙</li></ol></body></html>"
)


def test_user_agent_defaults_without_a_stylesheet() -> None:
    regular, bold = shown_text(PAGE)
    assert set("日期标识符二〇正文链甲") <= set(regular)  # dt is not bold in HTML
    assert set("标题细") <= set(bold)
    assert not set("日期识符") & set(bold)
    assert "不显示" not in regular + bold


def test_author_rules_win_by_specificity_and_inherit() -> None:
    css = (
        ".colophon dt { font-weight: bold } dt { font-weight: normal } .light { font-weight: 300 }"
    )
    regular, bold = shown_text(PAGE, css)
    assert set("日期标识符") <= set(bold) and not set("期识") & set(regular)
    assert "细" in regular and "细" not in bold  # lighter than its bold heading
    assert "标" not in regular  # the heading itself stays bold


def test_conditional_rules_count_in_both_weights() -> None:
    css = "@media (prefers-contrast: more) { p { font-weight: bold } }"
    regular, bold = shown_text(PAGE, css)
    assert set("正文链") <= set(regular) & set(bold)


def test_content_strings_and_attributes_are_shown() -> None:
    css = (
        '@media print { a[href^="http"]::after { content: "（" attr(href) "）" } }'
        ' li::before { content: "◆" }'
    )
    regular, bold = shown_text(PAGE, css)
    assert set("（）◆例") <= set(regular) & set(bold)


def test_ordered_lists_show_their_numbers() -> None:
    regular, _bold = shown_text(PAGE)
    assert set("123.") <= set(regular)


RUBY_HEADING = (
    "<html><body><h1><ruby>中<rp>(</rp><rt>zhōng</rt><rp>)</rp></ruby>文</h1>"
    "<p><ruby>正<rp>(</rp><rt>zhèng</rt><rp>)</rp></ruby></p></body></html>"
)


def test_ruby_readings_and_brackets_count_in_both_weights() -> None:
    for cut_ruby in (True, False):
        regular, bold = shown_text(RUBY_HEADING, "rt { font-weight: normal }", cut_ruby=cut_ruby)
        assert set("zhōngèng()") <= set(regular) & set(bold)
        assert "中" in bold and "中" not in regular and "正" in regular and "正" not in bold


def test_ruby_is_walked_whole_when_a_rule_may_select_it() -> None:
    """A rule that sets ruby's weight, or shows its attributes, or counts siblings: the
    markup is not cut out, and the bases take the weight the rule gives them."""
    for css in ("h1 ruby { font-weight: normal }", "* { font-weight: normal }"):
        assert not stylesheet(css).plain_ruby
        regular, _bold = shown_text(RUBY_HEADING, css)
        assert "中" in regular
    assert not stylesheet("rt::after { content: attr(lang) }").plain_ruby
    assert not stylesheet("h1 :first-child { font-weight: normal }").plain_ruby
    assert stylesheet("h1 { font-weight: bold } .x { font-weight: normal }").plain_ruby


@pytest.mark.parametrize("project", [EXAMPLES / "luyuan-interviews", FIXTURES / "html-unsafe"])
def test_cutting_ruby_out_shows_what_walking_it_shows(project: Path, tmp_path: Path) -> None:
    """The bundled layouts' pages and EPUB documents with pinyin, and the site with both
    readings (spans inside rt): the same characters in each weight either way."""
    build(project, tmp_path / "pinyin", formats="html,epub", pinyin=True)
    build(project, tmp_path / "both", formats="html", pinyin=True, reading="pinyin,zhuyin")
    documents: list[tuple[str, str]] = []
    for site in (tmp_path / "pinyin" / "html", tmp_path / "both" / "html"):
        css = (site / "style.css").read_text(encoding="utf-8")
        documents += [(page.read_text(encoding="utf-8"), css) for page in site.glob("*.html")]
    with zipfile.ZipFile(next((tmp_path / "pinyin").glob("*.epub"))) as book:
        css = book.read("EPUB/css/style.css").decode()
        documents += [(book.read(n).decode(), css) for n in book.namelist() if n.endswith("html")]
    assert any('<span class="zy"' in markup for markup, _css in documents)
    for markup, css in documents:
        assert stylesheet(css).plain_ruby
        cut, walked = shown_text(markup, css), shown_text(markup, css, cut_ruby=False)
        assert [set(text) for text in cut] == [set(text) for text in walked]


TIED = (
    '<html><body><h1><span class="ending">标<span class="tie">题，</span></span></h1>'
    '<p><span class="tie">正文。</span><span class="x">另</span></p></body></html>'
)


def test_text_spans_are_cut_unless_a_rule_may_select_them() -> None:
    """A span holding text alone is cut out before the walk (the ruby's tie, a paragraph's
    ending), unless a rule that decides a weight may select a span of its class, or any span,
    or counts siblings; either way its text keeps its weight."""
    assert stylesheet("h1 { font-weight: bold } .x { font-weight: normal }").plain_spans == {"x"}
    for css in ("span { font-weight: bold }", "* { font-weight: bold }", "p :last-child {}"):
        assert stylesheet(css + " p :first-child { font-weight: bold }").plain_spans is None
    css = "h1 { font-weight: bold } .tie { font-weight: normal }"
    assert stylesheet(css).plain_spans == {"tie"}
    for cut in (True, False):
        regular, bold = shown_text(TIED, css, cut_ruby=cut)
        assert set("题，正文。另") <= set(regular) and set(bold) == {"标"}
