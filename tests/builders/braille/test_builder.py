"""The braille edition as files: BRF pages, the PEF, the text, the contents and the layout."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

import publish
from publish import load
from publish.builders.braille.document import article_blocks
from publish.builders.braille.layout import LINES, WIDTH, page_label
from publish.builders.braille.syllables import symbols, system
from publish.builders.braille.words import BLANK, translate
from publish.cache import FOLDER
from publish.model import Interview, plain_text
from publish.pinyin import Engine
from publish.pinyin.annotate import analyse_texts
from publish.punctuation import normalize_punctuation
from tests.builders.braille.decoder import Decoder
from tests.conftest import EXAMPLES, captured_warnings, require, run_publish

PEF = "{http://www.daisy.org/ns/2008/pef}"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture(scope="module", params=["luyuan-interviews", "community-reader"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An example built as braille, with no warning logged (nothing left untranslated)."""
    out = tmp_path_factory.mktemp(request.param)
    with captured_warnings() as warnings:
        publish.build(EXAMPLES / request.param, out, formats="braille")
    assert warnings.messages == []
    return out / request.param


def brf_pages(built: Path) -> list[list[str]]:
    """The BRF's pages, as lines of Unicode cells."""
    cells = {ascii: cell for cell, ascii in symbols().ascii.items()}
    data = built.with_suffix(".brf").read_bytes().decode("ascii")
    pages = data.split("\f")
    assert all(page.endswith("\r\n") for page in pages)
    return [[
        "".join(cells[c] for c in line) for line in page.split("\r\n")[:-1]
    ] for page in pages]  # fmt: skip


def test_three_files(built: Path) -> None:
    names = sorted(p.name for p in built.parent.iterdir() if p.name != FOLDER)  # the cache
    slug = built.name
    assert names == [f"{slug}-braille.txt", f"{slug}.brf", f"{slug}.pef"]


def test_brf_pages_hold_40_by_25_cells_and_are_numbered(built: Path) -> None:
    pages = brf_pages(built)
    assert len(pages) >= 2
    for number, lines in enumerate(pages, start=1):
        assert len(lines) == LINES
        assert all(len(line) <= WIDTH for line in lines)
        # The braille page number at the right end of the last line, nothing else on it.
        label = page_label(number)
        assert lines[-1] == BLANK * (WIDTH - len(label)) + label


def test_pef_is_the_same_pages_with_metadata(built: Path) -> None:
    root = ET.parse(built.with_suffix(".pef")).getroot()
    assert root.tag == f"{PEF}pef" and root.get("version") == "2008-1"
    meta = root.find(f"{PEF}head/{PEF}meta")
    assert meta is not None
    collection = load(EXAMPLES / built.name).collection
    assert meta.findtext(f"{DC}format") == "application/x-pef+xml"
    assert meta.findtext(f"{DC}title") == collection.title
    assert meta.findtext(f"{DC}identifier") == collection.identifier
    assert meta.findtext(f"{DC}language") == collection.language
    assert meta.findtext(f"{DC}date")
    volume = root.find(f"{PEF}body/{PEF}volume")
    assert volume is not None
    assert (volume.get("cols"), volume.get("rows")) == (str(WIDTH), str(LINES))
    pages = [
        [(row.text or "") for row in page.iter(f"{PEF}row")] for page in volume.iter(f"{PEF}page")
    ]
    assert pages == [[line.rstrip(BLANK) for line in page] for page in brf_pages(built)]
    assert all(
        set(row) <= {chr(c) for c in range(0x2800, 0x2840)} for page in pages for row in page
    )


def test_text_round_trips_every_syllable(built: Path) -> None:
    """Every syllable of the text file reads back as the engine's reading (sandhi off, the
    collection's pinyin.yaml applied). The text file has the collection's title, then one
    block a line; blocks with Latin letters are left out (lowercase letters share cells with
    syllables, as in liblouis)."""
    project = load(EXAMPLES / built.name)
    collection = project.collection
    decoder = Decoder(system("cbs"))
    lines = [line for line in built.with_name(f"{built.name}-braille.txt").read_text().split("\n")
             if line]  # fmt: skip
    texts = [
        [normalize_punctuation(b.text) for b in article_blocks(a)] for a in collection.articles
    ]
    texts[0] = [collection.title, *texts[0]]
    analyses = analyse_texts(
        collection.articles, collection, replace(project.settings, sandhi=False), texts
    )
    sources = [(text, found[text]) for group, found in zip(texts, analyses, strict=True)
               for text in group]  # fmt: skip
    assert len(lines) == len(sources)
    checked = 0
    for line, (text, analysis) in zip(lines, sources, strict=True):
        if re.search("[A-Za-z]", text):
            continue
        expected = [s for s in analysis.syllables if s is not None]
        found = decoder.text(line)
        assert len(found) == len(expected), text
        assert [e for e, f in zip(expected, found, strict=True) if e not in f] == [], text
        checked += len(expected)
    assert checked > 1000


