"""Metadata as Chinese news pages write it: dates, sources, editors, breadcrumbs."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from publish.importer.byline import (
    breadcrumb,
    fields,
    is_credit,
    is_metadata,
    parse_date,
    read,
)

CHINA = timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018-11-16 09:15", datetime(2018, 11, 16, 9, 15)),
        ("2018-11-16 09:15:30", datetime(2018, 11, 16, 9, 15, 30)),
        ("2018-11-16", datetime(2018, 11, 16)),
        ("2018/11/16 9:05", datetime(2018, 11, 16, 9, 5)),
        ("2018.11.16", datetime(2018, 11, 16)),
        ("2018年11月16日", datetime(2018, 11, 16)),
        ("2018年11月16日 09:15", datetime(2018, 11, 16, 9, 15)),
        ("2018年11月16日09时15分", datetime(2018, 11, 16, 9, 15)),
        ("2018年11月16日 09时15分30秒", datetime(2018, 11, 16, 9, 15, 30)),
        ("２０１８年１１月１６日　０９：１５", datetime(2018, 11, 16, 9, 15)),
        ("2018-11-16T09:15", datetime(2018, 11, 16, 9, 15)),
        ("发布时间:2018-11-16 09:15来源:绿园发布", datetime(2018, 11, 16, 9, 15)),
        ("2018-11-16T01:15:00Z", datetime(2018, 11, 16, 9, 15)),  # UTC, shown at +08:00
        ("2018-11-16T09:15:00+08:00", datetime(2018, 11, 16, 9, 15)),
        ("二〇一八年十一月十六日", datetime(2018, 11, 16)),
        ("二○一八年十一月十六日", datetime(2018, 11, 16)),  # ○ (U+25CB) for zero, as typed
        ("二零一九年五月二十日", datetime(2019, 5, 20)),
        ("二〇二〇年一月三十一日", datetime(2020, 1, 31)),
        ("二〇〇五年十月一日", datetime(2005, 10, 1)),
        ("发布时间：二〇一八年十一月十六日", datetime(2018, 11, 16)),
        ("2018年11月16日 星期五", datetime(2018, 11, 16)),
        ("2018/11/16", datetime(2018, 11, 16)),
    ],
)
def test_dates_in_their_usual_spellings(text: str, expected: datetime) -> None:
    parsed = parse_date(text)
    assert parsed == expected.replace(tzinfo=CHINA)
    assert parsed is not None and parsed.utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize(
    "text", ["", "没有日期", "2018-13-45", "第2018期", "二〇一八年十三月一日", "一八年十一月十六日"]
)
def test_no_date(text: str) -> None:
    assert parse_date(text) is None


def test_fields_of_a_metadata_line_run_to_the_next_key() -> None:
    assert fields("发布时间:2018-11-16 09:15来源:绿园发布") == [
        ("发布时间", "2018-11-16 09:15"),
        ("来源", "绿园发布"),
    ]
    assert fields("日期：2019-04-23 | 作者：王镕 李赟 | 责任编辑：张伟") == [
        ("日期", "2019-04-23"),
        ("作者", "王镕 李赟"),
        ("责任编辑", "张伟"),
    ]
    # Traditional keys, and a date key followed directly by the date.
    assert fields("發佈時間 2019-03-05 來源：社會局") == [
        ("发布时间", "2019-03-05"),
        ("来源", "社會局"),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("发布时间:2018-11-16 09:15来源:绿园发布", True),
        ("（责任编辑：张伟）", True),
        ("来源：新华社", True),
        ("2018-11-16 绿园发布", True),
        ("“工会工作是党的群众工作重要组成部分,要坚持党对工会的领导。”", False),
        ("绿园区总工会常务副主席吕亚舟:", False),
        (
            "2018年11月16日，全区召开干部大会，传达学习会议精神，部署下一阶段工作，要求各部门认真落实。",
            False,
        ),
    ],
)
def test_metadata_lines(line: str, expected: bool) -> None:
    assert is_metadata(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("您当前的位置:首页 > 要闻动态 > 领导活动", ("要闻动态", "领导活动")),
        ("当前位置：首页>新闻中心>部门动态", ("新闻中心", "部门动态")),
        ("您现在的位置：网站首页 &gt; 政务公开 &gt; 通知公告", ("政务公开", "通知公告")),
        ("當前位置：首頁 > 市政新聞 > 社會福利", ("市政新聞", "社會福利")),
        ("所在位置: 首页 » 专题 » 正文", ("专题",)),
        ("首页 > 要闻动态", ("要闻动态",)),
        ("位置：首页 / 新闻 / 某某标题", ("新闻",)),
        ("首页 / 新闻中心 / 文化动态", ("新闻中心", "文化动态")),
    ],
)
def test_breadcrumbs_are_category_paths_without_home(line: str, expected: tuple) -> None:
    assert breadcrumb(line, title="某某标题") == expected


@pytest.mark.parametrize("line", ["要闻动态", "首页设计大赛开幕", "位置很重要"])
def test_not_breadcrumbs(line: str) -> None:
    assert breadcrumb(line) is None


def test_read_combines_lines_and_meta_tags() -> None:
    found = read(
        [
            "当前位置：首页 > 要闻",
            "日期：2019-04-23",
            "作者：王镕、李赟",
            "（责任编辑：张伟）",
            "编辑：王镕",
        ],
        {"contentsource": "区文旅局", "pubdate": "2020-01-01 08:00"},
    )
    assert found.date == datetime(2019, 4, 23, tzinfo=CHINA)  # the visible date wins
    assert found.source == "区文旅局"  # the meta tag fills the gap
    assert found.authors == ("王镕", "李赟", "张伟")  # in page order, once each
    assert found.category == ("要闻",)


def test_meta_tags_alone() -> None:
    found = read([], {"pubdate": "2018-11-16 09:15", "author": "张三", "columnname": "部门动态"})
    assert found.date == datetime(2018, 11, 16, 9, 15, tzinfo=CHINA)
    assert (found.authors, found.category) == (("张三",), ("部门动态",))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("（责任编辑：张伟）", True),
        ("来源：新华社", True),
        ("审核：李四", True),
        ("2019年1月20日", False),
        ("日期：2019-01-20", False),
        ("绿园区应急管理局", False),
    ],
)
def test_credit_lines(line: str, expected: bool) -> None:
    assert is_credit(line) is expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["首页 > 新闻", "2018年11月16日 星期五"], datetime(2018, 11, 16)),
        (["二〇一八年十一月二十日"], datetime(2018, 11, 20)),
        # A key names the date: it wins over a date line of its own.
        (["2018年11月16日 星期五", "发布时间：2018-11-17 来源：区政府办"], datetime(2018, 11, 17)),
    ],
)
def test_a_date_on_a_line_of_its_own(lines: list[str], expected: datetime) -> None:
    assert read(lines).date == expected.replace(tzinfo=CHINA)
