"""Decoding saved pages: every Chinese encoding, declarations that lie, and what is not text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from publish.errors import SourceError
from publish.importer.encoding import binary_kind, declared_family, decode
from tests.importer.pages import SEED, page

PATH = Path("page.html")
SIMPLIFIED = SEED.read_text(encoding="utf-8").replace("\u00a0", " ")
# Characters outside GB2312: GBK has 镕 and 赟; only GB18030 has 䶮 (CJK Extension A).
GBK_ONLY = "朱镕基同志和李赟先生"
GB18030_ONLY = "南汉开国皇帝刘䶮"
TRADITIONAL = (
    "臺北市政府今日宣布，將在全市十二個行政區增設社區長照據點，讓長者在住家附近就能獲得照顧服務。"
    "社會局表示，今年預計新增三十處據點，提供健康促進、共餐及關懷訪視等服務。"
)


def html(body: str, charset: str | None) -> str:
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        if (charset)
        else ""
    )
    return f"<html><head>{meta}<title>{body[:6]}</title></head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize(
    ("text", "codec", "family"),
    [
        (SIMPLIFIED, "utf-8", "UTF-8"),
        (SIMPLIFIED, "gb2312", "GB18030"),
        (SIMPLIFIED, "gbk", "GB18030"),
        (SIMPLIFIED + GB18030_ONLY, "gb18030", "GB18030"),
        (TRADITIONAL, "big5", "Big5"),
        (TRADITIONAL + "陳堃教授", "big5hkscs", "Big5"),
        (TRADITIONAL + "售價€5", "cp950", "Big5"),
    ],
)
def test_plain_text_in_each_encoding(text: str, codec: str, family: str) -> None:
    decoded = decode(text.encode(codec), PATH)
    assert decoded.text == text
    assert decoded.encoding == family
    assert decoded.declared is None


@pytest.mark.parametrize(
    ("declared", "codec", "text"),
    [
        ("gb2312", "gbk", GBK_ONLY),  # the common lie: gb2312 declared, GBK bytes
        ("gb2312", "gb18030", GB18030_ONLY),
        ("gbk", "gb18030", GB18030_ONLY),
        ("gbk", "utf-8", GB18030_ONLY),  # a template's declaration on a UTF-8 page
        ("utf-8", "gbk", GBK_ONLY),  # and the other way round
        ("big5", "gbk", GBK_ONLY),
        ("gb2312", "big5", TRADITIONAL),
        ("big5", "big5hkscs", TRADITIONAL + "陳堃教授"),
        ("x-unknown", "gb18030", GB18030_ONLY),
    ],
)
def test_declarations_that_lie(declared: str, codec: str, text: str) -> None:
    source = html(text, declared)
    decoded = decode(source.encode(codec), PATH)
    assert decoded.text == source


def test_declared_families() -> None:
    assert declared_family(b'<meta charset="GB2312">') == "GB18030"
    assert (
        declared_family(b"<meta http-equiv=Content-Type content='text/html; charset=big5'>")
        == "Big5"
    )
    assert declared_family(b'<?xml version="1.0" encoding="GBK"?>') == "GB18030"
    assert declared_family(b"<p>no declaration</p>") is None


@pytest.mark.parametrize("bom", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_byte_order_marks(bom: str) -> None:
    data = SIMPLIFIED.encode(bom)
    if bom == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode(data, PATH).text.lstrip("\ufeff") == SIMPLIFIED


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF file"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive (or a .docx, .xlsx or .epub)"),
        (bytes(range(256)) * 4, "a binary file"),
        (b"\x00" * 10 + SIMPLIFIED.encode(), "a binary file"),
    ],
)
def test_binary_files_are_refused(data: bytes, kind: str) -> None:
    assert binary_kind(data) == kind
    with pytest.raises(SourceError) as caught:
        decode(data, PATH)
    assert str(caught.value) == (
        f"page.html: {kind}, not a saved web page: give the page's .html or .txt file"
    )


def test_text_is_not_binary() -> None:
    assert binary_kind(SIMPLIFIED.encode("gbk")) is None
    assert binary_kind("MZ 开头的文字".encode()) is None
    assert binary_kind(TRADITIONAL.encode("big5")) is None


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t  \n"])
def test_empty_pages_are_refused(data: bytes) -> None:
    with pytest.raises(SourceError, match="the page is empty"):
        decode(data, PATH)


def test_undecodable_bytes_name_the_byte_and_the_line() -> None:
    good = SIMPLIFIED.encode("gbk")
    cut = good.index("吕亚舟".encode("gbk"))
    data = good[:cut] + b"\xff\x80" + good[cut:]
    with pytest.raises(SourceError) as caught:
        decode(data, PATH)
    [problem] = caught.value.problems
    assert problem.line == 9
    assert f"0xff at byte {cut}" in problem.message
    assert "UTF-8, GB18030, Big5" in problem.message


def test_an_encoding_fixture_of_each_kind_decodes() -> None:
    expected = {
        "zoom-gbk.html": ("GB18030", "GB18030"),
        "trs-gb18030.html": ("GB18030", "GB18030"),
        "content-big5.html": ("Big5", "Big5"),
        "article-big5-nometa.html": ("Big5", None),
        "article-utf8.html": ("UTF-8", "GB18030"),
        "lingdao-fangtan.txt": ("UTF-8", None),
    }
    for name, (family, declared) in expected.items():
        decoded = decode(page(name).read_bytes(), page(name))
        assert (decoded.encoding, decoded.declared) == (family, declared), name