def test_contents_list_each_article_on_its_braille_page(built: Path) -> None:
    pages = brf_pages(built)
    collection = load(EXAMPLES / built.name).collection
    engine = Engine(sandhi=False)
    contents = pages[0]
    for article in collection.articles:
        title = article.title_text.replace("\n", "")
        first_word = translate(title, engine.analyse(title), system("cbs")).words[0].cells
        # The page the contents name starts with the title, centred.
        entry = next(i for i, line in enumerate(contents) if line.startswith(first_word[:6]))
        number = next(line for line in contents[entry:] if "\u2810\u2810" in line).split(BLANK)[-1]
        page = next(n for n in range(1, len(pages) + 1) if page_label(n) == number)
        assert any(first_word in line for line in pages[page - 1][:3])


def test_paragraphs_are_indented_and_titles_centred(built: Path) -> None:
    pages = brf_pages(built)
    body = [line for page in pages[1:] for line in page[:-1]]
    assert any(line.startswith(BLANK * 2) and not line.startswith(BLANK * 3) for line in body)
    title = pages[1][0]
    assert title.startswith(BLANK) and abs(len(title) - len(title.lstrip(BLANK)) * 2 - 0) > 0


def test_no_line_starts_with_a_mark_alone(built: Path) -> None:
    """Marks stay with their word: the first word of every line has a syllable or a number
    in it, never a mark that belongs to the line before."""
    decoder = Decoder(system("cbs"))
    number_sign = symbols().number_sign
    for page in brf_pages(built):
        for line in page[:-1]:
            first = line.lstrip(BLANK).split(BLANK)[0]
            if first and number_sign not in first:
                assert decoder.word(first), line


def test_interviewees_keep_role_and_name_on_one_page(tmp_path: Path) -> None:
    publish.build(EXAMPLES / "luyuan-interviews", tmp_path, formats="braille")
    pages = brf_pages(tmp_path / "luyuan-interviews")
    engine = Engine(sandhi=False)
    article = load(EXAMPLES / "luyuan-interviews").collection.articles[0]
    for block in article.blocks:
        if isinstance(block, Interview):
            role, name = (
                translate(t, engine.analyse(t), system("cbs")).cells.replace(BLANK, "")
                for t in (plain_text(block.role), plain_text(block.name))
            )
            assert any(
                any(role in line.replace(BLANK, "") for line in page)
                and any(name in line.replace(BLANK, "") for line in page)
                for page in pages
            )


def test_current_system_from_the_command_line(tmp_path: Path) -> None:
    result = run_publish(
        "build", EXAMPLES / "luyuan-interviews", "-f", "braille", "--braille-system", "current",
        "-o", tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    current = (tmp_path / "luyuan-interviews-braille.txt").read_text()
    assert Decoder(system("current")).text(current.replace("\n", BLANK))
    # 现行盲文 marks fewer tones than 国家通用盲文: its text is shorter.
    publish.build(EXAMPLES / "luyuan-interviews", tmp_path / "cbs", formats="braille")
    assert len(current) < len((tmp_path / "cbs" / "luyuan-interviews-braille.txt").read_text())


def test_unknown_braille_system_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "publish.yaml").write_text(
        "title: 测试\narticles: [a.md]\noutput:\n  braille:\n    system: grade2\n", "utf-8"
    )
    (tmp_path / "a.md").write_text("---\ntitle: 标题\n---\n\n正文。\n", "utf-8")
    result = run_publish("build", tmp_path, "-f", "braille")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("error:")
    assert "unknown braille system 'grade2'" in result.stderr


BRAILLE_UTILS = Path("/usr/share/java/brailleUtils-core.jar")
"""Debian's libbrailleutils-java, which carries DAISY's PEF 1.0 schema."""


def test_pef_validates_against_the_pef_schema(built: Path) -> None:
    """The PEF 1.0 RELAX NG schema (the full one, as DAISY's brailleUtils validates)."""
    import zipfile

    from lxml import etree

    require(BRAILLE_UTILS.is_file(), "the PEF schema (libbrailleutils-java)")
    with zipfile.ZipFile(BRAILLE_UTILS) as jar:
        schema = jar.read("org/daisy/braille/pef/resource-files/pef-2008-1-full.rng")
    relax_ng = etree.RelaxNG(etree.fromstring(schema))
    document = etree.parse(str(built.with_suffix(".pef")))
    assert relax_ng.validate(document), relax_ng.error_log


