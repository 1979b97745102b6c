"""Structure from lines: interviewee sections, multi-line headlines, paragraphs."""

from __future__ import annotations

import pytest

from publish.importer.page import Line
from publish.importer.structure import blocks, interviewee, is_heading_text
from publish.model import Heading, Interview, LineBreak, Paragraph, Signature, Text

LONG = "这是一个足够长的正文段落，它有逗号也有句号，读起来像是一段完整的新闻报道内容。"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("绿园区总工会常务副主席吕亚舟:", ("吕亚舟", "绿园区总工会常务副主席")),
        ("共青团绿园区委书记畅晓宁:", ("畅晓宁", "共青团绿园区委书记")),
        ("绿园区妇联主席付悦:", ("付悦", "绿园区妇联主席")),
        ("区政务服务中心主任刘䶮：", ("刘䶮", "区政务服务中心主任")),
        ("区市场监管局副局长欧阳明辉：", ("欧阳明辉", "区市场监管局副局长")),
        ("区委常委、宣传部部长 王小明：", ("王小明", "区委常委、宣传部部长")),
        ("区人社局局长 王小明：", ("王小明", "区人社局局长")),
        ("区教育局党组书记、局长李明:", ("李明", "区教育局党组书记、局长")),
        ("张三、李四：", None),
        ("长春市绿园区人民政府区长张三丰：", ("张三丰", "长春市绿园区人民政府区长")),
        ("某某大学教授李四：", ("李四", "某某大学教授")),
        ("记者：", None),
        ("吕亚舟：", None),  # a name alone has no role
        ("绿园区总工会常务副主席吕亚舟", None),  # no colon
        ("会议指出：", None),
        ("他说：要坚持党对工会的领导：", None),
        ("绿园区总工会常务副主席Lv Yazhou:", None),
        ("区长助理王五：", ("王五", "区长助理")),
    ],
)
def test_interviewee_lines(line: str, expected: tuple[str, str] | None) -> None:
    assert interviewee(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("创新方法 务求实效", True),
        ("在学懂弄通做实习近平总书记", True),
        ("“巾帼心向党”", True),
        ("一、加强学习", True),
        ("为推动绿园高质量发展充分发挥半边天作用", True),
        ("会议指出：", False),
        ("短句。", False),
        ("他问：为什么？答案很简单", False),
        ("2018年11月16日", False),
        ("ABC", False),
        ("这一行很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长", False),
        ("第一，", False),
    ],
)
def test_heading_text(text: str, expected: bool) -> None:
    assert is_heading_text(text) is expected


def lines(*texts: str) -> list[Line]:
    return [Line(t) for t in texts]


def test_a_headline_over_three_lines_is_one_heading() -> None:
    found = blocks(
        lines("强化思想武装", "在学懂弄通做实习近平总书记", "重要讲话和重要指示精神上下功夫", LONG)
    )
    assert found == (
        Heading(
            2,
            (
                Text("强化思想武装"),
                LineBreak(),
                Text("在学懂弄通做实习近平总书记"),
                LineBreak(),
                Text("重要讲话和重要指示精神上下功夫"),
            ),
        ),
        Paragraph((Text(LONG),)),
    )


def test_four_short_lines_in_a_row_are_paragraphs() -> None:
    found = blocks(lines(LONG, "张三 李四", "王五 赵六", "钱七 孙八", "周九 吴十", LONG))
    assert all(isinstance(b, Paragraph) for b in found)
    assert len(found) == 6


def test_the_offices_and_date_closing_a_notice_are_its_signature() -> None:
    """落款 (GB/T 9704-2012 §7.3.5): up to four short lines and a date, after the body's text;
    also when a page set them apart by <br> in one paragraph."""
    found = blocks(lines(LONG, "长春市绿园区人民政府", "二〇一八年十一月十六日"))
    assert found[1:] == (
        Signature(
            (
                Paragraph((Text("长春市绿园区人民政府"),)),
                Paragraph((Text("二〇一八年十一月十六日"),)),
            )
        ),
    )
    broken = Line(
        "医疗保障局 2024年8月30日", runs=(Text("医疗保障局"), LineBreak(), Text("2024年8月30日"))
    )
    (_, signature) = blocks([Line(LONG), broken])
    assert signature == Signature(
        (Paragraph((Text("医疗保障局"),)), Paragraph((Text("2024年8月30日"),)))
    )


@pytest.mark.parametrize(
    "ending",
    [
        ("医疗保障局", "2024年8月30日前"),  # not a date alone
        ("一", "二", "三", "四", "五", "2024年8月30日"),  # more than four offices
        ("医疗保障局，税务局", "2024年8月30日"),  # a sentence
    ],
)
def test_what_is_not_a_signature(ending: tuple[str, ...]) -> None:
    found = blocks(lines(LONG, *ending))
    signed = [block for block in found if isinstance(block, Signature)]
    assert signed in ([], [Signature((Paragraph((Text(ending[-1]),)),))])
    assert "医疗保障局" not in str(signed) and "五" not in str(signed)


def test_the_body_s_last_words_and_a_heading_s_date_are_not_signed() -> None:
    (*_, signature) = blocks(lines(LONG, "特此通告", "医疗保障局", "2024年8月30日"))
    assert "特此通告" not in str(signature)
    found = blocks([Line(LONG), Line("报名时间", level=2), Line("2024年8月30日")])
    assert not any(isinstance(block, Signature) for block in found)


def test_interviewee_sections_run_to_the_next_one() -> None:
    found = blocks(
        lines(
            LONG,
            "绿园区总工会常务副主席吕亚舟:",
            "创新方法 务求实效",
            "彰显新时期工会作用",
            LONG,
            "以改革创新精神加强自身建设",
            LONG,
            "绿园区妇联主席付悦:",
            LONG,
            "增强政治性 巾帼心向党",
            LONG,
        )
    )
    intro, first, second = found
    assert intro == Paragraph((Text(LONG),))
    assert isinstance(first, Interview) and isinstance(second, Interview)
    assert first.headline == Heading(
        2, (Text("创新方法 务求实效"), LineBreak(), Text("彰显新时期工会作用"))
    )
    assert first.blocks == (
        Paragraph((Text(LONG),)),
        Heading(3, (Text("以改革创新精神加强自身建设"),)),
        Paragraph((Text(LONG),)),
    )
    # A section that starts with text has no headline; its headings are still level 3.
    assert second.headline is None
    assert second.blocks[1] == Heading(3, (Text("增强政治性 巾帼心向党"),))


def test_page_marked_headings_of_one_level_in_a_row_are_one_headline() -> None:
    found = blocks([Line("第一行", level=2), Line("第二行", level=2), Line(LONG)])
    assert found[0] == Heading(2, (Text("第一行"), LineBreak(), Text("第二行")))


def test_bold_and_plain_heading_lines_are_separate_runs() -> None:
    found = blocks([Line("加粗的标题", strong=True), Line("普通的标题"), Line(LONG)])
    # Both sit at level 2, so they are one headline over two lines, as a source would read them.
    assert found[0] == Heading(2, (Text("加粗的标题"), LineBreak(), Text("普通的标题")))
