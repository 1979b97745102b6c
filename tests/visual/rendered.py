"""What real renderings of the editions show, measured without a human: which font sets each
text (Chromium's own account of its fonts, through the DevTools protocol) and which face each
character of a PDF is set in (pdfplumber)."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publish.config import Settings
from publish.fonts.faces import BOLD, charset, font_faces, print_family
from publish.model import (
    Collection,
    Figure,
    Heading,
    Inlines,
    Interview,
    Link,
    Paragraph,
    Quote,
    Table,
    Text,
    plain_text,
    split_lines,
    walk_blocks,
)
from publish.punctuation import CLOSING


@dataclass(frozen=True, slots=True)
class Unset:
    """Text that a face of the document's own fonts does not set (a system fallback, or tofu
    where the reader has none)."""

    document: str
    text: str
    font: str


def system_fonts_used(page: Any, document: str) -> list[Unset]:
    """Every element (and ::before/::after) of the loaded `page` whose text Chromium sets, in
    part, in a font that is not one of the document's @font-face fonts."""
    page.evaluate("() => document.fonts.ready.then(() => true)")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    found = []
    for node, text in _texts(root):
        used = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        for font in used:
            if not font["isCustomFont"] and font["glyphCount"]:
                found.append(Unset(document, text, font["familyName"]))
    cdp.detach()
    return found


def _texts(node: dict[str, Any]) -> Iterator[tuple[int, str]]:
    """(node id, text) of each element with text of its own, pseudo-elements included."""
    if node.get("nodeName", "").lower() in {"head", "script", "style", "title"}:
        return
    own = "".join(
        child.get("nodeValue", "") for child in node.get("children", ()) if child["nodeType"] == 3
    )
    if own.strip() or node.get("pseudoType") in {"before", "after"}:
        yield node["nodeId"], own.strip()
    for child in (*node.get("pseudoElements", ()), *node.get("children", ())):
        yield from _texts(child)


def pdf_glyph_problems(pdf: Path, settings: Settings) -> list[str]:
    """Characters of `pdf` set in a font that is not a face of the edition holding them: each
    character's font (pdfplumber) is named after the face it was embedded from
    (`print_family`, "-Bold" for the bold face), whose cmap must have the character."""
    import pdfplumber

    family = print_family(settings).replace(" ", "-")
    cmaps = {
        family + ("-Bold" if face.weight >= BOLD else ""): charset(face.path)
        for face in font_faces(settings)
    }
    problems = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            for char in page.chars:
                text = char["text"]
                name = char["fontname"].split("+", 1)[-1]
                cmap = cmaps.get(name)
                if cmap is None:
                    problems.append(f"page {number}: {text!r} in {name}, not a face of the edition")
                elif any(ord(c) not in cmap for c in text):
                    problems.append(f"page {number}: {text!r} is not in {name}")
    return problems


# --------------------------------------------------------------------------- lines of a PDF


def body_lines(pdf: Path, settings: Settings) -> list[list[str]]:
    """Each page's lines of text in the text area (running heads and page numbers left out),
    top to bottom, without readings (glyphs smaller than the body) and without spaces."""
    return [[row.text for row in rows] for rows in body_rows(pdf, settings)]


@dataclass(frozen=True, slots=True)
class Row:
    """A line of body-size text on a page."""

    text: str
    """Its characters, left to right, without spaces."""
    top: float
    """The top of its characters, in points from the top of the page."""
    bottom: float
    """The bottom of its characters."""


def body_rows(pdf: Path, settings: Settings) -> list[list[Row]]:
    """`body_lines` with the place of each line on its page."""
    import pdfplumber

    from publish.builders.pdf.geometry import MM_PER_PT, geometry

    geo = geometry(settings)
    pt = 1 / MM_PER_PT
    pages = []
    with pdfplumber.open(pdf) as document:
        sizes = Counter(
            round(c["size"], 1) for p in document.pages for c in p.chars if _is_han(c["text"])
        )
        body = sizes.most_common(1)[0][0]
        for page in document.pages:
            top = (geo.media_bleed_mm + geo.top_mm) * pt - 2
            bottom = page.height - (geo.media_bleed_mm + geo.bottom_mm) * pt + 2
            rows: dict[int, list[dict[str, Any]]] = {}
            for char in page.chars:
                if char["size"] < body * 0.95 or not char["text"].strip():
                    continue
                if not top <= char["top"] <= bottom:
                    continue
                rows.setdefault(round(char["bottom"] / 4), []).append(char)
            lines = []
            for _key, row in sorted(rows.items()):
                row.sort(key=lambda c: c["x0"])
                lines.append(
                    Row(
                        "".join(c["text"] for c in row),
                        min(c["top"] for c in row),
                        max(c["bottom"] for c in row),
                    )
                )
            pages.append(lines)
    return pages


def _is_han(text: str) -> bool:
    return bool(text) and "\u4e00" <= text[0] <= "\u9fff"


