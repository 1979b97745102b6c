"""Which characters a source may hold: the one rule `check` and `build` share.

Sources step. Every output is UTF-8 (HTML, XHTML inside the EPUB, the PDF's text), and XML 1.0
(§2.2 Char) allows neither C0 controls other than tab, line feed and carriage return, nor lone
surrogates, nor U+FFFE/U+FFFF. A lone surrogate cannot be encoded at all; a control or a
noncharacter (Unicode §23.7: "not for open interchange") is invisible in an editor and breaks
the EPUB. Such text is refused on load with its line and column, so `check` reports what
`build` would fail on.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import SourceError

_REFUSED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 (tab, LF, CR aside), DEL and C1 controls
    "\ud800-\udfff"  # surrogates: alone they are no character and cannot be encoded
    "\ufdd0-\ufdef\ufffe\uffff"  # noncharacters
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(0x1, 0x11))
    + "]"
)


def refused(text: str) -> str | None:
    """Why the first character of `text` that no output can carry is refused, with its
    column when the text has several lines; None when every character is fine."""
    found = _REFUSED.search(text)
    if found is None:
        return None
    at = found.start()
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return (
        f"character U+{ord(found.group()):04X} at column {column} cannot be published "
        "(a control character, a lone surrogate or a noncharacter): delete it"
    )


def check_text(text: str, path: Path | None, first_line: int = 1) -> None:
    """Raise a `SourceError` at the first character of `text` no output can carry."""
    reason = refused(text)
    if reason is not None:
        found = _REFUSED.search(text)
        assert found is not None
        raise SourceError.at(path, reason, first_line + text.count("\n", 0, found.start()))
