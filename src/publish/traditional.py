"""The pipeline's script step: simplified sources printed in traditional characters.

Sources -> model -> pinyin -> **script (this module)** -> font check -> builders. It runs after
the pinyin step, so readings are decided on the simplified text the author wrote (头发 tóufa,
发展 fāzhǎn) and only the characters under them change (頭髮, 發展). OpenCC converts by phrase,
not character by character: 发 is 發 or 髮 and 后 is 後 or 后 by the word around it.

Each run sequence (a paragraph, a heading, a cell) is converted whole, so a phrase that crosses
emphasis or a link is still seen as one, and the result is cut back onto the runs. Articles
that are already in traditional characters (tagged zh-Hant, or written that way) are left as
they are, only tagged: converted again, an author's 台 would become 臺 in a Taiwan edition and
臺 become 台 in a Hong Kong one. Their readings are decided on their simplified form too
(`reading_forms`, called by the pinyin step)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache

from .config import Script, Settings
from .errors import PublishError
from .model import (
    Article,
    Block,
    Blocks,
    Collection,
    Emphasis,
    Figure,
    Inline,
    Inlines,
    Interview,
    LineBreak,
    Link,
    ListBlock,
    PageBreak,
    Quote,
    Ruby,
    Strong,
    Text,
    map_inlines,
    plain_text,
    visible_text,
)
from .pinyin import segmentation

Convert = Callable[[str], str]


@cache
def converter(config: str) -> Convert:
    """OpenCC's converter for one of its configurations (s2t, s2twp, s2hk, t2s ...), made once."""
    try:
        import opencc
    except ImportError:  # pragma: no cover - a dependency of the package
        raise PublishError("traditional editions need OpenCC: pip install opencc") from None
    convert: Convert = opencc.OpenCC(config).convert
    if not config.startswith("s2"):
        return convert

    def bounded(text: str) -> str:
        if "里" not in text or _BOUNDARY in text:
            return convert(text)
        words = segmentation.cut(text)
        marked = "".join(_BOUNDARY + w if w in _LOCATIVE_LI else w for w in words)
        return convert(marked).replace(_BOUNDARY, "")

    return bounded


_LOCATIVE_LI = frozenset({"里", "里面", "里头", "里边"})
"""jieba's words for 里 "inside". OpenCC matches the longest phrase it knows, and 道里 (the
Harbin district) is one: 楼道里, 街道里, 隧道里 came out 樓道里 where 樓道裡 (tw) or 樓道裏 is
right. A boundary before these words stops the match; on the 1,237 sentences of
benchmarks/traditional_conversion.py the conversion is unchanged (99.864%)."""

_BOUNDARY = "\ue000"
"""A private-use character no phrase holds, put between words that must not be matched as one
(a text that holds it is converted as it is)."""


def convert_collection(collection: Collection, settings: Settings) -> Collection:
    """`collection` in the script of `settings`, with every output's language tag set."""
    script = settings.script
    if not script.traditional:
        return collection
    # Readings belong to the author's words: with readings, the words are never replaced.
    words = settings.regional_words and not settings.pinyin
    convert = converter(script.opencc_words if words else script.opencc)
    names = converter(script.opencc)
    articles = tuple(_article(a, convert, names, script) for a in collection.articles)
    if all(is_traditional(visible_text(a)) for a in collection.articles):
        strings = (collection.title, collection.subtitle, collection.publisher)
    else:
        strings = (
            convert(collection.title),
            convert(collection.subtitle),
            names(collection.publisher),
        )
    return replace(
        collection,
        title=strings[0],
        subtitle=strings[1],
        publisher=strings[2],
        articles=articles,
        language=script.language,
    )


def is_traditional(text: str) -> bool:
    """Whether `text` is written in traditional characters: it has more characters that only
    traditional text uses (們, 發) than characters that only simplified text uses (们, 发)."""
    traditional = sum(a != b for a, b in zip(text, converter("t2s")(text), strict=False))
    if not traditional:
        return False  # nothing to outnumber: s2t's dictionaries (0.05 s) stay unloaded
    simplified = sum(a != b for a, b in zip(text, converter("s2t")(text), strict=False))
    return traditional > simplified


