"""Pinyin in print: readings centred above their characters, clear of each other, on an even
grid, and invisible to text extraction."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from publish.builders.pdf.textmap import text_and_readings
from publish.cli import main
from tests.builders.pdf.conftest import CLOSING, HAN, OPENING, SEED, Built, squash
from tests.conftest import FIXTURES

LONG = FIXTURES / "pdf-long-syllables"
TABLE = FIXTURES / "pdf-long-table"

READING_BELOW = 0.95
"""Readings are the glyphs smaller than this share of the body size: two thirds of it in large
print, and of a heading's size (1.4 x 2/3 of the body is still below 0.95 of it)."""


@pytest.fixture(scope="module")
def seed(pdf) -> Built:  # type: ignore[no-untyped-def]
    return pdf(SEED, pinyin=True)


@pytest.fixture(scope="module")
def long(pdf) -> Built:  # type: ignore[no-untyped-def]
    return pdf(LONG, pinyin=True)


@pytest.fixture(scope="module")
def table(pdf) -> Built:  # type: ignore[no-untyped-def]
    return pdf(TABLE, pinyin=True)


@dataclass(frozen=True)
class Drawn:
    """A reading as drawn, and the Han character it stands over."""

    text: str
    left: float
    right: float
    top: float
    size: float
    base: str
    base_centre: float
    base_size: float

    @property
    def offset(self) -> float:
        """How far the reading's centre is from its character's."""
        return (self.left + self.right) / 2 - self.base_centre


def readings(built: Built, page: int) -> list[Drawn]:
    """Every reading drawn on a page with the character under it (asserting there is one)."""
    chars = built.chars(page)
    body = built.body_size()
    han = [c for c in chars if HAN.match(c["text"])]
    small = sorted(
        (
            c
            for c in chars
            if c["size"] < body * READING_BELOW
            and not HAN.match(c["text"])
            # Zhuyin's neutral-tone dot stands above its reading's line, not on it: its place
            # is checked by test_scripts.py.
            and c["text"] != "˙"
        ),
        key=lambda c: (round(c["top"]), c["x0"]),
    )
    words: list[list[dict[str, Any]]] = []
    for char in small:
        last = words[-1][-1] if words else None
        if last and abs(last["top"] - char["top"]) < 1 and char["x0"] - last["x1"] < 0.3:
            words[-1].append(char)
        else:
            words.append([char])
    drawn = []
    for word in words:
        left, right = word[0]["x0"], word[-1]["x1"]
        centre = (left + right) / 2
        below = [
            c
            for c in han
            if c["x0"] <= centre <= c["x1"] and 0 < c["top"] - word[0]["bottom"] < c["size"]
        ]
        text = "".join(c["text"] for c in word)
        assert len(below) == 1, text
        base = below[0]
        drawn.append(
            Drawn(
                text,
                left,
                right,
                round(word[0]["top"], 1),
                word[0]["size"],
                base["text"],
                (base["x0"] + base["x1"]) / 2,
                base["size"],
            )
        )
    return drawn


def test_text_extraction_gives_the_characters_without_readings(seed: Built) -> None:
    article = seed.collection.articles[0]
    extracted = squash("".join(seed.text(p, body=True) for p in range(1, seed.pages + 1)))
    model = squash(text_and_readings(article).text)
    assert not any(c in extracted for c in "āáǎàōóǒòēéěè")
    assert model in extracted or extracted.endswith(model[-200:])
    assert "国务院" not in model or "国务院" in extracted


def drawn_letters(built: Built) -> Counter[str]:
    """Every letter of the readings drawn in the whole PDF."""
    body = built.body_size()
    drawn: Counter[str] = Counter()
    for page in range(1, built.pages + 1):
        drawn.update(
            c["text"]
            for c in built.chars(page)
            if c["size"] < body * READING_BELOW and not HAN.match(c["text"])
        )
    return drawn


