"""What real renderings of the editions show, measured without a human: which font sets each
text (Chromium's own account of its fonts, through the DevTools protocol) and which face each
character of a PDF is set in (pdfplumber)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publish import fonts
from publish.config import Settings


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
    (`fonts.print_family`, "-Bold" for the bold face), whose cmap must have the character."""
    import pdfplumber

    family = fonts.print_family(settings).replace(" ", "-")
    cmaps = {
        family + ("-Bold" if face.weight >= fonts.BOLD else ""): fonts.charset(face.path)
        for face in fonts.font_faces(settings)
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
