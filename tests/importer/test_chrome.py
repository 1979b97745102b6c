"""Page chrome: control bars, share bars, related news, footers, comment markers."""

from __future__ import annotations

import pytest

from publish.importer.chrome import chrome_words, ends_article, is_chrome, strip_controls


@pytest.mark.parametrize(
    "line",
    [
        "-->",
        "<!--",
        "//-->",
        "<!-- 正文结束 -->",
        "【字体: 打印",
        "【字体：大 中 小】【打印】【关闭窗口】",
        "[ 大 中 小 ] [打印] [关闭]",
        "字号：T | T",
        "打印本页 | 关闭窗口",
        "分享到：微信 微博 QQ空间",
        "【字體：大 中 小】【列印】【關閉視窗】",
        "浏览次数：1024",
        "【我要纠错】 【收藏】",
        "扫一扫在手机上打开",
        "视力保护色：",
    ],
)
def test_chrome_lines(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "大",
        "中小企业",
        "打印机采购项目公示",
        "关闭违规企业十二家",
        "他说：“字体要大一些。”",
        "绿园区总工会常务副主席吕亚舟:",
    ],
)
def test_text_is_not_chrome(line: str) -> None:
    assert not is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "相关新闻",
        "【相关链接】",
        "上一篇：区图书馆举办少儿绘本讲读会",
        "下一篇：无",
        "版权所有：长春市绿园区人民政府",
        "长春市绿园区人民政府 版权所有",
        "吉ICP备05001234号",
        "网站标识码：2201060001",
        "主办单位：绿园区人民政府办公室",
        "Copyright © 2019 臺北市政府",
        "版權所有 © 2020 香港中文大學",
        "联系我们 | 网站地图",
        "建议使用IE8以上浏览器浏览本站",
        "吉公网安备 22010602000123号",
    ],
)
def test_lines_that_end_the_article(line: str) -> None:
    assert ends_article(line)


@pytest.mark.parametrize(
    "line",
    [
        "版权所有权的保护是本次讲座的主题",
        "上级部门为项目提供技术支持和资金保障，" + "确保项目顺利推进。" * 2,
        "“相关新闻”栏目改版",
        "区政府网站" + "，围绕版权所有者的合法权益开展宣传" * 5,
    ],
)
def test_text_that_mentions_a_footer_word_goes_on(line: str) -> None:
    assert not ends_article(line)


def test_controls_are_cut_out_of_a_metadata_line() -> None:
    assert strip_controls(
        "发布时间：2019-04-23 来源：区文旅局 【字体：大 中 小】【打印】【关闭窗口】"
    ) == ("发布时间：2019-04-23 来源：区文旅局")
    assert (
        strip_controls("發佈日期：2019年3月5日 【字體：大 中 小】【列印】")
        == "發佈日期：2019年3月5日"
    )
    assert strip_controls("来源：绿园发布 浏览次数：1024") == "来源：绿园发布"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("bdsharebuttonbox", True),
        ("article-share", True),
        ("related_news", True),
        ("xgxw", True),
        ("TRS_Editor", False),
        ("content", False),
        ("font-14", False),
        ("print-content", True),
    ],
)
def test_chrome_class_names(value: str, expected: bool) -> None:
    assert chrome_words(value) is expected
