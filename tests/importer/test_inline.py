"""Inline formatting and images of saved HTML, one page at a time."""

from __future__ import annotations

from pathlib import Path

from publish.importer import load_page, read_page
from publish.importer.inline import PLAIN, Mark, line_runs
from publish.model import Emphasis, Figure, Link, Paragraph, Strong, Text, plain_text
from tests.importer.pages import PROSE, article, save
from tests.importer.sites import png


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
    other = save(tmp_path, article(f"<p>{PROSE}</p>"), "other.html")
    page = save(
        tmp_path,
        article(
            f"<p>{PROSE}<b>请带好借书证</b>，<em>准时</em>参加。"
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


def test_images_captions_and_chrome_images(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    for name, size in {"photo.png": 80, "chart.png": 90, "icon.png": 16, "logo.png": 90}.items():
        (tmp_path / "img" / name).write_bytes(png(size, size, 100))
    # What a mirror saved for an image the server did not have: its error page.
    (tmp_path / "img" / "404.jpg").write_text("<html><title>404 Not Found</title></html>")
    page = save(
        tmp_path,
        article(
            f"<p>{PROSE}</p>"
            "<p align='center'><img src='img/photo.png'></p><p align='center'>图为活动现场</p>"
            "<p><img src='img/chart.png' alt='借阅量柱状图'></p>"
            "<p><img src='img/icon.png' alt='书'></p>"  # 16 pixels: an icon, whatever its name
            "<p><img src='img/logo.png' alt='区政府'></p>"  # a logo, by its name
            "<p><img src='/img/ewm.jpg' alt='扫一扫'></p>"  # the site's QR code: no warning
            "<p><img src='http://example.cn/far.jpg' alt='远处'></p>"
            "<p><img src='img/404.jpg' alt='会场'></p>"
            f"<p>{PROSE}</p>"
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


def test_a_date_only_in_the_url_is_guessed(tmp_path: Path) -> None:
    folder = tmp_path / "site" / "zwgk" / "201811"
    folder.mkdir(parents=True)
    page = save(folder, article(f"<p>{PROSE}</p>"), "t20181116_5124.html")
    loaded = load_page(page, root=tmp_path / "site")
    assert loaded.article is not None
    assert loaded.article.date is not None and loaded.article.date.isoformat() == (
        "2018-11-16T00:00:00+08:00"
    )
    assert loaded.article.date_guessed
    dated = save(folder, article(f"<p>发布时间：2018-11-17</p><p>{PROSE}</p>"), "t20181116_1.html")
    found = load_page(dated).article
    assert found is not None and found.date is not None and not found.date_guessed
    assert found.date.day == 17
