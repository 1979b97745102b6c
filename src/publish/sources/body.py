"""An article's Markdown body -> model blocks (the article loader, `article.py`, reads the
front matter).

Sources step. The conventions (see docs/sources.md):

- body headings start at `##`; consecutive headings of the same level with nothing between them
  are one headline set over several lines (a setext heading may also span lines);
- `::: interviewee NAME | ROLE` ... `:::` is one interviewee's section; its first heading is the
  section's headline;
- `::: signature` ... `:::` holds the lines that close an official notice (the issuing offices
  and the date, 落款), one paragraph each, set at the right;
- a paragraph holding only `![alt](image.png "caption")` is a figure; a table may be followed by a
  `Table: caption` (or `表：caption`) paragraph;
- raw HTML is not interpreted: it is text, like everything else in an article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from ..errors import ProblemCollector
from ..files import path_problem
from ..model import (
    Block,
    Emphasis,
    Figure,
    Heading,
    Inline,
    Inlines,
    Interview,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Signature,
    Strong,
    Table,
    Text,
    merge_headlines,
    plain_text,
)
from .fields import checked_image, resolve_inside

_CAPTION = re.compile(r"^(?:Table|表)\s*[:：]\s*")
# CJK ideographs, kana, hangul and full-width forms: a soft line break between two of these
# joins without a space (W3C clreq: Chinese is written without spaces between words).
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.disable("html_block")
    md.disable("html_inline")
    # markdown-it turns a link to a refused scheme (javascript:, file:) silently into text;
    # every link is kept here so that `link_scheme_problem` reports it (docs/sources.md).
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md.use(container_plugin, name="interviewee").use(container_plugin, name="signature")


LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""The URL schemes a link may use; a link without a scheme is relative (a page of the site)."""


def link_scheme_problem(href: str) -> str | None:
    """Why a link's target is refused (javascript:, file:, data: ...), or None."""
    scheme = re.match(r"^\s*([a-z][a-z0-9+.-]*):", href, re.IGNORECASE)
    if scheme is None or scheme.group(1).lower() in LINK_SCHEMES:
        return None
    return (
        f"link to {href[:60]!r}: {scheme.group(1).lower()}: links are not published "
        f"(use {', '.join(sorted(LINK_SCHEMES))})"
    )


_MD = _markdown()

MAX_PARAGRAPH_CHARS = 100_000
"""The longest paragraph, heading or table cell, in characters (a long paragraph has 2,000).
Line breaking in the PDF takes about 0.12 s per 1,000 characters of one paragraph (80,000:
11 s); a 5 MB line would take minutes, so it is refused up front (docs/sources.md)."""

MAX_TABLE_CELLS = 10_000
"""The most cells a table may have (500 rows of 10 columns set as a PDF in 10 s; 2,000 rows of
50 took 155 s and 2.7 GB); split a larger table."""

MAX_INLINE_DEPTH = 16
"""How deeply emphasis, strong emphasis and links may nest inside one another; deeper nesting
is refused before it reaches Python's recursion limit (markdown-it's own limit of 20 covers
quotes and lists)."""


def body_blocks(
    body: str, path: Path, root: Path, first_line: int, problems: ProblemCollector
) -> tuple[Block, ...]:
    """The blocks of an article's body, which starts on the file's line `first_line`; each
    problem is added to `problems` with its line."""
    return _BodyConverter(path, root, first_line, problems).blocks(_MD.parse(body))


