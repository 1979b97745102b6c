"""The source writer: what it writes, the loader reads back as an equal article."""

from __future__ import annotations

import os
import string
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publish.model import (
    Article,
    Block,
    Emphasis,
    Figure,
    Heading,
    Interview,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Ruby,
    Signature,
    Strong,
    Table,
    Text,
)
from publish.sources.article import load_article
from publish.sources.writer import article_markdown, write_article
from tests.conftest import EXAMPLES, tiny_png

CHINA = timezone(timedelta(hours=8))
SEED_SOURCE = EXAMPLES / "luyuan-interviews" / "articles" / "lingdao-fangtan.md"


def round_trip(article: Article, folder: Path, name: str = "article.md") -> Article:
    path = folder / name
    path.write_text(article_markdown(article, path), encoding="utf-8")
    return load_article(path, folder)


def article(*blocks: Block, **fields: object) -> Article:
    values: dict = {
        "slug": "article",
        "title": (Text("标题"),),
        "blocks": blocks,
        "source_path": Path("article.md"),
    }
    values.update(fields)
    return Article(**values)


# --------------------------------------------------------------------------- the example


def test_the_seed_source_is_written_back_byte_for_byte(tmp_path: Path) -> None:
    loaded = load_article(SEED_SOURCE, SEED_SOURCE.parent)
    target = tmp_path / SEED_SOURCE.name
    assert article_markdown(loaded, target) == SEED_SOURCE.read_text(encoding="utf-8")


def test_front_matter_in_a_fixed_order_with_defaults_left_out(tmp_path: Path) -> None:
    text = article_markdown(
        article(
            Paragraph((Text("正文"),)),
            subtitle=(Text("副题"),),
            slug="other-name",
            date=datetime(2018, 11, 16, 9, 15, tzinfo=CHINA),
            source="绿园发布",
            authors=("张三", "李四"),
            category=("要闻动态", "领导活动"),
            language="zh-Hant",
            tags=("访谈",),
            summary="一句话。",
            pinyin=(("绿园", ("lǜ", "yuán")),),
        ),
        tmp_path / "article.md",
    )
    assert text == (
        "---\ntitle: 标题\nsubtitle: 副题\nslug: other-name\ndate: 2018-11-16T09:15+08:00\n"
        "source: 绿园发布\nauthors:\n- 张三\n- 李四\ncategory: 要闻动态/领导活动\n"
        "language: zh-Hant\ntags:\n- 访谈\nsummary: 一句话。\npinyin:\n  绿园: lǜ yuán\n---\n\n"
        "正文\n"
    )


@pytest.mark.parametrize(
    ("when", "written"),
    [
        (datetime(2018, 11, 16, tzinfo=CHINA), "2018-11-16"),
        (datetime(2018, 11, 16, 9, 15, tzinfo=CHINA), "2018-11-16T09:15+08:00"),
        (datetime(2018, 11, 16, 9, 15, 30, tzinfo=CHINA), "2018-11-16T09:15:30+08:00"),
        (datetime(2018, 11, 16, tzinfo=UTC), "2018-11-16T00:00+00:00"),
    ],
)
def test_dates(tmp_path: Path, when: datetime, written: str) -> None:
    item = article(Paragraph((Text("正文"),)), date=when)
    assert f"\ndate: {written}\n" in article_markdown(item, tmp_path / "article.md")
    assert round_trip(item, tmp_path).date == when


def test_a_category_part_with_a_slash_is_written_as_a_list(tmp_path: Path) -> None:
    item = article(Paragraph((Text("正文"),)), category=("政策/解读", "文件"))
    assert "category:\n- 政策/解读\n- 文件\n" in article_markdown(item, tmp_path / "article.md")
    assert round_trip(item, tmp_path).category == ("政策/解读", "文件")


# --------------------------------------------------------------------------- escaping


@pytest.mark.parametrize(
    "text",
    [
        "# 不是标题",
        "## 也不是",
        "> 不是引用",
        "- 不是列表",
        "+ 不是列表",
        "* 不是列表",
        "1. 不是编号",
        "2018) 不是编号",
        "---",
        "***",
        "___",
        "===",
        "::: interviewee 某人",
        "::: signature",
        "~~~",
        "```",
        "| a | b |",
        "<div>标签</div>",
        "<http://example.com>",
        "&amp; &#20013;",
        "星号*强调*与_下划线_",
        "[链接](http://x.cn)",
        "![图](a.png)",
        "反斜杠\\结尾\\",
        "C# 与 F#",
        "`代码`",
        "互联网+妇联",
        "早教进社区 ”公益",
        "a  b  两个空格",
        "http://www.gov.cn/a_b?c=1&d=2",
    ],
)
def test_text_that_looks_like_markdown_stays_text(tmp_path: Path, text: str) -> None:
    item = article(
        Heading(2, (Text(text),)),
        Paragraph((Text(text),)),
        ListBlock(False, ((Paragraph((Text(text),)),),)),
        Table(((Text(text),), (Text("x"),)), (((Text("y"),), (Text(text),)),)),
        Quote((Paragraph((Text(text),)),)),
    )
    assert round_trip(item, tmp_path) == replace(item, source_path=tmp_path / "article.md")


