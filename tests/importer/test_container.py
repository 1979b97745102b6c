"""The article body element of saved HTML pages."""

from __future__ import annotations

from publish.importer.html import read_html_page
from publish.importer.page import Page


def read(title: str, body: str) -> Page:
    """The page titled `title` whose `<body>` holds the HTML `body`, read."""
    return read_html_page(f"<html><head><title>{title}</title></head><body>{body}</body></html>")


def numbered_paragraphs(count: int, about: str) -> str:
    """`count` long paragraphs, 第0段 to 第{count-1}段, each saying what it tests."""
    return "".join(
        f"<p>第{n}段，这是一段足够长的正文内容，用来测试{about}。</p>" for n in range(count)
    )


def test_generic_containers_choose_the_innermost_that_holds_the_text() -> None:
    body = numbered_paragraphs(3, "正文容器的选择")
    parsed = read(
        "标题",
        "<div id='content'><div class='sidebar-menu'>栏目导航 政务公开 新闻中心</div>"
        f"<h1>标题</h1><div class='article'>{body}</div></div>",
    )
    assert parsed.body[0].text.startswith("第0段")
    assert len(parsed.body) == 3


def test_without_a_container_the_richest_paragraph_parent_is_the_body() -> None:
    body = numbered_paragraphs(4, "没有类名的正文")
    parsed = read(
        "某某通知_某某网",
        "<table><tr><td><a>首页</a> | <a>通知公告</a></td></tr></table>"
        f"<table><tr><td><b>某某通知</b></td></tr><tr><td>{body}</td></tr></table>",
    )
    assert parsed.title == "某某通知"
    assert [line.text[:3] for line in parsed.body] == ["第0段", "第1段", "第2段", "第3段"]
