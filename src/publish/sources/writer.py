"""Model -> article source: the Markdown with YAML front matter that `article.load_article` reads.

The inverse of the sources step, used by `publish import`. Writing then loading gives back an
equal `Article` (tests/sources/test_writer.py holds it to that). The output is canonical:
front matter keys in a fixed order (title, subtitle, slug, date, date_guessed, source, authors,
category, language, tags, summary, pinyin), defaults left out, one blank line between blocks,
the lines of a multi-line headline as consecutive headings, interviewee sections as
`::: interviewee NAME | ROLE` ... `:::`. Text is escaped only where Markdown would read it as
syntax, so Chinese prose stays readable.

What a source cannot say is refused with a `ValueError` rather than written wrongly: pinyin
`Ruby` runs (the pinyin step adds them after loading), a title with markup or line breaks, a
level-1 heading, two headings of one level in a row (a source reads them as one headline), an
interviewee section whose first block is a heading but that has no headline.
"""

from __future__ import annotations

import os
import re
import tempfile
from datetime import datetime, time
from pathlib import Path
from typing import Any

import yaml

from ..model import (
    Article,
    Block,
    Emphasis,
    Figure,
    Heading,
    Inlines,
    Interview,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Ruby,
    Signature,
    Strong,
    Table,
    Text,
    plain_text,
    split_lines,
)
from .fields import slug_for


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """SafeDumper (libyaml's when PyYAML has it: 10x faster, the same text) that writes dates
    plain, as the loader (which has no timestamps) reads them."""


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}

# Characters that are Markdown syntax anywhere in a line (CommonMark backslash escapes).
_INLINE = re.compile(r"([\\`*_\[\]<])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Syntax at the start of a block's first line: headings, quotes, lists, thematic breaks,
# setext underlines and containers.
_LINE_START = re.compile(r"^([#>+\-=:|~])")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])")


def article_markdown(article: Article, path: Path) -> str:
    """The source text of `article` as it would be saved at `path`."""
    front = _front_matter(article, path)
    body = _blocks(article.blocks, path.parent)
    return f"---\n{front}---\n\n{body}" if body else f"---\n{front}---\n"


def write_article(article: Article, path: Path, *, overwrite: bool = False) -> Path:
    """Save `article` at `path` atomically (a temporary file, then a rename).

    An existing file is replaced only with `overwrite`; otherwise `FileExistsError`, and nothing
    is written. A failure never leaves a partial source behind.
    """
    return write_text(article_markdown(article, path), path, overwrite=overwrite)


