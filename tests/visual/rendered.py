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
    Heading,
    Inline,
    Inlines,
    Interview,
    LineBreak,
    Quote,
    Table,
    plain_text,
)


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
                if not text.strip():
                    continue
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
                lines.append("".join(c["text"] for c in row))
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


def stranded(pages: list[list[str]], keep: list[str]) -> list[str]:
    """Lines ending a heading, caption, role or name with nothing but such lines after them on
    their page, while the text goes on on the next: stranded at the foot. (That what follows
    keeps two lines with them is the paragraphs' orphans, 2.)"""

    def is_keep(line: str) -> bool:
        return len(line) >= 2 and any(text.endswith(line) for text in keep)

    found = []
    for number, lines in enumerate(pages[:-1], start=1):
        if not pages[number] or not lines:
            continue
        tail = 0
        while tail < len(lines) and is_keep(lines[len(lines) - 1 - tail]):
            tail += 1
        if tail and tail < len(lines):
            found.append(f"page {number}: {' / '.join(lines[-tail:])}")
    return found


def lone_endings(pages: list[list[str]], headings: list[str]) -> list[str]:
    """Last lines of a title or heading that hold a single Han character (and perhaps its
    closing punctuation) after a line of the same heading."""
    found = []
    for number, lines in enumerate(pages, start=1):
        for before, line in itertools.pairwise(lines):
            han = [c for c in line if _is_han(c)]
            if len(han) != 1 or not line.startswith(han[0]):
                continue
            if any(text.endswith(before + line) for text in headings):
                found.append(f"page {number}: {before} / {line}")
    return found


def heading_texts(collection: Collection) -> list[str]:
    """Titles and headings (each line of a multi-line headline), spaces removed."""
    texts: list[str] = []

    def lines(runs: Inlines) -> list[str]:
        parts: list[list[Inline]] = [[]]
        for run in runs:
            if isinstance(run, LineBreak):
                parts.append([])
            else:
                parts[-1].append(run)
        return ["".join(plain_text(tuple(part)).split()) for part in parts]

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
        visit(article.blocks)
    return [t for t in texts if t]
