"""The engine's readings: rules pinned with real sentences, and the alignment invariant."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publish.pinyin import Engine
from publish.pinyin.segmentation import HAN

FIXTURE = Path(__file__).parent / "fixtures" / "readings.txt"


def _cases() -> list[tuple[str, str, str, bool]]:
    cases = []
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, expected, *options = (part.strip() for part in line.split("|"))
        word, _, readings = expected.rpartition("=")
        cases.append((text, word, readings, "no-sandhi" not in options))
    return cases


@pytest.fixture(scope="module")
def engines() -> dict[bool, Engine]:
    return {True: Engine(), False: Engine(sandhi=False)}


@pytest.mark.parametrize(
    ("text", "word", "expected", "sandhi"), _cases(), ids=[c[0] for c in _cases()]
)
def test_pinned_reading(
    engines: dict[bool, Engine], text: str, word: str, expected: str, sandhi: bool
) -> None:
    readings = engines[sandhi].readings(text)
    start = text.index(word) if word else 0
    end = start + len(word) if word else len(text)
    got = " ".join(r for r in readings[start:end] if r is not None)
    assert got == expected


def test_user_dictionary_overrides_and_accepts_every_spelling() -> None:
    engine = Engine(
        dictionary=[
            ("行业", ("xing2", "ye4")),
            ("绿园", ("lu:4", "yuán")),
            ("吕亚舟", ("LÜ3", "ya4", "zhou1")),
        ]
    )
    assert engine.readings("行业绿园吕亚舟") == ["xíng", "yè", "lǜ", "yuán", "lǚ", "yà", "zhōu"]


def test_user_dictionary_rejects_what_is_not_pinyin() -> None:
    with pytest.raises(ValueError, match="xyz9"):
        Engine(dictionary=[("绿园", ("xyz9", "yuan2"))])


def test_declared_names_read_their_surname_as_a_surname() -> None:
    text = "区小华说，区小华是工会主席。"
    declared = Engine(names=["区小华"]).readings(text)
    assert declared[0] == declared[5] == "ōu"
    assert Engine(names=["吕亚舟"]).readings("吕亚舟")[0] == "lǚ"


def test_styles() -> None:
    assert Engine(style="number").readings("绿色的") == ["lü4", "se4", "de5"]
    assert Engine(style="zhuyin").readings("绿色的") == ["ㄌㄩˋ", "ㄙㄜˋ", "˙ㄉㄜ"]


def test_words_group_han_and_keep_everything_else() -> None:
    words = Engine().words("我们在2018年开会。")
    assert "".join(w.text for w in words) == "我们在2018年开会。"
    assert [w.text for w in words if w.is_han][:2] == ["我们", "在"]
    assert all(r is None for w in words if not w.is_han for r in w.readings)


def test_unknown_han_characters_are_reported_not_guessed() -> None:
    analysis = Engine().analyse("好\U0002b81d好")  # an Ext D character pypinyin does not know
    assert analysis.syllables[1] is None
    assert analysis.unknown == ("\U0002b81d",)


# Mixed text: common and rare Han (Ext A, Ext B), astral symbols, combining marks, digits,
# Latin, CJK and ASCII punctuation, spaces and newlines.
_MIXED = st.text(
    alphabet=st.one_of(
        st.sampled_from("的一不了得地着行长重为和都只便参还背传喝答区仇解朴查盖尉迟绿园"),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF),
        st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),
        st.characters(min_codepoint=0x1F300, max_codepoint=0x1F64F),
        st.sampled_from("\u0301\u0308\u20dd"),
        st.sampled_from("0123456789abcXYZ ，。！？、；：“”（）《》…—\n.,!?-"),
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(_MIXED)
def test_one_reading_per_han_character_and_none_for_anything_else(text: str) -> None:
    engine = _SHARED
    readings = engine.readings(text)
    assert len(readings) == len(text)
    for char, reading in zip(text, readings, strict=True):
        if not HAN.match(char):
            assert reading is None
        else:
            assert reading is None or (reading and " " not in reading)
    analysis = engine.analyse(text)
    assert "".join(text[s:e] for s, e in analysis.spans) == text
    known = {c for c, r in zip(text, readings, strict=True) if HAN.match(c) and r is None}
    assert known == set(analysis.unknown)


_SHARED = Engine()


def test_a_lone_surrogate_is_no_han_and_breaks_nothing() -> None:
    readings = _SHARED.readings("银行\ud800行业")
    assert readings[2] is None
    assert len(readings) == 5 and all(readings[i] for i in (0, 1, 3, 4))


def test_every_reading_says_where_it_came_from() -> None:
    """user (pinyin.yaml) < article (front matter, names) < nothing: the order of the sources,
    and a dictionary word the model never overrules."""
    engine = Engine(
        style="number",
        dictionary=[("绿园", ("lv4", "yuan2")), ("银行", ("yin2", "xing2"))],
        article_dictionary=[("银行", ("yin2", "hang2"))],
        names=["曾伟"],
    )
    analysis = engine.analyse("绿园银行行长曾伟说：我还没还。")
    by_char = list(zip(analysis.text, analysis.syllables, analysis.sources, strict=True))
    assert by_char[0:2] == [("绿", "lv4", "user"), ("园", "yuan2", "user")]
    assert by_char[2:4] == [("银", "yin2", "article"), ("行", "hang2", "article")]
    assert by_char[4:6] == [("行", "hang2", "lexicon"), ("长", "zhang3", "lexicon")]
    assert by_char[6] == ("曾", "zeng1", "article")
    assert by_char[-2] == ("还", "huan2", "rule")
    assert analysis.sources[9] is None  # the colon
    # The model weighed 行 of 行长 (and preferred xíng): its probability for háng is low.
    assert analysis.confidences[4] is not None and analysis.confidences[4] < 0.5
    assert analysis.alternatives[-2][0] == "hai2"


def test_variation_selectors_are_read_past_and_join_the_word_before(
    engines: dict[bool, Engine],
) -> None:
    """The engine reads 长 U+FE00 大 as 长大 (zhǎng); the selector has no reading and is in the
    word of the character before it."""
    engine = engines[True]
    text = "他在江南长\ufe00大，葛\U000e0100洪"
    analysis = engine.analyse(text)
    bare = engine.analyse("他在江南长大，葛洪")
    assert analysis.text == text
    assert [s for s in analysis.syllables if s is not None] == [
        s for s in bare.syllables if s is not None
    ]
    assert engine.readings(text)[4:7] == ["zhǎng", None, "dà"]
    assert analysis.syllables[text.index("\U000e0100")] is None
    words = [text[a:b] for a, b in analysis.spans]
    assert "长\ufe00大" in words and "".join(words) == text


# Each of these has one polyphone the model decides (a one-target batch when read alone).
ALONE_AND_IN_BATCH = [
    "重新铺了一遍",
    "这位老人很擅长书法。",
    "银行今天不营业。",
    "他着急地问我。",
    "校长率师生到郊外植树。",
    "这件衣服多少钱？",
    "近日，本市房屋交易行情总体平稳。",
]


def test_a_sentence_reads_the_same_alone_and_in_any_batch() -> None:
    """A sentence's readings, sources and model confidences do not depend on the sentences
    analysed with it: editing one article must not change another's readings. (A product of
    one row went to BLAS's matrix-vector routine, which sums in another order than the
    matrix-matrix one: the model's confidence moved in the last bits, enough to cross a
    threshold or a near tie.)"""
    engine = Engine()
    others = [
        f"第{n}段：他把这条路重新修了一遍，还说银行的行长明天要来，大家都很着急。" * (1 + n % 3)
        for n in range(60)
    ]
    alone = [engine.analyse(text) for text in ALONE_AND_IN_BATCH]
    together = engine.analyse_many([*others[:30], *ALONE_AND_IN_BATCH, *others[30:]])[30:-30]
    assert together == alone
    for size in (1, 2, 3, 5):
        for start in range(len(ALONE_AND_IN_BATCH)):
            texts = (ALONE_AND_IN_BATCH * 2)[start : start + size]
            assert engine.analyse_many(texts) == [alone[ALONE_AND_IN_BATCH.index(t)] for t in texts]
