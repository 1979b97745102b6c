"""The field parsers the manifest and the articles share (`sources/fields.py`)."""

from __future__ import annotations

from pathlib import Path

from publish.sources.fields import slug_for


def test_chinese_file_names_give_pinyin_slugs() -> None:
    assert slug_for(Path("领导访谈.md")) == "ling-dao-fang-tan"
    assert slug_for(Path("2024 News_Item.md")) == "2024-news-item"
