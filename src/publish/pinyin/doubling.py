"""Doubled words read from the word they double: the lexicon's step for reduplicated forms.

A reduplicated form is made from a word of two syllables AB and read from that word's reading
(现代汉语词典's entries of such forms; the everyday set's convention for the rest):
- AABB (商商量量, 干干脆脆, 利利落落): both As read as A of the word and both Bs as B, each
  with its full tone where the word's B is neutral (商量 shāng·liang, 商商量量
  shāngshāngliángliáng; 清清楚楚 qīngqīngchǔchǔ), so the two syllables of a pair read alike;
- A里AB (糊里糊涂 hú·lihútú, 慌里慌张 huāng·lihuāngzhāng, 小里小气 xiǎo·lixiǎoqì): 里 is
  neutral and B takes its full tone.

entries.py reads a form that jieba keeps as one word (仔仔细细, 糊里糊涂); decision.py a form
that jieba cuts across (商 / 商量 / 量, 利 / 利落 / 落).
"""

from __future__ import annotations

from collections.abc import Sequence

from . import segmentation
from .lexicon import Lexicon

DOUBLED_FIRST_TONE = {"糊": "hu1"}
"""Neutral syllables that 现代汉语词典 prints doubled in the first tone, not their own: 糊 hū in
every form it lists (含含糊糊, 模模糊糊, 黏糊糊, 黑糊糊), where 糊 alone is hú."""


def is_aabb(word: str) -> bool:
    """Whether `word` is AABB: four characters, two pairs, the pairs different (干干净净)."""
    return len(word) == 4 and word[0] == word[1] and word[2] == word[3] and word[0] != word[2]


def is_a_li_ab(word: str) -> bool:
    """Whether `word` is A里AB (糊里糊涂, 小里小气): not 家里家外 or 哪里哪里, where 里 is
    lǐ "inside" or a word of its own."""
    return len(word) == 4 and word[1] == "里" and word[0] == word[2] and word[3] not in "里外"


def is_word(lexicon: Lexicon, word: str) -> bool:
    """Whether `word` is a word: the lexicon reads it, or jieba's dictionary has it (啰唆)."""
    return (
        lexicon.curated(word) is not None
        or lexicon.phrase(word) is not None
        or segmentation.in_dictionary(word)
    )


def _base(lexicon: Lexicon, word: str) -> tuple[str, ...] | None:
    """The readings of the word of two syllables, with each neutral tone given its full tone
    (商量 shāng·liang -> shāng liáng), or None when the lexicon has no such word."""
    curated = lexicon.curated(word)
    readings = (
        curated.readings if curated is not None and not curated.context else lexicon.phrase(word)
    )
    if readings is None:
        return None
    return tuple(_full(lexicon, word, i, syllable) for i, syllable in enumerate(readings))


def _full(lexicon: Lexicon, word: str, i: int, syllable: str) -> str:
    """A neutral `syllable` of character i of `word` with its full tone: the phrase table's
    where it has the same letters (商量 liáng), else the character's first such reading (疙瘩
    dā); `Lexicon.toned` keeps the neutral tone of a character that lists one (瘩 da), which a
    doubled syllable never has."""
    if not syllable.endswith("5"):
        return syllable
    if word[i] in DOUBLED_FIRST_TONE and syllable[:-1] == DOUBLED_FIRST_TONE[word[i]][:-1]:
        return DOUBLED_FIRST_TONE[word[i]]
    phrase = lexicon.phrase(word) or ()
    options = (phrase[i],) if i < len(phrase) else ()
    for option in (*options, *lexicon.char_readings(word[i])):
        if option[:-1] == syllable[:-1] and not option.endswith("5"):
            return option
    return syllable


def readings(lexicon: Lexicon, word: str) -> tuple[str, ...] | None:
    """The readings of a doubled `word` (AABB, A里AB) from the word it doubles, or None when it
    is no such form or the lexicon lacks that word."""
    if is_aabb(word):
        if two_words(word):
            return None  # 姐姐妹妹, 公公婆婆: two words of their own, jiě·jie mèi·mei
        base = _base(lexicon, word[0] + word[2])
        if base is None:
            return None
        return (base[0], base[0], base[1], base[1])
    if is_a_li_ab(word):
        base = _base(lexicon, word[2:])
        if base is None:
            # 怪里怪气, 流里流气: no word 怪气 to read from, each character's usual reading
            usual = [lexicon.char_readings(char) for char in word[2:]]
            if not all(usual):
                return None
            base = (usual[0][0], usual[1][0])
        return (base[0], "li5", base[0], base[1])
    return None


def two_words(word: str) -> bool:
    """Whether both pairs of an AABB `word` are words of ours with a neutral second syllable,
    two words side by side (姐姐妹妹, 公公婆婆), no doubled word."""
    lexicon = Lexicon.shared()
    return all(
        (found := lexicon.curated(pair)) is not None and found.readings[1].endswith("5")
        for pair in (word[:2], word[2:])
    )


def alike(word: str, found: Sequence[str | None]) -> bool:
    """Whether the readings `found` of an AABB `word` read each pair alike (a phrase-table
    entry that does not, 本本分分 běnběnfènfēn, is not taken)."""
    return not is_aabb(word) or (found[0] == found[1] and found[2] == found[3])
