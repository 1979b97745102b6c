"""Derive the braille builder's cell tables from liblouis's own Mandarin tables.

    python scripts/make_braille_tables.py   # writes src/publish/builders/braille/data/cells.json

Needs Debian's `python3-louis` and `liblouis-data` (the module is found in Debian's
dist-packages from any Python 3). The build itself never needs liblouis: it reads the JSON
this script writes, which is committed.

Nothing is typed in by hand: every cell comes from a liblouis translation.
- Tones: the cell most of the CBS table's syllables of a tone end in (⠁ ⠂ ⠄ ⠆).
- Syllables: each character that pypinyin reads one way only and that the table spells
  (`sign` entries) is translated alone; the spelling most of a syllable's characters share is
  the syllable's. A spelling ends in its tone's cell or not, and from that we learn,
  per initial, which tone the scheme leaves unmarked (GF 0019-2018 §4, 声调省写), so that a
  syllable with no one-reading character is spelled by the same rule.
- The six abbreviated characters (简写) the CBS table's header lists: their own spelling.
- Punctuation, letters, digits and the mode indicators: liblouis's translation of each.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from publish.builders.braille.liblouis import TABLES_DIR, load_louis, translate  # noqa: E402
from publish.builders.braille.syllables import initial_of  # noqa: E402
from publish.pinyin.styles import from_marked  # noqa: E402

OUT = ROOT / "src/publish/builders/braille/data/cells.json"

SYSTEMS = {"cbs": "zhcn-cbs.ctb", "current": "zh-chn.ctb"}
"""Each braille system's liblouis table: 国家通用盲文 (with its tone rule) and 现行盲文
(toneless); 现行盲文's tone cells, when a rule wants one, are the same four as the CBS's."""

ABBREVIATIONS = "的么你他她它"
"""The CBS's six shorthand characters (简写), as zhcn-cbs.ctb's header lists them."""

PUNCTUATION = (
    "——",
    "……",
    *"，。、：；？！“”‘’（）《》〈〉【】〔〕—…·～,.;:?!()[]-/@&#*%+='\"<>|_{}^`$~",
    *"°℃×÷±≤≥",
)


TONES: dict[int, str] = {}
"""Tone -> its mark, read off the CBS table first (`_tone_cells`)."""


def main() -> None:
    louis = load_louis()
    TONES.update(_tone_cells())
    data: dict[str, object] = {"liblouis": louis.version(), "systems": {}, "tones": TONES}
    cbs_chars = "".join(sorted(_signs("zhcn-cbs.ctb")))
    for system, table in SYSTEMS.items():
        spellings = _spellings(table)
        syllables = {s: counter.most_common(1)[0][0] for s, counter in spellings.items()}
        bases, unmarked = _rules(syllables, system == "cbs")
        # A tie between spellings goes to the one the scheme's rule gives.
        for syllable, counter in spellings.items():
            ranked = counter.most_common()
            ruled = _by_rule(syllable, bases, unmarked, system == "cbs")
            if len(ranked) > 1 and ranked[0][1] == ranked[1][1] and ruled in counter:
                syllables[syllable] = ruled
        counts = {s: [c[syllables[s]], sum(c.values())] for s, c in spellings.items()}
        characters = _own_tones(table, syllables, bases)
        initials, finals = _parts(bases)
        data["systems"][system] = {  # type: ignore[index]
            "table": table,
            "syllables": syllables,
            "bases": bases,
            "unmarked": unmarked,
            "initials": initials,
            "finals": finals,
            "votes": counts,
            "characters": characters,
            "abbreviations": {c: [_usual(c), translate(table, c)] for c in ABBREVIATIONS}
            if system == "cbs"
            else {},
            # Both systems take the CBS's marks (GF 0019-2018 §6): zh-chn.ctb's closing
            # quotation mark ⠔⠆ reads as the syllable a with the fourth tone, and its ·
            # as the final ing.
            "punctuation": {c: translate(SYSTEMS["cbs"], c) for c in PUNCTUATION},
            "before_number": _before_number(),
        }
    data["letters"] = {c: translate("zhcn-cbs.ctb", c) for c in "abcdefghijklmnopqrstuvwxyz"}
    data["accented"] = _accented()
    data["digits"] = {c: translate("zhcn-cbs.ctb", c)[-1] for c in "0123456789"}
    data["number_sign"] = translate("zhcn-cbs.ctb", "1")[0]
    data["capital"] = translate("zhcn-cbs.ctb", "A")[0]
    data["capital_word"] = translate("zhcn-cbs.ctb", "AB")[:2]
    data["letter_after_number"] = translate("zhcn-cbs.ctb", "1a")[2:-1]
    data["decimal_point"] = translate("zhcn-cbs.ctb", "3.14")[2]
    data["thousands"] = translate("zhcn-cbs.ctb", "1,000")[2]
    data["common"] = cbs_chars
    data["ascii"] = _ascii_braille()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", "utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


def _before_number() -> dict[str, str]:
    """Marks the CBS table writes otherwise before a number (： is ⠤ but ⠠⠄ before 2024)."""
    found = {}
    number = translate(SYSTEMS["cbs"], "2")
    for mark in PUNCTUATION:
        cells = translate(SYSTEMS["cbs"], mark + "2")
        if cells.endswith(number):
            cells = cells[: -len(number)].rstrip("\u2800")
            if cells and cells != translate(SYSTEMS["cbs"], mark).rstrip("\u2800"):
                found[mark] = cells
    return found


def _accented() -> dict[str, str]:
    """Latin letters with accents that liblouis spells (é ⠘⠌⠑, as UEB does), both cases."""
    found = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        if not char.isalpha():
            continue
        cells = translate(SYSTEMS["cbs"], char)
        if cells and all(ord(cell) < 0x2840 for cell in cells) and "\u2800" not in cells:
            found[char] = cells
    return found


def _usual(char: str) -> str:
    """A character's usual reading (pypinyin's first), as an engine syllable."""
    from pypinyin.constants import PINYIN_DICT

    return from_marked(PINYIN_DICT[ord(char)].split(",")[0])


def _ascii_braille() -> dict[str, str]:
    """Cell -> its North American Braille ASCII character, from liblouis's `en-us-brf.dis`."""
    found = {}
    for line in (TABLES_DIR / "en-us-brf.dis").read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0] == "display":
            char = " " if parts[1] == "\\s" else parts[1].encode().decode("unicode_escape")
            mask = 0 if parts[2] == "0" else sum(1 << (int(d) - 1) for d in parts[2])
            found[chr(0x2800 + mask)] = char
    return found


