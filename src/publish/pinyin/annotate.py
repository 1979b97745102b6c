"""The pipeline's pinyin step: Han characters of every visible run become `Ruby` words.

Sources -> model -> **annotate (this module)** -> builders. `annotate_collection` is called by
pipeline.py when `settings.pinyin` is on. Readings are decided on each run sequence's whole
text (a paragraph, a heading, a cell), so the context crosses Emphasis, Strong and Link runs;
the result is then split back onto the runs. The text never changes: `plain_text` of every
sequence is the same before and after.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections.abc import Container, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, TypeAlias

from .. import cache
from ..config import Settings
from ..errors import PublishError
from ..model import (
    SELECTOR,
    Article,
    Collection,
    Inlines,
    Interview,
    Ruby,
    Text,
    map_inlines,
    plain_text,
    reading_order,
    rewrite_texts,
    visible_text,
    without_selectors,
)
from ..parallel import map_arguments, processes, return_freed_memory, start
from ..progress import report
from ..traditional import in_both_scripts, reading_forms
from .analysis import Analysis, code_points
from .engine import Engine, analyse_together, check_dictionary
from .orthography import written_words
from .segmentation import HAN
from .styles import convert

log = logging.getLogger("publish")


def annotate_collection(
    collection: Collection, settings: Settings, only: Container[str] | None = None
) -> Collection:
    """A copy of `collection` with pinyin `Ruby` runs; raises PublishError if it has no Han.
    `only`: the slugs of the articles to annotate, the others left as they are (the pipeline's
    second pass, `pipeline._with_bodies`)."""
    if not any(
        HAN.search(plain_text(runs)) for a in collection.articles for runs in reading_order(a)
    ):
        raise PublishError(
            f"{collection.title}: pinyin was asked for but the text has no Han "
            "character: build without --pinyin"
        )
    chosen = [a for a in collection.articles if only is None or a.slug in only]
    texts = [[_flat(runs) for runs in reading_order(a)] for a in chosen]
    report(STEP, 0, len(texts))
    style = f"{settings.pinyin_style}+zhuyin" if settings.html.zhuyin else settings.pinyin_style
    # Word ruby writes pinyin as GB/T 16159 does; zhuyin has no such orthography.
    words = settings.html.pinyin_words and settings.pinyin_style != "zhuyin"
    annotated: dict[str, Article] = {}
    made = _through_cache(chosen, collection, settings, texts, (style, words))
    for article, (done, unknown) in zip(chosen, made, strict=True):
        _warn_unknown(article, unknown)
        annotated[article.slug] = done  # type: ignore[assignment]
    report(STEP, len(texts), len(texts))
    articles = tuple(annotated.get(article.slug, article) for article in collection.articles)
    return replace(collection, articles=articles)


def analysis_key(article: Article, collection: Collection, settings: Settings) -> str:
    """The build cache's key of an article's pinyin analysis (as `analyse_texts` makes it),
    for a build that keeps the entry without reading it (`cache.Cache.carry`)."""
    texts = [_flat(runs) for runs in reading_order(article)]
    return _cache_key(article, collection, settings, texts)


STEP = "标注拼音"
"""The step's name in progress reports."""

ANALYSED_AT_ONCE = 200
"""Articles a worker analyses at once (some 300,000 characters of the generated collections:
the model's batches are as full as with all of a share's; docs/benchmarks.md, "stop 43
memory")."""
PARALLEL_FROM = 50_000
"""Characters from which a collection is analysed by several processes (forking a worker and
sending its analyses back costs about 0.1 s; 50,000 characters take about 0.3 s)."""


def analyse_texts(
    articles: Sequence[Article],
    collection: Collection,
    settings: Settings,
    texts: Sequence[Sequence[str]],
) -> list[dict[str, Analysis]]:
    """Each article's `texts` analysed with that article's engine (its names, the collection's
    and its own dictionaries, `settings.sandhi`): text -> analysis, per article.

    The braille builder gives it the texts it writes (sandhi off: braille spells citation
    tones), some of which no other format reads (metadata lines, table rows); the annotation
    step analyses each article's run sequences the same way. An article analysed by an earlier
    build with the same inputs is read from the build's cache (`publish.cache`); the others are
    analysed here.

    The analyses are as the builders read them (`_lean`): without what only the proof lists
    read, which compute their own (`proof.proof_list`).
    """
    found = _through_cache(articles, collection, settings, texts, None)
    return [analyses for analyses, _ in found]  # type: ignore[misc]


