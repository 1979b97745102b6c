"""Half-width punctuation in Chinese text -> full-width (`--normalize-punctuation`).

Text processing step: a pure function over strings (`normalize_punctuation`), and the same over
a model's runs (`normalize_inlines`, for `model.map_inlines`), so it can run on an imported or
loaded article before the builders. Chinese text takes full-width marks (GB/T 15834-2011
标点符号用法; W3C clreq §3.1); pages typed on Western keyboards often carry half-width ones, as
the seed does ("组成部分,要坚持").

The rules, for `,` `:` `;` `?` `!` `(` `)` and nothing else:

- a mark becomes full-width (`，` `：` `；` `？` `！`) when the nearest character on either side
  is Chinese (Han, CJK punctuation, full-width forms), looking past spaces, quotation marks and
  the marks of this set; spaces around a converted mark are dropped (the full-width mark
  carries its own space);
- a mark between two digits is never changed: numbers (1,000), times (09:15), ratios (3:2);
- a pair of parentheses becomes （ ） when it holds Han characters, or when a Chinese
  character stands outside it; a pair holding no Chinese after a Latin letter or digit
  stays: f(x), Windows (XP);
- URLs and e-mail addresses are left alone, and so is Latin text (its neighbours are Latin);
- full stops, hyphens, quotation marks and dates (2018-11-16) are out of scope.

The function is idempotent: full-width marks are never touched again.
"""

from __future__ import annotations

import re

from .model import Inlines, Text, plain_text, rewrite_texts

FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_SEPARATORS = ",:;?!"
# Chinese: CJK radicals to unified ideographs (with CJK punctuation 3000-303F), compatibility
# ideographs, full-width forms, and the supplementary ideograph planes.
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
"""A Han character: ideographs (unified, extension A, compatibility, the supplementary planes),
not punctuation. It is also what "holds Chinese" means for the inside of parentheses."""
# W3C clreq §3.1.7 (行首行尾禁则): a closing mark never starts a line, an opening mark never
# ends one.
CLOSING = "。，、；：？！）」』”’〉》】〕…"
"""Marks that never start a line."""
OPENING = "（「『“‘〈《【〔"
"""Marks that never end a line."""
# Looked past when finding a mark's neighbours: spaces, quotation marks and the marks of this
# set in both widths, so converting one mark never changes the decision for another (which
# makes the function idempotent).
_TRANSPARENT = set(" \t\u00a0\u3000\"'“”‘’") | set(FULL_WIDTH) | set(FULL_WIDTH.values())
_PROTECTED = re.compile(
    r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
)
_URL_TAIL = ".,;:!?)'"


def normalize_punctuation(text: str, before: str = "", after: str = "") -> str:
    """`text` with half-width punctuation in Chinese made full-width (see the module rules).

    `before` and `after` are the text around it (the neighbouring runs of a paragraph), read
    for context and never changed.
    """
    whole = before + text + after
    edits = _edits(whole)
    start, end = len(before), len(before) + len(text)
    if not any(start <= position < end for position in edits):
        return text
    return "".join(edits.get(i, whole[i]) for i in range(start, end))


def normalize_inlines(runs: Inlines) -> Inlines:
    """`runs` with `normalize_punctuation` applied to every text, in the context of the others."""
    whole = plain_text(runs)
    edits = _edits(whole)
    if not edits:
        return runs
    return rewrite_texts(
        runs,
        lambda text, offset: (
            Text("".join(edits.get(i, whole[i]) for i in range(offset, offset + len(text)))),
        ),
    )


def _edits(text: str) -> dict[int, str]:
    """Replacements by position ("" deletes a space next to a converted mark)."""
    protected = _protected(text)
    edits: dict[int, str] = {}
    for position, char in enumerate(text):
        if char in _SEPARATORS and position not in protected and _converts(text, position):
            edits[position] = FULL_WIDTH[char]
            _drop_spaces(text, position, edits, protected)
    for opening, closing in _pairs(text, protected):
        if _pair_converts(text, opening, closing):
            if opening is not None:
                edits[opening] = "（"
            if closing is not None:
                edits[closing] = "）"
    return edits


def _protected(text: str) -> set[int]:
    positions: set[int] = set()
    if "@" not in text and "." not in text and "/" not in text:
        return positions
    for match in _PROTECTED.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in _URL_TAIL:
            if text[end - 1] == ")" and text.count("(", match.start(), end) >= text.count(
                ")", match.start(), end
            ):
                break  # a balanced parenthesis belongs to the URL (Wikipedia links)
            end -= 1
        positions.update(range(match.start(), end))
    return positions


def _neighbour(text: str, position: int, step: int) -> str:
    position += step
    while 0 <= position < len(text) and text[position] in _TRANSPARENT:
        position += step
    return text[position] if 0 <= position < len(text) else ""


def _converts(text: str, position: int) -> bool:
    left = text[position - 1] if position > 0 else ""
    right = text[position + 1] if position + 1 < len(text) else ""
    if left.isdigit() and right.isdigit() and left.isascii() and right.isascii():
        return False
    return bool(
        _CJK.match(_neighbour(text, position, -1) or " ")
        or _CJK.match(_neighbour(text, position, 1) or " ")
    )


def _drop_spaces(text: str, position: int, edits: dict[int, str], protected: set[int]) -> None:
    for step in (-1, 1):
        index = position + step
        while 0 <= index < len(text) and text[index] == " " and index not in protected:
            edits[index] = ""
            index += step


def _pairs(text: str, protected: set[int]) -> list[tuple[int | None, int | None]]:
    """Matched ( ) pairs, and unmatched ones with None for the missing side."""
    pairs: list[tuple[int | None, int | None]] = []
    stack: list[int] = []
    for position, char in enumerate(text):
        if position in protected:
            continue
        if char == "(":
            stack.append(position)
        elif char == ")":
            pairs.append((stack.pop() if stack else None, position))
    pairs.extend((opening, None) for opening in stack)
    return pairs


def _pair_converts(text: str, opening: int | None, closing: int | None) -> bool:
    if opening is not None and closing is not None:
        if HAN.search(text, opening + 1, closing):
            return True
        left = _neighbour(text, opening, -1)
        if left.isascii() and left.isalnum():
            return False  # f(x), Windows (XP): notation or Latin text, not Chinese parentheses
        return bool(_CJK.match(left or " ") or _CJK.match(_neighbour(text, closing, 1) or " "))
    single = opening if opening is not None else closing
    assert single is not None
    return bool(
        _CJK.match(_neighbour(text, single, -1) or " ")
        or _CJK.match(_neighbour(text, single, 1) or " ")
    )
