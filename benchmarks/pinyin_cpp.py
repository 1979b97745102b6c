"""Pinyin accuracy on CPP (dev and test) and engine speed on a large real text.

Run on demand (never a timed test):

    python benchmarks/pinyin_cpp.py [--data ../shared/data/cpp] [--skip-g2pm]

Accuracy is measured on the one marked polyphonic character of each CPP sentence (labels:
numbered pinyin, `u:` for ü, 5 for the neutral tone). Compared: plain pypinyin
(`pinyin(..., Style.TONE3, neutral_tone_with_five=True)`), g2pM 0.1.2.5 as published, and our
engine, as shipped (neutral tones where 现代汉语词典 prints them) and with `neutral_tones=False`
(CPP's labels give 认识, 衣服, 弟弟 their citation tones). The engine was tuned on dev only.
Speed: all CPP sentences joined (~650,000 characters, ~1.9 MB UTF-8) read in one call, after a
warm-up; linearity: time for the first 0.25, 0.5 and 1 MB of that text.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "cpp"


def load(data: Path, split: str) -> list[tuple[str, int, str]]:
    sentences = (data / f"{split}.sent").read_text(encoding="utf-8").splitlines()
    labels = (data / f"{split}.lb").read_text(encoding="utf-8").splitlines()
    items = []
    for sentence, label in zip(sentences, labels, strict=True):
        if sentence:
            items.append((sentence.replace("▁", ""), sentence.index("▁"), label.replace("u:", "v")))
    return items


def accuracy(predict, items: list[tuple[str, int, str]]) -> tuple[float, float]:
    started = time.perf_counter()
    predictions = predict([s for s, _, _ in items], [i for _, i, _ in items])
    elapsed = time.perf_counter() - started
    right = sum(p == label for p, (_, _, label) in zip(predictions, items, strict=True))
    return right / len(items), elapsed


def plain_pypinyin(sentences: list[str], targets: list[int]) -> list[str]:
    from pypinyin import Style, pinyin

    out = []
    for sentence, i in zip(sentences, targets, strict=True):
        readings = pinyin(
            sentence,
            style=Style.TONE3,
            neutral_tone_with_five=True,
            errors=lambda text: [[c] for c in text],
        )
        out.append(readings[i][0].replace("ü", "v"))
    return out


def g2pm(sentences: list[str], targets: list[int]) -> list[str]:
    from g2pM import G2pM

    model = G2pM()
    return [
        model(s, char_split=True, tone=True)[i].replace("u:", "v")
        for s, i in zip(sentences, targets, strict=True)
    ]


def engine(neutral_tones: bool):
    from publish.pinyin import Engine

    reader = Engine(neutral_tones=neutral_tones)

    def predict(sentences: list[str], targets: list[int]) -> list[str | None]:
        analyses = reader.analyse_many(sentences)
        return [a.syllables[i] for a, i in zip(analyses, targets, strict=True)]

    return predict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--skip-g2pm", action="store_true", help="g2pM alone takes ~30 s")
    args = parser.parse_args()
    splits = {split: load(args.data, split) for split in ("dev", "test")}

    started = time.perf_counter()
    from publish.pinyin import Engine

    reader = Engine()
    reader.readings("预热")
    print(f"engine load (lexicon, rjieba, model): {time.perf_counter() - started:.2f} s")

    systems = [("pypinyin 0.55 plain", plain_pypinyin)]
    if not args.skip_g2pm:
        systems.append(("g2pM 0.1.2.5", g2pm))
    systems += [
        ("publish engine (as shipped)", engine(True)),
        ("publish engine, citation tones", engine(False)),
    ]
    for name, predict in systems:
        scores = {split: accuracy(predict, items) for split, items in splits.items()}
        print(f"{name:34s} dev {scores['dev'][0]:.2%}  test {scores['test'][0]:.2%}")

    text = "".join(s for items in splits.values() for s, _, _ in items)
    wall, cpu = time.perf_counter(), time.process_time()
    reader.readings(text)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    size = len(text.encode("utf-8")) / 1e6
    print(
        f"speed: {len(text):,} chars ({size:.2f} MB) in {wall:.2f} s wall, {cpu:.2f} s cpu: "
        f"{len(text) / wall:,.0f} chars/s ({len(text) / cpu:,.0f} per cpu second)"
    )
    encoded = text.encode("utf-8")
    base = None
    for megabytes in (0.25, 0.5, 1.0):
        part = encoded[: int(megabytes * 1e6)].decode("utf-8", errors="ignore")
        cpu = time.process_time()
        reader.readings(part)
        cpu = time.process_time() - cpu
        base = base or cpu / megabytes
        print(
            f"linear: {megabytes:.2f} MB ({len(part):,} chars) {cpu:.2f} s cpu, "
            f"{cpu / megabytes / base:.2f} x the 0.25 MB rate"
        )


if __name__ == "__main__":
    main()
