"""Bytes of a saved page -> text, whatever Chinese encoding the page was saved in.

Import step 1 (see `publish.importer`). The rules, in order:

1. a byte-order mark decides (UTF-8, UTF-16);
2. a binary file (NUL bytes, or the magic number of an image, PDF or archive) is refused;
3. bytes that are valid UTF-8 are UTF-8 (Chinese text in a legacy encoding is practically never
   valid UTF-8, so this never misfires, and it catches pages whose declaration lies the other way);
4. otherwise the bytes are tried as the GB family and the Big5 family, each decoded with its
   superset, as browsers do (WHATWG Encoding Standard: the labels gb2312 and gbk name the GBK
   decoder, which is GB18030's; big5 names Big5-HKSCS). A page declared gb2312 whose bytes use
   GBK or GB18030 characters (朱镕基, 刘䶮) therefore decodes correctly: the declaration only
   chooses the family, never a subset codec;
5. when both families decode the bytes, charset-normalizer (a maintained detector) chooses the one
   whose text is coherent; GB18030 decodes almost any byte pair, so Big5 bytes also "decode" as
   GB18030 mojibake, and strict decoding alone cannot tell them apart;
6. bytes that no family decodes are a problem naming the first bad byte and its line.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import SourceError

# Each family: codecs tried in order, the superset first (WHATWG maps gb2312/gbk to GB18030's
# decoder and big5 to Big5-HKSCS); cp936/cp950 add the few Windows code points (0x80 = €,
# Big5 0xA3E1 = €) that the supersets lack in Python.
GB = ("gb18030", "cp936")
BIG5 = ("big5hkscs", "cp950")
UTF8 = ("utf-8",)
_FAMILIES = {"GB18030": GB, "Big5": BIG5, "UTF-8": UTF8}

# Charset labels as pages write them (WHATWG Encoding Standard, "Encodings" table).
_LABELS = {
    **dict.fromkeys(
        (
            "gb2312",
            "gbk",
            "gb18030",
            "x-gbk",
            "cp936",
            "ms936",
            "windows-936",
            "euc-cn",
            "csgb2312",
            "chinese",
            "iso-ir-58",
            "gb_2312-80",
            "gb_2312",
            "csiso58gb231280",
        ),
        "GB18030",
    ),
    **dict.fromkeys(
        (
            "big5",
            "big5-hkscs",
            "cn-big5",
            "csbig5",
            "x-x-big5",
            "cp950",
            "ms950",
            "windows-950",
            "big5hkscs",
        ),
        "Big5",
    ),
    **dict.fromkeys(
        ("utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"),
        "UTF-8",
    ),
}
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx, .xlsx or .epub)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc, .xls)"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
)
# Control characters that never occur in text (tab, LF, FF, CR and ESC excepted).
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """A page's text and how it was read."""

    text: str
    """The decoded text (line endings as in the file)."""
    encoding: str
    """The encoding family that decoded it: UTF-8, GB18030, Big5, UTF-16 or UTF-32."""
    declared: str | None
    """The family the page declared (meta charset or XML declaration), if any."""


def declared_family(data: bytes) -> str | None:
    """The encoding family a page's `<meta charset>` or XML declaration names, if any."""
    match = _DECLARED.search(data, 0, 4096)
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    return _LABELS.get(label, label)


def decode(data: bytes, path: Path) -> Decoded:
    """Decode a saved page; raises `SourceError` for binary, empty or undecodable files."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            name = "UTF-8" if codec == "utf-8-sig" else codec.upper()
            try:
                return Decoded(data.decode(codec), name, None)
            except UnicodeDecodeError as error:
                raise _undecodable(path, data, error, name) from None
    kind = binary_kind(data)
    if kind:
        raise SourceError.at(
            path, f"{kind}, not a saved web page: give the page's .html or .txt file"
        )
    if not data.strip():
        raise SourceError.at(path, "the page is empty: save the page again (as HTML or text)")
    declared = declared_family(data)
    errors: dict[str, UnicodeDecodeError] = {}
    try:
        return Decoded(data.decode("utf-8"), "UTF-8", declared)
    except UnicodeDecodeError as error:
        errors["UTF-8"] = error
    decoded: dict[str, str] = {}
    for family in ("GB18030", "Big5"):
        text, failure = _decode_family(data, _FAMILIES[family])
        if text is not None:
            decoded[family] = text
        elif failure is not None:
            errors[family] = failure
    if not decoded:
        # Report where the declared family (else the one that read furthest) broke.
        family = declared if declared in errors else max(errors, key=lambda f: errors[f].start)
        raise _undecodable(path, data, errors[family], family)
    family = next(iter(decoded)) if len(decoded) == 1 else _detect(data, declared)
    return Decoded(decoded[family], family, declared)


def binary_kind(data: bytes) -> str | None:
    """What a binary file is ("a PNG image"), or None for text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            # "MZ" also starts ordinary words; a program has NULs right after its header.
            if magic == b"MZ" and b"\x00" not in data[:64]:
                continue
            return kind
    head = data[:8192]
    if b"\x00" in head or len(_CONTROL.findall(head)) > max(8, len(head) // 100):
        return "a binary file"
    return None


def _decode_family(
    data: bytes, codecs_: tuple[str, ...]
) -> tuple[str | None, UnicodeDecodeError | None]:
    first: UnicodeDecodeError | None = None
    for codec in codecs_:
        try:
            return data.decode(codec), None
        except UnicodeDecodeError as error:
            first = first or error
    return None, first


def _detect(data: bytes, declared: str | None) -> str:
    """GB18030 or Big5 for bytes both decode, by charset-normalizer's coherence check."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5hkscs", "cp950"]).best()
    if best is not None:
        return "Big5" if best.encoding in {"big5hkscs", "cp950", "big5"} else "GB18030"
    return declared if declared in {"GB18030", "Big5"} else "GB18030"


def _undecodable(path: Path, data: bytes, error: UnicodeDecodeError, family: str) -> SourceError:
    position = error.start
    line = data.count(b"\n", 0, position) + 1
    return SourceError.at(
        path,
        f"bytes that no Chinese encoding can read (UTF-8, GB18030, Big5): 0x{data[position]:02x} "
        f"at byte {position} breaks {family}; the file is damaged or not Chinese text: save the "
        "page again, as UTF-8 if you can",
        line,
    )
