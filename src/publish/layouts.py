"""Layouts: the Jinja2 environment every builder renders its templates with.

Builders step. Templates are looked up in the project's own `layouts/` first, then in the bundled
`layouts/`; `bundled/NAME` always names the bundled file, so an override can extend it
(`{% extends "bundled/web/article.html" %}`) instead of copying it. Autoescaping is on for every
markup template: the model holds text, never pre-rendered markup.

A project's layouts are untrusted (a print shop builds what others send it): when a project has
its own, every template runs in Jinja2's immutable sandbox, which refuses the attribute walks
that reach Python (`cycler.__init__.__globals__.os`) and any change to the objects it is given,
and project templates are read only through `files.read_inside` (a symbolic link out of the
project is refused). `trust_layouts` (the manifest's `trust_layouts: true`, `--trust-layouts`)
lifts the sandbox, not the rule on where files are read.
"""

from __future__ import annotations

import os
import re
import traceback
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateNotFound,
)
from jinja2.ext import Extension
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from .config import PINYIN_STYLES, Script, bundled_path, reading_em, reading_fit, reading_pitch_em
from .endings import line_endings
from .errors import PublishError, SourceError
from .files import MAX_LAYOUT_BYTES, read_inside
from .fonts.faces import text_width_em
from .model import Article, Emphasis, Inline, Inlines, Ruby, Strong, Text, plain_text
from .phrasing import phrases
from .punctuation import CLOSING, OPENING

_MARKUP_SUFFIXES = ("html", "xhtml", "xml", "opf", "ncx", "svg")


