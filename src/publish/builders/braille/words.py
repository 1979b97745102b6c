"""Text to braille words: syllables, word division, punctuation, digits and Latin letters.

Braille step, second part: a run sequence's text and the engine's analysis of it (readings
without sandhi, words) become `BrailleWord`s, the units `pages.py` sets on lines with one
blank cell between them.

- Word division (分词连写): the engine's words, joined as GB/T 16159-2012 joins them and
  Chinese braille keeps them: 们 with the word before it (§6.1.1.7, péngyoumen), the aspect
  particles 着 了 过 with the verb before them (§6.1.3.3, kànle), and, as 国家通用盲文 does
  (GF 0019-2018 §5, 分词连写), the structural particles 的 地 得 with the word before them;
  a name the article declares (an interviewee, an author) is written surname, given name
  (§6.3.1, Lǚ Yàzhōu).
- Punctuation: the cells liblouis's CBS table gives each mark (GF 0019-2018 §6, 标点符号), in
  both systems. A mark that closes or follows a phrase stays with the word before it, an
  opening one with the word after it, so that no line starts with a mark that belongs to the
  line before.
- Readability: zhi chi shi ri zi ci si are their initial alone, so before a syllable with no
  initial their tone is marked (事务 ⠱⠆⠥, not shu), and a one-cell shorthand before such a
  syllable ends its word (他爱 would read tai).
- Digits and Latin letters: liblouis's number sign, capital and capital-word signs, and the
  letter sign after a number (a1, 1⠰⠰a); a number or Latin word stands apart from Han words
  by a blank cell, and a mark right before a number takes the form the CBS table gives it
  there (时间：2024, ： as ⠠⠄), as liblouis sets them.
- A character the engine has no reading for is never dropped: it is written as its code
  point (U+XXXX, in letters and digits) and reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ...model import without_selectors
from ...pinyin.analysis import Analysis
from ...pinyin.names import surname_of
from ...pinyin.segmentation import HAN
from .syllables import Symbols, System, symbols
from .syllables import system as braille_system

_JOIN_BEFORE = frozenset({"们", "着", "了", "过", "的", "地", "得"})
"""Characters written joined to the word before them when read with the neutral tone."""

_OPENING = frozenset("“‘（《〈【〔([")
"""Marks that belong to the word after them."""

_EQUIVALENT = {"「": "“", "」": "”", "『": "‘", "』": "’", "–": "-", "―": "—", "﹏": "……"}
"""Marks the tables lack, spelled as the mark they stand for (GB/T 15834 equivalents); a
full-width form the tables lack (％ ＋) is its ASCII mark (NFKC)."""


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A word of letters and digits (COVID-19, 09:15, café), a piece of non-Han text, and the
    runs of one mode inside a word; letters with accents only where liblouis spells them."""
    letters = "A-Za-z" + "".join(map(re.escape, symbols().accented))
    word = f"[{letters}0-9]+(?:[-./:,][{letters}0-9]+)*"
    return (
        re.compile(word),
        re.compile(f"——|……|\\s+|{word}|.", re.DOTALL),
        re.compile(f"[0-9]+|[{letters}]+|."),
    )


@dataclass(frozen=True, slots=True)
class BrailleWord:
    """A word as it is set on a line: syllables and the punctuation that goes with them."""

    parts: tuple[str, ...]
    """Cells of each piece a line may break between when the word is longer than a line
    (a syllable, a mark); never empty."""

    @property
    def cells(self) -> str:
        """The word's cells."""
        return "".join(self.parts)


@dataclass(frozen=True, slots=True)
class Translation:
    """A text in braille."""

    words: tuple[BrailleWord, ...]
    """The words, to be set with a blank cell between them."""
    untranslated: tuple[str, ...]
    """Characters with no reading or no cells, written as their code point."""

    @property
    def lines(self) -> tuple[tuple[BrailleWord, ...], ...]:
        """The words of each line of the source text (a headline set over several lines)."""
        lines: list[tuple[BrailleWord, ...]] = [()]
        for word in self.words:
            if word is LINE_BREAK:
                lines.append(())
            else:
                lines[-1] += (word,)
        return tuple(lines)

    @property
    def cells(self) -> str:
        """The text on one line: words with a blank cell between them."""
        return BLANK.join(word.cells for word in self.words if word is not LINE_BREAK)


BLANK = "\u2800"
"""The blank cell."""

LINE_BREAK = BrailleWord(("\n",))
"""Where the source text breaks its line (a `LineBreak` in a headline)."""


