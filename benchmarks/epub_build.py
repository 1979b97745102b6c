"""The EPUB: build time of a 100-article collection beside Pandoc's, and the seed's size.

Run on demand (never a timed test):

    python benchmarks/epub_build.py [--data ../shared/data/cpp] [--runs 5] [--profile]

Two collections of 100 articles are composed in a temporary folder: (a) "seed": the seed
article 100 times, each with its own title (the seed's length and its 612 distinct
characters); (b) "cpp": the seed's structure (three interviewee sections, two-line headings)
with its paragraphs replaced by real sentences from CPP's dev set, about as long (some 3,200
distinct characters, so realistic font subsets). Each figure is the median of whole commands,
start-up included, measured side by side in one run, as wall time and as CPU time (user+sys
of the child: the machine may be shared):

1. Pandoc 2.17: `pandoc -o book.epub articles/*.md` (no pinyin, no font);
2. `publish build -f epub --no-embed-font` (no pinyin, no font): goal within 2x Pandoc;
3. `publish build -f epub --pinyin` with the embedded font subset: goal under 3 s;
4. the seed's example, `publish build -f epub` (font embedded): its size, goal under 400 KB.

Then the CPU time of (3) on (a) in-process (at the build's garbage-collector thresholds),
split into the pipeline's steps and, inside the EPUB builder, rendering and cutting the fonts
(another process finds the characters the documents show and cuts the faces while the
documents render: the builder's wall time is given too).
`--profile` prints a pyinstrument profile of one in-process build of (3) on (b).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "luyuan-interviews"
DATA = ROOT.parent / "shared" / "data" / "cpp"
CATEGORIES = ["要闻动态/领导活动", "要闻动态/部门动态", "通知公告", "政策解读/文件", "便民服务"]
_PARAGRAPH = re.compile(r"^(?![#:>\-|!]|$)(.+)$", re.MULTILINE)


def compose(folder: Path, data: Path, count: int = 100) -> Path:
    """`count` articles shaped like the seed, their paragraphs real CPP sentences."""
    seed = (SEED / "articles" / "lingdao-fangtan.md").read_text(encoding="utf-8")
    body = seed.split("\n---\n", 1)[1]
    sentences = [
        line.replace("\u2581", "").strip()
        for line in (data / "dev.sent").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    (folder / "articles").mkdir(parents=True)
    (folder / "publish.yaml").write_text(
        "title: 基准文集\npublisher: 基准\ndate: '2018-11-16'\narticles: [articles/*.md]\n",
        encoding="utf-8",
    )
    cursor = 0
    for number in range(1, count + 1):

        def paragraph(match: re.Match[str]) -> str:
            nonlocal cursor
            length, text = len(match.group(1)), ""
            while len(text) < length:
                text += sentences[cursor % len(sentences)]
                cursor += 1
            return text

        text = _PARAGRAPH.sub(paragraph, body)
        head = (
            f"---\ntitle: 第{number}篇 访谈\ndate: 2018-11-{1 + number % 28:02d} 09:15\n"
            f"source: 基准\ncategory: {CATEGORIES[number % len(CATEGORIES)]}\n"
        )
        (folder / "articles" / f"a{number:03d}.md").write_text(
            head + "---\n" + text, encoding="utf-8"
        )
    return folder


def seed_copies(folder: Path, count: int = 100) -> Path:
    """The seed article `count` times, each with its own title, date and category."""
    seed = (SEED / "articles" / "lingdao-fangtan.md").read_text(encoding="utf-8")
    (folder / "articles").mkdir(parents=True)
    (folder / "publish.yaml").write_text(
        "title: 基准文集\npublisher: 基准\ndate: '2018-11-16'\narticles: [articles/*.md]\n",
        encoding="utf-8",
    )
    for number in range(1, count + 1):
        text = seed.replace("title: ", f"title: 第{number}篇 ", 1).replace(
            "category: 要闻动态/领导活动", f"category: {CATEGORIES[number % len(CATEGORIES)]}"
        )
        (folder / "articles" / f"a{number:03d}.md").write_text(text, encoding="utf-8")
    return folder


def timed(command: list[str], runs: int, cwd: Path) -> tuple[float, float]:
    """The median wall and CPU (user+sys) time of `command` over `runs` runs, after a warm-up."""
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (pinyin and fonts fork)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def steps(project: Path) -> dict[str, float]:
    """CPU seconds of each step of an in-process build with pinyin and the font subset."""
    import publish.builders.epub.book as book
    import publish.fonts.embed as fonts_embed
    from publish.builders import Edition
    from publish.builders.epub import EpubBuilder
    from publish.fonts.coverage import check_coverage
    from publish.layouts import environment
    from publish.pinyin.annotate import annotate_collection
    from publish.pipeline import GC_THRESHOLDS, load

    spent: dict[str, float] = {}

    def clocked(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            started = _cpu()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + _cpu() - started

        return run

    cutting = "  cutting the fonts (other processes, counted when waited for)"
    finding = "  finding the characters the documents show"

    def start_subsets(*args: Any, **kwargs: Any) -> Callable[[], Any]:
        return clocked(cutting, clocked(cutting, originals[1])(*args, **kwargs))

    logging.getLogger("publish").setLevel(logging.ERROR)
    originals = (
        book.render,
        fonts_embed.start_subsets,
        fonts_embed.used_text,
        fonts_embed.markup_text,
        gc.get_threshold(),
    )
    book.render = clocked("  rendering the documents", book.render)
    fonts_embed.start_subsets = start_subsets
    fonts_embed.used_text = clocked(finding, fonts_embed.used_text)
    fonts_embed.markup_text = clocked(finding, fonts_embed.markup_text)
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        loaded = clocked("load the sources", load)(project)
        settings = loaded.settings.updated({"pinyin": True, "formats": "epub"})
        fallbacks = clocked("font coverage", check_coverage)(loaded.collection, settings)
        collection = clocked("pinyin", annotate_collection)(loaded.collection, settings)
        edition = Edition(collection, settings, environment(loaded.layouts), fallbacks)
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            clocked("EPUB builder", EpubBuilder().build)(edition, Path(out))
            spent["EPUB builder, wall time"] = time.perf_counter() - started
    finally:
        (
            book.render,
            fonts_embed.start_subsets,
            fonts_embed.used_text,
            fonts_embed.markup_text,
            thresholds,
        ) = originals
        gc.set_threshold(*thresholds)
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    publish = [sys.executable, "-m", "publish", "build"]
    pandoc = shutil.which("pandoc")
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        collections = {
            "seed": seed_copies(work / "seed"),
            "cpp": compose(work / "cpp", args.data),
        }
        print(f"median of {args.runs} runs; wall time (CPU time)\n")
        print("| collection | build | time | EPUB size |\n| --- | --- | ---: | ---: |")
        for name, project in collections.items():
            articles = sorted(str(p) for p in (project / "articles").glob("*.md"))
            rows = []
            if pandoc:
                book = work / f"{name}-pandoc.epub"
                version = subprocess.run([pandoc, "--version"], capture_output=True, text=True)
                wall, cpu = timed([pandoc, "-o", str(book), *articles], args.runs, work)
                rows.append((version.stdout.split("\n")[0], wall, cpu, book.stat().st_size))
            for label, flags in (
                ("publish, no pinyin, no font", ["--no-embed-font"]),
                ("publish, pinyin, font subset", ["--pinyin"]),
            ):
                out = work / f"{name}-{len(rows)}"
                command = [*publish, str(project), "-f", "epub", "-o", str(out), *flags]
                wall, cpu = timed(command, args.runs, work)
                rows.append((label, wall, cpu, next(out.glob("*.epub")).stat().st_size))
            for label, wall, cpu, size in rows:
                print(f"| {name} | {label} | {wall:.2f} s ({cpu:.2f} s) | {size / 1024:.0f} KB |")
            if pandoc:
                print(
                    f"| {name} | publish / Pandoc, no pinyin, no font | "
                    f"{rows[1][1] / rows[0][1]:.2f}x ({rows[1][2] / rows[0][2]:.2f}x) | |"
                )
        out = work / "example"
        wall, cpu = timed([*publish, str(SEED), "-f", "epub", "-o", str(out)], args.runs, work)
        size = (out / "luyuan-interviews.epub").stat().st_size
        print(
            f"| the seed's example | publish, font subset | {wall:.2f} s ({cpu:.2f} s) | "
            f"{size / 1024:.0f} KB |"
        )

        print("\nCPU seconds by step, seed collection, pinyin and font subset, in-process:\n")
        for step, seconds in steps(collections["seed"]).items():
            print(f"- {step}: {seconds:.2f} s")

        if args.profile:
            from pyinstrument import Profiler

            from publish.pipeline import build

            profiler = Profiler()
            with profiler:
                build(collections["cpp"], work / "profiled", formats="epub", pinyin=True)
            print(profiler.output_text(unicode=True, color=False))


if __name__ == "__main__":
    main()
