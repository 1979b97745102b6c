"""Saved HTML pages as lines: tables, verse and addresses."""

from __future__ import annotations

from publish.importer.html import read_html_page
from publish.model import LineBreak, Text
from tests.importer.pages import PROSE, article


def test_layout_tables_are_read_as_lines_and_data_tables_as_tables() -> None:
    parsed = read_html_page(
        "<html><body><div class='content'>"
        "<table><tr><td><p>这是版式表格里的一段正文，很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长"
        "很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长"
        "很长很长很长。</p></td></tr><tr><td>第二行</td></tr></table>"
        "<table><tr><td>项目</td><td>金额</td></tr><tr><td colspan='2'>合计 100</td></tr></table>"
        "</div></body></html>"
    )
    lines = list(parsed.body)
    assert lines[0].table is None and lines[0].text.startswith("这是版式表格")
    assert lines[1].text == "第二行"
    table = lines[2].table
    assert table is not None
    assert table.header == ((Text("项目"),), (Text("金额"),))
    assert table.rows == (((Text("合计 100"),), ()),)


def test_verse_and_addresses_keep_their_line_breaks_paragraphs_do_not() -> None:
    page = read_html_page(
        article(
            f"<p>{PROSE}</p><p>春眠不觉晓，<br>处处闻啼鸟。<br>夜来风雨声，<br>花落知多少。</p>"
            f"<p>地址：青年路1399号<br/>电话：0431-87654321</p><p>{PROSE}<br>{PROSE}</p>"
            "<p><strong>一、总体要求</strong><br><strong>二、工作安排</strong></p>"
        )
    )
    verse, address = page.body[1], page.body[2]
    assert verse.runs == (
        Text("春眠不觉晓，"),
        LineBreak(),
        Text("处处闻啼鸟。"),
        LineBreak(),
        Text("夜来风雨声，"),
        LineBreak(),
        Text("花落知多少。"),
    )
    assert address.runs == (Text("地址：青年路1399号"), LineBreak(), Text("电话：0431-87654321"))
    # Long lines set apart by <br> are paragraphs; bold lines are headings, not verse.
    assert [line.text for line in page.body[3:]] == [PROSE, PROSE, "一、总体要求", "二、工作安排"]
