"""Deciding the readings of one text, after the lexicon's entries and before the result.

A `Decision` starts from the user's words and the lexicon's entries (entries.py), lets the
polyphone model decide the characters left open (`run_model`, batched over many texts), then
applies the rules that read a character from its neighbours (rules.py, particles.py,
names.py) and the tone sandhi (sandhi.py), and gives the `Analysis`. The engine (engine.py)
drives these steps; the order of the decisions is explained in its docstring.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING, overload

from . import doubling, particles, rules, sandhi, segmentation
from . import names as name_rules
from .analysis import Analysis
from .entries import Entry, shared_model
from .lexicon import Lexicon, WordReading
from .segmentation import HAN

if TYPE_CHECKING:
    from .engine import Engine
    from .polyphone_network import Prediction

TRUST_COVER = 0.99
"""Model probability above which the model wins over the dictionary words that overlap a
character but are not jieba's word (chosen on THCHS-30's train prompts and CPP dev: 0.5, 0.9,
0.99 and always-the-dictionary tried; `benchmarks/pinyin_text.py`). Inside jieba's word, a
dictionary word with its one reading always wins: the model, trained on encyclopedia text,
was about 1.0 sure of 行长 xíng, 充分 fēn, 相差 chā."""

AS_WRITTEN = frozenset({"user", "article"})
"""The sources whose readings stay as written: the collection's pinyin.yaml and an article's
own readings and names. No rule reads them again and the sandhi of 一 and 不 leaves them; a
curated word takes the sandhi, and keeps it when a word rule reads it otherwise."""

_SENTENCE = re.compile(r"[^。！？!?；;…\n]*[。！？!?；;…\n]*")
_LONGEST_SENTENCE = 200
"""The model reads at most this many characters at once: long runs are cut at a comma."""
_CLAUSE = re.compile(r"[，,、：:]")
_SUFFIXES = frozenset("着了过性者症率化度士器法学家式感员品")
"""What closes a word of jieba's that the pinyin dictionary lacks after a word it has: aspect
particles (笼罩着) and the suffixes of a quality, a person, an illness, a device, a field
(严重性, 与会者, 强迫症, 弹射器); not of places (朝阳路 Cháoyáng, not 朝阳 zhāoyáng "morning sun").
The word before keeps its dictionary reading, however sure the model is (it read 笼罩着 lóng,
强迫症 qiáng: found mining disagreements with pypinyin and pinyin-pro)."""
_PREFIXES = frozenset("不非女男副总")
"""What opens such a word before a word the dictionary has: 不称职 (chèn, the model read
chēng), 女间谍 (jiàn, the model read jiān)."""
_FUNCTION_CHARS = frozenset("的了着过是在有和与也都就还很太可吗呢吧啊呀么")
"""Characters before which a context-dependent neutral word (东西) keeps its neutral tone."""
_EXTENT = frozenset("长宽两相距约横纵贯向")
"""What starts a measure of extent after 东西 "east-west" (东西长, 东西两侧, 东西向, 东西相距)."""
_HOW_MANY = frozenset(("一点", "一点儿", "一个", "一件", "一样"))
"""jieba's numerals after 东西 "thing" counting none of it (东西一点都没坏, 东西一个都没少)."""
_DOUBLED = re.compile(r"(?=([^\W\d_])\1([^\W\d_])\2|([^\W\d_])里\3)")
"""Where an AABB or A里A... form may start (doubling.py decides whether it is one)."""
_SAID_TWICE = re.compile(r"(?=([^\W\d_])(一|不|了一)\1)")
"""A character said twice around 一, 不 or 了一 (看一看, 长不长, 看了一看)."""
_WORD_TWICE = re.compile(r"([^\W\d_]{2})\1")
"""Two characters said twice (扑腾扑腾): the text holds an ABAB of jieba's words only if so."""