def test_every_annotated_character_has_its_reading_drawn(seed: Built) -> None:
    readings = text_and_readings(seed.collection.articles[0]).readings
    assert len(readings) > 2000
    assert drawn_letters(seed) == Counter("".join(readings.values()))


def test_readings_are_centred_over_their_characters_at_their_size(seed: Built) -> None:
    drawn = readings(seed, 1) + readings(seed, 2)
    assert len(drawn) > 200
    assert max(abs(d.offset) for d in drawn) < 0.5
    for reading in drawn:
        assert reading.size == pytest.approx(reading.base_size * seed.geo.pinyin_em, abs=0.05)
    # The characters themselves keep the preset size.
    assert seed.body_size() == 18


def test_readings_match_the_model_in_order(seed: Built) -> None:
    text = text_and_readings(seed.collection.articles[0])
    annotated = [(text.text[o], r) for o, r in sorted(text.readings.items())]
    drawn = [(d.base, d.text) for page in (1, 2) for d in readings(seed, page)]
    # Page 1 and 2 hold the first readings of the article, in reading order.
    position = 0
    for pair in drawn:
        position = annotated.index(pair, position) + 1
    assert position <= len(drawn) + 5


@pytest.mark.parametrize("which", ["seed", "long"])
def test_readings_never_overlap_their_neighbours(
    which: str, request: pytest.FixtureRequest
) -> None:
    built: Built = request.getfixturevalue(which)
    for page in range(1, min(built.pages, 4) + 1):
        assert_clear_of_each_other(readings(built, page))


def assert_clear_of_each_other(drawn: list[Drawn]) -> None:
    """Neighbouring readings on a line keep a gap (0.8 pt: visibly apart)."""
    lines: dict[float, list[Drawn]] = {}
    for reading in drawn:
        lines.setdefault(reading.top, []).append(reading)
    assert lines
    for line in lines.values():
        line.sort(key=lambda d: d.left)
        for before, after in itertools.pairwise(line):
            assert after.left - before.right > 0.8, (before.text, after.text)


def test_the_long_syllables_are_readable(long: Built) -> None:
    drawn = readings(long, 1)
    texts = [d.text for d in drawn]
    for syllable in ("shuāng", "chuáng", "chuāng", "zhuàng", "chuǎng"):
        assert syllable in texts
    assert max(abs(d.offset) for d in drawn) < 0.5


def test_characters_keep_an_even_grid(seed: Built) -> None:
    """Along a line of body text, annotated characters follow each other at one pitch."""
    body = seed.body_size()
    pitches: Counter[float] = Counter()
    for page in (2, 3):
        rows: dict[int, list[dict[str, Any]]] = {}
        for char in seed.chars(page):
            if HAN.match(char["text"]) and round(char["size"], 1) == body:
                rows.setdefault(round(char["top"]), []).append(char)
        for row in rows.values():
            row.sort(key=lambda c: c["x0"])
            pitches.update(round(b["x0"] - a["x0"], 1) for a, b in itertools.pairwise(row))
    grid = body * (1 + seed.geo.pinyin_spacing_em)
    # Neighbours (no punctuation in between) in annotated text are one grid pitch apart; the
    # metadata line has no readings and keeps its natural 1 em.
    neighbours = {pitch: n for pitch, n in pitches.items() if pitch < grid * 1.3}
    assert sum(n for p, n in neighbours.items() if abs(p - grid) < 0.2) > 200  # two pages
    # (two characters of it with a punctuation mark between: 2 em)
    assert {p for p in neighbours if abs(p - grid) >= 0.2} <= {body, 2 * body}


def test_line_breaking_with_pinyin(seed: Built) -> None:
    lines = seed.lines()
    assert [line for line in lines if line[0] in CLOSING] == []
    assert [line for line in lines if line[-1] in OPENING] == []