def test_user_dictionaries_apply(tmp_path: Path) -> None:
    """pinyin.yaml and an article's front matter fix readings, as they do for print: 行长
    is the article's háng zhǎng, and 重 in 重庆 the collection's chóng."""
    (tmp_path / "publish.yaml").write_text("title: 词典\narticles: [a.md]\n", "utf-8")
    (tmp_path / "pinyin.yaml").write_text("重庆: chóng qìng\n", "utf-8")
    (tmp_path / "a.md").write_text(
        "---\ntitle: 行长\npinyin:\n  行长: háng zhǎng\n---\n\n行长去重庆。\n", "utf-8"
    )
    publish.build(tmp_path, tmp_path / "out", formats="braille")
    text = (tmp_path / "out" / f"{load(tmp_path).collection.slug}-braille.txt").read_text()
    decoded = Decoder(system("cbs")).text(text.splitlines()[-1])
    readings = ["hang2", "zhang3", "qu4", "chong2", "qing4"]
    assert [r in found for r, found in zip(readings, decoded, strict=True)] == [True] * 5


def test_a_character_without_reading_is_reported_never_dropped(tmp_path: Path) -> None:
    """Written as its code point and warned about; with --strict, one error line."""
    (tmp_path / "publish.yaml").write_text("title: 生僻字\narticles: [a.md]\n", "utf-8")
    (tmp_path / "a.md").write_text("---\ntitle: 标题\n---\n\n好\U0002b736好。\n", "utf-8")
    with captured_warnings() as warnings:
        publish.build(tmp_path, tmp_path / "out", formats="braille")
    assert any("U+2B736" in message for message in warnings.take())
    slug = load(tmp_path).collection.slug
    text = (tmp_path / "out" / f"{slug}-braille.txt").read_text()
    engine = Engine(sandhi=False)
    code_point = translate("U+2B736", engine.analyse("U+2B736"), system("cbs")).cells
    assert code_point.replace(BLANK, "") in text.replace(BLANK, "")
    result = run_publish("build", tmp_path, "-f", "braille", "--strict", "-o", tmp_path / "s")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("error:")
    assert "U+2B736" in result.stderr


def test_pages_hold_the_text_file_word_for_word(built: Path) -> None:
    """The body pages, read line by line, give the text file's syllables in order: a line
    never breaks inside a syllable (a broken one would not read back)."""
    decoder = Decoder(system("cbs"))
    pages = brf_pages(built)
    # The body starts on the page the contents give the first article.
    label = next(line for line in pages[0] if "\u2810\u2810" in line).split(BLANK)[-1]
    front = next(n for n in range(1, len(pages) + 1) if page_label(n) == label) - 1
    on_pages = [
        sorted(found)
        for page in pages[front:]
        for line in page[:-1]
        for found in decoder.text(line)
    ]
    text = built.with_name(f"{built.name}-braille.txt").read_text().splitlines()
    in_text = [sorted(found) for line in text[1:] for found in decoder.text(line)]
    assert on_pages == in_text


def test_same_sources_same_bytes(built: Path, tmp_path: Path) -> None:
    publish.build(EXAMPLES / built.name, tmp_path, formats="braille")
    for suffix in (".brf", ".pef"):
        assert (tmp_path / built.name).with_suffix(suffix).read_bytes() == built.with_suffix(
            suffix
        ).read_bytes()


def test_check_reports_what_braille_cannot_write(tmp_path: Path) -> None:
    """`publish check` runs the braille edition's check when the formats include braille."""
    (tmp_path / "publish.yaml").write_text(
        "title: 检查\narticles: [a.md]\noutput:\n  formats: [braille]\n", "utf-8"
    )
    (tmp_path / "a.md").write_text("---\ntitle: 标题\n---\n\n好\U0002b736好。\n", "utf-8")
    result = run_publish("check", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "U+2B736" in result.stderr and result.stdout.startswith("ok:")
    strict = run_publish("check", tmp_path, "--strict")
    assert strict.returncode == 2
    assert strict.stderr.strip().splitlines()[-1].startswith("error:")


def test_unknown_braille_system_on_the_command_line(tmp_path: Path) -> None:
    result = run_publish(
        "build", EXAMPLES / "community-reader", "-f", "braille", "--braille-system", "grade2",
        "-o", tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: options.braille: unknown braille system 'grade2': use cbs, current"
    )