def manifest_yaml(
    title: str, articles: list[str], *, publisher: str = "", language: str = "zh-Hans"
) -> str:
    """A `publish.yaml` listing `articles` (paths relative to it) in reading order."""
    data: dict[str, Any] = {"title": title}
    if publisher:
        data["publisher"] = publisher
    if language != "zh-Hans":
        data["language"] = language
    data["articles"] = articles
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def write_text(text: str, path: Path, *, overwrite: bool = False) -> Path:
    """Save `text` at `path` atomically, as `write_article` does (same rules)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        # mkstemp makes the file private (0600); a source gets the usual permissions.
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        if overwrite:
            os.replace(temporary, path)
        else:
            # A hard link fails if the name exists, so no other writer can slip in between a
            # check and the rename.
            try:
                os.link(temporary, path)
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links
                if path.exists():
                    raise FileExistsError(path) from None
                os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path


# --------------------------------------------------------------------------- front matter


def _front_matter(article: Article, path: Path) -> str:
    data: dict[str, Any] = {"title": _plain_line(article.title, "the title")}
    if article.subtitle:
        data["subtitle"] = _plain_line(article.subtitle, "the subtitle")
    if article.slug != slug_for(path):
        data["slug"] = article.slug
    if article.date is not None:
        data["date"] = _date(article.date)
        if article.date_guessed:
            data["date_guessed"] = True
    if article.source:
        data["source"] = article.source
    if article.authors:
        data["authors"] = article.authors[0] if len(article.authors) == 1 else list(article.authors)
    if article.category:
        joined = "/".join(article.category)
        separators = re.compile(r"[/>／＞]")
        data["category"] = (
            list(article.category)
            if any(separators.search(p) or p != p.strip() for p in article.category)
            else joined
        )
    if article.language != "zh-Hans":
        data["language"] = article.language
    if article.tags:
        data["tags"] = list(article.tags)
    if article.summary:
        data["summary"] = article.summary
    if article.pinyin:
        data["pinyin"] = {word: " ".join(readings) for word, readings in article.pinyin}
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def _date(value: datetime) -> str:
    """ISO 8601: the date alone at midnight, else minutes (and seconds when there are any)."""
    if (
        value.timetz().replace(tzinfo=None) == time()
        and value.utcoffset() is not None
        and (
            value.utcoffset().total_seconds() == 8 * 3600  # type: ignore[union-attr]
        )
    ):
        return value.date().isoformat()
    spec = "seconds" if value.second or value.microsecond else "minutes"
    return value.isoformat(timespec=spec if not value.microsecond else "microseconds")


def _plain_line(runs: Inlines, what: str) -> str:
    if not all(isinstance(r, Text) for r in runs):
        raise ValueError(f"{what} holds markup or line breaks, which front matter cannot say")
    text = plain_text(runs)
    if "\n" in text or text != text.strip():
        raise ValueError(f"{what} {text!r} has line breaks or surrounding spaces")
    return text


# --------------------------------------------------------------------------- blocks


def _blocks(blocks: tuple[Block, ...], folder: Path) -> str:
    parts: list[str] = []
    previous: Block | None = None
    alternate = False
    for block in blocks:
        if (
            isinstance(block, Heading)
            and isinstance(previous, Heading)
            and (block.level == previous.level)
        ):
            raise ValueError(
                "two headings of one level in a row read back as one headline: "
                "join them with a LineBreak"
            )
        if (
            isinstance(block, ListBlock)
            and isinstance(previous, ListBlock)
            and (block.ordered == previous.ordered)
        ):
            # Two lists in a row with the same marker read back as one list: CommonMark starts
            # a new list when the bullet (- *) or the number's delimiter (. )) changes.
            alternate = not alternate
        else:
            alternate = False
        parts.append(
            _list(block, folder, alternate)
            if isinstance(block, ListBlock)
            else _block(block, folder)
        )
        previous = block
    return "\n".join(parts)


def _block(block: Block, folder: Path) -> str:
    match block:
        case Heading(level=level, children=children):
            if not 2 <= level <= 6:
                raise ValueError(f"heading level {level}: body headings are levels 2 to 6")
            lines = _split_lines(children)
            return "".join(f"{'#' * level} {_inlines(line, heading=True)}\n" for line in lines)
        case Paragraph(children=children):
            # Line breaks (verse, an address) are CommonMark hard breaks: a backslash at the
            # end of the line.
            lines = _split_lines(children)
            return "\\\n".join(_start(_inlines(line)) for line in lines) + "\n"
        case Signature(blocks=inner):
            return f"::: signature\n\n{_blocks(inner, folder)}\n:::\n"
        case Quote(blocks=inner):
            text = _blocks(inner, folder)
            return "".join(f"> {line}".rstrip() + "\n" for line in text.splitlines())
        case ListBlock():
            return _list(block, folder)
        case Figure(image=image, alt=alt, caption=caption):
            target = Path(os.path.relpath(image, folder)).as_posix()
            target = f"<{target}>" if re.search(r"[\s()<>]", target) else target
            title = plain_text(caption).replace("\\", "\\\\").replace('"', '\\"')
            title_part = f' "{title}"' if caption else ""
            return f"![{_alt(alt)}]({target}{title_part})\n"
        case Table(header=header, rows=rows, caption=caption):
            text = _row(header) + "|" + "---|" * len(header) + "\n"
            text += "".join(_row(row) for row in rows)
            if caption:
                text += f"\nTable: {_inlines(caption)}\n"
            return text
        case Interview(name=name, role=role, headline=headline, blocks=inner):
            if headline is None and inner and isinstance(inner[0], Heading):
                raise ValueError(
                    "an interviewee section without a headline cannot start with a "
                    "heading: the source would read it as the headline"
                )
            spec = _plain_line(name, "an interviewee name")
            if "|" in spec:
                raise ValueError(f"interviewee name {spec!r} holds '|'")
            if role:
                spec += f" | {_plain_line(role, 'an interviewee role')}"
            body = _blocks(((headline,) if headline else ()) + inner, folder)
            return f"::: interviewee {spec}\n\n{body}\n:::\n"
    raise TypeError(f"not a block: {block!r}")


def _list(block: ListBlock, folder: Path, alternate: bool = False) -> str:
    lines: list[str] = []
    for number, item in enumerate(block.items, start=block.start):
        if block.ordered:
            marker = f"{number}{')' if alternate else '.'}"
        else:
            marker = "*" if alternate else "-"
        text = _blocks(item, folder).rstrip("\n")
        pad = " " * (len(marker) + 1)
        for index, line in enumerate(text.splitlines() or [""]):
            if index == 0:
                lines.append(f"{marker} {line}".rstrip())
            else:
                lines.append(f"{pad}{line}" if line else "")
    return "\n".join(lines) + "\n"


def _row(cells: tuple[Inlines, ...]) -> str:
    return "|" + "|".join(f" {_inlines(c).replace('|', chr(92) + '|')} " for c in cells) + "|\n"


def _split_lines(runs: Inlines) -> list[Inlines]:
    lines = split_lines(runs)
    if any(not line for line in lines):
        raise ValueError("a headline with an empty line cannot be written")
    return lines


def _start(text: str) -> str:
    """Escape what would make a paragraph's first characters block syntax."""
    ordered = _ORDERED_START.match(text)
    if ordered:
        return f"{ordered.group(1)}\\{ordered.group(2)}{text[ordered.end() :]}"
    return _LINE_START.sub(r"\\\1", text)