Annotation: TypeAlias = tuple[str, bool] | None
"""How `Ruby` runs are made from an article's analyses: the style and word ruby (see
`annotate_collection`); None: the analyses are wanted, not the article annotated."""

_Made: TypeAlias = tuple[Article | dict[str, Analysis], bytes | None, tuple[str, ...]]
"""An article as an `Annotation` asks (annotated, or its analyses), the cache's entry of its
fresh analysis (`cache.entry`; None: it was read from the cache, or there is no cache), and
the characters it has no reading for."""


def _through_cache(
    articles: Sequence[Article],
    collection: Collection,
    settings: Settings,
    texts: Sequence[Sequence[str]],
    annotation: Annotation,
) -> list[tuple[Article | dict[str, Analysis], tuple[str, ...]]]:
    """Each article's `texts` analysed, or read from the build's cache, and made what
    `annotation` asks: from `PARALLEL_FROM` characters to analyse on, by several processes.

    The workers annotate the articles they analyse and send them back, which the model
    pickles quickly (`model.document`): made in the parent, the `Ruby` runs took a tenth of
    a 1,000-article site's time on one core (docs/benchmarks.md)."""
    store = cache.current()
    keys = [
        _cache_key(article, collection, settings, found) if store is not None else ""
        for article, found in zip(articles, texts, strict=True)
    ]
    kept = [None if store is None else _decoded(store.get("pinyin", key)) for key in keys]
    missing = sum(
        len(text) for group, k in zip(texts, kept, strict=True) if k is None for text in group
    )
    workers = processes(len(articles)) if missing >= PARALLEL_FROM else 1
    # Several shares are all analysed in forked workers, none in this process, which neither
    # loads the engine (dictionaries, segmenter, model: 115 MB) nor keeps the heap the analysis
    # leaves: a building process that analysed a share held 165 MB more at 2,000 articles, for
    # the rest of the build; each worker loading the engine costs 0.6 s of CPU more
    # (docs/benchmarks.md, "s42 parts").
    arguments = [
        (
            articles[share::workers],
            collection,
            settings,
            texts[share::workers],
            kept[share::workers],
            keys[share::workers],
            annotation,
        )
        for share in range(workers)
    ]
    shares = (
        start(_share, arguments, workers)() if workers > 1 else map_arguments(_share, arguments, 1)
    )
    found: list[_Made] = [None] * len(articles)  # type: ignore[list-item]
    for share, done in enumerate(shares):
        found[share::workers] = done
    for key, (_, fresh, _) in zip(keys, found, strict=True):
        if fresh is not None and store is not None:
            store.put_entry("pinyin", key, fresh)
    # The analysis leaves most of what it allocated free, which glibc keeps for this process:
    # a 10,000-article build's parent held 1.2 GB for a collection of 0.9 GB.
    return_freed_memory()
    return [(done, unknown) for done, _, unknown in found]


def _share(
    share: tuple[
        Sequence[Article],
        Collection,
        Settings,
        Sequence[Sequence[str]],
        Sequence[dict[str, Analysis] | None],
        Sequence[str],
        Annotation,
    ],
) -> list[_Made]:
    """Articles `share`, `share + workers`, ... (long and short ones spread evenly) analysed
    where no analysis is kept, and made what the annotation asks."""
    articles, collection, settings, texts, kept, keys, annotation = share
    done: list[_Made] = []
    # A batch at a time: the full analyses (each character's source, confidence and
    # alternatives) and the model's states of a whole share, held at once, made a worker's
    # peak grow with the collection (647 MB at 4,000 articles; docs/benchmarks.md, "stop 43
    # memory"); each batch's are dropped once its articles are made.
    for first in range(0, len(articles), ANALYSED_AT_ONCE):
        batch = range(first, min(first + ANALYSED_AT_ONCE, len(articles)))
        missing = [index for index in batch if kept[index] is None]
        fresh = _analyse(
            [articles[i] for i in missing], collection, settings, [texts[i] for i in missing]
        )
        analysed: dict[int, tuple[dict[str, Analysis] | None, bytes | None]]
        analysed = {index: (kept[index], None) for index in batch}
        for index, found in zip(missing, fresh, strict=True):
            entry = cache.entry("pinyin", keys[index], _encoded(found)) if keys[index] else None
            analysed[index] = (_lean(found), entry)
        del fresh
        for index in batch:
            analyses, entry = analysed.pop(index)
            assert analyses is not None
            unknown = tuple(dict.fromkeys(c for a in analyses.values() for c in a.unknown))
            made = (
                analyses
                if annotation is None
                else _annotated(articles[index], analyses, *annotation)
            )
            done.append((made, entry, unknown))
    return done


