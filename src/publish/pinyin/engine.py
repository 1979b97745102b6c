"""The pinyin engine: one reading for every Han character of a text, decided in context.

Every builder's readings come from here (through annotate.py for collections; the CLI's
`publish pinyin` calls it directly). Input is text with its context (a whole paragraph);
output is one reading per Han character and None for everything else, plus the words (for
word-level ruby). The text is never changed.

How a reading is decided, most certain first:
1. the user's dictionaries (a collection's pinyin.yaml, an article's front matter) and the
   surnames of names the article declares;
2. our curated lists (lexicon.py: neutral tones, corrections), by word;
3. for a polyphonic character the model knows (model.py, g2pM's network, 97.3% on CPP alone):
   the model's choice, unless the character is inside a dictionary word that reads it otherwise
   and the model is not sure (probability below `TRUST_MODEL`, tuned on CPP dev only: the
   model is wrong on dictionary words mostly when it hesitates; where it is sure it is right
   more often than the dictionary, whose data has its own errors);
4. otherwise the dictionary word's reading, else the character's usual reading;
5. surnames of detected personal names (names.py), then the tone sandhi of 一 and 不
   (sandhi.py) when it is on.

Words come from jieba (dictionary segmentation with its HMM for unknown words), with the
user's words and declared names kept whole. The model reads one sentence at a time and is only
run on sentences that have a character it must decide, in batches across all texts given at
once (`Engine.analyse_many`), so a whole collection costs one pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from . import names as name_rules
from . import sandhi
from .lexicon import Lexicon, WordReading
from .styles import STYLES, convert, normalise

TRUST_MODEL = 0.95
"""Model probability above which the model wins over a dictionary word (tuned on CPP dev)."""

HAN = re.compile(
    "[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002a6df\U0002a700-\U0002ebef\U0002f800-\U0002fa1f\U00030000-\U000323af]+"
)
"""Runs of Han characters (CJK unified and compatibility ideographs of every extension, 〇)."""

_SENTENCE = re.compile(r"[^。！？!?；;…\n]*[。！？!?；;…\n]*")
_LONGEST_SENTENCE = 200
"""The model reads at most this many characters at once: long runs are cut at a comma."""
_CLAUSE = re.compile(r"[，,、：:]")
_DEGREE = frozenset("很太非真更最好多越挺极特十满那这么清快慢高远近早晚够不一")
_MUST_BEFORE = frozenset("我你他她它咱们还就也都总必只可又")
_FUNCTION_CHARS = frozenset("的了着过是在有和与也都就还很太吗呢吧啊呀么")
"""Characters after which a context-dependent neutral word (东西) keeps its neutral tone."""


@dataclass(frozen=True, slots=True)
class Word:
    """A run of a text: a word of Han characters, or a run of anything else."""

    text: str
    """The characters, exactly as in the input."""
    readings: tuple[str | None, ...]
    """One reading per character in the engine's style; None for a character with none."""
    start: int
    """Index of the first character in the input text."""

    @property
    def is_han(self) -> bool:
        """Whether this is a word of Han characters (which has readings)."""
        return bool(HAN.fullmatch(self.text))


@dataclass(frozen=True, slots=True)
class Analysis:
    """An analysed text: syllables per character (engine spelling) and word boundaries."""

    text: str
    syllables: tuple[str | None, ...]
    """Engine syllables (`zhong4`) per character; None for non-Han or unknown characters."""
    spans: tuple[tuple[int, int], ...]
    """(start, end) of each word, covering the whole text in order."""
    unknown: tuple[str, ...]
    """Han characters of the text with no known reading, once each."""