def _signs(table: str) -> set[str]:
    """The Han characters a table spells one by one (its `sign` entries)."""
    found = set()
    sign = re.compile(r"sign\s+\\x([0-9A-Fa-f]{4,5})\s")
    for line in (TABLES_DIR / table).read_text("utf-8").splitlines():
        if match := sign.match(line):
            char = chr(int(match.group(1), 16))
            if "\u3400" <= char <= "\u9fff":
                found.add(char)
    return found


def _tone_cells() -> dict[int, str]:
    """Each tone's mark: the last cell most of the CBS table's syllables of that tone end in
    (GF 0019-2018 writes the tone after the final, and leaves one tone per initial unmarked,
    so the mark outnumbers every final)."""
    last: dict[int, Counter[str]] = defaultdict(Counter)
    for syllable, counter in _spellings(SYSTEMS["cbs"]).items():
        tone = int(syllable[-1])
        if tone != 5:
            last[tone][counter.most_common(1)[0][0][-1]] += 1
    return {tone: counter.most_common(1)[0][0] for tone, counter in sorted(last.items())}


def _spellings(table: str) -> dict[str, Counter[str]]:
    """Toned syllable -> how liblouis spells each of its one-reading characters."""
    from pypinyin.constants import PINYIN_DICT

    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for char in sorted(_signs(table)):
        readings = PINYIN_DICT.get(ord(char), "")
        if not readings or "," in readings or char in ABBREVIATIONS:
            continue
        spellings[from_marked(readings)][translate(table, char)] += 1
    return dict(sorted(spellings.items()))


def _own_tones(
    table: str, syllables: dict[str, str], bases: dict[str, str]
) -> dict[str, list[str]]:
    """One-reading characters whose tone the table marks where the rule leaves it unmarked
    (在 ⠵⠪ but 再 ⠵⠪⠆, told apart): character -> [syllable, cells]. Not kept, so that every
    syllable reads back: a tone left unmarked where the rule marks it (加 ⠛⠫ would read
    jià), a wrong tone mark, or another initial or final (a reading the table gets wrong:
    the engine's reading wins)."""
    from pypinyin.constants import PINYIN_DICT

    own: dict[str, list[str]] = {}
    for char in sorted(_signs(table)):
        readings = PINYIN_DICT.get(ord(char), "")
        if not readings or "," in readings or char in ABBREVIATIONS:
            continue
        syllable = from_marked(readings)
        cells = translate(table, char)
        tone = int(syllable[-1])
        marked = bases.get(syllable[:-1], "") + TONES.get(tone, "")
        if tone != 5 and cells == marked and cells != syllables.get(syllable):
            own[char] = [syllable, cells]
    return own


def _by_rule(syllable: str, bases: dict[str, str], unmarked: dict[str, int], toned: bool) -> str:
    """A syllable spelled by the rule: its base, then its tone unless the rule omits it."""
    base, tone = syllable[:-1], int(syllable[-1])
    cells = bases.get(base, "")
    if not toned or tone == 5 or unmarked.get(initial_of(base)) == tone:
        return cells
    return cells + TONES[tone]


def _parts(bases: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The cells of each initial and each final, read off the syllables (for a syllable that
    no one-reading character spells: an initial's cell, then its final's)."""
    initials: dict[str, Counter[str]] = defaultdict(Counter)
    finals: dict[str, Counter[str]] = defaultdict(Counter)
    for base, cells in bases.items():
        initial = initial_of(base)
        if initial in ("", "y", "w") or len(cells) != 2:
            continue
        final = base[len(initial) :]
        if initial in "jqx" and final.startswith("u"):
            final = "v" + final[1:]  # ju is jü
        initials[initial][cells[0]] += 1
        finals[final][cells[1]] += 1
    return (
        {key: counter.most_common(1)[0][0] for key, counter in sorted(initials.items())},
        {key: counter.most_common(1)[0][0] for key, counter in sorted(finals.items())},
    )


def _rules(syllables: dict[str, str], toned: bool) -> tuple[dict[str, str], dict[str, int]]:
    """Each syllable's cells without a tone, and per initial the tone left unmarked."""
    tone_of_cell = {cell: tone for tone, cell in TONES.items()}
    bases: dict[str, Counter[str]] = defaultdict(Counter)
    unmarked: dict[str, Counter[int]] = defaultdict(Counter)
    for syllable, cells in syllables.items():
        base, tone = syllable[:-1], int(syllable[-1])
        marked = bool(cells) and tone_of_cell.get(cells[-1]) == tone
        bases[base][cells[:-1] if marked else cells] += 1
        if toned and not marked and tone != 5:
            unmarked[initial_of(base)][tone] += 1
    return (
        {base: counter.most_common(1)[0][0] for base, counter in sorted(bases.items())},
        {initial: counter.most_common(1)[0][0] for initial, counter in sorted(unmarked.items())},
    )


if __name__ == "__main__":
    main()
