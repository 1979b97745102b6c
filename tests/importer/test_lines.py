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


def _table(markup: str):  # type: ignore[no-untyped-def]
    (table,) = [
        line.table for line in read_html_page(article(f"<p>{PROSE}</p>{markup}")).body if line.table
    ]
    return table


def _texts(cells) -> list[str]:  # type: ignore[no-untyped-def]
    return ["".join(run.text for run in cell) for cell in cells]


def test_merged_cells_are_laid_out_as_on_the_page_and_fill_every_slot_they_cover() -> None:
    """A two-row header with a merged cell over its sub-columns, read as a government page
    gives it: "个人缴费" was read as a row of data under 人员类别 (2026-12-04)."""
    table = _table(
        "<table><tr><th rowspan='2'>人员类别</th><th colspan='2'>每人每年（元）</th></tr>"
        "<tr><th>个人缴费</th><th>财政补助</th></tr>"
        "<tr><td>一般居民</td><td>400</td><td>670</td></tr>"
        "<tr><td>低保对象</td><td colspan='2'>由政府全额资助</td></tr>"
        "<tr><td colspan='3'>注：以上为2025年度标准。</td></tr></table>"
    )
    assert _texts(table.header) == ["人员类别", "每人每年（元）个人缴费", "每人每年（元）财政补助"]
    assert [_texts(row) for row in table.rows] == [
        ["一般居民", "400", "670"],
        ["低保对象", "由政府全额资助", "由政府全额资助"],
        # A single cell across the table (a note, a total) stays in the first column.
        ["注：以上为2025年度标准。", "", ""],
    ]


def test_a_cell_over_several_rows_is_in_each_of_them() -> None:
    table = _table(
        "<table><thead><tr><td>街道</td><td>社区</td><td>电话</td></tr></thead>"
        "<tr><td rowspan='2'>长乐街道</td><td>东湖社区</td><td>1234</td></tr>"
        "<tr><td>西湖社区</td><td>5678</td></tr>"
        "<tr><td>吴航街道</td><td>首占社区</td><td>9012</td></tr></table>"
    )
    assert _texts(table.header) == ["街道", "社区", "电话"]
    assert [_texts(row) for row in table.rows] == [
        ["长乐街道", "东湖社区", "1234"],
        ["长乐街道", "西湖社区", "5678"],
        ["吴航街道", "首占社区", "9012"],
    ]


def test_a_table_keeps_its_caption_or_its_title_row_as_caption() -> None:
    rows = "<tr><th>项目</th><th>金额</th></tr><tr><td>合计</td><td>100</td></tr>"
    table = _table(f"<table><caption>表1　收支情况</caption>{rows}</table>")
    assert _texts([table.caption]) == ["表1 收支情况"]
    assert _texts(table.header) == ["项目", "金额"]
    titled = _table(f"<table><tr><td colspan='2'>2024年收支情况</td></tr>{rows}</table>")
    assert _texts([titled.caption]) == ["2024年收支情况"]
    assert _texts(titled.header) == ["项目", "金额"]
    assert [_texts(row) for row in titled.rows] == [["合计", "100"]]


def test_a_huge_span_is_held_to_twenty() -> None:
    table = _table(
        "<table><tr><td>甲</td><td colspan='100000'>乙</td></tr><tr><td>1</td></tr></table>"
    )
    assert len(table.header) == 21