class Engine:
    """Pinyin for Chinese text in context.

    >>> Engine().readings("行业协调")
    ['háng', 'yè', 'xié', 'tiáo']
    >>> Engine(style="number", sandhi=False).readings("一定")
    ['yi1', 'ding4']
    """

    def __init__(
        self,
        *,
        style: str = "tone",
        sandhi: bool = True,
        dictionary: Iterable[tuple[str, Sequence[str]]] = (),
        names: Iterable[str] = (),
        neutral_tones: bool = True,
        use_model: bool = True,
    ) -> None:
        """`dictionary`: (word, one syllable per character) pairs, in any pinyin spelling;
        later entries win. `names`: personal names the text is known to contain (speakers,
        authors). `neutral_tones=False` gives the words that 现代汉语词典 reads with a neutral
        tone (朋友 péng you) their citation tone instead (péng yǒu), as some learners'
        materials and the CPP data set do. `use_model=False` decides polyphones by
        dictionary alone (faster, less accurate). Raises ValueError for a syllable that is not
        pinyin."""
        if style not in STYLES:
            raise ValueError(f"unknown pinyin style {style!r}: use {', '.join(STYLES)}")
        self.style = style
        self.sandhi = sandhi
        self.neutral_tones = neutral_tones
        self._lexicon = Lexicon.shared()
        self._model = _shared_model() if use_model else None
        self._forced: dict[str, tuple[tuple[int, str], ...]] = {}
        for name in names:
            if HAN.fullmatch(name) and len(name) > 1:
                self._forced[name] = tuple(name_rules.surname_readings(name).items())
        for word, syllables in check_dictionary(dictionary):
            self._forced[word] = tuple(enumerate(syllables))
        self._forced_pattern = (
            re.compile("|".join(re.escape(w) for w in sorted(self._forced, key=len, reverse=True)))
            if self._forced else None
        )
        self._names = frozenset(n for n in names if HAN.fullmatch(n))

    # ------------------------------------------------------------------ public API

    def readings(self, text: str) -> list[str | None]:
        """One reading per character of `text`: a string for Han characters, else None."""
        analysis = self.analyse(text)
        return [None if s is None else convert(s, self.style) for s in analysis.syllables]

    def words(self, text: str) -> list[Word]:
        """`text` cut into words (Han) and runs of other characters, each with its readings."""
        return self.words_of(self.analyse(text))

    def words_of(self, analysis: Analysis) -> list[Word]:
        """The words of an analysis, readings in this engine's style."""
        style = self.style
        return [
            Word(analysis.text[start:end],
                 tuple(None if s is None else convert(s, style)
                       for s in analysis.syllables[start:end]),
                 start)
            for start, end in analysis.spans
        ]

    def analyse(self, text: str) -> Analysis:
        """Syllables (engine spelling) and word spans of one text."""
        return self.analyse_many([text])[0]

    def analyse_many(self, texts: Sequence[str]) -> list[Analysis]:
        """Analyse many texts at once (the model runs once over all their sentences)."""
        states = [_State.start(self, text) for text in texts]
        if self._model is not None:
            self._run_model(states)
        return [state.finish(self) for state in states]

    # ------------------------------------------------------------------ steps

    def _run_model(self, states: list[_State]) -> None:
        assert self._model is not None
        sentences: list[str] = []
        targets: list[list[int]] = []
        owners: list[tuple[_State, int]] = []
        for state in states:
            for start, end in _sentences(state.text):
                wanted = [i - start for i in state.pending
                          if start <= i < end and not state.fixed[i]]
                if wanted:
                    sentences.append(state.text[start:end])
                    targets.append(wanted)
                    owners.append((state, start))
        predictions = self._model.predict(sentences, targets)
        for (state, start), wanted, found in zip(owners, targets, predictions, strict=True):
            for offset, prediction in zip(wanted, found, strict=True):
                state.decide(start + offset, prediction.reading, prediction.confidence)