class Decision:
    """The readings of one text while they are being decided."""

    __slots__ = (
        "_sentences",
        "confidences",
        "curated_groups",
        "fixed",
        "pending",
        "phrase",
        "sources",
        "spans",
        "syllables",
        "text",
        "unknown",
        "usual",
        "weighed",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.syllables: list[str | None] = [None] * len(text)
        self.fixed = [False] * len(text)  # fixed by the user or a curated word
        self.curated_groups: list[tuple[int, int]] = []  # curated entries of several words
        self.sources: list[str | None] = [None] * len(text)
        self.confidences: list[float | None] = [None] * len(text)
        self.phrase: dict[int, str] = {}  # reading from a dictionary word, at polyphones
        self.pending: list[int] = []  # polyphones the model decides
        self.spans: list[tuple[int, int]] = []
        self.unknown: list[str] = []
        self.usual: list[int] = []  # read by the character's usual reading
        self.weighed: dict[int, Prediction] = {}  # the model's predictions
        self._sentences: list[tuple[int, int]] | None = None

    def sentences(self) -> list[tuple[int, int]]:
        """The text's sentences for the model, computed once."""
        if self._sentences is None:
            self._sentences = sentences_for_model(self.text)
        return self._sentences

    def sentence_around(self, i: int) -> tuple[int, int]:
        """The sentence that holds character i."""
        sentences = self.sentences()
        k = bisect_right(sentences, (i, len(self.text) + 1)) - 1
        return sentences[max(k, 0)]

    def _stem_reading(self, lexicon: Lexicon, i: int) -> str | None:
        """The reading of character i in a dictionary word that its word (of `spans`) is made
        of with a suffix of `_SUFFIXES` (笼罩 + 着, 强迫 + 症, 严重 + 性) or after a prefix of
        `_PREFIXES` (不 + 称职, 女 + 间谍), or None."""
        k = bisect_right(self.spans, (i, len(self.text) + 1)) - 1
        start, end = self.spans[max(k, 0)]
        if end - start < 3:
            return None
        text = self.text
        if text[end - 1] in _SUFFIXES and i < end - 1:
            readings = lexicon.phrase(text[start : end - 1])
            if readings is not None:
                return readings[i - start]
        if text[start] in _PREFIXES and i > start:
            readings = lexicon.phrase(text[start + 1 : end])
            if readings is not None:
                return readings[i - start - 1]
        return None

    @classmethod
    def start(cls, engine: Engine, text: str) -> Decision:
        state = cls(text)
        position = 0
        # An ideographic description (⿰氵每) stands for one character whose reading is not
        # known: its parts are not read one by one, and the whole is reported.
        descriptions = segmentation.ideographic_descriptions(text)
        read = text
        for start, end in descriptions:
            read = read[:start] + "\0" * (end - start) + read[end:]
            if text[start:end] not in state.unknown:
                state.unknown.append(text[start:end])
        for run in HAN.finditer(read):
            if run.start() > position:
                state.spans.append((position, run.start()))
            state._han_run(engine, run.start(), run.end())
            position = run.end()
        if position < len(text):
            state.spans.append((position, len(text)))
        state._doubled_across(engine)
        return state

    def _doubled_across(self, engine: Engine) -> None:
        """Doubled forms that jieba cuts across (商 / 商量 / 量, 利 / 利落 / 落, 啰 / 里 / 啰唆)
        read from the word they double, as entries.py reads those it keeps whole (doubling.py).
        Not AA / BB, two doubled words of their own (爸爸 / 妈妈, 好好 / 学学: 好学 is hào),
        nor X里 / XY where X里 is a word (心里 / 心疼) or XY none (大学 / 里 / 学 / 的)."""
        text = self.text
        candidates = [match.start() for match in _DOUBLED.finditer(text)]
        if not candidates:
            return
        spans = set(self.spans)
        lexicon = engine.entries.lexicon
        for i in candidates:
            word = text[i : i + 4]
            if (i, i + 4) in spans or any(s in AS_WRITTEN for s in self.sources[i : i + 4]):
                continue
            if doubling.is_aabb(word):
                if (i, i + 2) in spans and (i + 2, i + 4) in spans:
                    continue
            elif (
                not doubling.is_a_li_ab(word)
                or (i, i + 2) in spans
                or (i + 2, i + 4) not in spans
                or not doubling.is_word(lexicon, word[2:])
            ):
                continue  # 大学 / 里 / 学 / 的: no 学的 to double
            readings = doubling.readings(lexicon, word)
            if readings is None or None in self.syllables[i : i + 4]:
                continue
            if not engine.neutral_tones:
                readings = lexicon.toned(word, readings)
            for k, syllable in enumerate(readings, start=i):
                self.syllables[k] = syllable
                self.fixed[k] = True
                self.sources[k] = "lexicon"
            # A curated word jieba cut across the form is no word here (利 / 利落 / 落地 / 走):
            # its characters outside the form are left to the rules (地 de, particles.py).
            for start, end in self.spans:
                if start < i + 4 < end or start < i < end:
                    for k in (*range(start, i), *range(i + 4, end)):
                        if self.sources[k] not in AS_WRITTEN:
                            self.fixed[k] = False

    def _han_run(self, engine: Engine, start: int, end: int) -> None:
        text = self.text
        position = start
        if engine.forced_pattern is not None:
            for match in engine.forced_pattern.finditer(text, start, end):
                self._free(engine, position, match.start())
                self._forced(engine, match.start(), match.group())
                position = match.end()
        self._free(engine, position, end)

    def _forced(self, engine: Engine, start: int, word: str) -> None:
        end = start + len(word)
        self.spans.append((start, end))
        readings, source = engine.forced_words[word]
        fixed = dict(readings)
        for i in range(start, end):
            if i - start in fixed:
                self.syllables[i] = fixed[i - start]
                self.fixed[i] = True
                self.sources[i] = source
            else:
                self._place(engine.entries.of(self.text[i]), i)

    def _free(self, engine: Engine, start: int, end: int) -> None:
        if start >= end:
            return
        lexicon = engine.entries.lexicon
        text = self.text
        words = segmentation.cut(text[start:end])
        position = start
        k = 0
        while k < len(words):
            # A curated entry may span several of jieba's words (背着书包 = 背着 + 书包), but
            # only whole words: 得去 matches 我/得/去, never the end of 觉得/去.
            size, curated, joined = 1, None, words[k]
            if joined in lexicon.curated_starts:
                for n in range(min(lexicon.max_words, len(words) - k), 0, -1):
                    joined = "".join(words[k : k + n])
                    found = lexicon.curated(joined) if len(joined) > 1 else None
                    if found is not None and self._fits(found, position + len(joined)):
                        size, curated = n, found
                        break
                else:
                    joined = words[k]
            stop = position + len(joined)
            if curated is not None:
                if size > 1:
                    self.curated_groups.append((stop - len(joined), stop))
                for n in range(size):
                    piece = len(words[k + n])
                    self.spans.append((position, position + piece))
                    position += piece
                readings = curated.readings
                if not engine.neutral_tones:
                    readings = lexicon.toned(joined, readings)
                for i, syllable in enumerate(readings, start=stop - len(joined)):
                    self.syllables[i] = syllable
                    self.fixed[i] = True
                    self.sources[i] = "lexicon"
            else:
                self.spans.append((position, stop))
                self._place(engine.entries.of(joined), position)
            position = stop
            k += size

    def _fits(self, curated: WordReading, stop: int) -> bool:
        """A context-dependent entry (东西 "thing") applies where no Han word follows it, or a
        function word, a verb (卖得: jieba tags it a particle), an adverb, an adjective, a
        conjunction, a preposition or a word jieba tags b (总要) or z (掏) does (东西卖得便宜,
        东西被偷了, 地方很美, 东西总要摆好, 东西掏干净), but not a measure of extent
        (东西长约三公里, 东西总长, 东西走向) nor a noun (东西方向, 地方政府)."""
        if not curated.context or stop >= len(self.text):
            return True
        following = self.text[stop]
        if not HAN.match(following) or following in _FUNCTION_CHARS:
            return True
        if following == "全" and self.text[stop + 1 : stop + 2] != "长":
            return True  # 东西全湿了 "all": not 东西全长 "total length"
        word, tag = segmentation.tags(self.text[stop : stop + 8])[0]
        if tag == "m" and word in _HOW_MANY:
            return True  # 东西一点都没坏, 东西一个都没少
        # z: jieba's tag of some one-character verbs (掏 zg: 把东西掏干净)
        return tag[:1] in "vdacpubz" and word[0] not in _EXTENT and word != "走向"

    def _place(self, entries: tuple[Entry, ...], position: int) -> None:
        """Put a word's entries (see `Engine._entries`) at `position`."""
        for i, (syllable, pending, phrase, fixed) in enumerate(entries, start=position):
            self.syllables[i] = syllable
            self.sources[i] = None if syllable is None else "lexicon"
            if fixed:
                self.fixed[i] = True
            elif pending:
                self.pending.append(i)
                if phrase is not None:
                    self.phrase[i] = phrase
            elif syllable is None:
                if self.text[i] not in self.unknown:
                    self.unknown.append(self.text[i])
            elif phrase is None:
                self.usual.append(i)  # the character's usual reading: others may be open

    def _covering(self, lexicon: Lexicon, i: int) -> str | None:
        """The reading of character i in the dictionary words around it, when they all agree.

        Inside a word of jieba's dictionary, only words within it count: 省长 "governor"
        across 山西省 / 长治市 is no word of that text (长治 Chángzhì)."""
        text = self.text
        found = None
        low, high = 0, len(text)
        k = bisect_right(self.spans, (i, len(text) + 1)) - 1
        if k >= 0:
            word_start, word_end = self.spans[k]
            if word_end - word_start > 2 and segmentation.in_dictionary(text[word_start:word_end]):
                low, high = word_start, word_end
        for start in range(max(low, i - 3), i + 1):
            for end in range(max(i + 1, start + 2), min(high, start + 4) + 1):
                readings = lexicon.phrase(text[start:end])
                if readings is not None:
                    if found is not None and found != readings[i - start]:
                        return None
                    found = readings[i - start]
        return found

    def decide(self, engine: Engine, i: int, prediction: Prediction) -> None:
        """Settle character i between the model's reading and the dictionary's."""
        reading, confidence = prediction.reading, prediction.confidence
        self.weighed[i] = prediction
        source = "model"
        phrase = self.phrase.get(i)
        if phrase is None:
            phrase = self._stem_reading(engine.entries.lexicon, i)
        if phrase is not None:
            reading, source = phrase, "lexicon"
        elif confidence < TRUST_COVER:
            cover = self._covering(engine.entries.lexicon, i)
            if cover is not None:
                reading, source = cover, "lexicon"
        self.syllables[i] = reading
        self.sources[i] = source

    def finish(self, engine: Engine) -> Analysis:
        self.spans.sort()
        self._rules(engine)
        confidences = self.confidences
        syllables = self.syllables
        for i, prediction in self.weighed.items():
            chosen = syllables[i]
            confidences[i] = (
                prediction.confidence
                if chosen == prediction.reading
                else prediction.probability(chosen)  # type: ignore[arg-type]
            )
        if engine.sandhi:
            ends = [False] * len(self.text)
            for _, end in self.spans:
                ends[end - 1] = True
            written = [source in AS_WRITTEN for source in self.sources]
            sandhi.apply(self.text, self.syllables, ends, written, engine.entries.lexicon.base_tone)
        return Analysis(
            self.text,
            tuple(self.syllables),
            tuple(self.spans),
            tuple(self.unknown),
            tuple(self.sources),
            tuple(self.confidences),
            self._alternatives(engine),
        )

    def _alternatives(self, engine: Engine) -> tuple[tuple[str, ...], ...]:
        """The readings left open at each common polyphone (see `Analysis.alternatives`)."""
        found: list[tuple[str, ...]] = [()] * len(self.text)
        with_model = engine.entries.model is not None
        # Only the polyphones the model knows (the common ones, from CPP): the character table
        # lists rare and literary readings of most characters (明 mèng, 月 rù), no real choice.
        # Left open: a rule or the model decided, or the dictionary words that overlap the
        # character (教务长: 务长 is none, 长出 is), the model less sure.
        for i in self.pending:
            if not self.fixed[i] and i not in self.phrase:  # else a dictionary word settled it
                found[i] = _others(with_model, self.text[i], self.syllables[i])
        return tuple(found)

    def _by_rule(self, i: int, reading: str) -> None:
        """Character i read as a rule says."""
        self.syllables[i] = reading
        self.sources[i] = "rule"

    def _word_rule_may_read(self, start: int, end: int) -> bool:
        """Whether a word rule may read the word at start:end: not the user's words, nor a
        word inside a curated entry of several (干一行爱一行)."""
        return self.sources[start] not in AS_WRITTEN and not any(
            a <= start and end <= b for a, b in self.curated_groups
        )

    def _rules(self, engine: Engine) -> None:
        """The rules that read a character from the characters around it, in order: context
        rules (rules.py) on characters and on words, 得/地/了/为 (particles.py), surnames of
        detected names and of people addressed (names.py)."""
        text = self.text
        open_positions = [
            i
            for i in (*self.pending, *self.usual)
            if text[i] in rules.BY_CHAR and not self.fixed[i] and i not in self.phrase
        ]
        rules.apply(text, open_positions, self._by_rule)
        if rules.WORDS:
            rules.apply_to_words(text, self.spans, self._word_rule_may_read, self._by_rule)
        self._asked_whole()
        self._doubled_alike()
        settled = _Settled(self.fixed, self.sources)
        # A context rule in data/rules.txt is surer than the particles' reading of 得 from its
        # part of speech (问渠那得清如许 dé), so the particles leave what a rule read.
        particles.apply(text, self.spans, self.syllables, settled, self._by_rule)
        name_rules.apply(
            text,
            self.spans,
            self.syllables,
            settled,
            engine.entries.lexicon,
            self.sentence_around,
            self._by_rule,
        )
        name_rules.apply_addressed(text, settled, engine.entries.lexicon, self._by_rule)

    def _asked_whole(self) -> None:
        """The A of an A-not-AB question (答不答应, 便不便宜, 了不了解) read as A in the word AB
        that follows (dā, pián, liǎo): the question repeats the word's first syllable, which
        alone is a polyphone the model reads out of its word (答 dá, 便 biàn, 了 le)."""
        text = self.text
        starts: dict[int, int] | None = None
        ends: set[int] = set()
        found = text.find("不", 1)  # the 不 of each A不A (a loop over 不s, not every character)
        while 0 < found < len(text) - 2:
            i, found = found - 1, text.find("不", found + 1)
            if not (text[i + 2] == text[i] and HAN.match(text[i + 3])):
                continue
            if starts is None:
                starts = {start: end for start, end in self.spans}
                ends = {end for _, end in self.spans}
            # AB a word of its own (便/不/便宜), or the whole question one word (答不答应)
            whole = not ends.intersection((i + 1, i + 2, i + 3))
            if not (whole or starts.get(i + 2, i + 2) - (i + 2) >= 2):
                continue
            if (
                not self.fixed[i]
                and self.sources[i] not in AS_WRITTEN
                and self.syllables[i + 2] is not None
                and self.syllables[i] != self.syllables[i + 2]
            ):
                self._by_rule(i, self.syllables[i + 2])  # type: ignore[arg-type]

    def _doubled_alike(self) -> None:
        """A verb or an adjective said twice read alike, as a rule read one of them: V一V,
        V了一V, A不A (个子长不长 zhǎng) and ABAB of jieba's words (扑腾扑腾 pū·teng). The rule
        reads the one its context shows; the other, beside the same verb, is that verb too.
        Not V了V, which may be a verb and its object of the same character (请人来瓦了瓦: wà
        "lay" the wǎ "tiles")."""
        text = self.text
        pairs = [
            (match.start(), match.start() + len(match.group(2)) + 1)
            for match in _SAID_TWICE.finditer(text)
        ]
        if _WORD_TWICE.search(text):
            for (a, b), (c, d) in pairwise(self.spans):
                if b == c and d - c == b - a > 1 and text[a:b] == text[c:d]:
                    pairs += [(a + k, c + k) for k in range(b - a)]
        if not pairs:
            return
        sources = self.sources
        for i, j in pairs:
            if self.syllables[i] == self.syllables[j] or self.syllables[i] is None:
                continue
            if text[i + 1] == "不" and sources[i] == sources[j] == "rule" and j == i + 2:
                # 个子长不长: the rule on the first A read what is asked (zhǎng); the second's
                # read 不 before it as a degree word (不长 cháng), which the question's is not
                self._by_rule(j, self.syllables[i])  # type: ignore[arg-type]
                continue
            for ruled, other in ((i, j), (j, i)):
                if (
                    sources[ruled] == "rule"
                    and sources[other] != "rule"
                    and sources[other] not in AS_WRITTEN
                    and not self.fixed[other]
                ):
                    self._by_rule(other, self.syllables[ruled])  # type: ignore[arg-type]
                    break


class _Settled(Sequence[bool]):
    """Whether each character is settled for the surname rules: fixed by the user or a curated
    word, or read by a rule (a context rule is surer than a guessed name: 在田里种玉米 is no
    种 Chóng). A view, not a copy: the surname rules look at few characters."""

    __slots__ = ("_fixed", "_sources")

    def __init__(self, fixed: Sequence[bool], sources: Sequence[str | None]) -> None:
        self._fixed = fixed
        self._sources = sources

    def __len__(self) -> int:
        return len(self._fixed)

    @overload
    def __getitem__(self, i: int) -> bool: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[bool]: ...
    def __getitem__(self, i: int | slice) -> bool | Sequence[bool]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        return self._fixed[i] or self._sources[i] == "rule"


@cache
def _others(with_model: bool, char: str, chosen: str | None) -> tuple[str, ...]:
    """The readings of `char` other than `chosen`: the model's, then the lexicon's."""
    options = shared_model().readings_of(char) if with_model else ()
    readings = (*options, *Lexicon.shared().char_readings(char))
    return tuple(r for r in dict.fromkeys(readings) if r != chosen)


def run_model(pairs: Sequence[tuple[Engine, Decision]]) -> None:
    """Let the model decide the pending polyphones of every state (one model per process)."""
    model = shared_model()
    sentences: list[str] = []
    targets: list[list[int]] = []
    owners: list[tuple[Engine, Decision, int]] = []
    for engine, state in pairs:
        pending = sorted(i for i in state.pending if not state.fixed[i])
        k = 0
        for start, end in state.sentences():
            wanted = []
            while k < len(pending) and pending[k] < end:
                wanted.append(pending[k] - start)
                k += 1
            if wanted:
                sentences.append(state.text[start:end])
                targets.append(wanted)
                owners.append((engine, state, start))
    predictions = model.predict(sentences, targets)
    for (engine, state, start), wanted, found in zip(owners, targets, predictions, strict=True):
        for offset, prediction in zip(wanted, found, strict=True):
            state.decide(engine, start + offset, prediction)


def sentences_for_model(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence the model reads, at most `_LONGEST_SENTENCE` long."""
    found = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while end - start > _LONGEST_SENTENCE:
            cut = start + _LONGEST_SENTENCE
            commas = [m.end() for m in _CLAUSE.finditer(text, start + _LONGEST_SENTENCE // 2, cut)]
            if commas:
                cut = commas[-1]
            found.append((start, cut))
            start = cut
        if end > start:
            found.append((start, end))
    return found
