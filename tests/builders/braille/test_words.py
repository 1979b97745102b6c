"""Braille words: readings in context, shorthands, marks, numbers, and liblouis's spelling."""

from __future__ import annotations

import difflib
from collections.abc import Callable

import pytest
from pypinyin.constants import PINYIN_DICT

from publish import load
from publish.builders.braille.document import article_blocks
from publish.builders.braille.syllables import system
from publish.builders.braille.words import BLANK, translate
from publish.model import Article
from publish.pinyin import Engine
from publish.pinyin.segmentation import HAN
from publish.pinyin.styles import from_marked
from publish.punctuation import normalize_punctuation
from tests.builders.braille.decoder import Decoder
from tests.conftest import EXAMPLES

CBS = system("cbs")
ENGINE = Engine(sandhi=False)


def braille(text: str, spelling: str = "cbs") -> str:
    return translate(text, ENGINE.analyse(text), system(spelling)).cells


def example_texts() -> list[str]:
    """Every text the braille editions of the examples write, as the builder reads them."""
    texts = []
    for name in ("luyuan-interviews", "community-reader"):
        for article in load(EXAMPLES / name).collection.articles:
            texts += [normalize_punctuation(b.text) for b in article_blocks(article)]
    return texts


def one_reading(char: str) -> bool:
    readings = PINYIN_DICT.get(ord(char), ",")
    return "," not in readings


def test_polyphones_are_read_in_context() -> None:
    """还没还 hái ... huán, 为职工 wèi: the engine's readings, where liblouis's fixed
    phrases give every 还 one reading."""
    decoded = Decoder(CBS).text(braille("他还没还书，为职工服务。"))
    readings = ["ta1", "hai2", "mei2", "huan2", "shu1", "wei4", "zhi2", "gong1", "fu2", "wu4"]
    assert len(decoded) == len(readings)
    for found, reading in zip(decoded, readings, strict=True):
        assert reading in found, (reading, found)


def test_sandhi_is_never_spelled() -> None:
    """一定 and 不对 keep their citation tones yī and bù (GF 0019-2018 spells the syllable)."""
    decoded = Decoder(CBS).text(braille("一定不对"))
    assert [r for r in ("yi1", "ding4", "bu4", "dui4")] == [
        next(iter(sorted(found & {"yi1", "ding4", "bu4", "dui4"}))) for found in decoded
    ]


@pytest.mark.parametrize("spelling", ["cbs", "current"])
def test_every_syllable_of_the_examples_round_trips(spelling: str) -> None:
    """Each Han character's cells read back as the engine's reading (without sandhi)."""
    decoder = Decoder(system(spelling))
    checked = 0
    for text in example_texts():
        analysis = ENGINE.analyse(text)
        expected = [s for s in analysis.syllables if s is not None]
        translation = translate(text, analysis, system(spelling))
        assert translation.untranslated == ()
        decoded = decoder.text(translation.cells)
        assert len(decoded) == len(expected), text
        for (
            found,
            reading,
        ) in zip(decoded, expected, strict=True):
            if spelling == "current":
                # 现行盲文 leaves most tones out: the syllable must match, the tone may not show.
                found = {f[:-1] for f in found}
                reading = reading[:-1]
            assert reading in found, (text, reading, found)
        checked += len(expected)
    assert checked > 3000


def test_shorthands() -> None:
    """的 么 你 他 她 它 have one-cell spellings; 的 and 你 end their braille word, as
    liblouis writes them, and any shorthand does before a syllable with no initial."""
    assert braille("我的书") == "⠕⠙⠀⠱⠥⠁"
    assert braille("你好") == "⠝⠀⠓⠖⠄"
    assert braille("什么") == "⠱⠴⠂⠍"
    assert braille("她") == "⠞⠁" and braille("它") == "⠈⠞"
    # The 目的 of 目的地 is dì, not the particle: spelled in full.
    assert "⠙⠊" in braille("目的地")


def test_marks_stay_with_their_word() -> None:
    """Closing marks join the word before, opening ones the word after: no line can start
    with a mark that belongs to the line before."""
    words = translate("他说：“好！”", ENGINE.analyse("他说：“好！”"), CBS).words
    assert [w.cells for w in words] == ["⠞", "⠱⠕⠁⠤", "⠘⠓⠖⠄⠰⠂⠘"]


def test_numbers_and_latin_letters_as_liblouis(louis: Callable[[str, str], str]) -> None:
    for text in ("2024年12月", "第1章", "3.14", "ABC", "Abc", "iPhone", "1,000"):
        assert braille(text).replace(BLANK, "") == louis("zhcn-cbs.ctb", text).replace(BLANK, "")


def test_full_width_letters_and_digits_are_ascii() -> None:
    assert braille("ＡＢＣ１２３") == braille("ABC123")


