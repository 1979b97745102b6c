"""Pinyin accuracy on running text: every character of every sentence, systems side by side.

Run on demand (never a timed test; needs ../shared data, npm for pinyin-pro):

    python benchmarks/pinyin_text.py [--sets thchs30-dev,thchs30-test,cpp-test,examples]
                                     [--systems engine,pypinyin,...] [--errors N]

Sets:
- thchs30-dev / thchs30-test: THCHS-30's prompt sentences (../shared/data/thchs30), a reading for
  every character; ids 0000-0749 are its train prompts (our dev: every rule, threshold and
  lexicon was chosen on these), 0750-0999 its test prompts (reported apart, never tuned on).
- cpp-test: CPP test (../shared/data/cpp), one polyphone per sentence, scored on that character.
- examples: the project's own examples, proofread by hand (tests/pinyin/fixtures/examples.tsv).
- everyday-dev: everyday sentences written around the issue's polyphones, checked by hand
  (benchmarks/data/pinyin-everyday.tsv): a dev set, the rules of 2026-12-04 were found on it.
- cpp-dev: CPP dev, like cpp-test (tuned on).
- pinyin-pro-story: the story of pinyin-pro's own accuracy test (its repository's
  `packages/pinyin-pro/scripts/benchmark/accuracy.ts`, given with --pinyin-pro-accuracy), a
  reading for every character, 一/不 sandhi written.

Systems: the engine (sandhi on, as printed), plain pypinyin 0.55, g2pM 0.1.2.5, pinyin-pro
(npm, bare and with `@pinyin-pro/data/complete`) through `benchmarks/pinyin_pro.mjs`, and
pypinyin or the engine with pypinyin-dict's phrase packs loaded, written `pypinyin+cc_cedict`,
`engine+cc_cedict+large_pinyin` (packs load into pypinyin's tables for the whole process: one
set of packs per run, after the systems without).

Speed: characters of the set (all of them, scored or not) per second of wall time and per CPU
second of this process, the whole set given at once (batched), after a one-sentence warm-up (a
system's load is not counted; words met for the first time are).

Scores, per character and per whole sentence:
- raw: the syllable with its tone exactly as labelled;
- syllable: the letters right, tone ignored ("wrong syllables" count these errors);
- forgiven: the tone right once conventions are forgiven. The forgiving rules: (1) a neutral
  tone (5) on either side matches any tone of the same letters (THCHS-30 writes 十 shi5 in
  numbers, dictionaries differ on 轻声); (2) 一 and 不 match any tone of the same letters (their
  sandhi is written inconsistently in the labels); (3) a labelled 2 where the system gives 3
  and the next character is labelled 3 or 2-from-3 (3-3 sandhi, which THCHS-30 writes inside
  words and the engine, following the printed-dictionary convention, does not).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
PINYIN_PRO = ROOT / ".cache" / "pinyin-pro"
PINYIN_PRO_PACKAGES = ("pinyin-pro", "@pinyin-pro/data")

Item = tuple[str, tuple[str | None, ...]]
"""A sentence and its gold syllable per character (None: not scored)."""
Predict = Callable[[Sequence[str]], list[list[str | None]]]
"""Sentences in, one engine-spelled syllable (or None) per character out."""


# --------------------------------------------------------------------------- sets


def thchs30(split: str) -> list[Item]:
    items = []
    lines = (SHARED / "thchs30" / "sentences.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        ident, sentence, labels = line.split("\t")
        number = int(ident.rsplit("_", 1)[1])
        if (number < 750) == (split == "dev"):
            syllables = tuple(labels.split())
            assert len(syllables) == len(sentence), ident
            items.append((sentence, syllables))
    return items


def cpp(split: str) -> list[Item]:
    data = SHARED / "cpp"
    sentences = (data / f"{split}.sent").read_text(encoding="utf-8").splitlines()
    labels = (data / f"{split}.lb").read_text(encoding="utf-8").splitlines()
    items = []
    for sentence, label in zip(sentences, labels, strict=True):
        if sentence:
            at = sentence.index("▁")
            plain = sentence.replace("▁", "")
            gold: list[str | None] = [None] * len(plain)
            gold[at] = label.replace("u:", "v")
            items.append((plain, tuple(gold)))
    return items


def tsv(path: Path) -> list[Item]:
    """`sentence<TAB>syllables` lines; a syllable per Han character, `-` for others."""
    from publish.pinyin.segmentation import HAN

    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, labels = line.split("\t")[-2:]
        syllables = iter(labels.split())
        gold = tuple(next(syllables) if HAN.fullmatch(c) else None for c in sentence)
        items.append((sentence, gold))
    return items


def pinyin_pro_story(accuracy_ts: Path) -> list[Item]:
    """pinyin-pro's own accuracy story (`packages/pinyin-pro/scripts/benchmark/accuracy.ts` in
    its repository, MIT): its text and its tone-marked reading, one token per Han character
    and one per run of other characters, cut into sentences here."""
    import re

    from publish.pinyin.segmentation import HAN
    from publish.pinyin.styles import from_marked

    source = accuracy_ts.read_text(encoding="utf-8")
    reading = re.search(r"correctPinyin = `([^`]*)`", source)
    text = re.search(r"\btext = `([^`]*)`", source)
    assert reading is not None and text is not None, accuracy_ts
    tokens = iter(reading.group(1).split(" "))
    gold: list[str | None] = []
    for run in re.finditer(f"{HAN.pattern}|[^{HAN.pattern[1:-2]}]+", text.group(1)):
        if HAN.fullmatch(run.group()[0]):
            for _ in run.group():
                syllable = from_marked(next(tokens))
                assert syllable is not None, run
                gold.append(syllable)
        else:
            next(tokens)  # a run of other characters is one token
            gold += [None] * len(run.group())
    plain = text.group(1)
    items = []
    start = 0
    for match in re.finditer(r"[。！？]+[”]?", plain):
        items.append((plain[start : match.end()], tuple(gold[start : match.end()])))
        start = match.end()
    if start < len(plain):
        items.append((plain[start:], tuple(gold[start:])))
    return items


SETS: dict[str, Callable[[], list[Item]]] = {
    "thchs30-dev": lambda: thchs30("dev"),
    "thchs30-test": lambda: thchs30("test"),
    "cpp-test": lambda: cpp("test"),
    "examples": lambda: tsv(ROOT / "tests" / "pinyin" / "fixtures" / "examples.tsv"),
    "everyday-dev": lambda: tsv(ROOT / "benchmarks" / "data" / "pinyin-everyday.tsv"),
    "cpp-dev": lambda: cpp("dev"),
}


# --------------------------------------------------------------------------- systems


def engine(**options: object) -> Predict:
    from publish.pinyin import Engine

    reader = Engine(style="number", **options)  # type: ignore[arg-type]

    def predict(sentences: Sequence[str]) -> list[list[str | None]]:
        return [list(a.syllables) for a in reader.analyse_many(sentences)]

    return predict


def load_packs(packs: Sequence[str]) -> None:
    """pypinyin-dict's phrase packs into pypinyin's phrase table (which the engine reads too),
    in order, later ones winning. Process-wide: run one set of packs per process."""
    for pack in packs:
        module = __import__(f"pypinyin_dict.phrase_pinyin_data.{pack}", fromlist=["load"])
        module.load()


def pypinyin_system() -> Predict:
    import pypinyin

    def predict(sentences: Sequence[str]) -> list[list[str | None]]:
        out = []
        for sentence in sentences:
            readings = pypinyin.pinyin(
                sentence,
                style=pypinyin.Style.TONE3,
                neutral_tone_with_five=True,
                errors=lambda text: [["\x00"] for _ in text],
            )
            out.append([None if r[0] == "\x00" else r[0] for r in readings])
        return out

    return predict


def g2pm() -> Predict:
    from g2pM import G2pM

    model = G2pM()

    def predict(sentences: Sequence[str]) -> list[list[str | None]]:
        out = []
        for sentence in sentences:
            found = model(sentence, char_split=True, tone=True)
            pairs = zip(found, sentence, strict=True)
            out.append([s.replace("u:", "v") if s != c else None for s, c in pairs])
        return out

    return predict


def pinyin_pro(complete: bool) -> Predict:
    if not (PINYIN_PRO / "node_modules" / "pinyin-pro").exists():
        PINYIN_PRO.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--prefix",
                str(PINYIN_PRO),
                "pinyin-pro",
                "@pinyin-pro/data",
            ],
            check=True,
        )

    def predict(sentences: Sequence[str]) -> list[list[str | None]]:
        script = ROOT / "benchmarks" / "pinyin_pro.mjs"
        result = subprocess.run(
            ["node", str(script), str(PINYIN_PRO), "complete" if complete else "bare"],
            input="\n".join(s.replace("\n", " ") for s in sentences),
            capture_output=True,
            text=True,
            check=True,
        )
        return [
            [None if s == "-" else s for s in line.split(" ")]
            for line in result.stdout.splitlines()
        ]

    return predict


SYSTEMS: dict[str, Callable[[], Predict]] = {
    "engine": engine,
    "pypinyin": pypinyin_system,
    "g2pM": g2pm,
    "pinyin-pro": lambda: pinyin_pro(False),
    "pinyin-pro+complete": lambda: pinyin_pro(True),
}


# --------------------------------------------------------------------------- scoring


def forgiven(char: str, gold: str, guess: str, next_gold: str | None) -> bool:
    """Whether `guess` matches `gold` once the conventions in the module docstring are forgiven."""
    if gold == guess:
        return True
    if gold[:-1] != guess[:-1]:
        return False
    if "5" in (gold[-1], guess[-1]) or char in "一不":
        return True
    return gold[-1] == "2" and guess[-1] == "3" and next_gold is not None and next_gold[-1] in "23"


def score(items: Sequence[Item], guesses: Sequence[Sequence[str | None]]) -> dict[str, float]:
    chars = raw = syllable = soft = 0
    sentences_raw = sentences_syllable = sentences_soft = 0
    for (sentence, gold), guess in zip(items, guesses, strict=True):
        ok_raw = ok_syllable = ok_soft = True
        for k, (char, label) in enumerate(zip(sentence, gold, strict=True)):
            if label is None:
                continue
            found = guess[k] if k < len(guess) else None
            chars += 1
            following = gold[k + 1] if k + 1 < len(gold) else None
            if found == label:
                raw += 1
            else:
                ok_raw = False
            if found is not None and found[:-1] == label[:-1]:
                syllable += 1
            else:
                ok_syllable = False
            if found is not None and forgiven(char, label, found, following):
                soft += 1
            else:
                ok_soft = False
        sentences_raw += ok_raw
        sentences_syllable += ok_syllable
        sentences_soft += ok_soft
    n = len(items)
    return {
        "chars": chars,
        "wrong syllables": chars - syllable,
        "raw": raw / chars,
        "syllable": syllable / chars,
        "forgiven": soft / chars,
        "sentences raw": sentences_raw / n,
        "sentences syllable": sentences_syllable / n,
        "sentences forgiven": sentences_soft / n,
    }


def errors(items: Sequence[Item], guesses: Sequence[Sequence[str | None]]) -> list[str]:
    """Wrong syllables grouped as `char gold->guess`, most frequent first, with contexts."""
    found: dict[str, list[str]] = {}
    for (sentence, gold), guess in zip(items, guesses, strict=True):
        for k, (char, label) in enumerate(zip(sentence, gold, strict=True)):
            got = guess[k] if k < len(guess) else None
            if label is not None and (got is None or got[:-1] != label[:-1]):
                context = f"{sentence[max(0, k - 6) : k]}[{char}]{sentence[k + 1 : k + 7]}"
                found.setdefault(f"{char} {label}->{got}", []).append(context)
    ranked = sorted(found.items(), key=lambda item: -len(item[1]))
    return [f"{len(c):3d} {key}  {' / '.join(c[:4])}" for key, c in ranked]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default="thchs30-dev,thchs30-test,cpp-test,examples")
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument(
        "--pinyin-pro-accuracy",
        type=Path,
        help="pinyin-pro's packages/pinyin-pro/scripts/benchmark/accuracy.ts (its story is a set)",
    )
    parser.add_argument("--errors", type=int, default=0, help="print this many errors per set")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    sets = {name: SETS[name]() for name in args.sets.split(",")}
    if args.pinyin_pro_accuracy:
        sets["pinyin-pro-story"] = pinyin_pro_story(args.pinyin_pro_accuracy)
    table = []
    loaded = None
    for system in args.systems.split(","):
        # `pypinyin+cc_cedict+large_pinyin`, `engine+large_pinyin`: with those packs loaded.
        base, *packs = system.split("+") if not system.startswith("pinyin-pro") else (system,)
        if packs:
            if loaded not in (None, packs):
                raise SystemExit("one set of pypinyin-dict packs per run: run again for another")
            load_packs(packs)
            loaded = packs
        predict = SYSTEMS[base]()
        predict(["预热一下。"])  # what loads on first use (dictionaries, the model) is not timed
        for name, items in sets.items():
            started, cpu_started = time.perf_counter(), time.process_time()
            guesses = predict([s for s, _ in items])
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu_started  # this process only: not Node's
            figures = score(items, guesses)
            size = sum(len(s) for s, _ in items)
            table.append(
                {"system": system, "set": name, "seconds": elapsed, "cpu seconds": cpu, **figures}
            )
            sentence_figures = ""
            if not name.startswith("cpp"):
                sentence_figures = " sent raw {:.1%} syl {:.1%} fgv {:.1%}".format(
                    *(figures[f"sentences {kind}"] for kind in ("raw", "syllable", "forgiven"))
                )
            print(
                f"{system:20s} {name:13s} wrong syl {figures['wrong syllables']:5d} "
                f"char raw {figures['raw']:.2%} syl {figures['syllable']:.2%} "
                f"fgv {figures['forgiven']:.2%}{sentence_figures}"
                f"  {size / elapsed:,.0f} chars/s ({size / max(cpu, 1e-9):,.0f} per CPU s)",
                flush=True,
            )
            if args.errors:
                for line in errors(items, guesses)[: args.errors]:
                    print(f"    {line}")
    if args.json:
        args.json.write_text(json.dumps(table, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