@dataclass
class _BodyConverter:
    """Turns markdown-it's token stream into model blocks, collecting problems with lines."""

    path: Path
    root: Path
    first_line: int
    problems: ProblemCollector

    def line(self, token: Token) -> int | None:
        return self.first_line + token.map[0] if token.map else None

    def problem(self, token: Token, message: str) -> None:
        self.problems.add(self.path, message, self.line(token))

    def blocks(self, tokens: Sequence[Token]) -> tuple[Block, ...]:
        blocks: list[Block] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            end = _closing(tokens, index)
            inner = tokens[index + 1 : end]
            block = self.block(token, inner)
            if block is not None:
                blocks.append(block)
            index = end + 1
        return merge_headlines(_attach_table_captions(blocks))

    def block(self, token: Token, inner: Sequence[Token]) -> Block | None:
        match token.type:
            case "heading_open":
                level = int(token.tag[1])
                if level == 1:
                    self.problem(
                        token,
                        "a level-1 heading in the body: the title comes from the "
                        "front matter, so start body headings at ##",
                    )
                    return None
                # A setext heading's source lines are the lines of a multi-line headline.
                return Heading(level, self.inlines(inner[0], line_breaks=True))
            case "paragraph_open":
                return self.paragraph(token, inner[0])
            case "blockquote_open":
                return Quote(self.blocks(inner))
            case "bullet_list_open" | "ordered_list_open":
                items = []
                index = 0
                while index < len(inner):
                    end = _closing(inner, index)
                    items.append(self.blocks(inner[index + 1 : end]))
                    index = end + 1
                start = int(token.attrGet("start") or 1)
                return ListBlock(token.type == "ordered_list_open", tuple(items), start)
            case "table_open":
                return self.table(token, inner)
            case "container_interviewee_open":
                return self.interview(token, inner)
            case "container_signature_open":
                return Signature(self.blocks(inner))
            case "fence" | "code_block":
                self.problem(
                    token,
                    "code blocks are not supported in articles: write the text as "
                    "a paragraph or a quote (> ...)",
                )
            case "hr":
                self.problem(
                    token,
                    "a thematic break (---, ***) is not supported: start a new "
                    "section with a ## heading instead",
                )
            case _:
                self.problem(token, f"unsupported Markdown ({token.type})")
        return None

    def paragraph(self, token: Token, inline: Token) -> Block | None:
        children = inline.children or []
        if len(children) == 1 and children[0].type == "image":
            return self.figure(token, children[0])
        return Paragraph(self.inlines(inline))

    def figure(self, token: Token, image: Token) -> Figure | None:
        # markdown-it percent-encodes link targets (中文.png -> %E4%B8%AD...): a local file's
        # name is the decoded one. The alt text is the image's parsed runs (escapes resolved).
        src = unquote(str(image.attrGet("src") or ""))
        alt = plain_text(self.inlines(image)).strip()
        if not alt:
            self.problem(token, f"image {src!r} has no alt text: describe it in ![...]")
        too_long = path_problem(src)
        if too_long is not None:
            self.problem(token, f"image {src[:60]!r}…: {too_long}")
            return None
        target = resolve_inside(self.root, self.path.parent, src)
        if target is None:
            self.problem(token, f"image {src!r} is outside the project: keep images in its folder")
            return None
        if not target.is_file():
            self.problem(token, f"image {src!r} not found: check the path (relative to this file)")
            return None
        broken = checked_image(target, self.root)
        if broken is not None:
            self.problem(token, f"image {src!r}: {broken}")
            return None
        title = str(image.attrGet("title") or "").strip()
        return Figure(target, alt, (Text(title),) if title else ())

    def table(self, token: Token, inner: Sequence[Token]) -> Table | None:
        count = sum(t.type == "inline" for t in inner)
        if count > MAX_TABLE_CELLS:
            self.problem(
                token,
                f"a table of {count:,} cells (at most {MAX_TABLE_CELLS:,}): split it into "
                "several tables",
            )
            return None
        rows: list[tuple[Inlines, ...]] = []
        cells: list[Inlines] = []
        for token in inner:
            if token.type == "tr_open":
                cells = []
            elif token.type == "inline":
                cells.append(self.inlines(token))
            elif token.type == "tr_close":
                rows.append(tuple(cells))
        return Table(rows[0], tuple(rows[1:]))

    def interview(self, token: Token, inner: Sequence[Token]) -> Interview | None:
        info = token.info.strip()
        spec = info[len("interviewee") :].strip()
        name, _, role = (part.strip() for part in spec.partition("|"))
        if not name:
            self.problem(
                token, "interviewee section without a name: write '::: interviewee NAME | ROLE'"
            )
            return None
        blocks = self.blocks(inner)
        headline = None
        if blocks and isinstance(blocks[0], Heading):
            headline, blocks = blocks[0], blocks[1:]
        return Interview((Text(name),), (Text(role),) if role else (), headline, blocks)

    def inlines(self, inline: Token, line_breaks: bool = False) -> Inlines:
        if len(inline.content) > MAX_PARAGRAPH_CHARS:
            self.problem(
                inline,
                f"a paragraph of {len(inline.content):,} characters (at most "
                f"{MAX_PARAGRAPH_CHARS:,}): break it into paragraphs",
            )
            return ()
        depth = deepest = 0
        for child in inline.children or []:
            depth += child.nesting
            deepest = max(deepest, depth)
        if deepest > MAX_INLINE_DEPTH:
            self.problem(
                inline,
                f"emphasis, strong emphasis and links nested {deepest} deep (at most "
                f"{MAX_INLINE_DEPTH}): simplify the markup",
            )
            return (Text(inline.content),)
        runs, _ = self._runs(inline.children or [], 0, None, inline, line_breaks)
        return _join_texts(runs)

    def _runs(
        self,
        tokens: list[Token],
        index: int,
        closing: str | None,
        parent: Token,
        line_breaks: bool = False,
    ) -> tuple[list[Inline], int]:
        runs: list[Inline] = []
        while index < len(tokens):
            token = tokens[index]
            index += 1
            match token.type:
                case "text" | "code_inline" | "html_inline":
                    runs.append(Text(token.content))
                case "softbreak":
                    runs.append(LineBreak() if line_breaks else Text("\n"))  # see _join_texts
                case "hardbreak":
                    runs.append(LineBreak())
                case "em_open" | "strong_open" | "link_open":
                    kind = token.type.removesuffix("_open")
                    children, index = self._runs(
                        tokens, index, f"{kind}_close", parent, line_breaks
                    )
                    inner = _join_texts(children)
                    if kind == "em":
                        runs.append(Emphasis(inner))
                    elif kind == "strong":
                        runs.append(Strong(inner))
                    else:
                        href = str(token.attrGet("href") or "")
                        refused_link = link_scheme_problem(href)
                        if refused_link is not None:
                            self.problem(parent, refused_link)
                        runs.append(Link(href, inner))
                case "image":
                    self.problem(
                        parent,
                        "an image inside text: put each image in a paragraph of "
                        'its own, as ![alt](file "caption")',
                    )
                case _ if token.type == closing:
                    return runs, index
                case _:
                    self.problem(parent, f"unsupported Markdown ({token.type})")
        return runs, index


