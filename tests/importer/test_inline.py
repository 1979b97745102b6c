"""Inline formatting, images and list pages of saved HTML, one page at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.importer import load_page, read_page
from publish.importer.html import read_html_page
from publish.importer.inline import PLAIN, Mark, line_runs
from publish.model import Emphasis, Figure, LineBreak, Link, Paragraph, Strong, Text, plain_text
from tests.importer.sites import png

_PROSE = "区文旅局在区图书馆启动“书香绿园”全民阅读活动，来自机关、学校和社区的200余名读者参加。"


def article(body: str, head: str = "") -> str:
    return (
        f"<html><head><meta charset='utf-8'><title>读书活动_绿园区人民政府</title>{head}</head>"
        f"<body><h1>读书活动</h1><div id='zoom'>{body}</div></body></html>"
    )


def save(tmp_path: Path, html: str, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def test_runs_keep_the_plain_readers_text() -> None:
    runs = line_runs(
        [
            ("绿园 ", PLAIN),
            ("“书香”：", Mark(bold=True)),
            ("活动\n开始", PLAIN),
            ("链接", Mark(href="x")),
        ]
    )
    assert runs.text == "绿园 “书香”：活动开始链接"
    # Punctuation at the edges of bold stays outside it (CommonMark could not close **…：**).
    assert runs.runs == (
        Text("绿园 “"),
        Strong((Text("书香"),)),
        Text("”：活动开始"),
        Link("x", (Text("链接"),)),
    )
    assert line_runs([("全部加粗", Mark(bold=True))]).strong
    assert line_runs([("平常", PLAIN)]).runs == ()


def test_bold_italics_and_links(tmp_path: Path) -> None:
    other = save(tmp_path, article(f"<p>{_PROSE}</p>"), "other.html")
    page = save(
        tmp_path,
        article(
            f"<p>{_PROSE}<b>请带好借书证</b>，<em>准时</em>参加。"
            "详见<a href='other.html'>上一篇</a>、"
            "<a href='https://www.gov.cn/'>中国政府网</a>和<a href='list/index.html'>列表</a>。</p>"
        ),
    )
    (paragraph,) = read_page(page).blocks
    assert isinstance(paragraph, Paragraph)
    assert paragraph.children[1:] == (
        Strong((Text("请带好借书证"),)),
        Text("，"),
        Emphasis((Text("准时"),)),
        Text("参加。详见"),
        Link(other.resolve().as_uri(), (Text("上一篇"),)),
        Text("、"),
        Link("https://www.gov.cn/", (Text("中国政府网"),)),
        Text("和列表。"),  # a link to a file not in the mirror leads nowhere: its text stays
    )


def test_verse_and_addresses_keep_their_line_breaks_paragraphs_do_not() -> None:
    page = read_html_page(
        article(
            f"<p>{_PROSE}</p><p>春眠不觉晓，<br>处处闻啼鸟。<br>夜来风雨声，<br>花落知多少。</p>"
            f"<p>地址：青年路1399号<br/>电话：0431-87654321</p><p>{_PROSE}<br>{_PROSE}</p>"
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
    assert [line.text for line in page.body[3:]] == [_PROSE, _PROSE, "一、总体要求", "二、工作安排"]


def test_images_captions_and_chrome_images(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    for name, size in {"photo.png": 80, "chart.png": 90, "icon.png": 16, "logo.png": 90}.items():
        (tmp_path / "img" / name).write_bytes(png(size, size, 100))
    # What a mirror saved for an image the server did not have: its error page.
    (tmp_path / "img" / "404.jpg").write_text("<html><title>404 Not Found</title></html>")
    page = save(
        tmp_path,
        article(
            f"<p>{_PROSE}</p>"
            "<p align='center'><img src='img/photo.png'></p><p align='center'>图为活动现场</p>"
            "<p><img src='img/chart.png' alt='借阅量柱状图'></p>"
            "<p><img src='img/icon.png' alt='书'></p>"  # 16 pixels: an icon, whatever its name
            "<p><img src='img/logo.png' alt='区政府'></p>"  # a logo, by its name
            "<p><img src='/img/ewm.jpg' alt='扫一扫'></p>"  # the site's QR code: no warning
            "<p><img src='http://example.cn/far.jpg' alt='远处'></p>"
            "<p><img src='img/404.jpg' alt='会场'></p>"
            f"<p>{_PROSE}</p>"
        ),
    )
    loaded = load_page(page)
    assert loaded.article is not None
    figures = [b for b in loaded.article.blocks if isinstance(b, Figure)]
    assert [(f.image.name, f.alt, plain_text(f.caption)) for f in figures] == [
        ("photo.png", "图为活动现场", "图为活动现场"),
        ("chart.png", "借阅量柱状图", ""),
    ]
    assert loaded.warnings == (
        f"{page}: image http://example.cn/far.jpg is not in the saved site (nothing is "
        "downloaded): left out",
        f"{page}: image img/404.jpg is not a PNG, JPEG, GIF or WebP image (an error page the "
        "site saved in its place?): left out",
    )


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
        (article(f"<p>{_PROSE}</p>" + "<p><a href='a.html'>相关文件</a></p>" * 8), False),
        (article(f"<p>{_PROSE}</p>"), False),
    ],
)
def test_list_pages(tmp_path: Path, html: str, listing: bool) -> None:
    page = save(tmp_path, html)
    assert read_html_page(html).listing is listing
    assert (load_page(page, listings=True).article is None) is listing


def test_a_home_page_with_the_first_lines_of_its_news(tmp_path: Path) -> None:
    items = "".join(
        f"<li><a href='t{n}.html'>绿园区召开第{n}次全区工作会议部署工作</a><p>{_PROSE}</p></li>"
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


def test_a_date_only_in_the_url_is_guessed(tmp_path: Path) -> None:
    folder = tmp_path / "site" / "zwgk" / "201811"
    folder.mkdir(parents=True)
    page = save(folder, article(f"<p>{_PROSE}</p>"), "t20181116_5124.html")
    loaded = load_page(page, root=tmp_path / "site")
    assert loaded.article is not None
    assert loaded.article.date is not None and loaded.article.date.isoformat() == (
        "2018-11-16T00:00:00+08:00"
    )
    assert loaded.article.date_guessed
    dated = save(folder, article(f"<p>发布时间：2018-11-17</p><p>{_PROSE}</p>"), "t20181116_1.html")
    found = load_page(dated).article
    assert found is not None and found.date is not None and not found.date_guessed
    assert found.date.day == 17