def environment(
    project_layouts: Path | None = None, script: Script | None = None, trusted: bool = False
) -> Environment:
    """The template environment: project layouts over bundled ones, autoescaped; sandboxed
    when the project has layouts of its own, unless they are `trusted`.

    For a traditional edition (`script`), the layouts' own words (目录, 来源, the toolbar's 字体)
    are converted as the text is, and so are the labels the layouts get from here
    (`metadata_line`, the `in_script` filter).
    """
    bundled = FileSystemLoader(bundled_path("layouts"))
    loaders: list[Any] = [PrefixLoader({"bundled": bundled})]
    if project_layouts is not None:
        loaders.append(ProjectLoader(project_layouts))
    loaders.append(bundled)
    labels = _label_converter(script)
    sandboxed = project_layouts is not None and not trusted
    environment_type = _Sandbox if sandboxed else Environment
    env = environment_type(
        extensions=[_LabelsInScript] if script is not None and script.traditional else [],
        loader=ChoiceLoader(loaders),
        autoescape=lambda name: name is not None and name.rsplit(".", 1)[-1] in _MARKUP_SUFFIXES,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["kind"] = kind
    env.filters["css_string"] = css_string
    env.filters["date_zh"] = date_zh
    env.filters["iso"] = lambda value: value.isoformat() if value else ""
    env.globals["metadata_line"] = (
        metadata_line
        if labels is None
        else lambda article: [(labels(label), value) for label, value in metadata_line(article)]
    )
    env.filters["in_script"] = labels or (lambda text: text)
    env.extend(convert_labels=labels)
    env.globals["reading_em"] = reading_em
    env.globals["reading_pitch_em"] = reading_pitch_em
    env.globals["fit_classes"] = FIT_CLASSES
    env.filters["glue_punctuation"] = glue_punctuation
    env.filters["word_ties"] = word_ties
    env.filters["line_endings"] = line_endings
    env.filters["phrases"] = phrases
    # A heading's `style` attribute for even lines: print's own (builders/pdf/balance.py); the
    # site and the EPUB balance headings with CSS `text-wrap: balance`.
    env.globals["balanced"] = lambda runs, level: ""
    # A table cell's column label on a narrow screen (common/blocks.html, common/tables.css).
    env.filters["plain_text"] = plain_text
    # Where the project's templates are: an exception raised inside one is the project's
    # error (one line), anywhere else a bug (a traceback).
    env.project_layouts = str(Path(project_layouts).resolve()) if project_layouts else None  # type: ignore[attr-defined]
    return env


def _label_converter(script: Script | None) -> Callable[[str], str] | None:
    """OpenCC's conversion for the script's labels, or None for a simplified edition."""
    if script is None or not script.traditional:
        return None
    from .traditional import converter

    return converter(script.opencc)


class _LabelsInScript(Extension):
    """Converts the Han characters a layout writes itself, once, as the template is loaded.

    Template text holds the layouts' words and Jinja's markup (ASCII, which OpenCC leaves as
    it is); the model's text comes in through expressions, already converted."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        convert = self.environment.convert_labels  # type: ignore[attr-defined]
        return str(convert(source)) if convert is not None else source


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with sizes bounded: `"字" * 10**10` or `9 ** 9 ** 9` in a project
    template would take the machine's memory or time, not just fail."""

    intercepted_binops = frozenset({"*", "**"})
    LARGEST = 10_000_000

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 1000:
            raise SecurityError(f"an exponent of {right} is too large")
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if (
                    isinstance(sequence, str | list | tuple)
                    and isinstance(count, int)
                    and len(sequence) * count > self.LARGEST
                ):
                    raise SecurityError("a repeated string or list would be too long")
        return super().call_binop(context, operator, left, right)


class ProjectLoader(BaseLoader):
    """A project's `layouts/` folder, each template read through `files.read_inside`."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder.joinpath(*split_template_path(template))
        if not path.is_symlink() and not path.is_file():
            raise TemplateNotFound(template)
        data = read_inside(path, (self.folder,), MAX_LAYOUT_BYTES, "layout")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise SourceError.at(
                path, f"layout is not UTF-8 (byte {error.start}): save it as UTF-8"
            ) from None
        mtime = path.stat().st_mtime
        return text, str(path), lambda: path.is_file() and path.stat().st_mtime == mtime

    def list_templates(self) -> list[str]:
        return sorted(
            p.relative_to(self.folder).as_posix() for p in self.folder.rglob("*") if p.is_file()
        )


def render(env: Environment, name: str, **context: Any) -> str:
    """Render one template; a broken project layout is the user's error, not a traceback."""
    try:
        template: Template = env.get_template(name)
        return template.render(**context)
    except TemplateError as error:
        where = f"{error.filename}:{error.lineno}: " if getattr(error, "lineno", None) else ""  # type: ignore[attr-defined]
        raise PublishError(f"layout {name}: {where}{error.message or error}") from None
    except (ArithmeticError, LookupError, TypeError, ValueError, RecursionError) as error:
        # {{ 1 // 0 }} or a macro calling itself in a project's template: the project's error.
        project = getattr(env, "project_layouts", None)
        frames = traceback.extract_tb(error.__traceback__)
        inside = [f for f in frames if project and f.filename.startswith(project + os.sep)]
        if not inside:
            raise
        where = f"{Path(inside[-1].filename).name}:{inside[-1].lineno}"
        raise PublishError(
            f"layout {name}: {where}: {type(error).__name__}: {str(error)[:200]}"
        ) from None


FIT_STEP = 5
"""Condensed readings come in steps of 5 % (one CSS class per step, `FIT_CLASSES`)."""

FIT_CLASSES = tuple((f"fit{percent}", percent / 100) for percent in range(50, 100, FIT_STEP))
"""Every class `reading_fit_class` can give, with its horizontal scale, narrowest first."""


def reading_fit_class(face: Path, reading: str, cells: int = 1) -> str:
    """The class condensing a reading to fit its cells of the even grid ("" when it fits).

    The width is the reading's in `face` (the family's regular face, as in the PDF), without
    zhuyin's neutral-tone dot, which the stylesheets set over the first symbol. The scale is
    rounded down to a step, so a condensed reading never reaches its neighbour's.
    """
    shown = reading[1:] if reading[:1] == "˙" and len(reading) > 1 else reading
    scale = reading_fit(text_width_em(face, shown), cells)
    if scale >= 1:
        return ""
    percent = max(FIT_STEP * int(scale * 100 // FIT_STEP), int(FIT_CLASSES[0][1] * 100))
    return f"fit{percent}"


def ruby_renderer(
    env: Environment, words: bool, style: str, face: Path, both: bool = False
) -> Callable[[Ruby], Markup]:
    """The `ruby` macro of common/ruby.html (HTML and EPUB), rendered once per distinct word.

    A collection repeats its words, and a macro call per word was two thirds of the pages'
    render time (100 articles: 1.0 CPU-s, against 0.35 s reusing each word's markup;
    docs/benchmarks.md). The markup still comes only from the template, which a project may
    override. `face` measures the readings for their fit on the grid (`reading_fit_class`).
    """
    template = env.get_template("common/ruby.html")
    macro = template.module.ruby  # type: ignore[attr-defined]
    lang = PINYIN_STYLES[style]
    # The bundled macro writes a run of per-character ruby as its characters' markups one after
    # another, so each character is rendered once: a collection's words are new to the cache
    # for many pages (300 articles: 32,000 of 158,000 runs), its characters with their readings
    # only for the first few. A project's own ruby.html is rendered a run at a time.
    by_character = not words and not both and template.filename == _BUNDLED_RUBY

    @cache
    def fit(reading: str, cells: int = 1) -> str:
        # A collection has a few thousand distinct readings in all: each measured once.
        return reading_fit_class(face, reading, cells)

    @cache
    def character(char: str, reading: str) -> str:
        return str(macro(Ruby(char, (reading,)), fit, words, lang, both))

    @cache
    def ruby(run: Ruby) -> Markup:
        if by_character:
            return Markup("".join(character(char, reading) for char, reading in run.pairs()))
        return Markup(macro(run, fit, words, lang, both))

    return ruby


def bundled_layout(*parts: str) -> str:
    """A bundled layout's file, as Jinja2's loader names it (`Template.filename`): whether a
    project overrides a template."""
    return str(bundled_path("layouts").joinpath(*parts))


_BUNDLED_RUBY = bundled_layout("common", "ruby.html")
"""The bundled ruby macro's file (`ruby_renderer`)."""


def css_string(value: object) -> Markup:
    """`value` as a quoted CSS string (CSS Syntax 3 §4.3.5): a project's font may name itself
    anything, and a `"` or a line break must not end the string and start rules of its own."""
    escaped = re.sub(
        r'["\\\x00-\x1f\x7f]',
        lambda m: "\\" + (m.group() if m.group() in '"\\' else f"{ord(m.group()):x} "),
        str(value),
    )
    return Markup(f'"{escaped}"')


def kind(node: object) -> str:
    """The model type of a run or block, lower-case (`text`, `ruby`, `heading`, ...)."""
    return type(node).__name__.lower()


def date_zh(value: datetime | None, with_time: bool = True) -> str:
    """A date as Chinese readers write it: 2018年11月16日 09:15."""
    if value is None:
        return ""
    text = f"{value.year}年{value.month}月{value.day}日"
    if with_time and (value.hour or value.minute):
        text += f" {value:%H:%M}"
    return text


def metadata_line(article: Article) -> list[tuple[str, str]]:
    """The article's metadata line as (label, value) pairs, shared by every format."""
    pairs = []
    if article.date is not None:
        pairs.append(("发布时间", date_zh(article.date)))
    if article.source:
        pairs.append(("来源", article.source))
    if article.authors:
        pairs.append(("作者", "、".join(article.authors)))
    return pairs


# W3C clreq §3.1.7 (行首行尾禁则): a closing mark never starts a line, an opening mark never
# ends one. A space the source puts before a closing mark or after an opening one (the seed's
# "早教进社区 ”公益") is a break opportunity all the same (UAX #14 LB18): it becomes a no-break
# space (LB12, LB12a); print drops it (LB19: no break before a quotation mark), since the
# full-width mark carries its own space and on the pinyin grid any character, a no-break space
# or a zero-width word joiner alike, takes a cell of its own.
_SPACE_BEFORE_CLOSING = re.compile(f" +(?=[{CLOSING}])")
_SPACE_AFTER_OPENING = re.compile(f"(?<=[{OPENING}]) +")


def glue_punctuation(text: str, joiner: str = "\u00a0") -> str:
    """`text` with each space before a closing or after an opening mark made `joiner` (a
    no-break space; the print layout drops it)."""
    if " " not in text:
        return text
    text = _SPACE_BEFORE_CLOSING.sub(joiner, text)
    return _SPACE_AFTER_OPENING.sub(joiner, text)


_LEADING_CLOSING = re.compile(f"^ *[{CLOSING}]+")
_TRAILING_OPENING = re.compile(f"[{OPENING}]+ *$")


def word_ties(runs: Inlines, every: bool = False) -> list[tuple[object, str, str]]:
    """`runs` as (run, before, after): the opening marks before a word's ruby (or, with `every`,
    any ruby's) and the closing marks after it, each cut from the text next to it, to be kept
    on one line with the ruby.

    A word's ruby (`--pinyin-words`, `Ruby.written`) is an inline box on the site, and a
    browser may break on either side of any box, where clreq §3.1.7 forbids it ("。" starting
    a line). Per-character ruby is inline text, which Chromium breaks by the rules of Chinese
    text; WebKit (Apple Books, Kobo) breaks after its reading's box all the same, so the site
    and the EPUB tie `every` ruby. Other runs get ("", "").

    A mark is tied across emphasis too ("**听见了什么**、", clreq §3.1.7 holds across inline
    elements): with `every`, the emphasis next to it is cut in two, and its end character, in
    an emphasis of its own, is tied with the mark.
    """
    if every:
        runs = _cut_emphasis(runs)
    words = [_tied(run, every) for run in runs]
    texts = [run.text if isinstance(run, Text) else "" for run in runs]
    before = [""] * len(runs)
    after = [""] * len(runs)
    for i, word in enumerate(words):
        if not word:
            continue
        if i + 1 < len(runs) and (lead := _LEADING_CLOSING.match(texts[i + 1])):
            after[i] = lead.group()
            texts[i + 1] = texts[i + 1][lead.end() :]
        if i > 0 and not words[i - 1] and (tail := _TRAILING_OPENING.search(texts[i - 1])):
            before[i] = tail.group()
            texts[i - 1] = texts[i - 1][: tail.start()]
    tied: list[tuple[object, str, str]] = []
    for i, run in enumerate(runs):
        if isinstance(run, Text) and texts[i] != run.text:
            # The constructors, not dataclasses.replace: a page makes some 200 (a third of
            # the filter's time with replace).
            tied.append((Text(texts[i]), before[i], after[i]))
        elif isinstance(run, Ruby) and not run.written and (before[i] or after[i]):
            tied += _tie_ends(run, before[i], after[i])
        else:
            tied.append((run, before[i], after[i]))
    return tied


def _tied(run: object, every: bool) -> bool:
    """Whether `run` is kept on one line with the marks around it: a word's ruby, with `every`
    any ruby, and an emphasis of one such run (what `_cut_emphasis` cuts off)."""
    if isinstance(run, Ruby):
        return every or bool(run.written)
    if isinstance(run, (Emphasis, Strong)):
        return len(run.children) == 1 and _tied(run.children[0], every)
    return False


def _cut_emphasis(runs: Inlines) -> Inlines:
    """`runs` with each emphasis that ends on a ruby before a closing mark (or starts on one
    after an opening mark) cut in two: that ruby's end character in an emphasis of its own,
    which word_ties then ties to the mark. A link is left whole: cut, it would be two links."""
    cut: list[Inline] = []
    for i, run in enumerate(runs):
        pieces: list[Inline] = [run]
        previous = runs[i - 1] if i > 0 else None
        following = runs[i + 1] if i + 1 < len(runs) else None
        opening = isinstance(previous, Text) and _TRAILING_OPENING.search(previous.text)
        if isinstance(run, (Emphasis, Strong)) and opening and (edge := _edge(run, last=False)):
            pieces = [piece for piece in edge if piece is not None]
        closing = isinstance(following, Text) and _LEADING_CLOSING.match(following.text)
        last = pieces[-1]
        if isinstance(last, (Emphasis, Strong)) and closing and (edge := _edge(last, last=True)):
            pieces[-1:] = [piece for piece in reversed(edge) if piece is not None]
        cut += pieces
    return tuple(cut)


def _edge(run: Inline, last: bool) -> tuple[Inline, Inline | None] | None:
    """(the first or `last` character of `run` as a run of its own, the rest of `run` or None),
    or None when that character is not a ruby's. Emphasis keeps its element on both pieces."""
    if isinstance(run, Ruby):
        if run.written or len(run.chars()) == 1:
            return run, None  # a word's ruby is never cut
        part = run.part
        return (part(-1, None), part(0, -1)) if last else (part(0, 1), part(1, None))
    if isinstance(run, (Emphasis, Strong)) and run.children:
        inner = _edge(run.children[-1 if last else 0], last)
        if inner is None:
            return None
        edge, rest = inner
        others = run.children[:-1] if last else run.children[1:]
        kept = (*others, rest) if last else (rest, *others)
        children = tuple(child for child in kept if child is not None)
        return replace(run, children=(edge,)), (
            replace(run, children=children) if children else None
        )
    return None


def _tie_ends(run: Ruby, before: str, after: str) -> list[tuple[object, str, str]]:
    """A word of per-character ruby with only its first character tied to the opening marks
    before it and its last to the closing marks after it: lines still break between its
    characters, by the rules of Chinese text."""
    count = len(run.chars())  # a character with its variation selectors is one
    first = 1 if before and count > 1 else 0
    last = count - 1 if after and count - first > 1 else count

    def part(start: int, stop: int) -> Ruby:
        # The word's written form stays whole on each part (as it always has here).
        return replace(run.part(start, stop), written=run.written)

    if first == 0 and last == count:
        return [(run, before, after)]
    parts: list[tuple[object, str, str]] = []
    if first:
        parts.append((part(0, 1), before, ""))
    parts.append((part(first, last), "" if first else before, "" if last < count else after))
    if last < count:
        parts.append((part(last, count), "", after))
    return parts
