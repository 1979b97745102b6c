"""The lexicon: pypinyin's tables with our corrections (data/usual.txt, words.txt)."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest
from pypinyin.constants import PINYIN_DICT

from publish import cache
from publish.cache import Cache, opened
from publish.pinyin import tables
from publish.pinyin.lexicon import PHRASE_STEP, Lexicon, phrase_table, usual_readings
from publish.pinyin.styles import from_marked


def test_a_corrected_usual_reading_comes_first_and_the_others_stay() -> None:
    lexicon = Lexicon.shared()
    assert lexicon.char_readings("颇") == ("po1", "po3")
    assert lexicon.char_readings("框")[0] == "kuang4"
    assert set(lexicon.char_readings("框")) == {"kuang1", "kuang4", "kuang2"}
    assert lexicon.base_tone("萎") == 3


def test_every_usual_reading_is_one_the_table_knows() -> None:
    """A typo in data/usual.txt would add a reading no dictionary gives."""
    for char, usual in usual_readings().items():
        table = {from_marked(r) for r in PINYIN_DICT[ord(char)].split(",")}
        assert usual in table, char


def _listed(name: str) -> list[str]:
    text = resources.files("publish.pinyin").joinpath("data", name).read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line.split()[0].rstrip("?") for line in lines if line]


def test_no_word_is_listed_twice() -> None:
    # Branches that each add a word merge into a list holding it twice, and the later entry wins
    # unseen (隔扇 in words.txt shadowed its neutral tone; 结结实实 came with two readings).
    neutral, words = _listed("neutral.txt"), _listed("words.txt")
    assert [w for w, n in Counter(neutral).items() if n > 1] == []
    assert [w for w, n in Counter(words).items() if n > 1] == []
    assert sorted(set(neutral) & set(words)) == []


def test_the_phrase_table_kept_in_a_build_cache_reads_every_word_as_pypinyins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`phrase_table` converts the table whole for a build's cache, and reads it back; every
    word reads as the table parsed from pypinyin's JSON and converted on use reads it."""
    plain = Lexicon()  # no build running: pypinyin's table, converted word by word
    store = Cache(tmp_path)
    with opened(store):
        made = phrase_table()
        (entry,) = (tmp_path / PHRASE_STEP).iterdir()
        assert phrase_table() == made  # read back
        kept = Lexicon()
    assert all(isinstance(readings, str) for readings in made.values())
    words = tables.phrases()
    assert {w: kept.phrase(w) for w in words} == {w: plain.phrase(w) for w in words}
    assert kept.phrase("银行") == ("yin2", "hang2") and kept.phrase("一定") == ("yi1", "ding4")
    # Damaged, or not a table of strings: not read, made again.
    entry.write_bytes(cache.entry(PHRASE_STEP, entry.name, {"银行": ["yin3", "hang2"]}))
    with opened(Cache(tmp_path)):
        assert phrase_table() == made
    # A forked worker of the build parses pypinyin's table and stores nothing.
    store = Cache(tmp_path / "worker")
    monkeypatch.setattr(store, "process", -1)
    with opened(store):
        assert phrase_table() is tables.phrases()
    assert not (tmp_path / "worker").exists()


def test_the_kept_phrase_table_follows_the_data_it_was_made_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another phrase table (an edited JSON, the same pypinyin version) is another key: it is
    converted again, and its readings are the ones read."""
    with opened(Cache(tmp_path)):
        phrase_table()
    (first,) = (tmp_path / PHRASE_STEP).iterdir()
    edited = json.loads(tables.data_bytes(tables.PHRASES))
    edited["银行"] = [["yǐn"], ["háng"]]
    monkeypatch.setattr(tables, "data_bytes", lambda name: json.dumps(edited).encode())
    with opened(Cache(tmp_path)):
        assert Lexicon().phrase("银行") == ("yin3", "hang2")
    assert {p.name for p in (tmp_path / PHRASE_STEP).iterdir()} - {first.name}
