"""The pinyin engine: one reading for every Han character of a text, decided in context.

Every builder's readings come from here (through annotate.py for collections; the CLI's
`publish pinyin` calls it directly). Input is text with its context (a whole paragraph);
output is one reading per Han character and None for everything else, plus the words (for
word-level ruby). The text is never changed.

How a reading is decided, most certain first (each reading records which step decided it,
`Analysis.sources`, and the model's confidence, `Analysis.confidences`):
1. the user's dictionaries: the collection's pinyin.yaml ("user"), an article's front matter
   and the surnames of names the article declares ("article");
2. the lexicon ("lexicon"): our curated lists (lexicon.py: neutral tones, corrections), then
   the dictionary word jieba cut, with its one reading. A model never overrules these: the
   model (g2pM, trained on CPP's encyclopedia sentences) was about 1.0 sure of 行长 xíng,
   充分 fēn, 相差 chā, and running text got worse than plain pypinyin;
3. for a polyphone the lexicon leaves open (a one-character word, a word the dictionary does
   not know), context rules (rules.py, data/rules.txt: 还钱 huán, 一觉 jiào, 少 shǎo; "rule"),
   else the model ("model"), unless dictionary words overlapping the character agree on
   another reading and the model is below `TRUST_COVER`;
4. otherwise the character's usual reading ("lexicon");
5. surnames of detected personal names (names.py, "rule"), then the tone sandhi of 一 and 不
   (sandhi.py) when it is on (the source stays that of the citation reading).

Words come from jieba's dictionary and HMM (segmentation.py, through rjieba), with the
user's words and declared names kept whole. The model reads one sentence at a time and is only
run on sentences that have a character it must decide, in batches across all texts given at
once (`Engine.analyse_many`, `analyse_together` for an engine per article), so a whole
collection costs one pass.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, TypeAlias

from . import names as name_rules
from . import rules, sandhi, segmentation
from .lexicon import Lexicon, WordReading
from .styles import STYLES, convert, normalise

if TYPE_CHECKING:
    from .polyphone_network import Prediction

TRUST_COVER = 0.99
"""Model probability above which the model wins over the dictionary words that overlap a
character but are not jieba's word (chosen on THCHS-30's train prompts and CPP dev: 0.5, 0.9,
0.99 and always-the-dictionary tried; `benchmarks/pinyin_text.py`). Inside jieba's word, a
dictionary word with its one reading always wins: the model, trained on encyclopedia text,
was about 1.0 sure of 行长 xíng, 充分 fēn, 相差 chā."""

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
_WEI_BEFORE = frozenset(
    "改变选评定列视称成分化转译封立任划认奉作当名编升降尊推聘调派合并"  # 改为, 选为
    "原本均皆即乃实多"  # 原为, 均为
)
"""Verbs that take 为 as "into, as" (改为, 选为) and adverbs before the copula 为 (原为, 均为):
为 after them is wéi."""
_AFTER_CENG = frozenset("经是任有在被高多一几两三参获出担与向为以到率达先后于把将")
"""Characters that follow the adverb 曾 céng ("once") rather than start a given name."""
_FUNCTION_CHARS = frozenset("的了着过是在有和与也都就还很太吗呢吧啊呀么")
"""Characters after which a context-dependent neutral word (东西) keeps its neutral tone."""


_Entry: TypeAlias = tuple[str | None, bool, str | None, bool]
"""(first reading, model decides, dictionary word's reading, fixed by a curated word)."""

_ENTRY_CACHES: dict[tuple[bool, bool], dict[str, tuple[_Entry, ...]]] = {}
"""`Engine._entries` per word, by (neutral_tones, use_model)."""


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
    sources: tuple[str | None, ...] = ()
    """Per character, what decided its reading: one of `SOURCES` (None where there is none)."""
    confidences: tuple[float | None, ...] = ()
    """Per character, the model's probability for the reading given, where the model weighed
    the character (also where the lexicon or a rule then decided), else None."""
    alternatives: tuple[tuple[str, ...], ...] = ()
    """Per character, the other readings that were open at a common polyphone (one the model
    knows) that a rule, the model or, without the model, its usual reading decided (empty
    where a dictionary word settled it)."""


SOURCES = ("user", "article", "lexicon", "rule", "model")
"""Where a reading comes from: the collection's pinyin.yaml (or the `dictionary` given to
the engine), the article's own dictionary and names, the lexicon (a dictionary word, our
curated lists, a character's only or usual reading), a context rule, the polyphone model."""

OPEN_SOURCES = frozenset({"rule", "model"})
"""Sources that choose among readings the lexicon left open: what an editor proofreads."""


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
        article_dictionary: Iterable[tuple[str, Sequence[str]]] = (),
    ) -> None:
        """`dictionary`: (word, one syllable per character) pairs, in any pinyin spelling;
        later entries win (source "user"). `article_dictionary`: the same for one article's
        own entries, which win over `dictionary` (source "article"). `names`: personal names
        the text is known to contain (speakers, authors; source "article").
        `neutral_tones=False` gives the words that 现代汉语词典 reads with a neutral tone
        (朋友 péng you) their citation tone instead (péng yǒu), as some learners' materials
        and the CPP data set do. `use_model=False` decides polyphones by
        dictionary alone (faster, less accurate). Raises ValueError for a syllable that is not
        pinyin."""
        if style not in STYLES:
            raise ValueError(f"unknown pinyin style {style!r}: use {', '.join(STYLES)}")
        self.style = style
        self.sandhi = sandhi
        self.neutral_tones = neutral_tones
        self._lexicon = Lexicon.shared()
        self._model = _shared_model() if use_model else None
        self._forced: dict[str, tuple[tuple[tuple[int, str], ...], str]] = {}
        for name in names:
            if HAN.fullmatch(name) and len(name) > 1:
                self._forced[name] = (tuple(name_rules.surname_readings(name).items()), "article")
        for entries, source in ((dictionary, "user"), (article_dictionary, "article")):
            for word, syllables in check_dictionary(entries):
                self._forced[word] = (tuple(enumerate(syllables)), source)
        self._forced_pattern = (
            re.compile("|".join(re.escape(w) for w in sorted(self._forced, key=len, reverse=True)))
            if self._forced
            else None
        )
        # Shared by engines with the same settings: annotate.py makes one per article.
        self._entry_cache = _ENTRY_CACHES.setdefault((neutral_tones, use_model), {})

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
            Word(
                analysis.text[start:end],
                tuple(
                    None if s is None else convert(s, style) for s in analysis.syllables[start:end]
                ),
                start,
            )
            for start, end in analysis.spans
        ]

    def analyse(self, text: str) -> Analysis:
        """Syllables (engine spelling) and word spans of one text."""
        return self.analyse_many([text])[0]

    def analyse_many(self, texts: Sequence[str]) -> list[Analysis]:
        """Analyse many texts at once (the model runs once over all their sentences)."""
        return analyse_together([(self, texts)])[0]

    # ------------------------------------------------------------------ steps

    def _entries(self, word: str) -> tuple[_Entry, ...]:
        """What is known of a word's characters before the model runs, cached per word.

        Per character: a first reading (None if unknown), whether the model must decide it,
        the dictionary word's reading for it, and whether a curated word fixes it (a curated
        word at the start or end of a longer one counts: 行业性, 组成部分, 下功夫).
        """
        found = self._entry_cache.get(word)
        if found is not None:
            return found
        lexicon = self._lexicon
        model = self._model
        phrase: Sequence[str | None] | None = lexicon.phrase(word) if len(word) > 1 else None
        if phrase is None and len(word) > 3:
            phrase = _phrase_parts(lexicon, word)
        entries: list[_Entry] = []
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
            self._curated_parts(word, entries)
        if len(self._entry_cache) > 500_000:
            self._entry_cache.clear()  # bounded memory on endless input
        found = self._entry_cache[word] = tuple(entries)
        return found

    def _curated_parts(self, word: str, entries: list[_Entry]) -> None:
        lexicon = self._lexicon
        for size in range(len(word) - 1, 1, -1):
            for offset in (0, len(word) - size):
                part = word[offset : offset + size]
                found = lexicon.curated(part)
                if found is None or found.context:
                    continue
                readings = found.readings
                if not self.neutral_tones:
                    readings = lexicon.toned(part, readings)
                for i, syllable in enumerate(readings, start=offset):
                    entries[i] = (syllable, False, None, True)
                return


