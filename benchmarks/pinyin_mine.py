"""Mine unlabelled text for readings where the engine disagrees with both pypinyin and pinyin-pro.

Run on demand (never a test; needs ../shared data and npm for pinyin-pro):

    python benchmarks/pinyin_mine.py [--top N] [--examples K] [--out groups.txt] [FILE ...]

The corpus, train and dev material only (never a test set): CPP dev's sentences
(../shared/data/cpp/dev.sent, the ▁ marks removed; CPP's train split is not in ../shared),
THCHS-30's train prompts (ids 0000-0749 of ../shared/data/thchs30/sentences.tsv, its labels
unused), the seed articles (../shared/seeds/*.txt), and any FILE given (one text a line).

Every Han character is read by the engine (sandhi off), by pinyin-pro with
@pinyin-pro/data/complete and by pypinyin (phrase mode, TONE3, neutral tone as 5). A character
is kept where pypinyin and pinyin-pro agree with each other and the engine differs from both,
a neutral tone on either side matching any tone of the same letters (the engine follows
现代汉语词典's neutral tones by design) and 一/不 left out (sandhi). Kept characters are grouped
by (character, engine reading, others' reading, the engine's word around it), most frequent
first, each with the engine's source (lexicon, rule, model) and a few contexts. The other
systems' readings are cached in .cache/pinyin-mine/ (they do not change as the engine does).
Most groups are the other systems' errors or proper nouns: read each before fixing anything.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pinyin_text import SHARED, Predict, pinyin_pro, pypinyin_system

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "pinyin-mine"


def corpus(extra: list[Path]) -> list[str]:
    """The mining texts, one a line, duplicates left out."""
    texts = [
        line.replace("▁", "")
        for line in (SHARED / "cpp" / "dev.sent").read_text(encoding="utf-8").splitlines()
    ]
    for line in (SHARED / "thchs30" / "sentences.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        ident, sentence, _ = line.split("\t")
        if int(ident.rsplit("_", 1)[1]) < 750:  # train prompts only
            texts.append(sentence)
    for path in [*sorted((SHARED.parent / "seeds").glob("*.txt")), *extra]:
        texts += path.read_text(encoding="utf-8").splitlines()
    seen: set[str] = set()
    return [t for t in texts if t.strip() and not (t in seen or seen.add(t))]


def cached(
    name: str, texts: list[str], predict_of: Callable[[], Predict]
) -> list[list[str | None]]:
    key = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    path = CACHE / f"{name}-{key}.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    found = predict_of()(texts)
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    return found


def same(a: str | None, b: str | None) -> bool:
    """Equal readings, a neutral tone matching any tone of the same letters."""
    if a is None or b is None:
        return a == b
    return a == b or (a[:-1] == b[:-1] and "5" in (a[-1], b[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--top", type=int, default=200, help="groups to print")
    parser.add_argument("--examples", type=int, default=3, help="contexts per group")
    parser.add_argument("--out", type=Path, help="write the groups here instead of stdout")
    args = parser.parse_args()

    from publish.pinyin import Engine

    texts = corpus(args.files)
    pro = cached("pinyin-pro-complete", texts, lambda: pinyin_pro(True))
    py = cached("pypinyin", texts, pypinyin_system)
    analyses = Engine(style="number", sandhi=False).analyse_many(texts)

    groups: Counter[tuple[str, str, str, str, str]] = Counter()
    contexts: dict[tuple[str, str, str, str, str], list[str]] = {}
    han = 0
    for text, analysis, pro_line, py_line in zip(texts, analyses, pro, py, strict=True):
        word_at = {}
        for start, end in analysis.spans:
            for k in range(start, end):
                word_at[k] = text[start:end]
        for k, (char, ours) in enumerate(zip(text, analysis.syllables, strict=True)):
            if ours is None:
                continue
            han += 1
            theirs, other = pro_line[k], py_line[k]
            if char in "一不" or theirs is None or not same(theirs, other):
                continue
            if same(ours, theirs) or same(ours, other):
                continue
            source = analysis.sources[k] if analysis.sources else "?"
            key = (char, ours, theirs if theirs[-1] != "5" else other, word_at[k], source)
            groups[key] += 1
            context = f"{text[max(0, k - 8) : k]}[{char}]{text[k + 1 : k + 9]}"
            contexts.setdefault(key, []).append(context)

    lines = [
        f"# {len(texts)} texts, {han} Han characters, {sum(groups.values())} disagreements "
        f"in {len(groups)} groups (char engine others word source)"
    ]
    for key, count in groups.most_common(args.top):
        shown = " / ".join(contexts[key][: args.examples])
        lines.append(f"{count:4d} {' '.join(key)}  {shown}")
    output = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)


if __name__ == "__main__":
    main()
