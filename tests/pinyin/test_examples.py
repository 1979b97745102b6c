"""The examples' readings, proofread by hand (fixtures/examples.tsv), stay as they are."""

from __future__ import annotations

from pathlib import Path

from publish.pinyin import Engine
from publish.pinyin.segmentation import HAN

FIXTURE = Path(__file__).parent / "fixtures" / "examples.tsv"


def test_every_proofread_reading_of_the_examples() -> None:
    lines = [
        line.split("\t")
        for line in FIXTURE.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    analyses = Engine(style="number").analyse_many([text for text, _ in lines])
    wrong = []
    for (text, expected), analysis in zip(lines, analyses, strict=True):
        found = [s for c, s in zip(text, analysis.syllables, strict=True) if HAN.fullmatch(c)]
        for char, want, got in zip(
            (c for c in text if HAN.fullmatch(c)), expected.split(), found, strict=True
        ):
            if want != got:
                wrong.append(f"{char} {want} -> {got} in {text}")
    assert wrong == []