def _cache_key(
    article: Article, collection: Collection, settings: Settings, texts: Sequence[str]
) -> str:
    """Everything an article's analysis depends on (see `article_engine`, `reading_forms`)."""
    return cache.key(
        "pinyin",
        settings.pinyin_style,
        settings.sandhi,
        collection.pinyin,
        article.pinyin,
        declared_names(article),
        article.language,
        visible_text(article),
        list(texts),
    )


def _lean(analyses: dict[str, Analysis]) -> dict[str, Analysis]:
    """`analyses` without each character's source, confidence and alternatives: the build
    reads the readings and words only, and a cache entry without them reads back in a third
    of the time (1,000 articles: 1.6 against 0.5 CPU-s of JSON; docs/benchmarks.md)."""
    return {text: Analysis(a.text, a.syllables, a.spans, a.unknown) for text, a in analyses.items()}


def _encoded(analyses: dict[str, Analysis]) -> list[Any]:
    return [(a.text, a.syllables, a.spans, a.unknown) for a in analyses.values()]


def _decoded(value: Any) -> dict[str, Analysis] | None:
    """The analyses of a cache entry, or None if it does not hold them."""
    if not isinstance(value, list):
        return None
    try:
        found = [
            Analysis(
                text, tuple(syllables), tuple((start, end) for start, end in spans), tuple(unknown)
            )
            for text, syllables, spans, unknown in value
        ]
    except (TypeError, ValueError):
        return None
    return {analysis.text: analysis for analysis in found}


def _analyse(
    articles: Sequence[Article],
    collection: Collection,
    settings: Settings,
    texts: Sequence[Sequence[str]],
) -> list[dict[str, Analysis]]:
    """Each distinct text of each article, analysed in context, all together.

    Workers return these plain analyses rather than the annotated articles: tuples of strings
    cross the pipe several times faster than thousands of `Ruby` objects.
    """
    written = [list(dict.fromkeys(found)) for found in texts]
    # An article in traditional characters is read in simplified ones (traditional.py).
    jobs = [
        (article_engine(article, collection, settings), reading_forms(article, unique))
        for article, unique in zip(articles, written, strict=True)
    ]
    return [
        {
            text: analysis if analysis.text == text else replace(analysis, text=text)
            for text, analysis in zip(unique, found, strict=True)
        }
        for unique, found in zip(written, analyse_together(jobs), strict=True)
    ]


def _warn_unknown(article: Article, unknown: Sequence[str]) -> None:
    """Each character of `article` with no reading known, warned once (in the parent: a
    worker's log would not reach the user on a cluster)."""
    for char in unknown:
        log.warning(
            "%s: no pinyin known for %s (%s): left without a reading",
            article.source_path,
            char,
            code_points(char),
        )


def _annotated(article: Article, analyses: dict[str, Analysis], style: str, words: bool) -> Article:
    """`article` with its analysed readings as `Ruby` runs.

    With `words`, the runs are the words GB/T 16159 writes, each with its written form."""
    names = tuple(declared_names(article))

    def change(runs: Inlines) -> Inlines:
        if not runs:
            return runs
        analysis = analyses[_flat(runs)]
        cut = _written_cut(analysis, style, names) if words else _Cut(analysis.spans, ())
        return rewrite_texts(
            runs, lambda text, offset: _ruby_runs(text, offset, analysis, cut, style)
        )

    return map_inlines(article, change)


def article_engine(article: Article, collection: Collection, settings: Settings) -> Engine:
    """An engine with the collection's then the article's dictionary (the article wins)."""
    names = declared_names(article)
    dictionaries = []
    for entries, where in (
        (collection.pinyin, collection.root / "pinyin.yaml"),
        (article.pinyin, article.source_path),
    ):
        try:
            dictionaries.append(check_dictionary(in_both_scripts(entries)))
        except ValueError as error:
            raise PublishError(
                f"{where}: pinyin for {error}: write syllables like lǜ or lv4, one per character"
            ) from None
    return Engine(
        style=settings.pinyin_style,
        sandhi=settings.sandhi,
        dictionary=dictionaries[0],
        article_dictionary=dictionaries[1],
        names=names,
    )


def declared_names(article: Article) -> list[str]:
    """The personal names an article declares: its interviewees' and its authors'."""
    names = [plain_text(block.name) for block in article.blocks if isinstance(block, Interview)]
    return names + list(article.authors)


def _flat(runs: Inlines) -> str:
    """The characters of a run sequence, line breaks as newlines (as `plain_text` counts them)."""
    return plain_text(runs)