def test_page_starts_with_pinyin_point_at_each_page_s_first_text(seed: Built) -> None:
    text = text_and_readings(seed.collection.articles[0]).text
    assert len(seed.output.print_pages) == seed.pages
    for start in seed.output.print_pages:
        page = squash(seed.text(int(start.label), body=True))
        assert page.startswith(squash(text[start.offset : start.offset + 30])[:8])


def test_pinyin_on_a_text_without_han_characters_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(FIXTURES / "pdf-no-han"), "-o", str(out), "-f", "pdf", "--pinyin"]
    )
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert "Han" in result.output
    assert not out.exists() or not list(out.iterdir())


def test_readings_are_artifacts_outside_the_structure(seed: Built) -> None:
    """Screen readers and reflow get the characters only: the readings are artifacts."""
    import pikepdf

    with pikepdf.open(seed.path) as pdf:
        instructions = pikepdf.parse_content_stream(pdf.pages[0])
        depth_in_artifact = 0
        shown_in_artifact = 0
        for operands, operator in instructions:
            name = str(operator)
            opens = name in ("BDC", "BMC")
            if opens and (depth_in_artifact or str(operands[0]) == "/Artifact"):
                depth_in_artifact += 1
            elif name == "EMC" and depth_in_artifact:
                depth_in_artifact -= 1
            elif name == "TJ" and depth_in_artifact:
                shown_in_artifact += 1
        assert shown_in_artifact > 100


def test_latin_words_and_numbers_keep_their_own_spacing(long: Built) -> None:
    """The grid's letter-spacing is for characters: "publish" and "2018" are set as words."""
    chars = long.chars(1)
    body = long.body_size()
    line = [c for c in chars if c["size"] >= body * READING_BELOW]
    text = "".join(c["text"] for c in line)
    for word in ("publish", "2018", "PDF"):
        start = text.index(word)
        letters = line[start : start + len(word)]
        gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(letters)]
        assert max(gaps) < body * 0.05, (word, gaps)
    # ... while Han characters stand on the grid, further apart than their own width.
    han = [c for c in line if HAN.match(c["text"])]
    gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(han) if abs(a["top"] - b["top"]) < 1]
    assert sorted(gaps)[len(gaps) // 2] > body * 0.1


def test_a_table_header_set_again_on_a_new_page_has_its_readings(table: Built) -> None:
    repeated = [p for p in range(2, table.pages + 1) if "序号" in squash(table.text(p, body=True))]
    assert len(repeated) >= 3  # the table runs over several pages
    for page in repeated:
        drawn = {(d.base, d.text) for d in readings(table, page)}
        assert {("序", "xù"), ("号", "hào"), ("场", "chǎng"), ("称", "chēng")} <= drawn, page


SELECTORS = FIXTURES / "variation-selectors"
"""葛 with an ideographic variation selector (U+E0100) and 长 with VS1 (U+FE00)."""


def test_a_variation_selector_keeps_each_reading_over_its_character(pdf) -> None:  # type: ignore[no-untyped-def]
    """葛󠄀洪 reads gě hóng, each reading over its own character, as many readings as Han
    characters; the selector draws nothing of its own and takes no reading."""
    built = pdf(SELECTORS, pinyin=True)
    drawn = [d for page in range(1, built.pages + 1) for d in readings(built, page)]
    pairs = [(d.base, d.text) for d in drawn]
    start = pairs.index(("葛", "gě"))
    assert pairs[start : start + 2] == [("葛", "gě"), ("洪", "hóng")]
    assert ("长", "zhǎng") in pairs and ("长", "cháng") not in pairs
    # Every reading of the model is drawn, in reading order, over the character it belongs to.
    model = text_and_readings(built.collection.articles[0])
    assert pairs == [(model.text[at], reading) for at, reading in sorted(model.readings.items())]
    extracted = "".join(built.text(p, body=True) for p in range(1, built.pages + 1))
    assert "葛洪是晋代人" in squash(extracted)
