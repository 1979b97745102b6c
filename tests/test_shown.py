"""publish.shown: the weight each text of a rendered document is set in, as the stylesheet
decides it, and the text the stylesheet itself shows."""

from __future__ import annotations

from publish.shown import shown_text

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
