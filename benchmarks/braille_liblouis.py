"""The braille edition beside liblouis's own translation (zhcn-cbs.ctb), on the examples.

Run on demand, with Debian's python3-louis and liblouis-data installed:

    python benchmarks/braille_liblouis.py [--sample 25]

1. Agreement on text whose characters have one reading each (the examples' texts with every
   character of several readings taken out): the share of cells that agree, word-division
   blanks aside, and every difference counted by its cause.
2. Polyphones in the seed (examples/luyuan-interviews): liblouis's cells read back to
   syllables (tests/builders/braille/decoder.py), beside the engine's readings; where they
   disagree, the word is looked up in pypinyin's phrase dictionary (现代汉语词典-era data),
   and the disagreements are printed with what the dictionary says.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pypinyin.constants import PHRASES_DICT, PINYIN_DICT  # noqa: E402
from tests.builders.braille.decoder import Decoder  # noqa: E402

from publish import load  # noqa: E402
from publish.builders.braille.document import article_blocks  # noqa: E402
from publish.builders.braille.liblouis import translate as louis  # noqa: E402
from publish.builders.braille.syllables import system  # noqa: E402
from publish.builders.braille.words import BLANK, translate  # noqa: E402
from publish.pinyin import Engine  # noqa: E402
from publish.pinyin.segmentation import HAN  # noqa: E402
from publish.pinyin.styles import from_marked  # noqa: E402
from publish.punctuation import normalize_punctuation  # noqa: E402

TABLE = "zhcn-cbs.ctb"


def texts(name: str) -> list[str]:
    """The texts an example's braille edition writes."""
    return [
        normalize_punctuation(block.text)
        for article in load(ROOT / "examples" / name).collection.articles
        for block in article_blocks(article)
    ]


def agreement(engine: Engine) -> None:
    cbs = system("cbs")
    same = total = 0
    causes: Counter[str] = Counter()
    for text in texts("luyuan-interviews") + texts("community-reader"):
        text = "".join(
            c for c in text if not HAN.match(c) or "," not in PINYIN_DICT.get(ord(c), ",")
        )
        if not HAN.search(text):
            continue
        analysis = engine.analyse(text)
        ours = translate(text, analysis, cbs).cells.replace(BLANK, "")
        theirs = louis(TABLE, text).replace(BLANK, "")
        matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
        same += sum(block.size for block in matcher.get_matching_blocks())
        total += max(len(ours), len(theirs))
        for char, reading in zip(text, analysis.syllables, strict=True):
            if reading is None:
                continue
            cells = louis(TABLE, char)
            if cbs.spell(char, reading) == cells:
                continue
            if reading != from_marked(PINYIN_DICT[ord(char)]):
                causes[f"{char}: the engine reads {reading} in context"] += 1
            else:
                causes[f"{char} {reading}: liblouis writes {cells}, its syllable's other "
                       f"characters {cbs.syllables.get(reading)}"] += 1  # fmt: skip
    print(f"one-reading text: {same}/{total} cells agree ({same / total:.2%}), blanks aside")
    for cause, count in causes.most_common():
        print(f"  {count:3d}  {cause}")


def polyphones(engine: Engine, sample: int) -> None:
    decoder = Decoder(system("cbs"))
    disagreements: list[tuple[str, str, str, set[str], str]] = []
    han = skipped = 0
    for text in texts("luyuan-interviews"):
        analysis = engine.analyse(text)
        # liblouis one clause at a time (its phrases never cross a mark), so that a clause
        # whose cells read back as a syllable more or less costs only that clause.
        for clause in re.finditer(r"[^，。、；：！？“”（）]+", text):
            expected = [
                (i, s)
                for i, s in enumerate(
                    analysis.syllables[clause.start() : clause.end()], clause.start()
                )
                if s is not None
            ]
            han += len(expected)
            found = decoder.text(louis(TABLE, clause.group()).replace(BLANK, ""))
            if len(found) != len(expected):
                skipped += len(expected)
                continue
            disagreements += _compared(text, expected, found)
    agree = [d for d in disagreements if d[4] == d[2]]
    louis_right = [d for d in disagreements if d[4] in d[3]]
    print(f"seed: {han} Han characters ({skipped} in clauses whose liblouis cells read back as a"
          f" syllable more or less, left out); liblouis and the engine disagree on"
          f" {len(disagreements)}")  # fmt: skip
    print(
        f"  the dictionary's word reads as the engine: {len(agree)}; as liblouis: "
        f"{len(louis_right)}; no dictionary word: {sum(d[4] == 'no entry' for d in disagreements)}"
    )
    for char, word, reading, theirs, dictionary in disagreements[:sample]:
        print(f"  {char} in {word}: engine {reading}, liblouis {'/'.join(sorted(theirs))}, "
              f"dictionary {dictionary}")  # fmt: skip


def _compared(
    text: str, expected: list[tuple[int, str]], found: list[set[str]]
) -> list[tuple[str, str, str, set[str], str]]:
    """The characters liblouis reads otherwise than the engine, with the dictionary's word."""
    disagreements = []
    for (index, reading), theirs in zip(expected, found, strict=True):
        if reading in theirs:
            continue
        word, dictionary = _dictionary_word(text, index)
        context = text[max(0, index - 6) : index + 7].replace("\n", " ")
        disagreements.append((text[index], f"{word} ({context})", reading, theirs, dictionary))
    return disagreements


def _dictionary_word(text: str, index: int) -> tuple[str, str]:
    """The longest word of the phrase dictionary around `text[index]`, and its reading of it."""
    for length in (4, 3, 2):
        for start in range(max(0, index - length + 1), index + 1):
            word = text[start : start + length]
            entry = PHRASES_DICT.get(word)
            if len(word) == length and entry:
                return word, from_marked(entry[index - start][0])
    return text[index], "no entry"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=25)
    args = parser.parse_args()
    engine = Engine(sandhi=False)
    agreement(engine)
    polyphones(engine, args.sample)


if __name__ == "__main__":
    main()