@dataclass(slots=True)
class _Token:
    kind: str  # han, alnum, mark, opening
    parts: list[str]
    text: str
    neutral: bool = False
    closed: bool = False  # a mark follows: nothing more joins it
    missing: list[str] = field(default_factory=list)  # written as their code point


def translate(
    text: str, analysis: Analysis, system: System, names: frozenset[str] = frozenset()
) -> Translation:
    """`text` (which `analysis` analysed, readings without sandhi) in `system`'s braille;
    `names` are the personal names the article declares (written surname, given name)."""
    untranslated: list[str] = []
    tokens: list[_Token] = []
    for start, end in _name_spans(text, analysis.spans, names):
        # Braille spells sounds: a variation selector (葛 U+E0100) chooses a glyph, which has
        # none, so it is left out with the reading it does not have (engine.py).
        word, kept = without_selectors(text[start:end])
        found = analysis.syllables[start:end]
        syllables = found if len(kept) == len(found) else tuple(found[i] for i in kept)
        # Words and runs of marks repeat: each is spelled once per process.
        spelled, missing = _span(word, syllables, system)
        tokens += (
            _Token(kind, list(parts), piece, neutral) for kind, parts, piece, neutral in spelled
        )
        untranslated += missing
    return Translation(tuple(_words(tokens)), tuple(untranslated))


def _name_spans(
    text: str, spans: Sequence[tuple[int, int]], names: frozenset[str]
) -> Iterator[tuple[int, int]]:
    """The analysis's words, a declared name cut after its surname: GB/T 16159-2012 §6.3.1
    writes surname and given name apart (Lǚ Yàzhōu)."""
    for start, end in spans:
        word = text[start:end]
        if word in names and len(word) > 1:
            middle = start + len(surname_of(word))
            if middle < end:
                yield start, middle
                start = middle
        yield start, end


_Spelled = tuple[tuple[str, tuple[str, ...], str, bool], ...]
"""Tokens as (kind, parts, text, joins the word before)."""


@lru_cache(maxsize=1 << 16)
def _span(
    word: str, syllables: tuple[str | None, ...], system: System
) -> tuple[_Spelled, tuple[str, ...]]:
    """One span of the engine's analysis (a Han word or a run of anything else) as tokens,
    and the characters written as their code point."""
    tokens = list(_tokens(word, syllables, system))
    missing = tuple(char for token in tokens for char in token.missing)
    return tuple((t.kind, tuple(t.parts), t.text, t.neutral) for t in tokens), missing


def _tokens(word: str, syllables: tuple[str | None, ...], system: System) -> Iterator[_Token]:
    marks = symbols()
    if HAN.fullmatch(word):
        parts: list[str] = []
        missing: list[str] = []
        for char, syllable in zip(word, syllables, strict=True):
            cells = system.spell(char, syllable) if syllable is not None else None
            if cells is None:
                missing.append(char)
                cells = _alnum(f"U+{ord(char):04X}", marks)
            parts.append(cells)
        neutral = word in _JOIN_BEFORE and (syllables[0] or "")[-1:] == "5"
        _mark_before_finals(parts, syllables, system)
        words = list(_split_after_shorthand(_Token("han", parts, word, neutral), system))
        words[0].missing = missing
        yield from words
        return
    # Full-width letters and digits (ＡＢＣ１２３) are the ASCII ones; invisible format
    # characters (a zero-width space, a soft hyphen) are no text.
    word = "".join(
        chr(ord(c) - 0xFEE0) if c.isalnum() and c > "\uff00" else c
        for c in word
        if unicodedata.category(c) != "Cf" and c != "\u00ad"
    )
    alnum, piece_pattern, _ = _patterns()
    for match in piece_pattern.finditer(word):
        piece = match.group()
        if piece.isspace():
            if "\n" in piece:
                yield _Token("break", [], "")
            continue
        if alnum.fullmatch(piece):
            yield _Token("alnum", [_alnum(piece, marks)], piece)
            continue
        mark = _EQUIVALENT.get(piece, piece)
        if mark not in system.punctuation:
            mark = unicodedata.normalize("NFKC", mark)
        cells = system.punctuation.get(mark)
        if word[match.end() : match.end() + 1].isdigit():
            # liblouis's mixing rule: some marks take another form before a number.
            cells = system.before_number.get(mark, cells)
        if cells is None:
            token = _Token("alnum", [_alnum(f"U+{ord(piece[0]):04X}", marks)], piece)
            token.missing = [piece]
            yield token
            continue
        yield _Token("opening" if mark in _OPENING else "mark", [cells], piece)


