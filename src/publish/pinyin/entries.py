"""What the lexicon says of a word's characters before context decides: the engine's first step.

For each word jieba cuts, every character gets an `Entry`: its first reading, whether the
model must decide it among several, the dictionary word's reading for it, and whether a
curated word fixes it. Entries depend on the word alone, so they are computed once per word
and shared by every engine with the same settings (annotate.py makes one engine per article).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, TypeAlias

from . import doubling, segmentation
from .lexicon import Lexicon

if TYPE_CHECKING:
    from .polyphone_network import PolyphoneModel


Entry: TypeAlias = tuple[str | None, bool, str | None, bool]
"""What is known of one character of a word before the model runs: the reading to start from
(None: unknown), whether the model decides it (a polyphone it knows), the dictionary word's
reading for it (or its only reading), and whether a curated word fixes it. A plain tuple, not a
NamedTuple: the engine unpacks one per character of the text, and Python unpacks exact tuples
twice as fast."""


class EntryTable:
    """The entries of words, cached per word (`shared` gives one table per setting)."""

    def __init__(self, *, neutral_tones: bool, use_model: bool) -> None:
        self.neutral_tones = neutral_tones
        self.lexicon = Lexicon.shared()
        self.model = shared_model() if use_model else None
        self._by_word: dict[str, tuple[Entry, ...]] = {}

    @staticmethod
    @cache
    def shared(neutral_tones: bool, use_model: bool) -> EntryTable:
        """The table for these settings, one per process (a documented cache of words)."""
        return EntryTable(neutral_tones=neutral_tones, use_model=use_model)

    def of(self, word: str) -> tuple[Entry, ...]:
        """The entries of a word's characters (a curated word at the start or end of a longer
        one counts: 行业性, 组成部分, 下功夫)."""
        found = self._by_word.get(word)
        if found is not None:
            return found
        lexicon = self.lexicon
        model = self.model
        phrase: Sequence[str | None] | None = lexicon.phrase(word) if len(word) > 1 else None
        if len(word) == 4:
            doubled = self._doubled(word, phrase)
            if doubled is not None:
                found = self._by_word[word] = doubled
                return found
        if phrase is None and len(word) > 3:
            phrase = _phrase_parts(lexicon, word)
        entries: list[Entry] = []
        for i, char in enumerate(word):
            reading = None if phrase is None else phrase[i]
            if model is not None and model.knows(char):
                options = model.readings_of(char)
                entries.append(
                    (reading if reading in options else options[0], True, reading, False)
                )
            elif reading is not None:
                entries.append((reading, False, reading, False))
            else:
                readings = lexicon.char_readings(char)
                usual = readings[0] if readings else None
                # A character with one reading is settled; with several, its usual one is open.
                entries.append((usual, False, usual if len(readings) == 1 else None, False))
        if len(word) > 2:
            self._curated_parts(word, entries, lexicon.phrase(word))
        if len(self._by_word) > 500_000:
            self._by_word.clear()  # bounded memory on endless input
        found = self._by_word[word] = tuple(entries)
        return found

    def _doubled(self, word: str, phrase: Sequence[str | None] | None) -> tuple[Entry, ...] | None:
        """The entries of a doubled word jieba keeps whole (仔仔细细, 糊里糊涂), read from the word
        it doubles (doubling.py), or None. A phrase-table entry of an AABB form wins where it
        reads each pair alike (含含糊糊 hánhánhūhū); not one of A里AB, which reads 里 lǐ."""
        if doubling.is_aabb(word) and phrase is not None and doubling.alike(word, phrase):
            return None
        readings = doubling.readings(self.lexicon, word)
        if readings is None:
            return None
        if not self.neutral_tones:
            readings = self.lexicon.toned(word, readings)
        return tuple((syllable, False, None, True) for syllable in readings)

    def _curated_parts(self, word: str, entries: list[Entry], phrase: Sequence[str] | None) -> None:
        """A curated word at the start or end of `word` fixes its characters, unless the phrase
        table has the whole `word` with other letters there: 背着手 bèi zhe shǒu, not 着手
        zhuó shǒu; 士大夫 dà fū, not 大夫 dài fu (a neutral tone it lacks is still taken)."""
        lexicon = self.lexicon
        for size in range(len(word) - 1, 1, -1):
            for offset in (0, len(word) - size):
                part = word[offset : offset + size]
                found = lexicon.curated(part)
                if found is None or found.context:
                    continue
                readings = found.readings
                doubled = (part + part[-1], part[0] * 2 + part[-1] * 2)
                if readings[-1].endswith("5") and word in doubled:
                    # 亮堂堂 liàngtángtáng (亮堂 liàng·tang): a neutral tone of the word is
                    # not the doubled syllable's, which keeps its tone (现代汉语词典's ABB entries)
                    continue
                if part[0] == part[1] and _doubled_pair(word, offset):
                    # 含含糊糊: its 糊糊 is the doubled 糊 of 含糊, not the word 糊糊 hù·hu "paste"
                    continue
                if phrase is not None and any(
                    a[:-1] != b[:-1] for a, b in zip(readings, phrase[offset:], strict=False)
                ):
                    return
                if not self.neutral_tones:
                    readings = lexicon.toned(part, readings)
                for i, syllable in enumerate(readings, start=offset):
                    entries[i] = (syllable, False, None, True)
                return


def _doubled_pair(word: str, offset: int) -> bool:
    """Whether the two characters of `word` at `offset` are a doubled pair of an AABB form of
    a word (the 糊糊 of 含含糊糊), not one of two words of their own (姐姐妹妹)."""
    return doubling.is_aabb(word) and offset in (0, 2) and not doubling.two_words(word)


def _phrase_parts(lexicon: Lexicon, word: str) -> list[str | None] | None:
    """Readings of a word the dictionary does not have but that is two dictionary words
    (jieba's 充分发挥 = 充分 + 发挥, 东京银行 = 东京 + 银行), where the phrase table has them;
    None when it is not two words. Any two words that end and start it would not do: 低下头
    ends in 下头 (xià tou, "below"), which is no word of its own there."""
    for cut in range(2, len(word) - 1):
        parts = (word[:cut], word[cut:])
        if all(lexicon.phrase(p) or len(segmentation.dictionary_tags(p)) == 1 for p in parts):
            found: list[str | None] = []
            for part in parts:
                found += lexicon.phrase(part) or [None] * len(part)
            return found if any(found) else None
    return None


@cache
def shared_model() -> PolyphoneModel:
    """The polyphone model, loaded once per process on first use (it is imported late: the
    network's runtime is slow to import and the engine may run without it)."""
    from .polyphone_network import PolyphoneModel

    return PolyphoneModel.shared()
