"""Surname readings of personal names."""

from __future__ import annotations

from publish.pinyin.names import surname_of, surname_readings


def test_compound_surnames_first() -> None:
    assert surname_of("尉迟恭") == "尉迟"
    assert surname_of("欧阳修") == "欧阳"
    assert surname_of("区大伟") == "区"


def test_readings_by_index() -> None:
    assert surname_readings("尉迟恭") == {0: "yu4", 1: "chi2"}
    assert surname_readings("解晓东") == {0: "xie4"}
    assert surname_readings("王小明") == {}
    assert surname_readings("区") == {}  # a surname alone is no name
