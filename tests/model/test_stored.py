"""publish.model.stored: articles as JSON values and back, exactly, and nothing else read."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from publish.model import Article, Text
from publish.model.stored import restored, stored
from publish.pipeline import load
from tests.conftest import EXAMPLES


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_every_example_article_comes_back_equal(example: str) -> None:
    for article in load(EXAMPLES / example).collection.articles:
        back = restored(json.loads(json.dumps(stored(article), ensure_ascii=False)))
        assert back == article and repr(back) == repr(article)


@pytest.mark.parametrize(
    "zone", [None, ZoneInfo("Asia/Shanghai"), UTC, timezone(timedelta(hours=8))]
)
def test_a_date_comes_back_in_its_zone(zone: timezone | ZoneInfo | None) -> None:
    when = datetime(2024, 3, 10, 9, 0, tzinfo=zone)
    assert repr(restored(stored(when))) == repr(when)


def test_a_zone_with_a_name_of_its_own_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot be stored"):
        stored(datetime(2024, 3, 10, tzinfo=timezone(timedelta(hours=8), "CST")))


@pytest.mark.parametrize(
    "value",
    [
        {"Cycler": [[]]},  # not a class of the model
        {"Text": ["a", "b"]},  # fields that do not fit
        {"Text": ["a"], "Ruby": []},  # two classes at once
        {"datetime": ["2024-03-10T09:00", "../../etc/passwd", 0]},  # no such zone
    ],
)
def test_what_is_not_a_stored_value_is_refused(value: object) -> None:
    with pytest.raises(ValueError):
        restored(value)


def test_a_stored_article_is_plain_json() -> None:
    article = load(EXAMPLES / "community-reader").collection.articles[0]
    assert isinstance(restored(stored(article)), Article)
    assert stored((Text("读"),)) == [{"Text": ["读"]}]