def test_inline_markup_and_headlines(tmp_path: Path) -> None:
    item = article(
        Heading(2, (Text("创新方法 务求实效"), LineBreak(), Text("彰显新时期工会作用"))),
        Paragraph(
            (
                Text("前"),
                Emphasis((Text("强调"),)),
                Text("中"),
                Strong((Text("加重"),)),
                Text("后"),
                Link("https://www.gov.cn/a(b)", (Text("链接"),)),
            )
        ),
        Heading(3, (Text("小标题"),)),
        Paragraph((Text("正文"),)),
    )
    assert round_trip(item, tmp_path) == replace(item, source_path=tmp_path / "article.md")


def test_consecutive_lists_stay_apart(tmp_path: Path) -> None:
    one = ((Paragraph((Text("甲"),)),),)
    item = article(
        ListBlock(False, one),
        ListBlock(False, one),
        ListBlock(True, one, 3),
        ListBlock(True, one, 7),
        ListBlock(False, one),
    )
    assert round_trip(item, tmp_path).blocks == item.blocks


def test_figures_point_at_the_image_relative_to_the_source(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    # ASCII names only: the loader does not yet undo markdown-it's percent-encoding of
    # non-ASCII and space characters in image paths.
    image = tmp_path / "images" / "hall(1).png"
    image.write_bytes(tiny_png())
    item = article(Figure(image.resolve(), "会场[全景]", (Text("“书香绿园”活动"),)))
    text = article_markdown(item, tmp_path / "article.md")
    assert '![会场[全景]](<images/hall(1).png> "“书香绿园”活动")' in text
    assert round_trip(item, tmp_path) == replace(item, source_path=tmp_path / "article.md")


def test_verse_and_addresses_keep_their_line_breaks(tmp_path: Path) -> None:
    verse = Paragraph(
        (Text("床前明月光，"), LineBreak(), Text("1. 疑是地上霜。"), LineBreak(), Text("- 举头"))
    )
    address = Paragraph((Strong((Text("地址"),)), Text("：绿园区"), LineBreak(), Text("电话：1")))
    item = article(verse, address)
    text = article_markdown(item, tmp_path / "article.md")
    assert "床前明月光，\\\n1\\. 疑是地上霜。\\\n\\- 举头\n" in text
    assert round_trip(item, tmp_path) == replace(item, source_path=tmp_path / "article.md")


def test_a_notice_s_signature_is_a_container(tmp_path: Path) -> None:
    signature = Signature(
        (Paragraph((Text("长乐区医疗保障局"),)), Paragraph((Text("2024年8月30日"),)))
    )
    item = article(Paragraph((Text("现将有关事项通告如下。"),)), signature)
    text = article_markdown(item, tmp_path / "article.md")
    assert "\n::: signature\n\n长乐区医疗保障局\n\n2024年8月30日\n\n:::\n" in text
    assert round_trip(item, tmp_path) == replace(item, source_path=tmp_path / "article.md")


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (article(Paragraph((Ruby("绿园", ("lǜ", "yuán")),))), "Ruby"),
        (article(Heading(2, (Text("一"),)), Heading(2, (Text("二"),))), "one headline"),
        (article(Heading(1, (Text("一"),))), "level 1"),
        (article(Paragraph((LineBreak(), Text("二")))), "empty line"),
        (article(Paragraph((Text("x"),)), title=(Strong((Text("粗"),)),)), "the title"),
        (
            article(Interview((Text("某人"),), (), None, (Heading(3, (Text("题"),)),))),
            "without a headline",
        ),
        (article(Paragraph((Text("两行\n文字"),))), "newline"),
    ],
)
def test_what_a_source_cannot_say_is_refused(tmp_path: Path, item: Article, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        article_markdown(item, tmp_path / "article.md")


# --------------------------------------------------------------------------- writing files


def test_write_is_atomic_and_never_replaces_unasked(tmp_path: Path) -> None:
    item = article(Paragraph((Text("正文"),)))
    target = tmp_path / "out" / "article.md"
    write_article(item, target)
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()
    target.write_text("edited by hand", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_article(item, target)
    assert target.read_text(encoding="utf-8") == "edited by hand"
    write_article(item, target, overwrite=True)
    assert target.read_text(encoding="utf-8").endswith("正文\n")
    assert sorted(p.name for p in target.parent.iterdir()) == ["article.md"]


def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "link", broken)
    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="No space"):
        write_article(article(Paragraph((Text("正文"),))), tmp_path / "article.md")
    assert list(tmp_path.iterdir()) == []


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --------------------------------------------------------------------------- any article

