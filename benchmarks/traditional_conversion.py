"""Traditional editions: how right OpenCC's phrase-level conversion is, beside a character-by-
character baseline, and what a traditional build costs beside a simplified one.

Run on demand (never a timed test):

    python benchmarks/traditional_conversion.py [--runs 3]
    python benchmarks/traditional_conversion.py --extract CHECKOUT   # rewrite the test set

The test set (benchmarks/data/traditional-tw.tsv) is sentences written in traditional
characters by people in Taiwan: the zh-TW translation of the Python tutorial
(python-docs-zh-tw, its tutorial/*.po; PSF licence, as the Python documentation), every
sentence of at least 12 Han characters, in file order. Each sentence's simplified form is made
with OpenCC's `tw2s` (traditional to simplified is nearly one-to-one: 發 and 髮 both become 发),
then converted back, and each Han character is compared with what the translators wrote:

1. phrase level: `s2tw`, what `publish build --script tw --reading pinyin` uses (characters
   only; without readings `s2twp` also swaps words, 软件 -> 軟體, which a character count
   cannot score);
2. baseline: the same tables one character at a time (each character converted alone, so
   OpenCC's phrases never apply: 发 is always 發).

Then the time of `publish build` of the seed (PDF, EPUB, HTML; without and with pinyin) in
simplified and in `tw` characters: median of --runs whole commands each, alternating, as wall
time and as CPU time (user+sys of the command: the machine may be shared).
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data" / "traditional-tw.tsv"
SEED = ROOT / "examples" / "luyuan-interviews"
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
FILES = (
    "appetite", "interpreter", "introduction", "controlflow", "datastructures", "modules",
    "inputoutput", "errors", "classes", "stdlib", "floatingpoint", "whatnow",
)  # fmt: skip


def extract(checkout: Path) -> list[tuple[str, str]]:
    """(where, sentence) of every long enough sentence of the tutorial's translations."""
    found: list[tuple[str, str]] = []
    for name in FILES:
        path = checkout / "tutorial" / f"{name}.po"
        for line_number, text in _messages(path.read_text(encoding="utf-8")):
            for sentence in re.split(r"(?<=[。！？；])", _plain(text)):
                sentence = sentence.strip()
                if len(HAN.findall(sentence)) >= 12:
                    found.append((f"tutorial/{name}.po:{line_number}", sentence))
    return found


def _messages(po: str) -> list[tuple[int, str]]:
    """(line, text) of each translated message of a .po file."""
    messages = []
    lines = po.splitlines()
    index = 0
    while index < len(lines):
        if lines[index].startswith("msgstr "):
            start = index + 1
            parts = [lines[index][len("msgstr ") :]]
            index += 1
            while index < len(lines) and lines[index].startswith('"'):
                parts.append(lines[index])
                index += 1
            text = "".join(p.strip()[1:-1] for p in parts)
            text = text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")
            if HAN.search(text):
                messages.append((start, text))
        else:
            index += 1
    return messages


def _plain(text: str) -> str:
    """reST markup taken out (roles, literals, escapes), one line."""
    text = re.sub(r":[a-z:]+:`[^`]*`", "X", text)
    text = re.sub(r"``[^`]*``", "X", text)
    text = text.replace("\\ ", "").replace("::", "")
    return re.sub(r"\s+", " ", text)


def accuracy(pairs: list[tuple[str, str]]) -> dict[str, tuple[int, int, int]]:
    """Per system: (Han characters right, Han characters, sentences entirely right)."""
    import opencc

    simplify = opencc.OpenCC("tw2s").convert
    phrase = opencc.OpenCC("s2tw").convert
    systems = {
        "phrase (s2tw)": phrase,
        "character by character": lambda text: "".join(phrase(c) for c in text),
    }
    scores = {name: [0, 0, 0] for name in systems}
    for _, gold in pairs:
        simplified = simplify(gold)
        for name, convert in systems.items():
            made = convert(simplified)
            assert len(made) == len(gold), (gold, made)
            han = [(a, b) for a, b in zip(made, gold, strict=True) if HAN.match(b)]
            scores[name][0] += sum(a == b for a, b in han)
            scores[name][1] += len(han)
            scores[name][2] += made == gold
    return {name: (s[0], s[1], s[2]) for name, s in scores.items()}


def errors(pairs: list[tuple[str, str]], limit: int = 20) -> list[str]:
    """The phrase-level conversion's wrong characters, as gold→made in context."""
    import opencc

    simplify, phrase = opencc.OpenCC("tw2s").convert, opencc.OpenCC("s2tw").convert
    shown = []
    for _, gold in pairs:
        made = phrase(simplify(gold))
        for i, (a, b) in enumerate(zip(made, gold, strict=True)):
            if a != b and HAN.match(b):
                shown.append(f"{gold[max(0, i - 3) : i + 3]}: {b} → {a}")
    return shown[:limit]


def build_seconds(runs: int, *extra: str) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of `publish build` of the seed in simplified and in `tw`
    characters; the two alternate, so that the machine's other load falls on both alike."""
    times: dict[str, list[tuple[float, float]]] = {"simplified": [], "tw": []}
    for _ in range(runs):
        for script, found in times.items():
            with tempfile.TemporaryDirectory() as out:
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                started = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "publish", "build", str(SEED), "-o", out,
                     "--script", script, *extra],
                    check=True,
                    capture_output=True,
                )  # fmt: skip
                wall = time.perf_counter() - started
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
                found.append((wall, cpu))
    return {
        script: (statistics.median(w for w, _ in found), statistics.median(c for _, c in found))
        for script, found in times.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract", type=Path, help="a python-docs-zh-tw checkout")
    parser.add_argument("--runs", type=int, default=3, help="builds timed (0: none)")
    args = parser.parse_args()
    if args.extract:
        pairs = extract(args.extract)
        DATA.parent.mkdir(parents=True, exist_ok=True)
        DATA.write_text(
            "where\tsentence\n" + "".join(f"{w}\t{s}\n" for w, s in pairs), encoding="utf-8"
        )
        print(f"{DATA}: {len(pairs)} sentences")
    rows = DATA.read_text(encoding="utf-8").splitlines()[1:]
    pairs = [tuple(row.split("\t", 1)) for row in rows]
    print(f"{len(pairs)} sentences with known traditional forms ({DATA.name})")
    for name, (right, total, whole) in accuracy(pairs).items():  # type: ignore[arg-type]
        print(
            f"  {name}: {right}/{total} Han characters right ({100 * right / total:.2f} %), "
            f"{whole}/{len(pairs)} sentences entirely right"
        )
    print("  phrase-level errors (gold → made):")
    for line in errors(pairs):  # type: ignore[arg-type]
        print(f"    {line}")
    if not args.runs:
        return 0
    for extra in ((), ("--pinyin",)):
        found = build_seconds(args.runs, *extra)
        (wall_s, cpu_s), (wall_t, cpu_t) = found["simplified"], found["tw"]
        print(
            f"seed, PDF+EPUB+HTML{' with pinyin' if extra else ''}, median of {args.runs}: "
            f"simplified {wall_s:.2f} s wall / {cpu_s:.2f} s CPU, tw {wall_t:.2f} s / "
            f"{cpu_t:.2f} s ({cpu_t / cpu_s:.2f}x CPU)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
