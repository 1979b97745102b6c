"""Which characters a source may hold: the one rule `check` and `build` share; reading a
source file as such text.

Sources step. Every output is UTF-8 (HTML, XHTML inside the EPUB, the PDF's text), and XML 1.0
(§2.2 Char) allows neither C0 controls other than tab, line feed and carriage return, nor lone
surrogates, nor U+FFFE/U+FFFF. A lone surrogate cannot be encoded at all; a control or a
noncharacter (Unicode §23.7: "not for open interchange") is invisible in an editor and breaks
the EPUB. Such text is refused on load with its line and column, so `check` reports what
`build` would fail on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from .errors import SourceError
from .files import MAX_SOURCE_BYTES, read_inside

_REFUSED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 (tab, LF, CR aside), DEL and C1 controls
    "\ud800-\udfff"  # surrogates: alone they are no character and cannot be encoded
    "\ufdd0-\ufdef\ufffe\uffff"  # noncharacters
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(0x1, 0x11))
    + "]"
)

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
INVISIBLE = re.compile(f"[{_ZERO_WIDTH}]")
"""Zero-width characters: carried from web pages and word processors, seen by nobody."""

_TRADITIONAL = re.compile(
    "[們個來這說時會國學發經對點問與業從電機過長開關體實現還當進動區樣麼頭邊義處無應聽萬種東書車門聞報論務導將場愛術歷難總統幾陽據華習]"
)
_SIMPLIFIED = re.compile(
    "[们个来这说时会国学发经对点问与业从电机过长开关体实现还当进动区样么头边义处无应听万种东书车门闻报论务导将场爱术历难总统几阳据华习]"
)


def written_language(text: str) -> str:
    """zh-Hant when `text` is written in traditional characters, else zh-Hans: the language
    of an article that does not say (`language:` in its front matter, `lang` on a page).

    Counted on the traditional and simplified forms of 60 of the commonest characters that
    differ (們 个, 來 来, 說 说 ...), which any paragraph of either script uses: at least 3
    traditional, and twice the simplified ones (a simplified text that quotes a shop sign
    stays simplified). Some 20 ms for 1,000 articles, where OpenCC's conversion both ways
    (`traditional.is_traditional`) takes 1.5 s.
    """
    traditional = len(_TRADITIONAL.findall(text))
    simplified = len(_SIMPLIFIED.findall(text))
    return "zh-Hant" if traditional >= 3 and traditional > 2 * simplified else "zh-Hans"


_EDGES = re.compile(rf"^[\s{_ZERO_WIDTH}]+|[\s{_ZERO_WIDTH}]+$")


def refused(text: str) -> str | None:
    """Why the first character of `text` that no output can carry is refused (what it is, its
    column, the text around it), or None when every character is fine."""
    found = _REFUSED.search(text)
    return None if found is None else _reason(text, found)


def every_refused(text: str) -> Iterator[str]:
    """Why each character of `text` that no output can carry is refused, in order."""
    return (_reason(text, found) for found in _REFUSED.finditer(text))


def strip_refused(text: str) -> str:
    """`text` without the characters no output can carry (for pages brought in by `import`,
    whose stray control bytes are no part of the article)."""
    return _REFUSED.sub("", text)


def trimmed(text: str) -> str:
    """A one-line field (a title) without the spaces and zero-width characters at its ends: a
    zero-width space before a title is invisible in an editor, but a title that opens with one
    begins its page's text one character late and makes a title of spaces look written."""
    return _EDGES.sub("", text)


def read_text(path: Path, root: Path | None) -> str:
    """A source file's text, read only inside `root` (None: the manifest itself, which makes
    the root); bytes that are not UTF-8 or text that cannot be encoded is a located problem."""
    text = read_unchecked(path, root)
    check_text(text, path)
    return text


def read_unchecked(path: Path, root: Path | None, realpaths: dict[str, str] | None = None) -> str:
    """A source file's text as `read_text` reads it, but not checked for the characters no
    output can carry (`check_text`): for text whose check an earlier build made. `realpaths`:
    the folders resolved so far in a batch of sources (`files.inside`)."""
    folders = None if root is None else (root,)
    data = read_inside(path, folders, MAX_SOURCE_BYTES, "source", realpaths)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SourceError.at(
            path,
            f"bytes that are not UTF-8 (0x{data[error.start]:02x} at byte {error.start}): "
            "save the file as UTF-8, or bring the page in with `publish import`",
            line,
        ) from None
    return text


def check_text(text: str, path: Path | None, first_line: int = 1) -> None:
    """Raise a `SourceError` at the first character of `text` no output can carry."""
    found = _REFUSED.search(text)
    if found is not None:
        line = first_line + text.count("\n", 0, found.start())
        raise SourceError.at(path, _reason(text, found), line)


def _reason(text: str, found: re.Match[str]) -> str:
    char, at = found.group(), found.start()
    if "\ud800" <= char <= "\udfff":
        what = "half of a surrogate pair"
    elif char <= "\x9f":
        what = "control character"
    else:
        what = "noncharacter"
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    around = _REFUSED.sub("\N{REPLACEMENT CHARACTER}", text[max(at - 8, 0) : at + 8])
    around = " ".join(around.split())
    return (
        f"{what} U+{ord(char):04X} at column {column} in “{around}” cannot be published: "
        "delete it from the source"
    )