class _State:
    """One text while it is being analysed."""

    __slots__ = ("fixed", "pending", "phrase", "spans", "syllables", "text", "unknown")

    def __init__(self, text: str) -> None:
        self.text = text
        self.syllables: list[str | None] = [None] * len(text)
        self.fixed = [False] * len(text)  # fixed by the user or a curated word
        self.phrase: dict[int, str] = {}  # reading from a dictionary word, at polyphones
        self.pending: list[int] = []  # polyphones the model decides
        self.spans: list[tuple[int, int]] = []
        self.unknown: list[str] = []

    @classmethod
    def start(cls, engine: Engine, text: str) -> _State:
        state = cls(text)
        position = 0
        for run in HAN.finditer(text):
            if run.start() > position:
                state.spans.append((position, run.start()))
            state._han_run(engine, run.start(), run.end())
            position = run.end()
        if position < len(text):
            state.spans.append((position, len(text)))
        return state

    def _han_run(self, engine: Engine, start: int, end: int) -> None:
        text = self.text
        position = start
        if engine._forced_pattern is not None:
            for match in engine._forced_pattern.finditer(text, start, end):
                self._free(engine, position, match.start())
                self._forced(engine, match.start(), match.group())
                position = match.end()
        self._free(engine, position, end)

    def _forced(self, engine: Engine, start: int, word: str) -> None:
        end = start + len(word)
        self.spans.append((start, end))
        fixed = dict(engine._forced[word])
        for i in range(start, end):
            if i - start in fixed:
                self.syllables[i] = fixed[i - start]
                self.fixed[i] = True
            else:
                self._char(engine, i, None)

    def _free(self, engine: Engine, start: int, end: int) -> None:
        if start >= end:
            return
        lexicon = engine._lexicon
        text = self.text
        words = _cut(text[start:end])
        position = start
        k = 0
        while k < len(words):
            # A curated entry may span several of jieba's words (背着书包 = 背着 + 书包), but
            # only whole words: 得去 matches 我/得/去, never the end of 觉得/去.
            size, curated, joined = 1, None, words[k]
            if joined in lexicon.curated_starts:
                for n in range(min(lexicon.max_words, len(words) - k), 0, -1):
                    joined = "".join(words[k:k + n])
                    found = lexicon.curated(joined) if len(joined) > 1 else None
                    if found is not None and self._fits(found, position + len(joined)):
                        size, curated = n, found
                        break
                else:
                    joined = words[k]
            stop = position + len(joined)
            if curated is not None:
                for n in range(size):
                    piece = len(words[k + n])
                    self.spans.append((position, position + piece))
                    position += piece
                for i, syllable in enumerate(curated.readings, start=stop - len(joined)):
                    if syllable[-1] == "5" and not engine.neutral_tones:
                        syllable = lexicon.citation(text[i], syllable)
                    self.syllables[i] = syllable
                    self.fixed[i] = True
            else:
                self.spans.append((position, stop))
                phrase = lexicon.phrase(joined) if len(joined) > 1 else None
                for i in range(position, stop):
                    self._char(engine, i, None if phrase is None else phrase[i - position])
                if len(joined) > 2:
                    self._curated_parts(engine, joined, position)
            position = stop
            k += size

    def _curated_parts(self, engine: Engine, word: str, start: int) -> None:
        """A curated word at the start or end of a longer word: 行业性, 组成部分, 下功夫."""
        lexicon = engine._lexicon
        for size in range(len(word) - 1, 1, -1):
            for offset in (0, len(word) - size):
                found = lexicon.curated(word[offset:offset + size])
                if found is None or found.context:
                    continue
                for i, syllable in enumerate(found.readings, start=start + offset):
                    if syllable[-1] == "5" and not engine.neutral_tones:
                        syllable = lexicon.citation(self.text[i], syllable)
                    self.syllables[i] = syllable
                    self.fixed[i] = True  # the model leaves it alone
                return

    def _fits(self, curated: WordReading, stop: int) -> bool:
        """A context-dependent entry (东西) applies only when no Han word follows it."""
        if not curated.context or stop >= len(self.text):
            return True
        following = self.text[stop]
        return not HAN.match(following) or following in _FUNCTION_CHARS

    def _char(self, engine: Engine, i: int, phrase: str | None) -> None:
        char = self.text[i]
        model = engine._model
        if model is not None and model.knows(char):
            self.pending.append(i)
            if phrase is not None:
                self.phrase[i] = phrase
            readings = model.readings_of(char)
            self.syllables[i] = phrase if phrase in readings else readings[0]
            return
        if phrase is not None:
            self.syllables[i] = phrase
            return
        readings = engine._lexicon.char_readings(char)
        if readings:
            self.syllables[i] = readings[0]
        elif char not in self.unknown:
            self.unknown.append(char)

    def decide(self, i: int, reading: str, confidence: float) -> None:
        phrase = self.phrase.get(i)
        if phrase is not None and phrase != reading and confidence < TRUST_MODEL:
            reading = phrase
        self.syllables[i] = reading

    def finish(self, engine: Engine) -> Analysis:
        self.spans.sort()
        self._particles()
        self._surnames(engine)
        if engine.sandhi:
            ends = [False] * len(self.text)
            for _, end in self.spans:
                ends[end - 1] = True
            sandhi.apply(self.text, self.syllables, ends, self.fixed, engine._lexicon.base_tone)
        return Analysis(self.text, tuple(self.syllables), tuple(self.spans), tuple(self.unknown))

    def _particles(self) -> None:
        """得 on its own, where the model (trained on encyclopedia sentences) is weakest.

        After a verb or adjective and before a degree word it is the complement marker de
        (跑得很快, 说得太多); after a subject or an adverb and before a verb it is "must", děi
        (我得去, 还得等). 现代汉语词典, 得 entries.
        """
        text = self.text
        last = len(text) - 1
        for start, end in self.spans:
            if end - start != 1 or text[start] != "得" or self.fixed[start]:
                continue
            if start == 0 or start == last or self.syllables[start - 1] is None:
                continue
            before, after = text[start - 1], text[start + 1]
            if after in _DEGREE:
                self.syllables[start] = "de5"
            elif before in _MUST_BEFORE and HAN.match(after) and after not in "了到以":
                self.syllables[start] = "dei3"

    def _surnames(self, engine: Engine) -> None:
        """Read the surname of a detected personal name as a surname.

        Tagging is slow, so only words that would change are tagged: a listed surname whose
        surname reading differs from the reading decided so far, starting a word that no
        dictionary knows (two-character words must also be unknown to jieba: its dictionary
        tags 盖章 as a name).
        """
        text = self.text
        lexicon = engine._lexicon
        spans = self.spans
        for k, (start, end) in enumerate(spans):
            if end - start == 1 and k + 1 < len(spans):
                # jieba often cuts a name as surname + given name: 区 / 大伟.
                following = spans[k + 1]
                if following[0] == end and 1 <= following[1] - end <= 2:
                    end = following[1]
            if not 2 <= end - start <= 3 + (name_rules.surname_of(text[start:end]) != text[start])\
                    or self.fixed[start]:
                continue
            word = text[start:end]
            if name_rules.surname_of(word) not in name_rules.DETECTED:
                continue
            fixed = name_rules.surname_readings(word)
            if not fixed or all(self.syllables[start + i] == r for i, r in fixed.items()):
                continue
            if (lexicon.phrase(word) is not None or lexicon.curated(word) is not None
                    or (end - start == 2 and word in _jieba().FREQ)):
                continue
            sentence_start, sentence_end = _sentence_around(text, start)
            if _tagged_name(text[sentence_start:sentence_end], start - sentence_start, end - start):
                for offset, reading in fixed.items():
                    self.syllables[start + offset] = reading