def _inlines(runs: Inlines, heading: bool = False) -> str:
    out: list[str] = []
    for run in runs:
        match run:
            case Text(text=text):
                escaped = _escape(text)
                out.append(escaped.replace("#", "\\#") if heading else escaped)
            case Emphasis(children=children):
                out.append(f"*{_inlines(children, heading)}*")
            case Strong(children=children):
                out.append(f"**{_inlines(children, heading)}**")
            case Link(href=href, children=children):
                target = f"<{href}>" if re.search(r"[\s()<>]", href) else href
                out.append(f"[{_inlines(children, heading)}]({target})")
            case Ruby():
                raise ValueError(
                    "pinyin (Ruby) runs are added after loading; write the source "
                    "from the model before the pinyin step"
                )
            case LineBreak():
                raise ValueError("a line break can only separate the lines of a headline")
            case _:
                raise ValueError(
                    f"{type(run).__name__} runs are made after loading; sources cannot hold them"
                )
    return "".join(out)


def _alt(alt: str) -> str:
    """Alt text as written: the loader reads it raw (markdown-it's token content), so it is
    escaped only where the image syntax needs it (brackets that are not balanced)."""
    if "\n" in alt:
        raise ValueError(f"alt text with a newline cannot be written: {alt!r}")
    depth = 0
    for char in alt:
        depth += {"[": 1, "]": -1}.get(char, 0)
        if depth < 0:
            break
    return alt if depth == 0 else alt.replace("[", "\\[").replace("]", "\\]")


def _escape(text: str) -> str:
    if "\n" in text:
        raise ValueError(f"text with a newline cannot be written: {text!r}")
    return _ENTITY.sub("\\&", _INLINE.sub(r"\\\1", text))
