"""The field parsers the manifest and the articles share (`sources/fields.py`)."""

from __future__ import annotations

from pathlib import Path

from publish.sources.fields import slug_for


def test_chinese_file_names_give_pinyin_slugs() -> None:
    assert slug_for(Path("领导访谈.md")) == "ling-dao-fang-tan"
    assert slug_for(Path("2024 News_Item.md")) == "2024-news-item"


def test_slugs_read_chinese_as_the_pinyin_step_does() -> None:
    # The project's engine, not pypinyin's first reading: 藏文 is zàng wén, 大夫 dài fu.
    assert slug_for(Path("藏文.md")) == "zang-wen"
    assert slug_for(Path("大夫.md")) == "dai-fu"
    assert slug_for(Path("银行行长.md")) == "yin-hang-hang-zhang"


def test_latin_letters_and_digits_in_a_chinese_file_name_stay() -> None:
    # 2023年报告 and 2024年报告 once both became nian-bao-gao: one collection refused them
    # as a duplicate, and files named by year lost the year.
    assert slug_for(Path("2024年报告.md")) == "2024-nian-bao-gao"
    assert slug_for(Path("２０２４年报告.md")) == "2024-nian-bao-gao"  # full-width digits
    assert slug_for(Path("第3章 行长.md")) == "di-3-zhang-hang-zhang"
    assert slug_for(Path("《静夜思》.md")) == "jing-ye-si"