def keep_texts(collection: Collection) -> list[str]:
    """The texts that must stay with what follows them: headings, table captions,
    interviewees' roles and names (spaces removed)."""
    texts: list[str] = []

    def visit(blocks: Iterable[object]) -> None:
        for block in blocks:
            match block:
                case Heading(children=runs):
                    texts.append(plain_text(runs))
                case Table(caption=caption):
                    texts.append(plain_text(caption))
                case Interview(name=name, role=role, headline=headline, blocks=inner):
                    texts.extend((plain_text(role), plain_text(name)))
                    if headline is not None:
                        texts.append(plain_text(headline.children))
                    visit(inner)
                case Quote(blocks=inner):
                    visit(inner)

    for article in collection.articles:
        texts.append(article.title_text)
        visit(article.blocks)
    return ["".join(t.split()) for t in texts if t.strip()]


def figure_captions(collection: Collection) -> list[str]:
    """The captions of the figures (spaces removed)."""
    texts: list[str] = []

    def visit(blocks: Iterable[object]) -> None:
        for block in blocks:
            match block:
                case Figure(caption=caption):
                    texts.append("".join(plain_text(caption).split()))
                case Interview(blocks=inner) | Quote(blocks=inner):
                    visit(inner)

    for article in collection.articles:
        visit(article.blocks)
    return [text for text in texts if text]


def stranded(pages: list[list[str]], keep: list[str]) -> list[str]:
    """Lines ending a heading, caption, role or name with nothing but such lines after them on
    their page, while the text goes on on the next: stranded at the foot. (That what follows
    keeps two lines with them is the paragraphs' orphans, 2.)

    The page's last lines are taken as such only when, together, they are whole texts of
    `keep`: a table cell's last line "诈骗" is not the heading "第三步：小心诈骗"."""
    whole = set(keep)

    def kept_lines(lines: list[str]) -> int:
        """How many of `lines`' last lines hold whole texts of `keep`."""
        tail = 0
        while True:
            end = len(lines) - tail
            lengths = range(1, min(KEEP_LINES_AT_MOST, end) + 1)
            taken = next((k for k in lengths if "".join(lines[end - k : end]) in whole), 0)
            if not taken:
                return tail
            tail += taken

    found = []
    for number, lines in enumerate(pages[:-1], start=1):
        if not pages[number] or not lines:
            continue
        tail = kept_lines(lines)
        if tail and tail < len(lines):
            found.append(f"page {number}: {' / '.join(lines[-tail:])}")
    return found


KEEP_LINES_AT_MOST = 6
"""The most lines one heading, caption, role or name is set in (a long role at 特大 on A5)."""


def lone_endings(pages: list[list[str]], headings: list[str]) -> list[str]:
    """Last lines of a title, heading or paragraph (`headings`) that hold a single Han
    character (and perhaps its closing punctuation) after a line of the same text."""
    found = []
    for number, lines in enumerate(pages, start=1):
        for before, line in itertools.pairwise(lines):
            han = [c for c in line if _is_han(c)]
            # A word or number after the character fills the line ("成“abc12345”。").
            words = any(c.isalnum() and not _is_han(c) for c in line)
            if len(han) != 1 or not line.startswith(han[0]) or words:
                continue
            if any(text.endswith(before + line) for text in headings):
                found.append(f"page {number}: {before} / {line}")
    return found


def heading_texts(collection: Collection) -> list[str]:
    """Titles, subtitles and headings (each line of a multi-line headline), spaces removed."""
    texts: list[str] = []

    def lines(runs: Inlines) -> list[str]:
        return ["".join(plain_text(line).split()) for line in split_lines(runs)]

    def visit(blocks: Iterable[object]) -> None:
        for block in blocks:
            match block:
                case Heading(children=runs):
                    texts.extend(lines(runs))
                case Interview(headline=headline, blocks=inner):
                    if headline is not None:
                        texts.extend(lines(headline.children))
                    visit(inner)

    for article in collection.articles:
        texts.extend(lines(article.title))
        texts.extend(lines(article.subtitle))
        visit(article.blocks)
    return [t for t in texts if t]


def paragraph_texts(collection: Collection) -> list[str]:
    """Each line of the paragraphs (a verse's lines end at a line break), inside quotes, lists
    and interviews too, spaces removed; but not those that end in a link, which the layouts
    keep no ending inside (`endings.split_ending`)."""
    return [
        "".join(plain_text(line).split())
        for article in collection.articles
        for block in walk_blocks(article.blocks)
        if isinstance(block, Paragraph)
        for line in split_lines(block.children)
        if not _ends_in_link(line)
    ]


def _ends_in_link(runs: Inlines) -> bool:
    """Whether the runs' last text, closing marks aside, is a link's."""
    for run in reversed(runs):
        if isinstance(run, Text) and not run.text.strip().rstrip(CLOSING):
            continue
        return isinstance(run, Link)
    return False


# --------------------------------------------------------------------------- blank pages