def test_a_character_with_no_reading_is_kept_and_reported() -> None:
    text = "好\U0002b736好"  # an Extension C ideograph pypinyin has no reading for
    translation = translate(text, ENGINE.analyse(text), CBS)
    assert translation.untranslated == ("\U0002b736",)
    assert translation.words[1].cells == braille("U+2B736").replace(BLANK, "")


def test_current_system_marks_tones_of_rare_characters_only() -> None:
    """现行盲文: 好 (common) without its tone; 㐀 (outside the CBS table) with it."""
    assert braille("好", "current") == system("current").base("hao")
    rare = next(
        c for c in map(chr, range(0x4E00, 0x9FA5))
        if c not in CBS.common and one_reading(c) and not c.isspace()
    )  # fmt: skip
    cells = braille(rare, "current")
    tone = int(from_marked(PINYIN_DICT[ord(rare)])[-1])
    assert tone == 5 or cells.endswith(system("current").tones[tone])


def _one_reading_texts() -> list[str]:
    """The examples' texts with every character of several readings taken out."""
    texts = []
    for text in example_texts():
        kept = "".join(c for c in text if not HAN.match(c) or one_reading(c))
        if HAN.search(kept):
            texts.append(kept)
    return texts


def test_one_reading_text_equals_liblouis(louis: Callable[[str, str], str]) -> None:
    """On text whose characters have one reading each, the edition is liblouis's translation
    cell for cell (word-division blanks aside: liblouis divides no words), and at least
    99.5% of cells agree. Every character spelled otherwise is explained: the engine reads
    it otherwise in context (东西 dōngxi, with a neutral tone), or liblouis spells it unlike
    the other characters of its syllable (加 jiā ⠛⠫ without the tone mark the rule gives
    it, which would read back as jià)."""
    same = total = 0
    unexplained = []
    for text in _one_reading_texts():
        ours = braille(text).replace(BLANK, "")
        theirs = louis("zhcn-cbs.ctb", text).replace(BLANK, "")
        matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
        same += sum(block.size for block in matcher.get_matching_blocks())
        total += max(len(ours), len(theirs))
        if ours == theirs:
            continue
        analysis = ENGINE.analyse(text)
        for char, reading in zip(text, analysis.syllables, strict=True):
            if reading is None:
                continue
            theirs = louis("zhcn-cbs.ctb", char)
            if CBS.spell(char, reading) == theirs:
                continue
            if reading != from_marked(PINYIN_DICT[ord(char)]):
                continue  # read otherwise in context
            if theirs != CBS.syllables.get(reading):
                continue  # liblouis spells this character unlike its syllable's others
            unexplained.append((char, reading, theirs))
    assert total > 3000
    assert same / total >= 0.995, same / total
    assert unexplained == []


def test_articles_blocks_have_text(seed_project: object) -> None:
    article: Article = load(EXAMPLES / "luyuan-interviews").collection.articles[0]
    blocks = list(article_blocks(article))
    place = blocks[0].place
    assert place.centred and place.new_page and place.anchor == article.slug
    assert any(b.text.startswith("发布时间：") for b in blocks)
    assert any(b.text.startswith("来源：") for b in blocks)


def test_full_width_marks_the_tables_lack_are_their_ascii_ones() -> None:
    """％ is %, while ： stays the Chinese colon (⠤), not the ASCII one."""
    assert braille("５０％") == braille("50%")
    assert braille("说：好").split(BLANK)[0].endswith(CBS.punctuation["："])


def test_declared_names_are_surname_then_given_name() -> None:
    """GB/T 16159 §6.3.1: Lǚ Yàzhōu, two words; an undeclared word is left whole."""
    engine = Engine(sandhi=False, names=["吕亚舟", "欧阳明月"])
    names = frozenset({"吕亚舟", "欧阳明月"})
    for text, surname in (("吕亚舟表示", "吕"), ("欧阳明月说", "欧阳")):
        analysis = engine.analyse(text)
        words = translate(text, analysis, CBS, names).words
        assert words[0].cells == "".join(
            CBS.spell(c, s or "") or "" for c, s in zip(surname, analysis.syllables, strict=False)
        )


def test_accented_latin_and_invisible_characters(louis: Callable[[str, str], str]) -> None:
    """Accented letters as liblouis spells them (café); a zero-width space is no text."""
    for text in ("café", "Café", "ÉCOLE"):
        assert braille(text) == louis("zhcn-cbs.ctb", text)
    translation = translate("好\u200b好", ENGINE.analyse("好\u200b好"), CBS)
    assert translation.untranslated == ()


@pytest.mark.parametrize("spelling", ["cbs", "current"])
def test_a_variation_selector_is_not_written_and_shifts_no_syllable(spelling: str) -> None:
    """葛 U+E0100 chooses a glyph, which braille does not write: the cells are those of the
    text without it, and nothing is written as a code point."""
    text = "葛\U000e0100洪是晋代人，他在江南长\ufe00大。"
    found = translate(text, ENGINE.analyse(text), system(spelling))
    assert found.cells == braille("葛洪是晋代人，他在江南长大。", spelling)
    assert not found.untranslated