def check_dictionary(
    entries: Iterable[tuple[str, Sequence[str]]],
) -> list[tuple[str, tuple[str, ...]]]:
    """User dictionary entries in engine spelling (`lǜ`, `lü4`, `lu:4` -> `lv4`).

    Raises ValueError naming the word when a syllable is not pinyin or the count is wrong.
    """
    checked = []
    for word, syllables in entries:
        if len(syllables) != len(word):
            raise ValueError(f"{word}: {len(syllables)} syllables for {len(word)} characters")
        spelled = []
        for syllable in syllables:
            engine_spelling = normalise(syllable)
            if engine_spelling is None:
                raise ValueError(f"{word}: {syllable!r} is not a pinyin syllable")
            spelled.append(engine_spelling)
        checked.append((word, tuple(spelled)))
    return checked


@cache
def _shared_model():  # type: ignore[no-untyped-def]
    from .model import PolyphoneModel

    return PolyphoneModel.shared()


def _cut(text: str) -> list[str]:
    """jieba's words of a run of Han characters."""
    return list(_jieba().cut(text, HMM=True))


@cache
def _jieba():  # type: ignore[no-untyped-def]
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading at INFO
    jieba.initialize()
    return jieba.dt


def _tagged_name(sentence: str, start: int, length: int) -> bool:
    """Whether jieba's tagger reads `length` characters at `start` of `sentence` as a personal
    name: one word tagged nr (仇晓明), or a surname followed by a given name tagged nr (区 大伟)."""
    position = 0
    tags = _tags(sentence)
    for k, (word, flag) in enumerate(tags):
        if position == start:
            if len(word) == length:
                return flag in _PERSON
            following = tags[k + 1] if k + 1 < len(tags) else ("", "")
            return len(word) + len(following[0]) == length and following[1] in _PERSON
        position += len(word)
        if position > start:
            return False
    return False


_PERSON = frozenset({"nr", "nrfg"})
"""jieba's tags for Chinese personal names (nrt, transliterated names, is left out)."""


@cache
def _tags(sentence: str) -> tuple[tuple[str, str], ...]:
    import jieba.posseg

    _jieba()
    return tuple((p.word, p.flag) for p in jieba.posseg.cut(sentence))


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence the model reads, at most `_LONGEST_SENTENCE` long."""
    found = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while end - start > _LONGEST_SENTENCE:
            cut = start + _LONGEST_SENTENCE
            comma = None
            for comma in _CLAUSE.finditer(text, start + _LONGEST_SENTENCE // 2, cut):
                pass
            if comma is not None:
                cut = comma.end()
            found.append((start, cut))
            start = cut
        if end > start:
            found.append((start, end))
    return found


def _sentence_around(text: str, i: int) -> tuple[int, int]:
    for start, end in _sentences(text):
        if start <= i < end:
            return start, end
    return 0, len(text)
