"""The print document's last lines (issue 14, defect 3): the last two Han characters of a
title and of a heading's lines are joined by a word joiner, looking past closing marks and into
emphasis, so that no last line holds one character alone. A paragraph is left as it is: its
ending is kept on one line by the layouts' nowrap span (tests/test_endings.py)."""

from __future__ import annotations

from pathlib import Path

from publish.builders.pdf.document import JOINER, joined_endings, ruby_markup
from publish.layouts import environment
from publish.model import (
    Article,
    Block,
    Heading,
    Interview,
    LineBreak,
    Paragraph,
    Ruby,
    Strong,
    Text,
    plain_text,
)


def _article(*blocks: Block) -> Article:
    return Article("a", (Text("领导访谈"),), blocks, Path("a.md"))


def test_a_title_keeps_its_last_two_characters_together_and_a_paragraph_has_no_joiner() -> None:
    runs = (Text("重点开展行业性工资集体协商工作。"),)
    joined = joined_endings(_article(Paragraph(runs)))
    (paragraph,) = joined.blocks
    assert paragraph.children == runs
    assert plain_text(joined.title) == f"领导访{JOINER}谈"


def test_the_join_reaches_into_emphasis_readings_and_nested_blocks() -> None:
    emphasised = Heading(2, (Text("听见了"), Strong((Text("什么"),)), Text("？")))
    read = Heading(2, (Ruby("协商", ("xié", "shāng")), Text("》")))
    headline = Heading(3, (Text("创新方法"), LineBreak(), Text("务求实效")))
    interview = Interview((Text("吕亚舟"),), (Text("主席"),), headline, (emphasised, read))
    (joined,) = joined_endings(_article(interview)).blocks
    assert isinstance(joined, Interview) and joined.headline is not None
    assert plain_text(joined.headline.children) == f"创新方{JOINER}法\n务求实{JOINER}效"
    first, second = joined.blocks
    assert plain_text(first.children) == f"听见了什{JOINER}么？"
    assert second.children == (
        Ruby("协", ("xié",)),
        Text(JOINER),
        Ruby("商", ("shāng",)),
        Text("》"),
    )
    # The interviewee's name and role are not text that wraps: left as they are.
    assert joined.name == (Text("吕亚舟"),) and joined.role == (Text("主席"),)


def test_one_character_or_a_latin_ending_is_left_as_it_is() -> None:
    for runs in (
        (Text("好。"),),
        (Text("版本 2.0。"),),
        (Text("他说：“走！”"),),
        (Text("借 5 本"),),
    ):
        (heading,) = joined_endings(_article(Heading(2, runs))).blocks
        assert heading.children == runs


def _pad(reading: str) -> str:
    return "py-pad3" if reading == "zhuàng" else ""


RUNS = (Ruby("壮观", ("zhuàng", "guān")), Ruby("国", ("guó",)), Ruby("的", ("de",)))


def test_print_ruby_joins_the_macro_s_markup_of_each_character() -> None:
    env = environment()
    macro = env.get_template("print/ruby.html").make_module({"pinyin_pad": _pad}).ruby
    ruby = ruby_markup(env, _pad)
    for run in RUNS:
        assert ruby(run) == macro(run)
    assert ruby(RUNS[0]) == '<span class="py-pad3">壮</span>观'


def test_a_project_s_print_ruby_is_rendered_a_run_at_a_time(tmp_path: Path) -> None:
    (tmp_path / "print").mkdir()
    (tmp_path / "print" / "ruby.html").write_text(
        '{% macro ruby(run) %}<b data-n="{{ run.base|length }}">{{ run.base }}</b>{% endmacro %}',
        encoding="utf-8",
    )
    ruby = ruby_markup(environment(tmp_path), _pad)
    assert ruby(RUNS[0]) == '<b data-n="2">壮观</b>'
