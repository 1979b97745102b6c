"""Article sources (`sources/article.py`, its body by `sources/body.py`): front matter and the
Markdown conventions become the model."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from publish.errors import SourceError
from publish.model import (
    Emphasis,
    Figure,
    Heading,
    Interview,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Strong,
    Table,
    Text,
    plain_text,
)
from publish.sources.article import load_article
from tests.conftest import EXAMPLES, tiny_png


def _write(tmp_path: Path, body: str, front: str = "title: 标题") -> Path:
    path = tmp_path / "article.md"
    path.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    return path


def _load(tmp_path: Path, body: str, front: str = "title: 标题"):
    return load_article(_write(tmp_path, body, front), tmp_path)


def test_front_matter_metadata() -> None:
    path = EXAMPLES / "community-reader" / "articles" / "01-jingyesi.md"
    article = load_article(path, path.parents[1])
    assert article.title_text == "床前明月光"
    assert article.subtitle_text == "读李白《静夜思》与孟浩然《春晓》"
    assert article.date == datetime.fromisoformat("2024-03-01T08:30:00+08:00")
    assert article.date.utcoffset() == timedelta(hours=8)
    assert article.authors == ("单晓梅",)
    assert article.category == ("诗词", "唐诗")
    assert article.tags == ("古诗", "朗读")
    assert article.language == "zh-Hans"
    assert article.pinyin == (("单晓梅", ("shàn", "xiǎo", "méi")),)
    assert article.slug == "01-jingyesi"


@pytest.mark.parametrize(
    ("front", "body", "language"),
    [
        # Not said: the script it is written in.
        ("title: 臺北", "\n這是我們臺北市的新聞，說明會議的結果。\n", "zh-Hant"),
        ("title: 北京", "\n这是我们北京市的新闻，说明会议的结果。\n", "zh-Hans"),
        # A simplified article quoting a traditional sign stays simplified.
        (
            "title: 老店",
            "\n这家店门口挂着“國貨”招牌，说是我们这里最老的店，来的人很多。\n",
            "zh-Hans",
        ),
        # Too little text to tell: the default.
        ("title: 中文", "\n中文。\n", "zh-Hans"),
        # Said: believed, whatever the text.
        ("title: 臺北\nlanguage: zh-Hans", "\n這是我們臺北市的新聞。\n", "zh-Hans"),
        ("title: 北京\nlanguage: zh-Hant-HK", "\n这是我们的新闻。\n", "zh-Hant-HK"),
    ],
)
def test_an_article_that_does_not_say_its_language_is_in_the_script_it_is_written_in(
    tmp_path: Path, front: str, body: str, language: str
) -> None:
    assert _load(tmp_path, body, front).language == language


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2018-11-16 09:15", "2018-11-16T09:15:00+08:00"),
        ("2018-11-16T09:15+08:00", "2018-11-16T09:15:00+08:00"),
        ("2018-11-16T01:15Z", "2018-11-16T01:15:00+00:00"),
        ("2018-11-16", "2018-11-16T00:00:00+08:00"),
    ],
)
def test_dates_are_iso_8601_with_shanghai_as_the_default_zone(
    tmp_path: Path, written: str, expected: str
) -> None:
    article = _load(tmp_path, "正文。\n", f"title: 标题\ndate: {written}")
    assert article.date is not None and article.date.isoformat() == expected


def test_seed_example_interviews_headlines_and_subheadings() -> None:
    path = EXAMPLES / "luyuan-interviews" / "articles"
    article = load_article(next(path.glob("*.md")), path.parent)
    interviews = [b for b in article.blocks if isinstance(b, Interview)]
    assert [(plain_text(i.name), plain_text(i.role)) for i in interviews] == [
        ("吕亚舟", "绿园区总工会常务副主席"),
        ("畅晓宁", "共青团绿园区委书记"),
        ("付悦", "绿园区妇联主席"),
    ]
    first = interviews[0]
    assert first.headline is not None
    assert plain_text(first.headline.children).split("\n") == [
        "创新方法 务求实效",
        "彰显新时期工会作用",
    ]
    subheadings = [b for b in first.blocks if isinstance(b, Heading)]
    assert plain_text(subheadings[0].children) == "以改革创新精神加强自身建设\n打造建功立业平台"
    assert all(h.level == 3 for h in subheadings)
    assert article.category == ("要闻动态", "领导活动")


def test_consecutive_same_level_headings_are_one_multi_line_headline(tmp_path: Path) -> None:
    article = _load(tmp_path, "## 第一行\n## 第二行\n\n正文。\n\n## 另一个标题\n\n### 下级\n")
    headings = [b for b in article.blocks if isinstance(b, Heading)]
    assert headings[0] == Heading(2, (Text("第一行"), LineBreak(), Text("第二行")))
    assert [plain_text(h.children) for h in headings[1:]] == ["另一个标题", "下级"]


def test_setext_heading_lines_are_kept(tmp_path: Path) -> None:
    article = _load(tmp_path, "第一行\n第二行\n---\n")
    assert article.blocks == (Heading(2, (Text("第一行"), LineBreak(), Text("第二行"))),)


def test_soft_line_breaks_join_chinese_without_a_space(tmp_path: Path) -> None:
    article = _load(tmp_path, "中文一行\n接着写。English\nwords stay apart.\n")
    assert article.blocks == (Paragraph((Text("中文一行接着写。English words stay apart."),)),)


def test_inline_runs(tmp_path: Path) -> None:
    article = _load(tmp_path, "有*强调*和**重点**，[链接](https://www.gov.cn/)，换行\\\n这里。\n")
    (paragraph,) = article.blocks
    assert paragraph == Paragraph(
        (
            Text("有"),
            Emphasis((Text("强调"),)),
            Text("和"),
            Strong((Text("重点"),)),
            Text("，"),
            Link("https://www.gov.cn/", (Text("链接"),)),
            Text("，换行"),
            LineBreak(),
            Text("这里。"),
        )
    )


def test_quotes_lists_and_tables(tmp_path: Path) -> None:
    body = (
        "> 引文第一段\n\n"
        "3. 第三\n4. 第四\n\n"
        "- 外层\n  - 内层\n\n"
        "| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |\n\n表：一张表\n"
    )
    quote, ordered, nested, table = _load(tmp_path, body).blocks
    assert quote == Quote((Paragraph((Text("引文第一段"),)),))
    assert isinstance(ordered, ListBlock) and ordered.ordered and ordered.start == 3
    assert isinstance(nested, ListBlock) and isinstance(nested.items[0][1], ListBlock)
    assert table == Table(
        ((Text("甲"),), (Text("乙"),)), (((Text("1"),), (Text("2"),)),), caption=(Text("一张表"),)
    )


def test_figure_with_alt_and_caption(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "p.png").write_bytes(tiny_png())
    article = _load(tmp_path, '![一张图的描述](images/p.png "图一")\n')
    assert article.blocks == (
        Figure(tmp_path.resolve() / "images" / "p.png", "一张图的描述", (Text("图一"),)),
    )


def test_raw_html_is_text_not_markup(tmp_path: Path) -> None:
    article = _load(tmp_path, '<script>alert(1)</script> <img src=x onerror="alert(2)">\n')
    assert "<script>alert(1)</script>" in plain_text(article.blocks[0].children)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("front", "body", "line", "message"),
    [
        ("title: [unclosed", "x\n", 2, "invalid YAML"),
        ("subtitle: 无标题", "x\n", 2, "'title' is a required property: add it"),
        ("title: 标题\ncolour: red", "x\n", 3, "unknown key 'colour': valid keys are"),
        ("title: 标题\ndate: 十一月", "x\n", 3, "is not ISO 8601"),
        ("title: 标题\npinyin:\n  绿园: lǜ", "x\n", 4, "1 syllables for 2 characters"),
        ("title: 标题", "正文\n\n# 一级标题\n", 6, "start body headings at ##"),
        ("title: 标题", "![](gone.png)\n", 4, "has no alt text"),
        ("title: 标题", "![图](gone.png)\n", 4, "image 'gone.png' not found"),
        ("title: 标题", "![图](../../etc/passwd)\n", 4, "outside the project"),
        ("title: 标题", "```\ncode\n```\n", 4, "code blocks are not supported"),
        ("title: 标题", "::: interviewee\n\n正文\n\n:::\n", 4, "without a name"),
    ],
)
def test_bad_articles_are_located_problems(
    tmp_path: Path, front: str, body: str, line: int, message: str
) -> None:
    path = _write(tmp_path, body, front)
    with pytest.raises(SourceError) as raised:
        load_article(path, tmp_path)
    problem = raised.value.problems[0]
    assert problem.path == path
    assert problem.line == line
    assert message in problem.message


def test_titles_lose_zero_width_characters_at_their_ends(tmp_path: Path) -> None:
    # A CPP sentence made a title that opened with U+200B: its page's text began one character
    # late, and the PDF's parts could not find where the article starts.
    front = 'title: "\u200b 标题\u200d"\nsubtitle: "\ufeff副\u200b题\u2060 "'
    article = _load(tmp_path, "正文\n", front)
    assert article.title_text == "标题"
    assert article.subtitle_text == "副\u200b题"


def test_a_title_of_zero_width_characters_is_blank(tmp_path: Path) -> None:
    path = _write(tmp_path, "正文\n", 'title: "\u200b\u3000"')
    with pytest.raises(SourceError, match="the title is blank"):
        load_article(path, tmp_path)


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    path = _write(tmp_path, "# 一级\n\n![](a.png)\n", "title: 标题\nauthor: 某人")
    with pytest.raises(SourceError) as raised:
        load_article(path, tmp_path)
    # The unknown key, the level-1 heading, and the image with neither alt text nor file.
    assert len(raised.value.problems) == 4


def test_bytes_that_are_not_utf8_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "gbk.md"
    path.write_bytes("---\ntitle: 标题\n---\n".encode() + "中文".encode("gbk"))
    with pytest.raises(SourceError) as raised:
        load_article(path, tmp_path)
    (problem,) = raised.value.problems
    assert (
        problem.line == 4 and "not UTF-8" in problem.message and "publish import" in problem.message
    )


def test_missing_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "plain.md"
    path.write_text("只有正文。\n", encoding="utf-8")
    with pytest.raises(SourceError, match="no front matter"):
        load_article(path, tmp_path)


def test_image_names_in_chinese_and_escaped_alt_text(tmp_path: Path) -> None:
    (tmp_path / "图 片.png").write_bytes(tiny_png())
    article = _load(tmp_path, "![柱状图\\*说明](<图 片.png>)\n")
    (figure,) = article.blocks
    assert isinstance(figure, Figure)
    assert figure.image == tmp_path.resolve() / "图 片.png"
    assert figure.alt == "柱状图*说明"
