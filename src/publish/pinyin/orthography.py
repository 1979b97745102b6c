"""Word-joined pinyin as GB/T 16159-2012 (汉语拼音正词法基本规则) writes it.

Used by `publish pinyin --words`. Readings come from the engine; this module only decides how
they are written:
- the syllables of a word are written together (§5.1), with an apostrophe before a syllable
  that starts with a, o or e inside a word (Xī'ān, §5.1.3 / 《汉语拼音方案》);
- personal names: surname and given name apart, each capitalised (Lǚ Yàzhōu, §6.3.1);
  other proper nouns (places, organisations) capitalised (§6.3.2, 6.3.3);
- the first letter of a sentence is capitalised (§6.1);
- punctuation is kept, written in its Western form (。 as ".", §8 refers to GB/T 15834).
Word boundaries and proper nouns come from jieba's part-of-speech tagger (nr, ns, nt, nz).
"""

from __future__ import annotations

from . import segmentation
from .engine import Engine
from .names import surname_of
from .segmentation import HAN
from .styles import convert

_PUNCTUATION = {
    "。": ".",
    "，": ",",
    "、": ",",
    "；": ";",
    "：": ":",
    "？": "?",
    "！": "!",
    "“": "\u201c",
    "”": "\u201d",
    "‘": "\u2018",
    "’": "\u2019",
    "（": "(",
    "）": ")",
    "《": "\u00ab",
    "》": "\u00bb",
    "…": "...",
    "—": "-",
    "～": "~",
}
_NO_SPACE_BEFORE = frozenset(".,;:?!)\u201d\u2019\u00bb%")
_NO_SPACE_AFTER = frozenset("(\u201c\u2018\u00ab")
_SENTENCE_END = frozenset(".?!")
_PROPER = {"nr", "ns", "nt", "nz", "nrt", "nrfg"}


def word_joined(engine: Engine, text: str) -> str:
    """`text` as word-joined pinyin; characters without a reading are kept as they are."""
    readings = engine.readings(text)
    tokens: list[str] = []
    position = 0
    for word, flag in segmentation.tags(text):
        start, position = position, position + len(word)
        if not word.strip():
            continue
        if not HAN.search(word):
            tokens.append("".join(_PUNCTUATION.get(c, c) for c in word.strip()))
            continue
        syllables = [
            r if r is not None else c for c, r in zip(word, readings[start:position], strict=True)
        ]
        if flag in ("nr", "nrfg") and len(word) > 1:
            surname = len(surname_of(word))
            tokens += [_capital(_join(syllables[:surname])), _capital(_join(syllables[surname:]))]
        elif flag in _PROPER:
            tokens.append(_capital(_join(syllables)))
        else:
            tokens.append(_join(syllables))
    return _spaced(tokens)


def _join(syllables: list[str]) -> str:
    out = syllables[0]
    for syllable in syllables[1:]:
        if syllable[:1].lower() in "aoeāáǎàōóǒòēéěè":
            out += "'"
        out += syllable
    return out


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def _spaced(tokens: list[str]) -> str:
    out = ""
    capital_next = True
    for token in tokens:
        if not token:
            continue
        if capital_next and token[0].isalpha():
            token = _capital(token)
            capital_next = False
        if out and token[0] not in _NO_SPACE_BEFORE and out[-1] not in _NO_SPACE_AFTER:
            out += " "
        out += token
        if token[-1] in _SENTENCE_END:
            capital_next = True
    return out


def render(
    text: str,
    *,
    style: str = "tone",
    sandhi: bool = True,
    as_json: bool = False,
    words: bool = False,
) -> str:
    """What `publish pinyin` prints for `text` (see cli/pinyin.py).

    Raises PublishError on bad input."""
    import json

    from ..errors import PublishError
    from ..traditional import is_traditional, simplified_for_reading

    if not text.strip():
        raise PublishError("no text given: pass TEXT or pipe it on standard input")
    engine = Engine(style=style, sandhi=sandhi)
    # The engine reads simplified Chinese (銀行 read as written is yín xíng): a traditional
    # text is read in simplified characters, and printed with its own.
    read = simplified_for_reading(text) if is_traditional(text) else text
    if as_json:
        analysis = engine.analyse(read)
        return json.dumps(
            [
                {
                    "char": char,
                    "pinyin": None if syllable is None else convert(syllable, style),
                    "source": source,
                    "confidence": None if confidence is None else round(confidence, 4),
                }
                for char, syllable, source, confidence in zip(
                    text, analysis.syllables, analysis.sources, analysis.confidences, strict=True
                )
            ],
            ensure_ascii=False,
        )
    if not HAN.search(text):
        raise PublishError("the text has no Han character: nothing to read")
    if words:
        return word_joined(engine, read)
    # A Han character with no known reading stands for itself, so that the syllables after it
    # stay over their characters (𠀀和𫠝 -> hē hé 𫠝).
    return " ".join(
        char if reading is None else reading
        for char, reading in zip(text, engine.readings(read), strict=True)
        if reading is not None or HAN.fullmatch(char)
    )
