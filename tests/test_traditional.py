"""The script step: simplified sources as traditional editions (OpenCC, after the readings)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import html as lxml_html

from publish.config import SCRIPTS, TRADITIONAL_FONTS, Settings
from publish.errors import PublishError
from publish.model import Emphasis, Paragraph, Ruby, Text, plain_text, visible_text
from publish.pinyin.annotate import annotate_collection
from publish.pipeline import load
from publish.traditional import convert_collection, convert_runs, converter, is_traditional
from tests.conftest import EXAMPLES, FIXTURES, run_publish

SEED = EXAMPLES / "luyuan-interviews"


def tw(**changes: object) -> Settings:
    return Settings().updated({"script": "tw", **changes})


# --------------------------------------------------------------------------- settings


def test_script_names_and_language_tags() -> None:
    assert {name: s.language for name, s in SCRIPTS.items()} == {
        "simplified": "zh-Hans",
        "traditional": "zh-Hant",
        "tw": "zh-Hant-TW",
        "hk": "zh-Hant-HK",
    }
    assert not Settings().script.traditional


def test_an_unknown_script_lists_the_valid_ones() -> None:
    with pytest.raises(PublishError, match="use simplified, traditional, tw, hk"):
        Settings().updated({"script": "big5"})


def test_a_traditional_edition_is_set_in_the_tc_faces_and_a_simplified_one_in_sc() -> None:
    assert tw().font == TRADITIONAL_FONTS["sans"]
    assert tw(font="serif").font.css_name == "Noto Serif CJK TC"
    # The font given before or after the script: the same edition.
    assert Settings().updated({"font": "serif"}).updated({"script": "hk"}).font.css_name == (
        "Noto Serif CJK TC"
    )
    assert tw().updated({"script": "simplified"}).font.css_name == "Noto Sans CJK SC"
    assert tw(font="kai").font == TRADITIONAL_FONTS["kai"]
    assert tw(font="kai").font.css_name == "WenKai TC Publish"


def test_reading_sets_pinyin_or_zhuyin() -> None:
    zhuyin = Settings().updated({"reading": "zhuyin"})
    assert (zhuyin.pinyin, zhuyin.pinyin_style) == (True, "zhuyin")
    pinyin = zhuyin.updated({"reading": "pinyin"})
    assert (pinyin.pinyin, pinyin.pinyin_style) == (True, "tone")
    assert not pinyin.updated({"reading": "none"}).pinyin
    assert not pinyin.html.zhuyin
    both = Settings().updated({"reading": "zhuyin, pinyin"})
    assert (both.pinyin, both.pinyin_style, both.html.zhuyin) == (True, "tone", True)
    # The CLI's html options after `reading` keep what it set.
    both = Settings().updated({"reading": "pinyin,zhuyin", "html": {"pinyin_words": False}})
    assert both.html.zhuyin
    with pytest.raises(PublishError, match="use pinyin; zhuyin; pinyin,zhuyin; none"):
        Settings().updated({"reading": "jyutping"})


# --------------------------------------------------------------------------- conversion


@pytest.mark.parametrize(
    ("config", "simplified", "traditional"),
    [
        # 发 by the word: 發 (to send, to develop) or 髮 (hair).
        ("s2t", "头发发展得很快", "頭髮發展得很快"),
        # 后 by the word: 後 (after) or 后 (queen).
        ("s2t", "皇后以后来了", "皇后以後來了"),
        ("s2twp", "我们的软件和网络", "我們的軟體和網路"),
        ("s2tw", "我们的软件和网络", "我們的軟件和網絡"),
        ("s2hk", "里面很干净", "裏面很乾淨"),
        ("s2twp", "台湾里面", "臺灣裡面"),
        # 里 "inside" after a word ending in 道: OpenCC alone matched 道里, the Harbin district.
        ("s2tw", "楼道里很安静，隧道里很黑", "樓道裡很安靜，隧道裡很黑"),
        ("s2t", "街道里有三公里路", "街道裏有三公里路"),
        ("s2t", "哈尔滨市道里区", "哈爾濱市道里區"),
    ],
)
def test_opencc_converts_by_phrase(config: str, simplified: str, traditional: str) -> None:
    assert converter(config)(simplified) == traditional


def test_runs_are_converted_as_one_text_and_cut_back() -> None:
    """A phrase split by emphasis is still seen whole; readings stay with their characters."""
    runs = (
        Text("他的头"),
        Emphasis((Text("发"),)),
        Ruby("发展", ("fā", "zhǎn")),
        Text("。"),
    )
    converted = convert_runs(runs, converter("s2t"))
    assert plain_text(converted) == "他的頭髮發展。"
    assert converted[1] == Emphasis((Text("髮"),))
    assert converted[2] == Ruby("發展", ("fā", "zhǎn"))


def test_a_word_of_another_length_is_converted_run_by_run() -> None:
    runs = (Text("买了方便面"), Emphasis((Text("和软件"),)))
    converted = convert_runs(runs, converter("s2twp"))
    assert converted[1] == Emphasis((Text("和軟體"),))
    assert len(plain_text(converted)) != len(plain_text(runs))


def test_traditional_text_is_recognised() -> None:
    assert is_traditional("我們的頭髮發展得很快，以後再說。")
    assert not is_traditional("我们的头发发展得很快，以后再说。")
    assert not is_traditional("中文")


# --------------------------------------------------------------------------- collections


def test_taiwan_words_only_when_asked_for_and_never_in_names() -> None:
    collection = load(EXAMPLES / "community-reader").collection
    plain = convert_collection(collection, tw())
    words = convert_collection(collection, tw(regional_words=True))
    assert "社區衛生服務" in visible_text(plain.articles[2])
    # s2twp's word table is made for software: 社区 becomes an online community (社群).
    assert "社群衛生服務" in visible_text(words.articles[2])
    assert words.articles[2].source == plain.articles[2].source == "社區衛生服務中心"
    with_readings = convert_collection(
        annotate_collection(collection, tw(regional_words=True, pinyin=True)),
        tw(regional_words=True, pinyin=True),
    )
    assert "社區衛生服務" in visible_text(with_readings.articles[2])


def test_the_seed_in_taiwan_characters_with_every_language_tag() -> None:
    collection = load(SEED).collection
    converted = convert_collection(collection, tw())
    assert converted.language == "zh-Hant-TW"
    assert {a.language for a in converted.articles} == {"zh-Hant-TW"}
    text = visible_text(converted.articles[0])
    assert "綠園區" in text and "绿园" not in text
    assert converted.title == "綠園區領導訪談"
    assert is_traditional(text)


def test_readings_are_decided_on_the_simplified_text_and_kept() -> None:
    settings = tw(pinyin=True)
    simplified = annotate_collection(load(SEED).collection, settings)
    converted = convert_collection(simplified, settings)
    before = [r for a in simplified.articles for r in _rubies(a)]
    after = [r for a in converted.articles for r in _rubies(a)]
    assert [r.readings for r in before] == [r.readings for r in after]
    assert [len(r.base) for r in before] == [len(r.base) for r in after]
    assert any(r.base != s.base for r, s in zip(after, before, strict=True))
    # With readings, words are never swapped for Taiwan's (s2tw, not s2twp): each reading is
    # still that of its character.
    assert all(converter("s2tw")(s.base) == r.base for r, s in zip(after, before, strict=True))


def _rubies(article: object) -> list[Ruby]:
    from publish.model import reading_order, walk_runs

    return [
        run
        for runs in reading_order(article)  # type: ignore[arg-type]
        for run in walk_runs(runs)
        if isinstance(run, Ruby)
    ]


def test_an_article_already_in_traditional_characters_is_not_converted_again() -> None:
    collection = load(SEED).collection
    article = collection.articles[0]
    written = replace(
        article, blocks=(Paragraph((Text("台灣的後來發展，我們的頭髮。"),)),), title=(Text("臺"),)
    )
    converted = convert_collection(
        replace(collection, articles=(written,)), Settings().updated({"script": "hk"})
    )
    # Converted again, 後來 and 頭髮 would stay, but s2hk's HK variants would change 臺 and 台:
    # the text was left as written.
    assert visible_text(converted.articles[0]) == "臺\n台灣的後來發展，我們的頭髮。"
    assert converted.articles[0].language == "zh-Hant-HK"


def test_a_pinyin_dictionary_in_traditional_characters_applies_to_simplified_text() -> None:
    from publish.pinyin.annotate import article_engine

    collection = load(FIXTURES / "minimal").collection
    collection = replace(collection, pinyin=(("長頸鹿", ("zhǎng", "jǐng", "lù")),))
    engine = article_engine(collection.articles[0], collection, Settings())
    # A reading no dictionary gives 长颈鹿: it can only come from the entry.
    assert engine.readings("长颈鹿") == ["zhǎng", "jǐng", "lù"]


# --------------------------------------------------------------------------- command line


def test_check_and_build_in_traditional_characters_from_the_command_line(tmp_path: Path) -> None:
    checked = run_publish("check", EXAMPLES / "community-reader", "--script", "hk", "--strict")
    assert checked.returncode == 0, checked.stderr
    built = run_publish(
        "build", SEED, "-o", tmp_path, "-f", "html", "--script", "tw", "--reading", "zhuyin",
        "--strict",
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    page = lxml_html.parse(str(tmp_path / "html" / "lingdao-fangtan.html")).getroot()
    assert page.get("lang") == "zh-Hant-TW"
    assert {rt.get("lang") for rt in page.iter("rt")} == {"zh-Bopo"}
    # The layout's own words are converted too: 來源 and the toolbar's 字體 and 注音.
    assert "來源" in page.text_content() and "来源" not in page.text_content()
    assert page.get_element_by_id("tool-pinyin").text == "注音"


def test_an_unknown_script_on_the_command_line_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run_publish("build", SEED, "-o", tmp_path, "--script", "big5")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: options: unknown script 'big5': use simplified, traditional, tw, hk"
    ]


def test_a_source_in_traditional_characters_is_read_in_simplified_ones(tmp_path: Path) -> None:
    """The engine reads 銀行 as 银行 (yín háng, not yín xíng) and sets the readings over the
    characters as written."""
    article = tmp_path / "bank.md"
    article.write_text(
        "---\ntitle: 銀行\n---\n\n我們的頭髮長了，銀行行長說這個還行。\n", encoding="utf-8"
    )
    settings = Settings().updated({"pinyin": True})
    collection = annotate_collection(load(article).collection, settings)
    pairs = [
        pair
        for block in collection.articles[0].blocks
        for run in block.children  # type: ignore[union-attr]
        if isinstance(run, Ruby)
        for pair in run.pairs()
    ]
    text = "".join(char for char, _ in pairs)
    assert text == "我們的頭髮長了銀行行長說這個還行"
    readings = [reading for _, reading in pairs]
    assert (readings[7], readings[8]) == ("yín", "háng")
    assert (readings[3], readings[4]) == ("tóu", "fa")


def test_a_manifest_chooses_the_script_and_the_reading(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: 头发\n---\n\n头发。\n", encoding="utf-8")
    manifest = "title: 文集\narticles: [a.md]\noutput: {script: hk, reading: zhuyin}\n"
    (tmp_path / "publish.yaml").write_text(manifest, encoding="utf-8")
    settings = load(tmp_path).settings
    assert (settings.script.name, settings.pinyin, settings.pinyin_style) == ("hk", True, "zhuyin")
    assert settings.font == TRADITIONAL_FONTS["sans"]
    (tmp_path / "publish.yaml").write_text(manifest.replace("hk", "big5"), encoding="utf-8")
    with pytest.raises(PublishError, match="unknown script 'big5'"):
        load(tmp_path)