class _State:
    """One text while it is being analysed."""

    __slots__ = (
        "_sentences",
        "confidences",
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
            self._sentences = _sentences(self.text)
        return self._sentences

    def sentence_around(self, i: int) -> tuple[int, int]:
        """The sentence that holds character i."""
        sentences = self.sentences()
        k = bisect_right(sentences, (i, len(self.text) + 1)) - 1
        return sentences[max(k, 0)]

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
        readings, source = engine._forced[word]
        fixed = dict(readings)
        for i in range(start, end):
            if i - start in fixed:
                self.syllables[i] = fixed[i - start]
                self.fixed[i] = True
                self.sources[i] = source
            else:
                self._place(engine._entries(self.text[i]), i)

    def _free(self, engine: Engine, start: int, end: int) -> None:
        if start >= end:
            return
        lexicon = engine._lexicon
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
                self._place(engine._entries(joined), position)
            position = stop
            k += size

    def _fits(self, curated: WordReading, stop: int) -> bool:
        """A context-dependent entry (东西) applies only when no Han word follows it."""
        if not curated.context or stop >= len(self.text):
            return True
        following = self.text[stop]
        return not HAN.match(following) or following in _FUNCTION_CHARS

    def _place(self, entries: tuple[_Entry, ...], position: int) -> None:
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
        """The reading of character i in the dictionary words around it, when they all agree."""
        text = self.text
        found = None
        for start in range(max(0, i - 3), i + 1):
            for end in range(max(i + 1, start + 2), min(len(text), start + 4) + 1):
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
        if phrase is not None:
            reading, source = phrase, "lexicon"
        elif confidence < TRUST_COVER:
            cover = self._covering(engine._lexicon, i)
            if cover is not None:
                reading, source = cover, "lexicon"
        self.syllables[i] = reading
        self.sources[i] = source

    def finish(self, engine: Engine) -> Analysis:
        self.spans.sort()
        self._context_rules()
        self._particles()
        self._surnames(engine)
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
            sandhi.apply(self.text, self.syllables, ends, self.fixed, engine._lexicon.base_tone)
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
        with_model = engine._model is not None
        # Only the polyphones the model knows (the common ones, from CPP): the character table
        # lists rare and literary readings of most characters (明 mèng, 月 rù), no real choice.
        for i in self.pending:
            if self.fixed[i] or self.sources[i] not in ("rule", "model", "lexicon"):
                continue
            if self.sources[i] == "lexicon" and (i in self.phrase or i in self.weighed):
                continue  # a dictionary word settled it
            found[i] = _others(with_model, self.text[i], self.syllables[i])
        return tuple(found)

    def _dictionary_word_at(self, lexicon: Lexicon, start: int, surname: int) -> bool:
        """Whether a dictionary word starts at the suspected surname (仇深似海, 盖棺定论) or at
        the given name (曾 + 高达): then it is no name. Two-character names are not guessed
        at all (翟衣, 盖章): only declared ones are read as names."""
        text = self.text
        for offset, shortest in ((0, surname + 1), (surname, 2)):
            for size in range(shortest, 6):
                piece = text[start + offset : start + offset + size]
                if len(piece) == size and (
                    lexicon.phrase(piece) is not None or lexicon.curated(piece) is not None
                ):
                    return True
        return False

    def _by_rule(self, i: int, reading: str) -> None:
        """Character i read as a rule says."""
        self.syllables[i] = reading
        self.sources[i] = "rule"

    def _context_rules(self) -> None:
        """rules.py, for model-decided characters outside dictionary words."""
        text = self.text
        for i in (*self.pending, *self.usual):
            if text[i] in rules.BY_CHAR and not self.fixed[i] and i not in self.phrase:
                reading = rules.reading_at(text, i)
                if reading is not None:
                    self._by_rule(i, reading)

    def _particles(self) -> None:
        """得, 地, 了 and 为 on their own, where the model (trained on encyclopedia sentences) is
        weakest.

        After a verb or adjective and before a degree word it is the complement marker de
        (跑得很快, 说得太多); after a subject or an adverb and before a verb it is "must", děi
        (我得去, 还得等). 现代汉语词典, 得 entries. 为: see `_wei`.
        """
        text = self.text
        last = len(text) - 1
        for k, (start, end) in enumerate(self.spans):
            if text[start:end] == "不了" and start > 0 and HAN.match(text[start - 1]):
                self._by_rule(start + 1, "liao3")  # jieba's 我办 / 不了
                continue
            if end - start != 1 or text[start] not in "得地为了" or self.fixed[start]:
                continue
            if text[start] == "为":
                self._wei(start)
                continue
            if start == 0 or start == last or self.syllables[start - 1] is None:
                continue
            before, after = text[start - 1], text[start + 1]
            if text[start] == "地":
                if before in "性然般样" or (start > 1 and text[start - 2] == before):
                    self._by_rule(start, "de5")  # 预见性地警告, 突然地, 慢慢地走
                elif k > 0 and self.spans[k - 1][1] - self.spans[k - 1][0] > 1:
                    # After an adjective, adverb or idiom it marks the adverbial: 高兴地跳;
                    # after an idiom also before a comma (一如既往地，).
                    word = text[self.spans[k - 1][0] : start]
                    tags = segmentation.dictionary_tags(word)
                    kinds = "abdzil" if HAN.match(after) else "il"
                    if len(tags) == 1 and tags[0][1][:1] in kinds:
                        self._by_rule(start, "de5")
                continue
            if text[start] == "了":
                if before == "不" and start > 1 and HAN.match(text[start - 2]):
                    self._by_rule(start, "liao3")  # 办不了, 去不了: "can not manage"
                continue
            if after in _DEGREE:
                self._by_rule(start, "de5")
            elif before in _MUST_BEFORE and HAN.match(after) and after not in "了到以":
                self._by_rule(start, "dei3")

    def _wei(self, i: int) -> None:
        """为 as the preposition "for, in order to" (wèi) when a verb follows in its clause.

        The model, trained on encyclopedia sentences where 为 is mostly "to be, as" (wéi: 称为,
        成为, 面积为100平方公里), reads wéi in 为职工服务, 为推动发展而努力. Left to the model:
        以……为 (以经济建设为中心), 为……所, a verb or adverb right before (改为, 原为), and a
        clause with no verb after 为 (名字为张三). Parts of speech are jieba's dictionary tags.
        """
        text = self.text
        clause_start = i
        while clause_start > 0 and HAN.match(text[clause_start - 1]):
            clause_start -= 1
        clause_end = i + 1
        while clause_end < len(text) and HAN.match(text[clause_end]):
            clause_end += 1
        before, after = text[clause_start:i], text[i + 1 : clause_end]
        if not after or "以" in before or "所" in after or (before and before[-1] in _WEI_BEFORE):
            return
        if not before and clause_start > 0 and text[clause_start - 1] in "）)》”」":
            return  # （学名：）为舌蛭科……: the subject is just before, 为 is "is"
        if any(
            flag.startswith("v") or (len(word) > 2 and _starts_with_verb(word))
            for word, flag in segmentation.dictionary_tags(after)
        ):
            self._by_rule(i, "wei4")

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
        initials = name_rules.DETECTED_INITIALS
        for k, (start, end) in enumerate(spans):
            if text[start] not in initials:
                continue
            if end - start == 1:
                # jieba cuts an unknown name into its surname and given name (区 / 大伟) or
                # into single characters (区 / 大 / 伟): take up to two characters more.
                for following_start, following_end in spans[k + 1 : k + 3]:
                    if following_start != end or following_end - start > 3:
                        break
                    end = following_end
                    if end - start == 3:
                        break
            if (
                not 2 <= end - start <= 3 + (name_rules.surname_of(text[start:end]) != text[start])
                or self.fixed[start]
            ):
                continue
            word = text[start:end]
            if name_rules.surname_of(word) not in name_rules.DETECTED:
                continue
            if word[0] == "曾" and word[1] in _AFTER_CENG:
                continue  # 曾 the adverb: 军力曾高达4万人, 曾任, 曾经
            fixed = name_rules.surname_readings(word)
            if not fixed or all(self.syllables[start + i] == r for i, r in fixed.items()):
                continue
            if end - start == 2 or self._dictionary_word_at(lexicon, start, len(fixed)):
                continue
            sentence_start, sentence_end = self.sentence_around(start)
            if _tagged_name(text[sentence_start:sentence_end], start - sentence_start, end - start):
                for offset, reading in fixed.items():
                    self._by_rule(start + offset, reading)


@cache
def _others(with_model: bool, char: str, chosen: str | None) -> tuple[str, ...]:
    """The readings of `char` other than `chosen`: the model's, then the lexicon's."""
    options = _shared_model().readings_of(char) if with_model else ()
    readings = (*options, *Lexicon.shared().char_readings(char))
    return tuple(r for r in dict.fromkeys(readings) if r != chosen)


def _starts_with_verb(word: str) -> bool:
    """Whether a longer word begins with a verb: jieba tags 做好事, 办实事 as nouns."""
    return segmentation.dictionary_tags(word[0])[0][1].startswith("v")


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


def analyse_together(jobs: Sequence[tuple[Engine, Sequence[str]]]) -> list[list[Analysis]]:
    """The texts of several engines analysed at once, a list of analyses per engine.

    A collection has an engine per article (each with its article's dictionary and names);
    the model then runs once over the sentences of them all. Batched together, sentences of
    like length share the model's steps: run article by article, a few long sentences pad
    every short one, which made the model three times slower on the seed's 100 copies.
    """
    started = [[(engine, _State.start(engine, text)) for text in texts] for engine, texts in jobs]
    modelled = [pair for group in started for pair in group if pair[0]._model is not None]
    if modelled:
        _run_model(modelled)
    return [[state.finish(engine) for engine, state in group] for group in started]


def _run_model(pairs: list[tuple[Engine, _State]]) -> None:
    """Let the model decide the pending polyphones of every state (one model per process)."""
    model = _shared_model()
    sentences: list[str] = []
    targets: list[list[int]] = []
    owners: list[tuple[Engine, _State, int]] = []
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
    from .polyphone_network import PolyphoneModel

    return PolyphoneModel.shared()


def _tagged_name(sentence: str, start: int, length: int) -> bool:
    """Whether jieba's tagger reads `length` characters at `start` of `sentence` as a personal
    name: one word tagged nr (仇晓明), or a surname followed by a given name tagged nr (区 大伟)."""
    position = 0
    tags = segmentation.tags(sentence)
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


def _sentences(text: str) -> list[tuple[int, int]]:
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
