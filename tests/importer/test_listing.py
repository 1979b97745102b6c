"""List pages (lists, indexes, paging pages, home pages) told from articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.importer import load_page
from publish.importer.html import read_html_page
from tests.importer.pages import PROSE, article, save

LIST = (
    "<html><head><meta charset='utf-8'><title>领导活动_绿园区人民政府</title></head><body>"
    "<div class='content'><ul>{}</ul>{}</div></body></html>"
)


@pytest.mark.parametrize(
    ("html", "listing"),
    [
        (LIST.format("<li><a href='a.html'>区长调研项目建设</a> 2018-11-16</li>" * 8, ""), True),
        (
            LIST.format("<li><a href='a.html'>区长调研项目建设</a></li>" * 5, "共3页 下一页 尾页"),
            True,
        ),
        (article(f"<p>{PROSE}</p>" + "<p><a href='a.html'>相关文件</a></p>" * 8), False),
        (article(f"<p>{PROSE}</p>"), False),
    ],
)
def test_list_pages(tmp_path: Path, html: str, listing: bool) -> None:
    page = save(tmp_path, html)
    assert read_html_page(html).listing is listing
    assert (load_page(page, listings=True).article is None) is listing


def test_a_home_page_with_the_first_lines_of_its_news(tmp_path: Path) -> None:
    items = "".join(
        f"<li><a href='t{n}.html'>绿园区召开第{n}次全区工作会议部署工作</a><p>{PROSE}</p></li>"
        for n in range(12)
    )
    menu = "".join(f"<a href='/c{n}/'>栏目{n}</a>" for n in range(12))
    html = (
        "<html><head><meta charset='utf-8'><title>绿园区人民政府</title></head>"
        f"<body><div class='nav'>{menu}</div><div class='content'><ul>{items}</ul></div>"
        "</body></html>"
    )
    # Named as a home page, it is one; the same page under an article's name is read.
    assert load_page(save(tmp_path, html, "index.html"), listings=True).listing
    assert not load_page(save(tmp_path, html, "t20181116_5124.html"), listings=True).listing
