"""What the engine knows before it reads a sentence: character and word readings.

Sources, lowest priority first:
- pypinyin's character table (every reading of ~42,000 characters, the usual one first) and
  its phrase table (~47,000 words, from 现代汉语词典-era data);
- `data/usual.txt`: the usual reading of characters whose table lists another first (颇 pō,
  not pǒ);
- `data/neutral.txt`: the neutral tones (轻声) the standard dictionary prints, which pypinyin's
  tables give only now and then (it has 便宜 pián yi but 朋友 péng yǒu);
- `data/words.txt`: words whose dictionary reading pypinyin gets wrong or the model misreads,
  each checked against 现代汉语词典;
- the user's dictionaries (engine.py), which win over everything.

All readings are engine syllables (styles.py): `zhong4`, `le5`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .. import cache as build_cache
from . import tables
from .styles import from_marked

# pypinyin's phrase table prints the tone sandhi of 一 and 不 (一定 yí dìng); the engine applies
# sandhi itself, after deciding every other reading, so the table's are put back to citation.
_CITATION = {"一": "yi1", "不": "bu4"}


@dataclass(frozen=True, slots=True)
class WordReading:
    """A word's readings from a dictionary."""

    readings: tuple[str, ...]
    """One engine syllable per character."""
    context: bool = False
    """Read this way only when no other Han word follows (东西 "thing", not 东西方向)."""


class Lexicon:
    """Character and word readings, loaded once and looked up by the engine."""

    def __init__(self) -> None:
        self._chars = tables.characters()
        self._phrases = phrase_table()
        self._converted: dict[str, tuple[str, ...]] = {}  # phrase table, split or converted on use
        self._readings: dict[str, tuple[str, ...]] = {
            char: (usual, *(r for r in _char_readings(self._chars.get(ord(char))) if r != usual))
            for char, usual in usual_readings().items()
        }
        """Each character's readings, filled on use; those of `data/usual.txt` with its first."""
        self._curated: dict[str, WordReading] = {}
        for name in ("neutral.txt", "words.txt"):
            self._curated.update(_read_word_list(name))
        self.max_words = 3
        """Curated entries are matched on up to this many of jieba's words."""
        self.curated_starts = frozenset(w[:n] for w in self._curated for n in range(1, len(w) + 1))
        """Every prefix of a curated entry: only a word in here can start one."""

    @classmethod
    @cache
    def shared(cls) -> Lexicon:
        """The lexicon, loaded once per process."""
        return cls()

    def char_readings(self, char: str) -> tuple[str, ...]:
        """Every reading of a character, the usual one first (empty if unknown)."""
        found = self._readings.get(char)
        if found is None:
            found = self._readings[char] = _char_readings(self._chars.get(ord(char)))
        return found

    def base_tone(self, char: str) -> int | None:
        """The tone of a character's usual reading (个 -> 4), for sandhi before a neutral tone."""
        readings = self.char_readings(char)
        return int(readings[0][-1]) if readings else None

    def toned(self, word: str, readings: tuple[str, ...]) -> tuple[str, ...]:
        """`readings` of `word` with each neutral tone given back its citation tone.

        The tone comes from the phrase table when it has the word with the same letters
        (裁缝 féng), else from the character's readings in their usual order (认识 shí).
        Suffixes and particles whose own entry is neutral keep it (儿子 zi, 显得 de).
        """
        phrase = self.phrase(word) or ()
        out = []
        for i, syllable in enumerate(readings):
            if syllable[-1] == "5" and syllable not in self.char_readings(word[i]):
                letters = syllable[:-1]
                options = (phrase[i],) if i < len(phrase) else ()
                for option in (*options, *self.char_readings(word[i])):
                    if option[:-1] == letters and option[-1] != "5":
                        syllable = option
                        break
            out.append(syllable)
        return tuple(out)

    def curated(self, word: str) -> WordReading | None:
        """A word from our own lists (neutral tones, corrections)."""
        return self._curated.get(word)

    def phrase(self, word: str) -> tuple[str, ...] | None:
        """A word's readings from pypinyin's phrase table, sandhi undone; None if not there."""
        if word in self._converted:
            return self._converted[word]
        found = self._phrases.get(word)
        if found is None:
            return None
        readings = tuple(found.split()) if isinstance(found, str) else _syllables(word, found)
        if readings is None or len(readings) != len(word):
            return None
        self._converted[word] = readings
        return readings


def _syllables(word: str, found: Sequence[Sequence[str]]) -> tuple[str, ...] | None:
    """A phrase table entry's readings as engine syllables, sandhi undone (each character's
    first reading); None when it does not give one reading per character."""
    if len(found) != len(word):
        return None
    return tuple(
        _CITATION.get(char) or from_marked(options[0])
        for char, options in zip(word, found, strict=True)
    )


PHRASE_STEP = "phrase-table"
"""The build cache's step of the converted phrase table (`phrase_table`)."""


def phrase_table() -> Mapping[str, str | list[list[str]]]:
    """pypinyin's phrase table for the lexicon: word -> its readings as engine syllables,
    space-separated, or as pypinyin gives them (converted on use, `_syllables`).

    Converted whole and kept in the build's cache when the process runs a build: parsing the
    table's JSON costs 0.09 s of CPU at every start of the engine (the largest piece of a
    rebuild after a typo that is ours), reading the converted table back 0.03 s. Its key holds
    the JSON's own digest, besides this package's files and pypinyin's version (`cache.key`):
    another table, or the same one edited, is converted again. Elsewhere (`publish pinyin`, a
    forked worker) the table is parsed as before, each word converted when first looked up."""
    store = build_cache.here()
    if store is None:
        return tables.phrases()
    data = tables.data_bytes(tables.PHRASES)
    key = build_cache.key(PHRASE_STEP, hashlib.sha256(data).hexdigest())
    # Not counted: a table of the engine's, not a result of the build's sources.
    found = store.get(PHRASE_STEP, key, counted=False)
    if isinstance(found, dict) and all(type(readings) is str for readings in found.values()):
        return found
    table = {}
    for word, options in json.loads(data.decode("utf-8")).items():
        readings = _syllables(word, options)
        if readings is not None:
            table[word] = " ".join(readings)
    store.put(PHRASE_STEP, key, table)
    return table


@cache
def _char_readings(data: str | None) -> tuple[str, ...]:
    if not data:
        return ()
    return tuple(dict.fromkeys(from_marked(m) for m in data.split(",")))


def usual_readings() -> dict[str, str]:
    """`data/usual.txt`: characters and their usual reading (a word list of one-character
    words)."""
    return {char: word.readings[0] for char, word in _read_word_list("usual.txt").items()}


def _read_word_list(name: str) -> dict[str, WordReading]:
    """A `word syllable syllable ...` list from data/ (`#` starts a comment)."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    words: dict[str, WordReading] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word, *syllables = line.split()
        context = word.endswith("?")
        word = word.rstrip("?")
        if len(syllables) != len(word):
            raise ValueError(f"data/{name}: {word} needs one syllable per character")
        words[word] = WordReading(tuple(syllables), context)
    return words