@dataclass(frozen=True, slots=True)
class PageEnd:
    """How a page of an article ends: how much of its text area is left blank, and what the
    next page opens with."""

    number: int
    """The page's number, from 1."""
    blank: float
    """The share of the text area left blank below the page's last line, figure or rule."""
    next_opens: str
    """What the next page opens with: "keep" (a heading, caption, interviewee's role or name,
    which the keep rules carry over with what follows them), "figure" (never broken inside),
    "table" (a table's rows, broken only between them) or "text" (a paragraph's lines)."""
    kept: float
    """The share of the text area that the next page's opening takes and the layout's rules
    hold together, so that it could not have been set on this page in less: the kept lines
    and the two lines after them (orphans and widows are 2), the figure with its caption, or
    the table row."""


def page_ends(pdf: Path, settings: Settings, collection: Collection) -> list[PageEnd]:
    """Every page but the front matter and the pages an article ends on (before a forced break:
    each article starts a page), with the blank it leaves and what the next page opens with.

    The text area is the page less its margins, so running heads and page numbers, which sit
    outside it, are no part of it."""
    import pdfplumber

    from publish.builders.pdf.geometry import MM_PER_PT, geometry

    geo = geometry(settings)
    pt = 1 / MM_PER_PT
    rows = body_rows(pdf, settings)
    lines = [[row.text for row in page] for page in rows]
    keep = keep_texts(collection)
    captions = figure_captions(collection)
    titles = ["".join(article.title_text.split()) for article in collection.articles]
    # An article starts a page with its title (after the title's readings, which may be as
    # large as the body at 小).
    starts = [
        any(len(line) >= 2 and title.startswith(line) for title in titles for line in page[:3])
        for page in lines
    ]
    found = []
    with pdfplumber.open(pdf) as document:
        marks = []
        for page in document.pages:
            top = (geo.media_bleed_mm + geo.top_mm) * pt
            bottom = page.height - (geo.media_bleed_mm + geo.bottom_mm) * pt
            # The page's background (a rectangle as large as the text area) is no mark.
            inside = [
                (item["top"], item["bottom"], kind)
                for kind, items in (
                    ("text", page.chars),
                    ("figure", page.images),
                    ("table", (*page.rects, *page.lines)),
                )
                for item in items
                if top - 2 <= item["top"]
                and item["bottom"] <= bottom + 2
                and item["bottom"] - item["top"] < (bottom - top) / 2
            ]
            marks.append((top, bottom, inside))
        for number in range(len(marks) - 1):
            if starts[number + 1] or not any(starts[: number + 1]):
                continue
            top, bottom, inside = marks[number]
            if not inside:
                continue
            blank = max(0.0, (bottom - max(b for _, b, _ in inside)) / (bottom - top))
            opens, kept_bottom = _opening(marks[number + 1][2], rows[number + 1], keep, captions)
            # From the top of the text area: the margin above a heading or an interviewee's
            # role is kept at the top of a page, and would be on this one.
            kept = (kept_bottom - marks[number + 1][0]) / (bottom - top)
            found.append(PageEnd(number + 1, blank, opens, kept))
    return found


def _opening(
    inside: list[tuple[float, float, str]], rows: list[Row], keep: list[str], captions: list[str]
) -> tuple[str, float]:
    """What a page opens with (see `PageEnd.next_opens`), and where what the layout's rules
    hold together there ends."""
    # Readings as large as the body (a title's, at 小) are no line of their own.
    rows = [row for row in rows if any(_is_han(char) for char in row.text)]
    if not inside or not rows:
        return "text", max((b for _, b, _ in inside), default=0.0)
    first_top, _, kind = min(inside)
    if kind == "figure" and first_top < rows[0].top - 1:
        # A figure is never broken: its image and the caption under it.
        end = max(b for t, b, k in inside if k == "figure" and t < rows[0].top)
        for row in rows:
            if row.top > end and any(row.text in text for text in captions):
                end = row.bottom
        return kind, end
    kept = 0
    # A kept text's last line may hold one character (主席 broken after 主).
    while kept < len(rows) and (len(rows[kept].text) >= 2 or kept):
        if not any(rows[kept].text in text for text in keep):
            break
        kept += 1
    # The kept lines and the two lines after them (a paragraph's orphans and widows: 2)...
    end = rows[min(kept + 1, len(rows) - 1)].bottom
    # ... or, where a table starts among them, down to the rule under its first row: a row is
    # never broken, and a caption stays with the header and the first row.
    rules: list[float] = []  # where rows start and end (a border's edges within 3 pt: one)
    for top in sorted(t for t, _, k in inside if k == "table"):
        if not rules or top - rules[-1] > 3:
            rules.append(top)
    starts = [t for t in rules if t <= end]
    if kind == "table" and first_top < rows[0].top - 1:
        # A table continued: its header, repeated, and its next row.
        return "table", rules[min(2, len(rules) - 1)]
    if starts:
        after = [t for t in rules if t >= starts[0]]
        end = after[min(2, len(after) - 1)]
    return "keep" if kept else "text", end
