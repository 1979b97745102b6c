"""Saved plain-text pages: where the title, the metadata and the article are."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from publish.errors import SourceError
from publish.importer import read_page
from publish.importer.text import read_text_page
from publish.model import Signature
from tests.importer.pages import headings, paragraphs

CHINA = timezone(timedelta(hours=8))
LONG = "这是一个足够长的正文段落，它有逗号也有句号，读起来像是一段完整的新闻报道内容。"


def imported(tmp_path: Path, text: str, name: str = "page.txt"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_page(path)


def test_a_full_page_saved_as_text(tmp_path: Path) -> None:
    article = imported(
        tmp_path,
        "\n".join(
            [
                "长春市绿园区人民政府",
                "首页 | 政务公开 | 新闻中心 | 办事服务 | 互动交流",
                "<!--",
                "当前位置：首页 > 新闻中心 > 部门动态",
                "区文旅局开展全民阅读活动",
                "——“书香绿园”活动启动",
                "发布日期：2019年4月23日 10时30分　来源：区文旅局　作者：王镕",
                "【字体：大 中 小】【打印】【关闭窗口】",
                "",
                "　　" + LONG,
                "　　阅读进社区",
                "　　" + LONG,
                "（责任编辑：张伟）",
                "分享到：微信 微博",
                "相关新闻",
                "区图书馆举办少儿绘本讲读会",
                "版权所有：长春市绿园区人民政府　吉ICP备05001234号",
            ]
        ),
    )
    assert article.title_text == "区文旅局开展全民阅读活动"
    assert article.subtitle_text == "“书香绿园”活动启动"
    assert article.date == datetime(2019, 4, 23, 10, 30, tzinfo=CHINA)
    assert (article.source, article.authors) == ("区文旅局", ("王镕", "张伟"))
    assert article.category == ("新闻中心", "部门动态")
    assert paragraphs(article.blocks) == [LONG, LONG]
    assert len(article.blocks) == 3


def test_a_page_without_metadata_starts_at_its_first_line(tmp_path: Path) -> None:
    article = imported(tmp_path, f"关于做好春节期间安全工作的通知\n\n{LONG}\n\n{LONG}\n")
    assert article.title_text == "关于做好春节期间安全工作的通知"
    assert article.date is None and article.category == ()
    assert paragraphs(article.blocks) == [LONG, LONG]


def test_the_metadata_line_above_the_title(tmp_path: Path) -> None:
    article = imported(tmp_path, f"2019-04-23 来源：区文旅局\n区文旅局开展全民阅读活动\n{LONG}\n")
    assert article.title_text == "区文旅局开展全民阅读活动"
    assert article.source == "区文旅局"


def test_whitespace_is_the_only_change(tmp_path: Path) -> None:
    article = imported(
        tmp_path,
        "标题\n发布时间：2019-04-23\n  统一思想\u00a0 凝聚共识\t\n"
        "　　第一句，\u200b 第二句\u3000\u3000第三句。\n",
    )
    assert headings(article.blocks) == [(2, "统一思想 凝聚共识")]
    assert paragraphs(article.blocks) == ["第一句， 第二句 第三句。"]


def test_no_article_text(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no article text found"):
        imported(tmp_path, "-->\n您当前的位置:首页 > 要闻动态\n【字体: 打印\n版权所有\n")
    with pytest.raises(SourceError, match="no article text found"):
        imported(tmp_path, "只有一个标题\n")


def test_lines_are_read_in_order() -> None:
    page = read_text_page(
        "-->\n您当前的位置:首页 > 要闻\n\n标题\n\n发布时间:2018-11-16 来源:某某\n"
        "【字体: 打印\n\n正文。\n"
    )
    assert page.title == "标题"
    # The leading --> is a comment marker, gone before lines are split.
    assert page.head == (
        "您当前的位置:首页 > 要闻",
        "发布时间:2018-11-16 来源:某某",
        "【字体: 打印",
    )
    assert [line.text for line in page.body] == ["正文。"]


def test_traditional_text_in_utf8_is_zh_hant(tmp_path: Path) -> None:
    traditional = imported(
        tmp_path, "臺北市推動社區長照服務\n市政府表示，將在全市各區增設據點，讓長者就近獲得照顧。\n"
    )
    assert traditional.language == "zh-Hant"
    simplified = imported(
        tmp_path, "台北市推动社区长照服务\n市政府表示，将在全市各区增设据点，让长者就近获得照顾。\n"
    )
    assert simplified.language == "zh-Hans"


def test_a_closing_date_stays_text_and_credits_go(tmp_path: Path) -> None:
    article = imported(
        tmp_path,
        f"关于做好春节期间安全工作的通知\n发布日期：2019-01-20\n{LONG}\n绿园区应急管理局\n"
        "2019年1月20日\n（责任编辑：张伟） 审核：李四\n",
    )
    # The office and date close the notice: its signature (落款), set at the right.
    body, signature = article.blocks
    assert paragraphs((body,)) == [LONG]
    assert isinstance(signature, Signature)
    assert paragraphs(signature.blocks) == ["绿园区应急管理局", "2019年1月20日"]
    assert article.authors == ("张伟",)