def _article(article: Article, convert: Convert, names: Convert, script: Script) -> Article:
    """One article converted: its text with `convert`, its names (source, authors) with
    `names`, which never replaces a word (绿园发布 is a name, not news to be 釋出)."""
    if article.language.startswith("zh-Hant") or is_traditional(visible_text(article)):
        return replace(article, language=script.language)
    converted = map_inlines(article, lambda runs: convert_runs(runs, convert))
    return replace(
        converted,
        blocks=_alternatives(converted.blocks, convert),
        source=names(article.source),
        authors=tuple(names(a) for a in article.authors),
        category=tuple(names(c) for c in article.category),
        tags=tuple(names(t) for t in article.tags),
        summary=convert(article.summary),
        language=script.language,
    )


def convert_runs(runs: Inlines, convert: Convert) -> Inlines:
    """`runs` converted as one text; readings stay with their characters.

    When the conversion keeps the length (it always does for characters alone), the converted
    text is cut back at the same offsets. A regional word of another length (s2twp's 方便面 ->
    泡麵) cannot be cut that way: each run is then converted by itself.
    """
    text = plain_text(runs)
    converted = convert(text)
    if converted == text:
        return runs
    if len(converted) == len(text):
        return _respelled(runs, converted, 0)[0]
    return tuple(_each(run, convert) for run in runs)


def _respelled(runs: Inlines, text: str, offset: int) -> tuple[Inlines, int]:
    """`runs` with their characters taken in order from `text`, starting at `offset`."""
    out: list[Inline] = []
    for run in runs:
        match run:
            case Text(text=old):
                out.append(Text(text[offset : offset + len(old)]))
                offset += len(old)
            case Ruby(base=base):
                out.append(replace(run, base=text[offset : offset + len(base)]))
                offset += len(base)
            case Emphasis(children=c) | Strong(children=c) | Link(children=c):
                children, offset = _respelled(c, text, offset)
                out.append(replace(run, children=children))
            case LineBreak():
                out.append(run)
                offset += 1
            case PageBreak():
                out.append(run)
    return tuple(out), offset


def _each(run: Inline, convert: Convert) -> Inline:
    match run:
        case Text(text=text):
            return Text(convert(text))
        case Ruby(base=base):
            # A reading per character: keep the characters if the word would change length.
            converted = convert(base)
            return replace(run, base=converted) if len(converted) == len(base) else run
        case Emphasis(children=c) | Strong(children=c) | Link(children=c):
            return replace(run, children=convert_runs(c, convert))
    return run


def _alternatives(blocks: Blocks, convert: Convert) -> Blocks:
    """`blocks` with each figure's text alternative converted (screen readers read it)."""

    def block(item: Block) -> Block:
        match item:
            case Figure(alt=alt):
                return replace(item, alt=convert(alt))
            case Quote(blocks=inner) | Interview(blocks=inner):
                return replace(item, blocks=_alternatives(inner, convert))
            case ListBlock(items=items):
                return replace(item, items=tuple(_alternatives(i, convert) for i in items))
        return item

    return tuple(block(b) for b in blocks)


def reading_forms(article: Article, texts: list[str]) -> list[str]:
    """The texts of an article as the pinyin engine should read them: in simplified characters.

    The engine's words, dictionaries and model are simplified Chinese; read as written, a
    traditional text loses words (銀行 yín xíng, 頭髮 tóu fà). Each text is converted with
    `t2s` where that keeps its length (it does but for rare phrases), so every reading still
    stands over its own character."""
    if not (article.language.startswith("zh-Hant") or is_traditional(visible_text(article))):
        return texts
    return [simplified_for_reading(text) for text in texts]


def simplified_for_reading(text: str) -> str:
    """`text` converted with `t2s` when that keeps its length (so that each reading found still
    stands over its own character), else as it is."""
    simplified = converter("t2s")(text)
    return simplified if len(simplified) == len(text) else text


def in_both_scripts(
    entries: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A pinyin dictionary (`pinyin.yaml`, an article's `pinyin:`) that applies to text in
    either script: each word also in simplified and in traditional characters, the readings
    kept (a word written 長頸鹿 is found in 长颈鹿, and the other way round)."""
    if not entries:
        return entries
    spelled: dict[str, tuple[str, ...]] = {}
    for word, readings in entries:
        for form in (word, converter("t2s")(word), converter("s2t")(word)):
            if len(form) == len(word):
                spelled.setdefault(form, readings)
    return tuple(spelled.items())
