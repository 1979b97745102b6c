"""HTML pages in the shapes Chinese CMSs produce, in GBK, GB18030, Big5 and UTF-8."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from publish.importer import read_page
from publish.importer.html import read_html_page
from publish.importer.page import looks_like_html
from publish.model import Interview, ListBlock, Paragraph, Quote, Table, Text, plain_text
from publish.sources.writer import article_markdown
from tests.importer.pages import headings, page, paragraphs

CHINA = timezone(timedelta(hours=8))
# Chrome every fixture carries somewhere; none of it may reach a source.
CHROME = (
    "字体",
    "字體",
    "打印",
    "列印",
    "关闭",
    "關閉",
    "分享到",
    "分享：",
    "微信",
    "微博",
    "Facebook",
    "相关新闻",
    "相关阅读",
    "版权所有",
    "版權所有",
    "ICP",
    "网站标识码",
    "公网安备",
    "主办单位",
    "首页",
    "首頁",
    "当前位置",
    "當前位置",
    "您现在的位置",
    "浏览次数",
    "-->",
    "document.write",
    "doZoom",
    "_hmt",
    "dataLayer",
    "信息内容",
    "头部",
    "margin-top",
    "Copyright",
    "区图书馆举办少儿绘本讲读会",
    "去年全区新增就业",
)


def markdown(name: str, tmp_path: Path) -> str:
    return article_markdown(read_page(page(name)), tmp_path / "out.md")


@pytest.mark.parametrize(
    "name",
    [
        "zoom-gbk.html",
        "trs-gb18030.html",
        "content-big5.html",
        "article-big5-nometa.html",
        "article-utf8.html",
    ],
)
def test_no_chrome_reaches_the_source(name: str, tmp_path: Path) -> None:
    text = markdown(name, tmp_path)
    for chrome in CHROME:
        assert chrome not in text, chrome


def test_zoom_and_trs_editor_in_gbk_declared_gb2312() -> None:
    article = read_page(page("zoom-gbk.html"))
    assert article.title_text == "区文旅局开展“书香绿园”全民阅读活动"
    assert article.date == datetime(2019, 4, 23, 10, 30, tzinfo=CHINA)
    assert (article.source, article.authors) == ("区文旅局", ("王镕",))
    assert article.category == ("新闻中心", "部门动态")
    assert headings(article.blocks) == [(2, "阅读进社区"), (2, "阅读进校园")]
    assert paragraphs(article.blocks) == [
        "4月23日是第24个世界读书日。当天上午，区文旅局在区图书馆启动“书香绿园”全民阅读活动，"
        "来自机关、学校和社区的200余名读者参加。",
        "活动现场，区图书馆向社区书屋赠送图书3,000册，并为10户“书香家庭”颁发证书。"
        "读者代表李赟分享了自己的阅读经历。",
        # The HTML source breaks this line between two Chinese characters: no space is added.
        "今年，区文旅局将在全区60个社区开展“阅读进社区”活动，组织图书流动车每周进社区服务，"
        "方便居民就近借阅。",
        "区文旅局还将联合区教育局，在中小学开展经典诵读、读书征文等活动，引导青少年养成良好的阅读习惯。",
    ]


def test_trs_editor_interview_in_gb18030_inside_a_layout_table() -> None:
    article = read_page(page("trs-gb18030.html"))
    assert article.title_text == "“优化营商环境”部门负责人访谈"
    assert article.date == datetime(2019, 6, 12, 8, 45, 10, tzinfo=CHINA)
    assert article.source == "绿园发布"
    assert article.category == ("要闻动态", "部门访谈")
    assert article.authors == ("张伟",)  # from the （责任编辑：张伟） line closing the body
    first, second = article.blocks
    assert isinstance(first, Interview) and isinstance(second, Interview)
    assert (plain_text(first.name), plain_text(first.role)) == ("刘䶮", "区政务服务中心主任")
    assert first.headline is not None
    assert plain_text(first.headline.children) == "一窗受理 一网通办\n让群众少跑腿"
    assert headings(first.blocks) == [(3, "推行帮办代办")]
    # A compound surname makes a four-character name.
    assert (plain_text(second.name), plain_text(second.role)) == ("欧阳明辉", "区市场监管局副局长")
    assert paragraphs(second.blocks) == [
        "“我们全面推行‘证照分离’改革,简化审批流程,让企业办事更便捷。”区市场监管局副局长欧阳明辉说。"
    ]


def test_content_in_big5_with_a_meta_charset() -> None:
    article = read_page(page("content-big5.html"))
    assert article.title_text == "臺北市推動社區長照服務"
    assert article.date == datetime(2019, 3, 5, 14, 30, tzinfo=CHINA)
    assert (article.source, article.authors) == ("臺北市政府社會局", ("陳怡君",))
    assert article.category == ("市政新聞", "社會福利")
    assert article.language == "zh-Hant"
    kinds = [type(b).__name__ for b in article.blocks]
    assert kinds == [
        "Paragraph",
        "Heading",
        "Paragraph",
        "Table",
        "Heading",
        "ListBlock",
        "Paragraph",
    ]
    table = article.blocks[3]
    assert isinstance(table, Table)
    assert table.header == ((Text("行政區"),), (Text("新增據點"),))
    assert table.rows == (((Text("中正區"),), (Text("3"),)), ((Text("大安區"),), (Text("5"),)))
    items = article.blocks[5]
    assert isinstance(items, ListBlock) and not items.ordered
    assert [
        plain_text(i[0].children)
        for i in items.items  # type: ignore[union-attr]
    ] == ["健康促進活動", "共餐服務", "關懷訪視"]


def test_article_in_big5_without_a_declaration() -> None:
    article = read_page(page("article-big5-nometa.html"))
    assert article.title_text == "香港中文大學舉辦中華文化講座"
    assert article.date == datetime(2020, 1, 8, tzinfo=CHINA)
    assert article.language == "zh-Hant"
    # Whole-bold paragraphs are headings; the Big5-HKSCS character 堃 survives.
    assert headings(article.blocks) == [(2, "傳統與創新"), (2, "青年的角色")]
    assert "由中文系陳堃教授主講" in paragraphs(article.blocks)[0]
    quote = next(b for b in article.blocks if isinstance(b, Quote))
    assert quote.blocks == (Paragraph((Text("文化的生命力在於傳承，更在於創新。"),)),)


def test_html5_article_declared_gbk_but_utf8() -> None:
    article = read_page(page("article-utf8.html"))
    assert article.title_text == "绿园区举办2019年春季招聘会"
    assert article.date == datetime(2019, 2, 20, 9, 0, tzinfo=CHINA)
    assert (article.source, article.authors) == ("绿园新闻网", ("赵雪", "钱程"))
    # <br> ends a line; the ordered list stays a list; 相关阅读 ends the article.
    kinds = [type(b).__name__ for b in article.blocks]
    assert kinds == ["Paragraph", "Paragraph", "ListBlock", "Paragraph"]
    assert paragraphs(article.blocks)[-1] == (
        "区人社局负责人介绍，今年还将举办“线上招聘月”活动，详情请访问"
        "http://www.example.gov.cn/jobs?id=2019,或拨打电话:0431-87654321。"
    )


def test_sniffing_html() -> None:
    assert looks_like_html("<!DOCTYPE html><html>")
    assert looks_like_html("<p>一</p><p>二</p><div>三</div>")
    assert not looks_like_html(page("lingdao-fangtan.txt").read_text(encoding="utf-8"))


def test_hidden_elements_scripts_and_comments_are_not_text() -> None:
    parsed = read_html_page(
        "<html><body><div class='content'>"
        "<p>正文第一段，足够长的文字内容，用于测试不显示的元素。</p>"
        "<p style='display: none'>隐藏的文字</p><p hidden>也隐藏</p>"
        "<script>var a = '脚本里的文字';</script><!-- 注释里的文字 -->"
        "<style>p { color: red }</style>"
        "<p>正文第二段，依然是足够长的文字内容。</p></div></body></html>"
    )
    text = " ".join(line.text for line in parsed.body)
    for hidden in ("隐藏", "脚本", "注释", "color"):
        assert hidden not in text


def test_headings_keep_the_page_levels(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(
        "<html><head><title>总题</title></head><body><div class='content'><h1>总题</h1>"
        "<p>导语导语导语，导语导语导语导语导语。</p><h3>一、大标题</h3><p>正文一正文一正文一。</p>"
        "<h4>（一）小标题</h4><p>正文二正文二正文二。</p><p><strong>加粗的小标题</strong></p>"
        "<p>正文三正文三正文三。</p></div></body></html>",
        encoding="utf-8",
    )
    parsed = read_page(tmp_path / "page.html")
    assert headings(parsed.blocks) == [(2, "一、大标题"), (3, "（一）小标题"), (4, "加粗的小标题")]
