"""Traditional and zhuyin EPUBs: languages on the package and every document, zhuyin ruby,
the traditional faces embedded, and EPUBCheck and Ace with nothing to say."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from publish.pipeline import build
from tests.builders.epub.conftest import ace, ace_violations, epubcheck
from tests.conftest import EXAMPLES

XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"

EDITIONS = {
    "seed-tw-pinyin": (EXAMPLES / "luyuan-interviews", {"script": "tw", "pinyin": True}),
    "reader-zhuyin": (EXAMPLES / "community-reader", {"script": "tw", "reading": "zhuyin"}),
    "reader-hk": (EXAMPLES / "community-reader", {"script": "hk"}),
    "seed-tw": (EXAMPLES / "luyuan-interviews", {"script": "tw"}),
}
LANGS = {"seed-tw-pinyin": "zh-Hant-TW", "reader-zhuyin": "zh-Hant-TW", "reader-hk": "zh-Hant-HK"}


@pytest.fixture(scope="module")
def epubs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built = {}
    for name, (project, options) in EDITIONS.items():
        (path,) = build(
            project, tmp_path_factory.mktemp(name), formats="epub", strict=True, **options
        )
        built[name] = path
    return built


def _documents(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith((".xhtml", ".opf", ".ncx"))
        }


@pytest.mark.parametrize("name", list(LANGS))
def test_the_package_and_every_document_carry_the_edition_s_language(
    epubs: dict[str, Path], name: str
) -> None:
    documents = _documents(epubs[name])
    (opf,) = [root for doc, root in documents.items() if doc.endswith(".opf")]
    assert opf.findtext(f".//{DC}language") == LANGS[name]
    assert opf.get(XML_LANG) == LANGS[name]
    for doc, root in documents.items():
        if doc.endswith(".xhtml"):
            assert root.get("lang") == root.get(XML_LANG) == LANGS[name], doc


def test_the_traditional_faces_are_embedded(epubs: dict[str, Path]) -> None:
    with zipfile.ZipFile(epubs["reader-hk"]) as archive:
        fonts = sorted(n.rsplit("/", 1)[-1] for n in archive.namelist() if "/fonts/" in n)
    assert fonts == ["NotoSansCJKtc-Bold.ttf", "NotoSansCJKtc-Regular.ttf"]


def test_zhuyin_readings_are_ruby_tagged_zh_bopo(epubs: dict[str, Path]) -> None:
    documents = _documents(epubs["reader-zhuyin"])
    readings = [rt for root in documents.values() for rt in root.iter(f"{XHTML}rt")]
    assert len(readings) > 500
    assert {rt.get("lang") for rt in readings} == {"zh-Bopo"}
    bases = {rt.getparent().text: "".join(rt.itertext()) for rt in readings}
    # Readings decided on the simplified source, characters converted: 學 (学) xué.
    assert bases["學"] == "ㄒㄩㄝˊ"
    # The neutral tone's dot in a span of its own, which the stylesheet sets over ㄇ.
    assert bases["們"] == "˙ㄇㄣ"
    dots = [span for rt in readings for span in rt.iter(f"{XHTML}span")]
    assert dots and {(d.get("class"), d.text) for d in dots} == {("neutral", "˙")}


def test_the_seed_s_traditional_epub_stays_under_400_kb(epubs: dict[str, Path]) -> None:
    assert epubs["seed-tw"].stat().st_size < 400_000


@pytest.mark.parametrize("name", ["seed-tw-pinyin", "reader-zhuyin", "reader-hk"])
def test_epubcheck_has_nothing_to_say(epubs: dict[str, Path], name: str) -> None:
    assert epubcheck(epubs[name]) == []


@pytest.mark.parametrize("name", ["seed-tw-pinyin", "reader-zhuyin"])
def test_ace_finds_no_violation(epubs: dict[str, Path], name: str, tmp_path: Path) -> None:
    assert ace_violations(ace(epubs[name], tmp_path)) == []


def test_the_accessibility_summary_names_the_readings_in_the_edition_s_script(
    epubs: dict[str, Path],
) -> None:
    def summary(name: str) -> str:
        (opf,) = [r for d, r in _documents(epubs[name]).items() if d.endswith(".opf")]
        (meta,) = opf.iterfind(f".//{OPF}meta[@property='schema:accessibilitySummary']")
        return str(meta.text)

    assert "每個漢字都標註了注音符號" in summary("reader-zhuyin")
    assert "每個漢字都標註了漢語拼音" in summary("seed-tw-pinyin")
    assert "本書" in summary("reader-hk") and "本书" not in summary("reader-hk")
