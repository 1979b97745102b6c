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

from dataclasses import dataclass
from functools import cache
from importlib import resources

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
        self._phrases = tables.phrases()
        self._converted: dict[str, tuple[str, ...]] = {}  # phrase table, converted on use
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
        if found is None or len(found) != len(word):
            return None
        readings = tuple(
            _CITATION.get(char) or from_marked(options[0])
            for char, options in zip(word, found, strict=True)
        )
        self._converted[word] = readings
        return readings


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