@dataclass(frozen=True, slots=True)
class _Cut:
    """Where a text's runs are cut into Ruby words, and how each character is written."""

    spans: Sequence[tuple[int, int]]
    """The words and the runs between them, covering the text in order."""
    written: Sequence[str] = ()
    """Per character, its piece of the written word (`orthography.Written.syllables`), for
    word ruby; else empty."""
    starts: list[int] = field(init=False)
    """The start of each span."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts", [start for start, _ in self.spans])


@lru_cache(maxsize=1 << 12)
def _written_cut(analysis: Analysis, style: str, names: tuple[str, ...]) -> _Cut:
    """The words of `analysis` as GB/T 16159 writes them (orthography.py), worked out once
    per text: a collection repeats its texts (titles in the contents, running heads)."""
    # The orthography reads the text without variation selectors, as the engine does; each
    # selector then joins the word of the character before it, with no piece of its own.
    text, kept = without_selectors(analysis.text)
    readings = [
        None if s is None else convert(s, style.partition("+")[0])
        for s in (analysis.syllables[i] for i in kept)
    ]
    bare_spans = [(bisect_left(kept, a), bisect_left(kept, b)) for a, b in analysis.spans]
    bare_spans = [(a, b) for a, b in bare_spans if a < b]

    def at(index: int) -> int:
        return 0 if index == 0 else kept[index] if index < len(kept) else len(analysis.text)

    written = [""] * len(analysis.text)
    spans: list[tuple[int, int]] = []
    position = 0
    for word in written_words(text, readings, bare_spans, names):
        start, end = at(word.start), at(word.end)
        if start > position:
            spans.append((position, start))
        spans.append((start, end))
        for i, piece in zip(kept[word.start : word.end], word.syllables, strict=True):
            written[i] = piece
        position = end
    if position < len(analysis.text):
        spans.append((position, len(analysis.text)))
    return _Cut(spans, written)


def _ruby_runs(
    text: str, offset: int, analysis: Analysis, cut: _Cut, style: str
) -> list[Text | Ruby]:
    """One Text run cut at word boundaries: a Ruby per word (or part of a word in this run)."""
    pieces: list[Text | Ruby] = []
    plain: list[str] = []
    syllables = analysis.syllables
    end = offset + len(text)
    # A variation selector has no reading of its own (engine.py) but goes with the character
    # before it: into its ruby's base, right after it, so the glyph it chooses is kept.
    read: Sequence[str | None] = syllables
    if SELECTOR.search(text):
        read = list(syllables)
        for i in range(offset + 1, end):
            if read[i] is None and read[i - 1] is not None and SELECTOR.match(analysis.text[i]):
                read[i] = ""

    def ruby(start: int, stop: int) -> None:
        if plain:
            pieces.append(Text("".join(plain)))
            plain.clear()
        chars = [i for i in range(start, stop) if syllables[i] is not None]
        written = tuple(cut.written[i] for i in chars) if cut.written else ()
        found = tuple(syllables[i] for i in chars)
        pieces.append(_ruby(analysis.text[start:stop], found, style, written))  # type: ignore[arg-type]

    index = bisect_right(cut.starts, offset) - 1
    position = offset
    while position < end:
        span_end = min(cut.spans[index][1], end)
        if None not in read[position:span_end]:  # the usual word: read whole
            ruby(position, span_end)
            position = span_end
            index += 1
            continue
        # Inside a word, characters without a reading (unknown Han) stay plain text.
        group_start = position
        while group_start < span_end:
            has = read[group_start] is not None
            group_end = group_start + 1
            while group_end < span_end and (read[group_end] is not None) == has:
                group_end += 1
            if has:
                ruby(group_start, group_end)
            else:
                plain.append(analysis.text[group_start:group_end])
            group_start = group_end
        position = span_end
        index += 1
    if plain:
        pieces.append(Text("".join(plain)))
    return pieces


@lru_cache(maxsize=1 << 16)
def _ruby(base: str, syllables: tuple[str, ...], style: str, written: tuple[str, ...] = ()) -> Ruby:
    """One word's Ruby, made once: a collection repeats its words, and runs are frozen.

    `style` is a reading style, or one and "+zhuyin" for a site that offers both readings;
    `written`, the word as GB/T 16159 writes it, for word ruby."""
    style, _, second = style.partition("+")
    return Ruby(
        base,
        tuple(convert(syllable, style) for syllable in syllables),
        tuple(convert(syllable, second) for syllable in syllables) if second else (),
        written,
    )