def _mark_before_finals(parts: list[str], syllables: Sequence[str | None], system: System) -> None:
    """Tone marks that keep a word readable, in place: zhi chi shi ri zi ci si are written as
    the initial alone, so before a syllable with no initial (a final) they would read as one
    syllable (事务 ⠱⠥ is shu); their tone is then marked even where the rule leaves it out
    (事务 ⠱⠆⠥, as liblouis writes it), the tone mark ending the syllable."""
    initials = system.initial_cells
    for index in range(len(parts) - 1):
        cells, reading = parts[index], syllables[index]
        if len(cells) != 1 or cells not in initials or reading is None or reading[-1] == "5":
            continue  # a shorthand (一 cell too) and a neutral tone: _split_after_shorthand
        if parts[index + 1][:1] not in initials and reading[:-1] in _INITIAL_ALONE:
            parts[index] = cells + system.tones[int(reading[-1])]


_INITIAL_ALONE = frozenset({"zhi", "chi", "shi", "ri", "zi", "ci", "si"})
"""Syllables written as their initial alone (GF 0019-2018 §4.2)."""


def cbs_marks() -> dict[str, str]:
    """The CBS table's punctuation."""
    return braille_system("cbs").punctuation


def _split_after_shorthand(token: _Token, system: System) -> Iterator[_Token]:
    """A word cut after a one-cell syllable where the cell would read as one syllable with
    the next one's final (他爱 ⠞⠪ is tai; a neutral shi before a final takes no tone mark),
    and after the shorthands 的 and 你 always, as zhcn-cbs.ctb's context rules write them."""
    shorthands = system.shorthand_cells
    initials = system.initial_cells
    start = 0
    for index in range(len(token.parts) - 1):
        cells = token.parts[index]
        closing = token.text[index] in "的你" and cells in shorthands
        ambiguous = cells in initials and token.parts[index + 1][:1] not in initials
        if closing or ambiguous:
            yield _Token("han", token.parts[start : index + 1], token.text[start : index + 1])
            start = index + 1
    rest = _Token("han", token.parts[start:], token.text[start:], token.neutral)
    rest.closed = rest.text[-1:] in "的你" and rest.parts[-1] in shorthands
    yield rest


def _alnum(piece: str, marks: Symbols) -> str:
    """Digits and Latin letters with liblouis's mode indicators, and the marks between them
    (09:15, COVID-19) as the CBS table writes them, in both systems."""
    punctuation = cbs_marks()
    out: list[str] = []
    mode = ""
    for run in _patterns()[2].findall(piece):
        if run.isdigit():
            if mode != "number":
                out.append(marks.number_sign)
            out.extend(marks.digits[d] for d in run)
            mode = "number"
        elif run.isalpha():
            if mode == "number":
                out.append(marks.letter_after_number)
            if len(run) > 1 and run.isupper():
                out.append(marks.capital_word)
                out.extend(_letter(c.lower(), marks) for c in run)
            else:
                out.extend(_letter(c, marks) for c in run)
            mode = "letters"
        elif mode == "number" and run in ".,":
            out.append(marks.decimal_point if run == "." else marks.thousands)
        else:
            out.append(punctuation.get(run, ""))
            mode = ""
    return "".join(out)


def _letter(char: str, marks: Symbols) -> str:
    """One Latin letter: a capital sign before a capital; an accented one as liblouis has it."""
    if char in marks.accented:
        return marks.accented[char]
    if char.isupper():
        return marks.capital + marks.letters[char.lower()]
    return marks.letters[char]


def _words(tokens: list[_Token]) -> Iterator[BrailleWord]:
    """Tokens joined into words: particles to the word before, marks to their word."""
    merged: list[_Token] = []
    pending: list[str] = []  # opening marks waiting for the next word
    for token in tokens:
        if token.kind == "break":
            merged.append(token)
            continue
        if token.kind == "opening":
            pending.extend(token.parts)
            continue
        if token.kind == "mark" and merged and merged[-1].kind != "break" and not pending:
            merged[-1].parts[-1] += "".join(token.parts)
            merged[-1].closed = True
            continue
        if (
            token.kind == "han"
            and token.neutral
            and merged
            and merged[-1].kind == "han"
            and not merged[-1].closed
            and not pending
        ):
            merged[-1].parts.extend(token.parts)
            continue
        if pending:
            token.parts[0] = "".join(pending) + token.parts[0]
            pending = []
        merged.append(token)
    if pending:
        merged.append(_Token("mark", ["".join(pending)], ""))
    for token in merged:
        yield LINE_BREAK if token.kind == "break" else BrailleWord(tuple(token.parts))
