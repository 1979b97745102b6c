"""`--normalize-punctuation`: half-width marks in Chinese text become full-width, nothing else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from publish.model import Emphasis, LineBreak, Link, Ruby, Strong, Text, plain_text
from publish.punctuation import FULL_WIDTH, normalize_inlines, normalize_punctuation
from tests.conftest import FIXTURES


def _cases() -> list[tuple[str, str]]:
    cases = []
    for line in (FIXTURES / "punctuation" / "cases.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            given_, _, expected = line.partition(" → ")
            cases.append((given_, given_ if expected == "=" else expected))
    return cases


@pytest.mark.parametrize(("text", "expected"), _cases())
def test_cases(text: str, expected: str) -> None:
    assert normalize_punctuation(text) == expected


def test_context_decides_at_run_edges() -> None:
    assert normalize_punctuation(",要坚持", before="组成部分") == "，要坚持"
    assert normalize_punctuation("Hello,", after=" world") == "Hello,"
    assert normalize_punctuation("(行业", after=")职代会") == "（行业"


def test_runs_are_changed_in_the_context_of_each_other() -> None:
    runs = (
        Text("区域"),
        Strong((Text("(行业"),)),
        Text(")职代会,"),
        Ruby("绿园", ("lǜ", "yuán")),
        Text(":"),
        LineBreak(),
        Link("http://a.cn/?x=1,2", (Text("见此,"),)),
        Emphasis(()),
    )
    assert normalize_inlines(runs) == (
        Text("区域"),
        Strong((Text("（行业"),)),
        Text("）职代会，"),
        Ruby("绿园", ("lǜ", "yuán")),
        Text("："),
        LineBreak(),
        Link("http://a.cn/?x=1,2", (Text("见此，"),)),
        Emphasis(()),
    )


def test_runs_without_anything_to_change_are_returned_as_they_are() -> None:
    runs = (Text("组成部分，要坚持"),)
    assert normalize_inlines(runs) is runs


_CHARS = "绿园区总工会，。“”ABCxyz0123 ,:;?!()./@-"


@given(st.text(alphabet=_CHARS, max_size=40))
def test_idempotent(text: str) -> None:
    once = normalize_punctuation(text)
    assert normalize_punctuation(once) == once


@given(st.text(alphabet="ABCxyz0123 ,:;?!()./@-'\"", max_size=40))
def test_text_without_chinese_is_never_changed(text: str) -> None:
    assert normalize_punctuation(text) == text


@given(st.text(alphabet=_CHARS, max_size=40))
def test_only_the_seven_marks_change_and_spaces_next_to_them_go(text: str) -> None:
    result = normalize_punctuation(text)
    undone = result.translate(str.maketrans({v: k for k, v in FULL_WIDTH.items()}))
    assert undone.replace(" ", "") == text.translate(
        str.maketrans({v: k for k, v in FULL_WIDTH.items()})
    ).replace(" ", "")


@given(st.lists(st.text(alphabet=_CHARS, max_size=10), max_size=5))
def test_runs_agree_with_the_joined_string(parts: list[str]) -> None:
    runs = tuple(Text(p) for p in parts)
    assert plain_text(normalize_inlines(runs)) == normalize_punctuation("".join(parts))