def _closing(tokens: Sequence[Token], index: int) -> int:
    """The index of the token closing the one at `index` (itself when it is not an opener)."""
    if tokens[index].nesting != 1:
        return index
    depth = 0
    for position in range(index, len(tokens)):
        depth += tokens[position].nesting
        if depth == 0:
            return position
    return len(tokens) - 1


def _join_texts(runs: list[Inline]) -> Inlines:
    """Merge adjacent text runs; a soft line break joins Chinese without a space."""
    merged: list[Inline] = []
    for run in runs:
        if isinstance(run, Text) and not run.text:
            continue  # markdown-it's empty text before a paragraph's opening **
        if isinstance(run, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + run.text)
        else:
            merged.append(run)
    return tuple(
        Text(_resolve_soft_breaks(run.text)) if isinstance(run, Text) else run for run in merged
    )


def _resolve_soft_breaks(text: str) -> str:
    if "\n" not in text:
        return text
    parts = text.split("\n")
    out = parts[0]
    for part in parts[1:]:
        before, after = out[-1:], part[:1]
        joiner = "" if _CJK.match(before or " ") or _CJK.match(after or " ") else " "
        out = out + joiner + part
    return out


def _attach_table_captions(blocks: list[Block]) -> list[Block]:
    """A `Table: ...` (or `表：...`) paragraph right after a table is that table's caption."""
    attached: list[Block] = []
    for block in blocks:
        previous = attached[-1] if attached else None
        if (
            isinstance(previous, Table)
            and not previous.caption
            and isinstance(block, Paragraph)
            and block.children
            and isinstance(first := block.children[0], Text)
            and _CAPTION.match(first.text)
        ):
            caption = (Text(_CAPTION.sub("", first.text, count=1)), *block.children[1:])
            attached[-1] = replace(previous, caption=caption)
        else:
            attached.append(block)
    return attached
