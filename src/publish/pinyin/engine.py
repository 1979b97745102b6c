"""The pinyin engine: one reading for every Han character of a text, decided in context.

Every builder's readings come from here (through annotate.py for collections; the CLI's
`publish pinyin` calls it directly). Input is text with its context (a whole paragraph);
output is one reading per Han character and None for everything else, plus the words (for
word-level ruby). The text is never changed.

How a reading is decided, most certain first (each reading records which step decided it,
`Analysis.sources`, and the model's confidence, `Analysis.confidences`):
1. the user's dictionaries: the collection's pinyin.yaml ("user"), an article's front matter
   and the surnames of names the article declares ("article");
2. the lexicon ("lexicon", entries.py): our curated lists (lexicon.py: neutral tones,
   corrections), then the dictionary word jieba cut, with its one reading. A model never
   overrules these: the model (g2pM, trained on CPP's encyclopedia sentences) was about 1.0
   sure of 行长 xíng, 充分 fēn, 相差 chā, and running text got worse than plain pypinyin;
3. for a polyphone the lexicon leaves open (a one-character word, a word the dictionary does
   not know), context rules (rules.py, data/rules.txt: 还钱 huán, 一觉 jiào, 少 shǎo; "rule"),
   else the model ("model"), unless dictionary words overlapping the character agree on
   another reading and the model is below `decision.TRUST_COVER`;
4. otherwise the character's usual reading ("lexicon");
5. 得, 地, 了, 为 standing alone (particles.py, "rule"), surnames of detected personal names
   (names.py, "rule"), then the tone sandhi of 一 and 不
   (sandhi.py) when it is on (the source stays that of the citation reading).

Words come from jieba's dictionary and HMM (segmentation.py, through rjieba), with the
user's words and declared names kept whole. The model reads one sentence at a time and is only
run on sentences that have a character it must decide, in batches across all texts given at
once (`Engine.analyse_many`, `analyse_together` for an engine per article), so a whole
collection costs one pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from ..model import without_selectors
from . import names as name_rules
from .analysis import Analysis, Word
from .decision import Decision, run_model
from .entries import EntryTable
from .segmentation import HAN
from .styles import STYLES, convert, normalise


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
        self.entries = EntryTable.shared(neutral_tones, use_model)
        """What the lexicon says of each word, shared by engines with the same settings."""
        forced: dict[str, tuple[tuple[tuple[int, str], ...], str]] = {}
        for name in names:
            if HAN.fullmatch(name) and len(name) > 1:
                forced[name] = (tuple(name_rules.surname_readings(name).items()), "article")
        for entries, source in ((dictionary, "user"), (article_dictionary, "article")):
            for word, syllables in check_dictionary(entries):
                forced[word] = (tuple(enumerate(syllables)), source)
        self.forced_words = forced
        """The user's and the article's words: their fixed (index, syllable) pairs and source."""
        self.forced_pattern = (
            re.compile("|".join(re.escape(w) for w in sorted(forced, key=len, reverse=True)))
            if forced
            else None
        )
        """Matches any of `forced_words`, longest first (None when there are none)."""

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


def analyse_together(jobs: Sequence[tuple[Engine, Sequence[str]]]) -> list[list[Analysis]]:
    """The texts of several engines analysed at once, a list of analyses per engine.

    A collection has an engine per article (each with its article's dictionary and names);
    the model then runs once over the sentences of them all. Batched together, sentences of
    like length share the model's steps: run article by article, a few long sentences pad
    every short one, which made the model three times slower on the seed's 100 copies.
    """
    # Variation selectors (葛 U+E0100) are read past: the words, dictionaries and model know
    # none, and one between 葛 and 洪 would cut the name. They get no reading of their own.
    bare = [[without_selectors(text) for text in texts] for _, texts in jobs]
    started = [
        [(engine, Decision.start(engine, text)) for text, _ in texts]
        for (engine, _), texts in zip(jobs, bare, strict=True)
    ]
    modelled = [pair for group in started for pair in group if pair[0].entries.model is not None]
    if modelled:
        run_model(modelled)
    return [
        [
            _with_selectors(state.finish(engine), text, kept)
            for (engine, state), text, (_, kept) in zip(group, texts, found, strict=True)
        ]
        for group, (_, texts), found in zip(started, jobs, bare, strict=True)
    ]


def _with_selectors(analysis: Analysis, text: str, kept: Sequence[int]) -> Analysis:
    """The analysis of `text` without its selectors laid back over `text`: None (or no
    alternatives) at each selector, and each selector in the word of the character before it."""
    if len(kept) == len(text):
        return analysis

    def spread(values: tuple[Any, ...], empty: Any) -> tuple[Any, ...]:
        if not values:
            return values
        out = [empty] * len(text)
        for position, value in zip(kept, values, strict=True):
            out[position] = value
        return tuple(out)

    def at(index: int) -> int:
        # A word ends where the next character starts, after the selectors of its own last.
        return 0 if index == 0 else kept[index] if index < len(kept) else len(text)

    return replace(
        analysis,
        text=text,
        syllables=spread(analysis.syllables, None),
        spans=tuple((at(a), at(b)) for a, b in analysis.spans) or ((0, len(text)),),
        sources=spread(analysis.sources, None),
        confidences=spread(analysis.confidences, None),
        alternatives=spread(analysis.alternatives, ()),
    )


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
