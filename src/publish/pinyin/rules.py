"""Context rules for polyphones whose reading shows in the characters around them.

The engine (engine.py) applies these to the characters the lexicon leaves open (a
one-character word, a word the dictionary does not know), before and over the model. The rules
are data, `data/rules.txt`, one a line with an example each: a 现代汉语词典 distinction the
model, trained on encyclopedia sentences, misses on everyday text (还钱 huán but 还有 hái,
越来越少 shǎo, 一觉 jiào, 很难 nán, the lane 弄 lòng after a house number).

A rule may also read a whole word whose reading follows its meaning (落下 luòxià "fall", là
in 把书落下了 "leave behind"): such a word rule applies where the word is one of jieba's words
and wins over the lexicon and the curated words, never over the user's.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Rule:
    """Read `char` as `reading` where `before` matches the text before it and `after` the text
    after it (either may be None: no condition)."""

    char: str
    """The character, or the word of a word rule."""
    reading: str
    """Its reading (engine syllables, space-separated for a word)."""
    before_pattern: str | None = None
    """The regular expression the text before must end with, named lists expanded."""
    after_pattern: str | None = None
    """The regular expression the text after must start with, named lists expanded."""
    example: str = ""
    """A sentence the rule reads, the character in [brackets] (tests read every example)."""

    @property
    def before(self) -> re.Pattern[str] | None:
        return None if self.before_pattern is None else _compiled(self.before_pattern)

    @property
    def after(self) -> re.Pattern[str] | None:
        return None if self.after_pattern is None else _compiled(self.after_pattern)


# Compiled when a rule is first tried, not when the module loads: compiling all of them took
# 0.11 s, a tenth of `publish pinyin` on a short text, where a few characters have rules.
_compiled = functools.cache(re.compile)


_HAN = "\u3400-\u9fff"
_END = rf"(?:[^{_HAN}]|$)"
_START = rf"(?:[^{_HAN}]|^)"
"""{end} in a before-pattern: what ends the clause before the character, or the text's start.
Read as `_END` there, its `$` matched wherever the text searched ends, so before every
character (stop 46)."""


_NAMED = re.compile(r"\{([a-z]+)\}")


def _expanded(pattern: str, named: dict[str, str]) -> str:
    return _NAMED.sub(lambda m: named[m.group(1)], pattern)


def load_rules(text: str) -> tuple[Rule, ...]:
    """The rules of a `data/rules.txt` text (format in that file's header)."""
    found = []
    named = {"han": _HAN, "end": _END}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if line.startswith("@"):
            # A named list of words, `{name}` in the patterns after it (the manner words).
            if len(fields) != 2 or fields[0][1:] in named:
                raise ValueError(f"data/rules.txt:{number}: @name, a tab, words separated by |")
            named[fields[0][1:]] = f"(?:{_expanded(fields[1], named)})"
            continue
        if len(fields) != 5:
            raise ValueError(f"data/rules.txt:{number}: 5 tab-separated fields, not {len(fields)}")
        char, reading, before, after, example = fields
        found.append(
            Rule(
                char,
                reading,
                None if before == "-" else f"(?:{_expanded(before, named | {'end': _START})})$",
                None if after == "-" else _expanded(after, named),
                example,
            )
        )
    return tuple(found)


def word_lists(text: str) -> dict[str, frozenset[str]]:
    """The named lists of words of a `data/rules.txt` text (`@name<TAB>word|word`), by name."""
    found = {}
    for line in text.splitlines():
        if line.startswith("@"):
            name, words = line[1:].split("\t")
            found[name] = frozenset(words.split("|"))
    return found


_TEXT = resources.files(__package__).joinpath("data", "rules.txt").read_text("utf-8")
RULES = load_rules(_TEXT)
"""The rules, first match wins for each character or word."""

WORD_LISTS: Mapping[str, frozenset[str]] = MappingProxyType(word_lists(_TEXT))
"""The named lists of words (`person`: who something is done for; `manner`), read only: the
particle rules (particles.py) use them too, so each list is written once."""


def _by_char(rules: Sequence[Rule]) -> dict[str, tuple[Rule, ...]]:
    # One pass: a pass over all 1,500 rules for each of the 385 characters took 10 ms a start.
    found: dict[str, list[Rule]] = {}
    for rule in rules:
        found.setdefault(rule.char, []).append(rule)
    return {char: tuple(group) for char, group in found.items()}


BY_CHAR: Mapping[str, tuple[Rule, ...]] = MappingProxyType(_by_char(RULES))
"""The rules of each character, in file order (read only)."""


WORDS: frozenset[str] = frozenset(char for char in BY_CHAR if len(char) > 1)
"""The words that word rules read."""
_WORD_PATTERN = re.compile(f"(?=({'|'.join(sorted(WORDS, key=len, reverse=True)) or '(?!)'}))")
"""Where a word rule's word starts (a lookahead: words found may overlap)."""


BEFORE_WINDOW = 8
"""How many characters back a rule's before-pattern sees (把被困的老人[背]: 把 is five back)."""

_TRIED: dict[str, tuple[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None], ...]] = {}
"""Each character's (or word's) rules as (reading, before, after), compiled when first tried."""


def reading_at(text: str, i: int, size: int = 1) -> str | None:
    """The reading a rule gives the character (or the word of `size` characters) at i of
    `text`, or None when no rule applies."""
    key = text[i : i + size]
    tried = _TRIED.get(key)
    if tried is None:
        if key not in BY_CHAR:
            return None
        tried = _TRIED[key] = tuple((r.reading, r.before, r.after) for r in BY_CHAR[key])
    for reading, before, after in tried:
        if before is not None and not before.search(text, max(0, i - BEFORE_WINDOW), i):
            continue
        if after is not None and not after.match(text, i + size):
            continue
        return reading
    return None


def apply(text: str, positions: Iterable[int], decide: Callable[[int, str], None]) -> None:
    """Call `decide(i, reading)` for each character i of `positions` that a rule reads."""
    for i in positions:
        reading = reading_at(text, i)
        if reading is not None:
            decide(i, reading)


def apply_to_words(
    text: str,
    spans: Sequence[tuple[int, int]],
    allowed: Callable[[int, int], bool],
    decide: Callable[[int, str], None],
) -> None:
    """Call `decide(i, syllable)` for each character of each word of `spans` (the words of
    `text`, sorted) that a word rule reads, where `allowed(start, end)` (not the user's words).
    The text is searched for the rules' words, then each found one checked to be a word."""
    for match in _WORD_PATTERN.finditer(text):
        start, end = match.span(1)
        k = bisect_left(spans, (start, end))
        if k == len(spans) or spans[k] != (start, end) or not allowed(start, end):
            continue
        reading = reading_at(text, start, end - start)
        if reading is not None:
            for i, syllable in enumerate(reading.split(), start=start):
                decide(i, syllable)