_HAN = "绿园区总工会常务副主席吕亚舟统一思想凝聚共识“”‘’，。、；：？！（）《》—…"
_ASCII = string.ascii_letters + string.digits + " #*_[]<>!|&\\`~:-+=.()/;'\"{}@%^$"
_TEXT = (
    st.text(alphabet=_HAN + _ASCII + "\u00a0\u3000", min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
)
_NAME = st.text(alphabet="吕亚舟畅晓宁付悦欧阳", min_size=2, max_size=4)
_WORD = st.text(alphabet=string.ascii_lowercase + "-", min_size=1, max_size=12).map(
    lambda s: "a" + s.strip("-") if s.strip("-") else "a"
)


def _runs(texts: list[str]) -> tuple:
    return (
        (Text(texts[0]),)
        if len(texts) == 1
        else tuple(r for t in texts for r in (LineBreak(), Text(t)))[1:]
    )


_PARAGRAPH = _TEXT.map(lambda t: Paragraph((Text(t),)))
_HEADING = st.builds(
    lambda level, lines: Heading(level, _runs(lines)),
    st.integers(2, 4),
    st.lists(_TEXT, min_size=1, max_size=3),
)
_TABLE = st.integers(1, 4).flatmap(
    lambda width: st.builds(
        lambda header, rows: Table(header, rows),
        st.tuples(*[_TEXT.map(lambda t: (Text(t),))] * width),
        st.lists(
            st.tuples(*[st.one_of(st.just(()), _TEXT.map(lambda t: (Text(t),)))] * width),
            max_size=3,
        ).map(tuple),
    )
)
_LIST = st.builds(
    lambda ordered, items, start: ListBlock(
        ordered, tuple((p,) for p in items), start if ordered else 1
    ),
    st.booleans(),
    st.lists(_PARAGRAPH, min_size=1, max_size=3),
    st.integers(1, 20),
)
_QUOTE = st.lists(_PARAGRAPH, min_size=1, max_size=2).map(lambda ps: Quote(tuple(ps)))
_SIMPLE = st.one_of(_PARAGRAPH, _HEADING, _TABLE, _LIST, _QUOTE)


def _valid(blocks: list[Block]) -> tuple[Block, ...]:
    """Drop a heading that repeats the level of the one before (one headline in a source)."""
    out: list[Block] = []
    for block in blocks:
        if (
            isinstance(block, Heading)
            and out
            and isinstance(out[-1], Heading)
            and (out[-1].level == block.level)
        ):
            continue
        out.append(block)
    return tuple(out)


_INTERVIEW = st.builds(
    lambda name, role, headline, blocks: Interview(
        (Text(name),),
        (Text(role),) if role else (),
        Heading(2, headline.children) if headline else None,
        _valid([Paragraph((Text("答"),)), *blocks])
        if headline is None
        else tuple(b for b in _valid([Heading(2, headline.children), *blocks])[1:]),
    ),
    _NAME,
    st.one_of(st.just(""), _TEXT.filter(lambda t: "|" not in t)),
    st.one_of(st.none(), _HEADING),
    st.lists(_SIMPLE, max_size=4),
)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    blocks = _valid(draw(st.lists(st.one_of(_SIMPLE, _INTERVIEW), max_size=6)))
    minutes = draw(st.integers(0, 60 * 24 * 365 * 30))
    return Article(
        slug=draw(st.one_of(st.just("article"), _WORD)),
        title=(Text(draw(_TEXT)),),
        subtitle=draw(st.one_of(st.just(()), _TEXT.map(lambda t: (Text(t),)))),
        blocks=blocks,
        source_path=Path("article.md"),
        date=draw(
            st.one_of(
                st.none(), st.just(datetime(1995, 1, 1, tzinfo=CHINA) + timedelta(minutes=minutes))
            )
        ),
        source=draw(st.one_of(st.just(""), _TEXT)),
        authors=tuple(draw(st.lists(_TEXT, max_size=3))),
        category=tuple(draw(st.lists(_TEXT, max_size=3))),
        language=draw(st.sampled_from(["zh-Hans", "zh-Hant", "en"])),
        tags=tuple(draw(st.lists(_TEXT, max_size=2))),
        summary=draw(st.one_of(st.just(""), _TEXT)),
    )


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(item=articles())
def test_any_article_round_trips(tmp_path: Path, item: Article) -> None:
    assert round_trip(item, tmp_path) == replace(item, source_path=tmp_path / "article.md")
